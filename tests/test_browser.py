"""End to end: a real `wijkteam-kit serve`, headless Debian Chromium, clicking as a person would."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from wijkteam_kit.casus import load_casus

from .conftest import ROOT

pytestmark = pytest.mark.browser

CASUS = load_casus(ROOT / "casuses" / "administratie-taal.yaml")


def _open_app(page, server):
    page.goto(server.url)
    expect(page.locator("h1")).to_have_text("wijkteam-kit")
    link = page.locator("a.app", has_text="ZRM-oefening")
    expect(link).to_contain_text("vergelijk je scores")
    link.click()
    expect(page.locator(".wk-casus-keuze select")).to_be_visible(timeout=120_000)


def _click_level(page, domain_name, label):
    page.locator(".wk-niveau").get_by_role("radio", name=label, exact=True).click()
    done = f"✓ {domain_name}: {'n.b.' if label == 'niet besproken' else label}"
    expect(page.locator(".wk-nav-knop", has_text=done)).to_be_visible()


def test_zrm_exercise_from_landing_page_to_comparison(page, server):
    _open_app(page, server)
    page.locator(".wk-casus-keuze select").select_option(label=CASUS.titel)
    expect(page.locator(".wk-casus h3")).to_have_text(CASUS.titel)
    page.locator(".wk-beoordelaar input").fill("<img src=x onerror=alert(1)>")
    page.get_by_role("button", name="Begin met scoren").click()

    version = CASUS.version()
    reference = CASUS.reference_assessment()
    changed = {"financien": 5, "sociaal_netwerk": 4}  # two domains differ from the reference
    for domain in version.domains:
        expect(page.locator(".wk-kaart h3")).to_have_text(domain.name)
        level = changed.get(domain.id, reference.level(domain.id))
        _click_level(page, domain.name, "niet besproken" if level is None else str(level))
        if domain.id == "financien":
            page.locator(".wk-motivatie textarea").fill("Twijfel, zie de brieven. Tel 06-12345678")
            expect(page.locator(".wk-waarschuwing")).to_contain_text("telefoonnummer")
        page.get_by_role("button", name="Volgende").click()

    expect(page.locator(".wk-kaart h3")).to_have_text("Participatieladder")
    page.locator(".wk-ladder").get_by_role(
        "radio", name=str(CASUS.participatieladder.trede), exact=True
    ).click()
    expect(page.locator(".wk-voortgang")).to_contain_text(
        f"{len(version.domains)} van {len(version.domains)}"
    )
    page.get_by_role("button", name="Inleveren").click()

    expect(page.locator(".wk-aantal-verschillen")).to_contain_text("2 domeinen verschillen", timeout=60_000)
    rows = page.locator(".wk-verschillen tr.wk-verschil")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Financiën")).to_contain_text(reference.scores["financien"].note[:30])
    expect(rows.filter(has_text="Sociaal netwerk")).to_be_visible()
    expect(page.locator(".wk-ladder-uitslag h3")).to_contain_text("gelijk")
    expect(page.locator(".wk-profiel")).to_be_visible()
    assert page.locator("a.wk-download").count() == 1  # the scores as CSV; the picture's files on request
    page.get_by_role("button", name="Maak downloadbestanden").click()
    expect(page.locator("a.wk-download")).to_have_count(4)  # PNG, SVG, PDF and the scores as CSV
    assert page.locator("img[src='x']").count() == 0  # the typed name was escaped, not rendered
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0

    with page.expect_download() as download:
        page.locator("a.wk-download", has_text="SVG").click()
    assert download.value.suggested_filename == f"zrm-{CASUS.id}.svg"
    assert "<svg" in Path(download.value.path()).read_text(encoding="utf-8")[:2000]
    with page.expect_download() as download:
        page.locator("a.wk-download", has_text="CSV").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "financien;Financiën;5;Volledig zelfredzaam" in csv_text
    expect(page.locator(".wk-scoreregel")).to_have_text(re.compile(r"^5 "))  # Financiën first, scored 5

    page.get_by_role("button", name="Opnieuw beginnen").click()
    expect(page.get_by_role("button", name="Begin met scoren")).to_be_visible()


def test_submitting_too_early_names_what_is_missing(page, server):
    _open_app(page, server)
    page.get_by_role("button", name="Begin met scoren").click()
    first = page.locator(".wk-kaart h3").first
    expect(first).not_to_have_text("")
    page.get_by_role("button", name="Inleveren").click()
    expect(page.locator(".wk-waarschuwing")).to_contain_text(
        re.compile("Nog niet gescoord: .*Participatieladder")
    )
