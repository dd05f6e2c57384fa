import math

import pytest

from wijkteam_kit.competenties import (
    DREMPEL_VERSCHIL,
    Scan,
    TeamMember,
    feedback_profile,
    load_framework,
    size_advice,
    team_profile,
)
from wijkteam_kit.draw import complementarity_figure, figure_bytes, team_heatmap_figure
from wijkteam_kit.errors import CompetentieError

GEN = load_framework("generalist")
ORDER = (
    GEN.competence_ids
)  # creativiteit, zelfontwikkeling, durf, coachen, samenwerken, netwerken, aanpassingsvermogen


def scan(per_competence, role="zelf", **overrides):
    """All indicators of a competence get the same value, then ``overrides`` per indicator."""
    answers = {}
    for comp, value in zip(ORDER, per_competence, strict=True):
        for ind in GEN.competence(comp).indicator_ids:
            answers[ind] = value
    answers.update(overrides)
    return Scan.build(GEN, role, answers, "2024-04-01")


# Hand-made team of four. Dewi has mixed answers:
#   creativiteit 3,3,3,3,1 -> 2.6; netwerken 3,3,3,-,- -> 3.0 (3 of 5 answered); aanpassingsvermogen 4,4,3,- -> 11/3
AISHA = scan([4, 3, 2, 5, 3, 2, 3])
BRAM = scan([2, 4, 3, 3, 3, 2, 4])
CARLA = scan([3, 3, 4, 2, 3, 2, 3])
DEWI = scan(
    [3, 2, 3, 3, 3, 3, 4],
    creativiteit_5=1,
    netwerken_4="weet ik niet",
    netwerken_5=None,
    aanpassingsvermogen_3=3,
    aanpassingsvermogen_4="weet ik niet",
)
PEERS = {
    "Aisha": {"coachen": 4.25, "durf": 2.5},  # coachen 5 vs 4.25: exactly 0.75 -> blind spot
    "Bram": {"zelfontwikkeling": 3.25},  # 4 vs 3.25 -> blind spot
    "Carla": {"coachen": 3.0, "durf": 3.3},  # coachen 2 vs 3: hidden strength; durf 4 vs 3.3 = 0.7: nothing
}
TARGET = {"samenwerken": 3.5, "durf": 3.0, "netwerken": 3.0}


def make_team(target=TARGET):
    members = [
        TeamMember(name, s, PEERS.get(name))
        for name, s in (("Aisha", AISHA), ("Bram", BRAM), ("Carla", CARLA), ("Dewi", DEWI))
    ]
    return team_profile(members, GEN, target=target)


def test_heatmap_matrix():
    team = make_team()
    assert team.members == ("Aisha", "Bram", "Carla", "Dewi")
    assert team.competences == ORDER
    assert team.matrix[0] == (4.0, 3.0, 2.0, 5.0, 3.0, 2.0, 3.0)
    dewi = team.matrix[3]
    assert dewi[0] == pytest.approx(2.6) and dewi[5] == 3.0 and dewi[6] == pytest.approx(11 / 3)
    assert team.score("Bram", "aanpassingsvermogen") == 4.0
    assert team.peer_score("Aisha", "coachen") == 4.25 and team.peer_score("Dewi", "coachen") is None


def test_spread_and_strongest():
    team = make_team()
    c = team.spread("creativiteit")  # 4, 2, 3, 2.6
    assert (c.minimum, c.maximum, c.count) == (2.0, 4.0, 4)
    assert c.mean == pytest.approx(2.9)
    assert c.sd == pytest.approx(math.sqrt(0.53))
    assert c.strongest == ("Aisha",) and c.covered
    coachen = team.spread("coachen")  # 5, 3, 2, 3
    assert coachen.mean == pytest.approx(3.25) and coachen.sd == pytest.approx(math.sqrt(1.1875))
    samen = team.spread("samenwerken")  # everyone 3
    assert samen.sd == 0.0 and samen.strongest == ("Aisha", "Bram", "Carla", "Dewi") and not samen.covered
    netwerken = team.spread("netwerken")  # 2, 2, 2, 3
    assert netwerken.strongest == ("Dewi",) and netwerken.sd == pytest.approx(math.sqrt(0.1875))
    aanpassing = team.spread("aanpassingsvermogen")
    assert aanpassing.mean == pytest.approx((3 + 4 + 3 + 11 / 3) / 4) and aanpassing.strongest == ("Bram",)
    assert c.sentence() == "Creativiteit: van 2,0 tot 4,0 (spreiding 0,7); sterkst: Aisha."
    assert (
        netwerken.sentence()
        == "Netwerken: van 2,0 tot 3,0 (spreiding 0,4); sterkst: Dewi; niemand scoort 4,0 of hoger."
    )


def test_complementarity_and_balance():
    team = make_team()
    assert team.covered == ("creativiteit", "zelfontwikkeling", "durf", "coachen", "aanpassingsvermogen")
    assert team.uncovered == ("samenwerken", "netwerken")
    assert not team.balanced
    assert team.balance_sentence().startswith(
        "Het team is nog niet uitgebalanceerd: op Samenwerken, Netwerken scoort niemand 4,0 of hoger."
    )
    strong = team_profile({"A": scan([4] * 7), "B": scan([2] * 7)}, GEN)
    assert strong.balanced
    assert strong.balance_sentence().startswith("Het team is uitgebalanceerd")


def test_gaps_against_target():
    team = make_team()
    gaps = {g.competence: g for g in team.gaps}
    assert gaps["samenwerken"].gap == pytest.approx(0.5) and gaps["samenwerken"].reached_by == ()
    assert gaps["netwerken"].gap == pytest.approx(0.75) and gaps["netwerken"].reached_by == ("Dewi",)
    assert gaps["durf"].gap == pytest.approx(0.0) and gaps["durf"].reached_by == ("Bram", "Carla", "Dewi")
    assert [g.competence for g in team.shortfalls] == ["netwerken", "samenwerken"]
    assert gaps["netwerken"].sentence() == (
        "Netwerken: het team zit gemiddeld op 2,3, 0,8 onder het doel 3,0; Dewi haalt het doel al."
    )
    assert gaps["durf"].sentence() == "Durf: het team haalt het doel 3,0 (gemiddeld 3,0)."
    assert gaps["samenwerken"].sentence().endswith("; niemand haalt het doel.")
    with pytest.raises(CompetentieError, match="Bedoelde u 'durf'"):
        make_team({"durv": 3})
    with pytest.raises(CompetentieError, match="verwacht een score van 1 t/m 5, kreeg 6"):
        make_team({"durf": 6})


def test_blind_spots_and_hidden_strengths():
    team = make_team()
    assert DREMPEL_VERSCHIL == 0.75
    assert [(d.member, d.competence) for d in team.blind_spots] == [
        ("Aisha", "coachen"),
        ("Bram", "zelfontwikkeling"),
    ]
    assert [(d.member, d.competence) for d in team.hidden_strengths] == [("Carla", "coachen")]
    assert team.blind_spots[0].sentence() == "Aisha, Coachen: blinde vlek (zelf 5,0, collega's 4,3)."
    assert (
        team.hidden_strengths[0].sentence() == "Carla, Coachen: verborgen kracht (zelf 2,0, collega's 3,0)."
    )


def test_peer_from_feedback_profile_respects_anonymity():
    peers2 = [scan([1] * 7, "collega"), scan([1] * 7, "collega")]
    peers3 = [*peers2, scan([1] * 7, "collega")]
    hidden = team_profile([TeamMember("Aisha", AISHA, feedback_profile(AISHA, peers2))], GEN)
    assert hidden.blind_spots == () and hidden.peer_matrix == ((None,) * 7,)
    shown = team_profile([TeamMember("Aisha", AISHA, feedback_profile(AISHA, peers3))], GEN)
    assert [d.competence for d in shown.blind_spots] == [
        "creativiteit",
        "zelfontwikkeling",
        "durf",
        "coachen",
        "samenwerken",
        "netwerken",
        "aanpassingsvermogen",
    ]


def test_size_advice():
    assert size_advice(8) is None and size_advice(6) is None
    team = team_profile({f"Lid {i}": scan([3] * 7) for i in range(1, 10)}, GEN)
    assert "9 leden" in team.size_advice and "6–8 is ideaal" in team.size_advice
    assert team.size_advice in team.sentences()
    assert make_team().size_advice is None


def test_sentences_cover_every_result():
    text = make_team().sentences()
    assert text[0] == "Het team heeft 4 leden met een zelfscan op Competentieprofiel generalist."
    assert text[1].startswith("Het team is nog niet uitgebalanceerd")
    assert len(text) == 1 + 1 + 7 + 3 + 3


def test_input_checks_and_empty_team():
    with pytest.raises(CompetentieError, match="eigen, niet-lege naam"):
        team_profile([TeamMember("A", AISHA), TeamMember("A", BRAM)], GEN)
    with pytest.raises(CompetentieError, match="verwacht een zelfscan"):
        team_profile({"A": scan([3] * 7, "collega")}, GEN)
    with pytest.raises(CompetentieError, match="onbekende competentie 'coachn'"):
        team_profile([TeamMember("A", AISHA, {"coachn": 3.0})], GEN)
    with pytest.raises(CompetentieError, match="verwacht een collega-gemiddelde van 1 t/m 5, kreeg 'hoog'"):
        team_profile([TeamMember("A", AISHA, {"coachen": "hoog"})], GEN)
    empty = team_profile({}, GEN)
    assert empty.members == () and not empty.balanced and empty.spreads[0].count == 0
    assert empty.sentences()[1] == "Er zijn nog geen teamleden met een scan."
    assert empty.spreads[0].sentence() == "Creativiteit: nog geen scores."
    assert figure_bytes(team_heatmap_figure(empty), "svg")[:5] == b"<?xml"
    assert figure_bytes(complementarity_figure(empty), "pdf")[:4] == b"%PDF"


def test_team_figures_draw_and_export():
    team = make_team()
    heat = team_heatmap_figure(team)
    cells = {t.get_gid(): t.get_text() for t in heat.axes[0].texts if t.get_gid()}
    assert len(cells) == 4 * 7
    assert cells["heatmap-3-0"] == "2,6" and cells["heatmap-0-3"] == "5,0"
    names = [t.get_text() for t in heat.axes[0].get_xticklabels()]
    assert names[4] == "Samenwerken (!)" and names[0] == "Creativiteit"
    assert figure_bytes(heat, "svg")[:5] == b"<?xml" and figure_bytes(heat, "pdf")[:4] == b"%PDF"
    comp = complementarity_figure(team)
    gids = {line.get_gid() for line in comp.axes[0].lines if line.get_gid()}
    assert "complementariteit-creativiteit-Aisha" in gids
    assert {"doel-samenwerken", "doel-durf", "doel-netwerken"} <= gids
    assert [t.get_text() for t in comp.axes[0].get_legend().get_texts()][-1] == "doel van het team"
    assert figure_bytes(comp, "svg")[:5] == b"<?xml" and figure_bytes(comp, "pdf")[:4] == b"%PDF"
