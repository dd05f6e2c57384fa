"""The step runner: one timer per step, with pause, resume, next, skip and back, and notes per step.

Pure logic with an injectable clock (a function returning seconds), so the apps drive it with a browser
tick and the tests with a fake clock. Time spent while paused counts for no step. Going back to a step
continues its timer where it stopped.

A step is *bijna om* when at most ``max(60 s, 10%)`` of its planned time is left, and *over* once the time
spent is more than planned.

Examples
--------
>>> now = [0.0]
>>> r = StapRunner([5, 15], titels=["Vraag", "Verkenning"], clock=lambda: now[0])
>>> r.start(); now[0] = 200.0
>>> r.elapsed(), r.remaining(), r.fase()
(200.0, 100.0, 'op tijd')
>>> now[0] = 490.0
>>> r.fase(), r.overrun_text()
('over', '3 minuten over de tijd')
>>> r.next(); r.pause(); now[0] = 1000.0; r.resume(); now[0] = 1060.0
>>> r.index, r.elapsed(), r.paused_seconds()
(1, 60.0, 510.0)
>>> klok(r.total_elapsed())
'09:10'
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from wijkteam_kit.errors import StappenError

__all__ = [
    "BIJNA_FRACTIE",
    "BIJNA_SECONDEN",
    "Clock",
    "StapRunner",
    "StapStatus",
    "StapTijd",
    "Tijdfase",
    "klok",
    "overtijd_tekst",
]

Clock = Callable[[], float]
StapStatus = Literal["wacht", "bezig", "gepauzeerd", "klaar", "overgeslagen"]
Tijdfase = Literal["op tijd", "bijna", "over"]

BIJNA_SECONDEN = 60.0
"""A step is 'bijna om' when at most this many seconds are left (or :data:`BIJNA_FRACTIE`, whichever is more)."""
BIJNA_FRACTIE = 0.1
"""… or at most this fraction of its planned time."""


class _HasStep(Protocol):
    titel: str
    minuten: int


def klok(seconds: float) -> str:
    """Seconds as a clock: ``mm:ss``, or ``u:mm:ss`` from an hour on (negative numbers as 0).

    >>> klok(65), klok(0), klok(3725.9)
    ('01:05', '00:00', '1:02:05')
    """
    s = max(0, math.floor(seconds))
    hours, rest = divmod(s, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def overtijd_tekst(seconds: float) -> str:
    """How far over time, in words ('' when not over): whole minutes, or seconds under a minute.

    >>> overtijd_tekst(0), overtijd_tekst(40), overtijd_tekst(61), overtijd_tekst(200)
    ('', '40 seconden over de tijd', '1 minuut over de tijd', '3 minuten over de tijd')
    """
    s = math.floor(seconds)
    if s <= 0:
        return ""
    if s < 60:
        return f"{s} {'seconde' if s == 1 else 'seconden'} over de tijd"
    m = s // 60
    return f"{m} {'minuut' if m == 1 else 'minuten'} over de tijd"


@dataclass(frozen=True)
class StapTijd:
    """A snapshot of one step's time: planned and elapsed seconds, status and phase."""

    index: int
    titel: str
    gepland: float
    verstreken: float
    status: StapStatus
    fase: Tijdfase

    @property
    def resterend(self) -> float:
        """Planned minus elapsed seconds (negative when over time)."""
        return self.gepland - self.verstreken

    @property
    def overtijd(self) -> float:
        """Seconds over the planned time (0 when not over)."""
        return max(0.0, self.verstreken - self.gepland)


class StapRunner:
    """Times a sequence of steps.

    Parameters
    ----------
    minuten : sequence of numbers
        Planned minutes per step (at least one step; 0 is allowed and is over time at once).
    titels : sequence of str, optional
        Step titles (default ``"Stap 1"``, …).
    clock : callable returning seconds
        Default :func:`time.monotonic`; pass a fake clock in tests. A clock that goes back counts as standing
        still.
    """

    def __init__(
        self, minuten: Sequence[float], *, titels: Sequence[str] | None = None, clock: Clock = time.monotonic
    ) -> None:
        self.planned_minutes = tuple(float(m) for m in minuten)
        if not self.planned_minutes or any(m < 0 for m in self.planned_minutes):
            raise StappenError("Een bijeenkomst heeft minstens één stap nodig, met 0 of meer minuten per stap.")
        n = len(self.planned_minutes)
        self.titels = tuple(titels) if titels is not None else tuple(f"Stap {i}" for i in range(1, n + 1))
        if len(self.titels) != n:
            raise StappenError(f"Er zijn {n} stappen maar {len(self.titels)} titels.")
        self.clock = clock
        self.index = 0
        self.started = False
        self.ended = False
        self.paused = False
        self._acc = [0.0] * n
        self._done: set[int] = set()
        self._skipped: set[int] = set()
        self._since: float | None = None  # start of the running segment of the current step
        self._pause_since: float | None = None
        self._paused_total = 0.0
        self._started_at: float | None = None
        self._ended_at: float | None = None
        self._last = -math.inf
        self._notes: dict[int, str] = {}

    @classmethod
    def from_steps(cls, steps: Iterable[_HasStep], clock: Clock = time.monotonic) -> StapRunner:
        """A runner for steps that have ``titel`` and ``minuten`` (such as a method's steps)."""
        steps = list(steps)
        return cls([s.minuten for s in steps], titels=[s.titel for s in steps], clock=clock)

    # ------------------------------------------------------------------ clock
    def _now(self) -> float:
        """The clock, never going back."""
        self._last = max(self._last, float(self.clock()))
        return self._last

    def _commit(self, now: float) -> None:
        if self._since is not None:
            self._acc[self.index] += now - self._since
            self._since = now

    def _require_running(self, what: str) -> None:
        if not self.started:
            raise StappenError(f"De bijeenkomst is nog niet gestart; start eerst voordat je {what}.")
        if self.ended:
            raise StappenError(f"De bijeenkomst is al afgerond; {what} kan niet meer.")

    @property
    def n(self) -> int:
        """Number of steps."""
        return len(self.planned_minutes)

    @property
    def running(self) -> bool:
        """Started, not paused and not ended: the current step's timer runs."""
        return self.started and not self.paused and not self.ended

    # ------------------------------------------------------------------ actions
    def start(self) -> None:
        """Start the first step (starting twice is an error)."""
        if self.started:
            raise StappenError("De bijeenkomst is al gestart.")
        now = self._now()
        self.started = True
        self._started_at = self._since = now

    def pause(self) -> None:
        """Stop the clock of the current step (no effect when already paused)."""
        self._require_running("pauzeert")
        if self.paused:
            return
        now = self._now()
        self._commit(now)
        self._since = None
        self.paused = True
        self._pause_since = now

    def resume(self) -> None:
        """Let the clock of the current step run again (no effect when not paused)."""
        self._require_running("verdergaat")
        if not self.paused:
            return
        now = self._now()
        self._paused_total += now - (self._pause_since or now)
        self._pause_since = None
        self.paused = False
        self._since = now

    def _move(self, to: int) -> None:
        now = self._now()
        self._commit(now)
        if to >= self.n:
            self.end()
            return
        self.index = to
        self._done.discard(to)
        self._skipped.discard(to)
        self._since = None if self.paused else now

    def next(self) -> None:
        """Finish the current step and start the next; after the last step the session ends."""
        self._require_running("naar de volgende stap gaat")
        self._done.add(self.index)
        self._move(self.index + 1)

    def skip(self) -> None:
        """Skip the current step (marked 'overgeslagen'; time spent on it stays counted) and go on."""
        self._require_running("een stap overslaat")
        self._skipped.add(self.index)
        self._move(self.index + 1)

    def back(self) -> bool:
        """Go back to the previous step, whose timer continues; False (no change) on the first step."""
        self._require_running("teruggaat")
        if self.index == 0:
            return False
        self._move(self.index - 1)
        return True

    def end(self) -> None:
        """End the session now (the current step counts as done unless it was skipped)."""
        self._require_running("afrondt")
        now = self._now()
        self._commit(now)
        if self.paused:
            self._paused_total += now - (self._pause_since or now)
            self._pause_since = None
            self.paused = False
        if self.index not in self._skipped:
            self._done.add(self.index)
        self._since = None
        self.ended = True
        self._ended_at = now

    # ------------------------------------------------------------------ times
    def _i(self, i: int | None) -> int:
        i = self.index if i is None else i
        if not 0 <= i < self.n:
            raise StappenError(f"Stap {i + 1} bestaat niet; er zijn {self.n} stappen.")
        return i

    def planned(self, i: int | None = None) -> float:
        """Planned seconds of step ``i`` (default: the current step)."""
        return self.planned_minutes[self._i(i)] * 60.0

    def elapsed(self, i: int | None = None) -> float:
        """Seconds spent on step ``i`` so far (pauses excluded)."""
        i = self._i(i)
        live = self._now() - self._since if (i == self.index and self._since is not None) else 0.0
        return self._acc[i] + live

    def remaining(self, i: int | None = None) -> float:
        """Planned minus elapsed seconds (negative when over time)."""
        return self.planned(i) - self.elapsed(i)

    def overrun(self, i: int | None = None) -> float:
        """Seconds over the planned time (0 when not over)."""
        return max(0.0, -self.remaining(i))

    def is_overrun(self, i: int | None = None) -> bool:
        """Whether step ``i`` took longer than planned."""
        return self.overrun(i) > 0

    def overrun_text(self, i: int | None = None) -> str:
        """``"3 minuten over de tijd"`` ('' when not over)."""
        return overtijd_tekst(self.overrun(i))

    def fase(self, i: int | None = None) -> Tijdfase:
        """``"op tijd"``, ``"bijna"`` (little time left) or ``"over"``."""
        left = self.remaining(i)
        if left < 0:
            return "over"
        return "bijna" if left <= max(BIJNA_SECONDEN, BIJNA_FRACTIE * self.planned(i)) else "op tijd"

    def status(self, i: int | None = None) -> StapStatus:
        """``wacht``, ``bezig``, ``gepauzeerd``, ``klaar`` or ``overgeslagen``."""
        i = self._i(i)
        if i in self._skipped:
            return "overgeslagen"
        if i in self._done:
            return "klaar"
        if self.started and not self.ended and i == self.index:
            return "gepauzeerd" if self.paused else "bezig"
        return "wacht"

    def snapshot(self, i: int | None = None) -> StapTijd:
        """Everything about step ``i`` at this moment."""
        i = self._i(i)
        return StapTijd(i, self.titels[i], self.planned(i), self.elapsed(i), self.status(i), self.fase(i))

    def snapshots(self) -> list[StapTijd]:
        """:meth:`snapshot` of every step."""
        return [self.snapshot(i) for i in range(self.n)]

    def total_planned(self) -> float:
        """Planned seconds of all steps."""
        return sum(self.planned_minutes) * 60.0

    def total_elapsed(self) -> float:
        """Seconds spent on all steps together (pauses excluded)."""
        return sum(self.elapsed(i) for i in range(self.n))

    def paused_seconds(self) -> float:
        """Seconds spent paused (including a pause that is still going on)."""
        extra = self._now() - self._pause_since if self._pause_since is not None else 0.0
        return self._paused_total + extra

    def wall_seconds(self) -> float:
        """Seconds from the start until now (or the end), pauses included; 0 before the start."""
        if self._started_at is None:
            return 0.0
        end = self._ended_at if self._ended_at is not None else self._now()
        return end - self._started_at

    # ------------------------------------------------------------------ a draft of the runner
    def toestand(self) -> dict[str, Any]:
        """The runner as JSON-ready data (for a draft): current step, seconds per step, done, skipped, notes.

        >>> t = [0.0]
        >>> r = StapRunner([5, 10], clock=lambda: t[0])
        >>> r.start(); t[0] = 90.0; r.set_note("Kim vertelt"); r.next(); t[0] = 100.0
        >>> copy = StapRunner([5, 10], clock=lambda: 500.0)
        >>> copy.herstel(r.toestand())
        >>> copy.index, copy.elapsed(0), copy.elapsed(1), copy.paused, copy.note(0)
        (1, 90.0, 10.0, True, 'Kim vertelt')
        """
        return {
            "index": self.index,
            "gestart": self.started,
            "afgerond": self.ended,
            "seconden": [round(self.elapsed(i), 1) for i in range(self.n)],
            "klaar": sorted(self._done),
            "overgeslagen": sorted(self._skipped),
            "notities": {str(k): v for k, v in sorted(self._notes.items())},
        }

    def herstel(self, toestand: Mapping[str, Any]) -> None:
        """Put the runner back as :meth:`toestand` kept it; a session that was running comes back paused."""
        seconds = [float(x) for x in toestand.get("seconden", ())]
        if len(seconds) != self.n or any(x < 0 for x in seconds):
            raise StappenError(f"De bewaarde bijeenkomst past niet bij deze methode ({self.n} stappen).")
        now = self._now()
        self._acc = seconds
        self.index = min(max(int(toestand.get("index", 0)), 0), self.n - 1)
        self.started, self.ended = bool(toestand.get("gestart")), bool(toestand.get("afgerond"))
        self._done = {int(i) for i in toestand.get("klaar", ()) if 0 <= int(i) < self.n}
        self._skipped = {int(i) for i in toestand.get("overgeslagen", ()) if 0 <= int(i) < self.n}
        notes = toestand.get("notities") or {}
        self._notes = {int(k): str(v) for k, v in notes.items() if 0 <= int(k) < self.n and str(v).strip()}
        self._since, self._paused_total = None, 0.0
        self._started_at = now - sum(seconds) if self.started else None
        self._ended_at = now if self.ended else None
        self.paused = self.started and not self.ended
        self._pause_since = now if self.paused else None

    # ------------------------------------------------------------------ notes
    def set_note(self, text: str, i: int | None = None) -> None:
        """Keep the observations of step ``i`` (default: the current step); empty text removes them."""
        i = self._i(i)
        if str(text).strip():
            self._notes[i] = str(text)
        else:
            self._notes.pop(i, None)

    def note(self, i: int | None = None) -> str:
        """The observations of step ``i`` ('' when none)."""
        return self._notes.get(self._i(i), "")

    @property
    def notes(self) -> dict[int, str]:
        """Step index → observations, for the steps that have any (in step order)."""
        return dict(sorted(self._notes.items()))
