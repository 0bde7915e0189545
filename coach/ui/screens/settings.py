"""Settings: every change is saved to the settings file at once (and the theme applied)."""

from __future__ import annotations

from typing import Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from coach.core.settings import ANIMATION_LEVELS, PRACTICE_CHOICES, SOUNDS
from coach.player import Sounds, searched
from coach.ui.base import CoachScreen
from coach.ui.messages import ChooseTheme, SettingsChanged
from coach.ui.text import clean, literal, strip_unsafe
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.header import CoachHeader

BREATHING_CHOICES = (1.0, 2.0, 3.0, 5.0, 10.0)
ANIMATION_LABELS = {"full": "Full", "basic": "Basic (less motion)", "none": "None (no motion)"}
SOUND_LABELS = {"off": "Off", "bell": "The terminal bell", "tones": "Soft tones"}
PRACTICE_LABELS = {"alone": "Alone", "together": "With a partner", "both": "Both"}


def minutes_label(value: float) -> str:
    return f"{value:g} minute" + ("" if value == 1 else "s")


class SettingsScreen(CoachScreen[None]):
    """A form of the settings; Escape goes back."""

    SUB_TITLE = "Settings"

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    DEFAULT_CSS = """
    SettingsScreen { background: $background; }
    SettingsScreen #settings-form { padding: 0 2; }
    SettingsScreen .row { height: auto; margin: 1 0 0 0; }
    SettingsScreen .row > Label { width: 28; padding: 0 1 0 0; }
    SettingsScreen .row > Select, SettingsScreen .row > Input { width: 1fr; max-width: 40; }
    SettingsScreen Checkbox { margin: 1 0 0 0; padding: 0; }
    SettingsScreen .hint { color: $text-muted; padding: 0 0 0 28; }
    SettingsScreen #settings-file { color: $text-muted; margin: 1 0; }
    SettingsScreen.-narrow .row > Label { width: 18; }
    SettingsScreen.-narrow .hint { padding: 0 0 0 18; }
    /* Textual's Select shows its prompt in $foreground 50%, below WCAG AA in every theme */
    SettingsScreen SelectCurrent Static#label { color: $text-disabled; }
    SettingsScreen SelectCurrent.-has-value Static#label { color: $foreground; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]

    def compose(self) -> ComposeResult:
        s = self.ctx.settings
        # Rich Text, not Content: Select's type-to-search reads only str and Text prompts.
        themes = [(Text(clean(t.title)), t.name) for t in self.ctx.theme_specs
                  if t.name in self.app.available_themes]
        if s.theme not in [name for _, name in themes]:
            themes.append((Text(clean(s.theme)), s.theme))
        minutes = sorted({*BREATHING_CHOICES, s.breathing_minutes})
        yield CoachHeader()
        with VerticalScroll(id="settings-form"):
            with Horizontal(classes="row"):
                yield Label("Theme")
                yield Select(themes, value=self.app.theme, allow_blank=False, id="theme", compact=True)
            with Horizontal(classes="row"):
                yield Label("Animation")
                yield Select([(ANIMATION_LABELS[a], a) for a in ANIMATION_LEVELS], value=s.animation,
                             allow_blank=False, id="animation", compact=True)
            yield Static("TEXTUAL_ANIMATIONS, when set, wins.", classes="hint")
            with Horizontal(classes="row"):
                yield Label("Sound")
                yield Select([(SOUND_LABELS[v], v) for v in SOUNDS], value=s.sound, allow_blank=False,
                             id="sound", compact=True)
            yield Static(literal(self.sound_note(s.sound)), id="sound-note", classes="hint")
            yield Checkbox("Count 3-2-1 before the first breath", s.count_in, id="count_in", compact=True)
            yield Checkbox("Plain lines for screen readers in coach run (no full screen)", s.plain,
                           id="plain", compact=True)
            with Horizontal(classes="row"):
                yield Label("Partner A's name")
                yield Input(strip_unsafe(s.partner_a), placeholder="for exercises for two", id="partner_a",
                            max_length=30, compact=True)
            with Horizontal(classes="row"):
                yield Label("Partner B's name")
                yield Input(strip_unsafe(s.partner_b), placeholder="for exercises for two", id="partner_b",
                            max_length=30, compact=True)
            yield Checkbox("Keep partner names in the history", s.keep_partner_names,
                           id="keep_partner_names", compact=True)
            yield Checkbox("Take turns at who starts (exercises for two)", s.alternate_starter,
                           id="alternate_starter", compact=True)
            yield Checkbox("Keep my notes in the history", s.keep_notes, id="keep_notes", compact=True)
            yield Static("Off: runs are kept, what you write is not. 'coach forget' removes it all.",
                         classes="hint")
            with Horizontal(classes="row"):
                yield Label("I practise")
                yield Select([(PRACTICE_LABELS[p], p) for p in PRACTICE_CHOICES],
                             value=s.practice or Select.NULL, prompt="Not said yet", id="practice",
                             compact=True)
            with Horizontal(classes="row"):
                yield Label("Default breathing length")
                yield Select([(minutes_label(m), m) for m in minutes], value=s.breathing_minutes,
                             allow_blank=False, id="breathing_minutes", compact=True)
            yield Static("How long b on the home screen breathes with you.", classes="hint")
            yield Static(literal(f"Saved as you go in {self.ctx.paths.settings_file}"),
                         id="settings-file")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.query_one("#theme").focus()

    def sound_note(self, sound: str) -> str:
        """What the sound setting does here, and whether tones can play on this computer."""
        if sound == "bell":
            return "A bell to breathe in, two to breathe out, three when a run ends."
        if sound == "off":
            return "For eyes-closed practice: a bell or soft tones at each breath and at the end."
        sounds = getattr(self.app, "sounds", None)  # the app's player (tests put in their own)
        player = sounds.player if isinstance(sounds, Sounds) else None
        if player is None:
            return (f"No sound player was found here ({', '.join(searched())}): "
                    "the terminal bell rings instead.")
        return f"Rising to breathe in, falling to breathe out, a chime at the end (via {player.name})."

    def change(self, **values: Any) -> None:
        """Save ``values`` to the file; say so in one sentence if saving failed."""
        message = self.ctx.update_settings(**values)
        if message:
            self.notify(clean(message), title="Settings", severity="warning", timeout=10, markup=False)
        self.post_message(SettingsChanged())

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        name = event.select.id or ""
        if name == "practice":  # the only one that may be left blank: "Not said yet"
            self.change(practice="" if event.value == Select.NULL else str(event.value))
            return
        if event.value == Select.NULL:
            return
        if name == "theme":
            self.post_message(ChooseTheme(str(event.value)))
        elif name == "animation":
            self.change(animation=str(event.value))
        elif name == "breathing_minutes":
            self.change(breathing_minutes=float(cast(float, event.value)))
        elif name == "sound":
            self.change(sound=str(event.value))
            self.query_one("#sound-note", Static).update(literal(self.sound_note(str(event.value))))

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id in ("count_in", "plain", "keep_partner_names", "alternate_starter",
                                 "keep_notes"):
            self.change(**{event.checkbox.id: event.value})

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("partner_a", "partner_b"):
            self.change(**{event.input.id: strip_unsafe(event.value).strip()})
