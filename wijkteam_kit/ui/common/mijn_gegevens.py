"""'Mijn gegevens': download everything the kit keeps about you, or delete it (rights of access and erasure).

Shown to a person only after they proved who they are (name and herstelcode, or their hub login); the data
come from :meth:`~wijkteam_kit.groepssessie.PersoonlijkeCodes.personal_data` (every app, every session) and
deleting goes through :meth:`~wijkteam_kit.groepssessie.PersoonlijkeCodes.forget`.

Examples
--------
>>> from wijkteam_kit.groepssessie import PersoonlijkeCodes
>>> from wijkteam_kit.store import Store
>>> codes = PersoonlijkeCodes(Store(":memory:"))
>>> kim = codes.new("Kim").deelnemer
>>> panel = MijnGegevens(lambda: codes)
>>> panel.show(kim)
>>> "wk-download" in panel.download.value, panel.delete_button.disabled
(True, True)
>>> panel.confirm.value = True
>>> panel.delete_button.click()
>>> codes.store.participant(kim.id) is None, panel.person is None
(True, True)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as widgets

from wijkteam_kit.ui.common.widgets import MessageBox, download_link, esc, safe

if TYPE_CHECKING:
    from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes
    from wijkteam_kit.store.schema import Deelnemer

__all__ = ["MijnGegevens"]


class MijnGegevens:
    """The panel; ``widget`` is what an app shows, ``on_deleted`` is called after a deletion."""

    def __init__(
        self, codes: Callable[[], PersoonlijkeCodes], on_deleted: Callable[[], None] | None = None
    ) -> None:
        self._codes = codes
        self.on_deleted = on_deleted
        self.person: Deelnemer | None = None
        self.messages = MessageBox()
        self.summary = widgets.HTML()
        self.summary.add_class("wk-gegevens-overzicht")
        self.download = widgets.HTML()
        self.download.add_class("wk-gegevens-download")
        self.confirm = widgets.Checkbox(
            description="Ja, verwijder al mijn gegevens voorgoed", value=False, indent=False
        )
        self.confirm.add_class("wk-gegevens-zeker")
        self.delete_button = widgets.Button(
            description="Verwijder mijn gegevens", button_style="danger", icon="trash", disabled=True
        )
        self.delete_button.add_class("wk-gegevens-verwijder")
        self.delete_button.layout.width = "auto"
        self.confirm.observe(
            lambda change: setattr(self.delete_button, "disabled", not change["new"]), "value"
        )
        self.delete_button.on_click(safe(self.messages)(self._on_delete))
        self.widget = widgets.VBox(
            [
                widgets.HTML("<h3>Mijn gegevens</h3>"),
                self.summary,
                self.download,
                self.confirm,
                widgets.HBox([self.delete_button]),
                self.messages.html,
            ]
        )
        self.widget.add_class("wk-kaart")
        self.widget.add_class("wk-mijn-gegevens")
        self.widget.layout.display = "none"

    def show(self, person: Deelnemer) -> None:
        """Show what is stored about ``person`` with the download link and the delete button."""
        self.person = person
        data = self._codes().personal_data(person.id)
        items = data["inzendingen"]
        mine = sum(1 for i in items if i["door"] == "jij")
        self.summary.value = (
            f"<p>Over <b>{esc(person.weergavenaam)}</b> bewaart de kit: je schuilnaam"
            f"{' en je team' if person.team else ''}, {mine} {'ding' if mine == 1 else 'dingen'} die je zelf "
            f"bewaarde (scans, plannen, antwoorden) en {len(items) - mine} over jou van anderen (feedback van "
            f"collega's), en {len(data['groepssessies'])} keer meedoen aan een groepssessie. Je herstelcode "
            "staat alleen versleuteld in de opslag.</p>"
        )
        text = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        self.download.value = (
            "<p>"
            + download_link(
                text, "mijn-gegevens-wijkteam-kit.json", "application/json", "Download alles over mij (JSON)"
            )
            + "</p>"
        )
        self.confirm.value = False
        self.messages.clear()
        self.widget.layout.display = ""

    def hide(self) -> None:
        """Hide the panel and forget whose it was."""
        self.person = None
        self.summary.value = self.download.value = ""
        self.confirm.value = False
        self.widget.layout.display = "none"

    def _on_delete(self, _button: object = None) -> None:
        if self.person is None or not self.confirm.value:
            self.messages.warn("Zet eerst het vinkje: verwijderen kan niet ongedaan worden.")
            return
        self._codes().forget(self.person.id)
        self.hide()
        if self.on_deleted is not None:
            self.on_deleted()
