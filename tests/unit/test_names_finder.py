"""The list of names is read and indexed in the background, and only the newest list counts."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.content import read_tour
from kiosk.names.finder import RollLoader, read_and_index
from samples import PEOPLE, make_tour, write_names


def _tour(tmp_path: Path, people=PEOPLE):
    return read_tour(make_tour(tmp_path / "tour", stops=3, seconds=2.0, names=people)).valid_tour()


def _read(tour):
    return read_and_index(tour.root, tour.museum.names, frozenset(s.id for s in tour.stops))


def test_the_list_is_searchable_with_the_walls_size(tmp_path):
    roll = _read(_tour(tmp_path))
    assert len(roll) == 3  # the row a family asked to keep off is not there
    assert (roll.panels, roll.rows) == (120, 40)
    assert [m.person.id for m in roll.search("Kowalska")][:1] == ["p1"]
    assert roll.search("Ковальчук") == []


def test_a_loader_hands_over_the_newest_list_only(tmp_path):
    tour = _tour(tmp_path)
    release_first = threading.Event()
    delivered = []

    def read(root, relative, stop_ids):
        if relative == "first.csv":
            release_first.wait(5)  # the first load is slow...
        return relative

    loader = RollLoader(delivered.append, read=read)
    first = loader.load(tour.root, "first.csv", frozenset())
    second = loader.load(tour.root, "second.csv", frozenset())  # ...and staff saved again
    second.join(5)
    release_first.set()
    first.join(5)
    assert delivered == ["second.csv"]


def test_a_list_that_cannot_be_indexed_hands_over_none(tmp_path):
    delivered = []

    def broken(*_args):
        raise MemoryError("no room")

    RollLoader(delivered.append, read=broken).load(tmp_path, "names.csv", frozenset()).join(5)
    assert delivered == [None]


def test_rows_with_problems_are_left_out_and_counted(tmp_path):
    tour = _tour(tmp_path)
    write_names(tour.root / "names.csv", PEOPLE + [dict(PEOPLE[1], id="p9", birth_year="MCMX")])
    roll = _read(tour)
    assert len(roll) == 3 and roll.problems == 1
