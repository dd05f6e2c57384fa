"""Competence frameworks, self-assessment, 360° feedback, development plans and growth.

A *framework* (``generalist``, ``movisie-mo``, ``movisie-2017``, ``wmo-wijzer``) is a YAML data file under
``wijkteam_kit/data/competenties/``; a trainer adds one as a YAML file (see ``docs/competenties.md``). A
*scan* is one questionnaire filled in by one rater (``zelf``, ``collega`` or ``leidinggevende``): per
behavioural indicator a frequency on :data:`SCHAAL` or "weet ik niet" (``None``), with an optional example.

Rules (also in ``docs/competenties.md``):

* competence score = mean of the answered indicators; ``None`` when fewer than half of the competence's
  indicators are answered ("weet ik niet" and skipped indicators do not count);
* phase: below 3.0 *startbekwaam*; from 3.0 *vakbekwaam*; from 4.0 *vakvolwassen*, but only when no
  answered indicator is below 3 (regelmatig) — otherwise *vakbekwaam*;
* 360°: colleagues' ratings are shown only when at least :data:`MIN_BEOORDELAARS` colleagues scored a
  competence; otherwise no peer number at all, only "te weinig beoordelaars".

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
import difflib
import os
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ._data import data_path
from ._schema import validate_model
from .errors import DataFileError, WijkteamError
from .privacy import privacy_message
from .yamlsource import load_yaml_file

__all__ = [
    "FASEN",
    "FRAMEWORKS_ENV",
    "MIN_BEOORDELAARS",
    "ROLLEN",
    "SCHAAL",
    "VAKBEKWAAM_VANAF",
    "VAKVOLWASSEN_MINIMUM",
    "VAKVOLWASSEN_VANAF",
    "WEET_IK_NIET",
    "Answer",
    "Competence",
    "CompetenceScore",
    "CompetentieError",
    "DevelopmentPlan",
    "FeedbackProfile",
    "FeedbackRow",
    "Framework",
    "Growth",
    "Indicator",
    "Scan",
    "available_frameworks",
    "competence_score",
    "competence_scores",
    "feedback_profile",
    "format_score",
    "growth",
    "load_framework",
    "mastery_phase",
    "parse_value",
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
#: Fewest colleagues whose ratings of a competence may be shown (anonymity).
MIN_BEOORDELAARS = 3
#: Environment variable with extra framework folders or files (separated by ``os.pathsep``).
FRAMEWORKS_ENV = "WIJKTEAM_COMPETENTIEKADERS"
_ID = r"^[a-z][a-z0-9_-]*$"


class CompetentieError(WijkteamError, ValueError):
    """A scan, plan or 360° input that cannot be right: unknown indicator, value off the scale."""


def _unknown(kind: str, value: object, known: Sequence[str], where: str) -> str:
    guess = difflib.get_close_matches(str(value), list(known), n=1)
    hint = f" Bedoelde u '{guess[0]}'?" if guess else ""
    return f"Onbekende {kind} {value!r} in {where}.{hint}"


# --------------------------------------------------------------------------- framework files
def _number_as_text(value: object) -> object:
    """YAML reads ``versie: 2013`` as a number; accept it as text."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class _IndicatorFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=_ID)
    tekst: str = Field(min_length=1)


class _CompetenceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=_ID)
    naam: str = Field(min_length=1)
    omschrijving: str = Field(min_length=1)
    groep: str = ""
    indicatoren: list[_IndicatorFile] = Field(min_length=2)


class _FrameworkFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=_ID)
    naam: str = Field(min_length=1)
    bron: str = Field(min_length=1)
    versie: Annotated[str, BeforeValidator(_number_as_text)]
    omschrijving: str = Field(min_length=1)
    competenties: list[_CompetenceFile] = Field(min_length=1)


@dataclass(frozen=True)
class Indicator:
    """One observable behaviour, written in the "ik"-form so it works for a self-rating."""

    id: str
    text: str
    competence: str


@dataclass(frozen=True)
class Competence:
    """One competence with its indicators; ``group`` is an optional heading (Wmo-wijzer)."""

    id: str
    name: str
    description: str
    indicators: tuple[Indicator, ...]
    group: str = ""

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """Indicator ids in questionnaire order."""
        return tuple(i.id for i in self.indicators)


@dataclass(frozen=True)
class Framework:
    """A competence framework; load one with :func:`load_framework`."""

    id: str
    name: str
    source: str
    version: str
    description: str
    competences: tuple[Competence, ...]

    @property
    def competence_ids(self) -> tuple[str, ...]:
        """Competence ids in the framework's order."""
        return tuple(c.id for c in self.competences)

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """All indicator ids in questionnaire order."""
        return tuple(i for c in self.competences for i in c.indicator_ids)

    @property
    def groups(self) -> tuple[str, ...]:
        """Distinct group headings in order of first appearance (empty strings left out)."""
        return tuple(dict.fromkeys(c.group for c in self.competences if c.group))

    def competence(self, competence_id: str) -> Competence:
        """The competence with this id; an unknown id raises :class:`CompetentieError` with a suggestion."""
        for c in self.competences:
            if c.id == competence_id:
                return c
        raise CompetentieError(_unknown("competentie", competence_id, self.competence_ids, self.name))

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; an unknown id raises :class:`CompetentieError` with a suggestion."""
        for c in self.competences:
            for i in c.indicators:
                if i.id == indicator_id:
                    return i
        raise CompetentieError(_unknown("indicator", indicator_id, self.indicator_ids, self.name))


def _framework_files() -> dict[str, Path]:
    """Framework id (file stem) → file; files from :data:`FRAMEWORKS_ENV` win over the kit's own."""
    files = {p.stem: p for p in sorted(data_path("competenties").glob("*.yaml"))}
    for entry in os.environ.get(FRAMEWORKS_ENV, "").split(os.pathsep):
        if entry.strip():
            path = Path(entry.strip())
            for p in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
                files[p.stem] = p
    return files


def available_frameworks() -> list[str]:
    """Ids of the frameworks that :func:`load_framework` finds by id.

    >>> available_frameworks()
    ['generalist', 'movisie-2017', 'movisie-mo', 'wmo-wijzer']
    """
    return sorted(_framework_files())


_CACHE: dict[tuple[str, int], Framework] = {}


def load_framework(id_or_path: str | Path | Framework) -> Framework:
    """Load a framework by id (``'generalist'``) or from a YAML file path; validated on load.

    Every problem in the file (missing field, duplicate id, id that differs from the file name) raises
    :class:`~wijkteam_kit.errors.DataFileError` naming the file, line and field.

    >>> load_framework("wmo-wijzer").groups
    ('Enkelvoudige vragen', 'Complexe vragen', 'Persoonlijke competenties')
    """
    if isinstance(id_or_path, Framework):
        return id_or_path
    path = Path(id_or_path)
    if not path.suffix:
        files = _framework_files()
        if str(id_or_path) not in files:
            raise CompetentieError(
                f"Onbekend competentiekader {str(id_or_path)!r}; beschikbaar: {', '.join(sorted(files))}."
            )
        path = files[str(id_or_path)]
    key = (str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)
    if key not in _CACHE:
        _CACHE[key] = _read_framework(path)
    return _CACHE[key]


def _read_framework(path: Path) -> Framework:
    doc = load_yaml_file(path)
    parsed, problems = validate_model(_FrameworkFile, doc)
    if parsed is None:
        raise DataFileError(problems)
    if parsed.id != path.stem:
        problems.append(
            doc.problem(("id",), f"id {parsed.id!r} past niet bij de bestandsnaam; verwacht {path.stem!r}")
        )
    seen_c: set[str] = set()
    seen_i: dict[str, str] = {}
    for i, comp in enumerate(parsed.competenties):
        if comp.id in seen_c:
            problems.append(
                doc.problem(("competenties", i, "id"), f"competentie {comp.id!r} komt twee keer voor")
            )
        seen_c.add(comp.id)
        for j, ind in enumerate(comp.indicatoren):
            if ind.id in seen_i:
                problems.append(
                    doc.problem(
                        ("competenties", i, "indicatoren", j, "id"),
                        f"indicator {ind.id!r} komt twee keer voor (eerder bij competentie "
                        f"{seen_i[ind.id]!r}); geef elke indicator een eigen id",
                    )
                )
            seen_i.setdefault(ind.id, comp.id)
    if problems:
        raise DataFileError(problems)
    return Framework(
        id=parsed.id,
        name=parsed.naam,
        source=parsed.bron.strip(),
        version=parsed.versie,
        description=parsed.omschrijving.strip(),
        competences=tuple(
            Competence(
                c.id,
                c.naam,
                c.omschrijving.strip(),
                tuple(Indicator(i.id, i.tekst.strip(), c.id) for i in c.indicatoren),
                c.groep,
            )
            for c in parsed.competenties
        ),
    )


# --------------------------------------------------------------------------- scale and scans
def parse_value(value: object, where: str = "Antwoord") -> int | None:
    """One answer on the scale: 1–5 or a scale word; "weet ik niet" (or empty) gives ``None``.

    >>> parse_value(4), parse_value("vaak"), parse_value("Weet ik niet"), parse_value(None)
    (4, 4, None, None)
    >>> parse_value(6, "durf_1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wijkteam_kit.competenties.CompetentieError: durf_1: 6 past niet op de schaal; kies nooit (1), ...
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


def _parse_date(value: object, what: str = "Datum") -> dt.date:
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
            errors.append(_unknown("rol", role, list(ROLLEN), "de scan") + f" Kies uit {', '.join(ROLLEN)}.")
        parsed: dict[str, Answer] = {}
        known = set(fw.indicator_ids)
        for key, raw in answers.items():
            if key not in known:
                errors.append(_unknown("indicator", key, fw.indicator_ids, fw.name))
                continue
            try:
                parsed[key] = _parse_answer(raw, key)
            except CompetentieError as exc:
                errors.append(str(exc))
        if errors:
            raise CompetentieError("\n".join(errors))
        order = {i: n for n, i in enumerate(fw.indicator_ids)}
        ordered = dict(sorted(parsed.items(), key=lambda kv: order[kv[0]]))
        return cls(fw.id, role, ordered, _parse_date(date) if date is not None else dt.date.today())

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


def _scores(scan: Scan | None, fw: Framework) -> dict[str, float | None]:
    if scan is None:
        return dict.fromkeys(fw.competence_ids)
    if scan.framework != fw.id:
        raise CompetentieError(f"Een scan van {scan.framework!r} past niet bij {fw.id!r}.")
    return {k: s.score for k, s in competence_scores(scan, fw).items()}


# --------------------------------------------------------------------------- 360° feedback
@dataclass(frozen=True)
class FeedbackRow:
    """One competence in a 360° profile; peer fields are ``None`` whenever peers are hidden."""

    competence: str
    name: str
    self_score: float | None
    peer_mean: float | None
    peer_sd: float | None
    peer_count: int | None
    leader_score: float | None
    peers_shown: bool


@dataclass(frozen=True)
class FeedbackProfile:
    """Self, colleagues (anonymous, aggregated) and team leader per competence."""

    framework: str
    peer_total: int
    peers_shown: bool
    message: str
    rows: tuple[FeedbackRow, ...]

    def row(self, competence_id: str) -> FeedbackRow:
        """The row of one competence."""
        for r in self.rows:
            if r.competence == competence_id:
                return r
        raise CompetentieError(
            _unknown("competentie", competence_id, [r.competence for r in self.rows], "het profiel")
        )

    def peer_means(self) -> dict[str, float | None]:
        """Peer mean per competence (``None`` where hidden); ``{}`` when no peer numbers may be shown."""
        return {r.competence: r.peer_mean for r in self.rows} if self.peers_shown else {}

    def sentences(self) -> list[str]:
        """The profile in plain Dutch, one sentence per competence after the overall message."""
        out = [self.message]
        for r in self.rows:
            parts = [f"zelf {format_score(r.self_score)}"]
            if r.peers_shown:
                parts.append(
                    f"collega's gemiddeld {format_score(r.peer_mean)} (spreiding {format_score(r.peer_sd)}, "
                    f"{r.peer_count} beoordelaars)"
                )
            elif self.peers_shown:
                parts.append("collega's: te weinig beoordelaars voor deze competentie")
            if r.leader_score is not None:
                parts.append(f"leidinggevende {format_score(r.leader_score)}")
            out.append(f"{r.name}: {', '.join(parts)}.")
        return out


def feedback_profile(
    self_scan: Scan,
    peer_scans: Iterable[Scan] | Mapping[str, Scan],
    leader_scan: Scan | None = None,
    framework: Framework | None = None,
) -> FeedbackProfile:
    """Combine a self scan with colleagues' and the team leader's scans of the same person.

    Colleagues' scores are shown per competence only when at least :data:`MIN_BEOORDELAARS` colleagues
    scored it, and then only as mean and spread (population standard deviation); with fewer than
    :data:`MIN_BEOORDELAARS` peer scans no peer number appears at all. Names (keys of a mapping) are dropped.

    >>> fw = load_framework("generalist")
    >>> me = Scan.build(fw, "zelf", {"durf_1": 4, "durf_2": 4, "durf_3": 4})
    >>> peers = [Scan.build(fw, "collega", {"durf_1": v, "durf_2": v, "durf_3": v}) for v in (2, 3)]
    >>> p = feedback_profile(me, peers)
    >>> p.peers_shown, p.message, p.row("durf").peer_mean
    (False, 'Te weinig beoordelaars: 2 collega-scans, er zijn er minstens 3 nodig.', None)
    """
    fw = load_framework(framework or self_scan.framework)
    peers = list(peer_scans.values() if isinstance(peer_scans, Mapping) else peer_scans)
    for scan, role in [
        (self_scan, "zelf"),
        *((p, "collega") for p in peers),
        (leader_scan, "leidinggevende"),
    ]:
        if scan is not None and scan.role != role:
            raise CompetentieError(f"Verwacht een scan met rol {role!r}, kreeg rol {scan.role!r}.")
    own, leader = _scores(self_scan, fw), _scores(leader_scan, fw)
    shown = len(peers) >= MIN_BEOORDELAARS
    peer_scores = [_scores(p, fw) for p in peers] if shown else []
    rows = []
    for comp in fw.competences:
        values = [s[comp.id] for s in peer_scores if s[comp.id] is not None]
        ok = len(values) >= MIN_BEOORDELAARS
        rows.append(
            FeedbackRow(
                comp.id,
                comp.name,
                own[comp.id],
                statistics.fmean(values) if ok else None,
                statistics.pstdev(values) if ok else None,
                len(values) if ok else None,
                leader[comp.id],
                ok,
            )
        )
    if shown:
        message = f"Beoordeling door {len(peers)} collega's (anoniem, alleen gemiddelde en spreiding)."
    else:
        message = (
            f"Te weinig beoordelaars: {len(peers)} collega-scan{'' if len(peers) == 1 else 's'}, "
            f"er zijn er minstens {MIN_BEOORDELAARS} nodig."
        )
    return FeedbackProfile(fw.id, len(peers), shown, message, tuple(rows))


# --------------------------------------------------------------------------- development plan and growth
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
        wijkteam_kit.competenties.CompetentieError: Schrijf minstens één actie op...
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
        when = _parse_date(date, "Streefdatum")
        today = today or dt.date.today()
        if when <= today:
            errors.append(
                f"De streefdatum {when:%d-%m-%Y} ligt niet in de toekomst; kies een datum na {today:%d-%m-%Y}."
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
            date = _parse_date(payload["datum"], "Streefdatum")
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
            f"De vorige scan ({previous_scan.date:%d-%m-%Y}) is van na de huidige ({current_scan.date:%d-%m-%Y})."
        )
    before, after = competence_scores(previous_scan, fw), competence_scores(current_scan, fw)
    _scores(previous_scan, fw)  # checks the framework of both scans
    _scores(current_scan, fw)
    return {
        c: Growth(c, before[c].name, before[c].score, after[c].score, before[c].phase, after[c].phase)
        for c in fw.competence_ids
    }
