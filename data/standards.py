"""The facility standards of the 2013 opinions, as pure functions (二、(一)1).

- Urban community comprehensive service facility: at least 20 m² per 100 households and
  at least 400 m² in all, so the requirement is max(400, 20 × households / 100) m².
- Rural community service centre: at least 350 m², with an outdoor square that is
  "generally" (一般) at least 1000 m²; the document allows exceptions to the square, and
  the dashboard counts a centre as meeting the standard only when both hold.
"""
from __future__ import annotations

import numpy as np

URBAN_MIN_AREA_M2 = 400
URBAN_M2_PER_100_HOUSEHOLDS = 20
RURAL_MIN_AREA_M2 = 350
RURAL_MIN_SQUARE_M2 = 1000


def urban_area_required(households):
    """m² an urban community's facility needs: max(400, 20 per 100 households)."""
    return np.maximum(URBAN_MIN_AREA_M2, np.asarray(households, dtype=float) * URBAN_M2_PER_100_HOUSEHOLDS / 100)


def meets_urban_area_standard(area_m2, households):
    """Whether the facility is at least 400 m² and at least 20 m² per 100 households.

    Compared as area × 100 ≥ 20 × households, so that no division rounds an edge case.
    """
    area = np.asarray(area_m2, dtype=float)
    hh = np.asarray(households, dtype=float)
    return (area >= URBAN_MIN_AREA_M2) & (area * 100 >= URBAN_M2_PER_100_HOUSEHOLDS * hh)


def meets_rural_centre_standard(area_m2, square_m2):
    """Whether the centre is at least 350 m² and its outdoor square at least 1000 m²."""
    return (np.asarray(area_m2, dtype=float) >= RURAL_MIN_AREA_M2) & \
        (np.asarray(square_m2, dtype=float) >= RURAL_MIN_SQUARE_M2)
