"""The reading rules of DESIGN §1: each trap has its own test."""

from __future__ import annotations

import pytest

import ladders
from ladders import LoadError

BASE = """\
levels: [L1, L2]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1}
"""


def codes(error: LoadError) -> list[str]:
    return [f.code for f in error.findings]


def load_error(text: str, fmt: str = "yaml") -> LoadError:
    with pytest.raises(LoadError) as caught:
        ladders.loads(text, format=fmt)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    "word", ["no", "on", "NO", "yes", "off", "1.10", "007", "0x1F", "null", "True"]
)
def test_plain_scalars_are_text_exactly_as_written(word: str) -> None:
    ladder = ladders.loads(
        f"""\
name: {word}
levels: [{word}, L2]
tracks: {{ic: technical}}
roles:
  dev: {{title: {word}, track: ic, level: {word}, family: {word}}}
"""
    )
    role = ladder.roles["dev"]
    assert (ladder.name, role.title, role.level, role.family) == (word, word, word, word)
    assert ladder.levels[0].id == word


@pytest.mark.parametrize("word", ["~", "null", "-", "2024", "3.0"])
def test_plain_scalar_titles_are_text(word: str) -> None:
    ladder = ladders.loads(BASE.replace("title: Developer", f"title: {word}"))
    assert ladder.roles["dev"].title == word


def test_role_ids_that_look_like_numbers_or_booleans_stay_text() -> None:
    ladder = ladders.loads(
        """\
levels: [L1]
tracks: {ic: technical}
roles:
  007: {title: Agent, track: ic, level: L1, moves: [no]}
  no: {title: Nobody, track: ic, level: L1}
"""
    )
    assert list(ladder.roles) == ["007", "no"]
    assert ladder.roles["007"].targets == ("no",)


def test_integer_level_ids_are_their_decimal_text_in_json() -> None:
    ladder = ladders.loads(
        '{"levels": [1, 2], "tracks": {"ic": "technical"},'
        ' "roles": {"dev": {"title": "D", "track": "ic", "level": 2}}}',
        format="json",
    )
    assert [level.id for level in ladder.levels] == ["1", "2"]
    assert ladder.roles["dev"].level == "2"
    assert ladder.rank("dev") == 1


def test_float_level_id_in_json_is_a_schema_error_not_rounded() -> None:
    error = load_error(
        '{"levels": [1.10], "tracks": {}, "roles": {}}',
        fmt="json",
    )
    assert codes(error) == ["LAD002"]


@pytest.mark.parametrize(("written", "expected"), [("true", True), ("false", False)])
def test_entry_is_the_only_boolean(written: str, expected: bool) -> None:
    ladder = ladders.loads(BASE.replace("level: L1}", f"level: L1, entry: {written}}}"))
    assert ladder.roles["dev"].entry is expected


@pytest.mark.parametrize("written", ["yes", "on", "True", "'true'", "1"])
def test_entry_accepts_only_true_or_false(written: str) -> None:
    error = load_error(BASE.replace("level: L1}", f"level: L1, entry: {written}}}"))
    assert codes(error) == ["LAD002"]
    assert "entry" in error.findings[0].message


def test_metadata_is_read_by_the_yaml_core_schema_and_preserved() -> None:
    ladder = ladders.loads(
        BASE.replace(
            "level: L1}",
            "level: L1, metadata: {band: 3, remote: true, pay: 1.5, code: '007', x: null}}",
        )
    )
    assert ladder.roles["dev"].metadata == {
        "band": 3,
        "remote": True,
        "pay": 1.5,
        "code": "007",
        "x": None,
    }


def test_duplicate_key_is_an_error_not_last_one_wins() -> None:
    error = load_error(
        """\
levels: [L1]
tracks: {ic: technical}
roles:
  dev:
    title: Developer
    track: ic
    title: Other
    level: L1
"""
    )
    assert codes(error) == ["LAD003"]
    finding = error.findings[0]
    assert (finding.line, finding.column) == (7, 5)
    assert "'title'" in finding.message
    assert "line 5" in finding.message


def test_duplicate_role_id_is_an_error() -> None:
    error = load_error(BASE + "  dev: {title: Again, track: ic, level: L2}\n")
    assert codes(error) == ["LAD003"]
    assert (error.findings[0].line, error.findings[0].column) == (5, 3)


def test_duplicate_level_id_is_an_error() -> None:
    error = load_error(BASE.replace("[L1, L2]", "[L1, L2, L1]"))
    assert codes(error) == ["LAD003"]
    assert (error.findings[0].line, error.findings[0].column) == (1, 18)


def test_unknown_key_is_an_error_with_did_you_mean() -> None:
    error = load_error(BASE.replace("track: ic,", "trak: ic,"))
    assert "LAD002" in codes(error)
    unknown = next(f for f in error.findings if "unknown key" in f.message)
    assert "did you mean 'track'?" in unknown.message
    assert (unknown.line, unknown.column) == (4, 27)


def test_unknown_top_level_key() -> None:
    error = load_error(BASE + "role: {}\n")
    assert codes(error) == ["LAD002"]
    assert "did you mean 'roles'?" in error.findings[0].message
    assert error.findings[0].line == 5


def test_unknown_reference_with_did_you_mean() -> None:
    error = load_error(
        BASE.replace("level: L1}", "level: L3, moves: [senoir]}")
        + "  senior: {title: Senior, track: ic, level: L2}\n"
    )
    messages = sorted(f.message for f in error.findings)
    assert codes(error) == ["LAD004", "LAD004"]
    assert "did you mean 'senior'?" in messages[0]
    assert "'L3'" in messages[1]


def test_unknown_track_points_at_the_token() -> None:
    error = load_error(BASE.replace("track: ic,", "track: icc,"))
    (finding,) = error.findings
    assert finding.code == "LAD004"
    assert (finding.line, finding.column) == (4, 34)
    assert "did you mean 'ic'?" in finding.message


@pytest.mark.parametrize(
    "bad_id",
    ["-dev", "dev team", "d" * 129, "dév", ".x"],
    ids=["dash", "space", "long", "accent", "dot"],
)
def test_ids_must_match_the_pattern(bad_id: str) -> None:
    error = load_error(BASE.replace("  dev:", f"  '{bad_id}':"))
    assert codes(error) == ["LAD002"]
    assert "invalid id" in error.findings[0].message


def test_longest_allowed_id_is_accepted() -> None:
    role_id = "d" * 128
    ladder = ladders.loads(BASE.replace("  dev:", f"  {role_id}:"))
    assert role_id in ladder.roles


@pytest.mark.parametrize("version", ["2", "'1'", "1.0", "true", "v1"])
def test_unsupported_version(version: str) -> None:
    error = load_error(f"version: {version}\n" + BASE)
    assert codes(error) == ["LAD002"]
    assert "version" in error.findings[0].message


def test_version_1_is_accepted() -> None:
    assert ladders.loads("version: 1\n" + BASE).roles["dev"].title == "Developer"


def test_shorthands_and_long_forms_are_the_same() -> None:
    short = ladders.loads(
        BASE.replace("level: L1}", "level: L1, moves: [dev2]}")
        + "  dev2: {title: D2, track: ic, level: L2}\n"
    )
    long = ladders.loads(
        """\
levels: [{id: L1}, {id: L2, name: Two}]
tracks:
  ic: {kind: technical}
  mgmt: {kind: management, name: People}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [{to: dev2}]}
  dev2: {title: D2, track: ic, level: L2}
"""
    )
    for role_id, role in short.roles.items():
        other = long.roles[role_id]
        assert role.moves == other.moves
        assert role.model_dump(exclude={"move_specs"}) == other.model_dump(exclude={"move_specs"})
    assert [lv.id for lv in short.levels] == [lv.id for lv in long.levels]
    assert short.tracks["ic"] == long.tracks["ic"]
    assert long.levels[1].name == "Two"


def test_move_mapping_fields_are_kept() -> None:
    ladder = ladders.loads(
        BASE.replace(
            "level: L1}",
            "level: L1, moves: [{to: dev2, kind: technical, criteria: [Ships, Mentors],"
            " metadata: {weeks: 26}}]}",
        )
        + "  dev2: {title: D2, track: ic, level: L2}\n"
    )
    (move,) = ladder.roles["dev"].moves
    assert (move.to, move.kind, move.criteria, move.metadata) == (
        "dev2",
        "technical",
        ("Ships", "Mentors"),
        {"weeks": 26},
    )


def test_bad_move_kind_is_a_schema_error_with_suggestion() -> None:
    error = load_error(BASE.replace("level: L1}", "level: L1, moves: [{to: dev, kind: laterl}]}"))
    assert codes(error) == ["LAD002"]
    assert "did you mean 'lateral'?" in error.findings[0].message


def test_missing_required_key_points_at_the_role() -> None:
    error = load_error(BASE.replace("title: Developer, ", ""))
    (finding,) = error.findings
    assert finding.code == "LAD002"
    assert "'title'" in finding.message
    assert (finding.line, finding.column) == (4, 3)


def test_ignore_reason_must_not_be_empty() -> None:
    error = load_error(BASE.replace("level: L1}", "level: L1, ignore: {LAD101: ''}}"))
    assert codes(error) == ["LAD002"]


def test_bad_track_kind() -> None:
    error = load_error(BASE.replace("ic: technical", "ic: techincal"))
    assert codes(error) == ["LAD002"]
    assert "did you mean 'technical'?" in error.findings[0].message


def test_non_text_key_is_a_schema_error() -> None:
    error = load_error(BASE + "  ? [a, b]\n  : {title: X, track: ic, level: L1}\n")
    assert "LAD002" in codes(error)


def test_json_schema_key_is_ignored() -> None:
    ladder = ladders.loads(
        '{"$schema": "https://ladders.dev/schema/v1.json", "levels": ["L1"],'
        ' "tracks": {"ic": "technical"},'
        ' "roles": {"dev": {"title": "D", "track": "ic", "level": "L1"}}}',
        format="json",
    )
    assert list(ladder.roles) == ["dev"]


def test_yaml_language_server_comment_is_fine() -> None:
    ladder = ladders.loads(
        "# yaml-language-server: $schema=https://ladders.dev/schema/v1.json\n" + BASE
    )
    assert list(ladder.roles) == ["dev"]


def test_anchors_and_aliases_within_bounds_are_allowed() -> None:
    ladder = ladders.loads(
        """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    moves: [{to: senior, criteria: &crit [Ships features, Reviews code]}]
  dev2:
    title: Developer 2
    track: ic
    level: L1
    moves: [{to: senior, criteria: *crit}]
  senior: {title: Senior, track: ic, level: L2}
"""
    )
    assert ladder.roles["dev2"].moves[0].criteria == ("Ships features", "Reviews code")


def test_bytes_with_bom_load() -> None:
    ladder = ladders.loads(b"\xef\xbb\xbf" + BASE.encode())
    assert list(ladder.roles) == ["dev"]


def test_non_utf8_bytes_are_lad001_with_position() -> None:
    data = BASE.replace("Developer", "D\xe9veloppeur").encode("latin-1")
    error = load_error(data)  # type: ignore[arg-type]
    (finding,) = error.findings
    assert finding.code == "LAD001"
    assert (finding.line, finding.column) == (4, 17)


def test_loads_rejects_include() -> None:
    error = load_error("include: [other.yaml]\n" + BASE)
    assert codes(error) == ["LAD007"]


def test_loads_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="format"):
        ladders.loads(BASE, format="toml")  # type: ignore[arg-type]


def test_a_decoded_bom_in_text_is_fine_for_json_too() -> None:
    ladder = ladders.loads(
        '\ufeff{"levels": ["L1"], "tracks": {"ic": "technical"},'
        ' "roles": {"d": {"title": "D", "track": "ic", "level": "L1"}}}',
        format="json",
    )
    assert list(ladder.roles) == ["d"]


def test_load_findings_about_a_role_name_it() -> None:
    error = load_error(BASE.replace("level: L1}", "level: L1, moves: [zz], bogus: 1}"))
    assert [(f.code, f.role) for f in error.findings] == [("LAD002", "dev")]
    error = load_error(BASE.replace("level: L1}", "level: L1, moves: [zz]}"))
    assert [(f.code, f.role) for f in error.findings] == [("LAD004", "dev")]


def test_an_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(ladders.UsageError, match="format"):
        ladders.loads(BASE, format="toml")  # type: ignore[arg-type]


def test_a_schema_error_does_not_hide_an_unknown_reference_in_the_same_file() -> None:
    error = load_error(
        BASE.replace("level: L1}", "level: L9}")
        + "  other: {title: O, track: ic, level: L1, bogus: 1}\n"
    )
    assert sorted((f.code, f.role) for f in error.findings) == [
        ("LAD002", "other"),
        ("LAD004", "dev"),
    ]
