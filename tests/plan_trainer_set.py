"""A labelled set of plans, marked up from a trainer's point of view, to measure the plan feedback against.

Every case starts from one plan a trainer passes on every rule (:data:`BASE`, Gerda who cares for Henk) and
changes what a learner typically writes differently. ``flagged`` names the rules a trainer would comment on
(status "let op" or "ontbreekt"); every other rule must say "in orde". So each case labels all rules, and a rule
that fires where the trainer says nothing counts as a false alarm.

The labels were written from what a trainer would say to the learner, before looking at what the rules say.
Run ``python -m tests.plan_trainer_set`` to print precision and recall per rule and overall.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wijkteam_kit.casus import Casus, load_library
from wijkteam_kit.plan import Plan
from wijkteam_kit.plan.regels import REGELS, feedback

TODAY = dt.date(2026, 3, 2)
LIBRARY = {c.id: c for c in load_library()}
GERDA = LIBRARY["mantelzorg-dementie"]
#: Gerda's casus as it would read if there had been no help before at all.
GERDA_ZONDER_HULP = GERDA.model_copy(
    update={"eerdere_hulp": "Geen. Gerda en Henk hebben nooit eerder hulp gehad of gevraagd."}
)

BASE: dict[str, Any] = {
    "casus_id": "mantelzorg-dementie",
    "zrm_versie": "zrm2013",
    "huishouden": "Gerda en Henk",
    "vraag": "Ik wil één middag in de week voor mezelf.",
    "datum": TODAY,
    "krachten": ["Wij zijn erg op elkaar gesteld", "Ik ben praktisch en houd een weekplanner bij"],
    "probleemstellingen": [
        {"tekst": "Ik ben zo moe dat ik overdag in slaap val", "domein": "geestelijke_gezondheid", "niveau": 3},
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

_P1, _P2 = BASE["probleemstellingen"]
_EK, _NW = BASE["oplossingen"]
_A1, _A2 = BASE["acties"]
_R1 = BASE["resultaten"][0]
_G1 = BASE["doelstellingen"][0]


@dataclass(frozen=True)
class Geval:
    """One labelled plan: what changes from :data:`BASE`, the casus it is read with, the rules a trainer flags."""

    naam: str
    changes: dict[str, Any]
    flagged: frozenset[str]
    casus: Casus | None = None
    today: dt.date = TODAY
    note: str = field(default="", compare=False)

    def plan(self) -> Plan:
        return Plan(**{**BASE, **self.changes})


def geval(naam: str, flagged: Iterable[str] = (), casus: Casus | None = None, **changes: Any) -> Geval:
    return Geval(naam, changes, frozenset(flagged), casus)


_LEVEL1_PROBLEM = {"tekst": "Ik heb geen eten meer in huis aan het eind van de maand", "domein": "financien",
                   "niveau": 1}  # fmt: skip
_LEVEL1_GOAL = {"tekst": "Ik wil elke dag genoeg eten in huis hebben", "problemen": [3]}
_LEVEL1_RESULT = {"tekst": "Vanaf volgende week heb ik elke dag eten in huis", "doel": 2}

GEVALLEN: tuple[Geval, ...] = (
    geval("basis zonder casus"),
    geval("basis met casus", casus=GERDA),
    # ---------------------------------------------------------------- perspectief
    geval("probleem vanuit de hulpverlener", ["perspectief"],
          probleemstellingen=[{**_P1, "tekst": "Mevrouw is erg moe en valt overdag in slaap"}, _P2]),
    geval("wij-vorm is goed",
          probleemstellingen=[{**_P1, "tekst": "Wij hebben geen tijd meer voor onszelf"}, _P2]),
    # ---------------------------------------------------------------- positief
    geval("doel zegt alleen wat moet stoppen", ["positief"],
          doelstellingen=[{**_G1, "tekst": "Ik wil niet meer zo moe zijn"}]),
    geval("stoppen, maar met wat ervoor in de plaats komt",
          doelstellingen=[{**_G1, "tekst": "Ik wil stoppen met piekeren, zodat ik elke nacht doorslaap"}]),
    # ---------------------------------------------------------------- zrm_domein
    geval("probleem zonder domein", ["zrm_domein"], probleemstellingen=[{"tekst": _P1["tekst"]}, _P2]),
    geval("probleem zonder niveau", ["zrm_domein"],
          probleemstellingen=[{**_P1, "niveau": None}, _P2]),
    # ---------------------------------------------------------------- domeinen_laag
    geval("domein op niveau 2 zonder doel", ["domeinen_laag"],
          probleemstellingen=[_P1, _P2, {"tekst": "Ik kan mijn knieën niet laten nakijken",
                                          "domein": "lichamelijke_gezondheid", "niveau": 2}]),
    geval("domein op niveau 2 bewust geparkeerd",
          geparkeerd=[{"domein": "lichamelijke_gezondheid",
                       "reden": "Eerst rust voor mij, daarna plan ik de orthopeed opnieuw"}]),
    geval("domein op niveau 1 met doel maar zonder oplossing of actie", ["domeinen_laag"],
          probleemstellingen=[_P1, _P2, _LEVEL1_PROBLEM],
          doelstellingen=[_G1, _LEVEL1_GOAL], resultaten=[_R1, _LEVEL1_RESULT]),
    geval("domein op niveau 1 met doel, oplossing en actie",
          probleemstellingen=[_P1, _P2, _LEVEL1_PROBLEM],
          doelstellingen=[_G1, _LEVEL1_GOAL], resultaten=[_R1, _LEVEL1_RESULT],
          oplossingen=[_EK, _NW, {"tekst": "Tot het geld geregeld is haal ik eten bij de voedselbank",
                                  "stap": "algemene_voorziening"}],
          acties=[_A1, _A2, {"wie": "Gerda", "wat": "eten ophalen bij de voedselbank", "wanneer": "vrijdag"}]),
    geval("domein op niveau 2 met doel", probleemstellingen=[_P1, {**_P2, "niveau": 2}]),
    # ---------------------------------------------------------------- smart
    geval("vaag resultaat", ["smart"], resultaten=[{**_R1, "tekst": "Ik voel me beter"}]),
    geval("vaag doel: meer rust", ["smart"], doelstellingen=[{**_G1, "tekst": "Ik wil meer rust"}]),
    geval("vaag doel: minder stress", ["smart"],
          doelstellingen=[{**_G1, "tekst": "Ik wil minder stress hebben"}]),
    geval("doel over rust met een maat",
          doelstellingen=[{**_G1, "tekst": "Ik wil elke week een middag rust voor mezelf"}]),
    geval("doel zonder resultaat", ["smart"],
          doelstellingen=[_G1, {"tekst": "Ik wil weer naar het koor", "problemen": [2]}]),
    geval("resultaat met datum en frequentie",
          resultaten=[{**_R1, "tekst": "Vanaf april zing ik elke dinsdag in het koor"}]),
    # ---------------------------------------------------------------- wmo_volgorde
    geval("begint bij een algemene voorziening en het netwerk",
          oplossingen=[{"tekst": "Ik ga met Henk naar het Alzheimer Café in de wijk",
                        "stap": "algemene_voorziening"}, _NW]),
    geval("netwerk zonder eigen kracht", oplossingen=[_NW]),
    geval("alleen een maatwerkvoorziening", ["wmo_volgorde", "netwerk"],
          oplossingen=[{"tekst": "Henk gaat twee dagen naar de dagopvang", "stap": "maatwerkvoorziening"}]),
    geval("maatwerk na het netwerk",
          oplossingen=[_NW, {"tekst": "Als Ans niet kan, gaat Henk een middag naar de dagopvang",
                             "stap": "maatwerkvoorziening"}]),
    geval("maatwerk na eigen kracht, zonder netwerk", ["netwerk"],
          oplossingen=[_EK, {"tekst": "Henk gaat een middag naar de dagopvang", "stap": "maatwerkvoorziening"}]),
    # ---------------------------------------------------------------- netwerk
    geval("voornaam in de actie bij een netwerkoplossing",
          oplossingen=[_EK, {"tekst": "Sandra doet elke zaterdag de boodschappen met mij", "stap": "sociaal_netwerk"}],
          acties=[{"wie": "Gerda", "wat": "Sandra vragen", "wanneer": "deze week"},
                  {"wie": "Sandra en ik", "wat": "boodschappen doen", "wanneer": "elke zaterdag"}]),
    geval("voornaam in de actie, netwerk niet bij de oplossingen", ["netwerk"],
          oplossingen=[_EK, {"tekst": "Ik ga naar het Alzheimer Café", "stap": "algemene_voorziening"}],
          acties=[_A1, {"wie": "Sandra en ik", "wat": "naar het Alzheimer Café", "wanneer": "elke maand"}]),
    geval("geen netwerk", ["netwerk"],
          oplossingen=[_EK, {"tekst": "Ik ga naar het Alzheimer Café", "stap": "algemene_voorziening"}],
          acties=[_A1, {"wie": "de casemanager", "wat": "informatie geven", "wanneer": "bij het volgende bezoek"}]),
    geval("netwerkpersoon uit de casus bij naam", casus=GERDA,
          acties=[_A1, {**_A2, "wie": "Ans"}]),
    geval("netwerkoplossing, maar alleen professionals in de acties", ["netwerk"],
          acties=[{"wie": "Gerda", "wat": "de weekplanner bijwerken", "wanneer": "zondag"},
                  {"wie": "de thuiszorg", "wat": "Henk helpen douchen", "wanneer": "maandag"}]),
    # ---------------------------------------------------------------- acties
    geval("actie zonder moment", ["acties"], acties=[_A1, {**_A2, "wanneer": ""}]),
    geval("actie zonder wie", ["acties"], acties=[{**_A1, "wie": ""}, _A2]),
    # ---------------------------------------------------------------- regisseur
    geval("regisseur met steun", regisseur="ikzelf, geholpen door mijn zus"),
    geval("regisseur met hulp van", regisseur="Gerda, met hulp van Marieke"),
    geval("twee regisseurs", ["regisseur"], regisseur="Gerda en Marieke"),
    geval("regisseur of de generalist", ["regisseur"], regisseur="Gerda of de generalist"),
    geval("geen regisseur", ["regisseur"], regisseur=""),
    # ---------------------------------------------------------------- evaluatie
    geval("half jaar in kalendermaanden", datum=dt.date(2026, 3, 15), evaluatiedatum=dt.date(2026, 9, 15)),
    geval("half jaar vanaf het eind van de maand", datum=dt.date(2026, 3, 31), evaluatiedatum=dt.date(2026, 9, 30)),
    geval("een dag na het half jaar", ["evaluatie"], evaluatiedatum=dt.date(2026, 9, 3)),
    geval("geen evaluatiedatum", ["evaluatie"], evaluatiedatum=None),
    geval("evaluatie te snel", ["evaluatie"], evaluatiedatum=dt.date(2026, 3, 9)),
    # ---------------------------------------------------------------- krachten
    geval("geen krachten", ["krachten"], krachten=[]),
    # ---------------------------------------------------------------- eerdere_hulp
    geval("casus zegt: geen eerdere hulp", casus=GERDA_ZONDER_HULP, eerdere_hulp="", resultaat_eerdere_hulp=""),
    geval("plan zegt in een zin: geen eerdere hulp",
          eerdere_hulp="Er was nooit eerder hulp", resultaat_eerdere_hulp=""),
    geval("eerdere hulp leeg", ["eerdere_hulp"], eerdere_hulp="", resultaat_eerdere_hulp=""),
    geval("eerdere hulp leeg terwijl de casus die noemt", ["eerdere_hulp"], casus=GERDA,
          eerdere_hulp="", resultaat_eerdere_hulp=""),
    geval("eerdere hulp zonder resultaat", ["eerdere_hulp"], resultaat_eerdere_hulp=""),
    # ---------------------------------------------------------------- jargon
    geval("samengesteld jargon: schuldenproblematiek", ["jargon"],
          vraag="Wij willen hulp bij onze schuldenproblematiek"),
    geval("samengesteld jargon: multiproblematiek", ["jargon"],
          probleemstellingen=[{**_P1, "tekst": "Ik heb multiproblematiek en ben zo moe"}, _P2]),
    geval("jargon in een oplossing", ["jargon"],
          oplossingen=[_EK, {**_NW, "tekst": "Ans biedt respijtzorg op dinsdagmiddag"}]),
    geval("woord dat met jargon begint is geen jargon",
          krachten=["Ik ga met Ans naar de casusbespreking van het koor", "Ik ben praktisch"]),
    # ---------------------------------------------------------------- plans with more than one point
    geval("leerling-plan met drie punten", ["perspectief", "smart", "regisseur", "jargon"],
          probleemstellingen=[{**_P1, "tekst": "Cliënt is overbelast"}, _P2],
          doelstellingen=[{**_G1, "tekst": "Ik wil dat het beter gaat"}],
          regisseur="Gerda en de casemanager"),
    geval("leerling-plan zonder netwerk en zonder evaluatie", ["netwerk", "evaluatie", "wmo_volgorde", "jargon"],
          oplossingen=[{"tekst": "Indicatie voor dagopvang voor Henk", "stap": "maatwerkvoorziening"}],
          acties=[{"wie": "de generalist", "wat": "aanvraag doen", "wanneer": "deze week"}],
          evaluatiedatum=None, vraag="Ik wil één middag in de week voor mezelf"),
    # ---------------------------------------------------------------- second round, labelled after the rules were
    # changed and measured as they came (see docs/plan-feedback.md)
    geval("regisseur: mijn dochter", regisseur="mijn dochter Marieke"),
    geval("regisseur: twee met een ampersand", ["regisseur"], regisseur="Gerda & Marieke samen"),
    geval("half jaar vanaf eind januari", datum=dt.date(2026, 1, 31), evaluatiedatum=dt.date(2026, 7, 31)),
    geval("net na een half jaar vanaf eind januari", ["evaluatie"],
          datum=dt.date(2026, 1, 31), evaluatiedatum=dt.date(2026, 8, 1)),
    geval("vaag doel: het moet goed gaan", ["smart"],
          doelstellingen=[{**_G1, "tekst": "Ik wil dat het thuis weer goed gaat"}]),
    geval("vaag doel: rustiger", ["smart"], doelstellingen=[{**_G1, "tekst": "Wij willen samen rustiger worden"}]),
    geval("jargon: zorgtraject", ["jargon"], krachten=["Ik heb al een zorgtraject gehad", "Ik ben praktisch"]),
    geval("algemene voorziening en maatwerk, zonder netwerk", ["netwerk"],
          oplossingen=[{"tekst": "Ik ga naar het Alzheimer Café", "stap": "algemene_voorziening"},
                       {"tekst": "Henk gaat een middag naar de dagopvang", "stap": "maatwerkvoorziening"}]),
    geval("eerdere hulp: kort nee", eerdere_hulp="Nee, nooit gehad", resultaat_eerdere_hulp=""),
    geval("netwerk: schoonzus bij naam zonder casus",
          acties=[_A1, {**_A2, "wie": "schoonzus Els"}]),
    # ---------------------------------------------------------------- sociale_kaart (third round: the kaart of
    # voorzieningen, labelled before the rule was measured)
    geval("Alzheimer Café als maatwerk", ["sociale_kaart"],
          oplossingen=[_EK, _NW, {"tekst": "Ik ga met Henk naar het Alzheimer Café", "stap": "maatwerkvoorziening"}]),
    geval("dagopvang als algemene voorziening", ["sociale_kaart"],
          oplossingen=[_EK, _NW, {"tekst": "Henk gaat een middag naar de dagopvang", "stap": "algemene_voorziening"}]),
    geval("schuldhulp als eigen kracht", ["sociale_kaart"],
          oplossingen=[_EK, _NW, {"tekst": "Wij melden ons bij de schuldhulp van de gemeente",
                                  "stap": "eigen_kracht"}]),
    geval("mantelzorgconsulent bij steun voor de mantelzorger",
          oplossingen=[_EK, _NW, {"tekst": "Ik praat elke maand met de mantelzorgconsulent",
                                  "stap": "steun_mantelzorger"}]),
    geval("vrijwillige oppas als netwerk",
          oplossingen=[_EK, {"tekst": "Een vrijwillige oppas van het steunpunt komt op dinsdag bij Henk",
                             "stap": "sociaal_netwerk"}]),
)


# ---------------------------------------------------------------------- measuring
@dataclass
class Telling:
    """True positives, false positives and false negatives of one rule."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def meet(gevallen: Iterable[Geval] = GEVALLEN) -> tuple[dict[str, Telling], list[str]]:
    """Counts per rule (and ``"totaal"``) and a line per disagreement between rule and trainer."""
    counts = {name: Telling() for name in [*REGELS, "totaal"]}
    misses: list[str] = []
    for case in gevallen:
        verdicts = {f.regel: f for f in feedback(case.plan(), case.casus, case.today)}
        for name, verdict in verdicts.items():
            said, wanted = not verdict.in_orde, name in case.flagged
            for key in (name, "totaal"):
                counts[key].tp += said and wanted
                counts[key].fp += said and not wanted
                counts[key].fn += wanted and not said
            if said != wanted:
                kind = "onterecht" if said else "gemist"
                misses.append(f"{case.naam}: {name} {kind} ({verdict.status}: {verdict.uitleg[:110]})")
    return counts, misses


def main() -> None:  # pragma: no cover - a report for people
    counts, misses = meet()
    print(f"{len(GEVALLEN)} plannen, {len(REGELS)} regels per plan")
    print(f"{'regel':<16}{'tp':>4}{'fp':>4}{'fn':>4}{'precisie':>10}{'recall':>8}")
    for name, c in counts.items():
        print(f"{name:<16}{c.tp:>4}{c.fp:>4}{c.fn:>4}{c.precision:>10.2f}{c.recall:>8.2f}")
    for line in misses:
        print("-", line)


if __name__ == "__main__":  # pragma: no cover
    main()
