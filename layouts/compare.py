"""/compare: two places side by side. The picker (two searchable, labelled dropdowns, a swap
link and the years), the table of every indicator (value, target, status, change since 2011
and the outlook to 2015 of each, with the differences), and the trends overlaid. Also the
"与……比较 / Compare with…" link of the city and county pages. Built from arguments; no store
queries."""
from __future__ import annotations

from dash import dcc, html

from data.comparison import Row, Side
from data.divisions import CITY_CODES, COUNTY_CODES, PROVINCE_CODE, division
from data.formatting import change_text, format_value, target_text
from data.i18n import t
from layouts import components, ids, outlook, place_links
from layouts.chart_text import described_graph
import urls
from urls import CompareState


def compare_link(code: str, year: int, lang: str) -> dcc.Link:
    """"与大连市比较 / Compare with Dalian": a county with its city, a city with the province."""
    other = urls.default_other(code)
    state = CompareState(a=code, b=other, year=year, lang=lang)
    return dcc.Link(t("compare.with", lang, place=division(other).label(lang)), href=urls.compare(state),
                    id=ids.COMPARE_LINK, className="compare-link btn btn-sm btn-outline-primary")


def place_options(lang: str) -> list[dict]:
    """The province, 14 cities and 100 counties, searchable by name (both languages) and code."""
    return place_links.picker_options(lang, [PROVINCE_CODE] + CITY_CODES + COUNTY_CODES)


def difference_text(x, ind, lang: str) -> str:
    """A difference between the two places: "+3.2 个百分点" / "+3.2 pp" for shares, "+1,234" for counts."""
    if x is None:
        return "—"
    if ind.unit == "count":
        return f"{x:+,.0f}"
    return t("compare.pp", lang, n=f"{x * 100:+.1f}")


def _value(side: Side, ind, level: str, lang: str) -> str:
    return format_value(side.value, ind, lang, level) if side.tracked else t("compare.not_tracked", lang)


def _status(side: Side, ind, lang: str):
    return components.status_chip(side.status, lang, indicator=ind) if side.tracked and side.status else "—"


def _target(ind, level_a: str, level_b: str, names: tuple[str, str], lang: str) -> str:
    """The target, once if both places have the same; else each place's."""
    a, b = target_text(ind, level_a, lang), target_text(ind, level_b, lang)
    if a == b:
        return a
    return t("compare.two_targets", lang, a=names[0], target_a=a, b=names[1], target_b=b)


def compare_table(rows: list[Row], state: CompareState, with_outlook: bool) -> html.Table:
    """A row per indicator; the columns grouped under value, status, change since 2011 and,
    before 2015, the outlook, each with the two places (and the difference A − B)."""
    lang = state.lang
    place_a, place_b = division(state.a), division(state.b)
    names = (place_a.label(lang), place_b.label(lang))
    diff = t("compare.difference", lang, a=names[0], b=names[1])

    def group(key: str, span: int):
        return html.Th(t(key, lang), colSpan=span, scope="colgroup", className="compare-group")

    top = [html.Th(t("download.indicator", lang), rowSpan=2, scope="col"),
           html.Th(t("map.target", lang), rowSpan=2, scope="col"),
           group("map.value", 3), group("map.status", 2), group("score.change", 3)]
    sub = [names[0], names[1], diff, names[0], names[1], names[0], names[1], diff]
    if with_outlook:
        top.append(html.Th(outlook.heading(lang), colSpan=2, scope="colgroup", className="compare-group"))
        sub += [names[0], names[1]]
    body = []
    for row in rows:
        ind = row.indicator
        cells = [html.Th(ind.name[lang], scope="row", className="compare-indicator", title=ind.description[lang]),
                 html.Td(_target(ind, place_a.level, place_b.level, names, lang)),
                 html.Td(_value(row.a, ind, place_a.level, lang), className="num"),
                 html.Td(_value(row.b, ind, place_b.level, lang), className="num"),
                 html.Td(difference_text(row.difference, ind, lang), className="num compare-diff"),
                 html.Td(_status(row.a, ind, lang)), html.Td(_status(row.b, ind, lang)),
                 html.Td(change_text(row.a.change, ind, lang) or "—", className="num"),
                 html.Td(change_text(row.b.change, ind, lang) or "—", className="num"),
                 html.Td(difference_text(row.change_difference, ind, lang), className="num compare-diff")]
        if with_outlook:
            cells += [html.Td(outlook.cell(row.a.outlook, ind, place_a.level, lang) if row.a.tracked else "—",
                              className="score-outlook"),
                      html.Td(outlook.cell(row.b.outlook, ind, place_b.level, lang) if row.b.tracked else "—",
                              className="score-outlook")]
        body.append(html.Tr(cells, className="compare-row", **{"data-indicator": ind.id}))
    return html.Table([html.Thead([html.Tr(top), html.Tr([html.Th(h, scope="col") for h in sub])]),
                       html.Tbody(body)], className="table table-sm scorecard compare-table", id=ids.COMPARE_TABLE)


def picker(state: CompareState, years: list[int]) -> html.Div:
    """Two searchable dropdowns, each named by its label (assets/a11y.js), a swap link and the
    years: every choice is a link (the dropdowns write the address, callbacks/compare.py)."""
    lang = state.lang
    options = place_options(lang)

    def one(component_id: str, label_key: str, value: str):
        return html.Div(className="compare-pick", children=[
            html.Label(t(label_key, lang), htmlFor=component_id, className="control-label"),
            dcc.Dropdown(id=component_id, options=options, value=value, searchable=True, clearable=False,
                         placeholder=t("compare.search_placeholder", lang), className="place-search"),
        ])

    return html.Div(className="compare-picker", children=[
        one(ids.COMPARE_A, "compare.place_a", state.a),
        dcc.Link(t("compare.swap", lang), href=urls.compare(state, a=state.b, b=state.a), className="compare-swap"),
        one(ids.COMPARE_B, "compare.place_b", state.b),
        html.Div(className="year-links", children=[html.Span(t("facts.year", lang), className="control-label")] + [
            html.Span(str(y), className="year-link current", **{"aria-current": "page"}) if y == state.year else
            dcc.Link(str(y), href=urls.compare(state, year=y), className="year-link") for y in years]),
    ])


def compare_page(*, state: CompareState, years: list[int], notices: list, rows: list[Row], with_outlook: bool,
                 trends_figure, trends_text, simulated, as_of: str, source: str) -> html.Div:
    lang = state.lang
    a, b = division(state.a).label(lang), division(state.b).label(lang)
    title = t("compare.title", lang, a=a, b=b)
    table_title = t("compare.table_title", lang, year=state.year)
    trends_title = t("compare.trends_title", lang, a=a, b=b)
    return components.page_frame(lang, simulated, as_of, source, lambda other: urls.compare(state, lang=other), [
        dcc.Link("← " + t("nav.back_to_overview", lang), href=urls.home(lang, state.year), className="back-link"),
        html.H1(title, className="page-title"),
        html.Div(notices, className="notices"),
        picker(state, years),
        html.Section(className="card scorecard-card compare-card", children=[
            html.Div(html.H2(table_title, className="card-title-text"), className="card-header"),
            components.table_region(compare_table(rows, state, with_outlook), table_title, lang, "card-body"),
        ]),
        html.Section(className="card trend-card compare-card", children=[
            html.Div([html.H2(trends_title, className="card-title-text"),
                      html.P(t("compare.trends_note", lang, a=a, b=b), className="compare-note")],
                     className="card-header"),
            html.Div(described_graph(dcc.Graph(figure=trends_figure,
                                               config={"displayModeBar": False, "responsive": True},
                                               id=ids.COMPARE_TRENDS,
                                               style={"height": f"{trends_figure.layout.height}px"}),
                                     trends_text, ids.COMPARE_TRENDS_TEXT), className="card-body"),
        ]),
    ], page_class="compare-page", title=t("compare.doc_title", lang, a=a, b=b, year=state.year))
