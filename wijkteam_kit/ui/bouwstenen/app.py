"""The bouwstenen app: a team answers the six building blocks, sees what stands out and exports a startdocument.

One block per page with progress; every answer refreshes "Wat valt op?" (missing and contradicting answers,
from :func:`wijkteam_kit.bouwstenen.document.check`). The startdocument downloads as Markdown and PDF.
Answers are saved in the :class:`~wijkteam_kit.store.Store` as soort ``bouwstenen`` under the team name (a
participant with that display name), opened at the first click that needs it.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> app = BouwstenenApp(Store(":memory:"))
>>> app.answer("vormgeving", "vorm", "integraal")
>>> app.answer("aansturing", "mandaat", "nee")
>>> "Integraal team zonder mandaat" in app.findings_html.value
True
>>> app.team_name.value = "Team Noord"
>>> app.save_button.click()
>>> app.store.submissions("bouwstenen")[0].payload["antwoorden"]["vormgeving"]
{'vorm': 'integraal'}
>>> app.document_button.click()
>>> "startdocument-team-noord.pdf" in app.downloads.value
True
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import aantal
from wijkteam_kit.bouwstenen.document import check, startdocument
from wijkteam_kit.bouwstenen.model import SOORT, Antwoorden, Bouwsteen, Vraag, load_model
from wijkteam_kit.document import slug
from wijkteam_kit.privacy import privacy_message
from wijkteam_kit.store.schema import Deelnemer, check_display_name
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.bezig import bezig
from wijkteam_kit.ui.common.concept import Concept
from wijkteam_kit.ui.common.styles import style_widget
from wijkteam_kit.ui.common.widgets import (
    FOCUS_NU,
    LazyStore,
    MessageBox,
    document_links,
    esc,
    focus_when_drawn,
    safe,
)

__all__ = ["BouwstenenApp"]


class BouwstenenApp:
    """The whole app as one object; ``widget`` is what the notebook displays.

    Parameters
    ----------
    store : Store, str, Path or None
        Where answers are saved; None: the default store, opened at the first click that needs it.
    today : date, optional
        The date printed on the startdocument (for tests); default: the real date.
    """

    def __init__(self, store: Store | str | Path | None = None, *, today: dt.date | None = None) -> None:
        self._stores = LazyStore(store)
        self.today = today
        self.model = load_model()
        self.messages = MessageBox()
        self.messages.html.add_class("wk-bouwstenen-melding")
        guard = safe(self.messages)
        self._guard = guard
        self._loading = False
        self.inputs: dict[tuple[str, str], widgets.Widget] = {}
        self.checkboxes: dict[tuple[str, str], dict[str, widgets.Checkbox]] = {}
        self.notes: dict[tuple[str, str], widgets.HTML] = {}

        self.team_name = widgets.Text(
            description="Team:",
            placeholder="naam van het team, bijvoorbeeld Team Noord",
            layout={"width": "460px"},
        )
        self.team_name.add_class("wk-teamnaam")
        self.open_button = widgets.Button(description="Opgeslagen antwoorden openen", icon="folder-open")
        self.open_button.add_class("wk-openen")
        self.save_button = widgets.Button(description="Opslaan", icon="save", button_style="primary")
        self.save_button.add_class("wk-opslaan")
        self.open_button.on_click(
            guard(
                lambda _b: self.concept.vraag(
                    "Je antwoorden zijn nog niet opgeslagen. Open je de opgeslagen antwoorden, dan gaan ze verloren.",
                    "Ja, opgeslagen antwoorden openen",
                    self._on_open,
                )
            )
        )
        self.save_button.on_click(guard(self._on_save))

        self.progress = widgets.HTML()
        self.progress.add_class("wk-voortgang")
        self.steps = widgets.ToggleButtons(
            options=[(f"{b.nummer} {b.naam}", i) for i, b in enumerate(self.model.bouwstenen)], value=0
        )
        self.steps.add_class("wk-stappen")
        self.steps.observe(guard(self._step_chosen), names="value")
        self.pages = [self._page(block) for block in self.model.bouwstenen]
        self.page_box = widgets.VBox()
        self.page_box.add_class("wk-kaart")
        self.page_box.add_class("wk-bouwsteen")
        self.prev_button = widgets.Button(description="Vorige bouwsteen", icon="arrow-left")
        self.prev_button.add_class("wk-vorige")
        self.next_button = widgets.Button(description="Volgende bouwsteen", icon="arrow-right")
        self.next_button.add_class("wk-volgende")
        self.prev_button.on_click(guard(lambda _b: self.go(self.page - 1)))
        self.next_button.on_click(guard(lambda _b: self.go(self.page + 1)))

        self.findings_html = widgets.HTML()
        self.findings_html.add_class("wk-wat-valt-op")
        self.document_button = widgets.Button(description="Startdocument maken", icon="file-text")
        self.document_button.add_class("wk-maak-document")
        self.document_button.on_click(
            guard(bezig(self.document_button, "Startdocument maken…")(self._on_document))
        )
        self.downloads = widgets.HTML()
        self.downloads.add_class("wk-downloads")

        header = widgets.HTML(
            "<h2>Bouwstenen voor ons team</h2><p class='wk-intro'>Sta als team stil bij zes bouwstenen: de "
            "opgave, de inrichting, de vorm, de aansturing, de competenties en de werkprincipes. Vul de vragen "
            "samen in. Rechts zie je wat er nog open is en welke antwoorden niet goed bij elkaar passen. Aan het "
            "eind maak je een startdocument voor jullie teamontwikkelingsplan.</p>"
        )
        team_row = widgets.HBox([self.team_name, self.open_button, self.save_button])
        team_row.add_class("wk-knoppen")
        nav = widgets.HBox([self.prev_button, self.next_button])
        nav.add_class("wk-knoppen")
        left = widgets.VBox([self.progress, self.steps, self.page_box, nav], layout={"width": "62%"})
        right = widgets.VBox(
            [
                widgets.HTML("<h3>Wat valt op?</h3>"),
                self.findings_html,
                widgets.HTML("<h3>Startdocument</h3>"),
                self.document_button,
                self.downloads,
            ],
            layout={"width": "36%", "margin": "0 0 0 2%"},
        )
        right.add_class("wk-kaart")
        self.concept = Concept(
            "bouwstenen",
            bewaar=self._concept_data,
            herstel=self._herstel_concept,
            samenvatting=self._concept_samenvatting,
            stores=self._stores,
        )
        main = widgets.HBox([left, right])
        self.widget = widgets.VBox(
            [
                style_widget("ui/bouwstenen/bouwstenen.css"),
                header,
                team_row,
                self.messages.html,
                self.concept.widget,
                main,
            ]
        )
        self.widget.add_class("wk-app")
        self.widget.add_class("wk-bouwstenen")
        self.page = 0
        self.show_page(0)
        self.refresh()
        self.concept.volg(team_row)
        self.concept.volg(main)
        for page in self.pages:  # the pages not shown now are watched too
            for part in page:
                self.concept.volg(part)

    # ------------------------------------------------------------------ the draft (nothing typed is lost)
    def _concept_data(self) -> dict | None:
        answers = self.answers()
        if not answers.aantal():  # a team name alone is no work (it is typed to open saved answers)
            return None
        return {"team": self.team_name.value, "antwoorden": answers.to_payload(), "pagina": self.page}

    def _herstel_concept(self, data: dict) -> None:
        self.team_name.value = str(data.get("team") or "")
        self.set_answers(Antwoorden.from_payload(data["antwoorden"], self.model))
        self.show_page(int(data.get("pagina") or 0))

    def _concept_samenvatting(self, data: dict) -> str:
        answers = Antwoorden.from_payload(data["antwoorden"], self.model)
        team = str(data.get("team") or "").strip()
        return f"de bouwstenen{f' van {team}' if team else ''}: {aantal(answers.aantal(), 'antwoord', 'antwoorden')}"

    @property
    def store(self) -> Store:
        """The store, opened on first use."""
        return self._stores.get()

    # ------------------------------------------------------------------ pages and questions
    def _page(self, block: Bouwsteen) -> list[widgets.Widget]:
        heading = widgets.HTML(
            f"<h3>Bouwsteen {block.nummer}: {esc(block.naam)}</h3><p class='wk-kernvraag'>"
            f"{esc(block.kernvraag)}</p><p class='wk-klein'>{esc(block.uitleg)}</p>"
        )
        heading.add_class("wk-focusdoel")  # where the keyboard focus goes on a new page (toegankelijk.js)
        rows: list[widgets.Widget] = [heading]
        for number, q in enumerate(block.vragen, 1):
            optional = "" if q.verplicht else " <span class='wk-klein'>(mag open blijven)</span>"
            label = widgets.HTML(
                f"<p class='wk-vraag'><strong>{number}.</strong> {esc(q.vraag)}{optional}</p>"
            )
            note = widgets.HTML()
            self.notes[(block.id, q.id)] = note
            box = widgets.VBox([label, self._input(block, q), note])
            box.add_class("wk-vraagblok")
            rows.append(box)
        return rows

    def _input(self, block: Bouwsteen, q: Vraag) -> widgets.Widget:
        key = (block.id, q.id)
        if q.type == "meerkeuze":
            boxes = {o.id: widgets.Checkbox(description=o.label, indent=False, value=False) for o in q.opties}
            for option_id, box in boxes.items():
                box.add_class(f"wk-optie-{option_id}")
                box.layout.width = "auto"
                box.observe(self._guard(self._changed), names="value")
            self.checkboxes[key] = boxes
            widget: widgets.Widget = widgets.VBox(list(boxes.values()))
        elif q.type == "keuze":
            widget = widgets.RadioButtons(options=[(o.label, o.id) for o in q.opties], value=None)
            widget.layout.width = "100%"
        elif q.type == "schaal":
            scale = widgets.ToggleButtons(options=[(str(i), i) for i in range(1, 6)], value=None)
            scale.add_class("wk-schaal")
            scale.style.button_width = "44px"
            caption = widgets.HTML(f"<span class='wk-klein'>1 = {esc(q.laag)} · 5 = {esc(q.hoog)}</span>")
            self.inputs[key] = scale
            scale.add_class(f"wk-vraag-{block.id}-{q.id}")
            scale.observe(self._guard(self._changed), names="value")
            return widgets.VBox([scale, caption])
        elif q.type == "getal":
            widget = widgets.Text(
                placeholder=f"een getal van {q.min} tot en met {q.max}", continuous_update=False
            )
        else:
            widget = widgets.Textarea(rows=3, layout={"width": "100%"})  # every key: the draft keeps up
            widget.placeholder = "Schrijf jullie antwoord op (geen namen of nummers van bewoners)"
        widget.add_class(f"wk-vraag-{block.id}-{q.id}")
        if q.type != "meerkeuze":
            self.inputs[key] = widget
            widget.observe(self._guard(self._changed), names="value")
        return widget

    def show_page(self, index: int, *, focus: bool = False) -> None:
        """Show block number ``index`` (0-based; clipped to the first and last block).

        With ``focus`` the keyboard focus goes to the block's heading as soon as it is drawn (the buttons
        "Vorige" and "Volgende bouwsteen"); without it the focus stays where it is (the row of block numbers).
        """
        self.page = min(max(int(index), 0), len(self.pages) - 1)
        headings = [page[0] for page in self.pages]
        if focus:
            focus_when_drawn(headings[self.page], others=headings)
        else:
            for heading in headings:
                heading.remove_class(FOCUS_NU)
        self.page_box.children = self.pages[self.page]
        self.steps.value = self.page
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page == len(self.pages) - 1
        self._refresh_progress()
        if focus:
            self.pages[self.page][0].focus()

    def _step_chosen(self, change: dict) -> None:
        if change["new"] != self.page:  # not the echo of show_page itself (that would drop its focus request)
            self.show_page(change["new"])

    def go(self, index: int) -> None:
        """Show block ``index`` because the user asked for it ("Vorige", "Volgende bouwsteen"), focus on it."""
        self.show_page(index, focus=True)

    # ------------------------------------------------------------------ answers
    def answer(self, blok: str, vraag: str, value: object) -> None:
        """Answer one question as the widgets would (for tests and scripts); None clears it."""
        q = self.model.vraag(blok, vraag)
        key = (blok, q.id)
        if q.type == "meerkeuze":
            chosen = set(value or ())  # type: ignore[arg-type]
            for option_id, box in self.checkboxes[key].items():
                box.value = option_id in chosen
        elif q.type in ("getal", "tekst"):
            self.inputs[key].value = "" if value is None else str(value)
        else:
            self.inputs[key].value = value

    def answers(self) -> Antwoorden:
        """The answers as filled in now (a number that is not a whole number is left out)."""
        data: dict[str, dict[str, object]] = {}
        for block, q in self.model.alle_vragen():
            key = (block.id, q.id)
            if q.type == "meerkeuze":
                value: object = [o for o, box in self.checkboxes[key].items() if box.value]
            elif q.type == "getal":
                text = self.inputs[key].value.strip()
                value = int(text) if text.isdigit() and q.min <= int(text) <= q.max else None  # type: ignore[operator]
            else:
                value = self.inputs[key].value
            if value not in (None, "", []):
                data.setdefault(block.id, {})[q.id] = value
        return Antwoorden.from_payload({"antwoorden": data}, self.model)

    def set_answers(self, answers: Antwoorden) -> None:
        """Fill every widget from ``answers`` (questions without an answer are cleared)."""
        self._loading = True
        try:
            for block, q in self.model.alle_vragen():
                self.answer(block.id, q.id, answers.get(block.id, q.id))
        finally:
            self._loading = False
        self.refresh()

    def _changed(self, _change: object = None) -> None:
        if not self._loading:
            self.refresh()

    def refresh(self) -> None:
        """Update the notes under the questions, the progress and "Wat valt op?"."""
        for block, q in self.model.alle_vragen():
            self.notes[(block.id, q.id)].value = self._note(block, q)
        answers = self.answers()
        self._refresh_progress(answers)
        self.findings_html.value = self._findings(answers)
        self.downloads.value = ""

    def _note(self, block: Bouwsteen, q: Vraag) -> str:
        if q.type not in ("tekst", "getal"):
            return ""
        text = self.inputs[(block.id, q.id)].value
        if q.type == "getal":
            ok = not text.strip() or (text.strip().isdigit() and q.min <= int(text) <= q.max)  # type: ignore[operator]
            message = (
                "" if ok else f"Vul een heel getal in van {q.min} tot en met {q.max}; nu telt dit niet mee."
            )
        else:
            message = privacy_message(text)
        return f"<div class='wk-waarschuwing'>{esc(message)}</div>" if message else ""

    def _refresh_progress(self, answers: Antwoorden | None = None) -> None:
        answers = answers if answers is not None else self.answers()
        block = self.model.bouwstenen[self.page]
        total = sum(1 for _ in self.model.alle_vragen())
        self.progress.value = (
            f"<p><strong>Bouwsteen {block.nummer} van {len(self.model.bouwstenen)}: "
            f"{esc(block.naam)}</strong> · {answers.aantal()} van {total} vragen beantwoord</p>"
        )

    def _findings(self, answers: Antwoorden) -> str:
        found = check(answers, self.model)
        rules = [f for f in found if f.soort != "ontbreekt"]
        items = []
        for f in rules:
            css = "wk-fout" if f.soort == "tegenstrijdig" else "wk-waarschuwing"
            items.append(
                f"<li class='{css} wk-regel-{f.regel}'><span class='wk-soort'>{esc(f.soort.capitalize())}:</span> "
                f"{esc(f.titel)}<br><span class='wk-klein'>{esc(f.uitleg)}</span></li>"
            )
        open_per_block: dict[str, int] = {}
        for f in found:
            if f.soort == "ontbreekt":
                open_per_block[f.bouwsteen] = open_per_block.get(f.bouwsteen, 0) + 1
        parts = []
        if items:
            parts.append(f"<ul class='wk-bevindingen'>{''.join(items)}</ul>")
        else:
            parts.append(
                "<p class='wk-bericht'>Geen tegenstrijdige antwoorden of aandachtspunten gevonden.</p>"
            )
        if open_per_block:
            lines = "".join(
                f"<li>{b.nummer} {esc(b.naam)}: {open_per_block[b.id]} open</li>"
                for b in self.model.bouwstenen
                if b.id in open_per_block
            )
            parts.append(f"<p><strong>Nog open</strong></p><ul class='wk-open'>{lines}</ul>")
        else:
            parts.append("<p class='wk-klein'>Alle vragen zijn beantwoord.</p>")
        return "".join(parts)

    # ------------------------------------------------------------------ saving and export
    def _team(self, create: bool) -> Deelnemer | None:
        name = check_display_name(self.team_name.value)
        matches = [
            p
            for p in self.store.participants()
            if p.team is None and p.weergavenaam.casefold() == name.casefold() and self._saved(p)
        ]
        if matches:
            return matches[-1]
        return self.store.add_participant(name) if create else None

    def _saved(self, person: Deelnemer) -> list:
        return self.store.submissions(SOORT, deelnemer_id=person.id)

    def _on_save(self, _button: object = None) -> None:
        answers = self.answers()
        person = self._team(create=True)
        assert person is not None
        saved = self._saved(person)
        if saved:
            self.store.update_submission(saved[-1].id, answers.to_payload())
        else:
            self.store.submit(SOORT, person.id, answers.to_payload())
        self.messages.notice(
            f"Opgeslagen voor {person.weergavenaam}: {aantal(answers.aantal(), 'antwoord', 'antwoorden')}."
        )
        self.concept.klaar(wis=False)

    def _on_open(self, _button: object = None) -> None:
        person = self._team(create=False)
        if person is None:
            self.messages.warn(f"Voor {self.team_name.value.strip()} zijn nog geen antwoorden opgeslagen.")
            return
        answers = Antwoorden.from_payload(self._saved(person)[-1].payload, self.model)
        self.set_answers(answers)
        self.messages.notice(f"De opgeslagen antwoorden van {person.weergavenaam} staan weer klaar.")

    def _on_document(self, _button: object = None) -> None:

        team = " ".join(self.team_name.value.split()) or "ons team"
        doc = startdocument(self.answers(), team, self.model, self.today or dt.date.today())
        name = f"startdocument-{slug(team, 'team')}"
        self.downloads.value = (
            f"<p>{document_links(doc, name, labels=('Download als Markdown', 'Download als PDF'))}</p>"
        )
        self.messages.notice("Het startdocument staat klaar om te downloaden.")
