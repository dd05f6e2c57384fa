"""Competence figures: personal radar, team heatmap, complementarity and self-versus-colleagues.

Colours come from the Okabe–Ito palette (distinguishable with the common forms of colour blindness) and the
heatmap uses *cividis*; every series also has its own marker and line style, and every heatmap cell shows its
number, so colour is never the only carrier. All functions return a :class:`matplotlib.figure.Figure`
(no pyplot state), ready for :func:`~wijkteam_kit.draw.export.figure_bytes`.

Examples
--------
>>> from wijkteam_kit.competenties import Scan, load_framework
>>> fw = load_framework("generalist")
>>> me = Scan.build(fw, "zelf", {i: 4 for i in fw.indicator_ids})
>>> fig = radar_figure(me, fw, title="Mijn scan")
>>> [line.get_gid() for line in fig.axes[0].lines if line.get_gid()]
['radar-zelf']
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.competenties.feedback360 import MIN_BEOORDELAARS, FeedbackProfile
from wijkteam_kit.competenties.frameworks import Framework, load_framework
from wijkteam_kit.competenties.scan import (
    SCHAAL,
    VAKBEKWAAM_VANAF,
    VAKVOLWASSEN_VANAF,
    Scan,
    competence_scores,
    format_score,
)
from wijkteam_kit.competenties.teamprofiel import STERK_VANAF, TeamProfile
from wijkteam_kit.errors import CompetentieError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "OKABE_ITO",
    "complementarity_figure",
    "radar_figure",
    "self_peer_figure",
    "team_heatmap_figure",
]

#: Okabe–Ito colours used for the series (self, previous scan, colleagues, team leader, target).
OKABE_ITO: dict[str, str] = {
    "zelf": "#0072B2",
    "vorige": "#E69F00",
    "collegas": "#009E73",
    "leidinggevende": "#CC79A7",
    "doel": "#000000",
    "sterk": "#56B4E9",
}
_TOO_FEW = f"Collega's: te weinig beoordelaars (minstens {MIN_BEOORDELAARS} nodig)"


def _wrap(text: str, width: int = 18) -> str:
    return textwrap.fill(text, width, break_long_words=False)


def _luminance(rgba: tuple[float, ...]) -> float:
    """Relative luminance (WCAG) of an RGB(A) colour with channels 0–1."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgba[:3]]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _peer_values(peer: FeedbackProfile | Mapping[str, float | None] | None) -> tuple[dict, str]:
    """Peer mean per competence and a note ('' or the "te weinig beoordelaars" text)."""
    if peer is None:
        return {}, ""
    if isinstance(peer, FeedbackProfile):
        return peer.peer_means(), "" if peer.peers_shown else _TOO_FEW
    return dict(peer), ""


def radar_figure(
    scan: Scan,
    framework: Framework | None = None,
    *,
    previous: Scan | None = None,
    peer: FeedbackProfile | Mapping[str, float | None] | None = None,
    title: str = "",
    label: str = "Zelf",
    previous_label: str = "Vorige scan",
    peer_label: str = "Collega's (gemiddeld)",
) -> Figure:
    """Radar chart of one person's competence scores, optionally with a previous scan and the peer mean.

    Rings mark the phase boundaries (3,0 vakbekwaam and 4,0 vakvolwassen). Competences without a score
    leave a gap in the line and get "(geen score)" in their label. When ``peer`` is a
    :class:`~wijkteam_kit.competenties.feedback360.FeedbackProfile` with too few colleagues, no peer line is drawn and
    the figure says so.
    """
    from matplotlib.figure import Figure

    fw = load_framework(framework or scan.framework)
    own = {k: s.score for k, s in competence_scores(scan, fw).items()}
    peer_values, note = _peer_values(peer)
    n = len(fw.competences)
    angles = [2 * math.pi * i / max(n, 1) for i in range(n)]
    fig = Figure(figsize=(8.2, 7.4), layout="constrained")
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)  # first competence at the top, then clockwise
    ax.set_theta_direction(-1)
    ax.set_xlim(0, 2 * math.pi)
    ax.set_ylim(0, 5)
    ax.set_yticks(list(SCHAAL), [f"{v} {w}" for v, w in SCHAAL.items()], fontsize=7, color="#555555")
    ax.set_rlabel_position(180 / max(n, 1))
    circle = [2 * math.pi * k / 180 for k in range(181)]
    for ring, text in ((VAKBEKWAAM_VANAF, "vakbekwaam"), (VAKVOLWASSEN_VANAF, "vakvolwassen")):
        ax.plot(circle, [ring] * len(circle), color="#777777", lw=0.9, ls=":", zorder=1)
        ax.text(
            -math.pi / max(n, 1), ring + 0.1, text, fontsize=7, color="#555555", style="italic", ha="center"
        )
    labels = [_wrap(c.name) + ("" if own[c.id] is not None else "\n(geen score)") for c in fw.competences]
    ax.set_xticks(angles, labels, fontsize=8.5 if n <= 12 else 7.5)
    ax.tick_params(axis="x", pad=4)
    for tick, angle in zip(ax.get_xticklabels(), angles, strict=True):
        side = math.sin(angle)  # clockwise from the top: positive is the right half
        tick.set_horizontalalignment("left" if side > 0.2 else "right" if side < -0.2 else "center")
        tick.set_verticalalignment(
            "top" if math.cos(angle) < -0.2 else "bottom" if math.cos(angle) > 0.2 else "center"
        )

    def series(values: Mapping[str, float | None], gid: str, text: str, colour: str, style: dict) -> None:
        ys = [values.get(c) for c in fw.competence_ids]
        ys = [math.nan if v is None else v for v in ys]
        if not any(not math.isnan(v) for v in ys):
            return
        ax.plot([*angles, angles[0]], [*ys, ys[0]], color=colour, label=text, gid=gid, **style)

    if previous is not None:
        if previous.framework != fw.id:
            raise CompetentieError(f"De vorige scan is van {previous.framework!r}, niet van {fw.id!r}.")
        before = {k: s.score for k, s in competence_scores(previous, fw).items()}
        series(
            before,
            "radar-vorige",
            f"{previous_label} ({datum_tekst(previous.date)})",
            OKABE_ITO["vorige"],
            {"ls": "--", "marker": "s", "lw": 1.6, "ms": 5},
        )
    if peer_values:
        series(
            peer_values,
            "radar-collegas",
            peer_label,
            OKABE_ITO["collegas"],
            {"ls": "-.", "marker": "D", "lw": 1.6, "ms": 5},
        )
    series(
        own,
        "radar-zelf",
        f"{label} ({datum_tekst(scan.date)})",
        OKABE_ITO["zelf"],
        {"ls": "-", "marker": "o", "lw": 2.2, "ms": 6},
    )
    if any(v is not None for v in own.values()) and n >= 3:
        ys = [0 if own[c] is None else own[c] for c in fw.competence_ids]
        ax.fill([*angles, angles[0]], [*ys, ys[0]], color=OKABE_ITO["zelf"], alpha=0.12, zorder=0)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(-0.12, 1.12), fontsize=8.5, frameon=False)
    if note:
        # a figure-level label takes part in the constrained layout, so it never covers a competence name
        fig.supxlabel(note, fontsize=9, style="italic").set_gid("radar-te-weinig")
    fig.suptitle(title or fw.name, fontsize=12)
    return fig


def team_heatmap_figure(profile: TeamProfile, *, title: str = "") -> Figure:
    """Members × competences, coloured with *cividis*, with the score printed in every cell.

    Cells without a score are light grey with "–". Competences nobody scores 4,0 or higher on are marked
    with "!" under their name; the balance statement is printed under the figure.
    """
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.figure import Figure

    rows, cols = len(profile.members), len(profile.competences)
    fig = Figure(figsize=(max(6.0, 0.9 * cols + 3), max(3.0, 0.5 * rows + 3.2)), layout="constrained")
    ax = fig.add_subplot()
    data = np.array([[np.nan if v is None else v for v in row] for row in profile.matrix], dtype=float)
    data = data.reshape(rows, cols)
    if data.size == 0:  # no members yet: an empty grid with the competences, and no crash
        data = np.full((1, max(cols, 1)), np.nan)
        ax.text(max(cols, 1) / 2 - 0.5, 0, "Nog geen teamleden met een scan", ha="center", va="center")
    cmap = colormaps["cividis"].with_extremes(bad="#eeeeee")
    image = ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=1, vmax=5, aspect="auto")
    for r in range(rows):
        for c in range(cols):
            value = profile.matrix[r][c]
            colour = "black" if value is None or _luminance(cmap((value - 1) / 4)) > 0.18 else "white"
            ax.text(
                c,
                r,
                format_score(value),
                ha="center",
                va="center",
                fontsize=9,
                color=colour,
                gid=f"heatmap-{r}-{c}",
            )
    names = [
        _wrap(n, 14) + (" (!)" if c in profile.uncovered else "")
        for n, c in zip(profile.names, profile.competences, strict=True)
    ]
    ax.set_xticks(range(cols), names, rotation=40, ha="right", fontsize=8.5)
    ax.set_yticks(range(rows), profile.members, fontsize=9)
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_ticks(list(SCHAAL), labels=[f"{v} {w}" for v, w in SCHAAL.items()])
    bar.set_label("score (gemiddelde van de indicatoren)")
    ax.set_title(title or f"Teamprofiel – {profile.framework_name}", fontsize=12)
    fig.text(
        0.01,
        0.0,
        textwrap.fill(profile.balance_sentence(), 120) + "\n(!) = niemand scoort 4,0 of hoger",
        fontsize=8.5,
        va="top",
        ha="left",
        style="italic",
    )
    return fig


def complementarity_figure(profile: TeamProfile, *, title: str = "") -> Figure:
    """Per competence every member as a dot, the range as a line, the strongest names and the target.

    The band from 4,0 shows where a member *covers* a competence; the team is balanced when every row has a
    dot in that band. A target (when the team set one) is a black diamond.
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    n = len(profile.competences)
    fig = Figure(figsize=(9.5, 0.55 * n + 2.4), layout="constrained")
    ax = fig.add_subplot()
    ax.axvspan(STERK_VANAF, 5.1, color=OKABE_ITO["sterk"], alpha=0.18, zorder=0)
    for row, spread in zip(range(n - 1, -1, -1), profile.spreads, strict=True):
        if spread.minimum is not None:
            ax.plot([spread.minimum, spread.maximum], [row, row], color="#777777", lw=1.2, zorder=1)
        values = [r[profile.competences.index(spread.competence)] for r in profile.matrix]
        seen: dict[float, int] = {}
        for member, value in zip(profile.members, values, strict=True):
            if value is None:
                continue
            offset = seen.get(round(value, 2), 0)
            seen[round(value, 2)] = offset + 1
            strong = member in spread.strongest
            ax.plot(
                value,
                row + 0.12 * offset,
                marker="o",
                ms=8 if strong else 6,
                ls="none",
                zorder=3,
                color=OKABE_ITO["zelf"] if strong else "#bbbbbb",
                markeredgecolor="black",
                markeredgewidth=0.6,
                gid=f"complementariteit-{spread.competence}-{member}",
            )
        if spread.strongest:
            ax.text(5.15, row, " en ".join(spread.strongest), va="center", fontsize=8.5)
        if spread.competence in profile.target:
            ax.plot(
                profile.target[spread.competence],
                row,
                marker="D",
                color=OKABE_ITO["doel"],
                ms=7,
                mfc="none",
                mew=1.5,
                ls="none",
                zorder=4,
                gid=f"doel-{spread.competence}",
            )
    ax.set_yticks(range(n - 1, -1, -1), [_wrap(s, 30) for s in profile.names], fontsize=9)
    ax.set_xticks(list(SCHAAL), [f"{v}\n{w}" for v, w in SCHAAL.items()])
    ax.set_xlim(0.8, 5.1)
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_xlabel("score per teamlid; rechts: wie het sterkst is")
    handles = [
        Line2D([], [], marker="o", ls="none", color="#bbbbbb", markeredgecolor="black", label="teamlid"),
        Line2D(
            [], [], marker="o", ls="none", color=OKABE_ITO["zelf"], markeredgecolor="black", label="sterkst"
        ),
        Patch(
            color=OKABE_ITO["sterk"], alpha=0.3, label=f"dekt de competentie (≥ {format_score(STERK_VANAF)})"
        ),
    ]
    if profile.target:
        handles.append(
            Line2D([], [], marker="D", ls="none", color="black", mfc="none", label="doel van het team")
        )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncol=len(handles),
        fontsize=8.5,
        frameon=False,
    )
    ax.set_title(title or f"Wie vult wie aan? {profile.balance_sentence()}", fontsize=10.5, wrap=True)
    return fig


def self_peer_figure(feedback: FeedbackProfile, *, title: str = "") -> Figure:
    """Per competence the self score, the colleagues' mean ± spread and the team leader's score.

    With too few colleagues the figure shows no peer marks at all and says "te weinig beoordelaars".
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fw = load_framework(feedback.framework)
    n = len(feedback.rows)
    fig = Figure(figsize=(9.0, 0.5 * n + 2.2), layout="constrained")
    ax = fig.add_subplot()
    styles = {
        "zelf": ("Zelf", {"marker": "o", "color": OKABE_ITO["zelf"], "ms": 7}),
        "collegas": (
            "Collega's (gemiddeld ± spreiding)",
            {"marker": "D", "color": OKABE_ITO["collegas"], "ms": 6},
        ),
        "leidinggevende": (
            "Leidinggevende",
            {"marker": "s", "color": OKABE_ITO["leidinggevende"], "ms": 6, "mfc": "none", "mew": 1.6},
        ),
    }
    drawn: set[str] = set()
    for row, r in zip(range(n - 1, -1, -1), feedback.rows, strict=True):
        if r.peers_shown and r.peer_mean is not None:
            style = dict(styles["collegas"][1])
            ax.errorbar(
                r.peer_mean,
                row - 0.15,
                xerr=r.peer_sd,
                fmt=style.pop("marker"),
                capsize=3,
                **style,
                gid=f"collegas-{r.competence}",
            )
            drawn.add("collegas")
        for key, value, dy in (("zelf", r.self_score, 0.15), ("leidinggevende", r.leader_score, 0.0)):
            if value is not None:
                ax.plot(value, row + dy, ls="none", gid=f"{key}-{r.competence}", **styles[key][1])
                drawn.add(key)
    ax.set_yticks(range(n - 1, -1, -1), [_wrap(r.name, 30) for r in feedback.rows], fontsize=9)
    ax.set_xticks(list(SCHAAL), [f"{v}\n{w}" for v, w in SCHAAL.items()])
    ax.set_xlim(0.8, 5.2)
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    handles = [
        Line2D([], [], ls="none", label=text, **style)
        for key, (text, style) in styles.items()
        if key in drawn
    ]
    if handles:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.14),
            ncol=3,
            fontsize=8.5,
            frameon=False,
        )
    ax.set_title(title or f"Zelfbeeld en feedback – {fw.name}", fontsize=12)
    fig.text(
        0.01,
        0.0,
        feedback.message if feedback.peers_shown else _TOO_FEW,
        fontsize=8.5,
        style="italic",
        va="top",
        gid="feedback-melding",
    )
    return fig
