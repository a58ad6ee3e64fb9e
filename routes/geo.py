"""The committed boundaries by URL (a Flask Blueprint), for figures that share them (the slides)."""
from __future__ import annotations

from flask import Blueprint, Response, send_file

import geo
import urls

bp = Blueprint("geo", __name__)


@bp.get(urls.GEOJSON)
def geojson(level: str):
    path = {"county": geo.COUNTIES_PATH, "city": geo.CITIES_PATH}.get(level)
    if path is None:
        return Response(status=404)
    return send_file(path, mimetype="application/geo+json", max_age=86400)
