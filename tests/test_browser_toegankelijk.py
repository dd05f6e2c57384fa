"""Every app in Chromium: axe-core per main state, nothing cut off at four widths, keyboard and touch.

One test per app walks its main states on one page; at each state axe-core (npm, see ``_pagina_checks``) may
find no critical or serious violation, and at 768, 1024, 1366 and 1920 px (the same page, resized) no field,
tab, button or heading may be cut off or stick out of its panel. The in-between states (error messages, the
scan as 360° feedback, a team of three, the participant's side of a group session, the intervision report) are
checked the same way, here or in the app's own browser test on a page it opens anyway (``Checks``).
The ZRM test does the whole exercise by keyboard and counts the key presses, as do the plan and competence scan
tests for their main task; the netwerkatlas test ticks every support option of a tie between two new people and
reads back what was saved. The results are the basis of docs/toegankelijkheid.md.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from wijkteam_kit.casus import load_casus, load_library
from wijkteam_kit.competenties import LokaleScans, Scan, load_framework
from wijkteam_kit.groepssessie import PersoonlijkeCodes
from wijkteam_kit.netwerk.model import STEUNFUNCTIES
from wijkteam_kit.netwerk.networkcanvas import VOORBEELD_EXPORT
from wijkteam_kit.scenario import load_scenario
from wijkteam_kit.store import Store

from ._pagina_checks import AXE_EXCLUDED, FEW_WIDTHS, WIDTHS, Checks, axe_path  # noqa: F401 (re-exported)
from .conftest import ROOT

pytestmark = pytest.mark.browser

MAX_KEYS_ZRM = 120


@pytest.fixture(autouse=True)
def _axe_installed():
    if not axe_path().exists():
        pytest.fail(
            f"axe-core ontbreekt ({axe_path()}): npm install --prefix .venv/axe axe-core (.ci/run doet dit)"
        )


def _open(page, server, app: str, ready: str):
    page.goto(f"{server.url}voila/render/{app}.ipynb")
    expect(page.locator(ready).first).to_be_visible(timeout=120_000)
    page.wait_for_function("document.querySelector('#wk-pagina .wk-app') !== null")  # inside <main>
    return Checks(page, app)


# ---------------------------------------------------------------- ZRM: the whole exercise by keyboard
class Keys:
    """Presses keys and counts them."""

    def __init__(self, page) -> None:
        self.page, self.count = page, 0

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
            self.count += 1

    def tab_to(self, text: str, limit: int = 30, key: str = "Tab") -> None:
        """Press ``key`` until the focused element's text is ``text``."""
        for _ in range(limit):
            self.press(key)
            if self.page.evaluate("document.activeElement.textContent.trim()") == text:
                return
        raise AssertionError(f"'{text}' niet bereikt met {key}")

    def tab_into(self, selector: str, limit: int = 150, key: str = "Tab") -> None:
        """Press ``key`` until the focused element matches ``selector``."""
        for _ in range(limit):
            self.press(key)
            if self.page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"'{selector}' niet bereikt met {key}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.count += len(text)

    def choose(self, label: str) -> None:
        """In the focused (closed) select: type the start of an option's label, as a keyboard user does."""
        self.type(label[:3])
        try:
            self.page.wait_for_function(
                f"document.activeElement.value === {label!r}", timeout=10_000
            )
        except Exception as exc:
            got = self.page.evaluate(
                "(() => { const e = document.activeElement; return [e.outerHTML.slice(0, 300),"
                " e.selectedOptions ? [...e.selectedOptions].map(o => o.text) : null]; })()"
            )
            raise AssertionError(f"'{label}' niet gekozen met het toetsenbord: {got}") from exc


def _focus_in(page, selector: str) -> None:
    page.wait_for_function(
        f"document.activeElement && document.activeElement.closest({selector!r}) !== null"
        " && document.activeElement.getAttribute('role') === 'radio'"
    )


def test_zrm_exercise_by_keyboard_within_120_keys_and_accessible(page, server):
    casus = load_library()[0]  # the app's first choice: no key press to choose it
    version, reference = casus.version(), casus.reference_assessment()
    checks = _open(page, server, "zrm_oefening", ".wk-casus-keuze select")
    checks.state("casus kiezen")
    keys = Keys(page)
    keys.tab_to("Begin met scoren")
    keys.press("Enter")
    for number, domain in enumerate(version.domains):
        expect(page.locator(".wk-kaart h3").first).to_have_text(domain.name)
        _focus_in(page, ".wk-niveau")  # focus moved to the level buttons, named after the domain
        group = page.get_by_role("radiogroup", name=f"Jouw niveau voor {domain.name}")
        expect(group).to_have_count(1)
        level = reference.level(domain.id)
        if level is None:
            keys.press("End")
        elif level == 1:
            keys.press("Space")
        else:
            keys.press("ArrowRight", level - 1)
        label = "niet besproken" if level is None else str(level)
        expect(group.get_by_role("radio", name=label, exact=True)).to_have_attribute("aria-checked", "true")
        done = f"✓ {domain.name}: {'n.b.' if level is None else level}"
        expect(page.locator(".wk-nav-knop", has_text=done)).to_be_visible()
        if number == 0:
            checks.state("domein scoren")
        keys.tab_to("Volgende")
        keys.press("Enter")
    expect(page.locator(".wk-kaart h3").first).to_have_text("Participatieladder")
    _focus_in(page, ".wk-ladder")  # "Volgende" is disabled now: the focus went on, not to the page
    keys.press("ArrowRight", casus.participatieladder.trede - 1)
    expect(page.locator(".wk-voortgang")).to_contain_text("trede gekozen")
    checks.state("participatieladder")
    keys.tab_to("Inleveren")
    keys.press("Enter")
    expect(page.locator(".wk-aantal-verschillen")).to_be_visible(timeout=60_000)
    page.wait_for_function(
        "document.activeElement.querySelector('.wk-uitslag') !== null"
    )  # focus: the result
    expect(page.locator(".wk-profiel svg[role=img] desc")).to_have_count(1)  # the picture described in words
    expect(page.locator(".wk-profiel-woorden tr")).to_have_count(len(version.domains) + 1)
    checks.state("uitslag")
    print(f"ZRM-oefening met het toetsenbord: {keys.count} toetsaanslagen ({len(version.domains)} domeinen)")
    assert keys.count <= MAX_KEYS_ZRM
    checks.done()


def test_focus_ring_and_touch_targets(browser, server):
    context = browser.new_context(viewport={"width": 1024, "height": 800}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        _open(page, server, "zrm_oefening", ".wk-casus-keuze select")
        page.get_by_role("button", name="Begin met scoren").click()
        _focus_in(page, ".wk-niveau")
        page.keyboard.press("Tab")  # keyboard use: the ring shows (a mouse click keeps the quiet 1px line)
        page.keyboard.press("Shift+Tab")
        _focus_in(page, ".wk-niveau")
        ring = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [parseFloat(s.outlineWidth), s.outlineStyle, s.outlineColor]; })()"
        )
        assert ring[0] >= 2 and ring[1] == "solid" and ring[2] == "rgb(21, 101, 192)", ring
        small = page.evaluate(
            """() => [...document.querySelectorAll('.wk-app button, .wk-app select, .wk-app input, .wk-app textarea,'
                 + ' .wk-app .lm-TabBar-tab')].filter(e => e.getClientRects().length)
                 .map(e => [e.textContent.trim().slice(0, 30) || e.tagName, e.getBoundingClientRect()])
                 .filter(([, r]) => r.height < 44 || r.width < 24).map(([n, r]) => `${n} ${r.width}x${r.height}`)"""
        )
        assert not small, small
    finally:
        context.close()


# ---------------------------------------------------------------- netwerkatlas: forms that record what they show
def _add_person(page, name):
    page.locator(".wk-formtabs").get_by_role("tab", name="Personen").click()
    page.locator(".wk-persoon-naam input").fill(name)
    page.get_by_role("button", name="Persoon toevoegen").click()
    expect(page.locator(".wk-bericht")).to_contain_text(f"{name} staat op de kaart")


def test_netwerkatlas_records_what_it_shows_and_fits_a_tablet(page, server, tmp_path):
    checks = _open(page, server, "netwerkatlas", ".wk-beeld-relatiekaart svg")
    checks.state("lege kaart")
    _add_person(page, "Ans")
    _add_person(page, "Bram")
    checks.state("personen")

    forms = page.locator(".wk-formtabs")
    forms.get_by_role("tab", name="Personen").focus()  # the tabs by keyboard: arrow to the next one, Enter
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.locator(".wk-band-van select")).to_be_visible()
    page.locator(".wk-band-van select").select_option(label="Ans")
    page.locator(".wk-band-naar select").select_option(label="Bram")
    panel = page.locator(".wk-formulieren").bounding_box()
    for group in ("ontvangen", "gegeven"):
        for function in STEUNFUNCTIES:
            box = page.locator(f".wk-band-{group} .wk-steun-{function} input")
            where = box.bounding_box()
            assert panel["x"] <= where["x"] and where["x"] + where["width"] <= panel["x"] + panel["width"], (
                function
            )
            box.check()  # a real click: fails when the box is off-screen or covered
    checks.state("banden")
    page.get_by_role("button", name="Band opslaan").click()
    expect(page.locator(".wk-bericht")).to_contain_text("De band tussen Ans en Bram is opgeslagen")
    page.locator(".wk-band-naar select").select_option(label="Ans")
    page.locator(".wk-band-van select").select_option(label="Bram")  # the same tie, seen from Bram
    expect(page.locator(".wk-band-ontvangen .wk-steun-informatief input")).to_be_checked()
    page.locator(".wk-band-van select").select_option(index=0)  # the client and Ans: a new pair
    for function in STEUNFUNCTIES:
        expect(page.locator(f".wk-band-ontvangen .wk-steun-{function} input")).not_to_be_checked()
        expect(page.locator(f".wk-band-gegeven .wk-steun-{function} input")).not_to_be_checked()

    forms.get_by_role("tab", name="Gebeurtenissen").click()
    sentiment = page.get_by_role("radiogroup", name="Was het positief of negatief?")
    expect(sentiment.get_by_role("radio", checked=True)).to_have_count(0)  # no default
    page.locator(".wk-formtabs input[placeholder='bv. 2019']").fill("2020")
    page.locator(".wk-formtabs input[placeholder='bv. verhuisd naar de flat']").fill("Man overleden")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".wk-fout")).to_contain_text("Positief of negatief")
    checks.state("foutmelding: geen positief of negatief")
    sentiment.get_by_role("radio", name="negatief").click()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".wk-bericht")).to_contain_text("De gebeurtenis is toegevoegd")
    checks.state("gebeurtenissen")
    forms.get_by_role("tab", name="Cliënt").click()
    checks.layout("cliënt")

    with page.expect_download() as download:
        page.locator(".wk-json-link a").click()
    saved = json.loads(download.value.path().read_text(encoding="utf-8"))
    tie = next(b for b in saved["banden"] if {b["van"], b["naar"]} == {"ans", "bram"})
    assert tie["van"] == "ans"
    assert sorted(tie["steun_ontvangen"]) == sorted(tie["steun_gegeven"]) == sorted(STEUNFUNCTIES)
    assert [(e["omschrijving"], e["valentie"]) for e in saved["gebeurtenissen"]] == [
        ("Man overleden", "negatief")
    ]

    page.locator(".wk-openen").click()  # another map while this one has work: the draft's question first
    question = page.locator(".wk-concept-vraag")
    expect(question).to_contain_text("Open je een andere kaart")
    page.wait_for_function("document.activeElement.closest('.wk-concept-vraag') !== null")  # focus: the question
    checks.state("vraag: andere kaart")
    page.wait_for_function("document.activeElement.classList.contains('wk-concept-nee')")  # the safe answer
    page.keyboard.press("Enter")
    expect(question).to_be_hidden()
    page.wait_for_function("document.activeElement.classList.contains('wk-openen')")  # back where the user was
    export = tmp_path / "gerda-interview.graphml"
    export.write_text(VOORBEELD_EXPORT, encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.locator(".wk-upload").click()
    chooser.value.set_files(str(export))
    expect(page.locator(".wk-nc-koppeling")).to_be_visible()
    checks.state("Network Canvas koppelen")
    page.get_by_role("button", name="Importeren").click()
    expect(question).to_contain_text("vervangt dat bestand je kaart")  # the map has unsaved work: asked first
    question.get_by_role("button", name="Ja, bestand openen").click()
    expect(page.locator(".wk-bericht")).to_contain_text("gekoppeld en geopend")

    page.set_viewport_size({"width": 768, "height": 1024})  # a tablet upright: the map wide, the forms below
    checks.wait_for_width(768)
    kaart = page.locator(".wk-beeld-relatiekaart svg").bounding_box()
    formulieren = page.locator(".wk-formulieren").bounding_box()
    assert kaart["width"] >= 600, kaart
    assert formulieren["y"] >= kaart["y"] + kaart["height"], (kaart, formulieren)
    checks.done()


# ---------------------------------------------------------------- the other apps, state by state
def test_plan_schrijven(page, server):
    checks = _open(page, server, "plan_schrijven", ".wk-casus-keuze select")
    page.locator(".wk-casus-keuze select").select_option(
        label="Gerda zorgt voor Henk (mantelzorg bij dementie)"
    )
    expect(page.locator(".wk-casus-hint")).to_contain_text("Ik wil")
    checks.state("leeg plan")
    page.get_by_role("button", name="Vraag feedback").click()
    expect(page.locator(".wk-regel").first).to_be_visible()
    expect(page.get_by_role("button", name="Vraag feedback")).to_be_enabled()  # not busy any more
    expect(page.get_by_role("button", name="Vergelijk met het referentieplan")).to_be_enabled()
    checks.state("feedback")
    checks.done()


def test_competentie_scan(page, server):
    checks = _open(page, server, "competentie_scan", ".wk-naam input")
    checks.state("start")
    page.locator(".wk-naam input").fill("Kim")
    page.get_by_role("button", name="Begin met de scan").click()
    expect(page.locator(".wk-voortgang")).to_contain_text("Competentie 1 van")
    checks.state("vragen")
    page.get_by_role("tab", name="Teamoverzicht (teamleider)").click()
    checks.state("teamoverzicht")
    checks.done()


def test_intervisie(page, server):
    checks = _open(page, server, "intervisie", ".wk-soort select")
    checks.state("opzet")
    page.locator(".wk-soort select").select_option(label="Intervisie: Balintmethode · 90 min")  # 11 steps
    page.locator(".wk-deelnemers textarea").fill("Kim\nAli\nBo\nDe\nEef")  # Balint needs five
    roles = page.locator(".wk-rollen select")
    expect(roles.first.locator("option")).to_have_count(6)
    for index in range(roles.count()):
        roles.nth(index).select_option(index=index + 1)
    page.locator(".wk-start").click()
    expect(page.locator(".wk-stap-titel")).to_contain_text("Stap 1 van 11")
    expect(page.locator(".wk-voortgang li")).to_have_count(11)
    room = page.locator("ol.wk-voortgang, .wk-voortgang ol").first.evaluate(
        "ol => parseFloat(getComputedStyle(ol).paddingLeft) / parseFloat(getComputedStyle(ol).fontSize)"
    )
    assert room >= 2, f"the numbers '10.' and '11.' need 2em before the list, not {room:.1f}em"
    checks.state("stap")
    page.locator(".wk-afronden").click()
    expect(page.locator(".wk-stap-titel")).to_contain_text("afgerond")
    checks.state("afgerond")
    checks.done()


def test_bouwstenen(page, server):
    checks = _open(page, server, "bouwstenen", ".wk-teamnaam input")
    checks.state("bouwsteen 1")
    page.locator(".wk-stappen").get_by_role("radio", name="3 Vormgeving", exact=True).click()
    expect(page.locator(".wk-bouwsteen h3")).to_contain_text("Bouwsteen 3: Vormgeving")
    checks.state("bouwsteen 3")
    page.get_by_role("button", name="Verder op een ander apparaat").click()  # the draft under a personal code
    expect(page.locator(".wk-concept-codes")).to_be_visible()
    checks.state("concept: ander apparaat")
    checks.done()


def test_scenario(page, server):
    scenario = load_scenario("zorgen-om-een-kind")
    checks = _open(page, server, "scenario", ".wk-scenario-keuze select")
    page.locator(".wk-scenario-keuze select").select_option(label=scenario.titel)
    checks.state("kiezen")
    page.get_by_role("button", name="Begin het scenario").click()
    expect(page.locator(".wk-moment")).to_contain_text("De school belt")
    checks.state("spelen")
    for m, keuze in scenario.aanbevolen_route():
        expect(page.locator(".wk-moment")).to_contain_text(m.titel)
        page.locator(f".wk-keuze-{m.keuzes.index(keuze) + 1}").click()
    expect(page.locator(".wk-debrief")).to_contain_text("Debrief", timeout=60_000)
    checks.state("debrief")
    checks.done()


def test_groepssessie_dashboard(page, server):
    casus = load_library()[0]
    checks = _open(page, server, "groepssessie", ".wk-sessie-casus select")
    checks.state("nieuwe sessie")
    page.locator(".wk-sessie-casus select").select_option(label=casus.titel)
    page.locator(".wk-sessie-oefening select").select_option(label="ZRM-scoren")
    page.locator(".wk-sessie-maak").click()
    expect(page.locator(".wk-sessie-gegevens")).to_contain_text("Trainergeheim")
    checks.state("sessie loopt")
    checks.done()


# ---------------------------------------------------------------- two more apps' main task by keyboard
def test_plan_by_keyboard_with_social_map_tips(page, server):
    checks = _open(page, server, "plan_schrijven", ".wk-casus-keuze select")
    keys = Keys(page)
    keys.tab_into(".wk-probleem-tekst textarea")
    keys.type("Ik kom niet rond")
    keys.press("Tab")
    keys.choose("Financiën")  # the problem's ZRM domain
    keys.tab_into(".wk-doel-tekst textarea")
    keys.type("Ik wil mijn rekeningen op tijd betalen")
    keys.tab_into(".wk-oplossing-tekst textarea")
    keys.type("Samen naar de schuldhulp")
    keys.press("Tab")
    keys.choose("Algemene / voorliggende voorziening")
    expect(page.get_by_text("Uit de sociale kaart")).to_be_visible()
    checks.state("sociale-kaarttips")
    keys.tab_into(".wk-naam input")
    keys.type("Kim")
    keys.tab_to("Bewaar plan")
    keys.press("Enter")
    expect(page.locator(".wk-bericht")).to_contain_text("Je plan is bewaard als 'Mijn plan'")
    print(f"Plan met het toetsenbord: {keys.count} toetsaanslagen")

    page.reload()  # the draft is kept after saving: a reload offers it
    offer = page.locator(".wk-concept-aanbod")
    expect(offer).to_contain_text("Je was hier eerder mee bezig", timeout=120_000)
    page.wait_for_function("document.querySelector('#wk-pagina .wk-app') !== null")
    # the offer takes the focus, on its safe first answer (described by what it brings back): Enter continues
    page.wait_for_function("document.activeElement.classList.contains('wk-concept-verder')")
    described = offer.get_by_role("button", name="Verder gaan").get_attribute("title")
    assert described.startswith("Ga verder met je eerdere werk: een plan (Mijn plan)"), described
    checks.state("concept: verder gaan?")
    keys = Keys(page)
    keys.press("Enter")
    expect(page.locator(".wk-probleem-tekst textarea").first).to_have_value("Ik kom niet rond")
    expect(offer).to_be_hidden()
    expect(page.locator(".wk-concept")).to_contain_text("Je eerdere werk staat weer klaar")
    # then on to where the work starts (the first control after the panel), not to the page
    page.wait_for_function("document.activeElement.closest('.wk-casus-keuze') !== null")
    checks.done()


def test_competence_scan_by_keyboard_result_and_my_data(page, server):
    framework = load_framework("movisie-2017")
    checks = _open(page, server, "competentie_scan", ".wk-naam input")
    expect(page.locator(".wk-wie-ziet-wat")).to_contain_text("Je teamleider")  # checked in test_competentie_scan
    keys = Keys(page)
    keys.tab_into(".wk-naam input")
    keys.type("Kim")
    keys.tab_into(".wk-kader select")
    keys.choose("Generieke competenties wijkteams (7 competenties, 25 vragen)")
    keys.tab_to("Begin met de scan")
    keys.press("Enter")
    for number, competence in enumerate(framework.competences, 1):
        expect(page.locator(".wk-voortgang")).to_contain_text(f"Competentie {number} van")
        _focus_in(page, ".wk-schaal")  # after "Begin" and "Volgende": the first question of the page
        scales = page.locator(".wk-schaal")
        for k in range(len(competence.indicators)):
            keys.press("ArrowRight", 3)  # nooit, soms, regelmatig, vaak
            expect(scales.nth(k).get_by_role("radio", name="vaak", exact=True)).to_have_attribute(
                "aria-checked", "true"
            )
            if k < len(competence.indicators) - 1:
                keys.press("Tab", 2)  # past the example field to the next question
                _focus_in(page, ".wk-schaal")
        if number < len(framework.competences):
            keys.tab_to("Volgende")
            keys.press("Enter")
    expect(page.locator(".wk-voortgang")).to_contain_text("25 van 25 vragen beantwoord")
    keys.tab_to("Inleveren")
    keys.press("Enter")
    expect(page.locator(".wk-radar")).to_be_visible(timeout=60_000)
    page.wait_for_function("document.activeElement.querySelector('.wk-uitslag') !== null")  # focus: the result
    expect(page.locator(".wk-scores .wk-score-eigen_regie")).to_contain_text("4,0")
    print(f"Competentiescan met het toetsenbord: {keys.count} toetsaanslagen")
    checks.state("uitslag")
    page.get_by_role("button", name="Nieuwe scan").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('.wk-wie-ben-je') !== null")  # not the page
    page.get_by_role("button", name="Mijn gegevens").click()
    expect(page.locator(".wk-mijn-gegevens")).to_contain_text("Over Kim bewaart de kit")
    checks.state("mijn gegevens")
    checks.done()


def test_competence_team_of_three_and_feedback_about_a_colleague(page, server):
    """The team view with three self-scans (made through the core API) and the scan as 360° feedback."""
    framework = load_framework("movisie-2017")
    store = Store(server.data / "wijkteam.db")
    try:
        code = store.create_team("Team Zuid", "thee-om-twee")
        codes = PersoonlijkeCodes(store)
        for number, name in enumerate(("Ans", "Bram", "Chris"), 2):
            person = codes.join_team(codes.new(name).deelnemer.id, code)
            answers = {i: min(number + k % 3, 5) for k, i in enumerate(framework.indicator_ids)}
            scans = LokaleScans(store, person)
            scans.bewaar_scan(Scan.build(framework, "zelf", answers))
            scans.delen(name != "Chris")  # two by name (the team map per person), one only in the averages
    finally:
        store.close()
    checks = _open(page, server, "competentie_scan", ".wk-naam input")
    page.get_by_role("tab", name="Teamoverzicht (teamleider)").click()
    page.locator(".wk-open-code input").fill(code)
    page.locator(".wk-open-geheim input").fill("thee-om-twee")
    page.locator(".wk-team-kader select").select_option(label=framework.name)
    page.get_by_role("button", name="Teamoverzicht openen").click()
    expect(page.locator(".wk-team-kop")).to_contain_text("3 van de 3 deelnemers hebben een zelfscan gedaan")
    expect(page.locator(".wk-heatmap")).to_be_visible()
    handle = page.locator(".wk-doel-contact_relaties .noUi-handle")  # a target slider: named, its value in words
    expect(handle).to_have_attribute("aria-label", "Contact en betekenisvolle relaties")
    expect(handle).to_have_attribute("aria-valuetext", "geen doel")
    checks.state("teamoverzicht met drie zelfscans")

    page.get_by_role("tab", name="Mijn scan").click()
    page.locator(".wk-naam input").fill("Dewi")
    page.locator(".wk-teamcode input").fill(code)
    page.locator(".wk-kader select").select_option(label=f"{framework.name} (7 competenties, 25 vragen)")
    page.get_by_role("radio", name="Ik geef feedback aan een collega").check()
    expect(page.locator(".wk-collega select option")).to_have_count(3)
    page.locator(".wk-collega select").select_option(label="Bram")
    checks.state("feedback over een collega: kiezen")
    page.get_by_role("button", name="Begin met de scan").click()
    expect(page.locator(".wk-voortgang")).to_contain_text("Competentie 1 van 7")
    checks.state("feedback over een collega: vragen")
    for number, competence in enumerate(framework.competences, 1):
        expect(page.locator(".wk-voortgang")).to_contain_text(f"Competentie {number} van 7")
        scales = page.locator(".wk-schaal")
        for k in range(len(competence.indicators)):
            scales.nth(k).get_by_role("radio", name="vaak", exact=True).click()
        if number < len(framework.competences):
            page.get_by_role("button", name="Volgende").click()
    expect(page.locator(".wk-voortgang")).to_contain_text("25 van 25 vragen beantwoord")
    page.get_by_role("button", name="Inleveren").click()
    expect(page.locator(".wk-scan-melding .wk-bericht")).to_contain_text("Je feedback over Bram is bewaard")
    checks.state("feedback over een collega: ingeleverd")
    checks.done()


# ---------------------------------------------------------------- screens added later (two widths each)
def _score(page, casus, levels, ladder):
    """Click a level for every domain (``levels``: domain id -> level or None) and the ladder, then hand in."""
    for domain in casus.version().domains:
        expect(page.locator(".wk-kaart h3").first).to_have_text(domain.name)
        level = levels.get(domain.id)
        label = "niet besproken" if level is None else str(level)
        page.locator(".wk-niveau").get_by_role("radio", name=label, exact=True).click()
        done = f"✓ {domain.name}: {'n.b.' if level is None else level}"
        expect(page.locator(".wk-nav-knop", has_text=done)).to_be_visible()
        page.get_by_role("button", name="Volgende").click()
    page.locator(".wk-ladder").get_by_role("radio", name=str(ladder), exact=True).click()
    page.get_by_role("button", name="Inleveren").click()


def test_zrm_calibration_and_evaluation(page, server):
    casus = load_casus(ROOT / "casuses" / "administratie-taal.yaml")  # a casus with a later moment (T1)
    checks = _open(page, server, "zrm_oefening", ".wk-casus-keuze select")
    page.get_by_role("button", name="Mijn kalibratie").click()
    page.locator(".wk-kalibratie-naam input").fill("Kim")
    page.locator(".wk-kalibratie-nieuw").click()
    expect(page.locator(".wk-kalibratie")).to_contain_text("nog geen casus", timeout=60_000)
    checks.state("mijn kalibratie, leeg")

    page.locator(".wk-casus-keuze select").select_option(label=casus.titel)
    page.locator(".wk-moment").get_by_text("Evaluatie (T1)").click()
    page.get_by_role("button", name="Begin met scoren").click()
    expect(page.locator(".wk-t1")).to_contain_text("Wat er gebeurde")
    checks.state("evaluatie: T1 lezen en scoren")
    t1 = casus.t1_assessment()
    _score(page, casus, t1.levels(), t1.ladder)
    expect(page.locator(".wk-evaluatievragen h3")).to_have_text("De evaluatievragen", timeout=60_000)
    page.locator(".wk-evaluatie-zelfredzaamheid").get_by_text("gestegen", exact=True).click()
    page.locator(".wk-evaluatie-participatie").get_by_text("gelijk gebleven", exact=True).click()
    checks.state("evaluatievragen")
    page.get_by_role("button", name="Bekijk de evaluatie").click()
    expect(page.locator(".wk-evaluatie-uitslag")).to_contain_text("Jouw evaluatie", timeout=60_000)
    checks.state("evaluatie")

    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.locator(".wk-moment").get_by_text("Eerste contact (T0)").click()
    page.get_by_role("button", name="Begin met scoren").click()
    _score(page, casus, casus.reference_assessment().levels(), casus.participatieladder.trede)
    expect(page.locator(".wk-kalibratie")).to_contain_text("1 keer gescoord", timeout=60_000)
    checks.state("mijn kalibratie, na een casus")
    checks.done()


def test_intervisie_meedenkbijeenkomst_and_basisteam_sheet(page, server):
    checks = _open(page, server, "intervisie", ".wk-soort select")
    page.locator(".wk-soort select").select_option(label="Rollenspel SNV: Meedenkbijeenkomst · 95 min")
    page.locator(".wk-netwerk-voorstel").click()
    expect(page.locator(".wk-uitnodigingen")).to_contain_text("Voorgesteld")
    page.locator(".wk-start").click()
    expect(page.locator(".wk-basisteam")).to_be_visible()
    checks.state("meedenkbijeenkomst met afsprakenblad")
    page.locator(".wk-maak-blad").click()
    expect(page.locator(".wk-blad-links a").first).to_be_visible(timeout=60_000)
    checks.state("afsprakenblad gemaakt")
    checks.done()


def test_casus_maken_every_part(page, server, tmp_path):
    checks = _open(page, server, "casus_maken", ".wk-start-keuze select")
    checks.state("nieuwe casus")
    broken = tmp_path / "kapot.yaml"
    broken.write_text("id: kapot\ntitel: [\n", encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.locator(".wk-upload").click()
    chooser.value.set_files(str(broken))
    expect(page.locator(".wk-fout", has_text="Dit bestand kon niet geopend worden")).to_be_visible()
    checks.state("foutmelding: kapot casusbestand")
    first = load_library()[0]
    page.locator(".wk-start-keuze select").select_option(label=f"Kopie van: {first.titel}")
    page.locator(".wk-openen").click()
    expect(page.locator(".wk-bericht", has_text="Een kopie van")).to_be_visible()  # every part filled in
    tabs = page.locator(".wk-casus-tabs > .lm-TabBar .lm-TabBar-tab")
    for index in range(1, tabs.count()):
        tabs.nth(index).click()
        expect(tabs.nth(index)).to_have_attribute("aria-selected", "true")
        checks.state(f"deel {tabs.nth(index).inner_text()}")
    checks.done()


def test_excluded_axe_rules_are_explained():
    assert all(len(reason) > 40 for reason in AXE_EXCLUDED.values())
