"""Intervision methods and the meedenkbijeenkomst as data, role assignment, and dilemma cards.

Every method is a YAML file in ``wijkteam_kit/data/intervisie/`` (one file per method, the id is the file
name): its roles, and per step the minutes, the instruction and what each role does. Files are validated on
load; every problem names the file, the line and the field. The dilemma cards (:func:`dilemma_cards`,
:func:`draw_card`) live in :mod:`wijkteam_kit.intervisie.dilemmakaarten`.

Examples
--------
>>> m = load_method("roddelmethode")
>>> m.naam, len(m.stappen), m.totaal_minuten
('Roddelmethode', 5, 60)
>>> [s.minuten for s in m.stappen]
[5, 15, 15, 15, 10]
>>> m.stappen[2].titel, m.stappen[2].stil
('Roddelen', ('inbrenger',))
>>> rolverdeling(m, ["Kim", "Ali", "Bo"], {"inbrenger": "Kim", "gespreksleider": "Ali", "tijdbewaker": "Bo"})
{'inbrenger': ('Kim',), 'gespreksleider': ('Ali',), 'tijdbewaker': ('Bo',), 'deelnemers': ('Bo',)}
>>> rol_problemen(m, ["Kim", "Ali", "Bo"], {"inbrenger": "Kim", "gespreksleider": "Kim", "tijdbewaker": "Bo"})
['Kim is al inbrenger en kan niet ook gespreksleider zijn.']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from wijkteam_kit import settings
from wijkteam_kit._basis.catalogue import Catalogue, duplicate_id_problems, read_model_file
from wijkteam_kit._basis.schema import Id, StrictModel, Text
from wijkteam_kit.errors import DataFileError, IntervisieError
from wijkteam_kit.intervisie.dilemmakaarten import (
    DILEMMA_FILE,
)

__all__ = [
    "Methode",
    "Rol",
    "Stap",
    "available_methods",
    "load_method",
    "rol_problemen",
    "rolverdeling",
]



"""Environment variable with a trainer's own method files or folders (separated like PATH); they win by id."""


# --------------------------------------------------------------------------- file schema

class _RolFile(StrictModel):
    id: Id
    naam: Text
    omschrijving: Text
    aantal: Literal["een", "meer"]
    exclusief: bool = False


class _StapFile(StrictModel):
    titel: Text
    minuten: int = Field(ge=1, le=240)
    instructie: Text
    rollen: dict[str, Text]
    stil: list[str] = []
    afwezig: list[str] = []


class _MethodeFile(StrictModel):
    id: Id
    naam: Text
    soort: Literal["intervisie", "snv"]
    bron: Text
    omschrijving: Text
    wanneer: Text
    deelnemers_min: int = Field(default=3, ge=2, le=30)
    deelnemers_max: int | None = Field(default=None, ge=2, le=30)
    totaal_minuten: int | None = Field(default=None, ge=1)
    rollen: list[_RolFile] = Field(min_length=2)
    stappen: list[_StapFile] = Field(min_length=1)


# --------------------------------------------------------------------------- model
@dataclass(frozen=True)
class Rol:
    """A role in a method: ``aantal`` ``"een"`` (one person) or ``"meer"`` (everyone without an exclusive role).

    The holder of an ``exclusief`` role holds no other role.
    """

    id: str
    naam: str
    omschrijving: str
    aantal: Literal["een", "meer"]
    exclusief: bool = False


@dataclass(frozen=True)
class Stap:
    """One step: minutes, instruction, what each role does (``taken``), silent and absent roles."""

    titel: str
    minuten: int
    instructie: str
    taken: tuple[tuple[str, str], ...]
    stil: tuple[str, ...] = ()
    afwezig: tuple[str, ...] = ()

    def taak(self, rol_id: str) -> str:
        """What the role ``rol_id`` does in this step ('' for an unknown role)."""
        return dict(self.taken).get(rol_id, "")


@dataclass(frozen=True)
class Methode:
    """An intervision method (``soort`` ``"intervisie"``) or an SNV meeting (``"snv"``); see :func:`load_method`."""

    id: str
    naam: str
    soort: Literal["intervisie", "snv"]
    bron: str
    omschrijving: str
    wanneer: str
    deelnemers_min: int
    deelnemers_max: int | None
    rollen: tuple[Rol, ...]
    stappen: tuple[Stap, ...]

    @property
    def totaal_minuten(self) -> int:
        """The planned length: the sum of the minutes of all steps."""
        return sum(s.minuten for s in self.stappen)

    @property
    def vaste_rollen(self) -> tuple[Rol, ...]:
        """The roles held by one person (chosen with a dropdown), in file order."""
        return tuple(r for r in self.rollen if r.aantal == "een")

    @property
    def rest_rol(self) -> Rol:
        """The role of everyone who holds no exclusive role (``deelnemers``, ``netwerkleden``)."""
        return next(r for r in self.rollen if r.aantal == "meer")

    def rol(self, rol_id: str) -> Rol:
        """The role with this id; an unknown id raises :class:`IntervisieError`."""
        for r in self.rollen:
            if r.id == rol_id:
                return r
        known = ", ".join(r.id for r in self.rollen)
        raise IntervisieError(f"Onbekende rol {rol_id!r} in {self.naam}; bekend zijn: {known}.")


# --------------------------------------------------------------------------- loading
def available_methods() -> list[str]:
    """Ids of the methods :func:`load_method` finds by id (intervision methods and the meedenkbijeenkomst).

    >>> available_methods()  # doctest: +NORMALIZE_WHITESPACE
    ['balint', 'incidentmethode', 'incidentmethode-65', 'meedenkbijeenkomst', 'moreel-beraad',
     'probleemoplossend', 'roddelmethode', 'socratisch-gesprek', 'vijfstappen']
    """
    return _CATALOGUE.ids()


def load_method(id_or_path: str | Path | Methode) -> Methode:
    """Load a method by id (``"vijfstappen"``) or from a YAML file; validated on load.

    Raises :class:`~wijkteam_kit.errors.DataFileError` listing every problem (file, line, field) and
    :class:`IntervisieError` for an unknown id.

    >>> m = load_method("meedenkbijeenkomst")
    >>> [r.id for r in m.rollen], m.stappen[4].titel, m.stappen[4].afwezig
    (['client', 'procesbegeleider', 'netwerkleden'], 'Privétijd', ('procesbegeleider',))
    """
    if isinstance(id_or_path, Methode):
        return id_or_path
    return _CATALOGUE.load(id_or_path)


def _read_method(path: Path) -> Methode:
    parsed, doc = read_model_file(_MethodeFile, path)
    role_ids = [r.id for r in parsed.rollen]
    problems = duplicate_id_problems(doc, role_ids, lambda i: ("rollen", i, "id"), "rol")
    rest = [r for r in parsed.rollen if r.aantal == "meer"]
    if len(rest) != 1:
        problems.append(
            doc.problem(
                ("rollen",),
                f"verwacht precies één rol met 'aantal: meer' (voor wie geen vaste rol heeft), kreeg {len(rest)}",
            )
        )
    known = set(role_ids)
    for i, step in enumerate(parsed.stappen):
        where = ("stappen", i)
        for rid in step.rollen:
            if rid not in known:
                problems.append(
                    doc.problem(
                        (*where, "rollen", rid), f"onbekende rol {rid!r}; rollen: {', '.join(role_ids)}"
                    )
                )
        missing = [rid for rid in role_ids if rid not in step.rollen]
        if missing:
            problems.append(
                doc.problem(
                    (*where, "rollen"),
                    f"beschrijf wat elke rol doet in stap {step.titel!r}; ontbreekt: {', '.join(missing)}",
                )
            )
        for field in ("stil", "afwezig"):
            for rid in getattr(step, field):
                if rid not in known:
                    problems.append(
                        doc.problem((*where, field), f"onbekende rol {rid!r}; rollen: {', '.join(role_ids)}")
                    )
        for rid in set(step.stil) & set(step.afwezig):
            problems.append(
                doc.problem((*where, "stil"), f"rol {rid!r} kan niet tegelijk stil en afwezig zijn")
            )
    total = sum(s.minuten for s in parsed.stappen)
    if parsed.totaal_minuten is not None and parsed.totaal_minuten != total:
        problems.append(
            doc.problem(
                ("totaal_minuten",),
                f"de stappen duren samen {total} minuten, maar totaal_minuten zegt {parsed.totaal_minuten}; "
                "pas de minuten of het totaal aan",
            )
        )
    needed = sum(1 for r in parsed.rollen if r.aantal == "een" and r.exclusief) + 1
    if parsed.deelnemers_min < needed:
        problems.append(
            doc.problem(
                ("deelnemers_min",),
                f"verwacht minstens {needed} (één per exclusieve rol plus één voor de overige rol), "
                f"kreeg {parsed.deelnemers_min}",
            )
        )
    if parsed.deelnemers_max is not None and parsed.deelnemers_max < parsed.deelnemers_min:
        problems.append(
            doc.problem(("deelnemers_max",), f"verwacht minstens deelnemers_min ({parsed.deelnemers_min})")
        )
    if problems:
        raise DataFileError(problems)
    return Methode(
        id=parsed.id,
        naam=parsed.naam,
        soort=parsed.soort,
        bron=parsed.bron.strip(),
        omschrijving=parsed.omschrijving.strip(),
        wanneer=parsed.wanneer.strip(),
        deelnemers_min=parsed.deelnemers_min,
        deelnemers_max=parsed.deelnemers_max,
        rollen=tuple(Rol(r.id, r.naam, r.omschrijving.strip(), r.aantal, r.exclusief) for r in parsed.rollen),
        stappen=tuple(
            Stap(
                titel=s.titel,
                minuten=s.minuten,
                instructie=s.instructie.strip(),
                taken=tuple((rid, s.rollen[rid].strip()) for rid in role_ids),
                stil=tuple(s.stil),
                afwezig=tuple(s.afwezig),
            )
            for s in parsed.stappen
        ),
    )


# --------------------------------------------------------------------------- roles
def _names(deelnemers: Iterable[str]) -> list[str]:
    return [" ".join(str(n).split()) for n in deelnemers if str(n).strip()]


def rol_problemen(
    methode: Methode, deelnemers: Sequence[str], keuze: Mapping[str, str], *, volledig: bool = True
) -> list[str]:
    """Everything wrong with a role assignment, as Dutch sentences (empty: the assignment is fine).

    ``keuze`` maps the id of every one-person role to a participant's name ('' for not chosen yet).
    With ``volledig=False`` roles that are still empty are not reported.

    >>> m = load_method("vijfstappen")
    >>> rol_problemen(m, ["Kim", "Ali"], {"inbrenger": "Kim"})  # doctest: +NORMALIZE_WHITESPACE
    ['Voor de Vijfstappenmethode zijn minstens 3 deelnemers nodig; er zijn er nu 2.',
     'Kies wie de gespreksleider is.', 'Kies wie de tijdbewaker is.']
    """
    names = _names(deelnemers)
    problems = []
    if len(names) < methode.deelnemers_min:
        problems.append(
            f"Voor de {methode.naam} zijn minstens {methode.deelnemers_min} deelnemers nodig; "
            f"er zijn er nu {len(names)}."
        )
    if methode.deelnemers_max is not None and len(names) > methode.deelnemers_max:
        problems.append(
            f"Voor de {methode.naam} zijn hoogstens {methode.deelnemers_max} deelnemers handig; "
            f"er zijn er nu {len(names)}."
        )
    for name in dict.fromkeys(n for n in names if names.count(n) > 1):
        problems.append(
            f"De naam '{name}' staat meer dan eens in de lijst; maak de namen verschillend (bijvoorbeeld "
            f"'{name} A.' en '{name} B.')."
        )
    holders: dict[str, list[Rol]] = {}
    for role_id, raw in keuze.items():
        role = methode.rol(role_id)
        if role.aantal != "een":
            raise IntervisieError(
                f"De rol {role.naam} krijgt iedereen zonder vaste rol; kies hem niet apart."
            )
        name = " ".join(str(raw or "").split())
        if not name:
            continue
        if name not in names:
            problems.append(f"{name} ({role.naam.lower()}) staat niet in de lijst met deelnemers.")
            continue
        holders.setdefault(name, []).append(role)
    for role in methode.vaste_rollen:
        if volledig and not " ".join(str(keuze.get(role.id) or "").split()):
            problems.append(f"Kies wie de {role.naam.lower()} is.")
    for name, roles in holders.items():
        exclusive = [r for r in roles if r.exclusief]
        if exclusive and len(roles) > 1:
            first = exclusive[0]
            others = [r for r in roles if r is not first]
            problems += [
                f"{name} is al {first.naam.lower()} en kan niet ook {r.naam.lower()} zijn." for r in others
            ]
    busy = {n for n, roles in holders.items() if any(r.exclusief for r in roles)}
    if volledig and names and not [n for n in names if n not in busy]:
        problems.append(
            f"Er blijft niemand over voor de rol {methode.rest_rol.naam.lower()}; voeg iemand toe aan de lijst."
        )
    return problems


def rolverdeling(
    methode: Methode, deelnemers: Sequence[str], keuze: Mapping[str, str]
) -> dict[str, tuple[str, ...]]:
    """Role id → names, in the order of the method's roles; the rest role gets everyone without an exclusive role.

    Raises :class:`IntervisieError` with every problem of :func:`rol_problemen`.
    """
    problems = rol_problemen(methode, deelnemers, keuze)
    if problems:
        raise IntervisieError(" ".join(problems))
    names = list(dict.fromkeys(_names(deelnemers)))
    chosen = {rid: " ".join(str(keuze[rid]).split()) for rid in keuze}
    busy = {chosen[r.id] for r in methode.vaste_rollen if r.exclusief}
    out: dict[str, tuple[str, ...]] = {}
    for role in methode.rollen:
        if role.aantal == "een":
            out[role.id] = (chosen[role.id],)
        else:
            out[role.id] = tuple(n for n in names if n not in busy)
    return out


_CATALOGUE = Catalogue(
    "intervisie",
    reader=_read_method,
    unknown="Onbekende methode",
    setting=settings.INTERVISIE,
    skip=(DILEMMA_FILE,),
    error=IntervisieError,
)
