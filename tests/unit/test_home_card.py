"""The home card: the first screen's words, kept beside the last good tour and used at the
next start only while stops.yaml is still the text it was made from."""

import json
import subprocess
import sys

import pytest

from kiosk.content.card import read_card
from kiosk.content.last_good import LastGoodTour
from kiosk.tour_keeper import TourKeeper
from samples import make_tour


@pytest.fixture
def content(tmp_path):
    return make_tour(tmp_path / "tour", stops=3, seconds=1, plans=True,
                     names=[{"surname": "Ivanova", "name": "Anna"}])


def started_once(content, data):
    keeper = TourKeeper(content, data)
    assert keeper.load() is not None
    return keeper


def test_taking_up_a_tour_keeps_its_card(content, tmp_path):
    started_once(content, tmp_path / "data")
    card = TourKeeper(content, tmp_path / "data").start_card()
    assert card is not None
    assert card.name == {"kk": "Мұражай", "ru": "Музей", "en": "Museum"}
    assert card.languages == ("kk", "ru", "en") and card.default_language == "kk"
    assert card.has_maps and card.has_names


def test_no_card_on_a_first_start(content, tmp_path):
    assert TourKeeper(content, tmp_path / "data").start_card() is None


def test_an_edited_stops_yaml_is_not_shown_from_the_old_card(content, tmp_path):
    started_once(content, tmp_path / "data")
    tour_file = content / "stops.yaml"
    tour_file.write_text(tour_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert TourKeeper(content, tmp_path / "data").start_card() is None


def test_a_broken_edit_is_not_shown_from_the_old_card(content, tmp_path):
    started_once(content, tmp_path / "data")
    (content / "stops.yaml").write_text("museum: [broken\n", encoding="utf-8")
    assert TourKeeper(content, tmp_path / "data").start_card() is None


@pytest.mark.parametrize("damage", [
    "", "{not json", json.dumps({"sha256": "x"}),
    None,  # languages the kiosk cannot show
])
def test_a_damaged_card_is_not_used(content, tmp_path, damage):
    keeper = started_once(content, tmp_path / "data")
    path = keeper.last_good.card_path
    if damage is None:
        found = json.loads(path.read_text(encoding="utf-8"))
        found["languages"] = ["de"]
        damage = json.dumps(found)
    path.write_text(damage, encoding="utf-8")
    assert read_card(path) is None
    assert TourKeeper(content, tmp_path / "data").start_card() is None


def test_a_tour_kept_without_a_card_gets_one_at_the_next_start(content, tmp_path):
    keeper = started_once(content, tmp_path / "data")
    keeper.last_good.card_path.unlink()  # kept by a kiosk of before the card
    assert TourKeeper(content, tmp_path / "data").start_card() is None
    started_once(content, tmp_path / "data")
    assert TourKeeper(content, tmp_path / "data").start_card() is not None


def test_the_card_changes_with_the_tour(content, tmp_path):
    started_once(content, tmp_path / "data")
    tour_file = content / "stops.yaml"
    tour_file.write_text(tour_file.read_text(encoding="utf-8").replace("Museum", "Memorial"),
                         encoding="utf-8")
    keeper = TourKeeper(content, tmp_path / "data")
    assert keeper.load() is not None
    assert LastGoodTour(tmp_path / "data").start_card(content).name["en"] == "Memorial"


def test_the_first_screen_needs_neither_pydantic_nor_yaml_nor_the_name_search(content, tmp_path):
    """What the card saves: the kiosk's modules, its services and its app made from the
    card, all without importing the tour's reader (docs/performance.md, first frame)."""
    started_once(content, tmp_path / "data")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import kiosk.content, kiosk.narration, kiosk.ui.app\n"
        "import time\nfrom kiosk.fake_audio import FakeAudio\n"
        "from kiosk.narration import NarrationPlayer\n"
        "from kiosk.ui.launch import build_app\n"
        f"app = build_app(Path({str(content)!r}), Path({str(tmp_path / 'data')!r}),\n"
        "                player=NarrationPlayer(FakeAudio(time.monotonic)), speaker=object(), watch=False)\n"
        "assert app.tour is None and app._card is not None\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'rapidfuzz') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={**__import__("os").environ, "KIVY_NO_ARGS": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
