"""WebVTT, read and written in one place: the kiosk, ``check`` and the demo generator use it.

``parse`` reads a file's text block by block, taking as a cue exactly what common WebVTT
readers (webvtt-py among them) take: a timing line first, or an identifier line and then
a timing line, with text under it. It also keeps what such readers drop without a word
(a broken timing line, a timing line with no text, text cut off from its cue by a blank
line, a time that is not a WebVTT time), each with its line in the file, so that
``check`` can say where it is. ``seconds`` and ``clock`` are the one timestamp parser and
formatter; ``write`` gives the text of a file. No Kivy here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

HEADER = "WEBVTT"

# What a reader takes as a timing line: two times around "-->" at the start of the line
# (any settings may follow). The times are then read strictly by ``seconds``.
_TIMING = re.compile(r"\s*((?:\d+:)?\d{2}:\d{2}.\d{3})\s*-->\s*((?:\d+:)?\d{2}:\d{2}.\d{3})")
# "01:02:03.456" or "02:03.456", minutes and seconds up to 59.
_STAMP = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
# Cue tags (<i>, <v Name>) style the text; visitors never read them.
_TAG = re.compile(r"<[^>]*>")
_PART_OF = re.compile(r"^(\d+)\.\d+$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Cue:
    """One caption: ``text`` is on screen from ``start`` until just before ``end`` (seconds)."""

    start: float
    end: float
    text: str
    #: The cue's own lines as the file breaks them, without cue tags (``text`` is them
    #: joined by spaces).
    lines: tuple[str, ...] = field(default=(), compare=False)
    #: The cue's identifier in the file ("" if none). "3.2" is the second cue of
    #: sentence 3: see ``passage``.
    identifier: str = field(default="", compare=False)
    #: Where the cue is in its file, for staff: the line of its timing line (1-based),
    #: its times and its words as written there (cue tags included).
    line: int = field(default=0, compare=False)
    start_text: str = field(default="", compare=False)
    end_text: str = field(default="", compare=False)
    written: str = field(default="", compare=False)

    @property
    def shown(self) -> str:
        """The text as the caption band shows it: the file's own line breaks kept."""
        return "\n".join(self.lines) if self.lines else self.text

    @property
    def passage(self) -> str | None:
        """The sentence this cue belongs to, when its identifier says ("3" of "3.2")."""
        match = _PART_OF.match(self.identifier)
        return match.group(1) if match else None


#: What ``parse`` found that is not a cue, by kind: (line in the file, the text concerned).
BAD_TIME = "bad time"          # a cue whose time is not a WebVTT time (the time)
NO_TEXT = "no text"            # a timing line with nothing under it (the line)
BAD_TIMING = "bad timing"      # a line with "-->" that is no timing line (the line)
STRAY_TEXT = "stray text"      # text that belongs to no cue (its first line)


@dataclass
class Parsed:
    """A WebVTT file's cues, in the file's order, and what a reader would drop, in order."""

    cues: list[Cue] = field(default_factory=list)
    #: (kind, line, text): BAD_TIME, NO_TEXT, BAD_TIMING or STRAY_TEXT.
    dropped: list[tuple[str, int, str]] = field(default_factory=list)


def parse(text: str) -> Parsed | None:
    """The cues of a WebVTT file's text (a byte order mark already removed); None when its
    first line is not WEBVTT."""
    # WebVTT ends a line with CRLF, LF or a lone CR (an old Mac editor's).
    lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
    if not lines[0].startswith(HEADER):
        return None
    found = Parsed()
    for number, block in _blocks(lines):
        first = block[0]
        cue = _cue(block)
        if cue is not None:
            at, identifier, start_text, end_text, payload = cue
            start, end = seconds(start_text), seconds(end_text)
            if start is None or end is None:
                found.dropped.append((BAD_TIME, number + at,
                                      start_text if start is None else end_text))
                continue
            shown = tuple(line for line in (_TAG.sub("", part).strip() for part in payload)
                          if line)
            found.cues.append(Cue(start, end, " ".join(shown), shown, identifier.strip(),
                                  number + at, start_text, end_text,
                                  " ".join(part.strip() for part in payload).strip()))
        elif number == 1 or first.startswith(("NOTE", "STYLE", "REGION")):
            continue  # the header (WEBVTT and what follows it up to a blank line), notes
        elif any("-->" in line for line in block):
            at = next(i for i, line in enumerate(block) if "-->" in line)
            kind = NO_TEXT if at == len(block) - 1 else BAD_TIMING
            found.dropped.append((kind, number + at, block[at].strip()))
        else:
            found.dropped.append((STRAY_TEXT, number, first))
    return found


def _cue(block: list[str]) -> tuple[int, str, str, str, list[str]] | None:
    """(index of the timing line, identifier, start, end, text lines) when ``block`` is a
    cue, else None. A later timing line in the block replaces the times, and is not text."""
    count = len(block)
    if count < 2:
        return None
    first, second = block[0], block[1]
    if "-->" not in second:
        if "-->" not in first or not _TIMING.match(first):
            return None
        at = 0
    elif count < 3 or "-->" in first or "-->" in block[2] or not _TIMING.match(second):
        return None
    else:
        at = 1
    found = _TIMING.match(block[at])
    start, end = found.group(1), found.group(2)
    payload = []
    for line in block[at + 1:]:
        found = _TIMING.match(line) if "-->" in line else None
        if found:
            start, end = found.group(1), found.group(2)
        else:
            payload.append(line)
    return at, block[0] if at else "", start, end, payload


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) of each run of non-blank lines."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def seconds(stamp: str) -> float | None:
    """Exact seconds of a WebVTT timestamp ("01:02:03.456", "02:03.456"), or None."""
    match = _STAMP.match(stamp.strip())
    if match is None:
        return None
    hours, minutes, secs, millis = match.groups()
    # whole milliseconds first, one division last: 16.824 comes out as the float 16.824
    return (((int(hours or 0) * 60 + int(minutes)) * 60 + int(secs)) * 1000 + int(millis)) / 1000


def clock(value: float) -> str:
    """A WebVTT timestamp, to the millisecond: 00:01:02.345."""
    millis = int(round(value * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def write(cues: Iterable[Cue]) -> str:
    """The cues as a WebVTT file's text, ending with a newline."""
    parts = [HEADER, ""]
    for cue in cues:
        if cue.identifier:
            parts.append(cue.identifier)
        parts.append(f"{clock(cue.start)} --> {clock(cue.end)}")
        parts.extend(cue.lines or (cue.text,))
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"
