"""One run of an intervision method or a meedenkbijeenkomst: who holds which role, the timer, what was written.

A :class:`Bijeenkomst` joins a :class:`~wijkteam_kit.intervisie.Methode`, the participants and their roles, a
:class:`~wijkteam_kit.intervisie.stappen.StapRunner` (the timer with the observations per step), the learning question,
the agreements and the dilemma cards drawn. :func:`bijeenkomst_document` turns it into the session summary
(a :class:`~wijkteam_kit.document.Document`, so Markdown or PDF); :func:`bijeenkomst_payload` into plain data for
the :class:`~wijkteam_kit.store.Store`.

Examples
--------
>>> now = [0.0]
>>> s = Bijeenkomst.nieuw("vijfstappen", ["Kim", "Ali", "Bo"],
...                  {"inbrenger": "Kim", "gespreksleider": "Ali", "tijdbewaker": "Bo"}, clock=lambda: now[0])
>>> s.leervraag = "Hoe zeg ik nee tegen een collega?"
>>> s.runner.start(); now[0] = 660.0
>>> s.runner.set_note("De vraag werd scherper.")
>>> [(t.rol.naam, t.wie) for t in s.taken_nu()][:2]
[('Inbrenger', ('Kim',)), ('Gespreksleider', ('Ali',))]
>>> s.runner.next(); s.afspraken.append("Kim oefent het gesprek met Ali.")
>>> from wijkteam_kit.document import to_markdown
>>> md = to_markdown(bijeenkomst_document(s))
>>> "De vraag werd scherper." in md, "| Vraagintroductie | 10 min | 11:00 | klaar (1 minuut over de tijd) |" in md
(True, True)
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.document import Alinea, Blok, Document, Kop, Lijst, Tabel
from wijkteam_kit.intervisie.dilemmakaarten import Dilemmakaart
from wijkteam_kit.intervisie.methodes import Methode, Rol, load_method, rolverdeling
from wijkteam_kit.intervisie.stappen import Clock, StapRunner, klok, overtijd_tekst

__all__ = [
    "Bijeenkomst",
    "Taak",
    "bijeenkomst_concept",
    "bijeenkomst_document",
    "bijeenkomst_payload",
    "bijeenkomst_uit_concept",
]

STATUS_TEKST = {
    "wacht": "niet gedaan",
    "bezig": "bezig",
    "gepauzeerd": "gepauzeerd",
    "klaar": "klaar",
    "overgeslagen": "overgeslagen",
}


@dataclass(frozen=True)
class Taak:
    """What one role does in the current step: the role, who holds it, the task, and 'stil'/'afwezig'/''."""

    rol: Rol
    wie: tuple[str, ...]
    tekst: str
    aanwezigheid: str = ""


@dataclass
class Bijeenkomst:
    """A session in progress or finished; make one with :meth:`nieuw`."""

    methode: Methode
    deelnemers: tuple[str, ...]
    rollen: dict[str, tuple[str, ...]]
    runner: StapRunner
    leervraag: str = ""
    afspraken: list[str] = field(default_factory=list)
    kaarten: list[Dilemmakaart] = field(default_factory=list)
    casus_titel: str = ""
    datum: dt.date | None = None
    rolwisselingen: list[str] = field(default_factory=list)

    @classmethod
    def nieuw(
        cls,
        methode: Methode | str,
        deelnemers: Sequence[str],
        keuze: Mapping[str, str],
        *,
        clock: Clock = time.monotonic,
        leervraag: str = "",
        casus_titel: str = "",
        datum: dt.date | None = None,
    ) -> Bijeenkomst:
        """A new (not yet started) session.

        A wrong role assignment raises :class:`~wijkteam_kit.intervisie.IntervisieError`.
        """
        m = load_method(methode)
        rollen = rolverdeling(m, deelnemers, keuze)
        names = tuple(dict.fromkeys(" ".join(str(n).split()) for n in deelnemers if str(n).strip()))
        return cls(
            methode=m,
            deelnemers=names,
            rollen=rollen,
            runner=StapRunner.from_steps(m.stappen, clock=clock),
            leervraag=leervraag,
            casus_titel=casus_titel,
            datum=datum,
        )

    def herverdeel(self, keuze: Mapping[str, str], deelnemers: Sequence[str] | None = None) -> str:
        """Change the roles (and participants), before or during the session.

        Returns the change as one Dutch line, such as ``"Vanaf stap 2: gespreksleider Bo (was Ali)"`` ('' when
        no one-person role changed). Once the session has started the line is also kept in
        :attr:`rolwisselingen`, so the summary mentions it. A wrong assignment raises
        :class:`~wijkteam_kit.intervisie.IntervisieError` and changes nothing.

        >>> s = Bijeenkomst.nieuw("roddelmethode", ["Kim", "Ali", "Bo"],
        ...                  {"inbrenger": "Kim", "gespreksleider": "Ali", "tijdbewaker": "Bo"}, clock=lambda: 0.0)
        >>> s.runner.start(); s.runner.next()
        >>> s.herverdeel({"inbrenger": "Kim", "gespreksleider": "Bo", "tijdbewaker": "Ali"})
        'Vanaf stap 2: gespreksleider Bo (was Ali), tijdbewaker Ali (was Bo)'
        >>> s.rolwisselingen, s.wie("deelnemers")
        (['Vanaf stap 2: gespreksleider Bo (was Ali), tijdbewaker Ali (was Bo)'], ('Ali',))
        """
        people = self.deelnemers if deelnemers is None else deelnemers
        old = dict(self.rollen)
        self.rollen = rolverdeling(self.methode, people, keuze)
        self.deelnemers = tuple(dict.fromkeys(" ".join(str(n).split()) for n in people if str(n).strip()))
        changes = [
            f"{r.naam.lower()} {', '.join(self.wie(r.id))} (was {', '.join(old.get(r.id, ())) or 'niemand'})"
            for r in self.methode.vaste_rollen
            if self.wie(r.id) != old.get(r.id, ())
        ]
        if not changes:
            return ""
        line = f"Vanaf stap {self.runner.index + 1}: " + ", ".join(changes)
        if self.runner.started:
            self.rolwisselingen.append(line)
        return line

    def wie(self, rol_id: str) -> tuple[str, ...]:
        """The names holding role ``rol_id``."""
        return self.rollen.get(rol_id, ())

    def rollen_van(self, naam: str) -> list[str]:
        """The role names a participant holds, in the method's order."""
        return [r.naam for r in self.methode.rollen if naam in self.wie(r.id)]

    def taken_nu(self, i: int | None = None) -> list[Taak]:
        """What every role does in step ``i`` (default: the current step)."""
        step = self.methode.stappen[self.runner.index if i is None else i]
        out = []
        for role in self.methode.rollen:
            presence = "afwezig" if role.id in step.afwezig else "stil" if role.id in step.stil else ""
            out.append(Taak(role, self.wie(role.id), step.taak(role.id), presence))
        return out


def _rollen_tabel(s: Bijeenkomst) -> Tabel:
    return Tabel(
        ("Rol", "Wie"),
        tuple((r.naam, ", ".join(s.wie(r.id)) or "niemand") for r in s.methode.rollen),
    )


def _wisselingen(s: Bijeenkomst) -> list[Blok]:
    if not s.rolwisselingen:
        return []
    return [
        Alinea("De tabel toont de rollen aan het eind. Tijdens de bijeenkomst zijn rollen gewisseld:"),
        Lijst(tuple(s.rolwisselingen)),
    ]


def _verloop(s: Bijeenkomst) -> Tabel:
    rows = []
    for t in s.runner.snapshots():
        status = STATUS_TEKST[t.status]
        if t.overtijd > 0 and t.status != "wacht":
            status += f" ({overtijd_tekst(t.overtijd)})"
        gepland = f"{s.methode.stappen[t.index].minuten} min"
        rows.append((t.titel, gepland, klok(t.verstreken), status))
    return Tabel(("Stap", "Gepland", "Werkelijk", "Status"), tuple(rows))


def bijeenkomst_document(s: Bijeenkomst) -> Document:
    """The session summary as a document (Markdown or PDF).

    It holds the method, participants and roles (and the role changes during the session), learning question,
    course of the steps (planned and spent time), observations per step, agreements and the dilemma cards drawn.
    """
    m = s.methode
    sub = [m.naam]
    if s.casus_titel:
        sub.append(f"casus: {s.casus_titel}")
    if s.datum:
        sub.append(datum_tekst(s.datum))
    blocks: list[Blok] = [
        Alinea(m.omschrijving),
        Kop("Deelnemers en rollen"),
        _rollen_tabel(s),
        *_wisselingen(s),
        Kop("Leervraag"),
        Alinea(s.leervraag.strip() or "Er is geen leervraag vastgelegd.", nadruk=not s.leervraag.strip()),
        Kop("Verloop"),
        _verloop(s),
        Alinea(
            f"Gepland: {m.totaal_minuten} minuten. Besteed aan de stappen: {klok(s.runner.total_elapsed())}"
            + (f", gepauzeerd: {klok(s.runner.paused_seconds())}." if s.runner.paused_seconds() else ".")
        ),
        Kop("Observaties per stap"),
    ]
    notes = s.runner.notes
    if notes:
        for i, text in notes.items():
            blocks += [Kop(f"{i + 1}. {m.stappen[i].titel}", niveau=2), Alinea(text.strip())]
    else:
        blocks.append(Alinea("Er zijn geen observaties opgeschreven.", nadruk=True))
    blocks.append(Kop("Afspraken"))
    agreements = [a.strip() for a in s.afspraken if a.strip()]
    blocks.append(
        Lijst(tuple(agreements)) if agreements else Alinea("Er zijn geen afspraken gemaakt.", nadruk=True)
    )
    if s.kaarten:
        blocks.append(Kop("Getrokken dilemmakaarten"))
        for card in s.kaarten:
            blocks += [Kop(card.titel, niveau=2), Alinea(card.tekst)]
            if card.vragen:
                blocks.append(Lijst(card.vragen))
    return Document(titel=f"Verslag {m.naam}", ondertitel=" · ".join(sub), blokken=tuple(blocks))


def bijeenkomst_payload(s: Bijeenkomst) -> dict:
    """The session as JSON-ready data (for :meth:`wijkteam_kit.store.Store.submit`, soort ``intervisie``)."""
    r = s.runner
    return {
        "methode": s.methode.id,
        "casus": s.casus_titel,
        "datum": s.datum.isoformat() if s.datum else None,
        "deelnemers": list(s.deelnemers),
        "rollen": {k: list(v) for k, v in s.rollen.items()},
        "rolwisselingen": list(s.rolwisselingen),
        "leervraag": s.leervraag,
        "stappen": [
            {
                "titel": t.titel,
                "gepland_minuten": s.methode.stappen[t.index].minuten,
                "seconden": round(t.verstreken, 1),
                "status": t.status,
                "observaties": r.note(t.index),
            }
            for t in r.snapshots()
        ],
        "afspraken": [a for a in s.afspraken if a.strip()],
        "kaarten": [c.id for c in s.kaarten],
        "afgerond": r.ended,
    }


def bijeenkomst_concept(s: Bijeenkomst) -> dict[str, Any]:
    """A session in progress as JSON-ready data, so a reload or another device can go on with it.

    >>> s = Bijeenkomst.nieuw("roddelmethode", ["Kim", "Ali", "Bo"],
    ...                  {"inbrenger": "Kim", "gespreksleider": "Ali", "tijdbewaker": "Bo"}, clock=lambda: 0.0,
    ...                  leervraag="Hoe zeg ik nee?", datum=dt.date(2026, 12, 3))
    >>> s.runner.start(); s.runner.set_note("Kim vertelt"); s.afspraken.append("Ali belt maandag")
    >>> again = bijeenkomst_uit_concept(bijeenkomst_concept(s), clock=lambda: 0.0, kaarten=[])
    >>> again.leervraag, again.wie("gespreksleider"), again.runner.note(0), again.afspraken, again.datum
    ('Hoe zeg ik nee?', ('Ali',), 'Kim vertelt', ['Ali belt maandag'], datetime.date(2026, 12, 3))
    """
    return {
        "methode": s.methode.id,
        "deelnemers": list(s.deelnemers),
        "rollen": {k: list(v) for k, v in s.rollen.items()},
        "leervraag": s.leervraag,
        "afspraken": list(s.afspraken),
        "kaarten": [c.id for c in s.kaarten],
        "casus": s.casus_titel,
        "datum": s.datum.isoformat() if s.datum else None,
        "rolwisselingen": list(s.rolwisselingen),
        "klok": s.runner.toestand(),
    }


def bijeenkomst_uit_concept(
    data: Mapping[str, Any], *, clock: Clock = time.monotonic, kaarten: Iterable[Dilemmakaart] = ()
) -> Bijeenkomst:
    """The session of :func:`bijeenkomst_concept` back (its clock paused); ``kaarten``: the cards to find ids in.

    A draft that no longer fits (a method or role that is gone) raises an
    :class:`~wijkteam_kit.errors.IntervisieError` or :class:`~wijkteam_kit.errors.StappenError`.
    """
    m = load_method(str(data["methode"]))
    rollen = {str(k): tuple(str(n) for n in v) for k, v in dict(data.get("rollen") or {}).items()}
    keuze = {rol: names[0] for rol, names in rollen.items() if len(names) == 1 and rol != "deelnemers"}
    s = Bijeenkomst.nieuw(
        m,
        [str(n) for n in data.get("deelnemers") or ()],
        keuze,
        clock=clock,
        leervraag=str(data.get("leervraag") or ""),
        casus_titel=str(data.get("casus") or ""),
        datum=dt.date.fromisoformat(data["datum"]) if data.get("datum") else None,
    )
    s.rollen = rollen or s.rollen
    s.afspraken[:] = [str(a) for a in data.get("afspraken") or ()]
    by_id = {c.id: c for c in kaarten}
    s.kaarten[:] = [by_id[c] for c in data.get("kaarten") or () if c in by_id]
    s.rolwisselingen[:] = [str(r) for r in data.get("rolwisselingen") or ()]
    s.runner.herstel(data.get("klok") or {})
    return s
