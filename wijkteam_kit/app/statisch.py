"""The page's own files (scripts, styles) sent compressed, from memory: a room loads them 30 times at once.

A first visit of an app loads about 95 files from the kit's server, 5.0 MB in all (Voila's scripts, the widget
manager, the style sheets). Over the Wi-Fi of a training room that is 150 MB for 30 participants; compressed it
is 1.4 MB each (43 MB). Voila sends them uncompressed, and Tornado's own compression would compress them again for
every participant. `Gecomprimeerd` compresses each file once, keeps it in memory (the kit's page files together
are about 1.5 MB compressed), and sends that to every browser that accepts gzip (all browsers do). A request
for part of a file (``Range``) and a browser without gzip get the file as before.

It is put in front of Voila's three file handlers (see :meth:`wijkteam_kit.app.server.WijkteamVoila.init_handlers`).
"""

from __future__ import annotations

import gzip
import threading
from typing import Any, ClassVar

__all__ = ["Gecomprimeerd", "gecomprimeerd"]

#: File kinds worth compressing (fonts in WOFF2 and pictures in PNG are compressed already).
COMPRIMEERBAAR = (".js", ".css", ".json", ".svg", ".html", ".map", ".txt", ".ttf", ".eot", ".otf", ".woff")
#: Smaller files are sent as they are: the gain would not pay for the header.
MINIMUM = 1024


class Gecomprimeerd:
    """Mixin for a Tornado ``StaticFileHandler``: gzip from a per-process memory cache when the browser accepts it.

    >>> class Handler(Gecomprimeerd):
    ...     pass
    >>> Handler._compressed_of(__file__, 1.0) is not None
    True
    """

    _cache: ClassVar[dict[str, tuple[Any, bytes | None]]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def _compressed_of(cls, absolute_path: str, modified: Any) -> bytes | None:
        """The file compressed (made once per version of the file), or None when compressing does not pay."""
        cached = cls._cache.get(absolute_path)
        if cached is not None and cached[0] == modified:
            return cached[1]
        with open(absolute_path, "rb") as handle:
            raw = handle.read()
        packed = gzip.compress(raw, compresslevel=6, mtime=0)
        result = packed if len(packed) < len(raw) * 0.9 else None
        with cls._lock:
            cls._cache[absolute_path] = (modified, result)
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
            body = self._compressed_of(path, getattr(self, "modified", None))
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
