"""Where a chart is placed: the figure for the eye, its text alternative for a screen reader.

described_graph() wraps a dcc.Graph in a role="figure" whose name and description point at a
visually hidden block (the chart's name, its summary and a table of its values, from
layouts/figures/alternatives.py; the table is one TextTable, layouts/text_table.py says why),
and hides plotly's own SVG text from the accessibility tree, where it would read as loose
strings. A callback that redraws the figure also sends
block_children() to the block's id, so the two change together.
"""
from __future__ import annotations

from dash import html

from layouts.figures.alternatives import ChartText
from layouts.text_table import TextTable


def label_id(text_id: str) -> str:
    return f"{text_id}-label"


def summary_id(text_id: str) -> str:
    return f"{text_id}-summary"


def _children(text: ChartText) -> list:
    """The hidden block's content: the chart's name, its summary, the table of its values."""
    return [html.Span(text.label, className="chart-text-label"), html.P(text.summary, className="chart-text-summary"),
            TextTable(className="chart-text-table", caption=text.caption, columns=text.columns, rows=text.rows)
            if text.rows else None]


def text_block(text: ChartText, text_id: str) -> html.Div:
    """The visually hidden block (not display:none: a screen reader reads it in order)."""
    return html.Div(block_children(text, text_id), id=text_id, className="visually-hidden chart-text")


def _with_ids(children: list, text_id: str) -> list:
    children[0].id = label_id(text_id)
    children[1].id = summary_id(text_id)
    return children


def block_children(text: ChartText, text_id: str) -> list:
    """The block's content with the ids the figure's name and description point at: what a
    callback sends to the block `text_id` when the chart changes."""
    return _with_ids(_children(text), text_id)


def reserved_height(graph) -> dict | None:
    """The picture's height held from the first paint: dcc.Graph draws nothing until plotly's
    chunk has loaded, and the page below it would then jump down (layout shift). The graph's
    own height (its style, else its figure's), when it is given in pixels."""
    height = (getattr(graph, "style", None) or {}).get("height")
    if height is None:
        figure_height = getattr(getattr(getattr(graph, "figure", None), "layout", None), "height", None)
        height = f"{figure_height}px" if figure_height else None
    return {"minHeight": height} if isinstance(height, str) and height.endswith("px") else None


def described_graph(graph, text: ChartText, text_id: str, class_name: str = "", style: dict | None = None) -> html.Div:
    """`graph` with its text alternative: a figure named by the hidden label and described by
    the hidden summary; the picture itself is aria-hidden, and holds the graph's height."""
    return html.Div(role="figure", className=f"chart-figure {class_name}".strip(), style=style, **{
        "aria-labelledby": label_id(text_id), "aria-describedby": summary_id(text_id)}, children=[
        html.Div(graph, className="chart-picture", style=reserved_height(graph), **{"aria-hidden": "true"}),
        text_block(text, text_id),
    ])


def described_picture(graph, label: str, class_name: str = "", style: dict | None = None) -> html.Div:
    """A picture that only shows where (a locator map): role="img" with its name; its SVG is
    presentational, so nothing of it is read but the name."""
    return html.Div(graph, role="img", className=f"chart-figure {class_name}".strip(),
                    style={**(reserved_height(graph) or {}), **(style or {})}, **{"aria-label": label})
