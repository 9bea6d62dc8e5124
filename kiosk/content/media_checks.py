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
- **Captions** (.vtt): read as UTF-8 and parsed with webvtt-py; blocks that webvtt-py
  would silently drop (a broken timing line, text cut off from its cue by a blank
  line) are reported with their line, as are cues that end before they start, start
  before the cue above them (a warning), or end more than half a second after the
  narration's end.
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

Each distinct file is inspected once per run (keyed by real path, size and change time),
shared among worker processes, one per core, when there are many (see ``_Cache``).
"""

from __future__ import annotations

import contextlib
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import Problem, Severity
from .loader import Examined
from .model import Stop

AUDIO_FORMATS = (".ogg", ".mp3", ".wav")
CAPTION_FORMATS = (".vtt",)
IMAGE_FORMATS = (".jpg", ".jpeg", ".png")
#: Shorter than this is not a narration: a file cut short, or an export gone wrong.
MIN_SECONDS = 0.5
#: A cue may end this much after the recording (rounding in caption tools) unremarked.
CUE_TOLERANCE = 0.5
#: Seconds decoded at each end of a recording.
PROBE_SECONDS = 0.1
#: Pictures above either of these are a warning: slow to prepare, heavy in memory.
HUGE_PIXELS = 40_000_000
HUGE_BYTES = 25 * 1024 * 1024


# --------------------------------------------------------------- reports


@dataclass(frozen=True)
class AudioReport:
    duration: float | None = None  # seconds, when the header could be read
    error: str | None = None  # what is wrong, to follow "the recording 'x' ..."


class Cue(NamedTuple):  # a tuple: cheap to send back from a worker process
    line: int  # of its timing line in the .vtt file, 1-based
    start: float
    end: float
    start_text: str
    end_text: str
    text: str


@dataclass(frozen=True)
class CaptionReport:
    cues: tuple[Cue, ...] = ()
    #: (line in the .vtt, what is wrong and what to do, severity)
    problems: tuple[tuple[int, str, Severity], ...] = ()


@dataclass(frozen=True)
class ImageReport:
    size: tuple[int, int] | None = None
    error: str | None = None
    warning: str | None = None


# ------------------------------------------------------------ recordings


def inspect_audio(path: str | Path) -> AudioReport:
    """Header, then a real decode of the first and last PROBE_SECONDS."""
    import soundfile

    suffix = os.path.splitext(path)[1]
    if suffix.lower() not in AUDIO_FORMATS:
        return AudioReport(error=f"is a {suffix or 'extension-less'} file, which the kiosk "
                           "cannot play; save the recording as OGG Vorbis (.ogg), MP3 or WAV "
                           "and write that file's name here")
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
    """Parse a .vtt with webvtt-py; report, by line, what it would refuse or drop.

    One pass over the file's blocks, each given to webvtt-py's own block parser: the same
    steps as ``webvtt.read``, but knowing each block's line, and seeing the blocks that
    ``webvtt.read`` drops without a word.
    """
    from webvtt.vtt import WebVTTCueBlock, is_valid_content

    suffix = os.path.splitext(path)[1]
    if suffix.lower() not in CAPTION_FORMATS:
        return CaptionReport(problems=((0, f"are a {suffix or 'extension-less'} file, not "
                                        "WebVTT; save the captions as WebVTT (.vtt, see the staff "
                                        "guide)", Severity.error),))
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
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
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if not is_valid_content(lines):
        return CaptionReport(problems=((1, "the first line must be WEBVTT; add that line at "
                                        "the top of the file", Severity.error),))
    problems: list[tuple[int, str, Severity]] = []
    cues: list[Cue] = []
    timing_pattern = WebVTTCueBlock.CUE_TIMINGS_PATTERN
    for number, block in _blocks(lines):
        first = block[0]
        if WebVTTCueBlock.is_valid(block):
            timing_at = 0 if timing_pattern.match(first) else 1
            line = number + timing_at
            parsed = WebVTTCueBlock.from_lines(block)
            # Exact times (webvtt-py's *_in_seconds drop the milliseconds). What webvtt-py's
            # Caption refuses (minutes or seconds above 59, a comma before the
            # milliseconds), seconds() refuses too.
            start, end = seconds(parsed.start), seconds(parsed.end)
            if start is None or end is None:
                bad = parsed.start if start is None else parsed.end
                problems.append((line, f"'{bad}' is not a WebVTT time, so this caption "
                                 "cannot be read; write times like 00:01:02.500 (minutes and "
                                 "seconds up to 59, a full stop before the milliseconds)",
                                 Severity.error))
                continue
            words = " ".join(part.strip() for part in parsed.payload).strip()
            cues.append(Cue(line, start, end, parsed.start, parsed.end, words))
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
    for cue in cues:
        if cue.end <= cue.start:
            problems.append((cue.line, f"the caption '{_short(cue.text)}' ends "
                             f"({cue.end_text}) before it starts ({cue.start_text}); correct "
                             "the times", Severity.error))
        elif previous is not None and cue.start < previous.start:
            problems.append((cue.line, f"the caption '{_short(cue.text)}' starts "
                             f"({cue.start_text}) before the one above it ({previous.start_text}); "
                             "put the captions in time order", Severity.warning))
        previous = cue
    if not cues and not problems:
        problems.append((0, "have no captions in them; add them, or remove the 'captions:' line "
                         "from stops.yaml", Severity.warning))
    return CaptionReport(tuple(cues), tuple(problems))


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


def _inspect(job: tuple[str, str]):
    """Run in a worker process: ``job`` is (name of an inspect_* function, path)."""
    name, path = job
    return globals()[name](path)


class _Cache:
    """Each distinct file inspected once per run; many files are shared among processes.

    Keyed by (what inspects it, real path, size, mtime): a file named by several stops is
    opened once, and one changed during the run is not mistaken for the old one.

    Why processes and not threads: libsndfile and Pillow let go of Python's lock, but each
    recording takes only ~0.4 ms, and the threads then spend as long waiting to take the
    lock back from the thread parsing captions (measured: 20% more CPU, little gained).
    Worker processes are forked (Linux), so they start at once with everything imported;
    elsewhere, or if they cannot be started, the work is done in this process.
    """

    def __init__(self, workers: int | None):
        self.workers = workers or min(8, os.cpu_count() or 2)
        self.results: dict[tuple, object] = {}
        self.keys: dict[tuple, tuple] = {}

    def key(self, inspect, path: str) -> tuple:
        key = self.keys.get((inspect, path))
        if key is None:
            try:
                info = os.stat(path)
                key = (inspect.__name__, path, info.st_size, info.st_mtime_ns)
            except OSError:
                key = (inspect.__name__, path, None, None)
            self.keys[(inspect, path)] = key
        return key

    def run(self, jobs: list[tuple]) -> None:
        todo: dict[tuple, tuple] = {}
        for inspect, path in jobs:
            key = self.key(inspect, path)
            if key not in self.results and key not in todo:
                todo[key] = (inspect, path)
        items = list(todo.items())
        if self.workers > 1 and len(items) >= PARALLEL_FROM and _can_fork():
            try:
                self._in_processes(items)
                return
            except Exception:  # OSError, BrokenProcessPool...: do it here instead
                pass
        for key, (inspect, path) in items:
            if key not in self.results:
                self.results[key] = inspect(path)

    def _in_processes(self, items: list[tuple]) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(16, len(items) // (self.workers * 12))
        with ProcessPoolExecutor(self.workers,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            done = pool.map(_inspect, [(inspect.__name__, path)
                                       for _, (inspect, path) in items], chunksize=chunk)
            for (key, _), result in zip(items, done):
                self.results[key] = result

    def get(self, inspect, path: str):
        return self.results[self.key(inspect, path)]


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


def check_media(found: Examined, workers: int | None = None) -> tuple[list[Problem], MediaSummary]:
    """Inspect every recording, caption file and picture of the valid stops."""
    source = found.source
    summary = MediaSummary()
    if source is None:
        return [], summary
    import soundfile  # noqa: F401 - imported once here, before any worker is forked
    import webvtt.vtt  # noqa: F401
    from PIL import Image, JpegImagePlugin, PngImagePlugin  # noqa: F401

    # Pictures between 89 and 178 megapixels: Pillow warns on stderr; the report says it.
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
    cache = _Cache(workers)
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
                if ("captions", narration.captions) not in counted:
                    counted.add(("captions", narration.captions))
                    summary.captions += 1
                report = cache.get(inspect_captions, found.files[narration.captions])
                problems += _caption_problems(report, narration.captions, narration.audio,
                                              duration, source, where + ("captions",))
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
                      source, where) -> list[Problem]:
    problems = []
    for line, message, severity in report.problems:
        problems.append(source.problem(where, f"{rel} line {line}: {message}" if line
                                       else f"the captions '{rel}' {message}",
                                       severity=severity))
    if duration is None:
        return problems
    for cue in report.cues:
        if cue.end > duration + CUE_TOLERANCE and cue.end > cue.start:
            problems.append(source.problem(
                where, f"{rel} line {cue.line}: the caption '{_short(cue.text)}' ends at "
                f"{cue.end_text}, after the end of the recording '{audio}' ({duration:.1f} s); "
                f"make it end by {stamp(duration)}, or check that these captions belong to "
                "this recording"))
    return problems


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
