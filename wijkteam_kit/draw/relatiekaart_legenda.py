"""The legend of the relatiekaart: colours, symbols, line styles and arrowheads, right of the map.

Built from plain artists (gids ``netwerk-legenda`` and ``netwerk-legenda-kop`` for the headers), not with
``ax.legend``, which renders three times slower. :func:`~wijkteam_kit.draw.relatiekaart.draw_relatiekaart`
calls :func:`draw_legend` when ``show_legend`` is true.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Netwerkatlas
>>> rows = legend_rows(Netwerkatlas(), highlighted=False)
>>> [label for kind, label, _ in rows if kind == "header"]
['Sector (kleur)', 'Symbolen', 'Band met de cliënt', 'Contact (lijndikte)', 'Steun (pijlpunt)']
>>> any(label == "uitgelicht" for _, label, _ in legend_rows(Netwerkatlas(), highlighted=True))
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.transforms import Affine2D, ScaledTranslation

from wijkteam_kit.draw.relatiekaart import (
    _DASHED,
    _HALO,
    DECEASED_COLOUR,
    FREQUENCY_WIDTHS,
    SECTOR_COLOURS,
    STRESS_COLOUR,
    TIE_COLOUR,
    _node,
    _text,
    short_name,
)
from wijkteam_kit.netwerk.model import FREQUENTIES, SECTOREN, Netwerkatlas

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_legend", "legend_rows"]


_LEGEND_NODE = {"marker": "o", "ms": 9, "mfc": "white", "mec": "#424242", "mew": 1.2}
_ROW, _HANDLE = 13.5, 24.0  # legend row height and handle width, in points


def legend_rows(atlas: Netwerkatlas, highlighted: bool) -> list[tuple[str, str, list[dict]]]:
    """(kind, label, styles) per legend row; kind is header, node (markers), line, zigzag or both."""
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
