"""Nothing typed is lost, headless: every app's draft goes to the browser copy and comes back on a new page.

A new app object on the same store is a reloaded page; ``browser_gelezen`` is what the browser widget reports
from its ``localStorage``. The browser itself is tested in ``test_browser_concepten.py``.
"""

import json

import pytest

from wijkteam_kit.store import Store
from wijkteam_kit.ui.bouwstenen.app import BouwstenenApp
from wijkteam_kit.ui.common.bezig import bezig_met
from wijkteam_kit.ui.competentie_scan.app import CompetentieScan
from wijkteam_kit.ui.intervisie.app import IntervisieApp
from wijkteam_kit.ui.netwerkatlas.app import NetwerkatlasApp
from wijkteam_kit.ui.plan_schrijven.app import PlanSchrijvenApp
from wijkteam_kit.ui.scenario.app import ScenarioApp
from wijkteam_kit.ui.zrm_oefening.app import ZrmOefening


@pytest.fixture()
def store():
    return Store(":memory:")


def _reload(make, earlier):
    """A new page of the same browser: the draft is offered, 'Verder gaan' puts it back."""
    stored = earlier.concept.laatst_bewaard
    assert stored and earlier.concept.onbewaard
    app = make()
    assert app.concept.aanbod.layout.display == "none"
    app.concept.browser_gelezen(stored)
    assert app.concept.aanbod.layout.display is None
    assert "Je was hier eerder mee bezig" in app.concept.aanbod_tekst.value
    button = app.concept.verder_button  # takes a free focus when shown (toegankelijk.js) and says what it brings
    assert {"wk-focus-nu", "wk-focus-zacht"} <= set(button._dom_classes)
    assert button.tooltip == f"Ga verder met je eerdere werk: {json.loads(stored)['samenvatting']}"
    button.click()
    assert "Je eerdere werk staat weer klaar" in app.concept.messages.html.value
    assert app.concept.onbewaard  # the work is back, and so is the leave-page warning
    return app


def _summary(app):
    return json.loads(app.concept.laatst_bewaard)["samenvatting"]


def test_zrm_draft_question_and_hand_in(store):
    app = ZrmOefening(store=store)
    assert app.concept.laatst_bewaard == "" and not app.concept.onbewaard  # nothing typed: nothing kept
    app.casus_choice.value = app.casus_choice.options[0][1]
    app.start_button.click()
    ids = app.version.domain_ids
    app.choose_level(ids[0], 3)
    app.choose_level(ids[1], "nvt")
    app.note.value = "Vaste lasten lopen achter"
    assert "2 domeinen gescoord" in _summary(app)
    again = _reload(lambda: ZrmOefening(store=store), app)
    assert again.levels == app.levels and again.notes == app.notes and again.current == ids[1]
    again.back_button.click()  # "Andere casus kiezen" asks first
    assert again.body.children == (again.score_page,) and "verloren" in again.concept.vraag_tekst.value
    again.concept.nee_button.click()
    assert again.body.children == (again.score_page,) and again.concept.vraag_box.layout.display == "none"
    for d in ids:
        again.choose_level(d, 3)
    again.ladder.value = 2
    again.submit_button.click()
    assert again.result is not None and not again.concept.onbewaard  # handed in: no warning, draft gone
    assert again.submit_button.description == "Inleveren" and not again.submit_button.disabled


def test_zrm_another_device_with_the_herstelcode(store):
    app = ZrmOefening(store=store)
    app.casus_choice.value = app.casus_choice.options[0][1]
    app.start_button.click()
    app.choose_level(app.version.domain_ids[0], 4)
    app.concept.naam_input.value = "Noor"
    app.concept.nieuw_button.click()
    code = app.concept.code_note.value.split("wk-code'>")[1][:6]
    app.choose_level(app.version.domain_ids[1], 2)  # saved under the code as well, after a short pause
    app.concept.bewaar_nu()  # (a running event loop, e.g. Playwright's in the same test run, waits for the pause)
    tablet = ZrmOefening(store=store)
    tablet.concept.naam_input.value = " noor "
    tablet.concept.code_input.value = "000000" if code != "000000" else "111111"
    tablet.concept.koppel_button.click()
    assert "horen niet bij elkaar" in tablet.concept.messages.html.value
    tablet.concept.code_input.value = code
    tablet.concept.koppel_button.click()
    assert "onder je herstelcode" in tablet.concept.aanbod_tekst.value
    tablet.concept.verder_button.click()
    assert tablet.levels == app.levels
    assert tablet.kalibratie.deelnemer_id == app.concept.deelnemer_id  # the same personal code in the whole app


def test_netwerkatlas_draft_only_when_changed(store):
    app = NetwerkatlasApp(store=store)
    app.start_choice.value = app.start_choice.options[1][1]
    app.start_button.click()
    assert not app.concept.onbewaard  # a casus just opened is no unsaved work
    app.person_form.naam.value = "Oma Jet"
    app.person_form.save_button.click()
    assert "personen" in _summary(app)
    again = _reload(lambda: NetwerkatlasApp(store=store), app)
    assert any(p.naam == "Oma Jet" for p in again.atlas.personen)
    again.start_button.click()
    assert "Open je een andere kaart" in again.concept.vraag_tekst.value


def test_plan_draft_and_save(store):
    app = PlanSchrijvenApp(store=store)
    app.form.strengths.rows[0].widgets["tekst"].value = "Kim kookt graag"
    assert _summary(app) == "een plan met 1 kracht, 0 doelen en 0 acties"
    again = _reload(lambda: PlanSchrijvenApp(store=store), app)
    assert again.form.payload() == app.form.payload()
    again.new_button.click()
    assert "nog niet bewaard" in again.concept.vraag_tekst.value
    again.concept.nee_button.click()
    again.name_input.value = "Kim"
    again.save_button.click()
    assert not again.concept.onbewaard  # saved: leaving no longer asks
    again.new_button.click()  # and "Leeg plan" no longer asks
    assert again.form.payload()["krachten"] == []


def test_intervisie_running_meeting_comes_back_paused(store):
    now = [0.0]
    app = IntervisieApp(library=[], store=store, clock=lambda: now[0])
    app.kind.value = "vijfstappen"
    app.names.value = "Kim\nAli\nBo"
    for role, name in (("inbrenger", "Kim"), ("gespreksleider", "Ali"), ("tijdbewaker", "Bo")):
        app.role_choices[role].value = name
    app.question.value = "Hoe zeg ik nee?"
    app.start_button.click()
    now[0] = 100.0
    app.panel.note.value = "Kim vertelt over de buurvrouw"
    app.panel.agreements.value = "Ali belt maandag"
    again = _reload(lambda: IntervisieApp(library=[], store=store, clock=lambda: now[0]), app)
    b = again.bijeenkomst
    assert b.runner.note(0) == "Kim vertelt over de buurvrouw" and b.afspraken == ["Ali belt maandag"]
    assert b.runner.paused and b.runner.elapsed(0) == 100.0 and b.leervraag == "Hoe zeg ik nee?"
    assert again.setup_box.layout.display == "none" and "Verder" in again.panel.pause_button.description
    again.new_button.click()
    assert "verloren" in again.concept.vraag_tekst.value


def test_bouwstenen_draft_and_save(store):
    app = BouwstenenApp(store=store)
    app.team_name.value = "Team Oost"
    assert app.concept.laatst_bewaard == ""  # a team name alone is no work
    app.answer("opgave", "wijk", "Een oude wijk")
    assert _summary(app) == "de bouwstenen van Team Oost: 1 antwoord"
    again = _reload(lambda: BouwstenenApp(store=store), app)
    assert again.answers().to_payload() == app.answers().to_payload()
    again.save_button.click()
    assert not again.concept.onbewaard and "1 antwoord." in again.messages.html.value


def test_competentiescan_draft(store):
    app = CompetentieScan(store)
    app.name_input.value = "Sam"
    app.start_button.click()
    first, second = list(app.questionnaire.scale)[:2]
    app.answer(first, 3)
    app.answer(second, 2, "Ik belde de huisarts")
    assert _summary(app) == "een competentiescan met 2 vragen beantwoord"
    again = _reload(lambda: CompetentieScan(store), app)
    assert again.questionnaire.answers() == app.questionnaire.answers()
    again.stop_button.click()
    assert "antwoorden verloren" in again.concept.vraag_tekst.value


def test_scenario_draft_and_finished_route():
    app = ScenarioApp(store=":memory:", environ={})
    app.start_button.click()
    app.choose(0)
    assert "na 1 keuze" in _summary(app)
    again = _reload(lambda: ScenarioApp(store=":memory:", environ={}), app)
    assert [s.index for s in again.spel.stappen] == [0]
    again.restart_button.click()
    assert "keuzes die je nu gemaakt hebt" in again.concept.vraag_tekst.value
    again.concept.nee_button.click()
    again.play_recommended()
    assert not again.concept.onbewaard  # played out: a restart loses nothing


def test_a_broken_or_foreign_draft_is_ignored(store):
    app = PlanSchrijvenApp(store=store)
    for text in ("", "geen json", json.dumps({"app": "zrm_oefening", "data": "{}"}), '{"app": "plan_schrijven"}'):
        app.concept.browser_gelezen(text)
        assert app.concept.aanbod.layout.display == "none"
    app.concept.browser_gelezen(json.dumps({"app": "plan_schrijven", "data": json.dumps({"plan": 3})}))
    app.concept.verder_button.click()
    assert "kon niet worden teruggezet" in app.concept.messages.html.value


def test_busy_button_shows_and_restores_even_after_an_error():
    import ipywidgets as widgets

    button = widgets.Button(description="Maak verslag", icon="file-text")
    with pytest.raises(ValueError), bezig_met(button, "Verslag maken…", na=0):
        assert button.disabled and button.description == "Verslag maken…"
        raise ValueError
    assert (button.description, button.icon, button.disabled) == ("Maak verslag", "file-text", False)


def test_busy_state_only_for_slow_actions_and_one_message_each_way():
    """A quick action sends nothing; a slow one shows the busy state while it runs (from a timer thread)."""
    import time

    import ipywidgets as widgets
    from comm import DummyComm

    from wijkteam_kit.ui.common.bezig import VERTRAGING

    button = widgets.Button(description="Inleveren", icon="check")
    sent: list[dict] = []
    original = DummyComm.publish_msg
    DummyComm.publish_msg = lambda self, msg_type, data=None, *a, **k: sent.append(data or {})
    try:
        with bezig_met(button, "Bezig met inleveren…"):
            pass
        assert sent == []
        with bezig_met(button, "Bezig met inleveren…"):
            time.sleep(VERTRAGING + 0.3)
            assert button.disabled and "wk-bezig" in button._dom_classes
        assert len(sent) == 2 and not button.disabled and button.description == "Inleveren"
    finally:
        DummyComm.publish_msg = original


def _shown_texts(widget, hidden=False):
    """Every Text widget with its description, and whether it is shown (no hidden box above it)."""
    import ipywidgets as widgets

    hidden = hidden or widget.layout.display == "none"
    if isinstance(widget, widgets.Text):
        yield widget.description, not hidden
    for child in getattr(widget, "children", ()):
        yield from _shown_texts(child, hidden)


def test_zrm_start_page_asks_the_name_once(store):
    app = ZrmOefening(store=store)
    shown = [d for d, visible in _shown_texts(app.widget) if visible]
    assert shown.count("Je naam:") == 1
    app.rater.value = "Kim"  # the session block's name is the name on the scores
    app.casus_choice.value = app.casus_choice.options[0][1]
    app.start_button.click()
    assert app.assessment().rater == "Kim"


def test_netwerkatlas_an_uploaded_file_asks_before_it_replaces_work(store):
    app = NetwerkatlasApp(store=store)
    app.start_choice.value = app.start_choice.options[1][1]
    app.start_button.click()
    app.person_form.naam.value = "Oma Jet"
    app.person_form.save_button.click()
    other = {"personen": [{"id": "ans", "naam": "Ans", "relatie": "buur", "sector": "buurt", "cirkel": 2}]}
    upload = {"name": "ander.json", "content": json.dumps(other).encode()}
    app._uploaded({"new": (upload,)})
    assert "vervangt dat bestand je kaart" in app.concept.vraag_tekst.value
    assert any(p.naam == "Oma Jet" for p in app.atlas.personen)  # nothing replaced before the answer
    app.concept.ja_button.click()
    assert [p.naam for p in app.atlas.personen] == ["Ans"]
