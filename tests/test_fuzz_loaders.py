"""Bounded fuzzing of every loader: hostile and broken files give a Dutch WijkteamError, fast and small.

The known attacks (alias and entity bombs, deep nesting, giant numbers and cells, …) run for every loader; then
hypothesis picks random mutations of a real file of each kind. The full run of 3,000+ inputs with memory
measured per input is ``benchmarks/fuzz_loaders.py``.
"""

from __future__ import annotations

import random
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests._fuzz import LOADERS, attacks, english, judge, mutate, samples

# a CSV cell may hold any text: these are read as text, not refused
MAY_BE_TEXT = {"nul-byte", "open-aanhalingsteken", "diepe-json-cel", "groot-getal-cel"}
ATTACKS = [(loader, name, data) for loader in LOADERS for name, data in attacks(loader)]


def _check(loader: str, data: bytes, name: str = "") -> str:
    started = time.perf_counter()
    outcome, exc = judge(loader, data)
    seconds = time.perf_counter() - started
    assert outcome != "andere fout", f"{loader}/{name}: {type(exc).__name__}: {str(exc)[:300]}"
    assert seconds < 1.0, f"{loader}/{name}: {seconds:.2f} s"
    if exc is not None:
        assert not english(exc), f"{loader}/{name}: Engels in {english(exc)}"
    return outcome


@pytest.mark.parametrize("loader", list(LOADERS))
def test_the_real_file_of_each_kind_is_accepted(loader):
    assert judge(loader, samples()[loader])[0] == "aanvaard"


@pytest.mark.parametrize(("loader", "name", "data"), ATTACKS, ids=[f"{a}-{b}" for a, b, _ in ATTACKS])
def test_known_attacks_are_refused_in_dutch_within_a_second(loader, name, data):
    outcome = _check(loader, data, name)
    assert outcome == "geweigerd" or (loader == "csv-import" and name in MAY_BE_TEXT)


@pytest.mark.parametrize("loader", ["casus", "graphml"])
def test_bombs_stay_far_below_100_mb(loader):
    bomb = dict(attacks(loader))["alias-bom" if loader == "casus" else "entiteit-bom"]
    tracemalloc.start()
    try:
        assert judge(loader, bomb)[0] == "geweigerd"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(loader=st.sampled_from(list(LOADERS)), seed=st.integers(0, 2**32), changes=st.integers(1, 3))
def test_random_mutations_never_crash_or_speak_english(loader, seed, changes):
    rng = random.Random(seed)
    data = samples()[loader]
    for _ in range(changes):
        data = mutate(data, rng)
    _check(loader, data, f"seed {seed}")
