"""The Plan schrijven app: write a plan van aanpak for a casus and ask for feedback."""

from .app import (
    PlanSchrijvenApp,
    feedback_html,
    reference_html,
)
from .formulier import (
    PlanForm,
)
from .rijen import (
    Row,
    Rows,
    dropdown,
    text_field,
)

__all__ = [
    "PlanForm",
    "PlanSchrijvenApp",
    "Row",
    "Rows",
    "dropdown",
    "feedback_html",
    "reference_html",
    "text_field",
]
