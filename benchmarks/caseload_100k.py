"""Caseload summary of 100 000 generated ZRM assessments (50 000 households × 2 measurements).

Prints the median of several runs for each step; the target for the summary is ≤ 1 s on the 2-core machine.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from wijkteam_kit.zrm import Assessment, CaseloadData, generate_levels, load_version, summarize_caseload

N_HOUSEHOLDS = 50_000
RUNS = 7


def timed(fn, runs=RUNS):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    version = load_version("zrm2013")
    rng = np.random.default_rng(1)
    first, second = generate_levels(N_HOUSEHOLDS, version.domain_ids, rng)
    households = np.array([f"h{i:06d}" for i in range(N_HOUSEHOLDS)])
    start = np.datetime64("2024-01-01") + rng.integers(0, 240, N_HOUSEHOLDS).astype("timedelta64[D]")
    later = start + rng.integers(60, 200, N_HOUSEHOLDS).astype("timedelta64[D]")
    # shuffle rows so the summary has to find first and last measurements itself
    order = rng.permutation(2 * N_HOUSEHOLDS)
    hh = np.concatenate([households, households])[order]
    dates = np.concatenate([start, later])[order]
    levels = np.vstack([first, second])[order]

    t_build, data = timed(
        lambda: CaseloadData.from_arrays("zrm2013", version.domain_ids, hh, dates, levels), 3
    )
    t_summary, summary = timed(lambda: summarize_caseload(data))
    print(
        f"assessments: {data.n_assessments}, households: {summary.n_households}, domains: {len(data.domain_ids)}"
    )
    print(f"build arrays (validation, household codes): {t_build * 1000:.0f} ms (median of 3)")
    print(
        f"summarize_caseload:                          {t_summary * 1000:.0f} ms (median of {RUNS}); "
        f"target ≤ 1000 ms -> {'OK' if t_summary <= 1 else 'TOO SLOW'}"
    )

    # For scale: validated Assessment objects (what the apps create) converted to arrays.
    n_objects = 10_000
    objects = [
        Assessment.build(
            version,
            f"h{i // 2}",
            "r",
            {d: int(v) or None for d, v in zip(version.domain_ids, levels[i], strict=True)},
            date=str(dates[i]),
        )
        for i in range(n_objects)
    ]
    t_objects, _ = timed(lambda: CaseloadData.from_assessments(objects), 3)
    print(
        f"from_assessments for {n_objects} objects:      {t_objects * 1000:.0f} ms "
        f"(~{t_objects * 1000 * 100_000 / n_objects:.0f} ms per 100 000, extrapolated)"
    )


if __name__ == "__main__":
    main()
