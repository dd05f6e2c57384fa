r"""Writing a casus in the browser: the sections and fields of the form, checks, YAML out and in, saving.

The app *Casus maken* (``ui/casus_maken``) is a thin view over this module. A casus being written is plain data
(a ``dict`` as in a casus file); the form reads and writes it field by field with :func:`get_in` and
:func:`set_in`. :func:`check_data` runs exactly the checks of ``wijkteam-kit casus check`` on it (the schema,
:func:`~wijkteam_kit.casus.checks.cross_checks` with the reference rules) and returns each problem with the field
it is about; :func:`privacy_warnings` names the field of every BSN-like number, phone number or street address.
:func:`save_casus` writes a file only when it passes the checks, into a trainer's own folder (never the built-in
library); :func:`read_upload` reads a shared file through the kit's safe YAML reader.

Examples
--------
>>> data = new_casus_data()
>>> data["zrm"]["versie"], sorted(data)[:3]
('zrm2013', ['aanmelding', 'dilemmas', 'fase'])
>>> problems = check_data(data)
>>> sorted({section_of(p.field) for p in problems})[:3]
['huishouden', 'krachten', 'ladder']
>>> set_in(data, ("aanmelding", "bron"), "de huisarts")
>>> get_in(data, ("aanmelding", "bron"))
'de huisarts'
>>> set_in(data, ("aanmelding", "bron"), "")  # an empty field is left out of the file, and its empty group
>>> "aanmelding" in data
False
>>> parse_field("netwerk.personen[2].cirkel")
('netwerk', 'personen', 2, 'cirkel')
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from wijkteam_kit._basis.yamlsource import MAX_YAML_BYTES, format_path, load_yaml_text
from wijkteam_kit.casus.model import Casus, validate_document
from wijkteam_kit.errors import CasusError, Problem, ProblemsError
from wijkteam_kit.plan.model import WMO_LABELS, WMO_STAPPEN
from wijkteam_kit.privacy import IdentifierWarning, find_identifiers
from wijkteam_kit.zrm.versions import load_version

__all__ = [
    "FASEN",
    "SECTIES",
    "Sectie",
    "Veld",
    "casus_yaml",
    "check_data",
    "copy_data",
    "field_label",
    "get_in",
    "new_casus_data",
    "parse_field",
    "preview_casus",
    "privacy_warnings",
    "read_upload",
    "save_casus",
    "section_of",
    "set_in",
    "suggest_id",
    "t1_velden",
    "zrm_velden",
]

Soort = Literal["tekst", "lang", "regels", "getal", "keuze", "meerkeuze", "paren"]
PathKey = tuple[str | int, ...]

FASEN = ("analysefase", "planfase", "ondersteuningsfase", "evaluatiefase", "monitoringsfase")
NIVEAUS: tuple[tuple[str, object], ...] = (
    ("(kies)", ""), ("1 acute problematiek", 1), ("2 niet zelfredzaam", 2), ("3 beperkt zelfredzaam", 3),
    ("4 voldoende zelfredzaam", 4), ("5 volledig zelfredzaam", 5), ("niet besproken (nvt)", "nvt"),
)  # fmt: skip
BASIS = (("(niet vastgelegd)", ""), ("eigen kracht", "eigen_kracht"), ("netwerk", "netwerk"),
         ("professionele hulp", "professionele_hulp"))  # fmt: skip
TREDEN: tuple[tuple[str, object], ...] = (
    ("(kies)", ""), ("1 geïsoleerd levend", 1), ("2 sociale contacten buitenshuis", 2),
    ("3 georganiseerde activiteiten", 3), ("4 onbetaald werk, vrijwilligerswerk, opleiding", 4),
    ("5 betaald werk met ondersteuning", 5), ("6 betaald werk (65+: AOW/pensioen)", 6),
)  # fmt: skip
RICHTINGEN = (("(kies)", ""), ("gestegen", "gestegen"), ("gelijk", "gelijk"), ("gedaald", "gedaald"))


@dataclass(frozen=True)
class Veld:
    """One field of the form: where it lives in the casus data, its Dutch label and what kind of input it is.

    ``regels``: a list of texts, one per line; ``paren``: ``sleutel: tekst`` per line (a mapping);
    ``keuze``/``meerkeuze``: ``keuzes`` as ``(label, value)`` pairs (an empty value leaves the field out).
    """

    pad: PathKey
    label: str
    soort: Soort = "tekst"
    keuzes: tuple[tuple[str, object], ...] = ()
    hulp: str = ""

    @property
    def naam(self) -> str:
        """The field as the checks name it (``zrm.scores.financien.niveau``)."""
        return format_path(self.pad)


@dataclass(frozen=True)
class Sectie:
    """A section of the form: the top-level keys of the casus it edits and its fixed fields."""

    id: str
    titel: str
    sleutels: tuple[str, ...]
    velden: tuple[Veld, ...] = ()
    kort: str = ""

    @property
    def tab(self) -> str:
        """The short title for the tab of the section."""
        return self.kort or self.titel


_LID = (
    Veld(("naam",), "Naam (verzonnen)"),
    Veld(("rol",), "Rol", hulp="bv. cliënt, partner, zoon"),
    Veld(("leeftijd",), "Leeftijd", "getal"),
    Veld(("toelichting",), "Toelichting", "lang"),
)
#: The fields of one household member (a row of the list ``huishouden``).
LID_VELDEN = _LID

SECTIES: tuple[Sectie, ...] = (
    Sectie("verhaal", "Verhaal en aanmelding", ("schema_versie", "id", "titel", "samenvatting", "verhaal",
                                               "aanmelding", "fase", "eerdere_hulp", "vervolg"), kort="Verhaal",
           velden=(
        Veld(("titel",), "Titel", hulp="kort, voor de keuzelijst"),
        Veld(("id",), "Bestandsnaam (id)", hulp="kleine letters, cijfers en streepjes"),
        Veld(("samenvatting",), "Samenvatting", "lang", hulp="twee à drie zinnen: wie, welke vraag, waarom nu"),
        Veld(("aanmelding", "bron"), "Wie meldde aan?"),
        Veld(("aanmelding", "route"), "Hoe kwam de casus bij het team?", "lang"),
        Veld(("fase",), "Fase", "keuze", (("(kies)", ""), *((f, f) for f in FASEN))),
        Veld(("verhaal",), "Verhaal", "lang", hulp="minstens twee alinea's; een lege regel scheidt alinea's"),
        Veld(("eerdere_hulp",), "Eerdere hulp", "lang"),
        Veld(("vervolg",), "Vervolg (de apps tonen dit pas na het scoren)", "lang"),
    )),
    Sectie("huishouden", "Huishouden", ("huishouden",)),
    Sectie("krachten", "Krachten", ("krachten",), (
        Veld(("krachten",), "Krachten (één per regel)", "regels", hulp="wat goed gaat, waar het huishouden op bouwt"),
    )),
    Sectie("netwerk", "Netwerk", ("netwerk", "gebeurtenissen")),
    Sectie("zrm", "ZRM", ("zrm",)),
    Sectie("ladder", "Participatieladder", ("participatieladder",), kort="Ladder", velden=(
        Veld(("participatieladder", "trede"), "Trede", "keuze", TREDEN),
        Veld(("participatieladder", "toelichting"), "Toelichting", "lang"),
    )),
    Sectie("t1", "Later moment (T1)", ("t1",), kort="T1"),
    Sectie("leervragen", "Leervragen en dilemma's", ("leervragen", "dilemmas"), kort="Leervragen", velden=(
        Veld(("leervragen",), "Leervragen (één per regel)", "regels"),
        Veld(("dilemmas",), "Dilemma's (één per regel)", "regels"),
    )),
    Sectie("referentieplan", "Referentieplan", ("referentieplan",), kort="Plan"),
)  # fmt: skip


def zrm_velden(versie: str, root: PathKey = ("zrm", "scores"), *, basis: bool = True) -> tuple[Veld, ...]:
    """The level, rationale (and basis) fields of every domain of ZRM version ``versie``.

    >>> [v.naam for v in zrm_velden("zrm2013")][:3]
    ['zrm.scores.financien.niveau', 'zrm.scores.financien.toelichting', 'zrm.scores.financien.basis']
    """
    out: list[Veld] = []
    version = load_version(versie)
    for domain in version.domains:
        out.append(Veld((*root, domain.id, "niveau"), f"{domain.name}: niveau", "keuze", NIVEAUS))
        out.append(Veld((*root, domain.id, "toelichting"), f"{domain.name}: waarom dit niveau", "lang"))
        if basis:
            out.append(Veld((*root, domain.id, "basis"), f"{domain.name}: waar rust het op?", "keuze", BASIS))
    return tuple(out)


def t1_velden(versie: str) -> tuple[Veld, ...]:
    """The fields of the later moment T1 for ZRM version ``versie`` (scores per domain, ladder, evaluation)."""
    version = load_version(versie)
    doel = (("(geen)", ""), *((str(i), i) for i in range(1, 6)))
    return (
        Veld(("t1", "maanden"), "Hoeveel maanden na het eerste contact?", "getal"),
        Veld(("t1", "wat_er_gebeurde"), "Wat er gebeurde", "lang"),
        Veld(("t1", "eigen_woorden"), "In de eigen woorden van het huishouden (één uitspraak per regel)", "regels"),
        *zrm_velden(versie, ("t1", "zrm"), basis=False),
        Veld(("t1", "participatieladder", "trede"), "Trede bij T1 (mag leeg bij 65+)", "keuze", TREDEN),
        Veld(("t1", "participatieladder", "toelichting"), "Toelichting bij de trede", "lang"),
        Veld(("t1", "netwerk"), "Het netwerk bij T1, in woorden", "lang"),
        *(Veld(("t1", "doelniveaus", d.id), f"{d.name}: doelniveau", "keuze", doel) for d in version.domains),
        Veld(("t1", "evaluatie", "vraag_beantwoord"), "Is de vraag beantwoord?", "lang"),
        Veld(("t1", "evaluatie", "proces"), "Hoe ging het proces?", "lang"),
        Veld(("t1", "evaluatie", "zelfredzaamheid"), "Zelfredzaamheid (ZRM)", "keuze", RICHTINGEN),
        Veld(("t1", "evaluatie", "participatie"), "Participatie (ladder)", "keuze", RICHTINGEN),
        Veld(("t1", "evaluatie", "leerpunten"), "Leerpunten (één per regel)", "regels"),
    )


def referentieplan_velden(versie: str) -> tuple[Veld, ...]:
    """The fields of the reference plan (domains of version ``versie``)."""
    domains = tuple((d.name, d.id) for d in load_version(versie).domains)
    lines = "regels"
    return (
        Veld(("referentieplan", "domeinen"), "Domeinen die het plan aanpakt", "meerkeuze", domains),
        Veld(("referentieplan", "geparkeerd"), "Geparkeerd: 'domein: reden' per regel", "paren",
             hulp="domeinen die bewust nog wachten, bv. justitie: komt terug bij de evaluatie"),
        Veld(("referentieplan", "wmo_stappen"), "Stappen van de Wmo-volgorde", "meerkeuze",
             tuple((WMO_LABELS[s], s) for s in WMO_STAPPEN)),
        Veld(("referentieplan", "regisseur"), "Regisseur (één persoon)"),
        Veld(("referentieplan", "evaluatie"), "Evaluatie: wanneer en met wie", "lang"),
        Veld(("referentieplan", "probleemstellingen"), "Probleemstellingen (één per regel)", lines),
        Veld(("referentieplan", "doelstellingen"), "Doelstellingen (één per regel)", lines),
        Veld(("referentieplan", "resultaten"), "Resultaten (één per regel)", lines),
        Veld(("referentieplan", "oplossingen"), "Oplossingen (één per regel)", lines),
        Veld(("referentieplan", "acties"), "Acties (één per regel)", lines),
        Veld(("referentieplan", "toelichting"), "Toelichting voor de trainer", "lang"),
    )  # fmt: skip


# ---------------------------------------------------------------------- data
def parse_field(field: str) -> PathKey:
    """The path of a field as the checks write it (the inverse of ``format_path``)."""
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        out.append(int(index) if index else name)
    return tuple(out)


def section_of(field: str) -> str:
    """The id of the section a field (``"zrm.scores.adl"``) belongs to; ``"verhaal"`` for the file as a whole.

    >>> section_of("huishouden[0].leeftijd"), section_of("t1.zrm"), section_of("")
    ('huishouden', 't1', 'verhaal')
    """
    top = str(parse_field(field)[0]) if field else ""
    return next((s.id for s in SECTIES if top in s.sleutels), "verhaal")


def field_label(field: str, versie: str = "zrm2013") -> str:
    """The label of the form field a problem is about, for a message that points at it.

    >>> field_label("participatieladder.toelichting")
    'Participatieladder › Toelichting'
    >>> field_label("huishouden[1].leeftijd")
    'Huishouden › lid 2 › Leeftijd'
    """
    path = parse_field(field)
    section = next(s for s in SECTIES if s.id == section_of(field))
    fields: list[Veld] = list(section.velden)
    with contextlib.suppress(ValueError):
        fields += [*zrm_velden(versie), *t1_velden(versie), *referentieplan_velden(versie)]
    exact = next((v for v in fields if v.pad == path), None)
    if exact is not None:
        return f"{section.titel} › {exact.label}"
    if len(path) >= 3 and path[0] == "huishouden" and isinstance(path[1], int):
        sub = next((v.label for v in _LID if v.pad == path[2:3]), str(path[2]))
        return f"{section.titel} › lid {path[1] + 1} › {sub}"
    inner = ".".join(str(k) for k in path[1:] if not isinstance(k, int) and k not in ("scores",))
    return section.titel + (f" › {inner}" if inner else "")


def get_in(data: object, path: Sequence[str | int]) -> Any:
    """The value at ``path``, or None when any part is missing."""
    for key in path:
        if (isinstance(data, dict) and key in data) or (
            isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)
        ):
            data = data[key]
        else:
            return None
    return data


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def set_in(data: dict, path: Sequence[str | int], value: object) -> None:
    """Put ``value`` at ``path`` (making groups on the way); an empty value removes the field (and empty groups).

    >>> data = {"huishouden": [{"naam": "Lotte"}]}
    >>> set_in(data, ("huishouden", 0, "leeftijd"), 58)
    >>> data
    {'huishouden': [{'naam': 'Lotte', 'leeftijd': 58}]}
    """
    *parents, last = path
    node: Any = data
    trail: list[tuple[Any, str | int]] = []
    for key in parents:
        child = get_in(node, (key,))
        if not isinstance(child, dict | list):
            if _empty(value) or not isinstance(node, dict):
                return
            child = node[key] = {}
        trail.append((node, key))
        node = child
    if _empty(value):
        if isinstance(node, dict):
            node.pop(last, None)
        for parent, key in reversed(trail):  # drop groups left empty (never a list item)
            if isinstance(parent, dict) and parent[key] == {}:
                parent.pop(key)
    elif isinstance(node, dict) or (isinstance(node, list) and isinstance(last, int) and last < len(node)):
        node[last] = value


_ORDER = tuple(Casus.model_fields)


def _ordered(data: dict) -> dict:
    return {k: data[k] for k in sorted(data, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))}


def new_casus_data(versie: str = "zrm2013") -> dict:
    """An empty casus to start from: every domain of ``versie`` waiting for a score, an empty network."""
    return {
        "schema_versie": 1,
        "id": "",
        "aanmelding": {},
        "zrm": {"versie": versie, "scores": {}},
        "participatieladder": {},
        "netwerk": {"personen": []},
        "huishouden": [],
        "krachten": [],
        "leervragen": [],
        "dilemmas": [],
        "fase": "analysefase",
    }


def copy_data(casus: Casus, new_id: str | None = None, titel: str | None = None) -> dict:
    """A casus as editable data (defaults left out), optionally under a new id and title (a copy to change).

    >>> from wijkteam_kit.casus import load_library
    >>> casus = next(c for c in load_library() if c.id == "administratie-taal")
    >>> data = copy_data(casus, "administratie-taal-eigen", "Karim (eigen versie)")
    >>> data["id"], check_data(data)
    ('administratie-taal-eigen', [])
    """
    data = casus.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    data["schema_versie"] = 1
    if new_id is not None:
        data["id"] = new_id
    if titel is not None:
        data["titel"] = titel
    return _ordered(data)


def suggest_id(titel: str, taken: Iterable[str] = ()) -> str:
    """A file name (id) from a title: small letters, digits and dashes, not one of ``taken``.

    >>> suggest_id("Fatma en de energierekening!"), suggest_id("Één", taken=["een"])
    ('fatma-en-de-energierekening', 'een-2')
    """
    import unicodedata

    plain = unicodedata.normalize("NFKD", titel).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-") or "eigen-casus"
    taken = set(taken)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class _Dumper(yaml.SafeDumper):
    """Block style, text with line breaks as ``|`` blocks, keys in the order given."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        text = "\n".join(line.rstrip() for line in value.splitlines())
        return dumper.represent_scalar("tag:yaml.org,2002:str", text + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def casus_yaml(data: dict) -> str:
    r"""The casus as the text of a YAML file (what ``casus check`` reads and what the app saves).

    >>> print(casus_yaml({"id": "x", "verhaal": "Een.\n\nTwee."}), end="")
    id: x
    verhaal: |
      Een.
    <BLANKLINE>
      Twee.
    """
    return yaml.dump(_ordered(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)


# ---------------------------------------------------------------------- checks
def _walk(value: object, path: PathKey = ()) -> Iterable[tuple[PathKey, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def privacy_warnings(data: dict) -> list[tuple[str, IdentifierWarning]]:
    """Every BSN-like number, phone number or street address in the texts, with the field it is in.

    >>> privacy_warnings({"verhaal": "Ze woont op de Kerkstraat 12.", "krachten": ["bel 0612345678"]})
    [('verhaal', IdentifierWarning(kind='adres', text='Kerkstraat 12')), ('krachten[0]', IdentifierWarning(kind='telefoonnummer', text='0612345678'))]
    """  # noqa: E501
    return [(format_path(path), hit) for path, text in _walk(data) for hit in find_identifiers(text)]


def check_data(data: dict, *, taken_ids: Iterable[str] = ()) -> list[Problem]:
    """Every problem ``wijkteam-kit casus check`` would report for this casus, each with its field.

    The file name is taken from the id, as the app saves it. ``taken_ids`` are ids the casus may not have (the
    built-in library's). A privacy problem is reported on the field that holds the text.
    """
    casus_id = data.get("id") if isinstance(data.get("id"), str) else ""
    source = f"{casus_id or 'casus'}.yaml"
    try:
        doc = load_yaml_text(casus_yaml(data), source=source)
    except ProblemsError as exc:  # pragma: no cover - the kit writes valid YAML
        return exc.problems
    _casus, problems = validate_document(doc)
    problems = [p for p in problems if not p.message.startswith("bevat iets dat lijkt op")]
    if not casus_id:
        problems = [p for p in problems if p.field != "id" or "bestandsnaam" not in p.message]
    problems += [
        Problem(field, f"bevat iets dat lijkt op een echt {hit.kind} ({hit.text}); casussen moeten verzonnen zijn",
                source)
        for field, hit in privacy_warnings(data)
    ]  # fmt: skip
    if casus_id and casus_id in set(taken_ids):
        problems.append(
            Problem("id", f"de bibliotheek van de kit heeft al een casus {casus_id!r}; kies een andere naam", source)
        )
    return problems


def preview_casus(data: dict) -> Casus | None:
    """The casus as the apps would load it, or None while it does not pass the checks."""
    if check_data(data):
        return None
    doc = load_yaml_text(casus_yaml(data), source=f"{data['id']}.yaml")
    casus, _ = validate_document(doc)
    return casus


# ---------------------------------------------------------------------- files
def read_upload(content: bytes, name: str) -> dict:
    r"""A shared casus file as data to go on with, read with the kit's safe YAML reader.

    The file may still have problems (the app shows them); it must be UTF-8 YAML with fields at the top.

    >>> read_upload(b"id: x\ntitel: Een casus\n", "x.yaml")
    {'id': 'x', 'titel': 'Een casus'}
    >>> read_upload(b"- een lijst", "y.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.CasusError: y.yaml: dit is geen casusbestand: ...
    """
    if not name.lower().endswith((".yaml", ".yml")):
        raise CasusError([Problem("", "kies een casusbestand dat eindigt op .yaml of .yml", name)])
    if len(content) > MAX_YAML_BYTES:
        raise CasusError([Problem("", f"het bestand is te groot; verwacht hoogstens {MAX_YAML_BYTES // 1000} kB",
                                  name)])  # fmt: skip
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CasusError([Problem("", "het bestand is geen UTF-8-tekst; sla het op als UTF-8", name)]) from None
    try:
        doc = load_yaml_text(text, source=name)
    except ProblemsError as exc:
        raise CasusError(exc.problems) from exc
    if not isinstance(doc.data, dict):
        raise CasusError(
            [Problem("", "dit is geen casusbestand: verwacht velden als id, titel en verhaal bovenaan", name)]
        )
    return doc.data


def save_casus(data: dict, folder: str | Path, *, taken_ids: Iterable[str] = ()) -> Path:
    """Write the casus to ``folder/<id>.yaml`` when it passes every check; else :class:`CasusError`.

    The file is written next to its place and then moved there, so a reader never sees half a file.
    """
    problems = check_data(data, taken_ids=taken_ids)
    if problems:
        raise CasusError(problems)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{data['id']}.yaml"
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=".casus-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(casus_yaml(data))
        os.replace(tmp, target)
    except OSError as exc:
        raise CasusError([Problem("", f"kan de casus niet opslaan in {folder} ({exc.strerror})", str(folder))]) from exc
    return target
