"""A :class:`~wijkteam_kit.document.Document` as a printable multi-page PDF (A4 by default).

The layout is done by hand in points: every printed line is one plain ``fig.text`` (drawn literally, no
mathtext), wrapped to the text width with the glyph advances of the font, so long words are broken instead of
running off the page. Headings stay with the text after them, a block never starts in the last 5% of the text
area, a table row is never split over two pages (unless it is taller than a whole page) and the header row of
a table is repeated on every new page. Each page has a footer with the ``voetnoot`` and ``pagina i van n``.

All text is set in DejaVu Sans (it ships with matplotlib and covers ë, é and ĳ), embedded in the PDF as
TrueType. Characters the font does not have are printed as ``�``.

Examples
--------
>>> from wijkteam_kit.document import Alinea, Document, Kop, Lijst, Tabel
>>> doc = Document(titel="Startdocument", ondertitel="Team Noord",
...     blokken=(Kop("Opgave"), Alinea("Kosten $5 en $6 blijven letterlijk."), Lijst(("één", "twee")),
...              Tabel(("Wie", "Wat"), (("Anouk", "belt"),))))
>>> document_pdf(doc)[:5]
b'%PDF-'
>>> document_pdf_pages(doc)
1
>>> texts = page_texts(doc)[0]
>>> "Kosten $5 en $6 blijven letterlijk." in texts, "pagina 1 van 1" in texts
(True, True)
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from wijkteam_kit.document import Alinea, Document, Kop, Lijst, Tabel
from wijkteam_kit.errors import WijkteamError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.figure import Figure

__all__ = [
    "PAPER_SIZES",
    "add_page_number",
    "document_pdf",
    "document_pdf_pages",
    "layout_pages",
    "page_texts",
    "pages_pdf",
]

#: Paper sizes in inches (width, height).
PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": (8.27, 11.69), "A5": (5.83, 8.27), "Letter": (8.5, 11.0)}

_FAMILY = "DejaVu Sans"
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 56.0, 56.0, 36.0  # points (56 pt is about 2 cm)
_BODY, _TABLE, _FOOTER_SIZE = 10.5, 9.5, 9.0  # font sizes in points
_LEADING, _GAP, _CELL_PAD = 1.35, 7.0, 4.0  # line height / font size; space after a block; cell padding
_INK, _GREY, _RULE, _HEADER_FILL = "#1f1f1f", "#5a5a5a", "#9a9a9a", "#e8edf2"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MISSING = "\ufffd"


@dataclass(frozen=True)
class _Style:
    size: float
    weight: str = "normal"
    style: str = "normal"
    color: str = _INK


_TITLE = _Style(20.0, "bold")
_SUBTITLE = _Style(12.0, style="italic", color=_GREY)
_HEADINGS = {1: _Style(14.0, "bold"), 2: _Style(12.0, "bold")}
_TEXT = _Style(_BODY)
_EMPH = _Style(_BODY, style="italic")
_CELL = _Style(_TABLE)
_CELL_HEAD = _Style(_TABLE, "bold")
_FOOT = _Style(_FOOTER_SIZE, color=_GREY)


@dataclass
class _Page:
    texts: list[tuple[float, float, str, _Style]] = field(default_factory=list)  # x, baseline y, text
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0, y0, x1, y1
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # x, y (top), w, h


# --- measuring ----------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _advance(char: str, weight: str, style: str) -> float | None:
    """Advance width in points at 1 pt, read from the font file; ``None`` for a character it lacks."""
    from matplotlib.font_manager import FontProperties, findfont, get_font
    from matplotlib.ft2font import LoadFlags

    font = get_font(findfont(FontProperties(family=_FAMILY, weight=weight, style=style)))
    # the font object (one per thread) is shared with matplotlib: always set its size before use
    font.set_size(100.0, 72)
    if font.get_char_index(ord(char)) == 0:
        return None
    return font.load_char(ord(char), flags=LoadFlags.NO_HINTING).linearHoriAdvance / 6553600


def _clean(text: str, st: _Style) -> str:
    """``text`` with control characters as spaces and characters the font lacks as ``�``."""
    text = _CONTROL.sub(" ", str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    ok = {c for c in set(text) if c == "\n" or _advance(c, st.weight, st.style) is not None}
    return "".join(c if c in ok else _MISSING for c in text)


def _width(text: str, st: _Style, spare: float = 1.01) -> float:
    """Sum of advance widths, 1% to spare (kerning, rounding): never narrower than what the PDF draws."""
    return sum(_advance(c, st.weight, st.style) or 0.0 for c in text) * st.size * spare


def _wrap(text: str, width: float, st: _Style) -> list[str]:
    """Lines of ``text`` that fit in ``width`` points; line breaks in the text are kept, long words broken."""
    out: list[str] = []
    for source_line in _clean(text, st).split("\n"):
        line = ""
        for word in source_line.split():
            candidate = f"{line} {word}" if line else word
            if _width(candidate, st) <= width:
                line = candidate
                continue
            if line:
                out.append(line)
            line = ""
            for char in word:  # on a line of its own; broken where it is wider than the line
                if line and _width(line + char, st) > width:
                    out.append(line)
                    line = ""
                line += char
        out.append(line)
    return out


# --- layout -------------------------------------------------------------------------------------------


class _Layout:
    def __init__(self, doc: Document, paper: str, extra_pages: int = 0) -> None:
        self.extra_pages = extra_pages
        if paper not in PAPER_SIZES:
            raise WijkteamError(f"Onbekend papierformaat {paper!r}; kies uit {', '.join(PAPER_SIZES)}.")
        self.doc = doc
        self.page_w, self.page_h = (v * 72 for v in PAPER_SIZES[paper])
        self.text_w = self.page_w - 2 * _MARGIN_X
        label_w = _width("pagina 999 van 999", _FOOT) + 18
        self.footer = _wrap(doc.voetnoot, self.text_w - label_w, _FOOT)[:3] if doc.voetnoot else []
        footer_h = max(1, len(self.footer)) * _FOOTER_SIZE * _LEADING
        self.bottom = self.page_h - _MARGIN_BOTTOM - footer_h - 12  # lowest text line ends here
        self.reserve = 0.05 * (self.bottom - _MARGIN_TOP)  # a block never starts in the last 5%
        self.pages: list[_Page] = []
        self.y = 0.0
        self.new_page()
        self.run()

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = _MARGIN_TOP

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def room(self) -> float:
        return self.bottom - self.y

    def ensure(self, height: float, block_start: bool = False) -> None:
        need = max(height, self.reserve) if block_start else height
        if self.room() < need and self.y > _MARGIN_TOP + 0.01:
            self.new_page()

    def line(self, x: float, text: str, st: _Style) -> None:
        self.ensure(st.size * _LEADING)
        self.page.texts.append((x, self.y + st.size, text, st))
        self.y += st.size * _LEADING

    def lines(
        self,
        text: str,
        st: _Style,
        keep: int | None = 2,
        extra: float = 0.0,
        x: float = _MARGIN_X,
        mark: str = "",
    ) -> None:
        """Text wrapped from ``x`` to the right margin, a list ``mark`` at the left margin.

        The first ``keep`` lines (``None``: all) plus ``extra`` points are kept on the same page.
        """
        wrapped = _wrap(text, self.page_w - _MARGIN_X - x, st)
        if keep != 0:
            self.ensure(len(wrapped[:keep]) * st.size * _LEADING + extra, block_start=True)
        if mark:
            self.page.texts.append((_MARGIN_X, self.y + st.size, mark, st))
        for part in wrapped:
            self.line(x, part, st)

    def run(self) -> None:
        doc = self.doc
        self.lines(doc.titel, _TITLE, 0)
        if doc.ondertitel:
            self.y += 2
            self.lines(doc.ondertitel, _SUBTITLE, 0)
        self.y += 6
        self.page.lines.append((_MARGIN_X, self.y, self.page_w - _MARGIN_X, self.y))
        self.y += 14
        for block in doc.blokken:
            if isinstance(block, Kop):
                st = _HEADINGS.get(block.niveau, _HEADINGS[2])
                if self.y > _MARGIN_TOP + 0.01:
                    self.y += 8 if block.niveau <= 1 else 5
                # keep the heading together with at least two lines of what follows
                self.lines(block.tekst, st, None, extra=2 * _BODY * _LEADING)
                self.y += 3
            elif isinstance(block, Alinea):
                self.lines(block.tekst, _EMPH if block.nadruk else _TEXT)
                self.y += _GAP
            elif isinstance(block, Lijst):
                self.listing(block)
            elif isinstance(block, Tabel):
                self.table(block)
        self.footers()

    def listing(self, block: Lijst) -> None:
        marks = [f"{i}." if block.genummerd else "•" for i in range(1, len(block.items) + 1)]
        indent = max((_width(m, _TEXT) for m in marks), default=0) + 8  # hanging indent
        for mark, item in zip(marks, block.items, strict=True):
            self.lines(item, _TEXT, x=_MARGIN_X + indent, mark=mark)
            self.y += 2
        self.y += _GAP

    def table(self, block: Tabel) -> None:
        ncol = max([len(block.kolommen), *(len(r) for r in block.rijen)], default=0)
        if ncol == 0:
            return
        header = [*map(str, block.kolommen), *[""] * (ncol - len(block.kolommen))]
        rows = [[*map(str, r), *[""] * (ncol - len(r))] for r in block.rijen]
        widths = self.column_widths([header, *rows], ncol)
        total, step = sum(widths), _TABLE * _LEADING

        def cells(row: list[str], st: _Style) -> list[list[str]]:
            return [_wrap(c, w - 2 * _CELL_PAD, st) for c, w in zip(row, widths, strict=True)]

        def height(cell_lines: list[list[str]]) -> float:
            return max(len(c) for c in cell_lines) * step + 2 * _CELL_PAD

        def draw_row(cell_lines: list[list[str]], st: _Style) -> None:
            h = height(cell_lines)
            if st is _CELL_HEAD:
                self.page.lines.append((_MARGIN_X, self.y, _MARGIN_X + total, self.y))
                self.page.boxes.append((_MARGIN_X, self.y, total, h))
            x = _MARGIN_X
            for lines, w in zip(cell_lines, widths, strict=True):
                for k, text in enumerate(lines):
                    self.page.texts.append((x + _CELL_PAD, self.y + _CELL_PAD + k * step + st.size, text, st))
                x += w
            self.y += h
            self.page.lines.append((_MARGIN_X, self.y, _MARGIN_X + total, self.y))

        head = cells(header, _CELL_HEAD)
        self.ensure(height(head) + (height(cells(rows[0], _CELL)) if rows else 0), block_start=True)
        draw_row(head, _CELL_HEAD)
        for row in rows:
            cell_lines = cells(row, _CELL)
            if height(cell_lines) > self.room():
                self.new_page()
                draw_row(head, _CELL_HEAD)
            while height(cell_lines) > self.room():  # taller than a whole page: split it after all
                fit = max(1, int((self.room() - 2 * _CELL_PAD) // step))
                draw_row([c[:fit] for c in cell_lines], _CELL)
                cell_lines = [c[fit:] for c in cell_lines]
                self.new_page()
                draw_row(head, _CELL_HEAD)
            draw_row(cell_lines, _CELL)
        self.y += _GAP + 4

    def column_widths(self, table: list[list[str]], ncol: int) -> list[float]:
        """Widths by content: each column at least its longest word, the rest shared by text length."""
        avail, pad = self.text_w, 2 * _CELL_PAD + 1
        natural, minimal = [0.0] * ncol, [24.0] * ncol
        for r, row in enumerate(table):
            st = _CELL_HEAD if r == 0 else _CELL
            for c, cell in enumerate(row):
                for part in _clean(cell, st).split("\n"):
                    natural[c] = max(natural[c], _width(part, st) + pad)
                    longest = max((_width(w, st) for w in part.split()), default=0.0) + pad
                    minimal[c] = max(minimal[c], min(longest, avail / ncol))
        natural = [max(n, m) for n, m in zip(natural, minimal, strict=True)]
        if sum(natural) <= avail:
            extra = (avail - sum(natural)) / ncol if sum(natural) < 0.6 * avail else 0.0
            return [n + extra for n in natural]
        # narrow columns keep their natural width; the wide ones share the rest (at least their longest word)
        widths: dict[int, float] = {}
        remaining, flexible = avail, list(range(ncol))
        while flexible and (fixed := [c for c in flexible if natural[c] <= remaining / len(flexible)]):
            for c in fixed:
                widths[c] = natural[c]
                remaining -= natural[c]
                flexible.remove(c)
        wish = sum(natural[c] for c in flexible)
        for c in flexible:
            widths[c] = max(minimal[c], remaining * natural[c] / wish)
        result = [widths[c] for c in range(ncol)]
        return [w * avail / sum(result) for w in result] if sum(result) > avail else result

    def footers(self) -> None:
        n = len(self.pages) + self.extra_pages
        base = self.page_h - _MARGIN_BOTTOM - (max(1, len(self.footer)) - 1) * _FOOTER_SIZE * _LEADING
        for i, page in enumerate(self.pages, 1):
            top = base - _FOOTER_SIZE - 6
            page.lines.append((_MARGIN_X, top, self.page_w - _MARGIN_X, top))
            for k, text in enumerate(self.footer):
                page.texts.append((_MARGIN_X, base + k * _FOOTER_SIZE * _LEADING, text, _FOOT))
            label = f"pagina {i} van {n}"
            page.texts.append((self.page_w - _MARGIN_X - _width(label, _FOOT, 1.0), base, label, _FOOT))


# --- drawing ------------------------------------------------------------------------------------------


def _figure(page: _Page, layout: _Layout) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    page_w, page_h = layout.page_w, layout.page_h
    fig = Figure(figsize=(page_w / 72, page_h / 72))
    for x, y, w, h in page.boxes:
        box = Rectangle((x / page_w, 1 - (y + h) / page_h), w / page_w, h / page_h, transform=fig.transFigure)
        box.set(facecolor=_HEADER_FILL, edgecolor="none")
        fig.add_artist(box)
    for x0, y0, x1, y1 in page.lines:
        xs, ys = [x0 / page_w, x1 / page_w], [1 - y0 / page_h, 1 - y1 / page_h]
        fig.add_artist(Line2D(xs, ys, transform=fig.transFigure, color=_RULE, linewidth=0.6))
    plain = {"fontfamily": _FAMILY, "va": "baseline", "parse_math": False, "usetex": False}
    for x, y, text, st in page.texts:
        style = {"fontsize": st.size, "fontweight": st.weight, "fontstyle": st.style, "color": st.color}
        fig.text(x / page_w, 1 - y / page_h, text, **plain, **style)
    return fig


def layout_pages(doc: Document, *, paper: str = "A4", extra_pages: int = 0) -> list[Figure]:
    """The pages as matplotlib figures: one ``Text`` per printed line in ``fig.texts``, in reading order.

    ``extra_pages`` is the number of pages that follow in the same PDF (a figure on a page of its own): the
    footers count them, so "pagina i van n" is right for the whole PDF (see :func:`add_page_number`).

    >>> from wijkteam_kit.document import Document
    >>> [t.get_text() for t in layout_pages(Document(titel="Plan", voetnoot=""))[0].texts]
    ['Plan', 'pagina 1 van 1']
    >>> [t.get_text() for t in layout_pages(Document(titel="Plan", voetnoot=""), extra_pages=1)[0].texts]
    ['Plan', 'pagina 1 van 2']
    """
    layout = _Layout(doc, paper, extra_pages)
    return [_figure(page, layout) for page in layout.pages]


def add_page_number(figure: Figure, number: int, total: int) -> None:
    """Put "pagina ``number`` van ``total``" at the bottom right of ``figure``, as on the document pages.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(8.27, 11.69))
    >>> add_page_number(fig, 3, 3)
    >>> [t.get_text() for t in fig.texts]
    ['pagina 3 van 3']
    """
    page_w, page_h = (v * 72 for v in figure.get_size_inches())
    label = f"pagina {number} van {total}"
    x = page_w - _MARGIN_X - _width(label, _FOOT, 1.0)
    figure.text(
        x / page_w, _MARGIN_BOTTOM / page_h / 2, label, fontfamily=_FAMILY, fontsize=_FOOT.size, color=_FOOT.color,
        va="baseline", parse_math=False, gid="paginanummer",
    )  # fmt: skip


def page_texts(doc: Document, *, paper: str = "A4") -> list[list[str]]:
    r"""Per page, the printed lines in reading order (for tests and previews).

    >>> from wijkteam_kit.document import Alinea, Document
    >>> page_texts(Document(titel="T", blokken=(Alinea("a\nb"),), voetnoot="v"))
    [['T', 'a', 'b', 'v', 'pagina 1 van 1']]
    """
    return [[t[2] for t in page.texts if t[2]] for page in _Layout(doc, paper).pages]


def document_pdf_pages(doc: Document, *, paper: str = "A4") -> int:
    """The number of pages :func:`document_pdf` prints.

    >>> from wijkteam_kit.document import Alinea, Document
    >>> document_pdf_pages(Document(titel="Lang", blokken=(Alinea("Een zin. " * 40),) * 40))
    4
    """
    return len(_Layout(doc, paper).pages)


def document_pdf(doc: Document, *, paper: str = "A4") -> bytes:
    """The document as a printable PDF (``paper``: ``A4``, ``A5`` or ``Letter``); metadata Title and Creator.

    >>> from wijkteam_kit.document import Document
    >>> document_pdf(Document(titel="Leeg")).startswith(b"%PDF")
    True
    >>> document_pdf(Document(titel="Leeg"), paper="A3")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.WijkteamError: Onbekend papierformaat 'A3'; kies uit A4, A5, Letter.
    """
    return pages_pdf(layout_pages(doc, paper=paper), doc.titel)


def pages_pdf(figures: Sequence[Figure], title: str) -> bytes:
    """Figures as the pages of one PDF, fonts embedded (TrueType), with metadata Title and Creator.

    >>> from matplotlib.figure import Figure
    >>> pages_pdf([Figure(), Figure()], "Twee").count(b"/Type /Page") >= 2
    True
    """
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    metadata = {"Title": title, "Creator": "wijkteam-kit", "Producer": "wijkteam-kit (matplotlib)"}
    settings = {"pdf.fonttype": 42, "pdf.use14corefonts": False}
    with matplotlib.rc_context(settings), PdfPages(buffer, metadata=metadata) as pdf:
        for fig in figures:
            pdf.savefig(fig)
    return buffer.getvalue()
