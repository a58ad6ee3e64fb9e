"""The overview map's two colour modes beyond progress and status (issue 16):

- "outlook": each place by its outlook to 2015 (data/outlook.py: will achieve, at risk, will
  miss at this pace, or why there is no outlook), its hover the projected value and its range;
- "change": the change of the indicator from year A (`from`) to year B (the year shown), on a
  diverging scale centred on zero, its hover both years' values and the change.

As for the other modes, the server decides everything (outlook_view / change_view, pure) and
sends it packed small (payload); assets/map.js only unpacks and draws, from the scales and
templates of client_config(), sent once with the page. Numbers travel as fixed-width base-36
integers: shares in tenths of a percent (what the hover shows, so "85.3%" is exact), counts as
whole numbers; the text alternatives below read the same rounded numbers, so the hover and a
screen reader say the same.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data import catalogue
from data.catalogue import Indicator
from data.formatting import colon, format_number, format_percent, name_key, target_text
from data.i18n import t
from data.outlook import OUTLOOKS, status_words
from data.progress import missing
from layouts.figures.maps import COLOUR_BAR, features, map_codes
from layouts.figures.style import STATUS_COLOURS, discrete

# Okabe-Ito as the status colours use them (achieved green, orange, vermillion), with the
# no-outlook classes in greys and the pink of "not yet": each is also written in the legend.
OUTLOOK_COLOURS = {
    "will_achieve": STATUS_COLOURS["achieved"],
    "at_risk": "#E69F00",
    "will_miss": "#D55E00",
    "no_trend": STATUS_COLOURS["not_yet"],
    "no_data": STATUS_COLOURS["no_data"],
    "not_applicable": "#D4D4D4",
    "no_target": STATUS_COLOURS["no_target"],
}
# ColorBrewer RdBu (colour-blind safe), red for a fall and blue for a rise, white at zero.
CHANGE_SCALE = ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3",
                "#2166ac"]
NO_DATA_GAP = 1 / 11          # the grey step below the diverging part of the change scale
# Packing: fixed-width base-36 digits; the largest number of a width stands for "no number".
SHARE_SCALE, SHARE_WIDTH = 1000, 2     # 0-1000 tenths of a percent: "zz" = 1295 is free
COUNT_SCALE, COUNT_WIDTH = 1, 3        # up to 46,654 (4 digits, up to 1,679,614, past that: width())
# The hover templates of the outlook map, by what a place has: its projection and range, its
# projection only (one year's change), its value only (no trend yet), or nothing but its outlook.
OUTLOOK_TEMPLATES = ("full", "no_range", "value", "word")


def packing(ind: Indicator, largest: float = 0) -> tuple[int, int]:
    """(scale, width) of the numbers of a map whose largest number is `largest`."""
    if ind.unit != "count":
        return SHARE_SCALE, SHARE_WIDTH
    width = COUNT_WIDTH
    while 36 ** width - 1 <= largest:
        width += 1
    return COUNT_SCALE, width


def rounded(x, ind: Indicator) -> float | None:
    """A value as it travels and as the hover and the text alternative show it: a share to a
    tenth of a percent, a count to a whole number; None if missing."""
    if missing(x):
        return None
    scale_, _ = packing(ind)
    return math.floor(float(x) * scale_ + 0.5) / scale_


def pack(numbers: list, ind: Indicator, width: int | None = None) -> str:
    """rounded() numbers as fixed-width base-36 digits, "zz…" for None."""
    scale_, wide = packing(ind, max((x for x in numbers if x is not None), default=0))
    width = width or wide
    none = 36 ** width - 1
    out = []
    for x in numbers:
        n = none if x is None else max(0, min(none - 1, int(round(x * scale_))))
        digits = ""
        for _ in range(width):
            n, d = divmod(n, 36)
            digits = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + digits
        out.append(digits)
    return "".join(out)


def unpack(text: str, ind: Indicator, width: int | None = None) -> list:
    """pack()'s inverse (what assets/map.js does)."""
    scale_, wide = packing(ind)
    width = width or wide
    none = 36 ** width - 1
    values = [int(text[i:i + width], 36) for i in range(0, len(text), width)]
    return [None if v == none else v / scale_ for v in values]


def value_words(x, ind: Indicator, lang: str) -> str:
    """A rounded value as the hover writes it."""
    if x is None:
        return t("map.none", lang)
    return format_number(x) if ind.unit == "count" else format_percent(x)


def change_words(x, ind: Indicator, lang: str) -> str:
    """A change as the hover writes it: "+4.8 个百分点" / "+4.8 pp", "+120"."""
    if x is None:
        return t("map.none", lang)
    if ind.unit == "count":
        return f"{x:+,.0f}"
    return f"{x * 100:+.1f}" + t("map.change_pp", lang)


# ---------------------------------------------------------------------- the outlook
def outlook_word(outlook: str, ind: Indicator, lang: str) -> str:
    """The class in words, as the legend, the hover and the text alternative write it."""
    return status_words(outlook, ind, lang)


@dataclass
class OutlookView:
    """One outlook map, place by place in feature order."""
    outlook: list[str]           # the class of each place (OUTLOOKS)
    value: list                  # rounded() value in the year shown
    projected: list              # rounded() projection to the target year, or None
    low: list
    high: list
    template: list[int]          # index into OUTLOOK_TEMPLATES

    def counts(self) -> dict[str, int]:
        """How many places are in each class, in OUTLOOKS order (none left out: those with 0)."""
        return {o: self.outlook.count(o) for o in OUTLOOKS if o in self.outlook}


def outlook_view(frame: pd.DataFrame, ind: Indicator, level: str) -> OutlookView:
    """The outlook map of `level` from data.outlook.map_table() for it."""
    rows = frame.set_index("code").reindex(map_codes(level))
    out = OutlookView([], [], [], [], [], [])
    for row in rows.to_dict("records"):
        outlook = row["outlook"] if isinstance(row["outlook"], str) else "no_data"
        value, projected = rounded(row["value"], ind), rounded(row["projected"], ind)
        low, high = rounded(row["projected_low"], ind), rounded(row["projected_high"], ind)
        if outlook in ("no_data", "not_applicable"):
            value = projected = low = high = None
        out.outlook.append(outlook)
        out.value.append(value)
        out.projected.append(projected)
        out.low.append(low if projected is not None else None)
        out.high.append(high if projected is not None else None)
        out.template.append(0 if projected is not None and low is not None else 1 if projected is not None
                            else 2 if value is not None else 3)
    return out


def outlook_payload(view: OutlookView, ind: Indicator, level: str, lang: str) -> dict:
    """What the browser needs for one outlook map (besides the fields every payload has)."""
    numbers = view.value + view.projected + view.low + view.high
    _, width = packing(ind, max((x for x in numbers if x is not None), default=0))
    return {"z": "".join(str(OUTLOOKS.index(o)) for o in view.outlook),
            "tk": "".join(map(str, view.template)), "unit": "count" if ind.unit == "count" else "share",
            "pk": pack(numbers, ind, width), "w": width,
            "ty": ind.target_year, "targetText": target_text(ind, level, lang), "ow": _words_key(ind)}


def _words_key(ind: Indicator) -> str:
    """Which list of class words the browser uses: "province only" for a target set above
    ("elsewhere"), and nothing to count in the indicator's own words ("|villages")."""
    return ("elsewhere" if ind.target is not None else "plain") + (f"|{ind.scope['en']}" if ind.scope else "")


# ---------------------------------------------------------------------- the change
@dataclass
class ChangeView:
    """One change map, place by place in feature order."""
    start: list                  # rounded() value in year A
    end: list                    # rounded() value in year B
    limit: float                 # the largest change either way (the scale runs -limit..limit)

    def change(self) -> list:
        return [None if a is None or b is None else round(b - a, 6) for a, b in zip(self.start, self.end)]

    def counts(self) -> dict[str, int]:
        """How many places rose, fell and stayed level (at the rounding the map shows)."""
        out = {"up": 0, "down": 0, "level": 0}
        for c in self.change():
            if c is not None:
                out["up" if c > 0 else "down" if c < 0 else "level"] += 1
        return out


def change_view(start: pd.DataFrame, end: pd.DataFrame, ind: Indicator, level: str) -> ChangeView:
    """The change map of `level` from data.queries.values() in year A (`start`) and year B (`end`)."""
    codes = map_codes(level)
    a = [rounded(x, ind) for x in start.set_index("code").reindex(codes)["value"]]
    b = [rounded(x, ind) for x in end.set_index("code").reindex(codes)["value"]]
    view = ChangeView(a, b, 0.0)
    view.limit = change_limit([abs(c) for c in view.change() if c is not None], ind)
    return view


def change_limit(sizes: list[float], ind: Indicator) -> float:
    """How far either way the change scale runs: the size of change that 90% of the places do not
    pass, rounded up to a round number (5 percentage points, or 1, 2, 5 x 10^k units), so that one
    county that went from none to all does not wash out the others; places beyond it take the
    scale's last colour (and the colour bar's end says "or more")."""
    if not sizes:
        return 0.01 if ind.unit != "count" else 1.0
    sizes = sorted(sizes)
    typical = sizes[min(len(sizes) - 1, math.ceil(0.9 * len(sizes)) - 1)] or sizes[-1] or 1e-9
    if ind.unit != "count":
        step = 0.05 if typical > 0.05 else 0.01
        return round(math.ceil(typical / step - 1e-9) * step, 4)
    magnitude = 10 ** math.floor(math.log10(typical))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= typical))


def change_ticks(limit: float, ind: Indicator, lang: str) -> dict:
    """The change scale's range and colour-bar ticks: "no data" in grey below, then -limit to
    +limit with zero (white) in the middle."""
    span = 2 * limit / (1 - NO_DATA_GAP)
    zmin = -limit - NO_DATA_GAP * span
    ticks = [-limit, -limit / 2, 0.0, limit / 2, limit]
    words = [change_words(x, ind, lang) if x else "0" for x in ticks]
    words[0], words[-1] = "≤ " + words[0], "≥ " + words[-1]
    return {"zmin": zmin, "zmax": limit, "none": zmin + NO_DATA_GAP * span / 2,
            "tickvals": [zmin + NO_DATA_GAP * span / 2] + ticks, "ticktext": [t("map.none", lang)] + words}


def change_payload(view: ChangeView, ind: Indicator, level: str, start_year: int, year: int, lang: str) -> dict:
    ticks = change_ticks(view.limit, ind, lang)
    numbers = view.start + view.end
    _, width = packing(ind, max((x for x in numbers if x is not None), default=0))
    return {"pk": pack(numbers, ind, width), "w": width, "unit": "count" if ind.unit == "count" else "share",
            "from": start_year, "range": ticks,
            "barTitle": t("map.change_title", lang, start=start_year, year=year)}


# ---------------------------------------------------------------------- sent once with the page
def client_config(lang: str) -> dict:
    """The two modes' colour scales, hover templates and class words, for assets/map.js."""
    sep = colon(lang)
    fmt = {"share": ":.1%", "count": ":,.0f"}
    change_fmt = {"share": ":+.1f}" + t("map.change_pp", lang), "count": ":+,.0f}"}
    # outlook customdata: [name, value, target, projected, low, high, class word, year, target year]
    hover = {}
    for unit, f in fmt.items():
        head = "<b>%{customdata[0]}</b><br>" + t("map.outlook", lang) + sep + "%{customdata[6]}"
        value = "<br>" + t("map.value_in", lang, year="%{customdata[7]}") + sep + "%{customdata[1]" + f + "}"
        projected = ("<br>" + t("map.projected", lang, year="%{customdata[8]}") + sep + "%{customdata[3]" + f + "}")
        target = "<br>" + t("map.target", lang) + sep + "%{customdata[2]}"
        hover[f"outlook/{unit}"] = [
            head + value + projected + "<br>" + t("map.range", lang) + sep + "%{customdata[4]" + f + "}–%{customdata[5]"
            + f + "}" + target + "<extra></extra>",
            head + value + projected + "<br>" + t("map.range", lang) + sep + t("outlook.range_reason.one_change", lang)
            + target + "<extra></extra>",
            head + value + target + "<extra></extra>",
            head + "<extra></extra>",
        ]
        # change customdata: [name, value A, value B, change (pp for shares), year A, year B]
        hover[f"change/{unit}"] = [
            "<b>%{customdata[0]}</b><br>" + t("map.value_in", lang, year="%{customdata[4]}") + sep + "%{customdata[1]"
            + f + "}<br>" + t("map.value_in", lang, year="%{customdata[5]}") + sep + "%{customdata[2]" + f
            + "}<br>" + t("map.change", lang) + sep + "%{customdata[3]" + change_fmt[unit] + "<extra></extra>",
            "<b>%{customdata[0]}</b><br>" + t("map.change", lang) + sep + t("map.none", lang) + "<extra></extra>",
        ]
    no_data = STATUS_COLOURS["no_data"]
    change_colours = [[0, no_data], [NO_DATA_GAP, no_data]] + [
        [NO_DATA_GAP + (1 - NO_DATA_GAP) * i / (len(CHANGE_SCALE) - 1), c] for i, c in enumerate(CHANGE_SCALE)]
    return {
        "scales": {
            "outlook": {"colorscale": discrete([OUTLOOK_COLOURS[o] for o in OUTLOOKS]), "zmin": -0.5,
                        "zmax": len(OUTLOOKS) - 0.5, "showscale": False, "colorbar": COLOUR_BAR},
            "change": {"colorscale": change_colours, "showscale": True,
                       "colorbar": COLOUR_BAR | {"title": {"text": "", "side": "right", "font": {"size": 14}}}},
        },
        "hover": hover,
        "words": {_words_key(ind): [outlook_word(o, ind, lang) for o in OUTLOOKS] for ind in catalogue.INDICATORS},
        "shareScale": SHARE_SCALE, "countScale": COUNT_SCALE,
    }


# ---------------------------------------------------------------------- text alternatives
def _names(level: str, lang: str) -> list[str]:
    return [f["properties"][name_key(lang)] for f in features(level)]


def _shown(level: str, city: str | None) -> list[int]:
    zoomed = bool(city) and level == "county"
    return [i for i, f in enumerate(features(level)) if not zoomed or f["properties"].get("city_adcode") == city]


def outlook_rows(view: OutlookView, ind: Indicator, level: str, lang: str, city: str | None = None) -> list[tuple]:
    """(place, value, outlook, projected, range) of each place the map draws, as its hover says."""
    names = _names(level, lang)
    rows = []
    for i in _shown(level, city):
        rng = (f"{value_words(view.low[i], ind, lang)}–{value_words(view.high[i], ind, lang)}"
               if view.template[i] == 0 else t("outlook.range_reason.one_change", lang) if view.template[i] == 1
               else "—")
        rows.append((names[i], value_words(view.value[i], ind, lang), outlook_word(view.outlook[i], ind, lang),
                     value_words(view.projected[i], ind, lang) if view.projected[i] is not None else "—", rng))
    return rows


def change_rows(view: ChangeView, ind: Indicator, level: str, lang: str, city: str | None = None) -> list[tuple]:
    """(place, value in A, value in B, change) of each place the map draws."""
    names = _names(level, lang)
    changes = view.change()
    return [(names[i], value_words(view.start[i], ind, lang), value_words(view.end[i], ind, lang),
             change_words(changes[i], ind, lang)) for i in _shown(level, city)]
