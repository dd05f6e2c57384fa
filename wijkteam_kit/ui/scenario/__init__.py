"""The app Gesprek en route oefenen: play a branching scenario and see the debrief."""

from .app import (
    FEEDBACK_MODI,
    ScenarioApp,
)
from .debrief import (
    debrief_html,
    dimensions_svg,
    moment_html,
)

__all__ = [
    "FEEDBACK_MODI",
    "ScenarioApp",
    "debrief_html",
    "dimensions_svg",
    "moment_html",
]
