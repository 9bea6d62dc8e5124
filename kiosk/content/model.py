"""The tour as staff describe it in stops.yaml: the museum and its ordered stops.

These pydantic models are the single source of truth for the file's shape: the loader
validates against them and the JSON Schema for editors is generated from them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import limits
from .words import INTERFACE_LANGUAGES, StopKind, pick  # noqa: F401  (part of the model's words)

LanguageCode = Annotated[
    str,
    Field(pattern=r"^[a-z]{2}$", description="Two-letter language code: kk, ru or en."),
]
RelativePath = Annotated[
    str,
    Field(
        min_length=1,
        description="A file path relative to the content folder, for example "
        "assets/audio/en/arch-of-sorrow.ogg",
    ),
]
NonEmptyText = Annotated[str, Field(min_length=1)]
Translations = dict[LanguageCode, NonEmptyText]
#: Texts in each language, each with the longest it may be (kiosk/content/limits.py).
Titles = dict[LanguageCode, Annotated[str, Field(min_length=1, max_length=limits.TITLE_CHARS)]]
Stories = dict[LanguageCode, Annotated[str, Field(min_length=1, max_length=limits.TEXT_CHARS)]]
Captions = dict[LanguageCode, Annotated[str, Field(min_length=1,
                                                   max_length=limits.CAPTION_CHARS)]]
Notes = dict[LanguageCode, Annotated[str, Field(min_length=1, max_length=limits.NOTE_CHARS)]]

STOP_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Narration(_Strict):
    """One recording of a stop's story in one language, with its captions."""

    audio: RelativePath = Field(description="The recording: OGG Vorbis, MP3 or WAV.")
    captions: RelativePath | None = Field(
        default=None, description="WebVTT captions timed to the recording."
    )


class Picture(_Strict):
    """One picture shown at a stop, with its caption in each language."""

    file: RelativePath = Field(description="A JPEG or PNG image.")
    caption: Captions = Field(default_factory=dict)
    at: float | None = Field(
        default=None, ge=0,
        description="Seconds into the narration at which this picture comes on screen "
        "by itself. Leave it out to let visitors move through the pictures alone.")


class PlanPoint(_Strict):
    """A point on a plan, as fractions of the plan's picture from its top-left corner, so
    a new drawing of the same proportions keeps every point."""

    x: float = Field(ge=0, le=1, description="From the left edge (0) to the right edge (1).")
    y: float = Field(ge=0, le=1, description="From the top edge (0) to the bottom edge (1).")


class Place(PlanPoint):
    """Where a stop stands: a plan of museum.maps and a point on it."""

    map: str = Field(pattern=STOP_ID_PATTERN,
                     description="The id of a plan listed under museum.maps, e.g. grounds.")


class Plan(_Strict):
    """One plan of the grounds or of a floor of the museum, shown by the kiosk's map."""

    id: str = Field(pattern=STOP_ID_PATTERN,
                    description="A stable id the stops' places name, e.g. grounds or floor-1.")
    image: RelativePath = Field(description="The plan's picture, a PNG or JPEG in "
                                "assets/images/.")
    title: Titles = Field(min_length=1, description="The plan's name in each language.")


class WallOnPlan(_Strict):
    """Where the Wall of Memory stands on a plan: its panels run evenly from the first
    point (panel 1) to the last (the last panel)."""

    map: str = Field(pattern=STOP_ID_PATTERN, description="The id of the plan it is on.")
    first: PlanPoint = Field(description="Where panel 1 stands.")
    last: PlanPoint = Field(description="Where the last panel stands.")


class Stop(_Strict):
    """One place on the tour: an exhibit hall, an installation, a sculpture..."""

    id: str = Field(
        pattern=STOP_ID_PATTERN,
        description="A stable id: lower-case letters, digits and dashes. Never reuse one.",
    )
    number: int = Field(
        ge=1, le=9999, description="The number shown at the exhibit, typed on the keypad."
    )
    kind: StopKind
    title: Titles = Field(min_length=1, description="The stop's name in each language.")
    text: Stories = Field(
        default_factory=dict, description="A short text shown under the title."
    )
    narration: dict[LanguageCode, Narration] = Field(default_factory=dict)
    description: dict[LanguageCode, Narration] = Field(
        default_factory=dict,
        description="Audio description, per language: a recording (and its captions) that "
        "says what there is to see here, for visitors who cannot see it. 'Describe what I "
        "see' on the stop screen plays it.")
    images: list[Picture] = Field(min_length=1)
    content_note: Notes | None = Field(
        default=None,
        description="A note shown before the stop opens, for difficult content (for "
        "example violence against women and children); the visitor chooses to go on or back.")
    hidden: bool = Field(
        default=False, description="true keeps the stop in the file but off the tour."
    )
    place: Place | None = Field(
        default=None,
        description="Where the stop stands on a plan: {map: grounds, x: 0.42, y: 0.61}, "
        "fractions of the plan's picture from its top-left corner.")

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages this stop can be heard in."""
        return tuple(self.narration)

    def recordings(self):
        """(part, language, recording) of the stop's narration, then its description."""
        for part in ("narration", "description"):
            for language, recording in getattr(self, part).items():
                yield part, language, recording


class KioskSettings(_Strict):
    """How the kiosk behaves between visitors; staff may change these."""

    idle_timeout: int = Field(
        default=90, ge=20, le=3600,
        description="Seconds without a touch (and no narration playing) before the kiosk "
        "asks whether the visitor is still there.")
    countdown: int = Field(
        default=20, ge=10, le=120,
        description="Seconds the 'Are you still there?' question waits before the kiosk "
        "starts afresh for the next visitor.")
    default_volume: float = Field(
        default=0.7, ge=0, le=1, description="Volume for each new visitor, 0 to 1.")
    max_volume: float = Field(
        default=1.0, gt=0, le=1, description="The loudest a visitor may turn it, 0 to 1.")
    description_first: bool = Field(
        default=False, description="In the spoken guide, a stop's description of what there "
        "is to see plays before its story (true) or after it (false).")

    @model_validator(mode="after")
    def _default_within_max(self) -> "KioskSettings":
        if self.default_volume > self.max_volume:
            raise ValueError(f"default_volume {self.default_volume} is above max_volume "
                             f"{self.max_volume}; lower it or raise max_volume")
        return self


class Museum(_Strict):
    """The museum the kiosk stands in and the languages it offers."""

    name: Titles = Field(min_length=1, description="The museum's name in each language.")
    subtitle: Titles = Field(default_factory=dict)
    languages: list[LanguageCode] = Field(min_length=1)
    default_language: LanguageCode
    kiosk: KioskSettings = Field(default_factory=KioskSettings)
    names: RelativePath | None = Field(
        default=None,
        description="The list of names on the Wall of Memory, a CSV file saved as UTF-8 "
        "beside stops.yaml, for example names.csv. See docs/staff-guide.md.")
    names_demonstration: bool = Field(
        default=False,
        description="true while the list of names is a made-up demonstration list, not "
        "the names of the Wall; the search screen then says so.")
    maps: list[Plan] = Field(
        default_factory=list,
        description="Plans of the grounds and of each floor of the museum, in the order the "
        "map offers them; each stop says where it stands with place.")
    wall_of_memory: WallOnPlan | None = Field(
        default=None,
        description="Where the Wall of Memory stands on a plan, so a name found is shown "
        "there.")

    @field_validator("languages")
    @classmethod
    def _interface_languages_only(cls, value: list[str]) -> list[str]:
        unknown = [code for code in value if code not in INTERFACE_LANGUAGES]
        if unknown:
            raise ValueError(
                f"the kiosk cannot show the language(s) {', '.join(unknown)}; "
                f"use only {', '.join(INTERFACE_LANGUAGES)}"
            )
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice; list each one once")
        return value

    @model_validator(mode="after")
    def _default_is_offered(self) -> "Museum":
        if self.default_language not in self.languages:
            raise ValueError(
                f"default_language '{self.default_language}' is not among the "
                f"languages offered ({', '.join(self.languages)}); add it there or pick one of them"
            )
        return self


class TourFile(_Strict):
    """The whole of stops.yaml."""

    museum: Museum
    stops: list[Stop] = Field(min_length=1, max_length=limits.TOUR_STOPS)

