"""My calibration, the trainer's standard and round two: figures computed by hand on small examples.

Also the kit-wide personal code (one herstelcode for every app and session) and the second round in the store.
"""

from __future__ import annotations

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.errors import GroepssessieError, TeVeelPogingen, ZrmError
from wijkteam_kit.groepssessie import Client, Groepssessies, Limieten, PersoonlijkeCodes
from wijkteam_kit.groepssessie.analyse.zrm import zrm_payload
from wijkteam_kit.store import Store
from wijkteam_kit.zrm import (
    Assessment,
    Attempt,
    CalibrationStandard,
    compare_rounds,
    history,
    krippendorff_alpha_ordinal,
    load_version,
)

V = load_version("zrm2013")


def _a(casus: str, rater: str, **levels: int | str) -> Assessment:
    return Assessment.build(V, casus, rater, levels)


def _attempt(casus: str, moment: str, own: dict, ref: dict, notes: dict | None = None) -> Attempt:
    notes = notes or {}
    reference = Assessment.build(
        V,
        casus,
        "referentie",
        {d: {"niveau": v, "toelichting": notes.get(d, f"waarom {d}")} for d, v in ref.items()},
    )
    return Attempt(Assessment.build(V, casus, "ik", own), reference, f"Casus {casus}", moment)


# Three casuses, Financiën and ADL (by hand):
#   c1 (1 maart):  own F 4, ADL 3   ref F 3, ADL 3   -> F +1, ADL 0
#   c2 (8 maart):  own F 5, ADL 2   ref F 4, ADL 4   -> F +1, ADL -2
#   c3 (15 maart): own F 3, ADL nvt ref F 3, ADL 2   -> F 0, ADL own left open
# Counted domains: 6 (the reference scored all). Exact: c1 ADL, c3 F -> 2/6. Within one: c1 F, c1 ADL, c2 F,
# c3 F -> 4/6. Bias F: (1 + 1 + 0)/3 = 0,7 hoger; ADL: (0 - 2)/2 = -1,0 (lager).
HISTORY = [
    _attempt(
        "c2", "2026-03-08", {"financien": 5, "adl": 2}, {"financien": 4, "adl": 4}, {"adl": "Kan niet koken"}
    ),
    _attempt("c1", "2026-03-01", {"financien": 4, "adl": 3}, {"financien": 3, "adl": 3}),
    _attempt("c3", "2026-03-15", {"financien": 3, "adl": "nvt"}, {"financien": 3, "adl": 2}),
]


def test_agreement_over_time_is_computed_per_casus_and_pooled():
    h = history(HISTORY)
    assert [t[1] for t in h.over_time()] == ["Casus c1", "Casus c2", "Casus c3"]  # oldest first
    assert [(t[2], t[3]) for t in h.over_time()] == [(0.5, 1.0), (0.0, 0.5), (0.5, 0.5)]
    assert h.exact == pytest.approx(2 / 6) and h.within_one == pytest.approx(4 / 6)
    assert not h.too_little and h.n_casuses == 3
    assert h.summary().startswith("3 keer gescoord, 3 verschillende casussen: 33% precies gelijk")


def test_bias_per_domain_with_the_reference_rationales():
    h = history(HISTORY)
    fin, adl = h.bias("financien"), h.bias("adl")
    assert fin.differences == (1, 1, 0) and fin.mean == pytest.approx(2 / 3)
    assert fin.sentence == "Je scoort Financiën gemiddeld 0,7 hoger dan de referentie (3 casussen)."
    assert adl.differences == (0, -2) and adl.mean == -1
    assert adl.sentence.startswith("Je scoort Activiteiten") and "gemiddeld 1,0 lager" in adl.sentence
    assert [(m.casus_titel, m.own, m.reference, m.rationale) for m in adl.misses] == [
        ("Casus c2", 2, 4, "Kan niet koken")
    ]
    assert [b.domain_id for b in h.noteworthy_biases()] == ["adl", "financien"]  # |−1,0| before |0,7|


def test_confusion_counts_own_level_against_reference_level():
    table = history(HISTORY).confusion
    expected = [[0] * 5 for _ in range(5)]
    for own, ref in [(4, 3), (3, 3), (5, 4), (2, 4), (3, 3)]:  # the open ADL in c3 is left out
        expected[own - 1][ref - 1] += 1
    assert table == expected and sum(map(sum, table)) == 5


def test_improved_domains_compare_the_earlier_with_the_later_half():
    h = history(HISTORY)
    trends = {t.domain_id: t for t in h.trends()}
    # Financiën distances in time order 1, 1, 0: earlier half [1] -> 1, later half [1, 0] -> 0,5: better.
    assert (trends["financien"].earlier, trends["financien"].later) == (1, 0.5)
    # ADL (c3 left open, so only c1 and c2): distances 0 then 2: worse.
    assert trends["adl"].direction == "slechter"
    assert [t.domain_id for t in h.improved()] == ["financien"]


def test_fewer_than_three_casuses_is_too_little_even_with_many_attempts():
    again = [_attempt("c1", f"2026-03-0{i}", {"financien": 3}, {"financien": 3}) for i in range(1, 5)]
    h = history([*again, HISTORY[0]])
    assert h.n_casuses == 2 and h.too_little
    assert "Te weinig om iets te concluderen" in h.summary() and h.too_little_text
    empty = history([])
    assert empty.exact is None and "nog geen casus" in empty.summary()


def test_reference_left_open_does_not_count_and_versions_must_match():
    a = _attempt("c1", "2026-03-01", {"financien": 3, "justitie": 2}, {"financien": 3, "justitie": "nvt"})
    assert a.n_compared == 1 and a.exact == 1
    v17 = load_version("zrm2017")
    with pytest.raises(ZrmError, match="zet ze eerst om"):
        Attempt(Assessment.build(v17, "c", "ik", {}), Assessment.build(V, "c", "referentie", {}), "C", "x")


def test_the_standard_says_who_meets_it_and_per_domain_where_not():
    standard = CalibrationStandard(within_one=0.6, exact=0.3, casuses=3)
    result = standard.check(history(HISTORY))
    assert result.meets and result.verdict == "Ja: gekalibreerd volgens de afspraak van deze training."
    # ADL: c1 exact, c2 two off, c3 open -> exact 1/3, within one 1/3: below 60% within one.
    assert [(d.domain_id, round(d.exact, 3), round(d.within_one, 3)) for d in result.domains] == [
        ("adl", 0.333, 0.333)
    ]
    strict = CalibrationStandard().check(history(HISTORY))  # 80% / 60% / 3
    assert not strict.meets and strict.reasons == (
        "67% binnen één niveau (afspraak 80%)",
        "33% precies gelijk (afspraak 60%)",
    )
    too_few = CalibrationStandard(within_one=0, exact=0, casuses=4).check(history(HISTORY))
    assert too_few.reasons == ("3 van de 4 casussen gescoord",)
    names = [n for n, _ in standard.group([("Ans", history(HISTORY)), ("Bo", history([]))])]
    assert names == ["Ans", "Bo"]
    with pytest.raises(ZrmError, match="aantal casussen"):
        CalibrationStandard(casuses=0)


def test_round_two_figures_on_a_made_up_group():
    ref = _a("c", "referentie", financien=3, adl=3, justitie=5)
    before = [
        _a("c", "An", financien=2, adl=3, justitie=5),
        _a("c", "Bo", financien=4, adl=2, justitie=5),
        _a("c", "Cor", financien=5, adl=4, justitie=4),
        _a("c", "Dee", financien=3, adl=3, justitie=5),  # only in round one
    ]
    after = [
        _a("c", "An", financien=3, adl=3, justitie=5),
        _a("c", "Bo", financien=3, adl=3, justitie=5),
        _a("c", "Cor", financien=4, adl=3, justitie=5),
        _a("c", "Eva", financien=3, adl=4, justitie=5),  # only in round two
    ]
    r = compare_rounds(before, after, ref)
    fin = r.domain("financien")
    # Financiën round 1: 2, 4, 5, 3 -> spread 3, distance (1 + 1 + 2 + 0) / 4 = 1; round 2: 3, 3, 4, 3 -> 1, 0,25.
    assert (fin.spread_before, fin.spread_after, fin.distance_before, fin.distance_after) == (3, 1, 1.0, 0.25)
    assert fin.closer is True and r.domain("dagbesteding").closer is None
    # Per participant in both rounds, total distance: An 1 -> 0, Bo 2 -> 0, Cor 4 -> 1.
    assert [(p.name, p.before, p.after) for p in r.participants] == [
        ("An", 1, 0),
        ("Bo", 2, 0),
        ("Cor", 4, 1),
    ]
    assert r.n_moved_closer == 3
    # Alpha per round equals the ordinal alpha of the raters × domains matrix of that round.
    matrix = [[a.level(d) for d in V.domain_ids] for a in before]
    assert r.alpha_before == pytest.approx(krippendorff_alpha_ordinal(matrix))
    assert r.alpha_after > r.alpha_before
    assert r.summary().startswith("Krippendorffs alfa: ronde 1 0,") and "3 van de 3 deelnemers" in r.summary()
    with pytest.raises(ZrmError, match="beide rondes"):
        compare_rounds(before, [], ref)


# ---- the kit-wide personal code -------------------------------------------------------------------------


def test_the_herstelcode_of_a_session_is_the_personal_code_everywhere():
    store = Store(":memory:")
    sessies, codes = Groepssessies(store), PersoonlijkeCodes(store)
    first = sessies.create("mantelzorg-dementie", "zrm").sessie.code
    second = sessies.create("administratie-taal", "zrm").sessie.code
    kim = sessies.join(first, "Kim", client=Client("p1"))
    again = sessies.join(second, " KIM ", client=Client("p2"), herstelcode=kim.herstelcode)
    assert again.terug and again.herstelcode is None
    assert again.deelname.deelnemer_id == kim.deelname.deelnemer_id
    assert codes.login("kim", kim.herstelcode, client=Client("p3")).id == kim.deelname.deelnemer_id
    # Another Kim without a code is someone else, with a different code.
    other = sessies.join(second, "Kim 2", client=Client("p4"))
    assert other.deelname.deelnemer_id != kim.deelname.deelnemer_id
    # A code made in the ZRM app joins a session too.
    made = codes.new("Ali")
    ali = sessies.join(first, "Ali", client=Client("p5"), herstelcode=made.herstelcode)
    assert ali.terug and ali.deelname.deelnemer_id == made.deelnemer.id


def test_wrong_personal_codes_are_rate_limited():
    store = Store(":memory:")
    codes = PersoonlijkeCodes(store, limieten=Limieten(per_pagina=2))
    made = codes.new("Kim")
    wrong = "000000" if made.herstelcode != "000000" else "111111"
    for _ in range(2):
        with pytest.raises(GroepssessieError, match="horen niet bij elkaar"):
            codes.login("Kim", wrong, client=Client("p1"))
    with pytest.raises(TeVeelPogingen):
        codes.login("Kim", made.herstelcode, client=Client("p1"))


def test_calibration_records_survive_the_session_and_read_back_as_history():
    store = Store(":memory:")
    sessies, codes = Groepssessies(store), PersoonlijkeCodes(store)
    library = load_library()
    casus = next(c for c in library if c.id == "administratie-taal")
    nieuw = sessies.create(casus.id, "zrm")
    kim = sessies.join(nieuw.sessie.code, "Kim", client=Client("p1")).deelname.deelnemer_id
    own = casus.reference_assessment()
    sessies.submit(nieuw.sessie.code, kim, zrm_payload(own))
    codes.save_attempt(kim, own, bron=nieuw.sessie.code)
    store.submit("zrm_kalibratie", kim, {"casus": "bestaat-niet", "scores": {}})
    sessies.as_trainer(nieuw.sessie.code, nieuw.geheim, client=Client("t")).delete()
    attempts, skipped = codes.attempts(kim, library)
    assert [a.casus_titel for a in attempts] == [casus.titel] and attempts[0].exact == 1
    assert skipped == ["Een score van casus 'bestaat-niet' staat niet meer in de bibliotheek."]
    assert codes.history(kim, library).too_little


def test_round_two_keeps_round_one_and_asks_everyone_again():
    store = Store(":memory:")
    sessies = Groepssessies(store)
    nieuw = sessies.create("mantelzorg-dementie", "zrm")
    code = nieuw.sessie.code
    trainer = sessies.as_trainer(code, nieuw.geheim, client=Client("t"))
    kim = sessies.join(code, "Kim", client=Client("p1")).deelname.deelnemer_id
    sessies.submit(code, kim, {"ronde": 1})
    trainer.reveal()
    assert trainer.round_one_answers() == []
    sessie = trainer.open_round_two()
    assert (sessie.ronde, sessie.onthuld) == (2, False)
    assert trainer.answers() == [] and trainer.round_one_answers() == [("Kim", {"ronde": 1})]
    sessies.submit(code, kim, {"ronde": 2})
    assert [i.payload for _, i in trainer.answers()] == [{"ronde": 2}]
    assert trainer.round_one_answers() == [("Kim", {"ronde": 1})]
    with pytest.raises(GroepssessieError, match="al in de tweede ronde"):
        trainer.open_round_two()
    backup = store.export_json()
    copy = Store(":memory:")
    copy.import_json(backup)
    restored = Groepssessies(copy).as_trainer(code, nieuw.geheim, client=Client("t"))
    assert restored.sessie.ronde == 2 and restored.round_one_answers() == [("Kim", {"ronde": 1})]
