"""Makes small but real tours for tests: real OGG recordings, real JPEG pictures, VTT."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile
import yaml
from PIL import Image, ImageDraw

LANGUAGES = ("kk", "ru", "en")
TITLES = {"kk": "Аялдама", "ru": "Остановка", "en": "Stop"}


def tone(path: Path, seconds: float, pitch: float = 220.0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rate = 22050
    t = np.arange(int(seconds * rate)) / rate
    soundfile.write(str(path), 0.2 * np.sin(2 * np.pi * pitch * t), rate,
                    format="OGG", subtype="VORBIS")


def picture(path: Path, shade: int, size=(800, 500)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (shade, shade - 10, shade - 20))
    ImageDraw.Draw(image).rectangle((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2),
                                     fill=(200, 180, 150))
    image.save(path, quality=80)


def captions(path: Path, seconds: float, language: str) -> None:
    half = seconds / 2
    stamp = lambda s: f"00:00:{s:06.3f}"  # noqa: E731
    path.write_text(f"WEBVTT\n\n{stamp(0)} --> {stamp(half)}\nFirst ({language})\n\n"
                    f"{stamp(half)} --> {stamp(seconds)}\nSecond ({language})\n",
                    encoding="utf-8")


def make_tour(root: Path, stops: int = 4, seconds: float = 30.0, numbers=None,
              settings: dict | None = None, notes: dict | None = None) -> Path:
    """A tour of ``stops`` stops; stop 2 has three pictures, the last has no English.

    ``settings`` go to museum.kiosk; ``notes`` maps a stop index to its content note.
    """
    root.mkdir(parents=True, exist_ok=True)
    entries = []
    audio = root / "assets/audio/shared.ogg"
    tone(audio, seconds)
    for index in range(stops):
        stop_id = f"stop-{index + 1}"
        number = numbers[index] if numbers else 101 + index
        images = []
        for n in range(3 if index == 1 else 1):
            rel = f"assets/images/{stop_id}-{n + 1}.jpg"
            picture(root / rel, 60 + 30 * n + 10 * index)
            images.append({"file": rel, "caption": {code: f"{TITLES[code]} {number}, "
                                                    f"picture {n + 1}" for code in LANGUAGES}})
        languages = LANGUAGES if index < stops - 1 or stops == 1 else ("kk", "ru")
        narration = {}
        for code in languages:
            vtt = root / f"assets/audio/{code}/{stop_id}.vtt"
            vtt.parent.mkdir(parents=True, exist_ok=True)
            captions(vtt, seconds, code)
            narration[code] = {"audio": "assets/audio/shared.ogg",
                               "captions": f"assets/audio/{code}/{stop_id}.vtt"}
        entries.append({
            "id": stop_id, "number": number,
            "kind": ["museum_hall", "sculpture", "monument", "installation"][index % 4],
            "title": {code: f"{TITLES[code]} {number}" for code in LANGUAGES},
            "text": {code: f"{TITLES[code]} {number}: text." for code in LANGUAGES},
            "narration": narration, "images": images,
        })
        if notes and index in notes:
            entries[-1]["content_note"] = notes[index]
    tour = {"museum": {"name": {"kk": "Мұражай", "ru": "Музей", "en": "Museum"},
                       "languages": list(LANGUAGES), "default_language": "kk",
                       **({"kiosk": settings} if settings else {})},
            "stops": entries}
    (root / "stops.yaml").write_text(yaml.safe_dump(tour, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return root
