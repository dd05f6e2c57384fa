"""What the trainer's terminal shows: Dutch status lines; Jupyter's routine messages go to a log file.

Jupyter and Voila log every kernel start, every request and routine warnings ("Notebook … is not trusted",
"Kernel is running over TCP without encryption"); in a room of 30 that is hundreds of English lines. The
terminal keeps errors and the kit's own status lines (address, room ready, apps open, memory); everything goes,
with times, into ``<gegevensmap>/logs/wijkteam-serve.log``.

Examples
--------
>>> routine = logging.LogRecord("x", logging.WARNING, "", 0, "Notebook zrm.ipynb is not trusted", None, None)
>>> ForTrainer().filter(routine)
False
>>> error = logging.LogRecord("x", logging.ERROR, "", 0, "Uncaught exception GET /", None, None)
>>> ForTrainer().filter(error)
True
>>> gb(1536)
'1,5 GB'
"""

from __future__ import annotations

import logging
import logging.handlers
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tornado.log import access_log

__all__ = [
    "LOG_NAME",
    "ForTrainer",
    "gb",
    "is_routine_kernel_line",
    "log_request",
    "log_to_file",
    "relay_kernel_output",
    "status_line",
]

#: What kernels print on their own that a trainer need not see (it still goes to the log file).
ROUTINE_KERNEL_LINES = ("Kernel is running over TCP without encryption", "is not trusted")


def is_routine_kernel_line(line: str) -> bool:
    """Whether a line a kernel printed is routine (log file only) rather than something to show.

    >>> is_routine_kernel_line("[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All …")
    True
    >>> is_routine_kernel_line("ERROR wijkteam_kit.ui: Fout in _on_submit")
    False
    """
    return any(text in line for text in ROUTINE_KERNEL_LINES)


def relay_kernel_output(read_fd: int, path: Path, terminal=None) -> None:
    """Copy everything the kernels print (one pipe) to ``path``; show the lines that are not routine.

    Runs in a thread of the server until the pipe closes.
    """
    import sys

    out = terminal or sys.stdout.buffer
    with open(read_fd, "rb") as pipe, open(path, "ab") as log:
        for line in pipe:
            log.write(line)
            log.flush()
            if not is_routine_kernel_line(line.decode("utf-8", "replace")):
                out.write(line)
                out.flush()


LOG_NAME = "wijkteam-serve.log"
#: Loggers whose records go to the log file (Voila's own logger is added by the server).
JUPYTER_LOGGERS = ("tornado.access", "tornado.application", "tornado.general", "traitlets")


class ForTrainer(logging.Filter):
    """Lets through only what a trainer should act on: errors (routine noise goes to the log file)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """True for records of level ERROR and higher."""
        return record.levelno >= logging.ERROR


def log_to_file(folder: Path, loggers: list[logging.Logger]) -> Path:
    """Send ``loggers`` (and Jupyter's) to a rotating log file in ``folder``; their terminal handlers keep errors only.

    Returns the log file's path.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=3, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    quiet = ForTrainer()
    for logger in [*loggers, *(logging.getLogger(name) for name in JUPYTER_LOGGERS)]:
        for existing in logger.handlers:
            if isinstance(existing, logging.StreamHandler) and not isinstance(existing, logging.FileHandler):
                existing.addFilter(quiet)
        logger.addHandler(handler)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
    root = logging.getLogger()
    for existing in root.handlers:
        existing.addFilter(quiet)
    return path


def log_request(handler: Any) -> None:
    """Tornado's request log, with the page's own files that were sent fine left out (at debug level).

    A first visit of an app loads 94 files; writing a line for each to the log file cost the server about a
    tenth of its work while a room joins, and says nothing a trainer or administrator needs. Page loads, the
    APIs and every failed request (a missing file included) are logged as Tornado logs them.

    >>> from tornado.web import StaticFileHandler
    >>> class Sent(StaticFileHandler):
    ...     def __init__(self, status): self._status = status
    ...     def get_status(self): return self._status
    >>> logging.getLogger("tornado.access").setLevel(logging.INFO)
    >>> _access_method(Sent(200)) == logging.getLogger("tornado.access").debug
    True
    >>> _access_method(Sent(404)) == logging.getLogger("tornado.access").warning
    True
    """
    request_ms = 1000.0 * handler.request.request_time()
    _access_method(handler)("%d %s %.2fms", handler.get_status(), handler._request_summary(), request_ms)


def _access_method(handler: Any) -> Callable[..., None]:
    from tornado.web import StaticFileHandler

    status = handler.get_status()
    if status >= 500:
        return access_log.error
    if status >= 400:
        return access_log.warning
    return access_log.debug if isinstance(handler, StaticFileHandler) else access_log.info


def gb(megabytes: float) -> str:
    """Megabytes as Dutch gigabytes with one decimal (``1,5 GB``); below 1 GB in MB.

    >>> gb(420)
    '420 MB'
    """
    if megabytes < 1024:
        return f"{megabytes:.0f} MB"
    return f"{megabytes / 1024:.1f} GB".replace(".", ",")


def status_line(apps_open: int, max_apps: int, apps_mb: float, free_mb: float) -> str:
    """One status line for the terminal.

    >>> status_line(12, 140, 1100, 18_600)[6:]
    '12 apps open (maximaal 140) · geheugen voor de apps 1,1 GB · nog vrij 18,2 GB'
    """
    return (
        f"{time.strftime('%H:%M')} {apps_open} app{'s' if apps_open != 1 else ''} open (maximaal {max_apps}) · "
        f"geheugen voor de apps {gb(apps_mb)} · nog vrij {gb(free_mb)}"
    )
