"""The app Casus maken: a trainer writes or changes a casus in the browser; the checks run while typing."""

from .app import (
    CasusMakenApp,
    Uitsteller,
)
from .velden import (
    Formulier,
)

__all__ = [
    "CasusMakenApp",
    "Formulier",
    "Uitsteller",
]
