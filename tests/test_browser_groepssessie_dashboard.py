"""End to end for the trainer: create a session in the dashboard app, see a participant hand in live, share, export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .test_browser_groepssessie import CASUS, EVIL_SCRIPT, join, score_everything, watch_dialogs

pytestmark = pytest.mark.browser


def test_trainer_creates_session_sees_answers_live_and_reveals(browser, page, server):
    alerts = watch_dialogs(page)
    page.goto(server.url)
    page.get_by_role("link", name="Groepssessie voor trainers").click()
    page.locator(".wk-sessie-casus select").select_option(label=CASUS.titel, timeout=120_000)
    page.locator(".wk-sessie-oefening select").select_option(label="ZRM-scoren")
    page.locator(".wk-sessie-titel input").fill("Dag 2 " + EVIL_SCRIPT)
    page.locator(".wk-sessie-maak").click()
    created = page.locator(".wk-sessie-gegevens")
    expect(created).to_contain_text("Trainergeheim")
    code = page.locator(".wk-sessie-gegevens .wk-code").inner_text().replace("-", "")
    link = page.locator(".wk-deelnamelink").get_attribute("href")
    assert link.endswith(f"zrm_oefening.ipynb?sessie={code}")
    expect(page.locator(".wk-sessie-aantallen")).to_contain_text("0 aangemeld · 0 ingeleverd")
    expect(page.locator(".wk-sessie-kop")).to_contain_text(EVIL_SCRIPT)  # the title shown as text

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    participant = context.new_page()
    participant.set_default_timeout(60_000)
    try:
        alerts_participant = watch_dialogs(participant)
        participant.goto(link)
        expect(participant.locator(".wk-sessie-code input")).to_have_value(code, timeout=120_000)
        join(participant, EVIL_SCRIPT)
        # the dashboard refreshes by itself: the participant appears without a click
        expect(page.locator(".wk-sessie-aantallen")).to_contain_text(
            "1 aangemeld · 0 ingeleverd", timeout=30_000
        )
        expect(page.locator(".wk-sessie-deelnemers")).to_contain_text(EVIL_SCRIPT)
        score_everything(participant, 3)
        expect(participant.locator(".wk-sessie-status")).to_contain_text("Ingeleverd om")
        expect(page.locator(".wk-sessie-aantallen")).to_contain_text(
            "1 aangemeld · 1 ingeleverd", timeout=30_000
        )
        expect(page.locator(".wk-sessie-groep svg")).to_be_visible()
        expect(page.locator(".wk-sessie-groep")).to_contain_text("Eén deelnemer heeft ingeleverd")
        assert participant.locator(".wk-sessie-groep svg").count() == 0

        page.locator(".wk-sessie-onthul").click()
        expect(page.locator(".wk-sessie-kop")).to_contain_text("Groepsuitkomst gedeeld met de groep")
        expect(participant.locator(".wk-sessie-groep svg")).to_be_visible(timeout=60_000)

        page.locator(".wk-sessie-sluit").click()
        expect(page.locator(".wk-sessie-kop")).to_contain_text("Sessie gesloten")

        page.locator(".wk-sessie-export").click()
        with page.expect_download() as info:
            page.locator(".wk-sessie-downloads a", has_text="CSV").click()
        text = Path(info.value.path()).read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[1][0] == EVIL_SCRIPT and len(rows) == 2
        with page.expect_download() as info:
            page.locator(".wk-sessie-downloads a", has_text="Hand-out").click()
        assert Path(info.value.path()).read_bytes()[:5] == b"%PDF-"

        page.locator(".wk-sessie-bevestig input").check()
        page.locator(".wk-sessie-verwijder").click()
        expect(page.locator(".wk-melding").first).to_contain_text("is verwijderd")
        assert page.locator("script", has_text="alert(1)").count() == 0
        assert alerts == [] and alerts_participant == []
    finally:
        context.close()
