"""The visit log: what visitors do with the guide, kept without slowing the screen.

``record()`` runs on the UI thread: it checks the event against ``kinds`` (no free text,
nothing personal), stamps it with the time and the visit's token, and appends it to an
in-memory queue. It never touches the disk, never blocks and never raises.

One writer, the thread started by ``start()``, empties the queue every ``interval``
seconds into the month's TinyDB file with one ``insert_multiple`` (one file write) per
flush. TinyDB is not thread-safe: every write, the writer's or ``flush()``'s on the
caller's thread (at exit, in tests), happens under one lock, so only one thread is ever in
TinyDB.

Nothing here stops the kiosk. A damaged file is set aside and a fresh one started; a
folder that cannot be written keeps events in memory (bounded) and tries again at each
flush. What went wrong is logged and told to staff in ``problems``.
"""

from __future__ import annotations

import atexit
import collections
import logging
import secrets
import threading
import time
from pathlib import Path
from typing import Any, Callable

from tinydb import TinyDB

from . import months
from .kinds import Refused, checked
from .storage import (MAX_FILE_BYTES, TABLE, AtomicJSONStorage, DamagedFile, move_aside,
                      remove_leftovers)

log = logging.getLogger(__name__)

#: Latest event time taken (year 8307): ``datetime`` stops at 9999, and a month's end must
#: still be computable, or one event would block every batch after it.
_LAST_T = 2e11
#: ``problems`` keeps this many sentences, the newest.
_PROBLEMS_KEPT = 20
#: Events per file. TinyDB rewrites the whole file at each flush and walks every document
#: in Python twice (~0.2 ms per 1,000 with the GIL held, handed over every 5 ms): a full
#: part of 5,000 (~0.55 MB) costs ~2 ms of CPU and one 0.55 MB write a flush.
PART_SIZE = 5_000


class _Part:
    """One open file of a month: its TinyDB, storage and number."""

    def __init__(self, month: str, number: int, path: Path, storage: AtomicJSONStorage):
        self.month, self.number, self.path, self.storage = month, number, path, storage
        self.db = TinyDB(storage=lambda: storage)  # TinyDB builds its storage: hand it ours

    @property
    def count(self) -> int:
        return self.storage.count


class EventLog:
    """The kiosk's anonymous visit log. See the module docstring."""

    def __init__(self, data_dir: str | Path, clock: Callable[[], float] = time.time, *,
                 interval: float = 2.0, part_size: int = PART_SIZE, parts_per_month: int = 100,
                 max_pending: int = 10_000, keep_months: int = 24,
                 max_file_bytes: int = MAX_FILE_BYTES):
        self.folder = months.folder(Path(data_dir))
        self.clock = clock
        self.interval = interval
        self.part_size = part_size
        self.parts_per_month = parts_per_month
        self.max_pending = max_pending
        self.keep_months = keep_months
        self.max_file_bytes = max_file_bytes

        self._queue: collections.deque[dict] = collections.deque()
        self._wake_at = max(1, max_pending // 2)  # a burst wakes the writer early
        self._unsaved: list[dict] = []  # taken from the queue, not yet on disk (writer's)
        self._session: str | None = None
        self._problems: list[str] = []
        self._refusals: dict[str, int] = {}
        self._dropped = 0  # events lost to the memory bound, since the start
        self._failing = False  # the last flush could not write
        self._full_months: set[str] = set()

        self._lock = threading.Lock()  # the one writer at a time
        self._wake = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._open: dict[str, _Part] = {}
        self._month_of = months.MonthOf()

        try:
            with self._lock:
                self._prepare()
                self._part(self._month_of(self.clock()))
        except Exception as exc:  # noqa: BLE001 - the kiosk runs on, events wait in memory
            self._cannot_save(exc)

    # --- the UI thread ---------------------------------------------------------------

    def record(self, kind: str, **fields: Any) -> None:
        """Queue one event (see ``kinds.KINDS``). O(1), thread-safe, never raises."""
        try:
            event = {"kind": kind, "t": round(self.clock(), 1)}
            event.update(checked(kind, fields))
            if not 0 <= event["t"] < _LAST_T:
                raise Refused(f"{kind}: the clock reads {event['t']!r}")
            if kind == "session_start":
                self._session = secrets.token_hex(4)  # a visit, not a person
            event["session"] = self._session
            if kind == "session_end":
                self._session = None
            if len(self._queue) >= self.max_pending:
                self._dropped += 1
                return
            self._queue.append(event)
            if len(self._queue) >= self._wake_at:
                self._wake.set()
        except Refused as why:
            self._refuse(str(why))
        except Exception as exc:  # noqa: BLE001 - a visit log must never break the screen
            where = f"{str(kind)[:40]}: {type(exc).__name__}"
            if where not in self._refusals:  # once each, like refusals
                self._refusals[where] = 1
                log.exception("Visit log: could not record %s", where)

    def _refuse(self, why: str) -> None:
        # once per reason: a caller in a loop must not flood the log
        seen = self._refusals.get(why, 0)
        if len(self._refusals) < 1000 or seen:
            self._refusals[why] = seen + 1
        if not seen:
            log.warning("Visit log: event refused: %s", why)

    @property
    def problems(self) -> list[str]:
        """Sentences for staff about the log's files, newest last."""
        problems = list(self._problems)
        if self._dropped:  # one running total, not a sentence per flush
            problems.append(f"{self._dropped:,} visit events were lost: more than "
                            f"{self.max_pending:,} were waiting to be saved.")
        return problems

    @property
    def session(self) -> str | None:
        """The current visit's token (None between visits)."""
        return self._session

    @property
    def pending(self) -> int:
        """Events in memory, not yet on disk."""
        return len(self._queue) + len(self._unsaved)

    # --- the writer ------------------------------------------------------------------

    def start(self) -> None:
        """Start the writer thread: a flush every ``interval`` seconds, and at exit."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="visit-log-writer", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            if self._stopping:
                return
            self.flush()

    def flush(self) -> int:
        """Write everything queued now (blocking); how many events were written."""
        try:
            with self._lock:
                return self._flush()
        except Exception:  # noqa: BLE001
            log.exception("Visit log: flush failed")
            return 0

    def close(self) -> None:
        """Flush and stop the writer. The log can still record and flush afterwards."""
        self._stopping = True
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=30)
        atexit.unregister(self.close)
        self.flush()
        with self._lock:
            for part in self._open.values():
                part.db.close()
            self._open.clear()

    # --- under the lock --------------------------------------------------------------

    def _flush(self) -> int:
        batch = self._unsaved
        queue = self._queue
        for _ in range(len(queue)):  # what is queued now; later events wait for the next
            batch.append(queue.popleft())
        self._unsaved = []
        if not batch:
            return 0
        consumed = saved = 0  # consumed: saved, or dropped because the month is full
        try:
            if not self.folder.is_dir():
                self._prepare()
            for month, events in self._by_month(batch):
                done = 0
                while done < len(events):
                    part = self._part(month)
                    if part is None:
                        self._month_full(month, len(events) - done)
                        consumed += len(events) - done
                        break
                    chunk = events[done:done + self.part_size - part.count]
                    part.db.insert_multiple(chunk)  # one write of the file
                    done += len(chunk)
                    consumed += len(chunk)
                    saved += len(chunk)
        except Exception as exc:  # noqa: BLE001 - keep what is left for the next flush
            self._unsaved = batch[consumed:]
            if len(self._unsaved) > self.max_pending:  # memory is bounded here too
                self._dropped += len(self._unsaved) - self.max_pending
                del self._unsaved[:-self.max_pending]
            self._cannot_save(exc)
            return saved
        if self._failing:
            self._failing = False
            self._note("Visits are being saved again.")
            log.info("Visit log: saving works again")
        return saved

    def _by_month(self, batch: list[dict]):
        """The batch in runs of one month each, in order (nearly always a single run)."""
        month_of = self._month_of
        start, month = 0, month_of(batch[0]["t"])
        for i in range(1, len(batch)):
            other = month_of(batch[i]["t"])
            if other != month:
                yield month, batch[start:i]
                start, month = i, other
        yield month, batch[start:]

    def _month_full(self, month: str, dropped: int) -> None:
        if month not in self._full_months:  # said once per month
            self._full_months.add(month)
            log.error("Visit log: %s is full; dropping its later events", month)
            self._note(f"The visit log for {month} is full "
                       f"({self.parts_per_month * self.part_size:,} events); later events "
                       f"of that month are not kept.")

    def _part(self, month: str) -> _Part | None:
        """The month's part with room in it: opened (checked, repaired) or started."""
        part = self._open.get(month)
        if part is not None and part.count < self.part_size:
            return part
        if part is not None:
            number = part.number + 1
        else:
            existing = months.parts(self.folder, month)
            number = existing[-1][0] if existing else 1
        while number <= self.parts_per_month:
            path = self.folder / months.part_name(month, number)
            storage = AtomicJSONStorage(path, self.max_file_bytes)
            try:
                storage.load()
            except DamagedFile as why:
                self._set_aside(path, str(why), kept=len(why.salvaged))
                storage = AtomicJSONStorage(path, self.max_file_bytes)
                if why.salvaged:  # what could be read goes on in the fresh file
                    storage.write({TABLE: why.salvaged})
            if storage.count < self.part_size:
                self._remember(_Part(month, number, path, storage))
                return self._open[month]
            number += 1
        return None

    def _remember(self, part: _Part) -> None:
        old = self._open.pop(part.month, None)
        if old is not None:
            old.db.close()
        if part.month >= max(self._open, default=""):
            # the newest month (a new month, or the first part opened): close the others
            # and let the oldest months go
            for other in self._open.values():
                other.db.close()
            self._open.clear()
            months.keep_newest(self.folder, self.keep_months, also=part.month)
        self._open[part.month] = part

    def _set_aside(self, path: Path, why: str, kept: int = 0) -> None:
        target = move_aside(path, self.clock())
        log.error("Visit log: %s was damaged (%s); set aside as %s, a new one started "
                  "with the %d events that could be read", path, why, target.name, kept)
        if kept:
            lost = ("the events after them are missing from the figures; the damaged "
                    "file is kept for a look")
            self._note(f"The visit log {path.name} was damaged ({why}). Its first "
                       f"{kept:,} events could be read and are kept in a new "
                       f"{path.name}; {lost} as {target.name}.")
        else:
            self._note(f"The visit log {path.name} was damaged ({why}). It was set aside as "
                       f"{target.name} and a new one was started; the visits it held are "
                       f"missing from the figures.")

    def _prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.folder, "events-*.json")

    def _cannot_save(self, exc: Exception) -> None:
        if self._failing:
            return  # said once per spell of failures
        self._failing = True
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        log.error("Visit log: cannot save to %s: %s", self.folder, exc,
                  exc_info=not isinstance(exc, OSError))
        self._note(f"Visits cannot be saved in {self.folder} ({reason}). They are kept in "
                   f"memory (up to {self.max_pending:,}) and saved as soon as it works again.")

    def _note(self, sentence: str) -> None:
        self._problems.append(sentence)
        del self._problems[:-_PROBLEMS_KEPT]
