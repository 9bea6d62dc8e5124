"""The header of a WAV file, read in one place: whether a file is WAV, and how many
seconds its header says its data holds. The kiosk's player and ``check`` use it."""

from __future__ import annotations

import os

#: A WAV header, its "fmt " chunk and the start of its "data" chunk fit in this.
_HEAD_BYTES = 4096


def _head(path: str | os.PathLike) -> bytes | None:
    """The first bytes of ``path`` when it is a RIFF/WAVE file, else None."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except OSError:
        return None
    return head if head[:4] == b"RIFF" and head[8:12] == b"WAVE" else None


def is_wav(path: str | os.PathLike) -> bool:
    """True for a RIFF/WAVE file, whatever its name."""
    return _head(path) is not None


def promised_seconds(path: str | os.PathLike) -> float | None:
    """The seconds a WAV file's header says its data holds; None if it is not WAV, or
    makes no promise (written while streaming), or the header is not understood."""
    head = _head(path)
    if head is None:
        return None
    at, rate, block = 12, None, None
    while at + 8 <= len(head):
        name, length = head[at:at + 4], int.from_bytes(head[at + 4:at + 8], "little")
        if name == b"fmt " and at + 24 <= len(head):
            rate = int.from_bytes(head[at + 12:at + 16], "little")
            block = int.from_bytes(head[at + 20:at + 22], "little")
        if name == b"data":
            if not rate or not block or length in (0, 0xFFFFFFFF):
                return None  # written while streaming: no promise made
            return length / block / rate
        at += 8 + length + (length & 1)
    return None
