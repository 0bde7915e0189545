"""The history file: round trip, privacy, bad files moved aside, migrations, failing disks."""

from __future__ import annotations

import errno
import json
import stat
from pathlib import Path

import pytest

from coach.core.history import store as store_mod
from coach.core.history.jsonfile import _CACHE
from coach.core.history.store import SCHEMA_VERSION, HistoryError, HistoryStore
from tests.history_data import make_run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "data")


def test_round_trip_keeps_every_field(store: HistoryStore) -> None:
    run = make_run("feeling-wheel-check-in", kind="emotion", calm=(3, 7), note="felt lighter",
                   feelings=[("sad", "lonely", 6)], completed=False)
    store.add(run)
    [back] = store.load().runs
    assert back.to_record() == run.to_record()
    assert back.started_at.tzinfo is not None and back.abandoned
    assert back.rating_change("calm") == 4


def test_partner_names_only_when_allowed(store: HistoryStore) -> None:
    store.add(make_run("soft-start-up", partners=("Ana", "Ben")))
    store.add(make_run("soft-start-up", partners=("Ana", "Ben")), keep_partner_names=True)
    first, second = store.load().runs
    assert first.partners is None and second.partners == ("Ana", "Ben")
    assert store.path.read_text().count("Ana") == 1


def test_file_modes_are_private(store: HistoryStore) -> None:
    store.add(make_run())
    assert mode(store.data_dir) == 0o700
    assert mode(store.path) == 0o600
    assert mode(store.lock_path) == 0o600


def test_existing_open_folder_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    HistoryStore(data).add(make_run())
    assert mode(data) == 0o700


def test_schema_version_is_in_the_file(store: HistoryStore) -> None:
    store.add(make_run())
    tables = json.loads(store.path.read_text())
    assert tables["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert list(tables["runs"]) == ["1"]


BAD_FILES = {
    "not json": b"{not json at all",
    "truncated": None,  # filled from a real file cut in half
    "wrong shape: list": b"[1, 2, 3]",
    "wrong shape: table": b'{"runs": [1, 2]}',
    "wrong shape: schema": b'{"meta": {"1": {"schema": "one"}}, "runs": {}}',
    "binary": b"\xff\xfe\x00garbage",
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_is_moved_aside_and_reported(store: HistoryStore, name: str) -> None:
    if name == "truncated":
        for _ in range(3):
            store.add(make_run())
        content = store.path.read_bytes()[:-40]
    else:
        content = BAD_FILES[name]
    store.data_dir.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(content)
    _CACHE.clear()
    loaded = store.load()
    assert loaded.runs == []
    [notice] = loaded.notices
    [moved] = store.data_dir.glob("history.json.corrupt-*")
    assert str(moved) in notice and notice.endswith("fresh history.") and notice.count(". ") == 0
    assert moved.read_bytes() == content, "the bad file is kept as it was"
    assert mode(moved) == 0o600
    store.add(make_run())
    assert len(store.load().runs) == 1


def test_bad_file_found_while_recording_is_moved_aside(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True)
    store.path.write_bytes(b"\x00\x00\x00")
    notices = store.add(make_run())
    assert len(notices) == 1 and "moved to" in notices[0]
    assert len(list(store.data_dir.glob("history.json.corrupt-*"))) == 1
    assert len(store.load().runs) == 1


def test_two_bad_files_in_one_second_get_distinct_names(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True)
    for _ in range(2):
        store.path.write_bytes(b"oops")
        _CACHE.clear()
        store.load()
    assert len(list(store.data_dir.glob("history.json.corrupt-*"))) == 2


def test_bad_record_is_left_out_but_kept(store: HistoryStore) -> None:
    store.add(make_run())
    tables = json.loads(store.path.read_text())
    tables["runs"]["2"] = {"exercise_id": "x"}  # no times
    store.path.write_text(json.dumps(tables))
    loaded = store.load()
    assert len(loaded.runs) == 1 and loaded.skipped == 1
    assert "could not be read" in loaded.notices[0]
    store.add(make_run())
    assert json.loads(store.path.read_text())["runs"]["2"] == {"exercise_id": "x"}


def test_old_schema_is_backed_up_then_migrated(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True)
    old = json.dumps({"_default": {"1": make_run().to_record(), "2": make_run("x").to_record()}})
    store.path.write_text(old)
    loaded = store.load()
    assert [r.exercise_id for r in loaded.runs] == ["box-breathing", "x"]
    [backup] = store.data_dir.glob("history.json.backup-v0-*")
    assert backup.read_text() == old and mode(backup) == 0o600
    assert str(backup) in loaded.notices[0]
    tables = json.loads(store.path.read_text())
    assert tables["meta"]["1"]["schema"] == SCHEMA_VERSION and "_default" not in tables
    store.add(make_run("y"))
    assert sorted(json.loads(store.path.read_text())["runs"]) == ["1", "2", "3"]


def test_newer_schema_is_read_but_never_changed(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True)
    content = json.dumps({"meta": {"1": {"schema": 99}}, "runs": {"1": make_run().to_record()}})
    store.path.write_text(content)
    loaded = store.load()
    assert len(loaded.runs) == 1 and "newer version" in loaded.notices[0]
    with pytest.raises(HistoryError, match="newer version"):
        store.add(make_run())
    assert store.path.read_text() == content


def test_full_disk_gives_a_sentence_and_keeps_the_file(store: HistoryStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(make_run())
    before = store.path.read_bytes()

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("coach.core.files.atomic_write_bytes", full)
    with pytest.raises(HistoryError) as err:
        store.add(make_run("other"))
    assert "No space left on device" in err.value.message and str(store.data_dir) in err.value.message
    assert store.path.read_bytes() == before
    assert [r.exercise_id for r in store.load().runs] == ["box-breathing"]


def test_lock_held_elsewhere_gives_a_sentence(store: HistoryStore) -> None:
    from filelock import FileLock

    store.add(make_run())
    quick = HistoryStore(store.data_dir, lock_timeout=0.1)
    with FileLock(str(store.lock_path), thread_local=False, is_singleton=False):
        with pytest.raises(HistoryError, match="Another coach"):
            quick.add(make_run())
        assert len(quick.load().runs) == 1, "reading needs no lock"


def test_stray_temp_files_are_cleaned_before_the_first_write(make_context, paths) -> None:
    paths.data_dir.mkdir(parents=True)
    stray = paths.data_dir / ".coach-tmp-abc123"
    stray.write_bytes(b"half a write")
    ctx = make_context()
    assert ctx.history_runs() == []
    assert stray.exists(), "reading the history at start-up takes no lock and changes nothing"
    assert ctx.record_run(make_run("a")) == ""
    assert not stray.exists()


def test_context_records_and_caches(make_context, paths) -> None:
    ctx = make_context()
    assert ctx.record_run(make_run("a")) == ""
    assert [r.exercise_id for r in ctx.history_runs()] == ["a"]
    other = HistoryStore(paths.data_dir)  # another coach in another terminal
    other.add(make_run("b", at=make_run().started_at.replace(hour=20)))
    assert [r.exercise_id for r in ctx.history_runs()] == ["a", "b"]
    assert ctx.record_run(make_run("c", at=make_run().started_at.replace(hour=21))) == ""
    assert [r.exercise_id for r in ctx.history_runs()] == ["a", "b", "c"]
    assert [r.exercise_id for r in make_context().history_runs()] == ["a", "b", "c"]


def test_context_keeps_practice_when_storing_fails(make_context, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_context()

    def read_only(*_a: object, **_k: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("coach.core.files.atomic_write_bytes", read_only)
    message = ctx.record_run(make_run("a"))
    assert "Read-only file system" in message and message.endswith(".") and "\n" not in message
    assert [r.exercise_id for r in ctx.history_runs()] == ["a"]


def test_forget_deletes_everything_it_lists(store: HistoryStore) -> None:
    store.add(make_run())
    (store.data_dir / "history.json.corrupt-20260101T000000Z").write_text("x")
    (store.data_dir / ".coach-tmp-zz").write_text("x")
    (store.data_dir / "unrelated.txt").write_text("keep me")
    listed = store.files()
    deleted = store.forget()
    assert deleted == listed and len(deleted) == 4
    assert [p.name for p in store.data_dir.iterdir()] == ["unrelated.txt"]
    assert store.load().runs == []


def test_module_has_a_migration_for_every_old_version() -> None:
    assert sorted(store_mod.MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_fast_start_copy_is_used_only_for_the_exact_file(store: HistoryStore) -> None:
    for i in range(3):
        store.add(make_run(f"e{i}", calm=(2, 5), feelings=[("sad", "tired", 3)]))
    first = store.load().runs  # writes the fast-start copy
    assert store.cache_path.exists() and mode(store.cache_path) == 0o600
    assert [r.to_record() for r in store.load().runs] == [r.to_record() for r in first]
    HistoryStore(store.data_dir).add(make_run("another-terminal"))
    assert [r.exercise_id for r in store.load().runs][-1] == "another-terminal"
    store.cache_path.write_bytes(b"garbage")
    assert len(store.load().runs) == 4
    assert store.cache_path in store.files()


def test_fast_start_copy_never_hides_a_changed_file(store: HistoryStore) -> None:
    store.add(make_run("a"))
    store.load()
    tables = json.loads(store.path.read_text())
    tables["runs"]["1"]["exercise_id"] = "b"  # same size, edited in place
    store.path.write_text(json.dumps(tables, ensure_ascii=False, separators=(",", ":")))
    assert [r.exercise_id for r in store.load().runs] == ["b"]


def test_context_reads_the_file_only_when_it_changed(make_context, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_context()
    ctx.record_run(make_run("a"))
    calls = []
    real = HistoryStore.load
    monkeypatch.setattr(HistoryStore, "load", lambda self: calls.append(1) or real(self))
    for _ in range(5):
        assert len(ctx.history_runs()) == 1
    assert len(calls) == 1
    ctx.record_run(make_run("b"))
    assert len(ctx.history_runs()) == 2 and len(calls) == 1, "its own write needs no re-read"
    HistoryStore(ctx.paths.data_dir).add(make_run("c"))
    assert len(ctx.history_runs()) == 3 and len(calls) == 2


def test_context_tells_about_a_moved_aside_file_when_recording(make_context, paths) -> None:
    paths.data_dir.mkdir(parents=True)
    (paths.data_dir / "history.json").write_text("nonsense")
    message = make_context().record_run(make_run())
    assert "moved to" in message and "history.json.corrupt-" in message
