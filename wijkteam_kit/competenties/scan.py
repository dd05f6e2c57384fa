"""Self-assessment on a competence framework: the scale, scans, and per competence a score and a phase.

A *scan* is one questionnaire filled in by one rater (``zelf``, ``collega`` or ``leidinggevende``): per
behavioural indicator a frequency on :data:`SCHAAL` or "weet ik niet" (``None``), with an optional example.
The frameworks themselves live in :mod:`wijkteam_kit.competenties.frameworks`, 360° feedback in
:mod:`wijkteam_kit.competenties.feedback360` and development plans and growth in
:mod:`wijkteam_kit.competenties.ontwikkelplan`.

Rules (also in ``docs/competenties.md``):

* competence score = mean of the answered indicators; ``None`` when fewer than half of the competence's
  indicators are answered ("weet ik niet" and skipped indicators do not count);
* phase: below 3.0 *startbekwaam*; from 3.0 *vakbekwaam*; from 4.0 *vakvolwassen*, but only when no
  answered indicator is below 3 (regelmatig) — otherwise *vakbekwaam*.

Examples
--------
>>> fw = load_framework("generalist")
>>> len(fw.competences), fw.competence("durf").name
(7, 'Durf')
>>> answers = {"durf_1": 4, "durf_2": "vaak", "durf_3": 3, "durf_4": "weet ik niet", "durf_5": 5}
>>> scan = Scan.build(fw, "zelf", answers, date="2024-03-01")
>>> s = competence_scores(scan, fw)["durf"]
>>> s.score, s.answered, s.phase
(4.0, 4, 'vakvolwassen')
>>> Scan.from_payload(scan.to_payload()) == scan
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from wijkteam_kit.competenties.frameworks import Framework, load_framework, unknown_message
from wijkteam_kit.errors import CompetentieError
from wijkteam_kit.privacy import privacy_message

__all__ = [
    "FASEN",
    "ROLLEN",
    "SCHAAL",
    "VAKBEKWAAM_VANAF",
    "VAKVOLWASSEN_MINIMUM",
    "VAKVOLWASSEN_VANAF",
    "WEET_IK_NIET",
    "Answer",
    "CompetenceScore",
    "Scan",
    "competence_score",
    "competence_scores",
    "format_score",
    "mastery_phase",
    "parse_date",
    "parse_value",
    "score_values",
]

#: The frequency scale of every indicator: how often do you (does the colleague) show this behaviour?
SCHAAL: dict[int, str] = {1: "nooit", 2: "soms", 3: "regelmatig", 4: "vaak", 5: "altijd"}
#: Label of the "don't know" answer; stored as ``None`` and left out of every mean.
WEET_IK_NIET = "weet ik niet"
_WEET_IK_NIET_WORDS = ("weet ik niet", "weetikniet", "weet niet", "?", "-", "")
#: Rater roles with the label shown to users.
ROLLEN: dict[str, str] = {"zelf": "Zelf", "collega": "Collega", "leidinggevende": "Leidinggevende"}
#: Mastery phases of the Beroepscompetentieprofiel sociaal werker, lowest first.
FASEN: tuple[str, ...] = ("startbekwaam", "vakbekwaam", "vakvolwassen")
VAKBEKWAAM_VANAF = 3.0
VAKVOLWASSEN_VANAF = 4.0
#: For vakvolwassen no answered indicator may be below this value (3 = regelmatig).
VAKVOLWASSEN_MINIMUM = 3


# --------------------------------------------------------------------------- scale and scans
def parse_value(value: object, where: str = "Antwoord") -> int | None:
    """One answer on the scale: 1–5 or a scale word; "weet ik niet" (or empty) gives ``None``.

    >>> parse_value(4), parse_value("vaak"), parse_value("Weet ik niet"), parse_value(None)
    (4, 4, None, None)
    >>> parse_value(6, "durf_1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.CompetentieError: durf_1: 6 past niet op de schaal; kies nooit (1), ...
    """
    choices = ", ".join(f"{w} ({n})" for n, w in SCHAAL.items())
    bad = f"{where}: {value!r} past niet op de schaal; kies {choices} of '{WEET_IK_NIET}'."
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _WEET_IK_NIET_WORDS:
            return None
        words = {w: n for n, w in SCHAAL.items()}
        if text in words:
            return words[text]
        if not text.isdigit():
            raise CompetentieError(bad)
        value = int(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCHAAL:
        raise CompetentieError(bad)
    return value


@dataclass(frozen=True)
class Answer:
    """One indicator's answer: ``value`` 1–5 or ``None`` ("weet ik niet"), and an optional example."""

    value: int | None
    example: str = ""


def _parse_answer(raw: object, where: str) -> Answer:
    if isinstance(raw, Answer):
        raw = (raw.value, raw.example)
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"waarde", "voorbeeld"}
        if unknown:
            raise CompetentieError(
                f"{where}: onbekend veld {sorted(unknown)[0]!r}; gebruik 'waarde' en 'voorbeeld'."
            )
        raw = (raw.get("waarde"), raw.get("voorbeeld", ""))
    if isinstance(raw, (tuple, list)):
        if len(raw) != 2:
            raise CompetentieError(f"{where}: verwacht (waarde, voorbeeld), kreeg {len(raw)} delen.")
        return Answer(parse_value(raw[0], where), str(raw[1] or "").strip())
    return Answer(parse_value(raw, where))


def parse_date(value: object, what: str = "Datum") -> dt.date:
    """A date from a ``date``, a ``datetime`` or ISO text; anything else raises :class:`CompetentieError`.

    >>> parse_date("2024-03-01"), parse_date(dt.datetime(2024, 3, 1, 9, 30))
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 1))
    >>> parse_date("1-3-2024", "Streefdatum")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.CompetentieError: Streefdatum '1-3-2024' is ongeldig; schrijf als JJJJ-MM-DD.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CompetentieError(f"{what} {value!r} is ongeldig; schrijf als JJJJ-MM-DD.") from None


@dataclass(frozen=True)
class Scan:
    """One rater's answers to one framework's questionnaire on one date (never the rater's identity).

    ``answers`` holds only the indicators that were answered (value or "weet ik niet"); build one with
    :meth:`build`, which checks every indicator id and value against the framework.
    """

    framework: str
    role: str
    answers: Mapping[str, Answer]
    date: dt.date

    @classmethod
    def build(
        cls,
        framework: Framework | str | Path,
        role: str,
        answers: Mapping[str, object],
        date: dt.date | str | None = None,
    ) -> Scan:
        """Validate and build; every problem (unknown id, value off the scale, role) is reported at once."""
        fw = load_framework(framework)
        errors = []
        if role not in ROLLEN:
            errors.append(
                unknown_message("rol", role, list(ROLLEN), "de scan") + f" Kies uit {', '.join(ROLLEN)}."
            )
        parsed: dict[str, Answer] = {}
        known = set(fw.indicator_ids)
        for key, raw in answers.items():
            if key not in known:
                errors.append(unknown_message("indicator", key, fw.indicator_ids, fw.name))
                continue
            try:
                parsed[key] = _parse_answer(raw, key)
            except CompetentieError as exc:
                errors.append(str(exc))
        if errors:
            raise CompetentieError("\n".join(errors))
        order = {i: n for n, i in enumerate(fw.indicator_ids)}
        ordered = dict(sorted(parsed.items(), key=lambda kv: order[kv[0]]))
        return cls(fw.id, role, ordered, parse_date(date) if date is not None else dt.date.today())

    def value(self, indicator_id: str) -> int | None:
        """The value 1–5, or ``None`` for "weet ik niet" and for indicators not answered."""
        answer = self.answers.get(indicator_id)
        return answer.value if answer else None

    def missing(self, framework: Framework | None = None) -> list[str]:
        """Indicator ids not yet answered (not even "weet ik niet"), in questionnaire order."""
        fw = load_framework(framework or self.framework)
        return [i for i in fw.indicator_ids if i not in self.answers]

    def warnings(self) -> list[str]:
        """Privacy warnings for examples that contain something like a BSN or phone number."""
        return [f"{key}: {msg}" for key, a in self.answers.items() if (msg := privacy_message(a.example))]

    def to_payload(self) -> dict[str, Any]:
        """A JSON-ready dict (what the store saves); :meth:`from_payload` reads it back."""
        return {
            "kader": self.framework,
            "rol": self.role,
            "datum": self.date.isoformat(),
            "antwoorden": {k: {"waarde": a.value, "voorbeeld": a.example} for k, a in self.answers.items()},
        }

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any], framework: Framework | None = None) -> Scan:
        """Rebuild (and re-validate) a scan from :meth:`to_payload` output."""
        if not isinstance(payload, Mapping):
            raise CompetentieError(f"Een scan moet een groep velden zijn, kreeg {type(payload).__name__}.")
        missing = [k for k in ("kader", "rol", "datum", "antwoorden") if k not in payload]
        if missing:
            raise CompetentieError(f"De scan mist het veld {missing[0]!r}.")
        fw = load_framework(framework or payload["kader"])
        if fw.id != payload["kader"]:
            raise CompetentieError(f"De scan hoort bij {payload['kader']!r}, niet bij {fw.id!r}.")
        return cls.build(fw, payload["rol"], payload["antwoorden"], payload["datum"])


# --------------------------------------------------------------------------- scoring
def format_score(score: float | None) -> str:
    """A score with one decimal (halves rounded up) and a Dutch comma; ``'–'`` for None.

    >>> format_score(3.666), format_score(4), format_score(2.25), format_score(None)
    ('3,7', '4,0', '2,3', '–')
    """
    if score is None:
        return "–"
    rounded = Decimal(repr(round(score, 9))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:.1f}".replace(".", ",")


def competence_score(values: Sequence[int | None]) -> float | None:
    """Mean of the answered values; ``None`` when fewer than half of them are answered.

    ``values`` has one entry per indicator of the competence (``None`` = "weet ik niet" or skipped).

    >>> competence_score([4, 3, None, None])  # 2 of 4 answered: exactly half is enough
    3.5
    >>> competence_score([4, None, None, None, 5]) is None  # 2 of 5: fewer than half
    True
    """
    answered = [v for v in values if v is not None]
    if not answered or 2 * len(answered) < len(values):
        return None
    return sum(answered) / len(answered)


def mastery_phase(values: Sequence[int | None]) -> str | None:
    """The phase by the documented rules, or ``None`` when there is no score.

    >>> mastery_phase([3, 3, 2, 3]), mastery_phase([3, 3, 3]), mastery_phase([4, 4, 4])
    ('startbekwaam', 'vakbekwaam', 'vakvolwassen')
    >>> mastery_phase([5, 5, 5, 2])  # mean 4.25, but one indicator below 3
    'vakbekwaam'
    """
    if competence_score(values) is None:
        return None
    answered = [v for v in values if v is not None]
    total, n = sum(answered), len(answered)  # compare sums: no rounding trouble at the boundaries
    if total < VAKBEKWAAM_VANAF * n:
        return "startbekwaam"
    if total >= VAKVOLWASSEN_VANAF * n and min(answered) >= VAKVOLWASSEN_MINIMUM:
        return "vakvolwassen"
    return "vakbekwaam"


@dataclass(frozen=True)
class CompetenceScore:
    """Score and phase of one competence in one scan, with a Dutch explanation (``reason``)."""

    competence: str
    name: str
    score: float | None
    answered: int
    total: int
    phase: str | None
    lowest: int | None
    reason: str


def competence_scores(scan: Scan, framework: Framework | None = None) -> dict[str, CompetenceScore]:
    """Score, phase and explanation per competence, in the framework's order."""
    fw = load_framework(framework or scan.framework)
    out = {}
    for comp in fw.competences:
        values = [scan.value(i) for i in comp.indicator_ids]
        answered = [v for v in values if v is not None]
        score, phase = competence_score(values), mastery_phase(values)
        lowest = min(answered) if answered else None
        if score is None:
            reason = (
                f"{len(answered)} van {len(values)} indicatoren beantwoord; "
                "minstens de helft is nodig voor een score"
            )
        elif phase == "vakbekwaam" and score >= VAKVOLWASSEN_VANAF:
            reason = (
                f"gemiddeld {format_score(score)}, maar een indicator staat op {lowest} ({SCHAAL[lowest]}); "
                f"voor vakvolwassen ligt geen indicator onder {VAKVOLWASSEN_MINIMUM}"
            )
        else:
            reason = f"gemiddeld {format_score(score)} over {len(answered)} van {len(values)} indicatoren"
        out[comp.id] = CompetenceScore(
            comp.id, comp.name, score, len(answered), len(values), phase, lowest, reason
        )
    return out


def score_values(scan: Scan | None, framework: Framework | str) -> dict[str, float | None]:
    """The score per competence (``None`` where there is none); every score ``None`` when ``scan`` is None.

    >>> fw = load_framework("generalist")
    >>> score_values(Scan.build(fw, "zelf", {"durf_1": 4, "durf_2": 2, "durf_3": 3}), fw)["durf"]
    3.0
    >>> set(score_values(None, fw).values())
    {None}
    """
    fw = load_framework(framework)
    if scan is None:
        return dict.fromkeys(fw.competence_ids)
    if scan.framework != fw.id:
        raise CompetentieError(f"Een scan van {scan.framework!r} past niet bij {fw.id!r}.")
    return {k: s.score for k, s in competence_scores(scan, fw).items()}
