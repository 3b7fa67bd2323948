"""The clerk's own paragraphs (整改措施, 单位信息) wrap in their TextArea by the Chinese rules."""

from __future__ import annotations

from textual.app import App, ComposeResult

from ucm_check.tui.linebreak import CLOSING
from ucm_check.tui.textarea import TextArea

MEASURES = "建立交办事项台账，明确报送责任人和时限，逾期事项立即补报。不适用的事项写明理由（2026-12-31前）。"


class OneBox(App):
    CHINESE_LINE_BREAKING = True  # as the main TUI says

    def compose(self) -> ComposeResult:
        yield TextArea(MEASURES, soft_wrap=True)


class OtherApp(OneBox):
    CHINESE_LINE_BREAKING = False


def visual_lines(box: TextArea) -> list[str]:
    """The lines as the TextArea draws them (each document line cut into its wrapped sections)."""
    return [section for line in box.wrapped_document.lines for section in line]


async def test_no_visual_line_starts_with_closing_punctuation_nor_splits_a_word_or_date_while_typing():
    app = OneBox()
    for columns in (40, 44, 50, 57, 80):
        async with app.run_test(size=(columns, 12)) as pilot:
            box = app.query_one(TextArea)
            box.cursor_blink = False
            box.focus()
            box.move_cursor(box.document.end)
            await pilot.press(*"补充")                    # typed: the edited line is re-wrapped (wrap_range)
            box.insert("。")                               # (the pilot has no key for a full stop)
            await pilot.pause()
            lines = visual_lines(box)
            assert "".join(lines) == MEASURES + "补充。" and len(lines) > 1, lines
            assert not any(line.startswith(tuple(CLOSING)) for line in lines[1:]), (columns, lines)
            assert any("2026-12-31" in line for line in lines) and any("不适用" in line for line in lines), lines
        app = OneBox()


def test_textual_still_asks_the_hook_we_point_at_our_line_breaking():
    from textual.document import _wrapped_document

    from ucm_check.tui.textarea import wrap_offsets

    assert _wrapped_document.compute_wrap_offsets is wrap_offsets
    assert "compute_wrap_offsets" in _wrapped_document.WrappedDocument.wrap.__code__.co_names
    assert "compute_wrap_offsets" in _wrapped_document.WrappedDocument.wrap_range.__code__.co_names


def test_every_widget_of_the_main_tui_wraps_through_our_line_breaking():
    import textual.content

    import ucm_check.tui.screens  # noqa: F401  (what installs it)
    from ucm_check.tui.wrapping import divide_line

    assert textual.content.divide_line is divide_line
    assert "divide_line" in textual.content.Content._wrap_and_format.__code__.co_names


async def test_an_app_that_does_not_ask_keeps_textual_wrapping_whatever_was_imported_first():
    """The hooks are process-wide; the intake and assess TUIs (and their snapshot tests, run in the
    same process as ours) must not change with the order of imports."""
    from textual._wrap import compute_wrap_offsets

    app = OtherApp()
    async with app.run_test(size=(44, 12)) as pilot:
        box = app.query_one(TextArea)
        await pilot.pause()
        assert box.wrapped_document._wrap_offsets[0] == compute_wrap_offsets(MEASURES, box.wrapped_document._width, 4)
