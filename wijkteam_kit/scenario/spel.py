"""Playing a scenario: the route taken, the dimensions over time, the debrief and the printable reflection.

:class:`Spel` holds one run: where you are, what you chose, and the value of every dimension after each choice
(scale 0–10, starting at 5 unless the scenario says otherwise). :func:`debrief` compares the route with the
recommended one and collects the principles you met; :func:`reflectie_document` turns that into a
:class:`~wijkteam_kit.document.Document` (Markdown or PDF) with two questions for intervision.

Examples
--------
>>> from wijkteam_kit.scenario.model import load_scenario
>>> spel = Spel(load_scenario("intake-regiecheck"))
>>> spel.moment.id
'aanmelding'
>>> stap = spel.kies(0)
>>> stap.keuze.oordeel, spel.moment.id
('goed', 'regiecheck')
>>> spel.verloop()[-1]["vertrouwen"], spel.verloop()[-1]["tempo"]
(6, 4)
>>> spel.speel_aanbevolen()
>>> spel.klaar, spel.moment.id
(True, 'debrief-start')
>>> d = debrief(spel)
>>> d.aantal("goed") == len(d.route), d.afwijkingen
(True, 0)
>>> "Vragen voor intervisie" in [b.tekst for b in reflectie_document(d).blokken if hasattr(b, "niveau")]
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wijkteam_kit.document import Alinea, Document, Kop, Lijst, Tabel
from wijkteam_kit.errors import Problem, ScenarioError
from wijkteam_kit.scenario.model import DIMENSIE_NAMEN, Keuze, Moment, Principe, Scenario

__all__ = ["OORDEEL_NAMEN", "Debrief", "Spel", "Stap", "debrief", "reflectie_document", "route_from_payload"]

#: The verdicts as people read them.
OORDEEL_NAMEN: dict[str, str] = {
    "goed": "sterke keuze",
    "twijfel": "twijfelachtig",
    "fout": "minder goede keuze",
}


@dataclass(frozen=True)
class Stap:
    """One choice made: at which moment, which choice (0-based index) and the dimensions after it."""

    moment: Moment
    index: int
    keuze: Keuze
    waarden: tuple[tuple[str, int], ...]


class Spel:
    """One run through a scenario.

    Parameters
    ----------
    scenario : Scenario
        The checked scenario to play.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.stappen: list[Stap] = []

    @property
    def moment(self) -> Moment:
        """Where you are now."""
        if not self.stappen:
            return self.scenario.moment(self.scenario.start)
        return self.scenario.moment(self.stappen[-1].keuze.naar)

    @property
    def klaar(self) -> bool:
        """True once a debrief is reached."""
        return self.moment.debrief

    def waarden(self) -> dict[str, int]:
        """The dimensions now."""
        if self.stappen:
            return dict(self.stappen[-1].waarden)
        return {d: self.scenario.startwaarde(d) for d in self.scenario.dimensies}

    def verloop(self) -> list[dict[str, int]]:
        """The dimensions at the start and after every choice."""
        start = {d: self.scenario.startwaarde(d) for d in self.scenario.dimensies}
        return [start, *(dict(s.waarden) for s in self.stappen)]

    def kies(self, index: int) -> Stap:
        """Make choice ``index`` (0-based) at the current moment; returns the step with its feedback."""
        if self.klaar:
            raise ScenarioError(
                [Problem("", "Het scenario is afgelopen; begin opnieuw om een andere route te kiezen.")]
            )
        moment = self.moment
        keuze = moment.keuze(index)
        values = self.waarden()
        for dim, delta in keuze.effecten:
            values[dim] = min(10, max(0, values[dim] + delta))
        stap = Stap(moment, index, keuze, tuple(values.items()))
        self.stappen.append(stap)
        return stap

    def terug(self) -> None:
        """Undo the last choice (nothing happens at the start)."""
        if self.stappen:
            self.stappen.pop()

    def opnieuw(self) -> None:
        """Back to the start."""
        self.stappen.clear()

    def speel_aanbevolen(self) -> None:
        """Follow the recommended choice from here to a debrief (for demonstrations and tests)."""
        while not self.klaar:
            index = self.moment.aanbevolen
            if index is None or len(self.stappen) > 4 * len(self.scenario.momenten):
                break
            self.kies(index)

    def payload(self) -> dict[str, object]:
        """The route as plain data for a group session: the scenario and per step the moment and the choice."""
        return {
            "scenario": self.scenario.id,
            "route": [[s.moment.id, s.index] for s in self.stappen],
            "einde": self.moment.id if self.klaar else "",
        }


def route_from_payload(scenario: Scenario, payload: dict) -> Spel:
    """Replay a saved route (from :meth:`Spel.payload`); a step that no longer fits stops the replay.

    >>> from wijkteam_kit.scenario.model import load_scenario
    >>> s = load_scenario("intake-regiecheck")
    >>> route_from_payload(s, {"route": [["aanmelding", 1], ["alleen-voor-de-deur", 1]]}).moment.id
    'debrief-deur-dicht'
    """
    spel = Spel(scenario)
    for item in payload.get("route", []) or []:
        try:
            moment_id, index = str(item[0]), int(item[1])
        except (TypeError, ValueError, IndexError):
            break
        if spel.klaar or spel.moment.id != moment_id or not 0 <= index < len(spel.moment.keuzes):
            break
        spel.kies(index)
    return spel


@dataclass(frozen=True)
class Debrief:
    """What a finished (or stopped) run shows: route, recommended route, dimensions over time, principles."""

    scenario: Scenario
    einde: Moment
    route: tuple[Stap, ...]
    aanbevolen: tuple[tuple[Moment, Keuze], ...]
    verloop: tuple[dict[str, int], ...]
    principes_sterk: tuple[Principe, ...]
    principes_aandacht: tuple[Principe, ...]

    def aantal(self, oordeel: str) -> int:
        """How many choices had this verdict."""
        return sum(1 for s in self.route if s.keuze.oordeel == oordeel)

    @property
    def afwijkingen(self) -> int:
        """How many choices were not the recommended choice at that moment."""
        return sum(1 for s in self.route if s.index != s.moment.aanbevolen)

    @property
    def aanbevolen_einde(self) -> Moment:
        """The debrief the recommended route ends in."""
        return self.scenario.aanbevolen_einde()


def _principles(scenario: Scenario, steps: Sequence[Stap], good: bool) -> tuple[Principe, ...]:
    found: dict[str, Principe] = {}
    for s in steps:
        if s.keuze.principe and s.keuze.goed == good:
            principe = scenario.principe(s.keuze.principe)
            if principe is not None:
                found.setdefault(principe.id, principe)
    return tuple(found.values())


def debrief(spel: Spel) -> Debrief:
    """The debrief of a run: your route, the recommended one, the dimensions over time, the principles you met.

    Principles appear under *sterk* when you made a sound choice about them and under *aandacht* when a choice
    about them was debatable or unsound (a principle can be in both).
    """
    steps = tuple(spel.stappen)
    return Debrief(
        scenario=spel.scenario,
        einde=spel.moment,
        route=steps,
        aanbevolen=spel.scenario.aanbevolen_route(),
        verloop=tuple(spel.verloop()),
        principes_sterk=_principles(spel.scenario, steps, True),
        principes_aandacht=_principles(spel.scenario, steps, False),
    )


def reflectie_document(d: Debrief, *, naam: str = "", datum: str = "") -> Document:
    """The printable reflection: route next to the recommended one, dimensions, principles, intervision questions.

    ``naam`` and ``datum`` are printed under the title when given (plain text, printed as typed).
    """
    s = d.scenario
    sub = " · ".join(x for x in (naam.strip(), datum.strip(), s.thema) if x)
    rows = []
    for i, stap in enumerate(d.route, 1):
        advised = stap.moment.aanbevolen
        advised_text = (
            "dezelfde keuze"
            if advised == stap.index
            else (stap.moment.keuzes[advised].tekst if advised is not None else "–")
        )
        rows.append(
            (str(i), stap.moment.titel, stap.keuze.tekst, OORDEEL_NAMEN[stap.keuze.oordeel], advised_text)
        )
    start, end = d.verloop[0], d.verloop[-1]
    dim_rows = tuple(
        (DIMENSIE_NAMEN[dim], str(start[dim]), str(end[dim]), " → ".join(str(v[dim]) for v in d.verloop))
        for dim in s.dimensies
    )
    blocks: list = [
        Kop("Waar het over ging"),
        Alinea(s.samenvatting),
        Kop("Hoe het afliep"),
        Alinea(f"{d.einde.titel}. {d.einde.tekst}"),
        Alinea(
            f"Je maakte {len(d.route)} keuzes: {d.aantal('goed')} sterk, {d.aantal('twijfel')} twijfelachtig en "
            f"{d.aantal('fout')} minder goed. Bij {d.afwijkingen} keuze(s) week je af van de aanbevolen route.",
            nadruk=True,
        ),
        Kop("Jouw route naast de aanbevolen route"),
        Tabel(("#", "Moment", "Jouw keuze", "Oordeel", "Aanbevolen op dit moment"), tuple(rows)),
        Kop("De aanbevolen route", niveau=2),
        Lijst(tuple(f"{m.titel}: {k.tekst}" for m, k in d.aanbevolen), genummerd=True),
        Kop("De dimensies in de tijd"),
        Alinea("Schaal 0 tot 10; iedere keuze kan een dimensie een of twee stappen verschuiven."),
        Tabel(("Dimensie", "Begin", "Eind", "Verloop"), dim_rows),
        Kop("Principes die je tegenkwam"),
    ]
    if d.principes_sterk:
        blocks += [
            Kop("Goed toegepast", niveau=2),
            Lijst(tuple(f"{p.naam}: {p.uitleg}" for p in d.principes_sterk)),
        ]
    if d.principes_aandacht:
        blocks += [
            Kop("Om bij stil te staan", niveau=2),
            Lijst(tuple(f"{p.naam}: {p.uitleg}" for p in d.principes_aandacht)),
        ]
    blocks += [
        Kop("Feedback per keuze"),
        Lijst(tuple(f"{st.moment.titel}: {st.keuze.feedback}" for st in d.route), genummerd=True),
        Kop("Vragen voor intervisie"),
        Lijst(tuple(s.intervisievragen[:2]), genummerd=True),
        Alinea("Mijn antwoorden:\n\n\n\n"),
    ]
    return Document(titel=f"Reflectie: {s.titel}", ondertitel=sub, blokken=tuple(blocks))
