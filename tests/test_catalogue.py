"""The catalogue carries every target of the 2013 opinions exactly, and nothing else."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from data import catalogue
from data.catalogue import BY_ID, INDICATORS, QUANTIFIED, STANDARDS, TRACKED

DOCUMENT = (Path(__file__).resolve().parents[1] / "docs" / "reference"
            / "liaoning-2013-community-service-opinions.txt").read_text(encoding="utf-8")

# The document's quantified goals, as the issue lists them, by indicator id.
DOCUMENT_TARGETS = {
    "urban_facility_coverage": 1.0,
    "rural_center_coverage": 0.8,
    "social_worker_coverage": 1.0,
    "party_member_volunteering": 0.8,
    "resident_volunteering": 0.3,
    "direct_elections": 0.8,
    "social_organisations": 1.0,
    "co_building": 0.8,
    "registered_volunteers": 0.1,
    "volunteer_teams": 1.0,
    "staff_training": 1.0,
    "rural_centers_built": 6000,
    "urban_stations_built": 1000,
}


def test_every_quantified_target_of_the_document_exactly():
    assert {i.id: i.target for i in QUANTIFIED} == DOCUMENT_TARGETS
    assert all(i.comparator == ">=" and i.target_year == 2015 for i in QUANTIFIED)


def test_the_three_standards_are_indicators_with_their_basis_said():
    assert {i.id for i in STANDARDS} == {"urban_facility_area_standard", "rural_center_standard", "barrier_free"}
    for ind in STANDARDS:
        assert ind.target == 1.0 and ind.target_note["zh"] and ind.target_note["en"]
    rural = catalogue.get("rural_center_standard")
    assert "一般" in rural.target_note["zh"] and "generally" in rural.target_note["en"]


def test_items_without_a_number_are_tracked_with_no_target():
    assert {i.id for i in TRACKED} == {"broadband", "e_records", "county_platform", "unified_hotline",
                                       "training_base"}
    for ind in TRACKED:
        assert ind.target is None and not ind.has_target


def test_no_indicator_carries_a_number_the_document_does_not_state():
    """Every target appears in the document: as a percentage, a count, or "each"/"all" (100%)."""
    for ind in INDICATORS:
        if ind.target is None:
            continue
        if ind.unit == "count":
            assert f"{int(ind.target)}个" in ind.clause
        elif ind.target == 1.0:
            assert re.search(r"每个社区|全覆盖|每年每人|均应符合|按照.*标准", ind.clause), ind.id
        else:
            assert f"{round(ind.target * 100)}%以上" in ind.clause, ind.id


def test_province_wide_counts_have_no_city_or_county_target():
    for ind_id in ("rural_centers_built", "urban_stations_built"):
        ind = catalogue.get(ind_id)
        assert ind.target_levels == ("province",)
        assert "city" in ind.levels and "county" in ind.levels
        assert "未分解到市县" in ind.target_note["zh"] and "no city or county quotas" in ind.target_note["en"]


def test_every_clause_is_quoted_verbatim_from_the_document():
    for ind in INDICATORS:
        assert ind.clause in DOCUMENT, ind.id


@pytest.mark.parametrize("ind", INDICATORS, ids=lambda i: i.id)
def test_every_indicator_is_described_in_both_languages(ind):
    for text in (ind.name, ind.short, ind.description, ind.numerator):
        assert text["zh"].strip() and text["en"].strip()
        assert re.search(r"[\u4e00-\u9fff]", text["zh"]) and not re.search(r"[\u4e00-\u9fff]", text["en"])
    if ind.denominator is not None:
        assert ind.denominator["zh"] and ind.denominator["en"]
    assert ind.unit in {"percent", "count", "yes_no"}
    assert ind.section in catalogue.SECTIONS
    assert re.fullmatch(r"[一二三]、\([一二三四]\)\d?", ind.clause_section)
    assert set(ind.levels) <= set(catalogue.LEVELS) and set(ind.target_levels) <= set(ind.levels)
    assert (ind.compute is not None) == (ind.source == "units")


def test_ids_are_unique_and_sections_are_the_documents_six():
    assert len({i.id for i in INDICATORS}) == len(INDICATORS) == 21
    assert list(catalogue.SECTIONS) == ["facilities", "services", "workforce", "mechanisms", "key_projects",
                                        "information"]
    assert all(catalogue.by_section()[s] for s in catalogue.SECTIONS)


def test_a_target_applies_only_at_its_levels():
    built = BY_ID["rural_centers_built"]
    assert built.target_at("province") == 6000 and built.target_at("county") is None
    coverage = BY_ID["rural_center_coverage"]
    assert all(coverage.target_at(level) == coverage.target for level in ("province", "city", "county"))
    assert all(i.target_at(level) is None for i in INDICATORS if i.target is None for level in i.levels)


def test_the_headline_goals_are_the_four_flagged_in_catalogue_order():
    assert [i.id for i in catalogue.HEADLINE] == [
        "urban_facility_coverage", "rural_center_coverage", "rural_centers_built", "urban_stations_built"]


def test_record_sourced_indicators_count_a_column_of_their_records():
    from data import schema
    tables = {"county_records": schema.county_year_records, "province_records": schema.province_year_records}
    for ind in INDICATORS:
        if ind.source in tables:
            assert ind.record_column in tables[ind.source].c, ind.id
            assert ind.cumulative == (ind.unit == "count"), ind.id  # built each year, counted since 2011
        else:
            assert ind.record_column is None and not ind.cumulative, ind.id


def test_work_list_columns_are_unit_record_columns_in_one_order():
    from data import schema
    for ind in INDICATORS:
        assert ind.source == "units" or not (ind.worklist_columns or ind.shortfall), ind.id
        assert all(c in catalogue.WORK_COLUMNS and c.field in schema.unit_year_records.c
                   for c in ind.worklist_columns), ind.id
        order = [catalogue.WORK_COLUMNS.index(c) for c in ind.worklist_columns]
        assert order == sorted(order), ind.id


def test_a_comparator_that_progress_cannot_follow_is_refused():
    import dataclasses
    with pytest.raises(ValueError, match="comparator"):
        dataclasses.replace(BY_ID["rural_center_coverage"], comparator="<=")
