"""End to end: participants join a group session in real browser pages, hand in, and see the group picture."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from wijkteam_kit.casus import load_casus
from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.store import Store

from ._pagina_checks import Checks
from .conftest import ROOT

pytestmark = pytest.mark.browser

EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "<script>alert(1)</script>"
CASUS = load_casus(ROOT / "casuses" / "administratie-taal.yaml")
WAIT = "De trainer deelt de groepsuitkomst straks."
SHOTS = os.environ.get("WIJKTEAM_TEST_SCREENSHOTS", "")  # a folder: save screenshots there for a look


@pytest.fixture()
def sessies(server):
    store = Store(server.data / "wijkteam.db")
    yield Groepssessies(store)
    store.close()


def watch_dialogs(page) -> list[str]:
    """Record (and dismiss) every alert/confirm/prompt the page opens: there must be none."""
    seen: list[str] = []

    def handle(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", handle)
    return seen


def open_app(page, server, notebook, code):
    page.goto(f"{server.url}voila/render/{notebook}?sessie={code}")
    expect(page.locator(".wk-sessie-code input")).to_have_value(code, timeout=120_000)


def join(page, name):
    page.locator(".wk-sessie-naam input").fill(name)
    page.locator(".wk-sessie-meedoen").click()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/voor-meedoen-{len(name)}.png", full_page=True)
    banner = page.locator(".wk-sessie-banner")
    expect(banner).to_contain_text("Je doet mee aan sessie", timeout=60_000)
    expect(banner).to_contain_text(name)  # shown as text
    expect(page.locator(".wk-sessie-herstelcode")).to_contain_text("Jouw herstelcode")


def score_everything(page, level):
    version = CASUS.version()
    for domain in version.domains:
        expect(page.locator(".wk-kaart h3").last).to_have_text(domain.name, timeout=60_000)
        expect(page.locator(".wk-niveau .mod-active")).to_have_count(0, timeout=60_000)  # nothing chosen yet
        page.locator(".wk-niveau").get_by_role("radio", name=str(level), exact=True).click()
        expect(page.locator(".wk-nav-knop", has_text=f"✓ {domain.name}: {level}")).to_be_visible(
            timeout=60_000
        )
        page.get_by_role("button", name="Volgende").click()
    page.locator(".wk-ladder").get_by_role("radio", name="3", exact=True).click()
    n = len(version.domains)
    expect(page.locator(".wk-voortgang")).to_contain_text(f"{n} van {n}")
    page.locator(".wk-inleveren").click()


def test_two_participants_with_evil_names_zrm_session_and_reveal(browser, page, server, sessies):
    nieuw = sessies.create(CASUS.id, "zrm", titel="Oefenen " + EVIL_SCRIPT)
    code = nieuw.sessie.code
    second_context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = second_context.new_page()
    other.set_default_timeout(60_000)
    checks = Checks(page, "zrm_oefening in een groepssessie")  # axe-core and widths: the participant's side

    def check(pg, state):
        if pg is page:
            checks.state(state)

    try:
        alerts_first, alerts_other = watch_dialogs(page), watch_dialogs(other)
        for pg, name, level in ((page, EVIL_IMG, 2), (other, EVIL_SCRIPT, 4)):
            open_app(pg, server, "zrm_oefening.ipynb", code)
            check(pg, "deelnemer: meedoen")
            join(pg, name)
            expect(pg.locator(".wk-niveau")).to_be_visible()  # the session's casus opened: scoring starts
            assert pg.locator(".wk-casus-keuze").count() == 0  # no casus choice in a session
            check(pg, "deelnemer: scoren")
            score_everything(pg, level)
            expect(pg.locator(".wk-sessie-status")).to_contain_text("Ingeleverd om", timeout=60_000)
            expect(pg.locator(".wk-aantal-verschillen")).to_be_visible()  # the own result, as before
            expect(pg.locator(".wk-sessie-groep")).to_contain_text(WAIT)
            check(pg, "deelnemer: ingeleverd")

        answers = sessies.as_trainer(code, nieuw.geheim, client=Client("test")).answers()
        assert sorted(d.weergavenaam for d, _ in answers) == sorted([EVIL_IMG, EVIL_SCRIPT])
        for pg in (page, other):  # before the reveal: no figure, no other name
            assert pg.locator(".wk-sessie-groep svg").count() == 0
        assert EVIL_SCRIPT not in page.locator(".wk-sessie").inner_text()
        assert EVIL_IMG not in other.locator(".wk-sessie").inner_text()

        sessies.as_trainer(code, nieuw.geheim, client=Client("test")).reveal()
        for pg in (page, other):
            group = pg.locator(".wk-sessie-groep")
            expect(group.locator("svg")).to_be_visible(timeout=60_000)  # after the next poll
            expect(group).to_contain_text("Groepsuitkomst · 2 inzendingen")
            expect(group).to_contain_text("Hier valt het meest te bespreken")
            if SHOTS:
                group.screenshot(path=f"{SHOTS}/groepsbeeld-{pg is page}.png")
            assert pg.locator("img[src='x']").count() == 0
            assert pg.locator(".wk-sessie script").count() == 0
        check(page, "deelnemer: na de groepsuitkomst")
        assert alerts_first == [] and alerts_other == []
        checks.done()
    finally:
        second_context.close()


def test_plan_session_join_and_hand_in(page, server, sessies):
    nieuw = sessies.create("mantelzorg-dementie", "plan")
    alerts = watch_dialogs(page)
    open_app(page, server, "plan_schrijven.ipynb", nieuw.sessie.code)
    join(page, "Ans")
    expect(page.locator(".wk-casus-keuze select")).to_be_disabled()
    solution = page.locator(".wk-oplossing-rij").nth(0)
    solution.locator(".wk-oplossing-tekst textarea").fill("Dagopvang voor Henk")
    solution.locator(".wk-oplossing-stap select").select_option(label="Maatwerkvoorziening")
    page.locator(".wk-sessie-inleveren").click()
    expect(page.locator(".wk-sessie-status")).to_contain_text("Ingeleverd om", timeout=60_000)
    expect(page.locator(".wk-sessie-groep")).to_contain_text(WAIT)
    answers = sessies.as_trainer(nieuw.sessie.code, nieuw.geheim, client=Client("test")).answers()
    assert len(answers) == 1 and "Dagopvang voor Henk" in str(answers[0][1].payload)
    assert alerts == []
