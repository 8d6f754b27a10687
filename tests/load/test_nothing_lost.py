"""The hostile inputs of the "nothing lost, nothing hangs" review, at the loader.

Each test names one case: deep include chains, text a file cannot hold (lone surrogates,
control characters), line breaks only libyaml counts, core-schema tags, files reached by
several names, files that are not files, and a huge JSON string whose one finding must
not cost gigabytes. Nothing here asserts wall time; a test that could hang is stopped by
an alarm and fails instead.
"""

from __future__ import annotations

import json
import os
import signal
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import ladders
from ladders import Finding
from ladders.load import load_path, load_text

HEAD = "levels: [L1, L2]\ntracks: {ic: technical}\n"
GOOD = HEAD + (
    "roles:\n"
    "  dev: {title: Developer, track: ic, level: L1, moves: [senior]}\n"
    "  senior: {title: Senior Developer, track: ic, level: L2}\n"
)


def _json_ladder(**role: object) -> dict[str, object]:
    dev: dict[str, object] = {"title": "Developer", "track": "ic", "level": "L1", **role}
    return {"levels": ["L1"], "tracks": {"ic": "technical"}, "roles": {"dev": dev}}


@contextmanager
def _no_hang(seconds: int = 20) -> Iterator[None]:
    """Fail (instead of hanging the test run) if the block takes longer than ``seconds``."""

    def stop(signum: int, frame: object) -> None:
        raise AssertionError(f"still running after {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _position(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the first ``needle`` in ``text``."""
    offset = text.index(needle)
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


# -- includes -----------------------------------------------------------------------------


def test_an_include_chain_500_deep_loads_and_check_file_does_not_raise(tmp_path: Path) -> None:
    depth = 500
    for number in range(depth):
        include = f"include: [f{number + 1}.yaml]\n" if number < depth - 1 else ""
        head = HEAD if number == 0 else ""
        role = f"roles:\n  r{number}: {{title: Role {number}, track: ic, level: L1}}\n"
        (tmp_path / f"f{number}.yaml").write_text(include + head + role)
    assert ladders.check_file(tmp_path / "f0.yaml") == [], "a chain of includes is not an error"
    ladder = ladders.load(tmp_path / "f0.yaml")
    assert len(ladder.roles) == depth
    assert len(ladder.files) == depth


def test_a_file_included_through_a_hard_link_and_its_own_name_is_read_once(
    tmp_path: Path,
) -> None:
    (tmp_path / "org.yaml").write_text("include: [team.yaml, sub/alias.yaml]\n" + GOOD)
    (tmp_path / "team.yaml").write_text("roles:\n  lead: {title: Lead, track: ic, level: L2}\n")
    (tmp_path / "sub").mkdir()
    os.link(tmp_path / "team.yaml", tmp_path / "sub" / "alias.yaml")
    loaded = load_path(tmp_path / "org.yaml")
    assert loaded.findings == [], "the same file under two names is not a duplicate of itself"
    assert loaded.ladder is not None
    assert "lead" in loaded.ladder.roles
    assert [Path(f).name for f in loaded.files] == ["org.yaml", "team.yaml"]


def test_a_hard_link_back_to_an_including_file_is_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("include: [team.yaml]\n" + GOOD)
    (tmp_path / "team.yaml").write_text("include: [again.yaml]\n")
    os.link(tmp_path / "org.yaml", tmp_path / "again.yaml")
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert finding.code == "LAD007"
    assert "cycle" in finding.message
    assert Path(finding.file).name == "team.yaml"


def test_a_symlinked_includes_own_includes_are_read_and_named_beside_the_file_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "org.yaml").write_text("include: [link.yaml]\n" + GOOD)
    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "design.yaml").write_text(
        "include: [extra.yaml]\nroles:\n  designer: {title: Designer, track: ic, level: L1}\n"
    )
    extra = (
        "roles:\n"
        "  # a comment, so that the move is on line 3\n"
        "  extra: {title: Extra, track: ic, level: L1, moves: [nobody]}\n"
    )
    (tmp_path / "teams" / "extra.yaml").write_text(extra)
    # A decoy beside the symbolic link, with the same name as the real include.
    (tmp_path / "extra.yaml").write_text("roles:\n  decoy: {title: Decoy, track: ic, level: L1}\n")
    (tmp_path / "link.yaml").symlink_to(Path("teams") / "design.yaml")
    loaded = load_path(tmp_path / "org.yaml")
    (finding,) = loaded.findings
    assert finding.code == "LAD004"
    assert Path(finding.file) == tmp_path / "teams" / "extra.yaml", "named as the file read"
    assert (finding.line, finding.column) == _position(extra, "nobody")
    assert str(tmp_path / "extra.yaml") not in loaded.files


def test_an_include_that_is_a_fifo_is_lad007_at_its_entry_and_does_not_hang(
    tmp_path: Path,
) -> None:
    text = "include: [pipe.yaml]\n" + GOOD
    (tmp_path / "org.yaml").write_text(text)
    os.mkfifo(tmp_path / "pipe.yaml")
    with _no_hang():
        (finding,) = load_path(tmp_path / "org.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)
    assert "FIFO" in finding.message


def test_an_include_linked_to_a_device_is_lad007_and_not_read(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("include: [zero.yaml]\n" + GOOD)
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    with _no_hang():
        (finding,) = load_path(tmp_path / "org.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)


def test_an_include_that_is_a_folder_is_lad007(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("include: [teams]\n" + GOOD)
    (tmp_path / "teams").mkdir()
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("LAD007", 1, 11)
    assert "folder" in finding.message


def test_a_root_that_is_a_device_is_a_finding_and_not_read() -> None:
    with _no_hang():
        (finding,) = load_path("/dev/zero").findings
    assert finding.code == "LAD001"
    assert "character device" in finding.message


def test_a_root_that_is_a_fifo_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "org.yaml")
    with _no_hang():
        findings = load_path(tmp_path / "org.yaml").findings
    assert [f.code for f in findings] == ["LAD002"], "nothing was written to it: empty"


def test_a_root_given_as_a_pipe_is_read_once() -> None:
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, GOOD.encode())
        os.close(write_end)
        write_end = -1
        loaded = load_path(f"/dev/fd/{read_end}")
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    assert loaded.findings == []
    assert loaded.ladder is not None
    assert set(loaded.ladder.roles) == {"dev", "senior"}


# -- text a file cannot hold --------------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [
        {"title": "Dev \ud800"},
        {"description": "Writes \udc00 code"},
        {"family": "eng\udbff"},
        {"metadata": {"note": ["x", "\ud800"]}},
        {"metadata": {"\ud800": 1}},
        {"moves": [{"to": "dev", "criteria": ["ok", "bad \udfff"]}]},
    ],
    ids=["title", "description", "family", "metadata", "metadata-key", "criteria"],
)
def test_a_lone_surrogate_in_json_text_is_lad001_at_the_escape(role: dict[str, object]) -> None:
    text = json.dumps(_json_ladder(**role), indent=2)  # json writes "\ud800" as an escape
    escape = next(m for m in ("\\ud800", "\\udc00", "\\udbff", "\\udfff") if m in text)
    (finding,) = load_text(text, "json", "org.json").findings
    assert finding.code == "LAD001"
    assert (finding.line, finding.column) == _position(text, escape)
    assert escape in finding.message


def test_a_surrogate_pair_and_an_escaped_backslash_are_text() -> None:
    ladder = ladders.loads(json.dumps(_json_ladder(title="Dev 😀 \\ud800")), format="json")
    assert ladder.roles["dev"].title == "Dev 😀 \\ud800"


def test_a_surrogate_laden_json_file_never_reaches_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    path.write_text(json.dumps(_json_ladder(title="Dev \ud800")))
    (finding,) = ladders.check_file(path)
    assert finding.code == "LAD001"


@pytest.mark.parametrize(
    ("text", "needle", "named"),
    [
        (HEAD + 'roles:\n  dev: {title: "De\\0v", track: ic, level: L1}\n', '"De', "U+0000 (NUL)"),
        (
            HEAD + 'roles:\n  dev: {title: Dev, description: "a\\eb", track: ic, level: L1}\n',
            '"a',
            "U+001B (ESC)",
        ),
        (
            HEAD + 'roles:\n  dev: {title: Dev, track: ic, level: L1, metadata: {k: "\\a"}}\n',
            '"\\a',
            "U+0007 (BEL)",
        ),
    ],
    ids=["nul-title", "esc-description", "bel-metadata"],
)
def test_a_control_character_in_yaml_text_is_lad002_at_the_value(
    text: str, needle: str, named: str
) -> None:
    (finding,) = load_text(text, "yaml", "org.yaml").findings
    assert finding.code == "LAD002"
    assert (finding.line, finding.column) == _position(text, needle)
    assert named in finding.message
    assert finding.role == "dev"


def test_a_control_character_in_json_text_is_lad002_naming_it() -> None:
    text = json.dumps(_json_ladder(title="De\x00v", moves=[{"to": "dev", "criteria": ["\x08"]}]))
    findings = load_text(text, "json", "org.json").findings
    assert [f.code for f in findings] == ["LAD002", "LAD002"]
    assert "U+0000 (NUL)" in findings[0].message
    assert (findings[0].line, findings[0].column) == _position(text, '"De')
    assert "U+0008 (BS)" in findings[1].message


def test_tabs_and_line_breaks_in_text_are_fine() -> None:
    text = json.dumps(_json_ladder(title="Dev", description="one\ttwo\nthree"))
    assert ladders.loads(text, format="json").roles["dev"].description == "one\ttwo\nthree"


# -- YAML reading -------------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_unicode_line_separators_in_a_quoted_title_do_not_shift_line_numbers(
    separator: str,
) -> None:
    text = HEAD + (
        "roles:\n"
        f'  dev: {{title: "Dev{separator}eloper", track: ic, level: L1}}\n'
        "  senior: {title: Senior, track: ic, level: L2, moves: [nobody]}\n"
    )
    (finding,) = load_text(text, "yaml", "org.yaml").findings
    assert finding.code == "LAD004"
    assert (finding.line, finding.column) == _position(text, "nobody")


def test_a_line_separator_before_a_syntax_error_keeps_its_line() -> None:
    text = 'name: "a\u2028b"\nlevels: [L1\n'
    (finding,) = load_text(text, "yaml", "org.yaml").findings
    assert finding.code == "LAD001"
    assert finding.line == 3, "the editor's line: after the two lines written"


@pytest.mark.parametrize("tagged", ["!!bool true", "!!bool false", "!!bool True"])
def test_entry_with_a_core_schema_bool_tag_is_accepted(tagged: str) -> None:
    text = HEAD + f"roles:\n  dev: {{title: Dev, track: ic, level: L1, entry: {tagged}}}\n"
    ladder = ladders.loads(text)
    assert ladder.roles["dev"].entry is (tagged.split()[1].lower() == "true")


def test_entry_tagged_as_text_is_still_not_a_boolean() -> None:
    text = HEAD + "roles:\n  dev: {title: Dev, track: ic, level: L1, entry: !!str true}\n"
    (finding,) = load_text(text).findings
    assert finding.code == "LAD002"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (HEAD + "roles:\n\tdev: {title: Dev, track: ic, level: L1}\n", 4, 1),
        (HEAD + "roles:\n  dev:\n    title: Dev\n\ttrack: ic\n", 6, 1),
    ],
    ids=["key", "under-a-key"],
)
def test_a_tab_that_indents_yaml_says_so_at_the_tab(text: str, line: int, column: int) -> None:
    (finding,) = load_text(text, "yaml", "org.yaml").findings
    assert finding.code == "LAD001"
    assert finding.message == "tabs cannot indent YAML; use spaces"
    assert (finding.line, finding.column) == (line, column)


# -- a huge JSON string -------------------------------------------------------------------


@pytest.mark.parametrize("piece", ["x", "\\n"], ids=["plain", "escapes"])
def test_a_20_mb_json_string_with_one_finding_costs_megabytes_not_gigabytes(
    tmp_path: Path, piece: str
) -> None:
    size = 20_000_000
    big = piece * (size // len(piece))
    text = (
        '{"levels": ["L1"], "tracks": {"ic": "technical"}, "roles": {"dev": '
        f'{{"title": "Dev", "track": "ic", "level": "L1", "description": "{big}", '
        '"moves": ["nobody"]}}}'
    )
    path = tmp_path / "org.json"
    path.write_text(text)
    del big, text
    tracemalloc.start()
    try:
        findings: list[Finding] = ladders.check_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [f.code for f in findings] == ["LAD004"]
    assert findings[0].line == 1
    # The text, its decoded copy, the data and the positions' copy: a few times the
    # file. The position finder's regex alone took 2.7 GB before it was bounded.
    assert peak < 12 * size, f"peak {peak / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"


@pytest.mark.parametrize("name", ["org\0.yaml", "sub\0/org.yaml"])
def test_check_file_never_raises_for_a_name_no_file_can_have(name: str) -> None:
    (finding,) = ladders.check_file(name)
    assert finding.code == "LAD001"
