"""Benchmark: ``ladders check`` of a small ladder, as a whole process, against the bare
start-up of its dependencies (``python -c "import networkx, pydantic, yaml"``).

Target (issue 4): at most 1.3x. A small ladder is checked in CI and in pre-commit on every
commit, where start-up is most of the cost; so ``import ladders`` stays lean (no click, no
reporters) and the CLI imports only the reporter it uses. Runs are interleaved; the
figures are medians.

    python benchmarks/bench_cli.py [--runs N] [--roles N] [FILE]
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

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate_ladder, write_yaml  # noqa: E402

TARGET = 1.3


def _cpu() -> float:
    """CPU seconds (user + system) used by finished child processes so far."""
    if resource is None:  # Windows: no rusage; wall time only
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _seconds(command: Sequence[str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``command``."""
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed, _cpu() - cpu


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="ladder to check (default: generated)")
    parser.add_argument("--runs", type=int, default=11, help="runs of each command (default 11)")
    parser.add_argument("--roles", type=int, default=30, help="roles of the generated ladder")
    args = parser.parse_args(argv)

    ladders_exe = shutil.which("ladders", path=os.path.dirname(sys.executable))
    if ladders_exe is None:
        raise SystemExit("the ladders entry point is not installed beside this Python")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.file is None:
            ladder = work / "ladder.yaml"
            write_yaml(generate_ladder(args.roles, seed=1), ladder)
        else:
            ladder = args.file.resolve()
        commands = {
            "import networkx, pydantic, yaml": [
                sys.executable,
                "-c",
                "import networkx, pydantic, yaml",
            ],
            f"ladders check {ladder.name}": [ladders_exe, "check", str(ladder)],
            # for attribution: the library alone, without the command line
            "import ladders": [sys.executable, "-c", "import ladders"],
        }
        for command in commands.values():  # warm the file system cache and .pyc files
            _seconds(command, work)
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                elapsed, used = _seconds(command, work)
                wall[name].append(elapsed)
                cpu[name].append(used)

    print(f"median of {args.runs} runs each, interleaved (wall time, then CPU time)")
    for name in commands:
        low, high = min(wall[name]) * 1000, max(wall[name]) * 1000
        print(
            f"  {name:<36} wall {statistics.median(wall[name]) * 1000:6.1f} ms "
            f"(min {low:.0f}, max {high:.0f})   cpu {statistics.median(cpu[name]) * 1000:6.1f} ms"
        )
    baseline, check = list(commands)[:2]
    for label, figures in (("wall", wall), ("cpu", cpu)):
        if not any(figures[baseline]):
            continue
        ratio = statistics.median(figures[check]) / statistics.median(figures[baseline])
        verdict = "within" if ratio <= TARGET else "OVER"
        print(f"ratio ({label}) {ratio:.2f}x: {verdict} the {TARGET}x target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
