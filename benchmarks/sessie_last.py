"""A group session under load: 30 participants open the ZRM app at once, join and hand in together.

One run, one server, one headless Chromium (every participant in its own browser context):

(a) time to interactive (TTI) of the participant app ``zrm_oefening.ipynb?sessie=CODE``: from navigation start
    until the code field holds the session code and "Meedoen" is visible and enabled. One page at a time
    (``--runs`` loads, median) and ``--pages`` pages opened at the same moment (p50, p95). Prints the ratio
    p95(N) / median(1) (target ≤ 3) and the load average;
(b) all pages join with distinct names, score every domain and the participatieladder as a person does
    (level button, "Volgende"), then click "Inleveren" at the same moment; waits for every "Ingeleverd om"
    and checks the store: one deelname and exactly one submission per participant, each payload its own;
(c) memory of every Voila kernel of those pages (VmRSS and PSS from /proc) and of the server, while the
    pages are still open.

Extra Voila arguments (``--voila-arg``, repeatable) start the server as ``python -m wijkteam_kit.app.server
<voila_arguments(...)> <extra>``, e.g. a pool of pre-started kernels::

    python benchmarks/sessie_last.py
    python benchmarks/sessie_last.py --pages 30 --runs 5 --bare
    python benchmarks/sessie_last.py --voila-arg=--preheat_kernel=True --voila-arg=--pool_size=30

A preheated kernel runs the notebook before the page is asked for, when the query string is not known yet;
with ``preheat_kernel`` the benchmark therefore serves a variant of the app notebook that builds the app,
waits for the request (``voila.utils.wait_for_request``) and then fills in the code from ``?sessie=``.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from wijkteam_kit.app.serve import free_port, voila_arguments, wait_until_serving
from wijkteam_kit.casus import default_library_dir, load_library
from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - same browser launch as the tests
from tests.test_browser_groepssessie_last import session_rows  # noqa: E402 - the same check as the test

CASUS_ID = "administratie-taal"
LONG = 300_000  # ms: 30 kernels starting on 2 cores take a while
LOG_WARNINGS = ("Timeout waiting for IOPub output", "Kernel died", "ERROR")

PREHEAT_SOURCE = """# Variant voor een Voila-kernelpool (preheat): de app wordt gebouwd voordat de pagina gevraagd is.
import os

from voila.utils import wait_for_request

from wijkteam_kit.ui.groepssessie.deelname import client_from_environment, code_from_query
from wijkteam_kit.ui.zrm_oefening import ZrmOefening

app = ZrmOefening()
wait_for_request()  # no-op without preheat; with it: QUERY_STRING and the headers are now in os.environ
app.sessie.code_input.value = code_from_query(os.environ.get("QUERY_STRING", ""))
app.sessie.client = client_from_environment()
app.widget"""


# ---------------------------------------------------------------------------------------------- processes
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``."""
    tree, found, todo = _children(), [], [pid]
    while todo:
        kids = tree.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def is_kernel(pid: int) -> bool:
    try:
        return b"ipykernel_launcher" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def memory_mb(pid: int) -> tuple[float, float | None]:
    """(RSS, PSS) of one process in MB; PSS is None when smaps_rollup cannot be read."""
    rss = pss = None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss or 0.0, pss


# ---------------------------------------------------------------------------------------------- browser
async def time_to_interactive(page, url: str, code: str, timeout: int = LONG) -> float | None:
    """Seconds until the page can join; None when it did not get there within ``timeout`` ms."""
    from playwright.async_api import Error, expect

    start = time.perf_counter()
    try:
        await page.goto(url, timeout=timeout)
        await expect(page.locator(".wk-sessie-code input")).to_have_value(code, timeout=timeout)
        button = page.locator(".wk-sessie-meedoen")
        await expect(button).to_be_visible(timeout=timeout)
        await expect(button).to_be_enabled(timeout=timeout)
    except (AssertionError, Error):
        return None
    return time.perf_counter() - start


async def ready_slider(page, url: str) -> float:
    start = time.perf_counter()
    await page.goto(url, timeout=LONG)
    await page.locator(".noUi-handle").first.wait_for(state="visible", timeout=LONG)
    return time.perf_counter() - start


async def join_and_score(page, name: str, level: int, ladder: int, domains: list[str]) -> str:
    """Join under ``name``, score every domain ``level`` and the ladder ``ladder``; returns the herstelcode."""
    from playwright.async_api import expect

    await page.locator(".wk-sessie-naam input").fill(name)
    await page.locator(".wk-sessie-meedoen").click()
    await expect(page.locator(".wk-sessie-banner")).to_contain_text(name, timeout=LONG)
    herstel = (await page.locator(".wk-sessie-herstelcode .wk-code").inner_text(timeout=LONG)).strip()
    for domain in domains:
        await expect(page.locator(".wk-kaart h3").last).to_have_text(domain, timeout=LONG)
        # The level buttons of the previous domain must be cleared first: a click on a button that still
        # shows as chosen changes nothing (a person would click again).
        await expect(page.locator(".wk-niveau .mod-active")).to_have_count(0, timeout=LONG)
        await page.locator(".wk-niveau").get_by_role("button", name=str(level), exact=True).click()
        done = page.locator(".wk-nav-knop", has_text=f"✓ {domain}: {level}")
        await expect(done).to_be_visible(timeout=LONG)
        await page.get_by_role("button", name="Volgende").click()
    await page.locator(".wk-ladder").get_by_role("button", name=str(ladder), exact=True).click()
    n = len(domains)
    await expect(page.locator(".wk-voortgang")).to_contain_text(f"{n} van {n}", timeout=LONG)
    await expect(page.locator(".wk-voortgang")).to_contain_text("trede gekozen", timeout=LONG)
    return herstel


async def hand_in(page) -> float:
    from playwright.async_api import expect

    start = time.perf_counter()
    await page.locator(".wk-inleveren").click()
    await expect(page.locator(".wk-sessie-status")).to_contain_text("Ingeleverd om", timeout=LONG)
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------------- checks
def check_store(db: Path, code: str, joined: int, expected: dict[str, tuple[int, int]]) -> dict[str, int]:
    """Count deelnames and submissions of session ``code``; raise SystemExit on any loss or duplicate.

    ``joined`` pages joined; ``expected`` maps the name of everyone who handed in to (level, ladder).
    """
    deelnames, rows = session_rows(db, code)
    by_id = {r[0]: r for r in rows}
    per_person: dict[str, int] = {}
    for _, deelnemer, _ in rows:
        per_person[deelnemer] = per_person.get(deelnemer, 0) + 1
    problems, correct = [], 0
    for deelnemer, naam, inzending_id, ingeleverd in deelnames:
        if naam not in expected:
            continue  # joined, but did not get to hand in (a stuck page, reported separately)
        row = by_id.get(inzending_id)
        if row is None or row[1] != deelnemer or ingeleverd is None:
            problems.append(f"{naam}: geen (eigen) inzending")
            continue
        payload = row[2]
        level, ladder = expected.get(naam, (None, None))
        levels = {s.get("niveau") for s in payload.get("scores", {}).values()}
        if payload.get("beoordelaar") == naam and levels == {level} and payload.get("ladder") == ladder:
            correct += 1
        else:
            problems.append(
                f"{naam}: payload {payload.get('beoordelaar')!r} {levels} {payload.get('ladder')}"
            )
    figures = {
        "deelnames": len(deelnames),
        "verschillende namen": len({d[1] for d in deelnames}),
        "inzendingen": len(rows),
        "deelnemers met inzending": len(per_person),
        "dubbele inzendingen": sum(n - 1 for n in per_person.values()),
        "juiste payloads": correct,
    }
    n = len(expected)
    if (
        problems
        or figures["deelnames"] != joined
        or figures["inzendingen"] != n
        or figures["dubbele inzendingen"]
    ):
        raise SystemExit(f"FOUT in de opslag: {figures} {problems[:5]}")
    return figures


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 30 values = the 29th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered) - 1e-9) - 1)]


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


# ---------------------------------------------------------------------------------------------- run
async def run(args, base: str, server: subprocess.Popen, log_path: Path, db: Path, preheat: bool) -> None:
    from playwright.async_api import async_playwright

    casus = next(c for c in load_library() if c.id == CASUS_ID)
    domains = [d.name for d in casus.version().domains]
    with Store(db) as store:
        nieuw = Groepssessies(store).create(CASUS_ID, "zrm", titel="Benchmark")
    code, n = nieuw.sessie.code, args.pages
    app_url = f"{base}voila/render/zrm_oefening.ipynb?sessie={code}"
    slider_url = f"{base}voila/render/slider.ipynb"
    fills = lambda: log_path.read_text(errors="replace").count("is filled with")  # noqa: E731

    async def settle(before: int) -> None:
        """Preheat: wait until the pool has been refilled after a page took a kernel."""
        if preheat:
            deadline = time.monotonic() + 180
            while fills() <= before and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
        await asyncio.sleep(args.settle)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)

        async def single(url_check) -> list[float]:
            times = []
            for i in range(args.runs + 1):  # the first load warms caches, not counted
                ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
                page = await ctx.new_page()
                before = fills()
                t = await url_check(page)
                await ctx.close()
                if i:
                    times.append(t)
                await settle(before)
            return times

        async def concurrent(url_check) -> tuple[list, list[float], float]:
            contexts = [await browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(n)]
            for c in contexts:  # a click can wait long for a browser rendering 30 pages on 2 cores
                c.set_default_timeout(LONG)
            pages = [await c.new_page() for c in contexts]
            start = time.perf_counter()
            times = await asyncio.gather(*(url_check(pg) for pg in pages))
            return contexts, list(times), time.perf_counter() - start

        results: dict[str, object] = {"load_start": load(), "domains": len(domains)}
        if args.bare:
            results["bare1"] = await single(lambda pg: ready_slider(pg, slider_url))
            ctxs, results["bareN"], _ = await concurrent(lambda pg: ready_slider(pg, slider_url))
            bare = [f"{t:.1f}" for t in (*results["bare1"], *results["bareN"])]
            print(
                f"kaal 1 pagina: {' '.join(bare[: args.runs])} s; {n} tegelijk: {' '.join(bare[args.runs :])} s"
            )
            for c in ctxs:
                await c.close()
            await asyncio.sleep(args.settle * 3)
        tti = lambda pg: time_to_interactive(pg, app_url, code, int(args.timeout * 1000))  # noqa: E731
        results["app1"] = await single(tti)
        kernels_before = {k for k in descendants(server.pid) if is_kernel(k)}
        results["load_before_n"] = load()
        contexts, results["appN"], results["wall_n"] = await concurrent(tti)
        results["load_after_n"] = load()
        shown = [f"{t:.1f}" if t is not None else "-" for t in (*results["app1"], *results["appN"])]
        print(
            f"TTI 1 pagina: {' '.join(shown[: args.runs])} s; {n} tegelijk: {' '.join(shown[args.runs :])} s"
        )
        pages = [c.pages[0] for c in contexts]
        # A page that never became interactive: keep what it showed, then reload it as a person would.
        results["reloads"] = 0
        for i, (pg, t) in enumerate(zip(pages, results["appN"], strict=True)):
            if t is None:
                args.diag.mkdir(parents=True, exist_ok=True)
                await pg.screenshot(path=str(args.diag / f"niet-interactief-{i:02d}.png"), full_page=True)
                (args.diag / f"niet-interactief-{i:02d}.txt").write_text(await pg.inner_text("body"))
                for _ in range(2):
                    results["reloads"] += 1
                    if await tti(pg) is not None:
                        break
        alive = [i for i, pg in enumerate(pages) if await pg.locator(".wk-sessie-meedoen").count()]
        pages = [pages[i] for i in alive]

        # (b) join, score, and hand in at the same moment
        names = [f"Deelnemer {i + 1:02d}" for i in alive]
        expected = {name: (1 + i % 5, 1 + i % 6) for i, name in enumerate(names)}
        start = time.perf_counter()
        outcome = await asyncio.gather(
            *(
                join_and_score(pg, name, *expected[name], domains)
                for pg, name in zip(pages, names, strict=True)
            ),
            return_exceptions=True,
        )
        results["score_wall"] = time.perf_counter() - start
        results["joined"] = len(names)
        results["stuck"] = []
        for i, (pg, name, result) in enumerate(zip(pages, names, outcome, strict=True)):
            if isinstance(result, BaseException):  # keep what the page showed; go on with the others
                args.diag.mkdir(parents=True, exist_ok=True)
                await pg.screenshot(path=str(args.diag / f"vastgelopen-{i:02d}.png"), full_page=True)
                results["stuck"].append(f"{name}: {str(result).splitlines()[0]}")
        ok = [i for i, result in enumerate(outcome) if not isinstance(result, BaseException)]
        pages, names = [pages[i] for i in ok], [names[i] for i in ok]
        expected = {name: expected[name] for name in names}
        start = time.perf_counter()
        results["handin"] = list(await asyncio.gather(*(hand_in(pg) for pg in pages)))
        results["handin_wall"] = time.perf_counter() - start
        results["load_after_b"] = load()
        results["store"] = check_store(db, code, results["joined"], expected)
        with Store(db) as store:
            answers = Groepssessies(store).as_trainer(code, nieuw.geheim, client=Client("benchmark")).answers()
        results["trainer_answers"] = len(answers)

        # (c) memory, the pages still open
        kernels = [k for k in descendants(server.pid) if is_kernel(k)]
        mine = [k for k in kernels if k not in kernels_before]
        results["mem_pages"] = [memory_mb(k) for k in mine]
        results["mem_all_kernels"] = len(kernels)
        results["mem_server"] = memory_mb(server.pid)
        for c in contexts:
            await c.close()
        await browser.close()
    text = log_path.read_text(errors="replace")
    results["log"] = {w: text.count(w) for w in LOG_WARNINGS}
    report(args, results, preheat)


def report(args, r: dict, preheat: bool) -> None:
    n = args.pages
    single = [t if t is not None else args.timeout for t in r["app1"]]
    many = [t if t is not None else args.timeout for t in r["appN"]]  # a failed page counts as the time-out
    failed = sum(t is None for t in r["appN"])
    median1, p50, p95 = statistics.median(single), pct(many, 0.50), pct(many, 0.95)
    ratio = p95 / median1
    verdict = "GEHAALD" if ratio <= 3 and not failed else "NIET GEHAALD"
    runs = ", ".join(f"{t:.2f}" if t is not None else "mislukt" for t in r["app1"])
    line = "-" * 78
    out = [
        line,
        f"Groepssessie onder last · {n} pagina's · {os.cpu_count()} cores · voila-args: {args.voila_arg or '-'}",
        line,
        f"load average (1/5/15 min): begin {r['load_start']} · voor {n} pagina's {r['load_before_n']} · "
        f"erna {r['load_after_n']} · na inleveren {r['load_after_b']}",
        "(a) time to interactive van zrm_oefening.ipynb?sessie=CODE (code ingevuld, Meedoen klikbaar)",
        f"    1 pagina, mediaan van {len(single)}: {median1:6.2f} s   (runs {runs})",
        f"    {n} tegelijk: p50 {p50:6.2f} s · p95 {p95:6.2f} s · max {max(many):6.2f} s · "
        f"alle klaar na {r['wall_n']:.1f} s",
        f"    verhouding p95({n}) / mediaan(1): {ratio:.1f}  (doel ≤ 3 -> {verdict})",
        f"    niet interactief binnen {args.timeout:.0f} s: {failed} van {n} pagina's"
        + (f" (daarna {r['reloads']}x herladen; schermafdrukken in {args.diag})" if failed else ""),
        "    serverlog: " + " · ".join(f"{k}: {v}x" for k, v in r["log"].items()),
    ]
    if "bare1" in r:
        b1, bn = statistics.median(r["bare1"]), r["bareN"]
        out.append(
            f"    kale notebook (IntSlider): 1 pagina {b1:.2f} s · {n} tegelijk p50 {pct(bn, 0.5):.2f} s · "
            f"p95 {pct(bn, 0.95):.2f} s · verhouding {pct(bn, 0.95) / b1:.1f}"
        )
    h = r["handin"]
    out += [
        f"(b) {r['joined']} deelnemers: meedoen + {r['domains']} domeinen + ladder scoren in {r['score_wall']:.1f} s"
        + (f"; vastgelopen: {len(r['stuck'])} ({'; '.join(r['stuck'][:3])})" if r["stuck"] else ""),
        f"    {len(h)} tegelijk inleveren: p50 {pct(h, 0.5):.2f} s · p95 {pct(h, 0.95):.2f} s · "
        f"alle klaar na {r['handin_wall']:.1f} s",
        "    opslag: "
        + " · ".join(f"{k} {v}" for k, v in r["store"].items())
        + f" · trainer ziet {r['trainer_answers']} antwoorden",
    ]
    mem = r["mem_pages"]
    rss = [m[0] for m in mem]
    pss = [m[1] for m in mem if m[1] is not None]
    out += [
        f"(c) geheugen per kernel ({len(mem)} kernels van deze pagina's, {r['mem_all_kernels']} in totaal):",
        f"    RSS mediaan {statistics.median(rss):.0f} MB · max {max(rss):.0f} MB · som {sum(rss):.0f} MB",
    ]
    if pss:
        out.append(
            f"    PSS mediaan {statistics.median(pss):.0f} MB · max {max(pss):.0f} MB · som {sum(pss):.0f} MB"
        )
    srv = r["mem_server"]
    out.append(
        f"    server (Voila): RSS {srv[0]:.0f} MB" + (f" · PSS {srv[1]:.0f} MB" if srv[1] is not None else "")
    )
    out.append(line)
    if preheat:
        out.append("(preheat: de app-notebook wacht met voila.utils.wait_for_request() op het verzoek)")
    print("\n".join(out), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30, help="pagina's tegelijk (standaard 30)")
    parser.add_argument("--runs", type=int, default=5, help="metingen met 1 pagina (standaard 5)")
    parser.add_argument("--voila-arg", action="append", default=[], help="extra Voila-argument (herhaalbaar)")
    parser.add_argument("--bare", action="store_true", help="meet ook een kale IntSlider-notebook (1 en N)")
    parser.add_argument("--settle", type=float, default=2.0, help="seconden rust tussen twee metingen")
    parser.add_argument(
        "--timeout", type=float, default=180.0, help="seconden tot een pagina als mislukt telt"
    )
    parser.add_argument(
        "--diag",
        type=Path,
        default=Path(tempfile.gettempdir()) / "wk-sessie-last",
        help="map voor foutbeelden",
    )
    args = parser.parse_args()
    preheat = any(re.search(r"preheat_kernel=(True|1)", a, re.I) for a in args.voila_arg)

    folder = Path(tempfile.mkdtemp(prefix="wk-last-apps-"))
    data = Path(tempfile.mkdtemp(prefix="wk-last-data-"))
    nb = nbformat.read(ROOT / "apps" / "zrm_oefening.ipynb", as_version=4)
    if preheat:
        nb.cells[0].source = PREHEAT_SOURCE
    nbformat.write(nb, folder / "zrm_oefening.ipynb")
    if args.bare:
        slider = nbformat.v4.new_notebook()
        slider.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        slider.cells = [nbformat.v4.new_code_cell("import ipywidgets as widgets\nwidgets.IntSlider()")]
        nbformat.write(slider, folder / "slider.ipynb")
    port = free_port()
    log_path = data / "server.log"
    command = [
        sys.executable,
        "-m",
        "wijkteam_kit.app.server",
        *voila_arguments(folder, port, False),
        *args.voila_arg,
    ]
    env = {
        **os.environ,
        "WIJKTEAM_DATA": str(data),  # never the user's own data folder
        "WIJKTEAM_DATABASE_URL": "",
        "WIJKTEAM_CASUSES": str(default_library_dir().resolve()),  # as `wijkteam-kit serve` sets it
    }
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(base + "voila/api/contents")
        if preheat:  # wait until every pool is full before measuring
            pools = len(list(folder.glob("*.ipynb")))
            deadline = time.monotonic() + 600
            while log_path.read_text(errors="replace").count("is filled with") < pools:
                if time.monotonic() > deadline:
                    raise SystemExit("De kernelpool werd niet binnen 10 minuten gevuld.")
                time.sleep(1)
        asyncio.run(run(args, base, server, log_path, data / "wijkteam.db", preheat))
    finally:
        kernels = [k for k in descendants(server.pid) if is_kernel(k)]
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        for pid in kernels:  # kernels run in their own session; Voila stops them, this is a safety net
            if is_kernel(pid):
                os.kill(pid, signal.SIGKILL)
        args.diag.mkdir(parents=True, exist_ok=True)
        shutil.copy(log_path, args.diag / "server.log")  # kept for a look at warnings and errors
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
