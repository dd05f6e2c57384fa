"""Where the store keeps its database: the data folder and how a URL or path given to `Store` is read.

Examples
--------
>>> locate(":memory:")[2]
'sqlite://'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import platformdirs
from sqlalchemy import URL, make_url
from sqlalchemy.exc import ArgumentError

from wijkteam_kit import settings
from wijkteam_kit.errors import StoreError

__all__ = ["APP_NAME", "DATABASE_FILE", "default_data_dir", "locate"]

APP_NAME = "wijkteam-kit"
DATABASE_FILE = "wijkteam.db"


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    r"""Where the kit keeps its database file ``wijkteam.db``.

    ``$WIJKTEAM_DATA`` when set; else the user's data folder as the operating system has it (platformdirs:
    ``~/.local/share/wijkteam-kit`` on Linux, ``%LOCALAPPDATA%\wijkteam-kit`` on Windows,
    ``~/Library/Application Support/wijkteam-kit`` on macOS). A database that an earlier version kept in
    ``~/.local/share/wijkteam-kit`` on Windows or macOS is still found there.

    >>> default_data_dir({"WIJKTEAM_DATA": "/tmp/wijkteam-voorbeeld"})
    PosixPath('/tmp/wijkteam-voorbeeld')
    """
    configured = settings.path(settings.DATA, environ)
    if configured:
        return configured
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    legacy = Path.home() / ".local" / "share" / APP_NAME
    if legacy != folder and (legacy / DATABASE_FILE).exists() and not (folder / DATABASE_FILE).exists():
        return legacy
    return folder


def locate(url: str | Path | None) -> tuple[URL, Path | None, str]:
    """``(database URL, SQLite file or None, label for messages)`` for what `Store` was given.

    None: ``$WIJKTEAM_DATABASE_URL`` when set, else ``wijkteam.db`` in `default_data_dir`. The folder of an
    SQLite file is made when missing. The label hides a password.

    >>> locate(":memory:")
    (sqlite://, None, 'sqlite://')
    >>> locate("postgresql+psycopg://kim:geheim@server/wijkteam")[2]
    'postgresql+psycopg://kim:***@server/wijkteam'
    """
    if url is None:
        url = settings.text(settings.DATABASE_URL) or default_data_dir() / DATABASE_FILE
    if isinstance(url, Path) or ("://" not in url and url != ":memory:"):
        path = Path(url).expanduser().resolve()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: kan de map voor de database niet maken ({exc})") from exc
        return URL.create("sqlite", database=str(path)), path, str(path)
    label = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
    try:
        parsed = make_url("sqlite://" if url == ":memory:" else url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            f"{label}: dit is geen database-URL ({exc}); verwacht bijvoorbeeld "
            "postgresql+psycopg://gebruiker:wachtwoord@server/database"
        ) from None
    return parsed, None, parsed.render_as_string(hide_password=True)
