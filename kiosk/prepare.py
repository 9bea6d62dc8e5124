"""`python main.py prepare`: make the display-size copies of every picture ahead of time.

The kiosk also does this by itself in the background at start and on every reload; this
command lets staff do it before opening (a progress bar on stderr), and tells them which
pictures cannot be read. No Kivy here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .media import PreparedMedia, tour_pictures

CACHE_FOLDER = "media-cache"


def media_cache_dir(data_dir: Path) -> Path:
    """Where the prepared copies are kept: ``DATA/media-cache``."""
    return Path(data_dir) / CACHE_FOLDER


def run_prepare(content_dir: Path, data_dir: Path, out=print, err=sys.stderr) -> int:
    from .content import read_tour

    found = read_tour(content_dir)
    tour, problems, errors = found.tour, found.problems, found.errors
    if errors or tour is None:
        for problem in problems:
            out(str(problem))
        out(f"\n{len(errors)} error(s): stops.yaml cannot be loaded, so there is nothing to "
            "prepare. Fix the lines above (python main.py check shows them too), then run "
            "prepare again.")
        return 1
    pictures = tour_pictures(tour)
    cache = media_cache_dir(data_dir)
    media = PreparedMedia(cache)
    out(f"Preparing {len(pictures)} picture(s) of {len(tour.stops)} stops into {cache}")

    from tqdm import tqdm

    with tqdm(total=len(pictures), unit="picture", file=err, dynamic_ncols=True,
              desc="prepare", disable=False) as bar:
        def progress(done: int, total: int, path: Path) -> None:
            bar.set_postfix_str(path.name[-40:], refresh=False)
            bar.update(1)

        report = media.prepare(pictures, progress=progress)
    if not report.cancelled and not report.failed:
        # Keep the cache to this tour's pictures (only after a complete, clean run).
        removed = media.prune(report.hashes)
    else:
        removed = 0
    rate = report.total / report.seconds if report.seconds > 0 else 0.0
    out(f"{len(report.prepared)} prepared, {len(report.ready)} already ready, "
        f"{len(report.failed)} failed ({report.seconds:.1f} s, {rate:.1f} pictures/s)"
        + (f"; {removed} old cache file(s) removed" if removed else "") + ".")
    for path in report.remade:
        try:
            shown = path.relative_to(tour.root)
        except ValueError:
            shown = path
        out(f"made again: {shown}: its prepared copy was damaged or had been changed")
    for path, reason in report.failed:
        try:
            shown = path.relative_to(tour.root)
        except ValueError:
            shown = path
        out(f"failed: {shown}: {reason}")
    if report.failed:
        out("The kiosk shows a failed picture from its original file, if it can read it at "
            "all. Replace the files above, then run prepare again.")
        return 1
    return 0
