"""The Zelfredzaamheid-Matrix: versions, assessments and everything computed from scores.

``versions`` (version and descriptor files), ``assessment`` (validated scores), ``mapping`` (between versions),
``analysis``, ``feedback`` (against a casus's reference), ``participatieladder``, ``agreement`` (between raters),
``calibration`` (a group on one casus), ``caseload`` (many assessments), ``export`` (CSV) and ``voorbeelddata``
(generated caseloads).

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
    from .caseload import CaseloadData, CaseloadSummary, summarize_caseload
    from .export import assessment_csv
    from .mapping import (
        Mapping,
        MappingRule,
        available_mappings,
        load_mapping,
        map_assessment,
        mapping_markdown,
    )
    from .participatieladder import RUNGS, Rung, check_rung, load_ladder, rung, rung_change
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
        GRONINGEN_PILOT_TEAMS,
        GeneratedCaseload,
        example_score_lines,
        generate_caseload,
        generate_levels,
    )

__all__ = [
    "BASIS",
    "GRONINGEN_PILOT_TEAMS",
    "LEVELS",
    "NIET_BESPROKEN_WORDS",
    "RUNGS",
    "AgendaItem",
    "Agreement",
    "Assessment",
    "Calibration",
    "CaseloadData",
    "CaseloadSummary",
    "Domain",
    "DomainAgreement",
    "DomainChange",
    "DomainFeedback",
    "DomainLine",
    "DomainScore",
    "GeneratedCaseload",
    "Mapping",
    "MappingRule",
    "ProfileSummary",
    "Rung",
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
    "descriptor_files",
    "differences",
    "example_score_lines",
    "feedback",
    "generate_caseload",
    "generate_levels",
    "krippendorff_alpha_ordinal",
    "load_descriptors",
    "load_ladder",
    "load_mapping",
    "load_version",
    "map_assessment",
    "mapping_markdown",
    "parse_level",
    "rater_agreement",
    "rater_agreement_matrix",
    "rung",
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
        "caseload",
        "export",
        "mapping",
        "participatieladder",
        "score_feedback",
        "versions",
        "voorbeelddata",
    ],
)
