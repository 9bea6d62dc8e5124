"""Resident memory (RSS) at start and after 1,000 stop visits.

Runs ``bench._memory_child`` in fresh processes: RSS once home is drawn, then after each
full round of visits (open the stop, 3 frames, start the narration, 2 frames, stop it),
as many rounds of the whole tour as it takes to reach the number of visits asked for.
RSS climbs in steps and falls back whenever Python's cyclic collector frees the pictures
of stops left behind, so the walk is repeated in a few processes and medians are quoted,
and a last reading after ``gc.collect()`` shows what is really kept.
FLOOR, for context: the RSS of a one-Label Kivy app at its first frame, from figure 1's
floor runs in this same bench run.
"""

from __future__ import annotations

import math

from ._common import Workspace, figure, median, run_child


def rounds_for(visits: int, stops: int) -> int:
    """Rounds of the whole tour that make at least ``visits`` stop visits."""
    return max(1, math.ceil(visits / max(1, stops)))


def measure(content, ws: Workspace, rounds: int, runs: int) -> dict:
    walks = [run_child("bench._memory_child", [str(content), str(ws.data), str(rounds)], ws,
                       timeout=120 + 20 * rounds) for _ in range(runs)]
    return {"runs": walks, "stops": walks[0]["stops"],
            "start_mib": median([w["start_mib"] for w in walks]),
            "rounds_mib": [median(point) for point in zip(*(w["rounds_mib"] for w in walks))],
            "collected_mib": median([w["collected_mib"] for w in walks]),
            "growth_mib": median([w["rounds_mib"][-1] - w["rounds_mib"][0] for w in walks]),
            "round_seconds": [s for w in walks for s in w["round_seconds"]]}


def figures(r: dict, rounds: int, floor_mib: float | None) -> list[dict]:
    after, runs = r["rounds_mib"], len(r["runs"])
    visits = rounds * r["stops"]
    floor = None if floor_mib is None else round(floor_mib, 1)
    how = (f"Median of {runs} process(es); {r['stops']} stops per round; a round took "
           f"{min(r['round_seconds']):.1f}-{max(r['round_seconds']):.1f} s. Floor: a "
           f"one-Label Kivy app at its first frame (median of figure 1's floor runs).")
    step = max(1, rounds // 21)  # about twenty points per process in the notes
    traces = "; ".join(", ".join(f"{v:.0f}" for v in w["rounds_mib"][step - 1::step])
                       for w in r["runs"])
    peak = max(max(w["rounds_mib"]) for w in r["runs"])
    half = max(1, rounds // 2)
    troughs = "; ".join(f"{min(w['rounds_mib'][:half]):.0f} -> {min(w['rounds_mib'][half:]):.0f}"
                        for w in r["runs"]) if rounds > 1 else "n/a"

    def rss(name, value, notes):
        return figure(name, round(value, 1), "MiB", floor=floor, runs=runs, notes=notes)

    return [
        rss("RSS at start, home drawn", r["start_mib"], how),
        rss("RSS after round 1 of visits", after[0],
            "Each visit: open_stop, 3 frames, start the narration, 2 frames, stop it."),
        rss(f"RSS after {visits:,} stop visits ({rounds} rounds)", after[-1],
            f"Highest RSS after any round: {peak:.0f} MiB. Growth from round 1 "
            f"(median over the processes, no collection forced): "
            f"{r['growth_mib']:+.1f} MiB; RSS climbs in steps while the pictures of "
            f"stops left behind wait for Python's cyclic collector and falls when it "
            f"runs, so to tell garbage from memory kept compare the lowest RSS in the "
            f"first half of the rounds with the second half, per process (MiB): "
            f"{troughs}. RSS after "
            f"{'each round' if step == 1 else f'every {step} rounds'}, per process "
            f"(MiB): {traces}."),
        rss(f"RSS after {visits:,} visits, then gc.collect() and malloc_trim",
            r["collected_mib"],
            "The same processes once Python's cyclic garbage has been collected and "
            "glibc has given free heap back: what the kiosk still holds. Per process "
            "(MiB): " + ", ".join(f"{w['collected_mib']:.0f}" for w in r["runs"]) + "."),
    ]
