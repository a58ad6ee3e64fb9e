"""Small hand-made batches for store and query tests."""
from __future__ import annotations

import pandas as pd

from data.schema import UNIT_YEAR_COLUMNS


def unit_year(unit_id: str, year: int, **values) -> dict:
    """A unit-year record with every column empty but those given."""
    return {"unit_id": unit_id, "year": year, **{c: None for c in UNIT_YEAR_COLUMNS}, **values}


def batch(units: list[tuple[str, str, str]], records: list[dict]) -> dict:
    """Keyword arguments for Store.commit_batch from (id, kind, county) units and records."""
    return dict(
        kind="import", source="test", is_simulated=False,
        units=pd.DataFrame([{"id": i, "kind": k, "name": f"{i}社区", "name_en": i, "county_code": c}
                            for i, k, c in units]),
        unit_years=pd.DataFrame(records),
    )
