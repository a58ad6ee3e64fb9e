"""layouts/static.py: a tree of html components as one component's data."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from layouts.static import Static, static
from tests.tree import find, text, walk


def test_the_tree_keeps_tags_attributes_and_text_in_order():
    tree = static(html.Table(id="t", className="table", children=[
        html.Thead(html.Tr([html.Th("A", scope="col"), html.Th("B", scope="col")])),
        html.Tbody(html.Tr([html.Th("x", scope="row"), html.Td(3, className="num", style={"width": "1px"},
                                                              **{"aria-label": "three", "data-v": "3"})]))]))
    assert tree.to_plotly_json() == {"type": "Static", "namespace": "dashboard_components", "props": {"tree": [
        "table", {"id": "t", "className": "table"},
        ["thead", {}, ["tr", {}, ["th", {"scope": "col"}, "A"], ["th", {"scope": "col"}, "B"]]],
        ["tbody", {}, ["tr", {}, ["th", {"scope": "row"}, "x"],
                       ["td", {"className": "num", "style": {"width": "1px"}, "aria-label": "three", "data-v": "3"},
                        "3"]]]]}}


def test_a_dcc_link_is_a_link_inside_the_app_unless_it_refreshes():
    drawn = static(html.Div([dcc.Link("in", href="/county/210224", className="c", title="t"),
                             dcc.Link("out", href="/data", refresh=True), html.A("file", href="/download/x.csv")]))
    _, _, inside, refreshing, plain = drawn.tree
    assert inside == ["a", {"href": "/county/210224", "className": "c", "title": "t", "link": True}, "in"]
    assert refreshing == ["a", {"href": "/data"}, "out"]
    assert plain == ["a", {"href": "/download/x.csv"}, "file"]


def test_a_list_is_a_fragment_and_empty_children_drop_out():
    drawn = static([html.Span("a"), None, "b", html.Span([None, "c", False])])
    assert drawn.tree == ["", {}, ["span", {}, "a"], "b", ["span", {}, "c"]]


def test_only_html_components_and_links_can_be_static():
    with pytest.raises(TypeError, match="Card"):
        static(html.Div(dbc.Card("x")))
    with pytest.raises(TypeError, match="Graph"):
        static(html.Div(dcc.Graph(id="g")))


def test_the_source_stays_walkable_in_python():
    drawn = static(html.Div([html.P("one", id="p1"), html.Span(["two ", html.B("three")])]))
    assert isinstance(drawn, Static) and find(drawn, "p1").children == "one"
    assert bool(drawn) and (drawn or []) is drawn   # a Component without children would be false
    assert text(drawn) == "one two  three"
    assert [type(n).__name__ for n in walk(drawn)] == ["Static", "Div", "P", "Span", "B"]


def components_drawn(tree) -> int:
    """The Dash components the browser wraps (a Static or a TextTable is one, whatever it draws)."""
    if tree is None or isinstance(tree, (str, int, float)):
        return 0
    if isinstance(tree, (list, tuple)):
        return sum(components_drawn(c) for c in tree)
    if type(tree).__name__ in ("Static", "TextTable"):
        return 1
    return 1 + sum(components_drawn(getattr(tree, p, None))
                   for p in ("children",) + tuple(getattr(tree, "_children_props", None) or ()))


@pytest.mark.parametrize("path, search, most", [
    ("/", "?indicator=barrier_free&level=county&year=2014&map=outlook", 250),
    ("/county/210224", "?year=2014", 160),
    ("/city/210200", "?year=2014", 220),
    ("/present", "", 150),
])
def test_pages_are_drawn_with_few_components(demo_store, path, search, most):
    """Every component Dash draws costs a pass over all the page's components (layouts/static.py):
    the read-only parts are one component each. Drawn cell by cell, the overview, the county
    page and /present were 1,041, 478 and 1,077 (now about 160, 100 and 80)."""
    import callbacks
    page, _ = callbacks.render(demo_store, path, search)
    assert components_drawn(page) <= most
