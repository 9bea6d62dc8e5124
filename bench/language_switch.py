"""A language switch on a stop, narration playing, to the screen redrawn in it.

Runs ``bench._language_child`` in a fresh process: the real kiosk on a stop narrated in
every language, the narration playing; ``app.set_language(code)`` (what the language
button calls) through the tour's languages in turn, timed until the first frame in which
the stop's title and story have their new textures, drawn (glFinish). FLOOR: one Label
with the title's font and width re-rendering the same new title alone.
"""

from __future__ import annotations

from ._common import Workspace, figure, median, percentile, run_child


def measure(content, ws: Workspace, switches: int) -> dict:
    return run_child("bench._language_child", [str(content), str(ws.data), str(switches)],
                     ws, timeout=120 + 3 * switches)


def figures(r: dict) -> list[dict]:
    s = r["switches"]
    drawn = [x["drawn_ms"] for x in s]
    floor = [x["floor_ms"] for x in s]
    returned = [x["returned_ms"] for x in s]
    labels = [max(x["labels_ms"].values()) for x in s]
    swapped = [x["swapped_ms"] for x in s]
    method = (f"{len(s)} switches on stop {r['stop']} through {', '.join(r['languages'])}, "
              f"the narration playing, in one process: app.set_language(code) to the first "
              f"frame in which the title and the story have their new textures, drawn "
              f"(glFinish). Floor: a Label with the title's font ({r['title_font_size']:.0f} px, "
              f"bold) and width re-rendering the same new title alone, just before each "
              f"switch. No goal is set.")
    detail = (f"Where the time goes (ms after set_language, p50 / p95): set_language "
              f"returned, the other language's narration loaded and moved to the matching "
              f"sentence ({median(returned):.0f} / {percentile(returned, 95):.0f}); the "
              f"labels had new texts laid out in the next Clock tick ({median(labels):.0f} / "
              f"{percentile(labels, 95):.0f}); that frame's buffer swap "
              f"({median(swapped):.0f} / {percentile(swapped, 95):.0f}); drawn "
              f"({median(drawn):.0f} / {percentile(drawn, 95):.0f}). The narration was "
              f"still playing after every switch: "
              f"{all(x['state'] == 'playing' for x in s)}.")

    return [figure(f"Language switch on a stop to the screen redrawn, {which}",
                   round(value, 1), "ms", floor=round(floor_value, 2), runs=len(s), notes=notes)
            for which, value, floor_value, notes in (
                ("p50", median(drawn), median(floor), method),
                ("p95", percentile(drawn, 95), percentile(floor, 95), detail))]
