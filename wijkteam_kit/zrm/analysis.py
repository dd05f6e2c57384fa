"""Read one assessment (profile summary) or two (comparison between measurements, or against a reference).

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, load_version
>>> v = load_version("zrm2013")
>>> t0 = Assessment.build(v, "demo", "Sanne", {"financien": 2, "adl": 3, "justitie": 5, "verslaving": "nvt"})
>>> s = summarize(t0, v)
>>> [d.domain_id for d in s.concerns], round(s.mean, 2), s.n_scored, s.n_unscored
(['financien'], 3.33, 3, 8)
>>> t1 = Assessment.build(v, "demo", "Sanne", {"financien": 3, "adl": 3, "justitie": 4})
>>> [(c.domain_id, c.direction, c.delta) for c in compare(t0, t1)[:3]]
[('financien', 'gestegen', 1), ('dagbesteding', 'onbekend', None), ('huisvesting', 'onbekend', None)]
"""

from __future__ import annotations

from dataclasses import dataclass

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.versions import ZrmVersion

__all__ = ["DomainChange", "DomainLine", "ProfileSummary", "compare", "differences", "summarize"]


@dataclass(frozen=True)
class DomainLine:
    """One domain in a summary."""

    domain_id: str
    name: str
    level: int | None
    label: str


@dataclass(frozen=True)
class ProfileSummary:
    """A profile read at a glance: concerns first, then the rest, and the mean over scored domains."""

    lines: tuple[DomainLine, ...]
    mean: float | None
    n_scored: int
    n_unscored: int

    @property
    def concerns(self) -> tuple[DomainLine, ...]:
        """Domains at level 1 or 2 (acute or not self-sufficient)."""
        return tuple(line for line in self.lines if line.level is not None and line.level <= 2)


def summarize(assessment: Assessment, version: ZrmVersion) -> ProfileSummary:
    """Domains ordered with 1–2 first (lowest first), then the others in version order, unscored last.

    The mean is taken over scored domains only ("niet besproken" is left out); None if none is scored.
    """
    _check_same_version(assessment, version)
    order = {d: i for i, d in enumerate(version.domain_ids)}

    def key(domain_id: str) -> tuple[int, int, int]:
        level = assessment.scores[domain_id].level
        if level is None:
            return (2, 0, order[domain_id])
        return (0, level, order[domain_id]) if level <= 2 else (1, 0, order[domain_id])

    lines = tuple(
        DomainLine(
            d, version.domain(d).name, assessment.scores[d].level, version.label(assessment.scores[d].level)
        )
        for d in sorted(version.domain_ids, key=key)
    )
    scored = [line.level for line in lines if line.level is not None]
    mean = sum(scored) / len(scored) if scored else None
    return ProfileSummary(lines, mean, len(scored), len(lines) - len(scored))


@dataclass(frozen=True)
class DomainChange:
    """Change of one domain between two measurements (or between a rater and the reference)."""

    domain_id: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        """After − before, or None when either is not scored."""
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def direction(self) -> str:
        """'gestegen', 'gedaald', 'gelijk' or 'onbekend' (one of the two not scored)."""
        if self.delta is None:
            return "onbekend"
        return "gestegen" if self.delta > 0 else "gedaald" if self.delta < 0 else "gelijk"


def _check_same_version(*items: Assessment | ZrmVersion) -> None:
    ids = {getattr(i, "version", None) if isinstance(i, Assessment) else i.id for i in items}
    if len(ids) > 1:
        raise ZrmError(
            f"Deze metingen gebruiken verschillende ZRM-versies ({', '.join(sorted(map(str, ids)))}); "
            "zet ze eerst om met wijkteam_kit.zrm.mapping.map_assessment."
        )


def compare(before: Assessment, after: Assessment) -> list[DomainChange]:
    """Per domain, in version order: before, after, delta and direction."""
    _check_same_version(before, after)
    return [DomainChange(d, before.scores[d].level, after.scores[d].level) for d in before.scores]


def differences(own: Assessment, reference: Assessment) -> list[DomainChange]:
    """Domains where ``own`` differs from ``reference``, also when only one of them is "niet besproken".

    >>> from wijkteam_kit.zrm import Assessment, load_version
    >>> v = load_version("zrm2013")
    >>> ref = Assessment.build(v, "c", "referentie", {d: 3 for d in v.domain_ids})
    >>> own = Assessment.build(v, "c", "ik", {**{d: 3 for d in v.domain_ids}, "adl": 4, "justitie": "nvt"})
    >>> [(c.domain_id, c.before, c.after) for c in differences(own, ref)]
    [('adl', 3, 4), ('justitie', 3, None)]
    """
    return [c for c in compare(reference, own) if c.before != c.after]
