"""The plain mode as a real process: answers from a file or a pipe, no Textual imported, and a
SIGTERM or ctrl+c mid-breathing keeps the run (the history is read back from disk)."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.core.history.store import HistoryStore

ANSWERS = "5\n\ns\ns\n8\n"
"""Box breathing: calm 5, Enter, skip the breathing, skip the 10 s pause, calm 8."""


def test_plain_mode_imports_no_textual(tmp_path: Path) -> None:
    code = ("import sys\nfrom coach.cli import main\ncode = main(['run', 'box-breathing', '--plain'])\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print('LOADED', code, ','.join(loaded))\n")
    out = subprocess.run([sys.executable, "-c", code], input=ANSWERS, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.splitlines()[-1] == "LOADED 0 ", out


def test_output_that_is_not_a_terminal_is_plain_and_the_run_is_kept(tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text(ANSWERS)
    with answers.open() as stdin:
        done = subprocess.run([sys.executable, "-m", "coach", "run", "box-breathing"], stdin=stdin,
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    said = done.stdout.splitlines()
    assert "\x1b" not in done.stdout and said[0].startswith("Box breathing: ")
    assert said[-3:] == ["Steps done: 3 of 5", "Calm: 5 before, 8 after (+3)", "Saved to your history."]
    [run] = HistoryStore(Path(os.environ["COACH_DATA_DIR"])).load().runs
    assert run.completed and run.steps_done == [0, 1, 4]


def read_until(process: subprocess.Popen[str], wanted: str, timeout: float = 30.0) -> str:
    assert process.stdout is not None
    seen = ""
    end = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < end:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()
            if not line:
                break
            seen += line
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_breathing_keeps_what_was_done(sent: int, code: int) -> None:
    process = subprocess.Popen([sys.executable, "-m", "coach", "run", "box-breathing", "--plain"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, bufsize=1)
    try:
        assert process.stdin is not None
        process.stdin.write("5\n\n")
        process.stdin.flush()
        assert "Breathe in, 4" in read_until(process, "Breathe in, 4")
        process.send_signal(sent)
        rest, _ = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == code
    assert "Stopped early: Box breathing" in rest and "What you did is kept in your history." in rest
    [run] = HistoryStore(Path(os.environ["COACH_DATA_DIR"])).load().runs
    assert not run.completed and run.steps_done == [0, 1]
