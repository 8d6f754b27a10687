"""The rough edges a new user hit: `paths` saying when its list was cut or why it found
nothing, `explain` without a ROLE, roles that are tracks or levels, fragments named beside
their root, and `rules` text without reStructuredText markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ladders.cli import main
from ladders.cli.ask import COUNT_BOUND
from ladders.rules import RULES

ROOT = Path(__file__).resolve().parents[2]

#: six routes from dev to a higher level: dev -> a1 | a2, then on to b, then to c
DIAMOND = """\
levels: [L1, L2, L3, L4]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [a1, a2]}
  a1: {title: A1, track: ic, level: L2, moves: [b]}
  a2: {title: A2, track: ic, level: L2, moves: [b]}
  b: {title: B, track: ic, level: L3, moves: [c]}
  c: {title: C, track: ic, level: L4}
  lead: {title: Lead, track: mgmt, level: L2}
"""


def _ladder(tmp_path: Path, text: str = DIAMOND) -> str:
    path = tmp_path / "org.yaml"
    path.write_text(text)
    return str(path)


def _grid(levels: int) -> str:
    """Two roles a level, each moving to both roles of the next: 2**(levels-1) routes from
    the bottom to the top level alone, and more to the levels between."""
    lines = [f"levels: [{', '.join(f'L{i}' for i in range(levels))}]", "tracks: {ic: technical}"]
    lines.append("roles:")
    for level in range(levels):
        for side in "xy":
            nxt = f"[x{level + 1}, y{level + 1}]" if level + 1 < levels else "[]"
            lines.append(f"  {side}{level}: {{title: R, track: ic, level: L{level}, moves: {nxt}}}")
    return "\n".join(lines) + "\n"


def test_paths_says_when_the_list_was_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = _ladder(tmp_path)
    assert main(["paths", ladder, "dev", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "2 of 6 routes; --limit to see more"
    assert len([line for line in lines if re.match(r"\s+\d+\. ", line)]) == 2
    assert main(["paths", ladder, "dev"]) == 0
    assert "--limit" not in capsys.readouterr().out  # all 6 shown


def test_paths_json_says_truncated_and_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = _ladder(tmp_path)
    main(["paths", ladder, "dev", "--limit", "2", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert (data["truncated"], data["total"], len(data["routes"])) == (True, 6, 2)
    main(["paths", ladder, "dev", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert (data["truncated"], data["total"], len(data["routes"])) == (False, 6, 6)


def test_paths_counts_only_up_to_a_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = _ladder(tmp_path, _grid(11))  # 2 + 4 + ... + 1024 = 2046 routes from x0
    main(["paths", ladder, "x0", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["truncated"] is True
    assert "total" not in data  # more than the bound: not counted to the end
    assert len(data["routes"]) == 20
    main(["paths", ladder, "x0"])
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"20 of more than {COUNT_BOUND} routes; --limit to see more"
    )
    smaller = _ladder(tmp_path, _grid(7))  # 2 + 4 + ... + 64 = 126 routes
    main(["paths", smaller, "x0", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["total"] == 126


def test_max_moves_says_how_long_the_shortest_route_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = _ladder(tmp_path)
    assert main(["paths", ladder, "dev", "--to", "c", "--max-moves", "2"]) == 0
    assert capsys.readouterr().out == (
        "No route from Developer (dev, L1) to C (c, L4) within 2 moves (the shortest has 3 moves).\n"
    )
    main(["paths", ladder, "dev", "--to", "c", "--max-moves", "2", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert (data["routes"], data["shortest_moves"], data["truncated"]) == ([], 3, False)
    main(["paths", ladder, "dev", "--to", "lead", "--max-moves", "2"])
    assert (
        capsys.readouterr().out
        == "No route from Developer (dev, L1) to Lead (lead, L2) within 2 moves.\n"
    )
    main(["paths", ladder, "dev", "--to", "c", "--max-moves", "3"])
    assert "1. dev -[technical]-> a1 -[technical]-> b -[technical]-> c" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["explain", "paths"])
def test_a_file_without_a_role_says_the_role_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    ladder = _ladder(tmp_path)
    assert main([command, ladder]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ladders: a ROLE is missing: ladders {command} {ladder} ROLE")
    assert "no ladder file" not in err
    assert len(err.splitlines()) == 1


def test_a_missing_file_without_a_role_says_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["explain", "org.yaml"]) == 2
    assert "a ROLE is missing: ladders explain FILE ROLE (org.yaml: no such file)" in (
        capsys.readouterr().err
    )
    assert main(["explain", "senior"]) == 2
    err = capsys.readouterr().err
    assert "no ladder file: name one (ladders explain org.yaml senior)" in err


def test_explain_says_any_route_and_without_management(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", _ladder(tmp_path), "dev"]) == 0
    out = capsys.readouterr().out
    route = "dev -[technical]-> a1 -[technical]-> b -[technical]-> c"
    assert f"Any route: can reach L4, e.g. {route}\n" in out
    assert f"Without management: can reach L4, e.g. {route}\n" in out
    assert "With management" not in out


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("dve", "ladders: no role 'dve' in the ladder; did you mean 'dev'?"),
        (
            "ic",
            "ladders: no role 'ic' in the ladder: ic is a track; give a role id, such as "
            "'dev', 'a1', 'a2', ...",
        ),
        (
            "L2",
            "ladders: no role 'L2' in the ladder: L2 is a level; give a role id, such as "
            "'a1', 'a2', 'lead'",
        ),
    ],
)
def test_an_unknown_role_gets_a_did_you_mean_or_is_named_as_a_track_or_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str, message: str
) -> None:
    ladder = _ladder(tmp_path)
    for argv in (["explain", ladder, given], ["paths", ladder, given]):
        assert main(argv) == 2
        assert capsys.readouterr().err.splitlines() == [message]
    assert main(["paths", ladder, "dev", "--to", "lvl4"]) == 2
    assert "no --to role 'lvl4'" in capsys.readouterr().err


def test_fragments_beside_their_root_are_checked_through_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    split = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples" / "split").glob("*.yaml"))
    assert split == [
        "examples/split/design.yaml",
        "examples/split/engineering.yaml",
        "examples/split/org.yaml",
    ]
    assert main(["check", *split]) == 0
    captured = capsys.readouterr()
    assert captured.out == "No findings in 3 files.\n"
    assert captured.err.splitlines() == [
        "ladders: note: examples/split/design.yaml and examples/split/engineering.yaml are "
        "included by examples/split/org.yaml: checked through it, not on their own"
    ]
    # alone, a fragment is still checked as the root it is named as
    assert main(["check", "examples/split/design.yaml"]) == 1
    assert capsys.readouterr().err == ""


def test_roots_that_include_each_other_both_stay_roots(tmp_path: Path) -> None:
    from ladders.cli.check import included_roots

    (tmp_path / "a.yaml").write_text("include: [b.yaml]\n")
    (tmp_path / "b.yaml").write_text("include: [a.yaml]\n")
    (tmp_path / "c.yaml").write_text("include: [sub/d.yaml]\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.yaml").write_text("include: [e.yaml]\n")
    (tmp_path / "sub" / "e.yaml").write_text("roles: {}\n")
    a, b, c, e = (str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.yaml", "sub/e.yaml"))
    assert included_roots([a, b]) == {}
    assert included_roots([e, c]) == {e: c}  # included through another fragment
    assert included_roots([c]) == {}


_RST = re.compile(r"``|::|:[a-z]+:`")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rules_text_has_no_restructuredtext_markup(
    code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", code]) == 0
    out = capsys.readouterr().out
    prose = [line for line in out.splitlines() if not line.startswith("    ")]
    assert not [line for line in prose if _RST.search(line)]


def test_rules_text_keeps_the_examples_and_drops_only_the_marks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["rules", "LAD202"])
    out = capsys.readouterr().out
    assert "Options: max-step (whole number, at least 1). In pyproject.toml:\n" in out
    assert "\nFailing:\n\n    levels: [L1, L2, L3]\n" in out
    assert "with ignore: {LAD202: <reason>} on\nthe move" in out
    main(["rules"])
    table = capsys.readouterr().out
    assert "LAD006  unused-ignore" in table
    assert "An ignore entry, on a role or on a move" in table
    assert "``" not in table
