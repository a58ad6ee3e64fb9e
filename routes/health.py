"""The probes a load balancer, an orchestrator or a monitor asks: /healthz (the process answers)
and /readyz (the store answers too, with its data version).

Both are cheap, answer anyone (REQUIRE_LOGIN or not: they hold no data), are never rate-limited
and never cached (no-store, from routes.headers), and touch no session: no cookie is set
(routes.static_files.sessionless lists them). /healthz reads nothing; /readyz reads the data
version from the database itself (Store.ping, never a cached one), so a 200 means a request could
be served now; a database that does not answer is a 503 with Retry-After, as everywhere else.
"""
from __future__ import annotations

import flask
from flask import Blueprint
from sqlalchemy.exc import SQLAlchemyError

from routes import context
import urls

bp = Blueprint("health", __name__)


@bp.get(urls.HEALTHZ)
def healthz():
    return flask.jsonify({"status": "ok"})


@bp.get(urls.READYZ)
def readyz():
    try:
        version = context.store().ping()
    except SQLAlchemyError:
        # Said here, not raised: a probe's failure is its answer, not a fault to log on every poll.
        response = flask.jsonify({"status": "unavailable"})
        response.status_code = 503
        response.headers["Retry-After"] = str(context.settings().db_retry_after)
        return response
    return flask.jsonify({"status": "ok", "data_version": version})
