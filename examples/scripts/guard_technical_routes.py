"""Fail if a change takes away a route forward that does not go through management.

    python examples/scripts/guard_technical_routes.py OLD.yaml NEW.yaml

Compares two versions of a ladder (say, main and a pull request) and exits 1 when a
role that could progress without management before cannot now, or reaches a lower
level that way. ``ladders diff OLD NEW`` does the same from the command line.
"""

from __future__ import annotations

import sys

import ladders


def main(old_path: str, new_path: str) -> int:
    change = ladders.diff(ladders.load(old_path), ladders.load(new_path))
    for regression in change.regressions:
        print(f"regression: {regression.message}")
    for role_id in change.roles_removed:
        print(f"removed role: {role_id}")
    if not change.regressions:
        print("no role lost a route forward without management")
    return 1 if change.regressions else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
