"""A real JupyterHub with deploy/jupyterhub/jupyterhub_config.py: log in, open the ZRM app through the hub.

The hub runs on free localhost ports in a temporary folder, with configurable-http-proxy (npm, installed by
.ci/run into .venv) and the shared-password login. A user logs in with headless Chromium, the hub starts their
server, Voila renders the ZRM app in it, and a second notebook's kernel writes to the store: that row must be
in the PostgreSQL schema the hub passed on as ``WIJKTEAM_DATABASE_URL``.

Outside .ci/run the test is skipped when jupyterhub or configurable-http-proxy is missing; with
``WIJKTEAM_TEST_HUB_VERPLICHT=1`` (set by .ci/run) it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from wijkteam_kit.app.serve import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PASSWORD = "oefendag-2024"  # the shared password of a (fictional) training day
USER = "kim"

CHECK_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "opslag",
            "metadata": {},
            "outputs": [],
            "source": [
                "import os\n",
                "from wijkteam_kit.store import Store\n",
                "store = Store()\n",
                "person = store.add_participant('Hub ' + os.environ['JUPYTERHUB_USER'])\n",
                "print('Opgeslagen in', store.label, 'als', person.id)",
            ],
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _needed() -> tuple[str, str]:
    """The jupyterhub command and configurable-http-proxy, or a skip (a failure in .ci/run)."""
    bin_dir = Path(sys.executable).parent
    hub = bin_dir / "jupyterhub"
    proxy = bin_dir / "configurable-http-proxy"
    found_proxy = str(proxy) if proxy.exists() else shutil.which("configurable-http-proxy")
    missing = []
    if not hub.exists() or not (bin_dir / "jupyterhub-singleuser").exists():
        missing.append('jupyterhub (pip install -e ".[hub]")')
    if not found_proxy:
        missing.append("configurable-http-proxy (npm install configurable-http-proxy, zie .ci/run)")
    if missing:
        reason = "JupyterHub-test overgeslagen, niet geïnstalleerd: " + "; ".join(missing)
        if os.environ.get("WIJKTEAM_TEST_HUB_VERPLICHT") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return str(hub), str(found_proxy)


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"JupyterHub stopte (code {process.returncode}):\n{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=3) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterHub antwoordde niet op {url}:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture()
def hub(tmp_path: Path, postgres_url: str):
    hub_command, proxy = _needed()
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.copy(ROOT / "apps" / "zrm_oefening.ipynb", apps)
    (apps / "opslagcheck.ipynb").write_text(json.dumps(CHECK_NOTEBOOK), encoding="utf-8")
    port, hub_port, api_port = free_port(), free_port(), free_port()
    test_config = tmp_path / "test_config.py"
    test_config.write_text(
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(CONFIG)!r})  # noqa: F821 - the deployment's own file, then only what a test needs\n"
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{hub_port}'\n"
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'\n"
        f"c.ConfigurableHTTPProxy.command = [{proxy!r}]\n"
        # jupyter-server refuses to run as root without this (CI runs as root; a real hub never should)
        + ("c.Spawner.args = [*c.Spawner.args, '--allow-root']\n" if os.geteuid() == 0 else ""),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "WIJKTEAM_HUB_MAP": str(tmp_path / "hub"),
        "WIJKTEAM_HUB_APPS": str(apps),
        "WIJKTEAM_HUB_START": "",
        "WIJKTEAM_HUB_ADRES": f"http://127.0.0.1:{port}",
        "WIJKTEAM_HUB_LOGIN": "gedeeld",
        "WIJKTEAM_HUB_WACHTWOORD": PASSWORD,
        "WIJKTEAM_HUB_BEHEERDERS": "",
        "WIJKTEAM_DATABASE_URL": postgres_url,
        "WIJKTEAM_DATA": str(tmp_path / "niet-gebruikt"),
    }
    log = tmp_path / "jupyterhub.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [hub_command, "-f", str(test_config)],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    try:
        _wait_for(f"http://127.0.0.1:{port}/hub/health", process, log)
        yield f"http://127.0.0.1:{port}/", log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # the hub stops the user servers (cleanup_servers)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_zrm_app_through_jupyterhub_with_postgresql(hub, page, postgres_url: str):
    from playwright.sync_api import expect

    url, log = hub
    page.goto(url + "hub/login")
    page.fill("#username_input", USER)
    page.fill("#password_input", "verkeerd-wachtwoord")
    page.click("#login_submit")
    expect(page.locator("#password_input")).to_be_visible()  # still on the login page
    assert "/user/" not in page.url
    page.fill("#username_input", USER)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    # the hub starts the user server and sends the user to the default URL: Voila's list of apps
    page.wait_for_url(f"**/user/{USER}/voila/tree**", timeout=120_000)
    expect(page.get_by_text("zrm_oefening.ipynb")).to_be_visible(timeout=60_000)

    page.goto(url + f"user/{USER}/voila/render/zrm_oefening.ipynb")
    expect(page.get_by_role("heading", name="ZRM-oefening")).to_be_visible(timeout=120_000)
    casus = page.locator(".wk-casus-keuze select")
    expect(casus).to_be_visible()
    assert casus.locator("option").count() >= 5  # the casus library (twelve casuses) reached the kernel
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0

    page.goto(url + f"user/{USER}/voila/render/opslagcheck.ipynb")
    output = page.get_by_text("Opgeslagen in")
    expect(output).to_be_visible(timeout=120_000)
    shown = output.inner_text()
    assert "postgresql" in shown and "127.0.0.1" in shown and ":wijkteam@" not in shown, shown

    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, weergavenaam FROM deelnemers")).all()
    finally:
        engine.dispose()
    assert [name for _, name in rows] == [f"Hub {USER}"], log.read_text(errors="replace")[-3000:]
    assert rows[0][0] in shown
    hub_log = log.read_text(errors="replace")
    assert "GET /hub/api/users" in hub_log and "(idle-culler@127.0.0.1)" in hub_log  # the culler service runs
