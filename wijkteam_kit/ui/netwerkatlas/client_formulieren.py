r"""Forms of the netwerkatlas app about the client: name, question and strengths, and life events.

Like the person and tie forms in :mod:`wijkteam_kit.ui.netwerkatlas.formulieren`, each form shows the current
atlas (``show``) and calls ``on_change(new_atlas, message)`` when the user saves something.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Netwerkatlas
>>> changes = []
>>> form = EventForm(lambda atlas, msg: changes.append((atlas, msg)))
>>> form.show(Netwerkatlas())
>>> form.jaar.value, form.omschrijving.value = "2019", "verhuisd naar de flat"
>>> form.add_button.click()
>>> [(e.jaar, e.omschrijving) for e in changes[-1][0].gebeurtenissen], changes[-1][1]
([(2019, 'verhuisd naar de flat')], 'De gebeurtenis is toegevoegd.')
>>> client = ClientForm(lambda atlas, msg: changes.append((atlas, msg)))
>>> client.show(Netwerkatlas())
>>> client.naam.value, client.krachten.value = "Gerda", "kookt graag\n\nhumor"
>>> client.save_button.click()
>>> changes[-1][0].client.naam, changes[-1][0].client.krachten
('Gerda', ('kookt graag', 'humor'))
"""

from __future__ import annotations

import ipywidgets as widgets

from wijkteam_kit.netwerk.bewerken import event_from_form
from wijkteam_kit.netwerk.model import Client, Netwerkatlas
from wijkteam_kit.ui.netwerkatlas.formulieren import Guard, OnChange, _labelled, _pair, _unguarded

__all__ = ["ClientForm", "EventForm"]


class ClientForm:
    """The client's name (or pseudonym), question and strengths (for the basisposter)."""

    def __init__(self, on_change: OnChange, guard: Guard = _unguarded) -> None:
        self.on_change = on_change
        self.atlas = Netwerkatlas()
        self.naam = widgets.Text()
        self.naam.add_class("wk-client-naam")
        self.vraag = widgets.Textarea(placeholder="de vraag van de cliënt, in zijn of haar eigen woorden")
        self.vraag.add_class("wk-client-vraag")
        self.krachten = widgets.Textarea(placeholder="één kracht per regel", rows=4)
        self.save_button = widgets.Button(description="Opslaan", button_style="primary", icon="check")
        self.save_button.add_class("wk-client-opslaan")
        self.save_button.on_click(guard(self._save))
        self.widget = widgets.VBox(
            [
                _labelled("Naam of schuilnaam", self.naam),
                _labelled("Vraag", self.vraag),
                _labelled("Krachten: wat gaat goed?", self.krachten),
                self.save_button,
            ]
        )

    def show(self, atlas: Netwerkatlas) -> None:
        """Fill the form from ``atlas``."""
        self.atlas = atlas
        self.naam.value, self.vraag.value = atlas.client.naam, atlas.client.vraag
        self.krachten.value = "\n".join(atlas.client.krachten)

    def _save(self, _=None) -> None:
        strengths = tuple(line.strip() for line in self.krachten.value.splitlines() if line.strip())
        name = self.naam.value.strip() or "Cliënt"
        client = Client(
            naam=name[:80],
            geslacht=self.atlas.client.geslacht,
            geboortejaar=self.atlas.client.geboortejaar,
            vraag=self.vraag.value.strip(),
            krachten=strengths,
        )
        self.on_change(
            self.atlas.model_copy(update={"client": client}), "De gegevens van de cliënt zijn opgeslagen."
        )


class EventForm:
    """Add and remove life events for the gebeurteniskaart."""

    def __init__(self, on_change: OnChange, guard: Guard = _unguarded) -> None:
        self.on_change = on_change
        self.atlas = Netwerkatlas()
        self.jaar = widgets.Text(placeholder="bv. 2019")
        self.omschrijving = widgets.Text(placeholder="bv. verhuisd naar de flat")
        self.valentie = widgets.ToggleButtons(options=[("positief", "positief"), ("negatief", "negatief")])
        self.add_button = widgets.Button(description="Toevoegen", button_style="primary", icon="plus")
        self.existing = widgets.Dropdown(options=[("(geen)", -1)], value=-1)
        self.delete_button = widgets.Button(description="Verwijderen", icon="trash")
        self.add_button.on_click(guard(self._add))
        self.delete_button.on_click(guard(self._delete))
        self.widget = widgets.VBox(
            [
                _pair(_labelled("Jaar", self.jaar), _labelled("Wat gebeurde er", self.omschrijving)),
                self.valentie,
                self.add_button,
                widgets.HTML("<hr>"),
                _labelled("Gebeurtenis verwijderen", self.existing),
                self.delete_button,
            ]
        )

    def show(self, atlas: Netwerkatlas) -> None:
        """Refresh the list of events."""
        self.atlas = atlas
        events = [(f"{e.jaar}: {e.omschrijving}", i) for i, e in enumerate(atlas.gebeurtenissen)]
        self.existing.options = events or [("(geen)", -1)]
        self.existing.value = events[0][1] if events else -1

    def _add(self, _=None) -> None:
        event = event_from_form(
            {
                "jaar": self.jaar.value,
                "omschrijving": self.omschrijving.value,
                "valentie": self.valentie.value,
            }
        )
        events = tuple(sorted((*self.atlas.gebeurtenissen, event), key=lambda e: e.jaar))
        self.jaar.value = self.omschrijving.value = ""
        self.on_change(
            self.atlas.model_copy(update={"gebeurtenissen": events}), "De gebeurtenis is toegevoegd."
        )

    def _delete(self, _=None) -> None:
        index = self.existing.value
        if index < 0:
            return
        events = tuple(e for i, e in enumerate(self.atlas.gebeurtenissen) if i != index)
        self.on_change(
            self.atlas.model_copy(update={"gebeurtenissen": events}), "De gebeurtenis is verwijderd."
        )
