"""Nothing typed is lost: in each app some work, a reload or a closed tab, and the work comes back.

The session's one server; one browser context per app (its localStorage is the device). Half the apps are
reloaded, the other half closed (the leave-page question is answered) and opened in a new tab.
"""

import re

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


def _stored(page, app, text):
    """Wait until the browser's copy of the draft holds ``text`` (the kernel sends it after each change)."""
    page.wait_for_function(
        "([key, text]) => (window.localStorage.getItem(key) || '').includes(text)",
        arg=[f"wijkteam-kit:concept:{app}", text],
    )


def _stored_on_server(server, app, wanted, timeout=30.0):
    """Wait until the store holds a draft of ``app`` for which ``wanted(data)`` is true.

    The kernel saves a draft to the store a moment (``SERVER_PAUZE``) after the last change, as a person who
    picks up a tablet would take; a test that switches devices faster waits for it here.
    """
    import json
    import sqlite3
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(server.data / "wijkteam.db") as db:
            rows = db.execute("select payload from inzendingen where soort = ?", (f"concept-{app}",)).fetchall()
        if any(wanted(json.loads(json.loads(payload)["data"])) for (payload,) in rows):
            return
        time.sleep(0.2)
    raise AssertionError(f"geen concept van {app} in de opslag dat voldoet")


def _new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    return context


def _reopen(context, page, server, notebook):
    """Close the tab (the page asks first) and open the app again in a new tab of the same browser."""
    assert _leave_asks(page) == ["beforeunload"]
    page = context.new_page()
    _open(page, server, notebook)
    return page


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
    page.locator(".wk-niveau").get_by_role("radio", name="3", exact=True).click()
    expect(page.locator(".wk-voortgang")).to_contain_text("1 van")
    page.get_by_role("button", name="Volgende").click()
    page.locator(".wk-niveau").get_by_role("radio", name="4", exact=True).click()
    page.locator(".wk-motivatie textarea").fill("Vaste lasten lopen achter")
    expect(page.locator(".wk-voortgang")).to_contain_text("2 van")
    _stored(page, "zrm_oefening", "Vaste lasten lopen achter")

    page.reload()
    _continue(page)
    expect(page.locator(".wk-voortgang")).to_contain_text("2 van")
    expect(page.locator(".wk-motivatie textarea")).to_have_value("Vaste lasten lopen achter")
    page.wait_for_function("document.activeElement.closest('.wk-niveau') !== null")  # focus: the work, restored

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


def test_zrm_on_another_device_with_the_herstelcode(browser, server):
    laptop, tablet = _new_context(browser), _new_context(browser)
    page = laptop.new_page()
    _open(page, server, "zrm_oefening")
    page.get_by_role("button", name="Begin met scoren").click()
    page.locator(".wk-niveau").get_by_role("radio", name="2", exact=True).click()
    page.get_by_role("button", name="Verder op een ander apparaat").click()
    page.locator(".wk-concept-naam input").fill("Noor")
    page.get_by_role("button", name="Ik heb nog geen code").click()
    code = page.locator(".wk-concept-status .wk-code")
    expect(code).to_have_text(re.compile(r"^\d{6}$"))
    herstelcode = code.inner_text()
    page.locator(".wk-niveau").get_by_role("radio", name="4", exact=True).click()  # saved under the code too
    expect(page.locator(".wk-voortgang")).to_contain_text("1 van")
    _stored_on_server(server, "zrm_oefening", lambda data: 4 in data["niveaus"].values())

    other = tablet.new_page()
    _open(other, server, "zrm_oefening")
    expect(other.locator(".wk-concept-aanbod")).to_be_hidden()  # another device: nothing in its browser
    other.get_by_role("button", name="Verder op een ander apparaat").click()
    other.locator(".wk-concept-naam input").fill("Noor")
    other.locator(".wk-concept-code input").fill(herstelcode)
    other.get_by_role("button", name="Koppelen").click()
    offer = other.locator(".wk-concept-aanbod")
    expect(offer).to_contain_text("onder je herstelcode")
    offer.get_by_role("button", name="Verder gaan").click()
    expect(other.locator(".wk-nav-knop", has_text="✓")).to_have_text(re.compile(r"✓ .*: 4"))
    laptop.close()
    tablet.close()


def test_netwerkatlas_closed_tab_and_another_map_asks(browser, server):
    context = _new_context(browser)
    page = context.new_page()
    _open(page, server, "netwerkatlas")
    page.locator(".wk-persoon-naam input").fill("Oma Jet")
    page.get_by_role("button", name="Persoon toevoegen").click()
    expect(page.locator(".wk-bericht")).to_contain_text("staat op de kaart")
    _stored(page, "netwerkatlas", "Oma Jet")
    page = _reopen(context, page, server, "netwerkatlas")
    _continue(page)
    expect(page.locator(".wk-beeld-relatiekaart [id^='netwerk-persoon-']")).to_have_count(1)
    page.locator(".wk-openen").click()
    expect(page.locator(".wk-concept-vraag")).to_contain_text("Open je een andere kaart")
    context.close()


def test_plan_reload_and_empty_plan_asks(browser, server):
    context = _new_context(browser)
    page = context.new_page()
    _open(page, server, "plan_schrijven")
    page.locator(".wk-actie-wie input").fill("Ans")
    page.locator(".wk-actie-wat input").fill("Bij Henk zijn")
    _stored(page, "plan_schrijven", "Bij Henk zijn")
    page.reload()
    _continue(page)
    expect(page.locator(".wk-actie-wie input")).to_have_value("Ans")
    expect(page.locator(".wk-actie-wat input")).to_have_value("Bij Henk zijn")
    page.get_by_role("button", name="Leeg plan").click()
    expect(page.locator(".wk-concept-vraag")).to_contain_text("nog niet bewaard")
    context.close()


def test_intervisie_reload_in_the_middle_of_a_meeting(browser, server):
    context = _new_context(browser)
    page = context.new_page()
    _open(page, server, "intervisie")
    page.locator(".wk-soort select").select_option(label="Intervisie: Vijfstappenmethode · 60 min")
    page.locator(".wk-deelnemers textarea").fill("Kim\nAli\nBo")
    page.locator(".wk-rol-inbrenger select").select_option(label="Kim")
    page.locator(".wk-rol-gespreksleider select").select_option(label="Ali")
    page.locator(".wk-rol-tijdbewaker select").select_option(label="Bo")
    page.get_by_role("button", name="Start de bijeenkomst").click()
    page.locator(".wk-observatie textarea").fill("Kim vertelt over de buurvrouw")
    _stored(page, "intervisie", "buurvrouw")
    page.reload()
    _continue(page)
    expect(page.locator(".wk-observatie textarea")).to_have_value("Kim vertelt over de buurvrouw")
    expect(page.locator(".wk-pauze")).to_contain_text("Verder")  # the clock comes back paused
    context.close()


def test_bouwstenen_closed_tab(browser, server):
    context = _new_context(browser)
    page = context.new_page()
    _open(page, server, "bouwstenen")
    page.locator(".wk-vraag-opgave-wijk textarea").fill("Een oude wijk met veel jonge gezinnen")
    _stored(page, "bouwstenen", "jonge gezinnen")
    page = _reopen(context, page, server, "bouwstenen")
    _continue(page)
    expect(page.locator(".wk-vraag-opgave-wijk textarea")).to_have_value("Een oude wijk met veel jonge gezinnen")
    context.close()


def test_competentiescan_reload_and_stop_asks(browser, server):
    context = _new_context(browser)
    page = context.new_page()
    _open(page, server, "competentie_scan")
    page.locator(".wk-naam input").fill("Sam")
    page.get_by_role("button", name="Begin met de scan").click()
    expect(page.locator(".wk-voortgang")).to_contain_text("0 van")
    page.locator(".wk-schaal").first.get_by_role("radio").first.click()
    expect(page.locator(".wk-voortgang")).to_contain_text("1 van")
    _stored(page, "competentie_scan", "Sam")
    page.reload()
    _continue(page)
    expect(page.locator(".wk-voortgang")).to_contain_text("1 van")
    page.get_by_role("button", name="Stoppen").click()
    expect(page.locator(".wk-concept-vraag")).to_contain_text("antwoorden verloren")
    context.close()


def test_scenario_closed_tab(browser, server):
    context = _new_context(browser)
    page = context.new_page()
    _open(page, server, "scenario")
    page.get_by_role("button", name="Begin het scenario").click()
    page.locator(".wk-keuze-1").click()
    expect(page.locator(".wk-voortgang")).to_contain_text("Moment 2")
    _stored(page, "scenario", "na 1 keuze")
    page = _reopen(context, page, server, "scenario")
    _continue(page)
    expect(page.locator(".wk-voortgang")).to_contain_text("Moment 2")
    context.close()
