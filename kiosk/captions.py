"""Captions for the narration: the WebVTT cues of one recording, looked up by position.

The narration screen asks ``at(player.position)`` a few times a second to show the
sentence being spoken; ``matching_position`` says where to continue when the visitor
switches language mid-story. No Kivy here.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from typing import Iterable

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError


class CaptionsError(Exception):
    """A captions file could not be read; the message says why, for staff."""


@dataclass(frozen=True)
class Cue:
    """One caption: ``text`` is on screen from ``start`` until just before ``end`` (seconds)."""

    start: float
    end: float
    text: str


# "01:02:03.456" or "02:03.456". Parsed here because webvtt-py's start_in_seconds drops
# the milliseconds, and half a second matters when the words are being spoken.
_TIMESTAMP = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$")


def _seconds(stamp: str) -> float:
    match = _TIMESTAMP.match(stamp.strip())
    if match is None:
        raise ValueError(stamp)
    hours, minutes, seconds, millis = match.groups()
    # whole milliseconds first, one division last: 16.824 comes out as the float 16.824
    millis_in_all = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)
    return millis_in_all / 1000


class Captions:
    """The cues of one recording in one language, sorted by start time."""

    def __init__(self, cues: Iterable[Cue] = ()):
        self._cues = tuple(sorted(cues, key=lambda cue: cue.start))
        self._starts = [cue.start for cue in self._cues]  # for bisect

    @classmethod
    def empty(cls) -> Captions:
        """No captions: the stop has no captions file, or it could not be read."""
        return cls()

    @classmethod
    def load(cls, path: str | os.PathLike) -> Captions:
        """Read a WebVTT file. Raises only ``CaptionsError``, with a message for staff."""
        name = os.fspath(path)
        try:
            captions = webvtt.read(name).captions
        except FileNotFoundError:
            raise CaptionsError(f"The captions file {name} is missing") from None
        except UnicodeDecodeError:
            raise CaptionsError(
                f"The captions file {name} is not UTF-8 text; save it as UTF-8") from None
        except OSError as exc:
            raise CaptionsError(
                f"The captions file {name} could not be read: {exc.strerror or exc}") from None
        except MalformedFileError:
            raise CaptionsError(
                f"The captions file {name} is not WebVTT: its first line must be WEBVTT"
            ) from None
        except MalformedCaptionError as exc:
            raise CaptionsError(
                f"The captions file {name} has a time that cannot be read ({exc}); "
                "write times like 00:01:02.500") from None
        except Exception as exc:  # webvtt-py may fail in other ways; staff get one kind
            raise CaptionsError(f"The captions file {name} could not be read: {exc}") from None

        cues = []
        for number, caption in enumerate(captions, start=1):
            try:
                start, end = _seconds(caption.start), _seconds(caption.end)
            except ValueError as exc:
                raise CaptionsError(
                    f"The captions file {name}, cue {number}: the time {exc} cannot be read; "
                    "write times like 00:01:02.500") from None
            if end < start:
                raise CaptionsError(
                    f"The captions file {name}, cue {number}: it ends ({caption.end}) "
                    f"before it starts ({caption.start})")
            # a cue's lines are one sentence broken for width; the screen wraps it again
            text = " ".join(line.strip() for line in caption.text.splitlines() if line.strip())
            cues.append(Cue(start, end, text))
        return cls(cues)

    @property
    def cues(self) -> tuple[Cue, ...]:
        return self._cues

    def __len__(self) -> int:
        return len(self._cues)

    def index_at(self, position: float) -> int | None:
        """Index of the cue at ``position``, or of the last one before it; None before the first."""
        index = bisect.bisect_right(self._starts, position) - 1
        return index if index >= 0 else None

    def at(self, position: float) -> Cue | None:
        """The cue on screen at ``position`` (start <= position < end), or None in a gap.

        If cues overlap, the one that started last is shown.
        """
        index = self.index_at(position)
        if index is None:
            return None
        cue = self._cues[index]
        return cue if position < cue.end else None

    def transcript(self) -> list[str]:
        """Every cue's text in order: the whole story to read, for visitors who cannot listen."""
        return [cue.text for cue in self._cues]


def matching_position(old: Captions, old_position: float, new: Captions,
                      new_duration: float, old_duration: float) -> float:
    """Where to continue in ``new`` (another language) when the visitor switches mid-story.

    Recordings in different languages run at different speeds, so the same second is
    rarely the same words. When both captions have the same number of cues, the demo's
    sentences correspond one to one, so the visitor goes to the start of the same sentence
    in the new language and hears it whole. Otherwise the cues cannot be paired, and the
    same fraction of the recording is the best guess.
    """
    if len(old) and len(old) == len(new):
        index = old.index_at(old_position)
        target = new.cues[index].start if index is not None else 0.0
    elif old_duration > 0:
        target = old_position / old_duration * new_duration
    else:
        target = 0.0
    return min(max(target, 0.0), max(new_duration, 0.0))
