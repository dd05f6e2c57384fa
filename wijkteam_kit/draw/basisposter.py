"""The basisposter: one A3 landscape page with the client's question, strengths, key persons and relatiekaart.

The left column holds the texts (wrapped, long texts cut off with "…"), the right part the relatiekaart with
its legend; the key persons are circled on the map. Empty fields get a friendly placeholder line, so a
half-filled atlas still gives a poster to talk about. User text is drawn literally (no mathtext).

Examples
--------
>>> from wijkteam_kit.netwerk.model import Client, Netwerkatlas
>>> atlas = Netwerkatlas(client=Client(naam="Gerda", krachten=("Praktisch",)))
>>> fig = basisposter_figure(atlas, sleutelpersonen=[])
>>> texts = [t.get_text() for t in fig.texts]
>>> "Nog geen vraag ingevuld" in texts, "• Praktisch" in texts
(True, True)
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wijkteam_kit.draw.relatiekaart import draw_relatiekaart
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.netwerk.model import Netwerkatlas

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["POSTER_SIZE", "basisposter_figure"]

#: A3 landscape, in inches.
POSTER_SIZE = (16.5, 11.7)

_LEFT, _RIGHT, _BOTTOM = 0.03, 0.30, 0.04
_GREY = "#616161"
_MAX_KRACHTEN = 8


class _Column:
    """Writes paragraphs top-down in the left column and keeps track of the space left."""

    def __init__(self, fig: Figure, top: float) -> None:
        self.fig, self.y = fig, top
        self.width_pt = (_RIGHT - _LEFT) * fig.get_figwidth() * 72
        self.height_in = fig.get_figheight()

    def room(self, size: float) -> int:
        """How many lines of ``size`` points still fit."""
        return max(0, int((self.y - _BOTTOM) * self.height_in * 72 / (size * 1.45)))

    def write(
        self, text: str, size: float = 12, *, most: int = 2, indent: str = "", gap: float = 4, **style
    ) -> bool:
        """Wrap ``text`` to at most ``most`` lines (cut off with "…", also when the column is full).

        Returns False when not even one line fitted.
        """
        chars = max(10, int(self.width_pt / (0.56 * size)))
        lines = textwrap.wrap(text, chars, subsequent_indent=indent) or [""]
        fits = min(most, self.room(size))
        if fits == 0:
            return False
        if len(lines) > fits:
            lines = [*lines[: fits - 1], lines[fits - 1][: chars - 2].rstrip() + " …"]
        self.fig.text(
            _LEFT,
            self.y,
            "\n".join(lines),
            fontsize=size,
            va="top",
            ha="left",
            linespacing=1.25,
            parse_math=False,
            **style,
        )
        self.y -= (len(lines) * size * 1.45 + gap) / 72 / self.height_in
        return True

    def heading(self, text: str) -> None:
        """A section heading with some space above it."""
        self.y -= 10 / 72 / self.height_in
        self.write(text, 15, fontweight="bold", color="#0072B2", gap=3)


def _key_persons(
    atlas: Netwerkatlas, chosen: Sequence[tuple[str, str] | str] | None
) -> list[tuple[str, str]]:
    """(id, reason) pairs: the ones given (a bare id gets no reason) or those of ``key_persons``."""
    if chosen is None:
        from wijkteam_kit.netwerk.advies import key_persons

        return list(key_persons(atlas, n=5))
    pairs = [(item, "") if isinstance(item, str) else (item[0], item[1]) for item in chosen]
    for pid, _reason in pairs:
        if pid not in atlas.ids:
            known = ", ".join(atlas.ids) or "geen: de atlas heeft nog geen personen"
            raise WijkteamError(
                f"Sleutelpersoon {pid!r} staat niet in de netwerkatlas; verwacht een van deze ids: {known}."
            )
    return pairs


def basisposter_figure(
    atlas: Netwerkatlas,
    *,
    sleutelpersonen: Sequence[tuple[str, str] | str] | None = None,
    title: str | None = None,
) -> Figure:
    """The basisposter of ``atlas`` as one A3 landscape Figure (for :func:`~wijkteam_kit.draw.figure_bytes`).

    Parameters
    ----------
    atlas : Netwerkatlas
        The snapshot; ``atlas.client.vraag`` and ``atlas.client.krachten`` fill the left column.
    sleutelpersonen : sequence of (id, reason) or id, optional
        The key persons to list and circle on the map. ``None``: the five from
        :func:`wijkteam_kit.netwerk.analyse.key_persons`; ``[]``: none.
    title : str, optional
        Defaults to "Basisposter van <naam>".

    Raises
    ------
    WijkteamError
        A key person id that is not in the atlas.
    """
    from matplotlib.figure import Figure

    keys = _key_persons(atlas, sleutelpersonen)
    fig = Figure(figsize=POSTER_SIZE)
    col = _Column(fig, 0.965)
    col.write(title if title is not None else f"Basisposter van {atlas.client.naam}", 24, fontweight="bold")
    n = len(atlas.personen)
    col.write(
        f"Netwerkatlas · moment {atlas.moment} · {n} {'persoon' if n == 1 else 'personen'}", 11, color=_GREY
    )

    col.heading("Mijn vraag")
    vraag = atlas.client.vraag.strip()
    style = {"style": "normal", "color": "black"} if vraag else {"style": "italic", "color": _GREY}
    col.write(vraag or "Nog geen vraag ingevuld", 13, most=10, gap=6, gid="poster-vraag", **style)

    col.heading("Mijn krachten")
    krachten = [k.strip() for k in atlas.client.krachten if k.strip()]
    if not krachten:
        col.write("Nog geen krachten ingevuld", 12, style="italic", color=_GREY)
    for kracht in krachten[:_MAX_KRACHTEN]:
        if not col.write(f"• {kracht}", 12, indent="   ", gid="poster-kracht"):
            break
    if len(krachten) > _MAX_KRACHTEN:
        col.write(f"… en nog {len(krachten) - _MAX_KRACHTEN} (zie de netwerkatlas)", 11, color=_GREY)

    col.heading("Sleutelpersonen")
    if not keys:
        col.write("Nog geen sleutelpersonen gekozen", 12, style="italic", color=_GREY)
    else:
        col.write("met een zwarte ring op de relatiekaart", 10.5, style="italic", color=_GREY, gap=6)
    for pid, reason in keys:
        person = atlas.person(pid)
        if not col.write(
            person.naam, 12, most=1, fontweight="bold", gap=1, gid=f"poster-sleutelpersoon-{pid}"
        ):
            break
        detail = f"{person.relatie}, cirkel {person.cirkel}" + (f" – {reason}" if reason else "")
        if not col.write(detail, 11, color="#212121", gap=7):
            break

    ax = fig.add_axes((0.31, 0.02, 0.53, 0.93))
    draw_relatiekaart(ax, atlas, highlight=[pid for pid, _ in keys])
    return fig
