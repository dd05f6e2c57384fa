"""Group analysis of a ZRM session: every participant's scores of the same casus, compared.

The answers of a group session arrive as ``(display name, payload)`` pairs. For the ZRM exercise the
payload is :func:`zrm_payload` of the participant's :class:`~wijkteam_kit.zrm.Assessment`. :func:`zrm_groep`
reads them back (an unreadable answer is skipped with a Dutch reason, never an error), computes the agreement
figures and the discussion agenda (disagreement and shared distance from the reference first, see
:mod:`wijkteam_kit.zrm.calibration`) and collects
the rungs on the participatieladder.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> from wijkteam_kit.zrm import Assessment
>>> casus = next(c for c in load_library() if c.id == "administratie-taal")
>>> v = casus.version()
>>> ans = Assessment.build(v, casus.id, "Ans", {"financien": 2, "adl": 3}, date="2026-03-02", ladder=2)
>>> zrm_payload(ans)["scores"]["financien"]
{'niveau': 2, 'toelichting': '', 'basis': None}
>>> bo = Assessment.build(v, casus.id, "Bo", {"financien": 4, "adl": 3}, ladder=3)
>>> groep = zrm_groep(casus, [("Ans", zrm_payload(ans)), ("Bo", zrm_payload(bo)), ("Cor", {"scores": 7})])
>>> groep.agenda[0].domain_id, groep.agreement.exact, groep.ladder
('financien', 0.5, (2, 3))
>>> groep.overgeslagen
(('Cor', 'Het antwoord is niet te lezen: er staan geen scores per domein in.'),)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.errors import WijkteamError, ZrmError
from wijkteam_kit.zrm.agreement import Agreement
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.calibration import AgendaItem, Calibration, calibrate_assessments
from wijkteam_kit.zrm.versions import ZrmVersion

__all__ = ["ZrmGroep", "assessment_from_payload", "unreadable_reason", "zrm_groep", "zrm_payload"]


def zrm_payload(assessment: Assessment) -> dict[str, Any]:
    """The assessment as a JSON-ready payload for a group session (read back by :func:`assessment_from_payload`).

    >>> from wijkteam_kit.zrm import load_version
    >>> a = Assessment.build(load_version("zrm2013"), "demo", "Sanne", {"justitie": 5}, date="2026-03-02")
    >>> p = zrm_payload(a)
    >>> p["versie"], p["casus"], p["datum"], p["ladder"], p["scores"]["justitie"]["niveau"]
    ('zrm2013', 'demo', '2026-03-02', None, 5)
    """
    return {
        "versie": assessment.version,
        "casus": assessment.casus_id,
        "beoordelaar": assessment.rater,
        "datum": assessment.date.isoformat(),
        "ladder": assessment.ladder,
        "scores": {
            d: {"niveau": s.level, "toelichting": s.note, "basis": s.basis}
            for d, s in assessment.scores.items()
        },
    }


def assessment_from_payload(
    payload: object, version: ZrmVersion, rater: str, *, casus_id: str | None = None
) -> Assessment:
    """Read a payload of :func:`zrm_payload` back into a validated assessment by ``rater``.

    Raises :class:`~wijkteam_kit.errors.ZrmError` (Dutch) for anything that is not a valid assessment in
    ``version``; with ``casus_id`` an answer that names another casus is refused too.

    >>> from wijkteam_kit.zrm import load_version
    >>> v = load_version("zrm2013")
    >>> assessment_from_payload({"scores": {"financien": {"niveau": 3}}}, v, "Ans").level("financien")
    3
    >>> assessment_from_payload({"versie": "zrm2017", "scores": {}}, v, "Ans")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.ZrmError: het antwoord gebruikt ZRM-versie 'zrm2017', de sessie 'zrm2013'.
    """
    if not isinstance(payload, Mapping):
        raise ZrmError(f"verwacht een ZRM-beoordeling, kreeg {type(payload).__name__}.")
    versie = payload.get("versie")
    if versie not in (None, "", version.id):
        raise ZrmError(f"het antwoord gebruikt ZRM-versie {versie!r}, de sessie {version.id!r}.")
    casus = payload.get("casus")
    if casus_id is not None and casus not in (None, "", casus_id):
        raise ZrmError(f"het antwoord hoort bij casus {casus!r}, niet bij {casus_id!r}.")
    scores = payload.get("scores")
    if not isinstance(scores, Mapping):
        raise ZrmError("er staan geen scores per domein in.")
    datum = payload.get("datum")
    if datum is not None and not isinstance(datum, str):
        raise ZrmError(f"datum {datum!r} is ongeldig; verwacht JJJJ-MM-DD.")
    return Assessment.build(
        version,
        casus_id or (casus if isinstance(casus, str) else "") or "",
        rater,
        scores,
        date=datum or None,
        ladder=payload.get("ladder"),
    )


def unreadable_reason(exc: Exception) -> str:
    """The Dutch reason shown for an answer that is skipped.

    >>> unreadable_reason(ZrmError("er staan geen scores per domein in."))
    'Het antwoord is niet te lezen: er staan geen scores per domein in.'
    >>> unreadable_reason(TypeError("unhashable type: 'list'"))
    'Het antwoord is niet te lezen: het heeft een onverwachte vorm.'
    """
    if isinstance(exc, WijkteamError):
        return f"Het antwoord is niet te lezen: {exc}"
    return "Het antwoord is niet te lezen: het heeft een onverwachte vorm."


#: What can go wrong while reading a payload; each becomes a skipped answer with a reason.
READ_ERRORS: tuple[type[Exception], ...] = (WijkteamError, TypeError, ValueError, KeyError, AttributeError)


@dataclass(frozen=True)
class ZrmGroep:
    """The ZRM answers of a group, compared.

    Attributes
    ----------
    casus : Casus
        The casus everyone scored.
    assessments : tuple of Assessment
        The readable answers, in the order given; ``rater`` is the display name.
    agreement : Agreement
        Exact and within-one agreement and Krippendorff's alpha (None with fewer than two answers).
    agenda : tuple of AgendaItem
        Every domain, highest priority first (disagreement plus shared distance from the reference), with the
        reference level, its rationale and the kind of item (:attr:`~wijkteam_kit.zrm.calibration.AgendaItem.soort`).
    ladder : tuple of int or None
        Each participant's rung on the participatieladder, in the order of ``assessments``.
    overgeslagen : tuple of (name, reason)
        Answers that could not be read.
    """

    casus: Casus
    assessments: tuple[Assessment, ...]
    agreement: Agreement
    agenda: tuple[AgendaItem, ...]
    ladder: tuple[int | None, ...]
    overgeslagen: tuple[tuple[str, str], ...] = ()

    @property
    def namen(self) -> tuple[str, ...]:
        """Display names of the readable answers."""
        return tuple(a.rater for a in self.assessments)

    @property
    def n_antwoorden(self) -> int:
        """All answers, readable or not."""
        return len(self.assessments) + len(self.overgeslagen)

    @property
    def calibration(self) -> Calibration:
        """The same figures as a :class:`~wijkteam_kit.zrm.calibration.Calibration`."""
        return Calibration(self.casus, self.assessments, self.agreement, self.agenda)

    @property
    def melding(self) -> str:
        """A plain Dutch sentence on what the figures mean (or why there are none yet)."""
        n = len(self.assessments)
        if n == 0:
            return (
                "Er zijn nog geen leesbare antwoorden: zodra deelnemers inleveren, verschijnt hier de groep."
            )
        if n == 1:
            return "Eén deelnemer heeft ingeleverd: overeenstemming vraagt minstens twee antwoorden."
        return self.agreement.note

    @property
    def ladder_referentie(self) -> int:
        """The reference rung of the casus."""
        return int(self.casus.reference_assessment().ladder or 0)

    def ladder_tekst(self) -> str:
        """The rungs chosen, e.g. ``'2× trede 2, 1× trede 3 (referentie: trede 2)'``.

        >>> from wijkteam_kit.casus import load_library
        >>> casus = next(c for c in load_library() if c.id == "administratie-taal")
        >>> zrm_groep(casus, []).ladder_tekst()
        'nog geen treden gekozen (referentie: trede 1)'
        """
        counts = Counter(r for r in self.ladder if r is not None)
        chosen = ", ".join(f"{counts[r]}× trede {r}" for r in sorted(counts))
        return f"{chosen or 'nog geen treden gekozen'} (referentie: trede {self.ladder_referentie})"


def zrm_groep(casus: Casus, answers: Sequence[tuple[str, Any]]) -> ZrmGroep:
    """The group picture of ZRM answers ``(display name, payload)`` on ``casus``.

    Zero or one answer gives a group without agreement figures (None) and a :attr:`ZrmGroep.melding`.
    """
    version = casus.version()
    readable: list[Assessment] = []
    skipped: list[tuple[str, str]] = []
    for name, payload in answers:
        try:
            readable.append(assessment_from_payload(payload, version, str(name), casus_id=casus.id))
        except READ_ERRORS as exc:
            skipped.append((str(name), unreadable_reason(exc)))
    ronde = calibrate_assessments(casus, readable)
    return ZrmGroep(
        casus=casus,
        assessments=ronde.assessments,
        agreement=ronde.agreement,
        agenda=ronde.agenda,
        ladder=tuple(a.ladder for a in readable),
        overgeslagen=tuple(skipped),
    )
