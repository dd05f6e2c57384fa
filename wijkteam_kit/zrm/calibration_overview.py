"""Printable calibration overviews for the training file: one learner, or the whole group.

Both are a :class:`~wijkteam_kit.document.Document` (Markdown or, through
:func:`wijkteam_kit.draw.document_pdf.document_pdf`, an A4 PDF). They state the standard agreed in this
training and say "gekalibreerd volgens de afspraak van deze training" — a learning record, not a certificate.

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, Attempt, CalibrationStandard, history, load_version
>>> v = load_version("zrm2013")
>>> ref = Assessment.build(v, "c", "referentie", {"financien": {"niveau": 3, "toelichting": "Regeling loopt"}})
>>> own = Assessment.build(v, "c", "ik", {"financien": 4})
>>> h = history([Attempt(own, ref, "Karim", "2026-03-01")])
>>> doc = participant_document("Kim", h, CalibrationStandard(casuses=1), training="ZRM-training voorjaar")
>>> doc.titel, doc.ondertitel
('Kalibratie-overzicht van Kim', 'ZRM-training voorjaar')
>>> from wijkteam_kit.document import to_markdown
>>> "geen certificaat" in to_markdown(doc)
True
"""

from __future__ import annotations

from collections.abc import Sequence

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.document import Alinea, Document, Kop, Lijst, Tabel
from wijkteam_kit.zrm.calibration_history import CalibrationHistory, dutch_percent
from wijkteam_kit.zrm.calibration_standard import CalibrationStandard

__all__ = ["group_document", "participant_document"]

NOT_A_CERTIFICATE = (
    "Dit overzicht hoort bij het trainingsdossier. Het zegt hoe dicht iemand in deze training bij de referentie "
    "van de trainer scoorde, volgens de afspraak die de trainer met de groep maakte; het is geen certificaat."
)


def _date(moment: str) -> str:
    try:
        return datum_tekst(moment)
    except ValueError:
        return moment[:10]


def participant_document(
    name: str, history: CalibrationHistory, standard: CalibrationStandard, *, training: str = ""
) -> Document:
    """One learner's overview: verdict, agreement per casus, bias per domain, domains below the standard."""
    result = standard.check(history)
    blocks: list = [
        Kop("De afspraak"),
        Alinea(f"In deze training spraken we af: {standard.text}."),
        Kop("Uitkomst"),
        Alinea(result.verdict, nadruk=True),
        Alinea(history.summary()),
    ]
    if history.attempts:
        blocks += [
            Kop("Per casus"),
            Tabel(
                ("Datum", "Casus", "Waar", "Gelijk", "Binnen één niveau"),
                tuple(
                    (
                        _date(a.moment),
                        a.casus_titel,
                        "oefening" if a.bron == "oefening" else f"sessie {a.bron}",
                        dutch_percent(a.exact),
                        dutch_percent(a.within_one),
                    )
                    for a in history.attempts
                ),
            ),
        ]
    noteworthy = history.noteworthy_biases()
    if noteworthy:
        blocks += [
            Kop("Waar scoor je anders dan de referentie?"),
            Lijst(tuple(b.sentence for b in noteworthy)),
        ]
    if result.domains:
        blocks += [Kop("Domeinen onder de afspraak"), Lijst(tuple(d.text for d in result.domains))]
    improved = history.improved()
    if improved:
        blocks += [Kop("Vooruitgang"), Lijst(tuple(f"{t.name}: dichter bij de referentie" for t in improved))]
    blocks.append(Alinea(NOT_A_CERTIFICATE))
    return Document(f"Kalibratie-overzicht van {name}", tuple(blocks), ondertitel=training)


def group_document(
    rows: Sequence[tuple[str, CalibrationHistory]], standard: CalibrationStandard, *, training: str = ""
) -> Document:
    """The group on one page: per learner casuses, agreement, verdict and the domains below the standard."""
    results = standard.group(rows)
    met = sum(1 for _, r in results if r.meets)
    table = tuple(
        (
            name,
            str(h.n_casuses),
            dutch_percent(h.exact),
            dutch_percent(h.within_one),
            "ja" if r.meets else "nog niet",
            ", ".join(d.name for d in r.domains) or "–",
        )
        for (name, h), (_, r) in zip(rows, results, strict=True)
    )
    blocks = (
        Kop("De afspraak"),
        Alinea(f"In deze training spraken we af: {standard.text}."),
        Alinea(
            f"{met} van de {len(rows)} deelnemers zijn gekalibreerd volgens de afspraak van deze training."
        ),
        Tabel(
            (
                "Deelnemer",
                "Casussen",
                "Gelijk",
                "Binnen één",
                "Afspraak gehaald",
                "Domeinen onder de afspraak",
            ),
            table,
        ),
        Alinea(NOT_A_CERTIFICATE),
    )
    return Document("Kalibratie van de groep", blocks, ondertitel=training)
