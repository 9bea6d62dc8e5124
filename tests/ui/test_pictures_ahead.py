"""A stop's first picture is decoded while the visitor's finger rests on its tile, so the
stop opens without decoding it; what the visitor sees is the same picture, the right way
up, and never a stale or a damaged one."""

from pathlib import Path

import pytest
from PIL import Image

from kiosk.ui.pilot import _as_kivy_loop
from kiosk.ui.synthetic_touch import SyntheticTouch


def drawn(texture) -> bytes:
    """The pixels of ``texture`` drawn on screen-like ground, as the visitor sees them."""
    from kivy.graphics import Color, Fbo, Rectangle

    fbo = Fbo(size=texture.size)
    with fbo:
        Color(1, 1, 1, 1)
        Rectangle(texture=texture, size=texture.size)
    fbo.draw()
    return fbo.pixels


def usual_texture(path: str):
    from kivy.core.image import Image as CoreImage

    return CoreImage(path, nocache=True).texture


def largest_difference(a: bytes, b: bytes) -> int:
    assert len(a) == len(b)
    return max(abs(x - y) for x, y in zip(a, b))


def finger_down(pilot, tile) -> SyntheticTouch:
    touch = SyntheticTouch(*tile.to_window(*tile.center))
    _as_kivy_loop(touch.touch_down)
    return touch


def wait_decoded(pilot, path: str) -> None:
    for held in pilot.app.pictures_ahead._held.values():
        held.future.result(timeout=10)
    assert pilot.app.pictures_ahead.holds(path)


@pytest.fixture
def loads(monkeypatch):
    """The files the Picture widgets decode on the UI thread, in order."""
    import kivy.uix.image

    decoded = []
    real = kivy.uix.image.CoreImage

    def counting(source, **kwargs):
        decoded.append(Path(source).name)
        return real(source, **kwargs)

    monkeypatch.setattr(kivy.uix.image, "CoreImage", counting)
    return decoded


def on_tour(pilot):
    pilot.tap("lang_en")
    pilot.tap("start")


def first_picture(pilot):
    return pilot.app.screens.get_screen("stop").ids.pictures.slides[0]


def test_a_finger_on_a_tile_gets_the_stops_picture_ready_and_the_stop_opens_without_decoding_it(
        pilot, loads):
    on_tour(pilot)
    tile = pilot.tile("stop-3")
    path = pilot.app.picture(pilot.app.tour.stop("stop-3").images[0].file)
    touch = finger_down(pilot, tile)
    pilot.frames(2)
    wait_decoded(pilot, path)
    loads.clear()
    _as_kivy_loop(touch.touch_up)
    pilot.advance(0.1)
    assert pilot.screen.name == "stop" and pilot.app.current_stop_id == "stop-3"
    shown = first_picture(pilot)
    assert shown.source == path and shown.texture is not None and not shown.missing
    assert Path(path).name not in loads, "the stop's first frame decoded its picture again"
    assert not pilot.app.pictures_ahead.holds(path), "handed over, not kept twice"
    assert largest_difference(drawn(shown.texture), drawn(usual_texture(path))) <= 8


def test_a_picture_decoded_ahead_is_drawn_as_the_usual_loader_draws_it(pilot, tmp_path):
    from kiosk.ui.pictures_ahead import decode, texture_of

    # Top red, bottom blue, a green mark at the left: any flip or mirror shows. An odd
    # width, so that rows are not a multiple of four bytes.
    image = Image.new("RGB", (101, 60), (200, 30, 30))
    image.paste((30, 30, 200), (0, 30, 101, 60))
    image.paste((30, 200, 30), (0, 0, 10, 60))
    for name in ("marks.png", "marks-palette.png", "marks-alpha.png"):
        shaped = {"marks.png": image, "marks-palette.png": image.convert("P"),
                  "marks-alpha.png": image.convert("RGBA")}[name]
        shaped.save(tmp_path / name)
        path = str(tmp_path / name)
        ours, usual = drawn(texture_of(decode(path))), drawn(usual_texture(path))
        assert largest_difference(ours, usual) == 0, name
    image.save(tmp_path / "marks.jpg", quality=90)
    path = str(tmp_path / "marks.jpg")
    # JPEG decoders round a little differently (Pillow here, SDL_image there).
    assert largest_difference(drawn(texture_of(decode(path))), drawn(usual_texture(path))) <= 8


def test_a_picture_replaced_after_the_touch_is_shown_as_it_is_now(app_on):
    pilot = app_on()
    on_tour(pilot)
    path = pilot.app.picture(pilot.app.tour.stop("stop-1").images[0].file)
    touch = finger_down(pilot, pilot.tile("stop-1"))
    pilot.frames(2)
    wait_decoded(pilot, path)
    Image.new("RGB", (640, 400), (20, 160, 90)).save(path, quality=95)  # staff's new photo
    _as_kivy_loop(touch.touch_up)
    pilot.advance(0.1)
    shown = first_picture(pilot)
    assert shown.texture is not None and tuple(shown.texture.size) == (640, 400)
    assert largest_difference(drawn(shown.texture), drawn(usual_texture(path))) <= 8


def test_a_damaged_picture_touched_shows_the_calm_placeholder(app_on):
    pilot = app_on()
    on_tour(pilot)
    path = pilot.app.picture(pilot.app.tour.stop("stop-1").images[0].file)
    Path(path).write_bytes(b"\xff\xd8 not a photograph any more")
    tile = pilot.tile("stop-1")
    touch = finger_down(pilot, tile)
    pilot.frames(2)
    _as_kivy_loop(touch.touch_up)
    pilot.advance(0.2)
    shown = first_picture(pilot)
    assert pilot.screen.name == "stop" and shown.missing
    assert shown.ids.missing_label.text == "This picture cannot be shown just now."


def test_the_next_visitor_inherits_nothing_decoded_for_the_last(pilot):
    on_tour(pilot)
    path = pilot.app.picture(pilot.app.tour.stop("stop-2").images[0].file)
    touch = finger_down(pilot, pilot.tile("stop-2"))
    pilot.frames(2)
    wait_decoded(pilot, path)
    # The finger slides off the tile (scrolling, not choosing) and the visitor walks away.
    _as_kivy_loop(touch.touch_move, touch.x, touch.y + 300)
    _as_kivy_loop(touch.touch_up)
    pilot.frames(2)
    pilot.app.reset_for_next_visitor()
    assert not pilot.app.pictures_ahead.holds(path)


def test_a_stop_opened_with_its_picture_ready_still_brings_its_other_pictures(pilot):
    on_tour(pilot)
    touch = finger_down(pilot, pilot.tile("stop-2"))  # three pictures
    pilot.frames(2)
    _as_kivy_loop(touch.touch_up)
    slides = pilot.app.screens.get_screen("stop").ids.pictures.slides
    assert [bool(p.source) for p in slides] == [True, False, False]  # not in the tap's frame
    pilot.frames(3)
    assert [Path(p.source).name[:8] for p in slides] == ["stop-2-1", "stop-2-2", "stop-2-3"]
    assert all(p.texture is not None for p in slides)
