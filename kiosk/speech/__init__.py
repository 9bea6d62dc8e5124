"""The spoken guide for visitors who cannot see the screen: its keys and words (guide),
the recordings it says (phrases, prompts) and its voice (speaker). No Kivy here."""
