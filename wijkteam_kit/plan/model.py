"""Plan van Aanpak: the household's own plan, as plain data with a JSON payload for the store.

A plan has probleemstellingen (each with a ZRM domain and level), doelstellingen (linked to problems),
resultaten (linked to a goal), oplossingen (each tagged with a step of the Wmo order), acties (wie, wat,
wanneer), krachten, earlier help and its result, a regisseur, a plan date and an evaluation date. Domains
at level 1–2 that the plan leaves for later go in ``geparkeerd`` with a reason.

Numbers in links and in error paths count from 1, as the app shows them ("Probleem 1", "Doel 2"):
``doelstellingen[2].tekst`` is the text of the second goal, ``problemen: [1]`` links a goal to the first
problem. Every error is a :class:`PlanError` listing all problems in Dutch; the feedback rules
(:mod:`wijkteam_kit.plan.regels`) judge the quality of a *valid* plan.

Examples
--------
>>> plan = Plan(
...     casus_id="mantelzorg-dementie",
...     zrm_versie="zrm2013",
...     krachten=["Wij zijn erg op elkaar gesteld"],
...     probleemstellingen=[{"tekst": "Ik ben zo moe", "domein": "geestelijke_gezondheid", "niveau": 3}],
...     doelstellingen=[{"tekst": "Ik wil weer op dinsdag naar het koor", "problemen": [1]}],
...     resultaten=[{"tekst": "Over zes weken zing ik elke dinsdag mee", "doel": 1}],
...     oplossingen=[{"tekst": "Ans komt op dinsdagmiddag bij Henk", "stap": "sociaal_netwerk"}],
...     acties=[{"wie": "Gerda", "wat": "Ans bellen", "wanneer": "deze week"}],
...     regisseur="Gerda",
...     datum="2026-03-02",
...     evaluatiedatum="2026-06-01",
... )
>>> plan.doelstellingen[0].problemen, plan.evaluatiedatum
((1,), datetime.date(2026, 6, 1))
>>> Plan.from_payload(plan.to_payload()) == plan
True
>>> Plan(doelstellingen=[{"tekst": "Ik wil zingen"}, {"tekst": "  "}])
Traceback (most recent call last):
...
wijkteam_kit.errors.PlanError: veld doelstellingen[2].tekst: mag niet leeg zijn
>>> Plan(probleemstellingen=[{"tekst": "Ik heb schulden", "domein": "financein"}])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wijkteam_kit.errors.PlanError: veld probleemstellingen[1].domein: Onbekend domein 'financein' ... Bedoelde u 'financien'? ...
>>> Plan(oplossingen=[{"tekst": "Dagopvang voor Henk", "stap": ""}])  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
wijkteam_kit.errors.PlanError: veld oplossingen[1].stap: Oplossing 1 ('Dagopvang voor Henk'): kies bij welke stap
hij hoort: eigen kracht, sociaal netwerk, steun voor de mantelzorger, algemene / voorliggende voorziening of
maatwerkvoorziening.
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ConfigDict, Field, ValidationError, field_validator

from wijkteam_kit._basis.nederlands import aantal
from wijkteam_kit._basis.schema import StrictModel, Text, describe_value, error_message
from wijkteam_kit._basis.yamlsource import format_path
from wijkteam_kit.errors import PlanError, Problem, ZrmError
from wijkteam_kit.privacy import privacy_message
from wijkteam_kit.zrm.versions import ZrmVersion, load_version, unknown_domain_message

if TYPE_CHECKING:
    from wijkteam_kit.store.schema import Deelnemer, Inzending
    from wijkteam_kit.store.store import Store

__all__ = [
    "SOORT",
    "WMO_LABELS",
    "WMO_STAPPEN",
    "Actie",
    "BewaardPlan",
    "Doel",
    "Geparkeerd",
    "Oplossing",
    "Plan",
    "Probleem",
    "Resultaat",
    "WmoStap",
    "bewaar_plan",
    "bewaarde_plannen",
    "deelnemer_voor",
]

log = logging.getLogger("wijkteam_kit.plan")

#: Submission kind of a plan in the :class:`~wijkteam_kit.store.Store`.
SOORT = "plan"

WmoStap = Literal[
    "eigen_kracht", "sociaal_netwerk", "steun_mantelzorger", "algemene_voorziening", "maatwerkvoorziening"
]
#: The steps of the Wmo order (art. 2.3.2), lightest first: look at each step before the next.
WMO_STAPPEN: tuple[str, ...] = (
    "eigen_kracht",
    "sociaal_netwerk",
    "steun_mantelzorger",
    "algemene_voorziening",
    "maatwerkvoorziening",
)
#: How each step is shown to users.
WMO_LABELS: dict[str, str] = {
    "eigen_kracht": "Eigen kracht",
    "sociaal_netwerk": "Sociaal netwerk",
    "steun_mantelzorger": "Steun voor de mantelzorger",
    "algemene_voorziening": "Algemene / voorliggende voorziening",
    "maatwerkvoorziening": "Maatwerkvoorziening",
}



class _Model(StrictModel):
    model_config = ConfigDict(str_strip_whitespace=True)


def _empty_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


class Probleem(_Model):
    """A problem in the household's own words, with the ZRM domain and level it belongs to."""

    tekst: Text
    domein: str | None = None
    niveau: int | None = Field(default=None, ge=1, le=5)

    _blank = field_validator("domein", "niveau", mode="before")(_empty_to_none)


class Doel(_Model):
    """A goal; ``problemen`` are the numbers (from 1) of the problems it answers."""

    tekst: Text
    problemen: tuple[int, ...] = ()


class Resultaat(_Model):
    """A checkable result; ``doel`` is the number (from 1) of the goal it shows."""

    tekst: Text
    doel: int | None = None

    _blank = field_validator("doel", mode="before")(_empty_to_none)


class Oplossing(_Model):
    """A way to reach the goals, tagged with its step of the Wmo order."""

    tekst: Text
    stap: WmoStap


class Actie(_Model):
    """Who does what, and when. Empty parts are allowed here; the feedback names them."""

    wie: str = ""
    wat: str = ""
    wanneer: str = ""


class Geparkeerd(_Model):
    """A domain the plan deliberately leaves for later, with the reason."""

    domein: Text
    reden: Text


class Plan(_Model):
    """A Plan van Aanpak; build it with keywords or :meth:`from_payload` (both raise :class:`PlanError`)."""

    schema_versie: Literal[1] = 1
    casus_id: str | None = None
    zrm_versie: str = "zrm2013"
    huishouden: str = ""
    vraag: str = ""
    datum: dt.date | None = None
    krachten: tuple[Text, ...] = ()
    probleemstellingen: tuple[Probleem, ...] = ()
    doelstellingen: tuple[Doel, ...] = ()
    resultaten: tuple[Resultaat, ...] = ()
    oplossingen: tuple[Oplossing, ...] = ()
    acties: tuple[Actie, ...] = ()
    geparkeerd: tuple[Geparkeerd, ...] = ()
    regisseur: str = ""
    evaluatiedatum: dt.date | None = None
    eerdere_hulp: str = ""
    resultaat_eerdere_hulp: str = ""
    #: The target level per ZRM domain (domain id: 1–5) the plan aims for by the evaluation.
    doelniveaus: dict[str, int] = Field(default_factory=dict)

    _blank = field_validator("datum", "evaluatiedatum", "casus_id", mode="before")(_empty_to_none)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise PlanError([_problem(err, data) for err in exc.errors()]) from None
        problems = _link_problems(self) + _domain_problems(self)
        if problems:
            raise PlanError(problems)

    # ------------------------------------------------------------------ payload
    def to_payload(self) -> dict[str, Any]:
        """The plan as a JSON-ready dict (dates as ``'2026-03-02'``)."""
        return self.model_dump(mode="json")

    @classmethod
    def from_payload(cls, payload: object) -> Plan:
        """A plan from :meth:`to_payload` output (or any dict of the same shape)."""
        if not isinstance(payload, dict):
            raise PlanError([Problem("", f"verwacht een groep velden, kreeg {describe_value(payload)}")])
        return cls(**payload)

    # ------------------------------------------------------------------ helpers
    def version(self) -> ZrmVersion:
        """The ZRM version of the domains in this plan."""
        return load_version(self.zrm_versie)

    def target(self, domain_id: str) -> int | None:
        """The target level (doelniveau) the plan sets for a domain, or None.

        >>> Plan(doelniveaus={"financien": 4}).target("financien"), Plan().target("adl")
        (4, None)
        >>> Plan(doelniveaus={"financien": 7})
        Traceback (most recent call last):
        ...
        wijkteam_kit.errors.PlanError: veld doelniveaus.financien: een doelniveau is een heel getal van 1 t/m 5, kreeg 7
        """
        return self.doelniveaus.get(domain_id)

    def domain_name(self, domain_id: str) -> str:
        """Readable name of a domain id (the id itself when unknown)."""
        try:
            return self.version().domain(domain_id).name
        except ZrmError:
            return domain_id

    def texts(self) -> list[tuple[str, str]]:
        """Every text meant for the household, as ``(waar, tekst)`` pairs (for jargon and privacy checks)."""
        out: list[tuple[str, str]] = [("vraag", self.vraag)] if self.vraag else []
        out += [(f"krachten[{i}]", t) for i, t in enumerate(self.krachten, 1)]
        for name in ("probleemstellingen", "doelstellingen", "resultaten", "oplossingen"):
            out += [(f"{name}[{i}]", item.tekst) for i, item in enumerate(getattr(self, name), 1)]
        out += [(f"acties[{i}].wat", a.wat) for i, a in enumerate(self.acties, 1) if a.wat]
        out += [(f"geparkeerd[{i}]", g.reden) for i, g in enumerate(self.geparkeerd, 1)]
        out += [(name, getattr(self, name)) for name in ("eerdere_hulp", "resultaat_eerdere_hulp")]
        return [(w, t) for w, t in out if t]

    def privacy_warning(self) -> str:
        """A friendly warning when a text looks like a real BSN or phone number, else ``''``."""
        return privacy_message("\n".join(t for _, t in self.texts()) + f"\n{self.regisseur}")


# ---------------------------------------------------------------------- validation helpers
def _no_step_message(number: int, data: dict[str, Any]) -> str:
    """Plain Dutch for a solution without a Wmo step, naming the solution and the five steps."""
    solutions = data.get("oplossingen")
    item = solutions[number - 1] if isinstance(solutions, list | tuple) and len(solutions) >= number else None
    text = " ".join(str(item.get("tekst") or "").split()) if isinstance(item, dict) else ""
    shown = f" ('{text if len(text) <= 60 else text[:58].rstrip() + ' …'}')" if text else ""
    labels = [WMO_LABELS[s].lower() for s in WMO_STAPPEN]
    return (
        f"Oplossing {number}{shown}: kies bij welke stap hij hoort: {', '.join(labels[:-1])} of {labels[-1]}."
    )


def _problem(err: Any, data: dict[str, Any] | None = None) -> Problem:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal["))))
    shown = tuple(p + 1 if isinstance(p, int) else p for p in loc)
    no_step = err["type"] == "missing" or err.get("input") in (None, "")
    if len(shown) == 3 and shown[0] == "oplossingen" and shown[2] == "stap" and no_step:
        message = _no_step_message(int(shown[1]), data or {})
    elif err["type"].startswith("date"):
        message = f"verwacht een datum (jjjj-mm-dd), kreeg {describe_value(err.get('input'))}"
    elif err["type"] == "unexpected_keyword_argument":
        message = "onbekend veld"
    else:
        message = error_message(err, Plan, loc)
    return Problem(format_path(shown), message)


def _link_problems(plan: Plan) -> list[Problem]:
    problems = []
    n_problems, n_goals = len(plan.probleemstellingen), len(plan.doelstellingen)
    for i, goal in enumerate(plan.doelstellingen, 1):
        for number in goal.problemen:
            if not 1 <= number <= n_problems:
                problems.append(
                    Problem(
                        f"doelstellingen[{i}].problemen",
                        f"probleem {number} bestaat niet; het plan heeft "
                        f"{aantal(n_problems, 'probleemstelling', 'probleemstellingen')}",
                    )
                )
    for i, result in enumerate(plan.resultaten, 1):
        if result.doel is not None and not 1 <= result.doel <= n_goals:
            problems.append(
                Problem(
                    f"resultaten[{i}].doel",
                    f"doel {result.doel} bestaat niet; het plan heeft "
                    f"{aantal(n_goals, 'doelstelling', 'doelstellingen')}",
                )
            )
    return problems


def _domain_problems(plan: Plan) -> list[Problem]:
    try:
        version = plan.version()
    except ZrmError as exc:
        return [Problem("zrm_versie", str(exc))]
    problems = []
    for domain_id, level in plan.doelniveaus.items():
        if domain_id not in version.domain_ids:
            problems.append(Problem(f"doelniveaus.{domain_id}", unknown_domain_message(version, domain_id)))
        elif isinstance(level, bool) or level not in range(1, 6):
            problems.append(
                Problem(f"doelniveaus.{domain_id}", f"een doelniveau is een heel getal van 1 t/m 5, kreeg {level!r}")
            )
    for name, items in (("probleemstellingen", plan.probleemstellingen), ("geparkeerd", plan.geparkeerd)):
        for i, item in enumerate(items, 1):
            if item.domein is not None and item.domein not in version.domain_ids:
                problems.append(Problem(f"{name}[{i}].domein", unknown_domain_message(version, item.domein)))
    return problems


# ---------------------------------------------------------------------- the store
@dataclass(frozen=True)
class BewaardPlan:
    """A plan saved in the store, with its submission id, the name it was saved under and when."""

    id: str
    titel: str
    plan: Plan
    bijgewerkt: str


def deelnemer_voor(store: Store, weergavenaam: str) -> Deelnemer:
    """The participant without a team with this display name (case and spaces ignored), or a new one.

    >>> from wijkteam_kit.store import Store
    >>> store = Store(":memory:")
    >>> deelnemer_voor(store, "Kim").id == deelnemer_voor(store, " kim ").id
    True
    """
    wanted = " ".join(str(weergavenaam).split()).casefold()
    for person in reversed(store.participants()):
        if person.team is None and person.weergavenaam.casefold() == wanted:
            return person
    return store.add_participant(weergavenaam)


def bewaar_plan(
    store: Store, deelnemer_id: str, titel: str, plan: Plan, *, inzending_id: str | None = None
) -> Inzending:
    """Save ``plan`` under ``titel`` (soort :data:`SOORT`); with ``inzending_id`` the saved plan is replaced.

    The payload is ``{"titel": titel, "plan": plan.to_payload()}``.

    >>> from wijkteam_kit.store import Store
    >>> store = Store(":memory:")
    >>> kim = deelnemer_voor(store, "Kim")
    >>> saved = bewaar_plan(store, kim.id, "Plan voor Gerda", Plan(regisseur="Gerda"))
    >>> again = bewaar_plan(store, kim.id, "Plan voor Gerda", Plan(regisseur="Ans"), inzending_id=saved.id)
    >>> [(b.titel, b.plan.regisseur) for b in bewaarde_plannen(store, kim.id)]
    [('Plan voor Gerda', 'Ans')]
    """
    name = " ".join(str(titel).split())
    if not name:
        raise PlanError([Problem("titel", "geef het plan een naam, zodat je het later terugvindt")])
    payload = {"titel": name, "plan": plan.to_payload()}
    if inzending_id is not None:
        return store.update_submission(inzending_id, payload)
    return store.submit(SOORT, deelnemer_id, payload)


def bewaarde_plannen(store: Store, deelnemer_id: str) -> list[BewaardPlan]:
    """The participant's saved plans, most recently changed first; unreadable payloads are skipped and logged."""
    out = []
    for item in store.submissions(SOORT, deelnemer_id=deelnemer_id):
        try:
            plan = Plan.from_payload(item.payload.get("plan"))
        except PlanError as exc:
            log.warning("Bewaard plan %s overgeslagen: %s", item.id, exc)
            continue
        out.append(BewaardPlan(item.id, str(item.payload.get("titel") or "plan"), plan, item.bijgewerkt))
    return sorted(out, key=lambda b: (b.bijgewerkt, b.id), reverse=True)
