r"""Open a Network Canvas GraphML export as a netwerkatlas, after a short mapping step.

Network Canvas (an interview tool for personal networks) exports one GraphML file per interview. The client
(ego) is not a node: ego data sits at graph level (``<key for="graph">``, and ``caseID``/``sessionUUID`` on the
``<graphml>`` element in the ``nc`` namespace). Every node is a person the client named (an alter), with
``networkCanvasType``, ``networkCanvasUUID`` and the protocol's own variables: a name, closeness or a ring,
categories (often as one ja/nee variable per option, such as ``familie`` and ``buren``), layout coordinates.
Ties with the client are variables on the person (the interview asks "how often do you see her?"); ties
between persons are edges, with their own variables.

A :class:`Koppeling` (mapping) says which variable gives the name, the circle (and in which order its values
go from close to far), the sector (a categorical variable or a set of ja/nee variables), and which variables
give the frequency and the quality of ties. :func:`guess_mapping` fills in sensible guesses;
:func:`mapping_problems` says in Dutch what is still missing; :func:`atlas_from_network_canvas` builds the
atlas. Variables that map to nothing are kept as a note (``toelichting``) on the person.

Examples
--------
>>> from wijkteam_kit.netwerk.graphml import read_graphml_data
>>> export = read_graphml_data(VOORBEELD_EXPORT, "interview.graphml")
>>> is_network_canvas(export)
True
>>> koppeling = guess_mapping(export)
>>> koppeling.naam, koppeling.cirkel, koppeling.sector, koppeling.frequentie
('naam', 'nabijheid', '(ja/nee-variabelen)', 'contact')
>>> atlas = atlas_from_network_canvas(export, koppeling)
>>> atlas.client.naam, [(p.naam, p.cirkel, p.sector) for p in atlas.personen][:2]
('Gerda', [('Henk', 1, 'familie'), ('Ans', 2, 'vrienden')])
>>> [(t.van, t.naar, t.frequentie) for t in atlas.banden][:2]
[('client', 'henk', 'dagelijks'), ('client', 'ans', 'wekelijks')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from wijkteam_kit.errors import NetwerkError, Problem
from wijkteam_kit.netwerk.model import CLIENT_ID, FREQUENTIES, KWALITEITEN, SECTOREN

if TYPE_CHECKING:
    from wijkteam_kit.netwerk.graphml import GraphmlData
    from wijkteam_kit.netwerk.model import Netwerkatlas

__all__ = [
    "BOOLEAN_SECTOR",
    "VOORBEELD_EXPORT",
    "Koppeling",
    "Variabele",
    "atlas_from_network_canvas",
    "guess_mapping",
    "is_network_canvas",
    "mapping_problems",
    "parse_value_map",
    "value_map_text",
    "variables",
]

NC_NAMESPACE = "schema.networkcanvas.com"
BOOLEAN_SECTOR = "(ja/nee-variabelen)"
"""The sector choice that reads the sector from a set of ja/nee variables, one per sector."""
DEFAULT_FREQUENTIE, DEFAULT_KWALITEIT = "maandelijks", "wisselend"
"""What a tie gets when no variable gives its frequency or quality."""
MAX_VALUES = 30

_SECTOR_WORDS = (
    (
        "familie",
        r"famil|gezin|partner|kind|ouder|moeder|vader|broer|zus|oma|opa|relative|family|parent|sibling",
    ),
    ("professionals", r"prof|hulp|zorg|arts|dokter|wijkteam|therap|doctor|care|formal|formeel|instantie"),
    ("werk/school", r"werk|school|collega|studie|work|cowork|colleague|job"),
    (
        "vrijwilligers/verenigingen",
        r"vrijwillig|vereniging|club|kerk|moskee|sport|volunteer|church|association",
    ),
    ("buurt", r"buur|buren|wijk|neighbo|straat"),
    ("vrienden", r"vriend|kennis|friend|acquaint"),
)
_FREQ_WORDS = (
    ("minder", r"jaar|year|zelden|nooit|rarely|less|minder|never"),
    ("dagelijks", r"dag|daily|day"),
    ("wekelijks", r"week|wekelijk"),
    ("maandelijks", r"maand|month"),
)
_QUALITY_WORDS = (
    ("belastend", r"belast|negatie|slecht|conflict|negative|bad|zwaar"),
    ("wisselend", r"wissel|ambival|gemengd|mixed|soms"),
    ("steunend", r"steun|positie|goed|fijn|support|positive|good"),
)
_RING_WORDS = (
    (1, r"heel dicht|zeer dicht|very close|intiem|inner"),
    (2, r"dicht|close"),
    (3, r"afstand|middel|some"),
    (4, r"ver|far|outer|los"),
)
_NAME_GUESS = r"^(naam|name|voornaam|first_?name|nickname|label|bijnaam)$"
_CIRCLE_GUESS = r"nabij|closeness|close|cirkel|circle|ring|kring|afstand|distance|dichtbij"
_SECTOR_GUESS = r"sector|domein|domain|context|groep|group|relatie|relation|type|soort|categor"
_FREQ_GUESS = r"freq|contact|vaak|often|how_?often|zien|see"
_QUALITY_GUESS = r"kwalit|quality|steun|support|band|tie_?str|sterkte|strength|valentie"
_LAYOUT = re.compile(r"^(.*)_[XYxy]$")


@dataclass(frozen=True)
class Variabele:
    """A variable of the export: its name, on what (``persoon``, ``band`` or ``beide``), kind and values seen."""

    naam: str
    op: str
    soort: str  # "getal", "ja/nee" or "tekst"
    waarden: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Name with where it lives and a few values, for a dropdown."""
        shown = ", ".join(self.waarden[:4]) + (", …" if len(self.waarden) > 4 else "")
        return f"{self.naam} ({'bij personen' if self.op == 'persoon' else 'bij banden' if self.op == 'band' else 'bij personen en banden'}: {shown})"  # noqa: E501


@dataclass(frozen=True)
class Koppeling:
    """Which variable gives what; value maps go from the export's value (as text) to the kit's value.

    ``cirkel_waarden`` maps each value to circle 1 (very close) … 4 (far); for ``sector`` the special value
    :data:`BOOLEAN_SECTOR` reads ``sector_waarden`` as *ja/nee variable → sector*.
    """

    naam: str | None = None
    cirkel: str | None = None
    cirkel_waarden: dict[str, int] = field(default_factory=dict)
    sector: str | None = None
    sector_waarden: dict[str, str] = field(default_factory=dict)
    frequentie: str | None = None
    frequentie_waarden: dict[str, str] = field(default_factory=dict)
    kwaliteit: str | None = None
    kwaliteit_waarden: dict[str, str] = field(default_factory=dict)


def is_network_canvas(data: GraphmlData) -> bool:
    """Whether a parsed GraphML file comes from Network Canvas (its namespace or ``networkCanvas…`` keys)."""
    if any(NC_NAMESPACE in ns for ns in data.namespaces):
        return True
    names = {name for scope in data.keys.values() for name in scope}
    return any(name.startswith("networkCanvas") for name in names)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _own(name: str) -> bool:
    """A variable of the protocol (not Network Canvas's bookkeeping, not a layout coordinate)."""
    return not name.startswith("networkCanvas") and not _LAYOUT.match(name) and name not in ("label",)


def _grouped(data: GraphmlData) -> GraphmlData:
    """``data`` with split categorical variables joined (see :func:`_regroup`)."""
    return _regroup(data)[0]


def _regroup(data: GraphmlData) -> tuple[GraphmlData, dict[str, tuple[str, ...]]]:
    """``data`` with each split categorical variable joined again.

    Network Canvas writes a categorical variable ``relatie`` with options ``familie`` and ``buren`` as ja/nee
    variables ``relatie_familie`` and ``relatie_buren``. Two or more ja/nee keys with the same part before the
    last ``_`` become one text variable again, whose value is the first option that is true. Also returns every
    option per joined variable (also those no person has).
    """
    grouped: dict[str, Any] = {}
    options: dict[str, tuple[str, ...]] = {}
    for scope, items in (("node", data.nodes), ("edge", data.edges)):
        declared = data.keys.get(scope, {})
        groups: dict[str, list[str]] = {}
        for name, kind in declared.items():
            if kind == "bool" and "_" in name.strip("_"):
                groups.setdefault(name.rsplit("_", 1)[0], []).append(name)
        groups = {
            prefix: names for prefix, names in groups.items() if len(names) >= 2 and prefix not in declared
        }
        members = {name for names in groups.values() for name in names}
        options.update(
            {prefix: tuple(n.rsplit("_", 1)[1] for n in names) for prefix, names in groups.items()}
        )

        def regroup(
            attrs: dict[str, Any], groups: dict[str, list[str]] = groups, members: set = members
        ) -> dict:
            joined = {k: v for k, v in attrs.items() if k not in members}
            for prefix, names in groups.items():
                chosen = next((n.rsplit("_", 1)[1] for n in names if attrs.get(n) is True), None)
                if chosen is not None:
                    joined[prefix] = chosen
            return joined

        if scope == "node":
            grouped["nodes"] = [(node_id, regroup(attrs)) for node_id, attrs in items]
        else:
            grouped["edges"] = [(a, b, regroup(attrs)) for a, b, attrs in items]
    return replace(data, **grouped), options


def variables(data: GraphmlData) -> dict[str, Variabele]:
    """The protocol's own variables on persons and ties, with the values seen (sorted, numbers by value)."""
    data, options = _regroup(data)
    found: dict[str, dict[str, Any]] = {}
    for where, items in (("persoon", [a for _, a in data.nodes]), ("band", [a for _, _, a in data.edges])):
        for attrs in items:
            for name, value in attrs.items():
                if not _own(name) or value in (None, ""):
                    continue
                entry = found.setdefault(name, {"op": set(), "values": set(), "kinds": set()})
                entry["op"].add(where)
                entry["kinds"].add(
                    "ja/nee"
                    if isinstance(value, bool)
                    else "getal"
                    if isinstance(value, int | float)
                    else "tekst"
                )
                if len(entry["values"]) < MAX_VALUES:
                    entry["values"].add(value)
    for name, values in options.items():
        if name in found:
            found[name]["values"].update(values[:MAX_VALUES])
    out = {}
    for name, entry in found.items():
        kinds = entry["kinds"]
        kind = "ja/nee" if kinds == {"ja/nee"} else "getal" if kinds == {"getal"} else "tekst"
        values = sorted(
            entry["values"], key=lambda v: (isinstance(v, str), v if not isinstance(v, str) else 0, str(v))
        )
        op = entry["op"].pop() if len(entry["op"]) == 1 else "beide"
        out[name] = Variabele(name, op, kind, tuple(dict.fromkeys(_text(v) for v in values)))
    return out


def _match(words: tuple[tuple[Any, str], ...], text: str) -> Any:
    lowered = text.lower().replace("_", " ")
    return next((target for target, pattern in words if re.search(pattern, lowered)), None)


def _spread(values: tuple[str, ...], targets: tuple[Any, ...]) -> dict[str, Any]:
    """Values in order spread over ``targets`` (first value → first target, last → last)."""
    if not values:
        return {}
    if len(values) == 1:
        return {values[0]: targets[0]}
    last = len(targets) - 1
    return {v: targets[round(i * last / (len(values) - 1))] for i, v in enumerate(values)}


def guess_values(kind: str, variable: Variabele | None, booleans: tuple[str, ...] = ()) -> dict[str, Any]:
    """A guessed value map for one choice (``cirkel``, ``sector``, ``frequentie``, ``kwaliteit``)."""
    if kind == "sector" and variable is None:
        return {name: sector for name in booleans if (sector := _match(_SECTOR_WORDS, name))}
    if variable is None:
        return {}
    values = variable.waarden
    if kind == "cirkel":
        if variable.soort == "getal":
            if set(values) <= {"1", "2", "3", "4"}:
                return {v: int(v) for v in values}
            return _spread(values, (1, 2, 3, 4))
        words = {v: _match(_RING_WORDS, v) for v in values}
        if all(words.values()):
            return words
        return _spread(values, (1, 2, 3, 4))
    words_for = {"sector": _SECTOR_WORDS, "frequentie": _FREQ_WORDS, "kwaliteit": _QUALITY_WORDS}[kind]
    targets = {"sector": SECTOREN, "frequentie": FREQUENTIES, "kwaliteit": KWALITEITEN}[kind]
    if variable.soort == "getal" and kind != "sector":
        return _spread(values, targets)
    return {v: target for v in values if (target := _match(words_for, v))}


def _boolean_sectors(found: dict[str, Variabele]) -> tuple[str, ...]:
    return tuple(
        name
        for name, v in found.items()
        if v.soort == "ja/nee" and v.op != "band" and _match(_SECTOR_WORDS, name.rsplit("_", 1)[-1] or name)
    )


def _best_sector_variable(pool: dict[str, Variabele]) -> str | None:
    """The text variable whose values name sectors best (at least half of them); a sector-like name helps."""
    scored = []
    for name, variable in pool.items():
        if variable.soort != "tekst" or not variable.waarden:
            continue
        share = len(guess_values("sector", variable)) / len(variable.waarden)
        if share >= 0.5:
            scored.append((share + (0.5 if re.search(_SECTOR_GUESS, name, re.IGNORECASE) else 0), name))
    return max(scored)[1] if scored else None


def guess_mapping(data: GraphmlData) -> Koppeling:
    """Sensible first choices from the variable names and values (the user checks them in the mapping step)."""
    found = variables(data)
    on_persons = {n: v for n, v in found.items() if v.op != "band"}

    def pick(pattern: str, kinds: tuple[str, ...], pool: dict[str, Variabele]) -> str | None:
        return next(
            (n for n, v in pool.items() if re.search(pattern, n, re.IGNORECASE) and v.soort in kinds), None
        )

    naam = pick(_NAME_GUESS, ("tekst",), on_persons)
    cirkel = pick(_CIRCLE_GUESS, ("getal", "tekst"), on_persons)
    booleans = _boolean_sectors(on_persons)
    sector = _best_sector_variable({n: v for n, v in on_persons.items() if n not in (naam, cirkel)})
    if sector is None and len(booleans) >= 2:
        sector = BOOLEAN_SECTOR
    taken = {naam, cirkel, sector}
    rest = {n: v for n, v in found.items() if n not in taken}
    frequentie = pick(_FREQ_GUESS, ("getal", "tekst"), rest)
    kwaliteit = pick(_QUALITY_GUESS, ("getal", "tekst"), {n: v for n, v in rest.items() if n != frequentie})
    return Koppeling(
        naam=naam,
        cirkel=cirkel,
        cirkel_waarden=guess_values("cirkel", found.get(cirkel)) if cirkel else {},
        sector=sector,
        sector_waarden=guess_values(
            "sector", None if sector == BOOLEAN_SECTOR else found.get(sector), booleans
        )
        if sector
        else {},
        frequentie=frequentie,
        frequentie_waarden=guess_values("frequentie", found.get(frequentie)) if frequentie else {},
        kwaliteit=kwaliteit,
        kwaliteit_waarden=guess_values("kwaliteit", found.get(kwaliteit)) if kwaliteit else {},
    )


def value_map_text(values: dict[str, Any]) -> str:
    """A value map as the lines the mapping step shows (``waarde = doel``).

    >>> print(value_map_text({"1": 1, "vaak": "wekelijks"}))
    1 = 1
    vaak = wekelijks
    """
    return "\n".join(f"{key} = {target}" for key, target in values.items())


def parse_value_map(text: str, kind: str) -> tuple[dict[str, Any], list[str]]:
    r"""Read ``waarde = doel`` lines for ``kind``; returns the map and Dutch problems per line.

    >>> parse_value_map("1 = 1\n2 = 5\nx = heel", "cirkel")
    ({'1': 1}, ["regel 2: cirkel '5' kan niet; verwacht 1, 2, 3 of 4", "regel 3: cirkel 'heel' kan niet; verwacht 1, 2, 3 of 4"])
    """  # noqa: E501
    allowed: tuple[str, ...] = {
        "cirkel": ("1", "2", "3", "4"),
        "sector": SECTOREN,
        "frequentie": FREQUENTIES,
        "kwaliteit": KWALITEITEN,
    }[kind]
    result: dict[str, Any] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or (line.rstrip().endswith("=") and line.count("=") == 1):
            continue  # an empty line, or a value left without a target: not used
        if "=" not in line:
            problems.append(f"regel {number}: verwacht 'waarde = {kind}', kreeg {line.strip()[:40]!r}")
            continue
        key, target = (part.strip() for part in line.rsplit("=", 1))
        if target not in allowed:
            options = ", ".join(allowed[:-1]) + f" of {allowed[-1]}"
            problems.append(f"regel {number}: {kind} {target[:40]!r} kan niet; verwacht {options}")
            continue
        result[key] = int(target) if kind == "cirkel" else target
    return result, problems


def mapping_problems(data: GraphmlData, koppeling: Koppeling) -> list[str]:
    """What the mapping still lacks, in Dutch; empty when the atlas can be built."""
    found = variables(data)
    problems = []
    if not data.nodes:
        problems.append("het bestand bevat geen personen (knopen)")
    if koppeling.cirkel is None:
        problems.append(
            "kies welke variabele de cirkel geeft (hoe dichtbij iemand staat); er is geen variabele als "
            "'nabijheid' of 'closeness' gevonden"
        )
    elif koppeling.cirkel not in found:
        problems.append(f"de variabele {koppeling.cirkel!r} voor de cirkel staat niet in het bestand")
    if koppeling.sector is None:
        problems.append(
            "kies welke variabele de sector geeft (een keuzevariabele, of ja/nee-variabelen zoals 'familie' en "
            "'buren'); die is niet gevonden"
        )
    elif koppeling.sector != BOOLEAN_SECTOR and koppeling.sector not in found:
        problems.append(f"de variabele {koppeling.sector!r} voor de sector staat niet in het bestand")
    elif koppeling.sector == BOOLEAN_SECTOR and not koppeling.sector_waarden:
        problems.append("geef bij de sector per ja/nee-variabele aan welke sector het is")
    for kind in ("naam", "frequentie", "kwaliteit"):
        chosen = getattr(koppeling, kind)
        if chosen is not None and chosen not in found:
            problems.append(f"de variabele {chosen!r} voor {kind} staat niet in het bestand")
    return problems


def _slug(name: str, taken: set[str]) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:30] or "persoon"
    candidate, number = base, 2
    while candidate in taken or candidate == CLIENT_ID:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


_RELATIE = {
    "familie": "familie",
    "vrienden": "vriend",
    "buurt": "buur",
    "werk/school": "collega/school",
    "vrijwilligers/verenigingen": "vrijwilliger",
    "professionals": "professional",
}


def _ego_name(data: GraphmlData) -> str:
    for name, value in data.graph.items():
        if re.search(r"(^|_)(naam|name)$", name, re.IGNORECASE) and isinstance(value, str) and value.strip():
            return value.strip()[:80]
    case = data.root_attributes.get("caseID", "").strip()
    return case[:80] or "Cliënt"


def atlas_from_network_canvas(
    data: GraphmlData, koppeling: Koppeling | None = None, source: str = "network-canvas.graphml"
) -> Netwerkatlas:
    """The atlas of a Network Canvas export under ``koppeling`` (guessed when None).

    Raises :class:`~wijkteam_kit.errors.NetwerkError` that says this looks like Network Canvas and what is missing
    when the mapping is incomplete, or which person has a value the mapping does not cover.
    """
    from wijkteam_kit.netwerk.io import atlas_from_data

    koppeling = koppeling or guess_mapping(data)
    missing = mapping_problems(data, koppeling)
    data = _grouped(data)
    if missing:
        raise NetwerkError(
            [Problem("", f"Dit lijkt een export uit Network Canvas, maar {m}.", source) for m in missing]
        )
    used = {koppeling.naam, koppeling.cirkel, koppeling.frequentie, koppeling.kwaliteit}
    used |= set(koppeling.sector_waarden) if koppeling.sector == BOOLEAN_SECTOR else {koppeling.sector}
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    taken: set[str] = set()
    personen, banden = [], []
    for number, (node_id, attrs) in enumerate(data.nodes, start=1):
        where = f"knoop {node_id!r}"
        name = _text(attrs.get(koppeling.naam, "")) if koppeling.naam else ""
        name = (name or _text(attrs.get("label", "")) or f"Persoon {number}")[:80]
        person_id = _slug(name, taken)
        ids[node_id] = person_id
        circle_value = _text(attrs.get(koppeling.cirkel, ""))
        circle = koppeling.cirkel_waarden.get(circle_value)
        if circle is None:
            problems.append(
                Problem(
                    f"{where}.{koppeling.cirkel}",
                    f"de waarde {circle_value!r} heeft geen cirkel in de koppeling",
                    source,
                )
            )
        if koppeling.sector == BOOLEAN_SECTOR:
            sector = next((s for var, s in koppeling.sector_waarden.items() if attrs.get(var) is True), None)
            if sector is None:
                problems.append(
                    Problem(
                        where,
                        f"{name}: geen van de ja/nee-variabelen ({', '.join(koppeling.sector_waarden)}) "
                        "staat op waar, dus de sector is onbekend",
                        source,
                    )
                )
        else:
            sector_value = _text(attrs.get(koppeling.sector, ""))
            sector = koppeling.sector_waarden.get(sector_value)
            if sector is None:
                problems.append(
                    Problem(
                        f"{where}.{koppeling.sector}",
                        f"de waarde {sector_value!r} heeft geen sector in de koppeling",
                        source,
                    )
                )
        note = "; ".join(
            f"{k}: {_text(v)}"
            for k, v in attrs.items()
            if _own(k) and k not in used and v not in (None, "", False)
        )
        person: dict[str, Any] = {
            "id": person_id,
            "naam": name,
            "relatie": _RELATIE.get(sector or "", "anders"),
            "sector": sector or "vrienden",
            "cirkel": circle or 4,
        }
        if note:
            person["toelichting"] = f"Uit Network Canvas: {note}"[:500]
        personen.append(person)
        banden.append({"van": CLIENT_ID, "naar": person_id, **_tie_values(attrs, koppeling)})
    for a, b, attrs in data.edges:
        if a not in ids or b not in ids or a == b:
            continue
        pair = {ids[a], ids[b]}
        if any({t["van"], t["naar"]} == pair for t in banden):
            continue  # Network Canvas may hold the same pair under two edge types: one tie
        banden.append({"van": ids[a], "naar": ids[b], **_tie_values(attrs, koppeling)})
    if problems:
        raise NetwerkError(problems[:50])
    atlas_data = {
        "client": {"naam": _ego_name(data)},
        "personen": personen,
        "banden": banden,
    }
    return atlas_from_data(atlas_data, source)


def _tie_values(attrs: dict[str, Any], koppeling: Koppeling) -> dict[str, str]:
    frequency = (
        koppeling.frequentie_waarden.get(_text(attrs.get(koppeling.frequentie, "")))
        if koppeling.frequentie
        else None
    )
    quality = (
        koppeling.kwaliteit_waarden.get(_text(attrs.get(koppeling.kwaliteit, "")))
        if koppeling.kwaliteit
        else None
    )
    return {"frequentie": frequency or DEFAULT_FREQUENTIE, "kwaliteit": quality or DEFAULT_KWALITEIT}


def with_values(koppeling: Koppeling, **changes: Any) -> Koppeling:
    """A copy of ``koppeling`` with ``changes`` (for the mapping step)."""
    return replace(koppeling, **changes)


VOORBEELD_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns"
    nc:caseID="oefen-17" nc:sessionUUID="5b0c6f1e-0000-4000-8000-00000000a017" nc:protocolName="Netwerk in kaart">
  <key id="ego_naam" attr.name="naam" attr.type="string" for="graph"/>
  <key id="ego_uuid" attr.name="networkCanvasUUID" attr.type="string" for="graph"/>
  <key id="type" attr.name="networkCanvasType" attr.type="string" for="all"/>
  <key id="uuid" attr.name="networkCanvasUUID" attr.type="string" for="node"/>
  <key id="naam" attr.name="naam" attr.type="string" for="node"/>
  <key id="nabijheid" attr.name="nabijheid" attr.type="int" for="node"/>
  <key id="familie" attr.name="familie" attr.type="boolean" for="node"/>
  <key id="vrienden" attr.name="vrienden" attr.type="boolean" for="node"/>
  <key id="buren" attr.name="buren" attr.type="boolean" for="node"/>
  <key id="hulpverlening" attr.name="hulpverlening" attr.type="boolean" for="node"/>
  <key id="contact" attr.name="contact" attr.type="string" for="node"/>
  <key id="woont_dichtbij" attr.name="woont_dichtbij" attr.type="boolean" for="node"/>
  <key id="x" attr.name="sociogram_X" attr.type="double" for="node"/>
  <key id="y" attr.name="sociogram_Y" attr.type="double" for="node"/>
  <graph edgedefault="undirected">
    <data key="ego_naam">Gerda</data>
    <data key="ego_uuid">ego-0017</data>
    <node id="n1"><data key="type">persoon</data><data key="uuid">a-01</data><data key="naam">Henk</data>
      <data key="nabijheid">1</data><data key="familie">true</data><data key="contact">dagelijks</data>
      <data key="woont_dichtbij">true</data><data key="x">0.52</data><data key="y">0.48</data></node>
    <node id="n2"><data key="type">persoon</data><data key="uuid">a-02</data><data key="naam">Ans</data>
      <data key="nabijheid">2</data><data key="vrienden">true</data><data key="contact">wekelijks</data>
      <data key="x">0.31</data><data key="y">0.62</data></node>
    <node id="n3"><data key="type">persoon</data><data key="uuid">a-03</data><data key="naam">Ria Smit</data>
      <data key="nabijheid">3</data><data key="buren">true</data><data key="contact">maandelijks</data>
      <data key="woont_dichtbij">true</data></node>
    <node id="n4"><data key="type">persoon</data><data key="uuid">a-04</data><data key="naam">Huisarts Öztürk</data>
      <data key="nabijheid">4</data><data key="hulpverlening">true</data>
      <data key="contact">minder dan maandelijks</data></node>
    <edge source="n1" target="n2"><data key="type">kent</data></edge>
    <edge source="n1" target="n3"><data key="type">kent</data></edge>
  </graph>
</graphml>
"""
"""A small Network Canvas–style export (written for the kit's tests and documentation; the people are made up)."""
