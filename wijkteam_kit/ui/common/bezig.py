"""A visible busy state for slow actions ("Inleveren", "Maak verslag", …): one helper for every app.

While the action runs, its button is disabled, says what is happening ("Bezig met inleveren…") with a turning
icon (a screen reader reads the new text); afterwards the button is as it was. Widget changes reach the
browser at once, so the state shows while the kernel works.

Examples
--------
>>> import ipywidgets as widgets
>>> button = widgets.Button(description="Maak verslag", icon="file-text")
>>> seen = []
>>> @bezig(button, "Verslag maken…")
... def maak(_b=None):
...     seen.append((button.description, button.disabled, "wk-bezig" in button._dom_classes))
>>> maak()
>>> seen, button.description, button.disabled
([('Verslag maken…', True, True)], 'Maak verslag', False)
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets

__all__ = ["bezig", "bezig_met"]


@contextlib.contextmanager
def bezig_met(button: widgets.Button, tekst: str) -> Iterator[None]:
    """Show ``button`` busy (disabled, ``tekst``, a turning icon) while the ``with`` block runs."""
    before = (button.description, button.icon, button.disabled, button.tooltip)
    with button.hold_sync():  # one message to the browser, not five (a room hands in at the same moment)
        button.description, button.icon, button.disabled = tekst, "spinner", True
        button.tooltip = tekst
        button.add_class("wk-bezig")
    try:
        yield
    finally:
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
