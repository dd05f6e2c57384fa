"""The group picture of a session, for the trainer's dashboard, the participants after the reveal and the handout.

:func:`group_figure` draws the result of :func:`wijkteam_kit.groepssessie.analyse.groep`:

* ZRM: the calibration dot plot (:func:`~wijkteam_kit.draw.kalibratie.calibration_figure`) with the domains in
  agenda order (disagreement in the group and shared distance from the reference first) and the reference as a
  black ring;
* plan: a matrix of plans × Wmo steps (a filled square where a plan uses the step; steps of the reference plan
  shaded) above a bar chart of how many plans address each ZRM domain (reference domains in green);
* netwerkatlas: horizontal bars of the casus persons most often missed.

``highlight`` marks one participant (by display name): their dots, their plan row or the persons they missed.
``met_namen=False`` shows plans as "Plan 1", "Plan 2" … (for a handout). Everything a user typed is drawn
literally: texts are made with ``parse_math=False`` and tick labels have their ``$`` escaped.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> from wijkteam_kit.groepssessie.analyse import groep
>>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
>>> fig = group_figure(groep(casus, "netwerkatlas", []))
>>> [t.get_text() for t in fig.texts][-1]
'Er zijn nog geen leesbare kaarten: zodra deelnemers inleveren, verschijnt hier de groep.'
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from matplotlib.ticker import MaxNLocator

from wijkteam_kit.draw.document_pdf import PAPER_SIZES, add_page_number, layout_pages, pages_pdf
from wijkteam_kit.draw.kalibratie import calibration_figure
from wijkteam_kit.groepssessie.analyse.netwerk import NetwerkGroep, normalise_name
from wijkteam_kit.groepssessie.analyse.plan import PlanGroep
from wijkteam_kit.groepssessie.analyse.zrm import ZrmGroep
from wijkteam_kit.groepssessie.export import handout_document
from wijkteam_kit.plan.model import WMO_LABELS, WMO_STAPPEN

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from wijkteam_kit.casus.model import Casus
    from wijkteam_kit.document import Blok
    from wijkteam_kit.groepssessie.analyse import Groep
    from wijkteam_kit.groepssessie.model import Groepssessie

__all__ = ["group_figure", "handout_pages", "handout_pdf", "literal"]

_MARK = "#d81b60"
_STEP = "#1565c0"
_REF_FILL = "#e3f2fd"
_REF_BAR, _OTHER_BAR = "#2e7d32", "#90a4ae"
_MISSED_BAR = "#ef6c00"
_HIGHLIGHT_FILL = "#fff59d"
_MAX_PERSONS = 20


def literal(text: str) -> str:
    r"""Text for a tick label, drawn as typed: every ``$`` escaped so no mathtext is ever parsed.

    >>> literal("kosten $5 en $6")
    'kosten \\$5 en \\$6'
    """
    return str(text).replace("$", r"\$")


def group_figure(groep: Groep, *, highlight: str | None = None, met_namen: bool = True) -> Figure:
    """The group picture of ``groep`` (a :class:`ZrmGroep`, :class:`PlanGroep` or :class:`NetwerkGroep`)."""
    if isinstance(groep, ZrmGroep):
        return _zrm_figure(groep, highlight)
    if isinstance(groep, PlanGroep):
        return _plan_figure(groep, highlight, met_namen)
    if isinstance(groep, NetwerkGroep):
        return _netwerk_figure(groep, highlight)
    raise TypeError(f"geen groepsuitkomst: {type(groep).__name__}")


def _message_figure(title: str, message: str) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 2.4))
    fig.suptitle(title, fontweight="bold", parse_math=False)
    fig.text(
        0.5,
        0.45,
        message,
        ha="center",
        va="center",
        fontsize=10,
        color="#424242",
        parse_math=False,
        wrap=True,
    )
    return fig


def _same(name: str, wanted: str | None) -> bool:
    return wanted is not None and normalise_name(name) == normalise_name(wanted)


def _restyle_legend(ax: Axes, extra: list, **kwargs: object) -> None:
    old = ax.get_legend()
    handles = [*(old.legend_handles if old else []), *extra]
    legend = ax.legend(handles=handles, **kwargs)  # type: ignore[arg-type]
    for text in legend.get_texts():
        text.set_parse_math(False)


# --------------------------------------------------------------------------- ZRM
def _zrm_figure(groep: ZrmGroep, highlight: str | None) -> Figure:
    from matplotlib.lines import Line2D

    n = len(groep.assessments)
    title = f"Hoe scoorde de groep? · {groep.casus.titel}"
    if n == 0:
        return _message_figure(title, groep.melding)
    version = groep.casus.version()
    order = [item.domain_id for item in groep.agenda]
    fig = calibration_figure(  # the agreement sentence is in the text beside the figure, not in it again
        groep.assessments, version, groep.casus.reference_assessment(), domain_order=order, note=False
    )
    fig.suptitle(
        f"{title} ({n} {'deelnemer' if n == 1 else 'deelnemers'})", fontweight="bold", parse_math=False
    )
    ax = fig.axes[0]
    chosen = next((i for i, a in enumerate(groep.assessments) if _same(a.rater, highlight)), None)
    if chosen is None:
        return fig
    xs, ys = [], []
    for row, domain_id in zip(range(len(order) - 1, -1, -1), order, strict=True):
        levels = [a.scores[domain_id].level for a in groep.assessments]
        level = levels[chosen]
        if level is None:
            continue
        count = levels.count(level)
        index = levels[:chosen].count(level)  # same spreading as calibration_figure
        xs.append(level + (index - (count - 1) / 2) * min(0.09, 0.8 / count))
        ys.append(row)
    ax.scatter(
        xs, ys, s=150, facecolors="none", edgecolors=_MARK, linewidths=2.2, zorder=5, gid="sessie-markering"
    )
    mark = Line2D(
        [], [], marker="o", linestyle="none", markerfacecolor="none", markeredgecolor=_MARK, markeredgewidth=2,
        markersize=10, label=f"{groep.assessments[chosen].rater}",
    )  # fmt: skip
    _restyle_legend(
        ax, [mark], loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=8, frameon=False
    )
    return fig


# --------------------------------------------------------------------------- plan
def _plan_figure(groep: PlanGroep, highlight: str | None, met_namen: bool) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = groep.per_plan
    title = f"Welke stappen en domeinen gebruiken de plannen? · {groep.casus.titel}"
    if not rows:
        return _message_figure(title, groep.melding)
    version = groep.casus.version()
    domains = list(version.domain_ids)
    n, nd = len(rows), len(domains)
    fig = Figure(figsize=(10, 0.32 * (n + nd) + 4.2), layout="constrained")
    fig.suptitle(title, fontweight="bold", parse_math=False)
    top, bottom = fig.subplots(2, 1, height_ratios=[n + 2.5, nd + 1])
    ref = groep.casus.referentieplan
    ref_steps = set(ref.wmo_stappen) if ref else set()
    ref_domains = set(ref.domeinen) if ref else set()

    labels = [
        r.naam if met_namen else ("Jouw plan" if _same(r.naam, highlight) else f"Plan {i}")
        for i, r in enumerate(rows, 1)
    ]
    used_x, used_y, free_x, free_y = [], [], [], []
    for i, row in enumerate(rows):
        y = n - 1 - i
        for j, step in enumerate(WMO_STAPPEN):
            (used_x if step in row.stappen else free_x).append(j)
            (used_y if step in row.stappen else free_y).append(y)
        if _same(row.naam, highlight):
            top.axhspan(y - 0.5, y + 0.5, color=_HIGHLIGHT_FILL, alpha=0.8, zorder=1, gid="sessie-markering")
    for j, step in enumerate(WMO_STAPPEN):
        if step in ref_steps:
            top.axvspan(j - 0.38, j + 0.38, color=_REF_FILL, zorder=0)
    top.scatter(used_x, used_y, marker="s", s=120, color=_STEP, zorder=3, gid="plan-stappen")
    top.scatter(free_x, free_y, marker="o", s=12, color="#cfd8dc", zorder=2)
    wrapped = {s: textwrap.fill(WMO_LABELS[s], 16, break_long_words=False) for s in WMO_STAPPEN}
    heads = [f"{wrapped[s]}\n{groep.step_counts[s]} van {n}" for s in WMO_STAPPEN]
    top.set_xticks(range(len(WMO_STAPPEN)), heads, fontsize=8)
    top.xaxis.tick_top()
    top.set_yticks(range(n - 1, -1, -1), [literal(label) for label in labels], fontsize=8.5)
    top.set_xlim(-0.6, len(WMO_STAPPEN) - 0.4)
    top.set_ylim(-0.6, n - 0.4)
    for side in ("right", "bottom"):
        top.spines[side].set_visible(False)
    top.tick_params(length=0)
    if ref_steps:
        top.legend(
            handles=[Patch(color=_REF_FILL, label="stap in het referentieplan")],
            loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=8, frameon=False,
        )  # fmt: skip

    counts = [groep.domain_counts.get(d, 0) for d in domains]
    colours = [_REF_BAR if d in ref_domains else _OTHER_BAR for d in domains]
    bars = bottom.barh(range(nd - 1, -1, -1), counts, color=colours, height=0.6)
    for bar, domain_id, count in zip(bars, domains, counts, strict=True):
        bar.set_gid(f"domein-{domain_id}")
        bottom.text(count + 0.05 * max(n, 1), bar.get_y() + 0.3, str(count), va="center", fontsize=8)
    bottom.set_yticks(range(nd - 1, -1, -1), [version.domain(d).name for d in domains], fontsize=8.5)
    bottom.set_xlim(0, max(n, 1) * 1.12)
    bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.set_xlabel("aantal plannen met een probleemstelling op dit domein", fontsize=9)
    for side in ("top", "right"):
        bottom.spines[side].set_visible(False)
    handles = [
        Patch(color=_REF_BAR, label="domein in het referentieplan"),
        Patch(color=_OTHER_BAR, label="ander domein"),
    ]
    bottom.legend(
        handles=handles if ref_domains else handles[1:], loc="lower right", fontsize=8, frameon=False
    )
    return fig


# --------------------------------------------------------------------------- netwerkatlas
def _netwerk_figure(groep: NetwerkGroep, highlight: str | None) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    title = f"Wie ontbreekt het vaakst op de kaart? · {groep.casus.titel}"
    n = len(groep.per_map)
    if n == 0 or not groep.missed:
        return _message_figure(title, groep.melding)
    shown = groep.missed_share[:_MAX_PERSONS]
    own = next((set(r.gemist) for r in groep.per_map if _same(r.naam, highlight)), None)
    k = len(shown)
    fig = Figure(figsize=(9, 0.42 * k + 2.2), layout="constrained")
    fig.suptitle(title, fontweight="bold", parse_math=False)
    ax = fig.add_subplot()
    ys = list(range(k - 1, -1, -1))
    bars = ax.barh(ys, [count for _, count, _ in shown], color=_MISSED_BAR, height=0.6)
    for bar, (name, count, share) in zip(bars, shown, strict=True):
        bar.set_gid("gemist")
        if own is not None and name in own:
            bar.set(edgecolor=_MARK, linewidth=2.2, hatch="//", gid="sessie-markering")
        label = f"{count} van {n} ({share:.0%})"
        ax.text(count + 0.04 * n, bar.get_y() + 0.3, label, va="center", fontsize=8.5, parse_math=False)
    ax.set_yticks(ys, [literal(name) for name, _, _ in shown], fontsize=9)
    ax.set_xlim(0, n * 1.3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"aantal kaarten waarop de persoon ontbreekt (van {n})", fontsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    note = groep.melding
    if len(groep.missed) > k:
        note += f" De {k} die het vaakst ontbreken staan hier."
    ax.set_title(note, fontsize=8.5, color="#616161", parse_math=False)
    if own is not None:
        mark = Patch(facecolor=_MISSED_BAR, edgecolor=_MARK, hatch="//", label="ontbreekt ook op jouw kaart")
        ax.legend(handles=[mark], loc="lower right", fontsize=8, frameon=False)
    return fig


def handout_pages(
    sessie: Groepssessie,
    casus: Casus,
    result: Groep,
    *,
    met_namen: bool = False,
    aantal_deelnemers: int | None = None,
    paper: str = "A4",
    extra: Sequence[Blok] = (),
) -> list[Figure]:
    """The pages of :func:`handout_pdf` as figures: the document pages, then the group figure on the same paper.

    Every page is numbered "pagina i van n" with n counting the figure page too.
    """
    doc = handout_document(
        sessie, casus, result, met_namen=met_namen, aantal_deelnemers=aantal_deelnemers, extra=extra
    )
    pages = layout_pages(doc, paper=paper, extra_pages=1)  # refuses an unknown paper size
    figure = group_figure(result, met_namen=met_namen)
    width, height = figure.get_size_inches()
    size = PAPER_SIZES[paper]
    figure.set_size_inches(size[::-1] if width >= height else size)
    add_page_number(figure, len(pages) + 1, len(pages) + 1)  # every page counts, the figure too
    return [*pages, figure]


def handout_pdf(
    sessie: Groepssessie,
    casus: Casus,
    result: Groep,
    *,
    met_namen: bool = False,
    aantal_deelnemers: int | None = None,
    paper: str = "A4",
    extra: Sequence[Blok] = (),
) -> bytes:
    """The handout as one PDF: :func:`handout_document` pages plus the group figure on a page of its own."""
    pages = handout_pages(
        sessie, casus, result, met_namen=met_namen, aantal_deelnemers=aantal_deelnemers, paper=paper, extra=extra
    )
    return pages_pdf(pages, f"Groepsuitkomst: {casus.titel}")
