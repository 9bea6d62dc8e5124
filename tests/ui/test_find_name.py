"""A family finds one name on the Wall of Memory: on-screen keys or a USB keyboard, the names
found as they type, where the name stands, and the story told there; nothing typed is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samples import PEOPLE, make_tour, saved_events

from tests.ui.conftest import open_name_search

#: What a visitor types in each language, and the woman it finds (samples.PEOPLE).
TYPED = {"kk": ("жұмабаева", "p2"), "ru": ("ковальская ядвига", "p1"), "en": ("kowalska", "p1")}
BY_ID = {person["id"]: person for person in PEOPLE}


def key(pilot, name: str):
    return pilot.screen.ids.letters.named_keys()[name]


def tap_letters(pilot, word: str) -> None:
    for letter in word:
        pilot.tap(key(pilot, "key_space" if letter == " " else f"letter_{letter}"))


def names_shown(pilot) -> list[str]:
    """The full names a visitor can see and touch now, top first."""
    from kiosk.ui.widgets.name_result import NameResult

    rows = pilot.reachable(lambda widget: isinstance(widget, NameResult))
    return [row.full_name for row in sorted(rows, key=lambda row: -row.to_window(*row.pos)[1])]


def full_name(person_id: str) -> str:
    person = BY_ID[person_id]
    return " ".join(part for part in (person["surname"], person["given_name"],
                                      person["patronymic"]) if part)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_family_goes_from_home_to_a_name_its_place_and_its_story(app_on, language):
    pilot = app_on("home", names=PEOPLE)
    screen = open_name_search(pilot, language)
    assert pilot.text("query") != ""  # the hint, in the visitor's language
    typed, person_id = TYPED[language]
    tap_letters(pilot, typed)
    assert screen.query == typed
    assert names_shown(pilot)[0] == full_name(person_id)
    person = BY_ID[person_id]
    first = next(row for row in pilot.reachable(lambda w: getattr(w, "place", None) == 0))
    assert person["panel"] in first.details and person["row"] in first.details

    pilot.tap(first)
    assert pilot.screen.name == "name_place"
    assert pilot.text("full_name") == full_name(person_id)
    wall = pilot.find("wall")
    assert (wall.panel, wall.row) == (int(person["panel"]), int(person["row"]))
    assert (wall.panels, wall.rows) == (120, 40)  # the largest panel and row in the list
    number = 101 + int(person["stop"].split("-")[1]) - 1
    assert str(number) in pilot.text("told_at")  # the stop's title, "Stop 102" in its language

    pilot.tap("hear_story")
    assert pilot.screen.name == "stop"
    assert pilot.app.current_stop_id == person["stop"]


def test_the_keys_follow_the_language_and_switch_script_with_one_touch(app_on):
    pilot = app_on("home", names=PEOPLE)
    open_name_search(pilot, "kk")
    keys = pilot.screen.ids.letters
    assert keys.script == "kk" and "letter_ә" in keys.named_keys()
    pilot.app.set_language("en")
    pilot.frames(2)
    assert keys.script == "latin" and "letter_q" in keys.named_keys()
    pilot.tap(key(pilot, "script_ru"))
    assert keys.script == "ru" and "letter_ы" in keys.named_keys()
    tap_letters(pilot, "ковалёва")
    assert names_shown(pilot)[0] == full_name("p3")
    pilot.tap(key(pilot, "key_erase"))
    assert pilot.screen.query == "ковалёв"
    pilot.tap(key(pilot, "key_clear"))
    assert pilot.screen.query == "" and names_shown(pilot) == []


def test_a_usb_keyboard_types_erases_and_opens_the_best_name(app_on):
    pilot = app_on("home", names=PEOPLE)
    screen = open_name_search(pilot, "en")
    pilot.type_text("Kowalskx")
    assert names_shown(pilot)[0] == full_name("p1")  # one typo is forgiven
    pilot.key(8)  # Backspace
    pilot.type_text("a 1")  # a digit is not part of a name
    assert screen.query == "Kowalska "
    assert not pilot.app.overlay_showing("keypad")
    pilot.key(13)  # Enter: the best name found
    assert pilot.screen.name == "name_place"
    assert pilot.find("wall").panel == 57


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_demonstration_list_says_so_in_every_language(app_on, language):
    from kiosk.i18n import Catalogs

    pilot = app_on("home", names=PEOPLE, names_demonstration=True)
    open_name_search(pilot, language)
    notice = pilot.find("demonstration")
    english = ("A demonstration list: these made-up names are here to try the search. "
               "They are not the names on the Wall of Memory.")
    assert notice.opacity == 1 and notice.height > 0
    assert notice.text == Catalogs.load().gettext(language, english)
    assert (notice.text == english) == (language == "en")


def test_a_real_list_carries_no_demonstration_notice(app_on):
    pilot = app_on("home", names=PEOPLE)
    open_name_search(pilot, "ru")
    notice = pilot.find("demonstration")
    assert notice.opacity == 0 and notice.height == 0 and notice.text == ""


def test_a_name_a_family_kept_off_the_list_is_never_found(app_on):
    pilot = app_on("home", names=PEOPLE)
    screen = open_name_search(pilot, "ru")
    tap_letters(pilot, "ковальчук")
    assert names_shown(pilot) == []
    assert pilot.text("status").startswith("Имя не найдено")
    pilot.tap(key(pilot, "key_clear"))
    tap_letters(pilot, "коваль")
    assert "Ковальчук" not in " ".join(names_shown(pilot))
    assert screen.query == "коваль"


def test_the_search_opens_from_the_tour_and_goes_back_there(app_on):
    pilot = app_on("home", names=PEOPLE)
    pilot.app.show_tour()
    pilot.frames(3)
    pilot.tap("find_name")
    assert pilot.screen.name == "names"
    pilot.tap("back")
    assert pilot.screen.name == "tour"


def test_the_idle_reset_forgets_what_was_typed_and_shown(app_on):
    pilot = app_on("home", names=PEOPLE)
    open_name_search(pilot, "en")
    pilot.type_text("kowalska")
    pilot.key(13)
    assert pilot.screen.name == "name_place"
    pilot.advance(90 + 20 + 2)  # the idle timeout, then the question's countdown
    assert pilot.screen.name == "attract"
    names = pilot.app.screens.get_screen("names")
    place = pilot.app.screens.get_screen("name_place")
    assert names.query == "" and names.results == [] and place.person is None
    pilot.app.wake_up()
    pilot.frames(2)
    pilot.tap("find_name")
    assert pilot.screen.query == "" and names_shown(pilot) == []


SECRET = "Ковальская Ядвига"


def test_what_a_visitor_types_is_written_nowhere_and_only_the_search_is_counted(
        kiosk, tmp_path, caplog):
    """The figures say a search was made and a name opened; no file and no log line holds
    what was typed or which name was found."""
    content = make_tour(tmp_path / "tour", stops=3, seconds=30.0, names=PEOPLE)
    pilot = kiosk(content)
    pilot.app.wake_up()
    open_name_search(pilot, "ru")
    pilot.type_text(SECRET)
    pilot.key(13)
    pilot.tap("hear_story")
    assert pilot.app.current_stop_id == "stop-2"
    pilot.app.reset_for_next_visitor()
    pilot.close()  # the kiosk stops: its visit log is written out

    kinds = [event["kind"] for event in saved_events(tmp_path / "data")]
    assert kinds.count("name_search") == 1 and kinds.count("name_opened") == 1
    assert {"kind": "stop_open", "stop": "stop-2", "how": "name"}.items() <= next(
        e for e in saved_events(tmp_path / "data") if e["kind"] == "stop_open").items()

    import kivy

    typed = {SECRET, SECRET.lower(), "Ядвига", "ядвига"}
    forms = {form for word in typed for form in (word.encode(), json.dumps(word).encode()[1:-1])}
    places = [tmp_path / "data", Path(kivy.kivy_home_dir)]
    for place in places:
        for path in (p for p in place.rglob("*") if p.is_file()):
            data = path.read_bytes()
            assert not [form for form in forms if form in data], f"{path} holds what was typed"
    assert not [word for word in typed if word in caplog.text]

    # The figures staff read (`stats`, the panel's CSV export) hold no name, searched for,
    # found, or kept off the list by a family.
    from kiosk.analytics import Report

    report = Report.from_data_dir(tmp_path / "data")
    report.to_csv(tmp_path / "figures.csv")
    shown = report.text() + (tmp_path / "figures.csv").read_text(encoding="utf-8")
    assert "1 search" in shown and "1 name opened" in shown
    names = {part for person in PEOPLE for part in (person["surname"], person["given_name"])}
    assert not [name for name in names if name in shown]


@pytest.mark.parametrize("large_text", [False, True], ids=["normal text", "larger text"])
def test_every_key_of_every_script_is_at_least_48_dp_on_the_search(app_on, large_text):
    from kivy.metrics import dp

    pilot = app_on("home", names=PEOPLE)
    pilot.app.theme.large_text = large_text
    open_name_search(pilot, "en")
    keys = pilot.screen.ids.letters
    for script in ("kk", "ru", "latin"):
        pilot.tap(key(pilot, f"script_{script}"))
        pilot.frames(3)
        small = {name: (round(k.width), round(k.height)) for name, k in keys.named_keys().items()
                 if k.width < dp(48) or k.height < dp(48)}
        assert not small, f"keys under 48 dp on the {script} keyboard: {small}"
        reachable = pilot.reachable(lambda w: w in keys.named_keys().values())
        assert len(reachable) == len(keys.named_keys())  # none hidden or off screen
