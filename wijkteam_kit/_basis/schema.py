"""The one schema machinery for data files: a strict base model, the id type, and Dutch error messages.

Every data-file schema (casus, netwerkatlas, ZRM versions, methods, frameworks, …) derives from `StrictModel`
and names its ids with `Id`; `validate_model` turns pydantic's errors into :class:`~wijkteam_kit.errors.Problem`
lines in plain Dutch that name the file, the line and the field.

Examples
--------
>>> class Kaart(StrictModel):
...     id: Id
...     tekst: Text
>>> Kaart(id="kaart-1", tekst="Wie beslist?").id
'kaart-1'
>>> from pydantic import ValidationError
>>> try:
...     Kaart(id="Kaart 1", tekst="", kleur="rood")
... except ValidationError as exc:
...     sorted(e["loc"][0] for e in exc.errors())
['id', 'kleur', 'tekst']
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wijkteam_kit._basis.yamlsource import YamlDocument, format_path
from wijkteam_kit.errors import Problem

__all__ = ["ID_PATTERN", "Id", "StrictModel", "Text", "describe_value", "error_message", "validate_model"]

#: An id in a data file: lower-case letters, digits, ``-`` and ``_``, starting with a letter or digit.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
#: A text that may not be empty.
Text = Annotated[str, Field(min_length=1)]


class StrictModel(BaseModel):
    """Base of every data-file schema: an unknown field is an error, and a loaded value cannot be changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

M = TypeVar("M", bound=BaseModel)


def describe_value(value: Any) -> str:
    """Short, readable rendering of a bad value for an error message.

    >>> describe_value("abc"), describe_value(2.5), describe_value(None), describe_value([1, 2])
    ("'abc'", '2.5', 'niets (leeg)', 'een lijst')
    """
    if value is None:
        return "niets (leeg)"
    if isinstance(value, dict):
        return "een groep velden"
    if isinstance(value, list):
        return "een lijst"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def error_message(err: dict[str, Any], model: type[BaseModel], path: tuple) -> str:
    """One pydantic error ``err`` (at ``path`` of ``model``) in plain Dutch: what was expected, what was found.

    >>> from pydantic import BaseModel, ConfigDict, Field, ValidationError
    >>> class M(BaseModel):
    ...     n: int
    >>> try:
    ...     M(n="twee")
    ... except ValidationError as exc:
    ...     print(error_message(exc.errors()[0], M, ("n",)))
    verwacht een heel getal, kreeg 'twee'
    """
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        known = _known_fields(model, path)
        guess = difflib.get_close_matches(str(path[-1]), known, n=1) if known else []
        hint = (
            f"; bedoelde u '{guess[0]}'?" if guess else (f"; toegestaan: {', '.join(known)}" if known else "")
        )
        return f"onbekend veld{hint}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("' or '", "' of '")
        return f"verwacht één van {expected}, kreeg {describe_value(value)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"verwacht een heel getal, kreeg {describe_value(value)}"
    if kind in {"string_type"}:
        return f"verwacht tekst, kreeg {describe_value(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"verwacht ja of nee (true/false), kreeg {describe_value(value)}"
    if kind in {"list_type"}:
        return f"verwacht een lijst (regels met '- '), kreeg {describe_value(value)}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"verwacht een groep velden, kreeg {describe_value(value)}"
    if kind == "too_short":
        return f"verwacht minstens {ctx.get('min_length')} item(s), kreeg {ctx.get('actual_length', 0)}"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_pattern_mismatch":
        return f"kreeg {describe_value(value)}; gebruik alleen kleine letters, cijfers, '-' en '_'"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "minstens",
            "less_than_equal": "hoogstens",
            "greater_than": "meer dan",
            "less_than": "minder dan",
        }
        return f"verwacht {words[kind]} {bound}, kreeg {describe_value(value)}"
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    return f"{err.get('msg', 'ongeldige waarde')} (kreeg {describe_value(value)})"


def _known_fields(model: type[BaseModel], path: tuple) -> list[str]:
    """Field names allowed at the parent of ``path`` (best effort, for 'did you mean')."""
    current: Any = model
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
        current = _inner_model(annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_model(model: type[M], doc: YamlDocument) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` against ``model``; return the object (or None) and *all* problems found."""
    if not isinstance(doc.data, dict):
        return None, [
            Problem(
                "",
                f"verwacht een groep velden bovenaan het bestand, kreeg {describe_value(doc.data)}",
                doc.source,
                1,
            )
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            path = tuple(
                p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal[")))
            )
            problems.append(
                Problem(format_path(path), error_message(err, model, path), doc.source, doc.line_of(path))
            )
        return None, problems
