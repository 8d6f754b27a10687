"""Benchmark: where ``ladders check`` stands against its peers, on the same files.

Peers, each run as a whole process on the same generated YAML ladder:

* ``check-jsonschema --schemafile S F``, S being what ``ladders schema`` prints: checks
  the structure only (no references, no progression);
* ``yamllint -d relaxed F``: checks the YAML only;
* a naive script: load the file (PyYAML's C loader), build a networkx graph, and for
  every technical role run a breadth-first search over the non-management roles to see
  whether it "can progress without management" (the per-role search DESIGN.md §3 calls
  a defect; here for comparison). It is :func:`naive` below, run by ``--naive FILE``.

Commands are alternated (A B C A B C ...); the figures are medians of ``--runs``, wall
and CPU time of the child. Prints figures; asserts nothing. check-jsonschema and
yamllint must be installed beside this Python (``pip install check-jsonschema yamllint``).

    python benchmarks/bench_peers.py [--sizes 1000,10000] [--runs 3] [--unhealthy]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main", "naive"]

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_floor import Runner, race  # noqa: E402
from generate import generate_ladder, write_yaml  # noqa: E402


def naive(path: str) -> tuple[int, int]:
    """Per-role search: (technical roles, those that cannot progress without management)."""
    import networkx as nx
    import yaml

    with open(path, encoding="utf-8") as file:
        data: dict[str, Any] = yaml.load(file, Loader=yaml.CSafeLoader)
    rank = {level["id"]: n for n, level in enumerate(data["levels"])}
    kinds = {track_id: track["kind"] for track_id, track in data["tracks"].items()}
    graph: nx.DiGraph[str] = nx.DiGraph()
    for role_id, role in data["roles"].items():
        graph.add_node(role_id, rank=rank[role["level"]], kind=kinds[role["track"]])
    for role_id, role in data["roles"].items():
        for move in role.get("moves", ()):
            target = move if isinstance(move, str) else move["to"]
            if target in graph:
                graph.add_edge(role_id, target)
    technical = stuck = 0
    for role_id, attrs in graph.nodes(data=True):
        if attrs["kind"] != "technical":
            continue
        technical += 1
        start = attrs["rank"]
        seen, todo, found = {role_id}, deque([role_id]), False
        while todo and not found:
            for target in graph.successors(todo.popleft()):
                node = graph.nodes[target]
                if target in seen or node["kind"] == "management":
                    continue
                if node["rank"] > start:
                    found = True
                    break
                seen.add(target)
                todo.append(target)
        stuck += not found
    return technical, stuck


def _exe(name: str) -> str | None:
    return shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="roles, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--unhealthy", action="store_true", help="ladders with findings")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per process")
    parser.add_argument("--naive", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.naive:
        technical, stuck = naive(args.naive)
        print(f"{stuck} of {technical} technical roles cannot progress without management")
        return 0

    tools = {name: _exe(name) for name in ("ladders", "check-jsonschema", "yamllint")}
    missing = [name for name, exe in tools.items() if exe is None]
    if missing:
        raise SystemExit(f"not installed beside this Python: {', '.join(missing)}")
    ladders, check_jsonschema, yamllint = (str(tools[name]) for name in tools)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # byte-code caches, as installed
        runner = Runner(args.timeout, 0, work, env)
        schema = work / "ladder.schema.json"
        schema.write_text(runner.output([ladders, "schema"]), encoding="utf-8")
        print(
            f"median of {args.runs} runs, commands alternated; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (noisy when shared)"
        )
        for size in (int(part) for part in args.sizes.split(",") if part.strip()):
            path = work / f"peers-{size}.yaml"
            write_yaml(generate_ladder(size, healthy=not args.unhealthy), path)
            commands = {
                "ladders check": [ladders, "check", str(path)],
                "check-jsonschema (ladders schema)": [
                    check_jsonschema,
                    "--schemafile",
                    str(schema),
                    str(path),
                ],
                "yamllint -d relaxed": [yamllint, "-d", "relaxed", str(path)],
                "naive networkx BFS per role": [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--naive",
                    str(path),
                ],
            }
            verdict = runner.output(commands["naive networkx BFS per role"]).strip()
            timings = race(runner, commands, args.runs, warm=size <= 10_000)
            base = timings["ladders check"]
            print(f"{size} roles ({path.stat().st_size / 1e6:.1f} MB YAML); naive: {verdict}")
            print(f"  {'':<36} {'wall':>9} {'cpu':>9}   vs ladders check (wall, cpu)")
            for name, timing in timings.items():
                wall, cpu = timing.median, timing.median_cpu
                print(
                    f"  {name:<36} {wall * 1000:7.0f}ms {cpu * 1000:7.0f}ms"
                    f"   {wall / base.median:5.2f}x {cpu / base.median_cpu:5.2f}x"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
