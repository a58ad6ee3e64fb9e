"""Built documents (and the images in them) kept on disk, so that the same document of the same
data is built once and then served in milliseconds.

- A document's key: its kind ("deck", "circular", "profile"), its parameters, its language, the
  store (its URL without the password, and the identity of its batches: a store deleted and
  built again restarts its data version, and must not get the documents of the one before),
  the store's data version (an import or a revert bumps it, so no document of older data is
  served again) and the code that draws documents (a digest of documents/, layouts/, data/,
  geo/ and urls.py, so an upgrade never serves a document drawn by the code before).
- Where: Settings.document_cache_dir (DOCUMENT_CACHE_DIR), by default a folder per store under
  the system's temporary folder; each host keeps its own. At most Settings.document_cache_mb
  (DOCUMENT_CACHE_MB, default 200) MB: past it, the files used longest ago go first.
- Files are written whole (a temporary file, then a rename), so a reader never sees half a
  document. Two processes building the same document take a lock on its key: the second waits
  for the first and serves its file instead of building it again.
- Images are kept by the hash of what they draw (documents.images), in the same folder's
  images/ part, under the same bound.

    cache = for_store(store, settings)
    body = cache.build("deck", params, lang, lambda: build_deck(...))
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

import sqlalchemy as sa

from data.cache_keys import code_digest, store_tag

CODE_DIRS = ("documents", "layouts", "data", "geo")
CODE_SUFFIXES = (".py", ".csv", ".geojson", ".md", ".txt")
CODE_FILES = ("urls.py",)
# How long a process waits for another building the same document before building it itself.
LOCK_WAIT_S = 120

_code_tag: str | None = None


def code_tag() -> str:
    """A digest of what draws documents, read once per process."""
    global _code_tag
    if _code_tag is None:
        _code_tag = code_digest(CODE_DIRS, CODE_FILES, CODE_SUFFIXES)
    return _code_tag


def store_identity(store) -> str:
    """The store's batches (how many, the last id, the first and last times): one small query, which
    tells a store built again at the same URL from the one before."""
    from data import schema
    b = schema.import_batches
    with store.connect() as conn:
        row = conn.execute(sa.select(sa.func.count(), sa.func.max(b.c.id), sa.func.min(b.c.created_at),
                                     sa.func.max(b.c.created_at))).one()
    return hashlib.sha256(repr(tuple(str(v) for v in row)).encode()).hexdigest()[:16]


class Busy(RuntimeError):
    """Another process is building this document, or every slot for building is taken."""


class Folder:
    """Files by key in one folder, at most max_bytes together with the folder's siblings
    (`bound`), the least recently used going first."""

    def __init__(self, path: Path, max_bytes: int, suffix: str = ".bin", bound: Path | None = None):
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.suffix = suffix
        self.bound = Path(bound) if bound is not None else self.path
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)

    def file(self, key: str) -> Path:
        return self.path / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        path = self.file(key)
        try:
            body = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to go
        return body

    def put(self, key: str, body: bytes) -> Path:
        path = self.file(key)
        fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(body)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self.trim()
        return path

    def trim(self) -> None:
        """Removes the least recently used files until the whole cache is under its bound."""
        files = []
        for p in self.bound.rglob("*"):
            if p.is_file() and not p.name.startswith(".") and p.suffix != ".lock":
                with contextlib.suppress(OSError):
                    st = p.stat()
                    files.append((st.st_mtime, st.st_size, p))
        total = sum(size for _, size, _ in files)
        for _, size, p in sorted(files):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                p.unlink()
                total -= size

    @contextlib.contextmanager
    def lock(self, key: str, wait_s: float = LOCK_WAIT_S):
        """The key's lock, across processes (a file lock) and threads (flock is per open file, so
        each holder opens its own). Yields whether it was taken within wait_s."""
        lock_path = self.path / f"{key}.lock"
        handle = open(lock_path, "a")
        taken = False
        try:
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    taken = True
                    break
                except OSError:
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(0.05)
            yield taken
        finally:
            if taken:
                fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()


class DocumentCache:
    """The built documents of one store (and their images)."""

    def __init__(self, path: Path, max_bytes: int, store=None):
        self.path = Path(path)
        self.store = store
        self.documents = Folder(self.path / "documents", max_bytes, ".doc", bound=self.path)
        self.images = Folder(self.path / "images", max_bytes, ".png", bound=self.path)
        self.hits = self.builds = 0
        self._lock = threading.Lock()

    def key(self, kind: str, params: dict, lang: str, version: int | None = None) -> str:
        """The document's key (see the module's doc)."""
        store = self.store
        parts = {"kind": kind, "params": params, "lang": lang, "code": code_tag()}
        if store is not None:
            parts |= {"store": store_tag(store.url), "identity": store_identity(store),
                      "version": store.data_version() if version is None else version}
        text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        return f"{kind}-{hashlib.sha256(text.encode()).hexdigest()[:32]}"

    def get(self, key: str) -> bytes | None:
        body = self.documents.get(key)
        if body is not None:
            with self._lock:
                self.hits += 1
        return body

    def build(self, key: str, builder: Callable[[], bytes], wait_s: float = LOCK_WAIT_S) -> bytes:
        """The document of `key`: kept, or built by `builder` (once, however many ask at once: the
        others wait up to wait_s for it, then Busy)."""
        body = self.get(key)
        if body is not None:
            return body
        with self.documents.lock(key, wait_s) as taken:
            if not taken:
                raise Busy(key)
            body = self.get(key)  # built by another while this one waited
            if body is not None:
                return body
            body = builder()
            self.documents.put(key, body)
            with self._lock:
                self.builds += 1
            return body

    def clear(self) -> None:
        """Every kept document and image gone (the bench's cold runs, tests)."""
        for folder in (self.documents, self.images):
            for p in folder.path.iterdir():
                if p.suffix != ".lock":
                    with contextlib.suppress(OSError):
                        p.unlink()


def default_dir(store_url: str) -> Path:
    return Path(tempfile.gettempdir()) / f"lncs-documents-{store_tag(store_url)}"


_caches: dict[tuple, DocumentCache] = {}
_caches_lock = threading.Lock()


def for_store(store, settings=None) -> DocumentCache:
    """The document cache of `store`, one per (store, folder) in a process."""
    from settings import Settings
    settings = settings or Settings()
    folder = Path(getattr(settings, "document_cache_dir", None) or default_dir(store.url))
    max_bytes = int(getattr(settings, "document_cache_mb", 200)) * 1024 * 1024
    with _caches_lock:
        key = (id(store), str(folder), os.getpid())
        cache = _caches.get(key)
        if cache is None or cache.store is not store:
            cache = _caches[key] = DocumentCache(folder, max_bytes, store)
        return cache
