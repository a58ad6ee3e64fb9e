"""GCJ-02 <-> WGS-84 conversion, vectorised over numpy arrays.

GCJ-02 is the obfuscated datum that Chinese map providers (Amap among them) publish in.
The forward transform (WGS-84 -> GCJ-02) is the published "eviltransform" algorithm;
the inverse has no closed form, so it is solved by fixed-point iteration: start from the
GCJ-02 point and repeatedly subtract the forward residual. The offset field is smooth
(its gradient is ~1e-5), so each step shrinks the error ~1e5-fold and three or four
steps reach 1e-12 degrees.
"""
from __future__ import annotations

import numpy as np

# Krasovsky 1940 ellipsoid, as the published algorithm uses.
_A = 6378245.0
_EE = 0.00669342162296594323


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The GCJ-02 offset (dlon, dlat) in degrees at WGS-84 points (lon, lat)."""
    x = lon - 105.0
    y = lat - 35.0
    sqrt_abs_x = np.sqrt(np.abs(x))
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat = (
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt_abs_x
        + common
        + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    )
    dlon = (
        300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt_abs_x
        + common
        + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    )
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return dlon, dlat


def _in_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The published algorithm leaves points outside this box unchanged."""
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Forward transform of WGS-84 longitudes and latitudes (scalars or arrays)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    dlon, dlat = _offset(lon, lat)
    inside = _in_china(lon, lat)
    return np.where(inside, lon + dlon, lon), np.where(inside, lat + dlat, lat)


def gcj02_to_wgs84(lon, lat, tolerance: float = 1e-12, max_iterations: int = 30):
    """Inverse transform by fixed-point iteration, to `tolerance` degrees.

    Raises RuntimeError if it has not converged after `max_iterations` steps, which
    would mean the input is not a GCJ-02 coordinate at all.
    """
    gcj_lon = np.asarray(lon, dtype=float)
    gcj_lat = np.asarray(lat, dtype=float)
    wgs_lon, wgs_lat = gcj_lon.copy(), gcj_lat.copy()
    for _ in range(max_iterations):
        fwd_lon, fwd_lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
        err_lon, err_lat = fwd_lon - gcj_lon, fwd_lat - gcj_lat
        wgs_lon = wgs_lon - err_lon
        wgs_lat = wgs_lat - err_lat
        if max(np.max(np.abs(err_lon), initial=0.0), np.max(np.abs(err_lat), initial=0.0)) < tolerance:
            return wgs_lon, wgs_lat
    raise RuntimeError("GCJ-02 inverse did not converge")
