"""The overview's URL state and the transitions of one user action, without a browser."""
from __future__ import annotations

import pytest

from callbacks.overview import next_state
from layouts import ids
from data import catalogue
from urls import PlaceState, PresentState, ViewState, default_state, parse, parse_place, parse_present

YEARS = [2011, 2012, 2013, 2014, 2015]


def test_a_full_link_round_trips():
    state = ViewState(indicator="barrier_free", year=2013, level="county", city="210200", county="210224",
                      mode="status", lang="en")
    again, notices = parse(state.to_query(), YEARS)
    assert again == state and notices == []


def test_an_empty_link_is_the_default_view():
    state, notices = parse("", YEARS)
    assert state == default_state(YEARS) and notices == []
    assert state.year == 2015 and state.level == "city" and state.lang == "zh" and state.city is None


@pytest.mark.parametrize("query, name", [
    ("indicator=nope", "indicator"),
    ("indicator=training_base", "indicator"),  # province-only: not on the map
    ("year=1999", "year"), ("year=20145", "year"), ("year=abc", "year"), ("year=", "year"),
    ("level=town", "level"), ("city=abc", "city"), ("city=210102", "city"), ("county=999999", "county"),
    ("city=210100&county=210224", "county"), ("map=pie", "map"), ("lang=fr", "lang"),
    ("indicator=%27%3B%20DROP%20TABLE%20units%3B--", "indicator"),
])
def test_a_bad_value_falls_back_with_a_notice(query, name):
    state, notices = parse(query, YEARS)
    assert [n[1]["name"] for n in notices] == [name]
    default = default_state(YEARS)
    field = {"map": "mode"}.get(name, name)
    assert getattr(state, field) == getattr(default, field)


def test_unknown_parameters_are_ignored_silently():
    state, notices = parse("utm_source=wechat&foo=bar&year=2013", YEARS)
    assert notices == [] and state.year == 2013


def test_a_long_bad_value_is_quoted_shortened():
    _, notices = parse("indicator=" + "x" * 500, YEARS)
    assert len(notices[0][1]["value"]) <= 41


def state(**kw) -> ViewState:
    return default_state(YEARS).with_(**kw)


def act(current, trigger, **kw):
    args = dict(search=None, indicator=None, year=None, level=None, city=None, mode=None, click=None, years=YEARS)
    args.update(kw)
    return next_state(current, trigger, **args)[0]


def test_clicking_a_city_zooms_to_its_counties():
    after = act(state(), ids.MAP, click={"points": [{"location": "210200", "curveNumber": 1}]})
    assert (after.city, after.level, after.county) == ("210200", "county", None)


def test_clicking_a_county_selects_it_and_its_city():
    after = act(state(level="county"), ids.MAP, click={"points": [{"location": "210224", "curveNumber": 0}]})
    assert (after.county, after.city) == ("210224", "210200")


def test_choosing_the_whole_province_clears_city_and_county():
    after = act(state(city="210200", county="210224", level="county"), ids.CITY, city="210000")
    assert after.city is None and after.county is None


def test_reset_keeps_the_language():
    after = act(state(lang="en", year=2012, city="210200"), ids.RESET)
    assert after == default_state(YEARS, lang="en")


def test_the_timer_steps_a_year_and_stops_at_the_last():
    assert act(state(year=2013), ids.PLAY_TIMER).year == 2014
    assert act(state(year=2015), ids.PLAY_TIMER).year == 2015


def test_a_control_value_outside_the_catalogue_changes_nothing():
    before = state()
    assert act(before, ids.INDICATOR, indicator="nope") == before
    assert act(before, ids.YEAR, year=1999) == before
    assert act(before, ids.CITY, city="abc") == before


# ------------------------------------------------------------------ place pages and presentation mode
def test_a_place_query_round_trips_and_bad_values_fall_back_in_order():
    state = PlaceState(indicator="barrier_free", year=2013, lang="en", worklist="all")
    again, notices = parse_place(state.to_query()[1:], YEARS, "county")
    assert again == state and notices == []
    state, notices = parse_place("lang=fr&indicator=nope&year=1999&worklist=some", YEARS, "county")
    assert [(n[1]["name"], n[1]["fallback"]) for n in notices] == [
        ("lang", "zh"), ("indicator", catalogue.DEFAULT_INDICATOR), ("year", "2015"), ("worklist", "selected")]
    assert state == PlaceState(indicator=catalogue.DEFAULT_INDICATOR, year=2015)


def test_a_place_page_takes_only_indicators_of_its_level():
    province_only = next(i.id for i in catalogue.INDICATORS if "county" not in i.levels)
    state, notices = parse_place(f"indicator={province_only}", YEARS, "county")
    assert state.indicator == catalogue.DEFAULT_INDICATOR and [n[1]["name"] for n in notices] == ["indicator"]


def test_a_presentation_query_keeps_the_good_indicators_and_names_the_bad_ones():
    long = "x" * 60
    state, notices = parse_present(
        f"indicators=barrier_free,nope,barrier_free,{long},rural_center_coverage&interval=1&theme=pink&level=town",
        YEARS)
    assert state == PresentState(indicators=("barrier_free", "rural_center_coverage"), year=2015)
    # A repeated indicator is named too: it is shown once.
    assert [n[1].get("value") for n in notices[:3]] == ["nope", "barrier_free", "x" * 40 + "…"]
    assert [n[0] for n in notices] == ["notice.bad_indicator"] * 3 + ["notice.bad_param"] * 3
    assert [n[1]["name"] for n in notices[3:]] == ["level", "interval", "theme"]
    state, notices = parse_present("indicators=&interval=3600&theme=light&year=2013&lang=en", YEARS)
    assert notices == [] and state.indicators == tuple(i.id for i in catalogue.HEADLINE)
    assert (state.interval, state.theme, state.year, state.lang) == (3600, "light", 2013, "en")
