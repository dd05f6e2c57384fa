"""Generated (fictional) caseloads for dashboards, notebooks and benchmarks.

The shape follows the Groningen pilot of 2013 (two teams, 198 and 172 dossiers in eight months); the levels
are drawn at random with domain-specific tendencies. **Nothing here is real data.**

Examples
--------
>>> demo = generate_caseload(seed=1)
>>> sorted(demo.teams), demo.combined.n_assessments
(['Team Noord', 'Team Zuid'], 740)
>>> demo.teams["Team Noord"].n_assessments // 2
198
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wijkteam_kit.zrm.caseload import CaseloadData
from wijkteam_kit.zrm.versions import load_version

__all__ = [
    "GRONINGEN_PILOT_TEAMS",
    "GeneratedCaseload",
    "example_score_lines",
    "generate_caseload",
    "generate_levels",
]

#: Dossiers per team in the Groningen pilot (8 months).
GRONINGEN_PILOT_TEAMS: dict[str, int] = {"Team Noord": 198, "Team Zuid": 172}

# Probability of levels 1..5 at the first measurement, per domain tendency.
_LOW = np.array([0.12, 0.30, 0.33, 0.18, 0.07])  # often a problem (finances, housing, relations)
_MID = np.array([0.05, 0.20, 0.35, 0.28, 0.12])
_HIGH = np.array([0.02, 0.06, 0.15, 0.37, 0.40])  # seldom a problem (justice, addiction)
_TENDENCY = {
    "financien": _LOW,
    "huisvesting": _MID,
    "huiselijke_relaties": _LOW,
    "geestelijke_gezondheid": _LOW,
    "sociaal_netwerk": _LOW,
    "dagbesteding": _MID,
    "werk_opleiding": _LOW,
    "tijdsbesteding": _MID,
    "verslaving": _HIGH,
    "middelengebruik": _HIGH,
    "justitie": _HIGH,
}
_UNSCORED = {"verslaving": 0.15, "middelengebruik": 0.15, "justitie": 0.10}


@dataclass(frozen=True)
class GeneratedCaseload:
    """Per team and combined; every household has two measurements."""

    teams: dict[str, CaseloadData]
    combined: CaseloadData


def generate_levels(
    n_households: int, domain_ids: tuple[str, ...], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """First and second measurement (households × domains, 0 = niet besproken), vectorised."""
    n_domains = len(domain_ids)
    first = np.empty((n_households, n_domains), dtype=np.int8)
    for j, domain_id in enumerate(domain_ids):
        first[:, j] = rng.choice(np.arange(1, 6), size=n_households, p=_TENDENCY.get(domain_id, _MID))
    # Between measurements most households stay level, about a third rise one level, some fall.
    step = rng.choice([-1, 0, 1, 2], size=first.shape, p=[0.10, 0.52, 0.32, 0.06])
    second = np.clip(first + step, 1, 5).astype(np.int8)
    for j, domain_id in enumerate(domain_ids):
        share = _UNSCORED.get(domain_id, 0.02)
        first[rng.random(n_households) < share, j] = 0
        second[rng.random(n_households) < share, j] = 0
    return first, second


def _team_data(
    name: str, n: int, version: str, domain_ids: tuple[str, ...], rng: np.random.Generator
) -> CaseloadData:
    first, second = generate_levels(n, domain_ids, rng)
    start = np.datetime64("2013-01-07") + rng.integers(0, 240, size=n).astype("timedelta64[D]")
    later = start + rng.integers(90, 200, size=n).astype("timedelta64[D]")
    prefix = name.lower().replace(" ", "-")
    households = np.array([f"{prefix}-{i:05d}" for i in range(n)])
    return CaseloadData.from_arrays(
        version,
        domain_ids,
        np.concatenate([households, households]),
        np.concatenate([start, later]),
        np.vstack([first, second]),
    )


def generate_caseload(
    teams: dict[str, int] | None = None, version: str = "zrm2013", seed: int = 2013
) -> GeneratedCaseload:
    """A fictional caseload: for each team ``n`` households with two ZRM measurements each."""
    teams = teams or GRONINGEN_PILOT_TEAMS
    domain_ids = load_version(version).domain_ids
    rng = np.random.default_rng(seed)
    per_team = {name: _team_data(name, n, version, domain_ids, rng) for name, n in teams.items()}
    parts = list(per_team.values())
    combined = CaseloadData.from_arrays(
        version,
        domain_ids,
        np.concatenate([np.array(p.household_ids)[p.household_codes] for p in parts]),
        np.concatenate([p.dates for p in parts]),
        np.vstack([p.levels for p in parts]),
    )
    return GeneratedCaseload(per_team, combined)


def example_score_lines(
    reference_levels: list[int | None], n_raters: int = 8, seed: int = 1
) -> dict[str, str]:
    """Fictional participants' score lines around a reference: most agree, some one level off, a few two.

    >>> example_score_lines([3, 2, None], n_raters=2, seed=3)
    {'Deelnemer 1': '2 1 5', 'Deelnemer 2': '2 2 nvt'}
    """
    rng = np.random.default_rng(seed)
    lines = {}
    for i in range(1, n_raters + 1):
        values = []
        for level in reference_levels:
            if level is None:
                values.append("nvt" if rng.random() < 0.8 else str(int(rng.integers(3, 6))))
                continue
            step = rng.choice([-2, -1, 0, 1, 2], p=[0.04, 0.2, 0.55, 0.17, 0.04])
            values.append(str(int(np.clip(level + step, 1, 5))))
        lines[f"Deelnemer {i}"] = " ".join(values)
    return lines
