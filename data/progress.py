"""Progress and status toward a 2015 target, the SDG-dashboard way (Open SDG / Statistics
Canada), linearised because the targets are rates. The method is written out for readers
in docs/method.md; this module is its single implementation.

    progress = value / target
    required annual change = (target - value in 2011) / (2015 - 2011)
    observed annual change = (value - value in 2011) / (year - 2011)
    R = observed / required

    achieved            value meets the target (value >= target)
    on track            R >= 0.95
    needs acceleration  0.6 <= R < 0.95
    limited progress    0 <= R < 0.6
    deteriorating       R < 0 (or: the 2011 value met the target and the value has fallen below it)
    not yet             in 2011 itself, or with no 2011 value to measure change from
    not applicable      nothing to count here: a share whose place has none of what it is a share
                        of (a district without villages on a rural indicator, a county without
                        urban communities on an urban one); kept apart from "no data", which
                        is a real gap (no report, no value), and left out of "N of 100" counts
    no data             no value
    no target           the document sets no number here (tracked items; the 6000 and 1000
                        below province level)
"""
from __future__ import annotations

import math
from collections import Counter

BASE_YEAR = 2011
TARGET_YEAR = 2015
ON_TRACK = 0.95
NEEDS_ACCELERATION = 0.6
# Rates are sums of counts over sums of counts; 1e-9 keeps 0.8 == 8/10 from failing 0.8.
_EPS = 1e-9

# The comparators a target may have, with the sign that shows each. Every goal of the 2013
# opinions is a minimum (以上, 至少, 全覆盖), and progress (value / target), status, ranks, the
# colour scale and the work list all read a higher value as better, so ">=" is the only one:
# a maximum would need each of those, not only a new entry here.
COMPARATORS = {">=": "≥"}

STATUSES = ("achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating",
            "not_yet", "no_data", "no_target", "not_applicable")
# Places where an indicator cannot apply: not counted among the places it is measured for.
NOT_COUNTED = ("not_applicable",)


def status_counts(statuses, keep=STATUSES) -> dict[str, int]:
    """How many places have each status of `keep`, in that order; statuses no place has are left out."""
    counts = Counter(statuses)
    return {s: counts[s] for s in keep if counts[s]}


def missing(x) -> bool:
    """None or NaN: the project's one test for a value that is not there."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def number_or_none(x) -> float | None:
    return None if missing(x) else float(x)


def progress(value, target):
    """value / target, or None where either is missing (or the target is zero)."""
    if missing(value) or missing(target) or target == 0:
        return None
    return value / target


def ratio_of_change(value, baseline, target, year, base_year=BASE_YEAR, target_year=TARGET_YEAR):
    """R, observed over required annual change; None where it is not defined."""
    if any(missing(x) for x in (value, baseline, target)) or year <= base_year:
        return None
    required = (target - baseline) / (target_year - base_year)
    if required <= 0:
        return None
    observed = (value - baseline) / (year - base_year)
    return observed / required


def applies(unit: str, denominator) -> bool:
    """Whether a share can be measured here: not where the place reported and has nothing to
    count (a denominator of 0). A missing denominator is no report, a gap: it applies."""
    return unit == "count" or missing(denominator) or denominator > 0


def status(value, baseline, target, year, base_year=BASE_YEAR, target_year=TARGET_YEAR,
           applicable: bool = True) -> str:
    """The status class of `value` in `year`, given its 2011 `baseline` and the `target`."""
    if not applicable:
        return "not_applicable"
    if missing(value):
        return "no_data"
    if missing(target):
        return "no_target"
    if value >= target - _EPS:
        return "achieved"
    if year <= base_year or missing(baseline):
        return "not_yet"
    if baseline >= target - _EPS:
        return "deteriorating"  # met the target in 2011 and has fallen below it since
    # The thresholds are compared with the same tolerance: R is a ratio of differences of
    # rates, and 0.95 computed from (0.59 - 0.4) / 2 / 0.1 is 0.9499999999999998.
    r = ratio_of_change(value, baseline, target, year, base_year, target_year)
    if r >= ON_TRACK - _EPS:
        return "on_track"
    if r >= NEEDS_ACCELERATION - _EPS:
        return "needs_acceleration"
    if r >= -_EPS:
        return "limited_progress"
    return "deteriorating"
