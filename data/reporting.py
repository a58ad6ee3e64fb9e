"""Reporting rounds: which county-years have a report, which are still simulated, which are late;
the deadline of each year's round; the plausibility warnings kept with each batch, and their checks.

- A county-year is **reported** when the batch shown for it (Store's newest active batch for it)
  is an import, **simulated** while it is the demo batch (or none), and **late** when it has no
  report and its year's deadline (set by an editor, schema.reporting_deadlines) has passed on the
  users' clock (Beijing). A report imported after the deadline is reported, and says so.
- The warnings of a reported county-year are those its import's check showed (data.quality,
  kept with the batch, schema.batch_warnings), so what an editor saw and marked checked is what
  is shown; a simulated county-year's are the checks of what the store shows now (not kept).
- Setting a deadline or marking a warning checked bumps the data version (as every change of
  data does), so that every page and document drawn from the store is drawn again.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pandas as pd
import sqlalchemy as sa

from data import catalogue, exports, quality, queries, schema
from data.divisions import COUNTY_CODES, division
from data.i18n import LANGUAGES, t

BEIJING = timezone(timedelta(hours=8))  # the users' clock; times are stored in UTC
STATUSES = ("reported", "simulated", "late")
# Each status as a symbol beside its word (never colour alone).
SYMBOLS = {"reported": "✓", "simulated": "○", "late": "!"}
NOTE_MAX = 500          # characters of a checked warning's note
DEADLINE_YEARS_AFTER = 20  # a round's deadline falls in its year or within this many years after


class ReportingError(ValueError):
    """A request the store refuses (a bad date, an unknown warning, no note): a key of
    data/i18n.py and its parameters, said in the user's language by the page."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(key)

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class Deadline:
    year: int
    deadline: date
    set_by: str | None
    set_at: datetime


def today() -> date:
    """Today on the users' clock."""
    return datetime.now(BEIJING).date()


def _utc(at) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite hands it back without its zone)."""
    if at is None or (not isinstance(at, datetime) and pd.isna(at)):
        return None
    at = at.to_pydatetime() if hasattr(at, "to_pydatetime") else at
    return at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)


def local_day(at) -> str:
    """A stored time as the users' date, YYYY-MM-DD."""
    at = _utc(at)
    return at.astimezone(BEIJING).date().isoformat() if at else ""


# store_meta's count of this module's changes: each bumps it and the data version together, so
# that the data version less it moves only when records change (a commit or a revert).
OWN_VERSION = "reporting_version"


def _bump_version(conn) -> None:
    meta = schema.store_meta
    conn.execute(meta.update().where(meta.c.key == "data_version").values(value=meta.c.value + 1))
    if conn.execute(meta.update().where(meta.c.key == OWN_VERSION).values(value=meta.c.value + 1)).rowcount == 0:
        conn.execute(meta.insert().values(key=OWN_VERSION, value=1))


def records_version(store) -> int:
    """A version that moves when the records shown change, but not when a deadline is set or a
    warning checked: the plausibility checks of the shown data (seconds of work) stay valid then."""
    meta = schema.store_meta
    with store.connect() as conn:
        values = dict(conn.execute(sa.select(meta.c.key, meta.c.value)
                                   .where(meta.c.key.in_(["data_version", OWN_VERSION]))).all())
    return int(values.get("data_version", 0)) - int(values.get(OWN_VERSION, 0))


_live: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # store -> {year: (records version, counts)}


def live_warning_counts(store, year: int) -> pd.Series:
    """county -> how many plausibility warnings the checks find in what the store shows for `year`."""
    version = records_version(store)
    years = _live.setdefault(store, {})
    kept = years.get(int(year))
    if kept is None or kept[0] != version:
        kept = (version, quality.for_store(store, year).groupby("county_code").size())
        years[int(year)] = kept
    return kept[1]


# ---------------------------------------------------------------------------- deadlines
def parse_deadline(text, year: int) -> date:
    """The deadline `text` names (YYYY-MM-DD, as a date input sends it) for `year`'s round:
    a real date from 1 January of the year to DEADLINE_YEARS_AFTER years after. ReportingError else."""
    value = text.strip() if isinstance(text, str) else ""
    try:
        if len(value) != 10 or not value.isascii():
            raise ValueError
        found = date.fromisoformat(value)
    except ValueError:
        raise ReportingError("reports.bad_date", value=value[:40]) from None
    if not date(year, 1, 1) <= found <= date(year + DEADLINE_YEARS_AFTER, 12, 31):
        raise ReportingError("reports.date_out_of_range", value=value, year=year,
                             last=year + DEADLINE_YEARS_AFTER)
    return found


def deadlines(store) -> dict[int, Deadline]:
    d = schema.reporting_deadlines
    with store.connect() as conn:
        rows = conn.execute(sa.select(d.c.year, d.c.deadline, d.c.set_by, d.c.set_at).order_by(d.c.year)).all()
    return {int(r.year): Deadline(int(r.year), r.deadline, r.set_by, _utc(r.set_at)) for r in rows}


def set_deadline(store, year, text, by: str) -> Deadline:
    """Set (or move) the deadline of `year`'s round. ReportingError for a year without data or a bad date."""
    if not isinstance(year, int) or isinstance(year, bool) or year not in queries.years(store):
        raise ReportingError("reports.bad_year", value=str(year)[:40])
    deadline = parse_deadline(text, year)
    d = schema.reporting_deadlines
    now = datetime.now(timezone.utc)
    with store.engine.begin() as conn:
        done = conn.execute(d.update().where(d.c.year == year).values(deadline=deadline, set_by=by, set_at=now))
        if done.rowcount == 0:
            conn.execute(d.insert().values(year=year, deadline=deadline, set_by=by, set_at=now))
        _bump_version(conn)
    store._version_seen = None  # this store's own change shows at once
    return Deadline(year, deadline, by, now)


# ---------------------------------------------------------------------------- the grid
GRID_COLUMNS = ["county_code", "city_code", "year", "status", "batch_id", "file_name", "created_at", "created_by",
                "rows", "warnings", "unchecked", "after_deadline", "deadline"]


def grid(store, on: date | None = None) -> pd.DataFrame:
    """One row per county-year (the 100 counties x the years with data): its status, the batch
    shown (id, file, when, by whom, its rows for this county-year), its warnings and how many are
    not checked yet, whether it came after the deadline, and the deadline. `on`: the day the
    statuses are for (today by default)."""
    on = on or today()
    years = queries.years(store)
    b, u, r, c = schema.import_batches, schema.units, schema.unit_year_records, schema.county_year_records
    scope = store._active_scope_query().subquery()
    with store.connect() as conn:
        shown = pd.DataFrame(conn.execute(
            sa.select(scope.c.county_code, scope.c.year, scope.c.batch_id, b.c.kind, b.c.is_simulated,
                      b.c.file_name, b.c.created_at, b.c.created_by)
            .select_from(scope.join(b, b.c.id == scope.c.batch_id))).all(),
            columns=["county_code", "year", "batch_id", "kind", "is_simulated", "file_name", "created_at",
                     "created_by"])
        real = shown.loc[~shown["is_simulated"].astype(bool), "batch_id"].unique().tolist()
        unit_rows = pd.DataFrame(conn.execute(
            sa.select(u.c.county_code, r.c.year, r.c.batch_id, sa.func.count())
            .select_from(r.join(u, u.c.id == r.c.unit_id)).where(r.c.batch_id.in_(real))
            .group_by(u.c.county_code, r.c.year, r.c.batch_id)).all(),
            columns=["county_code", "year", "batch_id", "n"])
        county_rows = pd.DataFrame(conn.execute(
            sa.select(c.c.county_code, c.c.year, c.c.batch_id, sa.func.count()).where(c.c.batch_id.in_(real))
            .group_by(c.c.county_code, c.c.year, c.c.batch_id)).all(),
            columns=["county_code", "year", "batch_id", "n"])
    frame = pd.DataFrame([(code, y) for code in COUNTY_CODES for y in years], columns=["county_code", "year"])
    frame = frame.merge(shown, on=["county_code", "year"], how="left")
    counted = pd.concat([unit_rows, county_rows]).groupby(["county_code", "year", "batch_id"])["n"].sum()
    frame["rows"] = [int(counted.get((cc, y, bid), 0)) if bid == bid and bid is not None else 0
                     for cc, y, bid in zip(frame["county_code"], frame["year"], frame["batch_id"])]
    frame["city_code"] = [division(code).parent_code for code in frame["county_code"]]
    reported = frame["is_simulated"].eq(False) & frame["kind"].eq("import")
    rounds = deadlines(store)
    frame["deadline"] = [rounds[y].deadline if y in rounds else None for y in frame["year"]]
    past = pd.Series([d is not None and on > d for d in frame["deadline"]], index=frame.index)
    frame["status"] = "simulated"
    frame.loc[reported, "status"] = "reported"
    frame.loc[~reported & past, "status"] = "late"
    frame["after_deadline"] = [bool(ok and d is not None and at is not None and local_day(at) > d.isoformat())
                               for ok, d, at in zip(reported, frame["deadline"], frame["created_at"])]
    # Warnings: the kept ones of a reported county-year; the checks of the shown data of the others.
    kept = stored_warnings(store)
    kept_count = kept.groupby(["county_code", "year"]).agg(warnings=("id", "size"),
                                                            unchecked=("checked_by", lambda s: int(s.isna().sum())))
    live = {y: live_warning_counts(store, y) for y in years}
    warnings, unchecked = [], []
    for cc, y, ok in zip(frame["county_code"], frame["year"], reported):
        if ok:
            found = kept_count.loc[(cc, y)] if (cc, y) in kept_count.index else None
            warnings.append(int(found["warnings"]) if found is not None else 0)
            unchecked.append(int(found["unchecked"]) if found is not None else 0)
        else:
            n = int(live[y].get(cc, 0))
            warnings.append(n)
            unchecked.append(n)
    frame["warnings"], frame["unchecked"] = warnings, unchecked
    frame["batch_id"] = frame["batch_id"].where(reported, None)
    return frame[GRID_COLUMNS]


def summary(frame: pd.DataFrame, city: str | None = None) -> dict[int, dict[str, int]]:
    """Per year: how many counties (of the city's, or all) are reported, simulated and late, and in all."""
    part = frame if city is None else frame[frame["city_code"] == city]
    out = {}
    for year, rows in part.groupby("year"):
        counts = rows["status"].value_counts()
        out[int(year)] = {"total": len(rows), **{s: int(counts.get(s, 0)) for s in STATUSES}}
    return out


def summary_line(year: int, counts: dict[str, int], lang: str) -> str:
    """"2014 年：100 个县中 63 个已报送" (and how many are late, when any are)."""
    line = t("reports.summary", lang, year=year, total=counts["total"], reported=counts["reported"])
    if counts["late"]:
        line += t("reports.summary_late", lang, late=counts["late"])
    return line


# ---------------------------------------------------------------------------- warnings kept with batches
WARNING_FIELDS = ["id", "batch_id", "county_code", "year", "check", "subject", "value", "reference", "threshold",
                  "checked_by", "checked_at", "note"]


def stored_warnings(store, county: str | None = None, year: int | None = None) -> pd.DataFrame:
    """The warnings kept with the batches shown now (one county's, one year's, or all), oldest first."""
    w = schema.batch_warnings
    scope = store._active_scope_query().subquery()
    query = (sa.select(*[w.c[name] for name in WARNING_FIELDS])
             .select_from(w.join(scope, (scope.c.batch_id == w.c.batch_id) & (scope.c.county_code == w.c.county_code)
                                 & (scope.c.year == w.c.year))))
    if county is not None:
        query = query.where(w.c.county_code == county)
    if year is not None:
        query = query.where(w.c.year == int(year))
    with store.connect() as conn:
        rows = conn.execute(query.order_by(w.c.year, w.c.county_code, w.c.id)).all()
    return pd.DataFrame(rows, columns=WARNING_FIELDS)


def mark_checked(store, warning_id, note, by: str) -> None:
    """Mark a kept warning checked, with the editor's note. ReportingError for an unknown or
    already checked warning, or a note that is empty or too long."""
    if not isinstance(warning_id, int) or isinstance(warning_id, bool):
        raise ReportingError("reports.bad_warning", value=str(warning_id)[:40])
    text = " ".join(note.split()) if isinstance(note, str) else ""
    if not text:
        raise ReportingError("reports.note_needed")
    if len(text) > NOTE_MAX:
        raise ReportingError("reports.note_too_long", n=NOTE_MAX)
    w = schema.batch_warnings
    with store.engine.begin() as conn:
        row = conn.execute(sa.select(w.c.checked_by).where(w.c.id == warning_id)).first()
        if row is None:
            raise ReportingError("reports.bad_warning", value=str(warning_id))
        if row.checked_by is not None:
            raise ReportingError("reports.already_checked")
        conn.execute(w.update().where(w.c.id == warning_id)
                     .values(checked_by=by, checked_at=datetime.now(timezone.utc), note=text))
        _bump_version(conn)
    store._version_seen = None


def warning_text(row: dict, lang: str) -> str:
    """A kept warning in words (data.quality.message)."""
    return quality.message({k: row[k] for k in ("check", "subject", "value", "reference", "threshold")}, lang)


def checked_text(row: dict, lang: str) -> str | None:
    """"checked by X on D: note", or None while it is not checked."""
    if row.get("checked_by") is None or row["checked_by"] != row["checked_by"]:
        return None
    return t("reports.checked_by", lang, user=row["checked_by"], date=local_day(row["checked_at"]), note=row["note"])


def described(row: dict) -> dict:
    """A kept warning with its indicator (None for one about the whole report) and its words
    and its check in both languages."""
    return {**row, "indicator": row["subject"] if row["subject"] in catalogue.BY_ID else None,
            "message": {lang: warning_text(row, lang) for lang in LANGUAGES},
            "checked": {lang: checked_text(row, lang) for lang in LANGUAGES}}


def county_warnings(store, county: str, year: int) -> list[dict]:
    """The warnings of one county-year (described()), as the grid counts them: those kept with
    its batch when what is shown is a county's report; else (simulated data) what the checks
    find in the shown data now, which no one can mark checked (no batch of a report keeps them)."""
    if _reported(store, county, year):
        return [described(row) for row in stored_warnings(store, county, year).to_dict("records")]
    live = quality.for_store(store, year, county)
    return [described({**LIVE_WARNING, **row}) for row in live.to_dict("records")]


# What a warning found in simulated data has instead of a kept warning's batch and check.
LIVE_WARNING = {"id": None, "batch_id": None, "checked_by": None, "checked_at": None, "note": None}


def shown_batch(store, county: str, year: int):
    """The batch (data.store.BatchInfo) whose records the store shows for the county-year, or None."""
    batch_id = store.active_batch(county, int(year))
    return next((b for b in store.batches() if b.id == batch_id), None) if batch_id is not None else None


def _reported(store, county: str, year: int) -> bool:
    """Whether the batch shown for the county-year is a county's report (as grid() decides)."""
    batch = shown_batch(store, county, year)
    return batch is not None and not batch.is_simulated and batch.kind == "import"


# ---------------------------------------------------------------------------- the download
def missing_sheet(store, lang: str, city: str | None = None, on: date | None = None) -> exports.Sheet:
    """The county-years without a report (simulated or late), with their city, for a download."""
    from data.reports import header_block

    frame = grid(store, on)
    frame = frame[frame["status"] != "reported"]
    if city:
        frame = frame[frame["city_code"] == city]
    frame = frame.sort_values(["year", "city_code", "county_code"])
    rows = pd.DataFrame({
        "year": frame["year"].astype(int),
        "city": [division(c).label(lang) for c in frame["city_code"]],
        "county": [division(c).label(lang) for c in frame["county_code"]],
        "county_code": frame["county_code"],
        "status": [t(f"reports.status_{s}", lang) for s in frame["status"]],
        "deadline": [d.isoformat() if d is not None else "" for d in frame["deadline"]],
    })
    columns = [exports.Column("year", t("reports.col_year", lang)), exports.Column("city", t("reports.col_city", lang)),
               exports.Column("county", t("reports.col_county", lang)),
               exports.Column("county_code", t("reports.col_code", lang)),
               exports.Column("status", t("reports.col_status", lang)),
               exports.Column("deadline", t("reports.col_deadline", lang))]
    where = division(city).label(lang) if city else t("place.province", lang)
    return exports.Sheet(title=f"missing_{city or 'province'}", columns=columns, rows=rows,
                         header=header_block(store, lang, t("reports.what_missing", lang, where=where),
                                             all_label=t("reports.all_indicators", lang)))
