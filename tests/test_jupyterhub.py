"""A real JupyterHub with deploy/jupyterhub/jupyterhub_config.py: the apps, the answers service, and isolation.

One hub for the module, on free localhost ports in a temporary folder, with configurable-http-proxy (npm,
installed by .ci/run into .venv), the shared-password login, two participants (``wkt-anna``, ``wkt-bram``), a
trainer (``wkt-tess``) and the answers service. As root (as in .ci/run, which makes the accounts) every user
server runs as its own Linux account and the service as ``wijkteam-dienst``, as on a real hub.

* ``test_apps_through_the_hub``: a participant logs in with Chromium, lands on the kit's list of apps, opens the
  ZRM app, has no JupyterLab; a notebook's kernel has no database URL and saves through the service, which
  stamps the answer with the hub user in PostgreSQL.
* ``test_a_participant_cannot_read_anothers_answers``: participant A, even running code of her own with her
  server's environment and token, cannot read B's answers: not through the service API, not in her environment
  or files, not in /proc of the service or of B's server, not on the database port, not by asking B's server;
  the trainer reads the session; the apps' own path (``sessies_voor``, ``scans_voor`` in a user server's
  environment) runs a session and a scan through the service.

Outside .ci/run the module is skipped when jupyterhub or configurable-http-proxy is missing, and the isolation
test when not running as root; with ``WIJKTEAM_TEST_HUB_VERPLICHT=1`` (set by .ci/run) both fail instead.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from wijkteam_kit.app.serve import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PASSWORD = "oefendag-2024"  # the shared password of a (fictional) training day
ANNA, BRAM, TESS = "wkt-anna", "wkt-bram", "wkt-tess"
DIENST_USER = "wijkteam-dienst"
REQUIRED = os.environ.get("WIJKTEAM_TEST_HUB_VERPLICHT") == "1"
AS_ROOT = os.geteuid() == 0
ADMIN_TOKEN = secrets.token_hex(24)

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
                "from wijkteam_kit.groepssessie import antwoorden_voor\n",
                "antwoorden = antwoorden_voor()\n",
                "saved = antwoorden.bewaar('hubcheck', {'app': 'opslagcheck'})\n",
                "db = [k for k in os.environ if 'DATABASE' in k]\n",
                "print('Bewaard via', type(antwoorden).__name__, 'als', antwoorden.wie()['gebruiker'], saved, db)",
            ],
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

# What participant A tries, as her own Linux account, with her server's environment (argv: a JSON of targets).
PROBE = r"""
import json, os, sys, urllib.request, urllib.error
t = json.loads(sys.argv[1])
out = {}
from wijkteam_kit.groepssessie import GeenToegang, GroepssessieError, antwoorden_voor
mine = antwoorden_voor()
out["wie"] = mine.wie()
out["mijn"] = [a["antwoord"] for a in mine.mijn()]
for name, call in [("sessie_antwoorden", lambda: mine.sessie_antwoorden(t["sessie"])),
                   ("groepsbeeld", lambda: mine.groepsbeeld(t["sessie"])),
                   ("onthul", lambda: mine.onthul(t["sessie"]))]:
    try:
        out[name] = ["gelezen", call()]
    except GeenToegang as e:
        out[name] = ["geen toegang", str(e)]
    except GroepssessieError as e:
        out[name] = ["fout", str(e)]
out["env_db"] = sorted(k for k, v in os.environ.items() if "DATABASE" in k or "postgresql" in v or t["db_secret"] in v)
def read(path):
    try:
        with open(path, "rb") as f:
            return "gelezen: " + f.read(200).decode("latin-1")
    except OSError as e:
        return type(e).__name__
def listdir(path):
    try:
        return "gelezen: " + ",".join(os.listdir(path))
    except OSError as e:
        return type(e).__name__
out["proc_dienst"] = read(f"/proc/{t['dienst_pid']}/environ")
out["proc_bram"] = read(f"/proc/{t['bram_pid']}/environ")
out["bram_home"] = listdir(t["bram_home"])
out["hub_state"] = listdir(t["hub_state"])
out["hub_db"] = read(os.path.join(t["hub_state"], "jupyterhub.sqlite"))
out["cookie_secret"] = read(os.path.join(t["hub_state"], "jupyterhub_cookie_secret"))
if t.get("db_host"):
    import psycopg
    for password in ("", "wijkteam-fout"):
        try:
            psycopg.connect(host=t["db_host"], port=t["db_port"], user=t["db_user"], dbname=t["db_name"],
                            password=password, connect_timeout=5).close()
            out["db_" + (password or "leeg")] = "verbonden"
        except psycopg.OperationalError as e:
            out["db_" + (password or "leeg")] = "geweigerd"
token = os.environ["JUPYTERHUB_API_TOKEN"]
for name, url in [("bram_via_proxy", t["bram_proxy"]), ("bram_direct", t["bram_direct"])]:
    for label, headers in [("token_a", {"Authorization": "token " + token}), ("zonder", {})]:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
                out[f"{name}_{label}"] = r.status
        except urllib.error.HTTPError as e:
            out[f"{name}_{label}"] = e.code
        except OSError as e:
            out[f"{name}_{label}"] = type(e).__name__
print(json.dumps(out))
"""


def _needed() -> tuple[str, str]:
    """The jupyterhub command and configurable-http-proxy, or a skip (a failure in .ci/run)."""
    bin_dir = Path(sys.executable).parent
    hub = bin_dir / "jupyterhub"
    proxy = bin_dir / "configurable-http-proxy"
    found_proxy = str(proxy) if proxy.exists() else shutil.which("configurable-http-proxy")
    missing = []
    if not hub.exists():
        missing.append('jupyterhub (pip install -e ".[hub]")')
    if not found_proxy:
        missing.append("configurable-http-proxy (npm install configurable-http-proxy, zie .ci/run)")
    if missing:
        reason = "JupyterHub-test overgeslagen, niet geïnstalleerd: " + "; ".join(missing)
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    return str(hub), str(found_proxy)


def _accounts_ready() -> str | None:
    """Why the Linux accounts of the isolation test are missing, or None when they are there."""
    if not AS_ROOT:
        return "de isolatietest met eigen Linux-accounts draait alleen als root (zoals in .ci/run)"
    missing = []
    for name in (ANNA, BRAM, TESS, DIENST_USER):
        try:
            pwd.getpwnam(name)
        except KeyError:
            missing.append(name)
    return f"Linux-accounts ontbreken: {', '.join(missing)} (.ci/run maakt ze)" if missing else None


def _user_python() -> list[str]:
    """A Python the hub's users can run, with the kit and the test environment's packages on its path.

    The test environment's interpreter may sit in a folder only root can enter (pyenv under /root); then the
    system's Python of the same version runs the servers and the service with the same packages.
    """
    if not AS_ROOT:
        return [sys.executable]
    probe = [sys.executable, "-c", "pass"]
    if subprocess.run(["runuser", "-u", ANNA, "--", *probe], capture_output=True).returncode == 0:
        return [sys.executable]
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        if Path(candidate).exists():
            return [candidate]
    pytest.fail(f"Geen Python die {ANNA} kan starten: {sys.executable} niet, en geen /usr/bin/{version}")


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 90, headers=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"JupyterHub stopte (code {process.returncode}):\n{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=3) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterHub antwoordde niet op {url}:\n{log.read_text(errors='replace')[-3000:]}")


def _api(base: str, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base + "hub/api/" + path, data=data, method=method, headers={"Authorization": f"token {ADMIN_TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        raw = response.read()
    return json.loads(raw) if raw else {}


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode(errors="replace").split("=", 1) for item in raw if b"=" in item)


def _process_with(key: str, value: str) -> int:
    """The pid of the process whose environment has ``key=value`` (the oldest one: not its kernels)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if _environ(int(entry.name)).get(key) == value:
                    found.append(int(entry.name))
            except OSError:
                continue
    assert found, f"geen proces met {key}={value}"
    return min(found)


@pytest.fixture(scope="module")
def hub_db():
    """A fresh PostgreSQL schema for the hub's answers service (SQLite in the service's folder without one)."""
    base = os.environ.get("WIJKTEAM_TEST_POSTGRES", "")
    if not base:
        if os.environ.get("WIJKTEAM_TEST_POSTGRES_VERPLICHT") == "1":
            pytest.fail("WIJKTEAM_TEST_POSTGRES is not set, but PostgreSQL tests must run")
        yield None
        return
    from sqlalchemy import create_engine, text

    from tests.conftest import postgres_schema_url

    schema = f"wijkteam_hub_{secrets.token_hex(5)}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield postgres_schema_url(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="module")
def hub(hub_db):
    hub_command, proxy = _needed()
    isolated = AS_ROOT and _accounts_ready() is None
    if AS_ROOT and not isolated:  # as root the config spawns Linux accounts: they must exist
        (pytest.fail if REQUIRED else pytest.skip)(_accounts_ready())
    work = Path(tempfile.mkdtemp(prefix="wijkteam-hub-"))
    work.chmod(0o755)  # the users' servers read the apps here
    apps = work / "apps"
    apps.mkdir()
    apps.chmod(0o755)
    shutil.copy(ROOT / "apps" / "zrm_oefening.ipynb", apps)
    (apps / "opslagcheck.ipynb").write_text(json.dumps(CHECK_NOTEBOOK), encoding="utf-8")
    for f in apps.iterdir():
        f.chmod(0o644)
    port, hub_port, api_port, dienst_port = free_port(), free_port(), free_port(), free_port()
    python = _user_python()
    venv = Path(sys.prefix)
    site = sysconfig.get_paths()["purelib"]
    test_config = work / "test_config.py"
    test_config.write_text(
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(CONFIG)!r})  # noqa: F821 - the deployment's own file, then only what a test needs\n"
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{hub_port}'\n"
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'\n"
        f"c.ConfigurableHTTPProxy.command = [{proxy!r}]\n"
        # the servers and the service may run with the system's Python (see _user_python), with the kit's
        # packages and Jupyter data (Voila's templates, the server extensions) of the test environment
        f"c.Spawner.cmd = [*{python!r}, '-m', 'jupyterhub.singleuser']\n"
        f"c.JupyterHub.services[0]['command'] = [*{python!r}, '-m', 'wijkteam_kit.app.hubdienst']\n"
        f"c.Spawner.environment.update(JUPYTER_PATH={str(venv / 'share' / 'jupyter')!r},"
        f" JUPYTER_CONFIG_PATH={str(venv / 'etc' / 'jupyter')!r}, MPLCONFIGDIR='/tmp')\n"
        # a test-only admin service with a known token: start servers and read the hub's state
        "c.JupyterHub.services.append({'name': 'testbeheer', 'api_token': " + repr(ADMIN_TOKEN) + "})\n"
        "c.JupyterHub.load_roles.append({'name': 'testbeheer', 'services': ['testbeheer'],"
        " 'scopes': ['admin:users', 'admin:servers', 'read:users', 'access:servers']})\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{site}",  # kept for the servers and the service (Spawner.env_keep)
        "WIJKTEAM_HUB_MAP": str(work / "hub"),
        "WIJKTEAM_HUB_APPS": str(apps),
        "WIJKTEAM_HUB_START": "",
        "WIJKTEAM_HUB_ADRES": f"http://127.0.0.1:{port}",
        "WIJKTEAM_HUB_DIENST_ADRES": f"http://127.0.0.1:{dienst_port}",
        "WIJKTEAM_HUB_LOGIN": "gedeeld",
        "WIJKTEAM_HUB_WACHTWOORD": PASSWORD,
        "WIJKTEAM_HUB_BEHEERDERS": "",
        "WIJKTEAM_HUB_TRAINERS": TESS,
        "WIJKTEAM_DATABASE_URL": hub_db or "",
        "WIJKTEAM_DATA": str(work / "niet-gebruikt"),
    }
    log = work / "jupyterhub.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [hub_command, "-f", str(test_config)],
            cwd=work,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + "hub/health", process, log)
        _api(base, "POST", "users", {"usernames": [ANNA, BRAM, TESS]})  # start three servers, then wait
        for name in (ANNA, BRAM, TESS):
            _api(base, "POST", f"users/{name}/server")
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            ready = [
                _api(base, "GET", f"users/{n}").get("servers", {}).get("", {}).get("ready")
                for n in (ANNA, BRAM, TESS)
            ]
            if all(ready):
                break
            if process.poll() is not None:
                break
            time.sleep(0.5)
        else:
            pytest.fail("De servers startten niet:\n" + log.read_text(errors="replace")[-4000:])
        yield {
            "url": base,
            "log": log,
            "work": work,
            "db": hub_db,
            "isolated": isolated,
            "dienst": dienst_port,
        }
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # the hub stops the user servers (cleanup_servers)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        # User servers run as their own users, outside the hub's process group: a hub that had to be killed
        # leaves them (and the service) running for the rest of the test session.
        if os.geteuid() == 0:
            for user in (ANNA, BRAM, TESS, DIENST_USER):
                subprocess.run(["pkill", "-u", user], check=False)
        subprocess.run(["pkill", "-f", "python -m jupyterhub_idle_culler"], check=False)
        shutil.rmtree(work, ignore_errors=True)


def test_apps_through_the_hub(hub, page):
    from playwright.sync_api import expect

    url, log = hub["url"], hub["log"]
    page.goto(url + "hub/login")
    page.fill("#username_input", ANNA)
    page.fill("#password_input", "verkeerd-wachtwoord")
    page.click("#login_submit")
    expect(page.locator("#password_input")).to_be_visible()  # still on the login page
    assert "/user/" not in page.url
    page.fill("#username_input", ANNA)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.goto(url + f"user/{ANNA}/")  # the server's start page: the kit's list of apps
    page.wait_for_url(re.compile(f".*/user/{ANNA}/wijkteam\\??$"), timeout=120_000)
    app_link = page.locator("a.app", has_text="ZRM")
    expect(app_link).to_be_visible(timeout=60_000)
    app_link.click()
    expect(page.get_by_role("heading", name="ZRM-oefening")).to_be_visible(timeout=120_000)
    casus = page.locator(".wk-casus-keuze select")
    expect(casus).to_be_visible()
    assert casus.locator("option").count() >= 5  # the casus library (twelve casuses) reached the kernel
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0

    for closed in ("lab", "tree", "terminals/1"):  # a participant gets the apps, not a notebook server
        response = page.goto(url + f"user/{ANNA}/{closed}")
        assert response is not None and response.status == 404, (closed, response and response.status)

    page.goto(url + f"user/{ANNA}/voila/render/opslagcheck.ipynb")
    output = page.get_by_text("Bewaard via")
    expect(output).to_be_visible(timeout=120_000)
    shown = output.inner_text().strip()
    assert f"Bewaard via HubAntwoorden als {ANNA}" in shown and shown.endswith("[]"), (
        shown
    )  # no DATABASE_* env
    if hub["db"]:
        from sqlalchemy import create_engine, text

        engine = create_engine(hub["db"])
        try:
            with engine.connect() as conn:
                rows = conn.execute(
                    text(
                        "SELECT d.naam_sleutel FROM inzendingen i JOIN deelnemers d ON d.id = i.deelnemer_id "
                        "WHERE i.soort = 'hubcheck'"
                    )
                ).all()
        finally:
            engine.dispose()
        assert [r[0] for r in rows] == [f"hub:{ANNA}"], log.read_text(errors="replace")[-3000:]
    hub_log = log.read_text(errors="replace")
    assert "Antwoordendienst op" in hub_log  # the service runs


def test_a_participant_cannot_read_anothers_answers(hub):
    from wijkteam_kit.groepssessie import GeenToegang, HubAntwoorden

    if not hub["isolated"]:
        reason = _accounts_ready() or "de hub draait niet geïsoleerd"
        if REQUIRED and AS_ROOT:
            pytest.fail(reason)
        pytest.skip(reason)
    url, work = hub["url"], hub["work"]
    pids = {name: _process_with("JUPYTERHUB_USER", name) for name in (ANNA, BRAM, TESS)}
    envs = {name: _environ(pid) for name, pid in pids.items()}
    tokens = {name: env["JUPYTERHUB_API_TOKEN"] for name, env in envs.items()}
    dienst_url = envs[ANNA]["WIJKTEAM_ANTWOORDEN_URL"]
    dienst_pid = _process_with("JUPYTERHUB_SERVICE_NAME", "wijkteam-antwoorden")
    assert _process_owner(dienst_pid) == DIENST_USER and _process_owner(pids[ANNA]) == ANNA
    # the trainer opens a session, both participants hand in (each through the service with their own token)
    anna, bram, tess = (HubAntwoorden(dienst_url, tokens[n]) for n in (ANNA, BRAM, TESS))
    code = tess.nieuwe_sessie("mantelzorg-dementie", "zrm", "Isolatietest")
    for person, secret_answer in ((anna, "antwoord-van-anna"), (bram, "GEHEIM-VAN-BRAM")):
        person.doe_mee(code)
        person.lever_in(code, {"tekst": secret_answer})
    bram.bewaar("competentiescan", {"tekst": "GEHEIM-VAN-BRAM"})

    db = urlparse(hub["db"]) if hub["db"] else None
    bram_server = _api(url, "GET", f"users/{BRAM}")["servers"][""]
    targets = {
        "sessie": code,
        "dienst_pid": dienst_pid,
        "bram_pid": pids[BRAM],
        "bram_home": pwd.getpwnam(BRAM).pw_dir,
        "hub_state": str(work / "hub"),
        "db_secret": f"{db.username}:{db.password}@" if db else "onmogelijk:geheim@",
        "db_host": db.hostname if db else "",
        "db_port": db.port if db else 0,
        "db_user": db.username if db else "",
        "db_name": db.path.lstrip("/") if db else "",
        "bram_proxy": url + f"user/{BRAM}/api/contents",
        "bram_direct": bram_server["url"] if bram_server["url"].startswith("http") else "",
    }
    if not targets["bram_direct"]:  # the server's own address, bypassing the proxy
        targets["bram_direct"] = _direct_url(envs[BRAM]) + "api/contents"
    probe = subprocess.run(
        [
            "runuser",
            "-u",
            ANNA,
            "--",
            "env",
            "-i",
            *[f"{k}={v}" for k, v in envs[ANNA].items()],
            *_user_python(),
            "-c",
            PROBE,
            json.dumps(targets),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd="/tmp",
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    everything = json.dumps(seen)
    assert "GEHEIM-VAN-BRAM" not in everything, seen
    assert seen["wie"] == {"gebruiker": ANNA, "trainer": False}
    assert {"tekst": "antwoord-van-anna"} in seen["mijn"]  # her own answers, and only hers
    assert all(a in ({"tekst": "antwoord-van-anna"}, {"app": "opslagcheck"}) for a in seen["mijn"])
    assert seen["sessie_antwoorden"][0] == "geen toegang" and seen["onthul"][0] == "geen toegang"
    assert seen["groepsbeeld"] == ["fout", "De trainer heeft de groepsuitkomst nog niet gedeeld."]
    assert seen["env_db"] == []  # no database URL or password in her environment
    for place in ("proc_dienst", "proc_bram", "bram_home", "hub_state", "hub_db", "cookie_secret"):
        assert seen[place] == "PermissionError", (place, seen[place])
    if db:
        assert seen["db_leeg"] == "geweigerd" and seen["db_wijkteam-fout"] == "geweigerd"
    for key in (
        "bram_via_proxy_token_a",
        "bram_via_proxy_zonder",
        "bram_direct_token_a",
        "bram_direct_zonder",
    ):
        assert seen[key] in (302, 401, 403), (key, seen[key])  # a login page or a refusal, never B's files

    # with the participants' tokens no one reads the session; the trainer does, by name
    with pytest.raises(GeenToegang):
        bram.sessie_antwoorden(code)
    read = sorted((a["naam"], a["antwoord"]["tekst"]) for a in tess.sessie_antwoorden(code))
    assert read == [(ANNA, "antwoord-van-anna"), (BRAM, "GEHEIM-VAN-BRAM")]
    tess.onthul(code)
    picture = anna.groepsbeeld(code)  # after the reveal: everyone's answers, no names
    assert sorted(p["eigen"] for p in picture) == [False, True] and BRAM not in json.dumps(picture)
    # the apps' own path: in a user server's environment the group sessions and scans go through the service
    from wijkteam_kit.competenties import Scan, load_framework, scans_voor
    from wijkteam_kit.groepssessie import sessies_voor

    def no_store():
        raise AssertionError("op de hub opent een app geen eigen opslag")

    as_anna, as_tess = (sessies_voor(no_store, environ=envs[n]) for n in (ANNA, TESS))
    nieuw = as_tess.create("mantelzorg-dementie", "plan", "App-pad")
    joined = as_anna.join(nieuw.sessie.code, "", client=None)
    assert joined.deelname.weergavenaam == ANNA
    as_anna.submit(nieuw.sessie.code, joined.deelname.deelnemer_id, {"plan": "van anna"})
    trainer = as_tess.as_trainer(nieuw.sessie.code)
    assert [(d.weergavenaam, i.payload) for d, i in trainer.answers()] == [(ANNA, {"plan": "van anna"})]
    assert nieuw.sessie.code in [s.code for s in as_tess.mine()]
    with pytest.raises(GeenToegang):
        as_anna.as_trainer(nieuw.sessie.code)
    fw = load_framework("movisie-2017")
    scans_anna, scans_bram = scans_voor(envs[ANNA]), scans_voor(envs[BRAM])
    anna_id = scans_anna.ik().id
    scans_anna.bewaar_scan(Scan.build(fw, "zelf", {i: 4 for i in fw.indicator_ids}, "2024-03-01"))
    assert len(scans_anna.scans(fw)) == 1 and scans_bram.scans(fw, "zelf", anna_id) == []

    # the trainer's server has JupyterLab, a participant's has not
    for name, expected in ((TESS, 200), (ANNA, 404)):
        request = urllib.request.Request(
            url + f"user/{name}/lab", headers={"Authorization": f"token {tokens[name]}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        assert status == expected, (name, status)


def _process_owner(pid: int) -> str:
    return pwd.getpwuid(os.stat(f"/proc/{pid}").st_uid).pw_name


def _direct_url(env: dict[str, str]) -> str:
    """The address a user server listens on itself (from its environment), with its base URL."""
    bound = env.get("JUPYTERHUB_SERVICE_URL", "")
    prefix = env.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    parsed = urlparse(bound)
    return f"http://{parsed.hostname or '127.0.0.1'}:{parsed.port}{prefix}"
