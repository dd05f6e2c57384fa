"""Calibration of a group on one casus: scores typed in quickly, agreement, and a discussion agenda.

A trainer copies each participant's scores from a flip-chart as one line, in the domain order of the
casus's ZRM version: ``"3 2 4 nvt 3 3 5 3 2 2 5"``. :func:`calibrate` turns the lines into assessments,
computes the agreement figures and orders the domains for the discussion (most disagreement first), each
with the reference level and its rationale.

Examples
--------
>>> from wijkteam_kit.zrm import load_version
>>> v = load_version("zrm2013")
>>> scores_from_line(v, "3 2 4 nvt 3 3 5 3 2 2 5")["huiselijke_relaties"] is None
True
>>> scores_from_line(v, "3 2 4")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wijkteam_kit.errors.ZrmError: Verwacht 11 niveaus (één per domein, in de volgorde Financiën, ...), kreeg er 3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.agreement import Agreement, DomainAgreement, rater_agreement
from wijkteam_kit.zrm.assessment import Assessment, parse_level
from wijkteam_kit.zrm.versions import ZrmVersion

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus


__all__ = [
    "AgendaItem",
    "Calibration",
    "calibrate",
    "calibrate_assessments",
    "score_line",
    "scores_from_line",
]


def scores_from_line(version: ZrmVersion, line: str) -> dict[str, int | None]:
    """One participant's levels from a line with one value per domain (1–5 or nvt), in version order."""
    values = line.replace(",", " ").replace(";", " ").split()
    if len(values) != len(version.domains):
        names = ", ".join(d.name for d in version.domains[:2])
        raise ZrmError(
            f"Verwacht {len(version.domains)} niveaus (één per domein, in de volgorde {names}, …), "
            f"kreeg er {len(values)}."
        )
    return {d.id: parse_level(v, d.id, d.name) for d, v in zip(version.domains, values, strict=True)}


def score_line(assessment: Assessment) -> str:
    """The assessment as one line for :func:`scores_from_line` (what a participant reads out to the trainer).

    >>> from wijkteam_kit.zrm import load_version
    >>> v = load_version("zrm2013")
    >>> score_line(Assessment.build(v, "c", "r", {"financien": 3, "justitie": 5}))
    '3 nvt nvt nvt nvt nvt nvt nvt nvt nvt 5'
    """
    return " ".join("nvt" if s.level is None else str(s.level) for s in assessment.scores.values())


@dataclass(frozen=True)
class AgendaItem:
    """One domain on the discussion agenda."""

    domain_id: str
    name: str
    levels: tuple[int | None, ...]
    exact: float | None
    reference: int | None
    rationale: str

    @property
    def spread_text(self) -> str:
        """E.g. ``'2× 2, 4× 3, 1× n.b.'``."""
        counts: dict[str, int] = {}
        for level in sorted(self.levels, key=lambda x: (x is None, x or 0)):
            key = "n.b." if level is None else str(level)
            counts[key] = counts.get(key, 0) + 1
        return ", ".join(f"{n}× {k}" for k, n in counts.items())


@dataclass(frozen=True)
class Calibration:
    """Everything a trainer shows after a calibration round."""

    casus: Casus
    assessments: tuple[Assessment, ...]
    agreement: Agreement
    agenda: tuple[AgendaItem, ...]


def calibrate(casus: Casus, lines: Mapping[str, str]) -> Calibration:
    """Participants' score lines (name → line) for ``casus`` → assessments, agreement and agenda.

    A line with a problem raises :class:`ZrmError` naming the participant.
    """
    version = casus.version()
    assessments = []
    for name, line in lines.items():
        try:
            scores = scores_from_line(version, line)
        except ZrmError as exc:
            raise ZrmError(f"Scores van {name!r}: {exc}") from None
        assessments.append(Assessment.build(version, casus.id, name, scores))
    if not assessments:
        raise ZrmError("Geen scores ingevuld: zet per deelnemer één regel met niveaus.")
    return calibrate_assessments(casus, assessments)


def calibrate_assessments(casus: Casus, assessments: Sequence[Assessment]) -> Calibration:
    """Assessments of ``casus`` (one per participant) → agreement and agenda, most disagreement first.

    Unlike :func:`calibrate` no assessments is fine: every figure is then None and the agenda lists the
    domains in version order with their reference level. Assessments must be of the casus and its version.

    >>> from wijkteam_kit.casus import load_library
    >>> casus = next(c for c in load_library() if c.id == "administratie-taal")
    >>> empty = calibrate_assessments(casus, [])
    >>> empty.agreement.exact, empty.agreement.n_raters, len(empty.agenda)
    (None, 0, 11)
    """
    version = casus.version()
    if assessments:
        agreement = rater_agreement(assessments)
    else:
        nobody = tuple(DomainAgreement(d, (), None, None) for d in version.domain_ids)
        agreement = Agreement(n_raters=0, exact=None, within_one=None, alpha=None, domains=nobody)
    reference = casus.reference_assessment()
    ordered = agreement.most_disagreement() + [d for d in agreement.domains if d.exact is None]
    agenda = tuple(
        AgendaItem(
            d.domain_id,
            version.domain(d.domain_id).name,
            d.levels,
            d.exact,
            reference.scores[d.domain_id].level,
            reference.scores[d.domain_id].note,
        )
        for d in ordered
    )
    return Calibration(casus, tuple(assessments), agreement, agenda)
