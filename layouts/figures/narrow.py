"""How a chart fits a phone's width: the relayout and restyle it carries for narrow screens.

A builder in layouts/figures keeps its desktop and projector look and adds, with fit(), what
changes below NARROW_SCREEN (the width of the "narrow screens" block in assets/app.css):
assets/narrow.js applies it in the browser while that media query matches, and puts the
wide values back when the screen widens. Pure: a figure in, the same figure out.
"""
from __future__ import annotations

import math

import plotly.graph_objects as go

# Bootstrap's sm breakpoint: phones, and a 1280x720 screen zoomed to 400% (320 px wide).
NARROW_SCREEN = "(max-width: 575.98px)"
NARROW_FONT = 13          # nothing smaller, as on the projector
RANKING_ROW = 44          # px per place when a bar's words take two lines


def _plain(value):
    """A figure's value as JSON carries it (a numpy array as a list, a tuple as a list)."""
    if hasattr(value, "tolist"):
        return value.tolist()
    return list(value) if isinstance(value, tuple) else value


def fit(fig: go.Figure, layout: dict, traces: list[dict] | None = None) -> go.Figure:
    """Attach the narrow-screen relayout (`layout`, plotly's dotted keys) and restyle (one
    dict per trace, in trace order) to `fig`, beside whatever its meta already holds, with
    the figure's own values of the same keys ("wide"), which the browser puts back when the
    screen widens."""
    traces = traces or []
    wide = {"layout": {key: _plain(fig.layout[key]) for key in layout},
            "traces": [{key: _plain(fig.data[i][key]) for key in over} for i, over in enumerate(traces)]}
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta["narrow"] = {"query": NARROW_SCREEN, "layout": layout, "traces": traces, "wide": wide}
    fig.update_layout(meta=meta)
    return fig


def two_lines(text: str) -> str:
    """A label broken once, at the space nearest its middle (none: as it is)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:middle] + "<br>" + text[middle + 1:]


def ranking(fig: go.Figure, names: list[str], values: list[str], words: list[str], has_target: bool) -> go.Figure:
    """A ranking on a phone: each bar's value over its status (two short lines instead of
    one long one), long place names on two lines, smaller margins, fewer x ticks."""
    n = len(values)
    names = [two_lines(name) if len(name) > 11 else name for name in names]
    text = [f"{v}<br>{w}" if w else v for v, w in zip(values, words)]
    longest = max((len(w) for w in words), default=0)
    # The right margin holds the words after the longest bar; CJK characters are twice as wide.
    wide_chars = max((sum(2 if ord(c) > 0x2E80 else 1 for c in w) for w in words), default=0)
    right = 16 + 7 * max(wide_chars, 6) if longest else 60
    return fit(fig, {
        "height": max(260, RANKING_ROW * n + 70) if has_target else fig.layout.height,
        "margin.r": min(right, 140), "margin.l": 8,
        "yaxis.tickfont.size": NARROW_FONT, "xaxis.nticks": 4, "xaxis.tickangle": 0,
        "xaxis.tickfont.size": NARROW_FONT,
    }, [{"y": names, "text": text if has_target else values, "textfont.size": NARROW_FONT}])


def legend_below(fig: go.Figure, names: list[str | None]) -> go.Figure:
    """A chart whose legend runs along its foot: one entry a row, long names on two lines."""
    traces = [{"name": two_lines(n)} if n and len(n) > 24 else {} for n in names]
    return fit(fig, {"legend.orientation": "v", "legend.y": -0.16, "legend.yanchor": "top",
                     "margin.b": 110, "height": (fig.layout.height or 320) + 70}, traces)


def small_multiples(fig: go.Figure, count: int, columns: int, row_height: int = 190,
                    own_scales: bool = False) -> go.Figure:
    """Small multiples on a phone: two columns instead of `columns`, each panel in the same
    order, its title above it and the value axis labelled at the left of each row (of each
    panel, with `own_scales`: panels that do not share a scale)."""
    from plotly.subplots import make_subplots

    narrow_columns = 2
    rows = math.ceil(count / narrow_columns)
    grid = make_subplots(rows=rows, cols=narrow_columns, shared_yaxes=True,
                         vertical_spacing=0.16 / max(rows, 1) * 2, horizontal_spacing=0.2 if own_scales else 0.1,
                         subplot_titles=[" "] * count)
    wide_rows = math.ceil(count / columns)
    layout: dict = {"height": row_height * rows + 40, "margin.l": 40, "margin.r": 8}
    for i in range(wide_rows * columns):
        key = "" if i == 0 else str(i + 1)
        if i < count:
            layout[f"xaxis{key}.domain"] = list(grid.layout[f"xaxis{key}"].domain)
            layout[f"yaxis{key}.domain"] = list(grid.layout[f"yaxis{key}"].domain)
            layout[f"yaxis{key}.showticklabels"] = own_scales or i % narrow_columns == 0
            layout[f"annotations[{i}].x"] = grid.layout.annotations[i].x
            layout[f"annotations[{i}].y"] = grid.layout.annotations[i].y
        else:  # an empty cell of the wide grid: nothing to draw
            layout[f"xaxis{key}.visible"] = False
            layout[f"yaxis{key}.visible"] = False
    return fit(fig, layout)
