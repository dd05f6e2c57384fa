import datetime as dt

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.draw import figure_bytes, inline_svg
from wijkteam_kit.draw.groepssessie import group_figure
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.groepssessie.analyse import groep
from wijkteam_kit.groepssessie.analyse.netwerk import NetwerkGroep, netwerk_groep, normalise_name
from wijkteam_kit.groepssessie.analyse.plan import PlanGroep, plan_groep
from wijkteam_kit.groepssessie.analyse.zrm import ZrmGroep, assessment_from_payload, zrm_groep, zrm_payload
from wijkteam_kit.netwerk import Band, Client, Netwerkatlas, Persoon
from wijkteam_kit.netwerk.io import atlas_to_data
from wijkteam_kit.plan import Plan
from wijkteam_kit.plan.regels import feedback
from wijkteam_kit.zrm import Assessment, calibrate, calibrate_assessments

LIB = {c.id: c for c in load_library()}
TAAL = LIB["administratie-taal"]  # ZRM 2013, reference rung 1
GERDA = LIB["mantelzorg-dementie"]
DAY = dt.date(2026, 3, 2)
ODD = "Bo $x$ <script>"


def zrm_answer(name, scores, ladder=None, casus=TAAL):
    a = Assessment.build(casus.version(), casus.id, name, scores, date="2026-03-02", ladder=ladder)
    return name, zrm_payload(a)


def three_zrm():
    return [
        zrm_answer("Ans", {"financien": 2, "adl": 3, "huisvesting": 4}, ladder=2),
        zrm_answer(ODD, {"financien": 2, "adl": 4, "huisvesting": 4}, ladder=3),
        zrm_answer("Cor", {"financien": 4, "adl": 3, "huisvesting": 4}),
    ]


# --------------------------------------------------------------------------- ZRM
def test_zrm_payload_round_trip_keeps_levels_notes_basis_and_ladder():
    v = TAAL.version()
    scores = {
        "financien": {"niveau": 2, "toelichting": "schulden; 'veel'", "basis": "netwerk"},
        "justitie": "nvt",
    }
    a = Assessment.build(v, TAAL.id, "Ans", scores, date="2026-03-02", ladder=4)
    back = assessment_from_payload(zrm_payload(a), v, "Ans", casus_id=TAAL.id)
    assert back == a
    assert back.scores["financien"].note == "schulden; 'veel'" and back.ladder == 4


def test_three_answers_give_hand_computed_agreement_and_agenda():
    g = zrm_groep(TAAL, three_zrm())
    # financien 2,2,4: 1 of 3 pairs equal, 1 within one; adl 3,4,3: 1 equal, 3 within one; huisvesting: 3 and 3.
    assert g.agreement.exact == pytest.approx(5 / 9)
    assert g.agreement.within_one == pytest.approx(7 / 9)
    # Krippendorff by hand: n2=2, n3=2, n4=5, n=9; observed 85, expected 882 -> 1 - 8*85/882.
    assert g.agreement.alpha == pytest.approx(1 - 8 * 85 / 882)
    order = [item.domain_id for item in g.agenda]
    assert order[:3] == ["financien", "adl", "huisvesting"]  # equal exact: larger spread first
    assert len(order) == 11 and order[3] == "dagbesteding"  # then the unscored, in version order
    first = g.agenda[0]
    ref = TAAL.reference_assessment()
    assert first.levels == (2, 2, 4) and first.spread_text == "2× 2, 1× 4"
    assert (first.reference, first.rationale) == (ref.level("financien"), ref.scores["financien"].note)
    assert g.ladder == (2, 3, None)
    assert g.ladder_tekst() == "1× trede 2, 1× trede 3 (referentie: trede 1)"
    assert g.namen == ("Ans", ODD, "Cor") and g.overgeslagen == ()
    assert "3 beoordelaars" in g.melding


def test_group_agenda_matches_the_typed_calibration():
    lines = {"Ans": "3 2 4 nvt 3 3 5 3 2 2 5", "Bo": "1 2 4 nvt 3 3 5 3 2 2 5"}
    ronde = calibrate(TAAL, lines)
    again = calibrate_assessments(TAAL, ronde.assessments)
    assert again.agenda == ronde.agenda and again.agreement == ronde.agreement


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("kapot", "verwacht een ZRM-beoordeling, kreeg str"),
        (None, "verwacht een ZRM-beoordeling, kreeg NoneType"),
        ({"versie": "zrm2017", "scores": {}}, "ZRM-versie 'zrm2017'"),
        ({"casus": "mantelzorg-dementie", "scores": {}}, "hoort bij casus 'mantelzorg-dementie'"),
        ({"scores": [1, 2]}, "geen scores per domein"),
        ({"scores": {"financien": 7}}, "niveau 7 bestaat niet"),
        ({"scores": {"financien": {"niveau": 2.5}}}, "halve niveaus bestaan niet"),
        ({"scores": {"financien": {"niveau": [1]}}}, "is geen niveau"),
        ({"scores": {"financein": 3}}, "financien"),
        ({"scores": {}, "ladder": 9}, "trede 9 bestaat niet"),
        ({"scores": {}, "datum": 5}, "datum 5 is ongeldig"),
        ({"scores": {}, "datum": "gisteren"}, "'gisteren' is ongeldig"),
        ({"scores": {1: 2}}, "niet te lezen"),
    ],
)
def test_unreadable_zrm_answers_are_skipped_with_a_dutch_reason(payload, reason):
    g = zrm_groep(TAAL, [*three_zrm(), ("Dirk", payload)])
    assert len(g.assessments) == 3 and g.agreement.exact == pytest.approx(5 / 9)
    assert [name for name, _ in g.overgeslagen] == ["Dirk"]
    assert g.overgeslagen[0][1].startswith("Het antwoord is niet te lezen")
    assert reason in g.overgeslagen[0][1]
    assert g.n_antwoorden == 4


def test_zero_and_one_zrm_answer_give_a_message_not_a_crash():
    empty = zrm_groep(TAAL, [])
    assert (empty.agreement.exact, empty.agreement.within_one, empty.agreement.alpha) == (None, None, None)
    assert len(empty.agenda) == 11 and empty.agenda[0].levels == () and empty.agenda[0].spread_text == ""
    assert "nog geen" in empty.melding
    one = zrm_groep(TAAL, three_zrm()[:1])
    assert one.agreement.exact is None and one.agreement.alpha is None and one.agreement.n_raters == 1
    assert one.melding.startswith("Eén deelnemer heeft ingeleverd")
    assert [item.levels for item in one.agenda][:1] == [(2,)]
    assert "nog geen" in group_figure(empty).texts[-1].get_text()
    fig = group_figure(one)
    assert any((c.get_gid() or "") == "kalibratie-financien" for c in fig.axes[0].collections)


def test_zrm_figure_follows_the_agenda_and_marks_one_participant():
    g = zrm_groep(TAAL, three_zrm())
    fig = group_figure(g, highlight="  bo $X$ <SCRIPT> ")
    ax = fig.axes[0]
    ticks = sorted(
        zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True), reverse=True
    )
    assert [name for _, name in ticks] == [item.name for item in g.agenda]
    marks = [c for c in ax.collections if c.get_gid() == "sessie-markering"]
    assert len(marks) == 1
    points = {(round(float(x), 3), int(y)) for x, y in marks[0].get_offsets()}
    # Bo is the second of two raters at level 2 on financien (top row 10): x = 2 + 0.5 * 0.09.
    assert points == {(2.045, 10), (4.0, 9), (4.0, 8)}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["één beoordelaar", "referentie", ODD]
    svg = inline_svg(fig)
    assert "Bo $x$ &lt;script&gt;" in svg and "<script>" not in svg
    assert not [
        c
        for c in group_figure(g, highlight="Niemand").axes[0].collections
        if c.get_gid() == "sessie-markering"
    ]


# --------------------------------------------------------------------------- plan
def make_plan(domains, steps, regisseur=""):
    return Plan(
        zrm_versie="zrm2013",
        probleemstellingen=[{"tekst": "Ik ben moe", "domein": d, "niveau": 2} for d in domains],
        oplossingen=[{"tekst": "iets regelen", "stap": s} for s in steps],
        regisseur=regisseur,
    )


def three_plans():
    ans = make_plan(
        ["sociaal_netwerk", "geestelijke_gezondheid"], ["sociaal_netwerk", "eigen_kracht", "sociaal_netwerk"]
    )
    bo = make_plan(["financien"], ["maatwerkvoorziening"])
    cor = make_plan(["geestelijke_gezondheid"], ["sociaal_netwerk", "algemene_voorziening"], "Gerda")
    return [
        ("Ans", ans.to_payload()),
        (ODD, {"titel": "Mijn plan", "plan": bo.to_payload()}),
        ("Cor", cor.to_payload()),
    ]


def test_three_plans_give_hand_counted_steps_domains_and_reference_coverage():
    g = plan_groep(GERDA, three_plans(), today=DAY)
    assert g.step_counts == {
        "eigen_kracht": 1,
        "sociaal_netwerk": 2,
        "steun_mantelzorger": 0,
        "algemene_voorziening": 1,
        "maatwerkvoorziening": 1,
    }
    assert {d: n for d, n in g.domain_counts.items() if n} == {
        "financien": 1,
        "geestelijke_gezondheid": 2,
        "sociaal_netwerk": 1,
    }
    assert list(g.domain_counts) == list(GERDA.version().domain_ids)
    # reference plan: domains geestelijke_gezondheid, sociaal_netwerk, maatschappelijke_participatie,
    # lichamelijke_gezondheid; steps eigen_kracht, sociaal_netwerk, steun_mantelzorger, algemene_voorziening.
    assert g.referentie_domeinen == (
        ("geestelijke_gezondheid", 2),
        ("sociaal_netwerk", 1),
        ("maatschappelijke_participatie", 0),
        ("lichamelijke_gezondheid", 0),
    )
    assert g.referentie_stappen == (
        ("eigen_kracht", 1),
        ("sociaal_netwerk", 2),
        ("steun_mantelzorger", 0),
        ("algemene_voorziening", 1),
    )
    ans = g.per_plan[0]
    assert ans.stappen == ("eigen_kracht", "sociaal_netwerk")  # Wmo order, each step once
    assert ans.domeinen == ("geestelijke_gezondheid", "sociaal_netwerk")  # version order
    assert any("Niet in jouw plan" in line for line in ans.vergelijking)
    assert g.namen == ("Ans", ODD, "Cor") and g.melding == "3 plannen ingeleverd."


def test_common_feedback_is_counted_most_common_first_with_an_example():
    answers = three_plans()
    g = plan_groep(GERDA, answers, today=DAY)
    plans = [Plan.from_payload(p.get("plan", p)) for _, p in answers]
    results = [feedback(p, GERDA, DAY) for p in plans]
    by_title = {f.titel: f for f in g.common_feedback}
    regisseur = next(f for f in results[0] if f.regel == "regisseur")
    # Ans and Bo name no regisseur, Cor names Gerda.
    assert by_title[regisseur.titel].aantal == 2
    assert by_title[regisseur.titel].voorbeeld == regisseur.uitleg  # the first plan's reason
    counts = [f.aantal for f in g.common_feedback]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    assert [r.feedbackpunten for r in g.per_plan] == [sum(not f.in_orde for f in fs) for fs in results]
    titel, aantal, voorbeeld = g.common_feedback[0]  # a plain (title, count, example) tuple
    assert isinstance(titel, str) and aantal == 3 and voorbeeld


def test_unreadable_and_foreign_plans_are_skipped():
    bad = {"oplossingen": [{"tekst": "Toveren", "stap": "toverstaf"}]}
    foreign = Plan(casus_id="administratie-taal").to_payload()
    g = plan_groep(GERDA, [*three_plans(), ("Dirk", bad), ("Eef", foreign), ("Fee", [1, 2])], today=DAY)
    assert len(g.per_plan) == 3 and g.step_counts["sociaal_netwerk"] == 2
    reasons = dict(g.overgeslagen)
    assert "oplossingen[1].stap" in reasons["Dirk"]
    assert "andere casus ('administratie-taal')" in reasons["Eef"]
    assert reasons["Fee"].startswith("Het antwoord is niet te lezen")
    empty = plan_groep(GERDA, [], today=DAY)
    assert empty.common_feedback == () and set(empty.step_counts.values()) == {0}
    assert "nog geen" in empty.melding


def test_plan_figure_matrix_bars_and_anonymous_rows():
    g = plan_groep(GERDA, three_plans(), today=DAY)
    fig = group_figure(g, highlight="cor")
    top, bottom = fig.axes[:2]
    steps = next(c for c in top.collections if c.get_gid() == "plan-stappen")
    assert len(steps.get_offsets()) == 2 + 1 + 2
    assert [p for p in top.patches if p.get_gid() == "sessie-markering"]
    widths = {p.get_gid(): p.get_width() for p in bottom.patches if (p.get_gid() or "").startswith("domein-")}
    assert widths["domein-geestelijke_gezondheid"] == 2 and widths["domein-financien"] == 1
    assert widths["domein-justitie"] == 0
    assert "Bo $x$ &lt;script&gt;" in inline_svg(fig)
    anonymous = group_figure(g, met_namen=False)
    labels = [t.get_text() for t in anonymous.axes[0].get_yticklabels()]
    assert sorted(labels) == ["Plan 1", "Plan 2", "Plan 3"]
    assert "Ans" not in inline_svg(anonymous)
    assert figure_bytes(fig, "png")[:4] == b"\x89PNG" and figure_bytes(fig, "pdf")[:4] == b"%PDF"


# --------------------------------------------------------------------------- netwerkatlas
def person(pid, naam, relatie, sector="familie"):
    return Persoon(id=pid, naam=naam, relatie=relatie, sector=sector, cirkel=2)


def kaart(*people, ties=()):
    atlas = Netwerkatlas(
        client=Client(naam="Gerda"),
        personen=tuple(people),
        banden=tuple(Band(van="client", naar=t, frequentie="wekelijks", kwaliteit="steunend") for t in ties),
    )
    return atlas_to_data(atlas)


def three_maps():
    # Casus: henk (Henk Bosman, partner), marieke, erik, ans, riet, fatima, huisarts (Dokter Verbrugge),
    # casemanager (Wendy), kari (familie), lars (kleinkind).
    a = kaart(
        person("p1", "henk bosman", "partner"), person("p2", "Marieke", "kind"), person("p3", "Erik", "kind"),
        person("p4", "Ans", "vriend"), person("p5", "Riet", "vriend"), person("p6", "Fatima", "buur", "buurt"),
        person("p7", "Dokter Verbrugge", "professional", "professionals"),
        person("p8", "Wendy", "professional", "professionals"), person("p9", "Kees", "vriend"),
        ties=("p1", "p2"),
    )  # fmt: skip
    b = kaart(
        person("p1", "HENK  BOSMAN", "partner"), person("p2", "Mariëke", "kind"), person("p3", "Erik", "kind"),
        person("p4", "Ans", "vriend"), person("p6", "Fatima", "buur", "buurt"),
        person("p7", "De huisarts", "professional", "professionals"), person("p8", "Kari", "familie"),
    )  # fmt: skip
    c = kaart(
        person("p1", "mijn man", "partner"), person("p2", "Marieke", "kind"), person("p3", "Erik", "kind"),
        person("p4", "Riet", "vriend"), person("p5", "Ans", "vriend"), person("p6", "Fatima", "buur", "buurt"),
        person("p7", "Dokter Verbrugge", "professional", "professionals"),
        person("p8", "Wendy", "professional", "professionals"), person("p9", " kees ", "vriend"),
        ties=("p1",),
    )  # fmt: skip
    return [("Ans", a), (ODD, b), ("Cor", c)]


def test_three_maps_give_the_persons_most_often_missed():
    g = netwerk_groep(GERDA, three_maps())
    # Ans misses kari, lars; Bo misses riet, huisarts + casemanager (two professionals left: no match by
    # relation), lars; Cor misses kari, lars ("mijn man" is the only partner left: matched by relation).
    assert g.missed == (("Lars", 3), ("Kari", 2), ("Riet", 1), ("Dokter Verbrugge", 1), ("Wendy", 1))
    assert g.missed_share[:2] == (("Lars", 3, 1.0), ("Kari", 2, pytest.approx(2 / 3)))
    assert g.extra == (("Kees", 2), ("De huisarts", 1))
    rows = {r.naam: r for r in g.per_map}
    assert (rows["Ans"].personen, rows["Ans"].banden, rows["Ans"].gemist) == (9, 2, ("Kari", "Lars"))
    assert rows[ODD].gemist == ("Riet", "Dokter Verbrugge", "Wendy", "Lars")
    assert (rows["Cor"].banden, rows["Cor"].gemist, rows["Cor"].extra) == (1, ("Kari", "Lars"), ("kees",))
    assert g.n_casus_personen == 10 and "3 kaarten" in g.melding


def test_empty_and_broken_maps_do_not_crash():
    broken = {"personen": [{"id": "x", "naam": "X", "relatie": "buur", "sector": "buurt", "cirkel": 9}]}
    g = netwerk_groep(GERDA, [("Leeg", kaart()), ("Kapot", broken), ("Tekst", "geen kaart")])
    assert [r.naam for r in g.per_map] == ["Leeg"] and g.per_map[0].personen == 0
    assert len(g.missed) == 10 and g.missed[0] == ("Henk Bosman", 1) and g.missed_share[0][2] == 1.0
    reasons = dict(g.overgeslagen)
    assert "cirkel" in reasons["Kapot"] and reasons["Tekst"].startswith("Het antwoord is niet te lezen")
    nobody = netwerk_groep(GERDA, [])
    assert nobody.missed == () and nobody.missed_share == () and "nog geen" in nobody.melding
    assert "nog geen" in group_figure(nobody).texts[-1].get_text()


def test_netwerk_figure_bars_and_own_missed_persons():
    g = netwerk_groep(GERDA, three_maps())
    fig = group_figure(g, highlight=ODD)
    ax = fig.axes[0]
    bars = sorted(
        (p for p in ax.patches if p.get_gid() in ("gemist", "sessie-markering")), key=lambda p: -p.get_y()
    )
    assert [p.get_width() for p in bars] == [3, 2, 1, 1, 1]
    marked = [p.get_width() for p in bars if p.get_gid() == "sessie-markering"]
    assert marked == [3, 1, 1, 1]  # Bo missed Lars, Riet, Dokter Verbrugge and Wendy, not Kari
    assert "3 van 3 (100%)" in [t.get_text() for t in ax.texts]
    assert ax.get_legend().get_texts()[0].get_text() == "ontbreekt ook op jouw kaart"


def test_normalise_name_and_group_dispatch():
    assert normalise_name("  Mariëke\tDE  Vries ") == "marieke de vries"
    assert isinstance(groep(TAAL, "zrm", []), ZrmGroep)
    assert isinstance(groep(GERDA, "plan", [], today=DAY), PlanGroep)
    assert isinstance(groep(GERDA, "netwerkatlas", []), NetwerkGroep)
    with pytest.raises(WijkteamError, match="Onbekende oefening 'quiz'"):
        groep(GERDA, "quiz", [])


def test_a_group_that_agrees_but_sits_away_from_the_reference_tops_the_agenda_with_its_kind():
    from wijkteam_kit.ui.groepssessie import group_html

    ref = TAAL.reference_assessment()
    off = {"dagbesteding": ref.level("dagbesteding") + 1}  # everyone one level above the reference
    answers = [
        zrm_answer("Ans", {**off, "financien": 2}),
        zrm_answer("Bo", {**off, "financien": 3}),
        zrm_answer("Cor", {**off, "financien": 3}),
        zrm_answer("Dirk", {**off, "financien": 3}),
    ]  # Financiën: half the pairs differ, the mean a quarter level off: 0,5 + 0,25 < 1
    g = zrm_groep(TAAL, answers)
    first = g.agenda[0]
    assert (first.domain_id, first.exact, first.soort) == ("dagbesteding", 1.0, "systematisch")
    html = group_html(g)
    agenda = html.split("Gespreksagenda", 1)[1]
    assert agenda.index("Dagbesteding") < agenda.index("Financiën")
    assert "de groep zit samen naast de referentie (gemiddeld 3,0; referentie 2: 1,0 hoger)" in agenda
    assert "<th>Soort</th>" in agenda
