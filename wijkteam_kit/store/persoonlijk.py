"""The SQL of the kit-wide personal code and of round two in a group session.

A participant's *personal code* is the herstelcode they get at their first join (or in the ZRM app's
"Mijn kalibratie"): its scrypt hash and the key of their display name are kept on their row in ``deelnemers``,
so the same name and code find the same pseudonymous participant in every app and every session.
`wijkteam_kit.groepssessie.persoonlijk` keeps the rules (rate limits, messages); this module only queries.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> from wijkteam_kit.store.schema import hash_secret, name_key
>>> store = Store(":memory:")
>>> kim = store.add_participant("Kim")
>>> with store.transaction("voorbeeld", write=True) as conn:
...     set_personal_code(conn, kim.id, hash_secret("123456"), name_key("Kim"))
...     [row.id == kim.id for row in participants_by_name_key(conn, name_key(" kim "))]
[True]
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Row, insert, or_, select, update

from wijkteam_kit.errors import StoreError
from wijkteam_kit.store.schema import (
    deelnemers,
    groepssessies,
    inzendingen,
    normalise_team_code,
    sessie_deelnames,
    teams,
)

__all__ = [
    "add_participation_of",
    "open_round_two",
    "participants_by_name_key",
    "personal_data",
    "round_one_answers",
    "set_personal_code",
    "set_team",
    "submissions_of",
]


def set_personal_code(conn: Connection, deelnemer_id: str, herstel_hash: str, naam_sleutel: str) -> None:
    """Give a participant their personal code (hashed) under the key of their display name."""
    conn.execute(
        update(deelnemers)
        .where(deelnemers.c.id == deelnemer_id)
        .values(herstel_hash=herstel_hash, naam_sleutel=naam_sleutel)
    )


def participants_by_name_key(conn: Connection, naam_sleutel: str) -> list[Row[Any]]:
    """Participants with a personal code under this name key (with ``herstel_hash``), oldest first."""
    query = (
        select(deelnemers)
        .where(deelnemers.c.naam_sleutel == naam_sleutel, deelnemers.c.herstel_hash.is_not(None))
        .order_by(deelnemers.c.aangemaakt, deelnemers.c.id)
    )
    return list(conn.execute(query))


def add_participation_of(
    conn: Connection,
    code: str,
    deelnemer_id: str,
    weergavenaam: str,
    naam_sleutel: str,
    herstel_hash: str,
    aangemeld: str,
) -> bool:
    """Join an existing participant (found by their personal code) to session ``code``.

    False when the name was taken at the same moment (the caller must roll back) or the participant joined
    already.
    """
    from sqlalchemy.exc import IntegrityError

    values = {
        "sessie": code,
        "deelnemer_id": deelnemer_id,
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
        return False
    return True


def submissions_of(conn: Connection, deelnemer_id: str, soort: str) -> list[Row[Any]]:
    """Every submission of one kind by one participant, oldest first."""
    query = (
        select(inzendingen)
        .where(inzendingen.c.deelnemer_id == deelnemer_id, inzendingen.c.soort == soort)
        .order_by(inzendingen.c.aangemaakt, inzendingen.c.id)
    )
    return list(conn.execute(query))


def open_round_two(conn: Connection, code: str, now: str) -> bool:
    """Keep every answer as round one, empty the hand-ins, hide the group result and set ``ronde`` to 2.

    False when the session does not exist or is in round two already (nothing changes then).
    """
    row = conn.execute(select(groepssessies).where(groepssessies.c.code == code).with_for_update()).first()
    if row is None or row.ronde != 1:
        return False
    conn.execute(
        update(sessie_deelnames)
        .where(sessie_deelnames.c.sessie == code)
        .values(inzending_ronde1=sessie_deelnames.c.inzending_id, inzending_id=None, ingeleverd=None)
    )
    conn.execute(
        update(groepssessies)
        .where(groepssessies.c.code == code)
        .values(ronde=2, onthuld=False, bijgewerkt=now)
    )
    return True


def round_one_answers(conn: Connection, code: str) -> list[tuple[str, dict[str, Any]]]:
    """``(display name, payload)`` of every answer of round one, in joining order (empty before round two)."""
    query = (
        select(sessie_deelnames.c.weergavenaam, inzendingen.c.payload)
        .join(inzendingen, inzendingen.c.id == sessie_deelnames.c.inzending_ronde1)
        .where(sessie_deelnames.c.sessie == code)
        .order_by(sessie_deelnames.c.aangemeld, sessie_deelnames.c.deelnemer_id)
    )
    return [(row.weergavenaam, json.loads(row.payload)) for row in conn.execute(query)]


def set_team(conn: Connection, deelnemer_id: str, team: str | None) -> None:
    """Put a participant in team ``team`` (None: in no team); an unknown team code is a StoreError."""
    code = None if team is None else normalise_team_code(team)
    if code is not None and conn.execute(select(teams.c.code).where(teams.c.code == code)).first() is None:
        raise StoreError(f"team {team!r}: onbekende teamcode; controleer de code")
    conn.execute(update(deelnemers).where(deelnemers.c.id == deelnemer_id).values(team=code))


def personal_data(conn: Connection, deelnemer_id: str) -> dict[str, Any]:
    """Everything stored about one participant, for their right of access (secrets and other people left out).

    ``deelnemer``: their row without the hashed code; ``inzendingen``: what they saved (by them) and that others
    saved something about them, without its content and times: one colleague's scores, with the moment they were
    given, would show who said what (the AVG's right of access may not harm others' rights, art. 15(4)); the app
    shows feedback about you only as the average of at least three colleagues;
    ``groepssessies``: their places in group sessions (without the hashed herstelcode).

    >>> from wijkteam_kit.store import Store
    >>> store = Store(":memory:")
    >>> kim, bo = store.add_participant("Kim"), store.add_participant("Bo")
    >>> _ = store.submit("competentiescan", bo.id, {"a": 2}, over_id=kim.id, rol="collega")
    >>> with store.transaction("voorbeeld") as conn:
    ...     data = personal_data(conn, kim.id)
    >>> data["deelnemer"]["weergavenaam"], [(i["rol"], i["door"]) for i in data["inzendingen"]]
    ('Kim', [('collega', 'een collega')])
    """
    row = conn.execute(select(deelnemers).where(deelnemers.c.id == deelnemer_id)).first()
    if row is None:
        return {"deelnemer": None, "inzendingen": [], "groepssessies": []}
    person = {k: getattr(row, k) for k in ("id", "weergavenaam", "team", "aangemaakt")}
    person["persoonlijke_code"] = "ja (alleen versleuteld bewaard)" if row.herstel_hash else "nee"
    query = (
        select(inzendingen)
        .where(or_(inzendingen.c.deelnemer_id == deelnemer_id, inzendingen.c.over_id == deelnemer_id))
        .order_by(inzendingen.c.aangemaakt, inzendingen.c.id)
    )
    items = []
    for item in conn.execute(query):
        mine = item.deelnemer_id == deelnemer_id
        if not mine:
            items.append(
                {
                    "id": item.id,
                    "soort": item.soort,
                    "door": "een collega",
                    "over": "jij",
                    "rol": item.rol,
                    "inhoud": "niet per collega: je ziet feedback over jou als gemiddelde van minstens drie "
                    "collega's in de app, zodat niemand te herleiden is",
                }
            )
            continue
        items.append(
            {
                "id": item.id,
                "soort": item.soort,
                "door": "jij",
                "over": "jij" if item.over_id in (None, deelnemer_id) else "een ander",
                "rol": item.rol,
                "sessie": item.sessie,
                "aangemaakt": item.aangemaakt,
                "bijgewerkt": item.bijgewerkt,
                "inhoud": json.loads(item.payload),
            }
        )
    places = conn.execute(
        select(
            sessie_deelnames.c.sessie,
            sessie_deelnames.c.weergavenaam,
            sessie_deelnames.c.aangemeld,
            sessie_deelnames.c.ingeleverd,
        )
        .where(sessie_deelnames.c.deelnemer_id == deelnemer_id)
        .order_by(sessie_deelnames.c.aangemeld)
    )
    sessions = [dict(place._mapping) for place in places]
    return {"deelnemer": person, "inzendingen": items, "groepssessies": sessions}
