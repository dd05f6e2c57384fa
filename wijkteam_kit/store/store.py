"""The one place user data is saved: SQLite by default, or a shared database server through a URL.

A `Store` keeps teams, pseudonymous participants and submissions (a competence scan, a development plan,
a ZRM exercise, a network map, …; the content is a JSON object). Every write is committed before the call
returns, so what was submitted survives the app being closed or the server being killed.

Examples
--------
>>> store = Store(":memory:")
>>> code = store.create_team("Team Noord", "koffie-om-tien")
>>> kim = store.add_participant("Kim", team=code)
>>> scan = store.submit("competentiescan", kim.id, {"samenwerken": 4, "voorbeeld": "overleg met Zoë"})
>>> [s.payload["samenwerken"] for s in store.submissions("competentiescan", deelnemer_id=kim.id)]
[4]
>>> store.verify_team_secret(code, "koffie-om-tien"), store.verify_team_secret(code, "thee")
(True, False)
>>> store.close()
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from wijkteam_kit.errors import StoreError
from wijkteam_kit.store import location, schema
from wijkteam_kit.store import migrations as migraties
from wijkteam_kit.store.exchange import (
    BACKUP_TABLES,
    exists,
    export_data,
    insert_new,
    require_participant,
    submission_rows,
)
from wijkteam_kit.store.schema import (
    Deelnemer,
    Inzending,
    Team,
    deelnemers,
    inzendingen,
    sessie_deelnames,
    teams,
)
from wijkteam_kit.store.schrijfbeurt import Schrijfbeurt

__all__ = ["Store"]


class Store:
    """Saved teams, participants and submissions, in SQLite (default) or a database server.

    Parameters
    ----------
    url : str, Path or None
        None: ``$WIJKTEAM_DATABASE_URL`` when set, else the file ``wijkteam.db`` in `default_data_dir`;
        a path: an SQLite file there (folders are made when missing); ``":memory:"``: a
        temporary database for examples and tests; a text with ``://``: a SQLAlchemy URL such as
        ``postgresql+psycopg://user:password@server/wijkteam`` (needs ``pip install wijkteam-kit[postgres]``).

    Raises
    ------
    StoreError
        When the file is not a database, the database is newer than this version of the kit, or the server
        cannot be reached.
    """

    def __init__(self, url: str | Path | None = None) -> None:
        self._url, self._path, self._label = location.locate(url)
        try:
            self._engine = migraties.open_engine(self._url)
        except (ImportError, SQLAlchemyError) as exc:
            raise migraties.open_error(self._label, None, exc, engine=True) from exc
        self._closed = False
        # ":memory:" is one connection shared by all threads: let them take turns
        self._turns: AbstractContextManager[Any] = (
            threading.RLock()
            if self._url.get_backend_name() == "sqlite" and self._url.database in (None, "", ":memory:")
            else nullcontext()
        )
        database = self._url.database if self._url.get_backend_name() == "sqlite" else None
        self._schrijfbeurt: AbstractContextManager[Any] = (
            Schrijfbeurt(Path(database)) if database not in (None, "", ":memory:") else nullcontext()
        )  # writers of one file take turns without SQLite's sleeping busy handler (a room hands in at once)
        self._open = threading.local()  # the transaction this thread has open: inner ones take part in it
        try:
            with self._engine.connect() as conn:
                current = migraties.schema_version(conn)
            if current != migraties.SCHEMA_VERSIE:
                with self._transaction("het bijwerken van de database", write=True) as conn:
                    migraties.migrate(conn, self._label)
        except StoreError:
            self.close()
            raise
        except (SQLAlchemyError, sqlite3.Error) as exc:
            self.close()
            raise migraties.open_error(self._label, self._path, exc) from exc

    @property
    def url(self) -> str:
        """The database URL (a password is shown as ``***``)."""
        return self._url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for ``:memory:`` and database servers."""
        return self._path

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards."""
        self._closed = True
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def label(self) -> str:
        """How messages name this store: the SQLite file, or the URL without its password."""
        return self._label

    @contextmanager
    def transaction(self, what: str, *, write: bool = False) -> Iterator[Connection]:
        """A connection in one transaction: committed at the end of the block, rolled back on an error.

        ``what`` names the action in the `StoreError` a database error becomes (``"een sessie openen"``);
        ``write=True`` takes the SQLite write lock at the start (``BEGIN IMMEDIATE``), so writers take turns.

        A transaction opened while this thread already has one open takes part in the outer one: several
        actions that belong together (handing in an answer, keeping the calibration, removing the draft) are
        one write transaction, saved together or not at all, and take the write lock once. Writing inside an
        outer *reading* transaction is a programming error.

        >>> store = Store(":memory:")
        >>> with store.transaction("tellen") as conn:
        ...     conn.exec_driver_sql("SELECT COUNT(*) FROM deelnemers").scalar()
        0
        >>> with store.transaction("twee dingen", write=True) as outer:
        ...     with store.transaction("het eerste", write=True) as inner:
        ...         inner is outer
        True
        """
        if self._closed:
            raise StoreError(f"{self._label}: deze opslag is al gesloten; open hem opnieuw met Store(...)")
        outer = getattr(self._open, "conn", None)
        if outer is not None:
            if write and not self._open.write:
                raise RuntimeError(f"{what}: schrijven binnen een leestransactie van dezelfde thread")
            try:
                yield outer
            except SQLAlchemyError as exc:
                raise StoreError(
                    f"{self._label}: {what} is niet gelukt ({migraties.error_reason(exc)}). Er is niets veranderd."
                ) from exc
            return
        afterwards: list[Callable[[], None]] = []
        try:
            with self._schrijfbeurt if write else nullcontext(), self._turns, self._engine.connect() as conn:
                if write:
                    conn.execution_options(**{migraties.WRITE_OPTION: True})
                with conn.begin():
                    self._open.conn, self._open.write, self._open.afterwards = conn, write, afterwards
                    try:
                        yield conn
                    finally:
                        self._open.conn = self._open.afterwards = None
        except SQLAlchemyError as exc:
            after = " Er is niets veranderd." if write else ""
            raise StoreError(
                f"{self._label}: {what} is niet gelukt ({migraties.error_reason(exc)}).{after}"
            ) from exc
        for callback in afterwards:  # committed, and the write lock is free again
            callback()

    def na_afloop(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the transaction this thread has open is committed; at once when none is open.

        For what the screen shows about a write ("Ingeleverd om 10:02"): it appears only when the write is
        saved, never after a rollback, and the write lock is not held while the page is updated.

        >>> store, seen = Store(":memory:"), []
        >>> with store.transaction("iets bewaren", write=True):
        ...     store.na_afloop(lambda: seen.append("bewaard"))
        ...     seen
        []
        >>> seen
        ['bewaard']
        """
        waiting = getattr(self._open, "afterwards", None)
        if waiting is None:
            callback()
        else:
            waiting.append(callback)

    _transaction = transaction  # the name used before it became public

    # ---- teams -------------------------------------------------------------------------------------------

    def create_team(self, naam: str, geheim: str, doelprofiel: dict[str, Any] | None = None) -> str:
        """A new team; returns its code to share (the secret is stored hashed, never plain).

        >>> store = Store(":memory:")
        >>> code = store.create_team("Team Zuid", "geheim123", {"coachen": 3})
        >>> len(code), store.team(code).naam, store.team(code).doelprofiel
        (6, 'Team Zuid', {'coachen': 3})
        """
        name = " ".join(str(naam).split())
        if not name or len(name) > 100:
            raise StoreError(f"naam van het team: verwacht 1 tot 100 tekens, kreeg {naam!r}")
        if not isinstance(geheim, str) or len(geheim) < 6:
            raise StoreError("geheim van de teamleider: kies minstens 6 tekens, zodat het niet te raden is")
        profile = None if doelprofiel is None else schema.check_json_object(doelprofiel, "doelprofiel")
        hashed = schema.hash_secret(geheim)
        with self._transaction("een team aanmaken", write=True) as conn:
            code = schema.new_team_code()
            while exists(conn, teams.c.code, code):
                code = schema.new_team_code()
            values = {"code": code, "naam": name, "geheim_hash": hashed, "doelprofiel": profile}
            conn.execute(insert(teams).values(**values, aangemaakt=schema.now_utc()))
        return code

    def team(self, code: str) -> Team | None:
        """The team with this code (typed in any case), or None."""
        with self._transaction("een team lezen") as conn:
            row = conn.execute(select(teams).where(teams.c.code == schema.normalise_team_code(code))).first()
        return None if row is None else Team.from_row(row)

    def verify_team_secret(self, code: str, geheim: str) -> bool:
        """Whether ``geheim`` is the team leader secret of team ``code`` (False for an unknown team)."""
        with self._transaction("een teamgeheim controleren") as conn:
            stored = conn.execute(
                select(teams.c.geheim_hash).where(teams.c.code == schema.normalise_team_code(code))
            ).scalar()
        return stored is not None and schema.check_secret(geheim, stored)

    def set_target_profile(self, code: str, profiel: dict[str, Any] | None) -> Team:
        """Set (or with None: remove) the target profile of a team; returns the updated team."""
        text = None if profiel is None else schema.check_json_object(profiel, "doelprofiel")
        with self._transaction("het doelprofiel opslaan", write=True) as conn:
            result = conn.execute(
                update(teams).where(teams.c.code == schema.normalise_team_code(code)).values(doelprofiel=text)
            )
            if result.rowcount == 0:
                raise StoreError(f"team {code!r}: onbekende teamcode in {self._label}")
            row = conn.execute(select(teams).where(teams.c.code == schema.normalise_team_code(code))).one()
        return Team.from_row(row)

    # ---- participants ------------------------------------------------------------------------------------

    def add_participant(self, weergavenaam: str, team: str | None = None) -> Deelnemer:
        """A new participant with a random pseudonymous id and a display name (no BSN or phone number).

        >>> store = Store(":memory:")
        >>> kim = store.add_participant("Kim")
        >>> kim.id.startswith("p-"), kim.weergavenaam, kim.team
        (True, 'Kim', None)
        """
        name = schema.check_display_name(weergavenaam)
        with self._transaction("een deelnemer toevoegen", write=True) as conn:
            code = None if team is None else schema.normalise_team_code(team)
            if code is not None and not exists(conn, teams.c.code, code):
                raise StoreError(f"team {team!r}: onbekende teamcode in {self._label}; controleer de code")
            person_id = schema.new_participant_id()
            while exists(conn, deelnemers.c.id, person_id):
                person_id = schema.new_participant_id()
            record = Deelnemer(id=person_id, weergavenaam=name, team=code, aangemaakt=schema.now_utc())
            conn.execute(insert(deelnemers).values(**record.__dict__))
        return record

    def participant(self, deelnemer_id: str) -> Deelnemer | None:
        """The participant with this id, or None."""
        with self._transaction("een deelnemer lezen") as conn:
            row = conn.execute(select(deelnemers).where(deelnemers.c.id == deelnemer_id)).first()
        return None if row is None else Deelnemer.from_row(row)

    def participants(self, team: str | None = None) -> list[Deelnemer]:
        """All participants (or those of one team), oldest first."""
        query = select(deelnemers).order_by(deelnemers.c.aangemaakt, deelnemers.c.id)
        if team is not None:
            query = query.where(deelnemers.c.team == schema.normalise_team_code(team))
        with self._transaction("deelnemers lezen") as conn:
            return [Deelnemer.from_row(row) for row in conn.execute(query)]

    # ---- submissions -------------------------------------------------------------------------------------

    def submit(
        self,
        soort: str,
        deelnemer_id: str,
        payload: dict[str, Any],
        *,
        over_id: str | None = None,
        rol: str | None = None,
        sessie: str | None = None,
    ) -> Inzending:
        """Save a new submission; committed when this returns (inside a `transaction`: with that one).

        ``over_id`` is the participant the submission is about (a peer rating), ``rol`` the role of the
        rater (``"zelf"``, ``"collega"``, ``"leidinggevende"``), ``sessie`` a group session label.

        >>> store = Store(":memory:")
        >>> kim, ali = store.add_participant("Kim"), store.add_participant("Ali")
        >>> peer = store.submit("competentiescan", ali.id, {"durf": 4}, over_id=kim.id, rol="collega")
        >>> [(s.deelnemer_id == ali.id, s.rol, s.payload) for s in store.submissions(over_id=kim.id)]
        [(True, 'collega', {'durf': 4})]
        """
        schema.check_slug(soort, "soort")
        text = schema.check_json_object(payload, "payload")
        now = schema.now_utc()
        record = Inzending(
            id=schema.new_submission_id(),
            soort=soort,
            deelnemer_id=deelnemer_id,
            payload=json.loads(text),  # a copy: changing the caller's dict later changes nothing here
            over_id=over_id,
            rol=None if rol is None else schema.check_slug(rol, "rol"),
            sessie=schema.check_session(sessie),
            aangemaakt=now,
            bijgewerkt=now,
        )
        with self._transaction("een inzending opslaan", write=True) as conn:
            require_participant(conn, deelnemer_id, "deelnemer_id", self._label)
            if over_id is not None:
                require_participant(conn, over_id, "over_id", self._label)
            conn.execute(insert(inzendingen).values(**{**record.__dict__, "payload": text}))
        return record

    def update_submission(self, inzending_id: str, payload: dict[str, Any]) -> Inzending:
        """Replace the payload of a submission (``bijgewerkt`` becomes now); returns the updated submission."""
        text = schema.check_json_object(payload, "payload")
        with self._transaction("een inzending bijwerken", write=True) as conn:
            where = inzendingen.c.id == inzending_id
            result = conn.execute(
                update(inzendingen).where(where).values(payload=text, bijgewerkt=schema.now_utc())
            )
            if result.rowcount == 0:
                raise StoreError(f"inzending {inzending_id!r}: niet gevonden in {self._label}")
            return Inzending.from_row(conn.execute(select(inzendingen).where(where)).one())

    def submissions(
        self,
        soort: str | None = None,
        *,
        deelnemer_id: str | None = None,
        over_id: str | None = None,
        rol: str | None = None,
        sessie: str | None = None,
    ) -> list[Inzending]:
        """Submissions matching every filter given, oldest first."""
        query = select(inzendingen).order_by(inzendingen.c.aangemaakt, inzendingen.c.id)
        for column, value in (
            (inzendingen.c.soort, soort),
            (inzendingen.c.deelnemer_id, deelnemer_id),
            (inzendingen.c.over_id, over_id),
            (inzendingen.c.rol, rol),
            (inzendingen.c.sessie, sessie),
        ):
            if value is not None:
                query = query.where(column == value)
        with self._transaction("inzendingen lezen") as conn:
            return [Inzending.from_row(row) for row in conn.execute(query)]

    def delete_submission(self, inzending_id: str) -> None:
        """Delete one submission for good."""
        with self._transaction("een inzending verwijderen", write=True) as conn:
            gone = sessie_deelnames.c.inzending_id == inzending_id  # a session answer: handed in no more
            conn.execute(update(sessie_deelnames).where(gone).values(inzending_id=None, ingeleverd=None))
            if conn.execute(delete(inzendingen).where(inzendingen.c.id == inzending_id)).rowcount == 0:
                raise StoreError(f"inzending {inzending_id!r}: niet gevonden in {self._label}")

    def forget_participant(self, deelnemer_id: str) -> int:
        """Delete a participant with every submission by or about them ("vergeet mij"); returns how many.

        >>> store = Store(":memory:")
        >>> kim, bo = store.add_participant("Kim"), store.add_participant("Bo")
        >>> _ = store.submit("competentiescan", kim.id, {"a": 1})
        >>> _ = store.submit("competentiescan", bo.id, {"a": 2}, over_id=kim.id, rol="collega")
        >>> store.forget_participant(kim.id), store.participant(kim.id), len(store.submissions())
        (2, None, 0)
        """
        with self._transaction("een deelnemer vergeten", write=True) as conn:
            conn.execute(delete(sessie_deelnames).where(sessie_deelnames.c.deelnemer_id == deelnemer_id))
            gone = conn.execute(
                delete(inzendingen).where(
                    (inzendingen.c.deelnemer_id == deelnemer_id) | (inzendingen.c.over_id == deelnemer_id)
                )
            ).rowcount
            if conn.execute(delete(deelnemers).where(deelnemers.c.id == deelnemer_id)).rowcount == 0:
                raise StoreError(f"deelnemer {deelnemer_id!r}: niet gevonden in {self._label}")
        return gone

    # ---- export and import -------------------------------------------------------------------------------

    def export_json(self) -> str:
        """Everything (teams and group sessions with hashed secrets, participants, submissions) as JSON, for a backup.

        >>> store = Store(":memory:")
        >>> kim = store.add_participant("Kim")
        >>> copy = Store(":memory:")
        >>> copy.import_json(store.export_json()), copy.import_json(store.export_json())
        ({'teams': 0, 'deelnemers': 1, 'inzendingen': 0}, {'teams': 0, 'deelnemers': 0, 'inzendingen': 0})
        >>> copy.participants() == [kim]
        True
        """
        data: dict[str, Any] = {
            "formaat": migraties.EXPORT_FORMAT,
            "schema": migraties.SCHEMA_VERSIE,
            "geexporteerd": schema.now_utc(),
        }
        with self._transaction("de export") as conn:
            data.update(export_data(conn))
        return json.dumps(data, ensure_ascii=False, indent=1)

    def import_json(self, text: str) -> dict[str, int]:
        """Add what an `export_json` text holds; ids already saved are skipped, so importing twice is harmless.

        Returns how many teams, participants and submissions were added (and group sessions and their
        participations, when the backup has any). On an error nothing is added.
        """
        plan = migraties.read_export(text)
        with self._transaction("de import", write=True) as conn:
            added = {t.name: insert_new(conn, t, plan[t.name], self._label) for t in BACKUP_TABLES}
        return {k: n for k, n in added.items() if k in ("teams", "deelnemers", "inzendingen") or plan[k]}

    def export_csv(self, soort: str) -> bytes:
        """The submissions of one kind as CSV that Dutch Excel opens: semicolons, UTF-8 with BOM, one row each.

        The fixed columns come first, then one column per payload key; `import_csv` gets the same values back.

        >>> store = Store(":memory:")
        >>> kim = store.add_participant("Kim")
        >>> _ = store.submit("ontwikkelplan", kim.id, {"doel": "vaker 'zorgen dat'", "score": 3.5})
        >>> lines = store.export_csv("ontwikkelplan").decode("utf-8-sig").splitlines()
        >>> lines[0]
        'id;soort;deelnemer_id;weergavenaam;over_id;rol;sessie;aangemaakt;bijgewerkt;doel;score'
        >>> lines[1].split(";")[3], lines[1].split(";")[-2:]
        ('Kim', ["vaker 'zorgen dat'", '3,5'])
        """
        schema.check_slug(soort, "soort")
        with self._transaction("de CSV-export") as conn:
            rows = submission_rows(conn, soort)
        return migraties.write_csv(rows)

    def import_csv(self, data: bytes, soort: str) -> int:
        """Add the submissions in a CSV of `export_csv` (maybe edited in Excel); returns how many were added.

        Rows whose id is already saved are skipped; a row without an id becomes a new submission. The
        participants must already exist (import the JSON backup first). On an error nothing is added.
        """
        schema.check_slug(soort, "soort")
        rows = migraties.read_csv(data, soort)
        with self._transaction("de CSV-import", write=True) as conn:
            return insert_new(conn, inzendingen, rows, self._label)
