"""Figures drawn with matplotlib (imported lazily, so the apps start fast)."""

from wijkteam_kit.draw.basisposter import basisposter_figure
from wijkteam_kit.draw.caseload import change_figure, distribution_figure
from wijkteam_kit.draw.competenties import (
    complementarity_figure,
    radar_figure,
    self_peer_figure,
    team_heatmap_figure,
)
from wijkteam_kit.draw.contactschema import contactschema_figure
from wijkteam_kit.draw.export import FORMATS, figure_bytes, inline_svg, save_figure
from wijkteam_kit.draw.familiekaart import familiekaart_figure
from wijkteam_kit.draw.gebeurteniskaart import gebeurteniskaart_figure
from wijkteam_kit.draw.kalibratie import calibration_figure
from wijkteam_kit.draw.mijn_kalibratie import agreement_time_figure, confusion_figure
from wijkteam_kit.draw.relatiekaart import SECTOR_COLOURS, draw_relatiekaart, relatiekaart_figure
from wijkteam_kit.draw.zrm_profiel import LEVEL_COLOURS, UNSCORED_COLOUR, zrm_profile_figure

__all__ = [
    "FORMATS",
    "LEVEL_COLOURS",
    "SECTOR_COLOURS",
    "UNSCORED_COLOUR",
    "agreement_time_figure",
    "basisposter_figure",
    "calibration_figure",
    "change_figure",
    "complementarity_figure",
    "confusion_figure",
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
