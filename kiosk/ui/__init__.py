"""The visitor's screens, in Kivy. Nothing outside this package imports Kivy."""
