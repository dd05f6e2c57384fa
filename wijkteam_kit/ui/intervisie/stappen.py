"""The step panel of the intervision app: timer, instruction, what each role does, notes, cards, agreements.

The panel shows one :class:`~wijkteam_kit.intervisie.bijeenkomst.Bijeenkomst` at a time. Its timer is redrawn
on every tick of an
``ipywidgets.Play`` widget (one tick a second, counted in the browser, so it works in Voila); the time itself
comes from the session's :class:`~wijkteam_kit.intervisie.stappen.StapRunner` clock.

Examples
--------
>>> from wijkteam_kit.intervisie.bijeenkomst import Bijeenkomst
>>> now = [0.0]
>>> s = Bijeenkomst.nieuw("roddelmethode", ["Kim", "Ali", "Bo"],
...                  {"inbrenger": "Kim", "gespreksleider": "Ali", "tijdbewaker": "Bo"}, clock=lambda: now[0])
>>> panel = StapPaneel(lambda f: f, cards=list, on_end=lambda: None)
>>> s.runner.start(); panel.show(s); now[0] = 290.0; panel.tick.value = 1
>>> "wk-timer-bijna" in panel.timer.value, "04:50" in panel.timer.value
(True, True)
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from wijkteam_kit.intervisie.bijeenkomst import Bijeenkomst
from wijkteam_kit.intervisie.dilemmakaarten import Dilemmakaart, draw_card
from wijkteam_kit.intervisie.methodes import Methode
from wijkteam_kit.intervisie.stappen import StapRunner, klok
from wijkteam_kit.privacy import privacy_message
from wijkteam_kit.ui.common.widgets import esc

__all__ = ["StapPaneel", "method_card_html"]

STATUS_TEKST = {
    "wacht": "nog niet",
    "bezig": "bezig",
    "gepauzeerd": "gepauzeerd",
    "klaar": "klaar",
    "overgeslagen": "overgeslagen",
}
LABELS = {"afwezig": "niet in de kamer", "stil": "luistert en zwijgt"}


def method_card_html(m: Methode) -> str:
    """A card describing a method: what it is, when to use it, group size, and its steps with minutes.

    >>> from wijkteam_kit.intervisie import load_method
    >>> "<b>65 min</b>" in method_card_html(load_method("incidentmethode-65"))
    True
    """
    steps = "".join(
        f"<tr><td>{i}</td><td>{esc(s.titel)}</td><td>{s.minuten} min</td></tr>"
        for i, s in enumerate(m.stappen, 1)
    )
    size = f"{m.deelnemers_min}–{m.deelnemers_max}" if m.deelnemers_max else f"minstens {m.deelnemers_min}"
    return (
        f"<div class='wk-kaart'><h3>{esc(m.naam)}</h3><p>{esc(m.omschrijving)}</p>"
        f"<p><b>Wanneer?</b> {esc(m.wanneer)}</p><p class='wk-klein'>{esc(size)} deelnemers · "
        f"{len(m.stappen)} stappen · samen {m.totaal_minuten} minuten · bron: {esc(m.bron)}</p>"
        f"<table class='wk-tabel wk-stappenplan'><tr><th>#</th><th>Stap</th><th>Tijd</th></tr>{steps}"
        f"<tr><td></td><td><b>Totaal</b></td><td><b>{m.totaal_minuten} min</b></td></tr></table></div>"
    )


def _button(description: str, css: str, icon: str = "", style: str = "") -> widgets.Button:
    b = widgets.Button(description=description, icon=icon, button_style=style, layout={"width": "auto"})
    b.add_class(css)
    return b


def _textarea(placeholder: str, css: str, rows: int = 3, width: str = "100%") -> widgets.Textarea:
    t = widgets.Textarea(placeholder=placeholder, rows=rows, layout={"width": width})
    t.add_class(css)
    return t


class StapPaneel:
    """Runs a session step by step: timer, instruction, what each role does, notes, cards and agreements.

    Parameters
    ----------
    guard : callable
        Wraps every callback (``safe(messages)``).
    cards : callable
        Returns the pile of dilemma cards (called at the first draw).
    on_end : callable
        Called when the session ends (with no arguments).
    rng : random.Random, optional
        For drawing cards (seed it in tests).
    warn : callable, optional
        Shows a privacy warning when a note looks like it holds a BSN or phone number.
    """

    def __init__(
        self,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        cards: Callable[[], Sequence[Dilemmakaart]],
        on_end: Callable[[], None],
        rng: random.Random | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.bijeenkomst: Bijeenkomst | None = None
        self._warn = warn
        self._cards = cards
        self._on_end = on_end
        self.rng = rng or random.Random()
        self._loading = False
        self.tick = widgets.Play(value=0, min=0, max=10**7, step=1, interval=1000, show_repeat=False)
        self.tick.add_class("wk-klok-tik")
        self.tick.observe(guard(self._ticked), "value")
        self.title = widgets.HTML()
        self.title.add_class("wk-stap-titel")
        self.title.add_class("wk-focusdoel")  # focus that falls to the page ("Start" went away) lands here
        self.timer = widgets.HTML()
        self.timer.add_class("wk-timer-vak")
        self.instruction = widgets.HTML()
        self.instruction.add_class("wk-instructie")
        self.tasks = widgets.HTML()
        self.tasks.add_class("wk-taken")
        self.progress = widgets.HTML()
        self.progress.add_class("wk-voortgang-vak")
        self.pause_button = _button("Pauze", "wk-pauze", "pause")
        self.back_button = _button("Vorige", "wk-vorige", "arrow-left")
        self.skip_button = _button("Stap overslaan", "wk-overslaan", "forward")
        self.next_button = _button("Volgende stap", "wk-volgende", "arrow-right", "primary")
        self.end_button = _button("Afronden", "wk-afronden", "flag-checkered", "success")
        for b, action in (
            (self.pause_button, self._pause),
            (self.back_button, self._back),
            (self.skip_button, self._skip),
            (self.next_button, self._next),
            (self.end_button, self._end),
        ):
            b.on_click(guard(action))
        self.note = _textarea("Wat zie en hoor je in deze stap? (observaties)", "wk-observatie", rows=4)
        self.note.observe(guard(self._note_changed), "value")
        self.card_button = _button("Trek een dilemmakaart", "wk-dilemma", "random")
        self.card_button.on_click(guard(self._draw))
        self.card = widgets.HTML()
        self.card.add_class("wk-dilemmakaart-vak")
        self.agreements = _textarea(
            "Eén afspraak per regel: wie doet wat, en wanneer?", "wk-afspraken", rows=3
        )
        self.agreements.observe(guard(self._agreements_changed), "value")
        buttons = widgets.HBox(
            [self.pause_button, self.back_button, self.skip_button, self.next_button, self.end_button],
            layout={"flex_flow": "row wrap"},
        )
        left = widgets.VBox(
            [
                self.title,
                self.timer,
                buttons,
                self.instruction,
                self.tasks,
                widgets.HTML("<b>Observaties bij deze stap</b>"),
                self.note,
            ],
            layout={"flex": "2 1 0", "padding": "0 12px 0 0"},
        )
        right = widgets.VBox(
            [
                widgets.HTML("<b>Stappen</b>"),
                self.progress,
                self.card_button,
                self.card,
                widgets.HTML("<b>Afspraken</b>"),
                self.agreements,
            ],
            layout={"flex": "1 1 0"},
        )
        self.widget = widgets.HBox([left, right], layout={"align_items": "flex-start", "width": "100%"})
        self.widget.add_class("wk-stappen")

    # ------------------------------------------------------------------ binding
    def show(self, bijeenkomst: Bijeenkomst) -> None:
        """Show ``bijeenkomst`` (already started or not); the tick starts when its runner runs."""
        self.bijeenkomst = bijeenkomst
        self.card.value = ""
        self._loading = True
        try:
            self.agreements.value = "\n".join(bijeenkomst.afspraken)
        finally:
            self._loading = False
        self.render()

    def start_ticking(self) -> None:
        """Let the browser tick once a second."""
        self.tick.playing = True

    def stop_ticking(self) -> None:
        """Stop the browser ticks."""
        self.tick.playing = False

    # ------------------------------------------------------------------ drawing
    def render(self) -> None:
        """Redraw everything for the current step."""
        s = self.bijeenkomst
        if s is None:
            return
        r = s.runner
        step = s.methode.stappen[r.index]
        self.title.value = (
            f"<h3>Stap {r.index + 1} van {r.n} · {esc(step.titel)}</h3>"
            if not r.ended
            else "<h3>De bijeenkomst is afgerond</h3>"
        )
        self.instruction.value = f"<p>{esc(step.instructie)}</p>" if not r.ended else ""
        rows = []
        for t in s.taken_nu():
            label = (
                f" <span class='wk-label-{t.aanwezigheid}'>{LABELS[t.aanwezigheid]}</span>"
                if t.aanwezigheid
                else ""
            )
            who = esc(", ".join(t.wie)) or "<i>niemand</i>"
            rows.append(
                f"<tr data-rol='{esc(t.rol.id)}'><td><b>{esc(t.rol.naam)}</b>{label}</td><td>{who}</td>"
                f"<td>{esc(t.tekst)}</td></tr>"
            )
        self.tasks.value = (
            "<table class='wk-tabel'><tr><th>Rol</th><th>Wie</th><th>Wat doe je nu?</th></tr>"
            + "".join(rows)
            + "</table>"
            if not r.ended
            else ""
        )
        self._loading = True
        try:
            self.note.value = r.note() if not r.ended else ""
        finally:
            self._loading = False
        self.note.disabled = r.ended
        running = r.started and not r.ended
        self.pause_button.disabled = not running
        self.pause_button.description = "Verder" if r.paused else "Pauze"
        self.pause_button.icon = "play" if r.paused else "pause"
        self.back_button.disabled = not running or r.index == 0
        self.skip_button.disabled = not running
        self.next_button.disabled = not running
        self.end_button.disabled = not running
        self.refresh_timer()

    def refresh_timer(self) -> None:
        """Redraw the timer and the list of steps (cheap; called on every tick)."""
        s = self.bijeenkomst
        if s is None:
            return
        r = s.runner
        if r.ended:
            total = klok(r.total_elapsed())
            self.timer.value = (
                f"<div class='wk-timer' data-fase='klaar'><span class='wk-timer-tijd'>{total}</span> "
                f"besteed aan de stappen (gepland {s.methode.totaal_minuten} minuten)</div>"
            )
        else:
            t = r.snapshot()
            css = {"op tijd": "optijd", "bijna": "bijna", "over": "over"}[t.fase]
            text = r.overrun_text() if t.fase == "over" else f"nog {klok(t.resterend)}"
            if r.paused:
                text += " · gepauzeerd"
            elif not r.started:
                text = "nog niet gestart"
            self.timer.value = (
                f"<div class='wk-timer wk-timer-{css}' data-fase='{css}'>"
                f"<span class='wk-timer-tijd'>{klok(t.verstreken)}</span> / {klok(t.gepland)} "
                f"<span class='wk-timer-tekst'>· {esc(text)}</span></div>"
            )
        items = []
        for t in r.snapshots():
            spent = f" · {klok(t.verstreken)}" if t.verstreken >= 1 else ""
            items.append(
                f"<li class='wk-status-{t.status}'>{esc(t.titel)} ({s.methode.stappen[t.index].minuten} min"
                f"{spent}) <span class='wk-klein'>{STATUS_TEKST[t.status]}</span></li>"
            )
        self.progress.value = f"<ol class='wk-voortgang'>{''.join(items)}</ol>"

    # ------------------------------------------------------------------ callbacks
    def _ticked(self, _change: object = None) -> None:
        if self.bijeenkomst is not None:
            self.refresh_timer()

    def _pause(self, _=None) -> None:
        r = self._runner()
        if r.paused:
            r.resume()
            self.start_ticking()
        else:
            r.pause()
            self.stop_ticking()
        self.render()

    def _back(self, _=None) -> None:
        self._runner().back()
        self.render()

    def _skip(self, _=None) -> None:
        self._runner().skip()
        self._after_move()

    def _next(self, _=None) -> None:
        self._runner().next()
        self._after_move()

    def _end(self, _=None) -> None:
        self._runner().end()
        self._after_move()

    def _after_move(self) -> None:
        self.render()
        if self._runner().ended:
            self.stop_ticking()
            self._on_end()

    def _runner(self) -> StapRunner:
        assert self.bijeenkomst is not None
        return self.bijeenkomst.runner

    def _note_changed(self, change: dict) -> None:
        if self._loading or self.bijeenkomst is None or self.bijeenkomst.runner.ended:
            return
        self.bijeenkomst.runner.set_note(change["new"])
        warning = privacy_message(str(change["new"]))
        if warning and self._warn is not None:
            self._warn(warning)

    def _agreements_changed(self, change: dict) -> None:
        if self._loading or self.bijeenkomst is None:
            return
        self.bijeenkomst.afspraken[:] = [line.strip() for line in str(change["new"]).splitlines() if line.strip()]

    def _draw(self, _=None) -> None:
        pile = self._cards()
        drawn = [c.id for c in self.bijeenkomst.kaarten] if self.bijeenkomst else []
        card = draw_card(self.rng, pile, al_getrokken=drawn)
        if self.bijeenkomst is not None:
            self.bijeenkomst.kaarten.append(card)
        questions = "".join(f"<li>{esc(q)}</li>" for q in card.vragen)
        self.card.value = (
            f"<div class='wk-dilemmakaart' data-kaart='{esc(card.id)}'><b>{esc(card.titel)}</b>"
            f"<p>{esc(card.tekst)}</p>{f'<ul>{questions}</ul>' if questions else ''}"
            f"<span class='wk-klein'>{esc(card.bron)}</span></div>"
        )
