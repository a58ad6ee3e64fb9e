"""What the caches of drawn things are keyed by, besides the data version: the code that draws
them and the store they are drawn from (routes/page_cache.py's pages, documents/cache.py's
documents). Small and free of the app's other modules, so either may import it."""
from __future__ import annotations

import hashlib

from sqlalchemy.engine import make_url

from settings import ROOT

CODE_SUFFIXES = (".py", ".csv", ".geojson", ".md", ".txt")


def code_digest(folders, files, suffixes=CODE_SUFFIXES, seed: str = "") -> str:
    """A digest of the named files and of every file with one of `suffixes` under the folders
    (paths from the repository's root, with their contents), so that servers running other code
    never share what they drew, and an upgrade never serves what the code before it drew."""
    h = hashlib.sha256(seed.encode())
    paths = [ROOT / name for name in files]
    for folder in folders:
        paths += [p for p in (ROOT / folder).rglob("*") if p.suffix in suffixes]
    for path in sorted(paths):
        if path.is_file():
            h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def store_tag(url: str) -> str:
    """The store, by its URL without the password: servers on one database share what they draw."""
    return hashlib.sha256(make_url(url).render_as_string(hide_password=True).encode()).hexdigest()[:16]
