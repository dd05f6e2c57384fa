import datetime as dt

import pytest

from wijkteam_kit import settings
from wijkteam_kit.errors import DataFileError, ZrmError
from wijkteam_kit.zrm import (
    LEVELS,
    Assessment,
    available_versions,
    compare,
    differences,
    load_descriptors,
    load_mapping,
    load_version,
    map_assessment,
    parse_level,
    summarize,
)

V13 = load_version("zrm2013")
V17 = load_version("zrm2017")


def test_shipped_versions_have_the_documented_domains():
    assert available_versions() == ["groningen", "zrm2013", "zrm2017"]
    assert len(V13.domains) == 11 and len(V17.domains) == 13
    assert V17.domain_ids[:3] == ("financien", "werk_opleiding", "tijdsbesteding")
    assert len(V17.burden_factors) == 7
    for version in (V13, V17):
        assert version.has_descriptors
        for domain in version.domains:
            for level in LEVELS:
                assert 1 <= len(domain.descriptor(level)) <= 3, (domain.id, level)
    assert not load_version("groningen").has_descriptors


def test_unknown_domain_names_the_domain_and_suggests():
    with pytest.raises(ZrmError, match=r"Onbekend domein 'financein'.*Bedoelde u 'financien'"):
        Assessment.build(V13, "c", "r", {"financein": 3})


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        (6, r"Domein 'adl' \(Activiteiten Dagelijks Leven \(ADL\)\): niveau 6 bestaat niet"),
        (0, "niveau 0 bestaat niet"),
        (2.5, "halve niveaus bestaan niet"),
        ("2,5", "halve niveaus bestaan niet"),
        ("drie", "'drie' is geen niveau"),
        (True, "True is geen niveau"),
    ],
)
def test_bad_levels_are_refused_with_domain_and_value(value, pattern):
    with pytest.raises(ZrmError, match=pattern):
        Assessment.build(V13, "c", "r", {"adl": value})


def test_levels_accept_whole_numbers_and_not_discussed_words():
    assert [parse_level(v) for v in (1, "5", 3.0, "nvt", "N.V.T.", "niet besproken", None)] == [
        1,
        5,
        3,
        None,
        None,
        None,
        None,
    ]


def test_assessment_fills_missing_domains_as_not_discussed_and_keeps_notes():
    a = Assessment.build(
        V13,
        "c",
        "Sanne",
        {"financien": {"niveau": 2, "toelichting": "schulden", "basis": "netwerk"}},
        date="2024-03-01",
        ladder=2,
    )
    assert a.date == dt.date(2024, 3, 1) and a.ladder == 2
    assert a.scores["financien"].note == "schulden" and a.scores["financien"].basis == "netwerk"
    assert a.level("justitie") is None
    with pytest.raises(ZrmError, match="onbekende basis 'familie'"):
        Assessment.build(V13, "c", "r", {"financien": {"niveau": 2, "basis": "familie"}})
    with pytest.raises(ZrmError, match="trede 9 bestaat niet"):
        Assessment.build(V13, "c", "r", {}, ladder=9)
    with pytest.raises(ZrmError, match="Datum '1-3-2024' is ongeldig"):
        Assessment.build(V13, "c", "r", {}, date="1-3-2024")


def test_summary_puts_concerns_first_and_leaves_unscored_out_of_the_mean():
    a = Assessment.build(
        V13, "c", "r", {"financien": 2, "huisvesting": 1, "adl": 4, "justitie": "nvt", "dagbesteding": 3}
    )
    s = summarize(a, V13)
    assert [line.domain_id for line in s.lines[:3]] == ["huisvesting", "financien", "dagbesteding"]
    assert [line.domain_id for line in s.concerns] == ["huisvesting", "financien"]
    assert s.mean == pytest.approx((2 + 1 + 4 + 3) / 4)
    assert s.n_scored == 4 and s.n_unscored == 7
    assert s.lines[-1].label == "niet besproken"
    empty = summarize(Assessment.build(V13, "c", "r", {}), V13)
    assert empty.mean is None and empty.concerns == ()


def test_compare_gives_direction_and_delta_per_domain():
    t0 = Assessment.build(V13, "c", "r", {"financien": 2, "adl": 4, "justitie": 3})
    t1 = Assessment.build(V13, "c", "r", {"financien": 4, "adl": 3, "justitie": 3, "verslaving": 5})
    changes = {c.domain_id: (c.direction, c.delta) for c in compare(t0, t1)}
    assert changes["financien"] == ("gestegen", 2)
    assert changes["adl"] == ("gedaald", -1)
    assert changes["justitie"] == ("gelijk", 0)
    assert changes["verslaving"] == ("onbekend", None)
    with pytest.raises(ZrmError, match="verschillende ZRM-versies"):
        compare(t0, Assessment.build(V17, "c", "r", {}))
    assert [c.domain_id for c in differences(t1, t0)] == ["financien", "verslaving", "adl"]


def test_mapping_2013_to_2017_and_back():
    a = Assessment.build(V13, "c", "r", {"financien": 3, "dagbesteding": 2, "adl": 4, "verslaving": 5})
    b = map_assessment(a, "zrm2017")
    assert b.version == "zrm2017"
    assert (b.level("werk_opleiding"), b.level("tijdsbesteding")) == (2, 2)
    assert (b.level("basale_adl"), b.level("instrumentele_adl")) == (4, 4)
    assert b.level("middelengebruik") == 5 and b.level("financien") == 3
    assert "afgeleid" in b.scores["basale_adl"].note
    c = Assessment.build(
        V17, "c", "r", {"werk_opleiding": 2, "tijdsbesteding": 4, "basale_adl": 5, "instrumentele_adl": 3}
    )
    back = map_assessment(c, "zrm2013")
    assert back.level("dagbesteding") == 2  # the lowest level of the merged domains
    assert back.level("adl") == 3
    assert load_mapping("zrm2017", "zrm2013").targets_of("werk_opleiding") == ("dagbesteding",)


def test_mapping_to_groningen_leaves_domains_without_source_open():
    a = Assessment.build(V13, "c", "r", {"geestelijke_gezondheid": 4, "verslaving": 2, "justitie": 5})
    g = map_assessment(a, "groningen")
    assert g.level("psychisch") == 2
    assert g.level("justitie") == 5
    assert g.level("overlast") is None and g.level("huiselijk_geweld") is None
    with pytest.raises(ZrmError, match="geen omzetting"):
        map_assessment(map_assessment(a, "zrm2017"), "groningen")


def test_organisation_descriptor_file_replaces_texts(tmp_path):
    own = tmp_path / "eigen.yaml"
    own.write_text(
        "versie: zrm2013\nbron: Eigen teksten\ndomeinen:\n  financien:\n"
        + "".join(f'    {level}: ["Eigen tekst {level}"]\n' for level in LEVELS),
        encoding="utf-8",
    )
    v = load_descriptors(V13, own)
    assert v.domain("financien").descriptor(3) == ("Eigen tekst 3",)
    assert v.domain("adl").descriptor(3) == V13.domain("adl").descriptor(3)
    assert v.source == "Eigen teksten"
    assert V13.domain("financien").descriptor(3) != ("Eigen tekst 3",)  # shipped version untouched


def test_broken_descriptor_file_reports_every_problem(tmp_path):
    bad = tmp_path / "kapot.yaml"
    bad.write_text(
        "versie: zrm2017\ndomeinen:\n  financein:\n    1: [a]\n  adl:\n    1: []\n    7: [x]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_descriptors(V13, bad)
    text = str(info.value)
    assert "regel 1, veld versie: dit bestand is voor 'zrm2017'" in text
    assert "Onbekend domein 'financein'" in text
    assert "verwacht beschrijvingen voor niveau 1 t/m 5" in text
    assert "veld domeinen.adl.1: verwacht 1 tot 3 niet-lege indicatoren" in text


def test_version_file_of_a_trainer_is_validated(tmp_path):
    path = tmp_path / "mijnversie.yaml"
    path.write_text(
        "id: mijnversie\nnaam: Mijn set\nniveaulabels: {1: a, 2: b, 3: c, 4: d}\n"
        "domeinen:\n  - {id: wonen, naam: Wonen}\n  - {id: wonen, naam: Wonen 2}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_version(path)
    assert "niveaulabels: verwacht precies de niveaus 1, 2, 3, 4 en 5" in str(info.value)
    assert "domein 'wonen' komt twee keer voor" in str(info.value)
    with pytest.raises(ZrmError, match="Onbekende ZRM-versie 'zrm1999'"):
        load_version("zrm1999")


def test_mapping_documentation_is_up_to_date():
    from pathlib import Path

    from wijkteam_kit.zrm import available_mappings, mapping_markdown

    doc = (Path(__file__).resolve().parent.parent / "docs" / "zrm-versies.md").read_text(encoding="utf-8")
    for source, target in available_mappings():
        assert mapping_markdown(source, target) in doc, (
            f"docs/zrm-versies.md is out of date for {source}→{target}"
        )


def test_malformed_descriptor_file_in_environment_gives_a_clear_error(tmp_path, monkeypatch):

    bad = tmp_path / "lijst.yaml"
    bad.write_text("- dit is een lijst\n- geen groep velden\n", encoding="utf-8")
    monkeypatch.setenv(settings.ZRM_BESCHRIJVINGEN.name, str(bad))
    with pytest.raises(DataFileError, match=r"lijst\.yaml, regel 1: verwacht een groep velden"):
        load_version("zrm2013")
