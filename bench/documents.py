"""What the documents of issue 17 cost: cold, warm and kept.

    python -m bench.documents [--repeat 5] [--only circular,profile]

On a demo store built afresh in a temporary folder, through Flask's test client:
- cold: the first request of each document in a fresh process (every cache empty);
- warm: built again in the same process with the document cache cleared before each request
  (the store's query caches warm: what a user who asks for a document nobody has asked for yet
  waits), median of --repeat, over other years and places so no figure is reused;
- kept: the same document again, served from documents.cache (median of --repeat).
Prints the medians; exits 1 if a warm median misses its target (issue 17: a circular in at
most 2 s, a profile in at most 3 s, a deck of the four headline goals in at most 5 s).

The deck's cold request includes starting chromium (kaleido's browser, kept by the process after).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from app import create_app
from data.store import Store
from settings import Settings

# kind -> (target in seconds for a warm build, the cold URL, the warm URLs, in turn)
MEASURES = {
    # the four headline goals (/present's default), by city unless said; a map per goal drawn by kaleido
    "deck": (5.0, "/download/deck.pptx?year=2014&lang=zh",
             ["/download/deck.pptx?year=2013&lang=zh", "/download/deck.pptx?year=2015&lang=en",
              "/download/deck.pptx?year=2012&level=county&lang=zh",
              "/download/deck.pptx?year=2014&theme=light&lang=en", "/download/deck.pptx?year=2011&lang=zh"]),
    "circular": (2.0, "/download/circular.docx?year=2014&lang=zh",
                 ["/download/circular.docx?year=2013&lang=zh", "/download/circular.docx?year=2015&lang=en",
                  "/download/circular.docx?year=2012&lang=zh", "/download/circular.docx?year=2014&lang=en",
                  "/download/circular.docx?year=2015&lang=zh"]),
    "profile": (3.0, "/download/profile.pdf?code=210224&year=2014&lang=zh",
                ["/download/profile.pdf?code=210211&year=2014&lang=zh",
                 "/download/profile.pdf?code=210200&year=2013&lang=en",
                 "/download/profile.pdf?code=211322&year=2014&lang=zh",
                 "/download/profile.pdf?code=210600&year=2015&lang=zh",
                 "/download/profile.pdf?code=210881&year=2012&lang=en"]),
}


def _get(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    took = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.data[:200]!r}")
    return took


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default=",".join(MEASURES))
    args = parser.parse_args(argv)
    kinds = [k for k in args.only.split(",") if k]
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        store.ensure_ready()
        settings = Settings(debug=False, secret_key="bench-only", rate_limits=False,
                            document_cache_dir=str(Path(tmp) / "documents"))
        client = create_app(settings, store=store).server.test_client()
        from documents import cache
        documents = cache.for_store(store, settings)
        for kind in kinds:
            target, cold_url, warm_urls = MEASURES[kind]
            cold = _get(client, cold_url)
            warm = []
            for url in (warm_urls * args.repeat)[:args.repeat]:
                documents.clear()
                warm.append(_get(client, url))
            kept = [_get(client, cold_url) for _ in range(args.repeat)]
            warm_median = statistics.median(warm)
            ok = warm_median <= target
            print(f"{kind:9s} cold {cold:6.2f} s   warm median {warm_median:5.2f} s (target ≤ {target:.0f} s, "
                  f"{'ok' if ok else 'MISSED'}; {min(warm):.2f}–{max(warm):.2f})   kept median "
                  f"{statistics.median(kept) * 1000:6.1f} ms")
            if not ok:
                failed.append(kind)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
