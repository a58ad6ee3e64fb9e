"""The export imports back unchanged; a changed export changes exactly what was changed; a
later import supersedes an earlier one and reverting restores what was shown; the command
line does the same. And a full province-year file is checked and committed in time.

Every test that commits starts from its own copy of a freshly built demo store (the
session's demo_store is left alone: other tests rely on it being the demo).
"""
from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from data import queries
from data.divisions import COUNTY_CODES
from data.i18n import t
from data.importer import check, commit, headers, import_files
from data.importer.fields import SHEETS, URBAN
from data.importer.template import county_label, template
from data.store import Store
from tests import stores

# Every test here imports a whole province-year or runs the command line: seconds each.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2014
TIEXI, HEPING, CHANGHAI = "210106", "210102", "210224"
# A sanity bound for a busy CI machine (two passes on 2 cores), not the target: bench/import.py holds
# the 5 s. 15 s failed at 24 s on PostgreSQL during CI once the import also ran the plausibility
# checks and stored their warnings (2026-12-02); the quiet figure is to be measured again.
FULL_IMPORT_LIMIT_S = 45.0


# ---------------------------------------------------------------- stores and files

def built_export(tmp_path_factory) -> Path:
    """template(2014, store) of the demo store: the whole province-year, ids included (written
    once per session, shared by the import test modules)."""
    path = tmp_path_factory.getbasetemp() / "import-demo" / f"export-{YEAR}.xlsx"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        with stores.demo().read() as store:
            path.with_suffix(".part").write_bytes(template(YEAR, store))
        path.with_suffix(".part").rename(path)
    return path


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> bytes:
    return built_export(tmp_path_factory).read_bytes()


@pytest.fixture
def store() -> Store:
    return stores.demo_copy("import")


@pytest.fixture(scope="module")
def export_records(export) -> dict[str, list[dict]]:
    return export_rows(export)


def export_rows(export: bytes) -> dict[str, list[dict]]:
    """The export's rows per sheet, as dicts of field key -> cell."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(export))
    out = {}
    for spec in SHEETS:
        rows = book.get_sheet_by_name(spec.title).to_python()[2:]
        out[spec.key] = [{f.key: (None if v == "" else v) for f, v in zip(spec.fields, row)} for row in rows]
    return out


def county_file(records: dict[str, list[dict]], counties: tuple[str, ...], edit=None) -> bytes:
    """The counties' part of the export as a workbook of the three sheets, after edit(rows)."""
    labels = {county_label(c) for c in counties}
    rows = {k: [dict(r) for r in v if r["county"] in labels] for k, v in records.items()}
    if edit is not None:
        edit(rows)
    wb = openpyxl.Workbook(write_only=True)
    for spec in SHEETS:
        ws = wb.create_sheet(spec.title)
        ws.append([f.zh for f in spec.fields])
        ws.append([f.en for f in spec.fields])
        for r in rows[spec.key]:
            ws.append([r[f.key] for f in spec.fields])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def snapshot(store: Store, year: int = YEAR) -> SimpleNamespace:
    """What the dashboard shows: the records shown (without the batch they come from) and the counts."""
    units = (store.shown_unit_records(year, COUNTY_CODES).drop(columns="batch_id")
             .sort_values("unit_id").reset_index(drop=True))
    counties = (store.shown_county_records(year).drop(columns="batch_id")
                .sort_values("county_code").reset_index(drop=True))
    counts = store.counts().sort_values(["division_code", "year", "indicator_id"]).reset_index(drop=True)
    return SimpleNamespace(units=units, counties=counties, counts=counts)


def assert_same(a: SimpleNamespace, b: SimpleNamespace) -> None:
    pd.testing.assert_frame_equal(a.units, b.units)
    pd.testing.assert_frame_equal(a.counties, b.counties)
    pd.testing.assert_frame_equal(a.counts, b.counts)


def count(store: Store, county: str, indicator: str, year: int = YEAR) -> tuple[float, float]:
    c = store.counts()
    row = c[(c["division_code"] == county) & (c["year"] == year) & (c["indicator_id"] == indicator)].iloc[0]
    return row["numerator"], row["denominator"]


# ---------------------------------------------------------------- the whole province-year back in

@pytest.fixture(scope="module")
def full_import(export):
    store = stores.demo_copy("full_import")
    before, share_before = snapshot(store), store.simulated_share()
    start = time.perf_counter()
    report = check([("全省2014.xlsx", export)], YEAR, store)
    checked = time.perf_counter()
    batch = commit(store, report, by="test") if report.ok else None
    done = time.perf_counter()
    return SimpleNamespace(store=store, report=report, batch=batch, before=before, after=snapshot(store),
                           share_before=share_before, share_after=store.simulated_share(),
                           check_s=checked - start, commit_s=done - checked)


def test_the_export_imports_back_with_no_changes(full_import):
    report = full_import.report
    assert report.ok, report.errors[:5]
    assert report.rows == {"urban": 4300, "rural": 11500, "county": 100}
    assert report.changes == []
    assert report.new_units == [] and report.dropped_units == []
    assert report.warnings == []
    assert report.scope == [(c, YEAR) for c in sorted(COUNTY_CODES)]


def test_the_values_shown_are_identical_after_the_roundtrip(full_import):
    store, batch = full_import.store, full_import.batch
    assert batch is not None
    # What is shown now really comes from the imported batch...
    shown = store.shown_unit_records(YEAR, COUNTY_CODES)
    assert set(shown["batch_id"]) == {batch} and len(shown) == 15800
    assert set(store.shown_county_records(YEAR)["batch_id"]) == {batch}
    assert {store.active_batch(c, YEAR) for c in (TIEXI, HEPING, CHANGHAI)} == {batch}
    # ... and is, column by column, what was shown before; so are the counts, every year's.
    assert_same(full_import.before, full_import.after)


def test_simulated_share_counts_the_imported_county_years(full_import):
    assert full_import.share_before == (500, 500)
    assert full_import.share_after == (400, 500)  # 100 county-years of 2014 now real


def test_a_full_province_year_is_checked_and_committed_in_time(full_import):
    total = full_import.check_s + full_import.commit_s
    assert total <= FULL_IMPORT_LIMIT_S, f"check {full_import.check_s:.2f} s + commit {full_import.commit_s:.2f} s"


# ---------------------------------------------------------------- a changed export

def first(rows, **where):
    return next(r for r in rows if all(r[k] == v for k, v in where.items()))


def test_a_changed_export_reports_exactly_its_changes_and_moves_the_counts(store, export_records):
    label = county_label(TIEXI)
    edits = {}

    def edit(rows):
        a = next(r for r in rows["urban"] if r["county"] == label and (r["party_member_volunteers"] or 0) >= 5)
        a["party_member_volunteers"] -= 5
        b = first(rows["urban"], county=label, election_type="直接")
        b["election_type"] = "间接"
        c = next(r for r in rows["rural"] if r["county"] == label and r["e_records"] is not None)
        c["e_records"] = "否" if c["e_records"] == "是" else "是"
        d = first(rows["county"], county=label)
        d["info_platform"] = "否" if d["info_platform"] == "是" else "是"
        edits.update(a=a, b=b, c=c, d=d)

    content = county_file(export_records, (TIEXI,), edit)
    a, b, c, d = (edits[k] for k in "abcd")
    flipped = c["e_records"] == "是"
    platform = d["info_platform"] == "是"
    expected = {
        (f"{label} {a['name']}", "party_member_volunteers", a["party_member_volunteers"] + 5,
         a["party_member_volunteers"]),
        (f"{label} {b['name']}", "election_type", "direct", "indirect"),
        (f"{label} {c['name']}", "e_records", not flipped, flipped),
        (label, "info_platform", not platform, platform),
    }
    before = {ind: count(store, TIEXI, ind) for ind in
              ("party_member_volunteering", "direct_elections", "e_records", "county_platform")}
    counts_before = store.counts().copy()

    report, batch = import_files(store, [("铁西区.xlsx", content)], YEAR, by="test")
    assert report.ok and batch is not None
    assert set(report.changes) == expected and len(report.changes) == 4
    assert report.new_units == [] and report.dropped_units == []
    text = report.render_text("en")
    volunteers = int(a["party_member_volunteers"])
    assert f"{a['name']} · Party members who volunteer: {volunteers + 5:,} → {volunteers:,}" in text

    assert count(store, TIEXI, "party_member_volunteering") == (before["party_member_volunteering"][0] - 5,
                                                               before["party_member_volunteering"][1])
    assert count(store, TIEXI, "direct_elections") == (before["direct_elections"][0] - 1,
                                                      before["direct_elections"][1])
    assert count(store, TIEXI, "e_records") == (before["e_records"][0] + (1 if flipped else -1),
                                               before["e_records"][1])
    assert count(store, TIEXI, "county_platform") == (float(platform), 1.0)
    # The dashboard's values follow, and nothing else moved.
    shown = queries.values(store, "county_platform", "county", YEAR).set_index("code")
    assert shown.loc[TIEXI, "value"] == float(platform)
    key = ["division_code", "year", "indicator_id"]
    merged = counts_before.merge(store.counts(), on=key, suffixes=("_old", "_new"))
    assert len(merged) == len(counts_before) == len(store.counts())
    old, new = merged["numerator_old"], merged["numerator_new"]
    moved = merged[~((old == new) | (old.isna() & new.isna()))]
    assert set(moved["division_code"]) == {TIEXI}
    assert set(moved["indicator_id"]) == set(before)


def test_reimporting_supersedes_and_reverting_restores_exactly(store, export_records):
    original = snapshot(store)
    demo_batch = store.active_batch(TIEXI, YEAR)
    assert store.simulated_share() == (500, 500)

    def households(delta):
        def edit(rows):
            for r in rows["urban"]:
                r["households"] += delta
        return edit

    first_report, first_batch = import_files(store, [("v1.xlsx", county_file(export_records, (TIEXI,),
                                                                             households(10)))], YEAR, by="a")
    assert first_batch is not None and len(first_report.changes) == len([
        r for r in export_records["urban"] if r["county"] == county_label(TIEXI)])
    after_first = snapshot(store)
    assert store.active_batch(TIEXI, YEAR) == first_batch
    assert store.simulated_share() == (499, 500)  # one county-year real now
    assert store.active_batch(HEPING, YEAR) == demo_batch  # untouched county

    second_report, second_batch = import_files(store, [("v2.xlsx", county_file(export_records, (TIEXI,),
                                                                               households(20)))], YEAR, by="b")
    assert second_batch is not None and second_batch != first_batch
    # Compared with what was shown then (the first import), each households value moves by 10.
    assert all(new - old == 10 for _, column, old, new in second_report.changes if column == "households")
    assert store.active_batch(TIEXI, YEAR) == second_batch
    assert store.simulated_share() == (499, 500)  # the same county-year again: still one, not two
    history = {b.id: b for b in store.batches()}
    assert set(history) == {demo_batch, first_batch, second_batch}
    assert history[first_batch].status == "active"  # superseded for 铁西区 2014, kept in the history

    store.revert_batch(second_batch, by="test")
    assert store.active_batch(TIEXI, YEAR) == first_batch
    assert_same(snapshot(store), after_first)
    assert {b.id: b.status for b in store.batches()}[second_batch] == "reverted"

    store.revert_batch(first_batch, by="test")
    assert store.active_batch(TIEXI, YEAR) == demo_batch
    assert_same(snapshot(store), original)
    assert store.simulated_share() == (500, 500)
    with pytest.raises(ValueError):
        store.revert_batch(demo_batch)


# ---------------------------------------------------------------- the command line

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "data.importer", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_cli_dry_run_writes_nothing(store, export_records, tmp_path):
    path = tmp_path / "铁西区.xlsx"
    path.write_bytes(county_file(export_records, (TIEXI,), lambda rows: rows["urban"][0].update(households=1)))
    digest = store.content_digest()
    result = run_cli(str(path), "--year", str(YEAR), "--dry-run", "--lang", "en", "--database", store.url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert t("import.dry_run", "en") in result.stdout
    assert t("import.changes", "en", counties=1, new=0, dropped=0, changed=1) in result.stdout
    assert store.content_digest() == digest


def test_cli_bad_file_exits_1_with_the_located_message(store, export_records, tmp_path):
    path = tmp_path / "bad.xlsx"

    def edit(rows):
        rows["urban"][1]["households"] = "很多"
    path.write_bytes(county_file(export_records, (TIEXI,), edit))
    digest = store.content_digest()
    result = run_cli(str(path), "--year", str(YEAR), "--database", store.url)
    assert result.returncode == 1, result.stdout + result.stderr
    h = headers()
    for fragment in (t("import.where_sheet", "zh", sheet=URBAN.title), t("import.where_row", "zh", row=4),
                     t("import.where_column", "zh", column=h["households"]["zh"]),
                     t("import.found", "zh", value="很多"), t("import.not_committed", "zh")):
        assert fragment in result.stdout, (fragment, result.stdout)
    assert store.content_digest() == digest


def test_cli_import_commits_a_batch(store, export_records, tmp_path):
    path = tmp_path / "长海县.xlsx"
    path.write_bytes(county_file(export_records, (CHANGHAI,)))
    result = run_cli(str(path), "--year", str(YEAR), "--database", store.url, "--by", "王芳")
    assert result.returncode == 0, result.stdout + result.stderr
    batches = store.batches()
    assert len(batches) == 2 and batches[-1].kind == "import" and batches[-1].status == "active"
    assert t("import.committed", "zh", batch=batches[-1].id) in result.stdout
    assert store.active_batch(CHANGHAI, YEAR) == batches[-1].id
    assert batches[-1].row_count > 0



# ---------------------------------------------------------------- plausibility (data/quality.py)

def test_the_preview_doubts_what_the_store_would_doubt_after_the_import(full_import):
    """The export imported back: the preview's numbers to doubt are those the store's own
    county-years give once it is committed (the same checks on the same numbers)."""
    from data import quality
    rows = full_import.report.plausibility_rows
    expected = quality.for_store(full_import.store, YEAR)
    assert rows is not None and len(rows) == len(expected) > 0
    pd.testing.assert_frame_equal(rows.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)
    assert len(full_import.report.plausibility) == len(rows) and full_import.report.ok


def test_a_county_whose_households_jump_is_doubted_in_the_preview_and_may_still_be_imported(store, export_records):
    label = county_label(TIEXI)

    def edit(rows):
        for r in rows["urban"]:
            if r["county"] == label:
                r["households"] = round((r["households"] or 0) * 1.5)

    report = check([("tiexi.xlsx", county_file(export_records, (TIEXI,), edit))], YEAR, store)
    assert report.ok and report.may_commit()
    doubted = report.plausibility_rows
    assert list(doubted.loc[doubted["check"] == "size_change", "subject"]) == ["households"]
    text = report.render_text("zh")
    assert t("import.plausibility", "zh", n=len(report.plausibility)) in text and "户数" in text
    assert "Households" in report.render_text("en")
