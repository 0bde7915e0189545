"""The garbage collector's pause (coach.core.collector) and where the app start uses it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from coach.commands.app import open_app
from coach.core import collector
from coach.core.context import Context
from coach.core.paths import Paths


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was_on = gc.isenabled()
    yield
    gc.unfreeze()  # what a test froze goes back to the collector
    if was_on:
        gc.enable()
    else:
        gc.disable()


def test_paused_leaves_the_collector_as_it_found_it(collector_restored: None) -> None:
    gc.enable()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # off before: still off


def test_paused_turns_it_back_on_after_an_error(collector_restored: None) -> None:
    gc.enable()
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_starting_up_pauses_then_keeps_what_was_built_out_of_later_scans(
        collector_restored: None) -> None:
    gc.enable()
    gc.unfreeze()
    with collector.starting_up():
        assert not gc.isenabled()
        built = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(built)
    scanned = {id(x) for x in gc.get_objects()}  # every generation the collector scans
    assert not any(id(x) in scanned for x in built)


def test_the_app_runs_with_the_collector_on_after_reading_what_home_shows(
        paths: Paths, monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    """`coach` and `coach run ID` read the history for their first screen (the suggestions,
    a run's pick-up point) while start-up is paused, and the app itself runs with the
    collector on."""
    from coach.ui.app import CoachApp

    reads: list[bool] = []
    seen: dict[str, object] = {}
    history_runs = Context.history_runs

    def counting(self: Context) -> list:  # type: ignore[type-arg]
        reads.append(gc.isenabled())
        return history_runs(self)

    def run(self: CoachApp) -> None:
        seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count(), reads=list(reads),
                    start=self.start)

    monkeypatch.setattr(Context, "history_runs", counting)
    monkeypatch.setattr(CoachApp, "run", run)
    gc.enable()
    assert open_app(paths, plain=False) == 0
    assert seen == {"enabled": True, "frozen": seen["frozen"], "reads": [False], "start": None}
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 0
    reads.clear()
    assert open_app(paths, start="cyclic-sighing", plain=False) == 0
    assert seen["start"] == "cyclic-sighing" and seen["reads"] == [False]
