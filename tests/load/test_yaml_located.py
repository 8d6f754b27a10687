"""A YAML ladder's positions inside its roles, read when asked for, are those of the full marks.

:func:`ladders.load.yaml.read_yaml_located` reads a plain text without the marks inside
its roles; the :class:`~ladders.load.yaml.YamlLocator` it gives reads a role's marks from
that role's own lines when a position inside it is first asked for, or reads the whole
text again where those lines do not read as the role. Here every path of generated,
mutated and awkward texts (and a missing key or item below each) is located both ways:
the positions must be the same, and so must the data and problems.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import SEEDS, mutated
from test_yaml_plain import _canon

from ladders.exchange.data import ladder_data
from ladders.load.source import SourceMap, walk_marks
from ladders.load.text import Fatal
from ladders.load.yaml import YamlLocator, read_yaml, read_yaml_located
from ladders.strategies import ladders as ladder_strategy

YAML_SEEDS = [(fmt, text) for fmt, text in SEEDS if fmt == "yaml"]

CASES = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into ``node``, and below each container one that is not there."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
        yield (*path, "no such key", 0)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))
        yield (*path, len(node))


def _located_alike(text: str) -> YamlLocator | None:
    """Read ``text`` both ways; assert the same data, problems and positions."""
    try:
        data, marks, problems = read_yaml(text)
    except Fatal as stop:
        problem = stop.problem
        with pytest.raises(Fatal) as raised:
            read_yaml_located(text)
        assert raised.value.problem == problem
        return None
    lazy_data, lazy_marks, lazy_problems, locator = read_yaml_located(text)
    assert _canon(lazy_data) == _canon(data)
    assert lazy_problems == problems
    source = (
        SourceMap("f", lazy_data, lazy_marks)
        if locator is None
        else SourceMap("f", lazy_data, locate=locator.walk)
    )
    for path in _paths(data):
        want_here, want_key = walk_marks(data, marks, path)
        assert source.value_at(path) == ("f", want_here[0] + 1, want_here[1] + 1), path
        want = want_key if want_key is not None else want_here
        assert source.key_at(path) == ("f", want[0] + 1, want[1] + 1), path
    return locator


@CASES
@given(
    ladder=ladder_strategy(max_roles=12, progression=True, bands=True, move_ignores=True),
    flow=st.booleans(),
    crlf=st.booleans(),
)
def test_a_generated_ladder_s_positions_are_those_of_the_full_marks(
    ladder: Any, flow: bool, crlf: bool
) -> None:
    text = yaml.safe_dump(ladder_data(ladder), default_flow_style=flow, sort_keys=False)
    if crlf:
        text = text.replace("\n", "\r\n")
    locator = _located_alike(text)
    if "&" not in text and "!" not in text and ladder.roles:
        assert locator is not None, "a plain ladder with roles is read lazily"


@settings(CASES, max_examples=300)
@given(case=mutated(seeds=YAML_SEEDS))
def test_a_mutated_ladder_s_positions_are_those_of_the_full_marks(case: tuple[str, bytes]) -> None:
    _, data = case
    _located_alike(data.decode("utf-8", "replace"))


@pytest.mark.parametrize(
    "text",
    [
        # roles on one line: their own lines are not the role, so all is read again
        "roles: {a: {title: A, moves: [b]}, b: {title: B}}\n",
        "roles: {a: {title: A}, b: {title: B,\n  moves: [a]}}\nlevels: [L1]\n",
        "roles:\n  a: {title: A}\n  b: {title: B}\nlevels: [L1]\n",
        # comments, blank lines and a key after the roles
        "roles:\n  # the first\n  a:\n    title: A\n\n    moves: [b]  # up\n\n  b:\n    title: B\n"
        "# the end of roles\nlevels: [L1]\n",
        # the last role at the end of a text without a final line break
        "roles:\n  a:\n    title: A\n  b:\n    moves:\n    - a\n    - {to: a, kind: lateral}",
        # multi-line scalars, literal and folded blocks, quoted keys
        "roles:\n  a:\n    title: a title\n      on two lines\n    description: |\n      one\n"
        "      two\n  'b':\n    title: >-\n      folded\n      text\n    moves: [a]\n",
        # CR and CRLF line breaks
        "roles:\r\n  a:\r\n    title: A\r\n  b:\r\n    moves: [a]\r\n",
        "roles:\r  a:\r    title: A\r  b:\r    moves: [a]\r",
        # a document start and end, and roles indented further
        "---\nroles:\n    a:\n        title: A\n    b:\n        moves: [a]\n...\n",
        # a role with a key's name: its values are read as that key says, alike
        "roles:\n  metadata:\n    title: 1.0\n  entry:\n    moves: [metadata]\n",
        # scalar and sequence roles, and an empty one
        "roles:\n  a: text\n  b: [1, 2]\n  c:\n  d: {}\n",
        # roles nested deeper than the root are marked whole
        "metadata:\n  roles:\n    a: {title: A}\n",
        # keys that are not text and a duplicate key: the general reader's
        "roles:\n  a:\n    title: A\n    title: B\n",
        "roles:\n  ? [a]\n  : {title: A}\n",
        # an editor's line break in a value: the general reader's
        "roles:\n  a:\n    title: 'x\u2028y'\n    moves: [b]\n",
    ],
)
def test_awkward_texts_positions_are_those_of_the_full_marks(text: str) -> None:
    _located_alike(text)


def test_the_marks_inside_a_role_are_read_only_when_asked_for() -> None:
    text = "levels: [L1]\nroles:\n  a:\n    title: A\n    moves: [b]\n  b:\n    title: B\n"
    data, marks, _, locator = read_yaml_located(text)
    assert locator is not None
    roles = data["roles"]
    assert id(roles) in marks
    assert id(data["levels"]) in marks
    assert id(roles["a"]) not in marks
    assert id(roles["a"]["moves"]) not in marks
    assert locator.walk(("roles", "a", "moves", 0)) == ((4, 12, None), (4, 12, None))
    assert locator.walk(("roles", "b")) == ((6, 4, None), (5, 2, None))
    assert locator.walk(("roles", "b", "title")) == ((6, 11, None), (6, 4, None))


def test_a_file_read_through_the_locator_reports_where_a_full_read_does(tmp_path: Any) -> None:
    import ladders

    text = (
        "levels: [L1, L2]\ntracks: {ic: technical}\nroles:\n  a:\n    title: A\n    track: ic\n"
        "    level: L1\n    entry: true\n    moves: [b, nobody]\n  b:\n    title: B\n"
        "    track: nowhere\n    level: L2\n"
    )
    path = tmp_path / "ladder.yaml"
    path.write_text(text)
    found = {(f.code, f.line, f.column) for f in ladders.check_file(path)}
    assert found == {("LAD004", 9, 16), ("LAD004", 12, 12)}  # the unknown target and track


def test_a_role_s_marks_are_read_from_its_own_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("ladders.load.yaml")  # ladders.load is a function too
    text = "roles:\n  a:\n    title: A\n    moves: [b]\n  b:\n    title: B\nlevels: [L1]\n"
    _, _, _, locator = read_yaml_located(text)
    assert locator is not None
    read: list[str] = []
    plain = module._read_plain

    def reading(piece: str, lazy: Any = None) -> Any:
        read.append(piece)
        return plain(piece, lazy)

    monkeypatch.setattr(module, "_read_plain", reading)
    locator.walk(("roles", "a", "moves", 0))
    locator.walk(("roles", "b", "title"))
    locator.walk(("roles", "a", "title"))  # read before: not again
    assert read == ["  a:\n    title: A\n    moves: [b]\n", "  b:\n    title: B\n"]
