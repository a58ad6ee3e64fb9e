"""How many documents a host builds at once, so that building never takes every worker.

- A web request that must build a document (a plain GET of a deck, circular or profile that the
  cache does not hold) builds it in one of WEB_SLOTS slots of the host (1): a non-blocking file
  lock, shared by every worker serving the store. With the slot taken the answer is at once a
  503 with Retry-After, never a wait: so at most one gunicorn worker per host is ever busy
  building, and the others serve pages.
- A background job (the "Download deck" button, callbacks/documents.py) runs outside the web
  workers; JOB_SLOTS (2) of them build at once on a host, the others wait their turn in their
  own process (the button says so), so that ten people clicking at once start two browsers,
  not ten.

    with slot(store, "web") as taken: ...      # taken is False when busy
    with slot(store, "job", wait_s=300, waiting=callback) as taken: ...
"""
from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path

from data import host_locks
from documents.cache import store_tag

SLOTS = {"web": 1, "job": 2}
RETRY_AFTER_S = 5


def _paths(store, kind: str) -> list[Path]:
    tag = store_tag(store.url)
    return [Path(tempfile.gettempdir()) / f"lncs-build-{kind}-{tag}-{i}.lock" for i in range(SLOTS[kind])]


@contextlib.contextmanager
def slot(store, kind: str, wait_s: float = 0, waiting=None):
    """One of the host's `kind` slots; yields whether it was taken (within wait_s seconds).
    `waiting()` is called once if the first try finds every slot taken."""
    deadline = time.monotonic() + wait_s
    told = False
    while True:
        handle = host_locks.take_free(_paths(store, kind))
        if handle is not None:
            try:
                yield True
            finally:
                host_locks.release(handle)
            return
        if time.monotonic() >= deadline:
            yield False
            return
        if waiting is not None and not told:
            waiting()
            told = True
        time.sleep(0.2)
