"""What a recolour costs the server and the wire, against rebuilding the whole map.

    python -m bench.recolour [--repeat 21] [--modes progress,outlook,change]

For the same inputs (an indicator at county level, one year after another), in each colour
mode (progress; the 2015 outlook, 2013 <-> 2014; the change from 2011), it times and weighs:
- the overview's real callback response when the year changes (URL, controls, state and
  the map's numbers; the browser then patches the figure in place);
- a full-figure rebuild: the complete coloured county map built on the server and
  serialised as a callback would send it.

Prints medians, raw and gzip bytes, and the ratio. Exits 1 if the recolour response is
over 2 KB or less than 50x smaller than the full figure (issue 4).
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import plotly.io as pio

from app import create_app
from data import catalogue, queries
from data.store import Store
from layouts import ids
from layouts.figures.maps import build_choropleth
from urls import ViewState
from settings import Settings

MAX_RECOLOUR_BYTES = 2048
MIN_RATIO = 50


def sync_request(app, state: ViewState, new_year: int) -> dict:
    """The body the browser posts when the year slider moves from state.year to new_year."""
    key = next(k for k in app.callback_map if f"{ids.MAP_DATA}.data" in k)
    spec = app.callback_map[key]
    values = {("overview-url", "search"): state.to_query(), ("indicator-picker", "value"): state.indicator,
              ("year-slider", "value"): new_year, ("level-toggle", "value"): state.level,
              ("city-picker", "value"): state.city or "210000", ("map-mode", "value"): state.mode,
              ("view-tab", "value"): state.tab,
              ("reset-button", "n_clicks"): 0, ("map", "clickData"): None, ("play-button", "n_clicks"): 0,
              ("play-timer", "n_intervals"): None, ("play-timer", "disabled"): True, ("notices", "children"): [],
              ("change-from", "value"): state.from_year, ("map-quality", "value"): state.quality}
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")]
    return {"output": key, "outputs": outputs,
            "inputs": [{**i, "value": values[(i["id"], i["property"])]} for i in spec["inputs"]],
            "state": [{**s, "value": values[(s["id"], s["property"])]} for s in spec["state"]],
            "changedPropIds": [f"{ids.YEAR}.value"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--indicator", default="resident_volunteering",
                        help="the default has the largest counts, so the largest payload")
    parser.add_argument("--modes", default="progress,outlook,change",
                        help="colour modes to measure, comma-separated")
    args = parser.parse_args(argv)
    ind = catalogue.get(args.indicator)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        store.ensure_ready()
        app = create_app(Settings(debug=False, secret_key="bench-only"), store=store)
        client = app.server.test_client()
        years = queries.years(store)
        for mode in args.modes.split(","):
            ok = measure_mode(app, client, store, ind, years, mode, args.repeat) and ok
    return 0 if ok else 1


def measure_mode(app, client, store, ind, years, mode: str, repeat: int) -> bool:
    """One mode's runs and report; True if it meets both targets."""
    # The outlook is made before the target year: it steps between the two years before it.
    pair = (years[-2], years[-3]) if mode == "outlook" else (years[-1], years[-2])
    from_year = years[0] if mode == "change" else None
    patch_times, patch_bytes, full_times, full_bytes = [], [], [], []
    for i in range(repeat):
        year, new_year = pair if i % 2 == 0 else pair[::-1]
        state = ViewState(indicator=ind.id, year=year, level="county", mode=mode, from_year=from_year)
        body = sync_request(app, state, new_year)
        start = time.perf_counter()
        response = client.post("/_dash-update-component", json=body)
        patch_times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.data[:300]
        raw = response.get_data()
        assert b"coordinates" not in raw
        assert json.loads(raw)["response"][ids.MAP_DATA]["data"]["mode"] == mode, "the mode fell back"
        patch_bytes.append(len(raw))

        start = time.perf_counter()
        values = queries.values(store, ind.id, "county", new_year)
        figure = build_choropleth(values, ind, "county", "zh")
        full = pio.to_json({"response": {ids.MAP: {"figure": figure}}, "multi": True}, validate=False).encode()
        full_times.append(time.perf_counter() - start)
        full_bytes.append(len(full))
    patch_gz = len(gzip.compress(raw))
    full_gz = len(gzip.compress(full))

    med = statistics.median
    ratio = med(full_bytes) / med(patch_bytes)
    print(f"indicator {ind.id}, county level, mode {mode}, year changes {pair[0]} <-> {pair[1]}, {repeat} runs each")
    print(f"recolour response: median {med(patch_bytes):,.0f} B raw ({patch_gz:,} B gzip), "
          f"server {med(patch_times) * 1000:.1f} ms")
    print(f"full-figure rebuild: median {med(full_bytes):,.0f} B raw ({full_gz:,} B gzip), "
          f"server {med(full_times) * 1000:.1f} ms")
    print(f"ratio: {ratio:.0f}x smaller raw, {full_gz / patch_gz:.0f}x gzip; "
          f"{med(full_times) / med(patch_times):.1f}x less server time "
          f"(targets: <= {MAX_RECOLOUR_BYTES} B, >= {MIN_RATIO}x)")
    print("response:", json.dumps(json.loads(raw), ensure_ascii=False)[:160], "...")
    return med(patch_bytes) <= MAX_RECOLOUR_BYTES and ratio >= MIN_RATIO


if __name__ == "__main__":
    sys.exit(main())
