"""Shared fixtures: the builtin host and the Hunan 2020 standard."""

from __future__ import annotations

from pathlib import Path

import pytest

from ucm_check.host import build_host

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"


@pytest.fixture(scope="session")
def host():
    return build_host(entry_points=False)


@pytest.fixture(scope="session")
def hunan(host):
    return host.standards["hunan-2020"]
