"""The journey of a bureau that has not finished: ``init`` writes the blank file, ``report`` turns it
into a 自评报告 at once. Until every rule is answered no total stands without its range, no
sentence says the unit is compliant, and the missing unit name is a highlighted 【待填写】 —
in the Word file (python-docx), as LibreOffice prints it, and on stderr."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.documents.conftest import AS_OF, PROFILES, open_docx, run
from tests.render import page_text, to_pdf

CLAIMS = ("未发现扣分项", "无需整改", "均已达标", "符合要求")


def all_text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def bare_totals(text: str) -> list[str]:
    """Sentences or cells stating a total (总分/暂计 with a number) without the range it can take."""
    pieces = re.split(r"[。；\n]", re.sub(r"\n(?=可能)", "", text))  # the score cell's two lines
    return [s for s in pieces if re.search(r"(总分|暂计)\D{0,6}\d", s) and "～" not in s and "最低" not in s]


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("blank")
    profile = folder / "乙县.toml"
    from ucm_check.cli import main

    assert main(["--log-level", "error", "init", str(profile), "--level", "县市区"]) == 0
    return profile


@pytest.fixture(scope="module")
def incomplete(tmp_path_factory):
    folder = tmp_path_factory.mktemp("incomplete")
    profile = folder / "inc.toml"
    shutil.copy(PROFILES / "hunan-county-incomplete.toml", profile)
    return profile


def make_report(capsys, profile: Path) -> tuple[Path, str]:
    out = profile.with_suffix(".docx")
    code, _, err = run(capsys, "report", str(profile), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0, err
    return out, err


@pytest.mark.parametrize("which", ["blank", "incomplete"])
def test_an_unfinished_report_never_states_a_bare_total_or_claims_compliance(capsys, request, which):
    out, err = make_report(capsys, request.getfixturevalue(which))
    text = all_text(open_docx(out))
    assert "暂计" in text and re.search(r"可能\d+(\.\d+)?～\d+", text)
    assert bare_totals(text) == []
    assert [c for c in CLAIMS if c in text] == []
    assert re.search(r"暂计\d+(\.\d+)?分，已答\d+/\d+，可能\d+(\.\d+)?～\d+(\.\d+)?分", err), err
    assert "总分 " not in err


def test_the_total_row_of_the_score_table_carries_its_range(capsys, blank):
    out, _ = make_report(capsys, blank)
    total = next(row for t in open_docx(out).tables for row in t.rows if row.cells[0].text == "总分（含加分）")
    assert total.cells[3].text == "暂计100\n可能6～120"  # check says 总分未定 (6～120) for the same file


def test_the_missing_unit_name_is_highlighted_wherever_it_stands_and_listed(capsys, blank):
    out, err = make_report(capsys, blank)
    document = open_docx(out)
    assert "请填写单位名称" not in all_text(document)
    marked = [p for p in document.paragraphs if "【待填写：单位名称】" in p.text]
    assert marked[0].text == "【待填写：单位名称】文件"  # the red 发文机关标志
    assert len(marked) >= 4  # mark, title, 基本情况, 署名
    for p in marked:
        run_ = next(r for r in p.runs if r.text == "【待填写：单位名称】")
        assert run_.font.highlight_color is not None
    assert "待填写：单位名称" in err and document.core_properties.author == ""


@pytest.mark.parametrize("which", ["blank", "incomplete"])
def test_libreoffice_prints_no_bare_total_and_no_claim_of_compliance(capsys, request, which, tmp_path):
    out, _ = make_report(capsys, request.getfixturevalue(which))
    pages = page_text(to_pdf(out, tmp_path / "pdf"))
    printed = "\n".join(pages)
    assert bare_totals(printed) == [] and [c for c in CLAIMS if c in printed] == []
    assert "可能" in printed and "暂计" in printed
    if which == "blank":
        assert "【待填写：单位名称】文件" in pages[0].replace(" ", "").replace("\n", "")
