"""Group picture of a scenario session: per decision moment how the group chose, where it split, what to discuss.

Every participant plays the same scenario (the session's ``casus_id`` holds the scenario id); the answer is the
route (:meth:`wijkteam_kit.scenario.Spel.payload`). :func:`scenario_groep` replays every route and counts per
moment who reached it and which choice they made; a moment where no choice got two thirds of the votes is
*verdeeld*. The discussion agenda puts the split moments first, then the moments where most of the group left
the recommended route, then those where someone made an unsound choice. :func:`scenario_handout` turns it
into a document for the hand-out. Names are only in the
result when asked for (``met_namen``), so the trainer's screen can hide them until the reveal.

Examples
--------
>>> from wijkteam_kit.scenario import Spel, load_scenario
>>> s = load_scenario("eerste-gesprek")
>>> good = Spel(s); good.speel_aanbevolen()
>>> quick = Spel(s)
>>> _ = quick.kies(1), quick.kies(1)
>>> g = scenario_groep(s, [("Ans", good.payload()), ("Bo", good.payload()), ("Cor", quick.payload()),
...                        ("Dirk", {"route": "kapot"})])
>>> g.per_moment[0].moment.id, [(k.index, k.aantal) for k in g.per_moment[0].keuzes if k.aantal]
('opening', [(0, 2), (1, 1)])
>>> g.per_moment[0].verdeeld, g.overgeslagen[0][0]
(False, 'Dirk')
>>> [(m.titel, n) for m, n, _names in g.eindes]
[('Debrief: de vraag achter de vraag', 2), ('Debrief: een voorziening zonder vraag', 1)]
>>> [p.moment.id for p in g.agenda]
['formulier', 'opening']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wijkteam_kit.document import Alinea, Document, Kop, Lijst, Tabel, join_dutch
from wijkteam_kit.scenario import OORDEEL_NAMEN, Moment, Scenario, route_from_payload

__all__ = [
    "VERDEELD_ONDER",
    "AgendaPunt",
    "KeuzeTelling",
    "MomentTelling",
    "ScenarioGroep",
    "scenario_groep",
    "scenario_handout",
]

#: A moment is split when the most chosen option got less than this share of the votes (and two or more voted).
VERDEELD_ONDER = 2 / 3
#: At most this many points on the discussion agenda.
AGENDA_MAX = 5


@dataclass(frozen=True)
class KeuzeTelling:
    """How often one choice at a moment was made, and by whom (names only when asked for)."""

    index: int
    tekst: str
    oordeel: str
    aanbevolen: bool
    aantal: int
    namen: tuple[str, ...] = ()


@dataclass(frozen=True)
class MomentTelling:
    """One decision moment: how many reached it and how they chose."""

    moment: Moment
    aantal: int
    keuzes: tuple[KeuzeTelling, ...]

    @property
    def grootste_aandeel(self) -> float:
        """Share of the most chosen option (0 when nobody chose here)."""
        return max((k.aantal for k in self.keuzes), default=0) / self.aantal if self.aantal else 0.0

    @property
    def verdeeld(self) -> bool:
        """True when at least two chose here and no option got two thirds of the votes."""
        return self.aantal >= 2 and self.grootste_aandeel < VERDEELD_ONDER

    @property
    def afwijkend(self) -> int:
        """How many did not make the recommended choice here."""
        return sum(k.aantal for k in self.keuzes if not k.aanbevolen)


@dataclass(frozen=True)
class AgendaPunt:
    """One point for the group discussion: the moment, why it is on the agenda, and a question."""

    moment: Moment
    reden: str
    vraag: str


@dataclass(frozen=True)
class ScenarioGroep:
    """The group picture of one scenario session."""

    scenario: Scenario
    deelnemers: int
    per_moment: tuple[MomentTelling, ...]
    eindes: tuple[tuple[Moment, int, tuple[str, ...]], ...]
    onderweg: int
    agenda: tuple[AgendaPunt, ...]
    overgeslagen: tuple[tuple[str, str], ...] = ()

    @property
    def verdeeld(self) -> tuple[MomentTelling, ...]:
        """The moments where the group split."""
        return tuple(m for m in self.per_moment if m.verdeeld)


def _order(scenario: Scenario) -> list[str]:
    """Decision moments in playing order: the recommended route first, then the others as they appear."""
    route = [m.id for m, _k in scenario.aanbevolen_route()]
    return route + [m.id for m in scenario.beslismomenten if m.id not in route]


def _agenda(scenario: Scenario, counts: Sequence[MomentTelling]) -> tuple[AgendaPunt, ...]:
    points: list[tuple[tuple[int, float], AgendaPunt]] = []
    for c in counts:
        if not c.aantal:
            continue
        chosen = [k for k in c.keuzes if k.aantal]
        spread = join_dutch(f"{k.aantal}× '{k.tekst}'" for k in sorted(chosen, key=lambda k: -k.aantal))
        advised = next((k for k in c.keuzes if k.aanbevolen), None)
        principe = scenario.principe(c.moment.keuzes[advised.index].principe) if advised else None
        about = f" Het principe hier: {principe.naam}." if principe else ""
        if c.verdeeld:
            points.append(
                (
                    (0, c.grootste_aandeel),
                    AgendaPunt(
                        c.moment,
                        f"De groep koos verdeeld: {spread}.{about}",
                        "Wat zag je op dit moment, waardoor je deze keuze maakte? Wat woog voor de anderen zwaarder?",
                    ),
                )
            )
        elif c.afwijkend * 2 > c.aantal:
            points.append(
                (
                    (1, -c.afwijkend / c.aantal),
                    AgendaPunt(
                        c.moment,
                        f"{c.afwijkend} van {c.aantal} kozen niet de aanbevolen weg: {spread}.{about}",
                        "Wat maakt de aanbevolen keuze hier lastig in de praktijk, en wat helpt om hem toch te maken?",
                    ),
                )
            )
        elif any(k.aantal and k.oordeel == "fout" for k in c.keuzes):
            wrong = sum(k.aantal for k in c.keuzes if k.oordeel == "fout")
            points.append(
                (
                    (2, -wrong / c.aantal),
                    AgendaPunt(
                        c.moment,
                        f"{wrong} van {c.aantal} kozen een minder goede weg: {spread}.{about}",
                        "Wat maakte die keuze aantrekkelijk, en wat zou je een collega in die situatie aanraden?",
                    ),
                )
            )
    points.sort(key=lambda p: p[0])
    return tuple(p for _key, p in points[:AGENDA_MAX])


def scenario_groep(
    scenario: Scenario, answers: Sequence[tuple[str, Any]], *, met_namen: bool = False
) -> ScenarioGroep:
    """Count the routes in ``answers`` (``(display name, payload)`` pairs) per decision moment.

    An answer for another scenario, or one that cannot be read, is listed in ``overgeslagen`` with a reason;
    a route that stops before a debrief counts for the moments it reached (and under ``onderweg``).
    """
    tallies: dict[str, dict[int, list[str]]] = {m.id: {} for m in scenario.beslismomenten}
    reached: dict[str, int] = dict.fromkeys(tallies, 0)
    ends: dict[str, list[str]] = {m.id: [] for m in scenario.debriefs}
    skipped: list[tuple[str, str]] = []
    underway = players = 0
    for name, payload in answers:
        if not isinstance(payload, dict) or not isinstance(payload.get("route"), list):
            skipped.append((name, "geen route in het antwoord"))
            continue
        if payload.get("scenario", scenario.id) != scenario.id:
            skipped.append((name, f"route hoort bij een ander scenario ({payload.get('scenario')})"))
            continue
        spel = route_from_payload(scenario, payload)
        players += 1
        for stap in spel.stappen:
            reached[stap.moment.id] += 1
            tallies[stap.moment.id].setdefault(stap.index, []).append(name)
        if spel.klaar:
            ends[spel.moment.id].append(name)
        else:
            underway += 1
    counts = []
    for moment_id in _order(scenario):
        moment = scenario.moment(moment_id)
        counts.append(
            MomentTelling(
                moment=moment,
                aantal=reached[moment_id],
                keuzes=tuple(
                    KeuzeTelling(
                        index=i,
                        tekst=k.tekst,
                        oordeel=k.oordeel,
                        aanbevolen=i == moment.aanbevolen,
                        aantal=len(tallies[moment_id].get(i, [])),
                        namen=tuple(tallies[moment_id].get(i, [])) if met_namen else (),
                    )
                    for i, k in enumerate(moment.keuzes)
                ),
            )
        )
    endings = tuple(
        (m, len(ends[m.id]), tuple(ends[m.id]) if met_namen else ()) for m in scenario.debriefs if ends[m.id]
    )
    return ScenarioGroep(
        scenario=scenario,
        deelnemers=players,
        per_moment=tuple(counts),
        eindes=tuple(sorted(endings, key=lambda e: -e[1])),
        onderweg=underway,
        agenda=_agenda(scenario, counts),
        overgeslagen=tuple(skipped),
    )


def scenario_handout(groep: ScenarioGroep, *, titel: str = "", ondertitel: str = "") -> Document:
    """The hand-out of a scenario session: endings, per moment how the group chose, the split, the agenda.

    Names are printed only when ``groep`` was made with ``met_namen=True``.
    """
    s = groep.scenario
    blocks: list = [
        Kop("Het scenario"),
        Alinea(f"{s.titel}. {s.samenvatting}"),
        Alinea(
            f"{groep.deelnemers} deelnemer(s) speelden het scenario"
            + (f"; {groep.onderweg} nog niet tot het eind." if groep.onderweg else ".")
        ),
        Kop("Hoe het afliep"),
        Tabel(
            ("Afloop", "Aantal"),
            tuple(
                (m.titel + (" (aanbevolen)" if m.id == s.aanbevolen_einde().id else ""), str(n))
                for m, n, _ in groep.eindes
            ),
        ),
        Kop("Bespreekpunten"),
    ]
    if groep.agenda:
        blocks.append(
            Lijst(tuple(f"{p.moment.titel}: {p.reden} {p.vraag}" for p in groep.agenda), genummerd=True)
        )
    else:
        blocks.append(Alinea("De groep koos overal (bijna) hetzelfde als de aanbevolen route."))
    blocks.append(Kop("Per moment"))
    for c in groep.per_moment:
        if not c.aantal:
            continue
        flag = " · de groep koos verdeeld" if c.verdeeld else ""
        blocks.append(Kop(f"{c.moment.titel} ({c.aantal} kwamen hier){flag}", niveau=2))
        rows = tuple(
            (
                k.tekst + (" (aanbevolen)" if k.aanbevolen else ""),
                OORDEEL_NAMEN[k.oordeel],
                str(k.aantal),
                *((join_dutch(k.namen),) if any(x.namen for x in c.keuzes) else ()),
            )
            for k in c.keuzes
        )
        columns = ("Keuze", "Oordeel", "Aantal", *(("Wie",) if any(k.namen for k in c.keuzes) else ()))
        blocks.append(Tabel(columns, rows))
    blocks += [Kop("Vragen voor intervisie"), Lijst(tuple(s.intervisievragen[:2]), genummerd=True)]
    return Document(titel=titel or f"Hand-out: {s.titel}", ondertitel=ondertitel, blokken=tuple(blocks))
