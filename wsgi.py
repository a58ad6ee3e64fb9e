"""The WSGI entry point for gunicorn: `gunicorn wsgi:server` builds the app (and the store) once
per worker, here and not when `app` is imported."""
from __future__ import annotations

from app import RefusedToStart, check_shared_secret, create_app, exit_refused, gunicorn_workers
from settings import Settings

try:
    settings = Settings()
    check_shared_secret(settings, gunicorn_workers())
    app = create_app(settings)
except RefusedToStart as refused:
    exit_refused(refused)
# The Flask server Dash itself uses (slapdash's wsgi.py exports a different one).
server = app.server
