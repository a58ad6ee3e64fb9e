"""The 通报 (circular) as Word: a draft in the layout of GB/T 9704-2012 (党政机关公文格式), from
the store and the catalogue, in Chinese or English.

    /download/circular.docx?year=&lang=

Layout (GB/T 9704-2012, 5.2 and 7): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right
26 mm (a text block of 156 × 225 mm); body in 3号 (16 pt) 仿宋, 22 lines of 28 characters (the
section's w:docGrid, linesAndChars, with its line pitch and character spacing); the title in 2号
(22 pt) 小标宋; headings 一、 in 黑体 and （一） in 楷体; the page number "— 1 —" in 4号 (14 pt)
宋体 under the text block, right on odd pages and left on even ones, a character in from the
edge. The East Asian font of every run is set (w:eastAsia), and the font table names the font
Word falls back to on a PC without the 方正 or _GB2312 fonts (w:altName).

Content, all from the store and the catalogue (data.queries, data.catalogue, data.progress):
the year and the data's basis; how many of the quantified goals are achieved, on track or
behind, with the province's value against each target and its clause; the cities ranked on
each headline goal; a red list (limited progress, deteriorating) and a yellow list (needs
acceleration) of cities and counties per goal; an annex of every county on the headline
goals. Nothing is invented: the next steps (下一步工作要求), the date and the document number are
left to the drafter, marked. While any county-year the circular rests on (the year and the 2011
baseline) is simulated, the first page and every page's header say so in red.

circular_content() gathers the numbers (the tests read them back from the .docx); build()
writes the document.
"""
from __future__ import annotations

import io
import math
from xml.sax.saxutils import escape
from dataclasses import dataclass, field

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsmap, qn
from docx.shared import Mm, Pt, RGBColor

from data import catalogue, progress, queries
from data.catalogue import BASE_YEAR, Indicator
from data.divisions import CITY_CODES, COUNTY_CODES, division
from data.formatting import format_value, status_label, target_text
from data.i18n import t
from data.progress import missing
from data import provenance

# ---------------------------------------------------------------------- GB/T 9704-2012
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, TABLE_PT, HEADER_PT = 16, 22, 14, 10.5, 10.5
# The text block is 156 x 225 mm: 28 characters of 156/28 mm, 22 lines of 225/22 mm. Word keeps
# the line pitch in twips and the character spacing as the 4096ths of a point by which a
# character's pitch differs from the body's size; both are rounded down so that 28 and 22 fit.
_TEXT_WIDTH_PT = (210 - 28 - 26) / 25.4 * 72
_TEXT_HEIGHT_PT = (297 - 37 - 35) / 25.4 * 72
LINE_PITCH_TWIPS = math.floor(_TEXT_HEIGHT_PT / LINES * 20)               # 579
CHAR_SPACE = math.floor((_TEXT_WIDTH_PT / CHARS - BODY_PT) * 4096)        # -848
# The fonts of a Chinese office PC: the standard's names first, each with the font Word uses
# when that one is missing (Windows has had 仿宋, 楷体, 黑体 and 宋体 since Vista).
TITLE_FONT, BODY_FONT, HEI_FONT, KAI_FONT, SONG_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", KAI_FONT: "楷体"}
LATIN_FONT = "Times New Roman"
RED = RGBColor(0xC0, 0x00, 0x00)
# The two lists: what a unit's status must be to be named on each.
RED_STATUSES = ("limited_progress", "deteriorating")
YELLOW_STATUSES = ("needs_acceleration",)
BEHIND_STATUSES = ("needs_acceleration", "limited_progress", "deteriorating")


# ---------------------------------------------------------------------- content
@dataclass
class GoalRow:
    """A quantified goal at the province: its value against the target."""
    indicator: Indicator
    value: float | None
    status: str


@dataclass
class Ranked:
    """One headline goal's cities, best first: (rank, code, value, status)."""
    indicator: Indicator
    rows: list[tuple[int | None, str, float | None, str]]


@dataclass
class Lagging:
    """One goal's units on a list: city codes and county codes, in the divisions' order."""
    indicator: Indicator
    cities: list[str]
    counties: list[str]


@dataclass
class CircularContent:
    year: int
    lang: str
    simulated: bool
    source: str
    as_of: str
    goals: list[GoalRow]
    ranked: list[Ranked]
    red: list[Lagging]
    yellow: list[Lagging]
    # every county: code -> {indicator id: (value, status)} on the headline goals
    annex: dict[str, dict[str, tuple[float | None, str]]] = field(default_factory=dict)

    def count(self, *statuses: str) -> int:
        return sum(1 for g in self.goals if g.status in statuses)


def rests_on_simulated(store, years) -> bool:
    """True while any county-year of `years` that is shown comes from a simulated batch."""
    by_year = store.simulated_part().by_year
    return any(by_year.get(y, (0, 0))[0] for y in years)


def _values(store, ind: Indicator, level: str, year: int):
    return queries.values(store, ind.id, level, year).set_index("code")


def _lagging(store, year: int, statuses) -> list[Lagging]:
    out = []
    for ind in catalogue.QUANTIFIED:
        cities = counties = []
        if ind.target_at("city") is not None:
            frame = _values(store, ind, "city", year)
            cities = [c for c in CITY_CODES if frame.loc[c, "status"] in statuses]
        if ind.target_at("county") is not None:
            frame = _values(store, ind, "county", year)
            counties = [c for c in COUNTY_CODES if frame.loc[c, "status"] in statuses]
        if cities or counties:
            out.append(Lagging(ind, cities, counties))
    return out


def circular_content(store, year: int, lang: str) -> CircularContent:
    """Every number the circular shows, for `year` (a year the store has)."""
    goals = []
    for ind in catalogue.QUANTIFIED:
        row = _values(store, ind, "province", year).iloc[0]
        goals.append(GoalRow(ind, None if missing(row["value"]) else float(row["value"]), row["status"]))
    ranked = []
    for ind in catalogue.HEADLINE:
        frame = _values(store, ind, "city", year).reset_index()
        frame = frame.assign(known=frame["value"].notna()).sort_values(
            ["known", "value", "code"], ascending=[False, False, True])
        ranks = frame["value"].rank(ascending=False, method="min")
        ranked.append(Ranked(ind, [(None if missing(r) else int(r), c, None if missing(v) else float(v), s)
                                   for r, c, v, s in zip(ranks, frame["code"], frame["value"], frame["status"])]))
    annex: dict[str, dict] = {c: {} for c in COUNTY_CODES}
    for ind in catalogue.HEADLINE:
        frame = _values(store, ind, "county", year)
        for c in COUNTY_CODES:
            v = frame.loc[c, "value"]
            annex[c][ind.id] = (None if missing(v) else float(v), frame.loc[c, "status"])
    part = store.simulated_part()
    return CircularContent(
        year=year, lang=lang, simulated=rests_on_simulated(store, {BASE_YEAR, year}),
        source=provenance.source_text(part, lang), as_of=provenance.as_of_text(store, lang, part),
        goals=goals, ranked=ranked, red=_lagging(store, year, RED_STATUSES),
        yellow=_lagging(store, year, YELLOW_STATUSES), annex=annex)


# ---------------------------------------------------------------------- names
def city_name(code: str, lang: str) -> str:
    return division(code).label(lang)


def grouped_counties(codes: list[str], lang: str) -> str:
    """沈阳市：铁西区、和平区；大连市：… — counties by city, so that a name is never ambiguous."""
    by_city: dict[str, list[str]] = {}
    for code in codes:
        d = division(code)
        by_city.setdefault(d.parent_code, []).append(d.label(lang))
    sep, colon = t("list.separator", lang), t("punct.colon", lang)
    return t("list.sep", lang).join(f"{city_name(city, lang)}{colon}{sep.join(names)}"
                                   for city, names in by_city.items())


# ---------------------------------------------------------------------- the docx
def _fonts(rpr, east_asian: str, latin: str = LATIN_FONT) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _run(paragraph, text: str, font: str = BODY_FONT, size: float = BODY_PT, *, bold: bool = False,
         colour: RGBColor | None = None, highlight: bool = False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    if highlight:
        shading = OxmlElement("w:highlight")
        shading.set(qn("w:val"), "yellow")
        run._r.get_or_add_rPr().append(shading)
    _fonts(run._r.get_or_add_rPr(), font)
    return run


def _no_grid(paragraph) -> None:
    """Table cells, headers and footers keep their own line height, off the body's grid."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().append(snap)


def _single(paragraph, before: float = 0, after: float = 0) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing, fmt.space_before, fmt.space_after = 1.0, Pt(before), Pt(after)
    fmt.first_line_indent = Pt(0)
    _no_grid(paragraph)


def _body(doc, text: str = "", *, indent: bool = True, align=None):
    p = doc.add_paragraph()
    if not indent:
        p.paragraph_format.first_line_indent = Pt(0)
    if align is not None:
        p.alignment = align
    if text:
        _run(p, text)
    return p


def _heading(doc, text: str, level: int):
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = True
    _run(p, text, HEI_FONT if level == 1 else KAI_FONT)
    return p


def _page_number(paragraph) -> None:
    """"— 1 —": a PAGE field between em dashes, 4号 宋体."""
    def field_char(kind: str):
        run = _run(paragraph, "", SONG_FONT, PAGE_NUMBER_PT)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
    _run(paragraph, "— ", SONG_FONT, PAGE_NUMBER_PT)
    field_char("begin")
    instr = _run(paragraph, "", SONG_FONT, PAGE_NUMBER_PT)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    instr._r.append(code)
    field_char("separate")
    _run(paragraph, "1", SONG_FONT, PAGE_NUMBER_PT)
    field_char("end")
    _run(paragraph, " —", SONG_FONT, PAGE_NUMBER_PT)


def _setup(doc, c: CircularContent) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))

    # The document's defaults are the body's: Word and LibreOffice measure the character grid
    # from the default size.
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        defaults.find(qn(tag)).set(qn("w:val"), str(BODY_PT * 2))
    for attr in list(defaults.find(qn("w:rFonts")).attrib):
        del defaults.find(qn("w:rFonts")).attrib[attr]
    _fonts(defaults, BODY_FONT)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), "zh-CN" if c.lang == "zh" else "en-GB")
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang_el)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(LINE_PITCH_TWIPS / 20)  # exactly the grid's pitch: 22 lines
    fmt.first_line_indent = Pt(2 * BODY_PT)       # two characters
    fmt.widow_control = False
    pPr = normal.element.get_or_add_pPr()
    chars = OxmlElement("w:ind")
    chars.set(qn("w:firstLineChars"), "200")
    chars.set(qn("w:firstLine"), str(2 * BODY_PT * 20))
    old = pPr.find(qn("w:ind"))
    if old is not None:
        pPr.remove(old)
    pPr.append(chars)
    justify = OxmlElement("w:jc")
    justify.set(qn("w:val"), "both")
    pPr.append(justify)

    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        p = footer.paragraphs[0]
        _single(p)
        p.alignment = align
        if side == "right":
            p.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            p.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
        _page_number(p)
    for header in (section.header, section.even_page_header):
        p = header.paragraphs[0]
        _single(p)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if c.simulated:
            _run(p, t("circular.simulated", c.lang), HEI_FONT, HEADER_PT, bold=True, colour=RED)

    props = doc.core_properties
    props.title = t("circular.title", c.lang, year=c.year)
    props.author = props.last_modified_by = t("app.title", c.lang)
    props.subject = t("circular.subject", c.lang)
    props.language = "zh-CN" if c.lang == "zh" else "en-GB"
    props.comments = t("circular.simulated", c.lang) if c.simulated else ""
    _font_table(doc)


def _font_table(doc) -> None:
    """Name each font with the one Word falls back to (w:altName), as GB2312 fonts (charset 86)."""
    from lxml import etree
    part = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name in (TITLE_FONT, BODY_FONT, HEI_FONT, KAI_FONT, SONG_FONT):
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        if name in FALLBACKS:
            alt = etree.SubElement(font, qn("w:altName"))
            alt.set(qn("w:val"), FALLBACKS[name])
        for tag, val in (("w:charset", "86"), ("w:family", "modern" if name == HEI_FONT else "roman"),
                         ("w:pitch", "variable")):
            el = etree.SubElement(font, qn(tag))
            el.set(qn("w:val"), val)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _placeholder(doc, text: str):
    """A place the drafter writes: bracketed, red and highlighted, so that it cannot be missed."""
    p = _body(doc)
    _run(p, f"【{text}】", BODY_FONT, BODY_PT, bold=True, colour=RED, highlight=True)
    return p


def _cell_xml(text: str, width_twips: int, font: str, align: str, keep: bool = False) -> str:
    size = int(TABLE_PT * 2)
    keep_next = "<w:keepNext/>" if keep else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr>{keep_next}<w:snapToGrid w:val="0"/><w:spacing w:before="20" w:after="20" w:line="240" '
            f'w:lineRule="auto"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="{align}"/></w:pPr>'
            f'<w:r><w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}" '
            f'w:eastAsia="{font}" w:hint="eastAsia"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>')


def _table(doc, header: list[str], rows: list[list[str]], widths_mm: list[float], *, align_right=(),
           together: bool = False):
    """A ruled table, 五号 (10.5 pt), off the body's grid; the header row (黑体) repeats on every
    page and no row breaks across pages (`together`: the whole table on one page). Rows are written as XML: python-docx's add_row() copies
    the table's cells each time, and the annex has a hundred rows."""
    table = doc.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [int(Mm(w).twips) for w in widths_mm]
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))
    ns = f'xmlns:w="{nsmap["w"]}"'
    head = "".join(_cell_xml(text, w, HEI_FONT, "center", True) for text, w in zip(header, widths))
    table._tbl.append(parse_xml(f'<w:tr {ns}><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>'))
    for n, row in enumerate(rows, 1):
        keep = together and n < len(rows)
        cells = "".join(_cell_xml(text, w, BODY_FONT, "right" if i in align_right else "left", keep)
                        for i, (text, w) in enumerate(zip(row, widths)))
        table._tbl.append(parse_xml(f'<w:tr {ns}><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>'))
    return table


def _caption(doc, text: str):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.keep_with_next = True
    _run(p, text, HEI_FONT, BODY_PT - 2)
    return p


def _annex_heading(doc, lang: str, n: int, title: str) -> None:
    """A new page: "附件1" in 黑体 at the left, then the annex's title in 小标宋 (GB/T 9704 8.5)."""
    _body(doc, indent=False).add_run().add_break(WD_BREAK.PAGE)
    _run(_body(doc, indent=False), t("circular.annex_n", lang, n=n), HEI_FONT)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.keep_with_next = True
    _run(p, title, TITLE_FONT, TITLE_PT)
    _body(doc, indent=False)


def _after_table(doc):
    p = _body(doc, indent=False)
    p.paragraph_format.line_spacing = Pt(LINE_PITCH_TWIPS / 40)
    return p


def value_text(ind: Indicator, value, lang: str, level: str) -> str:
    return format_value(value, ind, lang, level)


def build(store, year: int, lang: str) -> bytes:
    """The circular for `year` in `lang`, as .docx bytes."""
    return render(circular_content(store, year, lang))


def render(c: CircularContent) -> bytes:
    lang, year = c.lang, c.year
    doc = Document()
    _setup(doc, c)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:
        body._p.getparent().remove(body._p)

    if c.simulated:
        p = _body(doc, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        _run(p, t("circular.simulated", lang), HEI_FONT, BODY_PT, bold=True, colour=RED)
        p = _body(doc, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        _run(p, t("badge.simulated_help", lang), BODY_FONT, BODY_PT - 2, colour=RED)
        _single(p, 0, 6)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    _body(doc, indent=False)  # a blank line above the title, as under a letterhead
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    _run(title, t("circular.title", lang, year=year), TITLE_FONT, TITLE_PT)
    _body(doc, indent=False)
    _body(doc, t("circular.addressee", lang), indent=False)
    _body(doc, t("circular.opening", lang, year=year))

    # 一、the data and how they are read
    _heading(doc, t("circular.h_basis", lang), 1)
    _body(doc, t("circular.basis", lang, year=year, base=BASE_YEAR, source=c.source, as_of=c.as_of))
    _body(doc, t("circular.method", lang, base=BASE_YEAR, on_track=round(progress.ON_TRACK * 100),
                 needs=round(progress.NEEDS_ACCELERATION * 100)))

    # 二、overall progress
    _heading(doc, t("circular.h_overall", lang), 1)
    behind = c.count(*BEHIND_STATUSES)
    counts = dict(total=len(c.goals), achieved=c.count("achieved"), on_track=c.count("on_track"), behind=behind,
                  needs=c.count("needs_acceleration"), limited=c.count("limited_progress"),
                  deteriorating=c.count("deteriorating"))
    text = t("circular.overall", lang, year=year, **counts)
    unknown = len(c.goals) - counts["achieved"] - counts["on_track"] - behind
    if unknown:
        text += t("circular.overall_unknown", lang, n=unknown)
    _body(doc, text + t("circular.overall_table", lang))
    _caption(doc, t("circular.table_goals", lang, n=1, year=year))
    rows = [[str(i), g.indicator.name[lang], target_text(g.indicator, "province", lang),
             value_text(g.indicator, g.value, lang, "province"), status_label(g.status, lang, g.indicator),
             f"{g.indicator.clause_section}“{g.indicator.clause}”"]
            for i, g in enumerate(c.goals, 1)]
    _table(doc, [t("circular.col_no", lang), t("download.indicator", lang), t("circular.col_target", lang),
                 t("circular.col_province", lang, year=year), t("map.status", lang), t("download.clause", lang)],
           rows, [10, 42, 18, 20, 20, 46], align_right=(3,))
    _after_table(doc)

    # 三、the cities ranked
    _heading(doc, t("circular.h_ranked", lang), 1)
    _body(doc, t("circular.ranked", lang, n=len(CITY_CODES), k=len(c.ranked)))
    _caption(doc, t("circular.table_ranked", lang, n=2, year=year))
    header = [r.indicator.short[lang] for r in c.ranked]
    table_rows = []
    for i in range(len(CITY_CODES)):
        line = []
        for r in c.ranked:
            rank, code, value, _ = r.rows[i]
            line.append(f"{'—' if rank is None else rank}  {city_name(code, lang)}  "
                        f"{value_text(r.indicator, value, lang, 'city')}")
        table_rows.append(line)
    _table(doc, header, table_rows, [156 / len(header)] * len(header), together=True)
    _after_table(doc)

    # 四、the places that lag: the cities here, the counties in annex 1
    _heading(doc, t("circular.h_lagging", lang), 1)
    _body(doc, t("circular.lagging", lang))
    for n, (key, lists) in enumerate((("circular.h_red", c.red), ("circular.h_yellow", c.yellow)), 1):
        _heading(doc, t(key, lang), 2)
        if not lists:
            _body(doc, t("circular.none", lang))
            continue
        _caption(doc, t("circular.table_list", lang, n=2 + n, name=t(key + "_short", lang)))
        rows = [[lag.indicator.short[lang],
                 t("list.separator", lang).join(city_name(code, lang) for code in lag.cities) or "—",
                 str(len(lag.counties))] for lag in lists]
        _table(doc, [t("download.indicator", lang), t("circular.col_cities", lang),
                     t("circular.col_counties_n", lang)], rows, [42, 74, 40], align_right=(2,), together=True)
        _after_table(doc)

    # 五、next steps: the drafter's
    _heading(doc, t("circular.h_next", lang), 1)
    _placeholder(doc, t("circular.next_placeholder", lang))

    _body(doc)
    annexes = [t("circular.annex1_title", lang, year=year), t("circular.annex2_title", lang, year=year)]
    label = t("circular.annexes", lang)
    for i, name in enumerate(annexes, 1):
        p = _body(doc)
        if i > 1:  # the second title under the first, after "附件："
            width = sum(1 if ord(ch) > 0x2E80 else 0.5 for ch in label)
            p.paragraph_format.first_line_indent = Pt((2 + width) * BODY_PT)
        _run(p, f"{label if i == 1 else ''}{i}. {name}")
    _body(doc)
    _body(doc)
    signature = _body(doc, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    signature.paragraph_format.right_indent = Pt(4 * BODY_PT)
    signature.paragraph_format.keep_with_next = True
    _run(signature, t("circular.authority", lang))
    date = _body(doc, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    date.paragraph_format.right_indent = Pt(2 * BODY_PT)
    _run(date, f"【{t('circular.date_placeholder', lang)}】", colour=RED, highlight=True, bold=True)

    # annex 1: the counties on the two lists, per goal
    _annex_heading(doc, lang, 1, annexes[0])
    for key, lists in (("circular.h_red_short", c.red), ("circular.h_yellow_short", c.yellow)):
        _heading(doc, t(key, lang), 1)
        rows = [[lag.indicator.short[lang], str(len(lag.counties)), grouped_counties(lag.counties, lang)]
                for lag in lists if lag.counties]
        if not rows:
            _body(doc, t("circular.none", lang))
            continue
        _table(doc, [t("download.indicator", lang), t("circular.col_n", lang), t("circular.col_counties", lang)],
               rows, [30, 12, 114], align_right=(1,))
        _after_table(doc)

    # annex 2: every county on the headline goals
    _annex_heading(doc, lang, 2, annexes[1])
    _body(doc, t("circular.annex_help", lang))
    header = [t("download.city", lang), t("circular.col_county", lang)]
    widths = [21, 31]
    for ind in catalogue.HEADLINE:
        header.append(ind.short[lang])
        widths.append(17 if ind.target_at("county") is not None else 15)
        if ind.target_at("county") is not None:
            header.append(t("map.status", lang))
            widths.append(20)
    rows = []
    for code in COUNTY_CODES:
        d = division(code)
        line = [city_name(d.parent_code, lang), d.label(lang)]
        for ind in catalogue.HEADLINE:
            value, status = c.annex[code][ind.id]
            line.append(t("map.not_applicable", lang) if status == "not_applicable"
                        else value_text(ind, value, lang, "county"))
            if ind.target_at("county") is not None:
                line.append(status_label(status, lang, ind))
        rows.append(line)
    numbers = {i for i, text in enumerate(header) if i >= 2 and text != t("map.status", lang)}
    _table(doc, header, rows, widths, align_right=numbers)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
