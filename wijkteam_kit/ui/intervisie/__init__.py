"""The Intervisie app: run an intervision method or a meedenkbijeenkomst step by step."""

from .app import (
    IntervisieApp,
    method_choice,
    method_options,
)
from .basisteam import (
    BasisteamFormulier,
    BasisteamVak,
)
from .rollen import (
    RolWissel,
)
from .stappen import (
    StapPaneel,
    method_card_html,
)
from .verslag import (
    VerslagVak,
)

__all__ = [
    "BasisteamFormulier",
    "BasisteamVak",
    "IntervisieApp",
    "RolWissel",
    "StapPaneel",
    "VerslagVak",
    "method_card_html",
    "method_choice",
    "method_options",
]
