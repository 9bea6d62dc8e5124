"""The benchmark suite keeps working: `python -m bench --quick`, every figure at a tiny size.

No time is asserted here (timings belong to the full run, docs/performance.md); what is
asserted is the shape the issue asks for: the machine recorded, every figure with its
value, unit, floor, goal and verdict, none failed, and the page written.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_quick_suite_writes_every_figure_beside_its_floor(tmp_path):
    out, page = tmp_path / "results.json", tmp_path / "performance.md"
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy"}
    run = subprocess.run([sys.executable, "-m", "bench", "--quick", "--json", str(out),
                          "--markdown", str(page)], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))

    assert {"cpu", "cores", "python", "kivy", "pygame"} <= set(results["machine"])
    names = [f["name"] for f in results["figures"]]
    assert not [n for n in names if n.endswith("failed")], names
    for wanted in ("Process start to first frame", "Tap on play", "Tile tap",
                   "Language switch", "Frame time p95 during", "Frame time p95 while",
                   "RSS at start", "RSS after", "check of a", "load of a",
                   "Logging one event"):
        assert any(n.startswith(wanted) for n in names), (wanted, names)
    for figure in results["figures"]:
        assert {"name", "value", "unit", "floor", "goal", "meets"} <= set(figure)
        assert figure["value"] is not None, figure["name"]
        assert figure["floor"] is not None, f"{figure['name']} has no floor"
        if figure["goal"] is not None:
            assert figure["meets"] in (True, False), figure["name"]
    assert [f["name"] for f in results["soak"] if f["name"] == "Soak: unhandled exceptions"]

    text = page.read_text(encoding="utf-8")
    assert "| Figure | Value | Floor | Goal | Meets | Runs |" in text
    assert all(name in text for name in names)
    # The page goes into the repository: it names the tour, never this machine's folders.
    assert str(REPO) not in text and str(REPO) not in json.dumps(results)
    assert "the demo tour in the repository root" in text
