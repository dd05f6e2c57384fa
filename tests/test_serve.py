"""The app server: landing page, arguments, clean stop with Ctrl-C, culling of closed tabs."""

import os
import re
import signal
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from wijkteam_kit import settings
from wijkteam_kit.app.serve import voila_arguments
from wijkteam_kit.app.server import landing_page, list_apps

from .conftest import ROOT, Server

APP_URL = "voila/render/zrm_oefening.ipynb"


def kernels_of(pid: int) -> list[int]:
    """Kernel processes started by the server process ``pid``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and "ipykernel" in cmdline:
            found.append(int(proc.name))
    return found


def wait_until(condition, timeout: float) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return condition()


def test_landing_page_lists_apps_with_descriptions_and_escapes():
    apps = list_apps(ROOT / "apps")
    assert apps[0]["titel"] == "ZRM-oefening" and apps[0]["omschrijving"]
    html = landing_page([{"naam": "x.ipynb", "titel": "<script>x</script>", "omschrijving": "a & b"}])
    assert "<script>x" not in html and "&lt;script&gt;" in html and "a &amp; b" in html


def test_server_arguments_bind_localhost_and_cull():
    args = voila_arguments(ROOT / "apps", 9999, open_browser=False)
    assert "--Voila.ip=127.0.0.1" in args and "--no-browser" in args
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in args)


@pytest.mark.browser
def test_ctrl_c_stops_server_and_its_kernels(browser):
    srv = Server()
    try:
        with urllib.request.urlopen(srv.url, timeout=10) as response:
            assert "ZRM-oefening" in response.read().decode()
        page = browser.new_page()
        page.goto(srv.url + APP_URL)
        page.locator(".wk-casus-keuze select").wait_for(timeout=120_000)
        assert wait_until(lambda: len(kernels_of(srv.process.pid)) >= 1, 30)
        kernels = kernels_of(srv.process.pid)
        srv.process.send_signal(signal.SIGINT)  # what Ctrl-C in the terminal sends
        srv.process.wait(timeout=60)
        assert srv.process.returncode == 0
        assert wait_until(lambda: not any(Path(f"/proc/{k}").exists() for k in kernels), 30)
        assert "wijkteam-kit is gestopt." in srv.output()
        page.close()
    finally:
        srv.stop()


@pytest.mark.browser
def test_kernel_of_a_closed_tab_is_culled(browser, monkeypatch):
    monkeypatch.setenv("WIJKTEAM_CULL_IDLE_SECONDS", "4")
    monkeypatch.setenv("WIJKTEAM_CULL_INTERVAL_SECONDS", "2")
    srv = Server()
    try:
        page = browser.new_page()
        page.goto(srv.url + APP_URL)
        page.locator(".wk-casus-keuze select").wait_for(timeout=120_000)
        assert wait_until(lambda: len(kernels_of(srv.process.pid)) == 1, 30)
        time.sleep(8)
        assert len(kernels_of(srv.process.pid)) == 1  # an open tab is never culled
        page.close()
        assert wait_until(lambda: not kernels_of(srv.process.pid), 40)
    finally:
        srv.stop()


def test_organisation_descriptors_reach_the_app(tmp_path, monkeypatch):
    from wijkteam_kit.app.serve import use_descriptor_files
    from wijkteam_kit.ui.zrm_oefening import ZrmOefening

    monkeypatch.delenv(settings.ZRM_BESCHRIJVINGEN.name, raising=False)
    own = tmp_path / "eigen.yaml"
    own.write_text(
        "versie: zrm2013\ndomeinen:\n  financien:\n"
        + "".join(f'    {n}: ["Tekst van onze organisatie {n}"]\n' for n in range(1, 6)),
        encoding="utf-8",
    )
    use_descriptor_files([own])
    app = ZrmOefening()
    app.casus_choice.value = "administratie-taal"  # a ZRM 2013 casus
    app.start_button.click()
    app.show_step("financien")
    assert "Tekst van onze organisatie 3" in app.domain_text.value


def test_broken_descriptor_file_stops_serve_with_a_clear_message(tmp_path, capsys, monkeypatch):
    from wijkteam_kit.app.cli import main

    monkeypatch.delenv(settings.ZRM_BESCHRIJVINGEN.name, raising=False)
    bad = tmp_path / "kapot.yaml"
    bad.write_text("versie: zrm2013\ndomeinen:\n  financein:\n    1: [a]\n", encoding="utf-8")
    assert main(["serve", "--no-browser", "--port", "0", "--beschrijvingen", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Kan de apps niet starten" in err and "Onbekend domein 'financein'" in err and "kapot.yaml" in err


def test_jargon_file_is_checked_and_handed_to_the_apps(tmp_path, capsys, monkeypatch):
    from wijkteam_kit.app.cli import main
    from wijkteam_kit.app.serve import use_jargon_files
    from wijkteam_kit.plan import find_jargon

    monkeypatch.delenv(settings.JARGON.name, raising=False)
    bad = tmp_path / "kapot.yaml"
    bad.write_text("woorden:\n  - alternatief: iets\n", encoding="utf-8")
    assert main(["serve", "--no-browser", "--port", "0", "--jargon", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Kan de apps niet starten" in err and "kapot.yaml" in err and "woord" in err
    good = tmp_path / "onze_woorden.yaml"
    good.write_text(
        "woorden:\n  - woord: keukentafelgesprek\n    alternatief: ons gesprek\n", encoding="utf-8"
    )
    use_jargon_files([good])
    assert [h.woord.alternatief for h in find_jargon("Na het keukentafelgesprek")] == ["ons gesprek"]


def test_serve_on_a_busy_port_says_so_in_dutch(capsys):
    import socket

    from wijkteam_kit.app.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--no-browser", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"Poort {port} is al in gebruik" in err and f"--port {port + 1}" in err


ADRES_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "adres",
            "metadata": {},
            "outputs": [],
            "source": [
                "import os\n",
                "from wijkteam_kit.ui.groepssessie.deelname import client_from_environment\n",
                "c = client_from_environment()\n",
                "print('ADRES[' + os.environ.get('HTTP_X_WIJKTEAM_ADRES', '-') + ']',\n",
                "      'CLIENT[' + str(c.adres) + ']', 'QUERY[' + os.environ.get('QUERY_STRING', '-') + ']')",
            ],
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.mark.browser  # starts a real server (no browser needed: Voila renders the output into the page)
def test_kernel_sees_the_client_address_set_by_the_server(tmp_path):
    import json

    apps = tmp_path / "apps"
    apps.mkdir()
    (apps / "adres.ipynb").write_text(json.dumps(ADRES_NOTEBOOK), encoding="utf-8")
    srv = Server(apps_dir=apps, env={"WIJKTEAM_DATA": str(tmp_path / "data")})
    try:

        def fetch(headers: dict) -> str:
            request = urllib.request.Request(
                srv.url + "voila/render/adres.ipynb?sessie=ABC123", headers=headers
            )
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.read().decode()

        # A browser cannot pretend to come from elsewhere: the server overwrites X-Wijkteam-Adres.
        page = fetch({"X-Wijkteam-Adres": "6.6.6.6"})
        assert "ADRES[127.0.0.1] CLIENT[127.0.0.1] QUERY[sessie=ABC123]" in page
        # Nor by sending X-Forwarded-For: our own server's header wins (a proxy's last entry counts only
        # where there is no X-Wijkteam-Adres, behind JupyterHub).
        page = fetch({"X-Forwarded-For": "10.1.2.3, 10.0.0.1"})
        assert "ADRES[127.0.0.1] CLIENT[127.0.0.1]" in page
    finally:
        srv.stop()


def test_every_app_notebook_waits_for_its_page_request():
    """In a warm room an app is built before its page is asked for: every app must read the request afterwards."""
    import nbformat

    for path in sorted((Path(__file__).resolve().parent.parent / "apps").glob("*.ipynb")):
        sources = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        assert any("wait_for_request()" in s and "na_paginaverzoek(app)" in s for s in sources), (
            f"{path.name}: wacht met wait_for_request() en roep dan na_paginaverzoek(app) aan"
        )
        # Voila's own wait_for_request costs every kernel Voila's whole server side (see app.paginaverzoek).
        assert not any("voila" in s for s in sources), f"{path.name}: importeer wait_for_request uit de kit"
        assert any("from wijkteam_kit.app.paginaverzoek import wait_for_request" in s for s in sources)


LIGHT_APP = """
import sys
import ipykernel.ipkernel, ipywidgets  # what every kernel has loaded before the notebook runs
before = set(sys.modules)
from wijkteam_kit.app.paginaverzoek import wait_for_request
from wijkteam_kit.ui.common import na_paginaverzoek
from wijkteam_kit.ui.zrm_oefening import ZrmOefening
app = ZrmOefening()
wait_for_request()
na_paginaverzoek(app)
heavy = ("matplotlib", "numpy", "PIL", "networkx", "voila", "jupyter_server", "nbconvert", "jupyterlab_server")
print(sorted({m.split(".")[0] for m in set(sys.modules) - before} & set(heavy)))
"""


def test_an_idle_zrm_app_kernel_loads_no_drawing_and_no_voila():
    """A room's idle kernels stay light: drawing loads at the first picture, Voila's server never.

    Every imported library stays in each of 30 kernels; matplotlib and numpy alone add about 40 MB per kernel.
    """
    import subprocess

    env = {**os.environ, "VOILA_PREHEAT": "False"}
    out = subprocess.run([sys.executable, "-c", LIGHT_APP], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]", f"een lege ZRM-app laadt {out.stdout.strip()}"


def test_wait_for_request_takes_the_request_from_voilas_query_socket(monkeypatch):
    """In a warm kernel the wait ends with the request's variables in the environment, as Voila's does."""
    import asyncio
    import json
    import threading

    from tornado.web import Application
    from tornado.websocket import WebSocketHandler

    from wijkteam_kit.app.paginaverzoek import wait_for_request
    from wijkteam_kit.app.serve import free_port

    port = free_port()
    seen: list[str] = []
    ready = threading.Event()

    class Query(WebSocketHandler):
        def open(self, kernel_id: str) -> None:
            seen.append(kernel_id)
            self.write_message(json.dumps({"QUERY_STRING": "sessie=ABC123", "REMOTE_ADDR": "10.0.0.7"}))

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        Application([(r"/voila/query/(.*)", Query)]).listen(port, "127.0.0.1")
        loop.call_soon(ready.set)
        loop.run_forever()

    threading.Thread(target=serve, daemon=True).start()
    ready.wait(10)
    for key, value in {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": str(port), "VOILA_KERNEL_ID": "k-1",
                       "VOILA_SERVER_URL": "/", "QUERY_STRING": "", "REMOTE_ADDR": ""}.items():  # fmt: skip
        monkeypatch.setenv(key, value)
    wait_for_request()
    assert seen == ["k-1"]
    assert os.environ["QUERY_STRING"] == "sessie=ABC123"
    assert os.environ["REMOTE_ADDR"] == "10.0.0.7"


@pytest.mark.browser  # uses the session's real server
def test_page_files_are_sent_compressed_and_unchanged(server):
    """Scripts and styles go compressed to a browser that accepts gzip (a room loads 30 × 5 MB otherwise)."""
    import gzip
    import urllib.request

    page = urllib.request.urlopen(server.url + "voila/render/zrm_oefening.ipynb", timeout=120).read().decode()
    files = ["voila/static/voila.js", *re.findall(r'(voila/templates/wijkteam/static/[^"\']+\.css[^"\']*)', page)]
    files.append(next(iter(re.findall(r'(voila/labextensions/@jupyter-widgets/[^"\']+\.js)', page)), None) or "")
    files = [f for f in files if f]
    assert len(files) >= 2, files
    sent = plain_size = 0
    for path in files:
        plain = urllib.request.urlopen(server.url + path, timeout=30)
        body = plain.read()
        assert plain.headers.get("Content-Encoding") is None  # a client without gzip gets the file as it is
        ask = urllib.request.Request(server.url + path, headers={"Accept-Encoding": "gzip, deflate, br"})
        packed = urllib.request.urlopen(ask, timeout=30)
        assert packed.headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in packed.headers["Vary"]
        data = packed.read()
        assert int(packed.headers["Content-Length"]) == len(data)
        assert gzip.decompress(data) == body, path
        sent, plain_size = sent + len(data), plain_size + len(body)
        # a request for a part of the file gets that part, uncompressed
        part = urllib.request.Request(
            server.url + path, headers={"Accept-Encoding": "gzip", "Range": "bytes=0-99"}
        )
        with urllib.request.urlopen(part, timeout=30) as response:
            assert response.status == 206 and response.read() == body[:100]
    assert sent < plain_size / 2


def test_kernel_ports_lie_outside_the_range_of_outgoing_connections(server):
    """No other connection can take a kernel's port before the kernel binds it ("Address already in use")."""
    import json
    import urllib.request

    from wijkteam_kit.app.poorten import ephemeral_range

    urllib.request.urlopen(server.url + "voila/render/zrm_oefening.ipynb", timeout=120).read()
    low, high = ephemeral_range()
    ports: list[int] = []
    for pid in kernels_of(server.process.pid):
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        info = json.loads(Path(args[args.index("-f") + 1]).read_text())
        ports += [info[f"{name}_port"] for name in ("shell", "iopub", "stdin", "hb", "control")]
    assert ports, "geen kernel gevonden"
    assert not [p for p in ports if low <= p <= high], (low, high, ports)
    assert len(ports) == len(set(ports))  # no two kernels share a port


def test_kernel_messages_reach_the_page_without_nagle_delay(server):
    """The kernel's messages of one action (busy, reply, idle) reach the page at once, not 40 ms apart.

    With Nagle's algorithm on the websocket (Tornado's default), a small message waits until the browser has
    acknowledged the previous one, and browsers delay that acknowledgement (40 ms on Linux, up to 200 ms on
    Windows). The gap between "busy" and "idle" of a ``kernel_info_request`` was then 40-45 ms in about two of
    three requests (the rest went in one packet); without Nagle it is about a millisecond. Only a gap over 30 ms
    counts, and a quarter of them is allowed, so a busy machine does not make this fail.
    """
    import asyncio
    import json
    import uuid

    from jupyter_server.services.kernels.connection.base import (
        deserialize_msg_from_ws_v1,
        serialize_msg_to_ws_v1,
    )
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    page = urllib.request.urlopen(server.url + APP_URL, timeout=120).read().decode()
    kernel_id = json.loads(re.search(r'id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
                           .group(1))["kernelId"]  # fmt: skip

    async def gaps() -> list[float]:
        session = uuid.uuid4().hex
        url = f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels?session_id={session}"
        ws = await websocket_connect(HTTPRequest(url), subprotocols=["v1.kernel.websocket.jupyter.org"])
        ws.protocol.set_nodelay(True)  # as a browser does: the delay measured is the server's
        found = []
        try:
            for _ in range(40):
                msg_id = uuid.uuid4().hex
                header = {"msg_id": msg_id, "msg_type": "kernel_info_request", "session": session,
                          "username": "", "version": "5.3", "date": ""}  # fmt: skip
                parts = [json.dumps(part).encode() for part in (header, {}, {}, {})]
                ws.write_message(serialize_msg_to_ws_v1(parts, "shell"), binary=True)
                busy = None
                while True:
                    frame = await asyncio.wait_for(ws.read_message(), 30)
                    _channel, parts = deserialize_msg_from_ws_v1(frame)
                    reply = {"header": json.loads(parts[0]), "parent_header": json.loads(parts[1]),
                             "content": json.loads(parts[3])}  # fmt: skip
                    if reply["parent_header"].get("msg_id") != msg_id or reply["header"]["msg_type"] != "status":
                        continue
                    if reply["content"]["execution_state"] == "busy":
                        busy = asyncio.get_running_loop().time()
                    elif busy is not None:
                        found.append(asyncio.get_running_loop().time() - busy)
                        break
        finally:
            ws.close()
        return found

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as worker:  # its own event loop: the browser tests keep one running in this thread
        found = worker.submit(asyncio.run, gaps()).result(timeout=300)
    assert len(found) == 40
    late = [round(g * 1000, 1) for g in found if g >= 0.03]
    assert len(late) < 10, late  # with Nagle: about 27 of 40, each 40-45 ms
