"""Source positions: where each key, value and list item of a file was written.

A reader produces the file's plain data and a table of marks: for every mapping, the
0-based line and column of each key and of its value; for every sequence, of each item.
Marks are keyed by the ``id()`` of the container, so they follow the data without
wrapping it. A :class:`SourceMap` answers "where is ``roles.senior.moves[2]``?" in
1-based lines and columns.

A spreadsheet ladder is one source spread over several tables (the sheets of a workbook,
the CSV files of a folder), so its marks also say which: a mark may end with the file of
that position (for a workbook a :class:`~ladders.findings.SheetFile`, which names the
sheet too). :meth:`SourceMap.key_at` and :meth:`SourceMap.value_at` give the file with
the position; use them wherever a position becomes a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ladders.load.fast import Plain

__all__ = [
    "CellMarks",
    "KeyMarks",
    "Marks",
    "Path",
    "SourceMap",
    "Sources",
    "TableMarks",
    "walk_marks",
]

#: key -> (key line, key column, value line, value column), 0-based
KeyMarks = dict[Any, tuple[int, int, int, int]]
#: id(container) -> KeyMarks for a mapping, or a list of (line, column) for a sequence
Marks = dict[int, "KeyMarks | list[tuple[int, int]]"]
#: the marks of a spreadsheet ladder: as :data:`Marks`, each ending with the file (the
#: table, the sheet) the position is in
CellMarks = dict[Any, tuple[int, int, int, int, str]]
TableMarks = dict[int, "CellMarks | list[tuple[int, int, str]]"]
_Here = tuple[int, int, str | None]
Path = Sequence[str | int]


class SourceMap:
    """Positions in one file. ``marks`` may be computed late (JSON does it on first use)."""

    def __init__(
        self,
        file: str,
        data: Any = None,
        marks: Marks | TableMarks | None = None,
        *,
        compute: Callable[[], tuple[Any, Marks]] | None = None,
        locate: Callable[[Path], tuple[_Here, _Here | None]] | None = None,
    ) -> None:
        self.file = file
        self._data = data
        self._marks = marks
        self._compute = compute
        #: finds a path's positions on demand (JSON: :class:`~ladders.load.json.JsonLocator`)
        self._locate = locate
        #: set when every role of the file is plain and moves only to roles of the file
        #: (the fast reader saw it: :func:`~ladders.load.fast.fast_read`): the tracks and
        #: levels its roles name, so merging checks those and skips the roles
        self.plain: Plain | None = None

    @property
    def data(self) -> Any:
        """The file's plain data, as read."""
        return self._data

    def _table(self) -> tuple[Any, Marks | TableMarks]:
        if self._marks is None:
            if self._compute is not None:
                try:
                    self._data, self._marks = self._compute()
                except Exception:  # positions are a courtesy: never fail a report over them
                    self._marks = {}
            else:
                self._marks = {}
            self._compute = None
        return self._data, self._marks

    def _walk(self, path: Path) -> tuple[_Here, _Here | None]:
        """Position (and file, if marked) of the deepest node on ``path`` that exists, and
        of its key/item."""
        if self._locate is not None:
            try:
                return self._locate(path)
            except Exception:  # positions are a courtesy: never fail a report over them
                return (0, 0, None), None
        data, marks = self._table()
        return walk_marks(data, marks, path)

    def key(self, path: Path) -> tuple[int, int]:
        """1-based (line, column) of the key (or list item) that ``path`` ends with."""
        _, line, column = self.key_at(path)
        return line, column

    def value(self, path: Path) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` (or of the deepest part that exists)."""
        _, line, column = self.value_at(path)
        return line, column

    def key_at(self, path: Path) -> tuple[str, int, int]:
        """(file, line, column), 1-based, of the key (or list item) that ``path`` ends with.

        The file is this map's own, or the table the position is in (a sheet of a
        workbook, a CSV file of a folder).
        """
        here, key_pos = self._walk(path)
        line, column, file = key_pos if key_pos is not None else here
        return (file or self.file, line + 1, column + 1)

    def value_at(self, path: Path) -> tuple[str, int, int]:
        """(file, line, column), 1-based, of the value at ``path`` (or of the deepest part
        that exists); the file as for :meth:`key_at`."""
        (line, column, file), _ = self._walk(path)
        return (file or self.file, line + 1, column + 1)

    def release(self) -> None:
        """Drop the data read, when positions will be worked out again from the text.

        A JSON file keeps its parsed data only until it has been validated; after that
        the models hold what matters, and positions (if ever needed) come with a fresh
        copy of the data from :func:`~ladders.load.json.json_marks`.
        """
        if self._compute is not None or self._locate is not None:
            self._data = None


def walk_marks(data: Any, marks: Marks | TableMarks, path: Path) -> tuple[_Here, _Here | None]:
    """Position (and file, if marked) of the deepest node on ``path`` in ``data`` that
    exists, and of its key/item, 0-based, from the marks of ``data``'s containers."""
    here: _Here = (0, 0, None)
    key_pos: _Here | None = None
    node = data
    for step in path:
        table = marks.get(id(node))
        if isinstance(node, Mapping) and isinstance(table, dict) and step in table:
            mark = table[step]
            file = mark[4] if len(mark) > 4 else here[2]
            key_pos, here = (mark[0], mark[1], file), (mark[2], mark[3], file)
            node = node[step]
        elif (
            isinstance(node, list)
            and isinstance(table, list)
            and isinstance(step, int)
            and 0 <= step < len(table)
        ):
            item = table[step]
            key_pos = here = (item[0], item[1], item[2] if len(item) > 2 else here[2])
            node = node[step]
        else:
            return here, key_pos
    return here, key_pos


class Sources:
    """The source maps of a loaded ladder: which file each item came from, and where."""

    def __init__(self, root: SourceMap) -> None:
        self.root = root
        self.role_file: dict[str, SourceMap] = {}
        self.track_file: dict[str, SourceMap] = {}
        self.levels_file: SourceMap = root
        self.progression_file: SourceMap | None = None

    def ladder_key(self, key: str) -> tuple[str, int, int]:
        """(file, line, column) of a top-level key: ``progression`` in the file that gives
        it, ``levels`` in the file that lists them, else in the root file."""
        source = {"progression": self.progression_file, "levels": self.levels_file}.get(key)
        source = source or self.root
        return source.key_at((key,))

    def role(self, role: str) -> tuple[str, int, int]:
        """(file, line, column) of a role's key."""
        return self.role_file.get(role, self.root).key_at(("roles", role))

    def move(self, role: str, index: int) -> tuple[str, int, int]:
        """(file, line, column) of the ``index``-th move of a role (its list item)."""
        return self.role_file.get(role, self.root).value_at(("roles", role, "moves", index))

    def role_field(self, role: str, *path: str | int) -> tuple[str, int, int]:
        """(file, line, column) of a key inside a role, such as ``("ignore", "LAD301")``."""
        return self.role_file.get(role, self.root).key_at(("roles", role, *path))

    def role_value(self, role: str, *path: str | int) -> tuple[str, int, int]:
        """(file, line, column) of a value inside a role, such as ``("track",)``."""
        return self.role_file.get(role, self.root).value_at(("roles", role, *path))
