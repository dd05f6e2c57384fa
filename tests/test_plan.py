"""Plan van Aanpak: model and payload, every feedback rule on good and bad examples, reference plan, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wijkteam_kit import settings
from wijkteam_kit.casus import check_files, load_library
from wijkteam_kit.errors import DataFileError, PlanError
from wijkteam_kit.plan import (
    JargonWoord,
    Plan,
    bewaar_plan,
    bewaarde_plannen,
    deelnemer_voor,
    find_jargon,
    load_jargon,
    plan_bestandsnaam,
    plan_document,
    plan_markdown,
)
from wijkteam_kit.plan.regels import REGELS, feedback, vergelijk_met_referentie
from wijkteam_kit.plan.regels.aanpak import is_network_person
from wijkteam_kit.store import Store

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 3, 2)
LIBRARY = {c.id: c for c in load_library()}
GERDA = LIBRARY["mantelzorg-dementie"]
GEZIN = LIBRARY["gezin-schulden-overlast"]

BASE = {
    "casus_id": "mantelzorg-dementie",
    "zrm_versie": "zrm2013",
    "huishouden": "Gerda en Henk",
    "vraag": "Ik wil één middag in de week voor mezelf.",
    "datum": TODAY,
    "krachten": ["Wij zijn erg op elkaar gesteld", "Ik ben praktisch en houd een weekplanner bij"],
    "probleemstellingen": [
        {
            "tekst": "Ik ben zo moe dat ik overdag in slaap val",
            "domein": "geestelijke_gezondheid",
            "niveau": 3,
        },
        {"tekst": "Ik vraag niemand om hulp", "domein": "sociaal_netwerk", "niveau": 3},
    ],
    "doelstellingen": [{"tekst": "Ik wil elke week een middag voor mezelf", "problemen": [1, 2]}],
    "resultaten": [{"tekst": "Over zes weken ben ik elke dinsdagmiddag drie uur vrij", "doel": 1}],
    "oplossingen": [
        {"tekst": "Ik zet de dinsdag zelf in mijn weekplanner", "stap": "eigen_kracht"},
        {"tekst": "Ans komt op dinsdagmiddag bij Henk", "stap": "sociaal_netwerk"},
    ],
    "acties": [
        {"wie": "Gerda", "wat": "Ans bellen", "wanneer": "deze week"},
        {"wie": "Ans (vriendin)", "wat": "Bij Henk zijn", "wanneer": "elke dinsdagmiddag"},
    ],
    "regisseur": "Gerda",
    "evaluatiedatum": dt.date(2026, 6, 1),
    "eerdere_hulp": "Iemand van het geheugenteam komt eens in de zes weken voor Henk",
    "resultaat_eerdere_hulp": "Dat helpt Henk, maar voor mij verandert er niets",
}


def make(**changes) -> Plan:
    return Plan(**{**BASE, **changes})


def rule(name: str, plan: Plan, casus=None, today: dt.date = TODAY):
    return REGELS[name](plan, casus, today)


# ---------------------------------------------------------------------- model and payload
def test_good_plan_passes_every_rule_with_and_without_casus():
    for casus in (None, GERDA):
        results = feedback(make(), casus, TODAY)
        assert [f.regel for f in results] == list(REGELS)
        assert {f.regel: f.status for f in results} == dict.fromkeys(REGELS, "in orde")
        assert all(f.uitleg for f in results)


def test_payload_round_trip_keeps_everything():
    plan = make(geparkeerd=[{"domein": "justitie", "reden": "Nu niet aan de orde"}])
    payload = plan.to_payload()
    assert payload["datum"] == "2026-03-02" and payload["evaluatiedatum"] == "2026-06-01"
    assert payload["doelstellingen"] == [
        {"tekst": "Ik wil elke week een middag voor mezelf", "problemen": [1, 2]}
    ]
    again = Plan.from_payload(payload)
    assert again == plan
    assert again.geparkeerd[0].domein == "justitie"
    assert Plan.from_payload(Plan().to_payload()) == Plan()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"doelstellingen": [{"tekst": "Ik wil zingen"}, {"tekst": "   "}]},
            "doelstellingen[2].tekst: mag niet leeg zijn",
        ),
        ({"krachten": ["Trouw", ""]}, "krachten[2]: mag niet leeg zijn"),
        ({"probleemstellingen": [{"tekst": "Schulden", "domein": "financein"}]}, "Bedoelde u 'financien'?"),
        (
            {"probleemstellingen": [{"tekst": "Moe", "niveau": 6}]},
            "probleemstellingen[1].niveau: verwacht hoogstens 5, kreeg 6",
        ),
        (
            {"oplossingen": [{"tekst": "Dagopvang", "stap": "maatwerk"}]},
            "oplossingen[1].stap: verwacht één van",
        ),
        (
            {"doelstellingen": [{"tekst": "Ik wil", "problemen": [3]}]},
            "probleem 3 bestaat niet; het plan heeft 0",
        ),
        ({"resultaten": [{"tekst": "Elke week", "doel": 2}]}, "resultaten[1].doel: doel 2 bestaat niet"),
        ({"evaluatiedatum": "over een half jaar"}, "evaluatiedatum: verwacht een datum (jjjj-mm-dd)"),
        ({"acties": [{"wiee": "Ans"}]}, "acties[1].wiee: onbekend veld; bedoelde u 'wie'?"),
        ({"zrm_versie": "zrm2099"}, "Onbekende ZRM-versie 'zrm2099'"),
        ({"geparkeerd": [{"domein": "justitie", "reden": ""}]}, "geparkeerd[1].reden: mag niet leeg zijn"),
        ({"geparkeerd": [{"domein": "", "reden": "Later"}]}, "geparkeerd[1].domein: mag niet leeg zijn"),
    ],
)
def test_invalid_plans_name_the_element_in_dutch(changes, expected):
    with pytest.raises(PlanError) as info:
        Plan(**changes)
    assert expected in str(info.value)


def test_all_problems_are_reported_together_and_payload_must_be_a_dict():
    with pytest.raises(PlanError) as info:
        Plan(doelstellingen=[{"tekst": ""}, {"tekst": ""}])
    assert [p.field for p in info.value.problems] == ["doelstellingen[1].tekst", "doelstellingen[2].tekst"]
    with pytest.raises(PlanError, match="verwacht een groep velden"):
        Plan.from_payload(["geen", "plan"])


def test_blank_domain_and_level_mean_not_chosen():
    plan = Plan(probleemstellingen=[{"tekst": "Ik ben moe", "domein": "", "niveau": ""}], datum="")
    assert (plan.probleemstellingen[0].domein, plan.probleemstellingen[0].niveau, plan.datum) == (
        None,
        None,
        None,
    )


def test_privacy_warning_for_real_looking_numbers():
    assert "telefoonnummer" in make(vraag="Bel me op 0612345678").privacy_warning()
    assert make().privacy_warning() == ""


# ---------------------------------------------------------------------- the rules (good and bad examples)
def problems(*texts):
    return [{"tekst": t, "domein": "financien", "niveau": 3} for t in texts]


@pytest.mark.parametrize(
    "changes",
    [
        {"probleemstellingen": problems("Ik ben moe", "Wij hebben schulden")},
        {"probleemstellingen": problems("Mijn post ligt ongeopend in een la", "Me lukt het niet")},
        {"doelstellingen": [{"tekst": "We willen samen eten", "problemen": [1]}]},
    ],
)
def test_perspectief_good(changes):
    assert rule("perspectief", make(**changes)).status == "in orde"


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        (
            {"probleemstellingen": problems("Ik ben moe", "Mevrouw is overbelast")},
            "Probleem 2 praat over 'Mevrouw'",
        ),
        (
            {"probleemstellingen": problems("De cliënt moet zijn post openen", "Ik")},
            "Probleem 1 praat over 'cliënt'",
        ),
        (
            {"doelstellingen": [{"tekst": "Gerda gaat weer zingen", "problemen": [1]}]},
            "Doel 1 staat niet in de ik- of wij-vorm ('Gerda gaat weer zingen')",
        ),
    ],
)
def test_perspectief_bad(changes, word):
    result = rule("perspectief", make(**changes))
    assert result.status == "let op" and word in result.uitleg


def test_perspectief_without_problems_and_goals_is_missing():
    assert rule("perspectief", Plan()).status == "ontbreekt"


@pytest.mark.parametrize(
    "goal",
    [
        "Ik wil weer op dinsdag zingen",
        "Wij gaan elke week samen koken",
        "Over drie maanden kan ik zelf mijn post lezen",
        "Ik wil stoppen met roken, zodat ik weer kan wandelen",
    ],
)
def test_positief_good(goal):
    assert rule("positief", make(doelstellingen=[{"tekst": goal, "problemen": [1]}])).status == "in orde"


@pytest.mark.parametrize(
    ("goal", "reason"),
    [
        ("Ik wil niet meer piekeren", "alleen wat er moet ophouden ('niet meer')"),
        ("Ik wil stoppen met blowen", "('stoppen met')"),
        ("Wij willen geen ruzie meer", "('geen ruzie meer')"),
        ("Rust in huis", "zegt niet wat jullie willen bereiken"),
    ],
)
def test_positief_bad(goal, reason):
    result = rule("positief", make(doelstellingen=[{"tekst": goal, "problemen": [1]}]))
    assert result.status == "let op" and reason in result.uitleg and result.waar == "doelstellingen[1]"


@pytest.mark.parametrize(
    "problem",
    [
        {"tekst": "Ik heb schulden", "domein": "financien", "niveau": 2},
        {"tekst": "Ik zie niemand", "domein": "sociaal_netwerk", "niveau": 1},
        {"tekst": "Mijn huis is te klein", "domein": "huisvesting", "niveau": 4},
    ],
)
def test_zrm_domein_good(problem):
    plan = make(probleemstellingen=[problem], doelstellingen=[{"tekst": "Ik wil", "problemen": [1]}])
    assert rule("zrm_domein", plan).status == "in orde"


@pytest.mark.parametrize(
    ("problem", "status", "where"),
    [
        ({"tekst": "Ik heb schulden"}, "let op", "probleemstellingen[3].domein"),
        ({"tekst": "Ik heb schulden", "domein": "financien"}, "let op", "probleemstellingen[3].niveau"),
        ({"tekst": "Ik heb schulden", "niveau": 2}, "let op", "probleemstellingen[3].domein"),
    ],
)
def test_zrm_domein_bad(problem, status, where):
    result = rule("zrm_domein", make(probleemstellingen=[*BASE["probleemstellingen"], problem]))
    assert (result.status, result.waar) == (status, where)


def test_zrm_domein_without_problems_is_missing():
    assert (
        rule("zrm_domein", make(probleemstellingen=[], doelstellingen=[], resultaten=[])).status
        == "ontbreekt"
    )


GEZIN_LOW = [
    "financien",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "maatschappelijke_participatie",
]


def gezin_plan(addressed, parked=(), goal_for=None, steps=True):
    goal_for = addressed if goal_for is None else goal_for
    probs = [{"tekst": f"Wij hebben zorgen over {d}", "domein": d, "niveau": 2} for d in addressed]
    goals = [{"tekst": f"Wij willen {d}", "problemen": [addressed.index(d) + 1]} for d in goal_for]
    solutions = [{"tekst": f"Wij pakken {d} samen aan", "stap": "eigen_kracht"} for d in goal_for]
    return Plan(
        zrm_versie="zrm2013",
        probleemstellingen=probs,
        doelstellingen=goals,
        oplossingen=solutions if steps else [],
        geparkeerd=[{"domein": d, "reden": "Eerst de rest"} for d in parked],
    )


def test_domeinen_laag_level_1_needs_a_solution_or_action_not_only_a_goal():
    result = rule("domeinen_laag", gezin_plan(GEZIN_LOW, steps=False), GEZIN)
    assert result.status == "let op" and result.waar == "financien"
    assert "Financiën (niveau 1): er is een doel, maar nog geen oplossing of actie" in result.uitleg
    plan = gezin_plan(GEZIN_LOW, steps=False)
    action = {"wie": "Chantal", "wat": "financien uitzoeken", "wanneer": "vrijdag"}
    plan = Plan(**{**plan.model_dump(), "acties": [action]})
    assert rule("domeinen_laag", plan, GEZIN).status == "in orde"


@pytest.mark.parametrize(
    ("plan", "casus"),
    [
        (gezin_plan(GEZIN_LOW), GEZIN),
        (gezin_plan(GEZIN_LOW[:4], parked=GEZIN_LOW[4:]), GEZIN),
        (gezin_plan(["financien"]), None),  # without casus: the plan's own levels, all with a goal
        (make(), GERDA),  # no domain at 1-2 in the reference
    ],
)
def test_domeinen_laag_good(plan, casus):
    assert rule("domeinen_laag", plan, casus).status == "in orde"


@pytest.mark.parametrize(
    ("plan", "casus", "status", "text"),
    [
        (
            gezin_plan(["financien", "huisvesting"], goal_for=["financien"]),
            GEZIN,
            "let op",
            "Huisvesting (niveau 2): er is een probleem, maar nog geen doel, Huiselijke relaties (niveau 2)",
        ),
        (Plan(zrm_versie="zrm2013"), GEZIN, "ontbreekt", "staat het niet goed met Financiën (niveau 1)"),
        (gezin_plan(["financien"], goal_for=[]), None, "ontbreekt", "Volgens je eigen probleemstellingen"),
        (Plan(zrm_versie="zrm2017"), GEZIN, "let op", "Het plan gebruikt zrm2017, de casus zrm2013"),
    ],
)
def test_domeinen_laag_bad(plan, casus, status, text):
    result = rule("domeinen_laag", plan, casus)
    assert result.status == status and text in result.uitleg


def test_domeinen_laag_names_only_what_is_missing():
    result = rule("domeinen_laag", gezin_plan(["financien", "huisvesting"], goal_for=["financien"]), GEZIN)
    assert (
        result.waar
        == "huisvesting, huiselijke_relaties, geestelijke_gezondheid, maatschappelijke_participatie"
    )
    assert "Financiën" not in result.uitleg


@pytest.mark.parametrize(
    "result",
    [
        "Over zes weken ben ik elke dinsdagmiddag vrij",
        "Op 1 juni is de achterstand betaald",
        "Binnen een maand is de aanvraag ingeleverd",
        "Ik heb een bed en een koelkast in mijn studio",
        "Wij hebben geen huurachterstand meer",
    ],
)
def test_smart_good(result):
    assert rule("smart", make(resultaten=[{"tekst": result, "doel": 1}])).status == "in orde"


@pytest.mark.parametrize(
    ("results", "status", "reason"),
    [
        ([{"tekst": "Het gaat beter met Gerda", "doel": 1}], "let op", "'beter' zonder maat"),
        ([{"tekst": "Meer rust in huis", "doel": 1}], "let op", "Resultaat 1 is vaag ('Meer' zonder maat"),
        ([{"tekst": "De administratie is en blijft op orde", "doel": 1}], "let op", "'op orde' zonder maat"),
        (
            [{"tekst": "Elke dinsdag ben ik vrij"}],
            "let op",
            "Resultaat 1 hoort nog bij geen doel en doel 1 heeft nog",
        ),
        ([], "ontbreekt", "nog geen resultaten"),
    ],
)
def test_smart_bad(results, status, reason):
    result = rule("smart", make(resultaten=results))
    assert result.status == status and reason in result.uitleg


def test_smart_goal_without_result():
    plan = make(doelstellingen=[*BASE["doelstellingen"], {"tekst": "Ik wil zingen", "problemen": []}])
    result = rule("smart", plan)
    assert result.status == "let op" and "Doel 2 heeft nog geen resultaat." in result.uitleg


def steps(*names):
    return [{"tekst": f"Oplossing {i}", "stap": s} for i, s in enumerate(names, 1)]


@pytest.mark.parametrize(
    "names",
    [
        ("eigen_kracht", "sociaal_netwerk", "maatwerkvoorziening"),
        ("eigen_kracht", "sociaal_netwerk", "algemene_voorziening"),
        ("eigen_kracht",),
        ("sociaal_netwerk", "steun_mantelzorger"),
        # the Wmo order asks that lighter options were considered, not that each step appears
        ("sociaal_netwerk", "algemene_voorziening"),
        ("algemene_voorziening",),
        ("eigen_kracht", "maatwerkvoorziening"),
        ("algemene_voorziening", "maatwerkvoorziening"),
    ],
)
def test_wmo_volgorde_good(names):
    assert rule("wmo_volgorde", make(oplossingen=steps(*names))).status == "in orde"


@pytest.mark.parametrize(
    ("names", "where"),
    [
        (("maatwerkvoorziening",), "oplossingen[1]"),
        (("maatwerkvoorziening", "maatwerkvoorziening"), "oplossingen[1], oplossingen[2]"),
    ],
)
def test_wmo_volgorde_bad(names, where):
    result = rule("wmo_volgorde", make(oplossingen=steps(*names)))
    assert result.status == "let op" and "nergens blijkt dat lichtere oplossingen zijn bekeken" in result.uitleg
    assert result.waar == where
    assert "eigen kracht → sociaal netwerk → steun voor de mantelzorger" in result.uitleg


def test_wmo_volgorde_without_solutions_is_missing():
    assert rule("wmo_volgorde", make(oplossingen=[])).status == "ontbreekt"


@pytest.mark.parametrize(
    ("wie", "casus"),
    [
        ("Ans", GERDA),
        ("Buurvrouw Fatima", GERDA),
        ("mijn dochter Marieke", None),
        ("vrijwilliger Joop", None),
    ],
)
def test_netwerk_good(wie, casus):
    plan = make(acties=[{"wie": wie, "wat": "Helpt", "wanneer": "elke week"}])
    assert rule("netwerk", plan, casus).status == "in orde"


@pytest.mark.parametrize(
    ("changes", "status", "where", "text"),
    [
        (
            {"oplossingen": steps("maatwerkvoorziening"), "acties": [{"wie": "de casemanager", "wat": "x"}]},
            "ontbreekt",
            "oplossingen, acties",
            "Niemand uit het sociale netwerk (familie, vrienden, buren, vrijwilligers) heeft een rol",
        ),
        (
            {"acties": [{"wie": "Gerda", "wat": "Ans bellen", "wanneer": "maandag"}]},
            "let op",
            "acties",
            "bij de acties staat niemand uit het netwerk",
        ),
        (
            {"oplossingen": steps("eigen_kracht")},
            "let op",
            "oplossingen",
            "Ans (vriendin) uit het netwerk heeft een actie, maar geen oplossing",
        ),
        (
            {
                "oplossingen": steps("sociaal_netwerk"),
                "acties": [{"wie": "Wendy", "wat": "komt", "wanneer": "mei"}],
            },
            "let op",
            "acties",
            "In de netwerkkaart van de casus staan bijvoorbeeld Marieke, Ans, Fatima en Erik.",
        ),
    ],
)
def test_netwerk_bad(changes, status, where, text):
    result = rule("netwerk", make(**changes), GERDA)
    assert (result.status, result.waar) == (status, where)
    assert text in result.uitleg and "netwerk" in result.uitleg


@pytest.mark.parametrize(
    ("wie", "casus", "expected"),
    [
        ("Wendy", GERDA, False),  # the casemanager: a professional
        ("Henk", GERDA, False),  # household
        ("Gerda Bosman", GERDA, False),  # the client herself, although 'Bosman' is Henk's name too
        ("Marieke", GERDA, True),
        ("oma Ria", GEZIN, True),
        ("Jordy", GEZIN, False),  # a child in the household
        ("de huisarts", None, False),
        ("Ad, de buurman", None, True),
    ],
)
def test_who_counts_as_network(wie, casus, expected):
    assert is_network_person(wie, casus) is expected


def test_network_names_do_not_match_the_client_by_surname():
    ouderen = LIBRARY["ouderen-ov-chipkaart"]
    assert is_network_person("Gerda Wieringa", ouderen) is False
    assert is_network_person("Erik Wieringa", ouderen) is True


@pytest.mark.parametrize(
    "acties",
    [
        [{"wie": "Ans", "wat": "Bij Henk zijn", "wanneer": "dinsdag"}],
        [
            {"wie": "Gerda", "wat": "Bellen", "wanneer": "maandag"},
            {"wie": "Marieke", "wat": "Komen", "wanneer": "mei"},
        ],
        [{"wie": "Fatima", "wat": "Containers", "wanneer": "elke week"}],
    ],
)
def test_acties_good(acties):
    assert rule("acties", make(acties=acties)).status == "in orde"


@pytest.mark.parametrize(
    ("action", "missing", "where"),
    [
        ({"wat": "Bij Henk zijn", "wanneer": "dinsdag"}, "ontbreekt 'wie'", "acties[1].wie"),
        ({"wie": "Ans", "wat": "Bij Henk zijn"}, "ontbreekt 'wanneer'", "acties[1].wanneer"),
        ({"wie": "Ans"}, "ontbreekt 'wat' en 'wanneer'", "acties[1].wat, acties[1].wanneer"),
    ],
)
def test_acties_bad(action, missing, where):
    result = rule("acties", make(acties=[action]))
    assert result.status == "let op" and missing in result.uitleg and result.waar == where


def test_acties_none_is_missing():
    assert rule("acties", make(acties=[])).status == "ontbreekt"


@pytest.mark.parametrize(
    "name",
    ["Gerda", "Marieke", "Ilse van het wijkteam", "ikzelf, geholpen door mijn zus", "Gerda (met hulp van Ans)"],
)
def test_regisseur_good(name):
    assert rule("regisseur", make(regisseur=name)).status == "in orde"


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("", "ontbreekt"),
        ("Gerda en Marieke", "let op"),
        ("Gerda/Ans", "let op"),
        ("Gerda of de generalist", "let op"),
        ("Gerda samen met Marieke", "let op"),
    ],
)
def test_regisseur_bad(name, status):
    assert rule("regisseur", make(regisseur=name)).status == status


@pytest.mark.parametrize(
    ("datum", "evaluatie"),
    [
        (TODAY, dt.date(2026, 6, 1)),
        (TODAY, TODAY + dt.timedelta(days=183)),
        (TODAY, dt.date(2026, 9, 2)),  # six calendar months (184 days)
        (dt.date(2026, 3, 15), dt.date(2026, 9, 15)),
        (dt.date(2026, 8, 31), dt.date(2027, 2, 28)),
        (None, dt.date(2026, 3, 16)),  # 14 days after today: just long enough
        (TODAY, TODAY + dt.timedelta(days=14)),
        (dt.date(2026, 2, 1), dt.date(2026, 4, 1)),
    ],
)
def test_evaluatie_good(datum, evaluatie):
    assert rule("evaluatie", make(datum=datum, evaluatiedatum=evaluatie)).status == "in orde"


@pytest.mark.parametrize(
    ("datum", "evaluatie", "status", "reason"),
    [
        (TODAY, None, "ontbreekt", "nog geen datum"),
        (TODAY, dt.date(2026, 2, 1), "let op", "ligt in het verleden"),
        (
            TODAY,
            dt.date(2026, 9, 3),
            "let op",
            "later dan een half jaar na de start van het plan (2 maart 2026): de laatste dag is 2 september 2026",
        ),
        (dt.date(2026, 8, 31), dt.date(2027, 3, 1), "let op", "de laatste dag is 28 februari 2027"),
        (dt.date(2026, 5, 1), dt.date(2026, 4, 1), "let op", "ligt vóór de datum van het plan"),
        (
            TODAY,
            TODAY,
            "let op",
            "op 2 maart 2026 is maar 0 dagen na de start van het plan. Dat is te vroeg om te zien",
        ),
        (TODAY, TODAY + dt.timedelta(days=13), "let op", "maar 13 dagen na de start"),
        (None, dt.date(2026, 3, 9), "let op", "minstens 14 dagen na de start"),
    ],
)
def test_evaluatie_bad(datum, evaluatie, status, reason):
    result = rule("evaluatie", make(datum=datum, evaluatiedatum=evaluatie))
    assert result.status == status and reason in result.uitleg


@pytest.mark.parametrize(
    "krachten", [["Trouw"], ["Trouw", "Praktisch"], ["Trouw", "Praktisch", "Geen geldzorgen"]]
)
def test_krachten_good(krachten):
    assert rule("krachten", make(krachten=krachten)).status == "in orde"


@pytest.mark.parametrize(
    ("casus", "extra"), [(None, ""), (GERDA, "In de casus staan er 5."), (GEZIN, "staan er 6")]
)
def test_krachten_bad(casus, extra):
    result = rule("krachten", make(krachten=[]), casus)
    assert result.status == "ontbreekt" and extra in result.uitleg


@pytest.mark.parametrize(
    ("hulp", "resultaat", "casus"),
    [
        ("Gezinscoach in 2025", "Afgebroken, omdat ik me gecontroleerd voelde", None),
        ("Casemanager dementie", "Helpt Henk", GERDA),
        ("", "", GERDA.model_copy(update={"eerdere_hulp": ""})),
    ],
)
def test_eerdere_hulp_good(hulp, resultaat, casus):
    plan = make(eerdere_hulp=hulp, resultaat_eerdere_hulp=resultaat)
    assert rule("eerdere_hulp", plan, casus).status == "in orde"


@pytest.mark.parametrize(
    ("hulp", "resultaat", "casus", "where"),
    [
        ("", "", None, "eerdere_hulp"),
        ("", "", GEZIN, "eerdere_hulp"),
        ("Gezinscoach in 2025", "", GEZIN, "resultaat_eerdere_hulp"),
    ],
)
def test_eerdere_hulp_bad(hulp, resultaat, casus, where):
    result = rule("eerdere_hulp", make(eerdere_hulp=hulp, resultaat_eerdere_hulp=resultaat), casus)
    assert (result.status, result.waar) == ("let op", where)


@pytest.mark.parametrize(
    "text",
    [
        "Ik wil weer zingen in het koor",
        "Wij willen samen de post doen",
        "Ik ga met Ans naar de casusbespreking",
    ],
)
def test_jargon_good(text):
    assert rule("jargon", make(vraag=text)).status == "in orde"


@pytest.mark.parametrize(
    ("changes", "found", "where"),
    [
        ({"vraag": "Het traject start na de intake"}, "'traject' (beter: de hulp", "vraag"),
        (
            {"krachten": ["Mijn Zelfredzaamheid is groot"]},
            "'zelfredzaamheid' (beter: zelf kunnen regelen",
            "krachten[1]",
        ),
        (
            {"oplossingen": [{"tekst": "Een algemene voorziening in de buurt", "stap": "eigen_kracht"}]},
            "'algemene voorziening'",
            "oplossingen[1]",
        ),
        (
            {"acties": [{"wie": "Ans", "wat": "Vraagt een indicatie aan", "wanneer": "mei"}]},
            "'indicatie'",
            "acties[1].wat",
        ),
    ],
)
def test_jargon_bad(changes, found, where):
    result = rule("jargon", make(**changes))
    assert result.status == "let op" and found in result.uitleg and result.waar == where


def test_jargon_longest_phrase_wins_and_own_list_is_used():
    hits = find_jargon("Er is een voorliggende voorziening en een voorziening.")
    assert [h.gevonden for h in hits] == ["voorliggende voorziening", "voorziening"]
    own = [JargonWoord("koffie", "thee")]
    result = feedback(make(vraag="Ik drink koffie"), None, TODAY, jargon=own)[-1]
    assert result.regel == "jargon" and "'koffie' (beter: thee)" in result.uitleg


def test_trainer_adds_jargon_by_file_and_environment(tmp_path, monkeypatch):
    extra = tmp_path / "eigen.yaml"
    extra.write_text(
        'woorden:\n  - {woord: keukentafelgesprek, alternatief: "gesprek bij ons thuis"}\n'
        '  - {woord: traject, alternatief: "onze afspraken"}\n',
        encoding="utf-8",
    )
    words = {w.woord: w.alternatief for w in load_jargon(extra)}
    assert words["keukentafelgesprek"] == "gesprek bij ons thuis"
    assert words["traject"] == "onze afspraken"  # the trainer's alternative wins
    assert words["indicatie"].startswith("toestemming")
    monkeypatch.setenv(settings.JARGON.name, str(extra))
    result = rule("jargon", make(vraag="Na het keukentafelgesprek"))
    assert "gesprek bij ons thuis" in result.uitleg
    broken = tmp_path / "kapot.yaml"
    broken.write_text("woorden:\n  - {woord: traject}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"woorden\[0\]\.alternatief"):
        load_jargon(broken)


# ---------------------------------------------------------------------- reference plan
def test_every_casus_has_a_reference_plan_that_covers_its_low_domains():
    for casus in LIBRARY.values():
        ref = casus.referentieplan
        assert ref is not None, casus.id
        low = {d for d, lvl in casus.reference_assessment().levels().items() if lvl is not None and lvl <= 2}
        assert low <= set(ref.domeinen) | set(ref.geparkeerd), casus.id
        assert ref.wmo_stappen[:2] == ["eigen_kracht", "sociaal_netwerk"], casus.id


def test_reference_plan_problems_are_reported_by_casus_check(tmp_path):
    source = (ROOT / "casuses" / "gezin-schulden-overlast.yaml").read_text(encoding="utf-8")
    broken = source.replace(
        "domeinen: [financien, huisvesting, huiselijke_relaties, geestelijke_gezondheid]",
        "domeinen: [financein, huisvesting, huiselijke_relaties, geestelijke_gezondheid]",
    )
    assert broken != source
    path = tmp_path / "gezin-schulden-overlast.yaml"
    path.write_text(broken, encoding="utf-8")
    [problem] = check_files([path])[str(path)]
    assert problem.field == "referentieplan"
    assert "Bedoelde u 'financien'?" in problem.message
    assert "domein 'financien' heeft referentieniveau 1" in problem.message


def test_reference_plan_is_optional(tmp_path):
    source = ROOT / "casuses" / "mantelzorg-dementie.yaml"
    text = source.read_text(encoding="utf-8").split("\nreferentieplan:")[0] + "\n"
    path = tmp_path / "mantelzorg-dementie.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_files([path])[str(path)] == []


def test_compare_with_reference_plan_close_match():
    ref = GEZIN.referentieplan
    plan = Plan(
        zrm_versie="zrm2013",
        probleemstellingen=[{"tekst": "Wij", "domein": d} for d in ref.domeinen],
        oplossingen=steps(*ref.wmo_stappen),
        regisseur="Chantal",
    )
    lines = vergelijk_met_referentie(plan, GEZIN)
    assert lines[0] == (
        "Het referentieplan pakt 4 domeinen aan: Financiën, Huisvesting, Huiselijke relaties en Geestelijke "
        "gezondheid. Jouw plan pakt er 4 van aan: Financiën, Huisvesting, Huiselijke relaties en Geestelijke "
        "gezondheid."
    )
    assert not any(line.startswith("Niet in jouw plan") for line in lines)
    assert any(
        line.startswith("Het referentieplan laat Maatschappelijke participatie nog even liggen")
        for line in lines
    )
    assert (
        "Wmo-stappen in het referentieplan: eigen kracht, sociaal netwerk en algemene / voorliggende voorziening. "
        "In jouw plan: eigen kracht, sociaal netwerk en algemene / voorliggende voorziening." in lines
    )
    assert lines[-1].endswith("In jouw plan: Chantal.")


def test_compare_with_reference_plan_differences():
    plan = Plan(
        zrm_versie="zrm2013",
        probleemstellingen=[
            {"tekst": "Ik", "domein": "financien"},
            {"tekst": "Ik", "domein": "justitie"},
        ],
        geparkeerd=[{"domein": "huisvesting", "reden": "later"}],
        oplossingen=steps("maatwerkvoorziening"),
    )
    lines = vergelijk_met_referentie(plan, GEZIN)
    assert "Jouw plan pakt er 1 van aan: Financiën." in lines[0]
    assert (
        "Niet in jouw plan: Huisvesting, Huiselijke relaties en Geestelijke gezondheid. "
        "Daarvan heb jij Huisvesting bewust bij 'Wat nog even wacht' gezet." in lines
    )
    assert (
        "Jouw plan pakt ook Justitie aan; het referentieplan niet. Bespreek of dat nu al nodig is." in lines
    )
    assert (
        "Jij gebruikt (nog) niet: eigen kracht, sociaal netwerk en algemene / voorliggende voorziening."
        in lines
    )
    assert "Jij gebruikt ook maatwerkvoorziening; het referentieplan komt zonder uit." in lines
    assert lines[-1].endswith("In jouw plan: nog niemand.")


def test_compare_without_reference_plan_or_with_other_version():
    no_ref = GERDA.model_copy(update={"referentieplan": None})
    assert vergelijk_met_referentie(make(), no_ref) == [
        "Deze casus heeft (nog) geen referentieplan om mee te vergelijken."
    ]
    lines = vergelijk_met_referentie(Plan(zrm_versie="zrm2017"), GERDA)
    assert lines[0].startswith("Jouw plan gebruikt zrm2017 en de casus zrm2013")


# ---------------------------------------------------------------------- export
def test_markdown_reads_as_the_households_own_plan():
    text = plan_markdown(make(), GERDA)
    lines = text.splitlines()
    assert lines[:3] == ["# Ons plan", "", "*Gerda en Henk · 2 maart 2026*"]
    for heading in (
        "## Onze vraag",
        "## Wat goed gaat",
        "## Waar wij ons zorgen over maken",
        "## Wat wij willen bereiken",
        "## Hoe wij het aanpakken",
        "## Wie doet wat en wanneer",
        "## Hulp die we eerder hadden",
        "## Wanneer kijken we of het lukt",
        "## Wie houdt het overzicht",
    ):
        assert heading in lines
    assert (
        "| Ik wil elke week een middag voor mezelf | Over zes weken ben ik elke dinsdagmiddag drie uur vrij |"
        in lines
    )
    assert (
        "- Ik ben zo moe dat ik overdag in slaap val (Geestelijke gezondheid, nu op niveau 3 van 5)" in lines
    )
    assert "- Ans komt op dinsdagmiddag bij Henk (hulp van mensen om ons heen)" in lines
    assert "| Ans (vriendin) | Bij Henk zijn | elke dinsdagmiddag |" in lines
    assert (
        "Op 1 juni 2026 kijken we samen of het lukt: wat is er bereikt, wat ging goed en wat doen we anders?"
        in lines
    )
    assert "Gerda houdt het overzicht over ons plan en is het eerste aanspreekpunt." in lines


def test_markdown_of_an_empty_plan_and_user_text_is_escaped():
    text = plan_markdown(Plan(doelstellingen=[{"tekst": "Wij willen *meer* <b>rust</b>"}]))
    assert text.count("*Nog in te vullen.*") == 4  # krachten, zorgen, aanpak, acties
    assert "| Wij willen \\*meer\\* \\<b\\>rust\\</b\\> |  |" in text
    assert "We spreken nog een datum af" in text and "We spreken nog af wie het overzicht houdt." in text
    parked = plan_markdown(Plan(geparkeerd=[{"domein": "justitie", "reden": "Nu niet aan de orde"}]))
    assert "- Justitie: Nu niet aan de orde" in parked


def test_household_name_falls_back_to_casus_and_file_names():
    assert plan_document(make(huishouden=""), GEZIN).ondertitel == "Chantal en Jordy · 2 maart 2026"
    assert plan_bestandsnaam(make(), "pdf") == "ons-plan-mantelzorg-dementie.pdf"


def test_pdf_export_is_a_pdf_with_the_goals():
    try:
        from wijkteam_kit.draw.document_pdf import document_pdf, page_texts
    except ImportError:
        pytest.skip("wijkteam_kit/draw/document_pdf.py bestaat nog niet (wordt door een ander geschreven)")
    doc = plan_document(make(), GERDA)
    assert document_pdf(doc)[:4] == b"%PDF"
    text = " ".join(" ".join(page) for page in page_texts(doc))
    assert "Ons plan" in text and "Wat wij willen bereiken" in text and "middag voor mezelf" in text


# ---------------------------------------------------------------------- store
def test_plans_are_saved_updated_and_found_again():
    store = Store(":memory:")
    kim = deelnemer_voor(store, "Kim")
    assert deelnemer_voor(store, "  KIM ").id == kim.id
    first = bewaar_plan(store, kim.id, "Plan Gerda", make())
    bewaar_plan(store, kim.id, "Plan Gerda", make(regisseur="Ans"), inzending_id=first.id)
    bewaar_plan(store, kim.id, "Tweede plan", Plan())
    store.submit("plan", kim.id, {"titel": "kapot", "plan": {"doelstellingen": [{"tekst": ""}]}})
    saved = bewaarde_plannen(store, kim.id)
    assert sorted(b.titel for b in saved) == ["Plan Gerda", "Tweede plan"]
    assert next(b for b in saved if b.titel == "Plan Gerda").plan == make(regisseur="Ans")
    assert store.submissions("plan", deelnemer_id=kim.id)[0].payload["plan"]["regisseur"] == "Ans"
    with pytest.raises(PlanError, match="geef het plan een naam"):
        bewaar_plan(store, kim.id, "  ", Plan())


# ---------------------------------------------------------------------- review fixes
@pytest.mark.parametrize(
    ("wie", "casus", "expected"),
    [
        ("de schoonmaakhulp", None, False),  # not an in-law
        ("schoonmaakster Ineke", None, False),
        ("mijn schoonzus", None, True),
        ("schoonmoeder Riet", None, True),
        ("buurtvrijwilliger Joop", None, True),
        ("buurtvrijwilliger", GERDA, True),
        ("Gerda en de buurvrouw", GERDA, True),  # Gerda is household, the neighbour is network
        ("Gerda en Henk", GERDA, False),
        ("zoon Jordy", GEZIN, False),  # Jordy lives in the household
        ("de buurman en de huisarts", None, True),
        ("vrijwilliger van de thuiszorg", None, False),
    ],
)
def test_who_counts_as_network_review(wie, casus, expected):
    assert is_network_person(wie, casus) is expected


def test_netwerk_counts_a_relation_word_next_to_a_household_member():
    plan = make(acties=[{"wie": "Gerda en de buurvrouw", "wat": "Boodschappen", "wanneer": "elke vrijdag"}])
    result = rule("netwerk", plan, GERDA)
    assert result.status == "in orde" and "Gerda en de buurvrouw doet mee" in result.uitleg


def test_feedback_uses_the_apps_words_for_what_waits():
    missing = rule("domeinen_laag", gezin_plan(["financien"]), GEZIN)
    assert missing.status == "let op"
    assert "zet het bij 'Wat nog even wacht' met de reden" in missing.uitleg
    rest = [d for d in GEZIN_LOW if d != "financien"]
    plan = gezin_plan(["financien"], parked=rest)
    done = rule("domeinen_laag", plan, GEZIN)
    assert done.status == "in orde" and "bewust bij 'Wat nog even wacht'" in done.uitleg
    texts = [f.uitleg for f in feedback(plan, GEZIN, TODAY)] + vergelijk_met_referentie(plan, GEZIN)
    assert not [t for t in texts if "eparkeerd" in t]


@pytest.mark.parametrize("hulp", ["geen", "Geen", " nee. ", "niet"])
def test_eerdere_hulp_none_is_in_orde(hulp):
    result = rule("eerdere_hulp", make(eerdere_hulp=hulp, resultaat_eerdere_hulp=""))
    assert (result.status, result.waar) == ("in orde", "")
    assert result.uitleg.startswith("Er was geen eerdere hulp")


def test_eerdere_hulp_geen_inside_a_sentence_still_asks_for_the_result():
    result = rule(
        "eerdere_hulp", make(eerdere_hulp="geen idee, misschien een coach", resultaat_eerdere_hulp="")
    )
    assert (result.status, result.waar) == ("let op", "resultaat_eerdere_hulp")


@pytest.mark.parametrize("stap", ["", None])
def test_solution_without_a_step_gets_a_plain_message(stap):
    with pytest.raises(PlanError) as info:
        Plan(oplossingen=[{"tekst": "Ik zet het in mijn agenda", "stap": "eigen_kracht"},
                          {"tekst": "Dagopvang   voor Henk", "stap": stap}])  # fmt: skip
    [problem] = info.value.problems
    assert problem.field == "oplossingen[2].stap"
    assert problem.message == (
        "Oplossing 2 ('Dagopvang voor Henk'): kies bij welke stap hij hoort: eigen kracht, sociaal netwerk, "
        "steun voor de mantelzorger, algemene / voorliggende voorziening of maatwerkvoorziening."
    )


def test_solution_without_a_step_key_gets_the_plain_message_too():
    with pytest.raises(PlanError) as info:
        Plan(oplossingen=[{"tekst": "Dagopvang voor Henk"}])
    assert "Oplossing 1 ('Dagopvang voor Henk'): kies bij welke stap hij hoort" in str(info.value)
    assert "verwacht één van" not in str(info.value)


@pytest.mark.parametrize("text", ["Ik voel me goed", "Het gaat goed met ons", "Wij zijn blij"])
def test_smart_result_without_any_measure_is_let_op(text):
    result = rule("smart", make(resultaten=[{"tekst": text, "doel": 1}]))
    assert (result.status, result.waar) == ("let op", "resultaten[1]")
    assert f"Resultaat 1 zegt niet waaraan jullie zien dat het gelukt is ('{text}'" in result.uitleg
    assert "'Ik betaal vanaf mei elke maand de huur op tijd'" in result.uitleg


@pytest.mark.parametrize(
    "text",
    [
        "Twee keer per maand bel ik Riet",
        "Elke week zwem ik met Ans",
        "De aanvraag is ingeleverd",
        "Ik ga naar mijn derde afspraak bij de fysiotherapeut",
    ],
)
def test_smart_result_with_a_frequency_date_or_visible_sign_is_in_orde(text):
    assert rule("smart", make(resultaten=[{"tekst": text, "doel": 1}])).status == "in orde"


def test_reference_results_in_the_library_pass_the_smart_rule():
    from wijkteam_kit.plan import has_measure, observable_marker, vague_word

    for casus in LIBRARY.values():
        for text in casus.referentieplan.resultaten if casus.referentieplan else []:
            assert has_measure(text) or observable_marker(text), (casus.id, text)
            assert not vague_word(text) or has_measure(text), (casus.id, text)


def test_export_uses_household_words_for_the_wmo_steps():
    from wijkteam_kit.plan import WMO_LABELS

    oplossingen = [
        {"tekst": "Ik zet het in mijn agenda", "stap": "eigen_kracht"},
        {"tekst": "Ans komt", "stap": "sociaal_netwerk"},
        {"tekst": "Een cursus voor mij", "stap": "steun_mantelzorger"},
        {"tekst": "De inloop in het buurthuis", "stap": "algemene_voorziening"},
        {"tekst": "Dagopvang voor Henk", "stap": "maatwerkvoorziening"},
    ]
    lines = plan_markdown(make(oplossingen=oplossingen)).splitlines()
    assert [line for line in lines if line.startswith("- ") and "(" in line and "niveau" not in line] == [
        "- Ik zet het in mijn agenda (wat ik zelf doe)",
        "- Ans komt (hulp van mensen om ons heen)",
        "- Een cursus voor mij (steun voor wie zorgt)",
        "- De inloop in het buurthuis (hulp die iedereen kan krijgen in de buurt)",
        "- Dagopvang voor Henk (hulp die de gemeente speciaal voor ons regelt)",
    ]
    labels = " ".join(line[line.index("(") :] for line in lines if line.startswith("- ") and "(" in line)
    assert find_jargon(labels) == []
    assert WMO_LABELS["maatwerkvoorziening"] == "Maatwerkvoorziening"  # the app keeps its own labels


def test_a_first_name_counts_as_network_only_when_it_carries_a_network_solution():
    solution = {"tekst": "Sandra doet elke zaterdag de boodschappen met mij", "stap": "sociaal_netwerk"}
    shopping = {"wie": "Sandra en ik", "wat": "boodschappen doen", "wanneer": "elke zaterdag"}
    plan = make(huishouden="", casus_id=None, oplossingen=[solution], acties=[shopping])
    assert rule("netwerk", plan).status == "in orde"
    # the same task by the regisseur (here the client) is not the network
    own = make(huishouden="", casus_id=None, regisseur="Gerda", oplossingen=[solution],
               acties=[{**shopping, "wie": "Gerda"}])
    assert rule("netwerk", own).status == "let op"
    # a household member named in the plan is not the network either
    henk = make(oplossingen=[{**solution, "tekst": "Henk doet de boodschappen"}], acties=[{**shopping, "wie": "Henk"}])
    assert rule("netwerk", henk).status == "let op"
    # without a network solution a first name alone is not enough
    alone = make(huishouden="", oplossingen=[{"tekst": "Ik plan de boodschappen", "stap": "eigen_kracht"}],
                 acties=[shopping])
    assert rule("netwerk", alone).status == "ontbreekt"
