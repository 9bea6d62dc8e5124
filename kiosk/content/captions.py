"""Caption files, as ``check`` inspects them: what visitors would miss, at its line.

A .vtt is read as UTF-8 by the one WebVTT reader (``kiosk.vtt``), which knows each cue's
line and the blocks a reader drops. Reported, with the line: blocks that would never be
shown (a broken timing line, text cut off from its cue by a blank line), times that are
not WebVTT times, cues that end before they start, start before the cue above them (a
warning), or end more than half a second after the narration's end. A cue that breaks
the reading rules of ``kiosk.captions`` (more than two lines, a line much longer than 42
characters, under 1 s or over 7 s on screen, faster than 17 characters a second) is a
warning at its own place in the .vtt (``file.vtt:LINE:1``); after
``READING_WARNINGS_SHOWN`` of them in one file, one more warning counts the rest.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from .. import vtt
from ..captions import reading_problems
from ..files import FileTooLarge, NotAFile, read_regular_file
from ..vtt import Cue, clock
from . import limits
from .errors import Problem, Severity
from .formats import CAPTION_FORMATS

#: A cue may end this much after the recording (rounding in caption tools) unremarked.
CUE_TOLERANCE = 0.5
#: Cues past the reading rules named one by one in a file; the rest are counted.
READING_WARNINGS_SHOWN = 5


class CaptionReport(NamedTuple):
    #: None when the report comes from a worker process, which keeps the cues to itself:
    #: ``latest`` says whether any matter (see ``caption_problems``).
    cues: tuple[Cue, ...] | None = ()
    #: (line in the .vtt, what is wrong and what to do, severity)
    problems: tuple[tuple[int, str, Severity], ...] = ()
    #: The latest end of a cue that ends after it starts (None if none does).
    latest: float | None = None
    #: Cues past the reading rules: (line of the timing line, the caption's text, what
    #: is wrong and what to do), in the file's order.
    hard_to_read: tuple[tuple[int, str, str], ...] = ()


def _refused(message: str, line: int = 0) -> CaptionReport:
    return CaptionReport(problems=((line, message, Severity.error),))


def inspect_captions(path: str | Path) -> CaptionReport:
    """Read a .vtt with ``kiosk.vtt``; report, by line, what visitors would miss."""
    suffix = os.path.splitext(path)[1]
    if suffix.lower() not in CAPTION_FORMATS:
        return _refused(f"are a {suffix or 'extension-less'} file, not WebVTT; save the "
                        "captions as WebVTT (.vtt, see the staff guide)")
    try:
        raw = read_regular_file(path, limits.CAPTIONS_FILE_BYTES)
    except FileTooLarge as error:
        return _refused(f"are {limits.megabytes(error.size)}, more than the "
                        f"{limits.megabytes(error.limit)} captions may be; something was "
                        "pasted into them by mistake: export them again")
    except NotAFile as error:
        return _refused(f"are {error.kind}, not an ordinary file; copy the real captions "
                        "file there")
    except OSError as error:
        return _refused(f"cannot be read ({error.strerror}); check the file's permissions")
    try:
        parsed = vtt.parse(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return _refused("this line is not UTF-8 text; save the file as UTF-8 (in Notepad: "
                        "Save as, Encoding UTF-8)", raw[: error.start].count(b"\n") + 1)
    if parsed is None:
        return _refused("the first line must be WEBVTT; add that line at the top of the file", 1)
    problems = [_dropped(kind, line, text) for kind, line, text in parsed.dropped]
    cues = parsed.cues
    hard_to_read = []
    for cue in cues:
        said = reading_problems(cue.start, cue.end, cue.lines)
        if said:
            hard_to_read.append((cue.line, cue.written, ". Also, ".join(said)))
    previous = None
    latest = None
    for cue in cues:
        if cue.end <= cue.start:
            problems.append((cue.line, f"the caption '{short(cue.written)}' ends "
                             f"({cue.end_text}) before it starts ({cue.start_text}); correct "
                             "the times", Severity.error))
        else:
            if latest is None or cue.end > latest:
                latest = cue.end
            if previous is not None and cue.start < previous.start:
                problems.append((cue.line, f"the caption '{short(cue.written)}' starts "
                                 f"({cue.start_text}) before the one above it "
                                 f"({previous.start_text}); put the captions in time order",
                                 Severity.warning))
        previous = cue
    if not cues and not problems:
        problems.append((0, "have no captions in them; add them, or remove the 'captions:' line "
                         "from stops.yaml", Severity.warning))
    return CaptionReport(tuple(cues), tuple(problems), latest, tuple(hard_to_read))


def _dropped(kind: str, line: int, text: str) -> tuple[int, str, Severity]:
    """A block the reader drops, in staff's words, with its line."""
    if kind == vtt.BAD_TIME:
        return (line, f"'{text}' is not a WebVTT time, so this caption cannot be read; write "
                "times like 00:01:02.500 (minutes and seconds up to 59, a full stop before the "
                "milliseconds)", Severity.error)
    if kind == vtt.NO_TEXT:
        return (line, "this caption has a timing line but no text; add the words under it, or "
                "delete the timing line", Severity.warning)
    if kind == vtt.BAD_TIMING:
        return (line, f"'{text}' is not a WebVTT timing line, so this caption would never be "
                "shown; write it like 00:00:01.000 --> 00:00:04.000 (a full stop before the "
                "milliseconds, and a space on each side of -->)", Severity.error)
    return (line, f"the text '{short(text)}' belongs to no caption and would never be shown; "
            "a caption starts with its timing line and a blank line ends it: remove the blank "
            "line above this text, or give it a timing line", Severity.error)


def caption_problems(report: CaptionReport, rel: str, audio: str, duration: float | None,
                      source, where, path: str | None = None) -> list[Problem]:
    """The report's problems at the stop's ``captions:`` line, then the cues that end after
    the recording (``duration`` seconds)."""
    problems = []
    for line, message, severity in report.problems:
        problems.append(source.problem(where, f"{rel} line {line}: {message}" if line
                                       else f"the captions '{rel}' {message}",
                                       severity=severity))
    if duration is None or report.latest is None or report.latest <= duration + CUE_TOLERANCE:
        return problems  # no cue ends too late
    cues = report.cues
    if cues is None:  # a worker read the file and kept its cues: read them here
        cues = inspect_captions(path).cues or ()
    for cue in cues:
        if cue.end > duration + CUE_TOLERANCE and cue.end > cue.start:
            problems.append(source.problem(
                where, f"{rel} line {cue.line}: the caption '{short(cue.written)}' ends at "
                f"{cue.end_text}, after the end of the recording '{audio}' ({duration:.1f} s); "
                f"make it end by {clock(duration)}, or check that these captions belong to "
                "this recording"))
    return problems


def reading_warnings(hard_to_read, rel: str) -> list[Problem]:
    """Warnings at the cues' own lines in the .vtt; the first few, then how many more."""
    warnings_ = [Problem(rel, line, 1, f"the caption '{short(text)}' is hard for visitors to "
                         f"read along: {said}", severity=Severity.warning)
                 for line, text, said in hard_to_read[:READING_WARNINGS_SHOWN]]
    rest = hard_to_read[READING_WARNINGS_SHOWN:]
    if rest:
        warnings_.append(Problem(
            rel, rest[0][0], 1, f"{len(rest)} more caption(s) from this line on are hard to "
            "read along in the same ways; captions read best in one or two lines of about 42 "
            "characters, 1 to 7 s each, at most 17 characters a second (a captioning tool's "
            "reading-speed check finds them all)", severity=Severity.warning))
    return warnings_


def short(text: str, limit: int = 40) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
