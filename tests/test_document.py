import copy
import re
import zlib
from itertools import pairwise

import pytest

from wijkteam_kit.document import Alinea, Document, Kop, Lijst, Tabel, to_markdown
from wijkteam_kit.draw.document_pdf import (
    _MARGIN_X,
    PAPER_SIZES,
    document_pdf,
    document_pdf_pages,
    layout_pages,
    page_texts,
)
from wijkteam_kit.errors import WijkteamError

# --- Markdown -----------------------------------------------------------------------------------------


def test_markdown_escapes_html_and_emphasis():
    doc = Document(titel="Plan <b>", blokken=(Alinea("<script>alert(1)</script> *niet vet* _ook niet_"),))
    md = to_markdown(doc)
    assert md.splitlines()[0] == r"# Plan \<b\>"
    assert r"\<script\>alert(1)\</script\> \*niet vet\* \_ook niet\_" in md
    assert "<script>" not in md


def test_markdown_table_cells_escape_pipes_and_newlines():
    doc = Document(titel="T", blokken=(Tabel(("Wie | wat", "Wanneer"), (("Anouk\nen Bas", "ma | di"),)),))
    lines = to_markdown(doc).splitlines()
    assert lines[2] == r"| Wie \| wat | Wanneer |"
    assert lines[3] == "|---|---|"
    assert lines[4] == r"| Anouk en Bas | ma \| di |"


def test_markdown_paragraph_newline_becomes_hard_break_and_lists_are_numbered():
    doc = Document(
        titel="T",
        blokken=(Alinea("regel 1\nregel 2"), Lijst(("a", "b*"), genummerd=True), Kop("Sub", niveau=2)),
    )
    md = to_markdown(doc)
    assert "regel 1  \nregel 2" in md
    assert "1. a\n2. b\\*" in md
    assert "### Sub" in md


# --- PDF ----------------------------------------------------------------------------------------------


def _long_document() -> Document:
    blocks = []
    for i in range(200):
        if i % 25 == 0:
            blocks.append(Kop(f"Deel {i // 25 + 1}"))
        blocks.append(Alinea(f"Alinea{i} gaat over de wijk en wat het team daar samen met bewoners doet."))
    rows = tuple((f"Rij{k}", f"taak{k} " + "met wat uitleg " * (k % 4), f"wie{k}") for k in range(60))
    blocks.append(Tabel(("Nummer", "Taak", "Wie"), rows))
    return Document(titel="Lang document", ondertitel="Test", blokken=tuple(blocks))


def _pdf_streams(data: bytes) -> str:
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(out)


_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _shown_text(data: bytes) -> list[str]:
    """The strings of each TJ (show text) array, joined and decoded as 2-byte codes (Identity-H)."""
    out = []
    for array in re.findall(r"\[(.*?)\]\s*TJ", _pdf_streams(data), re.S):
        raw = ""
        for literal in re.findall(r"\(((?:\\.|[^\\)])*)\)", array, re.S):
            raw += re.sub(
                r"\\([0-7]{1,3}|.)",
                lambda m: chr(int(m[1], 8)) if m[1].isdigit() else _ESCAPES.get(m[1], m[1]),
                literal,
                flags=re.S,
            )
        out.append(raw.encode("latin-1").decode("utf-16-be"))
    return out


def test_pdf_bytes_metadata_and_page_count():
    doc = Document(titel="Startdocument Noord", blokken=(Alinea("Hallo"),))
    data = document_pdf(doc)
    assert data.startswith(b"%PDF")
    assert b"/Title (Startdocument Noord)" in data
    assert b"/Creator (wijkteam-kit)" in data
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>") >= 1
    assert document_pdf_pages(doc) == 1


def test_long_document_has_several_pages_and_every_text_is_printed():
    doc = _long_document()
    figures = layout_pages(doc)
    pages = [[t.get_text() for t in fig.texts] for fig in figures]
    assert len(figures) == document_pdf_pages(doc) >= 5
    everything = [line for page in pages for line in page]
    for i in range(200):
        assert any(line.startswith(f"Alinea{i} ") for line in everything), i
    words = " ".join(everything).split()
    for k in range(60):
        assert f"Rij{k}" in words and f"taak{k}" in words and f"wie{k}" in words
    for n, page in enumerate(pages, 1):
        assert f"pagina {n} van {len(pages)}" in page
        assert "Gemaakt met wijkteam-kit · oefenmateriaal met verzonnen gegevens" in page
    # the table header is repeated on each page that holds table rows
    table_pages = [p for p in pages if any(re.fullmatch(r"Rij\d+", t) for t in p)]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert page.index("Nummer") < min(i for i, t in enumerate(page) if re.fullmatch(r"Rij\d+", t))
    # the title is on page 1 only, in large type
    assert pages[0][0] == "Lang document" and all("Lang document" not in p for p in pages[1:])
    assert figures[0].texts[0].get_fontsize() == 20
    assert min(t.get_fontsize() for fig in figures for t in fig.texts) >= 9


def test_table_row_is_never_split_over_pages():
    rows = tuple((f"R{k}", "lang verhaal " * 12, f"einde{k}") for k in range(50))
    doc = Document(titel="Tabel", blokken=(Tabel(("A", "B", "C"), rows),))
    pages = page_texts(doc)
    assert len(pages) >= 2
    for k in range(50):
        holding = [n for n, p in enumerate(pages) if f"R{k}" in p or f"einde{k}" in p]
        assert len(set(holding)) == 1, k


def _measured_width(text) -> float:
    """Width in points as matplotlib itself lays the line out (its own measure, not the module's)."""
    from matplotlib.textpath import TextToPath

    prop = text.get_fontproperties()
    return TextToPath().get_text_width_height_descent(text.get_text(), prop, ismath=False)[0]


def test_lines_stay_inside_the_text_area_and_blocks_do_not_start_at_the_bottom():
    doc = _long_document()
    page_w, page_h = (v * 72 for v in PAPER_SIZES["A4"])
    for fig in layout_pages(doc):
        body = [t for t in fig.texts if t.get_fontsize() > 9]
        for text in body:
            x, y = text.get_position()
            assert x * page_w + _measured_width(text) <= page_w - _MARGIN_X + 0.5, text.get_text()
            assert (1 - y) * page_h < page_h - 60
        # a heading is never the last line of a page
        assert body[-1].get_fontweight() != "bold" or body[-1].get_fontsize() < 12


def test_wrapped_lines_fill_the_width_but_never_pass_the_margin():
    zin = "Wij werken samen met bewoners, buren en vrijwilligers aan een wijk waar iedereen meedoet. "
    doc = Document(
        titel="Breed " + "WWW MMM " * 12,
        ondertitel=zin * 2,
        blokken=(
            Kop("Kop " + "WAW " * 30),
            Alinea(zin * 6),
            Alinea(zin * 6, nadruk=True),
            Lijst((zin * 3, "Mmmm " * 40), genummerd=True),
            Tabel(("Wie", "Wat"), (("Anouk", zin * 3),)),
        ),
    )
    page_w, page_h = (v * 72 for v in PAPER_SIZES["A4"])
    limit = page_w - _MARGIN_X
    texts = layout_pages(doc)[0].texts
    for text in texts:
        assert text.get_position()[0] * page_w + _measured_width(text) <= limit + 0.5, text.get_text()
    assert {t.get_fontsize() for t in texts} == {20, 14, 12, 10.5, 9.5, 9}
    assert {(t.get_fontweight(), t.get_fontstyle()) for t in texts} == {
        ("bold", "normal"),
        ("normal", "normal"),
        ("normal", "italic"),
    }
    # greedy: in a wrapped paragraph (next line right below, same x and font) the next word did not fit
    checked = 0
    for line, after in pairwise(texts):
        (x, y), (x2, y2) = line.get_position(), after.get_position()
        step = (y - y2) * page_h
        if x != x2 or line.get_fontproperties() != after.get_fontproperties() or line.get_fontsize() < 10:
            continue
        if abs(step - line.get_fontsize() * 1.35) > 0.01:
            continue
        longer = copy.copy(line)
        longer.set_text(f"{line.get_text()} {after.get_text().split()[0]}")
        assert x * page_w + _measured_width(longer) > limit - 0.015 * (limit - _MARGIN_X), line.get_text()
        checked += 1
    assert checked >= 20


def test_very_long_word_is_broken_not_overflowing():
    word = "Z" * 300
    doc = Document(
        titel="Woord", blokken=(Alinea(f"begin {word} eind"), Tabel(("x", "y"), ((word, "kort"),)))
    )
    data = document_pdf(doc)
    assert data.startswith(b"%PDF")
    lines = page_texts(doc)[0]
    pieces = [line for line in lines if set(line) == {"Z"}]
    # the paragraph piece(s) and the table cell piece(s) both add up to the word twice
    assert sum(len(p) for p in pieces) + sum(line.count("Z") for line in lines if set(line) != {"Z"}) == 600
    assert max(len(p) for p in pieces) < 120
    assert lines[1] == "begin"


def test_user_text_is_literal_and_accents_survive():
    doc = Document(
        titel="Één plan voor ĳsbaan $x$",
        blokken=(Alinea("Kosten $x$ en $\\alpha$ ë é ĳ <b>vet</b>"), Lijst(("café", "ĳver"))),
    )
    figures = layout_pages(doc)
    texts = [t.get_text() for t in figures[0].texts]
    assert "Één plan voor ĳsbaan $x$" in texts
    assert "Kosten $x$ en $\\alpha$ ë é ĳ <b>vet</b>" in texts
    assert "café" in texts and "ĳver" in texts
    assert all(not t.get_parse_math() for t in figures[0].texts)
    shown = _shown_text(document_pdf(doc))
    assert "Kosten $x$ en $\\alpha$ ë é " in shown  # the PDF shows it as typed (ĳ comes from a second subset)
    assert " <b>vet</b>" in shown
    assert "café" in shown


def test_one_font_dejavu_sans_is_embedded_as_truetype():
    data = document_pdf(Document(titel="Café", blokken=(Alinea("Gewone tekst — € 5 ĳ", nadruk=True),)))
    fonts = set(re.findall(rb"/BaseFont /[A-Z]{6}\+([\w-]+)", data))
    assert fonts == {b"DejaVuSans-Bold", b"DejaVuSans-Oblique", b"DejaVuSans"}
    assert data.count(b"/FontFile2") >= 3 and b"/Helvetica" not in data and b"/Type3" not in data
    assert "Gewone tekst " in _shown_text(data)
    # characters past U+00FF are shown from further subsets; their ToUnicode maps name them
    to_unicode = "".join(re.findall(r"beginbfrange\n(.*?)endbfrange", _pdf_streams(data), re.S))
    assert all(f"<{ord(c):04x}>" in to_unicode for c in "—€ĳé")


def test_characters_the_font_lacks_are_printed_as_a_replacement_mark():
    texts = page_texts(Document(titel="Plan 中文", voetnoot=""))[0]
    assert texts == ["Plan \ufffd\ufffd", "pagina 1 van 1"]
    assert document_pdf(Document(titel="Plan 中文")).startswith(b"%PDF")


def test_lists_have_marks_and_hanging_indent():
    doc = Document(titel="L", blokken=(Lijst(("kort", "nog " * 60), genummerd=True), Lijst(("punt",))))
    fig = layout_pages(doc)[0]
    by_text = {t.get_text(): t for t in fig.texts}
    assert "1." in by_text and "2." in by_text and "•" in by_text
    first = by_text["kort"].get_position()[0]
    wrapped = [t for t in fig.texts if t.get_text().startswith("nog")]
    assert len(wrapped) >= 2 and all(t.get_position()[0] == first for t in wrapped)
    assert by_text["1."].get_position()[0] < first


def test_edge_cases_empty_document_empty_table_ragged_rows_and_paper():
    assert page_texts(Document(titel="")) == [
        ["Gemaakt met wijkteam-kit · oefenmateriaal met verzonnen gegevens", "pagina 1 van 1"]
    ]
    doc = Document(
        titel="T", blokken=(Tabel((), ()), Tabel(("a", "b"), ()), Tabel(("a",), (("1", "2", "3"),)))
    )
    texts = page_texts(doc, paper="A5")[0]
    assert texts[:7] == ["T", "a", "b", "a", "1", "2", "3"]
    with pytest.raises(WijkteamError, match="papierformaat 'A3'"):
        document_pdf(doc, paper="A3")


def test_a_long_document_becomes_ten_pages_or_more():
    # speed is measured in benchmarks/document_pdf.py, not here
    blocks = [Alinea(f"Alinea {i}: " + "Een gewone zin over het team en de wijk. " * 4) for i in range(200)]
    doc = Document(titel="Lang", blokken=(*blocks, Kop("ĳ en é")))
    assert document_pdf_pages(doc) >= 10
    assert document_pdf(doc).startswith(b"%PDF-")
