"""Log files that can never take the kiosk down, even on a full disk.

A kiosk runs for months, and its disk can fill (a log grown too large, a copy left by
someone, a failing card). Python's and Kivy's file loggers then raise "No space left on
device" from every log call, also inside the kiosk's own error handlers, and stop it.
Here a log line that cannot be written is dropped and counted instead; when the disk has
room again, the first line written is a note of how many were lost::

    3 log lines were lost while the disk was full

Each line is written whole or not at all (one ``os.write``; a partial write is cut off
again), so a log never holds half a line. The same goes for standard output and error
when they are files on that disk (:class:`SafeStream`).

No Kivy here: the kiosk's commands set this up before Kivy is imported.
"""

from __future__ import annotations

import errno
import io
import logging
import os
import sys
import threading
from pathlib import Path

#: The note written once the disk has room again.
LOST_NOTICE = "{count} log lines were lost while the disk was full"
#: The kiosk's own log (errors with their tracebacks), in the data folder's logs/.
KIOSK_LOG = "kiosk.log"
#: Everything logged in the process (Kivy's start-up, the kiosk's lines, stray output).
KIVY_LOG = "kivy_log.txt"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LineWriter:
    """Appends whole lines to a file; a line that does not fit is not written at all."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def _open(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        return self._fd

    def size(self) -> int:
        try:
            return os.fstat(self._open()).st_size
        except OSError:
            return 0

    def write(self, data: bytes) -> None:
        """Write all of ``data`` or none of it; raises OSError when it could not."""
        fd = self._open()
        start = os.lseek(fd, 0, os.SEEK_END)
        done = 0
        try:
            while done < len(data):
                written = os.write(fd, data[done:])
                if written <= 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                done += written
        except OSError:
            if done:  # half a line: take it back, so the file holds only whole lines
                try:
                    os.ftruncate(fd, start)
                except OSError:
                    pass
            raise

    def close(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
            self._fd = None


class SafeFileHandler(logging.Handler):
    """A rotating log file whose emit never raises: lost lines are counted and noted.

    ``lost`` is how many records were dropped since the last line that was written.
    """

    def __init__(self, path: Path, max_bytes: int = 1_000_000, backups: int = 5,
                 level: int = logging.NOTSET):
        super().__init__(level)
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.backups = backups
        self.lost = 0
        self.lost_in_all = 0
        self._file = LineWriter(self.path)
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = (self._text(record) + "\n").encode("utf-8", "replace")
            self._rotate_if_full(len(line))
            if self.lost:  # the note and the line go together, or neither does
                notice = logging.LogRecord("kiosk.logs", logging.WARNING, __file__, 0,
                                           LOST_NOTICE.format(count=self.lost), None, None)
                line = (self.format(notice) + "\n").encode("utf-8") + line
            self._file.write(line)
            self.lost = 0  # noted once
        except Exception:  # noqa: BLE001 - a log line must never stop the kiosk
            self.handleError(record)

    def _text(self, record: logging.LogRecord) -> str:
        try:
            return self.format(record)
        except Exception:  # noqa: BLE001 - a badly made message is still worth a line
            return f"(a log message that could not be formatted: {record.msg!r} {record.args!r})"

    def handleError(self, record: logging.LogRecord) -> None:
        """Count the lost record; never print (stderr may be on the same full disk)."""
        self.lost += 1
        self.lost_in_all += 1

    def _rotate_if_full(self, incoming: int) -> None:
        if self.max_bytes <= 0 or self._file.size() + incoming <= self.max_bytes:
            return
        self._file.close()
        try:
            for n in range(self.backups - 1, 0, -1):
                older = self.path.with_name(f"{self.path.name}.{n}")
                if older.exists():
                    os.replace(older, self.path.with_name(f"{self.path.name}.{n + 1}"))
            if self.backups > 0:
                os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))
            else:
                os.truncate(self.path, 0)
        except OSError:
            pass  # not rotated this time: the line still goes to the current file

    def close(self) -> None:
        self.acquire()
        try:
            self._file.close()
        finally:
            self.release()
        super().close()


def log_to(logger: logging.Logger, path: Path, level: int | None = None) -> SafeFileHandler:
    """Add a :class:`SafeFileHandler` writing to ``path`` to ``logger`` (once per path)."""
    path = Path(path)
    for handler in logger.handlers:
        if isinstance(handler, SafeFileHandler) and handler.path == path:
            return handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # the handler counts what it cannot write; the kiosk goes on
    handler = SafeFileHandler(path)
    logger.addHandler(handler)
    if level is not None:
        logger.setLevel(level)
    return handler


def log_everything(logs_dir: Path) -> SafeFileHandler:
    """Everything the process logs (Kivy's lines too) to ``logs_dir``/kivy_log.txt.

    Call it before Kivy is imported, with ``KIVY_NO_FILELOG`` set, so Kivy's own file
    logger (which raises on a full disk) is never made; if Kivy was imported already,
    its file logger is taken off.
    """
    root = logging.getLogger()
    kivy_logger = sys.modules.get("kivy.logger")
    if kivy_logger is not None:
        for logger in (root, logging.getLogger("kivy")):
            for handler in list(logger.handlers):
                if isinstance(handler, kivy_logger.FileHandler):
                    logger.removeHandler(handler)
    handler = log_to(root, Path(logs_dir) / KIVY_LOG)
    handler.setLevel(logging.INFO)  # not the debug lines of every library
    return handler


class SafeStream(io.TextIOBase):
    """Standard output or error that drops what cannot be written instead of raising.

    Each write goes straight to the file descriptor (no buffer left holding text that
    failed), whole or cut short; ``lost`` counts the writes that failed.
    """

    def __init__(self, stream):
        super().__init__()
        self._stream = stream
        self._fd = stream.fileno()
        self._encoding = getattr(stream, "encoding", None) or "utf-8"
        self._lock = threading.Lock()
        self.lost = 0

    @property
    def encoding(self) -> str:
        return self._encoding

    @property
    def errors(self) -> str:
        return "replace"

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        try:
            return os.isatty(self._fd)
        except OSError:
            return False

    def write(self, text: str) -> int:
        data = str(text).encode(self._encoding, "replace")
        with self._lock:
            try:
                view = memoryview(data)
                while view:
                    written = os.write(self._fd, view)
                    view = view[written:]
            except OSError:
                self.lost += 1
        return len(text)

    def flush(self) -> None:
        return None


def protect_std_streams() -> None:
    """Make standard output and error safe to write to on a full disk (idempotent)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, SafeStream):
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # what it held is lost already; from now on nothing is kept back
        try:
            setattr(sys, name, SafeStream(stream))
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass  # not a file (a test's capture): left as it is
