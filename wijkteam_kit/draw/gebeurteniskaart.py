"""The gebeurteniskaart: a timeline of life events, positive above the line and negative below it.

Years run along a horizontal line. A positive event gets a bluish-green stem upwards with an upward triangle,
a negative one a vermilion stem downwards with a downward triangle (Okabe-Ito colours, safe for colour
blindness; the side and the triangle say the same). Each stem ends in a label box with the year and the
description, wrapped. Boxes never overlap each other or another stem: labels are placed from the latest year
back, each as low as it fits, so events close together are staggered and events in the same year stack.

The figure is sized in inches from the measured labels, so every font stays at 8 pt or more. With no events
the empty timeline says so in plain words. Label boxes have the gid ``gebeurtenis-<n>`` (n = index in
``atlas.gebeurtenissen``), stems ``gebeurtenis-steel-<n>``; user text is drawn literally.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Gebeurtenis, Netwerkatlas
>>> atlas = Netwerkatlas(gebeurtenissen=(Gebeurtenis(jaar=2020, omschrijving="Verhuizing", valentie="positief"),
...                                      Gebeurtenis(jaar=2021, omschrijving="Baan kwijt", valentie="negatief")))
>>> fig = gebeurteniskaart_figure(atlas)
>>> texts = {t.get_gid(): t for t in fig.axes[0].texts if t.get_gid()}
>>> texts["gebeurtenis-0"].get_position()[1] > 0 > texts["gebeurtenis-1"].get_position()[1]
True
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from wijkteam_kit.netwerk.model import Gebeurtenis, Netwerkatlas

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["NEGATIVE_COLOUR", "POSITIVE_COLOUR", "gebeurteniskaart_figure", "place_labels"]

#: Stem and frame colour of a positive event (Okabe-Ito bluish green).
POSITIVE_COLOUR = "#009E73"
#: Stem and frame colour of a negative event (Okabe-Ito vermilion).
NEGATIVE_COLOUR = "#D55E00"
_FILL = {"positief": "#e3f4ee", "negatief": "#fbe7da"}
_FONT = 9.0
_PAD = 0.3  # box padding, in font sizes
_WRAP = 24
_BASE = 0.3  # inches between the line and the lowest box
_GAP = 0.08  # inches between boxes
_OFFSET = 0.05  # inches between a stem and the left edge of its box


def _label(event: Gebeurtenis) -> str:
    return "\n".join(textwrap.wrap(f"{event.jaar} · {event.omschrijving}", _WRAP, break_long_words=True))


def _measure(labels: list[str]) -> list[tuple[float, float]]:
    """Width and height in inches of each label's box (text plus padding), measured with the Agg renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(dpi=72)
    renderer = FigureCanvasAgg(fig).get_renderer()
    pad = 2 * _PAD * _FONT / 72
    sizes = []
    for label in labels:
        extent = fig.text(0, 0, label, fontsize=_FONT, parse_math=False).get_window_extent(renderer)
        sizes.append((extent.width / 72 + pad, extent.height / 72 + pad))
    return sizes


def place_labels(
    xs: list[float], sizes: list[tuple[float, float]], base: float = _BASE, gap: float = _GAP
) -> list[tuple[float, int]]:
    """Height of the bottom of each box (inches from the line) and its side of the stem (1 right, -1 left).

    ``xs`` are the stems' places and ``sizes`` the boxes' (width, height), all in inches. Boxes are placed from
    the rightmost stem back, each at the lowest height where it touches no other box and no stem; a box
    goes left of its stem only when that is lower and covers no other stem at all (so every later box still
    fits). Events in the same place stack on the right in input order (first lowest).

    >>> place_labels([0.0, 0.0, 3.0], [(1.0, 0.5), (1.0, 0.5), (1.0, 0.5)], base=0.25, gap=0.25)
    [(0.25, 1), (1.0, 1), (0.25, 1)]
    >>> place_labels([0.0, 0.5], [(1.0, 0.5), (1.0, 0.5)], base=0.25, gap=0.25)  # right, box 0 covers stem 1
    [(0.25, -1), (0.25, 1)]
    >>> place_labels([0.0, 1.5, 1.8], [(1.0, 0.5)] * 3, base=0.25, gap=0.25)  # boxes 0 and 1 fit left
    [(0.25, -1), (0.25, -1), (0.25, 1)]
    """
    placed: list[tuple[float, float, float, float, float]] = []  # stem x, box x0, y0, x1, y1
    result = [(0.0, 1)] * len(xs)
    for i in sorted(range(len(xs)), key=lambda k: (-xs[k], k)):
        x, (w, h) = xs[i], sizes[i]

        def fits(y: float, x0: float, x1: float, x=x, h=h) -> bool:
            for sx, bx0, by0, bx1, by1 in placed:
                boxes_meet = x0 < bx1 + gap and bx0 < x1 + gap and y < by1 + gap and by0 < y + h + gap
                covers_stem = x0 - gap < sx < x1 + gap and y < by0
                crosses_box = bx0 < x < bx1 and by0 < y
                if boxes_meet or covers_stem or crosses_box:
                    return False
            return True

        candidates = sorted([base, *(p[4] + gap for p in placed)])
        right = (x + _OFFSET, x + _OFFSET + w)
        y = next((c for c in candidates if fits(c, *right)), candidates[-1])
        choice = (y, 1, right)
        left = (x - _OFFSET - w, x - _OFFSET)
        if not any(left[0] - gap < other < left[1] + gap for j, other in enumerate(xs) if j != i):
            y_left = next((c for c in candidates if c < y and fits(c, *left)), None)
            if y_left is not None:
                choice = (y_left, -1, left)
        result[i] = choice[:2]
        placed.append((x, choice[2][0], choice[0], choice[2][1], choice[0] + h))
    return result


def _placements(events: list[Gebeurtenis], k: float) -> list[tuple[float, int, float, float]]:
    """Per event: height of its box, side, box width and box height (inches)."""
    sizes = _measure([_label(e) for e in events])
    out: list[tuple[float, int, float, float]] = [(0.0, 1, 0.0, 0.0)] * len(events)
    for valence in ("positief", "negatief"):
        idx = [i for i, e in enumerate(events) if e.valentie == valence]
        for i, (y, side) in zip(
            idx, place_labels([events[i].jaar * k for i in idx], [sizes[i] for i in idx]), strict=True
        ):
            out[i] = (y, side, *sizes[i])
    return out


def _draw_events(
    ax: Axes, events: list[Gebeurtenis], k: float, places: list[tuple[float, int, float, float]]
) -> None:
    """Stems, triangles on the line and label boxes."""
    pad = _PAD * _FONT / 72
    style = {"positief": (1, POSITIVE_COLOUR, "^"), "negatief": (-1, NEGATIVE_COLOUR, "v")}
    for i, (event, (y, side, _, _)) in enumerate(zip(events, places, strict=True)):
        sign, colour, marker = style[event.valentie]
        year = event.jaar
        ax.add_line(
            Line2D(
                [year, year],
                [0, sign * y],
                color=colour,
                linewidth=1.6,
                zorder=2,
                gid=f"gebeurtenis-steel-{i}",
            )
        )
        ax.plot([year], [0], marker=marker, color=colour, markersize=9, markeredgecolor="white", zorder=4)
        ax.text(
            year + side * _OFFSET / k,
            sign * (y + pad),
            _label(event),
            ha="left" if side > 0 else "right",
            multialignment="left",
            va="bottom" if sign > 0 else "top",
            fontsize=_FONT,
            parse_math=False,
            zorder=3,
            gid=f"gebeurtenis-{i}",
            bbox={
                "boxstyle": f"square,pad={_PAD}",
                "facecolor": _FILL[event.valentie],
                "edgecolor": colour,
                "linewidth": 1.0,
            },
        )


def gebeurteniskaart_figure(atlas: Netwerkatlas, *, title: str | None = None) -> Figure:
    """The gebeurteniskaart of ``atlas`` as a new Figure (no pyplot state), sized to its labels.

    ``title`` defaults to "Gebeurteniskaart van <naam>".

    Examples
    --------
    >>> from wijkteam_kit.netwerk.model import Netwerkatlas
    >>> fig = gebeurteniskaart_figure(Netwerkatlas(), title="Nog leeg")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['Nog geen gebeurtenissen ingevuld']
    """
    from matplotlib.figure import Figure

    events = list(atlas.gebeurtenissen)
    years = [e.jaar for e in events] or [dt.date.today().year - 5, dt.date.today().year]
    first, last = min(years), max(years)
    k = min(2.0, max(0.15, 12.0 / (last - first + 2)))  # inches per year
    places = _placements(events, k)
    ends = [e.jaar + side * (_OFFSET + w) / k for e, (_, side, w, _) in zip(events, places, strict=True)]
    x0, x1 = min([first - 0.6, *(v - 0.2 for v in ends)]), max([last + 0.6, *(v + 0.2 for v in ends)])
    extent = {
        v: max([1.2, *(y + h for e, (y, _, _, h) in zip(events, places, strict=True) if e.valentie == v)])
        for v in ("positief", "negatief")
    }
    up, down = extent["positief"] + 0.25, extent["negatief"] + 0.25
    head, foot, margin = 1.0, 0.55, 0.4
    width, height = max((x1 - x0) * k + 2 * margin, 8.0), head + up + down + foot
    axes_w = width - 2 * margin
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((margin / width, foot / height, axes_w / width, (up + down) / height))
    x0 -= (axes_w / k - (x1 - x0)) / 2  # centre when the minimum width adds room
    ax.set_xlim(x0, x0 + axes_w / k)
    ax.set_ylim(-down, up)
    _draw_events(ax, events, k, places)
    ax.axhline(0, color="#37474F", linewidth=2.0, zorder=1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(12, max(2, int(axes_w / 0.9)))))
    ax.tick_params(axis="x", labelsize=9)
    ax.tick_params(axis="y", left=False, labelleft=False)
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel("jaar", fontsize=9, color="#616161")
    if not events:
        ax.text(
            x0 + axes_w / k / 2,
            0.45,
            "Nog geen gebeurtenissen ingevuld",
            ha="center",
            va="bottom",
            fontsize=12,
            color="#616161",
            gid="gebeurtenis-leeg",
        )
    handles = [
        Line2D([], [], color=POSITIVE_COLOUR, marker="^", markersize=9, linewidth=1.6),
        Line2D([], [], color=NEGATIVE_COLOUR, marker="v", markersize=9, linewidth=1.6),
    ]
    legend = fig.legend(
        handles,
        ["positieve gebeurtenis (boven de lijn)", "negatieve gebeurtenis (onder de lijn)"],
        loc="upper right",
        bbox_to_anchor=(1 - 0.2 / width, 1 - 0.12 / height),
        fontsize=9,
        frameon=False,
    )
    legend.set_gid("gebeurtenis-legenda")
    heading = title if title is not None else f"Gebeurteniskaart van {atlas.client.naam}"
    fig.text(
        0.3 / width, 1 - 0.35 / height, heading, fontsize=15, fontweight="bold", va="center", parse_math=False
    )
    n = len(events)
    sub = f"{n} {'gebeurtenis' if n == 1 else 'gebeurtenissen'} · positief boven, negatief onder de lijn"
    fig.text(0.3 / width, 1 - 0.7 / height, sub, fontsize=9.5, color="#616161", va="center")
    return fig
