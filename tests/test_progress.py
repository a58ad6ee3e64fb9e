"""Progress and the status classes, pinned with hand-made numbers."""
from __future__ import annotations

import pytest

from data.progress import progress, ratio_of_change, status

# target 0.8, baseline 0.4 in 2011: the required change is 0.1 a year.


@pytest.mark.parametrize("value, year, expected", [
    (0.8, 2013, "achieved"),             # meets the target
    (0.85, 2012, "achieved"),
    (0.6, 2013, "on_track"),             # R = 0.1 / 0.1 = 1.0
    (0.59, 2013, "on_track"),            # R = 0.095 / 0.1 = 0.95 exactly
    (0.589, 2013, "needs_acceleration"), # R = 0.945
    (0.52, 2013, "needs_acceleration"),  # R = 0.6 exactly
    (0.519, 2013, "limited_progress"),   # R = 0.595
    (0.4, 2013, "limited_progress"),     # R = 0
    (0.39, 2013, "deteriorating"),       # R < 0
    (0.79, 2015, "on_track"),            # R = 0.0975 / 0.1
    (0.7, 2015, "needs_acceleration"),   # R = 0.75
])
def test_status_classes(value, year, expected):
    assert status(value, 0.4, 0.8, year) == expected


def test_2011_is_only_achieved_or_not_yet():
    assert status(0.8, 0.8, 0.8, 2011) == "achieved"
    assert status(0.5, 0.5, 0.8, 2011) == "not_yet"


def test_falling_below_a_target_met_in_2011_is_deteriorating():
    assert status(0.95, 1.0, 1.0, 2014) == "deteriorating"


def test_no_value_no_baseline_no_target():
    assert status(None, 0.4, 0.8, 2013) == "no_data"
    assert status(float("nan"), 0.4, 0.8, 2013) == "no_data"
    assert status(0.5, None, 0.8, 2013) == "not_yet"
    assert status(0.5, 0.4, None, 2013) == "no_target"


def test_rate_equal_to_target_from_counts_is_achieved():
    assert status(8 / 10, 0.1, 0.8, 2014) == "achieved"
    assert status(3 / 10, 0.1, 0.3, 2014) == "achieved"  # 0.30000000000000004 vs 0.3


def test_counts_use_the_same_method():
    # 6000 centres: 1000 in 2011 needs 1250 a year; 3400 by 2013 is 1200 a year, R = 0.96.
    assert status(3400, 1000, 6000, 2013) == "on_track"
    assert status(6000, 1000, 6000, 2015) == "achieved"


def test_progress_and_r():
    assert progress(0.6, 0.8) == pytest.approx(0.75)
    assert progress(4500, 6000) == pytest.approx(0.75)
    assert progress(None, 0.8) is None and progress(0.5, None) is None
    assert ratio_of_change(0.6, 0.4, 0.8, 2013) == pytest.approx(1.0)
    assert ratio_of_change(0.6, 0.4, 0.8, 2011) is None
