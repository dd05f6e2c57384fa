"""Group sessions: a trainer opens a session on one casus, participants join with a code and hand in one answer.

A trainer creates a `Groepssessie` for a casus and an exercise (`OEFENINGEN`) and gets a short join code
(``ABC-234``) and a trainer secret, which is stored only as a scrypt hash. Participants join with the code
and a display name; at the first join they get a *herstelcode* that lets them come back with the same name
(page reloaded, other laptop) and stops anyone else from taking over their name. Each participant has
exactly one submission per session: handing in again replaces it. Participants see the answers of the
others only after the trainer reveals them. Wrong codes, herstelcodes and secrets are rate limited in the
database (`wijkteam_kit.groepssessie.limiet`), because every app page runs in its own process.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> sessies = Groepssessies(Store(":memory:"))
>>> nieuw = sessies.create("mantelzorg-dementie", "zrm", titel="Training dag 1")
>>> code, page = nieuw.sessie.code, Client(pagina="pagina-van-kim")
>>> kim = sessies.join(code.lower(), "Kim", client=page)
>>> len(kim.herstelcode), kim.terug
(6, False)
>>> sessies.submit(code, kim.deelname.deelnemer_id, {"financien": 3}).payload
{'financien': 3}
>>> sessies.group_answers(code, kim.deelname.deelnemer_id)
Traceback (most recent call last):
...
wijkteam_kit.errors.GroepssessieError: De trainer heeft de groepsuitkomst nog niet gedeeld.
>>> trainer = sessies.as_trainer(code, nieuw.geheim, client=Client(pagina="dashboard"))
>>> trainer.reveal().onthuld, sessies.group_answers(code, kim.deelname.deelnemer_id)
(True, [('Kim', {'financien': 3})])
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn

from wijkteam_kit.errors import GroepssessieError, NaamBezet, StoreError, TeVeelPogingen
from wijkteam_kit.groepssessie.limiet import Limieten, record_failure, stamp, wait_seconds
from wijkteam_kit.groepssessie.model import (
    FOUT_CODE,
    FOUT_HERSTEL,
    FOUT_TRAINER,
    GEEN_DEELNEMER,
    GESLOTEN_INLEVEREN,
    GESLOTEN_MEEDOEN,
    NAAM_BEZET,
    NIET_ONTHULD,
    OEFENING_NAMEN,
    OEFENINGEN,
    TITEL_MAX,
    Aanmelding,
    Client,
    Deelname,
    Groepssessie,
    NieuweSessie,
    gone,
    new_secret,
    normalise_code,
)
from wijkteam_kit.groepssessie.persoonlijk import find_by_code, unique_code
from wijkteam_kit.groepssessie.trainer import TrainerToegang
from wijkteam_kit.store.groepssessies import (
    add_participation,
    add_session,
    deelname_row,
    delete_sessions_created_before,
    free_session_code,
    participation_by_name,
    save_answer,
    session_answers,
    session_row,
    submission_row,
)
from wijkteam_kit.store.persoonlijk import add_participation_of, participants_by_name_key, set_personal_code
from wijkteam_kit.store.schema import (
    Inzending,
    check_display_name,
    check_json_object,
    check_secret,
    hash_secret,
    name_key,
)
from wijkteam_kit.store.store import Store

__all__ = ["STANDAARD_LIMIETEN", "Groepssessies"]

STANDAARD_LIMIETEN = Limieten()
_dummy_hash: list[str] = []  # made once: an unknown code costs as much time as a wrong secret


class Groepssessies:
    """All group sessions in one store.

    Parameters
    ----------
    store : Store
        Where sessions, participants and answers are saved (SQLite or PostgreSQL).
    limieten : Limieten
        How many failed attempts are allowed (per page, per address, in total) within a window.
    klok : callable or None
        Returns the current time (a timezone-aware datetime); for tests. Default: the real UTC time.
    """

    def __init__(
        self,
        store: Store,
        *,
        limieten: Limieten = STANDAARD_LIMIETEN,
        klok: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.limieten = limieten
        self._klok = klok or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        """The current time of this object's clock."""
        return self._klok()

    # ---- rate limiting -----------------------------------------------------------------------------------

    def _guard(self, client: Client) -> None:
        wait = wait_seconds(self.store, client.pagina, client.adres, self.limieten, self.now())
        if wait:
            raise TeVeelPogingen(wait)

    def _fail(
        self, soort: str, client: Client, message: str, error: type[GroepssessieError] = GroepssessieError
    ) -> NoReturn:
        record_failure(self.store, soort, client.pagina, client.adres, self.now(), self.limieten)
        raise error(message)

    # ---- trainer -----------------------------------------------------------------------------------------

    def create(
        self, casus_id: str, oefening: str, titel: str = "", geheim: str | None = None
    ) -> NieuweSessie:
        """A new open session on a casus of the library; the secret is returned once and saved hashed.

        >>> from wijkteam_kit.store import Store
        >>> sessies = Groepssessies(Store(":memory:"))
        >>> nieuw = sessies.create("mantelzorg-dementie", "plan", geheim="koffie-om-tien")
        >>> nieuw.geheim, nieuw.sessie.titel, nieuw.sessie.open, nieuw.sessie.onthuld
        ('koffie-om-tien', 'Plan van Aanpak · Gerda zorgt voor Henk (mantelzorg bij dementie)', True, False)
        >>> sessies.create("bestaat-niet", "zrm")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        wijkteam_kit.errors.GroepssessieError: Casus 'bestaat-niet': staat niet in de casusbibliotheek; kies uit ...
        """
        from wijkteam_kit.casus.model import load_library

        if oefening not in OEFENINGEN:
            raise GroepssessieError(f"Oefening {oefening!r}: kies uit {', '.join(OEFENINGEN)}.")
        if oefening == "scenario":  # casus_id holds the scenario everyone plays
            from wijkteam_kit.scenario import available_scenarios, load_scenario

            if casus_id not in available_scenarios():
                choices = ", ".join(available_scenarios())
                raise GroepssessieError(f"Scenario {casus_id!r}: bestaat niet; kies uit {choices}.")
            library = {casus_id: load_scenario(casus_id)}
        else:
            library = {c.id: c for c in load_library()}
        if casus_id not in library:
            choices = ", ".join(sorted(library)) or "(de bibliotheek is leeg)"
            raise GroepssessieError(f"Casus {casus_id!r}: staat niet in de casusbibliotheek; kies uit {choices}.")
        if oefening == "evaluatie" and library[casus_id].t1 is None:
            raise GroepssessieError(f"Casus {casus_id!r} heeft geen later moment (T1) om te evalueren.")
        title = " ".join(str(titel).split())
        if not title:
            title = f"{OEFENING_NAMEN[oefening]} · {library[casus_id].titel}"[:TITEL_MAX]
        if len(title) > TITEL_MAX:
            raise GroepssessieError(
                f"Titel {title[:20]!r}…: is {len(title)} tekens; het mogen er {TITEL_MAX} zijn."
            )
        secret = new_secret() if geheim is None else str(geheim)
        if len(secret.strip()) < 6:
            raise GroepssessieError("Trainergeheim: kies minstens 6 tekens, zodat het niet te raden is.")
        hashed, now = hash_secret(secret), stamp(self.now())
        with self.store.transaction("een groepssessie aanmaken", write=True) as conn:
            sessie = Groepssessie(free_session_code(conn), title, casus_id, oefening, "open", False, now, now)
            add_session(conn, sessie.__dict__, hashed)
        return NieuweSessie(sessie=sessie, geheim=secret)

    def as_trainer(self, code: str, geheim: str, *, client: Client) -> TrainerToegang:
        """What the trainer may do after giving the secret; the same message for a wrong code or secret."""
        self._guard(client)
        try:
            wanted = normalise_code(code)
        except GroepssessieError:
            wanted = None
        stored = None
        if wanted is not None:
            with self.store.transaction("een groepssessie openen") as conn:
                row = session_row(conn, wanted)
            stored = None if row is None else row.geheim_hash
        if not _dummy_hash:
            _dummy_hash.append(hash_secret(secrets.token_hex(8)))
        good = check_secret(str(geheim), stored or _dummy_hash[0])
        if stored is None or not good:
            self._fail("geheim", client, FOUT_TRAINER)
        return TrainerToegang(self.store, str(wanted), klok=self.now)

    def delete_older_than(self, dagen: int) -> int:
        """Delete the sessions created more than ``dagen`` days ago (with their answers); returns how many."""
        if not isinstance(dagen, int) or isinstance(dagen, bool) or dagen < 0:
            raise GroepssessieError(f"Ouder dan: verwacht een heel aantal dagen (0 of meer), kreeg {dagen!r}.")
        cutoff = stamp(self.now() - timedelta(days=dagen))
        with self.store.transaction("oude groepssessies verwijderen", write=True) as conn:
            return delete_sessions_created_before(conn, cutoff)

    # ---- participant -------------------------------------------------------------------------------------

    def find(self, code: str) -> Groepssessie | None:
        """The session with this code, or None (no rate limit and no secrets: use it after joining only)."""
        try:
            wanted = normalise_code(code)
        except GroepssessieError:
            return None
        with self.store.transaction("een groepssessie lezen") as conn:
            row = session_row(conn, wanted)
        return None if row is None else Groepssessie.from_row(row)

    def join(
        self, code: str, weergavenaam: str, *, client: Client, herstelcode: str | None = None
    ) -> Aanmelding:
        """Join a session with a display name; with the herstelcode, come back under a name already joined.

        The herstelcode of a first join is the participant's kit-wide personal code: given with the same name
        in another session (or after "Mijn kalibratie" in the ZRM app made one), it joins them as that same
        pseudonymous participant (``terug`` is then True and no new code is given).

        >>> from wijkteam_kit.store import Store
        >>> sessies = Groepssessies(Store(":memory:"))
        >>> code, page = sessies.create("mantelzorg-dementie", "zrm").sessie.code, Client("pagina-1")
        >>> first = sessies.join(code, "Kim", client=page)
        >>> sessies.join(code, " kim ", client=page)
        Traceback (most recent call last):
        ...
        wijkteam_kit.errors.NaamBezet: Deze naam doet al mee in deze sessie. Vul je herstelcode in of kies een andere naam.
        >>> again = sessies.join(code, " kim ", client=page, herstelcode=first.herstelcode)
        >>> again.terug, again.herstelcode, again.deelname == first.deelname
        (True, None, True)
        """  # noqa: E501
        self._guard(client)
        wanted = normalise_code(code)
        try:
            name = check_display_name(weergavenaam)
        except StoreError as exc:
            raise GroepssessieError(str(exc)) from exc
        key = name_key(name)
        with self.store.transaction("meedoen aan een groepssessie") as conn:
            row = session_row(conn, wanted)
            taken = participation_by_name(conn, wanted, key)
        if row is None:
            self._fail("code", client, FOUT_CODE)
        if row.status != "open":
            raise GroepssessieError(GESLOTEN_MEEDOEN)
        typed = re.sub(r"\s", "", str(herstelcode or ""))
        if taken is not None:
            if not typed:
                raise NaamBezet(NAAM_BEZET)
            if not check_secret(typed, taken.herstel_hash):
                self._fail("herstel", client, FOUT_HERSTEL, NaamBezet)
            return Aanmelding(
                Groepssessie.from_row(row), Deelname.from_row(taken), herstelcode=None, terug=True
            )
        if typed:  # a personal code from another session or app: join as that same participant
            again = self._join_as(wanted, name, key, typed, client)
            if again is not None:
                return again
        with self.store.transaction("een herstelcode kiezen") as conn:
            herstel, hashed = unique_code(conn, key)
        with self.store.transaction("meedoen aan een groepssessie", write=True) as conn:
            row = session_row(conn, wanted, lock="share")
            if row is None:
                raise gone(wanted)
            if row.status != "open":
                raise GroepssessieError(GESLOTEN_MEEDOEN)
            now = stamp(self.now())
            person = add_participation(conn, wanted, name, key, hashed, now)
            if person is None:  # the same name joined at the same moment from another page: roll back
                raise NaamBezet(NAAM_BEZET)
            set_personal_code(conn, person, hashed, key)  # the herstelcode is the kit-wide personal code
        deelname = Deelname(wanted, person, name, now, None, None)
        return Aanmelding(Groepssessie.from_row(row), deelname, herstelcode=herstel, terug=False)

    def _join_as(self, code: str, name: str, key: str, typed: str, client: Client) -> Aanmelding | None:
        """Join session ``code`` as the participant whose personal code is ``typed`` under ``name``.

        None when the code fits no one under this name: that counts as a failed attempt (rate limit), and the
        caller joins them as someone new, with a new herstelcode.
        """
        with self.store.transaction("je persoonlijke code controleren") as conn:
            person = find_by_code(conn, name, typed)
            rows = participants_by_name_key(conn, key) if person is not None else []
        hashed = next((r.herstel_hash for r in rows if person is not None and r.id == person.id), None)
        if person is None or hashed is None:
            record_failure(self.store, "herstel", client.pagina, client.adres, self.now(), self.limieten)
            return None
        with self.store.transaction("meedoen aan een groepssessie", write=True) as conn:
            row = session_row(conn, code, lock="share")
            if row is None:
                raise gone(code)
            if row.status != "open":
                raise GroepssessieError(GESLOTEN_MEEDOEN)
            now = stamp(self.now())
            if not add_participation_of(conn, code, person.id, name, key, hashed, now):
                raise NaamBezet(NAAM_BEZET)
        deelname = Deelname(code, person.id, name, now, None, None)
        return Aanmelding(Groepssessie.from_row(row), deelname, herstelcode=None, terug=True)

    def submit(self, code: str, deelnemer_id: str, payload: dict[str, Any]) -> Inzending:
        """Hand in (or replace) the one answer of a participant; committed when this returns.

        >>> from wijkteam_kit.store import Store
        >>> sessies = Groepssessies(Store(":memory:"))
        >>> code = sessies.create("mantelzorg-dementie", "zrm").sessie.code
        >>> kim = sessies.join(code, "Kim", client=Client("p1")).deelname.deelnemer_id
        >>> first, second = sessies.submit(code, kim, {"a": 1}), sessies.submit(code, kim, {"a": 2})
        >>> first.id == second.id, sessies.own_submission(code, kim).payload
        (True, {'a': 2})
        """
        wanted = normalise_code(code)
        try:
            text = check_json_object(payload, "payload")
        except StoreError as exc:
            raise GroepssessieError(str(exc)) from exc
        with self.store.transaction("je antwoord inleveren", write=True) as conn:
            row = session_row(conn, wanted, lock="share")  # closing waits until this answer is in
            if row is None:
                raise gone(wanted)
            if row.status != "open":
                raise GroepssessieError(GESLOTEN_INLEVEREN)
            part = deelname_row(conn, wanted, deelnemer_id, lock=True)  # one submit per participant at a time
            if part is None:
                raise GroepssessieError(GEEN_DEELNEMER)
            now = stamp(self.now())
            record_id, created = save_answer(
                conn,
                wanted,
                deelnemer_id,
                soort=row.oefening,
                current=part.inzending_id,
                payload=text,
                now=now,
            )
        return Inzending(
            id=record_id,
            soort=row.oefening,
            deelnemer_id=deelnemer_id,
            payload=json.loads(text),
            sessie=wanted,
            aangemaakt=created,
            bijgewerkt=now,
        )

    def own_submission(self, code: str, deelnemer_id: str) -> Inzending | None:
        """The answer this participant handed in, or None when there is none yet."""
        wanted = normalise_code(code)
        with self.store.transaction("je antwoord lezen") as conn:
            part = deelname_row(conn, wanted, deelnemer_id)
            if part is None:
                raise GroepssessieError(GEEN_DEELNEMER)
            row = None if part.inzending_id is None else submission_row(conn, part.inzending_id)
        return None if row is None else Inzending.from_row(row)

    def group_answers(self, code: str, deelnemer_id: str) -> list[tuple[str, dict[str, Any]]]:
        """``(display name, payload)`` of every answer, in joining order; only after the trainer revealed them.

        The caller must be a participant of the session.
        """
        wanted = normalise_code(code)
        with self.store.transaction("de groepsuitkomst lezen") as conn:
            row = session_row(conn, wanted)
            if row is None:
                raise gone(wanted)
            if deelname_row(conn, wanted, deelnemer_id) is None:
                raise GroepssessieError(GEEN_DEELNEMER)
            if not row.onthuld:
                raise GroepssessieError(NIET_ONTHULD)
            answers = session_answers(conn, wanted)
        return [(row.weergavenaam, answer.payload) for row, answer in answers]
