"""The home card: what the kiosk's first screen shows, kept beside the last good tour.

Reading stops.yaml means importing YAML and pydantic and validating every stop: about a
third of the kiosk's start (docs/performance.md). The first screen needs little of it:
the museum's name and subtitle, its languages, and whether there is a map and a list of
names. So each time a tour is taken up, the keeper writes that much here:

    DATA/last-good/home-card.json   {"sha256": ..., "name": {...}, "subtitle": {...}, ...}

At the next start, if stops.yaml is still exactly the text the card was made from (the
same SHA-256), the kiosk draws its first screen from the card and reads the tour in the
frame after (kiosk.ui.app). Any doubt (no card, another text, a damaged card) and the
kiosk reads the tour first, as before. No Kivy, no pydantic, no YAML here.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..atomic import write_bytes_atomically
from ..files import read_regular_file
from . import limits
from .formats import TOUR_FILE
from .words import INTERFACE_LANGUAGES, pick

log = logging.getLogger(__name__)

CARD_FILE = "home-card.json"


@dataclass(frozen=True)
class HomeCard:
    """The museum as its home screen shows it, and the stops.yaml text it came from."""

    sha256: str
    name: dict[str, str]
    languages: tuple[str, ...]
    default_language: str
    subtitle: dict[str, str] = field(default_factory=dict)
    #: The tour has plans (the Map buttons show) and a list of names (Find a name shows).
    has_maps: bool = False
    has_names: bool = False

    @classmethod
    def of(cls, tour, sha256: str) -> "HomeCard":
        """The card of a loaded tour (a kiosk.content.Tour) read from the text ``sha256``."""
        museum = tour.museum
        return cls(sha256, dict(museum.name), tuple(museum.languages),
                   museum.default_language, dict(museum.subtitle),
                   has_maps=bool(museum.maps), has_names=bool(museum.names))

    def text(self, key: str) -> dict[str, str]:
        """The museum's ``key`` ("name" or "subtitle") in each language."""
        return self.name if key == "name" else self.subtitle if key == "subtitle" else {}

    def say(self, key: str, language: str) -> str:
        """The museum's ``key`` in ``language``, else in its default language, else in
        another of its languages."""
        return pick(self.text(key), language, (self.default_language, *self.languages))


def text_sha256(content_dir: str | Path) -> str | None:
    """The SHA-256 of stops.yaml's text as the keeper keeps it (UTF-8, no BOM), or None
    when it cannot be read."""
    try:
        raw = read_regular_file(Path(content_dir) / TOUR_FILE, limits.TOUR_FILE_BYTES)
        return hashlib.sha256(raw.decode("utf-8-sig").encode("utf-8")).hexdigest()
    except (OSError, UnicodeDecodeError):
        return None


def write_card(path: Path, card: HomeCard) -> None:
    """Keep ``card`` at ``path`` (written whole or not at all). Never raises."""
    data = json.dumps(asdict(card), ensure_ascii=False, indent=1).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(path, data)
    except OSError as error:
        log.warning("home card not kept in %s: %s", path, error)


def read_card(path: Path) -> HomeCard | None:
    """The card kept at ``path``, or None if there is none or it is not a whole, sound
    card (then the kiosk simply reads the tour first)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        card = HomeCard(
            sha256=str(found["sha256"]), name=_texts(found["name"]),
            languages=tuple(found["languages"]), default_language=found["default_language"],
            subtitle=_texts(found.get("subtitle", {})), has_maps=bool(found.get("has_maps")),
            has_names=bool(found.get("has_names")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    sound = (card.name and card.languages
             and all(code in INTERFACE_LANGUAGES for code in card.languages)
             and card.default_language in card.languages)
    return card if sound else None


def _texts(value) -> dict[str, str]:
    return {str(code): str(text) for code, text in value.items()}
