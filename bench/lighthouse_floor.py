"""The floor under bench.lighthouse: what Lighthouse 12.8.2 (desktop preset) scores on this
machine for the smallest Dash 4 pages that draw what the overview draws, with none of the
dashboard's own code.

    python -m bench.lighthouse_floor [--runs 3]

Three pages, each served by the same Dash, dash-bootstrap-components and Flask-Compress as the
dashboard (every answer compressed, the same partial plotly.js bundle from assets/vendor/plotly,
regenerator-runtime instead of @babel/polyfill, no dash_table), by Flask's own server:

- ``/h1``: one heading, no graph (what Dash's renderer costs alone);
- ``/map``: a heading and one dcc.Graph, the 100 counties' choropleth (plotly's bundle and one
  geo figure);
- ``/map-bar``: that map and a 100-bar chart, as the overview's map and ranking.

Prints each page's median performance score, TBT, LCP and speed index. It exits 0 whatever the
scores: it measures where the fixed stack (Dash, plotly) puts the floor, to read beside
bench.lighthouse's targets, not a target of its own.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.lighthouse import Job, ensure_lighthouse, metric, run_lighthouse, score
from bench.load import load_average
from bench.startup import free_port

APP = r'''
import json, sys
import dash
from dash import Dash, dcc, html
import plotly.graph_objects as go
sys.path.insert(0, {root!r})
import geo
from routes import static_files

counties = geo.load_geojson("county")
codes = [f["properties"]["adcode"] for f in counties["features"]]
values = [(i * 37) % 100 for i in range(len(codes))]

def figure():
    fig = go.Figure(go.Choropleth(geojson=counties, locations=codes, z=values, featureidkey="properties.adcode",
                                  colorscale="YlGnBu"))
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(margin=dict(l=0, r=0, t=0, b=0), height=600)
    return fig

def bars():
    return go.Figure(go.Bar(x=values, y=codes, orientation="h")).update_layout(height=1200)

# Only the two vendored scripts of the dashboard's, linked as app.py links them.
app = Dash(__name__, assets_folder={assets!r}, assets_ignore=r".*", suppress_callback_exceptions=True,
           compress=True, external_scripts=["/assets/vendor/regenerator/runtime.js",
                                             "/assets/vendor/plotly/plotly-dashboard.min.js"])

@app.server.after_request
def compressible(response):  # runs before Flask-Compress's hook: files are sent compressed too
    response.direct_passthrough = False
    response.make_sequence()
    return response

static_files.lighter_polyfill()
static_files.no_table_bundle()
app.layout = html.Div([dcc.Location(id="url"), html.Div(id="page")])

@app.callback(dash.Output("page", "children"), dash.Input("url", "pathname"))
def page(path):
    if path == "/map":
        return [html.H1("Map"), dcc.Graph(figure=figure(), config={{"displayModeBar": False}})]
    if path == "/map-bar":
        return [html.H1("Map and bars"), dcc.Graph(figure=figure(), config={{"displayModeBar": False}}),
                dcc.Graph(figure=bars(), config={{"displayModeBar": False}})]
    return html.H1("Heading")

app.run(host="127.0.0.1", port={port}, debug=False)
'''

PAGES = ("/h1", "/map", "/map-bar")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    cli = ensure_lighthouse()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "floor_app.py"
        script.write_text(APP.format(root=str(root), assets=str(root / "assets"), port=port))
        server = subprocess.Popen([sys.executable, str(script)], cwd=tmp, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(120):
                try:
                    if requests.get(url + "/h1", timeout=2).ok:
                        break
                except requests.RequestException:
                    time.sleep(0.5)
            print(f"Lighthouse desktop preset, {args.runs} runs a page; load average {load_average()}")
            job = Job("floor", "", "desktop", ("performance",), None)
            for page in PAGES:
                reports = [run_lighthouse(cli, url + page, job, Path(tmp) / f"r{i}.json", "/usr/bin/chromium")
                           for i in range(args.runs)]
                med = {k: statistics.median(v) for k, v in {
                    "perf": [score(r, "performance") for r in reports],
                    "tbt": [metric(r, "total-blocking-time") for r in reports],
                    "lcp": [metric(r, "largest-contentful-paint") for r in reports],
                    "si": [metric(r, "speed-index") for r in reports]}.items()}
                print(f"{page:9s} performance {med['perf']:.0f}  TBT {med['tbt']:.0f} ms  "
                      f"LCP {med['lcp'] / 1000:.2f} s  speed index {med['si'] / 1000:.2f} s")
        finally:
            server.terminate()
            server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
