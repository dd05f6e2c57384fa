"""End to end: a short run through the Vijfstappenmethode in a real Voila server and headless Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from ._pagina_checks import Checks

pytestmark = pytest.mark.browser

OBSERVATION = "Ali vatte twee keer samen; <b>Kim</b> kreeg meer ruimte."


def _open_app(page, server):
    page.goto(server.url)
    link = page.locator("a.app", has_text="Intervisie en meedenkbijeenkomst")
    expect(link).to_contain_text("dilemmakaarten")
    link.click()
    expect(page.locator(".wk-soort select")).to_be_visible(timeout=120_000)
    expect(page.locator(".wk-methode-info")).to_contain_text("Roddelen", timeout=60_000)


def test_short_run_through_vijfstappen(page, server, tmp_path):
    _open_app(page, server)
    page.locator(".wk-soort select").select_option(label="Intervisie: Vijfstappenmethode · 60 min")
    expect(page.locator(".wk-methode-info")).to_contain_text("Kernprobleem formuleren")

    page.locator(".wk-deelnemers textarea").fill("Kim\nAli\nBo")
    expect(page.locator(".wk-rol-inbrenger select option")).to_have_count(4)
    page.locator(".wk-rol-inbrenger select").select_option(label="Kim")
    page.locator(".wk-rol-gespreksleider select").select_option(label="Kim")
    expect(page.locator(".wk-rol-problemen")).to_contain_text("Kim is al inbrenger")
    page.locator(".wk-rol-gespreksleider select").select_option(label="Ali")
    page.locator(".wk-rol-tijdbewaker select").select_option(label="Bo")
    expect(page.locator(".wk-rol-problemen")).to_have_text("")
    page.locator(".wk-leervraag textarea").fill("Hoe zeg ik nee zonder de relatie te schaden?")
    page.locator(".wk-start").click()

    expect(page.locator(".wk-stap-titel")).to_contain_text("Stap 1 van 5 · Vraagintroductie")
    expect(page.locator(".wk-taken")).to_contain_text("Kim")
    timer = page.locator(".wk-timer-tijd")
    expect(timer).not_to_have_text("00:00", timeout=30_000)  # the Play widget ticks in the browser
    first = timer.inner_text()
    expect(timer).not_to_have_text(first, timeout=30_000)
    expect(page.locator(".wk-timer")).to_contain_text("/ 10:00")

    page.locator(".wk-volgende").click()
    expect(page.locator(".wk-stap-titel")).to_contain_text("Stap 2 van 5 · Probleemverkenning")
    page.locator(".wk-observatie textarea").fill(OBSERVATION)
    page.locator(".wk-volgende").click()
    expect(page.locator(".wk-stap-titel")).to_contain_text("Stap 3 van 5 · Kernprobleem formuleren")
    expect(page.locator(".wk-voortgang li").nth(1)).to_contain_text("klaar")

    page.locator(".wk-afronden").click()
    expect(page.locator(".wk-stap-titel")).to_contain_text("afgerond")
    page.locator(".wk-maak-verslag").click()
    link = page.locator(".wk-verslag-links a", has_text="Markdown")
    expect(link).to_be_visible(timeout=60_000)
    checks = Checks(page, "intervisie")
    checks.state("verslag gemaakt")  # axe-core and widths (see test_browser_toegankelijk)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("verslag-vijfstappen-")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "# Verslag Vijfstappenmethode" in text
    assert "## 2. Probleemverkenning" in text
    assert "Ali vatte twee keer samen; \\<b\\>Kim\\</b\\> kreeg meer ruimte." in text
    assert "Hoe zeg ik nee zonder de relatie te schaden?" in text
    with page.expect_download() as pdf:
        page.locator(".wk-verslag-links a", has_text="PDF").click()
    assert Path(pdf.value.path()).read_bytes()[:4] == b"%PDF"
    expect(page.locator(".wk-bericht")).to_contain_text("Opgeslagen")
    checks.done()
