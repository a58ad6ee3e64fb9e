"""Import county reports from the command line: the same checks and report as the data page.

    python -m data.importer REPORT.xlsx --year 2014 --dry-run
    python -m data.importer urban.csv villages.csv county.csv --year 2014 --by "王芳"
    python -m data.importer --template 2014 --out template-2014.xlsx [--filled]

A column the report does not have holds the import until it is renamed or, with
--accept-unknown-columns, ignored. Exit status: 0 imported (or, with --dry-run, would
import); 1 the files have errors (or unknown columns) and nothing was written; 2 the command
itself was wrong (a file that cannot be opened).
"""
from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path

from data.catalogue import BASE_YEAR, TARGET_YEAR
from data.i18n import t
from data.importer import import_files
from data.importer.template import template
from data.store import Store

log = logging.getLogger("data.importer")


class _OneLine(logging.Formatter):
    """A failure logged as one line: the command line shows no traceback (--debug does)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.importer", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="an .xlsx workbook, or .csv files (one per sheet)")
    parser.add_argument("--year", type=int, choices=range(BASE_YEAR, TARGET_YEAR + 1), metavar="YEAR",
                        help=f"the year the files report ({BASE_YEAR}-{TARGET_YEAR})")
    parser.add_argument("--dry-run", action="store_true", help="check and show the changes; write nothing")
    parser.add_argument("--accept-unknown-columns", action="store_true",
                        help="import even though some columns are not recognised (their data is ignored)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the report (default zh)")
    parser.add_argument("--by", default=None, help="who imports (default: the login name)")
    parser.add_argument("--database", default=None, help="SQLAlchemy URL (default: DATABASE_URL or instance/)")
    parser.add_argument("--limit", type=int, default=50, help="problems listed per kind (default 50)")
    parser.add_argument("--template", type=int, metavar="YEAR", help="write the template for YEAR instead")
    parser.add_argument("--filled", action="store_true", help="with --template: filled with the data shown")
    parser.add_argument("--out", type=Path, help="with --template: the file to write")
    parser.add_argument("--debug", action="store_true", help="log an unexpected failure with its traceback")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    if not args.debug:
        handler.setFormatter(_OneLine())
    log.addHandler(handler)
    try:
        return _run(args, parser)
    finally:
        log.removeHandler(handler)


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
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
    try:
        report, batch = import_files(store, files, args.year, by=args.by or getpass.getuser(), dry_run=args.dry_run,
                                     accept_unknown_columns=args.accept_unknown_columns)
    except Exception:  # check() never raises; this is the commit failing: said, logged, no traceback
        log.exception("import of %s failed", [name for name, _ in files])
        print(t("import.unexpected", args.lang, files=", ".join(name for name, _ in files)), file=sys.stderr)
        return 1
    print(report.render_text(args.lang, limit=args.limit))
    if not report.ok:
        print(t("import.not_committed", args.lang))
        return 1
    if not report.may_commit(args.accept_unknown_columns):
        print(t("import.held", args.lang, n=len(report.held)))
        return 1
    if batch is not None:  # the audit trail has every import, the command line's too
        from data import audit
        audit.record(store, audit.IMPORT, user=args.by or getpass.getuser(), address="cli",
                     object=f"batch {batch}; year {args.year}; files {', '.join(n for n, _ in files)}; "
                            f"sha256 {report.sha256}", result="committed")
    print(t("import.dry_run", args.lang) if batch is None else t("import.committed", args.lang, batch=batch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
