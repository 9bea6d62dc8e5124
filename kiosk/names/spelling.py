"""The search key of a name: one Latin skeleton, blind to script and to spelling.

A family may type a name as the wall writes it (Russian or Kazakh Cyrillic), with Kazakh
letters replaced by their Russian look-alikes, or in Latin letters by any common scheme
(the passport's, ISO 9, BGN/PCGN, the 2021 Kazakh Latin alphabet) or in the person's own
Polish, German or Latvian spelling. Each of these folds to the same key:

1. Cyrillic letters become Latin by one scheme (``CYRILLIC``, below).
2. Latin letters with marks lose them, some first becoming the pair they stand for
   (``MARKED``: š→sh, ł→l, ß→ss ...).
3. Spelling families collapse (``FAMILIES``): shch/sch/sh/sz→s, ch/cz/tsch→c, ts/tz→c,
   kh/x-as-h→h, zh/rz→z, w→v, q→k, y/j→i; an i before a vowel goes (ya/ia/ja, yu/iu/ju,
   ye/ie) and yo/io/jo is e (ё); a letter written twice counts once.

Step 1 is a table of our own: measured on the 554 scored queries of bench/names_bench.py
(20,000 names), anyascii 0.3.3 and iuliia 0.13 (ICAO scheme) in its place gave the same
recall (91.5% first, 99.5% in the first five, measured before names written as typed
were put first) at two and three times the folding time (26 and 38 µs a word against
13 µs).
PyICU needs the ICU library built on the kiosk; it was not tried.

The skeleton is deliberately lossy: different names may share a key, and the search
ranks those; what matters is that every spelling of one name reaches the same key.
"""

from __future__ import annotations

import re
import unicodedata

#: Cyrillic to Latin, close to the passport's scheme; Kazakh, Ukrainian and Belarusian
#: letters go to the Russian letter they look or sound like. ъ and ь are dropped.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kazakh letters and their look-alikes
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    # Ukrainian and Belarusian
    "є": "ye", "ї": "yi", "ґ": "g", "ў": "u",
}

#: Latin letters whose mark changes the sound into a pair of letters (or a letter the
#: marks' removal would not give); all other marks are simply dropped.
MARKED = {
    "š": "sh", "ş": "sh", "ś": "s", "ŝ": "shch", "ž": "zh", "ż": "z", "ź": "z",
    "č": "ch", "ç": "ch", "ć": "c", "ł": "l", "ß": "ss", "ä": "a", "ö": "o", "ü": "u",
    "ı": "i", "û": "yu", "â": "ya", "ʹ": "", "ʺ": "", "'": "", "’": "", "ʼ": "",
    "æ": "ae", "ø": "o", "œ": "oe",
}

#: Spelling families, longest first: each left side is written as the right side.
FAMILIES = (
    ("shch", "s"), ("szcz", "s"), ("tsch", "c"), ("sch", "s"), ("sh", "s"), ("sz", "s"),
    ("ch", "c"), ("cz", "c"), ("ts", "c"), ("tz", "c"), ("kh", "h"), ("zh", "z"),
    ("rz", "z"), ("ck", "k"), ("ph", "f"), ("x", "ks"), ("w", "v"), ("q", "k"),
    ("y", "i"), ("j", "i"),
)
_FAMILY = re.compile("|".join(re.escape(left) for left, _ in FAMILIES))
_FAMILY_OF = dict(FAMILIES)
_I_THEN_O = re.compile(r"i+o")
_I_BEFORE_VOWEL = re.compile(r"i+(?=[aeu])")
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z]+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*")


def _latin(text: str) -> str:
    out = []
    for char in text.lower():
        if char in CYRILLIC:
            out.append(CYRILLIC[char])
        elif char in MARKED:
            out.append(MARKED[char])
        else:
            out.append(char)
    plain = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in plain if not unicodedata.combining(c))


def fold(word: str) -> str:
    """The skeleton key of one word (a surname, a given name...): '' if it has no letters."""
    latin = _NOT_LETTER.sub("", _latin(word))
    key = _FAMILY.sub(lambda m: _FAMILY_OF[m.group(0)], latin)
    key = _I_THEN_O.sub("e", key)  # ё as yo/io/jo, written e in passports
    key = _I_BEFORE_VOWEL.sub("", key)
    return _DOUBLE.sub(r"\1", key)


def words(text: str) -> list[str]:
    """The words of what was typed (a hyphenated surname stays one word)."""
    return _WORD.findall(text)


def letters(word: str) -> int:
    """How many letters a word has as typed (the typo rule counts these)."""
    return sum(c.isalpha() for c in word)
