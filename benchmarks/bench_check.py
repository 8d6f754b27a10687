"""Benchmark: the analysis and every rule on generated ladders of 1k to 1M roles.

Prints figures; asserts nothing (tests never assert wall time). Targets (issue 3):

* growth is linear: checking 1M roles costs at most 12x checking 100k;
* ``ladders.check_file`` of a 100k-role JSON ladder costs at most 4x a bare
  ``json.load`` of the same file.

Each size runs in its own subprocess, so that its peak memory (``ru_maxrss``) is its
own. Ladders come from ``benchmarks/generate.py`` (about 5 moves per role), written as
JSON and read with ``ladders.load``. Times are CPU-bound wall times, best of
``--repeat`` runs (one run for 1M).

    python benchmarks/bench_check.py [--sizes 1k,10k,100k,1M] [--repeat 3] [--unhealthy]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}


def _best(
    action: Callable[[], Any], repeat: int, before: Callable[[], None]
) -> tuple[float, float]:
    """Best wall time and best CPU time (``process_time``: less hurt by other processes)."""
    walls, cpus = [], []
    for _ in range(repeat):
        before()
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_size(roles: int, repeat: int, healthy: bool) -> dict[str, Any]:
    """Run in a child process: load one generated ladder, time analysis and check."""
    sys.path.insert(0, str(HERE))
    from generate import generate_ladder, write_json

    import ladders
    from ladders.analysis import Progression, reachable
    from ladders.index import LadderIndex

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ladder-{roles}.json"
        data = generate_ladder(roles, healthy=healthy)
        write_json(data, path)
        moves = sum(len(role.get("moves", ())) for role in data["roles"].values())
        del data
        gc.collect()
        # The machine's own growth, for reference: a bare C-level parse of the same file.
        text = [path.read_text(encoding="utf-8")]
        json_time, json_cpu = _best(lambda: json.loads(text[0]), repeat, lambda: None)
        text.clear()
        gc.collect()
        ladder = ladders.load(path)
    rss_loaded = _maxrss_mb()

    def forget() -> None:
        # the ladder caches its index and facts; drop them so that each run starts cold
        object.__setattr__(ladder, "_facts", None)

    def analysis() -> None:
        index = LadderIndex(ladder)
        progression = Progression(index)
        progression.highest_without_management  # noqa: B018 (runs the sweep)
        progression.highest  # noqa: B018
        reachable(index)

    gc.disable()  # as ladders.check does; keeps the analysis runs comparable
    analysis_time, analysis_cpu = _best(analysis, repeat, forget)
    gc.enable()
    findings: list[Any] = []

    def check() -> None:
        findings[:] = ladders.check(ladder)

    check_time, check_cpu = _best(check, repeat, forget)
    return {
        "roles": roles,
        "moves": moves,
        "analysis_s": analysis_time,
        "analysis_cpu_s": analysis_cpu,
        "check_s": check_time,
        "check_cpu_s": check_cpu,
        "json_loads_s": json_time,
        "json_loads_cpu_s": json_cpu,
        "findings": len(findings),
        "rss_after_load_mb": rss_loaded,
        "rss_peak_mb": _maxrss_mb(),
    }


def measure_file(roles: int, repeat: int) -> dict[str, Any]:
    """Run in a child process: check_file of a JSON ladder vs json.load, interleaved."""
    sys.path.insert(0, str(HERE))
    from generate import generate_ladder, write_json

    import ladders

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ladder-{roles}.json"
        write_json(generate_ladder(roles), path)
        gc.collect()
        bare, whole, bare_cpu, whole_cpu = [], [], [], []
        for _ in range(repeat):
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            with open(path, encoding="utf-8") as file:
                json.load(file)
            bare.append(time.perf_counter() - start)
            bare_cpu.append(time.process_time() - cpu)
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            findings = ladders.check_file(path)
            whole.append(time.perf_counter() - start)
            whole_cpu.append(time.process_time() - cpu)
    return {
        "roles": roles,
        "json_load_s": min(bare),
        "check_file_s": min(whole),
        "json_load_cpu_s": min(bare_cpu),
        "check_file_cpu_s": min(whole_cpu),
        "findings": len(findings),
    }


def _child(kind: str, roles: int, repeat: int, healthy: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, str(roles), str(repeat)]
    if not healthy:
        command.append("--unhealthy")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k,1M")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--unhealthy", action="store_true", help="ladders with findings")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "ROLES", "REPEAT"))
    args = parser.parse_args(argv)
    healthy = not args.unhealthy
    if args.child:
        kind, roles, repeat = args.child[0], int(args.child[1]), int(args.child[2])
        measure = measure_size if kind == "size" else None
        if measure is not None:
            result = measure(roles, repeat, healthy)
        else:
            result = measure_file(roles, repeat)
        print(json.dumps(result))
        return 0

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    print(f"ladders check benchmark ({'healthy' if healthy else 'unhealthy'} ladders)")
    print(
        f"{'size':>6} {'moves':>9} {'analysis':>10} {'check':>10} {'check cpu':>10} "
        f"{'findings':>9} {'rss load':>9} {'rss peak':>9}"
    )
    results: dict[str, dict[str, Any]] = {}
    for size in sizes:
        repeat = 1 if SIZES[size] >= 1_000_000 else args.repeat
        result = results[size] = _child("size", SIZES[size], repeat, healthy)
        print(
            f"{size:>6} {result['moves']:>9} {result['analysis_s']:>9.3f}s "
            f"{result['check_s']:>9.3f}s {result['check_cpu_s']:>9.3f}s {result['findings']:>9} "
            f"{result['rss_after_load_mb']:>7.0f}MB {result['rss_peak_mb']:>7.0f}MB"
        )
    if "100k" in results and "1M" in results:
        big, small = results["1M"], results["100k"]
        print(
            f"1M / 100k: check {big['check_s'] / small['check_s']:.1f}x wall, "
            f"{big['check_cpu_s'] / small['check_cpu_s']:.1f}x cpu; analysis "
            f"{big['analysis_s'] / small['analysis_s']:.1f}x wall (target: at most 12x)"
        )
        print(
            f"           for reference, json.loads of the same files grows "
            f"{big['json_loads_s'] / small['json_loads_s']:.1f}x wall, "
            f"{big['json_loads_cpu_s'] / small['json_loads_cpu_s']:.1f}x cpu on this machine"
        )
    if "100k" in sizes:
        whole = _child("file", SIZES["100k"], args.repeat, True)
        ratio = whole["check_file_s"] / whole["json_load_s"]
        cpu = whole["check_file_cpu_s"] / whole["json_load_cpu_s"]
        print(
            f"check_file(100k JSON) {whole['check_file_s']:.3f}s vs json.load "
            f"{whole['json_load_s']:.3f}s: {ratio:.2f}x wall, {cpu:.2f}x cpu (target: at most 4x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
