"""The list of names the tour shows, read and indexed away from the screen's thread.

Reading 20,000 rows and building their index takes about half a second, 200,000 about
five (docs/performance.md): the kiosk must go on drawing meanwhile. ``RollLoader.load``
reads and indexes in a thread of its own and hands the finished :class:`NamedRoll` to
``deliver`` (the kiosk passes it on to its screen thread). A newer load makes an older one's
result void, so a quick second edit of names.csv never shows the first one's list. No
Kivy here.

Nothing a visitor types passes through this module: it only builds the index.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .roll import Person, read_named_roll
from .search import Match, NameIndex


@dataclass(frozen=True)
class NamedRoll:
    """A list of names ready to search: its persons' index and the wall's size."""

    index: NameIndex
    #: How many panels the wall has and how many rows a panel holds (the largest named).
    panels: int
    rows: int
    #: Rows left out for a problem (``check`` names them); the others are shown.
    problems: int = 0
    #: What was read: the file's size and time, to skip a reload of the same file.
    signature: tuple = field(default=(), compare=False)

    def __len__(self) -> int:
        return len(self.index)

    def search(self, query: str, limit: int = 20) -> list[Match]:
        return self.index.search(query, limit)


def read_and_index(root: Path, relative: str, stop_ids: frozenset[str]) -> NamedRoll:
    """Read ``relative`` (museum.names) in ``root`` and build its index."""
    signature = file_signature(root / relative)
    roll = read_named_roll(root, relative, stop_ids)
    people: list[Person] = roll.people
    return NamedRoll(NameIndex(people),
                     panels=max((p.panel for p in people), default=0),
                     rows=max((p.row for p in people), default=0),
                     problems=len(roll.errors), signature=signature)


def file_signature(path: Path) -> tuple:
    try:
        info = path.stat()
    except OSError:
        return ()
    return (str(path), info.st_size, info.st_mtime_ns)


class RollLoader:
    """Loads one list at a time in the background; ``deliver(roll or None)`` gets the
    newest load's result (None: the list could not be read at all)."""

    def __init__(self, deliver: Callable[[NamedRoll | None], None],
                 read: Callable[[Path, str, frozenset[str]], NamedRoll] = read_and_index):
        self._deliver = deliver
        self._read = read
        self._generation = 0
        self._lock = threading.Lock()

    def load(self, root: Path, relative: str, stop_ids: frozenset[str]) -> threading.Thread:
        with self._lock:
            self._generation += 1
            generation = self._generation
        thread = threading.Thread(target=self._run, args=(generation, root, relative, stop_ids),
                                  name="names-index", daemon=True)
        thread.start()
        return thread

    def forget(self) -> None:
        """Any load under way is void (the tour no longer names a list)."""
        with self._lock:
            self._generation += 1

    def _run(self, generation: int, root: Path, relative: str,
             stop_ids: frozenset[str]) -> None:
        try:
            roll: NamedRoll | None = self._read(root, relative, stop_ids)
        except Exception:  # noqa: BLE001  (a list that cannot be read hides the search)
            logging.getLogger(__name__).exception("the list of names could not be indexed")
            roll = None
        with self._lock:
            if generation != self._generation:
                return
        self._deliver(roll)
