"""Anonymous figures on how the audio guide is used, for the museum's staff.

``EventLog`` keeps what visitors do (a stop opened, a narration finished, a language
chosen...) in a TinyDB file per month in the data folder, written by one background
thread so the screen never waits; ``Report`` turns those files into the figures the
staff panel and ``python main.py stats`` show. Nothing personal and no free text can be
recorded: ``kinds`` lists every event and field allowed. No Kivy here.
"""

from .events import EventLog
from .kinds import KINDS
from .report import Report, StopRow

__all__ = ["EventLog", "KINDS", "Report", "StopRow"]
