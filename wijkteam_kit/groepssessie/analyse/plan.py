"""Group analysis of a plan session: which Wmo steps and ZRM domains the plans use, and the common feedback.

Every answer is the payload of :meth:`wijkteam_kit.plan.Plan.to_payload` (or ``{"titel", "plan": …}`` as the
plan app saves it). :func:`plan_groep` counts, over all readable plans, how many plans use each step of the
Wmo order and address each ZRM domain, which feedback rules (:mod:`wijkteam_kit.plan.regels`) most plans do
not yet meet, and how many plans cover each domain and step of the casus's reference plan.

Examples
--------
>>> import datetime as dt
>>> from wijkteam_kit.casus import load_library
>>> from wijkteam_kit.plan import Plan
>>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
>>> a = Plan(oplossingen=[{"tekst": "Ans komt op dinsdag", "stap": "sociaal_netwerk"}])
>>> b = Plan(oplossingen=[{"tekst": "Dagopvang", "stap": "maatwerkvoorziening"},
...                       {"tekst": "Ik vraag Erik", "stap": "sociaal_netwerk"}])
>>> groep = plan_groep(casus, [("Ans", a.to_payload()), ("Bo", b.to_payload())], today=dt.date(2026, 3, 2))
>>> groep.step_counts["sociaal_netwerk"], groep.step_counts["maatwerkvoorziening"], groep.step_counts["eigen_kracht"]
(2, 1, 0)
>>> groep.common_feedback[0].aantal
2
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.groepssessie.analyse.zrm import READ_ERRORS, unreadable_reason
from wijkteam_kit.plan.model import WMO_LABELS, WMO_STAPPEN, Plan
from wijkteam_kit.plan.regels import REGELS, feedback, vergelijk_met_referentie

__all__ = ["FeedbackTelling", "PlanGroep", "PlanRij", "plan_from_answer", "plan_groep"]


class FeedbackTelling(NamedTuple):
    """A feedback rule that plans do not meet yet: its title, in how many plans, and one example reason."""

    titel: str
    aantal: int
    voorbeeld: str


@dataclass(frozen=True)
class PlanRij:
    """One participant's plan in short: Wmo steps and domains used (in the kit's order), feedback points."""

    naam: str
    stappen: tuple[str, ...]
    domeinen: tuple[str, ...]
    feedbackpunten: int
    vergelijking: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanGroep:
    """The plans of a group, compared.

    Attributes
    ----------
    per_plan : tuple of PlanRij
        One row per readable plan, in the order given.
    step_counts : dict
        Per step of :data:`~wijkteam_kit.plan.WMO_STAPPEN` (in that order): the number of plans that use it.
    domain_counts : dict
        Per domain of the casus's ZRM version (in its order): the number of plans with a problem there.
    common_feedback : tuple of FeedbackTelling
        Rules with status "let op" or "ontbreekt", most plans first (ties in the order of the rules).
    referentie_domeinen, referentie_stappen : tuple of (id, count)
        Per domain / Wmo step of the reference plan: how many plans cover it (empty without a reference plan).
    overgeslagen : tuple of (name, reason)
        Answers that could not be read.
    """

    casus: Casus
    per_plan: tuple[PlanRij, ...]
    step_counts: dict[str, int]
    domain_counts: dict[str, int]
    common_feedback: tuple[FeedbackTelling, ...]
    referentie_domeinen: tuple[tuple[str, int], ...] = ()
    referentie_stappen: tuple[tuple[str, int], ...] = ()
    overgeslagen: tuple[tuple[str, str], ...] = ()

    @property
    def namen(self) -> tuple[str, ...]:
        """Display names of the readable plans."""
        return tuple(r.naam for r in self.per_plan)

    @property
    def n_antwoorden(self) -> int:
        """All answers, readable or not."""
        return len(self.per_plan) + len(self.overgeslagen)

    @property
    def melding(self) -> str:
        """A plain Dutch sentence on how many plans are compared."""
        n = len(self.per_plan)
        if n == 0:
            return "Er zijn nog geen leesbare plannen: zodra deelnemers inleveren, verschijnt hier de groep."
        return "Eén plan ingeleverd." if n == 1 else f"{n} plannen ingeleverd."

    def domain_name(self, domain_id: str) -> str:
        """Readable name of a domain of the casus's version (the id itself when unknown)."""
        version = self.casus.version()
        return version.domain(domain_id).name if domain_id in version.domain_ids else domain_id

    @staticmethod
    def step_label(step: str) -> str:
        """Readable label of a Wmo step."""
        return WMO_LABELS.get(step, step)


def plan_from_answer(payload: object) -> Plan:
    """The plan in a session answer: a :meth:`Plan.to_payload` dict, or the plan app's ``{"titel", "plan"}``.

    >>> plan_from_answer({"titel": "Mijn plan", "plan": {"regisseur": "Gerda"}}).regisseur
    'Gerda'
    """
    if isinstance(payload, Mapping) and isinstance(payload.get("plan"), Mapping):
        payload = payload["plan"]
    return Plan.from_payload(dict(payload) if isinstance(payload, Mapping) else payload)


def _row(name: str, plan: Plan, casus: Casus, today: dt.date) -> tuple[PlanRij, list[Any]]:
    used = {o.stap for o in plan.oplossingen}
    mine = {p.domein for p in plan.probleemstellingen if p.domein}
    order = list(plan.version().domain_ids)
    domains = tuple(d for d in order if d in mine)
    problems = [f for f in feedback(plan, casus, today) if not f.in_orde]
    comparison = tuple(vergelijk_met_referentie(plan, casus)) if casus.referentieplan is not None else ()
    row = PlanRij(name, tuple(s for s in WMO_STAPPEN if s in used), domains, len(problems), comparison)
    return row, problems


def plan_groep(
    casus: Casus, answers: Sequence[tuple[str, Any]], *, today: dt.date | None = None
) -> PlanGroep:
    """The group picture of plan answers ``(display name, payload)`` on ``casus``.

    ``today`` is the date the feedback rules judge dates against (default: the real date). A plan written
    for another casus (its ``casus_id`` differs) is skipped with a reason.
    """
    day = today or dt.date.today()
    version = casus.version()
    rows: list[PlanRij] = []
    skipped: list[tuple[str, str]] = []
    same_version: list[PlanRij] = []
    hits: dict[str, list[Any]] = {}
    for name, payload in answers:
        try:
            plan = plan_from_answer(payload)
            if plan.casus_id not in (None, casus.id):
                skipped.append((str(name), f"Dit plan hoort bij een andere casus ({plan.casus_id!r})."))
                continue
            row, problems = _row(str(name), plan, casus, day)
        except READ_ERRORS as exc:
            skipped.append((str(name), unreadable_reason(exc)))
            continue
        rows.append(row)
        if plan.zrm_versie == version.id:
            same_version.append(row)
        for item in problems:
            hits.setdefault(item.regel, []).append(item)
    step_counts = {s: sum(s in r.stappen for r in rows) for s in WMO_STAPPEN}
    domain_counts = {d: sum(d in r.domeinen for r in same_version) for d in version.domain_ids}
    rule_order = {rule: i for i, rule in enumerate(REGELS)}
    ranked = sorted(hits.items(), key=lambda kv: (-len(kv[1]), rule_order.get(kv[0], len(rule_order))))
    common = tuple(FeedbackTelling(items[0].titel, len(items), items[0].uitleg) for _, items in ranked)
    ref = casus.referentieplan
    ref_domains = tuple((d, domain_counts.get(d, 0)) for d in ref.domeinen) if ref else ()
    ref_steps = tuple((s, step_counts.get(s, 0)) for s in ref.wmo_stappen) if ref else ()
    return PlanGroep(
        casus=casus,
        per_plan=tuple(rows),
        step_counts=step_counts,
        domain_counts=domain_counts,
        common_feedback=common,
        referentie_domeinen=ref_domains,
        referentie_stappen=ref_steps,
        overgeslagen=tuple(skipped),
    )
