"""A load benchmark: gunicorn (2 workers) replaying the requests a browser really makes.

    python -m bench.load [--duration 10] [--runs 1] [--database URL] [--no-limits]
    python -m bench.load --quick          # a short run (2 s per measure, 20 connections, 20 pages)
    python -m bench.load --soak 600       # 10 minutes at 50 connections: errors and memory

It serves the app with `gunicorn -c deploy/gunicorn.conf.py -w 2` on loopback, on a fresh
SQLite demo store built once, and also on PostgreSQL where DATABASE_URL (or --database) names
one (its demo store is built if empty, else used as it is). The replayed requests are those
recorded from a real page load in Chromium (bench/requests/*.json, written by
`python -m bench.record`); every one is replayed once first and must answer 2xx.

Measures, each for --duration seconds with N keep-alive connections, each connection sending
its next request when the last one is answered:
- recolour: the overview's callback when the year changes (the map's new numbers);
- overview render / county render: the router's callback that draws the page (CPU targets);
- overview load / county load: every request of a full page load, one after another;
- api: one `/api/v1/values` request;
and a "meeting rush": --rush-pages full overview loads started evenly within 2 s, each as a
browser makes it (the HTML, then the assets 6 at a time, then the callbacks in the order they
were recorded, those that ran together in the recording together), with each page's time to
its last response; a page is served when every request of it answered 2xx (a client gives up
on a request after 60 s).

Server CPU per request is the growth of the gunicorn workers' CPU time (user + system, psutil)
over the requests answered. The load generator (asyncio + aiohttp, not decompressing) runs in
this process; its own CPU use is printed, since it shares the machine's cores with the server.

Rate limits are on, as deployed behind one proxy (TRUSTED_PROXIES=1): each simulated browser
sends its own X-Forwarded-For address, so the limiter counts every page render (its write to
the counter table is part of the cost measured) without refusing one. --no-limits sets
RATE_LIMITS=0 instead (the limits themselves are tested in tests/test_limits.py).

Each measure sends the same recorded requests over and over: where pages are cached by data
version, that is the cost of a cached page, as when a meeting opens one shared link.

`--app-dir` serves another tree's app with this bench (e.g. `git worktree add /tmp/base <commit>`
to compare with an older commit); without deploy/gunicorn.conf.py there, its settings are flags.

Workers are not recycled during a run (max_requests 0 instead of the deployed 5000), so that
every worker's CPU time and memory is counted to the end.

Exits 1 when a target is missed (see TARGETS); --quick and --soak check theirs too.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

try:
    import aiohttp
except ImportError:  # pragma: no cover - a clear line instead of a traceback
    sys.exit("bench.load needs aiohttp: pip install -r requirements-dev.txt")

ROOT = Path(__file__).resolve().parents[1]
RECORDINGS = Path(__file__).resolve().parent / "requests"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
ROUTER_OUTPUT = "..page.children...page-meta.data.."
WORKERS = 2
BROWSER_CONNECTIONS = 6  # what Chromium opens to one host over HTTP/1.1

RECOLOUR_RPS_MIN = 500
RECOLOUR_P99_MAX_MS = 50
RUSH_PAGE_MAX_S = 3.0
OVERVIEW_RENDER_CPU_MAX_MS = 20
COUNTY_RENDER_CPU_MAX_MS = 30
PG_SQLITE_RECOLOUR_RATIO_MIN = 0.8
SOAK_RSS_GROWTH_MAX = 0.10
TARGETS = (f"recolour >= {RECOLOUR_RPS_MIN} req/s with p99 <= {RECOLOUR_P99_MAX_MS} ms at 20 connections; "
           f"overview render <= {OVERVIEW_RENDER_CPU_MAX_MS} ms CPU, county render <= "
           f"{COUNTY_RENDER_CPU_MAX_MS} ms CPU per request; rush: every page served, none over "
           f"{RUSH_PAGE_MAX_S:.0f} s; 0 errors; PostgreSQL/SQLite recolour throughput >= "
           f"{PG_SQLITE_RECOLOUR_RATIO_MIN}; soak: 0 errors, worker memory growth < {SOAK_RSS_GROWTH_MAX:.0%}")


# ---------------------------------------------------------------------- recordings
@dataclass(frozen=True)
class Req:
    method: str
    path: str
    kind: str
    headers: dict
    body: bytes | None
    start_ms: float
    end_ms: float
    output: str | None = None
    recolour: bool = False


def load_recordings(folder: Path = RECORDINGS) -> dict[str, list[Req]]:
    """Each recording's requests, in the order the browser started them."""
    found = {}
    for name in ("overview", "county", "recolour", "api"):
        data = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        found[name] = [Req(method=e["method"], path=e["path"], kind=e["kind"], headers=dict(e["headers"]),
                           body=e["body"].encode("utf-8") if e.get("body") is not None else None,
                           start_ms=float(e["start_ms"]), end_ms=float(e.get("end_ms") or e["start_ms"]),
                           output=e.get("output"), recolour=bool(e.get("recolour")))
                       for e in data["requests"]]
    return found


def router(requests: list[Req]) -> list[Req]:
    return [r for r in requests if r.output == ROUTER_OUTPUT]


def scenarios(rec: dict[str, list[Req]]) -> dict[str, list[Req]]:
    return {"recolour": [r for r in rec["recolour"] if r.recolour],
            "overview render": router(rec["overview"]),
            "overview load": rec["overview"],
            "county render": router(rec["county"]),
            "county load": rec["county"],
            "api": rec["api"]}


def phases(page: list[Req]) -> list[list[list[Req]]]:
    """A page load as a browser makes it: a list of phases, each a list of waves run one after
    another; the requests of a wave run together. The document first; then each run of GETs
    is one wave (sent 6 at a time); each run of callbacks is split into the waves that were in
    flight together in the recording (a callback that started after one of its wave ended was
    waiting for it)."""
    out = [[[page[0]]]]
    rest = page[1:]
    i = 0
    while i < len(rest):
        is_callback = rest[i].kind == "callback"
        j = i
        while j < len(rest) and (rest[j].kind == "callback") == is_callback:
            j += 1
        run = rest[i:j]
        if not is_callback:
            out.append([run])
        else:
            waves: list[list[Req]] = []
            for r in run:
                if waves and r.start_ms < min(x.end_ms for x in waves[-1]):
                    waves[-1].append(r)
                else:
                    waves.append([r])
            out.append(waves)
        i = j
    return out


# ---------------------------------------------------------------------- the server
def _free(port: int) -> bool:
    import socket
    with socket.socket() as s:
        # As gunicorn binds: a port with connections of a last run in TIME_WAIT is free.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class Server:
    """gunicorn with 2 sync workers on loopback, as deploy/gunicorn.conf.py starts it."""

    def __init__(self, database_url: str, port: int, limits: bool, log_dir: Path, app_dir: Path = ROOT):
        if not _free(port):
            raise SystemExit(f"port {port} is taken: pass --port")
        self.url = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k not in ("DASH_DEBUG", "WEB_CONCURRENCY")}
        env.update(DATABASE_URL=database_url, SECRET_KEY="bench-only", HOST="127.0.0.1", PORT=str(port),
                   RATE_LIMITS="1" if limits else "0", TRUSTED_PROXIES="1")
        conf = app_dir / GUNICORN_CONF.relative_to(ROOT)
        # A tree without the deployed config (an older commit): its main settings as flags.
        config = ["-c", str(conf)] if conf.exists() else ["--no-control-socket", "--timeout", "60",
                                                            "--access-logfile", "-"]
        command = [sys.executable, "-m", "gunicorn", *config, "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
                   "--max-requests", "0", "--chdir", str(app_dir), "wsgi:server"]
        self.command = " ".join(command[1:])
        self.log = open(log_dir / f"gunicorn-{port}.log", "wb")
        self.process = subprocess.Popen(command, cwd=app_dir, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.master = psutil.Process(self.process.pid)
        self._cpu: dict[int, float] = {}
        self._wait_ready()

    def _wait_ready(self, timeout: float = 90.0):
        import urllib.request
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}: see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as r:
                    if r.status == 200 and len(self.workers()) == WORKERS:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not serve within {timeout:.0f} s: see {self.log.name}")

    def workers(self) -> list[psutil.Process]:
        try:
            return self.master.children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def cpu(self) -> float:
        """CPU seconds used by every worker seen so far (a worker that exited keeps its last reading)."""
        for w in self.workers():
            try:
                t = w.cpu_times()
                self._cpu[w.pid] = t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return sum(self._cpu.values())

    def rss(self) -> dict[int, int]:
        out = {}
        for w in self.workers():
            try:
                out[w.pid] = w.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return out

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


# ---------------------------------------------------------------------- the client
class Addresses:
    """A new client address per simulated browser (10.x.y.z), so no one address meets a limit."""

    def __init__(self):
        self.n = 0

    def next(self) -> str:
        self.n += 1
        n = self.n
        return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    pages: float = 0

    def add(self, status: int | None, seconds: float, what: str):
        self.latencies.append(seconds)
        if status is None or not 200 <= status < 300:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{what} -> {status}")


def session(limit: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=limit, limit_per_host=limit, keepalive_timeout=30)
    return aiohttp.ClientSession(connector=connector, auto_decompress=False,
                                 timeout=aiohttp.ClientTimeout(total=60))


async def send(http: aiohttp.ClientSession, base: str, req: Req, address: str, stats: Stats) -> float:
    headers = {**req.headers, "X-Forwarded-For": address}
    start = time.perf_counter()
    status = None
    try:
        async with http.request(req.method, base + req.path, headers=headers, data=req.body) as response:
            await response.read()
            status = response.status
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as err:
        status = None
        if len(stats.error_samples) < 5:
            stats.error_samples.append(f"{req.method} {req.path[:60]}: {type(err).__name__} {err}"[:200])
    end = time.perf_counter()
    stats.add(status, end - start, f"{req.method} {req.path[:60]}")
    return end


async def closed_loop(base: str, sequence: list[Req], connections: int, duration: float,
                      addresses: Addresses, stats: Stats | None = None) -> tuple[Stats, float]:
    """`connections` clients, each sending the sequence's requests one after another, round and
    round (a new address each time round), until `duration` is over; returns the stats (pages:
    the requests answered over the sequence's length) and the seconds taken."""
    stats = stats or Stats()
    async with session(connections) as http:
        start = time.perf_counter()
        deadline = start + duration

        async def client(k):
            # Spread over the sequence, so that a short run sends each request about as often.
            i = k * len(sequence) // connections
            address = addresses.next()
            while time.perf_counter() < deadline:
                await send(http, base, sequence[i], address, stats)
                i = (i + 1) % len(sequence)
                if i == 0:
                    address = addresses.next()

        await asyncio.gather(*(client(k) for k in range(connections)))
        stats.pages = len(stats.latencies) / len(sequence)  # page loads' worth of requests
        return stats, time.perf_counter() - start


async def page_load(http, base: str, page: list[Req], address: str, stats: Stats) -> tuple[float, bool]:
    """Seconds to the last response of one page load made as a browser makes it, and whether
    every one of its requests answered 2xx."""
    start, errors = time.perf_counter(), stats.errors
    slots = asyncio.Semaphore(BROWSER_CONNECTIONS)

    async def one(req):
        async with slots:
            await send(http, base, req, address, stats)

    for phase in phases(page):
        for wave in phase:
            await asyncio.gather(*(one(r) for r in wave))
    stats.pages += 1
    return time.perf_counter() - start, stats.errors == errors


async def rush(base: str, page: list[Req], pages: int, within: float, addresses: Addresses):
    stats = Stats()
    async with session(0) as http:
        async def later(i):
            await asyncio.sleep(i * within / pages)
            return await page_load(http, base, page, addresses.next(), stats)

        loads = await asyncio.gather(*(later(i) for i in range(pages)))
    return stats, sorted(t for t, _ in loads), sum(ok for _, ok in loads)


async def check_replays(base: str, rec: dict[str, list[Req]]) -> list[str]:
    """Every recorded request once, in order: the ones that did not answer 2xx."""
    bad = []
    addresses = Addresses()
    async with session(BROWSER_CONNECTIONS) as http:
        for name, requests in rec.items():
            address = addresses.next()
            for req in requests:
                stats = Stats()
                await send(http, base, req, address, stats)
                if stats.errors:
                    bad.append(f"{name}: {stats.error_samples[0]}")
    return bad


# ---------------------------------------------------------------------- measuring
def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


@dataclass
class Measure:
    rps: float
    pages_per_s: float
    p50: float
    p95: float
    p99: float
    cpu_ms: float  # per request
    cpu_page_ms: float  # per page load (per request when a "page" is one request)
    errors: int
    requests: int
    client_cpu: float  # the load generator's share of one core
    samples: list[str] = field(default_factory=list)


def measure(server: Server, sequence: list[Req], connections: int, duration: float) -> Measure:
    addresses = Addresses()
    me = psutil.Process()
    client0, cpu0 = sum(me.cpu_times()[:2]), server.cpu()
    stats, elapsed = asyncio.run(closed_loop(server.url, sequence, connections, duration, addresses))
    cpu, client = server.cpu() - cpu0, sum(me.cpu_times()[:2]) - client0
    n = len(stats.latencies)
    return Measure(rps=n / elapsed, pages_per_s=stats.pages / elapsed,
                   p50=percentile(stats.latencies, 50) * 1000, p95=percentile(stats.latencies, 95) * 1000,
                   p99=percentile(stats.latencies, 99) * 1000, cpu_ms=cpu / max(n, 1) * 1000,
                   cpu_page_ms=cpu / max(stats.pages, 1) * 1000, errors=stats.errors, requests=n,
                   client_cpu=client / elapsed, samples=stats.error_samples)


def median_measure(runs: list[Measure]) -> Measure:
    med = statistics.median
    return Measure(**{k: med([getattr(m, k) for m in runs]) for k in
                      ("rps", "pages_per_s", "p50", "p95", "p99", "cpu_ms", "cpu_page_ms", "client_cpu")},
                   errors=sum(m.errors for m in runs), requests=sum(m.requests for m in runs),
                   samples=[s for m in runs for s in m.samples][:5])


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def finish(targets: str, failures: list[str]) -> int:
    """The end of a benchmark's output (the load average, its targets, what it missed) and its exit code."""
    print(f"\nload average at end {load_average()}")
    print(f"targets: {targets}")
    for f in failures:
        print(f"MISSED: {f}")
    print("all targets met" if not failures else f"{len(failures)} target(s) missed")
    return 1 if failures else 0


def bench_database(label: str, database_url: str, port: int, args, rec, log_dir: Path) -> dict:
    """Every measure on one store; returns the figures the targets are checked against."""
    print(f"\n== {label}: starting gunicorn on 127.0.0.1:{port}", flush=True)
    server = Server(database_url, port, limits=not args.no_limits, log_dir=log_dir, app_dir=args.app_dir)
    result = {"label": label, "errors": 0, "failures": []}
    try:
        print(f"   {server.command}")
        bad = asyncio.run(check_replays(server.url, rec))
        for line in bad:
            print(f"   replay not 2xx: {line}")
        result["errors"] += len(bad)
        if bad:
            result["failures"].append(f"{label}: {len(bad)} recorded requests did not replay with 2xx")
        if args.soak:
            soak(server, rec, args, result)
            return result
        print(f"   {args.runs} run(s) of {args.duration:g} s per measure"
              + (", medians of the runs" if args.runs > 1 else "") + "; latencies per request")
        print(f"   {'measure':<16}{'conns':>6}{'req/s':>9}{'pages/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
              f"{'CPU ms/req':>12}{'CPU ms/page':>13}{'errors':>8}{'requests':>10}{'client CPU':>12}")
        plan = scenarios(rec)
        for name, sequence in plan.items():
            if args.only and name not in args.only:
                continue
            levels = args.connections[:1] if "render" in name else args.connections
            for connections in levels:
                runs = [measure(server, sequence, connections, args.duration) for _ in range(args.runs)]
                m = median_measure(runs)
                result[(name, connections)] = m
                result["errors"] += m.errors
                page = f"{m.cpu_page_ms:13.1f}" if len(sequence) > 1 else f"{'':13}"
                pages = f"{m.pages_per_s:9.1f}" if len(sequence) > 1 else f"{'':9}"
                print(f"   {name:<16}{connections:>6}{m.rps:9.0f}{pages}{m.p50:9.1f}{m.p95:9.1f}{m.p99:9.1f}"
                      f"{m.cpu_ms:12.1f}{page}{m.errors:8d}{m.requests:10d}{m.client_cpu:11.0%}", flush=True)
                for s in m.samples:
                    print(f"      error: {s}")
        rush_runs = []
        if args.only and "rush" not in args.only:
            return result
        for _ in range(args.runs):
            stats, times, served = asyncio.run(rush(server.url, rec["overview"], args.rush_pages, 2.0, Addresses()))
            rush_runs.append((stats, times, served))
        med = statistics.median
        served = min(s for _, _, s in rush_runs)
        rush_median = med([med(t) for _, t, _ in rush_runs])
        rush_max = med([max(t) for _, t, _ in rush_runs])
        rush_errors = sum(s.errors for s, _, _ in rush_runs)
        result["errors"] += rush_errors
        result["rush"] = (served, rush_median, rush_max, rush_errors)
        print(f"   meeting rush: {args.rush_pages} overview loads ({len(rec['overview'])} requests each) started "
              f"within 2 s: {served} served whole, page time median {rush_median:.2f} s, slowest {rush_max:.2f} s, "
              f"{rush_errors} errors" + (f" (medians of {args.runs} runs)" if args.runs > 1 else ""), flush=True)
        for s, _, _ in rush_runs:
            for line in s.error_samples:
                print(f"      error: {line}")
    finally:
        server.stop()
    return result


def soak(server: Server, rec, args, result: dict):
    """Round after round of a visitor's requests (overview, a recolour, a county page, the API)
    at 50 connections; a line a minute; memory from the end of the first minute (caches and
    imports warmed) to the end."""
    sequence = rec["overview"] + [r for r in rec["recolour"] if r.recolour] + rec["county"] + rec["api"]
    connections, stats, addresses = 50, Stats(), Addresses()
    rss0 = server.rss()
    samples = {0.0: rss0}
    print(f"   soak: {args.soak:g} s at {connections} connections, each replaying overview + recolour + county "
          f"+ API ({len(sequence)} requests) over and over")
    print(f"   workers' RSS at start: {', '.join(f'{v / 2**20:.0f} MB' for v in rss0.values())}")

    async def run():
        start = time.perf_counter()

        async def report():
            while True:
                await asyncio.sleep(60)
                t = time.perf_counter() - start
                rss = server.rss()
                samples[t] = rss
                print(f"   {t:5.0f} s: {len(stats.latencies):7d} requests, {stats.errors} errors, "
                      f"p99 so far {percentile(stats.latencies, 99) * 1000:.0f} ms, "
                      f"RSS {', '.join(f'{v / 2**20:.0f} MB' for v in rss.values())}", flush=True)

        reporter = asyncio.create_task(report())
        try:
            return await closed_loop(server.url, sequence, connections, args.soak, addresses, stats)
        finally:
            reporter.cancel()

    cpu0 = server.cpu()
    _, elapsed = asyncio.run(run())
    cpu = server.cpu() - cpu0
    end = server.rss()
    base_t = 60.0 if args.soak >= 120 and 60 <= max(samples) else 0.0
    base = min(samples.items(), key=lambda kv: abs(kv[0] - base_t))[1] if base_t else rss0
    growth = [(end[p] - base[p]) / base[p] for p in end if p in base]
    replaced = set(end) != set(rss0)
    worst = max(growth) if growth else float("nan")
    n = len(stats.latencies)
    result["errors"] += stats.errors
    print(f"   soak: {n} requests in {elapsed:.0f} s ({n / elapsed:.0f} req/s, {stats.pages / elapsed:.1f} rounds/s), "
          f"p50 {percentile(stats.latencies, 50) * 1000:.0f} ms, p99 {percentile(stats.latencies, 99) * 1000:.0f} ms, "
          f"CPU {cpu / max(n, 1) * 1000:.1f} ms/request, {stats.errors} errors")
    print(f"   worker memory growth from {base_t:.0f} s to the end: "
          f"{', '.join(f'{g:+.1%}' for g in growth)} (RSS {', '.join(f'{v / 2**20:.0f} MB' for v in end.values())})"
          + ("; a worker was replaced during the soak" if replaced else ""))
    for line in stats.error_samples:
        print(f"      error: {line}")
    if stats.errors:
        result["failures"].append(f"{result['label']} soak: {stats.errors} errors (target 0)")
    if replaced or not growth or worst >= SOAK_RSS_GROWTH_MAX:
        note = ", a worker was replaced" if replaced else ""
        result["failures"].append(f"{result['label']} soak: worker memory growth {worst:+.1%} "
                                  f"(target < {SOAK_RSS_GROWTH_MAX:.0%}){note}")


def check_targets(results: list[dict], args) -> list[str]:
    failures = [f for r in results for f in r["failures"]]
    for r in results:
        label = r["label"]
        if r["errors"]:
            failures.append(f"{label}: {r['errors']} errors (target 0)")
        if args.soak:
            continue
        recolour = r.get(("recolour", 20))
        if recolour is not None and (recolour.rps < RECOLOUR_RPS_MIN or recolour.p99 > RECOLOUR_P99_MAX_MS):
            failures.append(f"{label}: recolour at 20 connections {recolour.rps:.0f} req/s, p99 {recolour.p99:.0f} ms "
                            f"(target >= {RECOLOUR_RPS_MIN} req/s, p99 <= {RECOLOUR_P99_MAX_MS} ms)")
        first = args.connections[0]
        for name, limit in (("overview render", OVERVIEW_RENDER_CPU_MAX_MS),
                            ("county render", COUNTY_RENDER_CPU_MAX_MS)):
            m = r.get((name, first))
            if m is not None and m.cpu_ms > limit:
                failures.append(f"{label}: {name} {m.cpu_ms:.1f} ms CPU per request (target <= {limit} ms)")
        served, _, slowest, _ = r.get("rush", (args.rush_pages, 0, 0, 0))
        if served < args.rush_pages or slowest > RUSH_PAGE_MAX_S:
            failures.append(f"{label}: rush {served}/{args.rush_pages} served, slowest {slowest:.2f} s "
                            f"(target all, <= {RUSH_PAGE_MAX_S:.0f} s)")
    return failures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, help="seconds per measure (default 10; --quick 2)")
    parser.add_argument("--connections", type=lambda s: [int(x) for x in s.split(",")],
                        help="comma-separated connection counts (default 20,50; --quick 20)")
    parser.add_argument("--runs", type=int, default=1, help="runs per measure; the medians are printed")
    parser.add_argument("--rush-pages", type=int, help="page loads in the rush (default 100; --quick 20)")
    parser.add_argument("--only", type=lambda s: [x.strip() for x in s.split(",")], default=[],
                        help="comma-separated measures to run, e.g. 'recolour,overview render,rush'")
    parser.add_argument("--database", help="a PostgreSQL URL (default: DATABASE_URL when it is one)")
    parser.add_argument("--sqlite", help="an SQLite URL to use instead of a fresh demo store")
    parser.add_argument("--no-sqlite", action="store_true", help="only the PostgreSQL store")
    parser.add_argument("--no-limits", action="store_true", help="RATE_LIMITS=0 instead of the limits as deployed")
    parser.add_argument("--app-dir", type=Path, default=ROOT,
                        help="serve the app of this tree (e.g. a git worktree of an older commit)")
    parser.add_argument("--port", type=int, default=8160, help="SQLite's server; PostgreSQL's is the next")
    parser.add_argument("--quick", action="store_true", help="one run, 2 s per measure, 20 connections, a rush of 20")
    parser.add_argument("--soak", type=float, default=0, metavar="SECONDS",
                        help="only a soak of this many seconds at 50 connections")
    args = parser.parse_args(argv)
    quick = {"duration": 2.0, "connections": [20], "rush_pages": 20}
    full = {"duration": 10.0, "connections": [20, 50], "rush_pages": 100}
    for name, value in (quick if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.quick:
        args.runs = 1
    if 20 not in args.connections and not args.soak:
        print("note: the recolour target is checked at 20 connections, which is not among --connections")
    if not 0 <= args.soak <= 3600 or not 0 < args.duration <= 600 or not 0 < args.rush_pages <= 1000:
        parser.error("--soak at most 3600 s, --duration at most 600 s, --rush-pages at most 1000")
    pg = args.database or os.environ.get("DATABASE_URL", "")
    pg = pg if pg.startswith("postgresql") else None

    rec = load_recordings()
    print(f"bench.load: load average at start {load_average()} ({os.cpu_count()} cores, shared machine)")
    print(f"recordings: {', '.join(f'{k} {len(v)} requests' for k, v in rec.items())} (bench/requests/)")
    print("rate limits: " + ("off (RATE_LIMITS=0; the limits are tested in tests/test_limits.py)" if args.no_limits
                             else "on as deployed behind one proxy (each simulated browser its own address)"))
    if args.quick:
        print(f"quick run: {args.duration:g} s per measure: the figures are indicative only")
    results = []
    if args.app_dir != ROOT:
        print(f"serving the app of {args.app_dir}")

    def build(url: str):
        # By the served tree's own code, once, here and not by the two workers at once.
        code = "import sys; from data.store import Store; Store(sys.argv[1]).ensure_ready()"
        subprocess.run([sys.executable, "-c", code, url], cwd=args.app_dir, check=True,
                       env={**os.environ, "DATABASE_URL": url})
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        tmp = Path(tmp)
        if not args.no_sqlite:
            url = args.sqlite or f"sqlite:///{tmp / 'bench.sqlite'}"
            started = time.perf_counter()
            build(url)
            print(f"SQLite store ready in {time.perf_counter() - started:.1f} s")
            results.append(bench_database("SQLite", url, args.port, args, rec, tmp))
        if pg:
            build(pg)
            results.append(bench_database("PostgreSQL", pg, args.port + 1, args, rec, tmp))
        else:
            print("\nPostgreSQL: not measured (set DATABASE_URL or --database to a postgresql+psycopg:// URL)")

    if not args.soak:
        by = {r["label"]: r for r in results}
        if all(("recolour", 20) in by.get(label, {}) for label in ("SQLite", "PostgreSQL")):
            ratio = by["PostgreSQL"][("recolour", 20)].rps / by["SQLite"][("recolour", 20)].rps
            print(f"\nPostgreSQL/SQLite recolour throughput at 20 connections: {ratio:.2f} "
                  f"(target >= {PG_SQLITE_RECOLOUR_RATIO_MIN})")
            if ratio < PG_SQLITE_RECOLOUR_RATIO_MIN:
                results[-1]["failures"].append(f"PostgreSQL/SQLite recolour throughput {ratio:.2f} "
                                               f"(target >= {PG_SQLITE_RECOLOUR_RATIO_MIN})")
        for r in results:
            for name in ("overview render", "county render"):
                m = r.get((name, args.connections[0]))
                if m is not None:
                    print(f"{r['label']}: {name} {m.cpu_ms:.1f} ms server CPU per request")
    return finish(TARGETS, check_targets(results, args))


if __name__ == "__main__":
    sys.exit(main())
