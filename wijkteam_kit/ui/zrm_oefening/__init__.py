"""The ZRM-oefening app: choose a casus, score every domain and the ladder, see the feedback."""

from .app import (
    ZrmOefening,
)
from .resultaat import (
    differences_html,
    result_view,
)

__all__ = [
    "ZrmOefening",
    "differences_html",
    "result_view",
]
