"""Notices when staff change stops.yaml or the assets, and says so once per burst of edits.

An editor's save is several file-system events (a temporary file, a rename, a write, a
change of attributes); a copy of a folder of photographs is hundreds. ``TourWatcher``
waits until the content folder has been quiet for ``debounce`` seconds, then calls
``on_change()`` once, from its own thread (the UI marshals it to its thread). No Kivy here.

What is watched: ``stops.yaml`` and the lists beside it (``*.csv``: names.csv) in the
content folder, and every file under the folders
named in ``folders`` (``assets/`` by default), recursively. The content folder itself is
watched only one level deep: by default it is the project folder, whose ``.git``,
``.venv`` and ``__pycache__`` folders hold thousands of files nobody edits for the tour.

inotify is used where it can be (events arrive at once); where it cannot (the watch limit
is reached, or the folder is on a file system without it), watchdog's PollingObserver
looks every second. Either way a change is reported within 2 s: at most 1 s + debounce.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
                             FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
                             FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger(__name__)

TOUR_FILE = "stops.yaml"
#: The lists kept beside stops.yaml (the names on the Wall of Memory, names.csv).
LIST_ENDING = ".csv"
POLL_INTERVAL = 1.0

#: Files editors, file managers and copy tools write on the way to the real file.
TEMPORARY_PATTERNS = (
    "*.swp", "*.swo", "*.swx", "*.swn",  # vim swap files
    "4913",                              # vim's "can I write here?" probe
    "*~",                                # backups (vim, emacs, gedit, nano)
    ".#*", "#*#",                        # emacs lock and auto-save files
    "*.tmp", "*.temp", "*.bak", "*.part", "*.crdownload", "*.partial",
    ".goutputstream-*",                  # GNOME (gedit) atomic saves
    ".~lock.*#",                         # LibreOffice locks
    "~$*",                               # Microsoft Office owner files
    ".DS_Store", "._*", "Thumbs.db", "desktop.ini",
    "*.kate-swp", ".*.kate-swp", "*___jb_tmp___", "*___jb_old___",  # Kate, JetBrains
    ".syncthing.*", "*.sb-*",            # Syncthing, macOS safe-save
)

#: Events that change something. Opening and reading a file (as the loader does) do not.
_EVENTS = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
           FileClosedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


def is_temporary(name: str) -> bool:
    """Whether a file name looks like an editor's or copier's temporary file."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in TEMPORARY_PATTERNS)


class TourWatcher:
    """Calls ``on_change()`` once after each burst of changes to the tour's files.

    ``debounce``: seconds of quiet that end a burst. ``max_delay``: a burst that never
    goes quiet (a long copy) is still reported after this many seconds.
    ``polling``: None tries inotify then falls back to polling; True always polls
    (for network file systems); False never does.
    """

    def __init__(self, content_dir: str | Path, on_change: Callable[[], None],
                 debounce: float = 0.5, folders: tuple[str, ...] = ("assets",),
                 polling: bool | None = None, max_delay: float = 5.0):
        self.content_dir = Path(content_dir).resolve()
        self.on_change = on_change
        self.debounce = debounce
        self.max_delay = max(max_delay, debounce)
        self.folders = tuple(folders)
        self.polling = polling
        self._observer = None
        self._watches: dict[str, object] = {}
        self._handler = _Handler(self)
        self._cond = threading.Condition()
        self._first: float | None = None  # when the burst being waited out began
        self._last = 0.0                  # its latest event
        self._stopping = False
        self._thread: threading.Thread | None = None

    @property
    def mode(self) -> str:
        """``"inotify"`` or ``"polling"`` (``"stopped"`` before start)."""
        if self._observer is None:
            return "stopped"
        return "polling" if isinstance(self._observer, PollingObserver) else "inotify"

    def start(self) -> None:
        if self._observer is not None:
            return
        self._stopping = False
        if self.polling is not True:
            try:
                self._observer = self._start_observer(Observer())
            except OSError as error:  # e.g. inotify watch or instance limit reached
                if self.polling is False:
                    raise
                log.warning("cannot watch %s with inotify (%s); checking every %.0f s instead",
                            self.content_dir, error, POLL_INTERVAL)
                self._observer = None
        if self._observer is None:
            self._observer = self._start_observer(PollingObserver(timeout=POLL_INTERVAL))
        self._thread = threading.Thread(target=self._run, name="tour-watcher", daemon=True)
        self._thread.start()

    def _start_observer(self, observer):
        self._watches = {}
        try:
            self._watches[""] = observer.schedule(self._handler, str(self.content_dir),
                                                  recursive=False, event_filter=_EVENTS)
            for folder in self.folders:
                self._watch_folder(observer, folder)
            observer.daemon = True
            observer.start()
        except BaseException:
            try:
                observer.stop()
            except Exception:
                pass
            raise
        return observer

    def _watch_folder(self, observer, folder: str) -> None:
        """Watch ``content_dir/folder`` recursively, afresh (it may have been replaced)."""
        old = self._watches.pop(folder, None)
        if old is not None:
            try:
                observer.unschedule(old)
            except (KeyError, OSError):
                pass
        path = self.content_dir / folder
        if path.is_dir():
            self._watches[folder] = observer.schedule(self._handler, str(path), recursive=True,
                                                      event_filter=_EVENTS)

    def stop(self) -> None:
        observer, self._observer = self._observer, None
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if observer is not None:
            observer.stop()
            if observer is not threading.current_thread():
                observer.join(timeout=5)
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def __enter__(self) -> "TourWatcher":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- events --------------------------------------------------------------------------

    def _relevant(self, path: str) -> bool:
        if not path:
            return False
        try:
            rel = Path(os.fsdecode(path)).relative_to(self.content_dir)
        except ValueError:
            return False
        if not rel.parts or any(is_temporary(part) for part in rel.parts):
            return False
        if len(rel.parts) == 1:  # the content folder itself: stops.yaml, the lists beside
            name = rel.parts[0]  # it (names.csv), or a folder we watch
            return name == TOUR_FILE or name.endswith(LIST_ENDING) or name in self.folders
        return rel.parts[0] in self.folders

    def _event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file in it changed: that file's own event says so
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if not any(self._relevant(p) for p in paths):
            return
        # A watched folder itself created, moved in or replaced: watch the new one.
        for path in paths:
            name = Path(os.fsdecode(path)) if path else None
            if (name is not None and event.is_directory and name.parent == self.content_dir
                    and name.name in self.folders and self._observer is not None):
                try:
                    self._watch_folder(self._observer, name.name)
                except OSError as error:
                    log.warning("cannot watch %s: %s", name, error)
        self.touch()

    def touch(self) -> None:
        """Count as a change now (also what each relevant event does)."""
        with self._cond:
            now = time.monotonic()
            if self._first is None:
                self._first = now
            self._last = now
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._first is None and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                now = time.monotonic()
                due = min(self._last + self.debounce, self._first + self.max_delay)
                if now < due:
                    self._cond.wait(due - now)
                    continue
                self._first = None
            try:
                self.on_change()
            except Exception:
                log.exception("on_change failed")


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: TourWatcher):
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            self._watcher._event(event)
        except Exception:  # never let the observer's thread die
            log.exception("file event not handled: %r", event)
