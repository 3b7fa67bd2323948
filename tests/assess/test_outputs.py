"""The outputs people read: terminal table, markdown, and the xlsx 排名表 judged by LibreOffice."""

from __future__ import annotations

import subprocess
import sys

from tests.render import char_sizes, page_sizes_mm, page_text, to_pdf
from ucm_check.cli import main


def test_the_printed_ranking_is_a4_landscape_one_page_per_group_and_readable(year, tmp_path):
    target = tmp_path / "排名表.xlsx"
    assert main(["assess", "publish", str(year), "--period", "2026-03", "-o", str(target)]) == 0
    pdf = to_pdf(target, tmp_path / "pdf")
    assert page_sizes_mm(pdf) == [(297, 210)] * 3
    assert min(char_sizes(pdf)) >= 9
    pages = page_text(pdf)
    assert "某区城市管理综合考评 2026年3月排名（街道办事处组）" in pages[0]
    assert pages[0].count("红旗") >= 3 and "黑旗" in pages[0] and "诫勉谈话" in pages[0]
    assert "缺业务局委考评，按其余" in pages[0]  # the 说明 cell wraps after it
    assert "+20%（+240000元）" in pages[2] and "-20%（-200000元）" in pages[2]


def test_the_xlsx_highlights_flags_and_keeps_composites_as_numbers(year, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "排名表.xlsx"
    assert main(["assess", "publish", str(year), "--period", "2026-03", "-o", str(target)]) == 0
    ws = load_workbook(target)["街道办事处组"]
    headers = [c.value for c in ws[3]]
    first = [c for c in ws[4]]
    assert first[headers.index("综合得分")].value == 99
    flag = first[headers.index("红黑旗")]
    assert flag.value == "红旗" and flag.fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    ranks = [row[headers.index("名次")].value for row in ws.iter_rows(min_row=4) if row[2].value]
    assert all(isinstance(v, (int, float)) for v in ranks if v != "—")  # 名次 sorts 2 before 10
    sources = [h for h in headers if h and "%" in h]
    assert sources and all(isinstance(first[headers.index(h)].value, (int, float)) for h in sources)


def test_markdown_has_a_table_per_group_with_the_weights(year, tmp_path):
    target = tmp_path / "排名.md"
    assert main(["assess", "publish", str(year), "--period", "2026-03", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "## 街道办事处组" in text and "权重：第三方考评 40% + 数字化考评 40% + 业务局委考评 15% + 区城考办考评 5%" in text
    assert "| 1 | ＝ | 西湖路街道办事处 | 99.00 |" in text


def test_the_terminal_table_aligns_chinese_columns(year, capsys):
    from ucm_check.files.textwidth import width

    capsys.readouterr()
    assert main(["assess", "rank", str(year), "--period", "2026-03"]) == 0
    lines = capsys.readouterr().out.splitlines()
    block = lines[lines.index(next(l for l in lines if l.startswith("街道办事处组"))) + 1:][:16]
    score_ends = {width(l[: l.index(s) + len(s)]) for l, s in ((l, l.split()[3]) for l in block[1:])}
    assert len(score_ends) == 1  # every composite ends in the same terminal column


def test_the_assess_commands_never_import_textual(year, tmp_path):
    probe = (f"import sys\nfrom ucm_check.cli import main\n"
             f"main(['assess', 'rank', {str(year)!r}, '--period', '2026-03', '-o', {str(tmp_path / 'x.txt')!r}])\n"
             f"main(['assess', 'history', {str(year)!r}, '--to', '2026-03'])\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"
