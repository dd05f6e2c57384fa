"""The ZRM app driven headless: build the view, set values, click, check what it shows."""

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.ui.zrm_oefening.app import LADDER_STEP, NVT, ZrmOefening


@pytest.fixture()
def app():
    a = ZrmOefening()
    a.casus_choice.value = "administratie-taal"
    a.start_button.click()
    return a


def _score_like_reference(app, change=None):
    ref = app.casus.reference_assessment()
    for domain_id, level in ref.levels().items():
        app.choose_level(domain_id, (change or {}).get(domain_id, NVT if level is None else level))
    app.ladder.value = app.casus.participatieladder.trede


def test_reading_the_casus_shows_story_and_network():
    a = ZrmOefening()
    assert a.casus_choice.value == load_library()[0].id  # a casus is chosen from the start
    assert load_library()[0].titel in a.casus_text.value
    a.casus_choice.value = "mantelzorg-dementie"
    casus = next(c for c in a.library if c.id == "mantelzorg-dementie")
    assert casus.titel in a.casus_text.value
    assert casus.netwerk.personen[0].naam in a.casus_text.value
    assert len(a.casus_choice.options) == len(load_library())


def test_descriptors_of_the_current_domain_are_shown(app):
    app.show_step("financien")
    domain = app.version.domain("financien")
    assert domain.descriptor(3)[0] in app.domain_text.value
    app.level_choice.value = 3
    assert "wk-gekozen" in app.domain_text.value
    assert app.nav.children[0].description.startswith("✓ Financiën: 3")


def test_groningen_leefgebieden_borrow_the_zrm2013_descriptors():
    from wijkteam_kit.zrm import load_version

    a = ZrmOefening()
    a.casus_choice.value = "groningen-vader-jongerenoverlast"
    a.start_button.click()
    assert a.version.id == "groningen" and not a.version.has_descriptors
    a.show_step("financieel_functioneren")  # one ZRM 2013 source: its descriptors, without a prefix
    assert "ZRM 2013 (Financiën)" in a.domain_text.value
    assert load_version("zrm2013").domain("financien").descriptor(2)[0] in a.domain_text.value
    a.show_step("psychisch")  # two sources: each descriptor names its domain
    assert "Verslaving: " in a.domain_text.value and "Geestelijke gezondheid: " in a.domain_text.value
    a.show_step("overlast")  # no source: only the labels, and a note saying so
    assert "geen ZRM-domein als bron" in a.domain_text.value and "<li>" not in a.domain_text.value
    _score_like_reference(a)
    a.submit_button.click()
    assert a.result.n_different == 0


def test_submit_with_missing_domains_lists_them(app):
    app.choose_level("financien", 3)
    app.submit_button.click()
    assert "Nog niet gescoord" in app.messages.html.value and "Justitie" in app.messages.html.value
    assert "Participatieladder" in app.messages.html.value
    assert app.result is None


def test_scoring_like_the_reference_gives_no_differences(app):
    _score_like_reference(app)
    app.submit_button.click()
    assert app.result.n_different == 0
    assert app.messages.html.value == ""


def test_two_changed_domains_are_listed_with_the_reference_rationale(app):
    ref = app.casus.reference_assessment()
    changed = {"financien": 5, "justitie": NVT if ref.level("justitie") is not None else 3}
    _score_like_reference(app, changed)
    app.submit_button.click()
    assert app.result.n_different == 2
    assert {d.domain_id for d in app.result.differences} == {"financien", "justitie"}
    result_html = " ".join(
        getattr(w, "value", "")
        for w in app.body.children[0].children
        if hasattr(w, "value") and isinstance(w.value, str)
    )
    assert "2 domeinen verschillen" in result_html
    assert ref.scores["financien"].note[:40].replace("'", "&#x27;") in result_html


def test_motivation_is_kept_per_domain_and_escaped(app):
    app.show_step("financien")
    app.note.value = "<script>alert('x')</script> twijfel tussen 2 en 3"
    app.show_step("adl")
    assert app.note.value == ""
    app.show_step("financien")
    assert app.note.value.startswith("<script>")
    _score_like_reference(app, {"financien": 2})
    app.rater.value = "<img src=x onerror=alert(1)>"
    app.submit_button.click()
    html = str([getattr(w, "value", "") for w in app.body.children[0].children])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html


def test_privacy_warning_for_bsn_in_motivation(app):
    app.show_step("financien")
    app.note.value = "BSN van meneer: 111222333"
    assert "lijkt op een BSN" in app.note_warning.value
    app.note.value = "gewoon een notitie"
    assert app.note_warning.value == ""


def test_restart_clears_everything(app):
    _score_like_reference(app)
    app.submit_button.click()
    restart = app.body.children[-1]
    restart.click()
    assert app.body.children == (app.choose_page,)
    app.start_button.click()
    assert all(v is None for v in app.levels.values()) and app.ladder.value is None


def test_ladder_step_and_navigation(app):
    app.show_step(app.version.domain_ids[-1])
    app.next_button.click()
    assert app.current == LADDER_STEP and app.next_button.disabled
    app.ladder.value = 1
    assert "Geïsoleerd" in app.ladder_text.value
    app.prev_button.click()
    assert app.current == app.version.domain_ids[-1]


def test_error_in_a_callback_is_shown_not_swallowed(app, monkeypatch):
    _score_like_reference(app)

    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr("wijkteam_kit.ui.zrm_oefening.app.feedback", broken)
    app.submit_button.click()
    assert "Er ging iets mis" in app.messages.html.value
    assert app.levels["financien"] is not None  # nothing the user entered is lost


def test_broken_library_gives_a_clear_message(tmp_path, monkeypatch):
    (tmp_path / "kapot.yaml").write_text("id: [\n", encoding="utf-8")
    monkeypatch.setenv("WIJKTEAM_CASUSES", str(tmp_path))
    a = ZrmOefening()
    assert "casusbibliotheek kon niet geladen worden" in a.messages.html.value
    assert "kapot.yaml" in a.messages.html.value
    assert a.start_button.disabled


def test_follow_up_is_shown_only_after_scoring():
    a = ZrmOefening()
    a.casus_choice.value = "mantelzorg-dementie"
    casus = next(c for c in a.library if c.id == "mantelzorg-dementie")
    assert casus.vervolg and casus.vervolg[:40] not in a.casus_text.value
    a.start_button.click()
    _score_like_reference(a)
    a.submit_button.click()
    shown = " ".join(
        getattr(w, "value", "")
        for w in a.body.children[0].children
        if isinstance(getattr(w, "value", None), str)
    )
    assert "Hoe het verderging" in shown and casus.vervolg[:40] in shown


def test_result_offers_score_line_and_excel_csv(app):
    import base64
    import csv
    import io
    import re

    from wijkteam_kit.zrm import scores_from_line

    _score_like_reference(app, {"financien": 5})
    app.note.value = ""
    app.show_step("financien")
    app.note.value = "Twijfel; zie brieven"
    app.submit_button.click()
    shown = " ".join(
        getattr(w, "value", "")
        for w in app.body.children[0].children
        if isinstance(getattr(w, "value", None), str)
    )
    line = re.search(r"<code class='wk-scoreregel'>([^<]*)</code>", shown).group(1)
    assert scores_from_line(app.version, line)["financien"] == 5  # the line round-trips into the calibration
    href = re.search(
        r'download="zrm-administratie-taal-scores.csv" href="data:text/csv;base64,([^"]+)"', shown
    )
    data = base64.b64decode(href.group(1))
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + len(app.version.domains) + 1
    financien = next(r for r in rows if r[4] == "financien")
    assert financien[5] == "Financiën" and financien[6] == "5" and financien[9] == "Twijfel; zie brieven"


def test_feedback_sentences():
    from wijkteam_kit.zrm import feedback

    casus = next(c for c in load_library() if c.id == "administratie-taal")
    ref = casus.reference_assessment()
    from wijkteam_kit.zrm import Assessment

    same = feedback(ref, casus)
    assert same.count_sentence() == "Precies gelijk: je scoorde alle 11 domeinen zoals de referentie."
    scores = {d: s.level for d, s in ref.scores.items()} | {"financien": 5}
    one = feedback(Assessment.build(casus.version(), casus.id, "x", scores, ladder=4), casus)
    assert one.count_sentence() == "1 domein verschilt van de referentie; 10 van de 11 scoorde je gelijk."
    assert (
        one.ladder_sentence()
        == f"Op de participatieladder koos jij trede 4, de referentie trede {ref.ladder}."
    )
    assert one.differences[0].verdict.endswith("hoger")
