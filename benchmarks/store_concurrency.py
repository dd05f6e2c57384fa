"""Submissions per second into one store: 1 writer process versus 10 writing at once.

Every writer opens its own `Store` (as every app kernel does) and submits one at a time; each submit is its
own committed transaction (SQLite in WAL mode, ``BEGIN IMMEDIATE``, ``synchronous=NORMAL``). The ratio shows
what concurrent writers cost: with SQLite one writer holds the lock at a time, so more processes do not
write faster, but none of them fails or loses a submission.

    python benchmarks/store_concurrency.py                      # SQLite file in a temporary folder
    python benchmarks/store_concurrency.py --totaal 2000 --schrijvers 10
    python benchmarks/store_concurrency.py --url postgresql+psycopg://user:pw@server/wijkteam_bench
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
import time
from pathlib import Path

from wijkteam_kit.store import Store


def _writer(url: str, person: str, count: int, barrier, ends) -> None:
    store = Store(url)
    barrier.wait()  # all writers have opened the store; start together
    for i in range(count):
        store.submit("benchmark", person, {"i": i, "tekst": "Zoë schreef iets; met ë en ĳ"})
    store.close()
    ends.put(time.monotonic())


def run(url: str, writers: int, total: int) -> float:
    """Submissions per second of ``writers`` processes writing ``total`` submissions together."""
    ctx = mp.get_context("spawn")
    with Store(url) as store:
        people = [store.add_participant(f"Schrijver {i}").id for i in range(writers)]
        before = len(store.submissions("benchmark"))
    barrier, ends = ctx.Barrier(writers + 1), ctx.Queue()
    count = total // writers
    procs = [ctx.Process(target=_writer, args=(url, p, count, barrier, ends)) for p in people]
    for proc in procs:
        proc.start()
    barrier.wait()
    start = time.monotonic()
    finished = [ends.get(timeout=600) for _ in procs]
    for proc in procs:
        proc.join()
    elapsed = max(finished) - start
    with Store(url) as store:
        saved = len(store.submissions("benchmark")) - before
    failed = [proc.exitcode for proc in procs if proc.exitcode != 0]
    if failed or saved != count * writers:
        raise SystemExit(f"FOUT: {saved} van {count * writers} inzendingen opgeslagen, exitcodes {failed}")
    return saved / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--totaal", type=int, default=1000, help="inzendingen per meting (standaard 1000)")
    parser.add_argument("--schrijvers", type=int, default=10, help="processen tegelijk (standaard 10)")
    parser.add_argument("--url", help="database-URL; standaard een SQLite-bestand in een tijdelijke map")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or str(Path(folder) / "bench.db")
        with Store(url) as store:
            print(f"opslag: {store.url}")
        one = run(url, 1, args.totaal)
        print(f"1 schrijver:            {one:8.0f} inzendingen/s")
        many = run(url, args.schrijvers, args.totaal)
        print(f"{args.schrijvers} schrijvers tegelijk: {many:8.0f} inzendingen/s")
        print(
            f"verhouding {args.schrijvers}/1: {many / one:.2f} (niets verloren: alle {args.totaal} opgeslagen)"
        )


if __name__ == "__main__":
    main()
