"""Where several kiosks share one tour, the staff panel says what this kiosk made of the
staff computer's last new version: taken, or refused with its mistakes while the last
good tour stays on screen (the fleet service writes the verdict into the data folder)."""

import pytest

from kiosk.fleet.intake import Verdict
from kiosk.fleet.kiosk_round import PANEL_VERDICT
from tests.ui.conftest import open_staff_panel

MISTAKE = ("stops.yaml:31:14: the file 'assets/audio/en/stop-1-new.ogg' does not exist; "
           "check the name, or copy the file into the content folder")


def write_verdict(tmp_path, verdict):
    (tmp_path / "data" / PANEL_VERDICT).write_text(verdict.to_json(), encoding="utf-8")


@pytest.fixture
def refused(staffed, tmp_path):
    """The staffed kiosk once the fleet service refused the staff computer's new version
    for ``MISTAKE``, keeping the tour it shows."""
    write_verdict(tmp_path, Verdict("refused", "b" * 16, "a" * 16, [MISTAKE],
                                    when="2026-12-03T09:30:00+00:00"))
    return staffed


def test_a_refused_version_and_its_mistakes_are_on_the_panel(refused):
    pilot = refused
    pilot.app.set_language("en")
    open_staff_panel(pilot)
    status = pilot.text("staff_tour_status")
    assert "The tour is up to date." not in status  # the staff computer has a newer one
    assert "was not taken: it has mistakes (below)" in status
    assert "This kiosk keeps showing its last good tour." in status
    assert pilot.text("staff_problems").startswith(
        "New version from the staff computer: stops.yaml:31:14: the file "
        "'assets/audio/en/stop-1-new.ogg' does not exist")


def test_the_verdict_is_in_the_staff_language_and_a_taken_one_says_when(refused, tmp_path):
    pilot = refused
    pilot.app.set_language("ru")
    open_staff_panel(pilot)
    assert "не принята: в ней есть ошибки" in pilot.text("staff_tour_status")
    assert pilot.text("staff_problems").startswith("Новая версия с компьютера сотрудников:")
    write_verdict(tmp_path, Verdict("taken", "b" * 16, "b" * 16,
                                    when="2026-12-03T09:35:00+00:00"))
    pilot.app.staff.refresh()
    status = pilot.text("staff_tour_status")
    assert "Получена с компьютера сотрудников: 2026-12-03" in status
    assert "не принята" not in status and "Показана текущая версия экскурсии." in status
    assert "Новая версия" not in pilot.text("staff_problems")


def test_a_kiosk_that_is_not_in_a_fleet_says_nothing_of_it(staffed):
    pilot = staffed
    pilot.app.set_language("en")
    open_staff_panel(pilot)
    assert "staff computer" not in pilot.text("staff_tour_status")
