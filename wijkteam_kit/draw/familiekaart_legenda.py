"""The legend of the familiekaart: symbols, couple lines, child lines and the household outline.

An ``ax.legend`` (gid ``genogram-legenda``) right of the map, always with the full set of entries and bold
headers; every entry is drawn with the same shapes as the map itself. :func:`draw_legend` is called by
:func:`~wijkteam_kit.draw.familiekaart.draw_familiekaart`.

Examples
--------
>>> from matplotlib.figure import Figure
>>> ax = Figure().add_subplot()
>>> draw_legend(ax)
>>> texts = [t.get_text() for t in ax.get_legend().get_texts()]
>>> texts[:3], texts[-1]
(['Symbolen', 'man', 'vrouw'], 'stippellijn: woont samen met de cliënt')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from wijkteam_kit.draw.familiekaart import _DASHED, COUPLE_STYLES, _symbol

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_legend"]

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
    """Symbols, couple lines, child lines and the household, with headers; always the full set."""
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
