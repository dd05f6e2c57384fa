"""Caseload figures over many assessments (team leaders, monitoring), vectorised with numpy.

The data is held as arrays: one row per assessment, one column per domain, level 1–5 and 0 for
"niet besproken". Per household the *first* and *last* measurement (by date) are compared.

Examples
--------
>>> import datetime as dt
>>> data = CaseloadData.from_arrays(
...     version="zrm2013", domain_ids=("financien", "adl"),
...     households=["a", "a", "b", "b", "c"],
...     dates=["2024-01-01", "2024-06-01", "2024-01-05", "2024-05-01", "2024-02-01"],
...     levels=[[2, 3], [3, 3], [1, 0], [2, 4], [4, 4]])
>>> s = summarize_caseload(data)
>>> s.distribution.tolist()  # per domain: [niet besproken, 1, 2, 3, 4, 5]
[[0, 1, 2, 1, 1, 0], [1, 0, 0, 2, 2, 0]]
>>> s.improved.tolist(), s.pairs.tolist()  # a and b rose on financien; on adl only a has two scores
([1.0, 0.0], [2, 1])
>>> [round(x, 2) for x in s.concern_share.tolist()]  # households whose last measurement is at 1–2
[0.33, 0.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.versions import load_version

__all__ = ["CaseloadData", "CaseloadSummary", "summarize_caseload"]


@dataclass(frozen=True)
class CaseloadData:
    """Many assessments as arrays; build with :meth:`from_assessments` or :meth:`from_arrays`."""

    version: str
    domain_ids: tuple[str, ...]
    household_codes: np.ndarray  # int, index into household_ids
    household_ids: tuple[str, ...]
    dates: np.ndarray  # datetime64[D]
    levels: np.ndarray  # int8, 0 = niet besproken

    @property
    def n_assessments(self) -> int:
        """Number of rows."""
        return int(self.levels.shape[0])

    @classmethod
    def from_arrays(
        cls,
        version: str,
        domain_ids: Sequence[str],
        households: Sequence[str] | np.ndarray,
        dates: Sequence | np.ndarray,
        levels: Sequence[Sequence[int]] | np.ndarray,
    ) -> CaseloadData:
        """Build from plain arrays; levels must be whole numbers 0–5 (0 = niet besproken)."""
        known = load_version(version).domain_ids
        unknown = [d for d in domain_ids if d not in known]
        if unknown:
            raise ZrmError(f"Onbekende domeinen voor {version}: {', '.join(unknown)}.")
        level_array = np.asarray(levels)
        if level_array.ndim != 2 or level_array.shape[1] != len(domain_ids):
            raise ZrmError(f"Verwacht een tabel met {len(domain_ids)} kolommen (één per domein).")
        if level_array.size and (
            level_array.min() < 0 or level_array.max() > 5 or not np.all(np.mod(level_array, 1) == 0)
        ):
            raise ZrmError("Niveaus moeten hele getallen van 1 t/m 5 zijn (0 = niet besproken).")
        ids, codes = np.unique(np.asarray(households, dtype=str), return_inverse=True)
        date_array = np.asarray(dates, dtype="datetime64[D]")
        if not (len(codes) == len(date_array) == level_array.shape[0]):
            raise ZrmError("Huishoudens, datums en niveaus moeten even lang zijn.")
        return cls(
            version,
            tuple(domain_ids),
            codes.astype(np.int64),
            tuple(ids.tolist()),
            date_array,
            level_array.astype(np.int8),
        )

    @classmethod
    def from_assessments(cls, assessments: Sequence[Assessment]) -> CaseloadData:
        """Build from validated assessments (all in one ZRM version)."""
        if not assessments:
            raise ZrmError("Geen beoordelingen.")
        versions = {a.version for a in assessments}
        if len(versions) > 1:
            raise ZrmError(f"Beoordelingen in verschillende ZRM-versies ({', '.join(sorted(versions))}).")
        version = versions.pop()
        domain_ids = load_version(version).domain_ids
        levels = [[a.scores[d].level or 0 for d in domain_ids] for a in assessments]
        return cls.from_arrays(
            version,
            domain_ids,
            [a.casus_id for a in assessments],
            [a.date.isoformat() for a in assessments],
            levels,
        )


@dataclass(frozen=True)
class CaseloadSummary:
    """Figures per domain (arrays aligned with ``domain_ids``)."""

    domain_ids: tuple[str, ...]
    n_assessments: int
    n_households: int
    distribution: np.ndarray  # (domains, 6): counts of [niet besproken, 1, 2, 3, 4, 5] over all assessments
    pairs: np.ndarray  # households with a first and a later measurement, both scored, per domain
    improved: np.ndarray  # share of those pairs where the last level is higher
    declined: np.ndarray
    unchanged: np.ndarray
    concern_share: np.ndarray  # share of households whose last scored level is 1 or 2

    def concern_ranking(self) -> list[tuple[str, float]]:
        """Domains by share of households at 1–2 in their last measurement, highest first."""
        order = np.argsort(-self.concern_share, kind="stable")
        return [(self.domain_ids[i], float(self.concern_share[i])) for i in order]


def _first_last(data: CaseloadData) -> tuple[np.ndarray, np.ndarray]:
    """Row index of the first and the last measurement of every household."""
    order = np.lexsort((data.dates, data.household_codes))
    codes = data.household_codes[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)] - 1
    return order[starts], order[ends]


def summarize_caseload(data: CaseloadData) -> CaseloadSummary:
    """Distribution per domain and level, and change between first and last measurement per household."""
    levels = data.levels.astype(np.int64)
    n_domains = levels.shape[1]
    offsets = np.arange(n_domains) * 6
    distribution = np.bincount((levels + offsets).ravel(), minlength=6 * n_domains).reshape(n_domains, 6)
    if data.n_assessments == 0:
        empty = np.zeros(n_domains)
        return CaseloadSummary(
            data.domain_ids, 0, 0, distribution, empty.astype(int), empty, empty, empty, empty
        )
    first, last = _first_last(data)
    later = first != last
    before, after = levels[first[later]], levels[last[later]]
    both = (before > 0) & (after > 0)
    pairs = both.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        improved = np.where(pairs > 0, ((after > before) & both).sum(axis=0) / pairs, 0.0)
        declined = np.where(pairs > 0, ((after < before) & both).sum(axis=0) / pairs, 0.0)
        unchanged = np.where(pairs > 0, ((after == before) & both).sum(axis=0) / pairs, 0.0)
        latest = levels[last]
        scored_last = (latest > 0).sum(axis=0)
        concern = np.where(scored_last > 0, ((latest > 0) & (latest <= 2)).sum(axis=0) / scored_last, 0.0)
    return CaseloadSummary(
        data.domain_ids,
        data.n_assessments,
        len(first),
        distribution,
        pairs,
        improved,
        declined,
        unchanged,
        concern,
    )
