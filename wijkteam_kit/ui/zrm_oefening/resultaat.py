"""The result page of the ZRM exercise: summary, profile against the reference, differences, ladder."""

from __future__ import annotations

import ipywidgets as widgets

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.ui.common.widgets import download_link, esc, focus_when_drawn
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.calibration import score_line
from wijkteam_kit.zrm.export import assessment_csv
from wijkteam_kit.zrm.score_feedback import ZrmFeedback

__all__ = ["ResultView", "differences_html", "profile_words_html", "result_view"]


def _level(level: int | None) -> str:
    return "niet besproken" if level is None else str(level)


def differences_html(result: ZrmFeedback) -> str:
    """Table of every differing domain with the reference rationale (escaped)."""
    if not result.differences:
        return "<p class='wk-bericht'>Geen verschillen met de referentie. Knap gedaan!</p>"
    rows = "".join(
        f"<tr class='wk-verschil'><td><strong>{esc(d.name)}</strong></td><td>{_level(d.own)}</td>"
        f"<td>{_level(d.reference)}</td><td>{esc(d.verdict)}</td><td>{esc(d.reference_note)}</td>"
        f"<td>{esc(d.own_note) or '<span class=wk-klein>–</span>'}</td></tr>"
        for d in result.differences
    )
    return (
        "<table class='wk-tabel wk-verschillen'><tr><th>Domein</th><th>Jij</th><th>Referentie</th>"
        "<th>Verschil</th><th>Toelichting bij de referentie</th><th>Jouw motivatie</th></tr>"
        f"{rows}</table>"
    )


def profile_words_html(result: ZrmFeedback) -> str:
    """The profile picture in words: per domain your level and the reference's (the same facts as the bars)."""
    rows = "".join(
        f"<tr><td>{esc(d.name)}</td><td>{_level(d.own)}</td><td>{_level(d.reference)}</td></tr>"
        for d in result.domains
    )
    return (
        "<table class='wk-tabel wk-profiel-woorden'><tr><th>Domein</th><th>Jij</th><th>Referentie</th></tr>"
        f"{rows}</table>"
    )


def _all_rationales_html(result: ZrmFeedback) -> str:
    rows = "".join(
        f"<tr><td>{esc(d.name)}</td><td>{_level(d.reference)}</td><td>{esc(d.reference_note)}</td></tr>"
        for d in result.domains
    )
    return f"<table class='wk-tabel'><tr><th>Domein</th><th>Referentie</th><th>Toelichting</th></tr>{rows}</table>"


class ResultView:
    """Everything shown after 'Inleveren', built once and filled at each hand-in.

    A room hands in at the same moment: building the widgets at "Inleveren" sent 51 messages (71 kB) per
    participant through the one server process. Built once (the app does so when scoring starts, not at page
    load, so a page is not heavier to open), a hand-in only sends the new values of two HTML widgets.

    >>> from wijkteam_kit.casus import load_library
    >>> from wijkteam_kit.zrm import feedback
    >>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
    >>> own = casus.reference_assessment()
    >>> view = ResultView()
    >>> view.show(feedback(own, casus), own, casus)
    >>> "Jouw uitslag" in view.summary.value, "<svg" in view.summary.value, len(view.widget.children)
    (True, True, 3)
    """

    def __init__(self) -> None:
        self._figure: tuple[Assessment, Casus, str, str] | None = None
        self.summary = widgets.HTML()
        self.summary.add_class("wk-focusdoel")  # the app moves the keyboard focus here after "Inleveren"
        focus_when_drawn(self.summary)  # ... as soon as it is drawn, even on a busy server
        # The print files are made on request: drawing them for everyone at "Inleveren" cost 0.7 CPU-seconds
        # each, and a room hands in at the same moment.
        self.downloads = widgets.HTML()
        self.downloads.add_class("wk-profiel-downloads")
        self.make_downloads = widgets.Button(description="Maak downloadbestanden", icon="download")
        self.make_downloads.layout.width = "auto"
        self.make_downloads.add_class("wk-maak-downloads")
        self.make_downloads.on_click(self._make_downloads)
        # One HTML widget for the rest of the page: every widget is three models on the wire (layout, style,
        # widget).
        self.rest = widgets.HTML()
        self.widget = widgets.VBox(
            [
                self.summary,  # the summary and the profile picture: one widget, one message at "Inleveren"
                widgets.HBox(
                    [widgets.HTML("<p>Profiel bewaren als PNG, SVG of PDF:</p>"), self.make_downloads, self.downloads],
                    layout={"flex_flow": "row wrap", "align_items": "center"},
                ).add_class("wk-rij-ruim"),  # the gap is in common.css: Layout has no gap
                self.rest,
            ]
        )

    def show(self, result: ZrmFeedback, own: Assessment, casus: Casus) -> None:
        """Fill the view with the result of ``own`` for ``casus``."""
        # The picture on screen is SVG text (milliseconds); matplotlib loads only for the print files, on request.
        from wijkteam_kit.draw.zrm_profiel_svg import zrm_profile_svg

        version = casus.version()
        reference = casus.reference_assessment()
        title = f"{casus.titel}: jouw ZRM naast de referentie"
        label = f"Jouw scores ({own.rater})"
        self._figure = (own, casus, title, label)
        self.summary.value = (
            _summary_html(result)
            + "<div class='wk-profiel'>"
            + zrm_profile_svg(own, version, reference, title=title, label=label)
            + "<details class='wk-in-woorden'><summary>Het profiel in woorden</summary>"
            + profile_words_html(result)
            + "</details></div>"
        )  # the picture has its description; the table gives the same facts to anyone who wants them in a list
        self.downloads.value = ""
        self.make_downloads.disabled = False
        self.make_downloads.layout.display = None
        self.rest.value = _rest_html(result, own, casus)

    def _make_downloads(self, _button: object = None) -> None:
        from wijkteam_kit.draw.export import FORMATS, figure_bytes
        from wijkteam_kit.draw.zrm_profiel import zrm_profile_figure

        if self._figure is None:
            return
        own, casus, title, label = self._figure
        self.make_downloads.disabled = True
        fig = zrm_profile_figure(own, casus.version(), casus.reference_assessment(), title=title, label=label)
        stem = f"zrm-{casus.id}"
        self.downloads.value = "Profiel bewaren: " + " ".join(
            download_link(figure_bytes(fig, fmt, dpi=200), f"{stem}.{fmt}", mime, f"Download {fmt.upper()}")
            for fmt, mime in FORMATS.items()
        )
        self.make_downloads.layout.display = "none"


def _summary_html(result: ZrmFeedback) -> str:
    return (
        f"<div class='wk-kaart wk-uitslag'><h3>Jouw uitslag</h3>"
        f"<p class='wk-aantal-verschillen'>{esc(result.count_sentence())}</p>"
        f"<p>{esc(result.ladder_sentence())}</p>"
        f"<p class='wk-klein'>Binnen één niveau van de referentie: {result.n_within_one} van "
        f"{result.n_domains} domeinen. Verschillen zijn het gesprek waard: bespreek ze met je collega's of trainer."
        "</p></div>"
    )


def _rest_html(result: ZrmFeedback, own: Assessment, casus: Casus) -> str:
    """Differences, ladder, all rationales, the casus's strengths and follow-up, and the score line."""
    version = casus.version()
    stem = f"zrm-{casus.id}"
    scores_csv = download_link(assessment_csv(own, version), f"{stem}-scores.csv", "text/csv", "Download CSV")
    line = (
        "<div class='wk-kaart'><h3>Jouw scores bewaren of doorgeven</h3>"
        "<p>Scoreregel voor de nabespreking (kalibratie): "
        f"<code class='wk-scoreregel'>{esc(score_line(own))}</code></p>"
        f"<p>Jouw scores met toelichtingen als tabel (opent in Excel): {scores_csv}</p></div>"
    )
    own_ladder, ref_ladder = result.ladder_lines()
    ladder_mark = "✓ gelijk" if not result.ladder_differs else "≠ verschilt"
    ladder = (
        f"<div class='wk-kaart wk-ladder-uitslag'><h3>Participatieladder {esc(ladder_mark)}</h3>"
        f"<p>Jij: <strong>{esc(own_ladder)}</strong><br>Referentie: <strong>{esc(ref_ladder)}</strong></p>"
        f"<p class='wk-klein'>{esc(result.ladder_note)}</p></div>"
    )
    diffs = "<h3>Waar verschil je van de referentie?</h3>" + differences_html(result)
    everything = (
        "<details class='wk-kaart wk-alle-toelichtingen'><summary>Alle toelichtingen bij de referentie</summary>"
        + _all_rationales_html(result)
        + "</details>"
    )
    strengths = "".join(f"<li>{esc(k)}</li>" for k in casus.krachten)
    follow_up = (
        f"<h3>Hoe het verderging</h3><p class='wk-vervolg'>{esc(casus.vervolg)}</p>" if casus.vervolg else ""
    )
    extra = f"<div class='wk-kaart'><h3>Krachten in deze casus</h3><ul>{strengths}</ul>{follow_up}</div>"
    return diffs + ladder + everything + extra + line


def result_view(result: ZrmFeedback, own: Assessment, casus: Casus) -> widgets.Widget:
    """Everything shown after 'Inleveren', as a new widget (see `ResultView` for the one the app reuses)."""
    view = ResultView()
    view.show(result, own, casus)
    return view.widget
