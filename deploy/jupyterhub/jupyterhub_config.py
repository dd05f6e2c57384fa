r"""JupyterHub for a training organisation: the wijkteam-kit apps through Voila, answers in PostgreSQL.

One server for one group or a few groups at a time (up to about 100 users). Uitleg in het Nederlands:
docs/jupyterhub.md. Every setting that differs per organisation comes from an environment variable, so this
file can stay as it is (a systemd unit or ``/etc/default/wijkteam-hub`` sets the variables):

``WIJKTEAM_HUB_APPS``
    Folder with the app notebooks (``apps/`` of a wijkteam-kit checkout); default ``/srv/wijkteam-kit/apps``.
``WIJKTEAM_HUB_START``
    App a user lands on after logging in, e.g. ``zrm_oefening.ipynb``; empty (default): the list of apps.
``WIJKTEAM_DATABASE_URL``
    The store's database URL, e.g. ``postgresql+psycopg://wijkteam:…@127.0.0.1/wijkteam``. Passed ONLY to the
    answers service (``wijkteam-antwoorden``, :mod:`wijkteam_kit.app.hubdienst`), never to a user server.
    Empty: the service keeps an SQLite file in ``$WIJKTEAM_HUB_MAP/dienst``.
``WIJKTEAM_HUB_TRAINERS``
    Comma-separated user names of trainers (hub group ``trainers``, custom scope ``custom:wijkteam:trainer``):
    they may open JupyterLab and read the group sessions they opened. Everyone else gets the apps only.
``WIJKTEAM_HUB_DIENST_GEBRUIKER``
    The system user the answers service runs as when the hub runs as root (default ``wijkteam-dienst``).
``WIJKTEAM_HUB_DIENST_ADRES``
    Where the answers service listens (default ``http://127.0.0.1:8011``); user servers reach it there.
``WIJKTEAM_HUB_LOGIN``
    ``gedeeld`` (default): one shared password for the participants of a training day
    (``WIJKTEAM_HUB_WACHTWOORD``, at least 8 characters) and, for the users in ``WIJKTEAM_HUB_BEHEERDERS``, an
    admin password (``WIJKTEAM_HUB_BEHEERWACHTWOORD``, at least 32 characters). ``native``: every user their own
    account and password, signed up and approved by an admin (``pip install jupyterhub-nativeauthenticator``).
    For a login with the organisation's accounts (Microsoft, Google, …) use OAuthenticator instead (docs).
``WIJKTEAM_HUB_BEHEERDERS``
    Comma-separated user names with admin rights in the hub.
``WIJKTEAM_HUB_MAP``
    Folder for the hub's own state: its user database, cookie secret and the users' home folders;
    default ``/srv/wijkteam-hub``.
``WIJKTEAM_HUB_ADRES``
    Where the hub listens, default ``http://127.0.0.1:8000`` (put a web server with HTTPS in front of it).
``WIJKTEAM_HUB_STOP_NA_MINUTEN``
    A user server without activity is stopped after this many minutes (default 60); an app kernel whose tab was
    closed after 15 minutes.

Isolation: when the hub runs as root, every user server runs as the Linux account of that user
(``LocalProcessSpawner``; the accounts must exist) and the answers service as its own account, so a participant
can read neither another participant's files nor the service's environment; user servers hold no database URL
and reach answers only through the service, which stamps every answer with the hub user
(tests/test_jupyterhub.py proves it). When the hub does not run as root, all user servers and the service run as
that one system user (each server in its own folder under ``$WIJKTEAM_HUB_MAP/gebruikers``): then users are
NOT isolated from each other; use that only for fictional casuses (docs/jupyterhub.md).

Start: ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` (needs ``pip install "wijkteam-kit[hub]"`` and
``configurable-http-proxy`` from npm).
"""

import os
import pwd
import sys
from pathlib import Path

from wijkteam_kit import settings  # every WIJKTEAM_* variable, documented in docs/instellingen.md
from wijkteam_kit.app.hubdienst import NAAM as DIENST
from wijkteam_kit.app.hubdienst import TRAINER_SCOPE
from wijkteam_kit.settings import (
    HUB_ADRES,
    HUB_APPS,
    HUB_BEHEERDERS,
    HUB_BEHEERWACHTWOORD,
    HUB_DIENST_ADRES,
    HUB_DIENST_GEBRUIKER,
    HUB_LOGIN,
    HUB_MAP,
    HUB_START,
    HUB_STOP_NA_MINUTEN,
    HUB_TRAINERS,
    HUB_WACHTWOORD,
    text,
)

c = get_config()  # noqa: F821 - JupyterHub provides get_config() to its config files


STATE = Path(text(HUB_MAP) or "/srv/wijkteam-hub")
APPS = text(HUB_APPS) or "/srv/wijkteam-kit/apps"
START = text(HUB_START)
DATABASE_URL = text(settings.DATABASE_URL)
LOGIN = text(HUB_LOGIN) or "gedeeld"
ADMINS = {name.strip() for name in text(HUB_BEHEERDERS).split(",") if name.strip()}
IDLE_MINUTES = int(text(HUB_STOP_NA_MINUTEN) or "60")
TRAINERS = {name.strip() for name in text(HUB_TRAINERS).split(",") if name.strip()}
DIENST_ADRES = (text(HUB_DIENST_ADRES) or "http://127.0.0.1:8011").rstrip("/")
AS_ROOT = os.geteuid() == 0
STATE.mkdir(parents=True, exist_ok=True)
STATE.chmod(0o711 if AS_ROOT else 0o700)  # as root the service's folder lies below it (traverse only)
# The hub's own database (users, hashed tokens) for the hub only; SQLite gives its journal the same mode. (The
# hub writes its cookie secret with mode 600 itself.)
(STATE / "jupyterhub.sqlite").touch(mode=0o600, exist_ok=True)
(STATE / "jupyterhub.sqlite").chmod(0o600)

# ---- the hub itself ---------------------------------------------------------------------------------------
c.JupyterHub.bind_url = text(HUB_ADRES) or "http://127.0.0.1:8000"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"  # the hub's users; not the kit's answers
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the user servers

# ---- who may log in ---------------------------------------------------------------------------------------
c.Authenticator.admin_users = ADMINS
if LOGIN == "gedeeld":
    # A shared password for a training day (JupyterHub >= 5.3). Anyone with it can log in under any name that
    # is not an admin, so it is only fit for fictional casuses. Change it after every training.
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = text(HUB_WACHTWOORD) or None
    c.SharedPasswordAuthenticator.admin_password = text(HUB_BEHEERWACHTWOORD) or None
    c.Authenticator.allow_all = True
elif LOGIN == "native":
    # Own accounts: participants sign up at /hub/signup, an admin approves them at /hub/authorize.
    c.JupyterHub.authenticator_class = "native"
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.minimum_password_length = 10
    c.Authenticator.allow_all = True  # NativeAuthenticator itself lets only approved accounts in
else:
    raise SystemExit(f"WIJKTEAM_HUB_LOGIN={LOGIN!r}: kies 'gedeeld' of 'native' (zie docs/jupyterhub.md)")

# ---- the answers service: the only process with the database -----------------------------------------------
dienst_env = {"WIJKTEAM_DATABASE_URL": DATABASE_URL} if DATABASE_URL else {"WIJKTEAM_DATA": str(STATE / "dienst")}
dienst = {
    "name": DIENST,
    "url": DIENST_ADRES,
    "command": [sys.executable, "-m", "wijkteam_kit.app.hubdienst"],
    "environment": dienst_env,
    "display": False,
}
if AS_ROOT:
    dienst_user = text(HUB_DIENST_GEBRUIKER) or "wijkteam-dienst"
    try:
        account = pwd.getpwnam(dienst_user)
    except KeyError:
        raise SystemExit(
            f"De antwoordendienst draait als systeemgebruiker {dienst_user!r}, maar die bestaat niet. Maak hem aan: "
            f"useradd --system --home-dir {STATE / 'dienst'} {dienst_user} (zie docs/jupyterhub.md)."
        ) from None
    dienst["user"] = dienst_user
    if not DATABASE_URL:
        (STATE / "dienst").mkdir(mode=0o700, exist_ok=True)
        os.chown(STATE / "dienst", account.pw_uid, account.pw_gid)
c.JupyterHub.services = [dienst]

# ---- who may do what: participants reach the service, trainers also read their own sessions ---------------
c.JupyterHub.custom_scopes = {
    TRAINER_SCOPE: {"description": "Trainer in wijkteam-kit: groepssessies openen en de eigen sessies lezen."}
}
c.JupyterHub.load_groups = {"trainers": {"users": sorted(TRAINERS)}}
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", f"access:services!service={DIENST}"]},
    {"name": "wijkteam-trainer", "scopes": [TRAINER_SCOPE], "groups": ["trainers"]},
]
# The token of every user server (JUPYTERHUB_API_TOKEN): the hub's defaults, the service, and the trainer scope
# (the hub gives a token only the scopes its user holds, so only trainers' servers get it).
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={DIENST}",
    TRAINER_SCOPE,
]

# ---- where user servers run and what they show ------------------------------------------------------------
if AS_ROOT:
    c.JupyterHub.spawner_class = "localprocess"  # every user as their own Linux account
else:
    c.JupyterHub.spawner_class = "simple"  # all as the hub's user: NOT isolated (see above)
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "gebruikers" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]  # the hub's environment, with the kit
c.Spawner.notebook_dir = APPS
# The kit's list of apps (/user/<naam>/wijkteam), or one app; Voila shows each at /voila/render/<app>.ipynb.
c.Spawner.default_url = f"/voila/render/{START}" if START else "/wijkteam"
# No database URL for user servers: their apps save and read through the answers service.
c.Spawner.environment = {"WIJKTEAM_ANTWOORDEN_URL": f"{DIENST_ADRES}/services/{DIENST}/"}
c.Spawner.args = [
    "--ServerApp.jpserver_extensions=wijkteam_kit.app.hubpagina=True",
    # Voila cannot stop the kernel of a closed tab itself: stop it after 15 minutes without activity.
    "--MappingKernelManager.cull_idle_timeout=900",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=False",
    # The proxy adds the participant's address; the kit uses it to slow down people guessing session codes.
    "--VoilaConfiguration.http_header_envs=X-Forwarded-For",
    # When many participants open an app at once, a cell's output can come later than Voila's default 4 s
    # wait; the page would stay blank (measured: benchmarks/sessie_last.py). Wait up to a minute instead.
    "--VoilaExecutor.iopub_timeout=60",
]
APPS_ONLY = [  # participants: the apps, no JupyterLab, no notebook, no terminal
    "--ServerApp.terminals_enabled=False",
    "--ServerApp.jpserver_extensions=jupyterlab=False",
    "--ServerApp.jpserver_extensions=notebook=False",
    "--ServerApp.jpserver_extensions=jupyter_lsp=False",
    "--ServerApp.jpserver_extensions=jupyter_server_terminals=False",
]


def is_trainer(user) -> bool:
    """Whether a hub user is a trainer (in ``WIJKTEAM_HUB_TRAINERS`` or the hub group ``trainers``)."""
    return user.name in TRAINERS or any(group.name == "trainers" for group in user.groups)


def apps_or_lab(spawner) -> None:
    """Before each start: participants get the apps only; trainers keep JupyterLab."""
    base = [a for a in spawner.args if a not in APPS_ONLY]
    spawner.args = base if is_trainer(spawner.user) else [*base, *APPS_ONLY]


c.Spawner.pre_spawn_hook = apps_or_lab
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.mem_limit = "1G"  # only enforced by spawners that can (The Littlest JupyterHub's systemd spawner)

# ---- stop idle user servers ------------------------------------------------------------------------------
c.JupyterHub.load_roles.append(
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
)
c.JupyterHub.services.append(
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_MINUTES * 60}"],
    }
)
