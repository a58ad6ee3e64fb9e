"""Layouts: functions that build component trees from their arguments (no store queries)."""
from __future__ import annotations

from layouts.overview import overview_layout

# <html lang> matches the default language; the topojson URL is set per graph in figures.
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


def root_layout(simulated: bool):
    """The page tree, built once at start-up: nothing in it depends on the request yet.
    (A layout *function* would make Dash embed a second copy, geometry and all, in the
    page config for callback validation.)"""
    return overview_layout(lang="zh", simulated=simulated)
