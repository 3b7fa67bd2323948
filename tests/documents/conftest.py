"""Shared helpers: run the CLI, copy a bundled profile (with its plan) into a temporary folder,
and read a .docx back."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from ucm_check.cli import main

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "profiles"
TYPICAL = PROFILES / "hunan-county-typical.toml"
AS_OF = "2026-12-15"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--log-level", "error", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """The typical county's profile and its bundled plan, copied as ``county.toml``/``county.plan.toml``."""
    path = tmp_path / "county.toml"
    shutil.copy(TYPICAL, path)
    shutil.copy(PROFILES / "hunan-county-typical.plan.toml", tmp_path / "county.plan.toml")
    return path


def table_rows(table) -> list[list[str]]:
    """Every row of a python-docx table as cell texts."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def texts(document) -> list[str]:
    """Body paragraph texts, in order."""
    return [p.text for p in document.paragraphs]


def open_docx(path: Path):
    return docx.Document(str(path))
