"""Forms of the netwerkatlas app: person, tie, client and life events.

Each form shows the current atlas (``show``) and calls ``on_change(new_atlas, message)`` when the user saves
something; the rules (ids, sectors, validation) live in :mod:`wijkteam_kit.netwerk.bewerken`.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Netwerkatlas
>>> changes = []
>>> form = PersonForm(lambda atlas, msg: changes.append((atlas, msg)))
>>> form.show(Netwerkatlas())
>>> form.naam.value, form.relatie.value = "Ans", "vriend"
>>> form.save_button.click()
>>> changes[-1][0].person("ans").sector, changes[-1][1]
('vrienden', 'Ans staat op de kaart.')
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from wijkteam_kit.netwerk.bewerken import DEFAULT_SECTOR, event_from_form, person_from_form, tie_from_form
from wijkteam_kit.netwerk.model import (
    CLIENT_ID,
    FREQUENTIES,
    KWALITEITEN,
    RELATIES,
    SECTOREN,
    STEUNFUNCTIES,
    Band,
    Client,
    Koppel,
    Netwerkatlas,
)
from wijkteam_kit.ui.common.widgets import esc

__all__ = [
    "ClientForm",
    "EventForm",
    "PersonForm",
    "TieForm",
]

OnChange = Callable[[Netwerkatlas, str], None]
Guard = Callable[[Callable[..., None]], Callable[..., None]]


def _unguarded(callback: Callable[..., None]) -> Callable[..., None]:
    return callback


NEW = ""
NEW_TIE = {"frequentie": "wekelijks", "kwaliteit": "steunend"}
"""What the tie form shows for a pair without a tie: the usual contact, no support ticked."""
CIRCLE_LABELS = ("1 heel dichtbij", "2 dichtbij", "3 verder weg", "4 ver weg")
COUPLE_STATUS = [
    ("(geen koppel tekenen)", ""),
    ("getrouwd", "getrouwd"),
    ("samenwonend", "samenwonend"),
    ("uit elkaar", "uit_elkaar"),
    ("gescheiden", "gescheiden"),
]


def _labelled(label: str, widget: widgets.Widget) -> widgets.Widget:
    widget.layout.width = "100%"
    return widgets.VBox([widgets.HTML(f"<b>{label}</b>"), widget], layout={"margin": "2px 0"})


def _pair(left: widgets.Widget, right: widgets.Widget) -> widgets.Widget:
    """Two labelled fields side by side, each half the width of the form."""
    for part in (left, right):
        part.layout.width = "50%"
        part.layout.padding = "0 4px 0 0"
    return widgets.HBox([left, right], layout={"width": "100%"})


def _tick(function: str) -> widgets.Checkbox:
    """One support function's checkbox, as wide as its word (five fit in the form's width)."""
    box = widgets.Checkbox(
        description=function, indent=False, layout={"width": "auto", "margin": "2px 14px 2px 0"}
    )
    box.add_class(f"wk-steun-{function}")
    return box


def _ticks(boxes: dict[str, widgets.Checkbox], hook: str) -> widgets.Widget:
    """The support checkboxes in rows that wrap inside the form (never a grid wider than the panel)."""
    row = widgets.HBox(list(boxes.values()), layout={"flex_flow": "row wrap", "width": "100%"})
    row.add_class("wk-steun")
    row.add_class(hook)
    return row


def _buttons(*buttons: widgets.Button) -> widgets.Widget:
    box = widgets.HBox(list(buttons), layout={"margin": "6px 0", "flex_flow": "row wrap"})
    box.add_class("wk-knoppen")
    return box


class PersonForm:
    """Add a person, or choose one to edit or remove."""

    def __init__(self, on_change: OnChange, guard: Guard = _unguarded) -> None:
        self.on_change = on_change
        self.atlas = Netwerkatlas()
        self._sector_touched = False
        self._loading = False
        self.choice = widgets.Dropdown(options=[("+ nieuwe persoon", NEW)], value=NEW)
        self.choice.add_class("wk-persoon-keuze")
        self.naam = widgets.Text(placeholder="voornaam of bijnaam (verzonnen)")
        self.naam.add_class("wk-persoon-naam")
        self.relatie = widgets.Dropdown(options=RELATIES, value="vriend")
        self.relatie.add_class("wk-persoon-relatie")
        self.sector = widgets.Dropdown(options=SECTOREN, value="vrienden")
        self.sector.add_class("wk-persoon-sector")
        self.cirkel = widgets.ToggleButtons(
            options=[(str(i), i) for i in range(1, 5)], value=2, tooltips=list(CIRCLE_LABELS)
        )
        self.cirkel.style.button_width = "44px"
        self.cirkel.add_class("wk-persoon-cirkel")
        self.koppel = widgets.Dropdown(options=COUPLE_STATUS, value="")
        self.koppel_box = _labelled("Relatie met de cliënt (voor de familiekaart)", self.koppel)
        self.huishouden = widgets.Checkbox(description="woont in het huishouden", indent=False)
        self.overleden = widgets.Checkbox(description="overleden", indent=False)
        self.geslacht = widgets.Dropdown(options=["onbekend", "vrouw", "man", "anders"], value="onbekend")
        self.geboortejaar = widgets.Text(placeholder="bv. 1962 (mag leeg)")
        self.toelichting = widgets.Textarea(placeholder="wat betekent deze persoon? (geen echte gegevens)")
        self.save_button = widgets.Button(
            description="Persoon toevoegen", button_style="primary", icon="plus"
        )
        self.save_button.add_class("wk-persoon-opslaan")
        self.delete_button = widgets.Button(description="Verwijderen", icon="trash", disabled=True)
        self.delete_button.add_class("wk-persoon-verwijderen")
        self.choice.observe(self._load, "value")
        self.relatie.observe(self._relation_changed, "value")
        self.sector.observe(self._sector_changed, "value")
        self.save_button.on_click(guard(self._save))
        self.delete_button.on_click(guard(self._delete))
        self.widget = widgets.VBox(
            [
                _labelled("Kies", self.choice),
                _labelled("Naam", self.naam),
                _labelled("Relatie", self.relatie),
                _labelled("Sector", self.sector),
                _labelled("Cirkel (1 heel dichtbij … 4 ver weg)", self.cirkel),
                self.koppel_box,
                widgets.HBox([self.huishouden, self.overleden]),
                _pair(_labelled("Geslacht", self.geslacht), _labelled("Geboortejaar", self.geboortejaar)),
                _labelled("Toelichting", self.toelichting),
                _buttons(self.save_button, self.delete_button),
            ]
        )
        self.widget.add_class("wk-persoonformulier")
        self._relation_changed()

    def show(self, atlas: Netwerkatlas) -> None:
        """Refresh the choice list for ``atlas`` (keeping the chosen person when still there)."""
        self.atlas = atlas
        keep = self.choice.value if self.choice.value in atlas.ids else NEW
        self._loading = True
        self.choice.options = [("+ nieuwe persoon", NEW)] + [(p.naam, p.id) for p in atlas.personen]
        self.choice.value = keep
        self._loading = False
        self._load()

    def _load(self, _=None) -> None:
        if self._loading:
            return
        pid = self.choice.value
        editing = pid != NEW
        self.save_button.description = "Wijzigingen opslaan" if editing else "Persoon toevoegen"
        self.delete_button.disabled = not editing
        if not editing:
            return
        p = self.atlas.person(pid)
        self._loading = True
        self.naam.value, self.relatie.value, self.sector.value = p.naam, p.relatie, p.sector
        self.cirkel.value, self.huishouden.value, self.overleden.value = p.cirkel, p.huishouden, p.overleden
        self.geslacht.value, self.toelichting.value = p.geslacht, p.toelichting
        self.geboortejaar.value = str(p.geboortejaar or "")
        couple = next((k for k in self.atlas.koppels if {k.a, k.b} == {CLIENT_ID, pid}), None)
        self.koppel.value = couple.status if couple else ""
        self._loading = False
        self._sector_touched = True
        self._relation_changed()

    def _relation_changed(self, _=None) -> None:
        self.koppel_box.layout.display = "" if self.relatie.value == "partner" else "none"
        if not self._sector_touched and not self._loading and self.relatie.value in DEFAULT_SECTOR:
            self._loading = True
            self.sector.value = DEFAULT_SECTOR[self.relatie.value]
            self._loading = False

    def _sector_changed(self, _=None) -> None:
        if not self._loading:
            self._sector_touched = True

    def _clear(self) -> None:
        self._loading = True
        self.choice.value = NEW
        self.naam.value, self.toelichting.value, self.geboortejaar.value = "", "", ""
        self.huishouden.value = self.overleden.value = False
        self.koppel.value = ""
        self._loading = False
        self._sector_touched = False
        self._load()

    def _save(self, _=None) -> None:
        editing = self.choice.value != NEW
        fields = {
            "id": self.choice.value if editing else None,
            "naam": self.naam.value,
            "relatie": self.relatie.value,
            "sector": self.sector.value,
            "cirkel": self.cirkel.value,
            "huishouden": self.huishouden.value,
            "overleden": self.overleden.value,
            "geslacht": self.geslacht.value,
            "geboortejaar": self.geboortejaar.value,
            "toelichting": self.toelichting.value,
        }
        if editing:
            old = self.atlas.person(self.choice.value)
            fields.update(positie=old.positie, sinds=old.sinds, tot=old.tot)
        person = person_from_form(fields, self.atlas.ids)
        atlas = self.atlas.with_person(person)
        koppels = tuple(k for k in atlas.koppels if {k.a, k.b} != {CLIENT_ID, person.id})
        if person.relatie == "partner" and self.koppel.value:
            koppels += (Koppel(a=CLIENT_ID, b=person.id, status=self.koppel.value),)
        atlas = atlas.model_copy(update={"koppels": koppels})
        message = f"{person.naam} is bijgewerkt." if editing else f"{person.naam} staat op de kaart."
        if not editing:
            self._clear()
        self.on_change(atlas, message)

    def _delete(self, _=None) -> None:
        pid = self.choice.value
        if pid == NEW:
            return
        name = self.atlas.person(pid).naam
        atlas = self.atlas.without_person(pid)
        self._clear()
        self.on_change(atlas, f"{name} is van de kaart gehaald, met zijn of haar banden.")


class TieForm:
    """Add, change or remove the tie between two people (the client included)."""

    def __init__(self, on_change: OnChange, guard: Guard = _unguarded) -> None:
        self.on_change = on_change
        self.atlas = Netwerkatlas()
        self.van = widgets.Dropdown(options=[("Cliënt", CLIENT_ID)], value=CLIENT_ID)
        self.van.add_class("wk-band-van")
        self.naar = widgets.Dropdown(options=[("(kies)", "")], value="")
        self.naar.add_class("wk-band-naar")
        self.frequentie = widgets.Dropdown(options=FREQUENTIES, value=NEW_TIE["frequentie"])
        self.frequentie.add_class("wk-band-frequentie")
        self.kwaliteit = widgets.Dropdown(options=KWALITEITEN, value=NEW_TIE["kwaliteit"])
        self.kwaliteit.add_class("wk-band-kwaliteit")
        self.ontvangen = {f: _tick(f) for f in STEUNFUNCTIES}
        self.gegeven = {f: _tick(f) for f in STEUNFUNCTIES}
        self._shown: tuple[tuple[str, str], Band | None] | None = None
        self._refreshing = False
        self.ontvangen_label = widgets.HTML()
        self.gegeven_label = widgets.HTML()
        self.state = widgets.HTML()
        self.save_button = widgets.Button(description="Band opslaan", button_style="primary", icon="link")
        self.save_button.add_class("wk-band-opslaan")
        self.delete_button = widgets.Button(description="Band verwijderen", icon="unlink", disabled=True)
        self.delete_button.add_class("wk-band-verwijderen")
        for w in (self.van, self.naar):
            w.observe(self._load, "value")
        self.save_button.on_click(guard(self._save))
        self.delete_button.on_click(guard(self._delete))
        self.widget = widgets.VBox(
            [
                _pair(_labelled("Tussen", self.van), _labelled("en", self.naar)),
                self.state,
                _pair(_labelled("Contact", self.frequentie), _labelled("Kwaliteit", self.kwaliteit)),
                self.ontvangen_label,
                _ticks(self.ontvangen, "wk-band-ontvangen"),
                self.gegeven_label,
                _ticks(self.gegeven, "wk-band-gegeven"),
                _buttons(self.save_button, self.delete_button),
            ]
        )
        self.widget.add_class("wk-bandformulier")

    def show(self, atlas: Netwerkatlas) -> None:
        """Refresh the person lists for ``atlas``."""
        self.atlas = atlas
        people = [(p.naam, p.id) for p in atlas.personen]
        van = self.van.value if self.van.value in (CLIENT_ID, *atlas.ids) else CLIENT_ID
        naar = self.naar.value if self.naar.value in atlas.ids else ""
        self._refreshing = True  # new option lists pass through other values: not a pair the user chose
        try:
            self.van.options = [(f"{atlas.client.naam} (cliënt)", CLIENT_ID), *people]
            self.naar.options = [("(kies een persoon)", ""), *people]
            self.van.value, self.naar.value = van, naar
        finally:
            self._refreshing = False
        self._load()

    def _load(self, _=None) -> None:
        if self._refreshing:
            return
        a, b = self.van.value, self.naar.value
        name_a = self.atlas.name(a) if a else "…"
        name_b = self.atlas.name(b) if b in self.atlas.ids else "…"
        self.ontvangen_label.value = f"<b>Wat {esc(name_a)} van {esc(name_b)} krijgt</b>"
        self.gegeven_label.value = f"<b>Wat {esc(name_a)} aan {esc(name_b)} geeft</b>"
        existing = self.atlas.tie(a, b) if a and b else None
        self.delete_button.disabled = existing is None
        self.state.value = (
            "<span class='wk-klein'>Deze band bestaat al; opslaan past hem aan.</span>" if existing else ""
        )
        shown = ((a, b), existing)
        if shown == self._shown:
            return  # the same pair and the same saved tie: keep what the user is ticking
        self._shown = shown
        if existing is None:  # a new pair (or a removed tie): start empty, never with another tie's ticks
            self.frequentie.value, self.kwaliteit.value = NEW_TIE["frequentie"], NEW_TIE["kwaliteit"]
            received: tuple[str, ...] = ()
            given: tuple[str, ...] = ()
        else:
            flipped = existing.van != a
            received = existing.steun_gegeven if flipped else existing.steun_ontvangen
            given = existing.steun_ontvangen if flipped else existing.steun_gegeven
            self.frequentie.value, self.kwaliteit.value = existing.frequentie, existing.kwaliteit
        for f in STEUNFUNCTIES:
            self.ontvangen[f].value, self.gegeven[f].value = f in received, f in given

    def _save(self, _=None) -> None:
        tie = tie_from_form(
            {
                "van": self.van.value,
                "naar": self.naar.value,
                "frequentie": self.frequentie.value,
                "kwaliteit": self.kwaliteit.value,
                "steun_ontvangen": [f for f, box in self.ontvangen.items() if box.value],
                "steun_gegeven": [f for f, box in self.gegeven.items() if box.value],
            }
        )
        atlas = self.atlas.with_tie(tie)
        self.on_change(
            atlas, f"De band tussen {atlas.name(tie.van)} en {atlas.name(tie.naar)} is opgeslagen."
        )

    def _delete(self, _=None) -> None:
        a, b = self.van.value, self.naar.value
        atlas = self.atlas.without_tie(a, b)
        self.on_change(atlas, f"De band tussen {atlas.name(a)} en {atlas.name(b)} is verwijderd.")


# ------------------------------------------ the client and event forms
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
        self.valentie = widgets.ToggleButtons(
            options=[("positief", "positief"), ("negatief", "negatief")], value=None
        )  # no default: the user chooses (a death drawn green as "positief" was a real mistake)
        self.valentie.add_class("wk-gebeurtenis-valentie")
        self.add_button = widgets.Button(description="Toevoegen", button_style="primary", icon="plus")
        self.existing = widgets.Dropdown(options=[("(geen)", -1)], value=-1)
        self.delete_button = widgets.Button(description="Verwijderen", icon="trash")
        self.add_button.on_click(guard(self._add))
        self.delete_button.on_click(guard(self._delete))
        self.widget = widgets.VBox(
            [
                _pair(_labelled("Jaar", self.jaar), _labelled("Wat gebeurde er", self.omschrijving)),
                _labelled("Was het positief of negatief?", self.valentie),
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
        self.valentie.value = None
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
