"""Competence frameworks: the YAML data files, validated on load, as plain data classes.

A *framework* (``generalist``, ``movisie-mo``, ``movisie-2017``, ``wmo-wijzer``) is a YAML data file under
``wijkteam_kit/data/competenties/``; a trainer adds one as a YAML file (see ``docs/competenties.md``), or points
``WIJKTEAM_COMPETENTIEKADERS`` at a folder of them. Scans and scoring are in :mod:`wijkteam_kit.competenties.scan`.

Examples
--------
>>> fw = load_framework("generalist")
>>> len(fw.competences), fw.competence("durf").name
(7, 'Durf')
>>> fw.competence("durv")
Traceback (most recent call last):
...
wijkteam_kit.errors.CompetentieError: Onbekende competentie 'durv' in Competentieprofiel generalist. Bedoelde u 'durf'?
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field

from wijkteam_kit import settings
from wijkteam_kit._basis.catalogue import Catalogue, duplicate_id_problems, read_model_file
from wijkteam_kit._basis.schema import Id, StrictModel
from wijkteam_kit.errors import CompetentieError, DataFileError

__all__ = [
    "Competence",
    "Framework",
    "Indicator",
    "available_frameworks",
    "load_framework",
    "unknown_message",
]

#: Environment variable with extra framework folders or files (separated by ``os.pathsep``).


def unknown_message(kind: str, value: object, known: Sequence[str], where: str) -> str:
    """The message "Onbekende <kind> <value> in <where>." with the closest known value as a suggestion.

    >>> unknown_message("rol", "zelv", ["zelf", "collega"], "de scan")
    "Onbekende rol 'zelv' in de scan. Bedoelde u 'zelf'?"
    """
    guess = difflib.get_close_matches(str(value), list(known), n=1)
    hint = f" Bedoelde u '{guess[0]}'?" if guess else ""
    return f"Onbekende {kind} {value!r} in {where}.{hint}"


# --------------------------------------------------------------------------- framework files
def _number_as_text(value: object) -> object:
    """YAML reads ``versie: 2013`` as a number; accept it as text."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class _IndicatorFile(StrictModel):
    id: Id
    tekst: str = Field(min_length=1)


class _CompetenceFile(StrictModel):
    id: Id
    naam: str = Field(min_length=1)
    omschrijving: str = Field(min_length=1)
    groep: str = ""
    indicatoren: list[_IndicatorFile] = Field(min_length=2)


class _FrameworkFile(StrictModel):
    id: Id
    naam: str = Field(min_length=1)
    bron: str = Field(min_length=1)
    versie: Annotated[str, BeforeValidator(_number_as_text)]
    omschrijving: str = Field(min_length=1)
    competenties: list[_CompetenceFile] = Field(min_length=1)


@dataclass(frozen=True)
class Indicator:
    """One observable behaviour, written in the "ik"-form so it works for a self-rating."""

    id: str
    text: str
    competence: str


@dataclass(frozen=True)
class Competence:
    """One competence with its indicators; ``group`` is an optional heading (Wmo-wijzer)."""

    id: str
    name: str
    description: str
    indicators: tuple[Indicator, ...]
    group: str = ""

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """Indicator ids in questionnaire order."""
        return tuple(i.id for i in self.indicators)


@dataclass(frozen=True)
class Framework:
    """A competence framework; load one with :func:`load_framework`."""

    id: str
    name: str
    source: str
    version: str
    description: str
    competences: tuple[Competence, ...]

    @property
    def competence_ids(self) -> tuple[str, ...]:
        """Competence ids in the framework's order."""
        return tuple(c.id for c in self.competences)

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """All indicator ids in questionnaire order."""
        return tuple(i for c in self.competences for i in c.indicator_ids)

    @property
    def groups(self) -> tuple[str, ...]:
        """Distinct group headings in order of first appearance (empty strings left out)."""
        return tuple(dict.fromkeys(c.group for c in self.competences if c.group))

    def competence(self, competence_id: str) -> Competence:
        """The competence with this id; an unknown id raises :class:`CompetentieError` with a suggestion."""
        for c in self.competences:
            if c.id == competence_id:
                return c
        raise CompetentieError(unknown_message("competentie", competence_id, self.competence_ids, self.name))

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; an unknown id raises :class:`CompetentieError` with a suggestion."""
        for c in self.competences:
            for i in c.indicators:
                if i.id == indicator_id:
                    return i
        raise CompetentieError(unknown_message("indicator", indicator_id, self.indicator_ids, self.name))


def available_frameworks() -> list[str]:
    """Ids of the frameworks that :func:`load_framework` finds by id.

    >>> available_frameworks()
    ['generalist', 'movisie-2017', 'movisie-mo', 'wmo-wijzer']
    """
    return _CATALOGUE.ids()


def load_framework(id_or_path: str | Path | Framework) -> Framework:
    """Load a framework by id (``'generalist'``) or from a YAML file path; validated on load.

    Every problem in the file (missing field, duplicate id, id that differs from the file name) raises
    :class:`~wijkteam_kit.errors.DataFileError` naming the file, line and field. Files named in
    ``WIJKTEAM_COMPETENTIEKADERS`` are found by id too (and win over the kit's own).

    >>> load_framework("wmo-wijzer").groups
    ('Enkelvoudige vragen', 'Complexe vragen', 'Persoonlijke competenties')
    """
    if isinstance(id_or_path, Framework):
        return id_or_path
    return _CATALOGUE.load(id_or_path)


def _read_framework(path: Path) -> Framework:
    parsed, doc = read_model_file(_FrameworkFile, path)
    problems = duplicate_id_problems(
        doc, [c.id for c in parsed.competenties], lambda i: ("competenties", i, "id"), "competentie"
    )
    seen_i: dict[str, str] = {}
    for i, comp in enumerate(parsed.competenties):
        for j, ind in enumerate(comp.indicatoren):
            if ind.id in seen_i:
                problems.append(
                    doc.problem(
                        ("competenties", i, "indicatoren", j, "id"),
                        f"indicator {ind.id!r} komt twee keer voor (eerder bij competentie "
                        f"{seen_i[ind.id]!r}); geef elke indicator een eigen id",
                    )
                )
            seen_i.setdefault(ind.id, comp.id)
    if problems:
        raise DataFileError(problems)
    return Framework(
        id=parsed.id,
        name=parsed.naam,
        source=parsed.bron.strip(),
        version=parsed.versie,
        description=parsed.omschrijving.strip(),
        competences=tuple(
            Competence(
                c.id,
                c.naam,
                c.omschrijving.strip(),
                tuple(Indicator(i.id, i.tekst.strip(), c.id) for i in c.indicatoren),
                c.groep,
            )
            for c in parsed.competenties
        ),
    )


_CATALOGUE = Catalogue(
    "competenties",
    reader=_read_framework,
    unknown="Onbekend competentiekader",
    setting=settings.COMPETENTIEKADERS,
    error=CompetentieError,
)
