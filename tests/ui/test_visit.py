"""A visitor's walk through the real app: home, language, tour, a stop, narration, next."""

from kiosk.audio import FakeAudio


def tile(pilot, stop_id):
    grid = pilot.find("stops")
    for view in grid.layout_manager.children if hasattr(grid, "layout_manager") else []:
        if getattr(view, "stop_id", None) == stop_id:
            return view
    raise LookupError(stop_id)


def test_home_shows_museum_and_starts_in_default_language(pilot):
    assert pilot.screen.name == "home"
    assert pilot.text("museum_name") == "Мұражай"
    assert pilot.text("start") == "Экскурсияны бастау"
    pilot.tap("lang_en")
    assert pilot.text("museum_name") == "Museum"
    assert pilot.text("start") == "Begin the tour"
    pilot.tap("start")
    assert pilot.screen.name == "tour"


def test_tour_to_stop_play_pause_seek_next_back(pilot):
    pilot.tap("lang_en")
    pilot.tap("start")
    pilot.tap(tile(pilot, "stop-2"))
    assert pilot.screen.name == "stop"
    assert pilot.text("title") == "Stop 102"
    assert pilot.text("caption") == "Stop 102, picture 1"

    pilot.tap("play")
    assert pilot.player.state.value == "playing"
    pilot.advance(5)
    assert pilot.text("elapsed") == "0:05"
    pilot.tap("play")  # pause
    assert pilot.player.state.value == "paused"
    pilot.advance(5)
    assert pilot.text("elapsed") == "0:05"
    pilot.tap("forward10")
    assert pilot.text("elapsed") == "0:15"
    assert pilot.text("remaining") == "-0:15"
    pilot.tap("back10")
    pilot.tap("back10")
    assert pilot.text("elapsed") == "0:00"

    pilot.tap("next_stop")
    assert pilot.text("title") == "Stop 103"
    assert pilot.player.state.value == "idle"
    pilot.tap("back")
    assert pilot.screen.name == "tour"
