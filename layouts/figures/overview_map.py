"""The overview map: its skeleton, and the contract with assets/map.js, which only draws.

The overview map is one plotly figure holding both geometries (a county trace and a city
trace) and a label trace. The geometry is sent once, with the page, and so is
map_client_config() (names, label points, zoom frames, colour scales, hover templates and
status words). Every later change of indicator, year, level or zoom sends only
map_payload(): maps.map_view() for the view (the very one build_choropleth draws), packed
small enough to travel on every change (under 2 KB). assets/map.js picks from the two by
index and patches the figure; it holds no rule of its own.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import shape

import geo
from data.catalogue import Indicator
from data.formatting import name_key
from data.i18n import t
from layouts.figures.maps import (COLOUR_BAR_NARROW, LABEL_SIZE, LABEL_SIZE_NARROW, base_map_layout, city_labels,
                                  colour_scales, features, hover_templates, map_codes, map_view, status_words,
                                  zoom_frame)
from layouts.figures import mode_maps
from layouts.figures.narrow import NARROW_SCREEN
from layouts.figures.style import BORDER_COLOUR, BORDER_WIDTH, GRID

MIN_NAMED_SHARE = 0.015  # of its city's area, for a county to be named when zoomed in
ZOOMED_LABEL_SIZE = 14
SELECTED = {"colour": "#111111", "width": 3.5}
# Zoomed into a city at county level, only its counties are drawn; the other cities lie
# underneath in grey, as context, and the chosen one is see-through: [other, chosen].
CONTEXT = {"colorscale": [[0, "#e9edf1"], [0.5, "#e9edf1"], [0.5, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
           "lineWidth": [1, 2], "lineColour": [BORDER_COLOUR, "#16324f"]}


@lru_cache(maxsize=4)
def map_skeleton(lang: str) -> dict:
    """build_map_figure() as a plain dict, built once per language: it is the same for
    every page, and building it (plotly validates the geometry) costs tens of ms."""
    return build_map_figure(lang).to_plotly_json()


def build_map_figure(lang: str) -> go.Figure:
    """The overview map's skeleton: both geometries, neutral colours, city labels.

    Colours, hover text, visibility and zoom are set in the browser from map_payload().
    """
    fig = go.Figure()
    for level in ("county", "city"):
        codes = map_codes(level)
        fig.add_trace(go.Choropleth(
            geojson=geo.load_geojson(level), featureidkey="properties.adcode", locations=codes,
            # Neutral until assets/map.js colours it, a moment after the page appears.
            z=[0.0] * len(codes), zmin=0, zmax=1, colorscale=[[0, GRID], [1, GRID]], showscale=False,
            marker=dict(line=dict(color=BORDER_COLOUR, width=BORDER_WIDTH[level])),
            # Hidden until assets/map.js colours it: the first draw is then the coloured one.
            hoverinfo="skip", name=level, visible=False,
        ))
    fig.add_trace(city_labels(lang))
    fig.add_trace(quality_markers())
    return base_map_layout(fig)


# The "数据存疑 / Numbers to check" markers: a triangle just north of each doubted place's
# label point (north, so as not to hide a name), drawn over everything; trace 3.
QUALITY_MARKER = {"symbol": "triangle-up", "size": 13, "color": "#1a1a1a", "line": {"color": "#ffffff", "width": 1.5}}
QUALITY_OFFSET_LAT = 0.07


def quality_markers() -> go.Scattergeo:
    """Empty until assets/map.js places them from the payload's "q"."""
    return go.Scattergeo(lon=[], lat=[], mode="markers", marker=QUALITY_MARKER, showlegend=False, visible=False,
                         hoverinfo="skip", name="quality")


def quality_hover(lang: str) -> dict[str, str]:
    """The markers' hover over customdata [name, warnings]: a county's count of warnings, a
    city's count of doubted counties."""
    return {level: "<b>%{customdata[0]}</b><br>" + t(f"quality_layer.hover_{level}", lang, n="%{customdata[1]}")
            + "<extra></extra>" for level in ("county", "city")}


@lru_cache(maxsize=4)
def map_client_config(lang: str) -> dict:
    """What assets/map.js needs to draw any view, sent once with the page: names, label
    points, city frames, and every colour scale, hover template and status word in `lang`."""
    key = name_key(lang)

    def places(level: str) -> dict:
        feats = features(level)
        return {
            "codes": [f["properties"]["adcode"] for f in feats],
            "names": [f["properties"][key] for f in feats],
            "parent": [f["properties"].get("city_adcode") for f in feats],
            "lon": [f["properties"]["label_lon"] for f in feats],
            "lat": [f["properties"]["label_lat"] for f in feats],
        }

    frames = {f["properties"]["adcode"]: zoom_frame(shape(f["geometry"])) for f in features("city")}
    # Zoomed into a city, its small urban districts stay unnamed (hover names them): their
    # names would pile up on one another. Size is the extent (convex hull), so that an
    # archipelago such as 长海县 keeps its name.
    city_area = {f["properties"]["adcode"]: shape(f["geometry"]).area for f in features("city")}
    county_named = [shape(f["geometry"]).convex_hull.area >= MIN_NAMED_SHARE * city_area[f["properties"]["city_adcode"]]
                    for f in features("county")]
    return {
        "county": places("county") | {"named": county_named},
        "city": places("city") | {"frame": frames},
        "scales": colour_scales(lang),
        "hover": hover_templates(lang),
        "statusWords": status_words(lang),
        "modes": mode_maps.client_config(lang),   # the "2015 outlook" and "change" modes
        "quality": {"hover": quality_hover(lang), "offset": QUALITY_OFFSET_LAT},
        "style": {"borderWidth": BORDER_WIDTH, "border": BORDER_COLOUR, "selected": SELECTED, "context": CONTEXT,
                  "labelSize": {"province": LABEL_SIZE, "city": ZOOMED_LABEL_SIZE},
                  "narrow": {"query": NARROW_SCREEN, "colorbar": COLOUR_BAR_NARROW,
                             "labelSize": LABEL_SIZE_NARROW}},
    }


def _digits(numbers: list[int]) -> tuple[str, int]:
    """Small integers as one digit each, from the smallest: ("0213", base)."""
    base = min(numbers, default=0)
    return "".join(str(n - base) for n in numbers), base


def map_payload(values: pd.DataFrame, ind: Indicator, level: str, city: str | None, county: str | None,
                mode: str, lang: str, year: int | None = None, doubted: dict[str, int] | None = None) -> dict:
    """One map view, small enough to send on every change, in feature order.

    `values` is data.queries.values() for the indicator, level and year. It is map_view()
    packed: classes and statuses as one digit per place (z_i = digit + zbase), numbers as
    integers where they are integers. A value travels as numerator and denominator (the
    browser divides them for the hover: sending the quotient too would double the bytes).
    `doubted` (data.quality.doubted_at for the level) is the "numbers to check" layer when it
    is shown: "q" is [[place index, warnings], ...]; without it the layer is off.
    """
    view = map_view(values, ind, level, mode, lang)
    payload = {"ind": ind.id, "year": year, "level": level, "city": city, "county": county, "mode": mode,
               "scale": view.scale, "hover": view.hover, "nd": view.no_data, "targetText": view.target_text,
               "num": view.num, "st": "".join(map(str, view.status)), "statusWords": view.status_words}
    if view.value_range is None:
        payload["z"], payload["zbase"] = _digits(view.z)
    else:
        payload["z"], payload["range"] = view.z, view.value_range
    # Left out when they do not apply, to keep the payload small.
    optional = {"den": view.den, "words": view.words, "share": view.share}
    if view.not_applicable:
        optional |= {"na": view.not_applicable, "naText": view.not_applicable_text}
    if doubted is not None:
        codes = map_codes(level)
        optional["q"] = [[i, doubted[c]] for i, c in enumerate(codes) if c in doubted]
    return payload | {k: v for k, v in optional.items() if v is not None}
