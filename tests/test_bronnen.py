"""The kit's content agrees with its sources (../shared/seeds): Groningen leefgebieden, pilot figures, claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijkteam_kit.bouwstenen.regels import geen_gedeeld_beeld
from wijkteam_kit.zrm import (
    GRONINGEN_PILOT_FTE,
    GRONINGEN_PILOT_TEAMS,
    LANDELIJKE_CASELOAD,
    PILOT_DOSSIERS_PER_FTE,
    PILOT_VOLGORDE,
    dossiers_per_fte,
    generate_caseload,
    load_mapping,
    load_version,
    summarize_caseload,
)

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------- Groningen leefgebieden
def test_groningen_mapping_follows_the_sources_descriptions():
    m = load_mapping("zrm2013", "groningen")
    # Maatschappelijke zelfredzaamheid is travelling, the sociale kaart, forms and rules: instrumental tasks (ADL)
    assert m.targets_of("adl") == ("huisvesting_huishouden", "maatschappelijke_zelfredzaamheid")
    # participating in clubs, sport and volunteering belongs with dagbesteding, werk en vrije tijd
    assert m.targets_of("maatschappelijke_participatie") == ("dagbesteding_werk_vrije_tijd",)
    # loneliness (ZRM: Sociaal netwerk) under sociaal/relationeel, as the evaluation recommends
    assert m.targets_of("sociaal_netwerk") == ("sociaal_relationeel",)
    assert m.targets_of("justitie") == ("justitie",)
    assert all(rule.note for rule in m.rules), "every mapping row says why it holds"
    g = load_version("groningen")
    assert "eenzaam" in g.domain("sociaal_relationeel").question
    assert "eenzaam" not in g.domain("psychisch").question


def test_every_groningen_row_is_explained_in_the_docs():
    doc = (ROOT / "docs" / "zrm-versies.md").read_text(encoding="utf-8")
    why = doc.split("### Waarom elke regel klopt", 1)[1]
    a, b = load_version("zrm2013"), load_version("groningen")
    for rule in load_mapping("zrm2013", "groningen").rules:
        for domain_id in rule.sources:
            assert f"{a.domain(domain_id).name}" in why, domain_id
        for domain_id in rule.targets:
            assert b.domain(domain_id).name in why, domain_id
    assert "Eenzaamheid" in why and "Onderwijs" in why


# ---------------------------------------------------------------------- caseload figures
def test_pilot_figures_are_the_sources():
    assert GRONINGEN_PILOT_TEAMS == {"Team Noord": 198, "Team Zuid": 172}
    assert GRONINGEN_PILOT_FTE == {"Team Noord": 7.5, "Team Zuid": 6.9}
    assert PILOT_DOSSIERS_PER_FTE == 28 and LANDELIJKE_CASELOAD == (40, 70)
    for per_fte in dossiers_per_fte().values():
        assert 20 < per_fte <= PILOT_DOSSIERS_PER_FTE < LANDELIJKE_CASELOAD[0]


@pytest.mark.parametrize("seed", [2013, 1, 7])
def test_generated_caseload_has_the_pilots_most_frequent_domains(seed):
    ranking = [d for d, _ in summarize_caseload(generate_caseload(seed=seed).combined).concern_ranking()]
    first, social, housing = PILOT_VOLGORDE
    assert ranking[0] == first[0]  # financial problems are the most frequent
    assert set(ranking[1:3]) == set(social)  # then social and relational functioning
    assert ranking.index(housing[0]) <= 3  # and housing is high


def test_teamleiders_notebook_uses_the_source_figures():
    text = (ROOT / "notebooks" / "caseload_teamleiders.ipynb").read_text(encoding="utf-8")
    assert "28 dossiers per fte" in text and "40 tot 70" in text and "financiën" in text
    assert "dossiers_per_fte" in text


# ---------------------------------------------------------------------- twelve members, eight pictures
def test_the_bouwstenen_claim_is_twelve_members_eight_pictures():
    class Answers:
        def get(self, *_: str) -> int:
            return 1

    found = geen_gedeeld_beeld(Answers())  # type: ignore[arg-type]
    assert found is not None and "twaalf teamleden" in found.uitleg and "acht verschillende beelden" in found.uitleg
    guide = (ROOT / "docs" / "bouwstenen.md").read_text(encoding="utf-8")
    assert "8 van de 12" not in guide and "twaalf teamleden" in guide and "acht verschillende beelden" in guide
