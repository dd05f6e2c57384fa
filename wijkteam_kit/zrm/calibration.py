"""Calibration of a group on one casus: scores typed in quickly, agreement, and a discussion agenda.

A trainer copies each participant's scores from a flip-chart as one line, in the domain order of the
casus's ZRM version: ``"3 2 4 nvt 3 3 5 3 2 2 5"``. :func:`calibrate` turns the lines into assessments,
computes the agreement figures and orders the domains for the discussion, each with the reference level and its
rationale.

The agenda ranks a domain by two things a trainer wants to discuss (:func:`agenda_priority`): disagreement
*inside* the group (``1 −`` the share of pairs with the same level) and the *systematic* distance of the whole
group from the reference (``|mean level − reference|``, in levels). A group that agrees on 3 where the reference
is 4 is a shared blind spot and comes high on the agenda, not at the bottom. Each item says which kind it is
(:attr:`AgendaItem.soort`): ``"oneens"`` (the group disagrees), ``"systematisch"`` (the group agrees but sits
away from the reference), ``"beide"``, or ``"eens"`` (the group agrees with the reference).

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
    "ONEENS_GRENS",
    "SOORT_TEKST",
    "SYSTEMATISCH_GRENS",
    "AgendaItem",
    "Calibration",
    "agenda_priority",
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


#: Disagreement (``1 − exact``) from this value on makes an item "oneens": fewer than half the pairs agree.
ONEENS_GRENS = 0.5
#: A group mean at least this many levels from the reference makes an item "systematisch".
SYSTEMATISCH_GRENS = 0.5

#: How each kind of agenda item is shown.
SOORT_TEKST: dict[str, str] = {
    "beide": "oneens én samen naast de referentie",
    "oneens": "de groep is het oneens",
    "systematisch": "de groep zit samen naast de referentie",
    "eens": "de groep en de referentie zijn het eens",
    "": "nog geen scores",
}


def _dutch(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


@dataclass(frozen=True)
class AgendaItem:
    """One domain on the discussion agenda (see the module docstring for the order and the kinds)."""

    domain_id: str
    name: str
    levels: tuple[int | None, ...]
    exact: float | None
    reference: int | None
    rationale: str

    @property
    def mean(self) -> float | None:
        """The group's mean level over those who scored the domain (None when nobody did)."""
        scored = [x for x in self.levels if x is not None]
        return sum(scored) / len(scored) if scored else None

    @property
    def offset(self) -> float | None:
        """``mean − reference`` in levels: negative when the group scores lower (None without both)."""
        return None if self.mean is None or self.reference is None else self.mean - self.reference

    @property
    def disagreement(self) -> float:
        """``1 − exact``: the share of pairs that gave different levels (0 with fewer than two scores)."""
        return 0.0 if self.exact is None else 1.0 - self.exact

    @property
    def priority(self) -> float:
        """The agenda order: :func:`agenda_priority` of this item."""
        return agenda_priority(self.disagreement, self.offset)

    @property
    def soort(self) -> str:
        """``"oneens"``, ``"systematisch"``, ``"beide"`` or ``"eens"`` (``""`` when nobody scored).

        >>> AgendaItem("adl", "ADL", (3, 3, 3), 1.0, 4, "").soort
        'systematisch'
        >>> AgendaItem("adl", "ADL", (2, 3, 4), 0.0, 3, "").soort, AgendaItem("adl", "ADL", (4, 4), 1.0, 4, "").soort
        ('oneens', 'eens')
        """
        if self.mean is None:
            return ""
        apart = self.disagreement >= ONEENS_GRENS
        off = self.offset is not None and abs(self.offset) >= SYSTEMATISCH_GRENS
        return "beide" if apart and off else "oneens" if apart else "systematisch" if off else "eens"

    @property
    def soort_text(self) -> str:
        """The kind in plain Dutch, with the distance when the group sits away from the reference.

        >>> AgendaItem("adl", "ADL", (3, 3, 3), 1.0, 4, "").soort_text
        'de groep zit samen naast de referentie (gemiddeld 3,0; referentie 4: 1,0 lager)'
        """
        text = SOORT_TEKST[self.soort]
        if self.soort in ("systematisch", "beide") and self.offset is not None and self.mean is not None:
            side = "lager" if self.offset < 0 else "hoger"
            text += (
                f" (gemiddeld {_dutch(self.mean)}; referentie {self.reference}: {_dutch(abs(self.offset))} {side})"
            )
        return text

    @property
    def spread_text(self) -> str:
        """E.g. ``'2× 2, 4× 3, 1× n.b.'``."""
        counts: dict[str, int] = {}
        for level in sorted(self.levels, key=lambda x: (x is None, x or 0)):
            key = "n.b." if level is None else str(level)
            counts[key] = counts.get(key, 0) + 1
        return ", ".join(f"{n}× {k}" for k, n in counts.items())


def agenda_priority(disagreement: float, offset: float | None) -> float:
    """How high a domain comes on the agenda: disagreement plus the systematic distance, each at most 1.

    One level of shared distance from the reference weighs as much as a group where no pair agrees.

    >>> agenda_priority(0.0, -1.0), agenda_priority(0.0, 0.0), agenda_priority(0.5, 0.5), agenda_priority(0.0, 3.0)
    (1.0, 0.0, 1.0, 1.0)
    """
    return disagreement + min(1.0, abs(offset or 0.0))


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
    """Assessments of ``casus`` (one per participant) → agreement and agenda, highest :func:`agenda_priority` first.

    Ties keep the order of the most disagreement (:meth:`Agreement.most_disagreement`); domains nobody scored
    come last, in version order.

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
    items = [
        AgendaItem(
            d.domain_id,
            version.domain(d.domain_id).name,
            d.levels,
            d.exact,
            reference.scores[d.domain_id].level,
            reference.scores[d.domain_id].note,
        )
        for d in ordered
    ]
    agenda = tuple(sorted(items, key=lambda item: (item.mean is None, -round(item.priority, 9))))
    return Calibration(casus, tuple(assessments), agreement, agenda)
