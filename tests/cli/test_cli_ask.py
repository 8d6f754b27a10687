"""`ladders paths`, `explain`, `diff`, `export`, `import-csv` through the installed command."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import ladders
from ladders.exchange import ladder_data

from .conftest import RunLine

LADDER = """\
levels: [L3, L4, L5]
tracks: {ic: technical, mgmt: management}
roles:
  engineer: {title: Engineer, track: ic, level: L3, entry: true, moves: [senior]}
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [{to: tlm, criteria: [Leads 3+]}, staff]}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5, moves: [staff]}
  staff: {title: Staff Engineer, track: ic, level: L5}
"""
WITHOUT_STAFF = LADDER.replace(
    "moves: [{to: tlm, criteria: [Leads 3+]}, staff]", "moves: [{to: tlm, criteria: [Leads 3+]}]"
)


@pytest.fixture
def org(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(LADDER)
    return path


def test_paths_text(run_line: RunLine, org: Path) -> None:
    result = run_line("paths", str(org), "senior")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Routes from Senior Engineer (senior, L4)")
    assert lines[1].strip().startswith("1. senior -[management]-> tlm")
    assert "2. senior -[technical]-> staff" in lines[2]


def test_paths_json_no_management(run_line: RunLine, org: Path) -> None:
    result = run_line("paths", str(org), "senior", "--no-management", "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [r["roles"] for r in data["routes"]] == [["senior", "staff"]]
    assert data["routes"][0]["moves"][0]["kind"] == "technical"


def test_paths_to_a_role_with_criteria(run_line: RunLine, org: Path) -> None:
    result = run_line("paths", str(org), "senior", "--to", "staff", "--format", "json")
    routes = json.loads(result.stdout)["routes"]
    assert [r["roles"] for r in routes] == [["senior", "staff"], ["senior", "tlm", "staff"]]
    assert routes[1]["moves"][0]["criteria"] == ["Leads 3+"]


def test_paths_none_found(run_line: RunLine, org: Path) -> None:
    result = run_line("paths", str(org), "staff")
    assert result.code == 0
    assert result.stdout.startswith("No route from Staff Engineer")


def test_paths_reads_the_configured_file(run_line: RunLine, org: Path, tmp_path: Path) -> None:
    (tmp_path / "ladders.toml").write_text('files = ["org.yaml"]\n')
    result = run_line("paths", "engineer", "--max-moves", "1")
    assert result.code == 0, result.stderr
    assert "engineer -[technical]-> senior" in result.stdout


@pytest.mark.parametrize("command", ["paths", "explain"])
def test_unknown_role_is_exit_2_with_did_you_mean(
    run_line: RunLine, org: Path, command: str
) -> None:
    result = run_line(command, str(org), "senoir")
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "ladders: no role 'senoir' in the ladder; did you mean 'senior'?"
    ]


def test_unknown_to_role_is_exit_2(run_line: RunLine, org: Path) -> None:
    result = run_line("paths", str(org), "senior", "--to", "staf")
    assert result.code == 2
    assert "did you mean 'staff'" in result.stderr


def test_paths_of_a_broken_ladder_is_exit_2_with_the_first_finding(
    run_line: RunLine, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(LADDER.replace("track: mgmt", "track: mgnt"))
    result = run_line("paths", str(path), "senior")
    assert result.code == 2
    assert "LAD004" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_explain_text(run_line: RunLine, tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(WITHOUT_STAFF)
    result = run_line("explain", str(path), "senior")
    assert result.code == 0, result.stderr
    out = result.stdout
    assert "Senior Engineer (senior): technical track ic, level L4" in out
    assert "Any route: can reach L5" in out
    assert "With management" not in out
    assert "Without management: cannot rise above L4" in out
    assert "Next management moves: Tech Lead Manager (tlm, L5)" in out
    assert "LAD101" in out


def test_explain_json(run_line: RunLine, org: Path) -> None:
    data = json.loads(run_line("explain", str(org), "tlm", "--format", "json").stdout)
    assert data["track_kind"] == "management"
    assert data["equivalents"] == ["staff"]
    assert data["next_steps"] == {"technical": [], "management": [], "lateral": ["staff"]}


def test_diff_files_regression_exits_1(run_line: RunLine, org: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(WITHOUT_STAFF)
    result = run_line("diff", str(org), str(new))
    assert result.code == 1
    assert "- move senior -> staff" in result.stdout
    assert "REGRESSION: Senior Engineer (senior)" in result.stdout
    assert "+ finding LAD101" in result.stdout


def test_diff_without_regression_exits_0(run_line: RunLine, org: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(LADDER.replace("title: Engineer,", "title: Software Engineer,"))
    result = run_line("diff", str(org), str(new), "--format", "json")
    assert result.code == 0
    assert json.loads(result.stdout)["roles"]["changed"] == {
        "engineer": {
            "fields": ["title"],
            "old": {"title": "Engineer"},
            "new": {"title": "Software Engineer"},
        }
    }


def test_diff_reads_rev_path_from_git_with_includes(run_line: RunLine, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "ladders").mkdir(parents=True)
    head, rest = LADDER.split("roles:\n")
    (repo / "ladders" / "org.yaml").write_text(head + "include: [roles.yaml]\n")
    (repo / "ladders" / "roles.yaml").write_text("roles:\n" + rest)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@e", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "ladder")
    (repo / "ladders" / "roles.yaml").write_text("roles:\n" + WITHOUT_STAFF.split("roles:\n")[1])
    # REV:path is relative to the repository root, as git reads it; ./ makes it relative
    # to the working directory
    for old in ("HEAD:ladders/org.yaml", "HEAD:./org.yaml"):
        result = run_line("diff", old, "org.yaml", cwd=repo / "ladders")
        assert result.code == 1, result.stderr
        assert "- move senior -> staff" in result.stdout
    missing = run_line("diff", "HEAD:nope.yaml", "org.yaml", cwd=repo / "ladders")
    assert missing.code == 2
    assert len(missing.stderr.strip().splitlines()) == 1


def test_diff_missing_file_is_exit_2(run_line: RunLine, org: Path) -> None:
    result = run_line("diff", str(org), "missing.yaml")
    assert result.code == 2
    assert "missing.yaml: no such file" in result.stderr


def test_export_json_loads_back(run_line: RunLine, org: Path) -> None:
    result = run_line("export", str(org), "--format", "json")
    assert result.code == 0, result.stderr
    again = ladders.loads(result.stdout, format="json")
    assert ladder_data(again) == ladder_data(ladders.load(org))


def test_export_graphml(run_line: RunLine, org: Path, tmp_path: Path) -> None:
    out = tmp_path / "org.graphml"
    assert run_line("export", str(org), "--format", "graphml", "-o", str(out)).code == 0
    assert ET.parse(out).getroot().tag.endswith("graphml")


def test_export_csv_then_import_csv(run_line: RunLine, org: Path, tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    assert run_line("export", str(org), "--format", "csv", "-o", str(tables)).code == 0
    assert sorted(p.name for p in tables.iterdir()) == [
        "bands.csv",
        "ladder.csv",
        "levels.csv",
        "moves.csv",
        "roles.csv",
        "tracks.csv",
    ]
    out = tmp_path / "rebuilt.yaml"
    result = run_line(
        "import-csv", str(tables / "roles.csv"), str(tables / "moves.csv"),
        "--levels", str(tables / "levels.csv"), "--tracks", str(tables / "tracks.csv"), "-o", str(out),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    rebuilt, original = ladders.load(out), ladders.load(org)
    # the export writes every move's kind (inferred where the file does not): the same
    # moves, now declared, and the same findings
    for role_id, role in original.roles.items():
        again = rebuilt.roles[role_id]
        assert [m.to for m in again.moves] == [m.to for m in role.moves]
        assert [m.kind for m in again.moves] == [
            ladders.infer_kind(original, role_id, m.to) for m in role.moves
        ]
    assert [(f.code, f.role) for f in ladders.check(rebuilt)] == [
        (f.code, f.role) for f in ladders.check(original)
    ]
    again = run_line(
        "import-csv", str(tables / "roles.csv"), str(tables / "moves.csv"), "-o", str(out)
    )
    assert again.code == 2
    assert "never overwrites" in again.stderr


def test_export_csv_needs_a_folder(run_line: RunLine, org: Path) -> None:
    result = run_line("export", str(org), "--format", "csv")
    assert result.code == 2
    assert "-o" in result.stderr


def test_import_csv_reports_bad_cells_as_exit_2(run_line: RunLine, tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_text(
        "id,title,track,level,track_kind,entry\nx,X,ic,L1,technical,maybe\n"
    )
    (tmp_path / "moves.csv").write_text("from,to\n")
    result = run_line("import-csv", "roles.csv", "moves.csv")
    assert result.code == 2
    assert "roles.csv row 2, entry" in result.stderr


@pytest.mark.parametrize(
    ("moves", "line"),
    [
        ('from,to,metadata\nx,x,"' + "[" * 100 + "]" * 100 + '"\n', 2),  # JSON too deep
        ('from,to,metadata\r\nx,x,\r\nx,x,"{""a"": ' + "[" * 70 + "]" * 70 + '}"\r\n', 3),
    ],
)
def test_import_csv_says_which_line_it_cannot_read(
    run_line: RunLine, tmp_path: Path, moves: str, line: int
) -> None:
    (tmp_path / "roles.csv").write_text("id,title,track,level,track_kind\nx,X,ic,L1,technical\n")
    (tmp_path / "moves.csv").write_bytes(moves.encode())
    result = run_line("import-csv", "roles.csv", "moves.csv")
    assert result.code == 2
    assert f"moves.csv line {line}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_import_csv_checks_the_result(run_line: RunLine, tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_text("id,title,track,level,track_kind\nx,X,ic,L1,technical\n")
    (tmp_path / "moves.csv").write_text("from,to\nx,x\n")
    result = run_line("import-csv", "roles.csv", "moves.csv")
    assert result.code == 1
    assert "LAD204" in result.stderr
    assert "roles:" in result.stdout


@pytest.mark.parametrize(
    ("fmt", "start"),
    [("svg", "<svg"), ("html", "<!DOCTYPE html>"), ("mermaid", "flowchart"), ("dot", "digraph")],
)
def test_render_formats(run_line: RunLine, org: Path, tmp_path: Path, fmt: str, start: str) -> None:
    out = tmp_path / f"ladder.{fmt}"
    result = run_line("render", str(org), "--format", fmt, "-o", str(out))
    assert result.code == 0, result.stderr
    text = out.read_text()
    assert start in text[:200]
    assert "Senior Engineer" in text


def test_render_respects_the_configured_ignore(run_line: RunLine, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(WITHOUT_STAFF)
    marked = run_line("render", "org.yaml", "--format", "html").stdout
    (tmp_path / "ladders.toml").write_text('ignore = ["LAD101"]\n')
    unmarked = run_line("render", "org.yaml", "--format", "html").stdout
    assert "LAD101" in marked
    assert "LAD101" not in unmarked


def test_render_missing_file_is_exit_2(run_line: RunLine) -> None:
    result = run_line("render", "nope.yaml")
    assert result.code == 2
    assert "nope.yaml: no such file" in result.stderr
