"""The charts' text alternatives: for each figure, its name, a sentence or two saying what it
shows, and a table of the values it draws, in the page's language.

Each is built from the very data and rules its figure is drawn from (map_view() for a map,
ranked() for a ranking, the series for a trend), so that what a screen reader reads is what the
picture shows. Pure: values in, ChartText out; layouts/chart_text.py turns one into markup.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import catalogue, progress
from data.catalogue import Indicator
from data.formatting import format_number, format_percent, format_value, name_key, status_label, target_text
from data.i18n import t
from data.divisions import division
from layouts.figures.maps import features, map_view


@dataclass(frozen=True)
class ChartText:
    label: str                          # the chart's accessible name: what kind of chart, and its title
    summary: str                        # what it shows, in a sentence or three
    caption: str                        # the table's caption
    columns: tuple[str, ...]            # the table's headings
    rows: tuple[tuple[str, ...], ...]   # cell texts; each row's first cell heads the row


def ranked(values: pd.DataFrame) -> pd.DataFrame:
    """The places a ranking draws, in the order plotly stacks the bars (lowest at the bottom)."""
    return values.dropna(subset=["value"]).sort_values("value", ascending=True)


def _extremes(names: list[str], numbers: list, texts: list[str], lang: str, key: str = "alt.extremes",
              **extra) -> str:
    """"Highest: A (v); lowest: B (v)." over the places that have a number."""
    known = [(n, x, s) for n, x, s in zip(names, numbers, texts) if not progress.missing(x)]
    if not known:
        return t("alt.none_shown", lang)
    top = max(known, key=lambda k: k[1])
    low = min(known, key=lambda k: k[1])
    return t(key, lang, top=top[0], top_value=top[2], low=low[0], low_value=low[2], **extra)


def _sentences(parts: list[str], lang: str) -> str:
    """Sentences one after another: with a space in English, none in Chinese."""
    return ("" if lang == "zh" else " ").join(p for p in parts if p)


def _counts(words: list[str], order: list[int], lang: str) -> str:
    """"Of these: achieved 3, on track 5." by status, in the order of progress.STATUSES (`order`:
    each place's index into it)."""
    counted: dict[str, int] = {}
    for _, w in sorted(zip(order, words), key=lambda k: k[0]):
        counted[w] = counted.get(w, 0) + 1
    return t("alt.status_counts", lang, counts=t("list.separator", lang).join(
        t("alt.status_count", lang, status=w, n=n) for w, n in counted.items()))


# ---------------------------------------------------------------------- maps
def map_text(values: pd.DataFrame, ind: Indicator, level: str, mode: str, lang: str, *, year: int, title: str,
             where: str, city: str | None = None, doubted: dict[str, int] | None = None) -> ChartText:
    """A choropleth of `level` (values: data.queries.values() for it, as map_view() takes),
    zoomed into `city` when one is given at county level: the places it draws, in the map's
    feature order, each with the value and status its hover shows; with `doubted` (the
    "numbers to check" layer: code -> warnings, or a city's doubted counties), which it marks."""
    view = map_view(values, ind, level, mode, lang)
    feats = features(level)
    names = [f["properties"][name_key(lang)] for f in feats]
    custom = view.customdata(names, lang)   # [name, value, target, numerator, denominator, status, share]
    zoomed = bool(city) and level == "county"
    shown = [i for i, f in enumerate(feats) if not zoomed or f["properties"].get("city_adcode") == city]
    gaps = set(view.no_data)
    none = set(view.not_applicable)
    kind = view.hover.split("/")[0]

    def value_text(i: int) -> str:
        value = custom[i][1]
        if i in none:
            return t("map.not_applicable", lang)
        if i in gaps or progress.missing(value):
            return t("map.none", lang)
        if kind == "word":
            return value
        if kind == "count":
            return format_number(value)
        if kind == "count_share":
            return t("map.value_with_share", lang, value=format_number(value), share=format_percent(custom[i][6]))
        return format_percent(value)

    rows = tuple((names[i], value_text(i), custom[i][5]) for i in shown)
    numbers = [None if i in gaps else custom[i][1] for i in shown]
    numbers = [x if isinstance(x, (int, float)) else None for x in numbers]
    colour = "status" if view.scale == "status" else "progress" if view.scale == "progress" else "value"
    # Places where the indicator cannot apply are not among the places it is measured for:
    # counted apart, with the reason said once.
    counted = [k for k, i in enumerate(shown) if i not in none]
    left_out = len(shown) - len(counted)
    summary = _sentences([
        t("alt.map_summary", lang, where=where, n=len(counted), indicator=ind.name[lang], year=year,
          colour=t(f"alt.colour_{colour}", lang)),
        t("alt.not_applicable", lang, n=left_out, why=view.not_applicable_text) if left_out else "",
        _counts([rows[k][2] for k in counted], [view.status[shown[k]] for k in counted], lang),
        # A yes-or-no map has no highest and lowest: its counts say it all.
        "" if kind == "word" else _extremes([r[0] for r in rows], numbers, [r[1] for r in rows], lang),
        "" if doubted is None else _doubted_sentence([(names[i], doubted[feats[i]["properties"]["adcode"]])
                                                      for i in shown if feats[i]["properties"]["adcode"] in doubted],
                                                     level, lang),
    ], lang)
    return ChartText(label=t("alt.map_label", lang, title=title), summary=summary,
                     caption=t("alt.map_table", lang, title=title),
                     columns=(t("alt.col_place", lang), t("map.value", lang), t("map.status", lang)), rows=rows)


def _doubted_sentence(places: list[tuple[str, int]], level: str, lang: str) -> str:
    """The "numbers to check" markers in words: which places, and how many warnings (or doubted counties)."""
    if not places:
        return t("quality_layer.alt_none", lang)
    each = t("list.separator", lang).join(t(f"quality_layer.alt_{level}", lang, place=p, n=n) for p, n in places)
    return t("quality_layer.alt", lang, places=each)


def locator_label(place_name: str, lang: str) -> str:
    """A locator map says only where the place is: its name is the whole alternative."""
    return t("alt.locator", lang, place=place_name)


# ---------------------------------------------------------------------- charts
def ranking_text(values: pd.DataFrame, ind: Indicator, level: str, lang: str, title: str) -> ChartText:
    """build_ranking()'s bars from the top down: rank, place, the value and status it writes."""
    rows_ = ranked(values).iloc[::-1]
    target = ind.target_at(level)
    names = list(rows_[name_key(lang)])
    texts = [format_value(v, ind, lang) for v in rows_["value"]]
    rows = []
    for k, (name, text, status) in enumerate(zip(names, texts, rows_["status"]), 1):
        cells = (name, str(k), text)
        rows.append(cells + ((status_label(status, lang, ind),) if target is not None else ()))
    columns = (t("alt.col_place", lang), t("alt.col_rank", lang), t("map.value", lang))
    columns += (t("map.status", lang),) if target is not None else ()
    parts = [t("alt.ranking_summary", lang, n=len(rows), indicator=ind.name[lang]),
             _extremes(names, list(rows_["value"]), texts, lang)]
    if target is not None:
        parts.append(t("alt.reach_target", lang, target=target_text(ind, level, lang),
                       n=int((rows_["status"] == "achieved").sum())))
    return ChartText(label=t("alt.ranking_label", lang, title=title), summary=_sentences(parts, lang),
                     caption=t("alt.ranking_table", lang, title=title), columns=columns, rows=tuple(rows))


def straight_path(series: pd.DataFrame) -> dict[int, float] | None:
    """The straight path build_trend() draws, from the 2011 value to the 2015 target, at each
    year of the series; None where the series has no target or no baseline."""
    target, baseline = series["target"].dropna(), series["baseline"].dropna()
    if not len(target) or not len(baseline):
        return None
    b, tv = float(baseline.iloc[0]), float(target.iloc[0])
    span = catalogue.TARGET_YEAR - catalogue.BASE_YEAR
    return {int(y): b + (tv - b) * (int(y) - catalogue.BASE_YEAR) / span for y in series["year"]
            if catalogue.BASE_YEAR <= int(y) <= catalogue.TARGET_YEAR}


def projection_line(outlook: dict | None) -> dict[int, float] | None:
    """The projection build_trend() draws from an outlook row (data.outlook.place_outlook), at
    each year from the one it is made in to the target year, in the indicator's own units;
    None where there is no projection."""
    if not outlook or progress.missing(outlook.get("projected")) or progress.missing(outlook.get("value")):
        return None
    y0, y1 = int(outlook["year"]), int(outlook["target_year"])
    v0, v1 = float(outlook["value"]), float(outlook["projected"])
    return {y: v0 + (v1 - v0) * (y - y0) / (y1 - y0) for y in range(y0, y1 + 1)}


def series_text(series: pd.DataFrame, ind: Indicator, lang: str, place: str, level: str, *,
                path: bool = False, outlook: dict | None = None) -> ChartText:
    """One place's line (build_sparkline, or build_trend with `path`): its value each year as the
    points are labelled, the status of that year and, with `path`, the straight path's value;
    with an `outlook` (build_trend's), the projection's value from the year it is made in to
    2015, the range at 2015, and a sentence saying what the dashed line and the band are."""
    years = [int(y) for y in series["year"]]
    texts = [format_value(v, ind, lang) for v in series["value"]]
    statuses = list(series["status"])
    on_path = straight_path(series) if path else None
    projected = projection_line(outlook)
    if projected is not None:
        for extra in sorted(set(projected) - set(years)):  # a projection beyond the data's last year
            years.append(extra)
            texts.append(t("value.none", lang))
            statuses.append(None)
        if on_path is not None:
            b, tv = series["baseline"].dropna(), series["target"].dropna()
            span = catalogue.TARGET_YEAR - catalogue.BASE_YEAR
            b0, t0 = float(b.iloc[0]), float(tv.iloc[0])
            on_path.update({y: b0 + (t0 - b0) * (y - catalogue.BASE_YEAR) / span for y in projected if y not in on_path})
    rows = []
    for year, text, status in zip(years, texts, statuses):
        cells = (str(year), text)
        if on_path is not None:
            cells += (format_value(on_path[year], ind, lang) if year in on_path else "—",)
        if projected is not None:
            shown = format_value(projected[year], ind, lang) if year in projected else "—"
            if year == int(outlook["target_year"]) and not progress.missing(outlook.get("projected_low")):
                shown = t("alt.projection_cell", lang, value=shown,
                          low=format_value(outlook["projected_low"], ind, lang),
                          high=format_value(outlook["projected_high"], ind, lang))
            cells += (shown,)
        rows.append(cells + (status_label(status, lang, ind) if status is not None else "—",))
    columns = (t("alt.col_year", lang), t("map.value", lang))
    columns += (t("alt.col_path", lang),) if on_path is not None else ()
    columns += (t("alt.col_projection", lang),) if projected is not None else ()
    columns += (t("map.status", lang),)
    known = [int(y) for y in series["year"]]
    first, last = (known[0], known[-1]) if known else (catalogue.BASE_YEAR, catalogue.BASE_YEAR)
    parts = [t("alt.series_summary", lang, place=place, indicator=ind.name[lang], first=first,
               first_value=texts[0] if known else t("value.none", lang), last=last,
               last_value=texts[len(known) - 1] if known else t("value.none", lang))]
    if len(series["target"].dropna()):
        parts.append(t("alt.series_target", lang, target=target_text(ind, level, lang)))
    if projected is not None:
        value = format_value(outlook["projected"], ind, lang)
        ranged = not progress.missing(outlook.get("projected_low"))
        parts.append(t("alt.projection_ranged" if ranged else "alt.projection_summary", lang,
                       year=int(outlook["year"]), target_year=int(outlook["target_year"]), value=value,
                       low=format_value(outlook.get("projected_low"), ind, lang),
                       high=format_value(outlook.get("projected_high"), ind, lang)))
    return ChartText(label=t("alt.series_label", lang, place=place, indicator=ind.name[lang], first=first, last=last),
                     summary=_sentences(parts, lang), caption=t("alt.series_table", lang, place=place, indicator=ind.name[lang]),
                     columns=columns, rows=tuple(rows))


def multiples_text(series: pd.DataFrame, ind: Indicator, lang: str, title: str, where: str) -> ChartText:
    """build_small_multiples()'s panels in its order: each county's value each year and the
    status its last point is coloured by."""
    key = name_key(lang)
    codes = list(dict.fromkeys(series["code"]))
    years = sorted({int(y) for y in series["year"]})
    rows, names, last_values, last_texts = [], [], [], []
    for code in codes:
        one = series[series["code"] == code]
        by_year = {int(y): v for y, v in zip(one["year"], one["value"])}
        cells = [format_value(by_year.get(y), ind, lang) for y in years]
        name = one[key].iloc[0]
        rows.append((name, *cells, status_label(one["status"].iloc[-1], lang, ind)))
        names.append(name)
        last_values.append(by_year.get(years[-1]) if years else None)
        last_texts.append(cells[-1] if cells else t("value.none", lang))
    first, last = (years[0], years[-1]) if years else (catalogue.BASE_YEAR, catalogue.BASE_YEAR)
    summary = _sentences([t("alt.multiples_summary", lang, where=where, n=len(codes), indicator=ind.name[lang],
                            first=first, last=last),
                          _extremes(names, last_values, last_texts, lang, "alt.extremes_in", year=last)], lang)
    columns = (t("alt.col_place", lang), *[str(y) for y in years], t("map.status", lang))
    return ChartText(label=t("alt.multiples_label", lang, title=title), summary=summary,
                     caption=t("alt.multiples_table", lang, title=title, last=last), columns=columns,
                     rows=tuple(rows))


def compare_text(series: dict[str, pd.DataFrame], shown: list[str], codes: tuple[str, str],
                 names: tuple[str, str], lang: str, title: str) -> ChartText:
    """build_compare_trends()'s panels in its order (`shown`): each place's value each year,
    a row per indicator and place."""
    years = sorted({int(y) for i in shown for y in series[i]["year"]})
    rows = []
    for ind_id in shown:
        ind = catalogue.get(ind_id)
        frame = series[ind_id]
        for code, name in zip(codes, names):
            one = frame[frame["code"] == code]
            by_year = {int(y): v for y, v in zip(one["year"], one["value"])}
            rows.append((t("alt.compare_row", lang, indicator=ind.short[lang], place=name),
                         *[format_value(by_year.get(y), ind, lang, division(code).level) for y in years]))
    first, last = (years[0], years[-1]) if years else (catalogue.BASE_YEAR, catalogue.BASE_YEAR)
    summary = t("alt.compare_summary", lang, a=names[0], b=names[1], n=len(shown), first=first, last=last)
    return ChartText(label=t("alt.compare_label", lang, title=title), summary=summary,
                     caption=t("alt.compare_table", lang, title=title),
                     columns=(t("alt.compare_col", lang), *[str(y) for y in years]), rows=tuple(rows))
