"""One SECRET_KEY for every worker and host: a production start (gunicorn, wsgi.py) refuses, in
one line, to run several workers, or on a store that several hosts may share, without it; with
it, it serves. `python app.py` on SQLite keeps its instance/secret_key default."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from app import REFUSED_EXIT, RefusedToStart, check_shared_secret
from settings import ROOT, Settings
from tests import stores

SQLITE = "sqlite:////tmp/never-opened.sqlite"
POSTGRESQL = "postgresql+psycopg://nobody@127.0.0.1:1/never_opened"


def test_one_process_on_sqlite_may_keep_its_own_key():
    check_shared_secret(Settings(secret_key=None, database_url=SQLITE), None)  # python app.py
    check_shared_secret(Settings(secret_key=None, database_url=SQLITE), 1)


@pytest.mark.parametrize("url,workers,says", [
    (SQLITE, 2, "gunicorn runs 2 workers"),
    (SQLITE, 5, "gunicorn runs 5 workers"),
    (POSTGRESQL, 1, "the store is on postgresql, which several hosts may share"),
    (POSTGRESQL, None, "the store is on postgresql"),
])
def test_several_workers_or_a_shared_store_need_one_key(url, workers, says):
    with pytest.raises(RefusedToStart, match="SECRET_KEY is not set") as refused:
        check_shared_secret(Settings(secret_key=None, database_url=url), workers)
    assert says in str(refused.value) and "\n" not in str(refused.value)
    check_shared_secret(Settings(secret_key="one-key-for-all", database_url=url), workers)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(*args: str) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "--no-control-socket", "-b", f"127.0.0.1:{free_port()}", *args,
            "wsgi:server"]


def run_refused(command: list[str], env: dict) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "WEB_CONCURRENCY")}
    process = subprocess.Popen(command, cwd=ROOT, env={**environment, **env}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=240)
    finally:
        process.kill()
        # The mark its first refusing worker left (app._first_to_refuse), named by the master.
        for marker in Path(tempfile.gettempdir()).glob(f"lncs-refused-{process.pid}-*"):
            marker.unlink()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def assert_refused_in_one_line(done: subprocess.CompletedProcess, says: str) -> None:
    assert done.returncode == REFUSED_EXIT, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    ours = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(ours) == 1, done.stderr[-2000:]
    assert ours[0].startswith("error: SECRET_KEY is not set") and says in ours[0] and "set SECRET_KEY" in ours[0]


@pytest.mark.slow
def test_gunicorn_with_two_workers_and_no_secret_key_stops_in_one_line():
    done = run_refused(gunicorn("-w", "2"), {"DATABASE_URL": SQLITE})
    assert_refused_in_one_line(done, "gunicorn runs 2 workers")


@pytest.mark.slow
def test_gunicorn_reads_its_workers_from_the_environment_too():
    """WEB_CONCURRENCY (gunicorn's own default for -w, what deploy/gunicorn.conf.py reads)."""
    done = run_refused(gunicorn(), {"DATABASE_URL": SQLITE, "WEB_CONCURRENCY": "3"})
    assert_refused_in_one_line(done, "gunicorn runs 3 workers")


@pytest.mark.slow
def test_gunicorn_with_one_worker_on_postgresql_and_no_secret_key_stops_in_one_line():
    done = run_refused(gunicorn("-w", "1"), {"DATABASE_URL": POSTGRESQL})
    assert_refused_in_one_line(done, "the store is on postgresql")


@pytest.mark.slow
def test_gunicorn_with_two_workers_and_a_secret_key_serves():
    store = stores.demo_copy("secret_key")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": store.url, "SECRET_KEY": "secret-key-tests"}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--no-control-socket", "-w", "2",
                                "-b", f"127.0.0.1:{port}", "wsgi:server"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 180
        while True:
            assert process.poll() is None, process.stderr.read().decode(errors="replace")[-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/whoami", timeout=5) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert time.time() < deadline, "gunicorn did not answer"
                time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=30)
