"""The outlook to the target year: where a place will be in 2015 at the pace it has kept, the
range that the paces seen so far allow, when it reaches the target, what it would take, and,
once the target year is in the data, how good an outlook made in an earlier year was.

The method is written out for readers in docs/method.md ("2015 年展望" / "Outlook to 2015");
this module is its single implementation. It extends data.progress's linear method:

    observed annual change   p = (value in Y - value in 2011) / (Y - 2011)
    projected 2015 value       = value in Y + p * (2015 - Y)      (= baseline + 4p)
    range                      = value in Y + (slowest, fastest year-on-year change) * (2015 - Y)
    needed annual change       = (target - value in Y) / (2015 - Y)
    year reached               = Y + ceil((target - value in Y) / p), when p > 0

so the projection meets the target exactly when R (data.progress) is at least 1. Shares stay
within 0-100% and a cumulative count never falls below what is built. The outlook status is
will achieve (even the slowest pace seen reaches the target), will miss (even the fastest
does not) or at risk (the target lies inside the range); with one change only there is no
range, and the projection alone decides.

The 6000 centres and 1000 stations are province totals: the outlook is the province's. A city
or county has its own projected count, but no target, status or gap; its part of what the
province still has to build is derived from its share of what is built (data.queries'
share_of_province), and labelled as derived, never as a quota.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Mapping

import pandas as pd

from data import catalogue, queries
from data.catalogue import BASE_YEAR, Indicator
from data.divisions import DIVISIONS
from data.formatting import format_number, format_percent, format_value, status_label
from data.i18n import t
from data.progress import missing, number_or_none
from data.queries import QueryError

# Rates are sums of counts over sums of counts: the same tolerance as data.progress.
_EPS = 1e-9
# A linear pace says nothing about a year this far ahead: a later year reads "not before 2030".
REACH_HORIZON = 2030
_LEVEL = dict(zip(DIVISIONS["code"], DIVISIONS["level"]))

OUTLOOKS = ("will_achieve", "at_risk", "will_miss", "no_trend", "no_data", "not_applicable", "no_target")
# How the year reached reads: met already, a year, beyond the horizon, never at this pace...
REACHES = ("met", "year", "beyond", "not_at_pace", "no_trend", "no_data", "not_applicable", "no_target")

OUTLOOK_COLUMNS = [
    "code", "name", "name_en", "parent_code", "year", "target_year", "numerator", "denominator", "value",
    "target", "baseline", "pace", "changes", "pace_slowest", "pace_fastest", "projected", "projected_low",
    "projected_high", "range_reason", "reach", "reach_year", "needed_pace", "pace_factor", "gap_units",
    "outlook", "share_of_province", "derived_to_build",
    "actual", "actual_met", "came_true", "within_range",
]


# ---------------------------------------------------------------------- one place, pure
def _meets(x, target) -> bool:
    return x >= target - _EPS


def bounds(ind: Indicator, value_now: float) -> tuple[float, float]:
    """What is possible in the target year: a share within 0-100%; a count (cumulative, since
    2011) not below what is already built."""
    if ind.unit == "count":
        return value_now, math.inf
    return 0.0, 1.0


def yearly_changes(history: Mapping[int, float | None], year: int, base_year: int = BASE_YEAR) -> list[float]:
    """The annual changes seen from `base_year` to `year`: one for each pair of consecutive
    years with a value (a missing year between two spreads the change over both)."""
    known = [(y, float(v)) for y, v in sorted(history.items())
             if base_year <= y <= year and not missing(v)]
    return [(v1 - v0) / (y1 - y0) for (y0, v0), (y1, v1) in zip(known, known[1:])]


def gap_in_units(ind: Indicator, level: str, numerator, denominator) -> int | None:
    """How many more units must count in the numerator for the target to hold at today's
    denominator: villages still needing a centre, centres still to build toward 6000. From the
    counts, never from a rounded percentage. None where no target applies or nothing is counted."""
    target = ind.target_at(level)
    if target is None or missing(numerator):
        return None
    if ind.unit == "count":
        return max(0, math.ceil(target - float(numerator) - _EPS))
    if missing(denominator) or denominator <= 0:
        return None
    # round() first: 0.8 * 1000 is 800.0000000000001, and one village is not to be invented.
    return max(0, math.ceil(round(target * float(denominator) - float(numerator), 6)))


def place_outlook(ind: Indicator, level: str, history: Mapping[int, float | None], year: int,
                  numerator=None, denominator=None, target_year: int | None = None,
                  base_year: int = BASE_YEAR) -> dict:
    """The outlook made in `year` for one place, from its values by year (only those up to
    `year` are read) and its counts in `year`. Keys as OUTLOOK_COLUMNS (less the place's names
    and the hindsight)."""
    target_year = ind.target_year if target_year is None else target_year
    target = ind.target_at(level)
    value = number_or_none(history.get(year))
    baseline = number_or_none(history.get(base_year))
    row = {"year": year, "target_year": target_year, "numerator": number_or_none(numerator),
           "denominator": number_or_none(denominator), "value": value, "target": target, "baseline": baseline,
           "pace": None, "changes": 0, "pace_slowest": None, "pace_fastest": None, "projected": None,
           "projected_low": None, "projected_high": None, "range_reason": None, "reach": None, "reach_year": None,
           "needed_pace": None, "pace_factor": None, "gap_units": None, "outlook": None}
    if ind.unit != "count" and not missing(denominator) and denominator <= 0:
        # No villages (no facilities...) here: the share is not defined, so neither is its outlook.
        row.update(outlook="not_applicable", reach="not_applicable")
        return row
    if value is None:
        row.update(outlook="no_data", reach="no_data")
        return row
    years_left = target_year - year
    changes = yearly_changes(history, year, base_year)
    row["changes"] = len(changes)
    low, high = bounds(ind, value)
    if year > base_year and baseline is not None:
        pace = (value - baseline) / (year - base_year)
        row["pace"] = pace
        row["projected"] = min(high, max(low, value + pace * years_left))
        if len(changes) >= 2:
            row["pace_slowest"], row["pace_fastest"] = min(changes), max(changes)
            row["projected_low"] = min(high, max(low, value + min(changes) * years_left))
            row["projected_high"] = min(high, max(low, value + max(changes) * years_left))
        else:
            row["range_reason"] = "one_change"
    else:
        row["range_reason"] = "no_trend"
    if target is None:
        row.update(outlook="no_target", reach="no_target")
        return row

    row["gap_units"] = gap_in_units(ind, level, numerator if not missing(numerator) else
                                    (value if ind.unit == "count" else None), denominator)
    met = _meets(value, target)
    row["needed_pace"] = 0.0 if met else (target - value) / years_left
    pace = row["pace"]
    if pace is not None and pace > _EPS and not met:
        row["pace_factor"] = row["needed_pace"] / pace
    if met:
        row["reach"] = "met"
    elif pace is None:
        row["reach"] = "no_trend"
    elif pace <= _EPS:
        row["reach"] = "not_at_pace"
    else:
        reached = year + math.ceil((target - value) / pace - _EPS)
        row.update(reach="year", reach_year=reached) if reached <= REACH_HORIZON else row.update(reach="beyond")

    if pace is None:
        row["outlook"] = "no_trend"
    elif row["projected_low"] is None:
        row["outlook"] = "will_achieve" if _meets(row["projected"], target) else "will_miss"
    elif _meets(row["projected_low"], target):
        row["outlook"] = "will_achieve"
    elif _meets(row["projected_high"], target):
        row["outlook"] = "at_risk"
    else:
        row["outlook"] = "will_miss"
    return row


def hindsight_of(row: dict, actual, target) -> dict:
    """An outlook beside what happened in the target year: whether the target was met, whether
    the outlook's verdict came true (None for "at risk", which makes no call), whether the
    actual value fell inside the range."""
    actual = number_or_none(actual)
    out = {"actual": actual, "actual_met": None, "came_true": None, "within_range": None}
    if actual is None or target is None:
        return out
    out["actual_met"] = _meets(actual, target)
    if row.get("outlook") == "will_achieve":
        out["came_true"] = out["actual_met"]
    elif row.get("outlook") == "will_miss":
        out["came_true"] = not out["actual_met"]
    if row.get("projected_low") is not None:
        out["within_range"] = row["projected_low"] - _EPS <= actual <= row["projected_high"] + _EPS
    return out


# ---------------------------------------------------------------------- every place, from the store
def check(store, indicator_id: str, level: str, year: int, city: str | None = None) -> Indicator:
    """The indicator, once the question is one the outlook answers; QueryError (both languages) if not."""
    queries.values(store, indicator_id, level, year, city=city)  # unknown ids, levels, years, cities raise
    ind = catalogue.BY_ID[indicator_id]
    if ind.target is None:
        raise QueryError("outlook.no_target", indicator=ind.name["zh"], indicator_en=ind.name["en"])
    if year >= ind.target_year:
        raise QueryError("outlook.year_not_before", value=year, target_year=ind.target_year,
                         last=ind.target_year - 1)
    return ind


def table(store, indicator_id: str, level: str, year: int, city: str | None = None) -> pd.DataFrame:
    """One row per place at `level` (the counties of `city` only, if given): the outlook made in
    `year` toward the target year, and, where the data reach the target year, what happened."""
    ind = check(store, indicator_id, level, year, city)
    frame = _table(store.data_version(), store, ind.id, level, year)
    if city is not None and level == "county":
        frame = frame[frame["parent_code"] == city]
    elif city is not None and level == "city":
        frame = frame[frame["code"] == city]
    return frame.reset_index(drop=True).copy()


def map_table(store, indicator_id: str, level: str, year: int) -> pd.DataFrame:
    """table() of every place at `level` for the overview's "2015 outlook" map, for any mappable
    indicator: one without a numeric target is "no_target" everywhere (its projection is kept).
    QueryError (both languages) for a year not before the target year, as table()."""
    queries.values(store, indicator_id, level, year)
    ind = catalogue.BY_ID[indicator_id]
    if year >= ind.target_year:
        raise QueryError("outlook.year_not_before", value=year, target_year=ind.target_year,
                         last=ind.target_year - 1)
    return _table(store.data_version(), store, ind.id, level, year).copy()


def place(store, indicator_id: str, code: str, year: int) -> dict:
    """The outlook row of one place (the province, a city or a county)."""
    if code not in _LEVEL:
        raise QueryError("query.unknown_place", value=code)
    frame = table(store, indicator_id, _LEVEL[code], year)
    return frame[frame["code"] == code].iloc[0].to_dict()


@lru_cache(maxsize=256)
def _table(version: int, store, indicator_id: str, level: str, year: int) -> pd.DataFrame:
    ind = catalogue.BY_ID[indicator_id]
    full = queries._level_table(version, store, indicator_id, level)
    known_years = set(int(y) for y in full["year"].unique())
    by_code: dict[str, list[dict]] = {}
    for record in full.to_dict("records"):  # plain dicts: a pandas filter per place costs 100 times more
        by_code.setdefault(record["code"], []).append(record)
    rows = []
    for code, records in by_code.items():
        history = {int(r["year"]): r["value"] for r in records}
        now = next(r for r in records if int(r["year"]) == year)
        row = place_outlook(ind, level, history, year, now["numerator"], now["denominator"])
        row.update(code=code, name=now["name"], name_en=now["name_en"], parent_code=now["parent_code"],
                   share_of_province=number_or_none(now["share_of_province"]), derived_to_build=None)
        target = ind.target_at(level)
        if ind.target_year in known_years:
            row.update(hindsight_of(row, history.get(ind.target_year), target))
        else:
            row.update(actual=None, actual_met=None, came_true=None, within_range=None)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=OUTLOOK_COLUMNS)
    if ind.unit == "count" and level != "province" and ind.target is not None:
        # Derived, not a quota: the place's share of what is built, of what the province still has to build.
        province = place_outlook(ind, "province", *_province_history(version, store, indicator_id, year))
        left = province["gap_units"]
        frame["derived_to_build"] = [None if missing(s) or left is None else float(round(s * left))
                                     for s in frame["share_of_province"]]
    return frame


def _province_history(version: int, store, indicator_id: str, year: int):
    full = queries._level_table(version, store, indicator_id, "province")
    now = full[full["year"] == year].iloc[0]
    return dict(zip(full["year"].astype(int), full["value"])), year, now["numerator"], now["denominator"]


def hindsight(frame: pd.DataFrame) -> dict | None:
    """How good the outlook of `frame` (table()) was, once the target year is in the data: how
    many places' verdicts came true, how many were "at risk" and how many of those met it, how
    many actual values fell inside their range. None before the target year is in the data."""
    judged = frame[frame["outlook"].isin(["will_achieve", "at_risk", "will_miss"]) & frame["actual"].notna()]
    if judged.empty:
        return None
    called = judged[judged["outlook"] != "at_risk"]
    at_risk = judged[judged["outlook"] == "at_risk"]
    ranged = judged[judged["within_range"].notna()]
    errors = (judged["actual"] - judged["projected"]).abs()
    return {"places": int(len(judged)), "called": int(len(called)),
            "came_true": int(called["came_true"].astype(bool).sum()),
            "at_risk": int(len(at_risk)), "at_risk_met": int(at_risk["actual_met"].astype(bool).sum()),
            "with_range": int(len(ranged)), "within_range": int(ranged["within_range"].astype(bool).sum()),
            "mean_abs_error": float(errors.mean()), "met": int(judged["actual_met"].astype(bool).sum())}


def counts_by_outlook(frame: pd.DataFrame) -> dict[str, int]:
    """How many places have each outlook, in OUTLOOKS order; outlooks no place has are left out."""
    counts = frame["outlook"].value_counts()
    return {o: int(counts[o]) for o in OUTLOOKS if o in counts}


# ---------------------------------------------------------------------- words
def pace_text(change, ind: Indicator, lang: str) -> str:
    """An annual change: "+6.2 个百分点" / "+6.2 pp" for shares, "+1,234 个" / "+1,234" for counts."""
    if missing(change):
        return t("value.none", lang)
    if ind.unit == "count":
        return t("outlook.per_year_count", lang, n=f"{change:+,.0f}")
    return t("outlook.per_year_pp", lang, n=f"{change * 100:+.1f}")


def status_words(outlook: str, ind: Indicator, lang: str) -> str:
    """The outlook status in words, wherever it is written (the scorecard, the map's legend,
    hover and text, the slides, the profile): a target set only above this level says so, and
    where there is nothing to count it says what, as the status does (不适用（无村）)."""
    if outlook == "no_target" and ind.target is not None:
        return t("outlook.status.province_only", lang)
    if outlook == "not_applicable":
        return status_label("not_applicable", lang, ind)   # 不适用（无村）, or 不适用（无统计对象）
    return t(f"outlook.status.{outlook}", lang)


def describe(row: dict, ind: Indicator, level: str, lang: str) -> dict[str, str | None]:
    """The outlook row in words, one phrase per part (None where a part does not apply):
    status, projection, range, year reached, needed pace, gap and hindsight."""
    def value(x):
        return format_value(x, ind, lang, level) if not missing(x) else None

    out = {"status": status_words(row["outlook"], ind, lang), "projection": None, "range": None,
           "reach": None, "pace": None, "gap": None, "derived": None}
    if row["projected"] is not None and not missing(row["projected"]):
        out["projection"] = t("outlook.projection", lang, year=row["target_year"], value=value(row["projected"]))
    if not missing(row.get("projected_low")):
        low, high = value(row["projected_low"]), value(row["projected_high"])
        out["range"] = (t("outlook.range_one", lang, value=low) if low == high
                        else t("outlook.range", lang, low=low, high=high))
    elif isinstance(row.get("range_reason"), str):  # a frame's row has NaN where there is none
        out["range"] = t(f"outlook.range_reason.{row['range_reason']}", lang)
    reach = row.get("reach")
    if reach == "year":
        out["reach"] = t("outlook.reach.year", lang, year=int(row["reach_year"]))
    elif reach in ("met", "beyond", "not_at_pace"):
        out["reach"] = t(f"outlook.reach.{reach}", lang, horizon=REACH_HORIZON)
    if reach not in (None, "met", "no_data", "not_applicable", "no_target") and not missing(row.get("needed_pace")):
        needed = pace_text(row["needed_pace"], ind, lang)
        out["pace"] = (t("outlook.needed_pace", lang, needed=needed, observed=pace_text(row["pace"], ind, lang))
                       if not missing(row.get("pace")) else t("outlook.needed_pace_only", lang, needed=needed))
    gap = row.get("gap_units")
    if not missing(gap):
        out["gap"] = (t("outlook.gap_none", lang) if gap == 0
                      else t(f"outlook.gap.{ind.id}", lang, n=format_number(gap)))
    if not missing(row.get("derived_to_build")):
        out["derived"] = t("outlook.derived_to_build", lang, n=format_number(row["derived_to_build"]),
                           share=format_percent(row["share_of_province"]))
    return out


def line(row: dict, ind: Indicator, level: str, lang: str) -> str:
    """The outlook in one line, for a card or a summary: status, projection, needed pace, gap."""
    parts = describe(row, ind, level, lang)
    sep = t("outlook.sep", lang)
    head = parts["status"]
    rest = [p for p in (parts["projection"], parts["pace"], parts["gap"] or parts["derived"]) if p]
    return head + (t("punct.colon", lang) + sep.join(rest) if rest else "")


def hindsight_text(summary: dict | None, level: str, year: int, lang: str) -> str | None:
    """"2013 年的预测：14 个市中 11 个判断正确（另有 2 个“有风险”，其中 1 个达标）"."""
    if summary is None:
        return None
    text = t("outlook.hindsight", lang, year=year, places=summary["called"],
             level=t(f"outlook.level.{level}", lang), came_true=summary["came_true"])
    if summary["at_risk"]:
        text += t("outlook.hindsight_at_risk", lang, n=summary["at_risk"], met=summary["at_risk_met"])
    return text


# ---------------------------------------------------------------------- for the pages
def place_or_none(store, indicator_id: str, code: str, year: int) -> dict | None:
    """place(), or None where the outlook says nothing: a year not before the target year, an
    indicator without a target, a place or year unknown."""
    try:
        return place(store, indicator_id, code, year)
    except QueryError:
        return None


def card_line(row: dict | None, ind: Indicator, level: str, lang: str) -> str | None:
    """The outlook on a headline card, one line: status, projection and the gap in units (or
    the projection alone where the target is the province's). None where there is nothing to say."""
    if row is None or row["outlook"] in ("no_data", "not_applicable"):
        return None
    parts = describe(row, ind, level, lang)
    rest = [p for p in (parts["projection"], parts["gap"]) if p]
    return parts["status"] + (t("punct.colon", lang) + t("outlook.sep", lang).join(rest) if rest else "")


def card_line_for(store, ind: Indicator, code: str, year: int, lang: str) -> str | None:
    """card_line() of one place, asked of the store."""
    return card_line(place_or_none(store, ind.id, code, year), ind, _LEVEL.get(code, "province"), lang)


def summary_parts(store, ind: Indicator, code: str, year: int, lang: str) -> dict | None:
    """describe() of one place for the overview's summary panel; None where there is no outlook."""
    row = place_or_none(store, ind.id, code, year)
    if row is None or row["outlook"] in ("no_data", "not_applicable"):
        return None
    return describe(row, ind, _LEVEL[code], lang)


def place_outlooks(store, code: str, year: int) -> dict[str, dict]:
    """The outlook row of every indicator of one place that has one made in `year` (a target
    at some level, a year before the target year), by indicator id: what its scorecard, the
    scorecard's download and /compare show. Empty from the target year on."""
    return {k: dict(v) for k, v in _place_outlooks(store.data_version(), store, code, year).items()}


@lru_cache(maxsize=256)
def _place_outlooks(version: int, store, code: str, year: int) -> dict[str, dict]:
    level = _LEVEL.get(code)
    out = {}
    for ind in catalogue.INDICATORS:
        if level in ind.levels and ind.target is not None and year < ind.target_year:
            row = place_or_none(store, ind.id, code, year)
            if row is not None:
                # A frame's row: NaN where a value is missing, numpy numbers; as the API gives them.
                out[ind.id] = {k: (None if missing(v) else v.item() if hasattr(v, "item") else v)
                               for k, v in row.items()}
    return out
