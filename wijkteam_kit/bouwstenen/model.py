"""Team reflection with the bouwstenenmodel: the six building blocks, their questions and a team's answers.

The model (blocks and questions) is data, in ``wijkteam_kit/data/bouwstenen.yaml``, validated on load (errors
name the file, line and field). A team's answers are an :class:`Antwoorden` (per block, per question: text,
an option id, a list of option ids, or a whole number). What stands out is a :class:`Bevinding` (the rules
are in :mod:`wijkteam_kit.bouwstenen.regels`); :mod:`wijkteam_kit.bouwstenen.document` checks the answers
and makes the startdocument.

Examples
--------
>>> model = load_model()
>>> [b.naam for b in model.bouwstenen]  # doctest: +NORMALIZE_WHITESPACE
['Opgave', 'Inrichting en uitvoering', 'Vormgeving', 'Aansturing', 'Competenties', 'Werkprincipes']
>>> a = Antwoorden().met("vormgeving", "vorm", "integraal").met("aansturing", "mandaat", "nee")
>>> a.get("vormgeving", "vorm"), a.aantal()
('integraal', 2)
>>> Antwoorden.from_payload(a.to_payload()) == a
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from wijkteam_kit._basis.catalogue import data_path, read_model_file
from wijkteam_kit._basis.schema import Id, StrictModel, validate_model
from wijkteam_kit._basis.yamlsource import YamlDocument
from wijkteam_kit.errors import BouwstenenError, DataFileError, Problem

__all__ = [
    "SOORT",
    "SOORTEN",
    "TYPES",
    "Antwoorden",
    "Bevinding",
    "Bouwsteen",
    "Bouwstenenmodel",
    "Optie",
    "Vraag",
    "load_model",
]

#: Submission kind in the :class:`~wijkteam_kit.store.Store`.
SOORT = "bouwstenen"
#: Question types: free text, one option, several options, a scale 1–5, a whole number.
TYPES = ("tekst", "keuze", "meerkeuze", "schaal", "getal")
#: Kinds of findings, most important first.
SOORTEN = ("tegenstrijdig", "let op", "ontbreekt")

Waarde = str | int | list[str]


# --------------------------------------------------------------------------- data file schema
class _OptionFile(StrictModel):
    id: Id
    label: str = Field(min_length=1)


class _QuestionFile(StrictModel):
    id: Id
    type: Literal["tekst", "keuze", "meerkeuze", "schaal", "getal"]
    vraag: str = Field(min_length=1)
    opties: list[_OptionFile] = []
    laag: str = ""
    hoog: str = ""
    min: int | None = None
    max: int | None = None
    verplicht: bool = True


class _BlockFile(StrictModel):
    id: Id
    naam: str = Field(min_length=1)
    kernvraag: str = Field(min_length=1)
    uitleg: str = ""
    vragen: list[_QuestionFile] = Field(min_length=3, max_length=6)


class _ModelFile(StrictModel):
    id: Id
    naam: str
    omschrijving: str = ""
    bron: str = ""
    bouwstenen: list[_BlockFile] = Field(min_length=1)


def _question_problems(q: _QuestionFile, doc, path: tuple) -> list[Problem]:
    problems = []
    ids = [o.id for o in q.opties]
    if q.type in ("keuze", "meerkeuze") and len(ids) < 2:
        problems.append(doc.problem((*path, "opties"), f"een {q.type}vraag heeft minstens 2 opties nodig"))
    if q.type not in ("keuze", "meerkeuze") and ids:
        problems.append(doc.problem((*path, "opties"), f"een vraag van type {q.type!r} heeft geen opties"))
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(doc.problem((*path, "opties"), f"optie {dup!r} komt twee keer voor"))
    if q.type == "schaal" and not (q.laag.strip() and q.hoog.strip()):
        problems.append(
            doc.problem(path, "een schaalvraag heeft 'laag' en 'hoog' nodig (wat 1 en 5 betekenen)")
        )
    if q.type == "getal" and (q.min is None or q.max is None or q.min > q.max):
        problems.append(
            doc.problem(path, "een getalvraag heeft 'min' en 'max' nodig, met min niet groter dan max")
        )
    return problems


def _model_problems(parsed: _ModelFile, doc) -> list[Problem]:
    problems: list[Problem] = []
    blocks = [b.id for b in parsed.bouwstenen]
    for i, block in enumerate(parsed.bouwstenen):
        if blocks.index(block.id) != i:
            problems.append(
                doc.problem(("bouwstenen", i, "id"), f"bouwsteen {block.id!r} komt twee keer voor")
            )
        seen: set[str] = set()
        for j, q in enumerate(block.vragen):
            path = ("bouwstenen", i, "vragen", j)
            if q.id in seen:
                problems.append(
                    doc.problem((*path, "id"), f"vraag {q.id!r} komt twee keer voor in {block.id!r}")
                )
            seen.add(q.id)
            problems += _question_problems(q, doc, path)
    return problems


# --------------------------------------------------------------------------- model
@dataclass(frozen=True)
class Optie:
    """One option of a keuze or meerkeuze question."""

    id: str
    label: str


@dataclass(frozen=True)
class Vraag:
    """One question: ``type`` is one of :data:`TYPES`; ``laag``/``hoog`` explain 1 and 5 of a scale."""

    id: str
    type: str
    vraag: str
    opties: tuple[Optie, ...] = ()
    laag: str = ""
    hoog: str = ""
    min: int | None = None
    max: int | None = None
    verplicht: bool = True

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options, in order."""
        return tuple(o.id for o in self.opties)

    def label(self, value: Waarde | None) -> str:
        """An answer as readable text.

        >>> v = load_model().vraag("opgave", "gedeeld_beeld")
        >>> v.label(2), v.label(None)
        ('2 van 5 (1 = ieder vertelt een ander verhaal, 5 = iedereen vertelt hetzelfde verhaal)', 'nog niet ingevuld')
        """
        if value is None or value == "" or value == []:
            return "nog niet ingevuld"
        names = {o.id: o.label for o in self.opties}
        if self.type == "keuze":
            return names.get(str(value), str(value))
        if self.type == "meerkeuze":
            return "; ".join(names.get(v, v) for v in value)  # type: ignore[union-attr]
        if self.type == "schaal":
            return f"{value} van 5 (1 = {self.laag}, 5 = {self.hoog})"
        return str(value)


@dataclass(frozen=True)
class Bouwsteen:
    """One building block (``nummer`` 1–6) with its questions."""

    nummer: int
    id: str
    naam: str
    kernvraag: str
    uitleg: str
    vragen: tuple[Vraag, ...]

    def vraag(self, vraag_id: str) -> Vraag:
        """The question with this id (a :class:`BouwstenenError` with a suggestion when unknown)."""
        for q in self.vragen:
            if q.id == vraag_id:
                return q
        known = [q.id for q in self.vragen]
        guess = difflib.get_close_matches(vraag_id, known, n=1)
        hint = f"; bedoelde u {guess[0]!r}?" if guess else f"; bekend: {', '.join(known)}"
        raise BouwstenenError(
            [Problem(f"{self.id}.{vraag_id}", f"onbekende vraag in bouwsteen {self.naam}{hint}")]
        )


@dataclass(frozen=True)
class Bouwstenenmodel:
    """The six building blocks and their questions."""

    id: str
    naam: str
    omschrijving: str
    bron: str
    bouwstenen: tuple[Bouwsteen, ...]

    def bouwsteen(self, blok_id: str) -> Bouwsteen:
        """The block with this id (a :class:`BouwstenenError` with a suggestion when unknown)."""
        for block in self.bouwstenen:
            if block.id == blok_id:
                return block
        known = [b.id for b in self.bouwstenen]
        guess = difflib.get_close_matches(str(blok_id), known, n=1)
        hint = f"; bedoelde u {guess[0]!r}?" if guess else f"; bekend: {', '.join(known)}"
        raise BouwstenenError([Problem(str(blok_id), f"onbekende bouwsteen{hint}")])

    def vraag(self, blok_id: str, vraag_id: str) -> Vraag:
        """One question of one block."""
        return self.bouwsteen(blok_id).vraag(vraag_id)

    def alle_vragen(self) -> Iterator[tuple[Bouwsteen, Vraag]]:
        """Every (block, question) pair in order."""
        for block in self.bouwstenen:
            for q in block.vragen:
                yield block, q


def load_model(path: str | Path | None = None) -> Bouwstenenmodel:
    """The bouwstenenmodel shipped with the kit, or one from ``path``; a broken file raises DataFileError."""
    return _load(str(path) if path is not None else str(data_path("bouwstenen.yaml")))


@lru_cache(maxsize=8)
def _load(path: str) -> Bouwstenenmodel:
    parsed, doc = read_model_file(_ModelFile, path, id_from_name=False)
    problems = _model_problems(parsed, doc)
    if problems:
        raise DataFileError(problems)
    blocks = tuple(
        Bouwsteen(n, b.id, b.naam, b.kernvraag, b.uitleg, tuple(map(_question, b.vragen)))
        for n, b in enumerate(parsed.bouwstenen, 1)
    )
    return Bouwstenenmodel(parsed.id, parsed.naam, parsed.omschrijving, parsed.bron, blocks)


def _question(q: _QuestionFile) -> Vraag:
    return Vraag(**q.model_dump(exclude={"opties"}), opties=tuple(Optie(o.id, o.label) for o in q.opties))


# --------------------------------------------------------------------------- answers
def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _value_problem(q: Vraag, value: Any) -> str | None:
    """What is wrong with ``value`` as an answer to ``q`` (None when it is fine)."""
    if q.type == "tekst":
        return None if isinstance(value, str) else f"verwacht tekst, kreeg {value!r}"
    if q.type == "keuze":
        if value in q.option_ids:
            return None
        return f"verwacht één van {', '.join(q.option_ids)}, kreeg {value!r}"
    if q.type == "meerkeuze":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"verwacht een lijst met opties, kreeg {value!r}"
        wrong = [v for v in value if v not in q.option_ids]
        if wrong:
            return f"onbekende optie(s) {', '.join(wrong)}; kies uit {', '.join(q.option_ids)}"
        return f"optie dubbel gekozen: {value!r}" if len(set(value)) != len(value) else None
    lo, hi = (1, 5) if q.type == "schaal" else (q.min, q.max)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:  # type: ignore[operator]
        return f"verwacht een heel getal van {lo} t/m {hi}, kreeg {value!r}"
    return None


class Antwoorden(StrictModel):
    """A team's answers: per block id, per question id, the value (empty answers are left out).

    Values: text (``tekst``), an option id (``keuze``), a list of option ids (``meerkeuze``), a whole number
    1–5 (``schaal``) or within the question's min/max (``getal``). Immutable: :meth:`met` returns a copy.
    """

    model: str = "bouwstenen"
    antwoorden: dict[str, dict[str, Waarde]] = {}

    def get(self, blok: str, vraag: str) -> Waarde | None:
        """The answer, or None when not (or emptily) answered."""
        value = self.antwoorden.get(blok, {}).get(vraag)
        return None if _empty(value) else value

    def has(self, blok: str, vraag: str, optie: str) -> bool:
        """Whether a meerkeuze answer includes ``optie`` (or a keuze answer is ``optie``)."""
        value = self.get(blok, vraag)
        return optie in value if isinstance(value, list) else value == optie

    def met(self, blok: str, vraag: str, waarde: Waarde | None) -> Antwoorden:
        """A copy with one answer set (None or empty: removed); the value is checked against the model.

        >>> Antwoorden().met("opgave", "gedeeld_beeld", 7)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        wijkteam_kit.errors.BouwstenenError: veld opgave.gedeeld_beeld: verwacht een heel getal van 1 t/m 5, kreeg 7
        """
        q = load_model().vraag(blok, vraag) if self.model == "bouwstenen" else None
        data = {b: dict(v) for b, v in self.antwoorden.items()}
        waarde = list(waarde) if isinstance(waarde, tuple) else waarde
        if _empty(waarde):
            data.get(blok, {}).pop(vraag, None)
        else:
            problem = _value_problem(q, waarde) if q is not None else None
            if problem:
                raise BouwstenenError([Problem(f"{blok}.{vraag}", problem)])
            data.setdefault(blok, {})[vraag] = waarde
        return Antwoorden(model=self.model, antwoorden={b: v for b, v in data.items() if v})

    def aantal(self) -> int:
        """How many questions have an answer."""
        return sum(1 for block in self.antwoorden.values() for v in block.values() if not _empty(v))

    def to_payload(self) -> dict[str, Any]:
        """A JSON-ready dict for :meth:`Store.submit <wijkteam_kit.store.Store.submit>`."""
        return {"model": self.model, "antwoorden": {b: dict(v) for b, v in self.antwoorden.items()}}

    @classmethod
    def from_payload(cls, payload: dict[str, Any], model: Bouwstenenmodel | None = None) -> Antwoorden:
        """Answers from a payload, checked against the model; all problems at once in a BouwstenenError.

        >>> Antwoorden.from_payload({"antwoorden": {"vormgeving": {"vorm": "netwerk", "grootte": 5}}})
        ... # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        wijkteam_kit.errors.BouwstenenError: 2 problemen gevonden:
          - veld antwoorden.vormgeving.vorm: verwacht één van samenwerkingsverband, geintegreerd, integraal,
            kreeg 'netwerk'
          - veld antwoorden.vormgeving.grootte: onbekende vraag in bouwsteen Vormgeving; bedoelde u 'teamgrootte'?
        """
        model = model or load_model()
        parsed, problems = validate_model(cls, YamlDocument(data=payload, source=""))
        if parsed is None:
            raise BouwstenenError(problems)
        problems = []
        for blok, values in parsed.antwoorden.items():
            try:
                block = model.bouwsteen(blok)
            except BouwstenenError as exc:
                problems += [Problem(f"antwoorden.{blok}", p.message) for p in exc.problems]
                continue
            for vraag, value in values.items():
                try:
                    problem = None if _empty(value) else _value_problem(block.vraag(vraag), value)
                except BouwstenenError as exc:
                    problem = exc.problems[0].message
                if problem:
                    problems.append(Problem(f"antwoorden.{blok}.{vraag}", problem))
        if problems:
            raise BouwstenenError(problems)
        cleaned = {b: {k: v for k, v in vs.items() if not _empty(v)} for b, vs in parsed.antwoorden.items()}
        return cls(model=parsed.model, antwoorden={b: v for b, v in cleaned.items() if v})


# --------------------------------------------------------------------------- findings
@dataclass(frozen=True)
class Bevinding:
    """Something that stands out: ``soort`` is ``tegenstrijdig``, ``let op`` or ``ontbreekt``.

    ``vragen`` are the questions involved as ``"blok.vraag"``; ``uitleg`` says in Dutch what was found and why
    it matters.
    """

    soort: str
    regel: str
    titel: str
    uitleg: str
    vragen: tuple[str, ...] = ()

    @property
    def bouwsteen(self) -> str:
        """The block of the first question involved."""
        return self.vragen[0].split(".")[0] if self.vragen else ""
