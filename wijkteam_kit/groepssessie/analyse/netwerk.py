"""Group analysis of a netwerkatlas session: which casus persons did participants leave off their map.

Every answer is :func:`~wijkteam_kit.netwerk.io.atlas_to_data` of a participant's map. Each map is compared
with the network of the casus (:func:`~wijkteam_kit.netwerk.io.atlas_from_casus`): a casus person the
participant did not draw is *missed*. Persons are matched one to one (:func:`match_persons`):

1. by name, after :func:`normalise_name` (case, accents and spaces do not count: "  zoë " is "Zoe");
2. a casus person still without a match is matched by relation (``relatie``) when exactly one casus person
   and exactly one drawn person with that relation are left over ("Mam" for the only ``ouder``).

Drawn persons that match nobody are reported as *extra* (maybe a person the casus does not mention, maybe a
spelling the matching did not catch: a topic for the discussion either way).

Examples
--------
>>> from wijkteam_kit.netwerk.model import Client, Netwerkatlas, Persoon
>>> casus_net = Netwerkatlas(client=Client(naam="Gerda"), personen=(
...     Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1),
...     Persoon(id="zoe", naam="Zoë", relatie="vriend", sector="vrienden", cirkel=2),
...     Persoon(id="ans", naam="Ans", relatie="buur", sector="buurt", cirkel=3)))
>>> drawn = Netwerkatlas(client=Client(naam="Gerda"), personen=(
...     Persoon(id="p1", naam=" ZOE ", relatie="vriend", sector="vrienden", cirkel=2),
...     Persoon(id="p2", naam="mijn man", relatie="partner", sector="familie", cirkel=1),
...     Persoon(id="p3", naam="Kees", relatie="vriend", sector="vrienden", cirkel=3)))
>>> match_persons(casus_net, drawn)
{'zoe': 'p1', 'henk': 'p2'}
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.groepssessie.analyse.zrm import READ_ERRORS, unreadable_reason
from wijkteam_kit.netwerk.io import atlas_from_casus, atlas_from_data
from wijkteam_kit.netwerk.model import Netwerkatlas

__all__ = [
    "KaartRij",
    "NetwerkGroep",
    "atlas_from_answer",
    "match_persons",
    "netwerk_groep",
    "normalise_name",
]


def normalise_name(text: str) -> str:
    """A name for matching: accents folded, case folded, spaces collapsed.

    >>> normalise_name("  Zoë   van der  BERG "), normalise_name("Ĳsbrand")
    ('zoe van der berg', 'ijsbrand')
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def match_persons(reference: Netwerkatlas, drawn: Netwerkatlas) -> dict[str, str]:
    """Casus person id → drawn person id, one to one: by normalised name first, then by a unique relation."""
    matched: dict[str, str] = {}
    taken: set[str] = set()
    by_name: dict[str, list[str]] = {}
    for person in drawn.personen:
        by_name.setdefault(normalise_name(person.naam), []).append(person.id)
    for person in reference.personen:
        free = [p for p in by_name.get(normalise_name(person.naam), []) if p not in taken]
        if free:
            matched[person.id] = free[0]
            taken.add(free[0])
    left_ref = [p for p in reference.personen if p.id not in matched]
    left_drawn = [p for p in drawn.personen if p.id not in taken]
    for person in left_ref:
        same_ref = [p for p in left_ref if p.relatie == person.relatie]
        same_drawn = [p for p in left_drawn if p.relatie == person.relatie]
        if len(same_ref) == 1 and len(same_drawn) == 1:
            matched[person.id] = same_drawn[0].id
    return matched


def atlas_from_answer(payload: object) -> Netwerkatlas:
    """The map in a session answer: :func:`atlas_to_data` output, or ``{"atlas": …}`` around it."""
    if isinstance(payload, Mapping) and isinstance(payload.get("atlas"), Mapping):
        payload = payload["atlas"]
    return atlas_from_data(dict(payload) if isinstance(payload, Mapping) else payload, source="antwoord")


@dataclass(frozen=True)
class KaartRij:
    """One participant's map in short: persons and ties drawn, casus persons missed, persons not in the casus."""

    naam: str
    personen: int
    banden: int
    gemist: tuple[str, ...]
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class NetwerkGroep:
    """The network maps of a group, compared with the casus network.

    Attributes
    ----------
    per_map : tuple of KaartRij
        One row per readable map, in the order given.
    missed : tuple of (name, count)
        Casus persons missed on at least one map, most often missed first (ties in casus order).
    extra : tuple of (name, count)
        Drawn persons that match no casus person, most maps first (names compared after
        :func:`normalise_name`; the first spelling is shown).
    n_casus_personen : int
        Persons in the casus network.
    overgeslagen : tuple of (name, reason)
        Answers that could not be read.
    """

    casus: Casus
    per_map: tuple[KaartRij, ...]
    missed: tuple[tuple[str, int], ...]
    extra: tuple[tuple[str, int], ...]
    n_casus_personen: int
    overgeslagen: tuple[tuple[str, str], ...] = ()

    @property
    def namen(self) -> tuple[str, ...]:
        """Display names of the readable maps."""
        return tuple(r.naam for r in self.per_map)

    @property
    def n_antwoorden(self) -> int:
        """All answers, readable or not."""
        return len(self.per_map) + len(self.overgeslagen)

    @property
    def missed_share(self) -> tuple[tuple[str, int, float], ...]:
        """Like :attr:`missed`, with the share of the maps that missed the person (0–1)."""
        n = len(self.per_map)
        return tuple((name, count, count / n if n else 0.0) for name, count in self.missed)

    @property
    def melding(self) -> str:
        """A plain Dutch sentence on the maps compared."""
        n = len(self.per_map)
        if n == 0:
            return "Er zijn nog geen leesbare kaarten: zodra deelnemers inleveren, verschijnt hier de groep."
        maps = "Eén kaart" if n == 1 else f"{n} kaarten"
        if not self.missed:
            return f"{maps} vergeleken met de casus: niemand uit de casus ontbreekt."
        return f"{maps} vergeleken met de {self.n_casus_personen} personen in de casus."


def _ranked(counts: Counter[str], order: Sequence[str]) -> list[tuple[str, int]]:
    position = {key: i for i, key in enumerate(order)}
    return sorted(((k, n) for k, n in counts.items() if n), key=lambda kn: (-kn[1], position[kn[0]]))


def netwerk_groep(casus: Casus, answers: Sequence[tuple[str, Any]]) -> NetwerkGroep:
    """The group picture of network maps ``(display name, payload)`` on ``casus``."""
    reference = atlas_from_casus(casus)
    ref_names = {p.id: p.naam for p in reference.personen}
    rows: list[KaartRij] = []
    skipped: list[tuple[str, str]] = []
    missed: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for name, payload in answers:
        try:
            drawn = atlas_from_answer(payload)
        except READ_ERRORS as exc:
            skipped.append((str(name), unreadable_reason(exc)))
            continue
        matched = match_persons(reference, drawn)
        gone = [p.id for p in reference.personen if p.id not in matched]
        taken = set(matched.values())
        others = [" ".join(p.naam.split()) for p in drawn.personen if p.id not in taken]
        missed.update(gone)
        for key in dict.fromkeys(normalise_name(n) for n in others):
            extra[key] += 1
        for other in others:
            spelling.setdefault(normalise_name(other), other)
        rows.append(
            KaartRij(
                str(name),
                len(drawn.personen),
                len(drawn.banden),
                tuple(ref_names[i] for i in gone),
                tuple(others),
            )
        )
    return NetwerkGroep(
        casus=casus,
        per_map=tuple(rows),
        missed=tuple((ref_names[i], n) for i, n in _ranked(missed, list(ref_names))),
        extra=tuple((spelling[k], n) for k, n in _ranked(extra, list(spelling))),
        n_casus_personen=len(reference.personen),
        overgeslagen=tuple(skipped),
    )
