"""Benchmark the store: demo build, a later start, and a full sweep of values.

    python -m bench.store [--repeat 3]

Prints medians; exits 1 if the first build misses its target (issue 3: <= 10 s).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from data import catalogue, queries
from data.store import Store


def sweep(store: Store) -> int:
    """values() for every indicator x level x year; returns how many calls."""
    calls = 0
    for ind in catalogue.INDICATORS:
        for level in ind.levels:
            for year in queries.years(store):
                queries.values(store, ind.id, level, year)
                calls += 1
    return calls


BUILD_TARGET_S = 10.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args(argv).repeat
    build, warm, cold, cached = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            url = f"sqlite:///{Path(tmp) / f'bench{i}.sqlite'}"
            start = time.perf_counter()
            Store(url).ensure_ready()
            build.append(time.perf_counter() - start)

            start = time.perf_counter()
            store = Store(url)
            store.ensure_ready()
            warm.append(time.perf_counter() - start)

            queries._level_table.cache_clear()
            queries._years.cache_clear()
            start = time.perf_counter()
            calls = sweep(store)
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            sweep(store)
            cached.append(time.perf_counter() - start)
            store.engine.dispose()

    med = statistics.median
    print(f"store build (demo, fresh SQLite): median {med(build):.2f} s over {repeat}  (target <= 10 s)")
    print(f"later start (store exists):       median {med(warm) * 1000:.1f} ms")
    print(f"full sweep, {calls} values() calls: cold median {med(cold):.3f} s, "
          f"cached median {med(cached):.3f} s ({med(cached) / calls * 1000:.2f} ms a call), "
          f"cold/cached {med(cold) / med(cached):.1f}x")
    return 0 if med(build) <= BUILD_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
