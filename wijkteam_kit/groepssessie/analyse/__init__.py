"""Group analysis of a session: the answers of all participants of one exercise on one casus, compared.

Pure functions, no widgets. The answers arrive as ``(display name, payload)`` pairs (what
:meth:`wijkteam_kit.groepssessie.Groepssessies.group_answers` returns); :func:`groep` picks the analysis for the
exercise:

* ``"zrm"`` → :class:`ZrmGroep` (:mod:`wijkteam_kit.groepssessie.analyse.zrm`): agreement figures, the discussion
  agenda (disagreement in the group and shared distance from the reference first), the rungs on the participatieladder;
  ``"evaluatie"`` the same for the later moment T1, against the reference at T1;
* ``"plan"`` → :class:`PlanGroep` (:mod:`wijkteam_kit.groepssessie.analyse.plan`): Wmo steps and domains per plan,
  the most common feedback, the comparison with the reference plan;
* ``"scenario"`` → :class:`ScenarioGroep` through :func:`scenario_groep` (:mod:`.scenario`; the session plays a
  scenario, not a casus): per decision moment how the group chose, where it split, the discussion agenda;
* ``"netwerkatlas"`` → :class:`NetwerkGroep` (:mod:`wijkteam_kit.groepssessie.analyse.netwerk`): the casus persons
  most often missed, and persons drawn that are not in the casus.

An answer that cannot be read is never an error: it is listed in ``overgeslagen`` with a Dutch reason, so
one broken answer does not stop the trainer's dashboard.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
>>> g = groep(casus, "netwerkatlas", [("Ans", {"personen": "geen lijst"})])
>>> type(g).__name__, g.per_map, g.overgeslagen[0][0]
('NetwerkGroep', (), 'Ans')
>>> groep(casus, "quiz", [])
Traceback (most recent call last):
...
wijkteam_kit.errors.WijkteamError: Onbekende oefening 'quiz'; kies uit zrm, netwerkatlas, plan, evaluatie, scenario.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from wijkteam_kit.casus.model import Casus
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.groepssessie.analyse.netwerk import (
    KaartRij,
    NetwerkGroep,
    atlas_from_answer,
    match_persons,
    netwerk_groep,
    normalise_name,
)
from wijkteam_kit.groepssessie.analyse.plan import (
    FeedbackTelling,
    PlanGroep,
    PlanRij,
    plan_from_answer,
    plan_groep,
)
from wijkteam_kit.groepssessie.analyse.scenario import (
    AgendaPunt,
    KeuzeTelling,
    MomentTelling,
    ScenarioGroep,
    scenario_groep,
    scenario_handout,
)
from wijkteam_kit.groepssessie.analyse.zrm import (
    ZrmGroep,
    assessment_from_payload,
    unreadable_reason,
    zrm_groep,
    zrm_payload,
)

__all__ = [
    "OEFENINGEN",
    "AgendaPunt",
    "FeedbackTelling",
    "Groep",
    "KaartRij",
    "KeuzeTelling",
    "MomentTelling",
    "NetwerkGroep",
    "PlanGroep",
    "PlanRij",
    "ScenarioGroep",
    "ZrmGroep",
    "assessment_from_payload",
    "atlas_from_answer",
    "groep",
    "match_persons",
    "netwerk_groep",
    "normalise_name",
    "plan_from_answer",
    "plan_groep",
    "scenario_groep",
    "scenario_handout",
    "unreadable_reason",
    "zrm_groep",
    "zrm_payload",
]

#: The exercises a group session can have (the same as :data:`wijkteam_kit.groepssessie.OEFENINGEN`).
OEFENINGEN: tuple[str, ...] = ("zrm", "netwerkatlas", "plan", "evaluatie", "scenario")

#: What :func:`groep` returns.
Groep = ZrmGroep | PlanGroep | NetwerkGroep


def groep(
    casus: Casus, oefening: str, answers: Sequence[tuple[str, Any]], *, today: dt.date | None = None
) -> Groep:
    """The group picture of ``answers`` for the exercise ``oefening`` (one of :data:`OEFENINGEN`).

    ``today`` is passed to the plan feedback rules (default: the real date).
    """
    if oefening == "zrm":
        return zrm_groep(casus, answers)
    if oefening == "evaluatie":  # the ZRM at T1, against the reference at T1
        return zrm_groep(casus.at_t1(), answers)
    if oefening == "plan":
        return plan_groep(casus, answers, today=today)
    if oefening == "netwerkatlas":
        return netwerk_groep(casus, answers)
    if oefening == "scenario":
        raise WijkteamError("Een scenariosessie heeft geen casus: gebruik scenario_groep(scenario, antwoorden).")
    raise WijkteamError(f"Onbekende oefening {oefening!r}; kies uit {', '.join(OEFENINGEN)}.")
