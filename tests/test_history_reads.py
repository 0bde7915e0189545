"""Every read of the history is total (issue 11): records of any shape, deep nesting, huge files,
FIFOs, unreadable files, read-only disks and links never crash, hang or lose the run being
saved; CSV exports cannot start a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from coach.cli import main
from coach.core.files import ensure_private_dir, open_to_others
from coach.core.history import ondisk, storage
from coach.core.history import store as store_mod
from coach.core.history.export import csv_text
from coach.core.history.store import SCHEMA_VERSION, HistoryError, HistoryStore
from coach.core.paths import Paths
from tests.history_data import make_run

GOOD = make_run("box-breathing", calm=(3, 7), feelings=[("sad", "lonely", 4)]).to_record()
BAD: dict[str, Any] = {
    "id is a list": {**GOOD, "exercise_id": ["x"]},
    "feeling word is an object": {**GOOD, "feelings": [{"core": "sad", "word": {"a": 1}}]},
    "partners is a number": {**GOOD, "partners": 3},
    "partners are three": {**GOOD, "partners": ["a", "b", "c"]},
    "wrong date": {**GOOD, "started_at": "2026-02-30T10:00:00+00:00"},
    "date is a number": {**GOOD, "ended_at": 1700000000},
    "year 1": {**GOOD, "started_at": "0001-01-01T00:00:00+00:00"},
    "huge seconds": {**GOOD, "active_seconds": 1e308},
    "negative seconds": {**GOOD, "active_seconds": -5},
    "huge count": {**GOOD, "steps_total": 10**30},
    "steps are true": {**GOOD, "steps_done": [True]},
    "completed is text": {**GOOD, "completed": "yes"},
    "rating of 11": {**GOOD, "ratings": [{"measure": "calm", "value": 11, "step": 0}]},
    "feelings is an object": {**GOOD, "feelings": {"core": "sad"}},
    "title is null": {**GOOD, "title": None},
    "no times": {"exercise_id": "x"},
    "empty": {},
}
RAW_BAD = {  # not expressible in json.dumps without these spellings
    "NaN seconds": '{"exercise_id":"x","started_at":"2026-11-01T19:00:00+00:00",'
                   '"ended_at":"2026-11-01T19:05:00+00:00","active_seconds":NaN}',
    "Infinity seconds": '{"exercise_id":"x","started_at":"2026-11-01T19:00:00+00:00",'
                        '"ended_at":"2026-11-01T19:05:00+00:00","active_seconds":Infinity}',
}


def write_history(store: HistoryStore, runs_json: str, *, recent: bool = False) -> None:
    store.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = f'{{"meta":{{"1":{{"schema":{SCHEMA_VERSION}}}}},"runs":{runs_json}}}'
    (store.recent_path if recent else store.path).write_text(text, encoding="utf-8")


def runs_json(docs: dict[str, Any]) -> str:
    return "{" + ",".join(f"{json.dumps(k)}:{v if isinstance(v, str) else json.dumps(v)}"
                          for k, v in docs.items()) + "}"


@pytest.fixture
def store(paths: Paths) -> HistoryStore:
    return HistoryStore(paths.data_dir, paths.cache_dir)


def cli(paths: Paths, *argv: str) -> int:
    return main(["--data-dir", str(paths.data_dir), "--config-dir", str(paths.config_dir), *argv])


def within(seconds: float, work: Callable[[], Any]) -> Any:
    """Run ``work``; fail (instead of hanging the suite) if it takes longer than ``seconds``."""
    result: list[Any] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # handed to the test's thread
            failed.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "it hung"
    if failed:
        raise failed[0]
    return result[0]


@pytest.mark.parametrize("case", [*BAD, *RAW_BAD, "key is not a number", "key has a zero",
                                  "key is huge"])
@pytest.mark.parametrize("where", ["history", "recent"])
def test_a_bad_record_is_left_out_counted_and_kept(store: HistoryStore, case: str, where: str) -> None:
    key, doc = {"key is not a number": ("abc", GOOD), "key has a zero": ("02", GOOD),
                "key is huge": ("9" * 40, GOOD)}.get(case, ("2", RAW_BAD.get(case) or BAD.get(case)))
    write_history(store, runs_json({"1": GOOD, key: doc}), recent=where == "recent")
    loaded = store.load()
    assert len(loaded.runs) == 1 and loaded.skipped == 1
    assert loaded.notices == ["1 stored run could not be read and is left out; it stays in the file."]
    assert [r["id"] for r in store.records()] == [1]
    assert store.add(make_run("new", at=datetime(2026, 11, 2, tzinfo=UTC))) == []
    assert [r.exercise_id for r in HistoryStore(store.data_dir).load().runs] == ["box-breathing", "new"]
    on_disk = store.path.read_text() + (store.recent_path.read_text() if store.recent_path.exists() else "")
    assert json.dumps(key) in on_disk, "the bad record stays in the file"


def test_bad_records_survive_a_merge(store: HistoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_mod, "RECENT_LIMIT", 2)
    write_history(store, runs_json({"abc": GOOD, "2": RAW_BAD["NaN seconds"]}), recent=True)
    store.add(make_run("new"))  # the recent file goes with no history.json yet: merged first
    assert tables_in(store.path).keys() == {"abc", "2"}
    assert tables_in(store.recent_path).keys() == {"3"}
    store.add(make_run("newer"))
    assert tables_in(store.path).keys() == {"abc", "2", "3", "4"}
    assert tables_in(store.recent_path) == {}
    assert store.load().skipped == 2


def tables_in(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())["runs"]


def test_the_count_uses_plurals(store: HistoryStore) -> None:
    write_history(store, runs_json({"1": GOOD, "2": BAD["empty"], "x": GOOD}))
    assert store.load().notices == [
        "2 stored runs could not be read and are left out; they stay in the file."]


def test_every_command_and_the_context_read_bad_records(paths: Paths, store: HistoryStore,
                                                        make_context, capsys) -> None:
    docs = {"1": GOOD, **{str(i + 2): doc for i, doc in enumerate(BAD.values())}, "z": GOOD}
    write_history(store, runs_json(docs))
    for argv in (["history"], ["history", "--format", "json"], ["history", "--format", "csv"],
                 ["suggest"], ["nudge"]):
        assert cli(paths, *argv) == 0
    out, err = capsys.readouterr()
    assert f"{len(BAD) + 1} stored runs could not be read" in err and "Traceback" not in out + err
    ctx = make_context()
    assert len(ctx.history_runs()) == 1
    assert ctx.record_run(make_run("new")) == ""
    assert len(ctx.history_runs()) == 2


@pytest.mark.parametrize("where", ["history", "recent"])
@pytest.mark.parametrize("content", [
    "[" * 100_000 + "]" * 100_000,
    '{"runs":{"1":' + '{"a":' * 5_000 + "1" + "}" * 5_000 + "}}",
    '{"meta":{"1":{"schema":2}},"runs":{"1":{"exercise_id":"x","note":' + "[" * 40 + "]" * 40 + "}}}",
])
def test_deep_nesting_is_refused_and_moved_aside(store: HistoryStore, paths: Paths, content: str,
                                                 where: str, capsys) -> None:
    path = store.path if where == "history" else store.recent_path
    store.data_dir.mkdir(parents=True, mode=0o700)
    path.write_text(content)
    loaded = store.load()
    assert any("nested too deeply" in n and "moved to" in n for n in loaded.notices)
    assert not path.exists() and list(store.data_dir.glob(path.name + ".corrupt-*"))
    path.write_text(content)
    assert cli(paths, "history") == 0 and "nested too deeply" in capsys.readouterr().err
    path.write_text(content)
    store.add(make_run())
    assert len(HistoryStore(store.data_dir).load().runs) == 1


def test_nesting_is_measured_outside_strings_only() -> None:
    text = json.dumps({"runs": {"1": {**GOOD, "note": "[[[[{{{{" * 50, "title": "]]]}}}\\\"["}}})
    assert not storage.nested_deeper_than(text.encode(), 5)
    assert storage.nested_deeper_than(text.encode(), 3)
    assert storage.parse_tables(text.encode()) is not None


def test_a_file_over_the_size_cap_is_not_read_nor_moved(store: HistoryStore,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_many([make_run(note="x" * 2_000) for _ in range(3)])
    monkeypatch.setattr(storage, "MAX_BYTES", 1024)
    loaded = HistoryStore(store.data_dir).load()
    assert loaded.runs == [] and "could not be read (larger than 1 KiB)" in loaded.notices[0]
    assert "left as it is" in loaded.notices[0] and store.recent_path.exists()
    with pytest.raises(HistoryError, match="not stored"):
        store.add(make_run())


@pytest.mark.parametrize("name", ["history.json", "history-recent.json"])
def test_a_fifo_in_place_of_a_history_file_never_hangs(store: HistoryStore, name: str) -> None:
    store.data_dir.mkdir(parents=True, mode=0o700)
    os.mkfifo(store.data_dir / name)
    loaded = within(10, store.load)
    assert "not a regular file" in loaded.notices[0] and "left as it is" in loaded.notices[0]
    with pytest.raises(HistoryError, match="not a regular file"):
        within(10, lambda: store.add(make_run()))
    assert stat.S_ISFIFO(os.stat(store.data_dir / name).st_mode), "left where it is"
    assert within(10, store.records) == []


def test_a_fifo_in_place_of_the_fast_start_copy_never_hangs(store: HistoryStore,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(make_run())
    from coach.core import cache
    from coach.core.history.fastcopy import file_name

    monkeypatch.setattr(cache, "RACY_NS", 0)
    assert store.cache_dir is not None
    store.cache_dir.mkdir(mode=0o700)
    os.mkfifo(store.cache_dir / file_name(store.path))
    loaded = within(10, HistoryStore(store.data_dir, store.cache_dir).load)
    assert len(loaded.runs) == 1 and loaded.notices == []


def _denied(path_name: str):
    real = storage.read_regular

    def read(path: str | Path, limit: int, **kwargs: Any) -> bytes:
        if Path(path).name == path_name:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, limit, **kwargs)
    return read


@pytest.mark.parametrize("name", ["history.json", "history-recent.json"])
def test_an_unreadable_file_says_so_and_is_not_moved(store: HistoryStore, name: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(make_run())
    store.add(make_run("b"), keep_partner_names=True)
    monkeypatch.setattr(storage, "read_regular", _denied(name))
    loaded = HistoryStore(store.data_dir).load()
    [notice] = loaded.notices
    assert "could not be read (Permission denied); it was left as it is." in notice
    assert "corrupt" not in notice and "moved" not in notice
    assert not list(store.data_dir.glob("*.corrupt-*"))
    if name == "history.json":  # recording needs only the recent file, known to go with it
        assert HistoryStore(store.data_dir).add(make_run("c")) == []
        assert "c" in store.recent_path.read_text()
    else:
        with pytest.raises(HistoryError, match="Permission denied"):
            HistoryStore(store.data_dir).add(make_run())


def test_a_really_unreadable_history(store: HistoryStore) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    store.add(make_run())
    store.recent_path.chmod(0)
    try:
        loaded = HistoryStore(store.data_dir).load()
        assert "Permission denied" in loaded.notices[0] and store.recent_path.exists()
    finally:
        store.recent_path.chmod(0o600)


def test_a_corrupt_history_on_a_read_only_disk_gives_sentences(paths: Paths, store: HistoryStore,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path, capsys) -> None:
    store.data_dir.mkdir(parents=True, mode=0o700)
    store.path.write_text("{broken")

    def read_only(self: ondisk.Files):
        raise HistoryError(f"Could not use the data folder {self.data_dir}: Read-only file system.")

    monkeypatch.setattr(ondisk.Files, "locked", read_only)
    assert cli(paths, "history") == 0
    assert cli(paths, "history", "--format", "csv") == 0
    assert cli(paths, "export", str(tmp_path / "out.json")) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err.count("could not be read (it is not valid JSON) and could not be moved aside") == 3
    assert store.path.read_text() == "{broken"


def test_a_linked_history_is_written_through_its_link(store: HistoryStore, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_mod, "RECENT_LIMIT", 2)
    synced = tmp_path / "synced"
    synced.mkdir()
    store.data_dir.mkdir(mode=0o700)
    store.path.symlink_to(synced / "history.json")
    store.recent_path.symlink_to(synced / "recent.json")
    for i in range(5):
        store.add(make_run(f"e{i}"))
    assert store.path.is_symlink() and store.recent_path.is_symlink()
    assert len(tables_in(synced / "history.json")) == 4 and len(tables_in(synced / "recent.json")) == 1
    assert stat.S_IMODE((synced / "history.json").stat().st_mode) == 0o600
    assert (synced / "history.json") in store.files()
    (synced / "history.json").write_text("{damaged")
    notices = HistoryStore(store.data_dir).load().notices
    assert store.path.is_symlink() and list(synced.glob("history.json.corrupt-*"))
    assert any("moved to" in n for n in notices)
    store.add(make_run("after"))
    assert store.path.is_symlink() and "after" in (synced / "recent.json").read_text()


def test_only_folders_coach_creates_are_made_private(tmp_path: Path) -> None:
    mine = ensure_private_dir(tmp_path / "new" / "data")
    assert stat.S_IMODE(mine.stat().st_mode) == 0o700 and not open_to_others(mine)
    assert stat.S_IMODE(mine.parent.stat().st_mode) == 0o700  # a parent made on the way too
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    ensure_private_dir(chosen)
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o755 and open_to_others(chosen)


FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"]


def test_csv_cells_never_start_a_formula(paths: Paths, store: HistoryStore, tmp_path: Path) -> None:
    for i, text in enumerate(FORMULAS):
        store.add(make_run(f"e{i}", title=text, note=text, at=datetime(2026, 11, 1, i, tzinfo=UTC)))
    store.add(make_run("plain", title="Box breathing", note="a - b", at=datetime(2026, 11, 2, tzinfo=UTC)))
    rows = list(csv.DictReader(io.StringIO(csv_text(store.records()), newline="")))
    for row, text in zip(rows, FORMULAS, strict=False):
        assert row["title"] == "'" + text and row["note"] == "'" + text
    assert rows[-1]["title"] == "Box breathing" and rows[-1]["note"] == "a - b"
    assert rows[-1]["active_seconds"] == "300.0"
    dest = tmp_path / "out.csv"
    assert cli(paths, "export", str(dest)) == 0
    assert "'=HYPERLINK" in dest.read_text() and ",=" not in dest.read_text()


def test_a_record_of_any_shape_never_loses_the_run_being_saved(store: HistoryStore,
                                                               make_context) -> None:
    write_history(store, runs_json({"abc": {"x": 1}, "1": {}, "07": GOOD, "-3": GOOD}), recent=True)
    write_history(store, runs_json({"zzz": GOOD, "5": BAD["id is a list"]}))
    ctx = make_context()
    assert ctx.record_run(make_run("practised")) == ""
    assert ctx.unsaved == []
    assert [r.exercise_id for r in HistoryStore(store.data_dir).load().runs] == ["practised"]
    assert [r["id"] for r in store.records()] == [6]


def test_a_made_up_huge_id_never_makes_the_new_run_unreadable(store: HistoryStore) -> None:
    write_history(store, runs_json({str(10**15 - 1): GOOD, "2": GOOD}))
    assert store.add(make_run("practised")) == []
    loaded = HistoryStore(store.data_dir).load()
    assert "practised" in [r.exercise_id for r in loaded.runs]
    assert [r["id"] for r in store.records()][-1] < 10**15
    meta = json.loads(store.recent_path.read_text())["meta"]["1"]
    meta["base_max_id"] = 10**40
    store.recent_path.write_text(json.dumps({"meta": {"1": meta}, "runs": {}}))
    store.add(make_run("again"))
    assert "again" in [r.exercise_id for r in HistoryStore(store.data_dir).load().runs]
