"""An assessment as a CSV file that Dutch Excel opens directly (semicolons, UTF-8 with BOM).

A rater's name or note that starts like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
gets a leading ``'`` (:func:`~wijkteam_kit._basis.excel_csv.excel_csv`), so Excel never runs it.

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
>>> b = Assessment.build(v, "demo", "=HYPERLINK(1)", {}, date="2024-05-01")
>>> assessment_csv(b, v).decode("utf-8-sig").splitlines()[1].split(";")[:2]
['demo', "'=HYPERLINK(1)"]
"""

from __future__ import annotations

from wijkteam_kit._basis.excel_csv import excel_csv
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
    rows: list[list[object]] = []
    common = [assessment.casus_id, assessment.rater, assessment.date.isoformat(), assessment.version]
    for domain in version.domains:
        score = assessment.scores[domain.id]
        level = "nvt" if score.level is None else score.level
        label = "niet besproken" if score.level is None else version.level_labels[score.level]
        rows.append(
            [*common, domain.id, domain.name, level, label, BASIS.get(score.basis or "", ""), score.note]
        )
    if assessment.ladder is not None:
        step = rung(assessment.ladder)
        rows.append([*common, "participatieladder", "Participatieladder", step.number, step.name, "", ""])
    return excel_csv(HEADER, rows)
