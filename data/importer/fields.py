"""What each sheet of a county report holds: its fields, their headers in both languages,
and how each cell is read. The template, the reader, the validation and the round-trip
export all use these definitions."""
from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024  # one uploaded file

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


# The template's instructions sheet, in both languages: every rule the reader applies.
INSTRUCTIONS = [
    ("辽宁省城乡社区服务体系建设统计报表模板（{year} 年）",
     "Liaoning community service system: report template ({year})"),
    ("", ""),
    ("填写说明", "How to fill it in"),
    ("1. 本工作簿有三张报表：城市社区、村（农村社区）、县级汇总。每个社区或村填一行，每个县（市、区）在县级汇总中填一行。",
     "1. Three reports: urban communities, villages, county summary. One row per community or village; one "
     "row per county in the summary."),
    ("2. 第 1 行为中文表头（括号内为单位），第 2 行为英文表头，请勿修改或删除；从第 3 行起填写数据。",
     "2. Row 1 holds the Chinese headers (units in brackets), row 2 the English ones; keep both. Data starts "
     "on row 3."),
    ("3. “县（市、区）”请从下拉列表中选择，写作“市名+县名”，如“沈阳市铁西区”。已撤销的县名或代码（如辽中县、210122）"
     "会按区划调整自动归入现行区县，并给出说明。",
     "3. Choose the county from the drop-down, written city + county (沈阳市铁西区). A former name or code "
     "(辽中县, 210122) is mapped to today's county, with a note."),
    ("4. 编号：导出的数据带有社区、村的编号，请保留；新增的社区或村编号留空，系统会自动编号。",
     "4. Ids: exported data carries each unit's id; keep it. Leave the id blank for a new community or "
     "village and one is assigned."),
    ("5. 空白表示“未填报”；0 表示数量为零；“—”或“-”表示“不适用”。必填列不能空白，也不能填“—”。",
     "5. A blank cell means “not reported”; 0 means zero; “—” or “-” means “not applicable”. Required "
     "columns can be neither blank nor “—”."),
    ("6. 数字可带千位分隔符（1,234），全角数字（１２３）按半角读取。人数、个数须为非负整数。",
     "6. Numbers may have thousands separators (1,234); full-width digits (１２３) are read as ordinary ones. "
     "Counts are whole numbers, never negative."),
    ("7. 比例可写作 85%、85 或 0.85：带 % 号或大于 1 的数按百分数读取，否则按小数读取。只有人数空缺时才使用比例列，"
     "人数按“比例 × 总数”四舍五入计算。",
     "7. A share may be written 85%, 85 or 0.85: with a % sign or above 1 it is read as per cent, otherwise "
     "as a fraction. A share column is used only when the count is blank; the count is share × total, "
     "rounded."),
    ("8. 是/否列可填：是、否（也接受 有/无、Y/N、1/0、√/×）。选举方式填：直接、间接。",
     "8. Yes/no columns: 是 or 否 (有/无, Y/N, yes/no, 1/0, √/× are accepted too). Election: 直接 (direct) "
     "or 间接 (indirect)."),
    ("9. 部分数不能大于总数：参与志愿服务的党员 ≤ 党员；参与志愿服务的居民、注册志愿者 ≤ 居民；签订协议的驻区单位 ≤ 驻区单位；"
     "受训人员 ≤ 服务人员。有服务设施的须填面积。",
     "9. A part never exceeds its whole: volunteering party members ≤ party members; volunteering residents "
     "and registered volunteers ≤ residents; units with an agreement ≤ resident units; staff trained ≤ "
     "staff. A unit with a facility gives its area."),
    ("10. “合计”“总计”“小计”“其中”等行（包括在第一列写“合计”并横向合并的）会被识别并跳过，不必删除。公式单元格读取 Excel "
     "保存的计算结果；显示 #DIV/0!、#N/A 等错误值的单元格会报错，请修正公式。",
     "10. Rows of totals (合计, 总计, 小计, 其中; also 合计 in the first column, merged across) are recognised and "
     "skipped. For formula cells the result Excel saved is read; a cell showing an error value (#DIV/0!, #N/A) "
     "is an error: correct the formula."),
    ("11. 一次导入即为该县（市、区）该年度的完整报表：导入后，文件中出现的每个县本年度的数据整体替换为文件中的数据，"
     "原数据保留在历史中，可随时恢复（撤销本次导入）。",
     "11. An import is the whole report of each county it names for that year: those county-years are "
     "replaced by the file as a whole; what was shown before stays in the history and returns if the "
     "import is reverted."),
    (f"12. 上传 .xlsx 工作簿（一次一个）或 .csv 文件（每张报表一个，UTF-8 或 GBK 编码），单个文件不超过 "
     f"{MAX_BYTES // 1024 // 1024} MB。",
     f"12. Upload the .xlsx workbook, or .csv files (one per report, UTF-8 or GBK), each at most "
     f"{MAX_BYTES // 1024 // 1024} MB."),
    ("13. 有服务设施的，面积须大于 0。各项数字有合理上限（如户数不超过 80,000），超过时报错并写明上限。请不要增加或改名列："
     "模板中没有的列会被列出，确认忽略后才能导入。",
     "13. A facility's area is above 0. Every number has a plausible bound (households at most 80,000, say); "
     "beyond it is an error that names the bound. Do not add or rename columns: a column the template does "
     "not have is listed, and the import waits until you confirm it is to be ignored."),
]
# The template's other words: sheet name, and the drop-downs' warnings (Excel shows one text).
TEMPLATE_TEXT = {
    "instructions_sheet": "说明 Instructions",
    "county_title": "县（市、区） County",
    "county_error": "请从列表中选择。Choose from the list.",
    "year_title": "年份 Year",
    "year_error": "本模板为 {year} 年。This template is for {year}.",
}
