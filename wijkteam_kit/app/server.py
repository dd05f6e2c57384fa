"""Voila with a Dutch landing page at ``/`` that lists the apps with a one-line description each.

Descriptions come from each notebook's metadata::

    "metadata": {"wijkteam": {"titel": "ZRM-oefening", "omschrijving": "...", "volgorde": 1}}

Every app page request gets the header ``X-Wijkteam-Adres`` set to the address the request came from
(anything a browser sent under that name is overwritten). Voila hands the headers in :data:`HEADER_ENVS` to
the kernel as environment variables (``HTTP_X_WIJKTEAM_ADRES``, ``HTTP_X_FORWARDED_FOR``), where
:func:`wijkteam_kit.ui.groepssessie.deelname.client_from_environment` reads them to rate-limit join attempts.

This module imports Voila and tornado, so only ``wijkteam-kit serve`` loads it.

Examples
--------
>>> HEADER_ENVS
('X-Wijkteam-Adres', 'X-Forwarded-For')
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TypedDict

from tornado import web
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from wijkteam_kit.ui.common.styles import style_tag
from wijkteam_kit.ui.common.widgets import esc

__all__ = [
    "ADRES_HEADER",
    "HEADER_ENVS",
    "AdresVoilaHandler",
    "AppInfo",
    "WijkteamVoila",
    "landing_page",
    "list_apps",
]

log = logging.getLogger("wijkteam_kit.app.server")

ADRES_HEADER = "X-Wijkteam-Adres"
"""The request header (set by the server, never trusted from a browser) with the client's address."""
HEADER_ENVS: tuple[str, ...] = (ADRES_HEADER, "X-Forwarded-For")
"""Request headers Voila passes to the kernel as ``HTTP_…`` environment variables."""


class AppInfo(TypedDict):
    """Name, title, description and order of one app notebook."""

    naam: str
    titel: str
    omschrijving: str
    volgorde: int


def list_apps(apps_dir: str | Path) -> list[AppInfo]:
    """Every ``*.ipynb`` in ``apps_dir`` with its title and description, in the order set in its metadata.

    >>> apps = list_apps(Path(__file__).resolve().parents[2] / "apps")
    >>> apps[0]["naam"]
    'zrm_oefening.ipynb'
    """
    apps = []
    for path in sorted(Path(apps_dir).glob("*.ipynb")):
        try:
            meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("wijkteam", {})
        except (OSError, ValueError) as exc:
            log.warning("Kan %s niet lezen: %s", path, exc)
            meta = {}
        apps.append(
            AppInfo(
                naam=path.name,
                titel=meta.get("titel", path.stem.replace("_", " ").capitalize()),
                omschrijving=meta.get("omschrijving", ""),
                volgorde=meta.get("volgorde", 99),
            )
        )
    return sorted(apps, key=lambda a: (a["volgorde"], a["titel"]))


def landing_page(apps: list[AppInfo], base_url: str = "/") -> str:
    """The HTML of the landing page (all texts escaped); its stylesheet ``app/landing.css`` is inlined.

    The page's Content-Security-Policy allows inline styles only, so the CSS goes into the page itself.
    """
    items = (
        "".join(
            f'<li><a class="app" href="{esc(base_url)}voila/render/{esc(a["naam"])}">'
            f'<span class="titel">{esc(a["titel"])}</span><span class="omschrijving">{esc(a["omschrijving"])}</span>'
            "</a></li>"
            for a in apps
        )
        or "<li>Er zijn nog geen apps in deze map.</li>"
    )
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>wijkteam-kit</title>
{style_tag("app/landing.css")}</head>
<body><main>
<h1>wijkteam-kit</h1>
<p class="intro">Oefenen en reflecteren voor sociale (wijk)teams. Kies een app om te beginnen.
Alle casussen zijn verzonnen: vul nooit gegevens van echte cliënten in.</p>
<ul class="apps">{items}</ul>
<footer>Een app die je sluit, ruimt zichzelf na een kwartier op. Stoppen met de server: Ctrl-C in het
terminalvenster.</footer>
</main></body></html>"""


class LandingHandler(web.RequestHandler):
    """Serves the landing page; the app list is read on each request, so new apps show up at once."""

    def initialize(self, apps_dir: str, base_url: str) -> None:
        self.apps_dir = apps_dir
        self.base_url = base_url

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        self.write(landing_page(list_apps(self.apps_dir), self.base_url))


class AdresVoilaHandler(TornadoVoilaHandler):
    """Voila's page handler that first puts the caller's address in :data:`ADRES_HEADER`."""

    def prepare(self):  # returns what Voila's prepare returns (maybe an awaitable)
        """Overwrite the address header with ``request.remote_ip``, then prepare as Voila does."""
        self.request.headers[ADRES_HEADER] = self.request.remote_ip or ""
        return super().prepare()


class WijkteamVoila(Voila):
    """Voila serving a folder of apps, with :class:`LandingHandler` at the root instead of the file tree."""

    name = "wijkteam-kit"

    def initialize(self, argv: list[str] | None = None) -> None:
        """Voila's start-up, making sure the kernels get the headers in :data:`HEADER_ENVS`."""
        super().initialize(argv)
        envs = list(self.voila_configuration.http_header_envs)
        known = {h.lower() for h in envs}
        self.voila_configuration.http_header_envs = envs + [h for h in HEADER_ENVS if h.lower() not in known]

    def init_handlers(self) -> list:
        """Voila's handlers with the landing page in front of its tree page and the address-setting page handler."""
        handlers = super().init_handlers()
        root = self.server_url if self.server_url.endswith("/") else self.server_url + "/"
        landing = (root, LandingHandler, {"apps_dir": self.root_dir, "base_url": root})
        handlers = [
            (h[0], AdresVoilaHandler, *h[2:]) if len(h) > 1 and h[1] is TornadoVoilaHandler else h
            for h in handlers
        ]
        # Tornado uses the first matching rule, so ours goes before Voila's tree handler.
        return [landing, *[h for h in handlers if h[0] != self.server_url]]


def main(argv: list[str] | None = None) -> None:
    """Entry point used by :func:`wijkteam_kit.app.serve.serve` (``python -m wijkteam_kit.app.server``)."""
    WijkteamVoila.launch_instance(argv=argv)


if __name__ == "__main__":  # pragma: no cover
    main()
