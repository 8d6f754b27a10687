"""Configuration: finding the file, reading each key, and refusing mistakes clearly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ladders import rules
from ladders.config import (
    Config,
    ConfigError,
    find_config,
    load_config,
    parse_config,
    parse_selectors,
    read_config,
)
from ladders.findings import Severity
from ladders.rules import Rule
from ladders.rules.context import Option


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def rule_with_options(monkeypatch: pytest.MonkeyPatch) -> Rule:
    """A registered rule with options of several types (real rules may have none yet)."""
    options = {
        "max-step": Option(1, "an integer", lambda v: type(v) is int),
        "ratio": Option(0.5, "a number", lambda v: type(v) in (int, float)),
        "strict": Option(False, "true or false", lambda v: type(v) is bool),
        "roles": Option([], "a list", lambda v: isinstance(v, list)),
        "label": Option("x", "a string", lambda v: isinstance(v, str)),
    }
    rule = Rule(
        "LAD998",
        "test-options",
        Severity.WARNING,
        options,
        "A rule for testing options.\n",
        "ladder",
    )
    monkeypatch.setitem(rules.RULES, rule.code, rule)
    return rule


# finding the file --------------------------------------------------------------------------


def test_ladders_toml_is_found_upward(tmp_path: Path) -> None:
    config = write(tmp_path / "ladders.toml", "")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b") == config.resolve()


def test_pyproject_counts_only_with_a_tool_ladders_table(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", "[tool.ladders]\n")
    write(tmp_path / "inner" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "inner") == outer.resolve()


def test_first_folder_with_either_wins(tmp_path: Path) -> None:
    write(tmp_path / "ladders.toml", "")
    inner = write(tmp_path / "inner" / "pyproject.toml", "[tool.ladders]\nfail-on = 'never'\n")
    assert find_config(tmp_path / "inner") == inner.resolve()


def test_ladders_toml_wins_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ladders]\n")
    ladders_toml = write(tmp_path / "ladders.toml", "")
    assert find_config(tmp_path) == ladders_toml.resolve()


def test_no_config_gives_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    if find_config() is not None:
        pytest.skip("a folder above the temporary folder has a ladders configuration")
    assert load_config() == Config()


# reading each key ------------------------------------------------------------------------


def test_every_key_of_ladders_toml(tmp_path: Path, rule_with_options: Rule) -> None:
    path = write(
        tmp_path / "ladders.toml",
        """
files = ["org.yaml"]
select = ["LAD0", "LAD998", "self-move"]
ignore = ["LAD005"]
fail-on = "warning"
[severity]
LAD204 = "warning"
test-options = "error"
[rules.LAD998]
max-step = 2
""",
    )
    config = read_config(path)
    assert config.path == path
    assert config.files == ("org.yaml",)
    assert config.select == ("LAD0", "LAD998", "self-move")
    assert config.ignore == ("LAD005",)
    assert config.fail_on == "warning"
    assert config.severity == {"LAD204": Severity.WARNING, "LAD998": Severity.ERROR}
    assert config.options == {"LAD998": {"max-step": 2}}
    check = config.check_config()
    assert check.options_for(rule_with_options)["max-step"] == 2
    assert check.enabled("LAD204")
    assert not check.enabled("LAD005")


def test_pyproject_reads_the_tool_ladders_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n[tool.ladders]\nignore = ["LAD204"]\n'
        '[tool.ladders.severity]\nLAD001 = "warning"\n',
    )
    config = read_config(path)
    assert config.ignore == ("LAD204",)
    assert config.severity == {"LAD001": Severity.WARNING}


def test_files_are_relative_to_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "ladders.toml", 'files = ["ladders/org.yaml", "ladders/*.json"]\n')
    write(tmp_path / "ladders" / "b.json", "{}")
    write(tmp_path / "ladders" / "a.json", "{}")
    (tmp_path / "deep").mkdir()
    monkeypatch.chdir(tmp_path / "deep")
    expected = [os.path.join("..", "ladders", name) for name in ("org.yaml", "a.json", "b.json")]
    assert read_config(path).roots() == expected


def test_glob_matching_nothing_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "ladders.toml", 'files = ["ladders/*.yaml"]\n')
    with pytest.raises(ConfigError, match=r"'ladders/\*\.yaml' matches no file"):
        read_config(path).roots()


def test_option_types_follow_the_defaults(rule_with_options: Rule) -> None:
    table = {"max-step": 3, "ratio": 1, "strict": True, "roles": ["a"], "label": "y"}
    config = parse_config({"rules": {"test-options": table}}, "ladders.toml")
    assert config.options == {"LAD998": table}


# refusing mistakes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"selct": []}, "ladders.toml: unknown key 'selct'; did you mean 'select'?"),
        ({"fail_on": "error"}, "ladders.toml: unknown key 'fail_on'; did you mean 'fail-on'?"),
        (
            {"fail-on": "errors"},
            "ladders.toml: fail-on must be one of error, warning, never, "
            "not 'errors'; did you mean 'error'?",
        ),
        ({"select": "LAD1"}, "ladders.toml: select must be a list of rule codes"),
        (
            {"select": ["self-mvoe"]},
            "ladders.toml: select: 'self-mvoe' is not a rule code, "
            "prefix or name; did you mean 'self-move'?",
        ),
        ({"ignore": ["LAD8"]}, "ladders.toml: ignore: 'LAD8' is not a rule code"),
        ({"files": "org.yaml"}, "ladders.toml: files must be a list of paths"),
        (
            {"severity": {"LAD204": "fatal"}},
            "ladders.toml: severity.LAD204 must be 'error' or 'warning', not 'fatal'",
        ),
        (
            {"severity": {"LAD2O4": "error"}},
            "ladders.toml: severity: 'LAD2O4' is not a rule code or name; did you mean 'LAD204'?",
        ),
        (
            {"rules": {"LAD204": {"max-step": 2}}},
            "ladders.toml: rules.LAD204: LAD204 has no option 'max-step' (its options: none)",
        ),
        (
            {"rules": {"LAD998": {"max_step": 2}}},
            "ladders.toml: rules.LAD998: LAD998 has no option 'max_step'; did you mean 'max-step'?",
        ),
        (
            {"rules": {"LAD998": {"max-step": "2"}}},
            "ladders.toml: rules.LAD998.max-step must be an integer, not '2'",
        ),
        (
            {"rules": {"LAD998": {"max-step": True}}},
            "ladders.toml: rules.LAD998.max-step must be an integer, not True",
        ),
        (
            {"rules": {"LAD998": {"strict": 1}}},
            "ladders.toml: rules.LAD998.strict must be true or false, not 1",
        ),
        ({"rules": {"LAD998": 2}}, "ladders.toml: rules.LAD998 must be a table"),
    ],
)
def test_mistakes_are_named(data: dict[str, object], message: str, rule_with_options: Rule) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(data, "ladders.toml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_pyproject_mistakes_name_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.ladders]\nignor = []\n")
    with pytest.raises(ConfigError, match=r"unknown key 'ignor' in \[tool.ladders\]; did you mean"):
        read_config(path)
    write(path, '[tool.ladders]\nfail-on = "no"\n')
    with pytest.raises(ConfigError, match=r"tool\.ladders\.fail-on must be one of"):
        read_config(path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "ladders.toml", "select = [\n")
    with pytest.raises(ConfigError, match=r"ladders\.toml: not valid TOML"):
        read_config(path)


def test_explicit_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\n")
    with pytest.raises(ConfigError, match=r"has no \[tool.ladders\] table"):
        read_config(path)


def test_parse_selectors() -> None:
    assert parse_selectors(" LAD0 ,self-move,, ALL", "--select") == ("LAD0", "self-move", "ALL")
    with pytest.raises(ConfigError, match="--ignore: give at least one"):
        parse_selectors(" , ", "--ignore")
