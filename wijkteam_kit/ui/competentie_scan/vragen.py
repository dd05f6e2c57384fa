"""The questionnaire of a competence scan: one competence per page, every indicator with its answer buttons.

Examples
--------
>>> q = Questionnaire("movisie-2017")
>>> q.answer("eigen_regie_1", 4, "Samen met de buurvrouw")
>>> q.answer("eigen_regie_2", "weet ik niet")
>>> q.answers()
{'eigen_regie_1': (4, 'Samen met de buurvrouw'), 'eigen_regie_2': (None, '')}
>>> q.missing()[2]
(2, 'Eigen regie ondersteunen', 2)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from wijkteam_kit.competenties.frameworks import Framework, load_framework
from wijkteam_kit.competenties.scan import SCHAAL, WEET_IK_NIET
from wijkteam_kit.privacy import privacy_message
from wijkteam_kit.ui.common.widgets import esc, focus_when_drawn

__all__ = ["SCALE_OPTIONS", "Questionnaire"]

#: The answer buttons under every indicator: the frequency scale and "weet ik niet".
SCALE_OPTIONS: list[tuple[str, int | str]] = [
    *((w, v) for v, w in SCHAAL.items()),
    (WEET_IK_NIET, WEET_IK_NIET),
]
_TOOLTIPS = [f"{v} – {w}" for v, w in SCHAAL.items()] + ["dit kan ik niet inschatten"]


def _no_guard(callback: Callable[..., Any]) -> Callable[..., Any]:
    return callback


class Questionnaire:
    """Pages of questions for one framework; the caller puts ``progress``, ``questions`` and the buttons on screen.

    Parameters
    ----------
    framework : Framework, str or Path
        The competence framework.
    guard : callable, optional
        Wraps every widget callback (the app passes :func:`~wijkteam_kit.ui.common.safe`).
    """

    def __init__(
        self,
        framework: Framework | str | Path,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]] = _no_guard,
    ) -> None:
        self.framework = load_framework(framework)
        self.page = 0
        self.scale: dict[str, widgets.ToggleButtons] = {}
        self.examples: dict[str, widgets.Textarea] = {}
        self.warnings: dict[str, widgets.HTML] = {}
        self.progress = widgets.HTML()
        self.questions = widgets.VBox()
        self.questions.add_class("wk-kaart")
        self.questions.add_class("wk-vragen")
        self.prev_button = widgets.Button(description="Vorige", icon="arrow-left")
        self.next_button = widgets.Button(description="Volgende", icon="arrow-right")
        self.next_button.add_class("wk-volgende")
        self.prev_button.on_click(guard(lambda _b: self.go(self.page - 1)))
        self.next_button.on_click(guard(lambda _b: self.go(self.page + 1)))
        self.pages = [self._page(comp.id, guard) for comp in self.framework.competences]
        self.show_page(0)

    def _page(self, competence: str, guard: Callable[[Callable[..., Any]], Callable[..., Any]]) -> list:
        comp = self.framework.competence(competence)
        rows: list[widgets.Widget] = [
            widgets.HTML(f"<h3>{esc(comp.name)}</h3><p class='wk-kernvraag'>{esc(comp.description)}</p>")
        ]
        for number, ind in enumerate(comp.indicators, 1):
            scale = widgets.ToggleButtons(
                options=SCALE_OPTIONS, value=None, tooltips=_TOOLTIPS, style={"button_width": "auto"}
            )
            scale.add_class("wk-schaal")
            scale.add_class("wk-focusdoel")  # focus that falls to the page goes to the first question
            scale.add_class(f"wk-schaal-{ind.id}")
            example = widgets.Textarea(
                placeholder="Voorbeeld uit je praktijk (optioneel; geen echte namen of nummers)",
                rows=1,
                layout={"width": "100%"},
            )
            example.add_class("wk-voorbeeld")
            warning = widgets.HTML()
            scale.observe(guard(self._refresh_progress), names="value")
            example.observe(guard(lambda change, w=warning: self._on_example(change, w)), names="value")
            self.scale[ind.id], self.examples[ind.id], self.warnings[ind.id] = scale, example, warning
            question = widgets.HTML(f"<p class='wk-vraag'><strong>{number}.</strong> {esc(ind.text)}</p>")
            rows.append(widgets.VBox([question, scale, example, warning], layout={"margin": "0 0 10px 0"}))
        return rows

    @staticmethod
    def _on_example(change: dict, warning: widgets.HTML) -> None:
        message = privacy_message(change["new"])
        warning.value = f"<div class='wk-waarschuwing'>{esc(message)}</div>" if message else ""

    def answer(self, indicator_id: str, value: int | str | None, example: str = "") -> None:
        """Answer one indicator as a click on its scale button would (for tests and scripts)."""
        self.framework.indicator(indicator_id)  # an unknown id: CompetentieError with a suggestion
        self.scale[indicator_id].value = value
        if example:
            self.examples[indicator_id].value = example

    def answered(self) -> int:
        """How many indicators have an answer (a frequency or "weet ik niet")."""
        return sum(1 for w in self.scale.values() if w.value is not None)

    def answers(self) -> dict[str, tuple[int | None, str]]:
        """``(value, example)`` per answered indicator; "weet ik niet" is ``None``."""
        return {
            i: (None if w.value == WEET_IK_NIET else w.value, self.examples[i].value)
            for i, w in self.scale.items()
            if w.value is not None
        }

    def missing(self) -> list[tuple[int, str, int]]:
        """``(page, competence name, unanswered indicators)`` for every competence with an open question."""
        out = []
        for index, comp in enumerate(self.framework.competences):
            count = sum(1 for i in comp.indicator_ids if self.scale[i].value is None)
            if count:
                out.append((index, comp.name, count))
        return out

    def _refresh_progress(self, _change: object = None) -> None:
        self.progress.value = (
            f"<p class='wk-voortgang'><strong>Competentie {self.page + 1} van {len(self.pages)}</strong> · "
            f"{self.answered()} van {len(self.scale)} vragen beantwoord</p>"
        )

    def show_page(self, index: int) -> None:
        """Show the questions of competence number ``index`` (0-based; clipped to the first and last page)."""
        self.page = min(max(index, 0), len(self.pages) - 1)
        self.questions.children = self.pages[self.page]
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page == len(self.pages) - 1
        self._refresh_progress()

    def go(self, index: int) -> None:
        """Show page ``index`` because the user asked for it ("Vorige", "Volgende") and focus its first question."""
        self.show_page(index)
        self.focus_question()

    def focus_question(self) -> None:
        """Put the keyboard focus on the first unanswered question of the page shown (else its first question).

        The page's radio-group script (``toegankelijk.js`` in the Voila template) passes the focus on to the
        chosen answer, or the first; without it (JupyterLab) nothing happens.
        """
        comp = self.framework.competences[self.page]
        scales = [self.scale[i] for i in comp.indicator_ids]
        target = next((s for s in scales if s.value is None), scales[0])
        focus_when_drawn(target, others=self.scale.values())  # for the script, when the page is not yet drawn
        target.focus()  # when it is drawn already

    def show_competence(self, competence: str) -> None:
        """Show the page of one competence."""
        self.show_page(self.framework.competence_ids.index(self.framework.competence(competence).id))
