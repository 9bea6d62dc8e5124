"""A stand-in for the kiosk's .venv/bin/python, for the tests of the deploy scripts.

Each run adds its arguments as one line of ``FOLDER/runs``, then ends with the next status
of ``statuses``. When they are used up it ends with 0, or, with ``then_wait``, writes
``FOLDER/up`` and waits to be stopped as the kiosk is: SIGTERM ends it with 143 and SIGINT
with 130, each noted in ``FOLDER/signals``.
"""

from __future__ import annotations

from pathlib import Path


def fake_python(folder: Path, statuses: list[int], then_wait: bool = False) -> Path:
    script = folder / "fake-python"
    waiting = f"""trap 'echo TERM >> "{folder}/signals"; exit 143' TERM
trap 'echo INT >> "{folder}/signals"; exit 130' INT
echo up > "{folder}/up"
while true; do sleep 0.1; done
""" if then_wait else "exit 0\n"
    script.write_text(f"""#!/usr/bin/env bash
runs="{folder}/runs"
echo "$*" >> "$runs"
n=$(wc -l < "$runs")
statuses=({' '.join(map(str, statuses))})
if [ "$n" -le "${{#statuses[@]}}" ]; then exit "${{statuses[$((n - 1))]}}"; fi
""" + waiting)
    script.chmod(0o755)
    return script
