"""The familiekaart (genogram) after McGoldrick: family members in generation rows with their ties.

Conventions:

- Square = man, circle = vrouw, diamond = anders (a diamond with ``?`` = onbekend); an X through the symbol =
  overleden; the client has a double outline.
- Couple line: solid = getrouwd, dashed = samenwonend, one slash = uit elkaar, two slashes = gescheiden; a solid
  grey line = partners whose kind of relationship is not filled in (derived from ``relatie``).
- Children hang from their parents' couple line (or from one parent), oldest left; a dashed child line =
  pleegkind or adoptiekind. Siblings whose parents are unknown hang from a ``?``.
- A dotted line goes around the household (those living together, the client included), when the client does
  not live alone. Name, birth year and age are under each symbol.

Which persons are on the map and where follows from :func:`wijkteam_kit.netwerk.genogram.genogram_layout`.
Every artist of interest has a ``gid`` (an ``id`` in SVG): ``genogram-persoon-<id>``,
``genogram-koppel-<a>-<b>`` (with ``genogram-streep-<a>-<b>-<n>`` for the slashes), ``genogram-kind-<id>``,
``genogram-overleden-<id>``, ``genogram-naam-<id>`` and ``genogram-huishouden``. User text is drawn
literally (no mathtext).

Examples
--------
>>> from wijkteam_kit.netwerk.model import Client, Koppel, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(client=Client(naam="Gerda", geslacht="vrouw"),
...     personen=(Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1, geslacht="man"),),
...     koppels=(Koppel(a="client", b="henk", status="gescheiden"),))
>>> fig = familiekaart_figure(atlas)
>>> gids = {a.get_gid() for a in fig.axes[0].get_children()}
>>> sorted(g for g in gids if g and "henk" in g)  # doctest: +NORMALIZE_WHITESPACE
['genogram-koppel-client-henk', 'genogram-naam-henk', 'genogram-persoon-henk',
 'genogram-streep-client-henk-1', 'genogram-streep-client-henk-2']
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import defaultdict
from typing import TYPE_CHECKING

from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, PathPatch, Polygon, Rectangle
from matplotlib.path import Path

from wijkteam_kit.netwerk.genogram import SPACING, GenogramLayout, genogram_layout
from wijkteam_kit.netwerk.huishouden_omtrek import household_outline
from wijkteam_kit.netwerk.model import CLIENT_ID, Netwerkatlas

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "COUPLE_STYLES",
    "draw_familiekaart",
    "draw_legend",
    "familiekaart_figure",
]

#: Line style, colour and number of slashes per couple status.
COUPLE_STYLES: dict[str, tuple[str | tuple, str, int]] = {
    "getrouwd": ("-", "black", 0),
    "samenwonend": ((0, (5, 3)), "black", 0),
    "uit_elkaar": ("-", "black", 1),
    "gescheiden": ("-", "black", 2),
    "partner": ("-", "#8a8a8a", 0),
}
_R = 0.4  # half size of a symbol (map units)
_UNIT_INCH = 0.62  # map unit in inches in familiekaart_figure
_BAR = 2.05  # distance from a parent row to the sibship bar
_LINE = {"color": "black", "linewidth": 1.4, "solid_capstyle": "butt"}
_DASHED = (0, (4, 3))
_NAN = float("nan")


def _line(ax: Axes, xs: list[float], ys: list[float], gid: str | None, **style) -> None:
    ax.add_line(Line2D(xs, ys, gid=gid, **{**_LINE, "zorder": 2, **style}))


def _symbol(geslacht: str, x: float, y: float, r: float, **style) -> Rectangle | Circle | Polygon:
    if geslacht == "man":
        return Rectangle((x - r, y - r), 2 * r, 2 * r, **style)
    if geslacht == "vrouw":
        return Circle((x, y), r, **style)
    d = r * 1.2
    return Polygon([(x, y + d), (x + d, y), (x, y - d), (x - d, y)], closed=True, **style)


def _person_texts(atlas: Netwerkatlas, pid: str, layout: GenogramLayout, peiljaar: int) -> tuple[str, str]:
    """Name (wrapped, at most two lines) and details (client, birth year, age, side label)."""
    name = atlas.name(pid)
    lines = textwrap.wrap(name, 12, break_long_words=True) or [name]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), 12, placeholder="…")]
    year = atlas.client.geboortejaar if pid == CLIENT_ID else atlas.person(pid).geboortejaar
    dead = pid != CLIENT_ID and atlas.person(pid).overleden
    details = []
    if pid == CLIENT_ID:
        details.append("cliënt")
    if dead:
        details += ([f"geb. {year}"] if year is not None else []) + ["overleden"]
    elif year is not None:
        details.append(f"{peiljaar - year} jaar ({year})" if year <= peiljaar else f"geb. {year}")
    if pid in layout.side_labels:
        details.append(f"({layout.side_labels[pid]})")
    return "\n".join(lines), "\n".join(details)


def _draw_person(ax: Axes, atlas: Netwerkatlas, pid: str, layout: GenogramLayout, peiljaar: int) -> None:
    x, y = layout.positions[pid]
    geslacht = atlas.client.geslacht if pid == CLIENT_ID else atlas.person(pid).geslacht
    style = {"facecolor": "white", "edgecolor": "black", "linewidth": 1.6, "zorder": 4}
    ax.add_patch(_symbol(geslacht, x, y, _R, gid=f"genogram-persoon-{pid}", **style))
    if pid == CLIENT_ID:
        inner = {**style, "linewidth": 1.2, "zorder": 5, "facecolor": "none"}
        ax.add_patch(_symbol(geslacht, x, y, _R * 0.7, gid="genogram-persoon-client-binnen", **inner))
    if geslacht == "onbekend":
        ax.text(x, y, "?", ha="center", va="center", fontsize=10, fontweight="bold", zorder=6)
    if pid != CLIENT_ID and atlas.person(pid).overleden:
        d = _R * 1.15
        _line(
            ax,
            [x - d, x + d, _NAN, x - d, x + d],
            [y - d, y + d, _NAN, y + d, y - d],
            f"genogram-overleden-{pid}",
            zorder=6,
            linewidth=1.6,
        )
    name, details = _person_texts(atlas, pid, layout, peiljaar)
    box = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    common = {"ha": "center", "va": "top", "textcoords": "offset points", "parse_math": False, "zorder": 7}
    weight = "bold" if pid == CLIENT_ID else "normal"
    below = -(_R * 1.25) * 72 * _UNIT_INCH
    ax.annotate(
        name,
        (x, y),
        (0, below),
        fontsize=9,
        fontweight=weight,
        bbox=box,
        gid=f"genogram-naam-{pid}",
        **common,
    )
    if details:
        offset = below - 11.2 * (name.count("\n") + 1)
        ax.annotate(details, (x, y), (0, offset), fontsize=8, color="#424242", bbox=box, **common)


def _draw_couples(ax: Axes, layout: GenogramLayout) -> dict[frozenset[str], tuple[float, float]]:
    """Couple lines with slashes; returns where children of each couple hang from."""
    anchors = {}
    rows: dict[float, list[float]] = defaultdict(list)
    for x, y in layout.positions.values():
        rows[y].append(x)
    for c in layout.couples:
        (xa, ya), (xb, yb) = sorted((layout.positions[c.a], layout.positions[c.b]))
        linestyle, colour, slashes = COUPLE_STYLES.get(c.status, COUPLE_STYLES["partner"])
        between = ya == yb and any(xa < x < xb for x in rows[ya])
        if between:  # someone sits between the partners: an arch above the row
            top = ya + _R * 2.2
            xs, ys = [xa, xa, xb, xb], [ya + _R, top, top, yb + _R]
        else:
            xs, ys = [xa + _R, xb - _R], [ya, yb]
        gid = f"genogram-koppel-{c.a}-{c.b}"
        _line(ax, xs, ys, gid, linestyle=linestyle, color=colour, zorder=3)
        mx, my = (xa + xb) / 2, (ys[1] + ys[2]) / 2 if between else (ya + yb) / 2
        anchors[frozenset((c.a, c.b))] = (mx, my)
        if between:  # drop in the gap next to the outer partner, not through the person in between
            degree = {m: sum(m in (d.a, d.b) for d in layout.couples) for m in (c.a, c.b)}
            outer = min((c.a, c.b), key=lambda m: (degree[m], -layout.positions[m][0]))
            ox = layout.positions[outer][0]
            anchors[frozenset((c.a, c.b))] = (ox + (1 if ox == xa else -1) * (SPACING / 2 - 0.3), my)
        for k in range(slashes):
            sx = mx - 0.3 - 0.16 * k
            _line(
                ax,
                [sx - 0.09, sx + 0.09],
                [my - 0.22, my + 0.22],
                f"{gid.replace('koppel', 'streep')}-{k + 1}",
                zorder=3,
            )
    return anchors


def _draw_children(
    ax: Axes, layout: GenogramLayout, anchors: dict[frozenset[str], tuple[float, float]]
) -> None:
    """Per sibship: a drop from the parents, a horizontal bar and a line to each child (dashed when pleeg/adoptie)."""
    units: dict[tuple[str, ...], list] = defaultdict(list)
    for line in layout.children:
        units[line.ouders].append(line)
    bars: dict[float, list[tuple[float, float, int]]] = defaultdict(list)
    for ouders, lines in sorted(units.items(), key=lambda u: _anchor(layout, anchors, u[0])):
        ax_, ay = _anchor(layout, anchors, ouders)
        row_y = layout.positions[ouders[0]][1] if ouders else layout.stub[1]
        kid_xs = [layout.positions[line.kind][0] for line in lines]
        lo, hi = min([ax_, *kid_xs]), max([ax_, *kid_xs])
        level = 0
        while any(lo < h + 0.3 and hi > lo2 - 0.3 and lvl == level for lo2, h, lvl in bars[row_y]):
            level += 1
        bars[row_y].append((lo, hi, level))
        bar_y = row_y - _BAR - 0.22 * level
        gid = f"genogram-kinderen-{'-'.join(ouders) or 'onbekend'}"
        _line(ax, [ax_, ax_, _NAN, lo, hi], [ay, bar_y, _NAN, bar_y, bar_y], gid)
        for line, kx in zip(lines, kid_xs, strict=True):
            ky = layout.positions[line.kind][1]
            style = _DASHED if line.soort in ("pleeg", "adoptie") else "-"
            _line(ax, [kx, kx], [bar_y, ky + _R * 1.2], f"genogram-kind-{line.kind}", linestyle=style)
    if layout.stub is not None:
        sx, sy = layout.stub
        _line(ax, [sx, sx], [sy - 0.75, sy - _BAR], None, linestyle=_DASHED)
        ax.text(
            sx,
            sy - 0.5,
            "?",
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            gid="genogram-onbekende-ouder",
        )


def _anchor(
    layout: GenogramLayout, anchors: dict[frozenset[str], tuple[float, float]], ouders: tuple[str, ...]
) -> tuple[float, float]:
    if not ouders:
        return layout.stub[0], layout.stub[1] - 0.75
    if frozenset(ouders) in anchors:
        return anchors[frozenset(ouders)]
    x, y = layout.positions[ouders[0]]
    return x, y - _R


def _limits(layout: GenogramLayout) -> tuple[tuple[float, float], tuple[float, float]]:
    points = [*layout.positions.values(), *([layout.stub] if layout.stub else [])]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs) - 1.6, max(xs) + 1.6), (min(ys) - 2.0, max(ys) + 1.2)


def draw_familiekaart(ax: Axes, atlas: Netwerkatlas, *, peiljaar: int | None = None) -> GenogramLayout:
    """Draw the familiekaart of ``atlas`` on ``ax`` (with its legend) and return the layout used.

    ``peiljaar`` is the year ages are counted to (default: this year).
    """
    layout = genogram_layout(atlas)
    year = peiljaar if peiljaar is not None else dt.date.today().year
    loops = household_outline(layout) if len(layout.household) > 1 else []
    if loops:
        vertices, codes = [], []
        for loop in loops:
            vertices += [*loop, loop[0]]
            codes += [Path.MOVETO] + [Path.LINETO] * (len(loop) - 1) + [Path.CLOSEPOLY]
        ax.add_patch(
            PathPatch(
                Path(vertices, codes),
                facecolor="none",
                edgecolor="#37474F",
                linestyle=":",
                linewidth=1.8,
                zorder=1,
                gid="genogram-huishouden",
            )
        )
    anchors = _draw_couples(ax, layout)
    _draw_children(ax, layout, anchors)
    for pid in layout.positions:
        _draw_person(ax, atlas, pid, layout, year)
    xlim, ylim = _limits(layout)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()

    draw_legend(ax)
    return layout


def familiekaart_figure(
    atlas: Netwerkatlas, *, title: str | None = None, peiljaar: int | None = None
) -> Figure:
    """The familiekaart as a new Figure (no pyplot state), sized so every label keeps its font size.

    ``title`` defaults to "Familiekaart van <naam>".

    Examples
    --------
    >>> from wijkteam_kit.netwerk.model import Netwerkatlas
    >>> fig = familiekaart_figure(Netwerkatlas(), title="Nog leeg")
    >>> fig.axes[0].get_legend() is not None, fig.texts[0].get_text()
    (True, 'Nog leeg')
    """
    from matplotlib.figure import Figure

    layout = genogram_layout(atlas)
    (x0, x1), (y0, y1) = _limits(layout)
    map_w, map_h = (x1 - x0) * _UNIT_INCH, (y1 - y0) * _UNIT_INCH
    legend_w, head = 3.6, 0.9
    width, height = max(map_w, 3.0) + legend_w + 0.4, max(map_h, 5.4) + head
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0.2 / width, 0.1 / height, max(map_w, 3.0) / width, (height - head - 0.1) / height))
    draw_familiekaart(ax, atlas, peiljaar=peiljaar)
    heading = title if title is not None else f"Familiekaart van {atlas.client.naam}"
    fig.text(
        0.2 / width, 1 - 0.35 / height, heading, fontsize=15, fontweight="bold", va="center", parse_math=False
    )
    n = len(layout.positions) - 1
    sub = f"{n} {'familielid' if n == 1 else 'familieleden'} · {atlas.moment}"
    fig.text(0.2 / width, 1 - 0.7 / height, sub, fontsize=9.5, color="#616161", va="center", parse_math=False)
    return fig


# ------------------------------------------ the legend: symbols, couple and child lines, household outline
_COUPLE_LABELS = {
    "getrouwd": "getrouwd",
    "samenwonend": "samenwonend (gestreept)",
    "uit_elkaar": "uit elkaar (één streep)",
    "gescheiden": "gescheiden (twee strepen)",
    "partner": "partners, soort relatie niet ingevuld (grijs)",
}


class _Handler(HandlerBase):
    """Legend entries drawn with the same shapes as the map: symbols, slashes, a dotted household box."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        x, y, r = width / 2 - xdescent, height / 2 - ydescent, height * 0.55
        style = {"facecolor": "white", "edgecolor": "black", "linewidth": 1.3, "transform": trans}
        kind = self.kind
        if kind in ("man", "vrouw", "anders", "onbekend", "overleden", "client"):
            geslacht = {"overleden": "man", "client": "vrouw"}.get(kind, kind)
            artists = [_symbol(geslacht, x, y, r, **style)]
            if kind == "client":
                artists.append(_symbol(geslacht, x, y, r * 0.65, **{**style, "facecolor": "none"}))
            if kind == "overleden":
                artists.append(
                    Line2D(
                        [x - r, x + r, float("nan"), x - r, x + r],
                        [y - r, y + r, float("nan"), y + r, y - r],
                        color="black",
                        lw=1.3,
                        transform=trans,
                    )
                )
            return artists
        if kind == "huishouden":
            return [
                Rectangle(
                    (x - width * 0.45, y - height * 0.6),
                    width * 0.9,
                    height * 1.2,
                    facecolor="none",
                    edgecolor="black",
                    linestyle=":",
                    linewidth=1.5,
                    transform=trans,
                )
            ]
        if kind == "onbekende-ouder":
            return [
                Line2D(
                    [x, x],
                    [y - height * 0.7, y + height * 0.2],
                    color="black",
                    lw=1.2,
                    linestyle=_DASHED,
                    transform=trans,
                )
            ]
        linestyle, colour, slashes = COUPLE_STYLES.get(kind, ("-", "black", 0))
        if kind == "pleeg":
            linestyle = _DASHED
        artists = [
            Line2D(
                [-xdescent, width - xdescent],
                [y, y],
                linestyle=linestyle,
                color=colour,
                lw=1.4,
                transform=trans,
            )
        ]
        for k in range(slashes):
            sx = x - 3 + 5 * k
            artists.append(
                Line2D(
                    [sx - 2, sx + 2],
                    [y - height * 0.5, y + height * 0.5],
                    color="black",
                    lw=1.3,
                    transform=trans,
                )
            )
        return artists


def draw_legend(ax: Axes) -> None:
    """Symbols, couple lines, child lines and the household, with headers; always the full set.

    An ``ax.legend`` (gid ``genogram-legenda``) right of the map; every entry is drawn with the same shapes as
    the map itself.

    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> draw_legend(ax)
    >>> texts = [t.get_text() for t in ax.get_legend().get_texts()]
    >>> texts[:3], texts[-1]
    (['Symbolen', 'man', 'vrouw'], 'stippellijn: woont samen met de cliënt')
    """
    entries: list[tuple[str | None, str]] = [
        (None, "Symbolen"),
        ("man", "man"),
        ("vrouw", "vrouw"),
        ("anders", "anders (ruit); ? = onbekend"),
        ("client", "cliënt (dubbele rand)"),
        ("overleden", "overleden (kruis)"),
        (None, "Relatie tussen partners"),
        *((status, label) for status, label in _COUPLE_LABELS.items()),
        (None, "Kinderen"),
        ("kind", "kind (hangt onder de ouders, oudste links)"),
        ("pleeg", "pleeg- of adoptiekind (gestreept)"),
        ("onbekende-ouder", "?: ouders niet bekend"),
        (None, "Huishouden"),
        ("huishouden", "stippellijn: woont samen met de cliënt"),
    ]
    handles, labels, handler_map, headers = [], [], {}, []
    for kind, label in entries:
        handle = Line2D([], [], linestyle="none")
        if kind is None:
            headers.append(len(labels))
        else:
            handler_map[handle] = _Handler(kind)
        handles.append(handle)
        labels.append(label)
    legend = ax.legend(
        handles,
        labels,
        handler_map=handler_map,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8.5,
        frameon=False,
        handlelength=2.6,
        handleheight=1.2,
        labelspacing=0.5,
        borderaxespad=0.2,
    )
    legend.set_gid("genogram-legenda")
    for i, text in enumerate(legend.get_texts()):
        text.set_parse_math(False)
        if i in headers:
            text.set_fontweight("bold")
            text.set_fontsize(9.5)
