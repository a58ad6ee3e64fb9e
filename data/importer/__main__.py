"""Import county reports from the command line: the same checks and report as the data page.

    python -m data.importer REPORT.xlsx --year 2014 --dry-run
    python -m data.importer urban.csv villages.csv county.csv --year 2014 --by "王芳"
    python -m data.importer --template 2014 --out template-2014.xlsx [--filled]

Exit status: 0 imported (or, with --dry-run, would import); 1 the files have errors and
nothing was written; 2 the command itself was wrong (a file that cannot be opened).
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from data.catalogue import BASE_YEAR, TARGET_YEAR
from data.i18n import t
from data.importer import import_files
from data.importer.template import template
from data.store import Store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.importer", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="an .xlsx workbook, or .csv files (one per sheet)")
    parser.add_argument("--year", type=int, choices=range(BASE_YEAR, TARGET_YEAR + 1), metavar="YEAR",
                        help=f"the year the files report ({BASE_YEAR}-{TARGET_YEAR})")
    parser.add_argument("--dry-run", action="store_true", help="check and show the changes; write nothing")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the report (default zh)")
    parser.add_argument("--by", default=None, help="who imports (default: the login name)")
    parser.add_argument("--database", default=None, help="SQLAlchemy URL (default: DATABASE_URL or instance/)")
    parser.add_argument("--limit", type=int, default=50, help="problems listed per kind (default 50)")
    parser.add_argument("--template", type=int, metavar="YEAR", help="write the template for YEAR instead")
    parser.add_argument("--filled", action="store_true", help="with --template: filled with the data shown")
    parser.add_argument("--out", type=Path, help="with --template: the file to write")
    args = parser.parse_args(argv)

    store = Store(args.database)
    store.ensure_ready()
    if args.template is not None:
        if args.out is None:
            parser.error("--template needs --out")
        args.out.write_bytes(template(args.template, store if args.filled else None))
        print(args.out)
        return 0
    if not args.files or args.year is None:
        parser.error("give the report files and --year")
    files = []
    for path in args.files:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as err:
            print(f"{path}: {err.strerror}", file=sys.stderr)
            return 2
    report, batch = import_files(store, files, args.year, by=args.by or getpass.getuser(), dry_run=args.dry_run)
    print(report.render_text(args.lang, limit=args.limit))
    if not report.ok:
        print(t("import.not_committed", args.lang))
        return 1
    print(t("import.dry_run", args.lang) if batch is None else t("import.committed", args.lang, batch=batch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
