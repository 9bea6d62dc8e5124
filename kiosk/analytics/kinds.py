"""What the kiosk may record about a visit: the event kinds and, for each, its fields.

Only what is listed here can reach the disk. Every field has a type that cannot carry free
text: a stop id, a language code, a choice from a short list, a number of seconds, an
on/off switch. So no name, no words typed by a visitor, nothing that points to a person.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any, Callable

#: The tour's stop ids (``content.model.STOP_ID_PATTERN``), with a length bound. Kept
#: here rather than imported so the stats command does not pull in pydantic.
STOP_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")
#: A two-letter language code, as the tour writes them (kk, ru, en).
LANGUAGE = re.compile(r"[a-z]{2}\Z")
#: No narration is longer than a day: a larger number is a bug, not a visit.
MAX_SECONDS = 86_400.0


class Refused(ValueError):
    """An event that may not be stored; the message names the field, never its value."""


Check = Callable[[Any], Any]


def _stop(value: Any) -> str:
    if type(value) is str and STOP_ID.match(value):
        return value
    raise Refused("is not a stop id")


def _language(value: Any) -> str:
    if type(value) is str and LANGUAGE.match(value):
        return value
    raise Refused("is not a two-letter language code")


def _seconds(value: Any) -> float:
    # any real number (a numpy float too), but not bool: True seconds is a bug in the caller
    if (type(value) in (int, float) or isinstance(value, numbers.Real)
            and not isinstance(value, bool)) and math.isfinite(value) and 0 <= value <= MAX_SECONDS:
        return round(float(value), 1)
    raise Refused(f"is not a number of seconds from 0 to {MAX_SECONDS:.0f}")


def _switch(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise Refused("is not True or False")


def _choice(*options: str) -> Check:
    def check(value: Any) -> str:
        if type(value) is str and value in options:
            return value
        raise Refused(f"is not one of {', '.join(options)}")
    return check


def _or_none(check: Check) -> Check:
    def maybe(value: Any) -> Any:
        return None if value is None else check(value)
    return maybe


HOW_OPENED = ("tile", "keypad", "next", "previous", "selftest", "name", "map", "spoken")
MODES = ("large_text", "high_contrast", "description", "spoken_guide")
END_REASONS = ("idle", "staff")

_HEARD = {"stop": _stop, "language": _language, "listened": _seconds, "duration": _seconds}

#: kind -> {field: check}. Every field is required except those in ``OPTIONAL``.
KINDS: dict[str, dict[str, Check]] = {
    "session_start": {},
    "session_end": {"reason": _choice(*END_REASONS)},
    "language": {"language": _language, "previous": _or_none(_language)},
    "stop_open": {"stop": _stop, "how": _choice(*HOW_OPENED)},
    "narration_start": {"stop": _stop, "language": _language},
    "narration_pause": {"stop": _stop, "position": _seconds},
    "narration_seek": {"stop": _stop, "position": _seconds, "target": _seconds},
    "narration_finish": dict(_HEARD),
    # the visitor left before the end: where they give up
    "narration_leave": dict(_HEARD),
    "captions": {"on": _switch},
    "mode": {"mode": _choice(*MODES), "on": _switch},
    "content_note_declined": {"stop": _stop},
    # Finding a name: only that a search was made and that a name found was opened.
    # What was typed and which name are never recorded.
    "name_search": {},
    "name_opened": {},
}
#: (kind, field) pairs that may be left out: the first language chosen has no previous one.
OPTIONAL = {("language", "previous")}


def checked(kind: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """The event's fields, checked and normalised (seconds to 0.1); raises ``Refused``."""
    spec = KINDS.get(kind) if type(kind) is str else None
    if spec is None:
        raise Refused(f"unknown kind {str(kind)[:40]!r}")
    for name in fields:
        if name not in spec:
            raise Refused(f"{kind}: unknown field {str(name)[:40]!r}")
    event: dict[str, Any] = {}
    for name, check in spec.items():
        if name in fields:
            try:
                event[name] = check(fields[name])
            except Refused as why:
                raise Refused(f"{kind}: field {name!r} {why}") from None
        elif (kind, name) in OPTIONAL:
            event[name] = None
        else:
            raise Refused(f"{kind}: field {name!r} is missing")
    return event
