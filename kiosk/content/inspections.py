"""Each distinct file of a tour inspected once per ``check``; many files shared among
worker processes, one per core, which can start before stops.yaml is parsed.

Where a large check's time goes (1,000 stops: 3,000 recordings, 3,000 caption files,
1,624 pictures, 2 cores; profiled with py-spy and cProfile): a recording ~0.35 ms, nearly
all inside libsndfile's open, a caption file ~0.05 ms, a picture ~0.05 ms; parsing
stops.yaml with the model and the files' existence ~0.25 s.
"""

from __future__ import annotations

import contextlib
import os
import re
import warnings
from pathlib import Path

from ..files import read_regular_file
from . import limits
from .captions import CaptionReport, inspect_captions
from .paths import locate
from .pictures import ImageReport, inspect_image
from .recordings import AudioReport, inspect_audio

#: Below this many files, the work is done in this process: starting workers costs more.
PARALLEL_FROM = 200
#: What the worker processes may be asked to run, by name.
INSPECTORS = {"inspect_audio": inspect_audio, "inspect_captions": inspect_captions,
              "inspect_image": inspect_image}
#: A line of stops.yaml that names a file, as the generated and the hand-written tours
#: write it (``audio: assets/...``, quoted or not): a guess, for a head start only.
_NAMED_FILE = re.compile(r"""^[ \t-]*(audio|captions|file)[ \t]*:[ \t]+"""
                         r"""(?:"([^"\\\n]+)"|'([^'\n]+)'|([^\s"'#&*!|>%@`{}\[\],]\S*))"""
                         r"""[ \t]*(?:#.*)?\r?$""", re.MULTILINE)
_INSPECTOR_OF = {"audio": "inspect_audio", "captions": "inspect_captions",
                 "file": "inspect_image"}


class Inspections:
    """Each distinct file inspected once per run; many files shared among processes.

    Keyed by (what inspects it, real path): a file named by several stops is opened
    once. With many files, worker processes (one per core) share them, and can start
    before stops.yaml is parsed (``start``): its text is scanned for the lines that name
    files, and the workers open those while this process parses; after the parse,
    ``run`` takes their reports for the files the tour really names and inspects what
    the guess missed. A guessed file is opened only if it is an ordinary file inside the
    content folder (its real path, links followed), as the loader requires.

    Why processes and not threads: libsndfile and Pillow let go of Python's lock, but each
    recording takes only ~0.4 ms, and the threads then spend as long waiting to take the
    lock back from the thread parsing captions (measured: 20% more CPU, little gained).
    Worker processes are forked (Linux), so they start at once with everything imported;
    elsewhere, or if they cannot be started, the work is done in this process. Work goes
    to them in chunks, and comes back as tuples, without the cues (``CaptionReport``).
    """

    def __init__(self, workers: int | None = None):
        self.workers = workers or min(8, _cores())
        self.root: str | None = None
        self.results: dict[tuple[str, str], object] = {}
        self._pool = None
        self._pending: list = []

    def start(self, content_dir: str | Path) -> None:
        """Have workers start on the files stops.yaml seems to name, if there are many."""
        if self.workers < 2 or not _can_fork():
            return
        try:
            text = read_regular_file(Path(content_dir) / "stops.yaml",
                                     limits.TOUR_FILE_BYTES).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return  # the loader says what is wrong
        guesses = {}
        for found in _NAMED_FILE.finditer(text):
            rel = found.group(2) or found.group(3) or found.group(4)
            guesses[(_INSPECTOR_OF[found.group(1)], rel)] = None
        if len(guesses) < PARALLEL_FROM:
            return
        self.root = os.path.realpath(content_dir)
        try:
            self._in_processes(list(guesses))
        except Exception:  # OSError, BrokenProcessPool...: it is all done later instead
            self.close()

    def _in_processes(self, items: list[tuple[str, str]]) -> None:
        """Send ``items`` (inspector's name, path in the content folder) to the workers."""
        if self._pool is None:
            self._pool = _start_pool(self.workers)
        size = max(8, len(items) // (self.workers * 16))
        for at in range(0, len(items), size):
            self._pending.append(self._pool.submit(_inspect_chunk, self.root,
                                                   items[at:at + size]))

    def _gather(self) -> None:
        """Wait for what the workers were given; keep their reports."""
        pending, self._pending = self._pending, []
        for future in pending:
            try:
                reports = future.result()
            except Exception:  # a worker died: the files it had are inspected here
                continue
            for key, packed in reports:
                self.results[key] = _REPORT_OF[key[0]]._make(packed)

    def run(self, jobs: list[tuple]) -> None:
        """Inspect every (inspect function, real path) of ``jobs`` not inspected yet."""
        self._gather()
        todo: dict[tuple[str, str], tuple] = {}
        for inspect, path in jobs:
            key = (inspect.__name__, path)
            if key not in self.results and key not in todo:
                todo[key] = (inspect, path)
        if (self.workers > 1 and len(todo) >= PARALLEL_FROM and _can_fork()
                and all(name in INSPECTORS for name, _ in todo)):
            try:
                self._in_processes(list(todo))
                self._gather()
            except Exception:  # OSError, BrokenProcessPool...: do it here instead
                pass
        left = [(key, inspect, path) for key, (inspect, path) in todo.items()
                if key not in self.results]
        if left:
            _import_inspectors()
        for key, inspect, path in left:
            self.results[key] = inspect(path)

    def get(self, inspect, path: str):
        return self.results[(inspect.__name__, path)]

    def close(self) -> None:
        pool, self._pool, self._pending = self._pool, None, []
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_REPORT_OF = {"inspect_audio": AudioReport, "inspect_captions": CaptionReport,
              "inspect_image": ImageReport}


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 2


def _start_pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_started)


def _worker_started() -> None:
    """In each worker: the inspectors' libraries imported (here, not in the parent before
    the fork: the parent goes on to parse stops.yaml meanwhile), what C libraries write to
    the terminal (libmpg123 does) sent nowhere, and the garbage collector told to leave
    alone the objects the worker was forked with (looking at them would make it copy the
    parent's memory, page by page)."""
    import gc

    _import_inspectors()
    gc.freeze()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _inspect_chunk(root: str, chunk: list[tuple[str, str]]) -> list[tuple[tuple[str, str], tuple]]:
    """In a worker: ((name, real path), report as a tuple) of each file of ``chunk``.

    ``chunk`` is (inspector's name, path): a real path the loader accepted, or a path
    relative to ``root`` guessed from stops.yaml's text, opened only if the loader's rules
    (``paths.locate``) accept it; what is left out (or fails here) is inspected by the
    parent if the tour really names it, which then says what is wrong with it.
    """
    folders: dict[str, str] = {}
    done = []
    for name, path in chunk:
        real = path if os.path.isabs(path) else locate(path, root, folders)[0]
        if real is None:
            continue
        try:
            report = INSPECTORS[name](real)
        except Exception:  # the parent meets it again, and says so
            continue
        if name == "inspect_captions":
            report = report._replace(cues=None)  # most are never looked at: see `latest`
        done.append(((name, real), tuple(report)))
    return done


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def quiet_stderr():
    """Silence what C libraries write straight to file descriptor 2, for a while."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _import_inspectors() -> None:
    """What the inspectors need, imported once in each process that inspects."""
    import soundfile  # noqa: F401
    from PIL import Image, JpegImagePlugin, PngImagePlugin  # noqa: F401

    # Pictures between 89 and 178 megapixels: Pillow warns on stderr; the report says it.
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
