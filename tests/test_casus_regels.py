"""Every casus reference follows the kit's own rules wherever a rule decides: ladder rules, level rationales."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijkteam_kit._basis.yamlsource import load_yaml_file, load_yaml_text
from wijkteam_kit.casus import load_library
from wijkteam_kit.casus.checks import client_age, reference_rule_problems
from wijkteam_kit.zrm import AOW_LEEFTIJD, ladder_rules, load_ladder, rung_by_rule

ROOT = Path(__file__).resolve().parent.parent
CASUS_FILES = sorted((ROOT / "casuses").glob("*.yaml"))
LIBRARY = {c.id: c for c in load_library()}


@pytest.mark.parametrize("path", CASUS_FILES, ids=lambda p: p.stem)
def test_every_reference_level_and_rung_follows_the_rules(path):
    doc = load_yaml_file(path)
    assert [p.message for p in reference_rule_problems(doc)] == []
    casus = LIBRARY[path.stem]
    ref = casus.reference_assessment()
    version = casus.version()
    for domain_id, score in ref.scores.items():
        if score.level is None:
            continue
        if version.has_descriptors:  # every level the reference uses has the kit's own descriptors
            assert version.domain(domain_id).descriptor(score.level), (casus.id, domain_id)
        else:  # a version without descriptors (Groningen) scores on the five level labels
            assert score.level in version.level_labels, (casus.id, domain_id)
    decided = rung_by_rule(client_age(doc.data))
    if decided is not None:
        assert ref.ladder == decided, casus.id


def test_the_library_has_clients_the_age_rule_decides_for():
    decided = [p.stem for p in CASUS_FILES if rung_by_rule(client_age(load_yaml_file(p).data)) is not None]
    assert decided == ["mantelzorg-dementie", "ouderen-ov-chipkaart"]
    assert {LIBRARY[c].participatieladder.trede for c in decided} == {6}


def _doc(age: int, rung: int, note: str, scores: str = "") -> list[str]:
    text = (
        f"huishouden: [{{naam: Ans, rol: cliënt, leeftijd: {age}}}]\n"
        f"participatieladder: {{trede: {rung}, toelichting: '{note}'}}\n"
    )
    if scores:
        text += f"zrm: {{versie: zrm2013, scores: {{{scores}}}}}\n"
    return [p.message for p in reference_rule_problems(load_yaml_text(text))]


@pytest.mark.parametrize(
    ("age", "rung", "note", "expected"),
    [
        (74, 6, "AOW en pensioen.", []),
        (64, 2, "Contacten buiten de deur; met het koor trede 3.", []),  # under 65: no rule decides
        (74, 2, "Contacten buiten de deur.", ["staat op trede 6"]),
        (65, 6, "Vroeger stond ze op trede 4.", ["noemt trede 4"]),
        (40, 4, "Zorgt elke dag voor haar moeder (mantelzorg).", ["mantelzorg telt daar niet voor"]),
        (40, 4, "Vrijwilliger bij de voedselbank; de mantelzorg telt hier niet mee.", []),
    ],
)
def test_ladder_rules_in_both_directions(age, rung, note, expected):
    found = _doc(age, rung, note)
    assert len(found) == len(expected) and all(e in f for e, f in zip(expected, found, strict=True)), found


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ("{niveau: 4, toelichting: 'Geen 5, omdat de trap een risico is.'}", ""),
        ("{niveau: 5, toelichting: 'Geen 5, omdat de trap een risico is.'}", "zegt 'Geen 5'"),
        ("{niveau: 2, toelichting: 'Het is nog geen 1: er is geen ontruimingsdatum.'}", ""),
        ("{niveau: 1, toelichting: 'Het is nog geen 1: er is geen ontruimingsdatum.'}", "zegt 'nog geen 1'"),
        ("{niveau: 4, toelichting: 'Twijfel tussen 4 en 5, dus 4 past beter.'}", ""),
        ("{niveau: 5, toelichting: 'Twijfel tussen 4 en 5, dus 4 past beter.'}", "kiest niveau 4"),
        ("{niveau: 3, toelichting: 'Er zijn geen 2 banen.'}", ""),
    ],
)
def test_level_rationales_agree_with_their_level(score, expected):
    found = _doc(40, 2, "Contacten.", f"huisvesting: {score}")
    assert (found[0] if found else "").find(expected) >= 0 if expected else found == []


def test_the_ladder_rules_are_written_where_the_learner_scores():
    from wijkteam_kit.ui.zrm_oefening.app import ZrmOefening, ladder_rules_html

    rules = {r.id: r for r in ladder_rules()}
    assert set(rules) == {"65plus", "mantelzorg"} and all(r.reason for r in rules.values())
    assert str(AOW_LEEFTIJD) in rules["65plus"].rule
    html = ladder_rules_html()
    assert html.count("Waarom:") == 2 and "65 jaar of ouder" in html
    app = ZrmOefening(list(LIBRARY.values()))
    assert app.ladder_rules in app.ladder_panel.children
    rung4 = load_ladder()[3]
    assert not any("mantelzorg" in e.lower() for e in rung4.examples)
    assert "65 jaar of ouder" in load_ladder()[5].description


def test_a_casus_is_scored_on_the_groningen_leefgebieden():
    from wijkteam_kit.zrm import load_mapping, load_version

    groningen = [c for c in LIBRARY.values() if c.zrm.versie == "groningen"]
    assert groningen, "de bibliotheek heeft een casus op de Groningse leefgebieden"
    sourced = {d for rule in load_mapping("zrm2013", "groningen").rules for d in rule.targets}
    apart = set(load_version("groningen").domain_ids) - sourced
    assert apart == {"onderwijs", "pedagogisch", "huiselijk_geweld", "overlast"}  # as in docs/zrm-versies.md
    for casus in groningen:  # the leefgebieden without a ZRM 2013 source are scored, at T0 and at T1
        for ref in (casus.reference_assessment(), casus.t1_assessment()):
            assert ref is not None and all(ref.level(d) is not None for d in apart), casus.id
