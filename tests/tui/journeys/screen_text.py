"""Helpers for the journey tests: what the terminal shows, and a host with the Henan 2021 pack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ucm_check.engine.host import build_host

ROOT = Path(__file__).resolve().parents[3]
HENAN_PACK = ROOT / "plugins" / "henan2021"
#: Every module of the pack (standard first), so a new area of the pack is never left out.
HENAN_MODULES = [(f"henan2021_{m}", f"ucm_check_henan2021.{m}")
                 for m in ["standard", *sorted(p.stem for p in (HENAN_PACK / "ucm_check_henan2021").glob("*.py")
                                               if p.stem not in ("__init__", "standard"))]]


def screen_text(app) -> str:
    """Every line the terminal shows for the top screen (a dialog includes what is visible under it)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def henan_host():
    """A host with the builtin Hunan standard and the Henan 2021 pack from this tree."""
    if not (HENAN_PACK / "ucm_check_henan2021").is_dir():
        pytest.skip("the Henan 2021 pack is not in this tree")
    sys.path.insert(0, str(HENAN_PACK))
    try:
        host = build_host(entry_points=False, modules=HENAN_MODULES)
    finally:
        sys.path.remove(str(HENAN_PACK))
    assert "henan-2021" in host.standards, host.errors
    return host


def cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``ucm-check`` as the clerk would, in ``cwd``; the result has text stdout and stderr."""
    return subprocess.run([sys.executable, "-m", "ucm_check", "--log-level", "error", *argv], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", check=False)
