"""Figures drawn with matplotlib (imported lazily, so the apps start fast)."""

from .basisposter import basisposter_figure
from .caseload import change_figure, distribution_figure
from .competenties import complementarity_figure, radar_figure, self_peer_figure, team_heatmap_figure
from .contactschema import contactschema_figure
from .export import FORMATS, figure_bytes, inline_svg, save_figure
from .familiekaart import familiekaart_figure
from .gebeurteniskaart import gebeurteniskaart_figure
from .kalibratie import calibration_figure
from .relatiekaart import SECTOR_COLOURS, draw_relatiekaart, relatiekaart_figure
from .zrm_profiel import LEVEL_COLOURS, UNSCORED_COLOUR, zrm_profile_figure

__all__ = [
    "FORMATS",
    "LEVEL_COLOURS",
    "SECTOR_COLOURS",
    "UNSCORED_COLOUR",
    "basisposter_figure",
    "calibration_figure",
    "change_figure",
    "complementarity_figure",
    "contactschema_figure",
    "distribution_figure",
    "draw_relatiekaart",
    "familiekaart_figure",
    "figure_bytes",
    "gebeurteniskaart_figure",
    "inline_svg",
    "radar_figure",
    "relatiekaart_figure",
    "save_figure",
    "self_peer_figure",
    "team_heatmap_figure",
    "zrm_profile_figure",
]
