import datetime as dt
import json
import math

import pytest

from wijkteam_kit import settings
from wijkteam_kit.competenties import (
    MIN_BEOORDELAARS,
    SCHAAL,
    Answer,
    DevelopmentPlan,
    Scan,
    available_frameworks,
    competence_score,
    competence_scores,
    feedback_profile,
    growth,
    load_framework,
    mastery_phase,
    parse_value,
)
from wijkteam_kit.draw import figure_bytes, radar_figure, self_peer_figure
from wijkteam_kit.errors import CompetentieError, DataFileError

GEN = load_framework("generalist")
TODAY = dt.date(2024, 3, 1)


def all_values(fw, value, role="zelf", date="2024-03-01", **overrides):
    answers = {i: value for i in fw.indicator_ids}
    answers.update(overrides)
    return Scan.build(fw, role, answers, date)


# --------------------------------------------------------------------------- frameworks
def test_shipped_frameworks_and_their_sizes():
    assert available_frameworks() == ["generalist", "movisie-2017", "movisie-mo", "wmo-wijzer"]
    expected = {
        "generalist": (7, 4, 7),
        "movisie-mo": (10, 3, 5),
        "movisie-2017": (7, 3, 5),
        "wmo-wijzer": (19, 2, 4),
    }
    for fid, (n, low, high) in expected.items():
        fw = load_framework(fid)
        assert fw.id == fid and fw.name and fw.source and fw.version and fw.description
        assert len(fw.competences) == n, fid
        for comp in fw.competences:
            assert low <= len(comp.indicators) <= high, (fid, comp.id)
            assert comp.description
            for ind in comp.indicators:
                assert ind.competence == comp.id
                assert ind.text.startswith(
                    ("Ik ", "In ", "Als ", "Na ", "Bij ", "Met ", "Samen ", "Voor", "Collega")
                )
        assert len(set(fw.indicator_ids)) == len(fw.indicator_ids)
        # the hardest shift: from "zorgen voor" to "zorgen dat"
        assert any("zorgen dat" in i.text.lower() for c in fw.competences for i in c.indicators), fid


def test_generalist_has_the_seven_competences():
    assert GEN.competence_ids == (
        "creativiteit",
        "zelfontwikkeling",
        "durf",
        "coachen",
        "samenwerken",
        "netwerken",
        "aanpassingsvermogen",
    )
    assert GEN.indicator("creativiteit_1").text.startswith("Ik bedenk samen met het huishouden")


def test_wmo_wijzer_groups():
    fw = load_framework("wmo-wijzer")
    counts = {g: sum(c.group == g for c in fw.competences) for g in fw.groups}
    assert counts == {"Enkelvoudige vragen": 8, "Complexe vragen": 3, "Persoonlijke competenties": 8}
    assert (
        load_framework("movisie-mo").competence("eigen_kracht").name == "Versterkt eigen kracht en zelfregie"
    )


def test_unknown_framework_and_unknown_ids_suggest():
    with pytest.raises(CompetentieError, match=r"Onbekend competentiekader 'generalst'.*generalist"):
        load_framework("generalst")
    with pytest.raises(CompetentieError, match=r"Onbekende competentie 'durv'.*Bedoelde u 'durf'"):
        GEN.competence("durv")


BROKEN = """id: mijnkader
naam: Mijn kader
bron: eigen
versie: 1
omschrijving: test
competenties:
  - id: luisteren
    naam: Luisteren
    omschrijving: goed luisteren
    indicatoren:
      - {id: l1, tekst: "Ik luister."}
      - {id: l2, tekst: "Ik vat samen."}
  - id: luisteren
    omschrijving: nog eens
    indicatoren:
      - {id: l1, tekst: "Ik luister weer."}
      - {id: l3, tekst: "Ik vraag door."}
"""


def test_broken_framework_missing_field_has_file_and_line(tmp_path):
    path = tmp_path / "mijnkader.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_framework(path)
    text = str(info.value)
    assert f"{path}, regel 13, veld competenties[1].naam: verplicht veld ontbreekt" in text


def test_broken_framework_duplicate_ids_have_file_and_line(tmp_path):
    path = tmp_path / "mijnkader.yaml"
    path.write_text(
        BROKEN.replace(
            "  - id: luisteren\n    omschrijving", "  - id: luisteren\n    naam: X\n    omschrijving"
        )
    )
    with pytest.raises(DataFileError) as info:
        load_framework(path)
    text = str(info.value)
    assert f"{path}, regel 13, veld competenties[1].id: competentie 'luisteren' komt twee keer voor" in text
    assert "regel 17, veld competenties[1].indicatoren[0].id: indicator 'l1' komt twee keer voor" in text


def test_framework_id_must_match_file_name_and_trainer_folder(tmp_path, monkeypatch):
    good = BROKEN.split("  - id: luisteren\n    omschrijving")[0]
    wrong = tmp_path / "anders.yaml"
    wrong.write_text(good)
    with pytest.raises(
        DataFileError, match=r"regel 1, veld id: id 'mijnkader' past niet bij de bestandsnaam"
    ):
        load_framework(wrong)
    folder = tmp_path / "kaders"
    folder.mkdir()
    (folder / "mijnkader.yaml").write_text(good)
    monkeypatch.setenv(settings.COMPETENTIEKADERS.name, str(folder))
    assert "mijnkader" in available_frameworks()
    fw = load_framework("mijnkader")
    assert fw.version == "1" and fw.indicator_ids == ("l1", "l2")


# --------------------------------------------------------------------------- scale and scoring
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1, 1),
        (5, 5),
        ("3", 3),
        ("nooit", 1),
        ("Soms", 2),
        ("regelmatig", 3),
        ("vaak", 4),
        ("ALTIJD", 5),
        ("weet ik niet", None),
        (None, None),
        ("", None),
        (4.0, 4),
    ],
)
def test_parse_value(raw, expected):
    assert parse_value(raw) == expected


@pytest.mark.parametrize("raw", [0, 6, 2.5, "zelden", True, [3]])
def test_parse_value_rejects(raw):
    with pytest.raises(CompetentieError, match="past niet op de schaal"):
        parse_value(raw, "durf_1")


def test_scale_labels():
    assert SCHAAL == {1: "nooit", 2: "soms", 3: "regelmatig", 4: "vaak", 5: "altijd"}


def test_half_rule_for_a_score():
    assert competence_score([4, 2, None, None]) == 3.0  # 2 of 4: exactly half
    assert competence_score([4, 2, None, None, None]) is None  # 2 of 5
    assert competence_score([4, 2, 3, None, None]) == 3.0  # 3 of 5
    assert competence_score([None, None]) is None
    assert competence_score([]) is None


@pytest.mark.parametrize(
    ("values", "phase"),
    [
        ([3, 3, 3, 3, 2], "startbekwaam"),  # 2.8
        ([2, 3, 4], "vakbekwaam"),  # exactly 3.0
        ([3, 3, 3], "vakbekwaam"),
        ([4, 4, 4, 3], "vakbekwaam"),  # 3.75
        ([4, 4, 4, 4], "vakvolwassen"),  # exactly 4.0
        ([5, 5, 3, 3], "vakvolwassen"),  # 4.0, lowest exactly 3
        ([5, 5, 5, 2], "vakbekwaam"),  # 4.25 but one indicator below 3
        ([5, 5, None, None], "vakvolwassen"),
        ([5, None, None, None], None),
        ([1, 1, 1, None], "startbekwaam"),
    ],
)
def test_phase_boundaries(values, phase):
    assert mastery_phase(values) == phase


def test_scores_per_competence_with_weet_ik_niet():
    scan = Scan.build(
        GEN,
        "zelf",
        {
            "durf_1": 4,
            "durf_2": "weet ik niet",
            "durf_3": 2,
            "durf_4": None,
            "durf_5": None,
            "coachen_1": 5,
            "coachen_2": 5,
            "coachen_3": 5,
            "coachen_4": 5,
            "coachen_5": 2,
            "aanpassingsvermogen_1": 4,
            "aanpassingsvermogen_2": 4,
            "aanpassingsvermogen_3": 3,
        },
    )
    scores = competence_scores(scan, GEN)
    durf = scores["durf"]
    assert (durf.score, durf.answered, durf.total, durf.phase) == (None, 2, 5, None)
    assert "2 van 5 indicatoren beantwoord" in durf.reason
    coachen = scores["coachen"]  # 5 of 7 answered, mean 22/5
    assert coachen.score == pytest.approx(4.4) and coachen.phase == "vakbekwaam" and coachen.lowest == 2
    assert "een indicator staat op 2 (soms)" in coachen.reason
    aanpassing = scores["aanpassingsvermogen"]
    assert aanpassing.score == pytest.approx(11 / 3) and aanpassing.phase == "vakbekwaam"
    assert scores["creativiteit"].score is None and scores["creativiteit"].answered == 0
    assert list(scores) == list(GEN.competence_ids)


def test_scan_validation_messages():
    with pytest.raises(CompetentieError) as info:
        Scan.build(GEN, "colega", {"durv_1": 3, "coachen_1": 7, "coachen_2": "vaak"})
    text = str(info.value)
    assert "Onbekende rol 'colega' in de scan. Bedoelde u 'collega'?" in text
    assert "Onbekende indicator 'durv_1' in Competentieprofiel generalist. Bedoelde u 'durf_1'?" in text
    assert "coachen_1: 7 past niet op de schaal" in text
    with pytest.raises(CompetentieError, match="Datum '1-3-2024' is ongeldig"):
        Scan.build(GEN, "zelf", {}, "1-3-2024")


def test_payload_round_trip_through_json():
    scan = Scan.build(
        GEN,
        "collega",
        {
            "durf_1": (4, "Zij stelde bij de familie Öztürk een netwerkberaad voor, ë é ij."),
            "durf_2": "weet ik niet",
            "coachen_1": {"waarde": 2, "voorbeeld": ""},
        },
        "2024-02-29",
    )
    payload = json.loads(json.dumps(scan.to_payload()))
    assert payload == {
        "kader": "generalist",
        "rol": "collega",
        "datum": "2024-02-29",
        "antwoorden": {
            "durf_1": {
                "waarde": 4,
                "voorbeeld": "Zij stelde bij de familie Öztürk een netwerkberaad voor, ë é ij.",
            },
            "durf_2": {"waarde": None, "voorbeeld": ""},
            "coachen_1": {"waarde": 2, "voorbeeld": ""},
        },
    }
    again = Scan.from_payload(payload)
    assert again == scan
    assert again.answers["durf_2"] == Answer(None, "")
    assert again.missing(GEN)[:3] == ["creativiteit_1", "creativiteit_2", "creativiteit_3"]
    assert len(again.missing(GEN)) == len(GEN.indicator_ids) - 3
    with pytest.raises(CompetentieError, match="De scan mist het veld 'rol'"):
        Scan.from_payload({"kader": "generalist", "datum": "2024-01-01", "antwoorden": {}})
    with pytest.raises(CompetentieError, match="Onbekende indicator 'durf_9'"):
        Scan.from_payload({**payload, "antwoorden": {"durf_9": {"waarde": 3, "voorbeeld": ""}}})


def test_example_with_identifier_gives_warning():
    scan = Scan.build(
        GEN, "zelf", {"durf_1": (4, "Belde mevrouw op 0612345678"), "durf_2": (3, "Gewoon gedaan")}
    )
    warnings = scan.warnings()
    assert len(warnings) == 1 and warnings[0].startswith(
        "durf_1: Let op: dit lijkt op een echt telefoonnummer"
    )


# --------------------------------------------------------------------------- 360°
def test_two_peers_show_no_peer_numbers_at_all():
    me = all_values(GEN, 4)
    peers = {"Ahmed": all_values(GEN, 1, "collega"), "Bea": all_values(GEN, 2, "collega")}
    profile = feedback_profile(me, peers, all_values(GEN, 3, "leidinggevende"))
    assert not profile.peers_shown and profile.peer_total == 2
    assert profile.message == "Te weinig beoordelaars: 2 collega-scans, er zijn er minstens 3 nodig."
    for row in profile.rows:
        assert (row.peer_mean, row.peer_sd, row.peer_count, row.peers_shown) == (None, None, None, False)
        assert row.self_score == 4.0 and row.leader_score == 3.0
    assert profile.peer_means() == {}
    text = " ".join(profile.sentences())
    assert "1,0" not in text and "1,5" not in text and "2,0" not in text
    assert "Ahmed" not in repr(profile) and "Bea" not in repr(profile)


def test_three_peers_show_mean_and_spread_without_identities():
    me = all_values(GEN, 3)
    peers = {
        "Ahmed": all_values(GEN, 2, "collega"),
        "Bea": all_values(GEN, 3, "collega", durf_1=5, durf_2=5, durf_3=5, durf_4=5, durf_5=5),
        "Cor": all_values(GEN, 4, "collega", coachen_1=None, coachen_2=None, coachen_3=None, coachen_4=None),
    }
    profile = feedback_profile(me, peers)
    assert profile.peers_shown and MIN_BEOORDELAARS == 3
    creativiteit = profile.row("creativiteit")
    assert creativiteit.peer_mean == pytest.approx(3.0)
    assert creativiteit.peer_sd == pytest.approx(math.sqrt(2 / 3))  # 2, 3, 4
    assert creativiteit.peer_count == 3
    durf = profile.row("durf")  # 2, 5, 4
    assert durf.peer_mean == pytest.approx(11 / 3)
    assert durf.peer_sd == pytest.approx(
        math.sqrt(((2 - 11 / 3) ** 2 + (5 - 11 / 3) ** 2 + (4 - 11 / 3) ** 2) / 3)
    )
    coachen = profile.row("coachen")  # Cor answered 3 of 7: no score, so only 2 peers for this competence
    assert (coachen.peer_mean, coachen.peer_sd, coachen.peer_count, coachen.peers_shown) == (
        None,
        None,
        None,
        False,
    )
    assert profile.peer_means()["coachen"] is None and profile.peer_means()["creativiteit"] == pytest.approx(
        3.0
    )
    assert all(name not in repr(profile) for name in ("Ahmed", "Bea", "Cor"))
    sentences = profile.sentences()
    assert "Creativiteit: zelf 3,0, collega's gemiddeld 3,0 (spreiding 0,8, 3 beoordelaars)." in sentences
    assert "Coachen: zelf 3,0, collega's: te weinig beoordelaars voor deze competentie." in sentences


def test_feedback_roles_are_checked():
    me = all_values(GEN, 3)
    with pytest.raises(CompetentieError, match="Verwacht een scan met rol 'collega', kreeg rol 'zelf'"):
        feedback_profile(me, [me, me, me])
    with pytest.raises(CompetentieError, match="Verwacht een scan met rol 'zelf'"):
        feedback_profile(all_values(GEN, 3, "collega"), [])


# --------------------------------------------------------------------------- plan and growth
def test_development_plan_validation():
    plan = DevelopmentPlan.build(
        GEN,
        "coachen",
        "  Ik stel in elk huisbezoek eerst drie open vragen. ",
        ["Oefenen in intervisie", " "],
        "2024-06-01",
        today=TODAY,
    )
    assert plan.goal == "Ik stel in elk huisbezoek eerst drie open vragen."
    assert plan.actions == ("Oefenen in intervisie",)
    assert plan.date == dt.date(2024, 6, 1)
    payload = json.loads(json.dumps(plan.to_payload()))
    assert payload["competentie"] == "coachen" and payload["acties"] == ["Oefenen in intervisie"]
    assert DevelopmentPlan.from_payload(payload) == plan  # also long after the target date
    with pytest.raises(CompetentieError) as info:
        DevelopmentPlan.build(GEN, "coachn", "", [], TODAY, today=TODAY)
    text = str(info.value)
    assert "Bedoelde u 'coachen'?" in text
    assert "Schrijf een doel op" in text
    assert "Schrijf minstens één actie op" in text
    assert "De streefdatum 1 maart 2024 ligt niet in de toekomst; kies een datum na 1 maart 2024." in text
    tomorrow = DevelopmentPlan.build(GEN, "durf", "Doel", "Eén actie", "2024-03-02", today=TODAY)
    assert tomorrow.actions == ("Eén actie",)
    with pytest.raises(CompetentieError, match="mist het veld 'doel'"):
        DevelopmentPlan.from_payload(
            {"kader": "generalist", "competentie": "durf", "acties": [], "datum": "2024-01-01"}
        )


def test_growth_per_competence():
    before = all_values(GEN, 2, date="2024-01-15", durf_1=3)
    after = all_values(
        GEN, 3, date="2024-07-15", coachen_1=None, coachen_2=None, coachen_3=None, coachen_4=None
    )
    result = growth(before, after)
    assert list(result) == list(GEN.competence_ids)
    durf = result["durf"]
    assert durf.before == pytest.approx(2.2) and durf.after == 3.0
    assert durf.difference == pytest.approx(0.8)
    assert (durf.phase_before, durf.phase_after) == ("startbekwaam", "vakbekwaam")
    assert durf.sentence() == "Durf: gegroeid (+0,8), van 2,2 naar 3,0, van startbekwaam naar vakbekwaam."
    assert result["coachen"].difference is None
    assert "niet te vergelijken" in result["coachen"].sentence()
    same = growth(before, before)["netwerken"]
    assert same.sentence() == "Netwerken: gelijk gebleven, van 2,0 naar 2,0."
    down = growth(after, all_values(GEN, 2, date="2024-12-01"))["samenwerken"]
    assert (
        down.sentence() == "Samenwerken: gedaald (−1,0), van 3,0 naar 2,0, van vakbekwaam naar startbekwaam."
    )
    with pytest.raises(CompetentieError, match="dezelfde rol"):
        growth(before, all_values(GEN, 3, "collega", date="2024-07-15"))
    with pytest.raises(CompetentieError, match="is van na de huidige"):
        growth(after, before)


# --------------------------------------------------------------------------- figures
def test_radar_with_previous_and_peers_exports():
    me = all_values(GEN, 4, date="2024-06-01", durf_1=None, durf_2=None, durf_3=None)
    previous = all_values(GEN, 2, date="2024-01-01")
    peers = [all_values(GEN, v, "collega") for v in (3, 3, 4)]
    fig = radar_figure(me, GEN, previous=previous, peer=feedback_profile(me, peers), title="Sanne")
    gids = [line.get_gid() for line in fig.axes[0].lines if line.get_gid()]
    assert gids == ["radar-vorige", "radar-collegas", "radar-zelf"]
    own = fig.axes[0].lines[-1].get_ydata()
    assert math.isnan(own[2]) and own[0] == 4.0  # durf has no score: a gap in the line
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels[2] == "Durf\n(geen score)"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Vorige scan (1 januari 2024)", "Collega's (gemiddeld)", "Zelf (1 juni 2024)"]
    assert figure_bytes(fig, "svg")[:5] == b"<?xml"
    assert figure_bytes(fig, "pdf")[:4] == b"%PDF"


def test_radar_and_self_peer_hide_too_few_peers():
    me = all_values(GEN, 4)
    few = feedback_profile(me, [all_values(GEN, 1, "collega"), all_values(GEN, 1, "collega")])
    fig = radar_figure(me, peer=few)
    assert "radar-collegas" not in [line.get_gid() for line in fig.axes[0].lines]
    assert any("te weinig beoordelaars" in t.get_text() for t in fig.texts)
    fig2 = self_peer_figure(few)
    gids = {a.get_gid() for a in fig2.axes[0].get_children() if a.get_gid()}
    assert not any(g.startswith("collegas-") for g in gids)
    assert len([g for g in gids if g.startswith("zelf-")]) == 7
    assert any("te weinig beoordelaars" in t.get_text() for t in fig2.texts)
    assert figure_bytes(fig2, "pdf")[:4] == b"%PDF"


def test_self_peer_figure_with_enough_peers():
    me = all_values(GEN, 4)
    peers = [all_values(GEN, v, "collega") for v in (2, 3, 4)]
    fig = self_peer_figure(feedback_profile(me, peers, all_values(GEN, 5, "leidinggevende")))
    gids = {a.get_gid() for a in fig.axes[0].get_children() if a.get_gid()}
    assert sum(g.startswith("collegas-") for g in gids) == 7
    assert sum(g.startswith("leidinggevende-") for g in gids) == 7
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Zelf", "Collega's (gemiddeld ± spreiding)", "Leidinggevende"]
    assert figure_bytes(fig, "svg")[:5] == b"<?xml"


def test_docs_example_framework_loads(tmp_path):
    from pathlib import Path

    docs = (Path(__file__).resolve().parent.parent / "docs" / "competenties.md").read_text(encoding="utf-8")
    example = docs.split("```yaml\n")[1].split("```")[0]
    path = tmp_path / "mijn-kader.yaml"
    path.write_text(example, encoding="utf-8")
    fw = load_framework(path)
    assert fw.id == "mijn-kader" and fw.groups == ("Basis",)
    assert fw.indicator_ids == ("luisteren_1", "luisteren_2")


def test_radar_refuses_previous_scan_of_another_framework():
    other = Scan.build("movisie-2017", "zelf", {"eigen_regie_1": 3})
    with pytest.raises(CompetentieError, match="De vorige scan is van 'movisie-2017'"):
        radar_figure(all_values(GEN, 3), GEN, previous=other)
