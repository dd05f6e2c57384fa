"""Casus library: YAML files in ``casuses/``, one casus a file, validated by one schema.

The format is documented in ``casuses/README.md``. :func:`check_files` reports *every* problem of every
file (file, line, field, what was expected); :func:`load_casus` raises :class:`~wijkteam_kit.errors.CasusError`
with all problems of one file.

Examples
--------
>>> lib = load_library()
>>> len(lib) >= 7
True
>>> c = lib[0]
>>> ref = c.reference_assessment()
>>> ref.version in ("zrm2013", "zrm2017")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from wijkteam_kit import settings
from wijkteam_kit._basis.schema import Id, StrictModel, validate_model
from wijkteam_kit._basis.yamlsource import YamlDocument, load_yaml_file
from wijkteam_kit.casus.checks import cross_checks
from wijkteam_kit.errors import CasusError, Problem, ProblemsError
from wijkteam_kit.netwerk.model import Afstamming, Band, Client, Gebeurtenis, Koppel, Persoon
from wijkteam_kit.plan.model import WmoStap
from wijkteam_kit.zrm.assessment import Assessment, parse_level
from wijkteam_kit.zrm.versions import ZrmVersion, load_version, unknown_domain_message

__all__ = [
    "Casus",
    "EvaluatieAntwoorden",
    "Referentieplan",
    "Veiligheidsroute",
    "Vervolgmoment",
    "check_files",
    "default_library_dir",
    "load_casus",
    "load_library",
]



Fase = Literal["analysefase", "planfase", "ondersteuningsfase", "evaluatiefase", "monitoringsfase"]



class Lid(StrictModel):
    """A member of the household."""

    naam: str = Field(min_length=1)
    rol: str = Field(min_length=1)
    leeftijd: int | None = Field(default=None, ge=0, le=120)
    toelichting: str = ""


class Aanmelding(StrictModel):
    """Who referred the household, and how it reached the team."""

    bron: str = Field(min_length=1)
    route: str = Field(min_length=1)


class ZrmScore(StrictModel):
    """A reference score: level 1–5 or 'nvt', with the rationale a trainer would give."""

    niveau: int | float | str | None
    toelichting: str = Field(min_length=1)
    basis: Literal["eigen_kracht", "netwerk", "professionele_hulp"] | None = None


class ReferentieZrm(StrictModel):
    """The reference ZRM of the casus."""

    versie: str
    scores: dict[str, ZrmScore]


class Ladder(StrictModel):
    """The reference rung on the participatieladder."""

    trede: int | float | str
    toelichting: str = Field(min_length=1)


class Netwerk(StrictModel):
    """Persons, ties and family relations around the client (the netwerkatlas of the casus)."""

    client: Client | None = None
    personen: list[Persoon] = []
    banden: list[Band] = []
    koppels: list[Koppel] = []
    afstamming: list[Afstamming] = []


class Referentieplan(StrictModel):
    """A model Plan van Aanpak for the casus, to compare with after writing one's own plan.

    ``domeinen`` are the ZRM domain ids (of the casus's version) the plan addresses; every domain with a
    reference level of 1 or 2 is in ``domeinen`` or in ``geparkeerd`` (domain id: why it waits).
    ``wmo_stappen`` are the steps of the Wmo order the plan uses. The texts per part are one way a good plan
    could read, in the household's own words.
    """

    domeinen: list[str] = Field(min_length=1)
    geparkeerd: dict[str, str] = {}
    wmo_stappen: list[WmoStap] = Field(min_length=1)
    regisseur: str = Field(min_length=1)
    evaluatie: str = Field(min_length=1)
    probleemstellingen: list[str] = Field(min_length=1)
    doelstellingen: list[str] = Field(min_length=1)
    resultaten: list[str] = Field(min_length=1)
    oplossingen: list[str] = Field(min_length=1)
    acties: list[str] = Field(min_length=1)
    toelichting: str = ""


def _reference_plan_problems(plan: Referentieplan, zrm: ReferentieZrm) -> list[str]:
    try:
        version = load_version(zrm.versie)
    except ValueError:
        return []  # the ZRM check reports an unknown version
    problems = [
        f"{where}: {unknown_domain_message(version, d)}"
        for where, ids in (("domeinen", plan.domeinen), ("geparkeerd", list(plan.geparkeerd)))
        for d in ids
        if d not in version.domain_ids
    ]
    for domain_id, score in zrm.scores.items():
        try:
            level = parse_level(score.niveau, domain_id)
        except ValueError:
            continue  # the ZRM check reports a bad level
        covered = domain_id in plan.domeinen or domain_id in plan.geparkeerd
        if level is not None and level <= 2 and not covered:
            problems.append(
                f"domein {domain_id!r} heeft referentieniveau {level}; zet het in 'domeinen' of in 'geparkeerd' "
                "(met de reden waarom het nog wacht)"
            )
    return problems


#: The five steps of the meldcode huiselijk geweld en kindermishandeling, in their order, with their Dutch names.
STAP_NAMEN: dict[str, str] = {
    "signalen_in_kaart": "1. Signalen in kaart brengen",
    "collegiale_consultatie": "2. Collegiale consultatie (aandachtsfunctionaris), zo nodig Veilig Thuis om advies",
    "gesprek": "3. Gesprek met de betrokkene(n)",
    "wegen": "4. Wegen met het afwegingskader",
    "beslissen": "5. Beslissen: melden bij Veilig Thuis en/of hulp organiseren",
}
MELDCODE_STAPPEN: tuple[str, ...] = tuple(STAP_NAMEN)
#: The questions of the afwegingskader, in their order.
AFWEGING_VRAGEN: dict[str, str] = {
    "vermoeden": "Is er een vermoeden van huiselijk geweld of kindermishandeling?",
    "acute_of_structurele_onveiligheid": "Is er acute of structurele onveiligheid? (ja: melden)",
    "hulp_mogelijk": "Kan het team (ook) passende hulp bieden of organiseren? (nee: melden)",
    "hulp_aanvaard": "Aanvaarden de betrokkenen die hulp en werken ze mee? (nee: melden)",
    "hulp_werkt": "Leidt de hulp op tijd tot veiligheid en herstel? (nee: alsnog melden)",
}
AFWEGINGEN: tuple[str, ...] = tuple(AFWEGING_VRAGEN)
BESLUIT_NAMEN: dict[str, str] = {
    "geen_vermoeden": "geen vermoeden: vastleggen en afsluiten",
    "hulp_organiseren": "hulp organiseren (zonder melding), met afspraken over veiligheid",
    "melden": "melden bij Veilig Thuis",
    "melden_en_hulp": "melden bij Veilig Thuis én hulp organiseren",
}


class MeldcodeStap(StrictModel):
    """One step of the meldcode: which step, and what the team does in this casus."""

    stap: Literal[MELDCODE_STAPPEN]  # type: ignore[valid-type]
    wat: str = Field(min_length=1)


class Afweging(StrictModel):
    """One question of the afwegingskader with the reference answer and why."""

    vraag: Literal[AFWEGINGEN]  # type: ignore[valid-type]
    antwoord: Literal["ja", "nee"]
    toelichting: str = Field(min_length=1)


class Veiligheidsroute(StrictModel):
    """The reference route for worries about safety at home, along the meldcode huiselijk geweld en kindermishandeling.

    ``stappen`` are the five meldcode steps in order, each with what the team does; ``afwegingskader`` answers the
    questions of the afwegingskader in order (later questions may be left out when they cannot be answered yet);
    ``besluit`` must follow from those answers: melding is required when there is acute or structural unsafety, or
    when help is not possible, not accepted or not working. ``niet_alleen`` says what the team does not do or
    decide alone, ``escalatie`` what happens when things do not improve or get worse.

    >>> stappen = [{"stap": s, "wat": "..."} for s in MELDCODE_STAPPEN]
    >>> kader = [{"vraag": "vermoeden", "antwoord": "ja", "toelichting": "..."},
    ...          {"vraag": "acute_of_structurele_onveiligheid", "antwoord": "ja", "toelichting": "..."}]
    >>> route = Veiligheidsroute(signalen=["..."], stappen=stappen, afwegingskader=kader, besluit="melden_en_hulp",
    ...                          niet_alleen=["..."], escalatie="...")
    >>> route.melden_nodig
    True
    """

    signalen: list[str] = Field(min_length=1)
    stappen: list[MeldcodeStap] = Field(min_length=1)
    afwegingskader: list[Afweging] = Field(min_length=1)
    besluit: Literal["geen_vermoeden", "hulp_organiseren", "melden", "melden_en_hulp"]
    niet_alleen: list[str] = Field(min_length=1)
    escalatie: str = Field(min_length=1)
    toelichting: str = ""

    def stappen_met_naam(self) -> list[tuple[str, str]]:
        """The steps as (Dutch step name, what the team does)."""
        return [(STAP_NAMEN[s.stap], s.wat) for s in self.stappen]

    def afwegingen_met_vraag(self) -> list[tuple[str, str, str]]:
        """The afwegingskader as (question, answer, why)."""
        return [(AFWEGING_VRAGEN[a.vraag], a.antwoord, a.toelichting) for a in self.afwegingskader]

    @property
    def besluit_tekst(self) -> str:
        """The decision in words."""
        return BESLUIT_NAMEN[self.besluit]

    @property
    def melden_nodig(self) -> bool:
        """Whether the answers of the afwegingskader make a report to Veilig Thuis necessary."""
        answers = {a.vraag: a.antwoord for a in self.afwegingskader}
        return answers.get("vermoeden") == "ja" and (
            answers.get("acute_of_structurele_onveiligheid") == "ja"
            or any(answers.get(q) == "nee" for q in AFWEGINGEN[2:])
        )

    @model_validator(mode="after")
    def _route_holds(self) -> Veiligheidsroute:
        problems = []
        steps = [s.stap for s in self.stappen]
        if steps != list(MELDCODE_STAPPEN):
            problems.append(
                f"stappen: verwacht de vijf stappen van de meldcode, elk één keer en in deze volgorde: "
                f"{', '.join(MELDCODE_STAPPEN)}; kreeg {', '.join(steps)}"
            )
        asked = [a.vraag for a in self.afwegingskader]
        if asked != list(AFWEGINGEN[: len(asked)]):
            problems.append(
                f"afwegingskader: verwacht de vragen in deze volgorde, vanaf de eerste: {', '.join(AFWEGINGEN)}; "
                f"kreeg {', '.join(asked)}"
            )
        elif asked[0] == "vermoeden" and self.afwegingskader[0].antwoord == "nee":
            if self.besluit != "geen_vermoeden":
                problems.append(
                    f"besluit is {self.besluit!r}, maar het afwegingskader geeft geen vermoeden: "
                    "verwacht 'geen_vermoeden'"
                )
        elif len(asked) < 2:
            problems.append("afwegingskader: bij een vermoeden hoort ook de vraag acute_of_structurele_onveiligheid")
        elif self.melden_nodig and self.besluit not in ("melden", "melden_en_hulp"):
            problems.append(
                f"besluit is {self.besluit!r}, maar volgens het afwegingskader is melden bij Veilig Thuis nodig "
                "(acute of structurele onveiligheid, of hulp die niet kan, niet wordt aanvaard of niet werkt): "
                "verwacht 'melden' of 'melden_en_hulp'"
            )
        elif not self.melden_nodig and self.besluit != "hulp_organiseren":
            problems.append(
                f"besluit is {self.besluit!r}, maar het afwegingskader geeft een vermoeden zonder reden om te melden: "
                "verwacht 'hulp_organiseren'"
            )
        if problems:
            raise ValueError("; ".join(problems))
        return self


Richting = Literal["gestegen", "gedaald", "gelijk"]


class EvaluatieAntwoorden(StrictModel):
    """The reference answers to the method's evaluation questions at T1."""

    vraag_beantwoord: str = Field(min_length=1)
    proces: str = Field(min_length=1)
    zelfredzaamheid: Richting
    participatie: Richting
    leerpunten: list[str] = Field(min_length=1)


class Vervolgmoment(StrictModel):
    """A later moment (T1, about half a year on): what happened, in the household's words, and the reference.

    ``zrm`` holds a reference score for every domain of the casus's version; ``participatieladder`` may be left
    out when the rung would depend on how the kit treats people over 65 (AOW/pensioen). ``doelniveaus`` are the
    target levels the plan set at T0 (domain id: level). ``netwerk`` describes the network at T1 in words; the
    map itself is the casus network at moment ``T1`` (``sinds``/``tot``).
    """

    moment: Literal["T1"] = "T1"
    maanden: int = Field(ge=1, le=24)
    wat_er_gebeurde: str = Field(min_length=1)
    eigen_woorden: list[str] = Field(min_length=1)
    zrm: dict[str, ZrmScore]
    participatieladder: Ladder | None = None
    netwerk: str = ""
    doelniveaus: dict[str, int] = {}
    evaluatie: EvaluatieAntwoorden


def _direction(delta: int) -> str:
    return "gestegen" if delta > 0 else "gedaald" if delta < 0 else "gelijk"


def _t1_problems(t1: Vervolgmoment, zrm: ReferentieZrm, ladder: Ladder | None) -> list[str]:
    """Whether the reference answers at T1 agree with the reference scores at T0 and T1 (domains: cross-checks)."""
    try:
        version = load_version(zrm.versie)
        before = {d: parse_level(s.niveau, d) for d, s in zrm.scores.items()}
        after = {d: parse_level(s.niveau, d) for d, s in t1.zrm.items()}
    except ValueError:
        return []  # the cross-checks report unknown versions, domains and levels
    problems = []
    delta = sum(
        (after[d] or 0) - (before[d] or 0)
        for d in version.domain_ids
        if before.get(d) is not None and after.get(d) is not None
    )
    if t1.evaluatie.zelfredzaamheid != _direction(delta):
        problems.append(
            f"evaluatie.zelfredzaamheid is {t1.evaluatie.zelfredzaamheid!r}, maar de referentiescores van T0 naar "
            f"T1 zijn samen {delta:+d} niveaus: verwacht {_direction(delta)!r}"
        )
    if t1.participatieladder is not None and ladder is not None:
        try:
            step = int(t1.participatieladder.trede) - int(ladder.trede)
        except (TypeError, ValueError):
            return problems
        if t1.evaluatie.participatie != _direction(step):
            problems.append(
                f"evaluatie.participatie is {t1.evaluatie.participatie!r}, maar de trede gaat van {ladder.trede} "
                f"naar {t1.participatieladder.trede}: verwacht {_direction(step)!r}"
            )
    return problems


class Casus(StrictModel):
    """One training casus. Field names are Dutch because trainers write these files."""

    schema_versie: Literal[1] = 1
    id: Id
    titel: str = Field(min_length=1)
    samenvatting: str = Field(min_length=1)
    verhaal: str = Field(min_length=1)
    huishouden: list[Lid] = Field(min_length=1)
    aanmelding: Aanmelding
    fase: Fase
    eerdere_hulp: str = ""
    vervolg: str = ""
    krachten: list[str] = Field(min_length=1)
    zrm: ReferentieZrm
    participatieladder: Ladder
    netwerk: Netwerk
    gebeurtenissen: list[Gebeurtenis] = []
    leervragen: list[str] = Field(min_length=1)
    dilemmas: list[str] = Field(min_length=1)
    referentieplan: Referentieplan | None = None
    veiligheid: Veiligheidsroute | None = None
    t1: Vervolgmoment | None = None

    @field_validator("t1")
    @classmethod
    def _t1_fits_t0(cls, t1: Vervolgmoment | None, info: ValidationInfo) -> Vervolgmoment | None:
        zrm = info.data.get("zrm")
        if t1 is not None and isinstance(zrm, ReferentieZrm):
            problems = _t1_problems(t1, zrm, info.data.get("participatieladder"))
            if problems:
                raise ValueError("; ".join(problems))
        return t1

    @field_validator("referentieplan")
    @classmethod
    def _reference_plan_fits_zrm(
        cls, plan: Referentieplan | None, info: ValidationInfo
    ) -> Referentieplan | None:
        zrm = info.data.get("zrm")
        if plan is not None and isinstance(zrm, ReferentieZrm):
            problems = _reference_plan_problems(plan, zrm)
            if problems:
                raise ValueError("; ".join(problems))
        return plan

    @property
    def paragraphs(self) -> list[str]:
        """The story as a list of paragraphs."""
        return [p.strip() for p in self.verhaal.split("\n\n") if p.strip()]

    def version(self) -> ZrmVersion:
        """The ZRM version the reference scores use."""
        return load_version(self.zrm.versie)

    def t1_assessment(self) -> Assessment | None:
        """The reference scores at T1 (None when the casus has no later moment); ladder None when left out."""
        if self.t1 is None:
            return None
        scores = {
            d: {"niveau": s.niveau, "toelichting": s.toelichting, "basis": s.basis} for d, s in self.t1.zrm.items()
        }
        rung = self.t1.participatieladder.trede if self.t1.participatieladder else None
        return Assessment.build(self.version(), self.id, "referentie T1", scores, ladder=rung)

    def at_t1(self) -> Casus:
        """The casus with the T1 reference in place of the T0 reference (for a group session on the evaluation).

        Without a T1 rung the T0 rung stays, with a note that the reference gives none at T1.
        """
        if self.t1 is None:
            raise CasusError([Problem("t1", f"casus {self.id!r} heeft geen later moment (T1)", self.id)])
        ladder = self.t1.participatieladder or Ladder(
            trede=self.participatieladder.trede,
            toelichting="De referentie geeft bij T1 geen trede (zie de afspraak over 65+ en AOW/pensioen); "
            "hier staat de trede van het eerste contact.",
        )
        return self.model_copy(
            update={"zrm": ReferentieZrm(versie=self.zrm.versie, scores=self.t1.zrm), "participatieladder": ladder}
        )

    def reference_assessment(self) -> Assessment:
        """The reference scores as a validated :class:`~wijkteam_kit.zrm.Assessment`."""
        scores = {
            d: {"niveau": s.niveau, "toelichting": s.toelichting, "basis": s.basis}
            for d, s in self.zrm.scores.items()
        }
        return Assessment.build(
            self.version(), self.id, "referentie", scores, ladder=self.participatieladder.trede
        )


def validate_document(doc: YamlDocument) -> tuple[Casus | None, list[Problem]]:
    """Validate one parsed casus document; return the casus (or None) and all problems."""
    casus, problems = validate_model(Casus, doc)
    if isinstance(doc.data, dict):
        extra = cross_checks(doc)
        problems += [p for p in extra if p not in problems]
    problems.sort(key=lambda p: p.line or 0)
    return (casus if not problems else None), problems


def load_casus(path: str | Path) -> Casus:
    """Load and validate one casus file; raises :class:`CasusError` listing every problem."""
    try:
        doc = load_yaml_file(path)
    except ProblemsError as exc:
        raise CasusError(exc.problems) from exc
    casus, problems = validate_document(doc)
    if problems or casus is None:
        raise CasusError(problems)
    return casus


def default_library_dir() -> Path:
    """The casus folder: ``$WIJKTEAM_CASUSES``, else ``casuses/`` beside the package, else ``./casuses``."""
    configured = settings.path(settings.CASUSES)
    if configured:
        return configured
    beside = Path(__file__).resolve().parents[2] / "casuses"
    return beside if beside.is_dir() else Path.cwd() / "casuses"


def _casus_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")) if p.is_dir() else [p]
    return files


def load_library(folder: str | Path | None = None) -> list[Casus]:
    """All casuses in ``folder`` (default: :func:`default_library_dir`), sorted by title.

    Raises :class:`CasusError` with the problems of every broken file: a library is all good or not loaded.
    """
    casuses, problems = [], []
    for path in _casus_files([folder or default_library_dir()]):
        try:
            casuses.append(load_casus(path))
        except CasusError as exc:
            problems += exc.problems
    if problems:
        raise CasusError(problems)
    return sorted(casuses, key=lambda c: c.titel)


def check_files(paths: Iterable[str | Path]) -> dict[str, list[Problem]]:
    """Validate files and folders; return the problems per file (an empty list for a good file).

    Ids used by more than one file are reported too.
    """
    report: dict[str, list[Problem]] = {}
    seen: dict[str, str] = {}
    for path in _casus_files(paths):
        try:
            casus = load_casus(path)
        except CasusError as exc:
            report[str(path)] = exc.problems
            continue
        report[str(path)] = []
        if casus.id in seen:
            report[str(path)].append(
                Problem("id", f"id {casus.id!r} wordt ook gebruikt in {seen[casus.id]}", str(path))
            )
        seen.setdefault(casus.id, str(path))
    return report
