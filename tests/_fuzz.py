"""Hostile and broken inputs for every loader of the kit, shared by tests/test_fuzz_loaders.py and
benchmarks/fuzz_loaders.py.

A loader takes the bytes of one file (written to a temporary folder when it reads paths) and either returns
what it read or raises a ``WijkteamError``. ``inputs(loader, rng)`` yields generated inputs: mutations of a
real file of that kind (cut off, characters removed or added, lines doubled, a value replaced by something
hostile) plus the known attacks (alias bombs, entity bombs, deep nesting, giant numbers and cells).
"""

from __future__ import annotations

import atexit
import functools
import itertools
import random
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from wijkteam_kit._basis.catalogue import data_path
from wijkteam_kit._basis.schema import looks_english
from wijkteam_kit.errors import ProblemsError, WijkteamError

ROOT = Path(__file__).resolve().parents[1]
_TMP = Path(tempfile.mkdtemp(prefix="wijkteam-fuzz-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
_COUNTER = itertools.count()


def _file(data: bytes, suffix: str = ".yaml", stem: str | None = None) -> Path:
    folder = Path(tempfile.mkdtemp(dir=_TMP, prefix=f"{next(_COUNTER)}-"))
    path = folder / f"{stem or 'bestand'}{suffix}"
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------- loaders
def _casus(data: bytes):
    from wijkteam_kit.casus.model import load_casus

    return load_casus(_file(data, stem="mantelzorg-dementie"))


def _zrm_versie(data: bytes):
    from wijkteam_kit.zrm.versions import load_version

    return load_version(_file(data, stem="zrm2013"))


def _zrm_beschrijvingen(data: bytes):
    from wijkteam_kit.zrm.versions import load_descriptors, load_version

    return load_descriptors(load_version("zrm2013"), _file(data))


def _zrm_omzetting(data: bytes):
    from wijkteam_kit.zrm import mapping

    return mapping._read(_file(data))


def _participatieladder(data: bytes):
    from wijkteam_kit.zrm import participatieladder as ladder

    path = _file(data)
    original = ladder.data_path
    caches = (ladder.load_ladder, ladder.ladder_rules, ladder._ladder_file)
    ladder.data_path = lambda *_parts: path
    for cached in caches:
        cached.cache_clear()
    try:
        return ladder.load_ladder()
    finally:
        ladder.data_path = original
        for cached in caches:
            cached.cache_clear()


def _jargon(data: bytes):
    from wijkteam_kit.plan.taal import load_jargon

    return load_jargon(_file(data))


def _intervisiemethode(data: bytes):
    from wijkteam_kit.intervisie.methodes import load_method

    return load_method(_file(data, stem="balint"))


def _dilemmakaarten(data: bytes):
    from wijkteam_kit.intervisie.dilemmakaarten import dilemma_cards

    return dilemma_cards([], bestand=_file(data))


def _competentiekader(data: bytes):
    from wijkteam_kit.competenties.frameworks import load_framework

    return load_framework(_file(data, stem="generalist"))


def _bouwstenen(data: bytes):
    from wijkteam_kit.bouwstenen.model import load_model

    return load_model(_file(data))


def _atlas_json(data: bytes):
    from wijkteam_kit.netwerk.io import atlas_from_json

    return atlas_from_json(data, source="kaart.json")


def _graphml(data: bytes):
    from wijkteam_kit.netwerk.graphml import atlas_from_graphml

    return atlas_from_graphml(data, source="kaart.graphml")


def _backup(data: bytes):
    from wijkteam_kit.store import read_export

    return read_export(data.decode("utf-8", errors="replace"))


def _csv(data: bytes):
    from wijkteam_kit.store import read_csv

    return read_csv(data, "zrm")


LOADERS: dict[str, Callable[[bytes], object]] = {
    "casus": _casus,
    "zrm-versie": _zrm_versie,
    "zrm-beschrijvingen": _zrm_beschrijvingen,
    "zrm-omzetting": _zrm_omzetting,
    "participatieladder": _participatieladder,
    "jargon": _jargon,
    "intervisiemethode": _intervisiemethode,
    "dilemmakaarten": _dilemmakaarten,
    "competentiekader": _competentiekader,
    "bouwstenen": _bouwstenen,
    "netwerkatlas-json": _atlas_json,
    "graphml": _graphml,
    "network-canvas": _graphml,
    "back-up": _backup,
    "csv-import": _csv,
}
"""Every loader of a file a trainer can open (Network Canvas goes through the GraphML loader)."""

YAML_LOADERS = tuple(list(LOADERS)[:10])


# ---------------------------------------------------------------------------------------------- samples
def _descriptor_sample() -> bytes:
    from wijkteam_kit.zrm.versions import load_version

    version = load_version("zrm2013")
    lines = ["versie: zrm2013", "bron: eigen teksten", "domeinen:"]
    for domain in version.domains[:3]:
        lines.append(f"  {domain.id}:")
        lines += [f'    {level}: ["niveau {level} van {domain.id}"]' for level in range(1, 6)]
    return ("\n".join(lines) + "\n").encode()


def _atlas():
    from wijkteam_kit.casus.model import load_casus
    from wijkteam_kit.netwerk.io import atlas_from_casus

    return atlas_from_casus(load_casus(ROOT / "casuses" / "mantelzorg-dementie.yaml"), moment=None)


def _backup_sample() -> tuple[bytes, bytes]:
    from wijkteam_kit.store import Store

    store = Store(":memory:")
    kim = store.add_participant("Kim")
    store.submit("zrm", kim.id, {"financien": 3, "toelichting": "regeling; loopt", "formule": "=1+1"})
    store.submit("zrm", kim.id, {"financien": 2, "lijst": [1, [2, {"a": None}]]})
    return store.export_json().encode(), store.export_csv("zrm")


@functools.cache
def samples() -> dict[str, bytes]:
    """One real, valid file per loader."""
    from wijkteam_kit.netwerk.graphml import atlas_to_graphml
    from wijkteam_kit.netwerk.io import atlas_to_json
    from wijkteam_kit.netwerk.networkcanvas import VOORBEELD_EXPORT

    backup, csv = _backup_sample()
    atlas = _atlas()
    return {
        "casus": (ROOT / "casuses" / "mantelzorg-dementie.yaml").read_bytes(),
        "zrm-versie": data_path("zrm", "zrm2013.yaml").read_bytes(),
        "zrm-beschrijvingen": _descriptor_sample(),
        "zrm-omzetting": data_path("zrm", "mapping_zrm2013_zrm2017.yaml").read_bytes(),
        "participatieladder": data_path("participatieladder.yaml").read_bytes(),
        "jargon": data_path("plan", "jargon.yaml").read_bytes(),
        "intervisiemethode": data_path("intervisie", "balint.yaml").read_bytes(),
        "dilemmakaarten": data_path("intervisie", "dilemmas.yaml").read_bytes(),
        "competentiekader": data_path("competenties", "generalist.yaml").read_bytes(),
        "bouwstenen": data_path("bouwstenen.yaml").read_bytes(),
        "netwerkatlas-json": atlas_to_json(atlas).encode(),
        "graphml": atlas_to_graphml(atlas.at_moment("T0")).encode(),
        "network-canvas": VOORBEELD_EXPORT.encode(),
        "back-up": backup,
        "csv-import": csv,
    }


# ---------------------------------------------------------------------------------------------- attacks
def _billion_laughs_yaml(levels: int = 9, width: int = 9) -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return ("\n".join(lines) + f"\nid: *a{levels - 1}\n").encode()


def _billion_laughs_xml(levels: int = 10) -> bytes:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, levels)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE graphml [\n' + "\n".join(ents) + "\n]>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="n" for="node" attr.name="naam" '
        f'attr.type="string"/><graph><node id="a"><data key="n">&lol{levels - 1};</data></node></graph></graphml>'
    ).encode()


def _merge_bomb(levels: int = 30) -> bytes:
    lines = ["a0: &a0 {x: 1, y: 2}"]
    for i in range(1, levels):
        prev = f"a{i - 1}"
        lines.append(f"a{i}: &a{i} {{<<: *{prev}, k{i}: [*{prev}, *{prev}]}}")
    return ("\n".join(lines) + "\n").encode()


GRAPHML_HEAD = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="c" for="node" attr.name="cirkel" '
    'attr.type="int"/><graph edgedefault="undirected">'
)


def attacks(loader: str) -> list[tuple[str, bytes]]:
    """Known hostile files for ``loader``: (name, bytes)."""
    out: list[tuple[str, bytes]] = []
    if loader in YAML_LOADERS:
        out += [
            ("alias-bom", _billion_laughs_yaml()),
            ("alias-bom-klein", _billion_laughs_yaml(6, 6)),
            ("alias-bom-merge", _merge_bomb()),
            ("recursieve-alias", b"a: &a [*a]\n"),
            ("recursieve-alias-map", b"a: &a {b: *a}\nid: x\n"),
            ("diep-flow", b"id: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
            ("diep-blok", "".join("  " * i + f"k{i}:\n" for i in range(200)).encode() + b"  " * 200 + b"x\n"),
            ("dubbele-sleutel", b"id: a\nid: b\n"),
            ("true-als-sleutel", b"true: a\n1: b\n"),
            ("python-tag", b"id: !!python/object/apply:os.system ['echo hoi']\n"),
            ("groot-getal", b"id: " + b"9" * 5000 + b"\n"),
            ("oneindig", b"id: .inf\nniveau: .nan\n"),
            ("groot-bestand", b"id: x\ntekst: '" + b"a" * 2_500_000 + b"'\n"),
            ("twee-documenten", b"id: a\n---\nid: b\n"),
            ("binair", bytes(range(256)) * 4),
            ("leeg", b""),
            ("lijst", b"- a\n- b\n"),
            ("ongeldige-datum", b"id: 2024-13-45\n"),
            ("tab", b"id:\ta\n\tb: c\n"),
            ("veel-waarden", b"id: [" + b"a," * 9_990 + b"a]\n"),
            ("te-veel-waarden", b"id: [" + b"a," * 500_000 + b"a]\n"),
            ("lange-teksten", b"id: [" + (b"'" + b"a" * 40 + b"',") * 9_000 + b"b]\n"),
        ]
    if loader == "casus":
        base = samples()["casus"].decode()
        out += [
            ("cirkel-true", re.sub(r"cirkel: \d", "cirkel: true", base, count=1).encode()),
            ("sinds-na-tot", base.replace("cirkel: 1", "cirkel: 1\n      sinds: T2\n      tot: T1", 1).encode()),
        ]
    if loader in ("netwerkatlas-json", "back-up"):
        out += [
            ("diep-json", b"[" * 100_000 + b"]" * 100_000),
            ("diep-json-object", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
            ("groot-getal", b'{"personen": [], "x": ' + b"9" * 5000 + b"}"),
            ("nan", b'{"personen": [{"id": "a", "naam": "A", "relatie": "buur", "sector": "buurt", "cirkel": NaN}]}'),
            ("oneindig", b'{"personen": [], "x": 1e999}'),
            ("groot-bestand", b'{"x": "' + b"a" * 21_000_000 + b'"}'),
            ("schema-true", b'{"formaat": "wijkteam-kit-opslag", "schema": true}'),
            ("schema-min-een", b'{"formaat": "wijkteam-kit-opslag", "schema": -1}'),
            ("cirkel-true", b'{"personen": [{"id": "a", "naam": "A", "relatie": "buur", "sector": "buurt", "cirkel": true}]}'),  # noqa: E501
            ("positie-oneindig", b'{"personen": [{"id": "a", "naam": "A", "relatie": "buur", "sector": "buurt", "cirkel": 1, "positie": [1e308, 1e400]}]}'),  # noqa: E501
            ("kring-afstamming", b'{"personen": [{"id": "a", "naam": "A", "relatie": "kind", "sector": "familie", "cirkel": 1}, {"id": "b", "naam": "B", "relatie": "kind", "sector": "familie", "cirkel": 1}], "afstamming": [{"kind": "a", "ouders": ["b"]}, {"kind": "b", "ouders": ["a"]}]}'),  # noqa: E501
            ("ongeldige-utf8", b'{"a": "\xff\xfe"}'),
            ("veel-lijsten", b"[" + b"[]," * 66_000 + b"[]]"),
            ("te-veel-lijsten", b"[" + b"{}," * 1_000_000 + b"{}]"),
            ("veel-teksten", b"[" + (b'"' + b"a" * 40 + b'",') * 40_000 + b'"a"]'),
        ]  # fmt: skip
    if loader in ("graphml", "network-canvas"):
        out += [
            ("entiteit-bom", _billion_laughs_xml()),
            ("externe-entiteit", b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
             + GRAPHML_HEAD.encode() + b'<node id="a"><data key="c">&x;</data></node></graph></graphml>'),
            ("parameter-entiteit", b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY % p SYSTEM "http://voorbeeld.invalid/x.dtd"> %p;]><graphml/>'),  # noqa: E501
            ("externe-dtd", b'<?xml version="1.0"?><!DOCTYPE graphml SYSTEM "http://voorbeeld.invalid/g.dtd"><graphml/>'),
            ("diep-xml", GRAPHML_HEAD.encode() + b"<node id='a'>" + b"<x>" * 50_000 + b"</x>" * 50_000 + b"</node></graph></graphml>"),  # noqa: E501
            ("geen-getal", GRAPHML_HEAD.encode() + b'<node id="a"><data key="c">twee</data></node></graph></graphml>'),
            ("groot-getal", GRAPHML_HEAD.encode() + b'<node id="a"><data key="c">' + b"9" * 5000 + b"</data></node></graph></graphml>"),  # noqa: E501
            ("veel-knopen", GRAPHML_HEAD.encode() + b"".join(b'<node id="n%d"/>' % i for i in range(6000)) + b"</graph></graphml>"),  # noqa: E501
            ("geen-xml", b"dit is geen xml"),
            ("veel-elementen", b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>' + b"<a/>" * 49_990 + b"</graph></graphml>"),  # noqa: E501
            ("te-veel-elementen", b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>' + b"<a/>" * 400_000 + b"</graph></graphml>"),  # noqa: E501
            ("ander-xml", b"<html><body>hoi</body></html>"),
            ("nc-zonder-cirkel", re.sub(rb'<data key="nabijheid">\d</data>', b"", samples()["network-canvas"])),
            ("nc-zonder-personen", re.sub(rb"<node .*?</node>\s*|<edge .*?</edge>\s*", b"", samples()["network-canvas"], flags=re.S)),  # noqa: E501
        ]  # fmt: skip
    if loader == "csv-import":
        header = samples()["csv-import"].split(b"\n", 1)[0]
        out += [
            ("lange-cel", header + b"\nx1;zrm;p-abcdef;Kim;;;;;;" + b"a" * 140_000 + b"\n"),
            ("nul-byte", header + b"\nx1;zrm;p-abcdef;\x00;;;\n"),
            ("open-aanhalingsteken", header + b'\nx1;zrm;p-abcdef;"Kim\n'),
            ("diepe-json-cel", header + b"\nx1;zrm;p-abcdef;Kim;;;;;;" + b"[" * 5000 + b"]" * 5000 + b"\n"),
            ("groot-getal-cel", header + b"\nx1;zrm;p-abcdef;Kim;;;;;;" + b"9" * 5000 + b"\n"),
            ("geen-utf8", b"\xff\xfe" + header),
            ("geen-kop", b"a;b;c\n1;2;3\n"),
            ("te-veel-regels", header + b"\nx;zrm;p-abcdef;K;;;;;;1" * 6_000 + b"\n"),
        ]
    return out


# ---------------------------------------------------------------------------------------------- mutations
HOSTILE_VALUES = (
    "true", "false", "-1", "0", "1e999", "-1e999", ".inf", ".nan", "NaN", "Infinity", "9" * 5000, "null", "~",
    "[]", "{}", "''", '""', "'" + "x" * 5000 + "'", "&a [*a]", "*onbekend", "!!binary AAA", "T9", "T0", "2024-02-30",
    "\"\\ud800\"", "'\u202e'", "<script>", "=1+1", "1.5", "3", "'3'", "[1, [2, [3]]]",
)  # fmt: skip
JUNK = ("\t", "\x00", "\x07", ":", "'", '"', "[", "]", "{", "}", "-", "&", "*", "!", "%", "@", "`", "\n", "<", ">",
        "&amp;", "&x;", "<![CDATA[", "]]>", "\\", ";", ",", "\ufeff", "é", "€")  # fmt: skip
_VALUE = re.compile(rb"(:\s|\"\s*:\s*|>)([^\n<>,]{1,60})")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random change of ``data``: cut, remove, insert junk, double or swap lines, hostile value, bytes."""
    kind = rng.randrange(9)
    n = len(data)
    if kind == 0 and n:
        return data[: rng.randrange(n)]
    if kind == 1 and n:
        start = rng.randrange(n)
        return data[:start] + data[start + rng.randint(1, 40) :]
    if kind == 2:
        at = rng.randrange(n + 1)
        junk = "".join(rng.choice(JUNK) for _ in range(rng.randint(1, 5))).encode()
        return data[:at] + junk + data[at:]
    lines = data.split(b"\n")
    if kind == 3 and lines:
        i = rng.randrange(len(lines))
        return b"\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    if kind == 4 and len(lines) > 2:
        i, j = rng.sample(range(len(lines)), 2)
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    if kind in (5, 6, 7):
        matches = list(_VALUE.finditer(data))
        if matches:
            m = rng.choice(matches)
            value = rng.choice(HOSTILE_VALUES).encode("utf-8", errors="surrogatepass")
            return data[: m.start(2)] + value + data[m.end(2) :]
    if kind == 8 and n:
        at = rng.randrange(n)
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
    return data[: n // 2]


def inputs(loader: str, count: int, seed: int = 14) -> Iterator[tuple[str, bytes]]:
    """``count`` inputs for ``loader``: first the known attacks, then seeded random mutations (1–3 changes)."""
    rng = random.Random(f"{seed}-{loader}")
    sample = samples()[loader]
    made = 0
    for name, data in attacks(loader):
        if made >= count:
            return
        yield name, data
        made += 1
    while made < count:
        data = sample
        for _ in range(rng.randint(1, 3)):
            data = mutate(data, rng)
        yield f"mutatie-{made}", data
        made += 1


# ---------------------------------------------------------------------------------------------- judging
PLACE_WORDS = ("kaart.", "bestand", ".yaml", "import", "CSV-import", "regel", "veld", "knoop", "rand")


def messages(exc: BaseException) -> list[str]:
    """The Dutch messages of an error (one per problem)."""
    if isinstance(exc, ProblemsError):
        return [p.message for p in exc.problems]
    return [str(exc)]


def english(exc: BaseException) -> list[str]:
    """Messages of ``exc`` with English text from a library in them."""
    return [m for m in messages(exc) if looks_english(m)]


def judge(loader: str, data: bytes) -> tuple[str, BaseException | None]:
    """``("aanvaard" | "geweigerd" | "andere fout", exception)`` for one input."""
    try:
        LOADERS[loader](data)
    except WijkteamError as exc:
        return "geweigerd", exc
    except BaseException as exc:
        return "andere fout", exc
    return "aanvaard", None
