"""What ladders writes (``export --format xlsx``/``csv``) reads back as the same ladder,
with the same findings; and the workbook is usable when opened."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ladders
from ladders.check import check_file
from ladders.exchange.data import ladder_data
from ladders.exchange.tables import csv_texts, import_csv, write_csv_folder
from ladders.exchange.xlsx import SHEET_ORDER, write_workbook
from ladders.load.sheets.csvfolder import read_tables

from .conftest import DATA, EXAMPLES, keys

LOADABLE = [
    *sorted(EXAMPLES.glob("*.yaml")),
    EXAMPLES / "split" / "org.yaml",
    DATA / "rules.yaml",
    DATA / "progression.yaml",
]


def with_kinds(data: dict[str, Any]) -> dict[str, Any]:
    """Ladder file data with every move's kind written (the tables always write it)."""
    ranks = {level["id"]: i for i, level in reversed(list(enumerate(data["levels"])))}
    kinds = {track: spec["kind"] for track, spec in data["tracks"].items()}
    roles = data["roles"]
    for role in roles.values():
        moves = [move if isinstance(move, dict) else {"to": move} for move in role.get("moves", [])]
        for move in moves:
            if "kind" not in move:
                target = roles[move["to"]]
                rises = ranks[target["level"]] > ranks[role["level"]]
                move["kind"] = kinds[target["track"]] if rises else "lateral"
        if moves:
            role["moves"] = moves
    return data


def written(ladder: ladders.Ladder, tmp_path: Path) -> list[Path]:
    book = tmp_path / "org.xlsx"
    write_workbook(ladder, book, ladders.check(ladder))
    folder = tmp_path / "org"
    write_csv_folder(ladder, folder)
    return [book, folder]


@pytest.mark.parametrize("path", LOADABLE, ids=lambda p: p.name)
def test_an_export_reads_back_as_the_same_ladder_and_findings(path: Path, tmp_path: Path) -> None:
    ladder = ladders.load(path)
    for root in written(ladder, tmp_path):
        again = ladders.load(root)
        assert ladder_data(again) == with_kinds(ladder_data(ladder))
        assert keys(check_file(root)) == keys(check_file(path))


def test_the_csv_tables_keep_name_description_and_every_kind(tmp_path: Path) -> None:
    ladder = ladders.load(DATA / "rules.yaml")
    texts = csv_texts(ladder)
    assert sorted(texts) == [
        f"{t}.csv" for t in ("bands", "ladder", "levels", "moves", "roles", "tracks")
    ]
    assert "name,Many findings" in texts["ladder.csv"].splitlines()
    moves = list(csv.reader(io.StringIO(texts["moves.csv"])))
    assert moves[0][2] == "kind"
    assert len(moves) == 1 + sum(len(role.moves) for role in ladder.roles.values())
    assert all(row[2] in ("lateral", "technical", "management") for row in moves[1:])
    data = import_csv(
        texts["roles.csv"],
        texts["moves.csv"],
        levels=texts["levels.csv"],
        tracks=texts["tracks.csv"],
        ladder=texts["ladder.csv"],
    )
    assert data["name"] == "Many findings"
    again = ladders.loads(json.dumps(data), format="json")
    assert ladder_data(again) == with_kinds(ladder_data(ladder))


def test_formula_text_is_protected_in_the_csv(tmp_path: Path) -> None:
    ladder = ladders.loads(
        "levels: [L1]\ntracks: {ic: technical}\n"
        "roles: {r: {title: '=1+1', track: ic, level: L1, description: '@cmd', family: '-x'}}\n"
    )
    roles = csv_texts(ladder)["roles.csv"].splitlines()[1]
    assert roles.startswith("r,'=1+1,ic,L1,'-x,,'@cmd,")


def test_the_workbook_is_usable_when_opened(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ladder = ladders.load(DATA / "rules.yaml")
    path = tmp_path / "org.xlsx"
    write_workbook(ladder, path, ladders.check(ladder))
    book = load_workbook(path)
    assert book.sheetnames == list(SHEET_ORDER)
    for name in SHEET_ORDER:
        sheet = book[name]
        assert sheet.freeze_panes == ("B3" if name == "chart" else "A2"), name
        assert sheet.column_dimensions["A"].width > 0, name
    for name in ("findings", "roles", "moves", "levels"):
        assert book[name].auto_filter.ref, name
    findings = book["findings"]
    assert [c.value for c in findings[1]][:4] == ["severity", "code", "name", "role"]
    assert findings.max_row == len(ladders.check(ladder)) + 1


def test_the_chart_is_levels_by_family_and_track_with_findings_highlighted(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    ladder = ladders.load(EXAMPLES / "senior-ceiling.yaml")
    path = tmp_path / "org.xlsx"
    write_workbook(ladder, path, ladders.check(ladder))
    chart = load_workbook(path)["chart"]
    rows = [[c.value for c in row] for row in chart.iter_rows()]
    levels = [row[0] for row in rows[2:] if row[0]][: len(ladder.levels)]
    top = ladder.levels[-1]
    assert levels[0].startswith(top.id)  # highest level first, as ladders are drawn
    stuck = ladder.roles["swe-3"]
    cells = {
        (r, c): chart.cell(r + 1, c + 1)
        for r, row in enumerate(rows)
        for c, value in enumerate(row)
        if isinstance(value, str) and stuck.title in value.split(" [")[0].split("\n")
    }
    ((_, c), cell) = next(iter(cells.items()))
    assert "LAD101" in str(cell.value)
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")  # red: an error
    assert rows[0][c] == (stuck.family or "(no family)")
    assert ladder.tracks[stuck.track].kind in str(rows[1][c])
    assert [v for v in rows[1] if v and "midpoint" in str(v)] == [
        "technical midpoint",
        "management midpoint",
    ]


# -- property: any ladder reads back the same from a workbook and from a CSV folder --------

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,6}", fullmatch=True)
tricky = st.sampled_from(
    ["=1+1", "+SUM(A1)", "-5 days", "@cmd", "\t=x", "'=x", "''-y", "1.10", "007", "no",
     "TRUE", " padded ", "two\nlines", "_x000D_", "{not json", "[not a list", "a, b; c"]
)  # fmt: skip
plain = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=10,
)
text = tricky | plain
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | plain,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(plain, inner, max_size=3),
    max_leaves=5,
)


@st.composite
def bands(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(st.integers(0, 10**6) | st.sampled_from([0.5, 60000.25, 1e-3]))
    return {
        "min": low,
        "max": low + draw(st.integers(0, 10**5)),
        "currency": draw(st.sampled_from(["EUR", "USD", "JPY"])),
    }


# An empty `progression` is the same as none, and a spreadsheet writes it as blank cells.
settings_ = st.fixed_dictionaries(
    {}, optional={"promote": st.booleans(), "switch": st.booleans()}
).filter(bool)


@st.composite
def ladder_datas(draw: st.DrawFn) -> dict[str, Any]:
    levels = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    tracks = draw(
        st.dictionaries(ids, st.sampled_from(["technical", "management"]), min_size=1, max_size=3)
    )
    role_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    roles: dict[str, Any] = {}
    for role_id in role_ids:
        role: dict[str, Any] = {
            "title": draw(text),
            "track": draw(st.sampled_from(sorted(tracks))),
            "level": draw(st.sampled_from(levels)),
        }
        for key in ("family", "description"):
            if draw(st.booleans()):
                role[key] = draw(text)
        if draw(st.booleans()):
            role["entry"] = draw(st.booleans())
        if draw(st.booleans()):
            role["band"] = draw(bands())
        if draw(st.booleans()):
            role["progression"] = draw(settings_)
        if draw(st.booleans()):
            role["ignore"] = draw(
                st.dictionaries(st.sampled_from(["LAD101", "LAD104", "LAD2"]), text, min_size=1)
            )
        if draw(st.booleans()):
            role["metadata"] = draw(st.dictionaries(plain, json_values, max_size=3))
        moves = []
        for target in draw(st.lists(st.sampled_from(role_ids), max_size=3)):
            move: dict[str, Any] = {"to": target}
            criteria = draw(st.lists(text, max_size=2))
            if criteria:
                move["criteria"] = criteria
            if draw(st.booleans()):
                move["metadata"] = draw(st.dictionaries(plain, json_values, max_size=2))
            if draw(st.booleans()):
                move["ignore"] = draw(
                    st.dictionaries(st.sampled_from(["LAD202", "LAD304"]), text, min_size=1)
                )
            moves.append(move)
        if moves:
            role["moves"] = moves
        roles[role_id] = role
    level_data: list[dict[str, Any]] = []
    for level in levels:
        spec: dict[str, Any] = {"id": level, "name": draw(text)}
        if draw(st.booleans()):
            spec["entry"] = draw(st.booleans())
        if draw(st.booleans()):
            spec["band"] = draw(bands())
        level_data.append(spec)
    track_data: dict[str, Any] = {}
    for track, kind in tracks.items():
        track_data[track] = {"kind": kind}
        if draw(st.booleans()):
            track_data[track]["bands"] = {
                level: draw(bands()) for level in draw(st.sets(st.sampled_from(levels), min_size=1))
            }
    data: dict[str, Any] = {
        "version": 1,
        "levels": level_data,
        "tracks": track_data,
        "roles": roles,
    }
    if draw(st.booleans()):
        data["name"] = draw(text)
        data["description"] = draw(text)
    if draw(st.booleans()):
        data["progression"] = draw(settings_)
    return data


@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ladder_datas())
def test_any_ladder_reads_back_the_same(tmp_path_factory: Any, data: dict[str, Any]) -> None:
    ladder = ladders.loads(json.dumps(data), format="json")
    expected = with_kinds(ladder_data(ladder))
    tmp_path = tmp_path_factory.mktemp("sheets")
    for root in written(ladder, tmp_path):
        loaded = ladders.load(root)
        assert ladder_data(loaded) == expected, root.name


def _both_ways(texts: dict[str, str | None]) -> None:
    """Tables read without positions give what they give with them, but for the marks."""
    marked = read_tables(texts, derive=True)
    bare = read_tables(texts, derive=True, positions=False)
    assert bare.data == marked.data
    assert bare.findings == marked.findings
    assert [bare.columns.get(id(f)) for f in bare.findings] == [
        marked.columns.get(id(f)) for f in marked.findings
    ]
    for role in bare.data.get("roles", {}):  # no marks were kept: nothing is located
        assert bare.source.key_at(("roles", role)) == ("<tables>", 1, 1)


@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(ladder_datas())
def test_tables_read_without_positions_give_the_same_data_and_findings(
    data: dict[str, Any],
) -> None:
    ladder = ladders.loads(json.dumps(data), format="json")
    _both_ways({name.removesuffix(".csv"): text for name, text in csv_texts(ladder).items()})


def test_faulty_tables_read_without_positions_give_the_same_findings() -> None:
    _both_ways(
        {
            "roles": "id,title,track,level,entry,colour,track_kind\n"
            "a,A,ic,L1,maybe,red,technical\na,A again,ic,L1,,,technical\n,no id,ic,L1,,,\n",
            "moves": "from,to,kind,ignore\na,b,lateral,LAD999\nnobody,a,,\n,a,,\n",
        }
    )
