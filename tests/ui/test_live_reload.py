"""Staff edit stops.yaml while the kiosk runs: good edits appear, bad ones change nothing."""

import time

import pytest

from samples import edit_tour, make_tour
from tests.ui.conftest import TOUR_SECONDS


def test_a_good_edit_appears_and_a_broken_one_keeps_the_tour_with_a_notice(kiosk, tmp_path):
    content = make_tour(tmp_path / "c", stops=3, seconds=TOUR_SECONDS)
    pilot = kiosk(content)
    pilot.tap("start")
    edit_tour(content, "en: Stop 102\n", "en: The barrack\n")
    pilot.app.reload_tour()
    pilot.tap("lang_en")
    assert pilot.tile("stop-2").title == "The barrack"
    assert not pilot.app.content_notice
    edit_tour(content, "number: 103", "number: [103")  # a typo
    pilot.app.reload_tour()
    pilot.frames(2)
    assert pilot.tile("stop-3").title == "Stop 103"  # the tour stays as it was
    assert pilot.app.content_notice  # a dot for staff
    assert "stops.yaml:" in (tmp_path / "data" / "content-problems.txt").read_text(encoding="utf-8")
    edit_tour(content, "number: [103", "number: 103")  # fixed
    pilot.app.reload_tour()
    assert not pilot.app.content_notice


def test_the_museums_new_name_shows_on_home_at_once_in_every_language(kiosk, tmp_path):
    content = make_tour(tmp_path / "c", stops=2, seconds=TOUR_SECONDS)
    pilot = kiosk(content)
    assert pilot.text("museum_name") == "Мұражай"
    edit_tour(content, "kk: Мұражай", "kk: АЛЖИР мемориалы")
    edit_tour(content, "en: Museum", "en: ALZHIR memorial")
    pilot.app.reload_tour()
    pilot.frames(2)
    assert pilot.text("museum_name") == "АЛЖИР мемориалы"  # no language change needed
    pilot.tap("lang_en")
    assert pilot.text("museum_name") == "ALZHIR memorial"
    pilot.tap("lang_ru")
    assert pilot.text("museum_name") == "Музей"


def test_a_visitor_listening_is_not_interrupted_until_they_leave_the_stop(kiosk, tmp_path):
    content = make_tour(tmp_path / "c", stops=3, seconds=TOUR_SECONDS)
    pilot = kiosk(content)
    pilot.open_stop("stop-1", "en")
    pilot.tap("play")
    pilot.advance(5)
    edit_tour(content, "en: Stop 101\n", "en: The arch\n")
    pilot.app.reload_tour()
    pilot.advance(2)
    assert pilot.player.state.value == "playing"
    assert pilot.player.position == pytest.approx(7, abs=0.3)
    assert pilot.text("title") == "Stop 101"
    pilot.tap("back")
    assert pilot.tile("stop-1").title == "The arch"


def test_the_watcher_notices_an_edit_within_two_seconds(kiosk, tmp_path):
    from kivy.base import EventLoop

    content = make_tour(tmp_path / "c", stops=2, seconds=TOUR_SECONDS)
    pilot = kiosk(content, watch=True)
    pilot.tap("lang_en")
    pilot.tap("start")
    time.sleep(0.3)  # let the watcher settle on the folder
    edit_tour(content, "en: Stop 102\n", "en: Edited\n")
    deadline = time.monotonic() + 2.0  # a real file system event: real time is the point
    while time.monotonic() < deadline and pilot.tile("stop-2").title != "Edited":
        time.sleep(0.05)
        EventLoop.idle()
    assert pilot.tile("stop-2").title == "Edited"


def test_broken_at_start_with_no_good_copy_shows_a_calm_screen_then_the_tour(kiosk, tmp_path):
    content = make_tour(tmp_path / "c", stops=2, seconds=TOUR_SECONDS)
    edit_tour(content, "number: 102", "number: [102")
    pilot = kiosk(content)
    assert pilot.screen.name == "updating"
    message = pilot.text("updating_message")
    assert "This guide is being updated" in message and "Аудиогид обновляется" in message
    pilot.tap_at(640, 400)  # touching does nothing harmful
    assert pilot.screen.name == "updating"
    edit_tour(content, "number: [102", "number: 102")
    pilot.app.reload_tour()
    pilot.frames(3)
    assert pilot.screen.name == "attract"
    pilot.tap_at(640, 400)
    assert pilot.screen.name == "home"
