"""Problems found in a report: where (sheet, row, column), what was found, which rule, in
either language. Errors block the import; warnings and notes are shown in the preview."""
from __future__ import annotations

from functools import lru_cache

from data.formatting import colon
from data.i18n import t


@lru_cache(maxsize=None)
def field_headers(spec_key: str | None = None) -> dict[str, dict[str, str]]:
    """Field key -> its header in each language: as sheet `spec_key` writes it, else as the
    first sheet that has the field does (the urban and village facility columns differ).
    Cached: callers only read it."""
    from data.importer.fields import SHEETS
    out = {}
    for spec in sorted(SHEETS, key=lambda s: s.key != spec_key):
        for f in spec.fields:
            out.setdefault(f.key, {"zh": f.zh, "en": f.en})
    return out


class Problem:
    """key: the rule's message in data.i18n; column: a field key, shown as its header."""

    def __init__(self, key: str, sheet: str | None = None, row: int | None = None, column: str | None = None,
                 value: object = None, **params):
        self.key, self.sheet, self.row, self.column, self.value, self.params = key, sheet, row, column, value, params
        self.spec_key: str | None = None  # which report the sheet is, once known: its headers name the column
        self.file: str | None = None      # the file the sheet is in, once known (a CSV's sheet is its file)

    def __repr__(self) -> str:
        return f"Problem({self.key!r}, sheet={self.sheet!r}, row={self.row}, column={self.column!r}, value={self.value!r})"

    def rule(self, lang: str) -> str:
        """The rule broken (or the note), in `lang`, without where."""
        params = dict(self.params)
        if "whole" in params:  # a field key, named by its header
            params["whole"] = field_headers(self.spec_key).get(params["whole"], {}).get(lang, params["whole"])
        return t(self.key, lang, **params)

    def column_header(self, lang: str) -> str:
        """The column's header as this problem's sheet writes it ("" if no column)."""
        if not self.column:
            return ""
        return field_headers(self.spec_key).get(self.column, {}).get(lang, self.column)

    def shown_value(self) -> str:
        return _shown(self.value)

    def message(self, lang: str) -> str:
        """One line: where, what was found, and the rule."""
        where = []
        if self.file and self.file != self.sheet:
            where.append(t("import.where_file", lang, file=self.file))
        if self.sheet:
            where.append(t("import.where_sheet", lang, sheet=self.sheet))
        if self.row is not None:
            where.append(t("import.where_row", lang, row=self.row))
        if self.column:
            where.append(t("import.where_column", lang, column=self.column_header(lang)))
        found = t("import.found", lang, value=_shown(self.value)) if self.value is not None else ""
        rule = self.rule(lang)
        head = t("import.where_sep", lang).join(where)
        space = " " if lang == "en" else ""
        return (head + colon(lang) if head else "") + rule + (space + found if found else "")


def _shown(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= 40 else text[:40] + "…"


class FileProblem(Exception):
    """A file that cannot be read at all."""

    def __init__(self, key: str, **params):
        self.problem = Problem(key, **params)
        super().__init__(key)
