"""The outlook to 2015 as a scorecard's (and /compare's) cell shows it: the outlook status,
then the projected 2015 value with its range (or why there is none), the year reached, the
needed against the observed annual pace, and the gap in units, each one line, all from
data.outlook.describe(), so that the cell says what /api/v1/outlook says. Built from
arguments; no store queries."""
from __future__ import annotations

from dash import html

from data.catalogue import Indicator
from data.i18n import t
from data.outlook import describe
import urls

# The outlooks that make a call, each with a look of its own (assets/app.css); the others are plain.
CALLED = ("will_achieve", "at_risk", "will_miss")


def lines(row: dict, ind: Indicator, level: str, lang: str) -> tuple[str, list[str]]:
    """(the status in words, the cell's other lines): projection with its range, year reached,
    paces, gap (or the derived share of what the province still has to build)."""
    parts = describe(row, ind, level, lang)
    rest = []
    if parts["projection"]:
        rest.append(t("outlook.with_range", lang, projection=parts["projection"], range=parts["range"])
                    if parts["range"] else parts["projection"])
    rest += [p for p in (parts["reach"], parts["pace"], parts["gap"] or parts["derived"]) if p]
    return parts["status"], rest


def cell(row: dict | None, ind: Indicator, level: str, lang: str) -> list | str:
    """The children of an outlook cell; "—" where there is no outlook (no target anywhere)."""
    if row is None:
        return "—"
    status, rest = lines(row, ind, level, lang)
    return [html.Span(status, className=f"outlook-status outlook-{row['outlook']}"
                      + (" outlook-called" if row["outlook"] in CALLED else "")),
            html.Ul([html.Li(x) for x in rest], className="outlook-lines") if rest else None]


def heading(lang: str) -> list:
    """The column's heading: "2015 年展望", and a link to how the outlook is made (/method's section)."""
    return [t("outlook.title", lang), html.Br(),
            # A full load: assets/pages.js opens the page at the section once it is drawn.
            html.A(t("outlook.method_link", lang), href=urls.method(lang) + "#" + urls.METHOD_OUTLOOK,
                   className="outlook-method-link")]
