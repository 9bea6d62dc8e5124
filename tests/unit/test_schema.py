"""The editor schema shipped beside stops.yaml is the one the loader's model gives."""

import json
from pathlib import Path

import jsonschema
import yaml

from kiosk.content.schema import SCHEMA_FILE, schema_text

ROOT = Path(__file__).resolve().parent.parent.parent


def test_shipped_schema_matches_the_model():
    shipped = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == schema_text(), "run `python main.py schema` after changing the model"


def test_demo_tour_validates_against_the_schema_and_points_to_it():
    text = (ROOT / "stops.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./stops.schema.json"
    jsonschema.validate(yaml.safe_load(text), json.loads(schema_text()))


def test_schema_catches_a_typo_an_editor_would_underline():
    tour = yaml.safe_load((ROOT / "stops.yaml").read_text(encoding="utf-8"))
    tour["stops"][0]["titel"] = tour["stops"][0].pop("title")
    errors = list(jsonschema.Draft202012Validator(json.loads(schema_text())).iter_errors(tour))
    assert any("titel" in e.message for e in errors)
