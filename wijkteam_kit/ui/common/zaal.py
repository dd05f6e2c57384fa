"""The trainer's side of the warm room: ask ``wijkteam-kit serve`` to prepare apps, and show how far it is.

The dashboard runs in a kernel of the same server; it reaches the server's room API
(``/wijkteam/api/zaal``, see :mod:`wijkteam_kit.app.zaal`) on 127.0.0.1 with the key the server gave its
kernels. Outside ``wijkteam-kit serve`` (a notebook, a hub) there is no key and every function returns None.

Examples
--------
>>> room_url({}) is None
True
>>> room_url({"VOILA_APP_PORT": "8866", "VOILA_SERVER_URL": "/", "WIJKTEAM_ZAAL_SLEUTEL": "k"})
'http://127.0.0.1:8866/wijkteam/api/zaal'
>>> room = {"app": "zrm_oefening.ipynb", "gevraagd": 32, "klaar": 12, "genomen": 0, "in_voorbereiding": 20}
>>> print(room_html({"zalen": [{**room, "is_klaar": False}]}, "zrm_oefening.ipynb")[33:88])
De apps voor de zaal worden klaargezet: 12 van 32 staan
>>> print(room_html({"zalen": [{**room, "is_klaar": True}]}, "zrm_oefening.ipynb")[33:79])
De zaal is klaar: 32 apps staan warm klaar. De
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Mapping

from wijkteam_kit import settings

__all__ = ["prepare_room", "room_html", "room_status", "room_url"]


def room_url(environ: Mapping[str, str] | None = None) -> str | None:
    """The room API of the server this kernel belongs to, or None outside ``wijkteam-kit serve``."""
    env = os.environ if environ is None else environ
    port, key = env.get("VOILA_APP_PORT"), env.get(settings.ZAAL_SLEUTEL.name)
    if not port or not key:
        return None
    base = env.get("VOILA_SERVER_URL") or "/"
    return f"http://127.0.0.1:{port}{base}wijkteam/api/zaal"


def _call(body: dict | None, environ: Mapping[str, str] | None) -> dict | None:
    env = os.environ if environ is None else environ
    url = room_url(env)
    if url is None:
        return None
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="GET" if body is None else "POST")
    request.add_header("X-Wijkteam-Sleutel", env.get(settings.ZAAL_SLEUTEL.name, ""))
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())
    except (OSError, ValueError):
        return None


def prepare_room(app: str, participants: int, environ: Mapping[str, str] | None = None) -> dict | None:
    """Ask the server to prepare warm apps ``app`` for ``participants``; the server's status, or None."""
    return _call({"app": app, "deelnemers": int(participants)}, environ)


def room_status(environ: Mapping[str, str] | None = None) -> dict | None:
    """The server's status: apps open, the ceiling and every room; None outside ``wijkteam-kit serve``."""
    return _call(None, environ)


def room_html(status: dict | None, app: str) -> str:
    """One Dutch sentence on the room of ``app`` for the dashboard ('' when there is none)."""
    rooms = [r for r in (status or {}).get("zalen", []) if r.get("app") == app]
    if not rooms:
        return ""
    room = rooms[0]
    asked, ready, taken = room["gevraagd"], room["klaar"], room["genomen"]
    if room["is_klaar"]:
        text = (
            f"De zaal is klaar: {asked} apps staan warm klaar"
            + (f" ({taken} al in gebruik)" if taken else "")
            + ". De deelnemers kunnen beginnen."
        )
    else:
        text = (
            f"De apps voor de zaal worden klaargezet: {ready} van {asked - taken} staan klaar. "
            "Laat de deelnemers pas beginnen als de zaal klaar is."
        )
    return f"<p class='wk-zaal' role='status'>{text}</p>"
