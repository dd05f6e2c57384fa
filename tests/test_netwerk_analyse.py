"""Network analysis: measures checked against hand-computed values, signals, comparison, suggestions."""

from __future__ import annotations

import math
import random
import re

import networkx as nx
import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.netwerk import (
    FREQUENTIES,
    KWALITEITEN,
    SECTOREN,
    STEUNFUNCTIES,
    Band,
    Client,
    Netwerkatlas,
    Persoon,
)
from wijkteam_kit.netwerk.analyse import analyse, constraint, effective_size, ego_graph, key_persons, overload
from wijkteam_kit.netwerk.signalen import SOORTEN, Signaal, basisteam, compare_signals, invitees, signals
from wijkteam_kit.netwerk.vergelijk import compare_snapshots


def person(pid: str, sector: str, cirkel: int, **kw) -> Persoon:
    relatie = {"familie": "familie", "vrienden": "vriend", "buurt": "buur", "professionals": "professional"}
    kw.setdefault("relatie", relatie.get(sector, "vrijwilliger"))
    return Persoon(id=pid, naam=kw.pop("naam", pid.capitalize()), sector=sector, cirkel=cirkel, **kw)


def tie(a: str, b: str, freq: str = "wekelijks", kwal: str = "steunend", ontv=(), geg=()) -> Band:
    return Band(
        van=a, naar=b, frequentie=freq, kwaliteit=kwal, steun_ontvangen=list(ontv), steun_gegeven=list(geg)
    )


def hand_atlas() -> Netwerkatlas:
    """Gerda's network, small enough to compute every measure by hand.

    Living persons (n = 6): henk (familie, c1, household), ans (vrienden, c2), riet (vrienden, c3),
    fatima (buurt, c2), arts (professionals, c3), kees (vrijwilligers, c4, no tie with the client).
    opa (familie, c4) is deceased: he and his ties are left out of every measure.
    """
    return Netwerkatlas(
        client=Client(naam="Gerda Bosman", geslacht="vrouw"),
        personen=(
            person(
                "henk", "familie", 1, relatie="partner", huishouden=True, geslacht="man", naam="Henk Bosman"
            ),
            person("ans", "vrienden", 2, geslacht="vrouw"),
            person("riet", "vrienden", 3, geslacht="vrouw"),
            person("fatima", "buurt", 2, geslacht="vrouw"),
            person("arts", "professionals", 3, naam="Dokter Verbrugge"),
            person("opa", "familie", 4, overleden=True),
            person("kees", "vrijwilligers/verenigingen", 4, geslacht="man"),
        ),
        banden=(
            tie("client", "henk", "dagelijks", "wisselend", ["gezelschap"], ["praktisch", "emotioneel"]),
            tie(
                "client",
                "ans",
                "wekelijks",
                "steunend",
                ["emotioneel", "gezelschap", "praktisch"],
                ["emotioneel"],
            ),
            tie("client", "riet", "minder", "steunend", [], ["gezelschap"]),
            tie("client", "fatima", "wekelijks", "steunend", ["praktisch"], ["waardering"]),
            tie("client", "arts", "maandelijks", "steunend", ["informatief"]),
            tie("client", "opa", "minder", "steunend", ["waardering"]),
            tie("henk", "ans", "maandelijks"),
            tie("ans", "riet"),
            tie("ans", "kees"),
            tie("opa", "henk", "minder"),
        ),
    )


# -- structure and composition ---------------------------------------------------------------------------


def test_hand_network_structure():
    a = analyse(hand_atlas())
    assert a.client == "Gerda Bosman"
    assert (a.n, a.t) == (6, 3)  # opa left out; alter ties henk–ans, ans–riet, ans–kees
    assert a.per_sector == {
        "familie": 1,
        "vrienden": 2,
        "buurt": 1,
        "werk/school": 0,
        "vrijwilligers/verenigingen": 1,
        "professionals": 1,
    }
    assert a.per_cirkel == {1: 1, 2: 2, 3: 2, 4: 1}
    assert (a.formeel, a.informeel) == (1, 5)
    assert a.aandeel_formeel == pytest.approx(1 / 6)
    assert a.dichtheid == pytest.approx(0.2)  # 2t / (n(n−1)) = 6 / 30
    assert a.componenten == (("henk", "ans", "riet", "kees"), ("fatima",), ("arts",))
    assert a.isolaten == ("fatima", "arts")


def test_hand_network_composition():
    a = analyse(hand_atlas())
    assert a.samenstelling["vrienden"] == pytest.approx(2 / 6)
    assert a.samenstelling["werk/school"] == 0.0
    # Blau = 1 − (1 + 4 + 1 + 0 + 1 + 1)/36 = 28/36 = 7/9
    assert a.blau == pytest.approx(7 / 9)
    # IQV = (7/9) / (1 − 1/6) = 42/45 = 14/15
    assert a.iqv == pytest.approx(14 / 15)
    # Shannon = 4 · (1/6)·log2 6 + (1/3)·log2 3 ≈ 2.2516 bits
    assert a.shannon == pytest.approx(4 / 6 * math.log2(6) + 1 / 3 * math.log2(3))
    assert a.shannon == pytest.approx(2.2516, abs=1e-4)
    # E-I: E = 1 professional, I = 5 informal → (1 − 5)/6
    assert a.ei_index == pytest.approx(-2 / 3)


def test_hand_network_burt_and_cut_points():
    a = analyse(hand_atlas())
    # contacts of the client: henk, ans, riet, fatima, arts (n = 5); ties among them: henk–ans, ans–riet (t = 2)
    assert a.effectieve_grootte == pytest.approx(4.2)  # 5 − 2·2/5
    assert a.efficientie == pytest.approx(0.84)  # 4.2 / 5
    # constraint, p_c = 1/5; degrees: henk 2, ans 4, riet 2, fatima 1, arts 1
    # henk: (1/5 + 1/5·1/4)² = 1/16; ans: (1/5 + 1/5·1/2 + 1/5·1/2)² = 4/25; riet: 1/16; fatima, arts: 1/25 each
    assert a.constraint == pytest.approx(1 / 16 + 4 / 25 + 1 / 16 + 1 / 25 + 1 / 25)  # 0.365
    assert a.snijpunten_ego == ("ans",)  # kees reaches the client only through ans
    assert a.snijpunten_alters == ("ans",)
    assert a.bruggen_ego == (("client", "fatima"), ("client", "arts"), ("ans", "kees"))
    assert a.bruggen_alters == (("henk", "ans"), ("ans", "riet"), ("ans", "kees"))


def test_effective_size_and_constraint_match_networkx():
    g = ego_graph(hand_atlas())
    assert effective_size(g) == pytest.approx(nx.effective_size(g, nodes=["client"])["client"])
    assert constraint(g) == pytest.approx(nx.constraint(g, nodes=["client"])["client"])
    rng = random.Random(7)
    for _ in range(10):
        atlas = random_atlas(rng, persons=12, alter_ties=15)
        g = ego_graph(atlas)
        assert effective_size(g) == pytest.approx(nx.effective_size(g, nodes=["client"])["client"])
        assert constraint(g) == pytest.approx(nx.constraint(g, nodes=["client"])["client"])


# -- support --------------------------------------------------------------------------------------------------


def test_hand_network_support():
    a = analyse(hand_atlas())
    d = a.dekking
    assert d["emotioneel"].bronnen == ("ans",)
    assert d["praktisch"].informeel == ("ans", "fatima")
    assert d["informatief"].alleen_professionals and d["informatief"].formeel == ("arts",)
    assert d["waardering"].geen_bron  # only the deceased opa gave it
    assert d["gezelschap"].bronnen == ("henk", "ans")

    w = a.wederkerigheid
    assert w.per_persoon == {"henk": (1, 2), "ans": (3, 1), "riet": (0, 1), "fatima": (1, 1), "arts": (1, 0)}
    assert (w.ontvangen, w.gegeven, w.saldo) == (6, 5, 1)
    # informal ties that carry support: henk, ans, riet, fatima; both ways: henk, ans, fatima → 3/4
    assert w.aandeel_wederkerig == pytest.approx(0.75)
    assert w.alleen_geven == ("riet",) and w.alleen_ontvangen == ()

    m = a.multiplexiteit
    # |received ∪ given|: henk 3, ans 3, riet 1, fatima 2, arts 1 → mean 10/5, share ≥ 2: 3/5
    assert m.per_persoon == {"henk": 3, "ans": 3, "riet": 1, "fatima": 2, "arts": 1}
    assert (m.gemiddeld, m.aandeel_meervoudig) == (2.0, 0.6)


def test_hand_network_load_and_overload():
    a = analyse(hand_atlas())
    # units: ans 3, henk 1, fatima 1, arts 1 (total 6); equal units ordered by contact frequency
    assert [(r.id, r.eenheden) for r in a.last] == [("ans", 3), ("henk", 1), ("fatima", 1), ("arts", 1)]
    b = a.belasting
    assert b.eenheden == 6
    assert b.hoofdbron == "ans" and b.hoofdbron_aandeel == pytest.approx(0.5)
    assert b.hhi == pytest.approx(0.25 + 3 / 36)  # 0.5² + 3·(1/6)² = 1/3
    assert b.enige_bron == {"emotioneel": "ans", "informatief": "arts"}
    assert b.hoofdbron_snijpunt is True
    assert b.signaal is True  # share 0.5 ≥ 0.5, 3 functions, informal
    [care] = a.mantelzorg
    assert (care.id, care.gegeven, care.ontvangen, care.kwaliteit) == (
        "henk",
        ("emotioneel", "praktisch"),
        ("gezelschap",),
        "wisselend",
    )


def giving(units: dict[str, int], formal: tuple[str, ...] = ()) -> Netwerkatlas:
    """A network where person ``p`` gives the client the first ``units[p]`` support functions."""
    people = tuple(person(p, "professionals" if p in formal else "vrienden", 2) for p in units)
    ties = tuple(tie("client", p, ontv=STEUNFUNCTIES[:k]) for p, k in units.items())
    return Netwerkatlas(client=Client(naam="Piet"), personen=people, banden=ties)


def test_overload_fires_on_concentrated_network_only():
    concentrated = overload(giving({"a": 4, "b": 1, "c": 1}))
    assert concentrated.aandelen["a"] == pytest.approx(4 / 6)
    assert concentrated.hhi == pytest.approx(18 / 36)  # (16 + 1 + 1) / 36
    assert concentrated.signaal
    balanced = overload(giving({"a": 2, "b": 2, "c": 2, "d": 2}))
    assert balanced.hhi == pytest.approx(0.25)  # 4 · 0.25²
    assert not balanced.signaal
    # HHI alone: 4, 4, 1 units → shares 4/9, 4/9, 1/9; HHI = 33/81 ≈ 0.407 ≥ 0.4 with no share ≥ 0.5
    by_hhi = overload(giving({"a": 4, "b": 4, "c": 1}))
    assert by_hhi.hhi == pytest.approx(33 / 81) and by_hhi.signaal
    # a professional carrying most support is not a mantelzorger; a single function is no overload
    assert not overload(giving({"a": 4, "b": 1}, formal=("a",))).signaal
    assert not overload(giving({"a": 1})).signaal

    kinds = {s.soort for s in signals(giving({"a": 4, "b": 1, "c": 1}))}
    assert "overbelasting" in kinds
    assert "overbelasting" not in {s.soort for s in signals(giving({"a": 2, "b": 2, "c": 2, "d": 2}))}


# -- small networks -------------------------------------------------------------------------------------------


def test_zero_person_network():
    a = analyse(Netwerkatlas(client=Client(naam="Wim")))
    assert (a.n, a.t, a.formeel, a.informeel) == (0, 0, 0, 0)
    assert a.per_sector == dict.fromkeys(SECTOREN, 0) and a.per_cirkel == {1: 0, 2: 0, 3: 0, 4: 0}
    for value in (a.aandeel_formeel, a.dichtheid, a.blau, a.iqv, a.shannon, a.ei_index):
        assert value is None
    assert (a.effectieve_grootte, a.efficientie, a.constraint) == (None, None, None)
    assert a.componenten == () and a.isolaten == () and a.snijpunten_ego == () and a.bruggen_ego == ()
    assert all(d.geen_bron for d in a.dekking.values())
    assert a.wederkerigheid.aandeel_wederkerig is None and a.multiplexiteit.gemiddeld is None
    assert a.last == () and a.belasting.hhi is None and not a.belasting.signaal
    [signal] = signals(Netwerkatlas(client=Client(naam="Wim")))
    assert (signal.soort, signal.ernst) == ("isolement", "let op")
    assert signal.tekst.startswith("Er staat nog niemand op de kaart")
    assert "Wim" in signal.tekst
    assert (
        key_persons(Netwerkatlas()) == []
        and invitees(Netwerkatlas()) == []
        and basisteam(Netwerkatlas()) == []
    )


def test_one_person_network():
    atlas = Netwerkatlas(
        client=Client(naam="Wim"),
        personen=(person("ans", "vrienden", 2, geslacht="vrouw"),),
        banden=(tie("client", "ans", ontv=["emotioneel"], geg=["emotioneel"]),),
    )
    a = analyse(atlas)
    assert (a.n, a.t, a.dichtheid) == (1, 0, None)  # density needs two persons
    assert (a.blau, a.iqv, a.shannon, a.ei_index) == (0.0, 0.0, 0.0, -1.0)
    assert (a.effectieve_grootte, a.efficientie, a.constraint) == (1.0, 1.0, 1.0)  # constraint (1/1)² = 1
    assert a.componenten == (("ans",),) and a.isolaten == ("ans",)
    assert a.bruggen_ego == (("client", "ans"),) and a.snijpunten_ego == ()
    assert a.belasting.hhi == 1.0 and not a.belasting.signaal  # one function from one person
    found = {(s.soort, s.ernst) for s in signals(atlas)}
    assert ("klein-netwerk", "aandacht") in found
    assert ("steun-ontbreekt", "let op") in found  # no practical help
    assert ("enige-bron", "aandacht") in found
    small = next(s for s in signals(atlas) if s.soort == "klein-netwerk")
    assert (
        small.tekst == "Het netwerk is klein: buiten de hulpverleners heeft Wim contact met 1 persoon (Ans)."
    )
    assert key_persons(atlas, n=5) == [("ans", "geeft emotionele steun")]


def test_only_professionals_is_isolation():
    atlas = giving({"a": 2, "b": 1}, formal=("a", "b"))
    kinds = [(s.soort, s.ernst) for s in signals(atlas)]
    assert kinds[0] == ("isolement", "let op")
    assert ("alleen-professionals", "aandacht") in kinds


# -- signals on the hand network ------------------------------------------------------------------------------


def test_hand_network_signals():
    found = signals(hand_atlas())
    assert [s.ernst for s in found] == sorted(
        (s.ernst for s in found), key=["let op", "aandacht", "sterk"].index
    )
    by = {(s.soort, s.personen): s for s in found}
    mantelzorg = by[("overbelasting", ("client", "henk"))]
    assert mantelzorg.ernst == "let op"
    assert mantelzorg.tekst.startswith(
        "Gerda zorgt elke dag voor Henk (emotionele steun en praktische hulp) en krijgt daar weinig voor terug"
    )
    assert "Ans kent Henk ook" in mantelzorg.tekst
    main = by[("overbelasting", ("ans",))]
    assert main.tekst == (
        "De helft of meer van de steun komt van één persoon: Ans (emotionele steun, praktische hulp en "
        "gezelschap). Voor emotionele steun is er niemand anders. Via Ans lopen ook de contacten met Kees. "
        "Let op dat zij het volhoudt, en zoek mensen die een deel kunnen overnemen."
    )
    assert by[("steun-ontbreekt", ())].tekst.startswith("Voor waardering staat niemand op de kaart.")
    assert by[("steun-ontbreekt", ())].ernst == "aandacht"  # waardering, not emotional or practical support
    assert by[("alleen-professionals", ("arts",))].tekst.startswith(
        "Advies krijgt Gerda alleen van hulpverleners (Dokter Verbrugge)."
    )
    assert ("kwetsbare-schakel", ("ans", "kees")) in by
    assert (
        by[("eenzijdig", ("riet",))].tekst == "Gerda geeft steun aan Riet, maar krijgt er niets voor terug."
    )
    assert by[("slapend-netwerk", ("riet",))].ernst == "sterk"
    assert all(s.soort in SOORTEN for s in found)
    assert "Henk Bosman" not in " ".join(s.tekst for s in found)  # short names in sentences


@pytest.mark.parametrize(
    ("freq", "gives", "sleeping"),
    [
        ("wekelijks", [], True),  # a good tie and nothing asked
        ("maandelijks", ["gezelschap"], True),  # one thing, seldom
        ("wekelijks", ["praktisch"], False),  # a weekly volunteer who already helps is not 'sleeping'
        ("minder", ["praktisch", "gezelschap"], False),
    ],
)
def test_sleeping_network_means_little_asked(freq, gives, sleeping):
    atlas = Netwerkatlas(
        client=Client(naam="Gerda"),
        personen=(person("joop", "vrijwilligers/verenigingen", 3),),
        banden=(tie("client", "joop", freq, "steunend", gives),),
    )
    found = {s.soort: s for s in signals(atlas)}
    assert ("slapend-netwerk" in found) is sleeping


def test_belastende_band_close_is_let_op():
    atlas = hand_atlas().with_tie(
        tie("client", "henk", "dagelijks", "belastend", ["gezelschap"], ["praktisch"])
    )
    hard = next(s for s in signals(atlas) if s.soort == "belastende-band")
    assert hard.ernst == "let op" and hard.personen == ("henk",)
    assert (
        hard.tekst
        == "De band met Henk is belastend. Bespreek met Gerda wat dat contact kost en wat het oplevert."
    )


# -- suggestions ----------------------------------------------------------------------------------------------


def test_invitees_exclude_deceased_professionals_and_plain_hard_ties():
    atlas = hand_atlas()
    atlas = atlas.with_person(person("erik", "familie", 3, relatie="kind", geslacht="man"))
    atlas = atlas.with_tie(tie("client", "erik", "minder", "belastend", ["informatief"], ["emotioneel"]))
    atlas = atlas.with_person(person("bas", "familie", 2))
    atlas = atlas.with_tie(tie("client", "bas", "maandelijks", "belastend"))
    found = invitees(atlas, jaar=2026)
    ids = [u.id for u in found]
    # scores: ans 9+2+3+2 = 16, henk 3+3+4−1 = 9, fatima 3+2+3 = 8, riet 0+1+1 = 2, erik 3+1+1−4 = 1
    assert ids == ["ans", "henk", "fatima", "riet", "erik"]
    assert "opa" not in ids and "arts" not in ids and "bas" not in ids and "kees" not in ids
    reasons = {u.id: u.reden for u in found}
    assert reasons["ans"] == (
        "Geeft al emotionele steun, praktische hulp en gezelschap; staat dichtbij (cirkel 2); "
        "verbindt Henk met Riet en met Kees."
    )
    assert "overleg eerst met Gerda of Erik erbij komt" in reasons["erik"]
    assert "de band wisselt: bespreek vooraf met Gerda wat zij van Henk verwacht" in reasons["henk"]
    assert "een kans" in reasons["riet"]


def test_invitees_young_child_reason():
    atlas = hand_atlas().with_person(
        person("lotte", "familie", 1, relatie="kind", geboortejaar=2016, geslacht="vrouw")
    )
    atlas = atlas.with_tie(tie("client", "lotte", "dagelijks", "steunend", ["gezelschap"]))
    lotte = next(u for u in invitees(atlas, jaar=2026) if u.id == "lotte")
    assert lotte.reden.endswith("nog jong: bedenk samen hoe je haar betrekt.")
    assert "lotte" not in [u.id for u in basisteam(atlas, jaar=2026)]


def test_basisteam_covers_different_functions():
    team = basisteam(hand_atlas(), jaar=2026)
    # only steunend ties: ans brings 3 functions; nobody adds another, so the best remaining fills up to two
    assert [u.id for u in team] == ["ans", "fatima"]
    assert team[0].reden.startswith("Brengt emotionele steun, praktische hulp en gezelschap in.")
    assert team[1].reden.startswith("Kan het overnemen als iemand uitvalt.")
    spread = giving({"a": 1, "b": 2, "c": 3})  # a: emotioneel; b: + praktisch; c: + informatief
    assert [u.id for u in basisteam(spread)] == ["c", "b"]


def test_key_persons():
    # scores: ans 9+3+1+2+3 = 18, henk 3+3+4+1 = 11, fatima 3+2+3 = 8, arts 3+1+2 = 6, riet 2, kees 0
    assert key_persons(hand_atlas(), n=3) == [
        ("ans", "geeft emotionele steun, praktische hulp en gezelschap, enige verbinding met anderen"),
        ("henk", "geeft gezelschap, woont in het huishouden"),
        ("fatima", "geeft praktische hulp"),
    ]
    assert [pid for pid, _ in key_persons(hand_atlas(), n=10)] == [
        "ans",
        "henk",
        "fatima",
        "arts",
        "riet",
        "kees",
    ]
    assert key_persons(hand_atlas(), n=0) == []


# -- comparison -----------------------------------------------------------------------------------------------


def later_atlas() -> Netwerkatlas:
    t1 = hand_atlas().model_copy(update={"moment": "T1"}).without_person("kees")
    t1 = t1.with_person(person("ans", "vrienden", 1, geslacht="vrouw"))
    t1 = t1.with_person(person("joop", "vrijwilligers/verenigingen", 3, geslacht="man"))
    t1 = t1.with_tie(
        tie("client", "joop", "wekelijks", "steunend", ["praktisch", "waardering"], ["waardering"])
    )
    t1 = t1.with_tie(tie("henk", "joop"))
    return t1.with_tie(tie("client", "fatima", "wekelijks", "wisselend", ["praktisch"], ["waardering"]))


def test_compare_snapshots():
    v = compare_snapshots(hand_atlas(), later_atlas())
    assert (v.voor, v.na) == ("T0", "T1")
    assert v.gekomen == ("joop",) and v.vertrokken == ("kees",)
    assert v.cirkel == (("ans", 2, 1),)
    assert set(v.banden_nieuw) == {("client", "joop"), ("henk", "joop")}
    assert v.banden_weg == (("ans", "kees"),)
    assert v.banden_anders == ((("client", "fatima"), {"kwaliteit": ("steunend", "wisselend")}),)
    assert v.dekking["waardering"] == ((), ("joop",))
    assert v.dekking["praktisch"] == (("ans", "fatima"), ("ans", "fatima", "joop"))
    assert v.grootte == (6, 6)
    # T1: persons henk, ans, riet, fatima, arts, joop; ties henk–ans, ans–riet, henk–joop → 6/30
    assert v.dichtheid == (pytest.approx(0.2), pytest.approx(0.2))


def test_compare_signals_sentences():
    lines = compare_signals(hand_atlas(), later_atlas())
    assert lines[:7] == [
        "Nieuw op de kaart: Joop.",
        "Niet meer op de kaart: Kees.",
        "Ans staat nu dichterbij (cirkel 2 → 1).",
        "Voor praktische hulp zijn er nu 3 mensen (eerst 2).",
        "Voor waardering is er nu iemand: Joop.",
        "Nieuw contact tussen Henk en Joop.",
        "De band met Fatima is nu wisselend (was steunend).",
    ]
    rest = lines[7:]
    # T1 shares: ans 3/8, joop 2/8, henk, fatima, arts 1/8 each → HHI 16/64 = 0.25: no overload any more
    assert any(
        line.startswith("Niet meer van toepassing: De helft of meer van de steun komt van") for line in rest
    )
    assert (
        "Niet meer van toepassing: Voor waardering staat niemand op de kaart. Wie zou Gerda daarbij kunnen helpen?"
        in rest
    )
    # same kind, partly the same persons: changed; a new person holding the network together: a new signal
    assert (
        "Veranderd: Ans verbindt Henk en Joop met Riet. Zonder haar hebben die mensen geen contact meer met elkaar."
        in rest
    )
    assert (
        "Nieuw signaal: Henk verbindt Ans en Riet met Joop. Zonder hem hebben die mensen geen contact meer met elkaar."
        in rest
    )
    assert compare_signals(hand_atlas(), hand_atlas()) == [
        "Er is niets veranderd in het netwerk of in de signalen."
    ]
    # signal lists work too
    before = [Signaal("isolement", "let op", "Er staat nog niemand op de kaart.")]
    assert compare_signals(before, []) == ["Niet meer van toepassing: Er staat nog niemand op de kaart."]
    assert compare_signals([], before) == ["Nieuw signaal: Er staat nog niemand op de kaart."]


# -- the casus library and performance ------------------------------------------------------------------------

DUTCH = re.compile(r"\b(de|het|een|van|en|is|met|niemand|voor)\b", re.IGNORECASE)


def casus_atlases():
    for casus in load_library():
        net = casus.netwerk
        atlas = Netwerkatlas(
            client=Client(naam=casus.huishouden[0].naam),
            personen=tuple(net.personen),
            banden=tuple(net.banden),
        )
        for moment in atlas.moments():
            yield casus.id, moment, atlas.at_moment(moment)


def test_every_casus_gives_dutch_signals():
    seen = 0
    for casus_id, moment, atlas in casus_atlases():
        seen += 1
        analyse(atlas)
        found = signals(atlas)
        assert found, (casus_id, moment)
        for s in found:
            where = (casus_id, moment, s.tekst)
            assert s.soort in SOORTEN and s.ernst in ("let op", "aandacht", "sterk"), where
            assert s.tekst[0].isupper() and s.tekst.rstrip()[-1] in ".?!", where
            assert DUTCH.search(s.tekst) and "None" not in s.tekst and "{" not in s.tekst, where
            assert all(p == "client" or p in atlas.ids for p in s.personen), where
        assert key_persons(atlas)
        for u in invitees(atlas):
            assert u.reden.endswith(".") and not atlas.person(u.id).formeel
    assert seen >= 7


def test_mantelzorg_casus_flags_gerda_as_carer():
    atlas = next(a for cid, m, a in casus_atlases() if cid == "mantelzorg-dementie" and m == "T0")
    carer = next(s for s in signals(atlas) if s.soort == "overbelasting")
    assert carer.personen == ("client", "henk") and carer.ernst == "let op"
    assert carer.tekst.startswith("Gerda zorgt elke dag voor Henk")


def random_atlas(rng: random.Random, persons: int, alter_ties: int) -> Netwerkatlas:
    people = tuple(
        Persoon(
            id=f"p{i}",
            naam=f"Persoon {i}",
            relatie="anders",
            sector=rng.choice(SECTOREN),
            cirkel=rng.randint(1, 4),
        )
        for i in range(persons)
    )
    ties = [
        tie(
            "client",
            p.id,
            rng.choice(FREQUENTIES),
            rng.choice(KWALITEITEN),
            rng.sample(STEUNFUNCTIES, rng.randint(0, 3)),
            rng.sample(STEUNFUNCTIES, rng.randint(0, 2)),
        )
        for p in people
        if rng.random() < 0.9
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < alter_ties:
        a, b = sorted(rng.sample(range(persons), 2))
        pairs.add((a, b))
    ties += [tie(f"p{a}", f"p{b}") for a, b in sorted(pairs)]
    return Netwerkatlas(client=Client(naam="X"), personen=people, banden=tuple(ties))


def test_sixty_persons_analyse_and_signals():
    # speed is measured in benchmarks/netwerk_60.py, not here
    atlas = random_atlas(random.Random(1), persons=60, alter_ties=95)
    assert 140 <= len(atlas.banden) <= 160
    result = analyse(atlas)
    assert result is not None and signals(atlas)


# ---------------------------------------------------------------------- young carers, weekly care, household view
THIS_YEAR = __import__("datetime").date.today().year


def test_a_child_under_18_caring_daily_for_a_parent_is_a_young_carer():
    atlas = Netwerkatlas(
        client=Client(naam="Linda", geslacht="vrouw"),
        personen=(
            person("kevin", "familie", 1, relatie="kind", huishouden=True, geslacht="man",
                   geboortejaar=THIS_YEAR - 14),
        ),
        banden=(tie("client", "kevin", "dagelijks", "wisselend", ontv=["praktisch", "emotioneel"]),),
    )
    [young] = analyse(atlas).jonge_mantelzorgers
    assert (young.id, young.leeftijd, young.zorgt_voor) == ("kevin", 14, ("client",))
    found = [s for s in signals(atlas) if s.soort == "jonge-mantelzorger"]
    assert len(found) == 1 and found[0].ernst == "let op" and found[0].personen == ("kevin", "client")
    text = found[0].tekst
    assert text.startswith("Kevin is 14 en zorgt elke dag voor Linda")
    assert "jonge mantelzorger" in text and "school" in text and "vrienden" in text and "hem" in text


def test_a_client_under_18_caring_weekly_for_a_sibling_is_a_young_carer_not_an_adult_carer():
    atlas = Netwerkatlas(
        client=Client(naam="Sanne", geslacht="vrouw", geboortejaar=THIS_YEAR - 15),
        personen=(person("tim", "familie", 1, relatie="broer/zus", huishouden=True, geboortejaar=THIS_YEAR - 9),),
        banden=(tie("client", "tim", "wekelijks", "belastend", geg=["praktisch", "emotioneel"]),),
    )
    a = analyse(atlas)
    assert a.mantelzorg == ()  # not spoken of as an adult mantelzorger
    [young] = a.jonge_mantelzorgers
    assert young.id == "client" and young.frequentie == "wekelijks"
    texts = [s.tekst for s in signals(atlas)]
    assert any(t.startswith("Sanne is 15 en zorgt elke week voor Tim") and "haar" in t for t in texts)
    assert not any("als mantelzorger" in t for t in texts)


def test_a_child_caring_for_a_sibling_in_the_household_is_seen_on_their_own_tie():
    atlas = Netwerkatlas(
        client=Client(naam="Chantal"),
        personen=(
            person("jordy", "familie", 1, relatie="kind", huishouden=True, geboortejaar=THIS_YEAR - 13),
            person("noa", "familie", 1, relatie="kind", huishouden=True, geboortejaar=THIS_YEAR - 6),
        ),
        banden=(
            tie("client", "jordy", "dagelijks", "steunend", ontv=["gezelschap"], geg=["praktisch"]),
            tie("client", "noa", "dagelijks", "steunend", geg=["praktisch"]),
            tie("jordy", "noa", "dagelijks", "steunend", geg=["praktisch"]),
        ),
    )
    [young] = analyse(atlas).jonge_mantelzorgers
    assert young.id == "jordy" and young.zorgt_voor == ("noa",)


@pytest.mark.parametrize(
    ("born", "freq", "care", "back", "expected"),
    [
        (THIS_YEAR - 18, "dagelijks", ["praktisch"], [], False),  # an adult child
        (None, "dagelijks", ["praktisch"], [], False),  # age unknown
        (THIS_YEAR - 12, "maandelijks", ["praktisch"], [], False),  # now and then is not care
        (THIS_YEAR - 12, "wekelijks", ["gezelschap"], [], False),  # company is not care
        (THIS_YEAR - 12, "wekelijks", ["emotioneel"], [], True),
        (THIS_YEAR - 12, "dagelijks", ["praktisch"], ["praktisch", "emotioneel"], False),  # chores, cared for
        (THIS_YEAR - 10, "dagelijks", ["emotioneel", "gezelschap"], ["praktisch", "emotioneel"], True),  # turned
    ],
)
def test_who_is_a_young_carer(born, freq, care, back, expected):
    atlas = Netwerkatlas(
        client=Client(naam="Linda"),
        personen=(person("kevin", "familie", 1, relatie="kind", geboortejaar=born),),
        banden=(tie("client", "kevin", freq, "steunend", ontv=care, geg=back),),
    )
    assert bool(analyse(atlas).jonge_mantelzorgers) is expected


def test_a_sister_who_chats_every_day_is_no_young_carer():
    atlas = Netwerkatlas(
        client=Client(naam="Kevin", geboortejaar=THIS_YEAR - 19),
        personen=(person("lisa", "familie", 1, relatie="broer/zus", geboortejaar=THIS_YEAR - 15),),
        banden=(tie("client", "lisa", "dagelijks", "steunend", ontv=["emotioneel", "gezelschap"],
                    geg=["emotioneel", "waardering"]),),
    )
    assert analyse(atlas).jonge_mantelzorgers == ()


def test_the_library_casuses_name_the_children_their_authors_worry_about():
    from wijkteam_kit.netwerk.io import atlas_from_casus

    library = {c.id: c for c in load_library()}
    found = {}
    for cid in ("gezin-schulden-overlast", "eigen-kracht-conferentie", "jongeman-zelfstandig"):
        atlas = atlas_from_casus(library[cid])
        found[cid] = [atlas.person(j.id).naam for j in analyse(atlas).jonge_mantelzorgers]
    # Lotte "takes on a lot of care for her mother", Roos "often comforts her mother"; Jordy and Kevin help with
    # chores while their mother cares for them, Lisa chats with her brother: no young carers
    assert found == {
        "gezin-schulden-overlast": ["Lotte"],
        "eigen-kracht-conferentie": ["Roos"],
        "jongeman-zelfstandig": [],
    }


def test_weekly_care_for_an_ageing_parent_counts_as_mantelzorg():
    atlas = Netwerkatlas(
        client=Client(naam="Marieke", geslacht="vrouw"),
        personen=(person("gerda", "familie", 1, relatie="ouder"),),
        banden=(tie("client", "gerda", "wekelijks", "wisselend", geg=["praktisch"]),),
    )
    [care] = analyse(atlas).mantelzorg
    assert care.id == "gerda" and care.frequentie == "wekelijks"
    carer = next(s for s in signals(atlas) if s.soort == "overbelasting")
    assert carer.tekst.startswith("Marieke zorgt elke week voor Gerda")
    rarely = tie("client", "gerda", "maandelijks", "wisselend", geg=["praktisch"])
    monthly = atlas.model_copy(update={"banden": (rarely,)})
    assert analyse(monthly).mantelzorg == ()


def _household(henk_gets_from_fatima: bool) -> Netwerkatlas:
    """Gerda and Henk; Fatima does the shopping, entered on Gerda's tie or on Henk's; Marieke gives advice."""
    people = (
        person("henk", "familie", 1, relatie="partner", huishouden=True),
        person("fatima", "buurt", 2),
        person("marieke", "familie", 1, relatie="kind", geboortejaar=THIS_YEAR - 45),
    )
    shopping = tie("henk", "fatima", ontv=["praktisch"]) if henk_gets_from_fatima else tie(
        "client", "fatima", ontv=["praktisch"]
    )
    ties = [
        tie("client", "henk", "dagelijks", "steunend", ontv=["gezelschap"], geg=["gezelschap"]),
        tie("client", "marieke", ontv=["informatief", "emotioneel"], geg=["emotioneel"]),
        shopping,
    ]
    if henk_gets_from_fatima:
        ties.append(tie("client", "fatima", "maandelijks", "steunend"))
    return Netwerkatlas(client=Client(naam="Gerda"), personen=people, banden=tuple(ties))


def test_only_provider_is_about_the_household_not_the_tie_the_help_was_entered_on():
    on_client, on_henk = _household(False), _household(True)
    assert overload(on_client).enige_bron["praktisch"] == overload(on_henk).enige_bron["praktisch"] == "fatima"
    for atlas, whom in ((on_client, "Gerda"), (on_henk, "Henk")):
        sole = [s for s in signals(atlas) if s.soort == "enige-bron" and s.personen == ("fatima",)]
        assert len(sole) == 1
        assert f"Alle praktische hulp voor {whom} komt van één persoon: Fatima" in sole[0].tekst


def test_a_second_provider_on_a_household_members_tie_means_nobody_is_the_only_one():
    atlas = _household(False)
    atlas = atlas.model_copy(
        update={
            "personen": (*atlas.personen, person("joop", "vrijwilligers/verenigingen", 3)),
            "banden": (*atlas.banden, tie("henk", "joop", ontv=["praktisch"])),
        }
    )
    assert "praktisch" not in overload(atlas).enige_bron
    assert not [s for s in signals(atlas) if s.soort == "enige-bron" and "praktische" in s.tekst]
