r"""The intervision app: run an intervision method, or a meedenkbijeenkomst as a role-play, step by step.

Choose the kind of meeting, enter the participants and give them roles, then run it with a visible timer,
the instruction of every step and what each role does now. Capture the learning question, observations per
step and agreements, draw dilemma cards, and at the end download the session summary (Markdown and PDF); for
a meedenkbijeenkomst also the basisteam agreement sheet. Both are saved through the
:class:`~wijkteam_kit.store.Store` (soort ``intervisie`` and ``basisteam``).

Examples
--------
>>> from wijkteam_kit.store import Store
>>> now = [0.0]
>>> app = IntervisieApp(library=[], store=Store(":memory:"), clock=lambda: now[0])
>>> app.kind.value = "vijfstappen"
>>> app.names.value = "Kim\nAli\nBo"
>>> app.role_choices["inbrenger"].value = "Kim"
>>> app.role_choices["gespreksleider"].value = "Ali"
>>> app.role_choices["tijdbewaker"].value = "Bo"
>>> app.start_button.click()
>>> now[0] = 125.0; app.panel.tick.value = 1
>>> "02:05" in app.panel.timer.value
True
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from pathlib import Path

import ipywidgets as widgets

from wijkteam_kit.casus.model import Casus, load_library
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.intervisie.basisteam import blad_voor_casus, netwerkleden
from wijkteam_kit.intervisie.bijeenkomst import Bijeenkomst, bijeenkomst_concept, bijeenkomst_uit_concept
from wijkteam_kit.intervisie.dilemmakaarten import Dilemmakaart, dilemma_cards
from wijkteam_kit.intervisie.methodes import Methode, available_methods, load_method, rol_problemen
from wijkteam_kit.intervisie.stappen import Clock
from wijkteam_kit.privacy import privacy_message
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.concept import Concept
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, esc, safe
from wijkteam_kit.ui.intervisie.basisteam import BasisteamVak
from wijkteam_kit.ui.intervisie.rollen import RolWissel
from wijkteam_kit.ui.intervisie.stappen import StapPaneel, method_card_html
from wijkteam_kit.ui.intervisie.verslag import VerslagVak

__all__ = ["IntervisieApp", "method_choice", "method_options"]

log = logging.getLogger("wijkteam_kit.ui.intervisie")
NOT_CHOSEN = ""
PRIVACY = (
    "Gebruik voornamen of schuilnamen. Schrijf in deze app niets over echte cliënten: geen namen, adressen of "
    "nummers. Observaties gaan over de oefening en over jullie eigen werk."
)


def method_options() -> list[tuple[str, str]]:
    """Dropdown options (label, method id): intervision methods by name, then the SNV role-play.

    >>> method_options()[-1]
    ('Rollenspel SNV: Meedenkbijeenkomst · 95 min', 'meedenkbijeenkomst')
    """
    return method_choice()[0]


def method_choice() -> tuple[list[tuple[str, str]], list[str]]:
    """Dropdown options of every method that loads, and a Dutch message per method file that does not.

    A trainer's broken file (see ``WIJKTEAM_INTERVISIE``) never takes the app down.
    """
    methods, problems = [], []
    for method_id in available_methods():
        try:
            methods.append(load_method(method_id))
        except WijkteamError as exc:
            problems.append(f"Methode {method_id!r} is overgeslagen: {exc}")
    methods.sort(key=lambda m: (m.soort != "intervisie", m.naam.lower()))
    prefix = {"intervisie": "Intervisie", "snv": "Rollenspel SNV"}
    return [(f"{prefix[m.soort]}: {m.naam} · {m.totaal_minuten} min", m.id) for m in methods], problems


class IntervisieApp:
    """The whole app as one object; ``widget`` is what the notebook displays.

    Parameters
    ----------
    library : list of Casus, optional
        Casuses for the role-play and the dilemma cards (default: the casus library).
    store : Store, str, Path or None
        Where sessions and sheets are saved; None: the default store, opened at the first save.
    clock : callable returning seconds
        The session clock (default :func:`time.monotonic`); the Play widget only makes the view redraw.
    rng : random.Random, optional
        For drawing dilemma cards.
    today : date, optional
        The date on the summary (for tests).
    """

    def __init__(
        self,
        library: list[Casus] | None = None,
        store: Store | str | Path | None = None,
        *,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.messages = MessageBox()
        self._stores = LazyStore(store)
        self.clock = clock
        self.today = today
        self.library: list[Casus] = []
        try:
            self.library = library if library is not None else load_library()
        except WijkteamError as exc:
            log.error("Casusbibliotheek: %s", exc)
            self.messages.error(f"De casusbibliotheek kon niet geladen worden; intervisie kan wel. {exc}")
        self._method_options, skipped = method_choice()
        if skipped:
            log.error("Methodebestanden: %s", skipped)
            self.messages.error(" ".join(skipped))
        self._cards: list[Dilemmakaart] | None = None
        self.bijeenkomst: Bijeenkomst | None = None
        self._saved: dict[str, str] = {}
        guard = safe(self.messages)
        self.panel = StapPaneel(guard, self.cards, self._session_ended, rng=rng, warn=self.messages.warn)
        self.basisteam = BasisteamVak(
            guard, self.messages, self._sheet_context, lambda p: self._save("basisteam", p, self._owner())
        )
        self.basisteam_form = self.basisteam.form
        self._build_setup(guard)
        self.concept = Concept(
            "intervisie",
            bewaar=self._concept_data,
            herstel=self._herstel_concept,
            samenvatting=self._concept_samenvatting,
            stores=self._stores,
        )
        self.verslag = VerslagVak(
            guard,
            self.messages,
            lambda: self.bijeenkomst,
            lambda payload: self._save("intervisie", payload, self._owner()),
            lambda _b=None: self.concept.vraag(
                "Het verslag van deze bijeenkomst is nog niet gemaakt. Begin je een nieuwe, dan gaan de "
                "aantekeningen en afspraken verloren.",
                "Ja, nieuwe bijeenkomst",
                self._new,
            ),
            extra=(self.basisteam.widget,),
        )
        self.export_box = self.verslag.widget
        self.report_button, self.export_links = self.verslag.report_button, self.verslag.export_links
        self.new_button = self.verslag.new_button
        header = widgets.HTML(
            "<h2>Intervisie en meedenkbijeenkomst</h2><p class='wk-intro'>Kies een intervisiemethode of oefen "
            "een meedenkbijeenkomst als rollenspel. Verdeel de rollen en loop de stappen door met een klok, de "
            "instructie en wat iedere rol nu doet. Aan het eind download je een verslag.</p>"
        )
        self.switch = RolWissel(self, guard)
        self.session_box = widgets.VBox(
            [self.panel.widget, self.switch.button, self.switch.box, self.export_box]
        )
        self.session_box.add_class("wk-sessie")
        self.session_box.layout.display = "none"
        self.widget = widgets.VBox(
            [
                style_widget("ui/intervisie/intervisie.css"),
                header,
                self.messages.html,
                self.concept.widget,
                self.panel.tick,
                self.setup_box,
                self.session_box,
            ]
        )
        self.widget.add_class("wk-app")
        self.widget.add_class("wk-intervisie")
        self._method_changed()
        self.report_button.on_click(guard(lambda _b: self._verslag_gemaakt()))
        for part in (self.setup_box, self.session_box):
            self.concept.volg(part)

    def _verslag_gemaakt(self) -> None:
        """After the report of a finished meeting nothing is lost any more: no leave-page warning."""
        if self.bijeenkomst is not None and self.bijeenkomst.runner.ended:
            self.concept.klaar(wis=False)

    # ------------------------------------------------------------------ the draft (nothing typed is lost)
    def _concept_data(self) -> dict | None:
        """The setup as typed and the running meeting (steps, notes, agreements), or None when nothing is there."""
        running = self.bijeenkomst is not None and self.session_box.layout.display != "none"
        if not running and not self.names.value.strip() and not self.question.value.strip():
            return None
        return {
            "opzet": {
                "soort": self.kind.value,
                "casus": self.casus_choice.value,
                "namen": self.names.value,
                "vraag": self.question.value,
            },
            "bijeenkomst": bijeenkomst_concept(self.bijeenkomst) if running else None,
        }

    def _herstel_concept(self, data: dict) -> None:
        opzet = data.get("opzet") or {}
        if opzet.get("soort") in {value for _label, value in self._method_options}:
            self.kind.value = opzet["soort"]
        if opzet.get("casus") in {value for _label, value in self.casus_choice.options}:
            self.casus_choice.value = opzet["casus"]
        self.names.value = str(opzet.get("namen") or "")
        self.question.value = str(opzet.get("vraag") or "")
        if data.get("bijeenkomst"):
            self.bijeenkomst = bijeenkomst_uit_concept(data["bijeenkomst"], clock=self.clock, kaarten=self.cards())
            self._saved = {}
            self.switch.button.disabled = self.bijeenkomst.runner.ended
            self.panel.show(self.bijeenkomst)
            self.panel.start_ticking()
            soort = self.bijeenkomst.methode.soort
            self.basisteam.widget.layout.display = "" if soort == "snv" else "none"
            self.setup_box.layout.display = "none"
            self.session_box.layout.display = ""
            if not self.bijeenkomst.runner.ended:
                self.messages.notice("De klok staat op pauze: klik op 'Verder' als jullie weer beginnen.")

    def _concept_samenvatting(self, data: dict) -> str:
        s = data.get("bijeenkomst")
        if not s:
            return "de opzet van een bijeenkomst"
        klok = s.get("klok") or {}
        n = len(klok.get("seconden") or ())
        stap = int(klok.get("index", 0)) + 1
        naam = dict((value, label) for label, value in self._method_options).get(s.get("methode"), "bijeenkomst")
        return f"{naam}, bij stap {stap} van {n}"

    # ------------------------------------------------------------------ helpers
    @property
    def store(self) -> Store:
        """The store, opened on first use."""
        return self._stores.get()

    def cards(self) -> list[Dilemmakaart]:
        """The pile of dilemma cards (the kit's own plus those of the casuses), loaded once."""
        if self._cards is None:
            self._cards = dilemma_cards(self.library)
        return self._cards

    @property
    def methode(self) -> Methode:
        """The chosen method."""
        return load_method(self.kind.value)

    def _casus(self) -> Casus | None:
        return next((c for c in self.library if c.id == self.casus_choice.value), None)

    def participants(self) -> list[str]:
        """The names typed in, one per line, without empty lines."""
        return [" ".join(n.split()) for n in self.names.value.splitlines() if n.strip()]

    # ------------------------------------------------------------------ setup
    def _build_setup(self, guard) -> None:
        self.kind = widgets.Dropdown(
            options=self._method_options, value="roddelmethode", layout={"width": "520px"}
        )
        self.kind.add_class("wk-soort")
        self.kind.add_class("wk-focusdoel")  # after "Nieuwe bijeenkomst" the keyboard focus starts here again
        self.kind.observe(guard(self._method_changed), "value")
        self.casus_choice = widgets.Dropdown(
            options=[(c.titel, c.id) for c in self.library], layout={"width": "520px"}
        )
        self.casus_choice.add_class("wk-casus")
        self.propose_button = widgets.Button(
            description="Netwerkleden uit de casus voorstellen", icon="users", layout={"width": "auto"}
        )
        self.propose_button.add_class("wk-netwerk-voorstel")
        self.propose_button.on_click(guard(self._propose_network))
        self.invitee_html = widgets.HTML()
        self.invitee_html.add_class("wk-uitnodigingen")
        self.casus_box = widgets.VBox(
            [
                widgets.HBox(
                    [widgets.HTML("<b>Casus</b>&nbsp;"), self.casus_choice, self.propose_button],
                    layout={"flex_flow": "row wrap", "align_items": "center"},
                ),
                self.invitee_html,
            ]
        )
        self.method_info = widgets.HTML()
        self.method_info.add_class("wk-methode-info")
        self.names = widgets.Textarea(
            placeholder="Eén naam per regel (voornaam of schuilnaam)", rows=5, layout={"width": "340px"}
        )
        self.names.add_class("wk-deelnemers")
        self.names.observe(guard(self._names_changed), "value")
        self.privacy_html = widgets.HTML(f"<div class='wk-waarschuwing wk-privacy'>{esc(PRIVACY)}</div>")
        self.role_box = widgets.VBox()
        self.role_box.add_class("wk-rollen")
        self.role_choices: dict[str, widgets.Dropdown] = {}
        self.rest_html = widgets.HTML()
        self.rest_html.add_class("wk-rest-rol")
        self.role_problems = widgets.HTML()
        self.role_problems.add_class("wk-rol-problemen")
        self.question = widgets.Textarea(
            placeholder="Wat wil de inbrenger (of de groep) van deze bijeenkomst leren?",
            rows=2,
            layout={"width": "100%"},
        )
        self.question.add_class("wk-leervraag")
        self.start_button = widgets.Button(
            description="Start de bijeenkomst", icon="play", button_style="primary", layout={"width": "auto"}
        )
        self.start_button.add_class("wk-start")
        self.start_button.on_click(guard(self._start))
        people = widgets.VBox([widgets.HTML("<h3>Deelnemers</h3>"), self.names, self.privacy_html])
        self.roles_column = widgets.VBox(
            [widgets.HTML("<h3>Rollen</h3>"), self.role_box, self.rest_html, self.role_problems]
        )
        self.setup_box = widgets.VBox(
            [
                widgets.HBox([widgets.HTML("<b>Soort bijeenkomst</b>&nbsp;"), self.kind]),
                self.casus_box,
                self.method_info,
                widgets.HBox(
                    [people, self.roles_column], layout={"align_items": "flex-start", "flex_flow": "row wrap"}
                ),
                widgets.HTML("<h3>Leervraag</h3>"),
                self.question,
                self.start_button,
            ]
        )
        self.setup_box.add_class("wk-opzet")

    def _method_changed(self, _=None) -> None:
        m = self.methode
        self.casus_box.layout.display = "" if m.soort == "snv" else "none"
        self.method_info.value = method_card_html(m)
        self.role_choices = {}
        rows = []
        for role in m.vaste_rollen:
            dd = widgets.Dropdown(description=role.naam, style={"description_width": "130px"})
            dd.add_class("wk-rol")
            dd.add_class(f"wk-rol-{role.id}")
            dd.observe(safe(self.messages)(self._roles_changed), "value")
            self.role_choices[role.id] = dd
            rows.append(dd)
        self.role_box.children = rows
        self._names_changed()

    def _names_changed(self, _=None) -> None:
        names = self.participants()
        options = [("— kies —", NOT_CHOSEN)] + [(n, n) for n in dict.fromkeys(names)]
        for dd in self.role_choices.values():
            if list(dd.options) == options:
                continue  # unchanged (most keys typed): a role just chosen in the browser is not reset
            keep = dd.value if dd.value in names else NOT_CHOSEN
            dd.options = options
            dd.value = keep
        warning = privacy_message(self.names.value)
        extra = f"<div class='wk-waarschuwing'>{esc(warning)}</div>" if warning else ""
        self.privacy_html.value = f"<div class='wk-waarschuwing wk-privacy'>{esc(PRIVACY)}</div>{extra}"
        self._roles_changed()

    def _keuze(self) -> dict[str, str]:
        return {rid: dd.value or "" for rid, dd in self.role_choices.items()}

    def _roles_changed(self, _=None) -> None:
        s = self.bijeenkomst
        m, people = (s.methode, list(s.deelnemers)) if s is not None else (self.methode, self.participants())
        keuze = self._keuze()
        busy = {keuze[r.id] for r in m.vaste_rollen if r.exclusief and keuze.get(r.id)}
        rest = [n for n in dict.fromkeys(people) if n not in busy]
        self.rest_html.value = (
            f"<p><b>{esc(m.rest_rol.naam)}:</b> {esc(', '.join(rest)) or '<i>nog niemand</i>'}</p>"
        )
        problems = rol_problemen(m, people, keuze, volledig=False)
        self.role_problems.value = "".join(f"<div class='wk-waarschuwing'>{esc(p)}</div>" for p in problems)

    def _propose_network(self, _=None) -> None:
        casus = self._casus()
        if casus is None:
            self.messages.error("Kies eerst een casus.")
            return
        m = self.methode
        client = casus.netwerk.client.naam if casus.netwerk.client else casus.huishouden[0].naam
        room = (m.deelnemers_max or 12) - 2
        invited = [u for u in netwerkleden(casus) if u.naam != client][:room]
        self.names.value = "\n".join([client, *[u.naam for u in invited], "Procesbegeleider"])
        if "client" in self.role_choices:
            self.role_choices["client"].value = client
        if "procesbegeleider" in self.role_choices:
            self.role_choices["procesbegeleider"].value = "Procesbegeleider"
        items = "".join(f"<li><b>{esc(u.naam)}</b>: {esc(u.reden)}</li>" for u in invited)
        self.invitee_html.value = (
            f"<p>Voorgesteld uit de netwerkatlas van {esc(client)} (de cliënt beslist wie er komt):</p>"
            f"<ul class='wk-klein'>{items}</ul>"
        )
        self.basisteam_form.fill(blad_voor_casus(casus))
        self.messages.notice(f"{len(invited)} netwerkleden voorgesteld. Verdeel de rollen onder de spelers.")

    def _start(self, _=None) -> None:
        m = self.methode
        problems = rol_problemen(m, self.participants(), self._keuze())
        if problems:
            self.role_problems.value = "".join(f"<div class='wk-fout'>{esc(p)}</div>" for p in problems)
            self.messages.error("De bijeenkomst kan nog niet beginnen: " + " ".join(problems))
            return
        casus = self._casus() if m.soort == "snv" else None
        self.bijeenkomst = Bijeenkomst.nieuw(
            m,
            self.participants(),
            self._keuze(),
            clock=self.clock,
            leervraag=self.question.value.strip(),
            casus_titel=casus.titel if casus else "",
            datum=self.today or dt.date.today(),
        )
        self._saved = {}
        self.bijeenkomst.runner.start()
        self.switch.button.disabled = False
        self.panel.show(self.bijeenkomst)
        self.panel.start_ticking()
        self.basisteam.widget.layout.display = "" if m.soort == "snv" else "none"
        self.setup_box.layout.display = "none"
        self.session_box.layout.display = ""
        self.export_links.value = ""
        self.basisteam.reset()
        self.messages.notice(f"De {m.naam} is begonnen. Succes!")
        warning = privacy_message(self.question.value)
        if warning:
            self.messages.warn(warning)

    # ------------------------------------------------------------------ export
    def _session_ended(self) -> None:
        self.switch.place(False)
        self.switch.button.disabled = True
        self.messages.notice("De bijeenkomst is afgerond. Maak hieronder het verslag.")
        self.report_button.focus()  # the step buttons are disabled now: keyboard users go on to the report

    def _save(self, soort: str, payload: dict, owner: str) -> str:
        """Save or update the submission of ``soort``; returns a short Dutch status."""
        try:
            if soort in self._saved:
                self.store.update_submission(self._saved[soort], payload)
            else:
                person = self.store.add_participant(owner)
                label = f"{payload.get('methode', soort)} {payload.get('datum') or ''}".strip()
                self._saved[soort] = self.store.submit(soort, person.id, payload, sessie=label).id
        except WijkteamError as exc:
            log.warning("Opslaan %s: %s", soort, exc)
            return f"Opslaan lukte niet ({exc}); de downloads werken wel."
        return "Opgeslagen."

    def _owner(self) -> str:
        s = self.bijeenkomst
        assert s is not None
        for rid in ("gespreksleider", "procesbegeleider"):
            if s.wie(rid):
                return s.wie(rid)[0]
        return s.deelnemers[0]

    def _sheet_context(self) -> tuple[str, str, str] | None:
        s = self.bijeenkomst
        if s is None:
            return None
        client = s.wie("client")[0] if s.wie("client") else s.deelnemers[0]
        return client, s.casus_titel, (s.datum or dt.date.today()).isoformat()

    def _new(self, _=None) -> None:
        if self.bijeenkomst is not None and not self.bijeenkomst.runner.ended:
            self.bijeenkomst.runner.end()
        self.panel.stop_ticking()
        self.bijeenkomst = None
        self.switch.place(False)
        self.session_box.layout.display = "none"
        self.setup_box.layout.display = ""
        self.messages.notice("Kies een nieuwe bijeenkomst. De deelnemers en rollen staan er nog.")
