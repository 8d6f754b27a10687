"""Print each job family's technical and management ceilings.

    python examples/scripts/family_ceilings.py examples/healthy.yaml

A family whose technical track stops below its management track is marked.
"""

from __future__ import annotations

import sys

import ladders


def main(path: str) -> int:
    ladder = ladders.load(path)
    summary = ladder.summary()
    names = {level.id: level.name or level.id for level in ladder.levels}
    for family in summary.families:
        technical = family.technical_ceiling
        management = family.management_ceiling
        mark = "" if family.balanced else "  <- technical track stops lower"
        print(
            f"{family.family or '(no family)'}: "
            f"technical {names.get(technical, '-') if technical else '-'}, "
            f"management {names.get(management, '-') if management else '-'}{mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
