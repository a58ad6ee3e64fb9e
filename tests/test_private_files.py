"""The secret key file and the SQLite store (with its -wal and -shm files) are the server's
user's alone: created mode 600 whatever the umask, and tightened at start if found looser."""
from __future__ import annotations

import os
import stat

import pytest

from data.store import Store
from routes.auth import secret_key
from settings import Settings


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def permissive_umask():
    """The usual umask (022), which would leave a plainly created file readable by everyone."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_secret_key_file_is_created_mode_600(tmp_path):
    path = tmp_path / "instance" / "secret_key"
    key = secret_key(Settings(secret_key=None), path=path)
    assert len(key) == 64 and path.read_text() == key
    assert mode(path) == 0o600
    assert secret_key(Settings(secret_key=None), path=path) == key  # kept across starts


def test_a_world_readable_secret_key_is_tightened_at_start_and_kept(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("an existing key")
    os.chmod(path, 0o644)
    assert secret_key(Settings(secret_key=None), path=path) == "an existing key"
    assert mode(path) == 0o600


def test_the_sqlite_store_and_its_wal_files_are_created_mode_600(tmp_path):
    path = tmp_path / "store.sqlite"
    store = Store(f"sqlite:///{path}")
    store.create_schema()
    with store.engine.connect():  # an open connection keeps the -wal and -shm files
        companions = [p for p in (tmp_path / "store.sqlite-wal", tmp_path / "store.sqlite-shm") if p.exists()]
        assert companions, "WAL mode makes a -wal file"
        assert {p.name: mode(p) for p in [path, *companions]} == {p.name: 0o600 for p in [path, *companions]}
    store.engine.dispose()


def test_an_existing_world_readable_store_is_tightened_at_start(tmp_path):
    path = tmp_path / "store.sqlite"
    Store(f"sqlite:///{path}").create_schema()
    for p in tmp_path.iterdir():
        os.chmod(p, 0o644)
    Store(f"sqlite:///{path}")
    assert {p.name: mode(p) for p in tmp_path.iterdir()} == {p.name: 0o600 for p in tmp_path.iterdir()}
