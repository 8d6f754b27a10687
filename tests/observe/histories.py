"""Helpers for the observe tests: ladders, long random person keys, random histories."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import ladders
from ladders import Ladder

#: two families with both tracks, declared returns in one, an undeclared-prone shape
LADDER = """\
levels: [L1, L2, L3, L4]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, family: eng, entry: true, moves: [senior, qa]}
  senior: {title: Senior Developer, track: ic, level: L2, family: eng, moves: [staff, lead]}
  staff: {title: Staff Engineer, track: ic, level: L3, family: eng, moves: [principal]}
  principal: {title: Principal Engineer, track: ic, level: L4, family: eng}
  lead: {title: Team Lead, track: mgmt, level: L2, family: eng, moves: [manager, senior]}
  manager: {title: Engineering Manager, track: mgmt, level: L3, family: eng, moves: [staff, director]}
  director: {title: Director, track: mgmt, level: L4, family: eng, moves: [principal]}
  qa: {title: Test Engineer, track: ic, level: L1, family: test, entry: true, moves: [qa-senior]}
  qa-senior: {title: Senior Test Engineer, track: ic, level: L2, family: test, moves: [qa-lead]}
  qa-lead: {title: Test Lead, track: mgmt, level: L3, family: test}
"""


def load(text: str = LADDER, name: str = "org.yaml") -> Ladder:
    return ladders.loads(text, source=name)


def person_keys(count: int, seed: int = 0) -> list[str]:
    """Long random person keys (40 hex digits): no count or date can pass for one."""
    rng = random.Random(seed)
    return [f"{rng.getrandbits(160):040x}" for _ in range(count)]


def random_rows(
    ladder: Ladder,
    seed: int,
    *,
    people: int = 60,
    extra_values: Sequence[str] = ("ghost", "Senior developer", "  dev "),
    managers: bool = False,
) -> list[tuple[str, str, str, str]]:
    """Rows in shuffled file order: spells on shared dates (so two spells of one person
    fall on one date), exits (some first), re-hires, unknown values and titles.

    With ``managers``, people follow the ladder's moves into management whenever they
    can and never back (so LAD401 and LAD403 have something to find)."""
    rng = random.Random(seed)
    values = [*ladder.roles, *extra_values]
    pool = sorted({date(2019, 1, 1) + timedelta(days=rng.randrange(0, 6 * 365)) for _ in range(25)})
    rows: list[tuple[str, str, str, str]] = []
    for key in person_keys(people, seed):
        when = rng.randrange(len(pool))
        role = rng.choice(values)
        for _ in range(rng.randrange(1, 7)):
            event = rng.choices(["", "hire", "move", "exit"], weights=[4, 1, 2, 1.2])[0]
            if rng.random() < 0.7:
                # mostly along the ladder's moves, as people do
                targets = list(ladder.graph.successors(role)) if role in ladder.roles else []
                if managers and role in ladder.roles:
                    up = [t for t in targets if ladder.track_kind(t) == "management"]
                    if ladder.track_kind(role) == "management":
                        role = rng.choice(up) if up else role  # never back
                        targets = []
                    elif up:
                        targets = up
                if targets or not managers or role not in ladder.roles:
                    role = (
                        rng.choice(targets)
                        if targets and rng.random() < 0.8
                        else rng.choice(values)
                    )
            rows.append((key, pool[when].isoformat(), "" if event == "exit" else role, event))
            when = min(len(pool) - 1, when + rng.choice([0, 1, 1, 2, 3]))
    rng.shuffle(rows)
    return rows


def write_rows(
    path: Path,
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = ("person", "date", "role", "event"),
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path
