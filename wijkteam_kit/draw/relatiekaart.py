"""The relatiekaart (eco-map): the client in the middle, persons in rings by closeness and wedges by sector.

Conventions (Hartman's eco-map, Network Canvas's sociogram):

- The client sits in the middle with a double outline; four rings (1 heel dichtbij … 4 ver weg) and six
  sector wedges, each wedge named with its count on the outside rim (empty sectors too).
- A person is a circle (informal network) or a square (professional), filled with the sector colour
  (Okabe-Ito palette, safe for colour blindness; the wedge and the name on the rim say the same). A thick
  black edge marks a member of the client's household; a deceased person is grey with a cross and a † before
  the name.
- A tie with the client: solid = steunend, dashed = wisselend, red zigzag = belastend; the thicker the
  line, the more often they have contact (dagelijks thickest … minder thinnest). An arrowhead in the middle
  points to whoever receives support; a double arrowhead means support both ways. Ties between two persons
  are thin and light, without arrowheads.
- There is always a legend, right of the map (plain artists with gids ``netwerk-legenda`` and
  ``netwerk-legenda-kop`` for the headers; not an ``ax.legend``, which renders three times slower).

Every artist of interest has a ``gid`` (kept as an ``id`` in SVG): ``netwerk-client``,
``netwerk-persoon-<id>``, ``netwerk-naam-<id>`` and ``netwerk-band-<van>-<naar>`` (``van`` / ``naar`` as
stored in the :class:`~wijkteam_kit.netwerk.model.Band`, so ties with the client start with ``client``).
User text is drawn literally (no mathtext), so a name like ``$x$`` stays ``$x$``.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(
...     client=Client(naam="Gerda"),
...     personen=(Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1),),
...     banden=(Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend"),),
... )
>>> fig = relatiekaart_figure(atlas)
>>> gids = {a.get_gid() for a in fig.axes[0].get_children()}
>>> {"netwerk-client", "netwerk-persoon-henk", "netwerk-band-client-henk"} <= gids
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Wedge
from matplotlib.transforms import Affine2D, ScaledTranslation

from wijkteam_kit.netwerk.layout import (
    LABEL_SPOTS,
    RING_LABELS,
    label_spots,
    relatiekaart_layout,
    sector_angles,
)
from wijkteam_kit.netwerk.model import CLIENT_ID, FREQUENTIES, SECTOREN, Band, Netwerkatlas

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DECEASED_COLOUR",
    "FREQUENCY_WIDTHS",
    "SECTOR_COLOURS",
    "STRESS_COLOUR",
    "TIE_COLOUR",
    "draw_legend",
    "draw_relatiekaart",
    "legend_rows",
    "relatiekaart_figure",
    "short_name",
]

#: Fill colour per sector (Okabe-Ito, distinguishable with the common forms of colour blindness).
SECTOR_COLOURS: dict[str, str] = {
    "familie": "#E69F00",
    "vrienden": "#56B4E9",
    "buurt": "#009E73",
    "werk/school": "#F0E442",
    "vrijwilligers/verenigingen": "#CC79A7",
    "professionals": "#0072B2",
}
#: Line width (points) of a tie with the client, by contact frequency.
FREQUENCY_WIDTHS: dict[str, float] = {"dagelijks": 4.0, "wekelijks": 2.6, "maandelijks": 1.6, "minder": 0.8}
#: Colour of steunend and wisselend ties; belastend ties are drawn as a zigzag in :data:`STRESS_COLOUR`.
TIE_COLOUR = "#37474F"
STRESS_COLOUR = "#D55E00"
#: Fill of a deceased person.
DECEASED_COLOUR = "#BDBDBD"

_CLIENT_RADII = (0.25, 0.32)
_LIMITS = (6.3, 4.7)
_NODE_SIZE = 11.0
_LABEL_GAP = 7.5
_NAME_FONT = 8.0
_DASHED = (0, (4.5, 2.5))


def short_name(name: str, limit: int = 16) -> str:
    """``name`` cut to ``limit`` characters with an ellipsis.

    >>> short_name("Dokter Verbrugge-van den Heuvel")
    'Dokter Verbrugg…'
    """
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _zigzag(p0: np.ndarray, p1: np.ndarray, amplitude: float, wavelength: float) -> np.ndarray:
    """Points of a zigzag from ``p0`` to ``p1`` (straight for the first and last tenth)."""
    vec = p1 - p0
    length = float(np.hypot(*vec))
    if length < 1e-9:
        return np.array([p0, p1])
    unit, normal = vec / length, np.array([-vec[1], vec[0]]) / length
    a, b = 0.1 * length, 0.9 * length
    half_waves = max(3, round((b - a) / (wavelength / 2)))
    t = np.linspace(a, b, half_waves + 1)
    offsets = amplitude * np.round(np.sin(np.arange(half_waves + 1) * np.pi / 2))  # 0, 1, 0, -1, …
    middle = p0 + np.outer(t, unit) + np.outer(offsets, normal)
    return np.vstack([p0, middle, p1])


def _tie_line(band: Band, p0, p1, ego: bool) -> Line2D:
    """One tie as a Line2D: style by quality, width by frequency; ties between persons thin and light."""
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    width = FREQUENCY_WIDTHS[band.frequentie] * (1.0 if ego else 0.4)
    stress = band.kwaliteit == "belastend"
    if ego:  # start at the client's outer circle
        length = float(np.hypot(*p1))
        if length > _CLIENT_RADII[1]:
            p0 = p1 * (_CLIENT_RADII[1] / length)
    amplitude, wavelength = (0.07, 0.16) if ego else (0.04, 0.12)
    points = _zigzag(p0, p1, amplitude, wavelength) if stress else np.array([p0, p1])
    style = dict(
        color=STRESS_COLOUR if stress else TIE_COLOUR, lw=max(width, 0.6), alpha=1.0 if ego else 0.45
    )
    style["ls"] = _DASHED if band.kwaliteit == "wisselend" else "-"
    line = Line2D(points[:, 0], points[:, 1], solid_joinstyle="miter", zorder=3 if ego else 2, **style)
    line.set_gid(f"netwerk-band-{band.van}-{band.naar}")
    return line


def _arrowheads(band: Band, end: np.ndarray) -> list[np.ndarray]:
    """Triangles in the middle of an ego tie pointing to whoever receives support (two for both ways)."""
    length = float(np.hypot(*end))
    if length < 1e-9 or not (band.steun_ontvangen or band.steun_gegeven):
        return []
    unit = end / length
    normal = np.array([-unit[1], unit[0]])
    mid = (_CLIENT_RADII[1] + max(_CLIENT_RADII[1], length - 0.1)) / 2
    size, half = 0.15, 0.085

    def triangle(base: float, direction: float) -> np.ndarray:
        centre = unit * base
        tip = centre + unit * size * direction
        return np.array([tip, centre + normal * half, centre - normal * half])

    if band.steun_ontvangen and band.steun_gegeven:
        return [triangle(mid - 0.005, -1), triangle(mid + 0.005, 1)]
    if band.steun_ontvangen:  # the client receives: point to the client
        return [triangle(mid + size / 2, -1)]
    return [triangle(mid - size / 2, 1)]


def _text(ax: Axes, x: float, y: float, text: str, **style) -> None:
    """A text drawn literally (no mathtext), so user input like ``$x$`` stays as typed."""
    ax.text(x, y, text, parse_math=False, **style)


def _box(face: str = "white", edge: str = "none", alpha: float = 0.85, pad: float = 0.15, width: float = 1.0):
    return {"boxstyle": f"round,pad={pad}", "facecolor": face, "edgecolor": edge, "alpha": alpha, "lw": width}


_RING_TEXT = dict(ha="center", va="center", fontsize=8, color="#424242", bbox=_box(), zorder=2.5)
_CLIENT_TEXT = dict(ha="center", va="center", fontsize=9, fontweight="bold", bbox=_box(alpha=0.8), zorder=7)


def _draw_background(ax: Axes, atlas: Netwerkatlas) -> None:
    """Sector wedges with names and counts, the four rings with their labels, the sector borders."""
    counts = {s: 0 for s in SECTOREN}
    for p in atlas.personen:
        counts[p.sector] += 1
    borders = []
    for sector in SECTOREN:
        start, end = sector_angles(sector)
        colour, gid = SECTOR_COLOURS[sector], f"netwerk-sector-{sector}"
        wedge = Wedge((0, 0), 4, math.degrees(start), math.degrees(end), fc=colour, alpha=0.09, lw=0)
        ax.add_patch(wedge).set(gid=gid, zorder=0)
        borders.append([(0.3 * math.cos(end), 0.3 * math.sin(end)), (4 * math.cos(end), 4 * math.sin(end))])
        cos, sin = math.cos((start + end) / 2), math.sin((start + end) / 2)
        name = sector.replace("/", "/\n") if len(sector) > 14 else sector
        ha = "left" if cos > 0.3 else "right" if cos < -0.3 else "center"
        va = "bottom" if sin > 0.3 else "top" if sin < -0.3 else "center"
        box = _box(edge=colour, alpha=1, pad=0.3, width=2)
        style = {"fontsize": 10, "fontweight": "bold", "ha": ha, "va": va, "bbox": box, "zorder": 8}
        _text(
            ax,
            4.12 * cos,
            4.12 * sin,
            f"{name} ({counts[sector]})",
            gid=f"netwerk-sectornaam-{sector}",
            **style,
        )
    ax.add_collection(LineCollection(borders, colors="#9E9E9E", linewidths=0.8, zorder=1))
    for ring in (1, 2, 3, 4):
        ax.add_patch(Circle((0, 0), ring, fill=False, ec="#9E9E9E", lw=1.0, zorder=1)).set_gid(
            f"netwerk-ring-{ring}"
        )
        _text(ax, 0, -ring, f"{ring} {RING_LABELS[ring]}", gid=f"netwerk-ringlabel-{ring}", **_RING_TEXT)


#: How a name is drawn at each spot of :data:`~wijkteam_kit.netwerk.layout.LABEL_SPOTS`: alignment.
_ALIGN = {
    "onder": ("center", "top"),
    "boven": ("center", "bottom"),
    "rechts": ("left", "center"),
    "links": ("right", "center"),
}


def _points_per_unit(ax: Axes) -> float:
    """Drawing scale of the map: typographic points per map unit (the axes keep an equal aspect)."""
    fig, box = ax.get_figure(), ax.get_position()
    w_in, h_in = box.width * fig.get_figwidth(), box.height * fig.get_figheight()
    return min(w_in / (2 * _LIMITS[0]), h_in / (2 * _LIMITS[1])) * 72


def _draw_ties(ax: Axes, atlas: Netwerkatlas, pos: Mapping[str, tuple[float, float]]) -> None:
    """Every tie (one Line2D each, for the gids) and the support arrowheads (one PolyCollection)."""
    triangles, colours = [], []
    for band in atlas.banden:
        if band.van in pos and band.naar in pos:
            ax.add_artist(_tie_line(band, pos[band.van], pos[band.naar], band.met_client))
            if band.met_client:
                heads = _arrowheads(band, np.asarray(pos[band.naar], float))
                triangles += heads
                colours += [STRESS_COLOUR if band.kwaliteit == "belastend" else TIE_COLOUR] * len(heads)
    if triangles:
        heads = PolyCollection(triangles, facecolors=colours, edgecolors="white", linewidths=0.6, zorder=4)
        ax.add_collection(heads).set_gid("netwerk-steunrichting")


_HALO = {"marker": "o", "ms": _NODE_SIZE + 9, "mfc": "none", "mec": "black", "mew": 2.4, "zorder": 5.5}
_NAME_TEXT = {"fontsize": _NAME_FONT, "zorder": 7, "bbox": _box(alpha=0.6, pad=0.05)}


def _node(x: float, y: float, **style) -> Line2D:
    return Line2D([x], [y], linestyle="none", **style)


def draw_relatiekaart(
    ax: Axes,
    atlas: Netwerkatlas,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    highlight: Iterable[str] = (),
    show_legend: bool = True,
) -> None:
    """Draw the relatiekaart of ``atlas`` into ``ax`` (map units; the rings have radius 1–4).

    Parameters
    ----------
    ax : Axes
        An empty axes; its limits, aspect and frame are set here.
    atlas : Netwerkatlas
        The snapshot to draw.
    positions : mapping, optional
        Positions to use instead of :func:`~wijkteam_kit.netwerk.layout.relatiekaart_layout` (ids missing
        from it are placed automatically).
    highlight : iterable of str
        Person ids (or ``"client"``) to circle with a thick black ring and a bold name.
    show_legend : bool
        Put the legend to the right of the map.
    """
    pos = relatiekaart_layout(atlas)
    if positions:
        pos.update({k: (float(v[0]), float(v[1])) for k, v in positions.items() if k in pos})
    marked = set(highlight)
    ax.set(xlim=(-_LIMITS[0], _LIMITS[0]), ylim=(-_LIMITS[1], _LIMITS[1]), aspect="equal")
    ax.set_axis_off()
    ax.set_autoscale_on(False)
    _draw_background(ax, atlas)
    _draw_ties(ax, atlas, pos)

    inner, outer = _CLIENT_RADII
    ax.add_patch(Circle((0, 0), outer, fc="white", ec="black", lw=1.6, zorder=5, gid="netwerk-client"))
    ax.add_patch(Circle((0, 0), inner, fill=False, ec="black", lw=1.6, zorder=5))
    if CLIENT_ID in marked:
        ax.add_patch(Circle((0, 0), outer + 0.08, fill=False, ec="black", lw=3, zorder=5))
    client = short_name(atlas.client.naam.split()[0], 9)
    _text(ax, 0, 0, client, gid="netwerk-clientnaam", **_CLIENT_TEXT)

    labels = [("† " if p.overleden else "") + short_name(p.naam) for p in atlas.personen]
    scale = _points_per_unit(ax)
    half_w, half_h = len(client) * 2.9 / scale, 5 / scale
    blocked = [(-half_w, half_w, -half_h, half_h), (-outer, outer, -outer, outer)]
    xy = [pos[p.id] for p in atlas.personen]
    spots = label_spots(
        xy,
        labels,
        points_per_unit=scale,
        font_size=_NAME_FONT,
        gap=_LABEL_GAP,
        node_size=_NODE_SIZE,
        blocked=blocked,
    )
    dpi_scale = ax.get_figure().dpi_scale_trans
    shifts = {
        spot: ax.transData + ScaledTranslation(dx * _LABEL_GAP / 72, dy * _LABEL_GAP / 72, dpi_scale)
        for spot, (dx, dy) in LABEL_SPOTS.items()
    }
    for p, (x, y), label, spot in zip(atlas.personen, xy, labels, spots, strict=True):
        face = DECEASED_COLOUR if p.overleden else SECTOR_COLOURS[p.sector]
        edge, edge_width = ("black", 2.6) if p.huishouden else ("#424242", 0.9)
        shape, size = ("s", _NODE_SIZE * 0.9) if p.formeel else ("o", _NODE_SIZE)
        style = {"marker": shape, "ms": size, "mfc": face, "mec": edge, "mew": edge_width, "zorder": 6}
        ax.add_artist(_node(x, y, gid=f"netwerk-persoon-{p.id}", **style))
        if p.overleden:
            ax.add_artist(_node(x, y, marker="x", ms=7, mec="black", mew=1.4, zorder=6.5))
        if p.id in marked:
            ax.add_artist(_node(x, y, gid=f"netwerk-uitgelicht-{p.id}", **_HALO))
        ha, va = _ALIGN[spot]
        style = {"ha": ha, "va": va, "fontweight": "bold" if p.id in marked else "normal", **_NAME_TEXT}
        _text(ax, x, y, label, transform=shifts[spot], gid=f"netwerk-naam-{p.id}", **style)
    if show_legend:

        draw_legend(ax, atlas, bool(marked))


def relatiekaart_figure(
    atlas: Netwerkatlas,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    title: str | None = None,
    highlight: Iterable[str] = (),
    size: tuple[float, float] = (11, 7.4),
) -> Figure:
    """The relatiekaart as a new Figure (no pyplot state), ready for :func:`~wijkteam_kit.draw.figure_bytes`.

    ``title`` defaults to "Relatiekaart van <naam> · <moment>"; the other arguments are those of
    :func:`draw_relatiekaart`.

    Examples
    --------
    >>> from wijkteam_kit.netwerk.model import Netwerkatlas
    >>> fig = relatiekaart_figure(Netwerkatlas(), title="Nog leeg")
    >>> fig.texts[0].get_text(), sum(t.get_gid() == "netwerk-legenda-kop" for t in fig.axes[0].texts)
    ('Nog leeg', 5)
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=size)
    ax = fig.add_axes((0.0, 0.0, 0.7, 0.9))
    draw_relatiekaart(ax, atlas, positions=positions, highlight=highlight)
    n, t = len(atlas.personen), len(atlas.banden)
    heading = title if title is not None else f"Relatiekaart van {atlas.client.naam} · {atlas.moment}"
    fig.text(0.02, 0.965, heading, fontsize=15, fontweight="bold", va="center", parse_math=False)
    counts = f"{n} {'persoon' if n == 1 else 'personen'} · {t} {'band' if t == 1 else 'banden'}"
    fig.text(0.02, 0.925, counts, fontsize=9.5, color="#616161", va="center")
    return fig


# ------------------------------------------ the legend: plain artists, not ax.legend (three times slower)
_LEGEND_NODE = {"marker": "o", "ms": 9, "mfc": "white", "mec": "#424242", "mew": 1.2}
_ROW, _HANDLE = 13.5, 24.0  # legend row height and handle width, in points


def legend_rows(atlas: Netwerkatlas, highlighted: bool) -> list[tuple[str, str, list[dict]]]:
    """(kind, label, styles) per legend row; kind is header, node (markers), line, zigzag or both.

    >>> rows = legend_rows(Netwerkatlas(), highlighted=False)
    >>> [label for kind, label, _ in rows if kind == "header"]
    ['Sector (kleur)', 'Symbolen', 'Band met de cliënt', 'Contact (lijndikte)', 'Steun (pijlpunt)']
    >>> any(label == "uitgelicht" for _, label, _ in legend_rows(Netwerkatlas(), highlighted=True))
    True
    """
    node = [dict(_LEGEND_NODE)]
    rows = [("header", "Sector (kleur)", [])]
    rows += [("node", sector, [{**_LEGEND_NODE, "mfc": SECTOR_COLOURS[sector]}]) for sector in SECTOREN]
    rows += [
        ("header", "Symbolen", []),
        (
            "node",
            f"{short_name(atlas.client.naam, 20)} (cliënt)",
            [{**_LEGEND_NODE, "ms": 13, "mec": "black"}, {**_LEGEND_NODE, "mfc": "none", "mec": "black"}],
        ),
        ("node", "eigen netwerk", node),
        ("node", "professional", [{**_LEGEND_NODE, "marker": "s", "ms": 8}]),
        ("node", "woont in het huishouden", [{**_LEGEND_NODE, "mew": 2.6, "mec": "black"}]),
        (
            "node",
            "overleden",
            [{**_LEGEND_NODE, "mfc": DECEASED_COLOUR}, {"marker": "x", "ms": 6, "mec": "black"}],
        ),
    ]
    if highlighted:
        rows.append(("node", "uitgelicht", [{**_LEGEND_NODE, **_HALO, "ms": 13, "zorder": 2}]))
    line = {"color": TIE_COLOUR, "lw": 2}
    rows += [
        ("header", "Band met de cliënt", []),
        ("line", "steunend", [line]),
        ("line", "wisselend", [{**line, "ls": _DASHED}]),
        ("zigzag", "belastend", []),
        ("header", "Contact (lijndikte)", []),
        *[("line", freq, [{**line, "lw": FREQUENCY_WIDTHS[freq]}]) for freq in FREQUENTIES],
        ("header", "Steun (pijlpunt)", []),
        ("line", "naar wie steun krijgt", [{**line, "lw": 1.4}]),
        ("both", "over en weer", []),
        ("line", "band tussen personen", [{**line, "lw": 1, "alpha": 0.45}]),
    ]
    return rows


def draw_legend(ax: Axes, atlas: Netwerkatlas, highlighted: bool) -> None:
    """The legend, right of the map, built from plain artists (much faster to render than ``ax.legend``).

    Every legend text has a gid starting with ``netwerk-legenda``; the headers are bold.
    """
    rows = legend_rows(atlas, highlighted)
    fig = ax.get_figure()
    top = len(rows) * _ROW / 2
    trans = Affine2D().scale(1 / 72) + fig.dpi_scale_trans + ScaledTranslation(1.03, 0.5, ax.transAxes)
    mid, heads = _HANDLE / 2, []
    for i, (kind, label, styles) in enumerate(rows):
        y = top - (i + 0.5) * _ROW
        header = kind == "header"
        _text(
            ax,
            0 if header else _HANDLE + 6,
            y,
            label,
            transform=trans,
            va="center",
            clip_on=False,
            fontsize=9.5 if header else 8.5,
            fontweight="bold" if header else "normal",
            gid="netwerk-legenda-kop" if header else "netwerk-legenda",
        )
        artists = [_node(mid, y, **style) for style in styles] if kind == "node" else []
        artists += [Line2D([0, _HANDLE], [y, y], **style) for style in styles] if kind == "line" else []
        if kind == "zigzag":
            zig = np.array([0, 1, 0, -1, 0, 1, 0, -1, 0]) * 3.5
            artists.append(Line2D(np.linspace(0, _HANDLE, 9), y + zig, color=STRESS_COLOUR, lw=1.8))
        if kind == "both":
            artists.append(Line2D([0, _HANDLE], [y, y], color=TIE_COLOUR, lw=1.4))
            heads += [
                [(mid - 8, y), (mid, y + 4.5), (mid, y - 4.5)],
                [(mid + 8, y), (mid, y + 4.5), (mid, y - 4.5)],
            ]
        if label == "naar wie steun krijgt":
            heads.append([(mid + 6, y), (mid - 2, y + 4.5), (mid - 2, y - 4.5)])
        for artist in artists:
            artist.set(transform=trans, clip_on=False)
            ax.add_artist(artist)
    arrows = PolyCollection(heads, facecolors=TIE_COLOUR, edgecolors="white", linewidths=0.5)
    arrows.set(transform=trans, clip_on=False)
    ax.add_artist(arrows)
