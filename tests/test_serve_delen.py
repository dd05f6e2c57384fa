"""`wijkteam-kit serve --delen` seen from the room's Wi-Fi: the apps and your own kernel, nothing more.

A participant's laptop on the same network reaches the server on its network address. From there the test asks
for everything a curious participant could try: the list of files, Jupyter's APIs, the terminal, JupyterLab,
another participant's kernel, the room's status (the trainer's key). Only the landing page and the apps answer;
the trainer's own machine (127.0.0.1) still sees Voila's file list.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from tests.conftest import Server
from wijkteam_kit.app.serve import lan_address

UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CLOSED = [
    "voila/tree",
    "voila/api/contents",
    "voila/files/intervisie.ipynb",
    "voila/api/kernels",
    "api",
    "api/kernels",
    "api/sessions",
    "api/contents",
    "api/terminals",
    "api/kernelspecs",
    "api/status",
    "api/config/notebook",
    "lab",
    "tree",
    "terminals/1",
    "files/intervisie.ipynb",
    "intervisie.ipynb",
    "wijkteam/api/zaal",
    "login",
]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    host = lan_address()
    if host.startswith("127."):
        pytest.skip("geen netwerkadres op deze machine: de zaal is niet na te bootsen")
    data = tmp_path_factory.mktemp("zaal")
    server = Server(env={"WIJKTEAM_DATA": str(data), "WIJKTEAM_DATABASE_URL": ""}, args=["--delen"])
    try:
        yield server, f"http://{host}:{server.port}/"
    finally:
        server.stop()


def test_a_participant_on_the_wifi_reaches_the_apps_and_nothing_else(room):
    server, lan = room
    status, landing = _get(lan)
    assert status == 200 and b"voila/render/intervisie.ipynb" in landing
    kernels = []
    for _ in range(2):  # two participants open the same app: two kernels
        status, page = _get(lan + "voila/render/intervisie.ipynb")
        assert status == 200
        kernels.append(set(UUID.findall(page)))
    mine, other = kernels
    assert mine and other and not mine & other  # each page knows its own kernel only
    seen = {}
    for path in CLOSED:
        status, body = _get(lan + path)
        seen[path] = status
        assert not any(k in body for k in other), (
            path,
            status,
        )  # no list reveals another participant's kernel
    assert all(status in (403, 404, 405) for status in seen.values()), seen
    # A kernel answers only to whoever knows its random id, and only its own page has that id.
    assert _get(lan + "api/kernels/" + "0" * 8 + "-0000-4000-8000-" + "0" * 12)[0] == 404
    # the trainer's own machine still has Voila's list of files
    assert _get(server.url + "voila/api/contents")[0] == 200
    assert _get(server.url + "voila/tree")[0] == 200
