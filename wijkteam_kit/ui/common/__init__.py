"""Widgets and helpers every app shares: messages, downloads, the casus view, styles, drafts, busy buttons."""

from .bezig import (
    bezig,
    bezig_met,
)
from .casus_view import (
    casus_html,
    network_overview_html,
)
from .concept import (
    BrowserOpslag,
    Concept,
)
from .mijn_gegevens import (
    MijnGegevens,
)
from .pagina import (
    na_paginaverzoek,
)
from .styles import (
    SHARED_STYLESHEET,
    style_tag,
    style_widget,
    stylesheet,
)
from .widgets import (
    LazyStore,
    MessageBox,
    document_links,
    download_link,
    esc,
    safe,
)

__all__ = [
    "SHARED_STYLESHEET",
    "BrowserOpslag",
    "Concept",
    "LazyStore",
    "MessageBox",
    "MijnGegevens",
    "bezig",
    "bezig_met",
    "casus_html",
    "document_links",
    "download_link",
    "esc",
    "na_paginaverzoek",
    "network_overview_html",
    "safe",
    "style_tag",
    "style_widget",
    "stylesheet",
]
