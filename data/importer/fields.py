"""What each sheet of a county report holds: its fields, their headers in both languages,
and how each cell is read. The template, the reader, the validation and the round-trip
export all use these definitions."""
from __future__ import annotations

from dataclasses import dataclass

# Kinds of cell: how a cell is parsed (see data.importer.parse).
YEAR, COUNTY, ID, TEXT, INT, AREA, BOOL, ELECTION, PERCENT = (
    "year", "county", "id", "text", "int", "area", "bool", "election", "percent")


@dataclass(frozen=True)
class Field:
    key: str          # the store's column (or, for a share, the column it fills)
    zh: str           # Chinese header, with its unit
    en: str           # English header
    kind: str
    required: bool = False


@dataclass(frozen=True)
class SheetSpec:
    key: str          # "urban", "rural" or "county"
    zh: str
    en: str
    fields: tuple[Field, ...]

    @property
    def title(self) -> str:
        """The sheet's name in a workbook: both languages, as Excel allows (31 characters)."""
        return f"{self.zh} {self.en}"[:31]


def _unit_fields(kind: str) -> tuple[Field, ...]:
    urban = kind == "urban"
    noun_zh, noun_en = ("社区", "community") if urban else ("村", "village")
    facility_zh = "是否有社区综合服务设施（是/否）" if urban else "是否有农村社区服务中心（是/否）"
    facility_en = "Has a community service facility (yes/no)" if urban else "Has a rural service centre (yes/no)"
    fields = [
        Field("year", "年份", "Year", YEAR, True),
        Field("county", "县（市、区）", "County", COUNTY, True),
        Field("unit_id", f"{noun_zh}编号（新增可空）", f"{noun_en.capitalize()} id (blank if new)", ID),
        Field("name", f"{noun_zh}名称", f"{noun_en.capitalize()} name", TEXT, True),
        Field("households", "户数（户）", "Households", INT, True),
        Field("residents", "居民人数（人）", "Residents", INT, True),
        Field("has_facility", facility_zh, facility_en, BOOL, True),
        Field("facility_area_m2", "设施面积（平方米）", "Facility area (m²)", AREA),
    ]
    if not urban:
        fields.append(Field("square_area_m2", "室外文体活动广场面积（平方米）", "Outdoor square (m²)", AREA))
    fields += [
        Field("barrier_free", "设施是否符合无障碍标准（是/否）", "Facility barrier-free (yes/no)", BOOL),
        Field("broadband", "设施是否接入宽带（是/否）", "Facility on broadband (yes/no)", BOOL),
        Field("social_workers", "社会工作专业人员（人）", "Social-work professionals", INT),
        Field("social_organisations", "社区社会组织（个）", "Community social organisations", INT),
        Field("volunteer_teams", "志愿者服务队伍（支）", "Volunteer service teams", INT),
        Field("registered_volunteers", "注册志愿者（人）", "Registered volunteers", INT),
        Field("resident_volunteers", "参与志愿服务的居民（人）", "Residents who volunteer", INT),
        Field("resident_volunteer_share", "参与志愿服务的居民比例（%，人数空缺时填）",
              "Share of residents who volunteer (%, if no count)", PERCENT),
        Field("party_members", "社区党员（人）", "Party members", INT),
        Field("party_member_volunteers", "参与志愿服务的党员（人）", "Party members who volunteer", INT),
        Field("party_volunteer_share", "参与志愿服务的党员比例（%，人数空缺时填）",
              "Share of party members who volunteer (%, if no count)", PERCENT),
    ]
    if urban:
        fields.append(Field("election_type", "居委会选举方式（直接/间接）", "Committee election (direct/indirect)",
                            ELECTION))
    fields += [
        Field("resident_units", "驻区单位（个）", "Resident units", INT),
        Field("co_building_units", "签订共驻共建协议的驻区单位（个）", "Resident units with an agreement", INT),
        Field("staff", "社区服务人员（人）", "Community service staff", INT),
        Field("staff_trained", "年内至少培训 1 次的人员（人）", "Staff trained this year", INT),
        Field("e_records", "是否建立居民电子档案（是/否）", "Electronic resident records (yes/no)", BOOL),
    ]
    return tuple(fields)


URBAN = SheetSpec("urban", "城市社区", "Urban communities", _unit_fields("urban"))
RURAL = SheetSpec("rural", "村（农村社区）", "Villages", _unit_fields("rural"))
COUNTY_SHEET = SheetSpec("county", "县级汇总", "County summary", (
    Field("year", "年份", "Year", YEAR, True),
    Field("county", "县（市、区）", "County", COUNTY, True),
    Field("rural_centers_built", "年内新建、改扩建或购置改造农村社区服务中心（个）",
          "Rural centres built, extended or converted this year", INT, True),
    Field("urban_stations_built", "年内新建、改扩建或购置改造城市社区服务站（个）",
          "Urban stations built, extended or converted this year", INT, True),
    Field("info_platform", "是否建有县级社区综合信息平台（是/否）", "County information platform (yes/no)", BOOL, True),
    Field("unified_hotline", "是否接入全省统一社区服务电话（是/否）", "On the unified service hotline (yes/no)", BOOL,
          True),
))
SHEETS = (URBAN, RURAL, COUNTY_SHEET)

# (numerator, denominator): a count may not exceed the count it is a part of.
PARTS = (("party_member_volunteers", "party_members"), ("resident_volunteers", "residents"),
         ("registered_volunteers", "residents"), ("co_building_units", "resident_units"),
         ("staff_trained", "staff"))
# A share column fills its count when the count is blank: (share, count, of).
SHARES = (("resident_volunteer_share", "resident_volunteers", "residents"),
          ("party_volunteer_share", "party_member_volunteers", "party_members"))


@dataclass(frozen=True)
class Bound:
    """The largest plausible value of a field, and why: a value beyond it is an error that
    names the bound (a slip of the keyboard, 8485 typed 8485000, or a value in the wrong column).
    Every bound is far above any real unit, so a real report never meets one."""
    most: int
    why_zh: str
    why_en: str


_PEOPLE = Bound(200_000, "全国最大的社区约 10 万人", "the largest communities in China have about 100,000 people")
_STAFF = Bound(2_000, "一个社区或村的工作人员以数十人计", "a community or village counts its staff in tens")
_GROUPS = Bound(5_000, "一个社区或村的组织、队伍以数十个计", "a community or village counts these in tens")
# One place for every bound, field key -> Bound (the same for communities and villages).
BOUNDS = {
    "households": Bound(80_000, "全国最大的社区约 3 万户", "the largest communities in China have about 30,000 households"),
    "residents": _PEOPLE,
    "registered_volunteers": _PEOPLE,
    "resident_volunteers": _PEOPLE,
    "party_members": Bound(50_000, "全国最大的社区党员约 1 万人", "the largest communities have about 10,000 party members"),
    "party_member_volunteers": Bound(50_000, "不超过党员人数的上限", "no more than the bound on party members"),
    "facility_area_m2": Bound(50_000, "最大的社区服务中心约 1 万平方米，标准为 300 平方米以上",
                              "the largest community centres have about 10,000 m²; the standard asks 300 m² or more"),
    "square_area_m2": Bound(200_000, "20 公顷，约 28 个足球场", "20 hectares, about 28 football pitches"),
    "social_workers": _STAFF,
    "staff": _STAFF,
    "staff_trained": _STAFF,
    "social_organisations": _GROUPS,
    "volunteer_teams": _GROUPS,
    "resident_units": Bound(20_000, "城区最密集的社区驻区单位约数千个", "the densest city communities host a few thousand"),
    "co_building_units": Bound(20_000, "不超过驻区单位的上限", "no more than the bound on resident units"),
    "rural_centers_built": Bound(2_000, "辽宁省最大的县约 500 个村", "Liaoning's largest county has about 500 villages"),
    "urban_stations_built": Bound(2_000, "辽宁省最大的县（区）约 300 个社区",
                                  "Liaoning's largest county has about 300 communities"),
}
