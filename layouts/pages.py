"""Pages other than the overview: the method text and the friendly "not found" page."""
from __future__ import annotations

import re
from pathlib import Path

from dash import dcc, html

from data.i18n import t
from layouts import components
from settings import ROOT
import urls

METHOD_PATH = ROOT / "docs" / "method.md"


def method_text(lang: str, path: Path = METHOD_PATH) -> str:
    """The part of docs/method.md in `lang`: the file has a Chinese section, then an English one."""
    sections = re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    chinese, english = sections[0], sections[1]
    body = chinese if lang == "zh" else english
    # The file's "###" sections are the page's second level: under the page's <h1>, an <h2>
    # (a heading level skipped is a wrong outline for a screen reader; Lighthouse's heading-order).
    return re.sub(r"^### ", "## ", body.split("\n", 1)[1].strip(), flags=re.MULTILINE)


def method_parts(lang: str) -> list:
    """The method text, its outlook section in a section of its own (id urls.METHOD_OUTLOOK), so
    that a link may lead there (the overview's outlook legend: /method#outlook)."""
    text = method_text(lang)
    # The section is headed by the outlook's own title ("2015 年展望" / "Outlook to 2015").
    heading = re.search(r"^## " + re.escape(t("outlook.title", lang)) + r"\s*$", text, flags=re.MULTILINE)
    if heading is None:
        return [dcc.Markdown(text)]
    following = re.search(r"^## ", text[heading.end():], flags=re.MULTILINE)
    end = heading.end() + following.start() if following else len(text)
    return [dcc.Markdown(text[:heading.start()]),
            html.Section(dcc.Markdown(text[heading.start():end]), id=urls.METHOD_OUTLOOK, tabIndex="-1"),
            dcc.Markdown(text[end:])]


def clause_table(lang: str) -> html.Table:
    """Every indicator with its target, the basis of the target, and the clause it comes from:
    built from the catalogue, so it cannot drift from what the app computes."""
    from data import catalogue
    from data.formatting import target_text

    rows = []
    for ind in catalogue.INDICATORS:
        rows.append(html.Tr([
            html.Td(ind.name[lang]),
            html.Td(target_text(ind, "province", lang)),
            html.Td(t(f"basis.{ind.target_basis}", lang)),
            html.Td(ind.clause_section, className="nowrap"),
            html.Td(f"“{ind.clause}”", lang="zh-CN"),
        ]))
    head = [t(k, lang) for k in ("download.indicator", "map.target", "method.basis", "method.section",
                                 "download.clause")]
    return html.Table([html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(rows)],
                      className="table table-sm clause-table", id="clause-table")


def method_page(lang: str, *, simulated: bool, as_of: str, source: str) -> html.Div:
    return components.page_frame(lang, simulated, as_of, source, urls.method, [
        dcc.Link("← " + t("nav.back_to_overview", lang), href=urls.home(lang), className="back-link"),
        html.H1(t("method.title", lang), className="page-title"),
        html.Div(method_parts(lang), className="method-text", id="method-markdown"),
        html.H2(t("method.clauses", lang), className="page-subtitle"),
        components.table_region(clause_table(lang), t("method.clauses", lang), lang, "method-text"),
    ], title=t("method.title", lang))


def not_found_page(lang: str, path: str, *, simulated: bool, as_of: str, source: str) -> html.Div:
    shown = path if len(path) <= 60 else path[:60] + "…"
    return components.page_frame(lang, simulated, as_of, source, urls.home, [
        html.H1(t("notfound.title", lang), className="page-title"),
        html.P(t("notfound.body", lang, path=shown)),
        dcc.Link(t("nav.back_to_overview", lang), href=urls.home(lang), className="btn btn-primary"),
    ], title=t("notfound.title", lang))
