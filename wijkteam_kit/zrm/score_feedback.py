"""Feedback on a trainee's ZRM scores of a casus, against the casus's reference scores.

Everything the ZRM app shows after "Inleveren" comes from :func:`feedback`, so it can be checked
without a browser.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> casus = load_library()[0]
>>> ref = casus.reference_assessment()
>>> fb = feedback(ref, casus)  # scoring exactly like the reference
>>> fb.n_different, fb.n_equal == fb.n_domains
(0, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.participatieladder import rung

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus


__all__ = ["DomainFeedback", "ZrmFeedback", "feedback"]


@dataclass(frozen=True)
class DomainFeedback:
    """One domain: the trainee's score and the reference, with the reference's rationale."""

    domain_id: str
    name: str
    own: int | None
    reference: int | None
    own_note: str
    reference_note: str

    @property
    def delta(self) -> int | None:
        """Own minus reference; None when either is "niet besproken"."""
        return None if self.own is None or self.reference is None else self.own - self.reference

    @property
    def differs(self) -> bool:
        """Whether the trainee's level is not the reference level (a "niet besproken" counts as different)."""
        return self.own != self.reference

    @property
    def verdict(self) -> str:
        """Dutch one-liner such as 'gelijk', '1 niveau hoger' or 'jij liet dit open (niet besproken)'."""
        if not self.differs:
            return "gelijk"
        if self.own is None:
            return "jij liet dit open (niet besproken)"
        if self.reference is None:
            return "de referentie liet dit open (niet besproken)"
        size = abs(self.delta or 0)
        return f"{size} niveau{'s' if size > 1 else ''} {'hoger' if (self.delta or 0) > 0 else 'lager'}"


@dataclass(frozen=True)
class ZrmFeedback:
    """All feedback for one submission."""

    casus_id: str
    casus_title: str
    domains: tuple[DomainFeedback, ...]
    ladder_own: int | None
    ladder_reference: int
    ladder_note: str

    @property
    def differences(self) -> tuple[DomainFeedback, ...]:
        """The domains that differ from the reference, largest difference first."""
        return tuple(
            sorted(
                (d for d in self.domains if d.differs),
                key=lambda d: -(abs(d.delta) if d.delta is not None else 0.5),
            )
        )

    @property
    def n_domains(self) -> int:
        """Number of domains in the version."""
        return len(self.domains)

    @property
    def n_different(self) -> int:
        """Number of domains scored differently from the reference."""
        return len(self.differences)

    @property
    def n_equal(self) -> int:
        """Number of domains scored like the reference."""
        return self.n_domains - self.n_different

    @property
    def n_within_one(self) -> int:
        """Domains where both scored and the levels differ by at most one."""
        return sum(1 for d in self.domains if d.delta is not None and abs(d.delta) <= 1)

    @property
    def ladder_differs(self) -> bool:
        """Whether the trainee chose another rung than the reference."""
        return self.ladder_own != self.ladder_reference

    def count_sentence(self) -> str:
        """How many domains differ, e.g. ``'2 domeinen verschillen van de referentie; 9 van de 11 zijn gelijk.'``."""
        if self.n_different == 0:
            return f"Precies gelijk: je scoorde alle {self.n_domains} domeinen zoals de referentie."
        verb = "domein verschilt" if self.n_different == 1 else "domeinen verschillen"
        return (
            f"{self.n_different} {verb} van de referentie; {self.n_equal} van de {self.n_domains} "
            "scoorde je gelijk."
        )

    def ladder_sentence(self) -> str:
        """The participatieladder in one sentence."""
        if not self.ladder_differs:
            return "De trede op de participatieladder is gelijk."
        return (
            f"Op de participatieladder koos jij trede {self.ladder_own or '–'}, de referentie trede "
            f"{self.ladder_reference}."
        )

    def summary(self) -> str:
        """Both sentences: a short Dutch summary of the whole result."""
        return f"{self.count_sentence()} {self.ladder_sentence()}"

    def ladder_lines(self) -> tuple[str, str]:
        """Labels of the trainee's and the reference rung."""
        own = rung(self.ladder_own).label if self.ladder_own else "niet gekozen"
        return own, rung(self.ladder_reference).label


def feedback(own: Assessment, casus: Casus) -> ZrmFeedback:
    """Compare a trainee's assessment with the reference of ``casus`` (same ZRM version)."""
    reference = casus.reference_assessment()
    if own.version != reference.version:
        raise ZrmError(f"Je scores gebruiken {own.version}, de casus {reference.version}; zet ze eerst om.")
    version = casus.version()
    lines = tuple(
        DomainFeedback(
            d.id,
            d.name,
            own.scores[d.id].level,
            reference.scores[d.id].level,
            own.scores[d.id].note,
            reference.scores[d.id].note,
        )
        for d in version.domains
    )
    return ZrmFeedback(
        casus.id,
        casus.titel,
        lines,
        own.ladder,
        casus.participatieladder.trede,
        casus.participatieladder.toelichting,
    )
