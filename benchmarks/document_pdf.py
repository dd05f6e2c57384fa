"""Time to make a printable PDF with :func:`wijkteam_kit.draw.document_pdf.document_pdf` (2 and 10+ pages).

Run: ``python benchmarks/document_pdf.py [--runs 5]``; prints the median per document.
"""

from __future__ import annotations

import argparse
import statistics
import time

from wijkteam_kit.document import Alinea, Document, Kop
from wijkteam_kit.draw.document_pdf import document_pdf, document_pdf_pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    line = "Een gewone zin over het team en de wijk. " * 4
    document_pdf(Document(titel="warm"))
    for paragraphs in (40, 200):
        doc = Document(
            titel="Meting",
            blokken=(*(Alinea(f"Alinea {i}: {line}") for i in range(paragraphs)), Kop("ĳ en é")),
        )
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            document_pdf(doc)
            times.append(time.perf_counter() - start)
        print(
            f"{document_pdf_pages(doc):3d} pagina's: mediaan {statistics.median(times):.2f} s over {runs} keer"
        )


if __name__ == "__main__":
    main()
