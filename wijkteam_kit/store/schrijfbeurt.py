"""Writers of one SQLite file take turns through a lock file, so a waiting writer goes on the moment it may.

SQLite lets one writer in at a time. A writer that finds the file busy waits in SQLite's busy handler, which
sleeps in growing steps (1, 2, 5, 10 … up to 100 ms) and looks again: when a training room of 30 hands in at
the same moment, the last ones sleep through many free moments. Measured with 30 processes handing in at
once (two write transactions each): p95 about 1 s, against 7 ms alone.

`Schrijfbeurt` puts an advisory lock file (``<database>.schrijfbeurt``) in front of ``BEGIN IMMEDIATE``:
a waiting writer polls it every millisecond, so the queue moves as fast as the transactions themselves (p95
about 0.2 s for the same 30). Processes that do not use it (an older kit, the ``sqlite3`` command) still
take turns through SQLite's own lock, as before. After 30 s of waiting the writer goes on without the lock
file and meets SQLite's busy timeout, as it did without this module; a writer that is killed releases the
lock at once (the system drops it with the process).

Without ``fcntl`` (Windows) it does nothing and SQLite's own waiting stays.

>>> import tempfile, pathlib
>>> beurt = Schrijfbeurt(pathlib.Path(tempfile.mkdtemp()) / "w.db")
>>> with beurt:
...     beurt.path.name
'w.db.schrijfbeurt'
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["Schrijfbeurt"]

WACHTTIJD = 30.0
"""Seconds a writer waits for the lock file before it goes on and leaves the waiting to SQLite."""

_threads: dict[Path, threading.RLock] = {}
_threads_guard = threading.Lock()


class Schrijfbeurt:
    """The turn of one writer of the SQLite file ``database`` (a context manager; re-entrant per thread)."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".schrijfbeurt")
        with _threads_guard:  # one lock per file in this process: threads of one kernel take turns too
            self._thread_lock = _threads.setdefault(self.path, threading.RLock())
        self._local = threading.local()

    def __enter__(self) -> Schrijfbeurt:
        self._thread_lock.acquire()
        depth = getattr(self._local, "depth", 0)
        self._local.depth = depth + 1
        if depth == 0 and fcntl is not None:
            self._local.fd = self._take()
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _exc: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self._local.depth -= 1
        try:
            if self._local.depth == 0 and getattr(self._local, "fd", None) is not None:
                os.close(self._local.fd)  # closing the file releases the lock
                self._local.fd = None
        finally:
            self._thread_lock.release()

    def _take(self) -> int | None:
        """Open the lock file and wait for its lock; None when that is impossible (then SQLite alone decides)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:  # a read-only folder: reading still works, a write fails in SQLite with a clear message
            return None
        deadline = time.monotonic() + WACHTTIJD
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    return None
                time.sleep(0.001)
            except OSError:  # a file system without locks (some network shares)
                os.close(fd)
                return None
