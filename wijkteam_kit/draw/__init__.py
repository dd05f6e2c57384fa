"""Pictures: matplotlib figures for print and export, and light inline SVG for the apps.

A lazy face (:mod:`wijkteam_kit._basis.lazy`): ``from wijkteam_kit.draw import zrm_profile_figure`` imports
only the submodule that defines it, so an app that shows one picture does not load every figure (and an app
that shows only SVG does not load matplotlib at all).
"""

from wijkteam_kit._basis.lazy import lazy_face

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
    "zrm_profile_svg",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    [
        "basisposter",
        "caseload",
        "competenties",
        "contactschema",
        "export",
        "familiekaart",
        "gebeurteniskaart",
        "kalibratie",
        "mijn_kalibratie",
        "relatiekaart",
        "zrm_profiel",
        "zrm_profiel_svg",
    ],
)
