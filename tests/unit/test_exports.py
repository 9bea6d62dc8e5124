"""Exports go to a plugged-in USB stick when there is one, else to the data folder."""

from kiosk.exports import export_folders


def test_removable_drives_come_first_and_the_data_folder_last(tmp_path):
    media = tmp_path / "media"
    (media / "guide" / "USB STICK").mkdir(parents=True)
    folders = export_folders(tmp_path / "data", roots=(str(media),))
    assert folders == [media / "guide" / "USB STICK", tmp_path / "data" / "exports"]


def test_without_drives_only_the_data_folder_is_offered(tmp_path):
    assert export_folders(tmp_path / "data", roots=(str(tmp_path / "none"),)) == [
        tmp_path / "data" / "exports"]
