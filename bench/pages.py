"""Server CPU of a page load, in process: the overview's render and a county page's callbacks.

    python -m bench.pages [--repeat 41] [--database URL]

It replays, through Flask's test client, the callbacks that a browser's load of `/` and of
`/county/210224` really posts (bench/requests/overview.json and county.json, recorded by
`python -m bench.record`), with the browser's headers (compressed answers), the rate limits on
(each request from its own address, so every render is counted in the store and none refused),
and measures the CPU time of this process (time.process_time) per request:

- warm: the page cache holds the page (the case of every load but the first after an import);
- drawn: the page cache emptied before each request, so the page is drawn (for comparison);
- limits: the same warm request with the rate limits off, to show what counting costs.

On a fresh SQLite demo store, and also on PostgreSQL where DATABASE_URL (or --database) names
one (its demo store is built if empty). A recolour's CPU (the year changed on the overview) is
printed beside, with PostgreSQL's against SQLite's; its throughput target is bench.load's.

Prints medians; exits 1 when a warm overview render costs more than 20 ms or a warm county
page more than 30 ms (issue 14).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from app import create_app
from data.store import Store
from routes.page_cache import page_cache
from settings import ROOT, Settings

TARGETS_MS = {"overview": 20.0, "county": 30.0}
RECORDINGS = ROOT / "bench" / "requests"
_addresses = (f"10.{a}.{b}.{c}" for a, b, c in itertools.product(range(1, 255), range(256), range(1, 255)))


def posts(name: str) -> list[dict]:
    """The callbacks of a recorded page load (or action), in the order the browser sent them."""
    recording = json.loads((RECORDINGS / f"{name}.json").read_text(encoding="utf-8"))
    return [r for r in recording["requests"] if r["method"] == "POST"]


def replay(client, requests: list[dict]) -> float:
    """CPU seconds this process spent answering every request of `requests` once."""
    environ = {"REMOTE_ADDR": next(_addresses)}
    start = time.process_time()
    for r in requests:
        headers = {k: v for k, v in r["headers"].items() if k.lower() in ("accept", "accept-encoding", "content-type")}
        response = client.post(r["path"], data=r["body"], headers=headers, environ_base=environ)
        assert response.status_code in (200, 204), (r["path"], response.status_code, response.data[:200])
    return time.process_time() - start


def median_ms(client, requests, repeat: int, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before:
            before()
        times.append(replay(client, requests))
    return statistics.median(times) * 1000


def measure(label: str, store: Store, repeat: int) -> dict:
    results = {}
    apps = {limits: create_app(Settings(debug=False, secret_key="bench-only", rate_limits=limits), store=store)
            for limits in (True, False)}
    for name in ("overview", "county"):
        requests = posts(name)
        for limits, app in apps.items():
            client = app.server.test_client()
            replay(client, requests)  # drawn once: the cache holds it from now on
            warm = median_ms(client, requests, repeat)
            if limits:
                results[name] = warm
                cache = page_cache(app.server)
                cold = median_ms(client, requests, max(3, repeat // 8), before=cache.clear)
                print(f"{label:10} {name:8} warm {warm:7.2f} ms   drawn {cold:7.1f} ms   "
                      f"(target warm <= {TARGETS_MS[name]:.0f} ms)   hits {cache.hits}, misses {cache.misses}")
            else:
                print(f"{label:10} {name:8} warm {warm:7.2f} ms with the rate limits off "
                      f"(counting a render costs {results[name] - warm:.2f} ms)")
    recolour = posts("recolour")[:1]
    client = apps[True].server.test_client()
    replay(client, recolour)
    results["recolour"] = median_ms(client, recolour, repeat * 2)
    print(f"{label:10} recolour {results['recolour']:7.2f} ms")
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=41)
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", ""),
                        help="a postgresql+psycopg:// URL to measure there too (default: DATABASE_URL)")
    args = parser.parse_args(argv)
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        store.ensure_ready()
        found["SQLite"] = measure("SQLite", store, args.repeat)
    if args.database.startswith("postgresql"):
        store = Store(args.database)
        store.ensure_ready()
        found["PostgreSQL"] = measure("PostgreSQL", store, args.repeat)
        ratio = found["SQLite"]["recolour"] / found["PostgreSQL"]["recolour"]
        print(f"recolour: PostgreSQL's CPU per request is {1 / ratio:.2f}x SQLite's "
              f"(server CPU of this process only; bench.load measures the throughput)")
    else:
        print("PostgreSQL: not measured (set DATABASE_URL or --database to a postgresql+psycopg:// URL)")
    missed = [f"{label} {name} {ms:.1f} ms > {TARGETS_MS[name]:.0f} ms" for label, r in found.items()
              for name, ms in r.items() if name in TARGETS_MS and ms > TARGETS_MS[name]]
    for line in missed:
        print("MISSED:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
