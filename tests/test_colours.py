"""Colours a colour-blind reader can tell apart, and never colour alone."""
from __future__ import annotations

import itertools

import pytest

from layouts.figures.style import PROGRESS_SCALE, STATUS_COLOURS, VALUE_SCALE
from tests.colour import delta_e, lightness

VISION = [None, "protanopia", "deuteranopia", "tritanopia"]
SHOWN_TOGETHER = ["achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating", "not_yet",
                  "no_data"]


@pytest.mark.parametrize("vision", VISION)
def test_status_colours_stay_distinct_under_colour_blindness(vision):
    for a, b in itertools.combinations(SHOWN_TOGETHER, 2):
        assert delta_e(STATUS_COLOURS[a], STATUS_COLOURS[b], vision) >= 12, (a, b, vision)


@pytest.mark.parametrize("vision", VISION)
@pytest.mark.parametrize("palette", [PROGRESS_SCALE, VALUE_SCALE], ids=["progress", "value"])
def test_sequential_scales_run_light_to_dark_for_every_reader(palette, vision):
    """Ordered by lightness alone, so the order reads without hue."""
    levels = [lightness(c, vision) for c in palette]
    assert all(a - b >= 5 for a, b in zip(levels, levels[1:])), levels
