"""The overview's view state: one object, parsed from and written to the URL's query string.

    /?indicator=rural_center_coverage&year=2014&level=county&city=210200&county=210224&map=status&lang=en

Unknown parameters are ignored. A known parameter with a bad value (an unknown
indicator, year 1999, city=abc, a SQL-looking string) falls back to its default, and
parse() returns a notice for it, so the page can say what it did. Nothing raises.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from data import catalogue
from data.divisions import CITY_CODES, COUNTY_CODES, DIVISIONS
from data.i18n import DEFAULT_LANGUAGE, LANGUAGES

LEVELS = ("city", "county")
MAP_MODES = ("progress", "status")
TABS = ("map", "table")
WORKLISTS = ("selected", "all")
DEFAULT_LEVEL = "city"
DEFAULT_MODE = "progress"
MAX_SHOWN = 40  # characters of a bad value quoted back in a notice
_PARENT = DIVISIONS.set_index("code")["parent_code"]


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

    def to_query(self) -> str:
        """The query string, with "?"; city, county, map and tab only when set."""
        params = {"indicator": self.indicator, "year": self.year, "level": self.level}
        if self.city:
            params["city"] = self.city
        if self.county:
            params["county"] = self.county
        if self.mode != DEFAULT_MODE:
            params["map"] = self.mode
        if self.tab != "map":
            params["tab"] = self.tab
        params["lang"] = self.lang
        return "?" + urlencode(params)

    def with_(self, **changes) -> "ViewState":
        return replace(self, **changes)


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"


class _Query:
    """A query string's parameters (the first value of each) and a notice per bad one.
    Each parser below reads its parameters through it, so all of them treat a bad value alike."""

    def __init__(self, query: str | None):
        self.given = {k: v[0] for k, v in parse_qs((query or "").lstrip("?"), keep_blank_values=True).items()}
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

    def year(self, years: list[int]) -> int:
        """A four-digit year with data; else the latest, with a notice if one was given."""
        year = max(years)
        if "year" in self.given:
            text = self.given["year"].strip()
            if text.isdigit() and len(text) == 4 and int(text) in years:
                year = int(text)
            else:
                self.bad("year", str(year))
        return year


def default_state(years: list[int], lang: str = DEFAULT_LANGUAGE) -> ViewState:
    return ViewState(indicator=catalogue.DEFAULT_INDICATOR, year=max(years), lang=lang)


def parse(query: str | None, years: list[int]) -> tuple[ViewState, list[tuple[str, dict]]]:
    """The state a query string asks for, and a notice (key, params) per bad parameter."""
    q = _Query(query)
    default = default_state(years)
    lang = q.choice("lang", LANGUAGES, default.lang)
    indicator = q.choice("indicator", mappable_indicators(), default.indicator)
    year = q.year(years)
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
    return ViewState(indicator=indicator, year=year, level=level, city=city, county=county,
                     mode=mode, lang=lang, tab=tab), q.notices


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
    lang = q.choice("lang", LANGUAGES, DEFAULT_LANGUAGE)
    indicator = q.choice("indicator", [i.id for i in catalogue.INDICATORS if level in i.levels],
                         catalogue.DEFAULT_INDICATOR)
    year = q.year(years)
    worklist = q.choice("worklist", WORKLISTS, "selected")
    return PlaceState(indicator=indicator, year=year, lang=lang, worklist=worklist), q.notices


PRESENT_THEMES = ("dark", "light")
DEFAULT_INTERVAL = 20


@dataclass(frozen=True)
class PresentState:
    """/present?indicators=a,b&year=&level=city|county&interval=20&theme=dark|light&lang="""
    indicators: tuple[str, ...]
    year: int
    level: str = "city"
    interval: int = DEFAULT_INTERVAL
    theme: str = "dark"
    lang: str = DEFAULT_LANGUAGE


def parse_present(query: str | None, years: list[int]) -> tuple[PresentState, list[tuple[str, dict]]]:
    """The presentation's configuration, with a notice per bad parameter, as parse() does."""
    q = _Query(query)
    lang = q.choice("lang", LANGUAGES, DEFAULT_LANGUAGE)
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
    year = q.year(years)
    level = q.choice("level", LEVELS, "city")
    interval = DEFAULT_INTERVAL
    if "interval" in q.given:
        text = q.given["interval"].strip()
        if text.isdigit() and 2 <= int(text) <= 3600:
            interval = int(text)
        else:
            q.bad("interval", str(DEFAULT_INTERVAL))
    theme = q.choice("theme", PRESENT_THEMES, "dark")
    return PresentState(indicators=tuple(indicators), year=year, level=level, interval=interval, theme=theme,
                        lang=lang), q.notices
