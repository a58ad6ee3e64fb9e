"""Presentation mode: a fixed 1920x1080 stage of slides, scaled to any screen by
assets/present.js, which also steps through them (keys, clicker, timer) without asking the
server anything. Every text on the stage is at least 28 px of the 1080-pixel stage."""
from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from data import catalogue
from data.catalogue import Indicator
from data.i18n import t
from data.formatting import colon, format_value, locale, status_label, target_text
from layouts.figures.style import STATUS_COLOURS, TOPOJSON_URL
from layouts import components, ids
from layouts.chart_text import described_graph
from layouts.documents import deck_control
from layouts.static import Static, static
from urls import PresentState

MAP_SIZE = (1120, 820)
# A symbol per status for the summary table, read with its legend.
STATUS_SYMBOLS = {"achieved": "✔", "on_track": "↗", "needs_acceleration": "→", "limited_progress": "↘",
                  "deteriorating": "↓", "not_yet": "…", "no_data": "·", "no_target": "—",
                  "not_applicable": "○"}


@dataclass
class IndicatorSlide:
    indicator: Indicator
    figure: object
    province_value: float | None
    province_status: str
    status_counts: dict[str, int]
    behind: list[tuple[str, str]]   # (place name, value text) of the three furthest behind
    places: int                     # how many cities or counties the indicator applies to
    text: object = None             # the map's text alternative (alternatives.ChartText)
    outlook: str | None = None      # the outlook to 2015 in one line, before 2015 (callbacks.present.outlook_line)
    not_applicable: int = 0         # how many it cannot apply to (a district without villages): not counted


@dataclass
class TitleSlide:
    achieved: list[Indicator]
    on_track: list[Indicator]
    behind: list[Indicator]
    not_yet: list[Indicator]


def stage(state: PresentState, title: TitleSlide, slides: list[IndicatorSlide],
          heat_rows: list[tuple[Indicator, list[str]]], cities: list[str], notices: list[str], simulated: bool,
          leave_href: str) -> html.Div:
    lang = state.lang
    all_slides = ([title_slide(state, title, notices)] + [indicator_slide(state, s) for s in slides]
                  + [summary_slide(state, heat_rows, cities)])
    # The stage is the page's main landmark; the browser's title names the mode and the year.
    return html.Main(className=f"present theme-{state.theme}", id=ids.PRESENT_ROOT, lang=locale(lang),
                     children=[components.document_title(t("title.present", lang, year=state.year), lang),
                               html.Div(id=ids.PRESENT_STAGE, className="stage", **{
                        "data-interval": str(state.interval), "data-leave": leave_href,
                        "data-paused-label": t("present.paused", lang),
                        # what the live region says, and the pause button's two words
                        "data-announce": t("present.announce", lang, n="{n}", total="{total}", title="{title}"),
                        "data-announce-paused": t("present.announce_paused", lang),
                        "data-announce-resumed": t("present.announce_resumed", lang, seconds=state.interval),
                        "data-pause-label": t("present.pause", lang), "data-resume-label": t("present.resume", lang),
                        # assets/present.js finds the stage's parts by these, so ids.py is their one home
                        "data-root-id": ids.PRESENT_ROOT, "data-number-id": ids.PRESENT_NUMBER,
                        "data-progress-id": ids.PRESENT_PROGRESS, "data-state-id": ids.PRESENT_STATE,
                        "data-previous-id": ids.PRESENT_PREVIOUS, "data-next-id": ids.PRESENT_NEXT,
                        "data-pause-id": ids.PRESENT_PAUSE, "data-announce-id": ids.PRESENT_ANNOUNCE}, children=[
                        *all_slides,
                        html.Div(className="stage-footer", children=[
                            html.Span(t("badge.simulated" if getattr(simulated, "whole", True) else "badge.partly_simulated", lang),
                                      className="stage-badge") if simulated else None,
                            html.Span(t("present.keys", lang), className="stage-keys"),
                            stage_controls(lang, leave_href),
                            deck_control(state.to_query(), lang, class_name="stage-deck"),
                            html.Span("", className="stage-state", id=ids.PRESENT_STATE),
                            html.Span(f"1 / {len(all_slides)}", className="stage-number", id=ids.PRESENT_NUMBER),
                            # read out when the slide changes or the timer is paused (assets/present.js)
                            html.Div(id=ids.PRESENT_ANNOUNCE, role="status", className="visually-hidden",
                                     **{"aria-live": "polite", "aria-atomic": "true"}),
                        ]),
                        html.Div(html.Div(className="progress-fill", id=ids.PRESENT_PROGRESS),
                                 className="progress-line"),
                    ])])


def stage_controls(lang: str, leave_href: str) -> html.Div:
    """Previous, pause / resume and next, as buttons for the mouse, a touch screen and the
    keyboard (the keys a clicker sends still work everywhere), and the way out."""
    def icon(symbol: str, class_name: str = "") -> html.Span:
        return html.Span(symbol, className=f"stage-icon {class_name}".strip(), **{"aria-hidden": "true"})

    # Each button names the keys that do the same (aria-keyshortcuts; the title shows them).
    return html.Div(role="group", className="stage-controls", **{"aria-label": t("present.controls", lang)}, children=[
        html.Button([icon("◀"), t("present.previous", lang)], id=ids.PRESENT_PREVIOUS, type="button",
                    className="stage-button", title=t("present.previous_title", lang),
                    **{"aria-keyshortcuts": "ArrowLeft PageUp"}),
        html.Button([icon("❚❚", "stage-pause-icon"), html.Span(t("present.pause", lang), className="stage-pause-text")],
                    id=ids.PRESENT_PAUSE, type="button", className="stage-button stage-pause",
                    title=t("present.pause_title", lang), **{"aria-keyshortcuts": "Space"}),
        html.Button([t("present.next", lang), icon("▶")], id=ids.PRESENT_NEXT, type="button",
                    className="stage-button", title=t("present.next_title", lang),
                    **{"aria-keyshortcuts": "ArrowRight PageDown"}),
        dcc.Link(t("present.leave", lang), href=leave_href, className="stage-button stage-leave",
                 title=t("present.leave_title", lang)),
    ])


def title_slide(state: PresentState, title: TitleSlide, notices: list[str]) -> Static:
    lang = state.lang
    total = len(title.achieved) + len(title.on_track) + len(title.behind) + len(title.not_yet)

    def tile(key: str, items: list[Indicator], colour: str) -> html.Div:
        return html.Div(className="title-tile", style={"borderTopColor": colour}, children=[
            html.Div(str(len(items)), className="tile-number"),
            html.Div(t(key, lang), className="tile-label"),
            html.Div(t("list.separator", lang).join(i.short[lang] for i in items), className="tile-items"),
        ])

    tiles = [tile("present.achieved", title.achieved, STATUS_COLOURS["achieved"]),
             tile("present.on_track", title.on_track, STATUS_COLOURS["on_track"]),
             tile("present.behind", title.behind, STATUS_COLOURS["limited_progress"])]
    if title.not_yet:
        tiles.append(tile("present.not_yet", title.not_yet, STATUS_COLOURS["not_yet"]))
    return static(html.Div(className="slide slide-title-page", **{"data-title": t("present.title_slide", lang)}, children=[
        html.H1(t("app.title", lang), className="slide-title"),
        html.Div(t("present.title_sub", lang, year=state.year, n=total), className="slide-sub"),
        html.Div(tiles, className="title-tiles"),
        html.Div([html.Div(n, className="stage-notice") for n in notices], className="stage-notices")
        if notices else None,
    ]))


def not_applicable_line(s: IndicatorSlide, lang: str) -> str:
    """The places left out of the counts, with the reason said once: 另有 19 个不适用（无村），不计入。"""
    return t("alt.not_applicable", lang, n=s.not_applicable, why=status_label("not_applicable", lang, s.indicator))


def indicator_slide(state: PresentState, s: IndicatorSlide) -> html.Div:
    lang = state.lang
    ind = s.indicator
    sep = colon(lang)
    level_word = t(f"present.places_{state.level}", lang, n=s.places)
    has_target = ind.target_at(state.level) is not None
    if has_target:
        counts = [html.Li([html.Span(className="swatch", style={"backgroundColor": STATUS_COLOURS[k]}),
                           t("present.count_line", lang, status=status_label(k, lang), n=n)])
                  for k, n in s.status_counts.items()]
        if s.not_applicable:
            counts.append(html.Li([html.Span(className="swatch", style={"backgroundColor": STATUS_COLOURS["not_applicable"]}),
                                   not_applicable_line(s, lang)]))
        counts_intro = t("present.counts_intro", lang, places=level_word)
    else:
        counts = [html.Li(t("present.no_local_target", lang) if ind.target is not None else t("legend.value", lang))]
        counts_intro = ""
    return html.Div(className="slide slide-indicator", **{"data-title": ind.name[lang], "data-indicator": ind.id},
                    children=[
        html.H1(ind.name[lang], className="slide-title"),
        html.Div(t("present.slide_sub", lang, year=state.year, by=t(f"by.{state.level}", lang)), className="slide-sub"),
        html.Div(className="slide-body", children=[
            described_graph(dcc.Graph(figure=s.figure, className="slide-map",
                                      config={"staticPlot": True, "displayModeBar": False, "topojsonURL": TOPOJSON_URL},
                                      style={"width": f"{MAP_SIZE[0]}px", "height": f"{MAP_SIZE[1]}px"}),
                            s.text, f"{ids.SLIDE_MAP_TEXT}-{ind.id}", style={"flex": "none"}),
            static(html.Div(className="slide-side", children=[
                html.Div(t("present.province", lang), className="side-label"),
                html.Div([html.Span(format_value(s.province_value, ind, lang), className="side-value"),
                          html.Span(" / " + target_text(ind, "province", lang), className="side-target")]),
                html.Div(status_label(s.province_status, lang, ind), className="side-status",
                         style={"backgroundColor": STATUS_COLOURS[s.province_status]}),
                html.Div(s.outlook, className="side-outlook") if s.outlook else None,
                html.Div(counts_intro, className="side-label side-gap") if counts_intro else None,
                html.Ul(counts, className="side-counts"),
                html.Div(t("present.behind_title" if has_target else "present.fewest_title", lang,
                           places=t(f"present.kind_{state.level}", lang)), className="side-label side-gap"),
                html.Ol([html.Li(f"{name}{sep}{value}") for name, value in s.behind], className="side-behind"),
            ])),
        ]),
        html.Div(f"{t('download.clause', lang)}{sep}{ind.clause_section} “{ind.clause}”", className="slide-clause",
                 lang="zh-CN"),
    ])


def summary_slide(state: PresentState, rows: list[tuple[Indicator, list[str]]], cities: list[str]) -> Static:
    """Indicators x cities, a status symbol in each cell. A real table for a screen reader: a
    caption, each city a column header and each indicator a row header, and every cell its
    status in words (the symbol is for the eye, with the legend beside the table)."""
    lang = state.lang
    hidden = {"aria-hidden": "true"}
    head = html.Tr([html.Th(html.Span(t("present.heat_corner", lang), className="visually-hidden"), scope="col")]
                   + [html.Th(html.Span(c, className="city-head"), scope="col") for c in cities])
    body = [html.Tr([html.Th(ind.short[lang], className="row-head", scope="row")] + [
        html.Td([html.Span(STATUS_SYMBOLS[s], **hidden), html.Span(status_label(s, lang, ind), className="visually-hidden")],
                className="heat-cell", title=status_label(s, lang, ind),
                style={"backgroundColor": STATUS_COLOURS[s]}) for s in statuses]) for ind, statuses in rows]
    legend = [html.Span([html.Span(STATUS_SYMBOLS[k], className="legend-symbol", **hidden,
                                   style={"backgroundColor": STATUS_COLOURS[k]}), status_label(k, lang)],
                        className="heat-legend-item")
              for k in ("achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating")]
    return static(html.Div(className="slide slide-summary", **{"data-title": t("present.summary", lang)}, children=[
        html.H1(t("present.summary", lang), className="slide-title"),
        html.Div(t("present.summary_sub", lang, year=state.year), className="slide-sub"),
        html.Div([html.Table([html.Caption(t("present.heat_caption", lang, year=state.year), className="visually-hidden"),
                              html.Thead(head), html.Tbody(body)], className="heat-table"),
                  html.Div(legend, className="heat-legend")], className="heat-wrap"),
    ]))


def goal_groups(statuses: dict[str, str]) -> TitleSlide:
    """The title slide's groups from each quantified goal's province status."""
    groups = {"achieved": [], "on_track": [], "behind": [], "not_yet": []}
    for ind_id, status in statuses.items():
        key = status if status in ("achieved", "on_track") else "not_yet" if status in ("not_yet", "no_data") \
            else "behind"
        groups[key].append(catalogue.get(ind_id))
    return TitleSlide(**groups)
