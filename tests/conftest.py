"""Test set-up shared by every test: no real screen, no real speaker, no ~/.kivy.

The window is drawn offscreen by Mesa (real pixels), audio goes to SDL's dummy driver
(real decoding), and Kivy keeps its settings in a folder of the test run.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_KIVY_HOME = Path(tempfile.mkdtemp(prefix="kiosk-tests-kivy-"))
os.environ.update({
    "KIVY_NO_ARGS": "1",
    "KIVY_HOME": str(_KIVY_HOME),
    "KIVY_USE_DEFAULTCONFIG": "1",
    "KIVY_NO_CONSOLELOG": "1",
    "KIVY_LOG_MODE": "PYTHON",
    "SDL_VIDEODRIVER": "offscreen",
    "SDL_AUDIODRIVER": "dummy",
})

# Property tests explore new examples on a developer's machine; in CI (CI=true) they run a
# fixed sequence, so a red CI run is the same run again when someone looks at it.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "explore")

import pytest  # noqa: E402


@pytest.fixture(scope="module")
def small_tour(tmp_path_factory) -> Path:
    """A made-up tour of two stops with two-second recordings, one for each test module."""
    from samples import make_tour

    return make_tour(tmp_path_factory.mktemp("small-tour") / "tour", stops=2, seconds=2)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """Leave at once when the run is over, with pytest's own exit status.

    A whole run builds a few hundred kiosks in one process (one Kivy window serves them
    all), and Python's last garbage collection at exit then spends many minutes on
    weak-reference callbacks that remove themselves from long lists one by one, after
    every result has been printed. Nothing is left to write by then: the temporary folders
    are pytest's, and the kiosks' own files were closed by each test.
    """
    import sys as _sys

    if os.environ.get("KIOSK_TESTS_SLOW_EXIT"):
        return
    _sys.stdout.flush()
    _sys.stderr.flush()
    session = getattr(config, "_kiosk_session", None)
    os._exit(int(getattr(session, "exitstatus", 0)) if session is not None else 0)


def pytest_sessionfinish(session, exitstatus):
    session.config._kiosk_session = session
