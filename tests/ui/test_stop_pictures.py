"""A stop's pictures: the first is on screen with the stop, the others follow a moment
later (a visitor reaches them only by swiping), and never from a stop already left."""

from pathlib import Path


def pictures(pilot):
    return pilot.app.screens.get_screen("stop").ids.pictures.slides


def test_the_first_picture_comes_with_the_stop_and_the_others_just_after(pilot):
    pilot.tap("lang_en")
    pilot.tap("start")
    tile = pilot.tile("stop-2")  # three pictures
    pilot.tap(tile, settle=0)
    shown = pictures(pilot)
    assert pilot.screen.name == "stop" and len(shown) == 3
    assert Path(shown[0].source).name.startswith("stop-2-1") and shown[0].texture is not None
    pilot.advance(0.2)
    assert [Path(p.source).name[:8] for p in shown] == ["stop-2-1", "stop-2-2", "stop-2-3"]
    assert all(p.texture is not None for p in shown)
    pilot.tap(pilot.find("picture_next"))
    pilot.advance(1.0)
    assert pilot.screen.picture_index == 1 and shown[1].texture is not None


def test_a_stop_left_at_once_does_not_lend_its_pictures_to_the_next(pilot):
    pilot.tap("lang_en")
    pilot.tap("start")
    pilot.app.open_stop("stop-2")  # three pictures: two of them to come
    pilot.app.open_stop("stop-1")  # before they came
    pilot.advance(0.3)
    shown = pictures(pilot)
    assert len(shown) == 1 and Path(shown[0].source).name.startswith("stop-1-1")
    spares = pilot.app.screens.get_screen("stop")._pool[1:]
    assert all(p.source == "" for p in spares)
