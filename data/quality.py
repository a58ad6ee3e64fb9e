"""Plausibility checks: which county-years' numbers to doubt before leadership sees them.

They are warnings, not errors: the hard rules (data/importer/validate.py) refuse what cannot
be; these name what is possible but unlikely, for a person to look at. Each check compares a
county-year with its own previous year or with its city's other counties. All thresholds are
in THRESHOLDS (docs/method.md explains each, in both languages):

- share_rise: a share (an indicator in percent) rising more than `share_rise_pp` percentage
  points in one year (from the counts, not the rounded percentage), where the share is of at
  least `share_min_units` communities or villages in both years (of 3 villages, one more with a
  centre is 33 points);
- count_fell: a count that only grows (centres and stations built, cumulated; communities
  with a service facility; villages with a centre) lower than the year before;
- copied_forward: a report identical to the previous year's in every value of every community
  and village (and of the county's own record), the same units;
- size_change: households, residents, urban communities or villages changing by more than
  `size_change_share` of the year before;
- outlier: a county's share far from its city's other counties: the modified z-score
  0.6745 x |x - median| / MAD over the city's counties above `outlier_z` (Iglewicz and Hoaglin's
  rule), of shares of at least `share_min_units` units, where the city has at least `outlier_min_counties` counties with a value and MAD > 0,
  and at least `outlier_min_gap_pp` points from the median (where the city's counties are all
  close, a MAD of a point or two would make a small difference look extreme);
- round_values: every one of at least `round_min_units` facilities in a county reporting exactly
  a threshold of the 2013 document (400 m² urban facility, 350 m² rural centre, 1000 m² square).

A division change of the county in the year (data/division_changes.csv: a county merged,
renamed or made a district) explains a change of size or of a count: count_fell and
size_change are not raised for it then.

The checks work on frames of records (as the store shows them, or as an import would show
them), so the import preview and the store's county-years use the same code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from data import catalogue
from data.i18n import t
from data.divisions import CHANGES, COUNTY_CODES, division
from data.standards import RURAL_MIN_AREA_M2, RURAL_MIN_SQUARE_M2, URBAN_MIN_AREA_M2
from data.store import compute_counts


@dataclass(frozen=True)
class Thresholds:
    share_rise_pp: float = 30.0
    size_change_share: float = 0.20
    outlier_z: float = 3.5
    outlier_min_counties: int = 4
    outlier_min_gap_pp: float = 15.0
    share_min_units: int = 10
    round_min_units: int = 5


THRESHOLDS = Thresholds()
CHECKS = ("share_rise", "count_fell", "copied_forward", "size_change", "outlier", "round_values")
# Counts that only grow: communities with a service facility, villages with a centre (the
# numerators of these shares). Centres and stations built are cumulated sums of what each year
# built, which cannot fall while no year's figure is negative (the importer refuses that).
GROWING = tuple(ind.id for ind in catalogue.INDICATORS if ind.numerator_only_grows)
# Shares of communities or villages; a county's own yes/no (platform, hotline) is no share.
SHARES = tuple(ind.id for ind in catalogue.UNIT_SOURCED if ind.unit == "percent")
# (field, unit kind, the document's figure) for round_values.
ROUND_FIELDS = (("facility_area_m2", "urban", URBAN_MIN_AREA_M2), ("facility_area_m2", "rural", RURAL_MIN_AREA_M2),
                ("square_area_m2", "rural", RURAL_MIN_SQUARE_M2))
SIZES = ("households", "residents", "urban", "rural")
# The unit record's values (what copied_forward compares).
UNIT_VALUES = ("households", "residents", "has_facility", "facility_area_m2", "square_area_m2", "barrier_free",
               "broadband", "social_workers", "social_organisations", "volunteer_teams", "registered_volunteers",
               "resident_volunteers", "party_members", "party_member_volunteers", "election_type", "resident_units",
               "co_building_units", "staff", "staff_trained", "e_records")
COUNTY_VALUES = ("rural_centers_built", "urban_stations_built", "info_platform", "unified_hotline")
COLUMNS = ["county_code", "city_code", "year", "check", "subject", "value", "reference", "threshold"]


def changed_counties(year: int) -> set[str]:
    """Counties (current codes, and the codes they had) whose division changed in `year`."""
    dates = pd.to_datetime(CHANGES["date"], errors="coerce")
    rows = CHANGES[dates.dt.year == year]
    return set(rows["current_code"]) | set(rows["former_code"])


def _city(codes) -> list:
    return [division(c).parent_code if c in COUNTY_CODES else None for c in codes]


def _frame(found: list[pd.DataFrame], year: int) -> pd.DataFrame:
    parts = [f for f in found if len(f)]
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    frame = pd.concat(parts, ignore_index=True)
    frame["year"] = year
    frame["city_code"] = _city(frame["county_code"])
    for column in ("value", "reference", "threshold"):
        frame[column] = frame[column].astype(float)
    return frame[COLUMNS].sort_values(["county_code", "check", "subject"]).reset_index(drop=True)


def _found(name: str, county, subject, value, reference, threshold) -> pd.DataFrame:
    return pd.DataFrame({"county_code": county, "check": name, "subject": subject, "value": value,
                         "reference": reference, "threshold": threshold})


def _pivot(counts: pd.DataFrame, year: int, indicators, part: str | None = None, min_units: int = 1) -> pd.DataFrame:
    """county x indicator for `year`: the share in percent (NaN where the denominator is under
    min_units), or one part of the count."""
    c = counts[(counts["year"] == year) & counts["indicator_id"].isin(indicators)
               & counts["division_code"].isin(COUNTY_CODES)]
    if part is None:
        den = c["denominator"].where(c["denominator"] >= max(min_units, 1))
        c = c.assign(v=c["numerator"] / den * 100)
    else:
        c = c.assign(v=c[part])
    return c.drop_duplicates(["division_code", "indicator_id"]).set_index(["division_code", "indicator_id"])["v"] \
        .unstack("indicator_id")


def _long(table: pd.DataFrame, name: str) -> pd.DataFrame:
    return table.stack(future_stack=True).rename(name).rename_axis(["county_code", "subject"]).reset_index()


def _sizes(unit_years: pd.DataFrame) -> pd.DataFrame:
    """county -> households, residents, urban communities, villages."""
    if not len(unit_years):
        return pd.DataFrame(columns=list(SIZES))
    kind = unit_years["kind"]
    frame = unit_years.assign(urban=(kind == "urban").astype(int), rural=(kind == "rural").astype(int))
    return frame.groupby("county_code")[list(SIZES)].sum(min_count=1)


def _copied(unit_years: pd.DataFrame, previous: pd.DataFrame, county_years: pd.DataFrame,
            previous_cy: pd.DataFrame) -> pd.DataFrame:
    """Counties whose every unit record (and the county's own record) equals last year's."""
    if not len(unit_years) or not len(previous):
        return pd.DataFrame(columns=["county_code", "units"])
    columns = [c for c in UNIT_VALUES if c in unit_years.columns and c in previous.columns]
    now = unit_years[["unit_id", "county_code", *columns]]
    before = previous[["unit_id", "county_code", *columns]]
    both = now.merge(before, on=["unit_id", "county_code"], how="outer", suffixes=("", "_b"), indicator=True)
    equal = both["_merge"] == "both"
    for c in columns:
        a, b = both[c], both[c + "_b"]
        equal &= ((a == b) | (a.isna() & b.isna())).astype(bool)
    by_county = equal.groupby(both["county_code"]).all()
    counties = by_county[by_county].index
    if len(county_years) or len(previous_cy):
        cols = [c for c in COUNTY_VALUES if c in county_years.columns and c in previous_cy.columns]
        a = county_years.set_index("county_code")[cols] if len(county_years) else pd.DataFrame(columns=cols)
        b = previous_cy.set_index("county_code")[cols] if len(previous_cy) else pd.DataFrame(columns=cols)
        keep = []
        for county in counties:
            ra, rb = county in a.index, county in b.index
            if ra != rb:
                continue
            if ra and not all((x == y) or (pd.isna(x) and pd.isna(y)) for x, y in zip(a.loc[county], b.loc[county])):
                continue
            keep.append(county)
        counties = keep
    sizes = now.groupby("county_code").size()
    return pd.DataFrame({"county_code": list(counties), "units": [int(sizes[c]) for c in counties]})


def check(year: int, counts: pd.DataFrame, previous_counts: pd.DataFrame, unit_years: pd.DataFrame,
          previous_units: pd.DataFrame, county_years: pd.DataFrame | None = None,
          previous_county_years: pd.DataFrame | None = None, counties=None,
          peer_counts: pd.DataFrame | None = None, thresholds: Thresholds = THRESHOLDS) -> pd.DataFrame:
    """The warnings for the county-years of `year`.

    counts: the canonical counts (data.store.compute_counts) of `year` for the counties
    checked; previous_counts: those of year - 1; unit_years / previous_units: the unit records
    of `year` and year - 1 (with the units' `kind` and `county_code`); county_years /
    previous_county_years: the county records; counties: which counties to check (default:
    those with counts or records in `year`); peer_counts: every county's counts of `year`
    that a county is compared with in its city (default: `counts`)."""
    t = thresholds
    county_years = county_years if county_years is not None else pd.DataFrame(columns=["county_code"])
    previous_county_years = previous_county_years if previous_county_years is not None \
        else pd.DataFrame(columns=["county_code"])
    if counties is None:
        counties = set(counts.loc[counts["year"] == year, "division_code"]) | set(unit_years.get("county_code", []))
    counties = sorted(c for c in counties if c in COUNTY_CODES)
    if not counties:
        return _frame([], year)
    changed = changed_counties(year)
    found = []
    # share_rise
    shares = _pivot(counts, year, SHARES, min_units=t.share_min_units)
    before = _pivot(previous_counts, year - 1, SHARES, min_units=t.share_min_units)
    rise = _long(shares, "value").merge(_long(before, "reference"), on=["county_code", "subject"])
    rise = rise[rise["county_code"].isin(counties) & (rise["value"] - rise["reference"] > t.share_rise_pp)]
    found.append(_found("share_rise", rise["county_code"], rise["subject"], rise["value"], rise["reference"],
                        t.share_rise_pp))
    # count_fell
    fell = _long(_pivot(counts, year, GROWING, "numerator"), "value").merge(
        _long(_pivot(previous_counts, year - 1, GROWING, "numerator"), "reference"), on=["county_code", "subject"])
    fell = fell[fell["county_code"].isin(counties) & ~fell["county_code"].isin(changed)
                & (fell["value"] < fell["reference"])]
    found.append(_found("count_fell", fell["county_code"], fell["subject"], fell["value"], fell["reference"], 0.0))
    # copied_forward
    mine = unit_years[unit_years["county_code"].isin(counties)] if len(unit_years) else unit_years
    copied = _copied(mine, previous_units, county_years, previous_county_years)
    found.append(_found("copied_forward", copied["county_code"], "report", copied["units"], copied["units"], 0.0))
    # size_change
    size = _long(_sizes(mine), "value").merge(_long(_sizes(previous_units), "reference"), on=["county_code", "subject"])
    size = size[~size["county_code"].isin(changed) & (size["reference"] > 0)]
    size = size[(size["value"] / size["reference"] - 1).abs() > t.size_change_share]
    found.append(_found("size_change", size["county_code"], size["subject"], size["value"], size["reference"],
                        t.size_change_share))
    # outlier
    pool = _long(_pivot(peer_counts if peer_counts is not None else counts, year, SHARES,
                        min_units=t.share_min_units), "value").dropna()
    if len(pool):
        pool["city"] = _city(pool["county_code"])
        group = pool.groupby(["city", "subject"])["value"]
        pool["median"] = group.transform("median")
        pool["n"] = group.transform("count")
        pool["mad"] = (pool["value"] - pool["median"]).abs().groupby([pool["city"], pool["subject"]]).transform("median")
        gap = (pool["value"] - pool["median"]).abs()
        far = pool[pool["county_code"].isin(counties) & (pool["n"] >= t.outlier_min_counties) & (pool["mad"] > 0)
                   & (0.6745 * gap / pool["mad"].where(pool["mad"] > 0) > t.outlier_z) & (gap >= t.outlier_min_gap_pp)]
        found.append(_found("outlier", far["county_code"], far["subject"], far["value"], far["median"], t.outlier_z))
    # round_values
    for field, kind, figure in ROUND_FIELDS:
        if not len(mine) or field not in mine.columns:
            continue
        rows = mine[(mine["kind"] == kind) & mine[field].notna()]
        g = (rows[field] == figure).groupby(rows["county_code"]).agg(["size", "all"])
        hit = g[(g["size"] >= t.round_min_units) & g["all"]]
        found.append(_found("round_values", hit.index, f"{field}.{kind}", float(figure),
                            hit["size"].values.astype(float), float(t.round_min_units)))
    return _frame(found, year)


def for_store(store, year: int, county: str | None = None) -> pd.DataFrame:
    """The warnings for the county-years the store shows for `year` (one county's, or all)."""
    frame = _for_store(store.data_version(), store, int(year))
    return frame[frame["county_code"] == county].reset_index(drop=True) if county else frame.copy()


@lru_cache(maxsize=16)
def _for_store(version: int, store, year: int) -> pd.DataFrame:
    counties = sorted(COUNTY_CODES)
    counts = store.counts(version)
    return check(year, counts, counts, store.shown_unit_records(year, counties),
                 store.shown_unit_records(year - 1, counties), store.shown_county_records(year),
                 store.shown_county_records(year - 1), counties=counties)


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def message(row: dict, lang: str) -> str:
    """One warning in words."""
    check, subject = row["check"], row["subject"]
    value, reference, threshold = row["value"], row["reference"], row["threshold"]
    name = catalogue.BY_ID[subject].name[lang] if subject in catalogue.BY_ID else ""
    if subject in catalogue.BY_ID:
        numerator = catalogue.BY_ID[subject].numerator[lang]
        what = numerator[:1].upper() + numerator[1:]
    else:
        what = t(f"quality.what.{subject}", lang) if f"quality.what.{subject}" in _WHAT else ""
    if check == "share_rise":
        return t("quality.share_rise", lang, subject=name, rise=_number(value - reference), value=_number(value),
                 reference=_number(reference), threshold=_number(threshold))
    if check == "count_fell":
        return t("quality.count_fell", lang, what=what, value=_number(value), reference=_number(reference))
    if check == "copied_forward":
        return t("quality.copied_forward", lang, value=_number(value))
    if check == "size_change":
        change = f"{(value / reference - 1) * 100:+.0f}%"
        return t("quality.size_change", lang, what=what, value=_number(value), reference=_number(reference),
                 change=change, threshold=f"{threshold * 100:.0f}%")
    if check == "outlier":
        return t("quality.outlier", lang, subject=name, value=_number(value), reference=_number(reference),
                 threshold=_number(threshold))
    return t("quality.round_values", lang, what=what, value=_number(reference), figure=_number(value))


_WHAT = {f"quality.what.{k}" for k in (*SIZES, *(f"{f}.{kind}" for f, kind, _ in ROUND_FIELDS))}


# ---------------------------------------------------------------------- the overview's map layer
# Warnings about a county's whole report (copied forward, a jump in size, every facility at the
# document's figure): they put in doubt every number of it, whatever the indicator shown.
REPORT_CHECKS = ("copied_forward", "size_change", "round_values")


def doubted(store, year: int, indicator_id: str) -> dict[str, int]:
    """county -> how many warnings put its number for `indicator_id` in `year` in doubt: those
    about that indicator (a rise, a fall, an outlier) and those about its whole report. The
    overview's "数据存疑 / Numbers to check" layer marks these counties."""
    frame = for_store(store, year)
    mine = frame[frame["subject"].eq(indicator_id) | frame["check"].isin(REPORT_CHECKS)]
    return {str(k): int(v) for k, v in mine.groupby("county_code").size().items()}


def doubted_at(level: str, by_county: dict[str, int]) -> dict[str, int]:
    """doubted() at `level`: the counties themselves, or each city's number of doubted counties."""
    if level == "county":
        return dict(by_county)
    cities: dict[str, int] = {}
    for code in by_county:
        parent = division(code).parent_code
        cities[parent] = cities.get(parent, 0) + 1
    return cities
