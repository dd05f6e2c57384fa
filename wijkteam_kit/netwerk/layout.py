"""Placement of persons on the relatiekaart: rings by closeness, wedges by sector (pure, no matplotlib).

The map is measured in *map units*: the client sits at (0, 0) and ring ``c`` (cirkel 1 heel dichtbij …
4 ver weg) is the band between radius ``c - 1`` and ``c``. The six sectors (:data:`SECTOREN`) are wedges of
60°, clockwise from the top: familie at the top right, then vrienden, buurt, werk/school,
vrijwilligers/verenigingen and professionals at the top left.

How persons are placed (:func:`relatiekaart_layout`):

- A person with a manual ``positie`` stays exactly there.
- The others are grouped by (sector, ring) and keep their input order within a group. A group that fits
  on the middle arc of its band (radius ``c - 0.5``; 0.7375 in ring 1, which keeps room for the client)
  is spread evenly over the wedge; a larger group is spread over several arcs (rows) in the band,
  alternating between them along the wedge. The arcs of rings 2–4 are turned a little (as far as the
  margin to the next wedge allows), so a tie to a person far out does not run through a person closer in.
- Every automatically placed pair of persons is at least ``min_distance`` apart (centre to centre),
  within a sector, across sector borders and across rings, as long as each (sector, ring) group fits the
  capacity of its band (:func:`ring_capacity`; with the default 0.25 that is 5 persons in ring 1 and
  22, 39 and 58 in rings 2, 3 and 4). A group above capacity is squeezed in evenly and may come
  closer together, but never leaves its band or wedge.
- The same atlas always gives the same layout (no randomness).

Examples
--------
>>> from wijkteam_kit.netwerk.model import Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(
...     client=Client(naam="Gerda"),
...     personen=(
...         Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1),
...         Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=2),
...         Persoon(id="joop", naam="Joop", relatie="vrijwilliger", sector="buurt", cirkel=3,
...                 positie=(1.0, -2.0)),
...     ),
... )
>>> pos = relatiekaart_layout(atlas)
>>> pos["client"], pos["joop"]
((0.0, 0.0), (1.0, -2.0))
>>> [round(v, 3) for v in pos["henk"]]  # middle of the familie wedge (60°), radius 0.7375
[0.369, 0.639]
>>> round(math.hypot(*pos["ans"]), 3)  # ring 2 is spread at radius 1.5
1.5
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from wijkteam_kit.netwerk.model import CLIENT_ID, SECTOREN, Netwerkatlas, Persoon

__all__ = [
    "CLIENT_CLEARANCE",
    "LABEL_SPOTS",
    "MIN_DISTANCE",
    "RING_LABELS",
    "label_spots",
    "relatiekaart_layout",
    "ring_band",
    "ring_capacity",
    "sector_angles",
    "sector_of_angle",
]

MIN_DISTANCE = 0.25
"""Default smallest distance between two automatically placed persons, in map units."""
CLIENT_CLEARANCE = 0.6
"""Persons in ring 1 stay at least this far from the client (room for the client's double circle)."""
RING_LABELS: dict[int, str] = {1: "heel dichtbij", 2: "dichtbij", 3: "op afstand", 4: "ver weg"}
"""What each ring (cirkel) means, for labels and legends."""

_SPAN = 2 * math.pi / len(SECTOREN)
_MAX_ROW_SPACING = 0.3
# Each ring's arcs are turned by this fraction of a slot (+ clockwise), so that a person in an inner ring
# does not sit exactly on the line from the client to a person further out in the same sector.
_RING_TURN = {1: 0.0, 2: -0.22, 3: 0.22, 4: -0.36}


def sector_angles(sector: str) -> tuple[float, float]:
    """The wedge of ``sector`` as (start, end) angles in radians, counter-clockwise, start < end.

    Examples
    --------
    >>> [round(math.degrees(a)) for a in sector_angles("familie")]
    [30, 90]
    >>> [round(math.degrees(a)) for a in sector_angles("professionals")]
    [90, 150]
    """
    i = SECTOREN.index(sector)
    end = math.pi / 2 - i * _SPAN
    if end - _SPAN < -math.pi - 1e-9:
        end += 2 * math.pi
    return end - _SPAN, end


def sector_of_angle(theta: float) -> str:
    """The sector whose wedge holds the angle ``theta`` (radians; any value, taken modulo a full turn).

    Examples
    --------
    >>> sector_of_angle(math.radians(45)), sector_of_angle(math.radians(-100)), sector_of_angle(math.pi)
    ('familie', 'werk/school', 'vrijwilligers/verenigingen')
    """
    clockwise_from_top = (math.pi / 2 - theta) % (2 * math.pi)
    return SECTOREN[min(int(clockwise_from_top // _SPAN), len(SECTOREN) - 1)]


def ring_band(cirkel: int, min_distance: float = MIN_DISTANCE) -> tuple[float, float]:
    """Smallest and largest radius where persons of ring ``cirkel`` are placed automatically.

    The band keeps ``min_distance / 2`` from both ring lines (so neighbours in adjacent rings stay
    ``min_distance`` apart) and ring 1 keeps :data:`CLIENT_CLEARANCE` from the client.

    Examples
    --------
    >>> ring_band(1), ring_band(3)
    ((0.6, 0.875), (2.125, 2.875))
    """
    lo = cirkel - 1 + min_distance / 2
    if cirkel == 1:
        lo = max(lo, CLIENT_CLEARANCE)
    return lo, max(lo, cirkel - min_distance / 2)


def _arc_capacity(radius: float, min_distance: float) -> int:
    """How many persons fit evenly on one arc of a wedge: each wedge part is ``min_distance`` wide."""
    ratio = min_distance / (2 * radius)
    if ratio >= 1:
        return 1
    return max(1, math.floor(_SPAN / (2 * math.asin(ratio)) + 1e-9))


def _rows(cirkel: int, k: int, min_distance: float) -> list[float]:
    """Radii of ``k`` arcs in the band of ``cirkel``, centred and at least ``min_distance`` apart."""
    lo, hi = ring_band(cirkel, min_distance)
    if k == 1:
        return [(lo + hi) / 2]
    spacing = min(max(_MAX_ROW_SPACING, min_distance), (hi - lo) / (k - 1))
    centre = (lo + hi) / 2
    return [centre + (j - (k - 1) / 2) * spacing for j in range(k)]


def _max_rows(cirkel: int, min_distance: float) -> int:
    lo, hi = ring_band(cirkel, min_distance)
    return math.floor((hi - lo) / min_distance + 1e-9) + 1


def ring_capacity(cirkel: int, min_distance: float = MIN_DISTANCE) -> int:
    """How many persons of one sector fit in ring ``cirkel`` with the distance guarantee.

    Examples
    --------
    >>> [ring_capacity(c) for c in (1, 2, 3, 4)]
    [5, 22, 39, 58]
    """
    k = _max_rows(cirkel, min_distance)
    return sum(_arc_capacity(r, min_distance) for r in _rows(cirkel, k, min_distance))


def _split(n: int, caps: list[int]) -> list[int]:
    """Share ``n`` over rows in proportion to their capacity (largest remainder, ties to the outer row)."""
    total = sum(caps)
    exact = [n * c / total for c in caps]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(caps)), key=lambda j: (-(exact[j] - counts[j]), -j))
    for j in order[: n - sum(counts)]:
        counts[j] += 1
    return counts


def _place_group(sector: str, cirkel: int, n: int, min_distance: float) -> list[tuple[float, float]]:
    """``n`` points for one (sector, ring) group, ordered clockwise along the wedge."""
    k_max = _max_rows(cirkel, min_distance)
    for k in range(1, k_max + 1):
        radii = _rows(cirkel, k, min_distance)
        caps = [_arc_capacity(r, min_distance) for r in radii]
        if sum(caps) >= n:
            break
    counts = _split(n, caps)
    _start, end = sector_angles(sector)
    slots = []
    for radius, count in zip(radii, counts, strict=True):
        if count == 0:
            continue
        slot = _SPAN / count
        room = (
            0.5 - math.asin(min(1.0, min_distance / (2 * radius))) / slot
        )  # largest turn that keeps the margin
        phase = math.copysign(min(abs(_RING_TURN[cirkel]), max(0.0, room)), _RING_TURN[cirkel])
        for j in range(count):
            theta = end - (j + 0.5 + phase) * slot
            slots.append((round(theta, 12), radius))
    slots.sort(key=lambda s: (-s[0], s[1]))
    return [(r * math.cos(t), r * math.sin(t)) for t, r in slots]


def relatiekaart_layout(
    atlas: Netwerkatlas, *, min_distance: float = MIN_DISTANCE
) -> dict[str, tuple[float, float]]:
    """Position of the client and every person on the relatiekaart, in map units.

    Parameters
    ----------
    atlas : Netwerkatlas
        The snapshot to place; persons with a manual ``positie`` keep it exactly.
    min_distance : float
        Smallest centre-to-centre distance between automatically placed persons (see the module notes
        for when it is guaranteed).

    Returns
    -------
    dict
        ``{"client": (0.0, 0.0), person_id: (x, y), …}`` in the client-then-input order.

    Examples
    --------
    >>> from wijkteam_kit.netwerk.model import Netwerkatlas
    >>> relatiekaart_layout(Netwerkatlas())
    {'client': (0.0, 0.0)}
    """
    groups: dict[tuple[str, int], list[Persoon]] = {}
    for p in atlas.personen:
        if p.positie is None:
            groups.setdefault((p.sector, p.cirkel), []).append(p)
    placed: dict[str, tuple[float, float]] = {}
    for (sector, cirkel), members in groups.items():
        points = _place_group(sector, cirkel, len(members), min_distance)
        for person, point in zip(members, points, strict=True):
            placed[person.id] = point
    positions: dict[str, tuple[float, float]] = {CLIENT_ID: (0.0, 0.0)}
    for p in atlas.personen:
        positions[p.id] = (
            (float(p.positie[0]), float(p.positie[1])) if p.positie is not None else placed[p.id]
        )
    return positions


LABEL_SPOTS: dict[str, tuple[float, float]] = {
    "onder": (0.0, -1.0),
    "boven": (0.0, 1.0),
    "rechts": (1.0, 0.0),
    "links": (-1.0, 0.0),
}
"""Where a name can go next to its node (direction of the offset), in order of preference."""


def label_spots(
    points: Sequence[tuple[float, float]],
    labels: Sequence[str],
    *,
    points_per_unit: float,
    font_size: float = 8.0,
    gap: float = 7.5,
    node_size: float = 11.0,
    blocked: Sequence[tuple[float, float, float, float]] = (),
) -> list[str]:
    """Choose for each name a spot (:data:`LABEL_SPOTS`) where it overlaps the least with the rest.

    Greedy from the top of the map down: a name takes the first free spot (below, above, right, left), or
    else the one with the least overlap with the nodes, the ``blocked`` boxes and the names placed before.
    Sizes are estimated from the font size (a character is about 0.6 em wide), so no renderer is needed.

    Parameters
    ----------
    points, labels : sequence
        Node centres in map units and their names, in the same order.
    points_per_unit : float
        Drawing scale (typographic points per map unit).
    font_size, gap, node_size : float
        Name font size, distance from the node centre to the name and node diameter, in points.
    blocked : sequence of (x0, x1, y0, y1)
        Boxes in map units that names should avoid (the client, for instance).

    Examples
    --------
    >>> label_spots([(0, 0), (0, -0.3)], ["Boven", "Onder"], points_per_unit=50)
    ['boven', 'onder']
    >>> label_spots([], [], points_per_unit=50)
    []
    """
    scale = points_per_unit
    height, node = font_size * 1.3 / scale, node_size / 2 / scale
    xy = np.array(points, dtype=float).reshape(-1, 2)
    boxes = np.vstack(
        [np.array(blocked, dtype=float).reshape(-1, 4), np.hstack([xy - node, xy + node])[:, [0, 2, 1, 3]]]
    )
    directions = np.array(list(LABEL_SPOTS.values()))
    spots = [""] * len(xy)
    for i in sorted(range(len(xy)), key=lambda i: (-xy[i, 1], xy[i, 0])):
        width = len(labels[i]) * font_size * 0.6 / scale
        # lower-left corners of the four candidate boxes: centred on the offset point, pushed out by half a box
        cx = xy[i, 0] + directions[:, 0] * (gap / scale + width / 2)
        cy = xy[i, 1] + directions[:, 1] * (gap / scale + height / 2)
        x0, y0 = cx - width / 2, cy - height / 2
        dx = np.minimum(x0[:, None] + width, boxes[:, 1]) - np.maximum(x0[:, None], boxes[:, 0])
        dy = np.minimum(y0[:, None] + height, boxes[:, 3]) - np.maximum(y0[:, None], boxes[:, 2])
        overlap = (dx.clip(0) * dy.clip(0)).sum(axis=1)
        free = np.flatnonzero(overlap <= 1e-12)
        best = int(free[0]) if free.size else int(np.argmin(overlap))
        boxes = np.vstack([boxes, [x0[best], x0[best] + width, y0[best], y0[best] + height]])
        spots[i] = list(LABEL_SPOTS)[best]
    return spots
