"""End to end: the netwerkatlas app in a real Voila server and headless Chromium."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ._pagina_checks import Checks

pytestmark = pytest.mark.browser

EVIL = "<img src=x onerror=alert(1)>"


def _open_app(page, server):
    page.goto(server.url)
    link = page.locator("a.app", has_text="Netwerkatlas")
    expect(link).to_contain_text("relatiekaart")
    link.click()
    expect(page.locator(".wk-start-keuze select")).to_be_visible(timeout=120_000)
    expect(page.locator(".wk-beeld-relatiekaart svg")).to_be_visible(timeout=60_000)


def _add_person(page, name, relation, circle):
    page.locator(".wk-persoon-naam input").fill(name)
    page.locator(".wk-persoon-relatie select").select_option(relation)
    page.locator(".wk-persoon-cirkel").get_by_role("radio", name=str(circle), exact=True).click()
    page.get_by_role("button", name="Persoon toevoegen").click()
    expect(page.locator(".wk-bericht")).to_contain_text("staat op de kaart")
    # the app empties the form for the next person: wait for that before typing the next name (the message
    # of the previous person would already match above)
    expect(page.locator(".wk-persoon-naam input")).to_have_value("")


def _upload(page, path):
    with page.expect_file_chooser() as chooser:
        page.locator(".wk-upload").click()
    chooser.value.set_files(str(path))


def test_map_a_network_download_and_open_it_again(page, server, tmp_path):
    _open_app(page, server)
    kaart = page.locator(".wk-beeld-relatiekaart")
    signals = page.locator(".wk-wat-valt-op")
    expect(signals.locator("li")).not_to_have_count(0)
    empty_text = signals.inner_text()

    _add_person(page, "Ans", "vriend", 1)
    expect(kaart.locator("#netwerk-persoon-ans")).to_have_count(1)
    _add_person(page, "Bram", "buur", 2)
    _add_person(page, EVIL, "professional", 3)
    expect(kaart.locator("[id^='netwerk-persoon-']")).to_have_count(3)
    expect(signals).not_to_have_text(empty_text)
    before_tie = signals.inner_text()

    page.locator(".wk-formtabs").get_by_role("tab", name="Banden").click()
    page.locator(".wk-band-naar select").select_option(label="Ans")
    page.locator(".wk-band-frequentie select").select_option("dagelijks")
    page.locator(".wk-band-ontvangen .wk-steun-praktisch input").check()
    page.get_by_role("button", name="Band opslaan").click()
    expect(page.locator(".wk-bericht")).to_contain_text("De band tussen")
    expect(kaart.locator("#netwerk-band-client-ans")).to_have_count(1)
    expect(signals).not_to_have_text(before_tie)
    expect(signals).to_contain_text("Ans")
    assert page.locator("img[src='x']").count() == 0  # the typed name is text, never HTML

    with page.expect_download() as download:
        page.locator(".wk-json-link a").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert [p["naam"] for p in data["personen"]] == ["Ans", "Bram", EVIL]
    assert data["banden"][0]["steun_ontvangen"] == ["praktisch"]

    page.locator(".wk-start-keuze select").select_option(label="Een lege kaart")
    page.locator(".wk-openen").click()
    expect(page.locator(".wk-concept-vraag")).to_contain_text("Open je een andere kaart")  # work in progress
    page.locator(".wk-concept-ja").click()
    expect(kaart.locator("[id^='netwerk-persoon-']")).to_have_count(0)

    broken = tmp_path / "kapot.json"
    broken.write_text(
        '{"personen": [{"id": "x", "naam": "X", "relatie": "buur", "sector": "buurt", "cirkel": 7}]}'
    )
    _upload(page, broken)
    expect(page.locator(".wk-fout")).to_contain_text("cirkel: verwacht hoogstens 4, kreeg 7")
    checks = Checks(page, "netwerkatlas")
    checks.state("foutmelding: kapot kaartbestand")  # axe-core and widths

    _upload(page, saved)
    expect(page.locator(".wk-bericht")).to_contain_text("3 personen, 1 banden")
    expect(kaart.locator("[id^='netwerk-persoon-']")).to_have_count(3)
    expect(kaart.locator("#netwerk-band-client-ans")).to_have_count(1)

    page.locator(".wk-instrumenten").get_by_role("tab", name="Familiekaart").click()
    expect(page.locator(".wk-beeld-familiekaart svg")).to_be_visible()
    page.locator(".wk-instrumenten").get_by_role("tab", name="Basisposter").click()
    expect(page.locator(".wk-beeld-basisposter svg")).to_be_visible()
    page.get_by_role("button", name="Maak downloadbestanden").click()
    with page.expect_download() as download:
        page.locator(".wk-downloads a", has_text="PDF").click()
    assert download.value.suggested_filename == "netwerkatlas-basisposter.pdf"
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"
    checks.done()


def test_casus_at_two_moments(page, server):
    _open_app(page, server)
    page.locator(".wk-start-keuze select").select_option(
        label="Gerda zorgt voor Henk (mantelzorg bij dementie)"
    )
    expect(page.locator(".wk-moment select option")).to_have_count(2)
    page.locator(".wk-openen").click()
    kaart = page.locator(".wk-beeld-relatiekaart")
    expect(kaart.locator("#netwerk-persoon-henk")).to_have_count(1)
    expect(kaart.locator("#netwerk-persoon-joop")).to_have_count(0)
    expect(page.locator(".wk-wat-valt-op")).to_contain_text("Henk")
    page.locator(".wk-moment select").select_option("T1")
    page.locator(".wk-openen").click()
    expect(kaart.locator("#netwerk-persoon-joop")).to_have_count(1)
