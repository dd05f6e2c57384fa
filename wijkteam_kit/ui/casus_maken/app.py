r"""The app *Casus maken*: a trainer writes or changes a casus in the browser, section by section.

Start from an empty casus, a copy of a casus of the library, one of your own casuses or an uploaded file. While
you type, the checks of ``wijkteam-kit casus check`` run (shortly after the last key) and each problem appears
under its field; the tab of a section counts its problems. *Voorbeeld* shows the casus as a participant sees it.
*Opslaan* writes the file into your own casus folder (``serve --casussen``), from where every app offers it next
to the library. The logic lives in :mod:`wijkteam_kit.casus.maken`; this is only the view.

Examples
--------
>>> app = CasusMakenApp(folder="/tmp/wijkteam-doctest-eigen", delay=0)
>>> app.fields["titel"].value = "Fatma en de energierekening"
>>> app.fields["id"].value
'fatma-en-de-energierekening'
>>> app.problem_count > 5, "Titel" in app.status.value
(True, False)
>>> app.start_choice.value = "kopie:administratie-taal"
>>> app.start_button.click()
>>> app.problem_count, app.data["id"]
(0, 'administratie-taal-eigen')
>>> app.fields["verhaal"].value += "\n\nBel haar op 06-12345678."
>>> app.problem_count, "telefoonnummer" in app.forms["verhaal"].notes["verhaal"].value
(1, True)
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from wijkteam_kit import settings
from wijkteam_kit.casus.maken import (
    LID_VELDEN,
    SECTIES,
    Veld,
    casus_yaml,
    check_data,
    copy_data,
    field_label,
    new_casus_data,
    preview_casus,
    read_upload,
    referentieplan_velden,
    save_casus,
    section_of,
    set_in,
    suggest_id,
    t1_velden,
    zrm_velden,
)
from wijkteam_kit.casus.model import Casus, default_library_dir, load_library, own_library_dir
from wijkteam_kit.errors import NetwerkError, Problem, WijkteamError
from wijkteam_kit.netwerk.io import atlas_from_data, atlas_to_data
from wijkteam_kit.netwerk.model import Netwerkatlas
from wijkteam_kit.ui.casus_maken.velden import Formulier
from wijkteam_kit.ui.common.casus_view import casus_html
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import MessageBox, download_link, esc, focus_when_drawn, safe
from wijkteam_kit.ui.netwerkatlas.formulieren import ClientForm, EventForm, PersonForm, TieForm
from wijkteam_kit.zrm.versions import available_versions

__all__ = ["CasusMakenApp", "Uitsteller"]

log = logging.getLogger("wijkteam_kit.ui.casus_maken")
NIEUW = "nieuw"
PRIVACY = "bevat iets dat lijkt op"


class Uitsteller:
    """Run ``callback`` once, ``delay`` seconds after the last :meth:`later` (on the kernel's own event loop).

    Without a running event loop (a script, a test) or with ``delay`` 0 the callback runs at once.
    """

    def __init__(self, callback: Callable[[], None], delay: float = 0.6) -> None:
        self.callback, self.delay = callback, delay
        self._handle: asyncio.TimerHandle | None = None

    def later(self) -> None:
        """Ask for a run; an earlier request that has not run yet is replaced."""
        try:
            loop = asyncio.get_running_loop() if self.delay > 0 else None
        except RuntimeError:
            loop = None
        if loop is None:
            self.callback()
            return
        if self._handle is not None:
            self._handle.cancel()
        self._handle = loop.call_later(self.delay, self.callback)


def _versie(data: dict) -> str:
    zrm = data.get("zrm")
    versie = zrm.get("versie") if isinstance(zrm, dict) else None
    return versie if isinstance(versie, str) and versie else "zrm2013"


def _own_folder(folder: str | Path | None) -> Path:
    if folder is not None:
        return Path(folder)
    configured = own_library_dir()
    if configured is not None:
        return configured
    from wijkteam_kit.store import default_data_dir

    return default_data_dir() / "casussen"


class CasusMakenApp:
    """The whole app; ``widget`` is what the notebook displays.

    ``folder``: where *Opslaan* writes (default: the own casus folder of ``serve --casussen``, else the subfolder
    ``casussen`` of the data folder). ``delay``: seconds of quiet before the checks run (0: at every change).
    """

    def __init__(self, folder: str | Path | None = None, *, delay: float = 0.6) -> None:
        self.messages = MessageBox()
        self.folder = _own_folder(folder)
        self.data: dict[str, Any] = new_casus_data()
        self.problems: list[Problem] = []
        self._auto_id = True
        self._parked: dict[str, Any] = {}
        self.checker = Uitsteller(safe(self.messages)(self.check_now), delay)
        self.library: list[Casus] = []
        self.builtin_ids: set[str] = set()
        try:
            self.library = load_library()
            self.builtin_ids = {c.id for c in load_library(default_library_dir())}
        except WijkteamError as exc:
            log.error("Casusbibliotheek: %s", exc)
            self.messages.error(
                f"De casusbibliotheek kon niet geladen worden; je kunt wel een nieuwe casus maken. {exc}"
            )
        self._build_start()
        self.forms: dict[str, Formulier] = {}
        self.fields: dict[str, widgets.Widget] = {}
        self.section_notes: dict[str, widgets.HTML] = {}
        self.section_boxes: dict[str, widgets.VBox] = {s.id: widgets.VBox(layout={"width": "100%"}) for s in SECTIES}
        self._build_network()
        self._build_end()
        self.preview = widgets.HTML()
        self.preview.add_class("wk-voorbeeld")
        self.tabs = widgets.Tab(
            children=[*self.section_boxes.values(), widgets.VBox([self.preview])],
            titles=[*(s.tab for s in SECTIES), "Voorbeeld"],
        )
        self.tabs.add_class("wk-casus-tabs")
        header = widgets.HTML(
            "<h2>Casus maken</h2><p class='wk-intro'>Schrijf of verander een oefencasus, deel voor deel. Terwijl je "
            "typt, controleert de app de casus op dezelfde punten als <code>wijkteam-kit casus check</code> en zet "
            "elk punt onder het veld waar het over gaat. Gebruik alleen verzonnen namen en gegevens.</p>"
        )
        self.widget = widgets.VBox(
            [style_widget("ui/casus_maken/casus_maken.css"), header, self.start_bar, self.messages.html,
             self.status, self.tabs, self.end_bar]
        )  # fmt: skip
        self.widget.add_class("wk-app")
        self.widget.add_class("wk-casus-maken")
        self._open(new_casus_data(), "Een nieuwe, lege casus staat klaar. Begin bij 'Verhaal en aanmelding'.")

    # ------------------------------------------------------------------ building
    def _build_start(self) -> None:
        own = [c for c in self.library if c.id not in self.builtin_ids]
        options = [("Een nieuwe, lege casus", NIEUW)]
        options += [(f"Eigen casus: {c.titel}", f"eigen:{c.id}") for c in own]
        options += [(f"Kopie van: {c.titel}", f"kopie:{c.id}") for c in self.library if c.id in self.builtin_ids]
        self.start_choice = widgets.Dropdown(
            options=options, value=NIEUW, description="Begin met", layout={"width": "560px"}
        )
        self.start_choice.add_class("wk-start-keuze")
        self.start_button = widgets.Button(description="Openen", icon="folder-open", tooltip="Openen")
        self.start_button.add_class("wk-openen")
        self.start_button.on_click(safe(self.messages)(self._on_start))
        self.upload = widgets.FileUpload(accept=".yaml,.yml", multiple=False, description="Casusbestand openen")
        self.upload.add_class("wk-upload")
        self.upload.observe(safe(self.messages)(self._uploaded), "value")
        self.start_bar = widgets.HBox(
            [self.start_choice, self.start_button, self.upload],
            layout={"flex_flow": "row wrap", "align_items": "center"},
        )
        self.status = widgets.HTML()
        self.status.add_class("wk-casus-status")

    def _build_network(self) -> None:
        guard = safe(self.messages)
        self.person_form = PersonForm(self._network_changed, guard)
        self.tie_form = TieForm(self._network_changed, guard)
        self.client_form = ClientForm(self._network_changed, guard)
        self.event_form = EventForm(self._network_changed, guard)
        self.network_list = widgets.HTML()
        self.network_note = widgets.HTML()
        self.network_forms = widgets.Accordion(
            children=[self.person_form.widget, self.tie_form.widget, self.client_form.widget,
                      self.event_form.widget],
            titles=("Personen", "Banden", "De cliënt (basisposter)", "Gebeurtenissen"),
        )  # fmt: skip
        self.network_forms.selected_index = 0

    def _build_end(self) -> None:
        self.save_button = widgets.Button(
            description="Opslaan in mijn casussen", button_style="primary", icon="save", layout={"width": "auto"}
        )
        self.save_button.add_class("wk-opslaan")
        self.save_button.on_click(safe(self.messages)(self._on_save))
        self.download = widgets.HTML()
        self.download.add_class("wk-casus-download")
        self.end_bar = widgets.VBox(
            [widgets.HBox([self.save_button, self.download], layout={"align_items": "center"}),
             widgets.HTML(f"<p class='wk-klein'>Je eigen casussen staan in <code>{esc(self.folder)}</code>. "
                          "Open een app opnieuw om ze in de keuzelijst te zien."
                          + ("" if own_library_dir() == self.folder else
                             " <b>Let op:</b> de andere apps lezen deze map alleen als de apps met "
                             "<code>wijkteam-kit serve</code> gestart zijn, of als "
                             f"<code>{settings.EIGEN_CASUSSEN.name}</code> naar deze map wijst.")
                          + "</p>")]
        )  # fmt: skip

    def _form(self, key: str, velden: tuple[Veld, ...]) -> Formulier:
        form = Formulier(velden, self._on_field)
        form.load(self.data)
        self.forms[key] = form
        self.fields.update(form.widgets)
        return form

    def _note(self, section: str) -> widgets.HTML:
        note = self.section_notes.setdefault(section, widgets.HTML())
        note.add_class("wk-sectiepunten")
        return note

    def _rebuild(self) -> None:
        """(Re)build every section from ``self.data`` (after opening a casus or changing the ZRM version)."""
        self.forms.clear()
        self.fields.clear()
        versie = _versie(self.data)
        shown = versie if versie in available_versions() else "zrm2013"  # the check names an unknown version
        for section in SECTIES:
            parts: list[widgets.Widget] = [self._note(section.id)]
            if section.velden:
                parts.append(self._form(section.id, section.velden).widget)
            if section.id == "huishouden":
                parts += self._household_parts()
            elif section.id == "netwerk":
                parts += [self.network_note, widgets.HBox(
                    [widgets.Box([self.network_forms], layout={"width": "55%"}),
                     widgets.Box([self.network_list], layout={"width": "45%", "padding": "0 0 0 12px"})]
                )]  # fmt: skip
                self._show_network()
            elif section.id == "zrm":
                parts += self._zrm_parts(versie, shown)
            elif section.id == "t1":
                parts += self._optional_parts("t1", "Deze casus heeft een later moment (T1), een half jaar later",
                                              t1_velden(shown))  # fmt: skip
            elif section.id == "referentieplan":
                parts += self._optional_parts("referentieplan", "Deze casus heeft een referentieplan",
                                              referentieplan_velden(shown))  # fmt: skip
            self.section_boxes[section.id].children = parts

    def _household_parts(self) -> list[widgets.Widget]:
        members = self.data.get("huishouden") if isinstance(self.data.get("huishouden"), list) else []
        rows: list[widgets.Widget] = []
        for i in range(len(members)):
            velden = tuple(Veld(("huishouden", i, *v.pad), v.label, v.soort, v.keuzes, v.hulp) for v in LID_VELDEN)
            remove = widgets.Button(description=f"Lid {i + 1} verwijderen", icon="trash", layout={"width": "auto"})
            remove.add_class("wk-lid-weg")
            remove.on_click(safe(self.messages)(lambda _b, i=i: self._remove_member(i)))
            card = widgets.VBox([widgets.HTML(f"<b>Lid {i + 1}</b>"), self._form(f"lid{i}", velden).widget, remove])
            card.add_class("wk-lid")
            rows.append(card)
        add = widgets.Button(description="Lid toevoegen", icon="plus", layout={"width": "auto"})
        add.add_class("wk-lid-erbij")
        add.on_click(safe(self.messages)(self._add_member))
        self.add_member_button = add
        return [widgets.HTML("<p class='wk-klein'>De cliënt eerst (rol 'cliënt'), dan de anderen in huis.</p>"),
                *rows, add]  # fmt: skip

    def _zrm_parts(self, versie: str, shown: str) -> list[widgets.Widget]:
        versions = available_versions()
        choice = widgets.Dropdown(
            options=versions if versie in versions else [*versions, versie], value=versie,
            description="ZRM-versie", style={"description_width": "230px"}, layout={"width": "380px"},
        )  # fmt: skip
        choice.add_class("wk-zrm-versie")
        self.version_choice = choice
        choice.observe(safe(self.messages)(self._version_changed), "value")
        intro = widgets.HTML(
            "<p class='wk-klein'>Geef per domein het referentieniveau en schrijf op waarom (zoals een trainer het "
            "zou uitleggen). 'nvt' is voor een domein dat niet besproken is.</p>"
        )
        return [choice, intro, self._form("zrm", zrm_velden(shown)).widget]

    def _optional_parts(self, key: str, label: str, velden: tuple[Veld, ...]) -> list[widgets.Widget]:
        on = widgets.Checkbox(value=key in self.data, description=label, indent=False, layout={"width": "auto"})
        on.add_class(f"wk-met-{key}")
        form = self._form(key, velden)
        form.widget.layout.display = None if on.value else "none"

        def toggle(change: dict) -> None:
            if change["new"]:
                self.data[key] = self._parked.pop(key, None) or self.data.get(key) or {}
                form.load(self.data)
            else:
                self._parked[key] = self.data.pop(key, {})
            form.widget.layout.display = None if change["new"] else "none"
            self.checker.later()

        on.observe(safe(self.messages)(toggle), "value")
        return [on, form.widget]

    # ------------------------------------------------------------------ opening
    def _open(self, data: dict, message: str) -> None:
        self.data = data
        self._parked = {}
        self._auto_id = not data.get("id")
        self._rebuild()
        self.check_now()
        self.messages.notice(message)

    def _on_start(self, _button: object = None) -> None:
        choice = self.start_choice.value
        if choice == NIEUW:
            self._open(new_casus_data(), "Een nieuwe, lege casus staat klaar. Begin bij 'Verhaal en aanmelding'.")
            return
        kind, _, casus_id = choice.partition(":")
        casus = next(c for c in self.library if c.id == casus_id)
        if kind == "eigen":
            self._open(copy_data(casus), f"Je eigen casus '{casus.titel}' staat open. Opslaan werkt hem bij.")
            return
        taken = {c.id for c in self.library}
        data = copy_data(casus, suggest_id(f"{casus.id}-eigen", taken), f"{casus.titel} (eigen versie)")
        self._open(data, f"Een kopie van '{casus.titel}' staat klaar. Verander wat je wilt en sla hem op.")

    def _uploaded(self, change: dict) -> None:
        files = change.get("new") or ()
        if not files:
            return
        item = files[0]
        name, content = str(item["name"]), bytes(item["content"])
        try:
            data = read_upload(content, name)
        except WijkteamError as exc:
            self.messages.error(f"Dit bestand kon niet geopend worden; je casus is niet veranderd. {exc}")
            return
        finally:
            self.upload.value = ()
        self._open(data, f"{name} is geopend. Bekijk de punten bij elk deel; opslaan kan als alles in orde is.")

    # ------------------------------------------------------------------ editing
    def _on_field(self, veld: Veld, value: object) -> None:
        set_in(self.data, veld.pad, value)
        if veld.pad == ("id",):
            self._auto_id = not value
        elif veld.pad == ("titel",) and self._auto_id:
            new_id = suggest_id(str(value or ""), {c.id for c in self.library}) if value else None
            set_in(self.data, ("id",), new_id)
            self.forms["verhaal"].load(self.data)
        self.checker.later()

    def _add_member(self, _button: object = None) -> None:
        if not isinstance(self.data.get("huishouden"), list):
            self.data["huishouden"] = []
        members = self.data["huishouden"]
        members.append({"rol": "cliënt"} if not members else {})
        self._rebuild()
        self.check_now()
        focus_when_drawn(self.fields[f"huishouden[{len(members) - 1}].naam"])  # the new member's name

    def _remove_member(self, index: int) -> None:
        members = self.data.get("huishouden") if isinstance(self.data.get("huishouden"), list) else []
        if 0 <= index < len(members):
            members.pop(index)
        self._rebuild()
        self.check_now()
        focus_when_drawn(self.add_member_button)  # its own button is gone: the focus goes on, not to the page

    def _version_changed(self, change: dict) -> None:
        if not isinstance(self.data.get("zrm"), dict):
            self.data["zrm"] = {}
        self.data["zrm"]["versie"] = change["new"]
        self._rebuild()
        self.check_now()
        focus_when_drawn(self.version_choice)  # the form was rebuilt: the focus stays on the version
        self.messages.notice(
            f"De ZRM-versie is nu {change['new']}. Scores van domeinen die deze versie niet kent, meldt de controle."
        )

    def _atlas(self) -> Netwerkatlas | None:
        net = self.data.get("netwerk") if isinstance(self.data.get("netwerk"), dict) else {}
        parts = {k: v for k, v in net.items() if k in ("client", "personen", "banden", "koppels", "afstamming")}
        if "gebeurtenissen" in self.data:
            parts["gebeurtenissen"] = self.data["gebeurtenissen"]
        try:
            return atlas_from_data(parts, source="netwerk")
        except NetwerkError:
            return None

    def _show_network(self) -> None:
        atlas = self._atlas()
        if atlas is None:
            self.network_note.value = (
                "<div class='wk-waarschuwing'>Het netwerk heeft fouten (zie hierboven); los die eerst op in het "
                "bestand. De formulieren werken weer als het netwerk klopt.</div>"
            )
            self.network_forms.layout.display = "none"
            return
        self.network_note.value = (
            "<p class='wk-klein'>Zet hier de mensen rond de cliënt, hun banden, de cliënt zelf en gebeurtenissen, "
            "zoals in de Netwerkatlas. In banden heet de cliënt zelf 'client'. Koppels en afstamming uit een kopie "
            "blijven bewaard.</p>"
        )
        self.network_forms.layout.display = None
        for form in (self.person_form, self.tie_form, self.client_form, self.event_form):
            form.show(atlas)
        people = "".join(
            f"<li><b>{esc(p.naam)}</b> – {esc(p.relatie)}, cirkel {p.cirkel}</li>"
            for p in sorted(atlas.personen, key=lambda p: (p.cirkel, p.naam))
        )
        ties = len(atlas.banden)
        self.network_list.value = (
            f"<b>In het netwerk</b><ul>{people or '<li><em>nog niemand</em></li>'}</ul>"
            f"<p class='wk-klein'>{ties} {'band' if ties == 1 else 'banden'}</p>"
        )

    def _network_changed(self, atlas: Netwerkatlas, message: str) -> None:
        dumped = atlas_to_data(atlas)
        if not isinstance(self.data.get("netwerk"), dict):
            self.data["netwerk"] = {}
        net = self.data["netwerk"]
        for key in ("client", "personen", "banden", "koppels", "afstamming"):
            if dumped.get(key) or key == "personen":
                net[key] = dumped.get(key, [])
            else:
                net.pop(key, None)
        set_in(self.data, ("gebeurtenissen",), dumped.get("gebeurtenissen"))
        self._show_network()
        self.check_now()
        self.messages.notice(message)

    # ------------------------------------------------------------------ checking
    @property
    def problem_count(self) -> int:
        """How many problems the last check found."""
        return len(self.problems)

    def _widget_for(self, field: str) -> str | None:
        """The form field a problem is about: the field itself or the nearest field that contains it."""
        name = field
        while name:
            if name in self.fields:
                return name
            cut = max(name.rfind("."), name.rfind("["))
            name = name[:cut] if cut > 0 else ""
        return None

    def check_now(self) -> None:
        """Run the checks now and show every problem at its field, per section and in the tab titles."""
        data = copy.deepcopy(self.data)
        versie = _versie(data)
        self.problems = check_data(data, taken_ids=self.builtin_ids)
        at_field: dict[str, list[str]] = {}
        warnings: dict[str, list[str]] = {}
        loose: dict[str, list[str]] = {}
        for problem in self.problems:
            name = self._widget_for(problem.field)
            if name is not None:
                (warnings if problem.message.startswith(PRIVACY) else at_field).setdefault(name, []).append(
                    ("Let op: " if problem.message.startswith(PRIVACY) else "") + problem.message
                )
            else:
                loose.setdefault(section_of(problem.field), []).append(
                    f"{field_label(problem.field, versie)}: {problem.message}"
                )
        for form in self.forms.values():
            form.mark(at_field, warnings)
        counts = {s.id: 0 for s in SECTIES}
        for problem in self.problems:
            counts[section_of(problem.field)] += 1
        for section in SECTIES:
            items = "".join(f"<li>{esc(m)}</li>" for m in loose.get(section.id, []))
            self._note(section.id).value = f"<div class='wk-fout'><ul>{items}</ul></div>" if items else ""
        self.tabs.titles = [
            *(s.tab + (f" ({counts[s.id]})" if counts[s.id] else " ✓") for s in SECTIES), "Voorbeeld"
        ]
        n = len(self.problems)
        self.status.value = (
            "<div class='wk-bericht'>De casus is in orde: opslaan kan.</div>" if not n else
            f"<div class='wk-waarschuwing'>Nog {n} {'punt' if n == 1 else 'punten'} voordat je kunt opslaan; het "
            "getal achter elk deel zegt waar.</div>"
        )  # fmt: skip
        self._show_preview(data)

    def _show_preview(self, data: dict) -> None:
        casus = preview_casus(data) if not self.problems else None
        name = f"{data.get('id') or 'casus'}.yaml"
        self.download.value = download_link(casus_yaml(data).encode("utf-8"), name, "application/yaml",
                                            f"Download {name}")  # fmt: skip
        if casus is None:
            self.preview.value = (
                "<p>Het voorbeeld verschijnt zodra de casus geen punten meer heeft: dan zie je hem zoals een "
                "deelnemer hem in de apps leest.</p>"
            )
            return
        self.preview.value = (
            "<p class='wk-klein'>Zo leest een deelnemer de casus in de apps (de referentie ziet hij pas na het "
            f"scoren).</p>{casus_html(casus)}"
        )

    # ------------------------------------------------------------------ saving
    def _on_save(self, _button: object = None) -> None:
        self.check_now()
        if self.problems:
            self.messages.error(
                f"Nog niet opgeslagen: er {'is' if len(self.problems) == 1 else 'zijn'} nog {len(self.problems)} "
                "punt(en). Het getal achter elk deel zegt waar."
            )
            return
        path = save_casus(copy.deepcopy(self.data), self.folder, taken_ids=self.builtin_ids)
        self.messages.notice(
            f"Opgeslagen als {path}. De andere apps bieden '{self.data['titel']}' aan zodra je ze (opnieuw) opent."
        )
        log.info("Casus opgeslagen: %s", path)
