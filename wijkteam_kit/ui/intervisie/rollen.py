"""Changing roles during a running intervision session ("Rollen wisselen").

The role dropdowns of the set-up move into the session while the group changes roles, and back afterwards, so
they are never shown twice. Checks and messages are the same as at the start
(:func:`wijkteam_kit.intervisie.rol_problemen`); a valid change goes through
:meth:`wijkteam_kit.intervisie.bijeenkomst.Bijeenkomst.herverdeel`, which records it for the summary.

Examples
--------
>>> from wijkteam_kit.ui.intervisie import IntervisieApp
>>> app = IntervisieApp(library=[])
>>> app.switch.box.layout.display, "wk-rollen-wisselen" in app.switch.button._dom_classes
('none', True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from wijkteam_kit.intervisie.methodes import rol_problemen
from wijkteam_kit.ui.common.widgets import esc

if TYPE_CHECKING:
    from wijkteam_kit.ui.intervisie.app import IntervisieApp

__all__ = ["RolWissel"]

NOT_CHOSEN = ""
NOT_RUNNING = "Rollen wisselen kan alleen tijdens een lopende bijeenkomst."


class RolWissel:
    """The 'Rollen wisselen' button and the box with the role dropdowns during a session."""

    def __init__(self, app: IntervisieApp, guard: Any) -> None:
        self.app = app
        self.button = widgets.Button(description="Rollen wisselen", icon="exchange", layout={"width": "auto"})
        self.button.add_class("wk-rollen-wisselen")
        self.button.on_click(guard(self.toggle))
        self.apply_button = widgets.Button(
            description="Nieuwe rolverdeling toepassen",
            icon="check",
            button_style="primary",
            layout={"width": "auto"},
        )
        self.apply_button.add_class("wk-rollen-toepassen")
        self.apply_button.on_click(guard(self.apply))
        self._intro = widgets.HTML(
            "<p>Kies de nieuwe rolverdeling. Wat al is opgeschreven en de klok blijven zoals ze zijn.</p>"
        )
        self.box = widgets.VBox(layout={"display": "none"})
        self.box.add_class("wk-rollen-wissel-vak")

    def place(self, in_session: bool) -> None:
        """Put the role dropdowns in the session (to change roles) or back in the set-up; never in both."""
        app = self.app
        parts = [app.role_box, app.rest_html, app.role_problems]
        self.box.children = [self._intro, *parts, self.apply_button] if in_session else []
        app.roles_column.children = [app.roles_column.children[0], *([] if in_session else parts)]
        self.box.layout.display = "" if in_session else "none"

    def toggle(self, _: object = None) -> None:
        """Open the box with the current roles filled in, or close it again."""
        s = self.app.bijeenkomst
        if s is None or s.runner.ended:
            self.app.messages.error(NOT_RUNNING)
            return
        if self.box.layout.display == "none":
            for rid, dropdown in self.app.role_choices.items():
                dropdown.value = s.wie(rid)[0] if s.wie(rid) else NOT_CHOSEN
            self.place(True)
        else:
            self.place(False)

    def apply(self, _: object = None) -> None:
        """Check the new distribution; apply it, or show what is wrong and change nothing."""
        app, s = self.app, self.app.bijeenkomst
        if s is None or s.runner.ended:
            app.messages.error(NOT_RUNNING)
            return
        problems = rol_problemen(s.methode, s.deelnemers, app._keuze())
        if problems:
            app.role_problems.value = "".join(f"<div class='wk-fout'>{esc(p)}</div>" for p in problems)
            app.messages.error("De rollen zijn niet gewisseld: " + " ".join(problems))
            return
        change = s.herverdeel(app._keuze())
        app.panel.render()
        self.place(False)
        app.messages.notice(
            f"Nieuwe rolverdeling. {change}." if change else "De rolverdeling is niet veranderd."
        )
