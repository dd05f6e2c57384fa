"""Group sessions in the apps: the trainer's dashboard and the participant's join block.

A lazy face (:mod:`wijkteam_kit._basis.lazy`): an exercise app that imports the join block does not load the
trainer's dashboard and its pictures.
"""

from typing import TYPE_CHECKING

from wijkteam_kit._basis.lazy import lazy_face

if TYPE_CHECKING:
    from .dashboard import GroepssessieDashboard, join_link
    from .deelname import GroepssessieDeelname, client_from_environment, code_from_query
    from .groep import group_html
    from .groepsbeeld import APP_NOTEBOOKS, group_text, group_view_html
    from .koppeling import empty_map, netwerk_joined, plan_joined, session_submit_button, zrm_joined
    from .paneel import GroepssessiePaneel, new_tick

__all__ = [
    "APP_NOTEBOOKS",
    "GroepssessieDashboard",
    "GroepssessieDeelname",
    "GroepssessiePaneel",
    "client_from_environment",
    "code_from_query",
    "empty_map",
    "group_html",
    "group_text",
    "group_view_html",
    "join_link",
    "netwerk_joined",
    "new_tick",
    "plan_joined",
    "session_submit_button",
    "zrm_joined",
]

__getattr__, __dir__ = lazy_face(__name__, ["dashboard", "deelname", "groep", "groepsbeeld", "koppeling", "paneel"])
