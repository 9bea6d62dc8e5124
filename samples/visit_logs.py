"""A kiosk's visit log for tests and benchmarks: visits written by the kiosk's own log, and
what it saved read back."""

from __future__ import annotations

import json
from pathlib import Path

from tinydb import TinyDB

from kiosk.analytics import EventLog, months
from kiosk.analytics.storage import TABLE

#: A day, in seconds.
DAY = 86_400.0
#: Noon on 2026-11-02 (UTC), when sample visits begin: ``NOON + n * DAY`` is noon n days on.
NOON = 1_793_620_800.0


def record_visits(data_dir: Path, count: int, start: float = NOON, stop: str = "stop-1") -> None:
    """``count`` visits written by the kiosk's real log in ``data_dir``: each opens ``stop``
    from its tile and ends idle, an event a second from ``start`` on."""
    now = [start]

    def clock():
        now[0] += 1.0
        return now[0]

    log = EventLog(data_dir, clock=clock)
    for _ in range(count):
        log.record("session_start")
        log.record("stop_open", stop=stop, how="tile")
        log.record("session_end", reason="idle")
    log.close()


def saved_events(data_dir: Path) -> list[dict]:
    """Every event on disk in ``data_dir``'s visit log, oldest first."""
    events = []
    for path in months.event_files(months.folder(Path(data_dir))):
        with TinyDB(path, access_mode="r") as db:
            events += [dict(doc) for doc in db.table(TABLE).all()]
    return sorted(events, key=lambda event: event["t"])


def saved_kinds(data_dir: Path) -> list[str]:
    """The kinds of the events on disk, oldest first."""
    return [event["kind"] for event in saved_events(data_dir)]


def event(i: int) -> dict:
    """The ``i``th of a run of sample events, as the visit log saves them."""
    return {"kind": "stop_open", "t": 1750000000.0 + i, "stop": f"hall-{i % 7}", "how": "tile",
            "session": "0a1b2c3d"}


#: A visit log file of two events, as TinyDB writes it.
GOOD = json.dumps({"_default": {"1": event(1), "2": event(2)}}, separators=(",", ":")).encode()

#: What a visit log file may hold after a power cut, a full disk or another program.
DAMAGED = {
    "truncated": GOOD[: len(GOOD) // 2],
    "truncated to one byte": b"{",
    "blank but not empty": b"   \n\t ",
    "zero bytes of a power cut": b"\x00" * 4096,
    "not JSON": b"this is not a database",
    "binary": bytes(range(256)) * 4,
    "a JSON list": b"[1, 2, 3]",
    "a JSON string": b'"events"',
    "null": b"null",
    "table is a number": b'{"_default": 5}',
    "table is a list": b'{"_default": [1, 2]}',
    "documents are numbers": b'{"_default": {"1": 5}}',
    "ids that are not numbers": b'{"_default": {"x": {"kind": "stop_open", "t": 1}}}',
    "unicode digits as ids": '{"_default": {"²": {"kind": "stop_open", "t": 1}}}'.encode(),
    "another program's tinydb": b'{"_default": {"1": {"name": "Ann", "email": "a@b"}}}',
    "other tables": b'{"_default": {}, "users": {"1": {"name": "Ann"}}}',
    "t is not a time": b'{"_default": {"1": {"kind": "stop_open", "t": "noon"}}}',
    "nested too deep": b"[" * 100_000 + b"]" * 100_000,
    "trailing garbage": GOOD + b"}}}",
}
