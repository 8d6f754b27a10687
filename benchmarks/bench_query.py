"""Benchmark: asking every role's ceiling against the analysis itself.

Target (issue: ask the ladder): ``ceiling`` for every role of a 100k-role ladder together
costs no more than the progression analysis; and ``routes`` is lazy: its first route
comes at once whatever the ladder's size.

    python benchmarks/bench_query.py [--sizes 1k,10k,100k]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import sys
import time
from pathlib import Path

import ladders
from ladders.analysis import Progression
from ladders.index import LadderIndex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_load import SIZES, ensure  # noqa: E402


def seconds(action: object) -> float:
    gc.collect()
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def measure(ladder: ladders.Ladder) -> tuple[float, float, float]:
    """(analysis, every ceiling after it, first route) in seconds, for one ladder."""
    # a fresh progression each time (ladder.progression is cached), as
    # ladders.analysis.progression(ladder) built it before the index moved to ladders.index
    analysis = min(seconds(lambda: Progression(LadderIndex(ladder))) for _ in range(3))
    ladder.progression  # noqa: B018 - computed once, as ceiling() uses it
    roles = list(ladder.roles)

    def every_ceiling() -> None:
        for role in roles:
            ladder.ceiling(role)

    ceilings = min(seconds(every_ceiling) for _ in range(2))
    first = seconds(lambda: list(itertools.islice(ladder.routes(roles[0]), 1)))
    return analysis, ceilings, first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k")
    args = parser.parse_args(argv)
    print(f"{'roles':>8} {'analysis':>9} {'all ceilings':>13} {'ratio':>6} {'first route':>12}")
    failed = False
    for size in args.sizes.split(","):
        path = ensure(size, "json")
        analysis, ceilings, first = measure(ladders.load(path))
        ratio = ceilings / analysis
        failed = failed or (size == "100k" and ratio > 1.0)
        print(
            f"{SIZES[size]:>8} {analysis:>8.3f}s {ceilings:>12.3f}s {ratio:>5.2f}x "
            f"{first * 1000:>10.2f}ms"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
