"""Maps built on the server, and the one set of rules that colours and describes every map.

map_view() decides, for one indicator, level, year and mode, what each place is drawn in
(its z, the colour scale, the colour bar) and what its hover says (a d3-formatted template
over numbers). build_choropleth() draws it here; the overview sends the same view to
assets/map.js (layouts/figures/overview_map.py), which only picks and draws: the two cannot
disagree.

The maps use plotly's d3-geo choropleth with our own GeoJSON and no base map. plotly still
loads a world topojson for its base layers; style.GRAPH_CONFIG points it at our own copy.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import shapely

import geo
from data import progress
from data.catalogue import Indicator
from data.formatting import colon, format_number, format_percent, is_yes_no, name_key, status_label, target_text
from data.i18n import t
from layouts.figures.style import (BORDER_COLOUR, BORDER_WIDTH, FONT_FAMILY, GRID, INK, LABEL_HALO, PROGRESS_BREAKS,
                                   PROGRESS_SCALE, STATUS_COLOURS, TEMPLATE, TRANSPARENT, VALUE_SCALE, discrete,
                                   scale)
import urls

THEMES = {
    "dark": {"ink": "#ffffff", "halo": "0 0 4px #0b1a2b, 0 0 4px #0b1a2b, 0 0 3px #0b1a2b", "border": "#0b1a2b"},
    "light": {"ink": INK, "halo": LABEL_HALO, "border": "#ffffff"},
}
LABEL_SIZE = 15
MAP_ASPECT = 1.45       # width / height of the map card


# ---------------------------------------------------------------------- geometry
def features(level: str) -> list[dict]:
    return geo.load_geojson(level)["features"]


def map_codes(level: str) -> list[str]:
    """Feature codes in file order: the order of every per-place array of a map."""
    return [f["properties"]["adcode"] for f in features(level)]


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


def city_labels(lang: str, size: int = LABEL_SIZE) -> go.Scattergeo:
    """The 14 cities' names at their label points."""
    cities = features("city")
    return go.Scattergeo(
        lon=[f["properties"]["label_lon"] for f in cities], lat=[f["properties"]["label_lat"] for f in cities],
        text=[f["properties"][name_key(lang)] for f in cities], mode="text", hoverinfo="skip", showlegend=False,
        textfont=dict(size=size, color=INK, family=FONT_FAMILY, weight=600, shadow=LABEL_HALO), name="labels")


def base_map_layout(fig: go.Figure) -> go.Figure:
    """No base map, frame fitted to the shapes, no margins: the province is the picture."""
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor=TRANSPARENT)
    fig.update_layout(template=TEMPLATE, margin=dict(l=0, r=0, t=0, b=0),
                      hoverlabel=dict(font=dict(family=FONT_FAMILY, size=15), bgcolor="white"),
                      dragmode=False, uirevision="map")
    return fig


# ---------------------------------------------------------------------- colours
def progress_class(progress: float, achieved: bool) -> int:
    """The colour class of a place: 0 below the first break ... len(breaks) for the last
    class below the target, len(breaks) + 1 for achieved."""
    if achieved:
        return len(PROGRESS_BREAKS) + 1
    return sum(progress >= b for b in PROGRESS_BREAKS)


NO_DATA_CLASS = -1
NOT_APPLICABLE_CLASS = -2
NO_DATA_DEPTH = 0.05  # a value map draws "no data" this far (of its top) below zero, in grey
# ... and "not applicable" as far again below it, in white.
NOT_APPLICABLE_DEPTH = 3 * NO_DATA_DEPTH
NOT_APPLICABLE = progress.STATUSES.index("not_applicable")
COLOUR_BAR = dict(thickness=14, len=0.6, x=1.0, xanchor="right", y=0.5, tickfont=dict(size=13), outlinewidth=0,
                  bgcolor="rgba(255,255,255,0.7)")
# On a narrow screen (narrow.NARROW_SCREEN: a phone) the bar lies across the foot of the map
# instead of over its eastern cities, and the names are smaller: assets/map.js lays these over
# the view's bar while the query matches, and again when a phone is turned.
COLOUR_BAR_NARROW = dict(orientation="h", len=0.84, lenmode="fraction", thickness=12, x=0.56, xanchor="center",
                         y=0, yanchor="top", ypad=4, tickangle=-40, bgcolor="rgba(0,0,0,0)",
                         title={"side": "top"})
LABEL_SIZE_NARROW = 12


def colour_scales(lang: str) -> dict[str, dict]:
    """Every map's colour scales by name, as plotly trace attributes (colorscale, zmin, zmax,
    showscale, colorbar). A value scale ("value", "count") gets its range from value_range()."""
    def bar(title_key: str | None, **ticks) -> dict:
        title = t(title_key, lang) if title_key else ""
        return COLOUR_BAR | {"title": {"text": title, "side": "right", "font": {"size": 14}}} | ticks

    progress_labels = [t("map.not_applicable", lang), t("map.none", lang), f"< {format_percent(PROGRESS_BREAKS[0], 0)}"]
    progress_labels += [f"{format_percent(a, 0)}–{format_percent(b, 0)}"
                        for a, b in zip(PROGRESS_BREAKS, PROGRESS_BREAKS[1:])]
    progress_labels += [f"{format_percent(PROGRESS_BREAKS[-1], 0)}–100%", t("map.achieved", lang)]
    no_data, not_applicable = STATUS_COLOURS["no_data"], STATUS_COLOURS["not_applicable"]
    # The white and the grey steps below zero in a value scale (value_range: each 2 depths of 1 + 4).
    gap = 2 * NO_DATA_DEPTH / (1 + 4 * NO_DATA_DEPTH)
    value_colours = ([[0, not_applicable], [gap, not_applicable], [gap, no_data], [2 * gap, no_data]]
                     + [[2 * gap + c[0] * (1 - 2 * gap), c[1]] for c in scale(VALUE_SCALE)])
    return {
        "progress": {"colorscale": discrete([not_applicable, no_data] + PROGRESS_SCALE),
                     "zmin": NOT_APPLICABLE_CLASS - 0.5, "zmax": len(PROGRESS_SCALE) - 0.5, "showscale": True,
                     "colorbar": bar("map.progress_title",
                                     tickvals=list(range(NOT_APPLICABLE_CLASS, len(PROGRESS_SCALE))),
                                     ticktext=progress_labels)},
        "status": {"colorscale": discrete([STATUS_COLOURS[s] for s in progress.STATUSES]), "zmin": -0.5,
                   "zmax": len(progress.STATUSES) - 0.5, "showscale": False, "colorbar": bar(None)},
        "value": {"colorscale": value_colours, "showscale": True, "colorbar": bar("map.value_title")},
        "count": {"colorscale": value_colours, "showscale": True, "colorbar": bar("map.count_title")},
    }


def _round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def value_range(top: float, ind: Indicator, lang: str) -> dict:
    """A value scale's range and colour-bar ticks for a map whose largest value is `top`:
    "not applicable" and "no data" below zero, then five ticks from 0 to the top."""
    step = top / 4
    ticks = [step * i for i in range(5)]
    words = [format_number(_round_half_up(x)) if ind.unit == "count" else f"{_round_half_up(x * 100)}%"
             for x in ticks]
    return {"zmin": -4 * NO_DATA_DEPTH * top, "zmax": top,
            "tickvals": [-NOT_APPLICABLE_DEPTH * top, -NO_DATA_DEPTH * top] + ticks,
            "ticktext": [t("map.not_applicable", lang), t("map.none", lang)] + words}


# ---------------------------------------------------------------------- hover
def hover_templates(lang: str) -> dict[str, str]:
    """The hover text of a place as plotly templates by name, over its customdata:
    [name, value, target, numerator, denominator, status, share of province]. plotly
    formats the numbers (d3-format); "none" is for a place without data."""
    sep = colon(lang)
    ratio = "%{customdata[3]:,.0f} / %{customdata[4]:,.0f}"
    count = "%{customdata[3]:,.0f}"
    values = {"percent": "%{customdata[1]:.1%}", "count": "%{customdata[1]:,.0f}",
              "count_share": t("map.value_with_share", lang, value="%{customdata[1]:,.0f}",
                               share="%{customdata[6]:.1%}"),
              "word": "%{customdata[1]}"}

    def template(value: str, counts: str) -> str:
        return ("<b>%{customdata[0]}</b><br>" + t("map.value", lang) + sep + value + "<br>"
                + t("map.target", lang) + sep + "%{customdata[2]}<br>"
                + t("map.counts", lang) + sep + counts + "<br>"
                + t("map.status", lang) + sep + "%{customdata[5]}<extra></extra>")

    out = {f"{v}/{c}": template(text, counts) for v, text in values.items()
           for c, counts in (("ratio", ratio), ("count", count))}
    out["none"] = template(t("map.none", lang), t("map.none", lang))
    # Nothing to count: the place and why, no value, target or counts to read as a gap.
    out["na"] = "<b>%{customdata[0]}</b><br>" + t("map.status", lang) + sep + "%{customdata[5]}<extra></extra>"
    return out


def status_words(lang: str) -> dict[str, list[str]]:
    """The statuses in words, in progress.STATUSES order: "plain", and "elsewhere" for an
    indicator whose target is set at another level (its "no target" says so)."""
    return {"plain": [status_label(s, lang) for s in progress.STATUSES],
            "elsewhere": [t("status.no_local_target", lang) if s == "no_target" else status_label(s, lang)
                          for s in progress.STATUSES]}


# ---------------------------------------------------------------------- one view of a map
def _number(x):
    """A number as the map carries it: an integer where it is one, else 4 decimals; None if missing."""
    if progress.missing(x):
        return None
    x = float(x)
    return int(x) if x.is_integer() else round(x, 4)


@dataclass
class MapView:
    """What one map view draws, place by place in feature order (see map_view)."""
    z: list                     # the colour value of each place
    scale: str                  # the name of its colour scale in colour_scales()
    value_range: dict | None    # zmin, zmax, tickvals, ticktext of a value scale; None for classes
    hover: str                  # the name of its hover template in hover_templates()
    no_data: list[int]          # places without data: drawn grey, hover template "none"
    not_applicable: list[int]   # places with nothing to count: drawn white, hover template "na"
    not_applicable_text: str    # why, in words: 不适用（无村）
    target_text: str
    num: list
    den: list | None            # None for counts: the value is then the numerator
    words: list | None          # the value in words (a county's yes/no), else None
    share: list | None          # a count's share of the province, else None
    status: list[int]           # index into progress.STATUSES
    status_words: str           # the name of the words in status_words()

    def values(self) -> list:
        """Each place's value as its hover shows it: its words, or numerator / denominator."""
        if self.words is not None:
            return self.words
        if self.den is None:
            return list(self.num)
        return [None if n is None or not d else n / d for n, d in zip(self.num, self.den)]

    def customdata(self, names: list[str], lang: str) -> list[list]:
        """[name, value, target, numerator, denominator, status, share] of each place."""
        n = len(names)
        words = list(status_words(lang)[self.status_words])
        words[NOT_APPLICABLE] = self.not_applicable_text
        den, share = self.den or [None] * n, self.share or [None] * n
        return [[names[i], value, self.target_text, self.num[i], den[i], words[self.status[i]], share[i]]
                for i, value in enumerate(self.values())]

    def hovertemplate(self, lang: str) -> str | list[str]:
        """The view's template, or one per place where some have no data."""
        templates = hover_templates(lang)
        if not self.no_data and not self.not_applicable:
            return templates[self.hover]
        gaps, none = set(self.no_data), set(self.not_applicable)
        return [templates["na" if i in none else "none" if i in gaps else self.hover] for i in range(len(self.z))]

    def trace_colours(self, lang: str) -> dict:
        """z and the colour scale as plotly choropleth attributes."""
        out = colour_scales(lang)[self.scale] | {"z": self.z}
        if self.value_range is not None:
            out |= {"zmin": self.value_range["zmin"], "zmax": self.value_range["zmax"]}
            out["colorbar"] = out["colorbar"] | {"tickvals": self.value_range["tickvals"],
                                                 "ticktext": self.value_range["ticktext"]}
        return out


def map_view(values: pd.DataFrame, ind: Indicator, level: str, mode: str, lang: str) -> MapView:
    """The colours and hover of one map of `level` (values: data.queries.values() for it).

    Modes: "status" colours by status; "progress" by progress class where a target applies
    at this level, else by value on a continuous scale with "no data" below zero."""
    rows = values.set_index("code").reindex(map_codes(level))
    status = [progress.STATUSES.index(s if isinstance(s, str) else "no_data") for s in rows["status"]]
    inapplicable = [s == NOT_APPLICABLE for s in status]
    missing = [progress.missing(v) for v in rows["value"]]
    target = ind.target_at(level)
    value_range_ = None
    if mode == "status":
        z, scale_name = status, "status"
    elif target is not None:
        z = [NOT_APPLICABLE_CLASS if a else NO_DATA_CLASS if m else progress_class(v / target, s == "achieved")
             for a, m, v, s in zip(inapplicable, missing, rows["value"], rows["status"])]
        scale_name = "progress"
    else:
        top = max((float(v) for m, v in zip(missing, rows["value"]) if not m), default=0.0) or 1.0
        z = [-NOT_APPLICABLE_DEPTH * top if a else -NO_DATA_DEPTH * top if m else _number(v)
             for a, m, v in zip(inapplicable, missing, rows["value"])]
        scale_name = "count" if ind.unit == "count" else "value"
        value_range_ = value_range(top, ind, lang)
    shares = [None if m else _number(s) for m, s in zip(missing, rows["share_of_province"])]
    with_share = ind.unit == "count" and target is None and any(s is not None for s in shares)
    words = None
    if is_yes_no(ind, level):
        words = [None if m else t("value.yes" if v >= 0.5 else "value.no", lang)
                 for m, v in zip(missing, rows["value"])]
        value_kind = "word"
    else:
        value_kind = "count_share" if with_share else "count" if ind.unit == "count" else "percent"
    return MapView(
        z=z, scale=scale_name, value_range=value_range_,
        hover=f"{value_kind}/{'ratio' if ind.denominator is not None else 'count'}",
        no_data=[i for i, (m, a) in enumerate(zip(missing, inapplicable)) if m and not a],
        not_applicable=[i for i, a in enumerate(inapplicable) if a],
        not_applicable_text=status_label("not_applicable", lang, ind), target_text=target_text(ind, level, lang),
        num=[_number(x) for x in rows["numerator"]],
        den=[_number(x) for x in rows["denominator"]] if ind.denominator is not None else None,
        words=words, share=shares if with_share else None, status=status,
        status_words="elsewhere" if ind.target is not None else "plain")


# ---------------------------------------------------------------------- whole maps, server-side
def build_choropleth(values: pd.DataFrame, ind: Indicator, level: str, lang: str, mode: str = "progress",
                     hover: bool = True, label_size: int = LABEL_SIZE, geojson: str | None = None) -> go.Figure:
    """A complete, coloured map of one level built on the server: geometry, colours, city
    names and hover text in one figure. For the presentation mode and exports; the
    overview sends its geometry once and recolours in the browser instead. `geojson`: the
    boundaries' URL instead of the boundaries themselves (which plotly would copy, most of a
    slide map's time)."""
    view = map_view(values, ind, level, mode, lang)
    names = [f["properties"][name_key(lang)] for f in features(level)]
    colours = view.trace_colours(lang)
    fig = go.Figure(go.Choropleth(
        geojson=geojson or geo.load_geojson(level), featureidkey="properties.adcode", locations=map_codes(level),
        **colours, marker=dict(line=dict(color=BORDER_COLOUR, width=BORDER_WIDTH[level])),
        customdata=view.customdata(names, lang) if hover else None,
        hovertemplate=view.hovertemplate(lang) if hover else None, hoverinfo=None if hover else "skip"))
    fig.add_trace(city_labels(lang, label_size))
    return base_map_layout(fig)


def slide_map_mode(ind: Indicator, level: str) -> str:
    """What a slide's map is coloured by: status where a target applies at this level, else value."""
    return "status" if ind.target_at(level) is not None else "progress"


def build_slide_map(values: pd.DataFrame, ind: Indicator, level: str, lang: str, theme: str) -> go.Figure:
    """A map for a slide: status colours where a target applies at this level (values
    otherwise), place names at 28 px, no hover, no colour bar (the slide's legend says it in
    words), and the geometry by URL so that many slides share one download."""
    mode = slide_map_mode(ind, level)
    fig = build_choropleth(values, ind, level, lang, mode=mode, hover=False, label_size=28,
                           geojson=urls.geojson(level))
    colours = THEMES[theme]
    fig.update_traces(selector=dict(type="choropleth"), showscale=False,
                      marker_line_color=colours["border"], marker_line_width=1.2 if level == "city" else 0.6)
    fig.update_traces(selector=dict(type="scattergeo"), textfont_color=colours["ink"],
                      textfont_shadow=colours["halo"])
    fig.update_layout(hovermode=False)
    return fig


def build_locator(code: str, lang: str) -> go.Figure:
    """A small map of the province with one county (or city) picked out."""
    level = "county" if code[-2:] != "00" else "city"
    feature = next(f for f in features(level) if f["properties"]["adcode"] == code)
    fig = go.Figure(go.Choropleth(geojson=geo.load_geojson("city"), featureidkey="properties.adcode",
                                  locations=map_codes("city"), z=[0] * 14, colorscale=[[0, GRID], [1, GRID]],
                                  showscale=False, marker=dict(line=dict(color="#ffffff", width=1)),
                                  hoverinfo="skip"))
    fig.add_trace(go.Choropleth(geojson={"type": "FeatureCollection", "features": [feature]},
                                featureidkey="properties.adcode", locations=[code], z=[1],
                                colorscale=[[0, "#D55E00"], [1, "#D55E00"]], showscale=False,
                                marker=dict(line=dict(color="#7a2e00", width=1.5)), hoverinfo="skip"))
    fig.add_trace(go.Scattergeo(lon=[feature["properties"]["label_lon"]], lat=[feature["properties"]["label_lat"]],
                                text=[feature["properties"][name_key(lang)]], mode="markers+text",
                                textposition="top center",
                                marker=dict(size=9, color="#D55E00", line=dict(color="white", width=1.5)),
                                textfont=dict(size=14, color=INK, family=FONT_FAMILY, weight=600, shadow=LABEL_HALO),
                                hoverinfo="skip"))
    base_map_layout(fig)
    fig.update_layout(height=230, showlegend=False)
    return fig
