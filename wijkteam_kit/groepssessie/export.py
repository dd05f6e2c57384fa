"""Export of a group session: a CSV for the trainer and a handout (document and PDF) for the group.

* :func:`session_csv` — one row per participant (naam, aangemeld, ingeleverd, then the exercise's columns and a
  remark), as a CSV that Dutch Excel opens directly: ``;`` between cells, UTF-8 with BOM, quotes, ``;`` and
  line breaks inside a cell quoted the standard way. A cell (the header too) that starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so a spreadsheet never runs it as a formula
  (:func:`~wijkteam_kit._basis.excel_csv.excel_csv`).
* :func:`handout_document` — the group result as a :class:`~wijkteam_kit.document.Document`: the casus, the
  session code, the date, the number of participants, and the discussion agenda (ZRM), the most common
  feedback (plan) or the persons most often missed (netwerkatlas). It is handed out to the whole group, so
  participant names are left out unless ``met_namen=True``.
The printable hand-out (these pages plus the group figure) is drawn by
:func:`wijkteam_kit.draw.groepssessie.handout_pdf`.

Examples
--------
>>> import csv, io
>>> from wijkteam_kit.casus import load_library
>>> from wijkteam_kit.groepssessie import Deelname, Groepssessie
>>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
>>> sessie = Groepssessie("ABC234", "", casus.id, "netwerkatlas", "open", False, "2026-03-02T09:00:00+00:00", "")
>>> kim = Deelname("ABC234", "p1", 'Kim; "de Boer"', "2026-03-02T09:01:00+00:00", None, None)
>>> rows = list(csv.reader(io.StringIO(session_csv(sessie, [kim], [], casus).decode("utf-8-sig")), delimiter=";"))
>>> rows[0][:4], rows[1][0], rows[1][-1]
(['naam', 'aangemeld', 'ingeleverd', 'personen'], 'Kim; "de Boer"', 'nog niet ingeleverd')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wijkteam_kit._basis.excel_csv import excel_csv
from wijkteam_kit.casus.model import Casus
from wijkteam_kit.document import Alinea, Blok, Document, Kop, Lijst, Tabel, join_dutch
from wijkteam_kit.groepssessie.analyse import Groep, groep
from wijkteam_kit.groepssessie.analyse.netwerk import NetwerkGroep
from wijkteam_kit.groepssessie.analyse.plan import PlanGroep
from wijkteam_kit.groepssessie.analyse.zrm import ZrmGroep
from wijkteam_kit.groepssessie.model import OEFENING_NAMEN, Deelname, Groepssessie
from wijkteam_kit.plan.export import datum_tekst
from wijkteam_kit.plan.model import WMO_LABELS, WMO_STAPPEN
from wijkteam_kit.store.schema import local_time
from wijkteam_kit.zrm.calibration import AgendaItem

if TYPE_CHECKING:
    from wijkteam_kit.store.schema import Inzending

__all__ = ["handout_document", "session_csv"]



def _exercise_columns(casus: Casus, oefening: str) -> list[str]:
    if oefening in ("zrm", "evaluatie"):
        return [d.name for d in casus.version().domains] + ["participatieladder"]
    if oefening == "plan":
        return ["wmo-stappen", "domeinen", "feedbackpunten"]
    return ["personen", "banden", "aantal gemist", "gemist", "niet in de casus"]


def _exercise_cells(result: Groep, name: str) -> list[str] | None:
    """The exercise columns of one participant, or None when the group has no readable answer of them."""
    if isinstance(result, ZrmGroep):
        found = next((a for a in result.assessments if a.rater == name), None)
        if found is None:
            return None
        levels = ["nvt" if s.level is None else str(s.level) for s in found.scores.values()]
        return [*levels, "" if found.ladder is None else str(found.ladder)]
    if isinstance(result, PlanGroep):
        row = next((r for r in result.per_plan if r.naam == name), None)
        if row is None:
            return None
        steps = ", ".join(WMO_LABELS[s] for s in row.stappen)
        return [steps, ", ".join(result.domain_name(d) for d in row.domeinen), str(row.feedbackpunten)]
    kaart = next((r for r in result.per_map if r.naam == name), None)
    if kaart is None:
        return None
    return [
        str(kaart.personen),
        str(kaart.banden),
        str(len(kaart.gemist)),
        ", ".join(kaart.gemist),
        ", ".join(kaart.extra),
    ]


def session_csv(
    sessie: Groepssessie,
    deelnames: Sequence[Deelname],
    answers: Sequence[tuple[Deelname, Inzending]],
    casus: Casus,
    *,
    today: dt.date | None = None,
) -> bytes:
    """One row per participant of ``sessie`` (a :class:`~wijkteam_kit.groepssessie.Groepssessie`).

    ``deelnames`` are the :class:`~wijkteam_kit.groepssessie.Deelname` rows in joined order, ``answers`` the
    ``(Deelname, Inzending)`` pairs of :meth:`TrainerToegang.answers`. Columns: naam, aangemeld, ingeleverd, the
    exercise's columns (ZRM: the level per domain and the rung; plan: Wmo steps, domains, number of feedback
    points; netwerkatlas: persons, ties, casus persons missed, persons not in the casus) and ``opmerking``
    (not submitted yet, or why an answer could not be read).
    """
    payloads = {d.deelnemer_id: inzending.payload for d, inzending in answers}
    handed_in = {d.deelnemer_id: d.ingeleverd or inzending.bijgewerkt for d, inzending in answers}
    named = [(d.weergavenaam, payloads[d.deelnemer_id]) for d in deelnames if d.deelnemer_id in payloads]
    result = groep(casus, sessie.oefening, named, today=today)
    skipped = dict(result.overgeslagen)
    columns = _exercise_columns(casus, sessie.oefening)
    rows: list[list[object]] = []
    for d in deelnames:
        cells = _exercise_cells(result, d.weergavenaam) if d.deelnemer_id in payloads else None
        remark = skipped.get(d.weergavenaam, "") if d.deelnemer_id in payloads else "nog niet ingeleverd"
        rows.append(
            [
                d.weergavenaam,
                local_time(d.aangemeld),
                local_time(d.ingeleverd or handed_in.get(d.deelnemer_id)),
                *(cells or [""] * len(columns)),
                remark,
            ]
        )
    return excel_csv(["naam", "aangemeld", "ingeleverd", *columns, "opmerking"], rows)


# --------------------------------------------------------------------------- handout
def _group_cell(item: AgendaItem) -> str:
    """E.g. ``'1× 2, 2× 3 (33% gelijk)'``."""
    if not item.spread_text:
        return "–"
    return item.spread_text + ("" if item.exact is None else f" ({item.exact:.0%} gelijk)")


def _reference_cell(item: AgendaItem) -> str:
    level = "niet besproken" if item.reference is None else f"niveau {item.reference}"
    return f"{level}: {item.rationale}" if item.rationale else level


def _zrm_blocks(result: ZrmGroep, met_namen: bool) -> list[Blok]:
    blocks: list[Blok] = [
        Kop("Overeenstemming"),
        Alinea(result.melding),  # the agreement sentence, once (the group figure does not repeat it)
        Kop("Gespreksagenda: eerst waar de groep het oneens is of samen naast de referentie zit"),
        Tabel(
            ("Domein", "In de groep", "Soort", "Referentie en waarom"),
            tuple(
                (item.name, _group_cell(item), item.soort_text, _reference_cell(item)) for item in result.agenda
            ),
        ),
        Kop("Participatieladder"),
        Alinea(f"Gekozen treden: {result.ladder_tekst()}."),
        Alinea(f"Waarom de referentie: {result.casus.participatieladder.toelichting}"),
    ]
    if met_namen and result.assessments:
        version = result.casus.version()
        blocks += [
            Kop("Wie scoorde wat"),
            Alinea("Niveaus in de volgorde " + join_dutch(d.name for d in version.domains) + "."),
            Tabel(
                ("Naam", "Niveaus", "Trede"),
                tuple(
                    (
                        x.rater,
                        " ".join("nvt" if s.level is None else str(s.level) for s in x.scores.values()),
                        "–" if x.ladder is None else str(x.ladder),
                    )
                    for x in result.assessments
                ),
            ),
        ]
    return blocks


def _plan_blocks(result: PlanGroep, met_namen: bool) -> list[Blok]:
    n = len(result.per_plan)
    ref = result.casus.referentieplan

    def in_ref(ids: Sequence[str], key: str) -> str:
        return "–" if ref is None else ("ja" if key in ids else "nee")

    blocks: list[Blok] = [
        Kop("Wmo-stappen in de plannen"),
        Alinea(result.melding),
        Tabel(
            ("Wmo-stap", "Plannen", "In het referentieplan"),
            tuple(
                (WMO_LABELS[s], f"{result.step_counts[s]} van {n}", in_ref(ref.wmo_stappen if ref else (), s))
                for s in WMO_STAPPEN
            ),
        ),
        Kop("ZRM-domeinen in de plannen"),
    ]
    ref_domains = ref.domeinen if ref else []
    shown = [d for d, count in result.domain_counts.items() if count or d in ref_domains]
    if shown:
        rows = tuple(
            (result.domain_name(d), f"{result.domain_counts[d]} van {n}", in_ref(ref_domains, d))
            for d in shown
        )
        blocks.append(Tabel(("Domein", "Plannen", "In het referentieplan"), rows))
    else:
        blocks.append(Alinea("Nog geen plan met een probleemstelling op een ZRM-domein."))
    blocks.append(Kop("Feedback die het vaakst terugkomt"))
    if result.common_feedback:
        rows = tuple((f.titel, f"{f.aantal} van {n}", f.voorbeeld) for f in result.common_feedback)
        blocks.append(Tabel(("Punt", "Plannen", "Bijvoorbeeld"), rows))
    else:
        blocks.append(
            Alinea("Geen feedbackpunten: elk plan voldoet aan alle punten." if n else "Nog geen plannen.")
        )
    if ref is not None and ref.geparkeerd:
        blocks.append(Kop("Wat het referentieplan bewust laat wachten", 2))
        blocks.append(Lijst(tuple(f"{result.domain_name(d)}: {why}" for d, why in ref.geparkeerd.items())))
    if met_namen and result.per_plan:
        rows = tuple(
            (
                r.naam,
                ", ".join(WMO_LABELS[s] for s in r.stappen) or "–",
                ", ".join(result.domain_name(d) for d in r.domeinen) or "–",
                str(r.feedbackpunten),
            )
            for r in result.per_plan
        )
        blocks += [Kop("Per plan"), Tabel(("Naam", "Wmo-stappen", "Domeinen", "Feedbackpunten"), rows)]
    return blocks


def _netwerk_blocks(result: NetwerkGroep, met_namen: bool) -> list[Blok]:
    n = len(result.per_map)
    blocks: list[Blok] = [Kop("Wie ontbreekt het vaakst op de kaart?"), Alinea(result.melding)]
    if result.missed:
        rows = tuple((name, f"{count} van {n}", f"{share:.0%}") for name, count, share in result.missed_share)
        blocks.append(Tabel(("Persoon uit de casus", "Ontbreekt op", "Aandeel"), rows))
    blocks.append(Kop("Getekend, maar niet in de casus"))
    if result.extra:
        rows = tuple((name, f"{count} van {n}") for name, count in result.extra)
        blocks.append(Tabel(("Naam op de kaart", "Kaarten"), rows))
    else:
        blocks.append(Alinea("Iedereen op de kaarten komt ook in de casus voor."))
    if met_namen and result.per_map:
        rows = tuple(
            (r.naam, str(r.personen), str(r.banden), ", ".join(r.gemist) or "–") for r in result.per_map
        )
        blocks += [Kop("Per kaart"), Tabel(("Naam", "Personen", "Banden", "Ontbreekt"), rows)]
    return blocks


def handout_document(
    sessie: Groepssessie,
    casus: Casus,
    result: Groep,
    *,
    met_namen: bool = False,
    aantal_deelnemers: int | None = None,
    extra: Sequence[Blok] = (),
) -> Document:
    r"""The group result of ``sessie`` on ``casus`` as a handout; no participant names unless ``met_namen``.

    ``aantal_deelnemers`` is the number of participants shown (default: the number of answers in ``result``);
    ``extra`` blocks (such as the comparison with round two) come before the learning questions.

    >>> from wijkteam_kit.casus import load_library
    >>> from wijkteam_kit.groepssessie.analyse import groep
    >>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
    >>> sessie = Groepssessie("ABC234", "", casus.id, "zrm", "open", False, "2026-03-02T09:00:00+00:00", "")
    >>> doc = handout_document(sessie, casus, groep(casus, "zrm", []))
    >>> print(doc.titel, doc.ondertitel, sep="\n")
    Groepsuitkomst: Gerda zorgt voor Henk (mantelzorg bij dementie)
    ZRM-scoren · sessie ABC-234 · 2 maart 2026 · 0 deelnemers
    """
    n = result.n_antwoorden if aantal_deelnemers is None else aantal_deelnemers
    moment = local_time(sessie.aangemaakt)
    try:
        day = datum_tekst(dt.date.fromisoformat(moment[:10]))
    except ValueError:
        day = ""
    parts = [OEFENING_NAMEN.get(sessie.oefening, sessie.oefening), f"sessie {sessie.code_weergave}", day]
    parts += ["1 deelnemer" if n == 1 else f"{n} deelnemers"]
    own_title = " ".join(sessie.titel.split())
    if own_title and own_title != f"{parts[0]} · {casus.titel}":  # not the default title
        parts.insert(0, own_title)
    blocks: list[Blok] = []
    if isinstance(result, ZrmGroep):
        blocks += _zrm_blocks(result, met_namen)
    elif isinstance(result, PlanGroep):
        blocks += _plan_blocks(result, met_namen)
    else:
        blocks += _netwerk_blocks(result, met_namen)
    if result.overgeslagen:
        k = len(result.overgeslagen)
        blocks.append(Kop("Niet meegeteld", 2))
        blocks.append(
            Alinea(
                f"{k} {'antwoord was' if k == 1 else 'antwoorden waren'} niet te lezen en tellen niet mee."
            )
        )
        if met_namen:
            blocks.append(Lijst(tuple(f"{name}: {reason}" for name, reason in result.overgeslagen)))
    blocks += [*extra, Kop("Leervragen bij deze casus"), Lijst(tuple(casus.leervragen))]
    return Document(
        titel=f"Groepsuitkomst: {casus.titel}",
        ondertitel=" · ".join(p for p in parts if p),
        blokken=tuple(blocks),
    )
