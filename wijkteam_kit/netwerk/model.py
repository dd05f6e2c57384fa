"""The netwerkatlas model: the client (ego), the persons around him, ties, family relations and life events.

One :class:`Netwerkatlas` is one snapshot (``moment`` T0, T1, …) of a client's network. It is plain, immutable
data: editing returns a new atlas (``with_person``, ``without_person``, ``with_tie``, …), so an app can redraw
from the current value and nothing half-edited is ever visible. :meth:`Netwerkatlas.graph` gives the networkx
view every analysis works on.

Conventions
-----------
- The client's id is always ``"client"`` (:data:`CLIENT_ID`).
- A tie (:class:`Band`) is undirected for contact, directed for support: ``steun_ontvangen`` is what ``van``
  receives from ``naar``; ``steun_gegeven`` is what ``van`` gives to ``naar``. Ties with the client are stored
  with ``van == "client"`` (a tie written the other way round is turned around, support lists included).
- Family relations for the familiekaart are separate from contact ties: :class:`Koppel` (a couple) and
  :class:`Afstamming` (a child and one or two parents). Persons in them need no contact tie with the client.
- ``sinds`` / ``tot`` on a person or tie say from which snapshot it is present and from which it is gone, so a
  casus can hold T0 and T1 in one file (:meth:`Netwerkatlas.at_moment`).

Examples
--------
>>> atlas = Netwerkatlas(client=Client(naam="Gerda"))
>>> atlas = atlas.with_person(Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1))
>>> atlas = atlas.with_tie(Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend",
...                             steun_ontvangen=["gezelschap"], steun_gegeven=["praktisch", "emotioneel"]))
>>> g = atlas.graph()
>>> sorted(g.nodes), g.edges["client", "henk"]["steun_gegeven"]
(['client', 'henk'], ['praktisch', 'emotioneel'])
>>> atlas.without_person("henk").banden
()
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, get_args

from pydantic import Field, model_validator

from wijkteam_kit._basis.schema import Id, StrictModel

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CLIENT_ID",
    "FREQUENTIES",
    "KWALITEITEN",
    "RELATIES",
    "SECTOREN",
    "STEUNFUNCTIES",
    "Afstamming",
    "Band",
    "Client",
    "Gebeurtenis",
    "Koppel",
    "Netwerkatlas",
    "Persoon",
    "moment_index",
]

CLIENT_ID = "client"
"""Id that stands for the client (ego) in ties and family relations."""

Steunfunctie = Literal["emotioneel", "praktisch", "informatief", "waardering", "gezelschap"]
Frequentie = Literal["dagelijks", "wekelijks", "maandelijks", "minder"]
Kwaliteit = Literal["steunend", "wisselend", "belastend"]
Relatie = Literal[
    "partner",
    "kind",
    "ouder",
    "broer/zus",
    "grootouder",
    "kleinkind",
    "familie",
    "vriend",
    "buur",
    "collega/school",
    "vrijwilliger",
    "professional",
    "anders",
]
Sector = Literal["familie", "vrienden", "buurt", "werk/school", "vrijwilligers/verenigingen", "professionals"]
Geslacht = Literal["man", "vrouw", "anders", "onbekend"]
Moment = str

STEUNFUNCTIES: tuple[str, ...] = get_args(Steunfunctie)
"""The five support functions (Heaney & Israel, plus gezelschap), in display order."""
FREQUENTIES: tuple[str, ...] = get_args(Frequentie)
"""Contact frequencies from most to least often."""
KWALITEITEN: tuple[str, ...] = get_args(Kwaliteit)
"""Tie qualities."""
RELATIES: tuple[str, ...] = get_args(Relatie)
"""Relations a person can have to the client."""
SECTOREN: tuple[str, ...] = get_args(Sector)
"""The six sectors of the relatiekaart, in drawing order."""

_MOMENT = r"^T\d{1,2}$"


def moment_index(moment: str) -> int:
    """Order of a snapshot label.

    >>> moment_index("T0"), moment_index("T12")
    (0, 12)
    """
    match = re.fullmatch(r"T(\d{1,2})", moment)
    if not match:
        raise ValueError(f"verwacht een moment als T0, T1, T2 …, kreeg {moment!r}")
    return int(match.group(1))



class _Timed(StrictModel):
    sinds: Moment | None = Field(default=None, pattern=_MOMENT)
    tot: Moment | None = Field(default=None, pattern=_MOMENT)

    def present_at(self, moment: str) -> bool:
        """Whether this element is part of the snapshot ``moment``.

        >>> Persoon(id="a", naam="A", relatie="buur", sector="buurt", cirkel=2, sinds="T1").present_at("T0")
        False
        """
        i = moment_index(moment)
        after_start = self.sinds is None or moment_index(self.sinds) <= i
        before_end = self.tot is None or i < moment_index(self.tot)
        return after_start and before_end


class Client(StrictModel):
    """The client (ego): name or pseudonym, and what the basisposter shows."""

    naam: str = Field(default="Cliënt", min_length=1, max_length=80)
    geslacht: Geslacht = "onbekend"
    geboortejaar: int | None = Field(default=None, ge=1900, le=2035)
    vraag: str = ""
    krachten: tuple[str, ...] = ()


class Persoon(_Timed):
    """A person in the client's network.

    ``cirkel`` is closeness: 1 very close … 4 far. ``positie`` is an optional manual place on the relatiekaart,
    in map units (the rings have radius 1–4, the client sits at (0, 0)).
    """

    id: Id = Field(max_length=40)
    naam: str = Field(min_length=1, max_length=80)
    relatie: Relatie
    sector: Sector
    cirkel: int = Field(ge=1, le=4)
    huishouden: bool = False
    geslacht: Geslacht = "onbekend"
    geboortejaar: int | None = Field(default=None, ge=1900, le=2035)
    overleden: bool = False
    toelichting: str = ""
    positie: tuple[float, float] | None = None

    @property
    def formeel(self) -> bool:
        """A professional (formal) rather than an informal network member."""
        return self.sector == "professionals"


class Band(_Timed):
    """A tie between the client and a person, or between two persons."""

    van: str = Field(min_length=1)
    naar: str = Field(min_length=1)
    steun_ontvangen: tuple[Steunfunctie, ...] = ()
    steun_gegeven: tuple[Steunfunctie, ...] = ()
    frequentie: Frequentie
    kwaliteit: Kwaliteit

    @model_validator(mode="before")
    @classmethod
    def _client_first(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("naar") == CLIENT_ID and data.get("van") != CLIENT_ID:
            data = dict(data)
            data["van"], data["naar"] = CLIENT_ID, data["van"]
            data["steun_ontvangen"], data["steun_gegeven"] = (
                data.get("steun_gegeven", ()),
                data.get("steun_ontvangen", ()),
            )
        return data

    @property
    def pair(self) -> frozenset[str]:
        """The two ends, unordered."""
        return frozenset((self.van, self.naar))

    @property
    def met_client(self) -> bool:
        """Whether this is a tie with the client."""
        return self.van == CLIENT_ID


class Koppel(StrictModel):
    """A couple in the familiekaart: married, living together, separated or divorced."""

    a: str
    b: str
    status: Literal["getrouwd", "samenwonend", "uit_elkaar", "gescheiden"] = "getrouwd"


class Afstamming(StrictModel):
    """A child and its parent(s); ``soort`` marks foster and adopted children (dashed line)."""

    kind: str
    ouders: tuple[str, ...] = Field(min_length=1, max_length=2)
    soort: Literal["biologisch", "pleeg", "adoptie"] = "biologisch"


class Gebeurtenis(StrictModel):
    """A dated life event, positive or negative (for the gebeurteniskaart)."""

    jaar: int = Field(ge=1900, le=2035)
    omschrijving: str = Field(min_length=1, max_length=200)
    valentie: Literal["positief", "negatief"]


class Netwerkatlas(StrictModel):
    """One snapshot of a client's network. Validate references with :func:`wijkteam_kit.netwerk.checks`."""

    schema_versie: Literal[1] = 1
    moment: Moment = Field(default="T0", pattern=_MOMENT)
    client: Client = Client()
    personen: tuple[Persoon, ...] = ()
    banden: tuple[Band, ...] = ()
    koppels: tuple[Koppel, ...] = ()
    afstamming: tuple[Afstamming, ...] = ()
    gebeurtenissen: tuple[Gebeurtenis, ...] = ()

    # -- lookup -------------------------------------------------------------------------------------
    @property
    def ids(self) -> tuple[str, ...]:
        """Person ids in input order (the client excluded)."""
        return tuple(p.id for p in self.personen)

    def person(self, person_id: str) -> Persoon:
        """The person with this id; ``KeyError`` with a Dutch message when unknown."""
        for p in self.personen:
            if p.id == person_id:
                return p
        raise KeyError(f"onbekende persoon {person_id!r}")

    def name(self, node: str) -> str:
        """Display name of a node id (the client included)."""
        return self.client.naam if node == CLIENT_ID else self.person(node).naam

    def tie(self, a: str, b: str) -> Band | None:
        """The tie between ``a`` and ``b`` (either order), or None."""
        pair = frozenset((a, b))
        return next((t for t in self.banden if t.pair == pair), None)

    def ego_ties(self) -> tuple[Band, ...]:
        """Ties with the client."""
        return tuple(t for t in self.banden if t.met_client)

    def alter_ties(self) -> tuple[Band, ...]:
        """Ties between persons (the client not involved)."""
        return tuple(t for t in self.banden if not t.met_client)

    # -- editing (each returns a new atlas) ---------------------------------------------------------
    def with_person(self, person: Persoon) -> Netwerkatlas:
        """Add ``person``, or replace the person with the same id (keeping its place and ties)."""
        if person.id == CLIENT_ID:
            raise ValueError(f"'{CLIENT_ID}' is gereserveerd voor de cliënt; kies een andere id")
        if person.id in self.ids:
            personen = tuple(person if p.id == person.id else p for p in self.personen)
        else:
            personen = (*self.personen, person)
        return self.model_copy(update={"personen": personen})

    def without_person(self, person_id: str) -> Netwerkatlas:
        """Remove a person with every tie and family relation that names them."""
        self.person(person_id)
        return self.model_copy(
            update={
                "personen": tuple(p for p in self.personen if p.id != person_id),
                "banden": tuple(t for t in self.banden if person_id not in t.pair),
                "koppels": tuple(k for k in self.koppels if person_id not in (k.a, k.b)),
                "afstamming": tuple(
                    a for a in self.afstamming if a.kind != person_id and person_id not in a.ouders
                ),
            }
        )

    def with_tie(self, tie: Band) -> Netwerkatlas:
        """Add ``tie``, or replace the tie between the same two ends."""
        for end in (tie.van, tie.naar):
            if end != CLIENT_ID:
                self.person(end)
        if tie.van == tie.naar:
            raise ValueError("een band van een persoon met zichzelf kan niet")
        rest = tuple(t for t in self.banden if t.pair != tie.pair)
        return self.model_copy(update={"banden": (*rest, tie)})

    def without_tie(self, a: str, b: str) -> Netwerkatlas:
        """Remove the tie between ``a`` and ``b`` (either order); no tie there is not an error."""
        pair = frozenset((a, b))
        return self.model_copy(update={"banden": tuple(t for t in self.banden if t.pair != pair)})

    def at_moment(self, moment: str) -> Netwerkatlas:
        """The snapshot ``moment``: persons and ties present then (see ``sinds`` / ``tot``)."""
        personen = tuple(p for p in self.personen if p.present_at(moment))
        ids = {CLIENT_ID} | {p.id for p in personen}
        banden = tuple(t for t in self.banden if t.present_at(moment) and t.pair <= ids)
        return self.model_copy(
            update={
                "moment": moment,
                "personen": personen,
                "banden": banden,
                "koppels": tuple(k for k in self.koppels if {k.a, k.b} <= ids),
                "afstamming": tuple(a for a in self.afstamming if {a.kind, *a.ouders} <= ids),
            }
        )

    def moments(self) -> tuple[str, ...]:
        """Every snapshot label this atlas knows (its own moment and all ``sinds`` / ``tot``), in order."""
        labels = {self.moment}
        for item in (*self.personen, *self.banden):
            labels.update(m for m in (item.sinds, item.tot) if m)
        return tuple(sorted(labels, key=moment_index))

    # -- graph --------------------------------------------------------------------------------------
    def graph(self) -> nx.Graph:
        """The network as an undirected networkx graph: node ``"client"`` plus one node per person.

        Node attributes are the person's fields (the client has ``ego=True``); edge attributes are the tie's
        fields with ``van`` kept so support direction can be read back. Family relations and events are in
        ``graph.graph`` (not edges: family need not be in contact). Use it on one snapshot
        (:meth:`at_moment`): when an atlas holds two versions of a tie (``tot`` / ``sinds``), the last one wins.
        """
        import networkx as nx  # imported here: apps that only read casuses start faster without it

        g = nx.Graph(moment=self.moment, client=self.client.model_dump())
        g.add_node(CLIENT_ID, ego=True, naam=self.client.naam, sector=None, cirkel=0, formeel=False)
        for p in self.personen:
            g.add_node(p.id, ego=False, formeel=p.formeel, **p.model_dump(exclude={"id"}))
        for t in self.banden:
            data = t.model_dump(exclude={"naar"})
            data["steun_ontvangen"], data["steun_gegeven"] = list(t.steun_ontvangen), list(t.steun_gegeven)
            g.add_edge(t.van, t.naar, **data)
        g.graph["koppels"] = [k.model_dump() for k in self.koppels]
        g.graph["afstamming"] = [a.model_dump() for a in self.afstamming]
        g.graph["gebeurtenissen"] = [e.model_dump() for e in self.gebeurtenissen]
        return g

    def alter_graph(self) -> nx.Graph:
        """The persons and their ties with each other, without the client (``A`` in the measures)."""
        g = self.graph()
        g.remove_node(CLIENT_ID)
        return g
