r"""Agreement between raters who scored the same casus (calibration training).

Three figures, each over the domains that at least two raters scored ("niet besproken" is left out):

* **exact agreement** — the share of rater pairs that gave the same level, pooled over domains;
* **within-one agreement** — the share of rater pairs whose levels differ by at most one;
* **Krippendorff's alpha (ordinal)** — agreement corrected for chance, for ordered levels.

Krippendorff's alpha
--------------------
Treat each domain as a *unit* and the raters' levels in it as *pairable values* (a unit needs ≥ 2).
The coincidence matrix counts, over units :math:`u` with :math:`m_u` values, every ordered pair of values
from different raters, weighted :math:`1/(m_u-1)`:

.. math:: o_{ck} = \sum_u \frac{\#\{(i, j): i \ne j,\ v_{iu}=c,\ v_{ju}=k\}}{m_u - 1},
          \qquad n_c = \sum_k o_{ck}, \qquad n = \sum_c n_c.

The ordinal distance between levels :math:`c \le k` is

.. math:: \delta^2_{ck} = \Bigl(\sum_{g=c}^{k} n_g - \frac{n_c + n_k}{2}\Bigr)^2,

and alpha compares observed with expected disagreement:

.. math:: \alpha = 1 - \frac{D_o}{D_e} = 1 - (n-1)\,
          \frac{\sum_{c,k} o_{ck}\,\delta^2_{ck}}{\sum_{c,k} n_c\, n_k\, \delta^2_{ck}}.

:math:`\alpha = 1` is perfect agreement, 0 is agreement at chance level, below 0 systematic disagreement.
When every value is the same there is no variation to correct for and alpha is undefined (None).
Krippendorff suggests relying on data with alpha ≥ 0.80 and drawing tentative conclusions from 0.667.

Examples
--------
Two raters, three domains. Rater A scores 1, 2, 3; rater B scores 1, 2, 4.

>>> round(krippendorff_alpha_ordinal([[1, 2, 3], [1, 2, 4]]), 4)
0.9495

By hand: every unit has two values, so every pair weighs 1/(2−1) = 1. Coincidences: o11 = 2, o22 = 2,
o34 = o43 = 1; hence n1 = n2 = 2, n3 = n4 = 1 and n = 6. Ordinal distances:
δ²12 = (4 − 2)² = 4, δ²13 = (5 − 1.5)² = 12.25, δ²14 = (6 − 1.5)² = 20.25, δ²23 = (3 − 1.5)² = 2.25,
δ²24 = (4 − 1.5)² = 6.25, δ²34 = (2 − 1)² = 1.
Observed: Σ o·δ² = o34·1 + o43·1 = 2.
Expected: Σ n_c·n_k·δ² over both orders = 2·(4·4 + 2·12.25 + 2·20.25 + 2·2.25 + 2·6.25 + 1·1) = 2·99 = 198.
Alpha = 1 − (6 − 1)·2/198 = 1 − 10/198 ≈ 0.9495.

>>> r = rater_agreement_matrix([[1, 2, 3], [1, 2, 4]])
>>> round(r.exact, 3), r.within_one, round(r.alpha, 4)
(0.667, 1.0, 0.9495)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads at the first calculation: an idle app kernel does not need it
    import numpy as np

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.assessment import Assessment

__all__ = [
    "Agreement",
    "DomainAgreement",
    "krippendorff_alpha_ordinal",
    "rater_agreement",
    "rater_agreement_matrix",
]


def _as_matrix(values: Sequence[Sequence[int | None]] | np.ndarray) -> np.ndarray:
    """Raters × units as floats with NaN for "niet besproken"."""
    import numpy as np

    rows = [[np.nan if v is None else float(v) for v in row] for row in values]
    if rows and len({len(r) for r in rows}) != 1:
        raise ZrmError("Elke beoordelaar moet dezelfde domeinen hebben (rijen van gelijke lengte).")
    return np.array(rows, dtype=float).reshape(len(rows), -1)


def krippendorff_alpha_ordinal(values: Sequence[Sequence[int | None]] | np.ndarray) -> float | None:
    """Krippendorff's alpha with the ordinal metric; rows are raters, columns units, None = missing.

    Returns None when it is undefined: fewer than two pairable values in every unit, or no variation at all.
    """
    import numpy as np

    data = _as_matrix(values)
    if data.size == 0:
        return None
    categories = np.unique(data[~np.isnan(data)])
    index = {c: i for i, c in enumerate(categories)}
    k = len(categories)
    coincidence = np.zeros((k, k))
    for unit in data.T:
        present = unit[~np.isnan(unit)]
        m = len(present)
        if m < 2:
            continue
        counts = np.zeros(k)
        for v in present:
            counts[index[v]] += 1
        pairs = np.outer(counts, counts) - np.diag(counts)  # ordered pairs from different raters
        coincidence += pairs / (m - 1)
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    if n < 2:
        return None
    cumulative = np.concatenate([[0.0], np.cumsum(n_c)])
    low = np.minimum.outer(np.arange(k), np.arange(k))
    high = np.maximum.outer(np.arange(k), np.arange(k))
    span = cumulative[high + 1] - cumulative[low]  # Σ_{g=c}^{k} n_g
    delta2 = (span - (n_c[:, None] + n_c[None, :]) / 2) ** 2
    np.fill_diagonal(delta2, 0.0)
    expected = (np.outer(n_c, n_c) * delta2).sum()
    if expected == 0:
        return None
    observed = (coincidence * delta2).sum()
    return float(1 - (n - 1) * observed / expected)


@dataclass(frozen=True)
class DomainAgreement:
    """How the raters scored one domain."""

    domain_id: str
    levels: tuple[int | None, ...]
    exact: float | None
    within_one: float | None

    @property
    def scored(self) -> tuple[int, ...]:
        """The levels that were given (without "niet besproken")."""
        return tuple(v for v in self.levels if v is not None)

    @property
    def spread(self) -> int | None:
        """Highest minus lowest level given, or None with fewer than two levels."""
        return max(self.scored) - min(self.scored) if len(self.scored) >= 2 else None


@dataclass(frozen=True)
class Agreement:
    """Agreement figures for several raters of one casus; None where a figure cannot be computed."""

    n_raters: int
    exact: float | None
    within_one: float | None
    alpha: float | None
    domains: tuple[DomainAgreement, ...]

    @property
    def note(self) -> str:
        """A plain Dutch reading of the figures."""
        if self.n_raters < 2 or self.exact is None:
            return "Te weinig beoordelaars: overeenstemming vraagt minstens twee beoordelaars per domein."
        text = (
            f"{self.n_raters} beoordelaars: {self.exact:.0%} van de paren gaf hetzelfde niveau, "
            f"{self.within_one:.0%} zat er hoogstens één niveau naast."
        )
        if self.alpha is None:
            return text + " Krippendorffs alfa is niet te berekenen: iedereen gaf overal hetzelfde niveau."
        alpha = f"{self.alpha:.2f}".replace(".", ",")  # a Dutch decimal comma: 0,61
        return text + f" Krippendorffs alfa (ordinaal): {alpha}."

    def most_disagreement(self) -> list[DomainAgreement]:
        """Domains ordered for a discussion: lowest exact agreement first, then largest spread."""
        rated = [d for d in self.domains if d.exact is not None]
        return sorted(rated, key=lambda d: (d.exact, -(d.spread or 0)))


def _pair_shares(levels: np.ndarray) -> tuple[int, int, int]:
    """Number of rater pairs, equal pairs and within-one pairs among the non-missing levels."""
    import numpy as np

    present = levels[~np.isnan(levels)]
    if len(present) < 2:
        return 0, 0, 0
    diff = np.abs(present[:, None] - present[None, :])[np.triu_indices(len(present), k=1)]
    return len(diff), int((diff == 0).sum()), int((diff <= 1).sum())


def rater_agreement_matrix(
    values: Sequence[Sequence[int | None]] | np.ndarray, domain_ids: Sequence[str] | None = None
) -> Agreement:
    """Agreement figures for a raters × domains matrix of levels (None = niet besproken)."""
    import numpy as np

    data = _as_matrix(values)
    n_raters, n_units = data.shape if data.size else (len(values), 0)
    domain_ids = list(domain_ids) if domain_ids is not None else [str(i) for i in range(n_units)]
    totals = np.zeros(3, dtype=int)
    domains = []
    for j, domain_id in enumerate(domain_ids):
        pairs, equal, close = _pair_shares(data[:, j])
        totals += (pairs, equal, close)
        levels = tuple(None if np.isnan(v) else int(v) for v in data[:, j])
        domains.append(
            DomainAgreement(
                domain_id,
                levels,
                float(equal / pairs) if pairs else None,
                float(close / pairs) if pairs else None,
            )
        )
    pairs, equal, close = (int(t) for t in totals)
    return Agreement(
        n_raters=n_raters,
        exact=equal / pairs if pairs else None,
        within_one=close / pairs if pairs else None,
        alpha=krippendorff_alpha_ordinal(data) if pairs else None,
        domains=tuple(domains),
    )


def rater_agreement(assessments: Sequence[Assessment]) -> Agreement:
    """Agreement between assessments of one casus by different raters, all in the same ZRM version.

    >>> from wijkteam_kit.zrm import Assessment, load_version
    >>> v = load_version("zrm2013")
    >>> a = Assessment.build(v, "c", "Ali", {"financien": 3, "adl": 3, "justitie": 5})
    >>> b = Assessment.build(v, "c", "Bo", {"financien": 3, "adl": 4, "justitie": 5})
    >>> r = rater_agreement([a, b])
    >>> round(r.exact, 2), r.within_one, [d.domain_id for d in r.most_disagreement()][:1]
    (0.67, 1.0, ['adl'])
    """
    if not assessments:
        raise ZrmError("Geen beoordelingen om te vergelijken.")
    versions = {a.version for a in assessments}
    if len(versions) > 1:
        raise ZrmError(
            f"Beoordelingen in verschillende ZRM-versies ({', '.join(sorted(versions))}); zet ze eerst om."
        )
    casus_ids = {a.casus_id for a in assessments}
    if len(casus_ids) > 1:
        raise ZrmError(f"Overeenstemming gaat over één casus; kreeg {', '.join(sorted(casus_ids))}.")
    domain_ids = list(assessments[0].scores)
    matrix = [[a.scores[d].level for d in domain_ids] for a in assessments]
    return rater_agreement_matrix(matrix, domain_ids)
