"""Helper process for tests/test_store.py: writes to a store the way an app kernel would.

Usage:
    python tests/_store_worker.py blijf <db> <deelnemer_id>
        submit one submission, print "klaar <id>", then wait until killed
    python tests/_store_worker.py schrijf <db> <deelnemer_id> <aantal> <label>
        open the store, print "gereed", wait for a line on stdin, write <aantal> submissions,
        print "klaar <aantal>"
"""

from __future__ import annotations

import sys
import time

from wijkteam_kit.store import Store


def main(argv: list[str]) -> int:
    mode, db, person = argv[1], argv[2], argv[3]
    store = Store(db)
    if mode == "blijf":
        record = store.submit("competentiescan", person, {"samenwerken": 4, "voorbeeld": "net ingestuurd"})
        print(f"klaar {record.id}", flush=True)
        while True:  # an app that keeps running until the server is killed
            time.sleep(60)
    if mode == "schrijf":
        count, label = int(argv[4]), argv[5]
        print("gereed", flush=True)
        sys.stdin.readline()  # start signal: every worker begins at the same moment
        for i in range(count):
            store.submit("competentiescan", person, {"worker": label, "i": i}, sessie=f"groep-{label}")
        store.close()
        print(f"klaar {count}", flush=True)
        return 0
    print(f"onbekende opdracht {mode!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
