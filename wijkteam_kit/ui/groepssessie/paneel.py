"""The live dashboard of one group session (for the trainer, after the secret was given).

Who joined and who handed in is refreshed every few seconds (an ``ipywidgets.Play`` ticks in the browser);
the group picture is recomputed only when an answer changed. The trainer shares the group picture with the
participants (``Delen met de groep``), closes or reopens the session, downloads CSV, PDF handout and a JSON
backup, and can delete the session with everything in it.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
>>> from wijkteam_kit.groepssessie import Client, Groepssessies
>>> from wijkteam_kit.store import Store
>>> sessies = Groepssessies(Store(":memory:"))
>>> new = sessies.create("mantelzorg-dementie", "zrm")
>>> access = sessies.as_trainer(new.sessie.code, new.geheim, client=Client("p1"))
>>> panel = GroepssessiePaneel(access, casus)
>>> "0 aangemeld" in panel.counts.value
True
>>> kim = sessies.join(new.sessie.code, "Kim <b>", client=Client("p2"))
>>> panel.refresh()
>>> "Kim &lt;b&gt;" in panel.participants.value, "1 aangemeld" in panel.counts.value
(True, True)
>>> panel.reveal_button.click()
>>> access.sessie.onthuld
True
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.draw.export import inline_svg
from wijkteam_kit.draw.groepssessie import group_figure, handout_pdf
from wijkteam_kit.groepssessie.analyse import groep
from wijkteam_kit.groepssessie.export import session_csv
from wijkteam_kit.groepssessie.model import OEFENING_NAMEN, Deelname
from wijkteam_kit.groepssessie.trainer import TrainerToegang
from wijkteam_kit.store.schema import Inzending, local_time
from wijkteam_kit.ui.common.widgets import MessageBox, download_link, esc, safe
from wijkteam_kit.ui.groepssessie.groep import group_html
from wijkteam_kit.ui.groepssessie.kalibratie import ZrmKalibratiePaneel

__all__ = ["GroepssessiePaneel", "new_tick"]

REFRESH_MS = 4000


def new_tick() -> widgets.Play:
    """The hidden timer of the live refresh (one tick every :data:`REFRESH_MS` milliseconds)."""
    tick = widgets.Play(value=0, min=0, max=10**7, step=1, interval=REFRESH_MS, show_repeat=False)
    tick.add_class("wk-sessie-tik")
    tick.layout.display = "none"
    return tick


class GroepssessiePaneel:
    """One session's dashboard; ``widget`` is what the trainer app shows."""

    def __init__(
        self,
        access: TrainerToegang,
        casus: Casus,
        on_deleted: Callable[[str], None] | None = None,
        tick: widgets.Play | None = None,
    ) -> None:
        self.access = access
        self.casus = casus
        self.on_deleted = on_deleted
        self.messages = MessageBox()
        self.groep = None
        self.deelnames: list[Deelname] = []
        self.answers: list[tuple[Deelname, Inzending]] = []
        self._signature: tuple | None = None
        guard = safe(self.messages)

        self.header = widgets.HTML()
        self.header.add_class("wk-sessie-kop")
        self.counts = widgets.HTML()
        self.counts.add_class("wk-sessie-aantallen")
        self.participants = widgets.HTML()
        self.participants.add_class("wk-sessie-deelnemers")
        self.result = widgets.HTML()
        self.result.add_class("wk-sessie-groep")
        self.downloads = widgets.HTML()
        self.downloads.add_class("wk-sessie-downloads")

        self.refresh_button = widgets.Button(description="Vernieuwen", icon="refresh")
        self.refresh_button.add_class("wk-sessie-vernieuw")
        self.reveal_button = widgets.Button(icon="eye")
        self.reveal_button.add_class("wk-sessie-onthul")
        self.close_button = widgets.Button(icon="lock")
        self.close_button.add_class("wk-sessie-sluit")
        self.export_button = widgets.Button(description="Export maken", icon="download")
        self.export_button.add_class("wk-sessie-export")
        self.live = widgets.Checkbox(value=True, description="Live bijwerken", indent=False)
        self.live.add_class("wk-sessie-live")
        # The browser only starts a Play whose ``playing`` turns true AFTER its view exists, so the app makes
        # the Play at start-up (already on the page) and passes it here; alone, the panel makes its own.
        self.tick = tick if tick is not None else new_tick()
        self.confirm_delete = widgets.Checkbox(
            value=False, description="Ja, verwijder deze sessie met alle antwoorden", indent=False
        )
        self.confirm_delete.add_class("wk-sessie-bevestig")
        self.delete_button = widgets.Button(
            description="Sessie verwijderen", button_style="danger", icon="trash"
        )
        self.delete_button.add_class("wk-sessie-verwijder")

        self.refresh_button.on_click(guard(lambda _b: self.refresh(force=True)))
        self.reveal_button.on_click(guard(self._on_reveal))
        self.close_button.on_click(guard(self._on_close))
        self.export_button.on_click(guard(self._on_export))
        self.delete_button.on_click(guard(self._on_delete))
        self._on_tick = guard(lambda _c: self.refresh())
        self.tick.observe(self._on_tick, "value")
        self.live.observe(guard(self._on_live), "value")

        for button in (
            self.refresh_button,
            self.reveal_button,
            self.close_button,
            self.export_button,
            self.delete_button,
        ):
            button.layout.width = "auto"  # the whole label, never "Delen met de gr…"
        actions = widgets.HBox(
            [self.refresh_button, self.reveal_button, self.close_button, self.live],
            layout={"flex_flow": "row wrap", "align_items": "center"},
        )
        people = widgets.VBox(
            [widgets.HTML("<h3>Deelnemers</h3>"), self.counts, self.participants],
            layout={"flex": "0 1 340px", "margin": "0 12px 0 0"},
        )
        people.add_class("wk-kaart")
        group = widgets.VBox(
            [widgets.HTML("<h3>Wat de groep vindt</h3>"), self.result], layout={"flex": "1 1 600px"}
        )
        group.add_class("wk-kaart")
        export = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Bewaren en opruimen</h3><p class='wk-klein'>De CSV is voor Excel (met namen); het "
                    "PDF-hand-out is voor de groep (zonder namen); de JSON is een reservekopie van de sessie.</p>"
                ),
                widgets.HBox([self.export_button]),
                self.downloads,
                widgets.HTML("<hr>"),
                widgets.HBox([self.confirm_delete, self.delete_button], layout={"flex_flow": "row wrap"}),
            ]
        )
        export.add_class("wk-kaart")
        # ZRM sessions: round two and the calibration standard (ui/groepssessie/kalibratie.py)
        self.kalibratie = ZrmKalibratiePaneel(access, casus) if access.sessie.oefening == "zrm" else None
        self.widget = widgets.VBox(
            [
                self.header,
                actions,
                self.messages.html,
                widgets.HBox([people, group], layout={"flex_flow": "row wrap", "align_items": "flex-start"}),
                *([self.kalibratie.widget] if self.kalibratie is not None else []),
                export,
            ]
        )
        self.refresh(force=True)

    # ------------------------------------------------------------------ refreshing
    def stop(self) -> None:
        """Stop the live refresh (the panel is being replaced)."""
        self.tick.unobserve(self._on_tick, "value")
        self.tick.playing = False

    def _on_live(self, change: dict) -> None:
        self.tick.playing = bool(change["new"])

    def refresh(self, force: bool = False) -> None:
        """Re-read the session; redraw the group picture only when an answer changed (or ``force``)."""
        sessie = self.access.refresh()
        self.deelnames = deelnames = self.access.deelnames()
        self.answers = answers = self.access.answers()
        self._header(sessie)
        handed_in = sum(1 for d in deelnames if d.ingeleverd)
        self.counts.value = (
            f"<p class='wk-aantal-verschillen'>{len(deelnames)} aangemeld · {handed_in} ingeleverd</p>"
        )
        rows = "".join(
            f"<tr><td>{esc(d.weergavenaam)}</td><td>{esc(local_time(d.aangemeld, clock=True))}</td>"
            + (
                f"<td class='wk-ingeleverd'>✔ {esc(local_time(d.ingeleverd, clock=True))}</td>"
                if d.ingeleverd
                else "<td class='wk-klein'>nog bezig</td>"
            )
            + "</tr>"
            for d in deelnames
        )
        self.participants.value = (
            "<table class='wk-tabel'><tr><th>Naam</th><th>Aangemeld</th><th>Ingeleverd</th></tr>"
            f"{rows}</table>"
            if deelnames
            else f"<p class='wk-klein'>Nog niemand. Deel de code <strong>{esc(sessie.code_weergave)}</strong>.</p>"
        )
        signature = tuple((i.id, i.bijgewerkt) for _d, i in answers)
        if force or signature != self._signature:
            self._signature = signature
            if self.kalibratie is not None:
                self.kalibratie.refresh()
            named = [(d.weergavenaam, i.payload) for d, i in answers]
            self.groep = groep(self.casus, sessie.oefening, named)
            if not named:
                self.result.value = (
                    "<p class='wk-klein'>Zodra iemand inlevert, verschijnt hier het groepsbeeld.</p>"
                )
            else:
                self.result.value = (
                    "<div class='wk-sessie-figuur'>"
                    + inline_svg(group_figure(self.groep))
                    + "</div>"
                    + group_html(self.groep, names=True)
                )

    def _header(self, sessie) -> None:
        status = "open" if sessie.open else "gesloten: er kan niets meer worden ingeleverd"
        shared = "gedeeld met de groep" if sessie.onthuld else "nog niet gedeeld met de groep"
        title = f"{esc(sessie.titel)} · " if sessie.titel else ""
        self.header.value = (
            f"<div class='wk-kaart'><h3>{title}{esc(OEFENING_NAMEN[sessie.oefening])} · {esc(self.casus.titel)}"
            f"</h3><p>Code <strong class='wk-code' style='font-size:1.6em'>{esc(sessie.code_weergave)}</strong>"
            f" · <span class='wk-sessie-status'>Sessie {status}</span> · "
            f"<span class='wk-sessie-gedeeld'>Groepsuitkomst {shared}</span></p></div>"
        )
        self.reveal_button.description = "Weer verbergen" if sessie.onthuld else "Delen met de groep"
        self.reveal_button.button_style = "" if sessie.onthuld else "success"
        self.close_button.description = "Heropenen" if not sessie.open else "Sessie sluiten"
        self.close_button.icon = "unlock" if not sessie.open else "lock"

    # ------------------------------------------------------------------ actions
    def _on_reveal(self, _button: object = None) -> None:
        sessie = self.access.hide() if self.access.sessie.onthuld else self.access.reveal()
        self.messages.notice(
            "De deelnemers zien nu het groepsbeeld (zonder elkaars namen)."
            if sessie.onthuld
            else "Het groepsbeeld is weer verborgen voor de deelnemers."
        )
        self.refresh()

    def _on_close(self, _button: object = None) -> None:
        sessie = self.access.reopen() if not self.access.sessie.open else self.access.close()
        self.messages.notice(
            "De sessie is weer open: deelnemers kunnen meedoen en inleveren."
            if sessie.open
            else "De sessie is gesloten: niemand kan nog meedoen of inleveren. Alles blijft bewaard."
        )
        self.refresh()

    def _on_export(self, _button: object = None) -> None:
        self.refresh()  # the export shows what is in the store now (and the figure redrawn if that changed)
        sessie, deelnames, answers = self.access.sessie, self.deelnames, self.answers
        stem = f"sessie-{sessie.code}"
        self.downloads.value = " ".join(
            [
                download_link(
                    session_csv(sessie, deelnames, answers, self.casus),
                    f"{stem}.csv",
                    "text/csv",
                    "CSV (Excel)",
                ),
                download_link(
                    handout_pdf(
                        sessie,
                        self.casus,
                        self.groep,
                        extra=self.kalibratie.handout_blocks() if self.kalibratie is not None else (),
                    ),
                    f"{stem}-hand-out.pdf",
                    "application/pdf",
                    "Hand-out (PDF)",
                ),
                download_link(
                    self.access.export_json().encode("utf-8"),
                    f"{stem}.json",
                    "application/json",
                    "Reservekopie (JSON)",
                ),
            ]
        )

    def _on_delete(self, _button: object = None) -> None:
        if not self.confirm_delete.value:
            self.messages.warn("Zet eerst het vinkje om te bevestigen dat je de sessie wilt verwijderen.")
            return
        code = self.access.sessie.code_weergave
        self.stop()
        self.access.delete()
        if self.on_deleted is not None:
            self.on_deleted(f"Sessie {code} is verwijderd, met alle aanmeldingen en antwoorden.")
