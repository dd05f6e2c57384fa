"""The schema is described once: a database upgraded step by step equals the table definitions of store/schema.

A database of version 1 (as it shipped) is opened by `Store`, which applies every migration; then the same
database is emptied and made again with ``metadata.create_all``. Tables, columns (name, type, nullability),
primary keys, unique constraints, foreign keys (with their ON DELETE) and indexes must be the same. The test
runs on SQLite and, with ``$WIJKTEAM_TEST_POSTGRES``, on PostgreSQL (see tests/conftest.py).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, inspect, text

from tests.test_store import V1_SQL, _run_script
from wijkteam_kit.store import Store, metadata

PACKAGE = Path(__file__).parent.parent / "wijkteam_kit"


def _engine(url: str) -> Engine:
    return create_engine(f"sqlite:///{url}" if "://" not in url else url)


def _foreign_keys(conn: Connection, table: str) -> list[tuple[Any, ...]]:
    """``(columns, referred table, referred columns, ON DELETE)`` of every foreign key, sorted."""
    if conn.dialect.name == "sqlite":  # the inspector misses ON DELETE of a REFERENCES inside a column
        rows = conn.exec_driver_sql(f"PRAGMA foreign_key_list({table})").all()
        grouped: dict[int, list[Any]] = {}
        for row in rows:  # (id, seq, table, from, to, on_update, on_delete, match)
            grouped.setdefault(row[0], []).append(row)
        keys = [
            (tuple(r[3] for r in g), g[0][2], tuple(r[4] for r in g), g[0][6].upper())
            for g in grouped.values()
        ]
    else:
        keys = [
            (
                tuple(fk["constrained_columns"]),
                fk["referred_table"],
                tuple(fk["referred_columns"]),
                str(fk["options"].get("ondelete", "NO ACTION")).upper(),
            )
            for fk in inspect(conn).get_foreign_keys(table)
        ]
    return sorted(keys)


def describe(conn: Connection) -> dict[str, dict[str, Any]]:
    """Everything `inspect` tells about the tables of the database behind ``conn``, in a comparable form.

    SQLite lets a ``TEXT PRIMARY KEY`` without ``NOT NULL`` hold NULL, and the inspector says so; the
    store's tables of version 1 and 3 were made that way. A primary-key column counts as not nullable here,
    as it does on PostgreSQL (the store never writes a NULL id); every other column is compared as it is.
    """
    found = inspect(conn)
    tables = {}
    for name in sorted(found.get_table_names()):
        primary = found.get_pk_constraint(name)["constrained_columns"]
        tables[name] = {
            "kolommen": [
                (c["name"], str(c["type"]).upper(), bool(c["nullable"]) and c["name"] not in primary)
                for c in found.get_columns(name)
            ],
            "primaire sleutel": tuple(primary),
            "uniek": sorted(
                (u["name"], tuple(u["column_names"])) for u in found.get_unique_constraints(name)
            ),
            "verwijzingen": _foreign_keys(conn, name),
            "indexen": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes(name)
            ),
        }
    return tables


def _differences(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"tabel {t}: alleen na de migraties" for t in sorted(set(old) - set(new))]
    lines += [f"tabel {t}: alleen in schema.py" for t in sorted(set(new) - set(old))]
    for table in sorted(set(old) & set(new)):
        for aspect, value in old[table].items():
            if value != new[table][aspect]:
                lines.append(f"{table}, {aspect}:\n  migraties: {value}\n  schema.py: {new[table][aspect]}")
    return lines


def test_migrations_build_the_tables_of_schema_py(store_url: str):
    _run_script(store_url, V1_SQL)  # version 1 as it shipped, with a few rows
    Store(store_url).close()  # applies every migration
    engine = _engine(store_url)
    try:
        with engine.begin() as conn:
            migrated = describe(conn)
            metadata.drop_all(conn)
        with engine.begin() as conn:
            assert describe(conn) == {}
            metadata.create_all(conn)
        with engine.begin() as conn:
            described = describe(conn)
    finally:
        engine.dispose()
    assert set(described) == set(metadata.tables)
    assert _differences(migrated, described) == []


def test_the_comparison_sees_a_missing_index_and_a_changed_column(store_url: str):
    """The check above fails when a migration and schema.py disagree (here: the migrated side is changed)."""
    Store(store_url).close()
    engine = _engine(store_url)
    try:
        with engine.begin() as conn:
            before = describe(conn)
            conn.execute(text("DROP INDEX ix_inzendingen_sessie"))
            conn.execute(text("ALTER TABLE toegangspogingen ADD COLUMN extra TEXT"))
            after = describe(conn)
    finally:
        engine.dispose()
    problems = _differences(after, before)
    assert [line.split(":")[0] for line in problems] == ["inzendingen, indexen", "toegangspogingen, kolommen"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_store_talks_sql():
    outside = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.split(".")[0] in ("sqlalchemy", "sqlite3", "psycopg") for name in _imports(path))
    )
    assert outside == []
    assert "sqlalchemy" in _imports(PACKAGE / "store" / "groepssessies.py")  # the check does see imports
