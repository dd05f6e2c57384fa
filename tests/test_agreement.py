import math

import pytest

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm import (
    Assessment,
    krippendorff_alpha_ordinal,
    load_version,
    rater_agreement,
    rater_agreement_matrix,
)

V13 = load_version("zrm2013")


def test_hand_computed_example():
    # Worked out step by step in the module docstring: alpha = 1 - (n-1) * 2 / 198 with n = 6.
    assert krippendorff_alpha_ordinal([[1, 2, 3], [1, 2, 4]]) == pytest.approx(1 - 10 / 198)
    r = rater_agreement_matrix([[1, 2, 3], [1, 2, 4]])
    assert r.exact == pytest.approx(2 / 3)
    assert r.within_one == 1.0


def test_second_hand_computed_example_with_three_raters_and_a_gap():
    # Units: (1,1,2), (3,3,None). Unit 1: m=3, ordered pairs (1,1)x2, (1,2)x2, (2,1)x2, each /2:
    # o11=1, o12=o21=1. Unit 2: m=2: o33=2. n1=2, n2=1, n3=2, n=5.
    # delta2_12 = (2+1-1.5)^2 = 2.25; delta2_13 = (5-2)^2 = 9; delta2_23 = (1+2-1.5)^2 = 2.25.
    # Observed sum = 2*1*2.25 = 4.5. Expected sum = 2*(2*1*2.25 + 2*2*9 + 1*2*2.25) = 2*(4.5+36+4.5) = 90.
    # alpha = 1 - 4*4.5/90 = 0.8
    data = [[1, 3], [1, 3], [2, None]]
    assert krippendorff_alpha_ordinal(data) == pytest.approx(0.8)
    r = rater_agreement_matrix(data)
    assert r.exact == pytest.approx(2 / 4)  # unit 1: 1 of 3 pairs equal; unit 2: 1 of 1
    assert r.within_one == 1.0


def test_published_reference_example_krippendorff_2011():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units;
    # published ordinal alpha 0.815.
    nan = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    assert round(krippendorff_alpha_ordinal(data), 3) == 0.815


def test_all_raters_agree():
    scores = {"financien": 2, "adl": 3, "justitie": 5, "dagbesteding": 4}
    raters = [Assessment.build(V13, "c", name, scores) for name in ("Ali", "Bo", "Cem")]
    r = rater_agreement(raters)
    assert (r.exact, r.within_one, r.alpha) == (1.0, 1.0, 1.0)
    assert "3 beoordelaars: 100%" in r.note


def test_one_rater_gives_no_figures_but_a_clear_note():
    r = rater_agreement([Assessment.build(V13, "c", "Ali", {"financien": 2})])
    assert r.exact is None and r.within_one is None and r.alpha is None
    assert r.note.startswith("Te weinig beoordelaars")


def test_unscored_domains_are_left_out():
    a = Assessment.build(V13, "c", "Ali", {"financien": 2, "adl": 3})
    b = Assessment.build(V13, "c", "Bo", {"financien": 2, "adl": "nvt", "justitie": 4})
    r = rater_agreement([a, b])
    assert r.exact == 1.0  # only financien is pairable
    by_domain = {d.domain_id: d for d in r.domains}
    assert by_domain["adl"].exact is None and by_domain["adl"].scored == (3,)
    assert by_domain["justitie"].exact is None
    assert r.alpha is None  # a single pairable value pair with no variation


def test_no_variation_at_all_makes_alpha_undefined():
    r = rater_agreement_matrix([[3, 3], [3, 3]])
    assert r.exact == 1.0 and r.alpha is None
    assert "niet te berekenen" in r.note


def test_disagreement_ranking_for_the_discussion():
    a = Assessment.build(V13, "c", "Ali", {"financien": 1, "adl": 3, "justitie": 5})
    b = Assessment.build(V13, "c", "Bo", {"financien": 4, "adl": 4, "justitie": 5})
    c = Assessment.build(V13, "c", "Cem", {"financien": 2, "adl": 3, "justitie": 5})
    ranking = [d.domain_id for d in rater_agreement([a, b, c]).most_disagreement()]
    assert ranking[:3] == ["financien", "adl", "justitie"]
    assert math.isclose(rater_agreement([a, b, c]).domains[0].exact, 0.0)


def test_systematic_disagreement_is_negative():
    assert krippendorff_alpha_ordinal([[1, 5, 1, 5], [5, 1, 5, 1]]) < 0


def test_mixed_versions_and_casuses_are_refused():
    v17 = load_version("zrm2017")
    with pytest.raises(ZrmError, match="verschillende ZRM-versies"):
        rater_agreement([Assessment.build(V13, "c", "a", {}), Assessment.build(v17, "c", "b", {})])
    with pytest.raises(ZrmError, match="één casus"):
        rater_agreement([Assessment.build(V13, "c1", "a", {}), Assessment.build(V13, "c2", "b", {})])
