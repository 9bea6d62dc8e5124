"""What is held of the pictures decoded ahead: the last few touches, for a few seconds,
never a file since replaced; and what Pillow hands over for each kind of file."""

import os
import threading

import pytest
from PIL import Image

from kiosk.ui import pictures_ahead
from kiosk.ui.pictures_ahead import KEEP, KEEP_SECONDS, PicturesAhead, decode


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def photos(tmp_path):
    paths = []
    for n in range(6):
        path = tmp_path / f"stop-{n}.jpg"
        Image.new("RGB", (40, 30), (20 * n, 40, 60)).save(path)
        paths.append(str(path))
    return paths


def settle(ahead):
    for held in list(ahead._held.values()):
        if not held.future.cancelled():
            held.future.result(timeout=10)


def test_the_last_few_touches_are_held_and_the_oldest_let_go(photos):
    ahead = PicturesAhead()
    for path in photos[:KEEP + 1]:
        ahead.start(path)
        settle(ahead)
    assert not ahead.holds(photos[0])
    assert all(ahead.holds(path) for path in photos[1:KEEP + 1])
    ahead.close()


def test_a_picture_is_held_only_a_few_seconds(photos):
    clock = Clock()
    ahead = PicturesAhead(clock=clock)
    ahead.start(photos[0])
    settle(ahead)
    clock.now += KEEP_SECONDS - 1
    assert ahead.holds(photos[0])
    clock.now += 2
    assert not ahead.holds(photos[0])
    assert ahead.take(photos[0]) is None
    ahead.close()


def test_a_file_replaced_since_the_touch_is_not_handed_over(photos):
    ahead = PicturesAhead()
    ahead.start(photos[0])
    settle(ahead)
    Image.new("RGB", (80, 60), (200, 0, 0)).save(photos[0])
    stat = os.stat(photos[0])
    os.utime(photos[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert not ahead.holds(photos[0])
    assert ahead.take(photos[0]) is None
    ahead.close()


def test_the_newest_touch_is_decoded_first_and_the_ones_passed_over_are_not(photos):
    begun, release = [], threading.Event()

    def slow_decode(path):
        begun.append(path)
        release.wait(10)
        return None

    ahead = PicturesAhead(decoder=slow_decode)
    ahead.start(photos[0])  # being decoded
    ahead.start(photos[1])  # waiting: the finger moved on before it began
    ahead.start(photos[2])
    release.set()
    settle(ahead)
    assert begun == [photos[0], photos[2]]
    ahead.close()


def test_the_opening_waits_only_so_long_for_a_decode_under_way(photos):
    release = threading.Event()

    def stuck(path):
        release.wait(10)
        return None

    ahead = PicturesAhead(decoder=stuck)
    ahead.start(photos[0])
    assert ahead.take(photos[0], wait=0.05) is None  # loaded the usual way instead
    assert not ahead.holds(photos[0])
    release.set()
    ahead.close()


def test_a_missing_file_or_an_empty_path_is_not_touched(tmp_path):
    ahead = PicturesAhead()
    ahead.start(str(tmp_path / "gone.jpg"))
    ahead.start("")
    assert ahead._held == {} and ahead.take("") is None
    ahead.close()


def test_forget_lets_everything_go(photos):
    ahead = PicturesAhead()
    ahead.start(photos[0])
    settle(ahead)
    ahead.forget()
    assert not ahead.holds(photos[0])
    ahead.close()


@pytest.mark.parametrize("mode, saved_as, expected", [
    ("RGB", "jpg", "rgb"), ("L", "png", "rgb"), ("P", "gif", "rgba"), ("RGBA", "png", "rgba"),
    ("CMYK", "jpg", "rgb"),
])
def test_decoded_pixels_are_plain_rgb_or_rgba_top_row_first(tmp_path, mode, saved_as, expected):
    image = Image.new("RGB", (7, 4), (250, 250, 250))
    image.paste((0, 0, 0), (0, 0, 7, 1))  # a dark top row
    path = tmp_path / f"picture.{saved_as}"
    shaped = image.convert(mode)
    if mode == "P":
        shaped.info["transparency"] = 0
    shaped.save(path)
    decoded = decode(str(path))
    assert decoded is not None and decoded.size == (7, 4) and decoded.mode == expected
    channels = len(expected)
    assert len(decoded.pixels) == 7 * 4 * channels
    top, bottom = decoded.pixels[:channels], decoded.pixels[-channels:]
    assert sum(top[:3]) < sum(bottom[:3]), "rows upside down"


def test_a_damaged_or_oversized_file_is_left_to_the_usual_loader(tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.jpg"
    damaged.write_bytes(b"\xff\xd8 not a photograph")
    assert decode(str(damaged)) is None
    truncated = tmp_path / "truncated.jpg"
    Image.new("RGB", (64, 64), (9, 9, 9)).save(tmp_path / "whole.jpg")
    truncated.write_bytes((tmp_path / "whole.jpg").read_bytes()[:200])
    assert decode(str(truncated)) is None
    monkeypatch.setattr(pictures_ahead, "MAX_PIXELS", 63 * 64)
    assert decode(str(tmp_path / "whole.jpg")) is None
