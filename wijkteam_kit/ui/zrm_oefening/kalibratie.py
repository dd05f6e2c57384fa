"""'Mijn kalibratie' in the ZRM app: log in with name and herstelcode, see your calibration over time.

The learner's personal code is the kit-wide one (:mod:`wijkteam_kit.groepssessie.persoonlijk`): the herstelcode
of a group session, or a new one made here. Every casus scored afterwards (alone or in a session) is kept under
that pseudonymous participant; the view shows agreement over time, bias per domain with the reference rationales,
the confusion picture, the domains that improved, and a printable overview.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> from wijkteam_kit.casus import load_library
>>> library = load_library()
>>> view = MijnKalibratie(Store(":memory:"), lambda: library)
>>> view.name_input.value = "Kim"
>>> view.new_button.click()
>>> view.deelnemer_id is not None, "herstelcode" in view.code_note.value
(True, True)
>>> "Te weinig om iets te concluderen" in view.result.value
True
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Sequence

import ipywidgets as widgets

from wijkteam_kit._basis.nederlands import datum_tekst
from wijkteam_kit.casus.model import Casus
from wijkteam_kit.errors import GroepssessieError
from wijkteam_kit.groepssessie.model import Client
from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.widgets import LazyStore, MessageBox, download_link, esc, na_opslaan, safe
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.calibration_history import CalibrationHistory, history
from wijkteam_kit.zrm.calibration_overview import participant_document
from wijkteam_kit.zrm.calibration_standard import CalibrationStandard

__all__ = ["MijnKalibratie", "history_html"]

log = logging.getLogger("wijkteam_kit.ui.zrm_oefening")


_TREND = {"beter": "dichter bij", "slechter": "verder van", "gelijk": "even ver van"}


def _dag(moment: str) -> str:
    try:
        return datum_tekst(moment)
    except ValueError:
        return moment[:10]


def _image(fig: object, alt: str, css: str) -> str:
    from wijkteam_kit.draw.export import figure_bytes  # drawing loads at the first picture, not with the app

    data = base64.b64encode(figure_bytes(fig, "png", dpi=100)).decode("ascii")
    return f"<img class='{css}' alt='{esc(alt)}' src='data:image/png;base64,{data}' style='max-width:100%'>"


def history_html(history: CalibrationHistory) -> str:
    """The whole calibration view as HTML (escaped): summary, pictures, bias with rationales, progress."""
    from wijkteam_kit.draw.mijn_kalibratie import agreement_time_figure, confusion_figure

    parts = [f"<p class='wk-kalibratie-samenvatting'>{esc(history.summary())}</p>"]
    if not history.attempts:
        return "".join(parts)
    if history.too_little:
        parts.append(f"<p class='wk-waarschuwing wk-te-weinig'>{esc(history.too_little_text)}</p>")
    parts.append(
        _image(
            agreement_time_figure(history),
            "Lijngrafiek: per gescoorde casus het percentage domeinen gelijk aan en binnen één niveau van de "
            "referentie.",
            "wk-kalibratie-tijd",
        )
    )
    rows = "".join(
        f"<tr><td>{esc(_dag(m))}</td><td>{esc(t)}</td><td>{'–' if e is None else f'{e:.0%}'}</td>"
        f"<td>{'–' if w is None else f'{w:.0%}'}</td></tr>"
        for m, t, e, w in history.over_time()
    )
    parts.append(
        "<table class='wk-tabel'><tr><th>Datum</th><th>Casus</th><th>Gelijk</th><th>Binnen één niveau</th></tr>"
        f"{rows}</table>"
    )
    biases = history.noteworthy_biases()
    parts.append("<h4>Waar scoor je anders dan de referentie?</h4>")
    if not biases:
        parts.append("<p>Geen domein waar je gemiddeld een half niveau of meer afwijkt.</p>")
    for b in biases:
        misses = "".join(
            f"<li><b>{esc(m.casus_titel)}</b>: jij {m.own}, referentie {m.reference}. {esc(m.rationale)}</li>"
            for m in b.misses
        )
        parts.append(
            f"<details class='wk-bias'><summary>{esc(b.sentence)}</summary><ul>{misses}</ul></details>"
        )
    parts.append(
        _image(
            confusion_figure(history),
            "Tabel als plaatje: hoe vaak jij welk niveau gaf waar de referentie welk niveau gaf.",
            "wk-kalibratie-verwarring",
        )
    )
    trends = history.trends()
    if trends:
        items = "".join(
            f"<li>{esc(t.name)}: {_TREND[t.direction]} de referentie dan eerst</li>" for t in trends
        )
        parts.append(f"<h4>Wat ging beter?</h4><ul class='wk-kalibratie-trends'>{items}</ul>")
    return "".join(parts)


class MijnKalibratie:
    """The 'Mijn kalibratie' panel; ``widget`` is shown in the ZRM app."""

    def __init__(
        self,
        store: Store | LazyStore,
        library: Callable[[], Sequence[Casus]],
        *,
        client: Client | None = None,
        standard: CalibrationStandard | None = None,
        zichtbaar: bool = True,
    ) -> None:
        self._stores = store if isinstance(store, LazyStore) else LazyStore(store)
        self._library = library
        self._codes: PersoonlijkeCodes | None = None
        self.client = client or Client("zrm-kalibratie")
        self.standard = standard or CalibrationStandard()
        self.deelnemer_id: str | None = None
        self._op_gebruik: list[Callable[[str, str], None]] = []
        self.weergavenaam = ""
        self.visible = zichtbaar
        self._built = False
        # A hidden panel is built when it is first shown: built at page load it was 38 widget models on every
        # ZRM page, while a room loads 30 at once and most participants never open it.
        self.widget = widgets.VBox()
        self.widget.add_class("wk-mijn-kalibratie")
        if not zichtbaar:
            self.widget.layout.display = "none"
        else:
            self._build()

    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        self.messages = MessageBox()
        guard = safe(self.messages)
        self.name_input = widgets.Text(description="Je naam:", placeholder="voornaam of schuilnaam")
        self.name_input.add_class("wk-kalibratie-naam")
        self.code_input = widgets.Text(description="Herstelcode:", placeholder="6 cijfers")
        self.code_input.add_class("wk-kalibratie-code")
        self.login_button = widgets.Button(
            description="Bekijk mijn kalibratie", button_style="primary", icon="eye"
        )
        self.login_button.add_class("wk-kalibratie-inloggen")
        self.new_button = widgets.Button(description="Ik heb nog geen code", icon="plus")
        self.new_button.add_class("wk-kalibratie-nieuw")
        for button in (self.login_button, self.new_button):
            button.layout.width = "auto"
        self.login_button.on_click(guard(self._on_login))
        self.new_button.on_click(guard(self._on_new))
        self.form = widgets.VBox(
            [
                widgets.HTML(
                    "<p class='wk-klein'>Met je naam en je herstelcode (de zes cijfers die je bij een groepssessie "
                    "kreeg) bewaart de kit al je ZRM-scores onder een schuilnaam. Zo zie je hoe dicht je bij de "
                    "referentie zit, en waar je steeds anders scoort.</p>"
                ),
                widgets.HBox(
                    [self.name_input, self.code_input, self.login_button, self.new_button],
                    layout={"flex_flow": "row wrap", "align_items": "center"},
                ),
            ]
        )
        if self.deelnemer_id is not None:  # known before the panel was built (joined a session)
            self.form.layout.display = "none"
        self.code_note = widgets.HTML()
        self.code_note.add_class("wk-kalibratie-herstelcode")
        self.result = widgets.HTML()
        self.result.add_class("wk-kalibratie")
        self.downloads = widgets.HTML()
        self.downloads.add_class("wk-kalibratie-downloads")
        card = widgets.VBox([self.form, self.messages.html, self.code_note, self.result, self.downloads])
        card.add_class("wk-kaart")
        # the heading stays outside the card: in the ZRM app ".wk-kaart h3" is the domain being scored
        self.widget.children = [widgets.HTML("<h3>Mijn kalibratie</h3>"), card]

    def __getattr__(self, name: str) -> object:
        """A control of the panel (``name_input``, ``result``, …) before it was shown: the panel is built first."""
        if name in ("messages", "name_input", "code_input", "login_button", "new_button", "form", "code_note",
                    "result", "downloads") and not self.__dict__.get("_built", True):  # fmt: skip
            self._build()
            return self.__dict__[name]
        raise AttributeError(name)

    @property
    def codes(self) -> PersoonlijkeCodes:
        """The personal codes of the app's store (opened at first use)."""
        if self._codes is None:
            self._codes = PersoonlijkeCodes(self._stores.get())
        return self._codes

    @property
    def logged_in(self) -> bool:
        """Whether a learner is known on this page (logged in, a new code, or joined a session)."""
        return self.deelnemer_id is not None

    def op_gebruik(self, callback: Callable[[str, str], None]) -> None:
        """Call ``callback(deelnemer_id, weergavenaam)`` whenever a learner is taken (login, new code, session)."""
        self._op_gebruik.append(callback)

    def use(self, deelnemer_id: str, weergavenaam: str) -> None:
        """Take the participant of a group session as the learner of this page."""
        new = deelnemer_id != self.deelnemer_id
        self.deelnemer_id, self.weergavenaam = deelnemer_id, weergavenaam
        if self._built:  # else the panel is built without its form, when it is first shown
            self.form.layout.display = "none"
        self.refresh()
        if new:
            for callback in self._op_gebruik:
                callback(deelnemer_id, weergavenaam)

    def _on_login(self, _button: object = None) -> None:
        self.messages.clear()
        if not self.name_input.value.strip() or not self.code_input.value.strip():
            self.messages.warn("Vul je naam en je herstelcode in.")
            return
        try:
            person = self.codes.login(self.name_input.value, self.code_input.value, client=self.client)
        except GroepssessieError as exc:
            self.messages.error(str(exc))
            return
        self.code_input.value = ""
        self.use(person.id, person.weergavenaam)

    def _on_new(self, _button: object = None) -> None:
        self.messages.clear()
        if not self.name_input.value.strip():
            self.messages.warn("Vul eerst je naam in: een voornaam of schuilnaam is genoeg.")
            return
        try:
            nieuw = self.codes.new(self.name_input.value)
        except GroepssessieError as exc:
            self.messages.error(str(exc))
            return
        self.code_note.value = (
            "<div class='wk-bericht'>Jouw herstelcode: <span class='wk-code'>"
            f"{esc(nieuw.herstelcode)}</span><br>Schrijf hem op. Met je naam en deze code zie je hier je "
            "kalibratie terug en doe je mee aan groepssessies in elke app. We laten hem maar één keer zien.</div>"
        )
        self.use(nieuw.deelnemer.id, nieuw.deelnemer.weergavenaam)

    def save(self, assessment: Assessment, *, bron: str = "oefening", ronde: int = 1) -> bool:
        """Keep a scored casus for the learner of this page; False when nobody is known (nothing is saved)."""
        if self.deelnemer_id is None:
            return False
        self.codes.save_attempt(self.deelnemer_id, assessment, bron=bron, ronde=ronde)
        na_opslaan(self.codes, self.refresh)  # inside a hand-in's transaction: redrawn once it is saved
        return True

    def show(self, visible: bool = True) -> None:
        """Show (and redraw) or hide the panel."""
        self.visible = visible
        if visible:
            self._build()
        self.widget.layout.display = None if visible else "none"
        if visible:
            self.refresh()

    def refresh(self) -> None:
        """Redraw the view from the store (only while the panel is shown)."""
        if self.deelnemer_id is None or not self.visible:
            return
        attempts, skipped = self.codes.attempts(self.deelnemer_id, self._library())
        found = history(attempts)
        note = "".join(f"<p class='wk-klein'>{esc(s)}</p>" for s in skipped)
        self.result.value = (
            f"<p>Ingelogd als <b>{esc(self.weergavenaam)}</b>.</p>" + history_html(found) + note
        )
        if found.attempts:
            from wijkteam_kit.draw.document_pdf import document_pdf

            doc = participant_document(self.weergavenaam, found, self.standard)
            self.downloads.value = "Printbaar overzicht: " + download_link(
                document_pdf(doc), "mijn-kalibratie.pdf", "application/pdf", "Mijn kalibratie (PDF)"
            )
