"""TextTable: a read-only table of texts as one Dash component (assets/text_table.js draws it).

Why not html.Table: built of html.Tr/Th/Td it is one Dash component per cell, and Dash's
renderer has every newly drawn component notify every component on the page (a redux dispatch
each), so the cost of redrawing a table grows with its cells times the page's components. The
county map's text alternative (100 rows) held the overview's main thread for 1.5 s after each
year change; as one component it is a few milliseconds (bench/browser.py measures the page).
No library draws a plain accessible <table> from data without bringing a grid's weight, so this
is written here: a caption, column headings (scope=col), each row headed by its first cell
(scope=row), text only.
"""
from __future__ import annotations

from dash.development.base_component import Component


class TextTable(Component):
    """caption: str; columns: headings; rows: lists of cell texts, the first heading its row."""

    _children_props: list[str] = []
    _base_nodes: list[str] = []
    _namespace = "dashboard_components"
    _type = "TextTable"

    def __init__(self, id=None, className=None, caption=None, columns=None, rows=None):
        self._prop_names = ["id", "className", "caption", "columns", "rows"]
        self._valid_wildcard_attributes = []
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties = []
        args = {k: v for k, v in (("id", id), ("className", className), ("caption", caption),
                                  ("columns", list(columns) if columns is not None else None),
                                  ("rows", [list(r) for r in rows] if rows is not None else None))
                if v is not None}
        super().__init__(**args)
