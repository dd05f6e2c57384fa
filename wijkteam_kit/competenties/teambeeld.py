"""What a team view may show: the team as a whole, and by name only those who chose to share.

A competence scan is for the person's own development. The team leader (and the team) see:

* the team as a whole per competence (mean, lowest and highest, spread, how many score 4 or higher, the gap
  to the team's target), only when at least :data:`MIN_TEAMBEELD` members did a self scan, so that nobody's
  score can be read back from a "team" of one or two;
* by name, and with their own row in the heatmap, blind spots and hidden strengths, only members who chose
  "deel met mijn team" in the scan (:data:`~wijkteam_kit.competenties.opslag.SOORT_DELEN`).

Examples
--------
>>> from wijkteam_kit.competenties import Scan, load_framework
>>> from wijkteam_kit.competenties.teamprofiel import TeamMember
>>> fw = load_framework("generalist")
>>> def scan(v):
...     return Scan.build(fw, "zelf", {i: v for i in fw.indicator_ids})
>>> beeld = team_beeld([TeamMember("Aisha", scan(4))], [scan(2), scan(3)], fw, total=5)
>>> beeld.whole is not None, beeld.named.members, beeld.hidden
(True, ('Aisha',), 2)
>>> beeld.competence_lines()[0]
'Creativiteit: gemiddeld 3,0, van 2,0 tot 4,0 (spreiding 0,8); 1 van de 3 scoort 4,0 of hoger, met naam: Aisha.'
>>> team_beeld([], [scan(2), scan(3)], fw, total=2).whole is None  # two scans: no team picture yet
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wijkteam_kit.competenties.frameworks import Framework, load_framework
from wijkteam_kit.competenties.scan import Scan, format_score
from wijkteam_kit.competenties.teamprofiel import STERK_VANAF, TeamMember, TeamProfile, team_profile
from wijkteam_kit.document import join_dutch

__all__ = ["MIN_TEAMBEELD", "TeamBeeld", "team_beeld"]

#: The team as a whole is shown from this many self scans on.
MIN_TEAMBEELD = 3


@dataclass(frozen=True)
class TeamBeeld:
    """A team's picture as a team view may show it.

    ``named`` holds only members who share with the team (by display name); ``whole`` every member with a
    self scan under placeholder names that are never shown (None below :data:`MIN_TEAMBEELD` scans);
    ``hidden`` how many scans are in ``whole`` without a name; ``total`` how many participants the team has.
    """

    framework: str
    framework_name: str
    total: int
    named: TeamProfile
    whole: TeamProfile | None
    hidden: int

    @property
    def scanned(self) -> int:
        """How many members did a self scan."""
        return len(self.named.members) + self.hidden

    def intro_lines(self) -> list[str]:
        """The heading sentences: how many scanned, how many share by name, whether the team is balanced."""
        n = self.scanned
        out = [
            f"{n} van de {self.total} deelnemers {'heeft' if n == 1 else 'hebben'} een zelfscan gedaan op "
            f"{self.framework_name}.",
            f"{len(self.named.members)} van hen {'deelt' if len(self.named.members) == 1 else 'delen'} "
            "de uitslag met naam met het team; van de anderen telt de scan alleen mee in het teambeeld.",
        ]
        if self.whole is None:
            out.append(
                f"Het teambeeld (gemiddelden en spreiding) verschijnt vanaf {MIN_TEAMBEELD} zelfscans, zodat "
                "niemands scores uit het teambeeld terug te lezen zijn."
            )
        else:
            if self.whole.size_advice:
                out.append(self.whole.size_advice)
            out.append(self.whole.balance_sentence())
        return out

    def competence_lines(self) -> list[str]:
        """Per competence: mean, range and spread of the whole team; the strong ones by name only if shared."""
        if self.whole is None:
            return []
        out = []
        for spread in self.whole.spreads:
            if not spread.count:
                out.append(f"{spread.name}: nog geen scores.")
                continue
            strong = self._strong(spread.competence)
            who = [m for m in self.named.members if self._named_strong(m, spread.competence)]
            names = f", met naam: {join_dutch(who)}" if who else ""
            out.append(
                f"{spread.name}: gemiddeld {format_score(spread.mean)}, van {format_score(spread.minimum)} tot "
                f"{format_score(spread.maximum)} (spreiding {format_score(spread.sd)}); {strong} van de "
                f"{spread.count} scoort {format_score(STERK_VANAF)} of hoger{names}."
            )
        return out

    def gap_lines(self) -> list[str]:
        """Per competence with a target: the team mean against it and how many reach it (no names)."""
        if self.whole is None:
            return []
        out = []
        for gap in self.whole.gaps:
            if gap.team_mean is None:
                out.append(f"{gap.name}: doel {format_score(gap.target)}, maar nog geen scores.")
                continue
            reached = f"{len(gap.reached_by)} van de {self.whole.spread(gap.competence).count} haalt het doel"
            if gap.gap is not None and gap.gap > 1e-9:
                out.append(
                    f"{gap.name}: het team zit gemiddeld op {format_score(gap.team_mean)}, "
                    f"{format_score(gap.gap)} onder het doel {format_score(gap.target)}; {reached}."
                )
            else:
                out.append(
                    f"{gap.name}: het team haalt het doel {format_score(gap.target)} "
                    f"(gemiddeld {format_score(gap.team_mean)}); {reached}."
                )
        return out

    def _strong(self, competence: str) -> int:
        c = self.whole.competences.index(competence)
        return sum(1 for row in self.whole.matrix if row[c] is not None and row[c] >= STERK_VANAF - 1e-9)

    def _named_strong(self, member: str, competence: str) -> bool:
        score = self.named.score(member, competence)
        return score is not None and score >= STERK_VANAF - 1e-9


def team_beeld(
    named: Sequence[TeamMember],
    others: Sequence[Scan],
    framework: Framework | str,
    *,
    total: int,
    target: Mapping[str, float] | None = None,
) -> TeamBeeld:
    """The team picture from members who share (``named``) and the self scans of those who do not."""
    fw = load_framework(framework)
    shared = team_profile(named, fw, target=target)
    everyone = [TeamMember(f"lid {i}", m.scan) for i, m in enumerate(named, 1)]
    everyone += [TeamMember(f"lid {len(named) + i}", scan) for i, scan in enumerate(others, 1)]
    whole = team_profile(everyone, fw, target=target) if len(everyone) >= MIN_TEAMBEELD else None
    return TeamBeeld(fw.id, fw.name, total, shared, whole, len(others))
