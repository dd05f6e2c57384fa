"""The plan app without a browser: build the view, set widget values, click, check the state."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.plan import Plan
from wijkteam_kit.store import Store
from wijkteam_kit.ui.plan_schrijven import PlanSchrijvenApp

LIBRARY = load_library()
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def app() -> PlanSchrijvenApp:
    return PlanSchrijvenApp(library=LIBRARY, store=Store(":memory:"), today=TODAY)


def statuses(app: PlanSchrijvenApp) -> dict[str, str]:
    return dict(re.findall(r'data-regel="([a-z_]+)" data-status="([a-z ]+)"', app.feedback_html.value))


def fill(row, **values):
    for key, value in values.items():
        row.widgets[key].value = value


def downloads(links: str) -> dict[str, bytes]:
    return {
        name: base64.b64decode(data)
        for name, data in re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', links)
    }


def test_choosing_a_casus_shows_story_hint_and_domains(app):
    app.casus_choice.value = "gezin-schulden-overlast"
    assert "Financiën (1 – Acute problematiek)" in app.hint.value
    assert "Maatschappelijke participatie (2 – Niet zelfredzaam)" in app.hint.value
    assert "Lichamelijke gezondheid" not in app.hint.value
    assert "Ik wil dat die la met post leeg komt" in app.hint.value
    assert "Chantal" in app.casus_view.value
    assert app.form.huishouden.value == "Chantal en Jordy"
    assert app.form.casus_id == "gezin-schulden-overlast"
    app.casus_choice.value = "jongeman-zelfstandig"  # a zrm2017 casus: domain choices follow the version
    options = [v for _, v in app.form.problems.rows[0].widgets["domein"].options]
    assert "instrumentele_adl" in options and "adl" not in options
    assert app.form.plan().zrm_versie == "zrm2017"


def test_feedback_on_an_empty_form_lists_every_rule(app):
    app.feedback_button.click()
    found = statuses(app)
    assert len(found) == 14
    assert found["perspectief"] == "ontbreekt" and found["regisseur"] == "ontbreekt"
    assert found["domeinen_laag"] == "in orde" and found["jargon"] == "in orde"
    assert "0 in orde" not in app.feedback_html.value
    assert not app.compare_button.disabled


def test_network_rule_turns_green_after_adding_the_network(app):
    app.casus_choice.value = "mantelzorg-dementie"
    fill(app.form.solutions.rows[0], tekst="Dagopvang voor Henk", stap="maatwerkvoorziening")
    app.feedback_button.click()
    assert statuses(app)["netwerk"] == "ontbreekt"
    assert statuses(app)["wmo_volgorde"] == "let op"
    assert "Niemand uit het sociale netwerk" in app.feedback_html.value
    fill(app.form.solutions.add(), tekst="Ans komt op dinsdagmiddag bij Henk", stap="sociaal_netwerk")
    fill(app.form.actions.rows[0], wie="Ans", wat="Bij Henk zijn", wanneer="elke dinsdag")
    app.feedback_button.click()
    assert statuses(app)["netwerk"] == "in orde"
    assert statuses(app)["acties"] == "in orde"


def test_half_filled_row_names_the_element(app):
    fill(app.form.solutions.rows[0], tekst="Dagopvang")
    app.feedback_button.click()
    assert "oplossingen[1].stap" in app.messages.html.value
    assert "Oplossing 1 (&#x27;Dagopvang&#x27;): kies bij welke stap hij hoort: eigen kracht" in (
        app.messages.html.value
    )
    assert "verwacht één van" not in app.messages.html.value
    fill(app.form.goals.rows[0], problemen=(app.form.problems.rows[0].key,))
    app.feedback_button.click()
    assert "doelstellingen[1].tekst: mag niet leeg zijn" in app.messages.html.value


def test_empty_rows_are_skipped_and_links_renumbered(app):
    form = app.form
    second = form.problems.add()
    fill(second, tekst="Wij hebben schulden", domein="financien", niveau=1)
    fill(form.goals.rows[0], tekst="Wij willen rust", problemen=(second.key,))
    goal2 = form.goals.add()
    fill(goal2, tekst="Ik wil weer werken")
    fill(form.results.rows[0], tekst="Over een maand", doel=goal2.key)
    plan = form.plan()
    assert [p.tekst for p in plan.probleemstellingen] == ["Wij hebben schulden"]
    assert plan.doelstellingen[0].problemen == (1,)
    assert plan.resultaten[0].doel == 2
    assert [label for label, _ in form.goals.rows[0].widgets["problemen"].options] == [
        "Probleem 1",
        "Probleem 2",
    ]
    form.problems.remove(second.key)  # links to a removed row disappear
    assert form.goals.rows[0].widgets["problemen"].value == ()
    assert [label for label, _ in form.goals.rows[0].widgets["problemen"].options] == ["Probleem 1"]
    form.goals.remove(goal2.key)
    assert form.results.rows[0].widgets["doel"].value == 0


def test_save_find_and_open_again(app):
    app.casus_choice.value = "mantelzorg-dementie"
    fill(app.form.strengths.rows[0], tekst="Wij zijn trouw")
    app.form.regisseur.value = "Gerda"
    app.form.evaluatiedatum.value = dt.date(2026, 5, 1)
    app.save_button.click()
    assert "Vul eerst je naam in" in app.messages.html.value
    app.name_input.value = "Kim"
    app.save_button.click()
    assert "Je plan is bewaard als 'Plan Gerda zorgt voor Henk (mantelzorg bij dementie)'" in html.unescape(
        app.messages.html.value
    )
    app.form.regisseur.value = "Marieke"
    app.save_button.click()  # same name and title: the saved plan is updated, not duplicated
    assert len(app.store.submissions("plan")) == 1
    app.new_button.click()
    assert app.form.regisseur.value == "" and app.form.plan().krachten == ()
    app.find_button.click()
    assert len(app.saved_choice.options) == 1
    app.open_button.click()
    plan = app.form.plan()
    assert (plan.regisseur, plan.krachten, plan.evaluatiedatum) == (
        "Marieke",
        ("Wij zijn trouw",),
        dt.date(2026, 5, 1),
    )
    assert plan.casus_id == "mantelzorg-dementie"


def test_reference_comparison_after_feedback(app):
    assert app.compare_button.disabled
    app.compare_button.click()  # disabled before feedback: nothing happens
    assert app.compare_html.value == ""
    app.feedback_button.click()
    app.compare_button.click()
    assert "Kies eerst een casus" in app.compare_html.value
    app.casus_choice.value = "ouderen-ov-chipkaart"
    fill(
        app.form.problems.rows[0],
        tekst="Ik durf de bus niet in",
        domein="maatschappelijke_participatie",
        niveau=2,
    )
    app.compare_button.click()
    assert "Jouw plan pakt er 1 van aan: Maatschappelijke participatie." in app.compare_html.value
    assert "Bekijk het referentieplan" in app.compare_html.value
    assert "Samen de bus in" in app.compare_html.value


def test_export_markdown_and_pdf(app):
    app.casus_choice.value = "mantelzorg-dementie"
    fill(app.form.goals.rows[0], tekst="Ik wil weer zingen *in het koor*")
    app.export_button.click()
    files = downloads(app.export_links.value)
    assert set(files) == {"ons-plan-mantelzorg-dementie.md", "ons-plan-mantelzorg-dementie.pdf"}
    markdown = files["ons-plan-mantelzorg-dementie.md"].decode("utf-8")
    assert markdown.startswith("# Ons plan\n\n*Gerda en Henk · 2 maart 2026*")
    assert "| Ik wil weer zingen \\*in het koor\\* |  |" in markdown
    assert files["ons-plan-mantelzorg-dementie.pdf"][:4] == b"%PDF"


def test_user_text_is_escaped_and_privacy_warned(app):
    fill(app.form.goals.rows[0], tekst='<img src=x onerror="alert(1)">')
    fill(app.form.strengths.rows[0], tekst="Bel me op 0612345678")
    app.feedback_button.click()
    assert "<img" not in app.feedback_html.value and "&lt;img" in app.feedback_html.value
    assert "telefoonnummer" in app.messages.html.value


def test_show_fills_every_section():
    app = PlanSchrijvenApp(library=[], store=Store(":memory:"), today=TODAY)
    plan = Plan(
        zrm_versie="zrm2013",
        krachten=["Trouw"],
        probleemstellingen=[{"tekst": "Ik ben moe", "domein": "adl", "niveau": 3}],
        doelstellingen=[{"tekst": "Ik wil rust", "problemen": [1]}],
        resultaten=[{"tekst": "Elke dinsdag vrij", "doel": 1}],
        oplossingen=[{"tekst": "Ans", "stap": "sociaal_netwerk"}],
        acties=[{"wie": "Ans", "wat": "komt", "wanneer": "dinsdag"}],
        geparkeerd=[{"domein": "justitie", "reden": "Nu niet"}],
        regisseur="Gerda",
        datum=dt.date(2026, 2, 1),
        evaluatiedatum=dt.date(2026, 5, 1),
        eerdere_hulp="Geen",
        resultaat_eerdere_hulp="n.v.t.",
    )
    app.form.show(plan)
    assert app.form.plan() == plan
