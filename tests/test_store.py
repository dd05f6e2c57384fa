"""Tests of wijkteam_kit.store: records, checks, migrations, export/import, durability and concurrency."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, inspect, text

from wijkteam_kit.errors import StoreError, WijkteamError
from wijkteam_kit.store import (
    SCHEMA_VERSIE,
    Deelnemer,
    Inzending,
    Store,
    Team,
    default_data_dir,
    new_participant_id,
)

WORKER = Path(__file__).with_name("_store_worker.py")
ROOT = WORKER.parent.parent
DUTCH_TEXT = 'Zoë en René zeiden: "prima; echt"\nNieuwe regel met ĳs en ij — 3 × 2'


# Tests about behaviour take `store` (or `store_url`): they run on an SQLite file and on a fresh PostgreSQL
# schema (tests/conftest.py; skipped without $WIJKTEAM_TEST_POSTGRES, required in .ci/run). Tests about the
# SQLite file itself (WAL, secure_delete, bytes on disk, damaged files) take `db` / `sqlite_store`.


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "wijkteam.db"


@pytest.fixture()
def sqlite_store(db: Path):
    with Store(db) as s:
        yield s


@pytest.fixture()
def store(store_url: str):
    with Store(store_url) as s:
        yield s


def _is_sqlite(url: str) -> bool:
    return "://" not in url


def _engine(url: str) -> Engine:
    """A plain SQLAlchemy engine on the same database as ``Store(url)``, to look behind the store's back."""
    return create_engine(f"sqlite:///{url}" if _is_sqlite(url) else url)


def _query(url: str, sql: str) -> list[tuple]:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()


def _files_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


# ---- teams, participants, submissions ------------------------------------------------------------------


def test_store_error_is_a_wijkteam_error():
    assert issubclass(StoreError, WijkteamError)


def test_team_round_trip(store: Store):
    code = store.create_team("  Team   Noord ", "koffie-om-tien", {"coachen": 3, "netwerken": 4})
    assert re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}", code)
    team = store.team(code.lower())
    assert team == Team(
        code=code, naam="Team Noord", doelprofiel={"coachen": 3, "netwerken": 4}, aangemaakt=team.aangemaakt
    )
    assert team.aangemaakt.endswith("+00:00")
    assert store.team("ZZZZZZ") is None
    updated = store.set_target_profile(code, {"durf": 5})
    assert updated.doelprofiel == {"durf": 5}
    assert store.team(code).doelprofiel == {"durf": 5}
    assert store.set_target_profile(code, None).doelprofiel is None
    with pytest.raises(StoreError, match="ZZZZZZ"):
        store.set_target_profile("ZZZZZZ", {"durf": 5})


def test_team_codes_differ(store: Store):
    codes = {store.create_team(f"Team {i}", "geheim123") for i in range(5)}
    assert len(codes) == 5


def test_team_secret_is_hashed_and_verified(store: Store, store_url: str):
    secret = "Zonnebloem-42"
    first = store.create_team("Team Zuid", secret)
    store.create_team("Team West", secret)
    assert store.verify_team_secret(first, secret) is True
    assert store.verify_team_secret(first.lower(), secret) is True
    assert store.verify_team_secret(first, "zonnebloem-42") is False
    assert store.verify_team_secret("ZZZZZZ", secret) is False
    hashes = [h for (h,) in _query(store_url, "SELECT geheim_hash FROM teams ORDER BY naam")]
    assert len(hashes) == 2 and all(h.startswith("scrypt$") and "Zonnebloem" not in h for h in hashes)
    assert hashes[0] != hashes[1]  # a random salt per team
    with pytest.raises(StoreError, match="minstens 6 tekens"):
        store.create_team("Team Oost", "abc")
    assert [t for (t,) in _query(store_url, "SELECT naam FROM teams ORDER BY naam")] == [
        "Team West",
        "Team Zuid",
    ]


def test_team_secret_never_reaches_the_sqlite_files(sqlite_store: Store, db: Path):
    secret = "Zonnebloem-42"
    sqlite_store.create_team("Team Zuid", secret)
    data = _files_bytes(db)  # main file and write-ahead log, while the store is open
    assert b"Zonnebloem" not in data and secret.encode("utf-16-le") not in data
    sqlite_store.close()
    assert b"Zonnebloem" not in _files_bytes(db)


def test_participant_round_trip(store: Store):
    code = store.create_team("Team Noord", "geheim123")
    kim = store.add_participant("  Kim   de Vries ", team=code.lower())
    ali = store.add_participant("Ali")
    assert kim == Deelnemer(id=kim.id, weergavenaam="Kim de Vries", team=code, aangemaakt=kim.aangemaakt)
    assert store.participant(kim.id) == kim
    assert store.participant("p-onbekd") is None
    assert store.participants() == [kim, ali]
    assert store.participants(team=code) == [kim]
    with pytest.raises(StoreError, match="onbekende teamcode"):
        store.add_participant("Sam", team="ZZZZZZ")
    with pytest.raises(StoreError, match="hoogstens 60"):
        store.add_participant("x" * 61)
    with pytest.raises(StoreError, match="weergavenaam"):
        store.add_participant("   ")
    assert len(store.participant(store.add_participant("y" * 60).id).weergavenaam) == 60


def test_participant_ids_are_random_and_unique(store: Store):
    ids = [new_participant_id() for _ in range(500)]  # 2000 collided once in ~400 runs (31**6 ids)
    assert len(set(ids)) == 500
    assert all(re.fullmatch(r"p-[a-z2-9]{6}", i) for i in ids)
    assert len({c for i in ids for c in i[2:]}) == 31  # every letter of the alphabet occurs
    people = [store.add_participant("Kim") for _ in range(20)]
    assert len({p.id for p in people}) == 20
    assert not any("kim" in p.id for p in people)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Jan 111222333", "BSN"),
        ("Jan 06-12345678", "telefoonnummer"),
        ("Bel +31 6 12345678", "telefoonnummer"),
    ],
)
def test_display_name_with_identifier_refused(store: Store, name: str, kind: str):
    with pytest.raises(StoreError, match=kind):
        store.add_participant(name)
    assert store.participants() == []


def test_submission_round_trip_and_filters(store: Store):
    kim, ali, sam = (store.add_participant(n) for n in ("Kim", "Ali", "Sam"))
    payload = {"scores": {"durf": [3, 4]}, "tekst": DUTCH_TEXT, "af": True, "leeg": None, "cijfer": 7.5}
    own = store.submit("competentiescan", kim.id, payload, rol="zelf", sessie="groep-2024-05-01")
    peer1 = store.submit("competentiescan", ali.id, {"durf": 4}, over_id=kim.id, rol="collega")
    peer2 = store.submit("competentiescan", sam.id, {"durf": 2}, over_id=kim.id, rol="leidinggevende")
    plan = store.submit("ontwikkelplan", kim.id, {"doel": "vaker 'zorgen dat'"}, sessie="groep-2024-05-01")
    assert isinstance(own, Inzending) and own.payload == payload and own.aangemaakt == own.bijgewerkt
    assert store.submissions() == [own, peer1, peer2, plan]
    assert store.submissions("competentiescan") == [own, peer1, peer2]
    assert store.submissions(deelnemer_id=kim.id) == [own, plan]
    assert store.submissions("competentiescan", over_id=kim.id) == [peer1, peer2]
    assert store.submissions(over_id=kim.id, rol="collega") == [peer1]
    assert store.submissions(sessie="groep-2024-05-01") == [own, plan]
    assert store.submissions("zrm") == []
    assert store.submissions()[0].payload["tekst"] == DUTCH_TEXT


def test_submit_checks_and_keeps_nothing_on_error(store: Store):
    kim = store.add_participant("Kim")
    with pytest.raises(StoreError, match="p-onbekd"):
        store.submit("competentiescan", "p-onbekd", {"durf": 3})
    with pytest.raises(StoreError, match="over_id 'p-onbekd'"):
        store.submit("competentiescan", kim.id, {"durf": 3}, over_id="p-onbekd")
    with pytest.raises(StoreError, match=r"soort.*'Competentie Scan'"):
        store.submit("Competentie Scan", kim.id, {"durf": 3})
    with pytest.raises(StoreError, match=r"payload\['datum'\]: een verzameling \(set\) kan niet worden opgeslagen"):
        store.submit("zrm", kim.id, {"datum": {1, 2}})
    with pytest.raises(StoreError, match=r"payload\['x'\]\[1\]: nan"):
        store.submit("zrm", kim.id, {"x": [1, float("nan")]})
    with pytest.raises(StoreError, match="verwacht een groep velden \\(namen met waarden\\), kreeg een lijst"):
        store.submit("zrm", kim.id, ["durf", 3])  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="sleutel 3 is een heel getal; de naam van een veld moet tekst zijn"):
        store.submit("zrm", kim.id, {3: "drie"})  # type: ignore[dict-item]
    with pytest.raises(StoreError, match="rol"):
        store.submit("zrm", kim.id, {}, rol="Team Leider")
    with pytest.raises(StoreError, match="sessie"):
        store.submit("zrm", kim.id, {}, sessie="=HYPERLINK()")
    assert store.submissions() == []


def test_update_and_delete(store: Store):
    kim = store.add_participant("Kim")
    first = store.submit("ontwikkelplan", kim.id, {"doel": "oud"})
    other = store.submit("ontwikkelplan", kim.id, {"doel": "ander"})
    updated = store.update_submission(first.id, {"doel": "nieuw", "acties": ["a", "b"]})
    assert updated.payload == {"doel": "nieuw", "acties": ["a", "b"]}
    assert updated.aangemaakt == first.aangemaakt and updated.bijgewerkt > first.bijgewerkt
    assert store.submissions() == [updated, other]
    with pytest.raises(StoreError, match="niet gevonden"):
        store.update_submission("bestaat-niet", {"doel": "x"})
    store.delete_submission(first.id)
    assert store.submissions() == [other]
    with pytest.raises(StoreError, match="niet gevonden"):
        store.delete_submission(first.id)


def test_records_are_copies(store: Store):
    kim = store.add_participant("Kim")
    saved = store.submit("zrm", kim.id, {"lijst": [1]})
    saved.payload["lijst"].append(2)
    assert store.submissions()[0].payload == {"lijst": [1]}


def test_write_transaction_is_immediate_read_is_not(sqlite_store: Store):
    store = sqlite_store
    statements: list[str] = []
    event.listen(store._engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    kim = store.add_participant("Kim")
    assert "BEGIN IMMEDIATE" in statements
    statements.clear()
    store.submissions(deelnemer_id=kim.id)
    assert "BEGIN" in statements and "BEGIN IMMEDIATE" not in statements


def test_closed_store_and_context_manager(store_url: str):
    with Store(store_url) as s:
        s.add_participant("Kim")
    with pytest.raises(StoreError, match="gesloten"):
        s.participants()
    with pytest.raises(StoreError, match="gesloten"):
        s.submit("zrm", "p-abcdef", {})
    with Store(store_url) as again:
        assert [p.weergavenaam for p in again.participants()] == ["Kim"]
    if _is_sqlite(store_url):
        assert [p.weergavenaam for p in Store(Path(store_url)).participants()] == ["Kim"]
        assert [p.weergavenaam for p in Store(f"sqlite:///{store_url}").participants()] == ["Kim"]


def test_memory_store_and_url():
    s = Store(":memory:")
    assert s.path is None and s.url == "sqlite://"
    kim = s.add_participant("Kim")
    assert s.participants() == [kim]


def test_threads_share_one_memory_store():
    _four_threads_write(Store(":memory:"))


def test_threads_share_one_store(store_url: str):
    _four_threads_write(Store(store_url))


def _four_threads_write(s: Store) -> None:
    kim = s.add_participant("Kim")
    errors: list[Exception] = []

    def write(n: int) -> None:
        try:
            for i in range(25):
                s.submit("zrm", kim.id, {"draad": n, "i": i})
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted((r.payload["draad"], r.payload["i"]) for r in s.submissions()) == [
        (n, i) for n in range(4) for i in range(25)
    ]
    s.close()


def test_bad_urls_give_dutch_errors():
    with pytest.raises(StoreError, match="geen database-URL") as info:
        Store("postgresql://kim:supergeheim@[::1/x")
    assert "supergeheim" not in str(info.value)
    with pytest.raises(StoreError, match=r"niet te gebruiken.*wijkteam-kit\[postgres\]"):
        Store("onbekend://kim:supergeheim@server/db")


def test_url_with_password_is_hidden_in_errors():
    with pytest.raises(StoreError) as info:
        Store("postgresql+psycopg://kim:supergeheim@127.0.0.1:1/wijkteam")
    message = str(info.value)
    assert "supergeheim" not in message and "127.0.0.1" in message
    assert "stuurprogramma" in message or "geen verbinding" in message


# ---- location ------------------------------------------------------------------------------------------


def test_default_location_honours_wijkteam_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "nog" / "niet" / "gemaakt"
    monkeypatch.setenv("WIJKTEAM_DATA", str(target))
    assert default_data_dir() == target
    with Store() as s:
        assert s.path == target / "wijkteam.db"
        s.add_participant("Kim")
    assert (target / "wijkteam.db").is_file()


def test_default_location_honours_wijkteam_database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WIJKTEAM_DATA", str(tmp_path / "niet-gebruikt"))
    monkeypatch.setenv("WIJKTEAM_DATABASE_URL", f"sqlite:///{tmp_path / 'gedeeld.db'}")
    with Store() as s:
        assert s.path is None and s.url == f"sqlite:///{tmp_path / 'gedeeld.db'}"
        s.add_participant("Kim")
    assert (tmp_path / "gedeeld.db").is_file() and not (tmp_path / "niet-gebruikt").exists()


def test_default_location_uses_xdg_when_no_wijkteam_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("WIJKTEAM_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "wijkteam-kit"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    assert default_data_dir() == tmp_path / "thuis" / ".local" / "share" / "wijkteam-kit"


# ---- schema and migrations -----------------------------------------------------------------------------

V1_SQL = """
CREATE TABLE schema_versie (versie INTEGER NOT NULL PRIMARY KEY, beschrijving TEXT NOT NULL, toegepast TEXT NOT NULL);
INSERT INTO schema_versie VALUES (1, 'tabellen teams, deelnemers en inzendingen', '2024-01-01T00:00:00.000000+00:00');
CREATE TABLE teams (code TEXT PRIMARY KEY, naam TEXT NOT NULL, geheim_hash TEXT NOT NULL, doelprofiel TEXT,
                    aangemaakt TEXT NOT NULL);
CREATE TABLE deelnemers (id TEXT PRIMARY KEY, weergavenaam TEXT NOT NULL, team TEXT REFERENCES teams (code),
                         aangemaakt TEXT NOT NULL);
CREATE TABLE inzendingen (id TEXT PRIMARY KEY, soort TEXT NOT NULL,
                          deelnemer_id TEXT NOT NULL REFERENCES deelnemers (id), sessie TEXT,
                          payload TEXT NOT NULL, aangemaakt TEXT NOT NULL, bijgewerkt TEXT NOT NULL);
CREATE INDEX ix_deelnemers_team ON deelnemers (team);
CREATE INDEX ix_inzendingen_soort_deelnemer ON inzendingen (soort, deelnemer_id);
CREATE INDEX ix_inzendingen_sessie ON inzendingen (sessie);
INSERT INTO teams VALUES ('K7MQ2X', 'Team Oud', 'scrypt$1$1$1$x$y', '{"durf": 4}', '2024-01-02T00:00:00.000000+00:00');
INSERT INTO deelnemers VALUES ('p-abcdef', 'Zoë', 'K7MQ2X', '2024-01-03T00:00:00.000000+00:00');
INSERT INTO deelnemers VALUES ('p-ghjkmn', 'René', NULL, '2024-01-03T00:00:01.000000+00:00');
INSERT INTO inzendingen VALUES ('oud-1', 'competentiescan', 'p-abcdef', NULL, '{"durf": 3, "tekst": "ĳs"}',
                                '2024-01-04T00:00:00.000000+00:00', '2024-01-04T00:00:00.000000+00:00');
"""


def _columns(url: str | Path, table: str) -> list[str]:
    engine = _engine(str(url))
    try:
        return [c["name"] for c in inspect(engine).get_columns(table)]
    finally:
        engine.dispose()


def _run_script(url: str, script: str) -> None:
    """Run ``;``-separated SQL statements (the same text on SQLite and PostgreSQL)."""
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            for statement in script.split(";\n"):
                if statement.strip():
                    conn.execute(text(statement.replace(":", "\\:")))  # ":" is not a bind parameter
    finally:
        engine.dispose()


def test_migration_from_version_1(store_url: str):
    _run_script(store_url, V1_SQL)
    assert "over_id" not in _columns(store_url, "inzendingen")
    with Store(store_url) as s:
        assert s.team("K7MQ2X") == Team("K7MQ2X", "Team Oud", {"durf": 4}, "2024-01-02T00:00:00.000000+00:00")
        assert [p.weergavenaam for p in s.participants()] == ["Zoë", "René"]
        (old,) = s.submissions()
        assert (old.id, old.payload, old.over_id, old.rol) == (
            "oud-1",
            {"durf": 3, "tekst": "ĳs"},
            None,
            None,
        )
        peer = s.submit("competentiescan", "p-ghjkmn", {"durf": 4}, over_id="p-abcdef", rol="collega")
        assert s.submissions(over_id="p-abcdef") == [peer]
    assert {"over_id", "rol"} <= set(_columns(store_url, "inzendingen"))
    versions = [v for (v,) in _query(store_url, "SELECT versie FROM schema_versie ORDER BY versie")]
    assert versions[:2] == [1, 2] and versions == list(range(1, SCHEMA_VERSIE + 1))
    engine = _engine(store_url)
    try:
        indexes = {i["name"] for i in inspect(engine).get_indexes("inzendingen")}
    finally:
        engine.dispose()
    assert "ix_inzendingen_soort_over" in indexes
    Store(store_url).close()  # opening again applies nothing twice
    assert _query(store_url, "SELECT COUNT(*) FROM schema_versie") == [(SCHEMA_VERSIE,)]


def test_migration_from_version_1_keeps_sqlite_column_order(db: Path):
    _run_script(str(db), V1_SQL)
    Store(db).close()
    assert _columns(db, "inzendingen")[:9] == [
        "id", "soort", "deelnemer_id", "sessie", "payload", "aangemaakt", "bijgewerkt", "over_id", "rol",
    ]  # fmt: skip


def test_newer_schema_refused(store_url: str):
    with Store(store_url) as s:
        s.add_participant("Kim")
    future = SCHEMA_VERSIE + 1
    _run_script(
        store_url,
        f"INSERT INTO schema_versie VALUES ({future}, 'uit de toekomst', '2030-01-01T00:00:00+00:00')",
    )
    snapshot = "SELECT versie, beschrijving FROM schema_versie ORDER BY versie"
    before = (_query(store_url, snapshot), _query(store_url, "SELECT id, weergavenaam FROM deelnemers"))
    with pytest.raises(StoreError) as info:
        Store(store_url)
    message = str(info.value)
    assert f"nieuwere versie van wijkteam-kit (schema {future})" in message
    assert f"deze versie kent schema {SCHEMA_VERSIE}" in message
    if _is_sqlite(store_url):
        assert store_url in message
    else:
        assert "127.0.0.1" in message and ":wijkteam@" not in message  # the server named, its password not
    after = (_query(store_url, snapshot), _query(store_url, "SELECT id, weergavenaam FROM deelnemers"))
    assert after == before and len(before[0]) == SCHEMA_VERSIE + 1 and len(before[1]) == 1


def _dump(db: Path) -> list[str]:
    raw = sqlite3.connect(db)
    try:
        return list(raw.iterdump())
    finally:
        raw.close()


def test_newer_schema_leaves_the_sqlite_file_as_it_was(db: Path):
    Store(db).close()
    with sqlite3.connect(db) as raw:
        raw.execute("INSERT INTO schema_versie VALUES (99, 'uit de toekomst', '2030-01-01T00:00:00+00:00')")
    before = _dump(db)
    with pytest.raises(StoreError, match="schema 99"):
        Store(db)
    assert _dump(db) == before and len(before) > 10


def test_garbage_file_refused_with_path(tmp_path: Path):
    path = tmp_path / "notities.db"
    path.write_text("Dit is een boodschappenlijst, geen database.\n" * 50)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(path) in str(info.value) and "kan niet als database worden geopend" in str(info.value)
    assert path.read_text().startswith("Dit is een boodschappenlijst")


def test_foreign_database_with_our_table_names_refused(db: Path):
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE TABLE teams (id INTEGER)")
    with pytest.raises(StoreError, match="geen schema_versie"):
        Store(db)


# ---- JSON backup ---------------------------------------------------------------------------------------


def _fill(store: Store) -> None:
    code = store.create_team("Team Noord", "koffie-om-tien", {"samenwerken": 4})
    kim = store.add_participant("Kim", team=code)
    ali = store.add_participant("Ali", team=code)
    store.add_participant("Zoë")
    store.submit("competentiescan", kim.id, {"tekst": DUTCH_TEXT, "scores": [3, 4.5]}, rol="zelf")
    store.submit("competentiescan", ali.id, {"durf": 2}, over_id=kim.id, rol="collega", sessie="groep 1")
    store.submit("ontwikkelplan", kim.id, {"doel": "zorgen dat", "datum": "2024-06-01"})


def test_json_export_import_round_trip(store: Store):
    _fill(store)
    text = store.export_json()
    data = json.loads(text)
    assert (data["formaat"], data["schema"]) == ("wijkteam-kit-opslag", SCHEMA_VERSIE)
    assert [len(data[k]) for k in ("teams", "deelnemers", "inzendingen")] == [1, 3, 3]
    assert "koffie" not in text
    with Store(":memory:") as copy:
        assert copy.import_json(text) == {"teams": 1, "deelnemers": 3, "inzendingen": 3}
        (team,) = [store.team(data["teams"][0]["code"])]
        assert copy.team(team.code) == team
        assert copy.verify_team_secret(team.code, "koffie-om-tien") is True
        assert copy.participants() == store.participants()
        assert copy.submissions() == store.submissions()
        assert copy.import_json(text) == {"teams": 0, "deelnemers": 0, "inzendingen": 0}
        assert len(copy.submissions()) == 3
        again = json.loads(copy.export_json())
        assert {k: v for k, v in again.items() if k != "geexporteerd"} == {
            k: v for k, v in data.items() if k != "geexporteerd"
        }


def test_json_import_of_schema_1_backup(store: Store):
    backup = {
        "formaat": "wijkteam-kit-opslag",
        "schema": 1,
        "deelnemers": [
            {"id": "p-abcdef", "weergavenaam": "Kim", "team": None, "aangemaakt": "2024-01-01T10:00:00"}
        ],
        "inzendingen": [
            {
                "id": "i-1",
                "soort": "zrm",
                "deelnemer_id": "p-abcdef",
                "sessie": None,
                "payload": {"financien": 3},
                "aangemaakt": "2024-01-01T11:00:00+01:00",
                "bijgewerkt": "2024-01-01T11:00:00+01:00",
            }
        ],
    }
    assert store.import_json(json.dumps(backup)) == {"teams": 0, "deelnemers": 1, "inzendingen": 1}
    (saved,) = store.submissions()
    assert (saved.over_id, saved.rol, saved.aangemaakt) == (None, None, "2024-01-01T10:00:00.000000+00:00")


def test_json_import_errors_add_nothing(store: Store):
    _fill(store)
    good = json.loads(store.export_json())
    with Store(":memory:") as copy:
        with pytest.raises(StoreError, match="geen geldige JSON"):
            copy.import_json("{kapot")
        with pytest.raises(StoreError, match="formaat"):
            copy.import_json(json.dumps({"teams": []}))
        with pytest.raises(StoreError, match=r"nieuwere versie.*schema 9"):
            copy.import_json(json.dumps({**good, "schema": 9}))
        bad_name = json.loads(json.dumps(good))
        bad_name["deelnemers"][2]["weergavenaam"] = "Zoë 111222333"
        with pytest.raises(StoreError, match="BSN"):
            copy.import_json(json.dumps(bad_name))
        orphan = json.loads(json.dumps(good))
        orphan["inzendingen"][2]["deelnemer_id"] = "p-zzzzzz"
        with pytest.raises(StoreError, match=r"inzendingen\[2\]: deelnemer_id 'p-zzzzzz'"):
            copy.import_json(json.dumps(orphan))  # fails after teams and participants were inserted
        assert copy.participants() == [] and copy.team(good["teams"][0]["code"]) is None


# ---- CSV for Excel -------------------------------------------------------------------------------------


def test_csv_opens_in_dutch_excel(store: Store):
    kim = store.add_participant("Zoë")
    payload = {
        "tekst": DUTCH_TEXT,
        "score": 3.5,
        "aantal": 3,
        "code": "3",
        "formule": "=SOM(A1)",
        "lijst": [1, "ë"],
    }
    saved = store.submit("ontwikkelplan", kim.id, payload, rol="zelf")
    data = store.export_csv("ontwikkelplan")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "id", "soort", "deelnemer_id", "weergavenaam", "over_id", "rol", "sessie", "aangemaakt", "bijgewerkt",
        "tekst", "score", "aantal", "code", "formule", "lijst",
    ]  # fmt: skip
    assert len(rows) == 2
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["id"] == saved.id and cells["weergavenaam"] == "Zoë" and cells["rol"] == "zelf"
    assert cells["over_id"] == "" and cells["sessie"] == ""
    assert cells["tekst"] == DUTCH_TEXT  # Excel shows the text as typed, newline and all
    assert (cells["score"], cells["aantal"], cells["code"]) == ("3,5", "3", '"3"')
    assert cells["formule"] == "'=SOM(A1)"  # never starts with "=": Excel does not run it
    assert cells["lijst"] == '[1, "ë"]'


def test_csv_round_trip(store: Store):
    _fill(store)
    kim = store.participants()[0]
    odd = {
        "id": "sleutel-als-kolom",
        "payload.x": 1,
        "": "lege sleutel",
        "leeg": "",
        "niets": None,
        "waar": False,
    }
    store.submit("competentiescan", kim.id, {**odd, "tekst": DUTCH_TEXT, "n": -2.0, "klein": 1e-7})
    before = store.submissions("competentiescan")
    data = store.export_csv("competentiescan")
    for record in before:
        store.delete_submission(record.id)
    assert store.import_csv(data, "competentiescan") == 3
    assert store.submissions("competentiescan") == before
    assert store.import_csv(data, "competentiescan") == 0
    assert store.submissions("competentiescan") == before
    assert store.export_csv("competentiescan") == data


def test_csv_edited_in_excel(store: Store):
    kim = store.add_participant("Kim")
    typed = f"id;deelnemer_id;soort;doel;score\r\n;{kim.id};ontwikkelplan;Vaker ‘zorgen dat’;4,5\r\n;;;;\r\n"
    assert store.import_csv(typed.encode("utf-8"), "ontwikkelplan") == 1  # no BOM, no id: a new submission
    (saved,) = store.submissions("ontwikkelplan")
    assert saved.payload == {"doel": "Vaker ‘zorgen dat’", "score": 4.5} and saved.deelnemer_id == kim.id
    with pytest.raises(StoreError, match="regel 3: deelnemer_id 'p-zzzzzz'"):
        store.import_csv(f"id;deelnemer_id;doel\r\n;{kim.id};a\r\n;p-zzzzzz;b\r\n".encode(), "ontwikkelplan")
    with pytest.raises(StoreError, match="regel 2: soort 'zrm'"):
        store.import_csv(f"id;deelnemer_id;soort\r\n;{kim.id};zrm\r\n".encode(), "ontwikkelplan")
    with pytest.raises(StoreError, match="CSV UTF-8"):
        store.import_csv(f"id;deelnemer_id;doel\r\n;{kim.id};Zoë\r\n".encode("cp1252"), "ontwikkelplan")
    with pytest.raises(StoreError, match="kolom deelnemer_id ontbreekt"):
        store.import_csv(b"id;naam\r\n;Kim\r\n", "ontwikkelplan")
    assert len(store.submissions()) == 1


# ---- durability and concurrency ------------------------------------------------------------------------


def _worker(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_submission_survives_kill_9(store_url: str):
    with Store(store_url) as s:
        kim = s.add_participant("Kim")
    proc = _worker("blijf", store_url, kim.id)
    try:
        line = proc.stdout.readline()
        assert line.startswith("klaar "), proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    submission_id = line.split()[1]
    with Store(store_url) as s:
        (saved,) = s.submissions("competentiescan")
    assert saved.id == submission_id and saved.payload == {"samenwerken": 4, "voorbeeld": "net ingestuurd"}


def test_ten_processes_writing_at_once_lose_nothing(store_url: str):
    with Store(store_url) as s:
        people = [s.add_participant(f"Schrijver {i}") for i in range(10)]
    procs = [_worker("schrijf", store_url, p.id, "50", str(i)) for i, p in enumerate(people)]
    try:
        for proc in procs:
            assert proc.stdout.readline().strip() == "gereed", proc.stderr.read()
        for proc in procs:
            proc.stdin.write("start\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=60) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    assert [proc.returncode for proc in procs] == [0] * 10, [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["klaar 50"] * 10
    assert [err for _, err in results] == [""] * 10
    with Store(store_url) as s:
        saved = s.submissions("competentiescan")
        assert len(saved) == 500
        assert len({r.id for r in saved}) == 500
        assert {(r.payload["worker"], r.payload["i"]) for r in saved} == {
            (str(w), i) for w in range(10) for i in range(50)
        }
        for i, person in enumerate(people):
            mine = s.submissions(deelnemer_id=person.id)
            assert [r.payload["i"] for r in mine] == list(range(50))  # in the order each process wrote them
            assert {r.sessie for r in mine} == {f"groep-{i}"}


# ---- forgetting a participant -------------------------------------------------------------------------


def test_forget_participant_removes_everything_by_or_about_them(store: Store, store_url: str):
    kim, bo = store.add_participant("Kimberley Zonneveld"), store.add_participant("Bo")
    store.submit("competentiescan", kim.id, {"voorbeeld": "Zonneveld-unieke-tekst"})
    store.submit("competentiescan", bo.id, {"a": 2}, over_id=kim.id, rol="collega")
    kept = store.submit("plan", bo.id, {"titel": "Ons plan"})
    assert store.forget_participant(kim.id) == 2
    assert store.participant(kim.id) is None
    assert store.submissions() == [kept] and store.participants() == [bo]
    with pytest.raises(StoreError, match="niet gevonden"):
        store.forget_participant(kim.id)
    rows = _query(store_url, "SELECT payload FROM inzendingen") + _query(
        store_url, "SELECT weergavenaam FROM deelnemers"
    )
    assert len(rows) == 2 and not any("Zonneveld" in str(value) for (value,) in rows)


def test_forgotten_participant_is_overwritten_in_the_sqlite_file(tmp_path: Path):
    path = tmp_path / "vergeet.db"
    store = Store(path)
    kim = store.add_participant("Kimberley Zonneveld")
    store.submit("competentiescan", kim.id, {"voorbeeld": "Zonneveld-unieke-tekst"})
    assert store.forget_participant(kim.id) == 1
    with store._engine.connect() as conn:  # set by the store itself, not left to how SQLite was built
        assert conn.execute(text("PRAGMA secure_delete")).scalar() == 1
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("vergeet.db"))
    assert b"Zonneveld" not in raw  # overwritten (secure_delete), not just unlinked


def test_personal_data_gives_no_single_colleagues_scores():
    """Right of access: that colleagues rated you, not what one colleague said (only averages of 3+ are shown)."""
    from wijkteam_kit.store.persoonlijk import personal_data

    store = Store(":memory:")
    kim, bo = store.add_participant("Kim"), store.add_participant("Bo")
    store.submit("competentiescan", kim.id, {"eigen": 3})
    store.submit("competentiescan", bo.id, {"geheim-oordeel": 1}, over_id=kim.id, rol="collega")
    with store.transaction("test") as conn:
        data = personal_data(conn, kim.id)
    text = json.dumps(data)
    assert "geheim-oordeel" not in text and bo.id not in text and "Bo" not in text
    own, other = data["inzendingen"]
    assert own["inhoud"] == {"eigen": 3} and "minstens drie" in other["inhoud"]


# ---- transactions that belong together ------------------------------------------------------------------


def test_actions_inside_a_transaction_are_saved_together_or_not_at_all(store: Store, store_url: str):
    kim = store.add_participant("Kim")
    with store.transaction("samen", write=True) as outer:
        store.submit("zrm", kim.id, {"a": 1})
        with store.transaction("binnen", write=True) as inner:
            assert inner is outer  # the inner action takes part in the outer transaction
        assert len(store.submissions("zrm", deelnemer_id=kim.id)) == 1  # it sees its own writes
    assert len(store.submissions("zrm", deelnemer_id=kim.id)) == 1

    with pytest.raises(ValueError), store.transaction("samen", write=True):
        store.submit("zrm", kim.id, {"a": 2})
        store.submit("kalibratie", kim.id, {"a": 2})
        raise ValueError("het derde deel mislukt")
    assert [s.payload for s in store.submissions(deelnemer_id=kim.id)] == [{"a": 1}]  # both rolled back


def test_writing_inside_a_reading_transaction_is_refused(store: Store):
    kim = store.add_participant("Kim")
    with pytest.raises(RuntimeError, match="leestransactie"), store.transaction("lezen"):
        store.submit("zrm", kim.id, {"a": 1})
    assert store.submissions(deelnemer_id=kim.id) == []
    with store.transaction("daarna", write=True):  # the thread has no transaction open any more
        store.submit("zrm", kim.id, {"a": 1})
    assert len(store.submissions(deelnemer_id=kim.id)) == 1
