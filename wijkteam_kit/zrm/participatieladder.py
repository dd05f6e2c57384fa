"""Participatieladder: six rungs from living isolated (1) to paid work (6).

Examples
--------
>>> ladder = load_ladder()
>>> [r.number for r in ladder]
[1, 2, 3, 4, 5, 6]
>>> rung_change(2, 3)
('gestegen', 1)
>>> check_rung(7)
Traceback (most recent call last):
...
wijkteam_kit.errors.ZrmError: Participatieladder: trede 7 bestaat niet; kies een heel getal van 1 t/m 6.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import Field

from wijkteam_kit._basis.catalogue import data_path
from wijkteam_kit._basis.schema import StrictModel, validate_model
from wijkteam_kit._basis.yamlsource import load_yaml_file
from wijkteam_kit.errors import DataFileError, ZrmError

__all__ = ["RUNGS", "Rung", "check_rung", "load_ladder", "rung", "rung_change"]

RUNGS: tuple[int, ...] = (1, 2, 3, 4, 5, 6)


class _RungFile(StrictModel):
    trede: int = Field(ge=1, le=6)
    naam: str
    omschrijving: str
    voorbeelden: list[str] = []


class _LadderFile(StrictModel):
    naam: str
    bron: str = ""
    treden: list[_RungFile] = Field(min_length=6, max_length=6)


@dataclass(frozen=True)
class Rung:
    """One rung of the ladder with an own-words description and examples."""

    number: int
    name: str
    description: str
    examples: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Short label, e.g. ``'2 – Sociale contacten buitenshuis'``."""
        return f"{self.number} – {self.name}"


@cache
def load_ladder() -> tuple[Rung, ...]:
    """The six rungs, lowest first, from ``data/participatieladder.yaml`` (validated)."""
    doc = load_yaml_file(data_path("participatieladder.yaml"))
    parsed, problems = validate_model(_LadderFile, doc)
    if parsed is not None and sorted(t.trede for t in parsed.treden) != list(RUNGS):
        problems.append(doc.problem(("treden",), "verwacht elk van de treden 1 t/m 6 precies één keer"))
    if problems or parsed is None:
        raise DataFileError(problems)
    return tuple(
        Rung(t.trede, t.naam, t.omschrijving, tuple(t.voorbeelden))
        for t in sorted(parsed.treden, key=lambda t: t.trede)
    )


def check_rung(value: object) -> int:
    """Validate a rung number (a whole number 1–6) and return it."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ZrmError(f"Participatieladder: {value!r} is geen trede; kies een heel getal van 1 t/m 6.")
    if value not in RUNGS:
        raise ZrmError(f"Participatieladder: trede {value} bestaat niet; kies een heel getal van 1 t/m 6.")
    return value


def rung(number: int) -> Rung:
    """The rung with this number."""
    return load_ladder()[check_rung(number) - 1]


def rung_change(before: int | None, after: int | None) -> tuple[str, int | None]:
    """Direction and size of a move on the ladder between two measurements.

    >>> rung_change(4, 4), rung_change(5, 3), rung_change(None, 3)
    (('gelijk', 0), ('gedaald', -2), ('onbekend', None))
    """
    if before is None or after is None:
        return "onbekend", None
    delta = check_rung(after) - check_rung(before)
    return ("gestegen" if delta > 0 else "gedaald" if delta < 0 else "gelijk"), delta
