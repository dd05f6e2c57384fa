"""Calibration picture: per domain every rater's level as a dot, with the reference, for a group discussion.

Dots that share a level are spread side by side, so the number of raters at each level can be counted;
each dot carries no colour meaning beyond its level (colour matches the profile figure, and the level is
the position on the axis). The reference is a black ring. Domains are ordered as given (for example the
discussion agenda).

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, load_version
>>> v = load_version("zrm2013")
>>> raters = [Assessment.build(v, "c", n, {"financien": lvl, "adl": 3}) for n, lvl in [("A", 2), ("B", 3), ("C", 3)]]
>>> fig = calibration_figure(raters, v)
>>> len([c for c in fig.axes[0].collections if (c.get_gid() or "").startswith("kalibratie-")])
11
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wijkteam_kit.draw.zrm_profiel import LEVEL_COLOURS
from wijkteam_kit.zrm.agreement import rater_agreement
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.versions import ZrmVersion

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["calibration_figure"]


def calibration_figure(
    assessments: Sequence[Assessment],
    version: ZrmVersion,
    reference: Assessment | None = None,
    *,
    domain_order: Sequence[str] | None = None,
    title: str = "",
    note: bool = True,
) -> Figure:
    """Dot plot of several raters' levels per domain, with the reference and the exact agreement per domain.

    ``note=False`` leaves out the agreement sentence under the title (for pages that already say it in words).
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    agreement = rater_agreement(assessments)
    per_domain = {d.domain_id: d for d in agreement.domains}
    order = list(domain_order or version.domain_ids)
    n = len(order)
    fig = Figure(figsize=(10, 0.55 * n + 2.2), layout="constrained")
    ax = fig.add_subplot()
    for row, domain_id in zip(range(n - 1, -1, -1), order, strict=True):
        levels = [a.scores[domain_id].level for a in assessments]
        counts = Counter(level for level in levels if level is not None)
        xs, ys, colours = [], [], []
        for level, count in sorted(counts.items()):
            for i in range(count):
                xs.append(level + (i - (count - 1) / 2) * min(0.09, 0.8 / count))
                ys.append(row)
                colours.append(LEVEL_COLOURS[level])
        ax.scatter(
            xs,
            ys,
            s=70,
            c=colours,
            edgecolors="#424242",
            linewidths=0.7,
            zorder=3,
            gid=f"kalibratie-{domain_id}",
        )
        unscored = sum(1 for level in levels if level is None)
        info = per_domain[domain_id]
        parts = [] if info.exact is None else [f"{info.exact:.0%} gelijk"]
        if unscored:
            parts.append(f"{unscored}× n.b.")
        text = " · ".join(parts) or "–"
        ax.text(5.55, row, text, va="center", fontsize=8.5, color="#424242")
        if reference is not None and reference.scores[domain_id].level is not None:
            ax.scatter(
                [reference.scores[domain_id].level],
                [row],
                s=260,
                facecolors="none",
                edgecolors="black",
                linewidths=2.0,
                zorder=4,
            )
    ax.set_yticks(range(n - 1, -1, -1), [version.domain(d).name for d in order])
    ax.set_xticks(list(version.level_labels))
    ax.set_xlim(0.5, 6.6)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlabel("niveau (1 = acute problematiek … 5 = volledig zelfredzaam)", fontsize=9)
    ax.grid(axis="x", color="#bdbdbd", linewidth=0.6, linestyle=":")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markerfacecolor="#bdbdbd",
            markeredgecolor="#424242",
            markersize=8,
            label="één beoordelaar",
        )
    ]
    if reference is not None:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markerfacecolor="none",
                markeredgecolor="black",
                markeredgewidth=2,
                markersize=13,
                label="referentie",
            )
        )
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False
    )
    fig.suptitle(title or f"Hoe scoorde de groep? ({len(assessments)} beoordelaars)", fontweight="bold")
    if note:
        ax.set_title(
            textwrap.fill(agreement.note, 100), fontsize=8.5, color="#616161"
        )  # never cut off at the edge
    return fig
