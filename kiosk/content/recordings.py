"""Recordings, as ``check`` inspects them: is each one a whole, playable narration?

A recording (.ogg, .mp3, .wav only) is opened by libsndfile (through soundfile), which
reads the header (format, length, channels) and sets up the decoder; then the first
0.1 s is really decoded, and for MP3 and WAV the last 0.1 s too (an OGG's length is read
from its last page, so a cut OGG is short rather than broken at its end, and its last
page is looked at instead: ``ogg_end``); a WAV's header is compared with the data it
really holds (``kiosk.wav``). A file that is not audio, is damaged at its start, cut
short, empty, or shorter than half a second is an error. A recording that starts with more
than 0.3 s of silence is a warning: a visitor who taps play hears nothing for that long
(the first 0.35 s is decoded for it). The middle of a recording is
not decoded, nor its loudness measured: the check of a large tour must stay within
seconds. Nearly all of a recording's time is libsndfile's open (libvorbis building its
codebooks, libsndfile reading the end for the length).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .. import wav
from . import ogg_end
from .errors import said_by
from .formats import AUDIO_FORMATS

#: Shorter than this is not a narration: a file cut short, or an export gone wrong.
MIN_SECONDS = 0.5
#: Seconds decoded at each end of a recording.
PROBE_SECONDS = 0.1
#: More silence than this at a recording's start is a warning (seconds)...
LONGEST_LEAD_SILENCE = 0.3
#: ...so this much of its start is decoded.
HEAD_SECONDS = 0.35
#: Softer than this (a fraction of full scale, -40 dBFS) is silence.
AUDIBLE = 0.01
#: A recording silent all through its head is read on this far for the figure (seconds).
LONGEST_LOOK = 3.0


class AudioReport(NamedTuple):  # tuples: cheap to send back from a worker process
    duration: float | None = None  # seconds, when the header could be read
    error: str | None = None  # what is wrong, to follow "the recording 'x' ..."
    #: Seconds of silence before its first sound, when longer than LONGEST_LEAD_SILENCE.
    lead_silence: float | None = None

    @property
    def warning(self) -> str | None:
        """What a visitor would notice, to follow "the recording 'x' ..."."""
        if self.lead_silence is None:
            return None
        more = " or more" if self.lead_silence >= LONGEST_LOOK else ""
        return (f"starts with {self.lead_silence:.2f} s{more} of silence: a visitor who taps play "
                f"hears nothing for that long; trim the silence at its start to 0.1 s or "
                "less in your audio program")


def inspect_audio(path: str | Path) -> AudioReport:
    """Header, then a real decode of the first and last PROBE_SECONDS."""
    suffix = os.path.splitext(path)[1]
    if suffix.lower() not in AUDIO_FORMATS:
        return AudioReport(error=f"is a {suffix or 'extension-less'} file, which the kiosk "
                           "cannot play; save the recording as OGG Vorbis (.ogg), MP3 or WAV "
                           "and write that file's name here")
    return _whole(path, _decode(path))


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
    """Header, then the first and last PROBE_SECONDS decoded through soundfile's public
    ``SoundFile``; each fault in words."""
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
            head = sound.read(min(max(probe, int(HEAD_SECONDS * rate)), frames), dtype="int16")
            lead = _lead_silence(head, rate)
            if lead is not None and not _audible(head).size and frames > len(head):
                # silent all through the head: read on (a few seconds) for the figure
                more = sound.read(min(frames, int(LONGEST_LOOK * rate)) - len(head),
                                  dtype="int16")
                lead = _lead_silence(np.concatenate([head, more]), rate)
            tail = None
            if frames > probe and container != "OGG":
                # An OGG's length comes from its last page: a cut one is shorter, not broken
                # at the end. An MP3's is estimated from its header: decode its end.
                sound.seek(frames - probe)
                tail = sound.read(probe, dtype="int16")
    except Exception as error:  # soundfile.LibsndfileError, RuntimeError, OSError...
        return AudioReport(error="cannot be decoded: it is damaged or not really an OGG, MP3 "
                           "or WAV recording; export it again from your audio program (the "
                           f"decoder said: {said_by(error)})")
    if len(head) == 0 or (tail is not None and len(tail) == 0):
        return AudioReport(duration, "cannot be decoded to the end (its header promises "
                           f"{duration:.1f} s, but the sound stops early); it was probably "
                           "cut short while copying: copy or export it again")
    promised = wav.promised_seconds(path) if container in ("WAV", "WAVEX") else None
    if promised is not None and promised > duration + 0.05:
        return AudioReport(duration, f"is cut short: its header promises {promised:.1f} s "
                           f"but the file holds only {duration:.1f} s; copy or export it again")
    if duration < MIN_SECONDS:
        return AudioReport(duration, f"is only {duration:.2f} seconds long; it was probably "
                           "cut short: export the whole recording again")
    return AudioReport(duration, lead_silence=lead)


def _audible(frames) -> "np.ndarray":
    """The indices of the audible frames of ``frames`` (int16, mono or not)."""
    level = np.abs(frames.astype(np.int32))
    if level.ndim > 1:
        level = level.max(axis=1)
    return np.flatnonzero(level > AUDIBLE * 32768)


def _lead_silence(head, rate: int) -> float | None:
    """Seconds before the first audible sample of ``head`` (int16 frames), when more than
    LONGEST_LEAD_SILENCE; None otherwise (all of ``head``'s length when none is audible)."""
    loud = _audible(head)
    first = float(loud[0] / rate if loud.size else len(head) / rate)
    return first if first > LONGEST_LEAD_SILENCE else None
