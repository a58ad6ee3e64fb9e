"""The charts: the ranking of places, a place's sparkline and trend, and a city's small multiples."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from data import catalogue
from data.catalogue import Indicator
from data.formatting import format_number, format_value, name_key, status_label, target_text, unit_scale
from data.i18n import t
from data.progress import missing as progress_missing
from layouts.figures import narrow
from layouts.figures.style import GRID, INK, LINE, STATUS_COLOURS, TEMPLATE, VALUE_SCALE
from layouts.figures.alternatives import ranked

TARGET_NOTE_BACKGROUND = "rgba(255,255,255,0.85)"
# The projection to 2015 (data/outlook.py): a dashed line in the place's colour, its range a band.
PROJECTION_BAND = "rgba(34,94,168,0.16)"
PROJECTION_LINE = "#225ea8"


def projection_points(outlook: dict | None, ind: Indicator) -> dict | None:
    """What build_trend() draws of an outlook row (data.outlook.place_outlook): from the year
    it is made in, at its value, to the target year at the projected value, and the range's
    low and high ends (None without a range); in the chart's units. None where there is no
    projection to draw."""
    if not outlook or progress_missing(outlook.get("projected")) or progress_missing(outlook.get("value")):
        return None
    factor, _ = unit_scale(ind)
    low, high = outlook.get("projected_low"), outlook.get("projected_high")
    ranged = not (progress_missing(low) or progress_missing(high))
    return {"from_year": int(outlook["year"]), "to_year": int(outlook["target_year"]),
            "value": float(outlook["value"]) * factor, "projected": float(outlook["projected"]) * factor,
            "low": float(low) * factor if ranged else None, "high": float(high) * factor if ranged else None}


def build_ranking(values: pd.DataFrame, ind: Indicator, level: str, lang: str,
                  highlight: str | None = None) -> go.Figure:
    """Places ranked by value, bars coloured by status with the status in words, and the
    target drawn as a line where the document sets one at this level."""
    rows = ranked(values)
    target = ind.target_at(level)
    factor, suffix = unit_scale(ind)
    colours = [STATUS_COLOURS[s] if target is not None else VALUE_SCALE[4] for s in rows["status"]]
    text = [f"{format_value(v, ind, lang)}  {status_label(s, lang, ind) if target is not None else ''}".strip()
            for v, s in zip(rows["value"], rows["status"])]
    x = rows["value"] * factor
    fig = go.Figure(go.Bar(
        x=x, y=rows[name_key(lang)], orientation="h", marker=dict(color=colours, line=dict(
            color=[INK if c == highlight else "rgba(0,0,0,0)" for c in rows["code"]], width=2)),
        text=text, textposition="outside", cliponaxis=False, hoverinfo="skip",
        textfont=dict(size=14, color=INK)))
    fig.update_layout(template=TEMPLATE, margin=dict(l=8, r=150, t=34, b=30), height=max(260, 30 * len(rows) + 70),
                      bargap=0.25, showlegend=False)
    fig.update_yaxes(automargin=True, tickfont=dict(size=14))
    xmax = max(float(x.max()) if len(x) else 0, (target or 0) * factor)
    fig.update_xaxes(range=[0, xmax * 1.02 or 1], ticksuffix=suffix, gridcolor=GRID, zeroline=False,
                     tickfont=dict(size=13))
    if target is not None:
        fig.add_vline(x=target * factor, line=dict(color=INK, width=2, dash="dash"))
        fig.add_annotation(x=target * factor, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=t("chart.target_line", lang, target=target_text(ind, level, lang)),
                           font=dict(size=13, color=INK), bgcolor=TARGET_NOTE_BACKGROUND)
    return narrow.ranking(fig, list(rows[name_key(lang)]), [format_value(v, ind, lang) for v in rows["value"]],
                          [status_label(s, lang, ind) if target is not None else "" for s in rows["status"]],
                          has_target=target is not None)


def build_sparkline(series: pd.DataFrame, ind: Indicator, lang: str) -> go.Figure:
    """One place from 2011, with the target line where there is one."""
    factor, suffix = unit_scale(ind)
    fig = go.Figure(go.Scatter(x=series["year"], y=series["value"] * factor, mode="lines+markers+text",
                               text=[format_value(v, ind, lang) for v in series["value"]],
                               textposition="top center", line=dict(color=LINE, width=3),
                               marker=dict(size=8), hoverinfo="skip", cliponaxis=False))
    target = series["target"].dropna()
    if len(target):
        fig.add_hline(y=float(target.iloc[0]) * factor, line=dict(color=INK, width=1.5, dash="dash"))
    fig.update_layout(template=TEMPLATE, height=170, margin=dict(l=40, r=20, t=28, b=28), font=dict(size=13),
                      showlegend=False)
    fig.update_xaxes(dtick=1, showgrid=False)
    fig.update_yaxes(ticksuffix=suffix, gridcolor=GRID, rangemode="tozero")
    return fig


def build_trend(series: pd.DataFrame, ind: Indicator, lang: str, height: int = 320,
                outlook: dict | None = None) -> go.Figure:
    """One place from 2011 with, where a target applies, the straight path from its 2011
    value to the 2015 target: the line the status method measures progress against. With an
    `outlook` (data.outlook.place_outlook, made in a year before 2015), the projection to 2015
    at the pace since 2011, dashed, and its range as a band, both named as projections."""
    factor, suffix = unit_scale(ind)
    fig = go.Figure()
    projection = projection_points(outlook, ind)
    if projection is not None:
        p = projection
        xs = [p["from_year"], p["to_year"]]
        if p["low"] is not None:
            fig.add_trace(go.Scatter(x=xs, y=[p["value"], p["low"]], mode="lines", line=dict(width=0),
                                     hoverinfo="skip", showlegend=False, name=None))
            fig.add_trace(go.Scatter(x=xs, y=[p["value"], p["high"]], mode="lines", line=dict(width=0),
                                     fill="tonexty", fillcolor=PROJECTION_BAND, hoverinfo="skip",
                                     name=t("trend.projection_range", lang)))
        fig.add_trace(go.Scatter(
            x=xs, y=[p["value"], p["projected"]], mode="lines+markers+text",
            text=["", format_value(outlook["projected"], ind, lang)], textposition="middle right",
            line=dict(color=PROJECTION_LINE, width=2, dash="dash"),
            marker=dict(size=[0, 9], symbol="circle-open", color=PROJECTION_LINE), cliponaxis=False,
            name=t("trend.projection", lang, year=p["from_year"]), hovertemplate="%{x}: %{text}<extra></extra>"))
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
                                      font=dict(size=13), bgcolor=TARGET_NOTE_BACKGROUND),
                      annotation_position="top left")
    fig.add_trace(go.Scatter(x=series["year"], y=series["value"] * factor, mode="lines+markers+text",
                             text=[format_value(v, ind, lang) for v in series["value"]], textposition="top center",
                             line=dict(color=LINE, width=3), marker=dict(size=9), cliponaxis=False,
                             name=ind.short[lang], hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_layout(template=TEMPLATE, height=height,
                      margin=dict(l=50, r=20 if projection is None else 60, t=30, b=40),
                      showlegend=True, legend=dict(orientation="h", y=-0.18, x=0, font=dict(size=13)))
    fig.update_xaxes(dtick=1, showgrid=False)
    if projection is not None:
        fig.update_xaxes(range=[catalogue.BASE_YEAR - 0.3, max(projection["to_year"], int(series["year"].max())) + 0.3])
    fig.update_yaxes(ticksuffix=suffix, gridcolor=GRID, rangemode="tozero")
    return narrow.legend_below(fig, [trace.name for trace in fig.data])


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
                                 line=dict(color=LINE, width=2.5), marker=dict(size=6, color=colour),
                                 hovertemplate="%{x}: %{y:.1f}" + suffix + "<extra></extra>", showlegend=False),
                      row=i // columns + 1, col=i % columns + 1)
        if len(target):
            fig.add_hline(y=float(target.iloc[0]) * factor, line=dict(color=INK, width=1, dash="dash"),
                          row=i // columns + 1, col=i % columns + 1)
    fig.update_layout(template=TEMPLATE, height=190 * rows + 40, margin=dict(l=45, r=15, t=40, b=30),
                      font=dict(size=13))
    fig.update_annotations(font=dict(size=14))
    fig.update_xaxes(dtick=2, showgrid=False, tickfont=dict(size=12))
    fig.update_yaxes(range=[0, max(top, (float(target.iloc[0]) * factor) if len(target) else 0) * 1.08],
                     ticksuffix=suffix, gridcolor=GRID, tickfont=dict(size=12))
    return narrow.small_multiples(fig, len(codes), columns)
