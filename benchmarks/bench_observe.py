"""Benchmark: ``ladders observe`` of a 100k-person, 10-year history (about 270k rows) over a
~60-role ladder, as a whole process, against a bare ``csv.reader`` pass over the same file
plus a ``ladders check`` of the ladder (two processes, their times added).

Target (issue 16): at most 4x. The history is read into compact per-person arrays (no row
objects), sorted with numpy and replayed person by person. Runs are alternated; the
figures are medians.

    python benchmarks/bench_observe.py [--runs N] [--people N] [--years N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate_ladder, write_yaml  # noqa: E402

TARGET = 4.0


def _history_module():  # type: ignore[no-untyped-def]
    # examples/history/generate.py, the seeded history generator (a second "generate")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "history_generate", HERE.parent / "examples" / "history" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _seconds(command: Sequence[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--roles", type=int, default=60)
    args = parser.parse_args(argv)

    ladders_exe = shutil.which("ladders", path=os.path.dirname(sys.executable))
    if ladders_exe is None:
        raise SystemExit("the ladders entry point is not installed beside this Python")
    history_generate = _history_module()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        ladder = work / "ladder.yaml"
        write_yaml(generate_ladder(args.roles, families=2, levels=8, seed=1), ladder)
        history = work / "history.csv"
        started = time.perf_counter()
        rows = history_generate.simulate(
            history_generate.plain_ladder(ladder),
            people=args.people,
            years=args.years,
            seed=1,
            stay_years=4.0,
            leave_share=0.3,
        )
        history_generate.write_csv(rows, history)
        print(
            f"generated {len(rows):,} rows for {args.people:,} people over {args.years} years "
            f"({history.stat().st_size / 2**20:.1f} MB) in {time.perf_counter() - started:.1f} s"
        )
        del rows
        csv_pass = (
            "import csv, sys\n"
            "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
            "    for row in csv.reader(f): pass\n"
        )
        commands = {
            "csv.reader pass": [sys.executable, "-c", csv_pass, str(history)],
            "ladders check": [ladders_exe, "check", str(ladder)],
            "ladders observe": [ladders_exe, "observe", str(ladder), str(history)],
        }
        for command in commands.values():  # warm the file system cache and .pyc files
            _seconds(command, work)
        wall: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall[name].append(_seconds(command, work))

    print(f"median of {args.runs} runs each, alternated (wall time)")
    medians = {name: statistics.median(times) for name, times in wall.items()}
    for name, median in medians.items():
        print(f"  {name:<18} {median * 1000:8.0f} ms")
    baseline = medians["csv.reader pass"] + medians["ladders check"]
    ratio = medians["ladders observe"] / baseline
    verdict = "within" if ratio <= TARGET else "OVER"
    print(
        f"ladders observe / (csv.reader pass + ladders check) = {ratio:.2f}x: "
        f"{verdict} the {TARGET:.0f}x target"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
