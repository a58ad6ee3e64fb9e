"""Shared-arc topology of a polygon coverage, and a simplification that keeps it.

A coverage (counties that tile a province, borders vertex-identical) is cut into arcs:
maximal runs of border between junctions, stored once however many polygons use them.
Simplifying each arc once, with Douglas-Peucker and fixed end points, keeps every shared
border identical on both sides, so neighbours neither gap nor overlap and the cities
dissolved from the simplified counties fit them exactly. This is what TopoJSON and
mapshaper do; shapely.coverage_simplify does the same with Visvalingam-Whyatt, which
accepts only one tolerance and wears away small islands.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from shapely.geometry import MultiPolygon, Polygon


@dataclass
class Topology:
    """Arcs (vertex arrays; a closed arc repeats its first vertex at the end) and, per key,
    polygons -> rings -> [(arc index, reversed)]."""

    arcs: list[np.ndarray]
    shapes: dict[str, list[list[list[tuple[int, bool]]]]]
    arc_owners: list[set[str]] = field(default_factory=list)


def _ring_vertices(ring) -> np.ndarray:
    """Ring coordinates without the closing vertex and without repeated vertices."""
    xy = np.asarray(ring.coords)[:-1]
    keep = np.any(xy != np.roll(xy, 1, axis=0), axis=1)
    return xy[keep] if keep.any() else xy[:1]


def build_topology(geoms: dict[str, MultiPolygon | Polygon]) -> Topology:
    """Cut a coverage into shared arcs."""
    rings: list[tuple[str, int, int, np.ndarray]] = []  # key, polygon index, ring index, xy
    for key, geom in geoms.items():
        parts = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
        for p_i, poly in enumerate(parts):
            for r_i, ring in enumerate([poly.exterior, *poly.interiors]):
                rings.append((key, p_i, r_i, _ring_vertices(ring)))

    all_xy = np.concatenate([xy for *_, xy in rings])
    _, vertex_id = np.unique(all_xy, axis=0, return_inverse=True)
    vertex_id = vertex_id.ravel()
    offsets = np.cumsum([0] + [len(xy) for *_, xy in rings])
    ring_ids = [vertex_id[offsets[i]:offsets[i + 1]] for i in range(len(rings))]

    # A junction is a vertex with other than two distinct neighbours across all rings:
    # where three borders meet, or where a shared border meets the coast.
    a = np.concatenate([ids for ids in ring_ids])
    b = np.concatenate([np.roll(ids, -1) for ids in ring_ids])
    edges = np.unique(np.sort(np.stack([a, b], axis=1), axis=1), axis=0)
    degree = np.bincount(edges.ravel(), minlength=len(all_xy))
    is_node = degree != 2

    arc_index: dict[tuple[int, ...], int] = {}
    arcs: list[np.ndarray] = []
    arc_owners: list[set[str]] = []
    shapes: dict[str, list[list[list[tuple[int, bool]]]]] = {key: [] for key in geoms}

    def add_arc(ids: np.ndarray, xy: np.ndarray, closed: bool, owner: str) -> tuple[int, bool]:
        forward = tuple(ids.tolist())
        backward = forward[::-1]
        if closed:
            # The same closed ring may start anywhere; make the key start at its smallest vertex.
            start = int(np.argmin(ids[:-1]))
            fwd_ids = np.concatenate([ids[start:-1], ids[:start + 1]])
            forward = tuple(fwd_ids.tolist())
            backward = forward[::-1]
            xy = np.concatenate([xy[start:-1], xy[:start + 1]])
        reverse = backward < forward
        key = backward if reverse else forward
        if key not in arc_index:
            arc_index[key] = len(arcs)
            arcs.append(xy[::-1].copy() if reverse else xy.copy())
            arc_owners.append(set())
        arc_owners[arc_index[key]].add(owner)
        return arc_index[key], reverse

    for (key, p_i, r_i, xy), ids in zip(rings, ring_ids):
        polys = shapes[key]
        while len(polys) <= p_i:
            polys.append([])
        refs: list[tuple[int, bool]] = []
        nodes = np.flatnonzero(is_node[ids])
        if len(nodes) == 0:
            closed_xy = np.vstack([xy, xy[:1]])
            closed_ids = np.concatenate([ids, ids[:1]])
            refs.append(add_arc(closed_ids, closed_xy, True, key))
        else:
            start = nodes[0]
            rot_ids = np.concatenate([np.roll(ids, -start), [ids[start]]])
            rot_xy = np.vstack([np.roll(xy, -start, axis=0), xy[start:start + 1]])
            cut = np.concatenate([nodes - start, [len(ids)]])
            for s, e in zip(cut[:-1], cut[1:]):
                refs.append(add_arc(rot_ids[s:e + 1], rot_xy[s:e + 1], False, key))
        polys[p_i].append(refs)
    return Topology(arcs=arcs, shapes=shapes, arc_owners=arc_owners)


def douglas_peucker(xy: np.ndarray, tolerance: float) -> np.ndarray:
    """Indices kept by Douglas-Peucker on an open polyline (both ends always kept)."""
    n = len(xy)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        s, e = stack.pop()
        if e - s < 2:
            continue
        seg = xy[e] - xy[s]
        pts = xy[s + 1:e] - xy[s]
        length = np.hypot(*seg)
        if length == 0:
            dist = np.hypot(pts[:, 0], pts[:, 1])
        else:
            dist = np.abs(seg[0] * pts[:, 1] - seg[1] * pts[:, 0]) / length
        i = int(np.argmax(dist))
        if dist[i] > tolerance:
            m = s + 1 + i
            keep[m] = True
            stack.append((s, m))
            stack.append((m, e))
    return np.flatnonzero(keep)


def simplify_arc(xy_metric: np.ndarray, tolerance: float, closed: bool) -> np.ndarray:
    """Indices of the vertices kept. A closed arc (an island, or a ring touching no other)
    is split at its first vertex and the vertex farthest from it, and each half keeps at
    least its farthest point, so that no island collapses (mapshaper's keep-shapes)."""
    if not closed:
        return douglas_peucker(xy_metric, tolerance)
    far = int(np.argmax(np.hypot(*(xy_metric - xy_metric[0]).T)))
    halves = []
    for lo, hi in ((0, far), (far, len(xy_metric) - 1)):
        kept = douglas_peucker(xy_metric[lo:hi + 1], tolerance) + lo
        if len(kept) == 2 and hi - lo >= 2:
            seg = xy_metric[lo:hi + 1]
            chord, rel = seg[-1] - seg[0], seg[1:-1] - seg[0]
            d = np.abs(chord[0] * rel[:, 1] - chord[1] * rel[:, 0])
            kept = np.array([lo, lo + 1 + int(np.argmax(d)), hi])
        halves.append(kept)
    return np.unique(np.concatenate(halves))


def assemble(topology: Topology, arcs: list[np.ndarray], key: str) -> MultiPolygon:
    """The (multi)polygon of `key` from (simplified) arc coordinates."""
    polygons = []
    for poly in topology.shapes[key]:
        rings = []
        for refs in poly:
            pieces = []
            for arc_i, reverse in refs:
                xy = arcs[arc_i][::-1] if reverse else arcs[arc_i]
                pieces.append(xy if not pieces else xy[1:])
            ring = np.vstack(pieces)
            keep = np.concatenate([[True], np.any(ring[1:] != ring[:-1], axis=1)])
            rings.append(ring[keep])
        polygons.append(Polygon(rings[0], rings[1:]))
    return MultiPolygon(polygons)
