"""Group sessions in the apps: the trainer's dashboard and the participant's join block."""

from .dashboard import (
    GroepssessieDashboard,
    join_link,
)
from .deelname import (
    GroepssessieDeelname,
    client_from_environment,
    code_from_query,
)
from .groep import (
    group_html,
)
from .groepsbeeld import (
    APP_NOTEBOOKS,
    group_text,
    group_view_html,
)
from .koppeling import (
    empty_map,
    netwerk_joined,
    plan_joined,
    session_submit_button,
    zrm_joined,
)
from .paneel import (
    GroepssessiePaneel,
    new_tick,
)

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
