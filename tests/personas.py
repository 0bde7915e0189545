"""Hand-built people for evaluating suggestions on the real built-in library.

Each persona is a history (and the ``practice`` setting) at one fixed moment in one fixed zone,
so the output never changes from run to run. tests/test_suggest_personas.py asserts their
properties; to read the suggestions by eye:

    .venv/bin/python -m tests.personas
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from coach.core.library import Library, load_library
from coach.core.runs import Rating, RunResult
from coach.core.suggest import Suggestion, suggest

TZ = timezone(timedelta(hours=10), "UTC+10")
"""Far from UTC on purpose: a 7:00 run here is the day before in UTC."""
NOW = datetime(2026, 11, 2, 14, 0, tzinfo=TZ)
"""A Monday afternoon (no time-of-day context)."""
CONTEXTS: tuple[str | None, ...] = (None, "stressed", "before-a-hard-talk", "evening")


def at(days_ago: int, hour: int, minute: int = 0) -> datetime:
    """A local time ``days_ago`` days before NOW, as UTC (as the history stores it)."""
    return (NOW - timedelta(days=days_ago)).replace(hour=hour, minute=minute).astimezone(UTC)


def run(library: Library, entry_id: str, when: datetime, *, calm: tuple[int, int] | None = None,
        completed: bool = True, steps_done: int | None = None, seconds: float | None = None,
        energy: tuple[int, int] | None = None, plan_id: str | None = None) -> RunResult:
    """A run of a real library exercise; ``steps_done`` defaults to all when completed, else one."""
    ex = library.entries[entry_id]
    assert not ex.is_plan
    total = len(ex.steps)  # type: ignore[union-attr]
    done = steps_done if steps_done is not None else (total if completed else 1)
    active = seconds if seconds is not None else (ex.seconds if completed else ex.seconds * done / total)
    ratings = []
    for measure, pair in (("calm", calm), ("energy", energy)):
        if pair is not None:
            ratings += [Rating(measure, pair[0], 0), Rating(measure, pair[1], total - 1)]
    return RunResult(exercise_id=ex.id, content_hash=ex.content_hash, kind=ex.kind, title=ex.title,
                     started_at=when, ended_at=when + timedelta(seconds=active), active_seconds=active,
                     steps_total=total, steps_done=list(range(done)), completed=completed,
                     ratings=ratings, plan_id=plan_id)


@dataclass
class Persona:
    name: str
    about: str
    runs: list[RunResult]
    practice: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def suggest(self, library: Library, context: str | None = None,
                now: datetime = NOW) -> list[Suggestion]:
        return suggest(library, self.runs, now.astimezone(UTC), context, tz=TZ, practice=self.practice)


def daily_breather(lib: Library) -> Persona:
    runs = [run(lib, "box-breathing", at(d, 7, 30), calm=(3, 6)) for d in range(21)]
    return Persona("daily breather", "box breathing every morning for three weeks, today too, "
                   "calm 3 -> 6 each time; has not said alone or together", runs)


def couple_after_conflicts(lib: Library) -> Persona:
    runs = []
    for week in range(6):
        runs.append(run(lib, "small-misunderstanding-repair", at(2 + 7 * week, 20), calm=(4, 7)))
        runs.append(run(lib, "speaker-listener", at(5 + 7 * week, 20, 30), calm=(4, 6)))
        runs.append(run(lib, "appreciation-exchange", at(1 + 7 * week, 21)))
    runs.append(run(lib, "flooding-break", at(17, 19), plan_id="after-a-fight", calm=(2, 5)))
    runs.append(run(lib, "after-a-regrettable-incident", at(17, 19, 25), plan_id="after-a-fight",
                    completed=False, steps_done=3))
    runs.append(run(lib, "extended-exhale", at(9, 8), calm=(5, 6)))
    return Persona("couple after conflicts", "repair for two twice a week after conflicts for six "
                   "weeks, an appreciation ritual weekly, one 'after a fight' plan stopped in its "
                   "second part; practises together", runs, practice="together")


def stops_long_early(lib: Library) -> Persona:
    runs = [
        run(lib, "self-soothing-while-waiting", at(12, 18), completed=False, steps_done=2),
        run(lib, "resonance-breathing", at(9, 18), completed=False, steps_done=2),
        run(lib, "body-then-feeling", at(6, 18), completed=False, steps_done=2),
        run(lib, "resonance-breathing", at(4, 18), completed=False, steps_done=2),
        run(lib, "cyclic-sighing", at(1, 18), completed=False, steps_done=2),
        run(lib, "calm-before-a-hard-talk", at(8, 12), calm=(4, 6)),
        run(lib, "calm-before-a-hard-talk", at(3, 12), calm=(4, 6)),
        run(lib, "respond-not-react", at(10, 12), calm=(5, 6)),
        run(lib, "respond-not-react", at(7, 12), calm=(5, 6)),
        run(lib, "respond-not-react", at(5, 12), calm=(5, 6)),
        run(lib, "extended-exhale", at(11, 12)),
        # only opened (no step, 5 s): not practice, so it neither stops nor tries anything
        run(lib, "feeling-wheel-check-in", at(0, 9), completed=False, steps_done=0, seconds=5),
        # every step skipped: tried, but not done
        run(lib, "mood-meter-check-in", at(2, 9), steps_done=0, seconds=40),
    ]
    return Persona("stops long ones early", "starts five-minute-plus exercises and stops them "
                   "early, finishes the one- and two-minute ones; opened the feeling wheel for "
                   "5 s today; skipped through the mood meter; practises alone", runs,
                   practice="alone")


def new_user(lib: Library) -> Persona:
    return Persona("new user", "no history, has not said alone or together", [])


def morning_person(lib: Library) -> Persona:
    rotation = ["mood-meter-check-in", "resonance-breathing", "extended-exhale"]
    runs = []
    for d in range(1, 36):
        entry = rotation[d % 3]
        meter = entry == "mood-meter-check-in"
        calm = (5, 6) if entry == "resonance-breathing" else (5, 5) if meter else None
        energy = (3, 7) if meter else None
        runs.append(run(lib, entry, at(d, 7, 10 + d % 30), calm=calm, energy=energy))
    return Persona("morning person", "practises only between 7:00 and 7:45, rotating the mood "
                   "meter (energy 3 -> 7, calm unchanged), resonance breathing (calm 5 -> 6) and "
                   "a longer breath out; not today yet; has not said alone or together", runs)


def alone_one_repair(lib: Library) -> Persona:
    rotation = ["feeling-wheel-check-in", "extended-exhale", "name-it-to-tame-it"]
    runs = [run(lib, rotation[i % 3], at(d, 19)) for i, d in enumerate(range(2, 36, 2))]
    runs.append(run(lib, "small-misunderstanding-repair", at(10, 20), completed=False, steps_done=2))
    return Persona("alone, one repair", "the person from issue 19: solo exercises every other "
                   "day for five weeks, one repair for two stopped ten days ago; has not said "
                   "alone or together", runs)


def persona_library() -> Library:
    """The built-in library, with the "when to look for more help" guide as kind ``help``
    (its kind in the format once the help kind lands; suggestions never offer it)."""
    library = load_library()
    guide = library.entries.get("when-to-seek-help")
    if guide is not None and guide.kind != "help":
        library.entries[guide.id] = dataclasses.replace(guide, kind="help")
    return library


PERSONAS: tuple[Callable[[Library], Persona], ...] = (
    daily_breather, couple_after_conflicts, stops_long_early, new_user, morning_person,
    alone_one_repair)


def label(context: str | None) -> str:
    return context or "none"


def main() -> None:
    library = persona_library()
    print(f"now: {NOW:%A %Y-%m-%d %H:%M} {TZ}; built-in library, {len(library.entries)} entries")
    for make in PERSONAS:
        persona = make(library)
        print(f"\n## {persona.name}: {persona.about}")
        for context in CONTEXTS:
            print(f"  {label(context)}:")
            for i, s in enumerate(persona.suggest(library, context)[:3], 1):
                entry = library.entries[s.entry_id]
                two = " (for two)" if entry.participants > 1 else ""
                print(f"    {i}. {entry.title}{two} - {s.reason}")


if __name__ == "__main__":
    main()

