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
    .venv/bin/python -m bench --synthetic    # a generated 13-stop tour (tests.tour_factory)

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
     "floor. Goal: at most 1.5 times the floor."),
    ("Tap on play",
     "**Tap on play to narration playing.** A synthesised touch (`UnitTestTouch`) on a "
     "stop's play button; from touch_up until the audio backend is busy. Floor: a bare "
     "`pygame.mixer.music.load(f); play()` to `get_busy()` on the same file, in the same "
     "process, one just before each tap. p50 and p95. Goal: p95 at most 20 ms above the "
     "floor's."),
    ("Tile tap",
     "**Tap on a stop's tile to its picture on screen.** Every picture prepared (the "
     "display copies and thumbnails a running kiosk uses). A touch on a tile of the tour "
     "screen, scrolled into view; from touch_up to the first frame showing the stop with "
     "its picture once the kiosk's 0.3 s fade has ended, drawn (what the visitor waits "
     "for); also with a plain cut instead of the fade, interleaved. Floor: decoding and "
     "uploading that same prepared picture alone (`CoreImage(path, nocache=True)."
     "texture`), just before each tap. p50 and p95; no goal is set."),
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
     "shows as a longer interval. Measured during FadeTransitions (0.3 s) between the "
     "tour and a stop, both ways, from the frame that runs the action to the one that "
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
)

MSAA = (
    "Measured, not applied: Kivy asks for 2x multisampling by default "
    "(`graphics.multisamples`), which llvmpipe pays on every pixel. With it off "
    "(`KCFG_GRAPHICS_MULTISAMPLES=0`), two runs each against two with it on (5 s of "
    "narration, busy machine): a full redraw of the tour screen took 23-28 ms instead of "
    "82-85, of a stop 33-46 instead of 64-76; the fade's p95 fell from 168-204 ms to "
    "53-145, the narration's from 85-90 to 38-44. Edges of drawn shapes (rounded corners, "
    "lines) would lose their smoothing. It does not help the start-up goal: the floor "
    "gains as much (845 -> 739 ms against 382 -> 306).")

#: Why a figure misses its goal, measured (name prefix -> text); the run's own numbers
#: are in its notes.
REASONS = {
    "Process start to first frame": (
        "The kiosk pays, beyond the floor (per phase, in the notes below; the kiosk's "
        "`on_start` falls in the first frame's phase): importing its "
        "modules (mostly `kiosk.content`: pydantic builds the tour models' validators at "
        "import, ~50-70 ms, pydantic itself and PyYAML ~50 ms), building every screen, "
        "overlay and kv rule before the first frame (profiled: kv files ~40 ms; screens and "
        "overlays ~105 ms warm, more on the first build: stop, staff and keypad ~20 ms "
        "each, tour, home, transcript ~10 ms each), `on_start` (the content watcher, the "
        "event log) and a first frame that draws far more than one Label (llvmpipe "
        "compiles its shaders on first use). What changed: the sound device used to be "
        "opened inside `build_app`: `import pygame` (it imports numpy and pkg_resources, "
        "~150-190 ms) and the mixer. It now opens in the frame after the first one "
        "(`kiosk.ui.launch.open_audio_after_first_frame`; a stop opened earlier still opens "
        "it itself): the `build_app` phase went from ~250 ms to ~45 ms, and the whole "
        "start from 1,418 to 1,261 ms (medians of 9 interleaved runs each on a busy "
        "machine, floor 392 ms). What would close the rest lies outside the start-up "
        "code: build only the start screen before the first frame and the others just "
        "after it (kiosk/ui/app.py), and make the content models cheaper to import "
        "(pydantic `defer_build`, or validating without pydantic)."),
    "Frame time p95 during the fade": (
        "A FadeTransition draws both screens into off-screen buffers and blends them, every "
        "frame; with llvmpipe every full-screen draw costs the CPU tens of milliseconds "
        "(see the draw times in the notes; the one-Label floor draws in a few ms). Sampled "
        "with py-spy (`--idle --native`) over six round trips: of the UI thread's time in "
        "the transitions, ~60% was spent waiting for llvmpipe inside `on_draw` (half in "
        "label textures uploaded while it still drew, half in vertex batches), ~20% in the "
        "action itself (open_stop: picture decoded and uploaded, narration loaded), ~18% "
        "issuing the draw calls, ~2% in Clock events (layout, animation). So the fade's "
        "frames take tens to hundreds of milliseconds each, and the 0.3 s fade is over in "
        "a handful of frames (counted in the tile tap's notes): the visitor sees a "
        "jump, not a fade, and a tile tap with the fade takes longer than with a cut "
        "(the tile-tap figures above). Nothing in "
        "the kiosk's Python code dominates; the cost is drawing in software. " + MSAA +
        " A plain cut (`KioskApp(transition_duration=0)`) would remove the fade's cost "
        "altogether; on a kiosk with a GPU the fade is cheap. Both are the product's "
        "choices, not made here."),
    "Frame time p95 while a narration plays": (
        "While a narration plays the window is redrawn about ten times a second (the "
        "position is refreshed at 10 Hz, rounded to 0.1 s, so the bar's knob moves at "
        "each refresh; the times and the caption change less often; the rate is in the "
        "notes), and every redraw is of the whole window, which llvmpipe draws in tens of "
        "milliseconds (the draw times are in the fade's notes). Sampled with py-spy "
        "(`--idle --native`) over ten seconds of narration: the UI thread spent ~65% of "
        "the time in `on_draw` waiting for llvmpipe, ~14% issuing draw calls, ~18% "
        "waiting for the next frame, and under 1% in the kiosk's own Python "
        "(NarrationView.refresh, layout). The refresh is throttled as asked; the frames "
        "are long because drawing is. How it shows depends on the swap: without a wait "
        "after each swap, offscreen, most frames looked free (p95 44-46 ms) but the "
        "drawing piled up and was paid in stalls of 1.2-1.5 s about once a second; under "
        "Xvfb (an X server, same llvmpipe) each redraw cost its own drawing (p95 115-120 "
        "ms, longest 144-168); the bench now waits after each swap, as a display does. "
        + MSAA + " Fewer redraws would help as well (not measured): move the knob only "
        "when it moves a whole pixel, or refresh at 4 Hz (kiosk/ui/narration_view.py)."),
}


#: Figures with no goal that sit far above their floor: why, measured.
FAR_ABOVE = {
    "Tile tap": (
        "**Tile tap and language switch.** No goal is set, but both sit far above their "
        "floors, and for one reason: the first frame of a changed screen. The app's own "
        "work is small: open_stop (picture decoded and uploaded, narration loaded) takes "
        "a few tens of ms (p50 ~40), about three times the floor's decode; set_language returns in a few "
        "ms (narration of the other language loaded and moved to the matching sentence) "
        "and the labels have their new text in the next Clock tick (~20 ms). Then the "
        "frame: many labels get new textures, and each upload has to wait until llvmpipe "
        "has finished drawing what it was given before. Sampled with py-spy over 20 "
        "switches: ~70% of the time was that frame's drawing, three quarters of it waiting "
        "for llvmpipe; set_language itself ~3%. The fade adds its own frames on top "
        "(see the frame-time figure). With a GPU these waits shrink to almost nothing; on "
        "this hardware the first frame of a stop is what a visitor waits for."),
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
    text = (f"{INTRO}\n## Machine\n\n{machine}\n\n## Figures\n\n{table(figures)}\n\n"
            f"## Method\n\n{_method_text(figures)}\n\n"
            f"## Where a goal is missed, and why\n\n{_missed_text(figures)}\n\n"
            f"## Notes\n\nThe details of each figure, from this run.\n\n{notes}\n")
    path.write_text(text, encoding="utf-8")
