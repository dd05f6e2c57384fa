"""End to end, netwerkatlas session: a participant draws the casus network, the trainer sees who was missed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wijkteam_kit.casus import load_library
from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.netwerk import Client as NetwerkClient
from wijkteam_kit.netwerk import Netwerkatlas, Persoon
from wijkteam_kit.netwerk.io import atlas_to_data
from wijkteam_kit.store import Store

from .test_browser_groepssessie import join, watch_dialogs

pytestmark = pytest.mark.browser

CASUS = next(c for c in load_library() if c.id == "mantelzorg-dementie")


def add_person(page, name: str, relation: str, circle: int) -> None:
    page.locator(".wk-persoon-naam input").fill(name)
    page.locator(".wk-persoon-relatie select").select_option(relation)
    page.locator(".wk-persoon-cirkel").get_by_role("radio", name=str(circle), exact=True).click()
    page.get_by_role("button", name="Persoon toevoegen").click()
    expect(page.locator(".wk-bericht", has_text="staat op de kaart")).to_contain_text(name, timeout=60_000)


def test_network_session_missed_persons_on_the_dashboard(browser, page, server):
    with Store(server.data / "wijkteam.db") as store:
        sessies = Groepssessies(store)
        new = sessies.create(CASUS.id, "netwerkatlas")
        code = new.sessie.code
        # a second participant, handed in through the same core: only Henk on the map
        other = sessies.join(code, "Kim", client=Client("test"))
        only_henk = Netwerkatlas(
            client=NetwerkClient(naam="Gerda"),
            personen=(Persoon(id="henk", naam="henk bosman", relatie="partner", sector="familie", cirkel=1),),
        )
        sessies.submit(code, other.deelname.deelnemer_id, atlas_to_data(only_henk))

    alerts = watch_dialogs(page)
    page.goto(f"{server.url}voila/render/netwerkatlas.ipynb?sessie={code}")
    expect(page.locator(".wk-sessie-code input")).to_have_value(code, timeout=120_000)
    join(page, "Ans <b>")
    kaart = page.locator(".wk-beeld-relatiekaart")
    expect(kaart.locator("[id^='netwerk-persoon-']")).to_have_count(0, timeout=60_000)  # an empty map
    expect(page.locator(".wk-casus")).not_to_contain_text("Wie zijn er in beeld?")  # no answers given away
    add_person(page, "Henk Bosman", "partner", 1)
    add_person(page, "Ans", "vriend", 2)
    expect(kaart.locator("[id^='netwerk-persoon-']")).to_have_count(2)
    page.locator(".wk-sessie-inleveren").click()
    expect(page.locator(".wk-sessie-status")).to_contain_text("Ingeleverd om", timeout=60_000)

    trainer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        trainer.goto(f"{server.url}voila/render/groepssessie.ipynb")
        trainer.locator(".wk-sessie-open-code input").fill(new.sessie.code_weergave, timeout=120_000)
        trainer.locator(".wk-sessie-open-geheim input").fill(new.geheim)
        trainer.locator(".wk-sessie-open").click()
        expect(trainer.locator(".wk-sessie-aantallen")).to_contain_text("2 aangemeld · 2 ingeleverd")
        missed = trainer.locator(".wk-sessie-gemist")
        expect(missed).to_contain_text("Marieke: gemist op 2 van 2 kaarten (100%)")
        expect(missed).to_contain_text("Ans: gemist op 1 van 2 kaarten (50%)")
        expect(missed).not_to_contain_text("Henk")  # drawn by both, once in other capitals
        expect(trainer.locator(".wk-sessie-kaarten")).to_contain_text("Ans <b>")  # the name as text
        trainer.locator(".wk-sessie-onthul").click()
        expect(page.locator(".wk-sessie-groep svg")).to_be_visible(timeout=60_000)
        expect(page.locator(".wk-sessie-groep")).to_contain_text("Marieke")
        assert page.locator(".wk-sessie-groep").inner_text().count("Kim") == 0  # no other names
    finally:
        trainer.context.close()
    assert alerts == []
