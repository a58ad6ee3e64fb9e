"""Static: a tree of html components drawn in the browser as one Dash component.

Dash wraps every component of a page in a React component of its own that watches the store,
and its renderer has each newly drawn one dispatch to all the others (plotly/dash#3846 is of
the same family): the cost of drawing a page grows with its components, and of redrawing a
part, with the part's components times the page's. A table or a row of cards written as
html.Div/Span/Td is tens to hundreds of components that never change but as a whole. static()
turns such a tree (html components and dcc.Link, nothing a callback reads or writes inside)
into one component whose data is the tree (assets/static.js draws it: the same elements, the
same attributes, links followed inside the app as dcc.Link follows them).

The tree stays readable in Python: `.source` is what was given (tests/tree.py walks into it).
"""
from __future__ import annotations

from dash import dcc
from dash.development.base_component import Component

HTML = "dash_html_components"
# Props that are Dash's own, not the element's.
_NOT_ATTRIBUTES = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "refresh"}


def _node(component):
    if component is None or isinstance(component, bool):
        return None
    if isinstance(component, (str, int, float)):
        return component if isinstance(component, str) else str(component)
    if isinstance(component, (list, tuple)):
        raise TypeError("a list inside a list: give children as one list")
    if isinstance(component, Static):
        return _node(component.source)
    if isinstance(component, dcc.Link):
        tag, extra = "a", ({} if getattr(component, "refresh", False) else {"link": True})
    elif getattr(component, "_namespace", None) == HTML:
        tag, extra = component._type.lower(), {}
    else:
        raise TypeError(f"static() draws html components and dcc.Link only, not {type(component).__name__}")
    props = {k: v for k, v in component.to_plotly_json()["props"].items() if k not in _NOT_ATTRIBUTES}
    props.update(extra)
    children = getattr(component, "children", None)
    if children is None:
        children = []
    elif not isinstance(children, (list, tuple)):
        children = [children]
    drawn = [n for n in (_node(c) for c in children) if n is not None]
    return [tag, props, *drawn]


class Static(Component):
    """One component drawing `source` (an html component, or a list of them)."""

    _children_props: list[str] = []
    _base_nodes: list[str] = []
    _namespace = "dashboard_components"
    _type = "Static"

    def __init__(self, source):
        self._prop_names = ["tree"]
        self._valid_wildcard_attributes = []
        self.available_properties = ["tree"]
        self.available_wildcard_properties = []
        if isinstance(source, (list, tuple)):  # a fragment: tag ""
            tree = ["", {}, *(n for n in (_node(c) for c in source) if n is not None)]
        else:
            tree = _node(source)
        super().__init__(tree=tree)
        self.source = source

    def __bool__(self) -> bool:
        # A Component's truth is its number of child components, which for this one is none:
        # `static(x) or []` would drop it.
        return True


def static(source) -> Static:
    return Static(source)
