"""The division table and the lookup that lands any current or former name or code."""
from __future__ import annotations

import pytest

from data.divisions import (CHANGES, CITY_CODES, COUNTY_CODES, DIVISIONS, AmbiguousDivisionError,
                            UnknownDivisionError, counties_of, resolve_city, resolve_county)


def test_table_has_the_province_14_cities_and_100_counties():
    assert DIVISIONS["level"].value_counts().to_dict() == {"county": 100, "city": 14, "province": 1}
    assert DIVISIONS["code"].is_unique
    assert sum(len(counties_of(c)) for c in CITY_CODES) == 100


def test_kinds_follow_the_name_suffix():
    counties = DIVISIONS[DIVISIONS["level"] == "county"]
    expected = counties["name"].map(lambda n: "autonomous county" if n.endswith("自治县")
                                    else "district" if n.endswith("区")
                                    else "county" if n.endswith("县") else "county-level city")
    assert (counties["kind"] == expected).all()
    assert counties["kind"].value_counts().to_dict() == {
        "district": 59, "county": 17, "county-level city": 16, "autonomous county": 8}


def test_every_county_sits_in_the_city_its_code_says():
    for code in COUNTY_CODES:
        parent = DIVISIONS.set_index("code").loc[code, "parent_code"]
        assert parent == code[:4] + "00" and parent in CITY_CODES


def test_english_names_are_pinyin_with_the_kind():
    table = DIVISIONS.set_index("code")
    assert table.loc["210112", "name_en"] == "Hunnan District"
    assert table.loc["210224", "name_en"] == "Changhai County"
    assert table.loc["211324", "name_en"] == "Harqin Left Wing Mongol Autonomous County"
    assert table["name_en"].str.fullmatch(r"[A-Za-zÜü' ]+").all()


def test_changes_list_the_four_2014_to_2016_reforms_with_approvals():
    assert CHANGES[["former_code", "current_code", "approval", "date"]].values.tolist() == [
        ["210112", "210112", "民函〔2014〕171号", "2014-06-17"],
        ["210282", "210214", "国函〔2015〕187号", "2015-10-13"],
        ["210122", "210115", "国函〔2016〕6号", "2016-01-07"],
        ["211121", "211104", "国函〔2016〕53号", "2016-03-20"],
    ]
    assert set(CHANGES["current_code"]) <= set(COUNTY_CODES)
    assert not set(CHANGES["former_code"]) - {"210112"} & set(COUNTY_CODES)


@pytest.mark.parametrize("query, city, code, matched_by", [
    ("210106", None, "210106", "code"),
    (210106, None, "210106", "code"),
    ("210106000000", None, "210106", "code"),
    ("２１０１０６", None, "210106", "code"),
    ("沈阳市铁西区", None, "210106", "name"),
    ("辽宁省沈阳市铁西区", None, "210106", "name"),
    ("沈阳 铁西区", None, "210106", "name"),
    ("铁西区", "鞍山市", "210303", "name"),
    ("铁西区", "210300", "210303", "name"),
    ("Tiexi District", "Anshan", "210303", "name"),
    ("东陵区", None, "210112", "former_name"),
    ("沈阳市东陵区", None, "210112", "former_name"),
    ("浑南区", None, "210112", "name"),
    ("Hunnan District", None, "210112", "name"),
    ("辽中县", None, "210115", "former_name"),
    ("210122", None, "210115", "former_code"),
    ("普兰店市", None, "210214", "former_name"),
    ("210282", None, "210214", "former_code"),
    ("大洼县", None, "211104", "former_name"),
    ("211121", None, "211104", "former_code"),
    ("清河区", None, "211204", "name"),
    ("清河门区", None, "210905", "name"),
    ("太平区", None, "210904", "name"),
    ("朝阳县", None, "211321", "name"),
    ("朝阳市朝阳县", None, "211321", "name"),
    ("抚顺县", None, "210421", "name"),
    ("义县", None, "210727", "name"),
])
def test_lookup_lands_on_todays_county(query, city, code, matched_by):
    found = resolve_county(query, city=city)
    assert (found.code, found.matched_by) == (code, matched_by)


def test_former_name_carries_a_note_with_the_approval():
    found = resolve_county("辽中县")
    assert "国函〔2016〕6号" in found.note("zh") and "辽中区" in found.note("zh")
    assert "Liaozhong County became Liaozhong District" in found.note("en")
    assert resolve_county("辽中区").note("zh") is None


def test_ambiguous_name_names_both_candidates():
    with pytest.raises(AmbiguousDivisionError) as err:
        resolve_county("铁西区")
    assert {d.code for d in err.value.candidates} == {"210106", "210303"}
    assert "沈阳市铁西区（210106）" in err.value.message("zh")
    assert "鞍山市铁西区（210303）" in err.value.message("zh")
    assert "Anshan" in err.value.message("en") and "Shenyang" in err.value.message("en")


def test_qinghe_is_not_confused_with_qinghemen():
    """清河区 (铁岭) and 清河门区 (阜新) share a prefix; 太平区 is only in 阜新."""
    with pytest.raises(UnknownDivisionError):
        resolve_county("清河区", city="阜新市")
    with pytest.raises(UnknownDivisionError):
        resolve_county("太平区", city="铁岭市")


@pytest.mark.parametrize("query, city", [
    ("abc", None), ("", None), ("999999", None), ("210000", None), ("210100", None),
    ("铁西区", "锦州市"), ("沈阳市铁西区", "鞍山市"), ("210106", "鞍山市"), ("'; DROP TABLE x;--", None),
])
def test_unknown_or_conflicting_input_raises_a_bilingual_error(query, city):
    with pytest.raises(UnknownDivisionError) as err:
        resolve_county(query, city=city)
    assert err.value.message("zh") != err.value.message("en")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message("zh"))


def test_city_lookup_by_code_name_short_name_and_english():
    for query in ("210200", "大连市", "大连", "Dalian", "dalian"):
        assert resolve_city(query).code == "210200"
    with pytest.raises(UnknownDivisionError):
        resolve_city("北京市")
