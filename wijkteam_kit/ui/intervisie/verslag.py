"""The report part of the intervision app: the button 'Maak verslag', its download links and 'Nieuwe bijeenkomst'.

Like :class:`~wijkteam_kit.ui.intervisie.basisteam.BasisteamVak` it knows nothing of the app around it: it
asks for the running session, hands the session payload to ``save`` and shows the short status that returns.

Examples
--------
>>> from wijkteam_kit.ui.common import MessageBox, safe
>>> messages = MessageBox()
>>> vak = VerslagVak(safe(messages), messages, lambda: None, lambda payload: "Opgeslagen.", print)
>>> vak.report_button.click()
>>> "nog geen bijeenkomst" in messages.html.value, vak.export_links.value
(True, '')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from wijkteam_kit.intervisie.bijeenkomst import Bijeenkomst, bijeenkomst_document, bijeenkomst_payload
from wijkteam_kit.ui.common.bezig import bezig
from wijkteam_kit.ui.common.widgets import MessageBox, document_links

__all__ = ["VerslagVak"]


class VerslagVak:
    """The buttons 'Maak verslag' and 'Nieuwe bijeenkomst' with the download links of the summary.

    Parameters
    ----------
    guard : callable
        Wraps every callback (``safe(messages)``).
    messages : MessageBox
        Where notices and warnings go.
    bijeenkomst : callable
        Returns the running session, or None when there is none.
    save : callable
        Saves the session's payload and returns a short Dutch status.
    new : callable
        Called by the button 'Nieuwe bijeenkomst' (with the button).
    extra : widgets, optional
        Shown above the report (the basisteam sheet of a meedenkbijeenkomst).
    """

    def __init__(
        self,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        messages: MessageBox,
        bijeenkomst: Callable[[], Bijeenkomst | None],
        save: Callable[[dict[str, Any]], str],
        new: Callable[..., None],
        extra: tuple[widgets.Widget, ...] = (),
    ) -> None:
        self.messages = messages
        self._bijeenkomst = bijeenkomst
        self._save = save
        self.report_button = widgets.Button(
            description="Maak verslag", icon="file-text", button_style="primary", layout={"width": "auto"}
        )
        self.report_button.add_class("wk-maak-verslag")
        self.report_button.on_click(guard(bezig(self.report_button, "Verslag maken…")(self.make)))
        self.export_links = widgets.HTML()
        self.export_links.add_class("wk-verslag-links")
        self.new_button = widgets.Button(
            description="Nieuwe bijeenkomst", icon="refresh", layout={"width": "auto"}
        )
        self.new_button.add_class("wk-nieuw")
        self.new_button.on_click(guard(new))
        self.widget = widgets.VBox(
            [
                *extra,
                widgets.HTML("<h3>Verslag</h3>"),
                widgets.HBox([self.report_button, self.export_links], layout={"align_items": "center"}),
                widgets.HBox([self.new_button]),
            ]
        )
        self.widget.add_class("wk-export")

    def make(self, _: object = None) -> None:
        """Offer the summary (Markdown and PDF) of the running session and save it."""
        s = self._bijeenkomst()
        if s is None:
            self.messages.error("Er is nog geen bijeenkomst gestart.")
            return
        doc = bijeenkomst_document(s)
        base = f"verslag-{s.methode.id}-{(s.datum or dt.date.today()).isoformat()}"
        self.export_links.value = document_links(doc, base)
        status = self._save(bijeenkomst_payload(s))
        text = "Het verslag staat klaar om te downloaden. " + status
        if not s.runner.ended:
            text = "Let op: de bijeenkomst loopt nog; dit is een tussenstand. " + text
        (self.messages.warn if "lukte niet" in status or not s.runner.ended else self.messages.notice)(text)
