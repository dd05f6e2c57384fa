"""Mijn kalibratie in the ZRM app and the trainer's round two and standard, driven headless."""

from __future__ import annotations

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.store import Store
from wijkteam_kit.ui.groepssessie.paneel import GroepssessiePaneel
from wijkteam_kit.ui.zrm_oefening.app import NVT, ZrmOefening

CASUSES = ("administratie-taal", "mantelzorg-dementie", "jongeman-zelfstandig")


@pytest.fixture(scope="module")
def library():
    return load_library()


def _score(app, casus_id, shift=0):
    """Score ``casus_id`` like the reference, Financiën ``shift`` levels higher (within 1–5)."""
    app.show_choose()
    app.casus_choice.value = casus_id
    app.start_button.click()
    for domain_id, level in app.casus.reference_assessment().levels().items():
        if level is not None and domain_id == "financien":
            level = min(5, max(1, level + shift))
        app.choose_level(domain_id, NVT if level is None else level)
    app.ladder.value = app.casus.participatieladder.trede
    app.submit_button.click()


def test_a_new_code_keeps_every_scored_casus_and_shows_the_calibration(library):
    store = Store(":memory:")
    app = ZrmOefening(library, store=store)
    app.kalibratie_button.click()
    assert app.kalibratie.visible and app.kalibratie_button.description == "Mijn kalibratie verbergen"
    app.kalibratie.name_input.value = "Kim"
    app.kalibratie.new_button.click()
    code = app.kalibratie.code_note.value.split("wk-code'>")[1][:6]
    assert code.isdigit()
    _score(app, CASUSES[0], shift=1)
    assert "Te weinig om iets te concluderen" in app.kalibratie.result.value
    _score(app, CASUSES[1], shift=1)
    _score(app, CASUSES[2], shift=0)
    view = app.kalibratie.result.value
    assert "Te weinig" not in view and "3 keer gescoord, 3 verschillende casussen" in view
    assert "Je scoort Financiën gemiddeld" in view  # bias sentence with the rationale per casus
    assert "alt='Tabel als plaatje" in view and "mijn-kalibratie.pdf" in app.kalibratie.downloads.value
    # Another page: log in with the same name and code, see the same history.
    again = ZrmOefening(library, store=store)
    again.kalibratie.show()
    again.kalibratie.name_input.value = " kim "
    again.kalibratie.code_input.value = code
    again.kalibratie.login_button.click()
    assert "3 keer gescoord" in again.kalibratie.result.value
    wrong = ZrmOefening(library, store=store)
    wrong.kalibratie.name_input.value, wrong.kalibratie.code_input.value = "Kim", "12345x"
    wrong.kalibratie.login_button.click()
    assert "horen niet bij elkaar" in wrong.kalibratie.messages.html.value


def test_without_a_code_nothing_is_kept_and_a_tip_is_shown(library):
    store = Store(":memory:")
    app = ZrmOefening(library, store=store)
    _score(app, CASUSES[0])
    assert any("wk-kalibratie-tip" in getattr(w, "value", "") for w in app.body.children)
    assert store.submissions("zrm_kalibratie") == []


def test_a_session_answer_counts_once_per_round_and_the_trainer_sees_rounds_and_standard(library):
    store = Store(":memory:")
    sessies = Groepssessies(store)
    casus = next(c for c in library if c.id == CASUSES[0])
    nieuw = sessies.create(casus.id, "zrm", titel="ZRM-training dag 2")
    access = sessies.as_trainer(nieuw.sessie.code, nieuw.geheim, client=Client("t"))
    panel = GroepssessiePaneel(access, casus)
    apps = []
    for name, shift in (("Ans", 2), ("Bo", -1)):
        app = ZrmOefening(library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"})
        app.sessie.name_input.value = name
        app.sessie.join_button.click()
        assert (
            app.sessie.joined and app.kalibratie.deelnemer_id == app.sessie.aanmelding.deelname.deelnemer_id
        )
        for domain_id, level in casus.reference_assessment().levels().items():
            if domain_id == "financien":
                level = min(5, max(1, level + shift))
            app.choose_level(domain_id, NVT if level is None else level)
        app.ladder.value = casus.participatieladder.trede
        app.submit_button.click()
        app.submit_button.click()  # handing in again replaces, it does not add
        apps.append(app)
    assert len(store.submissions("zrm_kalibratie")) == 2
    panel.refresh(force=True)
    tools = panel.kalibratie
    tools.round_button.click()
    assert access.sessie.ronde == 2 and tools.round_button.disabled
    for app in apps:  # round two: both come to the reference in Financiën
        app._after_result("aanpassen").click()  # "Scores aanpassen", as on the page
        app.choose_level("financien", casus.reference_assessment().level("financien"))
        app.submit_button.click()
    panel.refresh(force=True)
    assert "2 van de 2 deelnemers kwamen dichter bij de referentie" in tools.rounds.value
    assert "Ans: 2 → 0 niveaus" in tools.rounds.value
    assert len(store.submissions("zrm_kalibratie")) == 4  # one per participant per round
    blocks = tools.handout_blocks()
    assert blocks and blocks[0].tekst.startswith("Tweede ronde")
    tools.casuses.value = 1
    tools.within.value, tools.exact.value = 80, 60
    tools.check_button.click()
    result = tools.standard_result.value
    assert "kalibratie-groep.pdf" in result and result.count("<tr>") == 3
    assert "Ans" in result and "Bo" in result


# ---- the evaluation exercise (T1) -------------------------------------------------------------------------


def _score_t1(app, casus_id, change=None):
    app.show_choose()
    app.casus_choice.value = casus_id
    app.moment.value = "t1"
    app.start_button.click()
    reference = app.casus.t1_assessment()
    for domain_id, level in {**reference.levels(), **(change or {})}.items():
        app.choose_level(domain_id, NVT if level is None else level)
    app.ladder.value = reference.ladder or app.casus.participatieladder.trede
    app.submit_button.click()


def test_the_evaluation_exercise_alone(library):
    app = ZrmOefening(library, store=Store(":memory:"))
    _score_t1(app, "administratie-taal", {"financien": 4})
    assert "Een half jaar later" in app.reread.titles[1] and app.reread.selected_index == 1
    assert app.vragen is not None and app.evaluation is None
    app.vragen.done_button.click()
    assert "Kies bij zelfredzaamheid" in app.messages.html.value and app.evaluation is None
    app.vragen.texts["vraag_beantwoord"].value = "Grotendeels <b>ja</b>"
    app.vragen.zelfredzaamheid.value, app.vragen.participatie.value = "gestegen", "gestegen"
    app.vragen.done_button.click()
    assert app.evaluation is not None and app.evaluation.n_direction_differs == 1
    view = app.body.children[0].value
    assert "Financiën: jij ziet gestegen (3 → 4), de referentie gelijk (3 → 3)" in view
    assert "Grotendeels &lt;b&gt;ja&lt;/b&gt;" in view  # the learner's text is escaped
    assert "Doel" in view and "Die tas is weg" not in view  # the table has the target; the story was before


def test_a_casus_without_t1_is_refused_and_a_pensioner_stays_on_rung_6(library, tmp_path):
    app = ZrmOefening(library, store=Store(":memory:"))
    _score_t1(app, "ouderen-ov-chipkaart")
    app.vragen.zelfredzaamheid.value, app.vragen.participatie.value = "gestegen", "gestegen"
    app.vragen.done_button.click()
    shown = app.body.children[0].value
    assert "65 of ouder" in shown and "jij antwoordde &#x27;gestegen&#x27;, de referentie &#x27;gelijk&#x27;" in shown
    without = [c.model_copy(update={"t1": None}) for c in library]
    bare = ZrmOefening(without, store=Store(":memory:"))
    bare.moment.value = "t1"
    bare.start_button.click()
    assert "nog geen later moment" in bare.messages.html.value


def test_the_evaluation_in_a_group_session(library):
    store = Store(":memory:")
    sessies = Groepssessies(store)
    nieuw = sessies.create("zorgmijder-woningcorporatie", "evaluatie")
    app = ZrmOefening(library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"})
    app.sessie.name_input.value = "Ans"
    app.sessie.join_button.click()
    assert app.sessie.joined and app.mode == "t1" and app.moment.disabled
    reference = app.casus.t1_assessment()
    for domain_id, level in reference.levels().items():
        app.choose_level(domain_id, NVT if level is None else level)
    app.ladder.value = reference.ladder
    app.submit_button.click()
    app.vragen.zelfredzaamheid.value, app.vragen.participatie.value = "gestegen", "gelijk"
    app.vragen.done_button.click()
    access = sessies.as_trainer(nieuw.sessie.code, nieuw.geheim, client=Client("t"))
    ((_, answer),) = access.answers()
    assert answer.payload["evaluatie"]["participatie"] == "gelijk"
    casus = next(c for c in library if c.id == "zorgmijder-woningcorporatie")
    panel = GroepssessiePaneel(access, casus)
    assert panel.kalibratie is None and panel.groep.agreement.n_raters == 1
    # the group picture compares with the T1 reference: scoring like it gives no differences on the agenda
    assert all(item.reference == reference.level(item.domain_id) for item in panel.groep.agenda)


def test_a_participant_page_is_told_when_round_two_opens(library):
    store = Store(":memory:")
    sessies = Groepssessies(store)
    nieuw = sessies.create("administratie-taal", "zrm")
    app = ZrmOefening(library, store=store, environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"})
    app.sessie.name_input.value = "Ans"
    app.sessie.join_button.click()
    for domain_id, level in app.casus.reference_assessment().levels().items():
        app.choose_level(domain_id, NVT if level is None else level)
    app.ladder.value = app.casus.participatieladder.trede
    app.submit_button.click()
    assert "Ingeleverd om" in app.sessie.status.value
    sessies.as_trainer(nieuw.sessie.code, nieuw.geheim, client=Client("t")).open_round_two()
    app.sessie.refresh()
    assert "tweede ronde" in app.sessie.status.value and app.sessie.inzending is None


def test_a_plan_saved_under_the_personal_code_sets_the_targets_of_the_evaluation(library):
    from wijkteam_kit.ui.plan_schrijven import PlanSchrijvenApp

    store = Store(":memory:")
    zrm = ZrmOefening(library, store=store)
    zrm.kalibratie.name_input.value = "Kim"
    zrm.kalibratie.new_button.click()
    code = zrm.kalibratie.code_note.value.split("wk-code'>")[1][:6]
    plan_app = PlanSchrijvenApp(library, store=store)
    plan_app.casus_choice.value = "administratie-taal"
    row = plan_app.form.problems.rows[0].widgets
    row["tekst"].value = "Ik stop mijn brieven in een tas."
    row["domein"].value, row["niveau"].value, row["doelniveau"].value = "financien", 3, 5
    plan_app.name_input.value, plan_app.code_input.value = "Kim", "000000" if code != "000000" else "111111"
    plan_app.save_button.click()
    assert "horen niet bij elkaar" in plan_app.messages.html.value  # a wrong code saves nothing
    plan_app.code_input.value = code
    plan_app.save_button.click()
    assert "is bewaard" in plan_app.messages.html.value
    _score_t1(zrm, "administratie-taal")
    zrm.vragen.zelfredzaamheid.value, zrm.vragen.participatie.value = "gestegen", "gestegen"
    zrm.vragen.done_button.click()
    targets = {d.domain_id: d.target for d in zrm.evaluation.domains}
    assert targets["financien"] == 5 and targets["adl"] is None  # the learner's own plan, not the reference
