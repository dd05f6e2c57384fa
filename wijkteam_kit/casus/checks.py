r"""Checks of a casus file beyond its schema: ZRM domains and levels, network references, texts, privacy.

The reference must also follow the kit's own rules wherever a rule decides (:func:`reference_rule_problems`):
a client of 65 or older is on rung 6 of the participatieladder and the ladder rationale names no other rung;
mantelzorg is no reason for rung 4; and a level rationale that argues for a level ("dus 4 past beter") or against
one ("nog geen 1") agrees with the level it explains.

They run on the raw YAML data, so they report their problems even when the schema check failed elsewhere
(a trainer sees every problem of a file in one go).

Examples
--------
>>> from wijkteam_kit._basis.yamlsource import load_yaml_text
>>> doc = load_yaml_text("netwerk:\n  personen: [{id: a}, {id: a}]\n  banden: [{van: client, naar: b}]\n")
>>> [p.message for p in cross_checks(doc)]
["id 'a' komt twee keer voor", "onbekende persoon 'b'; verwacht 'client' of een id uit de personen"]
"""

from __future__ import annotations

import re
from pathlib import Path

from wijkteam_kit._basis.yamlsource import YamlDocument
from wijkteam_kit.errors import Problem, ZrmError
from wijkteam_kit.netwerk.checks import reference_problems
from wijkteam_kit.privacy import find_identifiers
from wijkteam_kit.zrm.assessment import parse_level
from wijkteam_kit.zrm.participatieladder import AOW_LEEFTIJD, check_rung, rung_by_rule
from wijkteam_kit.zrm.versions import load_version, unknown_domain_message

__all__ = ["client_age", "cross_checks", "doc_text", "reference_rule_problems"]


def cross_checks(doc: YamlDocument) -> list[Problem]:
    """Every problem the schema cannot see: ZRM, network, texts."""
    data = doc.data if isinstance(doc.data, dict) else {}
    return (
        _zrm_problems(data, doc)
        + _network_problems(data, doc)
        + _text_problems(data, doc)
        + reference_rule_problems(doc)
        + _t1_problems(data, doc)
    )


def client_age(data: object) -> int | None:
    """The client's age: the household member whose role starts with 'cliënt' (else the first member).

    >>> client_age({"huishouden": [{"naam": "Henk", "rol": "partner", "leeftijd": 79},
    ...                            {"naam": "Gerda", "rol": "cliënt (mantelzorger)", "leeftijd": 74}]})
    74
    """
    members = [m for m in _items(_get(data, "huishouden")) if isinstance(m, dict)]
    client = next((m for m in members if str(m.get("rol", "")).lower().startswith(("cliënt", "client"))), None)
    client = client or (members[0] if members else None)
    age = client.get("leeftijd") if client else None
    return age if isinstance(age, int) and not isinstance(age, bool) else None


_RUNG_MENTION = re.compile(r"(?<!\w)trede\s+([1-6])(?!\w)", re.IGNORECASE)
#: A rationale arguing *for* a level: "dus 4 past beter", "daarom is 4 passend", "4 past het best".
_FOR_LEVEL = re.compile(
    r"(?<!\w)(?:(?:dus|daarom(?:\s+is)?)\s+([1-5])(?!\w)(?=[^.;]{0,25}\bpas)|([1-5])\s+past\s+(?:beter|het\s+best))",
    re.IGNORECASE,
)
#: A rationale arguing *against* a level: "Geen 5, omdat …", "Het is nog geen 1".
_AGAINST_LEVEL = re.compile(r"(?<!\w)(?:nog\s+)?geen\s+([1-5])(?![\w,.]\d)(?!\w)", re.IGNORECASE)


def reference_rule_problems(doc: YamlDocument) -> list[Problem]:
    r"""Where a kit rule decides, the reference follows it (see the module docstring).

    >>> from wijkteam_kit._basis.yamlsource import load_yaml_text
    >>> doc = load_yaml_text(
    ...     "huishouden: [{naam: Gerda, rol: cliënt, leeftijd: 74}]\n"
    ...     "participatieladder: {trede: 2, toelichting: 'Vroeger stond ze op trede 4.'}\n"
    ...     "zrm: {versie: zrm2013, scores: {huisvesting: {niveau: 5, toelichting: 'Geen 5, want de trap.'}}}\n"
    ... )
    >>> for p in reference_rule_problems(doc):
    ...     print(p.message)  # doctest: +ELLIPSIS
    de cliënt is 74: wie 65 of ouder is, staat op trede 6 (AOW of pensioen), niet op trede 2
    de toelichting noemt trede 4, maar voor een cliënt van 65 of ouder geldt alleen trede 6
    de toelichting zegt 'Geen 5', maar het niveau is 5
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    rung = _get(data, "participatieladder", "trede")
    note = _get(data, "participatieladder", "toelichting")
    note = note if isinstance(note, str) else ""
    age = client_age(data)
    decided = rung_by_rule(age)
    if decided is not None and isinstance(rung, int) and rung != decided:
        problems.append(
            doc.problem(
                ("participatieladder", "trede"),
                f"de cliënt is {age}: wie {AOW_LEEFTIJD} of ouder is, staat op trede {decided} (AOW of "
                f"pensioen), niet op trede {rung}",
            )
        )
    if decided is not None:
        for other in sorted({int(m) for m in _RUNG_MENTION.findall(note)} - {decided}):
            problems.append(
                doc.problem(
                    ("participatieladder", "toelichting"),
                    f"de toelichting noemt trede {other}, maar voor een cliënt van {AOW_LEEFTIJD} of ouder geldt "
                    f"alleen trede {decided}",
                )
            )
    if rung == 4 and re.search(r"mantelzorg", note, re.IGNORECASE) and not re.search(
        r"(?:geen|niet)\b[^.]*mantelzorg|mantelzorg[^.]*\b(?:geen|niet)\b", note, re.IGNORECASE
    ):
        problems.append(
            doc.problem(
                ("participatieladder", "toelichting"),
                "trede 4 is onbetaald werk, vrijwilligerswerk of opleiding; mantelzorg telt daar niet voor",
            )
        )
    scores = _get(data, "zrm", "scores")
    for domain, score in (scores.items() if isinstance(scores, dict) else []):
        level, text = _get(score, "niveau"), _get(score, "toelichting")
        if not isinstance(level, int) or isinstance(level, bool) or not isinstance(text, str):
            continue
        for match in _AGAINST_LEVEL.finditer(text):
            if int(match.group(1)) == level:
                problems.append(
                    doc.problem(
                        ("zrm", "scores", str(domain), "toelichting"),
                        f"de toelichting zegt '{match.group(0)}', maar het niveau is {level}",
                    )
                )
        for match in _FOR_LEVEL.finditer(text):
            argued = int(match.group(1) or match.group(2))
            if argued != level:
                problems.append(
                    doc.problem(
                        ("zrm", "scores", str(domain), "toelichting"),
                        f"de toelichting kiest niveau {argued} ('{match.group(0)}'), maar het niveau is {level}",
                    )
                )
    return problems


def _get(data: object, *keys: str) -> object:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _items(value: object) -> list:
    return value if isinstance(value, list) else []


def _zrm_problems(data: dict, doc: YamlDocument) -> list[Problem]:
    version_id = _get(data, "zrm", "versie")
    scores = _get(data, "zrm", "scores")
    if not isinstance(version_id, str) or not isinstance(scores, dict):
        return []  # the schema check reports these
    try:
        version = load_version(version_id)
    except ZrmError as exc:
        return [doc.problem(("zrm", "versie"), str(exc))]
    problems = []
    for domain_id, score in scores.items():
        if domain_id not in version.domain_ids:
            problems.append(
                doc.problem(("zrm", "scores", domain_id), unknown_domain_message(version, domain_id))
            )
            continue
        if isinstance(score, dict) and "niveau" in score:
            try:
                parse_level(score["niveau"], domain_id, version.domain(domain_id).name)
            except ZrmError as exc:
                problems.append(doc.problem(("zrm", "scores", domain_id, "niveau"), str(exc)))
    missing = [d for d in version.domain_ids if d not in scores]
    if missing:
        problems.append(
            doc.problem(
                ("zrm", "scores"),
                "elk domein heeft een referentiescore nodig (gebruik 'nvt' "
                f"voor niet besproken); ontbreekt: {', '.join(missing)}",
            )
        )
    return problems


def _network_problems(data: dict, doc: YamlDocument) -> list[Problem]:
    return [
        doc.problem(path, message) for path, message in reference_problems(data.get("netwerk"), ("netwerk",))
    ]


def _text_problems(data: dict, doc: YamlDocument) -> list[Problem]:
    problems = []
    story = _get(data, "verhaal")
    if isinstance(story, str) and len([p for p in story.split("\n\n") if p.strip()]) < 2:
        problems.append(
            doc.problem(
                ("verhaal",),
                "het verhaal heeft minstens twee alinea's nodig (scheid alinea's met een lege regel)",
            )
        )
    expected = Path(doc.source).stem
    casus_id = _get(data, "id")
    if doc.source.endswith((".yaml", ".yml")) and isinstance(casus_id, str) and casus_id != expected:
        problems.append(
            doc.problem(("id",), f"id {casus_id!r} moet gelijk zijn aan de bestandsnaam ({expected!r})")
        )
    for hit in find_identifiers(doc_text(doc)):
        problems.append(
            Problem(
                "",
                f"bevat iets dat lijkt op een echt {hit.kind} ({hit.text}); casussen moeten verzonnen zijn",
                doc.source,
            )
        )
    rung = _get(data, "participatieladder", "trede")
    if rung is not None:
        try:
            check_rung(rung)
        except ZrmError as exc:
            problems.append(doc.problem(("participatieladder", "trede"), str(exc)))
    return problems


def doc_text(doc: YamlDocument) -> str:
    """All string values of a document joined, for privacy scanning."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(doc.data)
    return "\n".join(out)


def _t1_problems(data: dict, doc: YamlDocument) -> list[Problem]:
    """The later moment T1: every domain of the casus's version scored, valid levels, rung and target levels."""
    t1 = data.get("t1")
    version_id = _get(data, "zrm", "versie")
    if not isinstance(t1, dict) or not isinstance(version_id, str):
        return []
    try:
        version = load_version(version_id)
    except ZrmError:
        return []  # reported with the T0 scores
    problems = []
    scores = t1.get("zrm")
    if isinstance(scores, dict):
        for domain_id, score in scores.items():
            if domain_id not in version.domain_ids:
                problems.append(doc.problem(("t1", "zrm", domain_id), unknown_domain_message(version, domain_id)))
            elif isinstance(score, dict) and "niveau" in score:
                try:
                    parse_level(score["niveau"], domain_id, version.domain(domain_id).name)
                except ZrmError as exc:
                    problems.append(doc.problem(("t1", "zrm", domain_id, "niveau"), str(exc)))
        missing = [d for d in version.domain_ids if d not in scores]
        if missing:
            problems.append(
                doc.problem(
                    ("t1", "zrm"),
                    "elk domein heeft bij T1 een referentiescore nodig (gebruik 'nvt' voor niet besproken); "
                    f"ontbreekt: {', '.join(missing)}",
                )
            )
    targets = t1.get("doelniveaus")
    if isinstance(targets, dict):
        for domain_id, level in targets.items():
            if domain_id not in version.domain_ids:
                problems.append(
                    doc.problem(("t1", "doelniveaus", domain_id), unknown_domain_message(version, domain_id))
                )
                continue
            try:
                if parse_level(level, domain_id, version.domain(domain_id).name) is None:
                    problems.append(
                        doc.problem(("t1", "doelniveaus", domain_id), "een doelniveau is een heel getal van 1 t/m 5")
                    )
            except ZrmError as exc:
                problems.append(doc.problem(("t1", "doelniveaus", domain_id), str(exc)))
    rung = _get(t1, "participatieladder", "trede")
    if rung is not None:
        try:
            check_rung(rung)
        except ZrmError as exc:
            problems.append(doc.problem(("t1", "participatieladder", "trede"), str(exc)))
    return problems
