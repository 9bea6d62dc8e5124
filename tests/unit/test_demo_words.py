"""The demo tour's words, as a Kazakh or Russian visitor reads and hears them.

Wording a native reader found wrong, facts the museum's sources do not support, and
content notes missing before difficult stops must not come back. Each check reads the
tour script (demo/tour_script.yaml), the tour the kiosk shows (stops.yaml, made from the
script) and the captions the visitor reads (assets/audio/<lang>/*.vtt). stops.yaml and
the captions follow the script once demo/make_media.py has been run again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT_FILE = ROOT / "demo" / "tour_script.yaml"
STOPS_FILE = ROOT / "stops.yaml"
LANGUAGES = ("kk", "ru", "en")


def _load(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _strings(node) -> list[str]:
    """Every string in a YAML tree (titles, texts, notes, captions, narration)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _captions_text() -> str:
    """All caption cues of the demo recordings, each cue's lines joined by spaces."""
    texts = []
    for vtt in sorted((ROOT / "assets" / "audio").glob("*/*.vtt")):
        for block in vtt.read_text(encoding="utf-8").split("\n\n"):
            lines = [ln for ln in block.strip().splitlines() if ln.strip()]
            cue = [ln for ln in lines if "-->" not in ln and not ln.isdigit()
                   and not ln.startswith("WEBVTT")]
            texts.append(" ".join(cue))
    return "\n".join(texts)


SCRIPT = _load(SCRIPT_FILE)
STOPS = _load(STOPS_FILE)

#: Where the visitor meets the tour's words: the script, and what is made from it.
SOURCES = {
    "tour_script.yaml": lambda: "\n".join(_strings(SCRIPT)),
    "stops.yaml": lambda: "\n".join(_strings(STOPS)),
    "captions": _captions_text,
}
#: The tours (the script and the file the kiosk reads), for checks by stop.
TOURS = {"tour_script.yaml": SCRIPT, "stops.yaml": STOPS}

#: Phrases a reader found wrong, with why; none may appear anywhere in the tour.
UNWANTED = {
    # Kazakh
    "саман кірпіш құйды": "саман already is a brick: 'саман құйды'",
    "тігін тікті": "says 'sewed sewing'",
    "жаңғыртылған барак": "means modernised; a reconstructed barrack is 'қалпына келтірілген'",
    "жаңғыртылған лагерь": "means modernised; a reconstructed barrack is 'қалпына келтірілген'",
    "тиелген": "a word for loading cargo, not for people",
    "жарты шеңбер жасап": "reads unnaturally: 'жарты шеңбер бойымен орналасқан'",
    "тұздалып, кептірілген сүзбе": "explains kurt to Kazakh listeners",
    "кептірілген балшық кірпіш": "explains саман to Kazakh listeners",
    # Russian
    "Этими камнями был курт": "«камни» оказались куртом",
    "вместе с нами и помните": "reads as an order",
    "минуту молчания": "'задержитесь на минуту молчания' is not said",
    "казахская история репрессий": "a calque: 'история репрессий в Казахстане'",
    "Мемориально-музейный": "the museum's own name is «Музейно-мемориальный комплекс»",
    "остались недостроенными": "not supported: they were unfinished when the women arrived",
    "чьи гражданки": "most prisoners were Soviet citizens: the lands they came from",
    "представьте, что сидите": "say what the stool meant, not imagine sitting on it",
    # English
    "never finished": "not supported: they were unfinished when the women arrived",
    "whose citizens": "most prisoners were Soviet citizens: the lands they came from",
    "imagine sitting": "say what the stool meant, not imagine sitting on it",
    "Kazakh history of repression": "the history of repression in Kazakhstan",
    # Kazakh, the same facts
    "азаматтары осы": "most prisoners were Soviet citizens: the lands they came from",
    "азаматтары осында": "most prisoners were Soviet citizens: the lands they came from",
    "Көп барак бітпей қалды": "not supported: they were unfinished when the women arrived",
    "отырғаныңызды елестет": "say what the stool meant, not imagine sitting on it",
}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


@pytest.mark.parametrize("source", SOURCES)
def test_no_phrase_a_reader_found_wrong(source):
    text = _flat(SOURCES[source]())
    found = {phrase: why for phrase, why in UNWANTED.items() if phrase.casefold() in text}
    assert found == {}, f"{source} still says: {found}"


@pytest.mark.parametrize("source", SOURCES)
def test_tochka_only_as_the_camps_nickname(source):
    # The camp was nicknamed «26-я точка»; the word must never name a stop of the tour.
    text = _flat(SOURCES[source]())
    rest = re.sub(r"26-я точка|двадцать шестая точка", "", text)
    assert "точк" not in rest, f"{source} uses «точка» other than as the camp's nickname"


def _stop(tour: dict, number: int) -> dict:
    return next(stop for stop in tour["stops"] if stop["number"] == number)


@pytest.mark.parametrize("tour_name", TOURS)
@pytest.mark.parametrize("number, words", [
    (107, {"kk": "тұтқында", "ru": "арест", "en": "arrest"}),
    (108, {"kk": "жауап алу", "ru": "допрос", "en": "interrogation"}),
    (109, {"kk": "жыла", "ru": "плач", "en": "crying"}),
    (115, {"kk": "балалар", "ru": "детях", "en": "children"}),
])
def test_difficult_stops_have_a_content_note_in_every_language(tour_name, number, words):
    stop = _stop(TOURS[tour_name], number)
    note = stop.get("content_note") or {}
    for lang in LANGUAGES:
        assert note.get(lang), f"{tour_name}: stop {number} has no {lang} content note"
        assert words[lang] in note[lang].casefold(), \
            f"{tour_name}: stop {number}'s {lang} note does not say what is ahead: {note[lang]!r}"


@pytest.mark.parametrize("tour_name", TOURS)
def test_the_museum_is_called_by_its_own_name(tour_name):
    assert TOURS[tour_name]["museum"]["name"]["ru"] == "Музейно-мемориальный комплекс «АЛЖИР»"


def _narration(stop_id: str, lang: str) -> list[str]:
    stop = next(s for s in SCRIPT["stops"] if s["id"] == stop_id)
    return [item if isinstance(item, str) else item["text"] for item in stop["narration"][lang]]


def test_kazakh_narration_names_the_film_in_kazakh():
    said = [s for s in _narration("we-testify", "kk") if "фильм" in s]
    assert said, "the Kazakh narration of the small hall no longer mentions the film"
    titles = [t for s in said for t in re.findall(r"«([^»]+)»", s)]
    assert any(re.search(r"[әғқңөұүһі]", t) for t in titles), \
        f"the film has no Kazakh title in the Kazakh narration: {said}"


def test_the_wall_of_memory_is_met_where_the_visitor_stands():
    """The Wall of Memory lines the way from the Arch to the museum, but the tour ends there.

    The arch tells the visitor the tour comes back to the wall at its end, and the wall's
    own narration says the visitor has come back to it.
    """
    ids = [stop["id"] for stop in SCRIPT["stops"]]
    assert ids.index("wall-of-memory") > ids.index("museum-entrance"), \
        "the wall now comes before the museum: rewrite this check for that order"
    wall_named = {"kk": "зерде қабырғас", "ru": "стен", "en": "wall of memory"}
    come_back = {"kk": "орал", "ru": "вернёмся", "en": "come back"}
    back_again = {"kk": "орал", "ru": "вернулись", "en": "come back"}
    for lang in LANGUAGES:
        arch = " ".join(_narration("arch-of-sorrow", lang)).casefold()
        assert wall_named[lang] in arch and come_back[lang] in arch, \
            f"{lang}: at the arch, the tour does not say it comes back to the wall at the end"
        wall = " ".join(_narration("wall-of-memory", lang)).casefold()
        assert back_again[lang] in wall, \
            f"{lang}: at the wall, the narration does not say the visitor has come back to it"
