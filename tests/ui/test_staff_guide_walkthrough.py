"""The staff guide, followed to the letter: add a stop with a new recording and a camera
photograph, see it on the running kiosk without a restart, and recover from a typo using
only what `check` printed."""

import re
import textwrap
from pathlib import Path

from kiosk.check import run_check
from samples import captions, make_tour, tone
from tests.ui.conftest import TOUR_SECONDS

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "staff-guide.md"


def guide_example() -> str:
    """The stops.yaml entry that the guide's "Add a stop" section tells staff to add."""
    section = GUIDE.read_text(encoding="utf-8").split("## Add a stop", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    return textwrap.dedent(block)


def test_a_stop_added_as_the_guide_says_appears_without_a_restart(kiosk, tmp_path):  # noqa: F811
    from samples import make_photo

    content = make_tour(tmp_path / "c", stops=2, seconds=TOUR_SECONDS)
    pilot = kiosk(content)
    # Step 1 of the guide: the files, named after the stop's id.
    for language in ("kk", "ru", "en"):
        tone(content / f"assets/audio/{language}/barrack.ogg", 4.0)
        captions(content / f"assets/audio/{language}/barrack.vtt", 4.0, language)
    make_photo(content / "assets/images/barrack-1.jpg", orientation=6)  # 24 MP, turned
    # Step 2: the entry, pasted at the end of the stops (the guide's example, as written).
    entry = guide_example()
    with open(content / "stops.yaml", "a", encoding="utf-8") as tour_file:
        tour_file.write(entry)
    # Step 3: check.
    printed = []
    assert run_check(content, out=printed.append) == 0, "\n".join(printed)

    pilot.app.reload_tour()  # what the watcher does within two seconds of the save
    assert pilot.app.media.wait_idle(timeout=60)  # the display copy is made in the background
    pilot.tap("lang_en")
    pilot.tap("keypad")
    for digit in "113":
        pilot.tap(f"key_{digit}")
    assert pilot.text("title") == "The barrack and the watchtowers"
    picture = pilot.find("pictures").current_slide
    assert "media-cache" in picture.source  # the prepared copy, not the 24 MP original
    assert picture.texture.height > picture.texture.width  # upright: EXIF rotation applied
    pilot.tap("back")
    assert pilot.tile("barrack").title == "The barrack and the watchtowers"

    # A typo; `check` says where and what to do; the fix follows its words.
    text = (content / "stops.yaml").read_text(encoding="utf-8")
    (content / "stops.yaml").write_text(text.replace("  kind: building", "  kind: buildin"),
                                        encoding="utf-8")
    printed = []
    assert run_check(content, out=printed.append) == 1
    message = next(line for line in printed if "buildin" in line)
    line = int(message.split(":")[1])
    assert "kind: buildin" in (content / "stops.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    pilot.app.reload_tour()
    assert pilot.app.content_notice  # the kiosk kept its tour and shows staff the dot
    suggestion = re.search(r"use one of: ([a-z_, ]+)", message).group(1).split(", ")
    assert "building" in suggestion
    (content / "stops.yaml").write_text(text, encoding="utf-8")
    assert run_check(content, out=lambda _line: None) == 0
    pilot.app.reload_tour()
    assert not pilot.app.content_notice
