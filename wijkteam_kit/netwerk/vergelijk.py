"""Comparison of two snapshots (T0 and T1) of a netwerkatlas: who came, who left, what changed.

Persons are matched by id. Deceased persons count as gone (see :func:`~wijkteam_kit.netwerk.maten.ego_graph`).
:func:`changes_text` turns a :class:`Vergelijking` into plain Dutch sentences;
:func:`~wijkteam_kit.netwerk.signalen.compare_signals` adds the signals that appeared or went away.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> t0 = Netwerkatlas(
...     client=Client(naam="Gerda"),
...     personen=(Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=3),),
...     banden=(Band(van="client", naar="ans", frequentie="maandelijks", kwaliteit="steunend",
...                  steun_ontvangen=["gezelschap"]),),
... )
>>> t1 = t0.model_copy(update={"moment": "T1"}).with_person(
...     Persoon(id="joop", naam="Joop", relatie="vrijwilliger", sector="vrijwilligers/verenigingen", cirkel=3)
... ).with_tie(Band(van="client", naar="joop", frequentie="wekelijks", kwaliteit="steunend",
...                 steun_ontvangen=["praktisch"]))
>>> v = compare_snapshots(t0, t1)
>>> v.gekomen, v.vertrokken, v.grootte, v.dekking["praktisch"]
(('joop',), (), (1, 2), ((), ('joop',)))
>>> for line in changes_text(v):
...     print(line)
Het netwerk is gegroeid van 1 naar 2 personen.
Nieuw op de kaart: Joop.
Voor praktische hulp is er nu iemand: Joop.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from wijkteam_kit.netwerk.advies import names_of
from wijkteam_kit.netwerk.maten import Network, density, ego_graph
from wijkteam_kit.netwerk.model import CLIENT_ID, STEUNFUNCTIES
from wijkteam_kit.netwerk.steun import coverage
from wijkteam_kit.netwerk.tekst import FUNCTIE_TEKST, functions_text, join_names

__all__ = ["Vergelijking", "changes_text", "compare_snapshots"]

_FREQ = {"minder": "minder dan maandelijks"}
_FIELDS = ("frequentie", "kwaliteit", "steun_ontvangen", "steun_gegeven")


@dataclass(frozen=True)
class Vergelijking:
    """What changed between snapshot ``voor`` and snapshot ``na``.

    Attributes
    ----------
    gekomen, vertrokken : tuple of str
        Persons only in the later / only in the earlier snapshot.
    cirkel : tuple of (id, before, after)
        Persons who moved to another circle.
    banden_nieuw, banden_weg : tuple of pairs
        Ties that appeared or disappeared (the client first in a pair with the client).
    banden_anders : tuple of (pair, dict)
        Ties present in both whose fields changed: ``field -> (before, after)``.
    dekking : dict
        Per support function: the providers before and after.
    grootte, dichtheid : pairs
        ``n`` and the density of ``A`` before and after.
    namen : dict
        Short display names of everyone in either snapshot.
    """

    voor: str
    na: str
    gekomen: tuple[str, ...]
    vertrokken: tuple[str, ...]
    cirkel: tuple[tuple[str, int, int], ...]
    banden_nieuw: tuple[tuple[str, str], ...]
    banden_weg: tuple[tuple[str, str], ...]
    banden_anders: tuple[tuple[tuple[str, str], dict[str, tuple]], ...]
    dekking: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    grootte: tuple[int, int]
    dichtheid: tuple[float | None, float | None]
    namen: dict[str, str]


def _pairs(g: nx.Graph, order: dict[str, int]) -> dict[tuple[str, str], dict]:
    def key(v: str) -> tuple[int, int]:
        return (0 if v == CLIENT_ID else 1, order[v])

    return {tuple(sorted((a, b), key=key)): data for a, b, data in g.edges(data=True)}


def _tie_values(data: dict) -> dict[str, object]:
    return {f: tuple(sorted(data[f])) if f.startswith("steun") else data[f] for f in _FIELDS}


def compare_snapshots(before: Network, after: Network) -> Vergelijking:
    """Compare two snapshots of one client's network (see :class:`Vergelijking`)."""
    gb, ga = ego_graph(before), ego_graph(after)
    order = {v: i for i, v in enumerate([*ga, *(v for v in gb if v not in ga)])}
    persons_b = [v for v in gb if v != CLIENT_ID]
    persons_a = [v for v in ga if v != CLIENT_ID]
    pb, pa = _pairs(gb, order), _pairs(ga, order)
    changed = []
    for pair in (p for p in pa if p in pb):
        old, new = _tie_values(pb[pair]), _tie_values(pa[pair])
        diff = {f: (old[f], new[f]) for f in _FIELDS if old[f] != new[f]}
        if diff:
            changed.append((pair, diff))
    cb, ca = coverage(gb), coverage(ga)
    names = names_of(gb) | names_of(ga)
    return Vergelijking(
        voor=gb.graph.get("moment", "T0"),
        na=ga.graph.get("moment", "T1"),
        gekomen=tuple(v for v in persons_a if v not in gb),
        vertrokken=tuple(v for v in persons_b if v not in ga),
        cirkel=tuple(
            (v, gb.nodes[v]["cirkel"], ga.nodes[v]["cirkel"])
            for v in persons_a
            if v in gb and gb.nodes[v]["cirkel"] != ga.nodes[v]["cirkel"]
        ),
        banden_nieuw=tuple(p for p in pa if p not in pb),
        banden_weg=tuple(p for p in pb if p not in pa),
        banden_anders=tuple(changed),
        dekking={f: (cb[f].bronnen, ca[f].bronnen) for f in STEUNFUNCTIES},
        grootte=(len(persons_b), len(persons_a)),
        dichtheid=(density(gb), density(ga)),
        namen=names,
    )


def _decimal(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


def _tie_lines(v: Vergelijking) -> list[str]:
    name = v.namen.get
    lines = []
    for pair in v.banden_nieuw:
        if CLIENT_ID not in pair:
            lines.append(f"Nieuw contact tussen {name(pair[0])} en {name(pair[1])}.")
    for pair in v.banden_weg:
        if CLIENT_ID not in pair and not {*pair} & {*v.vertrokken}:
            lines.append(f"Geen contact meer tussen {name(pair[0])} en {name(pair[1])}.")
        elif CLIENT_ID in pair and pair[1] not in v.vertrokken:
            lines.append(
                f"{name(pair[1])} staat nog op de kaart, maar er is geen contact meer met {name(CLIENT_ID)}."
            )
    for pair, diff in v.banden_anders:
        who = f"met {name(pair[1])}" if pair[0] == CLIENT_ID else f"tussen {name(pair[0])} en {name(pair[1])}"
        if "kwaliteit" in diff:
            lines.append(f"De band {who} is nu {diff['kwaliteit'][1]} (was {diff['kwaliteit'][0]}).")
        if "frequentie" in diff:
            old, new = (_FREQ.get(f, f) for f in diff["frequentie"])
            lines.append(f"Het contact {who} is nu {new} (was {old}).")
        if pair[0] == CLIENT_ID and "steun_ontvangen" in diff:
            old, new = diff["steun_ontvangen"]
            gained = [f for f in STEUNFUNCTIES if f in new and f not in old]
            lost = [f for f in STEUNFUNCTIES if f in old and f not in new]
            if gained:
                lines.append(f"{name(pair[1])} geeft nu ook {functions_text(gained)}.")
            if lost:
                lines.append(f"{name(pair[1])} geeft geen {functions_text(lost)} meer.")
    return lines


def changes_text(v: Vergelijking) -> list[str]:
    """The comparison in plain Dutch sentences, most important first; one sentence when nothing changed."""
    name = v.namen.get
    (n0, n1), (d0, d1) = v.grootte, v.dichtheid
    lines = []
    if n1 > n0:
        lines.append(f"Het netwerk is gegroeid van {n0} naar {n1} personen.")
    elif n1 < n0:
        lines.append(f"Het netwerk is kleiner geworden: van {n0} naar {n1} personen.")
    if v.gekomen:
        lines.append(f"Nieuw op de kaart: {join_names(name(p) for p in v.gekomen)}.")
    if v.vertrokken:
        lines.append(f"Niet meer op de kaart: {join_names(name(p) for p in v.vertrokken)}.")
    for p, c0, c1 in v.cirkel:
        direction = "dichterbij" if c1 < c0 else "verder weg"
        lines.append(f"{name(p)} staat nu {direction} (cirkel {c0} → {c1}).")
    for f, (old, new) in v.dekking.items():
        label = FUNCTIE_TEKST[f]
        if new and not old:
            lines.append(f"Voor {label} is er nu iemand: {join_names(name(p) for p in new)}.")
        elif old and not new:
            lines.append(f"Voor {label} is er nu niemand meer (eerst: {join_names(name(p) for p in old)}).")
        elif len(new) != len(old):
            lines.append(f"Voor {label} zijn er nu {len(new)} mensen (eerst {len(old)}).")
    lines += _tie_lines(v)
    if d0 is not None and d1 is not None and abs(d1 - d0) >= 0.05:
        more = "beter" if d1 > d0 else "minder"
        lines.append(
            f"De mensen in het netwerk kennen elkaar {more} (dichtheid {_decimal(d0)} → {_decimal(d1)})."
        )
    return lines or [f"Er is niets veranderd in het netwerk tussen {v.voor} en {v.na}."]
