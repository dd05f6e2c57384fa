"""End to end: a trainer makes a scenario session in the dashboard, a participant plays it, the trainer reveals."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wijkteam_kit.scenario import load_scenario

pytestmark = pytest.mark.browser

SID = "eerste-gesprek"


def test_trainer_dashboard_and_participant_play_the_same_scenario(browser, page, server):
    scenario = load_scenario(SID)
    page.goto(f"{server.url}voila/render/groepssessie.ipynb")
    expect(page.locator(".wk-sessie-oefening select")).to_be_visible(timeout=120_000)
    page.locator(".wk-sessie-oefening select").select_option(label="Gesprek en route")
    page.locator(".wk-sessie-scenario select").select_option(label=scenario.titel)
    page.get_by_role("button", name="Sessie aanmaken").click()
    expect(page.locator(".wk-sessie-gegevens")).to_contain_text("Code:", timeout=60_000)
    link = page.locator("a.wk-deelnamelink-einde").get_attribute("href")
    assert link and "scenario.ipynb?sessie=" in link and link.endswith("&feedback=einde")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    player = context.new_page()
    player.set_default_timeout(60_000)
    try:
        player.goto(link)
        expect(player.locator(".wk-sessie-code input")).not_to_have_value("", timeout=120_000)
        player.locator(".wk-sessie-naam input").fill("Kim")
        player.locator(".wk-sessie-meedoen").click()
        expect(player.locator(".wk-sessie-banner")).to_contain_text("Je doet mee aan sessie")
        expect(player.locator(".wk-scenario-keuze select")).to_be_disabled()
        expect(player.locator(".wk-feedback-modus input[type=radio]").nth(1)).to_be_checked()
        player.get_by_role("button", name="Begin het scenario").click()
        for m, keuze in scenario.aanbevolen_route():
            expect(player.locator(".wk-moment")).to_contain_text(m.titel)
            player.locator(f".wk-keuze-{m.keuzes.index(keuze) + 1}").click()
            expect(player.locator(".wk-feedback")).to_contain_text("Je keuze is genoteerd")
        expect(player.locator(".wk-debrief")).to_contain_text("Debrief: de vraag achter de vraag")
        expect(player.locator(".wk-scenario-melding")).to_contain_text("Je route is ingeleverd bij de sessie")

        result = page.locator(".wk-sessie-groep")
        expect(result).to_contain_text("Hoe de groep koos", timeout=60_000)
        expect(page.locator(".wk-sessie-aantallen")).to_contain_text("1 klaar")
        expect(result).not_to_contain_text("Kim")
        page.get_by_role("button", name="Delen met de groep").click()
        expect(result).to_contain_text("Kim")
        expect(player.locator(".wk-sessie-groep")).to_contain_text("Groepsuitkomst · 1 route", timeout=60_000)
        expect(player.locator(".wk-sessie-groep")).to_contain_text("← jij")
        assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
        assert player.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    finally:
        context.close()
