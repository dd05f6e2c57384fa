"""Branching scenarios to practise the werkproces and the conversation, with feedback per choice.

A *scenario* is a YAML file of moments (what happens, who says what) and choices; every choice leads to a next
moment and carries feedback tied to a principle of the method and effects on the dimensions eigen regie,
veiligheid, vertrouwen and tempo. Every route ends in a debrief. :func:`load_scenario` reads and checks a file
(unreachable moments, dead ends, missing feedback, loops without a way out: Dutch messages with file, line and
moment); :class:`Spel` plays it; :func:`debrief` and :func:`reflectie_document` give the debrief and the printable
reflection; :func:`groepsbeeld` shows how a group chose per moment.

Examples
--------
>>> from wijkteam_kit.scenario import Spel, available_scenarios, load_scenario
>>> "zorgen-om-een-kind" in available_scenarios()
True
>>> spel = Spel(load_scenario("eerste-gesprek"))
>>> spel.speel_aanbevolen()
>>> spel.klaar
True
"""

from wijkteam_kit.errors import (
    ScenarioError,
)

from .model import (
    DIMENSIE_NAMEN,
    DIMENSIES,
    OORDELEN,
    Keuze,
    Moment,
    Principe,
    Scenario,
    Structuur,
    available_scenarios,
    check_scenario_file,
    load_principles,
    load_scenario,
    read_scenario,
    scenario_problems,
    scenario_structuur,
)
from .spel import (
    OORDEEL_NAMEN,
    Debrief,
    Spel,
    Stap,
    debrief,
    reflectie_document,
    route_from_payload,
)

__all__ = [
    "DIMENSIES",
    "DIMENSIE_NAMEN",
    "OORDEEL_NAMEN",
    "OORDELEN",
    "Debrief",
    "Keuze",
    "Moment",
    "Principe",
    "Scenario",
    "ScenarioError",
    "Spel",
    "Stap",
    "Structuur",
    "available_scenarios",
    "check_scenario_file",
    "debrief",
    "load_principles",
    "load_scenario",
    "read_scenario",
    "reflectie_document",
    "route_from_payload",
    "scenario_problems",
    "scenario_structuur",
]
