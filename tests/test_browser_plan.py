"""End to end: the plan app in a real Voila server and headless Chromium; the network rule goes from red to green."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_plan_that_skips_the_network_gets_feedback_and_turns_green(page, server):
    page.goto(server.url)
    page.locator("a.app", has_text="Plan schrijven").click()
    casus = page.locator(".wk-casus-keuze select")
    expect(casus).to_be_visible(timeout=120_000)
    casus.select_option(label="Gerda zorgt voor Henk (mantelzorg bij dementie)")
    expect(page.locator(".wk-casus-hint")).to_contain_text("Ik wil één middag in de week")

    solutions = page.locator(".wk-oplossing-rij")
    solutions.nth(0).locator(".wk-oplossing-tekst textarea").fill("Dagopvang voor Henk")
    solutions.nth(0).locator(".wk-oplossing-stap select").select_option(label="Maatwerkvoorziening")
    page.get_by_role("button", name="Vraag feedback").click()
    network = page.locator('.wk-regel[data-regel="netwerk"]')
    expect(network).to_have_attribute("data-status", "ontbreekt")
    expect(network).to_contain_text("netwerk")
    expect(page.locator('.wk-regel[data-regel="wmo_volgorde"]')).to_contain_text("lichtere oplossingen")

    page.locator(".wk-oplossing-toevoegen").click()
    expect(solutions).to_have_count(2)
    solutions.nth(1).locator(".wk-oplossing-tekst textarea").fill("Ans komt op dinsdagmiddag bij Henk")
    solutions.nth(1).locator(".wk-oplossing-stap select").select_option(label="Sociaal netwerk")
    page.locator(".wk-actie-wie input").fill("Ans")
    page.locator(".wk-actie-wat input").fill("Bij Henk zijn")
    page.locator(".wk-actie-wanneer input").fill("elke dinsdagmiddag")
    page.get_by_role("button", name="Vraag feedback").click()
    expect(network).to_have_attribute("data-status", "in orde")
    expect(network).to_contain_text("Ans")
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
