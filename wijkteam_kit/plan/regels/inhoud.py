"""Plan rules about the content: perspective, goals, ZRM domains, results, strengths, earlier help, jargon.

Each rule is ``(plan, casus | None, today) -> Feedback``; :func:`wijkteam_kit.plan.regels.verdict` runs them all.

Examples
--------
>>> import datetime as dt
>>> from wijkteam_kit.plan import Plan
>>> plan = Plan(doelstellingen=[{"tekst": "Mevrouw moet niet meer piekeren"}])
>>> f = regel_perspectief(plan, None, dt.date(2026, 3, 2))
>>> f.status, f.waar
('let op', 'doelstellingen[1]')
>>> regel_positief(plan, None, dt.date(2026, 3, 2)).uitleg.startswith("Doel 1 zegt alleen wat er moet ophouden")
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from wijkteam_kit._basis.nederlands import aantal
from wijkteam_kit.plan.model import Plan
from wijkteam_kit.plan.regels.verdict import Feedback, Status, join, quote, sentence
from wijkteam_kit.plan.taal import (
    JargonWoord,
    find_jargon,
    first_person,
    future_marker,
    has_measure,
    negative_phrase,
    observable_marker,
    professional_view,
    vague_goal,
    vague_word,
)

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus

__all__ = [
    "regel_domeinen_laag",
    "regel_eerdere_hulp",
    "regel_jargon",
    "regel_krachten",
    "regel_perspectief",
    "regel_positief",
    "regel_smart",
    "regel_zrm_domein",
    "zegt_geen_hulp",
]


def regel_perspectief(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """Problems and goals are written as the household would say them: "ik" or "wij", not "cliënt moet"."""
    titel = "In de ik- of wij-vorm"
    items = [
        (f"probleemstellingen[{i}]", "probleem", i, p.tekst) for i, p in enumerate(plan.probleemstellingen, 1)
    ]
    items += [(f"doelstellingen[{i}]", "doel", i, d.tekst) for i, d in enumerate(plan.doelstellingen, 1)]
    if not items:
        return Feedback(
            "perspectief", titel, "ontbreekt",
            "Er staan nog geen problemen of doelen in het plan. Schrijf ze op zoals het huishouden het zelf zegt, "
            "bijvoorbeeld 'Ik ben zo moe dat ik …'.",
        )  # fmt: skip
    wrong = []
    for waar, soort, i, text in items:
        word = professional_view(text)
        if word:
            wrong.append((waar, f"{soort} {i} praat over '{word}' ({quote(text)})"))
        elif not first_person(text):
            wrong.append((waar, f"{soort} {i} staat niet in de ik- of wij-vorm ({quote(text)})"))
    if not wrong:
        return Feedback(
            "perspectief", titel, "in orde",
            "Alle problemen en doelen staan in de ik- of wij-vorm: het plan klinkt als het plan van het huishouden.",
        )  # fmt: skip
    return Feedback(
        "perspectief", titel, "let op",
        f"{sentence(join(w for _, w in wrong))}. Het plan is van het huishouden, niet van de hulpverlener: "
        "schrijf zoals zij het zelf zouden zeggen, met 'ik' of 'wij'.",
        ", ".join(w for w, _ in wrong),
    )  # fmt: skip


def regel_positief(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """Goals say what the household wants to reach (positive, looking ahead), not only what must stop."""
    titel = "Doelen positief en vooruit"
    if not plan.doelstellingen:
        return Feedback(
            "positief", titel, "ontbreekt", "Er staan nog geen doelen in het plan.", "doelstellingen"
        )
    wrong = []
    for i, goal in enumerate(plan.doelstellingen, 1):
        phrase = negative_phrase(goal.tekst)
        if phrase:
            wrong.append((f"doelstellingen[{i}]", f"doel {i} zegt alleen wat er moet ophouden ('{phrase}')"))
        elif not future_marker(goal.tekst):
            wrong.append(
                (
                    f"doelstellingen[{i}]",
                    f"doel {i} zegt niet wat jullie willen bereiken ({quote(goal.tekst)})",
                )
            )
    if not wrong:
        return Feedback(
            "positief", titel, "in orde",
            "De doelen zeggen wat het huishouden wil bereiken, positief en vooruitkijkend.",
        )  # fmt: skip
    return Feedback(
        "positief", titel, "let op",
        f"{sentence(join(w for _, w in wrong))}. Een doel werkt beter als het zegt wat er in de plaats komt, "
        "bijvoorbeeld 'Ik wil op tijd mijn huur betalen' in plaats van 'Ik wil geen schulden meer'.",
        ", ".join(w for w, _ in wrong),
    )  # fmt: skip


def regel_zrm_domein(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """Every problem is linked to a ZRM domain (and a level), so the plan covers the life domains."""
    titel = "Elk probleem bij een ZRM-domein"
    if not plan.probleemstellingen:
        return Feedback(
            "zrm_domein", titel, "ontbreekt", "Er staan nog geen problemen in het plan.", "probleemstellingen"
        )
    no_domain = [i for i, p in enumerate(plan.probleemstellingen, 1) if not p.domein]
    no_level = [i for i, p in enumerate(plan.probleemstellingen, 1) if p.domein and p.niveau is None]
    if no_domain:
        return Feedback(
            "zrm_domein", titel, "let op",
            f"Bij probleem {join(map(str, no_domain))} staat nog geen ZRM-domein. Met het domein zie je of het plan "
            "alle leefgebieden dekt die ertoe doen, en kun je bij de evaluatie meten of het beter ging.",
            ", ".join(f"probleemstellingen[{i}].domein" for i in no_domain),
        )  # fmt: skip
    if no_level:
        return Feedback(
            "zrm_domein", titel, "let op",
            f"Bij probleem {join(map(str, no_level))} staat nog geen ZRM-niveau (1 tot en met 5). Het niveau nu is "
            "het beginpunt waarmee je bij de evaluatie vergelijkt.",
            ", ".join(f"probleemstellingen[{i}].niveau" for i in no_level),
        )  # fmt: skip
    return Feedback(
        "zrm_domein", titel, "in orde", "Elk probleem hoort bij een ZRM-domein en heeft een niveau."
    )


def _low_domains(plan: Plan, casus: Casus | None) -> dict[str, int]:
    if casus is not None:
        levels = casus.reference_assessment().levels()
    else:
        levels = {p.domein: p.niveau for p in plan.probleemstellingen if p.domein}
    return {d: lvl for d, lvl in levels.items() if lvl is not None and lvl <= 2}


#: Content words of at least four letters, compared by their first six letters; common and time words skipped.
_CONTENT = re.compile(r"\w{4,}")
_STOP = frozenset(
    (
        "hebben", "heeft", "mijn", "onze", "elke", "iedere", "week", "weken", "maand", "maanden", "vanaf", "volgende",
        "zelf", "weer", "meer", "niet", "geen", "wil", "willen", "wilt", "kunnen", "gaan", "gaat", "voor", "naar",
        "over", "door", "samen", "deze", "die", "dat", "wat", "waar", "wanneer", "komt", "komen", "moet", "moeten",
        "doen", "eind", "begin", "goed", "beter", "keer", "jaar", "dagen", "uur",
    )
)


def _stems(text: str) -> set[str]:
    return {w.casefold()[:6] for w in _CONTENT.findall(text) if w.casefold() not in _STOP}


def _has_step(plan: Plan, domain: str) -> bool:
    """Whether a solution or action works on ``domain``.

    It does when it shares a content word with the domain's problems, their goals or those goals' results.
    """
    problems = [i for i, p in enumerate(plan.probleemstellingen, 1) if p.domein == domain]
    goals = [i for i, d in enumerate(plan.doelstellingen, 1) if set(d.problemen) & set(problems)]
    texts = [plan.probleemstellingen[i - 1].tekst for i in problems]
    texts += [plan.doelstellingen[i - 1].tekst for i in goals]
    texts += [r.tekst for r in plan.resultaten if r.doel in goals]
    topic = set().union(*(_stems(t) for t in texts))
    steps = [o.tekst for o in plan.oplossingen] + [a.wat for a in plan.acties]
    return any(_stems(t) & topic for t in steps)


def regel_domeinen_laag(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """Every domain at level 1–2 (in the casus's reference ZRM) has a problem with a goal, or is parked with a reason.

    At level 1 (acute) a goal alone is not enough: a solution or action must work on it now (it shares a word
    with the domain's problem, goal or result). Without a casus, the levels the plan itself gives its problems
    are used.
    """
    titel = "Domeinen op niveau 1 of 2 aangepakt"
    if casus is not None and plan.zrm_versie != casus.zrm.versie:
        return Feedback(
            "domeinen_laag", titel, "let op",
            f"Het plan gebruikt {plan.zrm_versie}, de casus {casus.zrm.versie}. Kies de ZRM-versie van de casus, "
            "dan kan ik de domeinen vergelijken.",
            "zrm_versie",
        )  # fmt: skip
    low = _low_domains(plan, casus)
    if not low:
        return Feedback("domeinen_laag", titel, "in orde", "Er zijn geen domeinen op niveau 1 of 2.")
    with_goal = {
        p.domein
        for i, p in enumerate(plan.probleemstellingen, 1)
        if any(i in d.problemen for d in plan.doelstellingen)
    }
    named = {p.domein for p in plan.probleemstellingen}
    parked = {g.domein for g in plan.geparkeerd}
    no_step = {d for d in low if low[d] == 1 and d in with_goal and d not in parked and not _has_step(plan, d)}
    missing = [d for d in low if (d not in with_goal or d in no_step) and d not in parked]
    if not missing:
        return Feedback(
            "domeinen_laag", titel, "in orde",
            f"Alle domeinen op niveau 1 of 2 ({join(plan.domain_name(d) for d in low)}) hebben een doel of staan "
            "bewust bij 'Wat nog even wacht'.",
        )  # fmt: skip
    parts = [
        f"{plan.domain_name(d)} (niveau {low[d]})"
        + (
            ": er is een doel, maar nog geen oplossing of actie die eraan werkt"
            if d in no_step
            else ": er is een probleem, maar nog geen doel" if d in named else ""
        )
        for d in missing
    ]
    source = "de referentie-ZRM van de casus" if casus is not None else "je eigen probleemstellingen"
    status: Status = "ontbreekt" if len(missing) == len(low) else "let op"
    return Feedback(
        "domeinen_laag", titel, status,
        f"Volgens {source} staat het niet goed met {join(parts)}. Op niveau 1 of 2 is er acuut iets aan de hand of "
        "lukt het niet zelf: geef het domein een doel (op niveau 1 ook een oplossing of actie die er nu aan werkt), "
        "of zet het bij 'Wat nog even wacht' met de reden waarom het nu niet in het plan staat.",
        ", ".join(missing),
    )  # fmt: skip


def regel_smart(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """Every goal is clear and has at least one concrete, checkable result: a number, a date or something you can see.

    A goal with a vague word ('meer rust', 'minder stress', 'het goed hebben') and no measure does not say what the
    household wants (:func:`~wijkteam_kit.plan.taal.vague_goal`).

    A result with a vague word ('meer', 'minder', 'beter', 'op orde' …) and no measure is not checkable, and
    neither is a result with no measure at all: no number, date, period or frequency
    (:func:`~wijkteam_kit.plan.taal.has_measure`) and nothing to see
    (:func:`~wijkteam_kit.plan.taal.observable_marker`).
    """
    titel = "Elk doel een toetsbaar resultaat"
    if not plan.doelstellingen:
        return Feedback(
            "smart", titel, "ontbreekt", "Er staan nog geen doelen in het plan.", "doelstellingen"
        )
    if not plan.resultaten:
        return Feedback(
            "smart", titel, "ontbreekt",
            "Er staan nog geen resultaten in het plan. Schrijf bij elk doel waaraan jullie zien dat het gelukt is: "
            "met een getal, een datum of iets wat je kunt zien.",
            "resultaten",
        )  # fmt: skip
    notes, where = [], []
    for i, goal in enumerate(plan.doelstellingen, 1):
        word = vague_goal(goal.tekst)
        if word:
            notes.append(
                f"doel {i} is vaag ('{word}': wat is er dan anders, waaraan merken jullie het?)"
            )
            where.append(f"doelstellingen[{i}]")
    for i, result in enumerate(plan.resultaten, 1):
        word = vague_word(result.tekst)
        if word and not has_measure(result.tekst):
            notes.append(
                f"resultaat {i} is vaag ('{word}' zonder maat: hoeveel, wanneer, waaraan zie je het?)"
            )
            where.append(f"resultaten[{i}]")
        elif not word and not has_measure(result.tekst) and not observable_marker(result.tekst):
            notes.append(
                f"resultaat {i} zegt niet waaraan jullie zien dat het gelukt is ({quote(result.tekst)}: geen "
                "getal, datum, periode of hoe vaak)"
            )
            where.append(f"resultaten[{i}]")
        if result.doel is None:
            notes.append(f"resultaat {i} hoort nog bij geen doel")
            where.append(f"resultaten[{i}].doel")
    for i, _goal in enumerate(plan.doelstellingen, 1):
        if not any(r.doel == i for r in plan.resultaten):
            notes.append(f"doel {i} heeft nog geen resultaat")
            where.append(f"doelstellingen[{i}]")
    if not notes:
        return Feedback(
            "smart", titel, "in orde",
            "Elk doel is duidelijk en heeft een resultaat, en geen resultaat is vaag: je kunt bij de evaluatie "
            "nagaan of het lukte.",
        )  # fmt: skip
    return Feedback(
        "smart", titel, "let op",
        f"{sentence(join(notes))}. "
        + (
            "Een doel zegt wat jullie willen: 'Ik wil één middag in de week voor mezelf' in plaats van 'Ik wil "
            "meer rust'. "
            if any(n.startswith("doel ") and "is vaag" in n for n in notes)
            else ""
        )
        + "Een resultaat is SMART als je het kunt nagaan: 'Ik betaal vanaf mei elke maand de huur op tijd' in "
        "plaats van 'Het gaat beter met geld'.",
        ", ".join(where),
    )  # fmt: skip


def regel_krachten(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """The plan names what goes well (strengths), not only problems."""
    titel = "Wat goed gaat"
    if not plan.krachten:
        extra = (
            f" In de casus staan er {len(casus.krachten)}." if casus is not None and casus.krachten else ""
        )
        return Feedback(
            "krachten", titel, "ontbreekt",
            "Het plan noemt nog niet wat goed gaat. Krachten zijn waar het huishouden op kan bouwen, en een plan met "
            f"alleen problemen voelt niet als een eigen plan.{extra}",
            "krachten",
        )  # fmt: skip
    return Feedback(
        "krachten", titel, "in orde",
        f"Het plan noemt {aantal(len(plan.krachten), 'kracht', 'krachten')}: wat goed gaat.",
    )


#: A whole answer that says there was no earlier help.
_NONE = re.compile(r"\W*(?:geen|nee|niet|nooit)\W*", re.IGNORECASE)
#: A sentence that says there was no help: "Er was nooit eerder hulp", "Geen eerdere hulpverlening".
_NO_HELP = re.compile(
    r"(?<!\w)(?:geen|nooit|niet)(?!\w)(?:\W+\w+){0,4}?\W+(?:eerder\w*\W+)?"
    r"(?:hulp\w*|begeleiding|ondersteuning|zorg|contact\s+met\s+(?:het\s+)?wijkteam)(?!\w)",
    re.IGNORECASE,
)


#: A short answer (at most four words) that starts with a no: "Nee, nooit gehad", "Geen, nooit nodig gehad".
_SHORT_NO = re.compile(r"\W*(?:nee|geen|nooit)\b\W*(?:\w+\W*){0,3}", re.IGNORECASE)


def zegt_geen_hulp(text: str) -> bool:
    """Whether ``text`` says there was no earlier help: every sentence is "geen" or says no help was had.

    >>> zegt_geen_hulp("Geen. Ze hebben nooit eerder hulp gehad."), zegt_geen_hulp("Er was nooit eerder hulp")
    (True, True)
    >>> zegt_geen_hulp("Geen eerdere hulp voor Gerda zelf. Voor Henk komt een casemanager.")
    False
    >>> zegt_geen_hulp("Nee, nooit gehad"), zegt_geen_hulp("geen idee, misschien een coach"), zegt_geen_hulp("")
    (True, False, False)
    """
    sentences = [p for p in re.split(r"[.;!?\n]+", text) if p.strip()]
    return bool(sentences) and all(
        _NONE.fullmatch(p) or _NO_HELP.search(p) or _SHORT_NO.fullmatch(p) for p in sentences
    )


def regel_eerdere_hulp(plan: Plan, casus: Casus | None, today: dt.date) -> Feedback:
    """Earlier help is written down with its result, so the plan learns from what did and did not work.

    Nothing is asked when the casus says there was no earlier help, or when the plan says so (in a word or a
    sentence: 'geen', 'Er was nooit eerder hulp').
    """
    titel = "Eerdere hulp en wat die opleverde"
    casus_none = casus is not None and (not casus.eerdere_hulp.strip() or zegt_geen_hulp(casus.eerdere_hulp))
    if not plan.eerdere_hulp.strip():
        if casus_none:
            return Feedback(
                "eerdere_hulp", titel, "in orde", "Volgens de casus was er geen eerdere hulp: er valt niets te vragen."
            )
        return Feedback(
            "eerdere_hulp", titel, "let op",
            "Schrijf op welke hulp er eerder was en wat die opleverde (of 'geen'). Veel huishoudens hadden al hulp; "
            "wat toen niet werkte, wil je niet herhalen.",
            "eerdere_hulp",
        )  # fmt: skip
    if zegt_geen_hulp(plan.eerdere_hulp):
        return Feedback(
            "eerdere_hulp", titel, "in orde",
            "Er was geen eerdere hulp, en dat staat in het plan. Dan is er ook geen resultaat om op te schrijven.",
        )  # fmt: skip
    if not plan.resultaat_eerdere_hulp.strip():
        return Feedback(
            "eerdere_hulp", titel, "let op",
            "De eerdere hulp staat erin, maar niet wat die opleverde of waarom die stopte. Juist dat helpt om nu "
            "iets anders te doen.",
            "resultaat_eerdere_hulp",
        )  # fmt: skip
    return Feedback(
        "eerdere_hulp", titel, "in orde", "De eerdere hulp en wat die opleverde staan in het plan."
    )


def regel_jargon(
    plan: Plan, casus: Casus | None, today: dt.date, jargon: Iterable[JargonWoord] | None = None
) -> Feedback:
    """Texts meant for the household use plain words: jargon from the list is flagged with a plainer word."""
    titel = "Gewone taal"
    words = tuple(jargon) if jargon is not None else None
    hits = [(waar, hit) for waar, text in plan.texts() for hit in find_jargon(text, words)]
    if not hits:
        return Feedback(
            "jargon", titel, "in orde", "Geen vakjargon gevonden: het huishouden kan het plan zelf lezen."
        )
    seen: dict[str, str] = {}
    for _, hit in hits:
        seen.setdefault(hit.gevonden.lower(), hit.woord.alternatief)
    tips = [f"'{word}' (beter: {alt})" for word, alt in seen.items()]
    return Feedback(
        "jargon", titel, "let op",
        f"Het plan is van het huishouden, dus schrijf zoals zij praten. Vakjargon gevonden: {join(tips)}.",
        ", ".join(dict.fromkeys(w for w, _ in hits)),
    )  # fmt: skip
