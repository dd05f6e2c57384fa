"""The trainer's calibration tools in a ZRM session: round two, and the standard agreed with the group.

- **Round two.** After the discussion the trainer opens a second round; everyone scores again. The panel shows
  round one beside round two: Krippendorff's alpha, per domain the spread and the distance to the reference,
  and who moved toward the reference. The hand-out includes it (:func:`~wijkteam_kit.groepssessie.round_two_blocks`).
- **The standard.** The trainer sets the figures (within one, exact, number of casuses) and sees per participant
  whether they meet it — over everything they scored under their personal code, not only this session — with the
  domains below it, and downloads a printable overview for the group and per participant.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> from wijkteam_kit.groepssessie import Client, Groepssessies
>>> from wijkteam_kit.store import Store
>>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
>>> sessies = Groepssessies(Store(":memory:"))
>>> new = sessies.create(casus.id, "zrm")
>>> tools = ZrmKalibratiePaneel(sessies.as_trainer(new.sessie.code, new.geheim, client=Client("t")), casus)
>>> tools.round_button.click()
>>> "tweede ronde" in tools.rounds.value.lower()
True
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.document import Blok
from wijkteam_kit.draw.document_pdf import document_pdf
from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes
from wijkteam_kit.groepssessie.ronde import round_comparison, round_two_blocks
from wijkteam_kit.groepssessie.trainer import TrainerToegang
from wijkteam_kit.ui.common.widgets import MessageBox, download_link, esc, safe
from wijkteam_kit.zrm.calibration_history import dutch_number, dutch_percent
from wijkteam_kit.zrm.calibration_overview import group_document, participant_document
from wijkteam_kit.zrm.calibration_standard import CalibrationStandard
from wijkteam_kit.zrm.rounds import RoundComparison

__all__ = ["ZrmKalibratiePaneel", "rounds_html"]


def _n(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else dutch_number(value, decimals)


def rounds_html(comparison: RoundComparison, *, names: bool = True) -> str:
    """Round one beside round two as HTML (escaped)."""
    rows = "".join(
        f"<tr><td>{esc(d.name)}</td><td>{'–' if d.reference is None else d.reference}</td>"
        f"<td>{'–' if d.spread_before is None else d.spread_before} → "
        f"{'–' if d.spread_after is None else d.spread_after}</td>"
        f"<td>{_n(d.distance_before)} → {_n(d.distance_after)}</td>"
        f"<td>{'✔ dichterbij' if d.closer else '' if d.closer is None else '–'}</td></tr>"
        for d in comparison.domains
        if d.distance_before is not None or d.distance_after is not None
    )
    html = (
        f"<p class='wk-ronde-samenvatting'>{esc(comparison.summary())}</p>"
        "<table class='wk-tabel wk-ronde-tabel'><tr><th>Domein</th><th>Referentie</th><th>Spreiding 1 → 2</th>"
        f"<th>Afstand tot referentie 1 → 2</th><th>Dichterbij?</th></tr>{rows}</table>"
    )
    if names and comparison.participants:
        people = "".join(
            f"<li>{esc(p.name)}: {p.before} → {p.after} niveaus van de referentie ({esc(p.direction)})</li>"
            for p in comparison.participants
        )
        html += f"<h4>Wie bewoog naar de referentie?</h4><ul class='wk-ronde-deelnemers'>{people}</ul>"
    return html


class ZrmKalibratiePaneel:
    """Round two and the calibration standard for one ZRM session; ``widget`` goes under the trainer's panel."""

    def __init__(self, access: TrainerToegang, casus: Casus) -> None:
        self.access = access
        self.casus = casus
        self.comparison: RoundComparison | None = None
        self.messages = MessageBox()
        guard = safe(self.messages)
        self.round_button = widgets.Button(description="Tweede ronde openen", icon="repeat")
        self.round_button.layout.width = "auto"
        self.round_button.add_class("wk-ronde-open")
        self.round_button.on_click(guard(self._on_round_two))
        self.rounds = widgets.HTML()
        self.rounds.add_class("wk-ronde")
        self.within = widgets.BoundedIntText(value=80, min=0, max=100, description="Binnen één niveau (%):")
        self.exact = widgets.BoundedIntText(value=60, min=0, max=100, description="Precies gelijk (%):")
        self.casuses = widgets.BoundedIntText(value=3, min=1, max=50, description="Minstens casussen:")
        for box in (self.within, self.exact, self.casuses):
            box.style.description_width = "170px"
            box.layout.width = "260px"
        self.within.add_class("wk-afspraak-binnen")
        self.exact.add_class("wk-afspraak-gelijk")
        self.casuses.add_class("wk-afspraak-casussen")
        self.check_button = widgets.Button(description="Wie haalt de afspraak?", icon="check", button_style="info")
        self.check_button.layout.width = "auto"
        self.check_button.add_class("wk-afspraak-toets")
        self.check_button.on_click(guard(self._on_check))
        self.standard_result = widgets.HTML()
        self.standard_result.add_class("wk-afspraak-uitkomst")
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Tweede ronde</h3><p class='wk-klein'>Na de bespreking laat je iedereen opnieuw scoren. "
                    "De antwoorden van de eerste ronde blijven bewaard; het groepsbeeld wordt weer verborgen tot "
                    "je het deelt.</p>"
                ),
                self.round_button,
                self.rounds,
                widgets.HTML(
                    "<h3>Kalibratie-afspraak</h3><p class='wk-klein'>Kies wat je met deze groep afspreekt. Het "
                    "overzicht telt alles wat iemand onder zijn persoonlijke code scoorde, ook in andere sessies "
                    "en alleen. Wie de afspraak haalt is <i>gekalibreerd volgens de afspraak van deze "
                    "training</i>: een leerafspraak, geen certificaat.</p>"
                ),
                widgets.HBox([self.within, self.exact, self.casuses], layout={"flex_flow": "row wrap"}),
                self.check_button,
                self.messages.html,
                self.standard_result,
            ]
        )
        self.widget.add_class("wk-kaart")
        self.widget.add_class("wk-sessie-kalibratie")
        self.refresh()

    # ---- round two ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read both rounds and redraw the comparison."""
        sessie = self.access.refresh()
        if sessie.ronde < 2:
            self.comparison = None
            self.round_button.disabled = False
            self.rounds.value = ""
            return
        self.round_button.disabled = True
        before = self.access.round_one_answers()
        after = [(d.weergavenaam, i.payload) for d, i in self.access.answers()]
        self.comparison = round_comparison(self.casus, before, after)
        if self.comparison is None:
            self.rounds.value = (
                f"<p class='wk-bericht'>De tweede ronde loopt: {len(after)} van de {len(before)} deelnemers van "
                "ronde 1 leverden opnieuw in. De vergelijking verschijnt zodra er antwoorden zijn.</p>"
            )
        else:
            self.rounds.value = rounds_html(self.comparison)

    def _on_round_two(self, _button: object = None) -> None:
        self.access.open_round_two()
        self.messages.notice(
            "De tweede ronde is open: iedereen kan opnieuw scoren en inleveren. Het groepsbeeld is weer verborgen."
        )
        self.refresh()

    def handout_blocks(self) -> Sequence[Blok]:
        """The hand-out section about round two (empty before round two)."""
        return round_two_blocks(self.comparison) if self.comparison is not None else ()

    # ---- the standard ------------------------------------------------------------------------------------
    def standard(self) -> CalibrationStandard:
        """The standard as set in the fields."""
        return CalibrationStandard(self.within.value / 100, self.exact.value / 100, int(self.casuses.value))

    def _on_check(self, _button: object = None) -> None:
        self.messages.clear()
        standard = self.standard()
        if getattr(self.access, "store", None) is None:  # on a hub: the histories live in the answers service
            self.standard_result.value = (
                "<p class='wk-klein'>Op de hub toetst de kit de kalibratiestandaard nog niet: de kalibraties van "
                "deelnemers staan niet in deze sessie. Gebruik de tweede ronde hierboven.</p>"
            )
            return
        codes = PersoonlijkeCodes(self.access.store)
        from wijkteam_kit.casus.model import load_library

        library = load_library()
        rows = [(d.weergavenaam, codes.history(d.deelnemer_id, library)) for d in self.access.deelnames()]
        if not rows:
            self.standard_result.value = "<p class='wk-klein'>Nog niemand doet mee.</p>"
            return
        results = standard.group(rows)
        table = "".join(
            f"<tr><td>{esc(name)}</td><td>{h.n_casuses}</td><td>{dutch_percent(h.exact)}</td>"
            f"<td>{dutch_percent(h.within_one)}</td>"
            f"<td class='{'wk-ingeleverd' if r.meets else ''}'>{'ja' if r.meets else 'nog niet'}</td>"
            f"<td>{esc('; '.join(d.text for d in r.domains)) or '–'}</td></tr>"
            for (name, h), (_, r) in zip(rows, results, strict=True)
        )
        training = self.access.sessie.titel
        links = [
            download_link(
                document_pdf(group_document(rows, standard, training=training)),
                "kalibratie-groep.pdf",
                "application/pdf",
                "Overzicht van de groep (PDF)",
            )
        ]
        links += [
            download_link(
                document_pdf(participant_document(name, h, standard, training=training)),
                f"kalibratie-{i + 1}.pdf",
                "application/pdf",
                f"{name} (PDF)",
            )
            for i, (name, h) in enumerate(rows)
        ]
        self.standard_result.value = (
            f"<p>Afspraak: {esc(standard.text)}.</p>"
            "<table class='wk-tabel'><tr><th>Deelnemer</th><th>Casussen</th><th>Gelijk</th><th>Binnen één</th>"
            f"<th>Afspraak gehaald</th><th>Domeinen onder de afspraak</th></tr>{table}</table>"
            f"<p class='wk-afspraak-downloads'>{' '.join(links)}</p>"
        )
