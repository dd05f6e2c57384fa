"""Helper process for tests/test_groepssessie_last.py: one participant's app kernel in a group session.

Usage:
    python tests/_groepssessie_worker.py meedoen <database> <code> <naam> <startbestand>
        open the store, print "gereed", wait until <startbestand> exists (every worker starts at the same
        moment), join with <naam>, hand in twice (the second answer replaces the first), print
        "klaar <deelnemer_id>"
    python tests/_groepssessie_worker.py stapsgewijs <database> <code> <naam> <aantal>
        join, then hand in a growing answer <aantal> times, printing "opgeslagen <n>" after each commit
        (the test kills this process half-way)
"""

from __future__ import annotations

import os
import sys
import time

from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.store import Store


def main(argv: list[str]) -> int:
    mode, database, code, name = argv[1:5]
    store = Store(database)
    sessies = Groepssessies(store)
    client = Client(pagina=f"worker-{os.getpid()}", adres="127.0.0.1")
    if mode == "meedoen":
        start = argv[5]
        print("gereed", flush=True)
        while not os.path.exists(start):
            time.sleep(0.002)
        person = sessies.join(code, name, client=client).deelname.deelnemer_id
        sessies.submit(code, person, {"naam": name, "ronde": 1})
        sessies.submit(code, person, {"naam": name, "ronde": 2, "lengte": len(name)})
        store.close()
        print(f"klaar {person}", flush=True)
        return 0
    if mode == "stapsgewijs":
        person = sessies.join(code, name, client=client).deelname.deelnemer_id
        print(f"deelnemer {person}", flush=True)
        for n in range(1, int(argv[5]) + 1):
            sessies.submit(code, person, {"antwoorden": [f"antwoord {i}" for i in range(1, n + 1)]})
            print(f"opgeslagen {n}", flush=True)
            time.sleep(0.01)
        return 0
    print(f"onbekende opdracht {mode!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
