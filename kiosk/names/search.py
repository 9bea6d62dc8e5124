"""Finding a typed name in the list: ``NameIndex(people).search(query, limit)``.

The rules, each visible to a family at the kiosk:

- the surname alone finds the person; so does the surname with the given name in either
  order, and the patronymic may be added or left out;
- a maiden or other surname (``other_surnames``) and the person's own spelling
  (``other_spellings``: the surname, or the surname then the given name) count as the surname;
- script and spelling do not matter (``spelling.fold``);
- one typo is forgiven in a word of five letters or more (typed, or the name's key);
- among names of one key, those written exactly as typed come first (Хоффман before
  Хофман when Хоффман is typed);
- the last word may be unfinished (results appear while the visitor types).

Every typed word must fit a different part of the name, and one of them the surname.
The index is built once (off the UI thread on the kiosk); nothing typed is kept or written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from .roll import Person
from .spelling import fold, letters, words

#: The parts of a name a typed word may fit, and the slot each fills.
SURNAME, GIVEN, PATRONYMIC = 0, 1, 2
#: What each kind of fit scores, out of 1.
EXACT, UNFINISHED, TYPO = 1.0, 0.85, 0.7
#: Words of at least this many letters forgive one typo.
TYPO_FROM = 5
#: An unfinished last word needs at least this many letters of its key.
UNFINISHED_FROM = 2
_J_AS_ZH = re.compile("j", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Match:
    """One person found, with a score out of 100 (higher is better)."""

    person: Person
    score: float


class NameIndex:
    """The published persons, indexed by the keys of their names."""

    def __init__(self, people: list[Person]):
        self.people = list(people)
        #: key -> list of (person number, slot)
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for number, person in enumerate(self.people):
            self._add(person.surname, number, SURNAME)
            self._add(person.given_name, number, GIVEN)
            self._add(person.patronymic, number, PATRONYMIC)
            for other in person.other_surnames:
                self._add(other, number, SURNAME)
            for spelling in person.other_spellings:
                parts = words(spelling)
                if parts:
                    self._add(parts[0], number, SURNAME)
                for part in parts[1:]:
                    self._add(part, number, GIVEN)
        self._keys = sorted(self._postings)

    def _add(self, text: str, number: int, slot: int) -> None:
        for word in words(text) or ([text] if text else []):
            key = fold(word)
            if key:
                entries = self._postings.setdefault(key, [])
                if (number, slot) not in entries[-2:]:
                    entries.append((number, slot))

    def __len__(self) -> int:
        return len(self.people)

    def _fits(self, word: str, last: bool) -> dict[str, float]:
        """The keys a typed word reaches, each with its score. A Latin j is й in Polish,
        German or Latvian (Jadwiga) but ж in the 2021 Kazakh Latin alphabet (Jamal):
        the word is looked up both ways."""
        found: dict[str, float] = {}
        for variant in (word, _J_AS_ZH.sub("zh", word)) if "j" in word.lower() else (word,):
            for key, score in self._fits_key(fold(variant), word, last).items():
                if found.get(key, 0) < score:
                    found[key] = score
        return found

    def _fits_key(self, key: str, word: str, last: bool) -> dict[str, float]:
        if not key:
            return {}
        found: dict[str, float] = {}
        if key in self._postings:
            found[key] = EXACT
        if last and len(key) >= UNFINISHED_FROM:
            start = bisect.bisect_left(self._keys, key)
            for other in self._keys[start:start + 400]:
                if not other.startswith(key):
                    break
                found.setdefault(other, UNFINISHED)
        typed = letters(word)
        if typed >= TYPO_FROM - 1:  # a five-letter name typed with a letter left out
            for other, _, _ in extract(key, self._keys, scorer=Levenshtein.distance,
                                       score_cutoff=1, limit=None):
                if typed >= TYPO_FROM or len(other) >= TYPO_FROM:
                    found.setdefault(other, TYPO)
        return found

    def search(self, query: str, limit: int = 20) -> list[Match]:
        """The persons ``query`` names, best first (at most ``limit``)."""
        typed = words(query)[:4]
        if not typed or limit <= 0:
            return []
        # for each typed word: person number -> best score per slot
        per_word: list[dict[int, dict[int, float]]] = []
        for place, word in enumerate(typed):
            fits = self._fits(word, last=place == len(typed) - 1)
            if not fits:
                return []
            persons: dict[int, dict[int, float]] = {}
            for key, score in fits.items():
                for number, slot in self._postings[key]:
                    slots = persons.setdefault(number, {})
                    if slots.get(slot, 0) < score:
                        slots[slot] = score
            per_word.append(persons)
        plain = [_plain(word) for word in typed]
        smallest = min(per_word, key=len)
        matches = []
        for number in smallest:
            choices = [persons.get(number) for persons in per_word]
            if None in choices:
                continue
            best = _best_assignment(choices)
            if best is None:
                continue
            score, surname_first = best
            person = self.people[number]
            as_written = sum(word in _written(person) for word in plain)
            matches.append(Match(person, round(100 * score / len(typed)
                                               + (1 if surname_first else 0)
                                               + 0.5 * min(len(typed), 3) / 3
                                               + as_written / len(typed), 2)))
        matches.sort(key=lambda m: (-m.score, m.person.surname, m.person.given_name,
                                    m.person.patronymic, m.person.id))
        return matches[:limit]


def _plain(word: str) -> str:
    return word.lower().replace("ё", "е")


def _written(person: Person) -> set[str]:
    """The words of a person's names as written (lower case, ё as е)."""
    parts = (person.surname, person.given_name, person.patronymic, *person.other_surnames,
             *person.other_spellings)
    return {_plain(word) for part in parts for word in words(part)}


def _best_assignment(choices: list[dict[int, float]]) -> tuple[float, bool] | None:
    """Each typed word to a different slot, one of them the surname: the best total."""
    best: tuple[float, bool] | None = None

    def walk(place: int, used: set[int], total: float, first_slot: int | None) -> None:
        nonlocal best
        if place == len(choices):
            if SURNAME in used and (best is None or (total, first_slot == SURNAME) > best):
                best = (total, first_slot == SURNAME)
            return
        for slot, score in choices[place].items():
            if slot not in used:
                walk(place + 1, used | {slot}, total + score,
                     slot if first_slot is None else first_slot)

    walk(0, set(), 0.0, None)
    return best
