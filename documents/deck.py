"""The presentation as a PowerPoint deck (.pptx): the same configuration and slides as /present
(a title slide, a slide per indicator, the heat table of indicators by city), from the same
queries (callbacks.present.content) and figure builders, 16:9.

- The maps are pictures drawn on the server (documents.images) at the stage's own size
  (1120 x 820) and twice its resolution (2240 x 1640 px), so they stay sharp on a 1920 x 1080
  projector; everything else is real, editable text: titles, the province's value and target,
  its status, the status counts, the places furthest behind, the document's clause, the heat
  table (a PowerPoint table) and its legend.
- Fonts: Microsoft YaHei (微软雅黑, on every Chinese Windows since Vista) set as both the Latin
  and the East Asian typeface of every run, so PowerPoint on an office PC uses it for Chinese
  too; elsewhere the viewer substitutes its own CJK sans (Noto Sans CJK here). No text is under
  18 pt (MIN_PT).
- On data that are simulated in any county-year the slides rest on (the year shown and the
  2011 baseline its progress is measured from), every slide says so in its footer.

    build(store, state, progress=None, images_cache=None) -> bytes
    parse(args, years) -> (PresentState, None) | (None, (parameter, value))
"""
from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from callbacks import present as present_content
from data import catalogue
from data.catalogue import BASE_YEAR
from data.formatting import colon, format_value, status_label, target_text
from data.i18n import t
from documents import images
from layouts.figures.style import STATUS_COLOURS
from layouts.present import MAP_SIZE, STATUS_SYMBOLS, not_applicable_line
import urls
from urls import PresentState

FONT = "Microsoft YaHei"
MIN_PT = 18
SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: PowerPoint's 16:9
MARGIN = Inches(0.45)
MAP_SCALE = 2
# The line height of the side panel's and the table's 18 pt text (exact, so that what fits here
# fits in PowerPoint, WPS and LibreOffice alike).
LINE_PT = 22
THEMES = {
    # assets/present.css's stage colours; "tile" is its tiles' translucent grey over the background
    "dark": {"bg": "0B1A2B", "ink": "F4F7FA", "muted": "B9C6D3", "rule": "2A3D52", "tile": "17283A"},
    "light": {"bg": "FFFFFF", "ink": "1B2A3A", "muted": "4A5A6A", "rule": "D5DDE5", "tile": "F0F2F5"},
}
BADGE = {"bg": "FFD24D", "ink": "111111"}
CELL_INK = "111111"
LEGEND_STATUSES = ("achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating")
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass
class Run:
    text: str
    size: float = MIN_PT
    colour: str | None = None
    bold: bool = False
    lang: str | None = None


# ---------------------------------------------------------------------- parameters
def parse(args, years: list[int]) -> tuple[PresentState | None, tuple[str, str] | None]:
    """The deck's configuration from a query's arguments (a mapping), strictly: an unknown
    indicator, year, level, theme or language is (None, (parameter, value)), not a default."""
    lang = args.get("lang", "zh")
    if urls.language(lang) != lang:
        return None, ("lang", lang)
    allowed = set(urls.mappable_indicators())
    indicators: list[str] = []
    for item in (args.get("indicators") or "").split(","):
        item = item.strip()
        if not item:
            continue
        if item not in allowed:
            return None, ("indicators", item)
        if item not in indicators:
            indicators.append(item)
    if not indicators:
        indicators = [i.id for i in catalogue.HEADLINE]
    text = (args.get("year") or "").strip()
    year = max(years) if not text else urls.year(text, years)
    if year is None:
        return None, ("year", text)
    level = args.get("level") or "city"
    if level not in ("city", "county"):
        return None, ("level", level)
    theme = args.get("theme") or urls.DEFAULT_THEME
    if theme not in urls.PRESENT_THEMES:
        return None, ("theme", theme)
    return PresentState(indicators=tuple(indicators), year=year, level=level, theme=theme, lang=lang), None


def params(state: PresentState) -> dict:
    """What a deck depends on (its cache key, with the language and the data version)."""
    return {"indicators": list(state.indicators), "year": state.year, "level": state.level, "theme": state.theme}


def file_name(state: PresentState) -> str:
    return f"deck-{state.year}-{state.level}-{state.lang}.pptx"


def simulated_badge(store, state: PresentState) -> str | None:
    """The footer's warning while any county-year the slides rest on is simulated: the year shown
    and the baseline its progress and status are measured from."""
    by_year = store.simulated_part().by_year
    shown = [by_year.get(y, (0, 0)) for y in {BASE_YEAR, state.year}]
    if not any(s for s, _ in shown):
        return None
    whole = all(s == n for s, n in shown)
    return t("deck.simulated" if whole else "deck.partly_simulated", state.lang)


# ---------------------------------------------------------------------- text
def _font(run, r: Run, default_colour: str, lang: str) -> None:
    size = max(r.size, MIN_PT)
    run.font.size = Pt(size)
    run.font.bold = r.bold
    run.font.color.rgb = RGBColor.from_string(r.colour or default_colour)
    run.font.name = FONT  # a:latin
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "zh-CN" if (r.lang or lang) == "zh" else "en-US")
    rpr.set("altLang", "en-US" if (r.lang or lang) == "zh" else "zh-CN")
    latin = rpr.find(qn("a:latin"))
    for tag in ("a:ea", "a:cs"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    ea = etree.SubElement(rpr, qn("a:ea"))
    ea.set("typeface", FONT)
    cs = etree.SubElement(rpr, qn("a:cs"))
    cs.set("typeface", FONT)
    latin.addnext(ea)
    ea.addnext(cs)


def _fill_frame(frame, paragraphs: list[list[Run]], colour: str, lang: str, *, align=None, anchor=None,
                space_after: float = 0, line_spacing: float | None = None, margins=Inches(0.02)) -> None:
    frame.word_wrap = True
    frame.auto_size = None
    frame.margin_left = frame.margin_right = margins
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    if anchor is not None:
        frame.vertical_anchor = anchor
    for i, runs in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            p.alignment = align
        p.space_after = Pt(space_after)
        if line_spacing:
            p.line_spacing = line_spacing
        for r in runs:
            run = p.add_run()
            run.text = r.text
            _font(run, r, colour, lang)


def text(slide, left, top, width, height, paragraphs, colour: str, lang: str, name: str | None = None, **kw):
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    _fill_frame(box.text_frame, paragraphs, colour, lang, **kw)
    return box


def rect(slide, left, top, width, height, fill: str, name: str | None = None):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    if name:
        shape.name = name
    return shape


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def trim(png: bytes, pad: int = 24) -> tuple[bytes, tuple[int, int]]:
    """The picture cut to what is drawn on it (its transparent margin gone, `pad` pixels kept), and
    its size in pixels."""
    from PIL import Image  # Pillow, which python-pptx needs too
    image = Image.open(io.BytesIO(png))
    box = image.getchannel("A").getbbox() if image.mode == "RGBA" else None
    if box is None:
        return png, image.size
    left, top, right, bottom = box
    box = (max(0, left - pad), max(0, top - pad), min(image.width, right + pad), min(image.height, bottom + pad))
    out = io.BytesIO()
    # zlib's fastest level: a quarter of the time of its default for a file about a fifth larger
    image.crop(box).save(out, format="PNG", compress_level=1)
    return out.getvalue(), (box[2] - box[0], box[3] - box[1])


# ---------------------------------------------------------------------- slides
class DeckWriter:
    def __init__(self, state: PresentState, badge: str | None, total: int):
        self.state = state
        self.lang = state.lang
        self.theme = THEMES[state.theme]
        self.badge = badge
        self.total = total
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = SLIDE_W, SLIDE_H
        self.layout = self.prs.slide_layouts[5]  # "Title Only": the title is the slide's own
        core = self.prs.core_properties
        core.title = t("app.title", self.lang)
        core.language = "zh-CN" if self.lang == "zh" else "en-US"
        core.author = core.last_modified_by = t("deck.author", self.lang)
        core.subject = t("present.slide_sub", self.lang, year=state.year, by=t(f"by.{state.level}", self.lang))

    def new_slide(self, title: str, sub: str):
        slide = self.prs.slides.add_slide(self.layout)
        bg = slide.background.fill
        bg.solid()
        bg.fore_color.rgb = RGBColor.from_string(self.theme["bg"])
        width = SLIDE_W - 2 * MARGIN
        # The slide's title placeholder: what PowerPoint's outline, its navigation and a screen
        # reader take as the slide's name.
        box = slide.shapes.title
        box.left, box.top, box.width, box.height = MARGIN, Inches(0.22), width, Inches(0.72)
        box.text_frame.text = ""
        _fill_frame(box.text_frame, [[Run(title, 32, bold=True)]], self.theme["ink"], self.lang,
                    align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.BOTTOM)
        text(slide, MARGIN, Inches(0.94), width, Inches(0.42), [[Run(sub, 20, colour=self.theme["muted"])]],
             self.theme["ink"], self.lang, name="Subtitle")
        self.footer(slide, len(self.prs.slides))
        return slide

    def footer(self, slide, number: int) -> None:
        top = Inches(6.98)
        line = slide.shapes.add_connector(1, MARGIN, top, SLIDE_W - MARGIN, top)
        line.line.color.rgb = RGBColor.from_string(self.theme["rule"])
        line.line.width = Pt(1.5)
        if self.badge:
            badge = rect(slide, MARGIN, Inches(7.04), Inches(7.2), Inches(0.4), BADGE["bg"], name="Simulated data")
            _fill_frame(badge.text_frame, [[Run(self.badge, MIN_PT, colour=BADGE["ink"], bold=True)]],
                        BADGE["ink"], self.lang, anchor=MSO_ANCHOR.MIDDLE, margins=Inches(0.12))
        text(slide, SLIDE_W - MARGIN - Inches(2.2), Inches(7.02), Inches(2.2), Inches(0.42),
             [[Run(f"{number} / {self.total}", 20, bold=True)]], self.theme["ink"], self.lang,
             align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE, name="Slide number")

    def title_slide(self, title) -> None:
        lang, th = self.lang, self.theme
        total = len(title.achieved) + len(title.on_track) + len(title.behind) + len(title.not_yet)
        slide = self.new_slide(t("app.title", lang), t("present.title_sub", lang, year=self.state.year, n=total))
        groups = [("present.achieved", title.achieved, STATUS_COLOURS["achieved"]),
                  ("present.on_track", title.on_track, STATUS_COLOURS["on_track"]),
                  ("present.behind", title.behind, STATUS_COLOURS["limited_progress"])]
        if title.not_yet:
            groups.append(("present.not_yet", title.not_yet, STATUS_COLOURS["not_yet"]))
        gap = Inches(0.3)
        width = int((SLIDE_W - 2 * MARGIN - gap * (len(groups) - 1)) / len(groups))
        top, height = Inches(1.75), Inches(4.95)
        for k, (key, items, colour) in enumerate(groups):
            left = MARGIN + k * (width + gap)
            rect(slide, left, top, width, height, th["tile"], name=f"Tile {k + 1}")
            rect(slide, left, top, width, Inches(0.14), _hex(colour), name=f"Tile {k + 1} colour")
            names = t("list.separator", lang).join(i.short[lang] for i in items)
            text(slide, left + Inches(0.2), top + Inches(0.3), width - Inches(0.4), height - Inches(0.45),
                 [[Run(str(len(items)), 80, bold=True)], [Run(t(key, lang), 28, bold=True)],
                  [Run(names, 20, colour=th["muted"])]], th["ink"], lang, space_after=6, name=f"Tile {k + 1} text")

    def indicator_slide(self, s, png: bytes, size: tuple[int, int]) -> None:
        """`png`: the slide's map, cut to what it draws (trim), of `size` pixels."""
        lang, th, state = self.lang, self.theme, self.state
        ind = s.indicator
        sep = colon(lang)
        slide = self.new_slide(ind.name[lang], t("present.slide_sub", lang, year=state.year,
                                                 by=t(f"by.{state.level}", lang)))
        map_h = Inches(4.6)
        map_w = int(map_h * MAP_SIZE[0] / MAP_SIZE[1])
        # The map without the empty margin plotly leaves around the province, as large as its box
        # allows: the place names read from further back.
        w, h = size
        scale = min(map_w / w, map_h / h)
        shown_w, shown_h = int(w * scale), int(h * scale)
        picture = slide.shapes.add_picture(io.BytesIO(png), MARGIN + (map_w - shown_w) // 2,
                                           Inches(1.42) + (map_h - shown_h) // 2, shown_w, shown_h)
        picture.name = "Map"
        picture._element.nvPicPr.cNvPr.set("descr", t("deck.map_alt", lang, indicator=ind.name[lang],
                                                        year=state.year, by=t(f"by.{state.level}", lang)))
        left = MARGIN + map_w + Inches(0.3)
        width = SLIDE_W - MARGIN - left
        has_target = ind.target_at(state.level) is not None
        value = format_value(s.province_value, ind, lang)
        target = target_text(ind, "province", lang)
        text(slide, left, Inches(1.42), width, Inches(0.4),
             [[Run(t("present.province", lang), 20, colour=th["muted"])]], th["ink"], lang, name="Province label")
        text(slide, left, Inches(1.8), width, Inches(0.8),
             [[Run(value, 44, bold=True), Run(" / " + target, 24, colour=th["muted"])]],
             th["ink"], lang, name="Province value", anchor=MSO_ANCHOR.MIDDLE)
        status_box = rect(slide, left, Inches(2.66), Inches(3.4), Inches(0.44),
                          _hex(STATUS_COLOURS[s.province_status]), name="Province status")
        _fill_frame(status_box.text_frame, [[Run(status_label(s.province_status, lang, ind), 20, colour=CELL_INK,
                                                 bold=True)]], CELL_INK, lang, anchor=MSO_ANCHOR.MIDDLE,
                    margins=Inches(0.12))
        places = t(f"present.places_{state.level}", lang, n=s.places)
        line = Inches(LINE_PT / 72)
        top = Inches(3.24)
        if s.outlook:
            # The slide's outlook line (callbacks.present.outlook_line), in the stage's words: two lines.
            text(slide, left, top, width, line * 2, [[Run(s.outlook, MIN_PT, bold=True)]], th["ink"], lang,
                 name="Outlook", line_spacing=Pt(LINE_PT))
            top += line * 2 + Inches(0.06)
        if has_target:
            intro = t("present.counts_intro", lang, places=places)
            text(slide, left, top, width, line, [[Run(intro, MIN_PT, colour=th["muted"])]], th["ink"], lang,
                 name="Status counts intro", line_spacing=Pt(LINE_PT))
            top += line
            counts = [[Run("■ ", MIN_PT, colour=_hex(STATUS_COLOURS[k])),
                       Run(t("present.count_line", lang, status=status_label(k, lang), n=n), MIN_PT)]
                      for k, n in s.status_counts.items()]
            if s.not_applicable:
                counts.append([Run("□ ", MIN_PT, colour=th["muted"]), Run(not_applicable_line(s, lang), MIN_PT)])
            # More than three run on in a second column (as the stage runs them on), so that the
            # outlook line above leaves the three places furthest behind room above the footer.
            rows = (len(counts) + 1) // 2 if len(counts) > 3 else len(counts)
            columns = [counts[:rows], counts[rows:]] if counts[rows:] else [counts]
            half = width // len(columns)
            for k, column in enumerate(columns):
                text(slide, left + k * half, top, half, line * len(column), column, th["ink"], lang,
                     name="Status counts", line_spacing=Pt(LINE_PT))
            top += line * rows
        else:
            note = t("present.no_local_target", lang) if ind.target is not None else t("legend.value", lang)
            text(slide, left, top, width, line * 2, [[Run(note, MIN_PT)]], th["ink"], lang, name="Status counts",
                 line_spacing=Pt(LINE_PT))
            top += line * 2
        top += Inches(0.14)
        behind_title = t("present.behind_title" if has_target else "present.fewest_title", lang,
                         places=t(f"present.kind_{state.level}", lang))
        behind = [[Run(behind_title, MIN_PT, colour=th["muted"])]]
        behind += [[Run(f"{n}. {name}{sep}{value}", MIN_PT)] for n, (name, value) in enumerate(s.behind, start=1)]
        text(slide, left, top, width, line * len(behind), behind, th["ink"], lang, name="Furthest behind",
             line_spacing=Pt(LINE_PT))
        clause = f"{t('download.clause', lang)}{sep}{ind.clause_section} “{ind.clause}”"
        # Under the map, so that the side's lists may run to the footer: up to three lines.
        text(slide, MARGIN, Inches(6.06), map_w, Inches(0.9), [[Run(clause, MIN_PT, colour=th["muted"], lang="zh")]],
             th["ink"], lang, name="Clause", line_spacing=Pt(21))

    def summary_slide(self, rows, cities: list[str]) -> None:
        lang, th = self.lang, self.theme
        slide = self.new_slide(t("present.summary", lang), t("present.summary_sub", lang, year=self.state.year))
        legend = []
        for k in LEGEND_STATUSES:
            legend += [Run(STATUS_SYMBOLS[k] + " ", MIN_PT, bold=True, colour=_hex(STATUS_COLOURS[k])),
                       Run(status_label(k, lang) + "    ", MIN_PT)]
        text(slide, MARGIN, Inches(1.3), SLIDE_W - 2 * MARGIN, Inches(0.38), [legend], th["ink"], lang,
             name="Legend", anchor=MSO_ANCHOR.MIDDLE)
        first_w = Inches(2.5 if lang == "zh" else 3.2)
        cell_w = int((SLIDE_W - 2 * MARGIN - first_w) / len(cities))
        head_h, row_h = Inches(0.86 if lang == "zh" else 1.24), Inches(0.3 if lang == "zh" else 0.28)
        top = Inches(1.7)
        frame = slide.shapes.add_table(len(rows) + 1, len(cities) + 1, MARGIN, top,
                                       first_w + cell_w * len(cities), head_h + row_h * len(rows))
        frame.name = "Heat table"
        table = frame.table
        tbl_pr = table._tbl.tblPr
        for flag in ("firstRow", "bandRow"):
            tbl_pr.set(flag, "0")
        style = tbl_pr.find(qn("a:tableStyleId"))
        if style is None:
            style = etree.SubElement(tbl_pr, qn("a:tableStyleId"))
        style.text = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # No Style, No Grid
        # The cells are written as XML at once: through python-pptx's objects 225 cells took a
        # second, most of the deck's time but its maps.
        widths = [first_w] + [cell_w] * len(cities)
        for col, width in zip(table._tbl.tblGrid.findall(qn("a:gridCol")), widths):
            col.set("w", str(int(width)))
        for tr in table._tbl.findall(qn("a:tr")):
            table._tbl.remove(tr)
        run_lang = ("zh-CN", "en-US") if lang == "zh" else ("en-US", "zh-CN")
        line = etree.tostring(etree.Element(qn("a:srgbClr"), val=th["bg"])).decode()

        def cell(text_: str, fill: str, colour: str, *, bold=False, left=False, vert=None) -> str:
            sides = "".join(f'<a:{side} w="{int(Pt(1.5))}"><a:solidFill>{line}</a:solidFill></a:{side}>'
                            for side in ("lnL", "lnR", "lnT", "lnB"))
            body_pr = '<a:bodyPr wrap="none"/>' if vert else "<a:bodyPr/>"  # a rotated name on one line
            return (f'<a:tc><a:txBody>{body_pr}<a:lstStyle/><a:p><a:pPr algn="{"l" if left else "ctr"}">'
                    f'<a:lnSpc><a:spcPts val="2000"/></a:lnSpc><a:spcAft><a:spcPts val="0"/></a:spcAft></a:pPr>'
                    f'<a:r><a:rPr lang="{run_lang[0]}" altLang="{run_lang[1]}" sz="{MIN_PT * 100}" b="{int(bold)}">'
                    f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:latin typeface="{FONT}"/>'
                    f'<a:ea typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:rPr><a:t>{escape(text_)}</a:t></a:r>'
                    f'</a:p></a:txBody><a:tcPr marL="{int(Inches(0.04))}" marR="{int(Inches(0.04))}" marT="0" '
                    f'marB="0" anchor="{"b" if vert else "ctr"}"{f" vert={quoteattr(vert)}" if vert else ""}>'
                    f'{sides}<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>')

        head = [cell(t("present.heat_corner", lang), th["bg"], th["muted"], left=True)]
        head += [cell(name, th["bg"], th["ink"], vert="eaVert" if lang == "zh" else "vert270") for name in cities]
        xml = [f'<a:tr h="{int(head_h)}">{"".join(head)}</a:tr>']
        for ind, statuses in rows:
            cells = [cell(ind.short[lang], th["bg"], th["ink"], left=True)]
            cells += [cell(STATUS_SYMBOLS[s], _hex(STATUS_COLOURS[s]), CELL_INK, bold=True) for s in statuses]
            xml.append(f'<a:tr h="{int(row_h)}">{"".join(cells)}</a:tr>')
        fragment = etree.fromstring(f'<a:tbl xmlns:a="{A_NS}">{"".join(xml)}</a:tbl>')
        for tr in fragment:
            table._tbl.append(tr)

    def body(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def slide_titles(state: PresentState) -> list[str]:
    """The slides' titles, in order, as /present heads them (its slides' h1)."""
    lang = state.lang
    return ([t("app.title", lang)] + [catalogue.get(i).name[lang] for i in state.indicators]
            + [t("present.summary", lang)])


def build(store, state: PresentState, progress: Callable[[int, int, str], None] | None = None,
          images_cache=None) -> bytes:
    """The deck as .pptx bytes. `progress(done, total, what)` is told after each step;
    `images_cache` (a documents.cache.Folder) keeps the maps by what they draw."""
    lang = state.lang
    steps = len(state.indicators) + 3
    done = 0

    def step(what: str):
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps, what)

    # The maps are drawn (two at a time) while the rest is read and written.
    with ThreadPoolExecutor(max_workers=images.TABS) as pool:
        maps = []

        def picture(figure):  # drawn and cut in the pool, beside the slides' reading and writing
            return trim(images.png(figure, width=MAP_SIZE[0], height=MAP_SIZE[1], scale=MAP_SCALE,
                                   cache=images_cache))

        def draw(s):
            maps.append(pool.submit(picture, s.figure))

        title, slides, heat_rows, cities = present_content.content(store, state, on_slide=draw)
        step(t("deck.step_data", lang))
        writer = DeckWriter(state, simulated_badge(store, state), total=len(slides) + 2)
        writer.title_slide(title)
        for s, png in zip(slides, maps):
            writer.indicator_slide(s, *png.result())
            step(s.indicator.name[lang])
    writer.summary_slide(heat_rows, cities)
    step(t("present.summary", lang))
    body = writer.body()
    step(t("deck.step_file", lang))
    return body


def slide_texts(prs) -> list[list[str]]:
    """Every text on every slide of an opened deck (for tests and checks)."""
    out = []
    for slide in prs.slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text_frame.text for row in shape.table.rows for c in row.cells]
        out.append(texts)
    return out
