"""LibreOffice judges the Word files: A4 pages, a sensible page count, the 3号 body and the page
numbers where GB/T 9704 puts them. Skipped (with the reason) when LibreOffice is not installed."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.documents.conftest import AS_OF, run
from tests.render import page_sizes_mm, page_text, to_pdf


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    import shutil

    from tests.documents.conftest import PROFILES, TYPICAL
    from ucm_check.cli import main

    folder = tmp_path_factory.mktemp("render")
    shutil.copy(TYPICAL, folder / "county.toml")
    shutil.copy(PROFILES / "hunan-county-typical.plan.toml", folder / "county.plan.toml")
    assert main(["--log-level", "error", "report", str(folder / "county.toml"), "-o", str(folder / "report.docx"),
                 "--as-of", AS_OF, "--no-entry-points"]) == 0
    return to_pdf(folder / "report.docx", folder / "pdf")


def test_the_report_prints_on_a4_in_a_handful_of_pages(report_pdf):
    sizes = page_sizes_mm(report_pdf)
    assert set(sizes) == {(210, 297)}
    assert 6 <= len(sizes) <= 14  # 17 problems, a 17-row plan and its roadmap: about ten pages


def test_every_page_carries_its_number_between_dashes_but_the_colophon_page_and_a_blank_before_it(report_pdf):
    pages = page_text(report_pdf)
    colophon = next(n for n, text in enumerate(pages) if "印发" in text)
    assert colophon == len(pages) - 1 and len(pages) % 2 == 0  # the 版记 is on the last page, an even one
    for n, text in enumerate(pages[:colophon], 1):
        if text.strip():
            assert f"— {n} —" in text.splitlines()[-1]
        else:
            assert n == colophon  # only the page right before the 版记 may be blank (GB/T 9704 §7.5)
    assert "—" not in pages[colophon]


def test_the_body_is_set_in_3hao_and_the_title_in_2hao(report_pdf):
    import pdfplumber

    with pdfplumber.open(report_pdf) as doc:
        sizes = Counter(round(c["size"]) for p in doc.pages for c in p.chars if c["text"].strip())
        first = doc.pages[0]
        title = [c for c in first.chars if round(c["size"]) == 22]
    assert sizes.most_common(1)[0][0] in (16, 12)  # body text and the tables' 小四
    assert sizes[16] > 1000 and "".join(c["text"] for c in title).startswith("某县城市管理和综合执法局关于2020年度自评情况的报告")


def test_body_lines_fall_on_a_22_line_grid(report_pdf):
    import pdfplumber

    with pdfplumber.open(report_pdf) as doc:
        page = doc.pages[2]  # a page of plain body text (存在的问题)
        tops = sorted({round(c["top"], 1) for c in page.chars if round(c["size"]) == 16})
    gaps = Counter(round(b - a, 1) for a, b in zip(tops, tops[1:]))
    pitch = gaps.most_common(1)[0][0]
    assert abs(pitch - 225 / 25.4 * 72 / 22) < 0.2  # 28.95 pt
    lines = [t for t in tops if t < 842 - 35 / 25.4 * 72]
    assert len(lines) <= 22


def test_a_line_of_body_text_holds_28_characters(report_pdf):
    import pdfplumber

    with pdfplumber.open(report_pdf) as doc:
        page = doc.pages[2]
        rows: dict[float, list] = {}
        for c in page.chars:
            if round(c["size"]) == 16:
                rows.setdefault(round(c["top"], 1), []).append(c)
    full = [r for r in rows.values() if all(len(c["text"].encode()) == 3 for c in r)]  # lines of CJK only
    assert full and max(len(r) for r in full) == 28


@pytest.fixture(scope="module")
def letter_pdf(report_pdf):
    from ucm_check.cli import main

    folder = report_pdf.parent.parent
    out = folder / "督查科.docx"
    assert main(["--log-level", "error", "letters", str(folder / "county.toml"), "--unit", "督查科", "-o", str(out),
                 "--as-of", AS_OF, "--no-entry-points"]) == 0
    return to_pdf(out, folder / "letter")


def test_the_inspection_office_letter_prints_on_a4_with_its_items_and_signature_block(letter_pdf):
    sizes = page_sizes_mm(letter_pdf)
    assert set(sizes) == {(210, 297)} and 2 <= len(sizes) <= 5  # six items, their milestones, terms, signatures
    pages = page_text(letter_pdf)
    assert pages[0].startswith("整改工作责任书")
    assert "负责人（签字）" in pages[-1] and "（盖章）" in pages[-1]
    for n, text in enumerate(pages, 1):
        assert f"— {n} —" in text.splitlines()[-1]


def test_the_red_issuer_mark_sits_35_mm_down_and_the_red_line_4_mm_below_the_number(report_pdf):
    import pdfplumber

    mm = 25.4 / 72
    with pdfplumber.open(report_pdf) as doc:
        page = doc.pages[0]
        mark = [c for c in page.chars if c["size"] > 25]
        lines = [ln for ln in page.lines if ln.get("stroking_color") == (1.0, 0.0, 0.0)]
        words = page.extract_words()
    assert "".join(c["text"] for c in mark) == "某县城市管理和综合执法局文件"
    assert all(c["non_stroking_color"] == (1.0, 0.0, 0.0) for c in mark)
    assert abs(mark[0]["top"] * mm - (37 + 35)) < 1.5  # §7.2.4: 35 mm below the top of the text block
    number = [w for w in words if w["text"].startswith("【待填写：发文字号")][0]
    assert abs((lines[0]["top"] - number["bottom"]) * mm - 4) < 1  # §7.2.7: 4 mm below the 发文字号
    assert lines and round(lines[0]["x0"] * mm) == 28 and round(lines[0]["x1"] * mm) == 184  # as wide as the block
    assert lines[0]["top"] > mark[0]["bottom"]
