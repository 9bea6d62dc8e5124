"""The kinds of file a tour may name, by the ending of their names."""

AUDIO_FORMATS = (".ogg", ".mp3", ".wav")
CAPTION_FORMATS = (".vtt",)
IMAGE_FORMATS = (".jpg", ".jpeg", ".png")

#: The key a path is written under in stops.yaml -> the endings a file there may have.
BY_KEY = {"audio": AUDIO_FORMATS, "captions": CAPTION_FORMATS, "file": IMAGE_FORMATS}
