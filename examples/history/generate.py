"""Generate a synthetic, pseudonymous job history for a ladder (seeded: the same arguments
always give the same file).

People are hired into entry roles (some are already there on the first day), stay in a
role for an exponentially distributed time, then move along one of the role's declared
moves or leave. A few knobs make the history tell a story, as real ones do:

- ``pull``: how much more likely a technical role's move into management is than its
  other moves (the "dual track on paper" of LAD401);
- ``back``: the weight of a management role's moves back to the technical track (0: no
  way back, LAD403);
- ``extra``: moves the ladder does not declare, with their weights (LAD402).

Person keys are a salted SHA-256 of a made-up employee number, as an HRIS export should
make them (see docs/observe.md). The example in this folder was made with::

    python examples/history/generate.py examples/healthy.yaml -o examples/history/healthy.csv

This script needs ``ladders`` only to read the ladder (:func:`plain_ladder`);
:func:`simulate` works on plain data, so benchmarks can use it on generated ladders.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import hashlib
import random
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = ["Role", "main", "plain_ladder", "simulate", "write_csv"]

#: role id -> {"rank": int, "management": bool, "entry": bool, "moves": [role ids]}
Role = dict[str, Any]

#: the story of the example history of healthy.yaml: who is pulled where
HEALTHY_STORY: dict[str, Any] = {
    # engineers are pulled into management, and managers never go back...
    "pull": 8.0,
    "back": 0.0,
    "extra": {
        # ...except in design, where the way back is used now and then
        ("design-manager", "designer-staff"): 0.5,
        ("senior-design-manager", "designer-lead"): 0.5,
        # moves the ladder does not declare
        ("designer-senior", "eng-senior"): 2.5,
        ("eng-3", "em"): 0.3,
    },
}


def plain_ladder(path: str | Path) -> dict[str, Role]:
    """The roles of a ladder file as plain data for :func:`simulate` (every declared move,
    written or implied)."""
    import ladders

    ladder = ladders.load(path)
    return {
        role: {
            "rank": ladder.rank(role),
            "management": ladder.track_kind(role) == "management",
            "entry": bool(item.entry),
            "moves": sorted(ladder.graph.successors(role)),
        }
        for role, item in ladder.roles.items()
    }


def _key(salt: str, number: int) -> str:
    return hashlib.sha256(f"{salt}:{number}".encode()).hexdigest()[:24]


def simulate(
    roles: Mapping[str, Role],
    *,
    people: int,
    years: int = 8,
    seed: int = 1,
    start: date = date(2017, 1, 1),
    stay_years: float = 2.5,
    leave_share: float = 0.25,
    pull: float = 1.0,
    back: float = 1.0,
    extra: Mapping[tuple[str, str], float] | None = None,
    present_share: float = 0.4,
) -> list[tuple[str, str, str, str]]:
    """Rows ``(person, date, role, event)`` sorted by date, for about ``people`` people.

    ``stay_years`` is the mean time in a role; ``leave_share`` the chance that what ends
    a spell is leaving; ``present_share`` the share of people already in a role on the
    first day (spread over every role, more at low ranks), the rest hired later into
    entry roles.
    """
    rng = random.Random(seed)
    salt = f"example-salt-{seed}"
    ids = sorted(roles)
    entry = [r for r in ids if roles[r]["entry"]] or [
        r for r in ids if roles[r]["rank"] == min(roles[x]["rank"] for x in ids)
    ]
    top = max(roles[r]["rank"] for r in ids)
    stock_weights = [2.0 ** (top - roles[r]["rank"]) for r in ids]
    extra = dict(extra or {})
    targets: dict[str, tuple[list[str], list[float]]] = {}
    for role in ids:
        item = roles[role]
        options: list[tuple[str, float]] = []
        for target in item["moves"]:
            if target == role or target not in roles:
                continue
            weight = 1.0
            to_management = roles[target]["management"]
            if not item["management"] and to_management:
                weight = pull
            elif item["management"] and not to_management:
                weight = back
            options.append((target, weight))
        options += [(b, w) for (a, b), w in extra.items() if a == role and b in roles]
        options = [(t, w) for t, w in options if w > 0]
        cumulative, total = [], 0.0
        for _, weight in options:
            total += weight
            cumulative.append(total)
        targets[role] = ([t for t, _ in options], cumulative)
    end = start + timedelta(days=round(years * 365.25))
    span = (end - start).days
    rows: list[tuple[str, str, str, str]] = []
    for number in range(people):
        key = _key(salt, number + 1000)
        if rng.random() < present_share:
            when = start
            role = rng.choices(ids, weights=stock_weights)[0]
        else:
            when = start + timedelta(days=rng.randrange(1, span))
            role = rng.choice(entry)
        rows.append((key, when.isoformat(), role, "hire"))
        while True:
            when += timedelta(days=max(1, round(rng.expovariate(1 / stay_years) * 365.25)))
            if when > end:
                break
            names, cumulative = targets[role]
            if not names or rng.random() < leave_share:
                rows.append((key, when.isoformat(), "", "exit"))
                break
            role = names[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
            rows.append((key, when.isoformat(), role, "move"))
    rows.sort(key=lambda row: row[1])
    return rows


def write_csv(rows: Sequence[tuple[str, str, str, str]], path: str | Path) -> None:
    """Write rows with the header ``person,date,role,event``."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("person", "date", "role", "event"))
        writer.writerows(rows)


def _lines(rows: Sequence[tuple[str, str, str, str]]) -> Iterator[str]:
    yield "person,date,role,event"
    for row in rows:
        yield ",".join(row)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ladder", help="the ladder file")
    parser.add_argument("-o", "--output", help="the CSV to write (default: standard output)")
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--years", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    story = HEALTHY_STORY if Path(args.ladder).name == "healthy.yaml" else {}
    rows = simulate(
        plain_ladder(args.ladder), people=args.people, years=args.years, seed=args.seed, **story
    )
    if args.output:
        write_csv(rows, args.output)
    else:
        sys.stdout.write("\n".join(_lines(rows)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
