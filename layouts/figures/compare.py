"""/compare's overlaid trends: a small panel per indicator, both places on it (the first a
solid line with dots, the second a dashed line with squares, so that neither colour alone
tells them apart), and the target where one applies. Pure: series in, a figure out."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from data import catalogue
from data.formatting import unit_scale
from layouts.figures import narrow
from layouts.figures.style import GRID, INK, LINE, TEMPLATE

# The two places: colour, dash and marker each differ (WCAG 1.4.1: not colour alone).
PLACE_STYLES = ({"color": LINE, "dash": "solid", "symbol": "circle"},
                {"color": "#c2410c", "dash": "dash", "symbol": "square"})
COLUMNS = 4
ROW_HEIGHT = 200


def panels(series: dict[str, pd.DataFrame]) -> list[str]:
    """The indicators drawn, in the catalogue's order: those with a value for either place."""
    return [i.id for i in catalogue.INDICATORS
            if i.id in series and series[i.id]["value"].notna().any()]


def build_compare_trends(series: dict[str, pd.DataFrame], codes: tuple[str, str], names: tuple[str, str],
                         lang: str, columns: int = COLUMNS) -> go.Figure:
    """A panel per indicator of panels(series) (data.comparison.series: both places' rows),
    each with its own scale (shares 0-100%, counts from 0), the target as a dashed grey line."""
    from plotly.subplots import make_subplots

    shown = panels(series)
    rows = max(1, math.ceil(len(shown) / columns))
    fig = make_subplots(rows=rows, cols=columns, vertical_spacing=0.18 / rows * 2, horizontal_spacing=0.07,
                        subplot_titles=[catalogue.get(i).short[lang] for i in shown] or [" "])
    traces, where, shapes, axes = [], [], [], {}
    for k, ind_id in enumerate(shown):
        ind = catalogue.get(ind_id)
        factor, suffix = unit_scale(ind)
        frame = series[ind_id]
        row, col = k // columns + 1, k % columns + 1
        for code, name, style in zip(codes, names, PLACE_STYLES):
            one = frame[frame["code"] == code]
            traces.append(go.Scatter(
                x=one["year"], y=one["value"] * factor, mode="lines+markers", name=name, legendgroup=code,
                showlegend=k == 0, line=dict(color=style["color"], width=2.5, dash=style["dash"]),
                marker=dict(size=7, symbol=style["symbol"], color=style["color"]),
                hovertemplate=f"{name} %{{x}}: %{{y:,.1f}}{suffix}<extra></extra>"))
            where.append((row, col))
        key = "" if k == 0 else str(k + 1)
        target = frame["target"].dropna()
        if len(target):
            # One shape per panel, as add_hline() would draw it (which costs 0.1 s a panel).
            y = float(target.iloc[0]) * factor
            shapes.append(dict(type="line", xref=f"x{key} domain", x0=0, x1=1, yref=f"y{key}", y0=y, y1=y,
                               line=dict(color="#8a96a3", width=1.2, dash="dot")))
        top = max([float((frame["value"] * factor).max())] + ([float(target.iloc[0]) * factor] if len(target) else []))
        axes[f"yaxis{key}"] = dict(range=[0, 105] if ind.unit != "count" else [0, (top or 1) * 1.1],
                                   ticksuffix=suffix, gridcolor=GRID, tickfont=dict(size=11))
    if traces:
        fig.add_traces(traces, rows=[r for r, _ in where], cols=[c for _, c in where])
    fig.update_layout(shapes=shapes, **axes)
    fig.update_layout(template=TEMPLATE, height=ROW_HEIGHT * rows + 110, margin=dict(l=45, r=15, t=90, b=30),
                      font=dict(size=13), showlegend=True,
                      legend=dict(orientation="h", x=0, y=1, yanchor="top", yref="container", font=dict(size=14)),
                      meta={"compare": list(codes)})
    fig.update_annotations(font=dict(size=13, color=INK))
    fig.update_xaxes(dtick=2, showgrid=False, tickfont=dict(size=11))
    return narrow.small_multiples(fig, len(shown), columns, row_height=ROW_HEIGHT, own_scales=True)

