"""Scenario files: moments and choices as YAML, validated and checked as a graph when they are loaded.

A scenario is one YAML file (the id is the file name) in ``wijkteam_kit/data/scenarios/`` or in a trainer's own
folder (``$WIJKTEAM_SCENARIOS``). It has a start moment and a list of moments; a moment either offers choices or
is a *debrief* (an end). Every choice names the next moment (``naar``), a verdict (``oordeel``: ``goed``,
``twijfel`` or ``fout``), feedback in plain Dutch, optionally the principle of the method it is about and its
effects on the dimensions (eigen regie, veiligheid, vertrouwen, tempo). The principles themselves live in
``principes.yaml`` beside the scenarios; a scenario may add its own.

Loading checks more than the schema: unknown moments, moments that cannot be reached from the start, dead ends
(no choices and no debrief), choices without feedback, loops you can never leave, unknown principles and
dimensions. Every problem names the file, the line and the moment.

Examples
--------
>>> s = load_scenario("intake-regiecheck")
>>> s.titel
'Een nieuwe aanmelding: intake en regiecheck'
>>> s.moment(s.start).titel
'De aanmelding komt binnen'
>>> 8 <= len(s.beslismomenten) <= 15
True
>>> from wijkteam_kit._basis.yamlsource import load_yaml_text
>>> text = '''
... id: mini
... titel: Mini
... samenvatting: Een klein voorbeeld.
... thema: Oefenen
... rol: Jij bent generalist.
... start: a
... intervisievragen: [Wat deed je?, Wat zou je anders doen?]
... momenten:
...   - id: a
...     titel: Begin
...     tekst: Er belt iemand.
...     keuzes:
...       - {tekst: Luisteren, naar: b, oordeel: goed, feedback: Eerst luisteren.}
...       - {tekst: Ophangen, naar: einde, oordeel: fout}
...   - id: b
...     titel: Lus
...     tekst: Het gesprek gaat rond.
...     keuzes:
...       - {tekst: Nog eens, naar: b, oordeel: goed, feedback: Je blijft hangen.}
...   - id: einde
...     titel: Einde
...     tekst: Klaar.
...     debrief: true
...   - {id: los, titel: Los, tekst: Niemand komt hier., debrief: true}
... '''
>>> problems = scenario_problems(load_yaml_text(text, source="mini.yaml"))
>>> print(problems[0])  # doctest: +ELLIPSIS
mini.yaml, regel 15, veld momenten[0].keuzes[1]: moment 'a', keuze 2: geen feedback; schrijf waarom ...
>>> for p in problems[1:]:
...     print(p.line, p.message[:90].rstrip())
25 moment 'los': is vanaf het begin niet te bereiken (geen enkele keuze leidt hierheen)
16 moment 'b': vanaf hier kom je nooit bij een debrief; de keuzes blijven rondgaan tussen 'b'
10 moment 'a': de aanbevolen route (steeds de eerste keuze met oordeel 'goed') komt niet bij
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field

from wijkteam_kit import settings
from wijkteam_kit._basis.catalogue import Catalogue, data_path, duplicate_id_problems
from wijkteam_kit._basis.schema import Id, StrictModel, Text, validate_model
from wijkteam_kit._basis.yamlsource import YamlDocument, load_yaml_file
from wijkteam_kit.errors import DataFileError, Problem, ProblemsError, ScenarioError

__all__ = [
    "DIMENSIES",
    "DIMENSIE_NAMEN",
    "OORDELEN",
    "Keuze",
    "Moment",
    "Principe",
    "Scenario",
    "Structuur",
    "available_scenarios",
    "check_scenario_file",
    "load_principles",
    "load_scenario",
    "read_scenario",
    "scenario_problems",
    "scenario_structuur",
]

#: The dimensions a choice can move, in the order of the pictures.
DIMENSIES: tuple[str, ...] = ("eigen_regie", "veiligheid", "vertrouwen", "tempo")
#: How the dimensions are written for people.
DIMENSIE_NAMEN: dict[str, str] = {
    "eigen_regie": "Eigen regie",
    "veiligheid": "Veiligheid",
    "vertrouwen": "Vertrouwen",
    "tempo": "Tempo",
}
#: The verdicts of a choice: sound, debatable, unsound.
OORDELEN: tuple[str, ...] = ("goed", "twijfel", "fout")
#: Every dimension starts here (scale 0–10) unless a scenario says otherwise.
STARTWAARDE = 5
#: The largest step one choice may make on one dimension.
MAX_EFFECT = 2

Dimensie = Literal["eigen_regie", "veiligheid", "vertrouwen", "tempo"]

# --------------------------------------------------------------------------- file schema


class _RegelFile(StrictModel):
    wie: Text
    zegt: Text


class _KeuzeFile(StrictModel):
    tekst: Text
    naar: Id
    oordeel: Literal["goed", "twijfel", "fout"]
    feedback: str = ""
    principe: Id | None = None
    effecten: dict[str, int] = {}


class _MomentFile(StrictModel):
    id: Id
    titel: Text
    tekst: Text
    gesprek: list[_RegelFile] = []
    vraag: str = ""
    keuzes: list[_KeuzeFile] = []
    debrief: bool = False


class _PrincipeFile(StrictModel):
    id: Id
    naam: Text
    uitleg: Text


class _PrincipesFile(StrictModel):
    principes: list[_PrincipeFile] = Field(min_length=1)


class _ScenarioFile(StrictModel):
    schema_versie: Literal[1] = 1
    id: Id
    titel: Text
    samenvatting: Text
    thema: Text
    rol: Text
    casus: Id | None = None
    start: Id
    dimensies: list[Dimensie] = Field(default_factory=lambda: list(DIMENSIES), min_length=1)
    startwaarden: dict[str, int] = {}
    intervisievragen: list[Text] = Field(min_length=2)
    bronnen: list[Text] = []
    principes: list[_PrincipeFile] = []
    momenten: list[_MomentFile] = Field(min_length=2)


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Principe:
    """A principle of the method that feedback refers to (for example *eerst de regiecheck*)."""

    id: str
    naam: str
    uitleg: str


@dataclass(frozen=True)
class Keuze:
    """One choice at a moment: the text, where it leads, the verdict, feedback, principle and effects."""

    tekst: str
    naar: str
    oordeel: str
    feedback: str
    principe: str = ""
    effecten: tuple[tuple[str, int], ...] = ()

    @property
    def goed(self) -> bool:
        """True for a sound choice (``oordeel: goed``)."""
        return self.oordeel == "goed"


@dataclass(frozen=True)
class Moment:
    """A moment: what happens (``tekst``), who says what (``gesprek``: pairs of speaker and words), the choices.

    A debrief (``debrief``) has no choices: it is an end of the scenario.
    """

    id: str
    titel: str
    tekst: str
    gesprek: tuple[tuple[str, str], ...] = ()
    vraag: str = ""
    keuzes: tuple[Keuze, ...] = ()
    debrief: bool = False
    regel: int | None = None

    def keuze(self, index: int) -> Keuze:
        """Choice number ``index`` (0-based); a Dutch :class:`ScenarioError` when there is none."""
        if not 0 <= index < len(self.keuzes):
            raise ScenarioError([Problem("", f"Moment '{self.id}' heeft geen keuze {index + 1}.")])
        return self.keuzes[index]

    @property
    def aanbevolen(self) -> int | None:
        """Index of the recommended choice: the first with verdict ``goed`` (None for a debrief)."""
        return next((i for i, k in enumerate(self.keuzes) if k.goed), None)


@dataclass(frozen=True)
class Scenario:
    """A checked scenario, ready to play (see :class:`wijkteam_kit.scenario.Spel`)."""

    id: str
    titel: str
    samenvatting: str
    thema: str
    rol: str
    start: str
    momenten: tuple[Moment, ...]
    dimensies: tuple[str, ...] = DIMENSIES
    startwaarden: tuple[tuple[str, int], ...] = ()
    intervisievragen: tuple[str, ...] = ()
    casus: str = ""
    bronnen: tuple[str, ...] = ()
    principes: tuple[Principe, ...] = ()
    bron: str = ""
    _index: dict[str, Moment] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({m.id: m for m in self.momenten})

    def moment(self, moment_id: str) -> Moment:
        """The moment with id ``moment_id``; a Dutch :class:`ScenarioError` for an unknown id."""
        if moment_id not in self._index:
            raise ScenarioError([Problem("", f"Scenario '{self.id}' heeft geen moment '{moment_id}'.")])
        return self._index[moment_id]

    @property
    def beslismomenten(self) -> tuple[Moment, ...]:
        """The moments with choices (everything but the debriefs)."""
        return tuple(m for m in self.momenten if not m.debrief)

    @property
    def debriefs(self) -> tuple[Moment, ...]:
        """The end moments."""
        return tuple(m for m in self.momenten if m.debrief)

    def principe(self, principe_id: str) -> Principe | None:
        """The principle with this id, or None."""
        return next((p for p in self.principes if p.id == principe_id), None)

    def startwaarde(self, dimensie: str) -> int:
        """Where ``dimensie`` starts (scale 0–10)."""
        return dict(self.startwaarden).get(dimensie, STARTWAARDE)

    def aanbevolen_route(self) -> tuple[tuple[Moment, Keuze], ...]:
        """The recommended route: from the start, each time the first choice with verdict ``goed``."""
        route = []
        current, seen = self.moment(self.start), set()
        while not current.debrief and current.id not in seen:
            seen.add(current.id)
            index = current.aanbevolen
            if index is None:
                break
            choice = current.keuzes[index]
            route.append((current, choice))
            current = self.moment(choice.naar)
        return tuple(route)

    def aanbevolen_einde(self) -> Moment:
        """The debrief the recommended route ends in."""
        route = self.aanbevolen_route()
        return self.moment(route[-1][1].naar) if route else self.moment(self.start)


# --------------------------------------------------------------------------- principles


def load_principles(path: str | Path | None = None) -> tuple[Principe, ...]:
    """The shared principles (``data/scenarios/principes.yaml`` unless ``path`` is given).

    >>> [p.id for p in load_principles()][:3]
    ['regiecheck', 'toestemming', 'samen-op-pad']
    """
    path = Path(path) if path is not None else data_path("scenarios", "principes.yaml")
    try:
        doc = load_yaml_file(path)
    except ProblemsError as exc:
        raise DataFileError(exc.problems) from exc
    parsed, problems = validate_model(_PrincipesFile, doc)
    if parsed is None:
        raise DataFileError(problems)
    problems = duplicate_id_problems(
        doc, [p.id for p in parsed.principes], lambda i: ("principes", i, "id"), "principe"
    )
    if problems:
        raise DataFileError(problems)
    return tuple(Principe(p.id, p.naam, p.uitleg) for p in parsed.principes)


# --------------------------------------------------------------------------- checks


def _reachable(start: str, successors: dict[str, list[str]]) -> set[str]:
    """Every moment reachable from ``start`` (including itself)."""
    reached, todo = {start}, [start]
    while todo:
        for nxt in successors[todo.pop()]:
            if nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    return reached


def _reaches_debrief(data: _ScenarioFile, successors: dict[str, list[str]]) -> set[str]:
    """The moments from which some route leads to a debrief (walking the arrows backwards)."""
    predecessors: dict[str, list[str]] = {m.id: [] for m in data.momenten}
    for source, targets in successors.items():
        for target in targets:
            predecessors[target].append(source)
    good = {m.id for m in data.momenten if m.debrief}
    todo = list(good)
    while todo:
        for prev in predecessors[todo.pop()]:
            if prev not in good:
                good.add(prev)
                todo.append(prev)
    return good


def _successors(data: _ScenarioFile) -> dict[str, list[str]]:
    ids = {m.id for m in data.momenten}
    return {m.id: [k.naar for k in m.keuzes if k.naar in ids] for m in data.momenten}


def _recommended_ids(data: _ScenarioFile) -> list[str] | None:
    """Moment ids along the recommended route, ending in a debrief; None when it does not end in one."""
    moments = {m.id: m for m in data.momenten}
    if data.start not in moments:
        return None
    current, path = moments[data.start], [data.start]
    while not current.debrief:
        choice = next((k for k in current.keuzes if k.oordeel == "goed"), None)
        if choice is None or choice.naar not in moments or choice.naar in path:
            return None
        current = moments[choice.naar]
        path.append(current.id)
    return path


def _graph_problems(data: _ScenarioFile, doc: YamlDocument) -> list[Problem]:
    """Problems of the moments as a graph: reachability, dead ends, loops, the recommended route."""
    where = {m.id: i for i, m in enumerate(data.momenten)}
    moments = {m.id: m for m in data.momenten}
    problems: list[Problem] = []

    def at(moment_id: str, message: str) -> Problem:
        return doc.problem(("momenten", where[moment_id]), f"moment '{moment_id}': {message}")

    debriefs = {m.id for m in data.momenten if m.debrief}
    if not debriefs:
        problems.append(
            doc.problem(
                ("momenten",),
                "er is geen debrief: elk scenario eindigt in minstens één moment met 'debrief: true'",
            )
        )
        return problems
    successors = _successors(data)
    if data.start in moments:
        reached = _reachable(data.start, successors)
        for m in data.momenten:
            if m.id not in reached:
                problems.append(
                    at(m.id, "is vanaf het begin niet te bereiken (geen enkele keuze leidt hierheen)")
                )
    good = _reaches_debrief(data, successors)
    for m in data.momenten:
        if m.id in good or m.debrief:
            continue
        if not m.keuzes:
            problems.append(
                at(m.id, "loopt dood: geen keuzes en geen debrief (zet 'debrief: true' of voeg keuzes toe)")
            )
            continue
        stuck = _reachable(m.id, successors)
        dead = sorted(s for s in stuck if not moments[s].keuzes and not moments[s].debrief)
        if dead:
            names = ", ".join(f"'{d}'" for d in dead)
            problems.append(
                at(m.id, f"vanaf hier kom je nooit bij een debrief; de keuzes lopen vast bij {names}")
            )
        else:
            names = ", ".join(f"'{s}'" for s in sorted(stuck))
            problems.append(
                at(
                    m.id,
                    f"vanaf hier kom je nooit bij een debrief; de keuzes blijven rondgaan tussen {names}",
                )
            )
    if data.start in moments and _recommended_ids(data) is None:
        problems.append(
            at(
                data.start,
                "de aanbevolen route (steeds de eerste keuze met oordeel 'goed') komt niet bij een debrief",
            )
        )
    return problems


def _content_problems(data: _ScenarioFile, doc: YamlDocument, principes: Sequence[Principe]) -> list[Problem]:
    problems = duplicate_id_problems(
        doc, [m.id for m in data.momenten], lambda i: ("momenten", i, "id"), "moment"
    )
    problems += duplicate_id_problems(
        doc, [p.id for p in data.principes], lambda i: ("principes", i, "id"), "principe"
    )
    ids = {m.id for m in data.momenten}
    known_principles = {p.id for p in principes} | {p.id for p in data.principes}
    if data.start not in ids:
        problems.append(doc.problem(("start",), f"het startmoment '{data.start}' staat niet bij de momenten"))
    for dim in data.startwaarden:
        if dim not in data.dimensies:
            problems.append(
                doc.problem(
                    ("startwaarden", dim), f"onbekende dimensie '{dim}'; gebruik {', '.join(data.dimensies)}"
                )
            )
        elif not 0 <= data.startwaarden[dim] <= 10:
            problems.append(
                doc.problem(
                    ("startwaarden", dim),
                    f"verwacht een waarde van 0 tot en met 10, kreeg {data.startwaarden[dim]}",
                )
            )
    for i, m in enumerate(data.momenten):
        if m.debrief and m.keuzes:
            problems.append(
                doc.problem(("momenten", i, "keuzes"), f"moment '{m.id}': een debrief heeft geen keuzes")
            )
        if m.keuzes and not any(k.oordeel == "goed" for k in m.keuzes):
            problems.append(
                doc.problem(
                    ("momenten", i, "keuzes"),
                    f"moment '{m.id}': geen enkele keuze heeft oordeel 'goed'; geef minstens één goede weg",
                )
            )
        for j, k in enumerate(m.keuzes):
            here = ("momenten", i, "keuzes", j)
            label = f"moment '{m.id}', keuze {j + 1}"
            if k.naar not in ids:
                problems.append(
                    doc.problem(
                        (*here, "naar"), f"{label}: leidt naar '{k.naar}', maar dat moment bestaat niet"
                    )
                )
            if not k.feedback.strip():
                problems.append(
                    doc.problem(here, f"{label}: geen feedback; schrijf waarom deze keuze helpt of schaadt")
                )
            if k.principe is not None and k.principe not in known_principles:
                problems.append(
                    doc.problem(
                        (*here, "principe"), f"{label}: onbekend principe '{k.principe}'; zie principes.yaml"
                    )
                )
            for dim, value in k.effecten.items():
                if dim not in data.dimensies:
                    problems.append(
                        doc.problem(
                            (*here, "effecten", dim),
                            f"{label}: onbekende dimensie '{dim}'; gebruik {', '.join(data.dimensies)}",
                        )
                    )
                elif not -MAX_EFFECT <= value <= MAX_EFFECT:
                    problems.append(
                        doc.problem(
                            (*here, "effecten", dim),
                            f"{label}: effect {value} op '{dim}'; gebruik -{MAX_EFFECT} tot en met {MAX_EFFECT}",
                        )
                    )
    return problems


def _problems_and_model(
    doc: YamlDocument, principes: Sequence[Principe] | None = None
) -> tuple[_ScenarioFile | None, list[Problem]]:
    parsed, problems = validate_model(_ScenarioFile, doc)
    if parsed is None:
        return None, problems
    shared = load_principles() if principes is None else principes
    problems = _content_problems(parsed, doc, shared)
    if not any("komt twee keer voor" in p.message for p in problems):
        problems += _graph_problems(parsed, doc)
    return parsed, problems


def scenario_problems(doc: YamlDocument, principes: Sequence[Principe] | None = None) -> list[Problem]:
    """Every problem of a parsed scenario file: schema, content and graph (empty: the scenario can be played)."""
    return _problems_and_model(doc, principes)[1]


def _build(parsed: _ScenarioFile, doc: YamlDocument, principes: Sequence[Principe]) -> Scenario:
    own = {p.id: Principe(p.id, p.naam, p.uitleg) for p in parsed.principes}
    merged = {p.id: p for p in principes} | own
    moments = tuple(
        Moment(
            id=m.id,
            titel=m.titel,
            tekst=m.tekst.strip(),
            gesprek=tuple((r.wie, r.zegt) for r in m.gesprek),
            vraag=m.vraag or ("" if m.debrief else "Wat doe je?"),
            keuzes=tuple(
                Keuze(
                    k.tekst,
                    k.naar,
                    k.oordeel,
                    k.feedback.strip(),
                    k.principe or "",
                    tuple(k.effecten.items()),
                )
                for k in m.keuzes
            ),
            debrief=m.debrief,
            regel=doc.line_of(("momenten", i, "id")),
        )
        for i, m in enumerate(parsed.momenten)
    )
    return Scenario(
        id=parsed.id,
        titel=parsed.titel,
        samenvatting=parsed.samenvatting,
        thema=parsed.thema,
        rol=parsed.rol.strip(),
        start=parsed.start,
        momenten=moments,
        dimensies=tuple(parsed.dimensies),
        startwaarden=tuple(parsed.startwaarden.items()),
        intervisievragen=tuple(parsed.intervisievragen),
        casus=parsed.casus or "",
        bronnen=tuple(parsed.bronnen),
        principes=tuple(merged.values()),
        bron=doc.source,
    )


def read_scenario(path: str | Path, *, id_from_name: bool = True) -> Scenario:
    """Read and check one scenario file; a :class:`ScenarioError` lists every problem (file, line, moment)."""
    path = Path(path)
    try:
        doc = load_yaml_file(path)
    except ProblemsError as exc:
        raise ScenarioError(exc.problems) from exc
    principes = load_principles()
    parsed, problems = _problems_and_model(doc, principes)
    if parsed is not None and id_from_name and parsed.id != path.stem:
        problems.insert(
            0, doc.problem(("id",), f"id {parsed.id!r} past niet bij de bestandsnaam; verwacht {path.stem!r}")
        )
    if parsed is None or problems:
        raise ScenarioError(problems)
    return _build(parsed, doc, principes)


def check_scenario_file(path: str | Path) -> list[Problem]:
    """The problems of one scenario file, as a list (empty: in order); never raises for a bad file.

    >>> [str(p) for p in check_scenario_file("bestaat-niet.yaml")]
    ['bestaat-niet.yaml: bestand niet gevonden']
    """
    path = Path(path)
    if not path.is_file():
        return [Problem("", "bestand niet gevonden", str(path))]
    try:
        read_scenario(path)
    except ProblemsError as exc:
        return list(exc.problems)
    return []


@dataclass(frozen=True)
class Structuur:
    """A scenario file as a graph, for the author's picture: moments, arrows and what is wrong where.

    ``pijlen`` are (from, to, verdict, choice number from 1); ``aanbevolen`` the moment ids along the recommended
    route (empty when it does not reach a debrief).
    """

    id: str
    titel: str
    start: str
    momenten: tuple[tuple[str, str, bool], ...]
    pijlen: tuple[tuple[str, str, str, int], ...]
    onbereikbaar: frozenset[str]
    doodlopend: frozenset[str]
    zonder_uitweg: frozenset[str]
    onbekende_doelen: frozenset[str]
    aanbevolen: tuple[str, ...]


def scenario_structuur(path: str | Path) -> Structuur:
    """The structure of a scenario file, also when it has problems (only the schema must be right).

    >>> st = scenario_structuur(data_path("scenarios", "eerste-gesprek.yaml"))
    >>> st.start, len(st.momenten), st.doodlopend, st.onbereikbaar
    ('opening', 14, frozenset(), frozenset())
    >>> st.aanbevolen[-1]
    'debrief-vraag-helder'
    """
    path = Path(path)
    try:
        doc = load_yaml_file(path)
    except ProblemsError as exc:
        raise ScenarioError(exc.problems) from exc
    data, problems = validate_model(_ScenarioFile, doc)
    if data is None:
        raise ScenarioError(problems)
    ids = {m.id for m in data.momenten}
    successors = _successors(data)
    reached = _reachable(data.start, successors) if data.start in ids else set()
    good = _reaches_debrief(data, successors)
    return Structuur(
        id=data.id,
        titel=data.titel,
        start=data.start,
        momenten=tuple((m.id, m.titel, m.debrief) for m in data.momenten),
        pijlen=tuple((m.id, k.naar, k.oordeel, j) for m in data.momenten for j, k in enumerate(m.keuzes, 1)),
        onbereikbaar=frozenset(ids - reached),
        doodlopend=frozenset(m.id for m in data.momenten if not m.debrief and not m.keuzes),
        zonder_uitweg=frozenset(ids - good),
        onbekende_doelen=frozenset(k.naar for m in data.momenten for k in m.keuzes if k.naar not in ids),
        aanbevolen=tuple(_recommended_ids(data) or ()),
    )


_CATALOGUE: Catalogue[Scenario] = Catalogue(
    "scenarios",
    reader=read_scenario,
    unknown="Onbekend scenario",
    setting=settings.SCENARIOS,
    skip=("principes",),
)


def available_scenarios() -> list[str]:
    """The ids of the shipped scenarios and a trainer's own (``$WIJKTEAM_SCENARIOS``), sorted."""
    return _CATALOGUE.ids()


def load_scenario(id_or_path: str | Path) -> Scenario:
    """A scenario by id (``"intake-regiecheck"``) or by file path; cached per file and modification time."""
    return _CATALOGUE.load(id_or_path)
