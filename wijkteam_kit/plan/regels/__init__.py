"""Feedback on a Plan van Aanpak: one small rule per quality criterion, each with the reason in plain Dutch.

Every rule is a documented function ``(plan, casus | None, today) -> Feedback`` with a status ``"in orde"``,
``"let op"`` or ``"ontbreekt"``, an explanation that says *why*, and where in the plan it applies (``waar``,
written like the error paths of :mod:`wijkteam_kit.plan`: ``doelstellingen[2]`` is the second goal).
:func:`feedback` runs them all in the order of :data:`REGELS`; :func:`vergelijk_met_referentie` compares a
plan with the casus's reference plan. The rules live in :mod:`wijkteam_kit.plan.regels.inhoud` (what the plan
says) and :mod:`wijkteam_kit.plan.regels.aanpak` (how it is organised); the language heuristics in
:mod:`wijkteam_kit.plan.taal`.

Examples
--------
>>> import datetime as dt
>>> from wijkteam_kit.plan import Plan
>>> plan = Plan(oplossingen=[{"tekst": "Dagopvang voor Henk", "stap": "maatwerkvoorziening"}])
>>> result = {f.regel: f for f in feedback(plan, None, dt.date(2026, 3, 2))}
>>> result["netwerk"].status, result["wmo_volgorde"].status, result["regisseur"].status
('ontbreekt', 'let op', 'ontbreekt')
>>> print(result["wmo_volgorde"].uitleg)  # doctest: +NORMALIZE_WHITESPACE
Het plan zet alleen een maatwerkvoorziening in (oplossing 1); nergens blijkt dat lichtere oplossingen zijn
bekeken. De Wmo-volgorde is: eigen kracht → sociaal netwerk → steun voor de mantelzorger → algemene /
voorliggende voorziening → maatwerkvoorziening. Vraag eerst wat het huishouden zelf kan, wie uit het sociale
netwerk kan helpen en welke algemene voorziening past: zo licht als mogelijk, zo zwaar als nodig.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from wijkteam_kit._basis.nederlands import aantal
from wijkteam_kit.plan.model import WMO_LABELS, WMO_STAPPEN, Plan
from wijkteam_kit.plan.regels.aanpak import (
    MAX_EVALUATIE_MAANDEN,
    MIN_EVALUATIE_DAGEN,
    WMO_VOLGORDE_TEKST,
    regel_acties,
    regel_evaluatie,
    regel_netwerk,
    regel_regisseur,
    regel_sociale_kaart,
    regel_wmo_volgorde,
)
from wijkteam_kit.plan.regels.inhoud import (
    regel_domeinen_laag,
    regel_eerdere_hulp,
    regel_jargon,
    regel_krachten,
    regel_perspectief,
    regel_positief,
    regel_smart,
    regel_zrm_domein,
)
from wijkteam_kit.plan.regels.verdict import STATUSSEN, Feedback, Status, join
from wijkteam_kit.plan.taal import JargonWoord

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus

__all__ = [
    "MAX_EVALUATIE_MAANDEN",
    "MIN_EVALUATIE_DAGEN",
    "REGELS",
    "STATUSSEN",
    "WMO_VOLGORDE_TEKST",
    "Feedback",
    "Regel",
    "Status",
    "feedback",
    "status_counts",
    "vergelijk_met_referentie",
]

#: The signature of every rule.
Regel = Callable[[Plan, "Casus | None", dt.date], Feedback]

#: Every rule by id, in the order the feedback shows them.
REGELS: dict[str, Regel] = {
    "perspectief": regel_perspectief,
    "positief": regel_positief,
    "zrm_domein": regel_zrm_domein,
    "domeinen_laag": regel_domeinen_laag,
    "smart": regel_smart,
    "wmo_volgorde": regel_wmo_volgorde,
    "sociale_kaart": regel_sociale_kaart,
    "netwerk": regel_netwerk,
    "acties": regel_acties,
    "regisseur": regel_regisseur,
    "evaluatie": regel_evaluatie,
    "krachten": regel_krachten,
    "eerdere_hulp": regel_eerdere_hulp,
    "jargon": regel_jargon,
}


def feedback(
    plan: Plan,
    casus: Casus | None = None,
    today: dt.date | None = None,
    *,
    jargon: Iterable[JargonWoord] | None = None,
) -> list[Feedback]:
    """All rules on ``plan``, in the order of :data:`REGELS` (``today`` defaults to the real date).

    ``jargon`` replaces the jargon list (default: :func:`wijkteam_kit.plan.taal.load_jargon`).
    """
    day = today or dt.date.today()
    words = tuple(jargon) if jargon is not None else None
    return [
        regel_jargon(plan, casus, day, words) if name == "jargon" else rule(plan, casus, day)
        for name, rule in REGELS.items()
    ]


def _steps(steps: Iterable[str]) -> str:
    chosen = set(steps)
    return join(WMO_LABELS[s].lower() for s in WMO_STAPPEN if s in chosen) or "nog geen"


def vergelijk_met_referentie(plan: Plan, casus: Casus) -> list[str]:
    """Sentences comparing ``plan`` with the casus's reference plan: domains covered, Wmo steps, regisseur.

    >>> from wijkteam_kit.casus import load_library
    >>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
    >>> plan = Plan(zrm_versie="zrm2013", probleemstellingen=[{"tekst": "Ik ben op", "domein": "geestelijke_gezondheid"}],
    ...             oplossingen=[{"tekst": "Dagopvang voor Henk", "stap": "maatwerkvoorziening"}])
    >>> lines = vergelijk_met_referentie(plan, casus)
    >>> any("Niet in jouw plan" in line for line in lines), any("maatwerkvoorziening" in line for line in lines)
    (True, True)
    """  # noqa: E501
    ref = casus.referentieplan
    if ref is None:
        return ["Deze casus heeft (nog) geen referentieplan om mee te vergelijken."]
    out: list[str] = []
    if plan.zrm_versie != casus.zrm.versie:
        out.append(
            f"Jouw plan gebruikt {plan.zrm_versie} en de casus {casus.zrm.versie}: de domeinen zijn daarom niet "
            "te vergelijken."
        )
    else:
        version = casus.version()

        def names(ids: Iterable[str]) -> str:
            return join(version.domain(d).name for d in ids)

        mine = {p.domein for p in plan.probleemstellingen if p.domein}
        parked = {g.domein for g in plan.geparkeerd}
        covered = [d for d in ref.domeinen if d in mine]
        missed = [d for d in ref.domeinen if d not in mine]
        extra = [d for d in version.domain_ids if d in mine and d not in ref.domeinen]
        line = f"Het referentieplan pakt {aantal(len(ref.domeinen), 'domein', 'domeinen')} aan: {names(ref.domeinen)}. "
        line += f"Jouw plan pakt er {len(covered)} van aan" + (f": {names(covered)}." if covered else ".")
        out.append(line)
        if missed:
            line = f"Niet in jouw plan: {names(missed)}."
            parked_missed = [d for d in missed if d in parked]
            if parked_missed:
                line += f" Daarvan heb jij {names(parked_missed)} bewust bij 'Wat nog even wacht' gezet."
            out.append(line)
        if extra:
            out.append(
                f"Jouw plan pakt ook {names(extra)} aan; het referentieplan niet. Bespreek of dat nu al nodig is."
            )
        for domain_id, reason in ref.geparkeerd.items():
            out.append(f"Het referentieplan laat {names([domain_id])} nog even liggen: {reason}")
    used = {o.stap for o in plan.oplossingen}
    out.append(f"Wmo-stappen in het referentieplan: {_steps(ref.wmo_stappen)}. In jouw plan: {_steps(used)}.")
    missing_steps = [s for s in ref.wmo_stappen if s not in used]
    extra_steps = [s for s in used if s not in ref.wmo_stappen]
    if missing_steps:
        out.append(f"Jij gebruikt (nog) niet: {_steps(missing_steps)}.")
    if extra_steps:
        out.append(f"Jij gebruikt ook {_steps(extra_steps)}; het referentieplan komt zonder uit.")
    out.append(
        f"Regisseur in het referentieplan: {ref.regisseur}. In jouw plan: {plan.regisseur.strip() or 'nog niemand'}."
    )
    return out


def status_counts(items: Iterable[Feedback]) -> dict[Status, int]:
    """How many rules have each status, in the order of :data:`STATUSSEN`.

    >>> status_counts([Feedback("a", "A", "let op", "x"), Feedback("b", "B", "let op", "y")])
    {'in orde': 0, 'let op': 2, 'ontbreekt': 0}
    """
    counts: dict[Status, int] = dict.fromkeys(STATUSSEN, 0)  # type: ignore[assignment]
    for item in items:
        counts[item.status] += 1
    return counts
