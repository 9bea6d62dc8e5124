"""A visit log that is cut off keeps what can be read; a folder in a log's place is named."""

import datetime as dt
import json

from kiosk.analytics import EventLog
from kiosk.analytics.report import Report
from kiosk.analytics.storage import DamagedFile, load_database

JUNE = dt.datetime(2025, 6, 15, 12).timestamp()


def month_of_visits(visits: int) -> bytes:
    """A June log as the kiosk writes it: each visit a start, a stop opened and an end."""
    table, key = {}, 0
    for visit in range(visits):
        for kind, extra in (("session_start", {}), ("stop_open", {"stop": "arch", "how": "tile"}),
                            ("session_end", {"reason": "idle"})):
            key += 1
            table[str(key)] = {"kind": kind, "t": JUNE + visit * 60 + key,
                               "session": f"v{visit}", **extra}
    return json.dumps({"_default": table}, separators=(",", ":")).encode()


def complete_events(whole: bytes, cut: int) -> int:
    """How many of ``whole``'s events end before byte ``cut``."""
    table = json.loads(whole)["_default"]
    end = len(b'{"_default":{')
    for count, (key, doc) in enumerate(table.items()):
        end += len(json.dumps({key: doc}, separators=(",", ":")).encode()) - 2 + (count > 0)
        if end > cut:
            return count
    return len(table)


def test_a_log_cut_in_half_keeps_its_readable_events_in_the_kiosk(tmp_path):
    folder = tmp_path / "analytics"
    folder.mkdir()
    whole = month_of_visits(300)                     # 900 events
    (folder / "events-2025-06.json").write_bytes(whole[: len(whole) // 2])
    log = EventLog(tmp_path, clock=lambda: JUNE)
    log.record("session_start")
    log.close()
    kept = load_database(folder / "events-2025-06.json").data["_default"]
    original = json.loads(whole)["_default"]
    complete = complete_events(whole, len(whole) // 2)
    assert 400 < complete < 460
    assert len(kept) == complete + 1                 # every whole event, and the new one
    assert [kept[key] for key in list(original)[:complete]] == list(original.values())[:complete]
    assert "could be read and are kept" in log.problems[0]
    damaged = [p.name for p in folder.iterdir() if ".damaged-" in p.name]
    assert len(damaged) == 1 and damaged[0] in log.problems[0]
    # the figures count the kept visits once: the set-aside copy is not read again
    report = Report.from_data_dir(tmp_path)
    assert report.sessions == complete // 3 + (complete % 3 > 0) + 1


def test_stats_count_the_readable_part_of_a_cut_log_and_say_what_was_lost(tmp_path):
    folder = tmp_path / "analytics"
    folder.mkdir()
    whole = month_of_visits(300)
    (folder / "events-2025-06.json").write_bytes(whole[: len(whole) // 2])
    report = Report.from_data_dir(tmp_path)
    assert report.events >= 440
    assert any("the first" in problem and "could be read" in problem
               for problem in report.problems)
    assert "Problems:" in report.text()


def test_garbage_after_good_events_keeps_the_good_ones(tmp_path):
    path = tmp_path / "events-2025-06.json"
    path.write_bytes(month_of_visits(10)[:-2] + b"\x00" * 512)
    try:
        load_database(path)
    except DamagedFile as why:
        assert len(why.salvaged) == 30
    else:
        raise AssertionError("a file with garbage at its end was taken as whole")


def test_a_folder_where_the_months_log_belongs_is_set_aside_and_events_are_saved(tmp_path):
    folder = tmp_path / "analytics"
    (folder / "events-2025-06.json").mkdir(parents=True)
    log = EventLog(tmp_path, clock=lambda: JUNE)
    log.record("session_start")
    log.close()
    assert (folder / "events-2025-06.json").is_file()
    assert len(load_database(folder / "events-2025-06.json").data["_default"]) == 1
    assert log.pending == 0
    assert "it is a folder, not a file" in log.problems[0]
    assert any(p.is_dir() and ".damaged-" in p.name for p in folder.iterdir())


def test_stats_name_a_folder_where_a_log_belongs(tmp_path):
    (tmp_path / "analytics" / "events-2025-06.json").mkdir(parents=True)
    report = Report.from_data_dir(tmp_path)
    assert report.events == 0
    text = report.text()
    assert "No visits recorded yet" in text
    assert "events-2025-06.json: skipped: it is a folder" in text
