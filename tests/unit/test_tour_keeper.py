"""The tour on screen survives a broken edit and a restart after it."""

from kiosk.tour_keeper import PROBLEMS_FILE, TourKeeper
from samples import make_tour


def break_file(content):
    path = content / "stops.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("number: 102", "number: [102"), encoding="utf-8")
    return good


def test_a_broken_edit_keeps_the_tour_and_fixing_it_clears_the_problems(tmp_path):
    content = make_tour(tmp_path / "c", stops=2, seconds=1)
    keeper = TourKeeper(content, tmp_path / "data")
    assert [s.number for s in keeper.load().stops] == [101, 102]
    good = break_file(content)
    assert keeper.reload() is None
    assert keeper.tour is not None and keeper.status.source == "last-good"
    assert keeper.status.has_errors
    assert "stops.yaml:" in (tmp_path / "data" / PROBLEMS_FILE).read_text(encoding="utf-8")
    (content / "stops.yaml").write_text(good.replace("number: 102", "number: 202"), encoding="utf-8")
    assert [s.number for s in keeper.reload().stops] == [101, 202]
    assert keeper.status.source == "current" and not keeper.status.problems
    assert not (tmp_path / "data" / PROBLEMS_FILE).exists()


def test_a_restart_after_a_broken_edit_serves_the_last_good_tour(tmp_path):
    content = make_tour(tmp_path / "c", stops=2, seconds=1)
    TourKeeper(content, tmp_path / "data").load()
    break_file(content)
    keeper = TourKeeper(content, tmp_path / "data")  # the kiosk restarts
    tour = keeper.load()
    assert [s.number for s in tour.stops] == [101, 102]
    assert keeper.status.source == "last-good" and keeper.status.has_errors


def test_broken_and_never_good_gives_no_tour(tmp_path):
    content = make_tour(tmp_path / "c", stops=2, seconds=1)
    break_file(content)
    keeper = TourKeeper(content, tmp_path / "data")
    assert keeper.load() is None
    assert keeper.status.source == "none" and keeper.status.has_errors
