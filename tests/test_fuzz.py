"""Fuzzing through Flask's test client: paths, query strings and callback bodies, seeded and
bounded (a few thousand requests). Nothing answers 5xx, nothing logs a traceback, and the
store's content is unchanged."""
from __future__ import annotations

import json
import logging
import random
from urllib.parse import quote, urlencode

import pytest

from app import create_app
import urls
from settings import Settings
from tests.dash_client import DashClient

SEED = 20130301
# Values that parsers have failed on: digits that str.isdigit() takes and int() refuses, huge,
# empty, far too long, paths, markup, control characters, and every JSON type.
HOSTILE_TEXT = ["", " ", "²⁰¹⁴", "①②", "٢٠١٤", "２０１４", "2014", "1999", "-1", "0", "9" * 400, "1e309",
                "nan", "../../etc/passwd", "..%2f..%2f", "<script>alert(1)</script>", "' OR 1=1 --",
                "\x00", "\ud7ff", "x" * 3000, "zh", "en", "all", "city", "county", "210624", "210000",
                "rural_center_coverage", "%", "%%", "?&=", "/county/210624", "/", "//evil.example"]
HOSTILE_VALUES = [None, True, False, 0, -1, 2014, 2.5, 1e308, float("inf"), [], [None], ["2014"], [[["a"]]],
                  {}, {"a": 1}, {"points": "x"}, {"points": [{}]}, {"points": [{"location": ["a"]}]},
                  {"lang": ["en"]}, {"path": {}, "lang": {}}, "x" * 3000] + HOSTILE_TEXT
PARAMETERS = ["indicator", "indicators", "year", "level", "city", "county", "map", "tab", "lang", "worklist",
              "interval", "theme", "code", "format", "filled", "next", "rest", "status"]
PATHS = ["/", "/city/210100", "/county/210624", "/county/辽中县", "/present", "/data", "/method", "/reports",
         "/login", "/whoami", "/api/v1/indicators", "/api/v1/values", "/api/v1/nothing", "/download/table.csv",
         "/download/table.xlsx", "/download/scorecard.csv", "/download/worklist.xlsx",
         "/download/template.xlsx", "/download/missing.csv", "/download/other.pdf", "/geo/city.geojson",
         "/geo/x.geojson",
         "/_dash-layout", "/_dash-dependencies", "/_dash-component-suites/dash/deps/nothing.js",
         "/_dash-component-suites/nothing/x.js", "/_dash-component-suites/dash/../../../settings.py",
         "/_dash-component-suites/dash/..%2f..%2fsettings.py", "/_dash-component-suites/dash/dcc/../x",
         "/assets/../settings.py", "/assets/nothing.css", "/_favicon.ico", "/_reload-hash"]


@pytest.fixture(scope="module")
def app(demo_store):
    # The limit on costly requests is off here: the fuzz runs thousands from one address.
    return create_app(Settings(debug=False, rate_limits=False), store=demo_store)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture
def tracebacks(caplog):
    """The log records of the test that carry a traceback (there must be none)."""
    caplog.set_level(logging.INFO)
    yield lambda: [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]


def _random_segment(rng: random.Random) -> str:
    pool = HOSTILE_TEXT + ["city", "county", "download", "api", "v1", "..", ".", "%2e%2e", "%00", "%ff", "~",
                           "a" * 300, "辽宁", "\u202e"]
    return quote(rng.choice(pool), safe="%") or "x"


def _paths(rng: random.Random, n: int) -> list[str]:
    out = list(PATHS)
    for _ in range(n):
        base = rng.choice(PATHS).rstrip("/")
        out.append(base + "/" + "/".join(_random_segment(rng) for _ in range(rng.randint(1, 3))))
    out += ["/" + "a" * 5000, "/county/" + "9" * 2000, "//", "/./", "/county/²¹⁰⁶²⁴", "/city/①"]
    return out


def _queries(rng: random.Random, n: int) -> list[str]:
    out = []
    for name in PARAMETERS:
        for value in HOSTILE_TEXT:
            out.append(urlencode({name: value}))
        out.append(f"{name}=1&{name}=2&{name}=²")  # repeated
        out.append(f"{name}[]=2014&{name}[]=2015")  # an "array"
        out.append(f"{name}")  # no "="
    for _ in range(n):
        out.append(urlencode([(rng.choice(PARAMETERS), rng.choice(HOSTILE_TEXT)) for _ in range(rng.randint(1, 6))]))
    return out + ["%", "&&&", "=", "year=%ff%fe", "lang=%E4%B8", "a=" + "b" * 7000]


def _assert_no_5xx(client, method: str, url: str, **kwargs):
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code < 500, (method, url[:200], kwargs.get("data", "")[:300] if isinstance(
        kwargs.get("data"), str) else "", response.status_code, response.get_data(as_text=True)[:300])
    return response


def test_paths_never_answer_5xx(client, demo_store, tracebacks):
    rng = random.Random(SEED)
    before = demo_store.content_digest()
    for path in _paths(rng, 300):
        for method in ("get", "head"):
            _assert_no_5xx(client, method, path)
    assert not tracebacks()
    assert demo_store.content_digest() == before


def test_suite_paths_out_of_the_package_are_404(client):
    for path in ("/_dash-component-suites/dash/../../../settings.py",
                 "/_dash-component-suites/dash/..%2f..%2fsettings.py",
                 "/_dash-component-suites/nothing/x.js", "/_dash-component-suites/dash/deps/nothing.js"):
        assert client.get(path).status_code == 404, path


@pytest.mark.slow
def test_query_strings_never_answer_5xx(client, demo_store, tracebacks):
    rng = random.Random(SEED + 1)
    before = demo_store.content_digest()
    routes = ["/", "/county/210624", "/city/210100", "/present", "/data", "/method", "/login",
              "/api/v1/values", "/api/v1/indicators", "/download/table.csv", "/download/scorecard.csv",
              "/download/worklist.csv", "/download/template.xlsx", "/download/missing.xlsx", "/geo/city.geojson"]
    queries = _queries(rng, 200)
    for i, query in enumerate(queries):
        _assert_no_5xx(client, "get", routes[i % len(routes)] + "?" + query)
    # The API and the downloads with every other parameter right, one hostile.
    good = {"/api/v1/values": {"indicator": "rural_center_coverage", "level": "county", "year": "2014"},
            "/download/worklist.csv": {"county": "210102", "indicator": "rural_center_coverage", "year": "2014"},
            "/download/scorecard.csv": {"code": "210624", "year": "2014"},
            "/download/table.csv": {"indicator": "rural_center_coverage", "level": "county"},
            "/download/template.xlsx": {"year": "2014"}}
    for route, params in good.items():
        for name in list(params) + ["lang", "format", "city"]:
            for value in HOSTILE_TEXT[:14]:
                _assert_no_5xx(client, "get", route + "?" + urlencode({**params, name: value}))
    assert not tracebacks()
    assert demo_store.content_digest() == before


def test_superscript_years_are_refused_or_fall_back(client):
    for route in ("/api/v1/values?indicator=rural_center_coverage&level=county&year=",
                  "/download/worklist.csv?county=210624&indicator=all&year=",
                  "/download/scorecard.csv?code=210624&year=", "/download/template.xlsx?year="):
        for year in ("²⁰¹⁴", "②⓪①④", "٢٠١٤"):
            assert client.get(route + quote(year)).status_code == 400, route + year
    assert urls.year("²⁰¹⁴") is None and urls.year("２０１４") is None and urls.year(" 2014 ") == 2014


# ---------------------------------------------------------------------- callbacks
def _entry(spec: dict, value):
    if spec["id"].startswith("{"):  # a pattern (ALL): a list of matches
        id_ = json.loads(spec["id"])
        id_ = {k: (1 if v == ["ALL"] or isinstance(v, list) else v) for k, v in id_.items()}
        return [{"id": id_, "property": spec["property"], "value": value}]
    return {"id": spec["id"], "property": spec["property"], "value": value}


def _bodies(app, rng: random.Random, per_callback: int):
    """For every callback in the app, bodies with each input and state given a hostile value."""
    for output, spec in app.callback_map.items():
        specs = spec["inputs"] + spec["state"]
        for k in range(per_callback):
            values = [rng.choice(HOSTILE_VALUES) for _ in specs]
            if k < len(specs):  # each one alone hostile, the others empty, at least once
                values = [None] * len(specs)
                values[k] = rng.choice(HOSTILE_VALUES)
            entries = [_entry(s, v) for s, v in zip(specs, values)]
            # Each input is the one that fired in turn: a callback branches on it.
            fired = spec["inputs"][k % len(spec["inputs"])] if spec["inputs"] else None
            changed = [f"{fired['id']}.{fired['property']}"] if fired and not fired["id"].startswith("{") else []
            yield {"output": output, "outputs": DashClient._outputs(output) if "." in output else [],
                   "inputs": entries[:len(spec["inputs"])],
                   "state": entries[len(spec["inputs"]):], "changedPropIds": changed}


@pytest.mark.slow
def test_callbacks_with_hostile_values_never_answer_5xx(app, client, demo_store, tracebacks):
    rng = random.Random(SEED + 2)
    before = demo_store.content_digest()
    n = 0
    for body in _bodies(app, rng, 40):
        _assert_no_5xx(client, "post", "/_dash-update-component", data=json.dumps(body),
                       content_type="application/json")
        n += 1
    assert n > 19 * 20
    assert not tracebacks()
    assert demo_store.content_digest() == before


def _deep(n: int) -> str:
    """JSON text nested `n` lists deep (json.dumps would recurse too far to write it)."""
    return "[" * n + "]" * n


MALFORMED = ["", "not json", "{", "[]", "[1, 2]", "null", "1", '"x"', "{}", '{"output": 1}',
             '{"output": "page.children"}', '{"inputs": []}', '{"output": "nothing.children", "inputs": []}',
             '{"output": "..page.children...page-meta.data..", "inputs": {}, "state": "x"}',
             '{"output": "..page.children...page-meta.data..", "outputs": [], "inputs": [1, 2]}',
             '{"output": "..page.children...page-meta.data..", "outputs": [], "inputs": [{"id": "url"}]}',
             '{"output": "page.children", "inputs": ' + _deep(5000) + "}", _deep(100000), _deep(3000),
             '{"output": "..page.children...page-meta.data..", "outputs": [], "inputs": [{"id": "url", '
             '"property": "pathname", "value": ' + _deep(900) + "}]}", '{"output": "\\ud800"}', "\xff\xfe"]


def test_malformed_callback_bodies_answer_400(client, tracebacks):
    for body in MALFORMED:
        response = _assert_no_5xx(client, "post", "/_dash-update-component", data=body,
                                  content_type="application/json")
        assert 400 <= response.status_code < 500, body[:80]
    # The message is in both languages.
    response = client.post("/_dash-update-component", data="[]", content_type="application/json")
    error = response.get_json()["error"]
    assert error["zh"] and error["en"] and error["zh"] != error["en"]
    assert not tracebacks()


def test_a_server_fault_in_a_callback_is_500_with_one_line(app, client, caplog, monkeypatch):
    """A fault that is the server's (not the request's) stays a 500: logged in one line, no
    traceback for the user."""
    import callbacks.routing as routing

    def broken(*args, **kwargs):
        raise RuntimeError("the store went away")

    monkeypatch.setattr(routing, "render", broken)
    body = {"output": "..page.children...page-meta.data..",
            "outputs": [{"id": "page", "property": "children"}, {"id": "page-meta", "property": "data"}],
            "inputs": [{"id": "url", "property": "pathname", "value": "/method"},
                       {"id": "url", "property": "search", "value": ""}],
            "state": [{"id": "page-meta", "property": "data", "value": None}], "changedPropIds": ["url.pathname"]}
    caplog.set_level(logging.INFO)
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "store went away" not in text
    faults = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(faults) == 1 and not faults[0].exc_info and "\n" not in faults[0].getMessage()


def test_parsers_take_any_json_value():
    from callbacks.overview import next_state
    from data.i18n import t
    from layouts import ids

    years = [2011, 2012, 2013, 2014]
    assert t("app.title", ["en"]) == t("app.title", "zh") and t("app.title", {"a": 1}) == t("app.title", "zh")
    assert urls.normal_path(["/county"]) == "/" and urls.normal_path({"a": 1}) == "/"
    assert urls.language_of(["lang=en"]) == "zh" and urls.parse({"x": 1}, years)[0] == urls.default_state(years)
    assert urls.meta_language(["en"]) == "zh" and urls.meta_language({"lang": "en"}) == "en"
    assert urls.parse_reports({"x": 1}) == (urls.ReportsState(), [])
    current = urls.default_state(years)
    for click in ("x", ["a"], {"points": "x"}, {"points": [1]}, {"points": [{"location": ["210100"]}]}):
        assert next_state(current, ids.MAP, search="", indicator=None, year=None, level=None, city=None,
                          mode=None, click=click, years=years)[0] == current
    assert next_state(current, ids.INDICATOR, search="", indicator=["x"], year=None, level=None, city=None,
                      mode=None, click=None, years=years)[0] == current
