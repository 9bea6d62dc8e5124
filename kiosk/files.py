"""Reading a content file that staff may have replaced with anything: never blocks, never
reads more than a limit.

A named pipe in the place of stops.yaml once hung ``check`` and the kiosk before any
screen appeared: an ordinary ``open()`` of a pipe waits for a writer. Here the file is
opened without waiting, and only an ordinary file of a sane size is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotAFile(OSError):
    """The path is a folder, a pipe, a device or a socket; ``kind`` says which, in words."""

    def __init__(self, path: Path, kind: str):
        super().__init__(f"{path} is {kind}")
        self.kind = kind


class FileTooLarge(OSError):
    """The file is larger than the limit it was read with."""

    def __init__(self, path: Path, size: int, limit: int):
        super().__init__(f"{path} is {size} bytes, more than {limit}")
        self.size, self.limit = size, limit


def kind_of(mode: int) -> str:
    """What a non-ordinary file is, in words: 'a folder', 'a named pipe'..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not an ordinary file"


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is an ordinary file of at most ``limit`` bytes.

    Raises ``FileNotFoundError``, ``NotAFile``, ``FileTooLarge`` or another ``OSError``.
    """
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise NotAFile(path, "a folder") from None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(path, kind_of(info.st_mode))
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        data = stream.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise FileTooLarge(path, len(data), limit)
    return data
