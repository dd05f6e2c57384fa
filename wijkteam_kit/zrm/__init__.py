"""The Zelfredzaamheid-Matrix: versions, assessments and everything computed from scores.

``versions`` (version and descriptor files), ``assessment`` (validated scores), ``mapping`` (between versions),
``analysis``, ``feedback`` (against a casus's reference), ``participatieladder``, ``agreement`` (between raters),
``calibration`` (a group on one casus), ``calibration_history`` (one learner over many casuses),
``calibration_standard`` (a trainer's standard), ``calibration_overview`` (printable overviews), ``rounds``
(round one against round two), ``caseload`` (many assessments), ``evaluation`` (T0 against T1), ``export``
(CSV) and ``voorbeelddata`` (generated caseloads).

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, load_version
>>> version = load_version("zrm2013")
>>> len(version.domains)
11

A lazy face (:mod:`wijkteam_kit._basis.lazy`): a submodule is imported when one of its names is first used,
so an app kernel loads only what its app needs.
"""

from typing import TYPE_CHECKING

from wijkteam_kit._basis.lazy import lazy_face
from wijkteam_kit.errors import (
    ZrmError,
)

if TYPE_CHECKING:
    from .agreement import (
        Agreement,
        DomainAgreement,
        krippendorff_alpha_ordinal,
        rater_agreement,
        rater_agreement_matrix,
    )
    from .analysis import DomainChange, DomainLine, ProfileSummary, compare, differences, summarize
    from .assessment import BASIS, NIET_BESPROKEN_WORDS, Assessment, DomainScore, parse_level
    from .calibration import (
        AgendaItem,
        Calibration,
        calibrate,
        calibrate_assessments,
        score_line,
        scores_from_line,
    )
    from .calibration_history import (
        BIAS_NOTEWORTHY,
        MIN_CASUSES,
        Attempt,
        CalibrationHistory,
        DomainBias,
        DomainTrend,
        Miss,
        dutch_number,
        dutch_percent,
        history,
    )
    from .calibration_overview import group_document, participant_document
    from .calibration_standard import MET_AFSPRAAK, CalibrationStandard, DomainShortfall, StandardResult
    from .caseload import CaseloadData, CaseloadSummary, summarize_caseload
    from .evaluation import DIRECTIONS, DomainEvaluation, Evaluation, EvaluationAnswers, direction, evaluate
    from .export import assessment_csv
    from .mapping import (
        Mapping,
        MappingRule,
        available_mappings,
        load_mapping,
        map_assessment,
        mapping_markdown,
    )
    from .participatieladder import (
        AOW_LEEFTIJD,
        RUNGS,
        LadderRegel,
        Rung,
        check_rung,
        ladder_rules,
        load_ladder,
        rung,
        rung_by_rule,
        rung_change,
    )
    from .rounds import DomainRounds, ParticipantRounds, RoundComparison, compare_rounds
    from .score_feedback import DomainFeedback, ZrmFeedback, feedback
    from .versions import (
        LEVELS,
        Domain,
        ZrmVersion,
        available_versions,
        descriptor_files,
        load_descriptors,
        load_version,
        unknown_domain_message,
    )
    from .voorbeelddata import (
        GRONINGEN_PILOT_FTE,
        GRONINGEN_PILOT_TEAMS,
        LANDELIJKE_CASELOAD,
        PILOT_DOSSIERS_PER_FTE,
        PILOT_VOLGORDE,
        GeneratedCaseload,
        dossiers_per_fte,
        example_score_lines,
        generate_caseload,
        generate_levels,
    )

__all__ = [
    "AOW_LEEFTIJD",
    "BASIS",
    "BIAS_NOTEWORTHY",
    "DIRECTIONS",
    "GRONINGEN_PILOT_FTE",
    "GRONINGEN_PILOT_TEAMS",
    "LANDELIJKE_CASELOAD",
    "LEVELS",
    "MET_AFSPRAAK",
    "MIN_CASUSES",
    "NIET_BESPROKEN_WORDS",
    "PILOT_DOSSIERS_PER_FTE",
    "PILOT_VOLGORDE",
    "RUNGS",
    "AgendaItem",
    "Agreement",
    "Assessment",
    "Attempt",
    "Calibration",
    "CalibrationHistory",
    "CalibrationStandard",
    "CaseloadData",
    "CaseloadSummary",
    "Domain",
    "DomainAgreement",
    "DomainBias",
    "DomainChange",
    "DomainEvaluation",
    "DomainFeedback",
    "DomainLine",
    "DomainRounds",
    "DomainScore",
    "DomainShortfall",
    "DomainTrend",
    "Evaluation",
    "EvaluationAnswers",
    "GeneratedCaseload",
    "LadderRegel",
    "Mapping",
    "MappingRule",
    "Miss",
    "ParticipantRounds",
    "ProfileSummary",
    "RoundComparison",
    "Rung",
    "StandardResult",
    "ZrmError",
    "ZrmFeedback",
    "ZrmVersion",
    "assessment_csv",
    "available_mappings",
    "available_versions",
    "calibrate",
    "calibrate_assessments",
    "check_rung",
    "compare",
    "compare_rounds",
    "descriptor_files",
    "differences",
    "direction",
    "dossiers_per_fte",
    "dutch_number",
    "dutch_percent",
    "evaluate",
    "example_score_lines",
    "feedback",
    "generate_caseload",
    "generate_levels",
    "group_document",
    "history",
    "krippendorff_alpha_ordinal",
    "ladder_rules",
    "load_descriptors",
    "load_ladder",
    "load_mapping",
    "load_version",
    "map_assessment",
    "mapping_markdown",
    "parse_level",
    "participant_document",
    "rater_agreement",
    "rater_agreement_matrix",
    "rung",
    "rung_by_rule",
    "rung_change",
    "score_line",
    "scores_from_line",
    "summarize",
    "summarize_caseload",
    "unknown_domain_message",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    [
        "agreement",
        "analysis",
        "assessment",
        "calibration",
        "calibration_history",
        "calibration_overview",
        "calibration_standard",
        "caseload",
        "evaluation",
        "export",
        "mapping",
        "participatieladder",
        "rounds",
        "score_feedback",
        "versions",
        "voorbeelddata",
    ],
)
