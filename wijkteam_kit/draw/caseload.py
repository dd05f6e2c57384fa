"""Caseload figures for team leaders: level distribution per domain and change between measurements.

Examples
--------
>>> from wijkteam_kit.zrm.caseload import summarize_caseload
>>> from wijkteam_kit.zrm.voorbeelddata import generate_caseload
>>> from wijkteam_kit.zrm import load_version
>>> s = summarize_caseload(generate_caseload().combined)
>>> fig = distribution_figure(s, load_version("zrm2013"))
>>> len(fig.axes[0].patches) == 11 * 6  # six segments (niet besproken + 5 levels) per domain
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from wijkteam_kit.draw.zrm_profiel import LEVEL_COLOURS, UNSCORED_COLOUR
from wijkteam_kit.zrm.caseload import CaseloadSummary
from wijkteam_kit.zrm.versions import ZrmVersion

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["change_figure", "distribution_figure"]


def _names(summary: CaseloadSummary, version: ZrmVersion) -> list[str]:
    return [version.domain(d).name for d in summary.domain_ids]


def distribution_figure(summary: CaseloadSummary, version: ZrmVersion, title: str = "") -> Figure:
    """Stacked bars: per domain the share of assessments at each level (1 left … 5, then niet besproken)."""
    from matplotlib.figure import Figure

    n = len(summary.domain_ids)
    fig = Figure(figsize=(11, 0.45 * n + 2.2), layout="constrained")
    ax = fig.add_subplot()
    totals = summary.distribution.sum(axis=1, keepdims=True).clip(min=1)
    shares = summary.distribution / totals
    rows = np.arange(n)[::-1]
    left = np.zeros(n)
    for column, level in [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (0, None)]:
        width = shares[:, column]
        colour = UNSCORED_COLOUR if level is None else LEVEL_COLOURS[level]
        label = "niet besproken" if level is None else f"{level} {version.level_labels[level].lower()}"
        bars = ax.barh(
            rows,
            width,
            left=left,
            color=colour,
            edgecolor="white",
            linewidth=0.6,
            label=label,
            hatch="///" if level is None else None,
        )
        for bar, w in zip(bars, width, strict=True):
            if w >= 0.06:
                ax.text(
                    bar.get_x() + w / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{w:.0%}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if level in (1, 5) else "black",
                )
        left += width
    ax.set_yticks(rows, _names(summary, version))
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=6, fontsize=8, frameon=False)
    fig.suptitle(title or f"Verdeling over de niveaus ({summary.n_assessments} metingen)", fontweight="bold")
    return fig


def change_figure(summary: CaseloadSummary, version: ZrmVersion, title: str = "") -> Figure:
    """Per domain the share of households that rose (right) and fell (left) between first and last measurement."""
    from matplotlib.figure import Figure

    n = len(summary.domain_ids)
    fig = Figure(figsize=(10, 0.45 * n + 2.0), layout="constrained")
    ax = fig.add_subplot()
    rows = np.arange(n)[::-1]
    ax.barh(rows, summary.improved, color=LEVEL_COLOURS[5], label="gestegen")
    ax.barh(rows, -summary.declined, color=LEVEL_COLOURS[1], label="gedaald")
    for row, up, down, pairs in zip(rows, summary.improved, summary.declined, summary.pairs, strict=True):
        ax.text(up + 0.01, row, f"{up:.0%} ↑", va="center", fontsize=8)
        ax.text(-down - 0.01, row, f"↓ {down:.0%}", va="center", ha="right", fontsize=8)
        ax.text(
            0.98,
            row,
            f"n={pairs}",
            va="center",
            ha="right",
            fontsize=7,
            color="#616161",
            transform=ax.get_yaxis_transform(),
        )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(rows, _names(summary, version))
    limit = max(0.2, float(max(summary.improved.max(initial=0), summary.declined.max(initial=0))) + 0.15)
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{abs(x):.0%}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize=8, frameon=False)
    fig.suptitle(
        title or "Verandering tussen eerste en laatste meting (aandeel huishoudens)", fontweight="bold"
    )
    return fig
