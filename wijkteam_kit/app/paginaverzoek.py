"""Wait in a warm kernel until a participant's page takes it: Voila's ``wait_for_request``, without Voila's weight.

A warm room (``wijkteam-kit serve --groep N``, or a trainer's new group session) runs every app notebook before
anyone opens the page. The notebook then has to wait for the page's request (its query string ``?sessie=…`` and
the caller's address) before the app may read it. Voila offers ``voila.utils.wait_for_request`` for that, but
importing ``voila.utils`` loads Voila's whole server side (jupyter_server, nbconvert, jupyterlab_server: about
720 modules, 1.1 CPU-seconds and 40 MB in every app kernel). This module speaks the same small protocol with
Tornado, which every kernel has loaded already:

- in a kernel that is not pre-heated (``VOILA_PREHEAT`` is not ``"True"``) it returns at once;
- in a pre-heated kernel it opens Voila's websocket ``<server>voila/query/<kernel id>``, waits for the one
  message Voila sends when a page takes this kernel (a JSON object of request variables such as
  ``QUERY_STRING`` and ``REMOTE_ADDR``), and puts those in ``os.environ``, as Voila's function does.

The notebook cell is the same as with Voila's function::

    from wijkteam_kit.app.paginaverzoek import wait_for_request
    wait_for_request()
    na_paginaverzoek(app)

Examples
--------
>>> import os
>>> os.environ.pop("VOILA_PREHEAT", None) and None
>>> wait_for_request()  # not a warm kernel: returns at once
>>> query_url({"VOILA_APP_PORT": "8888", "VOILA_SERVER_URL": "/user/ann/", "VOILA_KERNEL_ID": "k1"})
'ws://127.0.0.1:8888/user/ann/voila/query/k1'
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import warnings
from collections.abc import Mapping

__all__ = ["query_url", "wait_for_request"]

CONNECT_TIMEOUT = 5.0
"""Seconds to reach Voila's query socket (Voila's own function uses the same)."""


def query_url(environ: Mapping[str, str]) -> str:
    """Voila's query socket for this kernel, from the variables Voila gives a pre-heated kernel."""
    protocol = environ.get("VOILA_WS_PROTOCOL", "ws")
    ip = environ.get("VOILA_APP_IP", "127.0.0.1")
    port = environ.get("VOILA_APP_PORT", "8866")
    base = environ.get("VOILA_WS_BASE_URL", environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{ip}:{port}{base}voila/query/{environ.get('VOILA_KERNEL_ID', '')}"


async def _receive(url: str) -> str | bytes | None:
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(url, connect_timeout=CONNECT_TIMEOUT)
    try:
        return await connection.read_message()
    finally:
        connection.close()


def wait_for_request(url: str | None = None) -> None:
    """In a pre-heated kernel: block until a page takes it, then put the request's variables in ``os.environ``."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    target = url or query_url(os.environ)
    received: list[str | bytes | None] = []

    def run() -> None:  # the kernel's own event loop runs in this thread: wait in a fresh loop in another
        try:
            received.append(asyncio.run(_receive(target)))
        except Exception as exc:  # without the request the app still opens, as with Voila's own
            warnings.warn(f"Kon Voila's paginaverzoek niet ophalen ({target}): {exc}", stacklevel=3)

    thread = threading.Thread(target=run, name="wijkteam-paginaverzoek", daemon=True)
    thread.start()
    thread.join()
    if received and received[0]:
        for key, value in json.loads(received[0]).items():
            os.environ[key] = value
