"""Deep checks of the files a tour names: recordings, captions, pictures. For ``check`` only.

The kiosk's own start never runs these (it only needs the files to exist); ``main.py
check`` does, so that staff hear of a broken file before a visitor meets it.

What is checked, exactly:

- **Recordings** (.ogg, .mp3, .wav only): opened by libsndfile (through soundfile), which
  reads the header (format, length, channels) and sets up the decoder, and then the first
  0.1 s is really decoded, and for MP3 and WAV the last 0.1 s too (an OGG's length is read
  from its last page, so a cut OGG is short rather than broken at its end); a WAV's
  header is compared with the data it really holds. A file that is not audio, is damaged
  at its start, cut short, empty, or shorter than half a second is an error. The middle of a
  recording is not decoded (that would take ~20 ms per minute of sound; the whole
  check of a 1,000-stop tour must stay within seconds), nor its loudness measured.
- **Captions** (.vtt): read as UTF-8 and parsed as webvtt-py parses them (its own
  timing-line pattern and its rules for a cue block); blocks that webvtt-py would
  silently drop (a broken timing line, text cut off from its cue by a blank
  line) are reported with their line, as are cues that end before they start, start
  before the cue above them (a warning), or end more than half a second after the
  narration's end. A cue that breaks the reading rules of ``kiosk.captions`` (more than
  two lines, a line much longer than 42 characters, under 1 s or over 7 s on screen,
  faster than 17 characters a second) is a warning at its own place in the .vtt
  (``file.vtt:LINE:1``); after ``READING_WARNINGS_SHOWN`` of them in one file, one more
  warning counts the rest.
- **Pictures** (.jpg, .jpeg, .png only): Pillow opens the file lazily (header: format
  and size) and verifies its structure: for a PNG that checks every chunk's checksum,
  the compressed image data included; for a JPEG the markers up to the image data, and
  the end-of-image marker is looked for in the last kilobyte (a copy cut short lacks it).
  A JPEG's image data is NOT decoded here: even at 1/8 scale (Pillow's draft mode) that
  costs ~2 ms per 1600x1000 picture, ~3 s of the 2 s a 1,000-stop check may take; the
  kiosk decodes every picture when it prepares its display copy, and ``main.py prepare``
  names any that fail. A picture that is really another format (a GIF named .jpg), or
  above 40 megapixels or 25 MB (a warning), is reported.
- **Picture timings**: a picture's ``at`` past the end of a narration it belongs to.

Each distinct file is inspected once per run (keyed by its real path), shared among
worker processes, one per core, when there are many; they start on the files stops.yaml
seems to name while it is being parsed (see ``Inspections``).

Where a 1,000-stop check's time goes (3,000 recordings, 3,000 caption files, 1,624
pictures, 2 cores; profiled with py-spy and cProfile): a recording ~0.35 ms, nearly all
inside libsndfile's open (libvorbis building its codebooks, libsndfile reading the last
64 kB for the length), so ~1.1 s of CPU in all; a caption file ~0.05 ms; a picture
~0.05 ms; parsing stops.yaml with the model and the files' existence ~0.25 s.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..captions import reading_problems
from ..files import FileTooLarge, NotAFile, read_regular_file
from . import limits, ogg_end
from .errors import Problem, Severity
from .formats import AUDIO_FORMATS, CAPTION_FORMATS, IMAGE_FORMATS
from .loader import Examined
from .model import Stop

#: Shorter than this is not a narration: a file cut short, or an export gone wrong.
MIN_SECONDS = 0.5
#: A cue may end this much after the recording (rounding in caption tools) unremarked.
CUE_TOLERANCE = 0.5
#: Seconds decoded at each end of a recording.
PROBE_SECONDS = 0.1
#: Cues past the reading rules named one by one in a file; the rest are counted.
READING_WARNINGS_SHOWN = 5
#: Pictures above either of these are a warning: slow to prepare, heavy in memory.
HUGE_PIXELS = 40_000_000
HUGE_BYTES = 25 * 1024 * 1024


# --------------------------------------------------------------- reports


class AudioReport(NamedTuple):  # tuples: cheap to send back from a worker process
    duration: float | None = None  # seconds, when the header could be read
    error: str | None = None  # what is wrong, to follow "the recording 'x' ..."


class Cue(NamedTuple):
    line: int  # of its timing line in the .vtt file, 1-based
    start: float
    end: float
    start_text: str
    end_text: str
    text: str


class CaptionReport(NamedTuple):
    #: None when the report comes from a worker process, which keeps the cues to itself:
    #: ``latest`` says whether any matter (see ``_caption_problems``).
    cues: tuple[Cue, ...] | None = ()
    #: (line in the .vtt, what is wrong and what to do, severity)
    problems: tuple[tuple[int, str, Severity], ...] = ()
    #: The latest end of a cue that ends after it starts (None if none does).
    latest: float | None = None
    #: Cues past the reading rules: (line of the timing line, the caption's text, what
    #: is wrong and what to do), in the file's order.
    hard_to_read: tuple[tuple[int, str, str], ...] = ()


class ImageReport(NamedTuple):
    size: tuple[int, int] | None = None
    error: str | None = None
    warning: str | None = None


# ------------------------------------------------------------ recordings


def inspect_audio(path: str | Path) -> AudioReport:
    """Header, then a real decode of the first and last PROBE_SECONDS."""
    suffix = os.path.splitext(path)[1]
    if suffix.lower() not in AUDIO_FORMATS:
        return AudioReport(error=f"is a {suffix or 'extension-less'} file, which the kiosk "
                           "cannot play; save the recording as OGG Vorbis (.ogg), MP3 or WAV "
                           "and write that file's name here")
    duration = _plainly_fine(path)
    return _whole(path, AudioReport(duration) if duration is not None else _decode(path))


def _whole(path, report: AudioReport) -> AudioReport:
    """``report``, or what is wrong when an Ogg recording that decodes lacks its end (it
    states no length of its own, so a cut one plays shorter without an error)."""
    if report.error is not None:
        return report
    try:
        whole = ogg_end.ends_cleanly(path)
    except OSError:
        return report  # unreadable now: decoding has said what it could
    if whole:
        return report
    return AudioReport(report.duration, "is cut short: the file stops before the end of its "
                       f"recording (it plays only {report.duration or 0:.1f} s); it was "
                       "probably cut off while copying: copy or export it again")


def _decode(path: str | Path) -> AudioReport:
    """``inspect_audio``'s steps through ``soundfile.SoundFile``, each fault in words."""
    import soundfile

    try:
        size = os.path.getsize(path)
        if size == 0:
            return AudioReport(error="is an empty file (0 bytes); copy the recording again")
        with soundfile.SoundFile(os.fspath(path)) as sound:
            rate, frames, container = sound.samplerate, sound.frames, sound.format
            duration = frames / rate if rate else 0.0
            if frames <= 0 or duration <= 0:
                return AudioReport(0.0, "holds no sound that can be read (0 seconds): it is "
                                   "empty or was cut short; export or copy it again")
            probe = max(1, int(PROBE_SECONDS * rate))
            head = sound.read(min(probe, frames), dtype="int16")
            tail = None
            if frames > probe and container != "OGG":
                # An OGG's length comes from its last page: a cut one is shorter, not broken
                # at the end. An MP3's is estimated from its header: decode its end.
                sound.seek(frames - probe)
                tail = sound.read(probe, dtype="int16")
    except Exception as error:  # soundfile.LibsndfileError, RuntimeError, OSError...
        return AudioReport(error="cannot be decoded: it is damaged or not really an OGG, MP3 "
                           "or WAV recording; export it again from your audio program (the "
                           f"decoder said: {_reason(error)})")
    if len(head) == 0 or (tail is not None and len(tail) == 0):
        return AudioReport(duration, "cannot be decoded to the end (its header promises "
                           f"{duration:.1f} s, but the sound stops early); it was probably "
                           "cut short while copying: copy or export it again")
    promised = _wav_promises(path) if container in ("WAV", "WAVEX") else None
    if promised is not None and promised > duration + 0.05:
        return AudioReport(duration, f"is cut short: its header promises {promised:.1f} s "
                           f"but the file holds only {duration:.1f} s; copy or export it again")
    if duration < MIN_SECONDS:
        return AudioReport(duration, f"is only {duration:.2f} seconds long; it was probably "
                           "cut short: export the whole recording again")
    return AudioReport(duration)


_LIBSNDFILE = None


def _libsndfile():
    """(libsndfile as soundfile loaded it, its cffi, the format codes); None if soundfile's
    inner names ever change, and then every recording goes through SoundFile."""
    global _LIBSNDFILE
    if _LIBSNDFILE is None:
        try:
            import soundfile

            lib, ffi = soundfile._snd, soundfile._ffi
            _LIBSNDFILE = (lib, ffi, lib.SF_FORMAT_TYPEMASK, soundfile._formats["OGG"],
                           (soundfile._formats["WAV"], soundfile._formats["WAVEX"]))
        except Exception:
            _LIBSNDFILE = ()
    return _LIBSNDFILE or None


def _plainly_fine(path) -> float | None:
    """The seconds of a recording when it is plainly fine, else None.

    The libsndfile calls ``soundfile.SoundFile`` makes for the steps of ``inspect_audio``
    (open, clipping on, each ``tell``, ``read`` of 16-bit samples and ``seek``, close,
    each followed by its error check), made straight through soundfile's cffi: the same
    decoding without SoundFile's Python layers or a NumPy array, ~15% of a recording's
    time. Any error, a WAV (whose header is compared with its data), or a recording
    shorter than MIN_SECONDS gives None, and ``inspect_audio`` then takes its ordinary
    steps, which find and word what is wrong exactly as before.
    """
    found = _libsndfile()
    if found is None:
        return None
    lib, ffi, typemask, ogg, wav = found
    try:
        name = os.fspath(path).encode(sys.getfilesystemencoding())
    except Exception:
        return None
    info = ffi.new("SF_INFO*")
    handle = lib.sf_open(name, lib.SFM_READ, info)
    if handle == ffi.NULL:
        return None
    try:
        lib.sf_command(handle, lib.SFC_SET_CLIPPING, ffi.NULL, lib.SF_TRUE)
        rate, frames, container = info.samplerate, info.frames, info.format & typemask
        if rate <= 0 or frames <= 0 or container in wav or info.seekable != lib.SF_TRUE:
            return None
        duration = frames / rate
        if duration < MIN_SECONDS:
            return None
        probe = max(1, int(PROBE_SECONDS * rate))
        buffer = ffi.new("short[]", probe * info.channels)
        if not _read(lib, handle, buffer, frames, min(probe, frames)):
            return None
        if frames > probe and container != ogg:
            lib.sf_seek(handle, frames - probe, os.SEEK_SET)
            if lib.sf_error(handle) or not _read(lib, handle, buffer, frames, probe):
                return None
    except Exception:
        return None
    finally:
        closed = lib.sf_close(handle)
    return duration if closed == 0 else None


def _read(lib, handle, buffer, frames: int, wanted: int) -> bool:
    """``SoundFile.read(wanted, dtype="int16")``'s calls; True if it read a frame or more."""
    at = lib.sf_seek(handle, 0, os.SEEK_CUR)  # _check_frames: what is left
    if lib.sf_error(handle):
        return False
    wanted = min(wanted, frames - at)
    at = lib.sf_seek(handle, 0, os.SEEK_CUR)  # _cdata_io: where it reads from
    if lib.sf_error(handle):
        return False
    got = lib.sf_readf_short(handle, buffer, wanted)
    if lib.sf_error(handle):
        return False
    lib.sf_seek(handle, at + got, os.SEEK_SET)
    return got > 0 and not lib.sf_error(handle)


def _wav_promises(path) -> float | None:
    """For a WAV file, the seconds its header says its data holds (None if not WAV/unsure)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(4096)
    except OSError:
        return None
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
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


def _reason(error: Exception) -> str:
    text = str(error).strip().rstrip(".")
    text = re.sub(r"^Error opening '[^']*': ", "", text)
    return text[:120] or type(error).__name__


# -------------------------------------------------------------- captions

_TIMING = re.compile(r"^\s*(\S+)\s*-->\s*(\S+)")
_TAG = re.compile(r"<[^>]*>")  # cue tags (<i>, <v Name>): not read by visitors
_STAMP = re.compile(r"^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$")


def seconds(stamp: str) -> float | None:
    """Exact seconds of a WebVTT timestamp, or None (webvtt-py 0.5.1 drops the ms)."""
    match = _STAMP.match(stamp)
    if not match:
        return None
    hours, minutes, secs, millis = match.groups()
    minutes, secs = int(minutes), int(secs)
    if minutes > 59 or secs > 59:
        return None
    return (int(hours) * 3600 if hours else 0) + minutes * 60 + secs + int(millis) / 1000


def stamp(value: float) -> str:
    millis = int(round(value * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def inspect_captions(path: str | Path) -> CaptionReport:
    """Parse a .vtt as webvtt-py does; report, by line, what it would refuse or drop.

    One pass over the file's blocks, each taken as webvtt-py's ``webvtt.read`` takes it
    (``_cue_block``: its test for a cue and its reading of one, with its own pattern for
    the timing line), but knowing each block's line, and seeing the blocks that
    ``webvtt.read`` drops without a word.
    """
    from webvtt.vtt import WebVTTCueBlock, is_valid_content

    suffix = os.path.splitext(path)[1]
    if suffix.lower() not in CAPTION_FORMATS:
        return CaptionReport(problems=((0, f"are a {suffix or 'extension-less'} file, not "
                                        "WebVTT; save the captions as WebVTT (.vtt, see the staff "
                                        "guide)", Severity.error),))
    try:
        raw = read_regular_file(path, limits.CAPTIONS_FILE_BYTES)
    except FileTooLarge as error:
        return CaptionReport(problems=((0, f"are {limits.megabytes(error.size)}, more than the "
                                        f"{limits.megabytes(error.limit)} captions may be; "
                                        "something was pasted into them by mistake: export "
                                        "them again", Severity.error),))
    except NotAFile as error:
        return CaptionReport(problems=((0, f"are {error.kind}, not an ordinary file; copy the "
                                        "real captions file there", Severity.error),))
    except OSError as error:
        return CaptionReport(problems=((0, f"cannot be read ({error.strerror}); check the "
                                        "file's permissions", Severity.error),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return CaptionReport(problems=((line, "this line is not UTF-8 text; save the file as "
                                        "UTF-8 (in Notepad: Save as, Encoding UTF-8)",
                                        Severity.error),))
    lines = text.split("\n")
    if "\r" in text:
        lines = [line.rstrip("\r") for line in lines]
    if not is_valid_content(lines):
        return CaptionReport(problems=((1, "the first line must be WEBVTT; add that line at "
                                        "the top of the file", Severity.error),))
    problems: list[tuple[int, str, Severity]] = []
    cues: list[Cue] = []
    hard_to_read: list[tuple[int, str, str]] = []
    timing = WebVTTCueBlock.CUE_TIMINGS_PATTERN.match
    for number, block in _blocks(lines):
        first = block[0]
        parsed = _cue_block(block, timing)
        if parsed is not None:
            timing_at, start_text, end_text, payload = parsed
            line = number + timing_at
            # Exact times (webvtt-py's *_in_seconds drop the milliseconds). What webvtt-py's
            # Caption refuses (minutes or seconds above 59, a comma before the
            # milliseconds), seconds() refuses too.
            start, end = seconds(start_text), seconds(end_text)
            if start is None or end is None:
                bad = start_text if start is None else end_text
                problems.append((line, f"'{bad}' is not a WebVTT time, so this caption "
                                 "cannot be read; write times like 00:01:02.500 (minutes and "
                                 "seconds up to 59, a full stop before the milliseconds)",
                                 Severity.error))
                continue
            words = " ".join(part.strip() for part in payload).strip()
            cues.append(Cue(line, start, end, start_text, end_text, words))
            shown = [_TAG.sub("", part).strip() for part in payload if part.strip()]
            said = reading_problems(start, end, shown)
            if said:
                hard_to_read.append((line, words, ". Also, ".join(said)))
        elif number == 1 or first.startswith(("NOTE", "STYLE", "REGION")):
            continue  # the header (WEBVTT and what follows it up to a blank line), notes
        elif any("-->" in line for line in block):
            at = next(i for i, line in enumerate(block) if "-->" in line)
            if at == len(block) - 1:
                problems.append((number + at, "this caption has a timing line but no text; add "
                                 "the words under it, or delete the timing line",
                                 Severity.warning))
            else:
                problems.append((number + at, f"'{block[at].strip()}' is not a WebVTT timing "
                                 "line, so this caption would never be shown; write it like "
                                 "00:00:01.000 --> 00:00:04.000 (a full stop before the "
                                 "milliseconds, and a space on each side of -->)",
                                 Severity.error))
        else:
            problems.append((number, f"the text '{_short(first)}' belongs to no caption and "
                             "would never be shown; a caption starts with its timing line and "
                             "a blank line ends it: remove the blank line above this text, or "
                             "give it a timing line", Severity.error))
    previous = None
    latest = None
    for cue in cues:
        if cue.end <= cue.start:
            problems.append((cue.line, f"the caption '{_short(cue.text)}' ends "
                             f"({cue.end_text}) before it starts ({cue.start_text}); correct "
                             "the times", Severity.error))
        else:
            if latest is None or cue.end > latest:
                latest = cue.end
            if previous is not None and cue.start < previous.start:
                problems.append((cue.line, f"the caption '{_short(cue.text)}' starts "
                                 f"({cue.start_text}) before the one above it "
                                 f"({previous.start_text}); put the captions in time order",
                                 Severity.warning))
        previous = cue
    if not cues and not problems:
        problems.append((0, "have no captions in them; add them, or remove the 'captions:' line "
                         "from stops.yaml", Severity.warning))
    return CaptionReport(tuple(cues), tuple(problems), latest, tuple(hard_to_read))


def _cue_block(block: list[str], timing) -> tuple[int, str, str, list[str]] | None:
    """webvtt-py's ``WebVTTCueBlock.is_valid`` and ``from_lines`` in one pass.

    (index of the timing line, start, end, payload lines) when webvtt-py takes ``block``
    as a cue, else None. ``timing`` is the match of webvtt-py's own CUE_TIMINGS_PATTERN,
    which needs '-->' in a line: lines without it are not matched at all. As in
    ``from_lines``, a later timing line in the block replaces the times, and is not text.
    """
    count = len(block)
    if count < 2:
        return None
    first, second = block[0], block[1]
    if "-->" not in second:
        if "-->" not in first or not timing(first):
            return None
        at = 0
    elif count < 3 or "-->" in first or "-->" in block[2] or not timing(second):
        return None
    else:
        at = 1
    found = timing(block[at])
    start, end = found.group(1), found.group(2)
    payload = []
    for line in block[at + 1:]:
        found = timing(line) if "-->" in line else None
        if found:
            start, end = found.group(1), found.group(2)
        else:
            payload.append(line)
    return at, start, end, payload


def _blocks(lines: list[str]):
    """(first line number, lines) of each block of non-blank lines, as webvtt-py splits."""
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


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -------------------------------------------------------------- pictures


def inspect_image(path: str | Path) -> ImageReport:
    """Header and structure: Pillow's open and verify, and for a JPEG its end marker."""
    from PIL import Image, UnidentifiedImageError

    suffix = os.path.splitext(path)[1]
    if suffix.lower() not in IMAGE_FORMATS:
        return ImageReport(error=f"is a {suffix or 'extension-less'} file, which the "
                           "kiosk does not show; save the picture as JPEG (.jpg) or PNG (.png)")
    try:
        size_bytes = os.path.getsize(path)
        if size_bytes == 0:
            return ImageReport(error="is an empty file (0 bytes); copy the picture again")
        with Image.open(path) as image:
            size, kind = image.size, image.format
            image.verify()  # PNG: every chunk's checksum, the image data's included
        if kind not in ("JPEG", "PNG"):
            return ImageReport(size, error=f"is really a {kind} picture, not a JPEG or PNG; "
                               "save it as JPEG or PNG")
        if kind == "JPEG":
            with open(path, "rb") as stream:
                stream.seek(max(0, size_bytes - 1024))
                if b"\xff\xd9" not in stream.read():
                    return ImageReport(size, error="is cut short (its end is missing); copy "
                                       "it again from the original")
    except UnidentifiedImageError:
        return ImageReport(error="is not a JPEG or PNG picture (its contents are of no kind of "
                           "picture Pillow knows); it is damaged or another kind of file: save "
                           "or copy the picture again")
    except Image.DecompressionBombError:
        return ImageReport(error="is far too large to open (more than 178 megapixels); save a "
                           "copy about 2560 pixels wide and use that")
    except Exception as error:  # UnidentifiedImageError, OSError (truncated), SyntaxError...
        return ImageReport(error="cannot be read as a picture: it is damaged, cut short, or "
                           "not really a JPEG or PNG; save or copy it again (Pillow said: "
                           f"{_reason(error)})")
    pixels = size[0] * size[1]
    if pixels > HUGE_PIXELS or size_bytes > HUGE_BYTES:
        return ImageReport(size, warning=(
            f"is very large: {size[0]} x {size[1]} pixels ({pixels / 1e6:.0f} megapixels), "
            f"{size_bytes / 1024 / 1024:.1f} MB; the kiosk prepares a display copy of every "
            "picture (at most 1920 x 1200), but from a file this big that is slow and takes "
            "much memory: save a copy about 2560 pixels wide and use that instead"))
    return ImageReport(size)


# --------------------------------------------------- putting it together


@dataclass
class MediaSummary:
    recordings: int = 0
    captions: int = 0
    pictures: int = 0
    seconds_of_sound: float = 0.0
    durations: dict[str, float | None] = field(default_factory=dict)  # rel -> seconds


#: Below this many files, the work is done in this process: starting workers costs more.
PARALLEL_FROM = 200
#: What the worker processes may be asked to run, by name.
INSPECTORS = ("inspect_audio", "inspect_captions", "inspect_image")
#: A line of stops.yaml that names a file, as the generated and the hand-written tours
#: write it (``audio: assets/...``, quoted or not): a guess, for a head start only.
_NAMED_FILE = re.compile(r"""^[ \t-]*(audio|captions|file)[ \t]*:[ \t]+"""
                         r"""(?:"([^"\\\n]+)"|'([^'\n]+)'|([^\s"'#&*!|>%@`{}\[\],]\S*))"""
                         r"""[ \t]*(?:#.*)?\r?$""", re.MULTILINE)
_INSPECTOR_OF = {"audio": "inspect_audio", "captions": "inspect_captions",
                 "file": "inspect_image"}


class Inspections:
    """Each distinct file inspected once per run; many files shared among processes.

    Keyed by (what inspects it, real path): a file named by several stops is opened
    once. With many files, worker processes (one per core) share them, and can start
    before stops.yaml is parsed (``start``): its text is scanned for the lines that name
    files, and the workers open those while this process parses; after the parse,
    ``run`` takes their reports for the files the tour really names and inspects what
    the guess missed. A guessed file is opened only if it is an ordinary file inside the
    content folder (its real path, links followed), as the loader requires.

    Why processes and not threads: libsndfile and Pillow let go of Python's lock, but each
    recording takes only ~0.4 ms, and the threads then spend as long waiting to take the
    lock back from the thread parsing captions (measured: 20% more CPU, little gained).
    Worker processes are forked (Linux), so they start at once with everything imported;
    elsewhere, or if they cannot be started, the work is done in this process. Work goes
    to them in chunks, and comes back as tuples, without the cues (``CaptionReport``).
    """

    def __init__(self, workers: int | None = None):
        self.workers = workers or min(8, _cores())
        self.root: str | None = None
        self.results: dict[tuple[str, str], object] = {}
        self._pool = None
        self._pending: list = []

    def start(self, content_dir: str | Path) -> None:
        """Have workers start on the files stops.yaml seems to name, if there are many."""
        if self.workers < 2 or not _can_fork():
            return
        try:
            text = read_regular_file(Path(content_dir) / "stops.yaml",
                                     limits.TOUR_FILE_BYTES).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return  # the loader says what is wrong
        guesses = {}
        for found in _NAMED_FILE.finditer(text):
            rel = found.group(2) or found.group(3) or found.group(4)
            guesses[(_INSPECTOR_OF[found.group(1)], rel)] = None
        if len(guesses) < PARALLEL_FROM:
            return
        self.root = os.path.realpath(content_dir)
        try:
            self._in_processes(list(guesses))
        except Exception:  # OSError, BrokenProcessPool...: it is all done later instead
            self.close()

    def _in_processes(self, items: list[tuple[str, str]]) -> None:
        """Send ``items`` (inspector's name, path in the content folder) to the workers."""
        if self._pool is None:
            self._pool = _start_pool(self.workers)
        size = max(8, len(items) // (self.workers * 16))
        for at in range(0, len(items), size):
            self._pending.append(self._pool.submit(_inspect_chunk, self.root,
                                                   items[at:at + size]))

    def _gather(self) -> None:
        """Wait for what the workers were given; keep their reports."""
        pending, self._pending = self._pending, []
        for future in pending:
            try:
                reports = future.result()
            except Exception:  # a worker died: the files it had are inspected here
                continue
            for key, packed in reports:
                self.results[key] = _REPORT_OF[key[0]]._make(packed)

    def run(self, jobs: list[tuple]) -> None:
        """Inspect every (inspect function, real path) of ``jobs`` not inspected yet."""
        self._gather()
        todo: dict[tuple[str, str], tuple] = {}
        for inspect, path in jobs:
            key = (inspect.__name__, path)
            if key not in self.results and key not in todo:
                todo[key] = (inspect, path)
        if (self.workers > 1 and len(todo) >= PARALLEL_FROM and _can_fork()
                and all(name in INSPECTORS for name, _ in todo)):
            try:
                self._in_processes(list(todo))
                self._gather()
            except Exception:  # OSError, BrokenProcessPool...: do it here instead
                pass
        left = [(key, inspect, path) for key, (inspect, path) in todo.items()
                if key not in self.results]
        if left:
            _import_inspectors()
        for key, inspect, path in left:
            self.results[key] = inspect(path)

    def get(self, inspect, path: str):
        return self.results[(inspect.__name__, path)]

    def close(self) -> None:
        pool, self._pool, self._pending = self._pool, None, []
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_Cache = Inspections  # its earlier name

_REPORT_OF = {"inspect_audio": AudioReport, "inspect_captions": CaptionReport,
              "inspect_image": ImageReport}


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 2


def _start_pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_started)


def _worker_started() -> None:
    """In each worker: the inspectors' libraries imported (here, not in the parent before
    the fork: the parent goes on to parse stops.yaml meanwhile), what C libraries write to
    the terminal (libmpg123 does) sent nowhere, and the garbage collector told to leave
    alone the objects the worker was forked with (looking at them would make it copy the
    parent's memory, page by page)."""
    import gc

    _import_inspectors()
    gc.freeze()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _inspect_chunk(root: str, chunk: list[tuple[str, str]]) -> list[tuple[tuple[str, str], tuple]]:
    """In a worker: ((name, real path), report as a tuple) of each file of ``chunk``.

    ``chunk`` is (inspector's name, path relative to ``root`` or absolute). Only ordinary
    files inside ``root`` are opened; what is left out (or fails here) is inspected by
    the parent if the tour really names it, which then says what is wrong with it.
    """
    inspectors = {name: globals()[name] for name in INSPECTORS}
    folders: dict[str, str] = {}
    done = []
    for name, path in chunk:
        real = _real_file(root, path, folders)
        if real is None:
            continue
        try:
            report = inspectors[name](real)
        except Exception:  # the parent meets it again, and says so
            continue
        if name == "inspect_captions":
            report = report._replace(cues=None)  # most are never looked at: see `latest`
        done.append(((name, real), tuple(report)))
    return done


def _real_file(root: str, path: str, folders: dict[str, str]) -> str | None:
    """Where ``path`` (in ``root``) really is, if an ordinary file inside ``root``; else None.

    The same resolution as the loader's: the real folder, then a link in the file's own
    name followed.
    """
    folder, _, name = os.path.join(root, path).rpartition(os.sep)
    real_folder = folders.get(folder)
    if real_folder is None:
        real_folder = folders[folder] = os.path.realpath(folder or os.sep)
    inside = root.rstrip(os.sep) + os.sep
    if not real_folder.startswith(inside) and real_folder != root:
        return None
    full = os.path.join(real_folder, name)
    try:
        info = os.lstat(full)
        if stat.S_ISLNK(info.st_mode):
            full = os.path.realpath(full)
            if not full.startswith(inside):
                return None
            info = os.stat(full)
    except OSError:
        return None
    return full if stat.S_ISREG(info.st_mode) else None


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def _quiet_stderr():
    """Silence what C libraries write straight to file descriptor 2, for a while."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _import_inspectors() -> None:
    """What the inspectors need, imported once in each process that inspects."""
    import soundfile  # noqa: F401
    import webvtt.vtt  # noqa: F401
    from PIL import Image, JpegImagePlugin, PngImagePlugin  # noqa: F401

    # Pictures between 89 and 178 megapixels: Pillow warns on stderr; the report says it.
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
    _libsndfile()


def check_media(found: Examined, workers: int | None = None,
                inspections: Inspections | None = None) -> tuple[list[Problem], MediaSummary]:
    """Inspect every recording, caption file and picture of the valid stops.

    ``inspections``: the run's, when it was started before stops.yaml was parsed
    (``kiosk.check``); it is left open. Without it, one is made here and closed.
    """
    if inspections is None:
        inspections = Inspections(workers)
        try:
            return check_media(found, workers, inspections)
        finally:
            inspections.close()
    source = found.source
    summary = MediaSummary()
    if source is None:
        return [], summary
    cache = inspections
    if cache.root is None:
        cache.root = os.path.realpath(found.root)
    jobs = []
    for _, stop in found.stops:
        for narration in stop.narration.values():
            if narration.audio in found.files:
                jobs.append((inspect_audio, found.files[narration.audio]))
            if narration.captions in found.files:
                jobs.append((inspect_captions, found.files[narration.captions]))
        for picture in stop.images:
            if picture.file in found.files:
                jobs.append((inspect_image, found.files[picture.file]))
    with _quiet_stderr():  # libmpg123 writes its own complaints to the terminal
        cache.run(jobs)
    counted: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    for index, stop in found.stops:
        durations: dict[str, float | None] = {}
        for language, narration in stop.narration.items():
            where = ("stops", index, "narration", language)
            duration = None
            if narration.audio in found.files:
                report = cache.get(inspect_audio, found.files[narration.audio])
                duration = report.duration if report.error is None else None
                if ("audio", narration.audio) not in counted:
                    counted.add(("audio", narration.audio))
                    summary.recordings += 1
                    summary.seconds_of_sound += duration or 0.0
                if report.error:
                    problems.append(source.problem(where + ("audio",), f"the recording "
                                                   f"'{narration.audio}' {report.error}"))
            durations[language] = duration
            if narration.captions in found.files:
                first = ("captions", narration.captions) not in counted
                if first:
                    counted.add(("captions", narration.captions))
                    summary.captions += 1
                path = found.files[narration.captions]
                report = cache.get(inspect_captions, path)
                problems += _caption_problems(report, narration.captions, narration.audio,
                                              duration, source, where + ("captions",), path)
                if first:  # at the file's own lines: once, however many stops name it
                    problems += _reading_warnings(report.hard_to_read, narration.captions)
        for n, picture in enumerate(stop.images):
            where = ("stops", index, "images", n)
            if picture.file in found.files:
                if ("picture", picture.file) not in counted:
                    counted.add(("picture", picture.file))
                    summary.pictures += 1
                report = cache.get(inspect_image, found.files[picture.file])
                if report.error:
                    problems.append(source.problem(where + ("file",), f"the picture "
                                                   f"'{picture.file}' {report.error}"))
                elif report.warning:
                    problems.append(source.problem(where + ("file",), f"the picture "
                                                   f"'{picture.file}' {report.warning}",
                                                   severity=Severity.warning))
            if picture.at is not None:
                problems += _timing_problems(stop, n, picture.at, durations, source,
                                             where + ("at",))
    return problems, summary


def _caption_problems(report: CaptionReport, rel: str, audio: str, duration: float | None,
                      source, where, path: str | None = None) -> list[Problem]:
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
                where, f"{rel} line {cue.line}: the caption '{_short(cue.text)}' ends at "
                f"{cue.end_text}, after the end of the recording '{audio}' ({duration:.1f} s); "
                f"make it end by {stamp(duration)}, or check that these captions belong to "
                "this recording"))
    return problems


def _reading_warnings(hard_to_read, rel: str) -> list[Problem]:
    """Warnings at the cues' own lines in the .vtt; the first few, then how many more."""
    warnings_ = [Problem(rel, line, 1, f"the caption '{_short(text)}' is hard for visitors to "
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


def _timing_problems(stop: Stop, n: int, at: float, durations: dict[str, float | None],
                     source, where) -> list[Problem]:
    if not stop.narration:
        return [source.problem(where, f"picture {n + 1} is timed to come on at {at:g} s, but "
                               "this stop has no narration to time it by; remove 'at' or add "
                               "the narration", severity=Severity.warning)]
    late = {language: d for language, d in durations.items() if d is not None and at > d}
    if not late:
        return []
    which = ", ".join(f"{language} {d:.1f} s" for language, d in late.items())
    return [source.problem(where, f"picture {n + 1} is timed to come on at {at:g} s, after "
                           f"the narration has ended ({which}); make 'at' smaller than "
                           f"{min(late.values()):.1f}, or remove it")]
