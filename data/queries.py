"""The questions the app asks of the store, as pure functions of a Store.

- values(): every place at a level, for one indicator and year: counts, value, target,
  progress, status and trend;
- series(): one place over the years;
- units_behind(): the communities or villages of a county that fail an indicator's
  standard, with the numbers that make them fail.

City and province values are sums of their counties' numerators over sums of their
denominators, never means of county rates. Results are cached per process and keyed by
the store's data version, so a committed batch invalidates them.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from data import catalogue, progress
from data.progress import missing, number_or_none
from data.catalogue import BASE_YEAR, Indicator
from data.divisions import CITY_CODES, COUNTY_CODES, DIVISIONS, PROVINCE_CODE
from data.formatting import format_number, format_percent
from data.i18n import t

VALUE_COLUMNS = ["code", "name", "name_en", "parent_code", "year", "numerator", "denominator", "value",
                 "target", "progress", "status", "baseline", "previous", "change", "trend",
                 "share_of_province"]
_DIV = DIVISIONS.set_index("code")
# A change smaller than this reads as flat: 0.05 percentage point, or nothing for counts.
FLAT = {"percent": 0.0005, "yes_no": 0.0005, "count": 0.5}


class QueryError(ValueError):
    """A bad question (unknown indicator, level, year or city), with a message in both languages."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


def years(store) -> list[int]:
    """The years that have data, ascending."""
    return list(_years(store.data_version(), store))


@lru_cache(maxsize=16)
def _years(version: int, store) -> tuple[int, ...]:
    return tuple(sorted(int(y) for y in store.counts(version)["year"].unique()))


def _check(store, version: int, indicator_id: str, level: str, year: int | None = None,
           city: str | None = None) -> Indicator:
    if indicator_id not in catalogue.BY_ID:
        raise QueryError("query.unknown_indicator", value=indicator_id)
    ind = catalogue.BY_ID[indicator_id]
    if level not in catalogue.LEVELS:
        raise QueryError("query.unknown_level", value=level)
    if level not in ind.levels:
        raise QueryError("query.level_not_applicable", indicator=ind.name["zh"], indicator_en=ind.name["en"],
                         level=level)
    known = _years(version, store)
    if year is not None and year not in known:
        raise QueryError("query.unknown_year", value=year, first=known[0] if known else "—",
                         last=known[-1] if known else "—")
    if city is not None and city not in CITY_CODES:
        raise QueryError("query.unknown_city", value=city)
    return ind


def values(store, indicator_id: str, level: str, year: int, city: str | None = None) -> pd.DataFrame:
    """One row per place at `level` (counties of `city` only, if given) for `year`."""
    version = store.data_version()
    ind = _check(store, version, indicator_id, level, year, city)
    table = _level_table(version, store, ind.id, level)
    rows = table[table["year"] == year]
    if city is not None and level == "county":
        rows = rows[rows["parent_code"] == city]
    elif city is not None and level == "city":
        rows = rows[rows["code"] == city]
    return rows.reset_index(drop=True)


def series(store, indicator_id: str, code: str) -> pd.DataFrame:
    """One place over every year: the same columns as values()."""
    if code not in _DIV.index:
        raise QueryError("query.unknown_place", value=code)
    level = _DIV.loc[code, "level"]
    version = store.data_version()
    ind = _check(store, version, indicator_id, level)
    table = _level_table(version, store, ind.id, level)
    return table[table["code"] == code].sort_values("year").reset_index(drop=True)


@lru_cache(maxsize=512)
def _level_table(version: int, store, indicator_id: str, level: str) -> pd.DataFrame:
    """Every place at `level`, every year, for one indicator. Cached by data version."""
    ind = catalogue.BY_ID[indicator_id]
    all_counts = store.counts(version)
    counts = all_counts[all_counts["indicator_id"] == indicator_id]
    if ind.source == "province_records":
        grouped = counts[counts["division_code"] == PROVINCE_CODE].assign(code=PROVINCE_CODE)
    else:
        counts = counts[counts["division_code"].isin(COUNTY_CODES)]
        if level == "county":
            key = counts["division_code"]
        elif level == "city":
            key = counts["division_code"].map(_DIV["parent_code"])
        else:
            key = pd.Series(PROVINCE_CODE, index=counts.index)
        # min_count=1 keeps "no data" apart from zero when every county is missing.
        grouped = (counts.assign(code=key).groupby(["code", "year"])[["numerator", "denominator"]]
                   .sum(min_count=1).reset_index())
    codes = {"county": COUNTY_CODES, "city": CITY_CODES, "province": [PROVINCE_CODE]}[level]
    all_years = list(_years(version, store))
    frame = (pd.MultiIndex.from_product([codes, all_years], names=["code", "year"]).to_frame(index=False)
             .merge(grouped[["code", "year", "numerator", "denominator"]], on=["code", "year"], how="left"))

    if ind.unit == "count":
        frame["value"] = frame["numerator"]
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            frame["value"] = np.where(frame["denominator"] > 0, frame["numerator"] / frame["denominator"], np.nan)
    target = ind.target_at(level)
    frame["target"] = target
    frame = frame.sort_values(["code", "year"])
    by_code = frame.groupby("code")["value"]
    frame["baseline"] = frame["code"].map(frame[frame["year"] == BASE_YEAR].set_index("code")["value"])
    frame["previous"] = by_code.shift(1)
    frame["change"] = frame["value"] - frame["previous"]
    flat = FLAT[ind.unit]
    frame["trend"] = [None if missing(c) else "flat" if abs(c) < flat else "up" if c > 0 else "down"
                      for c in frame["change"]]
    frame["progress"] = [progress.progress(v, target) for v in frame["value"]]
    frame["status"] = [progress.status(number_or_none(v), number_or_none(b), target, int(y),
                                       applicable=progress.applies(ind.unit, d))
                       for v, b, y, d in zip(frame["value"], frame["baseline"], frame["year"], frame["denominator"])]
    if ind.unit == "count":
        # Derived, not a target: the place's share of what the province has built so far.
        province = frame.groupby("year")["value"].transform("sum") if level != "province" else frame["value"]
        frame["share_of_province"] = frame["value"] / province.replace(0, np.nan)
    else:
        frame["share_of_province"] = np.nan
    frame["name"] = frame["code"].map(_DIV["name"])
    frame["name_en"] = frame["code"].map(_DIV["name_en"])
    frame["parent_code"] = frame["code"].map(_DIV["parent_code"])
    return frame[VALUE_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------------- the work list
WORK_COLUMNS = ["unit_id", "name", "name_en", "kind", "households", "numerator", "denominator",
                "reason_zh", "reason_en"]


def units_behind(store, county_code: str, indicator_id: str, year: int) -> pd.DataFrame:
    """The communities or villages of a county that fail `indicator_id` in `year`.

    A unit fails when it is in the indicator's denominator but not its numerator (a
    facility below standard, no social worker...), or, for rates of people, when its own
    rate is below the target. Each row carries the numbers and a reason in both languages.
    """
    return units_behind_each(store, county_code, [indicator_id], year)[indicator_id]


def units_behind_each(store, county_code: str, indicator_ids: list[str], year: int) -> dict[str, pd.DataFrame]:
    """units_behind() for several indicators, reading the county-year's records once."""
    if county_code not in COUNTY_CODES:
        raise QueryError("query.unknown_place", value=county_code)
    inds = [_check(store, store.data_version(), indicator_id, "county", year) for indicator_id in indicator_ids]
    for ind in inds:
        if ind.source != "units":
            raise QueryError("query.no_units", indicator=ind.name["zh"], indicator_en=ind.name["en"])
    records = store.unit_records(county_code, year)
    return {ind.id: _failing(ind, records) for ind in inds}


def _failing(ind: Indicator, records: pd.DataFrame) -> pd.DataFrame:
    if records.empty:
        return pd.DataFrame(columns=WORK_COLUMNS)
    num, den = catalogue.unit_counts(ind, records)
    if ind.unit_threshold is None:
        failing = (den > 0) & (num < den)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            failing = (den > 0) & (num / np.where(den > 0, den, 1) < ind.unit_threshold - 1e-9)
    rows = records[failing].copy()
    rows["numerator"], rows["denominator"] = num[failing], den[failing]
    reasons = [shortfall(ind, row) for row in rows.to_dict("records")]
    rows["reason_zh"] = [t(key, "zh", **params) for key, params in reasons]
    rows["reason_en"] = [t(key, "en", **params) for key, params in reasons]
    return rows[WORK_COLUMNS + [c.field for c in ind.worklist_columns]].reset_index(drop=True)


def shortfall(ind: Indicator, r: dict) -> tuple[str, dict]:
    """(translation key, parameters) saying why one unit fails `ind`: the catalogue's own
    reason where it has one, else its share against the threshold, else its work-list numbers."""
    if ind.shortfall is not None:
        return ind.shortfall(r)
    if ind.unit_threshold is not None:
        share = r["numerator"] / r["denominator"]
        return f"shortfall.{ind.id}", {"num": format_number(r["numerator"]), "den": format_number(r["denominator"]),
                                       "share": format_percent(share), "target": format_percent(ind.unit_threshold, 0)}
    return f"shortfall.{ind.id}", {c.field: format_number(r[c.field]) for c in ind.worklist_columns}


# ---------------------------------------------------------------------- place pages
def scorecard(store, code: str, year: int) -> pd.DataFrame:
    """Every indicator for one place and year: value, target, progress, status, trend,
    change since 2011, and rank (1 = highest value) among its level and within its city."""
    if code not in _DIV.index:
        raise QueryError("query.unknown_place", value=code)
    return _scorecard(store.data_version(), store, code, year).copy()


@lru_cache(maxsize=256)
def _scorecard(version: int, store, code: str, year: int) -> pd.DataFrame:
    """scorecard() by data version: a page drawn anew (another language, another query) does
    not rank every indicator again. A bad year raises, and is not kept."""
    level = _DIV.loc[code, "level"]
    rows = []
    for ind in catalogue.INDICATORS:
        if level not in ind.levels:
            continue
        _check(store, version, ind.id, level, year)
        table = _level_table(version, store, ind.id, level)
        this_year = table[table["year"] == year]
        row = this_year[this_year["code"] == code].iloc[0].to_dict()
        ranked = this_year["value"].rank(ascending=False, method="min")
        row["rank"] = _rank(ranked[this_year["code"] == code])
        row["rank_of"] = int(this_year["value"].notna().sum())
        if level == "county":
            same_city = this_year["parent_code"] == _DIV.loc[code, "parent_code"]
            ranked_city = this_year.loc[same_city, "value"].rank(ascending=False, method="min")
            row["rank_in_city"] = _rank(ranked_city[this_year.loc[same_city, "code"] == code])
            row["rank_in_city_of"] = int(this_year.loc[same_city, "value"].notna().sum())
        else:
            row["rank_in_city"] = row["rank_in_city_of"] = None
        row["change_since_base"] = (row["value"] - row["baseline"]
                                    if not (missing(row["value"]) or missing(row["baseline"])) else None)
        row["indicator_id"] = ind.id
        rows.append(row)
    return pd.DataFrame(rows)


def _rank(selected: pd.Series):
    value = selected.iloc[0] if len(selected) else float("nan")
    return None if missing(value) else int(value)


def place_facts(store, code: str, year: int) -> dict:
    """Urban communities, villages, households and residents of a county, city or the province."""
    facts = _facts_by_county(store.data_version(), store, year)
    if code not in _DIV.index:
        raise QueryError("query.unknown_place", value=code)
    level = _DIV.loc[code, "level"]
    if level == "county":
        rows = facts[facts.index == code]
    elif level == "city":
        rows = facts[facts.index.map(_DIV["parent_code"]) == code]
    else:
        rows = facts
    return {k: int(rows[k].sum()) for k in ("urban", "rural", "households", "residents")}


@lru_cache(maxsize=32)
def _facts_by_county(version: int, store, year: int) -> pd.DataFrame:
    return store.facts_by_county(year)
