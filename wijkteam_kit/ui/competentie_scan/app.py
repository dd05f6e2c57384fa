"""The competence scan: who you are, a framework and a role; one competence per page; save and see the result.

The view holds widgets and texts only; scoring comes from :mod:`wijkteam_kit.competenties`, saving and finding
from :mod:`wijkteam_kit.competenties.opslag` (through the one :class:`~wijkteam_kit.store.Store`). The store is
opened at the first click that needs it, so building the app writes nothing. The second tab is the team view
(:mod:`wijkteam_kit.ui.competentie_scan.team`).

Who you are is the kit-wide personal code (:class:`~wijkteam_kit.groepssessie.PersoonlijkeCodes`): a first
scan gives a new herstelcode, coming back needs name *and* herstelcode; under JupyterHub the hub login is the
code (``JUPYTERHUB_USER``). A name and a team code alone never open anyone's scan.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> app = CompetentieScan(Store(":memory:"))
>>> app.name_input.value, app.framework_choice.value = "Kim", "movisie-2017"
>>> app.start_button.click()
>>> len(app.code_input.value)  # a new participant: the herstelcode to write down
6
>>> for indicator in app.framework.indicator_ids:
...     app.answer(indicator, 4)
>>> app.submit_button.click()
>>> app.result.scores["eigen_regie"].phase
'vakvolwassen'
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import aantal, datum_tekst
from wijkteam_kit.competenties.frameworks import Framework, available_frameworks, load_framework
from wijkteam_kit.competenties.scan import Scan
from wijkteam_kit.competenties.toegang import LokaleScans, MijnGegevensVia, Scans, scans_voor
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.groepssessie.model import Client
from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes
from wijkteam_kit.store.schema import Deelnemer, check_display_name, normalise_team_code
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.bezig import bezig
from wijkteam_kit.ui.common.concept import Concept
from wijkteam_kit.ui.common.mijn_gegevens import MijnGegevens
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, esc, safe
from wijkteam_kit.ui.competentie_scan.resultaat import ScanResult
from wijkteam_kit.ui.competentie_scan.team import TeamOverzicht
from wijkteam_kit.ui.competentie_scan.vragen import Questionnaire

__all__ = ["CompetentieScan"]

log = logging.getLogger("wijkteam_kit.ui.competentie_scan")
ROLE_OPTIONS = [
    ("Ik scan mezelf", "zelf"),
    ("Ik geef feedback aan een collega", "collega"),
    ("Ik geef feedback als leidinggevende", "leidinggevende"),
]
#: What the app tells everyone before they start: who will see what.
WIE_ZIET_WAT = (
    "<div class='wk-kaart wk-wie-ziet-wat'><h3>Wie ziet wat?</h3><ul>"
    "<li><b>Jij</b> ziet je antwoorden, je uitslag en je ontwikkeldoelen. Terugkomen kan alleen met je naam "
    "<i>én</i> je herstelcode (de zes cijfers die je bij je eerste scan krijgt){hub}. Met alleen een naam en een "
    "teamcode opent niemand jouw scan.</li>"
    "<li><b>Collega's</b> die feedback op jou geven, zien jouw uitslag niet. Jij ziet hun scores pas als minstens "
    "drie collega's meededen, en dan alleen het gemiddelde.</li>"
    "<li><b>Je teamleider</b> (met teamcode en geheim) ziet het team als geheel: per competentie het "
    "gemiddelde, de spreiding en hoeveel teamleden sterk zijn, vanaf drie zelfscans in het team. Jouw scores "
    "met je naam erbij ziet de teamleider alleen als je hieronder zelf kiest voor <i>delen met mijn team</i>; "
    "die keuze kun je bij elke nieuwe scan veranderen.</li>"
    "<li><b>Mijn gegevens</b>: alles wat de kit over jou bewaart, kun je downloaden en verwijderen.</li>"
    "<li>Wie de server of de database beheert, kan technisch bij de opslag; spreek met je organisatie af wie "
    "dat is.</li></ul></div>"
)


def _date(day: dt.date) -> str:
    return datum_tekst(day)


class CompetentieScan:
    """The whole app as one object; ``widget`` is what the notebook displays.

    Parameters
    ----------
    store : Store, str, Path or None
        Where scans are saved; None: the default :class:`~wijkteam_kit.store.Store` (``$WIJKTEAM_DATA`` or
        ``$WIJKTEAM_DATABASE_URL``), opened at the first click that needs it.
    today : date, optional
        The date of new scans and plans (for tests); default: the real date.
    hub_user : str, optional
        The JupyterHub login (default ``$JUPYTERHUB_USER``): the person, no herstelcode asked.
    scans : Scans, optional
        Where scans go instead of the store; default inside a hub user server: the hub's answers service
        (:func:`~wijkteam_kit.competenties.scans_voor`), so that colleagues and the team leader see the team.
    """

    def __init__(
        self,
        store: Store | str | Path | None = None,
        *,
        today: dt.date | None = None,
        hub_user: str | None = None,
        client: Client | None = None,
        scans: Scans | None = None,
    ) -> None:
        self._stores = LazyStore(store)
        self.dienst = scans if scans is not None else scans_voor()  # None: the store on this machine
        self._colleagues: dict[str, Deelnemer] = {}
        self._codes: PersoonlijkeCodes | None = None
        self.hub_user = hub_user if hub_user is not None else (os.environ.get("JUPYTERHUB_USER") or None)
        self.client = client or Client("competentiescan")
        self.today = today
        self.messages = MessageBox()
        self.messages.html.add_class("wk-scan-melding")
        self.framework: Framework | None = None
        self.person: Deelnemer | None = None
        self.about: Deelnemer | None = None
        self.role = "zelf"
        self.previous: Scan | None = None
        self.result: ScanResult | None = None
        self.body = widgets.VBox()
        self._build_start()
        self._build_rating()
        self.team = TeamOverzicht(lambda: self.dienst or self.store)
        self.concept = Concept(
            "competentie_scan",
            bewaar=self._concept_data,
            herstel=self._herstel_concept,
            samenvatting=self._concept_samenvatting,
            stores=self._stores,
        )
        scan_tab = widgets.VBox([self.messages.html, self.code_note, self.concept.widget, self.body])
        self.tabs = widgets.Tab(children=[scan_tab, self.team.widget])
        self.tabs.titles = ("Mijn scan", "Teamoverzicht (teamleider)")
        header = widgets.HTML(
            "<h2>Competentiescan</h2><p class='wk-intro'>Kijk naar jezelf als generalist: waar ben je sterk en "
            "waar wil je groeien? Je kiest per vraag hoe vaak je dat gedrag laat zien. De scan is voor je eigen "
            "ontwikkeling, niet voor een beoordeling. Collega's kunnen dezelfde scan over jou invullen; je ziet hun "
            "scores pas als minstens drie collega's meededen, en dan alleen het gemiddelde.</p>"
        )
        self.widget = widgets.VBox(
            [style_widget("ui/competentie_scan/competentie_scan.css"), header, self.tabs]
        )
        if self.hub_user:
            self.name_input.value, self.name_input.disabled = self.hub_user, True
            self.code_input.layout.display = "none"
        self.widget.add_class("wk-app")
        self.widget.add_class("wk-competenties")
        self.show_start()
        self.concept.volg(self.body)

    # ------------------------------------------------------------------ the draft (nothing typed is lost)
    def _concept_data(self) -> dict | None:
        """Who, which framework and role, and the answers so far; None before any answer or after handing in."""
        q = self.questionnaire
        if q is None or self.body.children != (self.rating_page,) or not q.answered():
            return None
        return {
            "naam": self.name_input.value,
            "team": self.team_input.value,
            # the herstelcode, so that going on logs in as the same person (never by a name or an id alone)
            "code": "" if self.hub_user else self.code_input.value,
            "kader": self.framework_choice.value,
            "rol": self.role_choice.value,
            "collega": self.colleague_choice.value,
            "antwoorden": {i: [w.value, q.examples[i].value] for i, w in q.scale.items() if w.value is not None},
            "pagina": q.page,
        }

    def _herstel_concept(self, data: dict) -> None:
        self.name_input.value = str(data.get("naam") or "")
        self.team_input.value = str(data.get("team") or "")
        if not self.hub_user:
            self.code_input.value = str(data.get("code") or "")
        self.framework_choice.value = data["kader"]
        self.role_choice.value = data.get("rol") or "zelf"
        if data.get("collega") in {value for _label, value in self.colleague_choice.options}:
            self.colleague_choice.value = data["collega"]
        self._on_start()
        q = self.questionnaire
        for indicator, (value, example) in (data.get("antwoorden") or {}).items():
            if indicator in q.scale:
                q.answer(indicator, value, example or "")
        q.show_page(int(data.get("pagina") or 0))

    def _concept_samenvatting(self, data: dict) -> str:
        n = len(data.get("antwoorden") or {})
        return f"een competentiescan met {aantal(n, 'vraag', 'vragen')} beantwoord"

    @property
    def store(self) -> Store:
        """The store, opened on first use."""
        return self._stores.get()

    def scans(self, person: Deelnemer | None = None) -> Scans:
        """What this page may do with scans as ``person`` (default: the person of the page)."""
        if self.dienst is not None:
            return self.dienst
        return LokaleScans(self.store, person or self.person)

    @property
    def codes(self) -> PersoonlijkeCodes:
        """The kit-wide personal codes in the app's store (rate limited)."""
        if self._codes is None:
            self._codes = PersoonlijkeCodes(self.store)
        return self._codes

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    # ------------------------------------------------------------------ step 1: who, which framework, which role
    def _build_start(self) -> None:
        guard = safe(self.messages)
        self.name_input = widgets.Text(
            description="Je naam:", placeholder="voornaam of schuilnaam", layout={"width": "460px"}
        )
        self.name_input.add_class("wk-naam")
        self.code_input = widgets.Text(
            description="Herstelcode:",
            placeholder="6 cijfers; leeg bij je eerste scan",
            layout={"width": "460px"},
        )
        self.code_input.add_class("wk-herstelcode")
        self.code_note = widgets.HTML()
        self.code_note.add_class("wk-scan-herstelcode")
        self.share_choice = widgets.Checkbox(
            description="Deel mijn uitslag met mijn naam met mijn team (teamleider)",
            value=False,
            indent=False,
            layout={"width": "auto"},
        )
        self.share_choice.add_class("wk-delen")
        self.team_input = widgets.Text(
            description="Teamcode:",
            placeholder="optioneel, bijvoorbeeld K7MQ2X",
            continuous_update=False,
            layout={"width": "460px"},
        )
        self.team_input.add_class("wk-teamcode")
        options = []
        for fw_id in available_frameworks():
            fw = load_framework(fw_id)
            options.append(
                (f"{fw.name} ({len(fw.competences)} competenties, {len(fw.indicator_ids)} vragen)", fw_id)
            )
        self.framework_choice = widgets.Dropdown(
            description="Kader:", options=options, layout={"width": "640px"}
        )
        self.framework_choice.add_class("wk-kader")
        self.framework_text = widgets.HTML()
        self.framework_text.add_class("wk-kader-uitleg")
        self.role_choice = widgets.RadioButtons(options=ROLE_OPTIONS, value="zelf", layout={"width": "auto"})
        self.role_choice.add_class("wk-rol")
        self.colleague_choice = widgets.Dropdown(
            description="Over wie:", options=[], layout={"width": "460px"}
        )
        self.colleague_choice.add_class("wk-collega")
        self.colleague_hint = widgets.HTML()
        self.colleague_box = widgets.VBox([self.colleague_choice, self.colleague_hint])
        self.start_button = widgets.Button(
            description="Begin met de scan", button_style="primary", icon="play"
        )
        self.start_button.add_class("wk-start")
        self.last_button = widgets.Button(description="Mijn laatste uitslag bekijken", icon="history")
        self.last_button.add_class("wk-laatste")
        self.data_button = widgets.Button(description="Mijn gegevens", icon="download")
        self.data_button.add_class("wk-gegevens")
        for button in (self.last_button, self.data_button):
            button.layout.width = "auto"
        # on a hub "Mijn gegevens" reads and deletes through the answers service, where everything about you is
        self.my_data = MijnGegevens(
            (lambda: MijnGegevensVia(self.dienst)) if self.dienst is not None else (lambda: self.codes),
            on_deleted=self._deleted,
        )
        buttons = widgets.HBox([self.start_button, self.last_button, self.data_button])
        buttons.add_class("wk-knoppen")
        self.framework_choice.observe(guard(self._on_framework), names="value")
        self.role_choice.observe(guard(self._refresh_colleagues), names="value")
        self.team_input.observe(guard(self._refresh_colleagues), names="value")
        self.start_button.on_click(guard(self._on_start))
        self.last_button.on_click(guard(self._on_last))
        self.data_button.on_click(guard(self._on_my_data))
        hub = " of, op de server van je organisatie, met je eigen account" if self.hub_user else ""
        who_heading = widgets.HTML("<h3>Wie ben je?</h3>")
        # "Nieuwe scan" goes away with the result: the keyboard focus then lands here, not on the page
        who_heading.add_class("wk-focusdoel")
        who_heading.add_class("wk-wie-ben-je")
        self.start_page = widgets.VBox(
            [
                widgets.HTML(WIE_ZIET_WAT.replace("{hub}", hub)),
                who_heading,
                self.name_input,
                self.code_input,
                self.team_input,
                widgets.HTML(
                    "<p class='wk-klein'>Gebruik een voornaam of schuilnaam, geen BSN of telefoonnummer. Bij je "
                    "eerste scan krijg je een herstelcode; met je naam en die code vind je later je vorige scan "
                    "terug (ook de code uit een groepssessie of 'Mijn kalibratie' werkt). De teamcode krijg je van "
                    "je teamleider.</p>"
                ),
                self.share_choice,
                widgets.HTML("<h3>Welk competentiekader?</h3>"),
                self.framework_choice,
                self.framework_text,
                widgets.HTML("<h3>Wat wil je doen?</h3>"),
                self.role_choice,
                self.colleague_box,
                buttons,
                self.my_data.widget,
            ]
        )
        self.start_page.add_class("wk-kaart")
        self._on_framework()

    def _on_framework(self, _change: object = None) -> None:
        fw = load_framework(self.framework_choice.value)
        source = f"Bron: {fw.source} (versie {fw.version})"
        self.framework_text.value = f"<p>{esc(fw.description)}</p><p class='wk-klein'>{esc(source)}</p>"

    def _refresh_colleagues(self, _change: object = None) -> None:
        self.colleague_box.layout.display = "none" if self.role_choice.value == "zelf" else ""
        if self.role_choice.value == "zelf":
            return
        self.colleague_choice.options = []
        code = self.team_input.value.strip()
        if not code:
            self.colleague_hint.value = (
                "<p class='wk-klein'>Vul de teamcode in; daarna kies je hier de collega over wie je de scan "
                "invult.</p>"
            )
            return
        if self.scans().team_naam(code) is None:
            self.colleague_hint.value = f"<p class='wk-waarschuwing'>Teamcode {esc(code)} kennen we niet.</p>"
            return
        me = " ".join(self.name_input.value.split()).casefold()
        people = [p for p in self.scans().collegas(code) if p.weergavenaam.casefold() != me]
        self._colleagues = {p.id: p for p in people}
        counts: dict[str, int] = {}
        options = []
        for p in people:
            counts[p.weergavenaam.casefold()] = counts.get(p.weergavenaam.casefold(), 0) + 1
            number = counts[p.weergavenaam.casefold()]
            options.append((p.weergavenaam if number == 1 else f"{p.weergavenaam} ({number})", p.id))
        self.colleague_choice.options = options
        self.colleague_hint.value = (
            ""
            if options
            else "<p class='wk-klein'>Er staan nog geen collega's in dit team. Vraag je collega's eerst zelf de "
            "scan te doen met deze teamcode.</p>"
        )

    def show_start(self) -> None:
        """Go to step 1 (the answers of an unfinished scan are dropped)."""
        self._refresh_colleagues()
        self.body.children = [self.start_page]

    def _who(self) -> tuple[str, str | None]:
        """The checked display name and team code; a WijkteamError with a Dutch message when either is wrong."""
        if not self.name_input.value.strip():
            raise WijkteamError("Vul eerst je naam in: een voornaam of schuilnaam is genoeg.")
        name = check_display_name(self.name_input.value)
        code = self.team_input.value.strip() or None
        if code is not None and self.scans().team_naam(code) is None:
            raise WijkteamError(
                f"Teamcode {code} kennen we niet. Controleer de code bij je teamleider, of laat het veld leeg."
            )
        return name, code

    def _identify(self, *, create: bool) -> tuple[Deelnemer, bool]:
        """The person at the keyboard (by hub login or by name and herstelcode) in the team typed; True if new.

        Without a herstelcode a new person is made only when ``create`` is set; the new code is shown once.
        """
        name, code = self._who()
        new = False
        if self.dienst is not None:  # on a hub: the service knows who is asking
            return self.dienst.ik(code), False
        if self.hub_user:
            person = self.codes.for_hub_user(self.hub_user)
        elif self.code_input.value.strip():
            person = self.codes.login(name, self.code_input.value, client=self.client)
        elif create:
            nieuw = self.codes.new(name)
            person, new = nieuw.deelnemer, True
            self.code_input.value = nieuw.herstelcode
            self.code_note.value = (
                "<div class='wk-bericht'>Jouw herstelcode: <span class='wk-code'>"
                f"{esc(nieuw.herstelcode)}</span><br>Schrijf hem op. Alleen met je naam en deze code kom je later "
                "terug bij je scan, ook in de andere apps van de kit. We laten hem maar één keer zien.</div>"
            )
        else:
            raise WijkteamError(
                "Vul je herstelcode in: zonder die zes cijfers opent de kit geen eerdere scan, ook niet met de "
                "goede naam en teamcode. Code kwijt? Begin dan een nieuwe scan; je krijgt een nieuwe code."
            )
        if code is not None and person.team != normalise_team_code(code):
            person = self.codes.join_team(person.id, code)
        return person, new

    def _on_start(self, _button: object = None) -> None:
        _name, code = self._who()
        role = self.role_choice.value
        if role != "zelf" and (code is None or self.colleague_choice.value is None):
            raise WijkteamError(
                "Feedback geven kan alleen binnen een team: vul de teamcode in en kies over wie je de scan invult."
            )
        self.my_data.hide()
        person, new = self._identify(create=True)
        about = person if role == "zelf" else self._colleagues.get(self.colleague_choice.value)
        if about is None or (role != "zelf" and about.id == person.id):
            raise WijkteamError(
                "Over jezelf vul je de scan in met 'Ik scan mezelf'. Kies een andere collega."
            )
        if role == "zelf":
            self.scans(person).delen(self.share_choice.value)
        fw = load_framework(self.framework_choice.value)
        self.framework, self.person, self.about, self.role = fw, person, about, role
        earlier = self.scans(person).scans(fw, role, about.id)
        self.previous = earlier[-1] if earlier else None
        self.result = None
        self._welcome(new)
        self._make_questions()
        self.body.children = [self.rating_page]
        self.questionnaire.focus_question()  # keyboard users go on at the first question

    def _welcome(self, new: bool) -> None:
        person, fw = self.person, self.framework
        if new:
            text = f"Welkom, {person.weergavenaam}! Je bent nieuw"
            team = self.scans(person).team_naam(person.team) if person.team else None
            text += f" in team {team}." if team is not None else "."
        else:
            text = f"Welkom terug, {person.weergavenaam}."
        if self.previous is not None:
            what = (
                "je vorige scan" if self.role == "zelf" else f"je vorige scan over {self.about.weergavenaam}"
            )
            text += (
                f" We vonden {what} op {fw.name} van {_date(self.previous.date)}; je ziet hem straks naast je "
                "nieuwe uitslag."
            )
        if self.role == "zelf":
            text += (
                " Je uitslag deel je met naam met je team."
                if self.scans(person).deelt()
                else " Je teamleider ziet je scores niet met je naam; ze tellen alleen mee in het teambeeld."
            )
        self.messages.notice(text)

    def _on_last(self, _button: object = None) -> None:
        self.my_data.hide()
        person, _new = self._identify(create=False)
        fw = load_framework(self.framework_choice.value)
        scans = self.scans(person).scans(fw)
        if not scans:
            raise WijkteamError(f"We vonden geen zelfscan van {person.weergavenaam} op {fw.name}.")
        self.framework, self.person, self.about, self.role = fw, person, person, "zelf"
        self.previous = scans[-2] if len(scans) > 1 else None
        self.messages.notice(f"Je laatste scan op {fw.name} is van {_date(scans[-1].date)}.")
        self._show_result(scans[-1])

    def _on_my_data(self, _button: object = None) -> None:
        person, _new = self._identify(create=False)
        self.messages.clear()
        self.my_data.show(person)

    def _deleted(self) -> None:
        self.person = self.about = self.previous = self.result = None
        self.code_input.value = ""
        self.code_note.value = ""
        self.show_start()
        self.messages.notice(
            "Al je gegevens zijn verwijderd: je scans, ontwikkeldoelen, feedback over jou en je "
            "herstelcode. Er is niets meer van je bewaard."
        )

    # ------------------------------------------------------------------ step 2: one competence per page
    def _build_rating(self) -> None:
        guard = safe(self.messages)
        self.questionnaire: Questionnaire | None = None
        self.submit_button = widgets.Button(description="Inleveren", button_style="success", icon="check")
        self.submit_button.add_class("wk-inleveren")
        self.stop_button = widgets.Button(description="Stoppen", icon="times")
        self.submit_button.on_click(guard(bezig(self.submit_button, "Bezig met inleveren…")(self._on_submit)))
        self.stop_button.on_click(
            guard(
                lambda _b: self.concept.vraag(
                    "Stop je nu, dan gaan je antwoorden verloren.", "Ja, stoppen", self._stop
                )
            )
        )
        self.rating_page = widgets.VBox()

    def _make_questions(self) -> None:
        guard = safe(self.messages)
        q = self.questionnaire = Questionnaire(self.framework, guard)
        for button in (q.prev_button, q.next_button):
            button.on_click(guard(lambda _b: self.messages.clear()))
        buttons = widgets.HBox([q.prev_button, q.next_button, self.submit_button, self.stop_button])
        buttons.add_class("wk-knoppen")
        self.rating_page.children = [q.progress, q.questions, buttons]

    def answer(self, indicator_id: str, value: int | str | None, example: str = "") -> None:
        """Answer one indicator as a click on its scale button would (for tests and scripts)."""
        self.questionnaire.answer(indicator_id, value, example)

    def _stop(self) -> None:
        self.messages.notice("Je hebt de scan gestopt; er is niets bewaard.")
        self.show_start()

    def current_scan(self) -> Scan:
        """The answers so far as a validated scan (dated today)."""
        return Scan.build(self.framework, self.role, self.questionnaire.answers(), self._today())

    def _on_submit(self, _button: object = None) -> None:
        missing = self.questionnaire.missing()
        if missing:
            parts = [f"{name} ({aantal(n, 'vraag', 'vragen')})" for _i, name, n in missing]
            self.questionnaire.show_page(missing[0][0])
            self.questionnaire.focus_question()
            self.messages.warn(
                "Nog niet ingevuld: "
                + ", ".join(parts)
                + ". Kies bij elke vraag een antwoord, of 'weet ik niet'."
            )
            return
        scan = self.current_scan()
        private = scan.warnings()
        if private:
            self.questionnaire.show_competence(self.framework.indicator(private[0].split(":")[0]).competence)
            self.messages.warn(
                "Pas eerst je voorbeeld aan; we bewaren geen echte persoonsgegevens. " + " ".join(private)
            )
            return
        self.scans().bewaar_scan(scan, self.about.id)
        log.info("Competentiescan bewaard (%s, rol %s)", scan.framework, scan.role)
        if self.role == "zelf":
            self.messages.notice("Je scan is bewaard. Hieronder zie je je uitslag.")
        else:
            self.messages.notice(
                f"Bedankt! Je feedback over {self.about.weergavenaam} is bewaard. {self.about.weergavenaam} ziet "
                "alleen het gemiddelde van minstens drie collega's, nooit jouw losse antwoorden."
            )
        self._show_result(scan)
        self.concept.klaar()

    # ------------------------------------------------------------------ step 3: the result
    def _show_result(self, scan: Scan) -> None:
        again = widgets.Button(description="Nieuwe scan", button_style="primary", icon="refresh")
        again.add_class("wk-opnieuw")
        again.on_click(safe(self.messages)(lambda _b: self._again()))
        self.result = ScanResult(
            self.scans(), scan, self.person, self.about, previous=self.previous, today=self._today()
        )
        self.body.children = [self.result.widget, widgets.HBox([again])]
        self.result.widget.children[0].focus()  # the summary: what comes next after "Inleveren"

    def _again(self) -> None:
        self.messages.clear()
        self.show_start()
