r"""Opening a database and moving stored data across versions and files.

`open_engine` connects with the settings the store relies on (for SQLite: WAL, a busy timeout of 30 s,
foreign keys, and ``BEGIN IMMEDIATE`` for write transactions, so two writers never deadlock).

Schema migrations are numbered steps, applied in order inside one transaction when a database is opened;
a new version of the kit that needs another column adds a step at the end of `MIGRATIONS`. The SQL is
plain enough for SQLite and PostgreSQL. The table ``schema_versie`` keeps one row per applied step.

A JSON backup carries its schema number, so a backup of an older version can still be read.

In the CSV, text stays readable in Excel; other values are JSON (a float with a decimal comma, as Dutch
Excel expects). Text that would read back as something else is written as a JSON string. The file is written
by the kit's one CSV writer (:mod:`wijkteam_kit._basis.excel_csv`): a cell that could start an Excel formula
gets a leading ``'``, which `read_csv` takes off again, so every value comes back unchanged.

Examples
--------
>>> [(version, text) for version, text, _ in MIGRATIONS]  # doctest: +NORMALIZE_WHITESPACE
[(1, 'tabellen teams, deelnemers en inzendingen'),
 (2, 'inzendingen: kolommen over_id en rol, index op (soort, over_id)'),
 (3, 'groepssessies: tabellen groepssessies, sessie_deelnames en toegangspogingen'),
 (4, 'persoonlijke code per deelnemer; tweede ronde in groepssessies')]
>>> from sqlalchemy import create_engine
>>> with create_engine("sqlite://").begin() as conn:
...     migrate(conn, "voorbeeld"), schema_version(conn), migrate(conn, "voorbeeld")
([1, 2, 3, 4], 4, [])
>>> encode_cell("Zoë; zegt \"ja\""), encode_cell(3), encode_cell(2.5), encode_cell("3")
('Zoë; zegt "ja"', '3', '2,5', '"3"')
>>> [decode_cell(c) for c in ("Zoë", "3", "2,5", '"3"', "")]
[(True, 'Zoë'), (True, 3), (True, 2.5), (True, '3'), (False, None)]
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import URL, Connection, Engine, create_engine, event, func, inspect, select
from sqlalchemy.pool import StaticPool

from wijkteam_kit._basis.excel_csv import excel_csv, is_number, number_text, restore
from wijkteam_kit._basis.jsonsource import MAX_JSON_BYTES, load_json_text
from wijkteam_kit._basis.schema import validate_model
from wijkteam_kit._basis.yamlsource import YamlDocument
from wijkteam_kit.errors import ProblemsError, StoreError
from wijkteam_kit.store.exchange import (
    DeelnameRecord,
    DeelnemerRecord,
    GroepssessieRecord,
    InzendingRecord,
    TeamRecord,
    Timestamp,
    problems_error,
    read_inzending,
)
from wijkteam_kit.store.schema import JSON_DEPTH_MAX, new_submission_id, now_utc, schema_versie

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMAT",
    "MIGRATIONS",
    "SCHEMA_VERSIE",
    "WRITE_OPTION",
    "Backup",
    "decode_cell",
    "encode_cell",
    "error_reason",
    "migrate",
    "open_engine",
    "open_error",
    "read_csv",
    "read_export",
    "schema_version",
    "write_csv",
]

EXPORT_FORMAT = "wijkteam-kit-opslag"
CSV_COLUMNS = (
    "id",
    "soort",
    "deelnemer_id",
    "weergavenaam",
    "over_id",
    "rol",
    "sessie",
    "aangemaakt",
    "bijgewerkt",
)
WRITE_OPTION = "wijkteam_schrijven"  # execution option of a connection that will write
_OUR_TABLES = ("teams", "deelnemers", "inzendingen")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own; _sqlite_begin does
    cursor = dbapi_connection.cursor()
    # secure_delete: deleted rows are overwritten, so a forgotten participant's text is really gone from the file
    pragmas = (
        "busy_timeout=30000",
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "foreign_keys=ON",
        "secure_delete=ON",
    )
    for pragma in pragmas:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock at BEGIN: no lock upgrade later, so no deadlock between two writers.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


def open_engine(url: URL) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout, foreign keys and immediate write transactions.

    >>> from sqlalchemy import make_url, text
    >>> with open_engine(make_url("sqlite://")).connect() as conn:
    ...     conn.execute(text("PRAGMA foreign_keys")).scalar(), conn.execute(text("PRAGMA busy_timeout")).scalar()
    (1, 30000)
    """
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database in (
        None,
        "",
        ":memory:",
    ):  # one shared connection, else every connection is a new database
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def error_reason(exc: BaseException) -> str:
    """The first line of what the database driver said."""
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def open_error(label: str, path: Path | None, exc: BaseException, *, engine: bool = False) -> StoreError:
    """The `StoreError` for a database that cannot be opened: a missing driver, a bad URL, no connection.

    ``engine=True``: the error came from making the engine, so the URL itself is wrong.
    """
    reason = error_reason(exc)
    if isinstance(exc, ImportError):
        return StoreError(
            f"{label}: het stuurprogramma voor deze database ontbreekt ({reason}). "
            "Voor PostgreSQL: pip install 'wijkteam-kit[postgres]'"
        )
    if engine:
        return StoreError(
            f"{label}: deze database-URL is niet te gebruiken ({reason}). Voor PostgreSQL: "
            "postgresql+psycopg://gebruiker:wachtwoord@server/database, na pip install 'wijkteam-kit[postgres]'"
        )
    advice = (
        "dit bestand kan niet als database worden geopend. Controleer het pad: het moet een database "
        "van wijkteam-kit zijn of een nieuw bestand"
        if path
        else "geen verbinding met de database. Controleer de URL, gebruiker, wachtwoord en of de server draait"
    )
    return StoreError(f"{label}: {advice} ({reason}).")


def _v1_tables(conn: Connection) -> None:
    """Version 1 as it shipped: no ``over_id`` and ``rol`` yet."""
    for statement in (
        "CREATE TABLE teams (code TEXT PRIMARY KEY, naam TEXT NOT NULL, geheim_hash TEXT NOT NULL, "
        "doelprofiel TEXT, aangemaakt TEXT NOT NULL)",
        "CREATE TABLE deelnemers (id TEXT PRIMARY KEY, weergavenaam TEXT NOT NULL, "
        "team TEXT REFERENCES teams (code), aangemaakt TEXT NOT NULL)",
        "CREATE TABLE inzendingen (id TEXT PRIMARY KEY, soort TEXT NOT NULL, "
        "deelnemer_id TEXT NOT NULL REFERENCES deelnemers (id), sessie TEXT, payload TEXT NOT NULL, "
        "aangemaakt TEXT NOT NULL, bijgewerkt TEXT NOT NULL)",
        "CREATE INDEX ix_deelnemers_team ON deelnemers (team)",
        "CREATE INDEX ix_inzendingen_soort_deelnemer ON inzendingen (soort, deelnemer_id)",
        "CREATE INDEX ix_inzendingen_sessie ON inzendingen (sessie)",
    ):
        conn.exec_driver_sql(statement)


def _v2_about_and_role(conn: Connection) -> None:
    """Peer ratings: whom a submission is about, and in which role it was given."""
    conn.exec_driver_sql("ALTER TABLE inzendingen ADD COLUMN over_id TEXT REFERENCES deelnemers (id)")
    conn.exec_driver_sql("ALTER TABLE inzendingen ADD COLUMN rol TEXT")
    conn.exec_driver_sql("CREATE INDEX ix_inzendingen_soort_over ON inzendingen (soort, over_id)")


def _v3_group_sessions(conn: Connection) -> None:
    """Group sessions: the session, who joined it (one submission each) and failed attempts to get in."""
    for statement in (
        "CREATE TABLE groepssessies (code TEXT PRIMARY KEY, titel TEXT NOT NULL, casus_id TEXT NOT NULL, "
        "oefening TEXT NOT NULL, geheim_hash TEXT NOT NULL, status TEXT NOT NULL, onthuld BOOLEAN NOT NULL, "
        "aangemaakt TEXT NOT NULL, bijgewerkt TEXT NOT NULL)",
        "CREATE TABLE sessie_deelnames (sessie TEXT NOT NULL REFERENCES groepssessies (code) ON DELETE CASCADE, "
        "deelnemer_id TEXT NOT NULL REFERENCES deelnemers (id), weergavenaam TEXT NOT NULL, "
        "naam_sleutel TEXT NOT NULL, herstel_hash TEXT NOT NULL, "
        "inzending_id TEXT REFERENCES inzendingen (id) ON DELETE SET NULL, aangemeld TEXT NOT NULL, "
        "ingeleverd TEXT, PRIMARY KEY (sessie, deelnemer_id), "
        "CONSTRAINT uq_sessie_deelnames_naam UNIQUE (sessie, naam_sleutel))",
        "CREATE TABLE toegangspogingen (id TEXT PRIMARY KEY, soort TEXT NOT NULL, pagina TEXT NOT NULL, "
        "adres TEXT, tijd TEXT NOT NULL)",
        "CREATE INDEX ix_groepssessies_aangemaakt ON groepssessies (aangemaakt)",
        "CREATE INDEX ix_sessie_deelnames_deelnemer ON sessie_deelnames (deelnemer_id)",
        "CREATE INDEX ix_toegangspogingen_tijd ON toegangspogingen (tijd)",
        "CREATE INDEX ix_toegangspogingen_pagina ON toegangspogingen (pagina, tijd)",
        "CREATE INDEX ix_toegangspogingen_adres ON toegangspogingen (adres, tijd)",
    ):
        conn.exec_driver_sql(statement)


def _v4_personal_code_and_rounds(conn: Connection) -> None:
    """One personal code per participant for every app, and a second round in a group session."""
    for statement in (
        "ALTER TABLE deelnemers ADD COLUMN herstel_hash TEXT",
        "ALTER TABLE deelnemers ADD COLUMN naam_sleutel TEXT",
        "CREATE INDEX ix_deelnemers_naam ON deelnemers (naam_sleutel)",
        "ALTER TABLE groepssessies ADD COLUMN ronde INTEGER DEFAULT 1 NOT NULL",
        "ALTER TABLE sessie_deelnames ADD COLUMN inzending_ronde1 TEXT "
        "REFERENCES inzendingen (id) ON DELETE SET NULL",
    ):
        conn.exec_driver_sql(statement)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "tabellen teams, deelnemers en inzendingen", _v1_tables),
    (2, "inzendingen: kolommen over_id en rol, index op (soort, over_id)", _v2_about_and_role),
    (3, "groepssessies: tabellen groepssessies, sessie_deelnames en toegangspogingen", _v3_group_sessions),
    (4, "persoonlijke code per deelnemer; tweede ronde in groepssessies", _v4_personal_code_and_rounds),
]
SCHEMA_VERSIE = MIGRATIONS[-1][0]


def _newer(what: str, version: object) -> StoreError:
    return StoreError(
        f"{what} is gemaakt met een nieuwere versie van wijkteam-kit (schema {version}); deze versie kent "
        f"schema {SCHEMA_VERSIE}. Werk wijkteam-kit bij (pip install -U wijkteam-kit); er is niets veranderd."
    )


def schema_version(conn: Connection) -> int:
    """The schema version of the database behind ``conn``; 0 for an empty database."""
    if not inspect(conn).has_table("schema_versie"):
        return 0
    return conn.execute(select(func.max(schema_versie.c.versie))).scalar() or 0


def migrate(conn: Connection, where: str) -> list[int]:
    """Apply the missing steps on ``conn`` (inside the caller's transaction); returns the versions applied.

    Raises
    ------
    StoreError
        When the database is newer than this code, or has our tables without a ``schema_versie``.
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSIE:
        raise _newer(f"{where}: deze database", version)
    if version == 0:
        present = [name for name in _OUR_TABLES if inspect(conn).has_table(name)]
        if present:
            raise StoreError(
                f"{where}: deze database heeft al tabellen ({', '.join(present)}) maar geen schema_versie; "
                "het lijkt geen database van wijkteam-kit. Kies een ander bestand; er is niets veranderd."
            )
        schema_versie.create(conn)
    applied = []
    for step, description, function in MIGRATIONS:
        if step > version:
            function(conn)
            conn.execute(
                schema_versie.insert().values(versie=step, beschrijving=description, toegepast=now_utc())
            )
            applied.append(step)
    return applied


# ---- JSON backup ---------------------------------------------------------------------------------------


class Backup(BaseModel):
    """A JSON backup of `Store.export_json`: its format, schema number, time and the records per table.

    Strict: no other fields, no coercion (``"schema": true`` is no number). A backup of an older schema
    lacks the tables and columns added since; each table is a list of its records, in the order of import.
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    formaat: Literal["wijkteam-kit-opslag"]
    versie: int = Field(alias="schema", ge=1, le=SCHEMA_VERSIE)
    geexporteerd: Timestamp | None = None
    teams: list[TeamRecord] = Field(default_factory=list)
    deelnemers: list[DeelnemerRecord] = Field(default_factory=list)
    inzendingen: list[InzendingRecord] = Field(default_factory=list)
    groepssessies: list[GroepssessieRecord] = Field(default_factory=list)
    sessie_deelnames: list[DeelnameRecord] = Field(default_factory=list)


MAX_BACKUP_BYTES = 10_000_000
"""Largest JSON backup `read_export` reads (a busy training year is a few MB)."""
MAX_CSV_ROWS = 5_000
"""Most lines in a CSV import (a group's answers to one exercise are a few hundred)."""


def read_export(text: str) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The checked rows of a JSON backup per table, each with its place (``"import: deelnemers[2]"``).

    The whole file is checked against `Backup` first; every problem is named with its record and field
    (``"import, veld inzendingen[3].payload: …"``), all in one `StoreError`.

    >>> read_export('{"formaat": "wijkteam-kit-opslag", "schema": 1, "deelnemers": ['
    ...             '{"id": "p-abcdef", "weergavenaam": "Kim", "aangemaakt": "2024-05-01T12:00:00Z"}]}')
    ... # doctest: +NORMALIZE_WHITESPACE
    {'teams': [], 'deelnemers': [('import: deelnemers[0]', {'id': 'p-abcdef', 'weergavenaam': 'Kim',
      'team': None, 'aangemaakt': '2024-05-01T12:00:00.000000+00:00', 'herstel_hash': None,
      'naam_sleutel': None})], 'inzendingen': [],
     'groepssessies': [], 'sessie_deelnames': []}
    >>> read_export('{"formaat": "wijkteam-kit-opslag", "schema": true, "teams": {}}')
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.StoreError: 2 problemen gevonden:
      - import, veld schema: verwacht een heel getal, kreeg true
      - import, veld teams: verwacht een lijst (regels met '- '), kreeg een groep velden
    """
    try:
        # a deeper payload and NaN are named with their record below
        data = load_json_text(text, "import", max_bytes=MAX_BACKUP_BYTES, max_depth=JSON_DEPTH_MAX + 10, finite=False)
    except ProblemsError as exc:
        raise StoreError(str(exc)) from None
    if not isinstance(data, dict) or data.get("formaat") != EXPORT_FORMAT:
        raise StoreError(f'import: verwacht een back-up van wijkteam-kit (met "formaat": {EXPORT_FORMAT!r})')
    version = data.get("schema")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSIE:
        raise _newer("import: deze back-up", version)  # before the fields: a newer backup may have more
    backup, problems = validate_model(Backup, YamlDocument(data=data, source="import"))
    if backup is None:
        raise problems_error(problems)
    return {
        table: [(f"import: {table}[{i}]", record.row()) for i, record in enumerate(getattr(backup, table))]
        for table in ("teams", "deelnemers", "inzendingen", "groepssessies", "sessie_deelnames")
    }


# ---- Excel CSV -----------------------------------------------------------------------------------------


def _no_constants(name: str) -> Any:
    raise ValueError(name)


def decode_cell(text: str) -> tuple[bool, Any]:
    """``(present, value)`` of a payload cell: empty → absent; ``2,5`` → 2.5; JSON → its value; else the text."""
    if text == "":
        return False, None
    if _DECIMAL_COMMA.fullmatch(text):
        return True, float(text.replace(",", "."))
    if len(text) > 200 and text.lstrip()[:1] in "[{":  # nested JSON in a cell: within the limits or text
        try:
            return True, load_json_text(text, "cel")
        except ProblemsError:
            return True, text
    try:
        return True, json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        return True, text


def encode_cell(value: Any) -> str:
    """The cell text of a payload value; ``decode_cell(encode_cell(v)) == (True, v)`` for every JSON value."""
    if isinstance(value, str):
        return value if decode_cell(value) == (True, value) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return number_text(value)
    return json.dumps(value, ensure_ascii=False)


def _payload_cell(value: Any) -> Any:
    """A number as itself (the writer keeps ``-1`` a number), any other value as `encode_cell` text."""
    return value if is_number(value) else encode_cell(value)


def _column(key: str) -> str:
    """Payload keys that clash with a fixed column get the prefix ``payload.``."""
    return f"payload.{key}" if key in CSV_COLUMNS or key.startswith("payload.") else key


def write_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    r"""CSV for Dutch Excel (semicolons, UTF-8 with BOM): the `CSV_COLUMNS`, then one column per payload key.

    A cell that could start a formula gets a leading ``'`` (`read_csv` takes it off); a number stays a number.

    >>> row = {"id": "x1", "soort": "zrm", "deelnemer_id": "p-abcdef", "weergavenaam": "Zoë",
    ...        "payload": {"id": 7, "toelichting": "regeling; loopt", "formule": "=1+1", "verschil": -1}}
    >>> lines = write_csv([row]).decode("utf-8-sig").splitlines()
    >>> lines[0].removeprefix(";".join(CSV_COLUMNS))
    ';payload.id;toelichting;formule;verschil'
    >>> lines[1]
    'x1;zrm;p-abcdef;Zoë;;;;;;7;"regeling; loopt";\'=1+1;-1'
    """
    rows = list(rows)
    keys = list(dict.fromkeys(key for row in rows for key in row["payload"]))
    table = []
    for row in rows:
        fixed = [row.get(c) or "" for c in CSV_COLUMNS]
        fixed[CSV_COLUMNS.index("weergavenaam")] = encode_cell(row.get("weergavenaam") or "")
        payload = row["payload"]
        table.append([*fixed, *(_payload_cell(payload[k]) if k in payload else "" for k in keys)])
    return excel_csv([*CSV_COLUMNS, *map(_column, keys)], table)


def read_csv(data: bytes, soort: str) -> list[tuple[str, dict[str, Any]]]:
    """The checked submissions of a CSV made by `write_csv` (maybe edited in Excel), each with its line.

    A row without an id gets a new one; missing times become now; ``weergavenaam`` is only for reading.
    """
    if len(data) > MAX_JSON_BYTES:
        raise StoreError(f"CSV-import: het bestand is te groot; verwacht hoogstens {MAX_JSON_BYTES // 1000} kB")
    if data.count(b"\n") > MAX_CSV_ROWS:
        raise StoreError(
            f"CSV-import: meer dan {MAX_CSV_ROWS:_} regels; splits het bestand of importeer per oefening".replace(
                "_", "."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoreError(
            "CSV-import: het bestand is geen UTF-8. Kies in Excel bij 'Opslaan als' het type "
            "'CSV UTF-8 (door lijstscheidingsteken gescheiden)'."
        ) from None
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=";" if ";" in first or "," not in first else ",")
    try:
        return _read_rows(reader, soort)
    except csv.Error:
        raise StoreError(
            f"CSV-import, regel {reader.line_num}: deze regel is niet te lezen (een cel langer dan "
            f"{csv.field_size_limit():_} tekens, of een aanhalingsteken dat niet klopt)".replace("_", ".")
        ) from None


def _read_rows(reader: Any, soort: str) -> list[tuple[str, dict[str, Any]]]:
    header = [restore(cell) for cell in next(reader, [])]
    missing = [c for c in ("id", "deelnemer_id") if c not in header]
    if missing:
        raise StoreError(
            f"CSV-import, regel 1: kolom {' en '.join(missing)} ontbreekt; verwacht de kolomnamen van een "
            f"export ({';'.join(CSV_COLUMNS)};…)"
        )
    rows, now = [], now_utc()
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves rows of only ;;;
        where = f"CSV-import, regel {reader.line_num}"
        row = dict(zip(header, map(restore, cells), strict=False))
        if row.get("soort", soort) not in ("", soort):
            raise StoreError(f"{where}: soort {row['soort']!r} hoort niet bij een import als {soort!r}")
        payload = {}
        for column, cell in row.items():
            present, value = decode_cell(cell)
            if present and column not in CSV_COLUMNS:
                payload[column.removeprefix("payload.")] = value
        item = {c: row.get(c) or None for c in CSV_COLUMNS if c != "weergavenaam"}  # only for reading
        item.update(id=item["id"] or new_submission_id(), soort=soort, payload=payload)
        item.update({c: item[c] or now for c in ("aangemaakt", "bijgewerkt")})
        rows.append((where, read_inzending(item, where)))
    return rows
