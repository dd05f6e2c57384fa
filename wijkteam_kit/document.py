r"""A small document model for what the apps export: plans, session summaries, agreement sheets, startdocuments.

One structure, two outputs: :func:`to_markdown` (for editing and sharing) and
:func:`wijkteam_kit.draw.document_pdf.document_pdf` (printable A4). Text is plain: no Markdown or HTML inside
the blocks is interpreted, so what a user typed is printed as typed (special characters are escaped in the
Markdown output).

Examples
--------
>>> doc = Document(
...     titel="Ons plan",
...     ondertitel="Gezin Verbeek · maart 2026",
...     blokken=(
...         Kop("Wat willen we bereiken?"),
...         Alinea("Wij willen over een half jaar geen huurachterstand meer hebben."),
...         Lijst(("Chantal belt de woningcorporatie", "Kim gaat mee naar het gesprek")),
...         Tabel(("Wie", "Wat", "Wanneer"), (("Chantal", "belt *Woonstad*", "maandag"),)),
...     ),
... )
>>> print(to_markdown(doc))
# Ons plan
<BLANKLINE>
*Gezin Verbeek · maart 2026*
<BLANKLINE>
## Wat willen we bereiken?
<BLANKLINE>
Wij willen over een half jaar geen huurachterstand meer hebben.
<BLANKLINE>
- Chantal belt de woningcorporatie
- Kim gaat mee naar het gesprek
<BLANKLINE>
| Wie | Wat | Wanneer |
|---|---|---|
| Chantal | belt \*Woonstad\* | maandag |
<BLANKLINE>
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "Alinea",
    "Blok",
    "Document",
    "Kop",
    "Lijst",
    "Tabel",
    "join_dutch",
    "markdown_escape",
    "slug",
    "to_markdown",
]


@dataclass(frozen=True)
class Kop:
    """A heading; ``niveau`` 1 is a section, 2 a subsection."""

    tekst: str
    niveau: int = 1


@dataclass(frozen=True)
class Alinea:
    """A paragraph of plain text (line breaks inside are kept)."""

    tekst: str
    nadruk: bool = False


@dataclass(frozen=True)
class Lijst:
    """A bulleted list (``genummerd=True``: numbered) of plain-text items."""

    items: tuple[str, ...]
    genummerd: bool = False


@dataclass(frozen=True)
class Tabel:
    """A table with a header row."""

    kolommen: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]


Blok = Kop | Alinea | Lijst | Tabel


@dataclass(frozen=True)
class Document:
    """A titled document made of blocks; ``voetnoot`` is printed at the bottom of every PDF page."""

    titel: str
    blokken: tuple[Blok, ...] = ()
    ondertitel: str = ""
    voetnoot: str = field(default="Gemaakt met wijkteam-kit · oefenmateriaal met verzonnen gegevens")


_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def markdown_escape(text: str) -> str:
    r"""Escape characters Markdown (or HTML inside Markdown) would interpret.

    >>> markdown_escape("<b>Jan</b> *en* [Piet](x)")
    '\\<b\\>Jan\\</b\\> \\*en\\* \\[Piet\\](x)'
    """
    return _SPECIAL.sub(r"\\\1", str(text))


def join_dutch(items: Iterable[str]) -> str:
    """Items as a Dutch enumeration; an empty string for none.

    >>> join_dutch(["Ans"]), join_dutch(["Ans", "Bram"]), join_dutch(["Ans", "Bram", "Cor"])
    ('Ans', 'Ans en Bram', 'Ans, Bram en Cor')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def slug(text: str, fallback: str = "", max_length: int = 60) -> str:
    """A plain file-name or id part made from text: lower case, no accents, words joined by hyphens.

    >>> slug("Team Zoë & 't Hof"), slug("***", "team")
    ('team-zoe-t-hof', 'team')
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:max_length].strip("-") or fallback


def _cell(text: str) -> str:
    return markdown_escape(text).replace("\n", " ")


def to_markdown(doc: Document) -> str:
    """The document as Markdown text (user text escaped, so it reads exactly as typed)."""
    out = [f"# {markdown_escape(doc.titel)}", ""]
    if doc.ondertitel:
        out += [f"*{markdown_escape(doc.ondertitel)}*", ""]
    for block in doc.blokken:
        if isinstance(block, Kop):
            out += [f"{'#' * (block.niveau + 1)} {markdown_escape(block.tekst)}", ""]
        elif isinstance(block, Alinea):
            text = markdown_escape(block.tekst).replace("\n", "  \n")
            out += [f"*{text}*" if block.nadruk else text, ""]
        elif isinstance(block, Lijst):
            out += [
                f"{f'{i}.' if block.genummerd else '-'} {_cell(item)}"
                for i, item in enumerate(block.items, 1)
            ]
            out.append("")
        elif isinstance(block, Tabel):
            out.append("| " + " | ".join(_cell(c) for c in block.kolommen) + " |")
            out.append("|" + "---|" * len(block.kolommen))
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rijen]
            out.append("")
    return "\n".join(out)
