"""The basisteam part of the intervision app: the form (members, rows wie/wat/waar/wanneer/hoe, borgen, …) and export.

Examples
--------
>>> form = BasisteamFormulier()
>>> form.rows[0][0].value, form.rows[0][1].value = "Ans", "Past op Henk"
>>> form.borgen.value = "Marieke belt elke zondag."
>>> blad = form.blad("Gerda")
>>> blad.afspraken[0].wie, blad.borgen
('Ans', 'Marieke belt elke zondag.')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from wijkteam_kit.intervisie.basisteam import (
    Afspraak,
    BasisteamBlad,
    Contactpersoon,
    Lid,
    basisteam_document,
    blad_problemen,
    blad_to_payload,
)
from wijkteam_kit.privacy import privacy_message
from wijkteam_kit.ui.common.widgets import MessageBox, document_links, esc

__all__ = ["BasisteamFormulier", "BasisteamVak"]

CELL = {"flex": "1 1 0", "width": "auto", "min_width": "0"}
"""One column of the agreements grid: equal shares of the row, never wider than the panel together."""


def _textarea(placeholder: str, css: str, rows: int = 3) -> widgets.Textarea:
    t = widgets.Textarea(placeholder=placeholder, rows=rows, layout={"width": "100%"})
    t.add_class(css)
    return t


class BasisteamFormulier:
    """The small form for the basisteam agreement sheet (members, rows wie/wat/waar/wanneer/hoe, borgen, …)."""

    FIELDS = ("wie", "wat", "waar", "wanneer", "hoe")

    def __init__(self) -> None:
        self.leden = _textarea("Eén lid per regel: naam: wat brengt die in", "wk-bt-leden", rows=4)
        self.rows: list[tuple[widgets.Text, ...]] = []
        self.grid = widgets.VBox()
        self.add_button = widgets.Button(description="Rij toevoegen", icon="plus", layout={"width": "auto"})
        self.add_button.add_class("wk-bt-rij-erbij")
        self.add_button.on_click(lambda _=None: self.add_row())
        self.borgen = _textarea(
            "Hoe bewaakt het basisteam het plan? Wie houdt de vinger aan de pols?", "wk-bt-borgen"
        )
        self.bijstellen = _textarea(
            "Wanneer en hoe stellen jullie het plan bij, bijvoorbeeld als iemand uitvalt?", "wk-bt-bijstellen"
        )
        self.volgende = widgets.Text(
            placeholder="Wanneer en waar komt het basisteam weer samen?", layout={"width": "100%"}
        )
        self.volgende.add_class("wk-bt-volgende")
        self.contact = widgets.Text(placeholder="Naam van de contactpersoon", layout={"width": "48%"})
        self.contact.add_class("wk-bt-contact")
        self.bereikbaar = widgets.Text(
            placeholder="Hoe bereikbaar (geen echte nummers)", layout={"width": "48%"}
        )
        self.bereikbaar.add_class("wk-bt-bereikbaar")
        for _ in range(3):
            self.add_row()
        header = widgets.HBox(
            [widgets.HTML(f"<b>{k.capitalize()}</b>", layout=CELL) for k in self.FIELDS]
        )
        self.widget = widgets.VBox(
            [
                widgets.HTML("<b>Leden van het basisteam</b>"),
                self.leden,
                widgets.HTML("<b>Afspraken</b>"),
                header,
                self.grid,
                widgets.HBox([self.add_button]),
                widgets.HTML("<b>Zo bewaken we het plan (borgen)</b>"),
                self.borgen,
                widgets.HTML("<b>Zo stellen we het plan bij</b>"),
                self.bijstellen,
                widgets.HTML("<b>Volgende bijeenkomst</b>"),
                self.volgende,
                widgets.HTML("<b>Contactpersoon</b>"),
                widgets.HBox([self.contact, self.bereikbaar]),
            ]
        )
        self.widget.add_class("wk-basisteam-formulier")

    def add_row(self) -> None:
        """One more empty agreement row."""
        row = tuple(widgets.Text(placeholder=k, layout=CELL) for k in self.FIELDS)
        for k, w in zip(self.FIELDS, row, strict=True):
            w.add_class(f"wk-bt-{k}")
        self.rows.append(row)
        self.grid.children = [widgets.HBox(list(r)) for r in self.rows]

    def fill(self, blad: BasisteamBlad) -> None:
        """Put a sheet into the form (members, agreements, texts, first contact person)."""
        self.leden.value = "\n".join(f"{m.naam}: {m.bijdrage}" if m.bijdrage else m.naam for m in blad.leden)
        while len(self.rows) < max(3, len(blad.afspraken)):
            self.add_row()
        for i, row in enumerate(self.rows):
            a = blad.afspraken[i] if i < len(blad.afspraken) else Afspraak("", "")
            for k, w in zip(self.FIELDS, row, strict=True):
                w.value = getattr(a, k)
        self.borgen.value, self.bijstellen.value = blad.borgen, blad.bijstellen
        self.volgende.value = blad.volgende_bijeenkomst
        first = blad.contactpersonen[0] if blad.contactpersonen else Contactpersoon("")
        self.contact.value, self.bereikbaar.value = first.naam, first.bereikbaar

    def blad(self, client: str, *, casus_titel: str = "", datum: str = "") -> BasisteamBlad:
        """The sheet as filled in (the client is marked 'cliënt' among the members)."""
        leden = []
        for line in self.leden.value.splitlines():
            name, _, contribution = line.partition(":")
            if name.strip():
                role = "cliënt" if name.strip() == client.strip() else "netwerklid"
                leden.append(Lid(name.strip(), role, contribution.strip()))
        afspraken = tuple(
            a for a in (Afspraak(*(w.value.strip() for w in row)) for row in self.rows) if not a.leeg
        )
        contacts = (
            (
                Contactpersoon(
                    self.contact.value.strip(),
                    "aanspreekpunt van het basisteam",
                    self.bereikbaar.value.strip(),
                ),
            )
            if self.contact.value.strip()
            else ()
        )
        return BasisteamBlad(
            client=client,
            leden=tuple(leden),
            afspraken=afspraken,
            borgen=self.borgen.value.strip(),
            bijstellen=self.bijstellen.value.strip(),
            volgende_bijeenkomst=self.volgende.value.strip(),
            contactpersonen=contacts,
            casus_titel=casus_titel,
            datum=datum,
        )

    def all_text(self) -> str:
        """Everything typed in the form (for the privacy check)."""
        parts = [self.leden.value, self.borgen.value, self.bijstellen.value, self.volgende.value]
        parts += [self.contact.value, self.bereikbaar.value]
        parts += [w.value for row in self.rows for w in row]
        return "\n".join(parts)


class BasisteamVak:
    """The sheet part of the app: the form, the button 'Maak afsprakenblad', download links and what is missing.

    Parameters
    ----------
    guard : callable
        Wraps the callback (``safe(messages)``).
    messages : MessageBox
        Where notices and privacy warnings go.
    context : callable
        Returns ``(client, casus_titel, datum)`` of the running session, or None when there is none.
    save : callable
        Saves the sheet's payload and returns a short Dutch status.
    """

    def __init__(
        self,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        messages: MessageBox,
        context: Callable[[], tuple[str, str, str] | None],
        save: Callable[[dict[str, Any]], str],
    ) -> None:
        self.messages = messages
        self._context = context
        self._save = save
        self.form = BasisteamFormulier()
        self.button = widgets.Button(
            description="Maak afsprakenblad", icon="file-text", layout={"width": "auto"}
        )
        self.button.add_class("wk-maak-blad")
        self.button.on_click(guard(self.make))
        self.links = widgets.HTML()
        self.links.add_class("wk-blad-links")
        self.problems = widgets.HTML()
        self.problems.add_class("wk-blad-problemen")
        self.blad: BasisteamBlad | None = None
        self.widget = widgets.VBox(
            [
                widgets.HTML("<h3>Afsprakenblad basisteam</h3>"),
                self.form.widget,
                widgets.HBox([self.button, self.links], layout={"align_items": "center"}),
                self.problems,
            ]
        )
        self.widget.add_class("wk-kaart")
        self.widget.add_class("wk-basisteam")

    def reset(self) -> None:
        """Forget the links and remarks of an earlier sheet."""
        self.links.value = self.problems.value = ""
        self.blad = None

    def make(self, _: object = None) -> None:
        """Build the sheet from the form: show what is missing, offer the downloads and save it."""
        context = self._context()
        if context is None:
            self.messages.error("Er is nog geen bijeenkomst gestart.")
            return
        client, casus_titel, datum = context
        self.blad = blad = self.form.blad(client, casus_titel=casus_titel, datum=datum)
        self.problems.value = "".join(
            f"<div class='wk-waarschuwing'>{esc(p)}</div>" for p in blad_problemen(blad)
        )
        self.links.value = document_links(basisteam_document(blad), f"basisteam-{datum}")
        status = self._save(blad_to_payload(blad))
        warning = privacy_message(self.form.all_text())
        if warning:
            self.messages.warn(f"{warning} {status}")
        else:
            self.messages.notice(f"Het afsprakenblad staat klaar om te downloaden. {status}")
