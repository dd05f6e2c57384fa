r"""Read JSON from a file a user chose, within limits, with a Dutch message naming the file and line.

Every JSON the kit reads from outside (a netwerkatlas file, JSON fields inside GraphML, a backup) goes through
:func:`load_json_text`: at most ``max_bytes``, nesting of at most :data:`MAX_JSON_DEPTH`, numbers of at most
:data:`~wijkteam_kit._basis.yamlsource.MAX_NUMBER_DIGITS` characters, no ``NaN`` or ``Infinity``, and the
reason of a syntax error in plain Dutch instead of the parser's English.

Examples
--------
>>> load_json_text('{"a": [1, 2.5, "drie"]}', source="kaart.json")
{'a': [1, 2.5, 'drie']}
>>> load_json_text('{"a": 1,\n "b": }', source="kaart.json")
Traceback (most recent call last):
...
wijkteam_kit.errors.ProblemsError: kaart.json, regel 2: geen geldige JSON: hier ontbreekt een waarde (kolom 7)
>>> load_json_text('{"a": NaN}', source="kaart.json")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wijkteam_kit.errors.ProblemsError: kaart.json: geen geldige JSON: 'NaN' is geen gewoon getal; ...
"""

from __future__ import annotations

import json
import math
from typing import Any

from wijkteam_kit._basis.yamlsource import MAX_NUMBER_DIGITS
from wijkteam_kit.errors import Problem, ProblemsError

__all__ = ["MAX_JSON_BYTES", "MAX_JSON_DEPTH", "MAX_JSON_ITEMS", "json_depth", "load_json_text"]

MAX_JSON_BYTES = 2_000_000
"""Largest JSON text read by default (a netwerkatlas file is a few kB)."""
MAX_JSON_ITEMS = 200_000
"""Most values (counted from the text as commas and brackets, before parsing) in one JSON text."""
MAX_JSON_DEPTH = 40
"""Deepest nesting of objects and arrays."""

_JSON_PROBLEMS = (  # (start of the parser's English message, the same in plain Dutch)
    ("Expecting value", "hier ontbreekt een waarde"),
    ("Expecting property name", "verwacht de naam van een veld tussen dubbele aanhalingstekens"),
    ("Expecting ',' delimiter", "hier ontbreekt een komma"),
    ("Expecting ':' delimiter", "hier ontbreekt een dubbele punt"),
    ("Unterminated string", "een tekst zonder afsluitend aanhalingsteken"),
    ("Invalid control character", "een onzichtbaar stuurteken in een tekst"),
    ("Invalid \\uXXXX escape", "een ongeldige \\u-code in een tekst"),
    ("Invalid \\escape", "een ongeldige code na een \\ in een tekst"),
    ("Extra data", "na het einde van de gegevens staat nog iets"),
)


class _BadNumber(ValueError):
    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text)
        self.text, self.reason = text, reason


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _BadNumber(text, f"een getal van {len(text)} tekens; verwacht hoogstens {MAX_NUMBER_DIGITS}")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _BadNumber(text, f"een getal van {len(text)} tekens; verwacht hoogstens {MAX_NUMBER_DIGITS}")
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(text, f"{text!r} is te groot (oneindig); verwacht een gewoon getal")
    return value


def _long_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _BadNumber(text, f"een getal van {len(text)} tekens; verwacht hoogstens {MAX_NUMBER_DIGITS}")
    return float(text)


def _constant(text: str) -> Any:
    raise _BadNumber(text, f"{text!r} is geen gewoon getal; verwacht een getal of null")


def json_depth(data: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """Nesting depth of ``data`` (a scalar is 0), counted without recursion; stops counting past ``limit``.

    >>> json_depth({"a": [1, {"b": []}]}), json_depth(3)
    (4, 0)
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth) for item in items if isinstance(item, dict | list))
    return deepest


def load_json_text(
    text: str | bytes,
    source: str = "<tekst>",
    *,
    max_bytes: int = MAX_JSON_BYTES,
    max_depth: int = MAX_JSON_DEPTH,
    finite: bool = True,
) -> Any:
    """Parse JSON within the limits; any problem raises :class:`ProblemsError` naming ``source`` and the line.

    With ``finite=False``, ``NaN`` and ``Infinity`` are read as floats, for a caller that names them per record.
    """
    too_deep = f"dit bestand is te diep genest om te lezen (meer dan {max_depth} niveaus lijsten of groepen in elkaar)"

    def fail(message: str, line: int | None = None) -> ProblemsError:
        return ProblemsError([Problem("", message, source, line)])

    if len(text) > max_bytes:
        raise fail(
            f"het bestand is te groot ({len(text) // 1000} kB); verwacht hoogstens {max_bytes // 1000} kB"
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise fail("het bestand is geen tekst (UTF-8); is dit wel een JSON-bestand?") from None
    items = text.count(",") + text.count("[") + text.count("{")  # an upper bound, counted at C speed
    if items > MAX_JSON_ITEMS:
        raise fail(
            f"het bestand bevat te veel waarden (meer dan {MAX_JSON_ITEMS:_}); dat is geen bestand van de kit".replace(
                "_", "."
            )
        )
    try:
        if finite:
            data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
        else:
            data = json.loads(text, parse_int=_int, parse_float=_long_float, parse_constant=float)
    except _BadNumber as exc:
        raise fail(f"geen geldige JSON: {exc.reason}") from None
    except RecursionError:
        raise fail(too_deep) from None
    except json.JSONDecodeError as exc:
        reason = next((dutch for start, dutch in _JSON_PROBLEMS if exc.msg.startswith(start)), None)
        reason = reason or "de opbouw klopt niet"
        raise fail(f"geen geldige JSON: {reason} (kolom {exc.colno})", exc.lineno) from None
    except ValueError:  # anything else the parser refuses
        raise fail("geen geldige JSON: de opbouw klopt niet") from None
    if json_depth(data, max_depth) > max_depth:
        raise fail(too_deep)
    return data
