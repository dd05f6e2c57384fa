"""Dilemma cards for intervision: the kit's own cards plus the ``dilemmas`` of every casus.

The kit's cards live in ``wijkteam_kit/data/intervisie/dilemmas.yaml`` (validated on load, problems name the
file and line); :func:`dilemma_cards` adds one card per casus dilemma.

Examples
--------
>>> import random
>>> cards = dilemma_cards([])
>>> draw_card(random.Random(3), cards).id in {c.id for c in cards}
True
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from wijkteam_kit._basis.catalogue import data_path, duplicate_id_problems, read_model_file
from wijkteam_kit._basis.schema import Id, StrictModel, Text
from wijkteam_kit.errors import DataFileError, KaartError

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus

__all__ = ["DILEMMA_FILE", "Dilemmakaart", "dilemma_cards", "draw_card"]

DILEMMA_FILE = "dilemmas"
"""Stem of the cards file in ``data/intervisie`` (not a method file)."""



class _KaartFile(StrictModel):
    id: Id
    titel: Text
    tekst: Text
    vragen: list[Text] = []


class _KaartenFile(StrictModel):
    kaarten: list[_KaartFile] = Field(min_length=1)


@dataclass(frozen=True)
class Dilemmakaart:
    """A dilemma card: a short title, the dilemma, questions for the group, and where it comes from."""

    id: str
    titel: str
    tekst: str
    vragen: tuple[str, ...] = ()
    bron: str = ""
    casus_id: str | None = None


def _domain_cards(path: Path | None = None) -> list[Dilemmakaart]:
    path = path or data_path("intervisie", f"{DILEMMA_FILE}.yaml")
    parsed, doc = read_model_file(_KaartenFile, path, id_from_name=False)
    problems = duplicate_id_problems(
        doc, [k.id for k in parsed.kaarten], lambda i: ("kaarten", i, "id"), "kaart"
    )
    if problems:
        raise DataFileError(problems)
    return [
        Dilemmakaart(
            k.id, k.titel, k.tekst.strip(), tuple(k.vragen), "Dilemma's uit de praktijk van wijkteams"
        )
        for k in parsed.kaarten
    ]


def dilemma_cards(
    casuses: Iterable[Casus] | None = None, *, bestand: str | Path | None = None
) -> list[Dilemmakaart]:
    """All dilemma cards: the kit's own (``dilemmas.yaml``), then the ``dilemmas`` of every casus.

    ``casuses`` default to the casus library (:func:`wijkteam_kit.casus.load_library`); pass ``[]`` for only the
    kit's own cards. ``bestand`` replaces the kit's cards file (a broken file raises
    :class:`~wijkteam_kit.errors.DataFileError` naming the file and line).

    >>> cards = dilemma_cards([])
    >>> len(cards), cards[0].titel
    (12, 'Bemoeien of overlaten?')
    """
    if casuses is None:
        from wijkteam_kit.casus.model import load_library

        casuses = load_library()
    cards = _domain_cards(Path(bestand) if bestand is not None else None)
    for casus in casuses:
        for i, text in enumerate(casus.dilemmas, 1):
            cards.append(
                Dilemmakaart(f"{casus.id}-{i}", casus.titel, text, (), f"Casus: {casus.titel}", casus.id)
            )
    return cards


def draw_card(
    rng: random.Random, cards: Sequence[Dilemmakaart] | None = None, *, al_getrokken: Collection[str] = ()
) -> Dilemmakaart:
    """Draw one card at random, preferring cards whose id is not in ``al_getrokken``.

    When every card was drawn already, the whole pile is used again.

    >>> cards = dilemma_cards([])
    >>> first = draw_card(random.Random(1), cards)
    >>> second = draw_card(random.Random(1), cards, al_getrokken=[first.id])
    >>> first.id != second.id
    True
    """
    pile = list(cards) if cards is not None else dilemma_cards()
    if not pile:
        raise KaartError("Er zijn geen dilemmakaarten om uit te trekken.")
    fresh = [c for c in pile if c.id not in set(al_getrokken)]
    return rng.choice(fresh or pile)
