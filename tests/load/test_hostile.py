"""Hostile and surprising files: each gets a clear answer with the exact LAD0xx code.

Alias bombs, deep nesting, Python tags, second documents, bad encodings, empty files,
JSON's extensions (NaN), duplicate keys, huge scalars, unreadable roots and escaping
includes. The answer is always a finding with a location (or a ``LoadError`` carrying
them): never a traceback, never a hang, never executed content, never a modified file.
Nothing here asserts wall time (speed is measured in ``benchmarks/``); the alias bomb's
bound is on memory, which tracemalloc measures exactly.
"""

from __future__ import annotations

import codecs
import json
import os
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

import ladders
from ladders import Finding, LoadError
from ladders.load.yaml import MAX_ALIAS_NODES, MAX_DEPTH

LEVELS_AND_TRACKS = "levels: [L1, L2]\ntracks: {ic: technical}\n"
VALID = LEVELS_AND_TRACKS + (
    "roles:\n"
    "  dev: {title: Developer, track: ic, level: L1, moves: [senior]}\n"
    "  senior: {title: Senior Developer, track: ic, level: L2}\n"
)


def _assert_well_formed(finding: Finding) -> None:
    assert finding.code.startswith("LAD0"), finding
    assert finding.file, finding
    assert finding.line >= 1, finding
    assert finding.column >= 1, finding
    assert finding.message.strip(), finding
    assert "\n" not in finding.message, f"a finding's message is one line: {finding.message!r}"


def load_error(text: str | bytes, fmt: str = "yaml") -> LoadError:
    """The LoadError that loading ``text`` raises, its findings checked for form."""
    with pytest.raises(LoadError) as info:
        ladders.loads(text, format=fmt, source="hostile")  # type: ignore[arg-type]
    error = info.value
    assert error.findings
    for finding in error.findings:
        _assert_well_formed(finding)
        assert finding.file == "hostile"
    assert "\n" not in str(error), "a LoadError reads as one line"
    return error


def codes(findings: Any) -> list[str]:
    return [finding.code for finding in findings]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def check_file(path: Path, folder: Path | None = None) -> list[Finding]:
    """``check_file``, asserting that it returns well-formed findings and changes no file."""
    folder = folder or path.parent
    before = _snapshot(folder)
    findings = ladders.check_file(path)
    assert isinstance(findings, list)
    for finding in findings:
        assert isinstance(finding, Finding)
        assert finding.line >= 1
        assert finding.column >= 1
        assert "\n" not in finding.message, finding.message
    assert _snapshot(folder) == before, "checking a ladder modified a file"
    return findings


# --- alias bombs --------------------------------------------------------------------


def _billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        items = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"lol{level}: &a{level} [{items}]")
    return "\n".join(lines) + "\n"


def _peak_memory_of_refusal(text: str) -> tuple[LoadError, int]:
    load_error(text)  # once first, so lazy imports and caches are not counted
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        with pytest.raises(LoadError) as info:
            ladders.loads(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return info.value, peak


def test_billion_laughs_is_lad005_in_a_few_mb() -> None:
    error, peak = _peak_memory_of_refusal(_billion_laughs())
    assert codes(error.findings) == ["LAD005"]
    assert f"{MAX_ALIAS_NODES:,}" in error.findings[0].message
    assert peak < 5_000_000, f"refusing an alias bomb peaked at {peak:,} bytes"


def test_billion_laughs_in_metadata_is_lad005_in_a_few_mb() -> None:
    bomb = "".join(f"      {line}\n" for line in _billion_laughs().splitlines())
    role = "  lead:\n    title: Lead\n    track: ic\n    level: L2\n    metadata:\n"
    error, peak = _peak_memory_of_refusal(VALID + role + bomb)
    assert codes(error.findings) == ["LAD005"]
    assert peak < 5_000_000, f"refusing an alias bomb peaked at {peak:,} bytes"


def test_one_wide_anchor_aliased_many_times_is_lad005() -> None:
    wide = "wide: &w [" + ", ".join(["x"] * 1000) + "]\n"
    copies = "copies: [" + ", ".join(["*w"] * 200) + "]\n"
    error, peak = _peak_memory_of_refusal(wide + copies)
    assert codes(error.findings) == ["LAD005"]
    assert error.findings[0].line == 2
    assert peak < 5_000_000


def test_aliases_under_the_bound_are_fine() -> None:
    ladder = ladders.loads(
        LEVELS_AND_TRACKS
        + "roles:\n"
        + "  dev: {title: Dev, track: ic, level: L1, metadata: &m {a: [1, 2], b: x}}\n"
        + "  senior: {title: Senior, track: ic, level: L2, metadata: {copy: *m}}\n"
    )
    assert ladder.roles["senior"].metadata == {"copy": {"a": [1, 2], "b": "x"}}


# --- nesting ------------------------------------------------------------------------


def _deep_ladder(depth: int, where: str) -> dict[str, Any]:
    """A valid ladder whose deepest mapping is ``depth`` levels down (the file is 1)."""
    above = {"role": 3, "move": 5}[where]  # file, roles, role[, moves, move]
    inner: Any = "bottom"
    for _ in range(depth - above):
        inner = {"x": inner}
    senior: dict[str, Any] = {"title": "Senior", "track": "ic", "level": "L2"}
    dev: dict[str, Any] = {"title": "Dev", "track": "ic", "level": "L1"}
    if where == "role":
        dev["moves"] = ["senior"]
        dev["metadata"] = inner
    else:
        dev["moves"] = [{"to": "senior", "metadata": inner}]
    return {
        "levels": ["L1", "L2"],
        "tracks": {"ic": "technical"},
        "roles": {"dev": dev, "senior": senior},
    }


def _dump(doc: dict[str, Any], style: str) -> str:
    if style == "yaml-block":
        return yaml.safe_dump(doc, default_flow_style=False, width=10_000)
    return json.dumps(doc, indent=1)  # JSON is also YAML (flow style)


def _opener_at_depth(text: str, depth: int) -> tuple[int, int]:
    """1-based line and column of the first ``{``/``[`` at ``depth`` (no brackets in strings)."""
    level = 0
    line, column = 1, 0
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif char in "{[":
            level += 1
            if level == depth:
                return line, column
        elif char in "}]":
            level -= 1
    raise AssertionError(f"nothing is {depth} deep")


STYLES = [("yaml", "yaml-block"), ("yaml", "yaml-flow"), ("json", "json")]
PLACES = ["role", "move"]


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize(("fmt", "style"), STYLES, ids=[s for _, s in STYLES])
def test_nesting_64_deep_is_allowed(fmt: str, style: str, where: str) -> None:
    text = _dump(_deep_ladder(MAX_DEPTH, where), style)
    ladder = ladders.loads(text, format=fmt)  # type: ignore[arg-type]
    assert ladder.roles["dev"]


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize(("fmt", "style"), STYLES, ids=[s for _, s in STYLES])
def test_nesting_65_deep_is_lad005(fmt: str, style: str, where: str) -> None:
    text = _dump(_deep_ladder(MAX_DEPTH + 1, where), style)
    assert codes(load_error(text, fmt).findings) == ["LAD005"]


@pytest.mark.parametrize(("fmt", "style"), [s for s in STYLES if s[1] != "yaml-block"])
def test_nesting_65_deep_points_at_the_65th_opener(fmt: str, style: str) -> None:
    text = _dump(_deep_ladder(MAX_DEPTH + 1, "role"), style)
    (finding,) = load_error(text, fmt).findings
    assert (finding.line, finding.column) == _opener_at_depth(text, MAX_DEPTH + 1)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_100000_unclosed_brackets_are_a_finding(fmt: str) -> None:
    # Not a RecursionError, not a hang: it is not valid, and it is far too deep.
    assert codes(load_error("[" * 100_000, fmt).findings) in (["LAD001"], ["LAD005"])


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("depth", [1001, 100_000])
def test_deep_but_well_formed_brackets_are_lad005(fmt: str, depth: int) -> None:
    # Well-formed, just deeper than 64: that is LAD005 (unsafe), not LAD001 (syntax).
    text = "[" * depth + "]" * depth
    assert codes(load_error(text, fmt).findings) == ["LAD005"]


def test_deep_block_nesting_is_lad005() -> None:
    text = "levels:\n" + "".join(" " * i + "a:\n" for i in range(1, 1000)) + " " * 1000 + "x\n"
    (finding,) = load_error(text).findings
    assert finding.code == "LAD005"
    assert finding.line == MAX_DEPTH + 1


# --- tags: nothing is ever constructed or executed ------------------------------------


def _python_tags(marker: Path) -> list[str]:
    command = f'["touch {marker}"]'
    return [
        f"!!python/object/apply:os.system {command}\n",
        f"levels: !!python/object/apply:os.system {command}\n",
        f"levels: !!python/object/new:os.system {command}\n",
        f"levels: !<tag:yaml.org,2002:python/object/apply:os.system> {command}\n",
        f"%TAG !p! tag:yaml.org,2002:python/\n---\nlevels: !p!object/apply:os.system {command}\n",
        "levels: !!python/name:os.system\n",
        "levels:\n  - !!python/module:os\n",
    ]


@pytest.mark.parametrize("index", range(7))
def test_python_tags_are_lad005_and_never_run(tmp_path: Path, index: int) -> None:
    marker = tmp_path / "executed"
    text = _python_tags(marker)[index]
    assert codes(load_error(text).findings) == ["LAD005"]
    path = tmp_path / "ladder.yaml"
    path.write_text(text)
    assert codes(check_file(path)) == ["LAD005"]
    with pytest.raises(LoadError):
        ladders.load(path)
    assert not marker.exists(), "a ladder file ran a command"


@pytest.mark.parametrize(
    "tag", ["!foo", "!ladders", "!!binary", "!!set", "!!omap", "!!timestamp", "!!python/tuple"]
)
def test_tags_outside_the_core_schema_are_lad005(tag: str) -> None:
    text = VALID.replace("title: Developer", f"title: {tag} Developer")
    (finding,) = load_error(text).findings
    assert finding.code == "LAD005"
    assert tag.replace("!!", "") in finding.message
    assert (finding.line, finding.column) == (4, 16)


def test_core_tags_and_the_non_specific_tag_are_fine() -> None:
    ladder = ladders.loads(
        VALID.replace("title: Developer", "title: !!str Developer").replace(
            "title: Senior Developer", "title: ! Senior Developer"
        )
    )
    assert ladder.roles["dev"].title == "Developer"


def test_merge_keys_are_not_merged() -> None:
    text = LEVELS_AND_TRACKS + (
        "roles:\n"
        "  base: &base {title: Dev, track: ic, level: L1}\n"
        "  dev:\n"
        "    <<: *base\n"
        "    title: Developer\n"
    )
    error = load_error(text)
    assert "LAD002" in codes(error.findings)
    assert any("'<<'" in f.message and f.line == 6 for f in error.findings)


# --- documents ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "second", ["---\nlevels: [L9]\n", "---\n", "...\n---\nroles: {}\n", "--- !!str text\n"]
)
def test_a_second_yaml_document_is_lad005(second: str) -> None:
    (finding,) = load_error(VALID + second).findings
    assert finding.code == "LAD005"
    assert finding.line == VALID.count("\n") + 1 + second.startswith("...")


def test_one_explicit_document_is_fine() -> None:
    assert ladders.loads("---\n" + VALID + "...\n").roles


# --- encodings ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_invalid_utf8_is_lad001_at_the_bad_byte(tmp_path: Path, fmt: str) -> None:
    if fmt == "yaml":
        data = b"levels: [L1]\nname: \xc3\xbcn\xc3\xaf\xff more\n"
    else:
        data = b'{"levels": ["L1"],\n "name": "\xc3\xbcn\xc3\xaf\xff more"}'
    column = data.split(b"\n")[1].index(b"\xff") - 2 + 1  # two 2-byte characters before
    (finding,) = load_error(data, fmt).findings
    assert (finding.code, finding.line, finding.column) == ("LAD001", 2, column)
    assert "UTF-8" in finding.message
    path = tmp_path / f"ladder.{fmt}"
    path.write_bytes(data)
    (found,) = check_file(path)
    assert (found.code, found.line, found.column) == ("LAD001", 2, column)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_utf16_and_utf32_files_are_lad001(tmp_path: Path, encoding: str, fmt: str) -> None:
    text = VALID if fmt == "yaml" else json.dumps(yaml.safe_load(VALID))
    data = text.encode(encoding)
    assert codes(load_error(data, fmt).findings) == ["LAD001"]
    path = tmp_path / f"ladder.{fmt}"
    path.write_bytes(data)
    assert codes(check_file(path)) == ["LAD001"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_utf8_bom_is_fine(tmp_path: Path, fmt: str) -> None:
    text = VALID if fmt == "yaml" else json.dumps(yaml.safe_load(VALID))
    data = codecs.BOM_UTF8 + text.encode()
    assert ladders.loads(data, format=fmt).roles.keys() == {"dev", "senior"}  # type: ignore[arg-type]
    path = tmp_path / f"ladder.{fmt}"
    path.write_bytes(data)
    assert check_file(path) == []
    assert ladders.load(path).roles.keys() == {"dev", "senior"}


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\ufffe"])
def test_control_characters_are_lad001_at_the_character(char: str) -> None:
    text = f"levels: [L1]\nname: ab{char}cd\n"
    (finding,) = load_error(text).findings
    assert (finding.code, finding.line, finding.column) == ("LAD001", 2, 9)
    (from_bytes,) = load_error(text.encode()).findings
    assert from_bytes == finding


def test_lone_surrogate_in_text_is_lad001() -> None:
    # str input never went through decoding; a lone surrogate cannot be YAML text.
    error = load_error('levels: [L1]\nname: "a\udc80"\n')
    assert codes(error.findings) == ["LAD001"]


# --- empty and wrongly shaped files -------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "\n", "   \n  \n", "# only a comment\n", "# a\n\n# b\n", "---\n", "--- # c\n..."]
)
def test_an_empty_yaml_file_is_lad002(tmp_path: Path, text: str) -> None:
    (finding,) = load_error(text).findings
    assert finding.code == "LAD002"
    assert "empty" in finding.message
    path = tmp_path / "ladder.yaml"
    path.write_text(text)
    assert codes(check_file(path)) == ["LAD002"]


@pytest.mark.parametrize("text", ["", "\n", "  \n\t"])
def test_an_empty_json_file_is_lad002(tmp_path: Path, text: str) -> None:
    # The design lists "empty file" under LAD002 whatever the format.
    (finding,) = load_error(text, "json").findings
    assert finding.code == "LAD002"
    path = tmp_path / "ladder.json"
    path.write_text(text)
    assert codes(check_file(path)) == ["LAD002"]


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("yaml", "- levels\n- roles\n"),
        ("yaml", "just a title\n"),
        ("yaml", "42\n"),
        ("yaml", "[L1, L2]\n"),
        ("json", '["levels"]'),
        ("json", '"levels"'),
        ("json", "1"),
        ("json", "true"),
    ],
)
def test_a_top_level_list_or_scalar_is_lad002(fmt: str, text: str) -> None:
    (finding,) = load_error(text, fmt).findings
    assert finding.code == "LAD002"
    assert (finding.line, finding.column) == (1, 1)


# --- JSON ---------------------------------------------------------------------------


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_lad001(constant: str) -> None:
    text = (
        '{\n "levels": ["L1"],\n "tracks": {"ic": "technical"},\n "roles": {"dev": '
        '{"title": "Dev", "track": "ic", "level": "L1",\n  "metadata": {"x": '
        + constant
        + "}}}\n}\n"
    )
    (finding,) = load_error(text, "json").findings
    assert finding.code == "LAD001"
    assert constant.lstrip("-") in finding.message
    assert finding.line == 5, "the finding points at the line of the constant"


def test_json_duplicate_keys_are_lad003_at_the_second_key() -> None:
    text = (
        '{\n  "levels": ["L1"],\n  "tracks": {"ic": "technical"},\n'
        '  "roles": {},\n    "levels": ["L2"]\n}\n'
    )
    (finding,) = load_error(text, "json").findings
    assert (finding.code, finding.line, finding.column) == ("LAD003", 5, 5)
    assert "line 2" in finding.message


def test_json_duplicate_keys_inside_metadata_are_lad003() -> None:
    text = json.dumps(yaml.safe_load(VALID), indent=1).replace(
        '"title": "Developer"', '"title": "Developer", "metadata": {"a": 1,\n"a": 2}'
    )
    (finding,) = load_error(text, "json").findings
    assert finding.code == "LAD003"
    assert (finding.line, finding.column) == (text.count("\n", 0, text.index('\n"a": 2')) + 2, 1)


# --- size alone is never an error ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_1mb_title_loads(tmp_path: Path, fmt: str) -> None:
    title = "T" * 1_000_000
    doc = yaml.safe_load(VALID)
    doc["roles"]["dev"]["title"] = title
    doc["roles"]["dev"]["metadata"] = {"blob": "m" * 1_000_000}
    text = json.dumps(doc) if fmt == "json" else VALID.replace("Developer,", title + ",", 1)
    ladder = ladders.loads(text, format=fmt)  # type: ignore[arg-type]
    assert ladder.roles["dev"].title == title
    path = tmp_path / f"ladder.{fmt}"
    path.write_text(text)
    assert check_file(path) == []


def test_a_huge_integer_in_yaml_metadata_loads() -> None:
    text = VALID.replace("level: L1,", "level: L1, metadata: {n: " + "7" * 5000 + "},")
    ladder = ladders.loads(text)
    assert str(ladder.roles["dev"].metadata["n"]) == "7" * 5000  # type: ignore[index]


def test_a_huge_integer_in_json_metadata_loads() -> None:
    doc = yaml.safe_load(VALID)
    text = json.dumps(doc).replace('"title": "Developer"', '"metadata": {"n": 1}, "title": "D"')
    text = text.replace('"n": 1', '"n": ' + "7" * 5000)
    ladder = ladders.loads(text, format="json")
    assert str(ladder.roles["dev"].metadata["n"]) == "7" * 5000  # type: ignore[index]


@pytest.mark.parametrize("number", ["1" * 5000, "0x" + "f" * 5000, "0o" + "7" * 20_000])
def test_a_huge_integer_version_is_lad002(tmp_path: Path, number: str) -> None:
    text = f"version: {number}\n" + VALID
    (finding,) = load_error(text).findings
    assert (finding.code, finding.line, finding.column) == ("LAD002", 1, 10)
    path = tmp_path / "ladder.yaml"
    path.write_text(text)
    assert codes(check_file(path)) == ["LAD002"]


# --- what is not a readable ladder file ---------------------------------------------


def test_a_directory_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "ladder.yaml"
    folder.mkdir()
    (finding,) = check_file(folder, tmp_path)
    assert finding.code.startswith("LAD0")
    assert finding.file == str(folder)
    with pytest.raises(LoadError) as info:
        ladders.load(folder)
    assert "\n" not in str(info.value)


def test_a_missing_file_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    (finding,) = check_file(tmp_path / "nowhere.yaml", tmp_path)
    assert finding.code.startswith("LAD0")
    assert "nowhere.yaml" in finding.message


# --- includes -----------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """``tmp_path/root`` is the folder of the root file; ``tmp_path/outside.yaml`` is not in it."""
    (tmp_path / "outside.yaml").write_text("roles: {}\n")
    root = tmp_path / "root"
    root.mkdir()
    return root


def _include(project: Path, target: str) -> list[Finding]:
    main = project / "main.yaml"
    main.write_text(f"include: [{json.dumps(target)}]\n" + VALID)
    return check_file(main, project.parent)


@pytest.mark.parametrize(
    "target", ["/etc/passwd", "../outside.yaml", "sub/../../outside.yaml", "./../root/../x"]
)
def test_an_include_outside_the_root_folder_is_lad007(project: Path, target: str) -> None:
    (finding,) = _include(project, target)
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)
    assert finding.file == str(project / "main.yaml")


def test_an_include_through_a_symlink_pointing_outside_is_lad007(project: Path) -> None:
    (project / "link.yaml").symlink_to(project.parent / "outside.yaml")
    (finding,) = _include(project, "link.yaml")
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)


def test_an_include_through_a_symlinked_folder_pointing_outside_is_lad007(project: Path) -> None:
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "part.yaml").write_text("roles: {}\n")
    (project / "sub").symlink_to(elsewhere)
    (finding,) = _include(project, "sub/part.yaml")
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)


def test_an_include_cycle_is_lad007(project: Path) -> None:
    (project / "a.yaml").write_text("include: [b.yaml]\n" + VALID)
    (project / "b.yaml").write_text("include: [a.yaml]\nroles: {}\n")
    (finding,) = check_file(project / "a.yaml", project.parent)
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)
    assert finding.file == str(project / "b.yaml")
    assert "cycle" in finding.message


def test_a_file_including_itself_is_lad007(project: Path) -> None:
    (finding,) = _include(project, "main.yaml")
    assert finding.code == "LAD007"
    assert "cycle" in finding.message


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_an_include_with_a_nul_byte_is_lad007(project: Path, fmt: str) -> None:
    doc = yaml.safe_load(VALID)
    doc["include"] = ["part\x00.yaml"]
    main = project / f"main.{fmt}"
    main.write_text(json.dumps(doc) if fmt == "json" else yaml.safe_dump(doc))
    (finding,) = check_file(main, project.parent)
    assert finding.code == "LAD007"


def test_an_include_of_a_missing_file_is_lad007(project: Path) -> None:
    (finding,) = _include(project, "nope.yaml")
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)


def test_includes_are_refused_by_loads() -> None:
    (finding,) = load_error("include: [other.yaml]\n" + VALID).findings
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)


def test_nothing_outside_the_root_folder_was_read(project: Path) -> None:
    findings = _include(project, "/etc/passwd") + _include(project, "../outside.yaml")
    assert {f.file for f in findings} == {str(project / "main.yaml")}
    assert os.path.exists("/etc/passwd")  # the include was refused, not missing
