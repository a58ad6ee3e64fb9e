"""Numbers and words as the pages and documents show them: one rule for each, in both languages."""
from __future__ import annotations

from typing import TYPE_CHECKING

from data.i18n import t
from data.progress import COMPARATORS, missing

if TYPE_CHECKING:
    from data.catalogue import Indicator

TREND_ARROWS = {"up": "↑", "down": "↓", "flat": "→", None: ""}


# ---------------------------------------------------------------------- the language's small rules
def locale(lang: str) -> str:
    """The page's language as HTML and plotly name it."""
    return "zh-CN" if lang == "zh" else "en"


def colon(lang: str) -> str:
    """The colon after a label: full-width in Chinese."""
    return t("punct.colon", lang)


def name_key(lang: str) -> str:
    """The column (or GeoJSON property) holding a place's name in `lang`."""
    return "name" if lang == "zh" else "name_en"


# ---------------------------------------------------------------------- numbers
def format_number(x, decimals: int = 0) -> str:
    """1650 -> "1,650"; the same in both languages (the thousands separator is common)."""
    if missing(x):
        return "—"
    return f"{x:,.{decimals}f}"


def format_percent(share, decimals: int = 1) -> str:
    """0.853 -> "85.3%"."""
    if missing(share):
        return "—"
    return f"{share * 100:.{decimals}f}%"


def unit_scale(ind: Indicator) -> tuple[int, str]:
    """(factor, suffix) that turn a stored value into a chart's number: counts as they are,
    shares as percent (0.853 -> 85.3 with "%")."""
    return (1, "") if ind.unit == "count" else (100, "%")


# ---------------------------------------------------------------------- an indicator's words
def is_yes_no(ind: Indicator, level: str | None) -> bool:
    """A county either has a platform (or the hotline) or not: a share only above it."""
    return ind.unit == "yes_no" or (ind.source == "county_records" and ind.unit == "percent" and level == "county")


def format_value(value, ind: Indicator, lang: str, level: str | None = None) -> str:
    """85.3% for rates, 6,180 for counts, 是/否 for yes-no items (and a county's platform)."""
    if missing(value):
        return t("value.none", lang)
    if ind.unit == "count":
        return format_number(value)
    if is_yes_no(ind, level):
        return t("value.yes" if value >= 0.5 else "value.no", lang)
    return format_percent(value)


def change_text(change, ind: Indicator, lang: str) -> str | None:
    """The change since the baseline: +1,234 for counts, +5.2pp for rates, in words for a yes/no
    (由否变为是 / from no to yes: a 0 that became 1 is not "+100pp"); None if unknown."""
    if missing(change):
        return None
    if ind.unit == "yes_no":
        key = "change.became_yes" if change > 0 else "change.became_no" if change < 0 else "change.unchanged"
        return t(key, lang)
    return f"{change:+,.0f}" if ind.unit == "count" else f"{change * 100:+.1f}pp"


def target_text(ind: Indicator, level: str, lang: str) -> str:
    """"≥ 80%", "≥ 6,000", or why there is none at this level."""
    if ind.target is None:
        return t("status.no_target", lang)
    if level not in ind.target_levels:
        return t("target.province_only", lang, target=format_number(ind.target))
    shown = format_number(ind.target) if ind.unit == "count" else format_percent(ind.target, 0)
    return f"{COMPARATORS[ind.comparator]} {shown}"


def status_label(status: str, lang: str, indicator: Indicator | None = None) -> str:
    """The status in words. A province-wide count seen below the province has a target,
    just not here: it says so rather than "tracked". Not applicable says why, where the
    indicator names what it counts: 不适用（无村）/ Not applicable (no villages)."""
    if status == "no_target" and indicator is not None and indicator.target is not None:
        return t("status.no_local_target", lang)
    if status == "not_applicable" and indicator is not None and indicator.scope is not None:
        return t("status.not_applicable_scope", lang, scope=indicator.scope[lang])
    return t(f"status.{status}", lang)
