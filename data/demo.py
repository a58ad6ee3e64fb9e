"""The simulated demonstration data: deterministic, seeded, and labelled as such everywhere.

Until real county reports are imported, the dashboard runs on this. It is made to look
like a province: about 4,300 urban communities and 11,500 villages over the 100 counties
(districts mostly urban, counties mostly rural), about 15 million households in 2011
(the 2010 census counted 14,994,046), five years from the 2011 baseline to 2015, and
places that move at different paces: some cities reach targets early, some lag, and now and
then a whole city slips back on an indicator.

The series are plausible by construction, so that data/quality.py's checks find nothing in
them by chance: a county's communities and villages are drawn evenly (a count follows its
share), shares rise at most MAX_RISE a year, counties of a city are alike (COUNTY_SPREAD),
facilities and centres once built stay (GROWING), and no county slips back alone. Then a few
county-years are made implausible on purpose (PLANTED), so that a fresh install shows the
checks at work; data/quality.py on the demo store finds exactly these, no more (PLANTED
names each county, year, check and subject; docs/method.md lists them too):

  count_fell, 210423 清原满族自治县 Qingyuan, 2014: the 2013 report's service centres, less ten
      (fewer villages with a centre than the year before; back in 2015);
  copied_forward, 210522 桓仁满族自治县 Huanren, 2012: the 2011 report sent again, every value;
  size_change, 210422 新宾满族自治县 Xinbin, 2015: the villages' households 1.4 times the true ones;
  round_values, 210281 瓦房店市 Wafangdian, 2015: every rural centre's square exactly 1000 m²;
  share_rise and outlier, 210302 铁东区 Tiedong (Anshan), 2015: communities with a social
      worker from 51% to 88% in a year, far above the city's other counties too (two warnings
      of one planted anomaly).

None of it is real. The batch it is stored as says so (import_batches.is_simulated).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import catalogue
from data.catalogue import BASE_YEAR, TARGET_YEAR
from data.divisions import COUNTY_CODES, DIVISIONS
from data.standards import RURAL_MIN_AREA_M2, RURAL_MIN_SQUARE_M2, urban_area_required
from geo import RAW_AREAS_PATH

SEED = 20130326  # the date of the opinions
# The demo batch's source, as the import history shows it (both languages: it is a record).
SOURCE_NAME = "模拟演示数据 Simulated demonstration data"
YEARS = tuple(range(BASE_YEAR, TARGET_YEAR + 1))
URBAN_COMMUNITIES = 4300
VILLAGES = 11500
HOUSEHOLDS_2011 = 14_994_046
RURAL_CENTRES_PLANNED = 6180   # reaches the 6000 target in 2015, not before
URBAN_STATIONS_PLANNED = 1040  # reaches the 1000 target in 2015, not before

# City paces: at 1 a county reaches an indicator's goal in 2015; the three fastest reach it
# around 2014, the slowest get half way. Each county varies a little around its city.
CITY_PACES = (1.45, 1.4, 1.35, 1.1, 1.05, 1.0, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.55, 0.5)
COUNTY_PACE_SPREAD = 0.06
FAST_CITY_PACE = 1.3  # faster than this, a city moves early
# Indicators on which one whole city (drawn at random) slips back in 2014-2015, and the
# share of other counties that slip back on each indicator.
CITY_SLIPS = ("rural_standard_ok", "barrier_free", "direct_election")
# Facilities and centres, once built, stay: these shares never slip back (data/quality.py's
# count_fell would rightly doubt a county whose count of them fell).
GROWING = ("urban_facility", "rural_centre")
# The most a county's share moves up in one year (quality's share_rise doubts more than 30 points).
MAX_RISE = 0.2
# Shares of the facilities (not of all units): their draws are spread along the facilities' order.
FACILITY_SHARES = ("urban_area_ok", "rural_standard_ok", "barrier_free", "broadband")
# A county's 2011 share varies around its city's by this much of the indicator's spread:
# counties of one city are alike, and one far from the others is a number to check.
COUNTY_SPREAD = 0.3


@dataclass(frozen=True)
class Trajectory:
    """How an indicator's share moves: 2011 province mean and spread, and the level a
    county at pace 1 reaches in 2015."""
    baseline: float
    spread: float
    goal: float


TRAJECTORIES = {
    "urban_facility": Trajectory(0.80, 0.08, 1.0),
    "rural_centre": Trajectory(0.46, 0.12, 0.86),
    "urban_area_ok": Trajectory(0.58, 0.10, 1.0),
    "rural_standard_ok": Trajectory(0.52, 0.12, 1.0),
    "barrier_free": Trajectory(0.35, 0.10, 1.0),
    "broadband": Trajectory(0.45, 0.12, 0.92),
    "social_worker": Trajectory(0.30, 0.10, 1.0),
    "social_orgs": Trajectory(0.40, 0.12, 1.0),
    "volunteer_teams": Trajectory(0.35, 0.12, 1.0),
    "direct_election": Trajectory(0.55, 0.12, 0.86),
    "party_rate": Trajectory(0.56, 0.08, 0.86),
    "resident_rate": Trajectory(0.14, 0.04, 0.33),
    "registered_rate": Trajectory(0.045, 0.015, 0.11),
    "co_building_rate": Trajectory(0.52, 0.10, 0.86),
    "training": Trajectory(0.62, 0.10, 1.0),
    "e_records": Trajectory(0.30, 0.10, 0.90),
}

URBAN_TOKENS = [
    ("新华", "Xinhua"), ("胜利", "Shengli"), ("民主", "Minzhu"), ("和平", "Heping"), ("光明", "Guangming"),
    ("长青", "Changqing"), ("东风", "Dongfeng"), ("红旗", "Hongqi"), ("建设", "Jianshe"), ("幸福", "Xingfu"),
    ("文化", "Wenhua"), ("友谊", "Youyi"), ("团结", "Tuanjie"), ("繁荣", "Fanrong"), ("兴华", "Xinghua"),
    ("南湖", "Nanhu"), ("滨河", "Binhe"), ("花园", "Huayuan"), ("阳光", "Yangguang"), ("锦绣", "Jinxiu"),
    ("春晖", "Chunhui"), ("紫荆", "Zijing"), ("育才", "Yucai"), ("劳动", "Laodong"), ("工人", "Gongren"),
    ("民安", "Min'an"), ("康乐", "Kangle"), ("永安", "Yong'an"), ("富民", "Fumin"), ("向阳", "Xiangyang"),
    ("青年", "Qingnian"), ("五一", "Wuyi"), ("人民", "Renmin"), ("解放", "Jiefang"), ("西园", "Xiyuan"),
    ("东园", "Dongyuan"), ("北苑", "Beiyuan"), ("南苑", "Nanyuan"), ("翠湖", "Cuihu"), ("金桥", "Jinqiao"),
    ("银河", "Yinhe"), ("新兴", "Xinxing"), ("长江", "Changjiang"), ("黄河", "Huanghe"), ("泰山", "Taishan"),
    ("松山", "Songshan"), ("长白", "Changbai"), ("万泉", "Wanquan"), ("百花", "Baihua"), ("桃源", "Taoyuan"),
    ("丰收", "Fengshou"), ("明珠", "Mingzhu"), ("星光", "Xingguang"), ("北站", "Beizhan"), ("南站", "Nanzhan"),
    ("铁路", "Tielu"), ("站前", "Zhanqian"), ("河畔", "Hepan"), ("公园", "Gongyuan"), ("书院", "Shuyuan"),
]
URBAN_ORDINALS = [("", ""), ("一", " No. 1"), ("二", " No. 2"), ("三", " No. 3"), ("四", " No. 4"),
                  ("五", " No. 5"), ("六", " No. 6")]
SURNAMES = [
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("赵", "Zhao"),
    ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"),
    ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"), ("林", "Lin"), ("罗", "Luo"), ("郑", "Zheng"),
    ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"), ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"),
    ("邓", "Deng"), ("曹", "Cao"), ("彭", "Peng"), ("曾", "Zeng"), ("肖", "Xiao"), ("田", "Tian"), ("董", "Dong"),
    ("潘", "Pan"), ("袁", "Yuan"), ("于", "Yu"), ("蒋", "Jiang"), ("蔡", "Cai"), ("姜", "Jiang"), ("魏", "Wei"),
    ("吕", "Lü"), ("丁", "Ding"), ("沈", "Shen"), ("任", "Ren"), ("姚", "Yao"), ("卢", "Lu"), ("崔", "Cui"),
    ("钟", "Zhong"), ("谭", "Tan"), ("陆", "Lu"), ("范", "Fan"), ("金", "Jin"), ("石", "Shi"), ("廖", "Liao"),
]
VILLAGE_SUFFIXES = [("家", "jia"), ("家屯", "jiatun"), ("家沟", "jiagou"), ("家堡", "jiabao"),
                    ("家岭", "jialing"), ("家店", "jiadian"), ("家台", "jiatai"), ("家窝堡", "jiawopu")]
VILLAGE_PREFIXES = [("", ""), ("东", "East "), ("西", "West "), ("前", "Front "), ("后", "Back ")]


@dataclass
class DemoData:
    units: pd.DataFrame            # id, kind, name, name_en, county_code
    unit_years: pd.DataFrame       # unit_id, year, and the columns of store.UNIT_YEAR_COLUMNS
    county_years: pd.DataFrame     # county_code, year, rural_centers_built, urban_stations_built, ...
    province_years: pd.DataFrame   # year, training_base_established
    seed: int


def _allocate(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `weights` that add up to `total` (largest remainder)."""
    exact = weights / weights.sum() * total
    whole = np.floor(exact).astype(int)
    short = total - whole.sum()
    whole[np.argsort(-(exact - whole), kind="stable")[:short]] += 1
    return whole


def _county_table(rng: np.random.Generator) -> pd.DataFrame:
    """Per county: kind, area, pace, timing, and how many urban communities and villages."""
    table = DIVISIONS[DIVISIONS["code"].isin(COUNTY_CODES)].set_index("code")[["kind", "parent_code"]].copy()
    areas = pd.read_csv(RAW_AREAS_PATH, dtype={"code": str}).set_index("code")["raw_area_km2"]
    table["area"] = areas[table.index]
    cities = sorted(table["parent_code"].unique())
    paces = dict(zip(cities, rng.permutation(CITY_PACES)))
    table["city_pace"] = table["parent_code"].map(paces)
    table["pace"] = table["city_pace"] * rng.lognormal(0.0, COUNTY_PACE_SPREAD, len(table))
    # The curve's exponent: <1 moves early, >1 starts late. Fast cities move early.
    table["timing"] = np.where(table["city_pace"] > FAST_CITY_PACE, rng.uniform(0.7, 0.9, len(table)),
                               rng.uniform(0.8, 1.3, len(table)))

    district = table["kind"] == "district"
    urban_w = np.where(district, np.where(table["area"] < 150, 60.0, 32.0),
                       np.where(table["kind"] == "county-level city", 20.0, 11.0))
    rural_w = np.where(district, np.clip(table["area"] - 120.0, 0, None) * 0.035,
                       table["area"] ** 0.85 * 0.12)
    table["n_urban"] = _allocate(urban_w * rng.lognormal(0, 0.2, len(table)), URBAN_COMMUNITIES)
    table["n_rural"] = _allocate(rural_w * rng.lognormal(0, 0.15, len(table)), VILLAGES)
    return table


def _names(kind: str, n: int, rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """n distinct (Chinese, English) names for one county's urban communities or villages:
    新华二社区 / Xinhua No. 2 Community; 东王家屯村 / East Wangjiatun Village."""
    if kind == "urban":
        pool = [(t + o + "社区", te + oe + " Community") for o, oe in URBAN_ORDINALS for t, te in URBAN_TOKENS]
    else:
        pool = [(p + s + x + "村", pe + s_en + x_en + " Village")
                for p, pe in VILLAGE_PREFIXES for s, s_en in SURNAMES for x, x_en in VILLAGE_SUFFIXES]
    picks = rng.choice(len(pool), size=n, replace=False)
    return [pool[i][0] for i in picks], [pool[i][1] for i in picks]


def _progress(table: pd.DataFrame, traj: Trajectory, rng: np.random.Generator,
              city_slips: bool = False, grows: bool = False) -> np.ndarray:
    """County x year share for one indicator: baseline, then toward the goal at each
    county's pace and timing, rising at most MAX_RISE a year; a few counties (now and then a
    whole city) fall back in 2014-2015, unless the share only grows."""
    n = len(table)
    city_effect = (table["city_pace"].to_numpy() - 0.9) * traj.spread
    baseline = np.clip(traj.baseline + city_effect + np.clip(rng.normal(0, 1, n), -1.5, 1.5) * traj.spread * COUNTY_SPREAD, 0.01, traj.goal * 0.97)
    pace = table["pace"].to_numpy()
    timing = table["timing"].to_numpy()
    years = np.array(YEARS)
    s = ((years - BASE_YEAR) / (TARGET_YEAR - BASE_YEAR))[None, :] ** timing[:, None]
    share = baseline[:, None] + (traj.goal - baseline)[:, None] * np.minimum(1.0, pace[:, None] * s)
    for y in range(1, len(years)):
        share[:, y] = np.minimum(share[:, y], share[:, y - 1] + MAX_RISE)
    if city_slips and not grows:
        # A whole city falls back in 2014-2015. A county alone does not: while its city's other
        # counties move on, one falling back is soon 15 points or more from them, which is a
        # number to check (quality's outlier), not a trend; the planted anomalies are those.
        # Not one of the fast cities, which reach their goals early and hold them.
        cities = sorted(table.loc[table["city_pace"] < FAST_CITY_PACE, "parent_code"].unique())
        city = (table["parent_code"] == rng.choice(cities)).to_numpy()
        fall = rng.uniform(0.05, 0.14, n)
        share[city, 3:] = share[city, 2][:, None] - fall[city, None] * np.array([0.6, 1.0])
    return np.clip(share, 0.0, 1.0)


_GOLDEN = (np.sqrt(5) - 1) / 2


def _stratified(groups: np.ndarray, rng: np.random.Generator, order: np.ndarray | None = None) -> np.ndarray:
    """One draw in [0, 1) per unit, spread evenly within each group (a county's urban
    communities, its villages), so that a county's count follows its share without the
    sampling noise of independent draws (which, over 10-40 units, moved a share by 10-15
    points a year and made it look doubtful). The draws are a golden-ratio sequence along
    `order` (random if None): every first k units in that order are spread evenly too, so a
    share of the units that have a facility (the first in the facility draw's order) is as
    steady as a share of all."""
    draws = np.empty(len(groups))
    key = rng.random(len(groups)) if order is None else order
    for group in np.unique(groups):
        where = np.flatnonzero(groups == group)
        ranked = where[np.argsort(key[where], kind="stable")]
        draws[ranked] = (rng.random() + np.arange(len(where)) * _GOLDEN) % 1.0
    return draws


def generate(seed: int = SEED) -> DemoData:
    """The whole demonstration dataset, the same for the same seed."""
    rng = np.random.default_rng(seed)
    counties = _county_table(rng)

    unit_rows = []
    for code, row in counties.iterrows():
        for kind, n in (("urban", row["n_urban"]), ("rural", row["n_rural"])):
            zh, en = _names(kind, int(n), rng)
            prefix = "U" if kind == "urban" else "R"
            for i in range(int(n)):
                unit_rows.append((f"{code}{prefix}{i + 1:04d}", kind, zh[i], en[i], code))
    units = pd.DataFrame(unit_rows, columns=["id", "kind", "name", "name_en", "county_code"])
    n_units = len(units)
    urban = (units["kind"] == "urban").to_numpy()
    county_index = counties.index.get_indexer(units["county_code"])

    # Households: urban communities ~2,300, villages ~420, scaled to the 2011 total.
    hh = np.where(urban, rng.lognormal(np.log(2300), 0.45, n_units), rng.lognormal(np.log(420), 0.5, n_units))
    hh = np.where(urban, np.clip(hh, 300, 9000), np.clip(hh, 60, 2000))
    hh *= HOUSEHOLDS_2011 / hh.sum()
    persons_per_household = rng.uniform(2.5, 3.1, n_units)
    growth = np.where(urban, 1.006, 0.996) * rng.normal(1.0, 0.004, n_units)

    shares = {name: _progress(counties, traj, rng, city_slips=name in CITY_SLIPS, grows=name in GROWING)
              for name, traj in TRAJECTORIES.items()}
    groups = county_index * 2 + urban
    latent = {name: _stratified(groups, rng) for name in TRAJECTORIES}
    # The standards and equipment of a facility are shares of the units that have one.
    facility_order = np.where(urban, latent["urban_facility"], latent["rural_centre"])
    for name in FACILITY_SHARES:
        latent[name] = _stratified(groups, rng, order=facility_order)
    offsets = {name: rng.normal(0, 0.07, n_units) for name in ("party_rate", "resident_rate", "co_building_rate")}
    offsets["registered_rate"] = rng.normal(0, 0.025, n_units)

    area_factor_ok = 1.0 + np.abs(rng.normal(0.22, 0.18, n_units))
    area_factor_short = rng.uniform(0.55, 0.97, n_units)
    rural_fails_area = rng.random(n_units) < 0.45
    square_ok = rng.uniform(1000, 2600, n_units).round(-1)
    square_short = rng.uniform(450, 990, n_units).round(-1)
    party_share = rng.uniform(0.04, 0.08, n_units)
    staff = np.where(urban, 6 + rng.poisson(5, n_units), 2 + rng.poisson(2, n_units))
    resident_units = np.where(urban, 2 + rng.poisson(10, n_units), rng.poisson(1.2, n_units))
    extra_workers = rng.poisson(0.6, n_units)
    orgs_ok, orgs_short = 5 + rng.poisson(2.5, n_units), rng.integers(0, 5, n_units)
    teams_ok, teams_short = 5 + rng.poisson(2.0, n_units), rng.integers(0, 5, n_units)
    trained_short = rng.uniform(0.4, 0.95, n_units)

    frames = []
    for y_i, year in enumerate(YEARS):
        def has(name: str) -> np.ndarray:
            return latent[name] < shares[name][county_index, y_i]

        def rate(name: str) -> np.ndarray:
            return np.clip(shares[name][county_index, y_i] + offsets[name], 0.0, 1.0)

        households = np.round(hh * growth ** y_i).astype(int)
        residents = np.round(households * persons_per_household).astype(int)
        facility = np.where(urban, has("urban_facility"), has("rural_centre"))
        required = urban_area_required(households)
        urban_ok = has("urban_area_ok")
        rural_ok = has("rural_standard_ok")
        area = np.where(urban,
                        np.where(urban_ok, np.ceil(required * area_factor_ok), np.floor(required * area_factor_short)),
                        np.where(rural_ok | ~rural_fails_area, np.ceil(RURAL_MIN_AREA_M2 * area_factor_ok),
                                 np.floor(RURAL_MIN_AREA_M2 * area_factor_short)))
        square = np.where(urban, np.nan, np.where(rural_ok | rural_fails_area & (latent["rural_standard_ok"] < 0.7),
                                                   square_ok, square_short))
        # A rural centre that fails neither part by the draws above still fails one: the square.
        rural_both_ok = (area >= RURAL_MIN_AREA_M2) & (square >= RURAL_MIN_SQUARE_M2)
        square = np.where(~urban & ~rural_ok & rural_both_ok, square_short, square)
        party = np.maximum(1, np.round(residents * party_share)).astype(int)
        trained = np.where(has("training"), staff, np.minimum(staff - 1, np.floor(staff * trained_short))).astype(int)
        frames.append(pd.DataFrame({
            "unit_id": units["id"], "year": year,
            "households": households, "residents": residents,
            "has_facility": facility,
            "facility_area_m2": np.where(facility, area, np.nan),
            "square_area_m2": np.where(facility & ~urban, square, np.nan),
            "barrier_free": np.where(facility, has("barrier_free"), None),
            "broadband": np.where(facility, has("broadband"), None),
            "social_workers": np.where(has("social_worker"), 1 + extra_workers, 0),
            "social_organisations": np.where(has("social_orgs"), orgs_ok, orgs_short),
            "volunteer_teams": np.where(has("volunteer_teams"), teams_ok, teams_short),
            "registered_volunteers": np.round(residents * rate("registered_rate")).astype(int),
            "resident_volunteers": np.round(residents * rate("resident_rate")).astype(int),
            "party_members": party,
            "party_member_volunteers": np.round(party * rate("party_rate")).astype(int),
            "election_type": np.where(urban, np.where(has("direct_election"), "direct", "indirect"), None),
            "resident_units": resident_units,
            "co_building_units": np.round(resident_units * rate("co_building_rate")).astype(int),
            "staff": staff, "staff_trained": trained,
            "e_records": has("e_records"),
        }))
    unit_years = pd.concat(frames, ignore_index=True)

    county_years = _county_years(counties, rng)
    _plant(units, unit_years, county_years)
    province_years = pd.DataFrame({"year": list(YEARS),
                                   "training_base_established": [y >= 2015 for y in YEARS]})
    return DemoData(units=units, unit_years=unit_years, county_years=county_years,
                    province_years=province_years, seed=seed)


def _county_years(counties: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Centres and stations built per county and year, platforms and hotline by year."""
    years = np.array(YEARS)
    step = (years - BASE_YEAR + 1) / len(years)
    # Early movers build sooner: the cumulative curve is step ** timing.
    curve = step[None, :] ** counties["timing"].to_numpy()[:, None]
    flows = np.diff(np.concatenate([np.zeros((len(counties), 1)), curve], axis=1), axis=1)
    pace = counties["pace"].to_numpy()[:, None]
    rural = _allocate((counties["n_rural"].to_numpy()[:, None] * pace * flows).ravel() + 1e-9,
                      RURAL_CENTRES_PLANNED).reshape(flows.shape)
    urban = _allocate((counties["n_urban"].to_numpy()[:, None] * pace * flows).ravel() + 1e-9,
                      URBAN_STATIONS_PLANNED).reshape(flows.shape)
    platform_year = np.where(counties["pace"] > 0.75, rng.integers(2012, 2016, len(counties)),
                             rng.integers(2014, 2018, len(counties)))
    hotline_year = np.where(counties["pace"] > 0.9, 2014, 2015)
    rows = []
    for c_i, code in enumerate(counties.index):
        for y_i, year in enumerate(YEARS):
            rows.append((code, year, int(rural[c_i, y_i]), int(urban[c_i, y_i]),
                         bool(year >= platform_year[c_i]), bool(year >= hotline_year[c_i])))
    return pd.DataFrame(rows, columns=["county_code", "year", "rural_centers_built", "urban_stations_built",
                                       "info_platform", "unified_hotline"])


@dataclass(frozen=True)
class Anomaly:
    """A county-year made implausible on purpose, and the warning data/quality.py raises for it."""
    county: str
    year: int
    check: str      # one of data.quality.CHECKS
    subject: str    # as data.quality names it: an indicator id, a size, "report", a field.kind


# The indicators the planted shares are of, found in the catalogue (which alone names them): the
# one counting villages with a centre, and the one counting communities with a social worker.
VILLAGE_CENTRES = next(i.id for i in catalogue.INDICATORS if i.numerator_only_grows and i.scope
                       and i.scope["en"] == "villages")
SOCIAL_WORKERS = next(i.id for i in catalogue.INDICATORS if catalogue.SOCIAL_WORKERS in i.worklist_columns)

PLANTED = (
    Anomaly("210423", 2014, "count_fell", VILLAGE_CENTRES),
    Anomaly("210522", 2012, "copied_forward", "report"),
    Anomaly("210422", 2015, "size_change", "households"),
    Anomaly("210281", 2015, "round_values", "square_area_m2.rural"),
    Anomaly("210302", 2015, "share_rise", SOCIAL_WORKERS),
    Anomaly("210302", 2015, "outlier", SOCIAL_WORKERS),
)
PLANTED_LOST_CENTRES = 10
PLANTED_HOUSEHOLDS_FACTOR = 1.4
PLANTED_SOCIAL_WORKER_SHARE = 0.88


def _plant(units: pd.DataFrame, unit_years: pd.DataFrame, county_years: pd.DataFrame) -> None:
    """Make PLANTED's county-years implausible, in place (the module's docstring says how)."""
    kind = unit_years["unit_id"].map(units.set_index("id")["kind"])
    county = unit_years["unit_id"].map(units.set_index("id")["county_code"])
    year = unit_years["year"]
    where = {a.check: (a.county, a.year) for a in PLANTED}

    def rows(check, unit_kind=None, years_before=0):
        code, y = where[check]
        mask = (county == code) & (year == y - years_before)
        return unit_years.index[mask & (kind == unit_kind) if unit_kind else mask]

    def record(check, years_before=0):
        code, y = where[check]
        return county_years.index[(county_years["county_code"] == code) & (county_years["year"] == y - years_before)]

    facility = unit_years["has_facility"].astype(bool)
    # count_fell: the year's report has the centres of the year before, less some.
    now, before = rows("count_fell", "rural"), rows("count_fell", "rural", 1)
    kept = facility.loc[before].to_numpy().copy()
    kept[np.flatnonzero(kept)[:PLANTED_LOST_CENTRES]] = False
    lost = now[facility.loc[now].to_numpy() & ~kept]
    unit_years.loc[lost, "has_facility"] = False
    unit_years.loc[lost, ["facility_area_m2", "square_area_m2"]] = np.nan
    unit_years.loc[lost, ["barrier_free", "broadband"]] = None
    # copied_forward: the year's report is the year before's, every unit's values and the county's own record.
    values = [c for c in unit_years.columns if c not in ("unit_id", "year")]
    unit_years.loc[rows("copied_forward"), values] = unit_years.loc[rows("copied_forward", years_before=1),
                                                                    values].to_numpy()
    fields = [c for c in county_years.columns if c not in ("county_code", "year")]
    county_years.loc[record("copied_forward"), fields] = county_years.loc[record("copied_forward", 1),
                                                                          fields].to_numpy()
    # size_change: the villages' households inflated (the residents as before).
    villages = rows("size_change", "rural")
    unit_years.loc[villages, "households"] = np.round(unit_years.loc[villages, "households"]
                                                      * PLANTED_HOUSEHOLDS_FACTOR).astype(int)
    # round_values: every rural centre's square written as the document's 1000 m².
    centres = rows("round_values", "rural")
    unit_years.loc[centres[facility.loc[centres].to_numpy()], "square_area_m2"] = float(RURAL_MIN_SQUARE_M2)
    # share_rise (and outlier): social workers reported in far more communities than a year before.
    every = rows("share_rise")
    without = every[unit_years.loc[every, "social_workers"].to_numpy() == 0]
    more = int(round(PLANTED_SOCIAL_WORKER_SHARE * len(every))) - (len(every) - len(without))
    unit_years.loc[without[:max(0, more)], "social_workers"] = 1
