"""The training room under load, measured the way the server experiences it: participants at protocol level.

Thirty Chromium pages on the same 2-core machine measure Chromium, not the kit (in a real room the browsers run
on 30 devices). So every simulated participant asks of the server exactly what a first-time browser asks:

1. the app page ``zrm_oefening.ipynb?sessie=CODE`` (read to the end);
2. every static file a first visit of that page loads (the list is recorded once with a real Chromium), as a
   browser fetches them: over at most six connections that stay open (HTTP/1.1 keep-alive), accepting
   compressed files (the bytes are counted, not unpacked: that is the browser's work on its own device);
3. the kernel's websocket (``/api/kernels/<id>/channels``, Jupyter's JSON message protocol), a
   ``kernel_info_request``, and the widget state as ipywidgets 8 asks for it (``comm_info_request`` and a
   ``request_states`` message on a ``jupyter.widget.control`` comm) until the ``update_states`` reply is there:
   that moment is **ready**;
4. then the widget messages a person sends: joining the group session (name, "Meedoen"), which opens the
   casus and starts scoring; each waits for the kernel's answer (``status: idle`` of that message);
5. at a common moment, the hand-in: a level for each of the 11 domains ("Volgende" in between), the ladder,
   "Inleveren"; the hand-in time is from sending "Inleveren" until its answer.

At the same time one real Chromium page (Playwright, Debian's chromium) measures what a person sees: time to
interactive of the same app while the room opens its pages (the simulated participants join only when it is
interactive: a person takes seconds to type a name). Figures (one run):

- one participant alone (median of 5): ready time, start time, hand-in time; the real page's TTI alone;
- N at once, cold (every page starts its own kernel) and warm (``serve --groep N``): p50/p95 ready time, ratio
  p95/single, all ready or not, and the real page's TTI while the room opens its pages, against the page alone
  on an ordinary server and against the page alone on this server just before (a warm page in a warm room);
- N hand-ins at the same moment: p50/p95 against one alone, and the store checked (one submission each);
- server and kernel CPU-seconds per participant while the room joins (and for warming the room beforehand);
- memory: PSS per kernel idle and after handing in, server PSS, total.

With ``ZAAL_SPOOR=1`` every message the simulated browsers receive is printed (type, widget method, model, size):
that is how the 65 messages and 88 kB of one hand-in were found.

Usage::

    python benchmarks/zaal_last.py                      # 30 participants, cold and warm, and 60 warm
    python benchmarks/zaal_last.py --deelnemers 30 --zonder-60
    python benchmarks/zaal_last.py --zonder-koud --zonder-60   # only the warm room (about 1.5 min)

Run it on a quiet machine (no tests or other benchmarks): the figures are about the 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the tests' browser launch
from wijkteam_kit.app.serve import free_port, wait_until_serving  # noqa: E402
from wijkteam_kit.groepssessie import Groepssessies  # noqa: E402
from wijkteam_kit.store import Store  # noqa: E402

APP = "zrm_oefening.ipynb"
CASUS_ID = "administratie-taal"
KEY = "benchmark-zaalsleutel-" + uuid.uuid4().hex
LONG = 300.0
#: A browser waits for a busy server; Tornado's client would give up connecting after 20 s.
WAIT = {"request_timeout": LONG, "connect_timeout": LONG}


# ---------------------------------------------------------------------------------------------- processes
def _ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields:
                tree.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = tree.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time of ``pid`` and all its processes, living and ended (user + system)."""
    total = 0
    fields = _stat(pid)
    if fields:
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    for child in descendants(pid):
        fields = _stat(child)
        if fields:
            total += int(fields[11]) + int(fields[12])
    return total / _ticks()


def own_cpu_seconds(pid: int) -> float:
    """CPU time of the server process itself (not its kernels)."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / _ticks() if fields else 0.0


def pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def kernel_pids(server_pid: int) -> list[int]:
    pids = []
    for pid in descendants(server_pid):
        try:
            if b"ipykernel_launcher" in Path(f"/proc/{pid}/cmdline").read_bytes():
                pids.append(pid)
        except OSError:
            pass
    return pids


def voila_pid(server_pid: int) -> int:
    """The process that runs Voila (the console script itself)."""
    return server_pid


class Server:
    """``wijkteam-kit serve`` on a free port, with its own data folder and a known room key."""

    def __init__(self, data: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.data = data
        env = {
            **os.environ,
            "WIJKTEAM_DATA": str(data),
            "WIJKTEAM_DATABASE_URL": "",
            "WIJKTEAM_ZAAL_SLEUTEL": KEY,
        }
        self.log = open(data / "serve.out", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wijkteam_kit.app.cli", "serve", "--port", str(self.port), "--no-browser", *args],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        wait_until_serving(self.url + "voila/api/contents")

    def status(self) -> dict:
        import urllib.request

        request = urllib.request.Request(self.url + "wijkteam/api/zaal", headers={"X-Wijkteam-Sleutel": KEY})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except TimeoutError:  # the server is busy starting the room's kernels: ask again
            return {"zalen": []}

    def wait_warm(self, timeout: float = 600) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            rooms = self.status()["zalen"]
            if rooms and all(r["is_klaar"] for r in rooms):
                return time.monotonic() - started
            time.sleep(0.5)
        import shutil

        keep = Path(tempfile.gettempdir()) / "zaal_niet_klaar"
        shutil.rmtree(keep, ignore_errors=True)
        shutil.copytree(self.data, keep, ignore=shutil.ignore_patterns("*.db*"))
        raise RuntimeError(f"de zaal werd niet klaar: {self.status()}; logboek bewaard in {keep}")

    def stop(self) -> None:
        import signal

        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


# ---------------------------------------------------------------------------------------------- protocol
def message(msg_type: str, content: dict, session: str, channel: str = "shell", metadata: dict | None = None):
    return {
        "header": {
            "msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session, "username": "deelnemer",
            "date": datetime.now(UTC).isoformat(), "version": "5.3",
        },
        "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel, "buffers": [],
    }  # fmt: skip


V1 = "v1.kernel.websocket.jupyter.org"


def encode(msg: dict) -> bytes:
    """A message as a websocket frame of Jupyter's v1 protocol (what JupyterLab's and Voila's pages speak)."""
    parts = [json.dumps(msg[key]).encode() for key in ("header", "parent_header", "metadata", "content")]
    return serialize_msg_to_ws_v1(parts, msg["channel"])


def decode(frame: str | bytes) -> dict:
    """A websocket frame of the v1 protocol: channel, header, parent header, metadata, content, buffers."""
    channel, parts = deserialize_msg_from_ws_v1(frame)
    header, parent, metadata, content = (json.loads(part) for part in parts[:4])
    return {"channel": channel, "header": header, "parent_header": parent, "metadata": metadata, "content": content}


@dataclass
class Participant:
    """One simulated participant and its timings (seconds from its own start)."""

    number: int
    ready: float | None = None
    started: float | None = None
    handed_in: float | None = None
    error: str = ""
    models: dict = field(default_factory=dict)
    kernel_id: str = ""
    frames: int = 0
    frame_bytes: int = 0
    hand_in_frames: tuple[int, int] = (0, 0)
    static_bytes: int = 0

    async def open(self, base: str, statics: list[str], code: str) -> None:
        begin = time.perf_counter()
        # Like a browser: at most 6 connections to the server, kept open between requests (HTTP/1.1 keep-alive),
        # compressed files welcome. Unpacking them is the browser's work, on its own device in a real room, so
        # the simulated participant reads them packed.
        client = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=6),
            timeout=aiohttp.ClientTimeout(total=LONG),
            headers={"Accept-Encoding": "gzip, deflate, br"},
            auto_decompress=False,
        )
        try:
            async with client.get(f"{base}voila/render/{APP}?sessie={code}") as page:
                html = await page.text()
            found = re.search(r'id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
            if found is None:  # not the app: the busy page or an error page; say which
                title = re.search(r"<title>(.*?)</title>", html, re.S)
                Path(tempfile.gettempdir(), f"zaal_geen_app_{self.number}.html").write_text(html)
                raise RuntimeError(f"geen app maar '{title.group(1) if title else html[:80]}'")
            config = json.loads(found.group(1))
            self.kernel_id = config["kernelId"]

            async def fetch_packed(url: str) -> int:
                async with client.get(base + url.lstrip("/")) as response:
                    response.raise_for_status()
                    return len(await response.read())

            self.static_bytes = sum(await asyncio.gather(*(fetch_packed(url) for url in statics)))
            self.session = uuid.uuid4().hex
            ws_url = f"ws://{base.split('://', 1)[1]}api/kernels/{self.kernel_id}/channels?session_id={self.session}"
            self.ws = await websocket_connect(
                HTTPRequest(ws_url, **WAIT), max_message_size=2**28, subprotocols=[V1]
            )
            self.ws.protocol.set_nodelay(True)  # as Chromium does for every connection (no Nagle delay)
            self.pending: dict[str, asyncio.Future] = {}
            self.replies: dict[str, asyncio.Future] = {}
            self.reader = asyncio.ensure_future(self._read())
            await self.request(message("kernel_info_request", {}, self.session))
            await self.request(message("comm_info_request", {"target_name": "jupyter.widget"}, self.session))
            comm = uuid.uuid4().hex
            await self.send(
                message(
                    "comm_open",
                    {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
                    self.session,
                    metadata={"version": "1.0.0"},
                )
            )
            self.states_future = asyncio.get_running_loop().create_future()
            await self.send(message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}},
                                    self.session, metadata={"version": "1.0.0"}))  # fmt: skip
            self.models = await asyncio.wait_for(self.states_future, LONG)
            self.ready = time.perf_counter() - begin
        except Exception as exc:
            self.error = f"openen: {type(exc).__name__}: {exc}"
        finally:
            await client.close()

    async def _read(self) -> None:
        while True:
            frame = await self.ws.read_message()
            if frame is None:
                return
            self.frames += 1
            self.frame_bytes += len(frame)
            msg = decode(frame)
            if os.environ.get("ZAAL_SPOOR"):
                c = msg.get("content", {})
                d = c.get("data", {}) if isinstance(c.get("data"), dict) else {}
                st = d.get("state", {})
                print("SPOOR", len(frame), msg.get("header", {}).get("msg_type"), d.get("method", ""),
                      st.get("_model_name", ""), sorted(st)[:6], c.get("execution_state", ""))
            parent = msg.get("parent_header", {}).get("msg_id")
            kind = msg.get("header", {}).get("msg_type")
            data = msg.get("content", {}).get("data", {}) if kind == "comm_msg" else {}
            if data.get("method") == "update_states" and not self.states_future.done():
                self.states_future.set_result(data["states"])
            elif kind == "comm_msg" and data.get("method") == "update" and msg["content"].get("comm_id"):
                self.models.setdefault(msg["content"]["comm_id"], {}).update(data.get("state", {}))
            elif kind == "comm_open" and msg["content"].get("target_name") == "jupyter.widget":
                self.models[msg["content"]["comm_id"]] = msg["content"]["data"].get("state", {})
            if (
                kind == "status"
                and msg["content"].get("execution_state") == "idle"
                and parent in self.pending
            ):
                self.pending.pop(parent).set_result(True)
            if kind and kind.endswith("_reply") and parent in self.replies:
                self.replies.pop(parent).set_result(msg)

    async def send(self, msg: dict) -> None:
        await self.ws.write_message(encode(msg), binary=True)

    async def request(self, msg: dict) -> None:
        """Send and wait for the reply (shell requests)."""
        future = asyncio.get_running_loop().create_future()
        self.replies[msg["header"]["msg_id"]] = future
        await self.send(msg)
        await asyncio.wait_for(future, LONG)

    async def widget(self, model: str, data: dict) -> None:
        """A widget message (update or click) and wait until the kernel has handled it."""
        msg = message(
            "comm_msg", {"comm_id": model, "data": data}, self.session, metadata={"version": "2.1.0"}
        )
        future = asyncio.get_running_loop().create_future()
        self.pending[msg["header"]["msg_id"]] = future
        await self.send(msg)
        await asyncio.wait_for(future, LONG)

    def find(self, cls: str = "", description: str = "") -> str:
        for model_id, state in self.models.items():
            state = state.get("state", state)
            if cls and cls in state.get("_dom_classes", []):
                return model_id
            if description and state.get("description") == description:
                return model_id
        raise KeyError(cls or description)

    async def join_and_start(self, name: str) -> None:
        begin = time.perf_counter()
        try:
            await self.widget(self.find(cls="wk-sessie-naam"), {"method": "update", "state": {"value": name},
                                                                "buffer_paths": []})  # fmt: skip
            await self.widget(
                self.find(cls="wk-sessie-meedoen"), {"method": "custom", "content": {"event": "click"}}
            )
            self.started = time.perf_counter() - begin
        except Exception as exc:
            self.error = f"starten: {type(exc).__name__}: {exc}"

    async def score(self) -> None:
        level, next_button = self.find(cls="wk-niveau"), self.find(description="Volgende")
        for _ in range(11):
            await self.widget(level, {"method": "update", "state": {"index": 2}, "buffer_paths": []})
            await self.widget(next_button, {"method": "custom", "content": {"event": "click"}})
        await self.widget(
            self.find(cls="wk-ladder"), {"method": "update", "state": {"index": 3}, "buffer_paths": []}
        )

    async def hand_in(self) -> None:
        begin = time.perf_counter()
        frames, size = self.frames, self.frame_bytes
        try:
            await self.widget(
                self.find(description="Inleveren"), {"method": "custom", "content": {"event": "click"}}
            )
            self.handed_in = time.perf_counter() - begin
            self.hand_in_frames = (self.frames - frames, self.frame_bytes - size)
        except Exception as exc:
            self.error = f"inleveren: {type(exc).__name__}: {exc}"

    async def close(self) -> None:
        if getattr(self, "ws", None) is not None:
            self.ws.close()
            self.reader.cancel()


# ---------------------------------------------------------------------------------------------- browser
def record_statics(base: str) -> list[str]:
    """Every same-host GET a first-time Chromium makes for the app page (not the page, not the APIs)."""
    from playwright.sync_api import sync_playwright

    urls: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: urls.append(r.url) if r.method == "GET" else None)
        page.goto(f"{base}voila/render/{APP}")
        page.wait_for_selector(".wk-sessie-meedoen", timeout=120_000)
        page.wait_for_timeout(1500)
        page.close(run_before_unload=True)
        browser.close()
    keep = []
    for url in urls:
        path = url.split(base, 1)[-1] if url.startswith(base) else None
        if (
            path
            and not path.startswith(("voila/render/", "api/", "voila/api/", "voila/query"))
            and path not in keep
        ):
            keep.append(path)
    return keep


async def real_page_tti(base: str, code: str) -> float | None:
    """Seconds until a real Chromium page of the app can join (code filled in, "Meedoen" enabled)."""
    from playwright.async_api import async_playwright, expect

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = await browser.new_page()
        begin = time.perf_counter()
        try:
            await page.goto(f"{base}voila/render/{APP}?sessie={code}", timeout=LONG * 1000)
            await expect(page.locator(".wk-sessie-code input")).not_to_have_value("", timeout=LONG * 1000)
            await expect(page.locator(".wk-sessie-meedoen")).to_be_enabled(timeout=LONG * 1000)
            return time.perf_counter() - begin
        except Exception:
            return None
        finally:
            await page.close(run_before_unload=True)
            await browser.close()


# ---------------------------------------------------------------------------------------------- scenarios
def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def new_session(data: Path) -> str:
    store = Store(data / "wijkteam.db")
    return Groepssessies(store).create(CASUS_ID, "zrm", "Benchmark").sessie.code


async def room(server: Server, statics: list[str], count: int, code: str, with_page: bool) -> dict:
    """``count`` participants at once (plus one real page): timings, CPU and memory."""
    cpu_before, own_before = cpu_seconds(server.process.pid), own_cpu_seconds(server.process.pid)
    client_before = time.process_time()  # the simulated browsers (this process): in a real room, other devices
    spy = None
    if os.environ.get("ZAAL_PROFIEL") and count > 1:  # py-spy on the server while the room joins and hands in
        spy = subprocess.Popen(
            [os.environ["ZAAL_PROFIEL"], "record", "-p", str(server.process.pid), "-r", "250", "--nonblocking",
             "-f", "raw", "-o", str(Path(tempfile.gettempdir()) / f"zaal_profiel_{count}.txt")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(1)
    people = [Participant(i) for i in range(count)]
    begin = time.perf_counter()
    tasks = [asyncio.ensure_future(p.open(server.url, statics, code)) for p in people]
    page_task = asyncio.ensure_future(real_page_tti(server.url, code)) if with_page else None
    await asyncio.gather(*tasks)
    all_ready = time.perf_counter() - begin
    cpu_join = cpu_seconds(server.process.pid) - cpu_before
    client_join = time.process_time() - client_before
    own_join = own_cpu_seconds(server.process.pid) - own_before
    # The real page is measured while the room opens its pages. Only then do the participants join: a person
    # needs seconds to type a name, while the simulated ones would send 30 "Meedoen" clicks, and then the 23
    # scoring messages each, at machine speed, on top of that one page.
    page_tti = await page_task if page_task else None
    kernels = kernel_pids(server.process.pid)
    idle = [pss_mb(k) for k in kernels]
    await asyncio.gather(*(p.join_and_start(f"Deelnemer {p.number + 1}") for p in people if not p.error))
    await asyncio.gather(*(p.score() for p in people if not p.error))
    cpu_before_hand_in, own_before_hand_in = cpu_seconds(server.process.pid), own_cpu_seconds(server.process.pid)
    client_before_hand_in = time.process_time()
    await asyncio.gather(*(p.hand_in() for p in people if not p.error))
    client_hand_in = time.process_time() - client_before_hand_in
    cpu_hand_in = cpu_seconds(server.process.pid) - cpu_before_hand_in
    own_hand_in = own_cpu_seconds(server.process.pid) - own_before_hand_in
    if spy is not None:
        import signal

        spy.send_signal(signal.SIGINT)
        spy.wait(30)
    after = [pss_mb(k) for k in kernel_pids(server.process.pid)]
    for p in people:
        await p.close()
    ready = [p.ready for p in people if p.ready is not None]
    return {
        "people": people, "ready": ready, "all_ready": len(ready) == count, "wall": all_ready,
        "cpu_join": cpu_join, "cpu_hand_in": cpu_hand_in, "own_join": own_join, "own_hand_in": own_hand_in,
        "client_join": client_join,
        "client_hand_in": client_hand_in,
        "page_tti": page_tti,
        "pss_idle": statistics.median(idle) if idle else 0.0, "pss_after": statistics.median(after) if after else 0.0,
        "pss_total": sum(after) + pss_mb(server.process.pid), "server_pss": pss_mb(server.process.pid),
        "errors": [p.error for p in people if p.error],
    }  # fmt: skip


def submissions(data: Path, code: str) -> tuple[int, int]:
    """(participants joined, distinct submissions) of the session, straight from the SQLite file."""
    import sqlite3

    with sqlite3.connect(data / "wijkteam.db") as db:
        joined = db.execute("select count(*) from sessie_deelnames where sessie = ?", (code,)).fetchone()[0]
        handed = db.execute(
            "select count(distinct inzending_id) from sessie_deelnames where sessie = ? and inzending_id is not null",
            (code,),
        ).fetchone()[0]
        rows = db.execute("select count(*) from inzendingen where sessie = ?", (code,)).fetchone()[0]
    if rows != handed:
        print(f"LET OP: {rows} inzendingen in de tabel voor {handed} deelnames (dubbel of los)")
    return joined, handed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deelnemers", type=int, default=30)
    parser.add_argument("--enkel", type=int, default=5, help="hoe vaak één deelnemer alleen (mediaan)")
    parser.add_argument("--zonder-60", action="store_true", help="sla de meting met 2×N over")
    parser.add_argument("--zonder-koud", action="store_true", help="sla de koude zaal over (alleen warm)")
    args = parser.parse_args()
    n = args.deelnemers
    rows: list[str] = []
    print(f"load average bij de start: {os.getloadavg()}")

    with tempfile.TemporaryDirectory() as tmp:
        # --- one participant alone, cold (median of --enkel), and the real page alone
        data = Path(tmp) / "enkel"
        data.mkdir()
        server = Server(data)
        statics = record_statics(server.url)
        print(f"statische bestanden bij een eerste bezoek: {len(statics)}")
        singles, starts, hand_ins, cpus, pages, hand_cpus = [], [], [], [], [], []
        for _ in range(args.enkel):
            code = new_session(data)
            result = asyncio.run(room(server, statics, 1, code, with_page=False))
            p = result["people"][0]
            if p.error:
                raise SystemExit(f"één deelnemer mislukte: {p.error}")
            singles.append(p.ready), starts.append(p.started), hand_ins.append(p.handed_in)
            cpus.append(result["cpu_join"])
            hand_cpus.append(result["cpu_hand_in"])
            pages.append(asyncio.run(real_page_tti(server.url, code)))
        single, page_alone = statistics.median(singles), statistics.median([t for t in pages if t])
        single_hand_in = statistics.median(hand_ins)
        print(
            f"één deelnemer: klaar {single:.2f} s, start {statistics.median(starts):.2f} s, "
            f"inleveren {single_hand_in:.2f} s, cpu {statistics.median(cpus):.2f} s; echte pagina {page_alone:.2f} s"
        )
        print(
            # the system counts CPU time in ticks of 10 ms: the mean of the singles, not the median of ticks
            f"inleveren alleen: cpu {statistics.fmean(hand_cpus):.3f} s, {p.hand_in_frames[0]} berichten, "
            f"{p.hand_in_frames[1] / 1000:.0f} kB naar de browser; paginabestanden {p.static_bytes / 1e6:.1f} MB"
        )
        server.stop()

        def run(label: str, count: int, warm: bool) -> dict:
            folder = Path(tmp) / label
            folder.mkdir()
            extra = ("--groep", str(count + 2)) if warm else ()  # the room, the real page, the page alone
            srv = Server(folder, *extra)
            try:  # a run that fails leaves no server and kernels behind
                cpu_warming = warm_s = 0.0
                if warm:
                    before = cpu_seconds(srv.process.pid)
                    warm_s = srv.wait_warm()
                    cpu_warming = cpu_seconds(srv.process.pid) - before
                time.sleep(3)
                code = new_session(folder)
                # the real page alone on this quiet server first: with a warm room it is a warm page (about 1 s)
                alone = asyncio.run(real_page_tti(srv.url, code))
                time.sleep(3)
                result = asyncio.run(room(srv, statics, count, code, with_page=True))
                result["page_alone_here"] = alone
                result["warm_s"], result["cpu_warming"] = warm_s, cpu_warming
                result["store"] = submissions(folder, code)
                if result["errors"]:  # keep the server's logs to find out why
                    import shutil

                    keep = Path(tempfile.gettempdir()) / f"zaal_fout_{label.replace(' ', '_')}"
                    shutil.rmtree(keep, ignore_errors=True)
                    shutil.copytree(folder, keep, ignore=shutil.ignore_patterns("*.db*"))
                    print(f"fouten: logboeken bewaard in {keep}")
            finally:
                srv.stop()
            ready = result["ready"]
            hand = [p.handed_in for p in result["people"] if p.handed_in is not None]
            print(
                f"{label}: {len(ready)}/{count} klaar, p50 {pct(ready, .5):.1f} s, p95 {pct(ready, .95):.1f} s "
                f"(p95/één {pct(ready, .95) / single:.1f}); echte pagina {result['page_tti'] or float('nan'):.1f} s "
                f"(alleen op deze server {result['page_alone_here'] or float('nan'):.1f} s); "
                f"cpu/deelnemer {result['cpu_join'] / count:.2f} s (server zelf {result['own_join'] / count:.2f} s; "
                f"de gesimuleerde browsers {result['client_join'] / count:.2f} s) "
                f"(zaal warmen {cpu_warming:.0f} s in {warm_s:.0f} s); "
                f"inleveren p50 {pct(hand, .5):.2f} s p95 {pct(hand, .95):.2f} s "
                f"(cpu/deelnemer {result['cpu_hand_in'] / count:.3f} s, "
                f"server zelf {result['own_hand_in'] / count:.3f} s, "
                f"de gesimuleerde browsers {result['client_hand_in'] / count:.3f} s); opslag {result['store']}; "
                f"PSS kernel {result['pss_idle']:.0f} → {result['pss_after']:.0f} MB, "
                f"server {result['server_pss']:.0f} MB, "
                f"totaal {result['pss_total'] / 1024:.1f} GB; fouten {result['errors'][:3]}"
            )  # fmt: skip
            rows.append(
                f"| {label} | {len(ready)}/{count} | {pct(ready, 0.5):.1f} / {pct(ready, 0.95):.1f} s | "
                f"{pct(ready, 0.95) / single:.1f} | {result['page_tti'] or float('nan'):.1f} s "
                f"({(result['page_tti'] or float('nan')) / page_alone:.1f}× / "
                f"{(result['page_tti'] or float('nan')) / (result['page_alone_here'] or float('nan')):.1f}×) | "
                f"{result['cpu_join'] / count:.2f} s | "
                f"{pct(hand, 0.5):.2f} / {pct(hand, 0.95):.2f} s ({pct(hand, 0.95) / single_hand_in:.1f}×) | "
                f"{result['store'][1]}/{count} | {result['pss_idle']:.0f} / {result['pss_after']:.0f} MB |"
            )
            return result

        if not args.zonder_koud:
            run(f"{n} koud", n, warm=False)
        run(f"{n} warm", n, warm=True)
        if not args.zonder_60:
            run(f"{2 * n} warm", 2 * n, warm=True)

    print()
    print(
        f"Eén deelnemer alleen: klaar {single:.2f} s, inleveren {single_hand_in:.2f} s; "
        f"echte pagina {page_alone:.2f} s."
    )
    print(
        "| zaal | klaar | klaar p50 / p95 | p95/één | echte pagina (× alleen: gewone server / deze server) | "
        "cpu per deelnemer | inleveren p50 / p95 (× alleen) | in de opslag | PSS kernel leeg / na inleveren |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
