"""The mapping step for a Network Canvas export: which variable gives the circle, the sector, frequency, quality.

The app shows this block after a Network Canvas GraphML file is opened. Every choice is filled in with the
guess of :func:`wijkteam_kit.netwerk.networkcanvas.guess_mapping`; below each choice the values are listed as
``waarde = doel`` lines the user can change (the order of closeness, which ja/nee variable is which sector).
"Importeren" builds the atlas; a problem is shown in Dutch and nothing changes.

Examples
--------
>>> from wijkteam_kit.netwerk.graphml import read_graphml_data
>>> from wijkteam_kit.netwerk.networkcanvas import VOORBEELD_EXPORT
>>> done = []
>>> step = NetworkCanvasKoppeling(lambda atlas, name: done.append((atlas, name)), errors=print)
>>> step.open(read_graphml_data(VOORBEELD_EXPORT, "gerda.graphml"), "gerda.graphml")
>>> step.cirkel.value, step.sector.value
('nabijheid', '(ja/nee-variabelen)')
>>> step.import_button.click()
>>> atlas, name = done[-1]
>>> [p.naam for p in atlas.personen], name
(['Henk', 'Ans', 'Ria Smit', 'Huisarts Öztürk'], 'gerda.graphml')
>>> step.open(read_graphml_data(VOORBEELD_EXPORT, "gerda.graphml"), "gerda.graphml")
>>> step.cirkel.value = ""
>>> step.import_button.click()  # doctest: +ELLIPSIS
Dit bestand kon niet worden gekoppeld. ... maar kies welke variabele de cirkel geeft ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.netwerk.graphml import GraphmlData
from wijkteam_kit.netwerk.model import Netwerkatlas
from wijkteam_kit.netwerk.networkcanvas import (
    BOOLEAN_SECTOR,
    Koppeling,
    atlas_from_network_canvas,
    guess_mapping,
    guess_values,
    parse_value_map,
    value_map_text,
    variables,
)
from wijkteam_kit.ui.common.widgets import esc

__all__ = ["NetworkCanvasKoppeling"]

UNUSED = ""
CHOICES = {
    "naam": "Naam van de persoon",
    "cirkel": "Cirkel (hoe dichtbij)",
    "sector": "Sector",
    "frequentie": "Frequentie van contact",
    "kwaliteit": "Kwaliteit van de band",
}
HELP = {
    "cirkel": "Per waarde de cirkel: 1 heel dichtbij … 4 ver weg.",
    "sector": "Per waarde (of per ja/nee-variabele) de sector: "
    + ", ".join(
        ("familie", "vrienden", "buurt", "werk/school", "vrijwilligers/verenigingen", "professionals")
    ),
    "frequentie": "Per waarde: dagelijks, wekelijks, maandelijks of minder. Zonder keuze: maandelijks.",
    "kwaliteit": "Per waarde: steunend, wisselend of belastend. Zonder keuze: wisselend.",
}


class NetworkCanvasKoppeling:
    """The mapping step; ``on_done(atlas, file_name)`` is called after a successful import.

    ``errors`` shows a Dutch message (the app's message box); ``guard`` wraps every callback (the app's
    ``safe``, so nothing fails silently); ``widget`` is hidden until :meth:`open`.
    """

    def __init__(
        self,
        on_done: Callable[[Netwerkatlas, str], None],
        errors: Callable[[str], None],
        guard: Callable[[Callable[..., None]], Callable[..., None]] = lambda callback: callback,
    ) -> None:
        self.on_done, self.errors = on_done, errors
        self.data: GraphmlData | None = None
        self.file_name = ""
        self.intro = widgets.HTML()
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        self.values: dict[str, widgets.Textarea] = {}
        rows: list[widgets.Widget] = [self.intro]
        for kind, label in CHOICES.items():
            dropdown = widgets.Dropdown(
                options=[("(niet gebruiken)", UNUSED)], value=UNUSED, description=label
            )
            dropdown.style.description_width = "190px"
            dropdown.layout.width = "100%"
            dropdown.add_class(f"wk-nc-{kind}")
            self.dropdowns[kind] = dropdown
            rows.append(dropdown)
            if kind != "naam":
                area = widgets.Textarea(description="Waarden", placeholder=HELP[kind], rows=4)
                area.style.description_width = "190px"
                area.layout.width = "100%"
                area.add_class(f"wk-nc-{kind}-waarden")
                self.values[kind] = area
                rows += [area, widgets.HTML(f"<span class='wk-klein'>{esc(HELP[kind])}</span>")]
                dropdown.observe(guard(lambda change, kind=kind: self._refill(kind)), "value")
        self.import_button = widgets.Button(description="Importeren", button_style="primary", icon="check")
        self.import_button.add_class("wk-nc-importeren")
        self.cancel_button = widgets.Button(description="Annuleren", icon="times")
        self.import_button.on_click(guard(lambda _b: self._import()))
        self.cancel_button.on_click(guard(lambda _b: self.close()))
        rows.append(widgets.HBox([self.import_button, self.cancel_button]))
        self.widget = widgets.VBox(rows, layout={"display": "none", "max_width": "760px"})
        self.widget.add_class("wk-kaart")
        self.widget.add_class("wk-nc-koppeling")
        self._filling = False

    # the dropdowns by name, for tests and the app
    @property
    def naam(self) -> widgets.Dropdown:  # noqa: D102
        return self.dropdowns["naam"]

    @property
    def cirkel(self) -> widgets.Dropdown:  # noqa: D102
        return self.dropdowns["cirkel"]

    @property
    def sector(self) -> widgets.Dropdown:  # noqa: D102
        return self.dropdowns["sector"]

    def open(self, data: GraphmlData, file_name: str) -> None:
        """Show the step for a parsed Network Canvas export, with every choice guessed."""
        self.data, self.file_name = data, file_name
        found = variables(data)
        guess = guess_mapping(data)
        self._filling = True
        try:
            for kind, dropdown in self.dropdowns.items():
                pool = [v for v in found.values() if v.op != "band" or kind in ("frequentie", "kwaliteit")]
                if kind == "naam":
                    pool = [v for v in pool if v.soort == "tekst"]
                options: list[tuple[str, str]] = [("(niet gebruiken)", UNUSED)]
                if kind == "sector" and any(v.soort == "ja/nee" for v in pool):
                    options.append(("ja/nee-variabelen (één per sector)", BOOLEAN_SECTOR))
                options += [(v.label, v.naam) for v in pool if v.soort != "ja/nee"]
                dropdown.options = options
                dropdown.value = getattr(guess, kind) or UNUSED
            for kind, area in self.values.items():
                area.value = value_map_text(getattr(guess, f"{kind}_waarden"))
        finally:
            self._filling = False
        self.intro.value = (
            f"<h3>Koppelen: {esc(file_name)}</h3><p>Dit is een export uit Network Canvas met {len(data.nodes)} "
            f"personen en {len(data.edges)} banden tussen personen. Kies welke variabele wat wordt; de kit heeft "
            "alvast een gok gedaan. Variabelen die je niet gebruikt, komen als toelichting bij de persoon.</p>"
        )
        self.widget.layout.display = "flex"

    def close(self) -> None:
        """Hide the step (the current map stays as it was)."""
        self.widget.layout.display = "none"
        self.data = None

    def _refill(self, kind: str) -> None:
        if self._filling or self.data is None:
            return
        chosen = self.dropdowns[kind].value or None
        found = variables(self.data)
        if kind == "sector" and chosen == BOOLEAN_SECTOR:
            booleans = tuple(n for n, v in found.items() if v.soort == "ja/nee" and v.op != "band")
            guessed = guess_values("sector", None, booleans) or {n: "" for n in booleans}
        else:
            guessed = guess_values(kind, found.get(chosen)) if chosen else {}
            if chosen and not guessed:
                guessed = {value: "" for value in found[chosen].waarden}
        self.values[kind].value = value_map_text(guessed)

    def koppeling(self) -> tuple[Koppeling, list[str]]:
        """The mapping as the user set it, and Dutch problems in the value lines."""
        problems: list[str] = []
        chosen: dict[str, Any] = {kind: (d.value or None) for kind, d in self.dropdowns.items()}
        for kind, area in self.values.items():
            mapped, wrong = parse_value_map(area.value, kind) if chosen[kind] else ({}, [])
            chosen[f"{kind}_waarden"] = mapped
            problems += [f"{CHOICES[kind]}, {w}" for w in wrong]
        return Koppeling(**chosen), problems

    def _import(self) -> None:
        if self.data is None:
            return
        koppeling, problems = self.koppeling()
        try:
            if problems:
                raise WijkteamError("; ".join(problems))
            atlas = atlas_from_network_canvas(self.data, koppeling, source=self.file_name)
        except WijkteamError as exc:
            self.errors(f"Dit bestand kon niet worden gekoppeld. Je huidige kaart is niet veranderd. {exc}")
            return
        name = self.file_name
        self.close()
        self.on_done(atlas, name)
