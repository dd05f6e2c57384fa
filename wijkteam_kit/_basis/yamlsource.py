r"""Read YAML files while remembering the line of every field, for error messages that point at a line.

Examples
--------
>>> doc = load_yaml_text("a: 1\nb:\n  - x: 2\n", source="voorbeeld.yaml")
>>> doc.data
{'a': 1, 'b': [{'x': 2}]}
>>> doc.line_of(("b", 0, "x"))
3
>>> doc.line_of(("b", 0, "onbekend"))  # falls back to the nearest known parent
3

Limits are checked on the parsed node tree *before* anything is built from it, so a hostile file costs little:
a file of at most :data:`MAX_YAML_BYTES`, nesting of at most :data:`MAX_DEPTH`, at most :data:`MAX_NODES`
values counting every alias expansion (a "billion laughs" file stops here), no alias that contains itself, no
key twice in one mapping, numbers of at most :data:`MAX_NUMBER_DIGITS` digits and only finite numbers.

>>> load_yaml_text("a: 1\nb: 2\na: 3\n", source="dubbel.yaml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wijkteam_kit.errors.ProblemsError: dubbel.yaml, regel 3, veld a: de sleutel 'a' staat twee keer in ...
>>> load_yaml_text("a: &a [*a]\n", source="lus.yaml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wijkteam_kit.errors.ProblemsError: lus.yaml, regel 1, veld a[0]: een verwijzing (*alias) bevat zichzelf; ...
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wijkteam_kit.errors import Problem, ProblemsError

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_NUMBER_DIGITS",
    "MAX_YAML_BYTES",
    "YamlDocument",
    "format_path",
    "load_yaml_file",
    "load_yaml_text",
]

PathKey = tuple[str | int, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available (about 10x faster)

MAX_YAML_BYTES = 1_000_000
"""Largest YAML file the kit reads (the largest shipped file is 23 kB)."""
MAX_DEPTH = 40
"""Deepest nesting of groups and lists."""
MAX_NODES = 10_000
"""Most values in one file, counting every use of an alias in full (the largest shipped file has under 900)."""
MAX_NUMBER_DIGITS = 60
"""Longest number (in characters) in a data file."""


@dataclass
class YamlDocument:
    """Parsed YAML data plus the 1-based line of every mapping key and sequence item."""

    data: Any
    source: str
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """Line of ``path``, or of its nearest ancestor that has one."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)

    def problem(self, path: Sequence[str | int], message: str) -> Problem:
        """A :class:`Problem` for ``path`` with file name and line filled in."""
        return Problem(format_path(path), message, self.source, self.line_of(path))


def format_path(path: Sequence[str | int]) -> str:
    """Render a field path the way the error messages show it.

    >>> format_path(("netwerk", "personen", 2, "cirkel"))
    'netwerk.personen[2].cirkel'
    """
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _collect_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            lines[child] = key_node.start_mark.line + 1
            if key_node.tag.endswith(":int"):  # also reachable as the int key that yaml.safe_load gives
                lines[(*path, int(key_node.value))] = key_node.start_mark.line + 1
            _collect_lines(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1
            _collect_lines(item, child, lines)


_YAML_PROBLEMS = (  # (fragment of libyaml's English message, the same in plain Dutch)
    (
        "mapping values are not allowed",
        "een dubbele punt op een plek waar dat niet kan; zet tekst met ':' tussen aanhalingstekens",
    ),
    ("could not find expected ':'", "een regel zonder dubbele punt na de naam van het veld"),
    ("did not find expected key", "de inspringing klopt niet: een veld staat niet recht onder de andere"),
    ("did not find expected '-'", "de inspringing klopt niet: een regel staat niet recht onder de lijst"),
    ("expected <block end>", "de inspringing klopt niet"),
    ("did not find expected node content", "op deze plek ontbreekt een waarde"),
    ("did not find expected ',' or", "een lijst of groep tussen [ ] of { } is niet goed afgesloten"),
    ("found unexpected end of stream", "het bestand houdt op midden in een tekst, lijst of groep"),
    (
        "found unknown escape character",
        "een onbekende code na een \\ in tekst tussen dubbele aanhalingstekens",
    ),
    (
        "found character that cannot start any token",
        "een teken dat hier niet kan beginnen (bijvoorbeeld een "
        "tab, @ of `); gebruik spaties en zet zulke tekst tussen aanhalingstekens",
    ),
    (
        "cannot start any token",
        "een teken dat hier niet kan beginnen (bijvoorbeeld een tab, @ of `); gebruik "
        "spaties en zet zulke tekst tussen aanhalingstekens",
    ),
    ("found undefined alias", "een verwijzing (*naam) naar een anker (&naam) dat niet bestaat"),
    ("found duplicate anchor", "hetzelfde anker (&naam) staat twee keer in het bestand"),
    ("expected a single document", "het bestand bevat meer dan één document (---); verwacht er één"),
    ("control characters are not allowed", "een onzichtbaar stuurteken dat niet in YAML mag"),
    ("special characters are not allowed", "een teken dat niet in YAML mag"),
    ("unacceptable character", "een teken dat niet in YAML mag"),
    ("exceeded maximum nesting depth", f"te diep genest (meer dan {MAX_DEPTH} niveaus)"),
    ("could not determine a constructor", "een onbekend type-label (iets als !label); laat het weg"),
    ("failed to decode base64", "een !!binary-waarde die niet te lezen is; laat het label weg"),
    ("found unhashable key", "een sleutel die een lijst of groep is; verwacht een gewone naam"),
    ("expected a mapping", "verwacht een groep velden"),
    ("while scanning an alias", "een verwijzing (*naam) zonder geldige naam"),
    ("while scanning an anchor", "een anker (&naam) zonder geldige naam"),
    ("while scanning a directive", "een regel die met % begint is hier niet toegestaan"),
    ("while scanning a tag", "een type-label (!…) dat niet te lezen is"),
    ("while scanning a quoted scalar", "tekst tussen aanhalingstekens die niet goed is afgesloten"),
    ("while scanning a block scalar", "een tekstblok (| of >) dat niet goed is opgebouwd"),
    ("while scanning a simple key", "een regel zonder dubbele punt na de naam van het veld"),
    ("found a tab character", "een tab op een plek waar alleen spaties mogen"),
)


def _dutch_yaml_problem(exc: yaml.YAMLError) -> str:
    """The reason libyaml gives (in English) in plain Dutch (never the English itself)."""
    text = " ".join(str(getattr(exc, k, None) or "") for k in ("problem", "context")) or str(exc)
    for fragment, dutch in _YAML_PROBLEMS:
        if fragment in text:
            return dutch
    return "de opbouw van het bestand klopt niet"


def _fail(message: str, source: str, line: int | None, path: PathKey = ()) -> ProblemsError:
    return ProblemsError([Problem(format_path(path), message, source, line)])


_SCALAR_KINDS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")


def _check_scalar(node: yaml.ScalarNode, loader: Any, source: str, path: PathKey) -> None:
    if node.tag not in _SCALAR_KINDS or node.value in ("", "~"):
        return
    line = node.start_mark.line + 1
    if len(node.value) > MAX_NUMBER_DIGITS:
        raise _fail(
            f"een getal van {len(node.value)} tekens; verwacht hoogstens {MAX_NUMBER_DIGITS} (of zet het "
            "tussen aanhalingstekens als het tekst is)",
            source,
            line,
            path,
        )
    try:
        value = loader.construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError):
        raise _fail(
            f"{node.value!r} lijkt op een datum of getal maar is geen geldige", source, line, path
        ) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail(
            f"verwacht een gewoon getal, kreeg {node.value!r} (oneindig of geen getal)", source, line, path
        )


def _check_tree(root: yaml.Node, loader: Any, source: str) -> None:
    """Walk the node tree once (iteratively, aliases followed) and refuse what is too big, deep or ambiguous."""
    visits = 0
    checked: set[int] = set()
    stack: list[tuple[yaml.Node, PathKey, tuple[int, ...]]] = [(root, (), ())]
    while stack:
        node, path, ancestors = stack.pop()
        visits += 1
        line = node.start_mark.line + 1
        if visits > MAX_NODES:
            raise _fail(
                f"met de verwijzingen (*alias) erin uitgeschreven bevat het bestand meer dan {MAX_NODES:_} "
                "waarden; dat is geen gewoon databestand".replace("_", "."),
                source,
                line,
                path[:1],  # the top-level field it is in; the line is where the repeated part is defined
            )
        if id(node) in ancestors:
            raise _fail(
                "een verwijzing (*alias) bevat zichzelf; dat kan de kit niet lezen", source, line, path
            )
        if len(ancestors) > MAX_DEPTH:
            raise _fail(f"te diep genest (meer dan {MAX_DEPTH} niveaus)", source, line, path)
        first = id(node) not in checked
        checked.add(id(node))
        inner = (*ancestors, id(node))
        if isinstance(node, yaml.ScalarNode):
            if first:
                _check_scalar(node, loader, source, path)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, i), inner) for i, item in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            children = []
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _fail(
                        "een sleutel die een lijst of groep is; verwacht een gewone naam",
                        source,
                        key_node.start_mark.line + 1,
                        path,
                    )
                key_line = key_node.start_mark.line + 1
                if key_node.tag == "tag:yaml.org,2002:merge":
                    children.append((value_node, path, inner))
                    continue
                if first:
                    _check_scalar(key_node, loader, source, (*path, key_node.value))
                    ident = loader.construct_object(key_node)  # true and 1 are the same key in Python
                    if isinstance(ident, list | dict) or ident in seen:
                        raise _fail(
                            f"de sleutel {key_node.value!r} staat twee keer in dezelfde groep (ook op regel "
                            f"{seen[ident]}); laat er één staan",
                            source,
                            key_line,
                            (*path, key_node.value),
                        )
                    seen[ident] = key_line
                children.append((value_node, (*path, key_node.value), inner))
            stack.extend(reversed(children))


_VALUE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _count_values(text: str, source: str) -> None:
    """Refuse a file with more than :data:`MAX_NODES` values before any node tree is built."""
    counter = _LOADER(text)
    try:
        count = 0
        while counter.check_event():
            event = counter.get_event()
            if isinstance(event, _VALUE_EVENTS):
                count += 1
                if count > MAX_NODES:
                    raise _fail(
                        f"het bestand bevat meer dan {MAX_NODES:_} waarden; dat is geen gewoon databestand".replace(
                            "_", "."
                        ),
                        source,
                        event.start_mark.line + 1,
                    )
    finally:
        counter.dispose()


def load_yaml_text(text: str, source: str = "<tekst>") -> YamlDocument:
    """Parse YAML text within the limits above; any problem raises :class:`ProblemsError` naming file and line."""
    if len(text) > MAX_YAML_BYTES:
        raise _fail(
            f"het bestand is te groot ({len(text) // 1000} kB); verwacht hoogstens {MAX_YAML_BYTES // 1000} kB",
            source,
            None,
        )
    loader = _LOADER(text)
    try:  # count the values first (streaming), then parse once: the node tree gives lines and data
        _count_values(text, source)
        node = loader.get_single_node()
        if node is not None:
            _check_tree(node, loader, source)
            loader.constructed_objects.clear()
            loader.recursive_objects.clear()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise _fail(
            f"dit is geen geldige YAML: {_dutch_yaml_problem(exc)}; controleer inspringing, dubbele punten en "
            "aanhalingstekens",
            source,
            line,
        ) from None
    except (ValueError, TypeError, OverflowError, RecursionError):
        raise _fail("dit is geen geldige YAML: een waarde is niet te lezen", source, None) from None
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return YamlDocument(data=data, source=source, lines=lines)


def load_yaml_file(path: str | Path) -> YamlDocument:
    """Read and parse a YAML file; unreadable, too large or broken files raise :class:`ProblemsError`."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_YAML_BYTES + 1)
        if len(raw) > MAX_YAML_BYTES:
            raise _fail(
                f"het bestand is te groot; verwacht hoogstens {MAX_YAML_BYTES // 1000} kB", str(path), None
            )
        text = raw.decode("utf-8")
    except FileNotFoundError as exc:
        raise ProblemsError([Problem("", "bestand niet gevonden", str(path))]) from exc
    except UnicodeDecodeError as exc:
        raise ProblemsError(
            [Problem("", "bestand is geen UTF-8-tekst; sla het op als UTF-8", str(path))]
        ) from exc
    except IsADirectoryError as exc:
        raise ProblemsError([Problem("", "dit is een map, geen bestand", str(path))]) from exc
    except OSError as exc:
        raise ProblemsError([Problem("", "bestand kan niet gelezen worden", str(path))]) from exc
    return load_yaml_text(text, source=str(path))
