"""Start the ALZHIR audio-guide kiosk: `python main.py` (see `python main.py --help`)."""

import os
import sys

# Kivy reads the command line at import unless told not to; ours belongs to kiosk.cli.
os.environ.setdefault("KIVY_NO_ARGS", "1")

from kiosk.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
