"""The form of the plan app: sections with "+ toevoegen" rows, read into a :class:`~wijkteam_kit.plan.Plan`.

Each row has a stable key, so links survive adding and removing rows: a goal links to problem *rows*, a result
to a goal *row*; :meth:`PlanForm.plan` renumbers them to the plan's numbers (from 1). Rows left completely empty
are skipped; a row with something filled in but no text gives a :class:`~wijkteam_kit.plan.PlanError` that names
the row ("probleemstellingen[2].tekst: mag niet leeg zijn"). The rows themselves are
:class:`~wijkteam_kit.ui.plan_schrijven.rijen.Rows`.

Examples
--------
>>> form = PlanForm()
>>> form.problems.rows[0].widgets["tekst"].value = "Ik ben zo moe"
>>> form.problems.rows[0].widgets["domein"].value = "geestelijke_gezondheid"
>>> goal = form.goals.rows[0].widgets
>>> goal["tekst"].value, goal["problemen"].value = "Ik wil een middag voor mezelf", (form.problems.rows[0].key,)
>>> plan = form.plan()
>>> plan.probleemstellingen[0].domein, plan.doelstellingen[0].problemen, plan.resultaten
('geestelijke_gezondheid', (1,), ())
>>> form.show(plan)
>>> form.goals.rows[0].widgets["problemen"].value == (form.problems.rows[0].key,)
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.plan.model import WMO_LABELS, WMO_STAPPEN, Plan
from wijkteam_kit.plan.sociale_kaart import SOORT_LABELS, load_sociale_kaart
from wijkteam_kit.ui.common.widgets import esc
from wijkteam_kit.ui.plan_schrijven.rijen import Rows, dropdown, text_field
from wijkteam_kit.zrm.versions import ZrmVersion, load_version

__all__ = ["PlanForm"]

NO_DOMAIN = ""


def _domain_options(version: ZrmVersion) -> list[tuple[str, str]]:
    return [("— ZRM-domein —", NO_DOMAIN)] + [(d.name, d.id) for d in version.domains]


LEVEL_OPTIONS = [("niveau", 0), *((str(i), i) for i in range(1, 6))]
TARGET_OPTIONS = [("doelniveau", 0), *((f"doel {i}", i) for i in range(1, 6))]
STEP_OPTIONS = [("— stap van de Wmo —", "")] + [(WMO_LABELS[s], s) for s in WMO_STAPPEN]


class PlanForm:
    """All sections of the plan; :meth:`plan` reads them, :meth:`show` fills them."""

    def __init__(self, zrm_versie: str = "zrm2013", today: dt.date | None = None) -> None:
        self.version = load_version(zrm_versie)
        self.casus_id: str | None = None
        self.huishouden = text_field(
            "Naam van het huishouden, bijvoorbeeld 'Gerda en Henk'", "wk-huishouden", area=False
        )
        self.vraag = text_field("Onze vraag, in onze eigen woorden", "wk-vraag")
        self.strengths = Rows(
            "kracht", "Wat goed gaat", "Waar kan het huishouden op bouwen? Noem krachten, niet alleen problemen.",
            "kracht", lambda: {"tekst": text_field("Wat goed gaat", "wk-kracht-tekst", "flex", area=False)},
            lambda w: not w["tekst"].value.strip(),
        )  # fmt: skip
        self.problems = Rows(
            "probleem", "Waar wij ons zorgen over maken",
            "Probleemstellingen in de ik- of wij-vorm, elk bij een ZRM-domein met het niveau van nu en, als je "
            "wilt, het doelniveau voor de evaluatie.",
            "probleem", self._problem_row,
            lambda w: not w["tekst"].value.strip() and not w["domein"].value and not w["niveau"].value
            and not w["doelniveau"].value,
        )  # fmt: skip
        self.goals = Rows(
            "doel", "Wat wij willen bereiken",
            "Doelen: positief en vooruit. Kies bij welk probleem (of problemen) het doel hoort.",
            "doel", self._goal_row, lambda w: not w["tekst"].value.strip() and not w["problemen"].value,
        )  # fmt: skip
        self.results = Rows(
            "resultaat", "Hieraan zien we dat het lukt",
            "Resultaten: met een getal, een datum of iets wat je kunt zien. Kies bij welk doel het hoort.",
            "resultaat", self._result_row, lambda w: not w["tekst"].value.strip() and not w["doel"].value,
        )  # fmt: skip
        self.solutions = Rows(
            "oplossing", "Hoe wij het aanpakken",
            "Oplossingen, elk met een stap van de Wmo-volgorde: eigen kracht, sociaal netwerk, steun voor de "
            "mantelzorger, algemene voorziening, maatwerkvoorziening.",
            "oplossing", self._solution_row, lambda w: not w["tekst"].value.strip() and not w["stap"].value,
        )  # fmt: skip
        self.actions = Rows(
            "actie", "Wie doet wat en wanneer", "Elke actie: wie, wat en wanneer.", "actie", self._action_row,
            lambda w: not any(w[k].value.strip() for k in ("wie", "wat", "wanneer")),
        )  # fmt: skip
        self.parked = Rows(
            "geparkeerd", "Wat nog even wacht",
            "Domeinen op niveau 1 of 2 die bewust (nog) niet in het plan staan, met de reden.",
            "geparkeerd", self._parked_row, lambda w: not w["domein"].value and not w["reden"].value.strip(),
        )  # fmt: skip
        self.problems.changed = self._refresh_links
        self.goals.changed = self._refresh_links
        self.kaart_tips = widgets.HTML()
        self.kaart_tips.add_class("wk-kaart-tips")
        self.solutions.widget.children = (*self.solutions.widget.children, self.kaart_tips)
        self.solutions.changed = self.refresh_tips
        self.regisseur = text_field("Eén naam", "wk-regisseur", "260px", area=False)
        self.datum = widgets.DatePicker(value=today or dt.date.today(), layout={"width": "200px"})
        self.datum.add_class("wk-plandatum")
        self.evaluatiedatum = widgets.DatePicker(value=None, layout={"width": "200px"})
        self.evaluatiedatum.add_class("wk-evaluatiedatum")
        self.eerdere_hulp = text_field("Welke hulp was er eerder?", "wk-eerdere-hulp")
        self.resultaat_eerdere_hulp = text_field(
            "Wat leverde die hulp op, en waarom stopte die?", "wk-eerdere-resultaat"
        )
        self.widget = widgets.VBox(
            [self._intro_box(), *(s.widget for s in self._sections()), self._closing_box()]
        )
        self.widget.add_class("wk-planformulier")
        self.reset()

    # ------------------------------------------------------------------ rows
    def _sections(self) -> tuple[Rows, ...]:
        rows = (self.strengths, self.problems, self.goals, self.results, self.solutions, self.actions)
        return (*rows, self.parked)

    def _problem_row(self) -> dict[str, widgets.Widget]:
        return {
            "tekst": text_field("Ik … / Wij …", "wk-probleem-tekst", "flex"),
            "domein": self._watched(
                dropdown(_domain_options(self.version), "wk-probleem-domein", "200px", "ZRM-domein")
            ),
            "niveau": dropdown(LEVEL_OPTIONS, "wk-probleem-niveau", "90px", "Niveau nu"),
            "doelniveau": dropdown(TARGET_OPTIONS, "wk-probleem-doelniveau", "120px", "Doelniveau"),
        }

    def _watched(self, widget: widgets.Widget) -> widgets.Widget:
        widget.observe(lambda _c: self.refresh_tips() if hasattr(self, "kaart_tips") else None, "value")
        return widget

    def _goal_row(self) -> dict[str, widgets.Widget]:
        links = widgets.SelectMultiple(
            options=self.problems.options(), rows=3, layout={"width": "160px"}, tooltip="Bij welke problemen"
        )
        links.add_class("wk-doel-problemen")
        return {"tekst": text_field("Ik wil … / Wij willen …", "wk-doel-tekst", "flex"), "problemen": links}

    def _result_row(self) -> dict[str, widgets.Widget]:
        return {
            "tekst": text_field("Over … weken … / Elke week …", "wk-resultaat-tekst", "flex"),
            "doel": dropdown(
                [("— bij doel —", 0), *self.goals.options()], "wk-resultaat-doel", "180px", "Hoort bij doel"
            ),
        }

    def _solution_row(self) -> dict[str, widgets.Widget]:
        row = {
            "tekst": text_field("Wat helpt, en wie of wat zet het in?", "wk-oplossing-tekst", "flex"),
            "stap": dropdown(STEP_OPTIONS, "wk-oplossing-stap", "260px", "Stap van de Wmo"),
        }
        row["stap"].observe(lambda _c: self.refresh_tips(), "value")
        return row

    def refresh_tips(self) -> None:
        """Show voorzieningen of the sociale kaart for the plan's domains once a solution reaches for one.

        >>> form = PlanForm()
        >>> form.problems.rows[0].widgets["domein"].value = "financien"
        >>> form.solutions.rows[0].widgets["stap"].value = "algemene_voorziening"
        >>> "Schuldhulpverlening" in form.kaart_tips.value
        True
        """
        try:
            kaart = load_sociale_kaart()
        except WijkteamError:  # checked when the server starts; never stop the form for it
            self.kaart_tips.value = ""
            return
        steps = {row.widgets["stap"].value for row in self.solutions.rows} - {""}
        chosen = (r.widgets["domein"].value for r in self.problems.rows)
        domains = list(dict.fromkeys(d for d in chosen if d))
        tips = kaart.suggesties(domains, steps, self.version.id)
        if not tips:
            self.kaart_tips.value = ""
            return
        items = "".join(
            f"<li><b>{esc(v.naam)}</b> ({esc(SOORT_LABELS[v.soort])}): {esc(v.wat)}"
            + (f" <span class='wk-klein'>{esc(v.toegang)}</span>" if v.toegang else "")
            + "</li>"
            for v in tips
        )
        self.kaart_tips.value = (
            f"<div class='wk-kaart-tips'><b>Uit de sociale kaart</b> ({esc(kaart.naam)}), bij de domeinen van "
            f"dit plan:<ul>{items}</ul></div>"
        )

    def _action_row(self) -> dict[str, widgets.Widget]:
        return {
            "wie": text_field("Wie", "wk-actie-wie", "150px", area=False),
            "wat": text_field("Wat", "wk-actie-wat", "flex", area=False),
            "wanneer": text_field("Wanneer", "wk-actie-wanneer", "160px", area=False),
        }

    def _parked_row(self) -> dict[str, widgets.Widget]:
        return {
            "domein": dropdown(
                _domain_options(self.version), "wk-geparkeerd-domein", "220px", "Domein dat wacht"
            ),
            "reden": text_field("Waarom wacht dit nog?", "wk-geparkeerd-reden", "flex", area=False),
        }

    def _refresh_links(self) -> None:
        problem_options, goal_options = self.problems.options(), self.goals.options()
        for row in self.goals.rows:
            w = row.widgets["problemen"]
            keep = tuple(v for v in w.value if v in {k for _, k in problem_options})
            w.options = problem_options
            w.value = keep
        for row in self.results.rows:
            w = row.widgets["doel"]
            keep = w.value if w.value in {k for _, k in goal_options} else 0
            w.options = [("— bij doel —", 0), *goal_options]
            w.value = keep

    # ------------------------------------------------------------------ boxes
    def _intro_box(self) -> widgets.Widget:
        box = widgets.VBox(
            [
                widgets.HTML("<h3>Over wie en wat</h3><p class='wk-klein'>Wie hoort bij het huishouden?</p>"),
                self.huishouden,
                widgets.HTML(
                    "<p class='wk-klein'>De vraag van het huishouden, zoals zij die zelf stellen:</p>"
                ),
                self.vraag,
            ]
        )
        box.add_class("wk-kaart")
        return box

    def _closing_box(self) -> widgets.Widget:
        def line(label: str, field: widgets.Widget) -> widgets.HBox:
            return widgets.HBox([widgets.HTML(f"<b>{label}</b>", layout={"width": "150px"}), field])

        box = widgets.VBox(
            [
                widgets.HTML("<h3>Afspraken</h3>"),
                line("Regisseur", self.regisseur),
                line("Datum van het plan", self.datum),
                line("Evaluatie op", self.evaluatiedatum),
                widgets.HTML("<h3>Eerdere hulp</h3>"),
                self.eerdere_hulp,
                self.resultaat_eerdere_hulp,
            ]
        )
        box.add_class("wk-kaart")
        return box

    # ------------------------------------------------------------------ reading and filling
    def set_version(self, zrm_versie: str) -> None:
        """Use the domains of another ZRM version (chosen domains that do not exist there are cleared)."""
        self.version = load_version(zrm_versie)
        options = _domain_options(self.version)
        for section in (self.problems, self.parked):
            for row in section.rows:
                w = row.widgets["domein"]
                keep = w.value if w.value in self.version.domain_ids else NO_DOMAIN
                w.options = options
                w.value = keep

    def reset(self) -> None:
        """An empty form with one empty row in every section (the plan date stays)."""
        for section in self._sections():
            section.clear()
        for section in self._sections():
            section.add()
        for w in (
            self.huishouden,
            self.vraag,
            self.regisseur,
            self.eerdere_hulp,
            self.resultaat_eerdere_hulp,
        ):
            w.value = ""
        self.evaluatiedatum.value = None

    def payload(self) -> dict[str, Any]:
        """The form as a plan payload (empty rows skipped, links renumbered)."""
        problem_no = {row.key: i for i, row in self.problems.filled()}
        goal_no = {row.key: i for i, row in self.goals.filled()}

        def text(w: widgets.Widget) -> str:
            return str(w.value or "").strip()

        def rows(section: Rows) -> list[dict[str, widgets.Widget]]:
            return [r.widgets for _, r in section.filled()]

        def links(w: dict[str, widgets.Widget]) -> list[int]:
            return sorted(problem_no[k] for k in w["problemen"].value if k in problem_no)

        return {
            "casus_id": self.casus_id,
            "zrm_versie": self.version.id,
            "huishouden": text(self.huishouden),
            "vraag": text(self.vraag),
            "datum": self.datum.value,
            "krachten": [text(w["tekst"]) for w in rows(self.strengths)],
            "probleemstellingen": [
                {
                    "tekst": text(w["tekst"]),
                    "domein": w["domein"].value or None,
                    "niveau": w["niveau"].value or None,
                }
                for w in rows(self.problems)
            ],
            "doelstellingen": [{"tekst": text(w["tekst"]), "problemen": links(w)} for w in rows(self.goals)],
            "resultaten": [
                {"tekst": text(w["tekst"]), "doel": goal_no.get(w["doel"].value)} for w in rows(self.results)
            ],
            "oplossingen": [
                {"tekst": text(w["tekst"]), "stap": w["stap"].value} for w in rows(self.solutions)
            ],
            "acties": [{k: text(w[k]) for k in ("wie", "wat", "wanneer")} for w in rows(self.actions)],
            "geparkeerd": [
                {"domein": w["domein"].value, "reden": text(w["reden"])} for w in rows(self.parked)
            ],
            "doelniveaus": {
                w["domein"].value: w["doelniveau"].value
                for w in rows(self.problems)
                if w["domein"].value and w["doelniveau"].value
            },
            "regisseur": text(self.regisseur),
            "evaluatiedatum": self.evaluatiedatum.value,
            "eerdere_hulp": text(self.eerdere_hulp),
            "resultaat_eerdere_hulp": text(self.resultaat_eerdere_hulp),
        }

    def plan(self) -> Plan:
        """The form as a validated plan; raises :class:`~wijkteam_kit.plan.PlanError` naming each problem."""
        return Plan.from_payload(self.payload())

    def show(self, plan: Plan) -> None:
        """Fill the form with ``plan`` (replacing what was there)."""
        self.casus_id = plan.casus_id
        self.set_version(plan.zrm_versie)
        for section in self._sections():
            section.clear()
        for text in plan.krachten:
            self.strengths.add({"tekst": text})
        problem_keys = [
            self.problems.add(
                {
                    "tekst": p.tekst,
                    "domein": p.domein or NO_DOMAIN,
                    "niveau": p.niveau or 0,
                    "doelniveau": plan.doelniveaus.get(p.domein or "", 0),
                }
            ).key
            for p in plan.probleemstellingen
        ]
        goal_keys = [
            self.goals.add(
                {"tekst": g.tekst, "problemen": tuple(problem_keys[n - 1] for n in g.problemen)}
            ).key
            for g in plan.doelstellingen
        ]
        for r in plan.resultaten:
            self.results.add({"tekst": r.tekst, "doel": goal_keys[r.doel - 1] if r.doel else 0})
        for o in plan.oplossingen:
            self.solutions.add({"tekst": o.tekst, "stap": o.stap})
        for a in plan.acties:
            self.actions.add({"wie": a.wie, "wat": a.wat, "wanneer": a.wanneer})
        for g in plan.geparkeerd:
            self.parked.add({"domein": g.domein, "reden": g.reden})
        for section in self._sections():
            if not section.rows:
                section.add()
        self.huishouden.value, self.vraag.value, self.regisseur.value = (
            plan.huishouden,
            plan.vraag,
            plan.regisseur,
        )
        self.eerdere_hulp.value, self.resultaat_eerdere_hulp.value = (
            plan.eerdere_hulp,
            plan.resultaat_eerdere_hulp,
        )
        if plan.datum is not None:
            self.datum.value = plan.datum
        self.evaluatiedatum.value = plan.evaluatiedatum
