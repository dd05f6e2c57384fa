"""The sociale kaart: voorliggende, algemene and maatwerk voorzieningen per ZRM domain, for plans and feedback.

The kit ships a fictional but typical kaart (``data/plan/sociale_kaart.yaml``); an organisation puts its own in
its place with ``wijkteam-kit serve --sociale-kaart FILE`` (``$WIJKTEAM_SOCIALE_KAART``), which checks the file at
start. Each voorziening knows its *soort* (voorliggend, algemeen, maatwerk) and the step of the Wmo order where a
plan puts it (:data:`~wijkteam_kit.plan.model.WMO_STAPPEN`), so the plan app can suggest voorzieningen per domain
and the feedback can tell a solution that puts one at the wrong step.

Examples
--------
>>> kaart = load_sociale_kaart()
>>> [v.naam for v in kaart.voor("financien", stappen=("algemene_voorziening",))][:2]
['Schuldhulpverlening van de gemeente', 'Vrijwilligers thuisadministratie']
>>> [v.id for v in kaart.genoemd_in("Henk gaat twee dagen naar de dagopvang")]
['dagopvang']
>>> kaart.voorziening("taalmaatje").stap_tekst
'voorliggende voorziening (stap: algemene / voorliggende voorziening)'
>>> [d for d in kaart.voorziening("thuisadministratie").domeinen_in("zrm2017")]
['financien', 'basale_adl', 'instrumentele_adl']
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import Field

from wijkteam_kit import settings
from wijkteam_kit._basis.catalogue import data_path, duplicate_id_problems
from wijkteam_kit._basis.schema import Id, StrictModel, validate_model
from wijkteam_kit._basis.yamlsource import load_yaml_file
from wijkteam_kit.errors import DataFileError, ProblemsError, ZrmError
from wijkteam_kit.plan.model import WMO_LABELS, WmoStap
from wijkteam_kit.zrm.mapping import load_mapping
from wijkteam_kit.zrm.versions import load_version, unknown_domain_message

__all__ = [
    "KAART_VERSIE",
    "SOORT_LABELS",
    "SocialeKaart",
    "Voorziening",
    "default_kaart_path",
    "load_sociale_kaart",
    "read_sociale_kaart",
]

#: The ZRM version of the domains in a kaart.
KAART_VERSIE = "zrm2013"
SOORT_LABELS = {"voorliggend": "voorliggende voorziening", "algemeen": "algemene voorziening",
                "maatwerk": "maatwerkvoorziening"}  # fmt: skip
#: The steps a voorziening of each soort may have (maatwerk only at maatwerk, the others never there).
_STAPPEN_PER_SOORT: dict[str, tuple[str, ...]] = {
    "voorliggend": ("algemene_voorziening", "steun_mantelzorger"),
    "algemeen": ("algemene_voorziening", "steun_mantelzorger"),
    "maatwerk": ("maatwerkvoorziening",),
}


class Voorziening(StrictModel):
    """One voorziening of the kaart (see the comments at the top of the kit's kaart for every field)."""

    id: Id
    naam: str = Field(min_length=1, max_length=120)
    soort: Literal["voorliggend", "algemeen", "maatwerk"]
    stap: WmoStap
    ook: list[WmoStap] = []
    domeinen: list[str] = Field(min_length=1)
    wat: str = Field(min_length=1)
    voor_wie: str = ""
    toegang: str = ""
    zoekwoorden: list[str] = Field(min_length=1)

    @property
    def stappen(self) -> tuple[str, ...]:
        """Every step where a plan may put this voorziening."""
        return (self.stap, *self.ook)

    @property
    def stap_tekst(self) -> str:
        """What it is, for a sentence of the feedback."""
        return f"{SOORT_LABELS[self.soort]} (stap: {WMO_LABELS[self.stap].lower()})"

    def domeinen_in(self, versie: str) -> list[str]:
        """Its domains as ids of ZRM version ``versie`` (through the kit's mapping for another version)."""
        if versie == KAART_VERSIE:
            return list(self.domeinen)
        try:
            mapping = load_mapping(KAART_VERSIE, versie)
        except ZrmError:
            return []
        return list(dict.fromkeys(t for d in self.domeinen for t in mapping.targets_of(d)))

    @functools.cached_property
    def _pattern(self) -> re.Pattern[str]:
        words = sorted(self.zoekwoorden, key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)

    def genoemd_in(self, text: str) -> bool:
        """Whether ``text`` names this voorziening (one of its zoekwoorden, at the start of a word)."""
        return bool(self._pattern.search(text))


class SocialeKaart(StrictModel):
    """A sociale kaart: a name, a note and the voorzieningen."""

    soort: Literal["sociale_kaart"] = "sociale_kaart"
    schema_versie: Literal[1] = 1
    naam: str = Field(min_length=1)
    toelichting: str = ""
    voorzieningen: list[Voorziening] = Field(min_length=1)

    def voorziening(self, voorziening_id: str) -> Voorziening:
        """The voorziening with this id (``KeyError`` when the kaart has none)."""
        return next(v for v in self.voorzieningen if v.id == voorziening_id)

    def voor(
        self, domein: str | None = None, *, versie: str = KAART_VERSIE, stappen: tuple[str, ...] | None = None
    ) -> list[Voorziening]:
        """The voorzieningen for a domain (of ``versie``) and, when given, at one of ``stappen`` (its own step)."""
        return [
            v for v in self.voorzieningen
            if (domein is None or domein in v.domeinen_in(versie)) and (stappen is None or v.stap in stappen)
        ]  # fmt: skip

    def genoemd_in(self, text: str) -> list[Voorziening]:
        """The voorzieningen that ``text`` names, in the order of the kaart."""
        return [v for v in self.voorzieningen if v.genoemd_in(text)]

    def suggesties(
        self, domeinen: list[str], stappen: set[str], versie: str = KAART_VERSIE, max_aantal: int = 6
    ) -> list[Voorziening]:
        """What to suggest where a plan reaches for a voorziening: light ones for its domains, at its steps.

        A plan with a step 'algemene voorziening' or 'steun voor de mantelzorger' gets the voorzieningen of that
        step; a plan that reaches for maatwerk gets the algemene and voorliggende ones first (as light as
        possible). Voorzieningen for the first domain come first; none when the plan reaches for none.

        >>> kaart = load_sociale_kaart()
        >>> [v.id for v in kaart.suggesties(["financien"], {"maatwerkvoorziening"})][:3]
        ['schuldhulp', 'thuisadministratie', 'geldcafe']
        >>> kaart.suggesties(["financien"], {"eigen_kracht", "sociaal_netwerk"})
        []
        """
        wanted = stappen & {"algemene_voorziening", "steun_mantelzorger"}
        if "maatwerkvoorziening" in stappen:
            wanted |= {"algemene_voorziening"}
        if not wanted:
            return []
        found: dict[str, Voorziening] = {}
        for domein in domeinen or [None]:
            for v in self.voor(domein, versie=versie, stappen=tuple(wanted)):
                found.setdefault(v.id, v)
        return list(found.values())[:max_aantal]


def default_kaart_path() -> Path:
    """The kaart in use: the file of ``$WIJKTEAM_SOCIALE_KAART``, else the kit's own."""
    configured = settings.paths(settings.SOCIALE_KAART)
    return configured[0] if configured else data_path("plan", "sociale_kaart.yaml")


def read_sociale_kaart(path: str | Path) -> SocialeKaart:
    """Read and check a kaart file; :class:`DataFileError` names file, line and field of every problem (Dutch)."""
    try:
        doc = load_yaml_file(path)
    except ProblemsError as exc:
        raise DataFileError(exc.problems) from exc
    kaart, problems = validate_model(SocialeKaart, doc)
    if kaart is not None:
        version = load_version(KAART_VERSIE)
        problems += duplicate_id_problems(
            doc, [v.id for v in kaart.voorzieningen], lambda i: ("voorzieningen", i, "id"), "voorziening"
        )
        for i, v in enumerate(kaart.voorzieningen):
            for j, domain_id in enumerate(v.domeinen):
                if domain_id not in version.domain_ids:
                    problems.append(
                        doc.problem(("voorzieningen", i, "domeinen", j), unknown_domain_message(version, domain_id))
                    )
            allowed = _STAPPEN_PER_SOORT[v.soort]
            for where, step in (("stap", v.stap), *((("ook", k), s) for k, s in enumerate(v.ook))):
                if step in allowed or (where != "stap" and step in ("eigen_kracht", "sociaal_netwerk")):
                    continue
                path = ("voorzieningen", i, *((where,) if isinstance(where, str) else where))
                problems.append(
                    doc.problem(
                        path,
                        f"een {SOORT_LABELS[v.soort]} hoort niet bij de stap {WMO_LABELS[step].lower()!r}; "
                        f"verwacht {' of '.join(repr(WMO_LABELS[s].lower()) for s in allowed)}",
                    )
                )
            for k, word in enumerate(v.zoekwoorden):
                if len(word.strip()) < 4:
                    problems.append(
                        doc.problem(("voorzieningen", i, "zoekwoorden", k),
                                    f"zoekwoord {word!r} is te kort; gebruik minstens vier letters")
                    )  # fmt: skip
    if problems or kaart is None:
        raise DataFileError(problems)
    return kaart


@functools.lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> SocialeKaart:
    return read_sociale_kaart(path)


def load_sociale_kaart(path: str | Path | None = None) -> SocialeKaart:
    """The kaart at ``path`` (default: :func:`default_kaart_path`), read once per version of the file."""
    chosen = Path(path) if path is not None else default_kaart_path()
    try:
        mtime = chosen.stat().st_mtime
    except OSError:
        mtime = 0.0  # read_sociale_kaart reports the missing file
    return _cached(str(chosen), mtime)
