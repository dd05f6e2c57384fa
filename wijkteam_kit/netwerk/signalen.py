"""Social-work signals from a netwerkatlas: plain Dutch sentences about risks *and* strengths.

:func:`signals` reads one snapshot; :func:`compare_signals` tells what changed between two (T0 → T1). The
suggestions for the meedenkbijeenkomst (:func:`invitees`, :func:`basisteam`, :func:`key_persons`) are
re-exported from :mod:`.advies`.

Each :class:`Signaal` has a ``soort`` (a slug from :data:`SOORTEN`), an ``ernst`` and a sentence that names
persons by their (short) name. ``ernst`` is one of

- ``"let op"``: needs attention now (isolation, overload, missing emotional or practical support);
- ``"aandacht"``: worth raising with the client (a fragile link, a one-sided or hard tie, only professionals);
- ``"sterk"``: a strength to build on.

Signals come in that order. Thresholds: a small network is 1–:data:`KLEIN_NETWERK` informal contacts; overload
uses the thresholds of :mod:`.steun`; a broad network has at least :data:`BREED_NETWERK` informal contacts and
informal support of every kind.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> signals(Netwerkatlas(client=Client(naam="Wim")))[0].tekst[:40]
'Er staat nog niemand op de kaart. Vraag '
>>> atlas = Netwerkatlas(
...     client=Client(naam="Gerda", geslacht="vrouw"),
...     personen=(Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1,
...                       huishouden=True),),
...     banden=(Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend",
...                  steun_ontvangen=["gezelschap"], steun_gegeven=["praktisch", "emotioneel"]),),
... )
>>> first = signals(atlas)[0]
>>> first.soort, first.ernst, first.personen
('overbelasting', 'let op', ('client', 'henk'))
>>> first.tekst[:59]
'Gerda zorgt elke dag voor Henk (emotionele steun en praktis'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from wijkteam_kit.netwerk.advies import Uitnodiging, basisteam, connects_text, invitees, key_persons, names_of
from wijkteam_kit.netwerk.analyse import NetwerkAnalyse, analyse
from wijkteam_kit.netwerk.maten import Network, cut_off, ego_graph
from wijkteam_kit.netwerk.model import CLIENT_ID, STEUNFUNCTIES, Netwerkatlas
from wijkteam_kit.netwerk.steun import ego_ties
from wijkteam_kit.netwerk.tekst import FUNCTIE_TEKST, functions_text, join_names, pronoun
from wijkteam_kit.netwerk.vergelijk import changes_text, compare_snapshots

__all__ = [
    "BREED_NETWERK",
    "KLEIN_NETWERK",
    "SOORTEN",
    "Ernst",
    "Signaal",
    "Uitnodiging",
    "basisteam",
    "compare_signals",
    "invitees",
    "key_persons",
    "signals",
]

Ernst = Literal["let op", "aandacht", "sterk"]
"""Seriousness of a signal: ``let op`` (act now), ``aandacht`` (raise it), ``sterk`` (a strength)."""
KLEIN_NETWERK = 3
"""At most this many informal contacts: a small network."""
BREED_NETWERK = 5
"""At least this many informal contacts (and informal support of every kind): a broad network."""

SOORTEN: dict[str, str] = {
    "isolement": "Niemand of bijna niemand in het netwerk",
    "overbelasting": "Eén persoon draagt te veel",
    "jonge-mantelzorger": "Een kind zorgt voor een ouder, broer of zus",
    "steun-ontbreekt": "Een soort steun ontbreekt",
    "alleen-professionals": "Alleen hulpverleners",
    "enige-bron": "Eén persoon voor een soort steun",
    "kwetsbare-schakel": "Iemand houdt het netwerk bij elkaar",
    "belastende-band": "Een belastende band",
    "eenzijdig": "Geven en nemen in onbalans",
    "klein-netwerk": "Een klein netwerk",
    "sterk-netwerk": "Een breed netwerk",
    "meerdere-bronnen": "Meer mensen voor dezelfde steun",
    "veelzijdig": "Iemand helpt op meer manieren",
    "wederkerig": "Geven en nemen in balans",
    "slapend-netwerk": "Mensen die meer kunnen betekenen",
}
"""Every ``soort`` with a short Dutch title (for headings and filters)."""

_ORDER = {"let op": 0, "aandacht": 1, "sterk": 2}


@dataclass(frozen=True)
class Signaal:
    """One signal: kind (slug), seriousness, a Dutch sentence, and the ids of the persons it is about."""

    soort: str
    ernst: Ernst
    tekst: str
    personen: tuple[str, ...] = ()


class _Context:
    def __init__(self, g: nx.Graph, a: NetwerkAnalyse) -> None:
        self.g, self.a = g, a
        self.names = names_of(g)
        self.c = self.names.get(CLIENT_ID, "de cliënt")
        self.hij = pronoun(g.graph.get("client", {}).get("geslacht"))
        self.ties = dict(ego_ties(g))
        self.informal = [v for v in self.ties if not g.nodes[v]["formeel"]]
        self.out: list[Signaal] = []

    def say(self, soort: str, ernst: Ernst, tekst: str, personen: Sequence[str] = ()) -> None:
        self.out.append(Signaal(soort, ernst, tekst, tuple(personen)))

    def join(self, ids: Sequence[str]) -> str:
        return join_names(self.names[v] for v in ids)

    def his(self, v: str, *, object_form: bool = False) -> str:
        return pronoun(self.g.nodes[v].get("geslacht"), object_form=object_form)


def _size(x: _Context) -> None:
    a, c = x.a, x.c
    if a.n == 0:
        x.say(
            "isolement",
            "let op",
            f"Er staat nog niemand op de kaart. Vraag {c} wie er weleens langskomt, belt of helpt, ook van "
            "vroeger, uit de buurt of van een club.",
        )
    elif not x.informal:
        x.say(
            "isolement",
            "let op",
            f"Buiten de hulpverleners heeft {c} met niemand op de kaart contact. Zoek samen naar mensen van "
            "vroeger, uit de buurt of van een club.",
        )
    elif len(x.informal) <= KLEIN_NETWERK:
        x.say(
            "klein-netwerk",
            "aandacht",
            f"Het netwerk is klein: buiten de hulpverleners heeft {c} contact met {len(x.informal)} "
            f"{'persoon' if len(x.informal) == 1 else 'mensen'} ({x.join(x.informal)}).",
            x.informal,
        )
    if a.n >= 2 and a.aandeel_formeel is not None and a.aandeel_formeel >= 0.5 and x.informal:
        x.say(
            "alleen-professionals",
            "aandacht",
            f"De helft of meer van het netwerk bestaat uit hulpverleners ({a.formeel} van de {a.n}). Wie uit "
            f"het eigen netwerk van {c} kan een deel overnemen?",
        )


def _coverage(x: _Context) -> None:
    if x.a.n == 0:
        return
    missing = [f for f, d in x.a.dekking.items() if d.geen_bron]
    if missing:
        serious = bool({"emotioneel", "praktisch"} & set(missing))
        x.say(
            "steun-ontbreekt",
            "let op" if serious else "aandacht",
            f"Voor {functions_text(missing)} staat niemand op de kaart. Wie zou {x.c} daarbij kunnen helpen?",
        )
    for f, d in x.a.dekking.items():
        if d.alleen_professionals:
            x.say(
                "alleen-professionals",
                "aandacht",
                f"{FUNCTIE_TEKST[f].capitalize()} krijgt {x.c} alleen van hulpverleners ({x.join(d.formeel)}). "
                "Is er iemand in het eigen netwerk die dat ook kan?",
                d.formeel,
            )


_HOE_VAAK = {"dagelijks": "elke dag", "wekelijks": "elke week"}


def _given_by(g: nx.Graph, giver: str, to: str) -> set[str]:
    """What ``giver`` gives ``to`` on their tie (``van`` receives ``steun_ontvangen`` from the other end)."""
    data = g[giver][to]
    return set(data["steun_gegeven"] if data.get("van") == giver else data["steun_ontvangen"])


def _young_carers(x: _Context) -> None:
    for j in x.a.jonge_mantelzorgers:
        child = x.c if j.id == CLIENT_ID else x.names[j.id]
        cared = [x.c if v == CLIENT_ID else x.names[v] for v in j.zorgt_voor]
        gender = x.g.graph.get("client", {}).get("geslacht") if j.id == CLIENT_ID else x.g.nodes[j.id].get("geslacht")
        him = pronoun(gender, object_form=True)
        x.say(
            "jonge-mantelzorger",
            "let op",
            f"{child} is {j.leeftijd} en zorgt {_HOE_VAAK.get(j.frequentie, 'vaak')} voor {join_names(cared)} "
            f"({functions_text(j.gegeven)}). Dat maakt {him} een jonge mantelzorger. Vraag hoe het op school gaat "
            f"en of er tijd over is voor vrienden, sport en rust. Kijk wie een deel van de zorg kan overnemen, en "
            "wijs op steun voor jonge mantelzorgers: een kind hoort niet de zorg van een volwassene te dragen.",
            tuple(dict.fromkeys((j.id, *j.zorgt_voor))),
        )


def _overload(x: _Context) -> None:
    b, g = x.a.belasting, x.g
    for z in x.a.mantelzorg:
        n = x.names[z.id]
        helpers = [u for u in g[z.id] if u != CLIENT_ID and not g.nodes[u]["formeel"]]
        tail = (
            f" {x.join(helpers)} {'kent' if len(helpers) == 1 else 'kennen'} {n} ook; misschien kan daar iemand "
            f"{x.c} af en toe aflossen."
            if helpers
            else f" Wie kan {x.c} af en toe aflossen?"
        )
        x.say(
            "overbelasting",
            "let op",
            f"{x.c} zorgt {_HOE_VAAK.get(z.frequentie, 'vaak')} voor {n} ({functions_text(z.gegeven)}) en krijgt "
            "daar weinig voor terug; de "
            f"band is {z.kwaliteit}. Let op overbelasting van {x.c} als mantelzorger.{tail}",
            (CLIENT_ID, z.id),
        )
    if b.signaal and b.hoofdbron:
        v, n = b.hoofdbron, x.names[b.hoofdbron]
        share = b.hoofdbron_aandeel or 0.0
        amount = (
            "Bijna alle" if share >= 0.75 else "De helft of meer van de" if share >= 0.5 else "Veel van de"
        )
        gives = [f for f in STEUNFUNCTIES if f in x.ties[v]["steun_ontvangen"]]
        text = f"{amount} steun komt van één persoon: {n} ({functions_text(gives)})."
        own = [f for f, who in b.enige_bron.items() if who == v]
        if own:
            text += f" Voor {functions_text(own)} is er niemand anders."
        if b.hoofdbron_snijpunt:
            lost = [u for part in cut_off(g, v) for u in part]
            text += f" Via {n} lopen ook de contacten met {x.join(lost)}."
        text += f" Let op dat {x.his(v)} het volhoudt, en zoek mensen die een deel kunnen overnemen."
        x.say("overbelasting", "let op", text, (v,))
    household = [u for u in g if u != CLIENT_ID and g.nodes[u].get("huishouden")]
    for f, v in b.enige_bron.items():
        if (b.signaal and v == b.hoofdbron) or x.g.nodes[v]["formeel"]:
            continue
        # whom the help reaches: the client and/or household members (help on either tie counts the same)
        reached = [h for h in (CLIENT_ID, *household) if h != v and g.has_edge(h, v) and f in _given_by(g, v, h)]
        to_whom = f" voor {x.join(reached)}" if household and reached else ""
        x.say(
            "enige-bron",
            "aandacht",
            f"Alle {FUNCTIE_TEKST[f]}{to_whom} komt van één persoon: {x.names[v]}. Valt {x.his(v)} weg, dan is "
            "er niemand die het overneemt.",
            (v,),
        )


def _links(x: _Context) -> None:
    g, said = x.g, set()
    for v in x.a.snijpunten_ego:
        lost = [u for part in cut_off(g, v) for u in part]
        x.say(
            "kwetsbare-schakel",
            "aandacht",
            f"Alleen via {x.names[v]} heeft {x.c} contact met {x.join(lost)}. Valt {x.names[v]} weg, dan raakt "
            f"{x.c} ook dat contact kwijt.",
            (v, *lost),
        )
        said.add(v)
    holders = [v for v in x.a.snijpunten_alters if v not in said and not g.nodes[v]["formeel"]]
    holders.sort(key=lambda v: -sum(len(p) for p in cut_off(g, v, from_client=False)))
    for v in holders[:3]:
        x.say(
            "kwetsbare-schakel",
            "aandacht",
            f"{x.names[v]} verbindt {connects_text(g, v, x.names)}. Zonder {x.his(v, object_form=True)} "
            "hebben die mensen geen contact meer met elkaar.",
            (v,),
        )


def _ties(x: _Context) -> None:
    g, w = x.g, x.a.wederkerigheid
    hard = [v for v, t in x.ties.items() if t["kwaliteit"] == "belastend"]
    if hard:
        contact = "dat contact" if len(hard) == 1 else "die contacten"
        close = any(g.nodes[v]["cirkel"] == 1 or g.nodes[v].get("huishouden") for v in hard)
        x.say(
            "belastende-band",
            "let op" if close else "aandacht",
            f"De band met {x.join(hard)} is belastend. Bespreek met {x.c} wat {contact} kost en wat het "
            "oplevert.",
            hard,
        )
    carers = {z.id for z in x.a.mantelzorg}
    giving = [v for v in w.alleen_geven if v not in carers]
    if giving:
        x.say(
            "eenzijdig",
            "aandacht",
            f"{x.c} geeft steun aan {x.join(giving)}, maar krijgt er niets voor terug.",
            giving,
        )
    taking = w.alleen_ontvangen
    if taking:
        them = x.his(taking[0], object_form=True) if len(taking) == 1 else "hen"
        x.say(
            "eenzijdig",
            "aandacht",
            f"{x.join(taking)} {'helpt' if len(taking) == 1 else 'helpen'} {x.c} zonder dat {x.hij} iets "
            f"terugdoet. Wat kan {x.c} voor {them} betekenen? Zo blijft de hulp langer goed.",
            taking,
        )


def _strengths(x: _Context) -> None:
    g, a = x.g, x.a
    informal_cover = {f: d.informeel for f, d in a.dekking.items()}
    if len(x.informal) >= BREED_NETWERK and all(informal_cover.values()):
        x.say(
            "sterk-netwerk",
            "sterk",
            f"{x.c} heeft een breed netwerk: {len(x.informal)} mensen buiten de hulpverlening, en voor elke "
            "soort steun is er iemand.",
            x.informal,
        )
    several = [f for f, who in informal_cover.items() if len(who) >= 2]
    if several:
        who = sorted({v for f in several for v in informal_cover[f]}, key=list(g).index)
        x.say(
            "meerdere-bronnen",
            "sterk",
            f"Voor {functions_text(several)} kan {x.c} bij meer dan één persoon terecht.",
            who,
        )
    versatile = [
        v
        for v in x.informal
        if x.ties[v]["kwaliteit"] == "steunend" and len(set(x.ties[v]["steun_ontvangen"])) >= 2
    ]
    if versatile:
        x.say(
            "veelzijdig",
            "sterk",
            f"{x.join(versatile)} {'helpt' if len(versatile) == 1 else 'helpen'} {x.c} op meer dan één manier "
            "en de band is goed.",
            versatile,
        )
    share = a.wederkerigheid.aandeel_wederkerig
    if share is not None and share >= 0.6 and len(x.informal) >= 3:
        x.say(
            "wederkerig",
            "sterk",
            f"Met de meeste mensen is het geven en nemen: {x.c} doet ook iets terug. Dat houdt de steun gezond.",
        )
    sleeping = [
        v
        for v in x.informal
        if x.ties[v]["kwaliteit"] == "steunend"
        and (
            not x.ties[v]["steun_ontvangen"]  # a good tie, and nothing is asked yet
            or (
                len(x.ties[v]["steun_ontvangen"]) == 1
                and x.ties[v]["frequentie"] in ("maandelijks", "minder")
            )
        )
    ]
    if sleeping:
        they = f"wil {x.his(sleeping[0])}" if len(sleeping) == 1 else "willen zij"
        x.say(
            "slapend-netwerk",
            "sterk",
            f"Met {x.join(sleeping)} is de band goed, maar er wordt nu weinig gevraagd. Misschien "
            f"{they} meedenken of iets doen.",
            sleeping,
        )


def signals(atlas: Network) -> list[Signaal]:
    """Every signal for one snapshot, ``let op`` first, then ``aandacht``, then strengths (``sterk``)."""
    g = ego_graph(atlas)
    x = _Context(g, analyse(g))
    for step in (_size, _young_carers, _overload, _coverage, _links, _ties, _strengths):
        step(x)
    return sorted(x.out, key=lambda s: _ORDER[s.ernst])


def _related(a: Signaal, b: Signaal) -> bool:
    """Two signals of one kind are about the same thing: shared persons, or one is about nobody in particular."""
    return not a.personen or not b.personen or bool(set(a.personen) & set(b.personen))


def compare_signals(
    before: Netwerkatlas | nx.Graph | Sequence[Signaal], after: Netwerkatlas | nx.Graph | Sequence[Signaal]
) -> list[str]:
    """Dutch sentences about what changed from ``before`` (T0) to ``after`` (T1).

    Pass two atlases for the full story (who came and left, circles, ties, support, then signals that went away
    or appeared); pass two lists of :class:`Signaal` for the signal part only. A signal is the same when its
    ``soort`` and persons are the same.
    """
    lines: list[str] = []
    if isinstance(before, Netwerkatlas | nx.Graph) and isinstance(after, Netwerkatlas | nx.Graph):
        lines += [
            s for s in changes_text(compare_snapshots(before, after)) if not s.startswith("Er is niets")
        ]
        before, after = signals(before), signals(after)
    old = {(s.soort, s.personen): s for s in before}
    new = {(s.soort, s.personen): s for s in after}
    gone = [s for key, s in old.items() if key not in new]
    came = [s for key, s in new.items() if key not in old]
    for s in gone:
        twin = next((t for t in came if t.soort == s.soort and _related(s, t)), None)
        if twin is None:
            label = "Weggevallen sterk punt" if s.ernst == "sterk" else "Niet meer van toepassing"
            lines.append(f"{label}: {s.tekst}")
        else:
            came.remove(twin)
            lines.append(f"Veranderd: {twin.tekst}")
    lines += [f"{'Nieuw sterk punt' if s.ernst == 'sterk' else 'Nieuw signaal'}: {s.tekst}" for s in came]
    return lines or ["Er is niets veranderd in het netwerk of in de signalen."]
