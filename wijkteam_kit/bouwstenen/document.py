"""What stands out in a team's bouwstenen answers, and the startdocument that brings it all together.

:func:`check` applies the consistency rules of :mod:`wijkteam_kit.bouwstenen.regels` and lists the open
required questions, each as a :class:`~wijkteam_kit.bouwstenen.Bevinding` with a Dutch explanation of *why*.
:func:`startdocument` puts the answers, what stands out and the next steps in a
:class:`~wijkteam_kit.document.Document` (Markdown via :func:`~wijkteam_kit.document.to_markdown`, PDF via
:func:`wijkteam_kit.draw.document_pdf.document_pdf`).

Examples
--------
>>> import datetime as dt
>>> from wijkteam_kit.bouwstenen import Antwoorden
>>> a = Antwoorden().met("vormgeving", "vorm", "integraal").met("aansturing", "mandaat", "nee")
>>> [f.regel for f in check(a) if f.soort != "ontbreekt"]
['integraal_zonder_mandaat']
>>> doc = startdocument(a, "Team Noord", datum=dt.date(2026, 3, 2))
>>> doc.titel, doc.ondertitel
('Startdocument Team Noord', 'Bouwstenenmodel voor sociale (wijk)teams · 2 maart 2026')
"""

from __future__ import annotations

import datetime as dt

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.bouwstenen.model import SOORTEN, Antwoorden, Bevinding, Bouwstenenmodel, load_model
from wijkteam_kit.bouwstenen.regels import REGELS
from wijkteam_kit.document import Alinea, Blok, Document, Kop, Lijst, Tabel

__all__ = ["check", "startdocument"]


def check(answers: Antwoorden, model: Bouwstenenmodel | None = None) -> list[Bevinding]:
    """Contradictions and points of attention (the rules), then the open required questions in order.

    >>> [f.regel for f in check(Antwoorden())][:2], len(check(Antwoorden()))
    (['ontbreekt', 'ontbreekt'], 30)
    """
    model = model or load_model()
    found = [b for regel in REGELS if (b := regel(answers)) is not None]
    found.sort(key=lambda b: SOORTEN.index(b.soort))
    for block, q in model.alle_vragen():
        if q.verplicht and answers.get(block.id, q.id) is None:
            found.append(
                Bevinding(
                    "ontbreekt",
                    "ontbreekt",
                    f"{block.nummer} {block.naam}: {q.vraag}",
                    f"Deze vraag is nog open. Ze hoort bij de kernvraag van bouwsteen {block.nummer}: "
                    f"{block.kernvraag} Een open vraag betekent vaak dat het team hier nog geen keuze heeft "
                    "gemaakt; bespreek haar samen.",
                    (f"{block.id}.{q.id}",),
                )
            )
    return found


def startdocument(
    answers: Antwoorden,
    team_naam: str,
    model: Bouwstenenmodel | None = None,
    datum: dt.date | None = None,
) -> Document:
    """The team's answers, what stands out and next steps, as a :class:`~wijkteam_kit.document.Document`."""
    model = model or load_model()
    day = datum or dt.date.today()
    findings = check(answers, model)
    blocks: list[Blok] = [
        Alinea(
            f"In dit startdocument staan de keuzes van {team_naam} langs de zes bouwstenen van het "
            "bouwstenenmodel. Het is de basis voor een teamontwikkelingsplan: bespreek het samen, vul aan en "
            "kijk er over een half jaar opnieuw naar."
        )
    ]
    for block in model.bouwstenen:
        blocks += [Kop(f"{block.nummer}. {block.naam}"), Alinea(block.kernvraag, nadruk=True)]
        short = [q for q in block.vragen if q.type != "tekst"]
        if short:
            rows = tuple((q.vraag, q.label(answers.get(block.id, q.id))) for q in short)
            blocks.append(Tabel(("Vraag", "Antwoord"), rows))
        for q in block.vragen:
            if q.type == "tekst":
                blocks += [Kop(q.vraag, niveau=2), Alinea(q.label(answers.get(block.id, q.id)))]
    blocks.append(Kop("Wat valt op?"))
    rules = [f for f in findings if f.soort != "ontbreekt"]
    open_questions = [f for f in findings if f.soort == "ontbreekt"]
    if rules:
        blocks.append(Lijst(tuple(f"{f.soort.capitalize()}: {f.titel}. {f.uitleg}" for f in rules)))
    else:
        blocks.append(Alinea("Er zijn geen tegenstrijdige antwoorden of aandachtspunten gevonden."))
    if open_questions:
        blocks.append(Alinea(f"Nog open ({len(open_questions)} vragen):"))
        blocks.append(Lijst(tuple(f.titel for f in open_questions)))
    blocks += [
        Kop("Volgende stappen"),
        Lijst(
            (
                "Bespreek de tegenstrijdigheden en aandachtspunten in een teamoverleg en leg de keuzes vast.",
                "Beantwoord de open vragen samen; vraag zo nodig de opdrachtgever om duidelijkheid.",
                "Maak van de afspraken een teamontwikkelingsplan: wie doet wat, en wanneer kijken we terug?",
                "Herhaal deze reflectie over een half jaar; een team heeft twee tot vier jaar nodig om te staan.",
            ),
            genummerd=True,
        ),
    ]
    return Document(
        titel=f"Startdocument {team_naam}",
        ondertitel=f"{model.naam} · {datum_tekst(day)}",
        blokken=tuple(blocks),
    )
