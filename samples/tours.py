"""Sample tours: a small one drawn for the purpose, and a big one copied from the demo."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import yaml

from .photographs import picture
from .recordings import captions, tone

LANGUAGES = ("kk", "ru", "en")
TITLES = {"kk": "Аялдама", "ru": "Остановка", "en": "Stop"}
#: The demo tour that ships with the kiosk (stops.yaml and assets/ at the top).
DEMO = Path(__file__).resolve().parent.parent
KINDS = ("museum_hall", "installation", "sculpture", "monument", "building", "grounds")


#: Each language's tone (Hz): a visitor would hear which language plays.
PITCHES = {"kk": 196.0, "ru": 247.0, "en": 330.0}


def make_tour(root: Path, stops: int = 4, seconds: float = 30.0, numbers=None,
              settings: dict | None = None, notes: dict | None = None,
              shared_recording: bool = False, names: list[dict] | None = None,
              names_demonstration: bool = False, plans: bool = False,
              descriptions: bool = False) -> Path:
    """A tour of ``stops`` stops; stop 2 has three pictures, the last has no English.

    Every stop and language has its own recording, ``assets/audio/LANG/STOP.ogg`` (each
    language at its own pitch), so a test can tell which one a visitor hears;
    ``shared_recording`` names one file, ``assets/audio/shared.ogg``, everywhere instead.
    ``settings`` go to museum.kiosk; ``notes`` maps a stop index to its content note.
    ``names`` (rows of names.csv as dicts, see ``PEOPLE``) writes names.csv and names it
    in museum.names, marked a demonstration if ``names_demonstration``. ``plans`` draws two
    plans (``grounds`` and ``hall``), places the stops on them in turn (all but the last,
    which stands on no plan) and puts the Wall of Memory along the grounds' lower edge.
    ``descriptions`` gives every stop an audio description in each of its languages,
    ``assets/audio/LANG/STOP-description.ogg`` (an octave above the narration's tone, as
    long), with its captions ("Seen first (kk)", "Seen next (kk)").
    """
    root.mkdir(parents=True, exist_ok=True)
    entries = []
    shared = root / "assets/audio/shared.ogg"
    if shared_recording:
        tone(shared, seconds)
    else:  # one tone per language, copied for each stop (a big tour stays quick to make)
        for code in LANGUAGES:
            tone(root / f"assets/audio/{code}/.tone.ogg", seconds, pitch=PITCHES[code])
    for index in range(stops):
        stop_id = f"stop-{index + 1}"
        number = numbers[index] if numbers else 101 + index
        images = []
        for n in range(3 if index == 1 else 1):
            rel = f"assets/images/{stop_id}-{n + 1}.jpg"
            picture(root / rel, 60 + 30 * n + 10 * index)
            images.append({"file": rel, "caption": {code: f"{TITLES[code]} {number}, "
                                                    f"picture {n + 1}" for code in LANGUAGES}})
        languages = LANGUAGES if index < stops - 1 or stops == 1 else ("kk", "ru")
        narration = {}
        for code in languages:
            vtt = root / f"assets/audio/{code}/{stop_id}.vtt"
            vtt.parent.mkdir(parents=True, exist_ok=True)
            captions(vtt, seconds, code)
            audio = f"assets/audio/{code}/{stop_id}.ogg"
            if shared_recording:
                audio = "assets/audio/shared.ogg"
            else:
                shutil.copyfile(root / f"assets/audio/{code}/.tone.ogg", root / audio)
            narration[code] = {"audio": audio, "captions": f"assets/audio/{code}/{stop_id}.vtt"}
        described = {}
        for code in languages if descriptions else ():
            base = f"assets/audio/{code}/{stop_id}-description"
            tone(root / f"{base}.ogg", seconds, pitch=2 * PITCHES[code])
            captions(root / f"{base}.vtt", seconds, code, words=("Seen first", "Seen next"))
            described[code] = {"audio": f"{base}.ogg", "captions": f"{base}.vtt"}
        entries.append({
            "id": stop_id, "number": number,
            "kind": ["museum_hall", "sculpture", "monument", "installation"][index % 4],
            "title": {code: f"{TITLES[code]} {number}" for code in LANGUAGES},
            "text": {code: f"{TITLES[code]} {number}: text." for code in LANGUAGES},
            "narration": narration, "images": images,
            **({"description": described} if described else {}),
        })
        if notes and index in notes:
            entries[-1]["content_note"] = notes[index]
    for code in LANGUAGES:
        (root / f"assets/audio/{code}/.tone.ogg").unlink(missing_ok=True)
    tour = {"museum": {"name": {"kk": "Мұражай", "ru": "Музей", "en": "Museum"},
                       "languages": list(LANGUAGES), "default_language": "kk",
                       **({"kiosk": settings} if settings else {}),
                       **({"names": "names.csv", "names_demonstration": names_demonstration}
                          if names is not None else {})},
            "stops": entries}
    if plans:
        _add_plans(root, tour)
    if names is not None:
        write_names(root / "names.csv", names)
    (root / "stops.yaml").write_text(yaml.safe_dump(tour, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return root


def make_big_tour(root: Path, stops: int, demo: Path = DEMO) -> Path:
    """A ``stops``-stop tour in ``root`` built from copies of the demo tour's media
    (``demo``: a folder with stops.yaml and assets/, by default this repository)."""
    demo_tour = yaml.safe_load((demo / "stops.yaml").read_text(encoding="utf-8"))
    models = demo_tour["stops"]
    root.mkdir(parents=True, exist_ok=True)
    entries = []
    for i in range(stops):
        model = models[i % len(models)]
        stop_id = f"{model['id']}-{i + 1:04d}"
        narration = {}
        for code in LANGUAGES:
            entry = {}
            for key, suffix in (("audio", ".ogg"), ("captions", ".vtt")):
                rel = f"assets/audio/{code}/{stop_id}{suffix}"
                _copy(demo / model["narration"][code][key], root / rel)
                entry[key] = rel
            narration[code] = entry
        images = []
        for n, shown in enumerate(model["images"]):
            rel = f"assets/images/{stop_id}-{n + 1}.jpg"
            _copy(demo / shown["file"], root / rel)
            images.append({"file": rel, "caption": dict(shown["caption"])})
        entries.append({
            "id": stop_id, "number": i + 1, "kind": KINDS[i % len(KINDS)],
            "title": {code: f"{model['title'][code]} ({i + 1})" for code in LANGUAGES},
            "text": dict(model["text"]), "narration": narration, "images": images,
        })
    # the tour without the list of names and the plans (names.csv and the plans' pictures
    # are not copied; their checks are measured apart)
    museum = {key: value for key, value in demo_tour["museum"].items()
              if key not in ("names", "names_demonstration", "maps", "wall_of_memory")}
    tour = {"museum": museum, "stops": entries}
    (root / "stops.yaml").write_text(
        "# yaml-language-server: $schema=./stops.schema.json\n"
        + yaml.safe_dump(tour, allow_unicode=True, sort_keys=False, width=4096),
        encoding="utf-8")
    return root


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def edit_tour(root: Path, old: str, new: str) -> None:
    """Change the first ``old`` in ``root``'s stops.yaml to ``new``, as staff would edit."""
    path = root / "stops.yaml"
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path} has no {old!r} to change")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: A few women as the Wall of Memory lists them, each told at a stop of a sample tour.
PEOPLE = [
    {"id": "p1", "surname": "Ковальская", "given_name": "Ядвига", "patronymic": "Станиславовна",
     "birth_year": "1905", "panel": "57", "row": "12", "stop": "stop-2", "publish": "yes",
     "other_surnames": "Вишневская", "other_spellings": "Kowalska Jadwiga"},
    {"id": "p2", "surname": "Жумабаева", "given_name": "Әлия", "patronymic": "",
     "birth_year": "1910", "panel": "3", "row": "40", "stop": "stop-3", "publish": "yes"},
    {"id": "p3", "surname": "Ковалёва", "given_name": "Анна", "patronymic": "Петровна",
     "birth_year": "", "panel": "120", "row": "1", "stop": "stop-1", "publish": "yes"},
    # A family asked that her name not be shown: it is never found.
    {"id": "p4", "surname": "Ковальчук", "given_name": "Мария", "patronymic": "Ивановна",
     "birth_year": "1899", "panel": "58", "row": "2", "stop": "stop-2", "publish": "no"},
]
NAME_COLUMNS = ("id", "surname", "given_name", "patronymic", "birth_year", "panel", "row",
                "stop", "publish", "other_surnames", "other_spellings")


def write_names(path: Path, people: list[dict]) -> Path:
    """names.csv as staff save it from a spreadsheet: UTF-8, commas, the header first."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=NAME_COLUMNS)
        writer.writeheader()
        for person in people:
            writer.writerow({column: person.get(column, "") for column in NAME_COLUMNS})
    return path


#: The sample plans: id -> (title in every language, size in pixels).
PLANS = {"grounds": ({"kk": "Аумақ", "ru": "Территория", "en": "Grounds"}, (1200, 800)),
         "hall": ({"kk": "Зал", "ru": "Зал", "en": "Hall"}, (900, 900))}


def plan_picture(path: Path, size: tuple[int, int], shade: int) -> None:
    """A plain plan: a ground, an outline and a path across it."""
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (shade, shade, shade - 12))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((w * .05, h * .05, w * .95, h * .95), outline=(40, 40, 40), width=6)
    draw.line((w * .1, h * .5, w * .9, h * .5), fill=(120, 110, 90), width=18)
    image.save(path)


def _add_plans(root: Path, tour: dict) -> None:
    museum, stops = tour["museum"], tour["stops"]
    museum["maps"] = []
    for n, (plan_id, (title, size)) in enumerate(PLANS.items()):
        image = f"assets/images/plan-{plan_id}.png"
        plan_picture(root / image, size, 220 - 20 * n)
        museum["maps"].append({"id": plan_id, "image": image, "title": dict(title)})
    museum["wall_of_memory"] = {"map": "grounds", "first": {"x": 0.1, "y": 0.9},
                                "last": {"x": 0.9, "y": 0.9}}
    placed = stops[:-1] if len(stops) > 1 else stops
    for index, stop in enumerate(placed):
        plan_id = "grounds" if index % 2 == 0 else "hall"
        stop["place"] = {"map": plan_id, "x": round(0.15 + 0.7 * index / max(1, len(placed)), 3),
                         "y": 0.3 if plan_id == "grounds" else 0.6}
