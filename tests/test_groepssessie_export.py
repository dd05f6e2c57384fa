import csv
import datetime as dt
import io
import re
import time

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.document import Alinea, Kop, Lijst, Tabel
from wijkteam_kit.draw import inline_svg
from wijkteam_kit.draw.document_pdf import document_pdf_pages, page_texts
from wijkteam_kit.draw.groepssessie import handout_pages, handout_pdf
from wijkteam_kit.groepssessie import Deelname, Groepssessie
from wijkteam_kit.groepssessie.analyse import groep
from wijkteam_kit.groepssessie.analyse.zrm import zrm_payload
from wijkteam_kit.groepssessie.export import handout_document, session_csv
from wijkteam_kit.netwerk.io import atlas_from_casus, atlas_to_data
from wijkteam_kit.plan import Plan
from wijkteam_kit.store import Inzending
from wijkteam_kit.store.schema import local_time
from wijkteam_kit.zrm import Assessment

LIB = {c.id: c for c in load_library()}
TAAL = LIB["administratie-taal"]
GERDA = LIB["mantelzorg-dementie"]
DAY = dt.date(2026, 3, 2)
NASTY = 'Zoë "de" Vries; <script>alert(1)</script>\nregel twee é'
NAMES = [NASTY, "José Probeernaam", "=SOM(A1) Kees $x$", "Tim Laatkomer"]


@pytest.fixture
def amsterdam(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def sessie(oefening, casus, titel=""):
    return Groepssessie("ABC234", titel, casus.id, oefening, "open", False, "2026-03-02T08:30:00+00:00", "")


def deelnames():
    return [
        Deelname("ABC234", f"p{i}", name, f"2026-03-02T09:0{i}:00+00:00", None, None)
        for i, name in enumerate(NAMES)
    ]


def submitted(ds, payloads, oefening):
    """(Deelname, Inzending) pairs for the first len(payloads) participants."""
    out = []
    for i, (d, payload) in enumerate(zip(ds, payloads, strict=False)):
        stamp = f"2026-03-02T09:1{i}:00+00:00"
        done = Deelname(d.sessie, d.deelnemer_id, d.weergavenaam, d.aangemeld, stamp, f"i{i}")
        out.append((done, Inzending(f"i{i}", oefening, d.deelnemer_id, payload, sessie="ABC234")))
    return out


def zrm_answers():
    v = TAAL.version()
    levels = [
        {"financien": 2, "adl": 3, "huisvesting": 4},
        {"financien": 2, "adl": 4, "huisvesting": 4},
        {"financien": 4, "adl": 3, "huisvesting": 4},
    ]
    return [
        zrm_payload(Assessment.build(v, TAAL.id, name, lv, date="2026-03-02", ladder=ladder))
        for name, lv, ladder in zip(NAMES, levels, (2, 3, None), strict=False)
    ]


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def document_texts(doc) -> str:
    parts = [doc.titel, doc.ondertitel]
    for block in doc.blokken:
        if isinstance(block, Kop | Alinea):
            parts.append(block.tekst)
        elif isinstance(block, Lijst):
            parts += block.items
        elif isinstance(block, Tabel):
            parts += block.kolommen
            parts += [cell for row in block.rijen for cell in row]
    return "\n".join(parts)


# --------------------------------------------------------------------------- CSV
def test_zrm_csv_one_row_per_participant_survives_a_round_trip(amsterdam):
    ds = deelnames()
    answers = submitted(ds, zrm_answers(), "zrm")
    rows = read(session_csv(sessie("zrm", TAAL), ds, answers, TAAL))
    domains = [d.name for d in TAAL.version().domains]
    assert rows[0] == ["naam", "aangemeld", "ingeleverd", *domains, "participatieladder", "opmerking"]
    assert len(rows) == 1 + len(NAMES)
    first = rows[1]
    assert first[0] == NASTY  # ë, é, quotes, ; , newline and <script> all back as typed
    assert first[1:3] == ["2026-03-02 10:00", "2026-03-02 10:10"]  # stored UTC, shown in local time
    assert first[3:6] == ["2", "nvt", "4"] and first[3 + 7] == "3"  # adl is the eighth domain
    assert first[-2:] == ["2", ""]
    assert rows[3][0] == "'=SOM(A1) Kees $x$"  # a formula-like cell is neutralised
    assert rows[3][-2] == ""  # no rung chosen
    assert rows[4][2] == "" and rows[4][-1] == "nog niet ingeleverd" and rows[4][3] == ""


def test_unreadable_answer_gets_its_reason_in_the_csv():
    ds = deelnames()[:2]
    answers = submitted(ds, [zrm_answers()[0], {"scores": "kapot"}], "zrm")
    rows = read(session_csv(sessie("zrm", TAAL), ds, answers, TAAL))
    assert rows[2][-1] == "Het antwoord is niet te lezen: er staan geen scores per domein in."
    assert rows[2][3] == "" and rows[1][-1] == ""


def test_plan_and_netwerk_csv_columns():
    plan = Plan(
        zrm_versie="zrm2013",
        probleemstellingen=[{"tekst": "Ik ben moe", "domein": "geestelijke_gezondheid"}],
        oplossingen=[
            {"tekst": "Ans komt", "stap": "sociaal_netwerk"},
            {"tekst": "Ik wandel", "stap": "eigen_kracht"},
        ],
    )
    ds = deelnames()[:1]
    rows = read(
        session_csv(sessie("plan", GERDA), ds, submitted(ds, [plan.to_payload()], "plan"), GERDA, today=DAY)
    )
    assert rows[0] == [
        "naam",
        "aangemeld",
        "ingeleverd",
        "wmo-stappen",
        "domeinen",
        "feedbackpunten",
        "opmerking",
    ]
    assert rows[1][3:5] == ["Eigen kracht, Sociaal netwerk", "Geestelijke gezondheid"]
    assert int(rows[1][5]) > 0

    atlas = atlas_from_casus(GERDA).without_person("lars").without_person("kari")
    rows = read(
        session_csv(sessie("netwerkatlas", GERDA), ds, submitted(ds, [atlas_to_data(atlas)], "x"), GERDA)
    )
    assert rows[0][3:8] == ["personen", "banden", "aantal gemist", "gemist", "niet in de casus"]
    assert rows[1][3:8] == ["8", str(len(atlas.banden)), "2", "Kari, Lars", ""]


# --------------------------------------------------------------------------- handout
def test_handout_has_no_names_by_default_and_names_on_request():
    ds = deelnames()
    result = groep(
        TAAL, "zrm", [(d.weergavenaam, inz.payload) for d, inz in submitted(ds, zrm_answers(), "zrm")]
    )
    s = sessie("zrm", TAAL, titel="Training <b>maart</b> $5")
    doc = handout_document(s, TAAL, result, aantal_deelnemers=4)
    assert doc.titel == f"Groepsuitkomst: {TAAL.titel}"
    assert (
        doc.ondertitel
        == "Training <b>maart</b> $5 · ZRM-scoren · sessie ABC-234 · 2 maart 2026 · 4 deelnemers"
    )
    text = document_texts(doc)
    for name in ("Zoë", "José", "Kees", "Probeernaam"):
        assert name not in text
    agenda = next(b for b in doc.blokken if isinstance(b, Tabel) and b.kolommen[0] == "Domein")
    assert agenda.rijen[0][:2] == ("Financiën", "2× 2, 1× 4 (33% gelijk)")
    assert agenda.rijen[0][2] == "de groep is het oneens"
    assert agenda.rijen[0][3].startswith(f"niveau {TAAL.reference_assessment().level('financien')}: ")
    assert "56%" in text and "1× trede 2, 1× trede 3 (referentie: trede 1)" in text
    named = document_texts(handout_document(s, TAAL, result, met_namen=True))
    assert NASTY in named and "José Probeernaam" in named
    default_title = sessie("zrm", TAAL, titel=f"ZRM-scoren · {TAAL.titel}")
    assert handout_document(default_title, TAAL, result).ondertitel.startswith("ZRM-scoren · sessie ABC-234")


def test_plan_and_netwerk_handouts_list_feedback_and_missed_persons():
    plan = Plan(zrm_versie="zrm2013", oplossingen=[{"tekst": "Dagopvang", "stap": "maatwerkvoorziening"}])
    result = groep(GERDA, "plan", [("Kees", plan.to_payload()), ("Zoë", plan.to_payload())], today=DAY)
    doc = handout_document(sessie("plan", GERDA), GERDA, result)
    tables = {b.kolommen[0]: b for b in doc.blokken if isinstance(b, Tabel)}
    assert ("Maatwerkvoorziening", "2 van 2", "nee") in tables["Wmo-stap"].rijen
    assert ("Eigen kracht", "0 van 2", "ja") in tables["Wmo-stap"].rijen
    assert all(row[1] == "2 van 2" for row in tables["Punt"].rijen)
    assert "Kees" not in document_texts(doc) and "0 van 2" in tables["Domein"].rijen[0][1]

    atlas = atlas_from_casus(GERDA)
    maps = [("Kees", atlas_to_data(atlas.without_person("lars"))), ("Zoë", atlas_to_data(atlas))]
    net = groep(GERDA, "netwerkatlas", maps)
    doc = handout_document(sessie("netwerkatlas", GERDA), GERDA, net)
    tables = {b.kolommen[0]: b for b in doc.blokken if isinstance(b, Tabel)}
    assert tables["Persoon uit de casus"].rijen == (("Lars", "1 van 2", "50%"),)
    assert "Kees" not in document_texts(doc) and "2 deelnemers" in doc.ondertitel


def test_handout_pdf_pages_and_literal_text():
    ds = deelnames()
    result = groep(
        TAAL, "zrm", [(d.weergavenaam, inz.payload) for d, inz in submitted(ds, zrm_answers(), "zrm")]
    )
    s = sessie("zrm", TAAL, titel="Training $x$ <b>")
    pdf = handout_pdf(s, TAAL, result, met_namen=True)
    doc = handout_document(s, TAAL, result, met_namen=True)
    n_doc = document_pdf_pages(doc)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == n_doc + 1
    pages = handout_pages(s, TAAL, result, met_namen=True)
    assert len(pages) == n_doc + 1
    lines = [line for page in page_texts(doc) for line in page]
    assert any(line.startswith("Training $x$ <b> · ZRM-scoren") for line in lines)
    assert any("=SOM(A1) Kees $x$" in line for line in lines)
    assert all(not t.get_parse_math() for page in pages[:-1] for t in page.texts)
    figure = pages[-1]
    assert tuple(figure.get_size_inches()) in ((8.27, 11.69), (11.69, 8.27))
    assert "Hoe scoorde de groep?" in inline_svg(figure)
    empty = handout_pdf(s, TAAL, groep(TAAL, "zrm", []))
    assert empty.startswith(b"%PDF")


def test_handout_on_a5_puts_every_page_on_a5():
    ds = deelnames()
    result = groep(TAAL, "zrm", [(d.weergavenaam, inz.payload) for d, inz in submitted(ds, zrm_answers(), "zrm")])
    pages = handout_pages(sessie("zrm", TAAL), TAAL, result, paper="A5")
    sizes = {tuple(sorted(round(v, 2) for v in page.get_size_inches())) for page in pages}
    assert sizes == {(5.83, 8.27)}


def test_local_time_handles_missing_and_odd_values(amsterdam):
    assert local_time("2026-07-01T12:00:00+00:00") == "2026-07-01 14:00"  # summer time
    assert local_time(None) == "" and local_time("") == "" and local_time("morgen") == "morgen"


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_handout_page_numbers_count_every_page_the_figure_too(paper):
    ds = deelnames()
    result = groep(TAAL, "zrm", [(d.weergavenaam, inz.payload) for d, inz in submitted(ds, zrm_answers(), "zrm")])
    pages = handout_pages(sessie("zrm", TAAL), TAAL, result, met_namen=True, paper=paper)
    n = len(pages)
    assert n >= 2
    for i, page in enumerate(pages, 1):
        labels = [t.get_text() for t in page.texts if t.get_text().startswith("pagina ")]
        assert labels == [f"pagina {i} van {n}"], (i, labels)


def test_handout_and_dashboard_say_the_agreement_once_with_dutch_numbers():
    from wijkteam_kit.ui.groepssessie import group_html

    ds = deelnames()
    result = groep(TAAL, "zrm", [(d.weergavenaam, inz.payload) for d, inz in submitted(ds, zrm_answers(), "zrm")])
    assert result.agreement.alpha is not None
    alpha = f"{result.agreement.alpha:.2f}"
    text = document_texts(handout_document(sessie("zrm", TAAL), TAAL, result))
    html = group_html(result)
    figure_text = inline_svg(handout_pages(sessie("zrm", TAAL), TAAL, result)[-1])
    for shown in (text, html):
        assert shown.count("Krippendorffs alfa") == 1 and shown.count("beoordelaars:") == 1
        assert alpha.replace(".", ",") in shown and alpha not in shown
    assert "Krippendorffs alfa" not in figure_text
