r"""JupyterHub for a training organisation: the wijkteam-kit apps through Voila, answers in PostgreSQL.

One server for one group or a few groups at a time (up to about 100 users). Uitleg in het Nederlands:
docs/jupyterhub.md. Every setting that differs per organisation comes from an environment variable, so this
file can stay as it is (a systemd unit or ``/etc/default/wijkteam-hub`` sets the variables):

``WIJKTEAM_HUB_APPS``
    Folder with the app notebooks (``apps/`` of a wijkteam-kit checkout); default ``/srv/wijkteam-kit/apps``.
``WIJKTEAM_HUB_START``
    App a user lands on after logging in, e.g. ``zrm_oefening.ipynb``; empty (default): the list of apps.
``WIJKTEAM_DATABASE_URL``
    The store's database URL, e.g. ``postgresql+psycopg://wijkteam:…@127.0.0.1/wijkteam``. Passed to every
    user server (and so to every app kernel). Empty: every user gets an SQLite file in their own home folder,
    and a trainer cannot see the group's answers.
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

Spawner: all user servers run as the (unprivileged) system user that runs the hub, each in its own home folder
under ``$WIJKTEAM_HUB_MAP/gebruikers``. That needs no Linux account per participant, but users are not
isolated from each other: only fictional casuses, never data of real clients. The Littlest JupyterHub gives each
user a Linux account of their own (docs/jupyterhub.md).

Start: ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` (needs ``pip install "wijkteam-kit[hub]"`` and
``configurable-http-proxy`` from npm).
"""

import sys
from pathlib import Path

from wijkteam_kit import settings  # every WIJKTEAM_* variable, documented in docs/instellingen.md
from wijkteam_kit.settings import (
    HUB_ADRES,
    HUB_APPS,
    HUB_BEHEERDERS,
    HUB_BEHEERWACHTWOORD,
    HUB_LOGIN,
    HUB_MAP,
    HUB_START,
    HUB_STOP_NA_MINUTEN,
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
STATE.mkdir(parents=True, exist_ok=True)

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

# ---- where user servers run and what they show ------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "gebruikers" / "{username}")
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]  # from the hub's environment
c.Spawner.notebook_dir = APPS
# Voila runs inside each user server: /user/<naam>/voila/render/<app>.ipynb (or the list at /voila/tree).
c.Spawner.default_url = f"/voila/render/{START}" if START else "/voila/tree"
c.Spawner.environment = {"WIJKTEAM_DATABASE_URL": DATABASE_URL} if DATABASE_URL else {}
c.Spawner.args = [
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
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.mem_limit = "1G"  # only enforced by spawners that can (The Littlest JupyterHub's systemd spawner)

# ---- stop idle user servers ------------------------------------------------------------------------------
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_MINUTES * 60}"],
    }
]
