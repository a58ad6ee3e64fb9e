"""docs/security.md claims only what is there: every file and test it names exists, both
languages name the same tests, and what it says of logs holds (no password, no session cookie)."""
from __future__ import annotations

import ast
import logging
import re

from app import create_app
from data import audit, users
from settings import ROOT, Settings

DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
ZH, EN = DOC.split("## English")
CITED_TEST = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?`")
CITED_FILE = re.compile(r"`((?:app|wsgi|settings|urls)\.py|(?:routes|data|layouts|callbacks|assets)/[\w/.]+)`")


def functions_in(path) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_every_cited_test_exists():
    cited = CITED_TEST.findall(DOC)
    assert len(cited) > 40
    for path, name in cited:
        assert (ROOT / path).is_file(), path
        if name:
            assert name in functions_in(path), f"{path}::{name}"


def test_every_cited_file_exists():
    for path in CITED_FILE.findall(DOC):
        assert (ROOT / path).exists(), path


def test_both_languages_cite_the_same_tests():
    assert sorted(CITED_TEST.findall(ZH)) == sorted(CITED_TEST.findall(EN))


def test_the_readme_links_it():
    assert "docs/security.md" in (ROOT / "README.md").read_text(encoding="utf-8")


PASSWORD = "Doc-check-Passw0rd!"
WRONG = "Wrong-guess-Passw0rd!"


def test_no_password_or_session_cookie_reaches_the_log_or_the_audit_trail(caplog):
    from tests import stores
    store = stores.new_store("security_doc")
    store.create_schema()
    users.create_user(store, "doc-ed", PASSWORD, "editor")
    client = create_app(Settings(debug=False, secret_key="doc-test"), store=store).server.test_client()
    caplog.set_level(logging.DEBUG)
    for password in (WRONG, PASSWORD):
        form = client.get("/login").get_data(as_text=True)
        csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        client.post("/login", data={"username": "doc-ed", "password": password, "csrf": csrf})
    cookie = client.get_cookie("lncs_session").value
    client.get("/download/table.csv?indicator=barrier_free&level=city")
    trail = repr(audit.events(store))
    assert "doc-ed" in trail
    for secret in (PASSWORD, WRONG, cookie):
        assert secret not in trail and secret not in caplog.text
