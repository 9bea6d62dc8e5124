"""Each kiosk's figures, exported a file per day, merge into the museum's with nothing counted
twice, however the files were copied; `stats --fleet` shows the museum and each kiosk."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.analytics import Report
from kiosk.fleet.figures import export_figures
from kiosk.fleet.intake import Verdict
from kiosk.fleet.kiosk_round import OUTBOX_VERDICT
from samples.visit_logs import DAY, NOON, record_visits

ROOT = Path(__file__).resolve().parents[2]


def test_a_day_file_is_written_once_and_rewritten_only_when_its_day_changes(tmp_path):
    data, outbox = tmp_path / "data", tmp_path / "outbox"
    record_visits(data, 3)
    record_visits(data, 2, NOON + DAY)
    first = export_figures(data, outbox, "hall-1")
    assert len(first.written) == 2 and first.unchanged == 0
    assert sorted(p.name for p in outbox.iterdir()) == [
        f"figures-{d}.json" for d in first.written]
    again = export_figures(data, outbox, "hall-1")
    assert again.written == [] and again.unchanged == 2  # nothing for Syncthing to send
    record_visits(data, 1, NOON + DAY)
    later = export_figures(data, outbox, "hall-1")
    assert later.written == [first.written[1]] and later.unchanged == 1


def test_an_export_holds_only_the_anonymous_events_and_names_its_kiosk(tmp_path):
    data, outbox = tmp_path / "data", tmp_path / "outbox"
    record_visits(data, 2)
    export_figures(data, outbox, "hall-1")
    (day,) = outbox.iterdir()
    events = list(json.loads(day.read_text(encoding="utf-8"))["_default"].values())
    assert {e["kiosk"] for e in events} == {"hall-1"}
    assert {e["kind"] for e in events} == {"session_start", "stop_open", "session_end"}
    assert all(set(e) <= {"kind", "t", "session", "stop", "how", "reason", "kiosk"}
               for e in events)


def test_two_kiosks_merge_to_the_right_totals_with_nothing_counted_twice(tmp_path):
    fleet = tmp_path / "fleet"
    for name, count in (("hall-1", 3), ("entrance", 5)):
        record_visits(tmp_path / name, count)
        record_visits(tmp_path / name, count + 1, NOON + DAY)
        export_figures(tmp_path / name, fleet / name, name)
    report = Report.from_files(sorted(fleet.iterdir()))
    assert report.sessions == (3 + 4) + (5 + 6)
    # the same day synced again, and an older copy of it kept by hand under another name,
    # and Syncthing's conflict copy: still each event once
    hall = fleet / "hall-1"
    day2 = sorted(hall.glob("figures-*.json"))[1]
    partial = json.loads(day2.read_text(encoding="utf-8"))
    partial["_default"] = dict(list(partial["_default"].items())[:6])  # the day's first visits
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / day2.name).write_text(json.dumps(partial), encoding="utf-8")
    shutil.copy(day2, hall / day2.name.replace(".json", ".sync-conflict-20261103-1.json"))
    again = Report.from_files([*sorted(fleet.iterdir()), backup, backup / day2.name])
    assert again.sessions == report.sessions
    assert dict((r.stop_id, r.opened) for r in again.stops) == {"stop-1": 18}


def test_two_kiosks_events_at_the_same_moment_both_count(tmp_path):
    fleet = tmp_path / "fleet"
    for name in ("hall-1", "hall-2"):  # the same clock, the same entry numbers
        record_visits(tmp_path / name, 2)
        export_figures(tmp_path / name, fleet / name, name)
    assert Report.from_files(sorted(fleet.iterdir())).sessions == 4


def test_stats_fleet_shows_the_museum_then_each_kiosk_and_its_tour(tmp_path):
    fleet = tmp_path / "fleet"
    for name, count in (("hall-1", 3), ("entrance", 5)):
        record_visits(tmp_path / name, count)
        export_figures(tmp_path / name, fleet / name, name)
    (fleet / "hall-1" / OUTBOX_VERDICT).write_text(Verdict(
        "refused", "bbbb", "aaaa", ["stops.yaml:3:5: the file 'x.ogg' does not exist"]
    ).to_json(), encoding="utf-8")
    (fleet / "entrance" / OUTBOX_VERDICT).write_text(
        Verdict("taken", "bbbb", "bbbb").to_json(), encoding="utf-8")
    run = subprocess.run([sys.executable, "main.py", "stats", "--fleet", str(fleet),
                          "--data", str(tmp_path / "no-data")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    museum, each = run.stdout.split("Each kiosk")
    assert "8 visits" in museum
    lines = {line.split()[0]: line for line in each.strip().splitlines()}
    assert "3 visits" in lines["hall-1"] and "REFUSED bbbb" in lines["hall-1"]
    assert "tour aaaa" in lines["hall-1"] and "x.ogg" in lines["hall-1"]
    assert "5 visits" in lines["entrance"] and "tour bbbb" in lines["entrance"]


def test_stats_fleet_on_a_folder_that_is_not_there_says_so(tmp_path):
    run = subprocess.run([sys.executable, "main.py", "stats", "--fleet", str(tmp_path / "x")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "no such folder" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("name", ["", "hall 2", "a/b", "x" * 41])
def test_a_kiosk_name_that_cannot_be_one_is_refused(tmp_path, name):
    with pytest.raises(ValueError, match="letters, digits and dashes"):
        export_figures(tmp_path, tmp_path / "out", name)
