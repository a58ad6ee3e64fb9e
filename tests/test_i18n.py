"""Chinese first, English available: one table, both languages, no text outside it."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from data.i18n import TEXT

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e]")


# The language switch names the other language in that language, on purpose.
OTHER_LANGUAGE_ON_PURPOSE = {"lang.switch", "lang.switch_title"}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_exists_in_both_languages_with_the_same_placeholders(key):
    entry = TEXT[key]
    assert set(entry) == {"zh", "en"}
    assert entry["zh"].strip() and entry["en"].strip()
    if key not in OTHER_LANGUAGE_ON_PURPOSE:
        assert not CJK.search(entry["en"]), f"{key}: Chinese in the English text"

    def fields(text):
        # {city_zh} and {city_en} are the same parameter in each language's words.
        return {re.sub(r"_(zh|en)$", "", f) for _, f, _, _ in string.Formatter().parse(text) if f}
    assert fields(entry["zh"]) == fields(entry["en"])


def literal_strings(path: Path):
    """String constants of a module, docstrings excepted."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


# Punctuation that follows the page's language, not words: the full-width colon.
ALLOWED = {"：", "（", "）"}


@pytest.mark.parametrize("path", sorted((ROOT / "layouts").rglob("*.py")) + sorted((ROOT / "callbacks").glob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_layouts_and_callbacks_hold_no_chinese_text_of_their_own(path):
    found = [(line, text) for line, text in literal_strings(path) if CJK.search(text) and text not in ALLOWED]
    assert found == [], "user-facing text belongs in data/i18n.py"


def test_no_key_is_written_twice_in_the_table():
    """A repeated key silently keeps the last text; the table must name each key once."""
    tree = ast.parse((ROOT / "data" / "i18n.py").read_text(encoding="utf-8"))
    table = next(node.value for node in ast.walk(tree)
                 if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "TEXT")
    keys = [k.value for k in table.keys]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
