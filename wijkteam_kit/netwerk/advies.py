"""Suggestions from the netwerkatlas: whom to invite to the meedenkbijeenkomst, a basisteam, key persons.

These are suggestions for the conversation with the client, each with a plain Dutch reason; the client decides.

Rules
-----
Invitees (:func:`invitees`) are living, informal persons with a tie to the client (professionals come through
their own route, deceased persons never) who

- already give the client support (any circle), or
- stand in circle 1–3 on a ``steunend`` or ``wisselend`` tie, or
- hold a group of the network together (a cut vertex of ``A``) in circle 1–3.

A person on a ``belastend`` tie is only suggested when he or she already gives support, and the reason then says
to talk it over with the client first. Order: most support first, then closeness, contact, tie quality.

A basisteam (:func:`basisteam`) is 2–4 invitees on a ``steunend`` tie, without children (younger than
:data:`KIND_LEEFTIJD` where the birth year is known), chosen greedily so that together they cover as many
different support functions as possible.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(
...     client=Client(naam="Gerda"),
...     personen=(
...         Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=2),
...         Persoon(id="bob", naam="Bob", relatie="familie", sector="familie", cirkel=2, overleden=True),
...         Persoon(id="arts", naam="Dokter", relatie="professional", sector="professionals", cirkel=3),
...     ),
...     banden=(
...         Band(van="client", naar="ans", frequentie="wekelijks", kwaliteit="steunend",
...              steun_ontvangen=["emotioneel", "gezelschap"]),
...         Band(van="client", naar="arts", frequentie="maandelijks", kwaliteit="steunend",
...              steun_ontvangen=["informatief"]),
...     ),
... )
>>> [(u.id, u.reden) for u in invitees(atlas)]
[('ans', 'Geeft al emotionele steun en gezelschap; staat dichtbij (cirkel 2).')]
>>> key_persons(atlas, n=2)
[('ans', 'geeft emotionele steun en gezelschap'), ('arts', 'geeft advies')]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from wijkteam_kit.netwerk.maten import Network, alter_cut_vertices, cut_off, ego_cut_vertices, ego_graph
from wijkteam_kit.netwerk.model import CLIENT_ID, STEUNFUNCTIES
from wijkteam_kit.netwerk.steun import FREQUENTIE_GEWICHT, ego_ties
from wijkteam_kit.netwerk.tekst import functions_text, join_names, pronoun, short_names

__all__ = [
    "KIND_LEEFTIJD",
    "Uitnodiging",
    "basisteam",
    "connects_text",
    "invitees",
    "key_persons",
    "names_of",
]

KIND_LEEFTIJD = 16
"""Younger than this (where the birth year is known): the reason asks how to involve a child; not in a basisteam."""

_CIRKEL = {
    1: "staat heel dichtbij (cirkel 1)",
    2: "staat dichtbij (cirkel 2)",
    3: "staat wat verder weg (cirkel 3)",
}


@dataclass(frozen=True)
class Uitnodiging:
    """A suggested person with the reason, in a Dutch sentence."""

    id: str
    naam: str
    reden: str


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def names_of(g: nx.Graph) -> dict[str, str]:
    """Short display names of every node of ``g`` (see :func:`~wijkteam_kit.netwerk.tekst.short_names`)."""
    return short_names({v: g.nodes[v]["naam"] for v in g})


def connects_text(g: nx.Graph, person: str, names: dict[str, str]) -> str:
    """``"Henk en Joop met Riet"``: the groups of ``A`` that only ``person`` holds together ('' when none)."""
    groups = [join_names(names[u] for u in part) for part in cut_off(g, person, from_client=False)]
    return " met ".join(groups[:2]) + "".join(f" en met {x}" for x in groups[2:])


def _candidates(network: Network, jaar: int | None) -> list[tuple[float, Uitnodiging, dict]]:
    g = ego_graph(network)
    names = names_of(g)
    client = names.get(CLIENT_ID, "de cliënt")
    client_pronoun = pronoun(g.graph.get("client", {}).get("geslacht"))
    year = jaar if jaar is not None else date.today().year
    holders = set(alter_cut_vertices(g))
    found = []
    for v, tie in ego_ties(g):
        node = g.nodes[v]
        gives = [f for f in STEUNFUNCTIES if f in tie["steun_ontvangen"]]
        circle, quality = node["cirkel"], tie["kwaliteit"]
        holds = v in holders and circle <= 3
        if node["formeel"] or node.get("overleden"):
            continue
        if quality == "belastend" and not gives:
            continue
        if not (gives or holds or (circle <= 3 and quality in ("steunend", "wisselend"))):
            continue
        parts = [f"geeft al {functions_text(gives)}"] if gives else []
        if circle <= 3:
            parts.append(_CIRKEL[circle])
        if node.get("huishouden"):
            parts.append("woont in het huishouden")
        if holds:
            parts.append(f"verbindt {connects_text(g, v, names)}")
        if not gives and quality == "steunend" and circle >= 3:
            parts.append("de band is goed, maar er wordt nu weinig gevraagd: een kans")
        if quality == "wisselend":
            parts.append(
                f"de band wisselt: bespreek vooraf met {client} wat {client_pronoun} van {names[v]} verwacht"
            )
        if quality == "belastend":
            parts.append(f"maar de band is belastend: overleg eerst met {client} of {names[v]} erbij komt")
        age = year - node["geboortejaar"] if node.get("geboortejaar") else None
        child = age is not None and age < KIND_LEEFTIJD
        if child:
            parts.append(
                f"nog jong: bedenk samen hoe je {pronoun(node.get('geslacht'), object_form=True)} betrekt"
            )
        score = (
            3 * len(gives)
            + (4 - circle)
            + FREQUENTIE_GEWICHT[tie["frequentie"]]
            + 2 * holds
            - (1 if quality == "wisselend" else 4 if quality == "belastend" else 0)
        )
        info = {"gives": set(gives), "steunend": quality == "steunend", "child": child}
        found.append((score, Uitnodiging(v, node["naam"], _sentence(parts)), info))
    found.sort(key=lambda item: -item[0])
    return found


def invitees(network: Network, *, jaar: int | None = None) -> list[Uitnodiging]:
    """Suggested invitees for the meedenkbijeenkomst, best first (rules in the module docstring).

    ``jaar`` is the current year for ages (default: today).
    """
    return [u for _, u, _ in _candidates(network, jaar)]


def basisteam(network: Network, *, jaar: int | None = None, hoogstens: int = 4) -> list[Uitnodiging]:
    """A candidate basisteam of 2 to ``hoogstens`` informal persons covering different functions, with reasons.

    Greedy: take the invitee who adds the most functions not yet covered (best invitee on a tie); stop when
    nobody adds anything or the team is full; fill up to two with the best remaining invitees. Fewer than two
    only when there are not enough suitable persons.
    """
    g = ego_graph(network)
    pool = [(u, info) for _, u, info in _candidates(g, jaar) if info["steunend"] and not info["child"]]
    team: list[Uitnodiging] = []
    covered: set[str] = set()
    while pool and len(team) < hoogstens:
        best = max(range(len(pool)), key=lambda i: (len(pool[i][1]["gives"] - covered), -i))
        u, info = pool[best]
        new = [f for f in STEUNFUNCTIES if f in info["gives"] - covered]
        if not new and len(team) >= 2:
            break
        pool.pop(best)
        covered |= info["gives"]
        reason = f"Brengt {functions_text(new)} in" if new else "Kan het overnemen als iemand uitvalt"
        team.append(Uitnodiging(u.id, u.naam, f"{reason}. {u.reden}"))
    return team


def key_persons(atlas: Network, n: int = 5) -> list[tuple[str, str]]:
    """The ``n`` persons who matter most, as ``(id, short Dutch reason)``, for the basisposter.

    Score: ``3·|S_i|`` (functions given to the client) + 3 when others reach the client only through them + 1
    when they hold a group together + closeness ``4 − cirkel`` + contact frequency (1–4) + 1 for the household.
    Deceased persons are left out.
    """
    g = ego_graph(atlas)
    if n <= 0:
        return []
    ties = dict(ego_ties(g))
    ego_cuts, alter_cuts = set(ego_cut_vertices(g)), set(alter_cut_vertices(g))
    scored = []
    for v in g:
        if v == CLIENT_ID:
            continue
        node, tie = g.nodes[v], ties.get(v)
        gives = [f for f in STEUNFUNCTIES if tie and f in tie["steun_ontvangen"]]
        score = (
            3 * len(gives)
            + 3 * (v in ego_cuts)
            + (v in alter_cuts)
            + (4 - node["cirkel"])
            + (FREQUENTIE_GEWICHT[tie["frequentie"]] if tie else 0)
            + bool(node.get("huishouden"))
        )
        parts = [f"geeft {functions_text(gives)}"] if gives else []
        if v in ego_cuts:
            parts.append("enige verbinding met anderen")
        elif v in alter_cuts:
            parts.append("houdt het netwerk bij elkaar")
        if len(parts) < 2 and node.get("huishouden"):
            parts.append("woont in het huishouden")
        if not parts:
            parts.append(_CIRKEL.get(node["cirkel"], "staat ver weg (cirkel 4)"))
        scored.append((score, v, ", ".join(parts[:2])))
    scored.sort(key=lambda item: -item[0])
    return [(v, reason) for _, v, reason in scored[:n]]
