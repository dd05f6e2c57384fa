"""An assessment as a CSV file that Dutch Excel opens directly (semicolons, UTF-8 with BOM).

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, load_version
>>> v = load_version("zrm2013")
>>> a = Assessment.build(v, "demo", "Sanne", {"financien": {"niveau": 3, "toelichting": "regeling; loopt"}},
...                      date="2024-05-01", ladder=2)
>>> text = assessment_csv(a, v).decode("utf-8-sig")
>>> text.splitlines()[0]
'casus;beoordelaar;datum;versie;domein;domeinnaam;niveau;niveaulabel;rust op;toelichting'
>>> text.splitlines()[1]
'demo;Sanne;2024-05-01;zrm2013;financien;Financiën;3;Beperkt zelfredzaam;;"regeling; loopt"'
"""

from __future__ import annotations

import csv
import io

from wijkteam_kit.zrm.assessment import BASIS, Assessment
from wijkteam_kit.zrm.participatieladder import rung
from wijkteam_kit.zrm.versions import ZrmVersion

__all__ = ["assessment_csv"]

HEADER = [
    "casus",
    "beoordelaar",
    "datum",
    "versie",
    "domein",
    "domeinnaam",
    "niveau",
    "niveaulabel",
    "rust op",
    "toelichting",
]


def assessment_csv(assessment: Assessment, version: ZrmVersion) -> bytes:
    """One row per domain plus one for the participatieladder; 'nvt' for niet besproken."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    common = [assessment.casus_id, assessment.rater, assessment.date.isoformat(), assessment.version]
    for domain in version.domains:
        score = assessment.scores[domain.id]
        level = "nvt" if score.level is None else score.level
        label = "niet besproken" if score.level is None else version.level_labels[score.level]
        writer.writerow(
            [*common, domain.id, domain.name, level, label, BASIS.get(score.basis or "", ""), score.note]
        )
    if assessment.ladder is not None:
        step = rung(assessment.ladder)
        writer.writerow([*common, "participatieladder", "Participatieladder", step.number, step.name, "", ""])
    return buffer.getvalue().encode("utf-8-sig")
