"""The evaluation exercise of the ZRM app: score T1, answer the evaluation questions, compare with the reference.

The learner reads what happened in the half year after the first contact (:func:`t1_html`), scores the domains
and the ladder again in the app's usual steps, then answers the method's evaluation questions
(:class:`EvaluatieVragen`). :func:`evaluation_view` shows T0, the target and T1 side by side per domain, the
change the learner sees against the reference's change, and feedback where they differ.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> casus = next(c for c in load_library() if c.id == "administratie-taal")
>>> "Wat er gebeurde" in t1_html(casus) and "Die tas is weg" in t1_html(casus)
True
>>> vragen = EvaluatieVragen()
>>> vragen.answers() is None  # nothing chosen yet
True
>>> vragen.zelfredzaamheid.value, vragen.participatie.value = "gestegen", "gelijk"
>>> vragen.answers().participatie
'gelijk'
"""

from __future__ import annotations

import ipywidgets as widgets

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.ui.common.widgets import esc
from wijkteam_kit.zrm.evaluation import DIRECTIONS, Evaluation, EvaluationAnswers
from wijkteam_kit.zrm.participatieladder import rung

__all__ = ["EvaluatieVragen", "evaluation_view", "t1_html"]

_QUESTIONS = {
    "vraag_beantwoord": "Is de vraag van het huishouden beantwoord?",
    "proces": "Hoe verliep het proces (de samenwerking, het plan, het netwerk)?",
    "leerpunten": "Wat leren we ervan?",
}


def _level(level: int | None) -> str:
    return "–" if level is None else str(level)


def t1_html(casus: Casus) -> str:
    """What happened by T1, in the household's own words, with the T0 reference to start from (escaped)."""
    t1 = casus.t1
    if t1 is None:
        return "<p>Deze casus heeft (nog) geen later moment om te evalueren.</p>"
    story = "".join(f"<p>{esc(p.strip())}</p>" for p in t1.wat_er_gebeurde.split("\n\n") if p.strip())
    words = "".join(f"<blockquote class='wk-eigen-woorden'>{esc(w)}</blockquote>" for w in t1.eigen_woorden)
    network = f"<h4>Het netwerk bij T1</h4><p>{esc(t1.netwerk)}</p>" if t1.netwerk else ""
    reference = casus.reference_assessment()
    version = casus.version()
    rows = "".join(
        f"<tr><td>{esc(d.name)}</td><td>{_level(reference.scores[d.id].level)}</td>"
        f"<td>{_level(t1.doelniveaus.get(d.id))}</td></tr>"
        for d in version.domains
    )
    return (
        f"<div class='wk-t1'><h3>Een half jaar later ({t1.maanden} maanden na het eerste contact)</h3>"
        f"<h4>Wat er gebeurde</h4>{story}<h4>In hun eigen woorden</h4>{words}{network}"
        "<h4>Waar je van uitgaat: de referentie bij het eerste contact (T0) en het doel uit het plan</h4>"
        f"<table class='wk-tabel'><tr><th>Domein</th><th>T0</th><th>Doel</th></tr>{rows}</table>"
        f"<p>Participatieladder bij T0: {esc(rung(int(casus.participatieladder.trede)).label)}</p></div>"
    )


class EvaluatieVragen:
    """The method's evaluation questions as a small form; ``widget`` is shown after scoring T1."""

    def __init__(self) -> None:
        self.texts = {
            key: widgets.Textarea(placeholder=label, layout={"width": "100%"}) for key, label in _QUESTIONS.items()
        }
        for key, area in self.texts.items():
            area.add_class(f"wk-evaluatie-{key.replace('_', '-')}")
        options = [("gestegen", "gestegen"), ("gedaald", "gedaald"), ("gelijk gebleven", "gelijk")]
        self.zelfredzaamheid = widgets.RadioButtons(options=options, value=None)
        self.zelfredzaamheid.add_class("wk-evaluatie-zelfredzaamheid")
        self.participatie = widgets.RadioButtons(options=options, value=None)
        self.participatie.add_class("wk-evaluatie-participatie")
        self.done_button = widgets.Button(description="Bekijk de evaluatie", button_style="success", icon="check")
        self.done_button.layout.width = "auto"
        self.done_button.add_class("wk-evaluatie-klaar")
        self.widget = widgets.VBox(
            [
                widgets.HTML("<h3>De evaluatievragen</h3>"),
                widgets.HTML(f"<b>{esc(_QUESTIONS['vraag_beantwoord'])}</b>"),
                self.texts["vraag_beantwoord"],
                widgets.HTML(f"<b>{esc(_QUESTIONS['proces'])}</b>"),
                self.texts["proces"],
                widgets.HTML("<b>Is de zelfredzaamheid (ZRM) gestegen, gedaald of gelijk gebleven?</b>"),
                self.zelfredzaamheid,
                widgets.HTML("<b>Is de participatie gestegen, gedaald of gelijk gebleven?</b>"),
                self.participatie,
                widgets.HTML(f"<b>{esc(_QUESTIONS['leerpunten'])}</b>"),
                self.texts["leerpunten"],
                self.done_button,
            ]
        )
        self.widget.add_class("wk-kaart")
        self.widget.add_class("wk-evaluatievragen")

    def answers(self) -> EvaluationAnswers | None:
        """The answers, or None while one of the two directions is not chosen."""
        if self.zelfredzaamheid.value not in DIRECTIONS or self.participatie.value not in DIRECTIONS:
            return None
        return EvaluationAnswers(
            self.texts["vraag_beantwoord"].value.strip(),
            self.texts["proces"].value.strip(),
            self.zelfredzaamheid.value,
            self.participatie.value,
            self.texts["leerpunten"].value.strip(),
        )


def evaluation_view(evaluation: Evaluation, casus: Casus) -> widgets.Widget:
    """Everything shown after the evaluation questions (all text escaped)."""
    rows = "".join(
        f"<tr class='{'wk-verschil' if d.differs else ''}'><td>{esc(d.name)}</td><td>{_level(d.t0)}</td>"
        f"<td>{_level(d.target)}</td><td>{_level(d.own_t1)}</td><td>{_level(d.reference_t1)}</td>"
        f"<td>{d.arrows[0]} {esc(d.own_direction)}</td><td>{d.arrows[1]} {esc(d.reference_direction)}</td></tr>"
        for d in evaluation.domains
    )
    table = (
        "<table class='wk-tabel wk-evaluatie-tabel'><tr><th>Domein</th><th>T0</th><th>Doel</th><th>Jij bij T1</th>"
        "<th>Referentie T1</th><th>Jouw verandering</th><th>Verandering referentie</th></tr>"
        f"{rows}</table>"
    )
    own_move, ref_move = evaluation.ladder_direction
    own_rung = rung(evaluation.ladder_own).label if evaluation.ladder_own else "niet gekozen"
    if evaluation.ladder_reference is None:
        ladder_ref = (
            "De referentie geeft bij T1 geen trede: die hangt hier af van hoe je de ladder voor 65-plussers "
            "(AOW of pensioen) gebruikt. Bespreek met je trainer welke afspraak jullie volgen."
        )
    else:
        ladder_ref = (
            f"Referentie: {esc(rung(evaluation.ladder_reference).label)} ({esc(ref_move or '')}). "
            f"{esc(evaluation.ladder_note)}"
        )
    feedback = evaluation.feedback()
    points = (
        "<ul class='wk-evaluatie-feedback'>" + "".join(f"<li>{esc(line)}</li>" for line in feedback) + "</ul>"
        if feedback
        else "<p class='wk-bericht'>Je ziet overal dezelfde verandering als de referentie. Knap gedaan!</p>"
    )
    t1 = casus.t1
    assert t1 is not None
    reference_answers = (
        f"<p><b>Vraag beantwoord?</b> {esc(t1.evaluatie.vraag_beantwoord)}</p>"
        f"<p><b>Het proces:</b> {esc(t1.evaluatie.proces)}</p>"
        f"<p><b>Zelfredzaamheid:</b> {esc(t1.evaluatie.zelfredzaamheid)} · <b>Participatie:</b> "
        f"{esc(t1.evaluatie.participatie)}</p>"
        "<p><b>Wat we leren:</b></p><ul>" + "".join(f"<li>{esc(p)}</li>" for p in t1.evaluatie.leerpunten) + "</ul>"
    )
    own_answers = evaluation.answers
    mine = (
        f"<p><b>Vraag beantwoord?</b> {esc(own_answers.vraag_beantwoord) or '–'}</p>"
        f"<p><b>Het proces:</b> {esc(own_answers.proces) or '–'}</p>"
        f"<p><b>Wat we leren:</b> {esc(own_answers.leerpunten) or '–'}</p>"
    )
    html = widgets.HTML(
        "<div class='wk-kaart wk-evaluatie-uitslag'><h3>Jouw evaluatie</h3>"
        f"<p class='wk-evaluatie-samenvatting'>{esc(evaluation.summary())}</p>{table}"
        f"<h3>Participatieladder</h3><p>Jij: {esc(own_rung)} ({esc(own_move)}).</p><p>{ladder_ref}</p>"
        f"<h3>Waar zie je een andere verandering dan de referentie?</h3>{points}</div>"
        f"<div class='wk-kaart'><h3>Jouw antwoorden</h3>{mine}<h3>De antwoorden van de referentie</h3>"
        f"{reference_answers}</div>"
    )
    return html
