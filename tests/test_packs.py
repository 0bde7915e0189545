"""Packs in the library: namespaced ids, all-or-nothing installs (private, atomic), removal,
export of the user's own exercises, and a history that survives a reinstall."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.core.context import Context
from coach.core.library import builtin_dir
from coach.core.model import Plan
from coach.core.pack_install import PackError, check_pack, export_pack, install_pack, remove_pack
from coach.core.paths import Paths
from tests.pack_support import BOX, GOOD, PACK_YAML, make_folder, make_zip, record_run


def install(source: Path, paths: Paths, ctx: Context, *, replace: bool = False) -> None:
    checked = check_pack(source, ctx.library)
    assert checked.ok, checked.problems
    install_pack(checked, paths, ctx.library, replace=replace)


def test_an_installed_pack_is_private_and_namespaced(tmp_path: Path, paths: Paths,
                                                     make_context: Callable[[], Context]) -> None:
    install(make_zip(tmp_path / "calm.zip"), paths, make_context())
    folder = paths.packs_dir / "calm"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(os.listdir(folder)) == ["box.yaml", "exhale.yaml", "in-a-row.yaml", "pack.yaml"]
    assert all(stat.S_IMODE((folder / n).stat().st_mode) == 0o600 for n in os.listdir(folder))
    library = make_context().library
    assert library.problems == []
    assert {"calm/box", "calm/exhale", "calm/in-a-row", "box-breathing"} <= set(library.entries)
    assert library.packs["calm"].version == "1.0" and library.packs["calm"].installed
    plan = library.entries["calm/in-a-row"]
    assert isinstance(plan, Plan)
    assert plan.exercise_ids == ("calm/box", "calm/exhale", "cyclic-sighing"), \
        "plain ids in a pack's plan are the pack's own first, then the library's"
    assert library.find("calm/box") is library.entries["calm/box"]


def test_a_pack_never_clashes_with_builtins_or_another_pack(tmp_path: Path, paths: Paths,
                                                            make_context: Callable[[], Context]
                                                            ) -> None:
    same_ids = {"pack.yaml": PACK_YAML, "box-breathing.yaml": BOX}
    install(make_folder(tmp_path / "calm", same_ids), paths, make_context())
    other = {"pack.yaml": PACK_YAML.replace("name: calm", "name: other"), "box-breathing.yaml": BOX}
    install(make_folder(tmp_path / "other", other), paths, make_context())
    library = make_context().library
    assert library.problems == []
    assert {"box-breathing", "calm/box-breathing", "other/box-breathing"} <= set(library.entries)
    assert library.entries["box-breathing"].builtin


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("broken.yaml", "format: 1\ntitle: [\n", "broken.yaml:3:1: YAML syntax"),
    ("escape.yaml", BOX.replace("title: Box breathing", 'title: "\\e]0;owned\\aBox"'),
     "escape.yaml:2:9: title contains a control character (U+001B ESC) at character 1"),
    ("twin.yaml", "id: box-breathing\n" + BOX, "id 'calm/box-breathing' is already used by"),
    ("wrong.yaml", BOX.replace("minutes: 5", "minutes: 5\n    cycles: 3"),
     "needs exactly one of 'cycles' or 'minutes'"),
], ids=["broken", "escape", "twin", "wrong"])
def test_one_bad_file_and_nothing_is_installed(tmp_path: Path, paths: Paths,
                                               make_context: Callable[[], Context],
                                               name: str, text: str, expected: str) -> None:
    files = {**GOOD, "box-breathing.yaml": BOX, name: text}
    source = make_zip(tmp_path / "calm.zip", files)
    ctx = make_context()
    checked = check_pack(source, ctx.library)
    assert not checked.ok
    assert any(expected in str(p) for p in checked.problems), checked.problems
    assert all(str(p).startswith(f"{source}/calm/") for p in checked.problems)
    with pytest.raises(PackError):
        install_pack(checked, paths, ctx.library)
    assert not paths.packs_dir.exists() or os.listdir(paths.packs_dir) == []


def test_a_plan_naming_a_missing_exercise_stops_the_install(tmp_path: Path,
                                                             make_context: Callable[[], Context]
                                                             ) -> None:
    files = {**GOOD, "in-a-row.yaml": GOOD["in-a-row.yaml"].replace("exhale,", "nowhere,")}
    checked = check_pack(make_folder(tmp_path / "calm", files), make_context().library)
    assert [p.message for p in checked.problems] == ["exercise 'nowhere' is not in the library"]


def test_the_same_name_needs_replace_and_replacing_is_whole(tmp_path: Path, paths: Paths,
                                                           make_context: Callable[[], Context]
                                                           ) -> None:
    install(make_zip(tmp_path / "calm.zip"), paths, make_context())
    newer = {"pack.yaml": PACK_YAML.replace("1.0", "2.0"), "box.yaml": BOX}
    source = make_folder(tmp_path / "calm2", newer)
    ctx = make_context()
    with pytest.raises(PackError, match=r"already installed \(version 1\.0\); add --replace"):
        install_pack(check_pack(source, ctx.library), paths, ctx.library)
    install(source, paths, ctx, replace=True)
    assert sorted(os.listdir(paths.packs_dir / "calm")) == ["box.yaml", "pack.yaml"]
    assert [n for n in os.listdir(paths.packs_dir) if not n.startswith(".lock")] == ["calm"]
    assert make_context().library.packs["calm"].version == "2.0"


def test_remove_deletes_only_that_pack(tmp_path: Path, paths: Paths,
                                       make_context: Callable[[], Context]) -> None:
    install(make_zip(tmp_path / "calm.zip"), paths, make_context())
    (tmp_path / "keep").write_text("mine")
    ctx = make_context()
    for bad in ("../keep", "nope", "CALM"):
        with pytest.raises(PackError, match="no pack called"):
            remove_pack(bad, paths, ctx.library)
    assert remove_pack("calm", paths, ctx.library) is not None
    assert not (paths.packs_dir / "calm").exists() and (tmp_path / "keep").exists()
    assert not any(e.startswith("calm/") for e in make_context().library.entries)


def test_leftovers_of_an_interrupted_install_are_ignored_then_cleared(
        tmp_path: Path, paths: Paths, make_context: Callable[[], Context]) -> None:
    make_folder(paths.packs_dir / ".staging-x1", GOOD)
    make_folder(paths.packs_dir / "Not-An-Id", GOOD)
    assert make_context().library.packs == {}
    install(make_zip(tmp_path / "calm.zip"), paths, make_context())
    assert not (paths.packs_dir / ".staging-x1").exists()


def test_a_pack_edited_by_hand_loads_what_it_can(paths: Paths,
                                                 make_context: Callable[[], Context]) -> None:
    make_folder(paths.packs_dir / "calm", {**GOOD, "exhale.yaml": "format: 1\ntitle: [\n"})
    library = make_context().library
    assert "calm/box" in library.entries and "calm/exhale" not in library.entries
    assert any("exhale.yaml" in p.path for p in library.problems)
    make_folder(paths.packs_dir / "other", GOOD)  # says it is 'calm'
    library = make_context().library
    assert any("this pack is called 'calm', but is installed as 'other'" in p.message
               for p in library.problems)


def test_history_survives_a_reinstall(tmp_path: Path, paths: Paths,
                                      make_context: Callable[[], Context]) -> None:
    source = make_zip(tmp_path / "calm.zip")
    install(source, paths, make_context())
    ctx = make_context()
    run = record_run(ctx, "calm/box")
    remove_pack("calm", paths, ctx.library)
    ctx = make_context()
    assert [r.exercise_id for r in ctx.history_runs()] == ["calm/box"], "runs outlive the pack"
    install(source, paths, ctx)
    ctx = make_context()
    entry = ctx.library.entries[run.exercise_id]
    assert entry.content_hash == run.content_hash and entry.title == run.title
    assert [r.exercise_id for r in ctx.history_runs()] == ["calm/box"]


def test_export_writes_the_users_exercises_as_a_pack(tmp_path: Path, paths: Paths,
                                                    make_context: Callable[[], Context]) -> None:
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "my-box.yaml").write_text(BOX)
    (paths.exercises_dir / "my-plan.yaml").write_text(
        GOOD["in-a-row.yaml"].replace("[box, exhale, cyclic-sighing]", "[my-box, box-breathing]"))
    ctx = make_context()
    result = export_pack(paths, tmp_path / "mine", ctx.library, name="mine", version="1.0",
                         author="Ana", licence="CC-BY-4.0")
    assert not isinstance(result, list), result
    assert result.files == ["my-box.yaml", "my-plan.yaml"]
    assert (tmp_path / "mine" / "my-box.yaml").read_text() == BOX, "copied byte for byte"
    assert (tmp_path / "mine" / ".coach-exercise.schema.json").is_file()
    install(tmp_path / "mine", paths, ctx)
    plan = make_context().library.entries["mine/my-plan"]
    assert isinstance(plan, Plan) and plan.exercise_ids == ("mine/my-box", "box-breathing")
    with pytest.raises(PackError, match="not an empty folder"):
        export_pack(paths, tmp_path / "mine", ctx.library, name="mine", version="1.0",
                    author="Ana", licence="CC-BY-4.0")
    with pytest.raises(PackError, match="plain text"):
        export_pack(paths, tmp_path / "x", ctx.library, name="x", version="1.0",
                    author="Ana\x1b[2J", licence="CC-BY-4.0")


def test_export_refuses_broken_files_and_an_empty_folder(tmp_path: Path, paths: Paths,
                                                        make_context: Callable[[], Context]) -> None:
    with pytest.raises(PackError, match="no exercise files of your own"):
        export_pack(paths, tmp_path / "x", make_context().library, name="x", version="1.0",
                    author="Ana", licence="CC-BY-4.0")
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "bad.yaml").write_text("format: 1\n")
    result = export_pack(paths, tmp_path / "x", make_context().library, name="x",
                         version="1.0", author="Ana", licence="CC-BY-4.0")
    assert isinstance(result, list) and result and not (tmp_path / "x").exists()


def test_builtin_ids_stay_plain_and_nothing_is_read_from_the_builtins_as_a_pack() -> None:
    assert not (builtin_dir() / "pack.yaml").exists()


async def test_the_home_filter_finds_a_pack_by_name_and_starts_its_entry(
        tmp_path: Path, paths: Paths, make_context: Callable[[], Context], make_app) -> None:
    """The only thing the UI adds for packs: ids with a slash, typed into the filter and started."""
    from coach.core.browse import matches
    from coach.ui.widgets.library_list import LibraryList
    from tests.home_support import opened, press, record_starts

    install(make_zip(tmp_path / "calm.zip"), paths, make_context())
    library = make_context().library
    assert [e.id for e in library.entries.values() if matches(e, "calm/")] == [
        "calm/box", "calm/exhale", "calm/in-a-row"]
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        await press(pilot, "slash", *"calm/", "enter")
        assert app.screen.query_one(LibraryList).highlighted_id == "calm/box"
        assert started == ["calm/box"]
