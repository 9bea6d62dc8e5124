"""The last good tour: kept in the data folder, served when stops.yaml is broken."""

import json

import pytest

from kiosk.content import Severity, read_tour
from kiosk.content.last_good import LastGoodTour
from samples import make_tour


@pytest.fixture
def content(tmp_path):
    return make_tour(tmp_path / "tour", stops=3, seconds=1)


def ids(tour):
    return [(s.id, s.number, s.title["en"]) for s in tour.stops]


def test_remember_then_load_gives_the_same_stops(content, tmp_path):
    good = read_tour(content).valid_tour()
    kept = LastGoodTour(tmp_path / "data")
    assert kept.remember(content)
    # staff break the file: the kept copy still gives the tour, its files in the content folder
    (content / "stops.yaml").write_text("museum: [broken\n", encoding="utf-8")
    tour, problems = LastGoodTour(tmp_path / "data").load(content)
    assert tour is not None and ids(tour) == ids(good)
    assert not [p for p in problems if p.severity is Severity.error]
    assert tour.file(tour.stops[0].images[0].file) == good.file(good.stops[0].images[0].file)
    meta = json.loads((tmp_path / "data/last-good/stored.json").read_text(encoding="utf-8"))
    assert set(meta) >= {"saved_at", "sha256"}


def test_nothing_stored_gives_none(content, tmp_path):
    tour, problems = LastGoodTour(tmp_path / "data").load(content)
    assert tour is None and problems


def test_a_broken_file_is_never_kept(content, tmp_path):
    kept = LastGoodTour(tmp_path / "data")
    assert kept.remember(content)
    before = kept.text_path.read_bytes()
    (content / "stops.yaml").write_text("museum: [broken\n", encoding="utf-8")
    assert not kept.remember(content)
    assert not kept.remember(content, text="stops: []\n")
    assert kept.text_path.read_bytes() == before


def test_remember_keeps_the_text_it_is_given(content, tmp_path):
    kept = LastGoodTour(tmp_path / "data")
    text = (content / "stops.yaml").read_text(encoding="utf-8")
    assert kept.remember(content, text=text.replace("Stop 101", "Renamed 101"))
    tour, _ = kept.load(content)
    assert tour.stops[0].title["en"] == "Renamed 101"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "no-meta", "meta-garbage",
                                    "binary"])
def test_a_corrupt_stored_copy_gives_none_with_a_problem(content, tmp_path, damage):
    kept = LastGoodTour(tmp_path / "data")
    assert kept.remember(content)
    text = kept.text_path.read_bytes()
    if damage == "garbage":
        kept.text_path.write_text("museum: [unclosed\n  - {", encoding="utf-8")
    elif damage == "truncated":
        kept.text_path.write_bytes(text[: len(text) // 2])
    elif damage == "no-meta":
        kept.meta_path.unlink()
    elif damage == "meta-garbage":
        kept.meta_path.write_text("{not json", encoding="utf-8")
    elif damage == "binary":
        kept.text_path.write_bytes(b"\xff\xfe\x00garbage\x00")
    tour, problems = kept.load(content)
    assert tour is None
    assert problems and all(str(kept.text_path) in str(p) for p in problems)


def test_a_stored_copy_that_parses_badly_even_if_its_hash_matches(content, tmp_path):
    """A copy written by hand (hash updated too) that is not a tour: None, no exception."""
    import hashlib

    kept = LastGoodTour(tmp_path / "data")
    assert kept.remember(content)
    data = b"stops: 12\n"
    kept.text_path.write_bytes(data)
    meta = json.loads(kept.meta_path.read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(data).hexdigest()
    kept.meta_path.write_text(json.dumps(meta), encoding="utf-8")
    tour, problems = kept.load(content)
    assert tour is None and problems


def test_a_picture_removed_since_is_a_warning_not_a_refusal(content, tmp_path):
    kept = LastGoodTour(tmp_path / "data")
    assert kept.remember(content)
    (content / "assets/images/stop-1-1.jpg").unlink()
    tour, problems = kept.load(content)
    assert tour is not None and len(tour.stops) == 3
    assert any("stop-1-1.jpg" in p.message and p.severity is Severity.warning for p in problems)


def test_remember_on_an_unwritable_data_folder_returns_false(content, tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    assert LastGoodTour(blocker).remember(content) is False
