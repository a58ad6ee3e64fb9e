"""Lighthouse 12.8.2 on the dashboard's pages: the medians of its scores, LCP and TBT.

    python -m bench.lighthouse [--runs 3] [--a11y-runs 1] [--only overview,county] [--keep DIR]

Installs Lighthouse from npm on first use into ~/.cache/dashboard-bench/lighthouse
(`npm i -E lighthouse@12.8.2`; its engines ask for Node >= 18.16, and the Node 20 here runs it:
Lighthouse 13 wants Node 22), serves the app on a fresh demo store with gunicorn as
deploy/gunicorn.conf.py does (bench.load's Server, 2 workers, rate limits off: Lighthouse loads
each page many times), and runs Lighthouse in Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium, with --headless=new --no-sandbox):

- the desktop preset, every category, --runs times on /, /county/<code> and /present;
- the mobile default (a Moto G power on slow 4G, CPU slowed 4x), --runs times on /;
- accessibility alone, --a11y-runs times, on the pages the runs above do not cover: a city
  page, /method, /login, /data (signed out), and the overview in English.

Prints, per page and form factor, the median of each category score, of LCP and of TBT, then
the opportunities Lighthouse lists (median savings, largest first), the diagnostics that fail
and every accessibility audit that fails, with the elements it names. Exits 1 when a target is
missed (TARGETS): accessibility 100 on every page, desktop performance >= 90 on /, the county
page and /present, mobile performance >= 60 on /.

It is a benchmark, not a test: scores move with the machine's load (note the load average
printed). --keep DIR keeps every Lighthouse JSON report there.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load import Server, finish, load_average

LIGHTHOUSE_VERSION = "12.8.2"
CACHE = Path(os.environ.get("DASHBOARD_BENCH_CACHE", Path.home() / ".cache" / "dashboard-bench")) / "lighthouse"
CLI = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COUNTY = "210224"
CITY = "210200"

A11Y_TARGET = 100
DESKTOP_PERFORMANCE_TARGET = 90
MOBILE_PERFORMANCE_TARGET = 60
TARGETS = (f"accessibility {A11Y_TARGET} on every page; desktop performance >= {DESKTOP_PERFORMANCE_TARGET} on "
           f"/, /county/{COUNTY} and /present; mobile performance >= {MOBILE_PERFORMANCE_TARGET} on /")


@dataclass(frozen=True)
class Job:
    name: str           # what the line says
    path: str
    form: str           # "desktop" or "mobile"
    categories: tuple[str, ...]
    performance_target: int | None
    a11y_only: bool = False


def jobs() -> list[Job]:
    full = [Job("overview", "/", "desktop", CATEGORIES, DESKTOP_PERFORMANCE_TARGET),
            Job("county", f"/county/{COUNTY}", "desktop", CATEGORIES, DESKTOP_PERFORMANCE_TARGET),
            Job("present", "/present", "desktop", CATEGORIES, DESKTOP_PERFORMANCE_TARGET),
            Job("overview", "/", "mobile", CATEGORIES, MOBILE_PERFORMANCE_TARGET)]
    a11y = [Job(name, path, "desktop", ("accessibility",), None, a11y_only=True) for name, path in (
        ("city", f"/city/{CITY}"), ("method", "/method"), ("login", "/login"), ("data", "/data"),
        ("overview en", "/?lang=en"), ("county en", f"/county/{COUNTY}?lang=en"))]
    return full + a11y


# ---------------------------------------------------------------------- Lighthouse itself
def ensure_lighthouse() -> Path:
    """The CLI of Lighthouse LIGHTHOUSE_VERSION, installed from npm into CACHE if it is not there."""
    package = CACHE / "node_modules" / "lighthouse" / "package.json"
    if package.exists() and json.loads(package.read_text()).get("version") == LIGHTHOUSE_VERSION:
        return CLI
    if shutil.which("npm") is None:
        raise SystemExit("bench.lighthouse needs Node and npm (Debian: apt-get install nodejs npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    if not (CACHE / "package.json").exists():
        (CACHE / "package.json").write_text('{"private": true}\n')
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE} ...", flush=True)
    subprocess.run(["npm", "i", "-E", f"lighthouse@{LIGHTHOUSE_VERSION}", "--no-audit", "--no-fund"],
                   cwd=CACHE, check=True)
    return CLI


def run_lighthouse(cli: Path, url: str, job: Job, out: Path, chrome: str) -> dict:
    """One Lighthouse run; its report (the LHR) as a dict."""
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(job.categories)}",
               "--max-wait-for-load=60000"]
    if job.form == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chrome}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url} ({done.returncode}): {done.stderr.strip()[-800:]}")
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError'].get('message')}")
    return report


# ---------------------------------------------------------------------- reading the reports
def score(report: dict, category: str) -> float | None:
    value = report["categories"].get(category, {}).get("score")
    return None if value is None else round(value * 100)


def metric(report: dict, audit: str) -> float | None:
    return report["audits"].get(audit, {}).get("numericValue")


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def opportunities(reports: list[dict]) -> list[tuple[str, float, float, str]]:
    """(audit id, median savings ms, median savings bytes, title) of every opportunity with savings."""
    found: dict[str, list[tuple[float, float]]] = {}
    titles = {}
    for r in reports:
        for audit_id, audit in r["audits"].items():
            details = audit.get("details") or {}
            if details.get("type") != "opportunity":
                continue
            ms = details.get("overallSavingsMs") or 0
            bytes_ = details.get("overallSavingsBytes") or 0
            if ms > 0 or bytes_ > 0:
                found.setdefault(audit_id, []).append((ms, bytes_))
                titles[audit_id] = audit.get("title", audit_id)
    out = [(k, statistics.median(m for m, _ in v), statistics.median(b for _, b in v), titles[k])
           for k, v in found.items()]
    return sorted(out, key=lambda o: (-o[1], -o[2]))


def failing(report: dict, category: str) -> list[tuple[str, str, list[str]]]:
    """(audit id, title, elements named) of each audit of `category` that scores below 1."""
    out = []
    for ref in report["categories"].get(category, {}).get("auditRefs", []):
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) == 0 and category != "accessibility":
            continue
        if audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative") or audit.get("score") is None:
            continue
        if audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            nodes = [(i.get("node") or {}).get("selector") or (i.get("node") or {}).get("snippet", "")
                     for i in items if isinstance(i, dict) and i.get("node")]
            out.append((ref["id"], audit.get("title", ""), nodes[:4]))
    return out


def diagnostics(report: dict) -> list[tuple[str, str, str]]:
    """(audit id, title, display value) of the performance diagnostics that fail."""
    out = []
    for ref in report["categories"].get("performance", {}).get("auditRefs", []):
        audit = report["audits"][ref["id"]]
        details = audit.get("details") or {}
        if ref.get("group") == "metrics" or details.get("type") == "opportunity":
            continue
        if audit.get("scoreDisplayMode") in ("metricSavings", "numeric", "binary") and audit.get("score") is not None \
                and audit["score"] < 0.9:
            out.append((ref["id"], audit.get("title", ""), audit.get("displayValue", "")))
    return out


def lcp_element(report: dict) -> str:
    """The LCP element's selector: from the audit, or from the LCP insight (Lighthouse 12.5+)."""
    items = []
    for audit in ("largest-contentful-paint-element", "lcp-breakdown-insight"):
        items += ((report["audits"].get(audit) or {}).get("details") or {}).get("items") or []
    for item in items:
        if isinstance(item, dict) and item.get("type") == "node":
            return item.get("selector") or item.get("snippet", "")
        for sub in (item.get("items") or [item]):
            node = sub.get("node") if isinstance(sub, dict) else None
            if node:
                return node.get("selector") or node.get("snippet", "")
    return ""


# ---------------------------------------------------------------------- the run
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each page with every category (median)")
    parser.add_argument("--a11y-runs", type=int, default=1, help="runs of each accessibility-only page")
    parser.add_argument("--only", type=lambda s: [x.strip() for x in s.split(",")], default=[],
                        help="comma-separated page names, e.g. 'overview,county' (all by default)")
    parser.add_argument("--port", type=int, default=8170)
    parser.add_argument("--keep", type=Path, help="keep every Lighthouse JSON report in this folder")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= 15 or not 1 <= args.a11y_runs <= 15:
        parser.error("--runs and --a11y-runs from 1 to 15")
    if not Path(args.chrome).exists():
        raise SystemExit(f"no Chromium at {args.chrome}: apt-get install chromium, or set CHROME_PATH")
    cli = ensure_lighthouse()
    selected = [j for j in jobs() if not args.only or j.name in args.only]
    print(f"bench.lighthouse: Lighthouse {LIGHTHOUSE_VERSION} (node {node_version()}), {args.chrome} "
          f"({chromium_version(args.chrome)}); load average at start {load_average()} ({os.cpu_count()} cores)")

    failures: list[str] = []
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        tmp = Path(tmp)
        keep = args.keep or tmp
        keep.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{tmp / 'bench.sqlite'}"
        subprocess.run([sys.executable, "-c", "import sys; from data.store import Store; "
                        "Store(sys.argv[1]).ensure_ready()", url], check=True, env={**os.environ, "DATABASE_URL": url})
        server = Server(url, args.port, limits=False, log_dir=tmp)
        try:
            for job in selected:
                runs = args.a11y_runs if job.a11y_only else args.runs
                reports = []
                for k in range(runs):
                    out = keep / f"{job.name.replace(' ', '-')}-{job.form}-{k + 1}.json"
                    started = time.perf_counter()
                    try:
                        reports.append(run_lighthouse(cli, server.url + job.path, job, out, args.chrome))
                    except (RuntimeError, subprocess.TimeoutExpired) as err:
                        print(f"  {job.name} ({job.form}) run {k + 1}: {err}", flush=True)
                        continue
                    print(f"  {job.name} ({job.form}) run {k + 1}: " + ", ".join(
                        f"{c} {score(reports[-1], c)}" for c in job.categories)
                        + f" ({time.perf_counter() - started:.0f} s)", flush=True)
                if not reports:
                    failures.append(f"{job.name} ({job.form}): no Lighthouse run finished")
                    continue
                rows.append((job, reports))
        finally:
            server.stop()

    print(f"\nmedians ({args.runs} runs of each full page, {args.a11y_runs} of each accessibility-only page):")
    head = f"{'page':<14} {'path':<24} {'form':<8} " + " ".join(f"{c[:6]:>6}" for c in CATEGORIES) \
        + f" {'LCP s':>6} {'TBT ms':>7} {'CLS':>5}"
    print(head)
    for job, reports in rows:
        scores = {c: median(score(r, c) for r in reports) for c in job.categories}
        lcp, tbt, cls = (median(metric(r, a) for r in reports)
                         for a in ("largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"))
        cells = " ".join(f"{'' if scores.get(c) is None else f'{scores[c]:.0f}':>6}" for c in CATEGORIES)
        perf_cells = (f" {lcp / 1000:>6.1f} {tbt:>7.0f} {cls:>5.2f}" if "performance" in job.categories and lcp
                      else "")
        print(f"{job.name:<14} {job.path:<24} {job.form:<8} {cells}{perf_cells}")
        a11y = scores.get("accessibility")
        if a11y is not None and a11y < A11Y_TARGET:
            failures.append(f"{job.name} ({job.path}, {job.form}): accessibility {a11y:.0f} < {A11Y_TARGET}")
        perf = scores.get("performance")
        if job.performance_target is not None and perf is not None and perf < job.performance_target:
            failures.append(f"{job.name} ({job.path}, {job.form}): performance {perf:.0f} < {job.performance_target}")

    for job, reports in rows:
        if "performance" in job.categories:
            print(f"\n{job.name} ({job.path}, {job.form}): LCP element {lcp_element(reports[0]) or '?'}")
            for audit_id, ms, bytes_, title in opportunities(reports)[:8]:
                print(f"  opportunity {audit_id}: {title}: ~{ms:.0f} ms, {bytes_ / 1024:.0f} KiB")
            for audit_id, title, shown in diagnostics(reports[0])[:8]:
                print(f"  diagnostic {audit_id}: {title} {shown}")
        for audit_id, title, nodes in failing(reports[0], "accessibility"):
            print(f"  {job.name} ({job.form}) accessibility fails {audit_id}: {title}"
                  + (f" [{'; '.join(nodes)}]" if nodes else ""))
    if args.keep:
        print(f"\nreports kept in {args.keep}")
    return finish(TARGETS, failures)


def node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def chromium_version(chrome: str) -> str:
    try:
        return subprocess.run([chrome, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
