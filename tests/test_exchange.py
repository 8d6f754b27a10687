"""Export (normalised JSON, GraphML, CSV) and import-csv, with round trips."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ladders
from ladders.exchange import (
    CsvError,
    export_csv,
    export_graphml,
    import_csv,
    ladder_data,
    ladder_text,
)

LADDER = """\
name: Acme
description: The engineering ladder
levels: [{id: L1, name: One}, L2, {id: "007", description: unused level}]
tracks: {ic: {kind: technical, name: Individual contributors}, mgmt: management, spare: technical}
roles:
  dev:
    title: "Developer, \\"quoted\\" & <angled>"
    track: ic
    level: L1
    family: eng
    entry: true
    description: |
      Writes code.
      Reviews code.
    moves:
      - senior
      - {to: lead, kind: management, criteria: [Leads 3+, "Has a; semicolon", "multi\\nline"],
         metadata: {weeks: 26, nested: {deep: [1, 2.5, true, null]}}}
    ignore: {LAD202: agreed}
    metadata: {band: 3, code: "007", remote: yes}
  senior: {title: Senior, track: ic, level: L2}
  lead: {title: Lead, track: mgmt, level: L2, moves: [{to: senior, criteria: ["[bracket"]}]}
"""


@pytest.fixture(scope="module")
def ladder() -> ladders.Ladder:
    return ladders.loads(LADDER)


def same(a: ladders.Ladder, b: ladders.Ladder) -> None:
    assert ladder_data(a) == ladder_data(b)
    assert [r.moves for r in a.roles.values()] == [r.moves for r in b.roles.values()]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_normalised_export_loads_back_the_same_ladder(ladder: ladders.Ladder, fmt: str) -> None:
    text = ladder_text(ladder_data(ladder), fmt)
    same(ladder, ladders.loads(text, format=fmt))  # type: ignore[arg-type]


def test_yaml_export_quotes_what_other_readers_would_misread() -> None:
    ladder = ladders.loads(
        "levels: [no, '007']\ntracks: {ic: technical}\n"
        "roles: {r: {title: on, track: ic, level: no, family: '1.10'}}\n"
    )
    import yaml

    plain = yaml.safe_load(ladder_text(ladder_data(ladder), "yaml"))  # a YAML 1.1 reader
    assert plain["levels"] == [{"id": "no"}, {"id": "007"}]
    assert plain["roles"]["r"] == {"title": "on", "track": "ic", "level": "no", "family": "1.10"}


def test_csv_round_trip_with_all_four_tables(ladder: ladders.Ladder) -> None:
    tables = export_csv(ladder, fill_kinds=False)
    data = import_csv(
        tables["roles.csv"],
        tables["moves.csv"],
        levels=tables["levels.csv"],
        tracks=tables["tracks.csv"],
        name="Acme",
    )
    data["description"] = "The engineering ladder"
    same(ladder, ladders.loads(json.dumps(data), format="json"))


def test_csv_round_trip_with_roles_and_moves_only_keeps_used_levels_in_order(
    ladder: ladders.Ladder,
) -> None:
    tables = export_csv(ladder, fill_kinds=False)
    rebuilt = ladders.loads(
        json.dumps(import_csv(tables["roles.csv"], tables["moves.csv"])), format="json"
    )
    assert [lv.id for lv in rebuilt.levels] == ["L1", "L2"]
    assert rebuilt.roles == ladder.roles or [r.moves for r in rebuilt.roles.values()] == [
        r.moves for r in ladder.roles.values()
    ]
    assert {t: rebuilt.tracks[t].kind for t in rebuilt.tracks} == {
        "ic": "technical",
        "mgmt": "management",
    }


def test_csv_columns(ladder: ladders.Ladder) -> None:
    tables = export_csv(ladder)
    assert tables["roles.csv"].splitlines()[0] == (
        "id,title,track,level,family,entry,description,promote,switch,ignore,metadata,"
        "track_kind,level_rank"
    )
    assert tables["moves.csv"].splitlines()[0] == "from,to,kind,criteria,ignore,metadata"
    assert tables["bands.csv"].splitlines()[0] == "level,track,role,min,max,currency"
    # the export fills every move's kind, inferred where the file does not write it
    kinds = [line.split(",")[2] for line in tables["moves.csv"].splitlines()[1:]]
    assert kinds
    assert all(kinds)


@pytest.mark.parametrize(
    ("roles", "moves", "message"),
    [
        ("id,title\nx,X\n", "from,to\n", "missing column"),
        ("id,title,track,level,track_kind\nx,X,ic,L1,technical\n", "from,to\ny,x\n", "row 2, from"),
        ("id,title,track,level,track_kind,entry\nx,X,ic,L1,technical,yes\n", "from,to\n", "entry"),
        (
            "id,title,track,level,track_kind,metadata\nx,X,ic,L1,technical,{bad\n",
            "from,to\n",
            "JSON",
        ),
        ("id,title,track,level\nx,X,ic,L1\n", "from,to\n", "track_kind"),
        (
            "id,title,track,level,track_kind\nx,X,ic,L1,technical\nx,Y,ic,L1,technical\n",
            "from,to\n",
            "twice",
        ),
    ],
)
def test_bad_csv_names_file_row_and_column(roles: str, moves: str, message: str) -> None:
    with pytest.raises(CsvError, match=message):
        import_csv(roles, moves)


def test_graphml_is_read_by_networkx(ladder: ladders.Ladder) -> None:
    text = export_graphml(ladder)
    ET.fromstring(text)  # well-formed XML
    import io

    graph = nx.read_graphml(io.BytesIO(text.encode()))
    assert set(graph.nodes) == set(ladder.roles)
    assert graph.nodes["dev"]["title"] == ladder.roles["dev"].title
    assert graph.edges["dev", "lead"]["kind"] == "management"
    assert json.loads(graph.edges["dev", "lead"]["criteria"])[0] == "Leads 3+"


# -- property: import of an export gives back the same ladder, metadata included ----------

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,8}", fullmatch=True)
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | text
metadata = st.none() | st.dictionaries(
    text,
    st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
        max_leaves=6,
    ),
    max_size=3,
)


@st.composite
def ladder_datas(draw: st.DrawFn) -> dict[str, Any]:
    levels = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    tracks = draw(
        st.dictionaries(ids, st.sampled_from(["technical", "management"]), min_size=1, max_size=3)
    )
    role_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    roles: dict[str, Any] = {}
    for role_id in role_ids:
        role: dict[str, Any] = {
            "title": draw(text),
            "track": draw(st.sampled_from(sorted(tracks))),
            "level": draw(st.sampled_from(levels)),
        }
        if draw(st.booleans()):
            role["family"] = draw(text)
        if draw(st.booleans()):
            role["entry"] = True
        meta = draw(metadata)
        if meta is not None:
            role["metadata"] = meta
        moves = []
        for target in draw(st.lists(st.sampled_from(role_ids), max_size=3)):
            move: dict[str, Any] = {"to": target}
            criteria = draw(st.lists(text, max_size=2))
            if criteria:
                move["criteria"] = criteria
            meta = draw(metadata)
            if meta is not None:
                move["metadata"] = meta
            moves.append(move)
        if moves:
            role["moves"] = moves
        roles[role_id] = role
    return {
        "version": 1,
        "levels": [{"id": lv} for lv in levels],
        "tracks": {t: {"kind": k} for t, k in tracks.items()},
        "roles": roles,
    }


@settings(
    max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(ladder_datas())
def test_csv_export_then_import_is_the_same_ladder(data: dict[str, Any]) -> None:
    ladder = ladders.loads(json.dumps(data), format="json")
    tables = export_csv(ladder, fill_kinds=False)
    rebuilt = import_csv(
        tables["roles.csv"],
        tables["moves.csv"],
        levels=tables["levels.csv"],
        tracks=tables["tracks.csv"],
    )
    again = ladders.loads(json.dumps(rebuilt), format="json")
    assert again == ladder  # a move written {to: x} reads back as x: the same move


@settings(max_examples=100, derandomize=True, deadline=None)
@given(ladder_datas(), st.sampled_from(["json", "yaml"]))
def test_normalised_export_round_trip(data: dict[str, Any], fmt: str) -> None:
    ladder = ladders.loads(json.dumps(data), format="json")
    again = ladders.loads(ladder_text(ladder_data(ladder), fmt), format=fmt)  # type: ignore[arg-type]
    assert ladder_data(again) == ladder_data(ladder)
