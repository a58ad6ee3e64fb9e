"""Liaoning's divisions (GB/T 2260): the province, 14 cities, 100 county-level units,
the 2011-2016 changes, and one lookup that lands any current or former code or name on
today's county.

The tables are committed CSV files beside this module:
- divisions.csv: code, name, name_en, kind, parent_code (the province has none);
- division_changes.csv: former code and name -> current code and name, with the approval.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.i18n import t

_HERE = Path(__file__).resolve().parent
PROVINCE_CODE = "210000"

DIVISIONS = pd.read_csv(_HERE / "divisions.csv", dtype=str, keep_default_na=False)
DIVISIONS["level"] = DIVISIONS["code"].map(
    lambda c: "province" if c == PROVINCE_CODE else "city" if c.endswith("00") else "county")
CHANGES = pd.read_csv(_HERE / "division_changes.csv", dtype=str, keep_default_na=False)

_BY_CODE = DIVISIONS.set_index("code")
CITY_CODES: list[str] = DIVISIONS.loc[DIVISIONS["level"] == "city", "code"].tolist()
COUNTY_CODES: list[str] = DIVISIONS.loc[DIVISIONS["level"] == "county", "code"].tolist()


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    name_en: str
    kind: str
    level: str
    parent_code: str

    def label(self, lang: str) -> str:
        return self.name if lang == "zh" else self.name_en

    @property
    def full_name(self) -> str:
        """沈阳市铁西区: the name with its city, unambiguous across the province."""
        if self.level != "county":
            return self.name
        return _BY_CODE.loc[self.parent_code, "name"] + self.name


@dataclass(frozen=True)
class Resolution:
    """What a lookup found, and how: directly, or through a former code or name."""
    division: Division
    matched_by: str  # "code", "name", "former_code", "former_name"
    change: dict | None = None  # the row of division_changes.csv that was followed

    @property
    def code(self) -> str:
        return self.division.code

    def note(self, lang: str) -> str | None:
        if self.change is None:
            return None
        c = self.change
        return t("division.note_former", lang, former=f"{c['former_name']}（{c['former_code']}）",
                 current=f"{c['current_name']}（{c['current_code']}）",
                 change=c["change_zh"] if lang == "zh" else c["change_en"],
                 approval=c["approval"], date=c["date"])


class DivisionLookupError(ValueError):
    """A code or name that does not land on exactly one division. Carries both languages."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(self.message("zh") + " / " + self.message("en"))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


class UnknownDivisionError(DivisionLookupError):
    pass


class AmbiguousDivisionError(DivisionLookupError):
    def __init__(self, query: str, candidates: list[Division]):
        self.candidates = candidates
        listed_zh = "、".join(f"{d.full_name}（{d.code}）" for d in candidates)
        listed_en = "; ".join(
            f"{d.name_en}, {_BY_CODE.loc[d.parent_code, 'name_en']} ({d.code})" for d in candidates)
        super().__init__("division.ambiguous", query=query, candidates_zh=listed_zh,
                         candidates_en=listed_en)


@functools.lru_cache(maxsize=None)
def division(code: str) -> Division:
    """The current division with this exact 6-digit code (KeyError if there is none)."""
    row = _BY_CODE.loc[code]
    return Division(code=code, name=row["name"], name_en=row["name_en"], kind=row["kind"],
                    level=row["level"], parent_code=row["parent_code"])


def short_name(code: str) -> str:
    """The name without 市/区/县 (大连市 -> 大连), for narrow columns."""
    return _stem(_BY_CODE.loc[code, "name"])


def counties_of(city_code: str) -> list[str]:
    return DIVISIONS.loc[DIVISIONS["parent_code"] == city_code, "code"].tolist()


_SUFFIXES = ("蒙古族自治县", "满族自治县", "自治县", "新区", "区", "县", "市")


def _normalise(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII) and no spaces at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def _stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _name_keys(name: str) -> set[str]:
    return {name, _stem(name)}


def _city_names() -> dict[str, str]:
    """Every way a city is written -> its code: 沈阳市, 沈阳, Shenyang."""
    names = {}
    for code in CITY_CODES:
        row = _BY_CODE.loc[code]
        for key in (*_name_keys(row["name"]), _normalise(row["name_en"]).casefold()):
            names[key] = code
    return names


_CITY_NAMES = _city_names()


def resolve_city(query) -> Division:
    """A city by code (6, 9 or 12 digits) or name (沈阳市, 沈阳, Shenyang)."""
    q = _normalise(query)
    if re.fullmatch(r"\d{6}(\d{3}|\d{6})?", q) and q[:6] in CITY_CODES:
        return division(q[:6])
    code = _CITY_NAMES.get(q) or _CITY_NAMES.get(q.casefold())
    if code is None:
        raise UnknownDivisionError("division.unknown_city", query=str(query))
    return division(code)


def resolve_county(query, city=None) -> Resolution:
    """Land a current or former code, or a name, on today's county.

    Accepted: 210106; 210106000000; 210282 (former 普兰店市); 沈阳市铁西区; 辽宁省沈阳市铁西区;
    铁西区 with city="鞍山市"; 东陵区; 辽中县; 浑南; "Hunnan District". A name found in more than
    one city without a city to choose raises AmbiguousDivisionError naming the candidates.
    """
    q = _normalise(query)
    if not q:
        raise UnknownDivisionError("division.unknown_county", query=str(query))
    city_code = resolve_city(city).code if city not in (None, "") else None

    if re.fullmatch(r"\d{6}(\d{3}|\d{6})?", q):
        return _resolve_code(q[:6], city_code, str(query))

    q = re.sub(r"^辽宁省?", "", q)
    matches = _match_name(q)
    if not matches:
        # 沈阳市铁西区, 沈阳铁西: a city written in front. Tried only after the whole name,
        # because 朝阳县, 抚顺县, 铁岭县 and 辽阳县 begin with their city's name.
        for written, code in sorted(_CITY_NAMES.items(), key=lambda kv: -len(kv[0])):
            if q.startswith(written) and len(q) > len(written):
                if city_code and city_code != code:
                    raise UnknownDivisionError("division.city_conflict", query=str(query),
                                               **_city_params(city_code))
                city_code = code
                matches = _match_name(q[len(written):])
                break
    if city_code:
        matches = {c: r for c, r in matches.items() if r.division.parent_code == city_code}
    if len(matches) == 1:
        return next(iter(matches.values()))
    if len(matches) > 1:
        raise AmbiguousDivisionError(str(query), [r.division for r in matches.values()])
    if city_code:
        raise UnknownDivisionError("division.unknown_in_city", query=str(query),
                                   **_city_params(city_code))
    raise UnknownDivisionError("division.unknown_county", query=str(query))


_CHANGE_RECORDS = CHANGES.to_dict("records")


def _match_name(name: str) -> dict[str, Resolution]:
    """Counties whose current or former name is `name` (with or without 区/县/市), or whose
    English name is `name` (case and spaces ignored)."""
    matches: dict[str, Resolution] = {}
    for code in COUNTY_CODES:
        d = division(code)
        if name in _name_keys(d.name) or name.casefold() == _normalise(d.name_en).casefold():
            matches[code] = Resolution(d, "name")
    for change in _CHANGE_RECORDS:
        if name in _name_keys(change["former_name"]) and change["current_code"] not in matches:
            matches[change["current_code"]] = Resolution(
                division(change["current_code"]), "former_name", change)
    return matches


def _city_params(city_code: str) -> dict[str, str]:
    d = division(city_code)
    return {"city_zh": d.name, "city_en": d.name_en}


def _resolve_code(code: str, city_code: str | None, query: str) -> Resolution:
    if code in COUNTY_CODES:
        resolution = Resolution(division(code), "code")
    else:
        rows = CHANGES[CHANGES["former_code"] == code].to_dict("records")
        if not rows:
            raise UnknownDivisionError("division.unknown_county", query=query)
        resolution = Resolution(division(rows[0]["current_code"]), "former_code", rows[0])
    if city_code and resolution.division.parent_code != city_code:
        raise UnknownDivisionError("division.unknown_in_city", query=query,
                                   **_city_params(city_code))
    return resolution
