"""Run at least 3,000 generated hostile and broken inputs through every loader and count what happens.

Each input runs in a forked child process, so a slow or memory-hungry input is measured on its own (wall time,
and the growth of the child's peak resident memory) and cannot hurt the next one; a child that needs more than
``--limit-s`` seconds is stopped and counted as over the limit.

Per loader it prints: accepted, refused with a clear WijkteamError (Dutch, no English), other exception, over
1 s, over 100 MB, and messages with English text. Run under the shared lock:

    flock /tmp/wijkteam-browser.lock env PYTHONPATH=. python benchmarks/fuzz_loaders.py --per-loader 210
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import select
import signal
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests._fuzz import LOADERS, english, inputs, judge, samples

MB = 1024 * 1024


def run_in_child(loader: str, data: bytes, limit_s: float) -> dict:
    """Judge one input in a forked child; returns outcome, seconds, peak growth in MB and messages."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        started = time.perf_counter()
        outcome, exc = judge(loader, data)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - start_rss
        result = {
            "outcome": outcome,
            "seconds": seconds,
            "mb": peak / MB,
            "english": english(exc) if outcome == "geweigerd" and exc is not None else [],
            "error": f"{type(exc).__name__}: {str(exc)[:300]}" if exc is not None else "",
        }
        os.write(write_end, pickle.dumps(result))
        os._exit(0)
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + limit_s + 5
    while True:
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([read_end], [], [], max(remaining, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)
            return {"outcome": "afgebroken", "seconds": limit_s + 5, "mb": 0.0, "english": [], "error": "te traag"}
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        return {"outcome": "andere fout", "seconds": 0.0, "mb": 0.0, "english": [], "error": f"kind stopte ({status})"}
    return pickle.loads(b"".join(chunks))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-loader", type=int, default=210, help="inputs per loader (15 loaders)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--limit-s", type=float, default=1.0)
    parser.add_argument("--limit-mb", type=float, default=100.0)
    parser.add_argument("--show", type=int, default=3, help="examples shown per problem kind")
    args = parser.parse_args()

    samples()  # build the valid samples once, before forking
    for loader in LOADERS:  # import every loader's modules before forking, so children measure only the input
        judge(loader, samples()[loader])
    rows, examples, total, started = [], [], 0, time.perf_counter()
    for loader in LOADERS:
        counts: Counter = Counter()
        for name, data in inputs(loader, args.per_loader, args.seed):
            result = run_in_child(loader, data, args.limit_s)
            total += 1
            counts[result["outcome"]] += 1
            slow = result["seconds"] > args.limit_s or result["outcome"] == "afgebroken"
            big = result["mb"] > args.limit_mb
            counts["traag"] += slow
            counts["groot"] += big
            counts["engels"] += bool(result["english"])
            if result["outcome"] in ("andere fout", "afgebroken") or slow or big or result["english"]:
                examples.append(f"{loader} / {name}: {result['outcome']} {result['seconds']:.2f} s "
                                f"{result['mb']:.0f} MB {result['error'][:200]} {result['english'][:1]}")
            counts["max_s"] = max(counts["max_s"], result["seconds"])
            counts["max_mb"] = max(counts["max_mb"], result["mb"])
        rows.append((loader, counts))
    header = ("loader", "invoer", "aanvaard", "geweigerd (duidelijk)", "andere fout", "> 1 s", "> 100 MB",
              "Engels", "max s", "max MB")  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    sums: Counter = Counter()
    for loader, c in rows:
        n = sum(c[k] for k in ("aanvaard", "geweigerd", "andere fout", "afgebroken"))
        clear = c["geweigerd"] - c["engels"]
        other = c["andere fout"] + c["afgebroken"]
        cells = (loader, n, c["aanvaard"], clear, other, c["traag"], c["groot"], c["engels"],
                 f"{c['max_s']:.2f}", f"{c['max_mb']:.0f}")  # fmt: skip
        print("| " + " | ".join(map(str, cells)) + " |")
        sums.update({"n": n, "a": c["aanvaard"], "r": clear, "o": other, "s": c["traag"], "m": c["groot"],
                     "e": c["engels"]})  # fmt: skip
    print(f"| **totaal** | {sums['n']} | {sums['a']} | {sums['r']} | {sums['o']} | {sums['s']} | {sums['m']} | "
          f"{sums['e']} | | |")
    print(f"\n{total} invoeren in {time.perf_counter() - started:.0f} s (seed {args.seed}).")
    for line in examples[: args.show * 20]:
        print("  -", line)
    return 0 if not (sums["o"] or sums["s"] or sums["m"] or sums["e"]) else 1


if __name__ == "__main__":
    sys.exit(main())
