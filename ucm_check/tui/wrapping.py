"""Every Static, Label and notification of the main TUI wraps by our Chinese line breaking.

Textual folds Chinese text by cells, so a notice or a dialog's message could start a line with a
lone 。 or cut a word in two (不适 / 用). It asks one function where a line of a widget's text
breaks, ``divide_line`` in ``textual.content``; importing this module points it at
:func:`divide_line`, which answers with :func:`~ucm_check.tui.linebreak.break_offsets` while the
running app says ``CHINESE_LINE_BREAKING = True`` (the main TUI and the intake and assess TUIs do,
through :class:`~ucm_check.tui.conventions.ChineseApp`) and with Rich's own answer otherwise, so
other apps in the same process (tests, a plugin's own) keep Textual's wrapping whatever was imported
first. ``ucm_check.tui.screens`` imports it, so every screen of
the main TUI follows the same rules (:class:`~ucm_check.tui.linebreak.Wrapped` is still
needed where Rich, not Textual, wraps: table cells). Costs nothing at start: ``textual.content``
is loaded by ``textual.app`` anyway. The TextArea has a hook of its own (:mod:`ucm_check.tui.textarea`,
loaded with the dialogs that use one). ``tests/tui/test_textarea.py`` fails if Textual renames
either hook.
"""

from __future__ import annotations

from rich._wrap import divide_line as rich_divide_line
from textual import content
from textual._context import active_app

from ucm_check.tui.linebreak import break_offsets

__all__ = ["chinese_app", "divide_line"]


def chinese_app() -> bool:
    """True while the app being drawn asks for Chinese line breaking."""
    return getattr(active_app.get(None), "CHINESE_LINE_BREAKING", False)


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where a line of a widget's ``text`` breaks at ``width`` cells (Rich's signature; in a Chinese
    app a word wider than the line is always folded, as everywhere in our UI)."""
    if not chinese_app():
        return rich_divide_line(text, width, fold)
    return break_offsets(text, width)


content.divide_line = divide_line
