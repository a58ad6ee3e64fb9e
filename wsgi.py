"""The WSGI entry point for gunicorn: `gunicorn wsgi:server` builds the app (and the store) once
per worker, here and not when `app` is imported."""
from __future__ import annotations

import sys

from app import (RefusedToStart, StoreUnavailable, check_shared_secret, create_app, exit_refused, gunicorn_workers,
                 mark_serving, was_serving)
from data.store import Store
from settings import Settings

try:
    settings = Settings()
    check_shared_secret(settings, gunicorn_workers())
    app = create_app(settings)
except StoreUnavailable as unavailable:
    if not was_serving():
        exit_refused(unavailable)
    # A worker replaced while the database is away: it answers 503 until the database is back,
    # as the others do, instead of stopping the whole server.
    print(f"warning: {unavailable}; answering 503 until it answers", file=sys.stderr)
    app = create_app(settings, store=Store(settings.database_url, settings))
except RefusedToStart as refused:
    exit_refused(refused)
mark_serving()
# The Flask server Dash itself uses (slapdash's wsgi.py exports a different one).
server = app.server
# With REDIS_URL set and Celery installed, the Celery app that runs the background documents
# (callbacks/documents.py): `celery -A wsgi:celery_app worker` on any host. None otherwise.
from callbacks.documents import celery_app  # noqa: E402,F401  (set by create_app above)
