"""The watcher: one on_change per burst of edits to stops.yaml or the assets.

These tests really wait for the file system, with inotify and with the polling fallback;
they wait generously for the change and assert that it came (how soon is the bench's).
"""

import threading
import time

import pytest

from kiosk.watch import TourWatcher, is_temporary

DEBOUNCE = 0.3


class Calls:
    def __init__(self):
        self.times: list[float] = []
        self._event = threading.Event()

    def __call__(self):
        self.times.append(time.monotonic())
        self._event.set()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)

    def settle(self, seconds: float) -> int:
        """How many calls there are once nothing has come for ``seconds``."""
        time.sleep(seconds)
        return len(self.times)


@pytest.fixture
def content(tmp_path):
    (tmp_path / "stops.yaml").write_text("museum: {}\n", encoding="utf-8")
    (tmp_path / "assets" / "images").mkdir(parents=True)
    (tmp_path / "assets" / "images" / "a.jpg").write_bytes(b"old")
    return tmp_path


def _watching(content, polling: bool):
    calls = Calls()
    watcher = TourWatcher(content, calls, debounce=DEBOUNCE, polling=polling)
    watcher.start()
    assert watcher.mode == ("polling" if polling else "inotify")
    time.sleep(0.2 if not polling else 1.1)  # the polling observer's first snapshot
    return watcher, calls


@pytest.fixture(params=[False, True], ids=["inotify", "polling"])
def watched(request, content):
    """Both ways of watching: inotify, and the polling fallback."""
    watcher, calls = _watching(content, request.param)
    yield content, calls
    watcher.stop()


@pytest.fixture
def inotify_watched(content):
    watcher, calls = _watching(content, False)
    yield content, calls
    watcher.stop()


@pytest.mark.parametrize("name", ["stops.yaml", "names.csv"])  # the tour, a list beside it
def test_writing_the_tour_or_a_list_beside_it_is_noticed_once(watched, name):
    content, calls = watched
    (content / name).write_text("museum: {name: {en: X}}\n", encoding="utf-8")
    assert calls.wait(10.0), "the edit was never noticed"
    assert calls.settle(1.5) == 1


def test_a_burst_of_writes_is_one_change(watched):
    content, calls = watched
    for n in range(10):
        (content / "stops.yaml").write_text(f"museum: {{}}\n# save {n}\n", encoding="utf-8")
    assert calls.wait(30.0)
    assert calls.settle(1.5) == 1


def test_a_change_in_the_assets_is_noticed(inotify_watched):
    content, calls = inotify_watched
    (content / "assets" / "images" / "a.jpg").write_bytes(b"new picture bytes")
    assert calls.wait(30.0)


def test_temporary_files_are_ignored(watched):
    content, calls = watched
    (content / ".stops.yaml.swp").write_bytes(b"vim swap")
    (content / "stops.yaml~").write_text("backup", encoding="utf-8")
    (content / "4913").write_bytes(b"")
    (content / "assets" / "images" / ".#a.jpg").write_bytes(b"emacs lock")
    (content / "assets" / "images" / "b.jpg.tmp").write_bytes(b"half a copy")
    (content / "notes.txt").write_text("not part of the tour", encoding="utf-8")
    (content / ".~lock.names.csv#").write_text("LibreOffice's lock", encoding="utf-8")
    assert calls.settle(1.8) == 0


def test_an_atomic_save_through_a_temporary_file_is_one_change(inotify_watched):
    content, calls = inotify_watched
    tmp = content / ".goutputstream-ABC123"
    tmp.write_text("museum: {name: {en: Y}}\n", encoding="utf-8")
    tmp.replace(content / "stops.yaml")
    assert calls.wait(30.0)
    assert calls.settle(1.5) == 1


def test_a_burst_that_never_goes_quiet_is_still_reported(content):
    calls = Calls()
    with TourWatcher(content, calls, debounce=0.5, max_delay=1.0, polling=False):
        time.sleep(0.1)
        began = time.monotonic()
        while not calls.times and time.monotonic() - began < 30.0:
            (content / "assets" / "images" / "a.jpg").write_bytes(b"x" * 100)
            time.sleep(0.1)
    # Reported while the writes still went on (never 0.5 s quiet): the max_delay did it.
    assert calls.times


def test_stop_ends_the_threads_and_no_more_calls_come(content):
    calls = Calls()
    watcher = TourWatcher(content, calls, debounce=DEBOUNCE, polling=False)
    watcher.start()
    watcher.stop()
    assert watcher.mode == "stopped"
    (content / "stops.yaml").write_text("museum: {}\n# edited\n", encoding="utf-8")
    assert calls.settle(0.8) == 0
    assert not any(t.name == "tour-watcher" and t.is_alive() for t in threading.enumerate())


def test_falls_back_to_polling_when_inotify_cannot_be_used(content, monkeypatch):
    import kiosk.watch as module

    class Broken:
        def __init__(self, *a, **k):
            raise OSError(24, "inotify instance limit reached")

    monkeypatch.setattr(module, "Observer", Broken)
    calls = Calls()
    with TourWatcher(content, calls, debounce=DEBOUNCE) as watcher:
        assert watcher.mode == "polling"


def test_assets_folder_created_later_is_watched(tmp_path):
    (tmp_path / "stops.yaml").write_text("museum: {}\n", encoding="utf-8")
    calls = Calls()
    with TourWatcher(tmp_path, calls, debounce=DEBOUNCE, polling=False):
        (tmp_path / "assets").mkdir()
        assert calls.wait(30.0)
        assert calls.settle(0.6) == 1
        (tmp_path / "assets" / "new.jpg").write_bytes(b"picture")
        deadline = time.monotonic() + 30.0
        while len(calls.times) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(calls.times) == 2


@pytest.mark.parametrize("name", [".stops.yaml.swp", "stops.yaml~", "4913", ".#stops.yaml",
                                  "x.tmp", ".goutputstream-XYZ", ".~lock.stops.yaml#"])
def test_temporary_names(name):
    assert is_temporary(name)


@pytest.mark.parametrize("name", ["stops.yaml", "photo.jpg", "arch-of-sorrow.ogg", "a.vtt"])
def test_real_names(name):
    assert not is_temporary(name)
