"""What the server sends on every recolour: small, and in the map's feature order."""
from __future__ import annotations

import json

from data import catalogue, progress, queries
from layouts.figures.maps import build_choropleth, map_codes, progress_class
from layouts.figures.overview_map import map_payload


def test_payload_is_in_feature_order_with_integers_and_status_digits(demo_store):
    ind = catalogue.get("rural_center_coverage")
    values = queries.values(demo_store, ind.id, "county", 2014)
    payload = map_payload(values, ind, "county", None, None, "progress", "zh")
    assert len(payload["num"]) == len(payload["den"]) == len(payload["st"]) == 100
    by_code = values.set_index("code")
    for i, code in enumerate(map_codes("county")):
        assert progress.STATUSES[int(payload["st"][i])] == by_code.loc[code, "status"]
        if payload["num"][i] is not None:
            assert payload["num"][i] == by_code.loc[code, "numerator"]
            assert isinstance(payload["num"][i], int)


def test_every_recolour_payload_is_at_most_2_kb_and_carries_no_geometry(demo_store):
    biggest = 0
    for ind in catalogue.INDICATORS:
        if "county" not in ind.levels:
            continue
        for level in ("city", "county"):
            values = queries.values(demo_store, ind.id, level, 2015)
            payload = map_payload(values, ind, level, None, None, "progress", "en")
            text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
            assert "coordinates" not in text
            biggest = max(biggest, len(text.encode()))
    assert biggest <= 2048


def test_the_static_map_classes_places_as_the_browser_does(demo_store):
    ind = catalogue.get("barrier_free")
    values = queries.values(demo_store, ind.id, "city", 2013)
    fig = build_choropleth(values, ind, "city", "zh")
    by_code = values.set_index("code")
    for code, z in zip(fig.data[0].locations, fig.data[0].z):
        row = by_code.loc[code]
        assert z == progress_class(row["value"] / 1.0, row["status"] == "achieved")


def test_progress_classes():
    assert progress_class(0.49, False) == 0
    assert progress_class(0.5, False) == 1
    assert progress_class(0.94, False) == 4
    assert progress_class(0.999, False) == 5
    assert progress_class(1.2, True) == 6
