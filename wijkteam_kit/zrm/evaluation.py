"""The evaluation phase: a learner scores the later moment T1 and compares the change with the reference.

Both start from the casus's reference at T0. Per domain the learner's change (own T1 − reference T0) is set
against the reference's change (reference T1 − reference T0): up, down or the same. Where the direction differs
the feedback says so, with the reference's rationale at T1. The plan's target level (doelniveau) is shown with
T0 and T1. The learner also answers the method's evaluation questions; their answers on self-sufficiency and
participation are compared with the reference's.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> casus = next(c for c in load_library() if c.id == "administratie-taal")
>>> own = casus.t1_assessment()  # scoring T1 exactly like the reference
>>> ev = evaluate(casus, own, EvaluationAnswers("ja", "goed", "gestegen", "gestegen", "veel"))
>>> ev.n_direction_differs, ev.self_sufficiency_matches
(0, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.participatieladder import rung_change

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus
    from wijkteam_kit.plan.model import Plan

__all__ = ["DIRECTIONS", "DomainEvaluation", "Evaluation", "EvaluationAnswers", "direction", "evaluate"]

DIRECTIONS = ("gestegen", "gedaald", "gelijk")
_ARROW = {"gestegen": "↑", "gedaald": "↓", "gelijk": "=", "onbekend": "?"}


def direction(before: int | None, after: int | None) -> str:
    """``'gestegen'``, ``'gedaald'``, ``'gelijk'`` or ``'onbekend'`` (one of the two not scored).

    >>> direction(2, 3), direction(3, 3), direction(4, 2), direction(None, 3)
    ('gestegen', 'gelijk', 'gedaald', 'onbekend')
    """
    if before is None or after is None:
        return "onbekend"
    return "gestegen" if after > before else "gedaald" if after < before else "gelijk"


@dataclass(frozen=True)
class EvaluationAnswers:
    """The learner's answers to the evaluation questions (directions: gestegen, gedaald or gelijk)."""

    vraag_beantwoord: str
    proces: str
    zelfredzaamheid: str
    participatie: str
    leerpunten: str

    def __post_init__(self) -> None:
        for name in ("zelfredzaamheid", "participatie"):
            if getattr(self, name) not in DIRECTIONS:
                raise ZrmError(f"Evaluatievraag {name}: kies gestegen, gedaald of gelijk.")


@dataclass(frozen=True)
class DomainEvaluation:
    """One domain: reference T0, the plan's target, the learner's T1 and the reference T1."""

    domain_id: str
    name: str
    t0: int | None
    target: int | None
    own_t1: int | None
    reference_t1: int | None
    rationale: str

    @property
    def own_direction(self) -> str:
        """How the learner sees the change from T0."""
        return direction(self.t0, self.own_t1)

    @property
    def reference_direction(self) -> str:
        """How the reference sees the change from T0."""
        return direction(self.t0, self.reference_t1)

    @property
    def differs(self) -> bool:
        """Whether the learner sees another direction than the reference."""
        return self.own_direction != self.reference_direction

    @property
    def target_reached(self) -> bool | None:
        """Whether the reference T1 reaches the plan's target (None without a target)."""
        if self.target is None or self.reference_t1 is None:
            return None
        return self.reference_t1 >= self.target

    @property
    def feedback(self) -> str:
        """A Dutch sentence for a domain where the directions differ ('' where they agree)."""
        if not self.differs:
            return ""
        own = "niet gescoord" if self.own_t1 is None else f"{self.own_direction} ({self.t0} → {self.own_t1})"
        ref = f"{self.reference_direction} ({self.t0} → {self.reference_t1})"
        return f"{self.name}: jij ziet {own}, de referentie {ref}. {self.rationale}".strip()

    @property
    def arrows(self) -> tuple[str, str]:
        """The learner's and the reference's direction as arrows (↑ ↓ =)."""
        return _ARROW[self.own_direction], _ARROW[self.reference_direction]


@dataclass(frozen=True)
class Evaluation:
    """The whole evaluation of one learner on one casus."""

    casus_titel: str
    domains: tuple[DomainEvaluation, ...]
    ladder_t0: int
    ladder_own: int | None
    ladder_reference: int | None
    ladder_note: str
    answers: EvaluationAnswers
    reference_self_sufficiency: str
    reference_participation: str

    @property
    def n_direction_differs(self) -> int:
        """Domains where the learner sees another direction than the reference."""
        return sum(1 for d in self.domains if d.differs)

    @property
    def ladder_direction(self) -> tuple[str, str | None]:
        """The learner's and the reference's move on the ladder (reference None when it gives no rung)."""
        own = rung_change(self.ladder_t0, self.ladder_own)[0]
        ref = None if self.ladder_reference is None else rung_change(self.ladder_t0, self.ladder_reference)[0]
        return own, ref

    @property
    def self_sufficiency_matches(self) -> bool:
        """Whether the learner's answer on self-sufficiency is the reference's."""
        return self.answers.zelfredzaamheid == self.reference_self_sufficiency

    @property
    def participation_matches(self) -> bool:
        """Whether the learner's answer on participation is the reference's."""
        return self.answers.participatie == self.reference_participation

    def feedback(self) -> list[str]:
        """Every point where the learner's change differs from the reference, in Dutch."""
        out = [d.feedback for d in self.domains if d.differs]
        own, ref = self.ladder_direction
        if ref is not None and own != ref:
            out.append(
                f"Participatieladder: jij ziet {own} (trede {self.ladder_t0} → {self.ladder_own or '–'}), de "
                f"referentie {ref} (trede {self.ladder_t0} → {self.ladder_reference}). {self.ladder_note}".strip()
            )
        if not self.self_sufficiency_matches:
            out.append(
                f"Zelfredzaamheid: jij antwoordde '{self.answers.zelfredzaamheid}', de referentie "
                f"'{self.reference_self_sufficiency}'. Kijk naar de domeinen hierboven samen."
            )
        if not self.participation_matches:
            out.append(
                f"Participatie: jij antwoordde '{self.answers.participatie}', de referentie "
                f"'{self.reference_participation}'."
            )
        return out

    def summary(self) -> str:
        """One Dutch sentence about the whole evaluation."""
        n = len([d for d in self.domains if d.reference_direction != "onbekend"])
        same = n - sum(1 for d in self.domains if d.differs and d.reference_direction != "onbekend")
        return (
            f"Bij {same} van de {n} domeinen zie je dezelfde verandering als de referentie "
            f"({len(self.feedback())} punt{'en' if len(self.feedback()) != 1 else ''} om te bespreken)."
        )


def evaluate(
    casus: Casus, own_t1: Assessment, answers: EvaluationAnswers, *, plan: Plan | None = None
) -> Evaluation:
    """The learner's T1 scores and answers against the casus's T0 and T1 reference.

    The target levels come from ``plan`` (the learner's own plan) when it sets any, else from the casus's
    reference plan (``t1.doelniveaus``). Raises :class:`ZrmError` when the casus has no T1 or the scores use
    another ZRM version.
    """
    if casus.t1 is None:
        raise ZrmError(f"Casus {casus.titel!r} heeft (nog) geen later moment T1 om te evalueren.")
    t0, t1 = casus.reference_assessment(), casus.t1_assessment()
    assert t1 is not None
    if own_t1.version != t0.version:
        raise ZrmError(f"Je scores gebruiken {own_t1.version}, de casus {t0.version}; zet ze eerst om.")
    version = casus.version()
    targets = plan.doelniveaus if plan is not None and plan.doelniveaus else casus.t1.doelniveaus
    domains = tuple(
        DomainEvaluation(
            d.id,
            d.name,
            t0.scores[d.id].level,
            targets.get(d.id),
            own_t1.scores[d.id].level,
            t1.scores[d.id].level,
            t1.scores[d.id].note,
        )
        for d in version.domains
    )
    ladder = casus.t1.participatieladder
    return Evaluation(
        casus.titel,
        domains,
        int(casus.participatieladder.trede),
        own_t1.ladder,
        None if ladder is None else int(ladder.trede),
        "" if ladder is None else ladder.toelichting,
        answers,
        casus.t1.evaluatie.zelfredzaamheid,
        casus.t1.evaluatie.participatie,
    )
