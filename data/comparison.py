"""Two places side by side (/compare): every indicator's value, target, status, change since
2011 and outlook to 2015 for each, and the differences, from the same queries as the
scorecards (data.queries.scorecard) and the outlook (data.outlook.place_outlooks), so that
/compare says what each place's own page and /api/v1/values say."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import catalogue, outlook, queries
from data.catalogue import Indicator
from data.divisions import division
from data.formatting import is_yes_no
from data.progress import missing, number_or_none


@dataclass(frozen=True)
class Side:
    """One place's numbers for one indicator; `tracked` False where the indicator is not kept
    at the place's level (the training base is the province's alone)."""
    tracked: bool
    value: float | None = None
    target: float | None = None
    status: str | None = None
    change: float | None = None      # since 2011, in the indicator's units
    outlook: dict | None = None      # data.outlook's row, made in the year; None from 2015 on


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    a: Side
    b: Side
    difference: float | None         # a's value - b's value, where both are numbers of one kind
    change_difference: float | None  # a's change since 2011 - b's


def _comparable(ind: Indicator, level_a: str, level_b: str) -> bool:
    """A difference means something only between two numbers of one kind: not a yes-no of
    one place against a share of the other."""
    return not (is_yes_no(ind, level_a) or is_yes_no(ind, level_b))


def _minus(x, y) -> float | None:
    return None if missing(x) or missing(y) else float(x) - float(y)


def _side(card: dict[str, dict], outlooks: dict[str, dict], ind: Indicator) -> Side:
    row = card.get(ind.id)
    if row is None:
        return Side(tracked=False)
    return Side(tracked=True, value=number_or_none(row["value"]), target=number_or_none(row["target"]),
                status=row["status"], change=number_or_none(row["change_since_base"]), outlook=outlooks.get(ind.id))


def table(store, a: str, b: str, year: int) -> list[Row]:
    """A row per indicator that either place keeps, in the catalogue's order."""
    cards = {code: {r["indicator_id"]: r for r in queries.scorecard(store, code, year).to_dict("records")}
             for code in (a, b)}
    outlooks = {code: outlook.place_outlooks(store, code, year) for code in (a, b)}
    level_a, level_b = division(a).level, division(b).level
    rows = []
    for ind in catalogue.INDICATORS:
        if level_a not in ind.levels and level_b not in ind.levels:
            continue
        side_a, side_b = _side(cards[a], outlooks[a], ind), _side(cards[b], outlooks[b], ind)
        comparable = side_a.tracked and side_b.tracked and _comparable(ind, level_a, level_b)
        rows.append(Row(indicator=ind, a=side_a, b=side_b,
                        difference=_minus(side_a.value, side_b.value) if comparable else None,
                        change_difference=_minus(side_a.change, side_b.change) if comparable else None))
    return rows


def series(store, a: str, b: str) -> dict[str, pd.DataFrame]:
    """Both places' values every year, by indicator id (the indicators both keep), for the
    overlaid trends: data.queries.series() of each, one after the other."""
    level_a, level_b = division(a).level, division(b).level
    return {ind.id: pd.concat([queries.series(store, ind.id, a), queries.series(store, ind.id, b)],
                              ignore_index=True)
            for ind in catalogue.INDICATORS if level_a in ind.levels and level_b in ind.levels}
