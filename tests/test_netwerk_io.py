"""Netwerkatlas model, casus builder, JSON / GraphML round trips, egor tables and broken files."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.errors import NetwerkError
from wijkteam_kit.netwerk import Afstamming, Band, Client, Gebeurtenis, Koppel, Netwerkatlas, Persoon
from wijkteam_kit.netwerk.egor import egor_tables, egor_zip
from wijkteam_kit.netwerk.graphml import atlas_from_graphml, atlas_to_graphml
from wijkteam_kit.netwerk.io import (
    atlas_from_casus,
    atlas_from_data,
    atlas_from_json,
    atlas_to_data,
    atlas_to_json,
    identifier_warnings,
    read_atlas,
    write_atlas,
)

LIBRARY = load_library()


def person(pid: str, **kw) -> Persoon:
    base = {"naam": pid.title(), "relatie": "vriend", "sector": "vrienden", "cirkel": 2}
    return Persoon(id=pid, **{**base, **kw})


def tie(a: str, b: str, **kw) -> Band:
    return Band(van=a, naar=b, **{"frequentie": "wekelijks", "kwaliteit": "steunend", **kw})


@pytest.fixture
def atlas() -> Netwerkatlas:
    return Netwerkatlas(
        client=Client(
            naam="Gerda", geslacht="vrouw", geboortejaar=1952, vraag="Thuis blijven.", krachten=("koor",)
        ),
        personen=(
            person("henk", relatie="partner", sector="familie", cirkel=1, huishouden=True, geslacht="man"),
            person("ans", geboortejaar=1951, positie=(1.2, -0.4)),
            person("moeder", relatie="ouder", sector="familie", cirkel=4, overleden=True, geslacht="vrouw"),
            person("joop", relatie="vrijwilliger", sector="vrijwilligers/verenigingen", cirkel=3, sinds="T1"),
        ),
        banden=(
            tie(
                "client", "henk", frequentie="dagelijks", kwaliteit="wisselend", steun_gegeven=("praktisch",)
            ),
            tie("ans", "client", steun_ontvangen=("gezelschap",), steun_gegeven=("emotioneel",)),
            tie("henk", "ans", frequentie="maandelijks"),
            tie("client", "joop", steun_ontvangen=("praktisch",), sinds="T1"),
        ),
        koppels=(Koppel(a="client", b="henk"),),
        afstamming=(Afstamming(kind="client", ouders=("moeder",)),),
        gebeurtenissen=(Gebeurtenis(jaar=2021, omschrijving="Diagnose van Henk", valentie="negatief"),),
    )


# -- model ----------------------------------------------------------------------------------------


def test_tie_written_towards_client_is_turned_around_with_its_support(atlas):
    t = atlas.tie("client", "ans")
    assert (t.van, t.naar) == ("client", "ans")
    assert t.steun_ontvangen == ("emotioneel",) and t.steun_gegeven == ("gezelschap",)


def test_graph_has_ego_and_alter_views(atlas):
    g = atlas.graph()
    assert g.nodes["client"]["ego"] is True and g.number_of_nodes() == 5
    assert g.number_of_edges() == 4
    assert sorted(atlas.alter_graph().edges) in ([("ans", "henk")], [("henk", "ans")])


def test_editing_returns_new_atlas_and_removing_a_person_removes_its_relations(atlas):
    smaller = atlas.without_person("henk")
    assert "henk" in atlas.ids and "henk" not in smaller.ids
    assert all("henk" not in t.pair for t in smaller.banden)
    assert smaller.koppels == ()
    edited = atlas.with_person(person("ans", cirkel=1))
    assert edited.ids == atlas.ids and edited.person("ans").cirkel == 1
    assert edited.tie("client", "ans") is not None
    with pytest.raises(KeyError, match="onbekende persoon 'nobody'"):
        atlas.with_tie(tie("client", "nobody"))
    with pytest.raises(ValueError, match="gereserveerd"):
        atlas.with_person(person("client"))


def test_snapshots(atlas):
    t0, t1 = atlas.at_moment("T0"), atlas.at_moment("T1")
    assert "joop" not in t0.ids and "joop" in t1.ids
    assert t0.tie("client", "joop") is None and t1.tie("client", "joop") is not None
    assert atlas.moments() == ("T0", "T1") and t1.moment == "T1"


# -- casus ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("casus", LIBRARY, ids=lambda c: c.id)
def test_every_casus_builds_and_round_trips(casus):
    full = atlas_from_casus(casus, moment=None)
    assert len(full.personen) == len(casus.netwerk.personen)
    for moment in full.moments():
        snap = full.at_moment(moment)
        assert atlas_from_json(atlas_to_json(snap)) == snap
        assert atlas_from_graphml(atlas_to_graphml(snap)) == snap
    assert atlas_from_graphml(atlas_to_graphml(full)) == full


def test_casus_without_client_section_uses_first_household_member():
    casus = LIBRARY[0]
    bare = casus.model_copy(update={"netwerk": casus.netwerk.model_copy(update={"client": None})})
    assert atlas_from_casus(bare).client.naam == casus.huishouden[0].naam


# -- JSON -----------------------------------------------------------------------------------------


def test_json_round_trip_keeps_everything(atlas, tmp_path):
    text = atlas_to_json(atlas)
    assert json.loads(text)["soort"] == "wijkteam-kit netwerkatlas"
    assert atlas_from_json(text) == atlas
    assert atlas_from_json(text.encode("utf-8-sig")) == atlas
    path = write_atlas(atlas, tmp_path / "kaart.json")
    assert read_atlas(path) == atlas


def test_empty_network_is_valid():
    empty = Netwerkatlas()
    assert atlas_from_json(atlas_to_json(empty)) == empty
    assert atlas_from_graphml(atlas_to_graphml(empty)) == empty
    assert egor_tables(empty)["alters.csv"].count("\n") == 1


def broken(atlas: Netwerkatlas, **changes) -> dict:
    data = atlas_to_data(atlas)
    for key, value in changes.items():
        data[key] = value(data[key]) if callable(value) else value
    return data


def messages(data: dict) -> list[str]:
    with pytest.raises(NetwerkError) as info:
        atlas_from_data(data, source="kaart.json")
    return [str(p) for p in info.value.problems]


def test_tie_to_unknown_person_is_named(atlas):
    found = messages(
        broken(
            atlas,
            banden=lambda b: [
                *b,
                {"van": "client", "naar": "piet", "frequentie": "wekelijks", "kwaliteit": "steunend"},
            ],
        )
    )
    assert found == [
        "kaart.json, veld banden[4].naar: onbekende persoon 'piet'; verwacht 'client' of een id uit de personen"
    ]


def test_circle_out_of_range_duplicate_ids_and_wrong_types_reported_together(atlas):
    def personen(items):
        items = [dict(p) for p in items]
        items[0]["cirkel"] = 7
        items[1]["id"] = "henk"
        items[2]["huishouden"] = "misschien"
        return items

    found = messages(broken(atlas, personen=personen))
    assert "kaart.json, veld personen[0].cirkel: verwacht hoogstens 4, kreeg 7" in found
    assert "kaart.json, veld personen[1].id: id 'henk' komt twee keer voor" in found
    assert any("personen[2].huishouden: verwacht ja of nee" in m for m in found)


def test_duplicate_tie_and_unknown_family_member(atlas):
    data = broken(
        atlas,
        banden=lambda b: [
            *b,
            {"van": "henk", "naar": "client", "frequentie": "wekelijks", "kwaliteit": "steunend"},
        ],
        afstamming=[{"kind": "client", "ouders": ["vader"]}],
    )
    found = messages(data)
    assert any("banden[4]: de band henk–client staat er twee keer" in m for m in found)
    assert any("afstamming[0].ouders[0]: onbekende persoon 'vader'" in m for m in found)


def test_broken_json_text_and_wrong_kind():
    with pytest.raises(NetwerkError, match=r"regel 1.*geen geldige JSON"):
        atlas_from_json("{personen: [}")
    with pytest.raises(NetwerkError, match="geen netwerkatlas"):
        atlas_from_json('{"soort": "iets anders"}')
    with pytest.raises(NetwerkError, match="JSON-object"):
        atlas_from_json("[1, 2]")
    with pytest.raises(NetwerkError, match="UTF-8"):
        atlas_from_json(b"\xff\xfe\x00\x01")


# -- GraphML --------------------------------------------------------------------------------------


def test_graphml_has_ego_data_at_graph_level_and_round_trips(atlas):
    text = atlas_to_graphml(atlas)
    assert 'for="graph"' in text and "Thuis blijven." in text
    assert atlas_from_graphml(text) == atlas


def test_graphml_problems_name_the_node(atlas):
    text = atlas_to_graphml(atlas).replace(">1</data>", ">9</data>", 1)
    with pytest.raises(NetwerkError, match=r"knoop '\w+'\.cirkel: verwacht hoogstens 4, kreeg 9"):
        atlas_from_graphml(text)
    with pytest.raises(NetwerkError, match="geen leesbaar GraphML"):
        atlas_from_graphml("<graphml><graph>")


def test_graphml_without_ego_is_refused():
    text = (
        atlas_to_graphml(Netwerkatlas())
        .replace('node id="client"', 'node id="x"')
        .replace(">True<", ">False<")
    )
    with pytest.raises(NetwerkError, match="precies één cliënt"):
        atlas_from_graphml(text)


# -- egor -----------------------------------------------------------------------------------------


def test_egor_tables_have_the_three_files_with_matching_ids(atlas):
    tables = egor_tables(atlas, ego_id="oefen1", names=True)
    egos = list(csv.DictReader(io.StringIO(tables["egos.csv"])))
    alters = list(csv.DictReader(io.StringIO(tables["alters.csv"])))
    ties = list(csv.DictReader(io.StringIO(tables["alter_ties.csv"])))
    assert egos == [
        {
            "egoID": "oefen1",
            "naam": "Gerda",
            "geslacht": "vrouw",
            "geboortejaar": "1952",
            "moment": "T0",
            "aantal_alters": "4",
        }
    ]
    henk = next(a for a in alters if a["alterID"] == "henk")
    assert (henk["frequentie_num"], henk["geeft_praktisch"], henk["ontvangt_praktisch"]) == ("4", "1", "0")
    moeder = next(a for a in alters if a["alterID"] == "moeder")
    assert (moeder["frequentie"], moeder["overleden"]) == ("", "1")
    assert ties == [
        {
            "egoID": "oefen1",
            "Source": "henk",
            "Target": "ans",
            "frequentie": "maandelijks",
            "frequentie_num": "2",
            "kwaliteit": "steunend",
            "weight": "2",
        }
    ]
    with zipfile.ZipFile(io.BytesIO(egor_zip(atlas))) as archive:
        assert sorted(archive.namelist()) == ["alter_ties.csv", "alters.csv", "egos.csv"]


def test_egor_tables_leave_names_out_by_default(atlas):
    tables = egor_tables(atlas)
    text = "".join(tables.values())
    headers = [table.splitlines()[0].split(",") for table in tables.values()]
    assert not any("naam" in columns for columns in headers)
    assert "Gerda" not in text and "Henk" not in text and "Ans" not in text
    assert tables["alters.csv"].splitlines()[0].startswith("egoID,alterID,relatie,sector,cirkel,")
    with zipfile.ZipFile(io.BytesIO(egor_zip(atlas))) as archive:
        assert b"Gerda" not in archive.read("egos.csv")


def test_identifier_warnings(atlas):
    assert identifier_warnings(atlas) == []
    risky = atlas.with_person(person("ans", toelichting="BSN 111222333"))
    assert [w.kind for w in identifier_warnings(risky)] == ["BSN"]
