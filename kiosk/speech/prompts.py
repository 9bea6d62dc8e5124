"""Where the spoken guide's recordings are, and which are missing.

One file per phrase or number part: ``assets/audio/<language>/prompts/<id>.ogg`` (a human
recording may replace any; WAV and MP3 are taken too, the first that exists), and one per
stop's title (``title-<stop-id>``) and content note (``note-<stop-id>``). A tour whose
languages have no prompts folder has no spoken guide. No Kivy here.
"""

from __future__ import annotations

from pathlib import Path

from .phrases import prompt_ids, stop_prompt_ids

PROMPTS_DIR = "assets/audio/{language}/prompts"
ENDINGS = (".ogg", ".wav", ".mp3")


def prompt_file(root: Path, language: str, part: str) -> Path | None:
    """The recording of ``part`` in ``language``, or None when there is none."""
    folder = Path(root) / PROMPTS_DIR.format(language=language)
    for ending in ENDINGS:
        path = folder / f"{part}{ending}"
        if path.is_file():
            return path
    return None


def speaking_languages(root: Path, languages) -> list[str]:
    """The languages that have a prompts folder: the spoken guide speaks those (a tour with
    none has no spoken guide, and its number pad types stop numbers as on every screen)."""
    return [code for code in languages
            if (Path(root) / PROMPTS_DIR.format(language=code)).is_dir()]


def missing_prompts(root: Path, languages, stops=()) -> dict[str, list[str]]:
    """Per language that has a prompts folder, the ids with no recording: the phrases
    and number parts (sorted), then the titles and notes of ``stops`` (in their order);
    languages missing none are left out."""
    missing = {}
    for language in speaking_languages(root, languages):
        absent = sorted(pid for pid in prompt_ids(language)
                        if prompt_file(root, language, pid) is None)
        absent += [pid for pid in stop_prompt_ids(stops, language)
                   if prompt_file(root, language, pid) is None]
        if absent:
            missing[language] = absent
    return missing
