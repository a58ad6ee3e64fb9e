"""Settings, read once from the environment. Every knob the app has is here."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    host: str = field(default_factory=lambda: os.environ.get("HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: int(os.environ.get("PORT", "8050")))
    debug: bool = field(default_factory=lambda: _flag("DASH_DEBUG"))
    # Any SQLAlchemy URL; by default a SQLite file in the git-ignored instance/ folder.
    database_url: str = field(default_factory=lambda: os.environ.get(
        "DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'dashboard.sqlite'}"))
    # Connections each worker keeps open to the database (a request holds one at most), and how
    # many more it may open for a burst. Workers × (size + overflow) must fit the server's
    # max_connections (PostgreSQL's default is 100).
    db_pool_size: int = field(default_factory=lambda: int(os.environ.get("DB_POOL_SIZE", "5")))
    db_max_overflow: int = field(default_factory=lambda: int(os.environ.get("DB_MAX_OVERFLOW", "5")))
    # Seconds a request waits for a free connection of its worker's pool before it is answered 503.
    db_pool_timeout: float = field(default_factory=lambda: float(os.environ.get("DB_POOL_TIMEOUT", "10")))
    # Seconds to wait for the database server to accept a connection (PostgreSQL): a server that
    # is down or unreachable is answered 503 within this, not a hang.
    db_connect_timeout: float = field(default_factory=lambda: float(os.environ.get("DB_CONNECT_TIMEOUT", "5")))
    # Seconds one SQL statement may run on PostgreSQL before the server cancels it (0: no limit).
    # SQLite waits up to 30 s for another process's write lock instead.
    db_statement_timeout: float = field(default_factory=lambda: float(os.environ.get("DB_STATEMENT_TIMEOUT", "30")))
    # Seconds a browser (and a client of the API) is told to wait before trying again while the
    # database does not answer (the 503's Retry-After).
    db_retry_after: int = field(default_factory=lambda: int(os.environ.get("DB_RETRY_AFTER", "5")))
    # Apply pending schema migrations at start (data.migrate). Off by default: with several servers
    # an upgrade is a deliberate step (`python -m data.migrate upgrade`, after a backup); an empty
    # store is always built, and a store from before migrations always gets its baseline.
    auto_migrate: bool = field(default_factory=lambda: _flag("AUTO_MIGRATE"))
    # Where `python -m data.backup create` writes when not told (--out): git-ignored, mode 700.
    backup_dir: Path = field(default_factory=lambda: Path(
        os.environ.get("BACKUP_DIR", str(ROOT / "instance" / "backups"))))
    # Each worker runs the plausibility checks of every year in the background as it starts
    # (data/quality.py; about a second a year), so that the first map, year change and /reports
    # do not wait for them. WARM_UP=0 turns it off (the tests do, tests/conftest.py).
    warm_up: bool = field(default_factory=lambda: _flag("WARM_UP", True))
    # Viewing needs no sign-in by default; set REQUIRE_LOGIN=1 to require it for every page.
    require_login: bool = field(default_factory=lambda: _flag("REQUIRE_LOGIN"))
    # Signs the session cookie. One value for every worker; by default a random key kept in
    # instance/secret_key (created on first start, git-ignored).
    secret_key: str | None = field(default_factory=lambda: os.environ.get("SECRET_KEY") or None)
    # A signed-in user who does nothing for this long is signed out.
    session_minutes: int = field(default_factory=lambda: int(os.environ.get("SESSION_MINUTES", "30")))
    # However active, a sign-in lasts at most this long (then the user signs in again).
    session_max_hours: float = field(default_factory=lambda: float(os.environ.get("SESSION_MAX_HOURS", "12")))
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto (ProxyFix).
    # 0 (the default): the headers are ignored, so nobody can spoof their address with them.
    trusted_proxies: int = field(default_factory=lambda: int(os.environ.get("TRUSTED_PROXIES", "0")))
    # Send cookies over HTTPS only (set it when the server is behind TLS).
    secure_cookies: bool = field(default_factory=lambda: _flag("SECURE_COOKIES"))
    # The most one upload on /data may carry, in MB, after the browser's base64 encoding
    # (4/3 of the files' size). Each file is also limited to 20 MB by the importer.
    upload_limit_mb: int = field(default_factory=lambda: int(os.environ.get("UPLOAD_LIMIT_MB", "100")))
    # Costly anonymous requests (downloads, the API's CSV, page renders) are limited per address
    # with Flask-Limiter; RATE_LIMITS=0 turns the limits off (a test that fuzzes from one address).
    rate_limits: bool = field(default_factory=lambda: _flag("RATE_LIMITS", True))
    # How many downloads and CSV answers one address may ask for without signing in, in
    # Flask-Limiter's notation (signed-in users are not limited). 5 a minute keeps the heaviest
    # (a large county's whole work list, ~0.4 s) to a fraction of two workers.
    download_rate: str = field(default_factory=lambda: os.environ.get("DOWNLOAD_RATE", "5 per minute;60 per hour"))
    # How many pages one address may have drawn (the router's callback).
    page_rate: str = field(default_factory=lambda: os.environ.get("PAGE_RATE", "120 per minute"))
    # Where the limits' counters live, shared by the workers: a memcached:// or redis:// URL;
    # by default REDIS_URL's Redis where that is set, else a table in the store's own database.
    ratelimit_storage_url: str | None = field(default_factory=lambda: os.environ.get("RATELIMIT_STORAGE_URL") or None)
    # A Redis server (redis://host:6379/0) that every worker and host shares for the page cache
    # (routes/page_cache.py) and, unless RATELIMIT_STORAGE_URL names another, the rate limits'
    # counters. Unset: each worker keeps its own page cache in memory, the counters stay in the store.
    redis_url: str | None = field(default_factory=lambda: os.environ.get("REDIS_URL") or None)
    # Without Redis, how many drawn pages one worker keeps (the oldest go first); a page is
    # 50-350 KB, so the default holds at most about 15 MB.
    cache_pages: int = field(default_factory=lambda: int(os.environ.get("CACHE_PAGES", "50")))
    # How long a drawn page is kept, in seconds, in memory or in Redis (a page of an older data
    # version is never served again, so this only bounds the memory it holds until then).
    cache_seconds: int = field(default_factory=lambda: int(os.environ.get("CACHE_SECONDS", "3600")))
    # How long a server takes the store's data version as read, in seconds, before it asks again:
    # on PostgreSQL that question is a round trip, which would cost a recolour a third of its time.
    # Another server's import shows within this time (this server's own at once); 0 asks every time.
    data_version_ttl: float = field(default_factory=lambda: float(os.environ.get("DATA_VERSION_TTL", "0.5")))
    # Built documents (deck, circular, profiles) and their images, kept by data version
    # (documents/cache.py): the folder (by default one per store under the system's temporary
    # folder) and the most it may hold, in MB.
    document_cache_dir: str | None = field(default_factory=lambda: os.environ.get("DOCUMENT_CACHE_DIR") or None)
    document_cache_mb: int = field(default_factory=lambda: int(os.environ.get("DOCUMENT_CACHE_MB", "200")))
