"""Scenario pictures: the dimensions over a route, and a scenario's structure as a graph for its author.

:func:`dimensies_figure` draws eigen regie, veiligheid, vertrouwen and tempo after every choice (scale 0–10).
:func:`structuur_figure` draws every moment as a box and every choice as an arrow, in columns by distance from
the start: debriefs green, dead ends and moments without a way out red, unreachable moments grey and dashed, the
recommended route in bold. Arrows are coloured by verdict (goed, twijfel, fout). :func:`scenario_groep_figure`
draws how a group chose per decision moment.

Examples
--------
>>> from wijkteam_kit.scenario import Spel, load_scenario, scenario_structuur
>>> from wijkteam_kit._basis.catalogue import data_path
>>> spel = Spel(load_scenario("intake-regiecheck"))
>>> spel.speel_aanbevolen()
>>> fig = dimensies_figure(spel.scenario, spel.verloop())
>>> len(fig.axes[0].lines)
4
>>> fig = structuur_figure(scenario_structuur(data_path("scenarios", "intake-regiecheck.yaml")))
>>> sorted(p.get_gid() for p in fig.axes[0].patches if (p.get_gid() or "").startswith("moment-"))[:2]
['moment-aankondigen', 'moment-aanmelding']
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from wijkteam_kit._basis.nederlands import aantal
from wijkteam_kit.scenario import DIMENSIE_NAMEN, Scenario, Structuur

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from wijkteam_kit.groepssessie.analyse.scenario import ScenarioGroep

__all__ = [
    "DIMENSIE_KLEUREN",
    "OORDEEL_KLEUREN",
    "dimensies_figure",
    "scenario_groep_figure",
    "structuur_figure",
]

#: One colour and marker per dimension (colour-blind safe palette, and markers so colour is not needed).
DIMENSIE_KLEUREN: dict[str, tuple[str, str]] = {
    "eigen_regie": ("#0072B2", "o"),
    "veiligheid": ("#D55E00", "s"),
    "vertrouwen": ("#009E73", "^"),
    "tempo": ("#7a5195", "D"),
}
#: Arrow colours per verdict.
OORDEEL_KLEUREN: dict[str, str] = {"goed": "#1b7837", "twijfel": "#b35806", "fout": "#b2182b"}


def dimensies_figure(
    scenario: Scenario, verloop: Sequence[Mapping[str, int]], *, aanbevolen: Sequence[Mapping[str, int]] = ()
) -> Figure:
    """The dimensions at the start and after each choice; ``aanbevolen`` (optional) as thin dotted lines."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 3.6), layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(len(verloop)))
    for dim in scenario.dimensies:
        colour, marker = DIMENSIE_KLEUREN.get(dim, ("#444444", "o"))
        ax.plot(
            xs,
            [v[dim] for v in verloop],
            color=colour,
            marker=marker,
            linewidth=2,
            label=DIMENSIE_NAMEN.get(dim, dim),
            gid=f"dimensie-{dim}",
        )
        if aanbevolen:
            ax.plot(
                range(len(aanbevolen)),
                [v[dim] for v in aanbevolen],
                color=colour,
                linestyle=":",
                linewidth=1,
                gid=f"aanbevolen-{dim}",
            )
    ax.set_ylim(-0.3, 10.3)
    ax.set_xlim(-0.3, max(len(verloop), len(aanbevolen), 2) - 0.7)
    ax.set_xticks(xs, ["start", *(str(i) for i in xs[1:])])
    ax.set_xlabel("keuze")
    ax.set_ylabel("waarde (0–10)")
    ax.grid(axis="y", color="#dddddd")
    ax.spines[["top", "right"]].set_visible(False)
    title = "De dimensies na elke keuze"
    if aanbevolen:
        title += " (stippellijn: aanbevolen route)"
    ax.set_title(title, loc="left", fontsize=11)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def _columns(st: Structuur) -> dict[str, int]:
    """Distance (in choices) from the start; unreachable moments in a last column."""
    successors: dict[str, list[str]] = {m[0]: [] for m in st.momenten}
    for source, target, _verdict, _n in st.pijlen:
        if target in successors:
            successors[source].append(target)
    depth = {st.start: 0} if st.start in successors else {}
    queue = list(depth)
    while queue:
        current = queue.pop(0)
        for nxt in successors[current]:
            if nxt not in depth:
                depth[nxt] = depth[current] + 1
                queue.append(nxt)
    last = max(depth.values(), default=0) + 1
    return {m[0]: depth.get(m[0], last) for m in st.momenten}


def _edge(p: tuple[float, float], q: tuple[float, float], half: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the centre ``p`` towards ``q`` leaves the box around ``p`` (half sizes ``half``)."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    if dx == 0 and dy == 0:
        return p
    t = min(half[0] / abs(dx) if dx else float("inf"), half[1] / abs(dy) if dy else float("inf"))
    return p[0] + t * dx, p[1] + t * dy


def structuur_figure(st: Structuur) -> Figure:
    """Moments as boxes and choices as arrows, for an author to spot dead ends and loose branches."""
    import networkx as nx
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    graph = nx.MultiDiGraph()
    columns = _columns(st)
    for moment_id, _title, _debrief in st.momenten:
        graph.add_node(moment_id, layer=columns[moment_id])
    for source, target, verdict, number in st.pijlen:
        if target in graph:
            graph.add_edge(source, target, verdict=verdict, number=number)
    pos = nx.multipartite_layout(graph, subset_key="layer", align="vertical", scale=1.0)
    n_cols = max(columns.values(), default=0) + 1
    per_col = max((list(columns.values()).count(c) for c in set(columns.values())), default=1)
    fig = Figure(figsize=(max(8.0, 2.1 * n_cols), max(4.5, 1.05 * per_col + 1.5)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    box_w, box_h = span_x / max(n_cols, 2) * 0.8, span_y / max(per_col, 2) * 0.55
    first_good: dict[str, int] = {}
    for source, _target, verdict, number in st.pijlen:
        if verdict == "goed":
            first_good.setdefault(source, number)
    recommended = set(zip(st.aanbevolen, st.aanbevolen[1:], strict=False))
    parallel: dict[tuple[str, str], int] = {}
    half = (box_w / 2, box_h / 2)
    for source, target, data in graph.edges(data=True):
        on_route = (source, target) in recommended and first_good.get(source) == data["number"]
        colour = OORDEEL_KLEUREN.get(data["verdict"], "#555555")
        nth = parallel.get((source, target), 0)
        parallel[(source, target)] = nth + 1
        if source == target:  # a choice that stays at the same moment: a loop over the top of the box
            x, y = pos[source]
            start, end, bend = (
                (x - box_w * 0.3, y + half[1]),
                (x + box_w * 0.3, y + half[1]),
                -1.4 - 0.3 * nth,
            )
        else:
            start, end = _edge(pos[source], pos[target], half), _edge(pos[target], pos[source], half)
            bend = 0.15 * nth + (0.35 if pos[source][0] >= pos[target][0] else 0.0)
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                arrowstyle="-|>",
                mutation_scale=14,
                color=colour,
                linewidth=3.0 if on_route else 1.1,
                alpha=0.95 if on_route else 0.75,
                connectionstyle=f"arc3,rad={bend}",
                shrinkA=1,
                shrinkB=1,
                zorder=3,
                gid=f"keuze-{source}-{data['number']}",
            )
        )
    for source, target, verdict, number in st.pijlen:
        if target in graph:
            continue
        x, y = pos[source]
        tip = (x + half[0] + box_w * 0.45, y - half[1] * 0.6)
        ax.add_patch(
            FancyArrowPatch(
                (x + half[0], y - half[1] * 0.3),
                tip,
                arrowstyle="-|>",
                mutation_scale=14,
                color=OORDEEL_KLEUREN.get(verdict, "#555555"),
                linestyle="--",
                zorder=3,
                gid=f"keuze-{source}-{number}",
            )
        )
        ax.text(
            tip[0], tip[1], f" ? {target}", color="#b2182b", fontsize=7.5, va="center", ha="left", zorder=4
        )
    for moment_id, _title, debrief in st.momenten:
        x, y = pos[moment_id]
        if moment_id in st.onbereikbaar:
            face, edge, style = "#eeeeee", "#888888", "--"
        elif moment_id in st.doodlopend or moment_id in st.zonder_uitweg:
            face, edge, style = "#f8d3d3", "#b2182b", "-"
        elif debrief:
            face, edge, style = "#d9f0d3", "#1b7837", "-"
        else:
            face, edge, style = "#ffffff", "#333333", "-"
        width = 2.6 if moment_id in st.aanbevolen or moment_id == st.start else 1.2
        ax.add_patch(
            FancyBboxPatch(
                (x - box_w / 2, y - box_h / 2),
                box_w,
                box_h,
                boxstyle="round,pad=0.01",
                facecolor=face,
                edgecolor=edge,
                linestyle=style,
                linewidth=width,
                zorder=2,
                gid=f"moment-{moment_id}",
            )
        )
        label = "\n".join(textwrap.wrap(moment_id, 16)[:3])
        if moment_id == st.start:
            label = "START\n" + label
        ax.text(x, y, label, ha="center", va="center", fontsize=7.5, zorder=3)
    ax.set_xlim(min(xs) - box_w, max(xs) + box_w * 1.6)
    ax.set_ylim(min(ys) - box_h, max(ys) + box_h * 1.6)
    legend = [
        Line2D([], [], color=OORDEEL_KLEUREN["goed"], label="keuze: goed"),
        Line2D([], [], color=OORDEEL_KLEUREN["twijfel"], label="keuze: twijfel"),
        Line2D([], [], color=OORDEEL_KLEUREN["fout"], label="keuze: fout"),
        Line2D([], [], color="#333333", linewidth=3, label="aanbevolen route"),
        Line2D([], [], marker="s", linestyle="", markerfacecolor="#d9f0d3", markeredgecolor="#1b7837", label="debrief"),
        Line2D(
            [], [], marker="s", linestyle="", markerfacecolor="#f8d3d3", markeredgecolor="#b2182b",
            label="doodlopend of zonder uitweg",
        ),
        Line2D(
            [], [], marker="s", linestyle="", markerfacecolor="#eeeeee", markeredgecolor="#888888",
            label="niet te bereiken",
        ),
    ]  # fmt: skip
    ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    problems = len(st.onbereikbaar) + len(st.doodlopend | st.zonder_uitweg)
    status = (
        "geen losse takken of doodlopende momenten"
        if not problems
        else f"{aantal(problems, 'moment', 'momenten')} met een probleem"
    )
    ax.set_title(f"Structuur van '{st.id}': {status}", loc="left", fontsize=11)
    return fig


def scenario_groep_figure(groep: ScenarioGroep) -> Figure:
    """Per decision moment a bar split by choice (colour: verdict; the recommended choice outlined in black).

    Moments where the group split carry "verdeeld" in their label; numbers in the bars are how many chose so.

    >>> from wijkteam_kit.scenario import Spel, load_scenario
    >>> from wijkteam_kit.groepssessie.analyse import scenario_groep
    >>> s = load_scenario("intake-regiecheck")
    >>> a, b = Spel(s), Spel(s)
    >>> a.speel_aanbevolen()
    >>> _ = b.kies(1)
    >>> fig = scenario_groep_figure(scenario_groep(s, [("A", a.payload()), ("B", b.payload())]))
    >>> any("verdeeld" in t.get_text() for t in fig.axes[0].get_yticklabels())
    True
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = [c for c in groep.per_moment if c.aantal]
    fig = Figure(figsize=(9.5, 0.55 * max(len(rows), 1) + 1.8), layout="constrained")
    ax = fig.add_subplot()
    labels = []
    for y, c in enumerate(reversed(rows)):
        left = 0
        for k in c.keuzes:
            if not k.aantal:
                continue
            ax.barh(
                y,
                k.aantal,
                left=left,
                color=OORDEEL_KLEUREN[k.oordeel],
                alpha=0.85,
                edgecolor="black" if k.aanbevolen else "white",
                linewidth=2.0 if k.aanbevolen else 0.8,
                gid=f"groep-{c.moment.id}-{k.index + 1}",
            )
            ax.text(left + k.aantal / 2, y, f"{k.index + 1}: {k.aantal}", ha="center", va="center", color="white",
                    fontsize=8, fontweight="bold")  # fmt: skip
            left += k.aantal
        title = textwrap.shorten(c.moment.titel, 38, placeholder="…")
        labels.append(f"{title}  (verdeeld)" if c.verdeeld else title)
    ax.set_yticks(range(len(rows)), labels)
    ax.set_xlabel("aantal deelnemers (in de balk: keuze-nummer: aantal)")
    ax.set_xlim(0, max(groep.deelnemers, 1))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(
        handles=[
            Patch(color=OORDEEL_KLEUREN["goed"], label="goed"),
            Patch(color=OORDEEL_KLEUREN["twijfel"], label="twijfel"),
            Patch(color=OORDEEL_KLEUREN["fout"], label="fout"),
            Patch(facecolor="white", edgecolor="black", linewidth=2, label="aanbevolen keuze"),
        ],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
    )
    ax.set_title(f"Hoe de groep koos per moment ({groep.deelnemers} deelnemers)", loc="left", fontsize=11)
    return fig
