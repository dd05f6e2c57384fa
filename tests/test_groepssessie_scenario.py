"""Group sessions on a scenario: the analysis, the trainer's panel and dashboard, and a participant's app."""

from __future__ import annotations

import base64
import re

import pytest

from wijkteam_kit.document import Kop, Tabel, to_markdown
from wijkteam_kit.errors import GroepssessieError, WijkteamError
from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.groepssessie.analyse import groep, scenario_groep, scenario_handout
from wijkteam_kit.scenario import Spel, load_scenario
from wijkteam_kit.store import Store
from wijkteam_kit.ui.groepssessie import GroepssessieDashboard
from wijkteam_kit.ui.groepssessie.scenario import ScenarioPaneel, scenario_route_csv
from wijkteam_kit.ui.scenario import ScenarioApp

SID = "zorgen-om-een-kind"


def route(*choices: int, finish: bool = True) -> dict:
    spel = Spel(load_scenario(SID))
    for c in choices:
        spel.kies(c)
    if finish:
        spel.speel_aanbevolen()
    return spel.payload()


def downloads(html: str) -> dict[str, bytes]:
    return {
        name: base64.b64decode(data)
        for name, data in re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html)
    }


# --------------------------------------------------------------------------- analysis


def test_counts_split_and_agenda():
    s = load_scenario(SID)
    answers = [
        ("Ans", route()),
        ("Bo", route(2)),  # school's business first, then back on track
        ("Cor", route(1)),  # question the child
        ("Dirk", route(0, 0, 2)),  # report at once without talking
        ("Eva", route(finish=False)),  # nothing chosen yet
    ]
    g = scenario_groep(s, answers)
    first = g.per_moment[0]
    assert first.moment.id == "signaal" and first.aantal == 4
    assert [k.aantal for k in first.keuzes] == [2, 1, 1] and first.verdeeld
    assert g.onderweg == 1 and g.deelnemers == 5
    consultatie = next(c for c in g.per_moment if c.moment.id == "consultatie")
    assert consultatie.aantal == 4 and [k.aantal for k in consultatie.keuzes] == [3, 0, 1]
    assert not consultatie.verdeeld  # 3 of 4 is more than two thirds
    assert g.agenda[0].moment.id == "signaal" and "verdeeld" in g.agenda[0].reden
    assert all(k.namen == () for c in g.per_moment for k in c.keuzes)  # no names unless asked
    named = scenario_groep(s, answers, met_namen=True)
    assert named.per_moment[0].keuzes[0].namen == ("Ans", "Dirk")
    assert {m.id: n for m, n, _w in g.eindes} == {"debrief-veilig": 4}


def test_unreadable_and_foreign_answers_are_skipped_not_fatal():
    s = load_scenario(SID)
    g = scenario_groep(
        s,
        [
            ("A", "geen dict"),
            ("B", {"route": 5}),
            ("C", {"scenario": "eerste-gesprek", "route": []}),
            ("D", route()),
        ],
    )
    assert [n for n, _r in g.overgeslagen] == ["A", "B", "C"] and g.deelnemers == 1


def test_a_majority_off_the_recommended_route_is_on_the_agenda():
    s = load_scenario(SID)
    g = scenario_groep(s, [("A", route(1)), ("B", route(1)), ("C", route(1))])
    assert g.agenda[0].moment.id == "signaal" and "3 van 3 kozen niet de aanbevolen weg" in g.agenda[0].reden
    assert "Veiligheid van een kind" not in g.agenda[0].reden  # the principle of the *recommended* choice
    assert "De vijf stappen van de meldcode" in g.agenda[0].reden


def test_handout_document_with_and_without_names():
    s = load_scenario(SID)
    answers = [("Ans", route()), ("Bo", route(1))]
    doc = scenario_handout(scenario_groep(s, answers))
    heads = [b.tekst for b in doc.blokken if isinstance(b, Kop)]
    assert {"Hoe het afliep", "Bespreekpunten", "Per moment", "Vragen voor intervisie"} <= set(heads)
    assert "Ans" not in to_markdown(doc)
    named = scenario_handout(scenario_groep(s, answers, met_namen=True))
    tables = [b for b in named.blokken if isinstance(b, Tabel) and "Wie" in b.kolommen]
    assert tables and "Ans" in to_markdown(named)


def test_groep_dispatch_points_to_scenario_groep():
    from wijkteam_kit.casus import load_library

    with pytest.raises(WijkteamError, match="scenario_groep"):
        groep(load_library()[0], "scenario", [])


def test_route_csv_is_guarded():
    s = load_scenario(SID)
    text = scenario_route_csv(s, [("=1+1", route()), ("Bo", {"route": "x"})]).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("deelnemer;afloop;De school belt")
    assert lines[1].startswith("'=1+1;Debrief: zorgvuldig en samen;1;")
    assert lines[2].startswith("Bo;nog onderweg")


# --------------------------------------------------------------------------- sessions, panel, dashboard


def test_create_a_scenario_session_and_refuse_an_unknown_scenario():
    sessies = Groepssessies(Store(":memory:"))
    new = sessies.create(SID, "scenario")
    assert new.sessie.oefening == "scenario" and new.sessie.casus_id == SID
    with pytest.raises(GroepssessieError, match="Scenario 'mantelzorg-dementie': bestaat niet; kies uit"):
        sessies.create("mantelzorg-dementie", "scenario")


def test_panel_hides_names_until_reveal_and_exports_handout():
    sessies = Groepssessies(Store(":memory:"))
    new = sessies.create(SID, "scenario")
    access = sessies.as_trainer(new.sessie.code, new.geheim, client=Client("t"))
    panel = ScenarioPaneel(access, load_scenario(SID))
    assert "Zodra iemand een debrief bereikt" in panel.result.value
    for name, payload in [("Kim <b>", route()), ("Ali", route(1))]:
        joined = sessies.join(new.sessie.code, name, client=Client(name[:3]))
        sessies.submit(new.sessie.code, joined.deelname.deelnemer_id, payload)
    panel.refresh()
    html = panel.result.value
    assert "Hoe de groep koos" in html and "koos verdeeld" in html and "Bespreekpunten" in html
    assert "Kim" not in html and "Ali" not in html
    assert "Kim &lt;b&gt;" in panel.participants.value  # who joined is visible, not who chose what
    panel.reveal_button.click()
    assert "Kim &lt;b&gt;" in panel.result.value and "<b>" not in panel.result.value.replace("<b>Kim", "")
    panel.export_button.click()
    files = downloads(panel.downloads.value)
    stem = f"sessie-{new.sessie.code}"
    assert files[f"{stem}-hand-out.pdf"].startswith(b"%PDF")
    assert "Kim <b>" in files[f"{stem}.csv"].decode("utf-8-sig")


def test_dashboard_creates_a_scenario_session():
    app = GroepssessieDashboard(Store(":memory:"))
    assert app.scenario_choice.layout.display == "none"
    app.exercise_choice.value = "scenario"
    assert app.scenario_choice.layout.display is None and app.casus_choice.layout.display == "none"
    app.scenario_choice.value = "plan-naar-waakvlam"
    app.create_button.click()
    assert isinstance(app.panel, ScenarioPaneel)
    assert app.panel.access.sessie.casus_id == "plan-naar-waakvlam"
    assert "scenario.ipynb?sessie=" in app.created.value and "feedback=einde" in app.created.value


# --------------------------------------------------------------------------- a participant in the app


def test_participant_plays_the_session_scenario_hands_in_and_sees_the_group():
    store = Store(":memory:")
    sessies = Groepssessies(store)
    new = sessies.create(SID, "scenario")
    code = new.sessie.code
    other = sessies.join(code, "Ali", client=Client("ali"))
    sessies.submit(code, other.deelname.deelnemer_id, route(1))

    app = ScenarioApp(store, environ={"QUERY_STRING": f"sessie={code}&feedback=einde"})
    assert app.feedback_mode.value == "einde"
    assert app.sessie.code_input.value == code
    app.sessie.name_input.value = "Kim"
    app.sessie.join_button.click()
    assert app.scenario_choice.value == SID and app.scenario_choice.disabled
    app.play_recommended()
    assert "Je route is ingeleverd bij de sessie" in app.messages.html.value
    assert (
        sessies.own_submission(code, app.sessie.aanmelding.deelname.deelnemer_id).payload["einde"]
        == "debrief-veilig"
    )

    assert app.sessie.refresh() is False  # not revealed yet
    access = sessies.as_trainer(code, new.geheim, client=Client("t"))
    access.reveal()
    assert app.sessie.refresh() is True
    group = app.sessie.group.value
    assert "Groepsuitkomst · 2 routes" in group and "← jij" in group
    assert "Ali" not in group  # participants never see other people's names


def test_a_participant_in_a_zrm_session_is_sent_to_the_right_app():
    sessies = Groepssessies(Store(":memory:"))
    new = sessies.create("mantelzorg-dementie", "zrm")
    app = ScenarioApp(lambda: None, environ={})
    app.sessie._sessies = sessies
    app.sessie.code_input.value = new.sessie.code
    app.sessie.name_input.value = "Kim"
    app.sessie.join_button.click()
    assert "niet in deze app" in app.sessie.banner.value and not app.sessie.joined
