"""The method text says what the code does, in both languages."""
from __future__ import annotations

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
