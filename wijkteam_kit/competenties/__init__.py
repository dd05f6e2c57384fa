"""Competence self-assessment: frameworks, scans, 360° feedback, team profile, development plans.

``frameworks`` (the YAML competence profiles), ``scan`` (questionnaire, scores and phases), ``feedback360``,
``teamprofiel``, ``ontwikkelplan``, ``opslag`` (saving and finding scans in the store, with who may see them)
and ``toegang`` (the same as one person, on the store or through a hub's answers service).

Examples
--------
>>> from wijkteam_kit.competenties import available_frameworks
>>> "generalist" in available_frameworks()
True
"""

from wijkteam_kit.errors import (
    CompetentieError,
)

from .feedback360 import (
    MIN_BEOORDELAARS,
    FeedbackProfile,
    FeedbackRow,
    feedback_profile,
)
from .frameworks import (
    Competence,
    Framework,
    Indicator,
    available_frameworks,
    load_framework,
    unknown_message,
)
from .ontwikkelplan import (
    DevelopmentPlan,
    Growth,
    growth,
)
from .opslag import (
    SOORT_DELEN,
    SOORT_PLAN,
    SOORT_SCAN,
    feedback_for,
    find_participant,
    latest_scan,
    participant_for,
    plans,
    save_plan,
    save_scan,
    scan_csv,
    set_sharing,
    shares_with_team,
    stored_scans,
    target_profile,
    team_csv,
    team_members,
    team_view,
    with_target,
)
from .scan import (
    FASEN,
    ROLLEN,
    SCHAAL,
    VAKBEKWAAM_VANAF,
    VAKVOLWASSEN_MINIMUM,
    VAKVOLWASSEN_VANAF,
    WEET_IK_NIET,
    Answer,
    CompetenceScore,
    Scan,
    competence_score,
    competence_scores,
    format_score,
    mastery_phase,
    parse_date,
    parse_value,
    score_values,
)
from .teambeeld import (
    MIN_TEAMBEELD,
    TeamBeeld,
    team_beeld,
)
from .teamprofiel import (
    DREMPEL_VERSCHIL,
    IDEALE_TEAMGROOTTE,
    STERK_VANAF,
    CompetenceSpread,
    Difference,
    Gap,
    TeamMember,
    TeamProfile,
    size_advice,
    team_profile,
)
from .toegang import (
    FOUT_TEAM,
    HubScans,
    LokaleScans,
    Scans,
    scan_dienst,
    scans_voor,
)

__all__ = [
    "DREMPEL_VERSCHIL",
    "FASEN",
    "FOUT_TEAM",
    "IDEALE_TEAMGROOTTE",
    "MIN_BEOORDELAARS",
    "MIN_TEAMBEELD",
    "ROLLEN",
    "SCHAAL",
    "SOORT_DELEN",
    "SOORT_PLAN",
    "SOORT_SCAN",
    "STERK_VANAF",
    "VAKBEKWAAM_VANAF",
    "VAKVOLWASSEN_MINIMUM",
    "VAKVOLWASSEN_VANAF",
    "WEET_IK_NIET",
    "Answer",
    "Competence",
    "CompetenceScore",
    "CompetenceSpread",
    "CompetentieError",
    "DevelopmentPlan",
    "Difference",
    "FeedbackProfile",
    "FeedbackRow",
    "Framework",
    "Gap",
    "Growth",
    "HubScans",
    "Indicator",
    "LokaleScans",
    "Scan",
    "Scans",
    "TeamBeeld",
    "TeamMember",
    "TeamProfile",
    "available_frameworks",
    "competence_score",
    "competence_scores",
    "feedback_for",
    "feedback_profile",
    "find_participant",
    "format_score",
    "growth",
    "latest_scan",
    "load_framework",
    "mastery_phase",
    "parse_date",
    "parse_value",
    "participant_for",
    "plans",
    "save_plan",
    "save_scan",
    "scan_csv",
    "scan_dienst",
    "scans_voor",
    "score_values",
    "set_sharing",
    "shares_with_team",
    "size_advice",
    "stored_scans",
    "target_profile",
    "team_beeld",
    "team_csv",
    "team_members",
    "team_profile",
    "team_view",
    "unknown_message",
    "with_target",
]
