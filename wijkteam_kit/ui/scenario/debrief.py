"""HTML for one moment and for the debrief (route table, dimensions picture, principles, questions).

All file and user text is escaped; the picture is inline SVG inside a ``role="img"`` block with a Dutch label
that says in words what the picture shows.

Examples
--------
>>> from wijkteam_kit.scenario import Spel, debrief, load_scenario
>>> spel = Spel(load_scenario("intake-regiecheck"))
>>> "<blockquote" in moment_html(spel.moment)
True
>>> spel.speel_aanbevolen()
>>> html = debrief_html(debrief(spel))
>>> "role='img'" in html and "Vragen voor intervisie" in html
True
"""

from __future__ import annotations

from wijkteam_kit.scenario import DIMENSIE_NAMEN, OORDEEL_NAMEN, Debrief, Moment, Spel
from wijkteam_kit.ui.common.widgets import esc

__all__ = ["debrief_html", "dimensions_svg", "moment_html"]


def moment_html(moment: Moment) -> str:
    """What happens at a moment: the title, the situation, who says what, and the question."""
    lines = "".join(
        f"<blockquote class='wk-uitspraak'><span class='wk-spreker'>{esc(who)}:</span> {esc(words)}</blockquote>"
        for who, words in moment.gesprek
    )
    question = f"<p class='wk-vraag'><strong>{esc(moment.vraag)}</strong></p>" if moment.vraag else ""
    return f"<h3>{esc(moment.titel)}</h3><p>{esc(moment.tekst)}</p>{lines}{question}"


def dimensions_svg(d: Debrief) -> str:
    """The dimensions over time as inline SVG, with the recommended route dotted, in a labelled image block."""
    from wijkteam_kit.draw.export import inline_svg
    from wijkteam_kit.draw.scenario import dimensies_figure

    advised = Spel(d.scenario)
    advised.speel_aanbevolen()
    start, end = d.verloop[0], d.verloop[-1]
    words = "; ".join(f"{DIMENSIE_NAMEN[k]} van {start[k]} naar {end[k]}" for k in d.scenario.dimensies)
    label = f"Grafiek van de dimensies na elke keuze: {words}."
    svg = inline_svg(dimensies_figure(d.scenario, list(d.verloop), aanbevolen=advised.verloop()))
    return f"<div class='wk-grafiek' role='img' aria-label='{esc(label)}'>{svg}</div>"


def _route_table(d: Debrief) -> str:
    rows = []
    for i, stap in enumerate(d.route, 1):
        advised = stap.moment.aanbevolen
        same = advised == stap.index
        advised_text = (
            "dezelfde keuze"
            if same
            else esc(stap.moment.keuzes[advised].tekst)
            if advised is not None
            else "–"
        )
        rows.append(
            f"<tr class='wk-oordeel-{stap.keuze.oordeel}'><td>{i}</td><td>{esc(stap.moment.titel)}</td>"
            f"<td>{esc(stap.keuze.tekst)}</td><td>{esc(OORDEEL_NAMEN[stap.keuze.oordeel])}</td>"
            f"<td>{advised_text}</td></tr>"
        )
    return (
        "<table class='wk-route'><caption>Jouw route naast de aanbevolen keuze op elk moment</caption><thead><tr>"
        "<th scope='col'>#</th><th scope='col'>Moment</th><th scope='col'>Jouw keuze</th>"
        "<th scope='col'>Oordeel</th><th scope='col'>Aanbevolen</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def debrief_html(d: Debrief) -> str:
    """The whole debrief as HTML."""
    s = d.scenario
    advised_route = "".join(f"<li>{esc(m.titel)}: {esc(k.tekst)}</li>" for m, k in d.aanbevolen)
    same_end = d.einde.id == d.aanbevolen_einde.id
    end_note = (
        "Je kwam uit bij dezelfde afloop als de aanbevolen route."
        if same_end
        else f"De aanbevolen route eindigt bij: {esc(d.aanbevolen_einde.titel)}."
    )
    strong = "".join(f"<li><strong>{esc(p.naam)}</strong>: {esc(p.uitleg)}</li>" for p in d.principes_sterk)
    attention = "".join(
        f"<li><strong>{esc(p.naam)}</strong>: {esc(p.uitleg)}</li>" for p in d.principes_aandacht
    )
    feedback = "".join(
        f"<li class='wk-oordeel-{st.keuze.oordeel}'><strong>{esc(st.moment.titel)}</strong> "
        f"({esc(OORDEEL_NAMEN[st.keuze.oordeel])}): {esc(st.keuze.feedback)}</li>"
        for st in d.route
    )
    questions = "".join(f"<li>{esc(q)}</li>" for q in s.intervisievragen[:2])
    return (
        f"<h3>{esc(d.einde.titel)}</h3><p>{esc(d.einde.tekst)}</p>"
        f"<p class='wk-samenvatting'>Je maakte {len(d.route)} keuzes: {d.aantal('goed')} sterk, "
        f"{d.aantal('twijfel')} twijfelachtig en {d.aantal('fout')} minder goed. {end_note}</p>"
        f"<h4>Jouw route</h4>{_route_table(d)}"
        f"<details class='wk-aanbevolen'><summary>De hele aanbevolen route</summary><ol>{advised_route}</ol></details>"
        f"<h4>De dimensies in de tijd</h4>{dimensions_svg(d)}"
        + (
            f"<h4>Principes die je goed toepaste</h4><ul class='wk-principes-sterk'>{strong}</ul>"
            if strong
            else ""
        )
        + (
            f"<h4>Principes om bij stil te staan</h4><ul class='wk-principes-aandacht'>{attention}</ul>"
            if attention
            else ""
        )
        + f"<h4>Feedback per keuze</h4><ol class='wk-feedbacklijst'>{feedback}</ol>"
        f"<h4>Vragen voor intervisie</h4><ol class='wk-intervisievragen'>{questions}</ol>"
    )
