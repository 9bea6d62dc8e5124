"""What the spoken guide says: its phrases, and numbers in each language's grammar, as the
ids of recordings (``assets/audio/<language>/prompts/<id>.ogg``, kiosk.speech.prompts).

A number is said from recorded parts, so staff record a few dozen words per language, not
every number: Russian 105 is "сто" "пять", 2000 "две" "тысячи" (the feminine two and the
thousand's form after 2 to 4), 5000 "пять" "тысяч"; Kazakh 123 is "жүз" "жиырма" "үш" and
300 "үш" "жүз"; English 105 is "one" "hundred" "and" "five".
"""

from __future__ import annotations

#: Each phrase's id and what it means (the recordings say it in their language).
PHRASES = {
    "greeting": "Welcome to the ALZHIR audio guide.",
    "choose_kk": "For Kazakh, press one (said in Kazakh).",
    "choose_ru": "For Russian, press two (said in Russian).",
    "choose_en": "For English, press three.",
    "where_keys": "Where the keys are and what each does (said by 5, the raised dot).",
    "help": "What the keys do, in short.",
    "stop": "Stop (said before a stop's number).",
    "no_such_stop": "There is no stop with that number.",
    "nothing_typed": "No number is typed (Backspace took the last digit back).",
    "paused": "Paused.",
    "back_ten": "Ten seconds back.",
    "louder": "Louder.",
    "softer": "Softer.",
    "loudest": "This is the loudest.",
    "softest": "The sound is off.",
    "stop_end": "This stop has ended; 6 the next, 4 the one before, or a number.",
    "last_stop": "This was the last stop of the tour.",
    "description_next": "Now: what there is to see.",
    "still_there": "Are you still there? Press any key.",
    "note_choice": "Enter to listen to this stop, or 4 to leave it unopened.",
    "note_declined": "The stop was not opened. Type another number.",
}
#: The language choice is said by each language in its own voice only.
OWN_CHOICE = {"choose_kk": "kk", "choose_ru": "ru", "choose_en": "en"}

_UNITS = range(1, 10)
_TENS = range(10, 100, 10)


def number_parts(n: int, language: str) -> list[str]:
    """The recordings that say the cardinal ``n`` (1..9999) in ``language``."""
    if not 0 < n < 10_000:
        raise ValueError(f"{n} is not a stop number (1 to 9999)")
    return {"ru": _russian, "kk": _kazakh}.get(language, _english)(n)


def _russian(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands == 1:
        parts.append("n1000_1")  # тысяча
    elif thousands:
        parts += ["n2f" if thousands == 2 else f"n{thousands}",
                  "n1000_2" if thousands in (2, 3, 4) else "n1000_5"]
    hundreds, rest = divmod(rest, 100)
    if hundreds:
        parts.append(f"n{hundreds * 100}")  # сто, двести... девятьсот
    return parts + _below_hundred(rest, teens=True)


def _kazakh(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts += ([] if thousands == 1 else [f"n{thousands}"]) + ["n1000"]  # мың, екі мың
    hundreds, rest = divmod(rest, 100)
    if hundreds:
        parts += ([] if hundreds == 1 else [f"n{hundreds}"]) + ["n100"]  # жүз, үш жүз
    return parts + _below_hundred(rest, teens=False)  # он бір: ten, then one


def _english(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    parts = []
    if thousands:
        parts += [f"n{thousands}", "thousand"]
    if hundreds:
        parts += [f"n{hundreds}", "hundred"]
    if parts and rest:
        parts.append("and")  # one hundred and five, two thousand and twenty-four
    return parts + _below_hundred(rest, teens=True)


def _below_hundred(n: int, teens: bool) -> list[str]:
    if n == 0:
        return []
    if n < 10 or (teens and n < 20):
        return [f"n{n}"]
    tens, units = divmod(n, 10)
    return [f"n{tens * 10}"] + ([f"n{units}"] if units else [])


def number_part_ids(language: str) -> set[str]:
    """Every part ``language`` needs to say 1..9999."""
    return {part for n in range(1, 10_000) for part in number_parts(n, language)}


def prompt_ids(language: str) -> set[str]:
    """Every recording of a phrase or number part the spoken guide may play in
    ``language`` (the tour's own, its stops' titles and notes: :func:`stop_prompt_ids`)."""
    phrases = {pid for pid in PHRASES if OWN_CHOICE.get(pid, language) == language}
    return phrases | number_part_ids(language)


def title_prompt(stop_id: str) -> str:
    """The recording of a stop's title, said after its number."""
    return f"title-{stop_id}"


def note_prompt(stop_id: str) -> str:
    """The recording of a stop's content note, said before the stop opens."""
    return f"note-{stop_id}"


def stop_prompt_ids(stops, language: str) -> list[str]:
    """The recordings of the tour's own words in ``language``, in walking order: each
    visible stop's title, and its content note where it has one."""
    ids = []
    for stop in stops:
        if stop.hidden:
            continue
        if stop.title.get(language):
            ids.append(title_prompt(stop.id))
        if stop.content_note and stop.content_note.get(language):
            ids.append(note_prompt(stop.id))
    return ids
