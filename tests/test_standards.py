"""The document's facility standards at their edges."""
from __future__ import annotations

import pytest

from data.standards import meets_rural_centre_standard, meets_urban_area_standard, urban_area_required


@pytest.mark.parametrize("households, required", [(0, 400), (1650, 400), (2000, 400), (2001, 400.2),
                                                  (2500, 500), (4745, 949)])
def test_urban_requirement_is_400_or_20_per_100_households(households, required):
    assert urban_area_required(households) == pytest.approx(required)


@pytest.mark.parametrize("area, households, passes", [
    (400, 2000, True),      # exactly 400 m², exactly 20 per 100 households
    (399.9, 2000, False),
    (400, 1650, True),      # the 400 m² floor binds
    (399, 100, False),
    (500, 2500, True),      # exactly 20 m² per 100 households
    (499.9, 2500, False),
    (949, 4745, True),      # 20 x 4745 / 100 = 949 exactly
    (948.9, 4745, False),
    (310, 1650, False),
])
def test_urban_area_standard_edges(area, households, passes):
    assert bool(meets_urban_area_standard(area, households)) is passes


@pytest.mark.parametrize("area, square, passes", [
    (350, 1000, True), (349, 1000, False), (350, 999, False), (800, 2500, True), (349, 999, False),
])
def test_rural_centre_standard_edges(area, square, passes):
    assert bool(meets_rural_centre_standard(area, square)) is passes


def test_missing_area_fails_the_standard():
    assert not meets_urban_area_standard(float("nan"), 1000)
    assert not meets_rural_centre_standard(400, float("nan"))
