"""Nothing typed is lost: in each app some work, a reload or a closed tab, and the work comes back.

One server for the module (the session's), one browser context per app (its localStorage is the device).
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

APP_TIMEOUT = 120_000


def _open(page, server, notebook):
    page.goto(f"{server.url}voila/render/{notebook}.ipynb")
    expect(page.locator(".wk-concept-apparaat")).to_be_visible(timeout=APP_TIMEOUT)


def _continue(page):
    """After a reload: the offer is there, 'Verder gaan' puts the work back."""
    offer = page.locator(".wk-concept-aanbod")
    expect(offer).to_contain_text("Je was hier eerder mee bezig", timeout=APP_TIMEOUT)
    offer.get_by_role("button", name="Verder gaan").click()
    expect(page.locator(".wk-concept")).to_contain_text("Je eerdere werk staat weer klaar")


def _leave_asks(page):
    """Closing the tab with unsaved work asks first (beforeunload)."""
    seen = []
    page.on("dialog", lambda d: (seen.append(d.type), d.accept()))
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    return seen


def test_zrm_reload_close_and_another_casus(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    _open(page, server, "zrm_oefening")
    page.get_by_role("button", name="Begin met scoren").click()
    page.locator(".wk-niveau").get_by_role("button", name="3", exact=True).click()
    expect(page.locator(".wk-voortgang")).to_contain_text("1 van")
    page.get_by_role("button", name="Volgende").click()
    page.locator(".wk-niveau").get_by_role("button", name="4", exact=True).click()
    page.locator(".wk-motivatie textarea").fill("Vaste lasten lopen achter")
    expect(page.locator(".wk-voortgang")).to_contain_text("2 van")

    page.reload()
    _continue(page)
    expect(page.locator(".wk-voortgang")).to_contain_text("2 van")
    expect(page.locator(".wk-motivatie textarea")).to_have_value("Vaste lasten lopen achter")

    # "Andere casus kiezen" asks first; "Nee" keeps the scores
    page.get_by_role("button", name="Andere casus kiezen").click()
    question = page.locator(".wk-concept-vraag")
    expect(question).to_contain_text("gaan deze scores verloren")
    question.get_by_role("button", name="Nee, verder werken").click()
    expect(question).to_be_hidden()
    expect(page.locator(".wk-voortgang")).to_contain_text("2 van")

    # closing the tab asks; a new tab on the same device offers the work again
    assert _leave_asks(page) == ["beforeunload"]
    page = context.new_page()
    _open(page, server, "zrm_oefening")
    _continue(page)
    expect(page.locator(".wk-voortgang")).to_contain_text("2 van")
    page.get_by_role("button", name="Andere casus kiezen").click()
    page.locator(".wk-concept-vraag").get_by_role("button", name="Ja, andere casus kiezen").click()
    expect(page.get_by_role("button", name="Begin met scoren")).to_be_visible()
    page.reload()
    expect(page.locator(".wk-casus-keuze select")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.locator(".wk-concept-aanbod")).to_be_hidden()  # thrown away on purpose: nothing offered
    context.close()
