"""The home screen at every size: whole titles where the preview has room, '(for two)' always
seen, the help guide one key away, start-up problems one key away (newcomer trial polish, m14)."""

from __future__ import annotations

import pytest

from coach.ui.screens.home import HomeScreen
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.library_list import FOR_TWO, LibraryList, entry_prompt
from coach.ui.widgets.preview import Preview
from tests.home_support import opened, press, record_starts


def rows(app) -> dict[str, str]:
    """Each entry's line as drawn: the prompt, cut to the list's width."""
    listing = app.screen.query_one(LibraryList)
    width = listing.scrollable_content_region.width
    out = {}
    for option in listing.options:
        if option.id:
            prompt = option.prompt
            assert prompt.cell_length <= width, (option.id, prompt.plain, width)
            out[option.id] = prompt.plain
    return out


@pytest.mark.parametrize("size", [(100, 30), (120, 40), (160, 45)])
async def test_titles_are_whole_while_the_preview_has_room(make_app, paths, size) -> None:
    """The library takes up to half the width (and a little) for whole titles: at 100 columns
    all but the longest ones, from 120 every one (the trial saw them cut at 100)."""
    async with opened(make_app, paths, size=size) as (app, _pilot):
        drawn = rows(app)
        room = app.screen.query_one(LibraryList).scrollable_content_region.width
        assert room >= min(size[0] // 2 - 4, app.screen.query_one(LibraryList).widest)
        for entry in app.ctx.library.entries.values():
            if size[0] >= 120 or entry_prompt(entry).cell_length <= room:
                assert entry.title in drawn[entry.id], drawn[entry.id]
        whole = sum(e.title in drawn[e.id] for e in app.ctx.library.entries.values())
        assert whole >= 0.85 * len(drawn)
        assert app.screen.query_one(Preview).region.width >= size[0] // 2 - 2


@pytest.mark.parametrize("size", [(80, 24), (72, 24), (60, 20), (50, 16), (40, 10), (100, 30)])
async def test_for_two_is_always_seen(make_app, paths, size) -> None:
    async with opened(make_app, paths, size=size) as (app, _pilot):
        drawn = rows(app)
        for entry in app.ctx.library.entries.values():
            line = drawn[entry.id]
            assert line.endswith(FOR_TWO) == (entry.participants == 2), line
            width = app.screen.query_one(LibraryList).scrollable_content_region.width
            assert "…" not in line or len(line) == width


async def test_g_starts_the_help_guide(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        started = record_starts(app)
        line = app.screen.query_one(CoachFooter).render().plain
        assert "g Get help" in line
        await press(pilot, "g")
    assert started == ["when-to-seek-help"]


async def test_no_problems_no_problems_key(make_app, paths) -> None:
    async with opened(make_app, paths, size=(120, 24)) as (app, pilot):
        assert "Problems" not in app.screen.query_one(CoachFooter).render().plain
        await press(pilot, "p")
        assert isinstance(app.screen, HomeScreen)


def test_the_preview_names_one_entry_by_its_kind_in_the_singular(make_context) -> None:
    """'Plan · about 32 min', not 'Plans · about 32 min' (the group heading)."""
    from coach.ui.widgets.preview import meta_line

    library = make_context().library
    assert meta_line(library.get("after-a-fight")).startswith("Plan · about ")
    assert meta_line(library.get("three-good-things")).startswith("Ritual · about ")
    assert meta_line(library.get("speaker-listener")).endswith("for two people")
