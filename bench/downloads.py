"""What the heaviest downloads cost, and whether the work lists are linear in their rows.

    python -m bench.downloads [--repeat 5]

Times (best of --repeat, through Flask's test client, warm: the best is what the code costs,
the rest is other load on the machine) the work list of every standard for the
largest counties as XLSX and CSV, the overview's county table, the API's CSV, and the filled
template as an editor downloads it; then times to_xlsx on the largest work list repeated 1x,
2x and 4x. Exits 1 if any of these counties' whole work list takes 1 s or more as XLSX, or if
4x the rows take more than 6x the time of 1x (linear is 4x and a little for the garbage
collector; the quadratic writer of issue 12 gave 16x).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from app import create_app
from data import reports
from data.exports import to_xlsx
from data.importer.template import template
from data.store import Store
from settings import Settings

TARGET_SECONDS = 1.0
MAX_GROWTH = 6.0  # time(4x rows) / time(1x rows); linear is ~4
COUNTIES = ("210624", "210921", "211322")  # the three with the most units


def _best(fn, repeat: int) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        store.ensure_ready()
        app = create_app(Settings(debug=False, secret_key="bench-only", rate_limits=False), store=store)
        client = app.server.test_client()
        urls = [f"/download/worklist.{fmt}?county={c}&indicator=all&year=2014" for c in COUNTIES
                for fmt in ("xlsx", "csv")]
        urls += ["/download/table.xlsx?indicator=rural_center_coverage&level=county",
                 "/api/v1/values?indicator=rural_center_coverage&level=county&year=2014&format=csv"]
        results = {}
        for url in urls:
            assert client.get(url).status_code == 200, url
            results[url] = _best(lambda u=url: client.get(u), args.repeat)
            print(f"{results[url] * 1000:8.0f} ms  {url}")
        filled = _best(lambda: template(2014, store), max(1, args.repeat // 2))
        print(f"{filled * 1000:8.0f} ms  the filled template for 2014 (editors only)")

        sheet = reports.worklist(store, COUNTIES[0], "all", 2014, "zh")
        growth = {}
        for times in (1, 2, 4):
            bigger = replace(sheet, rows=pd.concat([sheet.rows] * times, ignore_index=True))
            growth[times] = _best(lambda b=bigger: to_xlsx(b), 3)
            print(f"{growth[times] * 1000:8.0f} ms  to_xlsx, {len(bigger.rows):,} rows")
    worst = max(results[u] for u in urls if ".xlsx?county=" in u)
    ratio = growth[4] / growth[1]
    print(f"slowest whole work list (xlsx): {worst:.2f} s (target < {TARGET_SECONDS} s); "
          f"4x rows: {ratio:.1f}x the time "
          f"(at most {MAX_GROWTH}x)")
    return 0 if worst < TARGET_SECONDS and ratio <= MAX_GROWTH else 1


if __name__ == "__main__":
    sys.exit(main())
