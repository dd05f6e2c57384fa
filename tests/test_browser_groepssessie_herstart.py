"""Fault: the server is killed (SIGKILL) in the middle of a group session and started again.

Three participants joined, two handed in, the third is still scoring when the whole server process group is
killed. A new server on the same data folder must still have both answers and all three deelnames; a
participant who opens the app again rejoins with name + herstelcode, is told they already handed in, gets
their scores back and can hand in again without a second submission. No process may be left behind.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from wijkteam_kit.groepssessie import Groepssessies
from wijkteam_kit.store import Store

from .conftest import Server
from .test_browser_groepssessie_last import (
    CASUS,
    DOMAINS,
    STEP,
    hand_in,
    join,
    levels_of,
    new_pages,
    open_app,
    payload_by_name,
    score,
    session_rows,
)

pytestmark = pytest.mark.browser


def process_tree(pid: int) -> list[int]:
    """Every live process below ``pid`` (kernels run in their own session, so not in the server's group)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pids: list[int], timeout: float = 30) -> list[int]:
    """Wait until every pid has exited; returns those still running after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    return [p for p in pids if alive(p)]


def kill(pids: list[int]) -> None:
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_server_killed_mid_session_keeps_every_answer(browser, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    env = {"WIJKTEAM_DATA": str(data), "WIJKTEAM_DATABASE_URL": ""}
    db = data / "wijkteam.db"
    with Store(db) as store:
        nieuw = Groepssessies(store).create(CASUS.id, "zrm", titel="Herstart")
    code = nieuw.sessie.code
    names = ["Anouk", "Bas", "Chris"]
    servers: list[Server] = []
    left: list[int] = []
    leftovers: list[int] = []
    contexts, pages = new_pages(browser, 3)
    try:
        first = Server(env=env, log_path=tmp_path / "server-1.log")
        servers.append(first)
        open_app(pages, first.url, code)
        herstelcodes = join(pages, names)
        score(pages[:2], [2, 4], [3, 5])
        hand_in(pages[:2])
        score(pages[2:], [3], None, DOMAINS[:3])  # Chris is still scoring
        expect(pages[2].locator(".wk-voortgang")).to_contain_text(f"3 van {len(DOMAINS)}", timeout=STEP)
        deelnames, submissions = session_rows(db, code)
        assert (len(deelnames), len(submissions)) == (3, 2)
        before = payload_by_name(deelnames, submissions)

        kernels = process_tree(first.process.pid)
        assert len(kernels) >= 3  # one kernel per open page
        assert first.stop(signal.SIGKILL) == -signal.SIGKILL
        left = wait_gone(kernels)  # orphaned kernels notice their parent is gone and exit
        assert left == [], f"kernels still running after the server was killed: {left}"
        for c in contexts:
            c.close()
        contexts = []

        # Every handed-in answer and every deelname survived the kill.
        deelnames, submissions = session_rows(db, code)
        assert sorted(d[1] for d in deelnames) == sorted(names)
        assert len(submissions) == 2
        assert payload_by_name(deelnames, submissions) == before
        assert levels_of(before["Anouk"][1]) == [2] * len(DOMAINS)
        assert levels_of(before["Bas"][1]) == [4] * len(DOMAINS)
        assert (before["Anouk"][1]["ladder"], before["Bas"][1]["ladder"]) == (3, 5)
        assert "Chris" not in before

        second = Server(env=env, log_path=tmp_path / "server-2.log")
        servers.append(second)
        contexts, (again,) = new_pages(browser, 1)
        open_app([again], second.url, code)
        again.locator(".wk-sessie-naam input").fill("Anouk")
        again.locator(".wk-sessie-meedoen").click()
        expect(again.locator(".wk-sessie-melding")).to_contain_text("herstelcode", timeout=STEP)
        herstel = again.locator(".wk-sessie-herstel input")
        expect(herstel).to_be_visible(timeout=STEP)
        herstel.fill(herstelcodes[0])
        again.locator(".wk-sessie-meedoen").click()
        expect(again.locator(".wk-sessie-banner")).to_contain_text("als Anouk", timeout=STEP)
        expect(again.locator(".wk-sessie-status")).to_contain_text("Je hebt eerder ingeleverd", timeout=STEP)
        back = again.locator(".wk-nav-knop", has_text=f"✓ {DOMAINS[0]}: 2")
        expect(back).to_be_visible(timeout=STEP)  # the earlier scores are back
        expect(again.locator(".wk-kaart h3").last).to_have_text(DOMAINS[0], timeout=STEP)
        again.locator(".wk-niveau").get_by_role("radio", name="5", exact=True).click()
        expect(again.locator(".wk-nav-knop", has_text=f"✓ {DOMAINS[0]}: 5")).to_be_visible(timeout=STEP)
        hand_in([again])

        deelnames, submissions = session_rows(db, code)
        assert len(deelnames) == 3 and len(submissions) == 2
        after = payload_by_name(deelnames, submissions)
        assert after["Anouk"][0] == before["Anouk"][0]  # replaced, no duplicate
        assert levels_of(after["Anouk"][1]) == [5] + [2] * (len(DOMAINS) - 1)
        assert after["Anouk"][1]["ladder"] == 3
        assert after["Bas"] == before["Bas"]
    finally:
        for c in contexts:
            c.close()
        for srv in servers:
            tree = process_tree(srv.process.pid) if srv.process.poll() is None else []
            srv.stop()  # SIGTERM: Voila shuts its kernels down
            leftovers += wait_gone(tree, timeout=20)
        kill(left + leftovers)
    assert all(srv.process.poll() is not None for srv in servers)
    assert leftovers == [], f"processes still running after the server stopped: {leftovers}"
