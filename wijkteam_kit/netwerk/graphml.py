"""GraphML export and import of a netwerkatlas (for Gephi, yEd, R/igraph, Network Canvas users).

The client is the node ``client`` with ``ego=true``; ego data (name, question, strengths, moment) is stored at
graph level, as are family relations and life events (as JSON text, since GraphML only holds plain values).
Support lists are comma-separated. :func:`atlas_from_graphml` reads such a file back into the same atlas
(round trip) and reports problems by node and edge id.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(
...     client=Client(naam="Gerda", vraag="Ik wil het thuis volhouden."),
...     personen=(Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1),),
...     banden=(Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend",
...                  steun_gegeven=("praktisch", "emotioneel")),))
>>> text = atlas_to_graphml(atlas)
>>> '<data key="d0">' in text or "graphml" in text
True
>>> atlas_from_graphml(text) == atlas
True
"""

from __future__ import annotations

import io
import json
import re
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx

from wijkteam_kit._basis.jsonsource import load_json_text
from wijkteam_kit.errors import NetwerkError, Problem, ProblemsError
from wijkteam_kit.netwerk.io import FILE_KIND, atlas_from_data
from wijkteam_kit.netwerk.model import CLIENT_ID, Netwerkatlas

__all__ = ["atlas_from_graphml", "atlas_to_graphml"]

_LISTS = ("steun_ontvangen", "steun_gegeven")
_JSON_GRAPH = ("krachten", "koppels", "afstamming", "gebeurtenissen")


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    """Drop None values; GraphML has no 'missing' value of its own."""
    return {k: v for k, v in data.items() if v is not None}


def atlas_to_graphml(atlas: Netwerkatlas) -> str:
    """The atlas as GraphML text (UTF-8), ego data at graph level."""
    client = atlas.client
    g = nx.MultiGraph(
        soort=FILE_KIND,
        schema_versie=atlas.schema_versie,
        moment=atlas.moment,
        client_naam=client.naam,
        client_geslacht=client.geslacht,
        client_vraag=client.vraag,
        krachten=json.dumps(list(client.krachten), ensure_ascii=False),
        koppels=json.dumps([k.model_dump() for k in atlas.koppels], ensure_ascii=False),
        afstamming=json.dumps([a.model_dump(mode="json") for a in atlas.afstamming], ensure_ascii=False),
        gebeurtenissen=json.dumps([e.model_dump() for e in atlas.gebeurtenissen], ensure_ascii=False),
    )
    if client.geboortejaar is not None:
        g.graph["client_geboortejaar"] = client.geboortejaar
    g.add_node(CLIENT_ID, ego=True, naam=client.naam)
    for p in atlas.personen:
        data = p.model_dump(exclude={"id", "positie"})
        if p.positie is not None:
            data["positie_x"], data["positie_y"] = p.positie
        g.add_node(p.id, ego=False, **_scalars(data))
    for number, t in enumerate(atlas.banden):
        data = t.model_dump(exclude={"naar"})
        data["volgorde"] = number
        for key in _LISTS:
            data[key] = ",".join(data[key])
        g.add_edge(t.van, t.naar, **_scalars(data))
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _split(value: object) -> list[str]:
    return [part.strip() for part in str(value).split(",") if part.strip()] if value else []


def _json_field(graph: dict[str, Any], key: str, source: str) -> Any:
    raw = graph.get(key)
    if raw in (None, ""):
        return []
    try:
        value = load_json_text(str(raw), source)
    except ProblemsError as exc:
        reason = exc.problems[0].message
        raise NetwerkError([Problem(f"graaf.{key}", f"verwacht een JSON-lijst; {reason}", source)]) from None
    if not isinstance(value, list):
        raise NetwerkError([Problem(f"graaf.{key}", "verwacht een JSON-lijst", source)])
    return value


def graphml_to_data(g: nx.MultiGraph, source: str = "netwerkatlas.graphml") -> dict[str, Any]:
    """Raw atlas data from a GraphML graph (validate it with :func:`~.io.atlas_from_data`)."""
    egos = [n for n, d in g.nodes(data=True) if d.get("ego") is True or str(d.get("ego")).lower() == "true"]
    if not egos and CLIENT_ID in g:
        egos = [CLIENT_ID]
    if len(egos) != 1:
        found = "geen" if not egos else f"{len(egos)} ({', '.join(map(str, egos))})"
        raise NetwerkError(
            [Problem("", f"verwacht precies één cliënt (een knoop met ego=true), vond er {found}", source)]
        )
    ego = egos[0]
    graph = g.graph
    client: dict[str, Any] = {"naam": graph.get("client_naam") or g.nodes[ego].get("naam") or "Cliënt"}
    for key in ("geslacht", "geboortejaar", "vraag"):
        if graph.get(f"client_{key}") not in (None, ""):
            client[key] = graph[f"client_{key}"]
    client["krachten"] = _json_field(graph, "krachten", source)
    personen = []
    for node, attrs in g.nodes(data=True):
        if node == ego:
            continue
        person = {k: v for k, v in attrs.items() if k not in ("ego", "positie_x", "positie_y", "formeel")}
        if "positie_x" in attrs and "positie_y" in attrs:
            person["positie"] = [attrs["positie_x"], attrs["positie_y"]]
        personen.append({"id": str(node), **person})
    banden = []
    edges = sorted(g.edges(data=True), key=lambda e: e[2].get("volgorde", 0))
    for a, b, attrs in edges:
        a, b = (CLIENT_ID if a == ego else str(a)), (CLIENT_ID if b == ego else str(b))
        van = attrs.get("van", a)
        van = CLIENT_ID if van == ego else van
        tie = {k: v for k, v in attrs.items() if k not in ("van", "id", "volgorde")}
        for key in _LISTS:
            tie[key] = _split(tie.get(key))
        banden.append({"van": van, "naar": b if van == a else a, **tie})
    data = {
        "moment": graph.get("moment", "T0"),
        "client": client,
        "personen": personen,
        "banden": banden,
    }
    for key in ("koppels", "afstamming", "gebeurtenissen"):
        data[key] = _json_field(graph, key, source)
    return data


def _name_elements(problems: list[Problem], data: dict[str, Any]) -> list[Problem]:
    """Rewrite ``personen[3]`` as ``knoop 'ans'`` and ``banden[2]`` as ``rand client–ans``."""

    def rename(match: re.Match) -> str:
        kind, index = match.group(1), int(match.group(2))
        if kind == "personen":
            return f"knoop {data['personen'][index]['id']!r}"
        tie = data["banden"][index]
        return f"rand {tie['van']}–{tie['naar']}"

    return [
        Problem(re.sub(r"^(personen|banden)\[(\d+)\]", rename, p.field), p.message, p.source, p.line)
        for p in problems
    ]


def atlas_from_graphml(text: str | bytes, source: str = "netwerkatlas.graphml") -> Netwerkatlas:
    """Read an atlas from GraphML text; problems are reported per node and edge."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    try:
        g = nx.read_graphml(io.BytesIO(raw), force_multigraph=True)
    except (ParseError, nx.NetworkXError, ValueError, KeyError) as exc:
        raise NetwerkError([Problem("", f"geen leesbaar GraphML-bestand: {exc}", source)]) from None
    if g.is_directed():
        g = g.to_undirected()
    data = graphml_to_data(g, source)
    try:
        return atlas_from_data(data, source)
    except NetwerkError as exc:
        raise NetwerkError(_name_elements(exc.problems, data)) from None
