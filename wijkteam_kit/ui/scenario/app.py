"""Gesprek en route oefenen: choose a scenario, play it choice by choice, and see the debrief.

The trainer chooses whether feedback appears after every choice or only at the end (also by sharing the link
with ``?feedback=einde``). In a group session (the block at the top) everyone plays the session's scenario and
reaching a debrief hands the route in. The debrief shows the route
next to the recommended one, the dimensions over time (a picture), the principles met and a printable reflection
(Markdown and PDF) with two questions for intervision. All logic is in :mod:`wijkteam_kit.scenario`; this module
only builds widgets.

Examples
--------
>>> app = ScenarioApp(scenario="eerste-gesprek")
>>> app.start_button.click()
>>> app.choice_buttons[0].description[:25]
'"Dat pasje is voor u dus '
>>> app.choice_buttons[0].click()
>>> "Sterke keuze" in app.feedback_html.value
True
>>> app.play_recommended()
>>> "Debrief: de vraag achter de vraag" in app.debrief_html.value
True
>>> app.reflection_button.click()
>>> "reflectie-eerste-gesprek.pdf" in app.downloads.value
True
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import parse_qs

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import aantal, datum_tekst
from wijkteam_kit.document import slug
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.scenario import (
    OORDEEL_NAMEN,
    Scenario,
    Spel,
    Stap,
    available_scenarios,
    debrief,
    load_scenario,
    reflectie_document,
)
from wijkteam_kit.ui.common.bezig import bezig
from wijkteam_kit.ui.common.concept import Concept
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import (
    LazyStore,
    MessageBox,
    close_widgets,
    document_links,
    esc,
    focus_when_drawn,
    safe,
)
from wijkteam_kit.ui.groepssessie.scenario import ScenarioDeelname
from wijkteam_kit.ui.scenario.debrief import debrief_html, moment_html

if TYPE_CHECKING:
    from wijkteam_kit.store.store import Store

__all__ = ["FEEDBACK_MODI", "ScenarioApp"]

#: When feedback is shown: after every choice, or only in the debrief.
FEEDBACK_MODI: dict[str, str] = {"direct": "na elke keuze", "einde": "pas aan het eind"}

Modus = Literal["direct", "einde"]


class ScenarioApp:
    """The whole app as one object; ``widget`` is what the notebook displays.

    Parameters
    ----------
    store : Store, str, Path or None
        Where a group session's routes are saved (opened only when the participant joins a session).
    scenario : str, optional
        Id of the scenario selected at the start (default: ``?scenario=`` in the page address, else the first).
    feedback : "direct" or "einde", optional
        When feedback is shown (default: ``?feedback=einde`` in the page address, else after every choice); the
        trainer can change it before the start.
    on_finish : callable, optional
        Called with the finished :class:`~wijkteam_kit.scenario.Spel` when a debrief is reached (a group session
        hands the route in with it).
    today : date, optional
        The date printed on the reflection (for tests).
    environ : mapping, optional
        Where ``QUERY_STRING`` is read (``?sessie=ABC123&feedback=einde``); default ``os.environ``.
    """

    def __init__(
        self,
        store: Store | str | Path | None = None,
        *,
        scenario: str | None = None,
        feedback: Modus | None = None,
        on_finish: Callable[[Spel], None] | None = None,
        today: dt.date | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        query = parse_qs(env.get("QUERY_STRING", "").lstrip("?"))
        scenario = scenario or (query.get("scenario") or [None])[0]
        if feedback is None:
            feedback = "einde" if (query.get("feedback") or [""])[0] == "einde" else "direct"
        self._stores = LazyStore(store)
        self.sessie = ScenarioDeelname(self._stores, environ=env)
        self.sessie.on_join(lambda _aanmelding, found: self._joined(found))
        self.messages = MessageBox()
        self.messages.html.add_class("wk-scenario-melding")
        guard = safe(self.messages)
        self.on_finish = on_finish
        self.today = today
        self.spel: Spel | None = None
        ids = available_scenarios()
        self.load_warnings: list[str] = []
        self.scenarios: dict[str, Scenario] = {}
        options = []
        for scenario_id in ids:
            try:
                loaded = load_scenario(scenario_id)
            except Exception as exc:  # a trainer's broken file must not stop the app
                self.load_warnings.append(f"Scenario '{scenario_id}' kan niet geladen worden: {exc}")
                continue
            self.scenarios[scenario_id] = loaded
            options.append((loaded.titel, scenario_id))
        self.scenario_choice = widgets.Dropdown(
            options=options,
            value=scenario if scenario in self.scenarios else (options[0][1] if options else None),
            description="Scenario:",
            layout={"width": "560px"},
            style={"description_width": "initial"},
        )
        self.scenario_choice.add_class("wk-scenario-keuze")
        self.feedback_mode = widgets.RadioButtons(
            options=[(label, key) for key, label in FEEDBACK_MODI.items()],
            value=feedback,
            description="Feedback tonen:",
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        self.feedback_mode.add_class("wk-feedback-modus")
        self.start_button = widgets.Button(
            description="Begin het scenario", button_style="primary", icon="play"
        )
        self.start_button.add_class("wk-start")
        self.intro_html = widgets.HTML()
        self.intro_html.add_class("wk-scenario-intro")

        self.progress_html = widgets.HTML()
        self.progress_html.add_class("wk-voortgang")
        self.feedback_html = widgets.HTML()
        self.feedback_html.add_class("wk-feedback")
        self.moment_html = widgets.HTML()
        self.moment_html.add_class("wk-moment")
        # keyboard focus: a chosen answer's button goes away, the focus goes on to the next moment (and on a
        # new play, as soon as it is drawn: toegankelijk.js in the Voila template)
        focus_when_drawn(self.moment_html).add_class("wk-focusdoel")
        self.choices_box = widgets.VBox()
        self.choices_box.add_class("wk-keuzes")
        self.choice_buttons: list[widgets.Button] = []
        self.undo_button = widgets.Button(description="Vorige keuze terugdraaien", icon="undo")
        self.undo_button.add_class("wk-terug")
        self.restart_button = widgets.Button(description="Opnieuw beginnen", icon="refresh")
        self.restart_button.add_class("wk-opnieuw")
        self.play_box = widgets.VBox(
            [
                self.progress_html,
                self.feedback_html,
                self.moment_html,
                self.choices_box,
                widgets.HBox([self.undo_button, self.restart_button]),
            ]
        )
        self.play_box.add_class("wk-kaart")
        self.play_box.add_class("wk-spel")

        self.debrief_html = widgets.HTML()
        self.debrief_html.add_class("wk-debrief")
        focus_when_drawn(self.debrief_html).add_class("wk-focusdoel")  # the end of the route: the debrief
        self.name = widgets.Text(
            description="Je naam op de reflectie (mag leeg):",
            placeholder="bijvoorbeeld je voornaam",
            style={"description_width": "initial"},
            layout={"width": "520px"},
        )
        self.name.add_class("wk-naam")
        self.reflection_button = widgets.Button(description="Reflectie maken om te printen", icon="file-text")
        self.reflection_button.add_class("wk-reflectie")
        self.downloads = widgets.HTML()
        self.downloads.add_class("wk-downloads")
        self.debrief_box = widgets.VBox(
            [
                self.debrief_html,
                widgets.HBox([self.name, self.reflection_button], layout={"flex_flow": "row wrap"}),
                self.downloads,
            ]
        )
        self.debrief_box.add_class("wk-kaart")

        self.scenario_choice.observe(guard(self._on_scenario), names="value")
        self.start_button.on_click(guard(self._on_start))
        self.undo_button.on_click(guard(self._on_undo))
        self.restart_button.on_click(
            guard(
                lambda _b: self.concept.vraag(
                    "Begin je opnieuw, dan gaan de keuzes die je nu gemaakt hebt verloren.",
                    "Ja, opnieuw beginnen",
                    self._on_start,
                )
            )
        )
        self.reflection_button.on_click(
            guard(bezig(self.reflection_button, "Reflectie maken…")(self._on_reflection))
        )
        self._guard = guard

        header = widgets.HTML(
            "<h2>Gesprek en route oefenen</h2><p class='wk-intro'>Kies een scenario en speel het door: bij elk "
            "moment kies je wat jij zou doen. Er is niet één weg, maar niet elke weg helpt het huishouden even "
            "goed. Aan het eind zie je jouw route naast de aanbevolen route, hoe eigen regie, veiligheid, "
            "vertrouwen en tempo veranderden, en welke principes je tegenkwam.</p>"
        )
        settings_row = widgets.HBox(
            [self.scenario_choice, self.feedback_mode, self.start_button],
            layout={"flex_flow": "row wrap", "align_items": "flex-start"},
        )
        settings_row.add_class("wk-knoppen")
        self.concept = Concept(
            "scenario",
            bewaar=self._concept_data,
            herstel=self._herstel_concept,
            samenvatting=self._concept_samenvatting,
            stores=self._stores,
            client=lambda: self.sessie.client,
        )
        self.widget = widgets.VBox(
            [
                style_widget("ui/scenario/scenario.css"),
                header,
                self.sessie.widget,
                settings_row,
                self.messages.html,
                self.concept.widget,
                self.intro_html,
            ]
        )
        self.widget.add_class("wk-app")
        self.widget.add_class("wk-scenario")
        self._on_scenario()
        for part in (self.play_box, self.debrief_box):
            self.concept.volg(part)

    # ------------------------------------------------------------------ the draft (nothing typed is lost)
    def _concept_data(self) -> dict | None:
        """The scenario and the route so far, or None before the first choice."""
        if self.spel is None or not self.spel.stappen:
            return None
        return {
            "scenario": self.scenario.id,
            "feedback": self.feedback_mode.value,
            "route": [stap.index for stap in self.spel.stappen],
            "naam": self.name.value,
        }

    def _herstel_concept(self, data: dict) -> None:
        if data.get("scenario") not in self.scenarios:
            raise WijkteamError(f"Het scenario {data.get('scenario')!r} is er niet (meer).")
        self.scenario_choice.value = data["scenario"]
        self.feedback_mode.value = data.get("feedback") or "direct"
        self._on_start()
        for index in data.get("route") or ():
            self.choose(int(index))
        self.name.value = str(data.get("naam") or "")

    def _concept_samenvatting(self, data: dict) -> str:
        found = self.scenarios.get(data.get("scenario"))
        title = found.titel if found else str(data.get("scenario"))
        return f"het scenario '{title}' na {aantal(len(data.get('route') or ()), 'keuze', 'keuzes')}"

    # ------------------------------------------------------------------ state
    @property
    def scenario(self) -> Scenario:
        """The selected scenario."""
        return self.scenarios[self.scenario_choice.value]

    @property
    def direct(self) -> bool:
        """True when feedback appears after every choice."""
        return self.feedback_mode.value == "direct"

    def use_request(self, environ: Mapping[str, str]) -> None:
        """Read the page's request (``?sessie=``, ``?scenario=``, ``?feedback=einde``): see ``na_paginaverzoek``."""
        self.sessie.use_request(environ)
        query = parse_qs(environ.get("QUERY_STRING", "").lstrip("?"))
        if (query.get("feedback") or [""])[0] == "einde":
            self.feedback_mode.value = "einde"
        wanted = (query.get("scenario") or [None])[0]
        if wanted in self.scenarios:
            self.scenario_choice.value = wanted

    def _set_body(self, *parts: widgets.Widget) -> None:
        head = list(self.widget.children[:7])
        self.widget.children = (*head, *parts)

    # ------------------------------------------------------------------ callbacks
    def _on_scenario(self, _change: object = None) -> None:
        self.spel = None
        self.messages.clear()
        if self.load_warnings:
            self.messages.warn(" ".join(self.load_warnings))
        if not self.scenarios:
            self.intro_html.value = "<p>Er zijn geen scenario's gevonden.</p>"
            self.start_button.disabled = True
            return
        s = self.scenario
        casus = f"<p class='wk-klein'>Hoort bij de casus <em>{esc(s.casus)}</em>.</p>" if s.casus else ""
        self.intro_html.value = (
            f"<div class='wk-kaart'><h3>{esc(s.titel)}</h3><p><strong>{esc(s.thema)}</strong></p>"
            f"<p>{esc(s.samenvatting)}</p><p class='wk-rol'>{esc(s.rol)}</p>"
            f"<p class='wk-klein'>{len(s.beslismomenten)} beslismomenten · {len(s.debriefs)} manieren waarop het kan "
            f"aflopen</p>{casus}</div>"
        )
        self._set_body()

    def _joined(self, found: object) -> None:
        """The participant joined a session: play the session's scenario (the choice is locked)."""
        if not isinstance(found, Scenario):
            return
        if found.id not in self.scenarios:
            self.scenarios[found.id] = found
            self.scenario_choice.options = [*self.scenario_choice.options, (found.titel, found.id)]
        self.scenario_choice.value = found.id
        self.scenario_choice.disabled = True
        self._on_scenario()
        self.messages.notice(
            "Je speelt het scenario van de sessie. Als je bij een debrief komt, lever je in."
        )

    def _on_start(self, _button: object = None) -> None:
        self.spel = Spel(self.scenario)
        self.feedback_html.value = ""
        self.downloads.value = ""
        self.messages.clear()
        self.feedback_mode.disabled = True
        self._show()
        self.moment_html.focus()  # when the moment is drawn already ("Opnieuw beginnen")

    def _on_undo(self, _button: object = None) -> None:
        if self.spel is None or not self.spel.stappen:
            self.messages.warn("Er is nog geen keuze om terug te draaien.")
            return
        self.spel.terug()
        self.feedback_html.value = ""
        self._show()

    def choose(self, index: int) -> None:
        """Make choice ``index`` (0-based) at the current moment, as a click on its button would."""
        if self.spel is None:
            self._on_start()
        assert self.spel is not None
        stap = self.spel.kies(index)
        self.feedback_html.value = self._feedback(stap)
        self._show()
        self.concept.gewijzigd()

    def play_recommended(self) -> None:
        """Follow the recommended choice to the end (for demonstrations and tests)."""
        if self.spel is None:
            self._on_start()
        assert self.spel is not None
        while not self.spel.klaar:
            index = self.spel.moment.aanbevolen
            if index is None:
                break
            self.choose(index)

    def _feedback(self, stap: Stap) -> str:
        choice = esc(stap.keuze.tekst)
        if not self.direct:
            return f"<div class='wk-gekozen' role='status'>Je koos: {choice}. Je keuze is genoteerd.</div>"
        principe = self.scenario.principe(stap.keuze.principe) if stap.keuze.principe else None
        tied = (
            f"<p class='wk-principe'>Principe: <strong>{esc(principe.naam)}</strong></p>" if principe else ""
        )
        verdict = stap.keuze.oordeel
        return (
            f"<div class='wk-feedbackblok wk-oordeel-{verdict}' role='status'><p><strong>"
            f"{esc(OORDEEL_NAMEN[verdict].capitalize())}.</strong> Je koos: {choice}</p>"
            f"<p>{esc(stap.keuze.feedback)}</p>{tied}</div>"
        )

    def _show(self) -> None:
        assert self.spel is not None
        spel = self.spel
        moment = spel.moment
        self.undo_button.disabled = not spel.stappen
        if moment.debrief:
            self.progress_html.value = (
                f"<p><strong>Afgelopen</strong> na {aantal(len(spel.stappen), 'keuze', 'keuzes')}.</p>"
            )
            self.moment_html.value = ""
            self.moment_html.remove_class("wk-focusdoel")  # empty now: the focus goes to the debrief
            self.choices_box.children = ()
            close_widgets(self.choice_buttons)
            self.choice_buttons = []
            self.debrief_html.value = debrief_html(debrief(spel))
            self.downloads.value = ""
            self._set_body(self.play_box, self.debrief_box)
            self.feedback_mode.disabled = False
            self.concept.klaar(wis=False)  # the route is played out: a restart loses nothing any more
            if self.sessie.joined and self.sessie.submit(spel.payload()) is not None:
                self.messages.notice(
                    "Je route is ingeleverd bij de sessie. Speel je opnieuw, dan telt je laatste route."
                )
            if self.on_finish is not None:
                self.on_finish(spel)
            return
        self.progress_html.value = (
            f"<p><strong>Moment {len(spel.stappen) + 1}</strong> · {esc(self.scenario.titel)}</p>"
        )
        self.moment_html.value = moment_html(moment)
        self.moment_html.add_class("wk-focusdoel")
        buttons = []
        for i, keuze in enumerate(moment.keuzes):
            button = widgets.Button(description=keuze.tekst, tooltip=keuze.tekst, layout={"width": "100%"})
            button.add_class("wk-keuze")
            button.add_class(f"wk-keuze-{i + 1}")
            button.on_click(self._guard(lambda _b, i=i: self.choose(i)))
            buttons.append(button)
        old, self.choice_buttons = self.choice_buttons, buttons
        self.choices_box.children = tuple(buttons)
        close_widgets(old)  # new buttons for a new moment (the focus moves on), the old ones closed
        self._set_body(self.play_box)

    def _on_reflection(self, _button: object = None) -> None:
        if self.spel is None or not self.spel.klaar:
            self.messages.warn("Speel het scenario eerst helemaal door; daarna kun je de reflectie maken.")
            return
        today = self.today or dt.date.today()
        doc = reflectie_document(debrief(self.spel), naam=self.name.value, datum=datum_tekst(today))
        self.downloads.value = (
            "<p>"
            + document_links(
                doc,
                f"reflectie-{slug(self.scenario.id, 'scenario')}",
                labels=("Download als Markdown", "Download als PDF"),
            )
            + "</p>"
        )
        self.messages.notice("De reflectie staat klaar om te downloaden en te printen.")
        self.concept.klaar()
