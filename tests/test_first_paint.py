"""The page's first paint: the header arrives as HTML in the page's language, before any script,
where React later draws the real one; /present keeps Dash's default; a store that does not
answer leaves the page as Dash sends it."""
from __future__ import annotations

import re

import pytest

from app import create_app
from data import queries
from data.i18n import t
from settings import Settings


@pytest.fixture(scope="module")
def client(demo_store):
    return create_app(Settings(debug=False, secret_key="test"), store=demo_store).server.test_client()


def entry_point(html: str) -> str:
    return re.search(r'<div id="react-entry-point">(.*?)</div>\s*<footer>', html, re.S).group(1)


@pytest.mark.parametrize("path", ["/", "/?lang=en&indicator=barrier_free", "/county/210224?lang=en", "/method",
                                  "/data?lang=zh"])
def test_each_dash_page_paints_its_header_before_the_scripts(client, demo_store, path):
    lang = "en" if "lang=en" in path else "zh"
    html = client.get(path).get_data(as_text=True)
    entry = entry_point(html)
    assert 'class="app-header"' in entry and t("app.title", lang) in entry and t("app.subtitle", lang) in entry
    assert str(max(queries.years(demo_store))) in entry      # the as-of line, from the store
    assert t("badge.simulated", "zh") in entry               # demo data: the badge from the first paint on
    other = "zh" if lang == "en" else "en"
    assert t("app.title", other) not in entry
    assert html.index("react-entry-point") < html.index("<script")


def test_the_presentation_keeps_dash_s_own_first_paint(client):
    entry = entry_point(client.get("/present").get_data(as_text=True))
    assert "app-header" not in entry and "_dash-loading" in entry


def test_a_store_that_does_not_answer_leaves_dash_s_first_paint(demo_store, monkeypatch):
    app = create_app(Settings(debug=False, secret_key="test"), store=demo_store)

    def away(*_args, **_kwargs):
        raise ConnectionError("the database is away")
    monkeypatch.setattr(demo_store, "simulated_part", away)
    response = app.server.test_client().get("/")
    assert response.status_code == 200
    assert "app-header" not in entry_point(response.get_data(as_text=True))


@pytest.mark.parametrize("path, outline", [("/", "overview-outline"), ("/?lang=en&year=2013", "overview-outline"),
                                           ("/county/210224", "place-outline"), ("/city/210200?lang=en", "place-outline"),
                                           ("/method", None), ("/data", None), ("/login", None), ("/nowhere", None)])
def test_the_overview_and_the_place_pages_paint_their_outline_under_the_header(client, path, outline):
    """Where React will draw the page's cards, white boxes from the first paint (the speed index),
    hidden from screen readers; the other pages have none."""
    html = client.get(path).get_data(as_text=True)
    found = re.findall(r'<div class="first-paint-outline ([\w-]+)" aria-hidden="true">', html)
    assert found == ([outline] if outline else [])
    if outline == "overview-outline":
        entry = entry_point(html)
        assert entry.count('class="fp-box fp-card"') == 8 and 'class="col-lg-7"' in entry
        assert entry.index("app-header") < entry.index("first-paint-outline")
