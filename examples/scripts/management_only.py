"""List every role whose only way up is through management.

    python examples/scripts/management_only.py examples/senior-ceiling.yaml

Prints one line per technical role below its family's technical ceiling that can
progress, but not without becoming a manager (what rule LAD101 reports). Exits 1 when
there is any, so it can guard a pipeline.
"""

from __future__ import annotations

import sys

import ladders


def main(path: str) -> int:
    ladder = ladders.load(path)
    ranks = ladder.ranks
    technical_top = {
        family.family: ranks[family.technical_ceiling]
        for family in ladder.summary(findings=[]).families
        if family.technical_ceiling is not None
    }
    stuck = []
    for role_id, role in ladder.roles.items():
        if ladder.track_kind(role_id) != "technical":
            continue
        if ladder.rank(role_id) >= technical_top[role.family]:
            continue  # at the top of its family's technical track already
        progress = ladder.progression[role_id]
        if progress.can_progress and not progress.can_progress_without_management:
            stuck.append(role_id)
            print(
                f"{role.title} ({role_id}, {role.level}): up to {progress.highest} only "
                f"through management, e.g. {' -> '.join(progress.route)}"
            )
    if not stuck:
        print("every technical role that can progress can do so without managing people")
    return 1 if stuck else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
