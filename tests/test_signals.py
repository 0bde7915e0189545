"""A closed terminal, a SIGTERM or ctrl+q mid-exercise keep the run and restore the terminal:
a real `coach run` in a pseudo-terminal, then the history and what was written to the terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from coach.core.history.store import HistoryStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")
RESTORED = (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l")
"""Leave the alternate screen, show the cursor, stop mouse reporting."""


def read_until(fd: int, wanted: bytes, timeout: float = 30.0) -> bytes:
    """What the terminal received until ``wanted`` appears (or the program closed it)."""
    seen = b""
    end = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the program has gone and closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen


def start(tmp_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none",
           "COACH_DATA_DIR": str(tmp_path / "data"), "COACH_CONFIG_DIR": str(tmp_path / "config"),
           "COACH_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen([sys.executable, "-m", "coach", "run", "box-breathing"],
                               stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    assert b"Box breathing" in read_until(master, b"Box breathing"), "the exercise did not open"
    return process, master


def stored_runs(tmp_path: Path) -> list:
    return HistoryStore(tmp_path / "data").load().runs


@pytest.mark.parametrize("how", ["SIGTERM", "ctrl+q"])
def test_stopping_mid_exercise_keeps_the_run_and_restores_the_terminal(tmp_path: Path, how: str) -> None:
    process, master = start(tmp_path)
    try:
        if how == "SIGTERM":
            process.send_signal(signal.SIGTERM)
        else:
            os.write(master, b"\x11")
        after = read_until(master, RESTORED[0] + b"never")  # everything until it closes
        assert process.wait(timeout=30) == (128 + signal.SIGTERM if how == "SIGTERM" else 0)
    finally:
        process.kill()
        os.close(master)
    for sequence in RESTORED:
        assert sequence in after, f"{sequence!r} was not written: the terminal is left broken"
    [run] = stored_runs(tmp_path)
    assert run.exercise_id == "box-breathing" and not run.completed


def test_a_closed_terminal_keeps_the_run(tmp_path: Path) -> None:
    process, master = start(tmp_path)
    try:
        os.close(master)  # the terminal window goes away...
        process.send_signal(signal.SIGHUP)  # ...and the program is told so, as the kernel
        process.send_signal(signal.SIGCONT)  # does: SIGHUP, then SIGCONT
        process.wait(timeout=30)  # (its code: the writes to the gone terminal fail)
    finally:
        process.kill()
    [run] = stored_runs(tmp_path)
    assert run.exercise_id == "box-breathing" and not run.completed


@pytest.mark.parametrize("signals", [("SIGHUP", "SIGCONT"), ("SIGCONT", "SIGHUP"), ("SIGCONT",)])
async def test_a_sigcont_restarts_the_screen_only_without_a_hangup(make_app, signals) -> None:
    """Textual's driver answers SIGCONT by starting its screen again (as after ctrl+z). With
    the terminal gone, that left coach waiting for ever to write: seven closes in ten on the
    home screen in tmux, and mid-exercise the run was never kept. The kernel sends SIGHUP then
    SIGCONT, but Python may run the SIGCONT handler inside the SIGHUP one, as if it came first.
    The driver's handler now runs from the event loop, after both, and not after a hangup; back
    from ctrl+z it still runs. (The headless driver has no SIGCONT handler: a stand-in plays
    the driver's.)"""
    hup, cont = signal.getsignal(signal.SIGHUP), signal.getsignal(signal.SIGCONT)
    restarted: list[int] = []

    def driver(number: int, _frame: object) -> None:
        restarted.append(number)

    signal.signal(signal.SIGCONT, driver)
    app = make_app()
    hangup = "SIGHUP" in signals
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            for name in signals:  # back to back: both handlers run before the loop goes on
                os.kill(os.getpid(), getattr(signal, name))
            await pilot.pause()
            await pilot.pause()
            assert restarted == ([] if hangup else [signal.SIGCONT])
        assert app.return_code == (128 + signal.SIGHUP if hangup else None)
        assert signal.getsignal(signal.SIGHUP) == hup  # both given back when the app ended
        assert signal.getsignal(signal.SIGCONT) is driver
    finally:
        signal.signal(signal.SIGHUP, hup)
        signal.signal(signal.SIGCONT, cont)
