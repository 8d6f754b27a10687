"""Benchmark: loading and validating ladders against a bare parse of the same file.

Targets (issue: foundation): loading the 10k-role YAML file costs at most 1.5x a bare
PyYAML C-loader ``yaml.load`` of it; the 100k-role JSON file at most 3x ``json.load``.
Both are measured in one run, interleaved, best of several repeats.

    python benchmarks/bench_load.py [--repeat N] [--sizes 1k,10k,100k]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import ladders

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate_ladder, write_json, write_yaml  # noqa: E402

DATA = HERE / "data"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
TARGETS = {("10k", "yaml"): 1.5, ("100k", "json"): 3.0}


def ensure(size: str, fmt: str) -> Path:
    """The generated ladder file of this size and format, written once."""
    path = DATA / f"ladder-{size}.{fmt}"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        data = generate_ladder(SIZES[size])
        (write_yaml if fmt == "yaml" else write_json)(data, path)
    return path


def best(action: Callable[[], Any], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, collecting garbage between runs."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mib(action: Callable[[], Any]) -> float:
    """Peak traced memory of one run, in MiB."""
    gc.collect()
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def bare(path: Path, fmt: str) -> Callable[[], Any]:
    if fmt == "json":
        return lambda: json.load(path.open(encoding="utf-8"))
    return lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1k,10k,100k")
    args = parser.parse_args(argv)
    print(
        f"{'file':<20} {'roles':>8} {'ladders.load':>13} {'bare parse':>11} {'ratio':>6}"
        f" {'target':>7} {'peak MiB':>9}"
    )
    failed = False
    for size in args.sizes.split(","):
        for fmt in ("yaml", "json"):
            repeat = max(1, args.repeat // 3) if size == "100k" and fmt == "yaml" else args.repeat
            path = ensure(size, fmt)
            ours = best(lambda p=path: ladders.load(p), repeat)  # type: ignore[misc]
            theirs = best(bare(path, fmt), repeat)
            ratio = ours / theirs
            target = TARGETS.get((size, fmt))
            verdict = (
                "" if target is None else f"<={target}x" + (" ok" if ratio <= target else " MISS")
            )
            failed = failed or (target is not None and ratio > target)
            peak = peak_mib(lambda p=path: ladders.load(p))  # type: ignore[misc]
            print(
                f"{path.name:<20} {SIZES[size]:>8} {ours:>12.3f}s {theirs:>10.3f}s "
                f"{ratio:>5.2f}x {verdict:>7} {peak:>9.1f}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
