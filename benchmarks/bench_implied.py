"""Benchmark: a compact ladder (``progression`` implies most moves) against the same
ladder with every move written out (``ladders export --explicit``), as whole
``ladders check`` processes.

Target (issue 13): the compact form checks in at most 1.0x the time of the explicit
one: expanding implied moves costs O(implied moves), no more than reading them would.
The ladder is the benchmarks' healthy generator at 100k roles; every generated move that
``progression: {promote: true, switch: true}`` implies is left out of the compact file.
Runs alternate (compact, explicit, compact, ...); the figures are medians.

    python benchmarks/bench_implied.py [--roles N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate_ladder, write_yaml  # noqa: E402

TARGET = 1.0


def compact_and_explicit(roles: int) -> tuple[dict[str, Any], dict[str, Any], int, int]:
    """(compact data, explicit data, written moves of the compact, implied moves)."""
    import ladders
    from ladders.exchange.data import ladder_data

    data = generate_ladder(roles, seed=13, healthy=True)
    bare = {**data, "progression": {"promote": True, "switch": True}}
    bare["roles"] = {
        role_id: {k: v for k, v in role.items() if k != "moves"}
        for role_id, role in data["roles"].items()
    }
    implied = {(m.source, m.target) for m in ladders.Ladder.from_data(bare).implied_moves}
    compact = {**bare, "roles": {}}
    written = 0
    for role_id, role in data["roles"].items():
        kept = [m for m in role.get("moves", ()) if (role_id, _target(m)) not in implied]
        compact["roles"][role_id] = {**bare["roles"][role_id], **({"moves": kept} if kept else {})}
        written += len(kept)
    explicit = ladder_data(ladders.Ladder.from_data(compact), explicit=True)
    return compact, explicit, written, len(implied)


def _target(move: Any) -> str:
    return str(move["to"] if isinstance(move, dict) else move)


def _run(path: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ladders", "check", "--fail-on", "never", str(path)],
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ladders check {path} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    compact, explicit, written, implied = compact_and_explicit(args.roles)
    with tempfile.TemporaryDirectory(prefix="ladders-bench-") as folder:
        compact_path, explicit_path = Path(folder, "compact.yaml"), Path(folder, "explicit.yaml")
        write_yaml(compact, compact_path)
        write_yaml(explicit, explicit_path)
        times: dict[Path, list[float]] = {compact_path: [], explicit_path: []}
        for _ in range(args.runs):
            for path in (compact_path, explicit_path):
                times[path].append(_run(path))
        sizes = {p: p.stat().st_size / 1e6 for p in times}
    compact_s, explicit_s = (statistics.median(times[p]) for p in (compact_path, explicit_path))
    ratio = compact_s / explicit_s
    print(
        f"{args.roles:,} roles: compact file {sizes[compact_path]:.1f} MB with {written:,} "
        f"written moves + {implied:,} implied; explicit file {sizes[explicit_path]:.1f} MB"
    )
    print(f"ladders check, median of {args.runs} alternated runs:")
    print(f"  compact  {compact_s:6.2f} s")
    print(f"  explicit {explicit_s:6.2f} s")
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"  ratio compact/explicit {ratio:.2f}x (target <= {TARGET:.1f}x): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
