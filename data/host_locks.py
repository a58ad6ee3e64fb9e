"""Slots shared by the processes of one host: a lock file each, taken without waiting
(routes/limits.py's slots for costly anonymous work, documents/slots.py's for building)."""
from __future__ import annotations

import fcntl
from pathlib import Path


def take_free(paths: list[Path]):
    """The open, locked handle of the first free slot among `paths`, or None when every one is taken."""
    for path in paths:
        handle = open(path, "a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        return handle
    return None


def release(handle) -> None:
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()
