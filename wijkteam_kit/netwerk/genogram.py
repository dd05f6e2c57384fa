"""The familiekaart (genogram) as data: who is family, couples, children, generations and a layout.

Explicit family data (``atlas.koppels``, ``atlas.afstamming``) always wins. What is missing is derived from the
``relatie`` of each family member to the client:

- ``partner``: a couple with the client, status ``"partner"`` (the kind of relationship is not filled in; it is
  drawn as a plain solid line, like a marriage, because a dashed line would claim they are not married);
- ``kind``: child of the client, and of the client's current partner when there is exactly one;
- ``ouder``: parent of the client (the first two; two parents become a couple with status ``"partner"``);
- ``broer/zus``: child of the client's parents; with no parents known the client and siblings share a sibship
  line that hangs from an implied unknown parent (``ouders == ()``);
- ``grootouder`` / ``kleinkind``: generation -2 / +2 (a grandchild hangs under the client's only child);
- anything else (``familie``, or a family-sector person with another relatie): the client's generation, at the
  side, with the relatie as a label.

Persons not in the familie sector and without a family relatie (friends, neighbours, professionals) are left
out, unless they live in the household or appear in explicit family data.

Coordinates: persons are ``SPACING`` apart in a row; generation ``g`` is drawn at ``y = -g * ROW`` (parents
above, children below).

Examples
--------
>>> from wijkteam_kit.netwerk.model import Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(client=Client(naam="Gerda", geslacht="vrouw"), personen=(
...     Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1, huishouden=True),
...     Persoon(id="erik", naam="Erik", relatie="kind", sector="familie", cirkel=2, geboortejaar=1980),
...     Persoon(id="mia", naam="Mia", relatie="kind", sector="familie", cirkel=2, geboortejaar=1977),
...     Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=2)))
>>> lay = genogram_layout(atlas)
>>> lay.generations
{'client': 0, 'henk': 0, 'erik': 1, 'mia': 1}
>>> lay.positions["mia"][0] < lay.positions["erik"][0]  # oldest left
True
>>> [(c.a, c.b, c.status) for c in lay.couples], sorted(lay.household)
([('client', 'henk', 'partner')], ['client', 'henk'])
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from wijkteam_kit.netwerk.model import CLIENT_ID, Netwerkatlas

__all__ = [
    "COUPLE_STATUSES",
    "FAMILY_RELATIONS",
    "ROW",
    "SPACING",
    "ChildLine",
    "CoupleLine",
    "GenogramLayout",
    "genogram_layout",
]

FAMILY_RELATIONS = ("partner", "kind", "ouder", "broer/zus", "grootouder", "kleinkind", "familie")
"""Relations to the client that put a person on the familiekaart."""
COUPLE_STATUSES = ("getrouwd", "samenwonend", "uit_elkaar", "gescheiden", "partner")
"""Couple statuses; ``"partner"`` = a couple whose kind of relationship is not filled in."""
SPACING = 2.0
"""Horizontal distance between neighbours in a row (map units)."""
ROW = 3.4
"""Vertical distance between generations (map units)."""

_HINT = {"partner": 0, "kind": 1, "ouder": -1, "broer/zus": 0, "grootouder": -2, "kleinkind": 2}
_CURRENT = {"getrouwd", "samenwonend", "partner"}
_ENDED = {"uit_elkaar", "gescheiden"}
_STUB = "?"  # key of the implied unknown parent (not a valid person id)


@dataclass(frozen=True)
class CoupleLine:
    """A couple line between ``a`` and ``b``; ``derived`` when it follows from ``relatie``, not from koppels."""

    a: str
    b: str
    status: str
    derived: bool = False


@dataclass(frozen=True)
class ChildLine:
    """A child hanging from its parent(s); ``ouders == ()`` hangs it from the unknown-parent stub."""

    kind: str
    ouders: tuple[str, ...]
    soort: str = "biologisch"
    derived: bool = False


@dataclass(frozen=True)
class GenogramLayout:
    """Everything the familiekaart draws, with places.

    ``positions`` and ``generations`` hold every person on the map, the client included; ``side_labels`` the
    extra label of relatives at the side (``"familie"``); ``stub`` the place of the implied unknown parent of a
    sibship without known parents (or None).
    """

    positions: dict[str, tuple[float, float]]
    generations: dict[str, int]
    couples: tuple[CoupleLine, ...]
    children: tuple[ChildLine, ...]
    household: frozenset[str]
    side_labels: dict[str, str] = field(default_factory=dict)
    stub: tuple[float, float] | None = None


def _structure(
    atlas: Netwerkatlas,
) -> tuple[list[str], list[CoupleLine], dict[str, ChildLine], dict[str, str]]:
    """Members, couples, child lines and side labels (explicit data first, the rest derived)."""
    explicit = {k.a for k in atlas.koppels} | {k.b for k in atlas.koppels}
    explicit |= {a.kind for a in atlas.afstamming} | {o for a in atlas.afstamming for o in a.ouders}
    members = [
        p.id
        for p in atlas.personen
        if p.relatie in FAMILY_RELATIONS or p.sector == "familie" or p.huishouden or p.id in explicit
    ]
    known = {CLIENT_ID, *members}
    relatie = {p.id: p.relatie for p in atlas.personen}
    couples: list[CoupleLine] = []

    def add_couple(a: str, b: str, status: str, derived: bool) -> None:
        pair = {a, b}
        if a != b and pair <= known and all({c.a, c.b} != pair for c in couples):
            couples.append(CoupleLine(a, b, status, derived))

    def with_rel(rel: str) -> list[str]:
        return [m for m in members if relatie[m] == rel]

    for k in atlas.koppels:
        add_couple(k.a, k.b, k.status, False)
    lines: dict[str, ChildLine] = {}
    for a in atlas.afstamming:
        if a.kind in known and a.kind not in lines and all(o in known and o != a.kind for o in a.ouders):
            lines[a.kind] = ChildLine(a.kind, tuple(a.ouders), a.soort, False)
    for pid in with_rel("partner"):
        add_couple(CLIENT_ID, pid, "partner", True)
    current = [
        c.b if c.a == CLIENT_ID else c.a for c in couples if CLIENT_ID in (c.a, c.b) and c.status in _CURRENT
    ]
    for pid in with_rel("kind"):
        if pid not in lines and pid not in current:
            lines[pid] = ChildLine(
                pid, (CLIENT_ID, current[0]) if len(current) == 1 else (CLIENT_ID,), derived=True
            )
    if CLIENT_ID not in lines and with_rel("ouder"):
        lines[CLIENT_ID] = ChildLine(CLIENT_ID, tuple(with_rel("ouder")[:2]), derived=True)
    parents = lines[CLIENT_ID].ouders if CLIENT_ID in lines else ()
    for pid in with_rel("broer/zus"):
        if pid not in lines:
            lines[pid] = ChildLine(pid, parents, derived=True)
    if not parents and any(not line.ouders for line in lines.values()):
        lines[CLIENT_ID] = ChildLine(CLIENT_ID, (), derived=True)
    own_children = [line.kind for line in lines.values() if CLIENT_ID in line.ouders]
    for pid in with_rel("kleinkind"):
        if pid not in lines and len(own_children) == 1:
            lines[pid] = ChildLine(pid, (own_children[0],), derived=True)
    for line in lines.values():
        if len(line.ouders) == 2:
            add_couple(*line.ouders, "partner", True)
    linked = {m for c in couples for m in (c.a, c.b)} | {
        m for line in lines.values() for m in (line.kind, *line.ouders)
    }
    labels = {m: relatie[m] for m in members if relatie[m] not in _HINT and m not in linked}
    return members, couples, lines, labels


def _generations(
    atlas: Netwerkatlas, members: list[str], couples: list[CoupleLine], lines: dict[str, ChildLine]
) -> dict[str, int]:
    """Generation per person: breadth-first from the client over couples and child lines, then hints."""
    adj: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for c in couples:
        adj[c.a].append((c.b, 0))
        adj[c.b].append((c.a, 0))
    for line in lines.values():
        for o in line.ouders or (CLIENT_ID,):
            step = 1 if line.ouders else 0
            adj[o].append((line.kind, step))
            adj[line.kind].append((o, -step))
    gen: dict[str, int] = {}
    relatie = {p.id: p.relatie for p in atlas.personen}
    seeds = [CLIENT_ID, *sorted(members, key=lambda m: relatie[m] not in _HINT)]
    for seed in seeds:
        if seed in gen:
            continue
        gen[seed] = _HINT.get(relatie.get(seed, ""), 0)
        queue = deque([seed])
        while queue:
            node = queue.popleft()
            for nxt, step in adj[node]:
                if nxt not in gen:
                    gen[nxt] = gen[node] + step
                    queue.append(nxt)
    return gen


def _clusters(nodes: list[str], couples: list[CoupleLine]) -> list[list[str]]:
    """Couple clusters in row order around a hub (the member with most partners).

    One partner: an ex to the left, a current partner to the right. More partners: current ones first, then
    exes, alternately right and left, so a current partner sits next to the hub (one household box) and the
    couple lines stay short.
    """
    partners: dict[str, list[CoupleLine]] = defaultdict(list)
    for c in couples:
        partners[c.a].append(c)
        partners[c.b].append(c)
    done: set[str] = set()
    clusters = []
    for start in nodes:
        if start in done:
            continue
        comp, queue = {start}, deque([start])
        while queue:
            for c in partners[queue.popleft()]:
                for m in (c.a, c.b):
                    if m not in comp:
                        comp.add(m)
                        queue.append(m)
        hub = max(sorted(comp, key=nodes.index), key=lambda m: (len(partners[m]), m == CLIENT_ID))
        own = sorted(partners[hub], key=lambda c: c.status in _ENDED)  # current partners first
        sides = [own[0].status in _ENDED] if len(own) == 1 else [k % 2 == 1 for k in range(len(own))]
        order = [hub]
        for c, left in zip(own, sides, strict=True):
            other = c.b if c.a == hub else c.a
            if left:
                order.insert(0, other)
            else:
                order.append(other)
        while len(order) < len(comp):
            for m in list(order):
                for c in partners[m]:
                    other = c.b if c.a == m else c.a
                    if other not in order and order.index(m) < order.index(hub):
                        order.insert(0, other)
                    elif other not in order:
                        order.append(other)
        done |= comp
        clusters.append(order)
    return clusters


def genogram_layout(atlas: Netwerkatlas) -> GenogramLayout:
    """Family structure and places for the familiekaart of ``atlas`` (see the module docs for the rules)."""
    members, couples, lines, labels = _structure(atlas)
    nodes = [CLIENT_ID, *members]
    gen = _generations(atlas, members, couples, lines)
    clusters = _clusters(nodes, couples)
    cluster_of = {m: i for i, cl in enumerate(clusters) for m in cl}
    for cl in clusters:
        ref = gen[min(cl, key=nodes.index)]
        for m in cl:
            gen[m] = ref
    birth = {p.id: p.geboortejaar for p in atlas.personen} | {CLIENT_ID: atlas.client.geboortejaar}

    def age_key(pid: str) -> tuple[bool, int, int]:
        return birth[pid] is None, birth[pid] or 0, nodes.index(pid)

    stub_cluster = len(clusters)  # virtual cluster of the implied unknown parent
    cluster_gen = {i: gen[cl[0]] for i, cl in enumerate(clusters)} | {stub_cluster: gen[CLIENT_ID] - 1}
    units: dict[frozenset[str], list[str]] = defaultdict(list)
    for line in sorted(lines.values(), key=lambda line: age_key(line.kind)):
        units[frozenset(line.ouders)].append(line.kind)
    parent_of: dict[int, int] = {}
    tree: dict[int, list[tuple[frozenset[str], int, str]]] = defaultdict(list)
    for key in sorted(units, key=lambda k: CLIENT_ID not in units[k]):
        pc = cluster_of[next(iter(key))] if key else stub_cluster
        for child in units[key]:
            cc = cluster_of[child]
            if cc not in parent_of and cluster_gen[cc] > cluster_gen[pc]:
                parent_of[cc] = pc
                tree[pc].append((key, cc, child))

    def subtree(ci: int) -> tuple[dict[str, float], dict[int, tuple[float, float]]]:
        own = clusters[ci] if ci < stub_cluster else [_STUB]
        pos = {m: (i - (len(own) - 1) / 2) * SPACING for i, m in enumerate(own)}
        contour = {cluster_gen[ci]: (pos[own[0]], pos[own[-1]])}
        anchor = {key: sum(pos[o] for o in key) / len(key) if key else 0.0 for key, _, _ in tree[ci]}
        kids: dict[str, float] = {}
        kid_contour: dict[int, tuple[float, float]] = {}
        child_x = []
        previous = None
        for key, cc, child in sorted(tree[ci], key=lambda t: (anchor[t[0]], age_key(t[2]))):
            sub, sc = subtree(cc)
            gap = SPACING if key == previous else SPACING * 1.25
            shared = [g for g in sc if g in kid_contour]
            if not kid_contour:
                shift = 0.0
            elif shared:
                shift = max(kid_contour[g][1] + gap - sc[g][0] for g in shared)
            else:
                shift = max(hi for _, hi in kid_contour.values()) + gap - min(lo for lo, _ in sc.values())
            kids.update({m: x + shift for m, x in sub.items()})
            _merge(kid_contour, sc, shift)
            child_x.append(kids[child])
            previous = key
        if child_x:
            move = sum(anchor.values()) / len(anchor) - (min(child_x) + max(child_x)) / 2
            pos.update({m: x + move for m, x in kids.items()})
            _merge(contour, kid_contour, move)
        return pos, contour

    main = cluster_of[CLIENT_ID]
    while main in parent_of:
        main = parent_of[main]
    xs: dict[str, float] = {}
    occupied: dict[int, list[float]] = defaultdict(list)

    def place(ci: int, target: float | None) -> None:
        pos, contour = subtree(ci)
        shift = 0.0 if target is None else _free_shift(contour, occupied, target)
        for m, x in pos.items():
            xs[m] = x + shift
            occupied[gen.get(m, cluster_gen[stub_cluster])].append(xs[m])

    place(main, None)
    pending = [i for i in range(stub_cluster) if i not in parent_of and i != main]  # the stub is in main
    links = [(c.a, c.b) for c in couples] + [(o, line.kind) for line in lines.values() for o in line.ouders]
    while pending:
        best = None
        for r in pending:
            pos, _ = subtree(r)
            shifts = [xs[q] - pos[p] for a, b in links for p, q in ((a, b), (b, a)) if p in pos and q in xs]
            if shifts:
                best = (r, sum(shifts) / len(shifts))
                break
        if best is None:
            r = pending[0]
            pos, _ = subtree(r)
            best = (r, _hint_target(atlas, clusters[r][0], lines, xs, occupied, gen) - pos[clusters[r][0]])
        pending.remove(best[0])
        place(best[0], best[1])
    positions = {m: (xs[m], -gen[m] * ROW) for m in nodes}
    stub = (xs[_STUB], -cluster_gen[stub_cluster] * ROW) if _STUB in xs else None
    household = frozenset({CLIENT_ID} | {p.id for p in atlas.personen if p.huishouden and p.id in positions})
    ordered_lines = tuple(lines[m] for m in nodes if m in lines)
    return GenogramLayout(
        positions, {m: gen[m] for m in nodes}, tuple(couples), ordered_lines, household, labels, stub
    )


def _merge(into: dict[int, tuple[float, float]], other: dict[int, tuple[float, float]], shift: float) -> None:
    """Widen the per-row extents ``into`` with ``other`` moved by ``shift``."""
    for g, (lo, hi) in other.items():
        old = into.get(g, (lo + shift, hi + shift))
        into[g] = (min(old[0], lo + shift), max(old[1], hi + shift))


def _free_shift(
    contour: dict[int, tuple[float, float]], occupied: dict[int, list[float]], target: float
) -> float:
    """The shift nearest to ``target`` at which a subtree keeps ``SPACING`` from everything already placed."""

    def fits(s: float) -> bool:
        return all(
            not (lo + s - SPACING + 1e-6 < x < hi + s + SPACING - 1e-6)
            for g, (lo, hi) in contour.items()
            for x in occupied.get(g, [])
        )

    candidates = [target]
    for g, (lo, hi) in contour.items():
        for x in occupied.get(g, []):
            candidates += [x + SPACING - lo, x - SPACING - hi]
    return min((s for s in candidates if fits(s)), key=lambda s: (abs(s - target), -s))


def _hint_target(
    atlas: Netwerkatlas,
    pid: str,
    lines: dict[str, ChildLine],
    xs: dict[str, float],
    occupied: dict[int, list[float]],
    gen: dict[str, int],
) -> float:
    """Where a person without family lines wants to be: above the parents, under the children, or aside."""
    relatie = atlas.person(pid).relatie if pid != CLIENT_ID else ""
    if relatie == "grootouder":
        near = [xs[o] for o in (lines[CLIENT_ID].ouders if CLIENT_ID in lines else ()) if o in xs]
    elif relatie == "kleinkind":
        near = [xs[line.kind] for line in lines.values() if CLIENT_ID in line.ouders and line.kind in xs]
    else:
        row = occupied.get(gen[pid], [])
        return max(row) + 1.5 * SPACING if row else max(xs.values()) + 1.5 * SPACING
    return sum(near) / len(near) if near else xs[CLIENT_ID]
