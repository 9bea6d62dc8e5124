"""The soak: the real kiosk under N random visitor actions, looking for what only time finds.

    python -m bench.soak --actions N [--seed S] [--content DIR] [--data DIR]

The real app (real tour keeper, real pictures, real pygame audio: SDL's silent "dummy"
driver when there is no sound card) runs offscreen, driven by the kiosk's pilot
(kiosk.ui.pilot) on its fake clock: every frame moves time on by one frame's length and
is waited for (``glFinish``) as a real display would. The random visitor's actions are in
``bench/_soak_visitor.py``. The app's own fault guard stays in place (it takes the visitor
home after an error, as in the museum); its restart after repeated faults is noted instead
of done. Nothing is asserted about what the screens show (the UI tests do that): the soak
looks for exceptions, and for memory or file descriptors that grow. An exception is
counted when it:

- escapes an action (it would reach Kivy's event loop in the real kiosk),
- reaches Kivy's event loop from any other callback (a Clock event, a property binding):
  an ``ExceptionHandler`` records it and lets the loop go on, so one run finds them all,
- ends a thread of the app (``threading.excepthook``).

It prints resident memory (RSS) every 500 actions, the open file descriptors at start and
at the end, the first few tracebacks; then one line ``RESULT {json}`` with every figure
(what bench/monkey_bench.py reads), and as its very last line::

    rss growth: X MB over N actions

X is the growth of RSS once tidied, from after the first 1,000 actions (the start, for
runs of fewer) to the end; MB here are MiB (2**20 bytes). It exits 0 only when no
exception was counted and every action ran.

``--inject-fault`` exists to test the soak itself (tests/test_soak.py), never the kiosk:
half-way through, one action schedules a Kivy Clock callback that raises, and the run
must then count exactly that one exception and exit 1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

from ._soak_visitor import WEIGHTS, RandomVisitor

#: How often RSS is printed (actions).
REPORT_EVERY = 500
#: RSS growth is measured from this many actions on (the caches fill up before it).
WARM_UP = 1000
#: How many full tracebacks are printed; the rest are summarised by their last line.
TRACEBACKS_SHOWN = 5


def _mib(value: int) -> float:
    return value / 2**20


def fd_targets() -> Counter[str]:
    """What the open file descriptors point at (files, sockets, pipes, devices)."""
    targets: Counter[str] = Counter()
    folder = Path("/proc/self/fd")
    for fd in folder.iterdir() if folder.is_dir() else ():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        targets[re.sub(r"\[\d+\]$", "[...]", target)] += 1
    return targets


class Soak:
    """The run's bookkeeping: actions done, exceptions, RSS samples, descriptors."""

    def __init__(self, pilot, visitor, actions: int, seed: int, inject_fault: bool = False,
                 out=print):
        import psutil

        self.pilot, self.app, self.visitor = pilot, pilot.app, visitor
        self.total, self.seed, self.out = actions, seed, out
        self.fault_at = actions // 2 if inject_fault else None
        self.process = psutil.Process()
        self.done = 0
        self.seconds: Counter[str] = Counter()  # wall time spent in each kind of action
        self.errors: list[tuple[str, str, str]] = []  # (where, last line, traceback)
        #: (actions done, RSS MiB, RSS MiB once tidied as between visitors, fds, threads, rate)
        self.samples: list[tuple[int, float, float, int, int, float]] = []
        self.restarts = 0
        self.drawn_frames = 0
        self._last_report = (0, time.monotonic())

    def record(self, error: BaseException, where: str) -> None:
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        self.errors.append((where, last, text))
        self.out(f"UNHANDLED EXCEPTION #{len(self.errors)} ({where}, action {self.done}): {last}")
        if len(self.errors) <= TRACEBACKS_SHOWN:
            self.out("  the last actions before it: " + " | ".join(self.visitor.recent))

    def would_restart(self) -> None:
        """The app's fault guard asks for a restart (too many faults): noted, not done."""
        self.restarts += 1
        self.out(f"RESTART the kiosk would restart itself now (action {self.done}): "
                 "too many faults in a short time")

    def sample(self) -> None:
        from kiosk.memory import tidy

        rss = _mib(self.process.memory_info().rss)
        # What is kept: RSS once the kiosk has tidied as it does between visitors (garbage
        # collected, free heap given back); raw RSS climbs and falls with both.
        tidy()
        kept = _mib(self.process.memory_info().rss)
        now = time.monotonic()
        done0, t0 = self._last_report
        rate = (self.done - done0) / (now - t0) if now > t0 and self.done > done0 else 0.0
        self._last_report = (self.done, now)
        fds, threads = self.process.num_fds(), threading.active_count()
        self.samples.append((self.done, rss, kept, fds, threads, rate))
        self.out(f"actions {self.done}/{self.total}: rss {rss:.1f} MB, kept {kept:.1f} MB, "
                 f"fds {fds}, threads {threads}, {rate:.1f} actions/s, "
                 f"screen {self.app.screens.current}, errors {len(self.errors)}")

    def run(self) -> dict:
        """Play every action; returns what the run found (the RESULT line's fields)."""
        from kiosk.memory import tidy

        fds_start, targets_start = self.process.num_fds(), fd_targets()
        threads_start = threading.active_count()
        self.out(f"open file descriptors at start: {fds_start}")
        started = time.monotonic()
        self._last_report = (0, started)
        self.sample()
        counting = _count_frames(self)
        while self.done < self.total:
            self.visitor.done = self.done
            began = time.monotonic()
            if self.fault_at is not None and self.done == self.fault_at:
                self.fault_at = None
                script = self.visitor.fault()
            else:
                script = self.visitor.next_action()
            try:
                self.pilot.run(script)
            except Exception as error:  # noqa: BLE001 - counted, then the soak goes on
                self.record(error, f"in action {self.done + 1}, {self.visitor.kind}")
                self.visitor.lift_touches(self.record)
                self._as_the_kiosk_would(error)
            self.seconds[self.visitor.kind] += time.monotonic() - began
            self.done += 1
            if self.done % REPORT_EVERY == 0 or self.done == self.total:
                self.sample()
        seconds = time.monotonic() - started
        counting()
        fds_end, grown = self.process.num_fds(), fd_targets() - targets_start
        threads_end = threading.active_count()
        tidy()  # what is really kept, once tidied as between visitors (kiosk.memory)
        collected = _mib(self.process.memory_info().rss)
        return {
            "actions": self.done, "planned": self.total, "seed": self.seed,
            "seconds": round(seconds, 2),
            "rate": round(self.done / seconds, 2) if seconds > 0 else 0.0,
            "drawn_frames": self.drawn_frames,
            "kinds": {k: self.visitor.kinds[k] for k in WEIGHTS},
            "kind_seconds": {k: round(v, 2) for k, v in self.seconds.items()},
            "fds_start": fds_start, "fds_end": fds_end,
            "grown_fds": ", ".join(f"{t} x{n}" for t, n in grown.most_common(8)),
            "threads_start": threads_start, "threads_end": threads_end,
            "restarts": self.restarts, "errors": len(self.errors),
            "samples": [{"actions": n, "rss_mb": round(rss, 1), "kept_mb": round(kept, 1),
                         "fds": fds, "threads": threads, "rate": round(rate, 2)}
                        for n, rss, kept, fds, threads, rate in self.samples],
            "rss_end": round(self.samples[-1][1], 1), "rss_collected": round(collected, 1),
            "growth_mb": round(self.growth(), 1),
        }

    def growth(self) -> float:
        """Growth of what is kept (RSS once tidied), from the first sample after the
        warm-up (the start, for short runs) to the last one."""
        start = next((kept for n, _rss, kept, *_ in self.samples if n >= WARM_UP), None)
        if self.total < WARM_UP or start is None:
            start = self.samples[0][2]
        return self.samples[-1][2] - start

    def _as_the_kiosk_would(self, error: Exception) -> None:
        """In the kiosk this error would have reached Kivy's loop: let the app's fault
        guard recover the screen, as it would there."""
        try:
            self.app.fault_guard.handle_exception(error)
        except Exception as failure:  # noqa: BLE001
            self.record(failure, "the app's fault guard")


def _count_frames(soak: Soak):
    """Count the frames drawn (Kivy draws one only when something changed); returns the
    function that stops counting."""
    from kivy.core.window import Window

    def count(*_args):
        soak.drawn_frames += 1

    Window.bind(on_flip=count)
    return lambda: Window.unbind(on_flip=count)


def _install_handlers(soak: Soak):
    """Count exceptions that reach Kivy's event loop, and those that end a thread."""
    from kivy.base import ExceptionHandler, ExceptionManager

    class Recorder(ExceptionHandler):
        def handle_exception(self, inst):
            if isinstance(inst, (KeyboardInterrupt, SystemExit)):
                return ExceptionManager.RAISE
            soak.record(inst, "Kivy event loop")
            return ExceptionManager.PASS

    recorder = Recorder()
    ExceptionManager.add_handler(recorder)
    previous_hook = threading.excepthook

    def thread_hook(args):
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            soak.record(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")

    threading.excepthook = thread_hook

    def uninstall():
        ExceptionManager.remove_handler(recorder)
        threading.excepthook = previous_hook

    return uninstall


def run_soak(content_dir: Path, data_dir: Path | None, actions: int, seed: int = 1,
             inject_fault: bool = False) -> int:
    if actions < 1:
        print("--actions must be at least 1", file=sys.stderr)
        return 2
    temporary = None
    if data_dir is None:
        temporary = tempfile.mkdtemp(prefix="kiosk-soak-")
        data_dir = Path(temporary)
    try:
        from kiosk.paths import ensure_data_dir

        return _run(content_dir, ensure_data_dir(data_dir), actions, seed, inject_fault)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _run(content_dir: Path, data_dir: Path, actions: int, seed: int, inject_fault: bool) -> int:
    from kiosk.ui.bootstrap import prepare_kivy

    prepare_kivy(data_dir, windowed=True)
    from kiosk.ui.pilot import FakeClock, Pilot, finish_every_frame, open_audio

    backend = open_audio()
    if backend is None:
        print("PROBLEM: audio cannot be opened even without a sound device.")
        return 1
    from kiosk.narration import NarrationPlayer
    from kiosk.ui.launch import build_app

    hooks = {}
    clock = FakeClock(time.monotonic())
    # The fault guard's restart (it execs the process anew) is noted instead: the soak
    # counts the faults that led to it and goes on.
    app = build_app(content_dir, data_dir, player=NarrationPlayer(backend, clock=clock),
                    watch=False, count_visits=False, transition_duration=0,
                    start_screen="attract", clock=clock, restart=lambda: hooks["restart"]())
    if app.tour is None:
        print("the soak stopped: stops.yaml has problems and there is no earlier good tour "
              "(run `python main.py check`).")
        return 1
    print(f"soak: {actions} random visitor actions on {content_dir} "
          f"({len(app.tour.stops)} stops), seed {seed}"
          + (" [--inject-fault: one fault will be injected]" if inject_fault else ""),
          flush=True)
    finish_every_frame()
    pilot = Pilot.start(app, clock)
    soak = Soak(pilot, RandomVisitor(pilot, seed), actions, seed, inject_fault=inject_fault,
                out=lambda line: print(line, flush=True))
    hooks["restart"] = soak.would_restart
    uninstall = _install_handlers(soak)
    try:
        result = soak.run()
    finally:
        uninstall()
    app.stop()
    return _report(soak, result)


def _report(soak: Soak, r: dict) -> int:
    from ._common import emit

    out = print
    out("")
    out(f"soak: {r['actions']} actions in {r['seconds']:.1f} s ({r['rate']:.1f} actions/s), "
        f"seed {r['seed']}; {r['drawn_frames']} frames drawn")
    out("actions by kind (count, seconds): " + ", ".join(
        f"{k} {n} ({r['kind_seconds'].get(k, 0):.0f} s)" for k, n in r["kinds"].items()))
    out(f"open file descriptors: {r['fds_start']} at start, {r['fds_end']} at end "
        f"({r['fds_end'] - r['fds_start']:+d})")
    if r["grown_fds"]:
        out(f"  opened and still open at the end: {r['grown_fds']}")
    out(f"threads: {r['threads_start']} at start, {r['threads_end']} at end")
    if r["restarts"]:
        out(f"the kiosk's fault guard would have restarted it {r['restarts']} time(s)")
    if soak.errors:
        out(f"\nThe first {min(TRACEBACKS_SHOWN, len(soak.errors))} traceback(s):")
        for number, (where, _last, text) in enumerate(soak.errors[:TRACEBACKS_SHOWN], 1):
            out(f"\n--- #{number}, {where}:\n{text.rstrip()}")
        rest = Counter(last for _where, last, _text in soak.errors[TRACEBACKS_SHOWN:])
        for last, count in rest.most_common():
            out(f"  and {count} more: {last}")
        out("")
    out(f"unhandled exceptions: {r['errors']}")
    out(f"rss at the end: {r['rss_end']:.1f} MB, once tidied: {r['rss_collected']:.1f} MB")
    sys.stdout.flush()
    emit(r)
    out(f"rss growth: {r['growth_mb']:.1f} MB over {r['actions']} actions")
    sys.stdout.flush()
    return 1 if r["errors"] or r["actions"] < r["planned"] else 0


def build_parser() -> argparse.ArgumentParser:
    from kiosk.paths import default_content_dir

    parser = argparse.ArgumentParser(
        prog="python -m bench.soak",
        description="soak test: the real kiosk, offscreen, under N random visitor actions")
    parser.add_argument("--content", type=Path, default=default_content_dir(), metavar="DIR",
                        help="folder holding stops.yaml and its assets (default: %(default)s)")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="the kiosk's data folder for the run (default: a temporary "
                             "folder, removed at the end)")
    parser.add_argument("--actions", type=int, default=1000, metavar="N",
                        help="how many random actions (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1, metavar="S",
                        help="seed of the random choices (default: %(default)s)")
    # For testing the soak itself (tests/test_soak.py), not the kiosk: one action makes
    # a Kivy callback raise; the run must count exactly that one exception and exit 1.
    parser.add_argument("--inject-fault", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    from kiosk.data_folder import DataFolderError, writable_data_dir

    if args.data is not None:
        try:
            writable_data_dir(args.data)
        except DataFolderError as problem:  # one clear line, never a traceback
            print(problem, file=sys.stderr)
            return 1
    return run_soak(args.content, args.data, args.actions, seed=args.seed,
                    inject_fault=args.inject_fault)


if __name__ == "__main__":
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    sys.exit(main())
