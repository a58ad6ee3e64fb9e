"""Every path and query of the dashboard, parsed and written in one place.

    /?indicator=rural_center_coverage&year=2014&level=county&city=210200&county=210224&map=status&quality=off&lang=en
    /?indicator=barrier_free&year=2014&map=change&from=2011     /?year=2013&map=outlook
    /city/<code>?indicator=&year=&lang=        /county/<code>?indicator=&year=&worklist=all&lang=
    /present?indicators=a,b&year=&level=&interval=&theme=&lang=
    /compare?a=<code>&b=<code>&year=&lang=

Each page's state is one object that parses its query and writes it back (ViewState,
PlaceState, PresentState). Unknown parameters are ignored. A known parameter with a bad
value (an unknown indicator, year 1999, city=abc, a SQL-looking string) falls back to its
default, and the parser returns a notice for it, so the page can say what it did. Nothing
raises. The other paths (downloads, sign-in, the data page, the method, the API) have a
builder each, so no module spells a link by hand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import parse_qs, urlencode

from data import catalogue
from data.divisions import CITY_CODES, COUNTY_CODES, DIVISIONS, PROVINCE_CODE
from data.i18n import DEFAULT_LANGUAGE, LANGUAGES, other_language

LEVELS = ("city", "county")
MAP_MODES = ("progress", "status", "outlook", "change")
# The modes that need more of the view than its year (check_mode): the outlook is made before the
# target year; the change runs from one year (`from`) to a later one (`year`).
OUTLOOK_MODE, CHANGE_MODE = "outlook", "change"
TABS = ("map", "table")
QUALITY_LAYER = ("on", "off")  # the overview map's "numbers to check" markers (data/quality.py)
DEFAULT_QUALITY = "on"
WORKLISTS = ("selected", "all")
DEFAULT_LEVEL = "city"
DEFAULT_MODE = "progress"
PRESENT_THEMES = ("dark", "light")
DEFAULT_THEME = "dark"
DEFAULT_INTERVAL = 20
INTERVALS = range(2, 3601)  # seconds a slide may stay
MAX_SHOWN = 40  # characters of a bad value quoted back in a notice
_PARENT = DIVISIONS.set_index("code")["parent_code"]

# Every page's path, declared once: the router matches them (callbacks/routing.py), the
# builders below fill them in. <name> stands for one path segment.
OVERVIEW = "/"
CITY = "/city/<code>"
COUNTY = "/county/<code>"
PRESENT = "/present"
COMPARE = "/compare"
DATA = "/data"
METHOD = "/method"
REPORTS = "/reports"   # the reporting status (callbacks/reports.py)
METHOD_OUTLOOK = "outlook"      # the id of the method page's outlook section (/method#outlook)
LOGIN = "/login"
LOGOUT = "/logout"
PASSWORD = "/password"
AUDIT_CSV = "/data/audit.csv"
DOWNLOAD = "/download/<kind>.<fmt>"
TEMPLATE = "/download/template.xlsx"
CIRCULAR = "/download/circular.docx"   # the 通报 (documents/circular.py)
PROFILE = "/download/profile.pdf"      # a place's profile (documents/profile.py)
DECK = "/download/deck.pptx"           # the presentation as PowerPoint (documents/deck.py)
API_INDICATORS = "/api/v1/indicators"
API_VALUES = "/api/v1/values"
API_OUTLOOK = "/api/v1/outlook"
API_QUALITY = "/api/v1/quality"
GEOJSON = "/geo/<level>.geojson"
WHOAMI = "/whoami"
# Probes for a load balancer or orchestrator: the process answers; the store answers.
HEALTHZ = "/healthz"
READYZ = "/readyz"
# The probes: open to anyone, never limited, no session (routes/health.py, routes/static_files.py).
PROBES = (HEALTHZ, READYZ)
# Prefixes of the plain routes: the API answers any unknown path under it (not Dash's page),
# and neither it nor the downloads are redirected to sign in (they answer 401).
API_PREFIX = "/api/"
API_ANY = "/api/<path:rest>"
DOWNLOAD_PREFIX = "/download/"
PLACE = {"city": CITY, "county": COUNTY}
REPORT_STATUSES = ("reported", "simulated", "late")  # data.reporting.STATUSES


# ---------------------------------------------------------------------- single values
def language(value) -> str:
    """"zh" or "en": the language asked for, Chinese when it is missing or unknown."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def meta_language(meta) -> str:
    """The language of the page meta the router writes ({"path", "lang"}), which a
    callback takes as State: Chinese for anything that is not such a dict."""
    return language(meta.get("lang") if isinstance(meta, dict) else None)


_FOUR_DIGITS = re.compile(r"[0-9]{4}")


def year(text, years=None) -> int | None:
    """The year `text` names: four ASCII digits (surrounding blanks allowed), one of `years`
    when given; else None. str.isdigit() alone would take "²⁰¹⁴", which int() refuses."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not _FOUR_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if years is None or value in years else None


def _whole_number(text: str) -> int | None:
    """A whole number in ASCII digits, else None (as year(), refusing "²" and "①")."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def normal_path(pathname: str | None) -> str:
    """"/county/210224/" and "/county/210224" are one page; no path (or not a string) is the overview."""
    return (pathname if isinstance(pathname, str) else "/").rstrip("/") or "/"


@lru_cache(maxsize=None)
def _pattern(path: str) -> re.Pattern:
    parts = re.split(r"<(\w+)>", path)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>[^/]+)" for i, p in enumerate(parts)))


def match(route: str, path: str) -> dict | None:
    """The segments of `path` named by `route` (a path above), or None if it is another page."""
    found = _pattern(route).fullmatch(normal_path(path))
    return found.groupdict() if found else None


def _fill(route: str, **segments) -> str:
    return re.sub(r"<(\w+)>", lambda m: str(segments[m.group(1)]), route)


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"


class _Query:
    """A query string's parameters (the first value of each) and a notice per bad one.
    Each parser below reads its parameters through it, so all of them treat a bad value alike."""

    def __init__(self, query: str | None):
        query = query if isinstance(query, str) else ""  # a callback may send any JSON value
        self.given = {k: v[0] for k, v in parse_qs(query.lstrip("?"), keep_blank_values=True).items()}
        self.notices: list[tuple[str, dict]] = []

    def bad(self, name: str, fallback: str) -> None:
        self.notices.append(("notice.bad_param", {"name": name, "value": _shorten(self.given[name]),
                                                  "fallback": fallback}))

    def choice(self, name: str, allowed, default: str) -> str:
        """The parameter if it is one of `allowed`; else `default`, with a notice if it was given."""
        value = self.given.get(name, default)
        if value not in allowed:
            self.bad(name, default)
            value = default
        return value

    def language(self) -> str:
        lang = language(self.given.get("lang"))
        if "lang" in self.given and self.given["lang"] != lang:
            self.bad("lang", lang)
        return lang

    def year(self, years: list[int]) -> int:
        """A four-digit year with data; else the latest, with a notice if one was given."""
        latest = max(years)
        if "year" not in self.given:
            return latest
        found = year(self.given["year"], years)
        if found is None:
            self.bad("year", str(latest))
        return found or latest


def language_of(query: str | None) -> str:
    """The language a query string asks for (?lang=), Chinese by default."""
    return language(_Query(query).given.get("lang"))


# ---------------------------------------------------------------------- the overview
def mappable_indicators() -> list[str]:
    """Indicators that can be drawn on the city and county maps."""
    return [i.id for i in catalogue.INDICATORS if "county" in i.levels and "city" in i.levels]


@dataclass(frozen=True)
class ViewState:
    indicator: str
    year: int
    level: str = DEFAULT_LEVEL
    city: str | None = None
    county: str | None = None
    mode: str = DEFAULT_MODE
    lang: str = DEFAULT_LANGUAGE
    tab: str = "map"
    from_year: int | None = None   # the change mode's first year (?from=); None in the other modes
    quality: str = DEFAULT_QUALITY   # the "numbers to check" markers: "on" or "off"

    def to_query(self) -> str:
        """The query string, with "?"; city, county, map (and the change's from) tab and quality only when set."""
        params = {"indicator": self.indicator, "year": self.year, "level": self.level}
        if self.city:
            params["city"] = self.city
        if self.county:
            params["county"] = self.county
        if self.mode != DEFAULT_MODE:
            params["map"] = self.mode
        if self.mode == CHANGE_MODE and self.from_year is not None:
            params["from"] = self.from_year
        if self.tab != "map":
            params["tab"] = self.tab
        if self.quality != DEFAULT_QUALITY:
            params["quality"] = self.quality
        params["lang"] = self.lang
        return "?" + urlencode(params)

    def with_(self, **changes) -> "ViewState":
        return replace(self, **changes)


def default_state(years: list[int], lang: str = DEFAULT_LANGUAGE) -> ViewState:
    return ViewState(indicator=catalogue.DEFAULT_INDICATOR, year=max(years), lang=lang)


def parse(query: str | None, years: list[int]) -> tuple[ViewState, list[tuple[str, dict]]]:
    """The state a query string asks for, and a notice (key, params) per bad parameter."""
    q = _Query(query)
    default = default_state(years)
    lang = q.language()
    indicator = q.choice("indicator", mappable_indicators(), default.indicator)
    year_ = q.year(years)
    level = q.choice("level", LEVELS, default.level)

    city = q.given.get("city") or None
    if city is not None and city not in CITY_CODES:
        q.bad("city", "—")
        city = None

    county = q.given.get("county") or None
    if county is not None and (county not in COUNTY_CODES or (city and _PARENT[county] != city)):
        q.bad("county", "—")
        county = None

    mode = q.choice("map", MAP_MODES, default.mode)
    tab = q.choice("tab", TABS, "map")
    from_year = None
    if mode == CHANGE_MODE and "from" in q.given:
        from_year = year(q.given["from"], years)
        if from_year is None:
            q.bad("from", str(min(years)))
    state, problems = check_mode(ViewState(indicator=indicator, year=year_, level=level, city=city, county=county,
                                           mode=mode, lang=lang, tab=tab, from_year=from_year,
                                           quality=q.choice("quality", QUALITY_LAYER, DEFAULT_QUALITY)), years)
    return state, q.notices + problems


def check_mode(state: ViewState, years: list[int]) -> tuple[ViewState, list[tuple[str, dict]]]:
    """The state with a colour mode it can show, and a notice if it could not: the outlook only
    for a year before the target year; the change from an earlier year with data (2011 unless
    given) to the year shown. Otherwise the map falls back to progress, as for a bad value."""
    if state.mode == OUTLOOK_MODE:
        if state.year >= catalogue.TARGET_YEAR:
            return (state.with_(mode=DEFAULT_MODE, from_year=None),
                    [("notice.outlook_year", {"year": state.year, "target_year": catalogue.TARGET_YEAR})])
        return state.with_(from_year=None), []
    if state.mode == CHANGE_MODE:
        start = state.from_year if state.from_year is not None else min(years)
        if start not in years or start >= state.year:
            return (state.with_(mode=DEFAULT_MODE, from_year=None),
                    [("notice.change_years", {"start": start, "year": state.year})])
        return state.with_(from_year=start), []
    return state.with_(from_year=None), []


def overview(state: ViewState) -> str:
    """The overview showing `state`."""
    return OVERVIEW + state.to_query()


def home(lang: str, year: int | None = None) -> str:
    """The overview at its defaults in `lang` (and at `year`, if given): the way back from any page."""
    return OVERVIEW + "?" + urlencode({"year": year, "lang": lang} if year else {"lang": lang})


def other_language_query(state: ViewState) -> str:
    """The overview's own view in the other language, as a query (the language switch)."""
    return state.with_(lang=other_language(state.lang)).to_query()


# ---------------------------------------------------------------------- city and county pages
@dataclass(frozen=True)
class PlaceState:
    """A city or county page's query: which indicator's trend and work list, which year."""
    indicator: str
    year: int
    lang: str = DEFAULT_LANGUAGE
    worklist: str = "selected"

    def to_query(self, **changes) -> str:
        state = replace(self, **changes)
        params = {"indicator": state.indicator, "year": state.year}
        if state.worklist != "selected":
            params["worklist"] = state.worklist
        params["lang"] = state.lang
        return "?" + urlencode(params)


def parse_place(query: str | None, years: list[int], level: str) -> tuple[PlaceState, list[tuple[str, dict]]]:
    """The query of a place page, with a notice per bad parameter, as parse() does."""
    q = _Query(query)
    lang = q.language()
    indicator = q.choice("indicator", [i.id for i in catalogue.INDICATORS if level in i.levels],
                         catalogue.DEFAULT_INDICATOR)
    year_ = q.year(years)
    worklist = q.choice("worklist", WORKLISTS, "selected")
    return PlaceState(indicator=indicator, year=year_, lang=lang, worklist=worklist), q.notices


def place(level: str, code: str, state: PlaceState | None = None, **changes) -> str:
    """/city/<code> or /county/<code>, with the page's query (and `changes` to it) when given."""
    path = _fill(PLACE[level], code=code)
    return path + state.to_query(**changes) if state is not None else path


# ---------------------------------------------------------------------- presentation mode
@dataclass(frozen=True)
class PresentState:
    """/present?indicators=a,b&year=&level=city|county&interval=20&theme=dark|light&lang="""
    indicators: tuple[str, ...]
    year: int
    level: str = "city"
    interval: int = DEFAULT_INTERVAL
    theme: str = DEFAULT_THEME
    lang: str = DEFAULT_LANGUAGE

    @classmethod
    def of_view(cls, view: ViewState) -> "PresentState":
        """The presentation of an overview's indicator, year and level ("present this view")."""
        return cls(indicators=(view.indicator,), year=view.year, level=view.level, lang=view.lang)

    def to_query(self) -> str:
        """The query string, with "?"; interval and theme only when not the defaults."""
        params = {"indicators": ",".join(self.indicators), "year": self.year, "level": self.level}
        if self.interval != DEFAULT_INTERVAL:
            params["interval"] = self.interval
        if self.theme != DEFAULT_THEME:
            params["theme"] = self.theme
        params["lang"] = self.lang
        return "?" + urlencode(params, safe=",")


def parse_present(query: str | None, years: list[int]) -> tuple[PresentState, list[tuple[str, dict]]]:
    """The presentation's configuration, with a notice per bad parameter, as parse() does."""
    q = _Query(query)
    lang = q.language()
    allowed = set(mappable_indicators())
    indicators: list[str] = []
    if q.given.get("indicators"):
        for item in q.given["indicators"].split(","):
            item = item.strip()
            if item in allowed and item not in indicators:
                indicators.append(item)
            elif item:
                q.notices.append(("notice.bad_indicator", {"value": _shorten(item)}))
    if not indicators:
        indicators = [i.id for i in catalogue.HEADLINE]
    year_ = q.year(years)
    level = q.choice("level", LEVELS, "city")
    interval = DEFAULT_INTERVAL
    if "interval" in q.given:
        seconds = _whole_number(q.given["interval"])
        if seconds in INTERVALS:
            interval = seconds
        else:
            q.bad("interval", str(DEFAULT_INTERVAL))
    theme = q.choice("theme", PRESENT_THEMES, DEFAULT_THEME)
    return PresentState(indicators=tuple(indicators), year=year_, level=level, interval=interval, theme=theme,
                        lang=lang), q.notices


def present(state: PresentState) -> str:
    return PRESENT + state.to_query()


def present_view(view: ViewState) -> str:
    """"Present this view": the presentation of an overview's indicator, year and level."""
    return present(PresentState.of_view(view))


# ---------------------------------------------------------------------- the reporting status
@dataclass(frozen=True)
class ReportsState:
    """/reports?city=<code>&status=reported|simulated|late&lang=: which counties the grid shows."""
    city: str | None = None
    status: str | None = None
    lang: str = DEFAULT_LANGUAGE

    def to_query(self, **changes) -> str:
        state = replace(self, **changes)
        params = {}
        if state.city:
            params["city"] = state.city
        if state.status:
            params["status"] = state.status
        params["lang"] = state.lang
        return "?" + urlencode(params)


def parse_reports(query: str | None) -> tuple[ReportsState, list[tuple[str, dict]]]:
    """The reporting page's filters, with a notice per bad parameter, as parse() does."""
    q = _Query(query)
    lang = q.language()
    city = q.given.get("city") or None
    if city is not None and city not in CITY_CODES:
        q.bad("city", "—")
        city = None
    status = q.given.get("status") or None
    if status is not None and status not in REPORT_STATUSES:
        q.bad("status", "—")
        status = None
    return ReportsState(city=city, status=status, lang=lang), q.notices


def reports(state: ReportsState | None = None, **changes) -> str:
    return REPORTS + (state or ReportsState()).to_query(**changes)


def reports_download(fmt: str, state: ReportsState) -> str:
    """The county-years without a report (of the filtered city), as CSV or XLSX."""
    params = {"city": state.city} if state.city else {}
    return download("missing", fmt, **params, lang=state.lang)


# ---------------------------------------------------------------------- two places side by side
COMPARABLE = [PROVINCE_CODE] + CITY_CODES + COUNTY_CODES


def default_other(code: str) -> str:
    """Whom a place is compared with unless the link says: a county its own city, a city the
    province, the province its first city."""
    parent = _PARENT.get(code, "")
    return parent if parent else CITY_CODES[0]


@dataclass(frozen=True)
class CompareState:
    """/compare?a=<code>&b=<code>&year=&lang=: any two of the province, 14 cities, 100 counties."""
    a: str
    b: str
    year: int
    lang: str = DEFAULT_LANGUAGE

    def to_query(self, **changes) -> str:
        state = replace(self, **changes)
        return "?" + urlencode({"a": state.a, "b": state.b, "year": state.year, "lang": state.lang})


def parse_compare(query: str | None, years: list[int]) -> tuple[CompareState, list[tuple[str, dict]]]:
    """The two places and the year of /compare, with a notice per bad parameter, as parse()
    does: an unknown `a` falls back to the province, an unknown `b` (or `b` the same as `a`) to
    default_other(a)."""
    q = _Query(query)
    lang = q.language()
    a = q.given.get("a", PROVINCE_CODE).strip()
    if a not in COMPARABLE:
        q.bad("a", PROVINCE_CODE)
        a = PROVINCE_CODE
    fallback = default_other(a)
    b = q.given.get("b", fallback).strip()
    if b not in COMPARABLE or b == a:
        q.bad("b", fallback)
        b = fallback
    return CompareState(a=a, b=b, year=q.year(years), lang=lang), q.notices


def compare(state: CompareState, **changes) -> str:
    """/compare showing `state` (with `changes` to it)."""
    return COMPARE + state.to_query(**changes)


# ---------------------------------------------------------------------- the other pages
def method(lang: str) -> str:
    return METHOD + "?" + urlencode({"lang": lang})




def data(lang: str) -> str:
    return DATA + "?" + urlencode({"lang": lang})


def login(next_path: str, lang: str) -> str:
    """The sign-in page, which returns to `next_path` (a path on this site) once signed in."""
    return LOGIN + "?" + urlencode({"next": next_path, "lang": lang})


def password(next_path: str, lang: str) -> str:
    """The change-password page, which returns to `next_path` once the password is changed."""
    return PASSWORD + "?" + urlencode({"next": next_path, "lang": lang})


def audit_csv() -> str:
    return AUDIT_CSV


def this_page(lang: str) -> str:
    """The page itself in `lang`: a query-only link, for a page whose path is the reader's own
    text (an unknown place), which is not written back."""
    return "?" + urlencode({"lang": lang})


# ---------------------------------------------------------------------- downloads and the API
def download(kind: str, fmt: str, **params) -> str:
    """/download/<kind>.<fmt>?…, the parameters in the order given (routes/downloads.py reads them)."""
    return _fill(DOWNLOAD, kind=kind, fmt=fmt) + ("?" + urlencode(params) if params else "")


def table_download(fmt: str, indicator: str, level: str, lang: str) -> str:
    return download("table", fmt, indicator=indicator, level=level, lang=lang)


def circular_download(year: int, lang: str) -> str:
    return CIRCULAR + "?" + urlencode({"year": year, "lang": lang})


def profile_download(code: str, year: int, lang: str) -> str:
    return PROFILE + "?" + urlencode({"code": code, "year": year, "lang": lang})


def deck_download(state: PresentState) -> str:
    """The presentation's slides as a .pptx: its indicators, year, level, theme and language."""
    params = {"indicators": ",".join(state.indicators), "year": state.year, "level": state.level}
    if state.theme != DEFAULT_THEME:
        params["theme"] = state.theme
    params["lang"] = state.lang
    return DECK + "?" + urlencode(params, safe=",")


def scorecard_download(fmt: str, code: str, year: int, lang: str) -> str:
    return download("scorecard", fmt, code=code, year=year, lang=lang)


def worklist_download(fmt: str, county: str, indicator: str, year: int, lang: str) -> str:
    """`indicator` is an indicator's id, or "all" for every standard."""
    return download("worklist", fmt, county=county, indicator=indicator, year=year, lang=lang)


def template_download(year: int, lang: str, filled: bool) -> str:
    """The import template for a year: blank, or filled with what the dashboard shows."""
    params = {"year": year, "lang": lang}
    if filled:
        params["filled"] = 1
    return TEMPLATE + "?" + urlencode(params)


def geojson(level: str) -> str:
    """The committed boundaries of a level, for figures that share them (the slides)."""
    return _fill(GEOJSON, level=level)


def api_values(indicator: str, level: str, year: int, city: str | None = None, fmt: str | None = None) -> str:
    params = {"indicator": indicator, "level": level, "year": year}
    if city:
        params["city"] = city
    if fmt:
        params["format"] = fmt
    return API_VALUES + "?" + urlencode(params)


def api_outlook(indicator: str, level: str, year: int, city: str | None = None, fmt: str | None = None) -> str:
    """The outlook to the target year made in `year` (routes/api.py, data/outlook.py)."""
    return API_OUTLOOK + api_values(indicator, level, year, city, fmt)[len(API_VALUES):]
