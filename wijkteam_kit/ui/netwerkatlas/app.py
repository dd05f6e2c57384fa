"""The netwerkatlas app: map a client's network with forms, see the five instruments and what stands out.

Start from a casus (at T0 or a later moment) or from an empty map, or open a saved file (JSON or GraphML).
Every change redraws the visible instrument at once and refreshes "Wat valt op?". The analysis comes from
:mod:`wijkteam_kit.netwerk.signalen`, the drawings from :mod:`wijkteam_kit.draw`.

In a group session (the :class:`~wijkteam_kit.ui.groepssessie.deelname.GroepssessieDeelname` block at the top) the
participant starts from an empty map of the session's casus, reads the casus story beside it, draws the network
and hands it in with "Inleveren bij de sessie".

Examples
--------
>>> app = NetwerkatlasApp(library=[])
>>> app.person_form.naam.value = "Ans"
>>> app.person_form.save_button.click()
>>> app.atlas.ids, "netwerk-persoon-ans" in app.pictures["relatiekaart"].value
(('ans',), True)
>>> app.undo_button.click()
>>> app.atlas.ids
()
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import aantal
from wijkteam_kit.casus.model import Casus, load_library
from wijkteam_kit.errors import NetwerkError, WijkteamError
from wijkteam_kit.netwerk.egor import egor_zip
from wijkteam_kit.netwerk.graphml import atlas_from_graphml, atlas_to_graphml, read_graphml_data
from wijkteam_kit.netwerk.io import atlas_from_casus, atlas_from_json, atlas_to_json, identifier_warnings
from wijkteam_kit.netwerk.model import Netwerkatlas
from wijkteam_kit.netwerk.networkcanvas import is_network_canvas
from wijkteam_kit.netwerk.signalen import signals
from wijkteam_kit.ui.common.bezig import bezig
from wijkteam_kit.ui.common.concept import Concept
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, download_link, esc, safe
from wijkteam_kit.ui.groepssessie.deelname import GroepssessieDeelname
from wijkteam_kit.ui.groepssessie.koppeling import netwerk_joined, session_submit_button
from wijkteam_kit.ui.netwerkatlas.formulieren import ClientForm, EventForm, PersonForm, TieForm
from wijkteam_kit.ui.netwerkatlas.koppelen import NetworkCanvasKoppeling

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from wijkteam_kit.store.store import Store

__all__ = ["INSTRUMENTS", "NetwerkatlasApp", "atlas_words_html"]

log = logging.getLogger("wijkteam_kit.ui.netwerkatlas")
EMPTY = ""


def _figure(kind: str, atlas: Netwerkatlas) -> Figure:
    """The figure of one instrument (imports matplotlib only when something is drawn)."""
    from wijkteam_kit import draw

    makers: dict[str, Callable[[Netwerkatlas], Figure]] = {
        "relatiekaart": draw.relatiekaart_figure,
        "familiekaart": draw.familiekaart_figure,
        "contactschema": draw.contactschema_figure,
        "gebeurteniskaart": draw.gebeurteniskaart_figure,
        "basisposter": draw.basisposter_figure,
    }
    return makers[kind](atlas)


INSTRUMENTS: dict[str, str] = {
    "relatiekaart": "Relatiekaart",
    "familiekaart": "Familiekaart",
    "contactschema": "Contactschema",
    "gebeurteniskaart": "Gebeurteniskaart",
    "basisposter": "Basisposter",
}
"""The five instruments of the netwerkatlas: key and tab title."""

DOWNLOAD_HINT = (
    "<span class='wk-klein'>PNG, PDF en SVG van de kaart die je ziet, plus GraphML en egor-tabellen.</span>"
)
SEVERITY_CLASS = {"let op": "letop", "aandacht": "aandacht", "sterk": "sterk"}


def atlas_words_html(atlas: Netwerkatlas) -> str:
    """The maps in words (their text alternative): every person with circle and sector, every tie, every event.

    >>> from wijkteam_kit.netwerk.model import Persoon
    >>> atlas = Netwerkatlas(personen=(Persoon(id="ans", naam="<b>Ans", relatie="vriend", sector="vrienden",
    ...                                         cirkel=1),))
    >>> html = atlas_words_html(atlas)
    >>> "&lt;b&gt;Ans: vriend, cirkel 1 (heel dichtbij), sector vrienden" in html
    True
    """
    circles = ("", "heel dichtbij", "dichtbij", "verder weg", "ver weg")
    people = "".join(
        f"<li>{esc(p.naam)}: {esc(p.relatie)}, cirkel {p.cirkel} ({circles[p.cirkel]}), sector {esc(p.sector)}"
        f"{', woont in het huishouden' if p.huishouden else ''}{', overleden' if p.overleden else ''}</li>"
        for p in atlas.personen
    )
    ties = "".join(
        f"<li>{esc(atlas.name(t.van))} en {esc(atlas.name(t.naar))}: {esc(t.frequentie)}, {esc(t.kwaliteit)}"
        + (
            f"; {esc(atlas.name(t.van))} krijgt {esc(', '.join(t.steun_ontvangen))}"
            if t.steun_ontvangen
            else ""
        )
        + (f"; {esc(atlas.name(t.van))} geeft {esc(', '.join(t.steun_gegeven))}" if t.steun_gegeven else "")
        + "</li>"
        for t in atlas.banden
    )
    events = "".join(f"<li>{e.jaar}: {esc(e.omschrijving)} ({e.valentie})</li>" for e in atlas.gebeurtenissen)
    parts = [f"<p>Cliënt: {esc(atlas.client.naam)}.</p>"]
    for title, items in (("Personen", people), ("Banden", ties), ("Gebeurtenissen", events)):
        parts.append(f"<h4>{title}</h4><ul>{items}</ul>" if items else f"<h4>{title}</h4><p>Nog geen.</p>")
    return (
        "<details class='wk-in-woorden'><summary>De kaarten in woorden</summary>"
        + "".join(parts)
        + "</details>"
    )


class NetwerkatlasApp:
    """The whole app as one object; ``widget`` is what the notebook displays."""

    def __init__(
        self,
        library: list[Casus] | None = None,
        store: Store | str | Path | None = None,
        *,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.messages = MessageBox()
        self._stores = LazyStore(store)
        self.atlas = Netwerkatlas()
        self.history: list[Netwerkatlas] = []
        self.source_name = "netwerkatlas"
        self.library: list[Casus] = []
        self._stale: set[str] = set(INSTRUMENTS)
        try:
            self.library = library if library is not None else load_library()
        except WijkteamError as exc:
            log.error("Casusbibliotheek: %s", exc)
            self.messages.error(
                f"De casusbibliotheek kon niet geladen worden; je kunt wel met een lege kaart werken. {exc}"
            )
        self._build_start()
        self._build_forms()
        self._build_pictures()
        self._build_downloads()
        self.koppeling = NetworkCanvasKoppeling(
            self._mapped, errors=self.messages.error, guard=safe(self.messages)
        )
        header = widgets.HTML(
            "<h2>Netwerkatlas</h2><p class='wk-intro'>Breng samen met de cliënt in kaart wie een rol speelt, "
            "speelde of zou kunnen spelen. Vul links personen en banden in; de kaarten en "
            "<i>Wat valt op?</i> veranderen meteen mee.</p>"
        )
        self.casus_story = widgets.HTML()
        self.casus_story.add_class("wk-sessie-casus")
        self.casus_box = widgets.Accordion(children=[self.casus_story], titles=("Lees de casus",))
        self.casus_box.layout.display = "none"
        main = widgets.HBox(
            [
                self.forms,
                widgets.VBox(
                    [self.casus_box, self.tabs, self.signal_box], layout={"flex": "1 1 auto", "width": "100%"}
                ),
            ],
            layout={"align_items": "flex-start", "width": "100%"},
        )
        # On a tablet the map takes the full width and the forms go below it (netwerkatlas.css).
        main.add_class("wk-atlas-hoofd")
        main.children[1].add_class("wk-atlas-beeld")
        self.sessie = GroepssessieDeelname(
            self._stores, "netwerkatlas", library=lambda: self.library, environ=environ
        )
        self.sessie.on_join(lambda a, c: netwerk_joined(self, a, c))
        self._geopend = ""
        self.concept = Concept(
            "netwerkatlas",
            bewaar=self._concept_data,
            herstel=self._herstel_concept,
            samenvatting=self._concept_samenvatting,
            stores=self._stores,
        )
        self.concept.volg_sessie(self.sessie)
        self.widget = widgets.VBox(
            [
                style_widget("ui/netwerkatlas/netwerkatlas.css"),
                header,
                self.sessie.widget,
                self.start_bar,
                self.messages.html,
                self.concept.widget,
                self.koppeling.widget,
                main,
                self.download_box,
            ]
        )
        self.widget.add_class("wk-app")
        self.widget.add_class("wk-atlas")
        self._set_atlas(Netwerkatlas(), remember=False, geopend=True)
        for part in (self.start_bar, main, self.download_box):
            self.concept.volg(part)

    # ------------------------------------------------------------------ the draft (nothing typed is lost)
    def _concept_data(self) -> dict | None:
        """The atlas as JSON when it differs from what was opened (a casus, a file, an empty map)."""
        text = atlas_to_json(self.atlas)
        return None if text == self._geopend else {"atlas": text, "bron": self.source_name}

    def _herstel_concept(self, data: dict) -> None:
        atlas = atlas_from_json(str(data["atlas"]), "concept")
        self.source_name = str(data.get("bron") or "netwerkatlas")
        self._set_atlas(atlas, remember=False)

    def _concept_samenvatting(self, data: dict) -> str:
        atlas = atlas_from_json(str(data["atlas"]), "concept")
        return (
            f"een netwerkatlas met {aantal(len(atlas.personen), 'persoon', 'personen')} en "
            f"{aantal(len(atlas.banden), 'band', 'banden')}"
        )

    # ------------------------------------------------------------------ building
    def use_request(self, environ: Mapping[str, str]) -> None:
        """Read the page's request (``?sessie=``, the caller's address): see ``na_paginaverzoek``."""
        self.sessie.use_request(environ)

    def _build_start(self) -> None:
        self.start_choice = widgets.Dropdown(
            options=[("Een lege kaart", EMPTY)] + [(c.titel, c.id) for c in self.library],
            value=EMPTY,
            layout={"width": "420px"},
        )
        self.start_choice.add_class("wk-start-keuze")
        self.moment_choice = widgets.Dropdown(options=["T0"], value="T0", layout={"width": "90px"})
        self.moment_choice.add_class("wk-moment")
        self.start_button = widgets.Button(description="Openen", icon="folder-open")
        self.start_button.add_class("wk-openen")
        self.upload = widgets.FileUpload(
            accept=".json,.graphml,.xml", multiple=False, description="Bestand openen"
        )
        self.upload.add_class("wk-upload")
        self.undo_button = widgets.Button(description="Ongedaan maken", icon="undo", disabled=True)
        self.undo_button.add_class("wk-ongedaan")
        self.start_choice.observe(safe(self.messages)(self._casus_chosen), "value")
        self.start_button.on_click(safe(self.messages)(self._ask_open_start))
        self.upload.observe(safe(self.messages)(self._uploaded), "value")
        self.undo_button.on_click(safe(self.messages)(self._undo))
        self.submit_button = session_submit_button()
        self.submit_button.on_click(safe(self.messages)(self._submit))
        self.start_parts = [
            widgets.HTML("<b>Begin met</b>&nbsp;"),
            self.start_choice,
            widgets.HTML("&nbsp;<b>moment</b>&nbsp;"),
            self.moment_choice,
            self.start_button,
            self.upload,
        ]
        self.start_bar = widgets.HBox(
            [*self.start_parts, self.undo_button, self.submit_button],
            layout={"flex_flow": "row wrap", "align_items": "center"},
        )

    def _build_forms(self) -> None:
        guard = safe(self.messages)
        self.person_form = PersonForm(self._changed, guard)
        self.tie_form = TieForm(self._changed, guard)
        self.client_form = ClientForm(self._changed, guard)
        self.event_form = EventForm(self._changed, guard)
        self.form_tabs = widgets.Tab(
            children=[
                self.person_form.widget,
                self.tie_form.widget,
                self.client_form.widget,
                self.event_form.widget,
            ]
        )
        for i, title in enumerate(("Personen", "Banden", "Cliënt", "Gebeurtenissen")):
            self.form_tabs.set_title(i, title)
        self.form_tabs.add_class("wk-formtabs")
        self.forms = widgets.VBox([self.form_tabs])
        self.forms.add_class("wk-formulieren")

    def _build_pictures(self) -> None:
        self.pictures = {key: widgets.HTML() for key in INSTRUMENTS}
        self.tabs = widgets.Tab(children=[self._picture_box(k) for k in INSTRUMENTS])
        for i, title in enumerate(INSTRUMENTS.values()):
            self.tabs.set_title(i, title)
        self.tabs.add_class("wk-instrumenten")
        self.tabs.observe(safe(self.messages)(self._tab_changed), "selected_index")
        self.signal_html = widgets.HTML()
        self.signal_html.add_class("wk-wat-valt-op")
        self.words_html = widgets.HTML()  # the text alternative of the maps, refreshed with every change
        self.words_html.add_class("wk-kaart-woorden")
        self.signal_box = widgets.VBox(
            [widgets.HTML("<h3>Wat valt op?</h3>"), self.signal_html, self.words_html]
        )
        self.signal_box.add_class("wk-kaart")

    def _picture_box(self, key: str) -> widgets.Widget:
        picture = self.pictures[key]
        picture.add_class("wk-beeld")
        picture.add_class(f"wk-beeld-{key}")
        return picture

    def _build_downloads(self) -> None:
        self.make_downloads = widgets.Button(description="Maak downloadbestanden", icon="download")
        self.make_downloads.add_class("wk-maak-downloads")
        self.make_downloads.on_click(
            safe(self.messages)(bezig(self.make_downloads, "Bestanden maken…")(self._prepare_downloads))
        )
        self.json_link = widgets.HTML()
        self.json_link.add_class("wk-json-link")
        self.download_links = widgets.HTML(DOWNLOAD_HINT)
        self.download_links.add_class("wk-downloads")
        self.download_box = widgets.VBox(
            [
                widgets.HTML("<h3>Bewaren en downloaden</h3>"),
                self.json_link,
                widgets.HBox([self.make_downloads, self.download_links], layout={"align_items": "center"}),
            ]
        )
        self.download_box.add_class("wk-kaart")

    # ------------------------------------------------------------------ state
    def _set_atlas(self, atlas: Netwerkatlas, *, remember: bool = True, geopend: bool = False) -> None:
        """Show ``atlas``; ``geopend``: it was just opened (a casus, a file), so it is no unsaved work yet."""
        if geopend:
            self._geopend = atlas_to_json(atlas)
        if remember:
            self.history.append(self.atlas)
            del self.history[:-50]
        self.atlas = atlas
        self.undo_button.disabled = not self.history
        for form in (self.person_form, self.tie_form, self.client_form, self.event_form):
            form.show(atlas)
        self._stale = set(INSTRUMENTS)
        self._redraw_visible()
        self._show_signals()
        self.words_html.value = atlas_words_html(atlas)
        self.json_link.value = download_link(
            atlas_to_json(atlas).encode("utf-8"),
            f"{self.source_name}.json",
            "application/json",
            "Bewaar de netwerkatlas (JSON)",
        )
        self.download_links.value = DOWNLOAD_HINT

    def _changed(self, atlas: Netwerkatlas, message: str) -> None:
        self._set_atlas(atlas)
        warnings = identifier_warnings(atlas)
        if warnings:
            found = ", ".join(f"{w.kind} ({w.text})" for w in warnings)
            self.messages.warn(
                f"{message} Let op: er staat iets in dat lijkt op een echt {found}. Gebruik alleen verzonnen "
                "gegevens; pas de tekst aan."
            )
        else:
            self.messages.notice(message)

    def _undo(self, _=None) -> None:
        if self.history:
            previous = self.history.pop()
            self._set_atlas(previous, remember=False)
            self.messages.notice("De laatste wijziging is ongedaan gemaakt.")

    # ------------------------------------------------------------------ group session
    def _submit(self, _=None) -> None:
        from wijkteam_kit.netwerk.io import atlas_to_data

        if self.sessie.submit(atlas_to_data(self.atlas)) is not None:
            self.concept.klaar(wis=False)
            self.messages.notice(
                f"Je kaart met {len(self.atlas.personen)} personen en {len(self.atlas.banden)} banden is "
                "ingeleverd. Je kunt nog aanpassen en opnieuw inleveren."
            )

    # ------------------------------------------------------------------ start
    def _casus(self) -> Casus | None:
        return next((c for c in self.library if c.id == self.start_choice.value), None)

    def _casus_chosen(self, _=None) -> None:
        casus = self._casus()
        moments = atlas_from_casus(casus, moment=None).moments() if casus else ("T0",)
        self.moment_choice.options = moments
        self.moment_choice.value = moments[0]

    def _ask_open_start(self, _=None) -> None:
        """Open another casus or an empty map; with changes in the current map, ask first."""
        self.concept.vraag(
            "Je kaart heeft wijzigingen die nog niet zijn ingeleverd of gedownload. Open je een andere kaart, dan "
            "gaan ze verloren.",
            "Ja, andere kaart openen",
            self._open_start,
        )

    def _open_start(self, _=None) -> None:
        casus = self._casus()
        if casus is None:
            self.source_name = "netwerkatlas"
            self._set_atlas(Netwerkatlas(), geopend=True)
            self.messages.notice("Een lege kaart: begin bij 'Personen' met wie er belangrijk is.")
            return
        atlas = atlas_from_casus(casus, moment=self.moment_choice.value)
        self.source_name = f"{casus.id}-{atlas.moment}"
        self._set_atlas(atlas, geopend=True)
        self.messages.notice(f"De netwerkatlas van '{casus.titel}' op moment {atlas.moment} staat klaar.")

    def _uploaded(self, change: dict) -> None:
        files = change.get("new") or ()
        if not files:
            return
        item = files[0]
        name, content = str(item["name"]), bytes(item["content"])
        try:
            if name.lower().endswith((".graphml", ".xml")):
                parsed = read_graphml_data(content, source=name)
                if is_network_canvas(parsed):
                    self.koppeling.open(parsed, name)
                    self.messages.notice(
                        f"{name} komt uit Network Canvas. Kies hieronder welke variabele wat wordt en klik op "
                        "'Importeren'."
                    )
                    return
                atlas = atlas_from_graphml(content, source=name)
            else:
                atlas = atlas_from_json(content, source=name)
        except NetwerkError as exc:
            self.messages.error(
                f"Dit bestand kon niet geopend worden; je huidige kaart is niet veranderd. {exc}"
            )
            return
        finally:
            self.upload.value = ()

        def open_file() -> None:
            self.source_name = name.rsplit(".", 1)[0] or "netwerkatlas"
            self._set_atlas(atlas)
            self.messages.notice(
                f"{name} is geopend: {len(atlas.personen)} personen, {len(atlas.banden)} banden."
            )

        self._ask_replace(name, open_file)

    def _ask_replace(self, name: str, open_it: Callable[[], None]) -> None:
        """Replace the map by an opened file; with changes in the current map, ask first."""
        self.concept.vraag(
            f"Je kaart heeft wijzigingen die nog niet zijn ingeleverd of gedownload. Open je {name}, dan vervangt "
            "dat bestand je kaart en gaan de wijzigingen verloren.",
            "Ja, bestand openen",
            open_it,
        )

    def _mapped(self, atlas: Netwerkatlas, name: str) -> None:
        def open_file() -> None:
            self.source_name = name.rsplit(".", 1)[0] or "netwerkatlas"
            self._set_atlas(atlas)
            self.messages.notice(
                f"{name} is gekoppeld en geopend: {len(atlas.personen)} personen, {len(atlas.banden)} banden."
            )

        self._ask_replace(name, open_file)

    # ------------------------------------------------------------------ pictures and signals
    def _visible(self) -> str:
        return list(INSTRUMENTS)[self.tabs.selected_index or 0]

    def _tab_changed(self, _=None) -> None:
        self._redraw_visible()

    def _redraw_visible(self) -> None:
        key = self._visible()
        if key in self._stale:
            self.pictures[key].value = self.svg(key)
            self._stale.discard(key)

    def svg(self, key: str) -> str:
        """The instrument ``key`` for the current atlas as inline SVG (user text escaped by matplotlib)."""
        from wijkteam_kit.draw.export import inline_svg

        return inline_svg(_figure(key, self.atlas))

    def _show_signals(self) -> None:
        items = [
            f"<li class='wk-signaal wk-ernst-{SEVERITY_CLASS.get(s.ernst, 'aandacht')}' data-soort='{esc(s.soort)}'>"
            f"{esc(s.tekst)}</li>"
            for s in signals(self.atlas)
        ]
        self.signal_html.value = f"<ul class='wk-signalen'>{''.join(items)}</ul>"

    # ------------------------------------------------------------------ downloads
    def _prepare_downloads(self, _=None) -> None:
        from wijkteam_kit.draw.export import FORMATS, figure_bytes

        key = self._visible()
        fig = _figure(key, self.atlas)
        base = f"{self.source_name}-{key}"
        links = [
            download_link(
                figure_bytes(fig, fmt), f"{base}.{fmt}", FORMATS[fmt], f"{INSTRUMENTS[key]} ({fmt.upper()})"
            )
            for fmt in ("png", "pdf", "svg")
        ]
        links.append(
            download_link(
                atlas_to_graphml(self.atlas).encode("utf-8"),
                f"{self.source_name}.graphml",
                "application/graphml+xml",
                "GraphML",
            )
        )
        links.append(
            download_link(
                egor_zip(self.atlas), f"{self.source_name}-egor.zip", "application/zip", "egor-tabellen (zip)"
            )
        )
        stamp = dt.datetime.now().strftime("%H:%M")
        self.download_links.value = " ".join(links) + f" <span class='wk-klein'>gemaakt om {stamp}</span>"
