"""The plan app: pick a casus, write the Plan van Aanpak, ask for feedback, compare, save and export.

The form is :class:`~wijkteam_kit.ui.plan_schrijven.formulier.PlanForm`; the rules come from
:mod:`wijkteam_kit.plan.regels`, the export from :mod:`wijkteam_kit.plan.export` (PDF via
:func:`wijkteam_kit.draw.document_pdf.document_pdf`), saving through the one
:class:`~wijkteam_kit.store.Store` (soort ``"plan"``), opened at the first click that needs it. In a group
session (the :class:`~wijkteam_kit.ui.groepssessie.deelname.GroepssessieDeelname` block at the top) the casus
is fixed and "Inleveren bij de sessie" hands the plan in.

Examples
--------
>>> import datetime as dt
>>> from wijkteam_kit.casus import load_library
>>> app = PlanSchrijvenApp(library=load_library(), today=dt.date(2026, 3, 2))
>>> app.casus_choice.value = "mantelzorg-dementie"
>>> row = app.form.solutions.rows[0].widgets
>>> row["tekst"].value, row["stap"].value = "Dagopvang voor Henk", "maatwerkvoorziening"
>>> app.feedback_button.click()
>>> 'data-regel="netwerk" data-status="ontbreekt"' in app.feedback_html.value
True
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import aantal, datum_tekst
from wijkteam_kit.casus.model import Casus, load_library
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes
from wijkteam_kit.plan.export import plan_bestandsnaam, plan_document
from wijkteam_kit.plan.model import BewaardPlan, Plan, bewaar_plan, bewaarde_plannen, deelnemer_voor
from wijkteam_kit.plan.regels import feedback, status_counts, vergelijk_met_referentie
from wijkteam_kit.store.schema import Deelnemer, check_display_name
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.bezig import bezig
from wijkteam_kit.ui.common.casus_view import casus_html
from wijkteam_kit.ui.common.concept import Concept
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, document_links, esc, safe
from wijkteam_kit.ui.groepssessie.deelname import GroepssessieDeelname
from wijkteam_kit.ui.groepssessie.koppeling import plan_joined, session_submit_button
from wijkteam_kit.ui.plan_schrijven.formulier import PlanForm

__all__ = ["PlanSchrijvenApp", "feedback_html", "reference_html"]

log = logging.getLogger("wijkteam_kit.ui.plan_schrijven")
NO_CASUS = ""
STATUS_CLASS = {"in orde": "inorde", "let op": "letop", "ontbreekt": "ontbreekt"}
STATUS_MARK = {"in orde": "✓ in orde", "let op": "! let op", "ontbreekt": "✗ ontbreekt"}


def feedback_html(plan: Plan, casus: Casus | None, today: dt.date) -> str:
    """The feedback as coloured rows (``wk-regel`` with ``data-regel`` and ``data-status``), every text escaped."""
    items = feedback(plan, casus, today)
    counts = status_counts(items)
    summary = " · ".join(f"{n} {status}" for status, n in counts.items())
    rows = "".join(
        f'<div class="wk-regel wk-status-{STATUS_CLASS[f.status]}" data-regel="{esc(f.regel)}" '
        f'data-status="{esc(f.status)}"><span class="wk-status">{STATUS_MARK[f.status]}</span>'
        f"<b>{esc(f.titel)}</b><div>{esc(f.uitleg)}</div></div>"
        for f in items
    )
    return f'<p class="wk-feedback-samenvatting"><b>{esc(summary)}</b></p>{rows}'


def reference_html(plan: Plan, casus: Casus) -> str:
    """The comparison sentences and the reference plan of the casus, escaped."""
    sentences = "".join(f"<li>{esc(s)}</li>" for s in vergelijk_met_referentie(plan, casus))
    ref = casus.referentieplan
    if ref is None:
        return f"<ul>{sentences}</ul>"
    parts = [
        ("Zorgen", ref.probleemstellingen),
        ("Doelen", ref.doelstellingen),
        ("Resultaten", ref.resultaten),
        ("Aanpak", ref.oplossingen),
        ("Acties", ref.acties),
    ]
    body = "".join(
        f"<p><b>{esc(title)}</b></p><ul>{''.join(f'<li>{esc(t)}</li>' for t in texts)}</ul>"
        for title, texts in parts
    )
    extra = f"<p><b>Regisseur:</b> {esc(ref.regisseur)}<br><b>Evaluatie:</b> {esc(ref.evaluatie)}</p>"
    why = f"<p class='wk-klein'><i>{esc(ref.toelichting)}</i></p>" if ref.toelichting else ""
    return (
        f"<ul class='wk-vergelijk-zinnen'>{sentences}</ul>"
        f"<details class='wk-referentieplan'><summary>Bekijk het referentieplan</summary>{why}{body}{extra}</details>"
        f"{safety_route_html(casus)}"
    )


def safety_route_html(casus: Casus) -> str:
    """The casus's reference route along the meldcode (signals, steps, afwegingskader, decision), escaped; or ''."""
    route = casus.veiligheid
    if route is None:
        return ""

    def items(texts: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{esc(t)}</li>" for t in texts) + "</ul>"

    steps = "".join(f"<li><b>{esc(name)}</b>: {esc(what)}</li>" for name, what in route.stappen_met_naam())
    weigh = "".join(
        f"<li>{esc(q)} <b>{esc(answer)}</b>. {esc(why)}</li>" for q, answer, why in route.afwegingen_met_vraag()
    )
    why = f"<p class='wk-klein'><i>{esc(route.toelichting)}</i></p>" if route.toelichting else ""
    return (
        "<details class='wk-veiligheidsroute'><summary>Bekijk de veiligheidsroute (meldcode)</summary>"
        f"<h4>Veiligheidsroute (meldcode)</h4>{why}<p><b>Signalen</b></p>{items(route.signalen)}"
        f"<p><b>Stappen</b></p><ul>{steps}</ul><p><b>Afwegingskader</b></p><ol>{weigh}</ol>"
        f"<p><b>Besluit: {esc(route.besluit_tekst)}</b></p>"
        f"<p><b>Wat het team niet alleen doet</b></p>{items(route.niet_alleen)}"
        f"<p><b>Als het niet lukt of erger wordt</b></p><p>{esc(route.escalatie)}</p></details>"
    )


class PlanSchrijvenApp:
    """The whole app as one object; ``widget`` is what the notebook displays.

    Parameters
    ----------
    library : list of Casus, optional
        The casuses to choose from; default: :func:`~wijkteam_kit.casus.load_library`.
    store : Store, str, Path or None
        Where plans are saved; None: the default store, opened at the first save.
    today : date, optional
        The date used for new plans and the evaluation rule (for tests); default: the real date.
    environ : mapping, optional
        Where the page's ``QUERY_STRING`` is read (``?sessie=ABC123``); default ``os.environ``.
    """

    def __init__(
        self,
        library: list[Casus] | None = None,
        store: Store | str | Path | None = None,
        *,
        today: dt.date | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.messages = MessageBox()
        self._stores = LazyStore(store)
        self.today = today
        self.saved_id: str | None = None
        self.saved: list[BewaardPlan] = []
        self.library: list[Casus] = []
        try:
            self.library = library if library is not None else load_library()
        except WijkteamError as exc:
            log.error("Casusbibliotheek: %s", exc)
            self.messages.error(
                f"De casusbibliotheek kon niet geladen worden; je kunt wel vrij oefenen. {exc}"
            )
        guard = safe(self.messages)
        self.form = PlanForm(today=self._today())
        self._build_casus(guard)
        self._build_side(guard)
        self._build_save(guard)
        header = widgets.HTML(
            "<h2>Plan schrijven</h2><p class='wk-intro'>Schrijf een Plan van Aanpak zoals het huishouden het zelf "
            "zou zeggen: wat goed gaat, waar zij zich zorgen over maken, wat zij willen bereiken en wie wat doet. "
            "Vraag op elk moment feedback, pas je plan aan en vergelijk het daarna met het referentieplan.</p>"
        )
        main = widgets.HBox(
            [widgets.VBox([self.form.widget], layout={"flex": "3 1 0"}), self.side],
            layout={"align_items": "flex-start", "width": "100%"},
        )
        self.sessie = GroepssessieDeelname(self._stores, "plan", library=lambda: self.library, environ=environ)
        self.sessie.on_join(lambda a, c: plan_joined(self, a, c))
        self.concept = Concept(
            "plan_schrijven",
            bewaar=self._concept_data,
            herstel=self._herstel_concept,
            samenvatting=self._concept_samenvatting,
            stores=self._stores,
        )
        self.concept.volg_sessie(self.sessie)
        self.widget = widgets.VBox(
            [
                style_widget("ui/plan_schrijven/plan_schrijven.css"),
                header,
                self.sessie.widget,
                self.messages.html,
                self.concept.widget,
                self.casus_box,
                main,
                self.save_box,
            ]
        )
        self.widget.add_class("wk-app")
        self.widget.add_class("wk-plan")
        for part in (self.casus_box, main, self.save_box):
            self.concept.volg(part)

    # ------------------------------------------------------------------ the draft (nothing typed is lost)
    _TEKSTVELDEN = (
        "vraag", "krachten", "probleemstellingen", "doelstellingen", "resultaten", "oplossingen", "acties",
        "geparkeerd", "regisseur", "eerdere_hulp", "resultaat_eerdere_hulp",
    )  # fmt: skip

    def _concept_data(self) -> dict | None:
        """The form as it is (also half-filled), or None while nothing is written."""
        payload = self.form.payload()
        if not any(payload.get(k) for k in self._TEKSTVELDEN):
            return None
        for key in ("datum", "evaluatiedatum"):
            payload[key] = payload[key].isoformat() if payload.get(key) else None
        return {"plan": payload, "casus": self.casus_choice.value, "titel": self.title_input.value}

    def _herstel_concept(self, data: dict) -> None:
        plan = Plan.from_payload(data["plan"])
        casus = data.get("casus")
        if casus in {value for _label, value in self.casus_choice.options}:
            self.casus_choice.value = casus
        self.form.show(plan)
        self.title_input.value = str(data.get("titel") or "")

    def _concept_samenvatting(self, data: dict) -> str:
        plan = data.get("plan") or {}
        parts = [
            aantal(len(plan.get("krachten") or ()), "kracht", "krachten"),
            aantal(len(plan.get("doelstellingen") or ()), "doel", "doelen"),
            aantal(len(plan.get("acties") or ()), "actie", "acties"),
        ]
        title = str(data.get("titel") or "").strip()
        return f"een plan{f' ({title})' if title else ''} met {', '.join(parts[:-1])} en {parts[-1]}"

    def use_request(self, environ: Mapping[str, str]) -> None:
        """Read the page's request (``?sessie=``, the caller's address): see ``na_paginaverzoek``."""
        self.sessie.use_request(environ)

    @property
    def store(self) -> Store:
        """The store, opened on first use."""
        return self._stores.get()

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    # ------------------------------------------------------------------ building
    def _build_casus(self, guard) -> None:
        self.casus_choice = widgets.Dropdown(
            options=[("Zonder casus (vrij oefenen)", NO_CASUS)] + [(c.titel, c.id) for c in self.library],
            value=NO_CASUS,
            layout={"width": "520px"},
        )
        self.casus_choice.add_class("wk-casus-keuze")
        self.new_button = widgets.Button(description="Leeg plan", icon="file")
        self.new_button.add_class("wk-nieuw")
        self.hint = widgets.HTML()
        self.hint.add_class("wk-casus-hint")
        self.casus_view = widgets.HTML()
        self.casus_accordion = widgets.Accordion(children=[self.casus_view])
        self.casus_accordion.set_title(0, "Lees de casus (klik om open of dicht te klappen)")
        self.casus_accordion.selected_index = None
        self.casus_choice.observe(guard(self._casus_chosen), "value")
        self.new_button.on_click(
            guard(
                lambda _b: self.concept.vraag(
                    "Je plan is nog niet bewaard. Begin je een leeg plan, dan gaat wat je schreef verloren.",
                    "Ja, leeg plan",
                    self._new_plan,
                )
            )
        )
        bar = widgets.HBox(
            [widgets.HTML("<b>Casus</b>&nbsp;"), self.casus_choice, self.new_button],
            layout={"align_items": "center", "flex_flow": "row wrap"},
        )
        self.casus_box = widgets.VBox([bar, self.hint, self.casus_accordion])
        self.casus_box.add_class("wk-kaart")

    def _build_side(self, guard) -> None:
        self.feedback_button = widgets.Button(
            description="Vraag feedback", button_style="primary", icon="check"
        )
        self.feedback_button.add_class("wk-vraag-feedback")
        self.feedback_html = widgets.HTML(
            "<p class='wk-klein'>Klik op <b>Vraag feedback</b> wanneer je wilt: je krijgt per punt te zien wat al "
            "goed is en wat nog beter kan, met de reden.</p>"
        )
        self.feedback_html.add_class("wk-feedback")
        self.compare_button = widgets.Button(description="Vergelijk met het referentieplan", disabled=True)
        self.compare_button.add_class("wk-vergelijk")
        self.compare_html = widgets.HTML()
        self.compare_html.add_class("wk-vergelijking")
        self.feedback_button.on_click(guard(bezig(self.feedback_button, "Feedback maken…")(self._ask_feedback)))
        self.compare_button.on_click(guard(self._compare))
        self.submit_button = session_submit_button()
        self.submit_button.on_click(guard(self._submit))
        self.side = widgets.VBox(
            [
                self.submit_button,
                widgets.HTML("<h3>Feedback</h3>"),
                self.feedback_button,
                self.feedback_html,
                self.compare_button,
                self.compare_html,
            ],
            layout={"flex": "2 1 0"},
        )
        self.side.add_class("wk-kaart")
        self.side.add_class("wk-zijkant")

    def _build_save(self, guard) -> None:
        self.name_input = widgets.Text(description="Je naam:", placeholder="voornaam of schuilnaam")
        self.name_input.add_class("wk-naam")
        self.code_input = widgets.Text(description="Herstelcode:", placeholder="6 cijfers, als je er een hebt")
        self.code_input.add_class("wk-plan-herstelcode")
        self.title_input = widgets.Text(
            description="Plannaam:", placeholder="bijvoorbeeld 'Plan Gerda, versie 1'"
        )
        self.title_input.add_class("wk-plannaam")
        self.save_button = widgets.Button(description="Bewaar plan", icon="save")
        self.save_button.add_class("wk-bewaar")
        self.find_button = widgets.Button(description="Mijn bewaarde plannen", icon="search")
        self.find_button.add_class("wk-zoek-plannen")
        self.saved_choice = widgets.Dropdown(options=[], layout={"width": "420px"}, tooltip="Bewaarde plannen")
        self.saved_choice.add_class("wk-bewaarde")
        self.open_button = widgets.Button(description="Openen", icon="folder-open")
        self.open_button.add_class("wk-bewaard-openen")
        self.export_button = widgets.Button(description="Maak downloadbestanden", icon="download")
        self.export_button.add_class("wk-maak-export")
        self.export_links = widgets.HTML()
        self.export_links.add_class("wk-export")
        self.save_button.on_click(guard(self._save))
        self.find_button.on_click(guard(self._find))
        self.open_button.on_click(guard(self._open_saved))
        self.export_button.on_click(guard(bezig(self.export_button, "Bestanden maken…")(self._export)))
        self.save_box = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Bewaren en downloaden</h3><p class='wk-klein'>Gebruik een voornaam of schuilnaam, geen "
                    "BSN of telefoonnummer. Met dezelfde naam vind je je plannen later terug. Vul je ook je "
                    "herstelcode in (uit een groepssessie of 'Mijn kalibratie'), dan horen je plannen bij je "
                    "persoonlijke code en gebruikt de evaluatie in de ZRM-oefening jouw doelniveaus.</p>"
                ),
                widgets.HBox(
                    [self.name_input, self.code_input, self.title_input, self.save_button],
                    layout={"flex_flow": "row wrap"},
                ),
                widgets.HBox([self.find_button, self.saved_choice, self.open_button]),
                widgets.HBox([self.export_button, self.export_links], layout={"align_items": "center"}),
            ]
        )
        self.save_box.add_class("wk-kaart")

    # ------------------------------------------------------------------ group session
    def _submit(self, _button: object = None) -> None:
        plan = self.current_plan()
        if self.sessie.submit(plan.to_payload()) is not None:
            self.concept.klaar(wis=False)
            warning = plan.privacy_warning()
            if warning:
                self.messages.warn(f"Je plan is ingeleverd. {warning}")
            else:
                self.messages.notice(
                    "Je plan is ingeleverd bij de sessie. Je kunt nog aanpassen en opnieuw inleveren."
                )

    # ------------------------------------------------------------------ casus
    @property
    def casus(self) -> Casus | None:
        """The chosen casus, or None when practising without one."""
        return next((c for c in self.library if c.id == self.casus_choice.value), None)

    def _casus_chosen(self, _change: object = None) -> None:
        casus = self.casus
        self.form.casus_id = casus.id if casus else None
        self.compare_html.value = ""
        if casus is None:
            self.hint.value, self.casus_view.value = "", ""
            self.casus_accordion.selected_index = None
            return
        self.form.set_version(casus.zrm.versie)
        if not self.form.huishouden.value.strip():
            self.form.huishouden.value = " en ".join(m.naam.split()[0] for m in casus.huishouden[:2])
        self.casus_view.value = casus_html(casus)
        self.hint.value = self._hint(casus)
        self.messages.notice(f"Casus gekozen: {casus.titel}. Lees de casus en begin met wat goed gaat.")

    @staticmethod
    def _hint(casus: Casus) -> str:
        version = casus.version()
        levels = casus.reference_assessment().levels()
        low = [
            f"{version.domain(d).name} ({version.label(lvl)})"
            for d, lvl in levels.items()
            if lvl and lvl <= 2
        ]
        question = casus.netwerk.client.vraag if casus.netwerk.client and casus.netwerk.client.vraag else ""
        text = (
            f"<b>Tip:</b> in de referentie-ZRM staan op niveau 1 of 2: {esc(', '.join(low))}. Geef die domeinen een "
            "doel, of zet ze bij 'Wat nog even wacht' met de reden."
            if low
            else "<b>Tip:</b> geen domein staat in de referentie-ZRM op niveau 1 of 2. Kijk welke domeinen op 3 het "
            "huishouden zelf het belangrijkst vindt."
        )
        if question:
            text += f"<br><b>De vraag van de cliënt:</b> <i>{esc(question)}</i>"
        return f"<div class='wk-hint'>{text}</div>"

    def _new_plan(self, _button: object = None) -> None:
        self.form.reset()
        self.saved_id = None
        self._casus_chosen()
        self.feedback_html.value = ""
        self.compare_button.disabled = True
        self.messages.notice("Een leeg plan staat klaar.")

    # ------------------------------------------------------------------ feedback
    def current_plan(self) -> Plan:
        """The plan as it is in the form now (raises PlanError naming what to fix)."""
        return self.form.plan()

    def _ask_feedback(self, _button: object = None) -> None:
        plan = self.current_plan()
        self.feedback_html.value = feedback_html(plan, self.casus, self._today())
        self.compare_button.disabled = False
        warning = plan.privacy_warning()
        if warning:
            self.messages.warn(warning)
        else:
            self.messages.notice("De feedback staat rechts. Pas je plan aan en vraag gerust opnieuw.")

    def _compare(self, _button: object = None) -> None:
        if self.compare_button.disabled:
            return
        casus = self.casus
        if casus is None:
            self.compare_html.value = (
                "<p>Kies eerst een casus: alleen een casus heeft een referentieplan.</p>"
            )
            return
        self.compare_html.value = reference_html(self.current_plan(), casus)

    # ------------------------------------------------------------------ saving and export
    def _person_name(self) -> str:
        if not self.name_input.value.strip():
            raise WijkteamError("Vul eerst je naam in: een voornaam of schuilnaam is genoeg.")
        return check_display_name(self.name_input.value)

    def _person(self) -> Deelnemer:
        """The participant to save under: the personal code when one is typed, else the name alone."""
        name = self._person_name()
        if self.code_input.value.strip():
            codes = PersoonlijkeCodes(self.store)
            person = codes.login(name, self.code_input.value, client=self.sessie.client)
            self.concept.koppel(person.id, person.weergavenaam)
            return person
        return deelnemer_voor(self.store, name)

    def _save(self, _button: object = None) -> None:
        plan = self.current_plan()
        person = self._person()
        title = self.title_input.value.strip() or (f"Plan {self.casus.titel}" if self.casus else "Mijn plan")
        existing = next((b for b in bewaarde_plannen(self.store, person.id) if b.titel == title), None)
        saved = bewaar_plan(
            self.store, person.id, title, plan, inzending_id=existing.id if existing else None
        )
        self.saved_id = saved.id
        self.title_input.value = title
        self.concept.klaar(wis=False)
        self._find()
        self.messages.notice(f"Je plan is bewaard als '{title}'.")

    def _find(self, _button: object = None) -> None:
        person = self._person()
        self.saved = bewaarde_plannen(self.store, person.id)
        self.saved_choice.options = [(f"{b.titel} ({datum_tekst(b.bijgewerkt)})", b.id) for b in self.saved]
        self.saved_choice.value = self.saved[0].id if self.saved else None
        if not self.saved:
            self.messages.notice("Onder deze naam zijn nog geen plannen bewaard.")

    def _open_saved(self, _button: object = None) -> None:
        chosen = next((b for b in self.saved if b.id == self.saved_choice.value), None)
        if chosen is None:
            raise WijkteamError("Kies eerst een bewaard plan (klik op 'Mijn bewaarde plannen').")
        if chosen.plan.casus_id and chosen.plan.casus_id in {c.id for c in self.library}:
            self.casus_choice.value = chosen.plan.casus_id
        self.form.show(chosen.plan)
        self.saved_id, self.title_input.value = chosen.id, chosen.titel
        self.messages.notice(f"'{chosen.titel}' is geopend.")

    def _export(self, _button: object = None) -> None:
        plan = self.current_plan()
        doc = plan_document(plan, self.casus)
        base = plan_bestandsnaam(plan, "md").removesuffix(".md")
        links = document_links(doc, base, labels=("Ons plan (Markdown)", "Ons plan (PDF)"))
        stamp = dt.datetime.now().strftime("%H:%M")
        self.export_links.value = f"{links} <span class='wk-klein'>gemaakt om {stamp}</span>"
