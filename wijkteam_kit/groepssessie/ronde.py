"""Round two of a ZRM group session: the answers of both rounds compared, for the dashboard and the hand-out.

:func:`round_comparison` reads the answers of both rounds (``(display name, payload)`` pairs, as the trainer's
`~wijkteam_kit.groepssessie.trainer.TrainerToegang.round_one_answers` and ``answers`` give them) into
assessments and compares them with :func:`wijkteam_kit.zrm.rounds.compare_rounds`; :func:`round_two_blocks` turns
the comparison into blocks of the hand-out (names only with ``met_namen``).

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> from wijkteam_kit.groepssessie.analyse.zrm import zrm_payload
>>> from wijkteam_kit.zrm import Assessment
>>> casus = next(c for c in load_library() if c.id == "administratie-taal")
>>> v = casus.version()
>>> one = [("An", zrm_payload(Assessment.build(v, casus.id, "An", {"financien": 1, "adl": 3})))]
>>> two = [("An", zrm_payload(Assessment.build(v, casus.id, "An", {"financien": 3, "adl": 3})))]
>>> r = round_comparison(casus, one, two)
>>> r.domain("financien").distance_before, r.domain("financien").distance_after
(2.0, 0.0)
>>> [b.tekst for b in round_two_blocks(r)[:1]]
['Tweede ronde: is de groep dichter bij elkaar en bij de referentie gekomen?']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.document import Alinea, Blok, Kop, Lijst, Tabel
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.groepssessie.analyse.zrm import assessment_from_payload
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.calibration_history import dutch_number
from wijkteam_kit.zrm.rounds import RoundComparison, compare_rounds

__all__ = ["round_comparison", "round_two_blocks"]


def _assessments(casus: Casus, answers: Sequence[tuple[str, dict[str, Any]]]) -> list[Assessment]:
    version = casus.version()
    found = []
    for name, payload in answers:
        try:
            found.append(assessment_from_payload(payload, version, name, casus_id=casus.id))
        except WijkteamError:
            continue  # an unreadable answer is skipped, as in the group picture
    return found


def round_comparison(
    casus: Casus,
    round_one: Sequence[tuple[str, dict[str, Any]]],
    round_two: Sequence[tuple[str, dict[str, Any]]],
) -> RoundComparison | None:
    """Both rounds compared; None while either round has no readable answer."""
    before, after = _assessments(casus, round_one), _assessments(casus, round_two)
    if not before or not after:
        return None
    return compare_rounds(before, after, casus.reference_assessment())


def _number(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else dutch_number(value, decimals)


def _whole(value: int | None) -> str:
    return "–" if value is None else str(value)


def round_two_blocks(comparison: RoundComparison, met_namen: bool = False) -> list[Blok]:
    """The hand-out section about round two: alpha, per domain spread and distance, and who moved."""
    rows = tuple(
        (
            d.name,
            _whole(d.reference),
            f"{_whole(d.spread_before)} → {_whole(d.spread_after)}",
            f"{_number(d.distance_before)} → {_number(d.distance_after)}",
        )
        for d in comparison.domains
        if d.distance_before is not None or d.distance_after is not None
    )
    blocks: list[Blok] = [
        Kop("Tweede ronde: is de groep dichter bij elkaar en bij de referentie gekomen?"),
        Alinea(comparison.summary()),
        Tabel(("Domein", "Referentie", "Spreiding ronde 1 → 2", "Afstand tot referentie ronde 1 → 2"), rows),
        Alinea(
            "Spreiding: hoogste min laagste niveau in de groep. Afstand: gemiddeld aantal niveaus tussen de "
            "scores en de referentie."
        ),
    ]
    if met_namen and comparison.participants:
        blocks.append(
            Lijst(
                tuple(
                    f"{p.name}: {p.before} → {p.after} niveaus van de referentie ({p.direction})"
                    for p in comparison.participants
                )
            )
        )
    return blocks
