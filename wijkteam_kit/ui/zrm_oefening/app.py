"""The ZRM exercise: choose a casus, read it, score every domain, compare with the reference.

The view holds widgets and texts only; the scoring rules and the feedback come from
:mod:`wijkteam_kit.zrm` and :mod:`wijkteam_kit.zrm.score_feedback`. At the top a
:class:`~wijkteam_kit.ui.groepssessie.deelname.GroepssessieDeelname` block lets a participant join a group session: the
session's casus opens at once and "Inleveren" also hands the scores in to the session.

Examples
--------
>>> app = ZrmOefening()
>>> app.casus_choice.value = app.casus_choice.options[0][1]
>>> app.start_button.click()
>>> for d in app.version.domain_ids:
...     app.choose_level(d, 3)
>>> app.ladder.value = 2
>>> app.submit_button.click()
>>> app.result is not None
True
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import aantal
from wijkteam_kit.casus.model import Casus, load_library
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.privacy import privacy_message
from wijkteam_kit.ui.common.bezig import bezig
from wijkteam_kit.ui.common.casus_view import casus_html
from wijkteam_kit.ui.common.concept import Concept
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, close_widgets, esc, safe
from wijkteam_kit.ui.groepssessie.deelname import GroepssessieDeelname
from wijkteam_kit.ui.groepssessie.koppeling import zrm_joined
from wijkteam_kit.ui.zrm_oefening.evaluatie import EvaluatieVragen, evaluation_view, t1_html
from wijkteam_kit.ui.zrm_oefening.kalibratie import MijnKalibratie
from wijkteam_kit.ui.zrm_oefening.resultaat import ResultView
from wijkteam_kit.zrm.assessment import BASIS, Assessment
from wijkteam_kit.zrm.evaluation import Evaluation, evaluate
from wijkteam_kit.zrm.mapping import load_mapping
from wijkteam_kit.zrm.participatieladder import ladder_rules, load_ladder, rung
from wijkteam_kit.zrm.score_feedback import ZrmFeedback, feedback
from wijkteam_kit.zrm.versions import Domain, ZrmVersion, load_version

if TYPE_CHECKING:
    from wijkteam_kit.plan.model import Plan
    from wijkteam_kit.store.store import Store

__all__ = ["ZrmOefening", "ladder_rules_html"]

log = logging.getLogger("wijkteam_kit.ui.zrm_oefening")
NVT = "nvt"
LADDER_STEP = "__ladder__"


def ladder_rules_html() -> str:
    """The rules for choosing a rung, each with its reason, as the learner sees them beside the ladder.

    >>> "65 jaar of ouder" in ladder_rules_html() and "Waarom:" in ladder_rules_html()
    True
    """
    items = "".join(
        f"<li><strong>{esc(r.title)}.</strong> {esc(r.rule)}<br><span class='wk-klein'>Waarom: {esc(r.reason)}"
        "</span></li>"
        for r in ladder_rules()
    )
    return f"<div class='wk-ladder-regels'><p><strong>Zo kies je de trede</strong></p><ul>{items}</ul></div>"


def _borrowed_descriptors(version: ZrmVersion, domain_id: str) -> tuple[list[tuple[str, Domain]], str]:
    """For a domain without level descriptors (the Groningen leefgebieden): the ZRM 2013 domains it maps from.

    Returns (source name, source domain) pairs and a note for the learner; ``([], "")`` when the domain has its own
    descriptors.
    """
    if version.domain(domain_id).levels:
        return [], ""
    try:
        mapping = load_mapping("zrm2013", version.id)
    except WijkteamError:
        mapping = None
    source = load_version("zrm2013")
    names = [d for rule in (mapping.rules if mapping else ()) if domain_id in rule.targets for d in rule.sources]
    borrowed = [(source.domain(d).name, source.domain(d)) for d in names]
    if borrowed:
        what = " en ".join(name for name, _ in borrowed)
        return borrowed, (
            f"{version.name} heeft geen eigen niveaubeschrijvingen. Ter vergelijking staan hieronder die van "
            f"ZRM 2013 ({what}), zoals de omzetting ze koppelt; kies het niveau dat het best past."
        )
    return [], (
        f"{version.name} heeft geen eigen niveaubeschrijvingen, en dit leefgebied heeft geen ZRM-domein als bron. "
        "Kies het niveau waarvan het label het best past bij de situatie van nu."
    )


class ZrmOefening:
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
        self.library: list[Casus] = []
        self.casus: Casus | None = None
        self.version: ZrmVersion | None = None
        self.levels: dict[str, int | str | None] = {}
        self.notes: dict[str, str] = {}
        self.basis: dict[str, str | None] = {}
        self.current = ""
        self.result: ZrmFeedback | None = None
        self.mode = "t0"  # "t1": the evaluation exercise (score the later moment, answer the evaluation questions)
        self.evaluation: Evaluation | None = None
        self.vragen: EvaluatieVragen | None = None
        self._updating = False
        self._result: ResultView | None = None  # built when scoring starts, reused at every hand-in
        self._after: dict[str, widgets.Widget] = {}
        self.body = widgets.VBox()
        header = widgets.HTML(
            "<h2>ZRM-oefening</h2><p class='wk-intro'>Lees een casus, schat per levensdomein de "
            "zelfredzaamheid in en vergelijk je scores met de referentie van de trainer.</p>"
        )
        self.sessie = GroepssessieDeelname(
            self._stores, "zrm", library=lambda: self.library, environ=environ, also=("evaluatie",)
        )
        self.sessie.on_join(lambda a, c: zrm_joined(self, a, c))
        self.kalibratie = MijnKalibratie(
            self._stores, lambda: self.library, client=self.sessie.client, zichtbaar=False
        )
        if not self.sessie.hub:  # on a hub the session's participant lives in the answers service, not here
            self.sessie.on_join(
                lambda a, _c: self.kalibratie.use(a.deelname.deelnemer_id, a.deelname.weergavenaam)
            )
        self.kalibratie_button = widgets.Button(description="Mijn kalibratie", icon="line-chart")
        self.kalibratie_button.layout.width = "auto"
        self.kalibratie_button.add_class("wk-kalibratie-knop")
        self.kalibratie_button.on_click(safe(self.messages)(self._on_kalibratie))
        self.concept = Concept(
            "zrm_oefening",
            bewaar=self._concept_data,
            herstel=self._herstel_concept,
            samenvatting=self._concept_samenvatting,
            stores=self._stores,
        )
        self.concept.volg_sessie(self.sessie)
        self.kalibratie.op_gebruik(self.concept.koppel)
        self.concept.op_gekoppeld(self.kalibratie.use)
        self.widget = widgets.VBox(
            [
                style_widget(),
                header,
                self.sessie.widget,
                self.kalibratie_button,
                self.kalibratie.widget,
                self.messages.html,
                self.concept.widget,
                self.body,
            ]
        )
        self.widget.add_class("wk-app")
        self._build_choose()
        self._build_score()
        try:
            self.library = library if library is not None else load_library()
        except WijkteamError as exc:
            log.error("Casusbibliotheek: %s", exc)
            self.messages.error(f"De casusbibliotheek kon niet geladen worden. {exc}")
        self.casus_choice.options = [(c.titel, c.id) for c in self.library]
        if self.library:
            self.casus_choice.value = self.library[0].id
        self.show_choose()
        self.concept.volg(self.body)

    # ------------------------------------------------------------------ the draft (nothing typed is lost)
    def _concept_data(self) -> dict | None:
        """The scores so far, or None before scoring started, after handing in, or with nothing scored yet."""
        if self.casus is None or self.version is None or self.result is not None or self.evaluation is not None:
            return None
        if self.body.children != (self.score_page,) and (self.vragen is None or self.mode != "t1"):
            return None
        touched = any(v is not None for v in self.levels.values()) or any(self.notes.values())
        if not touched and self.ladder.value is None:
            return None
        return {
            "casus": self.casus.id,
            "moment": self.mode,
            "niveaus": dict(self.levels),
            "toelichting": dict(self.notes),
            "basis": dict(self.basis),
            "ladder": self.ladder.value,
            "stap": self.current,
        }

    def _concept_samenvatting(self, data: dict) -> str:
        casus = next((c for c in self.library if c.id == data.get("casus")), None)
        scored = sum(1 for v in data.get("niveaus", {}).values() if v is not None)
        title = casus.titel if casus else str(data.get("casus"))
        return f"ZRM-scores bij de casus '{title}', {aantal(scored, 'domein', 'domeinen')} gescoord"

    def _herstel_concept(self, data: dict) -> None:
        """Open the casus of a draft and put its scores back."""
        if data.get("casus") not in {c.id for c in self.library}:
            raise WijkteamError(f"De casus {data.get('casus')!r} staat niet (meer) in de bibliotheek.")
        self.casus_choice.value = data["casus"]
        self.moment.value = data.get("moment", "t0")
        self._on_start()
        for domain in self.version.domain_ids:
            level = (data.get("niveaus") or {}).get(domain)
            self.levels[domain] = level if level in (1, 2, 3, 4, 5, NVT) else None
            self.notes[domain] = str((data.get("toelichting") or {}).get(domain) or "")
            basis = (data.get("basis") or {}).get(domain)
            self.basis[domain] = basis if basis in BASIS else None
        ladder = data.get("ladder")
        self.ladder.value = ladder if ladder in [o[1] for o in self.ladder.options] else None
        step = data.get("stap")
        self.show_step(step if step in self._steps() else self.version.domain_ids[0])

    def _andere_casus(self) -> None:
        """Back to the casus choice; with scores in progress, ask first."""
        self.concept.vraag(
            "Je hebt bij deze casus al gescoord. Kies je een andere casus, dan gaan deze scores verloren.",
            "Ja, andere casus kiezen",
            self.show_choose,
        )

    # ------------------------------------------------------------------ step 1: choose and read
    def use_request(self, environ: Mapping[str, str]) -> None:
        """Read the page's request (``?sessie=``, the caller's address): see ``na_paginaverzoek``."""
        self.sessie.use_request(environ)

    def _build_choose(self) -> None:
        self.casus_choice = widgets.Dropdown(description="Casus:", options=[], layout={"width": "520px"})
        self.casus_choice.add_class("wk-casus-keuze")
        # one name field on the page: the group-session block's "Je naam:" is also the name on the scores
        self.rater = self.sessie.name_input
        self.rater.add_class("wk-beoordelaar")
        self.moment = widgets.RadioButtons(
            description="Oefening:",
            options=[
                ("Eerste contact (T0): de ZRM scoren", "t0"),
                ("Evaluatie (T1): een half jaar later opnieuw scoren en evalueren", "t1"),
            ],
            value="t0",
            layout={"width": "auto"},
        )
        self.moment.add_class("wk-moment")
        self.casus_text = widgets.HTML()
        self.casus_text.add_class("wk-kaart")
        self.start_button = widgets.Button(
            description="Begin met scoren", button_style="primary", icon="play", layout={"width": "220px"}
        )
        self.start_button.add_class("wk-start")
        self.casus_choice.observe(safe(self.messages)(self._on_casus), names="value")
        self.start_button.on_click(safe(self.messages)(self._on_start))
        self.choose_page = widgets.VBox(
            [self.casus_choice, self.moment, self.casus_text, self.start_button]
        )

    def _selected(self) -> Casus | None:
        return next((c for c in self.library if c.id == self.casus_choice.value), None)

    def _on_casus(self, _change: object = None) -> None:
        casus = self._selected()
        self.casus_text.value = casus_html(casus) if casus else "<p>Kies hierboven een casus.</p>"

    def show_choose(self) -> None:
        """Go to step 1."""
        self._on_casus()
        self.start_button.disabled = not self.library
        self.body.children = [self.choose_page]

    def _on_start(self, _button: object = None) -> None:
        casus = self._selected()
        if casus is None:
            self.messages.warn("Kies eerst een casus.")
            return
        if self.moment.value == "t1" and casus.t1 is None:
            self.messages.warn("Deze casus heeft nog geen later moment (T1). Kies een andere casus of oefening.")
            return
        self.messages.clear()
        self.mode = self.moment.value
        self.evaluation = None
        self.casus, self.version = casus, casus.version()
        self.levels = {d: None for d in self.version.domain_ids}
        self.notes = {d: "" for d in self.version.domain_ids}
        self.basis = {d: None for d in self.version.domain_ids}
        self.ladder.value = None
        self.result = None
        self.level_choice.tooltips = [
            *(f"{k} – {v}" for k, v in self.version.level_labels.items()),
            "niet besproken of niet van toepassing",
        ]
        if self.mode == "t1":
            later = widgets.HTML(t1_html(casus))
            later.add_class("wk-t1-tekst")
            self.reread.children = [widgets.HTML(casus_html(casus)), later]
            self.reread.titles = ("Casus teruglezen (eerste contact)", "Een half jaar later (T1)")
            self.reread.selected_index = 1
        else:
            self.reread.children = [widgets.HTML(casus_html(casus))]
            self.reread.titles = ("Casus teruglezen",)
            self.reread.selected_index = None
        self.show_step(self.version.domain_ids[0])
        self.body.children = [self.score_page]
        self._focus_step()
        # The result page now, while the person reads and scores: then "Inleveren" only sends its values
        # (and finds the modules it needs loaded).
        self._result_view()
        import wijkteam_kit.draw.zrm_profiel_svg
        import wijkteam_kit.groepssessie.analyse.zrm  # noqa: F401
        self._after_result("aanpassen" if self.sessie.joined else "opnieuw")

    # ------------------------------------------------------------------ step 2: score
    def _build_score(self) -> None:
        self.reread = widgets.Accordion(children=[widgets.HTML()], titles=("Casus teruglezen",))
        self.nav = widgets.VBox(layout={"width": "290px"})
        self._nav_buttons: dict[str, widgets.Button] = {}
        self.nav.add_class("wk-nav")
        self.domain_text = widgets.HTML()
        self.level_choice = widgets.ToggleButtons(
            options=[("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("niet besproken", NVT)],
            value=None,
            style={"button_width": "auto"},
        )
        self.level_choice.add_class("wk-niveau")
        self.level_choice.add_class("wk-focusdoel")  # where the keyboard focus goes on a new step
        self.basis_choice = widgets.Dropdown(
            description="Rust op:",
            options=[("(niet ingevuld)", None)] + [(v, k) for k, v in BASIS.items()],
            layout={"width": "330px"},
        )
        self.note = widgets.Textarea(placeholder="Waarom dit niveau? (optioneel)", layout={"width": "100%"})
        self.note.add_class("wk-motivatie")
        self.note_warning = widgets.HTML()
        ladder = load_ladder()
        self.ladder = widgets.ToggleButtons(
            options=[(str(r.number), r.number) for r in ladder],
            value=None,
            tooltips=[r.name for r in ladder],
            tooltip="Trede op de participatieladder",
            style={"button_width": "48px"},
        )
        self.ladder.add_class("wk-ladder")
        self.ladder.add_class("wk-focusdoel")
        self.ladder_text = widgets.HTML()
        self.domain_panel = widgets.VBox(
            [
                self.domain_text,
                widgets.HTML("<strong>Jouw niveau:</strong>"),
                self.level_choice,
                self.basis_choice,
                self.note,
                self.note_warning,
            ]
        )
        self.ladder_rules = widgets.HTML(ladder_rules_html())
        self.ladder_panel = widgets.VBox(
            [
                widgets.HTML("<h3>Participatieladder</h3><p>Op welke trede staat de cliënt nu?</p>"),
                self.ladder,
                self.ladder_text,
                self.ladder_rules,
            ]
        )
        self.step_panel = widgets.VBox(layout={"flex": "1 1 520px"})
        self.step_panel.add_class("wk-kaart")
        self.prev_button = widgets.Button(description="Vorige", icon="arrow-left")
        self.next_button = widgets.Button(description="Volgende", icon="arrow-right")
        self.next_button.add_class("wk-volgende")
        self.progress = widgets.HTML()
        self.submit_button = widgets.Button(description="Inleveren", button_style="success", icon="check")
        self.submit_button.add_class("wk-inleveren")
        self.back_button = widgets.Button(description="Andere casus kiezen", icon="list")
        guard = safe(self.messages)
        self.level_choice.observe(guard(self._on_level), names="value")
        self.basis_choice.observe(guard(self._on_basis), names="value")
        self.note.observe(guard(self._on_note), names="value")
        self.ladder.observe(guard(self._on_ladder), names="value")
        self.prev_button.on_click(guard(lambda _b: self._move(-1)))
        self.next_button.on_click(guard(lambda _b: self._move(1)))
        self.submit_button.on_click(guard(bezig(self.submit_button, "Bezig met inleveren…")(self._on_submit)))
        self.back_button.on_click(guard(lambda _b: self._andere_casus()))
        buttons = widgets.HBox([self.prev_button, self.next_button, self.submit_button, self.back_button])
        buttons.add_class("wk-knoppen")
        self.score_page = widgets.VBox(
            [
                self.reread,
                self.progress,
                widgets.HBox([self.nav, self.step_panel], layout={"flex_flow": "row wrap"}),
                buttons,
            ]
        )

    def _steps(self) -> list[str]:
        return [*self.version.domain_ids, LADDER_STEP] if self.version else []

    def _refresh_nav(self) -> None:
        """Bring the step buttons up to date: made once per casus, after that only changed texts are sent.

        Making new buttons at every choice sent 36 widget models per click (and kept the old ones alive in the
        kernel and the browser): 24 choices of one participant made 860 models.
        """
        steps = self._steps()
        if list(self._nav_buttons) != steps:
            close_widgets(self._nav_buttons.values())
            self._nav_buttons = {}
            for step in steps:
                button = widgets.Button(layout={"width": "280px"})
                button.add_class("wk-nav-knop")
                button.on_click(safe(self.messages)(lambda _b, s=step: self._go(s)))
                self._nav_buttons[step] = button
            self.nav.children = list(self._nav_buttons.values())
        for step, button in self._nav_buttons.items():
            if step == LADDER_STEP:
                done, name = self.ladder.value is not None, "Participatieladder"
                value = str(self.ladder.value) if done else ""
            else:
                level = self.levels[step]
                done, name = level is not None, self.version.domain(step).name
                value = "n.b." if level == NVT else str(level or "")
            with button.hold_sync():  # one message for a changed button, none for an unchanged one
                button.description = f"{'✓' if done else '○'} {name}" + (f": {value}" if done else "")
                button.button_style = "info" if step == self.current else ""
        scored = sum(1 for v in self.levels.values() if v is not None)
        total = len(self.levels)
        ladder = "trede gekozen" if self.ladder.value is not None else "nog geen trede"
        self.progress.value = (
            f"<p class='wk-voortgang'><strong>{scored} van {total}</strong> domeinen gescoord · "
            f"participatieladder: {ladder}</p>"
        )

    def _levels_html(self, domain_id: str) -> str:
        domain = self.version.domain(domain_id)
        chosen = self.levels[domain_id]
        borrowed, note = _borrowed_descriptors(self.version, domain_id)
        rows = []
        for level, label in self.version.level_labels.items():
            texts = domain.descriptor(level) or tuple(
                f"{name}: {t}" if len(borrowed) > 1 else t
                for name, source in borrowed
                for t in source.descriptor(level)
            )
            items = "".join(f"<li>{esc(t)}</li>" for t in texts)
            cls = ' class="wk-gekozen"' if chosen == level else ""
            rows.append(
                f"<tr{cls}><td class='wk-nr'>{level}</td><td class='wk-label'>{esc(label)}</td>"
                f"<td><ul>{items}</ul></td></tr>"
            )
        return (
            f"<h3>{esc(domain.name)}</h3><p class='wk-kernvraag'>{esc(domain.question)}</p>"
            + (f"<p class='wk-klein wk-geleend'>{esc(note)}</p>" if note else "")
            + f"<table class='wk-niveaus'>{''.join(rows)}</table>"
            "<p class='wk-klein'>Begin bij 5 en werk naar beneden; kies het niveau dat over het geheel het best "
            "past bij de situatie van nu (ongeveer de laatste 30 dagen).</p>"
        )

    def show_step(self, step: str) -> None:
        """Show one domain (or the participatieladder) in the scoring panel."""
        self.current = step
        self._updating = True
        try:
            if step == LADDER_STEP:
                self.step_panel.children = [self.ladder_panel]
                self._on_ladder()
            else:
                # The controls first, the title last: the browser applies the updates in this order, so
                # nobody sees the next domain's title with the previous level still highlighted (a click
                # on that already-chosen button would be lost).
                self.level_choice.value = self.levels[step]
                self.basis_choice.value = self.basis[step]
                self.note.value = self.notes[step]
                self.note_warning.value = ""
                self.domain_text.value = self._levels_html(step)
                self.level_choice.tooltip = f"Jouw niveau voor {self.version.domain(step).name}"
                self.step_panel.children = [self.domain_panel]
        finally:
            self._updating = False
        steps = self._steps()
        self.prev_button.disabled = steps.index(step) == 0
        self.next_button.disabled = steps.index(step) == len(steps) - 1
        self._refresh_nav()

    def choose_level(self, domain_id: str, level: int | str) -> None:
        """Go to ``domain_id`` and set its level as a click on the level buttons would (for tests and scripts)."""
        self.show_step(domain_id)
        self.level_choice.value = level

    def _move(self, offset: int) -> None:
        steps = self._steps()
        index = min(max(steps.index(self.current) + offset, 0), len(steps) - 1)
        self._go(steps[index])

    def _go(self, step: str) -> None:
        """Show ``step`` because the user asked for it, and put the keyboard focus on its choice."""
        self.show_step(step)
        self._focus_step()

    def _focus_step(self) -> None:
        """Focus the level buttons of the shown domain (or the ladder): what comes next for keyboard users.

        The page's radio-group script (the Voila template's ``toegankelijk.js``) passes the focus on to the
        chosen level, or the first; without it (JupyterLab) nothing happens.
        """
        (self.ladder if self.current == LADDER_STEP else self.level_choice).focus()

    def _on_level(self, _change: object = None) -> None:
        if self._updating or self.current == LADDER_STEP:
            return
        self.levels[self.current] = self.level_choice.value
        self.domain_text.value = self._levels_html(self.current)
        self._refresh_nav()

    def _on_basis(self, _change: object = None) -> None:
        if not self._updating and self.current != LADDER_STEP:
            self.basis[self.current] = self.basis_choice.value

    def _on_note(self, _change: object = None) -> None:
        if self._updating or self.current == LADDER_STEP:
            return
        self.notes[self.current] = self.note.value
        warning = privacy_message(self.note.value)
        self.note_warning.value = f"<div class='wk-waarschuwing'>{esc(warning)}</div>" if warning else ""

    def _on_ladder(self, _change: object = None) -> None:
        chosen = rung(self.ladder.value) if self.ladder.value is not None else None
        self.ladder_text.value = (
            f"<p><strong>{esc(chosen.label)}</strong><br>{esc(chosen.description)}</p>"
            if chosen
            else "<p class='wk-klein'>" + "<br>".join(esc(r.label) for r in load_ladder()) + "</p>"
        )
        if not self._updating:
            self._refresh_nav()

    # ------------------------------------------------------------------ step 3: submit and compare
    def assessment(self) -> Assessment:
        """The trainee's scores as a validated assessment."""
        scores = {
            d: {"niveau": None if v == NVT else v, "toelichting": self.notes[d], "basis": self.basis[d]}
            for d, v in self.levels.items()
        }
        return Assessment.build(
            self.version,
            self.casus.id,
            self.rater.value.strip() or "deelnemer",
            scores,
            date=dt.date.today(),
            ladder=self.ladder.value,
        )

    def _on_submit(self, _button: object = None) -> None:
        if self.result is not None or self.body.children != (self.score_page,):
            return  # a second click that was on its way: handed in already (a quick hand-in disables nothing)
        missing = [self.version.domain(d).name for d, v in self.levels.items() if v is None]
        if self.ladder.value is None:
            missing.append("Participatieladder")
        if missing:
            self.messages.warn(
                "Nog niet gescoord: " + ", ".join(missing) + ". Kies bij elk domein een niveau of "
                "'niet besproken', en kies een trede op de participatieladder."
            )
            return
        self.messages.clear()
        own = self.assessment()
        if self.mode == "t1":
            self._ask_evaluation(own)
            return
        self.result = feedback(own, self.casus)
        tip_row: list[widgets.Widget] = []
        # The answer, the calibration record and removing the draft: one write transaction, all or nothing.
        try:
            with self._stores.samen("je scores inleveren"):
                if self.sessie.joined:
                    from wijkteam_kit.groepssessie.analyse.zrm import zrm_payload

                    if self.sessie.submit(zrm_payload(own)) is not None:  # it looked up the session's round too
                        self.kalibratie.save(own, bron=self.sessie.sessie.code, ronde=self.sessie.ronde)
                    restart = self._after_result("aanpassen")
                else:
                    if not self.kalibratie.save(own):
                        tip_row.append(self._after_result("tip"))
                    restart = self._after_result("opnieuw")
                self.concept.klaar()
        except Exception:
            self.result = None  # still scoring, nothing saved and nothing on screen says so: hand in again
            raise
        view = self._result_view()
        view.show(self.result, own, self.casus)
        self.body.children = [view.widget, *tip_row, restart]
        # The keyboard focus goes to the summary as soon as the browser draws it (wk-focus-nu, toegankelijk.js):
        # no focus message of its own.

    def _result_view(self) -> ResultView:
        """The result page, built once (at the first start of scoring) and refilled at every hand-in."""
        if self._result is None:
            self._result = ResultView()
        return self._result

    def _after_result(self, which: str) -> widgets.Widget:
        """The widget under the result: "Scores aanpassen" (session), "Opnieuw beginnen", or the calibration tip.

        Built once each and reused, like the result view: a room hands in at the same moment.
        """
        if which not in self._after:
            if which == "aanpassen":
                button = widgets.Button(description="Scores aanpassen", button_style="primary", icon="pencil")
                button.add_class("wk-aanpassen")
                button.on_click(safe(self.messages)(lambda _b: self._back_to_scoring()))
            elif which == "opnieuw":
                button = widgets.Button(description="Opnieuw beginnen", button_style="primary", icon="refresh")
                button.add_class("wk-opnieuw")
                button.on_click(safe(self.messages)(lambda _b: self.show_choose()))
            else:
                button = widgets.HTML(
                    "<p class='wk-klein wk-kalibratie-tip'>Tip: open 'Mijn kalibratie' en log in met je naam en "
                    "herstelcode; dan bewaart de kit je scores en zie je hoe je kalibratie zich ontwikkelt.</p>"
                )
            self._after[which] = button
        return self._after[which]

    # ------------------------------------------------------------------ the evaluation exercise (T1)
    def _ask_evaluation(self, own: Assessment) -> None:
        """After scoring T1: the evaluation questions, then the comparison with the reference."""
        self.vragen = EvaluatieVragen()
        self.vragen.done_button.on_click(safe(self.messages)(lambda _b: self._on_evaluate(own)))
        back = widgets.Button(description="Terug naar de scores", icon="arrow-left")
        back.layout.width = "auto"
        back.on_click(safe(self.messages)(lambda _b: self._back_to_scoring()))
        self.body.children = [self.vragen.widget, back]

    def _on_evaluate(self, own: Assessment) -> None:
        answers = self.vragen.answers() if self.vragen is not None else None
        if answers is None:
            self.messages.warn(
                "Kies bij zelfredzaamheid én bij participatie of die gestegen, gedaald of gelijk gebleven is."
            )
            return
        self.messages.clear()
        self.evaluation = evaluate(self.casus, own, answers, plan=self._own_plan())
        if self.sessie.joined:
            from wijkteam_kit.groepssessie.analyse.zrm import zrm_payload

            self.sessie.submit({**zrm_payload(own), "evaluatie": dict(answers.__dict__)})
            restart = widgets.Button(description="Scores aanpassen", button_style="primary", icon="pencil")
            restart.add_class("wk-aanpassen")
            restart.on_click(safe(self.messages)(lambda _b: self._back_to_scoring()))
        else:
            restart = widgets.Button(description="Opnieuw beginnen", button_style="primary", icon="refresh")
            restart.add_class("wk-opnieuw")
            restart.on_click(safe(self.messages)(lambda _b: self.show_choose()))
        self.body.children = [evaluation_view(self.evaluation, self.casus), restart]
        self.concept.klaar()

    def _own_plan(self) -> Plan | None:
        """The learner's latest saved plan for this casus (under their personal code), for its target levels."""
        if self.kalibratie.deelnemer_id is None or self.casus is None:
            return None
        from wijkteam_kit.plan.model import bewaarde_plannen

        plans = [
            b for b in bewaarde_plannen(self._stores.get(), self.kalibratie.deelnemer_id)
            if b.plan.casus_id == self.casus.id and b.plan.doelniveaus
        ]
        return max(plans, key=lambda b: b.bijgewerkt).plan if plans else None

    def _on_kalibratie(self, _button: object = None) -> None:
        """Show or hide 'Mijn kalibratie'."""
        self.kalibratie.show(not self.kalibratie.visible)
        shown = self.kalibratie.visible
        self.kalibratie_button.description = "Mijn kalibratie verbergen" if shown else "Mijn kalibratie"

    def _back_to_scoring(self) -> None:
        """Back to the scores as they were handed in (session mode: change them and hand in again)."""
        self.result = None
        self.evaluation = None
        self.show_step(self.current or self.version.domain_ids[0])
        self.body.children = [self.score_page]
