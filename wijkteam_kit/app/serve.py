"""``wijkteam-kit serve``: start Voila on 127.0.0.1 with the apps, for one person or a training room.

A closed or reloaded tab stops its kernel at once (see :class:`wijkteam_kit.app.server.ShutdownHandler`); a
kernel whose page is gone without saying so (a laptop lid closed, the network lost) is shut down after
:data:`CULL_IDLE_SECONDS` without activity; kernels with an open tab are never culled. The environment
variables ``WIJKTEAM_CULL_IDLE_SECONDS`` and ``WIJKTEAM_CULL_INTERVAL_SECONDS`` override the timings.

Pages use the kit's own Voila template ``wijkteam`` (``wijkteam_kit/share/jupyter/voila/templates``): Dutch,
and nothing requested from other hosts. Voila's kernel pool is on with size 0: a room is warmed only on
request (``--groep N`` or a trainer's new group session), see :mod:`wijkteam_kit.app.zaal`.
Ctrl-C or SIGTERM stops the server and its kernels.

Examples
--------
>>> args = voila_arguments(Path("apps"), port=8866, open_browser=False)
>>> "--port=8866" in args and "--Voila.ip=127.0.0.1" in args and "--no-browser" in args
True
>>> "--VoilaConfiguration.http_header_envs=X-Wijkteam-Adres" in args
True
>>> "--VoilaExecutor.iopub_timeout=60" in args
True
>>> "--template=wijkteam" in args and "--preheat_kernel=True" in args and "--pool_size=0" in args
True
>>> "--WijkteamVoila.groep=30" in voila_arguments(Path("apps"), 8866, False, groep=30)
True
"""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path

from wijkteam_kit import settings
from wijkteam_kit._basis.yamlsource import load_yaml_file
from wijkteam_kit.casus.model import default_library_dir
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.zrm.versions import available_versions, load_descriptors, load_version

__all__ = [
    "CULL_IDLE_SECONDS",
    "HEADER_ENVS",
    "IOPUB_TIMEOUT_SECONDS",
    "default_apps_dir",
    "free_port",
    "lan_address",
    "serve",
    "use_casus_folder",
    "use_descriptor_files",
    "use_jargon_files",
    "use_kit_template",
    "use_sociale_kaart",
    "voila_arguments",
    "wait_until_serving",
]

HEADER_ENVS = ("X-Wijkteam-Adres", "X-Forwarded-For")
"""Request headers the kernels see as ``HTTP_…`` variables (the same as :data:`wijkteam_kit.app.server.HEADER_ENVS`;
repeated here so ``serve`` does not import Voila before it starts it)."""

CULL_IDLE_SECONDS = 120
#: Seconds Voila waits for a cell's output (see `voila_arguments`; measured in benchmarks/sessie_last.py).
IOPUB_TIMEOUT_SECONDS = 60
CULL_INTERVAL_SECONDS = 30
#: The kit's Jupyter data folder (its Voila template ``wijkteam``), put in front of ``JUPYTER_PATH``.
JUPYTER_SHARE = Path(__file__).resolve().parents[1] / "share" / "jupyter"


def default_apps_dir() -> Path:
    """``apps/`` beside the package (an editable install or a checkout), else ``./apps``."""
    beside = Path(__file__).resolve().parents[2] / "apps"
    return beside if beside.is_dir() else Path.cwd() / "apps"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    """Whether nothing listens on ``127.0.0.1:port`` yet."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_until_serving(url: str, timeout: float = 90) -> None:
    """Wait until ``url`` answers 200 (e.g. ``…/voila/api/contents``, which starts no kernel)."""
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=3) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise WijkteamError(f"De server op {url} antwoordde niet binnen {timeout:.0f} seconden.")


def lan_address() -> str:
    """The address of this computer on the local (wifi) network, as others in the room reach it.

    Asks the operating system which interface it would use for an outside address (no packet is sent);
    ``127.0.0.1`` when there is no network.

    >>> lan_address().count(".") == 3
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the route
            return str(s.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def voila_arguments(
    apps_dir: Path,
    port: int,
    open_browser: bool,
    host: str = "127.0.0.1",
    groep: int = 0,
    groep_app: str = "zrm_oefening.ipynb",
    max_apps: int = 0,
) -> list[str]:
    """Command-line arguments for :class:`wijkteam_kit.app.server.WijkteamVoila` (``host`` 0.0.0.0: the network).

    ``groep``: warm kernels for a room of that many participants of ``groep_app`` at start; ``max_apps``: the
    ceiling of open apps (0: derived from the machine's memory).
    """
    idle = settings.seconds(settings.CULL_IDLE_SECONDS, CULL_IDLE_SECONDS)
    interval = settings.seconds(settings.CULL_INTERVAL_SECONDS, CULL_INTERVAL_SECONDS)
    args = [
        str(apps_dir),
        f"--port={port}",
        f"--Voila.ip={host}",
        "--Voila.port_retries=0",
        f"--MappingKernelManager.cull_idle_timeout={idle}",
        f"--MappingKernelManager.cull_interval={interval}",
        "--MappingKernelManager.cull_connected=False",
        # Voila drops a cell's output that arrives more than iopub_timeout (default 4 s) after the kernel
        # finished; with 30 pages opening at once on 2 cores it arrives later and the pages stay blank.
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_SECONDS}",
        # The kit's own page: Dutch, no CDN (wijkteam_kit/share/jupyter/voila/templates/wijkteam).
        "--template=wijkteam",
        "--VoilaExporter.language_code=nl",
        # Syntax colours for code cells: the apps show no code, so a first visit loads three files less.
        "--VoilaConfiguration.extension_denylist=jupyterlab_pygments",  # a list of one (traitlets 5 syntax)
        # Voila's kernel pool, empty until a room is prepared (wijkteam_kit.app.zaal).
        "--preheat_kernel=True",
        "--pool_size=0",
        "--VoilaConfiguration.multi_kernel_manager_class=wijkteam_kit.app.zaal.KitMappingKernelManager",
        f"--WijkteamVoila.groep={groep}",
        f"--WijkteamVoila.groep_app={groep_app}",
        f"--WijkteamVoila.max_apps={max_apps}",
        # The client's address reaches the kernel (rate limiting of session codes), see wijkteam_kit.app.server.
        *(f"--VoilaConfiguration.http_header_envs={h}" for h in HEADER_ENVS),
    ]
    if not open_browser:
        args.append("--no-browser")
    return args


def use_kit_template(environ: dict[str, str] | None = None) -> None:
    """Let Voila find the kit's template and give this server's kernels the key for the room API.

    >>> env = {}
    >>> use_kit_template(env)
    >>> env["JUPYTER_PATH"].startswith(str(JUPYTER_SHARE)) and len(env[settings.ZAAL_SLEUTEL.name]) > 20
    True
    """
    env = os.environ if environ is None else environ
    paths = [str(JUPYTER_SHARE), *[p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.setdefault(settings.ZAAL_SLEUTEL.name, secrets.token_urlsafe(24))


def use_descriptor_files(paths: list[str | Path]) -> None:
    """Check an organisation's descriptor files now and let the apps (kernels) use them."""
    resolved = [Path(p).resolve() for p in paths]
    for path in resolved:
        data = load_yaml_file(path).data
        version_id = data.get("versie") if isinstance(data, dict) else None
        if version_id not in available_versions():
            raise WijkteamError(
                f"{path}: veld versie moet een van {', '.join(available_versions())} zijn, "
                f"kreeg {version_id!r}."
            )
        load_descriptors(load_version(version_id), path)  # raises with every problem in the file
    settings.put(settings.ZRM_BESCHRIJVINGEN, resolved)


def use_jargon_files(paths: list[str | Path]) -> None:
    """Check a trainer's extra jargon lists now and let the plan app (kernels) use them."""
    from wijkteam_kit.plan.taal import load_jargon

    resolved = [Path(p).resolve() for p in paths]
    load_jargon(resolved)  # raises DataFileError naming file, line and field
    settings.put(settings.JARGON, resolved)


def use_sociale_kaart(path: str | Path) -> None:
    """Check an organisation's sociale kaart now (every problem with file, line and field) and let the apps use it."""
    from wijkteam_kit.plan.sociale_kaart import read_sociale_kaart

    resolved = Path(path).expanduser().resolve()
    read_sociale_kaart(resolved)  # raises DataFileError naming file, line and field
    settings.put(settings.SOCIALE_KAART, [resolved])


def use_casus_folder(folder: str | Path | None) -> Path:
    """Let the apps offer a trainer's own casuses and let *Casus maken* save there (made when missing).

    ``None``: ``$WIJKTEAM_EIGEN_CASUSSEN`` when set, else the subfolder ``casussen`` of the store's data folder.
    """
    from wijkteam_kit.store.location import default_data_dir

    chosen = Path(folder) if folder else settings.path(settings.EIGEN_CASUSSEN) or default_data_dir() / "casussen"
    chosen = chosen.expanduser().resolve()
    if chosen.exists() and not chosen.is_dir():
        raise WijkteamError(f"{chosen}: dit is een bestand, geen map. Geef bij --casussen een map op.")
    try:
        chosen.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WijkteamError(f"{chosen}: de map voor eigen casussen kan niet gemaakt worden ({exc.strerror}).") from exc
    settings.put(settings.EIGEN_CASUSSEN, chosen)
    return chosen


def serve(
    port: int = 8866,
    open_browser: bool = True,
    apps_dir: str | Path | None = None,
    descriptor_files: list[str | Path] | None = None,
    jargon_files: list[str | Path] | None = None,
    share: bool = False,
    groep: int = 0,
    groep_app: str = "zrm_oefening.ipynb",
    max_apps: int = 0,
    casus_folder: str | Path | None = None,
    sociale_kaart: str | Path | None = None,
) -> int:
    """Run the app server until Ctrl-C; returns the exit code.

    ``share``: listen on the local network too, so participants in the room open the apps on their own
    laptop or phone (group sessions); the address to give them is printed and used for the join links.
    ``groep``: prepare warm apps (``groep_app``) for that many participants; ``max_apps``: the ceiling.
    ``casus_folder``: the trainers' own casuses (:func:`use_casus_folder`); ``sociale_kaart``: an organisation's
    own kaart of voorzieningen (:func:`use_sociale_kaart`).
    """
    folder = Path(apps_dir) if apps_dir else default_apps_dir()
    if not folder.is_dir():
        raise WijkteamError(f"De map met apps bestaat niet: {folder}. Geef een map op met --apps.")
    if descriptor_files:
        use_descriptor_files(descriptor_files)
    if jargon_files:
        use_jargon_files(jargon_files)
    if sociale_kaart:
        use_sociale_kaart(sociale_kaart)
    port = port or free_port()
    if not port_is_free(port):
        raise WijkteamError(
            f"Poort {port} is al in gebruik (draait wijkteam-kit al?). Kies een andere poort, "
            f"bijvoorbeeld: wijkteam-kit serve --port {port + 1}"
        )
    # Kernels run in the apps folder, so resolve the library here and hand it to them.
    if not settings.text(settings.CASUSES):
        settings.put(settings.CASUSES, default_library_dir().resolve())
    use_casus_folder(casus_folder)
    if groep and not (folder / groep_app).is_file():
        raise WijkteamError(
            f"De app {groep_app} staat niet in {folder}. Kies een van: "
            + ", ".join(sorted(p.name for p in folder.glob("*.ipynb")))
        )
    use_kit_template()
    from wijkteam_kit.app.server import WijkteamVoila

    print(f"wijkteam-kit draait op http://127.0.0.1:{port}/  (stoppen: Ctrl-C)", flush=True)
    host = "127.0.0.1"
    if share:
        host = "0.0.0.0"  # on purpose: the room's network, see the warning printed below
        shared = f"http://{lan_address()}:{port}/"
        settings.put(settings.DEEL_URL, shared)
        print(
            f"Gedeeld op het netwerk: deelnemers in dezelfde ruimte openen {shared}\n"
            "Iedereen op dit (wifi-)netwerk kan de apps openen: gebruik alleen verzonnen casussen.",
            flush=True,
        )
    # Voila stops on Ctrl-C (KeyboardInterrupt) and on SIGTERM, and then shuts all its kernels down.
    if groep:
        print(
            f"Voor {groep} deelnemers worden apps '{groep_app}' warm klaargezet; de terminal meldt wanneer "
            "de zaal klaar is.",
            flush=True,
        )
    arguments = voila_arguments(
        folder, port, open_browser, host=host, groep=groep, groep_app=groep_app, max_apps=max_apps
    )
    WijkteamVoila.launch_instance(argv=arguments)
    print("wijkteam-kit is gestopt.", flush=True)
    return 0
