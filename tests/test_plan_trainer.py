"""The plan feedback agrees with a trainer: precision and recall per rule on the labelled set in plan_trainer_set."""

from __future__ import annotations

import pytest

from tests.plan_trainer_set import GEVALLEN, meet
from wijkteam_kit.plan.regels import REGELS


def test_the_set_is_large_and_covers_every_rule_in_both_directions():
    assert len(GEVALLEN) >= 40
    assert len({g.naam for g in GEVALLEN}) == len(GEVALLEN)
    for name in REGELS:
        assert any(name in g.flagged for g in GEVALLEN), f"geen plan waarin {name} iets zegt"
        assert sum(name not in g.flagged for g in GEVALLEN) >= 2, f"geen plan waarin {name} in orde is"


def test_overall_precision_and_recall_are_at_least_0_9():
    counts, misses = meet()
    total = counts["totaal"]
    assert total.precision >= 0.9 and total.recall >= 0.9, "\n".join(misses)


@pytest.mark.parametrize("name", list(REGELS))
def test_each_rule_agrees_with_the_trainer(name):
    counts, misses = meet()
    c = counts[name]
    assert c.precision >= 0.9 and c.recall >= 0.9, "\n".join(m for m in misses if f": {name} " in m)


@pytest.mark.parametrize(
    "naam",
    [
        "begint bij een algemene voorziening en het netwerk",
        "regisseur met steun",
        "voornaam in de actie bij een netwerkoplossing",
        "vaag doel: meer rust",
        "vaag doel: minder stress",
        "domein op niveau 1 met doel maar zonder oplossing of actie",
        "half jaar in kalendermaanden",
        "samengesteld jargon: schuldenproblematiek",
        "samengesteld jargon: multiproblematiek",
        "casus zegt: geen eerdere hulp",
    ],
)
def test_the_cases_the_trainer_reported_are_right(naam):
    case = next(g for g in GEVALLEN if g.naam == naam)
    _, misses = meet([case])
    assert not misses, misses
