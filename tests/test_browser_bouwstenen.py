"""End to end: the bouwstenen app in a real Voila server and headless Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EVIL = "<img src=x onerror=alert(1)>"


def test_answer_blocks_see_contradiction_and_download_startdocument(page, server, tmp_path):
    page.goto(server.url)
    link = page.locator("a.app", has_text="Bouwstenen voor ons team")
    expect(link).to_contain_text("startdocument")
    link.click()
    expect(page.locator(".wk-teamnaam input")).to_be_visible(timeout=120_000)
    findings = page.locator(".wk-wat-valt-op")
    expect(findings).to_contain_text("Geen tegenstrijdige antwoorden")
    expect(page.locator(".wk-voortgang")).to_contain_text("0 van 31 vragen beantwoord")

    page.locator(".wk-teamnaam input").fill("Team Noord")
    page.locator(".wk-vraag-opgave-wijk textarea").fill(f"Oude wijk {EVIL}")
    page.locator(".wk-vraag-opgave-gedeeld_beeld").get_by_role("radio", name="4", exact=True).click()
    expect(page.locator(".wk-voortgang")).to_contain_text("2 van 31 vragen beantwoord")

    page.locator(".wk-stappen").get_by_role("radio", name="3 Vormgeving", exact=True).click()
    expect(page.locator(".wk-bouwsteen h3")).to_contain_text("Bouwsteen 3: Vormgeving")
    page.locator(".wk-vraag-vormgeving-vorm").get_by_text("Integraal team", exact=False).click()
    page.locator(".wk-vraag-vormgeving-teamgrootte input").fill("10")
    page.locator(".wk-vraag-vormgeving-teamgrootte input").press("Enter")
    expect(findings).to_contain_text("Groot team (10 leden)")

    page.locator(".wk-volgende").click()
    expect(page.locator(".wk-bouwsteen h3")).to_contain_text("Bouwsteen 4: Aansturing")
    page.locator(".wk-vraag-aansturing-mandaat").get_by_text("Nee, dat beslist een ander").click()
    expect(findings.locator(".wk-regel-integraal_zonder_mandaat")).to_contain_text(
        "Integraal team zonder mandaat"
    )
    expect(findings).to_contain_text("Tegenstrijdig")
    assert page.locator("img[src='x']").count() == 0  # typed text stays text

    page.locator(".wk-opslaan").click()
    expect(page.locator(".wk-bericht")).to_contain_text("Opgeslagen voor Team Noord: 5 antwoorden")

    page.locator(".wk-maak-document").click()
    expect(page.locator(".wk-downloads a")).to_have_count(2)
    with page.expect_download() as download:
        page.locator(".wk-downloads a", has_text="Markdown").click()
    assert download.value.suggested_filename == "startdocument-team-noord.md"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# Startdocument Team Noord")
    assert "Tegenstrijdig: Integraal team zonder mandaat." in text
    assert "Oude wijk \\<img src=x onerror=alert(1)\\>" in text
    with page.expect_download() as pdf:
        page.locator(".wk-downloads a", has_text="PDF").click()
    pdf_path = tmp_path / "start.pdf"
    pdf.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
