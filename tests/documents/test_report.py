"""``ucm-check report`` as a bureau uses it: the typical county's profile and plan in, a 自评报告
.docx out, read back with python-docx and compared with what ``check --format json`` says."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.documents.conftest import AS_OF, open_docx, run, table_rows, texts
from ucm_check.documents.report import EVIDENCE_HEADERS, PLAN_HEADERS, SCORE_HEADERS


@pytest.fixture
def report(capsys, county):
    out = county.with_name("自评报告.docx")
    code, _, err = run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0, err
    return out, err


def json_profile(capsys, county) -> dict:
    code, out, _ = run(capsys, "check", str(county), "--format", "json", "--as-of", AS_OF, "--no-entry-points")
    assert code == 0
    return json.loads(out)["profiles"][0]


def find_table(document, headers):
    return next(t for t in document.tables if [c.text for c in t.rows[0].cells] == list(headers))


def east_asian(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_page_is_a4_with_the_official_margins_and_a_22_line_grid(report):
    document = open_docx(report[0])
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert grid.get(qn("w:type")) == "lines" and 22 * pitch_pt <= 225 / 25.4 * 72 < 23 * pitch_pt
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing.pt == pitch_pt and normal.font.size.pt == 16
    advance = 16 + int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert 28 * advance <= 156 / 25.4 * 72 < 29 * advance  # 28 characters a line


def test_styles_name_the_east_asian_fonts_of_the_standard(report):
    document = open_docx(report[0])
    assert east_asian(document.styles["Normal"]) == "仿宋_GB2312"
    assert east_asian(document.styles["公文标题"]) == "方正小标宋简体" and document.styles["公文标题"].font.size.pt == 22
    assert east_asian(document.styles["一级标题"]) == "黑体" and east_asian(document.styles["二级标题"]) == "楷体_GB2312"
    assert east_asian(document.styles["页码"]) == "宋体" and document.styles["页码"].font.size.pt == 14
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs if p.style.name == "一级标题"] == [
        "一、基本情况", "二、主要做法和成效", "三、自评得分情况", "四、存在的问题", "五、整改措施", "六、佐证材料目录"]
    assert [p.text for p in paragraphs if p.style.name == "二级标题"] == ["（一）问题清单", "（二）路线图"]
    fallbacks = document.part.package.part_related_by  # the font table declares each fallback
    font_table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")).blob.decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in font_table and fallbacks


def test_page_numbers_sit_right_on_odd_pages_and_left_on_even_pages(report):
    document = open_docx(report[0])
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for p in (odd, even):
        assert p.text == "— 1 —" and "PAGE" in p._p.xml


def test_the_score_table_says_what_the_json_report_says(capsys, county, report):
    expected = json_profile(capsys, county)
    rows = table_rows(find_table(open_docx(report[0]), SCORE_HEADERS))[1:]
    by_title = {row[0].split("、", 1)[-1]: row for row in rows}
    for area in expected["areas"]:
        name, full, deducted, score, unanswered = by_title[area["title"]]
        assert Decimal(full) == Decimal(str(area["max"]))
        assert Decimal(score.lstrip("+")) == Decimal(str(area["score"]))
        assert deducted == "—" if area["kind"] == "bonus" else Decimal(deducted) == Decimal(str(area["points"]))
        assert int(unanswered) == area["unanswered"]
    subtotal = next(r for r in rows if r[0] == "扣分项合计")
    assert subtotal[:4] == ["扣分项合计", "100", "17.3", "82.7"] and Decimal(subtotal[2]) == Decimal(str(expected["deducted"]))
    assert rows.index(subtotal) == 12 and rows[13][0] == "加分评价"  # the twelve areas, their sum, then the bonus
    assert rows[-1][0] == "总分（含加分）" and Decimal(rows[-1][3]) == Decimal(str(expected["total"])) == Decimal("86.2")


def test_problems_and_plan_items_are_the_json_gaps_with_units_and_deadlines_from_the_plan(capsys, county, report):
    expected = json_profile(capsys, county)
    document = open_docx(report[0])
    body = texts(document)
    problems = [t for t in body if t.split(".", 1)[0].isdigit() and "湘建执函" in t]
    assert len(problems) == len(expected["gaps"]) == 17
    assert "1.文明单位创建：文明（或文明标兵）单位创建方案的状态：方案未落实（湘建执函〔2020〕94号附件一（一）2（3）；扣2分）" in body
    items = table_rows(find_table(document, PLAN_HEADERS))[1:]
    assert len(items) == 17
    dress = next(r for r in items if r[1].startswith("执法着装规范"))
    assert dress[3] == "督查科（牵头）；一中队、二中队" and dress[4] == "2027-01-31\n整改中"
    late = next(r for r in items if r[1].startswith("及时完成交办工作"))
    assert late[4] == "2026-12-09\n未开始，逾期"  # overdue on 2026-12-15, said in the document too
    assert any(f"逾期未完成1项（问题清单第{items.index(late) + 1}项）" in t for t in body)
    assert [r[1] for r in items] == [t.split(".", 1)[1].split("（湘建执函")[0] for t in problems]  # numbered as 四


def test_the_roadmap_lists_milestones_and_deadlines_in_time_order(report):
    document = open_docx(report[0])
    rows = table_rows(find_table(document, ("时间", "问题序号", "内容", "状态")))[1:]
    items = table_rows(find_table(document, PLAN_HEADERS))[1:]
    number = {r[1].split("：")[0]: r[0] for r in items}
    dates = [r[0] for r in rows]
    assert dates == sorted(dates)
    assert ["2026-12-10", number["执法着装规范"], "阶段节点：第一轮着装风纪督查", "已完成"] in rows
    assert ["2026-12-05", number["执法车辆管理制度"], "阶段节点：修订执法车辆管理制度", "已完成"] in rows


def test_missing_own_words_become_marked_placeholders_never_invented_text(report):
    document = open_docx(report[0])
    body = texts(document)
    at = body.index("二、主要做法和成效")
    assert body[at + 1].startswith("【待填写：主要做法和成效")
    highlighted = [r for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert {r.text for r in highlighted} >= {"【待填写：发文字号】", "【待填写：签发人】", "【待填写：主送机关】"}
    assert "待填写：主要做法和成效" in report[1]  # and the command says what is missing


def test_the_report_table_of_the_profile_fills_the_placeholders(capsys, county):
    text = county.read_text(encoding="utf-8") + (
        '\n[report]\nrecipient = "市城市管理和综合执法局"\ndoc_number = "某城执〔2026〕12号"\nsigner = "李四"\n'
        'date = 2026-12-20\npractices = """\n一是建立周调度机制。\n\n二是开展着装风纪专项督查。\n"""\ncontact = "王五，0731-00000000"\n')
    county.write_text(text, encoding="utf-8")
    out = county.with_name("r.docx")
    code, _, err = run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0 and "待填写：佐证材料目录（档案 [evidence] 表）" in err and "[report]" not in err
    document = open_docx(out)
    body = texts(document)
    assert [t for t in body if "待填写" in t] == ["【待填写：佐证材料目录（在档案的[evidence]表中登记佐证材料后自动列出）】"]
    at = body.index("二、主要做法和成效")
    assert body[at + 1: at + 3] == ["一是建立周调度机制。", "二是开展着装风纪专项督查。"]
    assert "市城市管理和综合执法局：" in body and "2026年12月20日" in body and "（联系人：王五，0731-00000000）" in body
    assert "\u3000某城执〔2026〕12号\t签发人：李四" in body


def test_an_incomplete_profile_states_what_is_missing_and_the_lowest_total(capsys, tmp_path):
    from tests.documents.conftest import PROFILES

    profile = tmp_path / "inc.toml"
    profile.write_bytes((PROFILES / "hunan-county-incomplete.toml").read_bytes())
    out = tmp_path / "inc.docx"
    assert run(capsys, "report", str(profile), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")[0] == 0
    expected = json_profile(capsys, profile)["completeness"]
    body = "".join(texts(open_docx(out)))
    assert f"{expected['unanswered']}项未填写" in body and "不能视为达标" in body
    assert f"最低可能总分为{Decimal(str(expected['lowest_total'])).normalize():f}分" in body
    assert "整改台账尚未建立" in body  # no plan beside it: said so, units not invented


def test_evidence_is_catalogued_with_file_names_and_hashes(capsys, county):
    import hashlib

    folder = county.parent / "佐证"
    folder.mkdir()
    (folder / "督查通报.pdf").write_bytes(b"%PDF-1.4 dress inspection")
    county.write_text(county.read_text(encoding="utf-8") + '\n[evidence]\nHN-03-2 = ["佐证/督查通报.pdf", "佐证/缺失.pdf"]\n', encoding="utf-8")
    out = county.with_name("r.docx")
    assert run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")[0] == 0
    rows = table_rows(find_table(open_docx(out), EVIDENCE_HEADERS))[1:]
    sha = hashlib.sha256(b"%PDF-1.4 dress inspection").hexdigest()
    assert rows[0] == ["1", "一（三）2（2）", "佐证/督查通报.pdf\n（哈希尚未记录）", f"{sha[:32]}\n{sha[32:]}"]
    assert rows[1] == ["2", "一（三）2（2）", "佐证/缺失.pdf\n（文件缺失或不可用）", "—"]


def test_a_missing_profile_or_an_invalid_plan_exits_2_in_chinese_and_writes_nothing(capsys, county, tmp_path):
    out = tmp_path / "r.docx"
    code, _, err = run(capsys, "report", str(tmp_path / "nope.toml"), "-o", str(out))
    assert code == 2 and "无法读取" in err and "未生成文件" in err and not out.exists()
    county.with_name("county.plan.toml").write_text("[plan]\nprofile = \"county.toml\"\n[[items]]\nid = 3\n", encoding="utf-8")
    code, _, err = run(capsys, "report", str(county), "-o", str(out), "--no-entry-points")
    assert code == 2 and "county.plan.toml:4:" in err and "整改台账" in err and not out.exists()


def test_an_unknown_key_in_the_report_table_is_located(capsys, county, tmp_path):
    county.write_text(county.read_text(encoding="utf-8") + '\n[report]\npractice = "x"\ndate = "昨天"\n', encoding="utf-8")
    code, _, err = run(capsys, "report", str(county), "-o", str(tmp_path / "r.docx"), "--no-entry-points")
    line = county.read_text(encoding="utf-8").splitlines().index('practice = "x"') + 1
    assert code == 2
    assert f"county.toml:{line}:1: 错误：[report] 中有未知字段 “practice”，是否想写 “practices”？" in err
    assert "report.date（成文日期" in err


def test_an_existing_report_is_replaced_whole(capsys, county):
    out = county.with_name("r.docx")
    out.write_bytes(b"old")
    assert run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")[0] == 0
    assert open_docx(out).paragraphs and not [p for p in county.parent.iterdir() if p.name.endswith(".tmp")]


def test_property_elements_keep_the_order_word_requires(report):
    from ucm_check.documents.layout import _PPR_ORDER, _RPR_ORDER

    document = open_docx(report[0])
    parts = [document.element, document.styles.element, document.sections[0].footer._element,
             document.sections[0].even_page_footer._element]
    checked = 0
    for root in parts:
        for tag, order in (("w:pPr", _PPR_ORDER), ("w:rPr", _RPR_ORDER)):
            for props in root.iter(qn(tag)):
                names = [c.tag.split("}")[1] for c in props if c.tag.split("}")[1] in order]
                assert names == sorted(names, key=order.index), names
                checked += 1
    assert checked > 100


def test_writing_the_report_loads_no_textual(county):
    import subprocess
    import sys

    body = (f"import sys\nfrom ucm_check.cli import main\nmain(['report', {str(county)!r}, '-o', {str(county.with_name('x.docx'))!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    run_ = subprocess.run([sys.executable, "-c", body], capture_output=True, text=True, check=True)
    assert run_.stdout.strip() == "[]" and county.with_name("x.docx").exists()


def test_a_standard_without_points_gets_a_status_table_and_no_score(capsys, tmp_path, installed_packs):
    from collections import Counter

    from tests.documents.conftest import PROFILES
    from ucm_check.documents.obligations import STATUS_HEADERS
    from ucm_check.ci.formats.text import OBLIGATION_STATUSES

    profile = tmp_path / "city.toml"
    profile.write_bytes((PROFILES / "henan-city.toml").read_bytes())
    out = tmp_path / "city.docx"
    code, _, err = run(capsys, "report", str(profile), "-o", str(out), "--as-of", AS_OF)
    assert code == 0 and "总分" not in err, err
    document = open_docx(out)
    rows = table_rows(find_table(document, STATUS_HEADERS))[1:]
    code, text, _ = run(capsys, "check", str(profile), "--format", "json", "--as-of", AS_OF)
    expected = json.loads(text)["profiles"][0]
    names = {name: status for status, name in OBLIGATION_STATUSES.items()}
    for area, row in zip(expected["areas"], rows):
        counts = Counter(f["status"] for f in area["findings"])
        assert row[0] == f"{area['number']}、{area['title']}"
        assert [int(v) for v in row[1:]] == [counts[names[h]] for h in STATUS_HEADERS[1:]]
    body = "".join(texts(document))
    assert "不计分" in body and "总分" not in body and "扣分项合计" not in body
    assert len([t for t in texts(document) if t.split(".", 1)[0].isdigit() and "豫建" in t]) == len(expected["gaps"]) > 0


def test_a_plan_lagging_behind_the_profile_is_reported_in_memory_and_never_rewritten(capsys, county):
    plan = county.with_name("county.plan.toml")
    before = plan.read_bytes()
    county.write_text(county.read_text(encoding="utf-8").replace("certificate_rate = 93.8", "certificate_rate = 96"),
                      encoding="utf-8")
    out = county.with_name("r.docx")
    code, _, err = run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0 and "整改台账与档案不一致（新增 0 项，可销号 1 项）" in err
    assert plan.read_bytes() == before
    rows = table_rows(find_table(open_docx(out), PLAN_HEADERS))[1:]
    certificate = next(r for r in rows if r[1].startswith("持执法证率"))
    assert certificate[4].endswith("可销号")


def test_an_output_folder_that_does_not_exist_exits_2_with_a_chinese_message(capsys, county):
    out = county.parent / "没有这个目录" / "r.docx"
    code, _, err = run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 2 and f"{out}: 错误：无法保存：" in err and "Traceback" not in err and not out.exists()


def test_short_name_cc_printer_and_print_date_fill_the_letterhead_signature_and_colophon(capsys, county):
    county.write_text(county.read_text(encoding="utf-8") + (
        '\n[report]\nshort_name = "某县城管执法局"\ncc = "县人民政府办公室，县纪委监委"\n'
        'printed_by = "某县城管执法局办公室"\nprinted_on = 2026-12-22\ndate = 2026-12-20\n'), encoding="utf-8")
    out = county.with_name("r.docx")
    code, _, err = run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0, err
    document = open_docx(out)
    body = texts(document)
    assert body[0] == "某县城管执法局文件"
    closing = body.index("特此报告。")
    signed = [t for t in body[closing + 1:] if t][:2]
    assert signed == ["某县城管执法局", "2026年12月20日"]
    assert "\u3000抄送：县人民政府办公室，县纪委监委。" in body
    assert "\u3000某县城管执法局办公室\t2026年12月22日印发" in body
    assert len(document.sections) == 2 and document.sections[1].start_type == WD_SECTION.EVEN_PAGE
    assert "某县城市管理和综合执法局" in body[body.index("一、基本情况") + 1]  # the full name where it is stated


def test_a_print_date_that_is_no_date_is_located_and_exits_2(capsys, county):
    county.write_text(county.read_text(encoding="utf-8") + '\n[report]\nprinted_on = "下周"\n', encoding="utf-8")
    code, _, err = run(capsys, "report", str(county), "-o", str(county.with_name("r.docx")), "--no-entry-points")
    assert code == 2 and "report.printed_on（印发日期" in err and "应为日期" in err
    assert not county.with_name("r.docx").exists()
