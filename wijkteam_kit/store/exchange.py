"""Rows in and out of an open store connection: existence checks, the JSON backup and the CSV of one kind.

`wijkteam_kit.store.Store` opens the transaction and calls these; each function works on a SQLAlchemy
``Connection`` and leaves committing (or rolling back on an error) to the caller. `insert_new` skips rows
whose id is already saved, so importing the same backup twice adds nothing the second time.

Examples
--------
>>> from sqlalchemy import create_engine
>>> from wijkteam_kit.store.migrations import migrate
>>> from wijkteam_kit.store.schema import deelnemers
>>> row = {"id": "p-abcdef", "weergavenaam": "Kim", "team": None, "aangemaakt": "2024-01-01T00:00:00Z"}
>>> with create_engine("sqlite://").begin() as conn:
...     _ = migrate(conn, "voorbeeld")
...     added = [insert_new(conn, deelnemers, [("rij 1", row)], "voorbeeld") for _ in range(2)]
...     saved = [d["weergavenaam"] for d in export_data(conn)["deelnemers"]]
>>> added, saved
([1, 0], ['Kim'])
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy import Column, Connection, Table, and_, insert, select

from wijkteam_kit._basis.schema import validate_model
from wijkteam_kit._basis.yamlsource import YamlDocument
from wijkteam_kit.errors import Problem, ProblemsError, StoreError
from wijkteam_kit.store.schema import (
    check_display_name,
    check_json_object,
    check_session,
    check_slug,
    deelnemers,
    groepssessies,
    inzendingen,
    name_key,
    normalise_team_code,
    normalise_timestamp,
    sessie_deelnames,
    teams,
)

__all__ = [
    "BACKUP_TABLES",
    "DeelnameRecord",
    "DeelnemerRecord",
    "GroepssessieRecord",
    "InzendingRecord",
    "TeamRecord",
    "Timestamp",
    "exists",
    "export_data",
    "insert_new",
    "problems_error",
    "read_deelname",
    "read_deelnemer",
    "read_groepssessie",
    "read_inzending",
    "read_team",
    "require_participant",
    "submission_rows",
]

# What a JSON backup holds, in the order of importing (a row only refers to rows before it). The failed
# attempts to get into a session (``toegangspogingen``) are left out: they hold client addresses and only
# matter for ten minutes.
BACKUP_TABLES: tuple[Table, ...] = (teams, deelnemers, inzendingen, groepssessies, sessie_deelnames)
_ORDER = {
    "teams": ("code",),
    "groepssessies": ("aangemaakt", "code"),
    "sessie_deelnames": ("sessie", "aangemeld", "deelnemer_id"),
}
_SESSION_CODE = re.compile(r"[A-Z0-9]{6}")


def exists(conn: Connection, column: Column[Any], value: Any) -> bool:
    """Whether a row with ``column == value`` is saved."""
    return conn.execute(select(column).where(column == value).limit(1)).first() is not None


def require_participant(conn: Connection, deelnemer_id: Any, what: str, label: str) -> None:
    """Raise a `StoreError` naming ``what`` when ``deelnemer_id`` is no saved participant of store ``label``."""
    if not exists(conn, deelnemers.c.id, deelnemer_id):
        raise StoreError(
            f"{what} {deelnemer_id!r}: onbekende deelnemer in {label}; maak eerst een deelnemer "
            "aan met add_participant"
        )


def export_data(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every table of `BACKUP_TABLES` as lists of plain dicts (JSON columns decoded), in a fixed order."""
    data: dict[str, list[dict[str, Any]]] = {}
    for table in BACKUP_TABLES:
        order = [table.c[name] for name in _ORDER.get(table.name, ("aangemaakt", "id"))]
        data[table.name] = [dict(row._mapping) for row in conn.execute(select(table).order_by(*order))]
    for item in data["groepssessies"]:
        item["onthuld"] = bool(item["onthuld"])
    for item in data["teams"]:
        item["doelprofiel"] = json.loads(item["doelprofiel"]) if item["doelprofiel"] else None
    for item in data["inzendingen"]:
        item["payload"] = json.loads(item["payload"])
    return data


def submission_rows(conn: Connection, soort: str) -> list[dict[str, Any]]:
    """The submissions of one kind with the display name of their participant, oldest first."""
    query = (
        select(inzendingen, deelnemers.c.weergavenaam)
        .join(deelnemers, deelnemers.c.id == inzendingen.c.deelnemer_id)
        .where(inzendingen.c.soort == soort)
        .order_by(inzendingen.c.aangemaakt, inzendingen.c.id)
    )
    rows = [dict(row._mapping) for row in conn.execute(query)]
    return [{**row, "payload": json.loads(row["payload"])} for row in rows]


def insert_new(conn: Connection, table: Table, rows: list[tuple[str, dict[str, Any]]], label: str) -> int:
    """Insert the rows whose primary key is not saved yet, after checking what they refer to; returns how many."""
    keys: list[Column[Any]] = list(table.primary_key.columns)
    count = 0
    for where, row in rows:
        same = and_(*(key == row[key.name] for key in keys))
        if conn.execute(select(keys[0]).where(same).limit(1)).first() is not None:
            continue
        if row.get("team") is not None and not exists(conn, teams.c.code, row["team"]):
            raise StoreError(
                f"{where}: team {row['team']!r} is onbekend (niet in de import en niet opgeslagen)"
            )
        for column in ("deelnemer_id", "over_id") if table is inzendingen else ():
            if row[column] is not None:
                require_participant(conn, row[column], f"{where}: {column}", label)
        if table is sessie_deelnames:
            _require_session_refs(conn, row, where, label)
        conn.execute(insert(table).values(**row))
        count += 1
    return count


def _require_session_refs(conn: Connection, row: dict[str, Any], where: str, label: str) -> None:
    if not exists(conn, groepssessies.c.code, row["sessie"]):
        raise StoreError(
            f"{where}: sessie {row['sessie']!r} is onbekend (niet in de import en niet opgeslagen)"
        )
    require_participant(conn, row["deelnemer_id"], f"{where}: deelnemer_id", label)
    if row["inzending_id"] is not None and not exists(conn, inzendingen.c.id, row["inzending_id"]):
        raise StoreError(f"{where}: inzending {row['inzending_id']!r} is onbekend in {label}")


# ---- the records of a JSON backup ------------------------------------------------------------------------


def _checked(check: Callable[[Any], Any], name: str = "") -> AfterValidator:
    """A pydantic check from a store check: its `StoreError` becomes the Dutch message of a value error."""

    def run(value: Any) -> Any:
        try:
            return check(value)
        except StoreError as exc:
            raise ValueError(str(exc).removeprefix(f"{name}: ")) from None

    return AfterValidator(run)


def _session_code(value: str) -> str:
    code = value.strip().upper()
    if not _SESSION_CODE.fullmatch(code):
        raise StoreError(f"verwacht een sessiecode van 6 letters en cijfers, kreeg {value!r}")
    return code


def _json_object(value: dict[str, Any]) -> dict[str, Any]:
    check_json_object(value, "")
    return value


_Text = Annotated[str, Field(min_length=1)]
Timestamp = Annotated[str, _checked(lambda value: normalise_timestamp(value, ""))]
"""An ISO time in a backup, converted to the store's UTC text."""
_Slug = Annotated[str, _checked(lambda value: check_slug(value, ""))]
_TeamCode = Annotated[_Text, AfterValidator(normalise_team_code)]
_SessionCode = Annotated[str, _checked(_session_code)]
_DisplayName = Annotated[str, _checked(check_display_name)]
_JsonObject = Annotated[dict[str, Any], _checked(_json_object)]


class _Record(BaseModel):
    """One record of a backup: exactly the columns an export writes (strict: no other fields, no coercion)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    def row(self) -> dict[str, Any]:
        """The column values to insert."""
        return self.model_dump()


class TeamRecord(_Record):
    """A team in a backup; ``doelprofiel`` is a JSON object (saved as text)."""

    code: _TeamCode
    naam: _Text
    geheim_hash: _Text
    doelprofiel: _JsonObject | None = None
    aangemaakt: Timestamp

    def row(self) -> dict[str, Any]:
        """The column values to insert (the target profile as JSON text)."""
        profile = None if self.doelprofiel is None else check_json_object(self.doelprofiel, "doelprofiel")
        return {**self.model_dump(), "doelprofiel": profile}


class DeelnemerRecord(_Record):
    """A participant in a backup."""

    id: _Text
    weergavenaam: _DisplayName
    team: _TeamCode | None = None
    aangemaakt: Timestamp
    herstel_hash: _Text | None = None  # schema 4: the personal code (hashed)
    naam_sleutel: str | None = None

    def row(self) -> dict[str, Any]:
        """The column values to insert (the name key recomputed when there is a personal code)."""
        key = None if self.herstel_hash is None else name_key(self.weergavenaam)
        return {**self.model_dump(), "naam_sleutel": key}


class InzendingRecord(_Record):
    """A submission in a backup (a backup of schema 1 has no ``over_id`` and ``rol``)."""

    id: _Text
    soort: _Slug
    deelnemer_id: _Text
    over_id: _Text | None = None
    rol: _Slug | None = None
    sessie: Annotated[str | None, _checked(check_session, "sessie")] = None
    payload: _JsonObject
    aangemaakt: Timestamp
    bijgewerkt: Timestamp

    def row(self) -> dict[str, Any]:
        """The column values to insert (the payload as JSON text)."""
        return {**self.model_dump(), "payload": check_json_object(self.payload, "payload")}


class GroepssessieRecord(_Record):
    """A group session in a backup (with the hash of the trainer secret)."""

    code: _SessionCode
    titel: _Text
    casus_id: _Text
    oefening: _Slug
    geheim_hash: _Text
    status: Literal["open", "gesloten"]
    onthuld: bool
    aangemaakt: Timestamp
    bijgewerkt: Timestamp
    ronde: Literal[1, 2] = 1  # schema 4


class DeelnameRecord(_Record):
    """A participant of a group session in a backup; ``naam_sleutel`` is computed again from the name."""

    sessie: _SessionCode
    deelnemer_id: _Text
    weergavenaam: _DisplayName
    naam_sleutel: str | None = None
    herstel_hash: _Text
    inzending_id: _Text | None = None
    aangemeld: Timestamp
    ingeleverd: Timestamp | None = None
    inzending_ronde1: _Text | None = None  # schema 4

    def row(self) -> dict[str, Any]:
        """The column values to insert (the name key recomputed, as `Groepssessies.join` makes it)."""
        return {**self.model_dump(), "naam_sleutel": name_key(self.weergavenaam)}


def problems_error(problems: list[Problem]) -> StoreError:
    """One `StoreError` listing every problem, as `ProblemsError` writes them."""
    return StoreError(str(ProblemsError(problems)))


def _read(model: type[_Record], item: Any, where: str) -> dict[str, Any]:
    record, problems = validate_model(model, YamlDocument(data=item, source=where))
    if record is None:
        raise problems_error(problems)
    return record.row()


def read_groepssessie(item: Any, where: str) -> dict[str, Any]:
    """Column values of one group session in a JSON backup, checked (`GroepssessieRecord`).

    >>> row = read_groepssessie({"code": "abc234", "titel": "Dag 1", "casus_id": "x", "oefening": "zrm",
    ...     "geheim_hash": "scrypt$…", "status": "open", "onthuld": False,
    ...     "aangemaakt": "2024-05-01T12:00:00Z", "bijgewerkt": "2024-05-01T12:00:00Z"}, "import")
    >>> row["code"], row["onthuld"], row["bijgewerkt"]
    ('ABC234', False, '2024-05-01T12:00:00.000000+00:00')
    """
    return _read(GroepssessieRecord, item, where)


def read_deelname(item: Any, where: str) -> dict[str, Any]:
    """Column values of one participant in a group session in a JSON backup, checked (`DeelnameRecord`)."""
    return _read(DeelnameRecord, item, where)


def read_team(item: Any, where: str) -> dict[str, Any]:
    """Column values of one team in a JSON backup, checked (`TeamRecord`)."""
    return _read(TeamRecord, item, where)


def read_deelnemer(item: Any, where: str) -> dict[str, Any]:
    """Column values of one participant in a JSON backup, checked (`DeelnemerRecord`)."""
    return _read(DeelnemerRecord, item, where)


def read_inzending(item: Any, where: str) -> dict[str, Any]:
    """Column values of one submission, checked (`InzendingRecord`).

    >>> read_inzending({"id": "x", "soort": "zrm", "deelnemer_id": "p-abcdef", "payload": {"a": 1},
    ...     "aangemaakt": "gisteren", "bijgewerkt": "2024-05-01T12:00:00Z", "kleur": "rood"}, "import")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.StoreError: 2 problemen gevonden:
      - import, veld aangemaakt: verwacht een tijdstip als 2024-05-01T12:00:00+00:00, kreeg 'gisteren'
      - import, veld kleur: onbekend veld; toegestaan: aangemaakt, bijgewerkt, deelnemer_id, id, over_id, payload, rol, sessie, soort
    """  # noqa: E501
    return _read(InzendingRecord, item, where)
