"""coach remind (print, install, uninstall) and coach nudge --notify, against fake schedulers in
a temp folder: PATH holds only fakes, so the real crontab and systemd are never reached."""

from __future__ import annotations

import io
import json
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core import remind
from coach.core.history.store import HistoryStore
from tests.history_data import make_run
from tests.test_cli_history import run_cli

FAKE = """#!{python}
import json, os, sys
log = os.environ["FAKE_LOG"]
with open(log, "a") as f:
    f.write(json.dumps([os.path.basename(sys.argv[0]), *sys.argv[1:]]) + "\\n")
if os.path.basename(sys.argv[0]) == "crontab":
    tab = os.environ["FAKE_CRONTAB"]
    if sys.argv[1:] == ["-l"]:
        if not os.path.exists(tab):
            sys.stderr.write("no crontab for you\\n")
            sys.exit(1)
        sys.stdout.write(open(tab).read())
    elif sys.argv[1:] == ["-"]:
        open(tab, "w").write(sys.stdin.read())
"""
GUILT = ("haven't", "havent", "missed", "streak", "forgot", "should", "still", "behind", "lazy",
         "again", "failed", "don't forget")


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    for tool in ("crontab", "systemctl", "launchctl", "schtasks", "notify-send"):
        path = bin_dir / tool
        path.write_text(FAKE.format(python=sys.executable))
        path.chmod(0o755)
    out = {"bin": bin_dir, "log": tmp_path / "calls.log", "crontab": tmp_path / "crontab",
           "units": tmp_path / "units"}
    monkeypatch.setenv("PATH", str(bin_dir))  # nothing real can be found
    monkeypatch.setenv("FAKE_LOG", str(out["log"]))
    monkeypatch.setenv("FAKE_CRONTAB", str(out["crontab"]))
    monkeypatch.setenv("COACH_REMIND_DIR", str(out["units"]))
    return out


def calls(fakes: dict[str, Path]) -> list[list[str]]:
    log = fakes["log"]
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


# -- what is printed --------------------------------------------------------------------------

def test_the_command_offers_every_method_the_core_knows() -> None:
    import coach.commands.remind

    assert coach.commands.remind.METHODS == remind.METHODS


def test_times_and_days() -> None:
    assert remind.parse_when("7:05", "fri, MON") == remind.When(7, 5, (0, 4))
    assert remind.parse_when("19:30").said() == "at 19:30 every day"
    assert remind.parse_when("19:30", "mon,tue,wed,thu,fri,sat,sun").days == ()
    assert remind.parse_when("06:00", "sat,sunday").said() == "at 06:00 on Saturday and Sunday"
    for at, days in (("24:00", None), ("7", None), ("7:5", None), ("x:10", None), ("7:05", "funday")):
        with pytest.raises(ValueError):
            remind.parse_when(at, days)


def test_entries_for_each_scheduler() -> None:
    when = remind.When(7, 5, (0, 4))
    argv = ["/opt/my python/bin/python", "-m", "coach", "--data-dir", "/d/100%", "nudge", "--notify"]
    line = remind.cron_line(when, argv, "unix:path=/run/user/1000/bus")
    assert line == ("5 7 * * 1,5 DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus "
                    "'/opt/my python/bin/python' -m coach --data-dir /d/100\\% nudge --notify "
                    "# coach reminder")
    units = remind.systemd_units(when, argv)
    assert "OnCalendar=Mon,Fri *-*-* 07:05:00" in units["coach-reminder.timer"]
    assert ('ExecStart="/opt/my python/bin/python" -m coach --data-dir /d/100%% nudge --notify'
            in units["coach-reminder.service"])
    daily = remind.systemd_units(remind.When(19, 30), argv)["coach-reminder.timer"]
    assert "OnCalendar=*-*-* 19:30:00" in daily
    import plistlib

    plist = plistlib.loads(remind.launchd_plist(when, argv).encode())
    assert plist["ProgramArguments"] == argv and plist["Label"] == "org.coach.reminder"
    assert plist["StartCalendarInterval"] == [{"Hour": 7, "Minute": 5, "Weekday": 1},
                                              {"Hour": 7, "Minute": 5, "Weekday": 5}]
    command = remind.schtasks_command(when, argv)
    assert command[:5] == ["schtasks", "/Create", "/TN", "coach reminder", "/TR"]
    assert command[5].startswith('"/opt/my python/bin/python" -m coach')
    assert command[6:] == ["/SC", "WEEKLY", "/D", "MON,FRI", "/ST", "07:05", "/F"]
    assert remind.default_method("darwin", True) == "launchd"
    assert remind.default_method("win32", False) == "schtasks"
    assert [remind.default_method("linux", s) for s in (True, False)] == ["systemd", "cron"]


@pytest.mark.parametrize(("method", "shown"), [
    ("cron", "# coach reminder"), ("systemd", "OnCalendar=Mon,Fri *-*-* 07:05:00"),
    ("launchd", "<key>StartCalendarInterval</key>"), ("schtasks", "/SC WEEKLY /D MON,FRI")])
def test_print_mode_changes_nothing(paths, fakes, capsys, method, shown) -> None:
    assert run_cli(paths, "remind", "--at", "07:05", "--days", "mon,fri", "--method", method) == 0
    out = capsys.readouterr().out
    assert shown in out and "To add it yourself:" in out and "To remove it later:" in out
    assert "coach remind --at 07:05 --days mon,fri --install" in out
    assert "nudge --notify" in out and str(paths.data_dir) in out, "the folders go with it"
    assert calls(fakes) == [] and not fakes["units"].exists()
    assert not (paths.config_dir / remind.RECORD).exists()


def test_bad_times_are_refused(paths, fakes, capsys) -> None:
    assert run_cli(paths, "remind", "--at", "25:00") == 2
    assert "is not a time" in capsys.readouterr().err
    assert run_cli(paths, "remind", "--at", "07:00", "--days", "someday") == 2
    assert "is not a day" in capsys.readouterr().err


# -- installing and removing ------------------------------------------------------------------

def test_cron_install_asks_then_uninstall_removes_exactly_its_line(paths, fakes, capsys, monkeypatch) -> None:
    fakes["crontab"].write_text("0 3 * * * backup  # mine\n")
    answer(monkeypatch, "\n")
    assert run_cli(paths, "remind", "--at", "19:30", "--method", "cron", "--install") == 1
    assert "Install it now? [y/N]" in capsys.readouterr().out
    assert fakes["crontab"].read_text() == "0 3 * * * backup  # mine\n", "no is the default"
    answer(monkeypatch, "y\n")
    assert run_cli(paths, "remind", "--at", "19:30", "--method", "cron", "--install") == 0
    assert "The reminder is installed: at 19:30 every day." in capsys.readouterr().out
    lines = fakes["crontab"].read_text().splitlines()
    assert lines[0] == "0 3 * * * backup  # mine" and lines[1].startswith("30 19 * * * ")
    assert lines[1].endswith("nudge --notify # coach reminder") and len(lines) == 2
    record = paths.config_dir / remind.RECORD
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert run_cli(paths, "remind") == 0
    assert "A reminder is installed (cron) at 19:30 every day." in capsys.readouterr().out
    # installing again replaces it: still one line
    assert run_cli(paths, "remind", "--at", "07:00", "--method", "cron", "--install", "--yes") == 0
    lines = fakes["crontab"].read_text().splitlines()
    assert len(lines) == 2 and lines[1].startswith("0 7 * * * ")
    with fakes["crontab"].open("a") as tab:
        tab.write("15 8 * * * something else\n")
    assert run_cli(paths, "remind", "--uninstall") == 0
    assert "Removed the coach reminder line" in capsys.readouterr().out
    assert fakes["crontab"].read_text() == "0 3 * * * backup  # mine\n15 8 * * * something else\n"
    assert not record.exists()
    assert run_cli(paths, "remind", "--uninstall") == 0
    assert "nothing was changed" in capsys.readouterr().out


def test_systemd_install_and_uninstall(paths, fakes, capsys) -> None:
    assert run_cli(paths, "remind", "--at", "08:00", "--method", "systemd", "--install", "--yes") == 0
    units = fakes["units"]
    assert sorted(p.name for p in units.iterdir()) == ["coach-reminder.service", "coach-reminder.timer"]
    assert calls(fakes) == [["systemctl", "--user", "daemon-reload"],
                            ["systemctl", "--user", "enable", "--now", "coach-reminder.timer"]]
    assert not fakes["crontab"].exists()
    fakes["log"].unlink()
    assert run_cli(paths, "remind", "--uninstall") == 0
    assert list(units.iterdir()) == []
    assert calls(fakes) == [["systemctl", "--user", "disable", "--now", "coach-reminder.timer"],
                            ["systemctl", "--user", "daemon-reload"]]


def test_a_unit_changed_since_is_left_alone(paths, fakes, capsys) -> None:
    assert run_cli(paths, "remind", "--at", "08:00", "--method", "systemd", "--install", "--yes") == 0
    timer = fakes["units"] / "coach-reminder.timer"
    timer.write_text(timer.read_text() + "# my own edit\n")
    assert run_cli(paths, "remind", "--uninstall") == 0
    assert "was changed since coach wrote it" in capsys.readouterr().out
    assert timer.exists() and not (fakes["units"] / "coach-reminder.service").exists()


def test_launchd_install_and_uninstall(paths, fakes, capsys) -> None:
    assert run_cli(paths, "remind", "--at", "08:00", "--method", "launchd", "--install", "--yes") == 0
    plist = fakes["units"] / "org.coach.reminder.plist"
    assert plist.exists() and calls(fakes) == [["launchctl", "load", "-w", str(plist)]]
    assert run_cli(paths, "remind", "--uninstall") == 0
    assert not plist.exists() and calls(fakes)[-1] == ["launchctl", "unload", "-w", str(plist)]


def test_a_forged_record_never_deletes_other_files(paths, fakes, tmp_path, capsys) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("mine")
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / remind.RECORD).write_text(json.dumps(
        {"method": "launchd", "line": "", "files": {str(precious): remind._digest("mine")}}))
    assert run_cli(paths, "remind", "--uninstall") == 0
    assert precious.read_text() == "mine" and calls(fakes) == []
    (paths.config_dir / remind.RECORD).write_text("[not a record")
    assert run_cli(paths, "remind", "--uninstall") == 1
    assert "is not a record coach wrote" in capsys.readouterr().err


def test_a_failing_scheduler_is_one_sentence(paths, fakes, capsys) -> None:
    (fakes["bin"] / "systemctl").write_text("#!/bin/sh\necho 'Failed to connect to bus' >&2\nexit 1\n")
    assert run_cli(paths, "remind", "--at", "08:00", "--method", "systemd", "--install", "--yes") == 1
    err = capsys.readouterr().err
    assert "did not work (Failed to connect to bus)" in err and "--uninstall" in err
    assert run_cli(paths, "remind", "--uninstall") == 0
    assert list(fakes["units"].iterdir()) == []


# -- the notification ---------------------------------------------------------------------------

def test_notify_once_a_day_and_never_a_guilt_word(paths, fakes, capsys) -> None:
    assert run_cli(paths, "nudge", "--notify") == 0
    [call] = calls(fakes)
    assert call[:4] == ["notify-send", "--app-name=coach", "--", "coach"]
    text = call[4]
    assert text.startswith("If you have ") and "coach run " in text
    assert not any(word in text.lower() for word in GUILT)
    assert capsys.readouterr().out == ""
    assert run_cli(paths, "nudge", "--notify") == 0
    assert len(calls(fakes)) == 1, "one a day at most"


def test_no_notification_once_practised_or_away(paths, fakes, capsys) -> None:
    HistoryStore(paths.data_dir).add(make_run(at=datetime.now(UTC)))
    assert run_cli(paths, "nudge", "--notify") == 0
    assert calls(fakes) == []
    HistoryStore(paths.data_dir).forget()
    assert run_cli(paths, "away", "today") == 0
    assert run_cli(paths, "nudge", "--notify") == 0
    assert calls(fakes) == []
    assert run_cli(paths, "nudge") == 0
    assert capsys.readouterr().out.endswith("marked away. It neither adds to nor dents your practice "
                                            "strength ('coach away --remove' undoes it).\n"), "no line"


def test_printed_where_there_is_no_notifier(paths, fakes, capsys) -> None:
    (fakes["bin"] / "notify-send").unlink()
    HistoryStore(paths.data_dir).add(make_run(at=datetime.now(UTC) - timedelta(days=2)))
    assert run_cli(paths, "nudge", "--notify") == 0
    out = capsys.readouterr().out
    assert out.startswith("If you have ") and out.count("\n") == 1


def test_a_title_is_never_markup_to_the_notifier() -> None:
    seen: list[list[str]] = []

    def run(argv, _stdin):  # type: ignore[no-untyped-def]
        seen.append(list(argv))
        return 0, ""

    assert remind.notify("coach", "<b>x</b> & y", "linux", run, lambda _n: "/x")
    assert seen[0][-1] == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert remind.notify("coach", "a \" b", "darwin", run, lambda _n: "/x")
    assert seen[1][0] == "osascript" and seen[1][-1] == "a \" b", "passed as an argument, not code"
    assert not remind.notify("coach", "x", "win32", run, lambda _n: "/x")
