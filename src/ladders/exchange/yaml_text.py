"""Ladder file data as YAML text, written directly (no PyYAML representer).

Strings are written plain only when every YAML reader takes them back as the same string
(they start with a letter, use no indicator characters, and are not one of YAML 1.1's
booleans or nulls); everything else is double-quoted, with the escapes JSON and YAML
share. So ``007``, ``1.10`` and ``no`` stay text for ladders and for other tools alike.
Lists of scalars and small mappings go in flow style, the rest in block style.

>>> print(yaml_text({"version": 1, "levels": [{"id": "007"}, {"id": "L2", "entry": True}],
...                  "roles": {"dev": {"title": "no", "moves": ["senior"]}}}), end="")
version: 1
levels:
  - id: "007"
  - id: L2
    entry: true
roles:
  dev:
    title: "no"
    moves: [senior]
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["yaml_text"]

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-/()]*(?: [A-Za-z0-9_.\-/()]+)*\Z")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan"})
# Characters a YAML reader would drop or fold inside a double-quoted string.
_ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u0085\ufeff\ufffe\uffff]")


class _NotPlainData(TypeError):
    """A value this writer does not write (the caller falls back to PyYAML)."""


def _scalar(value: object, cache: dict[str, str]) -> str:
    if isinstance(value, str):
        written = cache.get(value)
        if written is None:
            if _PLAIN.match(value) and value.lower() not in _RESERVED:
                written = value
            else:
                quoted = json.dumps(value, ensure_ascii=False)
                written = _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
            cache[value] = written
        return written
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        text = json.dumps(value)
        mantissa, e, exponent = text.partition("e")
        if e and "." not in mantissa:  # YAML 1.1 readers need a dot: 5.0e-324, not 5e-324
            text = f"{mantissa}.0e{exponent}"
        return text
    raise _NotPlainData(f"cannot write {value!r} as a YAML scalar here")


def _flow(value: Any, cache: dict[str, str]) -> str:
    cls = value.__class__
    if cls in _FLAT:
        return _scalar(value, cache)
    if cls is dict or (cls is not list and cls is not tuple and isinstance(value, Mapping)):
        items = ", ".join(f"{_scalar(k, cache)}: {_flow(v, cache)}" for k, v in value.items())
        return "{" + items + "}"
    if cls is list or cls is tuple or isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(item, cache) for item in value) + "]"
    return _scalar(value, cache)


# Exact types that are written as scalars (tested first: the ABC checks cost more).
_FLAT = frozenset((str, int, float, bool, type(None)))


def _nested(value: Any) -> bool:
    """Whether a value needs block style: a non-empty mapping, or a list holding one."""
    cls = value.__class__
    if cls in _FLAT:
        return False
    if cls is dict or (cls is not list and cls is not tuple and isinstance(value, Mapping)):
        return bool(value)
    return isinstance(value, list | tuple) and any(
        item.__class__ not in _FLAT and isinstance(item, Mapping | list | tuple) and item
        for item in value
    )


def _block(value: Any, indent: str, out: list[str], cache: dict[str, str]) -> None:
    known = cache.get  # a string already written (never empty: "" is written '""')
    cls = value.__class__
    if cls is dict or (cls is not list and cls is not tuple and isinstance(value, Mapping)):
        for key, item in value.items():
            written = known(item) if item.__class__ is str else None
            if written is not None:  # most values: a string written before
                out.append(f"{indent}{known(key) or _scalar(key, cache)}: {written}\n")
            elif _nested(item):
                out.append(f"{indent}{_scalar(key, cache)}:\n")
                _block(item, indent + "  ", out, cache)
            else:
                out.append(f"{indent}{_scalar(key, cache)}: {_flow(item, cache)}\n")
    elif isinstance(value, list | tuple):
        for item in value:
            if item.__class__ is dict and item and _FLAT.issuperset(map(type, item.values())):
                # A mapping of scalars (a move such as {to: x, kind: lateral}): its lines
                # as _block writes them, the first one after "- ".
                lead = f"{indent}- "
                for key, flat in item.items():
                    written = known(flat) if flat.__class__ is str else None
                    out.append(
                        f"{lead}{known(key) or _scalar(key, cache)}: "
                        f"{written or _scalar(flat, cache)}\n"
                    )
                    lead = f"{indent}  "
            elif _nested(item):
                lines: list[str] = []
                _block(item, indent + "  ", lines, cache)
                lines[0] = f"{indent}- {lines[0][len(indent) + 2 :]}"
                out.extend(lines)
            else:
                out.append(f"{indent}- {_flow(item, cache)}\n")
    else:  # pragma: no cover - callers pass containers
        out.append(f"{indent}{_flow(value, cache)}\n")


def yaml_text(data: Mapping[str, Any]) -> str:
    """YAML text for ladder file data (see the module docstring). Raises
    :class:`TypeError` for a value that is not plain data (such as a non-finite float)."""
    out: list[str] = []
    _block(data, "", out, {})
    return "".join(out)
