r"""Analysis of a netwerkatlas: every measure in one frozen :class:`NetwerkAnalyse` by :func:`analyse`.

The measures themselves, each with its formula, live in :mod:`.maten` (structure and composition) and
:mod:`.steun` (support, reciprocity, multiplexity, load, overload); they are re-exported here. Social-work signals
in Dutch are in :mod:`.signalen`; suggestions (invitees, basisteam, key persons) in :mod:`.advies`.

Notation: ``n`` persons (alters), ``t`` ties between persons, ``G`` the ego graph, ``A`` the persons' graph
without the client. Deceased persons are left out of every measure. A network with nobody on it is valid: counts
are 0 and measures that need persons are ``None``.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(
...     client=Client(naam="Gerda"),
...     personen=(
...         Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1, huishouden=True),
...         Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=2),
...     ),
...     banden=(
...         Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend",
...              steun_ontvangen=["gezelschap"], steun_gegeven=["praktisch", "emotioneel"]),
...         Band(van="client", naar="ans", frequentie="wekelijks", kwaliteit="steunend",
...              steun_ontvangen=["emotioneel", "gezelschap"], steun_gegeven=["gezelschap"]),
...     ),
... )
>>> a = analyse(atlas)
>>> a.n, a.per_sector["familie"], a.dichtheid, a.effectieve_grootte, a.constraint
(2, 1, 0.0, 2.0, 0.5)
>>> [z.id for z in a.mantelzorg], a.dekking["praktisch"].geen_bron
(['henk'], True)
>>> analyse(Netwerkatlas()).dichtheid is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from wijkteam_kit.netwerk.advies import key_persons
from wijkteam_kit.netwerk.maten import (
    Network,
    alter_bridges,
    alter_cut_vertices,
    alters_graph,
    blau,
    components,
    composition,
    constraint,
    cut_off,
    density,
    effective_size,
    efficiency,
    ego_bridges,
    ego_cut_vertices,
    ego_graph,
    ei_index,
    formal_share,
    iqv,
    isolates,
    shannon,
    size_by_circle,
    size_by_sector,
)
from wijkteam_kit.netwerk.model import CLIENT_ID
from wijkteam_kit.netwerk.steun import (
    Belasting,
    Dekking,
    JongeMantelzorger,
    Last,
    Multiplexiteit,
    Wederkerigheid,
    Zorgtaak,
    client_caregiving,
    coverage,
    household_providers,
    load,
    multiplexity,
    overload,
    reciprocity,
    young_carers,
)

__all__ = [
    "Belasting",
    "Dekking",
    "JongeMantelzorger",
    "Last",
    "Multiplexiteit",
    "NetwerkAnalyse",
    "Network",
    "Wederkerigheid",
    "Zorgtaak",
    "alter_bridges",
    "alter_cut_vertices",
    "alters_graph",
    "analyse",
    "blau",
    "client_caregiving",
    "components",
    "composition",
    "constraint",
    "coverage",
    "cut_off",
    "density",
    "effective_size",
    "efficiency",
    "ego_bridges",
    "ego_cut_vertices",
    "ego_graph",
    "ei_index",
    "formal_share",
    "household_providers",
    "iqv",
    "isolates",
    "key_persons",
    "load",
    "multiplexity",
    "overload",
    "reciprocity",
    "shannon",
    "size_by_circle",
    "size_by_sector",
    "young_carers",
]


@dataclass(frozen=True)
class NetwerkAnalyse:
    """Every measure of one snapshot (see :mod:`.maten` and :mod:`.steun` for the formulas).

    Attributes
    ----------
    client : str
        The client's name.
    n, t : int
        Number of (living) persons and of ties between two persons.
    per_sector, per_cirkel : dict
        ``n_k`` per sector (all six) and per circle 1–4, with 0 where empty.
    formeel, informeel : int
        Professionals and everyone else; ``aandeel_formeel = formeel / n`` (None when n = 0).
    dichtheid : float or None
        ``2t / (n(n − 1))`` on ``A``; None when n < 2.
    componenten, isolaten : tuple
        Groups in ``A`` (largest first) and persons who know nobody else on the map.
    samenstelling : dict
        ``p_k = n_k / n``.
    blau, iqv, shannon, ei_index : float or None
        ``1 − Σp_k²``, ``Blau / (1 − 1/6)``, ``−Σ p_k log₂ p_k``, ``(E − I)/(E + I)`` with E = professionals.
    effectieve_grootte, efficientie, constraint : float or None
        Burt on the ego graph: ``n − 2t/n`` over the client's contacts, that divided by n, and constraint.
    snijpunten_ego, snijpunten_alters : tuple of str
        Cut vertices of ``G`` (persons only) and of ``A``.
    bruggen_ego, bruggen_alters : tuple of pairs
        Bridges of ``G`` and of ``A``.
    dekking, wederkerigheid, multiplexiteit, last, belasting, mantelzorg, jonge_mantelzorgers
        Support measures from :mod:`.steun`.
    """

    client: str
    n: int
    t: int
    per_sector: dict[str, int]
    per_cirkel: dict[int, int]
    formeel: int
    informeel: int
    aandeel_formeel: float | None
    dichtheid: float | None
    componenten: tuple[tuple[str, ...], ...]
    isolaten: tuple[str, ...]
    samenstelling: dict[str, float]
    blau: float | None
    iqv: float | None
    shannon: float | None
    ei_index: float | None
    effectieve_grootte: float | None
    efficientie: float | None
    constraint: float | None
    snijpunten_ego: tuple[str, ...]
    snijpunten_alters: tuple[str, ...]
    bruggen_ego: tuple[tuple[str, str], ...]
    bruggen_alters: tuple[tuple[str, str], ...]
    dekking: dict[str, Dekking]
    wederkerigheid: Wederkerigheid
    multiplexiteit: Multiplexiteit
    last: tuple[Last, ...]
    belasting: Belasting
    mantelzorg: tuple[Zorgtaak, ...]
    jonge_mantelzorgers: tuple[JongeMantelzorger, ...] = ()


def analyse(atlas: Network) -> NetwerkAnalyse:
    """All measures of ``atlas`` (a :class:`Netwerkatlas` or its :func:`ego_graph`), computed once."""
    g = ego_graph(atlas)
    a = alters_graph(g)
    per_sector = size_by_sector(g)
    n = a.number_of_nodes()
    cuts = ego_cut_vertices(g)
    return NetwerkAnalyse(
        client=g.nodes[CLIENT_ID]["naam"] if CLIENT_ID in g else "",
        n=n,
        t=a.number_of_edges(),
        per_sector=per_sector,
        per_cirkel=size_by_circle(g),
        formeel=per_sector["professionals"],
        informeel=n - per_sector["professionals"],
        aandeel_formeel=formal_share(g),
        dichtheid=density(g),
        componenten=components(g),
        isolaten=isolates(g),
        samenstelling=composition(g),
        blau=blau(g),
        iqv=iqv(g),
        shannon=shannon(g),
        ei_index=ei_index(g),
        effectieve_grootte=effective_size(g),
        efficientie=efficiency(g),
        constraint=constraint(g),
        snijpunten_ego=cuts,
        snijpunten_alters=alter_cut_vertices(g),
        bruggen_ego=ego_bridges(g),
        bruggen_alters=alter_bridges(g),
        dekking=coverage(g),
        wederkerigheid=reciprocity(g),
        multiplexiteit=multiplexity(g),
        last=load(g),
        belasting=overload(g, cuts),
        mantelzorg=client_caregiving(g),
        jonge_mantelzorgers=young_carers(g),
    )
