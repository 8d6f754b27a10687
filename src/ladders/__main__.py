"""``python -m ladders``: the command line (with a normal interpreter exit, so that
``python -m cProfile -m ladders ...`` and coverage see the end of the run)."""

from __future__ import annotations

import sys

from ladders.cli import main

if __name__ == "__main__":
    sys.exit(main())
