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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wijkteam_kit.errors import Problem, ProblemsError

__all__ = ["YamlDocument", "format_path", "load_yaml_file", "load_yaml_text"]

PathKey = tuple[str | int, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available (about 10x faster)


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
        if isinstance(part, int):
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


def load_yaml_text(text: str, source: str = "<tekst>") -> YamlDocument:
    """Parse YAML text; a syntax error raises :class:`ProblemsError` naming the file and line."""
    loader = _LOADER(text)
    try:  # parse once: the node tree gives the lines, the same tree gives the data
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise ProblemsError(
            [
                Problem(
                    "",
                    f"dit is geen geldige YAML ({what}); controleer inspringing, dubbele punten en "
                    "aanhalingstekens",
                    source,
                    line,
                )
            ]
        ) from exc
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return YamlDocument(data=data, source=source, lines=lines)


def load_yaml_file(path: str | Path) -> YamlDocument:
    """Read and parse a YAML file; unreadable files and syntax errors raise :class:`ProblemsError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProblemsError([Problem("", "bestand niet gevonden", str(path))]) from exc
    except UnicodeDecodeError as exc:
        raise ProblemsError(
            [Problem("", "bestand is geen UTF-8-tekst; sla het op als UTF-8", str(path))]
        ) from exc
    except OSError as exc:
        raise ProblemsError(
            [Problem("", f"bestand kan niet gelezen worden ({exc.strerror})", str(path))]
        ) from exc
    return load_yaml_text(text, source=str(path))
