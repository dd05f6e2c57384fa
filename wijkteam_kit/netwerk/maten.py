r"""Structural measures of a client's network: size, density, composition, diversity, Burt, cut points.

Notation (DOMAIN.md, "Ego-network analysis"): ``n`` alters (the persons on the map), ``t`` ties between two
alters, ``G`` the ego graph (client plus alters), ``A`` the alters' graph without the client. ``K = 6`` is the
number of sectors (:data:`~wijkteam_kit.netwerk.model.SECTOREN`), fixed, so networks can be compared.

Deceased persons (``overleden``) stay on the familiekaart, but they are left out of every measure:
:func:`ego_graph` drops them. Every function takes a :class:`~wijkteam_kit.netwerk.model.Netwerkatlas` or the
graph :func:`ego_graph` made from it (pass the graph when you call several measures: it is built once).
Measures that are undefined for a small network return ``None`` instead of dividing by zero.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(
...     client=Client(naam="Gerda"),
...     personen=(
...         Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1),
...         Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=2),
...         Persoon(id="arts", naam="Dokter", relatie="professional", sector="professionals", cirkel=3),
...     ),
...     banden=(
...         Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend"),
...         Band(van="client", naar="ans", frequentie="wekelijks", kwaliteit="steunend"),
...         Band(van="client", naar="arts", frequentie="maandelijks", kwaliteit="steunend"),
...         Band(van="henk", naar="ans", frequentie="maandelijks", kwaliteit="steunend"),
...     ),
... )
>>> g = ego_graph(atlas)
>>> round(density(g), 3), round(effective_size(g), 3), alter_cut_vertices(g)
(0.333, 2.333, ())
>>> round(blau(g), 3), round(iqv(g), 3), round(ei_index(g), 3)
(0.667, 0.8, -0.333)
"""

from __future__ import annotations

import math

import networkx as nx

from wijkteam_kit.netwerk.model import CLIENT_ID, SECTOREN, Netwerkatlas

__all__ = [
    "Network",
    "alter_bridges",
    "alter_cut_vertices",
    "alters_graph",
    "blau",
    "components",
    "composition",
    "constraint",
    "cut_off",
    "density",
    "effective_size",
    "efficiency",
    "ego_bridges",
    "ego_cut_vertices",
    "ego_graph",
    "ei_index",
    "formal_share",
    "iqv",
    "isolates",
    "shannon",
    "size_by_circle",
    "size_by_sector",
]

Network = Netwerkatlas | nx.Graph


def ego_graph(network: Network) -> nx.Graph:
    """The ego graph ``G``: :meth:`Netwerkatlas.graph` without deceased persons (a graph is returned as is)."""
    if isinstance(network, nx.Graph):
        return network
    g = network.graph()
    g.remove_nodes_from([p.id for p in network.personen if p.overleden])
    return g


def alters_graph(network: Network) -> nx.Graph:
    """``A``: the persons and their ties with each other, without the client (persons in input order)."""
    a = ego_graph(network).copy()
    if CLIENT_ID in a:
        a.remove_node(CLIENT_ID)
    return a


def _alters(g: nx.Graph) -> list[str]:
    return [v for v in g if v != CLIENT_ID]


def size_by_sector(network: Network) -> dict[str, int]:
    """``n_k``: the number of persons per sector; all six sectors are present, with 0 where empty."""
    g = ego_graph(network)
    counts = dict.fromkeys(SECTOREN, 0)
    for v in _alters(g):
        counts[g.nodes[v]["sector"]] += 1
    return counts


def size_by_circle(network: Network) -> dict[int, int]:
    """The number of persons per circle 1 (very close) … 4 (far); every circle present, 0 where empty."""
    g = ego_graph(network)
    counts = dict.fromkeys(range(1, 5), 0)
    for v in _alters(g):
        counts[g.nodes[v]["cirkel"]] += 1
    return counts


def formal_share(network: Network) -> float | None:
    """Share of professionals: ``n_professionals / n`` (formal = sector professionals); None when n = 0."""
    counts = size_by_sector(network)
    n = sum(counts.values())
    return counts["professionals"] / n if n else None


def density(network: Network) -> float | None:
    """Density of ``A`` (the client excluded): ``2t / (n(n − 1))``; None when n < 2."""
    a = alters_graph(network)
    n, t = a.number_of_nodes(), a.number_of_edges()
    return 2 * t / (n * (n - 1)) if n >= 2 else None


def components(network: Network) -> tuple[tuple[str, ...], ...]:
    """Connected components of ``A`` (groups that know each other without the client), largest first."""
    a = alters_graph(network)
    order = {v: i for i, v in enumerate(a)}
    parts = [sorted(c, key=order.__getitem__) for c in nx.connected_components(a)]
    parts.sort(key=lambda c: (-len(c), order[c[0]]))
    return tuple(tuple(c) for c in parts)


def isolates(network: Network) -> tuple[str, ...]:
    """Persons with no tie to any other person in ``A`` (they only know the client), in input order."""
    a = alters_graph(network)
    return tuple(v for v in a if a.degree(v) == 0)


def composition(network: Network) -> dict[str, float]:
    """``p_k = n_k / n`` per sector (all six present); all 0.0 when n = 0."""
    counts = size_by_sector(network)
    n = sum(counts.values())
    return {k: (c / n if n else 0.0) for k, c in counts.items()}


def blau(network: Network) -> float | None:
    """Blau's heterogeneity over sectors: ``1 − Σ p_k²``; 0 when everyone is in one sector, None when n = 0."""
    if not _alters(ego_graph(network)):
        return None
    return 1 - sum(p * p for p in composition(network).values())


def iqv(network: Network) -> float | None:
    """Index of qualitative variation: ``Blau / (1 − 1/K)`` with ``K = 6``, so 1.0 is an even spread."""
    b = blau(network)
    return None if b is None else b / (1 - 1 / len(SECTOREN))


def shannon(network: Network) -> float | None:
    """Shannon diversity over sectors in bits: ``−Σ p_k log₂ p_k`` (terms with p_k = 0 left out)."""
    if not _alters(ego_graph(network)):
        return None
    return sum(-p * math.log2(p) for p in composition(network).values() if p > 0) + 0.0


def ei_index(network: Network) -> float | None:
    """Krackhardt's E-I index on formal versus informal: ``(E − I) / (E + I)``; None when n = 0.

    The client is a private person, so the client's own group is *informal*: ``E`` = professionals, ``I`` =
    everyone else. −1 means only informal persons, +1 only professionals.
    """
    counts = size_by_sector(network)
    e = counts["professionals"]
    i = sum(counts.values()) - e
    return (e - i) / (e + i) if e + i else None


def _ego_n_t(g: nx.Graph) -> tuple[int, int]:
    neighbours = list(g[CLIENT_ID])
    return len(neighbours), g.subgraph(neighbours).number_of_edges()


def effective_size(network: Network) -> float | None:
    """Burt's effective size of the client: ``n − 2t/n`` over the client's direct contacts.

    Here ``n`` is the number of persons with a tie to the client and ``t`` the ties among them (Borgatti's
    formula, as networkx ``effective_size`` on the ego graph). None when the client has no ties.
    """
    n, t = _ego_n_t(ego_graph(network))
    return n - 2 * t / n if n else None


def efficiency(network: Network) -> float | None:
    """Burt's efficiency: ``effective size / n`` (1.0 when no two contacts know each other)."""
    g = ego_graph(network)
    size = effective_size(g)
    return None if size is None else size / g.degree(CLIENT_ID)


def constraint(network: Network) -> float | None:
    r"""Burt's constraint of the client on the ego graph: ``Σ_j (p_cj + Σ_q p_cq p_qj)²``.

    ``j`` and ``q`` run over the client's contacts and ``p_ij = 1/deg(i)`` when i and j are tied (all ties weigh
    the same), else 0. High (towards 1) means the client's contacts all know each other or there are few of them;
    None when the client has no ties. The same value as networkx ``constraint`` on the ego graph, computed in
    linear time (networkx takes cubic time in the client's degree).
    """
    g = ego_graph(network)
    if CLIENT_ID not in g or not g.degree(CLIENT_ID):
        return None
    contacts = g[CLIENT_ID]
    p_c = 1 / len(contacts)
    total = 0.0
    for j in contacts:
        indirect = sum(p_c / g.degree(q) for q in g[j] if q in contacts)
        total += (p_c + indirect) ** 2
    return total


def _in_order(g: nx.Graph, nodes: set[str]) -> tuple[str, ...]:
    return tuple(v for v in g if v in nodes)


def ego_cut_vertices(network: Network) -> tuple[str, ...]:
    """Persons who are articulation points of ``G``: without them someone loses every path to the client."""
    g = ego_graph(network)
    return _in_order(g, set(nx.articulation_points(g)) - {CLIENT_ID})


def alter_cut_vertices(network: Network) -> tuple[str, ...]:
    """Articulation points of ``A``: persons who hold groups of the network together (without the client)."""
    a = alters_graph(network)
    return _in_order(a, set(nx.articulation_points(a)))


def _bridges(g: nx.Graph) -> tuple[tuple[str, str], ...]:
    order = {v: i for i, v in enumerate(g)}
    pairs = [tuple(sorted(e, key=order.__getitem__)) for e in nx.bridges(g)]
    return tuple(sorted(pairs, key=lambda e: (order[e[0]], order[e[1]])))


def ego_bridges(network: Network) -> tuple[tuple[str, str], ...]:
    """Ties of ``G`` whose loss splits the network (``(a, b)`` in input order, the client first)."""
    return _bridges(ego_graph(network))


def alter_bridges(network: Network) -> tuple[tuple[str, str], ...]:
    """Ties of ``A`` whose loss splits a group of persons who know each other."""
    return _bridges(alters_graph(network))


def cut_off(network: Network, person: str, *, from_client: bool = True) -> tuple[tuple[str, ...], ...]:
    """What falls apart without ``person``.

    With ``from_client`` (default): the persons who then have no path to the client left, as one group. Without
    it: the groups that ``person``'s component of ``A`` splits into, largest first. Empty when nothing splits.
    """
    g = ego_graph(network)
    if from_client:
        rest = g.subgraph([v for v in g if v != person])
        lost = set(rest) - nx.node_connected_component(rest, CLIENT_ID) if CLIENT_ID in rest else set()
        return (_in_order(g, lost),) if lost else ()
    a = alters_graph(g)
    a.remove_nodes_from(set(a) - nx.node_connected_component(a, person) | {person})
    parts = components(a)
    return parts if len(parts) > 1 else ()
