"""Writers of one SQLite file take turns through the lock file (`wijkteam_kit.store.schrijfbeurt`)."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

import pytest

from wijkteam_kit.groepssessie import Groepssessies
from wijkteam_kit.groepssessie.model import Client
from wijkteam_kit.store import Store
from wijkteam_kit.store import schrijfbeurt as module
from wijkteam_kit.store.schrijfbeurt import Schrijfbeurt


def _hold(path: Path) -> int:
    """Take the lock file as another process would (a separate open file)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_a_write_waits_for_the_holder_and_goes_on_the_moment_it_is_free(tmp_path):
    store = Store(tmp_path / "w.db")
    sessies = Groepssessies(store)
    code = sessies.create("mantelzorg-dementie", "zrm").sessie.code
    kim = sessies.join(code, "Kim", client=Client("p1")).deelname.deelnemer_id
    fd = _hold(tmp_path / "w.db.schrijfbeurt")
    done: list[float] = []
    writer = threading.Thread(target=lambda: (sessies.submit(code, kim, {"a": 1}), done.append(time.monotonic())))
    writer.start()
    time.sleep(0.3)
    assert not done, "a write went on while another process held the lock file"
    released = time.monotonic()
    os.close(fd)
    writer.join(5)
    assert done and done[0] - released < 0.1, "the waiting write did not go on at once"
    assert sessies.own_submission(code, kim).payload == {"a": 1}
    # reading never waits for the lock file
    fd = _hold(tmp_path / "w.db.schrijfbeurt")
    try:
        assert sessies.find(code) is not None
    finally:
        os.close(fd)


def test_after_the_waiting_time_sqlite_decides(tmp_path, monkeypatch):
    """A holder that hangs does not block writers for ever: after WACHTTIJD the write goes on without it."""
    monkeypatch.setattr(module, "WACHTTIJD", 0.2)
    store = Store(tmp_path / "w.db")
    code = store.create_team("Team Oost", "geheim123")
    fd = _hold(tmp_path / "w.db.schrijfbeurt")
    try:
        begin = time.monotonic()
        kim = store.add_participant("Kim", team=code)
        assert 0.2 <= time.monotonic() - begin < 2
        assert store.participant(kim.id).weergavenaam == "Kim"
    finally:
        os.close(fd)


def test_nested_turns_in_one_thread_and_threads_take_turns(tmp_path):
    beurt = Schrijfbeurt(tmp_path / "w.db")
    inside: list[str] = []

    def other_thread() -> None:
        with beurt:
            inside.append("ander")

    with beurt, beurt:  # re-entrant: a write inside a write does not wait for itself
        other = threading.Thread(target=other_thread)
        other.start()
        time.sleep(0.1)
        assert inside == []
    other.join(2)
    assert inside == ["ander"]


@pytest.mark.parametrize("url", [":memory:", "sqlite://"])
def test_no_lock_file_without_a_file(url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = Store(url)
    store.create_team("Team Oost", "geheim123")
    assert not list(tmp_path.iterdir())
