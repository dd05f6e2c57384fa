"""The page's own files: compressed from memory, and a file found once is not searched for again."""

import asyncio
import gzip
import os
import threading
import urllib.error
import urllib.request

import pytest
from tornado import ioloop
from tornado.web import Application, StaticFileHandler

from wijkteam_kit.app.statisch import Gecomprimeerd, gecomprimeerd

from .conftest import free_port

SCRIPT = b"console.log('wijkteam');\n" * 200  # large enough to be compressed


class Counting(StaticFileHandler):
    """Tornado's handler, counting how often it searches for a file."""

    searches = 0

    @classmethod
    def get_absolute_path(cls, root, path):
        Counting.searches += 1
        return super().get_absolute_path(root, path)


@pytest.fixture()
def files(tmp_path):
    """A folder of page files served by the kit's handler on a free port, in a thread with its own event loop.

    (The suite's browser tests keep an event loop running in the main thread.)
    """
    root = tmp_path / "static"
    root.mkdir()
    (root / "app.js").write_bytes(SCRIPT)
    (tmp_path / "geheim.txt").write_text("niet voor de browser")
    Gecomprimeerd._found.clear()
    Counting.searches = 0
    port = free_port()
    ready, holder = threading.Event(), {}

    def run():
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = ioloop.IOLoop.current()
        holder["loop"] = loop
        Application([(r"/static/(.*)", gecomprimeerd(Counting), {"path": str(root)})]).listen(port, "127.0.0.1")
        loop.add_callback(ready.set)
        loop.start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield root, f"http://127.0.0.1:{port}/static/"
    holder["loop"].add_callback(holder["loop"].stop)
    thread.join(5)


def fetch_file(base, name, gzip_ok=True):
    """(status, headers, body unpacked) of one request, as a browser that accepts gzip or not."""
    request = urllib.request.Request(base + name, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return status, headers, body


def test_a_file_found_once_is_not_searched_for_again(files):
    _root, base = files
    for _ in range(3):
        status, headers, body = fetch_file(base, "app.js")
        assert status == 200 and body == SCRIPT and headers["Content-Encoding"] == "gzip"
    status, headers, body = fetch_file(base, "app.js", gzip_ok=False)
    assert status == 200 and body == SCRIPT and "Content-Encoding" not in headers
    assert Counting.searches == 1


def test_a_changed_file_is_sent_as_it_is_now(files):
    root, base = files
    fetch_file(base, "app.js")
    changed = b"console.log('nieuw');\n" * 300
    (root / "app.js").write_bytes(changed)  # within the same second: the modification time alone would not tell
    for gzip_ok in (True, False):
        status, _headers, body = fetch_file(base, "app.js", gzip_ok)
        assert status == 200 and body == changed
    assert Counting.searches == 2  # searched again once, then remembered anew


def test_a_removed_file_is_gone(files):
    root, base = files
    fetch_file(base, "app.js")
    os.remove(root / "app.js")
    assert fetch_file(base, "app.js")[0] == 404


def test_what_fails_tornados_checks_is_refused_every_time(files):
    root, base = files
    os.symlink(root.parent / "geheim.txt", root / "link.txt")
    for _ in range(2):
        for name in ("link.txt", "../geheim.txt", "%2e%2e/geheim.txt", "bestaat-niet.js"):
            status, _headers, body = fetch_file(base, name)
            assert status in (403, 404), (name, status)
            assert b"niet voor de browser" not in body
    assert not Gecomprimeerd._found
