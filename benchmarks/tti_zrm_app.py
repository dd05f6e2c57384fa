"""Time to interactive of the ZRM app vs a bare Voila notebook with one IntSlider.

Same `wijkteam-kit serve` server, same headless Chromium, same run, alternating the two pages. Time to
interactive = from navigation start until the first control a user needs is visible (the casus dropdown of
the ZRM app; the slider handle of the bare notebook). Prints medians and the ratio (target ≤ 1.5).
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

from wijkteam_kit.serve import free_port, wait_until_serving

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7, help="page loads per notebook (default 7)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="wk-bench-"))
    shutil.copy(ROOT / "apps" / "zrm_oefening.ipynb", folder)
    write_slider_notebook(folder)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wijkteam_kit.cli",
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
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(base + "voila/api/contents")
        pages = {
            "slider": (base + "voila/render/slider.ipynb", ".noUi-handle"),
            "zrm": (base + "voila/render/zrm_oefening.ipynb", ".wk-casus-keuze select"),
        }
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
        for name, values in times.items():
            print(f"{name:7} median {medians[name]:.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})")
        ratio = medians["zrm"] / medians["slider"]
        print(
            f"ratio ZRM app / bare slider: {ratio:.2f}  (target ≤ 1.5 -> {'OK' if ratio <= 1.5 else 'TOO SLOW'})"
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
