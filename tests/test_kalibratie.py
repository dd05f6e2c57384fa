import pytest
from matplotlib.colors import to_hex

from wijkteam_kit.casus import load_casus
from wijkteam_kit.draw.kalibratie import calibration_figure
from wijkteam_kit.draw.zrm_profiel import LEVEL_COLOURS
from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm import calibrate, example_score_lines, scores_from_line

from .conftest import ROOT

CASUS = load_casus(ROOT / "casuses" / "administratie-taal.yaml")  # ZRM 2013, 11 domains


def test_score_lines_accept_spaces_commas_and_nvt():
    v = CASUS.version()
    levels = scores_from_line(v, "3,2; 4 nvt 3 3 5 3 2 2 5")
    assert list(levels.values()) == [3, 2, 4, None, 3, 3, 5, 3, 2, 2, 5]
    with pytest.raises(ZrmError, match="niveau 7 bestaat niet"):
        scores_from_line(v, "3 2 4 nvt 3 3 5 3 2 2 7")


def test_calibration_agenda_puts_disagreement_first_with_reference_rationale():
    lines = {
        "Anna": "3 2 4 nvt 3 3 5 3 2 2 5",
        "Bram": "3 2 4 nvt 3 3 5 3 2 2 5",
        "Cem": "1 2 4 nvt 3 3 5 3 2 2 5",  # only Financiën differs, by two levels
    }
    ronde = calibrate(CASUS, lines)
    first = ronde.agenda[0]
    assert first.domain_id == "financien" and first.exact == pytest.approx(1 / 3)
    assert first.spread_text == "1× 1, 2× 3"
    assert first.reference == CASUS.reference_assessment().level("financien")
    assert first.rationale == CASUS.reference_assessment().scores["financien"].note
    assert ronde.agenda[-1].domain_id == "huiselijke_relaties" and ronde.agenda[-1].exact is None
    assert ronde.agreement.n_raters == 3


def test_a_bad_line_names_the_participant():
    with pytest.raises(ZrmError, match="Scores van 'Bram': Verwacht 11 niveaus"):
        calibrate(CASUS, {"Anna": "3 2 4 nvt 3 3 5 3 2 2 5", "Bram": "3 2 4"})
    with pytest.raises(ZrmError, match="Geen scores ingevuld"):
        calibrate(CASUS, {})


def test_example_lines_stay_near_the_reference():
    reference = [s.level for s in CASUS.reference_assessment().scores.values()]
    lines = example_score_lines(reference, n_raters=30, seed=5)
    ronde = calibrate(CASUS, lines)
    assert 0.3 < ronde.agreement.exact < 0.8 and ronde.agreement.within_one > 0.75


def test_calibration_figure_has_a_dot_per_rater_per_domain():
    lines = {"Anna": "3 2 4 nvt 3 3 5 3 2 2 5", "Cem": "1 2 4 nvt 3 3 5 3 2 2 4"}
    ronde = calibrate(CASUS, lines)
    fig = calibration_figure(ronde.assessments, CASUS.version(), CASUS.reference_assessment())
    dots = {c.get_gid(): c for c in fig.axes[0].collections if (c.get_gid() or "").startswith("kalibratie-")}
    assert len(dots) == 11
    assert len(dots["kalibratie-financien"].get_offsets()) == 2
    assert len(dots["kalibratie-huiselijke_relaties"].get_offsets()) == 0
    colours = {to_hex(c) for c in dots["kalibratie-financien"].get_facecolors()}
    assert colours == {LEVEL_COLOURS[1], LEVEL_COLOURS[3]}
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert (
        texts.count("0% gelijk") == 2 and "100% gelijk" in texts and "2× n.b." in texts
    )  # financien, justitie


def test_agenda_ranks_a_shared_distance_from_the_reference_as_high_as_disagreement():
    # reference: 3 2 4 nvt 3 3 5 3 2 2 5; everyone scores Dagbesteding 3 (reference 2); Financiën splits 3-3-3-2
    lines = {
        "Anna": "3 3 4 nvt 3 3 5 3 2 2 5",
        "Bram": "3 3 4 nvt 3 3 5 3 2 2 5",
        "Cem": "3 3 4 nvt 3 3 5 3 2 2 5",
        "Dewi": "2 3 4 nvt 3 3 5 3 2 2 5",
    }
    ronde = calibrate(CASUS, lines)
    first, second = ronde.agenda[:2]
    assert (first.domain_id, first.exact, first.soort) == ("dagbesteding", 1.0, "systematisch")
    assert first.offset == pytest.approx(1.0) and first.priority == pytest.approx(1.0)
    assert first.soort_text == "de groep zit samen naast de referentie (gemiddeld 3,0; referentie 2: 1,0 hoger)"
    assert (second.domain_id, second.soort) == ("financien", "oneens")
    assert second.exact == pytest.approx(3 / 6) and second.priority == pytest.approx(0.5 + 0.25)
    assert [item.soort for item in ronde.agenda[2:-1]] == ["eens"] * 8
    assert ronde.agenda[-1].domain_id == "huiselijke_relaties" and ronde.agenda[-1].soort == ""
    # the old order (disagreement only) would have put Dagbesteding, where everyone agrees, at the bottom
    assert ronde.agreement.most_disagreement()[0].domain_id == "financien"


def test_agenda_item_that_is_both_apart_and_away():
    lines = {"Anna": "1 2 4 nvt 3 3 5 3 2 2 5", "Bram": "2 2 4 nvt 3 3 5 3 2 2 5"}
    first = calibrate(CASUS, lines).agenda[0]
    assert (first.domain_id, first.soort) == ("financien", "beide")
    assert "1,5 lager" in first.soort_text and first.priority == pytest.approx(2.0)
