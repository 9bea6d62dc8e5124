"""What staff set at the kiosk overrides the museum's defaults, and bad values never break it."""

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
