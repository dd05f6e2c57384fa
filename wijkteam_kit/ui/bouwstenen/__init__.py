"""The Bouwstenen app: a team answers the six building blocks and gets its startdocument."""

from .app import (
    APP_STYLE,
    BouwstenenApp,
)

__all__ = [
    "APP_STYLE",
    "BouwstenenApp",
]
