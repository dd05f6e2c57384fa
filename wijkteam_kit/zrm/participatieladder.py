"""Participatieladder: six rungs from living isolated (1) to paid work (6), and the rules that decide a rung.

The rules (:func:`ladder_rules`, from ``data/participatieladder.yaml``) are shown where a learner scores, each
with its reason. One of them decides a rung outright: from :data:`AOW_LEEFTIJD` on, AOW or a pension puts
someone on rung 6, as the source's ladder does (:func:`rung_by_rule`). Mantelzorg for one's own partner, child
or parent is not unpaid work on rung 4.

Examples
--------
>>> ladder = load_ladder()
>>> [r.number for r in ladder]
[1, 2, 3, 4, 5, 6]
>>> rung_change(2, 3)
('gestegen', 1)
>>> rung_by_rule(74), rung_by_rule(40)
(6, None)
>>> [r.id for r in ladder_rules()]
['65plus', 'mantelzorg']
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

__all__ = [
    "AOW_LEEFTIJD",
    "RUNGS",
    "LadderRegel",
    "Rung",
    "check_rung",
    "ladder_rules",
    "load_ladder",
    "rung",
    "rung_by_rule",
    "rung_change",
]

RUNGS: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
#: From this age, AOW or a pension counts as rung 6 (the source: "betaald werk (bij 65+ AOW/pensioen)").
AOW_LEEFTIJD = 65


class _RungFile(StrictModel):
    trede: int = Field(ge=1, le=6)
    naam: str
    omschrijving: str
    voorbeelden: list[str] = []


class _RuleFile(StrictModel):
    id: str
    titel: str
    regel: str
    reden: str


class _LadderFile(StrictModel):
    naam: str
    bron: str = ""
    regels: list[_RuleFile] = []
    treden: list[_RungFile] = Field(min_length=6, max_length=6)


@dataclass(frozen=True)
class LadderRegel:
    """A rule for choosing a rung, with the reason (shown to the learner)."""

    id: str
    title: str
    rule: str
    reason: str


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
def _ladder_file() -> _LadderFile:
    doc = load_yaml_file(data_path("participatieladder.yaml"))
    parsed, problems = validate_model(_LadderFile, doc)
    if parsed is not None and sorted(t.trede for t in parsed.treden) != list(RUNGS):
        problems.append(doc.problem(("treden",), "verwacht elk van de treden 1 t/m 6 precies één keer"))
    if problems or parsed is None:
        raise DataFileError(problems)
    return parsed


@cache
def load_ladder() -> tuple[Rung, ...]:
    """The six rungs, lowest first, from ``data/participatieladder.yaml`` (validated)."""
    return tuple(
        Rung(t.trede, t.naam, t.omschrijving, tuple(t.voorbeelden))
        for t in sorted(_ladder_file().treden, key=lambda t: t.trede)
    )


@cache
def ladder_rules() -> tuple[LadderRegel, ...]:
    """The rules for choosing a rung, with their reasons, as ``data/participatieladder.yaml`` lists them."""
    return tuple(LadderRegel(r.id, r.titel, r.regel, r.reden) for r in _ladder_file().regels)


def rung_by_rule(age: int | None) -> int | None:
    """The rung a rule decides for someone of this ``age`` (6 from :data:`AOW_LEEFTIJD` on), else None."""
    return 6 if age is not None and age >= AOW_LEEFTIJD else None


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
