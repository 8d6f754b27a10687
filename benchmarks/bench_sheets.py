"""Benchmark: spreadsheet ladders against openpyxl doing the bare work (issue 15).

Targets, for a 10k-role ladder, measured side by side in one run (interleaved, best of
several repeats):

* checking the workbook (``ladders check org.xlsx``: read, validate, merge, rules) costs
  at most 2x an openpyxl read-only pass over its cells;
* ``ladders export --format xlsx`` (load the ladder, check it, write the workbook) costs at
  most 1.5x an openpyxl write-only pass writing the same cells, plus a ``ladders check``
  of the ladder.

    python benchmarks/bench_sheets.py [--repeat N] [--roles N]
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate_ladder, write_json  # noqa: E402

TARGETS = {"check": 2.0, "export": 1.5}


def best(action: Callable[[], Any], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, collecting garbage between runs."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def openpyxl_read(path: Path) -> int:
    """The bare read: every cell of every sheet, read-only and values only."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    cell.value  # noqa: B018 - reading it is the work measured
                    cells += 1
    finally:
        book.close()
    return cells


def workbook_cells(ladder: Any, findings: list[Any]) -> dict[str, list[list[Any]]]:
    """The values ladders writes in each sheet (computed once, outside the timings)."""
    from ladders.exchange.data import ladder_data
    from ladders.exchange.tables import ladder_tables
    from ladders.exchange.xlsx import SHEET_ORDER, _chart, _findings_rows

    data = ladder_data(ladder)
    chart, _ = _chart(data, findings)
    sheets = {"chart": chart, "findings": _findings_rows(findings), **ladder_tables(data)}
    return {name: sheets[name] for name in SHEET_ORDER}


def openpyxl_write(sheets: dict[str, list[list[Any]]], path: Path) -> None:
    """The bare write: the same cells, write-only, plain."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())


def ladders_export(source: Path, path: Path) -> None:
    """What ``ladders export SOURCE --format xlsx -o PATH`` does."""
    import ladders
    from ladders.exchange.xlsx import write_workbook

    ladder = ladders.load(source)
    write_workbook(ladder, path, ladders.check(ladder))


def main(argv: list[str] | None = None) -> int:
    import ladders
    from ladders.check import check_file
    from ladders.exchange.xlsx import write_workbook

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--roles", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = tmp / "ladder.json"
        write_json(generate_ladder(args.roles), source)
        ladder = ladders.load(source)
        findings = ladders.check(ladder)
        book = tmp / "ladder.xlsx"
        write_workbook(ladder, book, findings)
        sheets = workbook_cells(ladder, findings)
        cells = sum(len(row) for rows in sheets.values() for row in rows)
        print(f"{args.roles} roles; workbook {book.stat().st_size / 2**20:.1f} MiB, {cells} cells")

        check, bare_read = [], []
        export, bare_write, check_source = [], [], []
        for _ in range(args.repeat):  # interleaved, so that a busy machine hurts both alike
            check.append(best(lambda: check_file(book), 1))
            bare_read.append(best(lambda: openpyxl_read(book), 1))
            export.append(best(lambda: ladders_export(source, tmp / "out.xlsx"), 1))
            bare_write.append(best(lambda: openpyxl_write(sheets, tmp / "bare.xlsx"), 1))
            check_source.append(best(lambda: check_file(source), 1))
        rows = [
            (
                "check",
                "ladders check org.xlsx",
                min(check),
                "openpyxl read-only pass",
                min(bare_read),
            ),
            (
                "export",
                "ladders export --format xlsx",
                min(export),
                "openpyxl write-only pass + ladders check",
                min(bare_write) + min(check_source),
            ),
        ]
    failed = False
    print(f"{'':<8} {'ladders':>10} {'bare':>10} {'ratio':>7} {'target':>9}")
    for key, ours_name, ours, bare_name, bare in rows:
        ratio = ours / bare
        target = TARGETS[key]
        verdict = "ok" if ratio <= target else "MISS"
        failed = failed or ratio > target
        print(f"{key:<8} {ours:>9.3f}s {bare:>9.3f}s {ratio:>6.2f}x {f'<={target}x':>7} {verdict}")
        print(f"         ({ours_name} / {bare_name})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
