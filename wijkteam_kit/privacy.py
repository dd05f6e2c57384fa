"""Warnings for free text that looks like a real client identifier (BSN, phone number, street address).

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
>>> [w.text for w in find_identifiers("Ze woont op de Prinses Beatrixlaan 112b, vlak bij de markt.")]
['Prinses Beatrixlaan 112b']
>>> find_identifiers("Hij is weg 5 dagen; de Dorpsstraat is druk.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["IdentifierWarning", "find_identifiers", "is_bsn", "privacy_message"]

_NUMBER_RUN = re.compile(r"(?<![\d\w])\+?\d[\d \-.]{6,16}\d(?![\d\w])")
#: A street name with a house number: a capitalised word ending in a Dutch street word, then 1–4 digits and
#: an optional letter ("Kerkstraat 12", "Prinses Beatrixlaan 112b", "Oude Gracht 3 A").
_ADDRESS = re.compile(
    r"(?<!\w)(?:[A-Z][\w'-]*\s+){0,3}[A-Z]?[a-zà-ÿ'-]*"
    r"(?i:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|hof|pad|plantsoen|markt|boulevard|"
    r"allee|erf|wal|haven|park|ring|baan|hoek)"
    r"\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?![\d,.]\d)(?!\w)",
)


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
    """Every BSN-like or phone-like number and every street address in ``text``, numbers first."""
    found = []
    for match in _NUMBER_RUN.finditer(text or ""):
        raw = match.group(0).strip()
        digits = re.sub(r"\D", "", raw)
        if _is_phone(raw, digits):
            found.append(IdentifierWarning("telefoonnummer", raw))
        elif is_bsn(digits):
            found.append(IdentifierWarning("BSN", raw))
    for match in _ADDRESS.finditer(text or ""):
        if match.group(0)[:1].isupper():
            found.append(IdentifierWarning("adres", match.group(0).strip()))
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
        f"een echt {h.kind} ({h.text})" if h.kind in ("telefoonnummer", "adres") else f"een {h.kind} ({h.text})"
        for h in hits
    )
    return f"Let op: dit lijkt op {what}. Gebruik alleen verzonnen gegevens; deze kit is voor oefencasussen."
