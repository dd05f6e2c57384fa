"""A calibration standard a trainer agrees with a group, and who meets it.

The trainer chooses the figures (for example at least 80% within one level and 60% exact over at least
three casuses). :meth:`CalibrationStandard.check` reads one learner's
:class:`~wijkteam_kit.zrm.calibration_history.CalibrationHistory` against it and says, per domain, where the
learner is not there yet. This is a learning agreement, not a certificate: the wording is
"gekalibreerd volgens de afspraak van deze training".

Examples
--------
>>> standard = CalibrationStandard(within_one=0.8, exact=0.6, casuses=3)
>>> standard.text
'minstens 80% hoogstens één niveau verschil en minstens 60% precies gelijk, over minstens 3 casussen'
>>> CalibrationStandard(within_one=1.2)
Traceback (most recent call last):
...
wijkteam_kit.errors.ZrmError: Afspraak: 'hoogstens één niveau verschil' moet tussen 0% en 100% liggen, kreeg 120%.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.calibration_history import CalibrationHistory, dutch_percent

__all__ = ["MET_AFSPRAAK", "CalibrationStandard", "DomainShortfall", "StandardResult"]

#: The wording for a learner who meets the standard: a learning agreement, never a certificate.
MET_AFSPRAAK = "gekalibreerd volgens de afspraak van deze training"


@dataclass(frozen=True)
class DomainShortfall:
    """A domain where a learner does not meet the standard."""

    domain_id: str
    name: str
    n: int
    exact: float
    within_one: float

    @property
    def text(self) -> str:
        """E.g. ``'Financiën: 33% gelijk, 67% binnen één niveau (3×)'``."""
        return (
            f"{self.name}: {dutch_percent(self.exact)} gelijk, {dutch_percent(self.within_one)} binnen één "
            f"niveau ({self.n}×)"
        )


@dataclass(frozen=True)
class StandardResult:
    """One learner against the standard."""

    meets: bool
    reasons: tuple[str, ...]
    domains: tuple[DomainShortfall, ...]

    @property
    def verdict(self) -> str:
        """The one-line verdict printed on the overview."""
        if self.meets:
            return f"Ja: {MET_AFSPRAAK}."
        return "Nog niet: " + "; ".join(self.reasons) + "."


@dataclass(frozen=True)
class CalibrationStandard:
    """The figures a learner should reach: shares 0–1 and a number of different casuses."""

    within_one: float = 0.8
    exact: float = 0.6
    casuses: int = 3

    def __post_init__(self) -> None:
        for label, share in (
            ("hoogstens één niveau verschil", self.within_one),
            ("precies gelijk", self.exact),
        ):
            if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
                shown = f"{share * 100:.0f}%" if isinstance(share, int | float) else repr(share)
                raise ZrmError(f"Afspraak: {label!r} moet tussen 0% en 100% liggen, kreeg {shown}.")
        if isinstance(self.casuses, bool) or not isinstance(self.casuses, int) or not 1 <= self.casuses <= 50:
            raise ZrmError(
                f"Afspraak: aantal casussen moet een heel getal van 1 t/m 50 zijn, kreeg {self.casuses!r}."
            )

    @property
    def text(self) -> str:
        """The standard in words."""
        return (
            f"minstens {dutch_percent(self.within_one)} hoogstens één niveau verschil en minstens "
            f"{dutch_percent(self.exact)} precies gelijk, over minstens {self.casuses} casus"
            f"{'sen' if self.casuses != 1 else ''}"
        )

    def check(self, history: CalibrationHistory) -> StandardResult:
        """Whether ``history`` meets the standard, why not, and the domains below it.

        >>> from wijkteam_kit.zrm import Assessment, load_version
        >>> from wijkteam_kit.zrm.calibration_history import Attempt, history
        >>> v = load_version("zrm2013")
        >>> ref = Assessment.build(v, "c1", "referentie", {"financien": 3, "adl": 3})
        >>> own = Assessment.build(v, "c1", "ik", {"financien": 5, "adl": 3})
        >>> result = CalibrationStandard(casuses=1).check(history([Attempt(own, ref, "C1", "2026-03-01")]))
        >>> result.meets, result.verdict
        (False, 'Nog niet: 50% binnen één niveau (afspraak 80%); 50% precies gelijk (afspraak 60%).')
        >>> [d.text for d in result.domains]
        ['Financiën: 0% gelijk, 0% binnen één niveau (1×)']
        """
        reasons = []
        if history.n_casuses < self.casuses:
            reasons.append(f"{history.n_casuses} van de {self.casuses} casussen gescoord")
        if history.within_one is None or history.within_one < self.within_one:
            reasons.append(
                f"{dutch_percent(history.within_one)} binnen één niveau (afspraak {dutch_percent(self.within_one)})"
            )
        if history.exact is None or history.exact < self.exact:
            reasons.append(
                f"{dutch_percent(history.exact)} precies gelijk (afspraak {dutch_percent(self.exact)})"
            )
        shortfalls = []
        for domain_id, name in history.domain_names.items():
            pairs = [(own, ref) for a in history.attempts for d, own, ref in a.pairs() if d == domain_id]
            if not pairs:
                continue
            exact = sum(1 for own, ref in pairs if own == ref) / len(pairs)
            within = sum(1 for own, ref in pairs if own is not None and abs(own - ref) <= 1) / len(pairs)
            if exact < self.exact or within < self.within_one:
                shortfalls.append(DomainShortfall(domain_id, name, len(pairs), exact, within))
        return StandardResult(not reasons, tuple(reasons), tuple(shortfalls))

    def group(self, histories: Sequence[tuple[str, CalibrationHistory]]) -> list[tuple[str, StandardResult]]:
        """Every learner of a group (display name, history) against the standard, in the given order."""
        return [(name, self.check(h)) for name, h in histories]
