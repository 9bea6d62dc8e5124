"""Every command the README lists works after `bash setup.sh run` (requirements.txt only).

The virtual environment of the tests also holds requirements-dev.txt, so a command that
imports a test-only package (as the soak once did with psutil) works here and fails on
a kiosk. Each command of the README's command block is run here, with cheap arguments, in
a Python where every distribution outside requirements.txt and its dependencies cannot be
imported: a `sitecustomize` put first on PYTHONPATH (so child processes, such as the
benchmarks' own, inherit it) adds a finder to ``sys.meta_path`` that refuses them and
notes every attempt.
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from samples import make_tour

ROOT = Path(__file__).resolve().parent.parent

#: What a fresh virtual environment holds besides the requirements (pip is how setup.sh
#: installs them). setuptools is not among them: Python 3.12's venv no longer adds it.
VENV_SEED = {"pip"}

#: Attempts a library makes and gets on without: (module, file of the import). pygame finds
#: its data files with pkg_resources when there is one, and by path when there is none.
GRACEFUL = {("pkg_resources", "pygame/pkgdata.py")}

#: The sitecustomize of the test's Python: refuses the modules named in KIOSK_BLOCKED
#: (a JSON object: top-level module -> its distribution) and notes each attempt.
BLOCKER = '''
import json, os, sys, traceback

_BLOCKED = json.loads(os.environ.get("KIOSK_BLOCKED", "{}"))
_NOTES = os.environ.get("KIOSK_BLOCKED_NOTES")


class _OnlyInRequirementsDev:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top not in _BLOCKED:
            return None
        where = "".join(traceback.format_stack(limit=6)[:-1])
        if _NOTES:
            with open(_NOTES, "a", encoding="utf-8") as notes:
                notes.write(json.dumps({"module": name, "distribution": _BLOCKED[top],
                                        "argv": sys.argv, "where": where}) + "\\n")
        raise ModuleNotFoundError(
            f"No module named {name!r}: {_BLOCKED[top]} is only in requirements-dev.txt, "
            "so `bash setup.sh run` does not install it", name=name)


sys.meta_path.insert(0, _OnlyInRequirementsDev())
'''


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.append(Requirement(line).name)
    return names


def run_time_distributions() -> set[str]:
    """requirements.txt and everything it pulls in (normalised names)."""
    seen: set[str] = set()
    todo = _requirements(ROOT / "requirements.txt")
    while todo:
        name = _norm(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen | VENV_SEED


def blocked_modules() -> dict[str, str]:
    """Top-level modules that only distributions outside the run-time set provide."""
    allowed = run_time_distributions()
    blocked: dict[str, str] = {}
    for module, distributions in metadata.packages_distributions().items():
        names = {_norm(d) for d in distributions}
        if names and not names & allowed:
            blocked[module] = sorted(names)[0]
    return blocked


def readme_commands() -> list[str]:
    """The commands of the README's block of `.venv/bin/python ...` lines."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith(".venv/bin/python "):
                commands.append(line[len(".venv/bin/python "):])
    return commands


def _key(command: str) -> str:
    words = command.split()
    return words[1] if words[0] in ("main.py", "-m") else words[0]


#: Cheap arguments for each README command: the same code paths on a two-stop tour and
#: temporary folders. {tour}, {data}, {out} are filled in by the test.
CHEAP = {
    "check": ["main.py", "check", "--strict", "--content", "{tour}"],
    "selftest": ["main.py", "selftest", "--content", "{tour}", "--data", "{data}",
                 "--screenshots", "{out}/shots"],
    "prepare": ["main.py", "prepare", "--content", "{tour}", "--data", "{data}"],
    "stats": ["main.py", "stats", "--data", "{data}", "--csv", "{out}/usage.csv"],
    "set-pin": ["main.py", "set-pin", "--data", "{data}", "--pin-from-stdin"],
    "schema": ["main.py", "schema", "--output", "{out}/stops.schema.json"],
    "find-name": ["main.py", "find-name", "Ковальская", "--limit", "3"],
    "fleet-setup": ["main.py", "fleet-setup", "kiosk", "--name", "hall-2", "--address",
                    "192.168.10.22", "--staff-id",
                    "ZMXHVMY-C2A3LNJ-OIBY55Z-E4AGPUD-ZT2576I-2HC53IL-U6L3C3M-72X6AQS",
                    "--staff-address", "192.168.10.2", "--syncthing-home", "{out}/syncthing",
                    "--staging", "{out}/incoming", "--outbox", "{out}/outbox"],
    "fleet-round": ["main.py", "fleet-round", "--staging", "{out}/incoming", "--outbox",
                    "{out}/outbox", "--content", "{out}/live", "--data", "{data}"],
    "add-kiosk": ["main.py", "add-kiosk",
                  "ZMXHVMY-C2A3LNJ-OIBY55Z-E4AGPUD-ZT2576I-2HC53IL-U6L3C3M-72X6AQS",
                  "--name", "hall-2", "--address", "192.168.10.22", "--syncthing-home",
                  "{out}/none", "--figures", "{out}/kiosks"],
    "bench.soak": ["-m", "bench.soak", "--actions", "5", "--content", "{tour}", "--data", "{data}"],
    "bench": ["-m", "bench", "--quick", "--content", "{tour}", "--json", "{out}/results.json",
              "--markdown", "{out}/performance.md", "--skip", "content_bench",
              "--skip", "media_bench", "--skip", "analytics_bench", "--skip", "fleet_bench"],
}


def test_every_readme_command_has_a_cheap_run_here():
    listed = [_key(c) for c in readme_commands()]
    assert len(listed) >= 8, listed
    missing = [key for key in listed if key not in CHEAP]
    assert not missing, (f"README commands {missing} have no cheap arguments in CHEAP: add "
                         "them, so that this test runs them without the test-only packages")


def test_the_blocker_knows_the_test_only_packages():
    blocked = blocked_modules()
    for module in ("pytest", "hypothesis", "jsonschema"):
        assert module in blocked, sorted(blocked)
    for module in ("kivy", "pygame", "tinydb", "yaml", "numpy"):
        assert module not in blocked


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> Path:
    return make_tour(tmp_path_factory.mktemp("readme") / "tour", stops=2, seconds=3)


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(CHEAP))
def test_a_readme_command_needs_only_requirements_txt(key, tour, tmp_path):
    if key not in {_key(c) for c in readme_commands()}:
        pytest.skip(f"{key} is no longer in the README")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    notes = tmp_path / "blocked.jsonl"
    (tmp_path / "out").mkdir()
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy",
               KIOSK_BLOCKED=json.dumps(blocked_modules()), KIOSK_BLOCKED_NOTES=str(notes),
               PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    args = [part.format(tour=tour, data=tmp_path / "data", out=tmp_path / "out")
            for part in CHEAP[key]]
    run = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, input="2468\n",
                         capture_output=True, text=True, timeout=600)
    output = run.stdout + run.stderr
    attempts = [json.loads(line) for line in notes.read_text().splitlines()] \
        if notes.exists() else []
    attempts = [a for a in attempts
                if not any(a["module"].partition(".")[0] == module and where in a["where"]
                           for module, where in GRACEFUL)]
    assert not attempts, (f"`{' '.join(CHEAP[key])}` imports what only requirements-dev.txt "
                          "installs:\n" + "\n".join(f"{a['module']} ({a['distribution']}) "
                                                    f"in {a['argv']}\n{a['where']}"
                                                    for a in attempts))
    assert "ModuleNotFoundError" not in output and "ImportError" not in output, output[-3000:]
