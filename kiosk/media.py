"""Display-size copies of the tour's pictures, prepared once and kept in the data folder.

Staff drop camera photographs (24-megapixel JPEGs, PNGs, EXIF-rotated). Decoding one takes
a large fraction of a second; a display-size copy decodes many times faster. This module
makes those copies with Pillow and tells the UI which file to show. No Kivy here.

- ``display_path(original)`` / ``thumbnail_path(original)`` never block on preparing: they
  stat the original and look it up in memory; until its copy is ready they return the
  original itself.
- Copies are keyed by the SHA-256 of the original's bytes, so a renamed or copied file
  reuses its copy, and an edited one gets a new one. The stat key (path, size, mtime_ns)
  -> hash is kept in ``index.json`` so that nothing is hashed again while files are unchanged.
- Every copy is an RGB baseline JPEG (quality 88), EXIF orientation applied (Kivy does not
  apply it). A picture with transparency is flattened onto the kiosk's background colour
  (#16181b, ``theme.ground``): every copy is then a JPEG, the fastest kind to decode, and
  it looks the same as the transparent original does on the kiosk's screen.
- Originals are only ever read. Copies and the index are written to a temporary file in
  the cache folder, flushed, then renamed into place: a power cut leaves either the old
  file or the new one, never half of one.
- Each copy's own SHA-256 is kept in the index when it is written. A copy is checked
  against it before it is first served (once per copy while the kiosk runs) and at every
  ``prepare``: a copy that was damaged or overwritten is removed and made again from the
  original, which is shown meanwhile. A copy the screen still fails to draw is dropped the
  same way (:meth:`PreparedMedia.discard`).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .atomic import write_atomically
from .media_worker import PictureWorker
from .picture_copy import file_sha256, render, save_jpeg, why_not_prepared

log = logging.getLogger(__name__)

#: Bumped whenever the way copies are made changes, so old copies are not served.
RECIPE = 1
INDEX_FILE = "index.json"

#: progress(done, total, path): called after each picture (done counts it).
Progress = Callable[[int, int, Path], None]


@dataclass
class PrepareReport:
    """What one ``prepare`` did. Paths are the originals as given."""

    prepared: list[Path] = field(default_factory=list)   #: copies made now
    ready: list[Path] = field(default_factory=list)      #: copies that were already there
    failed: list[tuple[Path, str]] = field(default_factory=list)  #: (original, reason)
    hashes: set[str] = field(default_factory=set)        #: content hashes of every success
    seconds: float = 0.0
    cancelled: bool = False                              #: stopped early (superseded)
    remade: list[Path] = field(default_factory=list)     #: damaged copies made again now

    @property
    def total(self) -> int:
        return len(self.prepared) + len(self.ready) + len(self.failed)

    def summary(self) -> str:
        text = (f"{len(self.prepared)} prepared, {len(self.ready)} already ready, "
                f"{len(self.failed)} failed")
        if self.remade:
            text += f" ({len(self.remade)} damaged cop{'y' if len(self.remade) == 1 else 'ies'} made again)"
        return text + (" (cancelled)" if self.cancelled else "")


def tour_pictures(tour) -> list[Path]:
    """Every picture of every stop of ``tour``, in order, each once."""
    return list(dict.fromkeys(tour.file(p.file) for stop in tour.stops for p in stop.images))


class PreparedMedia:
    """The cache of prepared pictures in ``cache_dir`` (``DATA/media-cache``)."""

    def __init__(self, cache_dir: str | Path, display_size: tuple[int, int] = (1920, 1200),
                 thumb_size: tuple[int, int] = (640, 400)):
        self.cache_dir = Path(cache_dir)
        self.display_size = tuple(display_size)
        self.thumb_size = tuple(thumb_size)
        self._lock = threading.Lock()
        #: (absolute path, size, mtime_ns) -> sha256 of the file's bytes
        self._by_stat: dict[tuple[str, int, int], str] = {}
        #: sha256 -> True for every hash whose display copy and thumbnail are both on disk
        self._ready: dict[str, bool] = {}
        #: copy file name -> sha256 of the copy's own bytes, as written
        self._copy_digests: dict[str, str] = {}
        #: copy file names checked against their digest since this object was made
        self._verified: set[str] = set()
        #: hashes whose copies were found damaged and dropped, until they are made again
        self._damaged: set[str] = set()
        self._worker = PictureWorker(self, PrepareReport)
        self._dirty = False  # the index in memory differs from the one on disk
        self._load()

    # -- where to find a picture ---------------------------------------------------------

    def _names(self, sha: str) -> tuple[str, str]:
        dw, dh = self.display_size
        tw, th = self.thumb_size
        return (f"{sha}.r{RECIPE}.display-{dw}x{dh}.jpg",
                f"{sha}.r{RECIPE}.thumb-{tw}x{th}.jpg")

    def _lookup(self, original: str | Path) -> str | None:
        path = os.path.abspath(original)
        try:
            st = os.stat(path)
        except OSError:
            return None
        sha = self._by_stat.get((path, st.st_size, st.st_mtime_ns))
        return sha if sha is not None and sha in self._ready else None

    def _copy(self, original: str | Path, which: int) -> Path:
        sha = self._lookup(original)
        if sha is not None:
            name = self._names(sha)[which]
            copy = self.cache_dir / name
            if name in self._verified or self._intact(name):
                self._verified.add(name)
                return copy
            self._forget(sha)  # damaged or removed behind our back: made again next time
        return Path(original)

    def _intact(self, name: str) -> bool:
        """Whether the copy ``name`` is on disk with the bytes it was written with."""
        expected = self._copy_digests.get(name)
        if expected is None:
            return False
        try:
            return file_sha256(self.cache_dir / name) == expected
        except OSError:
            return False

    def _forget(self, sha: str) -> None:
        """Drop both copies of ``sha`` (files and records): they are made again."""
        with self._lock:
            self._ready.pop(sha, None)
            self._damaged.add(sha)
            for name in self._names(sha):
                self._verified.discard(name)
                self._copy_digests.pop(name, None)
                self._dirty = True
        for name in self._names(sha):
            try:
                os.unlink(self.cache_dir / name)
            except FileNotFoundError:
                pass
            except OSError as error:
                log.warning("could not remove the damaged copy %s: %s", name, error)

    def discard(self, shown: str | Path) -> Path | None:
        """The screen could not draw ``shown``, a copy from this cache: remove it.

        Returns the original to show instead (None if ``shown`` is not one of our copies).
        The next ``prepare`` (or background job) makes the copy again.
        """
        shown = Path(shown)
        if shown.parent != self.cache_dir:
            return None
        sha = shown.name.split(".", 1)[0]
        originals = [path for (path, _size, _mtime), known in self._by_stat.items()
                     if known == sha]
        log.warning("prepared copy %s could not be drawn; it is made again", shown.name)
        self._forget(sha)
        return Path(originals[0]) if originals else None

    def display_path(self, original: str | Path) -> Path:
        """The display-size copy of ``original`` if it is ready and intact, else ``original``.

        Never waits on preparing: a stat and a dictionary look-up, plus, the first time a
        copy is served, a check of its bytes against the digest recorded when it was made.
        """
        return self._copy(original, 0)

    def thumbnail_path(self, original: str | Path) -> Path:
        """The thumbnail (for the tour's tiles) of ``original`` if ready, else ``original``."""
        return self._copy(original, 1)

    def is_ready(self, original: str | Path) -> bool:
        return self._lookup(original) is not None

    # -- the index -----------------------------------------------------------------------

    def _load(self) -> None:
        """Read the index and see which copies are on disk. Never raises."""
        try:
            names = {entry.name for entry in os.scandir(self.cache_dir)}
        except OSError:
            return
        by_stat, digests = {}, {}
        try:
            data = json.loads((self.cache_dir / INDEX_FILE).read_text(encoding="utf-8"))
            for path, size, mtime_ns, sha in data.get("files", []):
                by_stat[(str(path), int(size), int(mtime_ns))] = str(sha)
            digests = {str(name): str(digest)
                       for name, digest in dict(data.get("copies", {})).items()}
        except (OSError, ValueError, TypeError, AttributeError) as error:
            if (self.cache_dir / INDEX_FILE).exists():
                log.warning("media cache index unreadable (%s); pictures will be hashed again",
                            error)
        ready = {}
        for sha in set(by_stat.values()):
            # A copy with no recorded digest (an older cache) cannot be checked: made again.
            if all(name in names and name in digests for name in self._names(sha)):
                ready[sha] = True
        self._by_stat, self._ready, self._copy_digests = by_stat, ready, digests

    def _save_index(self) -> None:
        with self._lock:
            files = [[p, s, m, sha] for (p, s, m), sha in self._by_stat.items()]
            copies = dict(sorted(self._copy_digests.items()))
            self._dirty = False
        payload = json.dumps({"version": 2, "files": files, "copies": copies},
                             indent=0).encode("utf-8")
        try:
            write_atomically(self.cache_dir / INDEX_FILE, lambda stream: stream.write(payload))
        except OSError as error:
            log.warning("media cache index not saved: %s", error)

    # -- preparing -----------------------------------------------------------------------

    def prepare(self, paths: Iterable[str | Path], progress: Progress | None = None,
                cancel: threading.Event | None = None) -> PrepareReport:
        """Make the copies of ``paths`` that are not ready yet. Never raises on a bad file.

        Idempotent: an unchanged file (same path, size and mtime) whose copies exist is not
        even read again; a changed, renamed or copied one is hashed, and reuses copies of
        the same bytes. ``cancel`` (set from another thread) stops it between pictures.
        """
        began = time.perf_counter()
        report = PrepareReport()
        originals = list(dict.fromkeys(Path(p) for p in paths))
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            report.failed = [(p, f"the media cache {self.cache_dir} cannot be created "
                              f"({error.strerror})") for p in originals]
            report.seconds = time.perf_counter() - began
            return report
        made_count = 0
        for done, original in enumerate(originals, 1):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            try:
                sha, made, remade = self._prepare_one(original)
            except Exception as error:  # one bad picture never stops the others
                report.failed.append((original, why_not_prepared(error)))
                log.warning("picture not prepared: %s: %s", original, why_not_prepared(error))
            else:
                report.hashes.add(sha)
                (report.prepared if made else report.ready).append(original)
                if remade:
                    report.remade.append(original)
                made_count += made
                if made and made_count % 20 == 0:
                    self._save_index()  # now and then: a long first run keeps its work
            if progress is not None:
                progress(done, len(originals), original)
        if self._dirty:
            self._save_index()
        report.seconds = time.perf_counter() - began
        return report

    def _prepare_one(self, original: Path) -> tuple[str, bool, bool]:
        """Returns (content hash, whether copies were made now, whether they replaced
        damaged ones)."""
        path = os.path.abspath(original)
        st = os.stat(path)
        key = (path, st.st_size, st.st_mtime_ns)
        sha = self._by_stat.get(key)
        names = self._names(sha) if sha is not None else ()
        if sha is not None and sha in self._ready and all(self._intact(n) for n in names):
            self._verified.update(names)
            return sha, False, False
        sha = file_sha256(Path(path))
        display_name, thumb_name = self._names(sha)
        display, thumb = self.cache_dir / display_name, self.cache_dir / thumb_name
        made = remade = False
        if not (self._intact(display_name) and self._intact(thumb_name)):
            remade = display.exists() or thumb.exists() or sha in self._damaged
            if remade:
                log.warning("prepared copies of %s were damaged; made again", original)
            display_image, thumb_image, icc = render(Path(path), self.display_size,
                                                      self.thumb_size)
            save_jpeg(display_image, display, icc)
            save_jpeg(thumb_image, thumb, icc)
            with self._lock:
                for name in (display_name, thumb_name):
                    self._copy_digests[name] = file_sha256(self.cache_dir / name)
                    self._verified.add(name)
                self._damaged.discard(sha)
            made = True
        with self._lock:
            # The file may have been replaced while it was read: record the stat it had
            # then only if it still has it (else it will be hashed again next time).
            try:
                after = os.stat(path)
                if (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns):
                    self._by_stat = {k: v for k, v in self._by_stat.items() if k[0] != path}
                    self._by_stat[key] = sha
                    self._dirty = True
            except OSError:
                pass
            self._ready[sha] = True
        return sha, made, remade

    def prepare_tour(self, tour, progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> PrepareReport:
        """Prepare every picture of every stop of ``tour``."""
        return self.prepare(tour_pictures(tour), progress=progress, cancel=cancel)

    # -- in the background ---------------------------------------------------------------

    def start_background(self, tour, on_done: Callable[[PrepareReport], None] | None = None,
                         prune: bool = True) -> None:
        """Prepare ``tour``'s pictures in a daemon thread; returns at once (see
        :class:`kiosk.media_worker.PictureWorker`)."""
        self._worker.start(tour, on_done, prune)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no background job runs or waits; True if so within ``timeout``."""
        return self._worker.wait_idle(timeout)

    # -- keeping the cache bounded -------------------------------------------------------

    def prune(self, keep_hashes: Iterable[str]) -> int:
        """Remove copies whose hash is not in ``keep_hashes``; returns how many files went.

        Also removes copies made with another size or recipe, forgets index entries of
        removed hashes and of files that no longer exist, and removes temporary files left
        by an interrupted write (older than an hour).
        """
        keep = set(keep_hashes)
        wanted = {name for sha in keep for name in self._names(sha)}
        removed = 0
        try:
            entries = list(os.scandir(self.cache_dir))
        except OSError:
            return 0
        now = time.time()
        with self._lock:
            for sha in [s for s in self._ready if s not in keep]:
                del self._ready[sha]
        for entry in entries:
            name = entry.name
            try:
                if name.endswith(".tmp"):
                    if now - entry.stat().st_mtime > 3600:
                        os.unlink(entry.path)
                        removed += 1
                    continue
                if name == INDEX_FILE or not name.endswith(".jpg"):
                    continue
                if name not in wanted:  # gone from the tour, or made another way
                    os.unlink(entry.path)
                    removed += 1
            except OSError as error:
                log.warning("could not remove %s from the media cache: %s", name, error)
        with self._lock:
            self._by_stat = {k: v for k, v in self._by_stat.items()
                             if v in keep and os.path.exists(k[0])}
            self._copy_digests = {name: digest for name, digest in self._copy_digests.items()
                                  if name in wanted}
        self._save_index()
        return removed

