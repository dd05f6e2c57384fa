"""The main task of five more apps with the keyboard only, in Chromium: key presses counted, focus never lost.

After the page is open, every test uses only Tab, Shift+Tab, the arrow keys, Enter, Space and typing (no mouse,
no ``element.focus()``), counts the key presses against an upper bound and reads the result as a user sees it.
After every action that replaces what is on screen (a new step, a new moment, a joined session, a rebuilt
form) the focus must land on what comes next, never on the page itself (``<body>``): the apps mark that place
with ``wk-focusdoel`` / ``wk-focus-nu`` (the Voila template's ``toegankelijk.js``). The counts are in
docs/toegankelijkheid.md.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from wijkteam_kit.casus import load_casus
from wijkteam_kit.groepssessie import Groepssessies
from wijkteam_kit.scenario import load_scenario
from wijkteam_kit.store import Store

from .conftest import ROOT
from .test_browser_toegankelijk import Keys as _Keys
from .test_browser_toegankelijk import _focus_in, _open

pytestmark = pytest.mark.browser

ACTIVE = (
    "(() => { const e = document.activeElement; if (!e || e === document.body) return 'BODY';"
    " return e.tagName + '.' + [...e.classList].join('.') + ' ' + (e.textContent || '').trim().slice(0, 40)"
    " + ' @' + ((e.closest('[class*=wk-]') || {}).className || '').toString().slice(0, 80); })()"
)


class Keys(_Keys):
    """Key presses, counted; also backwards with Shift+Tab."""

    def back_into(self, selector: str, limit: int = 60) -> None:
        """Shift+Tab until the focused element matches ``selector``."""
        self.tab_into(selector, limit, key="Shift+Tab")

    def back_to(self, text: str, limit: int = 30) -> None:
        """Shift+Tab until the focused element's text is ``text``."""
        self.tab_to(text, limit, key="Shift+Tab")

    def focused(self) -> str:
        """The text of the focused element."""
        return self.page.evaluate("document.activeElement.textContent.trim()")


def _focus_kept(page, where: str, selector: str | None = None) -> None:
    """After an action: the focus settles on an element (inside ``selector`` if given), not on the page."""
    check = "document.activeElement && document.activeElement !== document.body"
    if selector:
        check += f" && document.activeElement.closest({selector!r}) !== null"
    try:
        page.wait_for_function(check, timeout=10_000)
    except Exception as exc:
        raise AssertionError(f"{where}: de focus staat op {page.evaluate(ACTIVE)}") from exc


def _make_and_download(page, keys: Keys, button: str, kept_in: str, limit: int = 30) -> str:
    """By keyboard: press the busy button ``button``, then download its first file; the file's text.

    While the button works and after, the focus stays inside ``kept_in`` (not on the page).
    """
    keys.tab_to(button, limit=limit)
    keys.press("Enter")
    expect(page.locator(".wk-downloads a")).to_have_count(2, timeout=60_000)
    _focus_kept(page, f"na '{button}'", kept_in)
    keys.tab_into(".wk-downloads a")
    with page.expect_download() as download:
        keys.press("Enter")
    return download.value.path().read_text(encoding="utf-8")


def _on_choice(page, selector: str, where: str) -> None:
    """The focus is on an option of the choice group ``selector`` (as ``_focus_in``, saying where it is if not)."""
    try:
        _focus_in(page, selector)
    except Exception as exc:
        raise AssertionError(f"{where}: de focus staat op {page.evaluate(ACTIVE)}") from exc


def _type_lines(keys: Keys, *lines: str) -> None:
    """Type lines into the focused text area (Enter between them)."""
    for number, line in enumerate(lines):
        if number:
            keys.press("Enter")
        keys.type(line)


# ---------------------------------------------------------------- intervisie: a meeting to its report
MAX_KEYS_INTERVISIE = 110


def test_intervisie_meeting_to_report_by_keyboard(page, server, tmp_path):
    _open(page, server, "intervisie", ".wk-soort select")  # the Roddelmethode (5 steps) is chosen already
    keys = Keys(page)
    keys.tab_into(".wk-deelnemers textarea")
    _type_lines(keys, "Kim", "Ali", "Bo")
    expect(page.locator(".wk-rol-tijdbewaker select option")).to_have_count(4)  # the names are in the lists
    for role, name in (("inbrenger", "Kim"), ("gespreksleider", "Ali"), ("tijdbewaker", "Bo")):
        keys.tab_into(f".wk-rol-{role} select")
        keys.choose(name)
    keys.tab_into(".wk-leervraag textarea")
    keys.type("Hoe zeg ik nee?")
    keys.tab_to("Start de bijeenkomst")
    keys.press("Enter")
    expect(page.locator(".wk-stap-titel")).to_contain_text("Stap 1 van 5")
    _focus_kept(page, "na 'Start de bijeenkomst'", ".wk-stap-titel")
    keys.tab_into(".wk-observatie textarea")
    keys.type("Kim vertelt rustig.")
    keys.tab_into(".wk-afspraken textarea")
    keys.type("Ali belt Kim")
    keys.back_to("Volgende stap")
    for step in range(2, 7):
        assert keys.focused() == "Volgende stap", keys.focused()  # the button keeps the focus
        keys.press("Enter")
        if step <= 5:
            expect(page.locator(".wk-stap-titel")).to_contain_text(f"Stap {step} van 5")
    expect(page.locator(".wk-stap-titel")).to_contain_text("afgerond")
    _focus_kept(page, "na de laatste 'Volgende stap'", ".wk-maak-verslag")  # what comes next: the report
    keys.press("Enter")
    link = page.locator(".wk-verslag-links a", has_text="Markdown")
    expect(link).to_be_visible(timeout=60_000)
    _focus_kept(page, "na 'Maak verslag'", ".wk-maak-verslag")  # the busy button gets it back
    keys.tab_into(".wk-verslag-links a")
    with page.expect_download() as download:
        keys.press("Enter")
    text = download.value.path().read_text(encoding="utf-8")
    for typed in ("Hoe zeg ik nee?", "Kim vertelt rustig.", "Ali belt Kim"):
        assert typed in text, text
    print(f"Intervisie met het toetsenbord: {keys.count} toetsaanslagen")
    assert keys.count <= MAX_KEYS_INTERVISIE
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


# ---------------------------------------------------------------- bouwstenen: answer, save, startdocument
MAX_KEYS_BOUWSTENEN = 90


def test_bouwstenen_answer_and_save_by_keyboard(page, server):
    _open(page, server, "bouwstenen", ".wk-teamnaam input")
    keys = Keys(page)
    keys.tab_into(".wk-teamnaam input")
    keys.type("Team Zuid")
    keys.tab_into(".wk-vraag-opgave-wijk textarea")
    keys.type("Oude wijk")
    keys.tab_into(".wk-vraag-opgave-gedeeld_beeld [role=radio]")
    keys.press("ArrowRight", 3)  # from 1 to 4
    scale = page.locator(".wk-vraag-opgave-gedeeld_beeld")
    expect(scale.get_by_role("radio", name="4", exact=True)).to_have_attribute("aria-checked", "true")
    keys.tab_to("Volgende bouwsteen")
    keys.press("Enter")
    expect(page.locator(".wk-bouwsteen h3")).to_contain_text("Bouwsteen 2")
    _focus_kept(page, "na 'Volgende bouwsteen'", ".wk-bouwsteen")  # the new block's heading
    keys.back_into(".wk-stappen [role=radio]")  # the row of blocks, one tab stop: the arrow keys jump
    keys.press("ArrowRight")
    expect(page.locator(".wk-bouwsteen h3")).to_contain_text("Bouwsteen 3")
    _focus_kept(page, "na het kiezen van bouwsteen 3", ".wk-stappen")  # the choice keeps the focus
    keys.tab_into(".wk-vraag-vormgeving-vorm input[type=radio]")
    keys.press("Space")  # the first kind of team
    keys.tab_into(".wk-vraag-vormgeving-teamgrootte input")
    keys.type("10")
    keys.press("Enter")
    expect(page.locator(".wk-wat-valt-op")).to_contain_text("Groot team (10 leden)")
    keys.back_into(".wk-opslaan")
    keys.press("Enter")
    expect(page.locator(".wk-bericht")).to_contain_text("Opgeslagen voor Team Zuid: 4 antwoorden")
    _focus_kept(page, "na 'Opslaan'", ".wk-opslaan")
    text = _make_and_download(page, keys, "Startdocument maken", ".wk-maak-document", limit=60)
    assert text.startswith("# Startdocument Team Zuid") and "Oude wijk" in text
    print(f"Bouwstenen met het toetsenbord: {keys.count} toetsaanslagen")
    assert keys.count <= MAX_KEYS_BOUWSTENEN
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


# ---------------------------------------------------------------- scenario: a route to the debrief
MAX_KEYS_SCENARIO = 60


def test_scenario_played_to_the_debrief_by_keyboard(page, server):
    scenario = load_scenario("eerste-gesprek")  # the app's first choice: no key press to choose it
    _open(page, server, "scenario", ".wk-scenario-keuze select")
    expect(page.locator(".wk-scenario-keuze select")).to_have_value(scenario.titel)
    keys = Keys(page)
    keys.tab_to("Begin het scenario")
    keys.press("Enter")
    route = scenario.aanbevolen_route()
    for number, (moment, keuze) in enumerate(route, 1):
        expect(page.locator(".wk-moment")).to_contain_text(moment.titel)
        _focus_kept(page, f"bij moment {number}", ".wk-moment")  # not the page, nor the old buttons
        keys.tab_into(f".wk-keuze-{moment.keuzes.index(keuze) + 1}")
        keys.press("Enter")
    expect(page.locator(".wk-debrief")).to_contain_text("Debrief", timeout=60_000)
    _focus_kept(page, "bij de debrief", ".wk-debrief")
    expect(page.locator(".wk-debrief table.wk-route tbody tr")).to_have_count(len(route))
    keys.tab_into(".wk-naam input")
    keys.type("Kim")
    assert "Kim" in _make_and_download(page, keys, "Reflectie maken om te printen", ".wk-reflectie")
    print(f"Scenario met het toetsenbord: {keys.count} toetsaanslagen ({len(route)} keuzes)")
    assert keys.count <= MAX_KEYS_SCENARIO
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


# ---------------------------------------------------------------- group session: a participant joins, scores
MAX_KEYS_GROEPSSESSIE = 130
CASUS = load_casus(ROOT / "casuses" / "administratie-taal.yaml")


def test_group_session_participant_joins_scores_and_hands_in_by_keyboard(page, server):
    store = Store(server.data / "wijkteam.db")
    try:
        code = Groepssessies(store).create(CASUS.id, "zrm", titel="Toetsenbord").sessie.code
    finally:
        store.close()
    page.goto(f"{server.url}voila/render/zrm_oefening.ipynb?sessie={code}")
    expect(page.locator(".wk-sessie-code input")).to_have_value(code, timeout=120_000)
    keys = Keys(page)
    keys.tab_into(".wk-sessie-naam input")
    keys.type("Kim")
    keys.tab_to("Meedoen")
    keys.press("Enter")
    expect(page.locator(".wk-sessie-banner")).to_contain_text("Je doet mee aan sessie", timeout=60_000)
    version = CASUS.version()
    for domain in version.domains:
        expect(page.locator(".wk-kaart h3").last).to_have_text(domain.name, timeout=60_000)
        _on_choice(page, ".wk-niveau", domain.name)  # after joining and after "Volgende": the level buttons
        keys.press("ArrowRight", 2)  # 3
        expect(page.locator(".wk-nav-knop", has_text=f"✓ {domain.name}: 3")).to_be_visible()
        keys.tab_to("Volgende")
        keys.press("Enter")
    _on_choice(page, ".wk-ladder", "ladder")  # "Volgende" is disabled now: the focus went on
    keys.press("ArrowRight", 2)
    expect(page.locator(".wk-voortgang")).to_contain_text("trede gekozen")
    keys.tab_to("Inleveren")
    keys.press("Enter")
    expect(page.locator(".wk-sessie-status")).to_contain_text("Ingeleverd om", timeout=60_000)
    page.wait_for_function("document.activeElement.querySelector('.wk-uitslag') !== null")  # focus: the result
    print(f"Groepssessie (deelnemer, ZRM) met het toetsenbord: {keys.count} toetsaanslagen")
    assert keys.count <= MAX_KEYS_GROEPSSESSIE
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


# ---------------------------------------------------------------- casus maken: a minimal casus, saved
MAX_KEYS_CASUS = 260


def _next_tab(keys: Keys, page, title: str) -> None:
    """Back to the row of section tabs, on to the tab ``title`` with the arrow keys, Enter."""
    keys.back_into(".wk-casus-tabs > .lm-TabBar .lm-TabBar-tab")
    for _ in range(12):
        if page.evaluate("document.activeElement.textContent").startswith(title):
            break
        keys.press("ArrowRight")
    keys.press("Enter")
    expect(page.get_by_role("tab", name=re.compile(f"^{re.escape(title)}"))).to_have_attribute(
        "aria-selected", "true"
    )


def test_casus_maken_minimal_casus_saved_by_keyboard(page, server):
    _open(page, server, "casus_maken", ".wk-start-keuze select")
    keys = Keys(page)
    for field, text in (
        (".wk-veld-titel input", "Ria"),
        (".wk-veld-samenvatting textarea", "Kort."),
        (".wk-veld-aanmelding-bron input", "Ria"),
        (".wk-veld-aanmelding-route textarea", "Belt."),
        (".wk-veld-verhaal textarea", "Een."),
    ):
        keys.tab_into(field)
        keys.type(text)
    keys.press("Enter", 2)  # a second paragraph
    keys.type("Twee.")
    _next_tab(keys, page, "Huishouden")
    keys.tab_to("Lid toevoegen")
    keys.press("Enter")
    _focus_kept(page, "na 'Lid toevoegen'", ".wk-veld-huishouden-0-naam")
    keys.type("Ria")
    _next_tab(keys, page, "Krachten")
    keys.tab_into(".wk-veld-krachten textarea")
    keys.type("Sterk")
    _next_tab(keys, page, "ZRM")
    for domain in CASUS.version().domains:
        keys.tab_into(f".wk-veld-zrm-scores-{domain.id}-niveau select")
        keys.type("n")  # niet besproken (nvt)
        keys.press("Tab")
        keys.type("x")
    _next_tab(keys, page, "Ladder")
    keys.tab_into(".wk-veld-participatieladder-trede select")
    keys.type("2")
    keys.press("Tab")
    keys.type("x")
    _next_tab(keys, page, "Leervragen")
    keys.tab_into(".wk-veld-leervragen textarea")
    keys.type("Wat wil Ria?")
    keys.tab_into(".wk-veld-dilemmas textarea")
    keys.type("Tempo?")
    expect(page.locator(".wk-casus-status")).to_contain_text("De casus is in orde", timeout=30_000)
    keys.tab_to("Opslaan in mijn casussen")
    keys.press("Enter")
    expect(page.locator(".wk-melding, .wk-bericht").first).to_contain_text("Opgeslagen als", timeout=30_000)
    keys.tab_into(".wk-casus-download a")
    with page.expect_download() as download:
        keys.press("Enter")
    saved = download.value.path().read_text(encoding="utf-8")
    assert "titel: Ria" in saved and "Tempo?" in saved
    print(f"Casus maken met het toetsenbord: {keys.count} toetsaanslagen")
    assert keys.count <= MAX_KEYS_CASUS
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
