"""Group sessions (wijkteam_kit.groepssessie) on SQLite and PostgreSQL (fixture ``store_url``)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select, text

from wijkteam_kit.app.cli import main as cli_main
from wijkteam_kit.errors import GroepssessieError, NaamBezet, TeVeelPogingen
from wijkteam_kit.groepssessie.sessies import OEFENINGEN, Client, Groepssessies, Limieten, normalise_code
from wijkteam_kit.store import MIGRATIONS, SCHEMA_VERSIE, Store
from wijkteam_kit.store.schema import (
    TEAM_CODE_ALPHABET,
    check_secret,
    groepssessies,
    inzendingen,
    schema_versie,
    sessie_deelnames,
    toegangspogingen,
)

CASUS = "mantelzorg-dementie"
START = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


class Klok:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def later(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture()
def store(store_url):
    with Store(store_url) as s:
        yield s


@pytest.fixture()
def klok() -> Klok:
    return Klok()


@pytest.fixture()
def sessies(store, klok) -> Groepssessies:
    return Groepssessies(store, klok=klok)


def _count(store: Store, table, *where) -> int:
    with store.transaction("tellen") as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar()


# ---- creating and the trainer secret --------------------------------------------------------------------


def test_naam_bezet_is_a_sessie_error():
    assert issubclass(NaamBezet, GroepssessieError)


def test_create_gives_code_and_secret_stored_hashed(store, sessies):
    nieuw = sessies.create(CASUS, "zrm", titel="  Training   dag 1 ")
    s = nieuw.sessie
    assert len(s.code) == 6 and set(s.code) <= set(TEAM_CODE_ALPHABET)
    assert s.code_weergave == f"{s.code[:3]}-{s.code[3:]}"
    assert (s.titel, s.casus_id, s.oefening, s.status, s.open, s.onthuld) == (
        "Training dag 1",
        CASUS,
        "zrm",
        "open",
        True,
        False,
    )
    assert (s.aangemaakt, s.bijgewerkt) == ("2024-05-01T09:00:00.000000+00:00",) * 2
    assert len(nieuw.geheim) == 14 and nieuw.geheim.count("-") == 2
    with store.transaction("lezen") as conn:
        stored = conn.execute(select(groepssessies.c.geheim_hash)).scalar()
    assert stored.startswith("scrypt$") and nieuw.geheim not in stored
    assert check_secret(nieuw.geheim, stored) and not check_secret("iets anders", stored)
    assert nieuw.geheim not in store.export_json()
    assert sessies.find(s.code_weergave.lower()) == s
    assert sessies.find("ZZZZZZ") is None and sessies.find("kort") is None


def test_create_refuses_unknown_casus_oefening_and_short_secret(sessies):
    with pytest.raises(
        GroepssessieError,
        match=r"Casus 'bestaat-niet': staat niet in de casusbibliotheek; kies uit .*mantelzorg-dementie",
    ):
        sessies.create("bestaat-niet", "zrm")
    with pytest.raises(GroepssessieError, match=r"kies uit zrm, netwerkatlas, plan, evaluatie, scenario\."):
        sessies.create(CASUS, "schaken")
    with pytest.raises(GroepssessieError, match="minstens 6 tekens"):
        sessies.create(CASUS, "zrm", geheim="abc")
    assert OEFENINGEN == ("zrm", "netwerkatlas", "plan", "evaluatie", "scenario")
    assert sessies.create(CASUS, "plan", geheim="koffie-om-tien").geheim == "koffie-om-tien"


def test_normalise_code():
    assert normalise_code(" k7m-q2x ") == "K7MQ2X"
    for bad in ("", "K7MQ2", "K7MQ2XY", "K7M Q2!"):
        with pytest.raises(GroepssessieError, match="verwacht 6 letters en cijfers"):
            normalise_code(bad)


def test_wrong_code_and_wrong_secret_give_the_same_message(sessies):
    nieuw = sessies.create(CASUS, "zrm")
    other = "ABCDEF" if nieuw.sessie.code != "ABCDEF" else "GHJKMN"
    messages = []
    for code, secret in ((other, nieuw.geheim), (nieuw.sessie.code, "fout-geheim"), ("x", nieuw.geheim)):
        with pytest.raises(GroepssessieError) as info:
            sessies.as_trainer(code, secret, client=Client(f"pagina-{len(messages)}"))
        messages.append(str(info.value))
    assert messages == ["Code of trainergeheim klopt niet."] * 3
    trainer = sessies.as_trainer(nieuw.sessie.code_weergave.lower(), nieuw.geheim, client=Client("goed"))
    assert trainer.sessie == nieuw.sessie


# ---- joining, herstelcode, display names ------------------------------------------------------------------


def test_join_and_rejoin_with_herstelcode(store, sessies, klok):
    code = sessies.create(CASUS, "zrm").sessie.code
    page = Client("pagina-kim", "10.0.0.7")
    kim = sessies.join(code, "  Kim   de Vries ", client=page)
    assert (kim.terug, kim.deelname.weergavenaam, kim.deelname.sessie) == (False, "Kim de Vries", code)
    assert kim.herstelcode.isdigit() and len(kim.herstelcode) == 6
    assert store.participant(kim.deelname.deelnemer_id).weergavenaam == "Kim de Vries"
    with store.transaction("lezen") as conn:
        (stored,) = conn.execute(select(sessie_deelnames.c.herstel_hash)).scalars()
    assert kim.herstelcode not in stored and check_secret(kim.herstelcode, stored)

    with pytest.raises(NaamBezet) as info:  # a GroepssessieError the app answers by asking for the herstelcode
        sessies.join(code, "KIM DE VRIES", client=Client("ander"))
    assert str(info.value) == (
        "Deze naam doet al mee in deze sessie. Vul je herstelcode in of kies een andere naam."
    )
    wrong = "000000" if kim.herstelcode != "000000" else "111111"
    with pytest.raises(NaamBezet, match="Deze herstelcode hoort niet bij deze naam"):
        sessies.join(code, "kim de vries", client=Client("ander"), herstelcode=wrong)
    klok.later(minutes=1)
    back = sessies.join(code, "kim  de vries", client=Client("laptop-2"), herstelcode=f" {kim.herstelcode} ")
    assert (back.terug, back.herstelcode, back.deelname) == (True, None, kim.deelname)
    ali = sessies.join(code, "Ali", client=page, herstelcode="123456")  # a new name: the code is not needed
    assert ali.terug is False and ali.deelname.deelnemer_id != kim.deelname.deelnemer_id
    assert _count(store, sessie_deelnames) == 2 and len(store.participants()) == 2


@pytest.mark.parametrize(
    ("name", "kind"), [("Kim 111222333", "BSN"), ("Bel 0612345678", "telefoonnummer"), ("   ", "kreeg niets")]
)
def test_join_refuses_identifying_or_empty_names(store, sessies, name, kind):
    code = sessies.create(CASUS, "zrm").sessie.code
    with pytest.raises(GroepssessieError, match=kind):
        sessies.join(code, name, client=Client("p"))
    assert store.participants() == []


def test_join_unknown_and_closed_session(sessies):
    nieuw = sessies.create(CASUS, "zrm")
    with pytest.raises(GroepssessieError) as info:
        sessies.join("ZZZ-ZZZ" if nieuw.sessie.code != "ZZZZZZ" else "YYYYYY", "Kim", client=Client("p"))
    assert str(info.value) == "Deze sessiecode kennen we niet. Controleer de code bij je trainer."
    trainer = sessies.as_trainer(nieuw.sessie.code, nieuw.geheim, client=Client("t"))
    assert trainer.close().status == "gesloten"
    with pytest.raises(GroepssessieError, match="Deze sessie is gesloten; meedoen kan niet meer"):
        sessies.join(nieuw.sessie.code, "Kim", client=Client("p"))
    assert trainer.reopen().open
    assert sessies.join(nieuw.sessie.code, "Kim", client=Client("p")).deelname.weergavenaam == "Kim"


# ---- submitting and reading ---------------------------------------------------------------------------------


def test_submit_replaces_and_keeps_one_per_participant(store, sessies, klok):
    nieuw = sessies.create(CASUS, "netwerkatlas")
    code = nieuw.sessie.code
    kim = sessies.join(code, "Kim", client=Client("p1")).deelname.deelnemer_id
    assert sessies.own_submission(code, kim) is None
    klok.later(minutes=5)
    first = sessies.submit(code, kim, {"personen": ["Henk"]})
    klok.later(minutes=2)
    second = sessies.submit(code, kim, {"personen": ["Henk", "Els"]})
    assert (
        first.id == second.id and first.aangemaakt == second.aangemaakt == "2024-05-01T09:05:00.000000+00:00"
    )
    assert second.bijgewerkt == "2024-05-01T09:07:00.000000+00:00"
    assert (second.soort, second.sessie, second.deelnemer_id) == ("netwerkatlas", code, kim)
    assert sessies.own_submission(code, kim) == second
    assert store.submissions(sessie=code) == [second]
    trainer = sessies.as_trainer(code, nieuw.geheim, client=Client("t"))
    ((deelname, answer),) = trainer.answers()
    assert (deelname.weergavenaam, deelname.ingeleverd, answer.payload) == (
        "Kim",
        "2024-05-01T09:07:00.000000+00:00",
        {"personen": ["Henk", "Els"]},
    )
    with pytest.raises(GroepssessieError, match="Je doet niet mee aan deze sessie"):
        sessies.submit(code, "p-zzzzzz", {"a": 1})
    with pytest.raises(GroepssessieError, match="kan niet worden opgeslagen"):
        sessies.submit(code, kim, {"datum": {1, 2}})
    trainer.close()
    with pytest.raises(GroepssessieError, match="Deze sessie is gesloten; inleveren of aanpassen kan niet meer"):
        sessies.submit(code, kim, {"personen": []})
    assert sessies.own_submission(code, kim).payload == {"personen": ["Henk", "Els"]}


def test_group_answers_only_after_reveal_and_only_for_participants(sessies, klok):
    nieuw = sessies.create(CASUS, "zrm")
    code = nieuw.sessie.code
    other = sessies.create(CASUS, "zrm").sessie.code
    kim = sessies.join(code, "Kim", client=Client("p1")).deelname.deelnemer_id
    klok.later(seconds=1)
    ali = sessies.join(code, "Ali", client=Client("p2")).deelname.deelnemer_id
    bo = sessies.join(other, "Bo", client=Client("p3")).deelname.deelnemer_id
    sessies.submit(code, kim, {"financien": 2})
    sessies.submit(code, ali, {"financien": 4})
    with pytest.raises(GroepssessieError) as info:
        sessies.group_answers(code, kim)
    assert str(info.value) == "De trainer heeft de groepsuitkomst nog niet gedeeld."
    trainer = sessies.as_trainer(code, nieuw.geheim, client=Client("t"))
    assert trainer.reveal().onthuld is True
    assert sessies.group_answers(code, ali) == [("Kim", {"financien": 2}), ("Ali", {"financien": 4})]
    for outsider in (bo, "p-zzzzzz"):
        with pytest.raises(GroepssessieError, match="Je doet niet mee aan deze sessie"):
            sessies.group_answers(code, outsider)
    assert trainer.hide().onthuld is False
    with pytest.raises(GroepssessieError, match="nog niet gedeeld"):
        sessies.group_answers(code, kim)


def test_trainer_lists_exports_and_deletes(store, sessies, klok):
    nieuw = sessies.create(CASUS, "plan", titel="Dag 2")
    code = nieuw.sessie.code
    trainer = sessies.as_trainer(code, nieuw.geheim, client=Client("t"))
    names = ["Kim", "Ali", "<script>alert(1)</script>"]
    ids = []
    for name in names:
        klok.later(seconds=10)
        ids.append(sessies.join(code, name, client=Client(f"p-{name[:3]}")).deelname.deelnemer_id)
    sessies.submit(code, ids[1], {"doel": "zorgen dat"})
    assert [d.weergavenaam for d in trainer.deelnames()] == names
    assert [d.ingeleverd is not None for d in trainer.deelnames()] == [False, True, False]
    data = json.loads(trainer.export_json())
    assert data["formaat"] == "wijkteam-kit-groepssessie"
    assert (data["sessie"]["code"], data["sessie"]["titel"], data["sessie"]["oefening_naam"]) == (
        code,
        "Dag 2",
        "Plan van Aanpak",
    )
    assert [(d["weergavenaam"], d["payload"]) for d in data["deelnames"]] == [
        ("Kim", None),
        ("Ali", {"doel": "zorgen dat"}),
        ("<script>alert(1)</script>", None),
    ]
    assert "hash" not in json.dumps(data) and nieuw.geheim not in json.dumps(data)
    keep = store.add_participant("Zoë")  # not in the session: stays
    trainer.delete()
    assert sessies.find(code) is None and store.participants() == [keep]
    assert _count(store, sessie_deelnames) == 0 and store.submissions() == []
    with pytest.raises(GroepssessieError, match=f"Sessie {code[:3]}-{code[3:]} bestaat niet meer"):
        trainer.refresh()


def test_delete_older_than(store, sessies, klok):
    old = sessies.create(CASUS, "zrm").sessie.code
    kim = sessies.join(old, "Kim", client=Client("p")).deelname.deelnemer_id
    sessies.submit(old, kim, {"a": 1})
    klok.later(days=20)
    new = sessies.create(CASUS, "zrm").sessie.code
    klok.later(days=15)  # old is 35 days old, new 15
    assert sessies.delete_older_than(30) == 1
    assert (sessies.find(old), sessies.find(new).code) == (None, new)
    assert store.participants() == [] and store.submissions() == []
    assert sessies.delete_older_than(30) == 0
    with pytest.raises(GroepssessieError, match="verwacht een heel aantal dagen"):
        sessies.delete_older_than(-1)


def test_cli_sessies_opruimen(store_url, capsys):
    with Store(store_url) as store:
        sessies = Groepssessies(store, klok=lambda: datetime.now(UTC) - timedelta(days=40))
        sessies.create(CASUS, "zrm")
        sessies.create(CASUS, "plan")
        Groepssessies(store).create(CASUS, "zrm")
    assert cli_main(["sessies", "opruimen", "--ouder-dan", "30", "--database", store_url]) == 0
    assert capsys.readouterr().out == "2 groepssessies verwijderd (aangemaakt meer dan 30 dagen geleden).\n"
    assert cli_main(["sessies", "opruimen", "--ouder-dan", "-3", "--database", store_url]) == 1
    assert "verwacht een heel aantal dagen" in capsys.readouterr().err
    with Store(store_url) as store:
        assert _count(store, groepssessies) == 1


def test_forget_and_delete_submission_keep_sessions_consistent(store, sessies):
    code = sessies.create(CASUS, "zrm").sessie.code
    kim = sessies.join(code, "Kim", client=Client("p1")).deelname.deelnemer_id
    ali = sessies.join(code, "Ali", client=Client("p2")).deelname.deelnemer_id
    answer = sessies.submit(code, ali, {"a": 1})
    sessies.submit(code, kim, {"a": 2})
    store.delete_submission(answer.id)
    assert sessies.own_submission(code, ali) is None
    again = sessies.submit(code, ali, {"a": 3})
    assert again.id != answer.id and len(store.submissions(sessie=code)) == 2
    assert store.forget_participant(kim) == 1
    assert _count(store, sessie_deelnames) == 1
    assert sessies.join(code, "Kim", client=Client("p1")).terug is False  # the name is free again


# ---- rate limiting ----------------------------------------------------------------------------------------


def test_rate_limit_per_page_with_clock(store, klok):
    sessies = Groepssessies(store, klok=klok, limieten=Limieten(venster_seconden=600, per_pagina=3, per_adres=100))
    code = sessies.create(CASUS, "zrm").sessie.code
    wrong = "ABCDEF" if code != "ABCDEF" else "GHJKMN"
    page = Client("pagina-raden")
    for _ in range(3):
        with pytest.raises(GroepssessieError, match="kennen we niet"):
            sessies.join(wrong, "Kim", client=page)
        klok.later(minutes=1)
    # now 09:03; failures at 09:00, 09:01, 09:02 -> free again at 09:10
    with pytest.raises(TeVeelPogingen) as info:
        sessies.join(code, "Kim", client=page)  # even the right code is refused: no oracle
    assert info.value.wacht_seconden == 420
    assert str(info.value) == "Te veel onjuiste pogingen. Probeer het over 7 minuten opnieuw."
    assert isinstance(info.value, GroepssessieError)
    assert sessies.join(code, "Kim", client=Client("andere-pagina")).deelname.weergavenaam == "Kim"
    assert _count(store, toegangspogingen) == 3  # refused tries are not recorded
    klok.later(minutes=6, seconds=59)
    with pytest.raises(TeVeelPogingen, match="over 1 minuut opnieuw"):
        sessies.join(code, "Ali", client=page)
    klok.later(seconds=1)
    assert sessies.join(code, "Ali", client=page).deelname.weergavenaam == "Ali"


def test_rate_limit_counts_herstel_and_trainer_failures_per_address(store, klok):
    rules = Limieten(venster_seconden=600, per_pagina=100, per_adres=4, totaal=1000)
    sessies = Groepssessies(store, klok=klok, limieten=rules)
    nieuw = sessies.create(CASUS, "zrm")
    code = nieuw.sessie.code
    kim = sessies.join(code, "Kim", client=Client("kim"))
    wrong = "000000" if kim.herstelcode != "000000" else "111111"
    for i in range(2):
        with pytest.raises(GroepssessieError, match="herstelcode hoort niet"):
            sessies.join(code, "Kim", client=Client(f"h{i}", "192.0.2.9"), herstelcode=wrong)
        with pytest.raises(GroepssessieError, match="trainergeheim klopt niet"):
            sessies.as_trainer(code, "geraden", client=Client(f"t{i}", "192.0.2.9"))
    with pytest.raises(TeVeelPogingen):  # a new page on the same address
        sessies.as_trainer(code, nieuw.geheim, client=Client("nieuw", "192.0.2.9"))
    assert sessies.as_trainer(code, nieuw.geheim, client=Client("nieuw", "192.0.2.10")).code == code
    with store.transaction("lezen") as conn:
        kinds = sorted(conn.execute(select(toegangspogingen.c.soort)).scalars())
    assert kinds == ["geheim", "geheim", "herstel", "herstel"]


def test_rate_limit_total_refuses_only_failing_pages_and_old_rows_are_pruned(store, klok):
    rules = Limieten(venster_seconden=600, per_pagina=10, per_adres=10, totaal=3)
    sessies = Groepssessies(store, klok=klok, limieten=rules)
    code = sessies.create(CASUS, "zrm").sessie.code
    wrong = "ABCDEF" if code != "ABCDEF" else "GHJKMN"
    for i in range(3):  # three pages on three addresses: a spread-out guessing attack
        with pytest.raises(GroepssessieError, match="kennen we niet"):
            sessies.join(wrong, "X", client=Client(f"aanval-{i}", f"198.51.100.{i}"))
    klok.later(minutes=2)
    with pytest.raises(TeVeelPogingen) as info:
        sessies.join(code, "X", client=Client("aanval-0", "198.51.100.0"))
    assert info.value.wacht_seconden == 480
    assert sessies.join(code, "Kim", client=Client("nieuwe-pagina", "203.0.113.5")).terug is False
    klok.later(minutes=20)
    with pytest.raises(GroepssessieError, match="kennen we niet"):  # the window passed: a normal answer again
        sessies.join(wrong, "X", client=Client("aanval-0", "198.51.100.0"))
    assert _count(store, toegangspogingen) == 1  # the three old failures were deleted


def test_limieten_and_client_are_checked():
    with pytest.raises(Exception, match=r"Limieten\.per_pagina: verwacht een heel getal van 1 of meer"):
        Limieten(per_pagina=0)
    with pytest.raises(GroepssessieError, match=r"Client\.pagina"):
        Client("")


# ---- concurrency ------------------------------------------------------------------------------------------


def test_same_name_joined_while_another_join_is_in_flight(store, store_url, sessies):
    """A join that does not see the other (uncommitted) join still gets a clear error, not a crash."""
    code = sessies.create(CASUS, "zrm").sessie.code
    now = "2024-05-01T09:00:00.000000+00:00"
    statements = [
        f"INSERT INTO deelnemers (id, weergavenaam, team, aangemaakt) VALUES ('p-aaaaaa', 'Kim', NULL, '{now}')",
        "INSERT INTO sessie_deelnames (sessie, deelnemer_id, weergavenaam, naam_sleutel, herstel_hash, aangemeld) "
        f"VALUES ('{code}', 'p-aaaaaa', 'Kim', 'kim', 'scrypt$x', '{now}')",
    ]
    if "://" in store_url:
        import psycopg

        raw = psycopg.connect(store_url.replace("postgresql+psycopg", "postgresql"))  # a transaction is begun
    else:
        import sqlite3

        raw = sqlite3.connect(store_url, isolation_level=None)
        raw.execute("BEGIN IMMEDIATE")
    results: list[object] = []

    def join() -> None:
        try:
            results.append(sessies.join(code, "KIM", client=Client("p2")))
        except GroepssessieError as exc:
            results.append(exc)

    try:
        for statement in statements:
            raw.execute(statement)
        worker = threading.Thread(target=join)
        worker.start()
        worker.join(timeout=1.5)
        assert (
            worker.is_alive()
        )  # waiting for the other transaction (SQLite write lock, PostgreSQL unique index)
        raw.execute("COMMIT")
        worker.join(timeout=30)
    finally:
        raw.close()
    (result,) = results
    assert isinstance(result, GroepssessieError) and "Deze naam doet al mee in deze sessie" in str(result)
    assert _count(store, sessie_deelnames) == 1 and [p.id for p in store.participants()] == ["p-aaaaaa"]


def test_threads_racing_for_one_name_and_one_answer(store_url):
    stores = [Store(store_url) for _ in range(6)]
    try:
        code = Groepssessies(stores[0]).create(CASUS, "zrm").sessie.code
        barrier = threading.Barrier(6)
        joined: list[object] = []

        def join(i: int) -> None:
            barrier.wait()
            try:
                joined.append(Groepssessies(stores[i]).join(code, "Sam", client=Client(f"p{i}")))
            except GroepssessieError as exc:
                joined.append(exc)

        threads = [threading.Thread(target=join, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        winners = [r for r in joined if not isinstance(r, GroepssessieError)]
        assert len(joined) == 6 and len(winners) == 1
        assert all("Deze naam doet al mee" in str(r) for r in joined if isinstance(r, GroepssessieError))
        person = winners[0].deelname.deelnemer_id

        def submit(i: int) -> None:
            barrier.wait()
            for round_ in range(3):
                Groepssessies(stores[i]).submit(code, person, {"thread": i, "ronde": round_})

        threads = [threading.Thread(target=submit, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        saved = stores[0].submissions(sessie=code)
        assert len(saved) == 1 and saved[0].payload["ronde"] == 2
        assert Groepssessies(stores[0]).own_submission(code, person) == saved[0]
        assert _count(stores[0], inzendingen) == 1
    finally:
        for s in stores:
            s.close()


# ---- schema 3: migration and backup -----------------------------------------------------------------------


def test_database_at_version_2_is_migrated(store_url):
    url = store_url if "://" in store_url else f"sqlite:///{store_url}"
    engine = create_engine(url)
    with engine.begin() as conn:
        schema_versie.create(conn)
        for step, description, function in MIGRATIONS[:2]:
            function(conn)
            conn.execute(
                schema_versie.insert().values(versie=step, beschrijving=description, toegepast="2024")
            )
        conn.execute(
            text(
                "INSERT INTO deelnemers VALUES ('p-abcdef', 'Zoë', NULL, '2024-01-03T00:00:00.000000+00:00')"
            )
        )
    engine.dispose()
    assert SCHEMA_VERSIE == 4
    with Store(store_url) as store:
        with store.transaction("lezen") as conn:
            versions = list(
                conn.execute(select(schema_versie.c.versie).order_by(schema_versie.c.versie)).scalars()
            )
        assert versions == [1, 2, 3, 4]
        assert [p.weergavenaam for p in store.participants()] == ["Zoë"]
        sessies = Groepssessies(store)
        code = sessies.create(CASUS, "zrm").sessie.code
        kim = sessies.join(code, "Kim", client=Client("p")).deelname.deelnemer_id
        assert sessies.submit(code, kim, {"a": 1}).payload == {"a": 1}
    with Store(store_url) as store:  # opening again applies nothing twice
        assert _count(store, schema_versie) == 4 and _count(store, sessie_deelnames) == 1


def test_store_backup_keeps_sessions(store, sessies):
    nieuw = sessies.create(CASUS, "zrm")
    code = nieuw.sessie.code
    kim = sessies.join(code, "Kim", client=Client("p1"))
    sessies.submit(code, kim.deelname.deelnemer_id, {"financien": 3})
    sessies.join(code, "Ali", client=Client("p2"))
    with pytest.raises(GroepssessieError):
        sessies.join("ABCDEF" if code != "ABCDEF" else "GHJKMN", "X", client=Client("p3"))
    backup = store.export_json()
    data = json.loads(backup)
    assert data["schema"] == 4 and "toegangspogingen" not in data
    assert [len(data[k]) for k in ("groepssessies", "sessie_deelnames", "inzendingen")] == [1, 2, 1]
    with Store(":memory:") as copy:
        assert copy.import_json(backup) == {
            "teams": 0,
            "deelnemers": 2,
            "inzendingen": 1,
            "groepssessies": 1,
            "sessie_deelnames": 2,
        }
        restored = Groepssessies(copy)
        assert restored.find(code) == nieuw.sessie
        trainer = restored.as_trainer(code, nieuw.geheim, client=Client("t"))
        assert [(d.weergavenaam, i.payload) for d, i in trainer.answers()] == [("Kim", {"financien": 3})]
        back = restored.join(code, "kim", client=Client("p1"), herstelcode=kim.herstelcode)
        assert back.terug and back.deelname.deelnemer_id == kim.deelname.deelnemer_id
        assert copy.import_json(backup)["sessie_deelnames"] == 0
        assert json.loads(copy.export_json())["sessie_deelnames"] == data["sessie_deelnames"]
