r"""A picture with its text alternative: a short ``alt`` and, below it, the same facts in words.

WCAG 1.1.1 asks a text alternative for every picture. A chart's facts do not fit in an ``alt``, so every figure of
the kit has a one-line ``alt`` (what the picture is) and a folded "in woorden" part with its numbers as a table
or list, for a screen reader and for anyone who cannot read the colours.

Examples
--------
>>> html = figure_html(b"\x89PNG", "ZRM-profiel", "wk-profiel", "<p>Financiën: 3</p>")
>>> "alt='ZRM-profiel'" in html, "<summary>" in html, "Financiën: 3" in html
(True, True, True)
>>> "&lt;b&gt;" in figure_html(b"", "<b>", "x")
True
"""

from __future__ import annotations

import base64

from wijkteam_kit.ui.common.widgets import esc

__all__ = ["figure_html"]


def figure_html(
    png: bytes, alt: str, css: str, words: str = "", summary: str = "Het beeld in woorden"
) -> str:
    """A ``<figure>`` with the PNG ``png`` (``alt`` escaped) and, when given, the HTML ``words`` folded below it.

    ``words`` must already be safe HTML (escape user text in it); ``css`` is the class of the figure.
    """
    data = base64.b64encode(png).decode("ascii")
    folded = (
        f"<details class='wk-in-woorden'><summary>{esc(summary)}</summary>{words}</details>" if words else ""
    )
    return (
        f"<figure class='{esc(css)}' style='margin:0'><img alt='{esc(alt)}' src='data:image/png;base64,{data}' "
        f"style='width:100%;max-width:980px;height:auto'>{folded}</figure>"
    )
