"""Fuzz the reader: random and mutated ladder text only ever gives findings or LoadError.

Each example starts from a small valid ladder (YAML or JSON) and mutates it: truncation,
garbage bytes (invalid UTF-8, NUL, a BOM in the middle, tabs, YAML indicators), a
duplicated line, deeper nesting, a huge scalar, a second document, an alias chain; or it
is random text or bytes outright. Whatever comes in, the outcome is a ``Ladder`` or a
``LoadError`` whose findings are LAD0xx with a file, a 1-based line and column and a
one-line message; ``check_file`` returns findings and never raises, and leaves the files
it read as they were. "Promptly" is hypothesis' ``deadline``: no test asserts wall time.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ladders
from ladders import Finding, Ladder, LoadError

# Where executed content would leave its mark. Nothing may ever create it.
MARKER = Path(tempfile.gettempdir()) / f"ladders-fuzz-executed-{os.getpid()}"

YAML_FULL = """\
# yaml-language-server: $schema=https://example.com/ladders.schema.json
version: 1
name: Acme engineering
description: The engineering ladder
levels: [L1, L2, L3]
tracks:
  ic: technical
  mgmt: {kind: management, name: People management}
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    entry: true
    moves: [senior, {to: lead, kind: management, criteria: [Leads a team of 3+]}]
  senior:
    title: Senior Developer
    track: ic
    level: L2
    moves:
      - staff
  staff: {title: Staff Engineer, track: ic, level: L3}
  lead:
    title: Team Lead
    track: mgmt
    level: L2
    family: engineering
    moves:
      - to: senior
        kind: lateral
        metadata: {reason: back to the craft}
    metadata: {band: 7, remote: true, tags: [a, b]}
"""

YAML_ANCHORS = """\
levels:
  - L1
  - id: L2
    name: Engineer II
  - {id: "3", description: Senior}
tracks:
  ic: {kind: technical}
  mgmt: management
roles:
  a:
    title: Engineer
    track: ic
    level: L1
    moves: [b]
    metadata: &shared
      note: |
        several
        lines
      values: [1, 2.5, null, true, ~, 0x1F, no, 007]
  b:
    title: 'Engineer II'
    track: ic
    level: L2
    family: engineering
    moves: [c, m]
    metadata: *shared
  c: {title: "Senior", track: ic, level: "3", family: engineering}
  m:
    title: Manager
    track: mgmt
    level: "3"
    family: engineering
    metadata: {copy: *shared}
"""

YAML_SMALL = """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [senior]}
  senior: {title: Senior Developer, track: ic, level: L2}
"""

JSON_FULL = """\
{
  "$schema": "https://example.com/ladders.schema.json",
  "version": 1,
  "name": "Acme",
  "levels": ["L1", {"id": "L2", "name": "Engineer II"}, 3],
  "tracks": {"ic": "technical", "mgmt": {"kind": "management"}},
  "roles": {
    "dev": {"title": "Developer", "track": "ic", "level": "L1", "entry": true,
            "moves": ["senior"]},
    "senior": {"title": "Senior", "track": "ic", "level": "L2",
               "moves": [{"to": "lead", "criteria": ["Mentors"]}, "staff"]},
    "staff": {"title": "Staff", "track": "ic", "level": 3},
    "lead": {"title": "Lead", "track": "mgmt", "level": 3,
             "metadata": {"band": 7, "tags": ["a", null, 1.5, false]}}
  }
}
"""

JSON_SMALL = (
    '{"levels": ["L1", "L2"], "tracks": {"ic": "technical"}, "roles": '
    '{"dev": {"title": "Developer", "track": "ic", "level": "L1", "moves": ["senior"]}, '
    '"senior": {"title": "Senior Developer", "track": "ic", "level": "L2"}}}\n'
)

SEEDS: list[tuple[str, str]] = [
    ("yaml", YAML_FULL),
    ("yaml", YAML_ANCHORS),
    ("yaml", YAML_SMALL),
    ("json", JSON_FULL),
    ("json", JSON_SMALL),
]

# Split off the include seed: it only makes sense read from a folder.
PART = "tracks: {ops: management}\nroles:\n  ops: {title: Operations, track: ops, level: L2}\n"
YAML_INCLUDING = "include: [part.yaml]\n" + YAML_SMALL

#: bytes worth inserting: YAML indicators, encodings gone wrong, control characters
NASTY: list[bytes] = [
    b"\x00",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    b"\t",
    b"\r",
    b"\n",
    b"  ",
    b"&",
    b"*",
    b"!",
    b":",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"'",
    b'"',
    b"#",
    b"%",
    b"@",
    b"`",
    b"|",
    b">",
    b"? ",
    b"<<: ",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",  # an encoded surrogate: not UTF-8
    b"\xc2\x85",  # NEL
    "\u2028".encode(),
    b"\x07",
    b"\x1b[31m",
    b"&a ",
    b"*a",
    b"*nowhere",
    b"!foo ",
    b"!!str ",
    b"!!int ",
    b"!!binary ",
    b"!!set ",
    b"!!omap ",
    b"!!timestamp ",
    f'!!python/object/apply:os.system ["touch {MARKER}"] '.encode(),
    b"!!python/name:os.system ",
    b"%YAML 1.1\n",
    b"%TAG ! tag:example.com,2000:\n",
    b"---\n",
    b"...\n",
    b"NaN",
    b"-Infinity",
    b"1e999",
    b"9" * 5000,
    b"include: [../outside.yaml]\n",
    b"include: [/etc/passwd]\n",
]

WORD = re.compile(rb"[A-Za-z0-9_.$-]+")


def _spot(draw: st.DrawFn, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


@st.composite
def _truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: _spot(draw, data)]


@st.composite
def _insert(draw: st.DrawFn, data: bytes) -> bytes:
    at = _spot(draw, data)
    piece = draw(st.sampled_from(NASTY) | st.binary(min_size=1, max_size=8))
    return data[:at] + piece + data[at:]


@st.composite
def _replace(draw: st.DrawFn, data: bytes) -> bytes:
    at = _spot(draw, data)
    width = draw(st.integers(1, 12))
    piece = draw(st.sampled_from(NASTY) | st.binary(min_size=0, max_size=8))
    return data[:at] + piece + data[at + width :]


@st.composite
def _duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.splitlines(keepends=True) or [b""]
    index = draw(st.integers(0, len(lines) - 1))
    return b"".join(lines[: index + 1] + lines[index:])


@st.composite
def _deepen(draw: st.DrawFn, data: bytes) -> bytes:
    """Wrap one scalar of the text in many lists or mappings (balanced, or not)."""
    words = list(WORD.finditer(data))
    if not words:
        return data
    word = draw(st.sampled_from(words))
    depth = draw(st.integers(1, 80) | st.sampled_from([999, 1001, 5000]))
    opener, closer = draw(
        st.sampled_from([(b"[", b"]"), (b"{x: ", b"}"), (b'{"x": ', b"}"), (b"[[", b"]]")])
    )
    close = closer * depth if draw(st.booleans()) else b""
    return data[: word.start()] + opener * depth + word.group() + close + data[word.end() :]


@st.composite
def _huge_scalar(draw: st.DrawFn, data: bytes) -> bytes:
    """Replace one scalar with a very long one (up to 1 MB)."""
    words = list(WORD.finditer(data))
    if not words:
        return data
    word = draw(st.sampled_from(words))
    size = draw(st.sampled_from([129, 4301, 100_000, 1_000_000]))
    huge = draw(st.sampled_from([b"x" * size, b"9" * min(size, 5000), b'"' + b"y" * size + b'"']))
    return data[: word.start()] + huge + data[word.end() :]


@st.composite
def _huge_number(draw: st.DrawFn, data: bytes) -> bytes:
    """Replace one number with one of thousands of digits (past int()'s default limit)."""
    numbers = [m for m in WORD.finditer(data) if m.group()[:1].isdigit()]
    if not numbers:
        return data
    number = draw(st.sampled_from(numbers))
    huge = draw(st.sampled_from([b"7" * 5000, b"-" + b"1" * 4400, b"0x" + b"f" * 5000]))
    return data[: number.start()] + huge + data[number.end() :]


@st.composite
def _second_document(draw: st.DrawFn, data: bytes) -> bytes:
    separator = draw(st.sampled_from([b"---\n", b"\n---\n", b"...\n---\n", b"\n", b""]))
    return data + separator + draw(st.sampled_from([data, b"levels: [L9]\n", b"{}"]))


@st.composite
def _alias_chain(draw: st.DrawFn, data: bytes) -> bytes:
    """Put an alias chain (a billion laughs, if wide and deep enough) somewhere."""
    width = draw(st.integers(1, 10))
    depth = draw(st.integers(1, 10))
    lines = ["bomb0: &a0 [lol]"]
    for level in range(1, depth + 1):
        items = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"bomb{level}: &a{level} [{items}]")
    chain = "\n".join(lines).encode()
    if draw(st.booleans()):
        # as free-form metadata of the first role that has a block-style title
        flow = b"{" + chain.replace(b"\n", b", ") + b"}"
        at = data.find(b"    title:")
        if at >= 0:
            return data[:at] + b"    metadata: " + flow + b"\n" + data[at:]
    return chain + b"\n" + data


MUTATIONS: list[Callable[[bytes], st.SearchStrategy[bytes]]] = [
    _truncate,
    _insert,
    _replace,
    _duplicate_line,
    _deepen,
    _huge_scalar,
    _huge_number,
    _second_document,
    _alias_chain,
]


@st.composite
def mutated(
    draw: st.DrawFn, seeds: list[tuple[str, str]] = SEEDS, max_steps: int = 3
) -> tuple[str, bytes]:
    """A seed ladder with one to ``max_steps`` mutations applied: ``(format, bytes)``."""
    fmt, text = draw(st.sampled_from(seeds))
    data = text.encode()
    for _ in range(draw(st.integers(1, max_steps))):
        mutation = draw(st.sampled_from(MUTATIONS))
        data = draw(mutation(data))
    return fmt, data


def _assert_clean_findings(findings: list[Finding] | tuple[Finding, ...], text: bytes) -> None:
    """Every finding has a code, a file, a 1-based position inside the file, and one line."""
    last_line = text.count(b"\n") + text.count(b"\r") + 2
    for finding in findings:
        assert isinstance(finding, Finding)
        assert re.fullmatch(r"LAD\d{3}", finding.code), finding
        assert finding.name
        assert finding.severity in ("error", "warning")
        assert finding.file, finding
        assert finding.message.strip(), finding
        assert "\n" not in finding.message, finding
        assert finding.line >= 1, finding
        assert finding.column >= 1, finding
        assert finding.line <= last_line, finding


def _assert_loads_outcome(text: str | bytes, fmt: str, raw: bytes) -> None:
    """``loads`` gives a Ladder, or a LoadError of LAD0xx findings: nothing else."""
    ladder: Ladder | None = None
    error: LoadError | None = None
    try:
        ladder = ladders.loads(text, format=fmt, source="fuzz.ladder")  # type: ignore[arg-type]
    except LoadError as caught:
        error = caught
    if error is not None:
        assert error.findings, "a LoadError says what is wrong"
        _assert_clean_findings(error.findings, raw)
        for finding in error.findings:
            assert finding.code.startswith("LAD0"), finding
            assert finding.file == "fuzz.ladder", finding
        assert any(f.severity == "error" for f in error.findings)
        assert "\n" not in str(error), "a LoadError reads as one line"
    else:
        assert isinstance(ladder, Ladder)
        # A ladder that loads can be checked: the rules cope with whatever got through.
        _assert_clean_findings(ladders.check(ladder), raw)
    assert not MARKER.exists(), "content of a ladder file was executed"


FUZZ = settings(
    max_examples=800,
    deadline=10_000,  # generous for a busy CI machine; a hang still fails
    derandomize=True,
    # Mutants embed 1 MB scalars on purpose; generating them is not the slow part
    # hypothesis fears, and the inputs being large is the point.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)


@FUZZ
@given(case=mutated(), as_text=st.booleans())
def test_loads_mutated_ladders(case: tuple[str, bytes], as_text: bool) -> None:
    fmt, data = case
    text: str | bytes = data
    if as_text:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")  # str input skips decoding: any code point goes
    _assert_loads_outcome(text, fmt, data)


@FUZZ
@given(case=mutated(), fmt=st.sampled_from(["yaml", "json"]))
def test_loads_mutated_ladders_in_the_other_format(case: tuple[str, bytes], fmt: str) -> None:
    _, data = case
    _assert_loads_outcome(data, fmt, data)


@settings(FUZZ, max_examples=250)
@given(text=st.text(max_size=300), fmt=st.sampled_from(["yaml", "json"]))
def test_loads_random_text(text: str, fmt: str) -> None:
    _assert_loads_outcome(text, fmt, text.encode("utf-8", "surrogatepass"))


@settings(FUZZ, max_examples=250)
@given(data=st.binary(max_size=300), fmt=st.sampled_from(["yaml", "json"]))
def test_loads_random_bytes(data: bytes, fmt: str) -> None:
    _assert_loads_outcome(data, fmt, data)


#: printable-ish text built from the characters that matter to YAML and JSON
SYNTAX = st.lists(
    st.sampled_from([*"abL1: -[]{},&*!|>'\"#?\n\t\\%@`~.0", "  ", "\n  ", "a: ", "- "]),
    max_size=120,
).map("".join)


@settings(FUZZ, max_examples=250)
@given(text=SYNTAX, fmt=st.sampled_from(["yaml", "json"]))
def test_loads_random_syntax(text: str, fmt: str) -> None:
    _assert_loads_outcome(text, fmt, text.encode())


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


CHECK_SEEDS = [*SEEDS, ("yaml", YAML_INCLUDING)]


@settings(FUZZ, max_examples=400)
@given(case=mutated(seeds=CHECK_SEEDS), suffix=st.sampled_from(["", "same", ".txt"]))
def test_check_file_never_raises_and_modifies_nothing(
    fuzz_folder: Path, case: tuple[str, bytes], suffix: str
) -> None:
    fmt, data = case
    folder = Path(tempfile.mkdtemp(dir=fuzz_folder))
    ext = {"": "", "same": f".{fmt}", ".txt": ".txt"}[suffix]
    root = folder / f"ladder{ext}"
    root.write_bytes(data)
    (folder / "part.yaml").write_text(PART)
    before = _snapshot(folder)

    findings = ladders.check_file(root)

    assert isinstance(findings, list)
    _assert_clean_findings(findings, max(data, PART.encode(), key=len))
    assert findings == sorted(findings)
    assert _snapshot(folder) == before, "checking a file changed a file"
    assert not MARKER.exists(), "content of a ladder file was executed"


@pytest.mark.parametrize(("fmt", "text"), SEEDS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(SEEDS)])
def test_every_seed_is_a_valid_ladder(fmt: str, text: str) -> None:
    # The mutations start from valid ladders, so what they find is the mutation's doing.
    ladder = ladders.loads(text, format=fmt)  # type: ignore[arg-type]
    assert ladder.roles
    if fmt == "json":  # and JSON is YAML, but for "$schema", which only JSON may carry
        doc = json.loads(text)
        doc.pop("$schema", None)
        assert ladder.roles == ladders.loads(json.dumps(doc)).roles
