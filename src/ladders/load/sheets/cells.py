"""Cell text: formula protection, workbook escapes, and numbers and dates as a cell shows them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "_date_text",
    "_lines",
    "_number_text",
    "decode_cell_text",
    "encode_cell_text",
    "protect",
    "unprotect",
]

_TRIGGER = frozenset("=+-@\t\r")


def protect(text: str) -> str:
    """Text as a spreadsheet must be given it so that it is never run as a formula.

    Text starting with ``= + - @``, tab or CR gets a ``'`` in front (as OWASP advises for
    CSV injection); so does text that is already a run of ``'`` before one of those, so
    that :func:`unprotect` gives back exactly what was written.

    >>> protect("=HYPERLINK(1)"), protect("-5 days"), protect("'=x"), protect("Staff")
    ("'=HYPERLINK(1)", "'-5 days", "''=x", 'Staff')
    """
    if text and (text[0] in _TRIGGER or (text[0] == "'" and text.lstrip("'")[:1] in _TRIGGER)):
        return "'" + text
    return text


def unprotect(text: str) -> str:
    """The text :func:`protect` was given: one leading ``'`` before a formula character
    (after any further ``'``) is dropped.

    >>> unprotect("'=HYPERLINK(1)"), unprotect("''=x"), unprotect("'tis"), unprotect("'")
    ('=HYPERLINK(1)', "'=x", "'tis", "'")
    """
    if text[:1] == "'" and text.lstrip("'")[:1] in _TRIGGER and len(text.lstrip("'")) > 0:
        return text[1:]
    return text


# Characters XML cannot hold (and CR, which XML readers turn into LF) are written in a
# workbook as the OOXML escape _xHHHH_, which Excel shows as the character; an underscore
# that starts such an escape is written _x005F_.
_UNSAFE_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def encode_cell_text(text: str) -> str:
    """Text for a workbook cell: control characters and CR as ``_xHHHH_`` escapes.

    >>> encode_cell_text("a\\rb"), encode_cell_text("_x0041_")
    ('a_x000D_b', '_x005F_x0041_')
    """
    if not _UNSAFE_XML.search(text):
        return text
    return _UNSAFE_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def decode_cell_text(text: str) -> str:
    """The text :func:`encode_cell_text` was given (escapes of other characters are kept).

    >>> decode_cell_text("a_x000D_b"), decode_cell_text("_x005F_x0041_")
    ('a\\rb', '_x0041_')
    >>> decode_cell_text("_x0041_")  # not a character ladders escapes: kept as written
    '_x0041_'
    """
    if "_x" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if _UNSAFE_XML.match(char) or char == "_" else match.group()

    return _ESCAPE.sub(one, text)


def _general(value: float) -> str:
    """A number as the General format shows it: integers whole, up to 15 significant digits."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g").replace("e+", "E+").replace("e-", "E-")


_NUMBER_TOKENS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|.')


def _number_text(value: float, number_format: str | None) -> str:
    """A number as its cell's number format shows it (the common formats; else General).

    >>> _number_text(1.1, "0.00"), _number_text(1234.5, "#,##0"), _number_text(0.25, "0%")
    ('1.10', '1,235', '25%')
    >>> _number_text(7, '"L"0'), _number_text(1.1, "General"), _number_text(1.5, "0.0#")
    ('L7', '1.1', '1.5')
    """
    sections = (number_format or "General").split(";")
    section = sections[0]
    if value < 0 and len(sections) > 1 and sections[1].strip():
        section, value = sections[1], -value
    if section.strip().lower() in ("general", "@", ""):
        return _general(value)
    before: list[str] = []
    after: list[str] = []
    pattern: list[str] = []
    percent = False
    for token in _NUMBER_TOKENS.findall(section):
        if token[0] == '"':
            text = token[1:-1]
        elif token[0] == "\\":
            text = token[1:]
        elif token[0] in "[_*":
            continue
        elif token in "0#?.,":
            if after:  # placeholders on both sides of text: not a format shown here
                return _general(value)
            pattern.append(token)
            continue
        elif token == "%":
            percent, text = True, "%"
        elif token in "eE/":  # scientific notation, fractions: shown as General
            return _general(value)
        else:
            text = token
        (after if pattern else before).append(text)
    if not pattern:
        return _general(value)
    whole, _, fraction = "".join(pattern).partition(".")
    fraction = fraction.replace(",", "")
    places, fixed = len(fraction), fraction.count("0")
    # Spreadsheets round half away from zero, on the decimal number shown.
    shown = Decimal(repr(value)) * (100 if percent else 1)
    shown = shown.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{shown:,.{places}f}" if "," in whole.strip(",") else f"{shown:.{places}f}"
    if places > fixed:  # '#' and '?' places show only the digits needed
        head, _, tail = text.partition(".")
        tail = tail[:fixed] + tail[fixed:].rstrip("0")
        text = f"{head}.{tail}" if tail else head
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    head, dot, tail = text.partition(".")
    minimum = whole.count("0")
    if minimum == 0 and head == "0" and dot:
        head = ""
    elif len(head) < minimum:
        head = head.zfill(minimum)
    return "".join(before) + sign + head + dot + tail + "".join(after)


_DATE_TOKENS = re.compile(
    r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s'
    r"|am/pm|a/p|\.0+|.",
    re.IGNORECASE,
)


def _date_text(value: dt.date | dt.time | dt.timedelta, number_format: str | None) -> str:
    """A date or time as its cell's number format shows it.

    >>> _date_text(dt.datetime(2024, 3, 5, 14, 7), "d mmm yyyy h:mm")
    '5 Mar 2024 14:07'
    >>> _date_text(dt.datetime(2024, 3, 5), "m/d/yy"), _date_text(dt.date(2024, 3, 5), "General")
    ('3/5/24', '2024-03-05')
    """
    if isinstance(value, dt.timedelta):
        return str(value)
    section = (number_format or "").split(";")[0]
    tokens = [m.group() for m in _DATE_TOKENS.finditer(section)]
    if not any(t.lower()[0] in "ydhs" or t.lower().startswith("m") for t in tokens if t):
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    moment = value if isinstance(value, dt.datetime) else None
    day = value if isinstance(value, dt.date) else None
    clock = value if isinstance(value, dt.time) else (moment.time() if moment else dt.time(0))
    twelve = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out: list[str] = []
    for index, token in enumerate(tokens):
        low = token.lower()
        after = [t.lower() for t in tokens[index + 1 :] if t.strip(" :.,-/")]
        before = [t.lower() for t in tokens[:index] if t.strip(" :.,-/")]
        minutes = low in ("m", "mm") and (
            (before and before[-1] in ("h", "hh")) or (after and after[0] in ("s", "ss"))
        )
        if token[0] == '"':
            out.append(token[1:-1])
        elif token[0] == "\\":
            out.append(token[1])
        elif token[0] in "[_*":
            continue
        elif minutes:
            out.append(f"{clock.minute:0{len(low)}d}")
        elif low in ("yyyy", "yy") and day:
            out.append(f"{day.year:04d}" if low == "yyyy" else f"{day.year % 100:02d}")
        elif low.startswith("m") and low in ("m", "mm", "mmm", "mmmm", "mmmmm") and day:
            names = day.strftime("%B")
            out.append(
                {
                    "m": str(day.month),
                    "mm": f"{day.month:02d}",
                    "mmm": names[:3],
                    "mmmm": names,
                    "mmmmm": names[:1],
                }[low]
            )
        elif low in ("d", "dd", "ddd", "dddd") and day:
            name = day.strftime("%A")
            out.append(
                {"d": str(day.day), "dd": f"{day.day:02d}", "ddd": name[:3], "dddd": name}[low]
            )
        elif low in ("h", "hh"):
            hour = clock.hour % 12 or 12 if twelve else clock.hour
            out.append(f"{hour:0{len(low)}d}")
        elif low in ("s", "ss"):
            out.append(f"{clock.second:0{len(low)}d}")
        elif low == "am/pm":
            out.append("AM" if clock.hour < 12 else "PM")
        elif low == "a/p":
            out.append("A" if clock.hour < 12 else "P")
        elif low.startswith(".0"):
            out.append("." + f"{clock.microsecond:06d}"[: len(low) - 1])
        else:
            out.append(token)
    return "".join(out)


def _lines(text: str) -> str:
    """Line breaks as LF: a cell's CR LF or CR (as YAML folds them) is one line break."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
