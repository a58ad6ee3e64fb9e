"""Debug mode (Dash's dev tools, Werkzeug's debugger) is never served to others: with
DASH_DEBUG=1 the app refuses to start on an address other than loopback, and under gunicorn at
all, with one line of error and a non-zero exit."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app import RefusedToStart, check_safe_to_serve, create_app
from settings import ROOT, Settings


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "dashboard.example", ""])
def test_debug_on_an_address_others_reach_is_refused(host):
    with pytest.raises(RefusedToStart, match="DASH_DEBUG"):
        check_safe_to_serve(Settings(debug=True, host=host))


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_debug_on_loopback_is_allowed(host):
    check_safe_to_serve(Settings(debug=True, host=host))


def test_without_debug_any_address_is_fine():
    check_safe_to_serve(Settings(debug=False, host="0.0.0.0"))


def test_debug_under_gunicorn_is_refused_whatever_the_host(monkeypatch, demo_store):
    monkeypatch.setenv("SERVER_SOFTWARE", "gunicorn/27.0.1")
    with pytest.raises(RefusedToStart, match="gunicorn"):
        create_app(Settings(debug=True, host="127.0.0.1"), store=demo_store)


def run(command: list[str], **env) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=90)


def test_python_app_py_with_debug_on_all_addresses_exits_with_one_line():
    done = run([sys.executable, "app.py"], DASH_DEBUG="1", HOST="0.0.0.0", PORT="8599")
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0 and done.stderr.startswith("error: DASH_DEBUG=1 with HOST=0.0.0.0")


def test_gunicorn_with_debug_stops_instead_of_serving_the_debugger():
    done = run([sys.executable, "-m", "gunicorn", "--no-control-socket", "-w", "1", "-b", "127.0.0.1:0",
                "wsgi:server"], DASH_DEBUG="1")
    assert done.returncode != 0
    assert "error: DASH_DEBUG=1 under gunicorn would serve the debugger to everyone" in done.stderr
    assert "Traceback" not in done.stderr
