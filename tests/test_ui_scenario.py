"""The app Gesprek en route oefenen, headless: choose, play, feedback modes, debrief and reflection."""

from __future__ import annotations

import base64
import re

import pytest

from wijkteam_kit.scenario import available_scenarios, load_scenario
from wijkteam_kit.ui.scenario import ScenarioApp


def test_every_control_has_a_dutch_name():
    app = ScenarioApp()
    assert app.scenario_choice.description == "Scenario:"
    assert app.feedback_mode.description == "Feedback tonen:"
    assert [o[0] for o in app.feedback_mode.options] == ["na elke keuze", "pas aan het eind"]
    app.start_button.click()
    for button in [
        app.start_button,
        app.undo_button,
        app.restart_button,
        app.reflection_button,
        *app.choice_buttons,
    ]:
        assert button.description.strip(), button
    assert app.name.description.startswith("Je naam")


def test_all_scenarios_offered_and_intro_follows_the_choice():
    app = ScenarioApp()
    assert [v for _t, v in app.scenario_choice.options] == available_scenarios()
    app.scenario_choice.value = "zorgen-om-een-kind"
    assert "meldcode" in app.intro_html.value and "gezin-schulden-overlast" in app.intro_html.value


def test_direct_feedback_after_each_choice_and_undo():
    app = ScenarioApp(scenario="intake-regiecheck")
    app.start_button.click()
    assert "De aanmelding komt binnen" in app.moment_html.value
    assert app.undo_button.disabled
    app.choice_buttons[2].click()  # ask for the whole file: unsound
    assert "wk-oordeel-fout" in app.feedback_html.value and "toestemming" in app.feedback_html.value
    assert "Een dossier dat je niet had mogen krijgen" in app.moment_html.value
    app.undo_button.click()
    assert "De aanmelding komt binnen" in app.moment_html.value and app.feedback_html.value == ""


def test_feedback_only_at_the_end():
    app = ScenarioApp(scenario="plan-naar-waakvlam", feedback="einde")
    app.start_button.click()
    assert app.feedback_mode.disabled  # the mode is fixed while playing
    app.choice_buttons[1].click()
    assert "Je keuze is genoteerd" in app.feedback_html.value
    assert "jouw plan" not in app.feedback_html.value  # no verdict or feedback yet
    app.play_recommended()
    assert "Feedback per keuze" in app.debrief_html.value and "jouw plan" in app.debrief_html.value
    assert not app.feedback_mode.disabled


def test_debrief_route_dimensions_principles_and_questions():
    app = ScenarioApp(scenario="zorgen-om-een-kind")
    app.start_button.click()
    app.choice_buttons[1].click()  # question the child yourself
    app.play_recommended()
    html = app.debrief_html.value
    assert "Debrief: zorgvuldig en samen" in html
    assert "<table class='wk-route'>" in html and "Lotte klapt dicht" in html
    assert "role='img' aria-label='Grafiek van de dimensies" in html and "<svg" in html
    assert "Principes die je goed toepaste" in html and "Principes om bij stil te staan" in html
    s = load_scenario("zorgen-om-een-kind")
    assert all(q in html for q in s.intervisievragen[:2])


def test_reflection_download_with_escaped_name():
    app = ScenarioApp(scenario="eerste-gesprek")
    app.reflection_button.click()
    assert "Speel het scenario eerst helemaal door" in app.messages.html.value
    app.play_recommended()
    app.name.value = "<b>Kim</b>"
    app.reflection_button.click()
    links = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', app.downloads.value)
    files = {name: base64.b64decode(data) for name, data in links}
    md = files["reflectie-eerste-gesprek.md"].decode("utf-8")
    assert "\\<b\\>Kim\\</b\\>" in md and "Vragen voor intervisie" in md
    assert files["reflectie-eerste-gesprek.pdf"].startswith(b"%PDF")


def test_on_finish_gets_the_route_once():
    seen = []
    app = ScenarioApp(scenario="intake-regiecheck", on_finish=seen.append)
    app.play_recommended()
    assert len(seen) == 1 and seen[0].payload()["einde"] == "debrief-start"


def test_restart_and_switching_scenario():
    app = ScenarioApp(scenario="intake-regiecheck")
    app.play_recommended()
    app.restart_button.click()
    assert "De aanmelding komt binnen" in app.moment_html.value and app.feedback_html.value == ""
    app.scenario_choice.value = "eerste-gesprek"
    assert app.spel is None and len(app.widget.children) == 7


def test_a_broken_trainer_file_does_not_stop_the_app(tmp_path, monkeypatch):
    (tmp_path / "kapot.yaml").write_text("id: kapot\n", encoding="utf-8")
    monkeypatch.setenv("WIJKTEAM_SCENARIOS", str(tmp_path))
    app = ScenarioApp()
    assert "kapot" in app.messages.html.value and "kapot" not in [v for _t, v in app.scenario_choice.options]


@pytest.mark.parametrize(
    "scenario_id", ["eerste-gesprek", "intake-regiecheck", "plan-naar-waakvlam", "zorgen-om-een-kind"]
)
def test_worst_route_also_reaches_a_debrief(scenario_id):
    app = ScenarioApp(scenario=scenario_id)
    app.start_button.click()
    for _ in range(40):
        if not app.choice_buttons:
            break
        app.choice_buttons[-1].click()
    assert "Debrief" in app.debrief_html.value
