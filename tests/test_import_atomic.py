"""An import is all or nothing even when its process is killed: killed while checking
(before any transaction), killed inside the commit's transaction (every record written,
the counts being rebuilt), or killed just after the commit returned. Each time the store
opens afterwards intact, with the import wholly out, or wholly in.

Each child is a real process (python, the repo on its path) that imports the whole
province-year of 2014 into its own copy of the demo store, with one function wrapped to
write a marker file and sleep at the chosen moment; the test waits for the marker and
sends SIGKILL. The three run at once.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import sqlalchemy as sa

from data import schema
from data.divisions import COUNTY_CODES
from data.store import Store, compute_counts
from tests import stores
from tests.test_import_roundtrip import built_export

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2014
STAGES = ("check", "commit", "after")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

CHILD = r'''
import json, sys, time
from pathlib import Path

url, upload, marker, stage = sys.argv[1:5]


def hold(what):
    """Tell the parent where we are, then wait to be killed."""
    Path(marker).write_text(json.dumps(what))
    time.sleep(30)


import sqlalchemy as sa

import data.importer as importer
import data.store as store_module
from data import schema
from data.store import Store

if stage == "check":
    # While checking: the file read, its cells about to be parsed; nothing written yet.
    typed_sheet = importer._typed_sheet

    def held_typed_sheet(*args, **kwargs):
        hold({"stage": stage})
        return typed_sheet(*args, **kwargs)
    importer._typed_sheet = held_typed_sheet
elif stage == "commit":
    # Inside the commit's transaction: the batch, its scope and all its records inserted,
    # the counts about to be rebuilt.
    rebuild = Store._rebuild_counts

    def held_rebuild(self, conn):
        r, b = schema.unit_year_records, schema.import_batches
        newest = conn.execute(sa.select(sa.func.max(b.c.id))).scalar()
        written = conn.execute(sa.select(sa.func.count()).select_from(r).where(r.c.batch_id == newest)).scalar()
        hold({"stage": stage, "batch": newest, "records_written": written})
        return rebuild(self, conn)
    Store._rebuild_counts = held_rebuild
elif stage == "after":
    # The commit has returned: the transaction is committed.
    commit_batch = Store.commit_batch

    def held_commit(self, *args, **kwargs):
        batch = commit_batch(self, *args, **kwargs)
        hold({"stage": stage, "batch": batch})
        return batch
    Store.commit_batch = held_commit

store = Store(url)
report, batch = importer.import_files(store, [(Path(upload).name, Path(upload).read_bytes())], 2014,
                                      by="atomic test")
Path(marker).write_text(json.dumps({"stage": "finished", "ok": report.ok, "batch": batch}))
'''


def start_child(script: Path, url: str, upload: Path, marker: Path, stage: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, str(script), url, str(upload), str(marker), stage], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(marker: Path, child: subprocess.Popen, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists() and marker.read_text():
            return json.loads(marker.read_text())
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"the child ended before the marker: {child.returncode}\n{out.decode()}\n{err.decode()}")
        time.sleep(0.02)
    child.kill()
    pytest.fail("no marker in time")


@pytest.fixture(scope="module")
def killed(tmp_path_factory):
    """For each stage: the child's marker and its store, after SIGKILL."""
    upload = built_export(tmp_path_factory)
    folder = tmp_path_factory.mktemp("atomic")
    script = folder / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    runs = {}
    for stage in STAGES:
        store = stores.demo_copy(f"atomic_{stage}")
        store.engine.dispose()  # the child is the only one connected while it runs
        marker = folder / f"{stage}.marker"
        runs[stage] = SimpleNamespace(url=store.url, marker=marker,
                                      child=start_child(script, store.url, upload, marker, stage))
    for stage, run in runs.items():
        run.seen = wait_for(run.marker, run.child)
        os.kill(run.child.pid, signal.SIGKILL)
        run.child.wait(timeout=10)
        run.child.stdout.close()
        run.child.stderr.close()
        assert run.child.returncode == -signal.SIGKILL
    # The store before the import: every copy was the same demo store.
    reference = stores.demo_copy("atomic_reference")
    before = SimpleNamespace(digest=reference.content_digest(), version=reference.data_version(),
                             counts=sorted_counts(reference), units=table_size(reference, schema.units))
    reference.engine.dispose()
    return runs, before


def sorted_counts(store: Store) -> pd.DataFrame:
    return store.counts().sort_values(["division_code", "year", "indicator_id"]).reset_index(drop=True)


def table_size(store: Store, table, **where) -> int:
    query = sa.select(sa.func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with store.engine.connect() as conn:
        return conn.execute(query).scalar()


def integrity(url: str) -> str:
    """SQLite's own check of the file; PostgreSQL's write-ahead log needs none: "ok" once it
    answers a query on every table."""
    store = Store(url)
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        for table in schema.metadata.sorted_tables:
            conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
    store.engine.dispose()
    return "ok"


def counts_match_the_records(store: Store) -> None:
    """The derived counts are those of the records shown: no half-rebuilt table."""
    with store.engine.connect() as conn:
        expected = compute_counts(*Store._active_frames(conn))
    key = ["division_code", "year", "indicator_id"]
    expected = expected.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(sorted_counts(store)[expected.columns], expected, check_dtype=False)


def after_kill(runs, stage) -> Store:
    run = runs[stage]
    assert run.seen["stage"] == stage, run.seen  # killed where meant, not after finishing
    assert integrity(run.url) == "ok"  # reopening recovers (the WAL is rolled back or forward)
    return Store(run.url)


@pytest.mark.parametrize("stage", ["check", "commit"])
@pytest.mark.slow
def test_killed_before_the_commit_ends_leaves_the_store_as_it_was(killed, stage):
    runs, before = killed
    store = after_kill(runs, stage)
    if stage == "commit":
        # The kill came inside the transaction, after every record of the batch was written.
        assert runs[stage].seen["records_written"] == 15800
    assert store.content_digest() == before.digest
    assert [b.kind for b in store.batches()] == ["demo"]  # no batch row for the import
    for table in (schema.unit_year_records, schema.county_year_records, schema.batch_scope, schema.units):
        assert table_size(store, table, batch_id=2) == 0, table.name
    assert store.data_version() == before.version
    assert table_size(store, schema.units) == before.units
    pd.testing.assert_frame_equal(sorted_counts(store), before.counts)
    counts_match_the_records(store)
    assert store.simulated_share() == (500, 500)


@pytest.mark.slow
def test_killed_after_the_commit_returned_has_the_whole_batch(killed):
    runs, before = killed
    store = after_kill(runs, "after")
    batch = runs["after"].seen["batch"]
    (imported,) = [b for b in store.batches() if b.kind == "import"]
    assert imported.id == batch and imported.status == "active"
    # Wholly in: all 15,800 unit records, the 100 county rows, and its scope, every county of 2014.
    assert table_size(store, schema.unit_year_records, batch_id=batch) == 15800
    assert table_size(store, schema.county_year_records, batch_id=batch) == 100
    with store.engine.connect() as conn:
        scope = set(conn.execute(sa.select(schema.batch_scope.c.county_code, schema.batch_scope.c.year)
                                 .where(schema.batch_scope.c.batch_id == batch)).all())
    assert scope == {(c, YEAR) for c in COUNTY_CODES}
    assert {store.active_batch(c, YEAR) for c in COUNTY_CODES} == {batch}
    assert store.data_version() == before.version + 1
    assert store.simulated_share() == (400, 500)
    counts_match_the_records(store)
    # The export imported back changes no value: the counts are those of before.
    pd.testing.assert_frame_equal(sorted_counts(store), before.counts)
    assert store.content_digest() != before.digest
