"""The app as a process: `python app.py` and gunicorn serve it; settings come from the environment."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import create_app
from settings import ROOT, Settings
from tests import stores


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 30.0) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stdout.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def dash_config(html: bytes) -> str:
    return re.search(rb'<script id="_dash-config" type="application/json">(.*?)</script>', html, re.S)[1].decode()


def test_settings_default_to_localhost_8050_without_debug(monkeypatch):
    for name in ("HOST", "PORT", "DASH_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    s = Settings()
    assert (s.host, s.port, s.debug) == ("127.0.0.1", 8050, False)


def test_settings_read_the_environment(monkeypatch):
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("DASH_DEBUG", "1")
    s = Settings()
    assert (s.host, s.port, s.debug) == ("0.0.0.0", 9000, True)


def test_importing_app_builds_nothing():
    """Only create_app() (or wsgi.py, for gunicorn) opens the store: a test or a bench that
    imports app builds no app and no store. In a fresh interpreter, as a first import is."""
    url = stores.new_url("import_app")  # SQLite: no file yet; PostgreSQL: an empty database
    env = {**os.environ, "DATABASE_URL": url}
    code = "import app; assert not hasattr(app, 'server') and not hasattr(app, 'app')"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    if stores.on_postgresql():
        engine = sa.create_engine(url)
        assert sa.inspect(engine).get_table_names() == []
        engine.dispose()
    else:
        assert not Path(url.removeprefix("sqlite:///")).exists()


def test_create_app_exposes_a_flask_server_with_compression(demo_store):
    app = create_app(Settings(debug=False), store=demo_store)
    client = app.server.test_client()
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == "gzip"


@pytest.mark.slow
def test_python_app_py_serves_on_the_port_from_the_environment_with_debug_off(demo_store):
    """A later start (the store exists) reaches a served page; within 10 s here, a sanity bound
    (`python -m bench.startup` holds the 3 s target)."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "DATABASE_URL": demo_store.url}
    env.pop("DASH_DEBUG", None)
    start = time.monotonic()
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        html = wait_for(f"http://127.0.0.1:{port}/", process)
        assert time.monotonic() - start <= 10.0
        config = dash_config(html)
        assert '"ui":false' in config  # no dev tools, so no tracebacks shown to users
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.slow
def test_gunicorn_serves_the_wsgi_server(demo_store):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--no-control-socket", "-w", "2",
         "-b", f"127.0.0.1:{port}", "wsgi:server"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": demo_store.url},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert b"_dash-config" in wait_for(f"http://127.0.0.1:{port}/", process)
        body = json.loads(wait_for(f"http://127.0.0.1:{port}/api/v1/values?indicator=barrier_free&level=city"
                                   f"&year=2015", process))
        assert body["simulated"] is True and len(body["rows"]) == 14
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_page_config_does_not_repeat_the_layout(demo_store):
    """A layout function makes Dash embed a validation copy of the whole layout, geometry
    included, in every page; the layout is built once instead."""
    app = create_app(Settings(debug=False), store=demo_store)
    html = app.server.test_client().get("/").data
    assert "validation_layout" not in dash_config(html)
    assert len(html) < 50_000
