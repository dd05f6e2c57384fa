"""A visible busy state for slow actions ("Inleveren", "Maak verslag", …): one helper for every app.

While the action runs, its button is disabled, says what is happening ("Bezig met inleveren…") with a turning
icon (a screen reader reads the new text); afterwards the button is as it was.

The busy state appears only when the action takes longer than :data:`VERTRAGING` (0.3 s): a quick action
(handing in alone takes a few milliseconds) shows no flicker and sends no two extra messages to the browser,
which counts when a room of 30 hands in at the same moment. A timer thread shows the state; the widget
message goes out at once, while the action still runs.

Examples
--------
>>> import ipywidgets as widgets, time
>>> button = widgets.Button(description="Maak verslag", icon="file-text")
>>> seen = []
>>> @bezig(button, "Verslag maken…")
... def maak(_b=None, wait=0.0):
...     time.sleep(wait)
...     seen.append((button.description, button.disabled, "wk-bezig" in button._dom_classes))
>>> maak()  # quick: the button never changed
>>> maak(wait=VERTRAGING + 0.2)  # slow: busy while it ran
>>> seen, button.description, button.disabled
([('Maak verslag', False, False), ('Verslag maken…', True, True)], 'Maak verslag', False)
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets

__all__ = ["VERTRAGING", "bezig", "bezig_met"]


VERTRAGING = 0.3
"""Seconds an action runs before its button shows the busy state (a visible state for anything over 0.5 s)."""


@contextlib.contextmanager
def bezig_met(button: widgets.Button, tekst: str, *, na: float = VERTRAGING) -> Iterator[None]:
    """Show ``button`` busy (disabled, ``tekst``, a turning icon) once the ``with`` block has run ``na`` seconds.

    ``na=0`` shows it at once. The button is restored when the block ends, also after an error.
    """
    before = (button.description, button.icon, button.disabled, button.tooltip)
    lock = threading.Lock()
    state = {"shown": False, "ended": False}

    def show() -> None:
        with lock:
            if state["ended"]:
                return
            with button.hold_sync():  # one message to the browser, not five
                button.description, button.icon, button.disabled = tekst, "spinner", True
                button.tooltip = tekst
                button.add_class("wk-bezig")
            state["shown"] = True

    timer = None
    if na <= 0:
        show()
    else:
        timer = threading.Timer(na, show)
        timer.daemon = True
        timer.start()
    try:
        yield
    finally:
        if timer is not None:
            timer.cancel()
        with lock:
            state["ended"] = True
            if state["shown"]:
                with button.hold_sync():
                    button.remove_class("wk-bezig")
                    button.description, button.icon, button.disabled, button.tooltip = before


def bezig(button: widgets.Button, tekst: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: the callback runs inside :func:`bezig_met` (combine with ``safe`` outside it)."""

    def decorate(callback: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with bezig_met(button, tekst):
                return callback(*args, **kwargs)

        return wrapper

    return decorate
