"""Layouts: functions that build component trees from their arguments (no store queries)."""
from __future__ import annotations

from dash import dcc, html

from layouts import ids

# <html lang> starts as Chinese, the default; assets/map.js keeps it in step with the page.
INDEX_STRING = """<!DOCTYPE html>
<html lang="zh-CN">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def shell() -> html.Div:
    """The static frame every page is rendered into by callbacks.routing.

    Static on purpose: a layout *function* would make Dash embed a second copy of the
    whole layout, geometry and all, in the page config for callback validation.
    """
    return html.Div([
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        dcc.Store(id=ids.PAGE_META),
        html.Div(id=ids.PAGE, className="page"),
    ])
