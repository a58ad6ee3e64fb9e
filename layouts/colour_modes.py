"""The overview's "2015 outlook" and "change" colour modes, on the page: their worded legends and
the change's first-year control (layouts/figures/mode_maps.py draws the maps)."""
from __future__ import annotations

from dash import html

from data.catalogue import Indicator
from data.i18n import t
from layouts import ids
from layouts.figures.mode_maps import OUTLOOK_COLOURS, CHANGE_SCALE, ChangeView, OutlookView, outlook_word
import urls


def outlook_legend(view: OutlookView, ind: Indicator, lang: str, shown: list[int] | None = None) -> list:
    """Each outlook class the map draws, in words, with its colour and how many places are in
    it, and the link to how the outlook is made (docs/method.md's section)."""
    classes = view.outlook if shown is None else [view.outlook[i] for i in shown]
    counts = {o: classes.count(o) for o in OUTLOOK_COLOURS if o in classes}
    return [html.P(t("legend.outlook", lang), className="legend-note")] + [
        html.Div(className="legend-row", children=[
            html.Span(className="legend-swatch", style={"backgroundColor": OUTLOOK_COLOURS[o]}),
            html.Span(outlook_word(o, ind, lang), className="legend-word"),
            html.Span(t("legend.count", lang, n=n), className="legend-count")])
        for o, n in counts.items()] + [
        html.A(t("outlook.method_link", lang), href=urls.method(lang) + "#" + urls.METHOD_OUTLOOK,
               className="legend-method")]


def change_legend(view: ChangeView, start_year: int, year: int, lang: str, shown: list[int] | None = None) -> list:
    """What the diverging colours mean, in words, and how many places rose, fell, stayed level."""
    part = view if shown is None else ChangeView([view.start[i] for i in shown], [view.end[i] for i in shown],
                                                view.limit)
    counts = part.counts()
    swatches = html.Span(className="legend-ramp", **{"aria-hidden": "true"}, children=[
        html.Span(className="legend-swatch", style={"backgroundColor": c}) for c in CHANGE_SCALE])
    return [html.P(t("legend.change", lang, start=start_year, year=year), className="legend-note"), swatches,
            html.P(t("legend.change_count", lang, **counts), className="legend-note")]


def change_from_control(state: urls.ViewState, years: list[int], lang: str, toggle) -> html.Div:
    """Year A of the change mode: a radio group (one Tab stop, arrow keys move the choice),
    shown only in that mode. `toggle` is layouts.overview.toggle."""
    return html.Div(toggle(ids.CHANGE_FROM, t("control.change_from", lang), state.from_year or min(years),
                           [(str(y), y) for y in years[:-1]]),
                    id=ids.CHANGE_FROM_WRAP, hidden=state.mode != urls.CHANGE_MODE, className="control-change-from")
