"""How long the plausibility checks of a whole province-year take (data/quality.py).

    python -m bench.quality [--runs 5]

On a fresh SQLite demo store (built once into a temporary folder), each run checks every
county-year of one year from the store (reading the shown records of the year and the one
before, and the counts), with no cache. Prints the median per year; exits 1 when a year's
median is over TARGET_S (issue 18: under 2 s).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from data import quality
from data.store import Store

TARGET_S = 2.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-quality-"))
    store = Store(f"sqlite:///{folder / 'demo.sqlite'}")
    store.ensure_ready()
    years = sorted(int(y) for y in store.counts()["year"].unique())
    failures = []
    print(f"plausibility checks of a whole province-year ({args.runs} runs each, no cache)")
    for year in years:
        times, found = [], 0
        for _ in range(args.runs):
            quality._for_store.cache_clear()
            start = time.perf_counter()
            found = len(quality.for_store(store, year))
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"   {year}: median {median:.2f} s (min {min(times):.2f}, max {max(times):.2f}), {found} warnings")
        if median > TARGET_S:
            failures.append(f"{year}: {median:.2f} s (target <= {TARGET_S:.0f} s)")
    for line in failures:
        print("MISSED:", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
