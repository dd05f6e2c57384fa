"""Rows in and out of an open store connection: existence checks, the JSON backup and the CSV of one kind.

`wijkteam_kit.store.Store` opens the transaction and calls these; each function works on a SQLAlchemy
``Connection`` and leaves committing (or rolling back on an error) to the caller. `insert_new` skips rows
whose id is already saved, so importing the same backup twice adds nothing the second time.

Examples
--------
>>> from sqlalchemy import create_engine
>>> from wijkteam_kit.store_migraties import migrate
>>> from wijkteam_kit.store_schema import deelnemers
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
from typing import Any

from sqlalchemy import Column, Connection, Table, insert, select

from .store_schema import StoreError, deelnemers, inzendingen, teams

__all__ = ["exists", "export_data", "insert_new", "require_participant", "submission_rows"]


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
    """Teams, participants and submissions as lists of plain dicts (JSON columns decoded), in a fixed order."""
    data: dict[str, list[dict[str, Any]]] = {}
    for table in (teams, deelnemers, inzendingen):
        order = [table.c.code] if table is teams else [table.c.aangemaakt, table.c.id]
        data[table.name] = [dict(row._mapping) for row in conn.execute(select(table).order_by(*order))]
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
    key: Column[Any] = next(iter(table.primary_key.columns))
    count = 0
    for where, row in rows:
        if exists(conn, key, row[key.name]):
            continue
        if row.get("team") is not None and not exists(conn, teams.c.code, row["team"]):
            raise StoreError(
                f"{where}: team {row['team']!r} is onbekend (niet in de import en niet opgeslagen)"
            )
        for column in ("deelnemer_id", "over_id") if table is inzendingen else ():
            if row[column] is not None:
                require_participant(conn, row[column], f"{where}: {column}", label)
        conn.execute(insert(table).values(**row))
        count += 1
    return count
