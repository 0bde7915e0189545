"""The parsed-CSS cache: shared by every stylesheet, kept between starts, never trusted blindly."""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from coach.ui import css_cache

CSS = "Label { color: $accent; padding: 1 2; }"
ORIGIN = ("test.py", "Label.DEFAULT_CSS")


@pytest.fixture(autouse=True)
def no_active_cache() -> Iterator[None]:
    yield
    css_cache._active = None


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CSS texts Textual really parsed (cache misses)."""
    seen: list[str] = []
    original = css_cache._original

    def counting(self: Stylesheet, css: str, *args: object) -> object:
        seen.append(css)
        return original(self, css, *args)

    monkeypatch.setattr(css_cache, "_original", counting)
    return seen


def parse(css: str = CSS, variables: dict[str, str] | None = None) -> Stylesheet:
    sheet = Stylesheet(variables=variables if variables is not None else {"accent": "red"})
    sheet.add_source(css, read_from=ORIGIN, is_default_css=True)
    sheet.parse()
    return sheet


def test_wraps_textuals_method_with_the_same_parameters() -> None:
    params = list(inspect.signature(css_cache._original).parameters)
    assert params == ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]


def test_one_parse_serves_every_stylesheet_of_the_process(tmp_path: Path, parses: list[str]) -> None:
    css_cache.install(tmp_path / "css.cache")
    first, second = parse(), parse()
    assert parses == [CSS]
    assert [r.css for r in first.rules] == [r.css for r in second.rules]


def test_kept_between_starts_private_and_keyed_by_theme(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "data" / "css.cache"
    cache = css_cache.install(path)
    expected = [r.css for r in parse().rules]
    assert cache.save() and not cache.save()  # nothing new: no second write
    assert path.stat().st_mode & 0o777 == 0o600
    css_cache.install(path)
    assert [r.css for r in parse().rules] == expected
    assert parses == [CSS]  # the second start parsed nothing
    parse(variables={"accent": "blue"})  # another theme: parsed for it
    assert parses == [CSS, CSS]


def test_stale_entries_are_dropped_when_saving(tmp_path: Path) -> None:
    path = tmp_path / "css.cache"
    cache = css_cache.install(path)
    parse()
    cache.save()
    cache = css_cache.install(path)
    parse(CSS.replace("1 2", "0 1"))  # the same source, edited
    cache.save()
    assert [key[1] for key in css_cache.install(path).entries] == [CSS.replace("1 2", "0 1")]


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05N."])
def test_corrupt_file_is_ignored(tmp_path: Path, parses: list[str], content: bytes) -> None:
    path = tmp_path / "css.cache"
    path.write_bytes(content)
    path.chmod(0o600)
    assert css_cache.install(path).entries == {}
    parse()
    assert parses == [CSS]


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_a_file_others_can_write_is_not_unpickled(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "css.cache"
    css_cache.install(path)
    parse()
    assert css_cache._active is not None and css_cache._active.save()
    path.chmod(0o666)
    assert css_cache.install(path).entries == {}


def test_invalid_css_still_fails_and_is_not_cached(tmp_path: Path) -> None:
    cache = css_cache.install(tmp_path / "css.cache")
    with pytest.raises(StylesheetParseError):
        parse("Label { colour: red; }")
    with pytest.raises(StylesheetParseError):
        parse("Label { colour: red; }")  # reported again, not served from the cache
    assert all(not any(r.errors for r in rules) for rules in cache.entries.values())


async def test_second_start_of_the_app_parses_no_css(make_app, paths, parses: list[str]) -> None:
    paths.settings_file.parent.mkdir(parents=True)
    paths.settings_file.write_text("welcomed: true\n")  # straight to the home screen
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
    assert (paths.data_dir / css_cache.CACHE_NAME).exists()
    parses.clear()
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert pilot.app.screen.query("LibraryList")
    assert parses == []
