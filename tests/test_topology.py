"""Coverage simplification on small hand-made shapes: shared borders stay shared."""
from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from geo.topology import assemble, build_topology, douglas_peucker, simplify_arc


def wiggly_square_pair():
    """Two squares sharing a wiggly vertical border, plus a small island beside the right one."""
    ys = np.linspace(0, 10, 41)
    border = [(5 + 0.2 * np.sin(y * 3), y) for y in ys]  # bottom to top
    left = Polygon([(0, 0), *border, (0, 10)])
    right = Polygon([(10, 0), (10, 10), *border[::-1]])
    island = Polygon([(12, 4), (12.6, 4.1), (12.8, 4.7), (12.3, 5.0), (11.9, 4.6)])
    return {"L": left, "R": MultiPolygon([right, island])}


def simplify_all(topo, tolerance):
    return [a[simplify_arc(a, tolerance, np.array_equal(a[0], a[-1]))] for a in topo.arcs]


def test_shared_border_is_one_arc_used_by_both():
    topo = build_topology(wiggly_square_pair())
    shared = [i for i, owners in enumerate(topo.arc_owners) if owners == {"L", "R"}]
    assert len(shared) == 1
    assert len(topo.arcs[shared[0]]) == 41


def test_simplified_neighbours_keep_identical_borders_and_no_overlap():
    geoms = wiggly_square_pair()
    topo = build_topology(geoms)
    arcs = simplify_all(topo, tolerance=0.5)
    left, right = assemble(topo, arcs, "L"), assemble(topo, arcs, "R")
    assert left.is_valid and right.is_valid
    assert shapely.get_num_coordinates(left) < shapely.get_num_coordinates(geoms["L"])
    assert shapely.area(shapely.intersection(left, right)) < 1e-12
    # No gap and no overlap: the parts add up to the union, and the mainland is the full square.
    union = shapely.union_all([left, right])
    assert abs(union.area - left.area - right.area) < 1e-9
    assert abs(union.area - 100 - right.geoms[1].area) < 1e-9


def test_reassembling_unsimplified_arcs_gives_back_the_input():
    geoms = wiggly_square_pair()
    topo = build_topology(geoms)
    for key, geom in geoms.items():
        assert assemble(topo, topo.arcs, key).equals(geom)


def test_small_island_survives_a_tolerance_larger_than_itself():
    topo = build_topology(wiggly_square_pair())
    island = assemble(topo, simplify_all(topo, tolerance=5.0), "R").geoms[1]
    assert island.is_valid and island.area > 0
    assert len(island.exterior.coords) >= 4


def test_enclave_and_its_hole_share_one_closed_arc():
    outer = Polygon(box(0, 0, 10, 10).exterior.coords, [box(4, 4, 6, 6).exterior.coords])
    topo = build_topology({"outer": outer, "enclave": box(4, 4, 6, 6)})
    closed = [i for i, a in enumerate(topo.arcs) if np.array_equal(a[0], a[-1])]
    assert any(topo.arc_owners[i] == {"outer", "enclave"} for i in closed)


def test_douglas_peucker_keeps_ends_and_far_points_only():
    xy = np.array([[0, 0], [1, 0.01], [2, 0], [3, 2], [4, 0]], dtype=float)
    assert douglas_peucker(xy, 0.1).tolist() == [0, 2, 3, 4]
    assert douglas_peucker(xy, 5).tolist() == [0, 4]
