"""The trainer's app for group sessions: create a session, or open one with its code and the trainer secret.

A new session gets a join code to share (on the projector, with a link per exercise app) and a trainer
secret that is shown once: only the secret opens the dashboard (:mod:`wijkteam_kit.ui.groepssessie.paneel`).

Examples
--------
>>> from wijkteam_kit.store import Store
>>> store = Store(":memory:")
>>> app = GroepssessieDashboard(store)
>>> app.casus_choice.value = "mantelzorg-dementie"
>>> app.exercise_choice.value = "zrm"
>>> app.create_button.click()
>>> app.panel is not None and app.panel.access.sessie.oefening
'zrm'
>>> code = app.panel.access.sessie.code
>>> app.open_code.value, app.open_secret.value = code, "fout-geheim"
>>> app.open_button.click()
>>> app.panel is None, "klopt niet" in app.messages.html.value
(True, True)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import ipywidgets as widgets

from wijkteam_kit import settings
from wijkteam_kit.casus.model import Casus, load_library
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.groepssessie.model import OEFENING_NAMEN, OEFENINGEN, Client
from wijkteam_kit.groepssessie.opdehub import SessiesViaDienst, op_een_hub, sessies_voor
from wijkteam_kit.groepssessie.sessies import Groepssessies
from wijkteam_kit.scenario import load_scenario
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, esc, safe
from wijkteam_kit.ui.common.zaal import prepare_room, room_html, room_status
from wijkteam_kit.ui.groepssessie.deelname import client_from_environment
from wijkteam_kit.ui.groepssessie.groepsbeeld import APP_NOTEBOOKS
from wijkteam_kit.ui.groepssessie.paneel import GroepssessiePaneel, new_tick
from wijkteam_kit.ui.groepssessie.scenario import ScenarioPaneel, scenario_options

__all__ = ["GroepssessieDashboard", "join_link"]


def join_link(request_url: str, oefening: str, code: str) -> str:
    """The address participants open: the exercise app beside this app, with the code filled in.

    >>> join_link("http://10.0.0.5:8866/voila/render/groepssessie.ipynb?x=1", "plan", "ABC234")
    'http://10.0.0.5:8866/voila/render/plan_schrijven.ipynb?sessie=ABC234'
    >>> join_link("", "zrm", "ABC234")
    'zrm_oefening.ipynb?sessie=ABC234'
    """
    notebook = APP_NOTEBOOKS[oefening]
    if not request_url:
        return f"{notebook}?sessie={code}"
    parts = urlsplit(request_url)
    folder = parts.path.rsplit("/", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, f"{folder}/{notebook}", f"sessie={code}", ""))


class GroepssessieDashboard:
    """The whole trainer app; ``widget`` is what the notebook displays.

    Parameters
    ----------
    store : Store, str, Path or None
        Where sessions are kept (default: the kit's store, ``$WIJKTEAM_DATA`` or ``$WIJKTEAM_DATABASE_URL``);
        opened at the first click.
    library : list of Casus, optional
        The casuses to choose from (default: the casus library).
    environ : mapping, optional
        Where the app looks whether it runs on a JupyterHub (default ``os.environ``). On a hub the sessions go
        through the hub's answers service as the logged-in trainer: no trainer secret, and the store is not used.
    """

    def __init__(
        self,
        store: Store | str | Path | None = None,
        library: list[Casus] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._stores = LazyStore(store)
        self._environ = environ
        self.hub = op_een_hub(environ)  # the hub login is the trainer: no secret to give
        self._sessies: Groepssessies | SessiesViaDienst | None = None
        self.client = client_from_environment()
        self.library = library if library is not None else load_library()
        self.messages = MessageBox()
        self.panel: GroepssessiePaneel | None = None  # a ScenarioPaneel for a scenario session
        self.tick = new_tick()  # on the page from the start: see GroepssessiePaneel
        self.tick.observe(self._refresh_room, "value")
        guard = safe(self.messages)

        self.casus_choice = widgets.Dropdown(
            description="Casus:",
            options=[(c.titel, c.id) for c in self.library],
            layout={"width": "460px"},
        )
        self.casus_choice.add_class("wk-sessie-casus")
        self.scenario_choice = widgets.Dropdown(
            description="Scenario:", options=scenario_options(), layout={"width": "460px", "display": "none"}
        )
        self.scenario_choice.add_class("wk-sessie-scenario")
        self.exercise_choice = widgets.Dropdown(
            description="Oefening:", options=[(OEFENING_NAMEN[o], o) for o in OEFENINGEN]
        )
        self.exercise_choice.add_class("wk-sessie-oefening")
        self.exercise_choice.observe(guard(self._on_exercise), names="value")
        self.title = widgets.Text(description="Titel:", placeholder="bijv. Training ZRM, dag 2 (mag leeg)")
        self.title.add_class("wk-sessie-titel")
        self.expected = widgets.BoundedIntText(
            value=12, min=1, max=200, description="Deelnemers:", layout={"width": "230px"}
        )
        self.expected.add_class("wk-sessie-aantal")
        self.room = widgets.HTML()
        self.room.add_class("wk-sessie-zaal")
        self._room_app: str | None = None
        self.create_button = widgets.Button(
            description="Sessie aanmaken", button_style="success", icon="plus"
        )
        self.create_button.add_class("wk-sessie-maak")
        self.created = widgets.HTML()
        self.created.add_class("wk-sessie-nieuw")

        self.open_code = widgets.Text(description="Code:", placeholder="bijv. KX7-M4P")
        self.open_code.add_class("wk-sessie-open-code")
        self.open_secret = widgets.Password(description="Geheim:")
        self.open_secret.add_class("wk-sessie-open-geheim")
        self.open_button = widgets.Button(
            description="Dashboard openen", button_style="primary", icon="users"
        )
        self.open_button.add_class("wk-sessie-open")
        self.mine_choice = widgets.Dropdown(description="Mijn sessies:", options=[], layout={"width": "380px"})
        self.mine_choice.add_class("wk-sessie-mijn")
        self.mine_choice.observe(self._on_mine, names="value")
        if self.hub:
            self.open_secret.layout.display = "none"
        else:
            self.mine_choice.layout.display = "none"
        self.open_button.layout.width = "auto"
        self.create_button.layout.width = "auto"

        self.create_button.on_click(guard(self._on_create))
        self.open_button.on_click(guard(self._on_open))
        self.body = widgets.VBox()
        self.body.add_class("wk-sessie-dashboard")

        create = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Nieuwe groepssessie</h3><p class='wk-klein'>Alle deelnemers werken aan dezelfde "
                    "casus. Je krijgt een code voor de groep en een trainergeheim voor jezelf.</p>"
                ),
                self.exercise_choice,
                self.casus_choice,
                self.scenario_choice,
                self.title,
                self.expected,
                widgets.HTML(
                    "<p class='wk-klein'>Met het aantal deelnemers zet de server hun apps alvast klaar, zodat "
                    "iedereen tegelijk kan beginnen.</p>"
                ),
                widgets.HBox([self.create_button]),
            ]
        )
        create.add_class("wk-kaart")
        create.layout = {"flex": "1 1 440px", "margin": "6px 8px 6px 0"}
        open_ = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Sessie openen</h3><p class='wk-klein'>"
                    + (
                        "Een sessie die jij hebt aangemaakt: kies hem of vul de code in.</p>"
                        if self.hub
                        else "Met de sessiecode én het trainergeheim.</p>"
                    )
                ),
                self.mine_choice,
                self.open_code,
                self.open_secret,
                widgets.HBox([self.open_button]),
            ]
        )
        open_.add_class("wk-kaart")
        open_.layout = {"flex": "1 1 380px", "margin": "6px 0"}
        header = widgets.HTML(
            "<h2>Groepssessie</h2><p class='wk-intro'>Deelnemers scoren, tekenen of schrijven vanuit hun eigen "
            "browser; jij ziet live wie meedoet en wat de groep vindt. Deel de uitkomst met de groep wanneer "
            "jij dat wilt.</p>"
        )
        self.widget = widgets.VBox(
            [
                style_widget("ui/groepssessie/groepssessie.css"),
                header,
                widgets.HBox([create, open_], layout={"flex_flow": "row wrap"}),
                self.created,
                self.room,
                self.messages.html,
                self.body,
                self.tick,
            ]
        )
        self.widget.add_class("wk-app")
        if self.hub:
            guard(lambda: self.show_mine())()

    def use_request(self, environ: Mapping[str, str]) -> None:
        """Read the page's request: the trainer's address (rate limiting of the trainer secret)."""
        self.client = Client(self.client.pagina, client_from_environment(environ).adres)

    @property
    def sessies(self) -> Groepssessies | SessiesViaDienst:
        """The sessions in the app's store (opened at first use); on a hub: through its answers service."""
        if self._sessies is None:
            self._sessies = sessies_voor(self._stores.get, self._environ)
        return self._sessies

    def show_mine(self) -> None:
        """On a hub: fill "Mijn sessies" with the sessions this trainer opened (newest first)."""
        if not self.hub:
            return
        mine = [(f"{s.code_weergave} · {s.titel}", s.code) for s in self.sessies.mine()]
        self.mine_choice.options = [("kies een sessie", ""), *mine]

    def _on_mine(self, change: dict) -> None:
        if change["new"]:
            self.open_code.value = change["new"]

    @staticmethod
    def _page_url() -> str:
        """The address of this page as participants reach it (``serve --delen``: the network address)."""
        request = os.environ.get("VOILA_REQUEST_URL", "")
        shared = settings.text(settings.DEEL_URL)
        if shared and request:
            path = urlsplit(request).path
            return shared.rstrip("/") + path
        return request

    def _casus(self, casus_id: str) -> Casus:
        casus = next((c for c in self.library if c.id == casus_id), None)
        if casus is not None:
            return casus
        raise WijkteamError(f"De casus {casus_id!r} staat niet (meer) in de casusbibliotheek.")

    def _on_exercise(self, _change: object = None) -> None:
        scenario = (
            self.exercise_choice.value == "scenario"
        )  # a scenario session plays a scenario, not a casus
        self.casus_choice.layout.display = "none" if scenario else None
        self.scenario_choice.layout.display = None if scenario else "none"

    def _show(self, access) -> None:
        if self.panel is not None:
            self.panel.stop()
        if access.sessie.oefening == "scenario":
            self.panel = ScenarioPaneel(
                access, load_scenario(access.sessie.casus_id), on_deleted=self._on_deleted, tick=self.tick
            )
        else:
            self.panel = GroepssessiePaneel(
                access, self._casus(access.sessie.casus_id), on_deleted=self._on_deleted, tick=self.tick
            )
        self.body.children = [self.panel.widget]
        self.tick.playing = True

    def _on_create(self, _button: object = None) -> None:
        scenario = self.exercise_choice.value == "scenario"
        new = self.sessies.create(
            self.scenario_choice.value if scenario else self.casus_choice.value,
            self.exercise_choice.value,
            self.title.value.strip(),
        )
        sessie = new.sessie
        link = join_link(self._page_url(), sessie.oefening, sessie.code)
        secret = (
            f"<p>Trainergeheim: <code class='wk-geheim'>{esc(new.geheim)}</code></p>"
            if new.geheim
            else "<p class='wk-klein'>Je opent deze sessie later weer via 'Mijn sessies'.</p>"
        )
        keep = (
            "bewaar het <strong>trainergeheim</strong> voor jezelf (je ziet het maar één keer)."
            if new.geheim
            else "alleen jij ziet de antwoorden, omdat jij bent ingelogd."
        )
        self.created.value = (
            "<div class='wk-bericht wk-sessie-gegevens'><p>De sessie is klaar. Zet de <strong>sessiecode</strong> "
            f"op het scherm; {keep}</p>"
            f"<p style='font-size:2em;margin:0.2em 0'>Code: <strong class='wk-code'>{esc(sessie.code_weergave)}"
            "</strong></p>"
            + secret
            + f"<p>Deelnemers openen <a class='wk-deelnamelink' href='{esc(link)}' target='_blank'>{esc(link)}</a> "
            f"of de app '{esc(OEFENING_NAMEN[sessie.oefening])}' en vullen daar de code in.</p>"
            + (
                f"<p class='wk-klein'>Feedback pas aan het eind (de groep kiest eerst, jullie praten daarna)? "
                f"Geef dan deze link: <a class='wk-deelnamelink-einde' href='{esc(link)}&amp;feedback=einde' "
                f"target='_blank'>{esc(link)}&amp;feedback=einde</a></p>"
                if scenario
                else ""
            )
            + "</div>"
        )
        self.title.value = ""
        self._room_app = APP_NOTEBOOKS[sessie.oefening]
        self.room.value = room_html(prepare_room(self._room_app, self.expected.value), self._room_app)
        self.open_code.value = sessie.code_weergave
        self.messages.clear()
        self._show(self.sessies.as_trainer(sessie.code, new.geheim, client=self.client))
        self.show_mine()

    def _refresh_room(self, _change: object = None) -> None:
        """Follow the warm room until it is ready (only while the sentence says it is not)."""
        if self._room_app and "klaargezet" in self.room.value:
            self.room.value = room_html(room_status(), self._room_app)

    def _on_open(self, _button: object = None) -> None:
        if self.panel is not None:
            self.panel.stop()
        self.panel = None
        self.body.children = ()
        if self.hub and not self.open_code.value.strip():
            raise WijkteamError("Kies een sessie bij 'Mijn sessies' of vul de sessiecode in.")
        if not self.hub and (not self.open_code.value.strip() or not self.open_secret.value):
            raise WijkteamError("Vul de sessiecode en het trainergeheim in.")
        access = self.sessies.as_trainer(self.open_code.value, self.open_secret.value, client=self.client)
        self.open_secret.value = ""
        self.created.value = ""
        self.messages.clear()
        self._show(access)

    def _on_deleted(self, text: str) -> None:
        self.panel = None
        self.body.children = ()
        self.created.value = ""
        self.messages.notice(text)
