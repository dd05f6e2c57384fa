"""The contactschema as data: who has contact with whom, how often and how it goes.

:func:`contact_order` puts the client first and then the persons by sector (in the order of
:data:`~wijkteam_kit.netwerk.model.SECTOREN`) and name; :func:`contact_matrix` gives the tie of every pair in that
order (symmetric, ``None`` where there is no contact); :func:`contact_table` gives one row per person for a
table next to the drawing.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(client=Client(naam="Gerda"), personen=(
...     Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1),
...     Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=2),
...     Persoon(id="joop", naam="Joop", relatie="vrijwilliger", sector="vrijwilligers/verenigingen", cirkel=3)),
...     banden=(Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend"),
...             Band(van="henk", naar="ans", frequentie="maandelijks", kwaliteit="steunend")))
>>> contact_order(atlas)
['client', 'henk', 'ans', 'joop']
>>> for rij in contact_table(atlas):
...     print(rij.naam, rij.frequentie, rij.kwaliteit, rij.aantal_contacten, rij.kent)
Henk dagelijks wisselend 1 ('Ans',)
Ans None None 1 ('Henk',)
Joop None None 0 ()
"""

from __future__ import annotations

from dataclasses import dataclass

from wijkteam_kit.netwerk.model import CLIENT_ID, SECTOREN, Band, Netwerkatlas

__all__ = ["ContactRij", "contact_matrix", "contact_order", "contact_table"]


@dataclass(frozen=True)
class ContactRij:
    """One person in the contactschema.

    ``frequentie`` and ``kwaliteit`` are those of the tie with the client (None without one);
    ``aantal_contacten`` counts ties with other persons in the network (the client not counted) and ``kent``
    names those persons, sorted.
    """

    persoon: str
    naam: str
    sector: str
    cirkel: int
    frequentie: str | None
    kwaliteit: str | None
    aantal_contacten: int
    kent: tuple[str, ...]


def contact_order(atlas: Netwerkatlas) -> list[str]:
    """The client first, then every person by sector (drawing order of the sectors) and name."""
    people = sorted(atlas.personen, key=lambda p: (SECTOREN.index(p.sector), p.naam.casefold(), p.id))
    return [CLIENT_ID, *(p.id for p in people)]


def contact_matrix(atlas: Netwerkatlas) -> tuple[list[str], list[list[Band | None]]]:
    """Ids in :func:`contact_order` and the tie of every pair (symmetric; None on the diagonal and without contact).

    >>> from wijkteam_kit.netwerk.model import Netwerkatlas
    >>> contact_matrix(Netwerkatlas())
    (['client'], [[None]])
    """
    ids = contact_order(atlas)
    ties: dict[frozenset[str], Band] = {}
    for t in atlas.banden:
        ties.setdefault(t.pair, t)  # the first, as Netwerkatlas.tie does
    matrix = [[None if a == b else ties.get(frozenset((a, b))) for b in ids] for a in ids]
    return ids, matrix


def contact_table(atlas: Netwerkatlas) -> list[ContactRij]:
    """One :class:`ContactRij` per person, in :func:`contact_order` (the client has no row)."""
    ids, matrix = contact_matrix(atlas)
    rows = []
    for i, pid in enumerate(ids):
        if pid == CLIENT_ID:
            continue
        person = atlas.person(pid)
        ego = matrix[i][0]
        known = sorted(
            (
                atlas.name(ids[j])
                for j, tie in enumerate(matrix[i])
                if tie is not None and ids[j] != CLIENT_ID
            ),
            key=str.casefold,
        )
        rows.append(
            ContactRij(
                persoon=pid,
                naam=person.naam,
                sector=person.sector,
                cirkel=person.cirkel,
                frequentie=ego.frequentie if ego else None,
                kwaliteit=ego.kwaliteit if ego else None,
                aantal_contacten=len(known),
                kent=tuple(known),
            )
        )
    return rows
