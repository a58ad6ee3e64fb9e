"""The error answer shared by the API and the downloads: JSON in both languages."""
from __future__ import annotations

from flask import jsonify

from data.i18n import t


def json_error(key: str, status: int = 400, **params):
    """(JSON body, status) for a translation key: {"error": {"zh": …, "en": …}}, with the
    parameter's name when the key names one."""
    body = {"error": {"zh": t(key, "zh", **params), "en": t(key, "en", **params)}}
    if "name" in params:
        body["parameter"] = params["name"]
    return jsonify(body), status
