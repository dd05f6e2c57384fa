"""End to end in Chromium: the evaluation exercise (T1) of the ZRM app, and 'Mijn kalibratie' with a new code."""

import re

import pytest
from playwright.sync_api import expect

from wijkteam_kit.casus import load_casus

from .conftest import ROOT
from .test_browser import _click_level, _open_app

pytestmark = pytest.mark.browser

CASUS = load_casus(ROOT / "casuses" / "administratie-taal.yaml")


def test_evaluation_exercise_from_reading_t1_to_feedback(page, server):
    _open_app(page, server)
    page.locator(".wk-casus-keuze select").select_option(label=CASUS.titel)
    page.locator(".wk-moment").get_by_text("Evaluatie (T1)").click()
    page.get_by_role("button", name="Begin met scoren").click()
    expect(page.locator(".wk-t1")).to_contain_text("Die tas is weg", timeout=60_000)
    expect(page.locator(".wk-t1")).to_contain_text("Wat er gebeurde")

    t1 = CASUS.t1_assessment()
    changed = {"financien": 4}  # the learner sees Financiën rise, the reference does not
    for domain in CASUS.version().domains:
        expect(page.locator(".wk-kaart h3")).to_have_text(domain.name)
        level = changed.get(domain.id, t1.level(domain.id))
        _click_level(page, domain.name, "niet besproken" if level is None else str(level))
        page.get_by_role("button", name="Volgende").click()
    page.locator(".wk-ladder").get_by_role("radio", name=str(t1.ladder), exact=True).click()
    page.get_by_role("button", name="Inleveren").click()

    expect(page.locator(".wk-evaluatievragen h3")).to_have_text("De evaluatievragen", timeout=60_000)
    page.locator(".wk-evaluatie-vraag-beantwoord textarea").fill("Grotendeels <img src=x onerror=alert(1)>")
    page.locator(".wk-evaluatie-proces textarea").fill("Ton droeg veel.")
    page.locator(".wk-evaluatie-zelfredzaamheid").get_by_text("gestegen", exact=True).click()
    page.locator(".wk-evaluatie-participatie").get_by_text("gelijk gebleven", exact=True).click()
    page.locator(".wk-evaluatie-leerpunten textarea").fill("Kleine stappen werken.")
    page.get_by_role("button", name="Bekijk de evaluatie").click()

    result = page.locator(".wk-evaluatie-uitslag")
    expect(result).to_contain_text("Jouw evaluatie", timeout=60_000)
    row = page.locator(".wk-evaluatie-tabel tr.wk-verschil")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Financiën")
    feedback = page.locator(".wk-evaluatie-feedback li")
    expect(feedback.filter(has_text="Financiën: jij ziet gestegen (3 → 4)")).to_be_visible()
    expect(feedback.filter(has_text="Participatie: jij antwoordde 'gelijk'")).to_be_visible()
    expect(page.locator(".wk-evaluatie-tabel")).to_contain_text("Doel")
    expect(page.locator("body")).to_contain_text(CASUS.t1.evaluatie.leerpunten[0][:40])
    assert page.locator("img[src='x']").count() == 0  # the typed answer was escaped
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


def test_my_calibration_with_a_new_code(page, server):
    _open_app(page, server)
    page.get_by_role("button", name="Mijn kalibratie").click()
    page.locator(".wk-kalibratie-naam input").fill("Browser Kim")
    page.get_by_role("button", name="Ik heb nog geen code").click()
    expect(page.locator(".wk-kalibratie-herstelcode .wk-code")).to_have_text(
        re.compile(r"^\d{6}$"), timeout=60_000
    )
    expect(page.locator(".wk-kalibratie")).to_contain_text("nog geen casus")
    page.locator(".wk-casus-keuze select").select_option(label=CASUS.titel)
    page.get_by_role("button", name="Begin met scoren").click()
    reference = CASUS.reference_assessment()
    for domain in CASUS.version().domains:
        expect(page.locator(".wk-kaart h3")).to_have_text(domain.name)
        level = reference.level(domain.id)
        _click_level(page, domain.name, "niet besproken" if level is None else str(level))
        page.get_by_role("button", name="Volgende").click()
    page.locator(".wk-ladder").get_by_role(
        "radio", name=str(CASUS.participatieladder.trede), exact=True
    ).click()
    page.get_by_role("button", name="Inleveren").click()
    view = page.locator(".wk-kalibratie")
    expect(view).to_contain_text("1 keer gescoord", timeout=60_000)
    expect(view).to_contain_text("Te weinig om iets te concluderen")
    expect(page.locator("img.wk-kalibratie-verwarring")).to_have_attribute("alt", re.compile("niveau"))
    expect(page.locator(".wk-kalibratie-downloads a.wk-download")).to_have_text("Mijn kalibratie (PDF)")
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
