import numpy as np
import pytest

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm import (
    GRONINGEN_PILOT_TEAMS,
    Assessment,
    CaseloadData,
    generate_caseload,
    load_version,
    summarize_caseload,
)


def naive_summary(data: CaseloadData):
    """Loop-based reference implementation to check the vectorised one."""
    n_domains = len(data.domain_ids)
    dist = np.zeros((n_domains, 6), dtype=int)
    for row in data.levels:
        for j, level in enumerate(row):
            dist[j, level] += 1
    rows_by_household: dict[int, list[int]] = {}
    for i, code in enumerate(data.household_codes):
        rows_by_household.setdefault(int(code), []).append(i)
    improved = np.zeros(n_domains)
    pairs = np.zeros(n_domains)
    concern = np.zeros(n_domains)
    scored_last = np.zeros(n_domains)
    for rows in rows_by_household.values():
        rows = sorted(rows, key=lambda i: (data.dates[i], i))
        first, last = data.levels[rows[0]], data.levels[rows[-1]]
        for j in range(n_domains):
            if last[j] > 0:
                scored_last[j] += 1
                concern[j] += last[j] <= 2
            if len(rows) > 1 and first[j] > 0 and last[j] > 0:
                pairs[j] += 1
                improved[j] += last[j] > first[j]
    with np.errstate(invalid="ignore"):
        return dist, pairs, np.nan_to_num(improved / pairs), np.nan_to_num(concern / scored_last)


def test_vectorised_summary_matches_a_plain_loop():
    rng = np.random.default_rng(7)
    v = load_version("zrm2017")
    n = 600
    levels = rng.integers(0, 6, size=(n, len(v.domains)))
    households = rng.integers(0, 150, size=n).astype(str)
    dates = np.datetime64("2024-01-01") + rng.permutation(n).astype("timedelta64[D]")
    data = CaseloadData.from_arrays("zrm2017", v.domain_ids, households, dates, levels)
    s = summarize_caseload(data)
    dist, pairs, improved, concern = naive_summary(data)
    assert (s.distribution == dist).all()
    assert (s.pairs == pairs).all()
    assert np.allclose(s.improved, improved)
    assert np.allclose(s.concern_share, concern)
    assert np.allclose(s.improved + s.declined + s.unchanged, np.where(pairs > 0, 1.0, 0.0))


def test_from_assessments_orders_by_date_not_by_input():
    v = load_version("zrm2013")
    later = Assessment.build(v, "huis-1", "r", {"financien": 4}, date="2024-06-01")
    earlier = Assessment.build(v, "huis-1", "r", {"financien": 2}, date="2024-01-01")
    s = summarize_caseload(CaseloadData.from_assessments([later, earlier]))
    j = v.domain_ids.index("financien")
    assert s.improved[j] == 1.0 and s.pairs[j] == 1
    assert s.n_households == 1 and s.n_assessments == 2


def test_generated_caseload_is_shaped_like_the_groningen_pilot():
    demo = generate_caseload()
    assert {name: d.n_assessments // 2 for name, d in demo.teams.items()} == GRONINGEN_PILOT_TEAMS
    s = summarize_caseload(demo.combined)
    assert s.n_households == 370 and s.n_assessments == 740
    assert (s.pairs > 250).all()  # some domains (verslaving, justitie) are more often not discussed
    assert 0.2 < s.improved.mean() < 0.6  # more households rise than fall
    assert s.improved.mean() > s.declined.mean()
    ranking = [d for d, _ in s.concern_ranking()]
    assert ranking.index("financien") < ranking.index("justitie")


def test_bad_caseload_input_is_refused():
    with pytest.raises(ZrmError, match="hele getallen van 1 t/m 5"):
        CaseloadData.from_arrays("zrm2013", ("financien",), ["a"], ["2024-01-01"], [[6]])
    with pytest.raises(ZrmError, match="Onbekende domeinen"):
        CaseloadData.from_arrays("zrm2013", ("wonen",), ["a"], ["2024-01-01"], [[3]])
    with pytest.raises(ZrmError, match="even lang"):
        CaseloadData.from_arrays("zrm2013", ("financien",), ["a", "b"], ["2024-01-01"], [[3]])
