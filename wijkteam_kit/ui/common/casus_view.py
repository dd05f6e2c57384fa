"""HTML renderings of a casus for the apps (every text escaped).

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> html = casus_html(load_library()[0])
>>> html.startswith('<div class="wk-casus">')
True
"""

from __future__ import annotations

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.ui.common.widgets import esc

__all__ = ["casus_html", "network_overview_html"]


def network_overview_html(casus: Casus) -> str:
    """A short list of the people around the client, closest first."""
    persons = sorted(casus.netwerk.personen, key=lambda p: (p.cirkel, p.naam))
    if not persons:
        return "<p><em>Er zijn (nog) geen mensen in beeld rond de cliënt.</em></p>"
    items = "".join(
        f"<li><strong>{esc(p.naam)}</strong> – {esc(p.relatie)}"
        + (f": {esc(p.toelichting)}" if p.toelichting else "")
        + "</li>"
        for p in persons
    )
    return f"<ul>{items}</ul>"


def casus_html(casus: Casus, *, people_around: bool = True) -> str:
    """The casus as a trainee reads it: summary, household, referral, story and the people around.

    ``people_around=False`` leaves out the list of people around the client: in a netwerkatlas session that
    list would give the answer away (participants find the people in the story).

    >>> from wijkteam_kit.casus import load_library
    >>> "Wie zijn er in beeld?" in casus_html(load_library()[0], people_around=False)
    False
    """
    members = "".join(
        f"<tr><td>{esc(m.naam)}</td><td>{esc(m.rol)}</td><td>{'' if m.leeftijd is None else m.leeftijd}</td>"
        f"<td>{esc(m.toelichting)}</td></tr>"
        for m in casus.huishouden
    )
    story = "".join(f"<p>{esc(p)}</p>" for p in casus.paragraphs)
    earlier = f"<p><strong>Eerdere hulp:</strong> {esc(casus.eerdere_hulp)}</p>" if casus.eerdere_hulp else ""
    return (
        '<div class="wk-casus">'
        f"<h3>{esc(casus.titel)}</h3>"
        f"<p><em>{esc(casus.samenvatting)}</em></p>"
        f"<p><strong>Aanmelding:</strong> {esc(casus.aanmelding.bron)} – {esc(casus.aanmelding.route)}</p>"
        f"<p><strong>Fase:</strong> {esc(casus.fase)}</p>"
        '<table class="wk-tabel"><tr><th>Huishouden</th><th>Rol</th><th>Leeftijd</th><th>Toelichting</th></tr>'
        f"{members}</table>"
        f'<div class="wk-verhaal">{story}</div>'
        f"{earlier}"
        + (
            f"<p><strong>Wie zijn er in beeld?</strong></p>{network_overview_html(casus)}"
            if people_around
            else ""
        )
        + "</div>"
    )
