"""Team profile: how the competences of a team's members complement each other.

Input is per member a self scan (:class:`~wijkteam_kit.competenties.Scan` with role ``zelf``) and, when
available, the colleagues' mean per competence (from :func:`~wijkteam_kit.competenties.feedback360.feedback_profile`,
so the anonymity rule has already been applied). Rules (also in ``docs/competenties.md``):

* a competence is *covered* when at least one member scores :data:`STERK_VANAF` (4.0) or higher; a team is
  *uitgebalanceerd* when every competence is covered;
* spread per competence: lowest, highest and the population standard deviation of the members' scores;
* gap against the team's target profile: target minus the team mean, reported when the mean is below target;
* blind spot: self ≥ peer + :data:`DREMPEL_VERSCHIL` (0.75); hidden strength: peer ≥ self + 0.75;
* size advice when the team has more than 8 members (6–8 is ideal).

Examples
--------
>>> from wijkteam_kit.competenties import Scan, load_framework
>>> fw = load_framework("generalist")
>>> def scan(v):
...     return Scan.build(fw, "zelf", {i: v for i in fw.indicator_ids})
>>> team = team_profile({"Aisha": scan(4), "Bram": scan(2)}, fw)
>>> team.spread("durf").strongest, team.balanced
(('Aisha',), True)
>>> team.sentences()[0]
'Het team heeft 2 leden met een zelfscan op Competentieprofiel generalist.'
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from wijkteam_kit.competenties.feedback360 import FeedbackProfile
from wijkteam_kit.competenties.frameworks import Framework, load_framework
from wijkteam_kit.competenties.scan import Scan, competence_scores, format_score
from wijkteam_kit.document import join_dutch
from wijkteam_kit.errors import CompetentieError

__all__ = [
    "DREMPEL_VERSCHIL",
    "IDEALE_TEAMGROOTTE",
    "STERK_VANAF",
    "CompetenceSpread",
    "Difference",
    "Gap",
    "TeamMember",
    "TeamProfile",
    "size_advice",
    "team_profile",
]

#: A competence is covered by a member who scores at least this.
STERK_VANAF = 4.0
#: Self and peer scores that differ by at least this much form a blind spot or a hidden strength.
DREMPEL_VERSCHIL = 0.75
#: Smallest and largest ideal team size.
IDEALE_TEAMGROOTTE: tuple[int, int] = (6, 8)
_EPS = 1e-9


@dataclass(frozen=True)
class TeamMember:
    """One member: a display name (or pseudonym), a self scan and optionally the peer mean per competence."""

    name: str
    scan: Scan
    peer: Mapping[str, float | None] | FeedbackProfile | None = None


@dataclass(frozen=True)
class CompetenceSpread:
    """How one competence is spread over the team."""

    competence: str
    name: str
    count: int
    mean: float | None
    minimum: float | None
    maximum: float | None
    sd: float | None
    strongest: tuple[str, ...]
    covered: bool

    def sentence(self) -> str:
        """Plain Dutch summary."""
        if self.count == 0:
            return f"{self.name}: nog geen scores."
        who = join_dutch(self.strongest)
        cover = "" if self.covered else f"; niemand scoort {format_score(STERK_VANAF)} of hoger"
        return (
            f"{self.name}: van {format_score(self.minimum)} tot {format_score(self.maximum)} "
            f"(spreiding {format_score(self.sd)}); sterkst: {who}{cover}."
        )


@dataclass(frozen=True)
class Gap:
    """Team mean against the team's target for one competence (``gap`` > 0: below target)."""

    competence: str
    name: str
    target: float
    team_mean: float | None
    reached_by: tuple[str, ...]

    @property
    def gap(self) -> float | None:
        """Target minus team mean; ``None`` without scores."""
        return None if self.team_mean is None else self.target - self.team_mean

    def sentence(self) -> str:
        """Plain Dutch summary."""
        if self.team_mean is None:
            return f"{self.name}: doel {format_score(self.target)}, maar nog geen scores."
        verb = "haalt" if len(self.reached_by) == 1 else "halen"
        who = (
            f"; {join_dutch(self.reached_by)} {verb} het doel al"
            if self.reached_by
            else "; niemand haalt het doel"
        )
        if self.gap is not None and self.gap > _EPS:
            return (
                f"{self.name}: het team zit gemiddeld op {format_score(self.team_mean)}, "
                f"{format_score(self.gap)} onder het doel {format_score(self.target)}{who}."
            )
        return (
            f"{self.name}: het team haalt het doel {format_score(self.target)} "
            f"(gemiddeld {format_score(self.team_mean)})."
        )


@dataclass(frozen=True)
class Difference:
    """A blind spot (self ≥ peer + 0.75) or hidden strength (peer ≥ self + 0.75) of one member."""

    member: str
    competence: str
    name: str
    self_score: float
    peer_score: float
    kind: str

    def sentence(self) -> str:
        """Plain Dutch summary."""
        return (
            f"{self.member}, {self.name}: {self.kind} (zelf {format_score(self.self_score)}, "
            f"collega's {format_score(self.peer_score)})."
        )


def size_advice(size: int) -> str | None:
    """Advice when a team has more than 8 members; ``None`` otherwise.

    >>> size_advice(8) is None
    True
    >>> size_advice(9)  # doctest: +ELLIPSIS
    'Het team heeft 9 leden. Een team werkt het best met 6 tot 8 leden (6–8 is ideaal); ...'
    """
    low, high = IDEALE_TEAMGROOTTE
    if size <= high:
        return None
    return (
        f"Het team heeft {size} leden. Een team werkt het best met {low} tot {high} leden ({low}–{high} is "
        "ideaal); overweeg twee teams of vaste subteams, zodat iedereen elkaar en elkaars casussen blijft kennen."
    )


@dataclass(frozen=True)
class TeamProfile:
    """Team analytics; ``matrix[m][c]`` is the score of ``members[m]`` on ``competences[c]`` (or None)."""

    framework: str
    framework_name: str
    members: tuple[str, ...]
    competences: tuple[str, ...]
    names: tuple[str, ...]
    matrix: tuple[tuple[float | None, ...], ...]
    peer_matrix: tuple[tuple[float | None, ...], ...]
    spreads: tuple[CompetenceSpread, ...]
    gaps: tuple[Gap, ...]
    blind_spots: tuple[Difference, ...]
    hidden_strengths: tuple[Difference, ...]
    target: Mapping[str, float] = field(default_factory=dict)

    def score(self, member: str, competence: str) -> float | None:
        """One member's self score on one competence."""
        return self.matrix[self._member_index(member)][self._competence_index(competence)]

    def peer_score(self, member: str, competence: str) -> float | None:
        """One member's peer mean on one competence (None when not given)."""
        return self.peer_matrix[self._member_index(member)][self._competence_index(competence)]

    def spread(self, competence: str) -> CompetenceSpread:
        """Spread of one competence."""
        return self.spreads[self._competence_index(competence)]

    @property
    def covered(self) -> tuple[str, ...]:
        """Competences with at least one member at 4.0 or higher."""
        return tuple(s.competence for s in self.spreads if s.covered)

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Competences that nobody in the team scores 4.0 or higher on."""
        return tuple(s.competence for s in self.spreads if not s.covered)

    @property
    def balanced(self) -> bool:
        """Whether every competence is covered by at least one member."""
        return bool(self.members) and not self.uncovered

    @property
    def size_advice(self) -> str | None:
        """Team size advice (more than 8 members), else None."""
        return size_advice(len(self.members))

    @property
    def shortfalls(self) -> tuple[Gap, ...]:
        """The gaps where the team mean is below target (or no score), largest gap first."""
        short = [g for g in self.gaps if g.gap is None or g.gap > _EPS]
        return tuple(sorted(short, key=lambda g: -(g.gap if g.gap is not None else 99)))

    def balance_sentence(self) -> str:
        """The "balanced team" statement."""
        if not self.members:
            return "Er zijn nog geen teamleden met een scan."
        if self.balanced:
            return (
                f"Het team is uitgebalanceerd: op elke competentie scoort minstens één teamlid "
                f"{format_score(STERK_VANAF)} of hoger."
            )
        missing = ", ".join(self.spread(c).name for c in self.uncovered)
        return (
            f"Het team is nog niet uitgebalanceerd: op {missing} scoort niemand {format_score(STERK_VANAF)} "
            "of hoger. Bespreek wie zich daarin wil ontwikkelen, of wie het team kan aanvullen."
        )

    def sentences(self) -> list[str]:
        """Every result of the profile as plain Dutch sentences."""
        out = [f"Het team heeft {len(self.members)} leden met een zelfscan op {self.framework_name}."]
        if self.size_advice:
            out.append(self.size_advice)
        out.append(self.balance_sentence())
        out += [s.sentence() for s in self.spreads]
        if self.gaps:
            out += [g.sentence() for g in self.gaps]
        out += [d.sentence() for d in (*self.blind_spots, *self.hidden_strengths)]
        return out

    def _member_index(self, member: str) -> int:
        if member not in self.members:
            raise CompetentieError(f"Onbekend teamlid {member!r}; teamleden: {', '.join(self.members)}.")
        return self.members.index(member)

    def _competence_index(self, competence: str) -> int:
        if competence not in self.competences:
            raise CompetentieError(
                f"Onbekende competentie {competence!r}; bekend: {', '.join(self.competences)}."
            )
        return self.competences.index(competence)


def _members(members: Iterable[TeamMember] | Mapping[str, Scan]) -> list[TeamMember]:
    if isinstance(members, Mapping):
        return [TeamMember(name, scan) for name, scan in members.items()]
    return list(members)


def _peer(member: TeamMember, competences: tuple[str, ...]) -> dict[str, float | None]:
    peer = member.peer
    if isinstance(peer, FeedbackProfile):
        peer = peer.peer_means()
    peer = dict(peer or {})
    unknown = set(peer) - set(competences)
    if unknown:
        raise CompetentieError(
            f"Teamlid {member.name!r}: onbekende competentie {sorted(unknown)[0]!r} bij collega's."
        )
    for comp, value in peer.items():
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 5
        ):
            raise CompetentieError(
                f"Teamlid {member.name!r}, {comp}: verwacht een collega-gemiddelde van 1 t/m 5, kreeg {value!r}."
            )
    return {c: None if peer.get(c) is None else float(peer[c]) for c in competences}


def _check_target(target: Mapping[str, float], fw: Framework) -> dict[str, float]:
    out = {}
    for comp, value in target.items():
        fw.competence(comp)  # unknown id: CompetentieError with suggestion
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 5:
            raise CompetentieError(f"Doel voor {comp!r}: verwacht een score van 1 t/m 5, kreeg {value!r}.")
        out[comp] = float(value)
    return out


def team_profile(
    members: Iterable[TeamMember] | Mapping[str, Scan],
    framework: Framework | str | None = None,
    *,
    target: Mapping[str, float] | None = None,
) -> TeamProfile:
    """Heatmap matrix, spread and complementarity, gaps to ``target``, blind spots and hidden strengths."""
    items = _members(members)
    fw = load_framework(framework or (items[0].scan.framework if items else "generalist"))
    names = [m.name for m in items]
    if any(not n.strip() for n in names) or len(set(names)) != len(names):
        raise CompetentieError("Geef elk teamlid een eigen, niet-lege naam (of pseudoniem).")
    for m in items:
        if m.scan.framework != fw.id or m.scan.role != "zelf":
            raise CompetentieError(
                f"Teamlid {m.name!r}: verwacht een zelfscan van {fw.id!r}, kreeg een {m.scan.role}-scan "
                f"van {m.scan.framework!r}."
            )
    comps = fw.competence_ids
    matrix = tuple(tuple(s.score for s in competence_scores(m.scan, fw).values()) for m in items)
    peers = tuple(tuple(_peer(m, comps).values()) for m in items)
    spreads = []
    for c, comp in enumerate(fw.competences):
        column = [(names[m], row[c]) for m, row in enumerate(matrix) if row[c] is not None]
        values = [v for _, v in column]
        best = max(values) if values else None
        spreads.append(
            CompetenceSpread(
                comp.id,
                comp.name,
                len(values),
                statistics.fmean(values) if values else None,
                min(values) if values else None,
                best,
                statistics.pstdev(values) if values else None,
                tuple(n for n, v in column if best is not None and v >= best - _EPS),
                best is not None and best >= STERK_VANAF - _EPS,
            )
        )
    goals = _check_target(target or {}, fw)
    gaps = tuple(
        Gap(
            c,
            spreads[comps.index(c)].name,
            goal,
            spreads[comps.index(c)].mean,
            tuple(
                names[m]
                for m, row in enumerate(matrix)
                if row[comps.index(c)] is not None and row[comps.index(c)] >= goal - _EPS
            ),
        )
        for c, goal in goals.items()
    )
    blind, hidden = [], []
    for m, (row, peer_row) in enumerate(zip(matrix, peers, strict=True)):
        for c, (own, peer) in enumerate(zip(row, peer_row, strict=True)):
            if own is None or peer is None:
                continue
            if own - peer >= DREMPEL_VERSCHIL - _EPS:
                blind.append(Difference(names[m], comps[c], spreads[c].name, own, peer, "blinde vlek"))
            elif peer - own >= DREMPEL_VERSCHIL - _EPS:
                hidden.append(Difference(names[m], comps[c], spreads[c].name, own, peer, "verborgen kracht"))
    return TeamProfile(
        framework=fw.id,
        framework_name=fw.name,
        members=tuple(names),
        competences=comps,
        names=tuple(c.name for c in fw.competences),
        matrix=matrix,
        peer_matrix=peers,
        spreads=tuple(spreads),
        gaps=gaps,
        blind_spots=tuple(blind),
        hidden_strengths=tuple(hidden),
        target=goals,
    )
