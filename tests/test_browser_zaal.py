"""The training room in a real browser: no leaked kernels, a warm room, a ceiling, offline pages, a quiet terminal.

Each test starts its own ``wijkteam-kit serve`` (the room's state is per server) with a known room key, so the
test can read the server's count of open apps at ``/wijkteam/api/zaal``.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, Server

pytestmark = pytest.mark.browser

KEY = "test-zaalsleutel-1234567890"
APPS = sorted(p.name for p in (Path(__file__).resolve().parent.parent / "apps").glob("*.ipynb"))


def start(tmp_path: Path, *args: str, **env: str) -> Server:
    data = tmp_path / "data"
    return Server(
        env={"WIJKTEAM_DATA": str(data), "WIJKTEAM_DATABASE_URL": "", "WIJKTEAM_ZAAL_SLEUTEL": KEY, **env},
        args=list(args),
    )


def status(server: Server, key: str = KEY) -> dict:
    request = urllib.request.Request(server.url + "wijkteam/api/zaal", headers={"X-Wijkteam-Sleutel": key})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"niet binnen {timeout:.0f} s: {what}")


def open_app(page, server: Server, app: str, query: str = "") -> None:
    page.goto(f"{server.url}voila/render/{app}{query}")
    page.wait_for_selector(".wk-app", timeout=120_000)


def test_closed_and_reloaded_tabs_leave_no_kernels(browser, tmp_path):
    """10 pages, each reloaded 3 times, then 5 closed: the server ends with exactly 5 kernels, at once."""
    server = start(tmp_path)
    try:
        contexts = [browser.new_context(viewport={"width": 1024, "height": 700}) for _ in range(10)]
        pages = [c.new_page() for c in contexts]
        for page in pages:
            open_app(page, server, "zrm_oefening.ipynb")
        for _ in range(3):
            for page in pages:
                page.reload()
                page.wait_for_selector(".wk-app", timeout=120_000)
        wait_for(lambda: status(server)["apps_open"] == 10, 30, "10 kernels na het herladen")
        for page in pages[:5]:
            page.close(run_before_unload=True)
        started = time.monotonic()
        wait_for(lambda: status(server)["apps_open"] == 5, 20, "5 kernels na het sluiten van 5 tabbladen")
        assert time.monotonic() - started < 20
        time.sleep(3)
        assert status(server)["apps_open"] == 5  # the open pages keep their kernels
        for page in pages[5:]:
            assert page.locator(".wk-app").is_visible()
        for context in contexts:
            context.close()
    finally:
        server.stop()
    log = server.output()
    assert "403 POST /voila/api/shutdown" not in log


def test_a_kernel_whose_page_vanished_is_culled_and_open_pages_are_not(browser, tmp_path):
    """A page that disappears without a word (the browser killed) loses its kernel; an open idle page keeps it."""
    server = start(tmp_path, WIJKTEAM_CULL_IDLE_SECONDS="8", WIJKTEAM_CULL_INTERVAL_SECONDS="2")
    try:
        kept = browser.new_context().new_page()
        open_app(kept, server, "intervisie.ipynb")
        # a second Chromium that is killed, so its page never says goodbye
        gone = subprocess.Popen(
            [CHROMIUM, "--headless=new", *CHROMIUM_ARGS, f"--user-data-dir={tmp_path / 'profiel'}",
             f"{server.url}voila/render/intervisie.ipynb"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_for(lambda: status(server)["apps_open"] == 2, 90, "de tweede pagina geopend")
            time.sleep(5)  # its page connects to the kernel
        finally:
            gone.kill()
            gone.wait()
        wait_for(lambda: status(server)["apps_open"] == 1, 40, "de kernel van de verdwenen pagina opgeruimd")
        time.sleep(12)  # longer than the idle time: the open page's kernel stays
        assert status(server)["apps_open"] == 1
        assert kept.locator(".wk-app").is_visible()
    finally:
        server.stop()


def test_a_warm_room_is_ready_before_the_participants_arrive(browser, tmp_path):
    server = start(tmp_path, "--groep", "2")
    try:
        room = wait_for(
            lambda: next((r for r in status(server)["zalen"] if r["is_klaar"]), None), 90, "de zaal klaar"
        )
        assert room == {
            "app": "zrm_oefening.ipynb", "gevraagd": 4, "klaar": 4, "in_voorbereiding": 0, "genomen": 0,
            "is_klaar": True,
        }  # fmt: skip
        page = browser.new_context().new_page()
        started = time.monotonic()
        open_app(page, server, "zrm_oefening.ipynb", "?sessie=ABC234")
        # the warm kernel read the request after it arrived: the code from the address is filled in
        page.wait_for_function(
            "document.querySelector('.wk-sessie-code input').value === 'ABC-234' || "
            "document.querySelector('.wk-sessie-code input').value === 'ABC234'"
        )
        assert time.monotonic() - started < 30
        after = status(server)
        assert after["apps_open"] == 4  # the page took a warm kernel; no replacement was started
        assert after["zalen"][0]["genomen"] == 1 and after["zalen"][0]["klaar"] == 3
        with pytest.raises(urllib.error.HTTPError) as refused:
            status(server, key="verkeerd")
        assert refused.value.code == 403
        wait_for(lambda: "apps staan warm (klaar)" in server.output(), 15, "de terminal meldt de zaal klaar")
    finally:
        server.stop()


def test_beyond_the_ceiling_a_participant_gets_a_friendly_dutch_page(browser, tmp_path):
    server = start(tmp_path, "--max-apps", "1")
    try:
        first = browser.new_context().new_page()
        open_app(first, server, "bouwstenen.ipynb")
        second = browser.new_context().new_page()
        response = second.goto(server.url + "voila/render/bouwstenen.ipynb")
        assert response.status == 503
        assert "Het is even druk" in second.content()
        assert second.evaluate("document.documentElement.lang") == "nl"
        first.close(run_before_unload=True)
        wait_for(lambda: status(server)["apps_open"] == 0, 20, "plaats vrij na het sluiten")
        second.reload()
        second.wait_for_selector(".wk-app", timeout=120_000)
    finally:
        server.stop()


def test_shutdown_from_another_site_is_refused(browser, tmp_path):
    server = start(tmp_path)
    try:
        page = browser.new_context().new_page()
        open_app(page, server, "bouwstenen.ipynb")
        kernel = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        request = urllib.request.Request(
            f"{server.url}voila/api/shutdown/{kernel}", data=b"", method="POST",
            headers={"Origin": "http://andere-site.example"},
        )  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
        assert status(server)["apps_open"] == 1
    finally:
        server.stop()


def test_every_app_works_offline_in_dutch(browser, tmp_path):
    """Every other host is blocked: no app asks for anything outside the kit's server, icons still show."""
    server = start(tmp_path)
    own = urlsplit(server.url).netloc
    outside: list[str] = []
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def guard(route):
            if urlsplit(route.request.url).netloc != own and not route.request.url.startswith("data:"):
                outside.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", guard)
        for app in APPS:
            page = context.new_page()
            open_app(page, server, app)
            assert page.evaluate("document.documentElement.lang") == "nl", app
            assert page.locator("main").count() == 1, app
            icon_font = page.evaluate(
                "(() => { const i = document.querySelector('.fa'); "
                "return i ? getComputedStyle(i).fontFamily : 'geen icoon'; })()"
            )
            assert "Font Awesome" in icon_font or icon_font == "geen icoon", (app, icon_font)
            page.close(run_before_unload=True)
        html = urllib.request.urlopen(server.url + "voila/render/bouwstenen.ipynb", timeout=60).read().decode()
        assert "De app wordt geladen" in html and "cdn.jsdelivr" not in html
    finally:
        server.stop()
    assert outside == []


def test_the_terminal_shows_dutch_status_and_no_routine_warnings(browser, tmp_path):
    server = start(tmp_path)
    try:
        page = browser.new_context().new_page()
        open_app(page, server, "zrm_oefening.ipynb")
        page.reload()
        page.wait_for_selector(".wk-app", timeout=120_000)
        wait_for(lambda: 'geheugen voor de apps' in server.output(), 15, 'een statusregel')
    finally:
        server.stop()
    out = server.output()
    for routine in ("is not trusted", "without encryption", "Kernel started", "Kernel shutdown", "200 GET", "Warning"):
        assert routine not in out, routine
    assert "wijkteam-kit draait op" in out and "app open" in out and "geheugen voor de apps" in out
    log = (tmp_path / "data" / "logs" / "wijkteam-serve.log").read_text()
    assert "Kernel started" in log
    assert "without encryption" in (tmp_path / "data" / "logs" / "kernels.log").read_text()
