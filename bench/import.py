"""Benchmark importing a whole province-year: check and commit of the 2014 export.

    python -m bench.import [--repeat 3] [--year 2014]

Builds a fresh demo store and exports the year with template(year, store) (4,300 urban
communities + 11,500 villages + 100 county rows), then, for each repeat, imports the file
into a fresh copy of the store, so that every commit is a real replacement of the year.
Times check() and commit() apart and together; then the same with the ids blanked (every
unit matched by county and name). Prints medians and minimums; exits 1 if the median of
check + commit misses its target (<= 5 s, with ids).
"""
from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from data.importer import check, commit
from data.importer.fields import RURAL, URBAN
from data.importer.template import template
from data.store import Store

TARGET_S = 5.0


def without_ids(content: bytes) -> bytes:
    """The workbook with the urban and village id columns blank."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    out = Workbook(write_only=True)
    id_column = {spec.title: [f.key for f in spec.fields].index("unit_id") for spec in (URBAN, RURAL)}
    for name in book.sheet_names:
        ws = out.create_sheet(name)
        for i, row in enumerate(book.get_sheet_by_name(name).to_python()):
            row = [None if v == "" else v for v in row]
            if name in id_column and i >= 2:
                row[id_column[name]] = None
            ws.append(row)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def run(source: Path, folder: Path, name: str, content: bytes, year: int) -> tuple[float, float, object]:
    """(check seconds, commit seconds, report) for one import into a fresh copy of the store."""
    path = folder / f"{name}.sqlite"
    shutil.copy(source, path)
    store = Store(f"sqlite:///{path}")
    start = time.perf_counter()
    report = check([(f"{name}.xlsx", content)], year, store)
    checked = time.perf_counter()
    if not report.ok:
        raise SystemExit(f"{name}: the file does not import:\n{report.render_text('en', limit=10)}")
    commit(store, report, by="bench")
    done = time.perf_counter()
    store.engine.dispose()
    path.unlink()
    return checked - start, done - checked, report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--year", type=int, default=2014)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "demo.sqlite"
        store = Store(f"sqlite:///{source}")
        store.ensure_ready()
        start = time.perf_counter()
        with_ids = template(args.year, store)
        export_s = time.perf_counter() - start
        store.engine.dispose()
        blank_ids = without_ids(with_ids)
        variants = {"with ids": with_ids, "ids blank": blank_ids}
        times = {v: ([], [], []) for v in variants}
        reports = {}
        for i in range(args.repeat):
            for variant, content in variants.items():
                checked, committed, report = run(source, folder, f"{variant.replace(' ', '-')}-{i}", content,
                                                 args.year)
                times[variant][0].append(checked)
                times[variant][1].append(committed)
                times[variant][2].append(checked + committed)
                reports[variant] = report
    rows = report.rows
    print(f"file: {args.year}, {rows['urban']:,} urban + {rows['rural']:,} village + {rows['county']} county rows, "
          f"{len(with_ids) / 1024 / 1024:.1f} MB (export written in {export_s:.2f} s)")
    med = statistics.median
    for variant, (checks, commits, totals) in times.items():
        print(f"{variant:>9}: check median {med(checks):.2f} s (min {min(checks):.2f}), "
              f"commit median {med(commits):.2f} s (min {min(commits):.2f}), "
              f"together median {med(totals):.2f} s (min {min(totals):.2f}) over {args.repeat}; "
              f"{len(reports[variant].changes)} values changed, {len(reports[variant].new_units)} new units")
    total = med(times["with ids"][2])
    print(f"target: checked and committed in <= {TARGET_S:.0f} s (median, with ids): "
          f"{'met' if total <= TARGET_S else 'MISSED'}")
    return 0 if total <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
