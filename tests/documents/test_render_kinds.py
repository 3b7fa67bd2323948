"""The other printed kinds on the same profiles as the report: the plan workbook of the typical
county, a 设区市, a Henan city, the blank ``init`` file and a unit with a very long name, and the
责任书 of a unit with a very long name, as LibreOffice prints them (issue 21)."""

from __future__ import annotations

import re

import openpyxl
import pytest

from tests.documents.conftest import AS_OF
from tests.documents.filled import KINDS, LONG_NAME, profile as _profile
from tests.render import char_sizes, page_sizes_mm, page_text, to_pdf

NUMBER_AS_TEXT = re.compile(r"-?\d+(\.\d+)?|\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory, installed_packs):
    from ucm_check.cli import main

    folder = tmp_path_factory.mktemp("plans")
    out = {}
    for kind in KINDS:
        profile = _profile(kind, folder)
        book = folder / f"{kind}.xlsx"
        assert main(["--log-level", "error", "plan", str(profile), "--as-of", AS_OF, "--format", "xlsx",
                     "-o", str(book)]) == 0
        out[kind] = (book, to_pdf(book, folder / f"pdf-{kind}"))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_the_plan_workbook_prints_on_a4_landscape_at_9_pt_or_more(workbooks, kind):
    book, pdf = workbooks[kind]
    assert set(page_sizes_mm(pdf)) == {(297, 210)}
    assert min(char_sizes(pdf)) >= 9
    assert all(re.search(r"第 \d+ 页 共 \d+ 页", p) for p in page_text(pdf))


@pytest.mark.parametrize("kind", KINDS)
def test_no_cell_of_the_plan_workbook_holds_a_number_or_a_date_as_text(workbooks, kind):
    book, _ = workbooks[kind]
    for ws in openpyxl.load_workbook(book):
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                assert not (isinstance(cell.value, str) and NUMBER_AS_TEXT.fullmatch(cell.value)), (
                    ws.title, cell.coordinate, cell.value)


def test_a_long_unit_names_letter_breaks_its_signature_block_after_an_organ(tmp_path, capsys):
    import shutil

    from tests.documents.conftest import PROFILES, TYPICAL, run

    county = tmp_path / "county.toml"
    shutil.copy(TYPICAL, county)
    plan = tmp_path / "county.plan.toml"
    plan.write_text((PROFILES / "hunan-county-typical.plan.toml").read_text(encoding="utf-8")
                    .replace('"一中队"', f'"{LONG_NAME}"'), encoding="utf-8")
    out = tmp_path / "long.docx"
    code, _, err = run(capsys, "letters", str(county), "--unit", LONG_NAME, "-o", str(out), "--as-of", AS_OF,
                       "--no-entry-points")
    assert code == 0, err
    pages = page_text(to_pdf(out, tmp_path / "pdf"))
    last = [ln.replace(" ", "") for ln in pages[-1].splitlines()]
    assert "城市管理综合行政执法大队" in "".join(last) and "（盖章）" in "".join(last)
    assert not any(ln.endswith(("管理和综合", "城市管理综合行政")) for ln in last)
