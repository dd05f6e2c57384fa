"""The plan as the household's own document ("Ons plan"), for Markdown and a printable PDF.

:func:`plan_document` builds a :class:`~wijkteam_kit.document.Document`; :func:`plan_markdown` renders it with
:func:`~wijkteam_kit.document.to_markdown`. For a PDF, pass the document to
:func:`wijkteam_kit.draw.document_pdf.document_pdf` (the drawing floor; this module stays free of matplotlib).

Examples
--------
>>> import datetime as dt
>>> from wijkteam_kit.plan import Plan
>>> plan = Plan(
...     huishouden="Gerda en Henk",
...     datum=dt.date(2026, 3, 2),
...     krachten=["Wij zijn erg op elkaar gesteld"],
...     doelstellingen=[{"tekst": "Ik wil weer op dinsdag naar het koor"}],
...     resultaten=[{"tekst": "Over zes weken zing ik elke dinsdag mee", "doel": 1}],
...     acties=[{"wie": "Ans", "wat": "Komt bij Henk", "wanneer": "elke dinsdag"}],
...     regisseur="Gerda",
...     evaluatiedatum=dt.date(2026, 6, 1),
... )
>>> text = plan_markdown(plan)
>>> text.splitlines()[:3]
['# Ons plan', '', '*Gerda en Henk · 2 maart 2026*']
>>> "| Ik wil weer op dinsdag naar het koor | Over zes weken zing ik elke dinsdag mee |" in text
True
>>> "Op 1 juni 2026 kijken we samen" in text
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.document import Alinea, Blok, Document, Kop, Lijst, Tabel, slug, to_markdown
from wijkteam_kit.plan.model import Plan

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus


__all__ = ["KOPPEN", "STAPPEN_THUIS", "datum_tekst", "plan_bestandsnaam", "plan_document", "plan_markdown"]

#: The section headings, in the household's voice.
KOPPEN: dict[str, str] = {
    "vraag": "Onze vraag",
    "krachten": "Wat goed gaat",
    "zorgen": "Waar wij ons zorgen over maken",
    "doelen": "Wat wij willen bereiken",
    "aanpak": "Hoe wij het aanpakken",
    "acties": "Wie doet wat en wanneer",
    "geparkeerd": "Wat nog even wacht",
    "eerdere_hulp": "Hulp die we eerder hadden",
    "evaluatie": "Wanneer kijken we of het lukt",
    "regisseur": "Wie houdt het overzicht",
}
#: The Wmo steps in the household's words (the app's own labels are :data:`wijkteam_kit.plan.WMO_LABELS`).
STAPPEN_THUIS: dict[str, str] = {
    "eigen_kracht": "wat ik zelf doe",
    "sociaal_netwerk": "hulp van mensen om ons heen",
    "steun_mantelzorger": "steun voor wie zorgt",
    "algemene_voorziening": "hulp die iedereen kan krijgen in de buurt",
    "maatwerkvoorziening": "hulp die de gemeente speciaal voor ons regelt",
}
_LATER = "Nog in te vullen."


def _household(plan: Plan, casus: Casus | None) -> str:
    if plan.huishouden.strip():
        return plan.huishouden.strip()
    if casus is not None:
        return " en ".join(m.naam.split()[0] for m in casus.huishouden[:2])
    return ""


def _or_later(blocks: list[Blok]) -> list[Blok]:
    return blocks or [Alinea(_LATER, nadruk=True)]


def _goals(plan: Plan) -> list[Blok]:
    rows = [
        (goal.tekst, "; ".join(r.tekst for r in plan.resultaten if r.doel == i))
        for i, goal in enumerate(plan.doelstellingen, 1)
    ]
    rows += [("", r.tekst) for r in plan.resultaten if r.doel is None]
    return [Tabel(("Ons doel", "Hieraan zien we dat het lukt"), tuple(rows))] if rows else []


def _problems(plan: Plan) -> list[Blok]:
    items = []
    for p in plan.probleemstellingen:
        where = plan.domain_name(p.domein) if p.domein else ""
        if where and p.niveau is not None:
            where += f", nu op niveau {p.niveau} van 5"
        if where and p.domein and plan.target(p.domein) is not None:
            where += f", doel: niveau {plan.target(p.domein)}"
        items.append(p.tekst + (f" ({where})" if where else ""))
    return [Lijst(tuple(items))] if items else []


def plan_document(plan: Plan, casus: Casus | None = None) -> Document:
    """The plan as a document that reads as the household's own plan ("Ons plan")."""
    household = _household(plan, casus)
    subtitle = " · ".join(x for x in (household, datum_tekst(plan.datum) if plan.datum else "") if x)
    blocks: list[Blok] = []
    if plan.vraag.strip():
        blocks += [Kop(KOPPEN["vraag"]), Alinea(plan.vraag.strip())]
    blocks += [Kop(KOPPEN["krachten"]), *_or_later([Lijst(plan.krachten)] if plan.krachten else [])]
    blocks += [Kop(KOPPEN["zorgen"]), *_or_later(_problems(plan))]
    blocks += [Kop(KOPPEN["doelen"]), *_or_later(_goals(plan))]
    solutions = tuple(f"{o.tekst} ({STAPPEN_THUIS[o.stap]})" for o in plan.oplossingen)
    blocks += [Kop(KOPPEN["aanpak"]), *_or_later([Lijst(solutions)] if solutions else [])]
    actions = tuple((a.wie, a.wat, a.wanneer) for a in plan.acties)
    blocks += [
        Kop(KOPPEN["acties"]),
        *_or_later([Tabel(("Wie", "Wat", "Wanneer"), actions)] if actions else []),
    ]
    if plan.geparkeerd:
        parked = tuple(f"{plan.domain_name(g.domein)}: {g.reden}" for g in plan.geparkeerd)
        blocks += [Kop(KOPPEN["geparkeerd"]), Lijst(parked)]
    if plan.eerdere_hulp.strip():
        blocks += [Kop(KOPPEN["eerdere_hulp"]), Alinea(plan.eerdere_hulp.strip())]
        if plan.resultaat_eerdere_hulp.strip():
            blocks.append(Alinea(f"Wat het opleverde: {plan.resultaat_eerdere_hulp.strip()}"))
    when = (
        f"Op {datum_tekst(plan.evaluatiedatum)} kijken we samen of het lukt: wat is er bereikt, wat ging goed en "
        "wat doen we anders?"
        if plan.evaluatiedatum
        else "We spreken nog een datum af om samen te kijken of het lukt."
    )
    blocks += [Kop(KOPPEN["evaluatie"]), Alinea(when)]
    who = (
        f"{plan.regisseur.strip()} houdt het overzicht over ons plan en is het eerste aanspreekpunt."
        if plan.regisseur.strip()
        else "We spreken nog af wie het overzicht houdt."
    )
    blocks += [Kop(KOPPEN["regisseur"]), Alinea(who)]
    return Document(titel="Ons plan", ondertitel=subtitle, blokken=tuple(blocks))


def plan_markdown(plan: Plan, casus: Casus | None = None) -> str:
    """The household's plan as Markdown text."""
    return to_markdown(plan_document(plan, casus))


def plan_bestandsnaam(plan: Plan, extensie: str) -> str:
    """A file name for a download, such as ``'ons-plan-mantelzorg-dementie.md'``.

    >>> plan_bestandsnaam(Plan(casus_id="mantelzorg-dementie"), "pdf"), plan_bestandsnaam(Plan(), "md")
    ('ons-plan-mantelzorg-dementie.pdf', 'ons-plan.md')
    """
    stem = slug(plan.casus_id or "")
    return f"ons-plan{'-' + stem if stem else ''}.{extensie.lstrip('.')}"
