"""Zelfredzaamheid-Matrix: versions, level descriptors and validated assessments.

A *version* (ZRM 2013, ZRM 2017, an organisation's own set of leefgebieden) is a YAML data file under
``wijkteam_kit/data/zrm/``; a trainer can add one without touching code. An *assessment* is one rater's
scores of one household on one date: per domain a whole level 1–5 or "niet besproken / n.v.t." (``None``),
with an optional note and what the level rests on (eigen kracht, netwerk, professionele hulp).

Versions and their files (the version schema, an organisation's own descriptor files, :func:`load_version`)
live in :mod:`wijkteam_kit.zrm.versions`.

Examples
--------
>>> from wijkteam_kit.zrm import load_version
>>> v = load_version("zrm2013")
>>> len(v.domains), v.domain("financien").name
(11, 'Financiën')
>>> a = Assessment.build(v, casus_id="demo", rater="Sanne", scores={"financien": 3, "justitie": "nvt"})
>>> a.level("financien"), a.level("justitie"), a.level("adl")
(3, None, None)
>>> Assessment.build(v, casus_id="demo", rater="Sanne", scores={"financien": 6})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wijkteam_kit.errors.ZrmError: Domein 'financien' (Financiën): niveau 6 bestaat niet; ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from wijkteam_kit.errors import ZrmError
from wijkteam_kit.zrm.versions import (
    LEVELS,
    ZrmVersion,
)

__all__ = ["BASIS", "NIET_BESPROKEN_WORDS", "Assessment", "DomainScore", "parse_level"]

#: Words accepted for "niet besproken / niet van toepassing"; stored as ``None``.
NIET_BESPROKEN_WORDS = ("nvt", "n.v.t.", "niet besproken", "niet van toepassing", "-", "")
#: What a level can rest on (ZRM-KrachtenWijzer idea), with the label shown to users.
BASIS: dict[str, str] = {
    "eigen_kracht": "Eigen kracht",
    "netwerk": "Netwerk",
    "professionele_hulp": "Professionele hulp",
}


# --------------------------------------------------------------------------- levels and assessments
def parse_level(value: object, domain: str = "", domain_name: str = "") -> int | None:
    """Check one level: a whole number 1–5, or a word for "niet besproken" (returns None).

    >>> parse_level(4), parse_level("2"), parse_level("n.v.t."), parse_level(None)
    (4, 2, None, None)
    >>> parse_level(2.5, "adl")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.ZrmError: Domein 'adl': 2.5 is geen geldig niveau; halve niveaus bestaan niet ...
    """
    where = f"Domein {domain!r}" + (f" ({domain_name})" if domain_name else "") if domain else "ZRM"
    if value is None:
        return None
    if isinstance(value, bool):
        raise ZrmError(f"{where}: {value!r} is geen niveau; kies een heel getal van 1 t/m 5 of 'nvt'.")
    if isinstance(value, str):
        text = value.strip().lower()
        if text in NIET_BESPROKEN_WORDS:
            return None
        try:
            value = float(text.replace(",", ".")) if any(c in text for c in ".,") else int(text)
        except ValueError:
            raise ZrmError(
                f"{where}: {value!r} is geen niveau; kies een heel getal van 1 t/m 5 of 'nvt' "
                "(niet besproken)."
            ) from None
    if isinstance(value, float):
        if not value.is_integer():
            raise ZrmError(
                f"{where}: {value} is geen geldig niveau; halve niveaus bestaan niet in de ZRM, "
                "kies een heel getal van 1 t/m 5."
            )
        value = int(value)
    if not isinstance(value, int):
        raise ZrmError(f"{where}: {value!r} is geen niveau; kies een heel getal van 1 t/m 5 of 'nvt'.")
    if value not in LEVELS:
        raise ZrmError(
            f"{where}: niveau {value} bestaat niet; kies een heel getal van 1 t/m 5 of 'nvt' "
            "(niet besproken)."
        )
    return value


@dataclass(frozen=True)
class DomainScore:
    """The score of one domain: level (None = niet besproken), optional note and basis."""

    level: int | None
    note: str = ""
    basis: str | None = None


def _parse_score(version: ZrmVersion, domain_id: str, raw: object) -> DomainScore:
    domain = version.domain(domain_id)
    if isinstance(raw, DomainScore):
        raw = {"level": raw.level, "note": raw.note, "basis": raw.basis}
    if isinstance(raw, Mapping):
        level = parse_level(raw.get("level", raw.get("niveau")), domain.id, domain.name)
        note = str(raw.get("note", raw.get("toelichting", "")) or "")
        basis = raw.get("basis") or None
    else:
        level, note, basis = parse_level(raw, domain.id, domain.name), "", None
    if basis is not None and basis not in BASIS:
        raise ZrmError(
            f"Domein {domain.id!r} ({domain.name}): onbekende basis {basis!r}; kies uit {', '.join(BASIS)}."
        )
    return DomainScore(level, note, basis)


@dataclass(frozen=True)
class Assessment:
    """One rater's ZRM scores of one household on one date.

    ``scores`` holds every domain of the version; domains not given are "niet besproken" (None).
    Build one with :meth:`build`, which validates every value against the version.
    """

    casus_id: str
    rater: str
    version: str
    date: dt.date
    scores: Mapping[str, DomainScore]
    ladder: int | None = None

    @classmethod
    def build(
        cls,
        version: ZrmVersion,
        casus_id: str,
        rater: str,
        scores: Mapping[str, object],
        date: dt.date | str | None = None,
        ladder: int | None = None,
    ) -> Assessment:
        """Validate and build; unknown domains, levels outside 1–5, half levels raise :class:`ZrmError`."""
        for domain_id in scores:
            version.domain(domain_id)  # raises for unknown domains
        parsed = {d: _parse_score(version, d, scores.get(d)) for d in version.domain_ids}
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                raise ZrmError(f"Datum {date!r} is ongeldig; schrijf als JJJJ-MM-DD.") from None
        if ladder is not None:
            from wijkteam_kit.zrm.participatieladder import check_rung

            ladder = check_rung(ladder)
        return cls(casus_id, rater, version.id, date or dt.date.today(), parsed, ladder)

    def level(self, domain_id: str) -> int | None:
        """Level of a domain (None when not discussed); unknown ids raise :class:`ZrmError`."""
        if domain_id not in self.scores:
            raise ZrmError(f"Domein {domain_id!r} hoort niet bij {self.version}.")
        return self.scores[domain_id].level

    def levels(self) -> dict[str, int | None]:
        """All levels by domain id, in the version's order."""
        return {d: s.level for d, s in self.scores.items()}
