"""CI's PostgreSQL pass (`--store-tests-only`) keeps every test that reaches a store and drops
only those that cannot: a test that the selection lost would never run on PostgreSQL."""
from __future__ import annotations

import subprocess
import sys

from settings import ROOT

# The tests the issue names as having run only on SQLite before, and a few that reach a store
# indirectly (an app, a fixture borrowed from another module).
MUST_RUN = ["test_import_atomic", "test_import_bad_input", "test_import_hostile", "test_import_roundtrip",
            "test_auth", "test_security_sessions", "test_store", "test_browser_data", "test_multi_server",
            "test_backup", "test_migrations", "test_db_outage", "test_page_cache", "test_limits",
            "test_api", "test_security_doc", "test_connections"]
NEVER_REACH_A_STORE = ["test_topology", "test_colours", "test_i18n", "test_code_layout", "test_gcj02"]


def _collected(*args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    return {line.split("::")[0].removeprefix("tests/").removesuffix(".py")
            for line in out.stdout.splitlines() if "::" in line}


def test_the_postgresql_pass_keeps_every_test_that_reaches_a_store():
    kept = _collected("-m", "not browser or writes", "--store-tests-only")
    everything = _collected("-m", "not browser or writes")
    assert set(MUST_RUN) <= kept, sorted(set(MUST_RUN) - kept)
    assert not kept & set(NEVER_REACH_A_STORE)
    assert kept < everything
