"""Captions for the narration: the WebVTT cues of one recording, looked up by position.

The narration screen asks ``at(player.position)`` a few times a second to show the
sentence being spoken; ``matching_position`` says where to continue when the visitor
switches language mid-story. No Kivy here.

The reading rules captions follow (broadcast practice): at most ``MAX_LINES`` lines of
about ``LINE_CHARS`` characters, ``MIN_SECONDS`` to ``MAX_SECONDS`` on screen, and no
faster than ``MAX_CHARS_PER_SECOND``. ``reading_problems`` says how a cue breaks them
(``check`` warns staff with it), ``cue_lines`` breaks a sentence into cues that keep them
(the demo generator uses it). WebVTT files are read and written by ``kiosk.vtt``.
"""

from __future__ import annotations

import bisect
import os
from typing import Iterable, Sequence

from .files import FileTooLarge, read_regular_file
from .vtt import BAD_TIME, Cue, parse
from .vtt import write as webvtt_text  # noqa: F401  (the demo writes its captions with it)


class CaptionsError(Exception):
    """A captions file could not be read; the message says why, for staff."""


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
        """Read a WebVTT file. Raises only ``CaptionsError``, with a message for staff.

        Blocks a reader would drop (text cut off from its cue, a broken timing line) are
        left out here; ``check`` names them with their lines."""
        name = os.fspath(path)
        try:
            raw = read_regular_file(name, MAX_FILE_BYTES)
        except FileTooLarge as exc:
            raise CaptionsError(
                f"The captions file {name} is {exc.size / 2**20:.1f} MB, far more than captions "
                "ever need; it is not shown (check it with main.py check)") from None
        except FileNotFoundError:
            raise CaptionsError(f"The captions file {name} is missing") from None
        except OSError as exc:
            raise CaptionsError(
                f"The captions file {name} could not be read: {exc.strerror or exc}") from None
        try:
            parsed = parse(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise CaptionsError(
                f"The captions file {name} is not UTF-8 text; save it as UTF-8") from None
        if parsed is None:
            raise CaptionsError(
                f"The captions file {name} is not WebVTT: its first line must be WEBVTT")
        for kind, line, text in parsed.dropped:
            if kind == BAD_TIME:
                raise CaptionsError(
                    f"The captions file {name} has a time that cannot be read ('{text}', line "
                    f"{line}); write times like 00:01:02.500")
        for number, cue in enumerate(parsed.cues, start=1):
            if cue.end < cue.start:
                raise CaptionsError(
                    f"The captions file {name}, cue {number}: it ends ({cue.end_text}) "
                    f"before it starts ({cue.start_text})")
        return cls(parsed.cues)

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

    def passages(self) -> list[int]:
        """Index of the first cue of each sentence.

        Cues named "N.K" (sentence N, part K, as the demo generator writes them) belong
        to sentence N; any other cue is a sentence of its own.
        """
        firsts, previous = [], object()
        for index, cue in enumerate(self._cues):
            key = cue.passage
            if key is None or key != previous:
                firsts.append(index)
            previous = key if key is not None else object()
        return firsts

    def transcript(self) -> list[str]:
        """Every cue's text in order: the whole story to read, for visitors who cannot listen."""
        return [cue.text for cue in self._cues]


def matching_position(old: Captions, old_position: float, new: Captions,
                      new_duration: float, old_duration: float) -> float:
    """Where to continue in ``new`` (another language) when the visitor switches mid-story.

    Recordings in different languages run at different speeds, so the same second is
    rarely the same words. When both captions have the same number of sentences
    (``Captions.passages``: a sentence may be shown in several cues, and languages break
    them differently), the demo's sentences correspond one to one, so the visitor goes to
    the start of the same sentence in the new language and hears it whole. Otherwise the
    sentences cannot be paired, and the same fraction of the recording is the best guess.
    """
    old_firsts, new_firsts = old.passages(), new.passages()
    if old_firsts and len(old_firsts) == len(new_firsts):
        index = old.index_at(old_position)
        if index is None:
            target = 0.0
        else:
            sentence = bisect.bisect_right(old_firsts, index) - 1
            target = new.cues[new_firsts[sentence]].start
    elif old_duration > 0:
        target = old_position / old_duration * new_duration
    else:
        target = 0.0
    return min(max(target, 0.0), max(new_duration, 0.0))


# --- the reading rules ---------------------------------------------------------------

#: At most this many lines on screen at once...
MAX_LINES = 2
#: ...of about this many characters (the broadcast line; the demo keeps to it exactly).
LINE_CHARS = 42
#: A captions file larger than this is not read: a narration of an hour has some 100 KB.
MAX_FILE_BYTES = 2 * 2**20
#: ``check`` warns about a line longer than this: a few characters over 42 still read.
LINE_CHARS_WARNED = 50
#: A cue stays on screen this long at least, and at most (seconds).
MIN_SECONDS = 1.0
MAX_SECONDS = 7.0
#: Reading speed most adults can follow (characters, spaces included, per second).
MAX_CHARS_PER_SECOND = 17.0
#: Characters in one cue at most: two full lines.
MAX_CUE_CHARS = MAX_LINES * LINE_CHARS


def reading_chars(lines: Sequence[str]) -> int:
    """Characters a visitor reads in a cue, its lines joined by a space."""
    return len(" ".join(line.strip() for line in lines))


def reading_problems(start: float, end: float, lines: Sequence[str]) -> list[str]:
    """How a cue breaks the reading rules, each as 'what; what to do' for staff."""
    said = []
    if len(lines) > MAX_LINES:
        said.append(f"it has {len(lines)} lines; keep each caption to two lines (split it into "
                    "two captions)")
    longest = max((len(line.strip()) for line in lines), default=0)
    if longest > LINE_CHARS_WARNED:
        said.append(f"a line of it is {longest} characters long; keep lines to about "
                    f"{LINE_CHARS} characters (break the line, or split the caption)")
    duration = end - start
    if duration <= 0:
        return said  # a cue that ends before it starts is reported as such elsewhere
    if round(duration, 1) < MIN_SECONDS:
        said.append(f"it is on screen only {duration:.1f} s; give it at least "
                    f"{MIN_SECONDS:.0f} s (let it end later, or join it to the caption beside it)")
    elif round(duration, 1) > MAX_SECONDS:
        said.append(f"it stays on screen {duration:.1f} s; keep a caption to {MAX_SECONDS:.0f} s "
                    "or less (split it where the speaker pauses)")
    speed = reading_chars(lines) / duration
    if round(speed, 1) > MAX_CHARS_PER_SECOND:
        said.append(f"it asks for {speed:.0f} characters a second, faster than most visitors "
                    f"read (about {MAX_CHARS_PER_SECOND:.0f}); let it stay longer, or use fewer "
                    "words")
    return said


# --- breaking sentences into cues ----------------------------------------------------

_CLAUSE_END = (".", "?", "!", "…", ";", ":")
_DASHES = ("—", "–", "-")


def _break_cost(words: Sequence[str], after: int) -> int:
    """What breaking between words[after - 1] and words[after] costs a reader."""
    word, following = words[after - 1], words[after]
    if word in _DASHES:
        return 30  # a dash left hanging at the end
    if word.rstrip("»”\")").endswith(_CLAUSE_END):
        return 0
    if word.endswith(",") or following in _DASHES:
        return 1
    return 6  # inside a clause


def cue_layout(words: Sequence[str], width: int = LINE_CHARS) -> list[str] | None:
    """The words as one line, or as two lines of at most ``width`` characters broken
    where a reader pauses and of similar length; None if they do not fit in two."""
    whole = " ".join(words)
    if len(whole) <= width:
        return [whole]
    best, best_cost = None, None
    for at in range(1, len(words)):
        top, bottom = " ".join(words[:at]), " ".join(words[at:])
        if len(top) > width or len(bottom) > width:
            continue
        cost = abs(len(top) - len(bottom)) + 3 * _break_cost(words, at)
        if best_cost is None or cost < best_cost:
            best, best_cost = [top, bottom], cost
    return best


def sentence_cues(words: Sequence[str], breaks: set[int] | None = None,
                  max_chars: int = MAX_CUE_CHARS) -> list[tuple[int, int]]:
    """Where to cut a sentence (its ``words``) into cues: (first, end) word spans.

    Each cue fits ``cue_layout`` and holds at most ``max_chars`` characters; cuts fall
    where a reader pauses (after a full stop, a colon, a comma, before a dash) unless
    the clause is too long for one cue. ``breaks``: the only word positions a cut may
    fall at (None: any). Fewer cues are preferred, and very short ones avoided.
    """
    count = len(words)
    if count == 0:
        return []
    for allowed in (breaks, None):
        best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * count
        for end in range(1, count + 1):
            if end < count and allowed is not None and end not in allowed:
                continue
            for first in range(end - 1, -1, -1):
                if best[first][0] == float("inf"):
                    continue
                span = words[first:end]
                chars = len(" ".join(span))
                if chars > max_chars:
                    break
                if cue_layout(span) is None:
                    continue
                cost = best[first][0] + 10 + (_break_cost(words, end) if end < count else 0)
                if chars < 16:
                    cost += 15  # too little to stay a second on screen
                if cost < best[end][0]:
                    best[end] = (cost, first)
        if best[count][0] != float("inf"):
            spans, end = [], count
            while end > 0:
                first = best[end][1]
                spans.append((first, end))
                end = first
            return spans[::-1]
    return [(n, n + 1) for n in range(count)]  # a word longer than a line: alone, as it is


# --- showing a cue in at most two lines -----------------------------------------------


def band_pages(lines: Sequence[str], fits) -> list[str]:
    """A cue's lines as the caption band shows them: pages of at most ``MAX_LINES`` lines.

    ``fits(text)`` says whether a line of text fits the band's width at its type size.
    Each of the cue's own lines is kept as a line, wrapped at words when it does not fit;
    a cue that then needs more than two lines (staff's own captions can) is shown in
    pages, one after another, never a third line. A word wider than the band stays whole.
    """
    shown: list[str] = []
    for line in lines:
        current = ""
        for word in line.split():
            joined = f"{current} {word}" if current else word
            if current and not fits(joined):
                shown.append(current)
                current = word
            else:
                current = joined
        if current:
            shown.append(current)
    return ["\n".join(shown[n:n + MAX_LINES]) for n in range(0, len(shown), MAX_LINES)]


def page_at(pages: Sequence[str], fraction: float) -> int:
    """Which page is on screen ``fraction`` (0-1) of the way through its cue: each page
    stays for its share of the cue's time, by its characters."""
    if len(pages) <= 1:
        return 0
    sizes = [len(page) for page in pages]
    reached = min(max(fraction, 0.0), 1.0) * sum(sizes)
    for index, size in enumerate(sizes):
        reached -= size
        if reached < 0:
            return index
    return len(pages) - 1
