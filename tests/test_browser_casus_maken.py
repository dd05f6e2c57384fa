"""End to end in Chromium: a trainer types a new casus in *Casus maken*, saves it, and it opens in the ZRM exercise."""

import re

import pytest
from playwright.sync_api import expect

from wijkteam_kit.casus import check_files, load_casus
from wijkteam_kit.zrm.versions import load_version

from .conftest import Server

pytestmark = pytest.mark.browser

STORY = (
    "Mevrouw Lotte Vermeer (58) belt zelf naar het wijkteam. Sinds haar man vorig jaar overleed, komt ze de deur "
    "nauwelijks uit.\n\nHaar dochter Noor woont twee straten verder en komt elke zondag eten. Lotte wil weer iets "
    "omhanden hebben, maar weet niet waar ze moet beginnen."
)
LEVELS = {"sociaal_netwerk": "2 niet zelfredzaam", "huiselijke_relaties": "niet besproken (nvt)"}


@pytest.fixture(scope="module")
def casus_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("wijkteam-data")
    own = data / "eigen-casussen"
    srv = Server(env={"WIJKTEAM_DATA": str(data), "WIJKTEAM_DATABASE_URL": ""}, args=["--casussen", str(own)])
    srv.own = own
    yield srv
    srv.stop()


def _field(page, name, kind="input"):
    return page.locator(f".wk-veld-{name} {kind}")


def _tab(page, title):
    page.get_by_role("tab", name=re.compile(f"^{re.escape(title)}")).click()


def test_a_casus_typed_in_the_browser_passes_the_check_and_opens_in_the_zrm_exercise(page, casus_server):
    page.goto(casus_server.url)
    page.locator("a.app", has_text="Casus maken").click()
    expect(_field(page, "titel")).to_be_visible(timeout=120_000)
    status = page.locator(".wk-casus-status")
    expect(status).to_contain_text("punten voordat je kunt opslaan")

    # story and referral; the id follows the title, a missing field is named under the field itself
    _field(page, "titel").fill("Lotte wil weer iets omhanden")
    expect(_field(page, "id")).to_have_value("lotte-wil-weer-iets-omhanden")
    expect(page.locator(".wk-veldnoot", has_text="verplicht veld ontbreekt").first).to_be_visible()
    _field(page, "samenvatting", "textarea").fill("Lotte (58) is weduwe en zit veel thuis. Ze wil weer meedoen.")
    _field(page, "aanmelding-bron").fill("Lotte zelf")
    _field(page, "aanmelding-route", "textarea").fill("Ze belt het wijkteam na een folder in de bibliotheek.")
    _field(page, "verhaal", "textarea").fill(STORY + " Bel haar op 06-12345678.")
    expect(page.locator(".wk-veldwaarschuwing")).to_contain_text("telefoonnummer")  # privacy, while typing
    _field(page, "verhaal", "textarea").fill(STORY)
    expect(page.locator(".wk-veldwaarschuwing")).to_have_count(0)

    _tab(page, "Huishouden")
    page.get_by_role("button", name="Lid toevoegen").click()
    _field(page, "huishouden-0-naam").fill("Lotte Vermeer")
    _field(page, "huishouden-0-leeftijd").fill("58")
    _tab(page, "Krachten")
    _field(page, "krachten", "textarea").fill("Ze zoekt zelf hulp\nHaar dochter komt elke week")

    _tab(page, "Netwerk")  # the netwerkatlas form
    page.locator(".wk-persoon-naam input").fill("Noor")
    page.locator(".wk-persoon-relatie select").select_option("kind")
    page.locator(".wk-persoon-opslaan").click()
    expect(page.locator(".wk-casus-maken")).to_contain_text("Noor – kind, cirkel 2")

    _tab(page, "ZRM")
    version = load_version("zrm2013")
    for domain in version.domains:
        level = LEVELS.get(domain.id, "4 voldoende zelfredzaam")
        _field(page, f"zrm-scores-{domain.id}-niveau", "select").select_option(label=level)
        _field(page, f"zrm-scores-{domain.id}-toelichting", "textarea").fill(f"Zo gaat het met {domain.name}.")
    _tab(page, "Ladder")
    _field(page, "participatieladder-trede", "select").select_option(label="2 sociale contacten buitenshuis")
    _field(page, "participatieladder-toelichting", "textarea").fill("Ze gaat alleen naar haar dochter.")
    _tab(page, "Leervragen")
    _field(page, "leervragen", "textarea").fill("Wat wil Lotte zelf?")
    _field(page, "dilemmas", "textarea").fill("Hoe snel duw je iemand die rouwt naar buiten?")

    expect(status).to_contain_text("De casus is in orde", timeout=30_000)
    _tab(page, "Voorbeeld")
    expect(page.locator(".wk-voorbeeld .wk-casus h3")).to_have_text("Lotte wil weer iets omhanden")
    expect(page.locator(".wk-casus-download a")).to_have_attribute("download", "lotte-wil-weer-iets-omhanden.yaml")
    page.get_by_role("button", name="Opslaan in mijn casussen").click()
    expect(page.locator(".wk-melding")).to_contain_text("Opgeslagen als", timeout=30_000)

    saved = casus_server.own / "lotte-wil-weer-iets-omhanden.yaml"
    assert check_files([saved]) == {str(saved): []}  # what `wijkteam-kit casus check` says
    casus = load_casus(saved)
    assert casus.reference_assessment().level("sociaal_netwerk") == 2 and casus.netwerk.personen[0].naam == "Noor"
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0

    page.goto(casus_server.url + "voila/render/zrm_oefening.ipynb")
    page.locator(".wk-casus-keuze select").select_option(label="Lotte wil weer iets omhanden", timeout=120_000)
    expect(page.locator(".wk-casus h3")).to_have_text("Lotte wil weer iets omhanden")
    page.get_by_role("button", name="Begin met scoren").click()
    expect(page.locator(".wk-kaart h3")).to_have_text(version.domains[0].name, timeout=60_000)
