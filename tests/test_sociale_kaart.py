"""The sociale kaart: the kit's own covers the field, a broken kaart is refused in Dutch, the plan app suggests."""

from __future__ import annotations

import pytest

from wijkteam_kit.app.cli import main
from wijkteam_kit.app.serve import use_sociale_kaart
from wijkteam_kit.errors import DataFileError
from wijkteam_kit.plan import load_sociale_kaart, read_sociale_kaart
from wijkteam_kit.plan.sociale_kaart import default_kaart_path
from wijkteam_kit.ui.plan_schrijven.formulier import PlanForm
from wijkteam_kit.zrm.versions import load_version

KAART = load_sociale_kaart()


def test_the_kits_kaart_has_light_voorzieningen_for_every_domain_and_the_kinds_the_issue_names():
    for domain in load_version("zrm2013").domain_ids:
        light = [v for v in KAART.voor(domain) if v.soort != "maatwerk"]
        assert light, f"geen voorliggende of algemene voorziening voor {domain}"
    for word in ("buurthuis", "taalmaatje", "schuldhulp", "maatjesproject", "mantelzorgconsulent"):
        assert KAART.genoemd_in(word), word
    assert {v.soort for v in KAART.voorzieningen} == {"voorliggend", "algemeen", "maatwerk"}
    for domain in load_version("zrm2017").domain_ids:  # the kit maps the domains for ZRM 2017
        assert KAART.voor(domain, versie="zrm2017") or domain in ("justitie",), domain


def test_a_broken_kaart_is_refused_with_every_problem_in_dutch(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "kaart.yaml"
    bad.write_text(
        "soort: sociale_kaart\nnaam: Onze wijk\nvoorzieningen:\n"
        "  - {id: a, naam: A, soort: maatwerk, stap: algemene_voorziening, domeinen: [geld], wat: x,"
        " zoekwoorden: [ab]}\n"
        "  - {id: a, naam: B, soort: algemeen, stap: algemene_voorziening, domeinen: [financien], wat: y,"
        " zoekwoorden: [budget]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        read_sociale_kaart(bad)
    text = str(caught.value)
    for expected in ("Onbekend domein 'geld'", "hoort niet bij de stap", "te kort", "komt twee keer voor", "regel 4"):
        assert expected in text, expected
    monkeypatch.delenv("WIJKTEAM_SOCIALE_KAART", raising=False)
    assert main(["serve", "--no-browser", "--port", "0", "--sociale-kaart", str(bad)]) == 1
    assert "Kan de apps niet starten" in capsys.readouterr().err


def test_an_organisations_kaart_replaces_the_kits_in_feedback_and_suggestions(tmp_path, monkeypatch):
    own = tmp_path / "onze_kaart.yaml"
    own.write_text(
        "soort: sociale_kaart\nnaam: Onze wijk\nvoorzieningen:\n"
        "  - id: budgetmaatje\n    naam: Budgetmaatje van de kerk\n    soort: voorliggend\n"
        "    stap: algemene_voorziening\n    domeinen: [financien]\n    wat: Een vrijwilliger helpt met geld.\n"
        "    zoekwoorden: [budgetmaatje]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("WIJKTEAM_SOCIALE_KAART", "")
    use_sociale_kaart(own)
    assert default_kaart_path() == own.resolve()
    assert [v.id for v in load_sociale_kaart().voorzieningen] == ["budgetmaatje"]
    form = PlanForm()
    form.problems.rows[0].widgets["domein"].value = "financien"
    assert form.kaart_tips.value == ""  # no solution reaches for a voorziening yet
    form.solutions.rows[0].widgets["stap"].value = "maatwerkvoorziening"
    assert "Budgetmaatje van de kerk" in form.kaart_tips.value and "Onze wijk" in form.kaart_tips.value
