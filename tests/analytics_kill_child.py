"""Run by tests/unit/test_analytics_kill.py: record and flush visit events until killed.

    python tests/analytics_kill_child.py DATA_DIR SEED

Prints "ready" once the log is open, then "flushed N" after every flush that returned
(N: events written by this process so far, all of them on disk by then).
"""

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.analytics import EventLog  # noqa: E402

NOON = dt.datetime(2025, 6, 15, 12).timestamp()  # one month: no rotation mid-test


def main(data: str, seed: str) -> None:
    rng = random.Random(int(seed))
    # small parts: kills also land while a part fills up and the next one starts
    log = EventLog(Path(data), clock=lambda: NOON, part_size=400)
    for problem in log.problems:
        print("problem", problem, flush=True)
    print("ready", flush=True)
    total = 0
    while True:
        for _ in range(rng.randint(1, 60)):
            log.record("stop_open", stop=f"hall-{rng.randint(1, 30)}", how="keypad")
        total += log.flush()
        print(f"flushed {total}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
