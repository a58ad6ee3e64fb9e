"""Shared fixtures: a live server, a headless Chromium, and a recording page."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from data.store import Store
from settings import Settings
from tests import stores
from tests.browser import CHROMIUM_ARGS, LiveServer, RecordingPage

# The tests never touch the working tree's instance/ folder: every store is a temporary one
# (demo_store below), and no default is left that points there, neither for the apps built
# here nor for the servers started as processes (they inherit this environment).
os.environ.setdefault("SECRET_KEY", "tests-only-secret")
# Thousands of requests come from one address here: the rate limits are off unless a test
# turns them on (tests/test_limits.py does, for its apps and its server).
os.environ.setdefault("RATE_LIMITS", "0")
# No background warm-up of the checks in the many apps and servers the tests start (tests that
# need it turn it on: test_warm_up.py); it would only compete with the tests for the CPU.
os.environ.setdefault("WARM_UP", "0")
os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp(prefix='dashboard-tests-')) / 'unused.sqlite'}"


@pytest.fixture(scope="session")
def demo_store() -> Store:
    """The simulated demo store, built once per test session, on the database the run selects
    (tests/stores.py: a temporary SQLite file, or a new database on TEST_DATABASE_URL's server)."""
    return stores.demo_copy("demo_store")


def pytest_addoption(parser):
    parser.addoption("--store-tests-only", action="store_true",
                     help="run only the tests that use a store (CI's second pass, on PostgreSQL)")


def uses_store(item) -> bool:
    """Whether a test reaches a store: through demo_store (and the apps and servers built on it)
    or through the factory in tests/stores.py."""
    if "demo_store" in getattr(item, "fixturenames", ()):
        return True
    module = getattr(item, "module", None)
    return module is not None and _module_uses_store(module)


# A test module reaches a store when it uses the factory, builds an app or a Store, or borrows
# fixtures and helpers from a test module that does (test_import_hostile from test_import_bad_input).
_STORE_MODULES = {stores.__name__, "data.store", "app"}


def _module_uses_store(module, depth: int = 0) -> bool:
    for value in vars(module).values():
        if value is stores:
            return True
        owner = getattr(value, "__module__", None)
        if owner in _STORE_MODULES:
            return True
        if depth == 0 and isinstance(owner, str) and owner.startswith("tests.test_") and owner != module.__name__:
            import sys
            if owner in sys.modules and _module_uses_store(sys.modules[owner], depth + 1):
                return True
    return False


def pytest_collection_modifyitems(config, items):
    # The tests that touch no store (URLs, geometry, colours, translations, the code's layout)
    # give the same answer on any database: a second pass on another one would only repeat them.
    if not config.getoption("--store-tests-only"):
        return
    kept = [item for item in items if uses_store(item)]
    config.hook.pytest_deselected(items=[item for item in items if not uses_store(item)])
    items[:] = kept


def pytest_sessionfinish(session, exitstatus):
    stores.cleanup()  # the session's databases dropped, its SQLite files removed


@pytest.fixture(scope="session")
def live_server(demo_store):
    server = LiveServer(Settings(debug=False), store=demo_store)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Browser tests need Debian's chromium: "
                    "apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def recording_page(browser, live_server):
    rec = RecordingPage(browser, live_server.url)
    yield rec
    rec.close()
