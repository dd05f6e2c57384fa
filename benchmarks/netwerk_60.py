"""Build, analyse and draw a 60-person network with 150 ties; print milliseconds per step.

Target from the issue: redrawing the relatiekaart ≤ 300 ms. "Redraw" is what the app does after an edit:
build the Figure and render it as inline SVG (``draw.inline_svg``). Downloads (PNG at 150 dpi with a tight
bounding box, PDF) are made on request and timed separately.

Run: ``python benchmarks/netwerk_60.py [--runs 7]``
"""

from __future__ import annotations

import argparse
import statistics
import time

from wijkteam_kit.draw.basisposter import basisposter_figure
from wijkteam_kit.draw.contactschema import contactschema_figure
from wijkteam_kit.draw.export import figure_bytes, inline_svg
from wijkteam_kit.draw.familiekaart import familiekaart_figure
from wijkteam_kit.draw.gebeurteniskaart import gebeurteniskaart_figure
from wijkteam_kit.draw.relatiekaart import relatiekaart_figure
from wijkteam_kit.netwerk import Netwerkatlas
from wijkteam_kit.netwerk.analyse import analyse
from wijkteam_kit.netwerk.io import atlas_from_json, atlas_to_json
from wijkteam_kit.netwerk.signalen import signals
from wijkteam_kit.netwerk.voorbeeld import generate_atlas

PERSONS, TIES = 60, 150


def timed(fn, runs: int) -> tuple[float, object]:
    """Median wall time in ms over ``runs`` calls (after one warm-up call), and the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    rows: list[tuple[str, float]] = []
    ms, atlas = timed(lambda: generate_atlas(PERSONS, TIES, seed=1), runs)
    rows.append(("bouwen: 60 personen + 150 banden (gevalideerde objecten)", ms))

    def rebuild() -> Netwerkatlas:
        a = Netwerkatlas(client=atlas.client)
        for p in atlas.personen:
            a = a.with_person(p)
        for t in atlas.banden:
            a = a.with_tie(t)
        return a

    rows.append(("bouwen via with_person/with_tie (zoals de app, 210 bewerkingen)", timed(rebuild, runs)[0]))
    rows.append(
        ("JSON opslaan + laden met validatie", timed(lambda: atlas_from_json(atlas_to_json(atlas)), runs)[0])
    )
    rows.append(("analyse (alle maten)", timed(lambda: analyse(atlas), runs)[0]))
    rows.append(("signalen (Wat valt op?)", timed(lambda: signals(atlas), runs)[0]))
    rows.append(("relatiekaart: Figure bouwen", timed(lambda: relatiekaart_figure(atlas), runs)[0]))
    redraw = timed(lambda: inline_svg(relatiekaart_figure(atlas)), runs)[0]
    rows.append(("relatiekaart opnieuw tekenen: Figure + inline SVG (wat de app doet)", redraw))
    for fmt in ("png", "pdf"):
        ms = timed(lambda f=fmt: figure_bytes(relatiekaart_figure(atlas), f), runs)[0]
        rows.append((f"relatiekaart als download ({fmt.upper()}, 150 dpi, strak bijgesneden)", ms))
    for name, maker in (
        ("familiekaart", familiekaart_figure),
        ("contactschema", contactschema_figure),
        ("gebeurteniskaart", gebeurteniskaart_figure),
        ("basisposter", basisposter_figure),
    ):
        rows.append((f"{name}: Figure + inline SVG", timed(lambda m=maker: inline_svg(m(atlas)), runs)[0]))

    print(f"Netwerk van {PERSONS} personen en {TIES} banden; mediaan van {runs} keer (ms)")
    for label, value in rows:
        print(f"  {label:<68} {value:8.1f}")
    verdict = "gehaald" if redraw <= 300 else "NIET gehaald"
    print(f"Relatiekaart opnieuw tekenen: {redraw:.0f} ms (doel ≤ 300 ms): {verdict}")


if __name__ == "__main__":
    main()
