"""The group picture a participant sees after the trainer's reveal: the group figure and a short text.

The figure comes from :func:`wijkteam_kit.draw.groepssessie.group_figure` (the participant's own answer highlighted),
the analysis from :func:`wijkteam_kit.groepssessie.analyse.groep`. Every name and text is escaped; the figure is
inline SVG, in which matplotlib escapes text itself.

Examples
--------
>>> from types import SimpleNamespace
>>> groep = SimpleNamespace(missed=[("<b>Ans</b>", 3), ("Piet", 1)])
>>> text = group_text("netwerkatlas", groep, 4)
>>> "<b>&lt;b&gt;Ans&lt;/b&gt;</b>: 3 van 4 kaarten" in text, "<b>Ans" in text
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wijkteam_kit.ui.common.widgets import esc

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus

__all__ = ["APP_NOTEBOOKS", "group_text", "group_view_html"]

APP_NOTEBOOKS = {
    "zrm": "zrm_oefening.ipynb",
    "netwerkatlas": "netwerkatlas.ipynb",
    "plan": "plan_schrijven.ipynb",
    "evaluatie": "zrm_oefening.ipynb",
    "scenario": "scenario.ipynb",
}
"""The app notebook of each exercise (relative links between the apps)."""
TOP = 3


def _zrm_text(groep: Any) -> str:
    agenda = list(groep.agenda)[:TOP]
    items = "".join(
        f"<li><b>{esc(a.name)}</b>: {esc(a.spread_text)} · {esc(a.soort_text)}</li>" for a in agenda if a.soort
    )
    top = (
        "<p><b>Hier valt het meest te bespreken</b>: waar jullie het oneens zijn, of samen naast de referentie "
        f"zitten (de agenda voor de bespreking):</p><ol>{items}</ol>"
        if items
        else ""
    )
    return f"<p>{esc(groep.agreement.note)}</p>{top}"


def _plan_text(groep: Any) -> str:
    rows = list(groep.common_feedback)[:TOP]
    if not rows:
        return "<p>De feedback vond geen punt dat in meerdere plannen terugkwam.</p>"
    items = "".join(
        f"<li><b>{esc(row.titel)}</b>: in {row.aantal} plan{'nen' if row.aantal != 1 else ''}"
        + (f"<br><span class='wk-klein'>{esc(row.voorbeeld)}</span>" if row.voorbeeld else "")
        + "</li>"
        for row in rows
    )
    return f"<p><b>Wat de feedback het vaakst noemde:</b></p><ol>{items}</ol>"


def _netwerk_text(groep: Any, n_maps: int) -> str:
    rows = [row for row in groep.missed if row[1]][:TOP]
    if not rows:
        return "<p>Iedereen uit de casus staat op alle kaarten. Knap gedaan samen!</p>"
    items = "".join(
        f"<li><b>{esc(name)}</b>: {esc(count)} van {n_maps} kaarten misten deze persoon</li>"
        for name, count in rows
    )
    return f"<p><b>Wie werd het vaakst gemist?</b></p><ol>{items}</ol>"


def group_text(oefening: str, groep: Any, n_answers: int) -> str:
    """The short text under the group figure (HTML, every text escaped)."""
    if oefening in ("zrm", "evaluatie"):
        return _zrm_text(groep)
    if oefening == "plan":
        return _plan_text(groep)
    return _netwerk_text(groep, n_answers)


def group_view_html(
    casus: Casus, oefening: str, answers: Sequence[tuple[str, dict]], own_name: str | None
) -> str:
    """The whole group view: heading, the figure with ``own_name`` highlighted, and the short text."""
    from wijkteam_kit.draw.export import inline_svg
    from wijkteam_kit.draw.groepssessie import group_figure
    from wijkteam_kit.groepssessie.analyse import groep as make_groep

    if not answers:
        return "<p class='wk-sessie-wacht'>De trainer heeft de uitkomst gedeeld, maar er is nog niets ingeleverd.</p>"
    groep = make_groep(casus, oefening, answers)
    # names of the others stay with the trainer: plans are 'Plan 2', 'Jouw plan' …
    svg = inline_svg(group_figure(groep, highlight=own_name, met_namen=False))
    n = len(answers)
    return (
        f"<h3>Groepsuitkomst · {n} {'inzending' if n == 1 else 'inzendingen'}</h3>"
        "<p class='wk-klein'>Jouw antwoord is gemarkeerd. Bespreek de verschillen met de groep: daar zit de "
        "leerwinst.</p>"
        f"<div class='wk-sessie-figuur'>{svg}</div>{group_text(oefening, groep, n)}"
    )
