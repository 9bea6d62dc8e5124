"""Prepared media: how fast photographs are prepared, and what preparing saves on a stop.

Figures (Pillow side; no Kivy, no window):

- prepare throughput: 24-megapixel camera-like JPEGs (6000x4000, 7-10 MB) prepared per
  second by ``PreparedMedia.prepare`` (hash, draft decode, EXIF turn, resize, two JPEG
  writes with fsync), into an empty cache each run. Floor: the same files fully decoded
  by Pillow (``Image.open().load()``), per second: what any viewer pays once per showing.
- time to show a 24-megapixel photograph on a stop, without and with preparation: Pillow
  decodes the file and hands over its pixels (``tobytes()``, the copy a texture upload
  takes), for the original and for its prepared display copy, alternately; and the ratio.
  The Kivy side (the same files through kivy.core.image and a texture) is measured by the
  UI's bench with the same camera-like photographs (``samples.make_photo``).
- the look-up ``display_path`` does on the UI thread, in microseconds.

Files are read from the page cache (just written); on the kiosk after a reboot the
original's 8 MB also come off the disk, which only widens the gap.

    python -m bench.media_bench [--quick]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

if __package__ in (None, ""):  # run as a script: make `kiosk` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import figure  # noqa: E402
from kiosk.media import PreparedMedia  # noqa: E402
from samples import make_photo  # noqa: E402

#: (photographs, prepare runs, show runs each): full and quick.
FULL = (4, 3, 15)
QUICK = (1, 1, 1)


def _full_decode(path: Path) -> None:
    with Image.open(path) as image:
        image.load()


def _show(path: Path) -> float:
    """Seconds to decode ``path`` and take its pixels, as a texture upload would."""
    began = time.perf_counter()
    with Image.open(path) as image:
        image.load()
        pixels = image.tobytes()
    elapsed = time.perf_counter() - began
    del pixels
    return elapsed


def measure(quick: bool) -> list[dict]:
    """The figures above; quick: one photograph, one run of each."""
    photos, prepare_runs, show_runs = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="kiosk-media-bench-") as tmp:
        root = Path(tmp)
        originals = [make_photo(root / "originals" / f"photo-{n + 1}.jpg", seed=n,
                                orientation=6 if n % 2 else None) for n in range(photos)]
        sizes_mb = [p.stat().st_size / 1e6 for p in originals]

        # 1. Prepare throughput, each run into an empty cache, beside a full decode.
        rates, floor_rates, per_photo_ms = [], [], []
        for run in range(prepare_runs):
            began = time.perf_counter()
            for path in originals:
                _full_decode(path)
            floor_rates.append(len(originals) / (time.perf_counter() - began))
            media = PreparedMedia(root / f"cache-{run}")
            report = media.prepare(originals)
            if report.failed or len(report.prepared) != len(originals):
                raise RuntimeError(f"prepare did not prepare every photograph: {report}")
            rates.append(len(originals) / report.seconds)
            per_photo_ms.append(report.seconds / len(originals) * 1000)
        again = media.prepare(originals)  # the second run: nothing to do
        rate = statistics.median(rates)
        floor_rate = statistics.median(floor_rates)

        # 2. Showing one: the original vs its prepared copy, alternately.
        original = originals[0]
        prepared = media.display_path(original)
        assert prepared != original
        with Image.open(original) as a, Image.open(prepared) as b:
            original_size, prepared_size = a.size, b.size
        prepared_mb = prepared.stat().st_size / 1e6
        _show(original), _show(prepared)  # warm-up: file cache, Pillow's plugins
        raw, ready = [], []
        for _ in range(show_runs):
            raw.append(_show(original) * 1000)
            ready.append(_show(prepared) * 1000)
        raw_ms, ready_ms = statistics.median(raw), statistics.median(ready)

        # 3. The look-up the UI does for every picture it shows.
        lookups = 2000
        lookup_runs, stat_runs = [], []

        def per_call_us(call) -> float:
            began = time.perf_counter()
            for _ in range(lookups):
                call(original)
            return (time.perf_counter() - began) / lookups * 1e6

        for _ in range(5):  # alternately with its floor: os.stat of the same file alone
            stat_runs.append(per_call_us(os.stat))
            lookup_runs.append(per_call_us(media.display_path))
        lookup_us, stat_us = statistics.median(lookup_runs), statistics.median(stat_runs)

    photo_text = (f"{len(originals)} camera-like 6000x4000 JPEGs (quality 92, "
                  f"{min(sizes_mb):.1f}-{max(sizes_mb):.1f} MB; every second one EXIF-rotated)")
    prepare_note = (f"{photo_text} prepared into an empty cache: hash, draft decode, upright, "
                    f"Lanczos to fit 1920x1200, display copy and 640x400 thumbnail written "
                    f"with fsync. Median of {prepare_runs} run(s); "
                    f"{statistics.median(per_photo_ms):.0f} ms a photograph; all runs "
                    f"{[round(r, 2) for r in rates]}. Floor: a plain full-size Pillow decode "
                    f"of the same files, per second (runs "
                    f"{[round(r, 2) for r in floor_rates]}). A second prepare of the same "
                    f"files took {again.seconds * 1000:.1f} ms in all (nothing to do).")
    lookup_note = (f"What the UI thread pays to learn which file to show (a stat and a "
                   f"dictionary look-up): median of 5 means of {lookups} calls, alternately "
                   f"with the floor, os.stat() of the same file alone. It never waits for "
                   f"preparing. Why the kiosk shows prepared copies: decoding the "
                   f"{original_size[0]}x{original_size[1]} original ({sizes_mb[0]:.1f} MB; "
                   f"Image.open + load + tobytes, "
                   f"{original_size[0] * original_size[1] * 3 / 2**20:.0f} MiB of pixels) "
                   f"took {raw_ms:.1f} ms, its {prepared_size[0]}x{prepared_size[1]} display "
                   f"copy ({prepared_mb:.2f} MB) {ready_ms:.1f} ms, {raw_ms / ready_ms:.1f} "
                   f"times less (medians of {show_runs}, alternately; original "
                   f"{[round(v, 1) for v in raw]}, copy {[round(v, 1) for v in ready]}). The "
                   f"Kivy side (kivy.core.image and a texture) is in the tile tap's figures.")
    return [
        figure("prepare: 24 MP photographs per second", round(rate, 2), "photos/s",
               floor=round(floor_rate, 2), runs=prepare_runs, notes=prepare_note),
        figure("display_path look-up", round(lookup_us, 2), "µs", floor=round(stat_us, 2),
               runs=5, notes=lookup_note),
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    figures = measure(quick="--quick" in argv)
    if "--json" in argv:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    for f in figures:
        floor = "" if f["floor"] is None else f"  (floor {f['floor']} {f['unit']})"
        print(f"{f['name']}: {f['value']} {f['unit']}{floor}  [{f['runs']} runs]")
        print(f"    {f['notes']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
