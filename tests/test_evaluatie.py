"""The evaluation phase: every casus has a later moment T1, checked against T0; the evaluation exercise by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from wijkteam_kit.casus import load_casus, load_library
from wijkteam_kit.errors import CasusError, ZrmError
from wijkteam_kit.zrm import Assessment, EvaluationAnswers, evaluate, load_ladder

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "casuses").glob("*.yaml"))
ANSWERS = EvaluationAnswers("deels", "goed", "gestegen", "gestegen", "veel geleerd")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_casus_has_a_rich_t1(path):
    casus = load_casus(path)
    t1 = casus.t1
    assert t1 is not None and 4 <= t1.maanden <= 9
    assert len([p for p in t1.wat_er_gebeurde.split("\n\n") if p.strip()]) >= 2
    assert len(t1.eigen_woorden) >= 2 and len(t1.evaluatie.leerpunten) >= 2
    reference = casus.t1_assessment()
    assert set(reference.scores) == set(casus.version().domain_ids)
    assert all(s.note for s in reference.scores.values())  # a rationale for every domain at T1
    assert t1.doelniveaus and set(t1.doelniveaus) <= set(casus.version().domain_ids)
    if t1.participatieladder is not None:
        assert t1.participatieladder.toelichting
    else:  # only left out where the rung would hang on the 65+ rule (AOW/pensioen)
        assert max(lid.leeftijd or 0 for lid in casus.huishouden[:1]) >= 65


def test_every_casus_gives_a_t1_rung_and_pensioners_stay_on_rung_6():
    library = load_library()
    assert all(c.t1.participatieladder is not None for c in library)
    pensioners = {"mantelzorg-dementie", "ouderen-ov-chipkaart"}
    assert {c.id: c.t1.participatieladder.trede for c in library if c.id in pensioners} == dict.fromkeys(pensioners, 6)
    assert "65" in load_ladder()[5].description  # the ladder file states the 65+ rule (AOW or pension: rung 6)


def _data(name: str = "administratie-taal") -> dict:
    return yaml.safe_load((ROOT / "casuses" / f"{name}.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict, name: str = "administratie-taal") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["t1"]["evaluatie"].__setitem__("zelfredzaamheid", "gedaald"),
            "veld t1: evaluatie.zelfredzaamheid is 'gedaald', maar de referentiescores van T0 naar T1 zijn samen "
            "+5 niveaus: verwacht 'gestegen'",
        ),
        (
            lambda d: d["t1"]["evaluatie"].__setitem__("participatie", "gelijk"),
            "verwacht 'gestegen'",
        ),
        (
            lambda d: d["t1"]["zrm"].pop("justitie"),
            "veld t1.zrm: elk domein heeft bij T1 een referentiescore nodig",
        ),
        (lambda d: d["t1"]["zrm"]["adl"].__setitem__("niveau", 7), "veld t1.zrm.adl.niveau: "),
        (lambda d: d["t1"]["doelniveaus"].__setitem__("financen", 4), "veld t1.doelniveaus.financen: "),
        (lambda d: d["t1"]["doelniveaus"].__setitem__("adl", "nvt"), "een doelniveau is een heel getal"),
        (lambda d: d["t1"]["participatieladder"].__setitem__("trede", 9), "veld t1.participatieladder.trede"),
        (lambda d: d["t1"].__setitem__("maanden", 0), "veld t1.maanden"),
        (lambda d: d["t1"].pop("eigen_woorden"), "veld t1.eigen_woorden: verplicht veld ontbreekt"),
    ],
)
def test_a_broken_t1_names_the_field(tmp_path, change, expected):
    data = _data()
    change(data)
    with pytest.raises(CasusError) as info:
        load_casus(_write(tmp_path, data))
    assert expected in str(info.value)


def test_a_casus_without_t1_still_loads_but_cannot_be_evaluated(tmp_path):
    data = _data()
    data.pop("t1")
    casus = load_casus(_write(tmp_path, data))
    assert casus.t1 is None and casus.t1_assessment() is None
    with pytest.raises(ZrmError, match="geen later moment T1"):
        evaluate(casus, casus.reference_assessment(), ANSWERS)
    with pytest.raises(CasusError, match="geen later moment"):
        casus.at_t1()


def test_evaluation_by_hand():
    casus = next(c for c in load_library() if c.id == "administratie-taal")
    v = casus.version()
    # T0 reference: financien 3, dagbesteding 2, sociaal_netwerk 2; T1 reference: 3, 3, 3.
    own = Assessment.build(
        v,
        casus.id,
        "ik",
        {**casus.t1_assessment().levels(), "financien": 4, "dagbesteding": 2, "sociaal_netwerk": "nvt"},
        ladder=3,
    )
    ev = evaluate(casus, own, EvaluationAnswers("ja", "goed", "gelijk", "gestegen", "x"))
    by_id = {d.domain_id: d for d in ev.domains}
    fin, dag, sn = by_id["financien"], by_id["dagbesteding"], by_id["sociaal_netwerk"]
    assert (fin.t0, fin.target, fin.own_t1, fin.reference_t1) == (3, 4, 4, 3)
    assert (fin.own_direction, fin.reference_direction, fin.arrows) == ("gestegen", "gelijk", ("↑", "="))
    assert fin.target_reached is False and fin.feedback.startswith("Financiën: jij ziet gestegen (3 → 4)")
    assert (dag.own_direction, dag.reference_direction) == ("gelijk", "gestegen")
    assert (sn.own_direction, sn.differs) == ("onbekend", True)
    assert "niet gescoord" in sn.feedback
    assert ev.n_direction_differs == 3
    assert ev.ladder_direction == ("gestegen", "gestegen")  # 1 -> 3 against 1 -> 4: both up
    assert not ev.self_sufficiency_matches and ev.participation_matches
    lines = ev.feedback()
    assert len(lines) == 4 and lines[-1].startswith("Zelfredzaamheid: jij antwoordde 'gelijk'")
    assert ev.summary().startswith("Bij 7 van de 10 domeinen zie je dezelfde verandering")


def test_evaluation_of_a_pensioner_keeps_rung_6_under_the_65_plus_rule():
    casus = next(c for c in load_library() if c.id == "ouderen-ov-chipkaart")
    own = Assessment.build(casus.version(), casus.id, "ik", casus.t1_assessment().levels(), ladder=6)
    ev = evaluate(casus, own, ANSWERS)
    assert ev.ladder_reference == 6 and ev.ladder_direction == ("gelijk", "gelijk")
    assert casus.t1.evaluatie.participatie == "gelijk"  # the rise shows in the ZRM domains, not on the ladder
    with pytest.raises(ZrmError, match="gestegen, gedaald of gelijk"):
        EvaluationAnswers("", "", "omhoog", "gelijk", "")


def test_at_t1_puts_the_t1_reference_in_place_of_t0():
    casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
    later = casus.at_t1()
    assert later.reference_assessment().levels() == casus.t1_assessment().levels()
    assert later.participatieladder.trede == casus.t1.participatieladder.trede == 6  # the 65+ rule at T1 too


def test_the_learners_own_plan_sets_the_targets():
    from wijkteam_kit.plan import Plan

    casus = next(c for c in load_library() if c.id == "administratie-taal")
    own = casus.t1_assessment()
    ev = evaluate(casus, own, ANSWERS, plan=Plan(doelniveaus={"financien": 3}))
    targets = {d.domain_id: d.target for d in ev.domains}
    assert targets["financien"] == 3 and targets["adl"] is None
    assert {d.domain_id: d.target for d in evaluate(casus, own, ANSWERS, plan=Plan()).domains}["adl"] == 4


def test_the_plan_form_sets_target_levels_and_the_plan_document_shows_them():
    from wijkteam_kit.document import to_markdown
    from wijkteam_kit.plan.export import plan_document
    from wijkteam_kit.ui.plan_schrijven.formulier import PlanForm

    form = PlanForm()
    row = form.problems.rows[0].widgets
    row["tekst"].value = "Ik stop mijn brieven in een tas."
    row["domein"].value, row["niveau"].value, row["doelniveau"].value = "financien", 3, 4
    plan = form.plan()
    assert plan.doelniveaus == {"financien": 4}
    assert "nu op niveau 3 van 5, doel: niveau 4" in to_markdown(plan_document(plan))
    again = PlanForm()
    again.show(plan)
    assert again.problems.rows[0].widgets["doelniveau"].value == 4 and again.plan() == plan
