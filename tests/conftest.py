"""Shared fixtures: paths, a real `wijkteam-kit serve` process, and headless Debian Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from wijkteam_kit.serve import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


class Server:
    """A `wijkteam-kit serve` process in its own process group."""

    def __init__(
        self, apps_dir: Path | None = None, log_path: Path | None = None, env: dict | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        script = Path(sys.executable).with_name("wijkteam-kit")  # the installed console script
        launcher = [str(script)] if script.exists() else [sys.executable, "-m", "wijkteam_kit.cli"]
        command = [*launcher, "serve", "--port", str(self.port), "--no-browser"]
        if apps_dir is not None:
            command += ["--apps", str(apps_dir)]
        self.log_path = log_path or Path(os.environ.get("TMPDIR", "/tmp")) / f"wijkteam-serve-{self.port}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        wait_until_serving(self.url + "voila/api/contents")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        return self.process.returncode

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("wijkteam-data")  # never the user's real data folder or database
    srv = Server(env={"WIJKTEAM_DATA": str(data), "WIJKTEAM_DATABASE_URL": ""})
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()
