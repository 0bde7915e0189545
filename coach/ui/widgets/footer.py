"""Textual's Footer, rebuilt only when the keys it shows actually change.

Textual 8.2.8's Footer recomposes (one widget per key) on every bindings update: six times
while the home screen starts, and again on each focus change, though the keys shown are
mostly the same. That was about 130 ms of start-up. This subclass coalesces updates and skips
a rebuild when the visible keys are unchanged; it looks and behaves exactly like Footer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

KeySignature = tuple[tuple[str, str, str, bool], ...]


class CoachFooter(Footer):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pending = False
        self._shown: KeySignature | None = None

    def _signature(self) -> KeySignature:
        """What the footer would show: key, label, action and whether it is enabled."""
        keys = [(binding.key, binding.description, binding.action, enabled)
                for (_node, binding, enabled, _tooltip) in self.screen.active_bindings.values()
                if binding.show]
        return (*keys, ("palette", "", "", self.show_command_palette))

    def bindings_changed(self, screen: Screen) -> None:
        # Same contract as Footer.bindings_changed (pinned Textual 8.2.8), coalesced.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        signature = self._signature()
        if signature != self._shown:
            self._shown = signature
            await self.recompose()
