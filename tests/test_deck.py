"""The deck (/download/deck.pptx), opened with python-pptx: the same slides and titles as /present
for the same query; every number on a slide equal to /api/v1/values; no text under 18 pt, every
run in Microsoft YaHei (Latin and East Asian); the maps as sharp pictures, the rest editable text;
the simulated warning on every slide with demo data and not on real reports; nothing asked of
another host while it is built; bad parameters refused in both languages; the GET served from the
document cache, and a build refused at once (503) while the host's one web slot is busy; the
button's background job."""
from __future__ import annotations

import io
import os
import shutil
import re
import struct
import time
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from app import create_app
from callbacks import documents as documents_callbacks
from callbacks import present as present_callbacks
from data import catalogue
from data.catalogue import HEADLINE, QUANTIFIED
from data.divisions import CITY_CODES, division, short_name
from data.formatting import format_value, status_label, target_text
from data.i18n import t
from documents import deck, images, slots
from layouts import ids
from layouts.present import STATUS_SYMBOLS
from settings import Settings
from tests import stores
from tests.factories import batch, unit_year
from tests.offline import refuse_other_hosts
from tests.tree import walk
import urls

# Building needs Debian's chromium (kaleido draws the maps) and takes seconds: such tests are slow.
builds = [pytest.mark.slow, pytest.mark.skipif(shutil.which("chromium") is None and not os.environ.get("BROWSER_PATH"),
                                               reason="kaleido needs Debian's chromium")]


def building(test):
    for mark in builds:
        test = mark(test)
    return test


CASES = {
    "zh": "",  # the defaults: the four headline goals, the latest year, cities, dark
    "en": "?indicators=barrier_free,rural_center_coverage,rural_centers_built&year=2013&level=county"
          "&theme=light&lang=en",
}


@pytest.fixture(scope="module")
def settings(tmp_path_factory, demo_store):
    return Settings(debug=False, rate_limits=False, database_url=demo_store.url,
                    document_cache_dir=str(tmp_path_factory.mktemp("documents")))


@pytest.fixture(scope="module")
def client(demo_store, settings):
    return create_app(settings, store=demo_store).server.test_client()


def download(client, query: str):
    path = urls.DECK + ("?" + query.lstrip("?") if query else "")
    response = client.get(path)
    assert response.status_code == 200, response.data[:300]
    assert response.headers["Content-Type"] == deck.MIME
    assert "attachment" in response.headers["Content-Disposition"]
    return response.data


@pytest.fixture(scope="module")
def decks(client):
    return {lang: Presentation(io.BytesIO(download(client, query))) for lang, query in CASES.items()}


def state_of(query: str, demo_store):
    from data import queries
    return urls.parse_present(query, queries.years(demo_store))[0]


def shapes(slide, name):
    return [s for s in slide.shapes if s.name == name]


def text_of(slide, name) -> str:
    found = shapes(slide, name)
    assert found, f"no {name!r} on the slide"
    return "\n".join(s.text_frame.text for s in found)


def api(client, indicator, level, year):
    response = client.get(f"/api/v1/values?indicator={indicator}&level={level}&year={year}")
    assert response.status_code == 200
    return response.get_json()["rows"]


def present_titles(demo_store, query: str) -> list[str]:
    """The heading (h1.slide-title) of every slide of /present for the query, in order."""
    stage, _ = present_callbacks.present_page(demo_store, query)
    titles = []

    def visit(node, in_slide=False):
        # tests.tree.walk's order, keeping whether a node lies inside a slide
        if node is None or isinstance(node, (str, int, float)):
            return
        if isinstance(node, (list, tuple)):
            for item in node:
                visit(item, in_slide)
            return
        classes = str(getattr(node, "className", "") or "").split()
        if in_slide and "slide-title" in classes:
            titles.append(node.children)
        inside = in_slide or "slide" in classes
        visit(node.source if type(node).__name__ == "Static" else getattr(node, "children", None), inside)

    visit(stage)
    return titles


# ---------------------------------------------------------------------- slides and titles
@building
@pytest.mark.parametrize("lang", CASES)
def test_the_slides_and_their_titles_are_present_s(decks, demo_store, lang):
    prs = decks[lang]
    titles = present_titles(demo_store, CASES[lang])
    assert titles == deck.slide_titles(state_of(CASES[lang], demo_store))
    assert [s.shapes.title.text for s in prs.slides] == titles
    assert len(prs.slides) == len(state_of(CASES[lang], demo_store).indicators) + 2
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9, 13.33 x 7.5 in


@building
@pytest.mark.parametrize("lang", CASES)
def test_every_slide_is_numbered_of_the_whole(decks, lang):
    prs = decks[lang]
    assert [text_of(s, "Slide number") for s in prs.slides] == [f"{n} / {len(prs.slides)}"
                                                                  for n in range(1, len(prs.slides) + 1)]


# ---------------------------------------------------------------------- the numbers
@building
@pytest.mark.parametrize("lang", CASES)
def test_the_title_slide_counts_the_goals_as_the_api_does(decks, client, demo_store, lang):
    state = state_of(CASES[lang], demo_store)
    groups = {"achieved": 0, "on_track": 0, "behind": 0, "not_yet": 0}
    for ind in QUANTIFIED:
        status = api(client, ind.id, "province", state.year)[0]["status"]
        groups[status if status in ("achieved", "on_track") else "not_yet" if status in ("not_yet", "no_data")
               else "behind"] += 1
    slide = decks[lang].slides[0]
    tiles = [text_of(slide, f"Tile {k} text").split("\n") for k in range(1, 5) if shapes(slide, f"Tile {k} text")]
    shown = {lines[1]: int(lines[0]) for lines in tiles}
    expected = {t("present.achieved", lang): groups["achieved"], t("present.on_track", lang): groups["on_track"],
                t("present.behind", lang): groups["behind"]}
    if groups["not_yet"]:
        expected[t("present.not_yet", lang)] = groups["not_yet"]
    assert shown == expected
    assert str(len(QUANTIFIED)) in text_of(slide, "Subtitle") and str(state.year) in text_of(slide, "Subtitle")


@building
@pytest.mark.parametrize("lang", CASES)
def test_every_number_on_an_indicator_slide_is_the_api_s(decks, client, demo_store, lang):
    state = state_of(CASES[lang], demo_store)
    for slide, ind_id in zip(list(decks[lang].slides)[1:-1], state.indicators):
        ind = catalogue.get(ind_id)
        province = api(client, ind_id, "province", state.year)[0]
        rows = api(client, ind_id, state.level, state.year)
        value_line = text_of(slide, "Province value")
        assert value_line == f"{format_value(province['value'], ind, lang)} / {target_text(ind, 'province', lang)}"
        assert text_of(slide, "Province status") == status_label(province["status"], lang, ind)
        has_target = ind.target_at(state.level) is not None
        if has_target:
            intro = text_of(slide, "Status counts intro")
            # "Of 81 counties": the places where the indicator applies (not_applicable is left out)
            assert str(len([r for r in rows if r["status"] != "not_applicable"])) in intro
            counts = {}
            for r in rows:
                if r["status"] in present_callbacks.SLIDE_STATUSES:
                    counts[r["status"]] = counts.get(r["status"], 0) + 1
            expected = [f"■ {t('present.count_line', lang, status=status_label(k, lang), n=counts[k])}"
                        for k in present_callbacks.SLIDE_STATUSES if counts.get(k)]
            left_out = len([r for r in rows if r["status"] == "not_applicable"])
            if left_out:  # the places left out of the counts, with the reason said once
                expected.append("□ " + t("alt.not_applicable", lang, n=left_out,
                                         why=status_label("not_applicable", lang, ind)))
            assert text_of(slide, "Status counts").split("\n") == expected
        key = "name" if lang == "zh" else "name_en"
        ranked = sorted((r for r in rows if r["value"] is not None),
                        key=lambda r: (r["progress"] if has_target else r["value"]))
        behind = text_of(slide, "Furthest behind").split("\n")[1:]
        sep = t("punct.colon", lang)
        shown = [re.sub(r"^\d\. ", "", line) for line in behind]
        assert [s.rsplit(sep, 1)[1] for s in shown] == [format_value(r["value"], ind, lang, state.level)
                                                        for r in ranked[:3]]
        # ties in progress may order the same value differently: every name shown has the value shown
        by_name = {r[key]: format_value(r["value"], ind, lang, state.level) for r in rows}
        assert all(by_name[s.rsplit(sep, 1)[0]] == s.rsplit(sep, 1)[1] for s in shown)
        assert ind.clause in text_of(slide, "Clause") and ind.clause_section in text_of(slide, "Clause")


@building
@pytest.mark.parametrize("lang", CASES)
def test_the_outlook_line_is_the_api_s_and_the_stage_s_words(decks, client, demo_store, lang):
    """Before 2015, each indicator slide says how many places are expected to reach the target
    (/api/v1/outlook's will_achieve count), in the words of /present's slide; from 2015, nothing."""
    state = state_of(CASES[lang], demo_store)
    stage, _ = present_callbacks.present_page(demo_store, CASES[lang])
    on_stage = [n.children for n in walk(stage) if "side-outlook" in str(getattr(n, "className", "") or "").split()]
    shown = []
    for slide, ind_id in zip(list(decks[lang].slides)[1:-1], state.indicators):
        ind = catalogue.get(ind_id)
        if state.year >= ind.target_year:
            assert not shapes(slide, "Outlook")
            continue
        line = text_of(slide, "Outlook")
        shown.append(line)
        # with the line, the side's lists still end above the footer's rule (6.98 in)
        for shape in shapes(slide, "Status counts") + shapes(slide, "Furthest behind"):
            assert shape.top + shape.height <= Inches(6.98), (ind_id, shape.name)
        if ind.target_at(state.level) is not None:
            body = client.get(urls.api_outlook(ind_id, state.level, state.year)).get_json()
            achieve = sum(r["outlook"] == "will_achieve" for r in body["rows"])
            assert line == t("present.outlook_line", lang, n=achieve,
                             places=t(f"present.places_{state.level}", lang, n=len(body["rows"])))
        else:
            body = client.get(urls.api_outlook(ind_id, "province", state.year)).get_json()
            assert line == t("present.outlook_province", lang,
                             status=t(f"outlook.status.{body['rows'][0]['outlook']}", lang))
    assert shown == on_stage
    assert bool(shown) == (state.year < 2015)


@building
@pytest.mark.parametrize("lang", CASES)
def test_the_heat_table_is_the_api_s_city_statuses(decks, client, demo_store, lang):
    state = state_of(CASES[lang], demo_store)
    slide = decks[lang].slides[-1]
    table = shapes(slide, "Heat table")[0].table
    heads = [table.cell(0, c + 1).text_frame.text for c in range(len(CITY_CODES))]
    assert heads == [short_name(c) if lang == "zh" else division(c).name_en for c in CITY_CODES]
    rows = [i for i in catalogue.INDICATORS if i.target_at("city") is not None]
    assert len(table.rows) == len(rows) + 1
    for r, ind in enumerate(rows, start=1):
        assert table.cell(r, 0).text_frame.text == ind.short[lang]
        status = {row["code"]: row["status"] for row in api(client, ind.id, "city", state.year)}
        assert [table.cell(r, c + 1).text_frame.text for c in range(len(CITY_CODES))] == \
            [STATUS_SYMBOLS[status[code]] for code in CITY_CODES]
    legend = text_of(slide, "Legend")
    assert all(status_label(k, lang) in legend for k in deck.LEGEND_STATUSES)


# ---------------------------------------------------------------------- text, fonts, pictures
def runs(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for p in frame.paragraphs:
                    for r in p.runs:
                        if r.text.strip():
                            yield slide, shape, r


@building
@pytest.mark.parametrize("lang", CASES)
def test_no_text_is_under_18_pt_and_every_run_is_in_yahei_latin_and_east_asian(decks, lang):
    found = list(runs(decks[lang]))
    assert len(found) > 100
    small = [(s.shapes.title.text, r.text) for s, _, r in found if r.font.size is None or r.font.size < Pt(18)]
    assert small == []
    for _, _, r in found:
        rpr = r._r.rPr
        assert rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}latin").get("typeface") == deck.FONT
        assert rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get("typeface") == deck.FONT


def png_size(blob: bytes) -> tuple[int, int]:
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", blob[16:24])


@building
@pytest.mark.parametrize("lang", CASES)
def test_maps_are_pictures_sharp_on_a_1080p_projector_and_named_for_a_screen_reader(decks, lang):
    prs = decks[lang]
    for slide in list(prs.slides)[1:-1]:
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1
        picture = pictures[0]
        width, height = png_size(picture.image.blob)
        # the pixels it covers on a 1920 x 1080 projection of the slide: the picture has at least
        # half as many again (drawn at twice the stage's size, its empty margin cut)
        shown_w, shown_h = picture.width / prs.slide_width * 1920, picture.height / prs.slide_height * 1080
        assert width >= 1.5 * shown_w and height >= 1.5 * shown_h
        assert abs(width / height - picture.width / picture.height) < 0.01  # not stretched
        assert picture._element.nvPicPr.cNvPr.get("descr")
    # everything else is text: no other picture on any slide
    others = [s for slide in (prs.slides[0], prs.slides[-1]) for s in slide.shapes if s.shape_type == 13]
    assert others == []


# ---------------------------------------------------------------------- honesty
@building
@pytest.mark.parametrize("lang", CASES)
def test_demo_data_carry_the_warning_on_every_slide(decks, lang):
    for slide in decks[lang].slides:
        assert text_of(slide, "Simulated data") == t("deck.simulated", lang)


@pytest.fixture(scope="module")
def real_store():
    """Only real reports: one county's communities, reported for 2011 and 2014."""
    store = stores.new_store("deck-real")
    store.create_schema()
    units = [("210102U1", "urban", "210102"), ("210102U2", "urban", "210102")]
    records = [unit_year(u, y, has_facility=(y == 2014 or u.endswith("1")), households=500, residents=1500,
                         facility_area_m2=450.0, barrier_free=(y == 2014))
               for u, _, _ in units for y in (2011, 2014)]
    store.commit_batch(**batch(units, records))
    return store


@building
def test_real_reports_carry_no_warning(real_store, tmp_path):
    assert not real_store.simulated_part()
    client = create_app(Settings(debug=False, rate_limits=False, database_url=real_store.url,
                                 document_cache_dir=str(tmp_path)), store=real_store).server.test_client()
    prs = Presentation(io.BytesIO(download(client, "?year=2014&indicators=urban_facility_coverage&lang=zh")))
    texts = [r.text for _, _, r in runs(prs)]
    assert not any("模拟" in x for x in texts)
    assert all(not shapes(s, "Simulated data") for s in prs.slides)
    # its own numbers: the one county's facilities, 2 of 2 in 2014
    assert text_of(prs.slides[1], "Province value").startswith("100.0%")


def test_a_real_year_among_simulated_ones_is_partly_simulated(tmp_path):
    store = stores.demo_copy("deck-partly")
    units = [("210102R1", "urban", "210102")]
    store.commit_batch(**batch(units, [unit_year("210102R1", 2014, has_facility=True, households=500,
                                                 residents=1500)]))
    state = urls.PresentState(indicators=("urban_facility_coverage",), year=2014)
    assert deck.simulated_badge(store, state) == t("deck.partly_simulated", "zh")


# ---------------------------------------------------------------------- offline
@building
def test_no_request_to_another_host_while_built(demo_store, monkeypatch, tmp_path):
    asked = refuse_other_hosts(monkeypatch)
    seen = images.watch_requests()  # what chromium's page asks for (DevTools' Network events)
    state = urls.PresentState(indicators=("rural_center_coverage", "barrier_free"), year=2014, level="county",
                              lang="en")
    body = deck.build(demo_store, state)  # no image cache: every map drawn now
    assert Presentation(io.BytesIO(body)).slides
    assert asked == []
    assert seen and [u for u in seen if not u.startswith(("file:", "blob:", "data:"))] == []


# ---------------------------------------------------------------------- bad parameters
@pytest.mark.parametrize("query,name", [
    ("indicators=nope", "indicators"), ("indicators=rural_center_coverage,x", "indicators"),
    ("year=1999", "year"), ("year=twenty", "year"), ("level=province", "level"), ("theme=pink", "theme"),
    ("lang=fr", "lang"),
])
def test_a_bad_parameter_is_a_400_in_both_languages_and_builds_nothing(client, settings, query, name):
    kept = Path(settings.document_cache_dir) / "documents"
    before = set(kept.glob("*.doc"))
    response = client.get(f"{urls.DECK}?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == name
    assert "无效" in body["error"]["zh"] and "not valid" in body["error"]["en"]
    assert set(kept.glob("*.doc")) == before


# ---------------------------------------------------------------------- cache, slots, the button
@building
def test_the_same_deck_is_served_from_the_cache(client, decks):
    started = time.perf_counter()
    again = download(client, CASES["zh"])
    assert time.perf_counter() - started < 2
    assert Presentation(io.BytesIO(again)).slides[0].shapes.title.text == decks["zh"].slides[0].shapes.title.text


def test_while_the_web_slot_is_busy_a_deck_to_build_is_a_503_at_once_and_kept_ones_still_served(
        client, demo_store, decks):
    with slots.slot(demo_store, "web") as taken:
        assert taken
        started = time.perf_counter()
        response = client.get(f"{urls.DECK}?indicators=volunteer_teams&year=2012&lang=en")
        assert time.perf_counter() - started < 2
        assert response.status_code == 503 and response.headers["Retry-After"] == str(slots.RETRY_AFTER_S)
        assert "Download deck" in response.get_json()["error"]["en"]
        assert client.get(urls.DECK).status_code == 200  # the cached one needs no slot


@building
def test_the_button_s_job_builds_into_the_cache_and_offers_the_link(client, demo_store, settings):
    progress = []
    query = "?indicators=social_worker_coverage&year=2012&level=city&lang=en"
    result = documents_callbacks.build_deck_job(demo_store, settings, query, progress.append)
    link = result.children[1]
    assert link.href == urls.deck_download(state_of(query, demo_store))
    assert "deck-2012-city-en.pptx" in link.children
    steps = [p for p in progress if p[1] != "1"]
    assert [int(p[0]) for p in steps] == list(range(1, len(steps) + 1)) and steps[-1][0] == steps[-1][1]
    started = time.perf_counter()
    body = download(client, link.href.split("?", 1)[1])  # the GET only reads what the job built
    assert time.perf_counter() - started < 2
    assert [s.shapes.title.text for s in Presentation(io.BytesIO(body)).slides][1] == \
        catalogue.get("social_worker_coverage").name["en"]


def deck_manager(app):
    """The background callback manager of an app's deck button."""
    found = [c["manager"] for c in app.callback_map.values() if c.get("background")]
    assert len(found) == 1
    return found[0]


def test_each_app_s_button_runs_its_own_job_on_its_own_store(demo_store, real_store, tmp_path, monkeypatch):
    """Dash registers every background function of the process into every manager, under a key
    that is the same for every app create_app makes: the app made last ran the others' jobs, on
    its own store. The live server's deck of a view of 2013 came out for 2014 on CI so, built by
    the job of real_store's app (years 2011 and 2014: 2013 fell back to the latest), made after
    the live server."""
    from dash import html
    ran = []
    monkeypatch.setattr(documents_callbacks, "build_deck_job",
                        lambda store, settings, query, set_progress: ran.append((store, query)) or html.Span("ok"))
    first = create_app(Settings(debug=False, rate_limits=False, database_url=demo_store.url,
                                document_cache_dir=str(tmp_path / "first")), store=demo_store)
    second = create_app(Settings(debug=False, rate_limits=False, database_url=real_store.url,
                                 document_cache_dir=str(tmp_path / "second")), store=real_store)
    query = "?indicators=volunteer_teams&year=2013&level=city&lang=en"
    for app, store in ((first, demo_store), (second, real_store)):
        manager = deck_manager(app)
        jobs = list(manager.func_registry.values())
        assert len(jobs) == 1  # its own deck job, not one per app made in this process
        jobs[0]("result", "result-progress", [1, query], {})  # as the job's process runs it
        assert ran[-1] == (store, query)
        assert manager.handle.get("result") is not None  # its answer where this app's page asks for it


def test_the_deck_link_keeps_present_s_configuration():
    state = urls.PresentState(indicators=("barrier_free", "co_building"), year=2013, level="county", theme="light",
                              lang="en")
    link = urls.deck_download(state)
    assert link.startswith(urls.DECK + "?")
    assert urls.parse_present(link.split("?", 1)[1], [2011, 2012, 2013, 2014, 2015])[0] == \
        urls.PresentState(indicators=state.indicators, year=2013, level="county", theme="light", lang="en")


def test_the_headline_deck_is_the_default(demo_store):
    assert state_of("", demo_store).indicators == tuple(i.id for i in HEADLINE)


def test_the_button_runs_on_diskcache_by_default_and_on_celery_with_redis(demo_store, tmp_path):
    from dash import CeleryManager, DiskcacheManager
    plain = Settings(debug=False, database_url=demo_store.url, document_cache_dir=str(tmp_path))
    assert isinstance(documents_callbacks.make_manager(demo_store, plain), DiskcacheManager)
    assert (tmp_path / "jobs").is_dir()  # its results beside the document cache, not in the repository
    pytest.importorskip("celery")
    shared = Settings(debug=False, database_url=demo_store.url, document_cache_dir=str(tmp_path),
                      redis_url="redis://127.0.0.1:1/0")
    try:
        manager = documents_callbacks.make_manager(demo_store, shared)
        assert isinstance(manager, CeleryManager)
        assert documents_callbacks.celery_app.conf.broker_url == "redis://127.0.0.1:1/0"
    finally:
        documents_callbacks.celery_app = None


# Where the address stood when the deck button was pressed, kept by the page itself (the
# capture phase sees the press before any of Dash's handlers).
PRESSED_AT = """document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("#%s")) { window.pressedAt = window.location.search; }
}, true);""" % ids.DECK_BUTTON


@pytest.mark.browser
@pytest.mark.slow
def test_the_button_builds_in_the_background_shows_progress_and_offers_the_file(recording_page, live_server):
    """On the overview: the button starts the background job; the bar and its words show while it
    runs, the page answers meanwhile, then the link serves the deck of the view the address held
    when the button was pressed, from the live server's own store; nothing asked of another host.
    (On CI the deck once came out for 2014 from a view of 2013: another app's job had run it, see
    test_each_app_s_button_runs_its_own_job_on_its_own_store.)"""
    page = recording_page.page
    page.add_init_script(PRESSED_AT)
    opened = "?indicator=volunteer_teams&year=2013&level=city&lang=en"
    page.goto(f"{live_server.url}/{opened}")
    button = page.locator(f"#{ids.DECK_BUTTON}")
    button.wait_for(timeout=30000)
    assert button.inner_text().endswith(t("deck.button", "en"))
    button.click()
    progress = page.locator(f"#{ids.DECK_PROGRESS_WRAP}")
    progress.wait_for(state="visible", timeout=30000)
    assert button.is_disabled()
    started = time.perf_counter()
    assert page.request.get(f"{live_server.url}/api/v1/indicators").ok  # the server answers while it builds
    assert time.perf_counter() - started < 5
    link = page.locator(f"#{ids.DECK_RESULT} a")
    link.wait_for(timeout=180000)
    assert not button.is_disabled() and not progress.is_visible()
    # Nothing moved the view before the press, and the deck is that view's.
    assert page.evaluate("window.pressedAt") == opened
    href = link.get_attribute("href")
    assert href == urls.deck_download(urls.PresentState(indicators=("volunteer_teams",), year=2013, level="city",
                                                        lang="en"))
    response = page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"] == deck.MIME
    slides = Presentation(io.BytesIO(response.body())).slides
    assert [s.shapes.title.text for s in slides][1] == catalogue.get("volunteer_teams").name["en"]
    assert "2013" in text_of(slides[1], "Subtitle")
    # the live server's store's numbers (the demo's), not another store's
    ind = catalogue.get("volunteer_teams")
    province = page.request.get(f"{live_server.url}/api/v1/values?indicator=volunteer_teams&level=province"
                                f"&year=2013").json()["rows"][0]
    assert text_of(slides[1], "Province value") == \
        f"{format_value(province['value'], ind, 'en')} / {target_text(ind, 'province', 'en')}"
    assert recording_page.foreign == []
