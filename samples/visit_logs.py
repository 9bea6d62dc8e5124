"""Reading back what a kiosk saved in its visit log, as a test or a benchmark checks it."""

from __future__ import annotations

from pathlib import Path

from tinydb import TinyDB

from kiosk.analytics import months
from kiosk.analytics.storage import TABLE


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
