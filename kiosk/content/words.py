"""What the kiosk's screens need of the tour's vocabulary, without the model behind it.

The languages the interface speaks, the kinds of stop, and ``pick`` (a text in the
visitor's language). They live apart from ``kiosk.content.model`` so that the kiosk's
first screen can be drawn before pydantic and the model's validators are imported
(docs/performance.md, "Process start to first frame of home"). No Kivy, no pydantic.
"""

from __future__ import annotations

from enum import Enum

#: Languages the kiosk's own interface speaks. A stop may carry others, but the
#: museum can only offer visitors those the kiosk can label.
INTERFACE_LANGUAGES = ("kk", "ru", "en")


class StopKind(str, Enum):
    """What kind of place a stop is; the kiosk names each kind in every language."""

    museum_hall = "museum_hall"
    installation = "installation"
    sculpture = "sculpture"
    monument = "monument"
    building = "building"
    grounds = "grounds"


def pick(translations: dict[str, str], language: str, fallbacks: tuple[str, ...] = ()) -> str:
    """The text in ``language``, else in the first fallback that has one, else ''."""
    for code in (language, *fallbacks):
        if translations.get(code):
            return translations[code]
    return next(iter(translations.values()), "")
