"""The visit log: what may be recorded, the single writer, months and parts, bad files,
a folder that cannot be written. A fake clock; the writer thread only where it is tested."""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import re
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kiosk.analytics import KINDS, EventLog
from kiosk.analytics import events as events_module
from kiosk.analytics import storage as storage_module
from kiosk.analytics.kinds import STOP_ID
from kiosk.analytics.storage import load_database
from kiosk.clock import FakeClock

JUNE = dt.datetime(2025, 6, 15, 12).timestamp()
JULY = dt.datetime(2025, 7, 2, 9).timestamp()




@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(JUNE)


@pytest.fixture
def log(tmp_path, clock):
    log = EventLog(tmp_path, clock=clock)
    yield log
    log.close()


def stored(data_dir) -> list[dict]:
    """Every event on disk, in file and id order."""
    out = []
    for path in sorted((data_dir / "analytics").glob("events-*.json"), key=_part_order):
        out += list((load_database(path).data or {}).get("_default", {}).values())
    return out


def _part_order(path):
    m = re.match(r"events-(\d{4}-\d{2})(?:\.(\d+))?\.json$", path.name)
    return m.group(1), int(m.group(2) or 1)


def files(data_dir) -> list[str]:
    return sorted(p.name for p in (data_dir / "analytics").iterdir())


A_VISIT = [
    ("session_start", {}),
    ("language", {"language": "ru", "previous": "kk"}),
    ("stop_open", {"stop": "barrack-1", "how": "keypad"}),
    ("narration_start", {"stop": "barrack-1", "language": "ru"}),
    ("narration_pause", {"stop": "barrack-1", "position": 12.34}),
    ("narration_seek", {"stop": "barrack-1", "position": 12.34, "target": 40}),
    ("narration_finish", {"stop": "barrack-1", "language": "ru", "listened": 70.06,
                          "duration": 90}),
    ("stop_open", {"stop": "barrack-2", "how": "next"}),
    ("content_note_declined", {"stop": "barrack-2"}),
    ("narration_leave", {"stop": "barrack-2", "language": "ru", "listened": 3,
                         "duration": 60.0}),
    ("captions", {"on": True}),
    ("mode", {"mode": "high_contrast", "on": False}),
    ("name_search", {}),
    ("name_opened", {}),
    ("stop_open", {"stop": "wall-of-memory", "how": "name"}),
    ("session_end", {"reason": "idle"}),
]


# --- what is recorded ------------------------------------------------------------------

def test_every_kind_is_stored_with_its_time_and_visit_and_nothing_else(tmp_path, log, clock):
    assert {kind for kind, _ in A_VISIT} == set(KINDS)  # the visit uses every kind
    for kind, fields in A_VISIT:
        clock.now += 1.04
        log.record(kind, **fields)
    assert log.flush() == len(A_VISIT)
    events = stored(tmp_path)
    assert [e["kind"] for e in events] == [kind for kind, _ in A_VISIT]
    token = events[0]["session"]
    assert re.fullmatch(r"[0-9a-f]{8}", token)
    assert {e["session"] for e in events} == {token}
    assert events[0]["t"] == round(JUNE + 1.04, 1)
    for event, (kind, fields) in zip(events, A_VISIT):
        assert set(event) == {"kind", "t", "session", *KINDS[kind]}
    assert events[4]["position"] == 12.3  # seconds to 0.1
    assert events[6]["listened"] == 70.1 and events[6]["duration"] == 90.0
    assert not log.problems


def test_seconds_may_be_any_real_number_and_are_stored_as_plain_floats(tmp_path, log):
    import numpy
    log.record("narration_seek", stop="gate", position=numpy.float64(12.345), target=30)
    log.flush()
    event = stored(tmp_path)[0]
    assert (event["position"], event["target"]) == (12.3, 30.0)
    assert type(event["target"]) is float


def test_the_first_language_has_no_previous_one(tmp_path, log):
    log.record("language", language="kk")
    log.flush()
    assert stored(tmp_path)[0]["previous"] is None


def test_each_visit_gets_a_new_token_and_none_between_visits(tmp_path, log):
    log.record("session_start")
    first = log.session
    log.record("session_end", reason="staff")
    assert log.session is None
    log.record("stop_open", stop="gate", how="tile")  # on the attract screen, say
    log.record("session_start")
    assert log.session not in (None, first)
    log.flush()
    assert [e["session"] for e in stored(tmp_path)] == [first, first, None, log.session]


REFUSED = [
    ("unknown kind", "visitor_name", {"name": "Ann"}),
    ("kind not text", 5, {}),
    ("unknown field", "stop_open", {"stop": "gate", "how": "tile", "name": "Ann"}),
    ("free text as a stop", "stop_open", {"stop": "Ann Smith, row 3", "how": "tile"}),
    ("a stop id too long", "stop_open", {"stop": "a" * 65, "how": "tile"}),
    ("upper case stop", "content_note_declined", {"stop": "Gate"}),
    ("missing field", "stop_open", {"stop": "gate"}),
    ("unknown how", "stop_open", {"stop": "gate", "how": "voice"}),
    ("language name", "language", {"language": "Kazakh"}),
    ("seconds as text", "narration_pause", {"stop": "gate", "position": "12"}),
    ("negative seconds", "narration_pause", {"stop": "gate", "position": -1}),
    ("not a number", "narration_pause", {"stop": "gate", "position": float("nan")}),
    ("infinite", "narration_pause", {"stop": "gate", "position": float("inf")}),
    ("a bool for seconds", "narration_pause", {"stop": "gate", "position": True}),
    ("a number for a switch", "captions", {"on": 1}),
    ("unknown mode", "mode", {"mode": "dark", "on": True}),
    ("unknown reason", "session_end", {"reason": "visitor said bye"}),
    ("a field on a bare kind", "session_start", {"visitor": "Ann"}),
    ("what a visitor typed", "name_search", {"query": "Ковальская"}),
    ("which name was opened", "name_opened", {"person": "d000123"}),
]


@pytest.mark.parametrize("kind, fields", [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_refused_events_never_raise_are_logged_and_never_stored(tmp_path, log, caplog,
                                                                 kind, fields):
    with caplog.at_level(logging.WARNING, logger="kiosk.analytics"):
        log.record(kind, **fields)
    assert log.flush() == 0
    assert stored(tmp_path) == []
    assert "event refused" in caplog.text
    for value in fields.values():  # the log names the field, never the value
        if isinstance(value, str) and len(value) > 3:
            assert value not in caplog.text.replace(repr(kind), "")


def test_a_refusal_is_logged_once_however_often_it_happens(log, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.analytics"):
        for _ in range(1000):
            log.record("stop_open", stop="gate", how="voice")
    assert caplog.text.count("event refused") == 1


def test_a_broken_clock_does_not_raise(tmp_path):
    log = EventLog(tmp_path, clock=lambda: float("nan"))
    log.record("session_start")
    log.close()
    assert stored(tmp_path) == []


VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=80),
                   st.lists(st.integers(), max_size=3), st.dictionaries(st.text(), st.text(),
                                                                         max_size=2))


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.one_of(st.sampled_from(sorted(KINDS)), st.text(max_size=20)),
       fields=st.dictionaries(st.sampled_from(["stop", "how", "language", "previous",
                                               "position", "target", "listened", "duration",
                                               "on", "mode", "reason", "name", "text"]),
                              VALUES, max_size=5))
def test_whatever_the_ui_passes_record_never_raises_and_stores_only_the_vocabulary(
        tmp_path_factory, kind, fields):
    data = tmp_path_factory.mktemp("d")
    log = EventLog(data, clock=FakeClock(JUNE))
    log.record(kind, **fields)
    log.close()
    for event in stored(data):
        spec = KINDS[event["kind"]]
        assert set(event) == {"kind", "t", "session", *spec}
        for name in spec:
            value = event[name]
            assert value is None or type(value) in (bool, float) or (
                type(value) is str and (STOP_ID.match(value) or value.isalpha()))


def test_the_stop_id_vocabulary_accepts_exactly_the_tours_ids():
    from kiosk.content.model import STOP_ID_PATTERN
    for sample in ["gate", "barrack-1", "9", "a-b-c", "museum-hall-2", "x" * 64,
                   "Gate", "-gate", "gate_1", "gate 1", "", "ворота", "gate\n"]:
        in_tour = bool(re.match(STOP_ID_PATTERN + r"\Z", sample))
        assert bool(STOP_ID.match(sample)) == in_tour, sample


# --- the writer ------------------------------------------------------------------------

def test_one_flush_is_one_write_of_the_file(tmp_path, log, monkeypatch):
    writes = []
    real = storage_module.write_atomically
    monkeypatch.setattr(storage_module, "write_atomically",
                        lambda path, chunks: writes.append(path) or real(path, chunks))
    for i in range(500):
        log.record("stop_open", stop=f"hall-{i % 9}", how="tile")
    assert writes == []  # record() never touches the disk
    assert log.flush() == 500
    assert len(writes) == 1
    assert log.flush() == 0 and len(writes) == 1  # nothing queued: no write


def test_the_writer_thread_flushes_every_interval_and_at_close(tmp_path, clock):
    log = EventLog(tmp_path, clock=clock, interval=0.05)
    log.start()
    log.record("session_start")
    deadline = time.monotonic() + 60  # a generous wait for the writer: the event decides
    while not stored_safely(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(stored(tmp_path)) == 1
    log.interval = 60  # no more timed flushes: close() must write the rest
    time.sleep(0.1)
    log.record("session_end", reason="idle")
    log.close()
    assert [e["kind"] for e in stored(tmp_path)] == ["session_start", "session_end"]
    log.record("session_start")  # still usable after close: flush() writes
    assert log.flush() == 1


def stored_safely(data_dir):
    try:
        return stored(data_dir)
    except (OSError, ValueError):
        return []


def test_a_burst_wakes_the_writer_before_its_interval(tmp_path, clock):
    log = EventLog(tmp_path, clock=clock, interval=60, max_pending=100)
    log.start()
    for _ in range(60):
        log.record("captions", on=True)
    deadline = time.monotonic() + 60  # a generous wait for the writer: the event decides
    while len(stored_safely(tmp_path)) < 50 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(stored(tmp_path)) >= 50
    log.close()


def test_many_threads_recording_while_the_writer_runs_lose_and_repeat_nothing(tmp_path, clock):
    log = EventLog(tmp_path, clock=clock, interval=0.005, part_size=3000)
    log.start()

    def visitor(n):
        for i in range(2500):
            log.record("narration_pause", stop=f"hall-{n}", position=i / 10)
    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    log.close()
    events = stored(tmp_path)
    assert len(events) == 10_000
    for n in range(4):  # each thread's events, all there, in its order
        assert [e["position"] for e in events if e["stop"] == f"hall-{n}"] == [
            round(i / 10, 1) for i in range(2500)]
    assert len(files(tmp_path)) == 4  # 10,000 events in parts of 3,000


# --- months, parts, retention -----------------------------------------------------------

def test_events_go_to_the_file_of_their_month(tmp_path, log, clock):
    log.record("session_start")
    clock.now = JULY
    log.record("session_start")  # the same batch spans two months
    log.flush()
    clock.now = JULY + 60
    log.record("session_end", reason="idle")
    log.flush()
    assert files(tmp_path) == ["events-2025-06.json", "events-2025-07.json"]
    assert len(load_database(tmp_path / "analytics/events-2025-07.json").data["_default"]) == 2


def test_a_full_part_goes_on_in_the_next_and_a_restart_continues_there(tmp_path, clock):
    log = EventLog(tmp_path, clock=clock, part_size=5)
    for i in range(12):
        log.record("narration_pause", stop="gate", position=i)
    log.flush()
    log.close()
    assert files(tmp_path) == ["events-2025-06.2.json", "events-2025-06.3.json",
                               "events-2025-06.json"]
    again = EventLog(tmp_path, clock=clock, part_size=5)
    for i in range(12, 15):
        again.record("narration_pause", stop="gate", position=i)
    again.close()
    assert [e["position"] for e in stored(tmp_path)] == [float(i) for i in range(15)]
    assert len(load_database(tmp_path / "analytics/events-2025-06.3.json").data["_default"]) == 5


def test_a_full_month_drops_its_later_events_and_says_so_once(tmp_path, clock):
    log = EventLog(tmp_path, clock=clock, part_size=5, parts_per_month=2)
    for i in range(25):
        log.record("captions", on=True)
        log.flush()
    log.close()
    assert len(stored(tmp_path)) == 10
    assert [p for p in log.problems if "is full" in p] == [
        "The visit log for 2025-06 is full (10 events); later events of that month are not kept."]


def test_only_the_newest_months_are_kept(tmp_path, clock):
    folder = tmp_path / "analytics"
    folder.mkdir()
    for month in ("2024-12", "2025-01", "2025-02", "2025-03", "2025-04"):
        (folder / f"events-{month}.json").write_bytes(b"")
    (folder / "events-2025-01.2.json").write_bytes(b"")
    (folder / "events-2025-01.json.damaged-20250102-101010").write_bytes(b"x")
    (folder / "notes.txt").write_text("staff notes stay")
    log = EventLog(tmp_path, clock=clock, keep_months=3)  # June: 4 months + June -> 3
    log.record("session_start")
    log.close()
    assert files(tmp_path) == ["events-2025-03.json", "events-2025-04.json",
                               "events-2025-06.json", "notes.txt"]


def test_a_new_month_lets_the_oldest_go(tmp_path, clock):
    log = EventLog(tmp_path, clock=clock, keep_months=2)
    for t in (JUNE, JULY, dt.datetime(2025, 8, 3, 10).timestamp()):
        clock.now = t
        log.record("session_start")
        log.flush()
    log.close()
    assert files(tmp_path) == ["events-2025-07.json", "events-2025-08.json"]


def test_a_clock_far_in_the_future_deletes_nothing_it_should_keep(tmp_path, clock):
    log = EventLog(tmp_path, clock=clock, keep_months=24)
    log.record("session_start")
    log.flush()
    clock.now = dt.datetime(2099, 1, 1, 12).timestamp()
    log.record("session_start")
    log.close()
    assert files(tmp_path) == ["events-2025-06.json", "events-2099-01.json"]


# --- damaged files ---------------------------------------------------------------------

from samples.visit_logs import DAMAGED  # noqa: E402


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_is_set_aside_and_a_fresh_one_started(tmp_path, clock, caplog, content):
    folder = tmp_path / "analytics"
    folder.mkdir()
    (folder / "events-2025-06.json").write_bytes(content)
    with caplog.at_level(logging.ERROR, logger="kiosk.analytics"):
        log = EventLog(tmp_path, clock=clock)
    readable = len(storage_module.salvage(content))  # complete events before the damage
    names = files(tmp_path)
    set_aside = "events-2025-06.json.damaged-20250615-120000"
    assert names == (["events-2025-06.json"] if readable else []) + [set_aside]
    assert (folder / set_aside).read_bytes() == content  # kept as it was, for a look
    assert len(log.problems) == 1
    assert log.problems[0].startswith("The visit log events-2025-06.json was damaged (")
    assert "as events-2025-06.json.damaged-20250615-120000" in log.problems[0]
    assert "was damaged" in caplog.text
    log.record("session_start")
    log.close()
    assert len(stored(tmp_path)) == readable + 1 and len(files(tmp_path)) == 2


def test_an_empty_file_is_just_empty(tmp_path, clock):
    folder = tmp_path / "analytics"
    folder.mkdir()
    (folder / "events-2025-06.json").write_bytes(b"")
    log = EventLog(tmp_path, clock=clock)
    log.record("session_start")
    log.close()
    assert not log.problems and files(tmp_path) == ["events-2025-06.json"]


def test_a_huge_foreign_file_is_set_aside_without_being_read(tmp_path, clock, monkeypatch):
    folder = tmp_path / "analytics"
    folder.mkdir()
    huge = folder / "events-2025-06.json"
    with open(huge, "wb") as f:
        f.truncate(200 * 2**20)  # sparse
    real_read = Path.read_bytes
    read = []

    def noting_read(path):
        read.append(path.name)
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", noting_read)
    log = EventLog(tmp_path, clock=clock)
    monkeypatch.undo()
    assert "events-2025-06.json" not in read  # its size alone says it is not ours
    assert "200 MiB" in log.problems[0]
    log.close()


def test_a_large_valid_file_opens_and_continues(tmp_path, clock):
    folder = tmp_path / "analytics"
    folder.mkdir()
    docs = {str(i): {"kind": "captions", "t": JUNE, "on": True, "session": None}
            for i in range(1, 60_001)}  # twelve parts' worth, from elsewhere
    (folder / "events-2025-06.json").write_text(json.dumps({"_default": docs}))
    log = EventLog(tmp_path, clock=clock)
    log.record("session_start")
    log.close()
    assert not log.problems
    assert files(tmp_path) == ["events-2025-06.2.json", "events-2025-06.json"]


def test_leftovers_of_a_killed_writer_are_removed_at_start(tmp_path, clock):
    folder = tmp_path / "analytics"
    folder.mkdir()
    (folder / ".events-2025-06.json.x1y2.tmp").write_bytes(b'{"_default":{"1":')
    EventLog(tmp_path, clock=clock).close()
    assert files(tmp_path) == []


# --- a folder that cannot be written ----------------------------------------------------

def test_an_unusable_data_folder_keeps_events_in_memory_bounded(tmp_path, clock, caplog):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    with caplog.at_level(logging.ERROR, logger="kiosk.analytics"):
        log = EventLog(blocker, clock=clock, max_pending=100)
    assert "cannot be saved" in log.problems[0] and "Not a directory" in log.problems[0]
    for i in range(250):
        log.record("narration_pause", stop="gate", position=i)  # never raises
    assert log.pending == 100
    assert log.flush() == 0
    for i in range(250):
        log.record("narration_pause", stop="gate", position=i)
    log.flush()
    assert log.pending <= 200  # the queue's 100 and the writer's 100
    log.close()
    assert len([p for p in log.problems if "cannot be saved" in p]) == 1  # said once
    assert re.search(r"\d+ visit events were lost", log.problems[-1])


def test_a_full_disk_keeps_events_until_it_works_again_without_duplicates(tmp_path, clock,
                                                                           monkeypatch):
    log = EventLog(tmp_path, clock=clock)
    log.record("session_start")
    log.flush()
    real = storage_module.write_atomically

    def full(path, chunks):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(storage_module, "write_atomically", full)
    for i in range(5):
        log.record("narration_pause", stop="gate", position=i)
        assert log.flush() == 0
    assert log.pending == 5
    assert "No space left on device" in log.problems[-1]
    monkeypatch.setattr(storage_module, "write_atomically", real)
    assert log.flush() == 5
    log.close()
    assert [e.get("position") for e in stored(tmp_path)] == [None, 0.0, 1.0, 2.0, 3.0, 4.0]
    assert log.problems[-1] == "Visits are being saved again."


def test_a_data_folder_removed_while_running_is_made_again(tmp_path, clock):
    import shutil
    log = EventLog(tmp_path / "data", clock=clock)
    log.record("session_start")
    log.flush()
    shutil.rmtree(tmp_path / "data")
    log.record("session_end", reason="idle")
    assert log.flush() == 1
    log.close()
    assert len(stored(tmp_path / "data")) == 2


def test_record_never_raises_even_if_the_internals_break(log, monkeypatch):
    monkeypatch.setattr(events_module, "checked", lambda kind, fields: 1 / 0)
    log.record("session_start")  # logged, not raised
