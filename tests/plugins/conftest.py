"""Fixtures for the plugin packs under ``plugins/``: hosts with them loaded straight from the source tree."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ucm_check.engine.host import build_host

ROOT = Path(__file__).resolve().parents[2]
HENAN_MODULES = [(f"henan2021_{m}", f"ucm_check_henan2021.{m}")
                 for m in ("standard", "management", "capacity", "opinion", "reporting", "requirements")]
LOCALNORMS_MODULES = [(f"localnorms_{m}", f"ucm_check_localnorms.{m}") for m in ("standard", "staffing", "reporting")]
CITYCAPACITY_MODULES = [(f"citycapacity_{m}", f"ucm_check_citycapacity.{m}") for m in ("standard", "county", "city")]
SEEDS = Path(__file__).parent / "data"

for pack in ("henan2021", "localnorms", "citycapacity"):
    path = str(ROOT / "plugins" / pack)
    if path not in sys.path:
        sys.path.insert(0, path)


@pytest.fixture(scope="session")
def packs_host():
    """Builtin plugins plus the Henan 2021, local-norms and city-capacity packs, as if installed."""
    host = build_host(entry_points=False, modules=HENAN_MODULES + LOCALNORMS_MODULES + CITYCAPACITY_MODULES)
    assert not host.errors, host.errors
    return host


@pytest.fixture(scope="session")
def henan(packs_host):
    return packs_host.standards["henan-2021"]
