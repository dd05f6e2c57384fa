"""Widgets and helpers every app shares: messages, downloads, the casus view, styles."""

from .casus_view import (
    casus_html,
    network_overview_html,
)
from .widgets import (
    STYLE,
    LazyStore,
    MessageBox,
    document_links,
    download_link,
    esc,
    safe,
)

__all__ = [
    "STYLE",
    "LazyStore",
    "MessageBox",
    "casus_html",
    "document_links",
    "download_link",
    "esc",
    "network_overview_html",
    "safe",
]
