"""Fixtures for the headless CI features: a submissions folder with good and broken profiles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import PROFILES
from ucm_check.cli import main

TYPICAL = PROFILES / "hunan-county-typical.toml"  # 86.2, complete, 17 gaps
COMPLIANT = PROFILES / "hunan-county-compliant.toml"  # 100
CITY = PROFILES / "hunan-city.toml"  # 111
INCOMPLETE = PROFILES / "hunan-county-incomplete.toml"  # 97 on answered facts, lowest 32


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--log-level", "error", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def submissions(tmp_path: Path) -> Path:
    """``submissions/`` with three valid counties in subfolders, one broken file and a plan file."""
    root = tmp_path / "submissions"
    for folder, source in (("a县", TYPICAL), ("b县", COMPLIANT), ("c市", CITY)):
        (root / folder).mkdir(parents=True)
        shutil.copy(source, root / folder / "profile.toml")
    (root / "d县").mkdir()
    (root / "d县" / "profile.toml").write_text('[unit]\nname = "坏县"\nlevel = 3\n', encoding="utf-8")
    (root / "a县" / "profile.plan.toml").write_text("not a profile", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "x.toml").write_text("junk", encoding="utf-8")
    return root


def copy_profile(tmp_path: Path, source: Path = TYPICAL, name: str = "county.toml", extra: str = "") -> Path:
    path = tmp_path / name
    path.write_text(source.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path
