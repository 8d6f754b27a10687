"""Fuzz the command line: hostile files and arguments never lose a file or hang it.

Each example builds a fresh folder of hostile files (broken encodings, lone surrogates,
control characters, tabs, include cycles, links by both kinds, a FIFO, deep nesting,
huge cells) and runs ``ladders.cli.main`` with a command and arguments drawn from them,
from devices, from new names and from garbage. Whatever comes in:

* the exit code is 0, 1 or 2 (DESIGN §5);
* nothing on stderr is a traceback, and an exit 2 says why in exactly one line (notes
  aside);
* every file the command reads (the files named and what they include)
  is there after, with the same bytes and mtime; so is every file it was not asked to
  write.

Bounded for ``make test``: a fixed number of examples, derandomized, and an alarm that
fails an example instead of letting it hang.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ladders.cli import main

GOOD = (
    "levels: [L1, L2]\n"
    "tracks: {ic: technical, mgmt: management}\n"
    "roles:\n"
    "  dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}\n"
    "  senior: {title: Senior Developer, track: ic, level: L2}\n"
    "  lead: {title: Lead, track: mgmt, level: L2, moves: [dev]}\n"
)
TEAM = "roles:\n  staff: {title: Staff, track: ic, level: L2}\n"


def _json(**role: object) -> str:
    dev = {"title": "Developer", "track": "ic", "level": "L1", **role}
    return json.dumps({"levels": ["L1"], "tracks": {"ic": "technical"}, "roles": {"dev": dev}})


#: name -> content (bytes or text) of the regular files of each example's folder
FILES: dict[str, bytes | str] = {
    "org.yaml": "include: [team.yaml]\n" + GOOD,
    "team.yaml": TEAM,
    "plain.yaml": GOOD,
    "org.json": _json(moves=["dev"]),
    "surrogate.json": _json(title="Dev \ud800"),
    "control.yaml": GOOD.replace("title: Developer", 'title: "De\\0v"'),
    "tabs.yaml": GOOD.replace("  dev:", "\tdev:"),
    "latin1.yaml": GOOD.replace("Developer", "D\xe9veloppeur").encode("latin-1"),
    "bom.yaml": b"\xef\xbb\xbf" + GOOD.encode(),
    "cycle-a.yaml": "include: [cycle-b.yaml]\n" + GOOD,
    "cycle-b.yaml": "include: [cycle-a.yaml]\n",
    "escape.yaml": "include: [../outside.yaml]\n" + GOOD,
    "to-fifo.yaml": "include: [pipe.yaml]\n" + GOOD,
    "deep.yaml": "levels: [L1]\nmetadata: " + "[" * 200 + "]" * 200 + "\n",
    "bomb.yaml": "a: &a [x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdef", "bcdefg", strict=True)
    ),
    "python.yaml": "levels: !!python/object:os.system [echo]\n",
    "separators.yaml": GOOD.replace("title: Lead", 'title: "Le\u2028ad"'),
    "empty.yaml": "",
    "nul.yaml": b"levels: [L1]\x00\n",
    "roles.csv": "id,title,track,level,track_kind\ndev,Dev,ic,L1,technical\n",
    "moves.csv": "from,to\ndev,dev\n",
    "big.csv": "id,title,track,level,track_kind,description\ndev,Dev,ic,L1,technical,"
    + "x" * 140_000
    + "\n",
    "nested.csv": 'id,title,track,level,track_kind,metadata\ndev,Dev,ic,L1,technical,"'
    + "[" * 3000
    + "]" * 3000
    + '"\n',
    "bad.toml": b'fail-on = "never"\n# \xff\n',
    "ladders.toml": 'fail-on = "error"\n',
}
LINKS = {"link.yaml": "org.yaml", "dangling.yaml": "nowhere/none.yaml"}
HARD_LINKS = {"same.yaml": "team.yaml"}

#: what each ladder file includes, directly or not (by the names of its folder)
INCLUDES = {
    "org.yaml": {"team.yaml"},
    "link.yaml": {"team.yaml"},
    "cycle-a.yaml": {"cycle-b.yaml"},
    "cycle-b.yaml": {"cycle-a.yaml"},
}
INPUTS = [
    *FILES,
    *LINKS,
    *HARD_LINKS,
    "pipe.yaml",
    "sub",
    "missing.yaml",
    "/dev/null",
    "/dev/zero",
    "-",
]
OUTPUTS = [
    *FILES,
    *LINKS,
    *HARD_LINKS,
    "sub",
    "sub/../org.yaml",
    "new.yaml",
    "new.json",
    "out/report.txt",
    "-",
    "/dev/null",
    "/dev/full",
]
GARBAGE = ["", "-", "--", "--bogus", "-o", "\u00e9", "a" * 300, "dev", "senior", "nobody", "LAD1"]
OPTIONS = {
    "check": ["--format", "--output", "-o", "--select", "--ignore", "--fail-on", "--config"],
    "render": ["--format", "-o", "--config"],
    "export": ["--format", "-o", "--explicit"],
    "import-csv": ["--levels", "--tracks", "--name", "-o"],
    "paths": ["--to", "--no-management", "--max-moves", "--limit", "--format"],
    "explain": ["--format", "--config"],
    "rules": [],
    "schema": [],
}
VALUES = {
    "--format": ["text", "json", "sarif", "junit", "github", "markdown", "svg", "html", "csv",
                 "graphml", "mermaid", "dot", "nope"],
    "--select": ["LAD1", "ALL", "nope", ""],
    "--ignore": ["LAD2", "level-skip", "x"],
    "--fail-on": ["error", "warning", "never", "sometimes"],
    "--max-moves": ["0", "3", "-1", "x"],
    "--limit": ["1", "0", "100000"],
    "--name": ["Acme", "\u2028"],
    "--to": ["senior", "lead", "nobody"],
}  # fmt: skip
WRITES = {"--output", "-o"}
READS = {"--config", "--levels", "--tracks"}


LADDERS = [name for name in INPUTS if not name.endswith((".csv", ".toml"))]
SOUND = ["org.yaml", "plain.yaml", "org.json", "link.yaml", "bom.yaml", "separators.yaml"]
TABLES = ["roles.csv", "moves.csv", "big.csv", "nested.csv", "org.yaml", "pipe.yaml", "-"]
FORMATS = {
    "check": ["text", "json", "sarif", "junit", "github", "markdown"],
    "render": ["svg", "html", "mermaid", "dot"],
    "export": ["json", "graphml", "csv"],
    "paths": ["text", "json"],
    "explain": ["text", "json"],
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command line that is mostly well formed: the command, its files, options with
    values from the pools above, and now and then a token of garbage anywhere."""
    command = draw(st.sampled_from(sorted(OPTIONS)))
    ladders = st.sampled_from(SOUND) | st.sampled_from(LADDERS)  # sound ones half the time
    if command == "check":
        files = draw(st.lists(ladders, max_size=3))
    elif command == "import-csv":
        tables = st.just(["roles.csv", "moves.csv"]) | st.lists(
            st.sampled_from(TABLES), min_size=2, max_size=2
        )
        files = draw(tables)
    elif command in ("rules", "schema"):
        files = []
    else:
        files = [draw(ladders)]
    line = [command, *files]
    options = OPTIONS[command]
    for option in draw(st.lists(st.sampled_from(options), max_size=3)) if options else ():
        line.append(option)
        if option in WRITES:
            line.append(draw(st.sampled_from(OUTPUTS)))
        elif option in READS:
            line.append(draw(st.sampled_from(INPUTS)))
        elif option == "--format":
            line.append(draw(st.sampled_from([*FORMATS[command], "nope"])))
        elif option in VALUES:
            line.append(draw(st.sampled_from(VALUES[option])))
    if command == "export" and "--format" not in line:
        line += ["--format", draw(st.sampled_from(FORMATS["export"]))]
    if command in ("paths", "explain"):
        line.append(draw(st.sampled_from(["dev", "senior", "lead", "nobody"])))
    if draw(st.integers(0, 4)) == 0:
        line.insert(draw(st.integers(0, len(line))), draw(st.sampled_from(GARBAGE)))
    return line


def _make_folder(root: Path) -> None:
    (root / "sub").mkdir()
    for name, content in FILES.items():
        path = root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
    for name, target in LINKS.items():
        (root / name).symlink_to(target)
    for name, target in HARD_LINKS.items():
        os.link(root / target, root / name)
    os.mkfifo(root / "pipe.yaml")


def _may_change(argv: list[str], root: Path) -> set[str]:
    """The files of ``root`` that ``argv`` asks to write and does not read."""

    def real(name: str) -> str | None:
        path = (root / name).resolve()
        return (
            str(path.relative_to(root.resolve())) if path.is_relative_to(root.resolve()) else None
        )

    outputs: set[str] = set()
    reads: set[str] = set()
    for index, token in enumerate(argv):
        written = index > 0 and argv[index - 1] in WRITES
        names = outputs if written else reads
        names.add(token)
        if not written:
            names.update(INCLUDES.get(token, ()))
    reads |= {HARD_LINKS.get(name, name) for name in reads} | {
        alias for alias, name in HARD_LINKS.items() if name in reads
    }
    read = {real(name) for name in reads}
    return {name for name in map(real, outputs) if name is not None and name not in read}


def _state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every regular file under ``root`` (links not followed): its bytes and mtime."""
    state = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            state[str(path.relative_to(root))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return state


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"ladders ran for more than {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(
    max_examples=250,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(command_lines(), st.sampled_from([GOOD, "", "{", "levels: [\ud800]", "\t-"]))
def test_the_command_line_loses_nothing_and_hangs_on_nothing(argv: list[str], stdin: str) -> None:
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "work"
        root.mkdir()
        _make_folder(root)
        before = _state(root)
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="replace")
        err = io.StringIO()
        saved_stdin = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8", "surrogatepass")))
        os.chdir(root)
        try:
            with _alarm(30), redirect_stdout(out), redirect_stderr(err):
                code = main(argv)
        finally:
            os.chdir(here)
            sys.stdin = saved_stdin
        after = _state(root)
        allowed = _may_change(argv, root)
    stderr = err.getvalue()
    assert code in (0, 1, 2), (argv, code, stderr)
    assert "Traceback" not in stderr, (argv, stderr)
    assert "internal error" not in stderr, (argv, stderr)
    if code == 2:
        said = [line for line in stderr.splitlines() if not line.startswith("ladders: note:")]
        assert len(said) == 1, (argv, stderr)
    lost = {name for name in before if after.get(name) != before[name] and name not in allowed}
    assert not lost, f"{argv} changed or removed {sorted(lost)}"
