"""Building blocks shared by the views: safe callbacks, escaped HTML, downloads.

An exception inside a widget callback is invisible in Voila (not in the page, not in the log), so every
callback goes through :func:`safe`, which shows a plain Dutch message in the app and logs the details.

Examples
--------
>>> box = MessageBox()
>>> @safe(box)
... def boom(_=None):
...     raise ValueError("kapot")
>>> boom()
>>> "Er ging iets mis" in box.html.value
True
>>> esc('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
"""

from __future__ import annotations

import base64
import functools
import html
import logging
import sys
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as widgets

from wijkteam_kit.errors import WijkteamError

if TYPE_CHECKING:
    from wijkteam_kit.document import Document
    from wijkteam_kit.store.store import Store

__all__ = [
    "FOCUS_NU",
    "LazyStore",
    "MessageBox",
    "close_widgets",
    "document_links",
    "download_link",
    "esc",
    "focus_when_drawn",
    "na_opslaan",
    "safe",
]

W = TypeVar("W", bound=widgets.Widget)

FOCUS_NU = "wk-focus-nu"
"""The class that makes the page's script focus a widget once it is drawn (``toegankelijk.js``)."""

log = logging.getLogger("wijkteam_kit.ui")


def _log_to_server_terminal() -> None:
    """Send the kit's log to the process's real stderr (in a kernel: the server's terminal, not the page)."""
    root = logging.getLogger("wijkteam_kit")
    if not any(getattr(h, "_wijkteam", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.__stderr__)
        handler.setFormatter(logging.Formatter("[wijkteam-kit %(levelname)s %(name)s] %(message)s"))
        handler._wijkteam = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        root.propagate = False


_log_to_server_terminal()


def esc(text: object) -> str:
    """Escape user or file text for an HTML widget."""
    return html.escape(str(text), quote=True)


class MessageBox:
    """A place for messages: errors (red), warnings (amber) and notices (green)."""

    def __init__(self) -> None:
        self.html = widgets.HTML("")
        self.html.add_class("wk-melding")

    def _show(self, kind: str, text: str) -> None:
        self.html.value = f'<div class="wk-{kind}" role="alert">{esc(text)}</div>'

    def error(self, text: str) -> None:
        """Show an error."""
        self._show("fout", text)

    def warn(self, text: str) -> None:
        """Show a warning."""
        self._show("waarschuwing", text)

    def notice(self, text: str) -> None:
        """Show a friendly notice."""
        self._show("bericht", text)

    def clear(self) -> None:
        """Remove the message."""
        self.html.value = ""


def safe(box: MessageBox) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator for widget callbacks: errors become a message in ``box`` and a log entry."""

    def decorate(callback: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except WijkteamError as exc:
                log.warning("%s: %s", callback.__name__, exc)
                box.error(str(exc))
            except Exception:
                log.exception("Fout in %s", callback.__name__)
                box.error(
                    "Er ging iets mis in de app. Je invoer is bewaard; probeer het nog eens. "
                    "Blijft het misgaan, meld het dan aan je trainer."
                )
            return None

        return wrapper

    return decorate


def document_links(doc: Document, base: str, *, labels: tuple[str, str] = ("Markdown", "PDF")) -> str:
    """Download links for an exported document: Markdown (``base.md``) and a printable PDF (``base.pdf``).

    >>> from wijkteam_kit.document import Alinea, Document
    >>> links = document_links(Document("Ons plan", (Alinea("Wij willen verhuizen."),)), "ons-plan")
    >>> 'download="ons-plan.md"' in links, 'download="ons-plan.pdf"' in links
    (True, True)
    """
    from wijkteam_kit.document import to_markdown
    from wijkteam_kit.draw.document_pdf import document_pdf

    markdown = to_markdown(doc).encode("utf-8")
    return " ".join(
        [
            download_link(markdown, f"{base}.md", "text/markdown", labels[0]),
            download_link(document_pdf(doc), f"{base}.pdf", "application/pdf", labels[1]),
        ]
    )


class LazyStore:
    """The store of an app, opened at first use: building an app (or running its notebook) writes nothing.

    ``store`` may be a :class:`~wijkteam_kit.store.Store`, a path or URL, or None for the default location.

    >>> holder = LazyStore(":memory:")
    >>> holder.opened
    False
    >>> holder.get().url, holder.opened
    ('sqlite://', True)
    """

    def __init__(self, store: object = None) -> None:
        from wijkteam_kit.store.store import Store

        self._arg = store
        self._store: Store | None = store if isinstance(store, Store) else None

    @property
    def opened(self) -> bool:
        """Whether the store has been opened (or was given open)."""
        return self._store is not None

    def get(self) -> Store:
        """The store; opened now if it was not yet."""
        from wijkteam_kit.store.store import Store

        if self._store is None:
            self._store = Store(self._arg)
        return self._store

    def samen(self, what: str) -> AbstractContextManager[object]:
        """One write transaction for the store actions in the block, when the store is open; else nothing.

        Handing in writes the answer, the calibration record and removes the draft: together they are saved
        at once or not at all, and a room that hands in together takes the write lock once per person.

        >>> holder = LazyStore(":memory:")
        >>> with holder.samen("niets"):  # not opened: no store, no transaction
        ...     holder.opened
        False
        """
        if self._store is None:
            return nullcontext()
        return self._store.transaction(what, write=True)


def na_opslaan(bron: object, callback: Callable[[], None]) -> None:
    """Run ``callback`` once what ``bron`` wrote is saved: after its store's open transaction, else at once.

    ``bron`` is anything with a ``store`` (group sessions, personal codes); one that works through the hub's
    service has none and saves at once.

    >>> from wijkteam_kit.store import Store
    >>> class Bron:
    ...     store = Store(":memory:")
    >>> seen = []
    >>> with Bron.store.transaction("bewaren", write=True):
    ...     na_opslaan(Bron(), lambda: seen.append("getoond"))
    ...     na_opslaan(object(), lambda: seen.append("meteen"))
    ...     seen
    ['meteen']
    >>> seen
    ['meteen', 'getoond']
    """
    afterwards = getattr(getattr(bron, "store", None), "na_afloop", None)
    if afterwards is None:
        callback()
    else:
        afterwards(callback)


def focus_when_drawn(widget: W, *, others: Iterable[widgets.Widget] = ()) -> W:
    """Let the page's script give ``widget`` the keyboard focus once the browser has drawn it; ``others`` lose it.

    For a widget that is new or shown anew after an action (the control that had the focus went away): a
    ``widget.focus()`` sent before the browser has drawn it is lost, on a busy server often.

    >>> a, b = widgets.HTML(), widgets.HTML()
    >>> focus_when_drawn(b, others=[a, b]) is b, FOCUS_NU in b._dom_classes, FOCUS_NU in a._dom_classes
    (True, True, False)
    """
    for other in others:
        if other is not widget:
            other.remove_class(FOCUS_NU)
    widget.add_class(FOCUS_NU)
    return widget


def close_widgets(items: Iterable[widgets.Widget]) -> None:
    """Close widgets that are shown no more, with their layout and style (else they live on in kernel and browser).

    >>> button = widgets.Button()
    >>> close_widgets([button]); button.comm is None and button.layout.comm is None and button.style.comm is None
    True
    """
    for widget in items:
        for model in (widget, getattr(widget, "layout", None), getattr(widget, "style", None)):
            if model is not None:
                model.close()


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An HTML link that downloads ``data`` as ``filename`` (no server round trip needed)."""
    payload = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="wk-download" download="{esc(filename)}" href="data:{esc(mime)};base64,{payload}">'
        f"{esc(label)}</a>"
    )
