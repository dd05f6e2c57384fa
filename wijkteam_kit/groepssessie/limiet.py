"""Rate limiting of failed attempts to get into a group session, kept in the database.

Every Voila page runs in its own process, so a limit kept in memory would count only one page. Here only
FAILED attempts (a wrong join code, herstelcode or trainer secret) are saved, in ``toegangspogingen``, with
the page (one random id per app page), the client address when known, and the time. Before an attempt is
checked, `wait_seconds` counts the failures in the window: per page, per address and in total (see
`Limieten`). Rows older than the window are deleted whenever a failure is recorded.

The failures are kept by `wijkteam_kit.store` (table ``toegangspogingen``); each function here runs in its
own transaction of the store and takes the time as an argument, so tests can move a clock.

Examples
--------
>>> from datetime import UTC, datetime, timedelta
>>> from wijkteam_kit.store import Store
>>> store, now = Store(":memory:"), datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
>>> rules = Limieten(venster_seconden=600, per_pagina=2)
>>> for minute in (0, 3):
...     record_failure(store, "code", "pagina-1", None, now + timedelta(minutes=minute), rules)
>>> later = now + timedelta(minutes=4)
>>> wait_seconds(store, "pagina-1", None, rules, later), wait_seconds(store, "pagina-2", None, rules, later)
(360, 0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.store.groepssessies import add_failure, failure_count, failure_time, failure_times
from wijkteam_kit.store.store import Store

__all__ = ["SOORTEN", "Limieten", "record_failure", "stamp", "wait_seconds"]

SOORTEN = ("code", "herstel", "geheim")  # wrong join code, wrong herstelcode, wrong trainer secret


@dataclass(frozen=True)
class Limieten:
    """How many failed attempts are allowed within ``venster_seconden``.

    ``per_pagina`` failures per app page, ``per_adres`` per client address; when more than ``totaal``
    failures were made in the window by everyone together (a guessing attack from many pages), every page
    and address that failed in the window is refused, while pages without failures still get in.
    """

    venster_seconden: int = 600
    per_pagina: int = 5
    per_adres: int = 30
    totaal: int = 200

    def __post_init__(self) -> None:
        for name in ("venster_seconden", "per_pagina", "per_adres", "totaal"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise WijkteamError(
                    f"Limieten.{name}: verwacht een heel getal van 1 of meer, kreeg {value!r}"
                )


def stamp(moment: datetime) -> str:
    """``moment`` as the store's UTC text (a naive time counts as UTC).

    >>> stamp(datetime(2024, 5, 1, 11, 0))
    '2024-05-01T11:00:00.000000+00:00'
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _times(stamps: list[str]) -> list[datetime]:
    return [datetime.fromisoformat(t) for t in stamps]


def wait_seconds(store: Store, pagina: str, adres: str | None, limieten: Limieten, now: datetime) -> int:
    """0 when this page and address may try now; otherwise the seconds until they may try again."""
    window = timedelta(seconds=limieten.venster_seconden)
    start = stamp(now - window)
    now = datetime.fromisoformat(stamp(now))

    def until(moment: datetime) -> float:
        return (moment + window - now).total_seconds()

    crowd = None  # the failure after which the total is below the limit again, when it is over it now
    with store.transaction("het aantal pogingen controleren") as conn:
        page = _times(failure_times(conn, start, pagina=pagina))
        address = [] if adres is None else _times(failure_times(conn, start, adres=adres))
        total = failure_count(conn, start)
        if total >= limieten.totaal and (page or address):
            crowd = failure_time(conn, start, total - limieten.totaal) or ""
    waits = []
    for times, limit in ((page, limieten.per_pagina), (address, limieten.per_adres)):
        if len(times) >= limit:  # allowed again once enough of the oldest failures left the window
            waits.append(until(times[len(times) - limit]))
    if crowd is not None:
        total_ok = until(datetime.fromisoformat(crowd)) if crowd else 0.0
        waits.append(min(total_ok, until(max(page + address))))  # the crowd calms down, or own slate clean
    longest = max(waits, default=0.0)
    return max(1, math.ceil(longest)) if longest > 0 else 0


def record_failure(
    store: Store, soort: str, pagina: str, adres: str | None, now: datetime, limieten: Limieten
) -> None:
    """Save one failed attempt and delete the ones older than the window."""
    if soort not in SOORTEN:
        raise WijkteamError(f"soort poging: verwacht een van {', '.join(SOORTEN)}, kreeg {soort!r}")
    start = stamp(now - timedelta(seconds=limieten.venster_seconden))
    with store.transaction("een onjuiste poging vastleggen", write=True) as conn:
        add_failure(conn, soort, pagina, adres, stamp(now), forget_before=start)
