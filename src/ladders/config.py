"""Configuration: ``[tool.ladders]`` in ``pyproject.toml``, or ``ladders.toml``.

The configuration is found upward from the working directory: the first folder that has a
``ladders.toml``, or a ``pyproject.toml`` with a ``[tool.ladders]`` table, holds it (a
``ladders.toml`` wins over a ``pyproject.toml`` in the same folder). In ``ladders.toml``
the keys are at the top level::

    files = ["ladders/org.yaml"]      # roots to check when no file is named,
                                      # relative to this file's folder; globs allowed
    select = ["LAD1", "LAD204"]       # codes, prefixes, rule names or ALL
    ignore = ["level-skip"]
    fail-on = "warning"               # error | warning | never
    [severity]
    LAD104 = "error"                  # code (or name) -> error | warning
    [rules.LAD202]
    max-step = 2                      # a rule's own options, checked against its defaults
    [observe]
    min-people = 5                    # ladders observe / project: the smallest count shown
    min-share = 0.1                   # LAD401's share

Every key and value is checked; a mistake is a :class:`ConfigError` naming the key and
the file, with a did-you-mean where one is close:

>>> parse_config({"selct": ["LAD1"]}, "ladders.toml")
Traceback (most recent call last):
...
ladders.errors.ConfigError: ladders.toml: unknown key 'selct'; did you mean 'select'?
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from ladders.check import CheckConfig, names_a_rule
from ladders.errors import ConfigError, UsageError
from ladders.findings import Severity
from ladders.hints import did_you_mean
from ladders.rules import RULES, Rule, lookup

__all__ = [
    "CONFIG_FILES",
    "FAIL_ON",
    "OBSERVE_DEFAULTS",
    "Config",
    "ConfigError",
    "FailOn",
    "check_selector",
    "find_config",
    "load_config",
    "parse_config",
    "parse_selectors",
    "read_config",
]

FailOn = Literal["error", "warning", "never"]

#: the values of ``fail-on`` / ``--fail-on``
FAIL_ON: tuple[FailOn, ...] = ("error", "warning", "never")

#: the file names searched for, in order of preference within one folder
CONFIG_FILES = ("ladders.toml", "pyproject.toml")

_KEYS = ("files", "select", "ignore", "fail-on", "severity", "rules", "observe")
#: the keys of ``[tool.ladders.observe]`` and their defaults (DESIGN §7)
OBSERVE_DEFAULTS: dict[str, Any] = {"min-people": 5, "min-share": 0.1}
_SEVERITIES = tuple(str(s) for s in (Severity.ERROR, Severity.WARNING))


@dataclass(frozen=True)
class Config:
    """The settings of one configuration file (or none: the defaults)."""

    #: the file the settings came from, if any
    path: Path | None = None
    #: roots to check when none is named, as written (relative to the file's folder)
    files: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: FailOn = "error"
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: ``[tool.ladders.observe]``: ``min-people`` and ``min-share`` for ``ladders observe``
    observe: Mapping[str, Any] = field(default_factory=dict)

    def check_config(self) -> CheckConfig:
        """The settings the check engine takes."""
        return CheckConfig(self.select, self.ignore, dict(self.severity), dict(self.options))

    def roots(self) -> list[str]:
        """The ``files`` entries as paths from the working directory, globs expanded.

        Raises :class:`ConfigError` for a glob that matches no file; a plain path is
        returned as is, for the caller to report if it cannot be read.
        """
        base = self.path.parent if self.path is not None else Path()
        roots: list[str] = []
        for entry in self.files:
            joined = os.path.join(base, entry)
            if glob.has_magic(entry):
                matches = sorted(glob.glob(joined, recursive=True))
                if not matches:
                    raise ConfigError(
                        f"{_show(self.path)}: files pattern {entry!r} matches no file"
                    )
                roots.extend(_from_cwd(m) for m in matches)
            else:
                roots.append(_from_cwd(joined))
        return list(dict.fromkeys(roots))


def _from_cwd(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return os.path.abspath(path)


def _show(path: Path | None) -> str:
    if path is None:
        return "<config>"
    return _from_cwd(str(path))


def _has_table(pyproject: Path) -> bool:
    import tomllib  # here: only a run that finds a configuration file reads TOML

    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        # A broken pyproject.toml is not ours to judge unless it is the one we use.
        return "[tool.ladders" in _read_quietly(pyproject)
    tool = data.get("tool")
    return isinstance(tool, dict) and "ladders" in tool


def _read_quietly(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def find_config(start: Path | None = None) -> Path | None:
    """The configuration file for ``start`` (default: the working directory), or None.

    A file found in a folder that belongs to another user (not the current user, not
    root), or that is itself another user's, is not trusted, as git's
    ``safe.directory`` does not trust such a repository: it is skipped with a one-line
    note on stderr (it could turn errors into warnings, or name other files to read).
    """
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        ladders_toml = candidate / "ladders.toml"
        pyproject = candidate / "pyproject.toml"
        if ladders_toml.is_file():
            found = ladders_toml
        elif pyproject.is_file() and _has_table(pyproject):
            found = pyproject
        else:
            continue
        if _trusted(found):
            return found
    return None


def _current_user() -> int | None:
    """The effective user id, or None where there is none (Windows)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid() if geteuid is not None else None


_NOTED: set[Path] = set()  # untrusted files already noted in this process


def _trusted(path: Path) -> bool:
    """Whether a configuration file found upward may be used (see :func:`find_config`)."""
    me = _current_user()
    if me is None:
        return True
    for owned in (path.parent, path):
        try:
            owner = owned.stat().st_uid
        except OSError:
            return False
        if owner not in (me, 0):
            if path not in _NOTED:
                _NOTED.add(path)
                whose = "its folder" if owned != path else "it"
                sys.stderr.write(
                    f"ladders: note: ignoring {_show(path)}: {whose} belongs to another user "
                    f"(uid {owner}); name it with --config to use it\n"
                )
            return False
    return True


def read_config(path: Path) -> Config:
    """Read and check one configuration file (``pyproject.toml`` or ``ladders.toml``)."""
    import tomllib

    from ladders.load.read import read_bytes

    shown = _show(path)
    try:
        # read_bytes: a FIFO or a device named as the configuration is refused, not waited on
        data = tomllib.loads(read_bytes(os.fspath(path)).decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such file") from None
    except OSError as error:
        raise ConfigError(f"{shown}: cannot read it: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{shown}: not valid TOML: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{shown}: not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset "
            f"{error.start}); save it as UTF-8"
        ) from None
    except ValueError as error:  # a NUL in the name
        raise ConfigError(f"{shown}: cannot read it: {error}") from None
    table = "the top level"
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "ladders" not in tool:
            raise ConfigError(f"{shown}: has no [tool.ladders] table")
        data = tool["ladders"]
        table = "[tool.ladders]"
        if not isinstance(data, dict):
            raise ConfigError(f"{shown}: tool.ladders must be a table")
    return parse_config(data, shown, path=path, table=table)


def load_config(explicit: str | os.PathLike[str] | None = None) -> Config:
    """The configuration named with ``--config``, or else the one found upward, or else
    the defaults."""
    if explicit is not None:
        return read_config(Path(explicit))
    found = find_config()
    return read_config(found) if found is not None else Config()


def _strings(value: Any, where: str, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of {what}, not {value!r}")
    return tuple(value)


def _selector_names() -> list[str]:
    return [*RULES, *(rule.name for rule in RULES.values()), "ALL"]


def check_selector(selector: str, where: str) -> str:
    """``selector`` if it names at least one rule: ``ALL``, a code, a code prefix such as
    ``LAD1``, or a rule name; else :class:`ConfigError` with a did-you-mean."""
    wanted = selector.strip()
    if names_a_rule(wanted):
        return wanted
    raise ConfigError(
        f"{where}: {selector!r} is not a rule code, prefix or name"
        f"{did_you_mean(wanted, _selector_names())} (see 'ladders rules')"
    )


def parse_selectors(text: str, where: str) -> tuple[str, ...]:
    """Comma-separated codes, prefixes or names (as ``--select`` takes them), checked.

    >>> parse_selectors("LAD2, self-move", "--select")
    ('LAD2', 'self-move')
    """
    parts = tuple(part.strip() for part in text.split(",") if part.strip())
    if not parts:
        raise ConfigError(f"{where}: give at least one rule code, prefix or name")
    return tuple(check_selector(part, where) for part in parts)


def _rule(key: str, where: str) -> Rule:
    try:
        return lookup(key)
    except UsageError as error:
        raise ConfigError(f"{where}: {error}") from None


def _options(value: Any, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of rule tables, such as [rules.LAD202]")
    options: dict[str, dict[str, Any]] = {}
    for key, table in value.items():
        rule = _rule(key, f"{where}")
        here = f"{where}.{key}"
        if not isinstance(table, dict):
            raise ConfigError(f"{here} must be a table of the rule's options")
        for name, option in table.items():
            spec = rule.option_specs.get(name)
            if spec is None:
                known = ", ".join(rule.option_specs) or "none"
                raise ConfigError(
                    f"{here}: {rule.code} has no option {name!r}"
                    f"{did_you_mean(name, list(rule.option_specs))} (its options: {known})"
                )
            problem = spec.problem(option)
            if problem is not None:
                raise ConfigError(f"{here}.{name} must be {problem}, not {option!r}")
        options[rule.code] = dict(table)
    return options


def _observe(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table: [tool.ladders.observe] min-people = 5")
    for key, option in value.items():
        if key not in OBSERVE_DEFAULTS:
            raise ConfigError(
                f"{where}: unknown key {key!r}{did_you_mean(key, OBSERVE_DEFAULTS)} "
                f"(its keys: {', '.join(OBSERVE_DEFAULTS)})"
            )
        number = isinstance(option, int | float) and not isinstance(option, bool)
        if key == "min-people" and not (number and option == int(option) and option >= 1):
            raise ConfigError(f"{where}.{key} must be a whole number of at least 1, not {option!r}")
        if key == "min-share" and not (number and 0 <= option <= 1):
            raise ConfigError(f"{where}.{key} must be a number from 0 to 1, not {option!r}")
    return dict(value)


def _severities(value: Any, where: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of rule code = error or warning")
    severities: dict[str, Severity] = {}
    for key, level in value.items():
        rule = _rule(key, where)
        if level not in _SEVERITIES:
            raise ConfigError(
                f"{where}.{key} must be 'error' or 'warning', not {level!r}"
                f"{did_you_mean(str(level), _SEVERITIES)}"
            )
        severities[rule.code] = Severity(level)
    return severities


def parse_config(
    data: Mapping[str, Any],
    shown: str,
    *,
    path: Path | None = None,
    table: str = "the top level",
) -> Config:
    """Check the keys and values of a configuration table and make a :class:`Config`.

    ``shown`` is the file name used in messages.
    """
    for key in data:
        if key not in _KEYS:
            where = "" if table == "the top level" else f" in {table}"
            raise ConfigError(f"{shown}: unknown key {key!r}{where}{did_you_mean(key, _KEYS)}")

    prefix = "" if table == "the top level" else "tool.ladders."

    def at(key: str) -> str:
        return f"{shown}: {prefix}{key}"

    select: tuple[str, ...] | None = None
    if "select" in data:
        select = tuple(
            check_selector(s, at("select"))
            for s in _strings(data["select"], at("select"), "rule codes, prefixes or names")
        )
    ignore: tuple[str, ...] = ()
    if "ignore" in data:
        ignore = tuple(
            check_selector(s, at("ignore"))
            for s in _strings(data["ignore"], at("ignore"), "rule codes, prefixes or names")
        )
    files = _strings(data["files"], at("files"), "paths") if "files" in data else ()
    fail_on = data.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(
            f"{at('fail-on')} must be one of {', '.join(FAIL_ON)}, not {fail_on!r}"
            f"{did_you_mean(str(fail_on), FAIL_ON)}"
        )
    return Config(
        path=path,
        files=files,
        select=select,
        ignore=ignore,
        fail_on=cast(FailOn, fail_on),
        severity=_severities(data.get("severity", {}), at("severity")),
        options=_options(data.get("rules", {}), at("rules")),
        observe=_observe(data.get("observe", {}), at("observe")),
    )
