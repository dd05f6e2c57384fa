r"""What the store keeps and where: records, tables, ids, hashed team secrets, checks and the location.

Everything here is pure (no database connection); `wijkteam_kit.store` puts it together.

Examples
--------
>>> is_participant_id(new_participant_id())
True
>>> stored = hash_secret("koffie-om-tien")
>>> "koffie" in stored, check_secret("koffie-om-tien", stored), check_secret("thee", stored)
(False, True, False)
>>> check_json_object({"score": 3, "voorbeeld": "Zoë belde"}, "payload")
'{"score":3,"voorbeeld":"Zoë belde"}'
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import re
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
)

from wijkteam_kit.errors import StoreError
from wijkteam_kit.privacy import find_identifiers

__all__ = [
    "DISPLAY_NAME_MAX",
    "JSON_DEPTH_MAX",
    "Deelnemer",
    "Inzending",
    "Team",
    "check_display_name",
    "check_json_object",
    "check_secret",
    "check_session",
    "check_slug",
    "deelnemers",
    "groepssessies",
    "hash_secret",
    "inzendingen",
    "is_participant_id",
    "local_time",
    "metadata",
    "name_key",
    "new_participant_id",
    "new_submission_id",
    "new_team_code",
    "normalise_team_code",
    "normalise_timestamp",
    "now_utc",
    "schema_versie",
    "sessie_deelnames",
    "teams",
    "toegangspogingen",
]

DISPLAY_NAME_MAX = 60
JSON_DEPTH_MAX = 100  # lists and dicts inside each other; a network map needs about 5
TEAM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud and type
PARTICIPANT_ALPHABET = TEAM_CODE_ALPHABET.lower()
_SLUG = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")
_SESSION = re.compile(r"\w[\w .:/-]*")
_PARTICIPANT_ID = re.compile(rf"p-[{PARTICIPANT_ALPHABET}]{{6}}")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Team:
    """A team: short code to share, a name and an optional target profile (the secret is never returned)."""

    code: str
    naam: str
    doelprofiel: dict[str, Any] | None
    aangemaakt: str

    @classmethod
    def from_row(cls, row: Any) -> Team:
        """A team from a row of ``teams`` (the hash of the secret is left out)."""
        profile = json.loads(row.doelprofiel) if row.doelprofiel else None
        return cls(code=row.code, naam=row.naam, doelprofiel=profile, aangemaakt=row.aangemaakt)


@dataclass(frozen=True)
class Deelnemer:
    """A pseudonymous participant: random id and a display name the user chose."""

    id: str
    weergavenaam: str
    team: str | None
    aangemaakt: str

    @classmethod
    def from_row(cls, row: Any) -> Deelnemer:
        """A participant from a row of ``deelnemers``."""
        return cls(id=row.id, weergavenaam=row.weergavenaam, team=row.team, aangemaakt=row.aangemaakt)


@dataclass(frozen=True)
class Inzending:
    """One saved piece of work (a scan, a plan, a network map, …) as a JSON object ``payload``."""

    id: str
    soort: str
    deelnemer_id: str
    payload: dict[str, Any] = field(default_factory=dict)
    over_id: str | None = None
    rol: str | None = None
    sessie: str | None = None
    aangemaakt: str = ""
    bijgewerkt: str = ""

    @classmethod
    def from_row(cls, row: Any) -> Inzending:
        """A submission from a row of ``inzendingen`` (the payload decoded into a fresh dict)."""
        values = {name: getattr(row, name) for name in cls.__dataclass_fields__}
        return cls(**{**values, "payload": json.loads(row.payload)})


# The current schema: what the steps in `wijkteam_kit.store.migrations` build, column by column and index by
# index (tests/test_store_schema.py compares a database upgraded from version 1 with ``metadata.create_all``).
# The store queries through these tables; the database itself is always made by the migrations.
metadata = MetaData()
schema_versie = Table(
    "schema_versie",
    metadata,
    Column("versie", Integer, primary_key=True, autoincrement=False),
    Column("beschrijving", Text, nullable=False),
    Column("toegepast", Text, nullable=False),
)
teams = Table(
    "teams",
    metadata,
    Column("code", Text, primary_key=True),
    Column("naam", Text, nullable=False),
    Column("geheim_hash", Text, nullable=False),
    Column("doelprofiel", Text),
    Column("aangemaakt", Text, nullable=False),
)
deelnemers = Table(
    "deelnemers",
    metadata,
    Column("id", Text, primary_key=True),
    Column("weergavenaam", Text, nullable=False),
    Column("team", Text, ForeignKey("teams.code")),
    Column("aangemaakt", Text, nullable=False),
    # Schema 4: the kit-wide personal code (the herstelcode, hashed) and the name it goes with.
    Column("herstel_hash", Text),
    Column("naam_sleutel", Text),
    Index("ix_deelnemers_team", "team"),
    Index("ix_deelnemers_naam", "naam_sleutel"),
)
inzendingen = Table(
    "inzendingen",
    metadata,
    Column("id", Text, primary_key=True),
    Column("soort", Text, nullable=False),
    Column("deelnemer_id", Text, ForeignKey("deelnemers.id"), nullable=False),
    Column("sessie", Text),
    Column("payload", Text, nullable=False),
    Column("aangemaakt", Text, nullable=False),
    Column("bijgewerkt", Text, nullable=False),
    Column("over_id", Text, ForeignKey("deelnemers.id")),
    Column("rol", Text),
    Index("ix_inzendingen_soort_deelnemer", "soort", "deelnemer_id"),
    Index("ix_inzendingen_sessie", "sessie"),
    Index("ix_inzendingen_soort_over", "soort", "over_id"),
)
# Schema 3: group sessions (`wijkteam_kit.groepssessie`). One row per participant per session holds the hashed
# herstelcode and points at the one submission; ``naam_sleutel`` makes a display name unique within a session.
groepssessies = Table(
    "groepssessies",
    metadata,
    Column("code", Text, primary_key=True),
    Column("titel", Text, nullable=False),
    Column("casus_id", Text, nullable=False),
    Column("oefening", Text, nullable=False),
    Column("geheim_hash", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("onthuld", Boolean, nullable=False),
    Column("aangemaakt", Text, nullable=False),
    Column("bijgewerkt", Text, nullable=False),
    Column("ronde", Integer, nullable=False, server_default="1"),  # schema 4: round two after a discussion
    Index("ix_groepssessies_aangemaakt", "aangemaakt"),
)
sessie_deelnames = Table(
    "sessie_deelnames",
    metadata,
    Column("sessie", Text, ForeignKey("groepssessies.code", ondelete="CASCADE"), nullable=False),
    Column("deelnemer_id", Text, ForeignKey("deelnemers.id"), nullable=False),
    Column("weergavenaam", Text, nullable=False),
    Column("naam_sleutel", Text, nullable=False),
    Column("herstel_hash", Text, nullable=False),
    Column("inzending_id", Text, ForeignKey("inzendingen.id", ondelete="SET NULL")),
    Column("aangemeld", Text, nullable=False),
    Column("ingeleverd", Text),
    # schema 4: the answer of round one, kept when the trainer opens round two
    Column("inzending_ronde1", Text, ForeignKey("inzendingen.id", ondelete="SET NULL")),
    PrimaryKeyConstraint("sessie", "deelnemer_id"),
    UniqueConstraint("sessie", "naam_sleutel", name="uq_sessie_deelnames_naam"),
    Index("ix_sessie_deelnames_deelnemer", "deelnemer_id"),
)
toegangspogingen = Table(  # failed attempts only, for rate limiting (`wijkteam_kit.groepssessie.limiet`)
    "toegangspogingen",
    metadata,
    Column("id", Text, primary_key=True),
    Column("soort", Text, nullable=False),
    Column("pagina", Text, nullable=False),
    Column("adres", Text),
    Column("tijd", Text, nullable=False),
    Index("ix_toegangspogingen_tijd", "tijd"),
    Index("ix_toegangspogingen_pagina", "pagina", "tijd"),
    Index("ix_toegangspogingen_adres", "adres", "tijd"),
)


def now_utc() -> str:
    """The current UTC time as ISO text with microseconds (sorts correctly as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def local_time(stamp: str | None, *, clock: bool = False) -> str:
    """A stored time (ISO, UTC) as local ``'2026-03-02 10:42'`` (``clock``: only ``'10:42'``).

    ``''`` for none; unreadable text comes back unchanged.

    >>> local_time(None), local_time("gisteren")
    ('', 'gisteren')
    >>> len(local_time("2026-03-02T09:42:00+00:00")), len(local_time("2026-03-02T09:42:00+00:00", clock=True))
    (16, 5)
    """
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    return moment.astimezone().strftime("%H:%M" if clock else "%Y-%m-%d %H:%M")


def normalise_timestamp(value: Any, where: str) -> str:
    """An ISO timestamp from a file, converted to the store's UTC format.

    >>> normalise_timestamp("2024-05-01T14:00:00+02:00", "x")
    '2024-05-01T12:00:00.000000+00:00'
    """
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise StoreError(
            f"{where}: verwacht een tijdstip als 2024-05-01T12:00:00+00:00, kreeg {value!r}"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def new_team_code() -> str:
    """Six random characters without look-alikes (no 0/O, 1/I/L), e.g. ``'K7MQ2X'``."""
    return "".join(secrets.choice(TEAM_CODE_ALPHABET) for _ in range(6))


def normalise_team_code(code: str) -> str:
    """A team code as typed (spaces, lower case) in its stored form.

    >>> normalise_team_code(" k7mq2x ")
    'K7MQ2X'
    """
    return str(code).strip().upper()


def new_participant_id() -> str:
    """A random pseudonymous id such as ``'p-7k3m9x'``; it says nothing about the person."""
    return "p-" + "".join(secrets.choice(PARTICIPANT_ALPHABET) for _ in range(6))


def is_participant_id(text: str) -> bool:
    """Whether ``text`` has the form of an id made by `new_participant_id`."""
    return bool(_PARTICIPANT_ID.fullmatch(text))


def new_submission_id() -> str:
    """A random uuid4 as text."""
    return str(uuid.uuid4())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_secret(geheim: str) -> str:
    """The team leader secret as ``scrypt$n$r$p$salt$hash`` (random salt); the plain secret is not in it."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(geheim.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${_b64(salt)}${_b64(digest)}"


def check_secret(geheim: str, stored: str) -> bool:
    """Whether ``geheim`` matches a value made by `hash_secret` (constant-time comparison)."""
    try:
        method, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            str(geheim).encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return method == "scrypt" and hmac.compare_digest(actual, expected)


def check_slug(value: Any, what: str) -> str:
    """A short lower-case name such as ``"competentiescan"`` or ``"zelf"``; otherwise a StoreError.

    >>> check_slug("ontwikkelplan", "soort")
    'ontwikkelplan'
    >>> check_slug("Competentie Scan", "soort")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.StoreError: soort: verwacht een korte naam van kleine letters, cijfers en streepjes (zoals 'competentiescan'), kreeg 'Competentie Scan'
    """  # noqa: E501
    if not isinstance(value, str) or len(value) > 40 or not _SLUG.fullmatch(value):
        raise StoreError(
            f"{what}: verwacht een korte naam van kleine letters, cijfers en streepjes "
            f"(zoals 'competentiescan'), kreeg {value!r}"
        )
    return value


def check_session(value: Any) -> str | None:
    """A group session label (letters, digits, spaces, ``-_.:/``; at most 100 characters) or None."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 100 or not _SESSION.fullmatch(value):
        raise StoreError(
            "sessie: verwacht een naam van hoogstens 100 tekens die met een letter of cijfer begint "
            f"(zoals 'groep-2024-05-01'), kreeg {value!r}"
        )
    return value


def check_display_name(weergavenaam: Any) -> str:
    """A display name of 1–60 characters without anything that looks like a BSN or phone number.

    >>> check_display_name("  Kim uit team Noord ")
    'Kim uit team Noord'
    >>> check_display_name("Kim 111222333")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.StoreError: weergavenaam 'Kim 111222333': dit lijkt een BSN (111222333) te bevatten. Kies een schuilnaam of voornaam zonder nummers die naar een echt persoon wijzen.
    """  # noqa: E501
    if not isinstance(weergavenaam, str) or not weergavenaam.strip():
        raise StoreError(
            f"weergavenaam: verwacht een (schuil)naam van 1 tot {DISPLAY_NAME_MAX} tekens, kreeg niets"
        )
    name = " ".join(weergavenaam.split())
    if len(name) > DISPLAY_NAME_MAX:
        raise StoreError(
            f"weergavenaam {name[:20]!r}…: is {len(name)} tekens lang; het mogen er hoogstens {DISPLAY_NAME_MAX} zijn"
        )
    hits = find_identifiers(name)
    if hits:
        what = ", ".join(f"een {h.kind} ({h.text})" for h in hits)
        raise StoreError(
            f"weergavenaam {name!r}: dit lijkt {what} te bevatten. Kies een schuilnaam of voornaam zonder "
            "nummers die naar een echt persoon wijzen."
        )
    return name


def name_key(weergavenaam: str) -> str:
    """The form in which two display names in one group session count as the same name.

    >>> name_key("  Kim  de Vries "), name_key("KIM DE VRIES") == name_key("kim de vries")
    ('kim de vries', True)
    """
    return " ".join(str(weergavenaam).casefold().split())


def _kind(value: Any) -> str:
    """What a value is, in Dutch (for a message about data that cannot be stored).

    >>> _kind({1, 2}), _kind(b"x"), _kind(3), _kind(object())
    ('een verzameling (set)', 'binaire gegevens (bytes)', 'een heel getal', 'een Python-object van het type object')
    """
    if isinstance(value, bool):
        return "ja/nee (true/false)"
    kinds: tuple[tuple[type | tuple[type, ...], str], ...] = (
        (dict, "een groep velden"),
        ((list, tuple), "een lijst"),
        ((set, frozenset), "een verzameling (set)"),
        ((bytes, bytearray), "binaire gegevens (bytes)"),
        (datetime, "een tijdstip"),
        (int, "een heel getal"),
        (float, "een kommagetal"),
        (str, "tekst"),
    )
    for types, name in kinds:
        if isinstance(value, types):
            return name
    if type(value).__name__ == "date":
        return "een datum"
    return f"een Python-object van het type {type(value).__name__}"


_STOREABLE = "gebruik tekst, getallen, ja/nee (true/false), niets (null), lijsten of groepen velden"


def _check_json_value(value: Any, where: str, depth: int = 0) -> None:
    if depth > JSON_DEPTH_MAX:
        raise StoreError(
            f"{where}: is meer dan {JSON_DEPTH_MAX} lagen diep genest (lijsten of groepen velden in elkaar); "
            "zo diep gaat geen oefening"
        )
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(f"{where}: {value!r} kan niet worden opgeslagen; gebruik een gewoon getal of niets (null)")
        return
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _check_json_value(item, f"{where}[{i}]" if depth < 5 else where, depth + 1)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise StoreError(f"{where}: sleutel {key!r} is {_kind(key)}; de naam van een veld moet tekst zijn")
            _check_json_value(item, f"{where}[{key!r}]" if depth < 5 else where, depth + 1)
        return
    raise StoreError(f"{where}: {_kind(value)} kan niet worden opgeslagen; {_STOREABLE}")


def check_json_object(value: Any, where: str) -> str:
    """``value`` (a dict of JSON-compatible values) as compact JSON text; otherwise a StoreError naming the spot.

    >>> check_json_object({"score": 3, "voorbeeld": "Zoë belde"}, "payload")
    '{"score":3,"voorbeeld":"Zoë belde"}'
    >>> check_json_object({"datum": {1, 2}}, "payload")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.StoreError: payload['datum']: een verzameling (set) kan niet worden opgeslagen; gebruik tekst, getallen, ja/nee (true/false), niets (null), lijsten of groepen velden
    """  # noqa: E501
    if not isinstance(value, dict):
        raise StoreError(f"{where}: verwacht een groep velden (namen met waarden), kreeg {_kind(value)}")
    _check_json_value(value, where)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
