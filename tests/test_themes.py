"""Theme files: parsing with path:line problems, WCAG contrast (of the theme colours, and of
every text as rendered on coach's screens: hints, placeholders, group headings, key bars and
highlighted rows included - newcomer trial m9), registration, fallback."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from textual.color import Color
from textual.geometry import Region

from coach.core.settings import DEFAULT_THEME, load_settings
from coach.core.themes import (
    AA_BODY,
    builtin_themes_dir,
    contrast_ratio,
    load_themes,
    parse_theme,
    relative_luminance,
)
from tests.conftest import SNAP_SIZE
from tests.contrast_support import screen_lines, text_cells
from tests.home_support import a_run, messages, opened, write_settings

SHIPPED, SHIPPED_PROBLEMS = load_themes()
HIGH_CONTRAST = "coach-contrast"
GOOD = b'name: my-theme\ndark: true\nprimary: "#8fb3c9"\nforeground: "#eeeeee"\nbackground: "#111111"\n'


def test_shipped_themes_load_cleanly() -> None:
    assert SHIPPED_PROBLEMS == []
    names = {t.name for t in SHIPPED}
    assert DEFAULT_THEME in names and HIGH_CONTRAST in names
    calm = [t for t in SHIPPED if t.name != HIGH_CONTRAST]
    assert sum(t.dark for t in calm) >= 2 and sum(not t.dark for t in calm) >= 2
    assert all(t.builtin for t in SHIPPED)


def test_contrast_maths_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    # #767676 on white is the classic "just passes AA" grey; #777777 just fails.
    assert contrast_ratio("#767676", "#ffffff") >= AA_BODY > contrast_ratio("#777777", "#ffffff")


@pytest.mark.parametrize("theme", SHIPPED, ids=lambda t: t.name)
def test_body_text_is_readable_in_every_shipped_theme(theme) -> None:
    for ground in (theme.background, theme.surface, theme.panel):
        assert contrast_ratio(theme.foreground, ground or theme.background) >= AA_BODY
    assert contrast_ratio(theme.primary, theme.background) >= AA_BODY


def test_high_contrast_theme_passes_aa_for_every_text_colour() -> None:
    spec = next(t for t in SHIPPED if t.name == HIGH_CONTRAST)
    grounds = [spec.background, spec.surface or spec.background, spec.panel or spec.background]
    texts = [spec.foreground, spec.primary, spec.secondary, spec.accent, spec.success, spec.warning,
             spec.error, *(v for k, v in spec.variables.items() if k.startswith(("text", "foreground")))]
    for text in texts:
        for ground in grounds:
            assert contrast_ratio(text, ground) >= AA_BODY, (text, ground)
    assert contrast_ratio(spec.foreground, spec.background) >= 7  # AAA for body text, too


@pytest.mark.parametrize(("text", "where", "says"), [
    (b'name: x\ndark: true\nprimary: #8fb3c9\nforeground: "#eeeeee"\nbackground: "#111111"\n',
     ":3:9:", "put the colour in quotes"),
    (b'name: x\ndark: true\nprimary: "blue"\nforeground: "#eeeeee"\nbackground: "#111111"\n',
     ":3:10:", "must be a colour"),
    (b'name: x\ndark: true\nprimry: "#8fb3c9"\nforeground: "#eeeeee"\nbackground: "#111111"\n',
     ":3:1:", "did you mean 'primary'"),
    (b'name: My Theme\ndark: true\nprimary: "#8fb3c9"\nforeground: "#eeeeee"\nbackground: "#111111"\n',
     ":1:7:", "lowercase"),
    (b'name: x\ndark: maybe\nprimary: "#8fb3c9"\nforeground: "#eeeeee"\nbackground: "#111111"\n',
     ":2:7:", "true or false"),
    (b'name: x\ndark: true\nprimary: "#8fb3c9"\nforeground: "#eeeeee"\nbackground: [1\n',
     ":", "YAML syntax"),
])
def test_broken_theme_files_say_where(text: bytes, where: str, says: str) -> None:
    spec, problems = parse_theme(text, "t.yaml")
    assert spec is None and problems
    assert any(where in str(p) and says in str(p) for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize(("text", "says"), [
    (GOOD.replace(b"name: my-theme", b'name: "my\\e]0;x\\a"'),
     "t.yaml:1:10: name contains a control character (U+001B ESC) at character 3"),
    (GOOD.replace(b'primary: "#8fb3c9"', b'primary: "#8fb3c9\\u202e"'),
     "t.yaml:3:18: primary contains a text-direction control (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    (GOOD + b'variables:\n  text-muted: "#ccc\\x9b"\n',
     "t.yaml:7:20: text-muted contains a control character (U+009B CSI)"),
    (GOOD + b'variables:\n  "text\\u200b": "#cccccc"\n',
     "t.yaml:7:8: a key in variables contains an invisible character (U+200B ZERO WIDTH SPACE)"),
])
def test_hidden_and_control_characters_in_themes_say_where(text: bytes, says: str) -> None:
    spec, problems = parse_theme(text, "t.yaml")
    assert spec is None
    assert any(str(p).startswith(says) for p in problems), [str(p) for p in problems]


def test_variables_are_checked() -> None:
    spec, problems = parse_theme(GOOD + b'variables:\n  text-muted: "#cccccc"\n  Bad_Name: x\n', "t.yaml")
    assert spec is None and "t.yaml:8:3" in str(problems[0])
    spec, problems = parse_theme(GOOD + b'variables:\n  text-muted: "#cccccc"\n', "t.yaml")
    assert problems == [] and spec.variables == {"text-muted": "#cccccc"}


def test_user_themes_load_after_builtins(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_bytes(GOOD)
    (tmp_path / "broken.yaml").write_bytes(b"name: [\n")
    specs, problems = load_themes(user=tmp_path)
    assert "my-theme" in {s.name for s in specs}
    assert [p.path for p in problems] == [str(tmp_path / "broken.yaml")]
    assert builtin_themes_dir().name == "themes"


def test_stylesheets_use_theme_variables_only() -> None:
    """No colour is hard-coded in coach's stylesheets: every colour comes from the theme."""
    ui = Path(__file__).resolve().parents[1] / "coach" / "ui"
    colour = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgb|hsl)a?\(|:\s*(?:red|white|black|green|blue|"
                        r"yellow|grey|gray|magenta|cyan)\b")
    for path in ui.rglob("*.py"):
        for css in re.findall(r'CSS\s*=\s*"""(.*?)"""', path.read_text(), re.S):
            assert not colour.search(css), f"{path}: {colour.search(css).group(0)}"


async def test_every_shipped_theme_registers_and_applies(make_app, paths) -> None:
    async with opened(make_app, paths) as (app, pilot):
        assert app.theme == DEFAULT_THEME
        for spec in SHIPPED:
            app.theme = spec.name
            await pilot.pause()
            assert app.current_theme.dark == spec.dark
            # restyled, not only renamed (the app skips refresh_css only before it is mounted)
            assert app.screen.styles.background == Color.parse(spec.background)


async def test_high_contrast_generated_colours_pass_aa(make_app, paths) -> None:
    write_settings(paths, f"welcomed: true\ntheme: {HIGH_CONTRAST}\n")
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        v = app.theme_variables
        for text in ("foreground", "text-muted", "foreground-muted", "text-primary"):
            for ground in ("background", "surface", "panel"):
                assert contrast_ratio(v[text][:7], v[ground][:7]) >= AA_BODY, (text, ground)


async def test_broken_user_theme_is_reported_once_and_default_used(make_app, paths) -> None:
    paths.themes_dir.mkdir(parents=True)
    broken = paths.themes_dir / "mine.yaml"
    broken.write_bytes(b'name: mine\ndark: true\nprimary: #8fb3c9\n'
                       b'foreground: "#eeeeee"\nbackground: "#111111"\n')
    write_settings(paths, "welcomed: true\ntheme: mine\n")
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        # One notice for both (the file's problem and the fallback), each listed once by 'p'.
        [notice] = messages(app)
        assert notice.startswith("2 problems in your files")
        found = [m for m in app.problems if f"{broken}:3:9" in m]
        assert len(found) == 1, app.problems
        assert any("no theme called 'mine'" in m for m in app.problems)
        assert app.theme == DEFAULT_THEME


async def test_user_theme_is_offered_and_chosen_theme_persists(make_app, paths) -> None:
    from coach.ui.messages import ChooseTheme

    paths.themes_dir.mkdir(parents=True)
    (paths.themes_dir / "mine.yaml").write_bytes(GOOD)
    async with opened(make_app, paths) as (app, pilot):
        assert "my-theme" in [s.name for s in app.ctx.theme_specs]
        app.choose_theme(ChooseTheme("my-theme"))
        await pilot.pause()
    assert load_settings(paths.settings_file)[0].theme == "my-theme"
    app = make_app()
    async with app.run_test(size=SNAP_SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "my-theme"


# -- every text as rendered -------------------------------------------------------------
SIZE = (100, 30)
STEPS: list[tuple[str, tuple[str, ...], str | None]] = [
    # (what is on screen, keys to get there, the modal's box: only it is meant to be read)
    ("welcome", (), "#welcome-box"),
    ("home", ("enter",), None),
    ("home, suggestions focused", ("shift+tab", "shift+tab"), None),
    ("home, filter focused and empty", ("tab", "tab"), None),
    ("home, no match", tuple("xyzzy"), None),
    ("home, the library's last rows", ("escape", "end"), None),
    ("palette", ("ctrl+p", *"breath"), "#--container"),
    ("problems", ("escape", "p"), "#problems-box"),
    ("help", ("escape", "question_mark"), "#help-box"),
    ("history", ("escape", "h"), None),
    ("settings", ("escape", "comma"), None),
    ("rating", ("escape", "slash", *"box", "enter"), None),
    ("pacer", ("enter",), None),
    ("stop?", ("escape",), "#box"),
    ("summary", ("y",), None),
]


def failures(svg: str, region: Region | None) -> list[str]:
    lines = screen_lines(svg)
    found = {}
    for cell in text_cells(svg):
        if region is not None and not region.contains(cell.column, cell.line):
            continue  # dimmed on purpose behind a dialog
        if lines[cell.line][max(0, cell.column - 1):cell.column + 2] == f"▐{cell.char}▌":
            continue  # a checkbox's mark: a graphic (3:1), which is only dark when unticked
        ratio = contrast_ratio(cell.colour, cell.background)
        if ratio < AA_BODY:
            key = (cell.line, cell.colour, cell.background)
            found.setdefault(key, [ratio, ""])[1] += cell.char
    return [f"line {line} {fg} on {bg} = {ratio:.2f}: {chars!r} in {lines[line].strip()!r}"
            for (line, fg, bg), (ratio, chars) in sorted(found.items())]


@pytest.mark.slow
async def test_every_text_meets_aa_on_every_screen(make_app, make_context, paths, clock) -> None:
    """One app walks the screens; on each, it switches through every shipped theme (as the
    palette's theme choice does: Textual restyles every screen) and measures the screenshot.
    One walk instead of one per theme: the same screens in the same themes, a fifth of the keys."""
    themes = [t.name for t in SHIPPED]
    write_settings(paths, f"theme: {themes[0]}\nanimation: fast\n")  # a bad value: problems to list
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "x.yaml").write_text("title: no\n")
    ctx = make_context()
    for days in (1, 3):
        assert ctx.record_run(a_run("box-breathing", clock.now() - timedelta(days=days))) == ""
    app = make_app(ctx=ctx)
    found = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name, keys, box in STEPS:
            await pilot.press(*keys)
            await pilot.pause()
            shots = set()
            for theme in themes:
                app.theme = theme
                await pilot.pause()
                region = app.screen.query_one(box).region if box else None
                svg = app.export_screenshot()
                assert len(text_cells(svg)) > 100, (name, theme)  # the screen was measured
                shots.add(svg)
                found += [f"{theme}, {name}: {f}" for f in failures(svg, region)]
            assert len(shots) == len(themes), f"{name}: not restyled by every theme"
    assert found == [], "\n".join(found)


async def test_the_measure_finds_low_contrast_text() -> None:
    """Textual's own light theme, unchanged: its placeholder (38%) is caught, its text is not."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input, Static

    class Probe(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Plain words")
            yield Input(placeholder="a hint")

    app = Probe()
    app.theme = "textual-light"
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        found = failures(app.export_screenshot(), None)
    assert len(found) == 1 and "'hint'" in found[0], found  # its 'a' is under the cursor
