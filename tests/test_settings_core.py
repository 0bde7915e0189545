"""Settings file: defaults, round trip, bad values reported and replaced, never a crash."""

from __future__ import annotations

import stat
from pathlib import Path

from coach.core.paths import resolve_paths
from coach.core.settings import Settings, load_settings, parse_settings, save_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.yaml") == (Settings(), [])


def test_round_trip_is_private_and_atomic(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.yaml"
    wanted = Settings(theme="coach-dawn", animation="none", sound="bell", partner_a="Sam",
                      partner_b="Alex", keep_partner_names=True, breathing_minutes=3.5, welcomed=True)
    assert save_settings(path, wanted) is None
    assert load_settings(path) == (wanted, [])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["settings.yaml"]  # no temp files left


def test_bad_values_are_reported_and_defaulted() -> None:
    data = b"theme: [x]\nanimation: slow\nbell: maybe\npartner_a: no\nbreathing_minutes: 0\ncolour: red\n"
    settings, problems = parse_settings(data, "s.yaml")
    assert settings == Settings()
    text = [str(p) for p in problems]
    assert text[0] == "s.yaml:1:8: theme must be text, not a list"
    assert text[1].startswith("s.yaml:2:12: animation must be one of full, basic, none")
    assert text[2] == "s.yaml:3:7: bell must be true or false, not 'maybe'"
    assert text[3].startswith("s.yaml:4:12: partner_a must be text")
    assert text[4].startswith("s.yaml:5:20: breathing_minutes must be more than 0")
    assert "unknown key 'colour'" in " ".join(text)


def test_broken_file_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("theme: [unclosed\n")
    settings, problems = load_settings(path)
    assert settings == Settings() and problems
    moved = save_settings(path, Settings(sound="bell"))
    assert moved is not None and moved.read_text() == "theme: [unclosed\n"
    assert load_settings(path) == (Settings(sound="bell"), [])


def test_paths_come_from_env_and_arguments(tmp_path: Path) -> None:
    env = {"COACH_CONFIG_DIR": str(tmp_path / "c"), "COACH_DATA_DIR": str(tmp_path / "d")}
    p = resolve_paths(env=env)
    assert p.config_dir == tmp_path / "c" and p.data_dir == tmp_path / "d"
    assert p.exercises_dir == tmp_path / "c" / "exercises"
    q = resolve_paths(data_dir=tmp_path / "x", env=env)
    assert q.data_dir == tmp_path / "x"
    assert not (tmp_path / "c").exists()


def test_control_and_hidden_characters_in_names_are_reported_and_defaulted() -> None:
    data = (b'partner_a: "Kim\\e]0;owned\\a"\npartner_b: "Ana\\u202e"\ntheme: "coach-dawn\\u200b"\n'
            b"bell: true\n")
    settings, problems = parse_settings(data, "s.yaml")
    assert settings == Settings(sound="bell")
    assert [str(p) for p in problems] == [
        "s.yaml:1:16: partner_a contains a control character (U+001B ESC) at character 4; "
        "remove it: text in coach files must be plain, visible text",
        "s.yaml:2:16: partner_b contains a text-direction control (U+202E RIGHT-TO-LEFT "
        "OVERRIDE) at character 4; remove it: text in coach files must be plain, visible text",
        "s.yaml:3:19: theme contains an invisible character (U+200B ZERO WIDTH SPACE) at "
        "character 11; remove it: text in coach files must be plain, visible text",
    ]


def test_markup_like_partner_names_are_kept_as_written() -> None:
    data = b"partner_a: Kim [/]\npartner_b: '[Ana]'\n"
    assert parse_settings(data, "s.yaml") == (Settings(partner_a="Kim [/]", partner_b="[Ana]"), [])


def test_a_hidden_character_in_a_key_is_reported() -> None:
    settings, problems = parse_settings(b'"bell\\u200b": true\nwelcomed: true\n', "s.yaml")
    assert settings == Settings(welcomed=True)
    assert [str(p) for p in problems] == [
        "s.yaml:1:6: a key in settings contains an invisible character (U+200B ZERO WIDTH SPACE) "
        "at character 5; remove it: text in coach files must be plain, visible text"]


def test_practice_is_not_said_until_it_is() -> None:
    assert Settings().practice == ""
    for value in ("alone", "together", "both"):
        assert parse_settings(f"practice: {value}\n".encode(), "s.yaml") == (Settings(practice=value), [])
    for empty in (b"practice: ''\n", b"practice:\n", b"practice: null\n"):
        assert parse_settings(empty, "s.yaml") == (Settings(), [])
    settings, problems = parse_settings(b"practice: alon\n", "s.yaml")
    assert settings == Settings()
    assert [str(p) for p in problems] == [
        "s.yaml:1:11: practice must be one of alone, together, both, not 'alon'; did you mean 'alone'?"]
    settings, problems = parse_settings(b"practice: [alone]\n", "s.yaml")
    assert settings == Settings() and problems


def test_practice_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    for value in ("", "together"):
        save_settings(path, Settings(practice=value))
        assert load_settings(path) == (Settings(practice=value), [])


def test_sound_is_off_bell_or_tones_and_old_bell_files_still_read() -> None:
    assert Settings().sound == "off"
    for value in ("off", "bell", "tones"):
        assert parse_settings(f"sound: {value}\n".encode(), "s.yaml") == (Settings(sound=value), [])
    # the setting before sound: its meaning carries over, and no problem is reported
    assert parse_settings(b"bell: true\n", "s.yaml") == (Settings(sound="bell"), [])
    assert parse_settings(b"bell: false\n", "s.yaml") == (Settings(), [])
    assert parse_settings(b"bell: true\nsound: tones\n", "s.yaml") == (Settings(sound="tones"), [])
    assert parse_settings(b"sound: bell\nbell: false\n", "s.yaml") == (Settings(sound="bell"), [])
    # YAML reads a bare off/no as false: it still means off
    assert parse_settings(b"sound: no\n", "s.yaml") == (Settings(), [])
    settings, problems = parse_settings(b"sound: loud\n", "s.yaml")
    assert settings == Settings()
    assert [str(p) for p in problems] == ["s.yaml:1:8: sound must be one of off, bell, tones, not 'loud'"]


def test_an_old_bell_file_is_saved_in_the_new_shape(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("bell: true\nwelcomed: true\n")
    settings, _ = load_settings(path)
    save_settings(path, settings)
    text = path.read_text()
    assert "sound: bell" in text and "bell: true" not in text
    assert load_settings(path) == (Settings(sound="bell", welcomed=True), [])


def test_count_in_and_plain_are_yes_or_no() -> None:
    assert parse_settings(b"count_in: true\nplain: true\n", "s.yaml") == (
        Settings(count_in=True, plain=True), [])
