"""Care in the core (issue 12): breaks, the calm check and picking up later, who starts, passing
a turn, the limit on "not quite", when the safety line shows, cautions in plans, private notes,
and the run records that keep all of it (old records still read)."""

from __future__ import annotations

import dataclasses
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.breaks import CALM_ENOUGH, LATER, BreakState, calm_enough
from coach.core.clock import FakeClock
from coach.core.library import builtin_dir, load_library
from coach.core.model import Break, Breathe, Exercise, Instruction, Plan, Reflect, Turn
from coach.core.run import Run
from coach.core.runs import BreakTaken, RunResult, StepNote
from coach.core.schema import parse_entry
from coach.core.session import SAFETY_SECONDS, Session, uses_names
from coach.core.settings import parse_settings
from coach.core.together import RESUME_WITHIN, resume_point, starts_swapped
from tests.history_data import make_run

LIB = load_library(builtin=builtin_dir(), user=None)


def ex(*steps, participants: int = 2, safety: str = "", caution: str = "",  # type: ignore[no-untyped-def]
       id: str = "t") -> Exercise:
    return Exercise(id=id, title=id.title(), kind="repair", summary="s", steps=tuple(steps),
                    source="s", participants=participants, safety=safety, caution=caution,
                    content_hash=f"hash-{id}")


TALK = ex(Instruction("Hello {a}"), Turn("a", "{speaker}, talk.", 60), Reflect("a", "{listener}?"),
          Turn("b", "{speaker}, talk.", 60), Instruction("Thanks."))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# -- the records ------------------------------------------------------------------------------
def test_new_fields_round_trip_and_old_records_still_read() -> None:
    when = datetime(2026, 11, 1, 19, 2, tzinfo=UTC)
    run = dataclasses.replace(make_run("soft-start-up", kind="repair"), passed=(3,), swapped=True,
                              breaks=(BreakTaken(2, when, 20, "resumed", (6, 8)),
                                      BreakTaken(5, when, LATER, "later")))
    rec = run.to_record()
    assert rec["breaks"][0] == {"step": 2, "started_at": when.isoformat(), "minutes": 20,
                                "outcome": "resumed", "calm": [6, 8]}
    assert RunResult.from_record(rec) == run
    old = {k: v for k, v in rec.items() if k not in ("passed", "swapped", "breaks")}
    back = RunResult.from_record(old)
    assert (back.passed, back.swapped, back.breaks) == ((), False, ())


@pytest.mark.parametrize("bad", [
    {"breaks": "x"}, {"breaks": [{"step": 1}]}, {"swapped": "yes"}, {"passed": [-1]},
    {"breaks": [{"step": 1, "started_at": "2026-11-01T19:00:00", "minutes": 20, "outcome": "won"}]},
    {"breaks": [{"step": 1, "started_at": "2026-11-01T19:00:00", "minutes": 99999,
                 "outcome": "later"}]},
    {"breaks": [{"step": 1, "started_at": "2026-11-01T19:00:00", "minutes": 20,
                 "outcome": "later", "calm": [11, 2]}]},
])
def test_bad_new_fields_are_refused_by_name(bad: dict[str, object]) -> None:
    rec = {**make_run().to_record(), **bad}
    with pytest.raises(ValueError):
        RunResult.from_record(rec)


# -- the break ----------------------------------------------------------------------------------
def test_a_break_times_the_agreed_return_on_the_clock(clock: FakeClock) -> None:
    state = BreakState(clock, 3)
    assert not state.chosen and not state.time_up and state.back_at is None
    with pytest.raises(ValueError):
        state.choose(25)
    clock.advance(5)  # reading the screen: the timer starts with the choice
    state.choose(20)
    assert state.back_at == clock.now() + timedelta(minutes=20)
    clock.advance(20 * 60 - 1)
    assert state.remaining == 1 and not state.time_up
    clock.advance(1)
    assert state.time_up and state.remaining == 0
    assert not state.check(7, CALM_ENOUGH - 1) and state.calm == (7, CALM_ENOUGH - 1)
    assert calm_enough(CALM_ENOUGH, 10)
    state.end("not_yet")
    assert state.record() == BreakTaken(3, state.started_at, 20, "not_yet", (7, CALM_ENOUGH - 1))


def test_later_today_has_no_timer(clock: FakeClock) -> None:
    state = BreakState(clock, 0)
    state.choose(LATER)
    clock.advance(10**6)
    assert state.later and not state.time_up and state.back_at is None


def test_a_break_in_a_step_stops_its_time_and_starts_it_again(clock: FakeClock) -> None:
    s = Session(TALK, clock, ("Ada", "Ben"))
    s.complete()
    clock.advance(30)  # half the turn
    state = s.start_break()
    assert s.paused
    state.choose(30)
    clock.advance(30 * 60)
    assert s.step_elapsed == 30 and s.active_seconds == 30, "a break is not practice time"
    assert state.check(6, 7)
    s.end_break(state, "resumed")
    assert s.index == 1 and s.step_elapsed == 0 and not s.paused, "the turn starts again"
    assert [b.outcome for b in s.result().breaks] == ["resumed"]


def test_not_yet_ends_the_run_and_keeps_what_was_done(clock: FakeClock) -> None:
    s = Session(TALK, clock, ("Ada", "Ben"))
    s.complete()
    state = s.start_break()
    state.choose(20)
    s.end_break(state, "not_yet")
    result = s.result()
    assert s.ended and not result.completed and result.steps_done == [0]
    assert result.breaks == (BreakTaken(1, state.started_at, 20, "not_yet", None),)


def test_a_cancelled_break_leaves_no_trace(clock: FakeClock) -> None:
    s = Session(TALK, clock, ("Ada", "Ben"))
    state = s.start_break()
    s.cancel_break(state)
    assert not s.paused and s.breaks == [] and s.result().breaks == ()


def test_a_break_step_is_done_once_the_break_is(clock: FakeClock) -> None:
    flooding = LIB.get("flooding-break")
    assert isinstance(flooding, Exercise) and isinstance(flooding.steps[0], Break)
    assert not uses_names(flooding), "a break needs no names dialog"
    s = Session(flooding, clock)
    state = s.start_break()
    assert state.break_step
    state.choose(20)
    clock.advance(25 * 60)  # back five minutes late: the agreed twenty are practice
    s.end_break(state, "resumed")
    assert s.index == 1 and s.done == {0} and s.active_seconds == 20 * 60


# -- turns and reflections ---------------------------------------------------------------------
def test_pass_ends_a_turn_as_passed_not_done(clock: FakeClock) -> None:
    s = Session(TALK, clock, ("Ada", "Ben"))
    s.complete()
    s.pass_turn()
    assert s.index == 2 and 1 not in s.done
    s.pass_turn()  # not a turn: nothing happens
    assert s.index == 2
    assert s.result().passed == (1,) and s.result().steps_done == [0]


def test_not_quite_three_times_at_most(clock: FakeClock) -> None:
    s = Session(TALK, clock, ("Ada", "Ben"), start_at=2)
    assert isinstance(s.step, Reflect)
    assert [s.not_quite() for _ in range(5)] == [2, 3, 4, 4, 4]
    assert not s.may_ask_again()


# -- safety line --------------------------------------------------------------------------------
def test_safety_stays_through_the_first_breathing_cycle(clock: FakeClock) -> None:
    breath = Breathe(inhale=4, hold=7, exhale=8, cycles=4)
    s = Session(ex(Instruction("Sit."), breath, participants=1, safety="Stop if dizzy."), clock)
    assert s.safety_visible
    s.complete()  # a fast Enter
    assert s.safety_visible
    clock.advance(breath.cycle_seconds - 0.1)
    assert s.safety_visible
    clock.advance(0.1)
    assert not s.safety_visible


def test_safety_without_breathing_shows_on_the_steps_of_its_first_seconds(clock: FakeClock) -> None:
    s = Session(ex(Instruction("1"), Instruction("2"), Instruction("3"), participants=1,
                   safety="Stop whenever you like."), clock)
    s.complete()  # at once: the next step still shows it
    assert s.safety_visible
    clock.advance(SAFETY_SECONDS)
    assert s.safety_visible, "never hidden in the middle of a step"
    s.complete()
    assert not s.safety_visible
    assert not Session(TALK, clock).safety_visible


# -- plans and names ----------------------------------------------------------------------------
def test_a_plan_caution_replaces_its_exercises_cautions(clock: FakeClock) -> None:
    a, b = ex(Instruction("x"), caution="A", id="a"), ex(Instruction("y"), caution="B", id="b")
    with_own = Plan(id="p", title="P", summary="s", exercise_ids=("a", "b"), caution="P",
                    exercises=(a, b))
    without = dataclasses.replace(with_own, caution="")
    assert [Run(with_own, clock).caution_before(i) for i in (0, 1)] == ["P", ""]
    assert [Run(without, clock).caution_before(i) for i in (0, 1)] == ["A", "B"]


def test_names_are_asked_when_first_needed(clock: FakeClock) -> None:
    plan = LIB.get("after-a-fight")
    assert isinstance(plan, Plan)
    run = Run(plan, clock)
    assert not run.needs_names(), "the break comes first, without names"
    run.begin_next()
    assert run.needs_names()
    run.set_partners("Ada", "Ben", swapped=True)
    assert run.partners == ("Ben", "Ada") and not run.needs_names()
    assert run.begin_next().result().swapped


# -- who starts, picking up ------------------------------------------------------------------
def test_who_starts_alternates_from_the_last_run_of_that_exercise() -> None:
    talk = LIB.get("after-a-regrettable-incident")
    assert talk is not None
    first = make_run(talk.id, kind="repair")
    assert not starts_swapped(talk, [])
    assert starts_swapped(talk, [first])
    second = dataclasses.replace(first, started_at=first.started_at + timedelta(days=1), swapped=True)
    assert not starts_swapped(talk, [second, first])
    assert not starts_swapped(talk, [make_run("soft-start-up")]), "another exercise's run"


def stopped(entry_id: str, step: int, outcome: str, *, plan: str | None = None,
            ended: datetime | None = None) -> RunResult:
    entry = LIB.get(entry_id)
    assert isinstance(entry, Exercise)
    at = datetime(2026, 11, 2, 18, 0, tzinfo=UTC)
    return dataclasses.replace(make_run(entry_id, kind=entry.kind, at=at, completed=False),
                               ended_at=ended or at, content_hash=entry.content_hash, plan_id=plan,
                               swapped=True, breaks=(BreakTaken(step, at, LATER, outcome),))


def test_a_run_stopped_for_a_break_is_picked_up_where_it_stopped() -> None:
    talk = LIB.get("after-a-regrettable-incident")
    assert isinstance(talk, Exercise)
    run = stopped(talk.id, 11, "later")
    now = run.ended_at + timedelta(hours=3)
    point = resume_point(talk, [run], now)
    assert point is not None and (point.position, point.step, point.swapped) == (0, 11, True)
    assert resume_point(talk, [run], run.ended_at + RESUME_WITHIN + timedelta(1)) is None
    assert resume_point(talk, [dataclasses.replace(run, content_hash="changed")], now) is None
    assert resume_point(talk, [stopped(talk.id, 11, "resumed")], now) is None
    finished = dataclasses.replace(make_run(talk.id, at=now - timedelta(hours=1)), plan_id=None)
    assert resume_point(talk, [run, finished], now) is None, "only the latest run counts"


def test_a_plan_stopped_at_its_break_is_picked_up_after_the_break() -> None:
    plan = LIB.get("after-a-fight")
    assert isinstance(plan, Plan)
    run = stopped("flooding-break", 0, "not_yet", plan="after-a-fight")
    point = resume_point(plan, [run], run.ended_at + timedelta(hours=2))
    assert point is not None and (point.position, point.step) == (0, 1)
    assert point.exercise.id == "flooding-break"
    alone = dataclasses.replace(run, plan_id=None)
    assert resume_point(LIB.get("flooding-break"), [alone], run.ended_at) is None, \
        "a break exercise always opens on its break"  # type: ignore[arg-type]


# -- privacy and settings -----------------------------------------------------------------------
def test_notes_kept_only_when_the_setting_says_and_help_never(make_context) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context()
    assert ctx.settings.keep_notes and ctx.settings.alternate_starter
    def with_notes() -> RunResult:
        return dataclasses.replace(make_run(note="private words"),
                                   notes=(StepNote(2, "private words"),))

    ctx.record_run(with_notes())
    ctx.update_settings(keep_notes=False)
    ctx.record_run(with_notes())
    ctx.record_run(make_run("when-to-seek-help", kind="help"))
    stored = ctx.history_runs()
    assert [r.note for r in stored] == ["private words", ""]
    assert [r.notes for r in stored] == [(StepNote(2, "private words"),), ()]
    on_disk = "".join(f.read_text() for f in ctx.paths.data_dir.glob("history*.json"))
    assert on_disk.count("private words") == 2, "the first run's note and its step's note only"
    assert "when-to-seek-help" not in on_disk
    assert all(r.kind != "help" for r in ctx.recorded)


def test_the_note_line_says_where_notes_are_kept() -> None:
    from coach.core.settings import Settings, note_privacy

    kept = note_privacy(Settings())
    assert "kept in your history on this computer" in kept and "coach forget" in kept
    assert "not kept" in note_privacy(Settings(keep_notes=False))


def test_new_settings_parse_and_refuse_bad_values() -> None:
    s, found = parse_settings(b"keep_notes: false\nalternate_starter: no\n", "s.yaml")
    assert found == [] and not s.keep_notes and not s.alternate_starter
    s, found = parse_settings(b"keep_notes: 3\n", "s.yaml")
    assert s.keep_notes and len(found) == 1


# -- the format ---------------------------------------------------------------------------------
HEAD = "format: 1\ntitle: Test\nkind: repair\nsummary: A test.\nsource: General practice\n"


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_entry(textwrap.dedent(text).encode(), Path("t.yaml"))


def test_break_steps_and_roles_parse() -> None:
    entry, found = parse(HEAD + "participants: 2\nroles: [shares, supports]\nsteps:\n"
                         "  - type: break\n    text: Say it kindly.\n  - type: break\n")
    assert found == [] and isinstance(entry, Exercise)
    assert entry.roles == ("shares", "supports") and entry.steps == (Break("Say it kindly."), Break())


def test_break_steps_and_roles_need_two() -> None:
    _, found = parse(HEAD + "roles: [shares, supports]\nsteps:\n  - type: break\n")
    assert [str(p) for p in found] == ["t.yaml:6:8: roles need 'participants: 2'",
                                       "t.yaml:8:11: step 1: break steps need 'participants: 2'"]
    _, found = parse(HEAD + "participants: 2\nroles: [just one]\nsteps:\n  - type: break\n")
    assert "roles must be two short phrases" in str(found[0])
