"""End to end: Gesprek en route oefenen in a real Voila server and headless Chromium, one route to the debrief."""

import pytest
from playwright.sync_api import expect

from wijkteam_kit.scenario import load_scenario

pytestmark = pytest.mark.browser


def test_play_a_route_to_the_debrief_with_keyboard_and_download(page, server, tmp_path):
    scenario = load_scenario("zorgen-om-een-kind")
    page.goto(server.url)
    link = page.locator("a.app", has_text="Gesprek en route oefenen")
    expect(link).to_contain_text("meldcode")
    link.click()
    select = page.locator(".wk-scenario-keuze select")
    expect(select).to_be_visible(timeout=120_000)
    expect(page.get_by_label("Scenario:")).to_be_visible()  # the control has an accessible name
    select.select_option(label=scenario.titel)
    expect(page.locator(".wk-scenario-intro")).to_contain_text("gezin-schulden-overlast")
    page.get_by_role("button", name="Begin het scenario").click()

    moment = page.locator(".wk-moment")
    expect(moment).to_contain_text("De school belt")
    # the first choice by keyboard only: focus the button, press Enter
    first = scenario.moment(scenario.start)
    button = page.locator(f".wk-keuze-{first.aanbevolen + 1}")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".wk-feedback")).to_contain_text("Sterke keuze")
    expect(page.locator(".wk-feedback")).to_contain_text("Principe: De vijf stappen van de meldcode")

    for m, keuze in scenario.aanbevolen_route()[1:]:
        expect(moment).to_contain_text(m.titel)
        page.locator(f".wk-keuze-{m.keuzes.index(keuze) + 1}").click()

    debrief = page.locator(".wk-debrief")
    expect(debrief).to_contain_text("Debrief: zorgvuldig en samen", timeout=60_000)
    expect(debrief.locator("table.wk-route tbody tr")).to_have_count(len(scenario.aanbevolen_route()))
    expect(debrief.locator("[role=img] svg")).to_have_count(1)
    expect(debrief.locator(".wk-intervisievragen li")).to_have_count(2)

    page.locator(".wk-naam input").fill("Kim")
    page.get_by_role("button", name="Reflectie maken om te printen").click()
    expect(page.locator(".wk-downloads a")).to_have_count(2)
    with page.expect_download() as pdf:
        page.locator(".wk-downloads a", has_text="PDF").click()
    assert pdf.value.suggested_filename == "reflectie-zorgen-om-een-kind.pdf"
    path = tmp_path / "r.pdf"
    pdf.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
