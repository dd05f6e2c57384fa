"""The SQL of group sessions: sessions, who joined them, their one answer each, and failed attempts to get in.

`wijkteam_kit.groepssessie` keeps the rules (codes, herstelcodes, who may do what, the Dutch messages) and
calls these functions inside a transaction of `wijkteam_kit.store.Store.transaction`. Each function works on
that SQLAlchemy ``Connection`` and leaves committing (or rolling back on an error) to the caller, so one
action of a participant or trainer stays one transaction.

Locking: a write that depends on a session takes the session row first (``lock="share"``; deleting a
session takes it with ``lock="update"``), then the participation (``FOR UPDATE``). On PostgreSQL that makes
closing or deleting a session wait for answers being handed in, and one participant's answers take turns;
on SQLite a write transaction takes the database write lock at ``BEGIN IMMEDIATE``, so writers take turns
anyway and the row locks are left out.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> store, now = Store(":memory:"), "2024-05-01T09:00:00.000000+00:00"
>>> session = {"titel": "Dag 1", "casus_id": "x", "oefening": "zrm", "status": "open", "onthuld": False}
>>> with store.transaction("een sessie aanmaken", write=True) as conn:
...     code = free_session_code(conn)
...     add_session(conn, {"code": code, **session, "aangemaakt": now, "bijgewerkt": now}, "scrypt$…")
...     kim = add_participation(conn, code, "Kim", "kim", "scrypt$…", now)
...     _ = save_answer(conn, code, kim, soort="zrm", current=None, payload='{"financien": 3}', now=now)
>>> with store.transaction("lezen") as conn:
...     [(row.weergavenaam, answer.payload) for row, answer in session_answers(conn, code)]
[('Kim', {'financien': 3})]
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Row, delete, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from wijkteam_kit.store.schema import (
    Inzending,
    deelnemers,
    groepssessies,
    inzendingen,
    new_participant_id,
    new_submission_id,
    new_team_code,
    sessie_deelnames,
    toegangspogingen,
)

__all__ = [
    "add_failure",
    "add_participation",
    "add_session",
    "answer_from_row",
    "deelname_row",
    "delete_session",
    "delete_sessions_created_before",
    "failure_count",
    "failure_time",
    "failure_times",
    "free_session_code",
    "participation_by_name",
    "save_answer",
    "session_answers",
    "session_participations",
    "session_row",
    "submission_row",
    "update_session",
]

_JOINING_ORDER = (sessie_deelnames.c.aangemeld, sessie_deelnames.c.deelnemer_id)


# ---- sessions ------------------------------------------------------------------------------------------


def session_row(conn: Connection, code: str, *, lock: str | None = None) -> Row[Any] | None:
    """The row of session ``code`` (with ``geheim_hash``) or None; ``lock="share"`` or ``"update"`` locks it.

    The lock is ``SELECT … FOR SHARE`` or ``FOR UPDATE`` on PostgreSQL; SQLite has no row locks (its
    ``BEGIN IMMEDIATE`` already serialises writers) and SQLAlchemy leaves the clause out there.
    """
    query = select(groepssessies).where(groepssessies.c.code == code)
    if lock is not None:
        query = query.with_for_update(read=lock == "share")
    return conn.execute(query).first()


def free_session_code(conn: Connection) -> str:
    """A new random session code that no saved session has."""
    code = new_team_code()
    while session_row(conn, code) is not None:
        code = new_team_code()
    return code


def add_session(conn: Connection, values: Mapping[str, Any], geheim_hash: str) -> None:
    """Save a new session: ``values`` holds every column of ``groepssessies`` except the secret's hash."""
    conn.execute(insert(groepssessies).values(**values, geheim_hash=geheim_hash))


def update_session(conn: Connection, code: str, **values: Any) -> bool:
    """Set columns of session ``code`` (``status``, ``onthuld``, ``bijgewerkt``); False when it is gone."""
    result = conn.execute(update(groepssessies).where(groepssessies.c.code == code).values(**values))
    return result.rowcount > 0


def delete_session(conn: Connection, code: str) -> None:
    """Delete a session, its participations and submissions, and its participants that have nothing else left."""
    session_row(conn, code, lock="update")  # sessions are always locked first: no deadlock with `save_answer`
    ids = list(
        conn.execute(
            select(sessie_deelnames.c.deelnemer_id).where(sessie_deelnames.c.sessie == code)
        ).scalars()
    )
    conn.execute(delete(sessie_deelnames).where(sessie_deelnames.c.sessie == code))
    if ids:
        mine = (inzendingen.c.sessie == code) & inzendingen.c.deelnemer_id.in_(ids)
        conn.execute(delete(inzendingen).where(mine))
        unused = (
            deelnemers.c.id.in_(ids)
            & deelnemers.c.team.is_(None)
            & ~exists().where(inzendingen.c.deelnemer_id == deelnemers.c.id)
            & ~exists().where(inzendingen.c.over_id == deelnemers.c.id)
            & ~exists().where(sessie_deelnames.c.deelnemer_id == deelnemers.c.id)
        )
        conn.execute(delete(deelnemers).where(unused))
    conn.execute(delete(groepssessies).where(groepssessies.c.code == code))


def delete_sessions_created_before(conn: Connection, cutoff: str) -> int:
    """Delete (as `delete_session`) every session created before the time ``cutoff``; returns how many."""
    query = select(groepssessies.c.code).where(groepssessies.c.aangemaakt < cutoff)
    codes = list(conn.execute(query).scalars())
    for code in codes:
        delete_session(conn, code)
    return len(codes)


# ---- participations ------------------------------------------------------------------------------------


def deelname_row(conn: Connection, code: str, deelnemer_id: str, *, lock: bool = False) -> Row[Any] | None:
    """The row of one participant in session ``code`` or None; ``lock=True``: ``SELECT … FOR UPDATE``."""
    query = select(sessie_deelnames).where(
        sessie_deelnames.c.sessie == code, sessie_deelnames.c.deelnemer_id == deelnemer_id
    )
    return conn.execute(query.with_for_update() if lock else query).first()


def participation_by_name(conn: Connection, code: str, naam_sleutel: str) -> Row[Any] | None:
    """The participation in session ``code`` under a display name (its `name_key`), with ``herstel_hash``."""
    query = select(sessie_deelnames).where(
        sessie_deelnames.c.sessie == code, sessie_deelnames.c.naam_sleutel == naam_sleutel
    )
    return conn.execute(query).first()


def add_participation(
    conn: Connection, code: str, weergavenaam: str, naam_sleutel: str, herstel_hash: str, aangemeld: str
) -> str | None:
    """A new participant (a fresh pseudonymous id) joined to session ``code``; returns the id.

    None when the name was taken at the same moment from another page (the unique name key of the session);
    the participation is inserted in a savepoint, so on PostgreSQL the transaction stays usable, but the new
    participant row is still in it: the caller must roll back (raise) when it gets None.
    """
    person = new_participant_id()
    while conn.execute(select(deelnemers.c.id).where(deelnemers.c.id == person)).first():
        person = new_participant_id()
    conn.execute(
        insert(deelnemers).values(id=person, weergavenaam=weergavenaam, team=None, aangemaakt=aangemeld)
    )
    values = {
        "sessie": code,
        "deelnemer_id": person,
        "weergavenaam": weergavenaam,
        "naam_sleutel": naam_sleutel,
        "herstel_hash": herstel_hash,
        "aangemeld": aangemeld,
        "ingeleverd": None,
        "inzending_id": None,
    }
    try:
        with conn.begin_nested():
            conn.execute(insert(sessie_deelnames).values(**values))
    except IntegrityError:
        return None
    return person


def session_participations(conn: Connection, code: str) -> list[Row[Any]]:
    """Every participation of session ``code``, in joining order."""
    query = select(sessie_deelnames).where(sessie_deelnames.c.sessie == code).order_by(*_JOINING_ORDER)
    return list(conn.execute(query))


# ---- answers -------------------------------------------------------------------------------------------


def submission_row(conn: Connection, inzending_id: str) -> Row[Any] | None:
    """The row of submission ``inzending_id`` or None."""
    return conn.execute(select(inzendingen).where(inzendingen.c.id == inzending_id)).first()


def save_answer(
    conn: Connection,
    code: str,
    deelnemer_id: str,
    *,
    soort: str,
    current: str | None,
    payload: str,
    now: str,
) -> tuple[str, str]:
    """Save the one answer of a participant: replace submission ``current`` or add one; ``(id, aangemaakt)``.

    ``payload`` is checked JSON text; the participation points at the answer and is marked handed in at
    ``now``. Lock the session and the participation first (`session_row`, `deelname_row`).
    """
    row = None if current is None else submission_row(conn, current)
    if row is not None:
        where = inzendingen.c.id == row.id
        conn.execute(update(inzendingen).where(where).values(payload=payload, bijgewerkt=now))
        record_id, created = row.id, row.aangemaakt
    else:
        record_id, created = new_submission_id(), now
        values = {"id": record_id, "soort": soort, "deelnemer_id": deelnemer_id, "sessie": code}
        conn.execute(insert(inzendingen).values(**values, payload=payload, aangemaakt=now, bijgewerkt=now))
    mine = (sessie_deelnames.c.sessie == code) & (sessie_deelnames.c.deelnemer_id == deelnemer_id)
    conn.execute(update(sessie_deelnames).where(mine).values(inzending_id=record_id, ingeleverd=now))
    return record_id, created


def answer_from_row(row: Any) -> Inzending:
    """The answer in a row of `session_answers` (its columns named ``i_<name>``)."""
    values = {name: getattr(row, f"i_{name}") for name in Inzending.__dataclass_fields__}
    return Inzending(**{**values, "payload": json.loads(row.i_payload)})


def session_answers(conn: Connection, code: str) -> list[tuple[Row[Any], Inzending]]:
    """Every participation of session ``code`` that handed in, with its answer, in joining order."""
    query = (
        select(*sessie_deelnames.c, *(c.label(f"i_{c.name}") for c in inzendingen.c))
        .join(inzendingen, inzendingen.c.id == sessie_deelnames.c.inzending_id)
        .where(sessie_deelnames.c.sessie == code)
        .order_by(*_JOINING_ORDER)
    )
    return [(row, answer_from_row(row)) for row in conn.execute(query)]


# ---- failed attempts (rate limiting) -------------------------------------------------------------------


def failure_times(
    conn: Connection, start: str, *, pagina: str | None = None, adres: str | None = None
) -> list[str]:
    """The times (oldest first) of the failed attempts since ``start`` from one page or one address."""
    where = toegangspogingen.c.pagina == pagina if adres is None else toegangspogingen.c.adres == adres
    query = select(toegangspogingen.c.tijd).where(where, toegangspogingen.c.tijd >= start)
    return list(conn.execute(query.order_by(toegangspogingen.c.tijd)).scalars())


def failure_count(conn: Connection, start: str) -> int:
    """How many failed attempts everyone together made since ``start``."""
    query = select(func.count()).where(toegangspogingen.c.tijd >= start)
    return conn.execute(query).scalar() or 0


def failure_time(conn: Connection, start: str, index: int) -> str | None:
    """The time of failed attempt number ``index`` (0: the oldest) since ``start``, or None."""
    query = (
        select(toegangspogingen.c.tijd)
        .where(toegangspogingen.c.tijd >= start)
        .order_by(toegangspogingen.c.tijd)
        .offset(index)
        .limit(1)
    )
    return conn.execute(query).scalar()


def add_failure(
    conn: Connection, soort: str, pagina: str, adres: str | None, tijd: str, *, forget_before: str
) -> None:
    """Save one failed attempt at ``tijd`` and delete the ones older than ``forget_before``."""
    conn.execute(delete(toegangspogingen).where(toegangspogingen.c.tijd < forget_before))
    values = {"id": uuid.uuid4().hex, "soort": soort, "pagina": pagina, "adres": adres, "tijd": tijd}
    conn.execute(insert(toegangspogingen).values(**values))
