"""Row heights of the XLSX 整改台账 as LibreOffice prints them: every row holds its wrapped text
(nothing cut at a row's rule) without large blanks. Rendered for the typical county, a 设区市, a
Henan city and a unit with a very long name, then measured with pdfplumber: the characters' boxes
against the band between two of the table's horizontal rules.

Rows are sized for both Excel and LibreOffice (``ucm_check.plan.sheetlayout``). Excel's columns are
about 6 % narrower on paper, so where its text takes a line more LibreOffice prints that line
blank: the bounds below allow one such line in a row (measured: 14 of the typical county's 90
rows have one, none has two), never a row padded by habit."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.documents.filled import profile
from tests.render import to_pdf

AS_OF = "2026-12-15"
KINDS = ("typical", "city", "henan", "long")


@pytest.fixture(scope="module")
def printed(tmp_path_factory, installed_packs):
    """kind -> the PDF LibreOffice prints of ``ucm-check plan --format xlsx`` for that profile."""
    from tests.documents.conftest import PROFILES
    from ucm_check.cli import main

    folder = tmp_path_factory.mktemp("plan-rows")
    out = {}
    for kind in KINDS:
        path = profile(kind, folder)
        if kind == "long":  # the typical county's plan, under its long name
            shutil.copy(PROFILES / "hunan-county-typical.plan.toml", folder / "long.plan.toml")
        book = folder / f"{kind}.xlsx"
        assert main(["--log-level", "error", "plan", str(path), "--format", "xlsx", "-o", str(book),
                     "--as-of", AS_OF]) == 0
        out[kind] = to_pdf(book, folder / f"pdf-{kind}")
    return out


def bands(pdf: Path) -> list[dict]:
    """Every table row on every page: its top and bottom rule and the characters between them;
    ``first`` marks the first row of a page (the repeated header)."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            rules: list[float] = []
            for y in sorted(e["top"] for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 5):
                if not rules or y - rules[-1] > 2:
                    rules.append(y)
            chars = [c for c in page.chars if c["text"].strip()]
            for n, (top, bottom) in enumerate(zip(rules, rules[1:])):
                inside = [c for c in chars if c["bottom"] > top + 0.5 and c["top"] < bottom - 0.5]
                if inside:
                    out.append({"top": top, "bottom": bottom, "chars": inside, "first": n == 0, "rules": rules})
    return out


def pitch(rows: list[dict]) -> float:
    """The line pitch of 10 pt text as printed: the commonest gap between successive lines of a cell."""
    gaps: Counter[float] = Counter()
    for row in rows:
        by_column: dict[int, list[float]] = {}
        for c in row["chars"]:
            if abs(c["size"] - 10) < 0.2:
                by_column.setdefault(round(c["x0"] / 40), []).append(round(c["top"], 1))
        for tops in by_column.values():
            lines = sorted(set(tops))
            gaps.update(round(b - a, 1) for a, b in zip(lines, lines[1:]) if 5 < b - a < 30)
    assert gaps, "no cell with two lines of 10 pt text"
    return gaps.most_common(1)[0][0]


@pytest.mark.parametrize("kind", KINDS)
def test_no_line_of_text_is_cut_by_a_row_rule(printed, kind):
    for row in bands(printed[kind]):
        for c in row["chars"]:
            crossed = [y for y in row["rules"] if c["top"] + 0.5 < y < c["bottom"] - 0.5]
            assert not crossed, f"{c['text']!r} at {c['top']:.1f}-{c['bottom']:.1f} pt crosses a row rule"


@pytest.mark.parametrize("kind", KINDS)
def test_no_row_leaves_two_lines_blank_under_its_text(printed, kind):
    rows = bands(printed[kind])
    line = pitch(rows)
    for row in rows:
        if row["first"]:
            continue
        blank = row["bottom"] - max(c["bottom"] for c in row["chars"])
        assert blank < 2 * line, (f"{blank:.1f} pt blank ({blank / line:.1f} lines) under "
                                    f"{''.join(c['text'] for c in row['chars'])[:30]}")


@pytest.mark.parametrize("kind", KINDS)
def test_the_header_row_is_as_tall_as_its_longest_header_and_at_most_a_line_more(printed, kind):
    """The header row was three lines tall for one-line headers. A month label of the 时间表 may take
    a line more in Excel's narrower column, so one spare line is allowed."""
    rows = bands(printed[kind])
    line = pitch(rows)
    for row in (r for r in rows if r["first"]):
        text = max(c["bottom"] for c in row["chars"]) - min(c["top"] for c in row["chars"])
        assert row["bottom"] - row["top"] - text < 2 * line, "the header row has two lines or more to spare"
