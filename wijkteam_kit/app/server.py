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

import hmac
import json
import logging
import os
import signal
import threading
from pathlib import Path
from typing import TypedDict
from urllib.parse import urlsplit

from jupyter_server.base.handlers import FileFindHandler
from tornado import ioloop, web
from traitlets import Int, Unicode
from voila import app as voila_app
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from wijkteam_kit import settings
from wijkteam_kit.app.activiteit import licht
from wijkteam_kit.app.poorten import install as install_ports
from wijkteam_kit.app.statisch import gecomprimeerd
from wijkteam_kit.app.terminal import log_request, log_to_file, relay_kernel_output, status_line
from wijkteam_kit.app.verbinding import zonder_vertraging
from wijkteam_kit.app.zaal import machine_memory_mb, max_kernels_default, pss_mb, with_room
from wijkteam_kit.store.location import default_data_dir
from wijkteam_kit.ui.common.styles import style_tag
from wijkteam_kit.ui.common.widgets import esc

__all__ = [
    "ADRES_HEADER",
    "HEADER_ENVS",
    "AdresVoilaHandler",
    "AppInfo",
    "ShutdownHandler",
    "WijkteamVoila",
    "ZaalHandler",
    "busy_page",
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


def landing_page(apps: list[AppInfo], base_url: str = "/", footer: str | None = None) -> str:
    """The HTML of the landing page (all texts escaped); its stylesheet ``app/landing.css`` is inlined.

    The page's Content-Security-Policy allows inline styles only, so the CSS goes into the page itself.
    ``footer`` (plain text) replaces the note about stopping the laptop's server (the hub's page has its own).
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
<footer>{esc(footer) if footer is not None else _FOOTER}</footer>
</main></body></html>"""


_FOOTER = (
    "Een app die je sluit, stopt meteen en maakt plaats voor anderen. Stoppen met de server: Ctrl-C in het\n"
    "terminalvenster."
)


class LandingHandler(web.RequestHandler):
    """Serves the landing page; the app list is read on each request, so new apps show up at once."""

    def initialize(self, apps_dir: str, base_url: str) -> None:
        self.apps_dir = apps_dir
        self.base_url = base_url

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        self.write(landing_page(list_apps(self.apps_dir), self.base_url))


def busy_page() -> str:
    """What a participant sees instead of a new app when the server is at its ceiling (status 503).

    >>> "Het is even druk" in busy_page() and 'lang="nl"' in busy_page()
    True
    """
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="60"><title>Even druk – wijkteam-kit</title>
{style_tag("app/landing.css")}</head>
<body><main>
<h1>Het is even druk</h1>
<p class="intro">Er zijn nu zoveel apps open als deze computer aankan. Probeer het over een minuut opnieuw;
deze pagina probeert het na een minuut ook zelf.</p>
<p class="intro">Heb je de app al in een ander tabblad open? Sluit dat tabblad, dan komt er meteen plaats vrij.</p>
</main></body></html>"""


class AdresVoilaHandler(TornadoVoilaHandler):
    """Voila's page handler that puts the caller's address in :data:`ADRES_HEADER` and guards the ceiling."""

    def prepare(self):  # returns what Voila's prepare returns (maybe an awaitable)
        """Overwrite the address header with ``request.remote_ip``, then prepare as Voila does."""
        self.request.headers[ADRES_HEADER] = self.request.remote_ip or ""
        return super().prepare()

    async def get(self, path=None):
        """Serve the app, or :func:`busy_page` when no warm kernel is free and the ceiling is reached."""
        manager = self.kernel_manager
        limit = int(self.settings.get("wijkteam_max_apps", 0))
        notebook = self.notebook_path or path
        warm = getattr(manager, "has_warm_kernel", lambda _name: False)(notebook)
        if limit and not warm and len(manager.list_kernel_ids()) >= limit:
            self.log.warning("Plafond bereikt (%s apps): %s krijgt de pagina 'even druk'", limit, notebook)
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(busy_page())
            return
        await super().get(path)


class ShutdownHandler(VoilaShutdownKernelHandler):
    """Voila's "tab closed" call, accepted without an ``_xsrf`` token when it comes from the kit's own page.

    Voila's page sends ``POST /voila/api/shutdown/<kernel>`` when a tab is closed or reloaded, but without the
    XSRF token Jupyter asks for, so Jupyter refused it and every closed tab left its kernel running. Instead of
    the token this handler asks that the request comes from a page of this server (``Origin``, else
    ``Referer``, must be this host), and the kernel id (a random UUID only that page knows) must exist.
    """

    def check_xsrf_cookie(self) -> None:
        """Same-origin check in place of the token."""
        origin = self.request.headers.get("Origin") or self.request.headers.get("Referer") or ""
        if urlsplit(origin).netloc != self.request.host:
            raise web.HTTPError(403, "Alleen de eigen pagina mag haar app stoppen.")

    async def post(self, kernel_id):
        """Shut the page's kernel down; 404 when it is not (or no longer) there."""
        if kernel_id not in self.kernel_manager:
            raise web.HTTPError(404, "Onbekende app.")
        await super().post(kernel_id)


class ZaalHandler(web.RequestHandler):
    """``/wijkteam/api/zaal``: the warm room, for the trainer's dashboard (which runs in a kernel of this server).

    Both calls need the header ``X-Wijkteam-Sleutel`` with the server's key (``WIJKTEAM_ZAAL_SLEUTEL``, made at
    start and known only to this server's kernels). ``GET`` gives the apps open, the ceiling and every room;
    ``POST`` with JSON ``{"app": "zrm_oefening.ipynb", "deelnemers": 30}`` prepares a room.
    """

    def initialize(self, kernel_manager, key: str, apps_dir: str, max_apps: int) -> None:
        """Tornado's hook: what the handler needs from the server."""
        self.kernel_manager = kernel_manager
        self.key = key
        self.apps_dir = apps_dir
        self.max_apps = max_apps

    def check_xsrf_cookie(self) -> None:
        """Called by kernels, not pages: the key stands in for the XSRF token."""

    def prepare(self) -> None:
        """Refuse every request without the server's key."""
        given = self.request.headers.get("X-Wijkteam-Sleutel", "")
        if not self.key or not hmac.compare_digest(given.encode(), self.key.encode()):
            raise web.HTTPError(403, "Sleutel ontbreekt of klopt niet.")

    def _status(self) -> dict:
        manager = self.kernel_manager
        rooms = getattr(manager, "rooms", list)()
        return {
            "apps_open": len(manager.list_kernel_ids()),
            "max_apps": self.max_apps,
            "zalen": [room.as_dict() for room in rooms],
        }

    def get(self) -> None:
        """The apps open, the ceiling and every room."""
        self.write(self._status())

    def post(self) -> None:
        """Prepare a room: ``{"app": …, "deelnemers": N}``."""
        try:
            body = json.loads(self.request.body or b"{}")
            app = str(body["app"])
            participants = int(body["deelnemers"])
        except (ValueError, KeyError, TypeError) as exc:
            raise web.HTTPError(400, "Verwacht JSON met app en deelnemers.") from exc
        if not (Path(self.apps_dir) / app).is_file() or "/" in app or not 1 <= participants <= 200:
            raise web.HTTPError(400, "Onbekende app of een aantal deelnemers buiten 1–200.")
        if not hasattr(self.kernel_manager, "prepare_room"):
            raise web.HTTPError(409, "Deze server houdt geen apps warm.")
        self.kernel_manager.prepare_room(app, participants)
        self.write(self._status())


#: Voila's pages that list the files of the apps folder: for the machine itself only (not for the room's Wi-Fi).
ALLEEN_LOKAAL = ("voila/tree", "voila/api/contents")
LOKALE_ADRESSEN = ("127.0.0.1", "::1")


class _AlleenLokaal:
    """Mixin: refuse (403) every client that is not this machine itself (with ``serve --delen`` the room)."""

    def prepare(self):  # returns what the handler's prepare returns (maybe an awaitable)
        if self.request.remote_ip not in LOKALE_ADRESSEN:
            raise web.HTTPError(403, "Alleen op de computer van de trainer.")
        return super().prepare()


def local_only(handlers: list) -> list:
    """The handlers with Voila's file list and contents API refused to other machines (see :data:`ALLEEN_LOKAAL`)."""
    out = []
    for rule in handlers:
        if len(rule) > 1 and isinstance(rule[1], type) and any(part in rule[0] for part in ALLEEN_LOKAAL):
            rule = (rule[0], type(f"Lokaal{rule[1].__name__}", (_AlleenLokaal, rule[1]), {}), *rule[2:])
        out.append(rule)
    return out


class WijkteamVoila(Voila):
    """Voila serving a folder of apps, with :class:`LandingHandler` at the root instead of the file tree.

    On top of Voila: the warm room and the ceiling (:mod:`wijkteam_kit.app.zaal`), a working "tab closed"
    call (:class:`ShutdownHandler`), and a quiet terminal with Dutch status lines (:mod:`wijkteam_kit.app.terminal`).
    """

    name = "wijkteam-kit"
    groep = Int(0, config=True, help="Zet bij de start zoveel deelnemers plus marge warme apps klaar.")
    groep_app = Unicode("zrm_oefening.ipynb", config=True, help="De app voor --groep.")
    max_apps = Int(
        0, config=True, help="Hoeveel apps tegelijk open mogen zijn (0: afgeleid van het geheugen)."
    )
    status_seconds = Int(5, config=True, help="Hoe vaak de statusregel wordt bijgewerkt (seconden).")

    def initialize(self, argv: list[str] | None = None) -> None:
        """Voila's start-up, making sure the kernels get the headers in :data:`HEADER_ENVS`."""
        super().initialize(argv)
        install_ports()  # kernel ports outside the ephemeral range: no "Address already in use" at start
        # Ctrl-C stops as SIGTERM does, between two callbacks: a KeyboardInterrupt raised in the middle of one
        # once left the server printing "gestopt" with its kernels still running. A second Ctrl-C stops at once.
        signal.signal(signal.SIGINT, self._ctrl_c)
        envs = list(self.voila_configuration.http_header_envs)
        known = {h.lower() for h in envs}
        self.voila_configuration.http_header_envs = envs + [h for h in HEADER_ENVS if h.lower() not in known]
        self.max_apps = self.max_apps or max_kernels_default()
        folder = settings.path(settings.DATA) or default_data_dir()
        self.log_path = log_to_file(Path(folder) / "logs", [self.log])
        # Kernels print to one pipe; a thread copies it to logs/kernels.log and shows what is not routine.
        read_fd, write_fd = os.pipe()
        self.kernel_log = os.fdopen(write_fd, "wb", buffering=0)
        threading.Thread(
            target=relay_kernel_output, args=(read_fd, self.log_path.with_name("kernels.log")), daemon=True
        ).start()

    def _ctrl_c(self, sig: int, frame: object) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        self._handle_signal_stop(sig, frame)

    def init_settings(self) -> dict:
        """Voila's settings, with a room and a lighter activity watch in its kernel manager.

        See :class:`~wijkteam_kit.app.zaal.ZaalKernels` and :class:`~wijkteam_kit.app.activiteit.LichteActiviteit`.
        """
        original = voila_app.voila_kernel_manager_factory
        voila_app.voila_kernel_manager_factory = lambda *a, **k: with_room(licht(original(*a, **k)))
        try:
            result = super().init_settings()
        finally:
            voila_app.voila_kernel_manager_factory = original
        self.kernel_manager.max_kernels = self.max_apps
        self.kernel_manager.kernel_output = self.kernel_log
        self.tornado_settings = {
            **self.tornado_settings,
            "wijkteam_max_apps": self.max_apps,
            "log_function": log_request,  # the page's files that were sent fine are not written to the log
        }
        zonder_vertraging(self.tornado_settings)  # every widget message to the page at once (no Nagle delay)
        if self.groep and hasattr(self.kernel_manager, "prepare_room"):
            self.kernel_manager.prepare_room(self.groep_app, self.groep)
        return result

    def init_handlers(self) -> list:
        """Voila's handlers with the landing page in front, the address-setting page and a working shutdown."""
        handlers = super().init_handlers()
        root = self.server_url if self.server_url.endswith("/") else self.server_url + "/"
        landing = (root, LandingHandler, {"apps_dir": self.root_dir, "base_url": root})
        zaal = (
            root + "wijkteam/api/zaal",
            ZaalHandler,
            {
                "kernel_manager": self.kernel_manager,
                "key": os.environ.get(settings.ZAAL_SLEUTEL.name, ""),
                "apps_dir": self.root_dir,
                "max_apps": self.max_apps,
            },
        )
        swap: dict[type, type] = {
            TornadoVoilaHandler: AdresVoilaHandler,
            VoilaShutdownKernelHandler: ShutdownHandler,
        }
        # the page's scripts and styles compressed from memory (5.0 MB → 1.4 MB per first visit)
        swap.update({h: gecomprimeerd(h) for h in (TemplateStaticFileHandler, MultiStaticFileHandler, FileFindHandler)})
        handlers = [(h[0], swap[h[1]], *h[2:]) if len(h) > 1 and h[1] in swap else h for h in handlers]
        # Tornado uses the first matching rule, so ours goes before Voila's tree handler.
        return [landing, zaal, *local_only([h for h in handlers if h[0] != self.server_url])]

    def start(self) -> None:
        """Start serving, with a status line every :attr:`status_seconds` when something changed."""
        self._last_status = ("", ())
        self._status_busy = threading.Lock()
        ioloop.PeriodicCallback(self._print_status, self.status_seconds * 1000).start()
        print(f"Logboek (voor de beheerder): {self.log_path}", flush=True)
        super().start()

    def _print_status(self) -> None:
        manager = self.kernel_manager
        kernels = list(manager.list_kernel_ids())
        rooms = tuple((r.app, r.gevraagd, r.klaar, r.is_klaar) for r in getattr(manager, "rooms", list)())
        key = (len(kernels), rooms)
        if key == self._last_status[1] or self._status_busy.locked():
            return
        self._last_status = ("", key)
        pids = []
        for kernel_id in kernels:
            process = getattr(getattr(manager.get_kernel(kernel_id), "provisioner", None), "process", None)
            if process is not None:
                pids.append(process.pid)
        # Memory only for a line that is printed, and read in a thread: reading it from 33 kernels takes the
        # system tens of milliseconds, which the server's one loop would otherwise spend while a room joins.
        threading.Thread(target=self._write_status, args=(len(kernels), pids, rooms), daemon=True).start()

    def _write_status(self, count: int, pids: list[int], rooms: tuple) -> None:
        with self._status_busy:
            apps_mb = sum(pss_mb(pid) or 0.0 for pid in pids)
            free_mb = _available_mb()
            for app, asked, ready, done in rooms:
                titel = Path(app).stem.replace("_", " ")
                state = "klaar" if done else "wordt klaargezet"
                print(f"Zaal {titel}: {ready} van {asked} apps staan warm ({state}).", flush=True)
            print(status_line(count, self.max_apps, apps_mb, free_mb), flush=True)


def _available_mb() -> float:
    """``MemAvailable`` from ``/proc/meminfo`` in MB (the total when unknown)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return float(machine_memory_mb())


def main(argv: list[str] | None = None) -> None:
    """Entry point used by :func:`wijkteam_kit.app.serve.serve` (``python -m wijkteam_kit.app.server``)."""
    WijkteamVoila.launch_instance(argv=argv)


if __name__ == "__main__":  # pragma: no cover
    main()
