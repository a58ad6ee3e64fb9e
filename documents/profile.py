"""A place's profile as PDF: one A4 page for a county, two at most for a city, for the meeting
room. /download/profile.pdf?code=&year=&lang=

    page 1: the place's facts; the scorecard of every indicator (value, target, status, change
            since 2011, rank, the outlook to 2015 where there is one, and for a county the
            communities and villages on its work list); the trends from 2011 as small multiples
    page 2 (a city): its counties on the headline goals

Drawn with reportlab, in points, straight onto the page: text and charts are vector (sharp on any
printer, and the text can be searched and copied), and the one font, WenQuanYi Micro Hei
(Debian's fonts-wqy-microhei, TrueType), is embedded as a subset. reportlab cannot embed Noto
CJK, whose outlines are CFF. A page takes a tenth of a second or so in the process that asks
(no browser is started), and routes/downloads.py keeps it by data version (documents.cache).

While any county-year the profile shows is simulated, every page's header says so in red.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from data import catalogue, queries
from data.catalogue import BASE_YEAR, Indicator
from data.divisions import COUNTY_CODES, division
from data.formatting import change_text, format_number, format_value, status_label, target_text, unit_scale
from data.i18n import t
from data.progress import missing
from data import provenance
from documents.circular import rests_on_simulated
from layouts.figures.style import GRID, INK, LINE, STATUS_COLOURS

# The TrueType CJK font, from Debian's fonts-wqy-microhei (.ci/run installs it).
FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",)
FONT = "WenQuanYiMicroHei"
PAGE_W, PAGE_H = A4
MARGIN = 34
WIDTH = PAGE_W - 2 * MARGIN
RED = HexColor("#C00000")
MUTED = HexColor("#5b6875")
INK_C = HexColor(INK)
STRIPE = HexColor("#f4f6f8")


class FontMissing(RuntimeError):
    """No TrueType CJK font: install fonts-wqy-microhei."""


_registered = False


def font_path() -> Path:
    for candidate in FONT_PATHS:
        if Path(candidate).is_file():
            return Path(candidate)
    raise FontMissing("No CJK TrueType font for the profiles: apt-get install fonts-wqy-microhei")


def register_font() -> None:
    global _registered
    if not _registered:
        path = font_path()
        pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0) if path.suffix == ".ttc"
                                else TTFont(FONT, str(path)))
        _registered = True


# ---------------------------------------------------------------------- content
@dataclass
class Row:
    indicator: Indicator
    value: float | None
    target: float | None
    status: str
    change: float | None
    rank: int | None
    rank_of: int
    rank_in_city: int | None
    rank_in_city_of: int | None
    outlook: str | None          # the outlook in words, where there is one
    behind: int | None           # a county's units failing it (unit-sourced indicators)
    series: list[tuple[int, float | None]] = field(default_factory=list)


@dataclass
class Profile:
    code: str
    year: int
    lang: str
    level: str
    simulated: bool
    facts: dict
    rows: list[Row]
    worklist: int | None               # a county's communities and villages failing any standard
    source: str
    as_of: str
    counties: list[tuple[str, dict]] = field(default_factory=list)  # a city's: (code, {id: (value, status)})


def _outlook(ind: Indicator, level: str, series, year: int, lang: str) -> str | None:
    """The outlook to 2015 in words (data.outlook), where there is one: a target at this level, a
    year before 2015, and a pace to go on. One place's, from its own series (data.outlook's tables
    of every place are not needed here)."""
    if ind.target_at(level) is None or year >= ind.target_year:
        return None
    from data import outlook
    now = series[series["year"] == year]
    if now.empty:
        return None
    history = dict(zip(series["year"].astype(int), series["value"]))
    row = outlook.place_outlook(ind, level, history, year, now["numerator"].iloc[0], now["denominator"].iloc[0])
    if row["outlook"] not in ("will_achieve", "at_risk", "will_miss"):
        return None
    words = outlook.status_words(row['outlook'], ind, lang)
    if missing(row["projected"]):
        return words
    return f"{words} · {format_value(row['projected'], ind, lang, level)}"


# A city's second page: the headline goals, then every goal with a county target as a status grid.
STATUS_GRID = tuple(i for i in catalogue.QUANTIFIED if i.target_at("county") is not None)
GRID_INDICATORS = catalogue.HEADLINE + tuple(i for i in STATUS_GRID if i not in catalogue.HEADLINE)


def _whole(x) -> int | None:
    """A rank as a whole number; None where there is none (a NaN in a column of floats)."""
    return None if missing(x) else int(x)


def profile_content(store, code: str, year: int, lang: str) -> Profile:
    place = division(code)
    level = place.level
    card = queries.scorecard(store, code, year)
    behind_counts: dict[str, int] = {}
    worklist = None
    if level == "county":
        ids = [i.id for i in catalogue.UNIT_SOURCED]
        behind = queries.units_behind_each(store, code, ids, year)
        behind_counts = {i: len(frame) for i, frame in behind.items()}
        failing = set()
        for frame in behind.values():
            failing |= set(frame["unit_id"])
        worklist = len(failing)
    years = [y for y in queries.years(store) if y <= year]
    rows = []
    for r in card.to_dict("records"):
        ind = catalogue.get(r["indicator_id"])
        series = queries.series(store, ind.id, code)
        points = [(int(y), None if missing(v) else float(v))
                  for y, v in zip(series["year"], series["value"]) if y <= year]
        rows.append(Row(
            indicator=ind, value=None if missing(r["value"]) else float(r["value"]),
            target=None if missing(r["target"]) else float(r["target"]), status=r["status"],
            change=None if missing(r["change_since_base"]) else r["change_since_base"],
            rank=_whole(r["rank"]), rank_of=int(r["rank_of"]),
            rank_in_city=_whole(r.get("rank_in_city")), rank_in_city_of=_whole(r.get("rank_in_city_of")),
            outlook=_outlook(ind, level, series, year, lang), behind=behind_counts.get(ind.id),
            series=points))
    counties = []
    if level == "city":
        by_code: dict[str, dict] = {}
        for ind in GRID_INDICATORS:
            frame = queries.values(store, ind.id, "county", year, city=code).set_index("code")
            for c in frame.index:
                v = frame.loc[c, "value"]
                by_code.setdefault(c, {})[ind.id] = (None if missing(v) else float(v), frame.loc[c, "status"])
        counties = [(c, by_code[c]) for c in COUNTY_CODES if c in by_code]
    part = store.simulated_part()
    return Profile(code=code, year=year, lang=lang, level=level,
                   simulated=rests_on_simulated(store, years), facts=queries.place_facts(store, code, year),
                   rows=rows, worklist=worklist, source=provenance.source_text(part, lang),
                   as_of=provenance.as_of_text(store, lang, part), counties=counties)


# ---------------------------------------------------------------------- drawing
class Page:
    """A canvas with the few things a profile draws: text that fits, boxes, lines."""

    def __init__(self, c: canvas.Canvas):
        self.c = c

    def text(self, x, y, s: str, size=8.0, colour=INK_C, anchor="left", width: float | None = None):
        s = fit(s, size, width) if width else s
        self.c.setFillColor(colour)
        self.c.setFont(FONT, size)
        {"left": self.c.drawString, "right": self.c.drawRightString,
         "centre": self.c.drawCentredString}[anchor](x, y, s)

    def rect(self, x, y, w, h, fill, stroke=None):
        self.c.setFillColor(fill)
        if stroke is not None:
            self.c.setStrokeColor(stroke)
        self.c.rect(x, y, w, h, stroke=1 if stroke is not None else 0, fill=1)

    def line(self, x1, y1, x2, y2, colour=GRID, width=0.5, dash=None):
        self.c.setStrokeColor(HexColor(colour) if isinstance(colour, str) else colour)
        self.c.setLineWidth(width)
        self.c.setDash(*(dash or ([], 0)))
        self.c.line(x1, y1, x2, y2)
        self.c.setDash([], 0)


def fit(s: str, size: float, width: float) -> str:
    """`s`, cut with an ellipsis to `width` points."""
    if pdfmetrics.stringWidth(s, FONT, size) <= width:
        return s
    while s and pdfmetrics.stringWidth(s + "…", FONT, size) > width:
        s = s[:-1]
    return s + "…"


def wrap(s: str, size: float, width: float) -> list[str]:
    """`s` broken into lines of at most `width` points (at spaces in English, anywhere in Chinese)."""
    lines, current = [], ""
    tokens = s.split(" ") if " " in s else list(s)
    joiner = " " if " " in s else ""
    for token in tokens:
        trial = f"{current}{joiner if current else ''}{token}"
        if pdfmetrics.stringWidth(trial, FONT, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = token
    if current:
        lines.append(current)
    return lines


def place_title(p: Profile) -> str:
    d = division(p.code)
    if p.lang == "zh":
        return d.full_name
    return d.name_en if d.level == "city" else f"{d.name_en}, {division(d.parent_code).name_en}"


def _header(pg: Page, p: Profile, page_no: int, pages: int) -> float:
    """The band at the top of every page; returns the y below it."""
    lang = p.lang
    top = PAGE_H - MARGIN
    pg.text(MARGIN, top - 8, t("profile.kicker", lang), 7.5, MUTED)
    if p.simulated:
        pg.text(PAGE_W - MARGIN, top - 8, t("circular.simulated", lang), 8.5, RED, "right")
    pg.text(MARGIN, top - 30, place_title(p), 18)
    kind = t(f"kind.{division(p.code).kind.replace(' ', '_')}", lang)
    pg.text(MARGIN, top - 45, t("profile.subtitle", lang, kind=kind, year=p.year, code=p.code), 8.5, MUTED)
    pg.text(PAGE_W - MARGIN, top - 45, t("profile.page", lang, n=page_no, of=pages), 7.5, MUTED, "right")
    pg.line(MARGIN, top - 52, PAGE_W - MARGIN, top - 52, INK, 1)
    return top - 60


def _footer(pg: Page, p: Profile) -> None:
    lang = p.lang
    y = MARGIN - 6
    pg.line(MARGIN, y + 16, PAGE_W - MARGIN, y + 16, GRID, 0.5)
    source = t("footer.source_label", lang) + p.source
    for i, text in enumerate(wrap(source, 6.5, WIDTH)[:2]):
        pg.text(MARGIN, y + 8 - i * 8, text, 6.5, RED if p.simulated else MUTED)
    pg.text(MARGIN, y - 8, t("profile.footer", lang, as_of=p.as_of, today=date.today().isoformat()), 6.5, MUTED)


def _facts(pg: Page, p: Profile, y: float) -> float:
    lang = p.lang
    facts = [(t("facts.communities", lang), format_number(p.facts["urban"])),
             (t("facts.villages", lang), format_number(p.facts["rural"])),
             (t("facts.households", lang), format_number(p.facts["households"])),
             (t("facts.residents", lang), format_number(p.facts["residents"]))]
    if p.worklist is not None:
        facts.append((t("profile.worklist", lang), format_number(p.worklist)))
    width = WIDTH / len(facts)
    for i, (label, value) in enumerate(facts):
        x = MARGIN + i * width
        pg.rect(x + 1, y - 34, width - 2, 34, STRIPE)
        pg.text(x + 7, y - 13, label, 7.5, MUTED, width=width - 12)
        pg.text(x + 7, y - 28, value, 12, RED if label == t("profile.worklist", lang) and p.worklist else INK_C)
    return y - 42


def _columns(p: Profile) -> list[tuple[str, str, float, str]]:
    """(key, heading, width, anchor) of the scorecard's columns."""
    lang = p.lang
    cols = [("name", t("download.indicator", lang), 0, "left"),
            ("value", t("map.value", lang), 50, "right"),
            ("target", t("map.target", lang), 52, "right"),
            ("status", t("map.status", lang), 86 if lang == "zh" else 104, "left"),
            ("change", t("score.change", lang), 44, "right"),
            ("rank", t("score.rank_province", lang), 40, "right")]
    if p.level == "county":
        cols.append(("rank_city", t("score.rank_city", lang), 36, "right"))
    if any(r.outlook for r in p.rows):
        cols.append(("outlook", t("profile.col_outlook", lang), 96, "left"))
    if p.level == "county":
        cols.append(("behind", t("profile.col_behind", lang), 44, "right"))
    fixed = sum(w for _, _, w, _ in cols)
    cols[0] = ("name", cols[0][1], WIDTH - fixed, "left")
    return cols


def _cell(r: Row, key: str, p: Profile) -> str:
    ind, lang, level = r.indicator, p.lang, p.level
    if key == "name":
        return ind.short[lang]
    if key == "value":
        return format_value(r.value, ind, lang, level)
    if key == "target":
        return target_text(ind, level, lang) if ind.target_at(level) is not None else "—"
    if key == "status":
        return status_label(r.status, lang, ind)
    if key == "change":
        return change_text(r.change, ind, lang) or "—"
    if key == "rank":
        return f"{r.rank}/{r.rank_of}" if r.rank is not None else "—"
    if key == "rank_city":
        return f"{r.rank_in_city}/{r.rank_in_city_of}" if r.rank_in_city is not None else "—"
    if key == "outlook":
        return r.outlook or "—"
    if key == "behind":
        return "—" if r.behind is None else format_number(r.behind)
    raise KeyError(key)


ROW_H = 13.2
HEAD_H = 20


def _head_row(pg: Page, heads: list[tuple[str, float, str]], y: float) -> float:
    """A table's heading row: each heading in at most two lines."""
    pg.rect(MARGIN, y - HEAD_H, WIDTH, HEAD_H, HexColor("#e8edf2"))
    x = MARGIN
    for heading, width, anchor in heads:
        lines = wrap(heading, 6.8, width - 5)[:2]
        tx = x + 3 if anchor == "left" else x + width / 2 if anchor == "centre" else x + width - 3
        top = y - (HEAD_H - 7.5 * len(lines)) / 2 - 6
        for i, line in enumerate(lines):
            pg.text(tx, top - i * 7.5, line, 6.8, INK_C, anchor, width=width - 5)
        x += width
    return y - HEAD_H


def _scorecard(pg: Page, p: Profile, y: float) -> float:
    lang = p.lang
    pg.text(MARGIN, y - 10, t("profile.scorecard", lang, year=p.year), 10.5)
    y -= 18
    cols = _columns(p)
    y = _head_row(pg, [(heading, width, anchor) for _, heading, width, anchor in cols], y)
    for i, r in enumerate(p.rows):
        if i % 2:
            pg.rect(MARGIN, y - ROW_H, WIDTH, ROW_H, STRIPE)
        x = MARGIN
        for key, _, width, anchor in cols:
            text = _cell(r, key, p)
            if key == "status":
                pg.rect(x + 3, y - ROW_H + 3.6, 6, 6, HexColor(STATUS_COLOURS.get(r.status, "#B8C4CC")),
                        HexColor("#6b7785"))
                pg.text(x + 12, y - ROW_H + 4, text, 7.2, INK_C, "left", width=width - 14)
            else:
                tx = x + 3 if anchor == "left" else x + width - 3
                colour = RED if key == "behind" and r.behind else INK_C
                pg.text(tx, y - ROW_H + 4, text, 7.2 if key != "outlook" else 6.6, colour, anchor, width=width - 5)
            x += width
        y -= ROW_H
    pg.line(MARGIN, y, PAGE_W - MARGIN, y, GRID, 0.5)
    notes = [t("profile.scorecard_note", lang)]
    if p.level == "county":
        notes.append(t("profile.behind_note", lang))
    for note in notes:
        for line in wrap(note, 6.5, WIDTH):
            pg.text(MARGIN, y - 9, line, 6.5, MUTED)
            y -= 8
    return y - 6


def _multiples(pg: Page, p: Profile, y: float, bottom: float) -> float:
    """A small trend per indicator: the place's line from 2011, the target dashed, the last value."""
    lang = p.lang
    pg.text(MARGIN, y - 10, t("profile.trends", lang, base=BASE_YEAR, year=p.year), 10.5)
    y -= 16
    rows = [r for r in p.rows if any(v is not None for _, v in r.series)]
    columns = 5
    n_rows = -(-len(rows) // columns)
    gap = 6
    cell_w = (WIDTH - gap * (columns - 1)) / columns
    cell_h = min(86, (y - bottom - gap * (n_rows - 1)) / max(n_rows, 1))
    years = list(range(BASE_YEAR, max(p.year, BASE_YEAR + 1) + 1))
    for i, r in enumerate(rows):
        cx = MARGIN + (i % columns) * (cell_w + gap)
        top = y - (i // columns) * (cell_h + gap)
        _spark(pg, r, p, cx, top - cell_h, cell_w, cell_h, years)
    return y - n_rows * (cell_h + gap)


def _spark(pg: Page, r: Row, p: Profile, x, y, w, h, years) -> None:
    ind, lang = r.indicator, p.lang
    factor, suffix = unit_scale(ind)
    pg.rect(x, y, w, h, HexColor("#ffffff"), HexColor("#d5dbe1"))
    pg.text(x + 4, y + h - 10, ind.short[lang], 6.8, INK_C, width=w - 8)
    last = next((v for _, v in reversed(r.series) if v is not None), None)
    pg.text(x + 4, y + h - 20, format_value(last, ind, lang, p.level), 8.5,
            HexColor(LINE) if last is not None else MUTED)
    pg.rect(x + w - 10, y + h - 20, 6, 6, HexColor(STATUS_COLOURS.get(r.status, "#B8C4CC")), HexColor("#6b7785"))
    # the plot area
    px, py, pw, ph = x + 22, y + 12, w - 28, h - 38
    values = [v * factor for _, v in r.series if v is not None]
    target = r.target * factor if r.target is not None and ind.target_at(p.level) is not None else None
    top = max(values + ([target] if target is not None else []) + [1e-9])
    if ind.unit != "count" and not (ind.source == "county_records" and p.level == "county"):
        top = max(top, 10)
    top = _nice(top)

    def sx(year):
        return px + (year - years[0]) / max(len(years) - 1, 1) * pw

    def sy(v):
        return py + v / top * ph

    for frac in (0, 0.5, 1):
        pg.line(px, sy(top * frac), px + pw, sy(top * frac), GRID, 0.4)
        label = f"{top * frac:,.0f}{suffix}"
        pg.text(px - 2, sy(top * frac) - 2, label, 5.2, MUTED, "right")
    for yr in (years[0], years[-1]):
        pg.text(sx(yr), y + 4, str(yr), 5.2, MUTED, "centre")
    if target is not None:
        pg.line(px, sy(target), px + pw, sy(target), INK, 0.7, ([2, 1.5], 0))
    pts = [(sx(yr), sy(v * factor)) for yr, v in r.series if v is not None]
    c = pg.c
    if len(pts) > 1:
        c.setStrokeColor(HexColor(LINE))
        c.setLineWidth(1.3)
        path = c.beginPath()
        path.moveTo(*pts[0])
        for pt in pts[1:]:
            path.lineTo(*pt)
        c.drawPath(path, stroke=1, fill=0)
    c.setFillColor(HexColor(LINE))
    for pt in pts:
        c.circle(pt[0], pt[1], 1.2, stroke=0, fill=1)


def _nice(top: float) -> float:
    """A round number at or above `top` for an axis."""
    import math
    if top <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(top))
    for step in (1, 1.2, 2, 4, 5, 6, 8, 10):  # each with a whole half, for the middle line
        if step * exp >= top - 1e-9:
            return step * exp
    return 10 * exp


def _counties_page(pg: Page, p: Profile, y: float) -> None:
    """A city's second page: its counties on the headline goals."""
    lang = p.lang
    pg.text(MARGIN, y - 10, t("profile.counties", lang, year=p.year), 10.5)
    y -= 18
    heads = [(t("circular.col_county", lang), 0, "left")]
    for ind in catalogue.HEADLINE:
        heads.append((ind.short[lang], 62, "right"))
        if ind.target_at("county") is not None:
            heads.append((t("map.status", lang), 70 if lang == "zh" else 86, "left"))
    fixed = sum(w for _, w, _ in heads)
    heads[0] = (heads[0][0], WIDTH - fixed, "left")
    y = _head_row(pg, heads, y)
    for i, (code, values) in enumerate(p.counties):
        if i % 2:
            pg.rect(MARGIN, y - ROW_H, WIDTH, ROW_H, STRIPE)
        cells = [(division(code).label(lang), None)]
        for ind in catalogue.HEADLINE:
            value, status = values[ind.id]
            cells.append((format_value(value, ind, lang, "county"), None))
            if ind.target_at("county") is not None:
                cells.append((status_label(status, lang, ind), status))
        x = MARGIN
        for (text, status), (_, width, anchor) in zip(cells, heads):
            if status is not None:
                pg.rect(x + 3, y - ROW_H + 3.6, 6, 6, HexColor(STATUS_COLOURS.get(status, "#B8C4CC")),
                        HexColor("#6b7785"))
                pg.text(x + 12, y - ROW_H + 4, text, 7.2, INK_C, "left", width=width - 14)
            else:
                pg.text(x + 3 if anchor == "left" else x + width - 3, y - ROW_H + 4, text, 7.2, INK_C, anchor,
                        width=width - 5)
            x += width
        y -= ROW_H
    pg.line(MARGIN, y, PAGE_W - MARGIN, y, GRID, 0.5)
    for line in wrap(t("circular.annex_help", lang), 6.5, WIDTH):
        pg.text(MARGIN, y - 9, line, 6.5, MUTED)
        y -= 8
    _status_grid(pg, p, y - 14)


def _status_grid(pg: Page, p: Profile, y: float) -> None:
    """Every goal with a county target, county by county: the value on its status's colour."""
    lang = p.lang
    pg.text(MARGIN, y - 10, t("profile.grid", lang, year=p.year), 10.5)
    y -= 18
    name_w = 78
    cell_w = (WIDTH - name_w) / len(STATUS_GRID)
    y = _head_row(pg, [(t("circular.col_county", lang), name_w, "left")]
                  + [(ind.short[lang], cell_w, "centre") for ind in STATUS_GRID], y)
    for code, values in p.counties:
        pg.text(MARGIN + 3, y - ROW_H + 4, division(code).label(lang), 7.2, INK_C, width=name_w - 5)
        for j, ind in enumerate(STATUS_GRID):
            value, status = values[ind.id]
            x = MARGIN + name_w + j * cell_w
            pg.rect(x + 0.6, y - ROW_H + 0.6, cell_w - 1.2, ROW_H - 1.2,
                    HexColor(STATUS_COLOURS.get(status, "#B8C4CC")))
            shown = t("map.not_applicable", lang) if status == "not_applicable" else format_value(value, ind, lang,
                                                                                                   "county")
            pg.text(x + cell_w / 2, y - ROW_H + 4, shown, 6.8, INK_C, "centre")
        y -= ROW_H
    # the legend: each status's colour with its word
    x = MARGIN
    for status in ("achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating", "not_yet",
                   "no_data", "not_applicable"):
        label = status_label(status, lang)
        pg.rect(x, y - 11, 7, 7, HexColor(STATUS_COLOURS[status]), HexColor("#6b7785"))
        pg.text(x + 10, y - 10, label, 6.8, MUTED)
        x += 16 + pdfmetrics.stringWidth(label, FONT, 6.8)


def render(p: Profile) -> bytes:
    register_font()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, initialFontName=FONT, initialFontSize=8, pageCompression=1,
                      lang="zh-CN" if p.lang == "zh" else "en")
    c.setTitle(t("profile.title", p.lang, place=place_title(p), year=p.year))
    c.setAuthor(t("app.title", p.lang))
    c.setSubject(t("circular.simulated", p.lang) if p.simulated else t("profile.kicker", p.lang))
    c.setCreator(t("app.title", p.lang))
    pages = 2 if p.counties else 1
    pg = Page(c)
    y = _header(pg, p, 1, pages)
    y = _facts(pg, p, y)
    y = _scorecard(pg, p, y)
    _multiples(pg, p, y, MARGIN + 26)
    _footer(pg, p)
    if p.counties:
        c.showPage()
        y = _header(pg, p, 2, pages)
        _counties_page(pg, p, y)
        _footer(pg, p)
    c.showPage()
    c.save()
    return out.getvalue()


def build(store, code: str, year: int, lang: str) -> bytes:
    """The profile of `code` (a city or county) for `year` in `lang`, as PDF bytes."""
    return render(profile_content(store, code, year, lang))

