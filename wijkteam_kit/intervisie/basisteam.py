"""The basisteam agreement sheet: the output of a meedenkbijeenkomst (SNV phase 4).

A basisteam safeguards the plan and adjusts it when needed, and safeguards and coordinates the cooperation
between the client, network members and professionals: who does what, where, when and how. The sheet
records the members, the agreements, how the plan is safeguarded (*borgen*) and adjusted (*bijstellen*), the
next meeting and the contact persons. Members are proposed from the casus's netwerkatlas
(:func:`~wijkteam_kit.netwerk.signalen.invitees` and :func:`~wijkteam_kit.netwerk.signalen.basisteam`).

Examples
--------
>>> blad = BasisteamBlad(
...     client="Gerda",
...     leden=(Lid("Gerda", "cliënt"), Lid("Ans", "netwerklid", "Past op dinsdagmiddag op Henk")),
...     afspraken=(Afspraak("Ans", "Is bij Henk", "thuis", "elke dinsdag 13–17 uur", "Gerda belt als het niet gaat"),),
...     borgen="Marieke belt elke zondag en vraagt hoe de dinsdag ging.",
...     bijstellen="Na zes weken kijken we samen of het zo goed gaat.",
...     volgende_bijeenkomst="Dinsdag 14 april, 16 uur, bij Gerda thuis",
...     contactpersonen=(Contactpersoon("Marieke", "aanspreekpunt van het basisteam"),),
... )
>>> blad_problemen(blad)
['Het basisteam heeft nu 1 lid naast Gerda; zoek er minstens 2, zodat het niet op één persoon rust.']
>>> from wijkteam_kit.document import to_markdown
>>> print(to_markdown(basisteam_document(blad)).splitlines()[0])
# Afsprakenblad basisteam van Gerda
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.document import Alinea, Blok, Document, Kop, Tabel
from wijkteam_kit.errors import BasisteamError
from wijkteam_kit.netwerk.advies import Uitnodiging, basisteam, invitees
from wijkteam_kit.netwerk.io import atlas_from_casus

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus

__all__ = [
    "Afspraak",
    "BasisteamBlad",
    "Contactpersoon",
    "Lid",
    "basisteam_document",
    "blad_from_payload",
    "blad_problemen",
    "blad_to_payload",
    "blad_voor_casus",
    "netwerkleden",
    "voorstel_basisteam",
]

FUNCTIES = (
    "Het basisteam bewaakt het plan en stelt het bij als dat nodig is. Het zorgt er ook voor dat de "
    "samenwerking tussen de cliënt, de mensen uit het netwerk en eventuele professionals goed loopt: wie doet "
    "wat, waar, wanneer en hoe."
)
LEEG = "Nog niet ingevuld."


@dataclass(frozen=True)
class Afspraak:
    """One agreement: who does what, where, when and how."""

    wie: str
    wat: str
    waar: str = ""
    wanneer: str = ""
    hoe: str = ""

    @property
    def leeg(self) -> bool:
        """True when nothing is filled in."""
        return not any(v.strip() for v in (self.wie, self.wat, self.waar, self.wanneer, self.hoe))


@dataclass(frozen=True)
class Lid:
    """A member of the basisteam: name, role (cliënt, netwerklid, professional) and contribution."""

    naam: str
    rol: str = "netwerklid"
    bijdrage: str = ""


@dataclass(frozen=True)
class Contactpersoon:
    """Who to contact for what, and how (no real phone numbers in training material)."""

    naam: str
    waarvoor: str = ""
    bereikbaar: str = ""


@dataclass(frozen=True)
class BasisteamBlad:
    """The agreement sheet of a basisteam."""

    client: str
    leden: tuple[Lid, ...] = ()
    afspraken: tuple[Afspraak, ...] = ()
    borgen: str = ""
    bijstellen: str = ""
    volgende_bijeenkomst: str = ""
    contactpersonen: tuple[Contactpersoon, ...] = ()
    casus_titel: str = ""
    datum: str = ""



def _dag(datum: str) -> str:
    """An ISO date as '3 december 2026'; any other text as it is."""
    try:
        return datum_tekst(datum) if datum.strip() else ""
    except ValueError:
        return datum

def netwerkleden(casus: Casus, *, jaar: int | None = None) -> list[Uitnodiging]:
    """The people to invite to the meedenkbijeenkomst, from the casus's netwerkatlas at T0, with reasons.

    >>> from wijkteam_kit.casus import load_library
    >>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
    >>> [u.naam for u in netwerkleden(casus, jaar=2026)][:3]
    ['Henk Bosman', 'Ans', 'Marieke']
    """
    return invitees(atlas_from_casus(casus), jaar=jaar)


def voorstel_basisteam(casus: Casus, *, jaar: int | None = None) -> list[Uitnodiging]:
    """A suggested basisteam (2–4 people covering different kinds of support) from the casus's netwerkatlas."""
    return basisteam(atlas_from_casus(casus), jaar=jaar)


def blad_voor_casus(casus: Casus, *, jaar: int | None = None, datum: str = "") -> BasisteamBlad:
    """A sheet to start from: the client plus the suggested basisteam as members; agreements still empty."""
    atlas = atlas_from_casus(casus)
    leden = [Lid(atlas.client.naam, "cliënt", "Eigenaar van het plan")]
    leden += [Lid(u.naam, "netwerklid", u.reden) for u in basisteam(atlas, jaar=jaar)]
    return BasisteamBlad(client=atlas.client.naam, leden=tuple(leden), casus_titel=casus.titel, datum=datum)


def blad_problemen(blad: BasisteamBlad) -> list[str]:
    """What is still missing or vague on the sheet, as Dutch sentences (empty: the sheet is complete)."""
    problems = []
    others = [lid for lid in blad.leden if lid.naam.strip() and lid.naam.strip() != blad.client.strip()]
    if len(others) < 2:
        n = len(others)
        problems.append(
            f"Het basisteam heeft nu {n} {'lid' if n == 1 else 'leden'} naast {blad.client}; zoek er minstens 2, "
            "zodat het niet op één persoon rust."
        )
    rows = [a for a in blad.afspraken if not a.leeg]
    if not rows:
        problems.append("Er staan nog geen afspraken op het blad: wie doet wat, waar, wanneer en hoe?")
    for i, a in enumerate(rows, 1):
        missing = [k for k in ("wie", "wat", "wanneer") if not getattr(a, k).strip()]
        if missing:
            problems.append(f"Afspraak {i}: vul nog in {' en '.join(missing)}.")
    if not blad.borgen.strip():
        problems.append(
            "Beschrijf hoe het basisteam het plan bewaakt (borgen): wie houdt de vinger aan de pols?"
        )
    if not blad.bijstellen.strip():
        problems.append(
            "Beschrijf wanneer en hoe het plan wordt bijgesteld, bijvoorbeeld als iemand uitvalt."
        )
    if not blad.volgende_bijeenkomst.strip():
        problems.append("Spreek af wanneer het basisteam weer bij elkaar komt.")
    if not any(c.naam.strip() for c in blad.contactpersonen):
        problems.append("Noem minstens één contactpersoon: bij wie kan iedereen terecht?")
    return problems


def _or_empty(text: str) -> Alinea:
    return Alinea(text.strip()) if text.strip() else Alinea(LEEG, nadruk=True)


def basisteam_document(blad: BasisteamBlad) -> Document:
    """The sheet as a document (Markdown with :func:`~wijkteam_kit.document.to_markdown`, or PDF)."""
    sub = " · ".join(x for x in (blad.casus_titel, _dag(blad.datum)) if x.strip())
    blocks: list[Blok] = [Alinea(FUNCTIES), Kop("Wie zitten in het basisteam?")]
    leden = [lid for lid in blad.leden if lid.naam.strip()]
    blocks.append(
        Tabel(("Naam", "Rol", "Bijdrage"), tuple((m.naam, m.rol, m.bijdrage) for m in leden))
        if leden
        else Alinea(LEEG, nadruk=True)
    )
    blocks.append(Kop("Afspraken: wie doet wat, waar, wanneer en hoe?"))
    rows = [a for a in blad.afspraken if not a.leeg]
    blocks.append(
        Tabel(
            ("Wie", "Wat", "Waar", "Wanneer", "Hoe"),
            tuple((a.wie, a.wat, a.waar, a.wanneer, a.hoe) for a in rows),
        )
        if rows
        else Alinea(LEEG, nadruk=True)
    )
    blocks += [Kop("Zo bewaken we het plan"), _or_empty(blad.borgen)]
    blocks += [Kop("Zo stellen we het plan bij"), _or_empty(blad.bijstellen)]
    blocks += [Kop("Volgende bijeenkomst"), _or_empty(blad.volgende_bijeenkomst)]
    blocks.append(Kop("Contactpersonen"))
    contacts = [c for c in blad.contactpersonen if c.naam.strip()]
    blocks.append(
        Tabel(("Naam", "Waarvoor", "Bereikbaar"), tuple((c.naam, c.waarvoor, c.bereikbaar) for c in contacts))
        if contacts
        else Alinea(LEEG, nadruk=True)
    )
    return Document(titel=f"Afsprakenblad basisteam van {blad.client}", ondertitel=sub, blokken=tuple(blocks))


def blad_to_payload(blad: BasisteamBlad) -> dict[str, Any]:
    """The sheet as JSON-ready data (for :meth:`wijkteam_kit.store.Store.submit`, soort ``basisteam``)."""
    return asdict(blad)


def blad_from_payload(data: dict[str, Any]) -> BasisteamBlad:
    """Read a sheet back from :func:`blad_to_payload` data; wrong data raises :class:`BasisteamError`.

    >>> blad = BasisteamBlad("Gerda", afspraken=(Afspraak("Ans", "koffie"),))
    >>> blad_from_payload(blad_to_payload(blad)) == blad
    True
    """
    try:
        return BasisteamBlad(
            client=str(data["client"]),
            leden=tuple(Lid(**x) for x in data.get("leden", ())),
            afspraken=tuple(Afspraak(**x) for x in data.get("afspraken", ())),
            borgen=str(data.get("borgen", "")),
            bijstellen=str(data.get("bijstellen", "")),
            volgende_bijeenkomst=str(data.get("volgende_bijeenkomst", "")),
            contactpersonen=tuple(Contactpersoon(**x) for x in data.get("contactpersonen", ())),
            casus_titel=str(data.get("casus_titel", "")),
            datum=str(data.get("datum", "")),
        )
    except (KeyError, TypeError) as exc:
        raise BasisteamError(
            f"basisteamblad: de opgeslagen gegevens passen niet bij een afsprakenblad ({exc}); verwacht velden "
            "client, leden, afspraken, borgen, bijstellen, volgende_bijeenkomst en contactpersonen"
        ) from exc
