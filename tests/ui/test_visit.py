"""A visitor's walk through the real app: home, language, tour, a stop, narration, next."""

from kiosk.fake_audio import FakeAudio


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
    pilot.tap(pilot.tile("stop-2"))
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


def test_pictures_move_by_arrows_and_by_swipe(pilot):
    pilot.open_stop("stop-2")
    carousel = pilot.find("pictures")
    assert pilot.text("picture_counter") == "1 / 3"
    assert pilot.find("picture_previous").opacity == 0  # nothing before the first
    pilot.tap("picture_next")
    pilot.advance(1)
    assert carousel.index == 1
    assert pilot.text("caption") == "Stop 102, picture 2"
    pilot.swipe(carousel, -carousel.width * 0.6)  # finger right to left: the next one
    assert carousel.index == 2
    assert pilot.text("picture_counter") == "3 / 3"
    assert pilot.find("picture_next").opacity == 0  # nothing after the last
    assert carousel.current_slide.texture is not None  # the JPEG really decoded
    pilot.swipe(carousel, carousel.width * 0.6)
    assert carousel.index == 1


def test_dragging_the_progress_bar_seeks_when_released(pilot):
    pilot.open_stop("stop-1")
    pilot.tap("play")
    pilot.drag_slider(pilot.find("progress"), 0.5)
    assert abs(pilot.player.position - 15.0) < 1.0  # the test tour's recordings are 30 s
    assert pilot.player.state.value == "playing"
    assert pilot.text("elapsed") in ("0:15", "0:16")


def test_narration_ends_and_can_be_played_again(pilot):
    pilot.open_stop("stop-1")
    pilot.tap("play")
    pilot.advance(31)
    assert pilot.player.state.value == "ended"
    assert pilot.text("remaining") == "-0:00"
    assert pilot.find("play").playing is False  # the button offers to play again
    pilot.tap("play")
    pilot.advance(2)
    assert pilot.player.state.value == "playing"
    assert pilot.text("elapsed") == "0:02"


def test_leaving_the_stop_silences_the_narration(pilot):
    pilot.open_stop("stop-1")
    pilot.tap("play")
    pilot.advance(3)
    pilot.tap("back")
    assert pilot.screen.name == "tour"
    assert pilot.player.state.value == "idle"
    assert pilot.backend.busy() is False


def test_language_switch_on_a_stop_redraws_it(pilot):
    pilot.open_stop("stop-1", language="en")
    assert pilot.text("title") == "Stop 101"
    pilot.tap("lang_ru")
    assert pilot.screen.name == "stop"
    assert pilot.text("title") == "Остановка 101"
    assert pilot.text("caption") == "Остановка 101, picture 1"
    assert pilot.text("back") == "‹  Весь маршрут"
    assert pilot.text("heading_label") == "101  ·  Зал музея"


def test_each_stop_plays_its_own_recording_in_the_visitors_language(pilot, content):
    pilot.tap("start")
    for stop_id in ("stop-1", "stop-2", "stop-3"):
        for language in ("kk", "ru", "en"):
            pilot.tap(f"lang_{language}")
            pilot.tap(pilot.tile(stop_id))
            pilot.tap("play")
            expected = content / f"assets/audio/{language}/{stop_id}.ogg"
            assert pilot.backend.path == str(expected), (stop_id, language)
            assert pilot.backend.playing
            pilot.tap("back")
    pilot.tap(pilot.tile("stop-2"))
    pilot.tap("play")
    pilot.tap("lang_kk")  # the story goes on in Kazakh: the Kazakh recording now
    assert pilot.backend.path == str(content / "assets/audio/kk/stop-2.ogg")
    assert pilot.backend.playing


def test_a_stop_without_the_visitors_language_says_so(pilot):
    pilot.open_stop("stop-4", language="en")  # the last test stop has kk and ru only
    assert pilot.text("message") == ("This stop has no narration in this language. "
                                     "You can listen in:  Қазақша  ·  Русский")
    assert pilot.find("play").disabled
    pilot.tap("lang_ru")  # one of the languages offered
    assert pilot.text("title") == "Остановка 104"
    assert not pilot.find("play").disabled
    assert pilot.text("message") == ""


def test_no_sound_device_keeps_the_text_says_so_calmly_and_reads_along(window, content):
    from tests.ui.conftest import start_app, stop_app

    app, pilot = start_app(window, content, lambda clock: FakeAudio(clock=clock, available=False))
    try:
        pilot.open_stop("stop-1")
        assert pilot.text("title") == "Stop 101"
        assert pilot.text("text") == "Stop 101: text."
        assert pilot.text("message").startswith("Sound is not available at this kiosk just now.")
        assert not pilot.find("captions_toggle").selected
        pilot.tap("play")  # the captions run along as if it were heard
        pilot.advance(3)
        assert pilot.find("captions_toggle").selected  # on by themselves, for reading
        assert pilot.player.state.value == "playing" and not pilot.backend.audible
        assert pilot.text("elapsed") == "0:03"
        assert pilot.text("caption_band") == "First (en)"
        pilot.advance(15)
        assert pilot.text("caption_band") == "Second (en)"
    finally:
        stop_app(app)


def test_previous_and_next_walk_the_tour_in_order(pilot):
    pilot.open_stop("stop-1")
    assert pilot.find("previous_stop").disabled  # the first stop has no previous
    titles = []
    for _ in range(3):
        pilot.tap("next_stop")
        titles.append(pilot.text("title"))
    assert titles == ["Stop 102", "Stop 103", "Stop 104"]
    assert pilot.find("next_stop").disabled
    pilot.tap("previous_stop")
    assert pilot.text("title") == "Stop 103"


def test_tiles_show_number_kind_and_title_in_the_visitors_language(pilot):
    pilot.tap("start")
    first = pilot.tile("stop-1")
    assert (first.number, first.ids.kind.text, first.ids.title.text) == (101, "МҰРАЖАЙ ЗАЛЫ", "Аялдама 101")
    assert first.ids.picture.texture is not None
    pilot.tap("lang_en")
    first = pilot.tile("stop-1")
    assert (first.ids.kind.text, first.ids.title.text) == ("MUSEUM HALL", "Stop 101")


def test_hundreds_of_stops_scroll_with_a_few_tiles(window, tmp_path):
    from samples import make_tour
    from tests.ui.conftest import start_app, stop_app

    content = make_tour(tmp_path / "big", stops=300, seconds=2, numbers=list(range(1, 301)))
    app, pilot = start_app(window, content)
    try:
        pilot.tap("start")
        grid = pilot.find("stops")
        tiles = grid.layout_manager.children
        assert len(tiles) < 40  # recycled: only what fits on screen is built
        grid.scroll_y = 0  # the visitor scrolls to the end
        pilot.frames(5)
        numbers = {t.number for t in grid.layout_manager.children}
        assert 300 in numbers and 1 not in numbers
        pilot.tap(pilot.tile("stop-300"))
        assert pilot.text("title") == "Аялдама 300"
    finally:
        stop_app(app)
