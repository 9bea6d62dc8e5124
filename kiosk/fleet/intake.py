"""A kiosk takes a new version of the tour only when it is whole and passes `check`.

The tour arrives (by Syncthing, receive-only) in a staging folder beside the kiosk's live
content folder. :func:`take_staged` looks at it: while a file is still on its way
(Syncthing's ``.syncthing.*.tmp`` files) nothing is done; a version with mistakes is
refused and the live tour is left as it is; a version that passes `check` (every file the
tour names there, every recording and picture readable) is copied into the live folder,
each file through a temporary name and an atomic rename, the pictures and recordings
first and stops.yaml last, so the kiosk's live reload never meets a tour whose files have
not all arrived; recordings and pictures the new version no longer has are removed after
it.

A look that takes or refuses a version writes the kiosk's verdict as JSON (``verdict_file``,
in the kiosk's own send-only folder, so the staff computer sees every kiosk's): which
version it shows, and the last version it refused with the mistakes. A look that finds
nothing new, or a version still arriving, leaves the file as it is, so Syncthing has
nothing to send. No Kivy here.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..atomic import write_bytes_atomically

#: Syncthing's own files and folders in a synced folder: never part of the tour.
SYNC_FILES = (".stfolder", ".stignore", ".stversions")
#: A file Syncthing is still writing.
IN_TRANSIT = (".syncthing.", ".tmp")


@dataclass
class Verdict:
    """What a kiosk made of the staged version."""

    #: "taken", "refused", "waiting" (files still arriving), "same" (nothing new) or "empty".
    outcome: str
    #: The staged stops.yaml's SHA-256 (first 16 hex digits), "" without one.
    version: str = ""
    #: The version the kiosk shows after this look (its live stops.yaml's).
    showing: str = ""
    #: The mistakes that refused it, as `check` words them.
    problems: list[str] = field(default_factory=list)
    files_copied: int = 0
    files_removed: int = 0
    when: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


def tour_files(folder: Path) -> list[Path]:
    """Every file of the tour in ``folder``, relative, without Syncthing's own."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] in SYNC_FILES or not path.is_file():
            continue
        found.append(rel)
    return found


def in_transit(folder: Path) -> bool:
    """A file of ``folder`` is still being written by Syncthing."""
    return any(p.name.startswith(IN_TRANSIT[0]) and p.name.endswith(IN_TRANSIT[1])
               for p in folder.rglob("*"))


def version_of(folder: Path) -> str:
    stops = folder / "stops.yaml"
    if not stops.is_file():
        return ""
    return hashlib.sha256(stops.read_bytes()).hexdigest()[:16]


def take_staged(staging: Path, live: Path, *verdict_files: Path) -> Verdict:
    """Look at ``staging`` once: take it into ``live``, refuse it, or wait; a verdict that
    takes or refuses is written to each of ``verdict_files``."""
    verdict = _judge(Path(staging), Path(live))
    verdict.showing = version_of(Path(live))
    verdict.when = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if verdict.outcome in ("taken", "refused"):
        for path in verdict_files:
            _record(verdict, Path(path))
    return verdict


def read_verdict(path: Path) -> Verdict | None:
    """The verdict a kiosk last wrote, or None (no file yet, or not one of ours)."""
    try:
        said = json.loads(Path(path).read_text(encoding="utf-8"))
        return Verdict(**{k: said[k] for k in Verdict.__dataclass_fields__ if k in said})
    except (OSError, ValueError, TypeError):
        return None


def _record(verdict: Verdict, path: Path) -> None:
    """Write ``verdict`` unless the file already says the same (but for the time)."""
    before = read_verdict(path)
    if before is not None and (before.outcome, before.version, before.showing,
                               before.problems) == (verdict.outcome, verdict.version,
                                                    verdict.showing, verdict.problems):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(path, verdict.to_json().encode("utf-8"))


def _judge(staging: Path, live: Path) -> Verdict:
    if not (staging / "stops.yaml").is_file():
        return Verdict("empty")
    if in_transit(staging):
        return Verdict("waiting", version_of(staging))
    version = version_of(staging)
    wanted = tour_files(staging)
    if (live / "stops.yaml").is_file() and all(
            (live / rel).is_file() and filecmp.cmp(staging / rel, live / rel, shallow=False)
            for rel in wanted) and set(tour_files(live)) <= set(wanted):
        return Verdict("same", version)
    from ..check import check_content
    from ..content.errors import Severity

    report = check_content(staging)
    errors = [str(p) for p in report.problems if p.severity is Severity.error]
    if errors or report.found.tour is None:
        return Verdict("refused", version, problems=errors or ["stops.yaml cannot be read"])
    copied = _copy_in(staging, live, wanted)
    removed = _remove_gone(live, set(wanted))
    return Verdict("taken", version, files_copied=copied, files_removed=removed)


def _copy_in(staging: Path, live: Path, wanted: list[Path]) -> int:
    """Every changed file into ``live``, stops.yaml last; each appears whole at once."""
    copied = 0
    for rel in sorted(wanted, key=lambda r: r == Path("stops.yaml")):
        source, target = staging / rel, live / rel
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.intake")
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
        copied += 1
    return copied


def _remove_gone(live: Path, wanted: set[Path]) -> int:
    """Recordings and pictures the new version no longer names (only under assets/: the
    live folder may hold more than the tour)."""
    removed = 0
    for rel in tour_files(live):
        if rel.parts[0] == "assets" and rel not in wanted:
            (live / rel).unlink()
            removed += 1
    return removed
