"""The contactschema: a matrix of who has contact with whom, how often and how it goes.

Rows and columns are the client and every person, by sector and name (:func:`~wijkteam_kit.netwerk.contacten.
contact_order`), with the sector as a coloured band (the colours of the relatiekaart). A cell is coloured by
contact frequency (ColorBrewer Blues: dagelijks darkest … minder lightest; no contact = white) and carries a
sign for the quality: ``+`` steunend, ``±`` wisselend, ``!`` belastend (with a thick orange frame), so colour
is never the only carrier. The matrix is symmetric. The last column counts the contacts of each row.

The figure grows with the network and keeps every font at 8 pt or more, so a network of 60 persons stays
legible on an A3 poster. It stays fast there too: one collection holds all cells (gid ``contact-cellen``, one
offset per cell at its corner ``(kolom, rij)``), one per quality holds the signs (``contact-teken-<kwaliteit>``,
offsets at the cell centres), so the artists grow with the number of persons, never with the number of cells.
Names are texts ``contact-naam-rij-<id>`` and ``contact-naam-kolom-<id>``, counts ``contact-aantal-<id>``; user
text is drawn literally.

Examples
--------
>>> from matplotlib.colors import to_hex
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(client=Client(naam="Gerda"),
...     personen=(Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1),),
...     banden=(Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="belastend"),))
>>> fig = contactschema_figure(atlas)
>>> cells = next(c for c in fig.axes[0].collections if c.get_gid() == "contact-cellen")
>>> cells.get_offsets().tolist()  # (kolom, rij): client-henk and henk-client
[[1.0, 0.0], [0.0, 1.0]]
>>> [to_hex(c) for c in cells.get_facecolors()] == [FREQUENCY_COLOURS["dagelijks"]] * 2
True
>>> to_hex(cells.get_edgecolors()[0]) == STRESS_COLOUR.lower()
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.font_manager import FontProperties
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.textpath import TextPath
from matplotlib.transforms import AffineDeltaTransform, IdentityTransform

from wijkteam_kit.draw.relatiekaart import SECTOR_COLOURS, STRESS_COLOUR, short_name
from wijkteam_kit.netwerk.contacten import contact_matrix
from wijkteam_kit.netwerk.model import CLIENT_ID, FREQUENTIES, SECTOREN, Netwerkatlas

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CLIENT_COLOUR",
    "FREQUENCY_COLOURS",
    "QUALITY_SIGNS",
    "contactschema_figure",
    "draw_contactschema",
]

#: Cell colour per contact frequency (ColorBrewer Blues, dagelijks darkest).
FREQUENCY_COLOURS: dict[str, str] = {
    "dagelijks": "#08519c",
    "wekelijks": "#3182bd",
    "maandelijks": "#9ecae1",
    "minder": "#deebf7",
}
#: Sign printed in a cell per tie quality.
QUALITY_SIGNS: dict[str, str] = {"steunend": "+", "wisselend": "±", "belastend": "!"}
#: Band colour of the client's row and column.
CLIENT_COLOUR = "#424242"
_DARK = {"dagelijks", "wekelijks"}
_GRID = "#cfd8dc"
_NAME_LIMIT = 20


def _sizes(n: int) -> tuple[float, float, float]:
    """Cell size (inches), font size of names and of the signs, for ``n`` rows."""
    cell = min(0.42, max(0.15, 8.6 / n))
    return cell, max(8.0, min(10.5, cell * 72 * 0.7)), max(8.0, min(12.0, cell * 72 * 0.6))


def _boxes(
    ax: Axes, corners: list[tuple[float, float]], width: float = 1.0, height: float = 1.0, **style
) -> PathCollection:
    """One collection of ``width`` × ``height`` rectangles (data units) with their corner at each of ``corners``.

    A single path stamped at many offsets: fast to draw and small in SVG and PDF.
    """
    box = Path([(0, 0), (width, 0), (width, height), (0, height), (0, 0)], closed=True)
    at = np.asarray(corners, dtype=float).reshape(-1, 2)
    boxes = PathCollection([box], offsets=at, offset_transform=ax.transData, **style)
    boxes.set_transform(AffineDeltaTransform(ax.transData))
    ax.add_collection(boxes, autolim=False)
    return boxes


def _sign_path(sign: str, size: float) -> Path:
    """The glyph of ``sign`` in bold at ``size`` pt, in points and centred on its ink."""
    glyph = TextPath((0, 0), sign, size=size, prop=FontProperties(weight="bold"))
    ink = glyph.get_extents()  # not min/max of the vertices: CLOSEPOLY ones may sit at the origin
    return Path(np.array(glyph.vertices, dtype=float) - ink.get_points().mean(axis=0), glyph.codes)


def _label(ax: Axes, x: float, y: float, text: str, **style) -> Text:
    """A literal text (no mathtext), not clipped, added to ``ax``."""
    label = Text(x, y, text, clip_on=False, parse_math=False, **style)
    ax.add_artist(label)
    return label


def _draw_cells(ax: Axes, matrix: list, sign_font: float) -> None:
    """Frequency colours, belastend frames and quality signs: one collection each, whatever the size."""
    plain, stressed, signs = [], [], {quality: ([], []) for quality in QUALITY_SIGNS}
    for i, row in enumerate(matrix):
        for j, tie in enumerate(row):
            if tie is None:
                continue
            (stressed if tie.kwaliteit == "belastend" else plain).append((j, i, tie.frequentie))
            offsets, colours = signs[tie.kwaliteit]
            offsets.append((j + 0.5, i + 0.5))
            colours.append("white" if tie.frequentie in _DARK else "black")
    cells = plain + stressed  # frames last, so no neighbour covers them
    _boxes(
        ax,
        [(j, i) for j, i, _ in cells],
        facecolors=[FREQUENCY_COLOURS[freq] for *_, freq in cells],
        edgecolors=["none"] * len(plain) + [STRESS_COLOUR] * len(stressed),
        linewidths=[0.0] * len(plain) + [2.2] * len(stressed),
        joinstyle="miter",
        zorder=2,
        gid="contact-cellen",
    )
    for quality, (offsets, colours) in signs.items():
        if not offsets:
            continue
        glyphs = PathCollection(
            [_sign_path(QUALITY_SIGNS[quality], sign_font)],
            sizes=[1.0],  # paths in points
            offsets=offsets,
            offset_transform=ax.transData,
            facecolors=colours,
            edgecolors="none",
            zorder=4,
            gid=f"contact-teken-{quality}",
        )
        glyphs.set_transform(IdentityTransform())
        ax.add_collection(glyphs, autolim=False)


def draw_contactschema(ax: Axes, atlas: Netwerkatlas) -> list[str]:
    """Draw the matrix of ``atlas`` on ``ax`` (with its legend) and return the ids in row order.

    A few collections carry all cells, so a network of 60 persons draws as fast as one of 6.
    """
    ids, matrix = contact_matrix(atlas)
    n = len(ids)
    _, name_font, sign_font = _sizes(n)
    sectors = ["cliënt" if i == CLIENT_ID else atlas.person(i).sector for i in ids]
    colours = [CLIENT_COLOUR if s == "cliënt" else SECTOR_COLOURS[s] for s in sectors]
    _boxes(
        ax,
        [(i, i) for i in range(n)],
        facecolors="#eeeeee",
        edgecolors="none",
        zorder=1,
        gid="contact-diagonaal",
    )
    band = {"facecolors": colours, "edgecolors": "none", "zorder": 1}
    _boxes(ax, [(-0.95, i + 0.05) for i in range(n)], 0.8, 0.9, gid="contact-sectorband-rij", **band)
    _boxes(ax, [(i + 0.05, -0.95) for i in range(n)], 0.9, 0.8, gid="contact-sectorband-kolom", **band)
    grid = [[(0, k), (n, k)] for k in range(n + 1)] + [[(k, 0), (k, n)] for k in range(n + 1)]
    edges = [k for k in range(1, n) if sectors[k] != sectors[k - 1]]
    blocks = [[(0, k), (n, k)] for k in edges] + [[(k, 0), (k, n)] for k in edges]
    ax.add_collection(LineCollection(grid, colors=_GRID, linewidths=0.6, zorder=1.5), autolim=False)
    ax.add_collection(LineCollection(blocks, colors="#546e7a", linewidths=1.4, zorder=5), autolim=False)
    _draw_cells(ax, matrix, sign_font)
    count = {"ha": "center", "va": "center", "fontsize": name_font, "transform": ax.transData}
    for i, a in enumerate(ids):
        _label(
            ax,
            n + 0.6,
            i + 0.5,
            str(sum(t is not None for t in matrix[i])),
            gid=f"contact-aantal-{a}",
            **count,
        )
    _label(ax, n + 0.6, -0.5, "aantal", **{**count, "fontsize": 8}, rotation=90, color="#616161")
    # names where tick labels would be (2 pt from the axes), without the cost of 2n ticks
    row_at, row_va, row_ha = ax.get_yaxis_text1_transform(2)
    col_at, col_va, col_ha = ax.get_xaxis_text2_transform(2)
    for i, a in enumerate(ids):
        name = short_name(atlas.name(a), _NAME_LIMIT)
        weight = "bold" if i == 0 else "normal"  # the client
        style = {"fontsize": name_font, "fontweight": weight}
        _label(
            ax, 0, i + 0.5, name, transform=row_at, va=row_va, ha=row_ha, gid=f"contact-naam-rij-{a}", **style
        )
        _label(
            ax,
            i + 0.5,
            1,
            name,
            transform=col_at,
            va=col_va,
            ha=col_ha,
            rotation=90,
            gid=f"contact-naam-kolom-{a}",
            **style,
        )
    ax.set_xlim(-1.0, n + 1.2)
    ax.set_ylim(n, -1.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if n == 1:
        ax.text(
            1.5,
            0.5,
            "Nog geen personen in het netwerk: voeg personen toe\nom te zien wie met wie contact heeft.",
            ha="left",
            va="center",
            fontsize=10,
            color="#616161",
        )
    _legend(ax, [s for s in SECTOREN if s in sectors])
    return ids


class _SignHandler(HandlerBase):
    """Legend entry showing a quality sign as text, as in the cells."""

    def __init__(self, sign: str) -> None:
        super().__init__()
        self.sign = sign

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        x, y = width / 2 - xdescent, height / 2 - ydescent
        return [
            Text(x, y, self.sign, ha="center", va="center", fontsize=10, fontweight="bold", transform=trans)
        ]


def _legend(ax: Axes, sectors: list[str]) -> None:
    """Frequency colours, quality signs and sector colours, with headers; always shown."""
    headers, handles, labels = [], [], []

    def header(text: str) -> None:
        headers.append(len(labels))
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(text)

    header("Hoe vaak contact (kleur)")
    for freq in FREQUENTIES:
        handles.append(Patch(facecolor=FREQUENCY_COLOURS[freq], edgecolor=_GRID))
        labels.append(freq)
    handles.append(Patch(facecolor="white", edgecolor=_GRID))
    labels.append("wit: geen contact")
    header("Hoe gaat het contact (teken)")
    signs = {}
    for quality, sign in QUALITY_SIGNS.items():
        handles.append(Line2D([], [], linestyle="none"))
        signs[handles[-1]] = _SignHandler(sign)
        labels.append(quality)
    handles.append(Patch(facecolor="white", edgecolor=STRESS_COLOUR, linewidth=2.2))
    labels.append("oranje rand: belastend contact")
    header("Sector (band langs de rand)")
    handles.append(Patch(facecolor=CLIENT_COLOUR))
    labels.append("cliënt")
    for sector in sectors or SECTOREN:
        handles.append(Patch(facecolor=SECTOR_COLOURS[sector]))
        labels.append(sector)
    legend = ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize=8.5,
        frameon=False,
        borderaxespad=0.0,
        labelspacing=0.45,
        handlelength=1.6,
        handler_map=signs,
    )
    legend.set_gid("contact-legenda")
    for i, text in enumerate(legend.get_texts()):
        text.set_parse_math(False)
        if i in headers:
            text.set_fontweight("bold")
            text.set_fontsize(9.5)


def contactschema_figure(atlas: Netwerkatlas, *, title: str | None = None) -> Figure:
    """The contactschema as a new Figure (no pyplot state), sized to the network (fonts stay 8 pt or more).

    ``title`` defaults to "Contactschema van <naam>".

    Examples
    --------
    >>> from wijkteam_kit.netwerk.model import Netwerkatlas
    >>> fig = contactschema_figure(Netwerkatlas(), title="Nog leeg")
    >>> fig.axes[0].get_legend() is not None, fig.texts[0].get_text()
    (True, 'Nog leeg')
    """
    from matplotlib.figure import Figure

    n = len(atlas.personen) + 1
    cell, name_font, _ = _sizes(n)
    longest = max(len(short_name(atlas.name(i), _NAME_LIMIT)) for i in [CLIENT_ID, *atlas.ids])
    label_w = longest * name_font * 0.62 / 72 + 0.15
    grid_w, grid_h = (n + 2.2) * cell, (n + 1.0) * cell
    legend_w, head = 3.0, 0.9
    left, top = label_w + 0.3, head + label_w
    width = max(left + grid_w + legend_w + 0.3, 8.0)
    height = max(top + grid_h + 0.4, 6.0)
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((left / width, (height - top - grid_h) / height, grid_w / width, grid_h / height))
    draw_contactschema(ax, atlas)
    heading = title if title is not None else f"Contactschema van {atlas.client.naam}"
    fig.text(
        0.25 / width,
        1 - 0.35 / height,
        heading,
        fontsize=15,
        fontweight="bold",
        va="center",
        parse_math=False,
    )
    t = len(atlas.banden)
    sub = f"{n - 1} {'persoon' if n == 2 else 'personen'} · {t} {'contact' if t == 1 else 'contacten'} · {atlas.moment}"
    fig.text(
        0.25 / width, 1 - 0.7 / height, sub, fontsize=9.5, color="#616161", va="center", parse_math=False
    )
    return fig
