"""End to end: a Network Canvas GraphML export opened in the netwerkatlas through upload and the mapping step."""

import json
import re

import pytest
from playwright.sync_api import expect

from wijkteam_kit.netwerk.networkcanvas import VOORBEELD_EXPORT

pytestmark = pytest.mark.browser


def test_network_canvas_export_opens_after_the_mapping_step(page, server, tmp_path):
    export = tmp_path / "gerda-interview.graphml"
    export.write_text(VOORBEELD_EXPORT, encoding="utf-8")
    page.goto(server.url)
    page.locator("a.app", has_text="Netwerkatlas").click()
    expect(page.locator(".wk-beeld-relatiekaart svg")).to_be_visible(timeout=120_000)

    with page.expect_file_chooser() as chooser:
        page.locator(".wk-upload").click()
    chooser.value.set_files(str(export))
    step = page.locator(".wk-nc-koppeling")
    expect(step).to_be_visible(timeout=30_000)
    expect(step).to_contain_text("export uit Network Canvas")
    expect(page.locator(".wk-nc-cirkel select")).to_have_value(re.compile(r"^nabijheid \(bij personen"))
    expect(page.locator(".wk-nc-sector-waarden textarea")).to_have_value(
        "familie = familie\nvrienden = vrienden\nburen = buurt\nhulpverlening = professionals"
    )
    expect(page.get_by_label("Cirkel (hoe dichtbij)")).to_be_visible()  # controls have Dutch names

    page.get_by_role("button", name="Importeren").click()
    expect(page.locator(".wk-bericht")).to_contain_text("gekoppeld en geopend: 4 personen, 6 banden")
    expect(step).to_be_hidden()
    kaart = page.locator(".wk-beeld-relatiekaart")
    for pid in ("henk", "ans", "ria-smit", "huisarts-ozturk"):
        expect(kaart.locator(f"#netwerk-persoon-{pid}")).to_have_count(1)
    expect(kaart.locator("#netwerk-band-client-henk")).to_have_count(1)
    expect(kaart.locator("#netwerk-band-henk-ans")).to_have_count(1)

    with page.expect_download() as download:
        page.locator(".wk-json-link a").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["client"]["naam"] == "Gerda"
    assert [(p["naam"], p["cirkel"], p["sector"]) for p in data["personen"]] == [
        ("Henk", 1, "familie"),
        ("Ans", 2, "vrienden"),
        ("Ria Smit", 3, "buurt"),
        ("Huisarts Öztürk", 4, "professionals"),
    ]
    assert [(b["van"], b["naar"], b["frequentie"]) for b in data["banden"]][:2] == [
        ("client", "henk", "dagelijks"),
        ("client", "ans", "wekelijks"),
    ]
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
