"""Settings screen: edits round-trip to the file; broken files are reported and fall back."""

from __future__ import annotations

import pytest

from coach.core.settings import Settings, load_settings
from coach.ui.screens.settings import SettingsScreen
from tests.conftest import SNAP_SIZE
from tests.home_support import messages, press, write_settings


async def open_settings(app, pilot) -> SettingsScreen:
    await pilot.pause()
    await press(pilot, "comma")
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def test_every_setting_round_trips_to_the_file(make_app, paths) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#theme").value = "coach-linen"
        screen.query_one("#animation").value = "basic"
        screen.query_one("#breathing_minutes").value = 5.0
        assert screen.query_one("#practice").is_blank()  # "Not said yet"
        screen.query_one("#practice").value = "together"
        await pilot.click("#bell")
        await pilot.click("#keep_partner_names")
        await pilot.click("#alternate_starter")
        screen.query_one("#keep_notes").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#keep_notes")
        await pilot.click("#partner_a")
        await pilot.press(*"Sam")
        await pilot.click("#partner_b")
        await press(pilot, *"Alex")
        assert app.theme == "coach-linen"
        await press(pilot, "escape")
    saved, problems = load_settings(paths.settings_file)
    assert problems == []
    assert saved == Settings(theme="coach-linen", animation="basic", bell=True, partner_a="Sam",
                             partner_b="Alex", keep_partner_names=True, breathing_minutes=5.0,
                             welcomed=True, practice="together", keep_notes=False,
                             alternate_starter=False)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one("#partner_a").value == "Sam"
        assert screen.query_one("#bell").value is True
        assert screen.query_one("#breathing_minutes").value == 5.0
        assert screen.query_one("#practice").value == "together"
        assert app.theme == "coach-linen"


async def test_broken_settings_file_is_reported_and_defaults_used(make_app, paths) -> None:
    path = write_settings(paths, "welcomed: true\nanimation: wild\nbreathing_minutes: lots\ncolour: red\n")
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await open_settings(app, pilot)
        said = messages(app)
        assert any(f"{path}:2:12" in m and "full, basic, none" in m for m in said), said
        assert any(f"{path}:3:20" in m for m in said), said
        assert any(f"{path}:4:1" in m and "unknown key 'colour'" in m for m in said), said
        assert app.ctx.settings.animation == "full" and app.ctx.settings.breathing_minutes == 2.0
        await pilot.click("#bell")
        await pilot.pause()
        assert any("broken settings file was kept as" in m for m in messages(app))
    assert list(paths.config_dir.glob("settings.yaml.broken-*"))
    assert load_settings(path) == (Settings(bell=True, welcomed=True), [])


async def test_unreadable_yaml_settings_do_not_crash(make_app, paths) -> None:
    path = write_settings(paths, "welcomed: [true\n")
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        assert any(str(path) in m and "YAML syntax" in m for m in messages(app))


async def test_settings_animation_level_applies_unless_environment_says(make_app, paths, monkeypatch) -> None:
    write_settings(paths, "welcomed: true\nanimation: basic\n")
    monkeypatch.delenv("TEXTUAL_ANIMATIONS")
    app = make_app()
    assert app.animation_level == "basic"
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    app = make_app()
    assert app.animation_level == "none"


async def test_no_color_is_honoured(make_app, paths, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    write_settings(paths)
    app = make_app()
    assert app.no_color


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_settings_fit_small_terminals(make_app, paths, size) -> None:
    write_settings(paths)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_settings(app, pilot)
        for widget_id in ("#theme", "#partner_a", "#breathing_minutes"):
            assert screen.query_one(widget_id).region.width >= 12


async def test_practice_can_be_left_unsaid_again(make_app, paths) -> None:
    from textual.widgets import Select

    write_settings(paths, "welcomed: true\npractice: alone\n")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one("#practice").value == "alone"
        screen.query_one("#practice").value = Select.NULL
        await pilot.pause()
        assert app.ctx.settings.practice == ""
    assert load_settings(paths.settings_file)[0].practice == ""
