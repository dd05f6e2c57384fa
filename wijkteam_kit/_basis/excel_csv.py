r"""The one CSV writer of the kit, with the one guard against spreadsheet formulas.

Every CSV the kit makes goes through :func:`csv_text` (or :func:`excel_csv` for the common case):

* :data:`EXCEL_NL` is what Dutch Excel opens with a double click: ``;`` between cells, ``\r\n`` after each
  row, a decimal comma, UTF-8 with a byte order mark (so ë, é and ĳ stay whole); quotes, ``;`` and line
  breaks inside a cell are quoted the standard way.
* :data:`R_CSV` is what R's ``read.csv`` expects (the egor tables of the netwerkatlas): ``,`` between cells,
  ``\n`` after each row, a decimal point, UTF-8 without a byte order mark.

The formula guard (the OWASP advice against CSV injection) applies to every cell, the header included: a
text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote ``'`` in
front, so a spreadsheet shows it as text and never runs it (``=HYPERLINK(…)`` typed as a name or a note
stays harmless). The rules, in :func:`cell_text`:

* ``None`` is an empty cell.
* A number value (an ``int`` or a finite ``float``, not a ``bool``) is written as a number and never gets the
  quote: ``-1`` and ``-0,5`` written by the kit stay numbers a spreadsheet can sum. A float is written as
  its shortest exact form (``repr``) with the dialect's decimal sign, so ``2.5`` becomes ``2,5`` for Excel.
* Everything else is text (``str(value)``), and a *text* that starts with ``-`` (or another dangerous
  character) is neutralised, even when it looks like a number: ``"-2+3"`` would be a formula. An infinite
  or NaN float is text too (``"'-inf"``).
* So that :func:`restore` can undo the guard exactly, a text that already starts with quotes followed by a
  dangerous character gets one more quote (``"'=1"`` is written ``''=1``). Other texts that start with a
  quote, like ``'t Hoekje``, are left alone.

Examples
--------
>>> text = csv_text(["naam", "score"], [["=HYPERLINK(\"http://x\";\"klik\")", -1], ["Zoë", 2.5]])
>>> print(*text.splitlines(), sep="\n")
naam;score
"'=HYPERLINK(""http://x"";""klik"")";-1
Zoë;2,5
>>> excel_csv(["naam"], [["-2+3"]])
b"\xef\xbb\xbfnaam\r\n'-2+3\r\n"
>>> restore(neutralise("@SOM(A1)")) == "@SOM(A1)"
True
"""

from __future__ import annotations

import csv
import io
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "EXCEL_NL",
    "FORMULA_START",
    "R_CSV",
    "CsvDialect",
    "cell_text",
    "csv_text",
    "excel_csv",
    "is_number",
    "needs_guard",
    "neutralise",
    "number_text",
    "restore",
]

FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""The first characters with which a spreadsheet may read a cell as a formula."""


@dataclass(frozen=True)
class CsvDialect:
    """How the cells of a CSV file are separated and numbers written.

    Parameters
    ----------
    delimiter
        The character between two cells.
    lineterminator
        What ends a row.
    decimal
        The decimal sign of a float.
    """

    delimiter: str
    lineterminator: str
    decimal: str


EXCEL_NL = CsvDialect(delimiter=";", lineterminator="\r\n", decimal=",")
"""Dutch Excel: semicolons, ``\\r\\n``, decimal comma (and UTF-8 with BOM in :func:`excel_csv`)."""

R_CSV = CsvDialect(delimiter=",", lineterminator="\n", decimal=".")
"""R's ``read.csv``: commas, ``\\n``, decimal point (UTF-8 without BOM)."""


def needs_guard(text: str) -> bool:
    r"""Whether :func:`neutralise` puts a quote in front of ``text``.

    True for a text that starts with a dangerous character (:data:`FORMULA_START`), also after leading
    quotes; the second case keeps :func:`restore` exact.

    Parameters
    ----------
    text
        The text of one cell.

    Returns
    -------
    bool
        True when a spreadsheet could run ``text`` (or ``text`` without its leading quotes) as a formula.

    Examples
    --------
    >>> [needs_guard(t) for t in ("=1+1", "+31 6", "-2+3", "@SOM(A1)", "\tx", "\rx", "'=x", "'t Hoekje", "")]
    [True, True, True, True, True, True, True, False, False]
    """
    return text.lstrip("'").startswith(FORMULA_START)


def neutralise(text: str) -> str:
    r"""``text`` with a leading ``'`` when a spreadsheet could run it as a formula; else ``text`` unchanged.

    Parameters
    ----------
    text
        The text of one cell.

    Returns
    -------
    str
        The cell as written to the file.

    Examples
    --------
    >>> neutralise("=HYPERLINK(\"http://x\")"), neutralise("-1"), neutralise("'=x"), neutralise("Zoë")
    ('\'=HYPERLINK("http://x")', "'-1", "''=x", 'Zoë')
    """
    return "'" + text if needs_guard(text) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: the original text of a cell read back from a CSV file.

    ``restore(neutralise(t)) == t`` for every text ``t``; a cell that was not neutralised comes back as is.

    Parameters
    ----------
    text
        The text of one cell as read from the file.

    Returns
    -------
    str
        The text without the guard's quote.

    Examples
    --------
    >>> restore("'=1+1"), restore("''=x"), restore("'t Hoekje"), restore("-1")
    ('=1+1', "'=x", "'t Hoekje", '-1')
    """
    return text[1:] if text.startswith("'") and needs_guard(text[1:]) else text


def is_number(value: object) -> bool:
    """Whether ``value`` is written as a number (an ``int`` or a finite ``float``, not a ``bool``).

    Examples
    --------
    >>> is_number(-1), is_number(-0.5), is_number(True), is_number(float("-inf")), is_number("-1")
    (True, True, False, False, False)
    """
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def number_text(value: float, decimal: str = ",") -> str:
    """A number as a cell: an int as is, a float as its shortest exact form with ``decimal`` as decimal sign.

    A float with an exponent keeps its point-free form (``1e-07``).

    Parameters
    ----------
    value
        An int or a finite float.
    decimal
        The decimal sign (``","`` for Dutch Excel).

    Returns
    -------
    str
        The cell text; never neutralised, since a number is no formula.

    Examples
    --------
    >>> number_text(3), number_text(-0.5), number_text(2.5, "."), number_text(1e-07), number_text(-2.0)
    ('3', '-0,5', '2.5', '1e-07', '-2,0')
    """
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    return text if "e" in text else text.replace(".", decimal)


def cell_text(value: object, dialect: CsvDialect = EXCEL_NL) -> str:
    """The text of one cell: empty for ``None``, a number for a number, else neutralised text.

    Parameters
    ----------
    value
        Any cell value.
    dialect
        Gives the decimal sign of a float.

    Returns
    -------
    str
        The cell as written to the file; it never starts with a dangerous character unless it is a number.

    Examples
    --------
    >>> [cell_text(v) for v in (None, -1, -0.5, "-1", "+31 6 1234", "@SOM(A1)", True, float("nan"))]
    ['', '-1', '-0,5', "'-1", "'+31 6 1234", "'@SOM(A1)", 'True', 'nan']
    """
    if value is None:
        return ""
    if is_number(value):
        return number_text(value, dialect.decimal)
    return neutralise(str(value))


def csv_text(
    header: Sequence[object], rows: Iterable[Sequence[object]], dialect: CsvDialect = EXCEL_NL
) -> str:
    r"""The CSV text of ``header`` and ``rows``, every cell through :func:`cell_text`.

    Parameters
    ----------
    header
        The column names (neutralised like any other cell).
    rows
        The rows, each a sequence of cell values.
    dialect
        :data:`EXCEL_NL` (default) or :data:`R_CSV`.

    Returns
    -------
    str
        The whole file as text.

    Examples
    --------
    >>> csv_text(["id", "naam"], [[1, "Kim, \"de\" Boer"], [2, "-x"], [3, "\rx"]], R_CSV)
    'id,naam\n1,"Kim, ""de"" Boer"\n2,\'-x\n3,"\'\rx"\n'
    """
    buffer = io.StringIO()
    # With "\r\n" as its own line end the writer quotes every cell that holds a "\r" or a "\n"; with "\n"
    # alone it would leave a lone "\r" bare, and R or Excel would start a new row there.
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator="\r\n")
    lines = []
    for row in itertools.chain([header], rows):
        writer.writerow([cell_text(value, dialect) for value in row])
        lines.append(buffer.getvalue().removesuffix("\r\n") + dialect.lineterminator)
        buffer.seek(0)
        buffer.truncate()
    return "".join(lines)


def excel_csv(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    r"""A CSV file that Dutch Excel opens directly: :func:`csv_text` in :data:`EXCEL_NL`, UTF-8 with BOM.

    Parameters
    ----------
    header
        The column names.
    rows
        The rows, each a sequence of cell values.

    Returns
    -------
    bytes
        The file's content.

    Examples
    --------
    >>> excel_csv(["naam", "toelichting"], [["Zoë", "regeling; loopt"]]).decode("utf-8-sig")
    'naam;toelichting\r\nZoë;"regeling; loopt"\r\n'
    """
    return csv_text(header, rows, EXCEL_NL).encode("utf-8-sig")
