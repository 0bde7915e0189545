"""Reminders without a service of our own: the entry each platform's own scheduler needs to
run ``coach nudge --notify`` at a time (a crontab line or a systemd user timer on Linux, a
launchd agent on macOS, a Task Scheduler command on Windows), installing it when asked and
removing exactly what was installed (a record of it is kept in the config folder), and the
desktop notification itself.

Everything that touches the system goes through a :data:`Runner` (argv in; exit code and
output out) and folders passed in, so tests use fakes and never the real crontab.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
METHODS = ("cron", "systemd", "launchd", "schtasks")
MARK = "# coach reminder"
"""Ends the crontab line, so a person reading their crontab knows whose it is."""
UNIT = "coach-reminder"
AGENT = "org.coach.reminder"
TASK = "coach reminder"
RECORD = "reminder.json"
MAX_RECORD = 64 << 10

Runner = Callable[[Sequence[str], str | None], tuple[int, str]]
"""Runs argv (with text on stdin, or None) and returns its exit code and output."""


def run_command(argv: Sequence[str], stdin: str | None = None) -> tuple[int, str]:
    """The real :data:`Runner`: a missing program is exit code 127, never an exception."""
    try:
        done = subprocess.run(list(argv), input=stdin, capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return 127, str(exc)
    return done.returncode, (done.stdout + done.stderr).strip()


# -- when -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class When:
    hour: int
    minute: int
    days: tuple[int, ...] = ()
    """0 = Monday ... 6 = Sunday; empty: every day."""

    @property
    def clock(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    def said(self) -> str:
        """'at 19:30 every day', 'at 07:05 on Monday and Friday'."""
        if not self.days:
            return f"at {self.clock} every day"
        names = [DAY_NAMES[d] for d in self.days]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"at {self.clock} on {joined}"


def parse_when(at: str, days: str | None = None) -> When:
    """``HH:MM`` and ``mon,tue,...`` (or none: every day). Raises ValueError with a sentence."""
    hour_text, colon, minute_text = at.strip().partition(":")
    if (not colon or not hour_text.isdigit() or not minute_text.isdigit() or len(minute_text) != 2
            or len(hour_text) > 2 or not (0 <= int(hour_text) < 24 and 0 <= int(minute_text) < 60)):
        raise ValueError(f"'{at}' is not a time: write it as HH:MM, for example 19:30")
    chosen: set[int] = set()
    for word in (days or "").lower().replace(" ", "").split(","):
        if not word:
            continue
        if word[:3] not in DAYS or not DAY_NAMES[DAYS.index(word[:3])].lower().startswith(word):
            raise ValueError(f"'{word}' is not a day: use mon, tue, wed, thu, fri, sat, sun")
        chosen.add(DAYS.index(word[:3]))
    every = chosen == set(range(7))
    return When(int(hour_text), int(minute_text), () if every else tuple(sorted(chosen)))


# -- entries ----------------------------------------------------------------------------------

@dataclass
class Entry:
    """What to add to the platform's scheduler, and how."""

    method: str
    text: list[str]
    """The entry as it is shown (a line, files, or a command)."""
    add: list[str]
    """How to add it by hand, step by step."""
    remove: list[str]
    files: dict[str, str] = field(default_factory=dict)
    """Files --install writes (in ``folder``), by name."""
    folder: str = ""
    commands: list[list[str]] = field(default_factory=list)
    """Run by --install after writing the files."""
    line: str = ""
    """The crontab line (cron only)."""


def default_method(platform: str, systemd: bool) -> str:
    """launchd on macOS, schtasks on Windows; on Linux a systemd user timer where systemd runs
    (``systemd``), else cron."""
    if platform == "darwin":
        return "launchd"
    if platform.startswith("win"):
        return "schtasks"
    return "systemd" if systemd else "cron"


def systemd_running() -> bool:
    return os.path.isdir("/run/systemd/system")


def cron_line(when: When, argv: Sequence[str], bus: str = "") -> str:
    """One crontab line; ``bus`` is the session bus address notify-send needs under cron."""
    days = ",".join(str((d + 1) % 7) for d in when.days) or "*"
    command = shlex.join(argv).replace("%", "\\%")  # cron reads an unescaped % as a newline
    env = f"DBUS_SESSION_BUS_ADDRESS={shlex.quote(bus)} " if bus else ""
    return f"{when.minute} {when.hour} * * {days} {env}{command} {MARK}"


def _systemd_word(arg: str) -> str:
    escaped = arg.replace("%", "%%").replace("$", "$$")
    if escaped and not any(c in escaped for c in " \t\"'\\;"):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_units(when: When, argv: Sequence[str]) -> dict[str, str]:
    days = ",".join(DAYS[d].capitalize() for d in when.days)
    calendar = f"{days + ' ' if days else ''}*-*-* {when.clock}:00"
    return {
        f"{UNIT}.service": ("[Unit]\nDescription=coach: a gentle reminder to practise\n\n"
                            "[Service]\nType=oneshot\n"
                            f"ExecStart={' '.join(_systemd_word(a) for a in argv)}\n"),
        f"{UNIT}.timer": (f"[Unit]\nDescription=coach reminder {when.said()}\n\n"
                          f"[Timer]\nOnCalendar={calendar}\nPersistent=false\n\n"
                          "[Install]\nWantedBy=timers.target\n"),
    }


def launchd_plist(when: When, argv: Sequence[str]) -> str:
    import plistlib

    times = [{"Hour": when.hour, "Minute": when.minute, "Weekday": (d + 1) % 7} for d in when.days]
    agent = {"Label": AGENT, "ProgramArguments": list(argv), "RunAtLoad": False,
             "StartCalendarInterval": times or {"Hour": when.hour, "Minute": when.minute}}
    return plistlib.dumps(agent).decode("utf-8")


def schtasks_command(when: When, argv: Sequence[str]) -> list[str]:
    schedule = (["/SC", "WEEKLY", "/D", ",".join(DAYS[d].upper() for d in when.days)]
                if when.days else ["/SC", "DAILY"])
    return ["schtasks", "/Create", "/TN", TASK, "/TR", subprocess.list2cmdline(list(argv)),
            *schedule, "/ST", when.clock, "/F"]


def entry(method: str, when: When, argv: Sequence[str], folder: Path | None = None,
          bus: str = "") -> Entry:
    """The entry for ``method`` that runs ``argv`` ``when``; ``folder`` holds the files of
    systemd and launchd (their usual user folder)."""
    where = str(folder) if folder else ""
    if method == "cron":
        line = cron_line(when, argv, bus)
        return Entry(method, [line], ["Run 'crontab -e', paste the line at the end, save and close."],
                     ["Run 'crontab -e' and delete the line that ends with '# coach reminder'."],
                     line=line)
    if method == "systemd":
        files = systemd_units(when, argv)
        text = [f"{where}/{name}:" if where else f"{name}:" for name in files]
        shown = [f"# {text[0]}", *files[f"{UNIT}.service"].splitlines(), "",
                 f"# {text[1]}", *files[f"{UNIT}.timer"].splitlines()]
        return Entry(method, shown,
                     [f"Save the two files in {where or '~/.config/systemd/user'}, then run "
                      "'systemctl --user daemon-reload' and "
                      f"'systemctl --user enable --now {UNIT}.timer'."],
                     [f"Run 'systemctl --user disable --now {UNIT}.timer', delete the two files, "
                      "then run 'systemctl --user daemon-reload'."],
                     files=files, folder=where,
                     commands=[["systemctl", "--user", "daemon-reload"],
                               ["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"]])
    if method == "launchd":
        plist = launchd_plist(when, argv)
        path = f"{where or '~/Library/LaunchAgents'}/{AGENT}.plist"
        return Entry(method, [f"# {path}:", *plist.splitlines()],
                     [f"Save it as {path}, then run 'launchctl load -w {path}'."],
                     [f"Run 'launchctl unload -w {path}' and delete the file."],
                     files={f"{AGENT}.plist": plist}, folder=where,
                     commands=[["launchctl", "load", "-w", f"{where}/{AGENT}.plist"]])
    command = schtasks_command(when, argv)
    return Entry("schtasks", [subprocess.list2cmdline(command)],
                 ["Run that command in a Command Prompt (no administrator rights needed)."],
                 [f'Run: schtasks /Delete /TN "{TASK}" /F'], commands=[command])


# -- the record of what was installed -----------------------------------------------------------

def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_record(config_dir: Path) -> dict[str, object] | None:
    """What --install installed, or None when nothing is recorded. Raises ValueError when the
    record is there but cannot be trusted (nothing is removed then)."""
    from coach.core.files import read_regular

    try:
        data = read_regular(config_dir / RECORD, MAX_RECORD)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(f"could not read {config_dir / RECORD}: {exc.strerror or exc}") from None
    try:
        record = json.loads(data)
    except ValueError:
        record = None
    if (type(record) is not dict or record.get("method") not in METHODS
            or type(record.get("line", "")) is not str or type(record.get("files", {})) is not dict
            or not all(type(k) is str and type(v) is str for k, v in record.get("files", {}).items())):
        raise ValueError(f"{config_dir / RECORD} is not a record coach wrote")
    return record


def _write_record(config_dir: Path, record: dict[str, object]) -> None:
    from coach.core.files import atomic_write_bytes, ensure_private_dir

    ensure_private_dir(config_dir)
    atomic_write_bytes(config_dir / RECORD, (json.dumps(record, indent=1) + "\n").encode("utf-8"))


# -- installing and removing --------------------------------------------------------------------

def install(e: Entry, config_dir: Path, run: Runner, said: str = "") -> list[str]:
    """Install ``e`` (the caller asked first and removed any earlier one); ``said`` is when it
    runs, in words, kept in the record. Returns sentences saying what was done; raises OSError
    or RuntimeError (with a sentence) when it failed."""
    done: list[str] = []
    if e.method == "cron":
        code, current = run(["crontab", "-l"], None)
        lines = current.splitlines() if code == 0 else []  # "no crontab for you" is exit code 1
        if code not in (0, 1):
            raise RuntimeError(f"could not read your crontab ('crontab -l' said: {current or code})")
        code, out = run(["crontab", "-"], "\n".join([*lines, e.line]) + "\n")
        if code != 0:
            raise RuntimeError(f"could not write your crontab ('crontab -' said: {out or code})")
        done.append("Added the line to your crontab.")
    files: dict[str, str] = {}
    if e.files:
        from coach.core.files import atomic_write_bytes

        folder = Path(e.folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in e.files.items():
            atomic_write_bytes(folder / name, text.encode("utf-8"))
            files[str(folder / name)] = _digest(text)
            done.append(f"Wrote {folder / name}.")
    _write_record(config_dir, {"method": e.method, "line": e.line, "files": files,
                               "said": said})
    for command in e.commands:
        code, out = run(command, None)
        if code != 0:
            raise RuntimeError(f"'{shlex.join(command)}' did not work ({out or code}); "
                               "'coach remind --uninstall' removes what was added")
        done.append(f"Ran '{shlex.join(command)}'.")
    return done


KNOWN_UNDO = {"systemd": [["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"]],
              "schtasks": [["schtasks", "/Delete", "/TN", TASK, "/F"]]}


def uninstall(config_dir: Path, run: Runner) -> list[str]:
    """Remove exactly what the record says was installed, then the record. Returns sentences;
    raises ValueError when the record cannot be trusted."""
    record = read_record(config_dir)
    if record is None:
        return ["No reminder installed by coach was found; nothing was changed."]
    method, said = str(record["method"]), list[str]()
    files: dict[str, str] = record.get("files", {})  # type: ignore[assignment]
    for command in _trusted_undo(method, files):
        code, out = run(command, None)
        said.append(f"Ran '{shlex.join(command)}'." if code == 0 else
                    f"'{shlex.join(command)}' did not work ({out or code}).")
    if method == "cron":
        line = str(record.get("line", ""))
        code, current = run(["crontab", "-l"], None)
        lines = current.splitlines() if code == 0 else []
        if line.endswith(MARK) and line in lines:
            kept = [x for x in lines if x != line]
            code, out = run(["crontab", "-"], "\n".join(kept) + "\n" if kept else "")
            if code != 0:
                raise ValueError(f"could not write your crontab ('crontab -' said: {out or code})")
            said.append("Removed the coach reminder line from your crontab.")
        else:
            said.append("The coach reminder line was no longer in your crontab.")
    for name, digest in files.items():
        path = Path(name)
        if path.name not in (f"{UNIT}.service", f"{UNIT}.timer", f"{AGENT}.plist"):
            continue  # only ever a file coach names itself
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            said.append(f"{path} was already gone.")
            continue
        if _digest(text) != digest:
            said.append(f"{path} was changed since coach wrote it, so it was left as it is.")
            continue
        path.unlink()
        said.append(f"Deleted {path}.")
    if method == "systemd":
        run(["systemctl", "--user", "daemon-reload"], None)
    (config_dir / RECORD).unlink(missing_ok=True)
    return said


def _trusted_undo(method: str, files: dict[str, str]) -> list[list[str]]:
    """The commands that undo an install of ``method``, built here (never read from the record)."""
    if method == "launchd":
        return [["launchctl", "unload", "-w", name] for name in files
                if Path(name).name == f"{AGENT}.plist"]
    return KNOWN_UNDO.get(method, [])


# -- the notification -----------------------------------------------------------------------------

def notify(title: str, text: str, platform: str, run: Runner, which: Callable[[str], str | None]) -> bool:
    """Show a desktop notification where the platform has a standard way (notify-send on
    Linux and BSDs, osascript on macOS). Returns False when there is none or it failed (the
    caller prints instead). The text is passed as an argument, never as code."""
    if platform == "darwin" and which("osascript"):
        script = ["-e", "on run argv", "-e",
                  "display notification (item 2 of argv) with title (item 1 of argv)", "-e", "end run"]
        return run(["osascript", *script, title, text], None)[0] == 0
    if not platform.startswith("win") and platform != "darwin" and which("notify-send"):
        # notification servers may read the body as markup: say it literally
        body = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return run(["notify-send", "--app-name=coach", "--", title, body], None)[0] == 0
    return False
