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
import math
import re
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree
import networkx as nx

from wijkteam_kit._basis.jsonsource import load_json_text
from wijkteam_kit._basis.yamlsource import MAX_NUMBER_DIGITS
from wijkteam_kit.errors import NetwerkError, Problem, ProblemsError
from wijkteam_kit.netwerk.io import FILE_KIND, MAX_ATLAS_BYTES, atlas_from_data
from wijkteam_kit.netwerk.model import CLIENT_ID, Netwerkatlas

__all__ = [
    "MAX_GRAPHML_ELEMENTS",
    "GraphmlData",
    "atlas_from_graphml",
    "atlas_to_graphml",
    "read_graphml_data",
]

MAX_GRAPHML_ELEMENTS = 5_000
"""Most nodes plus edges in one GraphML file (a netwerkatlas has tens)."""
MAX_XML_ELEMENTS = 50_000
"""Most XML elements (nodes, edges, data, …) in one GraphML file, counted while reading."""

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


def _order(value: object) -> float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


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
    edges = sorted(g.edges(data=True), key=lambda e: _order(e[2].get("volgorde")))
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


@dataclass
class GraphmlData:
    """What a GraphML file holds, typed by its ``<key>`` declarations: graph data, nodes and edges in file order.

    ``root_attributes`` are the attributes of ``<graphml>`` itself without namespace (Network Canvas puts
    ``caseID`` and ``sessionUUID`` there); ``keys`` maps each ``for`` (node, edge, graph) to its attribute
    names and types.
    """

    graph: dict[str, Any] = field(default_factory=dict)
    nodes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    edges: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    root_attributes: dict[str, str] = field(default_factory=dict)
    keys: dict[str, dict[str, str]] = field(default_factory=dict)
    namespaces: tuple[str, ...] = ()


_TYPES = {
    "int": "int",
    "long": "int",
    "integer": "int",
    "float": "float",
    "double": "float",
    "boolean": "bool",
}
_BOOLS = {"true": True, "1": True, "false": False, "0": False}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _typed(text: str, kind: str) -> Any:
    """``text`` as the GraphML type ``kind``; ``ValueError`` with a Dutch reason when it does not fit."""
    text = text.strip() if kind != "string" else text
    if kind == "int":
        if len(text) > MAX_NUMBER_DIGITS or not re.fullmatch(r"[+-]?\d+", text):
            raise ValueError(f"verwacht een heel getal, kreeg {text[:40]!r}")
        return int(text)
    if kind == "float":
        try:
            value = float(text) if len(text) <= MAX_NUMBER_DIGITS else math.nan
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise ValueError(f"verwacht een gewoon getal, kreeg {text[:40]!r}")
        return value
    if kind == "bool":
        if text.lower() not in _BOOLS:
            raise ValueError(f"verwacht true of false, kreeg {text[:40]!r}")
        return _BOOLS[text.lower()]
    return text


def _parse_xml(raw: bytes, source: str) -> tuple[Element, list[str]]:
    """The root element and the namespaces declared; DTDs, entities and external references are refused first."""

    def fail(message: str, line: int | None = None) -> NetwerkError:
        return NetwerkError([Problem("", message, source, line)])

    try:
        root, namespaces = None, []
        events = defusedxml.ElementTree.iterparse(
            io.BytesIO(raw),
            events=("start", "start-ns"),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        for count, (event, element) in enumerate(events, start=1):
            if event == "start-ns":
                namespaces.append(str(element[1]))
                continue
            root = element if root is None else root
            if count > MAX_XML_ELEMENTS:
                raise fail(
                    f"het bestand bevat meer dan {MAX_XML_ELEMENTS:_} XML-elementen; dat is geen netwerkatlas".replace(
                        "_", "."
                    )
                )
        if root is None:
            raise fail("geen leesbaar GraphML-bestand: het bestand is leeg")
        return root, namespaces
    except defusedxml.DTDForbidden:
        raise fail(
            "het bestand bevat een DTD (<!DOCTYPE …>); GraphML heeft die niet nodig en de kit opent zulke "
            "bestanden niet, omdat ze ongemerkt tekst of andere bestanden kunnen binnenhalen"
        ) from None
    except defusedxml.EntitiesForbidden:
        raise fail("het bestand bevat entiteiten (<!ENTITY …>); die opent de kit niet") from None
    except defusedxml.ExternalReferenceForbidden:
        raise fail("het bestand verwijst naar een ander bestand of adres; dat opent de kit niet") from None
    except defusedxml.DefusedXmlException:
        raise fail("het bestand bevat XML-onderdelen die de kit niet opent") from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise fail(
            "geen leesbaar GraphML-bestand: de XML-opbouw klopt niet (een tag die niet is afgesloten, of "
            "een los teken)",
            line,
        ) from None
    except (RecursionError, MemoryError):
        raise fail("het bestand is te diep genest of te groot om te lezen") from None
    except ValueError:
        raise fail("geen leesbaar GraphML-bestand: de XML-opbouw klopt niet") from None


def read_graphml_data(text: str | bytes, source: str = "netwerk.graphml") -> GraphmlData:
    """Read GraphML safely: size and element limits, no DTD or entities, typed values with Dutch errors per node.

    >>> xml = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="c" for="node" attr.name="cirkel" '
    ...        'attr.type="int"/><graph edgedefault="undirected"><node id="a"><data key="c">twee</data></node>'
    ...        '</graph></graphml>')
    >>> read_graphml_data(xml, "kaart.graphml")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.NetwerkError: kaart.graphml, veld knoop 'a'.cirkel: verwacht een heel getal, kreeg 'twee'
    """
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    if len(raw) > MAX_ATLAS_BYTES:
        raise NetwerkError(
            [Problem("", f"het bestand is te groot; verwacht hoogstens {MAX_ATLAS_BYTES // 1000} kB", source)]
        )
    root, declared = _parse_xml(raw, source)
    if _local(root.tag) != "graphml":
        raise NetwerkError(
            [Problem("", f"dit is geen GraphML (het begint met <{_local(root.tag)[:40]}>)", source)]
        )
    out = GraphmlData(root_attributes={_local(k): v for k, v in root.attrib.items()})
    out.namespaces = tuple(declared)
    keys: dict[str, tuple[str, str, str]] = {}  # key id -> (for, name, type)
    defaults: dict[str, dict[str, Any]] = {"node": {}, "edge": {}, "graph": {}}
    problems: list[Problem] = []
    for key in root:
        if _local(key.tag) != "key":
            continue
        key_id = key.get("id", "")
        kind = _TYPES.get(key.get("attr.type", "string"), "string")
        scope, name = key.get("for", "all"), key.get("attr.name") or key_id
        keys[key_id] = (scope, name, kind)
        for where in ("node", "edge", "graph") if scope == "all" else (scope,):
            out.keys.setdefault(where, {})[name] = kind
        for child in key:
            if _local(child.tag) == "default" and scope in defaults:
                try:
                    defaults[scope][name] = _typed(child.text or "", kind)
                except ValueError as exc:
                    problems.append(Problem(f"sleutel {key_id!r}.standaardwaarde", str(exc), source))
    graph = next((g for g in root if _local(g.tag) == "graph"), None)
    if graph is None:
        raise NetwerkError([Problem("", "het bestand bevat geen <graph>; er staat geen netwerk in", source)])

    def values(element: Element, label: str) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for item in element:
            if _local(item.tag) != "data":
                continue
            key_id = item.get("key", "")
            _scope, name, kind = keys.get(key_id, ("all", key_id, "string"))
            text = "".join(item.itertext())
            try:
                data[name] = _typed(text, kind)
            except ValueError as exc:
                problems.append(Problem(f"{label}.{name}", str(exc), source))
        return data

    out.graph = {**defaults["graph"], **values(graph, "graaf")}
    count = 0
    for element in graph:
        tag = _local(element.tag)
        if tag not in ("node", "edge"):
            continue
        count += 1
        if count > MAX_GRAPHML_ELEMENTS:
            raise NetwerkError(
                [
                    Problem(
                        "",
                        f"meer dan {MAX_GRAPHML_ELEMENTS} knopen en randen; dat is geen netwerkatlas",
                        source,
                    )
                ]
            )
        if tag == "node":
            node_id = element.get("id")
            if not node_id:
                problems.append(Problem(f"knoop {len(out.nodes) + 1}", "knoop zonder id", source))
                continue
            out.nodes.append((node_id, {**defaults["node"], **values(element, f"knoop {node_id!r}")}))
        else:
            ends = element.get("source"), element.get("target")
            if not all(ends):
                problems.append(Problem(f"rand {len(out.edges) + 1}", "rand zonder source of target", source))
                continue
            label = f"rand {ends[0]}–{ends[1]}"
            out.edges.append((str(ends[0]), str(ends[1]), {**defaults["edge"], **values(element, label)}))
    if problems:
        raise NetwerkError(problems[:50])
    return out


def _multigraph(data: GraphmlData, source: str) -> nx.MultiGraph:
    g = nx.MultiGraph()
    g.graph.update(data.graph)
    known = set()
    for node_id, attrs in data.nodes:
        if node_id in known:
            raise NetwerkError(
                [Problem(f"knoop {node_id!r}", "deze id staat twee keer in het bestand", source)]
            )
        known.add(node_id)
        g.add_node(node_id, **attrs)
    for a, b, attrs in data.edges:
        for end in (a, b):
            if end not in known:
                raise NetwerkError(
                    [
                        Problem(
                            f"rand {a}–{b}",
                            f"verwijst naar knoop {end!r}, die niet in het bestand staat",
                            source,
                        )
                    ]
                )
        g.add_edge(a, b, **attrs)
    return g


def atlas_from_graphml(text: str | bytes, source: str = "netwerkatlas.graphml") -> Netwerkatlas:
    """Read an atlas from GraphML text; problems are reported per node and edge.

    A Network Canvas export is recognised and mapped with the guessed choices of
    :func:`~wijkteam_kit.netwerk.networkcanvas.guess_mapping`; when a choice cannot be guessed, the message says
    what is missing (the app then shows the mapping step).
    """
    parsed = read_graphml_data(text, source)
    from wijkteam_kit.netwerk.networkcanvas import atlas_from_network_canvas, is_network_canvas

    if is_network_canvas(parsed):
        return atlas_from_network_canvas(parsed, source=source)
    g = _multigraph(parsed, source)
    data = graphml_to_data(g, source)
    try:
        return atlas_from_data(data, source)
    except NetwerkError as exc:
        raise NetwerkError(_name_elements(exc.problems, data)) from None
