"""Nothing typed is lost: one draft (*concept*) mechanism for every app.

An app hands :class:`Concept` three functions: ``bewaar()`` (the app's work as a JSON-able dict, or None while
there is nothing worth keeping), ``herstel(data)`` (put that work back) and ``samenvatting(data)`` (a short
Dutch description, such as "casus Familie El Amrani, 5 domeinen gescoord"). :meth:`Concept.volg` then watches
every control of the app: after each change or click the draft is written

- to the browser (``localStorage``, through a small `anywidget` without any request to another host), so a
  reload, a closed tab or a restarted server on the same device offers "Verder gaan";
- and, once the learner is linked to their personal code (the kit-wide *herstelcode*), to the store, so the
  same name and code bring the work back on another device ("Verder op een ander apparaat").

The offer takes the keyboard focus when it shows, on its first answer "Verder gaan" (unless the focus is already
in a control of the page: it is never pulled out of a field), and after either answer the focus goes on to where
the app's work starts (``toegankelijk.js`` of the Voila template: ``wk-focus-zacht``, rule 6).

While there is unsaved work the page asks before it is left (``beforeunload``), and :meth:`Concept.vraag` asks
before an action that would throw the work away ("Andere casus kiezen").

Examples
--------
>>> import ipywidgets as widgets
>>> text = widgets.Text()
>>> concept = Concept("voorbeeld", bewaar=lambda: {"tekst": text.value} if text.value else None,
...                   herstel=lambda data: setattr(text, "value", data["tekst"]),
...                   samenvatting=lambda data: f"{len(data['tekst'])} tekens")
>>> concept.volg(widgets.VBox([text]))
>>> text.value = "Hallo"
>>> concept.onbewaard, json.loads(json.loads(concept.laatst_bewaard)["data"])
(True, {'tekst': 'Hallo'})

A new page of the same browser finds the draft and offers it:

>>> text2 = widgets.Text()
>>> again = Concept("voorbeeld", bewaar=lambda: None, herstel=lambda data: setattr(text2, "value", data["tekst"]),
...                 samenvatting=lambda data: "")
>>> again.browser_gelezen(concept.laatst_bewaard)
>>> "Verder gaan" in [b.description for b in again.aanbod.children[1].children]
True
>>> again.verder_button.click()
>>> text2.value
'Hallo'
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import anywidget
import ipywidgets as widgets
import traitlets

from wijkteam_kit._basis.nederlands import datum_tijd_tekst
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, esc, focus_when_drawn, na_opslaan, safe

if TYPE_CHECKING:
    from wijkteam_kit.groepssessie.model import Client
    from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes

__all__ = ["BrowserOpslag", "Concept"]

log = logging.getLogger("wijkteam_kit.ui.concept")
VERSIE = 1
SERVER_PAUZE = 2.0
"""Seconds between two saves of a draft to the store (the browser copy is written at every change)."""

_ESM = """
const PREFIX = "wijkteam-kit:concept:";
function storage() {
  try { return window.localStorage; } catch (e) { return null; }
}
export default {
  initialize({ model }) {
    const key = () => PREFIX + model.get("app");
    const store = storage();
    let found = "";
    try { found = (store && store.getItem(key())) || ""; } catch (e) { found = ""; }
    model.set("gevonden", found);
    model.set("gelezen", true);
    model.save_changes();
    let onbewaard = false;  // told with the message it belongs to (no extra message per change)
    model.on("msg:custom", (msg) => {
      if (!msg) return;
      if (typeof msg.onbewaard === "boolean") onbewaard = msg.onbewaard;
      if (!store) return;
      try {
        if (typeof msg.bewaar === "string") store.setItem(key(), msg.bewaar);
        else if (msg.wis) store.removeItem(key());
      } catch (e) { /* full or blocked storage: the server copy still holds */ }
    });
    window.addEventListener("beforeunload", (event) => {
      if (onbewaard) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  },
  render({ el }) {
    el.hidden = true;
  },
};
"""


class BrowserOpslag(anywidget.AnyWidget):
    """The browser side of a draft: ``localStorage`` and the leave-page warning (no visible part)."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    app = traitlets.Unicode("").tag(sync=True)
    gevonden = traitlets.Unicode("").tag(sync=True)
    gelezen = traitlets.Bool(False).tag(sync=True)
    onbewaard = traitlets.Bool(False)
    """Whether leaving the page asks first. Not a synced trait: the browser hears it in the message it goes with
    (a hand-in sends one message for "draft gone, nothing unsaved", not two)."""
    _samen = False

    def bewaar(self, text: str) -> None:
        """Write the draft into the browser's storage; from now on leaving the page asks first."""
        self._zeg({"bewaar": text, "onbewaard": True})

    def wis(self) -> None:
        """Remove the draft from the browser's storage; leaving the page no longer asks."""
        self._zeg({"wis": True, "onbewaard": False})

    def _zeg(self, message: dict[str, Any]) -> None:
        self._samen = True
        try:
            self.onbewaard = message["onbewaard"]
        finally:
            self._samen = False
        self.send(message)

    @traitlets.observe("onbewaard")
    def _alleen(self, change: dict[str, Any]) -> None:
        if not self._samen:
            self.send({"onbewaard": change["new"]})


_NIET_VOLGEN = (
    widgets.HTML,
    widgets.HTMLMath,
    widgets.Label,
    widgets.Valid,
    widgets.Image,
    widgets.Play,
    BrowserOpslag,
)


#: The parts of the panel built when first used, with the controls in them.
_DELEN = {
    "aanbod": ("aanbod_tekst", "verder_button", "weg_button"),
    "vraag_box": ("vraag_tekst", "ja_button", "nee_button"),
    "code_box": ("naam_input", "code_input", "koppel_button", "nieuw_button", "code_note", "code_form"),
}


def _nu() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Concept:
    """The draft of one app on one page: browser copy, store copy under the personal code, the questions."""

    def __init__(
        self,
        app: str,
        *,
        bewaar: Callable[[], dict[str, Any] | None],
        herstel: Callable[[dict[str, Any]], None],
        samenvatting: Callable[[dict[str, Any]], str],
        stores: LazyStore | None = None,
        client: Callable[[], Client] | None = None,
    ) -> None:
        self.app = app
        self._bewaar, self._herstel, self._samenvatting = bewaar, herstel, samenvatting
        self._stores = stores
        self._client = client
        self._codes: PersoonlijkeCodes | None = None
        self.deelnemer_id: str | None = None
        self.weergavenaam = ""
        self.laatst_bewaard = ""  # the last envelope written (JSON text)
        self._laatste_data: str | None = None  # the data of the last check (JSON text)
        self._herstellen = False
        self._gevolgd: set[str] = set()
        self._server_wacht: dict[str, Any] | None = None
        self._server_timer: asyncio.TimerHandle | None = None
        self._op_gekoppeld: list[Callable[[str, str], None]] = []
        self.messages = MessageBox()
        self._guard = safe(self.messages)

        self.browser = BrowserOpslag(app=app)
        self.browser.layout.display = "none"
        self.browser.observe(self._guard(lambda _c: self.browser_gelezen(self.browser.gevonden)), names="gelezen")

        self._aanbod: dict[str, Any] | None = None
        self._ja: Callable[[], None] | None = None
        # What the page needs at once: the browser copy and the button for another device. The offer, the
        # question and the code form are built when they are first shown (or asked for): built at page load they
        # were 50 widget models on every app page that most pages never show, while a room loads 30 at once.
        self.apparaat_button = self._knop("Verder op een ander apparaat", "wk-concept-apparaat", self._on_apparaat,
                                          icon="exchange")  # fmt: skip
        self.widget = widgets.VBox([self.browser, self.messages.html, self.apparaat_button])
        self.widget.add_class("wk-concept")
        self._gevolgd.update(self._ids(self.widget))

    def _knop(self, description: str, css: str, actie: Callable[[Any], None], **kwargs: Any) -> widgets.Button:
        button = widgets.Button(description=description, **kwargs)
        button.add_class(css)
        button.layout.width = "auto"
        button.on_click(self._guard(actie))
        return button

    def _plaats(self, naam: str, children: list[widgets.Widget], css: str) -> widgets.VBox:
        """A part built later, hidden, in its place on the page (it is never watched as the app's work)."""
        part = widgets.VBox(children)
        part.add_class(css)
        part.layout.display = "none"
        self._gevolgd.update(self._ids(part))
        parts = {name: self.__dict__.get(name) for name in _DELEN} | {naam: part}
        order = (self.browser, self.messages.html, parts["aanbod"], parts["vraag_box"], self.apparaat_button,
                 parts["code_box"])  # fmt: skip
        self.widget.children = [w for w in order if w is not None]
        return part

    # ------------------------------------------------------------------ the parts built when first used
    @functools.cached_property
    def aanbod(self) -> widgets.VBox:
        """The offer to go on with earlier work."""
        self.aanbod_tekst = widgets.HTML()
        self.verder_button = self._knop("Verder gaan", "wk-concept-verder", self._on_verder,
                                        button_style="primary", icon="play")  # fmt: skip
        # keyboard users land on the offer when it shows (toegankelijk.js), unless they already work in a field;
        # after either answer the focus goes on to where the app's work starts
        focus_when_drawn(self.verder_button).add_class("wk-focus-zacht")
        self.weg_button = self._knop("Opnieuw beginnen", "wk-concept-weg", self._on_weg, icon="trash")
        knoppen = widgets.HBox([self.verder_button, self.weg_button])
        return self._plaats("aanbod", [self.aanbod_tekst, knoppen], "wk-concept-aanbod")

    @functools.cached_property
    def vraag_box(self) -> widgets.VBox:
        """The question before work is thrown away."""
        self.vraag_tekst = widgets.HTML()
        self.ja_button = self._knop("Ja", "wk-concept-ja", self._on_ja, button_style="danger", icon="check")
        self.nee_button = self._knop("Nee, verder werken", "wk-concept-nee", lambda _b: self._sluit_vraag(),
                                     icon="times")  # fmt: skip
        # keyboard users land on the safe answer: the first time through the page's script (a focus sent before
        # the browser has drawn the new question is lost), later times through vraag()'s focus()
        focus_when_drawn(self.nee_button)
        knoppen = widgets.HBox([self.ja_button, self.nee_button])
        return self._plaats("vraag_box", [self.vraag_tekst, knoppen], "wk-concept-vraag")

    @functools.cached_property
    def code_box(self) -> widgets.VBox:
        """Another device: name and personal code (or a new code)."""
        self.naam_input = widgets.Text(description="Je naam:", placeholder="voornaam of schuilnaam")
        self.naam_input.add_class("wk-concept-naam")
        self.code_input = widgets.Text(description="Herstelcode:", placeholder="6 cijfers")
        self.code_input.add_class("wk-concept-code")
        self.koppel_button = self._knop("Koppelen", "wk-concept-koppel", self._on_koppel,
                                        button_style="primary", icon="link")  # fmt: skip
        self.nieuw_button = self._knop("Ik heb nog geen code", "wk-concept-nieuw", self._on_nieuw, icon="plus")
        self.code_note = widgets.HTML(self._gekoppeld_html())
        self.code_note.add_class("wk-concept-status")
        self.code_form = widgets.VBox(
            [
                widgets.HTML(
                    "<p class='wk-klein'>Je werk blijft in deze browser bewaard. Wil je op een andere laptop of "
                    "tablet verder? Vul je naam en je herstelcode in (de zes cijfers van een groepssessie of "
                    "'Mijn kalibratie'); dan bewaart de kit je werk ook onder die code. Op het andere apparaat "
                    "open je dezelfde app en vul je hier dezelfde naam en code in.</p>"
                ),
                widgets.HBox(
                    [self.naam_input, self.code_input, self.koppel_button, self.nieuw_button],
                    layout={"flex_flow": "row wrap", "align_items": "center"},
                ),
            ]
        )
        if self.deelnemer_id is not None:  # linked before the form was built
            self.code_form.layout.display = "none"
        return self._plaats("code_box", [self.code_form, self.code_note], "wk-concept-codes")

    def __getattr__(self, name: str) -> Any:
        """A control of a part built later (``verder_button``, ``code_input``, …): the part is built first."""
        for part, names in _DELEN.items():
            if name in names:
                getattr(self, part)
                return self.__dict__[name]
        raise AttributeError(name)

    # ------------------------------------------------------------------ watching the app
    @staticmethod
    def _ids(root: widgets.Widget) -> set[str]:
        found, todo = set(), [root]
        while todo:
            w = todo.pop()
            found.add(w.model_id)
            todo.extend(getattr(w, "children", ()) or ())
        return found

    def volg(self, root: widgets.Widget) -> None:
        """Watch every control below ``root`` (and those added later): a change or click updates the draft."""
        if root.model_id in self._gevolgd:
            return
        self._gevolgd.add(root.model_id)
        if isinstance(root, widgets.Button):
            root.on_click(lambda _b: self.gewijzigd())
        elif "value" in root.trait_names() and not isinstance(root, _NIET_VOLGEN):
            root.observe(lambda _c: self.gewijzigd(), names="value")
        if "children" in root.trait_names():
            root.observe(self._nieuwe_kinderen, names="children")
            for child in root.children:
                self.volg(child)

    def _nieuwe_kinderen(self, change: dict[str, Any]) -> None:
        for child in change["new"]:
            self.volg(child)

    @property
    def onbewaard(self) -> bool:
        """Whether the page holds work that would be lost (the leave-page warning is on)."""
        return self.browser.onbewaard

    def gewijzigd(self) -> None:
        """Keep the app's work now, when it changed (the app may call this after a change of its own)."""
        if self._herstellen:
            return
        try:
            data = self._bewaar()
        except Exception:  # a half-filled form must never break the app: keep the previous draft
            log.exception("Concept van %s niet te maken", self.app)
            return
        if data is None:
            return
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        if text == self._laatste_data:
            return
        self._laatste_data = text
        envelope = {
            "app": self.app,
            "versie": VERSIE,
            "bewaard": _nu(),
            "samenvatting": self._samenvatting(data),
            "data": text,
        }
        self.laatst_bewaard = json.dumps(envelope, ensure_ascii=False)
        self.browser.bewaar(self.laatst_bewaard)  # with it: leaving the page asks first
        if self._aanbod is not None:  # new work replaces the earlier draft: no offer any more
            self._verberg_aanbod()
        self._plan_server(envelope)

    def klaar(self, *, wis: bool = True) -> None:
        """The work is handed in or saved: no leave-page warning.

        ``wis`` removes the drafts too; without it the draft is brought up to date and kept (a reload still
        shows the work, but leaving the page no longer asks).
        """
        if not wis:
            self.gewijzigd()
        try:
            data = self._bewaar()
        except Exception:
            data = None
        self._laatste_data = None if data is None else json.dumps(data, sort_keys=True, ensure_ascii=False)
        if wis:
            self.wis()  # one message: the draft gone and no leave-page warning
        else:
            self.browser.onbewaard = False

    def wis(self) -> None:
        """Throw the draft away, in the browser and in the store."""
        self.laatst_bewaard = ""
        self._server_wacht = None
        if self.deelnemer_id is None:
            self.browser.wis()
            return
        self.codes.delete_draft(self.deelnemer_id, self.app)
        na_opslaan(self.codes, self.browser.wis)  # inside a hand-in: the browser copy goes once all is saved

    # ------------------------------------------------------------------ asking before work is lost
    def vraag(self, vraag: str, ja: str, actie: Callable[[], None]) -> None:
        """Run ``actie`` at once when nothing would be lost, else ask first ("Ja" throws the draft away)."""
        if not self.onbewaard:
            actie()
            return
        self._ja = actie
        self.vraag_tekst.value = f"<div class='wk-waarschuwing' role='alert'>{esc(vraag)}</div>"
        self.ja_button.description = ja
        self.vraag_box.layout.display = None
        self.nee_button.focus()  # keyboard users land on the question (on its safe answer), not far below it

    def _on_ja(self, _button: object = None) -> None:
        actie, self._ja = self._ja, None
        self._sluit_vraag()
        self.wis()
        self._laatste_data = None
        if actie is not None:
            actie()

    def _sluit_vraag(self) -> None:
        if "vraag_box" in self.__dict__:
            self.vraag_box.layout.display = "none"
            self.vraag_tekst.value = ""

    # ------------------------------------------------------------------ the offer to go on
    def browser_gelezen(self, gevonden: str) -> None:
        """The browser told what it had kept: offer it when it is another app state than the page's."""
        found = self._lees(gevonden)
        if found is not None and found["data"] != self._laatste_data:
            self._toon_aanbod(found, "in deze browser")

    def _lees(self, text: str | dict[str, Any] | None) -> dict[str, Any] | None:
        if not text:
            return None
        try:
            envelope = json.loads(text) if isinstance(text, str) else dict(text)
            if envelope.get("app") != self.app or not isinstance(envelope.get("data"), str):
                return None
            json.loads(envelope["data"])
        except (ValueError, TypeError, AttributeError):
            log.warning("Concept van %s niet te lezen; het wordt genegeerd", self.app)
            return None
        return envelope

    def _toon_aanbod(self, envelope: dict[str, Any], waar: str) -> None:
        self._aanbod = envelope
        try:
            when = f" (bewaard op {datum_tijd_tekst(str(envelope.get('bewaard')))})"
        except ValueError:
            when = ""
        about = str(envelope.get("samenvatting") or "").strip()
        self.aanbod_tekst.value = (
            "<div class='wk-bericht' role='status'><strong>Je was hier eerder mee bezig.</strong> "
            f"{esc(about + '.') if about else ''} Dat werk staat nog {esc(waar)}{esc(when)}. "
            "Wil je daarmee verder gaan?</div>"
        )
        self.verder_button.tooltip = (  # read as the button's description: what "Verder gaan" brings back
            f"Ga verder met je eerdere werk{': ' + about if about else ''}"
        )
        self.aanbod.layout.display = None

    def _verberg_aanbod(self) -> None:
        self._aanbod = None
        if "aanbod" in self.__dict__:
            self.aanbod.layout.display = "none"

    def _on_verder(self, _button: object = None) -> None:
        envelope = self._aanbod
        if envelope is None:
            return
        self._verberg_aanbod()
        self._herstellen = True
        try:
            self._herstel(json.loads(envelope["data"]))
        except (WijkteamError, KeyError, ValueError, TypeError) as exc:
            log.warning("Concept van %s niet terug te zetten: %s", self.app, exc)
            self.messages.error(
                "Dit eerdere werk kon niet worden teruggezet (misschien hoort het bij een casus die er niet "
                "meer is). Je kunt opnieuw beginnen."
            )
            return
        finally:
            self._herstellen = False
        self._laatste_data = None
        self.gewijzigd()
        self.messages.notice("Je eerdere werk staat weer klaar.")

    def _on_weg(self, _button: object = None) -> None:
        self._verberg_aanbod()
        self.wis()

    # ------------------------------------------------------------------ another device: the personal code
    @property
    def codes(self) -> PersoonlijkeCodes:
        """The personal codes of the app's store (opened at first use)."""
        if self._codes is None:
            from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes

            stores = self._stores or LazyStore()
            self._codes = PersoonlijkeCodes(stores.get())
        return self._codes

    def _klant(self) -> Client:
        if self._client is not None:
            return self._client()
        from wijkteam_kit.groepssessie.model import Client

        return Client(f"concept-{id(self)}")

    def op_gekoppeld(self, callback: Callable[[str, str], None]) -> None:
        """Call ``callback(deelnemer_id, weergavenaam)`` when the page is linked to a personal code here."""
        self._op_gekoppeld.append(callback)

    def _on_apparaat(self, _button: object = None) -> None:
        shown = self.code_box.layout.display != "none"
        self.code_box.layout.display = "none" if shown else None

    def _on_koppel(self, _button: object = None) -> None:
        self.messages.clear()
        if not self.naam_input.value.strip() or not self.code_input.value.strip():
            self.messages.warn("Vul je naam en je herstelcode in.")
            return
        person = self.codes.login(self.naam_input.value, self.code_input.value, client=self._klant())
        self.code_input.value = ""
        self.koppel(person.id, person.weergavenaam)
        for callback in self._op_gekoppeld:
            callback(person.id, person.weergavenaam)

    def _on_nieuw(self, _button: object = None) -> None:
        self.messages.clear()
        if not self.naam_input.value.strip():
            self.messages.warn("Vul eerst je naam in: een voornaam of schuilnaam is genoeg.")
            return
        nieuw = self.codes.new(self.naam_input.value)
        self.koppel(nieuw.deelnemer.id, nieuw.deelnemer.weergavenaam)
        self.code_note.value += (
            "<div class='wk-bericht'>Jouw herstelcode: <span class='wk-code'>"
            f"{esc(nieuw.herstelcode)}</span><br>Schrijf hem op. Met je naam en deze code ga je op een ander "
            "apparaat verder, en doe je mee aan groepssessies in elke app. We laten hem maar één keer zien.</div>"
        )
        for callback in self._op_gekoppeld:
            callback(nieuw.deelnemer.id, nieuw.deelnemer.weergavenaam)

    def volg_sessie(self, sessie: Any) -> None:
        """Keep the draft under the personal code of whoever joins ``sessie`` (a ``GroepssessieDeelname``).

        The draft's requests then count as that block's client for the rate limits.
        """
        self._client = lambda: sessie.client

        def joined(aanmelding: Any, _casus: Any) -> None:
            self.koppel(aanmelding.deelname.deelnemer_id, aanmelding.deelname.weergavenaam)

        sessie.on_join(joined)

    def koppel(self, deelnemer_id: str, weergavenaam: str) -> None:
        """Link the page to a participant's personal code: drafts go to the store too, theirs is offered."""
        if deelnemer_id == self.deelnemer_id:
            return
        self.deelnemer_id, self.weergavenaam = deelnemer_id, weergavenaam
        if "code_box" in self.__dict__:  # else the form is built linked, when it is first shown
            self.code_form.layout.display = "none"
            self.code_note.value = self._gekoppeld_html()
        found = self._lees(self.codes.draft(deelnemer_id, self.app))
        if found is not None and found["data"] != self._laatste_data and self._laatste_data is None:
            self._toon_aanbod(found, "onder je herstelcode")
        elif self._laatste_data is not None and self.laatst_bewaard:
            self._server_wacht = json.loads(self.laatst_bewaard)
            self._flush()

    def _gekoppeld_html(self) -> str:
        if self.deelnemer_id is None:
            return ""
        return (
            f"<p class='wk-klein'>Je werk wordt ook bewaard onder de herstelcode van <b>{esc(self.weergavenaam)}"
            "</b>. Op een ander apparaat: open deze app, klik op 'Verder op een ander apparaat' en vul dezelfde "
            "naam en code in.</p>"
        )

    def _plan_server(self, envelope: dict[str, Any]) -> None:
        if self.deelnemer_id is None:
            return
        self._server_wacht = envelope
        if self._server_timer is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script or test): save at once
            self._flush()
            return
        self._server_timer = loop.call_later(SERVER_PAUZE, self._flush)

    def bewaar_nu(self) -> None:
        """Save the draft that waits for the pause to the store now (what the timer would do a moment later)."""
        if self._server_timer is not None:
            self._server_timer.cancel()
        self._flush()

    def _flush(self) -> None:
        self._server_timer = None
        envelope, self._server_wacht = self._server_wacht, None
        if envelope is None or self.deelnemer_id is None:
            return
        try:
            self.codes.save_draft(self.deelnemer_id, self.app, envelope)
        except WijkteamError as exc:
            log.warning("Concept van %s niet in de opslag bewaard: %s", self.app, exc)
            self.messages.warn(f"Je werk staat in deze browser, maar niet op de server: {exc}")
