"""The tables behind the grids and the downloads, built once so that what is shown and what
is downloaded are the same numbers: the overview's table (places x years), a place's
scorecard, and a county's work list. layouts.places turns a sheet into a grid."""
from __future__ import annotations

import pandas as pd

from data import catalogue, outlook, queries
from data.catalogue import Indicator
from data.divisions import division
from data.exports import COUNT_FORMAT, RATE_FORMAT, Column, Sheet, today
from data.i18n import t
from data.formatting import name_key, status_label, target_text


def _value_format(ind: Indicator) -> str:
    return COUNT_FORMAT if ind.unit == "count" else RATE_FORMAT


def _value_heading(ind: Indicator, lang: str) -> str:
    return t("download.value_count" if ind.unit == "count" else "download.value_rate", lang)


def header_block(store, lang: str, what: str, ind: Indicator | None = None, level: str = "county",
                 all_label: str = "") -> list[tuple[str, str]]:
    """What the table is; the indicator, its target and clause (or which indicators); the
    data source; the date; and, while demo data are used, that they are simulated."""
    block = [(t("download.what", lang), what)]
    if ind is not None:
        block += [(t("download.indicator", lang), f"{ind.name[lang]} ({ind.id})"),
                  (t("map.target", lang), target_text(ind, level, lang)),
                  (t("download.clause", lang), f"{ind.clause_section} “{ind.clause}”")]
    else:
        block += [(t("download.indicator", lang), all_label)]
    simulated = store.is_simulated()
    block += [(t("download.source", lang), t("footer.source_simulated" if simulated
                                             else "footer.source_real", lang)),
              (t("download.date", lang), today())]
    if simulated:
        block.append((t("badge.simulated", lang), t("badge.simulated_help", lang)))
    return block


# The outlook's columns in a download, as /api/v1/outlook names them (data/outlook.py): the
# numbers as the API gives them; the outlook status and the year reached also in words.
OUTLOOK_FIELDS = ("outlook", "projected", "projected_low", "projected_high", "range_reason", "reach", "reach_year",
                  "needed_pace", "pace", "gap_units")


def outlook_columns(lang: str, year: int, number_format: str | None) -> list[Column]:
    """The columns of OUTLOOK_FIELDS; `number_format` for the values and paces (None in a
    sheet that mixes units, as a scorecard does)."""
    heading = {"outlook": t("download.outlook", lang, year=year)}
    return [Column(f"outlook_{f}", heading.get(f) or t(f"download.{f}", lang),
                   COUNT_FORMAT if f == "gap_units" else None if f in ("outlook", "range_reason", "reach", "reach_year")
                   else number_format)
            for f in OUTLOOK_FIELDS]


def outlook_cells(row: dict | None, ind: Indicator, level: str, lang: str) -> dict:
    """One place's outlook row (data.outlook) as the download's cells: the numbers as they are,
    the status, the year reached and why there is no range in words (data.outlook.describe)."""
    if row is None:
        return {f"outlook_{f}": None for f in OUTLOOK_FIELDS}
    words = outlook.describe(row, ind, level, lang)
    cells = {f"outlook_{f}": row.get(f) for f in OUTLOOK_FIELDS}
    cells["outlook_outlook"] = words["status"]
    cells["outlook_reach"] = words["reach"]
    reason = row.get("range_reason")
    cells["outlook_range_reason"] = t(f"outlook.range_reason.{reason}", lang) if isinstance(reason, str) else None
    return cells


def overview_table(store, indicator_id: str, level: str, lang: str) -> Sheet:
    """Every place at `level`, the indicator's value in each year as a column, with its
    numerator and denominator and status for the last year."""
    ind = catalogue.get(indicator_id)
    years = queries.years(store)
    last = max(years)
    frames = {y: queries.values(store, ind.id, level, y).set_index("code") for y in years}
    base = frames[last]
    rows = pd.DataFrame({"code": base.index, "name": base[name_key(lang)].values})
    columns = [Column("code", t("download.code", lang)), Column("name", t("download.name", lang))]
    if level == "county":
        rows["city"] = [division(p).label(lang) for p in base["parent_code"]]
        columns.append(Column("city", t("download.city", lang)))
    for y in years:
        rows[str(y)] = frames[y]["value"].values
        columns.append(Column(str(y), f"{y} {_value_heading(ind, lang)}", _value_format(ind)))
    rows["numerator"] = base["numerator"].values
    rows["denominator"] = base["denominator"].values
    rows["target"] = base["target"].values
    rows["status"] = [status_label(s, lang, ind) for s in base["status"]]
    columns += [Column("numerator", t("download.numerator_year", lang, year=last), COUNT_FORMAT),
                Column("denominator", t("download.denominator_year", lang, year=last), COUNT_FORMAT),
                Column("target", t("map.target", lang), _value_format(ind)),
                Column("status", t("download.status_year", lang, year=last))]
    if ind.target is not None and last < ind.target_year:
        # The data end before 2015: the outlook made in their last year, as /api/v1/outlook gives it.
        made = outlook.table(store, ind.id, level, last).set_index("code")
        cells = [outlook_cells(made.loc[c].to_dict() if c in made.index else None, ind, level, lang)
                 for c in base.index]
        for column in outlook_columns(lang, last, _value_format(ind)):
            rows[column.field] = [c[column.field] for c in cells]
            columns.append(column)
    return Sheet(title=f"{ind.id}_{level}", columns=columns, rows=rows,
                 header=header_block(store, lang, t("download.what_table", lang, level=t(f"level.{level}", lang)),
                                     ind, level))


def scorecard_sheet(store, code: str, year: int, lang: str) -> Sheet:
    place = division(code)
    card = queries.scorecard(store, code, year)
    rows = pd.DataFrame({
        "indicator_id": card["indicator_id"],
        "indicator": [catalogue.get(i).name[lang] for i in card["indicator_id"]],
        "value": card["value"], "numerator": card["numerator"], "denominator": card["denominator"],
        "target": card["target"], "progress": card["progress"],
        "status": [status_label(s, lang, catalogue.get(i)) for s, i in zip(card["status"], card["indicator_id"])],
        "change_since_base": card["change_since_base"], "rank": card["rank"], "rank_of": card["rank_of"],
        "rank_in_city": card["rank_in_city"],
    })
    columns = [Column("indicator_id", t("download.indicator_id", lang)),
               Column("indicator", t("download.indicator", lang)),
               Column("value", t("download.value_mixed", lang)),
               Column("numerator", t("download.numerator", lang), COUNT_FORMAT),
               Column("denominator", t("download.denominator", lang), COUNT_FORMAT),
               Column("target", t("map.target", lang)), Column("progress", t("map.progress", lang), RATE_FORMAT),
               Column("status", t("map.status", lang)), Column("change_since_base", t("score.change", lang)),
               Column("rank", t("download.rank", lang)), Column("rank_of", t("download.rank_of", lang))]
    if place.level == "county":
        columns.append(Column("rank_in_city", t("score.rank_city", lang)))
    outlooks = outlook.place_outlooks(store, code, year)
    if outlooks:
        # A year before 2015: the outlook of each indicator that has one, as /api/v1/outlook gives it.
        cells = [outlook_cells(outlooks.get(i), catalogue.get(i), place.level, lang) for i in card["indicator_id"]]
        for column in outlook_columns(lang, year, None):
            rows[column.field] = [c[column.field] for c in cells]
            columns.append(column)
    return Sheet(title=f"scorecard_{code}_{year}", columns=columns, rows=rows,
                 header=header_block(store, lang, t("download.what_scorecard", lang, place=place.label(lang),
                                                    year=year), all_label=t("download.all_indicators", lang)))


def worklist(store, county: str, indicator_id: str, year: int, lang: str) -> Sheet:
    """The communities and villages of a county that fail one indicator ("all": every one)."""
    inds = catalogue.UNIT_SOURCED if indicator_id == "all" else [catalogue.get(indicator_id)]
    behind = queries.units_behind_each(store, county, [ind.id for ind in inds], year)
    parts = [behind[ind.id].assign(indicator_id=ind.id, indicator=ind.short[lang])
             for ind in inds if len(behind[ind.id])]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=queries.WORK_COLUMNS + ["indicator_id", "indicator"])
    # Imported units have only their Chinese name: English shows that rather than nothing.
    frame["place"] = frame["name"] if lang == "zh" else frame["name_en"].fillna(frame["name"])
    frame["kind_label"] = [t(f"unit.{k}", lang) for k in frame["kind"]]
    frame["reason"] = frame[f"reason_{lang}"]
    columns = [Column("unit_id", t("download.unit_id", lang)), Column("place", t("download.name", lang)),
               Column("kind_label", t("worklist.col_kind", lang)),
               Column("households", t("facts.households", lang), COUNT_FORMAT)]
    if indicator_id == "all":
        columns.insert(0, Column("indicator", t("download.indicator", lang)))
    for detail in catalogue.WORK_COLUMNS:
        if detail.field in frame.columns and frame[detail.field].notna().any():
            columns.append(Column(detail.field, t(detail.heading, lang), detail.number_format))
    columns.append(Column("reason", t("worklist.col_reason", lang)))
    ind = inds[0] if indicator_id != "all" else None
    place = division(county)
    what = t("download.what_worklist", lang, place=place.full_name if lang == "zh" else place.label(lang),
             year=year)
    return Sheet(title=f"worklist_{county}_{year}", columns=columns, rows=frame,
                 header=header_block(store, lang, what, ind, "county", all_label=t("worklist.title_all", lang)))
