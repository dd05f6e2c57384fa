"""Load and faults for group sessions, on SQLite and PostgreSQL: 30 processes at once, and a kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.store import Store, inzendingen, sessie_deelnames

WORKER = Path(__file__).with_name("_groepssessie_worker.py")
ROOT = WORKER.parent.parent
CASUS = "mantelzorg-dementie"
N = 30


def _worker(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _count(store: Store, table, *where) -> int:
    with store.transaction("tellen") as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar()


def test_thirty_processes_join_and_submit_at_the_same_moment(store_url, tmp_path):
    with Store(store_url) as store:
        nieuw = Groepssessies(store).create(CASUS, "zrm")
    code = nieuw.sessie.code
    names = [f"Deelnemer {i:02d}" for i in range(N)]
    start = tmp_path / "start"
    procs = [_worker("meedoen", store_url, code, name, str(start)) for name in names]
    try:
        for proc in procs:
            assert proc.stdout.readline().strip() == "gereed", proc.stderr.read()
        began = time.perf_counter()
        start.touch()  # every worker is waiting for this file: they all go at once
        results = [proc.communicate(timeout=120) for proc in procs]
        elapsed = time.perf_counter() - began
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    kind = "postgresql" if "://" in store_url else "sqlite"
    print(f"\n{N} processen tegelijk ({kind}): meedoen + 2x inleveren in {elapsed:.2f} s")
    assert [proc.returncode for proc in procs] == [0] * N, [err for _, err in results]
    assert [err for _, err in results] == [""] * N
    people = [out.split()[1] for out, _ in results]
    assert len(set(people)) == N
    with Store(store_url) as store:
        sessies = Groepssessies(store)
        trainer = sessies.as_trainer(code, nieuw.geheim, client=Client("dashboard"))
        deelnames = trainer.deelnames()
        assert sorted(d.weergavenaam for d in deelnames) == names
        assert {d.deelnemer_id for d in deelnames} == set(people)
        answers = trainer.answers()
        assert len(answers) == N
        assert sorted((d.weergavenaam, i.payload["naam"], i.payload["ronde"]) for d, i in answers) == [
            (name, name, 2) for name in names
        ]
        assert all(i.payload == {"naam": d.weergavenaam, "ronde": 2, "lengte": 12} for d, i in answers)
        assert all(d.inzending_id == i.id and i.deelnemer_id == d.deelnemer_id for d, i in answers)
        assert _count(store, inzendingen) == N == len({i.id for _, i in answers})
        assert _count(store, sessie_deelnames) == N
        for person, name in zip(people, names, strict=True):
            (mine,) = store.submissions(deelnemer_id=person)
            assert (mine.sessie, mine.soort, mine.payload["naam"]) == (code, "zrm", name)


def test_answers_reported_saved_survive_kill_9(store_url):
    with Store(store_url) as store:
        code = Groepssessies(store).create(CASUS, "zrm").sessie.code
    proc = _worker("stapsgewijs", store_url, code, "Kim", "500")
    reported = 0
    try:
        first = proc.stdout.readline()
        assert first.startswith("deelnemer "), proc.stderr.read()
        person = first.split()[1]
        while reported < 8:
            line = proc.stdout.readline()
            assert line.startswith("opgeslagen "), (line, proc.stderr.read())
            reported = int(line.split()[1])
        os.kill(
            proc.pid, signal.SIGKILL
        )  # in the middle of handing in: no clean-up, no commit of what is open
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
    with Store(store_url) as store:
        sessies = Groepssessies(store)
        saved = sessies.own_submission(code, person)
        answers = saved.payload["antwoorden"]
        assert reported <= len(answers) <= reported + 1  # at most one more committed after the last line
        assert answers == [f"antwoord {i}" for i in range(1, len(answers) + 1)]
        assert len(store.submissions(deelnemer_id=person)) == 1
        again = sessies.submit(code, person, {"antwoorden": [*answers, "na herstart"]})
        assert again.id == saved.id
