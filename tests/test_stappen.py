"""The step runner with a fake clock: pause, resume, next, skip, back, overrun, totals, notes, end."""

from __future__ import annotations

import pytest

from wijkteam_kit.errors import StappenError
from wijkteam_kit.intervisie import StapRunner, klok, load_method, overtijd_tekst


class FakeClock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def runner(clock) -> StapRunner:
    # 5, 15 and 10 minutes = 300, 900 and 600 seconds
    return StapRunner([5, 15, 10], titels=["Vraag", "Verkenning", "Evaluatie"], clock=clock)


def test_nothing_runs_before_start(runner, clock):
    clock.advance(100)
    assert runner.elapsed() == 0.0
    assert runner.status(0) == "wacht"
    assert runner.wall_seconds() == 0.0
    with pytest.raises(StappenError, match="nog niet gestart"):
        runner.next()
    with pytest.raises(StappenError, match="nog niet gestart"):
        runner.pause()


def test_elapsed_and_remaining_of_the_current_step(runner, clock):
    runner.start()
    clock.advance(120)
    assert runner.elapsed() == 120.0
    assert runner.remaining() == 180.0
    assert runner.status() == "bezig"
    assert runner.fase() == "op tijd"
    assert runner.overrun() == 0.0 and runner.overrun_text() == ""


def test_amber_near_the_end_then_red_over_time(runner, clock):
    runner.start()
    clock.advance(239)  # 61 s left of 300: more than max(60, 30)
    assert runner.fase() == "op tijd"
    clock.advance(1)  # 60 s left
    assert runner.fase() == "bijna"
    clock.advance(60)  # exactly on time: not over yet
    assert runner.fase() == "bijna" and not runner.is_overrun()
    clock.advance(1)
    assert runner.fase() == "over" and runner.overrun() == 1.0
    clock.advance(200)  # 201 s over
    assert runner.overrun_text() == "3 minuten over de tijd"


def test_amber_uses_ten_percent_for_long_steps(clock):
    r = StapRunner([30], clock=clock)  # 1800 s; 10% = 180 s
    r.start()
    clock.advance(1619)
    assert r.fase() == "op tijd"
    clock.advance(1)
    assert r.fase() == "bijna"


def test_pause_stops_the_clock_and_resume_continues(runner, clock):
    runner.start()
    clock.advance(50)
    runner.pause()
    assert runner.status() == "gepauzeerd" and runner.paused
    clock.advance(400)
    assert runner.elapsed() == 50.0
    assert runner.paused_seconds() == 400.0
    runner.pause()  # pausing twice changes nothing
    clock.advance(100)
    runner.resume()
    clock.advance(30)
    assert runner.elapsed() == 80.0
    assert runner.paused_seconds() == 500.0
    assert runner.wall_seconds() == 580.0
    runner.resume()  # resuming while running changes nothing
    assert runner.elapsed() == 80.0


def test_next_finishes_the_step_and_starts_the_next(runner, clock):
    runner.start()
    clock.advance(330)
    runner.next()
    assert runner.index == 1
    assert runner.status(0) == "klaar" and runner.status(1) == "bezig"
    assert runner.elapsed(0) == 330.0 and runner.overrun(0) == 30.0
    clock.advance(10)
    assert runner.elapsed(1) == 10.0 and runner.elapsed(0) == 330.0


def test_next_while_paused_keeps_the_pause(runner, clock):
    runner.start()
    clock.advance(20)
    runner.pause()
    runner.next()
    clock.advance(100)
    assert runner.index == 1 and runner.elapsed(1) == 0.0 and runner.status(1) == "gepauzeerd"
    runner.resume()
    clock.advance(5)
    assert runner.elapsed(1) == 5.0


def test_skip_marks_the_step_and_keeps_its_time(runner, clock):
    runner.start()
    clock.advance(10)
    runner.skip()
    assert runner.status(0) == "overgeslagen"
    assert runner.elapsed(0) == 10.0
    assert runner.index == 1


def test_back_continues_the_timer_of_the_previous_step(runner, clock):
    runner.start()
    clock.advance(100)
    runner.next()
    clock.advance(50)
    assert runner.back() is True
    assert runner.index == 0 and runner.status(0) == "bezig" and runner.status(1) == "wacht"
    clock.advance(25)
    assert runner.elapsed(0) == 125.0
    assert runner.elapsed(1) == 50.0
    assert runner.back() is False  # already at the first step
    assert runner.index == 0


def test_back_onto_a_skipped_step_unmarks_it(runner, clock):
    runner.start()
    runner.skip()
    runner.back()
    assert runner.status(0) == "bezig"


def test_next_on_the_last_step_ends_the_session(runner, clock):
    runner.start()
    for seconds in (300, 900, 700):
        clock.advance(seconds)
        runner.next()
    assert runner.ended and not runner.running
    assert [runner.status(i) for i in range(3)] == ["klaar", "klaar", "klaar"]
    assert runner.total_planned() == 1800.0
    assert runner.total_elapsed() == 1900.0
    assert runner.overrun(2) == 100.0
    clock.advance(1000)  # the clock keeps going, the session does not
    assert runner.total_elapsed() == 1900.0 and runner.wall_seconds() == 1900.0
    with pytest.raises(StappenError, match="al afgerond"):
        runner.next()


def test_end_early_leaves_later_steps_undone(runner, clock):
    runner.start()
    clock.advance(60)
    runner.next()
    clock.advance(30)
    runner.pause()
    clock.advance(90)
    runner.end()
    assert runner.ended and not runner.paused
    assert [runner.status(i) for i in range(3)] == ["klaar", "klaar", "wacht"]
    assert runner.total_elapsed() == 90.0
    assert runner.paused_seconds() == 90.0
    assert runner.wall_seconds() == 180.0


def test_totals_and_snapshots(runner, clock):
    runner.start()
    clock.advance(400)
    runner.next()
    clock.advance(60)
    snaps = runner.snapshots()
    assert [(s.titel, s.gepland, s.verstreken, s.status, s.fase) for s in snaps] == [
        ("Vraag", 300.0, 400.0, "klaar", "over"),
        ("Verkenning", 900.0, 60.0, "bezig", "op tijd"),
        ("Evaluatie", 600.0, 0.0, "wacht", "op tijd"),
    ]
    assert snaps[0].overtijd == 100.0 and snaps[1].resterend == 840.0
    assert runner.total_elapsed() == 460.0


def test_notes_per_step(runner, clock):
    runner.start()
    runner.set_note("De vraag is helder.")
    runner.next()
    runner.set_note("Veel gesloten vragen.")
    runner.set_note("Toch gebeurd.", 2)
    runner.set_note("   ", 2)  # empty text removes the note
    assert runner.notes == {0: "De vraag is helder.", 1: "Veel gesloten vragen."}
    assert runner.note(0) == "De vraag is helder." and runner.note(2) == ""
    with pytest.raises(StappenError, match="Stap 5 bestaat niet"):
        runner.note(4)


def test_a_clock_that_goes_back_counts_as_standing_still(runner, clock):
    runner.start()
    clock.advance(100)
    assert runner.elapsed() == 100.0
    clock.t = 40.0
    assert runner.elapsed() == 100.0
    clock.t = 150.0
    assert runner.elapsed() == 150.0


def test_start_twice_and_bad_plans_are_refused(clock):
    r = StapRunner([1], clock=clock)
    r.start()
    with pytest.raises(StappenError, match="al gestart"):
        r.start()
    with pytest.raises(StappenError, match="minstens één stap"):
        StapRunner([], clock=clock)
    with pytest.raises(StappenError, match="2 stappen maar 1 titels"):
        StapRunner([1, 2], titels=["a"], clock=clock)


def test_runner_from_method_steps(clock):
    r = StapRunner.from_steps(load_method("incidentmethode-65").stappen, clock=clock)
    assert r.n == 7 and r.total_planned() == 65 * 60
    assert r.titels[4] == "Analyse in kleine groepjes"


def test_clock_and_overrun_texts():
    assert klok(0) == "00:00" and klok(59.9) == "00:59" and klok(600) == "10:00" and klok(3600) == "1:00:00"
    assert klok(-5) == "00:00"
    assert overtijd_tekst(1) == "1 seconde over de tijd"
    assert overtijd_tekst(59) == "59 seconden over de tijd"
    assert overtijd_tekst(60) == "1 minuut over de tijd"
    assert overtijd_tekst(179) == "2 minuten over de tijd"
