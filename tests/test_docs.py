"""The method text says what the code does, in both languages; the deployment text names every
setting and every file of the kit, in both."""
from __future__ import annotations

import re
from pathlib import Path

from data import progress
from data.i18n import t

METHOD = (Path(__file__).resolve().parents[1] / "docs" / "method.md").read_text(encoding="utf-8")
ZH, EN = METHOD.split("## English")


def test_method_states_the_thresholds_the_code_uses_in_both_languages():
    for part in (ZH, EN):
        assert f"R ≥ {progress.ON_TRACK}" in part
        assert f"{progress.NEEDS_ACCELERATION} ≤ R < {progress.ON_TRACK}" in part
        assert f"0 ≤ R < {progress.NEEDS_ACCELERATION}" in part


def test_method_names_every_status_as_the_app_does():
    for status in progress.STATUSES:
        assert t(f"status.{status}", "zh") in ZH, status
        assert t(f"status.{status}", "en") in EN, status


# ---------------------------------------------------------------------- docs/deploy.md
ROOT = Path(__file__).resolve().parents[1]
DEPLOY_DOC = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
DEPLOY_ZH, DEPLOY_EN = DEPLOY_DOC.split("## English")
# settings.py reads each setting by its variable's name, a quoted upper-case string.
SETTING_NAMES = sorted(set(re.findall(r'"([A-Z][A-Z0-9_]{2,})"', (ROOT / "settings.py").read_text(encoding="utf-8"))))


def test_deploy_lists_every_setting_in_both_languages():
    assert len(SETTING_NAMES) > 10
    for part in (DEPLOY_ZH, DEPLOY_EN):
        missing = [name for name in SETTING_NAMES if f"`{name}`" not in part]
        assert not missing, missing


def test_deploy_names_every_file_of_the_kit_in_both_languages():
    kit = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "deploy").rglob("*") if p.is_file()
                 and "__pycache__" not in p.parts)
    assert len(kit) >= 4
    for part in (DEPLOY_ZH, DEPLOY_EN):
        assert not [path for path in kit if f"`{path}`" not in part]


def test_deploy_commands_and_files_it_cites_exist():
    for module in set(re.findall(r"python -m (data\.\w+)", DEPLOY_DOC)):
        assert (ROOT / (module.replace(".", "/") + ".py")).is_file(), module
    for path in set(re.findall(r"`((?:tests|routes|data|docs)/[\w/.]+\.(?:py|md))`", DEPLOY_DOC)):
        assert (ROOT / path).is_file(), path


def test_the_readme_links_the_deploy_doc():
    assert "docs/deploy.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_method_page_outlines_under_its_one_h1():
    """docs/method.md's sections are the page's <h2>s (the page's title is its <h1>): no level skipped."""
    from layouts.pages import method_text
    for lang in ("zh", "en"):
        text = method_text(lang)
        levels = [len(line) - len(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")]
        assert levels and levels[0] == 2 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), (lang, levels)
        assert "Outlook to 2015" in text or "2015 年展望" in text
