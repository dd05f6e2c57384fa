"""Warnings for free text that looks like a real client identifier (BSN, phone number).

The kit is for training with fictional casuses: such numbers should never be typed in. We warn rather
than refuse, so nothing a user typed is lost.

Examples
--------
>>> is_bsn("111222333")
True
>>> is_bsn("123456789")
False
>>> [w.kind for w in find_identifiers("Bel mevrouw op 06-12345678, BSN 111222333.")]
['telefoonnummer', 'BSN']
>>> find_identifiers("Geboren in 1948, postcode 9712 AB, 3 kinderen.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["IdentifierWarning", "find_identifiers", "is_bsn", "privacy_message"]

_NUMBER_RUN = re.compile(r"(?<![\d\w])\+?\d[\d \-.]{6,16}\d(?![\d\w])")


@dataclass(frozen=True)
class IdentifierWarning:
    """A piece of text that looks like a BSN or a phone number."""

    kind: str
    text: str


def is_bsn(digits: str) -> bool:
    """Whether nine digits pass the elfproef for a burgerservicenummer.

    The test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (and not all zeros).
    """
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def _is_phone(raw: str, digits: str) -> bool:
    if raw.startswith("+31") or digits.startswith("0031"):
        national = digits[2:] if raw.startswith("+") else digits[4:]
        return len(national) == 9
    return digits.startswith("0") and len(digits) == 10


def find_identifiers(text: str) -> list[IdentifierWarning]:
    """Every BSN-like or phone-like number in ``text``, in order of appearance."""
    found = []
    for match in _NUMBER_RUN.finditer(text or ""):
        raw = match.group(0).strip()
        digits = re.sub(r"\D", "", raw)
        if _is_phone(raw, digits):
            found.append(IdentifierWarning("telefoonnummer", raw))
        elif is_bsn(digits):
            found.append(IdentifierWarning("BSN", raw))
    return found


def privacy_message(text: str) -> str:
    """A friendly Dutch warning for the identifiers in ``text``, or ``''`` when there are none.

    >>> privacy_message("tel 0612345678")  # doctest: +ELLIPSIS
    'Let op: dit lijkt op een echt telefoonnummer (0612345678). Gebruik alleen verzonnen gegevens; ...'
    """
    hits = find_identifiers(text)
    if not hits:
        return ""
    what = ", ".join(
        f"een echt {h.kind} ({h.text})" if h.kind == "telefoonnummer" else f"een {h.kind} ({h.text})"
        for h in hits
    )
    return f"Let op: dit lijkt op {what}. Gebruik alleen verzonnen gegevens; deze kit is voor oefencasussen."
