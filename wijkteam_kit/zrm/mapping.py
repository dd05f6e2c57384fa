"""Map assessments between ZRM versions and domain sets (ZRM 2013 ↔ ZRM 2017, ZRM 2013 → Groningen).

Mappings are data files ``data/zrm/mapping_<van>_<naar>.yaml`` made of rules "these source domains ↔ these
target domains". The level rule, the same in both directions:

* a target domain gets the **lowest** level among its scored source domains (the greatest need counts);
* a source domain split over several targets passes its level to each of them; such a score is marked
  *afgeleid* (derived) in its note, so a rater knows to check it;
* a target domain with no scored source stays "niet besproken" (None).

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, load_version
>>> v13 = load_version("zrm2013")
>>> a = Assessment.build(v13, "demo", "Sanne", {"dagbesteding": 2, "adl": 3, "verslaving": 4, "financien": 3})
>>> b = map_assessment(a, "zrm2017")
>>> b.level("werk_opleiding"), b.level("tijdsbesteding"), b.level("basale_adl"), b.level("middelengebruik")
(2, 2, 3, 4)
>>> back = map_assessment(b, "zrm2013")
>>> back.level("dagbesteding"), back.level("adl")
(2, 3)
>>> map_assessment(a, "groningen").level("huisvesting_huishouden")  # min(huisvesting: None, adl: 3)
3
"""

from __future__ import annotations

from dataclasses import dataclass

from wijkteam_kit._basis.catalogue import data_path
from wijkteam_kit._basis.schema import StrictModel, validate_model
from wijkteam_kit._basis.yamlsource import load_yaml_file
from wijkteam_kit.errors import DataFileError, ZrmError
from wijkteam_kit.zrm.assessment import Assessment, DomainScore
from wijkteam_kit.zrm.versions import load_version, unknown_domain_message

__all__ = [
    "Mapping",
    "MappingRule",
    "available_mappings",
    "load_mapping",
    "map_assessment",
    "mapping_markdown",
]


class _RuleFile(StrictModel):
    van: list[str]
    naar: list[str]
    toelichting: str = ""


class _MappingFile(StrictModel):
    van: str
    naar: str
    toelichting: str = ""
    regels: list[_RuleFile]


@dataclass(frozen=True)
class MappingRule:
    """Source domains that correspond to target domains."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Mapping:
    """All rules from one version (or domain set) to another."""

    source: str
    target: str
    rules: tuple[MappingRule, ...]
    note: str = ""

    def inverse(self) -> Mapping:
        """The same correspondence read the other way."""
        return Mapping(
            self.target,
            self.source,
            tuple(MappingRule(r.targets, r.sources, r.note) for r in self.rules),
            self.note,
        )

    def targets_of(self, domain_id: str) -> tuple[str, ...]:
        """Target domains that a source domain feeds.

        >>> load_mapping("zrm2013", "zrm2017").targets_of("adl")
        ('basale_adl', 'instrumentele_adl')
        """
        return tuple(t for r in self.rules if domain_id in r.sources for t in r.targets)


def available_mappings() -> list[tuple[str, str]]:
    """(source, target) pairs that have a mapping file; each also works in reverse."""
    pairs = []
    for path in sorted(data_path("zrm").glob("mapping_*.yaml")):
        data = load_yaml_file(path).data or {}
        pairs.append((str(data.get("van")), str(data.get("naar"))))
    return pairs


def load_mapping(source: str, target: str) -> Mapping:
    """The mapping from ``source`` to ``target`` (a file in either direction), validated against both versions."""
    for a, b, flip in ((source, target, False), (target, source, True)):
        path = data_path("zrm", f"mapping_{a}_{b}.yaml")
        if path.exists():
            mapping = _read(path)
            return mapping.inverse() if flip else mapping
    known = ", ".join(f"{a} ↔ {b}" for a, b in available_mappings())
    raise ZrmError(f"Er is geen omzetting van {source!r} naar {target!r}. Beschikbaar: {known}.")


def _read(path) -> Mapping:
    doc = load_yaml_file(path)
    parsed, problems = validate_model(_MappingFile, doc)
    if parsed is not None:
        versions = {"van": load_version(parsed.van), "naar": load_version(parsed.naar)}
        for i, rule in enumerate(parsed.regels):
            for side in ("van", "naar"):
                for j, domain_id in enumerate(getattr(rule, side)):
                    if domain_id not in versions[side].domain_ids:
                        problems.append(
                            doc.problem(
                                ("regels", i, side, j), unknown_domain_message(versions[side], domain_id)
                            )
                        )
    if problems or parsed is None:
        raise DataFileError(problems)
    rules = tuple(MappingRule(tuple(r.van), tuple(r.naar), r.toelichting) for r in parsed.regels)
    return Mapping(parsed.van, parsed.naar, rules, parsed.toelichting)


def map_assessment(assessment: Assessment, target: str) -> Assessment:
    """Convert an assessment to another version with the rules above; notes say where a level came from."""
    if assessment.version == target:
        return assessment
    mapping = load_mapping(assessment.version, target)
    target_version = load_version(target)
    source_version = load_version(assessment.version)
    collected: dict[str, list[tuple[str, int]]] = {d: [] for d in target_version.domain_ids}
    split: set[str] = set()
    for rule in mapping.rules:
        for source_id in rule.sources:
            level = assessment.scores[source_id].level
            if level is None:
                continue
            for target_id in rule.targets:
                collected[target_id].append((source_id, level))
                if len(rule.targets) > 1:
                    split.add(target_id)
    scores = {}
    for target_id, found in collected.items():
        if not found:
            scores[target_id] = DomainScore(None, "geen brondomein gescoord")
            continue
        level = min(level for _, level in found)
        names = ", ".join(f"{source_version.domain(s).name} {lvl}" for s, lvl in found)
        note = f"omgezet uit {source_version.name}: {names}" + (
            " (afgeleid, controleer)" if target_id in split else ""
        )
        scores[target_id] = DomainScore(level, note)
    return Assessment(
        assessment.casus_id, assessment.rater, target, assessment.date, scores, assessment.ladder
    )


def mapping_markdown(source: str, target: str) -> str:
    """The mapping as a Markdown table (used for ``docs/zrm-versies.md``).

    >>> print(mapping_markdown("zrm2013", "zrm2017").splitlines()[2])
    | Financiën | Financiën |  |
    """
    mapping = load_mapping(source, target)
    a, b = load_version(source), load_version(target)
    lines = [f"| {a.name} | {b.name} | toelichting |", "|---|---|---|"]
    for rule in mapping.rules:
        left = ", ".join(a.domain(d).name for d in rule.sources)
        right = ", ".join(b.domain(d).name for d in rule.targets)
        lines.append(f"| {left} | {right} | {rule.note} |")
    unmapped = [d.name for d in b.domains if not any(d.id in r.targets for r in mapping.rules)]
    if unmapped:
        lines += ["", f"Zonder bron in {a.name} (apart scoren): {', '.join(unmapped)}."]
    return "\n".join(lines)
