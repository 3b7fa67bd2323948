"""Chinese line breaking: no line starts with closing punctuation, no date, number or code is split."""

from __future__ import annotations

import pytest
from rich.text import Text

from ucm_check.tui.linebreak import CLOSING, wrap_text

RULE = "城管执法人员文明执法(以信访等有关部门提供的举报、投诉等查处情况为依据)计3分。每发现一起语言粗俗、行为粗暴等不文明行为扣0.5分，扣完3分为止。"
TAIL = "截至 2023-12-10 前完成（2020）整改，见 HN-06-4，持证率 93.8%。"


@pytest.mark.parametrize("width", range(8, 81))
def test_no_line_starts_with_closing_punctuation_and_nothing_is_lost(width):
    lines = [line.plain for line in wrap_text(Text(RULE + TAIL), width)]
    assert "".join(lines).replace(" ", "") == (RULE + TAIL).replace(" ", "")
    assert all(not line.startswith(tuple(CLOSING)) for line in lines[1:]), lines


@pytest.mark.parametrize("width", range(12, 81))
def test_a_date_a_rule_code_a_percentage_and_a_bracketed_year_stay_whole(width):
    lines = [line.plain for line in wrap_text(Text(RULE + TAIL), width)]
    for whole in ("2023-12-10", "HN-06-4", "93.8%", "（2020）", "0.5"):
        assert any(whole in line for line in lines), (whole, lines)


def test_a_line_ending_on_an_opening_bracket_takes_it_to_the_next_line():
    lines = [line.plain for line in wrap_text(Text("一二三四五（六七）"), 6)]
    assert lines == ["一二三", "四五", "（六七）"] or not lines[0].endswith("（")
    assert all(not line.endswith("（") for line in lines)


def test_styles_survive_the_breaking():
    text = Text("扣 0.5 分。")
    text.stylize("bold red", 0, 1)
    (line,) = wrap_text(text, 40)
    assert line.spans and line.spans[0].style == "bold red"


@pytest.mark.parametrize("width", range(12, 81))
def test_a_number_keeps_its_measure_word(width):
    lines = [line.plain for line in wrap_text(Text(RULE + TAIL), width)]
    assert not any(line.startswith("分") for line in lines), lines


#: Words a clerk saw split (不适 / 用) and words of the UI and the rule texts of each pack.
WORDS = ["不适用", "牵头单位", "整改措施", "持证率", "满意度", "执法人员", "投诉", "规范", "不扣分", "未规范"]
SENTENCE = ("本条对本单位不适用的，请在此说明理由；牵头单位应当制定整改措施，执法人员持证率和群众满意度按规范计算，"
            "投诉须办结。已获文明单位的不扣分，发现摊点未规范管理的扣分。")


@pytest.mark.parametrize("width", range(10, 81))  # below 10 cells 整改措施， (a word and its comma) cannot fit
def test_a_word_is_never_split_across_lines(width):
    lines = [line.plain for line in wrap_text(Text(SENTENCE), width)]
    assert "".join(lines) == SENTENCE
    for word in WORDS:
        assert any(word in line for line in lines), (word, lines)


def test_the_word_list_holds_the_words_of_every_pack_and_is_read_only_when_text_has_hanzi():
    from ucm_check.tui import linebreak

    linebreak.words.cache_clear()
    wrap_text(Text("HN-06-4 2023-12-10 93.8%"), 10)
    assert linebreak.words.cache_info().currsize == 0      # no hanzi: the list is not even read
    listed, longest = linebreak.words()
    assert {"不适用", "城管执法", "持证率", "牵头单位", "未填写"} <= listed and 2 <= longest <= 8


def test_a_field_set_apart_by_two_spaces_moves_whole_to_the_next_line_when_it_fits_there():
    line = "整改完成率 0%（0/17）  逾期 0 项  截至 2026-11-24  整改台账：某县城市管理和综合执法局"
    lines = [part.plain for part in wrap_text(Text(line), 64)]   # 某县 would still fit on the first line
    assert lines == ["整改完成率 0%（0/17）  逾期 0 项  截至 2026-11-24", "整改台账：某县城市管理和综合执法局"]


@pytest.mark.parametrize("width", range(20, 81))
def test_a_file_path_breaks_only_after_a_separator_so_the_file_name_stays_whole(width):
    text = "已导出：/tmp/pytest-of-root/pytest-635/test_unit_info0/乙县-自评报告.docx，另见 C:\\材料\\整改台账.xlsx。"
    lines = [line.plain for line in wrap_text(Text(text), width)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert any("乙县-自评报告.docx" in line for line in lines) and any("整改台账.xlsx" in line for line in lines), lines
    assert not any(line.startswith(("县-", "-自评", "自评报告", ".docx", "docx", "635/", "\\整改")) for line in lines), lines


@pytest.mark.parametrize("width", range(12, 41))
def test_the_english_ui_breaks_between_words_only(width):
    text = "The file can't be written: it is read-only (mode 0444). Save it as a new file; ctrl+s saves as."
    lines = [line.plain for line in wrap_text(Text(text), width)]
    assert " ".join(lines).split() == text.split()
    assert all(cell <= width for cell in map(len, lines)), lines
