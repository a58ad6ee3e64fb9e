"""The background warm-up (app.start_warm_up, Settings.warm_up): each worker runs the
plausibility checks of every year as it starts, so the first visitor does not wait for them."""
from __future__ import annotations

from app import create_app
from data import quality, queries
from settings import Settings
from tests import stores


def test_a_started_app_runs_every_years_checks_in_the_background_and_they_are_kept():
    store = stores.demo_copy("warm_up")
    years = queries.years(store)
    quality._for_store.cache_clear()
    app = create_app(Settings(debug=False, warm_up=True), store=store)
    assert app.warm_up is not None and app.warm_up.daemon
    app.warm_up.join(timeout=300)
    assert not app.warm_up.is_alive()
    before = quality._for_store.cache_info()
    assert before.currsize >= len(years)
    for year in years:
        quality.for_store(store, year)
    after = quality._for_store.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + len(years)


def test_it_is_off_when_the_settings_say_so(demo_store):
    app = create_app(Settings(debug=False, warm_up=False), store=demo_store)
    assert app.warm_up is None
    assert Settings().warm_up is False  # the tests' environment (tests/conftest.py: WARM_UP=0)
