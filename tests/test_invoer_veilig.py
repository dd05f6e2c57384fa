"""Every file a trainer opens is safe: limits before parsing, one Dutch error with the place, refusing what is
wrong, and the Network Canvas import. (The random part is tests/test_fuzz_loaders.py.)"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
import yaml

from tests._fuzz import ROOT, attacks, english
from wijkteam_kit._basis.catalogue import data_path
from wijkteam_kit._basis.jsonsource import load_json_text
from wijkteam_kit._basis.schema import looks_english
from wijkteam_kit._basis.yamlsource import MAX_YAML_BYTES, load_yaml_file, load_yaml_text
from wijkteam_kit.casus.model import check_files, load_casus
from wijkteam_kit.errors import (
    CasusError,
    DataFileError,
    NetwerkError,
    ProblemsError,
    StoreError,
    WijkteamError,
)
from wijkteam_kit.netwerk.graphml import atlas_from_graphml, read_graphml_data
from wijkteam_kit.netwerk.io import atlas_from_data, atlas_from_json
from wijkteam_kit.netwerk.networkcanvas import (
    BOOLEAN_SECTOR,
    VOORBEELD_EXPORT,
    atlas_from_network_canvas,
    guess_mapping,
    is_network_canvas,
    mapping_problems,
    parse_value_map,
)
from wijkteam_kit.store import read_csv, read_export
from wijkteam_kit.zrm.versions import load_descriptors, load_version


def person(pid: str, **kw) -> dict:
    return {"id": pid, "naam": pid.title(), "relatie": "buur", "sector": "buurt", "cirkel": 2, **kw}


# ---------------------------------------------------------------------------------------------- 1. limits
def test_alias_bomb_in_a_casus_is_refused_fast_naming_file_and_line(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(dict(attacks("casus"))["alias-bom"])
    started = time.perf_counter()
    with pytest.raises(CasusError) as info:
        load_casus(path)
    assert time.perf_counter() - started < 1
    assert str(path) in str(info.value) and "regel " in str(info.value)
    assert "verwijzingen (*alias)" in str(info.value)


def test_recursive_alias_duplicate_key_and_size(tmp_path):
    with pytest.raises(
        ProblemsError, match=r"regel 1, veld a\[0\]: een verwijzing \(\*alias\) bevat zichzelf"
    ):
        load_yaml_text("a: &a [*a]\n", "x.yaml")
    with pytest.raises(ProblemsError, match=r"x.yaml, regel 3, veld naam: de sleutel 'naam' staat twee keer"):
        load_yaml_text("id: a\nnaam: A\nnaam: B\n", "x.yaml")
    big = tmp_path / "groot.yaml"
    big.write_bytes(b"a: '" + b"x" * MAX_YAML_BYTES + b"'\n")
    with pytest.raises(ProblemsError, match="te groot"):
        load_yaml_file(big)


def test_yaml_syntax_errors_are_dutch_with_the_line():
    for text in (
        "a: b: c\n",
        "a: 'open\n",
        "- a\nb: c\n",
        "a: *onbekend\n",
        "a:\t\tb\n\tc: d\n",
        "x: !!python/none ''",
    ):
        with pytest.raises(ProblemsError) as info:
            load_yaml_text(text, "f.yaml")
        assert not english(info.value), text
        assert info.value.problems[0].line is not None, text


def test_yaml_merge_keys_still_work_within_the_budget():
    doc = load_yaml_text("basis: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n", "m.yaml")
    assert doc.data["x"] == {"a": 1, "c": 2}


def test_json_limits_name_file_and_line():
    with pytest.raises(ProblemsError, match=r"kaart\.json: dit bestand is te diep genest"):
        load_json_text("[" * 100_000 + "]" * 100_000, "kaart.json")
    with pytest.raises(ProblemsError, match="een getal van 5000 tekens"):
        load_json_text('{"a": ' + "9" * 5000 + "}", "kaart.json")
    with pytest.raises(
        ProblemsError, match=r"kaart.json, regel 3: geen geldige JSON: hier ontbreekt een komma"
    ):
        load_json_text('{\n"a": 1\n"b": 2}', "kaart.json")


def test_graphml_dtd_and_entities_are_refused_before_expansion():
    bomb = dict(attacks("graphml"))
    for name in ("entiteit-bom", "externe-entiteit", "parameter-entiteit", "externe-dtd"):
        with pytest.raises(NetwerkError, match="DTD") as info:
            atlas_from_graphml(bomb[name], "kaart.graphml")
        assert "kaart.graphml" in str(info.value) and not english(info.value)


def test_graphml_bad_values_name_node_and_field():
    text = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="c" for="node" attr.name="cirkel" '
        'attr.type="int"/><key id="p" for="node" attr.name="positie_x" attr.type="double"/>'
        '<graph><node id="ans"><data key="c">twee</data><data key="p">INF</data></node></graph></graphml>'
    )
    with pytest.raises(NetwerkError) as info:
        read_graphml_data(text, "k.graphml")
    shown = str(info.value)
    assert "veld knoop 'ans'.cirkel: verwacht een heel getal, kreeg 'twee'" in shown
    assert "veld knoop 'ans'.positie_x: verwacht een gewoon getal, kreeg 'INF'" in shown


def test_csv_cell_over_the_limit_names_the_line():
    header = b"id;soort;deelnemer_id;weergavenaam;over_id;rol;sessie;aangemaakt;bijgewerkt;x"
    with pytest.raises(
        StoreError, match=r"CSV-import, regel 2: deze regel is niet te lezen \(een cel langer dan"
    ):
        read_csv(header + b"\nx1;zrm;p-abcdef;Kim;;;;;;" + b"a" * 140_000 + b"\n", "zrm")


# ---------------------------------------------------------------------------------------------- 2. Dutch
def test_schema_messages_are_dutch_for_every_common_kind():
    data = {
        "client": {"naam": "x" * 100},
        "personen": [
            person("a", positie=[1, 2, 3]),
            person("b", geboortejaar="ooit"),
            person("c", cirkel=2.5),
        ],
    }
    with pytest.raises(NetwerkError) as info:
        atlas_from_data(data, "kaart.json")
    messages = [p.message for p in info.value.problems]
    assert "te lang: hoogstens 80 tekens, kreeg er 100" in messages
    assert not [m for m in messages if looks_english(m)], messages
    assert all(p.source == "kaart.json" and p.field for p in info.value.problems)


def test_looks_english_catches_library_text():
    assert looks_english("String should have at most 80 characters")
    assert looks_english("invalid literal for int() with base 10: 'x'")
    assert not looks_english("verwacht een heel getal, kreeg 'the end'")


def test_backup_errors_name_the_record():
    text = json.dumps({"formaat": "wijkteam-kit-opslag", "schema": 1, "deelnemers": [{"id": "p-abcdef"}]})
    with pytest.raises(
        StoreError, match=r"import, veld deelnemers\[0\]\.weergavenaam: verplicht veld ontbreekt"
    ):
        read_export(text)
    for bad in ("true", "-1", "0", '"1"'):
        with pytest.raises(StoreError, match="veld schema"):
            read_export('{"formaat": "wijkteam-kit-opslag", "schema": ' + bad + "}")


# ---------------------------------------------------------------------------------------------- 3. refuse
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"personen": [person("a", cirkel=True)]},
            "personen[0].cirkel: verwacht een getal, kreeg true (ja/nee)",
        ),
        ({"personen": [person("a", sinds="T2", tot="T1")]}, "personen[0].tot: tot T1 ligt niet na sinds T2"),
        ({"personen": [person("a", sinds="T1", tot="T1")]}, "personen[0].tot: tot T1 ligt niet na sinds T1"),
        ({"personen": [person("a", positie=[float("inf"), 0])]}, "positie[0]: verwacht een gewoon getal"),
        ({"personen": [person("a", geboortejaar=False)]}, "geboortejaar: verwacht een getal, kreeg false"),
        (
            {
                "personen": [person("a"), person("b"), person("c")],
                "afstamming": [
                    {"kind": "a", "ouders": ["b"]},
                    {"kind": "b", "ouders": ["c"]},
                    {"kind": "c", "ouders": ["a"]},
                ],
            },
            "afstamming[2].ouders[0]: 'a' als ouder van 'c' maakt een kring",
        ),
    ],
)
def test_wrong_values_are_refused(change, expected):
    with pytest.raises(NetwerkError) as info:
        atlas_from_data(change, "kaart.json")
    assert expected in str(info.value)


def test_wrong_values_in_a_casus_are_refused_with_the_line(tmp_path):
    base = (ROOT / "casuses" / "mantelzorg-dementie.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mantelzorg-dementie.yaml"
    path.write_text(re.sub(r"cirkel: 1", "cirkel: true", base, count=1), encoding="utf-8")
    with pytest.raises(
        CasusError, match=r"regel \d+, veld netwerk\.personen\[\d+\]\.cirkel: verwacht een getal"
    ):
        load_casus(path)


def test_descriptor_keys_must_be_levels(tmp_path):
    path = tmp_path / "eigen.yaml"
    levels = "\n".join(f'    {k}: ["tekst {k}"]' for k in ("true", 2, 3, 4, 5))
    path.write_text(f"versie: zrm2013\ndomeinen:\n  financien:\n{levels}\n", encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"regel 4, veld domeinen.financien.true: de sleutel 'true' past hier niet"
    ):
        load_descriptors(load_version("zrm2013"), path)


# ---------------------------------------------------------------------------------------------- 4. Network Canvas
def test_network_canvas_example_opens_with_names_circles_sectors_and_ties():
    atlas = atlas_from_graphml(VOORBEELD_EXPORT, "gerda.graphml")
    assert atlas.client.naam == "Gerda"
    assert [(p.naam, p.cirkel, p.sector) for p in atlas.personen] == [
        ("Henk", 1, "familie"),
        ("Ans", 2, "vrienden"),
        ("Ria Smit", 3, "buurt"),
        ("Huisarts Öztürk", 4, "professionals"),
    ]
    assert [(t.van, t.naar, t.frequentie) for t in atlas.banden] == [
        ("client", "henk", "dagelijks"),
        ("client", "ans", "wekelijks"),
        ("client", "ria-smit", "maandelijks"),
        ("client", "huisarts-ozturk", "minder"),
        ("henk", "ans", "maandelijks"),
        ("henk", "ria-smit", "maandelijks"),
    ]
    henk = atlas.person("henk")
    assert henk.toelichting == "Uit Network Canvas: woont_dichtbij: true"  # unmapped, kept as a note


def test_network_canvas_mapping_can_be_changed():
    export = read_graphml_data(VOORBEELD_EXPORT, "gerda.graphml")
    guess = guess_mapping(export)
    reversed_order, problems = parse_value_map("1 = 4\n2 = 3\n3 = 2\n4 = 1", "cirkel")
    assert not problems
    sectors = {**guess.sector_waarden, "vrienden": "vrijwilligers/verenigingen"}
    atlas = atlas_from_network_canvas(
        export,
        guess.__class__(**{**guess.__dict__, "cirkel_waarden": reversed_order, "sector_waarden": sectors}),
    )
    assert atlas.person("henk").cirkel == 4 and atlas.person("ans").sector == "vrijwilligers/verenigingen"


def test_network_canvas_categorical_sector_and_numeric_closeness():
    text = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns">'
        '<key id="t" attr.name="networkCanvasType" attr.type="string" for="node"/>'
        '<key id="n" attr.name="name" attr.type="string" for="node"/>'
        '<key id="c" attr.name="closeness" attr.type="int" for="node"/>'
        '<key id="r" attr.name="relationship" attr.type="string" for="node"/>'
        '<key id="q" attr.name="tie_quality" attr.type="string" for="all"/>'
        '<graph><node id="1"><data key="t">person</data><data key="n">Sam</data><data key="c">10</data>'
        '<data key="r">family</data><data key="q">good</data></node>'
        '<node id="2"><data key="t">person</data><data key="n">Lee</data><data key="c">50</data>'
        '<data key="r">neighbour</data><data key="q">conflict</data></node>'
        '<edge source="1" target="2"><data key="q">mixed</data></edge></graph></graphml>'
    )
    export = read_graphml_data(text, "nc.graphml")
    guess = guess_mapping(export)
    assert (guess.naam, guess.cirkel, guess.sector, guess.kwaliteit) == (
        "name",
        "closeness",
        "relationship",
        "tie_quality",
    )
    atlas = atlas_from_network_canvas(export, guess)
    assert [(p.naam, p.cirkel, p.sector) for p in atlas.personen] == [
        ("Sam", 1, "familie"),
        ("Lee", 4, "buurt"),
    ]
    assert [t.kwaliteit for t in atlas.banden] == ["steunend", "belastend", "wisselend"]


def test_network_canvas_that_cannot_be_mapped_says_what_is_missing():
    text = re.sub(
        r'<data key="(nabijheid|familie|vrienden|buren|hulpverlening)">[^<]*</data>', "", VOORBEELD_EXPORT
    )
    export = read_graphml_data(text, "x.graphml")
    assert is_network_canvas(export)
    assert len(mapping_problems(export, guess_mapping(export))) == 2
    with pytest.raises(NetwerkError) as info:
        atlas_from_graphml(text, "x.graphml")
    shown = str(info.value)
    assert "Dit lijkt een export uit Network Canvas" in shown
    assert "welke variabele de cirkel geeft" in shown and "welke variabele de sector geeft" in shown
    assert "ego=true" not in shown


def test_network_canvas_person_without_sector_is_named():
    text = VOORBEELD_EXPORT.replace('<data key="vrienden">true</data>', "")
    with pytest.raises(NetwerkError, match=r"veld knoop 'n2': Ans: geen van de ja/nee-variabelen"):
        atlas_from_graphml(text, "x.graphml")
    assert guess_mapping(read_graphml_data(text, "x")).sector == BOOLEAN_SECTOR


# ---------------------------------------------------------------------------------------------- existing files
def test_every_shipped_file_still_loads():
    report = check_files([ROOT / "casuses"])
    assert report and all(not problems for problems in report.values()), report
    for path in sorted(data_path().rglob("*.yaml")):
        load_yaml_file(path)  # no duplicate keys, aliases or odd numbers in the kit's own data


def _blocks(doc: str, lang: str) -> list[str]:
    text = (ROOT / doc).read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def test_docs_examples_still_load(tmp_path):
    from wijkteam_kit.competenties.frameworks import load_framework
    from wijkteam_kit.intervisie.methodes import load_method
    from wijkteam_kit.plan.taal import load_jargon

    (tmp_path / "mijn-kader.yaml").write_text(_blocks("docs/competenties.md", "yaml")[0], encoding="utf-8")
    load_framework(tmp_path / "mijn-kader.yaml")
    method = yaml.safe_load(_blocks("docs/intervisie.md", "yaml")[0])
    (tmp_path / f"{method['id']}.yaml").write_text(_blocks("docs/intervisie.md", "yaml")[0], encoding="utf-8")
    load_method(tmp_path / f"{method['id']}.yaml")
    (tmp_path / "jargon.yaml").write_text(_blocks("docs/plan-feedback.md", "yaml")[0], encoding="utf-8")
    load_jargon(tmp_path / "jargon.yaml")
    atlas_from_json(_blocks("docs/netwerkatlas.md", "json")[0], "netwerkatlas.md")
    netwerk = load_yaml_text(_blocks("casuses/README.md", "yaml")[0], "README.md").data["netwerk"]
    atlas_from_data(netwerk, "README.md")
    (example,) = _blocks("docs/netwerkatlas.md", "xml")  # the Network Canvas example of the guide
    atlas = atlas_from_graphml(example, "netwerkatlas.md")
    assert (atlas.client.naam, [(p.naam, p.cirkel, p.sector) for p in atlas.personen]) == (
        "Mustafa",
        [("Yasmina", 1, "familie"), ("Piet", 3, "buurt")],
    )


def test_an_error_is_always_a_wijkteam_error():
    assert issubclass(NetwerkError, WijkteamError) and issubclass(StoreError, WijkteamError)
    assert Path(__file__).name == "test_invoer_veilig.py"


# The way Network Canvas's own exporter writes a file: key ids are variable UUIDs, names in attr.name, a
# categorical variable split into one boolean key per option, a label per node, layout as _X/_Y.
NC_REALISTIC = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns"
  nc:caseID="c-9" nc:sessionUUID="s-9" nc:protocolName="p">
  <key id="label" attr.name="label" attr.type="string" for="node"/>
  <key id="networkCanvasType" attr.name="networkCanvasType" attr.type="string" for="all"/>
  <key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" for="all"/>
  <key id="9f1a" attr.name="name" attr.type="string" for="node"/>
  <key id="77c2" attr.name="close" attr.type="int" for="node"/>
  <key id="a0b1_1" attr.name="rel_family" attr.type="boolean" for="node"/>
  <key id="a0b1_2" attr.name="rel_neighbour" attr.type="boolean" for="node"/>
  <key id="a0b1_3" attr.name="rel_professional" attr.type="boolean" for="node"/>
  <key id="c3d4_1" attr.name="often_daily" attr.type="boolean" for="node"/>
  <key id="c3d4_2" attr.name="often_weekly" attr.type="boolean" for="node"/>
  <key id="c3d4_3" attr.name="often_yearly" attr.type="boolean" for="node"/>
  <key id="e5f6_X" attr.name="layout_X" attr.type="double" for="node"/>
  <key id="e5f6_Y" attr.name="layout_Y" attr.type="double" for="node"/>
  <key id="networkCanvasFromUUID" attr.name="networkCanvasFromUUID" attr.type="string" for="edge"/>
  <key id="networkCanvasToUUID" attr.name="networkCanvasToUUID" attr.type="string" for="edge"/>
  <graph edgedefault="undirected">
    <node id="1"><data key="networkCanvasUUID">u1</data><data key="networkCanvasType">person</data>
      <data key="label">Kim</data><data key="9f1a">Kim</data><data key="77c2">1</data>
      <data key="a0b1_1">true</data><data key="a0b1_2">false</data><data key="a0b1_3">false</data>
      <data key="c3d4_1">true</data><data key="c3d4_2">false</data><data key="c3d4_3">false</data>
      <data key="e5f6_X">310.5</data><data key="e5f6_Y">220.0</data></node>
    <node id="2"><data key="networkCanvasUUID">u2</data><data key="networkCanvasType">person</data>
      <data key="label">Joop</data><data key="9f1a">Joop</data><data key="77c2">3</data>
      <data key="a0b1_1">false</data><data key="a0b1_2">true</data><data key="a0b1_3">false</data>
      <data key="c3d4_1">false</data><data key="c3d4_2">false</data><data key="c3d4_3">true</data></node>
    <edge id="e1" source="1" target="2"><data key="networkCanvasUUID">t1</data>
      <data key="networkCanvasType">knows</data><data key="networkCanvasFromUUID">u1</data>
      <data key="networkCanvasToUUID">u2</data></edge>
  </graph>
</graphml>"""


def test_network_canvas_as_its_exporter_writes_it():
    export = read_graphml_data(NC_REALISTIC, "c-9.graphml")
    guess = guess_mapping(export)
    assert (guess.naam, guess.cirkel, guess.sector, guess.frequentie) == ("name", "close", "rel", "often")
    assert guess.sector_waarden == {"family": "familie", "neighbour": "buurt", "professional": "professionals"}
    atlas = atlas_from_graphml(NC_REALISTIC, "c-9.graphml")
    assert atlas.client.naam == "c-9"  # no ego name asked: the case id
    assert [(p.naam, p.cirkel, p.sector, p.relatie) for p in atlas.personen] == [
        ("Kim", 1, "familie", "familie"),
        ("Joop", 3, "buurt", "buur"),
    ]
    assert [(t.van, t.naar, t.frequentie) for t in atlas.banden] == [
        ("client", "kim", "dagelijks"),
        ("client", "joop", "minder"),
        ("kim", "joop", "maandelijks"),
    ]
    assert all(p.toelichting == "" for p in atlas.personen)  # layout and bookkeeping are not notes
