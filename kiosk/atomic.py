"""Writing a file so that a power cut leaves the old content or the new, never half.

The new content goes to a temporary file in the same folder, is flushed and fsynced, and
replaces the old file with ``os.replace``; the folder is fsynced so the rename survives.
Every file the kiosk keeps (the last good tour, prepared pictures, the event log, the
PIN, staff settings) is written through here.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO, Callable


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], object]) -> None:
    """Replace ``path`` with what ``write(stream)`` writes."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)


def write_bytes_atomically(path: str | os.PathLike, data: bytes) -> None:
    write_atomically(path, lambda out: out.write(data))


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a power cut could otherwise undo it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a folder that cannot be opened for reading: nothing more we can do
    try:
        os.fsync(fd)
    except OSError as exc:
        # some file systems cannot fsync a folder; the file itself is already safe
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)
