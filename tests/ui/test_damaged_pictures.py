"""A prepared copy damaged while the kiosk runs: the visitor still sees the picture."""

from samples import make_tour
from tests.ui.conftest import TOUR_SECONDS


def test_a_copy_overwritten_after_it_was_shown_gives_way_to_the_original(kiosk, tmp_path):  # noqa: F811
    content = make_tour(tmp_path / "c", stops=2, seconds=TOUR_SECONDS)
    pilot = kiosk(content)
    assert pilot.app.media.wait_idle(timeout=60)
    pilot.open_stop("stop-1")
    picture = pilot.find("pictures").current_slide
    copy = picture.source
    assert "media-cache" in copy and picture.texture is not None

    pilot.tap("back")
    pilot.tap(pilot.tile("stop-2"))  # the picture widgets now show another stop
    pilot.tap("back")
    with open(copy, "wb") as damaged:
        damaged.write(b"\xff\xd8 this copy was overwritten")
    pilot.tap(pilot.tile("stop-1"))
    picture = pilot.find("pictures").current_slide
    assert picture.texture is not None, "the visitor sees a blank picture"
    assert not picture.missing
    assert "media-cache" not in picture.source  # the original, while the copy is made again

    assert pilot.app.media.wait_idle(timeout=60)
    pilot.tap("back")
    pilot.tap(pilot.tile("stop-1"))
    picture = pilot.find("pictures").current_slide
    assert "media-cache" in picture.source and picture.texture is not None
    assert pilot.app.fault_guard.faults == []
