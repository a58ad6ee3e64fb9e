"""Backups (data.backup) on the database the run selects (tests/stores.py): a backup taken while
another thread writes is one consistent snapshot, and restored into a fresh store it gives
back every table, row for row; verify finds a damaged or incomplete backup; restore refuses a
store with data unless forced; every failure is one line and an exit code."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from data import backup, migrate, schema, users
from settings import ROOT
from tests import factories, stores


def table_rows(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, sorted."""
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return {name: sorted((tuple(row) for row in conn.exec_driver_sql(f'SELECT * FROM "{name}"')), key=repr)
                    for name in sa.inspect(conn).get_table_names()}
    finally:
        engine.dispose()


class Writer(threading.Thread):
    """Writes on and on: each transaction adds a failed sign-in and moves the data version, so a
    backup that is one snapshot holds exactly as many of the one as it moved the other."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.engine = sa.create_engine(url, poolclass=NullPool, connect_args={"timeout": 30}
                                       if url.startswith("sqlite") else {})
        self.stop = threading.Event()
        self.written = 0
        self.error: Exception | None = None

    def run(self):
        try:
            while not self.stop.is_set():
                with self.engine.begin() as conn:
                    conn.execute(schema.login_failures.insert(), {
                        "username": f"writer{self.written}", "address": "127.0.0.1", "at": datetime.now(timezone.utc)})
                    conn.execute(schema.store_meta.update().where(schema.store_meta.c.key == "data_version")
                                 .values(value=schema.store_meta.c.value + 1))
                self.written += 1
                time.sleep(0.002)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
        finally:
            self.engine.dispose()

    def wait_for(self, n: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.written < n and self.error is None:
            assert time.monotonic() < deadline, "the writer stalled"
            time.sleep(0.01)
        assert self.error is None, self.error


@pytest.fixture(scope="module")
def taken(tmp_path_factory):
    """A demo store with a user and an import batch, backed up while a thread writes to it."""
    store = stores.demo_copy("backup_source")
    users.create_user(store, "archivist", "Tulip-Garden-2026!", "editor")
    with store.engine.connect() as conn:
        county = conn.execute(sa.select(schema.divisions.c.code).where(schema.divisions.c.level == "county")
                              .order_by(schema.divisions.c.code)).scalars().first()
    store.commit_batch(**factories.batch([("BACKUP-T1", "urban", county)],
                                         [factories.unit_year("BACKUP-T1", 2014, households=120, residents=300)]))
    before = {"failures": len(table_rows(store.url)["login_failures"]), "version": store.data_version()}
    writer = Writer(store.url)
    writer.start()
    writer.wait_for(5)
    out = tmp_path_factory.mktemp("backups") / ("store.sqlite" if not stores.on_postgresql() else "store.dump")
    started = writer.written
    manifest = backup.create(store.url, out)
    during = writer.written - started
    writer.wait_for(writer.written + 5)  # and it goes on writing afterwards
    writer.stop.set()
    writer.join()
    assert writer.error is None
    return {"store": store, "path": out, "manifest": manifest, "before": before, "during": during}


@pytest.mark.slow
def test_a_backup_taken_while_writing_restores_every_table_row_for_row(taken):
    source, manifest = taken["store"], taken["manifest"]
    target = stores.new_url("backup_restored")
    assert backup.main(["--url", target, "restore", str(taken["path"])]) == 0
    restored, now = table_rows(target), table_rows(source.url)
    assert set(restored) == set(now) == {t.name for t in schema.metadata.tables.values()} | {"alembic_version"}
    for name in set(now) - {"login_failures", "store_meta"}:
        assert restored[name] == now[name], name
    assert len(restored["users"]) == 1 and len(restored["import_batches"]) == 2
    # One snapshot: the failed sign-ins it holds are the first k written, and the data version
    # moved exactly k times, whatever the writer did while the backup ran.
    k = len(restored["login_failures"])
    written_before = k - taken["before"]["failures"]
    assert written_before >= 5
    assert k < len(now["login_failures"])  # the writer wrote after it too
    by_id = sorted(now["login_failures"], key=lambda row: row[0])
    assert sorted(restored["login_failures"], key=lambda row: row[0]) == by_id[:k]
    assert restored["store_meta"] == [("data_version", taken["before"]["version"] + written_before)]
    assert manifest["tables"] == {name: len(rows) for name, rows in restored.items()}
    assert manifest["data_version"] == taken["before"]["version"] + written_before
    assert (manifest["revision"],) == migrate._heads(None)  # the store is at head


@pytest.mark.slow
def test_the_backup_and_its_manifest_are_private_and_described(taken):
    path, manifest = taken["path"], taken["manifest"]
    for p in (path, backup.manifest_path(path)):
        assert stat.S_IMODE(os.stat(p).st_mode) == 0o600, p
    assert json.loads(backup.manifest_path(path).read_text()) == manifest
    assert manifest["sha256"] == backup.sha256_of(path) and manifest["bytes"] == path.stat().st_size
    assert manifest["format"] == ("pg_dump-custom" if stores.on_postgresql() else "sqlite")
    assert "dash:dash@" not in json.dumps(manifest)  # no password in it
    assert backup.main(["verify", str(path)]) == 0


def _copy(taken, tmp_path):
    path = tmp_path / taken["path"].name
    shutil.copyfile(taken["path"], path)
    shutil.copyfile(backup.manifest_path(taken["path"]), backup.manifest_path(path))
    return path


@pytest.mark.slow
def test_verify_finds_a_changed_file(taken, tmp_path, capsys):
    path = _copy(taken, tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert backup.main(["verify", str(path)]) == 1
    assert "SHA-256 differs" in capsys.readouterr().err


@pytest.mark.slow
def test_verify_finds_a_table_short_of_its_manifest(taken, tmp_path, capsys):
    path = _copy(taken, tmp_path)
    manifest = json.loads(backup.manifest_path(path).read_text())
    manifest["tables"]["users"] += 1
    backup.manifest_path(path).write_text(json.dumps(manifest))
    assert backup.main(["verify", str(path)]) == 1
    assert "table users holds 1 rows, the manifest says 2" in capsys.readouterr().err


@pytest.mark.slow
def test_verify_reads_the_whole_file_not_only_its_hash(taken, tmp_path, capsys):
    path = _copy(taken, tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    manifest = json.loads(backup.manifest_path(path).read_text())
    manifest["sha256"] = backup.sha256_of(path)  # a manifest rewritten to match a cut file
    backup.manifest_path(path).write_text(json.dumps(manifest))
    assert backup.main(["verify", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_restore_refuses_a_store_with_data_unless_forced(taken, capsys):
    occupied = stores.demo_copy("backup_occupied")
    version = occupied.data_version()
    occupied.engine.dispose()
    assert backup.main(["--url", occupied.url, "restore", str(taken["path"])]) == backup.REFUSED_EXIT
    assert "--force" in capsys.readouterr().err
    assert len(table_rows(occupied.url)["import_batches"]) == 1  # untouched
    assert backup.main(["--url", occupied.url, "restore", "--force", str(taken["path"])]) == 0
    restored = table_rows(occupied.url)
    assert {name: len(rows) for name, rows in restored.items()} == taken["manifest"]["tables"]
    # Past both versions, so that a server still running on the store reloads.
    assert restored["store_meta"] == [("data_version", max(version, taken["manifest"]["data_version"]) + 1)]


def test_a_missing_backup_or_tool_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    assert backup.main(["verify", str(tmp_path / "none.sqlite")]) == 1
    assert capsys.readouterr().err.strip() == f"error: no backup at {tmp_path / 'none.sqlite'}"
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(backup.BackupError, match="pg_dump not found on PATH"):
        backup._pg_tool("pg_dump")
    if stores.on_postgresql():
        assert backup.main(["--url", stores.new_url("backup_no_tool"), "create",
                            "--out", str(tmp_path / "x.dump")]) == 1
        assert "pg_dump not found on PATH" in capsys.readouterr().err
        assert not list(tmp_path.iterdir())  # no part left behind


@pytest.mark.slow
def test_the_command_line_from_any_folder_writes_into_backup_dir(tmp_path):
    store = stores.new_store("backup_cli")
    store.create_schema()
    store.engine.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": store.url, "BACKUP_DIR": str(tmp_path / "b")}
    done = subprocess.run([sys.executable, "-m", "data.backup", "create"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    made = sorted((tmp_path / "b").iterdir())
    assert len(made) == 2 and made[1].name == made[0].name + ".manifest.json"
    assert stat.S_IMODE(os.stat(tmp_path / "b").st_mode) == 0o700
    done = subprocess.run([sys.executable, "-m", "data.backup", "restore", str(made[0])], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    # A store holding only what a first start writes counts as empty: restoring into it is allowed.
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "data.backup", "verify", str(tmp_path / "nothing")], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
