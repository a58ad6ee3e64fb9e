"""The keyboard's routes to every place, without a browser: where each link and the picker lead."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from data.divisions import CITY_CODES, COUNTY_CODES, counties_of, division
from data.i18n import t
from layouts import ids, place_links
from layouts.places import grid_columns, grid_rows
from urls import PlaceState


def links_of(component) -> list[tuple[str, str]]:
    """(text, href) of every dcc.Link in a component tree, in order."""
    found = []

    def visit(node):
        if node is None or isinstance(node, (str, int, float)):
            return
        if isinstance(node, (list, tuple)):
            for child in node:
                visit(child)
            return
        if getattr(node, "_type", None) == "Link":
            found.append((node.children, node.href))
        visit(getattr(node, "children", None))
    visit(component)
    return found


def test_the_picker_leads_to_the_chosen_place_for_the_view_and_refuses_anything_else():
    assert place_links.picker_target("210224", "barrier_free", 2013, "en") == (
        "/county/210224", "?indicator=barrier_free&year=2013&lang=en")
    assert place_links.picker_target("210200", "barrier_free", 2015, "zh")[0] == "/city/210200"
    for bad in (None, "", "210000", "999999", ["210224"], {"code": "210224"}, "/county/210224"):
        assert place_links.picker_target(bad, "barrier_free", 2015, "zh") is None


def test_the_picker_offers_the_114_places_searchable_in_both_languages():
    options = place_links.picker_options("en")
    assert [o["value"] for o in options] == CITY_CODES + COUNTY_CODES
    changhai = next(o for o in options if o["value"] == "210224")
    assert "Dalian" in changhai["label"] and "长海" in changhai["search"] and "Changhai" in changhai["search"]


def test_a_link_to_a_level_without_the_indicator_falls_back_to_the_default_indicator():
    href = place_links.place_href("210224", PlaceState(indicator="training_base", year=2014, lang="en"))
    assert parse_qs(urlsplit(href).query)["indicator"] == ["rural_center_coverage"]


def test_the_ranking_links_keep_the_order_given_and_say_whose_counties():
    codes = list(reversed(counties_of("210200")))
    items = place_links.ranking_items(codes, PlaceState(indicator="barrier_free", year=2014, lang="en"), "210200")
    links = links_of(items)
    assert [urlsplit(h).path for _, h in links] == [f"/county/{c}" for c in codes]
    assert [text for text, _ in links] == [division(c).label("en") for c in codes]
    assert items[0].children == t("places.ranking_links_counties", "en", city=division("210200").label("en"))
    assert all("year=2014" in h and "lang=en" in h for _, h in links)


def test_a_city_page_lists_every_county_of_the_city():
    section = place_links.city_counties("210100", PlaceState(indicator="barrier_free", year=2015, lang="zh"))
    links = links_of(section)
    assert [urlsplit(h).path for _, h in links] == [f"/county/{c}" for c in counties_of("210100")]
    nav = section.children[1]
    assert nav.id == ids.CITY_COUNTIES and nav.to_plotly_json()["props"]["aria-labelledby"] == f"{ids.CITY_COUNTIES}-title"


@pytest.mark.parametrize("level", ["city", "county"])
def test_the_table_tab_links_each_name_and_a_countys_city(demo_store, level):
    from data import reports
    sheet = reports.overview_table(demo_store, "barrier_free", level, "en")
    rows, columns = place_links.linked_grid(grid_rows(sheet), grid_columns(sheet),
                                            PlaceState(indicator="barrier_free", year=2015, lang="en"))
    assert all(urlsplit(r["href"]).path == f"/{level}/{r['code']}" for r in rows)
    name = next(c for c in columns if c["field"] == "name")
    assert name["cellRenderer"] == "PlaceLink" and name["cellRendererParams"] == {"hrefField": "href"}
    if level == "county":
        assert all(urlsplit(r["city_href"]).path == f"/city/{division(r['code']).parent_code}" for r in rows)
        city = next(c for c in columns if c["field"] == "city")
        assert city["cellRendererParams"] == {"hrefField": "city_href"}
    # The shown columns are the sheet's: the links are extra fields, not extra columns.
    assert [c["field"] for c in columns] == [c.field for c in sheet.columns]
