"""Text a Word file cannot hold, and text longer than its fields: the documents are still written,
the user is told which field was cleaned, and nothing ends in an internal error (issue 24)."""

from __future__ import annotations

import zipfile

from tests.documents.conftest import AS_OF, open_docx, run, texts


def test_control_characters_in_report_and_plan_fields_are_dropped_with_a_warning_naming_the_field(capsys, county):
    county.write_text(county.read_text(encoding="utf-8")
                      + '\n[report]\npractices = "一是\\u0001建立周调度机制。\\u001f"\nsigner = "李\\u0008四"\n',
                      encoding="utf-8")
    plan = county.with_name("county.plan.toml")
    text = plan.read_text(encoding="utf-8")
    at = text.index('measures = "', text.index('id = "HN-03-2"')) + len('measures = "')
    plan.write_text(text[:at] + "\\u001b[31m" + text[at:], encoding="utf-8")
    out = county.with_name("r.docx")
    code, _, err = run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0, err
    assert "report.practices 含有不能写入 Word 文件的控制字符（U+0001、U+001F），已删除" in err
    assert "report.signer 含有不能写入 Word 文件的控制字符（U+0008）" in err
    assert "items[HN-03-2].measures 含有不能写入 Word 文件的控制字符（U+001B）" in err
    body = texts(open_docx(out))
    assert "一是建立周调度机制。" in body and any("签发人：李四" in t for t in body)
    code, _, err = run(capsys, "letters", str(county), "-o", str(county.parent / "out"), "--as-of", AS_OF,
                       "--no-entry-points")
    assert code == 0 and "U+001B" in err


def test_a_title_and_a_unit_name_beyond_the_file_property_limits_are_shortened_not_fatal(capsys, county):
    title = "关于" + "城市管理执法队伍规范化建设" * 30 + "的报告"
    name = "某省某市某县" + "城市管理和综合执法局" * 28
    text = county.read_text(encoding="utf-8").replace('name = "某县城市管理和综合执法局"', f'name = "{name}"', 1)
    county.write_text(text + f'\n[report]\ntitle = "{title}"\n', encoding="utf-8")
    out = county.with_name("r.docx")
    code, _, err = run(capsys, "report", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0, err
    assert title not in err and len(err) < 2000
    core = open_docx(out).core_properties
    assert len(core.title) == 255 and core.title.endswith("…") and title.startswith(core.title[:-1])
    assert len(core.author) <= 255 and name.startswith(core.author.rstrip("…"))
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None


def test_a_letter_for_a_unit_with_a_very_long_name_gets_a_file_name_the_file_system_accepts(capsys, county):
    unit = "城市管理综合行政执法大队" * 12
    plan = county.with_name("county.plan.toml")
    plan.write_text(plan.read_text(encoding="utf-8").replace('"一中队"', f'"{unit}"'), encoding="utf-8")
    out = county.parent / "out"
    code, _, err = run(capsys, "letters", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0, err
    long_file = next(p for p in out.iterdir() if p.name.startswith("责任书-城市管理"))
    assert len(long_file.name.encode()) < 255 and f"（{unit}）" in err


def test_a_unit_name_of_a_hundred_organs_breaks_into_lines_at_once():
    from ucm_check.documents.names import lines

    name = "城市管理和综合执法局" * 100
    assert "".join(lines(name, 20)) == name and all(len(ln) <= 20 for ln in lines(name, 20))
