"""The household outline of the familiekaart: one closed line around everyone who lives with the client.

Household members that sit next to each other in a row share one box; boxes in neighbouring rows that
overlap horizontally are joined through the gap between the rows, so the outline never encloses anybody
who does not live in the household.

Examples
--------
>>> from wijkteam_kit.netwerk.genogram import GenogramLayout
>>> lay = GenogramLayout({"client": (0.0, 0.0), "a": (2.0, 0.0)}, {}, (), (), frozenset({"client", "a"}))
>>> household_outline(lay, half_width=1.0, top=0.5, depth=1.0)
[[(-1.0, -1.0), (3.0, -1.0), (3.0, 0.5), (-1.0, 0.5)]]
"""

from __future__ import annotations

from collections import defaultdict

from wijkteam_kit.netwerk.genogram import ROW, GenogramLayout

__all__ = ["household_outline"]


def household_outline(
    layout: GenogramLayout, half_width: float = 0.85, top: float = 0.6, depth: float = 1.6
) -> list[list[tuple[float, float]]]:
    """Closed loops (counter-clockwise; holes clockwise) around the household members and their labels.

    Each row's consecutive household members share one box (``half_width`` left and right of the outer
    symbols, ``top`` above and ``depth`` below the centres); boxes in neighbouring rows that overlap
    horizontally are joined through the gap between the rows. Nobody else is ever inside.

    >>> lay = GenogramLayout({"client": (0.0, 0.0), "a": (2.0, 0.0), "b": (4.0, 0.0)}, {}, (), (),
    ...                      frozenset({"client", "a"}))
    >>> household_outline(lay)
    [[(-0.85, -1.6), (2.85, -1.6), (2.85, 0.6), (-0.85, 0.6)]]
    """
    rows: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for pid, (x, y) in layout.positions.items():
        rows[round(-y / ROW)].append((x, pid))
    runs: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for g, row in rows.items():
        current: list[float] = []
        for x, pid in [*sorted(row), (float("inf"), "")]:
            if pid in layout.household:
                current.append(x)
            elif current:
                runs[g].append((current[0] - half_width, current[-1] + half_width))
                current = []
    rects = [(lo, -g * ROW - depth, hi, -g * ROW + top) for g, spans in runs.items() for lo, hi in spans]
    for g, spans in runs.items():  # join overlapping runs of neighbouring rows through the gap
        for (lo, hi), (lo2, hi2) in ((a, b) for a in spans for b in runs.get(g + 1, [])):
            if min(hi, hi2) > max(lo, lo2):
                rects.append((max(lo, lo2), -(g + 1) * ROW + top, min(hi, hi2), -g * ROW - depth))
    return _union_outline(rects)


def _union_outline(rects: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float]]]:
    """Boundary loops of a union of axis-aligned rectangles ``(x0, y0, x1, y1)``."""
    xs = sorted({v for r in rects for v in (r[0], r[2])})
    ys = sorted({v for r in rects for v in (r[1], r[3])})
    covered = {
        (i, j)
        for i in range(len(xs) - 1)
        for j in range(len(ys) - 1)
        if any(
            r[0] <= (xs[i] + xs[i + 1]) / 2 <= r[2] and r[1] <= (ys[j] + ys[j + 1]) / 2 <= r[3] for r in rects
        )
    }
    edges: dict[tuple[float, float], list[tuple[float, float]]] = defaultdict(list)
    for i, j in sorted(covered):
        x0, x1, y0, y1 = xs[i], xs[i + 1], ys[j], ys[j + 1]
        for (di, dj), start, end in (
            ((0, -1), (x0, y0), (x1, y0)),
            ((1, 0), (x1, y0), (x1, y1)),
            ((0, 1), (x1, y1), (x0, y1)),
            ((-1, 0), (x0, y1), (x0, y0)),
        ):
            if (i + di, j + dj) not in covered:
                edges[start].append(end)
    loops = []
    while edges:
        start = min(edges)
        loop, point = [start], start
        while True:
            nxt = edges[point].pop()
            if not edges[point]:
                del edges[point]
            if nxt == start:
                break
            loop.append(nxt)
            point = nxt
        n = len(loop)  # keep the corners only
        loops.append([p for k, p in enumerate(loop) if not _straight(loop[k - 1], p, loop[(k + 1) % n])])
    return loops


def _straight(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> bool:
    return a[0] == b[0] == c[0] or a[1] == b[1] == c[1]
