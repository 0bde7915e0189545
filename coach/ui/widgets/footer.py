"""The key bar at the bottom of every screen: one widget that draws the active bindings.

Textual 8.2.8's Footer builds one widget per key and rebuilds them all (a recompose) whenever
the bindings change: six times while the home screen starts, and again on each focus change.
Drawing the keys as one line of text keeps the same look and the same mouse behaviour (click a
key to press it, hover to highlight it) at a fraction of the start-up cost.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

KeyInfo = tuple[str, str, str, bool]
"""A binding as the footer shows it: key, key as shown, label, enabled."""
HELP_KEYS = ("question_mark", "f1")
"""Help is the last key left out when the bar is too narrow: it lists all the others."""


class KeySpan(NamedTuple):
    """Where one key is drawn, and what pressing it does."""

    start: int
    end: int
    key: str
    enabled: bool


class CoachFooter(Widget, can_focus=False):
    """The keys of the current screen; compact style puts the key and its label closer."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--separator", "footer--hover"}
    DEFAULT_CSS = """
    CoachFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
    }
    CoachFooter > .footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    CoachFooter > .footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    CoachFooter > .footer--separator { color: $foreground 20%; }
    CoachFooter > .footer--hover { background: $block-hover-background; }
    """

    compact = reactive(False)
    show_command_palette = reactive(True)
    _hover: reactive[int | None] = reactive(None)

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(CoachFooter.compact, compact)
        self.set_reactive(CoachFooter.show_command_palette, show_command_palette)
        self._spans: list[KeySpan] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def _keys(self) -> tuple[list[KeyInfo], KeyInfo | None]:
        """(key, shown key, label, enabled) for each shown binding, and the palette key."""
        app = self.app
        active = self.screen.active_bindings

        def info(binding: Binding, enabled: bool) -> KeyInfo:
            return binding.key, app.get_key_display(binding), binding.description, enabled

        seen: set[str] = set()
        keys = []
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in seen:  # one entry per action, as Footer
                seen.add(binding.action)
                keys.append(info(binding, enabled))
        found = active.get(app.COMMAND_PALETTE_BINDING)
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and found is not None:
            palette = info(found.binding, found.enabled)
        return keys, palette

    def _item(self, key: KeyInfo, text: Text, compact: bool, key_style: Style,
              label_style: Style) -> None:
        """Append one key to ``text`` and remember where it is for the mouse."""
        key_name, shown, label, enabled = key
        start = text.cell_len
        if compact:
            text.append(shown, key_style)
            if label:
                text.append(f" {label}", label_style)
        else:
            text.append(f" {shown} ", key_style)
            if label:
                text.append(f"{label} ", label_style)
        end = text.cell_len
        index = len(self._spans)
        if not enabled:
            text.stylize(Style(dim=True), start, end)
        if self._hover == index:
            text.stylize(self.get_component_rich_style("footer--hover"), start, end)
        self._spans.append(KeySpan(start, end, key_name, enabled))

    def render(self) -> Text:
        keys, palette = self._keys()
        compact = self.compact
        width = self.size.width
        keys, palette = self._fitting(keys, palette, compact, width)
        styles = (self.get_component_rich_style("footer--key"),
                  self.get_component_rich_style("footer--description"))
        self._spans = []
        text = Text(no_wrap=True, overflow="crop", end="")
        for key in keys:
            self._item(key, text, compact, *styles)
            text.append(" " if compact else "")
        if palette is None:
            return text
        # _fitting kept the palette key only where everything fits: pad up to it.
        text.truncate(max(0, width - self._palette_width(palette)), pad=True)
        text.append("▏", self.get_component_rich_style("footer--separator"))
        self._item(palette, text, True, *styles)
        text.append(" ")
        return text

    @classmethod
    def _fitting(cls, keys: list[KeyInfo], palette: KeyInfo | None, compact: bool,
                 width: int) -> tuple[list[KeyInfo], KeyInfo | None]:
        """When the keys do not fit, leave out first the palette key, then Enter, then whole
        keys from the right, Help last (help lists every key): no key is ever cut mid-word."""
        def needed(shown: list[KeyInfo], with_palette: KeyInfo | None) -> int:
            per_key = 2 if compact else 3
            total = sum(cell_len(k[1]) + cell_len(k[2]) + per_key for k in shown) - (1 if compact else 0)
            return total + (cls._palette_width(with_palette) if with_palette else 0)

        if needed(keys, palette) <= width:
            return keys, palette
        if needed(keys, None) <= width or (palette is None and not keys):
            return keys, None
        kept = [k for k in keys if k[0] != "enter"]
        helps = [k for k in kept if k[0] in HELP_KEYS]
        others = [k for k in kept if k[0] not in HELP_KEYS]
        while others and needed([*others, *helps], None) > width:
            others.pop()
        while helps and needed([*others, *helps], None) > width:
            helps.pop()
        return [k for k in kept if k in others or k in helps], None

    @staticmethod
    def _palette_width(palette: KeyInfo) -> int:
        """The separator and the palette key, drawn compact one column from the right edge."""
        _key, shown, label, _enabled = palette
        return 2 + cell_len(f"{shown} {label}")

    def _span_at(self, x: int) -> int | None:
        for index, span in enumerate(self._spans):
            if span.start <= x < span.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = self._span_at(event.x)

    def on_leave(self) -> None:
        self._hover = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._span_at(event.x)
        if index is None:
            return
        span = self._spans[index]
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()
