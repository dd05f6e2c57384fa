"""Take part in a group session from an exercise app: join with code and name, hand in, see the group picture.

The three exercise apps (ZRM, netwerkatlas, plan) put a :class:`GroepssessieDeelname` block at the top. Without a
session code nothing changes in the app. With one, the participant joins (code + display name, and the
herstelcode when the name is already taken), the app opens the session's casus, the app's own hand-in button
also calls :meth:`GroepssessieDeelname.submit`, and after handing in the block polls (an ``ipywidgets.Play`` ticking
in the browser) until the trainer reveals the group picture. Before the reveal no answer of anyone else is
ever read. Every name and text is escaped.

Examples
--------
>>> from wijkteam_kit.groepssessie import Client, Groepssessies
>>> from wijkteam_kit.store import Store
>>> sessies = Groepssessies(Store(":memory:"))
>>> nieuw = sessies.create("mantelzorg-dementie", "plan")
>>> block = GroepssessieDeelname(
...     lambda: sessies, "plan", environ={"QUERY_STRING": f"sessie={nieuw.sessie.code}"}, client=Client("p1")
... )
>>> block.code_input.value == nieuw.sessie.code
True
>>> block.name_input.value = "<b>Ans</b>"
>>> block.join_button.click()
>>> block.joined, "&lt;b&gt;Ans&lt;/b&gt;" in block.banner.value, "<b>Ans" in block.banner.value
(True, True, False)
>>> block.submit({"plan": "x"}) is not None, "Ingeleverd om" in block.status.value
(True, True)
>>> block.refresh(), "De trainer deelt de groepsuitkomst straks." in block.group.value
(False, True)
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

import ipywidgets as widgets

from wijkteam_kit.casus.model import Casus, load_library
from wijkteam_kit.errors import GroepssessieError, NaamBezet, WijkteamError
from wijkteam_kit.groepssessie.model import OEFENING_NAMEN, Client
from wijkteam_kit.groepssessie.opdehub import op_een_hub, sessies_voor
from wijkteam_kit.store.schema import local_time
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, esc, na_opslaan, safe
from wijkteam_kit.ui.groepssessie.groepsbeeld import APP_NOTEBOOKS, group_view_html

if TYPE_CHECKING:
    from wijkteam_kit.groepssessie.model import Aanmelding, Groepssessie
    from wijkteam_kit.groepssessie.opdehub import SessiesViaDienst
    from wijkteam_kit.groepssessie.sessies import Groepssessies
    from wijkteam_kit.store.schema import Inzending

__all__ = ["GroepssessieDeelname", "client_from_environment", "code_from_query"]

log = logging.getLogger("wijkteam_kit.ui.groepssessie.deelname")

WAIT_TEXT = "De trainer deelt de groepsuitkomst straks."


def client_from_environment(environ: Mapping[str, str] | None = None) -> Client:
    """Who is knocking: a fresh page id and the client's address as the server passed it to the kernel.

    Our own server (:mod:`wijkteam_kit.app.server`) sets ``X-Wijkteam-Adres`` on every page request, overwriting
    whatever the browser sent: when it is there it wins. Behind a proxy such as JupyterHub's, the address is
    the LAST entry of ``X-Forwarded-For``: the one the proxy added itself (earlier entries come from the
    browser and can be made up). Else None.

    >>> c = client_from_environment({"HTTP_X_FORWARDED_FOR": "6.6.6.6, 10.0.0.7"})
    >>> c.adres, len(c.pagina)
    ('10.0.0.7', 32)
    >>> client_from_environment({"HTTP_X_FORWARDED_FOR": "6.6.6.6", "HTTP_X_WIJKTEAM_ADRES": "127.0.0.1"}).adres
    '127.0.0.1'
    >>> client_from_environment({}).adres is None
    True
    """
    env = os.environ if environ is None else environ
    direct = (env.get("HTTP_X_WIJKTEAM_ADRES") or "").strip()
    forwarded = (env.get("HTTP_X_FORWARDED_FOR") or "").split(",")[-1].strip()
    return Client(pagina=uuid.uuid4().hex, adres=(direct or forwarded)[:100] or None)


def code_from_query(query: str) -> str:
    """The session code from a page's query string (``sessie=ABC123``), uppercased; ``""`` when absent.

    >>> code_from_query("sessie=abc-123&x=1"), code_from_query("?sessie=ABC123"), code_from_query("")
    ('ABC-123', 'ABC123', '')
    """
    values = parse_qs(query.lstrip("?")).get("sessie") or [""]
    return "".join(ch for ch in values[0].upper() if ch.isalnum() or ch == "-")[:12]


class GroepssessieDeelname:
    """The session block of an exercise app.

    Parameters
    ----------
    sessies_factory : callable or LazyStore
        Returns the :class:`~wijkteam_kit.groepssessie.Groepssessies` (or the app's :class:`~.common.LazyStore`);
        called at the first join, so the store is opened only when someone takes part (the app starts fast).
        Inside a JupyterHub user server the app's store is not used: the sessions go through the hub's answers
        service (:func:`~wijkteam_kit.groepssessie.sessies_voor`) and the hub login is the participant, so the
        block asks no name and no herstelcode.
    oefening : str
        The exercise of this app: ``"zrm"``, ``"netwerkatlas"`` or ``"plan"``.
    library : list of Casus or callable, optional
        Where the session's casus is looked up; default :func:`~wijkteam_kit.casus.load_library` at join.
    client : Client, optional
        Who is knocking (rate limiting); default :func:`client_from_environment`.
    environ : mapping, optional
        Where ``QUERY_STRING`` is read (``?sessie=ABC123`` fills in the code); default ``os.environ``.
    poll_ms : int
        Milliseconds between two checks for the trainer's reveal after handing in.
    also : sequence of str
        Other exercises whose sessions this app takes (the ZRM app also does ``"evaluatie"``).
    """

    def __init__(
        self,
        sessies_factory: Callable[[], Groepssessies | SessiesViaDienst] | LazyStore,
        oefening: str,
        *,
        library: Sequence[Casus] | Callable[[], Sequence[Casus]] | None = None,
        client: Client | None = None,
        environ: Mapping[str, str] | None = None,
        poll_ms: int = 3000,
        also: Sequence[str] = (),
    ) -> None:
        env = os.environ if environ is None else environ
        self.oefening = oefening
        self.also = tuple(also)  # other exercises this app takes part in (the ZRM app: "evaluatie")
        self.client = client or client_from_environment(env)
        self._factory = sessies_factory
        self._environ = environ
        self.hub = op_een_hub(env)  # the hub login is the participant: no name, no herstelcode
        self._sessies: Groepssessies | SessiesViaDienst | None = None
        self._library = library
        self._listeners: list[Callable[[Aanmelding, Casus | None], None]] = []
        self._shown_key: object = None
        self._ronde = 1  # the round of the session this page last saw
        self.aanmelding: Aanmelding | None = None
        self.casus: Casus | None = None
        self.inzending: Inzending | None = None
        self.messages = MessageBox()
        self.messages.html.add_class("wk-sessie-melding")
        guard = safe(self.messages)
        self.code_input = widgets.Text(
            value=code_from_query(env.get("QUERY_STRING", "")),
            description="Sessiecode:",
            placeholder="bijv. ABC-123",
            layout={"width": "230px"},
        )
        self.code_input.add_class("wk-sessie-code")
        self.name_input = widgets.Text(
            description="Je naam:", placeholder="voornaam of schuilnaam", layout={"width": "300px"}
        )
        self.name_input.add_class("wk-sessie-naam")
        self.herstel_input = widgets.Text(
            description="Herstelcode:", placeholder="6 cijfers", layout={"width": "230px", "display": "none"}
        )
        self.herstel_input.add_class("wk-sessie-herstel")
        self.have_code_button = widgets.Button(description="Ik heb al een herstelcode", icon="key")
        self.have_code_button.layout.width = "auto"
        self.have_code_button.add_class("wk-sessie-heb-code")
        self.have_code_button.on_click(guard(self._show_code_field))
        self.join_button = widgets.Button(description="Meedoen", button_style="primary", icon="users")
        self.join_button.add_class("wk-sessie-meedoen")
        self.join_button.on_click(guard(self._join))
        if self.hub:
            self.name_input.layout.display = "none"
            self.have_code_button.layout.display = "none"
        intro = (
            "Vul de code van je trainer in; je doet mee onder je inlognaam."
            if self.hub
            else "Vul de code van je trainer in en een voornaam of schuilnaam."
        )
        self.form = widgets.VBox(
            [
                widgets.HTML(
                    f"<b>Doe je mee met een groepssessie?</b> <span class='wk-klein'>{intro} "
                    "Zonder code oefen je gewoon alleen.</span>"
                ),
                widgets.HBox(
                    [self.code_input, self.name_input, self.herstel_input, self.join_button, self.have_code_button],
                    layout={"flex_flow": "row wrap", "align_items": "center"},
                ),
            ]
        )
        self.banner = widgets.HTML()
        self.banner.add_class("wk-sessie-banner")
        self.herstel_note = widgets.HTML()
        self.herstel_note.add_class("wk-sessie-herstelcode")
        self.status = widgets.HTML()
        self.status.add_class("wk-sessie-status")
        self.group = widgets.HTML()
        self.group.add_class("wk-sessie-groep")
        self.poll = widgets.Play(value=0, min=0, max=10**7, step=1, interval=poll_ms, show_repeat=False)
        self.poll.add_class("wk-sessie-poll")
        self.poll.observe(guard(self._polled), "value")
        self.widget = widgets.VBox(
            [
                style_widget("ui/groepssessie/deelname.css", shared=False),
                self.form,
                self.messages.html,
                self.banner,
                self.herstel_note,
                self.status,
                self.group,
                self.poll,
            ]
        )
        self.widget.add_class("wk-kaart")
        self.widget.add_class("wk-sessie")

    def use_request(self, environ: Mapping[str, str]) -> None:
        """Read the page's request: who is knocking, and ``?sessie=`` when no code was typed yet.

        Called when a page takes a warm kernel (:func:`~wijkteam_kit.ui.common.na_paginaverzoek`).

        >>> from wijkteam_kit.groepssessie import Client
        >>> d = GroepssessieDeelname(lambda: None, "zrm", environ={}, client=Client("p1"))
        >>> d.use_request({"QUERY_STRING": "sessie=ABC123", "HTTP_X_WIJKTEAM_ADRES": "10.0.0.7"})
        >>> d.code_input.value, d.client
        ('ABC123', Client(pagina='p1', adres='10.0.0.7'))
        """
        self.client = Client(self.client.pagina, client_from_environment(environ).adres)
        code = code_from_query(environ.get("QUERY_STRING", ""))
        if code and not self.code_input.value.strip():
            self.code_input.value = code

    # ------------------------------------------------------------------ state
    @property
    def sessies(self) -> Groepssessies | SessiesViaDienst:
        """The sessions, created (and the store opened) at first use; on a hub: through its answers service."""
        if self._sessies is None:
            if isinstance(self._factory, LazyStore):
                self._sessies = sessies_voor(self._factory.get, self._environ)
            else:
                self._sessies = self._factory()
        return self._sessies

    @property
    def joined(self) -> bool:
        """Whether this page takes part in a session."""
        return self.aanmelding is not None

    @property
    def sessie(self) -> Groepssessie | None:
        """The session joined, as it was at joining (see :meth:`refresh` for the current state)."""
        return self.aanmelding.sessie if self.aanmelding else None

    @property
    def ronde(self) -> int:
        """The session's round as this page last saw it (``submit`` and ``refresh`` look it up)."""
        return self._ronde

    @property
    def weergavenaam(self) -> str | None:
        """The display name this page joined with."""
        return self.aanmelding.deelname.weergavenaam if self.aanmelding else None

    def on_join(self, callback: Callable[[Aanmelding, Casus | None], None]) -> None:
        """Call ``callback(aanmelding, casus)`` after joining (the app opens the casus; None when unknown)."""
        self._listeners.append(callback)

    def _casuses(self) -> Sequence[Casus]:
        if self._library is None:
            self._library = load_library()
        return self._library() if callable(self._library) else self._library

    # ------------------------------------------------------------------ joining
    def _join(self, _button: object = None) -> None:
        self.messages.clear()
        if self.joined:
            return
        if not self.code_input.value.strip():
            self.messages.warn(
                "Vul de sessiecode in die je van je trainer kreeg (zes tekens, bijv. ABC-123)."
            )
            return
        if not self.hub and not getattr(self.sessies, "via_dienst", False) and not self.name_input.value.strip():
            self.messages.warn("Vul je naam in: een voornaam of schuilnaam is genoeg.")
            return
        try:
            aanmelding = self.sessies.join(
                self.code_input.value,
                self.name_input.value,
                client=self.client,
                herstelcode=self.herstel_input.value.strip() or None,
            )
        except NaamBezet as exc:  # the name takes part already: ask for the herstelcode
            self.herstel_input.layout.display = None
            self.messages.error(str(exc))
            return
        except (
            GroepssessieError
        ) as exc:  # unknown code, closed session, too many attempts (says how long to wait) …
            self.messages.error(str(exc))
            return
        sessie = aanmelding.sessie
        if sessie.oefening != self.oefening and sessie.oefening not in self.also:
            self._wrong_app(aanmelding)
            return
        self.aanmelding = aanmelding
        self._ronde = sessie.ronde
        self.casus = next((c for c in self._casuses() if c.id == sessie.casus_id), None)
        self.form.layout.display = "none"
        titel = self.casus.titel if self.casus else sessie.titel or sessie.casus_id
        self.banner.value = (
            f"<div class='wk-sessie-banner-tekst'>Je doet mee aan sessie {esc(sessie.code_weergave)} · "
            f"{esc(titel)} als {esc(aanmelding.deelname.weergavenaam)}</div>"
        )
        self._show_herstelcode(aanmelding.herstelcode)
        if self.casus is None:
            self.messages.error(
                f"De casus van deze sessie ({sessie.casus_id}) staat niet in de casusbibliotheek van deze app. "
                "Vraag je trainer welke casus je moet openen."
            )
        earlier = self.sessies.own_submission(sessie.code, aanmelding.deelname.deelnemer_id)
        if earlier is not None:
            self.inzending = earlier
            self._show_handed_in(earlier, again=True)
            self.start_polling()
        else:
            self.status.value = "<p class='wk-klein'>Maak de oefening en lever in met de knop in de app.</p>"
            self.group.value = _wait_html()  # the same at the hand-in: no message then (a room hands in at once)
        for listener in self._listeners:
            listener(aanmelding, self.casus)

    def _show_code_field(self, _button: object = None) -> None:
        """Show the herstelcode field: the code of an earlier session is the participant's personal code."""
        self.herstel_input.layout.display = None
        self.have_code_button.layout.display = "none"

    def _wrong_app(self, aanmelding: Aanmelding) -> None:
        sessie = aanmelding.sessie
        naam = OEFENING_NAMEN.get(sessie.oefening, sessie.oefening)
        notebook = APP_NOTEBOOKS.get(sessie.oefening)
        link = (
            f" <a class='wk-sessie-andere-app' href='{esc(notebook)}?sessie={esc(sessie.code)}'>Open die app</a>"
            if notebook
            else ""
        )
        code = (
            f" Je herstelcode daar is <b>{esc(aanmelding.herstelcode)}</b>: schrijf hem op."
            if aanmelding.herstelcode
            else ""
        )
        self.banner.value = (
            f"<div class='wk-waarschuwing'>Sessie {esc(sessie.code_weergave)} is een oefening "
            f"{esc(naam)}, niet in deze app.{link}{code}</div>"
        )

    def _show_herstelcode(self, herstelcode: str | None) -> None:
        if not herstelcode:
            self.herstel_note.value = ""
            return
        self.herstel_note.value = (
            "<div class='wk-bericht'>Jouw herstelcode: <span class='wk-code'>"
            f"{esc(herstelcode)}</span><br>Schrijf hem op. Herlaad je de pagina of pak je een andere laptop, dan "
            "doe je met dezelfde naam en deze code weer mee. Het is je persoonlijke code: met dezelfde naam werkt "
            "hij ook in andere sessies en apps, en in de ZRM-oefening zie je er je kalibratie mee terug. "
            "We laten hem maar één keer zien.</div>"
        )

    # ------------------------------------------------------------------ handing in
    def submit(self, payload: dict) -> Inzending | None:
        """Hand ``payload`` in to the session (again: replaces the earlier answer); None when refused.

        A refusal (session closed, not joined) is shown in the block and logged; the app keeps working.
        """
        if self.aanmelding is None:
            self.messages.warn("Je doet niet mee met een sessie: vul eerst de sessiecode en je naam in.")
            return None
        sessie = self.aanmelding.sessie
        try:
            inzending = self.sessies.submit(sessie.code, self.aanmelding.deelname.deelnemer_id, payload)
            current = self.sessies.find(sessie.code)  # the round this answer counts for
        except GroepssessieError as exc:
            log.warning("Inleveren bij sessie %s: %s", sessie.code, exc)
            self.status.value = (
                f"<div class='wk-fout' role='alert'>Niet ingeleverd bij de sessie. {esc(exc)}</div>"
            )
            return None
        if current is not None:
            self._ronde = max(self._ronde, current.ronde)
        # Inside an app's larger transaction (answer, calibration, draft): "Ingeleverd" once it is all saved.
        na_opslaan(self.sessies, lambda: self._submitted(inzending, current))
        return inzending

    def _submitted(self, inzending: Inzending, current: Groepssessie | None) -> None:
        self.inzending = inzending
        self._show_handed_in(inzending)
        self.start_polling()
        self._show_state(current)

    def _show_handed_in(self, inzending: Inzending, *, again: bool = False) -> None:
        when = local_time(inzending.bijgewerkt or inzending.aangemaakt, clock=True)
        first = f"Je hebt eerder ingeleverd, om {when}." if again else f"Ingeleverd om {when}."
        self.status.value = (
            f"<div class='wk-bericht'>{first} Je kunt nog aanpassen tot de trainer de sessie sluit.</div>"
        )

    # ------------------------------------------------------------------ waiting for the reveal
    def start_polling(self) -> None:
        """Let the browser ask every few seconds whether the trainer revealed the group picture."""
        self.poll.playing = True

    def stop_polling(self) -> None:
        """Stop asking."""
        self.poll.playing = False

    def _polled(self, _change: object = None) -> None:
        if self.joined:
            self.refresh()

    def refresh(self) -> bool:
        """Check the session once; show the group picture when revealed. True when it is shown."""
        if self.aanmelding is None:
            return False
        return self._show_state(self.sessies.find(self.aanmelding.sessie.code))

    def _show_state(self, current: Groepssessie | None) -> bool:
        """Show the session as read: a new round, the wait text, or the group picture (True when shown)."""
        if self.aanmelding is None:
            return False
        code, me = self.aanmelding.sessie.code, self.aanmelding.deelname.deelnemer_id
        if current is not None and current.ronde > self._ronde:  # the trainer opened round two
            self._ronde = current.ronde
            self.inzending = None
            self.status.value = (
                "<div class='wk-bericht wk-sessie-ronde'>De trainer heeft een tweede ronde geopend. Kijk je scores "
                "na de bespreking nog eens na en lever opnieuw in.</div>"
            )
        closed = current is not None and not current.open
        if current is None or not current.onthuld:
            self._shown_key = None
            note = " De trainer heeft de sessie gesloten: inleveren kan niet meer." if closed else ""
            self.group.value = _wait_html(note)
            return False
        try:
            answers = self.sessies.group_answers(code, me)
        except GroepssessieError as exc:
            self.group.value = f"<p class='wk-sessie-wacht'><i>{esc(exc)}</i></p>"
            return False
        key = (current.bijgewerkt, repr(answers))
        if key != self._shown_key:
            self.group.value = self._group_html(answers)
            self._shown_key = key
        return True

    def _group_html(self, answers: list[tuple[str, dict]]) -> str:
        if self.casus is None:
            return "<p class='wk-sessie-wacht'>De groepsuitkomst kan niet getoond worden: de casus ontbreekt.</p>"
        try:
            return group_view_html(self.casus, self.sessie.oefening, answers, self.weergavenaam)
        except WijkteamError as exc:
            log.warning("Groepsbeeld: %s", exc)
            return (
                f"<div class='wk-waarschuwing'>De groepsuitkomst kon niet getekend worden. {esc(exc)}</div>"
            )


def _wait_html(note: str = "") -> str:
    """The group block while the trainer has not shared the group picture (``note``: why it stays so)."""
    return f"<p class='wk-sessie-wacht'><i>{esc(WAIT_TEXT)}</i>{esc(note)}</p>"
