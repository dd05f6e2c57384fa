"""Time to interactive of every app vs a bare Voila notebook with one IntSlider.

Same `wijkteam-kit serve` server, same headless Chromium, same run, the pages taken in turn. Time to
interactive = from navigation start until the first control a user needs is visible (for the netwerkatlas:
the drawn relatiekaart; for the bare notebook: the slider handle). Prints medians and the ratio per app
(target ≤ 1.5 for the ZRM app, the one that was measured first; the others are reported against it).

Run: ``python benchmarks/tti_apps.py [--runs 7] [--apps zrm_oefening netwerkatlas …]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from wijkteam_kit.app.serve import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - same browser launch as the tests


def write_slider_notebook(folder: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("import ipywidgets as widgets\nwidgets.IntSlider(description='Test')")
    ]
    nbformat.write(nb, folder / "slider.ipynb")


def measure(page, url: str, selector: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.locator(selector).first.wait_for(state="visible", timeout=180_000)
    return time.perf_counter() - start


#: The first control a user needs, per app.
READY = {
    "zrm_oefening": ".wk-casus-keuze select",
    "netwerkatlas": ".wk-beeld-relatiekaart svg",
    "competentie_scan": ".wk-naam input",
    "plan_schrijven": ".wk-casus-keuze select",
    "intervisie": ".wk-soort select",
    "bouwstenen": ".wk-app .widget-button",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="page loads per notebook (default 7)")
    parser.add_argument("--apps", nargs="*", default=list(READY), choices=list(READY), help="which apps")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="wk-bench-"))
    for app in args.apps:
        shutil.copy(ROOT / "apps" / f"{app}.ipynb", folder)
    write_slider_notebook(folder)
    data = Path(tempfile.mkdtemp(prefix="wk-bench-data-"))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wijkteam_kit.app.cli",
            "serve",
            "--port",
            str(port),
            "--no-browser",
            "--apps",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "WIJKTEAM_DATA": str(data)},  # never the user's own data folder
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(base + "voila/api/contents")
        pages = {"slider": (base + "voila/render/slider.ipynb", ".noUi-handle")}
        pages |= {app: (base + f"voila/render/{app}.ipynb", READY[app]) for app in args.apps}
        times: dict[str, list[float]] = {name: [] for name in pages}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for url, selector in pages.values():  # one warm-up load each, not counted
                page = browser.new_page()
                measure(page, url, selector)
                page.close()
            for _ in range(args.runs):
                for name, (url, selector) in pages.items():
                    page = browser.new_page()
                    times[name].append(measure(page, url, selector))
                    page.close()
                    time.sleep(0.5)
            browser.close()
        medians = {name: statistics.median(values) for name, values in times.items()}
        print(f"time to interactive, median of {args.runs} loads, same server and browser:")
        for name, values in times.items():
            ratio = (
                "" if name == "slider" else f"  ratio to bare slider {medians[name] / medians['slider']:.2f}"
            )
            print(
                f"  {name:17} {medians[name]:.2f} s{ratio}  (runs: {', '.join(f'{v:.2f}' for v in values)})"
            )
        if "zrm_oefening" in medians:
            ratio = medians["zrm_oefening"] / medians["slider"]
            print(
                f"ZRM app / bare slider: {ratio:.2f} (target ≤ 1.5 -> {'OK' if ratio <= 1.5 else 'TOO SLOW'})"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
