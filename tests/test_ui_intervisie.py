"""The intervision app without a browser: build the view, set widget values, click, tick, check the state."""

from __future__ import annotations

import base64
import datetime as dt
import random
import re

import ipywidgets as widgets
import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.store import Store
from wijkteam_kit.ui.intervisie import IntervisieApp, method_options

LIBRARY = load_library()


class FakeClock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


@pytest.fixture
def app(clock, store) -> IntervisieApp:
    return IntervisieApp(
        library=LIBRARY, store=store, clock=clock, rng=random.Random(4), today=dt.date(2026, 3, 2)
    )


def tick(app: IntervisieApp, clock: FakeClock, seconds: float) -> None:
    """Let time pass and let the Play widget tick, as the browser does."""
    clock.t += seconds
    app.panel.tick.value += 1


def setup_roddel(app: IntervisieApp, names: str = "Kim\nAli\nBo") -> None:
    app.kind.value = "roddelmethode"
    app.names.value = names
    app.role_choices["inbrenger"].value = "Kim"
    app.role_choices["gespreksleider"].value = "Ali"
    app.role_choices["tijdbewaker"].value = "Bo"


def download(html: str, suffix: str) -> bytes:
    match = re.search(rf'download="([^"]+\.{suffix})" href="data:[^;]+;base64,([^"]+)"', html)
    assert match, html[:300]
    return base64.b64decode(match.group(2))


def test_the_view_offers_every_method_and_describes_the_chosen_one(app):
    assert [v for _, v in method_options()][-1] == "meedenkbijeenkomst"
    assert len(app.kind.options) == 9
    assert app.kind.value == "roddelmethode"
    assert "Roddelen" in app.method_info.value and "<b>60 min</b>" in app.method_info.value
    assert app.casus_box.layout.display == "none"
    assert list(app.role_choices) == ["inbrenger", "gespreksleider", "tijdbewaker"]
    app.kind.value = "meedenkbijeenkomst"
    assert app.casus_box.layout.display == ""
    assert list(app.role_choices) == ["client", "procesbegeleider"]
    assert "Privétijd" in app.method_info.value and "<b>95 min</b>" in app.method_info.value


def test_play_widget_ticks_every_second_and_is_hidden(app):
    assert isinstance(app.panel.tick, widgets.Play)
    assert app.panel.tick.interval == 1000 and not app.panel.tick.playing
    assert "wk-klok-tik" in app.panel.tick._dom_classes
    assert app.panel.tick in app.widget.children  # in the page from the start, so the browser can tick


def test_roles_follow_the_names_and_clashes_are_shown(app):
    app.names.value = "Kim\nAli\n\nBo\n"
    assert [v for _, v in app.role_choices["inbrenger"].options] == ["", "Kim", "Ali", "Bo"]
    app.role_choices["inbrenger"].value = "Kim"
    app.role_choices["gespreksleider"].value = "Kim"
    assert "Kim is al inbrenger en kan niet ook gespreksleider zijn." in app.role_problems.value
    app.role_choices["gespreksleider"].value = "Ali"
    assert app.role_problems.value == ""
    assert "Ali, Bo" not in app.rest_html.value and "Bo" in app.rest_html.value
    app.names.value = "Kim\nBo\nSam"  # Ali left: the choice is cleared
    assert app.role_choices["gespreksleider"].value == ""


def test_privacy_warning_for_numbers_in_names(app):
    assert "schuilnamen" in app.privacy_html.value
    app.names.value = "Kim 0612345678\nAli"
    assert "lijkt op een echt telefoonnummer" in app.privacy_html.value


def test_start_is_refused_until_the_roles_are_complete(app):
    app.names.value = "Kim\nAli"
    app.start_button.click()
    assert app.bijeenkomst is None
    assert "kan nog niet beginnen" in app.messages.html.value
    assert "minstens 3 deelnemers" in app.role_problems.value
    assert app.setup_box.layout.display != "none" and app.session_box.layout.display == "none"


def test_run_a_method_with_timer_notes_cards_and_report(app, clock, store):
    setup_roddel(app)
    app.question.value = "Hoe reageer ik op boosheid?"
    app.start_button.click()
    assert app.session_box.layout.display == "" and app.setup_box.layout.display == "none"
    assert app.panel.tick.playing
    assert "Stap 1 van 5 · Vraagintroductie" in app.panel.title.value
    assert "Kim" in app.panel.tasks.value and "formuleer je vraag" in app.panel.tasks.value

    tick(app, clock, 100)
    assert "01:40</span> / 05:00" in app.panel.timer.value and "wk-timer-optijd" in app.panel.timer.value
    tick(app, clock, 150)  # 250 s of 300: amber
    assert "wk-timer-bijna" in app.panel.timer.value
    tick(app, clock, 200)  # 450 s: 2.5 minutes over, red
    assert "wk-timer-over" in app.panel.timer.value and "2 minuten over de tijd" in app.panel.timer.value

    app.panel.note.value = "Kim stelde haar vraag helder."
    app.panel.next_button.click()
    assert "Stap 2 van 5" in app.panel.title.value and app.panel.note.value == ""
    assert not app.panel.back_button.disabled

    app.panel.pause_button.click()
    assert app.bijeenkomst.runner.paused and not app.panel.tick.playing
    assert app.panel.pause_button.description == "Verder"
    tick(app, clock, 500)
    assert "00:00</span> / 15:00" in app.panel.timer.value and "gepauzeerd" in app.panel.timer.value
    app.panel.pause_button.click()
    assert app.panel.tick.playing and app.panel.pause_button.description == "Pauze"

    app.panel.next_button.click()
    assert "luistert en zwijgt" in app.panel.tasks.value  # the inbrenger in the roddel step
    app.panel.back_button.click()
    app.panel.back_button.click()
    assert app.panel.note.value == "Kim stelde haar vraag helder."  # the note comes back with its step
    app.panel.next_button.click()

    app.panel.card_button.click()
    assert "wk-dilemmakaart" in app.panel.card.value and len(app.bijeenkomst.kaarten) == 1
    app.panel.agreements.value = "Kim oefent het gesprek met Ali.\n\n"
    app.panel.end_button.click()
    assert app.bijeenkomst.runner.ended and not app.panel.tick.playing
    assert "afgerond" in app.panel.title.value and app.panel.next_button.disabled
    assert "afgerond" in app.messages.html.value

    app.report_button.click()
    md = download(app.export_links.value, "md").decode("utf-8")
    assert "verslag-roddelmethode-2026-03-02.md" in app.export_links.value
    assert "Kim stelde haar vraag helder." in md
    assert "Hoe reageer ik op boosheid?" in md
    assert "- Kim oefent het gesprek met Ali." in md
    assert "| Vraagintroductie | 5 min | 07:30 | klaar (2 minuten over de tijd) |" in md
    assert download(app.export_links.value, "pdf")[:5] == b"%PDF-"
    saved = store.submissions("intervisie")
    assert len(saved) == 1 and saved[0].payload["leervraag"] == "Hoe reageer ik op boosheid?"
    assert saved[0].sessie == "roddelmethode 2026-03-02"
    assert store.participant(saved[0].deelnemer_id).weergavenaam == "Ali"  # the gespreksleider

    app.report_button.click()  # a second report updates the same submission
    assert len(store.submissions("intervisie")) == 1


def test_report_during_the_session_is_marked_as_interim(app, clock):
    setup_roddel(app)
    app.start_button.click()
    app.report_button.click()
    assert "tussenstand" in app.messages.html.value
    assert app.export_links.value


def test_a_phone_number_in_a_note_gives_a_privacy_warning(app):
    setup_roddel(app)
    app.start_button.click()
    app.panel.note.value = "Mevrouw belde vanaf 06-12345678."
    assert "lijkt op een echt telefoonnummer" in app.messages.html.value
    assert app.bijeenkomst.runner.note() == "Mevrouw belde vanaf 06-12345678."  # kept, not refused


def test_skip_and_new_session(app, clock):
    setup_roddel(app)
    app.start_button.click()
    app.panel.skip_button.click()
    assert app.bijeenkomst.runner.status(0) == "overgeslagen"
    assert "wk-status-overgeslagen" in app.panel.progress.value
    app.new_button.click()  # the running meeting has no report yet: asked first
    assert app.bijeenkomst is not None and "verloren" in app.concept.vraag_tekst.value
    app.concept.ja_button.click()
    assert app.bijeenkomst is None and app.setup_box.layout.display == ""
    assert not app.panel.tick.playing
    assert app.role_choices["inbrenger"].value == "Kim"  # names and roles stay


def test_meedenkbijeenkomst_role_play_with_basisteam_sheet(app, clock, store):
    app.kind.value = "meedenkbijeenkomst"
    app.casus_choice.value = "mantelzorg-dementie"
    app.propose_button.click()
    assert app.participants()[0] == "Gerda Bosman" and app.participants()[-1] == "Procesbegeleider"
    assert "Ans" in app.participants() and "Dokter Verbrugge" not in app.participants()
    assert app.role_choices["client"].value == "Gerda Bosman"
    assert app.role_choices["procesbegeleider"].value == "Procesbegeleider"
    assert "verbindt Henk met Riet" in app.invitee_html.value
    assert app.basisteam_form.leden.value.splitlines()[1].startswith("Ans: Brengt emotionele steun")

    app.start_button.click()
    assert app.basisteam.widget.layout.display == ""
    assert app.bijeenkomst.casus_titel == "Gerda zorgt voor Henk (mantelzorg bij dementie)"
    for _ in range(4):
        tick(app, clock, 60)
        app.panel.next_button.click()
    assert "Privétijd" in app.panel.title.value
    assert "niet in de kamer" in app.panel.tasks.value

    form = app.basisteam_form
    for widget, value in zip(
        form.rows[0], ("Ans", "Is bij Henk", "thuis", "dinsdagmiddag", "belt als het niet lukt"), strict=True
    ):
        widget.value = value
    form.borgen.value = "Marieke belt elke zondag."
    app.basisteam.button.click()
    assert "Afspraak" not in app.basisteam.problems.value
    assert "Spreek af wanneer het basisteam weer bij elkaar komt." in app.basisteam.problems.value
    md = download(app.basisteam.links.value, "md").decode("utf-8")
    assert md.startswith("# Afsprakenblad basisteam van Gerda Bosman")
    assert "| Ans | Is bij Henk | thuis | dinsdagmiddag | belt als het niet lukt |" in md
    assert download(app.basisteam.links.value, "pdf")[:5] == b"%PDF-"
    sheets = store.submissions("basisteam")
    assert len(sheets) == 1 and sheets[0].payload["borgen"] == "Marieke belt elke zondag."
    assert store.participant(sheets[0].deelnemer_id).weergavenaam == "Procesbegeleider"


def test_sheet_with_a_phone_number_gives_a_privacy_warning(app):
    app.kind.value = "meedenkbijeenkomst"
    app.casus_choice.value = "mantelzorg-dementie"
    app.propose_button.click()
    app.start_button.click()
    app.basisteam_form.bereikbaar.value = "0612345678"
    app.basisteam_form.contact.value = "Marieke"
    app.basisteam.button.click()
    assert "wk-waarschuwing" in app.messages.html.value and "telefoonnummer" in app.messages.html.value


def test_a_broken_library_still_allows_intervision(monkeypatch, clock, store):
    from wijkteam_kit.errors import CasusError, Problem
    from wijkteam_kit.ui.intervisie import app as ui

    def broken():
        raise CasusError([Problem("id", "kapot", "x.yaml", 1)])

    monkeypatch.setattr(ui, "load_library", broken)
    app = IntervisieApp(store=store, clock=clock)
    assert "kon niet geladen worden" in app.messages.html.value
    setup_roddel(app)
    app.start_button.click()
    assert app.bijeenkomst is not None
    app.panel.card_button.click()  # only the kit's own cards
    assert app.bijeenkomst.kaarten[0].casus_id is None


def test_roles_can_change_during_a_running_session(app, clock, store):
    setup_roddel(app, "Kim\nAli\nBo\nSam")
    app.start_button.click()
    assert app.switch.box.layout.display == "none" and not app.switch.button.disabled
    assert "wk-rollen-wisselen" in app.switch.button._dom_classes
    assert "wk-rollen-toepassen" in app.switch.apply_button._dom_classes
    tick(app, clock, 60)
    app.panel.next_button.click()
    assert "Stap 2 van 5" in app.panel.title.value
    assert "<tr data-rol='gespreksleider'><td><b>Gespreksleider</b></td><td>Ali</td>" in app.panel.tasks.value

    app.switch.button.click()
    assert app.switch.box.layout.display == ""
    assert app.role_box in app.switch.box.children and app.role_box not in app.roles_column.children

    # invalid: Kim is inbrenger and would also lead; nothing changes
    app.role_choices["gespreksleider"].value = "Kim"
    app.switch.apply_button.click()
    problem = "Kim is al inbrenger en kan niet ook gespreksleider zijn."
    assert problem in app.role_problems.value and "wk-fout" in app.role_problems.value
    assert "De rollen zijn niet gewisseld: " + problem in app.messages.html.value
    assert app.bijeenkomst.wie("gespreksleider") == ("Ali",) and app.bijeenkomst.rolwisselingen == []
    assert "<td><b>Gespreksleider</b></td><td>Ali</td>" in app.panel.tasks.value

    # valid: Sam takes over from Ali, Ali joins the deelnemers
    app.role_choices["gespreksleider"].value = "Sam"
    app.switch.apply_button.click()
    assert app.bijeenkomst.wie("gespreksleider") == ("Sam",) and app.bijeenkomst.wie("deelnemers") == ("Ali", "Bo")
    assert "<tr data-rol='gespreksleider'><td><b>Gespreksleider</b></td><td>Sam</td>" in app.panel.tasks.value
    assert "<tr data-rol='deelnemers'><td><b>Deelnemers</b></td><td>Ali, Bo</td>" in app.panel.tasks.value
    assert "Stap 2 van 5" in app.panel.title.value  # the step and its clock go on
    assert app.switch.box.layout.display == "none" and app.role_box in app.roles_column.children
    assert "Vanaf stap 2: gespreksleider Sam (was Ali)" in app.messages.html.value

    app.panel.end_button.click()
    assert app.switch.button.disabled
    app.report_button.click()
    md = download(app.export_links.value, "md").decode("utf-8")
    assert "| Gespreksleider | Sam |" in md
    assert "- Vanaf stap 2: gespreksleider Sam (was Ali)\n" in md
    saved = store.submissions("intervisie")[0]
    assert saved.payload["rolwisselingen"] == ["Vanaf stap 2: gespreksleider Sam (was Ali)"]
    assert store.participant(saved.deelnemer_id).weergavenaam == "Sam"  # the gespreksleider at the end


def test_switching_roles_without_a_change_records_nothing(app):
    setup_roddel(app)
    app.start_button.click()
    app.switch.button.click()
    assert app.role_choices["gespreksleider"].value == "Ali"  # the dropdowns show the current roles
    app.switch.apply_button.click()
    assert "De rolverdeling is niet veranderd." in app.messages.html.value
    assert app.bijeenkomst.rolwisselingen == []
