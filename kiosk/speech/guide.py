"""The spoken guide: what each key of the number pad does, and what the kiosk says, for a
visitor who cannot see the screen. No Kivy here: the kiosk feeds it keys and events and
carries out what it returns.

The keys, as on the pad (the raised dot is on 5):

- on the attract or home screen, any key starts the guide: a greeting, then the language
  choice, each language in its own voice ("1 Kazakh, 2 Russian, 3 English"); 5 says where
  the keys are;
- then digits type a stop's number (each digit speaks the number so far), Enter opens it
  (its number is said, then its story plays), Enter with nothing typed plays or pauses,
  Backspace takes a digit back;
- ``+`` louder, ``-`` softer, ``/`` ten seconds back, ``*`` repeats the last thing said,
  ``.`` speaks help, 0 with nothing typed stops the speech;
- a stop opened says "stop", its number and its title; a stop with a content note then
  says the note and waits: Enter opens it, 4 leaves it unopened (another number too);
- when a stop's story ends, its description follows (or comes first: a museum setting),
  then the guide says how to go on: 6 the next stop, 4 the one before.

Everything said is a list of :data:`Said` items, (language, prompt id) pairs of the
recordings in ``assets/audio/<language>/prompts/`` (kiosk.speech.prompts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .phrases import note_prompt, title_prompt

#: One recording to play: (language, prompt id).
Said = tuple[str, str]

#: The number pad's keys as the guide names them.
KEYS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "enter", "back", "+", "-", "/",
        "*", ".")
#: The order the languages are offered in, and the key of each.
CHOICE_KEYS = ("1", "2", "3")


@dataclass
class Act:
    """What the kiosk does for a key: say something, and maybe one more thing."""

    say: list[Said] = field(default_factory=list)
    #: "language" (value: code), "open" (stop id), "play_pause", "back_ten", "louder",
    #: "softer", "stop_speech", "next", "previous", "describe", "story", "accept_note",
    #: "decline_note", or "".
    do: str = ""
    value: str = ""


class SpokenGuide:
    """The guide's state for one visitor. ``number_parts(n, language)`` names the
    recordings that say a number (kiosk.speech.phrases.number_parts)."""

    def __init__(self, languages: tuple[str, ...], stops_by_number: dict[int, str],
                 number_parts: Callable[[int, str], list[str]],
                 description_first: bool = False):
        self.languages = tuple(languages)
        self.stops_by_number = dict(stops_by_number)
        self.number_parts = number_parts
        self.description_first = description_first
        self.on = False
        self.language = ""
        self.typed = ""
        #: The stop open now and whether its story has ended (6 and 4 then move on).
        self.stop_id = ""
        self.ended = False
        #: The stop open now has a content note the visitor has not yet answered.
        self.note_pending = False
        self.last: list[Said] = []

    # -- the visitor's keys -------------------------------------------------------------
    def start(self) -> Act:
        """A key on the attract or home screen (or the button for a companion)."""
        self.on, self.language, self.typed = True, "", ""
        self.stop_id, self.ended, self.note_pending = "", False, False
        return self._said(self._welcome())

    def key(self, key: str, *, at_home: bool = False) -> Act:
        """A key of the number pad while the guide is on."""
        if key not in KEYS:
            return Act()
        if not self.language:
            return self._choosing(key)
        if self.note_pending and (key == "enter" or key.isdigit()):
            return self._answering_note(key)
        if key.isdigit():
            return self._digit(key)
        if key == "enter":
            return self._enter()
        if key == "back":
            self.typed = self.typed[:-1]
            if self.typed:
                return self._said(self._number(self.typed))
            return self._said([(self.language, "nothing_typed")])
        if key == "*":
            return Act(say=list(self.last))
        if key == ".":
            return self._said([(self.language, "help")])
        simple = {"+": "louder", "-": "softer", "/": "back_ten"}
        return Act(do=simple[key])  # the kiosk says what it did (loudest at the top...)

    def end(self) -> None:
        """The idle reset: the guide is off; the next visitor starts afresh."""
        self.on, self.language, self.typed, self.stop_id, self.ended = False, "", "", "", False
        self.note_pending, self.last = False, []

    # -- what happens on the kiosk ------------------------------------------------------
    def story_ended(self, has_description: bool, was_description: bool) -> Act:
        """The stop's story (or its description) played to its end."""
        if not self.on:
            return Act()
        if has_description and was_description == self.description_first:
            # the first of the two has ended: the other follows
            if was_description:
                return Act(do="story")
            return self._said([(self.language, "description_next")], do="describe")
        self.ended = True
        last = not self._neighbour(1)
        return self._said([(self.language, "last_stop" if last else "stop_end")])

    def said_by_kiosk(self, prompt: str) -> list[Said]:
        """A phrase for what the kiosk did (louder, softest...), remembered for ``*``."""
        return self._said([(self.language, prompt)]).say

    def opened(self, stop_id: str, number: int, note: bool = False) -> list[Said]:
        """A stop opened (by its number, 6 or 4): its number and title are said before its
        story; with a content note (``note``), the note and the choice instead, and the
        guide waits for Enter or 4."""
        self.stop_id, self.ended, self.typed, self.note_pending = stop_id, False, "", note
        said = [(self.language, "stop"), *self._number(str(number)),
                (self.language, title_prompt(stop_id))]
        if note:
            said += [(self.language, note_prompt(stop_id)), (self.language, "note_choice")]
        return self._said(said).say

    def still_there(self) -> list[Said]:
        return self._said([(self.language or self.languages[0], "still_there")]).say

    # -- inside ---------------------------------------------------------------------------
    def _welcome(self) -> list[Said]:
        first = self.languages[0]
        choices = [(code, f"choose_{code}") for code in self.languages[:len(CHOICE_KEYS)]]
        return [(first, "greeting"), *choices]

    def _choosing(self, key: str) -> Act:
        if key in CHOICE_KEYS[:len(self.languages)]:
            self.language = self.languages[CHOICE_KEYS.index(key)]
            return self._said([(self.language, "where_keys")], do="language",
                              value=self.language)
        if key == "5":
            return self._said([(self.languages[0], "where_keys")])
        return self._said(self._welcome())

    def _answering_note(self, key: str) -> Act:
        """Enter opens the stop whose note was said; 4 leaves it unopened; another digit
        leaves it too and begins a new number (0: and stops the speech)."""
        self.note_pending = False
        if key == "enter":
            return Act(do="accept_note", value=self.stop_id)
        self.stop_id = ""
        if key == "4":
            return self._said([(self.language, "note_declined")], do="decline_note")
        if key == "0":
            return Act(do="decline_note")
        self.typed = key
        return self._said(self._number(key), do="decline_note")

    def _digit(self, digit: str) -> Act:
        if not self.typed and digit == "0":
            return Act(do="stop_speech")
        if not self.typed and self.ended and digit in ("6", "4"):
            return Act(do="next" if digit == "6" else "previous")
        self.typed = (self.typed + digit)[-4:]
        return self._said(self._number(self.typed))

    def _enter(self) -> Act:
        if not self.typed:
            return Act(do="play_pause")
        number, self.typed = int(self.typed), ""
        stop_id = self.stops_by_number.get(number)
        if stop_id is None:
            return self._said([(self.language, "no_such_stop")])
        return Act(do="open", value=stop_id)

    def _number(self, digits: str) -> list[Said]:
        number = int(digits or 0)
        if number == 0:
            return []
        return [(self.language, part) for part in self.number_parts(number, self.language)]

    def _neighbour(self, step: int) -> str:
        ids = list(self.stops_by_number.values())
        if self.stop_id not in ids:
            return ""
        index = ids.index(self.stop_id) + step
        return ids[index] if 0 <= index < len(ids) else ""

    def _said(self, said: list[Said], do: str = "", value: str = "") -> Act:
        if said:
            self.last = list(said)
        return Act(say=list(said), do=do, value=value)
