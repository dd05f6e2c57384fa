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
from typing import Any

from sqlalchemy import Column, Connection, Table, and_, insert, select

from wijkteam_kit.errors import StoreError
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
    "exists",
    "export_data",
    "insert_new",
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


def _code(value: Any, where: str) -> str:
    code = str(value or "").strip().upper()
    if not _SESSION_CODE.fullmatch(code):
        raise StoreError(f"{where}: verwacht een sessiecode van 6 letters en cijfers, kreeg {value!r}")
    return code


def read_groepssessie(item: dict[str, Any], where: str) -> dict[str, Any]:
    """Column values of one group session in a JSON backup, checked.

    >>> row = read_groepssessie({"code": "abc234", "titel": "Dag 1", "casus_id": "x", "oefening": "zrm",
    ...     "geheim_hash": "scrypt$…", "status": "open", "onthuld": False,
    ...     "aangemaakt": "2024-05-01T12:00:00Z", "bijgewerkt": "2024-05-01T12:00:00Z"}, "import")
    >>> row["code"], row["onthuld"], row["bijgewerkt"]
    ('ABC234', False, '2024-05-01T12:00:00.000000+00:00')
    """
    if item.get("status") not in ("open", "gesloten"):
        raise StoreError(f"{where}, status: verwacht 'open' of 'gesloten', kreeg {item.get('status')!r}")
    if not isinstance(item.get("onthuld"), bool):
        raise StoreError(f"{where}, onthuld: verwacht true of false, kreeg {item.get('onthuld')!r}")
    return {
        "code": _code(item.get("code"), f"{where}, code"),
        "titel": _text(item, "titel", where),
        "casus_id": _text(item, "casus_id", where),
        "oefening": check_slug(item.get("oefening"), f"{where}, oefening"),
        "geheim_hash": _text(item, "geheim_hash", where),
        "status": item["status"],
        "onthuld": item["onthuld"],
        "aangemaakt": normalise_timestamp(item.get("aangemaakt"), f"{where}, aangemaakt"),
        "bijgewerkt": normalise_timestamp(item.get("bijgewerkt"), f"{where}, bijgewerkt"),
    }


def read_deelname(item: dict[str, Any], where: str) -> dict[str, Any]:
    """Column values of one participant in a group session in a JSON backup, checked (the name key recomputed)."""
    name = check_display_name(item.get("weergavenaam"))
    handed_in = item.get("ingeleverd")
    return {
        "sessie": _code(item.get("sessie"), f"{where}, sessie"),
        "deelnemer_id": _text(item, "deelnemer_id", where),
        "weergavenaam": name,
        "naam_sleutel": name_key(name),
        "herstel_hash": _text(item, "herstel_hash", where),
        "inzending_id": _text(item, "inzending_id", where, optional=True),
        "aangemeld": normalise_timestamp(item.get("aangemeld"), f"{where}, aangemeld"),
        "ingeleverd": None if handed_in is None else normalise_timestamp(handed_in, f"{where}, ingeleverd"),
    }


def _text(item: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str | None:
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise StoreError(f"{where}, {key}: verwacht tekst, kreeg {value!r}")
    return value


def read_team(item: dict[str, Any], where: str) -> dict[str, Any]:
    """Column values of one team in a JSON backup, checked."""
    profile = item.get("doelprofiel")
    return {
        "code": normalise_team_code(_text(item, "code", where) or ""),
        "naam": _text(item, "naam", where),
        "geheim_hash": _text(item, "geheim_hash", where),
        "doelprofiel": None if profile is None else check_json_object(profile, f"{where}, doelprofiel"),
        "aangemaakt": normalise_timestamp(item.get("aangemaakt"), f"{where}, aangemaakt"),
    }


def read_deelnemer(item: dict[str, Any], where: str) -> dict[str, Any]:
    """Column values of one participant in a JSON backup, checked."""
    team = _text(item, "team", where, optional=True)
    return {
        "id": _text(item, "id", where),
        "weergavenaam": check_display_name(item.get("weergavenaam")),
        "team": None if team is None else normalise_team_code(team),
        "aangemaakt": normalise_timestamp(item.get("aangemaakt"), f"{where}, aangemaakt"),
    }


def read_inzending(item: dict[str, Any], where: str) -> dict[str, Any]:
    """Column values of one submission, checked (an export of schema 1 has no over_id and rol)."""
    rol = item.get("rol")
    return {
        "id": _text(item, "id", where),
        "soort": check_slug(item.get("soort"), f"{where}, soort"),
        "deelnemer_id": _text(item, "deelnemer_id", where),
        "over_id": _text(item, "over_id", where, optional=True),
        "rol": None if rol is None else check_slug(rol, f"{where}, rol"),
        "sessie": check_session(item.get("sessie")),
        "payload": check_json_object(item.get("payload"), f"{where}, payload"),
        "aangemaakt": normalise_timestamp(item.get("aangemaakt"), f"{where}, aangemaakt"),
        "bijgewerkt": normalise_timestamp(item.get("bijgewerkt"), f"{where}, bijgewerkt"),
    }
