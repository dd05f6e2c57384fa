"""The trainer's reading of a group: figures in words, the discussion agenda, and who did what (HTML).

Every name and text is escaped. With ``names=False`` no participant name appears (for the projector).

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
>>> from wijkteam_kit.groepssessie.analyse import groep
>>> html = group_html(groep(casus, "netwerkatlas", []))
>>> "nog geen leesbare" in html
True
"""

from __future__ import annotations

from wijkteam_kit.groepssessie.analyse.netwerk import NetwerkGroep
from wijkteam_kit.groepssessie.analyse.plan import PlanGroep
from wijkteam_kit.groepssessie.analyse.zrm import ZrmGroep
from wijkteam_kit.ui.common.widgets import esc

__all__ = ["group_html"]


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _table(head: list[str], rows: list[list[str]], cls: str) -> str:
    """A table of already escaped cells."""
    top = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class='wk-tabel {cls}'><tr>{top}</tr>{body}</table>"


def _skipped(groep: ZrmGroep | PlanGroep | NetwerkGroep, names: bool) -> str:
    if not groep.overgeslagen:
        return ""
    items = "".join(
        f"<li>{esc(name) + ': ' if names else ''}{esc(reason)}</li>" for name, reason in groep.overgeslagen
    )
    return f"<div class='wk-waarschuwing wk-sessie-overgeslagen'>Niet meegeteld:<ul>{items}</ul></div>"


def _zrm(g: ZrmGroep, names: bool) -> str:
    rows = [
        [
            str(i),
            f"<strong>{esc(item.name)}</strong>",
            esc(item.spread_text),
            _percent(item.exact),
            "–" if item.reference is None else str(item.reference),
            esc(item.soort_text),
            f"<span class='wk-klein'>{esc(item.rationale)}</span>",
        ]
        for i, item in enumerate(g.agenda, start=1)
    ]
    agenda = (
        "<h4>Gespreksagenda: eerst waar jullie het oneens zijn of samen naast de referentie zitten</h4>"
        + _table(
            ["#", "Domein", "Scores", "Gelijk", "Referentie", "Soort", "Waarom de referentie"],
            rows,
            "wk-sessie-agenda",
        )
        if g.assessments
        else ""
    )
    # the agreement sentence once: g.melding carries the figures (the group figure does not repeat them)
    return (
        f"<p class='wk-sessie-cijfers'>{esc(g.melding)}</p>{agenda}"
        f"<p><strong>Participatieladder:</strong> {esc(g.ladder_tekst())}</p>"
    )


def _plan(g: PlanGroep, names: bool) -> str:
    if not g.per_plan:
        return f"<p>{esc(g.melding)}</p>"
    rows = [
        [
            esc(row.naam) if names else f"Plan {i}",
            esc(", ".join(g.step_label(s) for s in row.stappen) or "geen"),
            esc(", ".join(g.domain_name(d) for d in row.domeinen) or "geen"),
            str(row.feedbackpunten),
        ]
        for i, row in enumerate(g.per_plan, start=1)
    ]
    steps = ", ".join(f"{g.step_label(s)} {n}×" for s, n in g.step_counts.items() if n)
    common = "".join(
        f"<li><strong>{esc(f.titel)}</strong>: in {f.aantal} van {len(g.per_plan)} plannen"
        + (f"<br><span class='wk-klein'>bijv. {esc(f.voorbeeld)}</span>" if f.voorbeeld else "")
        + "</li>"
        for f in g.common_feedback
    )
    reference = ""
    if g.referentie_stappen or g.referentie_domeinen:
        parts = [f"{g.step_label(s)}: {n} van {len(g.per_plan)}" for s, n in g.referentie_stappen] + [
            f"{g.domain_name(d)}: {n} van {len(g.per_plan)}" for d, n in g.referentie_domeinen
        ]
        reference = (
            "<p><strong>Uit het referentieplan, zo vaak meegenomen:</strong> "
            + esc("; ".join(parts))
            + "</p>"
        )
    return (
        f"<p>{esc(g.melding)}</p>"
        + _table(["Plan", "Wmo-stappen", "Domeinen", "Feedbackpunten"], rows, "wk-sessie-plannen")
        + (f"<p><strong>Wmo-stappen in alle plannen:</strong> {esc(steps)}</p>" if steps else "")
        + (
            f"<h4>Feedback die het vaakst terugkomt</h4><ol class='wk-sessie-feedback'>{common}</ol>"
            if common
            else ""
        )
        + reference
    )


def _netwerk(g: NetwerkGroep, names: bool) -> str:
    if not g.per_map:
        return f"<p>{esc(g.melding)}</p>"
    missed = "".join(
        f"<li><strong>{esc(name)}</strong>: gemist op {count} van {len(g.per_map)} kaarten ({share:.0%})</li>"
        for name, count, share in g.missed_share
        if count
    )
    extra = ", ".join(f"{name} ({count}×)" for name, count in g.extra)
    rows = [
        [
            esc(row.naam) if names else f"Kaart {i}",
            str(row.personen),
            str(row.banden),
            esc(", ".join(row.gemist) or "niemand"),
        ]
        for i, row in enumerate(g.per_map, start=1)
    ]
    return (
        f"<p>{esc(g.melding)}</p>"
        + (
            f"<h4>Het vaakst gemist</h4><ol class='wk-sessie-gemist'>{missed}</ol>"
            if missed
            else "<p>Iedereen uit de casus staat op alle kaarten.</p>"
        )
        + (f"<p><strong>Getekend maar niet in de casus:</strong> {esc(extra)}</p>" if extra else "")
        + _table(["Kaart", "Personen", "Banden", "Gemist"], rows, "wk-sessie-kaarten")
    )


def group_html(groep: ZrmGroep | PlanGroep | NetwerkGroep, *, names: bool = True) -> str:
    """The group in words for the dashboard (every text escaped)."""
    if isinstance(groep, ZrmGroep):
        body = _zrm(groep, names)
    elif isinstance(groep, PlanGroep):
        body = _plan(groep, names)
    else:
        body = _netwerk(groep, names)
    return f"<div class='wk-sessie-uitleg'>{body}{_skipped(groep, names)}</div>"
