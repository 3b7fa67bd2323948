"""Every 自评报告 kind as LibreOffice prints it (with docs/fonts.conf), read with pdfplumber the way a
办公室 reviewer reads paper: the typical county (with its [report] filled in), a 设区市, a Henan
city (a standard without points), the blank ``init`` file and a unit with a very long name."""

from __future__ import annotations

import re

import pytest

from tests.documents.conftest import AS_OF
from tests.documents.filled import KINDS, LONG_NAME, profile as _profile
from tests.render import to_pdf

MM = 25.4 / 72
SPACE_PT = 8.3
"""An unstretched ASCII space of the 3号 body font; a stretched one on a justified line is wider."""
@pytest.fixture(scope="module")
def printed(tmp_path_factory, installed_packs):
    """kind -> (pdf path, the profile's unit name as printed) for every kind, rendered once."""
    from ucm_check.cli import main

    folder = tmp_path_factory.mktemp("kinds")
    out = {}
    for kind in KINDS:
        profile = _profile(kind, folder)
        docx = folder / f"{kind}.docx"
        assert main(["--log-level", "error", "report", str(profile), "-o", str(docx), "--as-of", AS_OF]) in (0,)
        out[kind] = to_pdf(docx, folder / f"pdf-{kind}")
    return out


def pages(pdf):
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [(p.extract_text() or "", p.chars, p.lines, p.extract_words()) for p in doc.pages]


@pytest.mark.parametrize("kind", KINDS)
def test_the_colophon_is_on_the_last_page_an_even_one_with_its_lines_at_the_bottom(printed, kind):
    got = pages(printed[kind])
    text, chars, lines, _ = got[-1]
    assert len(got) % 2 == 0 and "印发" in text and "—" not in text
    rules = [ln for ln in lines if abs(ln["top"] - ln["bottom"]) < 1 and (ln["x1"] - ln["x0"]) * MM > 150]
    assert len({round(ln["top"]) for ln in rules}) >= 2  # a thick line above and one below
    bottom = max(ln["top"] for ln in rules) * MM
    assert 297 - 35 - 15 < bottom <= 297 - 35 + 1  # at the foot of the text block
    if kind == "typical":
        assert "抄送：县人民政府办公室，县纪委监委。" in text and "某县城市管理和综合执法局办公室" in text
        assert "2026年12月20日印发" in text.replace(" ", "")


@pytest.mark.parametrize("kind", KINDS)
def test_the_signature_and_date_never_stand_on_a_page_without_body_text_above(printed, kind):
    got = pages(printed[kind])
    at = next(n for n, (text, *_) in enumerate(got) if "特此报告。" in text)
    text, _, _, words = got[at]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    closing = lines.index("特此报告。")
    dated = [n for n, ln in enumerate(lines) if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", ln.replace(" ", ""))]
    assert dated and dated[0] > closing + 1  # the 署名 and the date follow 特此报告 on the same page
    signed = "".join(ln.replace(" ", "") for ln in lines[closing + 1: dated[0]])
    assert signed == {"long": LONG_NAME, "blank": "【待填写：单位名称】"}.get(kind, signed) and signed


@pytest.mark.parametrize("kind", KINDS)
def test_the_issuer_mark_is_35_mm_down_at_least_22_pt_and_within_the_block(printed, kind):
    _, chars, lines, words = pages(printed[kind])[0]
    red = [c for c in chars if c.get("non_stroking_color") == (1.0, 0.0, 0.0) and c["size"] >= 20]
    assert red, "no red 发文机关标志"
    assert abs(min(c["top"] for c in red) * MM - (37 + 35)) < 1.5
    assert min(c["size"] for c in red) >= 22
    assert min(c["x0"] for c in red) * MM >= 28 - 0.5 and max(c["x1"] for c in red) * MM <= 184 + 0.5
    if kind == "long":
        assert len({round(c["top"]) for c in red}) >= 2  # broken into lines, not shrunk to 11 pt
        printed_name = "".join(c["text"] for c in red)
        assert printed_name == LONG_NAME + "文件"


@pytest.mark.parametrize("kind", KINDS)
def test_the_red_line_is_4_mm_below_the_document_number(printed, kind):
    _, chars, lines, words = pages(printed[kind])[0]
    red = [ln for ln in lines if ln.get("stroking_color") == (1.0, 0.0, 0.0)]
    signer = next(w for w in words if w["text"].startswith("签发人"))
    assert red and abs((red[0]["top"] - signer["bottom"]) * MM - 4) < 1
    assert round(red[0]["x0"] * MM) == 28 and round(red[0]["x1"] * MM) == 184


@pytest.mark.parametrize("kind", KINDS)
def test_no_line_of_body_text_is_stretched_past_one_and_a_half_times_its_spacing(printed, kind):
    for _, chars, _, _ in pages(printed[kind]):
        body = [c for c in chars if round(c["size"]) == 16 and c["text"] != " "]  # U+3000 is a character
        by_line = {}
        for c in body:
            by_line.setdefault(round(c["top"]), []).append(c)
        for row in by_line.values():
            if "签" in "".join(c["text"] for c in row):
                continue  # the 发文字号 line: the 签发人 stands at a right tab on purpose
            row.sort(key=lambda c: c["x0"])
            gaps = [b["x0"] - a["x1"] for a, b in zip(row, row[1:])]
            assert max(gaps, default=0) <= SPACE_PT * 1.5, "".join(c["text"] for c in row)


def test_a_long_unit_name_breaks_the_title_after_an_organ_never_inside_a_word(printed):
    text = pages(printed["long"])[0][0]
    lines = [ln.replace(" ", "") for ln in text.splitlines()]
    assert "湘西土家族苗族自治州" in lines and "城市管理综合行政执法大队" in lines
    assert not any(ln.endswith("管理和综合") for ln in lines)


def test_the_henan_report_never_says_no_deductions_for_a_standard_without_points(printed):
    printed_text = "".join(t for t, *_ in pages(printed["henan"]))
    assert "扣分项" not in printed_text and "另有0项" not in printed_text and "HN-" not in printed_text
