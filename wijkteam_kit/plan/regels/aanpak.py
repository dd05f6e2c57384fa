"""Plan rules about the approach: the Wmo order, the network's role, actions, regisseur and evaluation date.

Each rule is ``(plan, casus | None, today) -> Feedback``; :func:`wijkteam_kit.plan.regels.verdict` runs them all.
Who counts as "network": with a casus, the non-professional people of its netwerkatlas outside the household
(matched on their names); with or without a casus, words such as buurvrouw, vriendin, dochter, opa, schoonzus,
(buurt)vrijwilliger. A "wie" with more people ("Gerda en de buurvrouw") is read part by part.

Examples
--------
>>> import datetime as dt
>>> from wijkteam_kit.plan import Plan
>>> plan = Plan(acties=[{"wie": "Buurvrouw Fatima", "wat": "boodschappen", "wanneer": "elke vrijdag"},
...                     {"wie": "de huisarts", "wat": "bloeddruk meten", "wanneer": "in april"}])
>>> network_actions(plan, None)
[1]
>>> is_network_person("de schoonmaakhulp"), is_network_person("buurtvrijwilliger Joop")
(False, True)
>>> regel_regisseur(Plan(regisseur="Gerda en Marieke"), None, dt.date(2026, 3, 2)).status
'let op'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from wijkteam_kit._basis.nederlands import aantal, datum_tekst
from wijkteam_kit.netwerk.model import Persoon
from wijkteam_kit.plan.model import WMO_LABELS, WMO_STAPPEN, Plan
from wijkteam_kit.plan.regels.verdict import Feedback, join, quote, sentence

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus

__all__ = [
    "MAX_EVALUATIE_MAANDEN",
    "MIN_EVALUATIE_DAGEN",
    "WMO_VOLGORDE_TEKST",
    "half_jaar_na",
    "is_network_person",
    "network_actions",
    "network_people",
    "regel_acties",
    "regel_evaluatie",
    "regel_netwerk",
    "regel_regisseur",
    "regel_sociale_kaart",
    "regel_wmo_volgorde",
    "regisseur_kern",
]

#: The Wmo order as the feedback quotes it.
WMO_VOLGORDE_TEKST = " → ".join(WMO_LABELS[s].lower() for s in WMO_STAPPEN)
#: "Binnen een half jaar": the evaluation may fall up to this many calendar months after the plan date.
MAX_EVALUATIE_MAANDEN = 6
#: An evaluation fewer days than this after the plan date comes too soon to see results.
MIN_EVALUATIE_DAGEN = 14

_RELATIONS = re.compile(
    r"(?<!\w)(?:buurvrouw|buurman|buren|buurjongen|buurmeisje|vriend\w*|dochter|zoon|broer|zus|zussen|broers|"
    r"moeder|vader|oma|opa|tante|oom|neef|nicht|klein(?:zoon|dochter|kind\w*)|familie\w*|"
    r"schoon(?:zus|zussen|zuster|broer|broers|moeder|vader|ouders|zoon|zonen|dochter|dochters|familie)|"
    r"(?:buurt)?vrijwillig\w*|buurtgeno(?:ot|te|ten)|maatje|kennis(?:sen)?|clubgenoot|clubgenote|kerkgenoot|"
    r"mantelzorger)(?!\w)",
    re.IGNORECASE,
)
_PROFESSIONALS = re.compile(
    r"(?<!\w)(?:wijkteam\w*|generalist\w*|hulpverlen\w*|casemanager\w*|consulent\w*|huisarts\w*|dokter|"
    r"praktijkondersteuner|poh|maatschappelijk\s+werk\w*|begeleider\w*|coach\w*|gezinscoach\w*|"
    r"bewindvoerder\w*|schuldhulp\w*|wijkverpleeg\w*|verpleegkundige\w*|psycholoog|fysiotherapeut\w*|"
    r"leerplicht\w*|gemeente|corporatie|jeugdteam|juf|meester|mentor|leraar|docent|intercedent|"
    r"ouderenwerk\w*|thuiszorg)(?!\w)",
    re.IGNORECASE,
)
_TITLES = frozenset(
    ("oma", "opa", "meneer", "mevrouw", "dokter", "juf", "meester", "tante", "oom", "de", "van", "der", "den")
)



def _name_tokens(name: str) -> set[str]:
    return {t.casefold() for t in re.findall(r"\w+", name) if len(t) > 1 and t.casefold() not in _TITLES}


def _mentions(text: str, tokens: set[str]) -> bool:
    return bool(tokens & {t.casefold() for t in re.findall(r"\w+", text)})


#: Separates the people in one "wie": "Gerda en de buurvrouw", "Ad, de buurman", "Ans & Riet".
_PARTS = re.compile(r"\s+(?:en|of|met)\s+|[,;&+]", re.IGNORECASE)


def network_people(casus: Casus) -> list[Persoon]:
    """The informal network of the casus: living, non-professional people outside the household."""
    household = {m.naam for m in casus.huishouden}
    return [
        p
        for p in casus.netwerk.personen
        if not p.formeel and p.relatie != "professional" and not p.overleden
        and not p.huishouden and p.naam not in household
    ]  # fmt: skip


def is_network_person(wie: str, casus: Casus | None = None) -> bool:
    """Whether ``wie`` names someone from the informal network (not the household, not a professional).

    With a casus: a non-professional person of its netwerkatlas outside the household, by name. With or without a
    casus: a relation word (buurvrouw, vriendin, dochter, vrijwilliger …) in a part of ``wie`` (split at "en",
    "of", "met" and commas) that names no professional and, with a casus, no household member.

    >>> is_network_person("Ans (vriendin van het koor)"), is_network_person("de casemanager")
    (True, False)
    """
    own: set[str] = set()
    if casus is not None:
        own = set().union(
            *(_name_tokens(m.naam) for m in casus.huishouden),
            *(_name_tokens(p.naam) for p in casus.netwerk.personen if p.huishouden),
        )
        if any(_mentions(wie, _name_tokens(p.naam) - own) for p in network_people(casus)):
            return True
    return any(
        _RELATIONS.search(part) and not _PROFESSIONALS.search(part) and not _mentions(part, own)
        for part in _PARTS.split(wie)
    )


#: A first name: a capitalised word that is not "Ik", a title or a pronoun.
_FIRST_NAME = re.compile(r"(?<!\w)[A-ZÀ-Ý][a-zà-ÿ]{1,}(?!\w)")
_NOT_A_NAME = frozenset(
    ("ik", "ikzelf", "wij", "we", "wijzelf", "mij", "mijn", "zij", "hij", "samen", "iedereen", "niemand", "het",
     "een", "elke", "alle", "wie", "mevrouw", "meneer", "cliënt", "client")
) | _TITLES  # fmt: skip
#: Content words of at least five letters (for "does this action carry out that solution").
_CONTENT = re.compile(r"\w{5,}")


def _first_names(part: str) -> set[str]:
    return {m.group(0).casefold() for m in _FIRST_NAME.finditer(part)} - _NOT_A_NAME


def _stems(text: str) -> set[str]:
    return {w.casefold()[:6] for w in _CONTENT.findall(text)}


def _own_names(plan: Plan, casus: Casus | None) -> set[str]:
    """Name tokens of the household: the plan's 'huishouden' and, with a casus, its household members."""
    own = _name_tokens(plan.huishouden)
    if casus is not None:
        own |= set().union(
            *(_name_tokens(m.naam) for m in casus.huishouden),
            *(_name_tokens(p.naam) for p in casus.netwerk.personen if p.huishouden or p.formeel
              or p.relatie == "professional"),
        )  # fmt: skip
    return own


def _carries_network_solution(plan: Plan, index: int, casus: Casus | None) -> bool:
    """Whether action ``index`` (from 1) is done by someone named by first name who carries a network solution.

    A first name that is not the household's counts as network when the plan has a solution at the step
    'sociaal netwerk' that names that person, or that the action carries out (they share a content word; not for
    the regisseur, who is often the client).
    """
    action = plan.acties[index - 1]
    solutions = [o.tekst for o in plan.oplossingen if o.stap == "sociaal_netwerk"]
    if not solutions:
        return False
    own = _own_names(plan, casus)
    regisseur = _name_tokens(regisseur_kern(plan.regisseur))
    for part in _PARTS.split(action.wie):
        if _PROFESSIONALS.search(part):
            continue
        names = _first_names(part) - own
        if not names:
            continue
        for text in solutions:
            if _mentions(text, names):
                return True
            # carrying out the solution's task counts too, but not for the regisseur (often the client)
            if names - regisseur and _stems(action.wat) & _stems(text):
                return True
    return False


def network_actions(plan: Plan, casus: Casus | None = None) -> list[int]:
    """Numbers (from 1) of the actions done by someone from the informal network.

    Someone counts by a relation word or (with a casus) a network name (:func:`is_network_person`), or by a
    first name when the plan marks the solution that person carries out as the network step ("Sandra en ik" who
    do the shopping that solution 'Sandra doet de boodschappen met mij' puts at 'sociaal netwerk').

    >>> plan = Plan(oplossingen=[{"tekst": "Sandra doet de boodschappen met mij", "stap": "sociaal_netwerk"}],
    ...             acties=[{"wie": "Sandra en ik", "wat": "boodschappen doen", "wanneer": "zaterdag"}])
    >>> network_actions(plan)
    [1]
    """
    return [
        i
        for i, a in enumerate(plan.acties, 1)
        if a.wie.strip() and (is_network_person(a.wie, casus) or _carries_network_solution(plan, i, casus))
    ]


def regel_wmo_volgorde(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """A maatwerkvoorziening comes only after lighter options were considered; lighter steps need no order.

    The Wmo order asks that the lighter options were *considered*, not that each one appears: a plan that starts
    with the network or an algemene voorziening is fine. Only a plan whose solutions are all maatwerk shows no
    sign that eigen kracht, the network, support for the carer or an algemene voorziening were looked at.
    """
    titel = "Eerst eigen kracht en netwerk"
    if not plan.oplossingen:
        return Feedback(
            "wmo_volgorde", titel, "ontbreekt",
            f"Er staan nog geen oplossingen in het plan. Werk de Wmo-volgorde af: {WMO_VOLGORDE_TEKST}.",
            "oplossingen",
        )  # fmt: skip
    used = {o.stap for o in plan.oplossingen}
    heavy = [i for i, o in enumerate(plan.oplossingen, 1) if o.stap == "maatwerkvoorziening"]
    if heavy and used == {"maatwerkvoorziening"}:
        return Feedback(
            "wmo_volgorde", titel, "let op",
            f"Het plan zet alleen een maatwerkvoorziening in (oplossing {join(map(str, heavy))}); nergens blijkt "
            "dat lichtere oplossingen zijn bekeken. De Wmo-volgorde is: "
            f"{WMO_VOLGORDE_TEKST}. Vraag eerst wat het huishouden zelf kan, wie uit het sociale netwerk kan "
            "helpen en welke algemene voorziening past: zo licht als mogelijk, zo zwaar als nodig.",
            ", ".join(f"oplossingen[{i}]" for i in heavy),
        )  # fmt: skip
    steps = [WMO_LABELS[s].lower() for s in WMO_STAPPEN if s in used]
    return Feedback(
        "wmo_volgorde", titel, "in orde",
        f"Het plan gebruikt {join(steps)}: "
        + ("er zijn lichtere oplossingen bekeken vóór de maatwerkvoorziening." if heavy
           else "zo licht als mogelijk.")
        + f" De Wmo-volgorde is: {WMO_VOLGORDE_TEKST}.",
    )  # fmt: skip


def regel_sociale_kaart(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """A solution that names a voorziening of the sociale kaart puts it at the step the kaart gives it.

    The kaart (:mod:`wijkteam_kit.plan.sociale_kaart`) knows per voorziening whether it is voorliggend, algemeen
    or maatwerk and at which steps of the Wmo order it fits (a taalmaatje also as 'sociaal netwerk'). A solution
    that names none is fine: the rule only speaks where the plan reaches for a voorziening the kaart knows.

    >>> plan = Plan(oplossingen=[{"tekst": "Ik ga naar de schuldhulpverlening", "stap": "maatwerkvoorziening"}])
    >>> regel_sociale_kaart(plan, None, dt.date(2026, 3, 2)).status
    'let op'
    """
    from wijkteam_kit.plan.sociale_kaart import load_sociale_kaart

    titel = "Voorzieningen bij de goede stap"
    kaart = load_sociale_kaart()
    wrong, used, where = [], [], []
    for i, solution in enumerate(plan.oplossingen, 1):
        for v in kaart.genoemd_in(solution.tekst):
            if solution.stap in v.stappen:
                used.append(v.naam)
                continue
            wrong.append(
                f"oplossing {i} noemt {v.naam}: dat is een {v.stap_tekst}, maar staat bij "
                f"{WMO_LABELS[solution.stap].lower()!r}"
            )
            where.append(f"oplossingen[{i}]")
            break
    if wrong:
        return Feedback(
            "sociale_kaart", titel, "let op",
            f"{sentence(join(wrong))}. Zet een voorziening bij de stap waar hij hoort: zo zie je of er eerst een "
            "lichtere weg is (algemene en voorliggende voorzieningen zijn er zonder indicatie; maatwerk pas na "
            f"onderzoek door de gemeente). De volgorde is: {WMO_VOLGORDE_TEKST}.",
            ", ".join(where),
        )  # fmt: skip
    if used:
        return Feedback(
            "sociale_kaart", titel, "in orde",
            f"Het plan gebruikt {join(sorted(set(used)))} van de sociale kaart, elk bij een stap die past.",
        )  # fmt: skip
    return Feedback(
        "sociale_kaart", titel, "in orde",
        "Geen oplossing noemt een voorziening van de sociale kaart; kijk daar als het huishouden en het netwerk "
        "het niet alleen redden.",
    )  # fmt: skip


def regel_netwerk(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """Someone from the social network has a role: a solution with the network and an action by a network member."""
    titel = "Het netwerk doet mee"
    solutions = [i for i, o in enumerate(plan.oplossingen, 1) if o.stap == "sociaal_netwerk"]
    helpers = network_actions(plan, casus)
    if solutions and helpers:
        names = join(sorted({plan.acties[i - 1].wie for i in helpers}))
        return Feedback(
            "netwerk", titel, "in orde",
            f"Het sociale netwerk heeft een rol: {names} doet mee in de acties, en oplossing "
            f"{join(map(str, solutions))} steunt op het netwerk.",
        )  # fmt: skip
    people = [p.naam for p in sorted(network_people(casus), key=lambda p: p.cirkel)][:4] if casus else []
    hint = f" In de netwerkkaart van de casus staan bijvoorbeeld {join(people)}." if people else ""
    if not solutions and not helpers:
        return Feedback(
            "netwerk", titel, "ontbreekt",
            "Niemand uit het sociale netwerk (familie, vrienden, buren, vrijwilligers) heeft een rol: er is geen "
            "oplossing met het netwerk en geen actie van iemand uit het netwerk. Vraag wie er al helpt of zou "
            f"kunnen helpen, en geef die persoon een taak.{hint}",
            "oplossingen, acties",
        )  # fmt: skip
    if not helpers:
        return Feedback(
            "netwerk", titel, "let op",
            f"Oplossing {join(map(str, solutions))} steunt op het netwerk, maar bij de acties staat niemand uit het "
            f"netwerk bij 'wie'. Schrijf op wie uit het netwerk wat gaat doen, en wanneer.{hint}",
            "acties",
        )  # fmt: skip
    return Feedback(
        "netwerk", titel, "let op",
        f"{join(sorted({plan.acties[i - 1].wie for i in helpers}))} uit het netwerk heeft een actie, maar geen "
        "oplossing gebruikt de stap 'sociaal netwerk'. Zet de steun van het netwerk ook bij de oplossingen.",
        "oplossingen",
    )  # fmt: skip


def regel_acties(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """Every action says who does what, and when."""
    titel = "Wie doet wat en wanneer"
    if not plan.acties:
        return Feedback(
            "acties", titel, "ontbreekt",
            "Er staan nog geen acties in het plan. Een actie zegt wie wat doet, en wanneer.",
            "acties",
        )  # fmt: skip
    notes, where = [], []
    for i, action in enumerate(plan.acties, 1):
        missing = [part for part in ("wie", "wat", "wanneer") if not getattr(action, part).strip()]
        if missing:
            notes.append(f"bij actie {i} ontbreekt {join(repr(m) for m in missing)}")
            where += [f"acties[{i}].{m}" for m in missing]
    if not notes:
        return Feedback("acties", titel, "in orde", "Elke actie zegt wie wat doet en wanneer.")
    return Feedback(
        "acties", titel, "let op",
        f"{sentence(join(notes))}. Zonder naam doet niemand het, en zonder moment schuift het op.",
        ", ".join(where),
    )  # fmt: skip


_MORE_THAN_ONE = re.compile(r"\s(?:en|of|samen\s+met)\s|[,/&+]", re.IGNORECASE)
#: Support for the one regisseur: "ikzelf, geholpen door mijn zus", "Gerda (met hulp van Marieke)".
_SUPPORT = re.compile(
    r"[\s,(–-]*(?:(?:geholpen|gesteund|ondersteund|bijgestaan)\s+door|met\s+(?:de\s+)?(?:hulp|steun|"
    r"ondersteuning)\s+van|met\s+hulp|met\s+steun)\b.*$",
    re.IGNORECASE | re.DOTALL,
)


def regisseur_kern(name: str) -> str:
    """The regisseur without the people who support them: one regisseur with help is still one regisseur.

    >>> regisseur_kern("ikzelf, geholpen door mijn zus"), regisseur_kern("Gerda (met hulp van Marieke)")
    ('ikzelf', 'Gerda')
    >>> regisseur_kern("Gerda en Marieke")
    'Gerda en Marieke'
    """
    return _SUPPORT.sub("", name).strip(" ,;()")


def regel_regisseur(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """The plan has exactly one regisseur: one person who keeps the overview (1 huishouden, 1 plan, 1 regisseur)."""
    titel = "Eén regisseur"
    name = plan.regisseur.strip()
    if not name:
        return Feedback(
            "regisseur", titel, "ontbreekt",
            "Er is nog geen regisseur. Eén persoon houdt het overzicht over het hele plan: iemand uit het "
            "huishouden, uit het netwerk of een professional.",
            "regisseur",
        )  # fmt: skip
    if _MORE_THAN_ONE.search(regisseur_kern(name)):
        return Feedback(
            "regisseur", titel, "let op",
            f"Bij regisseur staan meer mensen ({quote(name)}). Kies één persoon: met twee regisseurs denkt ieder "
            "dat de ander het overzicht houdt. Helpt iemand de regisseur, schrijf dan bijvoorbeeld 'Gerda, "
            "geholpen door Marieke'.",
            "regisseur",
        )  # fmt: skip
    return Feedback(
        "regisseur", titel, "in orde", f"{name} is de regisseur en houdt het overzicht over het plan."
    )


def half_jaar_na(start: dt.date, months: int = MAX_EVALUATIE_MAANDEN) -> dt.date:
    """The same day ``months`` calendar months after ``start`` (the last day of that month when it is shorter).

    >>> half_jaar_na(dt.date(2026, 3, 15)), half_jaar_na(dt.date(2026, 8, 31))
    (datetime.date(2026, 9, 15), datetime.date(2027, 2, 28))
    """
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(start.day, last))


def regel_evaluatie(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """There is an evaluation date, not in the past, at least 14 days and at most six calendar months after the start.

    "Binnen een half jaar" is counted in calendar months: from 15 March the last day is 15 September.
    """
    titel = "Evaluatie binnen een half jaar"
    start = plan.datum or today
    when = plan.evaluatiedatum
    if when is None:
        return Feedback(
            "evaluatie", titel, "ontbreekt",
            "Er is nog geen datum om samen te kijken of het lukt. Kies een datum binnen een half jaar.",
            "evaluatiedatum",
        )  # fmt: skip
    if when < today:
        return Feedback(
            "evaluatie", titel, "let op",
            f"De evaluatiedatum ({datum_tekst(when)}) ligt in het verleden. Kies een nieuwe datum, binnen een "
            "half jaar.",
            "evaluatiedatum",
        )  # fmt: skip
    if when < start:
        return Feedback(
            "evaluatie", titel, "let op",
            f"De evaluatiedatum ({datum_tekst(when)}) ligt vóór de datum van het plan ({datum_tekst(start)}).",
            "evaluatiedatum",
        )  # fmt: skip
    days = (when - start).days
    if days < MIN_EVALUATIE_DAGEN:
        return Feedback(
            "evaluatie", titel, "let op",
            f"De evaluatie op {datum_tekst(when)} is maar {aantal(days, 'dag', 'dagen')} na de start van het plan. "
            "Dat is te vroeg om te zien of er iets veranderd is: kies een datum minstens "
            f"{MIN_EVALUATIE_DAGEN} dagen na de start, en binnen een half jaar.",
            "evaluatiedatum",
        )  # fmt: skip
    last = half_jaar_na(start)
    if when > last:
        return Feedback(
            "evaluatie", titel, "let op",
            f"De evaluatie op {datum_tekst(when)} is later dan een half jaar na de start van het plan "
            f"({datum_tekst(start)}): de laatste dag is {datum_tekst(last)}. Kijk binnen een half jaar samen of het "
            "lukt; dan kun je nog bijsturen.",
            "evaluatiedatum",
        )  # fmt: skip
    return Feedback(
        "evaluatie", titel, "in orde",
        f"Op {datum_tekst(when)} ({aantal(days, 'dag', 'dagen')} na de start, binnen een half jaar) kijken jullie "
        "samen of het lukt.",
    )  # fmt: skip
