"""Presentation mode: every slide built at once, so that stepping through them in the
browser asks the server nothing."""
from __future__ import annotations

from data import catalogue, outlook, queries
from data.divisions import CITY_CODES, PROVINCE_CODE, division, short_name
from data.i18n import t
from data.progress import missing, status_counts
from layouts import components, present
from data.formatting import format_value, name_key
from layouts.figures.alternatives import map_text
from layouts.figures.maps import build_slide_map, slide_map_mode
import urls
from urls import ViewState, parse_present

# The statuses a slide counts places by, in this order. Left out: "no target" (a slide with
# counts has one) and "not yet" (the baseline year, or no baseline), which a slide does not show.
SLIDE_STATUSES = ("achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating", "no_data")

def present_page(store, search: str | None):
    """(stage, lang) for /present and its query string."""
    state, problems = parse_present(search, queries.years(store))
    lang = state.lang
    title, slides, heat_rows, cities = content(store, state)
    notices = components.notice_lines(problems, lang)
    first = state.indicators[0]
    leave = urls.overview(ViewState(indicator=first, year=state.year, level=state.level, lang=lang))
    return present.stage(state, title, slides, heat_rows, cities, notices,
                         store.simulated_part(), leave), lang


def content(store, state, on_slide=None):
    """What the slides show, for the stage and for the deck (documents/deck.py): the title
    slide's groups, a slide per indicator, the heat table's rows and its cities. `on_slide(slide)`
    is called as each indicator's slide is ready (the deck starts drawing its map then)."""
    slides = []
    for i in state.indicators:
        slides.append(indicator_slide(store, catalogue.get(i), state))
        if on_slide is not None:
            on_slide(slides[-1])
    statuses = {ind.id: province_row(store, ind, state.year)["status"] for ind in catalogue.QUANTIFIED}
    heat_inds = [i for i in catalogue.INDICATORS if i.target_at("city") is not None]
    heat_rows = []
    for ind in heat_inds:
        by_code = queries.values(store, ind.id, "city", state.year).set_index("code")["status"]
        heat_rows.append((ind, [by_code[c] for c in CITY_CODES]))
    cities = [short_city(c, state.lang) for c in CITY_CODES]
    return present.goal_groups(statuses), slides, heat_rows, cities


def short_city(code: str, lang: str) -> str:
    """大连 for 大连市 in a narrow column; Dalian in English."""
    return short_name(code) if lang == "zh" else division(code).name_en


def province_row(store, ind, year: int) -> dict:
    return queries.values(store, ind.id, "province", year).iloc[0].to_dict()


def indicator_slide(store, ind, state) -> present.IndicatorSlide:
    lang = state.lang
    values = queries.values(store, ind.id, state.level, state.year)
    province = province_row(store, ind, state.year)
    has_target = ind.target_at(state.level) is not None
    counts = status_counts(values["status"], SLIDE_STATUSES) if has_target else {}
    not_applicable = int((values["status"] == "not_applicable").sum())
    ranked = values.dropna(subset=["value"])
    ranked = ranked.sort_values("progress" if has_target else "value", ascending=True)
    key = name_key(lang)
    behind = [(row[key], format_value(row["value"], ind, lang, state.level))
              for row in ranked.head(3).to_dict("records")]
    value = province["value"]
    return present.IndicatorSlide(
        indicator=ind, figure=build_slide_map(values, ind, state.level, lang, state.theme),
        province_value=None if missing(value) else value,
        province_status=province["status"], status_counts=counts, behind=behind, places=len(values) - not_applicable,
        not_applicable=not_applicable,
        outlook=outlook_line(store, ind, state),
        text=map_text(values, ind, state.level, slide_map_mode(ind, state.level), lang, year=state.year,
                      title=t("alt.slide_map", lang, indicator=ind.name[lang], year=state.year,
                              by=t(f"by.{state.level}", lang)), where=t("place.province", lang)))



def outlook_line(store, ind, state) -> str | None:
    """A slide's outlook to the target year, for a year before it (data/outlook.py, the numbers of
    /api/v1/outlook): how many of the slide's places are expected to reach the target at the pace
    kept, or, for a target set for the province only, the province's outlook. None otherwise."""
    if ind.target is None or state.year >= ind.target_year:
        return None
    lang = state.lang
    if ind.target_at(state.level) is None:
        row = outlook.place(store, ind.id, PROVINCE_CODE, state.year)
        return t("present.outlook_province", lang, status=outlook.status_words(row['outlook'], ind, lang))
    frame = outlook.table(store, ind.id, state.level, state.year)
    return t("present.outlook_line", lang, places=t(f"present.places_{state.level}", lang, n=len(frame)),
             n=outlook.counts_by_outlook(frame).get("will_achieve", 0))
