"""The app opens on the home screen and quits cleanly."""

from __future__ import annotations

import pytest

from tests.conftest import SNAP_SIZE
from tests.home_support import write_settings


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys(make_app, paths, key: str) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
    assert app.return_code == 0


async def test_skipped_files_are_reported(make_app, paths) -> None:
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "broken.yaml").write_text(
        "format: 1\ntitle: no\nkind: emotion\nsummary: s\nsource: s\nsteps: [{type: note, text: t}]\n"
    )
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert any("broken.yaml:2:8" in m and "1 file skipped" in m for m in messages), messages


async def test_corrupt_history_is_reported_on_opening(make_app, paths) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.history_file.write_text('{"runs": {"1": {"exercise_id": "box-br')  # cut off mid-write
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    moved = list(paths.data_dir.glob("history.json.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_text().startswith('{"runs"')
    assert any(str(moved[0]) in m for m in messages), messages
