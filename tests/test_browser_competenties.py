"""End to end: the competence scan in a real `wijkteam-kit serve` and headless Chromium, clicked as a person would."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from wijkteam_kit.competenties import load_framework

from ._pagina_checks import Checks

pytestmark = pytest.mark.browser

FW = load_framework("movisie-2017")  # the smallest framework: 7 competences, 25 indicators
FW_LABEL = "Generieke competenties wijkteams (7 competenties, 25 vragen)"
EVIL = "<img src=x onerror=alert(1)>"


def _open_app(page, server, dialogs):
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    link = page.locator("a.app", has_text="Competentiescan")
    expect(link).to_contain_text("ontwikkeldoel")
    link.click()
    expect(page.locator(".wk-naam input")).to_be_visible(timeout=120_000)


def _create_team(page, name, secret):
    page.get_by_role("tab", name="Teamoverzicht (teamleider)").click()
    page.locator(".wk-teamnaam input").fill(name)
    page.locator(".wk-nieuw-geheim input").fill(secret)
    page.get_by_role("button", name="Team aanmaken").click()
    code = page.locator(".wk-code")
    expect(code).to_have_text(re.compile(r"^[A-Z2-9]{6}$"))
    text = code.inner_text()
    page.get_by_role("tab", name="Mijn scan").click()
    return text


def _start(page, name, code, herstel="", share=False):
    page.locator(".wk-naam input").fill(name)
    if share:
        page.get_by_role(
            "checkbox", name="Deel mijn uitslag met mijn naam met mijn team (teamleider)"
        ).check()
    page.locator(".wk-herstelcode input").fill(herstel)
    page.locator(".wk-teamcode input").fill(code)
    page.locator(".wk-kader select").select_option(label=FW_LABEL)
    page.get_by_role("button", name="Begin met de scan").click()
    expect(page.locator(".wk-voortgang")).to_contain_text("Competentie 1 van 7")


def _answer_all(page, answers, default):
    """Click one scale button per indicator, competence by competence, with Volgende in between."""
    for number, comp in enumerate(FW.competences, 1):
        expect(page.locator(".wk-voortgang")).to_contain_text(f"Competentie {number} van 7")
        expect(page.locator(".wk-vragen h3")).to_have_text(comp.name)
        scales = page.locator(".wk-schaal")
        expect(scales).to_have_count(len(comp.indicators))
        for k, word in enumerate(answers.get(comp.id, [default] * len(comp.indicators))):
            scales.nth(k).get_by_role("radio", name=word, exact=True).click()
        if number < len(FW.competences):
            page.get_by_role("button", name="Volgende").click()
    expect(page.locator(".wk-voortgang")).to_contain_text("25 van 25 vragen beantwoord")


def test_full_scan_result_and_previous_scan_after_reload(page, server):
    dialogs = []
    _open_app(page, server, dialogs)
    code = _create_team(page, "Team Noord", "koffie-om-tien")
    expect(page.locator(".wk-wie-ziet-wat")).to_contain_text("Je teamleider")  # said before anyone starts
    _start(page, EVIL, code)
    expect(page.locator(".wk-scan-melding .wk-bericht")).to_contain_text(
        f"Welkom, {EVIL}! Je bent nieuw in team Team Noord."
    )
    herstel = page.locator(".wk-scan-herstelcode .wk-code").inner_text()
    assert re.fullmatch(r"\d{6}", herstel)

    page.get_by_role("button", name="Inleveren").click()  # too early
    expect(page.locator(".wk-scan-melding .wk-waarschuwing")).to_contain_text(
        "Nog niet ingevuld: Contact en betekenisvolle relaties (4 vragen)"
    )
    checks = Checks(page, "competentie_scan")  # axe-core and widths on the messages (test_browser_toegankelijk)
    checks.state("melding: nog niet ingevuld")
    example = page.locator(".wk-voorbeeld textarea").first
    example.fill("Belde mevrouw op 06-12345678")
    expect(page.locator(".wk-vragen .wk-waarschuwing")).to_contain_text("telefoonnummer")
    example.fill("Samen met de buurvrouw een oplossing bedacht")

    answers = {"contact_relaties": ["altijd"] * 4, "signaleren_agenderen": ["soms", "soms", "weet ik niet"]}
    _answer_all(page, answers, "vaak")
    page.get_by_role("button", name="Inleveren").click()

    expect(page.locator(".wk-radar")).to_be_visible(timeout=60_000)
    expect(page.locator(".wk-scan-melding .wk-bericht")).to_contain_text("Je scan is bewaard")
    scores = page.locator(".wk-scores")
    expect(scores.locator(".wk-score-contact_relaties")).to_contain_text("5,0vakvolwassen")
    expect(scores.locator(".wk-score-signaleren_agenderen")).to_contain_text("2,0startbekwaam")
    expect(scores.locator(".wk-score-eigen_regie")).to_contain_text("4,0vakvolwassen")
    expect(scores.locator(".wk-score-eigen_regie")).to_contain_text("te weinig beoordelaars")
    expect(page.locator(".wk-ontwikkeldoel h3")).to_have_text("Schrijf een ontwikkeldoel")
    assert page.locator("a.wk-download").count() == 4  # PNG, SVG, PDF and the scan as CSV
    with page.expect_download() as download:
        page.locator("a.wk-download", has_text="CSV").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Samen met de buurvrouw een oplossing bedacht" in csv_text
    assert page.locator("img[src='x']").count() == 0 and dialogs == []  # the name was escaped, not rendered

    page.reload()
    expect(page.locator(".wk-naam input")).to_be_visible(timeout=120_000)
    _start(page, EVIL, code.lower(), herstel)
    expect(page.locator(".wk-scan-melding .wk-bericht")).to_contain_text(
        f"Welkom terug, {EVIL}. We vonden je vorige scan op Generieke competenties wijkteams"
    )
    assert page.locator("img[src='x']").count() == 0 and dialogs == []
    checks.done()


def test_team_view_needs_the_right_secret(page, server):
    dialogs = []
    _open_app(page, server, dialogs)
    code = _create_team(page, "Team Oost", "thee-om-drie")
    _start(page, "Noor", code, share=True)
    _answer_all(page, {}, "regelmatig")
    page.get_by_role("button", name="Inleveren").click()
    expect(page.locator(".wk-radar")).to_be_visible(timeout=60_000)

    page.get_by_role("tab", name="Teamoverzicht (teamleider)").click()
    expect(page.locator(".wk-open-code input")).to_have_value(code)
    page.locator(".wk-open-geheim input").fill("koffie-om-tien")
    page.locator(".wk-team-kader select").select_option(label=FW.name)
    page.get_by_role("button", name="Teamoverzicht openen").click()
    expect(page.locator(".wk-team-melding .wk-fout")).to_contain_text("Teamcode of geheim klopt niet")
    checks = Checks(page, "competentie_scan")
    checks.state("foutmelding: verkeerd geheim")
    expect(page.locator(".wk-team-kop")).to_have_count(0)
    expect(page.locator(".wk-heatmap")).to_have_count(0)

    page.locator(".wk-open-geheim input").fill("thee-om-drie")
    page.get_by_role("button", name="Teamoverzicht openen").click()
    expect(page.locator(".wk-team-kop")).to_contain_text("1 van de 1 deelnemers heeft een zelfscan gedaan")
    expect(page.locator(".wk-team-kop")).to_contain_text("1 van hen deelt de uitslag met naam")
    expect(page.locator(".wk-heatmap")).to_be_visible()
    expect(page.locator(".wk-complementariteit")).to_be_visible()
    expect(page.locator(".wk-spreiding")).to_contain_text("Eigen regie ondersteunen: van 3,0 tot 3,0")
    expect(page.locator(".wk-team-melding .wk-fout")).to_have_count(0)
    assert dialogs == []
    checks.done()


def test_a_fresh_browser_with_name_and_team_code_cannot_open_a_colleagues_scan(page, server, browser):
    dialogs = []
    _open_app(page, server, dialogs)
    code = _create_team(page, "Team West", "thee-om-vier")
    _start(page, "Sanne", code)
    _answer_all(page, {}, "vaak")
    page.get_by_role("button", name="Inleveren").click()
    expect(page.locator(".wk-radar")).to_be_visible(timeout=60_000)

    context = browser.new_context()  # a colleague on another laptop who knows her name and the team code
    try:
        other = context.new_page()
        _open_app(other, server, dialogs)
        other.locator(".wk-naam input").fill("Sanne")
        other.locator(".wk-teamcode input").fill(code)
        other.locator(".wk-kader select").select_option(label=FW_LABEL)
        other.get_by_role("button", name="Mijn laatste uitslag bekijken").click()
        expect(other.locator(".wk-scan-melding .wk-fout")).to_contain_text("Vul je herstelcode in")
        other.get_by_role("button", name="Mijn gegevens").click()
        expect(other.locator(".wk-scan-melding .wk-fout")).to_contain_text("Vul je herstelcode in")
        other.locator(".wk-herstelcode input").fill("123456")
        other.get_by_role("button", name="Mijn laatste uitslag bekijken").click()
        expect(other.locator(".wk-scan-melding .wk-fout")).to_contain_text("horen niet bij elkaar")
        expect(other.locator(".wk-radar")).to_have_count(0)
        expect(other.locator(".wk-mijn-gegevens .wk-download")).to_have_count(0)
        assert "vaak" not in other.locator(".wk-scores").all_inner_texts()
    finally:
        context.close()

    # Sanne herself: her data to download, then deleted
    page.get_by_role("button", name="Nieuwe scan").click()
    page.get_by_role("button", name="Mijn gegevens").click()
    expect(page.locator(".wk-mijn-gegevens")).to_contain_text("Over Sanne bewaart de kit")
    with page.expect_download() as download:
        page.locator(".wk-mijn-gegevens a.wk-download").click()
    assert '"weergavenaam": "Sanne"' in Path(download.value.path()).read_text(encoding="utf-8")
    page.get_by_role("checkbox", name="Ja, verwijder al mijn gegevens voorgoed").check()
    page.get_by_role("button", name="Verwijder mijn gegevens").click()
    expect(page.locator(".wk-scan-melding .wk-bericht")).to_contain_text("Al je gegevens zijn verwijderd")
    assert dialogs == []
