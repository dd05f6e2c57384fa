"""Numbers, dates and plurals the Dutch way: the one helper for every text a user reads.

Examples
--------
>>> aantal(1, "kracht", "krachten"), aantal(2, "kracht", "krachten"), aantal(0, "domein", "domeinen")
('1 kracht', '2 krachten', '0 domeinen')
>>> getal(2.5), getal(1234567), getal(0.123, 2)
('2,5', '1.234.567', '0,12')
>>> import datetime as dt
>>> datum_tekst(dt.date(2026, 12, 3)), datum_tekst("2026-03-02")
('3 december 2026', '2 maart 2026')
>>> datum_tijd_tekst(dt.datetime(2026, 12, 3, 14, 5))
'3 december 2026 om 14:05'
>>> opsomming(["Kim", "Ali", "Zoë"]), opsomming(["Kim"]), opsomming([])
('Kim, Ali en Zoë', 'Kim', '')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

__all__ = ["MAANDEN", "aantal", "datum_tekst", "datum_tijd_tekst", "getal", "opsomming"]

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def getal(value: float, decimalen: int | None = None) -> str:
    """A number with a decimal comma and a dot between thousands (``decimalen`` fixes the decimals).

    >>> getal(3.0), getal(-0.5), getal(2.345, 1)
    ('3', '-0,5', '2,3')
    """
    if decimalen is None:
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    else:
        text = f"{value:,.{decimalen}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """``n`` with the noun in the right number: ``'1 kracht'``, ``'2 krachten'``, ``'0 krachten'``."""
    return f"{getal(n)} {enkelvoud if n == 1 else meervoud}"


def _as_date(day: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(day, str):
        return dt.date.fromisoformat(day[:10])
    return day


def datum_tekst(day: dt.date | dt.datetime | str) -> str:
    """A date the Dutch way: ``'3 december 2026'`` (an ISO text such as ``'2026-12-03'`` is read too)."""
    day = _as_date(day)
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"


def datum_tijd_tekst(moment: dt.datetime | str) -> str:
    """A moment in local time: ``'3 december 2026 om 14:05'`` (an aware time is shown in local time)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{datum_tekst(moment)} om {moment:%H:%M}"


def opsomming(items: Iterable[str]) -> str:
    """Items joined the Dutch way: ``'a, b en c'``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
