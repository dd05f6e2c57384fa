r"""Support measures: who gives the client what, what the client gives back, and who carries the load.

Everything is read from the ties *with the client* (``steun_ontvangen`` is what the client receives from the
person, ``steun_gegeven`` what the client gives). ``S_i`` is the set of support functions the client receives
from person ``i``; one function from one person is one *unit* of support. Deceased persons do not count (see
:func:`~wijkteam_kit.netwerk.maten.ego_graph`).

Overload of a mantelzorger (DOMAIN.md): the share of all units resting on one person ``s_i = |S_i| / Σ_j |S_j|``,
the concentration ``HHI = Σ_i s_i²``, the functions with a single provider, and whether the main provider is a
cut vertex of the ego graph. :func:`overload` raises its flag when the main provider is an informal person who
gives at least :data:`MIN_FUNCTIES` functions and ``s ≥`` :data:`AANDEEL_GRENS` or ``HHI ≥`` :data:`HHI_GRENS`.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(
...     client=Client(naam="Piet"),
...     personen=(
...         Persoon(id="els", naam="Els", relatie="partner", sector="familie", cirkel=1),
...         Persoon(id="bo", naam="Bo", relatie="buur", sector="buurt", cirkel=2),
...     ),
...     banden=(
...         Band(van="client", naar="els", frequentie="dagelijks", kwaliteit="steunend",
...              steun_ontvangen=["praktisch", "emotioneel", "gezelschap"], steun_gegeven=["emotioneel"]),
...         Band(van="client", naar="bo", frequentie="wekelijks", kwaliteit="steunend",
...              steun_ontvangen=["praktisch"]),
...     ),
... )
>>> b = overload(atlas)
>>> b.hoofdbron, b.aandelen, round(b.hhi, 3), b.signaal
('els', {'els': 0.75, 'bo': 0.25}, 0.625, True)
>>> coverage(atlas)["informatief"].geen_bron, reciprocity(atlas).aandeel_wederkerig
(True, 0.5)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wijkteam_kit.netwerk.maten import Network, ego_cut_vertices, ego_graph
from wijkteam_kit.netwerk.model import CLIENT_ID, FREQUENTIES, STEUNFUNCTIES

__all__ = [
    "AANDEEL_GRENS",
    "FREQUENTIE_GEWICHT",
    "HHI_GRENS",
    "MIN_FUNCTIES",
    "Belasting",
    "Dekking",
    "JongeMantelzorger",
    "Last",
    "Multiplexiteit",
    "Wederkerigheid",
    "Zorgtaak",
    "client_caregiving",
    "coverage",
    "ego_ties",
    "household_providers",
    "load",
    "multiplexity",
    "overload",
    "reciprocity",
    "young_carers",
]

AANDEEL_GRENS = 0.5
"""Overload when one informal person gives at least this share of all support units."""
HHI_GRENS = 0.4
"""… or when the concentration ``Σ s_i²`` reaches this (0.4 ≈ fewer than 2.5 equal providers)."""
MIN_FUNCTIES = 2
"""… and that person gives at least this many functions (one function from one person is no overload)."""
FREQUENTIE_GEWICHT: dict[str, int] = {f: len(FREQUENTIES) - i for i, f in enumerate(FREQUENTIES)}
"""Contact frequency as a number: dagelijks 4, wekelijks 3, maandelijks 2, minder 1."""


def ego_ties(network: Network) -> list[tuple[str, dict]]:
    """``(person id, tie attributes)`` for every tie with the client, in the order of the persons."""
    g = ego_graph(network)
    if CLIENT_ID not in g:
        return []
    adj = g[CLIENT_ID]
    return [(v, adj[v]) for v in g if v in adj]


@dataclass(frozen=True)
class Dekking:
    """Who gives the client one support function (``bronnen``), split into informal and formal persons."""

    functie: str
    informeel: tuple[str, ...]
    formeel: tuple[str, ...]

    @property
    def bronnen(self) -> tuple[str, ...]:
        """All providers, informal first."""
        return self.informeel + self.formeel

    @property
    def geen_bron(self) -> bool:
        """Nobody gives this function."""
        return not self.bronnen

    @property
    def alleen_professionals(self) -> bool:
        """Only professionals give this function."""
        return bool(self.formeel) and not self.informeel


def coverage(network: Network) -> dict[str, Dekking]:
    """Per function in :data:`STEUNFUNCTIES`: the persons from whom the client receives it."""
    g = ego_graph(network)
    ties = ego_ties(g)
    result = {}
    for f in STEUNFUNCTIES:
        givers = [v for v, data in ties if f in data["steun_ontvangen"]]
        result[f] = Dekking(
            functie=f,
            informeel=tuple(v for v in givers if not g.nodes[v]["formeel"]),
            formeel=tuple(v for v in givers if g.nodes[v]["formeel"]),
        )
    return result


@dataclass(frozen=True)
class Wederkerigheid:
    """What the client receives versus gives.

    Attributes
    ----------
    per_persoon : dict
        ``id -> (received, given)``: number of functions the client receives from / gives to that person; the
        balance of a tie is ``received − given`` (positive: the client mostly receives).
    ontvangen, gegeven : int
        ``Σ |received|`` and ``Σ |given|`` over all ties with the client.
    aandeel_wederkerig : float or None
        Over the *informal* ties that carry any support: the share where support goes both ways (professional
        help is not meant to be returned). None when no informal tie carries support.
    alleen_ontvangen, alleen_geven : tuple of str
        Informal persons from whom the client only receives, or to whom the client only gives.
    """

    per_persoon: dict[str, tuple[int, int]]
    ontvangen: int
    gegeven: int
    aandeel_wederkerig: float | None
    alleen_ontvangen: tuple[str, ...]
    alleen_geven: tuple[str, ...]

    @property
    def saldo(self) -> int:
        """``ontvangen − gegeven`` over the whole network."""
        return self.ontvangen - self.gegeven


def reciprocity(network: Network) -> Wederkerigheid:
    """Support received versus given, per person and overall (see :class:`Wederkerigheid`)."""
    g = ego_graph(network)
    per, both, carrying, only_in, only_out = {}, 0, 0, [], []
    for v, data in ego_ties(g):
        r, s = len(set(data["steun_ontvangen"])), len(set(data["steun_gegeven"]))
        per[v] = (r, s)
        if g.nodes[v]["formeel"] or not (r or s):
            continue
        carrying += 1
        both += bool(r and s)
        if r and not s:
            only_in.append(v)
        elif s and not r:
            only_out.append(v)
    return Wederkerigheid(
        per_persoon=per,
        ontvangen=sum(r for r, _ in per.values()),
        gegeven=sum(s for _, s in per.values()),
        aandeel_wederkerig=both / carrying if carrying else None,
        alleen_ontvangen=tuple(only_in),
        alleen_geven=tuple(only_out),
    )


@dataclass(frozen=True)
class Multiplexiteit:
    """Number of support functions per tie with the client: ``m_i = |received_i ∪ given_i|``.

    ``gemiddeld`` is ``Σ m_i / n_e`` and ``aandeel_meervoudig`` the share of ties with ``m_i ≥ 2``, both over the
    ``n_e`` ties with the client (None when there are none).
    """

    per_persoon: dict[str, int]
    gemiddeld: float | None
    aandeel_meervoudig: float | None


def multiplexity(network: Network) -> Multiplexiteit:
    """Multiplexity of the ties with the client (see :class:`Multiplexiteit`)."""
    per = {v: len(set(d["steun_ontvangen"]) | set(d["steun_gegeven"])) for v, d in ego_ties(network)}
    n = len(per)
    return Multiplexiteit(
        per_persoon=per,
        gemiddeld=sum(per.values()) / n if n else None,
        aandeel_meervoudig=sum(m >= 2 for m in per.values()) / n if n else None,
    )


@dataclass(frozen=True)
class Last:
    """What one person gives the client: the functions, how often they meet, and the share ``s_i`` of all units."""

    id: str
    functies: tuple[str, ...]
    frequentie: str
    aandeel: float

    @property
    def eenheden(self) -> int:
        """``|S_i|``: the number of functions."""
        return len(self.functies)


def load(network: Network) -> tuple[Last, ...]:
    """Every person who gives the client support, most units first (then most frequent contact, then input order).

    ``aandeel`` is ``s_i = |S_i| / Σ_j |S_j|``.
    """
    ties = [(v, d) for v, d in ego_ties(network) if d["steun_ontvangen"]]
    functions = {v: tuple(f for f in STEUNFUNCTIES if f in d["steun_ontvangen"]) for v, d in ties}
    total = sum(len(fs) for fs in functions.values())
    rows = [Last(v, functions[v], d["frequentie"], len(functions[v]) / total) for v, d in ties]
    return tuple(sorted(rows, key=lambda r: (-r.eenheden, -FREQUENTIE_GEWICHT[r.frequentie])))


def _gives(data: dict, giver: str) -> set[str]:
    """What ``giver`` gives on a tie (``van`` receives ``steun_ontvangen`` from the other end)."""
    return set(data["steun_gegeven"] if data.get("van") == giver else data["steun_ontvangen"])


def household_providers(network: Network) -> dict[str, tuple[str, ...]]:
    """Per function: who gives it to the household, that is to the client or to a household member.

    Help is the same help whether it was entered on the tie with the client or on the tie with the client's
    partner or child: a neighbour who does the shopping for Henk helps Gerda's household. The client is never a
    provider here; a household member is one when it gives to the client (or to another member).

    >>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
    >>> atlas = Netwerkatlas(
    ...     client=Client(naam="Gerda"),
    ...     personen=(Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1, huishouden=True),
    ...               Persoon(id="fatima", naam="Fatima", relatie="buur", sector="buurt", cirkel=2),
    ...               Persoon(id="marieke", naam="Marieke", relatie="kind", sector="familie", cirkel=1)),
    ...     banden=(Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend"),
    ...             Band(van="client", naar="marieke", frequentie="wekelijks", kwaliteit="steunend",
    ...                  steun_ontvangen=["praktisch"]),
    ...             Band(van="henk", naar="fatima", frequentie="wekelijks", kwaliteit="steunend",
    ...                  steun_ontvangen=["praktisch"])),
    ... )
    >>> household_providers(atlas)["praktisch"]
    ('fatima', 'marieke')
    """
    g = ego_graph(network)
    members = [CLIENT_ID, *(v for v in g if v != CLIENT_ID and g.nodes[v].get("huishouden"))]
    found: dict[str, set[str]] = {f: set() for f in STEUNFUNCTIES}
    for h in members:
        if h not in g:
            continue
        for v in g[h]:
            if v == CLIENT_ID:
                continue
            for f in _gives(g[h][v], v):
                found[f].add(v)
    order = list(g)
    return {f: tuple(sorted(who, key=order.index)) for f, who in found.items()}


@dataclass(frozen=True)
class Belasting:
    """How concentrated the client's support is (overload of a mantelzorger; see the module docstring).

    Attributes
    ----------
    eenheden : int
        ``Σ_i |S_i|``, all units of support the client receives.
    aandelen : dict
        ``id -> s_i``, largest first.
    hhi : float or None
        ``Σ s_i²``: 1.0 when one person gives everything; None without any support.
    hoofdbron : str or None
        The person with the largest share (ties broken by contact frequency, then input order).
    enige_bron : dict
        ``function -> id`` for functions that exactly one person gives the household: the client or a household
        member (:func:`household_providers`), so it does not matter on which tie the help was entered.
    hoofdbron_snijpunt : bool
        The main provider is a cut vertex of the ego graph (someone reaches the client only through them).
    signaal : bool
        The overload flag.
    """

    eenheden: int
    aandelen: dict[str, float]
    hhi: float | None
    hoofdbron: str | None
    enige_bron: dict[str, str]
    hoofdbron_snijpunt: bool
    signaal: bool

    @property
    def hoofdbron_aandeel(self) -> float | None:
        """``s`` of the main provider."""
        return self.aandelen[self.hoofdbron] if self.hoofdbron else None


def overload(network: Network, cut_vertices: tuple[str, ...] | None = None) -> Belasting:
    """Concentration of support on one person (``cut_vertices``: pass :func:`ego_cut_vertices` if known)."""
    g = ego_graph(network)
    rows = load(g)
    shares = {r.id: r.aandeel for r in rows}
    main = rows[0] if rows else None
    providers = household_providers(g)
    sole = {f: who[0] for f, who in providers.items() if len(who) == 1}
    hhi = sum(s * s for s in shares.values()) if rows else None
    if cut_vertices is None:
        cut_vertices = ego_cut_vertices(g)
    flag = bool(
        main
        and hhi is not None
        and not g.nodes[main.id]["formeel"]
        and main.eenheden >= MIN_FUNCTIES
        and (main.aandeel >= AANDEEL_GRENS or hhi >= HHI_GRENS)
    )
    return Belasting(
        eenheden=sum(r.eenheden for r in rows),
        aandelen=shares,
        hhi=hhi,
        hoofdbron=main.id if main else None,
        enige_bron=sole,
        hoofdbron_snijpunt=bool(main and main.id in cut_vertices),
        signaal=flag,
    )


#: Care this often makes someone a mantelzorger: daily, or weekly (every weekend the shopping of a parent).
ZORG_FREQUENTIES = ("dagelijks", "wekelijks")
#: Younger than this is a child: care for a parent or sibling makes them a jonge mantelzorger.
VOLWASSEN = 18


@dataclass(frozen=True)
class Zorgtaak:
    """The client as mantelzorger: daily or weekly care for a household member or relative on a hard tie."""

    id: str
    gegeven: tuple[str, ...]
    ontvangen: tuple[str, ...]
    kwaliteit: str
    frequentie: str = "dagelijks"


def _age(born: object, year: int) -> int | None:
    return year - born if isinstance(born, int) else None


def client_caregiving(network: Network, *, jaar: int | None = None) -> tuple[Zorgtaak, ...]:
    """Persons the client cares for, with a risk of overload for the client.

    A tie counts when the person lives in the household or is family, the client gives ``praktisch`` or
    ``emotioneel`` support *daily or weekly* (:data:`ZORG_FREQUENTIES`), the tie is ``belastend`` or ``wisselend``,
    and the client receives fewer functions back than he gives (``|received| < |given|``). Caring for one's own
    (grand)child is parenting, not mantelzorg: a ``kind`` or ``kleinkind`` counts only when known to be an adult
    (18 or older in ``jaar``, default this year). A client under 18 is not an adult carer: see
    :func:`young_carers`.
    """
    g = ego_graph(network)
    year = jaar if jaar is not None else date.today().year
    client_age = _age(g.graph.get("client", {}).get("geboortejaar"), year)
    if client_age is not None and client_age < VOLWASSEN:
        return ()
    found = []
    for v, d in ego_ties(g):
        node = g.nodes[v]
        given, received = set(d["steun_gegeven"]), set(d["steun_ontvangen"])
        born = node.get("geboortejaar")
        minor = node.get("relatie") in ("kind", "kleinkind") and (born is None or year - born < 18)
        if (
            not minor
            and (node.get("huishouden") or node["sector"] == "familie")
            and d["frequentie"] in ZORG_FREQUENTIES
            and given & {"praktisch", "emotioneel"}
            and d["kwaliteit"] in ("belastend", "wisselend")
            and len(received) < len(given)
        ):
            found.append(
                Zorgtaak(
                    id=v,
                    gegeven=tuple(f for f in STEUNFUNCTIES if f in given),
                    ontvangen=tuple(f for f in STEUNFUNCTIES if f in received),
                    kwaliteit=d["kwaliteit"],
                    frequentie=d["frequentie"],
                )
            )
    return tuple(found)


@dataclass(frozen=True)
class JongeMantelzorger:
    """A child under 18 who cares for a parent or sibling daily or weekly.

    ``id`` is the child (``"client"`` when the client is the child), ``leeftijd`` its age, ``zorgt_voor`` the
    persons it cares for, ``gegeven`` the care (support functions) and ``frequentie`` the most frequent of them.
    """

    id: str
    leeftijd: int
    zorgt_voor: tuple[str, ...]
    gegeven: tuple[str, ...]
    frequentie: str


_CARE = {"praktisch", "emotioneel"}


def young_carers(network: Network, *, jaar: int | None = None) -> tuple[JongeMantelzorger, ...]:
    """Children under 18 who give practical or emotional care daily or weekly to a parent or a sibling.

    The age comes from ``geboortejaar`` (unknown age: not counted).

    Three ways to see it: the client is under 18 and cares for a ``ouder`` or ``broer/zus``; a ``kind`` or
    ``broer/zus`` of the client under 18 cares for the client; or a child under 18 in the household cares for
    another household member (the partner of the client, or a brother or sister).

    Care is more than helping out: for a parent, the child gives practical or emotional support and gives at least
    as many kinds of support as it gets back on that tie (the roles are turned around); for a sibling, the child
    gives practical support and more than it gets back. A child doing chores while the parent cares for it, or a
    sister who chats with her brother every day, is no young carer.

    >>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
    >>> atlas = Netwerkatlas(
    ...     client=Client(naam="Linda"),
    ...     personen=(Persoon(id="kevin", naam="Kevin", relatie="kind", sector="familie", cirkel=1,
    ...                       huishouden=True, geboortejaar=2012),),
    ...     banden=(Band(van="client", naar="kevin", frequentie="dagelijks", kwaliteit="wisselend",
    ...                  steun_ontvangen=["praktisch", "emotioneel"]),),
    ... )
    >>> young_carers(atlas, jaar=2026)
    (JongeMantelzorger(id='kevin', leeftijd=14, zorgt_voor=('client',), gegeven=('emotioneel', 'praktisch'), frequentie='dagelijks'),)
    """  # noqa: E501
    g = ego_graph(network)
    year = jaar if jaar is not None else date.today().year
    cares: dict[str, dict[str, tuple[set[str], str]]] = {}

    def note(child: str, cared: str, data: dict, sibling: bool) -> None:
        given, back = _gives(data, child), _gives(data, cared)
        if sibling:
            caring = "praktisch" in given and len(given) > len(back)
        else:
            caring = bool(given & _CARE) and len(given) >= len(back)
        if caring and data["frequentie"] in ZORG_FREQUENTIES:
            cares.setdefault(child, {})[cared] = (given, data["frequentie"])

    def minor(v: str) -> int | None:
        born = g.graph.get("client", {}).get("geboortejaar") if v == CLIENT_ID else g.nodes[v].get("geboortejaar")
        age = _age(born, year)
        return age if age is not None and age < VOLWASSEN else None

    if CLIENT_ID in g:
        for v, d in ego_ties(g):
            relation = g.nodes[v].get("relatie")
            if minor(CLIENT_ID) is not None and relation in ("ouder", "broer/zus"):
                note(CLIENT_ID, v, d, relation == "broer/zus")
            if minor(v) is not None and relation in ("kind", "broer/zus"):
                note(v, CLIENT_ID, d, relation == "broer/zus")
    home = [v for v in g if v != CLIENT_ID and g.nodes[v].get("huishouden")]
    for child in home:
        if minor(child) is None or g.nodes[child].get("relatie") not in ("kind", "broer/zus"):
            continue
        for other in home:
            if other != child and g.has_edge(child, other):
                sibling = g.nodes[other].get("relatie") in ("kind", "broer/zus")
                note(child, other, g[child][other], sibling)
    order = list(g)
    out = []
    for child, cared in sorted(cares.items(), key=lambda kv: order.index(kv[0])):
        given = set().union(*(gv for gv, _ in cared.values()))
        freq = min((f for _, f in cared.values()), key=FREQUENTIES.index)
        out.append(
            JongeMantelzorger(
                id=child,
                leeftijd=minor(child) or 0,
                zorgt_voor=tuple(sorted(cared, key=order.index)),
                gegeven=tuple(f for f in STEUNFUNCTIES if f in given),
                frequentie=freq,
            )
        )
    return tuple(out)
