"""Pictures for "Mijn kalibratie": agreement over time, and your level against the reference level.

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, Attempt, history, load_version
>>> v = load_version("zrm2013")
>>> ref = Assessment.build(v, "c", "referentie", {"financien": 3, "adl": 2})
>>> own = Assessment.build(v, "c", "ik", {"financien": 4, "adl": 2})
>>> h = history([Attempt(own, ref, "Casus", "2026-03-01")])
>>> fig = confusion_figure(h)
>>> [t.get_text() for t in fig.axes[0].texts if t.get_text() != ""]
['1', '1']
>>> len(agreement_time_figure(h).axes[0].lines)
2
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijkteam_kit.zrm.calibration_history import CalibrationHistory, dutch_percent
from wijkteam_kit.zrm.versions import LEVELS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["agreement_time_figure", "confusion_figure"]


def confusion_figure(history: CalibrationHistory, *, title: str = "") -> Figure:
    """A 5 × 5 grid: how often you gave a level (rows) where the reference gave a level (columns).

    The diagonal (the same level) is framed; cells above it mean you scored higher than the reference
    (more self-sufficient), cells below it lower. Counts are printed in the cells.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    table = history.confusion
    highest = max((max(row) for row in table), default=0) or 1
    fig = Figure(figsize=(5.6, 5.0), layout="constrained")
    ax = fig.add_subplot()
    ax.imshow(table, cmap="Blues", vmin=0, vmax=highest * 1.25, origin="lower")
    for own in range(len(LEVELS)):
        for ref in range(len(LEVELS)):
            count = table[own][ref]
            colour = "white" if count > highest * 0.6 else "#212121"
            ax.text(ref, own, str(count) if count else "", ha="center", va="center", fontsize=12, color=colour)
        ax.add_patch(Rectangle((own - 0.5, own - 0.5), 1, 1, fill=False, edgecolor="#2e7d32", linewidth=2))
    ticks = list(range(len(LEVELS)))
    ax.set_xticks(ticks, [str(level) for level in LEVELS])
    ax.set_yticks(ticks, [str(level) for level in LEVELS])
    ax.set_xlabel("niveau van de referentie")
    ax.set_ylabel("jouw niveau")
    ax.set_title(
        "Groen omlijnd: gelijk aan de referentie. Boven de lijn scoor je hoger, eronder lager.",
        fontsize=8.5,
        color="#616161",
    )
    fig.suptitle(title or "Jouw niveau tegenover de referentie", fontweight="bold")
    return fig


def agreement_time_figure(history: CalibrationHistory, *, title: str = "") -> Figure:
    """Exact and within-one agreement per scored casus, oldest first."""
    from matplotlib.figure import Figure

    points = history.over_time()
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(1, len(points) + 1))
    exact = [(p[2] or 0) * 100 for p in points]
    close = [(p[3] or 0) * 100 for p in points]
    ax.plot(xs, close, marker="s", color="#1565c0", label="hoogstens één niveau ernaast")
    ax.plot(xs, exact, marker="o", color="#2e7d32", label="precies gelijk")
    ax.set_ylim(-5, 105)
    ax.set_ylabel("% van de domeinen")
    ax.set_xticks(xs, [f"{i}. {p[1][:18]}" for i, p in zip(xs, points, strict=True)], rotation=20, ha="right")
    ax.set_xlim(0.5, max(len(points), 1) + 0.5)
    ax.grid(axis="y", color="#bdbdbd", linewidth=0.6, linestyle=":")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    note = f"Alles samen: {dutch_percent(history.exact)} gelijk, {dutch_percent(history.within_one)} binnen één niveau."
    ax.set_title(note, fontsize=8.5, color="#616161")
    fig.suptitle(title or "Overeenstemming met de referentie, per casus", fontweight="bold")
    return fig
