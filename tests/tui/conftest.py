"""Fixtures for the TUI tests: a private copy of a bundled profile and an app factory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROFILES = Path(__file__).resolve().parents[2] / "profiles"


@pytest.fixture
def profile_copy(tmp_path):
    """Copy a bundled profile into a temporary folder (as ``t.toml``) and return its path."""

    def copy(name: str = "hunan-county-typical.toml") -> Path:
        target = tmp_path / "t.toml"
        shutil.copy(PROFILES / name, target)
        return target

    return copy


@pytest.fixture
def make_app(host):
    from ucm_check.tui.app import UcmApp

    def make(path: Path | None = None, **kwargs) -> UcmApp:
        return UcmApp(host, path, **kwargs)

    return make


