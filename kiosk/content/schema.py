"""The JSON Schema of stops.yaml, generated from the model the loader validates with.

Editors (VS Code's YAML extension, JetBrains IDEs) read it through the first line of
stops.yaml, ``# yaml-language-server: $schema=./stops.schema.json``, and then complete
keys and underline mistakes as staff type. It is never edited by hand:
``python main.py schema`` writes it again after the model changes, and a test fails if
the shipped file and the model disagree.
"""

from __future__ import annotations

import json

from .model import TourFile

SCHEMA_FILE = "stops.schema.json"


def tour_schema() -> dict:
    schema = TourFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ALZHIR audio guide: stops.yaml"
    schema["description"] = ("The tour shown by the audio-guide kiosk: the museum and its "
                             "stops in walking order. See docs/staff-guide.md.")
    return schema


def schema_text() -> str:
    return json.dumps(tour_schema(), ensure_ascii=False, indent=2) + "\n"
