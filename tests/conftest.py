"""Shared fixtures: paths, a real `wijkteam-kit serve` process, and headless Debian Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from wijkteam_kit.app.serve import free_port, wait_until_serving

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
        self,
        apps_dir: Path | None = None,
        log_path: Path | None = None,
        env: dict | None = None,
        args: list[str] | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        script = Path(sys.executable).with_name("wijkteam-kit")  # the installed console script
        launcher = [str(script)] if script.exists() else [sys.executable, "-m", "wijkteam_kit.app.cli"]
        command = [*launcher, "serve", "--port", str(self.port), "--no-browser"]
        if apps_dir is not None:
            command += ["--apps", str(apps_dir)]
        command += args or []
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
    srv.data = data  # the apps' store is data / "wijkteam.db"
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


# ---- databases: every store/session test runs on SQLite and, when a server is there, on PostgreSQL ----------

PG_ENV = "WIJKTEAM_TEST_POSTGRES"  # e.g. postgresql+psycopg://wijkteam:wijkteam@127.0.0.1:5432/wijkteam
PG_REQUIRED_ENV = "WIJKTEAM_TEST_POSTGRES_VERPLICHT"  # "1" in .ci/run: a missing server fails, not skips


def postgres_schema_url(base: str, schema: str) -> str:
    """The URL of ``base`` with its search path set to ``schema`` (one empty schema per test)."""
    from sqlalchemy.engine import make_url

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture()
def postgres_url():
    """A URL to a fresh, empty schema on the PostgreSQL server in ``$WIJKTEAM_TEST_POSTGRES``; dropped after."""
    import secrets

    from sqlalchemy import create_engine, text

    base = os.environ.get(PG_ENV, "")
    if not base:
        if os.environ.get(PG_REQUIRED_ENV) == "1":
            pytest.fail(f"{PG_ENV} is not set, but {PG_REQUIRED_ENV}=1: PostgreSQL tests must run")
        pytest.skip(f"zet {PG_ENV}=postgresql+psycopg://… om ook tegen PostgreSQL te testen")
    schema = f"wijkteam_test_{secrets.token_hex(5)}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield postgres_schema_url(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A database URL for one test: an SQLite file, or a fresh PostgreSQL schema (see `postgres_url`)."""
    if request.param == "sqlite":
        return str(tmp_path / "wijkteam.db")
    return request.getfixturevalue("postgres_url")
