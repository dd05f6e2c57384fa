"""Load: eight participants join one ZRM session in their own browser pages and hand in at the same moment.

The pages are driven side by side (every step is started on all pages before any page is waited for), so
the eight kernels join, score and submit concurrently against one store. The store must then hold exactly
eight deelnames and eight submissions, one per participant, each with that participant's own scores; a
participant who changes a score and hands in again still has one submission, with the new value.
(30 pages: ``benchmarks/sessie_last.py``; 30 processes on the same code path: tests/test_groepssessie_last.py.)
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from wijkteam_kit.casus import load_casus
from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.store import Store

from .conftest import ROOT

pytestmark = pytest.mark.browser

N = 8
CASUS = load_casus(ROOT / "casuses" / "administratie-taal.yaml")
DOMAINS = [d.name for d in CASUS.version().domains]
DOMAIN_IDS = list(CASUS.version().domain_ids)
FIRST = 120_000  # ms: the first widget of a freshly started kernel, with other tests running
STEP = 60_000  # ms: one step (a click answered by the kernel) while eight kernels work at once


def new_pages(browser, n: int) -> tuple[list, list]:
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(n)]
    pages = [c.new_page() for c in contexts]
    for pg in pages:
        pg.set_default_timeout(FIRST)
    return contexts, pages


def open_app(pages, url: str, code: str) -> None:
    """Open the participant app on every page at once and wait until each can join."""
    for pg in pages:
        pg.goto(f"{url}voila/render/zrm_oefening.ipynb?sessie={code}", wait_until="commit")
    for pg in pages:
        expect(pg.locator(".wk-sessie-code input")).to_have_value(code, timeout=FIRST)
        expect(pg.locator(".wk-sessie-meedoen")).to_be_enabled(timeout=FIRST)


def join(pages, names: list[str]) -> list[str]:
    """Every page joins under its name (all clicks first); returns the herstelcodes shown."""
    for pg, name in zip(pages, names, strict=True):
        pg.locator(".wk-sessie-naam input").fill(name)
        pg.locator(".wk-sessie-meedoen").click()
    codes = []
    for pg, name in zip(pages, names, strict=True):
        expect(pg.locator(".wk-sessie-banner")).to_contain_text(f"als {name}", timeout=STEP)
        codes.append(pg.locator(".wk-sessie-herstelcode .wk-code").inner_text().strip())
    return codes


def score(pages, levels: list[int], ladders: list[int] | None, domains: list[str] = DOMAINS) -> None:
    """Score ``domains`` (in order, from the one shown) on every page side by side, then the ladder."""
    for i, domain in enumerate(domains):
        for pg in pages:
            expect(pg.locator(".wk-kaart h3").last).to_have_text(domain, timeout=STEP)
            # The previous domain's choice must be cleared first: clicking a level button that still shows
            # as chosen sends no change (a person would simply click again).
            expect(pg.locator(".wk-niveau .mod-active")).to_have_count(0, timeout=STEP)
        for pg, level in zip(pages, levels, strict=True):
            pg.locator(".wk-niveau").get_by_role("radio", name=str(level), exact=True).click()
        for pg, level in zip(pages, levels, strict=True):
            expect(pg.locator(".wk-nav-knop", has_text=f"✓ {domain}: {level}")).to_be_visible(timeout=STEP)
        if i < len(domains) - 1 or ladders is not None:
            for pg in pages:
                pg.get_by_role("button", name="Volgende").click()
    if ladders is None:
        return
    for pg, ladder in zip(pages, ladders, strict=True):
        pg.locator(".wk-ladder").get_by_role("radio", name=str(ladder), exact=True).click()
    n = len(DOMAINS)
    for pg in pages:
        expect(pg.locator(".wk-voortgang")).to_contain_text(f"{n} van {n}", timeout=STEP)
        expect(pg.locator(".wk-voortgang")).to_contain_text("trede gekozen", timeout=STEP)


def hand_in(pages) -> None:
    """Click "Inleveren" on every page (within a fraction of a second), then wait for each confirmation."""
    for pg in pages:
        pg.locator(".wk-inleveren").click()
    for pg in pages:
        expect(pg.locator(".wk-sessie-status")).to_contain_text("Ingeleverd om", timeout=STEP)
        expect(pg.locator(".wk-aantal-verschillen")).to_be_visible(
            timeout=STEP
        )  # the result: submit has committed


def session_rows(db: Path, code: str) -> tuple[list[tuple], list[tuple]]:
    """(deelnames, submissions) of session ``code`` read straight from the SQLite file.

    deelnames: (deelnemer_id, weergavenaam, inzending_id, ingeleverd);
    submissions: (id, deelnemer_id, payload as dict).
    """
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        deelnames = con.execute(
            "SELECT deelnemer_id, weergavenaam, inzending_id, ingeleverd FROM sessie_deelnames WHERE sessie = ?",
            (code,),
        ).fetchall()
        rows = con.execute(
            "SELECT id, deelnemer_id, payload FROM inzendingen WHERE sessie = ?", (code,)
        ).fetchall()
    finally:
        con.close()
    return deelnames, [(i, d, json.loads(p)) for i, d, p in rows]


def payload_by_name(deelnames, submissions) -> dict[str, tuple[str, dict]]:
    """Weergavenaam -> (submission id, payload), following each deelname's own inzending_id."""
    by_id = {s[0]: s for s in submissions}
    found = {}
    for deelnemer, naam, inzending_id, _ in deelnames:
        if inzending_id is not None:
            sub = by_id[inzending_id]
            assert sub[1] == deelnemer  # the deelname points at a submission of that same participant
            found[naam] = (sub[0], sub[2])
    return found


def levels_of(payload: dict) -> list:
    return [payload["scores"][d]["niveau"] for d in DOMAIN_IDS]


def test_eight_pages_join_and_hand_in_at_the_same_moment(browser, server):
    db = server.data / "wijkteam.db"
    with Store(db) as store:
        nieuw = Groepssessies(store).create(CASUS.id, "zrm", titel="Last")
    code = nieuw.sessie.code
    names = [f"Deelnemer {i + 1}" for i in range(N)]
    levels = [1 + i % 5 for i in range(N)]  # 1 2 3 4 5 1 2 3
    ladders = [1 + i % 6 for i in range(N)]  # 1 2 3 4 5 6 1 2
    contexts, pages = new_pages(browser, N)
    try:
        open_app(pages, server.url, code)
        herstelcodes = join(pages, names)
        assert all(len(c) == 6 and c.isdigit() for c in herstelcodes)
        score(pages, levels, ladders)
        hand_in(pages)

        deelnames, submissions = session_rows(db, code)
        assert len(deelnames) == N
        assert sorted(d[1] for d in deelnames) == sorted(names)
        assert len({d[0] for d in deelnames}) == N
        assert all(d[3] is not None for d in deelnames)  # every deelname is marked as handed in
        assert len(submissions) == N
        assert sorted(s[1] for s in submissions) == sorted(d[0] for d in deelnames)  # one each, no duplicate
        payloads = payload_by_name(deelnames, submissions)
        for name, level, ladder in zip(names, levels, ladders, strict=True):
            _, payload = payloads[name]
            assert payload["beoordelaar"] == name
            assert payload["casus"] == CASUS.id
            assert levels_of(payload) == [level] * len(DOMAIN_IDS)
            assert payload["ladder"] == ladder
        with Store(db) as store:
            trainer = Groepssessies(store).as_trainer(code, nieuw.geheim, client=Client("test-last"))
            assert len(trainer.deelnames()) == N
            assert sorted(d.weergavenaam for d, _ in trainer.answers()) == sorted(names)

        # The first participant changes one score and hands in again: still one submission, the new value.
        first = pages[0]
        old_id = payloads[names[0]][0]
        first.locator(".wk-aanpassen").click()
        first.locator(".wk-nav-knop", has_text=DOMAINS[0]).click()
        expect(first.locator(".wk-kaart h3").last).to_have_text(DOMAINS[0], timeout=STEP)
        first.locator(".wk-niveau").get_by_role("radio", name="4", exact=True).click()
        expect(first.locator(".wk-nav-knop", has_text=f"✓ {DOMAINS[0]}: 4")).to_be_visible(timeout=STEP)
        hand_in([first])

        deelnames, submissions = session_rows(db, code)
        assert len(deelnames) == N and len(submissions) == N
        assert len({s[1] for s in submissions}) == N
        sub_id, payload = payload_by_name(deelnames, submissions)[names[0]]
        assert sub_id == old_id  # the earlier answer was replaced, not added to
        assert levels_of(payload) == [4] + [1] * (len(DOMAIN_IDS) - 1)
        assert payload["ladder"] == 1
        _, other = payload_by_name(deelnames, submissions)[names[1]]
        assert levels_of(other) == [2] * len(DOMAIN_IDS)  # the others are untouched
    finally:
        for c in contexts:
            c.close()
