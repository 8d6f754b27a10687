"""Nothing lost, nothing hangs: the command line never writes over what it read, writes
its outputs whole or not at all, never waits forever on a file, and answers every bad
input with one line and exit 2 (DESIGN §5).

Most tests run ``ladders.cli.main`` in this process; the ones about standard input,
process substitution and ``kill -9`` run the real command. A test that could hang is
stopped by a timeout and fails instead.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from ladders.cli import main

from .conftest import BAD, GOOD, ladders_executable

TEAM = "roles:\n  lead: {title: Lead, track: ic, level: L2}\n"
ROOT = "include: [team.yaml]\n" + GOOD


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str

    @property
    def error(self) -> str:
        """The one line of an exit-2 answer (asserted to be one line)."""
        lines = self.stderr.splitlines()
        assert len(lines) == 1, f"one line on stderr, not {self.stderr!r}"
        assert "Traceback" not in self.stderr
        return lines[0]


def run(*args: str, stdin: bytes = b"") -> Ran:
    """``ladders ARGS...`` in this process, with ``stdin`` as standard input."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = saved
    out.flush()
    raw = out.buffer
    assert isinstance(raw, io.BytesIO)
    return Ran(code, raw.getvalue().decode("utf-8"), err.getvalue())


def snapshot(*paths: Path) -> dict[Path, tuple[bytes, int]]:
    """The bytes and modification time of each file, to show nothing touched them."""
    return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in paths}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder (the working directory) with ``org.yaml`` including ``team.yaml``."""
    (tmp_path / "org.yaml").write_text(ROOT)
    (tmp_path / "team.yaml").write_text(TEAM)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- outputs onto inputs ------------------------------------------------------------------

COMMANDS = {
    "check": ("check", "org.yaml", "--output"),
    "check-json": ("check", "--format", "json", "org.yaml", "--output"),
    "render": ("render", "org.yaml", "-o"),
    "export": ("export", "org.yaml", "--format", "json", "-o"),
    "export-graphml": ("export", "org.yaml", "--format", "graphml", "-o"),
}
TARGETS = {
    "itself": lambda p: "org.yaml",
    "an-include": lambda p: "team.yaml",
    "dot-dot": lambda p: "sub/../org.yaml",
    "absolute": lambda p: str(p / "org.yaml"),
    "symlink": lambda p: (os.symlink("org.yaml", p / "link.yaml"), "link.yaml")[1],
    "hard-link": lambda p: (os.link(p / "team.yaml", p / "sub" / "same.yaml"), "sub/same.yaml")[1],
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_that_is_a_file_read_is_refused_and_the_input_untouched(
    project: Path, command: str, target: str
) -> None:
    output = TARGETS[target](project)
    before = snapshot(project / "org.yaml", project / "team.yaml")
    ran = run(*COMMANDS[command], output)
    assert ran.code == 2
    assert "reads" in ran.error
    assert output in ran.error
    assert snapshot(project / "org.yaml", project / "team.yaml") == before


def test_import_csv_never_writes_over_one_of_its_tables(project: Path) -> None:
    (project / "roles.csv").write_text("id,title,track,level,track_kind\ndev,Dev,ic,L1,technical\n")
    (project / "moves.csv").write_text("from,to\n")
    before = snapshot(project / "roles.csv")
    ran = run("import-csv", "roles.csv", "moves.csv", "-o", "roles.csv")
    assert ran.code == 2
    assert "roles.csv" in ran.error
    assert snapshot(project / "roles.csv") == before


def test_an_output_beside_the_inputs_is_written(project: Path) -> None:
    ran = run("check", "org.yaml", "--output", "report.txt")
    assert (ran.code, ran.stderr) == (0, "")
    assert "No findings" in (project / "report.txt").read_text()
    assert [p.name for p in project.iterdir() if p.name.endswith(".tmp")] == []


# -- whole or not at all ------------------------------------------------------------------


def test_a_report_that_fails_halfway_leaves_the_old_output_whole(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ladders.report.text import TextReporter

    (project / "report.txt").write_text("the old report\n")

    def broken(self: TextReporter, *args: object, **kwargs: object) -> None:
        self.stream.write("half a rep")  # type: ignore[attr-defined]
        raise RuntimeError("the reporter broke")

    monkeypatch.setattr(TextReporter, "stop", broken)
    ran = run("check", "org.yaml", "--output", "report.txt")
    assert ran.code == 2
    assert "internal error" in ran.error
    assert (project / "report.txt").read_text() == "the old report\n"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_text_that_cannot_be_written_leaves_the_old_output_whole(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ladders.render

    (project / "chart.svg").write_text("<svg>old</svg>\n")
    monkeypatch.setattr(ladders.render, "render", lambda *a, **k: "<svg>\ud800</svg>")
    ran = run("render", "org.yaml", "-o", "chart.svg")
    assert ran.code == 2
    assert "chart.svg" in ran.error
    assert (project / "chart.svg").read_text() == "<svg>old</svg>\n", "not a 0-byte file"


def test_kill_9_in_the_middle_of_a_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    from ladders.exchange.write import open_output

    target = tmp_path / "report.txt"
    target.write_text("the old report\n")
    child = os.fork()
    if child == 0:  # pragma: no cover - the child never returns
        try:
            with open_output(target) as handle:
                handle.write(b"half a rep")
                handle.flush()
                os.kill(os.getpid(), signal.SIGKILL)
        finally:
            os._exit(1)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status)
    assert os.WTERMSIG(status) == signal.SIGKILL
    assert target.read_text() == "the old report\n"


def test_the_old_file_stays_until_the_new_one_is_complete(tmp_path: Path) -> None:
    from ladders.exchange.write import open_output

    target = tmp_path / "report.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    with open_output(target) as handle:
        handle.write(b"new\n")
        assert target.read_text() == "old\n"
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640, "the file keeps its mode"


def test_a_symbolic_link_to_an_output_stays_a_link(tmp_path: Path) -> None:
    from ladders.exchange.write import write_text

    (tmp_path / "real.txt").write_text("old\n")
    (tmp_path / "link.txt").symlink_to("real.txt")
    write_text(tmp_path / "link.txt", "new\n")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text() == "new\n"


# -- targets that are not files -----------------------------------------------------------


def test_dev_null_is_written_and_never_replaced(project: Path) -> None:
    ran = run("check", "org.yaml", "--output", "/dev/null")
    assert (ran.code, ran.stderr) == (0, "")
    assert Path("/dev/null").is_char_device()


def test_a_fifo_output_is_written_in_place(project: Path) -> None:
    fifo = project / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    ran = run("check", "org.yaml", "--output", str(fifo))
    thread.join(timeout=20)
    assert (ran.code, ran.stderr) == (0, "")
    assert b"No findings" in received[0]
    assert fifo.is_fifo(), "still a FIFO: never renamed over"


def test_dev_stdout_onto_a_redirected_file_is_written_in_place(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(BAD)
    before = os.lstat("/dev/stdout")
    with open(tmp_path / "report.txt", "wb") as stdout:
        done = subprocess.run(
            [ladders_executable(), "check", "org.yaml", "--output", "/dev/stdout"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert "LAD204" in (tmp_path / "report.txt").read_text()
    after = os.lstat("/dev/stdout")
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode), "never replaced"


@pytest.mark.parametrize("findings", [False, True])
def test_the_command_exits_with_its_code_and_fails_when_stdout_cannot_be_written(
    tmp_path: Path, findings: bool
) -> None:
    (tmp_path / "org.yaml").write_text(BAD if findings else GOOD)
    command = [ladders_executable(), "check", "org.yaml"]
    done = subprocess.run(command, capture_output=True, cwd=tmp_path, timeout=60, check=False)
    assert done.returncode == (1 if findings else 0), done.stderr
    assert (b"LAD204" in done.stdout) is findings  # written whole before the exit
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            command, stdout=full, stderr=subprocess.PIPE, cwd=tmp_path, timeout=60, check=False
        )
    assert done.returncode == 2
    assert done.stderr.decode().startswith("ladders: ")
    assert b"Traceback" not in done.stderr
    assert done.stderr.count(b"\n") == 1


@pytest.mark.parametrize(("given", "seen"), [(None, "1"), ("4", "4")])
def test_the_command_starts_no_idle_pool_of_numpy_threads(given: str | None, seen: str) -> None:
    """The command never does linear algebra: numpy's thread pool is one thread, unless
    the environment asks for more."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    script = (
        "import os, ladders.cli.app as app\n"
        "app.main = lambda: print(os.environ['OPENBLAS_NUM_THREADS']) or 0\n"
        "app.run()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=env, timeout=60, check=False
    )
    assert (done.returncode, done.stdout.decode().strip()) == (0, seen), done.stderr


def test_dev_full_is_one_line_naming_it(project: Path) -> None:
    ran = run("check", "org.yaml", "--output", "/dev/full")
    assert ran.code == 2
    assert "/dev/full" in ran.error


@pytest.mark.parametrize(
    "args",
    [
        ("check", "org.yaml", "-o", "-"),
        ("check", "org.yaml", "--format", "json", "--output", "-"),
        ("render", "org.yaml", "--format", "mermaid", "-o", "-"),
        ("export", "org.yaml", "--format", "json", "-o", "-"),
    ],
    ids=["check", "check-json", "render", "export"],
)
def test_dash_as_output_is_standard_output(project: Path, args: tuple[str, ...]) -> None:
    ran = run(*args)
    assert (ran.code, ran.stderr) == (0, "")
    assert ran.stdout.strip()
    assert not (project / "-").exists(), "no file named '-'"


def test_import_csv_onto_a_dangling_symlink_is_refused_and_writes_nothing_through_it(
    project: Path,
) -> None:
    (project / "roles.csv").write_text("id,title,track,level,track_kind\ndev,Dev,ic,L1,technical\n")
    (project / "moves.csv").write_text("from,to\n")
    (project / "org-new.yaml").symlink_to(project / "sub" / "victim.yaml")
    ran = run("import-csv", "roles.csv", "moves.csv", "-o", "org-new.yaml")
    assert ran.code == 2
    assert "org-new.yaml" in ran.error
    assert not (project / "sub" / "victim.yaml").exists(), "nothing written through the link"
    assert (project / "org-new.yaml").is_symlink()


def test_import_csv_creates_a_new_file(project: Path) -> None:
    (project / "roles.csv").write_text("id,title,track,level,track_kind\ndev,Dev,ic,L1,technical\n")
    (project / "moves.csv").write_text("from,to\n")
    ran = run("import-csv", "roles.csv", "moves.csv", "-o", "new.yaml")
    assert ran.code == 0, ran.stderr
    assert "dev:" in (project / "new.yaml").read_text()


# -- inputs that are not files ------------------------------------------------------------


def test_check_dash_reads_the_ladder_from_standard_input(project: Path) -> None:
    good = run("check", "-", stdin=GOOD.encode())
    assert (good.code, good.stderr) == (0, "")
    bad = run("check", "-", stdin=BAD.encode())
    assert bad.code == 1
    assert "<stdin>:4:" in bad.stdout
    data = json.loads(run("check", "--format", "json", "-", stdin=BAD.encode()).stdout)
    assert data["files"] == ["<stdin>"]


def test_check_dash_reads_json_too(project: Path) -> None:
    text = json.dumps({"levels": ["L1"], "tracks": {"ic": "technical"}, "roles": {}})
    assert run("check", "-", stdin=text.encode()).code == 0


def test_standard_input_is_read_by_the_real_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [ladders_executable(), "check", "-"],
        input=BAD,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "LAD204" in done.stdout


def test_process_substitution_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(BAD)
    script = f'"{ladders_executable()}" check <(cat org.yaml)'
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "LAD204" in done.stdout
    assert "No such file" not in done.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_root_is_refused_with_one_line(project: Path, device: str) -> None:
    ran = run("check", device)
    assert ran.code == 2
    assert device in ran.error
    assert "device" in ran.error


def test_a_fifo_root_is_refused_and_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "org.yaml")
    done = subprocess.run(
        [ladders_executable(), "check", "org.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "FIFO" in done.stderr


@pytest.mark.parametrize("command", ["render", "export", "paths"])
def test_other_commands_refuse_a_device_too(project: Path, command: str) -> None:
    extra = {"render": (), "export": ("--format", "json"), "paths": ("dev",)}[command]
    ran = run(command, "/dev/zero", *extra)
    assert ran.code == 2
    assert "/dev/zero" in ran.error


def test_an_include_that_is_a_fifo_is_lad007_at_its_entry(project: Path) -> None:
    (project / "org.yaml").write_text("include: [pipe.yaml]\n" + GOOD)
    os.mkfifo(project / "pipe.yaml")
    ran = run("check", "org.yaml")
    assert ran.code == 1
    assert "org.yaml:1:11: LAD007" in ran.stdout
    assert "pipe.yaml is a FIFO, not a file" in ran.stdout


def test_several_roots_one_including_a_fifo_do_not_hang(project: Path) -> None:
    (project / "org.yaml").write_text("include: [pipe.yaml]\n" + GOOD)
    (project / "other.yaml").write_text(GOOD)
    os.mkfifo(project / "pipe.yaml")
    done = subprocess.run(
        [ladders_executable(), "check", "org.yaml", "other.yaml"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "org.yaml:1:11: LAD007" in done.stdout


# -- configuration ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ladders.toml", "pyproject.toml"])
def test_a_config_that_is_not_utf8_is_one_line_naming_it(project: Path, name: str) -> None:
    table = "" if name == "ladders.toml" else "[tool.ladders]\n"
    (project / name).write_bytes(f'{table}fail-on = "never"\n# caf\xe9\n'.encode("latin-1"))
    ran = run("check", "org.yaml")
    assert ran.code == 2
    assert name in ran.error
    assert "UTF-8" in ran.error


@contextmanager
def _owned_by_someone_else(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``folder`` (and what is in it) another user's: really, when running as root;
    else by making the current user someone else."""
    import ladders.config

    if os.geteuid() == 0:
        for path in (folder, *folder.iterdir()):
            os.chown(path, 54321, 54321, follow_symlinks=False)
        try:
            yield
        finally:
            for path in (folder, *folder.iterdir()):
                os.chown(path, 0, 0, follow_symlinks=False)
    else:
        monkeypatch.setattr(ladders.config, "_current_user", lambda: os.geteuid() + 54321)
        yield


@pytest.mark.parametrize("name", ["ladders.toml", "pyproject.toml"])
def test_a_config_in_a_folder_of_another_user_is_ignored_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    import ladders.config

    monkeypatch.setattr(ladders.config, "_NOTED", set())
    shared = tmp_path / "shared"
    shared.mkdir()
    table = "" if name == "ladders.toml" else "[tool.ladders]\n"
    (shared / name).write_text(f'{table}fail-on = "never"\n')
    (shared / "org.yaml").write_text(BAD)
    monkeypatch.chdir(shared)
    assert run("check", "org.yaml").code == 0, "a trusted config is used"
    with _owned_by_someone_else(shared, monkeypatch):
        ran = run("check", "org.yaml")
    assert ran.code == 1, "the untrusted config's fail-on = never is not applied"
    (note,) = ran.stderr.splitlines()
    assert note.startswith("ladders: note: ignoring")
    assert name in note


def test_a_config_named_with_config_is_used_whoever_owns_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ladders.config

    (tmp_path / "ladders.toml").write_text('fail-on = "never"\n')
    (tmp_path / "org.yaml").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ladders.config, "_current_user", lambda: os.geteuid() + 54321)
    assert run("check", "--config", "ladders.toml", "org.yaml").code == 0


# -- import-csv tables --------------------------------------------------------------------


def test_a_csv_cell_over_128_kib_is_one_line_naming_the_file(project: Path) -> None:
    big = "x" * (200 * 1024)
    (project / "roles.csv").write_text(
        f"id,title,track,level,track_kind,description\ndev,Dev,ic,L1,technical,{big}\n"
    )
    (project / "moves.csv").write_text("from,to\n")
    ran = run("import-csv", "roles.csv", "moves.csv")
    assert ran.code == 2
    assert "roles.csv" in ran.error
    assert "line 2" in ran.error


def test_metadata_nested_3000_deep_is_one_line_naming_the_file(project: Path) -> None:
    deep = "[" * 3000 + "]" * 3000
    (project / "roles.csv").write_text(
        f'id,title,track,level,track_kind,metadata\ndev,Dev,ic,L1,technical,"{{""a"": {deep}}}"\n'
    )
    (project / "moves.csv").write_text("from,to\n")
    ran = run("import-csv", "roles.csv", "moves.csv")
    assert ran.code == 2
    assert "roles.csv" in ran.error
    assert "deeper" in ran.error
