"""The profiles a reviewer's documents are made from, shared by the render tests and by
``docs/img/make.py`` (the README's pictures show the very documents the tests measure)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.documents.conftest import PROFILES, TYPICAL

LONG_NAME = "湘西土家族苗族自治州凤凰县城市管理和综合执法局城市管理综合行政执法大队"
"""A unit name long enough to break the 版头, the title and the 署名 (issue 21, item 3)."""
FILLED = '''
[report]
recipient = "市城市管理和综合执法局"
doc_number = "某城执〔2026〕12号"
signer = "李四"
date = 2026-12-20
practices = """
一是建立周调度机制，每周梳理一次问题清单。
二是开展着装风纪专项督查，发现问题当场纠正。
"""
contact = "王五，0731-00000000"
cc = "县人民政府办公室，县纪委监委"
printed_by = "某县城市管理和综合执法局办公室"
'''
"""A ``[report]`` table with every field a bureau fills in, appended to the typical county's profile."""
KINDS = ("typical", "city", "henan", "blank", "long")
"""The profiles every document kind is rendered for: the typical county with ``[report]`` filled in,
a 设区市, a Henan city (a standard without points), the blank ``init`` file and a long unit name."""


def profile(kind: str, folder: Path) -> Path:
    """Write the profile of ``kind`` (one of :data:`KINDS`) into ``folder`` and return its path; the
    typical county gets its bundled plan beside it."""
    from ucm_check.cli import main

    path = folder / f"{kind}.toml"
    if kind == "blank":
        assert main(["--log-level", "error", "init", str(path), "--level", "县市区"]) == 0
        return path
    source = {"typical": TYPICAL, "long": TYPICAL, "city": PROFILES / "hunan-city.toml",
              "henan": PROFILES / "henan-city.toml"}[kind]
    text = source.read_text(encoding="utf-8")
    if kind == "typical":
        text += FILLED
        shutil.copy(PROFILES / "hunan-county-typical.plan.toml", folder / "typical.plan.toml")
    if kind == "long":
        text = text.replace('name = "某县城市管理和综合执法局"', f'name = "{LONG_NAME}"', 1)
        assert LONG_NAME in text
    path.write_text(text, encoding="utf-8")
    return path
