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
import re
import types
import typing
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, ValidationInfo, field_validator

from wijkteam_kit._basis.yamlsource import YamlDocument, format_path
from wijkteam_kit.errors import Problem

__all__ = [
    "ID_PATTERN",
    "Id",
    "IntKey",
    "StrictModel",
    "Text",
    "describe_value",
    "error_message",
    "looks_english",
    "validate_model",
]

#: An id in a data file: lower-case letters, digits, ``-`` and ``_``, starting with a letter or digit.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
#: A text that may not be empty.
Text = Annotated[str, Field(min_length=1)]
#: A number used as a key (a level, a rung): ``true:`` or ``"1":`` is not a level.
IntKey = Annotated[int, Strict()]


class StrictModel(BaseModel):
    """Base of every data-file schema: an unknown field is an error, and a loaded value cannot be changed.

    Numbers are numbers: ``true``/``false`` where a number is expected is refused (pydantic would read it as 1
    or 0), and so are infinity and NaN.

    >>> class Kring(StrictModel):
    ...     cirkel: int
    ...     positie: tuple[float, float] | None = None
    >>> try:
    ...     Kring(cirkel=True)
    ... except ValidationError as exc:
    ...     print(error_message(exc.errors()[0], Kring, ("cirkel",)))
    verwacht een getal, kreeg true (ja/nee)
    >>> try:
    ...     Kring(cirkel=1, positie=(float("inf"), 0))
    ... except ValidationError as exc:
    ...     print(error_message(exc.errors()[0], Kring, ("positie", 0)))
    verwacht een gewoon getal, kreeg inf (oneindig of geen getal)
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_for_number(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        field = cls.model_fields.get(info.field_name)
        if field is None or not _wants_number(field.annotation):
            return value
        items = value if isinstance(value, list | tuple) else (value,)
        flags = [item for item in items if isinstance(item, bool)]
        if flags:
            raise ValueError(f"verwacht een getal, kreeg {describe_value(flags[0])} (ja/nee)")
        return value


def _wants_number(annotation: Any) -> bool:
    """Whether ``annotation`` takes int or float (alone, in an Optional or in a tuple) and never bool.

    >>> _wants_number(int | None), _wants_number(tuple[float, float] | None), _wants_number(bool | int)
    (True, True, False)
    """
    parts: list[Any] = []
    todo = [annotation]
    while todo:
        current = todo.pop()
        origin = typing.get_origin(current)
        if origin is Annotated:
            todo.append(typing.get_args(current)[0])
        elif origin in (typing.Union, types.UnionType, tuple, list):
            todo.extend(a for a in typing.get_args(current) if a is not Ellipsis)
        else:
            parts.append(current)
    return bool not in parts and any(p in (int, float) for p in parts)


M = TypeVar("M", bound=BaseModel)


def describe_value(value: Any) -> str:
    """Short, readable rendering of a bad value for an error message.

    >>> describe_value("abc"), describe_value(2.5), describe_value(None), describe_value([1, 2]), describe_value(True)
    ("'abc'", '2.5', 'niets (leeg)', 'een lijst', 'true')
    """
    if value is None:
        return "niets (leeg)"
    if isinstance(value, bool):  # as the user wrote it in YAML or JSON
        return "true" if value else "false"
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
    if kind == "string_too_long":
        return (
            f"te lang: hoogstens {ctx.get('max_length')} tekens, kreeg er "
            f"{len(value) if isinstance(value, str) else '?'}"
        )
    if kind == "too_long":
        return f"te veel items: hoogstens {ctx.get('max_length')}, kreeg er {ctx.get('actual_length', '?')}"
    if kind in {"tuple_type", "set_type", "frozen_set_type", "iterable_type", "deque_type"}:
        return f"verwacht een lijst (regels met '- '), kreeg {describe_value(value)}"
    if kind == "finite_number":
        return f"verwacht een gewoon getal, kreeg {describe_value(value)} (oneindig of geen getal)"
    if kind in {"float_type", "float_parsing", "decimal_type", "decimal_parsing"}:
        return f"verwacht een getal, kreeg {describe_value(value)}"
    if kind == "int_parsing_size":
        return "het getal is te groot"
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}:
        return f"verwacht een datum als 2024-05-01, kreeg {describe_value(value)}"
    if kind.startswith(("datetime_", "timezone_", "time_")):
        return f"verwacht een tijdstip als 2024-05-01T12:00:00Z, kreeg {describe_value(value)}"
    if kind == "string_unicode":
        return "verwacht tekst (UTF-8)"
    if kind == "none_required":
        return f"dit veld moet leeg blijven, kreeg {describe_value(value)}"
    if kind == "enum":
        return f"verwacht één van {ctx.get('expected', '')}, kreeg {describe_value(value)}".replace(
            "' or '", "' of '"
        )
    if kind in {"recursion_loop", "recursion_depth_exceeded"}:
        return "te diep genest"
    if kind == "multiple_of":
        return f"verwacht een veelvoud van {ctx.get('multiple_of')}, kreeg {describe_value(value)}"
    if kind == "set_item_not_hashable":
        return "een lijst bevat een lijst of groep op een plek waar een gewone waarde hoort"
    if kind in {"value_error", "assertion_error"}:
        text = str(ctx.get("error", ""))
        return text if text and not looks_english(text) else f"ongeldige waarde {describe_value(value)}"
    return f"ongeldige waarde {describe_value(value)}"


_ENGLISH = re.compile(
    r"\b(the|should|must|input|expected|found|invalid|could|cannot|error|value|valid|literal|exceeds|limit|"
    r"undefined|entity|field|required|characters?|string|number|least|most|while|parsing|scanning|allowed|"
    r"unexpected|not|mapping|sequence|does|which|there|been)\b",
    re.IGNORECASE,
)


def looks_english(message: str) -> bool:
    """Whether ``message`` contains English words from a library (quoted values left out).

    The kit's messages are Dutch; this guards against a library's text reaching a user.

    >>> looks_english("verwacht een heel getal, kreeg 'the value'"), looks_english("Input should be a valid tuple")
    (False, True)
    """
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", message)
    return bool(_ENGLISH.search(unquoted))


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
            message = error_message(err, model, path)
            if "[key]" in path:  # a key of a mapping, not its value: name the key itself
                key = err.get("input")
                shown = str(key).lower() if isinstance(key, bool) else str(key)
                path = (*path[: path.index("[key]") - 1], shown)
                message = f"de sleutel {shown!r} past hier niet: {message}"
            problems.append(Problem(format_path(path), message, doc.source, doc.line_of(path)))
        return None, problems
