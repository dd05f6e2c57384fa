"""The competence scan app driven headless: build the view on a store in tmp_path, set values, click, check."""

import base64
import datetime as dt
import html
import json

import ipywidgets as widgets
import pytest

from wijkteam_kit.competenties import SOORT_DELEN, SOORT_PLAN, SOORT_SCAN, WEET_IK_NIET, load_framework
from wijkteam_kit.groepssessie import PersoonlijkeCodes
from wijkteam_kit.store import Store
from wijkteam_kit.ui.competentie_scan import CompetentieScan

TODAY = dt.date(2024, 3, 1)
FW = load_framework("movisie-2017")  # the smallest framework: 7 competences, 25 indicators
EVIL = "<img src=x onerror=alert(1)>"
# hand-chosen answers: scores 5,0 / 2,0 / 3,5 / 3,0 / 3,0 / 3,0 / 3,0
ANSWERS = {
    "contact_relaties": [5, 5, 5, 5],
    "signaleren_agenderen": [2, 2, WEET_IK_NIET],
    "eigen_regie": [4, 4, 4, 2],
}


# The herstelcode each name got at its first scan in the current test (the person writes it down).
CODES: dict[str, str] = {}


@pytest.fixture()
def store(tmp_path):
    CODES.clear()
    s = Store(tmp_path / "scan.db")
    yield s
    s.close()


@pytest.fixture()
def team(store):
    return store.create_team("Team Noord", "koffie-om-tien")


def new_app(store):
    return CompetentieScan(store, today=TODAY)


def _key(name):
    return " ".join(name.split()).casefold()


def start(app, name, code=None, role="zelf", about=None, framework="movisie-2017", share=False, herstel=None):
    """Fill in step 1 and start; the herstelcode the name got earlier in this test is typed in too."""
    app.show_start()
    app.name_input.value = name
    app.code_input.value = CODES.get(_key(name), "") if herstel is None else herstel
    app.team_input.value = code or ""
    app.framework_choice.value = framework
    app.role_choice.value = role
    app.share_choice.value = share
    if about is not None:
        app.colleague_choice.value = dict(app.colleague_choice.options)[about]
    app.start_button.click()
    if app.code_input.value and _key(name) not in CODES and app.person is not None:
        CODES[_key(name)] = app.code_input.value


def fill(app, default=3, answers=ANSWERS):
    for comp in app.framework.competences:
        values = answers.get(comp.id, [default] * len(comp.indicators))
        for indicator, value in zip(comp.indicator_ids, values, strict=True):
            app.answer(indicator, value)


def msg(box):
    """The text of a message box (the box escapes it for HTML)."""
    return html.unescape(box.html.value)


def all_html(widget):
    """Every HTML/label text inside a widget tree."""
    out = []
    if isinstance(widget, widgets.HTML):
        out.append(widget.value)
    for child in getattr(widget, "children", ()):
        out.append(all_html(child))
    return "\n".join(out)


def test_building_the_app_writes_nothing(tmp_path):
    CompetentieScan(tmp_path / "later.db")
    assert not (tmp_path / "later.db").exists()  # the store opens at the first click that needs it


def test_framework_choice_shows_name_counts_and_description(store):
    app = new_app(store)
    labels = dict((v, k) for k, v in app.framework_choice.options)
    assert labels["movisie-2017"] == "Generieke competenties wijkteams (7 competenties, 25 vragen)"
    assert labels["wmo-wijzer"].endswith("(19 competenties, 43 vragen)")
    app.framework_choice.value = "movisie-2017"
    assert FW.description[:40] in app.framework_text.value


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kim 111222333", "BSN (111222333)"),
        ("Kim 06-12345678", "telefoonnummer"),
        ("  ", "Vul eerst je naam in"),
    ],
)
def test_refused_names_save_nothing(store, name, expected):
    app = new_app(store)
    start(app, name)
    assert expected in msg(app.messages)
    assert store.participants() == []
    assert app.body.children == (app.start_page,)


def test_unknown_team_code_is_refused(store, team):
    app = new_app(store)
    start(app, "Kim", code="ZZZZZZ")
    assert "Teamcode ZZZZZZ kennen we niet" in msg(app.messages)
    assert store.participants() == []


def test_full_self_scan_pages_progress_and_result(store, team):
    app = new_app(store)
    start(app, "Kim", code=team.lower())  # a team code typed in lower case works
    assert "Welkom, Kim! Je bent nieuw in team" in msg(app.messages)
    assert store.team(team).naam in msg(app.messages) and team not in msg(app.messages)  # the name, not the code
    q = app.questionnaire
    assert "Competentie 1 van 7" in q.progress.value and "0 van 25 vragen" in q.progress.value
    assert "Contact en betekenisvolle relaties" in all_html(q.questions)
    assert q.prev_button.disabled and not q.next_button.disabled
    for indicator in FW.competence("contact_relaties").indicator_ids:
        app.answer(indicator, 5)
    q.next_button.click()
    assert "Competentie 2 van 7" in q.progress.value and "4 van 25 vragen" in q.progress.value

    app.submit_button.click()  # too early: names what is missing and jumps to the first open competence
    warning = app.messages.html.value
    assert (
        "Nog niet ingevuld: Signaleren en agenderen (3 vragen), Eigen regie ondersteunen (4 vragen)"
        in warning
    )
    assert "Verschillende beroepsrollen (4 vragen)" in warning and "Contact en betekenisvolle" not in warning
    assert q.page == 1 and store.submissions() == []

    fill(app)
    q.show_page(6)
    assert q.next_button.disabled
    app.submit_button.click()
    (saved,) = store.submissions(SOORT_SCAN)
    kim = store.participants(team=team)[0]
    assert (saved.deelnemer_id, saved.over_id, saved.rol) == (kim.id, kim.id, "zelf")
    assert saved.payload["antwoorden"]["signaleren_agenderen_3"] == {"waarde": None, "voorbeeld": ""}
    assert saved.payload["antwoorden"]["eigen_regie_4"]["waarde"] == 2
    scores = app.result.scores
    assert (scores["contact_relaties"].score, scores["contact_relaties"].phase) == (5.0, "vakvolwassen")
    assert (scores["signaleren_agenderen"].score, scores["signaleren_agenderen"].phase) == (
        2.0,
        "startbekwaam",
    )
    assert (scores["eigen_regie"].score, scores["eigen_regie"].phase) == (3.5, "vakbekwaam")
    table = app.result.table.value
    assert "<td>3,5</td>" in table and "gemiddeld 2,0 over 2 van 3 indicatoren" in table
    assert table.count("te weinig beoordelaars") == 7
    assert "Je scan is bewaard" in msg(app.messages)
    page = all_html(app.body)
    assert page.count('class="wk-download"') == 4  # PNG, SVG, PDF and CSV
    assert "Schrijf een ontwikkeldoel" in page
    radar = next(w for w in app.result.widget.children if "wk-radar" in w._dom_classes)
    assert "alt='Radar van de scores per competentie" in radar.value
    assert radar.value.count("src='data:image/png;base64,iVBORw0KGgo") == 1
    gids = [line.get_gid() for line in app.result.figure().axes[0].lines if line.get_gid()]
    assert gids == ["radar-zelf"]  # no previous scan, no colleagues


def test_example_with_phone_number_warns_and_is_not_saved(store):
    app = new_app(store)
    start(app, "Kim")
    fill(app)
    app.answer("eigen_regie_2", 4, "Belde haar op 06-12345678")
    assert "telefoonnummer" in app.questionnaire.warnings["eigen_regie_2"].value
    app.submit_button.click()
    assert "Pas eerst je voorbeeld aan" in msg(app.messages)
    assert app.questionnaire.page == FW.competence_ids.index("eigen_regie")
    assert store.submissions(SOORT_SCAN) == []
    app.questionnaire.examples["eigen_regie_2"].value = "Belde de dochter (verzonnen)"
    assert app.questionnaire.warnings["eigen_regie_2"].value == ""
    app.submit_button.click()
    (saved,) = store.submissions(SOORT_SCAN)
    assert saved.payload["antwoorden"]["eigen_regie_2"] == {
        "waarde": 4,
        "voorbeeld": "Belde de dochter (verzonnen)",
    }


def test_returning_user_sees_previous_scan_and_growth(store, team):
    first = new_app(store)
    start(first, "Kim", code=team)
    fill(first, default=3, answers={})
    first.submit_button.click()

    again = new_app(store)  # a reload: a new app on the same store
    start(again, " kim ", code=team)
    assert (
        "Welkom terug, Kim. We vonden je vorige scan op Generieke competenties wijkteams van 1 maart 2024"
        in (again.messages.html.value)
    )
    assert len(store.participants()) == 1
    fill(again, default=4, answers={})
    again.submit_button.click()
    result = again.result
    assert result.previous is not None and len(store.submissions(SOORT_SCAN)) == 2
    assert result.growth["eigen_regie"].sentence() == (
        "Eigen regie ondersteunen: gegroeid (+1,0), van 3,0 naar 4,0, van vakbekwaam naar vakvolwassen."
    )
    assert "Groei sinds 1 maart 2024" in all_html(result.widget)
    gids = [line.get_gid() for line in result.figure().axes[0].lines if line.get_gid()]
    assert gids == ["radar-vorige", "radar-zelf"]

    later = new_app(store)
    later.name_input.value, later.code_input.value = "Kim", CODES["kim"]
    later.framework_choice.value = "movisie-2017"
    later.last_button.click()
    assert later.result.scan.value("eigen_regie_1") == 4 and later.result.previous.value("eigen_regie_1") == 3


def test_name_and_team_code_alone_never_open_a_scan(store, team):
    self_scan(store, "Kim", team, default=4)
    stranger = new_app(store)  # a colleague who knows Kim's name and the team code
    stranger.name_input.value, stranger.team_input.value = "Kim", team
    stranger.framework_choice.value = "movisie-2017"
    stranger.last_button.click()
    assert "Vul je herstelcode in" in msg(stranger.messages) and stranger.result is None
    stranger.data_button.click()
    assert "Vul je herstelcode in" in msg(stranger.messages) and stranger.my_data.person is None
    wrong = "000000" if CODES["kim"] != "000000" else "111111"
    stranger.code_input.value = wrong
    stranger.last_button.click()
    assert "horen niet bij elkaar" in msg(stranger.messages) and stranger.result is None
    start(stranger, "Kim", code=team, herstel="")  # starting anew makes another Kim with her own code
    assert stranger.previous is None and "Welkom, Kim! Je bent nieuw" in msg(stranger.messages)
    assert stranger.code_input.value != CODES["kim"] and "wk-code" in stranger.code_note.value
    assert len(store.participants(team=team)) == 2
    for _ in range(10):  # guessing codes is slowed down like every other code of the kit
        stranger.code_input.value = wrong
        stranger.last_button.click()
    assert "Te veel" in msg(stranger.messages) or "te vaak" in msg(stranger.messages)


def test_everything_about_me_can_be_downloaded_and_deleted(store, team):
    self_scan(store, "Kim", team, default=4, share=True)
    self_scan(store, "Ali", team)
    peer_scan(store, "Ali", "Kim", team, 2)
    app = new_app(store)
    app.name_input.value, app.code_input.value = "Kim", CODES["kim"]
    app.data_button.click()
    panel = app.my_data
    assert panel.widget.layout.display == "" and "1 over jou van anderen" in panel.summary.value
    data = json.loads(base64.b64decode(panel.download.value.split("base64,")[1].split('"')[0]))
    kinds = sorted((i["soort"], i["door"]) for i in data["inzendingen"])
    assert kinds == [(SOORT_DELEN, "jij"), (SOORT_SCAN, "een collega"), (SOORT_SCAN, "jij")]
    assert data["deelnemer"]["weergavenaam"] == "Kim" and "scrypt" not in json.dumps(data)
    ali = next(p for p in store.participants() if p.weergavenaam == "Ali")
    assert ali.id not in json.dumps(data)  # who rated Kim is the rater's own data
    panel.delete_button.click()
    assert store.participant(data["deelnemer"]["id"]) is not None  # not without the tick
    panel.confirm.value = True
    panel.delete_button.click()
    assert [p.weergavenaam for p in store.participants()] == ["Ali"]
    assert store.submissions(SOORT_SCAN) == [s for s in store.submissions(SOORT_SCAN) if s.over_id == ali.id]
    assert "Al je gegevens zijn verwijderd" in msg(app.messages) and app.code_input.value == ""


def test_under_a_hub_the_login_is_the_personal_code(store, team):
    app = CompetentieScan(store, today=TODAY, hub_user="kim")
    assert app.name_input.disabled and app.code_input.layout.display == "none"
    app.team_input.value, app.framework_choice.value = team, "movisie-2017"
    app.start_button.click()
    fill(app)
    app.submit_button.click()
    again = CompetentieScan(store, today=TODAY, hub_user="kim")
    again.framework_choice.value = "movisie-2017"
    again.last_button.click()
    assert again.result is not None and again.person.id == app.person.id
    other = new_app(store)  # outside the hub no name and code reach the hub user's scan
    other.name_input.value, other.code_input.value = "kim", "123456"
    other.last_button.click()
    assert other.result is None
    assert PersoonlijkeCodes(store).for_hub_user("bo").id != app.person.id


def self_scan(store, name, code, default=3, answers=None, share=False):
    app = new_app(store)
    start(app, name, code=code, share=share)
    fill(app, default=default, answers=answers or {})
    app.submit_button.click()
    return app


def peer_scan(store, rater, about, code, value):
    app = new_app(store)
    start(app, rater, code=code, role="collega", about=about)
    fill(app, default=value, answers={})
    app.submit_button.click()
    assert f"Je feedback over {about} is bewaard" in msg(app.messages)
    return app


def kim_result(store, code):
    app = new_app(store)
    app.name_input.value, app.team_input.value, app.framework_choice.value = "Kim", code, "movisie-2017"
    app.code_input.value = CODES["kim"]
    app.last_button.click()
    return app.result


def test_two_colleagues_show_no_peer_numbers_three_do(store, team):
    self_scan(store, "Kim", team, default=4)
    for name in ("Ali", "Bo", "Cas"):
        self_scan(store, name, team)
    peer_scan(store, "Ali", "Kim", team, 2)
    peer_scan(store, "Bo", "Kim", team, 3)
    peer_scan(store, "Ali", "Kim", team, 2)  # Ali again: still two raters
    result = kim_result(store, team)
    assert result.feedback.peer_total == 2 and not result.feedback.peers_shown
    assert "te weinig beoordelaars (2 van de minstens 3)" in all_html(result.widget)
    assert "beoordelaars)" not in result.table.value  # no peer number anywhere
    assert "radar-collegas" not in [line.get_gid() for line in result.figure().axes[0].lines]

    peer_scan(store, "Cas", "Kim", team, 4)
    result = kim_result(store, team)
    assert result.feedback.peers_shown and result.feedback.peer_total == 3
    row = result.feedback.row("eigen_regie")
    assert (row.peer_mean, round(row.peer_sd, 3), row.peer_count) == (3.0, 0.816, 3)
    assert "3,0 <span class='wk-klein'>(spreiding 0,8, 3 beoordelaars)</span>" in result.table.value
    assert "radar-collegas" in [line.get_gid() for line in result.figure().axes[0].lines]
    kim = next(p for p in store.participants() if p.weergavenaam == "Kim")
    peers = store.submissions(SOORT_SCAN, over_id=kim.id, rol="collega")
    assert len(peers) == 4 and kim.id not in {p.deelnemer_id for p in peers}


def test_feedback_needs_a_team_and_lists_colleagues_but_not_yourself(store, team):
    self_scan(store, "Kim", team)
    app = new_app(store)
    app.name_input.value = "Ali"
    app.role_choice.value = "collega"
    assert app.colleague_box.layout.display == ""
    assert "Vul de teamcode in" in app.colleague_hint.value
    app.start_button.click()
    assert "Feedback geven kan alleen binnen een team" in msg(app.messages)
    app.team_input.value = team
    assert [label for label, _ in app.colleague_choice.options] == ["Kim"]
    app.name_input.value = "Kim"
    app.team_input.value = ""
    app.team_input.value = team
    assert app.colleague_choice.options == ()  # Kim does not rate Kim
    app.role_choice.value = "zelf"
    assert app.colleague_box.layout.display == "none"


def test_development_plan_is_saved_and_listed(store):
    app = self_scan(store, "Kim", None)
    result = app.result
    assert result.plan_competence.value == "contact_relaties"  # all equal: the first lowest competence
    result.plan_competence.value = "eigen_regie"
    result.plan_button.click()
    assert "Schrijf een doel op" in msg(result.plan_messages)
    assert store.submissions(SOORT_PLAN) == []
    result.plan_goal.value = "Het <b>huishouden</b> bedenkt zelf de eerste oplossing."
    result.plan_actions.value = "Vraag eerst: wat heeft u al geprobeerd?\n\n  Intervisie in juni  "
    result.plan_date.value = dt.date(2024, 6, 1)
    result.plan_button.click()
    (plan,) = store.submissions(SOORT_PLAN)
    assert plan.payload == {
        "kader": "movisie-2017",
        "competentie": "eigen_regie",
        "doel": "Het <b>huishouden</b> bedenkt zelf de eerste oplossing.",
        "acties": ["Vraag eerst: wat heeft u al geprobeerd?", "Intervisie in juni"],
        "datum": "2024-06-01",
    }
    assert "Je ontwikkeldoel is bewaard" in msg(result.plan_messages)
    assert (
        "Het &lt;b&gt;huishouden&lt;/b&gt;" in result.plan_list.value and "<b>" not in result.plan_list.value
    )
    result.plan_date.value = dt.date(2024, 2, 1)
    result.plan_goal.value, result.plan_actions.value = "Doel", "Actie"
    result.plan_button.click()
    assert "ligt niet in de toekomst" in msg(result.plan_messages)
    assert len(store.submissions(SOORT_PLAN)) == 1


def test_team_view_wrong_secret_shows_nothing_right_secret_the_profile(store, team):
    self_scan(store, "Kim", team, default=4, share=True)
    self_scan(store, EVIL, team, default=2, answers={"contact_relaties": [5, 5, 5, 5]}, share=True)
    view = new_app(store).team
    view.open_code.value, view.open_secret.value = team, "fout-geheim"
    view.open_button.click()
    assert "Teamcode of geheim klopt niet" in msg(view.messages)
    assert view.output.children == () and view.profile is None and view.team is None

    view.open_secret.value = "koffie-om-tien"
    view.framework_choice.value = "movisie-2017"
    view.open_button.click()
    assert view.messages.html.value == ""
    profile = view.profile
    assert profile.members == ("Kim", EVIL)
    assert profile.score("Kim", "eigen_regie") == 4.0 and profile.score(EVIL, "eigen_regie") == 2.0
    page = all_html(view.output)
    assert "2 van de 2 deelnemers hebben een zelfscan gedaan" in page
    assert "2 van hen delen de uitslag met naam" in page and "verschijnt vanaf 3 zelfscans" in page
    assert "Eigen regie ondersteunen: van 2,0 tot 4,0 (spreiding 1,0); sterkst: Kim." in page
    assert "<img src=x" not in page
    assert "sterkst: &lt;img src=x onerror=alert(1)&gt;." in page  # the strongest on contact_relaties
    images = [w for w in view.output.children if "<figure" in getattr(w, "value", "")]
    assert [sorted(w._dom_classes) for w in images] == [["wk-heatmap"], ["wk-complementariteit"]]
    assert page.count('class="wk-download"') == 7  # 2 figures × PNG/SVG/PDF and the team CSV

    view.set_targets({"eigen_regie": 4.5, "contact_relaties": 4.5})
    view.save_targets_button.click()
    assert store.team(team).doelprofiel == {"movisie-2017": {"eigen_regie": 4.5, "contact_relaties": 4.5}}
    assert view.targets["eigen_regie"].value == 4.5 and view.targets["beroepsrollen"].value == 0.0
    gaps = {g.competence: g for g in view.profile.gaps}
    assert gaps["eigen_regie"].gap == pytest.approx(1.5) and gaps["contact_relaties"].reached_by == (EVIL,)
    assert "Het doel tegenover het team zie je vanaf drie zelfscans" in all_html(view.output)


def test_team_view_names_only_who_shares_and_shows_the_team_as_a_whole(store, team):
    self_scan(store, "Kim", team, default=4, share=True)
    self_scan(store, "Zoë", team, default=2)  # does not share
    self_scan(store, "Fenna", team, default=3)  # does not share
    peer = new_app(store)
    start(peer, "Ali", code=team, role="collega", about="Zoë")  # a rater without a self scan of their own
    view = new_app(store).team
    view.open_code.value, view.open_secret.value = team, "koffie-om-tien"
    view.framework_choice.value = "movisie-2017"
    view.open_button.click()
    page = all_html(view.output)
    assert view.profile.members == ("Kim",) and view.beeld.hidden == 2
    assert "Zoë" not in page and "Fenna" not in page and "Kim" in page
    assert "3 van de 4 deelnemers hebben een zelfscan gedaan" in page
    assert (
        "Eigen regie ondersteunen: gemiddeld 3,0, van 2,0 tot 4,0 (spreiding 0,8); 1 van de 3 scoort 4,0 of"
        in (page)
    )
    csv = base64.b64decode(page.split('download="team-')[1].split("base64,")[1].split('"')[0])
    assert "Zoë".encode() not in csv and b"Kim" in csv
    view.set_targets({"eigen_regie": 3.5})
    view.save_targets_button.click()
    assert (
        "Eigen regie ondersteunen: het team zit gemiddeld op 3,0, 0,5 onder het doel 3,5; 1 van de 3 haalt"
        in (all_html(view.output))
    )
    # Kim stops sharing at her next scan: from then on nobody is named
    start(new_app(store), "Kim", code=team, share=False)
    view.render()
    assert view.profile.members == () and "Kim" not in all_html(view.output).replace("Team Noord", "")
    assert "Niemand deelt de uitslag met naam" in all_html(view.output)


def test_team_view_creates_a_team_and_shows_its_code(store):
    view = new_app(store).team
    view.team_name.value, view.new_secret.value = "Team <Zuid>", "kort"
    view.create_button.click()
    assert "minstens 6 tekens" in msg(view.messages) and store.participants() == []
    view.new_secret.value = "lang-genoeg"
    view.create_button.click()
    code = view.open_code.value
    assert store.verify_team_secret(code, "lang-genoeg") and store.team(code).naam == "Team <Zuid>"
    assert f"<strong class='wk-code'>{code}</strong>" in view.created.value
    assert "Team &lt;Zuid&gt;" in view.created.value and view.new_secret.value == ""
    view.open_secret.value = "lang-genoeg"
    view.open_button.click()
    assert view.profile.members == () and "Nog niemand heeft een zelfscan gedaan" in all_html(view.output)


def test_display_name_with_html_is_escaped_everywhere(store, team):
    app = new_app(store)
    start(app, EVIL, code=team)
    assert "Welkom, &lt;img src=x onerror=alert(1)&gt;!" in app.messages.html.value
    fill(app, answers={})
    app.submit_button.click()
    assert "<img src=x" not in all_html(app.widget)  # the only <img> is the radar, with its alt text
    peer = new_app(store)
    start(peer, "Ali", code=team, role="collega", about=EVIL)
    fill(peer, answers={})
    peer.submit_button.click()
    assert "<img src=x" not in all_html(peer.widget) and "&lt;img src=x onerror=alert(1)&gt;" in all_html(
        peer.widget
    )


def test_leader_feedback_is_saved_with_its_role_and_shown_apart(store, team):
    self_scan(store, "Kim", team, default=4)
    self_scan(store, "Lotte", team)
    app = new_app(store)
    start(app, "Lotte", code=team, role="leidinggevende", about="Kim")
    fill(app, default=2, answers={})
    app.submit_button.click()
    kim = next(p for p in store.participants() if p.weergavenaam == "Kim")
    (saved,) = store.submissions(SOORT_SCAN, rol="leidinggevende")
    assert saved.over_id == kim.id and saved.payload["rol"] == "leidinggevende"
    result = kim_result(store, team)
    assert result.feedback.row("eigen_regie").leader_score == 2.0
    assert "<th>Leidinggevende</th>" in result.table.value and not result.feedback.peers_shown


def test_stopping_saves_nothing_and_navigation_clears_old_messages(store):
    app = new_app(store)
    start(app, "Kim")
    app.submit_button.click()
    assert "Nog niet ingevuld" in msg(app.messages)
    app.questionnaire.next_button.click()
    assert app.messages.html.value == "" and app.questionnaire.page == 1
    app.stop_button.click()
    assert "er is niets bewaard" in msg(app.messages)
    assert app.body.children == (app.start_page,) and store.submissions() == []
