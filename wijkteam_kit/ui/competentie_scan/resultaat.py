"""The result of a competence scan: radar, score and phase per competence, 360°, growth, downloads, a goal.

Examples
--------
>>> from wijkteam_kit.competenties import Scan, load_framework
>>> from wijkteam_kit.store import Store
>>> store = Store(":memory:")
>>> kim = store.add_participant("Kim")
>>> fw = load_framework("movisie-2017")
>>> result = ScanResult(store, Scan.build(fw, "zelf", {i: 3 for i in fw.indicator_ids}), kim, kim)
>>> result.feedback.peers_shown, "te weinig beoordelaars" in result.table.value
(False, True)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.competenties.feedback360 import MIN_BEOORDELAARS, FeedbackProfile
from wijkteam_kit.competenties.frameworks import load_framework
from wijkteam_kit.competenties.ontwikkelplan import DevelopmentPlan, Growth, growth
from wijkteam_kit.competenties.opslag import scan_csv
from wijkteam_kit.competenties.scan import CompetenceScore, Scan, competence_scores, format_score
from wijkteam_kit.competenties.toegang import LokaleScans, Scans
from wijkteam_kit.draw.competenties import radar_figure
from wijkteam_kit.draw.export import FORMATS, figure_bytes
from wijkteam_kit.errors import CompetentieError, WijkteamError
from wijkteam_kit.store.schema import Deelnemer
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.figuur import figure_html
from wijkteam_kit.ui.common.widgets import MessageBox, download_link, esc, safe

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["ScanResult"]

PHASE_TEXT = {
    "startbekwaam": "startbekwaam",
    "vakbekwaam": "vakbekwaam",
    "vakvolwassen": "vakvolwassen",
    None: "geen score",
}


class ScanResult:
    """Everything shown after 'Inleveren' (or 'Mijn laatste uitslag bekijken'); ``widget`` displays it.

    For a self scan: the own radar with the previous scan and the colleagues' mean (at least
    :data:`~wijkteam_kit.competenties.feedback360.MIN_BEOORDELAARS` colleagues), per competence score, phase and
    growth, downloads and a development goal. For feedback about a colleague: what you gave, and thanks.
    ``store`` is the app's store, or its :class:`~wijkteam_kit.competenties.Scans` as ``person`` (on a hub: the
    answers service).
    """

    def __init__(
        self,
        store: Store | Scans,
        scan: Scan,
        person: Deelnemer,
        about: Deelnemer,
        *,
        previous: Scan | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.store: Scans = LokaleScans(store, person) if isinstance(store, Store) else store
        self.scan, self.person, self.about = scan, person, about
        self.framework = load_framework(scan.framework)
        self.previous = previous
        self.today = today or dt.date.today()
        self.scores: dict[str, CompetenceScore] = competence_scores(scan, self.framework)
        self.own = scan.role == "zelf"
        self.feedback: FeedbackProfile | None = self.store.feedback(scan) if self.own else None
        self.growth: dict[str, Growth] | None = None
        if previous is not None:
            try:
                self.growth = growth(previous, scan, self.framework)
            except CompetentieError:  # a previous scan dated after this one: show it, but no growth
                self.growth = None
        self.plan_messages = MessageBox()
        self.table = widgets.HTML(self._table_html())
        self.table.add_class("wk-scores")
        summary = self._summary()
        summary.add_class("wk-focusdoel")  # the app moves the keyboard focus here after "Inleveren"
        parts: list[widgets.Widget] = [summary, self._radar(), self.table]
        if self.growth:
            items = "".join(f"<li>{esc(g.sentence())}</li>" for g in self.growth.values())
            box = widgets.HTML(
                f"<div class='wk-kaart wk-groei'><h3>Groei sinds {datum_tekst(self.previous.date)}</h3><ul>{items}</ul>"
                "</div>"
            )
            parts.append(box)
        parts.append(self._downloads())
        if self.own:
            parts.append(self._build_plan())
        self.widget = widgets.VBox(parts)

    # ------------------------------------------------------------------ texts and figure
    def _summary(self) -> widgets.HTML:
        if self.own:
            title = f"Jouw uitslag: {self.framework.name}"
            lines = [f"Scan van {datum_tekst(self.scan.date)}."]
            fb = self.feedback
            if fb.peers_shown:
                lines.append(esc(fb.message))
            else:
                lines.append(
                    f"Collega's: te weinig beoordelaars ({fb.peer_total} van de minstens {MIN_BEOORDELAARS}). "
                    "Vraag collega's om de scan over jou in te vullen: ze kiezen 'Ik geef feedback aan een collega' "
                    f"en jouw naam{' met teamcode ' + esc(self.person.team) if self.person.team else ''}."
                )
        else:
            title = f"Jouw feedback over {self.about.weergavenaam}: {self.framework.name}"
            lines = [
                f"Ingevuld op {datum_tekst(self.scan.date)} als {esc(self.scan.role)}. Hieronder zie je de scores die "
                "jij gaf."
            ]
        text = "".join(f"<p>{line}</p>" for line in lines)
        html = widgets.HTML(f"<div class='wk-kaart wk-uitslag'><h3>{esc(title)}</h3>{text}</div>")
        html.add_class("wk-collegas" if self.own else "wk-feedback-gegeven")
        return html

    def figure(self) -> Figure:
        """The radar chart (matplotlib Figure)."""
        return radar_figure(
            self.scan,
            self.framework,
            previous=self.previous,
            peer=self.feedback,
            label="Zelf" if self.own else "Jouw beoordeling",
        )

    def _radar(self) -> widgets.HTML:
        fig = self.figure()
        self._formats = {fmt: figure_bytes(fig, fmt, dpi=130) for fmt in FORMATS}
        alt = "Radar van de scores per competentie; dezelfde cijfers staan in de tabel eronder"
        image = widgets.HTML(figure_html(self._formats["png"], alt, "wk-radar-figuur"))
        image.add_class("wk-radar")
        return image

    def _peer_cell(self, competence: str) -> str:
        fb = self.feedback
        row = fb.row(competence)
        if row.peers_shown:
            return (
                f"{format_score(row.peer_mean)} <span class='wk-klein'>(spreiding {format_score(row.peer_sd)}, "
                f"{row.peer_count} beoordelaars)</span>"
            )
        return "<span class='wk-klein'>te weinig beoordelaars</span>"

    def _table_html(self) -> str:
        head = ["Competentie", "Score", "Fase", "Uitleg"]
        leader = self.own and any(r.leader_score is not None for r in self.feedback.rows)
        if self.own:
            head.append("Collega's")
        if leader:
            head.append("Leidinggevende")
        if self.growth:
            head.append("Vorige scan")
        rows = []
        for comp_id, s in self.scores.items():
            cells = [
                f"<strong>{esc(s.name)}</strong>",
                format_score(s.score),
                f"<span class='wk-fase'>{esc(PHASE_TEXT[s.phase])}</span>",
                f"<span class='wk-klein'>{esc(s.reason)}</span>",
            ]
            if self.own:
                cells.append(self._peer_cell(comp_id))
            if leader:
                cells.append(format_score(self.feedback.row(comp_id).leader_score))
            if self.growth:
                g = self.growth[comp_id]
                cells.append(
                    f"{format_score(g.before)} <span class='wk-klein'>({esc(g.phase_before or '–')})</span>"
                )
            rows.append(
                f"<tr class='wk-score-{esc(comp_id)}'>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
            )
        header = "".join(f"<th>{h}</th>" for h in head)
        return (
            f"<table class='wk-tabel'><tr>{header}</tr>{''.join(rows)}</table>"
            "<p class='wk-klein'>Score = gemiddelde van je antwoorden (1 nooit … 5 altijd; 'weet ik niet' telt niet "
            "mee). Fase: onder 3,0 startbekwaam, vanaf 3,0 vakbekwaam, vanaf 4,0 vakvolwassen als geen antwoord "
            "onder 'regelmatig' ligt.</p>"
        )

    def _downloads(self) -> widgets.HTML:
        stem = f"competentiescan-{self.framework.id}-{self.scan.date.isoformat()}"
        links = " ".join(
            download_link(data, f"{stem}.{fmt}", FORMATS[fmt], f"Download {fmt.upper()}")
            for fmt, data in self._formats.items()
        )
        table = scan_csv(self.scan, self.framework, name=self.person.weergavenaam)
        links += " " + download_link(table, f"{stem}.csv", "text/csv", "Download CSV")
        return widgets.HTML(
            f"<div class='wk-kaart'><h3>Bewaren of printen</h3><p>Radar: {links}</p><p class='wk-klein'>De CSV "
            "bevat al je antwoorden en voorbeelden en opent in Excel.</p></div>"
        )

    # ------------------------------------------------------------------ development goal
    def _build_plan(self) -> widgets.Widget:
        guard = safe(self.plan_messages)
        order = sorted(self.scores.values(), key=lambda s: (s.score is None, s.score or 0))
        self.plan_competence = widgets.Dropdown(
            description="Competentie:",
            options=[(s.name, s.competence) for s in self.scores.values()],
            value=order[0].competence,
            style={"description_width": "initial"},
            layout={"width": "460px"},
        )
        self.plan_competence.add_class("wk-doel-competentie")
        self.plan_goal = widgets.Textarea(
            placeholder="Wat wil je bereikt hebben? Bijvoorbeeld: in elk keukentafelgesprek bedenkt het huishouden "
            "zelf de eerste oplossing.",
            layout={"width": "100%"},
        )
        self.plan_goal.add_class("wk-doel")
        self.plan_actions = widgets.Textarea(
            placeholder="Wat ga je doen? Eén actie per regel.", rows=3, layout={"width": "100%"}
        )
        self.plan_actions.add_class("wk-acties")
        self.plan_date = widgets.DatePicker(description="Klaar op:", value=self.today + dt.timedelta(days=91))
        self.plan_date.add_class("wk-datum")
        self.plan_button = widgets.Button(
            description="Bewaar mijn ontwikkeldoel", button_style="success", icon="save"
        )
        self.plan_button.add_class("wk-bewaar-doel")
        self.plan_list = widgets.HTML(self._plans_html())
        self.plan_list.add_class("wk-plannen")
        self.plan_button.on_click(guard(self._on_plan))
        box = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Schrijf een ontwikkeldoel</h3><p>Kies één competentie waarin je wilt groeien. Schrijf een "
                    "concreet doel (wat wil je bereikt hebben?), wat je gaat doen, en wanneer het klaar is. Bij een "
                    "volgende scan zie je of je gegroeid bent.</p>"
                ),
                self.plan_competence,
                widgets.HTML("<strong>Doel</strong>"),
                self.plan_goal,
                widgets.HTML("<strong>Acties</strong>"),
                self.plan_actions,
                self.plan_date,
                widgets.HBox([self.plan_button]),
                self.plan_messages.html,
                self.plan_list,
            ]
        )
        box.add_class("wk-kaart")
        box.add_class("wk-ontwikkeldoel")
        return box

    def _plans_html(self) -> str:
        saved = self.store.plannen(self.framework)
        if not saved:
            return ""
        items = "".join(
            f"<li><strong>{esc(self.framework.competence(p.competence).name)}</strong>: {esc(p.goal)} "
            f"<span class='wk-klein'>(klaar op {datum_tekst(p.date)})</span><ul>"
            + "".join(f"<li>{esc(a)}</li>" for a in p.actions)
            + "</ul></li>"
            for p in saved
        )
        return f"<h4>Jouw ontwikkeldoelen</h4><ul>{items}</ul>"

    def _on_plan(self, _button: object = None) -> None:
        if self.plan_date.value is None:
            raise WijkteamError("Kies een datum waarop je je doel bereikt wilt hebben.")
        plan = DevelopmentPlan.build(
            self.framework,
            self.plan_competence.value,
            self.plan_goal.value,
            self.plan_actions.value.splitlines(),
            self.plan_date.value,
            today=self.today,
        )
        private = plan.warnings()
        if private:
            self.plan_messages.warn("Niet bewaard. " + " ".join(private))
            return
        self.store.bewaar_plan(plan)
        self.plan_goal.value = self.plan_actions.value = ""
        self.plan_list.value = self._plans_html()
        self.plan_messages.notice("Je ontwikkeldoel is bewaard. Succes! Doe over een tijdje de scan opnieuw.")
