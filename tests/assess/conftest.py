"""A district folder with a year of imported scores, built once per test session through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.assess.district import build_year
from ucm_check.cli import main


@pytest.fixture(scope="session")
def year(tmp_path_factory) -> Path:
    """The district after importing 2026-01 .. 2026-12 (do not modify: copy with ``fresh_year``)."""
    return build_year(tmp_path_factory.mktemp("year") / "district")


@pytest.fixture
def fresh_year(year, tmp_path) -> Path:
    """A private copy of the year folder a test may change."""
    target = tmp_path / "district"
    shutil.copytree(year, target)
    return target


def ranked(folder: Path, period: str, capsys) -> dict:
    """``assess rank --format json`` for ``period``, parsed."""
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", period, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def rows_by_short(doc: dict, group: str) -> dict[str, dict]:
    """The group's rows keyed by short name."""
    found = next(g for g in doc["groups"] if g["id"] == group)
    return {r["short"]: r for r in found["rows"]}


def kept_lines(folder: Path, period: str, source: str) -> list[str] | None:
    """``source``'s kept lines for ``period`` as they read in its own file before ``inputs.csv``
    (header ``单位名称,得分,来源``, then one line per unit), or None when it has none."""
    path = folder / "history" / period / "inputs.csv"
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "来源编号,单位名称,得分,来源"
    own = [line.split(",", 1)[1] for line in lines[1:] if line.startswith(f"{source},")]
    return ["单位名称,得分,来源", *own] if own else None
