"""Figures drawn with matplotlib (imported lazily, so the apps start fast)."""

from .caseload import change_figure, distribution_figure
from .export import FORMATS, figure_bytes, save_figure
from .kalibratie import calibration_figure
from .zrm_profiel import LEVEL_COLOURS, UNSCORED_COLOUR, zrm_profile_figure

__all__ = [
    "FORMATS",
    "LEVEL_COLOURS",
    "UNSCORED_COLOUR",
    "calibration_figure",
    "change_figure",
    "distribution_figure",
    "figure_bytes",
    "save_figure",
    "zrm_profile_figure",
]
