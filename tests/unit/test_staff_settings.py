"""What staff set at the kiosk overrides the museum's defaults, and bad values never break it."""

import pytest

from kiosk.content.model import KioskSettings
from kiosk.staff_settings import StaffSettings


def test_saved_settings_override_the_defaults_after_a_restart(tmp_path):
    StaffSettings(tmp_path).save(idle_timeout=120, default_volume=0.5)
    settings = StaffSettings(tmp_path).apply(KioskSettings())
    assert (settings.idle_timeout, settings.default_volume, settings.countdown) == (120, 0.5, 20)


def test_damaged_or_invalid_settings_fall_back_to_the_defaults(tmp_path):
    (tmp_path / "staff-settings.json").write_text("{not json", encoding="utf-8")
    assert StaffSettings(tmp_path).apply(KioskSettings()) == KioskSettings()
    (tmp_path / "staff-settings.json").write_text('{"idle_timeout": 2}', encoding="utf-8")
    assert StaffSettings(tmp_path).apply(KioskSettings()).idle_timeout == 90
    (tmp_path / "staff-settings.json").write_text('{"max_volume": 0.1}', encoding="utf-8")
    assert StaffSettings(tmp_path).apply(KioskSettings()).max_volume == 1.0  # not editable


def test_where_the_kiosk_stands_is_kept_beside_the_other_settings(tmp_path):
    settings = StaffSettings(tmp_path)
    assert settings.here() is None  # not set: the map opens on the first plan, no marker
    settings.save(idle_timeout=120)
    settings.save_here("grounds", 0.25, 1.7)  # a tap just past the edge lands on it
    again = StaffSettings(tmp_path)  # after a restart
    assert again.here() == ("grounds", 0.25, 1.0)
    assert again.load() == {"idle_timeout": 120}
    again.save(default_volume=0.5)
    assert again.here() == ("grounds", 0.25, 1.0)


@pytest.mark.parametrize("stored", [
    '{"here": "grounds"}', '{"here": {"map": "grounds", "x": 0.5}}',
    '{"here": {"map": 7, "x": 0.5, "y": 0.5}}', '{"here": {"map": "g", "x": 2, "y": 0.5}}',
    '{"here": {"map": "g", "x": "left", "y": 0.5}}', '[1, 2]', '{not json',
])
def test_a_damaged_place_is_no_place(tmp_path, stored):
    (tmp_path / "staff-settings.json").write_text(stored, encoding="utf-8")
    assert StaffSettings(tmp_path).here() is None
