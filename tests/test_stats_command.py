"""`python main.py stats` and `set-pin` as staff run them: real processes, no Kivy."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.analytics import EventLog

ROOT = Path(__file__).resolve().parent.parent
JUNE_2 = dt.datetime(2025, 6, 2, 11).timestamp()


def run(*args, stdin=None, timeout=120):
    env = dict(os.environ, KIVY_NO_ARGS="1", PYTHONIOENCODING="utf-8")
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT, input=stdin)


def a_kiosk(data: Path, start: float, visits: int, stop: str = "barrack-1") -> Path:
    t = [start]
    log = EventLog(data, clock=lambda: t[0])
    for _ in range(visits):
        log.record("session_start")
        log.record("stop_open", stop=stop, how="keypad")
        log.record("narration_start", stop=stop, language="kk")
        t[0] += 45
        log.record("narration_finish", stop=stop, language="kk", listened=45, duration=45)
        log.record("session_end", reason="idle")
        t[0] += 86400 / 2
    log.close()
    return data


@pytest.fixture
def data(tmp_path):
    return a_kiosk(tmp_path / "data", JUNE_2, visits=6)


def test_stats_prints_the_figures(data):
    result = run("stats", "--data", str(data))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Visits to the audio guide: 2025-06-02 to 2025-06-04\n"
                          "  6 visits, 30 events")
    assert [line.split() for line in out.splitlines() if line.startswith("barrack-1")] == [
        ["barrack-1", "6", "6", "100%", "0"]]
    assert "kk  100%" in out
    assert "  2025-06-02 Mon  2  " in out
    assert not result.stderr


def test_stats_writes_csv(data, tmp_path):
    out = tmp_path / "figures.csv"
    result = run("stats", "--data", str(data), "--csv", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1] == ["barrack-1", "6", "6", "1.0000", "0", "0"]


def test_stats_since(data):
    result = run("stats", "--data", str(data), "--since", "2025-06-04")
    assert result.returncode == 0
    assert "since 2025-06-04" in result.stdout and "2 visits" in result.stdout
    later = run("stats", "--data", str(data), "--since", "2026-01-01")
    assert later.returncode == 0 and later.stdout == "No visits recorded yet since 2026-01-01.\n"


@pytest.mark.parametrize("since", ["2025-13-01", "June", "20250601", "2025-02-30", ""])
def test_a_bad_since_is_explained_with_exit_2(data, since):
    result = run("stats", "--data", str(data), "--since", since)
    assert result.returncode == 2
    assert "--since takes a day written YYYY-MM-DD, for example 2025-06-01" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_no_data_is_calm(tmp_path):
    result = run("stats", "--data", str(tmp_path / "never-used"))
    assert result.returncode == 0
    assert result.stdout == "No visits recorded yet.\n" and result.stderr == ""


def test_merge_combines_kiosks(data, tmp_path):
    second = a_kiosk(tmp_path / "second", JUNE_2 + 3600, visits=3, stop="barrack-2")
    export = tmp_path / "usb-stick"
    shutil.copytree(second / "analytics", export / "kiosk-2")
    result = run("stats", "--data", str(data), "--merge", str(export / "kiosk-2"),
                 str(second / "analytics" / "events-2025-06.json"))
    assert result.returncode == 0, result.stderr
    assert "9 visits" in result.stdout  # the same file twice is counted once
    assert "barrack-2" in result.stdout


def test_merge_of_a_missing_file_is_exit_2(data, tmp_path):
    result = run("stats", "--data", str(data), "--merge", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_a_damaged_file_is_reported_and_left_alone(data, tmp_path):
    bad = tmp_path / "from-kiosk-3.json"
    bad.write_bytes(b'{"_default": {"1": {"kind": "session_st')
    result = run("stats", "--data", str(data), "--merge", str(bad))
    assert result.returncode == 0
    assert "6 visits" in result.stdout
    assert f"{bad}: skipped: it ends in the middle (cut off)" in result.stdout
    assert bad.read_bytes().endswith(b"session_st")


def test_stats_and_set_pin_import_no_kivy(data, tmp_path):
    code = ("import io, sys; from kiosk.cli import main; "
            f"assert main(['stats', '--data', {str(data)!r}]) == 0; "
            "sys.stdin = io.StringIO('4829\\n'); "
            f"assert main(['set-pin', '--data', {str(tmp_path)!r}, '--pin-from-stdin']) == 0; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'kivy'], 'kivy imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_set_pin_from_stdin(tmp_path):
    result = run("set-pin", "--data", str(tmp_path), "--pin-from-stdin", stdin="97531\n")
    assert result.returncode == 0, result.stderr
    assert "The staff PIN was set" in result.stdout
    from kiosk.pin import PinStore
    assert PinStore(tmp_path).check("97531").ok
    bad = run("set-pin", "--data", str(tmp_path), "--pin-from-stdin", stdin="97 531\n")
    assert bad.returncode == 1 and "Nothing was changed" in bad.stderr
    assert PinStore(tmp_path).check("97531").ok
