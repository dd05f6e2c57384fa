"""Development plans (one competence, a goal, actions and a date) and growth between two scans.

Rules (also in ``docs/competenties.md``): a plan names a known competence, a goal, at least one action and a
target date in the future; growth is compared between scans with the same framework and the same role.

Examples
--------
>>> from wijkteam_kit.competenties import Scan
>>> plan = DevelopmentPlan.build("generalist", "durf", "Ik bespreek elke maand een fout in het team.",
...                              "Fout kiezen", "2024-06-01", today=dt.date(2024, 3, 1))
>>> plan.actions, DevelopmentPlan.from_payload(plan.to_payload()) == plan
(('Fout kiezen',), True)
>>> a = Scan.build("generalist", "zelf", {"durf_1": 3, "durf_2": 3, "durf_3": 3}, "2024-01-10")
>>> b = Scan.build("generalist", "zelf", {"durf_1": 3, "durf_2": 3, "durf_3": 3}, "2024-06-10")
>>> growth(a, b)["durf"].sentence()
'Durf: gelijk gebleven, van 3,0 naar 3,0.'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.competenties.frameworks import Framework, load_framework
from wijkteam_kit.competenties.scan import Scan, competence_scores, format_score, parse_date, score_values
from wijkteam_kit.errors import CompetentieError
from wijkteam_kit.privacy import privacy_message

__all__ = ["DevelopmentPlan", "Growth", "growth"]


@dataclass(frozen=True)
class DevelopmentPlan:
    """A personal development goal for one competence, with actions and a target date."""

    framework: str
    competence: str
    goal: str
    actions: tuple[str, ...]
    date: dt.date

    @classmethod
    def build(
        cls,
        framework: Framework | str | Path,
        competence: str,
        goal: str,
        actions: Sequence[str] | str,
        date: dt.date | str,
        *,
        today: dt.date | None = None,
    ) -> DevelopmentPlan:
        """Validate and build: a known competence, a goal text, at least one action, a date after ``today``.

        >>> DevelopmentPlan.build("generalist", "durf", "Ik bespreek elke maand een fout in het team.",
        ...                       ["Fout kiezen", "Agenderen"], "2024-06-01", today=dt.date(2024, 3, 1)).actions
        ('Fout kiezen', 'Agenderen')
        >>> DevelopmentPlan.build("generalist", "durf", "Doel", [" "], "2024-01-01",
        ...                       today=dt.date(2024, 3, 1))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        wijkteam_kit.errors.CompetentieError: Schrijf minstens één actie op...
        """
        fw = load_framework(framework)
        errors = []
        try:
            fw.competence(competence)
        except CompetentieError as exc:
            errors.append(str(exc))
        if not str(goal or "").strip():
            errors.append("Schrijf een doel op: wat wil je bereikt hebben?")
        items = [actions] if isinstance(actions, str) else list(actions)
        clean = tuple(a.strip() for a in items if str(a or "").strip())
        if not clean:
            errors.append("Schrijf minstens één actie op: wat ga je doen om het doel te halen?")
        when = parse_date(date, "Streefdatum")
        today = today or dt.date.today()
        if when <= today:
            errors.append(
                f"De streefdatum {datum_tekst(when)} ligt niet in de toekomst; kies een datum na {datum_tekst(today)}."
            )
        if errors:
            raise CompetentieError("\n".join(errors))
        return cls(fw.id, competence, goal.strip(), clean, when)

    def warnings(self) -> list[str]:
        """Privacy warnings for goal and actions."""
        return [m for text in (self.goal, *self.actions) if (m := privacy_message(text))]

    def to_payload(self) -> dict[str, Any]:
        """A JSON-ready dict for the store."""
        return {
            "kader": self.framework,
            "competentie": self.competence,
            "doel": self.goal,
            "acties": list(self.actions),
            "datum": self.date.isoformat(),
        }

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any], framework: Framework | None = None) -> DevelopmentPlan:
        """Read a stored plan back; the date may lie in the past by now (it is checked only in :meth:`build`)."""
        try:
            date = parse_date(payload["datum"], "Streefdatum")
            return cls.build(
                framework or payload["kader"],
                payload["competentie"],
                payload["doel"],
                payload["acties"],
                date,
                today=date - dt.timedelta(days=1),
            )
        except KeyError as exc:
            raise CompetentieError(f"Het ontwikkelplan mist het veld {exc.args[0]!r}.") from None


@dataclass(frozen=True)
class Growth:
    """Change of one competence between two scans."""

    competence: str
    name: str
    before: float | None
    after: float | None
    phase_before: str | None
    phase_after: str | None

    @property
    def difference(self) -> float | None:
        """``after - before``; ``None`` when either score is missing."""
        return None if self.before is None or self.after is None else self.after - self.before

    def sentence(self) -> str:
        """The change in one Dutch sentence."""
        if self.difference is None:
            return f"{self.name}: niet te vergelijken, want een van de scans heeft te weinig antwoorden."
        if abs(self.difference) < 0.05:
            trend = "gelijk gebleven"
        else:
            sign = "+" if self.difference > 0 else "−"
            trend = f"{'gegroeid' if self.difference > 0 else 'gedaald'} ({sign}{format_score(abs(self.difference))})"
        phase = (
            ""
            if self.phase_before == self.phase_after
            else f", van {self.phase_before} naar {self.phase_after}"
        )
        return (
            f"{self.name}: {trend}, van {format_score(self.before)} naar {format_score(self.after)}{phase}."
        )


def growth(previous_scan: Scan, current_scan: Scan, framework: Framework | None = None) -> dict[str, Growth]:
    """Per competence the change between an earlier and a follow-up scan (same framework and role).

    >>> fw = load_framework("generalist")
    >>> a = Scan.build(fw, "zelf", {"durf_1": 2, "durf_2": 3, "durf_3": 2}, "2024-01-10")
    >>> b = Scan.build(fw, "zelf", {"durf_1": 3, "durf_2": 4, "durf_3": 3}, "2024-06-10")
    >>> growth(a, b, fw)["durf"].sentence()
    'Durf: gegroeid (+1,0), van 2,3 naar 3,3, van startbekwaam naar vakbekwaam.'
    """
    fw = load_framework(framework or current_scan.framework)
    if previous_scan.role != current_scan.role:
        raise CompetentieError(
            f"Groei vergelijk je tussen scans met dezelfde rol; kreeg {previous_scan.role!r} en {current_scan.role!r}."
        )
    if previous_scan.date > current_scan.date:
        raise CompetentieError(
            f"De vorige scan ({datum_tekst(previous_scan.date)}) is van na de huidige "
            f"({datum_tekst(current_scan.date)})."
        )
    before, after = competence_scores(previous_scan, fw), competence_scores(current_scan, fw)
    score_values(previous_scan, fw)  # checks the framework of both scans
    score_values(current_scan, fw)
    return {
        c: Growth(c, before[c].name, before[c].score, after[c].score, before[c].phase, after[c].phase)
        for c in fw.competence_ids
    }
