"""ZRM versions and their data files: domains, level labels and descriptors, loaded and validated.

A version file in ``wijkteam_kit/data/zrm/`` (or any path) becomes a :class:`ZrmVersion` with
:func:`load_version`; an organisation's own descriptor file replaces the kit's level texts with
:func:`load_descriptors` (the format is shown there). Every problem in a file is reported with file and
line. The names are also importable from :mod:`wijkteam_kit.zrm`, which builds assessments on them.

Examples
--------
>>> v = load_version("zrm2017")
>>> v.id, len(v.domains), v.label(3), v.label(None)
('zrm2017', 13, '3 – Beperkt zelfredzaam', 'niet besproken')
>>> "Bedoelde u 'financien'?" in unknown_domain_message(v, "financiën")
True
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import Field

from wijkteam_kit import settings
from wijkteam_kit._basis.catalogue import data_path
from wijkteam_kit._basis.schema import Id, IntKey, StrictModel, validate_model
from wijkteam_kit._basis.yamlsource import load_yaml_file
from wijkteam_kit.errors import DataFileError, Problem, ZrmError

__all__ = [
    "LEVELS",
    "Domain",
    "ZrmVersion",
    "available_versions",
    "descriptor_files",
    "load_descriptors",
    "load_version",
    "unknown_domain_message",
]

LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)


# --------------------------------------------------------------------------- data file schema
class _DomainFile(StrictModel):
    id: Id
    naam: str = Field(min_length=1)
    kernvraag: str = ""
    niveaus: dict[IntKey, list[str]] | None = None


class _FactorFile(StrictModel):
    id: Id
    naam: str
    omschrijving: str = ""


class _VersionFile(StrictModel):
    id: Id
    naam: str
    omschrijving: str = ""
    bron: str = ""
    niveaulabels: dict[IntKey, str]
    domeinen: list[_DomainFile] = Field(min_length=1)
    zwaartefactoren: list[_FactorFile] = []


class _DescriptorFile(StrictModel):
    versie: str
    bron: str = ""
    domeinen: dict[str, dict[IntKey, list[str] | str]]


# --------------------------------------------------------------------------- versions
@dataclass(frozen=True)
class Domain:
    """One life domain of a ZRM version, with short descriptors (1–3 indicators) per level."""

    id: str
    name: str
    question: str = ""
    levels: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    def descriptor(self, level: int) -> tuple[str, ...]:
        """Indicators for ``level`` (empty when the version has no descriptors)."""
        return tuple(self.levels.get(level, ()))


@dataclass(frozen=True)
class ZrmVersion:
    """A set of domains with level labels; loaded from a data file with :func:`load_version`."""

    id: str
    name: str
    description: str
    source: str
    level_labels: Mapping[int, str]
    domains: tuple[Domain, ...]
    burden_factors: tuple[tuple[str, str, str], ...] = ()

    @property
    def domain_ids(self) -> tuple[str, ...]:
        """Domain ids in the version's order."""
        return tuple(d.id for d in self.domains)

    def domain(self, domain_id: str) -> Domain:
        """The domain with this id; an unknown id raises :class:`ZrmError` with a suggestion."""
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise ZrmError(unknown_domain_message(self, domain_id))

    def label(self, level: int | None) -> str:
        """Level label such as ``'3 – Beperkt zelfredzaam'``, or ``'niet besproken'`` for None."""
        if level is None:
            return "niet besproken"
        return f"{level} – {self.level_labels.get(level, '')}".rstrip(" –")

    @property
    def has_descriptors(self) -> bool:
        """Whether every domain has indicators for every level."""
        return all(set(d.levels) >= set(LEVELS) for d in self.domains)


def unknown_domain_message(version: ZrmVersion, domain_id: object) -> str:
    """Dutch message for a domain id the version does not have, with the closest match."""
    guess = difflib.get_close_matches(str(domain_id), version.domain_ids, n=1)
    hint = f" Bedoelde u '{guess[0]}'?" if guess else ""
    return (
        f"Onbekend domein {domain_id!r} voor {version.name}.{hint} "
        f"Bekende domeinen: {', '.join(version.domain_ids)}."
    )


# --------------------------------------------------------------------------- loading
def _version_problems(parsed: _VersionFile, doc) -> list[Problem]:
    problems = []
    if set(parsed.niveaulabels) != set(LEVELS):
        problems.append(doc.problem(("niveaulabels",), "verwacht precies de niveaus 1, 2, 3, 4 en 5"))
    seen: set[str] = set()
    for i, d in enumerate(parsed.domeinen):
        if d.id in seen:
            problems.append(doc.problem(("domeinen", i, "id"), f"domein {d.id!r} komt twee keer voor"))
        seen.add(d.id)
        if d.niveaus is not None:
            problems += _level_texts_problems(d.niveaus, doc, ("domeinen", i, "niveaus"))
    return problems


def _level_texts_problems(levels: Mapping[int, Any], doc, path: tuple) -> list[Problem]:
    problems = []
    if set(levels) != set(LEVELS):
        problems.append(
            doc.problem(path, f"verwacht beschrijvingen voor niveau 1 t/m 5, kreeg {sorted(levels)}")
        )
    for level, texts in levels.items():
        texts = [texts] if isinstance(texts, str) else texts
        if not 1 <= len(texts) <= 3 or not all(t.strip() for t in texts):
            problems.append(doc.problem((*path, str(level)), "verwacht 1 tot 3 niet-lege indicatoren"))
    return problems


def _version_dirs() -> list[Path]:
    return [data_path("zrm")]


def available_versions() -> list[str]:
    """Ids of the versions shipped with the kit.

    >>> available_versions()
    ['groningen', 'zrm2013', 'zrm2017']
    """
    return sorted(
        p.stem for d in _version_dirs() for p in d.glob("*.yaml") if not p.stem.startswith("mapping")
    )


_CACHE: dict[tuple[str, str], ZrmVersion] = {}
#: Environment variable with an organisation's own descriptor files (separated by ``os.pathsep``);
#: ``wijkteam-kit serve --beschrijvingen FILE`` sets it for the apps.


def descriptor_files() -> list[Path]:
    """The descriptor files named in ``WIJKTEAM_ZRM_BESCHRIJVINGEN`` (empty when unset)."""
    return settings.paths(settings.ZRM_BESCHRIJVINGEN)


def load_version(name_or_path: str | Path) -> ZrmVersion:
    """Load a shipped version by id (``'zrm2013'``) or any version file by path; validated on load.

    When ``WIJKTEAM_ZRM_BESCHRIJVINGEN`` names descriptor files, those for this version replace the kit's own texts.
    """
    key = (str(name_or_path), settings.text(settings.ZRM_BESCHRIJVINGEN))
    if key in _CACHE:
        return _CACHE[key]
    version = _load_version_file(name_or_path)
    for path in descriptor_files():
        data = load_yaml_file(path).data
        if not isinstance(data, dict) or data.get("versie") == version.id:
            version = load_descriptors(version, path)  # a malformed file raises DataFileError here
    _CACHE[key] = version
    return version


def _load_version_file(name_or_path: str | Path) -> ZrmVersion:
    key = str(name_or_path)
    path = Path(name_or_path)
    if not path.suffix:
        if key not in available_versions():  # before touching the file system: no odd names or paths
            raise ZrmError(f"Onbekende ZRM-versie {key[:60]!r}; beschikbaar: {', '.join(available_versions())}.")
        path = data_path("zrm", f"{key}.yaml")
        if not path.exists():
            raise ZrmError(f"Onbekende ZRM-versie {key!r}; beschikbaar: {', '.join(available_versions())}.")
    doc = load_yaml_file(path)
    parsed, problems = validate_model(_VersionFile, doc)
    if parsed is not None:
        problems = _version_problems(parsed, doc)
    if problems or parsed is None:
        raise DataFileError(problems)
    version = ZrmVersion(
        id=parsed.id,
        name=parsed.naam,
        description=parsed.omschrijving,
        source=parsed.bron,
        level_labels=dict(parsed.niveaulabels),
        domains=tuple(
            Domain(d.id, d.naam, d.kernvraag, {k: tuple(v) for k, v in (d.niveaus or {}).items()})
            for d in parsed.domeinen
        ),
        burden_factors=tuple((f.id, f.naam, f.omschrijving) for f in parsed.zwaartefactoren),
    )
    return version


def load_descriptors(version: ZrmVersion, path: str | Path) -> ZrmVersion:
    """Return ``version`` with the level descriptors from an organisation's own file.

    Organisations that hold a licence for the official texts keep them in their own YAML file::

        versie: zrm2013
        bron: "Officiële teksten, licentie van onze organisatie"
        domeinen:
          financien:
            1: ["..."]
            ...

    Domains that the file leaves out keep the kit's own descriptors. Every problem (unknown domain,
    missing level, wrong version) is reported with the file and line.
    """
    doc = load_yaml_file(path)
    parsed, problems = validate_model(_DescriptorFile, doc)
    if parsed is not None:
        if parsed.versie != version.id:
            problems.append(
                doc.problem(("versie",), f"dit bestand is voor {parsed.versie!r}, verwacht {version.id!r}")
            )
        for domain_id, levels in parsed.domeinen.items():
            if domain_id not in version.domain_ids:
                problems.append(
                    doc.problem(("domeinen", domain_id), unknown_domain_message(version, domain_id))
                )
            problems += _level_texts_problems(levels, doc, ("domeinen", domain_id))
    if problems or parsed is None:
        raise DataFileError(problems)
    new_domains = []
    for d in version.domains:
        if d.id in parsed.domeinen:
            levels = {k: (v,) if isinstance(v, str) else tuple(v) for k, v in parsed.domeinen[d.id].items()}
            d = replace(d, levels=levels)
        new_domains.append(d)
    source = parsed.bron or f"eigen beschrijvingen uit {Path(path).name}"
    return replace(version, domains=tuple(new_domains), source=source)
