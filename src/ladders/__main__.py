"""``python -m ladders``: the command line."""

from __future__ import annotations

from ladders.cli import run

if __name__ == "__main__":
    run()
