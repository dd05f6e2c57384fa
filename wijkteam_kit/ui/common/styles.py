"""Stylesheets: CSS files shipped inside the package, put into the page as one ``<style>`` block.

Every stylesheet is a ``.css`` file next to the code it styles, named by its path inside ``wijkteam_kit``:

- ``ui/common/common.css``: shared by every app, always first;
- ``ui/<app>/<app>.css``: one per app, after the shared sheet, so an app's rules win a tie;
- ``ui/groepssessie/deelname.css``: the session block that other apps place in their page brings its own;
- ``app/landing.css``: the landing page of ``wijkteam-kit serve``.

The files are read with :mod:`importlib.resources` (so they work from a wheel too) and cached. This module is
the only place in the kit that writes a ``<style>`` tag.

Examples
--------
>>> widget = style_widget("ui/netwerkatlas/netwerkatlas.css")
>>> widget.value.startswith("<style>"), ".wk-signalen li" in widget.value
(True, True)
>>> widget.value.index(".wk-kaart {") < widget.value.index(".wk-atlas {")  # shared rules first
True
>>> ".wk-kaart {" in style_widget("ui/groepssessie/deelname.css", shared=False).value
False
"""

from __future__ import annotations

import functools
from importlib import resources

import ipywidgets as widgets

from wijkteam_kit.errors import WijkteamError

__all__ = ["SHARED_STYLESHEET", "style_tag", "style_widget", "stylesheet"]

SHARED_STYLESHEET = "ui/common/common.css"
"""The stylesheet every app view starts with."""


@functools.cache
def stylesheet(path: str) -> str:
    """The text of the stylesheet at ``path`` inside the ``wijkteam_kit`` package (read once, then cached).

    Parameters
    ----------
    path : str
        A ``.css`` file relative to the package folder, with ``/`` between folders.

    Returns
    -------
    str
        The CSS as written in the file.

    Raises
    ------
    WijkteamError
        When ``path`` is not a ``.css`` file of the package (an installation without its package data).

    Examples
    --------
    >>> ".wk-app {" in stylesheet("ui/common/common.css")
    True
    >>> stylesheet("ui/common/bestaat-niet.css")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.WijkteamError: Stijlblad 'ui/common/bestaat-niet.css' ontbreekt in het pakket ...
    """
    resource = resources.files("wijkteam_kit").joinpath(*path.split("/"))
    if not path.endswith(".css") or not resource.is_file():
        raise WijkteamError(
            f"Stijlblad {path!r} ontbreekt in het pakket wijkteam_kit; installeer wijkteam-kit opnieuw."
        )
    return resource.read_text(encoding="utf-8")


@functools.cache
def style_tag(*paths: str) -> str:
    r"""One ``<style>`` element with the stylesheets at ``paths``, in the given order (cached).

    >>> tag = style_tag("ui/groepssessie/groepssessie.css")
    >>> tag.startswith("<style>\n/*"), tag.endswith("{ width: 100%; height: auto; max-height: 85vh; }\n</style>")
    (True, True)
    """
    return "<style>\n" + "".join(stylesheet(path) for path in paths) + "</style>"


def style_widget(*paths: str, shared: bool = True) -> widgets.HTML:
    """An HTML widget with the shared stylesheet (unless ``shared`` is false), then the sheets at ``paths``.

    A view puts it first among its children. Each call gives a new widget (the text is cached), so closing
    one view never takes the styling of another. A part that sits inside other apps' views passes
    ``shared=False``: the shared rules are already there, and repeating them after the app's own sheet would
    let them win ties they lose today.

    Parameters
    ----------
    *paths : str
        Stylesheets after the shared one, as for :func:`stylesheet`.
    shared : bool
        Start with :data:`SHARED_STYLESHEET`.

    Returns
    -------
    ipywidgets.HTML
        The ``<style>`` element, with the CSS hook ``wk-stijl``.

    Examples
    --------
    >>> widget = style_widget()
    >>> widget.value == style_tag(SHARED_STYLESHEET), "wk-stijl" in widget._dom_classes
    (True, True)
    """
    widget = widgets.HTML(style_tag(*((SHARED_STYLESHEET,) if shared else ()), *paths))
    widget.add_class("wk-stijl")
    return widget
