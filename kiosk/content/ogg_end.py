"""Whether an Ogg file holds its whole stream: a cheap look at its last page.

An Ogg file states no length in its header: its length is read from its last page, so a
file cut short while copying simply plays shorter and decodes without an error. But a
complete stream ends with a page marked "end of stream", and that page ends exactly
where the file does. Reading the last 64 KiB is enough to tell (a page is at most
65,307 bytes).
"""

from __future__ import annotations

import os

_CAPTURE = b"OggS"
_HEADER = 27              # bytes of a page header before its segment table
_END_OF_STREAM = 0x04     # header_type flag of a stream's last page
_LARGEST_PAGE = _HEADER + 255 + 255 * 255


def ends_cleanly(path: str | os.PathLike) -> bool:
    """True if the file's last Ogg page is whole, ends the file and ends the stream; also
    True for a file that is not an Ogg stream at all (a WAV named .ogg plays as a WAV)."""
    with open(path, "rb") as stream:
        if stream.read(4) != _CAPTURE:
            return True
        size = stream.seek(0, os.SEEK_END)
        start = max(0, size - _LARGEST_PAGE)
        stream.seek(start)
        tail = stream.read()
    at = tail.rfind(_CAPTURE)
    while at >= 0:
        header = tail[at:at + _HEADER]
        if len(header) == _HEADER and header[4] == 0:  # stream structure version 0
            count = header[26]
            lacing = tail[at + _HEADER:at + _HEADER + count]
            if len(lacing) == count and at + _HEADER + count + sum(lacing) == len(tail):
                return bool(header[5] & _END_OF_STREAM)
        at = tail.rfind(_CAPTURE, 0, at)  # "OggS" inside a packet's data, or a cut page
    return False
