"""The page's own files (scripts, styles) sent compressed, from memory: a room loads them 30 times at once.

A first visit of an app loads about 95 files from the kit's server, 5.0 MB in all (Voila's scripts, the widget
manager, the style sheets). Over the Wi-Fi of a training room that is 150 MB for 30 participants; compressed it
is 1.4 MB each (43 MB). Voila sends them uncompressed, and Tornado's own compression would compress them again for
every participant. `Gecomprimeerd` compresses each file once, keeps it in memory (the kit's page files together
are about 1.5 MB compressed), and sends that to every browser that accepts gzip (all browsers do). A request
for part of a file (``Range``) and a browser without gzip get the file as before.

Finding a file was the larger part of the work: Voila looks for it in every template and extension folder and
Tornado resolves every symbolic link on the way, which cost the server 0.4 ms per file (37 ms per first visit,
half of its work for a participant joining a room). A file found once is remembered: the next request for the
same address checks only that the file is unchanged (one ``stat``) and skips the search. Only files that passed
all of Tornado's checks are remembered, at most :data:`GEVONDEN_MAXIMUM` of them.

It is put in front of Voila's three file handlers (see :meth:`wijkteam_kit.app.server.WijkteamVoila.init_handlers`).
"""

from __future__ import annotations

import gzip
import os
import stat
import threading
from typing import Any, ClassVar, NamedTuple

__all__ = ["GEVONDEN_MAXIMUM", "Gecomprimeerd", "Gevonden", "gecomprimeerd"]

#: File kinds worth compressing (fonts in WOFF2 and pictures in PNG are compressed already).
COMPRIMEERBAAR = (".js", ".css", ".json", ".svg", ".html", ".map", ".txt", ".ttf", ".eot", ".otf", ".woff")
#: Smaller files are sent as they are: the gain would not pay for the header.
MINIMUM = 1024
#: How many found files are remembered per handler class (a first visit loads about 95).
GEVONDEN_MAXIMUM = 2000


class Gevonden(NamedTuple):
    """A file found for an address: where it is, and its ``stat`` when it was checked."""

    url_path: str
    root: str
    absolute_path: str
    stat: os.stat_result


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_ino, b.st_size, b.st_mtime_ns)


class Gecomprimeerd:
    """Mixin for a Tornado ``StaticFileHandler``: gzip from a per-process memory cache when the browser accepts it.

    >>> class Handler(Gecomprimeerd):
    ...     pass
    >>> Handler._compressed_of(__file__, 1.0) is not None
    True
    """

    _cache: ClassVar[dict[str, tuple[Any, bytes | None]]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()
    _found: ClassVar[dict[tuple[type, str], Gevonden]] = {}

    async def get(self, path: str, include_body: bool = True) -> None:
        """Serve the file as Tornado does, without searching again for a file found before and unchanged."""
        key = (type(self), path)
        hit = self._found.get(key)
        if hit is not None:
            try:
                unchanged = _same_file(os.stat(hit.absolute_path), hit.stat)
            except OSError:
                unchanged = False
            if unchanged:
                self._wk_hit = hit
                self.root = hit.root
                # for this request only: the address leads straight to the file found before
                self.get_absolute_path = lambda _root, _path: hit.absolute_path
            else:
                self._found.pop(key, None)
                hit = None
        await super().get(path, include_body)  # type: ignore[misc]
        found = getattr(self, "_wk_found", None)
        if hit is None and found is not None and len(self._found) < GEVONDEN_MAXIMUM:
            self._found[key] = found

    def parse_url_path(self, url_path: str) -> str:
        """The handler's own translation, skipped for a file found before."""
        hit = getattr(self, "_wk_hit", None)
        return hit.url_path if hit is not None else super().parse_url_path(url_path)  # type: ignore[misc]

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        """Tornado's checks (remembered when they pass for a regular file); a file found before passed them."""
        hit = getattr(self, "_wk_hit", None)
        if hit is not None:
            self._stat_result = hit.stat
            return hit.absolute_path
        checked = super().validate_absolute_path(root, absolute_path)  # type: ignore[misc]
        if checked is not None:
            found = getattr(self, "_stat_result", None) or os.stat(checked)
            if stat.S_ISREG(found.st_mode):
                self._wk_found = Gevonden(self.path, self.root, checked, found)  # type: ignore[attr-defined]
        return checked

    @classmethod
    def _compressed_of(cls, absolute_path: str, version: Any) -> bytes | None:
        """The file compressed (made once per ``version`` of the file), or None when compressing does not pay."""
        cached = cls._cache.get(absolute_path)
        if cached is not None and cached[0] == version:
            return cached[1]
        with open(absolute_path, "rb") as handle:
            raw = handle.read()
        packed = gzip.compress(raw, compresslevel=6, mtime=0)
        result = packed if len(packed) < len(raw) * 0.9 else None
        with cls._lock:
            cls._cache[absolute_path] = (version, result)
        return result

    def _gzip_body(self) -> bytes | None:
        """The compressed body for this request, or None to send the file as Tornado would."""
        if hasattr(self, "_wk_gzip"):
            return self._wk_gzip
        body = None
        request = self.request  # type: ignore[attr-defined]
        path = getattr(self, "absolute_path", None) or ""
        if (
            path.endswith(COMPRIMEERBAAR)
            and "gzip" in request.headers.get("Accept-Encoding", "")
            and "Range" not in request.headers
            and super().get_content_size() >= MINIMUM  # type: ignore[misc]
        ):
            info = self._stat()  # type: ignore[attr-defined]
            # the file's identity to the nanosecond: Tornado's "modified" has whole seconds only
            body = self._compressed_of(path, (info.st_ino, info.st_size, info.st_mtime_ns))
        self._wk_gzip = body
        return body

    def set_extra_headers(self, path: str) -> None:
        """Tornado's headers, plus ``Content-Encoding: gzip`` when the compressed file is sent."""
        super().set_extra_headers(path)  # type: ignore[misc]
        self.set_header("Vary", "Accept-Encoding")  # type: ignore[attr-defined]
        body = self._gzip_body()
        if body is not None:
            self.set_header("Content-Encoding", "gzip")  # type: ignore[attr-defined]
            # Tornado asks the instance for the content after the headers: answer with the compressed bytes
            # (the class method stays as it is, for the version hash of the file).
            self.get_content = lambda _path, _start=None, _end=None: [body]

    def get_content_size(self) -> int:
        """The size of what is sent: the compressed file, or the file."""
        body = self._gzip_body()
        return len(body) if body is not None else super().get_content_size()  # type: ignore[misc]


def gecomprimeerd(handler: type) -> type:
    """``handler`` (a Tornado static file handler class) with :class:`Gecomprimeerd` in front of it.

    >>> from tornado.web import StaticFileHandler
    >>> gecomprimeerd(StaticFileHandler).__mro__[1].__name__
    'Gecomprimeerd'
    """
    return type(handler.__name__, (Gecomprimeerd, handler), {})
