"""The indicator catalogue: every goal of the 2013 opinions, with its official target.

This module is the single source of every indicator's names, description, unit, target,
clause and computation, of which goals are the headline ones, of what a work list shows
and says for it, and of the record column it counts. Maps, cards, tooltips, the API,
tables, work lists, the store's counts and slides all read it; nothing else names an id.

Targets are the document's own numbers. Three kinds of target basis:
- "stated": the document states the number (80%以上, 每个社区 = 100%, 6000个);
- "standard": the document sets a standard that every facility is to meet
  (按照…标准建设, 均应符合…), so the target is that all facilities meet it (100%);
- "none": the document names the item but sets no number; it is tracked, and the
  dashboard shows "tracked, no numeric target" instead of a target.

Rates are fractions (0.8 is 80%). Each unit-based indicator defines, for a frame of
community-level records, its numerator and denominator per record: the canonical counts
per county and year are their sums, and every higher level sums those counts.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from data.formatting import format_number
from data.progress import BASE_YEAR, TARGET_YEAR  # noqa: F401  (the baseline and the goal's year, set once)
from data.progress import COMPARATORS, missing
from data.standards import (RURAL_MIN_AREA_M2, RURAL_MIN_SQUARE_M2, meets_rural_centre_standard,
                            meets_urban_area_standard, urban_area_required)

LEVELS = ("province", "city", "county")

SECTIONS: dict[str, dict[str, str]] = {
    "facilities": {"zh": "服务设施", "en": "Facilities"},
    "services": {"zh": "志愿服务", "en": "Volunteer services"},
    "workforce": {"zh": "服务队伍", "en": "Workforce"},
    "mechanisms": {"zh": "体制机制", "en": "Mechanisms"},
    "key_projects": {"zh": "重点项目", "en": "Key projects"},
    "information": {"zh": "信息化", "en": "Information"},
}

# What a record frame looks like to the computations: one row per unit per year, with
# "kind" ("urban" or "rural") and the columns of data.store.UNIT_YEAR_COLUMNS.
Computation = Callable[[pd.DataFrame], tuple[pd.Series, pd.Series]]
# Why one failing unit fails, from its record (a dict of the frame's row, with its numerator
# and denominator): a translation key and its parameters.
Shortfall = Callable[[dict], tuple[str, dict]]


@dataclass(frozen=True)
class WorkColumn:
    """A number that a work list shows beside a failing unit: one column of its record."""
    field: str            # a column of data.store.UNIT_YEAR_COLUMNS
    heading: str          # the translation key of its heading
    number_format: str    # as a spreadsheet writes it


FACILITY_AREA = WorkColumn("facility_area_m2", "worklist.col_area", "#,##0")
SQUARE_AREA = WorkColumn("square_area_m2", "worklist.col_square", "#,##0")
SOCIAL_WORKERS = WorkColumn("social_workers", "worklist.col_social_workers", "0")
SOCIAL_ORGANISATIONS = WorkColumn("social_organisations", "worklist.col_organisations", "0")
VOLUNTEER_TEAMS = WorkColumn("volunteer_teams", "worklist.col_teams", "0")
# Every work-list column, in the order that a work list of every indicator shows them.
WORK_COLUMNS = (FACILITY_AREA, SQUARE_AREA, SOCIAL_WORKERS, SOCIAL_ORGANISATIONS, VOLUNTEER_TEAMS)


@dataclass(frozen=True)
class Indicator:
    id: str
    section: str
    name: dict[str, str]
    short: dict[str, str]          # for cards and slides; the full name goes in their tooltip
    description: dict[str, str]
    unit: str                      # "percent", "count" or "yes_no"
    target: float | None           # a fraction for percent, a number for count, None if tracked
    target_basis: str              # "stated", "standard" or "none"
    clause: str                    # quoted verbatim from the document
    clause_section: str            # where it stands, e.g. "二、(一)3"
    numerator: dict[str, str]
    denominator: dict[str, str] | None
    source: str                    # "units", "county_records" or "province_records"
    levels: tuple[str, ...] = LEVELS
    target_levels: tuple[str, ...] = LEVELS  # where the target applies (6000/1000: province only)
    comparator: str = ">="         # a minimum; data.progress.COMPARATORS says why the only one
    target_year: int = TARGET_YEAR
    target_note: dict[str, str] | None = None
    headline: bool = False
    compute: Computation | None = field(default=None, repr=False, compare=False)
    # For the work list: the per-unit threshold a unit must reach (a person rate's target),
    # or None when a unit passes exactly when it counts in the numerator.
    unit_threshold: float | None = None
    # The work list's numbers beside each failing unit, and why it fails. Without a
    # shortfall of its own an indicator says "shortfall.<id>" with the unit's share against
    # unit_threshold, or else with its work-list numbers (data.queries.shortfall).
    worklist_columns: tuple[WorkColumn, ...] = ()
    shortfall: Shortfall | None = field(default=None, repr=False, compare=False)
    # Indicators counted from county or province records: the column counted, and whether
    # the count is cumulated since 2011 (centres built in each year) or read as it stands.
    record_column: str | None = None
    cumulative: bool = False
    # A numerator that only grows (a facility, once built, stays): a fall is doubted (data/quality.py).
    numerator_only_grows: bool = False
    # What a share is of, in a word, where a place may have none of it (a district without
    # villages): the status there is "不适用（无村）/ not applicable (no villages)", not "no data".
    scope: dict[str, str] | None = None

    def __post_init__(self):
        if self.comparator not in COMPARATORS:
            raise ValueError(f"{self.id}: comparator {self.comparator!r} is not one of {list(COMPARATORS)} "
                             "(data.progress says why)")

    @property
    def has_target(self) -> bool:
        return self.target is not None

    def target_at(self, level: str) -> float | None:
        """The target that applies at `level`; None where the document sets none there."""
        return self.target if level in self.target_levels else None

    def label(self, lang: str) -> str:
        return self.name[lang]


def _urban(r: pd.DataFrame) -> pd.Series:
    return (r["kind"] == "urban").astype(int)


def _rural(r: pd.DataFrame) -> pd.Series:
    return (r["kind"] == "rural").astype(int)


def _every(r: pd.DataFrame) -> pd.Series:
    return pd.Series(1, index=r.index)


def _share(scope: Callable[[pd.DataFrame], pd.Series],
           passes: Callable[[pd.DataFrame], pd.Series]) -> Computation:
    """Units in scope that pass, over units in scope."""
    def compute(r: pd.DataFrame):
        den = scope(r)
        return (den * passes(r).fillna(False).astype(int)), den
    return compute


def _ratio(numerator: str, denominator: str) -> Computation:
    """A sum of people (or resident units) over a sum of people."""
    def compute(r: pd.DataFrame):
        return r[numerator].fillna(0), r[denominator].fillna(0)
    return compute


def _facility(r: pd.DataFrame) -> pd.Series:
    return r["has_facility"].fillna(False).astype(bool)


def _facility_in(kind: str):
    def scope(r: pd.DataFrame) -> pd.Series:
        return ((r["kind"] == kind) & _facility(r)).astype(int)
    return scope


def _any_facility(r: pd.DataFrame) -> pd.Series:
    return _facility(r).astype(int)


def _urban_area_shortfall(r: dict) -> tuple[str, dict]:
    needed = float(urban_area_required(r["households"]))
    return "shortfall.urban_area", {"area": format_number(r["facility_area_m2"]),
                                    "needed": format_number(math.ceil(needed)),
                                    "households": format_number(r["households"])}


def _rural_centre_shortfall(r: dict) -> tuple[str, dict]:
    parts_area = r["facility_area_m2"] < RURAL_MIN_AREA_M2
    parts_square = missing(r["square_area_m2"]) or r["square_area_m2"] < RURAL_MIN_SQUARE_M2
    key = ("shortfall.rural_both" if parts_area and parts_square
           else "shortfall.rural_area" if parts_area else "shortfall.rural_square")
    return key, {"area": format_number(r["facility_area_m2"]),
                 "square": format_number(r["square_area_m2"]) if not missing(r["square_area_m2"]) else "—",
                 "min_area": RURAL_MIN_AREA_M2, "min_square": format_number(RURAL_MIN_SQUARE_M2)}


_PCT_COMMUNITIES = {"zh": "社区数（城市社区与村）", "en": "communities (urban communities and villages)"}

INDICATORS: tuple[Indicator, ...] = (
    # ---------------------------------------------------------------- facilities
    Indicator(
        id="urban_facility_coverage", section="facilities", headline=True,
        name={"zh": "城市社区综合服务设施覆盖率", "en": "Urban community service facility coverage"},
        short={"zh": "城市社区设施覆盖", "en": "Urban facilities"},
        description={"zh": "建有社区综合服务设施的城市社区占城市社区总数的比例。",
                     "en": "Share of urban communities that have a comprehensive service facility."},
        unit="percent", target=1.0, target_basis="stated",
        clause="城市社区服务设施实现全覆盖", clause_section="一、(三)",
        numerator={"zh": "建有综合服务设施的城市社区数", "en": "urban communities with a service facility"},
        denominator={"zh": "城市社区总数", "en": "urban communities"},
        scope={"zh": "城市社区", "en": "urban communities"},
        source="units", compute=_share(_urban, _facility), numerator_only_grows=True,
    ),
    Indicator(
        id="rural_center_coverage", section="facilities", headline=True,
        name={"zh": "农村社区服务中心覆盖率", "en": "Rural community service centre coverage"},
        short={"zh": "农村服务中心覆盖", "en": "Rural centres"},
        description={"zh": "建有农村社区服务中心的村占村总数的比例。",
                     "en": "Share of villages (rural communities) that have a community service centre."},
        unit="percent", target=0.8, target_basis="stated",
        clause="农村社区服务中心覆盖面达80%以上", clause_section="一、(三)",
        numerator={"zh": "建有社区服务中心的村数", "en": "villages with a service centre"},
        denominator={"zh": "村总数", "en": "villages"},
        scope={"zh": "村", "en": "villages"},
        source="units", compute=_share(_rural, _facility), numerator_only_grows=True,
    ),
    Indicator(
        id="urban_facility_area_standard", section="facilities",
        name={"zh": "城市社区服务设施面积达标率", "en": "Urban facilities meeting the area standard"},
        short={"zh": "城市设施面积达标", "en": "Urban area standard"},
        description={"zh": "面积不低于每百户 20 平方米且总面积不低于 400 平方米的城市社区综合服务设施所占比例。",
                     "en": "Share of urban community facilities of at least 20 m² per 100 households "
                           "and at least 400 m² in all."},
        unit="percent", target=1.0, target_basis="standard",
        target_note={"zh": "文件要求按此标准建设，目标按全部达标计。",
                     "en": "The document requires facilities to be built to this standard; the "
                           "target is that all meet it."},
        clause="按照每百户居民不低于20平方米、总面积不低于400平方米的标准建设城市社区综合服务设施",
        clause_section="二、(一)1",
        numerator={"zh": "面积达标的城市社区综合服务设施数",
                   "en": "urban facilities with area ≥ max(400 m², 20 m² per 100 households)"},
        denominator={"zh": "城市社区综合服务设施数", "en": "urban community facilities"},
        scope={"zh": "城市社区综合服务设施", "en": "urban community facilities"},
        source="units", worklist_columns=(FACILITY_AREA,), shortfall=_urban_area_shortfall,
        compute=_share(_facility_in("urban"),
                       lambda r: pd.Series(meets_urban_area_standard(r["facility_area_m2"], r["households"]),
                                           index=r.index)),
    ),
    Indicator(
        id="rural_center_standard", section="facilities",
        name={"zh": "农村社区服务中心建设达标率", "en": "Rural centres meeting the standard"},
        short={"zh": "农村中心建设达标", "en": "Rural centre standard"},
        description={"zh": "面积不少于 350 平方米且室外文体活动广场不少于 1000 平方米的农村社区服务中心所占比例。",
                     "en": "Share of rural service centres of at least 350 m² with an outdoor square of "
                           "at least 1000 m²."},
        unit="percent", target=1.0, target_basis="standard",
        target_note={"zh": "广场面积文件表述为“一般不少于”1000 平方米，允许个别例外；此处按两项均达到计为达标。",
                     "en": "The document says the square should “generally” (一般) be at least 1000 m², "
                           "allowing exceptions; here a centre meets the standard only when both hold."},
        clause="按照面积不少于350平方米,室外文体活动广场面积一般不少于1000平方米的标准建设农村社区服务中心",
        clause_section="二、(一)1",
        numerator={"zh": "面积与广场均达标的农村社区服务中心数",
                   "en": "rural centres with area ≥ 350 m² and square ≥ 1000 m²"},
        denominator={"zh": "农村社区服务中心数", "en": "rural service centres"},
        scope={"zh": "农村社区服务中心", "en": "rural service centres"},
        source="units", worklist_columns=(FACILITY_AREA, SQUARE_AREA), shortfall=_rural_centre_shortfall,
        compute=_share(_facility_in("rural"),
                       lambda r: pd.Series(meets_rural_centre_standard(r["facility_area_m2"], r["square_area_m2"]),
                                           index=r.index)),
    ),
    Indicator(
        id="barrier_free", section="facilities",
        name={"zh": "服务设施无障碍达标率", "en": "Facilities meeting the barrier-free standard"},
        short={"zh": "无障碍达标", "en": "Barrier-free"},
        description={"zh": "符合无障碍标准的城乡社区服务设施占服务设施总数的比例。",
                     "en": "Share of urban and rural community service facilities that meet the "
                           "barrier-free standard."},
        unit="percent", target=1.0, target_basis="standard",
        target_note={"zh": "文件要求城乡社区服务设施“均应符合”无障碍标准，目标按全部达标计。",
                     "en": "The document requires all urban and rural facilities to meet the "
                           "barrier-free standard; the target is that all do."},
        clause="城市和农村社区服务设施建设均应符合无障碍标准", clause_section="二、(一)1",
        numerator={"zh": "符合无障碍标准的服务设施数", "en": "facilities meeting the barrier-free standard"},
        denominator={"zh": "城市社区综合服务设施与农村社区服务中心总数",
                     "en": "urban facilities and rural centres"},
        scope={"zh": "服务设施", "en": "service facilities"},
        source="units", compute=_share(_any_facility, lambda r: r["barrier_free"]),
    ),
    # ---------------------------------------------------------------- volunteer services
    Indicator(
        id="party_member_volunteering", section="services",
        name={"zh": "社区党员参与志愿服务比例", "en": "Party members volunteering"},
        short={"zh": "党员志愿服务", "en": "Party volunteers"},
        description={"zh": "参与社区志愿服务活动的社区党员占社区党员总数的比例。",
                     "en": "Share of community party members who take part in community volunteer services."},
        unit="percent", target=0.8, target_basis="stated", unit_threshold=0.8,
        clause="80%以上的社区党员和30%以上的社区居民参与社区志愿服务活动", clause_section="二、(一)3",
        numerator={"zh": "参与志愿服务的社区党员人数", "en": "party members who volunteer"},
        denominator={"zh": "社区党员人数", "en": "party members in the communities"},
        source="units", compute=_ratio("party_member_volunteers", "party_members"),
    ),
    Indicator(
        id="resident_volunteering", section="services",
        name={"zh": "社区居民参与志愿服务比例", "en": "Residents volunteering"},
        short={"zh": "居民志愿服务", "en": "Resident volunteers"},
        description={"zh": "参与社区志愿服务活动的居民占社区居民总数的比例。",
                     "en": "Share of community residents who take part in community volunteer services."},
        unit="percent", target=0.3, target_basis="stated", unit_threshold=0.3,
        clause="80%以上的社区党员和30%以上的社区居民参与社区志愿服务活动", clause_section="二、(一)3",
        numerator={"zh": "参与志愿服务的居民人数", "en": "residents who volunteer"},
        denominator={"zh": "社区居民人数", "en": "residents"},
        source="units", compute=_ratio("resident_volunteers", "residents"),
    ),
    # ---------------------------------------------------------------- workforce
    Indicator(
        id="social_worker_coverage", section="workforce",
        name={"zh": "拥有社会工作专业人员的社区比例", "en": "Communities with a social-work professional"},
        short={"zh": "社工专业人员", "en": "Social workers"},
        description={"zh": "至少拥有 1 名社会工作专业人员的社区占社区总数的比例。",
                     "en": "Share of communities with at least one social-work professional."},
        unit="percent", target=1.0, target_basis="stated",
        clause="每个社区至少拥有1名社会工作专业人员", clause_section="二、(一)3",
        numerator={"zh": "至少有 1 名社会工作专业人员的社区数", "en": "communities with ≥ 1 social-work professional"},
        denominator=_PCT_COMMUNITIES,
        source="units", worklist_columns=(SOCIAL_WORKERS,),
        compute=_share(_every, lambda r: r["social_workers"] >= 1),
    ),
    Indicator(
        id="registered_volunteers", section="workforce",
        name={"zh": "注册志愿者占居民比例", "en": "Registered volunteers as a share of residents"},
        short={"zh": "注册志愿者", "en": "Registered volunteers"},
        description={"zh": "注册社区志愿者人数占本地社区居民总数的比例。",
                     "en": "Registered community volunteers as a share of all community residents."},
        unit="percent", target=0.1, target_basis="stated", unit_threshold=0.1,
        clause="社区志愿者注册人数达到本地社区居民总数的10%以上", clause_section="二、(二)2",
        numerator={"zh": "注册社区志愿者人数", "en": "registered community volunteers"},
        denominator={"zh": "社区居民人数", "en": "residents"},
        source="units", compute=_ratio("registered_volunteers", "residents"),
    ),
    Indicator(
        id="volunteer_teams", section="workforce",
        name={"zh": "拥有 5 支以上志愿者服务队伍的社区比例", "en": "Communities with 5+ volunteer teams"},
        short={"zh": "志愿队伍 5 支以上", "en": "5+ volunteer teams"},
        description={"zh": "拥有 5 支及以上志愿者服务队伍的社区占社区总数的比例。",
                     "en": "Share of communities with five or more volunteer service teams."},
        unit="percent", target=1.0, target_basis="stated",
        clause="每个社区拥有5支以上志愿者服务队伍", clause_section="二、(二)2",
        numerator={"zh": "拥有 5 支以上志愿者服务队伍的社区数", "en": "communities with ≥ 5 volunteer teams"},
        denominator=_PCT_COMMUNITIES,
        source="units", worklist_columns=(VOLUNTEER_TEAMS,),
        compute=_share(_every, lambda r: r["volunteer_teams"] >= 5),
    ),
    Indicator(
        id="staff_training", section="workforce",
        name={"zh": "社区服务人员年度培训率", "en": "Community service staff trained this year"},
        short={"zh": "人员年度培训", "en": "Staff trained"},
        description={"zh": "当年至少接受 1 次培训的社区服务人员占社区服务人员总数的比例。",
                     "en": "Share of community service staff trained at least once in the year."},
        unit="percent", target=1.0, target_basis="stated", unit_threshold=1.0,
        clause="对社区服务人员进行系统培训,每年每人至少培训1次", clause_section="二、(二)2",
        numerator={"zh": "当年至少培训 1 次的社区服务人员数", "en": "staff trained at least once in the year"},
        denominator={"zh": "社区服务人员数", "en": "community service staff"},
        source="units", compute=_ratio("staff_trained", "staff"),
    ),
    Indicator(
        id="training_base", section="workforce",
        name={"zh": "省级社区服务人才培训基地", "en": "Provincial training base for community service staff"},
        short={"zh": "省级培训基地", "en": "Training base"},
        description={"zh": "省级社区服务人才培训基地是否建成。文件未设数值目标，仅作跟踪。",
                     "en": "Whether the provincial training base has been established. The document "
                           "sets no number; tracked only."},
        unit="yes_no", target=None, target_basis="none",
        clause="筹备建设省级社区服务人才培训基地", clause_section="二、(二)2",
        numerator={"zh": "是否建成（1 为已建成）", "en": "established (1) or not (0)"}, denominator=None,
        source="province_records", record_column="training_base_established",
        levels=("province",), target_levels=(),
    ),
    # ---------------------------------------------------------------- mechanisms
    Indicator(
        id="direct_elections", section="mechanisms",
        name={"zh": "社区居委会直接选举比例", "en": "Residents' committees directly elected"},
        short={"zh": "居委会直选", "en": "Direct elections"},
        description={"zh": "实行直接选举的社区居委会占城市社区居委会总数的比例。",
                     "en": "Share of urban residents' committees elected directly."},
        unit="percent", target=0.8, target_basis="stated",
        clause="80%以上的社区居委会实行直接选举", clause_section="二、(一)4",
        numerator={"zh": "实行直接选举的社区居委会数", "en": "residents' committees directly elected"},
        denominator={"zh": "社区居委会数（城市社区）", "en": "residents' committees (urban communities)"},
        scope={"zh": "城市社区", "en": "urban communities"},
        source="units", compute=_share(_urban, lambda r: r["election_type"] == "direct"),
    ),
    Indicator(
        id="social_organisations", section="mechanisms",
        name={"zh": "拥有 5 个以上社区社会组织的社区比例", "en": "Communities with 5+ social organisations"},
        short={"zh": "社会组织 5 个以上", "en": "5+ social organisations"},
        description={"zh": "拥有 5 个及以上社区社会组织的社区占社区总数的比例。",
                     "en": "Share of communities with five or more community social organisations."},
        unit="percent", target=1.0, target_basis="stated",
        clause="每个社区拥有5个以上的社区社会组织", clause_section="二、(一)4",
        numerator={"zh": "拥有 5 个以上社区社会组织的社区数", "en": "communities with ≥ 5 social organisations"},
        denominator=_PCT_COMMUNITIES,
        source="units", worklist_columns=(SOCIAL_ORGANISATIONS,),
        compute=_share(_every, lambda r: r["social_organisations"] >= 5),
    ),
    Indicator(
        id="co_building", section="mechanisms",
        name={"zh": "签订共驻共建协议的驻区单位比例", "en": "Resident units with co-building agreements"},
        short={"zh": "共驻共建协议", "en": "Co-building agreements"},
        description={"zh": "与社区签订共驻共建协议的驻区单位占驻区单位总数的比例。",
                     "en": "Share of units based in the communities that have signed a co-building "
                           "agreement with their community."},
        unit="percent", target=0.8, target_basis="stated", unit_threshold=0.8,
        clause="80%以上的驻区单位与社区签订共驻共建协议", clause_section="二、(一)4",
        numerator={"zh": "签订共驻共建协议的驻区单位数", "en": "resident units with an agreement"},
        denominator={"zh": "驻区单位数", "en": "resident units"},
        source="units", compute=_ratio("co_building_units", "resident_units"),
    ),
    # ---------------------------------------------------------------- key projects
    Indicator(
        id="rural_centers_built", section="key_projects", headline=True,
        name={"zh": "新建、改扩建农村社区服务中心", "en": "Rural service centres built or upgraded"},
        short={"zh": "农村服务中心建设", "en": "Rural centres built"},
        description={"zh": "2011 年以来新建、改扩建或购置改造的农村社区服务中心累计数（全省目标 6000 个）。",
                     "en": "Rural community service centres newly built, extended or converted since "
                           "2011, cumulative (province-wide target: 6000)."},
        unit="count", target=6000, target_basis="stated",
        target_note={"zh": "6000 个为全省总数，文件未分解到市县。",
                     "en": "6000 is a province-wide total; the document sets no city or county quotas."},
        clause="全省规划新建、改扩建或购置改造6000个农村社区服务中心,1000个城市社区服务站",
        clause_section="二、(二)1",
        numerator={"zh": "2011 年起累计新建、改扩建或购置改造的农村社区服务中心数",
                   "en": "rural centres built, extended or converted, cumulative since 2011"},
        denominator=None, source="county_records", record_column="rural_centers_built", cumulative=True,
        target_levels=("province",),
    ),
    Indicator(
        id="urban_stations_built", section="key_projects", headline=True,
        name={"zh": "新建、改扩建城市社区服务站", "en": "Urban service stations built or upgraded"},
        short={"zh": "城市服务站建设", "en": "Urban stations built"},
        description={"zh": "2011 年以来新建、改扩建或购置改造的城市社区服务站累计数（全省目标 1000 个）。",
                     "en": "Urban community service stations newly built, extended or converted since "
                           "2011, cumulative (province-wide target: 1000)."},
        unit="count", target=1000, target_basis="stated",
        target_note={"zh": "1000 个为全省总数，文件未分解到市县。",
                     "en": "1000 is a province-wide total; the document sets no city or county quotas."},
        clause="全省规划新建、改扩建或购置改造6000个农村社区服务中心,1000个城市社区服务站",
        clause_section="二、(二)1",
        numerator={"zh": "2011 年起累计新建、改扩建或购置改造的城市社区服务站数",
                   "en": "urban stations built, extended or converted, cumulative since 2011"},
        denominator=None, source="county_records", record_column="urban_stations_built", cumulative=True,
        target_levels=("province",),
    ),
    # ---------------------------------------------------------------- information
    Indicator(
        id="broadband", section="information",
        name={"zh": "服务中心（站）宽带接入比例", "en": "Service centres and stations on broadband"},
        short={"zh": "宽带接入", "en": "Broadband"},
        description={"zh": "接入宽带网络的社区服务设施占服务设施总数的比例。文件未设数值目标，仅作跟踪。",
                     "en": "Share of community service facilities connected to broadband. The document "
                           "sets no number; tracked only."},
        unit="percent", target=None, target_basis="none",
        clause="推进社区服务中心(站)接入宽带网络", clause_section="二、(二)3",
        numerator={"zh": "接入宽带的服务设施数", "en": "facilities on broadband"},
        denominator={"zh": "服务设施总数", "en": "facilities"},
        scope={"zh": "服务设施", "en": "service facilities"},
        source="units", compute=_share(_any_facility, lambda r: r["broadband"]),
    ),
    Indicator(
        id="e_records", section="information",
        name={"zh": "建立居民电子档案的社区比例", "en": "Communities keeping electronic resident records"},
        short={"zh": "居民电子档案", "en": "Electronic records"},
        description={"zh": "已建立居民、家庭电子档案的社区占社区总数的比例。文件未设数值目标，仅作跟踪。",
                     "en": "Share of communities that keep electronic records of residents and "
                           "households. The document sets no number; tracked only."},
        unit="percent", target=None, target_basis="none",
        clause="健全完善社区居民、家庭、社会组织电子档案", clause_section="二、(二)3",
        numerator={"zh": "建立电子档案的社区数", "en": "communities with electronic records"},
        denominator=_PCT_COMMUNITIES,
        source="units", compute=_share(_every, lambda r: r["e_records"]),
    ),
    Indicator(
        id="county_platform", section="information",
        name={"zh": "建有县级社区综合信息平台的县（市、区）比例", "en": "Counties with an information platform"},
        short={"zh": "县级信息平台", "en": "County platforms"},
        description={"zh": "建有覆盖本县（市、区）的社区综合信息管理和服务平台的县级单位比例。"
                           "文件未设数值目标，仅作跟踪。",
                     "en": "Share of county-level divisions with a community information and service "
                           "platform covering the county. The document sets no number; tracked only."},
        unit="percent", target=None, target_basis="none",
        clause="建立覆盖县(市、区)或更大范围的社区综合信息管理和服务平台", clause_section="二、(二)3",
        numerator={"zh": "建有平台的县级单位数", "en": "counties with a platform"},
        denominator={"zh": "县级单位数", "en": "county-level divisions"},
        source="county_records", record_column="info_platform",
    ),
    Indicator(
        id="unified_hotline", section="information",
        name={"zh": "接入全省统一社区服务电话的县（市、区）比例", "en": "Counties on the unified service hotline"},
        short={"zh": "统一服务电话", "en": "Unified hotline"},
        description={"zh": "已接入全省统一社区服务电话号码的县级单位比例。文件未设数值目标，仅作跟踪。",
                     "en": "Share of county-level divisions connected to the province's unified community "
                           "service number. The document sets no number; tracked only."},
        unit="percent", target=None, target_basis="none",
        clause="推动全省设置统一的社区服务电话号码", clause_section="二、(二)3",
        numerator={"zh": "已接入的县级单位数", "en": "counties connected"},
        denominator={"zh": "县级单位数", "en": "county-level divisions"},
        source="county_records", record_column="unified_hotline",
    ),
)

BY_ID: dict[str, Indicator] = {ind.id: ind for ind in INDICATORS}
QUANTIFIED = tuple(i for i in INDICATORS if i.target_basis == "stated")
# Counted from the communities and villages (each has a work list of the units behind).
UNIT_SOURCED = tuple(i for i in INDICATORS if i.source == "units")
# Counted from one column of the county (or province) records.
COUNTY_SOURCED = tuple(i for i in INDICATORS if i.source == "county_records")
PROVINCE_SOURCED = tuple(i for i in INDICATORS if i.source == "province_records")
STANDARDS = tuple(i for i in INDICATORS if i.target_basis == "standard")
TRACKED = tuple(i for i in INDICATORS if i.target_basis == "none")
DEFAULT_INDICATOR = "rural_center_coverage"
# The headline goals, in catalogue order: the overview's first cards and the slides' default.
HEADLINE = tuple(i for i in INDICATORS if i.headline)


def get(indicator_id: str) -> Indicator:
    """The indicator with this id; KeyError if there is none."""
    return BY_ID[indicator_id]


def by_section() -> dict[str, list[Indicator]]:
    """Indicators grouped by section, in the catalogue's order."""
    groups: dict[str, list[Indicator]] = {s: [] for s in SECTIONS}
    for ind in INDICATORS:
        groups[ind.section].append(ind)
    return groups


def unit_counts(ind: Indicator, records: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Numerator and denominator of `ind` for each record (unit-year) row."""
    if ind.compute is None:
        raise ValueError(f"{ind.id} is not computed from community records")
    num, den = ind.compute(records)
    return np.asarray(num, dtype=float), np.asarray(den, dtype=float)
