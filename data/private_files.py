"""Files only the server's own user may read or write: the secret key and the SQLite store.

Created mode 600 whatever the umask, and tightened to 600 when found looser."""
from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_MODE = 0o600
# SQLite's companions of a database file: they hold the same data (pages not yet checkpointed).
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def tighten(path: Path) -> None:
    """Mode 600 for `path` if it exists and anyone but its owner may read or write it."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        os.chmod(path, mode & 0o700 | PRIVATE_MODE)


def create_exclusive(path: Path, text: str) -> bool:
    """Writes `text` to a new file at `path`, mode 600 from the start (no moment when another
    user could open it). False if it exists already (then it is only tightened)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    except FileExistsError:
        tighten(path)
        return False
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return True


def prepare_sqlite(path: Path) -> None:
    """An empty database file created mode 600 before SQLite opens it (SQLite gives its -wal,
    -shm and -journal files the database file's mode), and an existing one and its companions
    tightened."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
    except FileExistsError:
        pass
    for p in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)):
        tighten(p)
