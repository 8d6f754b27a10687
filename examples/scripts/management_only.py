"""List every technical role whose only way up is through management.

    python examples/scripts/management_only.py examples/senior-ceiling.yaml

Prints one line per stuck specialist (the roles rule LAD101 reports), with why: higher
technical roles exist but only routes through management reach them; the technical
track of the family ends at the role's level while management goes higher; or the only
way up is a management role of another family. Exits 1 when there is any, so it can
guard a pipeline.
"""

from __future__ import annotations

import sys

import ladders

WHY = {
    "through-management": "higher technical roles exist, but only through management",
    "track-ends": "the technical track ends here while management goes higher",
    "other-family": "the only way up is a management role of another family",
}


def main(path: str) -> int:
    ladder = ladders.load(path)
    stuck = ladder.management_only_roles()
    for found in stuck:
        role = ladder.roles[found.role]
        via = f" (via {found.via})" if found.via else ""
        print(f"{role.title} ({found.role}, {role.level}): {WHY[found.reason]}{via}")
    if not stuck:
        print("every technical role has a way up that does not require managing people")
    return 1 if stuck else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
