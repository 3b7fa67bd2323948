"""Textual's TextArea, soft-wrapped by our Chinese line-breaking rules.

Textual folds a TextArea's lines by cells, so the clerk's own 整改措施 could show a visual line
that starts with a lone 。. Its wrapped view asks one function, ``compute_wrap_offsets`` in
``textual.document._wrapped_document``, where each line breaks; importing this module points that
name at :func:`wrap_offsets`, which answers with :func:`ucm_check.tui.linebreak.break_offsets`
in an app that asks for it (see :mod:`ucm_check.tui.wrapping`): every TextArea of the main TUI,
the 单位信息 paragraphs too. Copying Textual's two wrap methods into a subclass would be the alternative; a
test fails if Textual renames the hook (``tests/tui/test_textarea.py``). Every other widget's
text is wrapped through :mod:`ucm_check.tui.wrapping`; this hook lives apart because loading
TextArea costs about 25 ms, paid only when a dialog with one opens. Lines with a tab keep
Textual's own wrapping, which accounts for tab stops; ours does not.
"""

from __future__ import annotations

from textual._wrap import compute_wrap_offsets as textual_offsets
from textual.document import _wrapped_document
from textual.widgets import TextArea

from ucm_check.tui.linebreak import break_offsets
from ucm_check.tui.wrapping import chinese_app

__all__ = ["TextArea", "wrap_offsets"]


def wrap_offsets(text: str, width: int, tab_size: int, fold: bool = True,
                 precomputed_tab_sections: list[tuple[str, int]] | None = None) -> list[int]:
    """Where a TextArea line of ``text`` breaks at ``width`` cells (Textual's signature)."""
    if "\t" in text or not chinese_app():
        return textual_offsets(text, width, tab_size, fold, precomputed_tab_sections)
    return break_offsets(text, width)


_wrapped_document.compute_wrap_offsets = wrap_offsets
