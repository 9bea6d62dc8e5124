"""The tour's own file, and the kinds of file it may name, by the ending of their names."""

#: The file staff write the tour in, at the top of the content folder.
TOUR_FILE = "stops.yaml"

AUDIO_FORMATS = (".ogg", ".mp3", ".wav")
CAPTION_FORMATS = (".vtt",)
IMAGE_FORMATS = (".jpg", ".jpeg", ".png")

#: The key a path is written under in stops.yaml -> the endings a file there may have.
BY_KEY = {"audio": AUDIO_FORMATS, "captions": CAPTION_FORMATS, "file": IMAGE_FORMATS}
