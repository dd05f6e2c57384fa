"""The one CSV writer and its formula guard, and every CSV export of the kit given formula-like texts.

Each export gets names and texts that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; the
output is parsed with Python's ``csv`` module and no cell (headers included) may start with such a character,
unless it is a plain number written by the kit. The original text must still be there, after the ``'``.
"""

import csv
import io
import re
import zipfile

import pytest

from wijkteam_kit._basis.excel_csv import (
    EXCEL_NL,
    FORMULA_START,
    R_CSV,
    cell_text,
    csv_text,
    excel_csv,
    needs_guard,
    neutralise,
    restore,
)
from wijkteam_kit.casus import load_library
from wijkteam_kit.competenties import Scan, load_framework, scan_csv, team_csv
from wijkteam_kit.competenties.teamprofiel import team_profile
from wijkteam_kit.groepssessie import Deelname, Groepssessie
from wijkteam_kit.groepssessie.analyse.zrm import zrm_payload
from wijkteam_kit.groepssessie.export import session_csv
from wijkteam_kit.netwerk.egor import egor_tables, egor_zip
from wijkteam_kit.netwerk.io import atlas_from_casus, atlas_to_data
from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
from wijkteam_kit.plan import Plan
from wijkteam_kit.store import CSV_COLUMNS, Inzending, Store
from wijkteam_kit.zrm import Assessment, assessment_csv, load_version

DANGEROUS = ['=HYPERLINK("http://x","klik")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
"""One text per dangerous first character."""

PLAIN_NUMBER = re.compile(r"-?\d+(?:[,.]\d+)?")
"""A cell the kit wrote from a number (``-1``, ``-0,5``): a constant, never a formula."""

LIB = {c.id: c for c in load_library()}


def excel_rows(data: bytes) -> list[list[str]]:
    """The cells of a CSV for Dutch Excel (checks the BOM and the ``\\r\\n`` line ends on the way)."""
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def r_rows(text: str) -> list[list[str]]:
    assert not text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_no_formula(rows: list[list[str]]) -> list[str]:
    """Every cell, headers included, is safe; returns all cells for further checks."""
    cells = [cell for row in rows for cell in row]
    bad = [c for c in cells if c.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(c)]
    assert bad == [], f"cells a spreadsheet would run as a formula: {bad}"
    return cells


def assert_readable(cells: list[str], texts: list[str]) -> None:
    """Each text is still there, whole, right after the guard's quote."""
    for text in texts:
        assert any(c == "'" + text or c.startswith("'" + text) for c in cells), text


# --------------------------------------------------------------------------- the writer's rules
@pytest.mark.parametrize("text", DANGEROUS)
def test_each_dangerous_start_gets_one_quote(text):
    assert needs_guard(text)
    assert neutralise(text) == "'" + text
    assert cell_text(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize(
    "text", ["Zoë", "'t Hoekje", "'s-Hertogenbosch", "", "'", "''", "3", "a=b", " =1", "\nx"]
)
def test_harmless_text_is_written_as_is(text):
    assert neutralise(text) == text and restore(text) == text


def test_restore_undoes_the_guard_exactly():
    texts = ["", "'", "x", "'t", *DANGEROUS]
    texts += ["'" * n + start + "x" for n in range(4) for start in FORMULA_START]
    texts += ["'" * n for n in range(4)]
    for text in texts:
        written = neutralise(text)
        assert not written.startswith(FORMULA_START), text
        assert restore(written) == text, text
    assert neutralise("'=x") == "''=x"  # a quote already there is kept: the guard adds one more


def test_numbers_stay_numbers_text_that_looks_like_one_is_guarded():
    numbers = (-1, 0, 12, -0.5, 2.5, -2.0, 1e-07)
    assert [cell_text(v) for v in numbers] == ["-1", "0", "12", "-0,5", "2,5", "-2,0", "1e-07"]
    assert [cell_text(v, R_CSV) for v in (-0.5, 2.5)] == ["-0.5", "2.5"]
    assert [cell_text(v) for v in ("-1", "-0,5", "+31 6 12345678")] == ["'-1", "'-0,5", "'+31 6 12345678"]
    assert cell_text(float("-inf")) == "'-inf" and cell_text(float("nan")) == "nan"  # not a number: text
    assert cell_text(True) == "True" and cell_text(None) == ""


def test_headers_are_guarded_and_the_dialects_differ():
    header = ["naam", "=kolom"]
    rows = [["-x", -1], ["\rx", 0.5]]
    excel = excel_csv(header, rows)
    assert excel.startswith(b"\xef\xbb\xbfnaam;'=kolom\r\n")
    assert excel_rows(excel) == [["naam", "'=kolom"], ["'-x", "-1"], ["'\rx", "0,5"]]
    assert csv_text(header, rows) == excel.decode("utf-8-sig")
    text = csv_text(header, rows, R_CSV)
    assert text.startswith("naam,'=kolom\n") and "\r\n" not in text
    assert r_rows(text) == [["naam", "'=kolom"], ["'-x", "-1"], ["'\rx", "0.5"]]
    assert EXCEL_NL.delimiter == ";" and R_CSV.delimiter == ","


# --------------------------------------------------------------------------- ZRM scores
def test_zrm_assessment_csv_guards_rater_and_notes():
    v = load_version("zrm2013")
    for rater in DANGEROUS:
        notes = {
            d.id: {"niveau": 3, "toelichting": DANGEROUS[i % len(DANGEROUS)]} for i, d in enumerate(v.domains)
        }
        a = Assessment.build(v, "demo", rater, notes, date="2024-05-01", ladder=2)
        rows = excel_rows(assessment_csv(a, v))
        cells = assert_no_formula(rows)
        assert_readable(cells, DANGEROUS)
        assert rows[0][:2] == ["casus", "beoordelaar"]  # the columns did not change
        assert {row[1] for row in rows[1:]} == {"'" + rater}
        assert rows[1][-1] == "'" + notes[v.domains[0].id]["toelichting"]


# --------------------------------------------------------------------------- group session
def _session(oefening, casus):
    return Groepssessie("ABC234", "", casus.id, oefening, "open", False, "2026-03-02T08:30:00+00:00", "")


def _participants(names):
    return [
        Deelname("ABC234", f"p{i}", n, f"2026-03-02T09:0{i}:00+00:00", None, None)
        for i, n in enumerate(names)
    ]


def _handed_in(ds, payloads, soort):
    out = []
    for i, (d, payload) in enumerate(zip(ds, payloads, strict=False)):
        done = Deelname(
            d.sessie, d.deelnemer_id, d.weergavenaam, d.aangemeld, f"2026-03-02T09:1{i}:00+00:00", f"i{i}"
        )
        out.append((done, Inzending(f"i{i}", soort, d.deelnemer_id, payload, sessie="ABC234")))
    return out


def test_session_csv_guards_every_exercise():
    taal, gerda = LIB["administratie-taal"], LIB["mantelzorg-dementie"]
    ds = _participants(DANGEROUS)
    v = taal.version()
    zrm = [
        zrm_payload(
            Assessment.build(v, taal.id, n, {"financien": {"niveau": 2, "toelichting": n}}, date="2026-03-02")
        )
        for n in DANGEROUS[:-2]
    ]
    zrm.append({"scores": "kapot"})  # unreadable: its reason goes in the remark
    rows = excel_rows(session_csv(_session("zrm", taal), ds, _handed_in(ds, zrm, "zrm"), taal))
    cells = assert_no_formula(rows)
    assert [row[0] for row in rows[1:]] == ["'" + n for n in DANGEROUS]
    assert rows[-1][-1] == "nog niet ingeleverd" and rows[-2][-1].startswith("Het antwoord is niet te lezen")
    assert_readable(cells, DANGEROUS)

    plan = Plan(
        zrm_versie="zrm2013",
        probleemstellingen=[{"tekst": "Ik ben moe", "domein": "geestelijke_gezondheid"}],
        oplossingen=[{"tekst": "Ans komt", "stap": "sociaal_netwerk"}],
    )
    rows = excel_rows(
        session_csv(_session("plan", gerda), ds, _handed_in(ds, [plan.to_payload()] * 6, "plan"), gerda)
    )
    assert_readable(assert_no_formula(rows), DANGEROUS)

    atlas = atlas_from_casus(gerda).without_person("lars")
    extra = Persoon(id="x1", naam="=HYPERLINK(1)", relatie="vriend", sector="vrienden", cirkel=2)
    atlas = atlas.model_copy(update={"personen": (*atlas.personen, extra)})
    payloads = [atlas_to_data(atlas)] * 6
    rows = excel_rows(session_csv(_session("netwerkatlas", gerda), ds, _handed_in(ds, payloads, "x"), gerda))
    cells = assert_no_formula(rows)
    assert_readable(cells, [*DANGEROUS, "=HYPERLINK(1)"])  # a person only in the participant's map, too


# --------------------------------------------------------------------------- store export
def test_store_csv_guards_names_payload_and_headers_and_round_trips():
    store = Store(":memory:")
    store.create_team('=HYPERLINK("http://x","team")', "koffie-om-tien")
    # the store turns the tab and the "\r" of a display name into a space and cuts it off: "x"
    people = [store.add_participant(name) for name in DANGEROUS]
    for person, text in zip(people, DANGEROUS, strict=True):
        payload = {
            "toelichting": text,
            text: "kolom",
            "getal": -1,
            "half": -0.5,
            "als_tekst": "-1",
            "lijst": [text],
        }
        store.submit("ontwikkelplan", person.id, payload)
    before = store.submissions("ontwikkelplan")
    data = store.export_csv("ontwikkelplan")
    rows = excel_rows(data)
    cells = assert_no_formula(rows)
    header = rows[0]
    assert tuple(header[: len(CSV_COLUMNS)]) == CSV_COLUMNS  # the columns did not change
    assert_readable(header, DANGEROUS)  # payload keys as column names
    assert_readable(cells, DANGEROUS)
    names = [p.weergavenaam for p in people if needs_guard(p.weergavenaam)]
    assert len(names) == 4  # all but the two that became "x"
    assert_readable([row[3] for row in rows[1:]], names)
    first = dict(zip(header, rows[1], strict=True))
    assert [first[k] for k in ("getal", "half", "als_tekst")] == [
        "-1",
        "-0,5",
        '"-1"',
    ]  # numbers stay numbers
    for record in before:
        store.delete_submission(record.id)
    assert store.import_csv(data, "ontwikkelplan") == len(before)
    assert store.submissions("ontwikkelplan") == before  # every text back exactly, guard taken off
    assert store.export_csv("ontwikkelplan") == data


def test_store_csv_round_trip_is_exact_for_guarded_and_quoted_texts():
    store = Store(":memory:")
    kim = store.add_participant("Kim")
    texts = ["'=x", "''-2", "'t Hoekje", "'", "=1+1", "-x", "-1", "+1", "@a", "\tx", "\rx", "\t3"]
    store.submit("ontwikkelplan", kim.id, {f"t{i}": t for i, t in enumerate(texts)})
    (before,) = store.submissions("ontwikkelplan")
    data = store.export_csv("ontwikkelplan")
    assert_no_formula(excel_rows(data))
    store.delete_submission(before.id)
    assert store.import_csv(data, "ontwikkelplan") == 1
    assert store.submissions("ontwikkelplan") == [before]


# --------------------------------------------------------------------------- competence scans
def test_scan_csv_guards_name_and_examples():
    fw = load_framework("generalist")
    answers = {ind: (3, DANGEROUS[i % len(DANGEROUS)]) for i, ind in enumerate(fw.indicator_ids)}
    scan = Scan.build(fw, "zelf", answers, "2024-03-01")
    examples = {a.example for a in scan.answers.values()}  # the scan strips the white space around an example
    assert {'=HYPERLINK("http://x","klik")', "+1", "-2+3", "@SUM(A1)"} <= examples
    for name in DANGEROUS:
        rows = excel_rows(scan_csv(scan, fw, name=name))
        cells = assert_no_formula(rows)
        assert rows[0][0] == "naam" and {row[0] for row in rows[1:]} == {"'" + name}
        assert_readable(cells, [name, *(e for e in examples if needs_guard(e))])


def test_team_csv_guards_member_names():
    fw = load_framework("movisie-2017")
    scans = {name: Scan.build(fw, "zelf", {i: 4 for i in fw.indicator_ids}) for name in DANGEROUS}
    rows = excel_rows(team_csv(team_profile(scans, fw, target={"integraal_samenwerken": 3.5})))
    cells = assert_no_formula(rows)
    assert rows[0][0] == "teamlid"
    assert {row[0] for row in rows[1:]} == {"'" + name for name in DANGEROUS}
    assert_readable(cells, DANGEROUS)


# --------------------------------------------------------------------------- egor tables
def test_egor_tables_guard_names():
    personen = tuple(
        Persoon(id=f"p{i}", naam=name, relatie="vriend", sector="vrienden", cirkel=2)
        for i, name in enumerate(DANGEROUS)
    )
    banden = tuple(
        Band(van="client", naar=p.id, frequentie="wekelijks", kwaliteit="steunend") for p in personen
    )
    banden += (Band(van="p0", naar="p1", frequentie="maandelijks", kwaliteit="steunend"),)
    atlas = Netwerkatlas(client=Client(naam="-Gerda"), personen=personen, banden=banden)
    tables = egor_tables(atlas, ego_id="casus1", names=True)
    everything = []
    for name, text in tables.items():
        assert text.endswith("\n") and "\r\n" not in text, name
        everything += assert_no_formula(r_rows(text))
    assert_readable(everything, [*DANGEROUS, "-Gerda"])
    alters = list(csv.DictReader(io.StringIO(tables["alters.csv"], newline="")))
    assert [a["naam"] for a in alters] == ["'" + n for n in DANGEROUS]
    assert [a["frequentie_num"] for a in alters] == ["3"] * len(DANGEROUS)  # numbers unchanged
    with zipfile.ZipFile(io.BytesIO(egor_zip(atlas, names=True))) as archive:
        assert archive.read("alters.csv").decode("utf-8") == egor_tables(atlas, names=True)["alters.csv"]
