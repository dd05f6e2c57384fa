"""Generated (fictional) caseloads for dashboards, notebooks and benchmarks.

The shape follows the figures of the Groningen pilot of 2013 (its progress evaluation): two teams with 198 and
172 dossiers in eight months and a formation of 7,5 and 6,9 fte (:data:`GRONINGEN_PILOT_FTE`), so about 25 to 28
dossiers per fte where 40 to 70 households per fte is the usual national range (:data:`LANDELIJKE_CASELOAD`).
Financial problems are the most frequent life domain, then social and relational functioning, and housing is
high too: the tendencies of the generated levels follow that order (:data:`PILOT_VOLGORDE`). The levels
themselves are drawn at random. **Nothing here is real data.**

Examples
--------
>>> demo = generate_caseload(seed=1)
>>> sorted(demo.teams), demo.combined.n_assessments
(['Team Noord', 'Team Zuid'], 740)
>>> demo.teams["Team Noord"].n_assessments // 2
198
>>> {team: round(per_fte, 1) for team, per_fte in dossiers_per_fte().items()}
{'Team Noord': 26.4, 'Team Zuid': 24.9}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wijkteam_kit.zrm.caseload import CaseloadData
from wijkteam_kit.zrm.versions import load_version

__all__ = [
    "GRONINGEN_PILOT_FTE",
    "GRONINGEN_PILOT_TEAMS",
    "LANDELIJKE_CASELOAD",
    "PILOT_DOSSIERS_PER_FTE",
    "PILOT_VOLGORDE",
    "GeneratedCaseload",
    "dossiers_per_fte",
    "example_score_lines",
    "generate_caseload",
    "generate_levels",
]

#: Dossiers per team in the Groningen pilot (8 months).
GRONINGEN_PILOT_TEAMS: dict[str, int] = {"Team Noord": 198, "Team Zuid": 172}
#: The formation of each pilot team in fte (the whole team, including members without own dossiers).
GRONINGEN_PILOT_FTE: dict[str, float] = {"Team Noord": 7.5, "Team Zuid": 6.9}
#: Dossiers per fte the pilot reported (about 28: two members per team had no individual dossiers).
PILOT_DOSSIERS_PER_FTE = 28
#: The usual caseload in households per fte that the pilot compared itself with.
LANDELIJKE_CASELOAD: tuple[int, int] = (40, 70)
#: Life domains by how often the pilot supported them, most first (ZRM 2013 ids): finances, then social and
#: relational functioning, then housing.
PILOT_VOLGORDE: tuple[tuple[str, ...], ...] = (
    ("financien",),
    ("huiselijke_relaties", "sociaal_netwerk"),
    ("huisvesting",),
)

# Probability of levels 1..5 at the first measurement, per domain tendency (share at 1–2 in brackets).
_MOST = np.array([0.20, 0.40, 0.25, 0.10, 0.05])  # finances, the most frequent domain (60%)
_SOCIAL = np.array([0.10, 0.36, 0.32, 0.15, 0.07])  # social and relational functioning, second (46%)
_HOUSING = np.array([0.08, 0.30, 0.34, 0.19, 0.09])  # housing, "high" (38%)
_MID = np.array([0.04, 0.20, 0.36, 0.28, 0.12])  # (24%)
_HIGH = np.array([0.02, 0.06, 0.15, 0.37, 0.40])  # seldom a problem: justice, addiction (8%)
_TENDENCY = {
    "financien": _MOST,
    "huisvesting": _HOUSING,
    "huiselijke_relaties": _SOCIAL,
    "sociaal_netwerk": _SOCIAL,
    "geestelijke_gezondheid": _MID,
    "dagbesteding": _MID,
    "werk_opleiding": _MID,
    "tijdsbesteding": _MID,
    "verslaving": _HIGH,
    "middelengebruik": _HIGH,
    "justitie": _HIGH,
}
_UNSCORED = {"verslaving": 0.15, "middelengebruik": 0.15, "justitie": 0.10}


def dossiers_per_fte(
    teams: dict[str, int] | None = None, fte: dict[str, float] | None = None
) -> dict[str, float]:
    """Dossiers per fte of each team (default: the Groningen pilot's dossiers and formation)."""
    teams = teams or GRONINGEN_PILOT_TEAMS
    fte = fte or GRONINGEN_PILOT_FTE
    return {name: n / fte[name] for name, n in teams.items() if fte.get(name)}


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
