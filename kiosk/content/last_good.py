"""The last stops.yaml that loaded cleanly, kept in the data folder.

When staff save a broken stops.yaml, the running kiosk keeps its tour; this copy lets a
kiosk that restarts after the broken edit (power cut, nightly reboot) still serve it:

    DATA/last-good/stops.yaml    the text, exactly as it loaded
    DATA/last-good/stored.json   {"saved_at": ..., "sha256": ..., "source": ...}
    DATA/last-good/home-card.json  what the first screen shows (kiosk.content.card)

Both are written to a temporary file, flushed and renamed into place. The copy is read
as if it were the content folder's stops.yaml: paths in it still resolve against the
content folder. Nothing here raises on a missing, damaged or unwritable copy.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_bytes_atomically
from ..files import read_regular_file
from . import limits
from .card import CARD_FILE, HomeCard, read_card, text_sha256, write_card
from .errors import Problem, Severity
from .formats import TOUR_FILE

if TYPE_CHECKING:  # the reader and the model are imported when a tour is read
    from .tour import Tour

log = logging.getLogger(__name__)

FOLDER = "last-good"
META = "stored.json"


class LastGoodTour:
    """The last good stops.yaml, kept in ``data_dir/last-good/``."""

    def __init__(self, data_dir: str | Path):
        self.folder = Path(data_dir) / FOLDER
        self.text_path = self.folder / TOUR_FILE
        self.meta_path = self.folder / META
        self.card_path = self.folder / CARD_FILE

    def remember(self, content_dir: str | Path, text: str | None = None) -> bool:
        """Keep ``text`` (default: the content folder's stops.yaml, read now) as the last
        good tour, if it loads cleanly. Returns whether the kept copy is now that text.

        Pass the text the kiosk just parsed, if it has it: the file may have been saved
        again since. Without it, the file is read and checked again before it is kept,
        so a broken save in between is never kept. Never raises.
        """
        root = Path(content_dir).resolve()
        if text is None:
            try:
                text = read_regular_file(root / TOUR_FILE,
                                         limits.TOUR_FILE_BYTES).decode("utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                log.warning("last good tour not kept: %s", error)
                return False
        from .loader import read_tour_text

        data = text.encode("utf-8")
        sha = hashlib.sha256(data).hexdigest()
        if self._stored_sha() == sha and self.text_path.is_file():
            # kept already (it loaded cleanly then): no second parse, no write, unless
            # its home card is missing (kept by an older kiosk, or lost)
            card = read_card(self.card_path)
            if card is None or card.sha256 != sha:
                tour = read_tour_text(text, root, check_files=False).tour
                if tour is not None:
                    write_card(self.card_path, HomeCard.of(tour, sha))
            return True
        tour = read_tour_text(text, root, check_files=True).tour
        if tour is None:
            log.warning("last good tour not kept: the text does not load cleanly")
            return False
        meta = json.dumps({"saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                           "sha256": sha, "source": str(root / TOUR_FILE)}, indent=1)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_bytes_atomically(self.text_path, data)
            write_bytes_atomically(self.meta_path, meta.encode("utf-8"))
        except OSError as error:
            log.warning("last good tour not kept in %s: %s", self.folder, error)
            return False
        write_card(self.card_path, HomeCard.of(tour, sha))
        return True

    def start_card(self, content_dir: str | Path) -> HomeCard | None:
        """The home card, if the content folder's stops.yaml is still exactly the text it
        was made from; else None (the kiosk reads the tour before its first frame)."""
        card = read_card(self.card_path)
        if card is None or card.sha256 != text_sha256(content_dir):
            return None
        return card

    def load(self, content_dir: str | Path) -> tuple[Tour | None, list[Problem]]:
        """The kept tour, with its paths resolved against ``content_dir``.

        (None, problems) if nothing is kept, or the kept copy is unreadable or damaged.
        A picture or recording named in it that has since gone from the content folder is
        reported as a warning, not refused: the last good tour with one missing picture is
        better than no tour.
        """
        from .loader import read_tour_text

        root = Path(content_dir).resolve()
        where = str(self.text_path)
        try:
            data = self.text_path.read_bytes()
        except FileNotFoundError:
            return None, [Problem(where, 1, 1, "no last good tour is kept yet")]
        except OSError as error:
            return None, [Problem(where, 1, 1, f"the last good tour cannot be read "
                                  f"({error.strerror or error})")]
        stored = self._stored_sha()
        if stored is None or stored != hashlib.sha256(data).hexdigest():
            return None, [Problem(where, 1, 1, "the last good tour is damaged (it does not "
                                  f"match {META}); it is not used")]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None, [Problem(where, 1, 1, "the last good tour is damaged (not UTF-8)")]
        try:
            found = read_tour_text(text, root, check_files=True)
            tour, problems = found.tour, found.problems
            if tour is None:
                lenient = read_tour_text(text, root, check_files=False)
                lenient, problems_lenient = lenient.tour, lenient.problems
                if lenient is not None:
                    file_problems = [p for p in problems if p not in problems_lenient]
                    tour = lenient
                    problems = problems_lenient + [
                        dataclasses.replace(p, severity=Severity.warning) for p in file_problems]
        except Exception as error:  # a damaged copy must never stop the kiosk
            log.exception("last good tour unreadable")
            return None, [Problem(where, 1, 1, f"the last good tour cannot be read ({error})")]
        return tour, [dataclasses.replace(p, file=where) for p in problems]

    def info(self) -> dict | None:
        """What ``stored.json`` says (saved_at, sha256, source), or None."""
        try:
            meta = json.loads(self.meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) else None

    def _stored_sha(self) -> str | None:
        meta = self.info()
        sha = meta.get("sha256") if meta else None
        return sha if isinstance(sha, str) else None
