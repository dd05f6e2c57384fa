from pathlib import Path

import pytest
import yaml

from wijkteam_kit.app.cli import main
from wijkteam_kit.casus import check_files, default_library_dir, load_casus, load_library
from wijkteam_kit.errors import CasusError
from wijkteam_kit.zrm import load_version

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "casuses").glob("*.yaml"))


def test_library_has_at_least_twelve_rich_casuses():
    assert default_library_dir() == ROOT / "casuses"
    library = load_library()
    assert len(library) >= 12
    versions = {c.zrm.versie for c in library}
    assert versions == {"zrm2013", "zrm2017", "groningen"}  # every shipped version is exercised
    assert all(c.t1 is not None for c in library)  # every casus has a later moment for the evaluation


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_casus_is_valid_and_rich_enough(path):
    casus = load_casus(path)
    assert casus.id == path.stem
    assert len(casus.paragraphs) >= 3
    assert len(casus.netwerk.personen) >= 5 and len(casus.netwerk.banden) >= 5
    assert len(casus.krachten) >= 2 and casus.leervragen and casus.dilemmas
    ref = casus.reference_assessment()
    levels = [lvl for lvl in ref.levels().values() if lvl is not None]
    assert len(levels) >= len(load_version(casus.zrm.versie).domains) - 3  # nearly every domain scored
    assert any(lvl <= 3 for lvl in levels) and any(lvl >= 4 for lvl in levels)  # problems and strengths
    assert all(s.note for s in ref.scores.values())  # a rationale for every domain


def _good() -> dict:
    return yaml.safe_load((ROOT / "casuses" / "mantelzorg-dementie.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict, name: str = "proef.yaml") -> Path:
    data = dict(data)
    data["id"] = Path(name).stem
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _person(data: dict, index: int) -> dict:
    return data["netwerk"]["personen"][index]


BROKEN = {
    "missing title": (lambda d: d.pop("titel"), "veld titel: verplicht veld ontbreekt"),
    "unknown field": (
        lambda d: d.__setitem__("samenvating", "x"),
        "veld samenvating: onbekend veld; bedoelde u 'samenvatting'?",
    ),
    "level 6": (
        lambda d: d["zrm"]["scores"]["financien"].__setitem__("niveau", 6),
        "veld zrm.scores.financien.niveau: Domein 'financien' (Financiën): niveau 6 bestaat niet",
    ),
    "half level": (
        lambda d: d["zrm"]["scores"]["adl"].__setitem__("niveau", 2.5),
        "halve niveaus bestaan niet",
    ),
    "unknown domain": (
        lambda d: d["zrm"]["scores"].__setitem__("wonen", {"niveau": 3, "toelichting": "x"}),
        "veld zrm.scores.wonen: Onbekend domein 'wonen'",
    ),
    "missing domain": (lambda d: d["zrm"]["scores"].pop("justitie"), "ontbreekt: justitie"),
    "unknown version": (
        lambda d: d["zrm"].__setitem__("versie", "zrm2030"),
        "Onbekende ZRM-versie 'zrm2030'",
    ),
    "circle 7": (
        lambda d: _person(d, 0).__setitem__("cirkel", 7),
        "veld netwerk.personen[0].cirkel: verwacht hoogstens 4, kreeg 7",
    ),
    "duplicate person": (
        lambda d: _person(d, 1).__setitem__("id", _person(d, 0)["id"]),
        "komt twee keer voor",
    ),
    "tie to unknown person": (
        lambda d: d["netwerk"]["banden"][0].__setitem__("naar", "onbekende-oom"),
        "onbekende persoon 'onbekende-oom'",
    ),
    "bad sector": (lambda d: _person(d, 0).__setitem__("sector", "kerk"), "verwacht één van 'familie'"),
    "bad rung": (lambda d: d["participatieladder"].__setitem__("trede", 7), "trede 7 bestaat niet"),
    "bad phase": (lambda d: d.__setitem__("fase", "intake"), "veld fase: verwacht één van 'analysefase'"),
    "one paragraph": (lambda d: d.__setitem__("verhaal", "Maar één alinea."), "minstens twee alinea's"),
    "wrong type": (lambda d: d.__setitem__("krachten", "veel"), "veld krachten: verwacht een lijst"),
    "bsn in text": (
        lambda d: d.__setitem__("samenvatting", "BSN 111222333 staat in het dossier."),
        "lijkt op een echt BSN (111222333)",
    ),
    "phone in text": (
        lambda d: d.__setitem__("eerdere_hulp", "Bel 06-12345678."),
        "telefoonnummer (06-12345678)",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_casus_is_rejected_with_the_right_message(tmp_path, case):
    mutate, message = BROKEN[case]
    data = _good()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(CasusError) as info:
        load_casus(path)
    text = str(info.value)
    assert message in text
    assert str(path) in text  # the file is named


def test_every_problem_of_a_file_is_reported_with_lines(tmp_path):
    data = _good()
    data.pop("titel")
    data["zrm"]["scores"]["financien"]["niveau"] = 9
    _person(data, 0)["cirkel"] = 0
    data["netwerk"]["banden"][0]["van"] = "niemand"
    path = _write(tmp_path, data)
    problems = check_files([path])[str(path)]
    fields = [p.field for p in problems]
    assert {
        "titel",
        "zrm.scores.financien.niveau",
        "netwerk.personen[0].cirkel",
        "netwerk.banden[0].van",
    } <= set(fields)
    assert all(p.line for p in problems if p.field != "titel")
    lines = path.read_text(encoding="utf-8").splitlines()
    cirkel = next(p for p in problems if p.field == "netwerk.personen[0].cirkel")
    assert "cirkel" in lines[cirkel.line - 1]


def test_broken_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text('id: kapot\ntitel: "open aanhalingsteken\nfase: analysefase\n', encoding="utf-8")
    with pytest.raises(CasusError, match=r"kapot\.yaml, regel \d+: dit is geen geldige YAML"):
        load_casus(path)
    bad_indent = tmp_path / "inspring.yaml"
    bad_indent.write_text("id: inspring\nzrm:\n  versie: zrm2013\n scores: {}\n", encoding="utf-8")
    with pytest.raises(CasusError, match=r"inspring\.yaml, regel 4: dit is geen geldige YAML"):
        load_casus(bad_indent)


def test_id_must_match_file_name(tmp_path):
    data = _good()
    path = tmp_path / "andere-naam.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CasusError, match="moet gelijk zijn aan de bestandsnaam"):
        load_casus(path)


def test_cli_check_reports_all_files_and_exit_code(tmp_path, capsys):
    good = _write(tmp_path, _good(), "goed.yaml")
    data = _good()
    data["netwerk"]["personen"][0]["cirkel"] = 7
    bad = _write(tmp_path, data, "fout.yaml")
    (tmp_path / "kapot.yaml").write_text("a: [\n", encoding="utf-8")
    assert main(["casus", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"✓ {good}" in out and f"✗ {bad}" in out and "kapot.yaml" in out
    assert "1 van 3 bestanden in orde." in out
    assert main(["casus", "check", str(good)]) == 0
    assert main(["casus", "check"]) == 0  # the shipped library


def test_cli_lists_the_library(capsys):
    assert main(["casus", "list"]) == 0
    assert "mantelzorg-dementie" in capsys.readouterr().out


def test_broken_library_is_not_half_loaded(tmp_path):
    _write(tmp_path, _good(), "goed.yaml")
    (tmp_path / "kapot.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(CasusError, match=r"kapot\.yaml"):
        load_library(tmp_path)


# --------------------------------------------------------------------------- the safety route (meldcode)
def _safety() -> dict:
    return yaml.safe_load((ROOT / "casuses" / "veiligheid-kind-meldcode.yaml").read_text(encoding="utf-8"))


def _kader(data: dict) -> list:
    return data["veiligheid"]["afwegingskader"]


BROKEN_SAFETY = {
    "step missing": (
        lambda d: d["veiligheid"]["stappen"].pop(2),
        "veld veiligheid: stappen: verwacht de vijf stappen van de meldcode",
    ),
    "steps swapped": (
        lambda d: d["veiligheid"]["stappen"].reverse(),
        "kreeg beslissen, wegen, gesprek, collegiale_consultatie, signalen_in_kaart",
    ),
    "unknown step": (
        lambda d: d["veiligheid"]["stappen"][0].__setitem__("stap", "melden"),
        "veld veiligheid.stappen[0].stap",
    ),
    "questions out of order": (
        lambda d: _kader(d).reverse(),
        "afwegingskader: verwacht de vragen in deze volgorde, vanaf de eerste",
    ),
    "no report despite structural unsafety": (
        lambda d: d["veiligheid"].__setitem__("besluit", "hulp_organiseren"),
        "volgens het afwegingskader is melden bij Veilig Thuis nodig",
    ),
    "help refused but no report": (
        lambda d: (
            _kader(d)[1].__setitem__("antwoord", "nee"),
            _kader(d)[3].__setitem__("antwoord", "nee"),
            d["veiligheid"].__setitem__("besluit", "hulp_organiseren"),
        ),
        "verwacht 'melden' of 'melden_en_hulp'",
    ),
    "report without reason": (
        lambda d: (_kader(d)[1].__setitem__("antwoord", "nee"), d["veiligheid"].__setitem__("besluit", "melden")),
        "geeft een vermoeden zonder reden om te melden: verwacht 'hulp_organiseren'",
    ),
    "no suspicion": (
        lambda d: (_kader(d)[0].__setitem__("antwoord", "nee"), d["veiligheid"].__setitem__("besluit", "melden")),
        "geeft geen vermoeden: verwacht 'geen_vermoeden'",
    ),
    "only the first question": (
        lambda d: d["veiligheid"].__setitem__("afwegingskader", _kader(d)[:1]),
        "hoort ook de vraag acute_of_structurele_onveiligheid",
    ),
    "answer maybe": (lambda d: _kader(d)[2].__setitem__("antwoord", "misschien"), "afwegingskader[2].antwoord"),
    "no escalation": (
        lambda d: d["veiligheid"].pop("escalatie"),
        "veld veiligheid.escalatie: verplicht veld ontbreekt",
    ),
}


@pytest.mark.parametrize("case", BROKEN_SAFETY, ids=list(BROKEN_SAFETY))
def test_safety_route_follows_the_meldcode(tmp_path, case):
    mutate, message = BROKEN_SAFETY[case]
    data = _safety()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(CasusError) as info:
        load_casus(path)
    assert message in str(info.value)


def test_safety_route_is_optional_and_shown_with_the_reference_plan():
    from wijkteam_kit.plan import Plan
    from wijkteam_kit.ui.plan_schrijven.app import reference_html

    casus = load_casus(ROOT / "casuses" / "veiligheid-kind-meldcode.yaml")
    route = casus.veiligheid
    assert route is not None and route.melden_nodig and route.besluit == "melden_en_hulp"
    assert route.stappen[0].stap == "signalen_in_kaart" and route.stappen_met_naam()[1][0].startswith("2.")
    assert load_casus(ROOT / "casuses" / "mantelzorg-dementie.yaml").veiligheid is None
    html = reference_html(Plan(zrm_versie=casus.zrm.versie), casus)
    assert "Veiligheidsroute (meldcode)" in html and "Collegiale consultatie" in html
    assert "Besluit: melden bij Veilig Thuis én hulp organiseren" in html
