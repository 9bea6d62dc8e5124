"""Prepared media: display-size copies of camera photographs, keyed by content, in the cache."""

import hashlib
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kiosk.content import read_tour
from kiosk.media import PreparedMedia, tour_pictures
from kiosk.picture_copy import BACKGROUND
from samples import make_tour


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def photo(path: Path, size=(6000, 4000), orientation: int | None = None) -> Path:
    """A camera-like JPEG: a gradient with noise; the left edge red, the top edge green."""
    w, h = size
    rng = np.random.default_rng(1)
    x = np.linspace(0, 255, w, dtype=np.float32)[None, :]
    y = np.linspace(0, 255, h, dtype=np.float32)[:, None]
    pixels = np.empty((h, w, 3), dtype=np.uint8)
    pixels[..., 0] = (x * 0.5 + y * 0.3).astype(np.uint8)
    pixels[..., 1] = (y * 0.6).astype(np.uint8)
    pixels[..., 2] = 90
    pixels[::7, ::5] = rng.integers(0, 255, size=pixels[::7, ::5].shape, dtype=np.uint8)
    pixels[:, : w // 20] = (230, 20, 20)   # left edge: red
    pixels[: h // 20, :] = (20, 230, 20)   # top edge: green
    image = Image.fromarray(pixels)
    if orientation is None:
        image.save(path, quality=85)
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(path, quality=85, exif=exif)
    return path


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("originals")
    rotated = photo(folder / "rotated.jpg", orientation=6)
    alpha = folder / "alpha.png"
    rgba = Image.new("RGBA", (3000, 1000), (255, 255, 255, 0))
    rgba.paste((200, 50, 50, 255), (1000, 0, 2000, 1000))  # an opaque red band in the middle
    rgba.save(alpha)
    corrupt = folder / "corrupt.jpg"
    corrupt.write_bytes(rotated.read_bytes()[:2000])  # a JPEG cut short: a broken copy
    garbage = folder / "notes.jpg"
    garbage.write_text("this is not a picture", encoding="utf-8")
    return {"rotated": rotated, "alpha": alpha, "corrupt": corrupt, "garbage": garbage}


@pytest.fixture
def work(tmp_path, originals):
    """The originals copied into a fresh folder (same bytes, fresh mtimes) and a cache."""
    folder = tmp_path / "assets"
    folder.mkdir()
    paths = {name: Path(shutil.copy2(p, folder / p.name)) for name, p in originals.items()}
    return paths, PreparedMedia(tmp_path / "data" / "media-cache")


def test_display_copy_fits_the_screen_upright_and_originals_are_untouched(work):
    paths, media = work
    before = {name: sha(p) for name, p in paths.items()}
    report = media.prepare(paths.values())
    assert {name: sha(p) for name, p in paths.items()} == before
    assert sorted(p.name for p in report.prepared) == ["alpha.png", "rotated.jpg"]

    display = media.display_path(paths["rotated"])
    assert display.parent == media.cache_dir and display.suffix == ".jpg"
    with Image.open(display) as image:
        # 6000x4000 stored, orientation 6 (turn 90 degrees clockwise): 4000x6000 upright,
        # so it fits 1920x1200 as 800x1200.
        assert image.format == "JPEG" and image.mode == "RGB"
        assert image.size == (800, 1200)
        assert 0x0112 not in image.getexif() or image.getexif()[0x0112] == 1
        # The stored image's left edge (red) is the upright picture's top edge.
        top = image.getpixel((400, 10))
        right = image.getpixel((795, 600))
        assert top[0] > 180 and top[1] < 80, top
        assert right[1] > 180 and right[0] < 80, right
    with Image.open(media.thumbnail_path(paths["rotated"])) as thumb:
        assert thumb.size == (267, 400)


def test_png_with_alpha_is_flattened_onto_the_kiosk_background(work):
    paths, media = work
    media.prepare([paths["alpha"]])
    with Image.open(media.display_path(paths["alpha"])) as image:
        assert image.format == "JPEG" and image.mode == "RGB"
        assert image.size == (1920, 640)
        assert all(abs(a - b) <= 3 for a, b in zip(image.getpixel((50, 320)), BACKGROUND))
        red = image.getpixel((960, 320))
        assert red[0] > 180 and red[1] < 80


def test_failures_are_reported_not_raised(work):
    paths, media = work
    report = media.prepare(list(paths.values()) + [paths["rotated"].parent / "missing.jpg"])
    failed = {p.name: reason for p, reason in report.failed}
    assert set(failed) == {"corrupt.jpg", "notes.jpg", "missing.jpg"}
    assert "damaged" in failed["corrupt.jpg"] or "could not be read" in failed["corrupt.jpg"]
    assert "JPEG or PNG" in failed["notes.jpg"]
    assert "does not exist" in failed["missing.jpg"]
    assert media.display_path(paths["corrupt"]) == paths["corrupt"]
    assert media.display_path(paths["rotated"]) != paths["rotated"]


def test_display_path_is_the_original_until_prepared_then_the_copy(work):
    paths, media = work
    assert media.display_path(paths["rotated"]) == paths["rotated"]
    assert media.thumbnail_path(paths["rotated"]) == paths["rotated"]
    media.prepare([paths["rotated"]])
    assert media.display_path(paths["rotated"]) != paths["rotated"]
    assert media.thumbnail_path(paths["rotated"]) != media.display_path(paths["rotated"])
    # A fresh instance (the next start of the kiosk) knows it from the index on disk.
    again = PreparedMedia(media.cache_dir)
    assert again.display_path(paths["rotated"]) == media.display_path(paths["rotated"])


def test_a_second_prepare_does_no_work(work, monkeypatch):
    paths, media = work
    first = media.prepare([paths["rotated"], paths["alpha"]])
    assert len(first.prepared) == 2
    files = {p: p.stat().st_mtime_ns for p in media.cache_dir.iterdir()}

    import kiosk.media as module

    def refuse(*args, **kwargs):
        raise AssertionError("no picture should be read again")

    hash_file = module.file_sha256

    def only_copies(path):  # the small copies are checked; the originals are not read
        if Path(path).parent != media.cache_dir:
            refuse()
        return hash_file(path)

    monkeypatch.setattr(module, "render", refuse)
    monkeypatch.setattr(module, "file_sha256", only_copies)
    for again in (media, PreparedMedia(media.cache_dir)):
        report = again.prepare([paths["rotated"], paths["alpha"]])
        assert report.prepared == [] and report.failed == []
        assert sorted(p.name for p in report.ready) == ["alpha.png", "rotated.jpg"]
    assert {p: p.stat().st_mtime_ns for p in media.cache_dir.iterdir()} == files


def test_a_copy_under_another_name_reuses_the_prepared_copy(work, monkeypatch):
    paths, media = work
    media.prepare([paths["rotated"]])
    twin = Path(shutil.copy(paths["rotated"], paths["rotated"].parent / "same-photo.jpg"))

    import kiosk.media as module
    monkeypatch.setattr(module, "render", lambda *a, **k: pytest.fail("decoded again"))
    report = media.prepare([twin])
    assert report.ready == [twin] and report.prepared == []
    assert media.display_path(twin) == media.display_path(paths["rotated"])


def test_an_edited_original_is_prepared_again(work):
    paths, media = work
    media.prepare([paths["rotated"]])
    old = media.display_path(paths["rotated"])
    photo(paths["rotated"], size=(1200, 900))
    assert media.display_path(paths["rotated"]) == paths["rotated"]  # stale copy not served
    report = media.prepare([paths["rotated"]])
    assert report.prepared == [paths["rotated"]]
    new = media.display_path(paths["rotated"])
    assert new != old
    with Image.open(new) as image:
        assert image.size == (1200, 900)  # smaller than the screen: never enlarged


def test_prune_removes_copies_no_longer_referenced(work):
    paths, media = work
    report = media.prepare([paths["rotated"], paths["alpha"]])
    keep = media.display_path(paths["rotated"]).name.split(".")[0]
    assert keep in report.hashes
    removed = media.prune({keep})
    assert removed == 2  # the PNG's display copy and thumbnail
    assert media.display_path(paths["alpha"]) == paths["alpha"]
    assert media.display_path(paths["rotated"]) != paths["rotated"]
    names = {p.name for p in media.cache_dir.iterdir()}
    assert all(n.startswith(keep) or n == "index.json" for n in names)


def test_prepare_tour_and_background_with_progress_and_on_done(tmp_path):
    tour = read_tour(make_tour(tmp_path / "tour", stops=3, seconds=1)).valid_tour()
    pictures = tour_pictures(tour)
    assert len(pictures) == 5
    media = PreparedMedia(tmp_path / "cache")
    seen = []
    report = media.prepare_tour(tour, progress=lambda done, total, path: seen.append((done, total)))
    assert seen == [(n, 5) for n in range(1, 6)]
    assert len(report.prepared) == 5

    fresh = PreparedMedia(tmp_path / "cache2")
    done = threading.Event()
    reports = []
    fresh.start_background(tour, on_done=lambda r: (reports.append(r), done.set()))
    assert done.wait(30)
    assert reports[0].total == 5 and not reports[0].cancelled
    assert all(fresh.display_path(p) != p for p in pictures)


def test_a_new_background_call_supersedes_the_running_one(tmp_path):
    tour = read_tour(make_tour(tmp_path / "tour", stops=4, seconds=1)).valid_tour()
    media = PreparedMedia(tmp_path / "cache")
    reports = []
    lock = threading.Lock()

    def record(report):
        with lock:
            reports.append(report)

    for _ in range(3):
        media.start_background(tour, on_done=record)
    assert media.wait_idle(30)
    assert len(reports) == 3                       # one on_done per call
    assert not reports[-1].cancelled and reports[-1].failed == []
    assert all(media.display_path(p) != p for p in tour_pictures(tour))


def test_a_running_job_is_cancelled_between_pictures_when_superseded(tmp_path):
    tour = read_tour(make_tour(tmp_path / "tour", stops=3, seconds=1)).valid_tour()
    media = PreparedMedia(tmp_path / "cache")
    entered, release = threading.Event(), threading.Event()
    real = media._prepare_one

    def slow_first(path):
        if not entered.is_set():
            entered.set()
            assert release.wait(10)
        return real(path)

    media._prepare_one = slow_first
    reports = {}
    media.start_background(tour, on_done=lambda r: reports.setdefault("first", r))
    assert entered.wait(10)
    media.start_background(tour, on_done=lambda r: reports.setdefault("second", r))
    release.set()
    assert media.wait_idle(30)
    assert reports["first"].cancelled and reports["first"].total == 1
    assert not reports["second"].cancelled and reports["second"].total == 5
    assert all(media.display_path(p) != p for p in tour_pictures(tour))
