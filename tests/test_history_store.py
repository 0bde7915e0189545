"""The history files: round trip, privacy, damaged files moved aside, migrations, the recent-runs
file and its merges, failing disks, and the store's own copy in this process."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core import cache
from coach.core.history import ondisk, storage
from coach.core.history import store as store_mod
from coach.core.history.store import SCHEMA_VERSION, HistoryError, HistoryStore
from coach.core.runs import RunResult
from tests.history_data import make_run

DATA = Path(__file__).parent / "data"
T0 = datetime(2026, 11, 1, 19, 0, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tables(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def stored(store: HistoryStore) -> dict[str, dict]:
    """Every stored document by id, from both files (the recent file wins)."""
    docs: dict[str, dict] = {}
    for path in (store.path, store.recent_path):
        if path.exists():
            docs.update(tables(path).get("runs", {}))
    return docs


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "data", tmp_path / "cache")


@pytest.fixture
def merge_every(monkeypatch: pytest.MonkeyPatch):
    def setter(n: int) -> None:
        monkeypatch.setattr(store_mod, "RECENT_LIMIT", n)
    return setter


def test_round_trip_keeps_every_field(store: HistoryStore) -> None:
    run = make_run("feeling-wheel-check-in", kind="emotion", calm=(3, 7), note="felt lighter",
                   feelings=[("sad", "lonely", 6)], completed=False)
    store.add(run)
    [back] = HistoryStore(store.data_dir).load().runs
    assert back.to_record() == run.to_record()
    assert back.started_at.tzinfo is not None and back.abandoned
    assert back.rating_change("calm") == 4


def test_partner_names_only_when_allowed(store: HistoryStore) -> None:
    store.add(make_run("soft-start-up", partners=("Ana", "Ben")))
    store.add(make_run("soft-start-up", partners=("Ana", "Ben"), at=at(1)), keep_partner_names=True)
    first, second = HistoryStore(store.data_dir).load().runs
    assert first.partners is None and second.partners == ("Ana", "Ben")
    assert json.dumps(stored(store)).count("Ana") == 1


def test_file_modes_are_private(store: HistoryStore) -> None:
    store.add(make_run())
    assert mode(store.data_dir) == 0o700
    assert mode(store.path) == 0o600 and mode(store.recent_path) == 0o600
    assert mode(store.lock_path) == 0o600


def test_an_existing_open_folder_is_left_as_it_is_and_reported_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    store = HistoryStore(data)
    [notice] = store.add(make_run())
    assert str(data) in notice and "other users" in notice and notice.count(". ") == 0
    assert mode(data) == 0o755 and mode(store.path) == 0o600
    assert store.add(make_run()) == [] and store.load().notices == []


def test_schema_version_is_in_both_files(store: HistoryStore) -> None:
    store.add(make_run())
    assert tables(store.path)["meta"]["1"]["schema"] == SCHEMA_VERSION
    recent = tables(store.recent_path)
    assert recent["meta"]["1"]["schema"] == SCHEMA_VERSION and list(recent["runs"]) == ["1"]


def test_the_recent_file_is_merged_into_the_history(store: HistoryStore, merge_every) -> None:
    merge_every(3)
    for i in range(7):
        store.add(make_run(f"e{i}", at=at(i)))
    assert sorted(tables(store.path)["runs"], key=int) == ["1", "2", "3", "4", "5", "6"]
    assert list(tables(store.recent_path)["runs"]) == ["7"]
    assert [r.exercise_id for r in HistoryStore(store.data_dir).load().runs] == [
        f"e{i}" for i in range(7)]
    assert [r["id"] for r in store.records()] == list(range(1, 8))


def test_a_merge_cut_short_neither_loses_nor_doubles_a_run(store: HistoryStore, merge_every) -> None:
    store.add(make_run("a"))
    store.add(make_run("b", at=at(1)))
    # killed after writing history.json, before emptying the recent file:
    base = tables(store.path)
    base["runs"].update(tables(store.recent_path)["runs"])
    store.path.write_text(json.dumps(base))
    assert [r.exercise_id for r in HistoryStore(store.data_dir).load().runs] == ["a", "b"]
    store.add(make_run("c", at=at(2)))
    assert sorted(d["exercise_id"] for d in stored(store).values()) == ["a", "b", "c"]
    assert [r["id"] for r in store.records()] == [1, 2, 3]


def test_history_replaced_underneath_keeps_both_runs_of_one_id(store: HistoryStore) -> None:
    store.add(make_run("mine"))
    other = {"meta": {"1": {"schema": SCHEMA_VERSION}},
             "runs": {"1": make_run("theirs", at=at(-1)).to_record()}}
    store.path.write_text(json.dumps(other))  # e.g. restored from another machine
    store.add(make_run("new", at=at(1)))
    names = sorted(d["exercise_id"] for d in stored(store).values())
    assert names == ["mine", "new", "theirs"]
    assert len({r["id"] for r in store.records()}) == 3


def test_migrates_a_history_written_by_the_previous_version(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True, mode=0o700)
    shutil.copy(DATA / "history-v1.json", store.path)
    loaded = store.load()
    assert [r.exercise_id for r in loaded.runs] == [
        "box-breathing", "feeling-wheel-check-in", "soft-start-up", "soft-start-up", "cyclic-sighing"]
    feelings, partners, plan = loaded.runs[1], loaded.runs[2], loaded.runs[4]
    assert [(f.word, f.intensity) for f in feelings.feelings] == [("lonely", 6), ("hopeful", 3)]
    assert feelings.note == "felt lighter\nafter — thé"
    assert partners.partners == ("Ana", "Ben") and partners.abandoned
    assert plan.plan_id == "evening-wind-down" and plan.active_seconds == 150.0
    assert loaded.runs[0].rating_change("calm") == 4
    [backup] = store.data_dir.glob("history.json.backup-v1-*")
    assert backup.read_bytes() == (DATA / "history-v1.json").read_bytes() and mode(backup) == 0o600
    assert str(backup) in loaded.notices[0]
    assert tables(store.path)["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert tables(store.path)["runs"] == tables(DATA / "history-v1.json")["runs"]
    store.add(make_run("new", at=T0 + timedelta(days=9)))
    assert [r["id"] for r in store.records()] == [1, 2, 3, 4, 5, 6]


def test_migration_happens_when_recording_too(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True, mode=0o700)
    shutil.copy(DATA / "history-v1.json", store.path)
    [notice] = store.add(make_run("new", at=T0 + timedelta(days=9)))
    assert "newer format" in notice
    assert len(HistoryStore(store.data_dir).load().runs) == 6


def test_version_0_is_backed_up_then_migrated(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True, mode=0o700)
    old = json.dumps({"_default": {"1": make_run().to_record(), "2": make_run("x").to_record()}})
    store.path.write_text(old)
    loaded = store.load()
    assert [r.exercise_id for r in loaded.runs] == ["box-breathing", "x"]
    [backup] = store.data_dir.glob("history.json.backup-v0-*")
    assert backup.read_text() == old and mode(backup) == 0o600
    assert "_default" not in tables(store.path)
    store.add(make_run("y"))
    assert sorted(stored(store), key=int) == ["1", "2", "3"]


def test_an_old_file_on_a_read_only_disk_is_read_as_it_is(store: HistoryStore,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store.data_dir.mkdir(parents=True, mode=0o700)
    shutil.copy(DATA / "history-v1.json", store.path)
    before = store.path.read_bytes()
    monkeypatch.setattr(ondisk.Files, "locked", _read_only_lock)
    loaded = store.load()
    assert len(loaded.runs) == 5 and "older format" in loaded.notices[0]
    assert store.path.read_bytes() == before and len(store.records()) == 5


def _read_only_lock(self: ondisk.Files):
    raise HistoryError(f"Could not use the data folder {self.data_dir}: Read-only file system.")


@pytest.mark.parametrize("which", ["history", "recent"])
def test_newer_schema_is_read_but_never_changed(store: HistoryStore, which: str) -> None:
    store.add(make_run())
    path = store.path if which == "history" else store.recent_path
    content = tables(path)
    content["meta"]["1"]["schema"] = 99
    content["runs"]["9"] = make_run("from-the-future").to_record()
    path.write_text(json.dumps(content))
    loaded = HistoryStore(store.data_dir).load()
    assert "from-the-future" in [r.exercise_id for r in loaded.runs]
    assert any("newer version" in n for n in loaded.notices)
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer version"):
        store.add(make_run())
    assert path.read_bytes() == before


def test_full_disk_gives_a_sentence_and_keeps_the_files(store: HistoryStore,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(make_run())
    before = stored(store)

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write_bytes", full)
    with pytest.raises(HistoryError) as err:
        store.add(make_run("other"))
    assert "No space left on device" in err.value.message and str(store.data_dir) in err.value.message
    assert stored(store) == before
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
    paths.data_dir.mkdir(parents=True, mode=0o700)
    stray = paths.data_dir / ".coach-tmp-abc123"
    stray.write_bytes(b"half a write")
    ctx = make_context()
    assert ctx.history_runs() == []
    assert stray.exists(), "reading the history at start-up takes no lock and changes nothing"
    assert ctx.record_run(make_run("a")) == ""
    assert not stray.exists()


def test_context_records_and_sees_other_coaches(make_context, paths) -> None:
    ctx = make_context()
    assert ctx.record_run(make_run("a")) == ""
    assert [r.exercise_id for r in ctx.history_runs()] == ["a"]
    other = HistoryStore(paths.data_dir)  # another coach in another terminal
    other.add(make_run("b", at=at(1)))
    assert [r.exercise_id for r in ctx.history_runs()] == ["a", "b"]
    assert ctx.record_run(make_run("c", at=at(2))) == ""
    assert [r.exercise_id for r in ctx.history_runs()] == ["a", "b", "c"]
    assert [r.exercise_id for r in make_context().history_runs()] == ["a", "b", "c"]


def test_context_keeps_practice_when_storing_fails(make_context, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_context()

    def read_only(*_a: object, **_k: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(storage, "atomic_write_bytes", read_only)
    message = ctx.record_run(make_run("a"))
    assert "Read-only file system" in message and message.endswith(".") and "\n" not in message
    assert [r.exercise_id for r in ctx.history_runs()] == ["a"]


def test_forget_deletes_everything_it_lists(store: HistoryStore, later) -> None:
    store.add(make_run())
    later()
    store.load()  # writes the fast-start copy
    (store.data_dir / "history.json.corrupt-20260101T000000Z").write_text("x")
    (store.data_dir / ".coach-tmp-zz").write_text("x")
    (store.data_dir / "unrelated.txt").write_text("keep me")
    listed = store.files()
    assert store.cache_dir is not None and any(p.parent == store.cache_dir for p in listed)
    deleted = store.forget()
    assert deleted == listed and len(deleted) == 6
    assert [p.name for p in store.data_dir.iterdir()] == ["unrelated.txt"]
    assert store.load().runs == []


def test_module_has_a_migration_for_every_old_version() -> None:
    assert sorted(ondisk.MIGRATIONS) == list(range(SCHEMA_VERSION))


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch):
    """Move the clock of the cache policy an hour on: the files written so far are then old
    enough for a fast-start copy (which never trusts the stamp of a fresh file)."""
    def move() -> None:
        moved = cache.now_ns() + 3600 * 10**9
        monkeypatch.setattr(cache, "now_ns", lambda: moved)
    return move


def test_fast_start_copy_is_used_only_for_the_exact_file(store: HistoryStore, later,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_many([make_run(f"e{i}", calm=(2, 5), feelings=[("sad", "tired", 3)], at=at(i))
                    for i in range(3)])
    store.add(make_run("e3", at=at(3)))
    later()
    first = HistoryStore(store.data_dir, store.cache_dir).load().runs  # writes the copy
    [copy] = store.cache_dir.iterdir()  # type: ignore[union-attr]
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    with monkeypatch.context() as m:
        m.setattr(storage, "read_tables", _no_parse(store.path))
        again = HistoryStore(store.data_dir, store.cache_dir).load().runs
    assert [r.to_record() for r in again] == [r.to_record() for r in first]
    HistoryStore(store.data_dir).add(make_run("another-terminal", at=at(9)))
    assert HistoryStore(store.data_dir, store.cache_dir).load().runs[-1].exercise_id == "another-terminal"
    copy.write_bytes(b"garbage")
    assert len(HistoryStore(store.data_dir, store.cache_dir).load().runs) == 5


def _no_parse(path: Path):
    real = storage.read_tables

    def read(p: Path):
        assert p != path, "history.json was parsed although its copy is current"
        return real(p)
    return read


def test_fast_start_copy_never_hides_a_changed_file(store: HistoryStore, later) -> None:
    store.add_many([make_run("a"), make_run("b", at=at(1))])
    base = tables(store.path)
    base["runs"].update(tables(store.recent_path)["runs"])
    store.path.write_text(json.dumps(base, separators=(",", ":")))
    store.recent_path.unlink()
    later()
    assert [r.exercise_id for r in HistoryStore(store.data_dir, store.cache_dir).load().runs] == ["a", "b"]
    before = store.path.stat()
    text = store.path.read_text().replace('"exercise_id":"a"', '"exercise_id":"z"')
    store.path.write_text(text)  # same size, same inode, edited in place (a later tick)
    os.utime(store.path, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    assert [r.exercise_id for r in HistoryStore(store.data_dir, store.cache_dir).load().runs] == ["z", "b"]


def test_a_fresh_file_gets_its_fast_start_copy_once_it_is_old_enough(store: HistoryStore,
                                                                     later) -> None:
    store.add(make_run())
    store.load()
    assert not store.cache_dir.exists()  # type: ignore[union-attr]
    later()
    store.load()  # unchanged files: no read, but the copy is written now
    assert len(list(store.cache_dir.iterdir())) == 1  # type: ignore[union-attr]


def test_load_again_reads_nothing_until_a_file_changes(store: HistoryStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(make_run("a"))
    calls: list[Path] = []
    real = storage.read_tables
    monkeypatch.setattr(storage, "read_tables", lambda p: calls.append(p) or real(p))
    first = store.load()
    assert store.load() is first and store.load() is first
    reads = len(calls)
    store.add(make_run("b", at=at(1)))
    adding = len(calls) - reads
    assert [r.exercise_id for r in store.load().runs] == ["a", "b"]
    assert len(calls) == reads + adding, "its own write needs no re-read"
    HistoryStore(store.data_dir).add(make_run("c", at=at(2)))
    assert len(store.load().runs) == 3


def test_context_reads_the_files_only_when_they_changed(make_context,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_context()
    ctx.record_run(make_run("a"))
    calls: list[Path] = []
    real = storage.read_tables
    monkeypatch.setattr(storage, "read_tables", lambda p: calls.append(p) or real(p))
    for _ in range(5):
        assert len(ctx.history_runs()) == 1
    reads = len(calls)
    assert reads <= 2
    ctx.record_run(make_run("b", at=at(1)))
    after_write = len(calls)
    assert len(ctx.history_runs()) == 2 and len(calls) == after_write
    HistoryStore(ctx.paths.data_dir).add(make_run("c", at=at(2)))
    assert len(ctx.history_runs()) == 3


def test_context_tells_about_a_moved_aside_file_when_recording(make_context, paths) -> None:
    paths.data_dir.mkdir(parents=True, mode=0o700)
    (paths.data_dir / "history.json").write_text("nonsense")
    message = make_context().record_run(make_run())
    assert "moved to" in message and "history.json.corrupt-" in message


def test_context_shows_each_notice_once(make_context, paths) -> None:
    paths.data_dir.mkdir(parents=True, mode=0o700)
    (paths.data_dir / "history.json").write_text("nonsense")
    ctx = make_context()
    ctx.history_runs()
    ctx.history_runs()
    [notice] = ctx.take_history_notices()
    assert "moved to" in notice
    ctx.history_runs()
    assert ctx.take_history_notices() == []


def test_records_are_checked_and_in_order(store: HistoryStore) -> None:
    store.add(make_run("late", at=at(5), partners=("Ana", "Ben")), keep_partner_names=True)
    store.add(make_run("early", at=at(1)))
    records = store.records()
    assert [(r["id"], r["exercise_id"]) for r in records] == [(2, "early"), (1, "late")]
    assert records[1]["partners"] == ["Ana", "Ben"]
    assert RunResult.from_record(records[0]).exercise_id == "early"


def test_many_runs_in_one_write_get_distinct_ids(store: HistoryStore, merge_every) -> None:
    merge_every(5)
    store.add_many([make_run(f"e{i}", at=at(i)) for i in range(12)])
    store.add(make_run("last", at=at(20)))
    assert [r["id"] for r in store.records()] == list(range(1, 14))


def test_a_merge_that_fails_keeps_the_run_and_is_tried_again(store: HistoryStore, merge_every,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    merge_every(2)
    store.add(make_run("a"))
    real = storage.write_tables

    def full_for_history(path: Path, data: dict) -> None:
        if path.name == "history.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    with monkeypatch.context() as m:
        m.setattr(storage, "write_tables", full_for_history)
        assert store.add(make_run("b", at=at(1))) == [], "stored in the recent file all the same"
    assert sorted(d["exercise_id"] for d in tables(store.recent_path)["runs"].values()) == ["a", "b"]
    assert [r.exercise_id for r in store.load().runs] == ["a", "b"]
    store.add(make_run("c", at=at(2)))
    assert sorted(tables(store.path)["runs"], key=int) == ["1", "2", "3"]
    assert tables(store.recent_path)["runs"] == {}
    assert [r.exercise_id for r in HistoryStore(store.data_dir).load().runs] == ["a", "b", "c"]


BAD_FILES = {
    "not json": b"{not json at all",
    "truncated": None,  # filled from a real file cut short
    "wrong shape: list": b"[1, 2, 3]",
    "wrong shape: table": b'{"runs": [1, 2]}',
    "wrong shape: record": b'{"runs": {"1": 5}}',
    "wrong shape: schema": b'{"meta": {"1": {"schema": "one"}}, "runs": {}}',
    "binary": b"\xff\xfe\x00garbage",
}


@pytest.mark.parametrize("which", ["history", "recent"])
@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_damaged_file_is_moved_aside_and_reported(store: HistoryStore, name: str, which: str,
                                                    merge_every) -> None:
    path = store.path if which == "history" else store.recent_path
    merge_every(3)
    store.add_many([make_run(note="x" * 50) for _ in range(3)])
    store.add(make_run(note="y" * 50))
    content = BAD_FILES[name] or path.read_bytes()[:-40]
    path.write_bytes(content)
    loaded = HistoryStore(store.data_dir).load()
    [notice] = loaded.notices
    [moved] = store.data_dir.glob(f"{path.name}.corrupt-*")
    assert str(moved) in notice and notice.count(". ") == 0
    assert notice.endswith("fresh history." if which == "history" else "kept there.")
    assert moved.read_bytes() == content, "the damaged file is kept as it was"
    assert mode(moved) == 0o600
    store.add(make_run("after"))
    assert "after" in [r.exercise_id for r in HistoryStore(store.data_dir).load().runs]


def test_a_damaged_file_found_while_recording_is_moved_aside(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True, mode=0o700)
    store.path.write_bytes(b"\x00\x00\x00")
    notices = store.add(make_run())
    assert len(notices) == 1 and "moved to" in notices[0]
    assert len(list(store.data_dir.glob("history.json.corrupt-*"))) == 1
    assert len(store.load().runs) == 1


def test_two_damaged_files_in_one_second_get_distinct_names(store: HistoryStore) -> None:
    store.data_dir.mkdir(parents=True, mode=0o700)
    for _ in range(2):
        store.path.write_bytes(b"oops")
        HistoryStore(store.data_dir, now=lambda: T0).load()
    assert len(list(store.data_dir.glob("history.json.corrupt-*"))) == 2


def test_a_fast_start_copy_of_another_shape_is_ignored(store: HistoryStore, later,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """As after a field is added to RunResult: the copy's key names the fields it holds."""
    from coach.core.history import fastcopy

    assert set(fastcopy._TYPES) == set(fastcopy.NAMES) >= set(fastcopy._SHARED) | set(fastcopy._ENCODE)
    store.add_many([make_run("a"), make_run("b", at=at(1))])
    later()
    HistoryStore(store.data_dir, store.cache_dir).load()  # writes the copy
    monkeypatch.setattr(fastcopy, "FIELDS", fastcopy.FIELDS[:-1])
    monkeypatch.setattr(fastcopy, "NAMES", fastcopy.NAMES[:-1])
    loaded = HistoryStore(store.data_dir, store.cache_dir).load()
    assert [r.exercise_id for r in loaded.runs] == ["a", "b"] and loaded.notices == []
