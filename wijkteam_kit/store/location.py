"""Where the store keeps its database: the data folder and how a URL or path given to `Store` is read.

Examples
--------
>>> locate(":memory:")[2]
'sqlite://'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import URL, make_url
from sqlalchemy.exc import ArgumentError

from wijkteam_kit.errors import StoreError

__all__ = ["default_data_dir", "locate"]


def default_data_dir() -> Path:
    """Where the kit keeps its database file ``wijkteam.db``.

    ``$WIJKTEAM_DATA`` when set, else ``$XDG_DATA_HOME/wijkteam-kit``, else ``~/.local/share/wijkteam-kit``.

    >>> import os
    >>> os.environ["WIJKTEAM_DATA"] = "/tmp/wijkteam-voorbeeld"
    >>> default_data_dir()
    PosixPath('/tmp/wijkteam-voorbeeld')
    >>> del os.environ["WIJKTEAM_DATA"]
    """
    if os.environ.get("WIJKTEAM_DATA"):
        return Path(os.environ["WIJKTEAM_DATA"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base).expanduser() / "wijkteam-kit"


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
        url = os.environ.get("WIJKTEAM_DATABASE_URL") or default_data_dir() / "wijkteam.db"
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

