"""The figures staff see: per stop, languages, visits per day; merging kiosks; bad files."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil

import pytest

from kiosk.analytics import EventLog, Report, StopRow
from kiosk.analytics.report import _natural
from kiosk.clock import FakeClock

DAY1 = dt.datetime(2025, 6, 2, 10).timestamp()  # a Monday
DAY3 = dt.datetime(2025, 6, 4, 15).timestamp()




def visit(log: EventLog, clock: FakeClock, language: str, heard: list[tuple[str, float, float]],
          captions=False, mode=None, end_after=300.0):
    """One visitor: a language, stops with (stop, listened, duration); finished if all heard."""
    start = clock.now
    log.record("session_start")
    log.record("language", language=language)
    for stop, listened, duration in heard:
        log.record("stop_open", stop=stop, how="tile")
        log.record("narration_start", stop=stop, language=language)
        clock.now += listened
        kind = "narration_finish" if listened >= duration else "narration_leave"
        log.record(kind, stop=stop, language=language, listened=listened, duration=duration)
    if captions:
        log.record("captions", on=True)
    if mode:
        log.record("mode", mode=mode, on=True)
    clock.now = start + end_after
    log.record("session_end", reason="idle")


@pytest.fixture
def kiosk(tmp_path):
    """A data folder with four visits on June 2 and one on June 4."""
    clock = FakeClock(DAY1)
    log = EventLog(tmp_path, clock=clock)
    visit(log, clock, "kk", [("hall-2", 60, 60), ("hall-10", 30, 120)], captions=True)
    visit(log, clock, "kk", [("hall-2", 60, 60)], mode="large_text")
    visit(log, clock, "ru", [("hall-2", 15, 60), ("hall-10", 120, 120)], end_after=600)
    visit(log, clock, "en", [("hall-2", 60, 60)], mode="description")
    clock.now = DAY3
    visit(log, clock, "kk", [("gate", 10, 40)], captions=True)
    log.record("content_note_declined", stop="hall-10")
    for _ in range(3):
        log.record("name_search")
    log.record("name_opened")
    log.close()
    return tmp_path


def test_per_stop_opened_finished_and_average_share_listened(kiosk):
    report = Report.from_data_dir(kiosk)
    assert report.stops == [
        StopRow("gate", 1, 0, pytest.approx(0.25)),
        StopRow("hall-2", 4, 3, pytest.approx((1 + 1 + 0.25 + 1) / 4)),
        StopRow("hall-10", 2, 1, pytest.approx((0.25 + 1) / 2)),
    ]
    stop_id, opened, finished, share = report.stops[1]  # rows unpack as four values
    assert (stop_id, opened, finished) == ("hall-2", 4, 3)
    assert report.left == {"gate": 1, "hall-2": 1, "hall-10": 1}
    assert report.declined == {"hall-10": 1}


def test_language_shares_visits_per_day_and_features(kiosk):
    report = Report.from_data_dir(kiosk)
    assert report.languages == {"kk": pytest.approx(4 / 7), "ru": pytest.approx(2 / 7),
                                "en": pytest.approx(1 / 7)}
    assert list(report.languages) == ["kk", "ru", "en"]  # largest first
    assert sum(report.languages.values()) == pytest.approx(1)
    assert report.sessions_per_day == [(dt.date(2025, 6, 2), 4), (dt.date(2025, 6, 3), 0),
                                       (dt.date(2025, 6, 4), 1)]
    assert report.sessions == 5
    assert report.captions_share == pytest.approx(2 / 5)
    assert report.modes == {"large_text": pytest.approx(1 / 5), "high_contrast": 0.0,
                            "description": pytest.approx(1 / 5), "spoken_guide": 0.0}
    assert report.average_visit_seconds == pytest.approx((300 * 4 + 600) / 5)


def test_since_counts_only_from_that_day(kiosk):
    report = Report.from_data_dir(kiosk, since=dt.date(2025, 6, 3))
    assert report.sessions_per_day == [(dt.date(2025, 6, 4), 1)]
    assert [row.stop_id for row in report.stops] == ["gate"]
    assert report.languages == {"kk": 1.0}
    assert "since 2025-06-03" in report.text()


def test_the_text_report(kiosk):
    text = Report.from_data_dir(kiosk).text()
    assert text.startswith("Visits to the audio guide: 2025-06-02 to 2025-06-04\n"
                           "  5 visits, 45 events, from 1 file; an average visit lasted 6 min 0 s")
    lines = text.splitlines()
    row = next(line for line in lines if line.startswith("hall-2 "))
    assert row.split() == ["hall-2", "4", "3", "81%", "1"]
    assert any(line.startswith("  kk   57%  " + "█" * 17) for line in lines)
    assert "  2025-06-02 Mon  4  " + "█" * 30 in lines
    assert "  2025-06-03 Tue  0  " in lines
    assert ("Visits that turned on captions in 40%, large text in 20%, high contrast in 0%, "
            "audio description in 20%, the spoken guide in 0%.") in lines
    assert "#" in Report.from_data_dir(kiosk).text(bar="#")


def test_the_csv(kiosk, tmp_path):
    out = tmp_path / "figures.csv"
    Report.from_data_dir(kiosk).to_csv(out)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["stop", "opened", "finished", "average_share_listened", "left_early",
                       "content_notes_declined"]
    assert rows[1:4] == [["gate", "1", "0", "0.2500", "1", "0"],
                         ["hall-2", "4", "3", "0.8125", "1", "0"],
                         ["hall-10", "2", "1", "0.6250", "1", "1"]]
    assert ["language", "share_of_narrations_started"] in rows
    assert ["kk", "0.5714"] in rows
    assert ["2025-06-03", "0"] in rows
    assert ["captions", "0.4000"] in rows


def test_no_visits_is_said_calmly(tmp_path):
    report = Report.from_data_dir(tmp_path)
    assert report.stops == [] and report.languages == {} and report.sessions_per_day == []
    assert report.text() == "No visits recorded yet.\n"
    report.to_csv(tmp_path / "empty.csv")  # headers only, no error


def test_merging_kiosks_adds_them_up_and_counts_a_file_once(kiosk, tmp_path):
    other = tmp_path / "kiosk-2"
    clock = FakeClock(DAY3 + 3600)
    log = EventLog(other, clock=clock)
    visit(log, clock, "ru", [("hall-2", 60, 60)])
    log.close()
    export = tmp_path / "export"
    shutil.copytree(kiosk / "analytics", export)
    copy = tmp_path / "kiosk-1-copy.json"
    shutil.copy(kiosk / "analytics/events-2025-06.json", copy)
    merged = Report.from_files([kiosk, other / "analytics/events-2025-06.json", export, copy,
                                kiosk / "analytics/events-2025-06.json"])
    assert merged.sessions == 6  # five here, one there; the copies counted once
    assert dict((r.stop_id, r.opened) for r in merged.stops)["hall-2"] == 5
    assert merged.sessions_per_day[-1] == (dt.date(2025, 6, 4), 2)
    assert len(merged.files) == 2 and not merged.problems


BAD = {  # (a file cut off is read as far as it goes: tests/unit/test_event_salvage.py)
    "not JSON": lambda good: b"PK\x03\x04 a zip file",
    "a list": lambda good: b"[]",
    "wrong shape": lambda good: b'{"_default": 5}',
    "another table": lambda good: b'{"users": {}}',
}


@pytest.mark.parametrize("make", BAD.values(), ids=BAD.keys())
def test_a_damaged_file_is_skipped_named_and_left_alone(kiosk, tmp_path, make):
    bad = tmp_path / "bad.json"
    good = (kiosk / "analytics/events-2025-06.json").read_bytes()
    bad.write_bytes(make(good))
    report = Report.from_files([kiosk, bad])
    assert report.sessions == 5
    assert len(report.problems) == 1 and report.problems[0].startswith(f"{bad}: skipped: it")
    assert bad.read_bytes() == make(good)  # a report never changes a file
    assert "Problems:" in report.text()


def test_entries_that_are_not_events_are_skipped_and_counted(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"_default": {
        "1": {"kind": "session_start", "t": DAY1, "session": "aa"},
        "2": {"kind": "stop_open", "t": DAY1, "stop": ["not", "text"]},
        "3": {"kind": "narration_finish", "t": DAY1, "stop": "gate", "listened": "all"},
        "4": {"no": "kind"},
        "5": {"kind": "from_the_future", "t": DAY1},
        "6": {"kind": "session_start", "t": "noon"},
    }}))
    report = Report.from_files([path])
    assert report.sessions == 1
    assert report.problems == [f"{path}: 5 entries that are not visit events were skipped"]


def test_a_missing_path_is_a_problem_not_an_error(tmp_path):
    report = Report.from_files([tmp_path / "nowhere.json"])
    assert report.problems == [f"{tmp_path / 'nowhere.json'}: skipped: no such file or folder"]


def test_more_than_two_months_of_days_are_charted_by_week(tmp_path):
    clock = FakeClock(dt.datetime(2025, 1, 6, 10).timestamp())
    log = EventLog(tmp_path, clock=clock)
    for _ in range(100):
        log.record("session_start")
        clock.now += 86400
    log.close()
    report = Report.from_data_dir(tmp_path)
    assert len(report.sessions_per_day) == 100
    text = report.text()
    assert "Visits per week" in text and "  week of 2025-01-06  7  " in text


def test_a_large_log_is_reported_whole(tmp_path):
    # How long this takes is measured in bench/analytics_bench.py, not here.
    clock = FakeClock(DAY1)
    log = EventLog(tmp_path, clock=clock)
    for i in range(100_000):
        clock.now += 1
        log.record("stop_open", stop=f"hall-{i % 40}", how="keypad")
        if i % 5000 == 4999:
            log.flush()  # as the writer thread would
    log.close()
    assert not log.problems
    report = Report.from_data_dir(tmp_path)
    assert sum(row.opened for row in report.stops) == 100_000
    assert len(report.files) == 20  # parts of 5,000


def test_stops_sort_as_people_count():
    ids = ["hall-10", "hall-2", "gate", "hall-1", "a10", "a9"]
    assert sorted(ids, key=_natural) == ["a9", "a10", "gate", "hall-1", "hall-2", "hall-10"]


def test_searches_for_a_name_and_names_opened_are_counted_in_text_and_csv(kiosk, tmp_path):
    report = Report.from_data_dir(kiosk)
    assert (report.name_searches, report.names_opened) == (3, 1)
    assert ("Names searched for on the Wall of Memory: 3 searches, 1 name opened"
            in report.text())
    out = tmp_path / "usage.csv"
    report.to_csv(out)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert ["searches", "3"] in rows and ["names_opened", "1"] in rows
