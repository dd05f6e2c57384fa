"""What each exercise app does when its participant joins a group session (the session fixes the casus).

- ZRM: the casus is chosen and scoring starts at once, under the display name; an earlier answer (rejoined
  with the herstelcode) is put back.
- Netwerkatlas: an empty map for the session's casus (only the client), the casus story beside it, the casus
  and file choices hidden and "Inleveren bij de sessie" shown; an earlier map is put back.
- Plan: the casus is fixed, its text opened, "Inleveren bij de sessie" shown; an earlier plan is put back.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> casus = load_library()[0]
>>> empty_map(casus).client.naam == casus.huishouden[0].naam, empty_map(casus).personen
(True, ())
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import ipywidgets as widgets

from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.netwerk.model import Client as NetwerkClient
from wijkteam_kit.netwerk.model import Netwerkatlas
from wijkteam_kit.ui.common.casus_view import casus_html

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus
    from wijkteam_kit.groepssessie.model import Aanmelding
    from wijkteam_kit.ui.netwerkatlas.app import NetwerkatlasApp
    from wijkteam_kit.ui.plan_schrijven.app import PlanSchrijvenApp
    from wijkteam_kit.ui.zrm_oefening.app import ZrmOefening

__all__ = ["empty_map", "netwerk_joined", "plan_joined", "session_submit_button", "zrm_joined"]

log = logging.getLogger("wijkteam_kit.ui.groepssessie.koppeling")


def session_submit_button() -> widgets.Button:
    """The app's "Inleveren bij de sessie" button, hidden until the participant joins a session."""
    button = widgets.Button(
        description="Inleveren bij de sessie",
        button_style="success",
        icon="check",
        layout={"display": "none"},
    )
    button.add_class("wk-sessie-inleveren")
    return button


def empty_map(casus: Casus) -> Netwerkatlas:
    """A netwerkatlas with only the casus's client in it: the participant draws everyone else."""
    from wijkteam_kit.netwerk.io import atlas_from_casus  # the casus's rule for who the client is

    return Netwerkatlas(client=NetwerkClient(naam=atlas_from_casus(casus).client.naam))


def zrm_joined(app: ZrmOefening, aanmelding: Aanmelding, casus: Casus | None) -> None:
    """Start scoring the session's casus at once, under the participant's display name."""
    if casus is None:
        return
    app.casus_choice.value = casus.id
    app.casus_choice.disabled = True
    app.rater.value = aanmelding.deelname.weergavenaam
    app.rater.disabled = True
    app.back_button.layout.display = "none"
    app.moment.value = "t1" if aanmelding.sessie.oefening == "evaluatie" else "t0"
    app.moment.disabled = True
    app.start_button.click()
    earlier = app.sessie.inzending
    if earlier is None:
        return
    from wijkteam_kit.groepssessie.analyse.zrm import assessment_from_payload

    try:
        old = assessment_from_payload(earlier.payload, app.version, app.rater.value, casus_id=casus.id)
    except WijkteamError as exc:
        log.warning("Eerder antwoord niet terug te zetten: %s", exc)
        return
    for d, score in old.scores.items():
        if d in app.levels:
            app.levels[d] = "nvt" if score.level is None else score.level
            app.notes[d], app.basis[d] = score.note or "", score.basis
    app.ladder.value = old.ladder
    app.show_step(app.current)
    app.messages.notice("Je eerder ingeleverde scores staan weer klaar; pas ze aan en lever opnieuw in.")


def netwerk_joined(app: NetwerkatlasApp, aanmelding: Aanmelding, casus: Casus | None) -> None:
    """Start from an empty map of the session's casus; the casus story stays readable beside the map."""
    if casus is None:
        return
    from wijkteam_kit.netwerk.io import atlas_from_data

    for part in app.start_parts:
        part.layout.display = "none"
    app.submit_button.layout.display = None
    app.casus_story.value = casus_html(casus, people_around=False)
    app.casus_box.layout.display = None
    app.casus_box.selected_index = 0
    app.source_name = f"{casus.id}-{aanmelding.sessie.code}"
    atlas = empty_map(casus)
    earlier = app.sessie.inzending
    if earlier is not None:
        try:
            atlas = atlas_from_data(earlier.payload, source="je eerder ingeleverde kaart")
        except WijkteamError as exc:
            log.warning("Eerder ingeleverde kaart niet te openen: %s", exc)
    app.history.clear()
    app._set_atlas(atlas, remember=False, geopend=True)
    app.messages.notice(
        "Lees de casus en teken het netwerk zelf: begin bij 'Personen' met wie er belangrijk is. "
        "Klaar? Klik op 'Inleveren bij de sessie'."
    )


def plan_joined(app: PlanSchrijvenApp, aanmelding: Aanmelding, casus: Casus | None) -> None:
    """Fix the session's casus and open its text; the participant writes the plan and hands it in."""
    if casus is None:
        return
    app.casus_choice.value = casus.id
    app.casus_choice.disabled = True
    app.new_button.layout.display = "none"
    app.casus_accordion.selected_index = 0
    if not app.name_input.value.strip():
        app.name_input.value = aanmelding.deelname.weergavenaam
    app.submit_button.layout.display = None
    earlier = app.sessie.inzending
    if earlier is None:
        return
    from wijkteam_kit.groepssessie.analyse.plan import plan_from_answer

    try:
        app.form.show(plan_from_answer(earlier.payload))
    except WijkteamError as exc:
        log.warning("Eerder ingeleverd plan niet te openen: %s", exc)
        return
    app.messages.notice("Je eerder ingeleverde plan staat weer klaar; pas het aan en lever opnieuw in.")
