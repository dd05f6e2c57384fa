"""The competence scan: who you are, a framework and a role; one competence per page; save and see the result.

The view holds widgets and texts only; scoring comes from :mod:`wijkteam_kit.competenties`, saving and finding
from :mod:`wijkteam_kit.competenties.opslag` (through the one :class:`~wijkteam_kit.store.Store`). The store is
opened at the first click that needs it, so building the app writes nothing. The second tab is the team view
(:mod:`wijkteam_kit.ui.competentie_scan.team`).

Examples
--------
>>> from wijkteam_kit.store import Store
>>> app = CompetentieScan(Store(":memory:"))
>>> app.name_input.value, app.framework_choice.value = "Kim", "movisie-2017"
>>> app.start_button.click()
>>> for indicator in app.framework.indicator_ids:
...     app.answer(indicator, 4)
>>> app.submit_button.click()
>>> app.result.scores["eigen_regie"].phase
'vakvolwassen'
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import aantal, datum_tekst
from wijkteam_kit.competenties.frameworks import Framework, available_frameworks, load_framework
from wijkteam_kit.competenties.opslag import (
    find_participant,
    latest_scan,
    participant_for,
    save_scan,
    stored_scans,
)
from wijkteam_kit.competenties.scan import Scan
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.store.schema import Deelnemer, check_display_name
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.bezig import bezig
from wijkteam_kit.ui.common.concept import Concept
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
    """

    def __init__(self, store: Store | str | Path | None = None, *, today: dt.date | None = None) -> None:
        self._stores = LazyStore(store)
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
        self.team = TeamOverzicht(lambda: self.store)
        self.concept = Concept(
            "competentie_scan",
            bewaar=self._concept_data,
            herstel=self._herstel_concept,
            samenvatting=self._concept_samenvatting,
            stores=self._stores,
        )
        scan_tab = widgets.VBox([self.messages.html, self.concept.widget, self.body])
        self.tabs = widgets.Tab(children=[scan_tab, self.team.widget])
        self.tabs.titles = ("Mijn scan", "Teamoverzicht (teamleider)")
        header = widgets.HTML(
            "<h2>Competentiescan</h2><p class='wk-intro'>Kijk naar jezelf als generalist: waar ben je sterk en "
            "waar wil je groeien? Je kiest per vraag hoe vaak je dat gedrag laat zien. De scan is voor je eigen "
            "ontwikkeling, niet voor een beoordeling. Collega's kunnen dezelfde scan over jou invullen; je ziet hun "
            "scores pas als minstens drie collega's meededen, en dan alleen het gemiddelde.</p>"
        )
        self.widget = widgets.VBox([style_widget("ui/competentie_scan/competentie_scan.css"), header, self.tabs])
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
            "kader": self.framework_choice.value,
            "rol": self.role_choice.value,
            "collega": self.colleague_choice.value,
            "antwoorden": {i: [w.value, q.examples[i].value] for i, w in q.scale.items() if w.value is not None},
            "pagina": q.page,
        }

    def _herstel_concept(self, data: dict) -> None:
        self.name_input.value = str(data.get("naam") or "")
        self.team_input.value = str(data.get("team") or "")
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

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    # ------------------------------------------------------------------ step 1: who, which framework, which role
    def _build_start(self) -> None:
        guard = safe(self.messages)
        self.name_input = widgets.Text(
            description="Je naam:", placeholder="voornaam of schuilnaam", layout={"width": "460px"}
        )
        self.name_input.add_class("wk-naam")
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
        buttons = widgets.HBox([self.start_button, self.last_button])
        buttons.add_class("wk-knoppen")
        self.framework_choice.observe(guard(self._on_framework), names="value")
        self.role_choice.observe(guard(self._refresh_colleagues), names="value")
        self.team_input.observe(guard(self._refresh_colleagues), names="value")
        self.start_button.on_click(guard(self._on_start))
        self.last_button.on_click(guard(self._on_last))
        self.start_page = widgets.VBox(
            [
                widgets.HTML("<h3>Wie ben je?</h3>"),
                self.name_input,
                self.team_input,
                widgets.HTML(
                    "<p class='wk-klein'>Gebruik een voornaam of schuilnaam, geen BSN of telefoonnummer. Met "
                    "dezelfde naam en teamcode vind je later je vorige scan terug. De teamcode krijg je van je "
                    "teamleider.</p><h3>Welk competentiekader?</h3>"
                ),
                self.framework_choice,
                self.framework_text,
                widgets.HTML("<h3>Wat wil je doen?</h3>"),
                self.role_choice,
                self.colleague_box,
                buttons,
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
        if self.store.team(code) is None:
            self.colleague_hint.value = f"<p class='wk-waarschuwing'>Teamcode {esc(code)} kennen we niet.</p>"
            return
        me = " ".join(self.name_input.value.split()).casefold()
        people = [p for p in self.store.participants(team=code) if p.weergavenaam.casefold() != me]
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
        if code is not None and self.store.team(code) is None:
            raise WijkteamError(
                f"Teamcode {code} kennen we niet. Controleer de code bij je teamleider, of laat het veld leeg."
            )
        return name, code

    def _on_start(self, _button: object = None) -> None:
        name, code = self._who()
        role = self.role_choice.value
        if role != "zelf" and (code is None or self.colleague_choice.value is None):
            raise WijkteamError(
                "Feedback geven kan alleen binnen een team: vul de teamcode in en kies over wie je de scan invult."
            )
        person, new = participant_for(self.store, name, code)
        about = person if role == "zelf" else self.store.participant(self.colleague_choice.value)
        if about is None or (role != "zelf" and about.id == person.id):
            raise WijkteamError(
                "Over jezelf vul je de scan in met 'Ik scan mezelf'. Kies een andere collega."
            )
        fw = load_framework(self.framework_choice.value)
        self.framework, self.person, self.about, self.role = fw, person, about, role
        self.previous = latest_scan(self.store, about.id, fw, role, rater_id=person.id)
        self.result = None
        self._welcome(new)
        self._make_questions()
        self.body.children = [self.rating_page]

    def _welcome(self, new: bool) -> None:
        person, fw = self.person, self.framework
        _found, count = find_participant(self.store, person.weergavenaam, person.team)
        if new:
            text = f"Welkom, {person.weergavenaam}! Je bent nieuw"
            team = self.store.team(person.team) if person.team else None
            text += f" in team {team.naam}." if team is not None else "."
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
        if count > 1:
            text += (
                f" Let op: er zijn {count} deelnemers met de naam {person.weergavenaam}; we gebruiken de laatst "
                "aangemaakte. Ben jij dat niet? Kies dan een naam die nog niet voorkomt, bijvoorbeeld met de eerste "
                "letter van je achternaam."
            )
        self.messages.notice(text)

    def _on_last(self, _button: object = None) -> None:
        name, code = self._who()
        person, _count = find_participant(self.store, name, code)
        fw = load_framework(self.framework_choice.value)
        scans = [] if person is None else stored_scans(self.store, person.id, fw)
        if not scans:
            where = f" in team {code}" if code else " zonder teamcode"
            raise WijkteamError(f"We vonden geen zelfscan van {name}{where} op {fw.name}.")
        self.framework, self.person, self.about, self.role = fw, person, person, "zelf"
        self.previous = scans[-2][1] if len(scans) > 1 else None
        self.messages.notice(f"Je laatste scan op {fw.name} is van {_date(scans[-1][1].date)}.")
        self._show_result(scans[-1][1])

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
        save_scan(self.store, self.person.id, scan, self.about.id)
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
            self.store, scan, self.person, self.about, previous=self.previous, today=self._today()
        )
        self.body.children = [self.result.widget, widgets.HBox([again])]

    def _again(self) -> None:
        self.messages.clear()
        self.show_start()
