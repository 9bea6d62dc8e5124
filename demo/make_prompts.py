#!/usr/bin/env python3
"""Synthesise the spoken guide's recordings for the demo from demo/prompts.yaml.

    .venv/bin/python demo/make_prompts.py

One OGG Vorbis file per phrase and number part, per language, in
assets/audio/<language>/prompts/ (the ids of kiosk/speech/phrases.py), and one per stop's
title and content note as stops.yaml words them (title-<stop-id>, note-<stop-id>: run it
again after make_media.py), with espeak-ng and
ffmpeg as demo/make_media.py makes the narration. Each starts within a few milliseconds of
its first sound: a key press must be heard at once. Files whose content has not changed are
not rewritten, so the script can be run again at will.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from make_media import (AUDIO_DIR, ROOT, SAMPLE_RATE, VORBIS_QUALITY,  # noqa: E402
                        synthesize, trimmed, write_if_changed)

from kiosk.content import read_tour  # noqa: E402
from kiosk.speech.phrases import note_prompt, prompt_ids, stop_prompt_ids, title_prompt  # noqa: E402

TEXTS = Path(__file__).resolve().parent / "prompts.yaml"
VOICES = {"kk": "kk", "ru": "ru", "en": "en-gb"}
#: Silence kept before the first sound (s): under 20 ms, so a key is answered at once.
LEAD_S = 0.005


def texts() -> dict[str, dict[str, str]]:
    """language -> prompt id -> words."""
    data = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {code: dict(words) for code, words in data["numbers"].items()}
    for pid, by_language in data["phrases"].items():
        for code, words in by_language.items():
            out.setdefault(code, {})[pid] = words
    return out


def tour_words(tour) -> dict[str, dict[str, str]]:
    """language -> prompt id -> words: each stop's title and content note."""
    out: dict[str, dict[str, str]] = {}
    for stop in tour.stops:
        for code, title in stop.title.items():
            out.setdefault(code, {})[title_prompt(stop.id)] = title
        for code, note in (stop.content_note or {}).items():
            out.setdefault(code, {})[note_prompt(stop.id)] = note
    return out


def recording(words: str, voice: str, tmp: Path) -> bytes:
    raw = tmp / "raw.wav"
    synthesize(words, voice, raw)
    x, sr = sf.read(raw, dtype="float32")
    y = trimmed(x, sr, pad_s=LEAD_S)
    peak = float(np.max(np.abs(y))) or 1.0
    y = np.clip(y * min(4.0, 0.89 / peak), -1, 1)
    wav, ogg = tmp / "one.wav", tmp / "one.ogg"
    sf.write(wav, y, SAMPLE_RATE, subtype="PCM_16")
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i",
                    str(wav), "-ac", "1", "-ar", str(SAMPLE_RATE), "-c:a", "libvorbis", "-q:a",
                    VORBIS_QUALITY, "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a",
                    "+bitexact", str(ogg)], check=True)
    return ogg.read_bytes()


def main() -> int:
    words = texts()
    missing = {code: sorted(prompt_ids(code) - set(words.get(code, {}))) for code in VOICES}
    if any(missing.values()):
        print(f"demo/prompts.yaml lacks words for: {missing}", file=sys.stderr)
        return 1
    tour = read_tour(ROOT).valid_tour()
    for code, own in tour_words(tour).items():
        words.setdefault(code, {}).update(own)
    written = 0
    with tempfile.TemporaryDirectory() as folder:
        for code, voice in VOICES.items():
            for pid in sorted(prompt_ids(code)) + stop_prompt_ids(tour.stops, code):
                path = AUDIO_DIR / code / "prompts" / f"{pid}.ogg"
                written += write_if_changed(path, recording(words[code][pid], voice,
                                                            Path(folder)))
    print(f"{written} recording(s) written in {AUDIO_DIR.relative_to(ROOT)}/*/prompts/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
