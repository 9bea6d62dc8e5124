"""Prepared copies that were damaged or overwritten are never served: they are made again."""

import json
from pathlib import Path

import pytest
from PIL import Image

from kiosk.media import INDEX_FILE, PreparedMedia
from kiosk.prepare import media_cache_dir, run_prepare
from samples import make_photo, make_tour


@pytest.fixture
def prepared(tmp_path):
    original = make_photo(tmp_path / "wall.jpg", size=(2400, 1600))
    media = PreparedMedia(tmp_path / "cache")
    assert media.prepare([original]).prepared == [original]
    return original, media


def copies(media: PreparedMedia) -> list[Path]:
    return sorted(media.cache_dir.glob("*.jpg"))


def decodes(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            image.load()
        return True
    except Exception:
        return False


def test_an_overwritten_copy_is_not_served_after_a_restart_and_prepare_makes_it_again(prepared):
    original, media = prepared
    for copy in copies(media):
        copy.write_bytes(b"\0" * 4096)          # same name, other bytes
    restarted = PreparedMedia(media.cache_dir)   # the kiosk starts again
    assert restarted.display_path(original) == original
    assert restarted.thumbnail_path(original) == original

    report = restarted.prepare([original])
    assert report.remade == [original] and report.ready == []
    assert "1 damaged copy made again" in report.summary()
    shown = restarted.display_path(original)
    assert shown.parent == media.cache_dir and decodes(shown)


def test_a_copy_damaged_while_the_kiosk_runs_is_caught_before_it_is_first_served(prepared):
    original, media = prepared
    display = next(p for p in copies(media) if ".display-" in p.name)
    data = bytearray(display.read_bytes())
    data[len(data) // 2] ^= 0xFF                 # one flipped byte still looks like a JPEG
    display.write_bytes(bytes(data))
    fresh = PreparedMedia(media.cache_dir)
    assert fresh.display_path(original) == original
    assert not display.exists()                  # dropped, to be made again


def test_prepare_checks_the_bytes_not_only_the_names(prepared):
    original, media = prepared
    assert media.prepare([original]).ready == [original]
    for copy in copies(media):
        copy.write_bytes(b"not a picture")
    report = media.prepare([original])
    assert report.ready == [] and report.remade == [original]
    assert all(decodes(copy) for copy in copies(media))


def test_a_cache_from_before_digests_were_kept_is_made_again(prepared):
    original, media = prepared
    index = media.cache_dir / INDEX_FILE
    data = json.loads(index.read_text(encoding="utf-8"))
    del data["copies"]
    index.write_text(json.dumps(data), encoding="utf-8")
    older = PreparedMedia(media.cache_dir)
    assert older.display_path(original) == original
    assert older.prepare([original]).prepared == [original]


def test_a_copy_the_screen_cannot_draw_is_discarded_and_the_original_given(prepared):
    original, media = prepared
    shown = media.display_path(original)
    assert shown != original
    assert media.discard(shown) == Path(original)
    assert not shown.exists()
    assert media.display_path(original) == original
    assert media.discard(original) is None       # an original is never removed
    assert original.exists()


def test_the_prepare_command_says_which_copies_it_made_again(tmp_path):
    content = make_tour(tmp_path / "tour", stops=2)
    data = tmp_path / "data"
    assert run_prepare(content, data, out=lambda _line: None) == 0
    for copy in media_cache_dir(data).glob("*.jpg"):
        copy.write_bytes(b"\xff\xd8 overwritten")
    printed = []
    assert run_prepare(content, data, out=printed.append) == 0
    summary = next(line for line in printed if "already ready" in line)
    assert "0 already ready" in summary
    assert any(line.startswith("made again: assets/images/") for line in printed)
    assert all(decodes(copy) for copy in media_cache_dir(data).glob("*.jpg"))
