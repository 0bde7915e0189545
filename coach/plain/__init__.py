"""The plain mode: an exercise as plain lines for screen readers, braille displays and pipes.

The same core session (coach.core.session) and the same history as the app, printed one line
at a time and answered with typed lines. No Textual here (tests/test_plain_*.py prove it).
"""
