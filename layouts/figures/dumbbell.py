"""The ranking in the overview's "change" mode: a dumbbell chart, each place's value in year A
(a hollow dot) and in year B (a filled dot) joined by a line, ranked by B as the bar ranking is
(alternatives.ranked), and its text alternative from the same rows."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from data.catalogue import Indicator
from data.formatting import format_value, name_key, target_text, unit_scale
from data.i18n import t
from layouts.figures import narrow
from layouts.figures.alternatives import ChartText, _extremes, _sentences, ranked
from layouts.figures.mode_maps import CHANGE_SCALE, change_words, rounded
from layouts.figures.style import GRID, INK, TEMPLATE

RISE, FALL, LEVEL = CHANGE_SCALE[-2], CHANGE_SCALE[1], "#8a96a3"


def dumbbell_rows(start: pd.DataFrame, end: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    """The places ranked by their value in B (lowest first, as plotly stacks them), with their
    value in A and the change, rounded as the map shows them."""
    rows = ranked(end)[["code", "name", "name_en", "value"]].rename(columns={"value": "end"})
    by_code = start.set_index("code")["value"]
    rows["start"] = [by_code.get(c) for c in rows["code"]]
    rows["end"] = [rounded(v, ind) for v in rows["end"]]
    rows["start"] = [rounded(v, ind) for v in rows["start"]]
    rows["change"] = [None if a is None or b is None else round(b - a, 6) for a, b in zip(rows["start"], rows["end"])]
    return rows.reset_index(drop=True)


def build_dumbbell(start: pd.DataFrame, end: pd.DataFrame, ind: Indicator, level: str, lang: str,
                   start_year: int, year: int, highlight: str | None = None) -> go.Figure:
    rows = dumbbell_rows(start, end, ind)
    factor, suffix = unit_scale(ind)
    names = list(rows[name_key(lang)])
    fig = go.Figure()
    # one line per place, coloured by the sign of its change
    for k, (name, a, b, c) in enumerate(zip(names, rows["start"], rows["end"], rows["change"])):
        if a is None or b is None:
            continue
        fig.add_trace(go.Scatter(x=[a * factor, b * factor], y=[name, name], mode="lines", hoverinfo="skip",
                                 line=dict(color=RISE if c > 0 else FALL if c < 0 else LEVEL, width=4),
                                 showlegend=False))
    fig.add_trace(go.Scatter(
        x=[None if a is None else a * factor for a in rows["start"]], y=names, mode="markers", name=str(start_year),
        marker=dict(size=11, color="white", line=dict(color=INK, width=2)), hoverinfo="skip"))
    labels = [f"{format_value(b, ind, lang)} ({change_words(c, ind, lang)})" if c is not None
              else format_value(b, ind, lang) for b, c in zip(rows["end"], rows["change"])]
    fig.add_trace(go.Scatter(
        x=[None if b is None else b * factor for b in rows["end"]], y=names, mode="markers+text", name=str(year),
        marker=dict(size=11, color=INK, line=dict(color=[INK if c == highlight else "white" for c in rows["code"]],
                                                  width=2)),
        text=labels, textposition="middle right", cliponaxis=False, hoverinfo="skip", textfont=dict(size=13, color=INK)))
    values = [v * factor for v in list(rows["start"]) + list(rows["end"]) if v is not None]
    top = max(values + [(ind.target_at(level) or 0) * factor], default=1) or 1
    fig.update_layout(template=TEMPLATE, margin=dict(l=8, r=150, t=34, b=30), height=max(260, 30 * len(rows) + 90),
                      showlegend=True, legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, font=dict(size=13)))
    fig.update_yaxes(automargin=True, tickfont=dict(size=14), categoryorder="array", categoryarray=names)
    fig.update_xaxes(range=[0, top * 1.04], ticksuffix=suffix, gridcolor=GRID, zeroline=False, tickfont=dict(size=13))
    target = ind.target_at(level)
    if target is not None:
        fig.add_vline(x=target * factor, line=dict(color=INK, width=1.5, dash="dash"))
        fig.add_annotation(x=target * factor, y=1, yref="paper", yanchor="bottom", xanchor="right", showarrow=False,
                           text=t("chart.target_line", lang, target=target_text(ind, level, lang)),
                           font=dict(size=13, color=INK), bgcolor="rgba(255,255,255,0.85)")
    return narrow.fit(fig, {"margin.r": 120, "yaxis.tickfont.size": narrow.NARROW_FONT, "xaxis.nticks": 4,
                            "xaxis.tickfont.size": narrow.NARROW_FONT})


def dumbbell_text(start: pd.DataFrame, end: pd.DataFrame, ind: Indicator, lang: str, title: str,
                  start_year: int, year: int) -> ChartText:
    """The dumbbell from the top down: each place's value in A and B and the change."""
    rows = dumbbell_rows(start, end, ind).iloc[::-1]
    key = name_key(lang)
    names = list(rows[key])
    cells = [(name, format_value(a, ind, lang), format_value(b, ind, lang), change_words(c, ind, lang))
             for name, a, b, c in zip(names, rows["start"], rows["end"], rows["change"])]
    summary = _sentences([
        t("alt.dumbbell_summary", lang, n=len(cells), indicator=ind.name[lang], start=start_year, year=year),
        _extremes(names, list(rows["change"]), [c[3] for c in cells], lang, "alt.change_extremes"),
    ], lang)
    return ChartText(label=t("alt.dumbbell_label", lang, title=title), summary=summary,
                     caption=t("alt.dumbbell_table", lang, title=title),
                     columns=(t("alt.col_place", lang), str(start_year), str(year), t("map.change", lang)),
                     rows=tuple(cells))
