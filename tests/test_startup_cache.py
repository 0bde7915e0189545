"""The start-up cache: same Context as parsing, no YAML on a warm start, invalidated by any
change to the files it covers, and never a reason to crash."""

from __future__ import annotations

import dataclasses
import os
import pickle
import random
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core import cache, startup
from coach.core.context import build_context
from coach.core.paths import Paths
from coach.core.settings import Settings, load_settings
from coach.core.startup import cache_file, load_startup, parse_all

GOOD = b"""format: 1
title: My pause
kind: ritual
summary: A short pause.
source: Written by me.
steps:
  - type: instruction
    text: Sit down.
"""
THEME = b"""name: my-theme
dark: true
primary: "#88aadd"
foreground: "#eeeeee"
background: "#111111"
"""


@pytest.fixture(autouse=True)
def _trust_fresh_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test are seconds old at most: cache them anyway (no sleeping)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


def warm(paths: Paths) -> startup.Startup:
    """Load twice: the first writes the cache, the second must be served from it."""
    first = load_startup(paths)
    assert cache_file(paths).is_file()
    second = load_startup(paths)
    assert_same(first, second)
    return second


def assert_same(a: startup.Startup, b: startup.Startup) -> None:
    assert a.library == b.library
    for plan in a.library.plans():  # a plan's exercises are not part of its equality
        other = b.library.get(plan.id)
        assert other is not None and other.exercises == plan.exercises
    assert a.settings == b.settings and a.settings_problems == b.settings_problems
    assert a.theme_specs == b.theme_specs and a.theme_problems == b.theme_problems
    assert [s.variables for s in a.theme_specs] == [s.variables for s in b.theme_specs]


def served_from_cache(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> startup.Startup:
    """Load, failing the test if anything is parsed."""
    with monkeypatch.context() as m:
        m.setattr(startup, "parse_all", lambda p: pytest.fail("parsed instead of using the cache"))
        return load_startup(paths)


def is_rebuilt(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> startup.Startup:
    """Load, failing the test unless the files are parsed again."""
    calls: list[Paths] = []
    with monkeypatch.context() as m:
        m.setattr(startup, "parse_all", lambda p: calls.append(p) or parse_all(p))
        loaded = load_startup(paths)
    assert calls, "served a stale cache"
    return loaded


def test_warm_start_returns_what_parsing_returns(paths: Paths,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "my-pause.yaml").write_bytes(GOOD)
    paths.themes_dir.mkdir(parents=True)
    (paths.themes_dir / "mine.yaml").write_bytes(THEME)
    paths.settings_file.write_text("theme: my-theme\npartner_a: Sam\n")
    fresh = parse_all(paths)
    warm(paths)
    cached = served_from_cache(paths, monkeypatch)
    assert_same(fresh, cached)
    assert "my-pause" in cached.library.entries and len(cached.library.entries) > 30
    assert cached.settings.partner_a == "Sam"
    assert "my-theme" in [s.name for s in cached.theme_specs]


def test_build_context_carries_themes(paths: Paths) -> None:
    ctx = build_context(paths)
    assert {"coach-dusk", "coach-contrast"} <= {s.name for s in ctx.theme_specs}
    assert ctx.theme_problems == []


def test_warm_start_in_a_fresh_interpreter_imports_no_yaml(paths: Paths) -> None:
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "my-pause.yaml").write_bytes(GOOD)
    warm(paths)
    code = (
        "import sys\n"
        "from coach.core.context import build_context\n"
        "from coach.core.paths import resolve_paths\n"
        f"ctx = build_context(resolve_paths({str(paths.config_dir)!r}, {str(paths.data_dir)!r}, "
        f"{str(paths.exercises_dir)!r}))\n"
        "assert ctx.library.get('my-pause') is not None and ctx.theme_specs\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'textual', 'rich')\n"
        "             or m in ('coach.core.yamlnodes', 'coach.core.schema'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"a warm start imported: {out.stdout.strip()}"


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_user_exercise_changes_invalidate(paths: Paths, monkeypatch: pytest.MonkeyPatch,
                                          change: str) -> None:
    folder = paths.exercises_dir
    folder.mkdir(parents=True)
    (folder / "my-pause.yaml").write_bytes(GOOD)
    warm(paths)
    if change == "edit":
        (folder / "my-pause.yaml").write_bytes(GOOD.replace(b"My pause", b"My long pause"))
    elif change == "add":
        (folder / "other.yml").write_bytes(GOOD.replace(b"My pause", b"Other"))
    elif change == "remove":
        (folder / "my-pause.yaml").unlink()
    else:
        (folder / "my-pause.yaml").rename(folder / "renamed.yaml")
    loaded = is_rebuilt(paths, monkeypatch)
    ids = {e.id: e.title for e in loaded.library.entries.values() if not e.builtin}
    assert ids == {"edit": {"my-pause": "My long pause"},
                   "add": {"my-pause": "My pause", "other": "Other"},
                   "remove": {},
                   "rename": {"renamed": "My pause"}}[change]
    assert_same(loaded, served_from_cache(paths, monkeypatch))  # and the new value is cached


def test_same_size_edit_invalidates(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """A same-length edit is seen even when the file keeps its mtime."""
    path = paths.exercises_dir / "my-pause.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(GOOD)
    warm(paths)
    before = path.stat()
    path.write_bytes(GOOD.replace(b"My pause", b"My break"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert is_rebuilt(paths, monkeypatch).library.get("my-pause").title == "My break"  # type: ignore[union-attr]


def test_exercises_folder_created_later_invalidates(paths: Paths,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "my-pause.yaml").write_bytes(GOOD)
    assert is_rebuilt(paths, monkeypatch).library.get("my-pause") is not None


def test_settings_edit_invalidates(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("bell: true\n")
    assert is_rebuilt(paths, monkeypatch).settings.sound == "bell"
    paths.settings_file.unlink()
    assert is_rebuilt(paths, monkeypatch).settings.sound == "off"


def test_settings_saved_in_the_app_are_seen_on_the_next_start(paths: Paths) -> None:
    ctx = build_context(paths)
    assert cache_file(paths).is_file()
    assert ctx.save_settings(dataclasses.replace(ctx.settings, theme="coach-forest",
                                                 partner_a="Robin")) == ""
    again = build_context(paths)
    assert again.settings.theme == "coach-forest" and again.settings.partner_a == "Robin"
    assert build_context(paths).settings == again.settings == load_settings(paths.settings_file)[0]


def test_theme_file_added_invalidates(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    paths.themes_dir.mkdir(parents=True)
    (paths.themes_dir / "mine.yaml").write_bytes(THEME)
    assert "my-theme" in [s.name for s in is_rebuilt(paths, monkeypatch).theme_specs]


def test_changed_code_invalidates(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    monkeypatch.setattr(startup, "FORMAT", startup.FORMAT + 1)
    is_rebuilt(paths, monkeypatch)
    monkeypatch.setattr("coach.__version__", "0.0.0-other")
    is_rebuilt(paths, monkeypatch)
    model = Path(startup.__file__).with_name("model.py")
    key, _ = startup.source_key(paths)
    monkeypatch.setattr(startup, "_stamp", lambda p, real=startup._stamp: (
        (1, 1, 1, 1) if Path(p) == model else real(p)))
    assert startup.source_key(paths)[0] != key


def test_problems_are_reported_on_a_warm_start(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "broken.yaml").write_bytes(b"title: [unclosed\n")
    paths.themes_dir.mkdir(parents=True)
    (paths.themes_dir / "bad.yaml").write_bytes(THEME.replace(b'"#88aadd"', b"blue"))
    paths.settings_file.write_text("animation: wild\nbell: true\n")
    warm(paths)
    cached = served_from_cache(paths, monkeypatch)
    assert [Path(f).name for f in cached.library.skipped_files] == ["broken.yaml"]
    assert "could not load" in cached.library.skipped_message().lower()
    assert [Path(p.path).name for p in cached.theme_problems] == ["bad.yaml"]
    assert len(cached.settings_problems) == 1 and "animation" in cached.settings_problems[0].message
    assert cached.settings.sound == "bell" and cached.settings.animation == Settings().animation


def _signed(paths: Paths, key: object, payload: bytes) -> bytes:
    """What coach.core.cache writes for ``payload`` under ``key``."""
    path = cache_file(paths)
    assert cache.write(path.parent, path.name, key, payload)
    return path.read_bytes()


@pytest.mark.parametrize("content", [
    random.Random(7).randbytes(4096),
    b"",
    "truncated",
    "one byte changed",
    pickle.dumps(("not", "a", "startup")),
    "wrong type under the right key",
    "not a pickle under the right key",
    "stale key",
])
def test_a_bad_cache_file_is_ignored_and_rewritten(paths: Paths, monkeypatch: pytest.MonkeyPatch,
                                                   content: bytes | str) -> None:
    good = warm(paths)
    path = cache_file(paths)
    data = path.read_bytes()
    key, _ = startup.source_key(paths)
    if content == "truncated":
        content = data[: len(data) // 2]
    elif content == "one byte changed":
        content = data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]
    elif content == "wrong type under the right key":
        content = _signed(paths, key, pickle.dumps({"library": "nope"}))
    elif content == "not a pickle under the right key":
        content = _signed(paths, key, b"\x80\x05garbage")
    elif content == "stale key":
        payload = cache.read(path.parent, path.name, key)
        assert payload is not None
        content = _signed(paths, ("old",), payload)
    assert isinstance(content, bytes)
    path.write_bytes(content)
    assert_same(is_rebuilt(paths, monkeypatch), good)
    assert path.read_bytes() != content
    assert_same(served_from_cache(paths, monkeypatch), good)


def test_the_key_is_checked_before_anything_is_unpickled(paths: Paths,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    _signed(paths, ("another", "key"), pickle.dumps(startup.Startup))  # a pickle that would load
    monkeypatch.setattr(pickle, "loads", lambda data: pytest.fail("unpickled a cache of another key"))
    assert cache.read(cache_file(paths).parent, cache_file(paths).name,
                      startup.source_key(paths)[0]) is None


def test_a_cache_others_can_write_is_not_trusted(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    cache_file(paths).chmod(0o666)
    is_rebuilt(paths, monkeypatch)
    assert stat.S_IMODE(cache_file(paths).stat().st_mode) == 0o600


def test_a_cache_folder_others_can_write_is_neither_read_nor_written(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    paths.cache_dir.chmod(0o777)
    before = cache_file(paths).read_bytes()
    is_rebuilt(paths, monkeypatch)
    is_rebuilt(paths, monkeypatch)
    assert cache_file(paths).read_bytes() == before
    assert stat.S_IMODE(paths.cache_dir.stat().st_mode) == 0o777, "the user's folder is left alone"


def test_a_cache_is_never_read_through_a_link(paths: Paths, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    elsewhere = tmp_path / "elsewhere.cache"
    cache_file(paths).rename(elsewhere)
    cache_file(paths).symlink_to(elsewhere)
    is_rebuilt(paths, monkeypatch)
    assert not cache_file(paths).is_symlink(), "replaced by a file of its own"
    linked = tmp_path / "linked-cache"
    linked.symlink_to(paths.cache_dir)
    is_rebuilt(dataclasses.replace(paths, cache_dir=linked), monkeypatch)


def test_a_fifo_in_place_of_the_cache_never_hangs(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    warm(paths)
    cache_file(paths).unlink()
    os.mkfifo(cache_file(paths))
    is_rebuilt(paths, monkeypatch)


def test_cache_file_is_private(paths: Paths) -> None:
    warm(paths)
    assert cache_file(paths).parent == paths.cache_dir
    assert stat.S_IMODE(cache_file(paths).stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.cache_dir.stat().st_mode) == 0o700
    assert not paths.data_dir.exists(), "starting writes nothing to the data folder"


def test_an_unwritable_cache_folder_still_starts(paths: Paths, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder's parent should be")
    stuck = dataclasses.replace(paths, cache_dir=blocker / "cache")
    ctx = build_context(stuck)
    assert ctx.library.entries and ctx.theme_specs
    assert_same(load_startup(stuck), parse_all(paths))
    assert not (blocker / "cache").exists()


def test_a_read_only_cache_folder_still_starts(paths: Paths) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    paths.cache_dir.mkdir(mode=0o500)
    try:
        assert load_startup(paths).library.entries
        assert not cache_file(paths).exists()
    finally:
        paths.cache_dir.chmod(0o700)


def test_a_just_changed_file_is_not_cached_yet(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file changed within the last tick could change again unseen by its stamp."""
    monkeypatch.setattr(cache, "RACY_NS", 3_600 * 10**9)
    paths.settings_file.parent.mkdir(parents=True)
    paths.settings_file.write_text("bell: true\n")
    assert load_startup(paths).settings.sound == "bell"
    assert not cache_file(paths).exists()
