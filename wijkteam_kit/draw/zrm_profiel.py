"""ZRM profile: one horizontal bar per domain, coloured and numbered by level, with an optional overlay.

Colours come from ColorBrewer's RdYlBu scheme (five classes), which stays distinguishable for the common
forms of colour blindness; the level number and label are printed on every bar, so colour is never the only
carrier. "Niet besproken" is a grey hatched bar with the words written on it. A second profile (the
reference, or a later measurement) is drawn as a second, lighter bar with a dashed edge under the first,
with its own number.

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, load_version
>>> v = load_version("zrm2013")
>>> own = Assessment.build(v, "demo", "Sanne", {"financien": 2, "adl": 4, "justitie": "nvt"})
>>> fig = zrm_profile_figure(own, v, title="Demo")
>>> bars = [p for p in fig.axes[0].patches if (p.get_gid() or "").startswith("zrm-bar-")]
>>> len(bars) == len(v.domains)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.versions import ZrmVersion

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["LEVEL_COLOURS", "UNSCORED_COLOUR", "zrm_profile_figure"]

#: Colour per level, from acute (1, red) to fully self-sufficient (5, blue): ColorBrewer RdYlBu-5.
LEVEL_COLOURS: dict[int, str] = {1: "#d7191c", 2: "#fdae61", 3: "#ffffbf", 4: "#abd9e9", 5: "#2c7bb6"}
#: Colour of a "niet besproken" bar (drawn hatched).
UNSCORED_COLOUR = "#e0e0e0"


def _draw_bar(
    ax, version: ZrmVersion, domain_id: str, level: int | None, y: float, height: float, second: bool
) -> None:
    """One bar with its printed level; the second profile is lighter with a dashed black edge."""
    style = (
        {"linestyle": "--", "alpha": 0.75, "edgecolor": "black", "linewidth": 1.0}
        if second
        else {"edgecolor": "#424242", "linewidth": 0.8}
    )
    prefix = "overlay" if second else "bar"
    if level is None:
        bar = ax.barh(y, 0.5, left=0, height=height, color=UNSCORED_COLOUR, hatch="///", **style)[0]
        ax.text(
            0.58, y, "niet besproken", va="center", ha="left", fontsize=8.5, style="italic", color="#424242"
        )
    else:
        bar = ax.barh(y, level, left=0, height=height, color=LEVEL_COLOURS[level], **style)[0]
        text = f"{level} · {version.level_labels[level].lower()}"
        ax.text(
            level + 0.06,
            y,
            text,
            va="center",
            ha="left",
            fontsize=8.5 if second else 9,
            fontweight="normal" if second else "bold",
            style="italic" if second else "normal",
            color="#424242" if second else "black",
        )
    bar.set_gid(f"zrm-{prefix}-{domain_id}")


def zrm_profile_figure(
    assessment: Assessment,
    version: ZrmVersion,
    overlay: Assessment | None = None,
    *,
    title: str = "",
    label: str = "",
    overlay_label: str = "Referentie",
) -> Figure:
    """Draw the profile of ``assessment``; ``overlay`` (same version) is drawn as a second bar per domain.

    Returns a :class:`matplotlib.figure.Figure` (no pyplot state), ready for :func:`figure_bytes`.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    domains = version.domains
    n = len(domains)
    fig = Figure(figsize=(10, (0.62 if overlay is not None else 0.48) * n + 2.2), layout="constrained")
    ax = fig.add_subplot()
    rows = list(range(n))[::-1]  # first domain on top
    layers = [(assessment, 0.0, 0.62, False)]
    if overlay is not None:
        layers = [(assessment, 0.19, 0.36, False), (overlay, -0.19, 0.36, True)]
    for row, domain in zip(rows, domains, strict=True):
        for source, shift, height, second in layers:
            _draw_bar(ax, version, domain.id, source.scores[domain.id].level, row + shift, height, second)
        if overlay is not None and overlay.scores[domain.id].level != assessment.scores[domain.id].level:
            ax.axhspan(row - 0.46, row + 0.46, color="#f3e5f5", zorder=0, gid=f"zrm-diff-{domain.id}")
            ax.text(
                7.35,
                row,
                "≠ verschil",
                va="center",
                ha="right",
                fontsize=9,
                fontweight="bold",
                color="#6a1b9a",
            )
    ax.set_xlim(0, 7.4)
    ax.set_yticks(rows, [d.name for d in domains], fontsize=10)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xticks(list(version.level_labels))
    ax.set_xlabel(
        "niveau van zelfredzaamheid (1 = acute problematiek … 5 = volledig zelfredzaam)", fontsize=9
    )
    ax.grid(axis="x", color="#bdbdbd", linewidth=0.6, linestyle=":")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [
        Patch(facecolor=LEVEL_COLOURS[k], edgecolor="#424242", label=f"{k} {v.lower()}")
        for k, v in version.level_labels.items()
    ]
    handles.append(Patch(facecolor=UNSCORED_COLOUR, hatch="///", edgecolor="#9e9e9e", label="niet besproken"))
    title_text = f"Balk: {label or assessment.rater}"
    if overlay is not None:
        handles.append(
            Patch(
                facecolor="white", edgecolor="black", linestyle="--", label=f"onderste balk: {overlay_label}"
            )
        )
        title_text = (
            f"Bovenste balk (effen): {label or assessment.rater}  ·  "
            f"onderste balk (gestippeld, lichter): {overlay_label}"
        )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=4,
        fontsize=8,
        frameon=False,
        title=title_text,
        title_fontsize=9,
    )
    heading = title or f"ZRM-profiel {assessment.casus_id}"
    fig.suptitle(heading, fontsize=13, fontweight="bold")
    ax.set_title(f"{version.name} · {datum_tekst(assessment.date)}", fontsize=9, color="#616161")
    return fig
