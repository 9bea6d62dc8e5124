"""The letters of the on-screen keyboard for finding a name: Kazakh, Russian and Latin.

Each layout is a few rows of lower-case letters, as the visitor meets them on a
physical keyboard (the keys show them upper-case; the letter typed is the lower-case
one). Kazakh is the Russian ЙЦУКЕН arrangement with the nine Kazakh letters in a row of
their own above it, in the order the Kazakh standard keyboard has them on its top row.
A hyphen key, for double surnames, ends a row of each layout.

No Kivy here: the widget that draws the keys (``kiosk.ui.widgets.letter_keys``) and the
tests read the same data.
"""

from __future__ import annotations

#: The keyboards, by script; the order of the switch keys.
SCRIPTS = ("kk", "ru", "latin")

#: The hyphen key's letter (double surnames: Петрова-Водкина).
HYPHEN = "-"

_RUSSIAN_ROWS = (
    tuple("йцукенгшщзхъ"),
    tuple("фывапролджэ"),
    tuple("ячсмитьбюё"),
)

LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    # The Kazakh letters as the kk keyboard's top row holds them (ә і ң ғ … ү ұ қ ө һ).
    "kk": (tuple("әіңғүұқөһ") + (HYPHEN,), *_RUSSIAN_ROWS),
    "ru": (*_RUSSIAN_ROWS[:2], _RUSSIAN_ROWS[2] + (HYPHEN,)),
    "latin": (tuple("qwertyuiop"), tuple("asdfghjkl"), tuple("zxcvbnm") + (HYPHEN,)),
}

#: The keyboard that opens with each interface language.
SCRIPT_OF_LANGUAGE = {"kk": "kk", "ru": "ru", "en": "latin"}

#: What each switch key says: the same in every interface language, so a visitor finds
#: their own letters whatever language the screen speaks.
SCRIPT_NAMES = {"kk": "ҚАЗ", "ru": "РУС", "latin": "ABC"}


def letters(script: str) -> list[str]:
    """Every key of ``script``'s rows that types a letter (the hyphen left out)."""
    return [key for row in LAYOUTS[script] for key in row if key != HYPHEN]


def widest_row() -> int:
    """The most keys in a row of any layout: every layout's keys are as wide as these,
    so a key keeps its size when the visitor switches script."""
    return max(len(row) for rows in LAYOUTS.values() for row in rows)


def most_rows() -> int:
    """The most rows of letters in any layout."""
    return max(len(rows) for rows in LAYOUTS.values())
