"""The machine's description, ``bench/results.json`` and ``docs/performance.md``."""

from __future__ import annotations

import datetime
import json
import os
import platform
from importlib.metadata import version
from pathlib import Path


def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = platform.platform()
    try:
        release = dict(line.split("=", 1) for line in
                       Path("/etc/os-release").read_text().splitlines() if "=" in line)
        system = f"{release['PRETTY_NAME'].strip(chr(34))} ({platform.release()})"
    except (OSError, KeyError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "kivy": version("Kivy"), "pygame": version("pygame"), "os": system,
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def code_version(repo: Path) -> dict:
    """The commit measured, and whether kiosk/ had uncommitted changes at the time."""
    import subprocess

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, capture_output=True,
                              text=True).stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD") or "unknown",
            "uncommitted_changes": bool(git("status", "--porcelain", "--", "kiosk"))}


def write_json(path: Path, results: dict) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def table(figures: list[dict]) -> str:
    rows = ["| Figure | Value | Floor | Goal | Meets | Runs |", "|---|---|---|---|---|---|"]
    for f in figures:
        unit = f" {f['unit']}"
        floor = "–" if f["floor"] is None else _cell(f["floor"]) + unit
        rows.append(f"| {f['name']} | {_cell(f['value'])}{unit} | {floor} | "
                    f"{_cell(f['goal'])} | {_cell(f['meets'])} | {f['runs']} |")
    return "\n".join(rows)


def soak_table(figures: list[dict]) -> str:
    rows = ["| Figure | Value | Goal | Meets |", "|---|---|---|---|"]
    for f in figures:
        rows.append(f"| {f['name']} | {_cell(f['value'])} {f['unit']} | {_cell(f['goal'])} | "
                    f"{_cell(f['meets'])} |")
    return "\n".join(rows)


def _soak_text(soak: list[dict]) -> str:
    if not soak:
        return ""
    notes = "\n".join(f"- **{f['name']}**: {f['notes']}" for f in soak)
    return ("\n## Soak\n\nThe soak (`python -m bench.soak`, read by bench/monkey_bench.py) measures "
            "no speed, so it has no floor: what counts is that nothing escapes and nothing "
            "grows over hours of use. Its RSS curve is in [soak.md](soak.md).\n\n"
            f"{soak_table(soak)}\n\n{notes}\n")


INTRO = """\
# Performance

Benchmarks of the kiosk on the real stack: the real app in a real offscreen window
(`SDL_VIDEODRIVER=offscreen`, 1280x800), real pygame decoding to SDL's silent `dummy`
audio driver. Run from the repository root:

    .venv/bin/python -m bench                # full run (10-15 min): writes bench/results.json
                                             # and this file
    .venv/bin/python -m bench --quick        # every figure at a tiny size (CI, ~1.5 min):
                                             # writes nothing unless --json / --markdown
    .venv/bin/python -m bench --content DIR  # another tour (default: the demo tour here)
    .venv/bin/python -m bench --synthetic    # a generated 13-stop tour (samples.make_tour)

The machines are shared and noisy, so every figure stands beside a **floor** measured in
the same run on the same machine: read the kiosk's cost as the distance from its floor.
Offscreen, OpenGL is Mesa's **llvmpipe**: the GPU's work is done in software, on the same
two cores as the app. A frame's pixels are drawn by llvmpipe's threads after the buffer
swap returns, so wherever a figure ends on a frame, the bench waits for it with
`glFinish` (the frame really drawn), and its floor does the same.
"""

#: A short method paragraph per figure, in the table's order (name prefix -> text).
METHODS = (
    ("Process start to first frame",
     "**Process start to first frame of home.** A fresh Python process starts the kiosk as "
     "`python main.py run` does (on its home screen) and reports its first frame, drawn; "
     "timed in the parent from just before spawning. Floor: the same for a Kivy app made "
     "of one Label with the same window. Medians of several runs, alternating with the "
     "floor. Goal: at most 1.5 times the floor. The kiosk starts as on any morning, on the "
     "tour it showed last: its home card (`kiosk/content/card.py`) draws the first screen "
     "and the tour is read in the frame after. Beside it, with no goal, the start just "
     "after staff edited stops.yaml (no card: the tour read before the first frame)."),
    ("CPU a minute, idle kiosk",
     "**CPU a minute, idle kiosk.** Under an X server of its own (Xvfb, 1920x1080, full "
     "screen), in Kivy's own loop, once the kiosk has finished starting: the CPU time of the "
     "whole process (every thread; Mesa's llvmpipe draws in threads of its own) over a "
     "minute on the attract screen, on the home screen, and on a stop with its narration "
     "playing and captions on. Floor: a bare Kivy app showing one of the tour's pictures, "
     "still, full screen, the same way. Goals: the idle screens at most 3 CPU-s a minute "
     "above the floor, the playing narration at most 10. Before this round the attract "
     "screen used 36.7 and the playing stop 22.7 (a cross-fade of three full-screen layers "
     "at 60 frames a second, a knob moving twice a second, and the story area moving at "
     "each sentence, relighting its scroll bar for a fade of many frames)."),
    ("Tour edit on the staff computer",
     "**Tour edit on the staff computer to the new tour on the kiosks.** Three real Syncthing "
     "daemons on 127.0.0.1 (the staff computer and two kiosks, configured as "
     "`fleet-setup` does it), each kiosk with its real fleet service (`main.py fleet-round`) "
     "and the kiosk's own live reload; a stop's title edited in the staff's stops.yaml, "
     "timed until both kiosks' reload holds it. Floor: Syncthing's own time for one small "
     "file, staff to both kiosks' staging folders, in the same run. What is above the floor "
     "is the kiosk's care: it waits for a second of quiet, checks the whole staged tour, "
     "copies it and reloads. No goal was set; a museum's edit shows within seconds."),
    ("Tap on play to the first sound",
     "**Tap on play to the first sound heard.** SDL's `disk` audio driver in place of a "
     "sound card writes what is played, in real time, to a file watched every millisecond; "
     "from touch_up on a stop's play button to the first sample above -40 dBFS. Floor: "
     "`pygame.mixer.music.load(f); play()` of the same file to its first audible sample, "
     "one just before each tap. Goal: p95 at most 20 ms above the floor's, and the "
     "recording's own leading silence at most 100 ms (the demo's were 335-382 ms before the "
     "generator trimmed them; `check` now warns of more than 300 ms)."),
    ("Tap on play to narration",
     "**Tap on play to narration playing.** A synthesised touch (`UnitTestTouch`) on a "
     "stop's play button; from touch_up until the audio backend is busy. Floor: a bare "
     "`pygame.mixer.music.load(f); play()` to `get_busy()` on the same file, in the same "
     "process, one just before each tap. p50 and p95. Goal: p95 at most 20 ms above the "
     "floor's."),
    ("Tile tap",
     "**Tap on a stop's tile to its picture on screen.** Every picture prepared (the "
     "display copies and thumbnails a running kiosk uses). A touch on a tile of the tour "
     "screen, scrolled into view (touch_down, one frame, touch_up); from touch_up to the "
     "first frame showing the stop with its picture once the screen change has ended, "
     "drawn (what the visitor waits for): with a cut (the kiosk's choice where the CPU "
     "draws) and with the 0.3 s fade (its choice with a GPU), interleaved. Each buffer "
     "swap is followed by glFinish, so a frame is drawn before the next begins, as on a "
     "display, where the swap itself waits for the drawing; the frame-time figures are "
     "measured the same way. Two checks of that, each in its own child with its own "
     "floor: the same cut taps on an X server (Xvfb, the same llvmpipe, nothing added), "
     "and offscreen with nothing waiting (this figure's method until issue #18's last "
     "round: the frames the tour screen drew before the tap were still being drawn when "
     "the finger lifted, and were counted in the tap). Floor: decoding and uploading "
     "that same prepared picture alone (`CoreImage(path, nocache=True).texture`), just "
     "before each tap. p50 and p95; the goal (issue #18) is on the cut's p95."),
    ("Language switch",
     "**Language switch on a stop.** The narration playing; `app.set_language(code)`, as "
     "the language button does, through the tour's languages in turn; to the first frame "
     "in which the stop's title and story have their new textures, drawn. Floor: one "
     "Label with the title's font and width re-rendering the same new title alone. p50 "
     "and p95; no goal is set."),
    ("Frame time",
     "**Frame time.** The wall time between two successive frames of the real loop "
     "(Kivy's Clock returning from its wait for the next frame): at rest the Clock paces "
     "the loop itself (Kivy's 60 fps limit comes out at ~12 ms here), a slower frame "
     "shows as a longer interval. Measured during screen changes (the kiosk's own "
     "transition on this machine) between the tour and a stop, both ways, from the frame that runs the action to the one that "
     "draws the end; and for ten seconds of a narration playing with captions on. Floor: "
     "an idle one-Label Kivy app with the same window, in the same run. The issue asks "
     "for no jank; the goal here: p95 at most one frame at 60 fps (16.7 ms) above the "
     "floor's p95. Each buffer swap is followed by glFinish, so a frame ends when it is "
     "drawn, as on a display (see the narration's reasons below)."),
    ("RSS",
     "**Memory (RSS).** Resident memory at start (home drawn), then after every round of "
     "visits of the whole tour (open the stop, 3 frames, start its narration, 2 frames, "
     "stop it) until at least 1,000 stop visits; last, after `gc.collect()` and "
     "`malloc_trim`. Floor, for context: the one-Label Kivy app at its first frame."),
    ("check of a", "**Content: check and load of a 1,000-stop tour** (`bench/content_bench.py`): "
     "see its notes below."),
    ("prepare:", "**Prepared media** (`bench/media_bench.py`): see its notes below."),
    ("Logging one event", "**Analytics** (`bench/analytics_bench.py`): the cost of one "
     "event on the UI thread, the writer's pauses, the stats; see its notes below."),
    ("Find a name", "**Find a name** (`bench/names_bench.py`): recall on queries built from "
     "the demonstration list in every spelling family, the index's build time and memory, "
     "one query beside a plain substring scan, the check of names.csv, and one keystroke "
     "to the names on the kiosk's screen; see its notes."),
    ("Map:", "**The map** (`bench/map_bench.py`): a pinch-zoom frame beside a bare Scatter, "
     "opening the map, a pin's tap to the stop's picture; see its notes."),
    ("Spoken guide", "**The spoken guide** (`bench/speech_bench.py`): a key of the number pad "
     "to its prompt playing, beside pygame's own play of the same file; see its notes."),
)

#: Why a figure misses its goal, measured (name prefix -> text); the run's own numbers
#: are in its notes.
REASONS = {
    "Process start to first frame": (
        "The kiosk draws its home screen from the home card kept beside the last good "
        "tour (the museum's names, languages and buttons, keyed by the SHA-256 of "
        "stops.yaml's text) and reads and checks the tour in the frame after, so pydantic, "
        "YAML and the tour model's validators (~110 ms) are out of the start, and the name "
        "search's index library (~14 ms) follows the first frame too. The kiosk's own "
        "modules are compiled to bytecode by setup.sh, as pip does for every package: "
        "where the code folder cannot be written (or bytecode is not written, as on the "
        "machine measured here), each start compiled some seventy files, ~50 ms. What is left above "
        "the floor is in the notes' phases: the kiosk's own modules, the services, the "
        "home screen and a first frame that draws more than one Label. A start just after "
        "an edit of stops.yaml reads the tour first (the figure after this one)."),
    "Tile tap to the stop's picture on screen, with a cut": (
        "A tap opens its stop on the finger's release; what the visitor waits for is the "
        "stop's first frame with its picture. The picture is decoded in a thread from the "
        "moment the finger lands on the list (kiosk/ui/pictures_ahead.py; the list's own "
        "touch_down, since a scrolling list hands a quick tap to its tile only on "
        "release), the stop's other pictures and its tick on the map wait for its first "
        "frame, and drawing in software the screen changes with a cut. What is left is "
        "that frame drawn by llvmpipe; a GPU would draw it in a few ms."),
    "Frame time p95 during screen changes": (
        "Drawing in software, the kiosk now changes screens with a cut, not a fade "
        "(kiosk/ui/rendering.py): the fade drew both screens into off-screen buffers "
        "every frame and came out as two or three slow frames, a jump anyway. So a "
        "screen change is now the frame that runs the action and the frame that draws "
        "the new screen: opening a stop decodes and uploads its picture and loads its "
        "narration (p50 ~40 ms; the picture's decode alone is the tile tap's floor, "
        "~15-20 ms) and its first frame renders every label's texture while llvmpipe "
        "draws the window (the draw times are in the notes). Before (the previous full "
        "run, fade, multisampling): p95 272.7 ms; after: this run's figure. What would "
        "close the rest: a GPU (the fade comes back by itself there), or spreading the "
        "stop's first frame over several (the picture decoded in a thread and shown when "
        "ready), which would make the visitor wait as long for the picture."),
    "Frame time p95 while a narration plays": (
        "What changed: the narration bar's knob and its times now move together in "
        "half-second steps (kiosk/ui/narration_view.py), two redraws a second instead of "
        "ten; captions still change within a tenth of a second. Drawing in software the "
        "window is made without multisampling, which made every redraw two to three "
        "times cheaper (a stop: 33-46 ms instead of 64-76, measured with "
        "`KCFG_GRAPHICS_MULTISAMPLES=0` in the previous round). Before (the previous "
        "full run): p95 203.1 ms with 7.9 redraws a second; after: this run's figure and "
        "rate. Each redraw is still of the whole window, drawn by llvmpipe on the CPU; "
        "the frames in between cost what the floor's do. On a kiosk with a GPU the "
        "redraws cost a few milliseconds."),
}


#: Figures with no goal that sit far above their floor: why, measured.
FAR_ABOVE = {
    "Tile tap": (
        "**Tile tap and language switch.** The tile tap meets its goal where software "
        "draws (p95 at most 100 ms, issue #18) and the language switch has none; both "
        "sit above their floors for one reason, the first frame of a changed screen "
        "drawn in software, which no floor of a decode or one label has. How the tile tap "
        "came down: p50 604.6 ms with the fade (307.9 with a cut) two full runs ago; the "
        "cut in software and no multisampling; only the first picture on the stop's "
        "first frame (p50 170.5 / p95 350.2 to 138.3 / 202.1, measured the old way); "
        "then, in issue #18's last round, the picture decoded while the finger rests and "
        "the bench measuring each frame drawn before the next, as a display does. The "
        "two checks beside the figure (in the table): on an X server, where nothing is "
        "added to the frames, the same taps come out no slower than the figure; measured "
        "the old way, frames left to pile up offscreen, they still miss the goal, so much "
        "of the old figure's time was the tour screen's own earlier frames (its scroll "
        "bar fading after the scroll that brought the tile into view) still being drawn "
        "when the finger lifted, which no display does. "
        "Still to try for the language switch: the stop screen's labels given their "
        "textures for the new language while the old ones still show."),
}


def _method_text(figures: list[dict]) -> str:
    paragraphs = []
    for prefix, text in METHODS:
        if any(f["name"].startswith(prefix) for f in figures):
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _missed_text(figures: list[dict]) -> str:
    missed = [f for f in figures if f["meets"] is False]
    out = [] if missed else ["Every figure with a goal meets it in this run."]
    for f in missed:
        floor = "" if f["floor"] is None else f" (floor {_cell(f['floor'])} {f['unit']})"
        reason = next((text for prefix, text in REASONS.items()
                       if f["name"].startswith(prefix)),
                      "Measured by another part's benchmark; its notes below give the details.")
        out.append(f"- **{f['name']}**: {_cell(f['value'])} {f['unit']}{floor}; goal: "
                   f"{f['goal']}. {reason}")
    far = [text for prefix, text in FAR_ABOVE.items()
           if any(f["name"].startswith(prefix) for f in figures)]
    return "\n".join(out) + ("\n\n" + "\n\n".join(far) if far else "")


def write_markdown(path: Path, results: dict) -> None:
    m, c, v = results["machine"], results["content"], results["code"]
    figures = results["figures"]
    notes = "\n".join(f"- **{f['name']}**: {f['notes']}" for f in figures)
    machine = (f"{m['cpu']}, {m['cores']} cores; {m['os']}; Python {m['python']}, "
               f"Kivy {m['kivy']}, pygame {m['pygame']}. Measured {m['date'][:16]}"
               f"{' (quick mode)' if results.get('quick') else ''}, in "
               f"{results.get('seconds', 0) / 60:.0f} min; load average (1, 5, 15 min) at "
               f"the start {m['load_average_at_start']}, at the end "
               f"{m.get('load_average_at_end', '?')}: other work shared the machine. "
               f"Tour measured: {c['description']}. Code: commit {v['commit']}"
               f"{' with uncommitted changes in kiosk/' if v['uncommitted_changes'] else ''}.")
    for later in results.get("added_later", []):
        machine += (f"\n\nMeasured later, each figure beside a floor of its own run: "
                    f"{', '.join(later['figures'])}, on {later['date'][:16]} (commit "
                    f"{later['commit']}).")
    text = (f"{INTRO}\n## Machine\n\n{machine}\n\n## Figures\n\n{table(figures)}\n\n"
            f"## Method\n\n{_method_text(figures)}\n\n"
            f"## Where a goal is missed, and why\n\n{_missed_text(figures)}\n\n"
            f"## Notes\n\nThe details of each figure, from this run.\n\n{notes}\n"
            f"{_soak_text(results.get('soak', []))}")
    path.write_text(text, encoding="utf-8")
