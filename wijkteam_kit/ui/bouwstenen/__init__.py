"""The Bouwstenen app: a team answers the six building blocks and gets its startdocument."""

from .app import (
    BouwstenenApp,
)

__all__ = [
    "BouwstenenApp",
]
