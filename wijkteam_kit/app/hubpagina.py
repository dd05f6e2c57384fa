"""The apps' landing page inside a JupyterHub user server: ``/user/<naam>/wijkteam``, like ``wijkteam-kit serve``.

A Jupyter server extension: the hub's configuration loads it (``--ServerApp.jpserver_extensions=
wijkteam_kit.app.hubpagina=True``) and makes it the user's start page. The page lists the app notebooks of the
server's folder, each linked to its Voila page; only the user of the server sees it (the server's own hub login).
It also sends the apps' widget messages without Nagle's delay (:mod:`wijkteam_kit.app.verbinding`), as
``wijkteam-kit serve`` does.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from wijkteam_kit.app.server import landing_page, list_apps
from wijkteam_kit.app.verbinding import zonder_vertraging

__all__ = ["HubLandingHandler"]

FOOTER = (
    "Je bent ingelogd op de server van je opleiding. Je antwoorden gaan naar de antwoordendienst van de hub; "
    "andere deelnemers zien ze niet, je trainer alleen in de groepssessies die hij of zij opende."
)


class HubLandingHandler(JupyterHandler):
    """The landing page of the apps for the logged-in user of this server."""

    @web.authenticated
    def get(self) -> None:  # noqa: D102
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        root = self.settings.get("server_root_dir") or self.serverapp.root_dir
        self.write(landing_page(list_apps(root), self.base_url, footer=FOOTER))


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    return [{"module": "wijkteam_kit.app.hubpagina"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    route = url_path_join(serverapp.web_app.settings["base_url"], "wijkteam")
    serverapp.web_app.add_handlers(".*$", [(route, HubLandingHandler)])
    zonder_vertraging(serverapp.web_app.settings)  # the apps' widget messages without Nagle's delay
