"""A ladder as spreadsheet tables (CSV), and ladder file data from them.

Most job architectures live in spreadsheets. ``export_csv`` writes ``roles.csv`` and
``moves.csv`` (plus ``levels.csv`` and ``tracks.csv``, which keep level order, names and
unused levels exactly); ``import_csv`` reads them back into ladder file data. Cells that
hold lists or mappings (criteria, ignore, metadata) are JSON; criteria may also be one
criterion per line.

>>> from ladders import loads
>>> ladder = loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [{to: senior, criteria: [Ships]}]}
...   senior: {title: Senior Developer, track: ic, level: L2}
... ''')
>>> tables = export_csv(ladder)
>>> print(tables["moves.csv"].strip())
from,to,kind,criteria,metadata
dev,senior,,Ships,
>>> data = import_csv(tables["roles.csv"], tables["moves.csv"], levels=tables["levels.csv"],
...                   tracks=tables["tracks.csv"])
>>> from ladders.exchange.data import ladder_data
>>> data == ladder_data(ladder)
True
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from ladders.errors import CsvError
from ladders.exchange.data import _drop_none

if TYPE_CHECKING:
    from ladders.model import LadderData as Ladder

__all__ = ["MOVE_COLUMNS", "ROLE_COLUMNS", "CsvError", "export_csv", "import_csv"]

ROLE_COLUMNS = (
    "id", "title", "track", "track_kind", "level", "level_rank", "family", "entry",
    "description", "ignore", "metadata",
)  # fmt: skip
MOVE_COLUMNS = ("from", "to", "kind", "criteria", "metadata")
LEVEL_COLUMNS = ("id", "name", "description")
TRACK_COLUMNS = ("id", "kind", "name", "description")


def _json_cell(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False)


def _criteria_cell(criteria: tuple[str, ...]) -> str:
    if not criteria:
        return ""
    if any("\n" in c or c.startswith("[") or not c.strip() or c != c.strip() for c in criteria):
        return json.dumps(list(criteria), ensure_ascii=False)
    return "\n".join(criteria)


def _table(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export_csv(ladder: Ladder) -> dict[str, str]:
    """CSV text by file name: ``roles.csv``, ``moves.csv``, ``levels.csv``, ``tracks.csv``."""
    ranks = ladder.ranks
    roles = [
        {
            "id": role_id,
            "title": role.title,
            "track": role.track,
            "track_kind": ladder.tracks[role.track].kind,
            "level": role.level,
            "level_rank": str(ranks[role.level]),
            "family": role.family or "",
            "entry": "true" if role.entry else "",
            "description": role.description or "",
            "ignore": _json_cell(role.ignore),
            "metadata": _json_cell(role.metadata),
        }
        for role_id, role in ladder.roles.items()
    ]
    moves = [
        {
            "from": role_id,
            "to": move.to,
            "kind": move.kind or "",
            "criteria": _criteria_cell(move.criteria),
            "metadata": _json_cell(move.metadata),
        }
        for role_id, role in ladder.roles.items()
        for move in role.moves
    ]
    levels = [
        {"id": lv.id, "name": lv.name or "", "description": lv.description or ""}
        for lv in ladder.levels
    ]
    tracks = [
        {"id": tid, "kind": t.kind, "name": t.name or "", "description": t.description or ""}
        for tid, t in ladder.tracks.items()
    ]
    return {
        "roles.csv": _table(ROLE_COLUMNS, roles),
        "moves.csv": _table(MOVE_COLUMNS, moves),
        "levels.csv": _table(LEVEL_COLUMNS, levels),
        "tracks.csv": _table(TRACK_COLUMNS, tracks),
    }


def _rows(text: str, name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvError(f"{name}: missing column(s) {', '.join(missing)} in the header")
    return [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]


def _parse_json(cell: str, where: str) -> Any:
    try:
        return json.loads(cell)
    except json.JSONDecodeError as error:
        raise CsvError(f"{where}: not valid JSON ({error.msg})") from None


def import_csv(
    roles: str,
    moves: str,
    *,
    levels: str | None = None,
    tracks: str | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    """Ladder file data from CSV text (see :func:`export_csv` for the columns).

    Without ``levels``, levels come from the roles, ordered by ``level_rank`` (or by first
    appearance); without ``tracks``, tracks come from the roles' ``track_kind``. Raises
    :class:`CsvError` naming the file, row and column of a bad cell.
    """
    role_rows = _rows(roles, "roles.csv", ("id", "title", "track", "level"))
    move_rows = _rows(moves, "moves.csv", ("from", "to"))
    data: dict[str, Any] = {"version": 1}
    if name:
        data["name"] = name
    if levels is not None:
        data["levels"] = [
            _drop_none({"id": r["id"], "name": r.get("name") or None,
                        "description": r.get("description") or None})
            for r in _rows(levels, "levels.csv", ("id",))
        ]  # fmt: skip
    else:
        found: dict[str, float] = {}
        for number, row in enumerate(role_rows, start=2):
            rank = row.get("level_rank", "")
            try:
                order = float(rank) if rank else float(len(role_rows) + number)
            except ValueError:
                raise CsvError(f"roles.csv row {number}, level_rank: not a number") from None
            found[row["level"]] = min(found.get(row["level"], order), order)
        data["levels"] = [{"id": level} for level in sorted(found, key=found.__getitem__)]
    if tracks is not None:
        data["tracks"] = {
            r["id"]: _drop_none({"kind": r["kind"], "name": r.get("name") or None,
                                 "description": r.get("description") or None})
            for r in _rows(tracks, "tracks.csv", ("id", "kind"))
        }  # fmt: skip
    else:
        data["tracks"] = {}
        for number, row in enumerate(role_rows, start=2):
            kind = row.get("track_kind", "")
            if not kind:
                raise CsvError(f"roles.csv row {number}, track_kind: empty (or give tracks.csv)")
            data["tracks"].setdefault(row["track"], {"kind": kind})
    out_roles: dict[str, Any] = {}
    for number, row in enumerate(role_rows, start=2):
        where = f"roles.csv row {number}"
        role: dict[str, Any] = {"title": row["title"], "track": row["track"], "level": row["level"]}
        if row.get("family"):
            role["family"] = row["family"]
        entry = row.get("entry", "").strip().lower()
        if entry not in ("", "true", "false"):
            raise CsvError(f"{where}, entry: {row['entry']!r} is not true or false")
        if entry == "true":
            role["entry"] = True
        if row.get("description"):
            role["description"] = row["description"]
        if row.get("ignore"):
            role["ignore"] = _parse_json(row["ignore"], f"{where}, ignore")
        if row.get("metadata"):
            role["metadata"] = _parse_json(row["metadata"], f"{where}, metadata")
        if row["id"] in out_roles:
            raise CsvError(f"{where}, id: {row['id']!r} is listed twice")
        out_roles[row["id"]] = role
    for number, row in enumerate(move_rows, start=2):
        where = f"moves.csv row {number}"
        source = out_roles.get(row["from"])
        if source is None:
            raise CsvError(f"{where}, from: no role {row['from']!r} in roles.csv")
        move: dict[str, Any] = {"to": row["to"]}
        if row.get("kind"):
            move["kind"] = row["kind"]
        criteria = row.get("criteria", "")
        if criteria.startswith("["):
            move["criteria"] = _parse_json(criteria, f"{where}, criteria")
        elif criteria:
            move["criteria"] = criteria.split("\n")
        if row.get("metadata"):
            move["metadata"] = _parse_json(row["metadata"], f"{where}, metadata")
        source.setdefault("moves", []).append(move)
    data["roles"] = out_roles
    return data
