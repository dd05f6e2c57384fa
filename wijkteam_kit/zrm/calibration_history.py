"""My calibration: one learner's scores over many casuses, set against the reference, over time.

Every time a learner scores a casus (alone in the ZRM app or in a group session) that is one
:class:`Attempt`: their assessment beside the casus's reference. :func:`history` gathers the attempts and
computes what "Mijn kalibratie" shows:

* **exact** and **within-one agreement** with the reference, per attempt (over time) and pooled;
* **bias per domain**: the mean of own level − reference level, with the casuses where it happened and the
  reference's rationale there ("je scoort Financiën gemiddeld 0,8 hoger dan de referentie");
* a **confusion table**: how often the learner gave level *i* where the reference gave level *j*;
* which domains **improved**: the mean distance to the reference in the later half of the attempts
  is smaller than in the earlier half.

A domain counts where the reference has a level; when the learner left such a domain open ("niet besproken")
it counts as neither exact nor within one, and is left out of bias and confusion. Domains the reference left
open do not count. With fewer than :data:`MIN_CASUSES` different casuses the history says there is too little
to conclude.

Examples
--------
Two attempts, three domains each (by hand). Attempt 1: own 4, 3, 2 against reference 3, 3, 2 → exact 2/3,
within one 3/3. Attempt 2: own 5, 2, 2 against 3, 2, 3 → exact 1/3, within one 2/3. Pooled: exact 3/6,
within one 5/6. Bias in Financiën: (+1 + +2) / 2 = +1,5.

>>> from wijkteam_kit.zrm import Assessment, load_version
>>> v = load_version("zrm2013")
>>> def a(casus, rater, f, d, h):
...     return Assessment.build(v, casus, rater, {"financien": f, "dagbesteding": d, "huisvesting": h})
>>> h = history([
...     Attempt(a("c1", "ik", 4, 3, 2), a("c1", "referentie", 3, 3, 2), "Casus 1", "2026-03-01"),
...     Attempt(a("c2", "ik", 5, 2, 2), a("c2", "referentie", 3, 2, 3), "Casus 2", "2026-03-08"),
... ])
>>> h.exact, round(h.within_one, 3), h.too_little
(0.5, 0.833, True)
>>> h.bias("financien").sentence
'Je scoort Financiën gemiddeld 1,5 hoger dan de referentie (2 casussen).'
>>> h.confusion[5 - 1][3 - 1], h.confusion[4 - 1][3 - 1], h.confusion[2 - 1][3 - 1]
(1, 1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.versions import LEVELS, load_version

__all__ = [
    "BIAS_NOTEWORTHY",
    "MIN_CASUSES",
    "Attempt",
    "CalibrationHistory",
    "DomainBias",
    "DomainTrend",
    "Miss",
    "dutch_number",
    "dutch_percent",
    "history",
]

#: Fewer different casuses than this: "te weinig om iets te concluderen".
MIN_CASUSES = 3
#: A mean difference from the reference of at least this size (in levels) is worth a sentence.
BIAS_NOTEWORTHY = 0.5
TOO_LITTLE = (
    "Te weinig om iets te concluderen: kalibratie zegt pas iets na minstens drie verschillende casussen."
)


def dutch_number(value: float, decimals: int = 1) -> str:
    """A number with a decimal comma, as Dutch readers expect.

    >>> dutch_number(0.8), dutch_number(-1.25, 2), dutch_number(2.0)
    ('0,8', '-1,25', '2,0')
    """
    return f"{value:.{decimals}f}".replace(".", ",")


def dutch_percent(share: float | None) -> str:
    """A share 0–1 as a whole percentage, or a dash when it is unknown.

    >>> dutch_percent(0.8333), dutch_percent(None)
    ('83%', '–')
    """
    return "–" if share is None else f"{share * 100:.0f}%"


@dataclass(frozen=True)
class Attempt:
    """One casus scored by the learner: their assessment, the reference, the casus title and when.

    ``moment`` is an ISO date or time (it sorts the attempts); ``bron`` says where it was scored
    (``"oefening"`` or a group session's code).
    """

    own: Assessment
    reference: Assessment
    casus_titel: str
    moment: str
    bron: str = "oefening"

    def __post_init__(self) -> None:
        if self.own.version != self.reference.version:
            raise ZrmError(
                f"Casus {self.casus_titel!r}: je scores gebruiken {self.own.version}, de referentie "
                f"{self.reference.version}; zet ze eerst om."
            )

    def pairs(self) -> list[tuple[str, int | None, int]]:
        """``(domain id, own level or None, reference level)`` for every domain the reference scored."""
        return [
            (d, self.own.scores[d].level, ref.level)
            for d, ref in self.reference.scores.items()
            if ref.level is not None
        ]

    @property
    def n_compared(self) -> int:
        """Number of domains that count (the reference gave a level)."""
        return len(self.pairs())

    @property
    def n_exact(self) -> int:
        """Domains where the learner gave the reference level."""
        return sum(1 for _, own, ref in self.pairs() if own == ref)

    @property
    def n_within_one(self) -> int:
        """Domains where the learner's level is at most one level from the reference."""
        return sum(1 for _, own, ref in self.pairs() if own is not None and abs(own - ref) <= 1)

    @property
    def exact(self) -> float | None:
        """Share of exact agreement in this attempt (None when no domain counts)."""
        return self.n_exact / self.n_compared if self.n_compared else None

    @property
    def within_one(self) -> float | None:
        """Share of within-one agreement in this attempt."""
        return self.n_within_one / self.n_compared if self.n_compared else None


@dataclass(frozen=True)
class Miss:
    """One place where the learner differed from the reference in a domain, with the reference's rationale."""

    casus_titel: str
    own: int
    reference: int
    rationale: str


@dataclass(frozen=True)
class DomainBias:
    """The learner's mean difference from the reference in one domain."""

    domain_id: str
    name: str
    differences: tuple[int, ...]
    misses: tuple[Miss, ...]

    @property
    def n(self) -> int:
        """How many attempts scored this domain (with the reference scoring it too)."""
        return len(self.differences)

    @property
    def mean(self) -> float | None:
        """Mean of own − reference; positive: the learner scores higher (more self-sufficient)."""
        return sum(self.differences) / self.n if self.n else None

    @property
    def noteworthy(self) -> bool:
        """Whether the mean difference is at least :data:`BIAS_NOTEWORTHY` levels."""
        return self.mean is not None and abs(self.mean) >= BIAS_NOTEWORTHY

    @property
    def sentence(self) -> str:
        """E.g. ``'Je scoort Financiën gemiddeld 0,8 hoger dan de referentie (4 casussen).'``."""
        if self.mean is None:
            return f"{self.name}: nog niet gescoord."
        casussen = f"{self.n} casus{'sen' if self.n != 1 else ''}"
        if abs(self.mean) < 0.05:
            return f"Je scoort {self.name} gemiddeld gelijk aan de referentie ({casussen})."
        way = "hoger" if self.mean > 0 else "lager"
        return f"Je scoort {self.name} gemiddeld {dutch_number(abs(self.mean))} {way} dan de referentie ({casussen})."


@dataclass(frozen=True)
class DomainTrend:
    """The mean distance to the reference in one domain, earlier half against later half of the attempts."""

    domain_id: str
    name: str
    earlier: float
    later: float

    @property
    def direction(self) -> str:
        """``'beter'`` (closer to the reference), ``'slechter'`` or ``'gelijk'``."""
        if self.later < self.earlier:
            return "beter"
        return "slechter" if self.later > self.earlier else "gelijk"


@dataclass(frozen=True)
class CalibrationHistory:
    """Everything "Mijn kalibratie" shows, computed from the attempts (oldest first)."""

    attempts: tuple[Attempt, ...]
    domain_names: dict[str, str]

    @property
    def casus_ids(self) -> tuple[str, ...]:
        """The different casuses scored, in the order they were first scored."""
        return tuple(dict.fromkeys(a.reference.casus_id for a in self.attempts))

    @property
    def n_casuses(self) -> int:
        """Number of different casuses scored."""
        return len(self.casus_ids)

    @property
    def too_little(self) -> bool:
        """Fewer than :data:`MIN_CASUSES` different casuses: too little to conclude anything."""
        return self.n_casuses < MIN_CASUSES

    @property
    def too_little_text(self) -> str:
        """The Dutch warning shown when :attr:`too_little` (empty otherwise)."""
        return TOO_LITTLE if self.too_little else ""

    def _pooled(self, attr: str) -> float | None:
        total = sum(a.n_compared for a in self.attempts)
        return sum(getattr(a, attr) for a in self.attempts) / total if total else None

    @property
    def exact(self) -> float | None:
        """Exact agreement pooled over every counted domain of every attempt."""
        return self._pooled("n_exact")

    @property
    def within_one(self) -> float | None:
        """Within-one agreement pooled over every counted domain of every attempt."""
        return self._pooled("n_within_one")

    def over_time(self) -> list[tuple[str, str, float | None, float | None]]:
        """``(moment, casus title, exact, within one)`` per attempt, oldest first."""
        return [(a.moment, a.casus_titel, a.exact, a.within_one) for a in self.attempts]

    def bias(self, domain_id: str) -> DomainBias:
        """Own − reference in one domain over all attempts, with the casuses where they differed."""
        differences, misses = [], []
        for a in self.attempts:
            own, ref = a.own.scores.get(domain_id), a.reference.scores.get(domain_id)
            if own is None or ref is None or own.level is None or ref.level is None:
                continue
            differences.append(own.level - ref.level)
            if own.level != ref.level:
                misses.append(Miss(a.casus_titel, own.level, ref.level, ref.note))
        return DomainBias(
            domain_id, self.domain_names.get(domain_id, domain_id), tuple(differences), tuple(misses)
        )

    def biases(self) -> list[DomainBias]:
        """Every domain that was scored, largest mean difference first."""
        found = [self.bias(d) for d in self.domain_names]
        return sorted((b for b in found if b.n), key=lambda b: -abs(b.mean or 0))

    def noteworthy_biases(self) -> list[DomainBias]:
        """The domains with a mean difference of at least :data:`BIAS_NOTEWORTHY` levels."""
        return [b for b in self.biases() if b.noteworthy]

    @property
    def confusion(self) -> list[list[int]]:
        """5 × 5 counts: row = own level − 1, column = reference level − 1 (both scored)."""
        table = [[0] * len(LEVELS) for _ in LEVELS]
        for a in self.attempts:
            for _, own, ref in a.pairs():
                if own is not None:
                    table[own - 1][ref - 1] += 1
        return table

    def trends(self) -> list[DomainTrend]:
        """Per domain scored in at least two attempts: mean distance earlier half vs later half."""
        out = []
        for domain_id, name in self.domain_names.items():
            distances = [
                abs(own - ref)
                for a in self.attempts
                for d, own, ref in a.pairs()
                if d == domain_id and own is not None
            ]
            if len(distances) < 2:
                continue
            half = len(distances) // 2
            earlier, later = distances[:half], distances[half:]
            out.append(DomainTrend(domain_id, name, sum(earlier) / len(earlier), sum(later) / len(later)))
        return out

    def improved(self) -> list[DomainTrend]:
        """Domains where the learner came closer to the reference."""
        return [t for t in self.trends() if t.direction == "beter"]

    def summary(self) -> str:
        """A short Dutch reading of the whole history."""
        if not self.attempts:
            return "Je hebt nog geen casus gescoord. " + TOO_LITTLE
        text = (
            f"{len(self.attempts)} keer gescoord, {self.n_casuses} verschillende casus"
            f"{'sen' if self.n_casuses != 1 else ''}: {dutch_percent(self.exact)} precies gelijk aan de "
            f"referentie, {dutch_percent(self.within_one)} hoogstens één niveau ernaast."
        )
        return f"{text} {TOO_LITTLE}" if self.too_little else text


def history(attempts: Iterable[Attempt], domain_names: dict[str, str] | None = None) -> CalibrationHistory:
    """The learner's attempts, oldest first, with the domain names of their ZRM version(s).

    Attempts in different ZRM versions may be mixed; a domain counts under its id.
    """
    ordered = tuple(sorted(attempts, key=lambda a: a.moment))
    if domain_names is None:
        domain_names = {}
        for version_id in dict.fromkeys(a.reference.version for a in ordered):
            for d in load_version(version_id).domains:
                domain_names.setdefault(d.id, d.name)
    return CalibrationHistory(ordered, dict(domain_names))
