"""The two times beside the narration bar: how much has been heard, how much is left.

Both come from one computation in whole seconds, so that they always add up to the
length shown before the narration starts (never 0:01 and -0:43 on a 43-second
recording). No Kivy here.
"""

from __future__ import annotations


def whole_seconds(seconds: float) -> int:
    """``seconds`` rounded to the nearest whole second (halves up), never below 0."""
    return max(0, int(seconds + 0.5))


def shown_times(position: float, duration: float) -> tuple[int, int]:
    """``(elapsed, remaining)`` in whole seconds for a ``position`` in a recording of
    ``duration`` seconds; ``elapsed + remaining`` is always the rounded duration."""
    total = whole_seconds(duration)
    elapsed = min(total, whole_seconds(position))
    return elapsed, total - elapsed


def clock_text(seconds: int) -> str:
    """``75`` -> ``"1:15"``."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def shown_texts(position: float, duration: float) -> tuple[str, str]:
    """The elapsed and the remaining time as the bar shows them: ``("0:12", "-0:31")``."""
    elapsed, remaining = shown_times(position, duration)
    return clock_text(elapsed), "-" + clock_text(remaining)
