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
    async with app.run_test(size=(100, 50)) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#theme").value = "coach-linen"
        screen.query_one("#animation").value = "basic"
        screen.query_one("#breathing_minutes").value = 5.0
        assert screen.query_one("#practice").is_blank()  # "Not said yet"
        screen.query_one("#practice").value = "together"
        screen.query_one("#sound").value = "bell"
        await pilot.pause()
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
    assert saved == Settings(theme="coach-linen", animation="basic", sound="bell", partner_a="Sam",
                             partner_b="Alex", keep_partner_names=True, breathing_minutes=5.0,
                             welcomed=True, practice="together", keep_notes=False,
                             alternate_starter=False)
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one("#partner_a").value == "Sam"
        assert screen.query_one("#sound").value == "bell"
        assert screen.query_one("#breathing_minutes").value == 5.0
        assert screen.query_one("#practice").value == "together"
        assert app.theme == "coach-linen"


async def test_broken_settings_file_is_reported_and_defaults_used(make_app, paths) -> None:
    path = write_settings(paths, "welcomed: true\nanimation: wild\nbreathing_minutes: lots\ncolour: red\n")
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        screen = await open_settings(app, pilot)
        assert messages(app)[0].startswith("3 problems in your files")  # one notice, p lists them
        said = app.problems
        assert any(f"{path}:2:12" in m and "full, basic, none" in m for m in said), said
        assert any(f"{path}:3:20" in m for m in said), said
        assert any(f"{path}:4:1" in m and "unknown key 'colour'" in m for m in said), said
        assert app.ctx.settings.animation == "full" and app.ctx.settings.breathing_minutes == 2.0
        screen.query_one("#sound").value = "bell"
        await pilot.pause()
        assert any("broken settings file was kept as" in m for m in messages(app))
    assert list(paths.config_dir.glob("settings.yaml.broken-*"))
    assert load_settings(path) == (Settings(sound="bell", welcomed=True), [])


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


async def test_sound_says_whether_tones_can_play_here(make_app, paths) -> None:
    from coach.player import Player, Sounds

    write_settings(paths)
    app = make_app()  # no player (the fixture's): tones fall back to the bell, and it says so
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_settings(app, pilot)
        note = screen.query_one("#sound-note")
        assert "a bell or soft tones" in str(note.render())
        screen.query_one("#sound").value = "tones"
        await pilot.pause()
        assert "No sound player was found here" in str(note.render())
        assert "the terminal bell rings instead" in str(note.render())
        assert app.ctx.settings.sound == "tones"
    app = make_app()
    app.sounds = Sounds(paths.cache_dir, Player("paplay", ("paplay",)), spawn=lambda argv: None)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_settings(app, pilot)
        assert "(via paplay)" in str(screen.query_one("#sound-note").render())
        await pilot.click("#count_in")
        await pilot.click("#plain")
        await pilot.pause()
    assert load_settings(paths.settings_file)[0] == Settings(sound="tones", count_in=True, plain=True,
                                                             welcomed=True)
