"""Benchmark: how close ``ladders`` runs to the floor (issue 19), every row with its target.

Each row is a ratio measured in one run: whole processes, the commands of a row
alternated (A B A B ...), medians of ``--runs`` (default 3). Wall and CPU time of each
child are both taken; the verdict uses wall time (``--by cpu``: CPU time, steadier when
other work shares the machine), the other ratio is printed beside it. Rows:

* ``json``     check of a 100k-role JSON ladder with findings (as generated, one line,
               indented) vs ``python -c "import json; json.load(open(F))"``: <= 3.5x
               (0 findings, for information)
* ``yaml``     check of a 10k-role YAML ladder vs the libyaml event stream of the same
               file (``yaml.parse(f, Loader=yaml.CSafeLoader)``, events only): <= 2.5x
* ``unknown``  check of a 10k-role ladder with 1% of its roles deleted (about 500 unknown
               move targets, each with a did-you-mean) vs the intact file, YAML and
               JSON: <= 1.5x
* ``paths``    ``ladders paths`` from a top role, and ``--to`` an unreachable role, on a
               1k-role ladder vs ``ladders check`` of it: <= 2x
* ``commands`` ``import-csv`` (of what ``export --format csv`` wrote), ``export --format
               graphml`` and ``diff`` (1% of roles changed) on 10k roles vs ``ladders
               check``: <= 2.5x each
* ``memory``   peak RSS of ``ladders.check_file`` on a 200k-role JSON ladder with
               findings, above an interpreter that has imported ``ladders``, vs
               ``json.load``'s peak on the same file above a bare interpreter: <= 2x
* ``growth``   check time of a JSON ladder with findings, 100k -> 1M roles: <= 11x
* ``small``    check of a 30-role file vs ``yamllint -d relaxed`` of it: <= 1.5x

Memory is the peak resident set the operating system charges the process
(``ru_maxrss``) after the work, less the resident set just before it (``/proc/self/statm``;
``ru_maxrss`` where there is no /proc), both read in the child: so C-level buffers
(libyaml, numpy, the JSON text) count as much as Python objects, which tracemalloc would
miss (it also slows the run several times). Prints figures; asserts nothing.

    python benchmarks/bench_floor.py [--runs 3] [--only json,yaml,...] [--skip-1m]
    python benchmarks/bench_floor.py --quick        # small sizes, a minute or two
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

__all__ = ["Runner", "Timing", "main", "race"]

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate_ladder, write_json, write_yaml  # noqa: E402

ROWS = ("json", "yaml", "unknown", "paths", "commands", "memory", "growth", "small")
OK_CODES = (0, 1)  # a check with findings exits 1


# --- running processes -------------------------------------------------------


def _cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Runner:
    """Runs child processes one at a time, with a time and an address-space limit."""

    timeout: float
    memory_gb: float
    work: Path
    env: dict[str, str] | None = None

    def _limit(self) -> None:  # pragma: no cover - runs in the child
        if resource is not None and self.memory_gb > 0:
            limit = int(self.memory_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    def run(
        self, command: Sequence[str], *, stdout: Any = subprocess.DEVNULL
    ) -> tuple[float, float]:
        """(wall, CPU) seconds of one run; ``inf`` for a run over the time limit."""
        cpu = _cpu()
        start = time.perf_counter()
        try:
            done = subprocess.run(
                command,
                cwd=self.work,
                stdout=stdout,
                stderr=subprocess.PIPE,
                check=False,
                timeout=self.timeout,
                env=self.env,
                preexec_fn=self._limit if os.name == "posix" else None,
            )
        except subprocess.TimeoutExpired:
            return math.inf, math.inf
        elapsed = time.perf_counter() - start
        if done.returncode not in OK_CODES:
            message = done.stderr.decode(errors="replace").strip().splitlines()
            raise SystemExit(
                f"{' '.join(map(str, command))} exited {done.returncode}: "
                f"{message[-1] if message else ''}"
            )
        return elapsed, _cpu() - cpu

    def output(self, command: Sequence[str]) -> str:
        done = subprocess.run(
            command,
            cwd=self.work,
            capture_output=True,
            text=True,
            check=False,
            timeout=self.timeout,
            env=self.env,
        )
        if done.returncode not in OK_CODES:
            raise SystemExit(f"{' '.join(map(str, command))} failed: {done.stderr.strip()}")
        return done.stdout


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def race(
    runner: Runner, commands: Mapping[str, Sequence[str]], runs: int, *, warm: bool = False
) -> dict[str, Timing]:
    """Run every command ``runs`` times, alternated (A B C A B C ...)."""
    if warm:  # file cache and .pyc files
        for command in commands.values():
            runner.run(command)
    timings = {name: Timing() for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            wall, cpu = runner.run(command)
            timings[name].wall.append(wall)
            timings[name].cpu.append(cpu)
    return timings


# --- printing ----------------------------------------------------------------


@dataclass
class Result:
    row: str
    label: str
    ratio: float
    target: float | None
    cpu_ratio: float | None = None
    detail: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "(info)"
        ratio = self.cpu_ratio if BY_CPU and self.cpu_ratio is not None else self.ratio
        return "meets" if ratio <= self.target else "MISSES"


RESULTS: list[Result] = []
BY_CPU = False  # --by cpu: verdicts on CPU time (other work on the machine hurts it less)


def _ms(seconds: float) -> str:
    if math.isinf(seconds):
        return "timeout"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def report(
    row: str,
    label: str,
    timings: dict[str, Timing],
    numerator: str,
    denominator: str,
    target: float | None,
) -> Result:
    a, b = timings[numerator], timings[denominator]
    ratio = a.median / b.median
    cpu_ratio = a.median_cpu / b.median_cpu if b.median_cpu > 0 else None
    detail = f"{_ms(a.median)} vs {_ms(b.median)}"
    result = Result(row, label, ratio, target, cpu_ratio, detail)
    _print(result)
    RESULTS.append(result)
    return result


def _print(result: Result) -> None:
    target = f"<= {result.target:g}x" if result.target is not None else ""
    ratio = "inf" if math.isinf(result.ratio) else f"{result.ratio:.2f}x"
    cpu = "" if result.cpu_ratio is None else f"cpu {result.cpu_ratio:.2f}x"
    print(
        f"  {result.label:<58} {ratio:>8} {target:>8}  {result.verdict:<7} {cpu:<11} "
        f"{result.detail}",
        flush=True,
    )


def _note(text: str) -> None:
    print(f"    {text}", flush=True)


# --- ladders to measure ------------------------------------------------------


def one_line_json(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def indented_json(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def delete_roles(data: dict[str, Any], share: float, seed: int = 1) -> tuple[dict[str, Any], int]:
    """A copy of ``data`` without ``share`` of its roles (chosen at random; moves to them
    are kept, so each becomes an unknown move target); and the number of such moves."""
    roles = data["roles"]
    gone = set(random.Random(seed).sample(sorted(roles), max(1, round(len(roles) * share))))
    kept = {role_id: role for role_id, role in roles.items() if role_id not in gone}
    dangling = sum(target in gone for role in kept.values() for target in role["moves"])
    return {**data, "roles": kept}, dangling


def change_roles(data: dict[str, Any], share: float, seed: int = 2) -> dict[str, Any]:
    """A copy of ``data`` with ``share`` of its roles changed: half get a new title,
    half lose their last move."""
    roles = dict(data["roles"])
    chosen = random.Random(seed).sample(sorted(roles), max(1, round(len(roles) * share)))
    for n, role_id in enumerate(chosen):
        role = dict(roles[role_id])
        if n % 2 == 0 or not role["moves"]:
            role["title"] = f"{role['title']} (renamed)"
        else:
            role["moves"] = role["moves"][:-1]
        roles[role_id] = role
    return {**data, "roles": roles}


def top_and_unreachable(data: dict[str, Any]) -> tuple[str, str, str]:
    """(a role at the highest level, an entry role of the lowest level, a role that no
    move reaches and that is not the first)."""
    roles = data["roles"]
    order = [level["id"] for level in data["levels"]]
    top = max(roles, key=lambda role_id: (order.index(roles[role_id]["level"]), role_id))
    bottom = min(roles, key=lambda role_id: (order.index(roles[role_id]["level"]), role_id))
    targets = {target for role in roles.values() for target in role["moves"]}
    unreached = [role_id for role_id in roles if role_id not in targets and role_id != bottom]
    if not unreached:
        raise SystemExit("the generated ladder has no role that no move reaches")
    return top, bottom, unreached[-1]


# --- rows ----------------------------------------------------------------------


@dataclass
class Bench:
    args: argparse.Namespace
    runner: Runner
    ladders: str
    python: str = sys.executable

    @property
    def work(self) -> Path:
        return self.runner.work

    def check(self, path: Path) -> list[str]:
        return [self.ladders, "check", str(path)]

    def json_rows(self) -> None:
        roles = self.args.json_roles
        print(f"check of a {roles}-role JSON ladder vs json.load of it (processes)")
        unhealthy = generate_ladder(roles, healthy=False)
        files = {
            "as generated": self.work / "floor-json.json",
            "one line": self.work / "floor-json-line.json",
            "indented": self.work / "floor-json-indented.json",
        }
        write_json(unhealthy, files["as generated"])
        one_line_json(unhealthy, files["one line"])
        indented_json(unhealthy, files["indented"])
        del unhealthy
        healthy = self.work / "floor-json-healthy.json"
        write_json(generate_ladder(roles), healthy)
        files["0 findings"] = healthy
        commands: dict[str, Sequence[str]] = {}
        for name, path in files.items():
            commands[f"check {name}"] = self.check(path)
            commands[f"json.load {name}"] = [
                self.python,
                "-c",
                "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))",
                str(path),
            ]
        timings = race(self.runner, commands, self.args.runs)
        for name in files:
            target = None if name == "0 findings" else 3.5
            findings = "0 findings" if name == "0 findings" else f"with findings, {name}"
            report(
                "json",
                f"check {roles // 1000}k JSON ({findings}) / json.load",
                timings,
                f"check {name}",
                f"json.load {name}",
                target,
            )

    def yaml_row(self) -> None:
        roles = self.args.yaml_roles
        print(f"check of a {roles}-role YAML ladder vs the libyaml event stream (processes)")
        healthy, unhealthy = self.work / "floor-yaml.yaml", self.work / "floor-yaml-bad.yaml"
        write_yaml(generate_ladder(roles), healthy)
        write_yaml(generate_ladder(roles, healthy=False), unhealthy)
        events = (
            "import sys, yaml\n"
            "with open(sys.argv[1], 'rb') as f:\n"
            "    for _ in yaml.parse(f, Loader=yaml.CSafeLoader): pass"
        )
        commands = {
            "check": self.check(healthy),
            "events": [self.python, "-c", events, str(healthy)],
            "check bad": self.check(unhealthy),
            "events bad": [self.python, "-c", events, str(unhealthy)],
        }
        timings = race(self.runner, commands, self.args.runs, warm=roles <= 10_000)
        label = f"check {roles // 1000}k YAML"
        report("yaml", f"{label} (0 findings) / libyaml events", timings, "check", "events", 2.5)
        report(
            "yaml",
            f"{label} (with findings) / libyaml events",
            timings,
            "check bad",
            "events bad",
            None,
        )

    def unknown_rows(self) -> None:
        roles = self.args.unknown_roles
        data = generate_ladder(roles)
        cut, dangling = delete_roles(data, 0.01)
        print(
            f"check of a {roles}-role ladder with 1% of roles deleted ({dangling} unknown move "
            "targets) vs the intact file (processes)"
        )
        commands: dict[str, Sequence[str]] = {}
        for form, write in (("YAML", write_yaml), ("JSON", write_json)):
            intact = self.work / f"floor-intact.{form.lower()}"
            deleted = self.work / f"floor-deleted.{form.lower()}"
            write(data, intact)
            write(cut, deleted)
            commands[f"deleted {form}"] = self.check(deleted)
            commands[f"intact {form}"] = self.check(intact)
        timings = race(self.runner, commands, self.args.runs, warm=roles <= 10_000)
        for form in ("YAML", "JSON"):
            report(
                "unknown",
                f"check {roles // 1000}k {form}, 1% of roles deleted / intact",
                timings,
                f"deleted {form}",
                f"intact {form}",
                1.5,
            )

    def paths_rows(self) -> None:
        roles = self.args.paths_roles
        data = generate_ladder(roles)
        path = self.work / "floor-paths.yaml"
        write_yaml(data, path)
        top, bottom, unreached = top_and_unreachable(data)
        print(f"ladders paths on a {roles}-role ladder vs ladders check of it (processes)")
        _note(f"from {top} (top level); from {bottom} --to {unreached} (no move reaches it)")
        commands = {
            "from top": [self.ladders, "paths", str(path), top],
            "to unreachable": [self.ladders, "paths", str(path), bottom, "--to", unreached],
            "check": self.check(path),
        }
        timings = race(self.runner, commands, self.args.runs, warm=True)
        for name in ("from top", "to unreachable"):
            report(
                "paths", f"paths {name}, {roles // 1000}k roles / check", timings, name, "check", 2
            )

    def command_rows(self) -> None:
        roles = self.args.command_roles
        data = generate_ladder(roles)
        path, changed = self.work / "floor-commands.yaml", self.work / "floor-changed.yaml"
        write_yaml(data, path)
        write_yaml(change_roles(data, 0.01), changed)
        del data
        tables = self.work / "floor-tables"
        shutil.rmtree(tables, ignore_errors=True)
        self.runner.output(
            [self.ladders, "export", str(path), "--format", "csv", "-o", str(tables)]
        )
        print(f"import-csv / export graphml / diff on {roles}-role ladders vs check (processes)")
        import_csv = [
            self.ladders,
            "import-csv",
            str(tables / "roles.csv"),
            str(tables / "moves.csv"),
        ]
        for option in ("levels", "tracks", "ladder", "bands"):
            if (tables / f"{option}.csv").exists():
                import_csv += [f"--{option}", str(tables / f"{option}.csv")]
        commands = {
            "import-csv": import_csv,
            "check": self.check(path),
            "export graphml": [self.ladders, "export", str(path), "--format", "graphml"],
            "diff": [self.ladders, "diff", str(path), str(changed)],
        }
        timings = race(self.runner, commands, self.args.runs, warm=roles <= 10_000)
        size = f"{roles // 1000}k roles"
        for name in ("import-csv", "export graphml", "diff"):
            label = f"{name} (1% changed)" if name == "diff" else name
            report("commands", f"{label}, {size} / check", timings, name, "check", 2.5)

    def memory_row(self) -> None:
        roles = self.args.memory_roles
        path = self.work / "floor-memory.json"
        write_json(generate_ladder(roles, healthy=False), path)
        print(
            f"peak memory, {roles}-role JSON ladder with findings (processes, peak RSS over start)"
        )
        probe = (
            "import json, resource, sys\n"
            "def peak(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
            "def now():\n"
            "    try:\n"
            "        with open('/proc/self/statm') as f:\n"
            "            return int(f.read().split()[1]) * resource.getpagesize()\n"
            "    except OSError:\n"
            "        return peak()\n"
            "{setup}\n"
            "before = now()\n"
            "{action}\n"
            "after = peak()\n"
            "print(json.dumps([before, after]))"
        )
        scripts = {
            "ladders": probe.format(
                setup="import ladders",
                action="findings = ladders.check_file(sys.argv[1])",
            ),
            "json.load": probe.format(
                setup="", action="data = json.load(open(sys.argv[1], encoding='utf-8'))"
            ),
        }
        rises: dict[str, list[float]] = {name: [] for name in scripts}
        bases: dict[str, list[float]] = {name: [] for name in scripts}
        for _ in range(self.args.runs):
            for name, script in scripts.items():
                before, after = json.loads(
                    self.runner.output([self.python, "-c", script, str(path)])
                )
                rises[name].append(after - before)
                bases[name].append(before)
        rise = {name: statistics.median(values) for name, values in rises.items()}
        result = Result(
            "memory",
            f"peak memory, check_file {roles // 1000}k JSON / json.load",
            rise["ladders"] / max(rise["json.load"], 1),
            2,
            None,
            f"{rise['ladders'] / 2**20:.0f} MB vs {rise['json.load'] / 2**20:.0f} MB "
            f"({rise['ladders'] / roles:.0f} vs {rise['json.load'] / roles:.0f} B per role)",
        )
        _print(result)
        RESULTS.append(result)
        _note(
            f"interpreter before: {statistics.median(bases['ladders']) / 2**20:.0f} MB with "
            f"ladders imported, {statistics.median(bases['json.load']) / 2**20:.0f} MB bare"
        )

    def growth_row(self) -> None:
        small, big = self.args.growth_roles
        print(f"growth of check, JSON ladders with findings, {small} -> {big} roles (processes)")
        commands: dict[str, Sequence[str]] = {}
        for roles in (small, big):
            path = self.work / f"floor-growth-{roles}.json"
            write_json(generate_ladder(roles, healthy=False), path)
            commands[f"check {roles}"] = self.check(path)
            commands[f"json.load {roles}"] = [
                self.python,
                "-c",
                "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))",
                str(path),
            ]
        timings = race(self.runner, commands, self.args.runs)
        report(
            "growth",
            f"check {_size(big)} / check {_size(small)} (JSON, findings)",
            timings,
            f"check {big}",
            f"check {small}",
            11 * big / small / 10,
        )
        report(
            "growth",
            f"  json.load {_size(big)} / {_size(small)}, for reference",
            timings,
            f"json.load {big}",
            f"json.load {small}",
            None,
        )

    def small_row(self) -> None:
        roles = self.args.small_roles
        path = self.work / "floor-small.yaml"
        write_yaml(generate_ladder(roles, seed=1), path)
        yamllint = shutil.which("yamllint", path=os.path.dirname(sys.executable)) or shutil.which(
            "yamllint"
        )
        if yamllint is None:
            print("yamllint is not installed (pip install yamllint): row skipped")
            return
        print(f"check of a {roles}-role file vs yamllint -d relaxed of it (processes)")
        commands = {
            "check": self.check(path),
            "yamllint": [yamllint, "-d", "relaxed", str(path)],
            "import ladders": [self.python, "-c", "import ladders"],
        }
        timings = race(self.runner, commands, max(self.args.runs, self.args.small_runs), warm=True)
        report(
            "small", f"check {roles} roles / yamllint -d relaxed", timings, "check", "yamllint", 1.5
        )
        report(
            "small",
            "  python -c 'import ladders' / yamllint",
            timings,
            "import ladders",
            "yamllint",
            None,
        )


def _size(roles: int) -> str:
    return f"{roles // 1_000_000}M" if roles % 1_000_000 == 0 else f"{roles // 1000}k"


def _pair(text: str) -> tuple[int, int]:
    small, big = (int(part) for part in text.split(","))
    return small, big


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument("--only", default=",".join(ROWS), help=f"rows, of {','.join(ROWS)}")
    parser.add_argument("--json-roles", type=int, default=100_000)
    parser.add_argument("--yaml-roles", type=int, default=10_000)
    parser.add_argument("--unknown-roles", type=int, default=10_000)
    parser.add_argument("--paths-roles", type=int, default=1_000)
    parser.add_argument("--command-roles", type=int, default=10_000)
    parser.add_argument("--memory-roles", type=int, default=200_000)
    parser.add_argument(
        "--growth-roles", type=_pair, default=(100_000, 1_000_000), metavar="SMALL,BIG"
    )
    parser.add_argument("--skip-1m", action="store_true", help="growth 10k -> 100k instead")
    parser.add_argument("--small-roles", type=int, default=30)
    parser.add_argument("--small-runs", type=int, default=11, help="runs for the small row")
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes, 1 run")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per process")
    parser.add_argument("--memory-limit", type=float, default=12, help="GB per process (0: none)")
    parser.add_argument(
        "--by", choices=("wall", "cpu"), default="wall", help="the time verdicts use"
    )
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="children in this environment as it is (by default they write and use byte-code "
        "caches in a folder of their own, even under PYTHONDONTWRITEBYTECODE)",
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the ladders into DIR")
    args = parser.parse_args(argv)
    if args.skip_1m and args.growth_roles == parser.get_default("growth_roles"):
        args.growth_roles = (10_000, 100_000)
    if args.quick:  # sizes given on the command line stay as given
        for name, value in (
            ("runs", 1),
            ("small_runs", 5),
            ("json_roles", 10_000),
            ("memory_roles", 20_000),
            ("growth_roles", (10_000, 100_000)),
        ):
            if getattr(args, name) == parser.get_default(name):
                setattr(args, name, value)
    global BY_CPU
    BY_CPU = args.by == "cpu"
    rows = [row.strip() for row in args.only.split(",") if row.strip()]
    unknown = set(rows) - set(ROWS)
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")

    ladders_exe = shutil.which("ladders", path=os.path.dirname(sys.executable))
    if ladders_exe is None:
        raise SystemExit("the ladders entry point is not installed beside this Python")
    with tempfile.TemporaryDirectory() as folder:
        work = args.keep or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        env = None
        if not args.as_is:  # byte-code caches, as an installed package has them
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        bench = Bench(args, Runner(args.timeout, args.memory_limit, work, env), ladders_exe)
        steps: dict[str, Callable[[], None]] = {
            "json": bench.json_rows,
            "yaml": bench.yaml_row,
            "unknown": bench.unknown_rows,
            "paths": bench.paths_rows,
            "commands": bench.command_rows,
            "memory": bench.memory_row,
            "growth": bench.growth_row,
            "small": bench.small_row,
        }
        print(
            f"median of {args.runs} runs, commands alternated; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start"
        )
        for row in rows:
            steps[row]()
    missed = [result for result in RESULTS if result.verdict == "MISSES"]
    print(
        f"{len(RESULTS) - len(missed) - sum(r.target is None for r in RESULTS)} rows meet their "
        f"targets, {len(missed)} miss"
        + (f": {', '.join(r.label for r in missed)}" if missed else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
