"""Round two of a calibration: whether the group converged after the discussion.

After a first round and a discussion the trainer opens a second round on the same casus. :func:`compare_rounds`
sets the two rounds side by side: Krippendorff's alpha before and after, per domain the spread (highest − lowest
level) and the mean distance to the reference, and per participant whether they moved toward the reference.

Examples
--------
A made-up group of three, two domains, reference Financiën 3 and ADL 3 (by hand):
round 1 Financiën 2, 4, 5 and ADL 3, 3, 4; round 2 Financiën 3, 3, 4 and ADL 3, 3, 3.

>>> from wijkteam_kit.zrm import Assessment, load_version
>>> v = load_version("zrm2013")
>>> def a(name, f, adl):
...     return Assessment.build(v, "c", name, {"financien": f, "adl": adl})
>>> ref = a("referentie", 3, 3)
>>> r = compare_rounds([a("An", 2, 3), a("Bo", 4, 3), a("Cor", 5, 4)],
...                    [a("An", 3, 3), a("Bo", 3, 3), a("Cor", 4, 3)], ref)
>>> fin = r.domain("financien")
>>> fin.spread_before, fin.spread_after, round(fin.distance_before, 3), round(fin.distance_after, 3)
(3, 1, 1.333, 0.333)
>>> [(p.name, p.before, p.after, p.direction) for p in r.participants]
[('An', 1, 0, 'naar de referentie'), ('Bo', 1, 0, 'naar de referentie'), ('Cor', 3, 1, 'naar de referentie')]
>>> r.alpha_after is None  # round 2: ADL all 3, Financiën 3, 3, 4 — alpha can be computed
False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.agreement import Agreement, rater_agreement
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.calibration_history import dutch_number

__all__ = ["DomainRounds", "ParticipantRounds", "RoundComparison", "compare_rounds"]


@dataclass(frozen=True)
class DomainRounds:
    """One domain in both rounds: spread and mean distance to the reference (None: too few levels)."""

    domain_id: str
    name: str
    reference: int | None
    spread_before: int | None
    spread_after: int | None
    distance_before: float | None
    distance_after: float | None

    @property
    def closer(self) -> bool | None:
        """Whether the group came closer to the reference in this domain (None when it cannot be said)."""
        if self.distance_before is None or self.distance_after is None:
            return None
        return self.distance_after < self.distance_before


@dataclass(frozen=True)
class ParticipantRounds:
    """One participant's total distance to the reference (sum over domains) in both rounds."""

    name: str
    before: int
    after: int

    @property
    def direction(self) -> str:
        """``'naar de referentie'``, ``'van de referentie af'`` or ``'gelijk gebleven'``."""
        if self.after < self.before:
            return "naar de referentie"
        return "van de referentie af" if self.after > self.before else "gelijk gebleven"


@dataclass(frozen=True)
class RoundComparison:
    """Both rounds of one casus, with the figures the dashboard and the hand-out show."""

    before: Agreement
    after: Agreement
    domains: tuple[DomainRounds, ...]
    participants: tuple[ParticipantRounds, ...]

    @property
    def alpha_before(self) -> float | None:
        """Krippendorff's alpha (ordinal) in round 1."""
        return self.before.alpha

    @property
    def alpha_after(self) -> float | None:
        """Krippendorff's alpha (ordinal) in round 2."""
        return self.after.alpha

    def domain(self, domain_id: str) -> DomainRounds:
        """The figures of one domain."""
        for d in self.domains:
            if d.domain_id == domain_id:
                return d
        raise ZrmError(f"Domein {domain_id!r} zit niet in deze vergelijking.")

    @property
    def n_moved_closer(self) -> int:
        """How many participants (in both rounds) moved toward the reference."""
        return sum(1 for p in self.participants if p.direction == "naar de referentie")

    def summary(self) -> str:
        """A Dutch sentence about the change in agreement."""

        def alpha(value: float | None) -> str:
            return "niet te berekenen" if value is None else dutch_number(value, 2)

        text = f"Krippendorffs alfa: ronde 1 {alpha(self.alpha_before)}, ronde 2 {alpha(self.alpha_after)}."
        if self.participants:
            text += (
                f" {self.n_moved_closer} van de {len(self.participants)} deelnemers kwamen dichter bij de "
                "referentie."
            )
        return text


def _distance(levels: Sequence[int | None], reference: int | None) -> float | None:
    scored = [v for v in levels if v is not None]
    if reference is None or not scored:
        return None
    return sum(abs(v - reference) for v in scored) / len(scored)


def _total_distance(own: Assessment, reference: Assessment) -> int:
    return sum(
        abs(own.scores[d].level - r.level)  # type: ignore[operator]
        for d, r in reference.scores.items()
        if r.level is not None and own.scores[d].level is not None
    )


def compare_rounds(
    before: Sequence[Assessment], after: Sequence[Assessment], reference: Assessment
) -> RoundComparison:
    """Round 1 and round 2 of one casus (assessments by rater), against the casus's reference.

    Participants are matched by rater name; only those who scored in both rounds are in ``participants``.
    Raises :class:`~wijkteam_kit.errors.ZrmError` when a round is empty.
    """
    if not before or not after:
        raise ZrmError("Voor een vergelijking zijn scores uit beide rondes nodig.")
    from wijkteam_kit.zrm.versions import load_version

    version = load_version(reference.version)
    agree_before, agree_after = rater_agreement(before), rater_agreement(after)
    by_id_before = {d.domain_id: d for d in agree_before.domains}
    by_id_after = {d.domain_id: d for d in agree_after.domains}
    domains = []
    for d in version.domains:
        ref = reference.scores[d.id].level
        b, a = by_id_before[d.id], by_id_after[d.id]
        domains.append(
            DomainRounds(
                d.id, d.name, ref, b.spread, a.spread, _distance(b.levels, ref), _distance(a.levels, ref)
            )
        )
    first = {x.rater: x for x in before}
    participants = tuple(
        ParticipantRounds(x.rater, _total_distance(first[x.rater], reference), _total_distance(x, reference))
        for x in after
        if x.rater in first
    )
    return RoundComparison(agree_before, agree_after, tuple(domains), participants)
