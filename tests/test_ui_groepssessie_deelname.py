"""The participant's session block and the three exercise apps in a group session (headless, no browser)."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.errors import StoreError
from wijkteam_kit.groepssessie import Client, Groepssessies, Limieten
from wijkteam_kit.store import Store
from wijkteam_kit.ui.groepssessie import GroepssessieDeelname, client_from_environment, code_from_query
from wijkteam_kit.ui.netwerkatlas import NetwerkatlasApp
from wijkteam_kit.ui.plan_schrijven import PlanSchrijvenApp
from wijkteam_kit.ui.zrm_oefening import ZrmOefening

EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "<script>alert(1)</script>"
CASUS = "mantelzorg-dementie"
WAIT = "De trainer deelt de groepsuitkomst straks."


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "wijkteam.db")
    yield s
    s.close()


@pytest.fixture()
def sessies(store):
    return Groepssessies(store)


def trainer(sessies, nieuw):
    return sessies.as_trainer(nieuw.sessie.code, nieuw.geheim, client=Client("trainer"))


def block_for(sessies, oefening, library, code="", page="p1"):
    return GroepssessieDeelname(
        lambda: sessies,
        oefening,
        library=library,
        client=Client(page),
        environ={"QUERY_STRING": f"sessie={code}" if code else ""},
    )


def join(block, name, herstelcode=""):
    block.name_input.value = name
    block.herstel_input.value = herstelcode
    block.join_button.click()


def html_values(widget) -> list[str]:
    """The value of every HTML widget under ``widget``."""
    found = []
    stack = [widget]
    while stack:
        w = stack.pop()
        if isinstance(w, widgets.HTML):
            found.append(w.value)
        stack.extend(getattr(w, "children", ()))
    return found


def zrm_scores(version, level=3):
    return {
        "versie": version.id,
        "scores": {d: {"niveau": level, "toelichting": "", "basis": None} for d in version.domain_ids},
        "ladder": 3,
    }


# ---------------------------------------------------------------- environment helpers


def test_client_address_prefers_the_server_header_then_the_proxys_last_entry():
    env = {"HTTP_X_FORWARDED_FOR": "10.1.2.3, 10.0.0.1", "HTTP_X_WIJKTEAM_ADRES": "127.0.0.1"}
    first, second = client_from_environment(env), client_from_environment(env)
    assert first.adres == "127.0.0.1"
    # behind JupyterHub: the browser can prepend anything, the proxy's own entry is the last one
    assert client_from_environment({"HTTP_X_FORWARDED_FOR": "6.6.6.6, 10.1.2.3"}).adres == "10.1.2.3"
    assert first.pagina != second.pagina and len(first.pagina) == 32
    assert client_from_environment({"HTTP_X_WIJKTEAM_ADRES": "192.168.1.9"}).adres == "192.168.1.9"
    assert client_from_environment({"HTTP_X_FORWARDED_FOR": "  "}).adres is None


def test_code_from_the_page_address_fills_in_the_code(sessies, library):
    assert code_from_query("sessie=abc-123") == "ABC-123"
    assert code_from_query("x=1") == ""
    assert code_from_query('sessie=<script>"') == "SCRIPT"
    block = block_for(sessies, "zrm", library, code="KM7Q2Z")
    assert block.code_input.value == "KM7Q2Z"


# ---------------------------------------------------------------- joining


def test_join_shows_banner_and_herstelcode_once(sessies, library, store):
    nieuw = sessies.create(CASUS, "zrm")
    block = block_for(sessies, "zrm", library, code=nieuw.sessie.code)
    joined = []
    block.on_join(lambda a, c: joined.append((a.deelname.weergavenaam, c.id)))
    join(block, "Ans")
    assert block.joined and joined == [("Ans", CASUS)]
    titel = next(c.titel for c in library if c.id == CASUS)
    code = nieuw.sessie.code
    assert block.banner.value.count(f"{code[:3]}-{code[3:]}") == 1
    assert "Ans" in block.banner.value and titel.split(" (")[0] in block.banner.value
    herstel = block.aanmelding.herstelcode
    assert herstel and len(herstel) == 6 and herstel in block.herstel_note.value
    assert block.form.layout.display == "none"
    assert "Maak de oefening en lever in" in block.status.value


def test_wrong_code_says_so_and_does_not_join(sessies, library):
    block = block_for(sessies, "zrm", library, code="ZZZZZZ")
    join(block, "Ans")
    assert not block.joined
    assert "Deze sessiecode kennen we niet" in block.messages.html.value
    block.code_input.value = ""
    join(block, "Ans")
    assert "Vul de sessiecode in" in block.messages.html.value


def test_missing_name_is_asked_for(sessies, library):
    nieuw = sessies.create(CASUS, "zrm")
    block = block_for(sessies, "zrm", library, code=nieuw.sessie.code)
    join(block, "   ")
    assert not block.joined and "Vul je naam in" in block.messages.html.value


def test_too_many_wrong_codes_are_refused_in_dutch(store, library):
    sessies = Groepssessies(store, limieten=Limieten(per_pagina=2))
    block = block_for(sessies, "zrm", library, code="ZZZZZZ")
    for _ in range(3):
        join(block, "Ans")
    assert "Te veel onjuiste pogingen" in block.messages.html.value
    assert not block.joined


def test_taken_name_asks_for_the_herstelcode_and_rejoin_restores_the_answer(sessies, library):
    nieuw = sessies.create(CASUS, "zrm")
    first = block_for(sessies, "zrm", library, code=nieuw.sessie.code, page="p1")
    join(first, "Ans")
    herstel = first.aanmelding.herstelcode
    version = first.casus.version()
    assert first.submit(zrm_scores(version, 2)) is not None

    second = block_for(sessies, "zrm", library, code=nieuw.sessie.code, page="p2")
    assert second.herstel_input.layout.display == "none"
    join(second, " ans ")
    assert not second.joined
    assert "Deze naam doet al mee in deze sessie" in second.messages.html.value
    assert second.herstel_input.layout.display is None  # the herstelcode field is shown now

    wrong = "000000" if herstel != "000000" else "111111"
    join(second, "Ans", wrong)
    assert not second.joined
    join(second, "Ans", herstel)
    assert second.joined and second.aanmelding.terug and second.aanmelding.herstelcode is None
    assert second.herstel_note.value == ""
    assert "Je hebt eerder ingeleverd" in second.status.value
    assert second.inzending.payload["scores"][version.domain_ids[0]]["niveau"] == 2
    assert second.poll.playing


def test_session_of_another_exercise_points_to_its_app(sessies, library):
    nieuw = sessies.create(CASUS, "plan")
    block = block_for(sessies, "zrm", library, code=nieuw.sessie.code)
    join(block, "Ans")
    assert not block.joined
    assert "Plan van Aanpak" in block.banner.value
    assert f"plan_schrijven.ipynb?sessie={nieuw.sessie.code}" in block.banner.value


# ---------------------------------------------------------------- handing in and the reveal


def test_submit_then_wait_then_group_picture_after_reveal(sessies, library):
    nieuw = sessies.create(CASUS, "zrm")
    ans = block_for(sessies, "zrm", library, code=nieuw.sessie.code, page="p1")
    bram = block_for(sessies, "zrm", library, code=nieuw.sessie.code, page="p2")
    join(ans, "Ans")
    join(bram, "Bram Geheimnaam")
    version = ans.casus.version()
    assert ans.submit(zrm_scores(version, 2)) is not None
    assert "Ingeleverd om" in ans.status.value and "tot de trainer de sessie sluit" in ans.status.value
    assert ans.poll.playing and "wk-sessie-poll" in ans.poll._dom_classes
    assert bram.submit(zrm_scores(version, 4)) is not None

    ans.poll.value += 1  # what a browser tick does
    assert WAIT in ans.group.value
    assert not any("Bram Geheimnaam" in v for v in html_values(ans.widget))
    assert "<svg" not in ans.group.value

    trainer(sessies, nieuw).reveal()
    assert ans.refresh() is True
    group = ans.group.value
    assert "Groepsuitkomst · 2 inzendingen" in group and "<svg" in group
    assert "2 beoordelaars" in group  # the agreement note of the ZRM engine
    assert "Hier valt het meest te bespreken" in group and "1× 2, 1× 4" in group

    trainer(sessies, nieuw).hide()
    assert ans.refresh() is False and WAIT in ans.group.value


def test_submit_again_replaces_and_closed_session_refuses(sessies, library):
    nieuw = sessies.create(CASUS, "zrm")
    block = block_for(sessies, "zrm", library, code=nieuw.sessie.code)
    join(block, "Ans")
    version = block.casus.version()
    first = block.submit(zrm_scores(version, 2))
    second = block.submit(zrm_scores(version, 3))
    assert first.id == second.id
    toegang = trainer(sessies, nieuw)
    assert len(toegang.answers()) == 1
    toegang.close()
    assert block.submit(zrm_scores(version, 5)) is None
    assert "Niet ingeleverd bij de sessie" in block.status.value and "gesloten" in block.status.value
    assert toegang.answers()[0][1].payload["scores"][version.domain_ids[0]]["niveau"] == 3
    block.refresh()
    assert "inleveren kan niet meer" in block.group.value


def test_submit_without_joining_is_refused_kindly(sessies, library):
    block = block_for(sessies, "zrm", library)
    assert block.submit({"x": 1}) is None
    assert "Je doet niet mee met een sessie" in block.messages.html.value


@pytest.mark.parametrize("evil", [EVIL_IMG, EVIL_SCRIPT])
def test_evil_names_are_text_in_every_html_widget(sessies, library, evil):
    nieuw = sessies.create(CASUS, "zrm", titel=evil)
    evil_block = block_for(sessies, "zrm", library, code=nieuw.sessie.code, page="p1")
    other = block_for(sessies, "zrm", library, code=nieuw.sessie.code, page="p2")
    join(evil_block, evil)
    join(other, EVIL_SCRIPT + "2" if evil == EVIL_IMG else EVIL_IMG + "2")
    version = evil_block.casus.version()
    evil_block.submit(zrm_scores(version, 2))
    other.submit(zrm_scores(version, 3))
    trainer(sessies, nieuw).reveal()
    assert evil_block.refresh() and other.refresh()
    for block in (evil_block, other):
        values = html_values(block.widget)
        assert any("&lt;" in v for v in values)
        for v in values:
            assert "<script" not in v and "<img" not in v
    assert "&lt;img src=x onerror=alert(1)&gt;" in evil_block.banner.value or evil == EVIL_SCRIPT


# ---------------------------------------------------------------- the apps


def test_apps_without_a_session_do_not_open_the_store(tmp_path, library):
    for make in (ZrmOefening, NetwerkatlasApp, PlanSchrijvenApp):
        app = make(library=library, store=tmp_path / "niet.db", environ={})
        assert "Doe je mee met een groepssessie?" in app.sessie.widget.children[1].children[0].value
        assert not app._stores.opened and not (tmp_path / "niet.db").exists()
        assert app.sessie.widget in app.widget.children


def test_zrm_app_starts_the_session_casus_and_hands_in(store, sessies, library):
    nieuw = sessies.create("administratie-taal", "zrm")
    app = ZrmOefening(library=library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"})
    app.sessie.client = Client("zrm-pagina")
    app.sessie.name_input.value = "Sanne"
    app.sessie.join_button.click()
    assert app.casus.id == "administratie-taal" and app.body.children == (app.score_page,)
    assert app.casus_choice.disabled and app.rater.value == "Sanne"
    for d in app.version.domain_ids:
        app.choose_level(d, 4)
    app.choose_level(app.version.domain_ids[0], "nvt")
    app.ladder.value = 5
    app.submit_button.click()
    assert app.result is not None
    answers = trainer(sessies, nieuw).answers()
    assert len(answers) == 1
    deelname, inzending = answers[0]
    assert deelname.weergavenaam == "Sanne" and inzending.soort == "zrm"
    payload = inzending.payload
    assert payload["casus"] == "administratie-taal" and payload["ladder"] == 5
    assert payload["scores"][app.version.domain_ids[0]]["niveau"] is None
    assert payload["scores"][app.version.domain_ids[1]]["niveau"] == 4
    adjust = app.body.children[-1]
    assert adjust.description == "Scores aanpassen"
    adjust.click()
    assert app.body.children == (app.score_page,) and app.levels[app.version.domain_ids[1]] == 4


def _scored_zrm_app(store, sessies, library, name="Sanne"):
    nieuw = sessies.create("administratie-taal", "zrm")
    app = ZrmOefening(library=library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"})
    app.sessie.client = Client(f"pagina-{name}")
    app.sessie.name_input.value = name
    app.sessie.join_button.click()
    for d in app.version.domain_ids:
        app.choose_level(d, 3)
    app.ladder.value = 4
    return nieuw, app


def test_zrm_hand_in_is_one_write_transaction(store, sessies, library):
    """The answer, the calibration record and removing the draft take the write lock once (a room hands in)."""
    from sqlalchemy import event

    nieuw, app = _scored_zrm_app(store, sessies, library)
    app.concept.bewaar_nu()  # a draft in the store, removed by the hand-in
    me = app.sessie.aanmelding.deelname.deelnemer_id
    assert len(store.submissions(deelnemer_id=me)) == 1  # the draft
    begins: list[str] = []
    engine = store._engine
    listener = lambda *args: begins.append(args[2]) if args[2].startswith("BEGIN") else None  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        app.submit_button.click()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert begins == ["BEGIN IMMEDIATE"]
    assert len(trainer(sessies, nieuw).answers()) == 1
    assert [s.soort for s in store.submissions(deelnemer_id=me)] == ["zrm", "zrm_kalibratie"]  # draft gone


def test_zrm_hand_in_that_fails_halfway_saves_nothing(store, sessies, library, monkeypatch):
    nieuw, app = _scored_zrm_app(store, sessies, library)

    def broken(*_args, **_kwargs):
        raise StoreError("de kalibratie bewaren is niet gelukt (schijf vol)")

    monkeypatch.setattr(app.kalibratie.codes, "save_attempt", broken)
    app.submit_button.click()
    assert "schijf vol" in app.messages.html.value
    assert trainer(sessies, nieuw).answers() == []  # the answer went back with it: hand in again later
    assert app.body.children == (app.score_page,)  # the scores are still on screen
    assert "Ingeleverd" not in app.sessie.status.value and not app.sessie.poll.playing
    monkeypatch.undo()
    app.submit_button.click()  # and handing in again works
    assert len(trainer(sessies, nieuw).answers()) == 1 and "Ingeleverd om" in app.sessie.status.value


def test_zrm_app_rejoin_puts_the_scores_back(store, sessies, library):
    nieuw = sessies.create(CASUS, "zrm")
    first = ZrmOefening(library=library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"})
    first.sessie.client = Client("a")
    join(first.sessie, "Ans")
    herstel = first.sessie.aanmelding.herstelcode
    for d in first.version.domain_ids:
        first.choose_level(d, 2)
    first.ladder.value = 4
    first.submit_button.click()
    again = ZrmOefening(library=library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"})
    again.sessie.client = Client("b")
    join(again.sessie, "Ans", herstel)
    assert again.sessie.joined and set(again.levels.values()) == {2} and again.ladder.value == 4


def test_netwerkatlas_app_starts_empty_with_the_story_and_hands_in_the_map(store, sessies, library):
    nieuw = sessies.create(CASUS, "netwerkatlas")
    app = NetwerkatlasApp(
        library=library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"}
    )
    assert app.submit_button.layout.display == "none"
    join(app.sessie, "Ans")
    casus = next(c for c in library if c.id == CASUS)
    assert app.atlas.personen == () and app.atlas.client.naam == casus.huishouden[0].naam
    assert app.submit_button.layout.display is None and app.start_choice.layout.display == "none"
    assert casus.paragraphs[0][:40] in app.casus_story.value.replace("&#x27;", "'")
    assert "Wie zijn er in beeld?" not in app.casus_story.value
    app.person_form.naam.value = "Henk"
    app.person_form.save_button.click()
    app.submit_button.click()
    assert "is ingeleverd" in app.messages.html.value
    (_deelname, inzending), *_ = trainer(sessies, nieuw).answers()
    assert inzending.soort == "netwerkatlas"
    assert [p["naam"] for p in inzending.payload["personen"]] == ["Henk"]


def test_plan_app_fixes_the_casus_and_hands_in_the_plan(store, sessies, library):
    nieuw = sessies.create(CASUS, "plan")
    app = PlanSchrijvenApp(
        library=library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"}
    )
    join(app.sessie, "Ans")
    assert app.casus_choice.value == CASUS and app.casus_choice.disabled
    assert app.name_input.value == "Ans" and app.submit_button.layout.display is None
    row = app.form.solutions.rows[0].widgets
    row["tekst"].value, row["stap"].value = "Dagopvang voor Henk", "maatwerkvoorziening"
    app.submit_button.click()
    assert "ingeleverd" in app.messages.html.value
    (_deelname, inzending), *_ = trainer(sessies, nieuw).answers()
    assert inzending.soort == "plan" and inzending.payload == app.current_plan().to_payload()
    assert "Dagopvang voor Henk" in str(inzending.payload)


def test_participants_see_no_other_names_in_the_shared_plan_picture(library):
    from wijkteam_kit.plan import Oplossing, Plan
    from wijkteam_kit.ui.groepssessie import group_view_html

    casus = next(c for c in library if c.id == CASUS)
    plans = [
        (
            "Zoë Geheimnaam",
            Plan(regisseur="Gerda", oplossingen=(Oplossing(tekst="Ans helpt", stap="sociaal_netwerk"),)),
        ),
        (
            "Bo",
            Plan(regisseur="Gerda", oplossingen=(Oplossing(tekst="Dagopvang", stap="maatwerkvoorziening"),)),
        ),
    ]
    answers = [(name, plan.to_payload()) for name, plan in plans]
    html = group_view_html(casus, "plan", answers, "Bo")
    assert "Jouw plan" in html and "Plan 1" in html
    assert "Zoë" not in html and "Geheimnaam" not in html
