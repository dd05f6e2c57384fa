"""The Competentiescan app: a self scan, 360° feedback, development goals and the team view."""

from .app import (
    CompetentieScan,
)
from .resultaat import (
    ScanResult,
)
from .team import (
    TARGET_OPTIONS,
    TeamOverzicht,
)
from .vragen import (
    SCALE_OPTIONS,
    Questionnaire,
)

__all__ = [
    "SCALE_OPTIONS",
    "TARGET_OPTIONS",
    "CompetentieScan",
    "Questionnaire",
    "ScanResult",
    "TeamOverzicht",
]
